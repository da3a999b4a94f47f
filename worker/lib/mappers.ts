/**
 * Database rows become API shapes only here, field by field, so a new column never reaches a
 * public response by accident.
 */
import type { OpportunityDetail, OpportunitySummary } from '../../schema/api/opportunities.js';
import type { Locale } from '../../schema/vocab.js';
import type { DetailRow, SummaryRow } from './opportunity-query.js';

export function parseJsonList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  try {
    return parseJsonList(JSON.parse(value));
  } catch {
    return [];
  }
}

/**
 * A stored link as the public may see it: http(s) only. Employers approved before websites were
 * checked may hold a `javascript:` one; it is dropped here as well as in the widgets, for any
 * other client of the API.
 */
export function publicLink(value: string | null): string | null {
  if (!value) return null;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:' ? value : null;
  } catch {
    return null;
  }
}

const round1 = (n: number | null) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);

export function isOpen(row: { applicationDeadline: string | null; endsOn: string | null }, today: string): boolean {
  return (row.applicationDeadline ?? '9999-12-31') >= today && (row.endsOn ?? '9999-12-31') >= today;
}

/**
 * What a viewer may learn of where an opportunity is. A virtual one has no place. One that
 * another tenant shares is seen by people that tenant never vetted or contracted with, so
 * they get the town (city, state, ZIP) and a distance rounded to whole kilometres, never the
 * street address or coordinates (in the seed, as in practice, the worksite is the employer's
 * own address). The owner's own board shows everything.
 */
function placeOf(row: Pick<SummaryRow, 'mode' | 'tenantId'>, viewerTenantId: string) {
  return { virtual: row.mode === 'virtual', shared: row.tenantId !== viewerTenantId };
}

/** A text in the viewer's language when the opportunity has it, else in English, and which it is. */
export function inLang(en: string, es: string | null | undefined, lang: Locale): { text: string; lang: Locale } {
  return lang === 'es' && es ? { text: es, lang: 'es' } : { text: en, lang: 'en' };
}

/**
 * A card of the public list. `viewerTenantId` is the tenant of the site asking: rows shared in
 * from another tenant show less (see placeOf). The title is in `lang` when the opportunity has
 * it in that language (`lang` on the card says which it is), else in English.
 */
export function toSummary(row: SummaryRow, today: string, viewerTenantId: string, lang: Locale = 'en'): OpportunitySummary {
  const place = placeOf(row, viewerTenantId);
  const distance = place.virtual || row.distanceKm === null ? null : place.shared ? Math.round(row.distanceKm) : round1(row.distanceKm);
  const title = inLang(row.title, row.titleEs, lang);
  return {
    id: row.id,
    title: title.text,
    lang: title.lang,
    employer: { id: row.employerId, name: row.employerName },
    stage: row.stage as OpportunitySummary['stage'],
    type: row.type as OpportunitySummary['type'],
    cluster: row.cluster as OpportunitySummary['cluster'],
    compensation: {
      type: row.compensationType,
      amountCents: row.compensationType === 'unpaid' ? null : row.compensationCents,
      currency: 'USD',
    },
    mode: row.mode,
    city: row.city,
    transitAccessible: row.transitAccessible,
    distanceKm: distance,
    applicationDeadline: row.applicationDeadline,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    gradeMin: row.gradeMin,
    gradeMax: row.gradeMax,
    skills: parseJsonList(row.skills),
    open: isOpen(row, today),
    publishedAt: row.publishedAt,
  };
}

/**
 * The detail page. Only the employer's public fields (name, website, description, city,
 * clusters) ever leave here: never its contact person (name, title, email, phone) nor its
 * street address, whoever asks. The opportunity's street and coordinates are left out for a
 * virtual opportunity and for one shared in from another tenant. Title and description are each
 * in `lang` when written in it, else in English (`lang` and `descriptionLang` say which).
 */
export function toDetail(row: DetailRow, today: string, viewerTenantId: string, lang: Locale = 'en'): OpportunityDetail {
  const summary = toSummary(row, today, viewerTenantId, lang);
  const place = placeOf(row, viewerTenantId);
  const hidden = place.virtual || place.shared;
  const description = inLang(row.description, row.descriptionEs, lang);
  return {
    ...summary,
    description: description.text,
    descriptionLang: description.lang,
    tasks: parseJsonList(row.tasks),
    onetSoc: row.onetSoc,
    technicalSkills: parseJsonList(row.technicalSkills),
    employer: {
      id: row.employerId,
      name: row.employerName,
      website: publicLink(row.employerWebsite),
      description: row.employerDescription,
      city: row.employerCity,
      clusters: parseJsonList(row.employerClusters),
    },
    locationName: row.locationName,
    address: hidden ? null : row.address,
    state: row.state,
    postalCode: place.virtual ? null : row.postalCode,
    lat: hidden ? null : row.lat,
    lng: hidden ? null : row.lng,
    transitNotes: row.transitNotes,
    minAge: row.minAge,
    capacity: row.capacity,
    schedule: row.schedule,
    timeSlots: parseJsonList(row.timeSlots),
    hoursPerWeek: row.hoursPerWeek,
    requirements: {
      backgroundCheck: row.requiresBackgroundCheck,
      guardianConsent: row.requiresGuardianConsent,
      documents: parseJsonList(row.requiredDocuments),
    },
  };
}
