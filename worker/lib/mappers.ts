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

const round1 = (n: number | null) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);

export function isOpen(row: { application_deadline: string | null; ends_on: string | null }, today: string): boolean {
  return (row.application_deadline ?? '9999-12-31') >= today && (row.ends_on ?? '9999-12-31') >= today;
}

export function toSummary(row: SummaryRow, today: string): OpportunitySummary {
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
    distanceKm: round1(row.distance_km),
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

export function toDetail(row: DetailRow, today: string): OpportunityDetail {
  const summary = toSummary(row, today);
  const virtual = row.mode === 'virtual';
  return {
    ...summary,
    description: row.description,
    tasks: parseJsonList(row.tasks),
    onetSoc: row.onet_soc,
    technicalSkills: parseJsonList(row.technical_skills),
    employer: {
      id: row.employer_id,
      name: row.employer_name,
      website: row.employer_website,
      description: row.employer_description,
      city: row.employer_city,
      clusters: parseJsonList(row.employer_clusters),
    },
    locationName: row.location_name,
    address: virtual ? null : row.address,
    state: row.state,
    postalCode: row.postal_code,
    lat: virtual ? null : row.lat,
    lng: virtual ? null : row.lng,
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
