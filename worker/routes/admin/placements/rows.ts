/**
 * Loading an application the user may see, and what every placement write shares: its audit
 * rows (about the student behind it), its messages, and conditional inserts for a batch.
 *
 * Who may see what: coordinators and admins the whole tenant; a supervisor only the
 * placements assigned to them, at their employer, from acceptance on.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import * as z from 'zod/mini';
import { EVALUATION_PHASES } from '../../../../schema/vocab.js';
import { idOf } from '../../../../schema/api/admin/student-fields.js';
import type { SessionUser } from '../../../../schema/api/auth.js';
import type { ApplicationStatus } from '../../../../schema/vocab.js';
import { applications, employers, opportunities, outbox, schools, students, tenants, users } from '../../../../schema/db/tables.js';
import { auditRow, auditRowIf } from '../../../lib/audit.js';
import type { Database } from '../../../lib/db.js';
import type { PlacementWords } from '../../../lib/pipeline.js';
import type { LanguageFacts } from '../../../lib/placement-mail.js';
import { ProblemError } from '../../../lib/problem.js';

export const AppParam = z.object({ id: idOf('app') });
export const EvalParam = z.object({ id: idOf('app'), phase: z.enum(EVALUATION_PHASES) });
export const HourParam = z.object({ id: idOf('hrs') });

/** An application with its student, opportunity, employer, district and supervisor. */
export const appFields = {
  id: applications.id,
  tenantId: applications.tenantId,
  reference: applications.reference,
  status: applications.status,
  studentId: applications.studentId,
  opportunityId: applications.opportunityId,
  supervisorUserId: applications.supervisorUserId,
  startedOn: applications.startedOn,
  completedOn: applications.completedOn,
  createdAt: applications.createdAt,
  updatedAt: applications.updatedAt,
  statement: applications.statement,
  availability: applications.availability,
  transportation: applications.transportation,
  accommodations: applications.accommodations,
  appGuardianName: applications.guardianName,
  appGuardianEmail: applications.guardianEmail,
  /** The language the student applied in: their messages' language unless their preferences say otherwise. */
  lang: applications.lang,
  preferredName: students.preferredName,
  grade: students.grade,
  birthYear: students.birthYear,
  under13: students.under13,
  studentEmail: students.email,
  studentGuardianEmail: students.guardianEmail,
  schoolId: students.schoolId,
  schoolName: schools.name,
  title: opportunities.title,
  stage: opportunities.stage,
  type: opportunities.type,
  cluster: opportunities.cluster,
  startsOn: opportunities.startsOn,
  endsOn: opportunities.endsOn,
  schedule: opportunities.schedule,
  skills: opportunities.skills,
  technicalSkills: opportunities.technicalSkills,
  employerId: employers.id,
  employerName: employers.name,
  employerContactEmail: employers.contactEmail,
  supervisorName: users.name,
  supervisorEmail: users.email,
  /** The supervisor named without an account (`applications.supervisor_name` / `_email`): they act by link. */
  namedSupervisorName: applications.supervisorName,
  namedSupervisorEmail: applications.supervisorEmail,
  districtName: tenants.name,
  timeZone: tenants.timeZone,
  defaultLocale: tenants.defaultLocale,
  issuerEmail: tenants.issuerEmail,
};

/** What a supervisor may see of the pipeline: placements from acceptance on (cancelled ones were accepted first). */
const SUPERVISED = ['accepted', 'confirmed', 'active', 'completed', 'cancelled'] as const satisfies readonly ApplicationStatus[];

/**
 * The tenant's condition is the caller's; for a supervisor this adds: only the placements
 * assigned to them, at their employer, from acceptance on. Applications under review or
 * declined are the school's business, not the host's; a colleague's placement at the same
 * employer is not theirs either. Refers to `opportunities`, so the query joins it.
 */
export function scope(user: SessionUser): SQL | undefined {
  if (user.role !== 'supervisor') return undefined;
  return and(eq(applications.supervisorUserId, user.id), eq(opportunities.employerId, user.employerId ?? ''), inArray(applications.status, SUPERVISED));
}

export const selectApp = (db: Database, user: SessionUser, id: string) =>
  db
    .select(appFields)
    .from(applications)
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .innerJoin(employers, eq(employers.id, opportunities.employerId))
    .innerJoin(tenants, eq(tenants.id, applications.tenantId))
    .leftJoin(schools, eq(schools.id, students.schoolId))
    .leftJoin(users, eq(users.id, applications.supervisorUserId))
    .where(and(eq(applications.id, id), eq(applications.tenantId, user.tenantId), scope(user)));

export type AppRow = Awaited<ReturnType<typeof selectApp>>[number];

export const notFound = () => new ProblemError('notFound', { detail: 'No application with this id here.' });

export async function loadApp(db: Database, user: SessionUser, id: string): Promise<AppRow> {
  const row = await selectApp(db, user, id).get();
  if (!row) throw notFound();
  return row;
}

/** Supervisors act only on placements assigned to them; coordinators and admins on every one. */
export function mustSupervise(user: SessionUser, row: AppRow): void {
  if (user.role === 'coordinator' || user.role === 'admin') return;
  if (user.role === 'supervisor' && row.employerId === user.employerId && row.supervisorUserId === user.id) return;
  throw new ProblemError('forbidden', { detail: 'Only this placement’s supervisor or a coordinator can do this.' });
}

export const words = (r: AppRow): PlacementWords => ({
  reference: r.reference,
  studentName: r.preferredName,
  title: r.title,
  employerName: r.employerName,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  districtName: r.districtName,
});

/** What decides the language of the application's messages (lib/placement-mail.ts). */
export const languageFacts = (r: AppRow): LanguageFacts => ({ tenantId: r.tenantId, appLang: r.lang, districtLocale: r.defaultLocale });

/**
 * An audit row about the student behind an application: every read and write of placement
 * data is one. With `onlyIf` it is written only while that holds when the batch reaches it.
 */
export function placementAudit(
  db: Database,
  user: SessionUser,
  action: string,
  row: Pick<AppRow, 'studentId' | 'id'>,
  detail: Record<string, unknown> = {},
  onlyIf?: SQL,
) {
  const entry = {
    tenantId: user.tenantId,
    actorType: 'user' as const,
    actorId: user.id,
    action,
    entity: 'student',
    entityId: row.studentId,
    detail: { applicationId: row.id, ...detail },
  };
  return onlyIf ? auditRowIf(db, entry, onlyIf) : auditRow(db, entry);
}

/** The student's address: their own on the roster, else the one they applied with (the first message sent about the application). */
export async function studentRecipient(db: Database, row: AppRow): Promise<string> {
  if (row.studentEmail) return row.studentEmail;
  const first = await db
    .select({ recipient: outbox.recipient })
    .from(outbox)
    .where(and(eq(outbox.relatedId, row.id), eq(outbox.tenantId, row.tenantId)))
    .orderBy(outbox.createdAt, sql`${outbox}.rowid`)
    .limit(1)
    .get();
  return first?.recipient ?? `${row.preferredName} (no email on file: print this message for the student)`;
}

/**
 * The guardian's address: the roster's, and only the roster's. The contact typed into the
 * application form is the student's word for who their guardian is, so nothing goes to it.
 */
export const guardianRecipient = (row: AppRow): string | null => row.studentGuardianEmail?.trim() || null;
