/**
 * An application's whole detail: the placement, its agreement's signatures, hours, evaluations
 * and history, read in one batch (with the read's audit row in it, written only when the
 * application is visible to the user).
 */
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { APPLICATION_TRANSITIONS, type ApplicationDetail, type Evaluation, type HourLog, type HourTotals } from '../../../../schema/api/admin/placements.js';
import type { SessionUser } from '../../../../schema/api/auth.js';
import {
  agreements,
  applicationEvents,
  applications,
  auditLog,
  evaluations,
  experienceSurveys,
  hourLogs,
  opportunities,
  reflections,
  users,
} from '../../../../schema/db/tables.js';
import { todayIn } from '../../../lib/dates.js';
import type { Database } from '../../../lib/db.js';
import { parseJsonList } from '../../../lib/mappers.js';
import { LINK_ROLES, requiredRoles, sameAddress } from '../../../lib/pipeline.js';
import { isMinor } from '../../../lib/roster.js';
import { NOW } from '../students/sql.js';
import { guardianRecipient, notFound, scope, selectApp, type AppRow } from './rows.js';

export const selectAgreements = (db: Database, tenantId: string, appId: string) =>
  db
    .select({
      id: agreements.id,
      role: agreements.role,
      textVersion: agreements.textVersion,
      signerName: agreements.signerName,
      signedAt: agreements.signedAt,
      sentTo: agreements.sentTo,
      hasLink: isNotNull(agreements.signTokenHash).mapWith(Boolean),
      signedByUserId: agreements.signedByUserId,
      signedByName: users.name,
    })
    .from(agreements)
    .leftJoin(users, eq(users.id, agreements.signedByUserId))
    .where(and(eq(agreements.applicationId, appId), eq(agreements.tenantId, tenantId)));

export type AgreementRow = Awaited<ReturnType<typeof selectAgreements>>[number];

export const selectTotals = (db: Database, tenantId: string, appId: string) =>
  db
    .select({
      logged: sql<number>`coalesce(sum(${hourLogs.hours}), 0)`.mapWith(Number),
      approved: sql<number>`coalesce(sum(CASE WHEN ${hourLogs.approvedAt} IS NOT NULL THEN ${hourLogs.hours} END), 0)`.mapWith(Number),
    })
    .from(hourLogs)
    .where(and(eq(hourLogs.applicationId, appId), eq(hourLogs.tenantId, tenantId)));

export const selectHours = (db: Database) =>
  db
    .select({
      id: hourLogs.id,
      workedOn: hourLogs.workedOn,
      hours: hourLogs.hours,
      activity: hourLogs.activity,
      loggedBy: hourLogs.loggedBy,
      approvedBy: hourLogs.approvedBy,
      approverName: users.name,
      approvedAt: hourLogs.approvedAt,
      reviewerName: hourLogs.reviewerName,
      returnedAt: hourLogs.returnedAt,
      returnNote: hourLogs.returnNote,
      createdAt: hourLogs.createdAt,
    })
    .from(hourLogs)
    .leftJoin(users, eq(users.id, hourLogs.approvedBy));

export const selectEvaluations = (db: Database) =>
  db
    .select({
      id: evaluations.id,
      phase: evaluations.phase,
      ratings: evaluations.ratings,
      comments: evaluations.comments,
      evaluatorUserId: evaluations.evaluatorUserId,
      evaluatorName: users.name,
      linkEvaluatorName: evaluations.evaluatorName,
      createdAt: evaluations.createdAt,
    })
    .from(evaluations)
    .leftJoin(users, eq(users.id, evaluations.evaluatorUserId));

type HourRow = Awaited<ReturnType<ReturnType<typeof selectHours>['all']>>[number];
type EvalRow = Awaited<ReturnType<ReturnType<typeof selectEvaluations>['all']>>[number];

export const toHour = (h: HourRow): HourLog => ({
  id: h.id,
  workedOn: h.workedOn,
  hours: h.hours,
  activity: h.activity,
  loggedBy: h.loggedBy,
  approved: h.approvedAt !== null,
  approvedBy: h.approvedBy ? { id: h.approvedBy, name: h.approverName ?? h.approvedBy } : null,
  approvedAt: h.approvedAt,
  reviewerName: h.reviewerName,
  returnedAt: h.returnedAt,
  returnNote: h.returnNote,
  createdAt: h.createdAt,
});

export const toTotals = (t: { logged: number; approved: number } | undefined): HourTotals => {
  const logged = Math.round((t?.logged ?? 0) * 100) / 100;
  const approved = Math.round((t?.approved ?? 0) * 100) / 100;
  return { logged, approved, pending: Math.round((logged - approved) * 100) / 100 };
};

export const toEvaluation = (e: EvalRow): Evaluation => ({
  id: e.id,
  phase: e.phase,
  comments: e.comments,
  recordedAt: e.createdAt,
  ratings: e.ratings.map((r) => ({ skill: r.skill, level: r.level, comment: r.comment ?? null })),
  evaluator: e.evaluatorUserId ? { id: e.evaluatorUserId, name: e.evaluatorName ?? e.evaluatorUserId } : null,
  evaluatorName: e.evaluatorUserId ? null : e.linkEvaluatorName,
});

const ROLE_ORDER = ['student', 'guardian', 'supervisor', 'coordinator'];

/** `coordinating` shows where each link went; others (a supervisor) do not learn families' addresses. */
export function agreementState(row: AppRow, signatures: AgreementRow[], today: string, coordinating = true): ApplicationDetail['agreement'] {
  const required = requiredRoles(isMinor(row, today));
  const signed = new Set(signatures.filter((s) => s.signedAt).map((s) => s.role));
  // A link role with an unsigned row but no working link: today only a guardian the roster has no address for.
  const waiting = signatures
    .filter((s) => !s.signedAt && !s.hasLink && LINK_ROLES.includes(s.role) && required.includes(s.role))
    .map((s) => ({ role: s.role, reason: s.role === 'guardian' && !guardianRecipient(row) ? ('no_roster_address' as const) : ('not_sent' as const) }));
  return {
    required,
    missing: required.filter((r) => !signed.has(r)),
    waiting,
    signatures: signatures
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
      .map((s) => ({
        role: s.role,
        textVersion: s.textVersion,
        signed: s.signedAt !== null,
        signerName: s.signerName,
        signedAt: s.signedAt,
        sentTo: coordinating ? s.sentTo : null,
        signedBy: s.signedByUserId ? { id: s.signedByUserId, name: s.signedByName ?? s.signedByUserId } : null,
      })),
  };
}

/** The read of an application's detail, recorded only when the application is visible (the same scope as the read). */
const readAudit = (db: Database, user: SessionUser, id: string) =>
  db.insert(auditLog).select(
    db
      .select({
        id: sql<number>`NULL`.as('id'),
        tenantId: applications.tenantId,
        actorType: sql<'user'>`'user'`.as('actor_type'),
        actorId: sql<string>`${user.id}`.as('actor_id'),
        action: sql<string>`'application.read'`.as('action'),
        entity: sql<string>`'student'`.as('entity'),
        entityId: applications.studentId,
        detail: sql<string>`json_object('applicationId', ${applications.id})`.as('detail'),
        at: NOW.as('at'),
      })
      .from(applications)
      .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
      .where(and(eq(applications.id, id), eq(applications.tenantId, user.tenantId), scope(user))),
  );

/** The whole detail in one batch; with `auditRead` the read is recorded in the same batch, and only when the application is visible. */
export async function detail(db: Database, user: SessionUser, id: string, auditRead: boolean): Promise<ApplicationDetail> {
  const t = user.tenantId;
  const employerOf = db
    .select({ employerId: opportunities.employerId })
    .from(applications)
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .where(and(eq(applications.id, id), eq(applications.tenantId, t)));
  const reads = [
    selectAgreements(db, t, id),
    selectHours(db)
      .where(and(eq(hourLogs.applicationId, id), eq(hourLogs.tenantId, t)))
      .orderBy(desc(hourLogs.workedOn), desc(hourLogs.createdAt))
      .limit(100),
    selectTotals(db, t, id),
    selectEvaluations(db)
      .where(and(eq(evaluations.applicationId, id), eq(evaluations.tenantId, t)))
      .orderBy(desc(evaluations.phase)),
    db
      .select({
        fromStatus: applicationEvents.fromStatus,
        toStatus: applicationEvents.toStatus,
        note: applicationEvents.note,
        actorUserId: applicationEvents.actorUserId,
        actorName: users.name,
        at: applicationEvents.at,
      })
      .from(applicationEvents)
      .leftJoin(users, eq(users.id, applicationEvents.actorUserId))
      .where(and(eq(applicationEvents.applicationId, id), eq(applicationEvents.tenantId, t)))
      .orderBy(applicationEvents.at, sql`${applicationEvents}.rowid`),
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.tenantId, t), eq(users.role, 'supervisor'), eq(users.disabled, false), eq(users.employerId, employerOf)))
      .orderBy(users.name),
    db
      .select({
        period: reflections.period,
        body: reflections.body,
        skills: reflections.skills,
        wouldRecommend: reflections.wouldRecommend,
        updatedAt: reflections.updatedAt,
      })
      .from(reflections)
      .where(and(eq(reflections.applicationId, id), eq(reflections.tenantId, t)))
      .orderBy(reflections.period),
    db
      .select({
        meaningful: experienceSurveys.meaningful,
        feltSafe: experienceSurveys.feltSafe,
        wouldRecommend: experienceSurveys.wouldRecommend,
        comment: experienceSurveys.comment,
        answeredAt: experienceSurveys.createdAt,
      })
      .from(experienceSurveys)
      .where(and(eq(experienceSurveys.applicationId, id), eq(experienceSurveys.tenantId, t))),
  ] as const;
  // The application itself is read beside the batch, not in it: its joined tables share column
  // names (id, name, email), and drizzle maps a batch's rows by name, which would mix them up.
  const [[row], [signatures, hours, [totals], evals, events, supervisors, notes, [survey]]] = await Promise.all([
    selectApp(db, user, id),
    auditRead ? db.batch([...reads, readAudit(db, user, id)]) : db.batch(reads),
  ]);
  if (!row) throw notFound();
  const today = todayIn(row.timeZone);
  let availability: { slots?: unknown; notes?: unknown } = {};
  try {
    availability = JSON.parse(row.availability ?? '{}') ?? {};
  } catch {
    availability = {};
  }
  const coordinating = user.role === 'coordinator' || user.role === 'admin';
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    allowedTransitions: coordinating ? [...APPLICATION_TRANSITIONS[row.status]] : [],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedOn: row.startedOn,
    completedOn: row.completedOn,
    statement: row.statement,
    availability: { slots: parseJsonList(availability.slots), notes: typeof availability.notes === 'string' ? availability.notes : null },
    transportation: row.transportation,
    accommodations: row.accommodations,
    student: {
      id: row.studentId,
      preferredName: row.preferredName,
      grade: row.grade,
      school: row.schoolId ? { id: row.schoolId, name: row.schoolName ?? row.schoolId } : null,
      minor: isMinor(row, today),
    },
    opportunity: {
      id: row.opportunityId,
      title: row.title,
      stage: row.stage,
      type: row.type,
      cluster: row.cluster,
      employer: { id: row.employerId, name: row.employerName },
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      schedule: row.schedule,
      skills: row.skills,
      technicalSkills: row.technicalSkills,
    },
    supervisor: row.supervisorUserId ? { id: row.supervisorUserId, name: row.supervisorName ?? '', email: row.supervisorEmail ?? '' } : null,
    namedSupervisor: row.namedSupervisorEmail ? { name: row.namedSupervisorName ?? row.namedSupervisorEmail, email: row.namedSupervisorEmail } : null,
    // A suggestion the roster already agrees with leaves the coordinator nothing to check.
    guardianSuggestion:
      coordinating && (row.appGuardianName || row.appGuardianEmail) && !sameAddress(row.appGuardianEmail, row.studentGuardianEmail)
        ? { name: row.appGuardianName, email: row.appGuardianEmail }
        : null,
    supervisorOptions: coordinating ? supervisors : [],
    agreement: agreementState(row, signatures, today, coordinating),
    hours: { totals: toTotals(totals), entries: hours.map(toHour) },
    evaluations: evals.map(toEvaluation),
    // A note is written by coordinators for colleagues (why a student was declined…): not for the host.
    history: events.map((e) => ({
      from: e.fromStatus,
      to: e.toStatus,
      note: coordinating ? e.note : null,
      actor: e.actorUserId ? { id: e.actorUserId, name: e.actorName ?? e.actorUserId } : null,
      at: e.at,
    })),
    // The student wrote these for the school: the host sees neither their reflections nor their view of the host.
    reflections: user.role === 'supervisor' ? [] : notes,
    survey: user.role === 'supervisor' ? null : (survey ?? null),
  };
}
