/**
 * Opportunities as the console writes and reads them: one record type for a whole row, the
 * INSERT that writes it (inside a guarded batch), the fields a partial update may touch, the
 * select of an opportunity with its employer, and the mappers from rows to the admin shapes.
 * Public shapes stay in ./mappers.ts.
 */
import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { AdminOpportunity, AdminOpportunitySummary } from '../../schema/api/admin/catalog.js';
import { applications, employers, opportunities } from '../../schema/db/tables.js';
import { insertRowIf } from './admin-kit.js';
import type { Database } from './db.js';

type OpportunityInsert = typeof opportunities.$inferInsert;

/** Every column of an opportunity the console decides (all but the sequence number and the timestamps). */
export type OpportunityRecord = Required<Omit<OpportunityInsert, 'seq' | 'createdAt' | 'updatedAt'>>;

/**
 * The INSERT of a whole opportunity, written only while `guard` holds (see auditRowIf). The FTS
 * triggers of migration 0001 index it in the same transaction, so search sees it at once.
 */
export function insertOpportunity(db: Database, r: OpportunityRecord, guard: SQL = sql`1`) {
  return insertRowIf(db, opportunities, r, guard);
}

/** The fields an update body may set: everything but the id, the tenant and the status (which moves through its actions). */
export type OpportunityPatch = Partial<Omit<OpportunityRecord, 'id' | 'tenantId' | 'status' | 'publishedAt'>>;

const PATCHABLE = [
  'employerId',
  'title',
  'description',
  'titleEs',
  'descriptionEs',
  'tasks',
  'stage',
  'type',
  'cluster',
  'onetSoc',
  'skills',
  'technicalSkills',
  'compensationType',
  'compensationCents',
  'mode',
  'locationName',
  'address',
  'city',
  'state',
  'postalCode',
  'lat',
  'lng',
  'transitAccessible',
  'transitNotes',
  'gradeMin',
  'gradeMax',
  'minAge',
  'capacity',
  'schedule',
  'timeSlots',
  'hoursPerWeek',
  'startsOn',
  'endsOn',
  'applicationDeadline',
  'requiresBackgroundCheck',
  'requiresGuardianConsent',
  'requiredDocuments',
] as const satisfies readonly (keyof OpportunityPatch)[];

/** The patchable fields a body sent (undefined ones left out, null ones kept: null clears a field), for drizzle's `.set()`. */
export function opportunityPatch(fields: OpportunityPatch): OpportunityPatch {
  return Object.fromEntries(PATCHABLE.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]]));
}

/** The opportunity's columns with its employer's name and vetting status. */
const ADMIN_OPPORTUNITY_FIELDS = {
  ...getTableColumns(opportunities),
  employerName: employers.name,
  vettingStatus: employers.vettingStatus,
};

/** The opportunities with their employers, to narrow with `.where()`. */
export const selectAdminOpportunities = (db: Database) =>
  db.select(ADMIN_OPPORTUNITY_FIELDS).from(opportunities).innerJoin(employers, eq(employers.id, opportunities.employerId));

/** As selectAdminOpportunities, with the number of applications (for one opportunity's page). */
export const selectAdminOpportunityWithCount = (db: Database) =>
  db
    .select({ ...ADMIN_OPPORTUNITY_FIELDS, applications: db.$count(applications, eq(applications.opportunityId, opportunities.id)) })
    .from(opportunities)
    .innerJoin(employers, eq(employers.id, opportunities.employerId));

export type AdminOpportunityRow = typeof opportunities.$inferSelect & {
  employerName: string;
  vettingStatus: AdminOpportunitySummary['employer']['vettingStatus'];
  applications?: number;
};

export function toAdminOpportunitySummary(r: AdminOpportunityRow): AdminOpportunitySummary {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    // Stage, type and cluster are free text in the table; the writes only ever store the vocabulary's keys.
    stage: r.stage as AdminOpportunitySummary['stage'],
    type: r.type as AdminOpportunitySummary['type'],
    cluster: r.cluster as AdminOpportunitySummary['cluster'],
    employer: { id: r.employerId, name: r.employerName, vettingStatus: r.vettingStatus },
    mode: r.mode,
    city: r.city,
    capacity: r.capacity,
    applicationDeadline: r.applicationDeadline,
    startsOn: r.startsOn,
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
  };
}

export function toAdminOpportunity(r: AdminOpportunityRow): AdminOpportunity {
  return {
    ...toAdminOpportunitySummary(r),
    description: r.description,
    titleEs: r.titleEs,
    descriptionEs: r.descriptionEs,
    tasks: r.tasks,
    onetSoc: r.onetSoc,
    skills: r.skills,
    technicalSkills: r.technicalSkills,
    compensation: { type: r.compensationType, amountCents: r.compensationType === 'unpaid' ? null : r.compensationCents },
    locationName: r.locationName,
    address: r.address,
    state: r.state,
    postalCode: r.postalCode,
    lat: r.lat,
    lng: r.lng,
    transitAccessible: r.transitAccessible,
    transitNotes: r.transitNotes,
    gradeMin: r.gradeMin,
    gradeMax: r.gradeMax,
    minAge: r.minAge,
    schedule: r.schedule,
    timeSlots: r.timeSlots,
    hoursPerWeek: r.hoursPerWeek,
    endsOn: r.endsOn,
    requirements: {
      backgroundCheck: r.requiresBackgroundCheck,
      guardianConsent: r.requiresGuardianConsent,
      documents: r.requiredDocuments,
    },
    applications: r.applications ?? 0,
    createdAt: r.createdAt,
  };
}
