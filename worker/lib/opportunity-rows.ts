/**
 * Opportunities as the console writes and reads them: one record type for a whole row, the
 * INSERT that writes it (inside a guarded batch), the columns a partial update may touch, and
 * the mappers from rows to the admin shapes. Public shapes stay in ./mappers.ts.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import type { AdminOpportunity, AdminOpportunitySummary } from '../../schema/api/admin/catalog.js';
import type { Guard } from './admin-kit.js';
import { parseJsonList } from './mappers.js';

/** Every column of an opportunity the console decides, camelCase. */
export interface OpportunityRecord {
  id: string; tenantId: string; employerId: string; title: string; description: string; tasks: string[];
  stage: string; type: string; cluster: string; onetSoc: string | null; skills: string[]; technicalSkills: string[];
  compensationType: string; compensationCents: number | null; mode: string; locationName: string | null;
  address: string | null; city: string | null; state: string | null; postalCode: string | null; lat: number | null; lng: number | null;
  transitAccessible: boolean; transitNotes: string | null; gradeMin: number; gradeMax: number; minAge: number | null; capacity: number;
  schedule: string | null; timeSlots: string[]; hoursPerWeek: number | null; startsOn: string | null; endsOn: string | null;
  applicationDeadline: string | null; requiresBackgroundCheck: boolean; requiresGuardianConsent: boolean; requiredDocuments: string[];
  status: string; publishedAt: string | null;
}

const COLUMNS: [keyof OpportunityRecord, string][] = [
  ['id', 'id'], ['tenantId', 'tenant_id'], ['employerId', 'employer_id'], ['title', 'title'], ['description', 'description'], ['tasks', 'tasks'],
  ['stage', 'stage'], ['type', 'type'], ['cluster', 'cluster'], ['onetSoc', 'onet_soc'], ['skills', 'skills'], ['technicalSkills', 'technical_skills'],
  ['compensationType', 'compensation_type'], ['compensationCents', 'compensation_cents'], ['mode', 'mode'], ['locationName', 'location_name'],
  ['address', 'address'], ['city', 'city'], ['state', 'state'], ['postalCode', 'postal_code'], ['lat', 'lat'], ['lng', 'lng'],
  ['transitAccessible', 'transit_accessible'], ['transitNotes', 'transit_notes'], ['gradeMin', 'grade_min'], ['gradeMax', 'grade_max'],
  ['minAge', 'min_age'], ['capacity', 'capacity'], ['schedule', 'schedule'], ['timeSlots', 'time_slots'], ['hoursPerWeek', 'hours_per_week'],
  ['startsOn', 'starts_on'], ['endsOn', 'ends_on'], ['applicationDeadline', 'application_deadline'],
  ['requiresBackgroundCheck', 'requires_background_check'], ['requiresGuardianConsent', 'requires_guardian_consent'],
  ['requiredDocuments', 'required_documents'], ['status', 'status'], ['publishedAt', 'published_at'],
];

const stored = (v: unknown) => (Array.isArray(v) ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v ?? null);

/**
 * The INSERT of a whole opportunity, written only while `guard` holds (see auditIf). The FTS
 * triggers of migration 0001 index it in the same transaction, so search sees it at once.
 */
export function insertOpportunity(db: D1Database, r: OpportunityRecord, guard: Guard): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO opportunities (${COLUMNS.map(([, c]) => c).join(', ')})
     SELECT ${COLUMNS.map(() => '?').join(', ')} WHERE ${guard.sql}`,
  ).bind(...COLUMNS.map(([k]) => stored(r[k])), ...guard.params);
}

/**
 * The fields of an update body and the columns they set. Compensation and requirements are
 * objects in the body and several columns in the row; the route flattens them first.
 */
export const PATCH_COLUMNS: Record<string, string> = Object.fromEntries(
  COLUMNS.filter(([k]) => !['id', 'tenantId', 'status', 'publishedAt'].includes(k)).map(([k, c]) => [k, c]),
);

export interface AdminOpportunityRow {
  seq: number; id: string; tenant_id: string; employer_id: string; employer_name: string; vetting_status: string; title: string;
  description: string; tasks: string; stage: string; type: string; cluster: string; onet_soc: string | null; skills: string;
  technical_skills: string; compensation_type: string; compensation_cents: number | null; mode: string; location_name: string | null;
  address: string | null; city: string | null; state: string | null; postal_code: string | null; lat: number | null; lng: number | null;
  transit_accessible: number; transit_notes: string | null; grade_min: number; grade_max: number; min_age: number | null; capacity: number;
  schedule: string | null; time_slots: string; hours_per_week: number | null; starts_on: string | null; ends_on: string | null;
  application_deadline: string | null; requires_background_check: number; requires_guardian_consent: number; required_documents: string;
  status: string; published_at: string | null; created_at: string; updated_at: string; applications?: number;
}

/** The opportunity with its employer's name and vetting status. */
export const ADMIN_OPPORTUNITY_SELECT = `SELECT o.*, e.name AS employer_name, e.vetting_status
  FROM opportunities o JOIN employers e ON e.id = o.employer_id`;

export function toAdminOpportunitySummary(r: AdminOpportunityRow): AdminOpportunitySummary {
  return {
    id: r.id,
    title: r.title,
    status: r.status as AdminOpportunitySummary['status'],
    stage: r.stage as AdminOpportunitySummary['stage'],
    type: r.type as AdminOpportunitySummary['type'],
    cluster: r.cluster as AdminOpportunitySummary['cluster'],
    employer: { id: r.employer_id, name: r.employer_name, vettingStatus: r.vetting_status as AdminOpportunitySummary['employer']['vettingStatus'] },
    mode: r.mode as AdminOpportunitySummary['mode'],
    city: r.city,
    capacity: r.capacity,
    applicationDeadline: r.application_deadline,
    startsOn: r.starts_on,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
  };
}

export function toAdminOpportunity(r: AdminOpportunityRow): AdminOpportunity {
  return {
    ...toAdminOpportunitySummary(r),
    description: r.description,
    tasks: parseJsonList(r.tasks),
    onetSoc: r.onet_soc,
    skills: parseJsonList(r.skills),
    technicalSkills: parseJsonList(r.technical_skills),
    compensation: { type: r.compensation_type as AdminOpportunity['compensation']['type'], amountCents: r.compensation_type === 'unpaid' ? null : r.compensation_cents },
    locationName: r.location_name,
    address: r.address,
    state: r.state,
    postalCode: r.postal_code,
    lat: r.lat,
    lng: r.lng,
    transitAccessible: r.transit_accessible === 1,
    transitNotes: r.transit_notes,
    gradeMin: r.grade_min,
    gradeMax: r.grade_max,
    minAge: r.min_age,
    schedule: r.schedule,
    timeSlots: parseJsonList(r.time_slots),
    hoursPerWeek: r.hours_per_week,
    endsOn: r.ends_on,
    requirements: {
      backgroundCheck: r.requires_background_check === 1,
      guardianConsent: r.requires_guardian_consent === 1,
      documents: parseJsonList(r.required_documents),
    },
    applications: r.applications ?? 0,
    createdAt: r.created_at,
  };
}
