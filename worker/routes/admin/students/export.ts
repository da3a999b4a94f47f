/**
 * What is stored about one student: GET /:id/export downloads all of it (the export is itself
 * audited, before the audit rows are read, so it lists itself); DELETE /:id removes all of it
 * in one transaction, leaving only audit rows that keep the student's id.
 */
import { Hono } from 'hono';
import { and, eq, exists, gte, inArray, isNotNull, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { StudentDeleted, StudentExport } from '../../../../schema/api/admin/students.js';
import {
  agreements,
  applicationEvents,
  applications,
  attendance,
  auditLog,
  credentials,
  evaluations,
  experienceSurveys,
  hourLogs,
  outbox,
  personSessions,
  rateCounters,
  reflections,
  rsvps,
  students,
} from '../../../../schema/db/tables.js';
import type { AppEnv } from '../../../env.js';
import { param } from '../../../middleware/validate.js';
import type { Database } from '../../../lib/db.js';
import { accessCodeTriesBucket, exportRow } from '../../../lib/roster.js';
import { StudentParam, notOnRoster, ofStudent, studentAudit, studentAuditIfExists } from './rows.js';

/** The ids of a student's applications, as a subquery. */
const applicationIds = (db: Database, tenantId: string, id: string) =>
  db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.studentId, id), eq(applications.tenantId, tenantId)));

/** Rows of a table with its own `tenant_id` and `student_id` that are this student's. */
const ofTenantStudent = (table: { tenantId: Column; studentId: Column }, tenantId: string, id: string) =>
  and(eq(table.tenantId, tenantId), eq(table.studentId, id));

/**
 * A student's own sessions (`/me`): that they existed and when, never the token's hash. A
 * guardian's session names no student (it reaches every student with the guardian's address),
 * so it is the guardian's, not in a student's export.
 */
const selectPersonSessions = (db: Database, tenantId: string, id: string) =>
  db
    .select({
      id: personSessions.id,
      kind: personSessions.kind,
      createdAt: personSessions.createdAt,
      lastSeenAt: personSessions.lastSeenAt,
      expiresAt: personSessions.expiresAt,
    })
    .from(personSessions)
    .where(ofTenantStudent(personSessions, tenantId, id))
    .orderBy(personSessions.createdAt);

/**
 * Every audit row about a student, for their export: rows whose entity is the student or
 * anything of theirs (applications, agreements, hour logs, evaluations, credentials, reflections,
 * experience surveys, reservations, attendance), whatever
 * the entity is called, and rows that name any of those ids in their detail (lists, previews,
 * batch issues: `{"ids": ["stu_…"]}`). Ids are matched as whole JSON strings, so `stu_riv_ana`
 * never picks up `stu_riv_anabel`'s rows. Nothing can be recorded about a student before their
 * row exists, so the scan starts at their `created_at` on the (tenant, at) index. No LIMIT: an
 * export is everything.
 */
function selectAuditAbout(db: Database, tenantId: string, id: string) {
  const apps = applicationIds(db, tenantId, id);
  /** `"<id>"` inside the row's detail text. */
  const named = (other: Column | SQL | string) => sql`instr(${auditLog.detail}, '"' || ${other} || '"') > 0`;
  const children = [
    db.select({ id: agreements.id }).from(agreements).where(inArray(agreements.applicationId, apps)),
    db.select({ id: hourLogs.id }).from(hourLogs).where(inArray(hourLogs.applicationId, apps)),
    db.select({ id: evaluations.id }).from(evaluations).where(inArray(evaluations.applicationId, apps)),
    db
      .select({ id: credentials.id })
      .from(credentials)
      .where(and(eq(credentials.tenantId, tenantId), or(eq(credentials.studentId, id), inArray(credentials.applicationId, apps)))),
    db.select({ id: reflections.id }).from(reflections).where(inArray(reflections.applicationId, apps)),
    db.select({ id: experienceSurveys.id }).from(experienceSurveys).where(inArray(experienceSurveys.applicationId, apps)),
    db
      .select({ id: rsvps.id })
      .from(rsvps)
      .where(ofTenantStudent(rsvps, tenantId, id)),
    db
      .select({ id: attendance.id })
      .from(attendance)
      .where(ofTenantStudent(attendance, tenantId, id)),
  ];
  const idSets = [apps, ...children];
  const createdAt = db.select({ createdAt: students.createdAt }).from(students).where(ofStudent(tenantId, id));
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        gte(auditLog.at, createdAt),
        or(
          eq(auditLog.entityId, id),
          ...idSets.map((set) => inArray(auditLog.entityId, set)),
          and(
            isNotNull(auditLog.detail),
            or(named(id), ...idSets.map((set) => exists(db.select({ one: sql`1` }).from(set.as('ids')).where(named(sql`ids.id`))))),
          ),
        ),
      ),
    )
    .orderBy(auditLog.id);
}

export const studentRecords = new Hono<AppEnv>()
  .get('/:id/export', param(StudentParam), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const t = user.tenantId;
    const apps = applicationIds(db, t, id);
    const [student, , appRows, events, signatures, hours, evals, creds, messages, refl, surveys, reserved, attended, sessionRows, audit] = await db.batch([
      db.select().from(students).where(ofStudent(t, id)),
      // The export is itself recorded before the audit rows are read, so it lists itself.
      studentAuditIfExists(db, user, 'student.export', id),
      db
        .select()
        .from(applications)
        .where(and(eq(applications.studentId, id), eq(applications.tenantId, t)))
        .orderBy(applications.createdAt),
      db.select().from(applicationEvents).where(inArray(applicationEvents.applicationId, apps)).orderBy(applicationEvents.at),
      db.select().from(agreements).where(inArray(agreements.applicationId, apps)).orderBy(agreements.applicationId, agreements.role),
      db.select().from(hourLogs).where(inArray(hourLogs.applicationId, apps)).orderBy(hourLogs.workedOn, hourLogs.createdAt),
      db.select().from(evaluations).where(inArray(evaluations.applicationId, apps)).orderBy(evaluations.applicationId, evaluations.phase),
      db
        .select()
        .from(credentials)
        .where(and(eq(credentials.tenantId, t), or(eq(credentials.studentId, id), inArray(credentials.applicationId, apps))))
        .orderBy(credentials.issuedAt),
      db
        .select()
        .from(outbox)
        .where(and(eq(outbox.tenantId, t), or(eq(outbox.relatedId, id), inArray(outbox.relatedId, apps))))
        .orderBy(outbox.createdAt),
      db.select().from(reflections).where(inArray(reflections.applicationId, apps)).orderBy(reflections.applicationId, reflections.createdAt),
      db.select().from(experienceSurveys).where(inArray(experienceSurveys.applicationId, apps)).orderBy(experienceSurveys.createdAt),
      db
        .select()
        .from(rsvps)
        .where(ofTenantStudent(rsvps, t, id))
        .orderBy(rsvps.createdAt),
      db
        .select()
        .from(attendance)
        .where(ofTenantStudent(attendance, t, id))
        .orderBy(attendance.checkedInAt),
      selectPersonSessions(db, t, id),
      selectAuditAbout(db, t, id),
    ]);
    const row = student[0];
    if (!row) throw notOnRoster();
    const body: StudentExport = {
      exportedAt: new Date().toISOString(),
      student: { ...exportRow(row), hasAccessCode: row.accessCodeHash !== null },
      applications: appRows.map((r) => exportRow(r, ['availability'])),
      applicationEvents: events.map((r) => exportRow(r)),
      agreements: signatures.map((r) => exportRow(r)),
      hourLogs: hours.map((r) => exportRow(r)),
      evaluations: evals.map((r) => exportRow(r)),
      credentials: creds.map((r) => exportRow(r)),
      // A message's one-time link went only to its recipient: not even its sealed form leaves in an export.
      messages: messages.map(({ sealedLink: _sealed, ...r }) => exportRow(r)),
      reflections: refl.map((r) => exportRow(r)),
      experienceSurveys: surveys.map((r) => exportRow(r)),
      // A reservation's cancel and manage secrets are the family's keys to it: exportRow leaves their hashes out.
      rsvps: reserved.map((r) => exportRow(r)),
      attendance: attended.map((r) => exportRow(r)),
      personSessions: sessionRows.map((r) => exportRow(r)),
      audit: audit.map((r) => exportRow(r)),
    };
    return c.body(JSON.stringify(body, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="student-${id}-export.json"`,
    });
  })

  .delete('/:id', param(StudentParam), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const t = user.tenantId;
    const apps = applicationIds(db, t, id);
    const ofApps = (column: Column) => inArray(column, apps);
    const current = await db
      .select({
        studentNumber: students.studentNumber,
        applications: db.$count(applications, and(eq(applications.studentId, id), eq(applications.tenantId, t))),
        agreements: db.$count(agreements, ofApps(agreements.applicationId)),
        hourLogs: db.$count(hourLogs, ofApps(hourLogs.applicationId)),
        evaluations: db.$count(evaluations, ofApps(evaluations.applicationId)),
        reflections: db.$count(reflections, ofApps(reflections.applicationId)),
        experienceSurveys: db.$count(experienceSurveys, ofApps(experienceSurveys.applicationId)),
        attendance: db.$count(attendance, ofTenantStudent(attendance, t, id)),
        personSessions: db.$count(personSessions, ofTenantStudent(personSessions, t, id)),
        rsvpsUnlinked: db.$count(rsvps, ofTenantStudent(rsvps, t, id)),
        messages: db.$count(outbox, and(eq(outbox.tenantId, t), or(eq(outbox.relatedId, id), inArray(outbox.relatedId, apps)))),
        credentialsUnlinked: db.$count(
          credentials,
          and(eq(credentials.tenantId, t), or(eq(credentials.studentId, id), inArray(credentials.applicationId, apps))),
        ),
      })
      .from(students)
      .where(ofStudent(t, id))
      .get();
    if (!current) throw notOnRoster();
    const { studentNumber, ...deleted } = current;
    // Children first, explicitly, in one transaction: the foreign keys' cascades would do most of
    // it, but the messages (which name the student) have no foreign key, and an explicit order
    // does not depend on PRAGMA foreign_keys. Issued credentials stay verifiable; they only lose
    // the link to the student. A reservation stays on its event (its headcount, and the family's
    // own link to manage it) and only loses the link to the student, as its foreign key says;
    // attendance at events, reflections, survey answers and the student's sessions go. The audit
    // row keeps the id and counts, never the name.
    await db.batch([
      db.delete(outbox).where(and(eq(outbox.tenantId, t), or(eq(outbox.relatedId, id), inArray(outbox.relatedId, apps)))),
      db
        .update(credentials)
        .set({ studentId: null, applicationId: null })
        .where(and(eq(credentials.tenantId, t), or(eq(credentials.studentId, id), inArray(credentials.applicationId, apps)))),
      db.delete(applicationEvents).where(ofApps(applicationEvents.applicationId)),
      db.delete(agreements).where(ofApps(agreements.applicationId)),
      db.delete(hourLogs).where(ofApps(hourLogs.applicationId)),
      db.delete(evaluations).where(ofApps(evaluations.applicationId)),
      db.delete(reflections).where(ofApps(reflections.applicationId)),
      db.delete(experienceSurveys).where(ofApps(experienceSurveys.applicationId)),
      db.delete(attendance).where(ofTenantStudent(attendance, t, id)),
      db
        .update(rsvps)
        .set({ studentId: null })
        .where(ofTenantStudent(rsvps, t, id)),
      db.delete(personSessions).where(ofTenantStudent(personSessions, t, id)),
      db.delete(applications).where(and(eq(applications.studentId, id), eq(applications.tenantId, t))),
      db.delete(rateCounters).where(eq(rateCounters.bucket, accessCodeTriesBucket(t, studentNumber))),
      db.delete(students).where(ofStudent(t, id)),
      studentAudit(db, user, 'student.delete', id, deleted),
    ]);
    return c.json({ id, deleted } satisfies StudentDeleted);
  });
