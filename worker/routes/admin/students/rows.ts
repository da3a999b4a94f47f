/**
 * The roster's reads and the pieces its writes share: a student with their school, their
 * applications, the audit rows every read and write of a record leaves, and the fields a
 * write sends, as the table stores them.
 */
import { and, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { StudentCreate, StudentDetail } from '../../../../schema/api/admin/students.js';
import { idOf } from '../../../../schema/api/admin/student-fields.js';
import type { SessionUser } from '../../../../schema/api/auth.js';
import type { FieldError } from '../../../../schema/api/problem.js';
import { applications, auditLog, employers, opportunities, schools, students, tenants } from '../../../../schema/db/tables.js';
import { auditRow } from '../../../lib/audit.js';
import { todayIn } from '../../../lib/dates.js';
import type { Database } from '../../../lib/db.js';
import { ProblemError } from '../../../lib/problem.js';
import { isMinor, type RosterSchool } from '../../../lib/roster.js';
import { NOW } from './sql.js';

export const StudentParam = z.object({ id: idOf('stu') });

/** A student as the console shows them; `seq` (the rowid) breaks ties in the roster's order. */
export const studentFields = {
  seq: sql<number>`${students}.rowid`.mapWith(Number),
  id: students.id,
  tenantId: students.tenantId,
  schoolId: students.schoolId,
  schoolName: schools.name,
  studentNumber: students.studentNumber,
  preferredName: students.preferredName,
  grade: students.grade,
  birthYear: students.birthYear,
  under13: students.under13,
  guardianName: students.guardianName,
  guardianEmail: students.guardianEmail,
  email: students.email,
  studentGroups: students.studentGroups,
  concentrator: students.concentrator,
  hasCode: isNotNull(students.accessCodeHash).mapWith(Boolean),
  showNameOnBadges: students.showNameOnBadges,
  createdAt: students.createdAt,
  updatedAt: students.updatedAt,
};

export const ofStudent = (tenantId: string, id: string) => and(eq(students.id, id), eq(students.tenantId, tenantId));

export const selectStudent = (db: Database, tenantId: string, id: string) =>
  db.select(studentFields).from(students).leftJoin(schools, eq(schools.id, students.schoolId)).where(ofStudent(tenantId, id));

export type StudentRow = Awaited<ReturnType<typeof selectStudent>>[number];

export const selectApplications = (db: Database, tenantId: string, id: string) =>
  db
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      opportunityId: applications.opportunityId,
      title: opportunities.title,
      employerName: employers.name,
      createdAt: applications.createdAt,
      startedOn: applications.startedOn,
      completedOn: applications.completedOn,
    })
    .from(applications)
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .innerJoin(employers, eq(employers.id, opportunities.employerId))
    .where(and(eq(applications.studentId, id), eq(applications.tenantId, tenantId)))
    .orderBy(desc(applications.createdAt));

type ApplicationRefRow = Awaited<ReturnType<typeof selectApplications>>[number];

export const schoolOf = (r: Pick<StudentRow, 'schoolId' | 'schoolName'>) => (r.schoolId ? { id: r.schoolId, name: r.schoolName ?? r.schoolId } : null);

export function toDetail(r: StudentRow, apps: ApplicationRefRow[], today: string): StudentDetail {
  return {
    id: r.id,
    studentNumber: r.studentNumber,
    preferredName: r.preferredName,
    grade: r.grade,
    school: schoolOf(r),
    birthYear: r.birthYear,
    under13: r.under13,
    minor: isMinor(r, today),
    guardianName: r.guardianName,
    guardianEmail: r.guardianEmail,
    email: r.email,
    studentGroups: r.studentGroups,
    concentrator: r.concentrator,
    showNameOnBadges: r.showNameOnBadges,
    hasAccessCode: r.hasCode,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    applications: apps.map((a) => ({
      id: a.id,
      reference: a.reference,
      status: a.status,
      opportunity: { id: a.opportunityId, title: a.title, employerName: a.employerName },
      createdAt: a.createdAt,
      startedOn: a.startedOn,
      completedOn: a.completedOn,
    })),
  };
}

/** The student and their applications, read again after a write. */
export async function detailOf(db: Database, tenantId: string, id: string): Promise<StudentDetail> {
  const [[student], apps] = await db.batch([selectStudent(db, tenantId, id), selectApplications(db, tenantId, id)]);
  if (!student) throw notOnRoster();
  return toDetail(student, apps, await tenantToday(db, tenantId));
}

export const notOnRoster = () => new ProblemError('notFound', { detail: 'No student with this id on your roster.' });

export const studentAudit = (db: Database, user: SessionUser, action: string, studentId: string | null, detail?: Record<string, unknown>) =>
  auditRow(db, { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action, entity: 'student', entityId: studentId, detail });

/**
 * One audit row per student `where` selects, naming them; none when it selects no one (a 404
 * leaves nothing behind). On the database's clock, like the students' own `created_at`, which
 * an export's audit scan starts from.
 */
export const studentAuditWhere = (db: Database, user: SessionUser, action: string, where: SQL | undefined, detail?: Record<string, unknown>) =>
  db.insert(auditLog).select(
    db
      .select({
        id: sql<number>`NULL`.as('id'),
        tenantId: students.tenantId,
        actorType: sql<'user'>`'user'`.as('actor_type'),
        actorId: sql<string>`${user.id}`.as('actor_id'),
        action: sql<string>`${action}`.as('action'),
        entity: sql<string>`'student'`.as('entity'),
        entityId: students.id,
        detail: sql<string | null>`${detail ? JSON.stringify(detail) : null}`.as('detail'),
        at: NOW.as('at'),
      })
      .from(students)
      .where(where),
  );

/** An audit row that is written only when the student exists in this tenant, so a 404 leaves nothing behind. */
export const studentAuditIfExists = (db: Database, user: SessionUser, action: string, studentId: string, detail?: Record<string, unknown>) =>
  studentAuditWhere(db, user, action, ofStudent(user.tenantId, studentId), detail);

export async function tenantToday(db: Database, tenantId: string): Promise<string> {
  const t = await db.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId)).get();
  return todayIn(t?.timeZone ?? 'UTC');
}

export async function tenantSchools(db: Database, tenantId: string): Promise<RosterSchool[]> {
  return db
    .select({ id: schools.id, name: schools.name, gradeMin: schools.gradeMin, gradeMax: schools.gradeMax })
    .from(schools)
    .where(eq(schools.tenantId, tenantId))
    .orderBy(schools.name);
}

/** The school must be this tenant's and serve the grade; both answers are field errors. */
export function checkSchool(list: RosterSchool[], schoolId: string | null | undefined, grade: number): FieldError[] {
  if (!schoolId) return [];
  const s = list.find((x) => x.id === schoolId);
  if (!s) return [{ path: 'schoolId', message: 'Choose a school from the list', code: 'unknown_school' }];
  if (grade < s.gradeMin || grade > s.gradeMax)
    return [{ path: 'grade', message: `${s.name} serves grades ${s.gradeMin}–${s.gradeMax}`, code: 'grade_not_served' }];
  return [];
}

export const duplicateNumber = () =>
  new ProblemError('conflict', {
    title: 'This student number is already on the roster',
    errors: [{ path: 'studentNumber', message: 'Another student on the roster has this number', code: 'duplicate' }],
  });

/** A UNIQUE constraint refused the write (drizzle may wrap the driver's error: its cause then says so). */
export const isUniqueViolation = (e: unknown): boolean =>
  /UNIQUE constraint failed/i.test(String(e instanceof Error ? e.message : e)) || (e instanceof Error && e.cause !== undefined && isUniqueViolation(e.cause));

/** The fields a write may send, in the order audit rows list them. */
export const WRITE_FIELDS = [
  'studentNumber',
  'preferredName',
  'grade',
  'schoolId',
  'birthYear',
  'under13',
  'guardianName',
  'guardianEmail',
  'email',
  'studentGroups',
  'concentrator',
  'showNameOnBadges',
] as const satisfies readonly (keyof StudentCreate)[];
export type WriteField = (typeof WRITE_FIELDS)[number];

/** The column each field is stored in. */
export const COLUMN_OF_FIELD = {
  studentNumber: students.studentNumber,
  preferredName: students.preferredName,
  grade: students.grade,
  schoolId: students.schoolId,
  birthYear: students.birthYear,
  under13: students.under13,
  guardianName: students.guardianName,
  guardianEmail: students.guardianEmail,
  email: students.email,
  studentGroups: students.studentGroups,
  concentrator: students.concentrator,
  showNameOnBadges: students.showNameOnBadges,
} satisfies Record<WriteField, unknown>;

type StudentValues = Partial<typeof students.$inferInsert>;

/** What a write stores of the fields sent (validated by the shared schema), and which fields those were. */
export function studentValues(body: Partial<StudentCreate>): { values: StudentValues; fields: WriteField[] } {
  const fields = WRITE_FIELDS.filter((k) => body[k] !== undefined);
  const v: StudentValues = {};
  for (const k of fields) {
    switch (k) {
      case 'studentNumber':
        v.studentNumber = body.studentNumber;
        break;
      case 'preferredName':
        v.preferredName = body.preferredName;
        break;
      case 'grade':
        v.grade = body.grade;
        break;
      case 'schoolId':
        v.schoolId = body.schoolId ?? null;
        break;
      case 'birthYear':
        v.birthYear = body.birthYear ?? null;
        break;
      case 'under13':
        v.under13 = !!body.under13;
        break;
      case 'guardianName':
        v.guardianName = body.guardianName || null;
        break;
      case 'guardianEmail':
        v.guardianEmail = body.guardianEmail ?? null;
        break;
      case 'email':
        v.email = body.email ?? null;
        break;
      case 'studentGroups':
        v.studentGroups = body.studentGroups ?? [];
        break;
      case 'concentrator':
        v.concentrator = !!body.concentrator;
        break;
      case 'showNameOnBadges':
        v.showNameOnBadges = !!body.showNameOnBadges;
        break;
    }
  }
  return { values: v, fields };
}
