/**
 * Applications and their moves through the pipeline (DESIGN.md §2): the list, one
 * application, a transition, and the supervisor assignment.
 */
import { Hono } from 'hono';
import { and, desc, eq, exists, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import {
  APPLICATION_TRANSITIONS,
  ApplicationListQuery,
  SupervisorAssignment,
  TransitionRequest,
  type ApplicationList,
} from '../../../../schema/api/admin/placements.js';
import type { AgreementRole } from '../../../../schema/vocab.js';
import type { FieldError } from '../../../../schema/api/problem.js';
import { agreements, applicationEvents, applications, employers, opportunities, schools, students, users } from '../../../../schema/db/tables.js';
import type { AppEnv } from '../../../env.js';
import { requireRole } from '../../../middleware/auth.js';
import { json, param, query } from '../../../middleware/validate.js';
import { appSecret } from '../../../lib/app-secret.js';
import { auditRow, auditRowIf } from '../../../lib/audit.js';
import type { Database } from '../../../lib/db.js';
import { todayIn } from '../../../lib/dates.js';
import { newId } from '../../../lib/ids.js';
import { outboxRowIf } from '../../../lib/outbox.js';
import { pageOf } from '../../../lib/paging.js';
import { requiredRoles } from '../../../lib/pipeline.js';
import { normalEmail } from '../../../lib/supervision.js';
import { placementLanguages } from '../../../lib/placement-mail.js';
import { compose } from '../../../mail/catalogue/index.js';
import { type StatusMove, TOLD_MOVES } from '../../../mail/catalogue/placements.js';
import { ProblemError } from '../../../lib/problem.js';
import { isMinor } from '../../../lib/roster.js';
import { NOW, insertIf, textCursor } from '../students/sql.js';
import { agreementState, detail, selectAgreements } from './detail.js';
import { agreementStatements } from './signatures.js';
import { AppParam, type AppRow, guardianRecipient, languageFacts, loadApp, placementAudit, scope, studentRecipient, words } from './rows.js';
import type { ApplicationStatus } from '../../../../schema/vocab.js';

const coordinating = requireRole('coordinator', 'admin');
const rowid = sql<number>`${applications}.rowid`.mapWith(Number);
const SIGNER: Record<AgreementRole, string> = {
  student: 'The student',
  guardian: 'A parent or guardian (the student is under 18)',
  supervisor: 'The workplace supervisor',
  coordinator: 'The coordinator',
};

export const pipeline = new Hono<AppEnv>()
  .get('/', query(ApplicationListQuery), async (c) => {
    const user = c.get('user');
    const q = c.req.valid('query');
    const db = c.var.db;
    const cursor = textCursor(q.cursor);
    const where: (SQL | undefined)[] = [eq(applications.tenantId, user.tenantId), scope(user)];
    if (q.status) where.push(inArray(applications.status, q.status));
    if (q.opportunityId) where.push(eq(applications.opportunityId, q.opportunityId));
    if (q.studentId) where.push(eq(applications.studentId, q.studentId));
    if (q.schoolId) where.push(eq(students.schoolId, q.schoolId));
    if (q.employerId) where.push(eq(opportunities.employerId, q.employerId));
    if (cursor) where.push(sql`(${applications.createdAt}, ${rowid}) < (${cursor.k}, ${cursor.s})`);
    const rows = await db
      .select({
        seq: rowid,
        id: applications.id,
        reference: applications.reference,
        status: applications.status,
        createdAt: applications.createdAt,
        updatedAt: applications.updatedAt,
        startedOn: applications.startedOn,
        completedOn: applications.completedOn,
        studentId: applications.studentId,
        preferredName: students.preferredName,
        grade: students.grade,
        schoolId: students.schoolId,
        schoolName: schools.name,
        opportunityId: opportunities.id,
        title: opportunities.title,
        stage: opportunities.stage,
        type: opportunities.type,
        employerId: employers.id,
        employerName: employers.name,
        supervisorId: users.id,
        supervisorName: users.name,
      })
      .from(applications)
      .innerJoin(students, eq(students.id, applications.studentId))
      .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
      .innerJoin(employers, eq(employers.id, opportunities.employerId))
      .leftJoin(schools, eq(schools.id, students.schoolId))
      .leftJoin(users, eq(users.id, applications.supervisorUserId))
      .where(and(...where))
      .orderBy(desc(applications.createdAt), desc(rowid))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    await auditRow(db, {
      tenantId: user.tenantId,
      actorType: 'user',
      actorId: user.id,
      action: 'application.list',
      entity: 'student',
      entityId: null,
      detail: { studentIds: [...new Set(page.map((r) => r.studentId))], count: page.length },
    });
    return c.json(
      pageOf(
        rows,
        q.limit,
        (r) => ({ k: r.createdAt, s: r.seq }),
        (r) => ({
          id: r.id,
          reference: r.reference,
          status: r.status,
          student: {
            id: r.studentId,
            preferredName: r.preferredName,
            grade: r.grade,
            school: r.schoolId ? { id: r.schoolId, name: r.schoolName ?? r.schoolId } : null,
          },
          opportunity: { id: r.opportunityId, title: r.title, stage: r.stage, type: r.type, employer: { id: r.employerId, name: r.employerName } },
          supervisor: r.supervisorId ? { id: r.supervisorId, name: r.supervisorName ?? r.supervisorId } : null,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          startedOn: r.startedOn,
          completedOn: r.completedOn,
        }),
      ) satisfies ApplicationList,
    );
  })

  .get('/:id', param(AppParam), async (c) => c.json(await detail(c.var.db, c.get('user'), c.req.valid('param').id, true)))

  .post('/:id/transition', coordinating, param(AppParam), json(TransitionRequest), async (c) => {
    const user = c.get('user');
    const { to, note } = c.req.valid('json');
    const db = c.var.db;
    const row = await loadApp(db, user, c.req.valid('param').id);
    await moveApplication(db, appSecret(c.env), new URL(c.req.url).origin, row, to, note, {
      actorType: 'user',
      actorId: user.id,
      userId: user.id,
      replyTo: user.email,
    });
    return c.json(await detail(db, user, row.id, false));
  })

  .put('/:id/supervisor', coordinating, param(AppParam), json(SupervisorAssignment), async (c) => {
    const user = c.get('user');
    const db = c.var.db;
    const row = await loadApp(db, user, c.req.valid('param').id);
    const { supervisorUserId, supervisorName, supervisorEmail } = c.req.valid('json');
    // A named supervisor is a name and an address together: links go to the address and are signed with the name.
    const errors: FieldError[] = [];
    if (supervisorName !== undefined && supervisorEmail === undefined)
      errors.push({ path: 'supervisorEmail', message: 'Give the supervisor’s email address with their name', code: 'required' });
    if (supervisorEmail !== undefined && supervisorName === undefined)
      errors.push({ path: 'supervisorName', message: 'Give the supervisor’s name with their email address', code: 'required' });
    if (supervisorName !== undefined && supervisorEmail !== undefined && (supervisorName === null) !== (supervisorEmail === null))
      errors.push({
        path: supervisorName === null ? 'supervisorName' : 'supervisorEmail',
        message: 'Set or remove the name and the email address together',
        code: 'both_or_neither',
      });
    if (errors.length) throw new ProblemError('validation', { errors });
    if (supervisorUserId) {
      const ok = await db
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.id, supervisorUserId),
            eq(users.tenantId, row.tenantId),
            eq(users.role, 'supervisor'),
            eq(users.disabled, false),
            eq(users.employerId, row.employerId),
          ),
        )
        .get();
      if (!ok)
        throw new ProblemError('validation', {
          errors: [{ path: 'supervisorUserId', message: `Choose a supervisor at ${row.employerName}`, code: 'not_a_supervisor_here' }],
        });
    }
    const named =
      supervisorEmail === undefined ? {} : { supervisorName: supervisorName ?? null, supervisorEmail: supervisorEmail ? normalEmail(supervisorEmail) : null };
    await db.batch([
      db
        .update(applications)
        .set({ ...(supervisorUserId === undefined ? {} : { supervisorUserId }), ...named, updatedAt: NOW })
        .where(and(eq(applications.id, row.id), eq(applications.tenantId, row.tenantId))),
      // The audit names what changed, not the contact's address (least data).
      placementAudit(db, user, 'application.assign_supervisor', row, {
        supervisorUserId,
        named: supervisorEmail === undefined ? undefined : !!supervisorEmail,
      }),
    ]);
    return c.json(await detail(db, user, row.id, false));
  });

/** Who moves an application: a coordinator (a staff user), or the student answering their own offer. */
export interface Mover {
  actorType: 'user' | 'student';
  actorId: string;
  /** The staff user behind the move, for the application's history; null for the student. */
  userId: string | null;
  /** Replies to the messages the move sends go here (the coordinator); null: the district's address. */
  replyTo: string | null;
}

/**
 * One move through the pipeline, checked against the transitions and, for `confirmed`, the
 * signatures, then written in one batch that holds only if the status is still the one read:
 * the history row, the audit row, the signing links (on acceptance) and the messages the move
 * sends. Shared by the coordinator's transition and the student's answer to an offer (`/me`).
 */
export async function moveApplication(
  db: Database,
  secret: string,
  origin: string,
  row: AppRow,
  to: ApplicationStatus,
  note: string | undefined,
  mover: Mover,
) {
  const from = row.status;
  const allowed = APPLICATION_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    throw new ProblemError('conflict', {
      title: 'Not a move this application can make',
      detail: allowed.length ? `An application that is ${from} can become: ${allowed.join(', ')}.` : `An application that is ${from} is final.`,
      errors: [{ path: 'to', message: allowed.length ? `From ${from}, choose ${allowed.join(', ')}` : `${from} is final`, code: 'invalid_transition' }],
    });
  }
  const today = todayIn(row.timeZone);
  const required = requiredRoles(isMinor(row, today));
  if (to === 'confirmed') {
    const missing = agreementState(row, await selectAgreements(db, row.tenantId, row.id), today).missing;
    if (missing.length) {
      throw new ProblemError('conflict', {
        title: 'The training agreement is not fully signed',
        detail: `A placement is confirmed only when every required signature is in. Missing: ${missing.join(', ')}.`,
        errors: missing.map((r) => ({ path: `agreement.${r}`, message: `${SIGNER[r]} has not signed yet`, code: 'signature_missing' })),
      });
    }
  }

  const eventId = newId('evt');
  // Checked again inside the write, so the rule holds in the database itself.
  const fullySigned =
    to === 'confirmed'
      ? eq(
          db.$count(agreements, and(eq(agreements.applicationId, applications.id), isNotNull(agreements.signedAt), inArray(agreements.role, required))),
          required.length,
        )
      : undefined;
  const happened = exists(db.select({ one: sql`1` }).from(applicationEvents).where(eq(applicationEvents.id, eventId)));
  // Conditional on the status we read: of two racing moves, one updates a row, the other none.
  const update = db
    .update(applications)
    .set({
      status: to,
      updatedAt: NOW,
      ...(to === 'active' ? { startedOn: sql`coalesce(${applications.startedOn}, ${today})` } : {}),
      ...(to === 'completed' ? { completedOn: today } : {}),
    })
    .where(and(eq(applications.id, row.id), eq(applications.tenantId, row.tenantId), eq(applications.status, from), fullySigned));
  const statements: BatchItem<'sqlite'>[] = [
    // changes() is the UPDATE's count: the event exists only if this request won.
    insertIf(
      db,
      applicationEvents,
      { id: eventId, tenantId: row.tenantId, applicationId: row.id, fromStatus: from, toStatus: to, note: note || null, actorUserId: mover.userId },
      sql`changes() = 1`,
    ),
    auditRowIf(
      db,
      {
        tenantId: row.tenantId,
        actorType: mover.actorType,
        actorId: mover.actorId,
        action: 'application.transition',
        entity: 'student',
        entityId: row.studentId,
        detail: { applicationId: row.id, from, to },
      },
      happened,
    ),
  ];
  if (to === 'accepted') statements.push(...(await agreementStatements(db, secret, row, origin, happened, mover.replyTo)).statements);
  // A student who declines their own offer is not written to about it; a minor's guardian still is.
  if (TOLD_MOVES.includes(to)) {
    // The roster's guardian hears too; a contact typed into the application form never does.
    const student = await studentRecipient(db, row);
    const guardian = isMinor(row, today) ? guardianRecipient(row) : null;
    const langOf = await placementLanguages(db, languageFacts(row), [student, guardian]);
    const data = { ...words(row), status: to as StatusMove, note: note || null };
    const told: [string, 'student' | 'guardian'][] = [[student, 'student'], ...(guardian ? [[guardian, 'guardian'] as [string, 'guardian']] : [])];
    for (const [recipient, who] of told.filter(([, who]) => who !== mover.actorType)) {
      statements.push(
        outboxRowIf(
          db,
          { tenantId: row.tenantId, recipient, ...compose('application.status', langOf(recipient, who), data), relatedId: row.id, replyTo: mover.replyTo },
          happened,
        ),
      );
    }
  }
  const [updated] = await db.batch([update, ...statements]);
  if (!updated.meta.changes) {
    const now = await db
      .select({ status: applications.status })
      .from(applications)
      .where(and(eq(applications.id, row.id), eq(applications.tenantId, row.tenantId)))
      .get();
    throw new ProblemError('conflict', {
      title: 'The application changed while you were working',
      detail: `It is now ${now?.status ?? 'gone'}; reload it and try again.`,
      errors: [{ path: 'to', message: `The application is now ${now?.status ?? 'gone'}`, code: 'stale_status' }],
    });
  }
}
