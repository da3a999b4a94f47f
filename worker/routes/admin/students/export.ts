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
  auditLog,
  credentials,
  evaluations,
  hourLogs,
  outbox,
  rateCounters,
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

/**
 * Every audit row about a student, for their export: rows whose entity is the student or
 * anything of theirs (applications, agreements, hour logs, evaluations, credentials), whatever
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
    const [student, , appRows, events, signatures, hours, evals, creds, messages, audit] = await db.batch([
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
    // the link to the student. The audit row keeps the id and counts, never the name.
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
      db.delete(applications).where(and(eq(applications.studentId, id), eq(applications.tenantId, t))),
      db.delete(rateCounters).where(eq(rateCounters.bucket, accessCodeTriesBucket(t, studentNumber))),
      db.delete(students).where(ofStudent(t, id)),
      studentAudit(db, user, 'student.delete', id, deleted),
    ]);
    return c.json({ id, deleted } satisfies StudentDeleted);
  });
