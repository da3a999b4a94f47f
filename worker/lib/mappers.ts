/**
 * Database rows become API shapes only here, field by field, so a new column never reaches a
 * public response by accident.
 */
import type { OpportunityDetail, OpportunitySummary } from '../../schema/api/opportunities.js';
import type { SummaryRow } from './opportunity-query.js';

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

export function isOpen(row: { application_deadline: string | null; ends_on: string | null }, today: string): boolean {
  return (row.application_deadline ?? '9999-12-31') >= today && (row.ends_on ?? '9999-12-31') >= today;
}

/**
 * What a viewer may learn of where an opportunity is. A virtual one has no place. One that
 * another tenant shares is seen by people that tenant never vetted or contracted with, so
 * they get the town (city, state, ZIP) and a distance rounded to whole kilometres, never the
 * street address or coordinates (in the seed, as in practice, the worksite is the employer's
 * own address). The owner's own board shows everything.
 */
function placeOf(row: Pick<SummaryRow, 'mode' | 'tenant_id'>, viewerTenantId: string) {
  return { virtual: row.mode === 'virtual', shared: row.tenant_id !== viewerTenantId };
}

/**
 * A card of the public list. `viewerTenantId` is the tenant of the site asking: rows shared in
 * from another tenant show less (see placeOf).
 */
export function toSummary(row: SummaryRow, today: string, viewerTenantId: string): OpportunitySummary {
  const place = placeOf(row, viewerTenantId);
  const distance = place.virtual || row.distance_km === null || row.distance_km === undefined ? null
    : place.shared ? Math.round(row.distance_km) : round1(row.distance_km);
  return {
    id: row.id,
    title: row.title,
    employer: { id: row.employer_id, name: row.employer_name },
    stage: row.stage as OpportunitySummary['stage'],
    type: row.type as OpportunitySummary['type'],
    cluster: row.cluster as OpportunitySummary['cluster'],
    compensation: {
      type: row.compensation_type as OpportunitySummary['compensation']['type'],
      amountCents: row.compensation_type === 'unpaid' ? null : row.compensation_cents,
      currency: 'USD',
    },
    mode: row.mode as OpportunitySummary['mode'],
    city: row.city,
    transitAccessible: row.transit_accessible === 1,
    distanceKm: distance,
    applicationDeadline: row.application_deadline,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    gradeMin: row.grade_min,
    gradeMax: row.grade_max,
    skills: parseJsonList(row.skills),
    open: isOpen(row, today),
    publishedAt: row.published_at,
  };
}

export interface DetailRow extends SummaryRow {
  description: string; tasks: string; onet_soc: string | null; technical_skills: string; location_name: string | null;
  address: string | null; state: string | null; postal_code: string | null; lat: number | null; lng: number | null;
  transit_notes: string | null; min_age: number | null; capacity: number; schedule: string | null; time_slots: string;
  hours_per_week: number | null; requires_background_check: number; requires_guardian_consent: number;
  required_documents: string; employer_website: string | null; employer_description: string | null;
  employer_city: string | null; employer_clusters: string;
}

/**
 * The detail page. Only the employer's public fields (name, website, description, city,
 * clusters) ever leave here: never its contact person (name, title, email, phone) nor its
 * street address, whoever asks. The opportunity's street and coordinates are left out for a
 * virtual opportunity and for one shared in from another tenant.
 */
export function toDetail(row: DetailRow, today: string, viewerTenantId: string): OpportunityDetail {
  const summary = toSummary(row, today, viewerTenantId);
  const place = placeOf(row, viewerTenantId);
  const hidden = place.virtual || place.shared;
  return {
    ...summary,
    description: row.description,
    tasks: parseJsonList(row.tasks),
    onetSoc: row.onet_soc,
    technicalSkills: parseJsonList(row.technical_skills),
    employer: {
      id: row.employer_id,
      name: row.employer_name,
      website: publicLink(row.employer_website),
      description: row.employer_description,
      city: row.employer_city,
      clusters: parseJsonList(row.employer_clusters),
    },
    locationName: row.location_name,
    address: hidden ? null : row.address,
    state: row.state,
    postalCode: place.virtual ? null : row.postal_code,
    lat: hidden ? null : row.lat,
    lng: hidden ? null : row.lng,
    transitNotes: row.transit_notes,
    minAge: row.min_age,
    capacity: row.capacity,
    schedule: row.schedule,
    timeSlots: parseJsonList(row.time_slots),
    hoursPerWeek: row.hours_per_week,
    requirements: {
      backgroundCheck: row.requires_background_check === 1,
      guardianConsent: row.requires_guardian_consent === 1,
      documents: parseJsonList(row.required_documents),
    },
  };
}
