/**
 * What a supervisor does through their link, shared by the JSON routes and the HTML page
 * (`routes/supervise.ts`, `page.ts`): the link's check, the placements it reaches, approving or
 * returning hours, recording an evaluation, and a fresh link by email. Every read and write is
 * audited as the supervisor's act (actor type `supervisor`, actor id the link, their name in the
 * detail), about the student behind the placement.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Evaluation, EvaluationRequest, HourLogResult } from '../../../schema/api/admin/placements.js';
import type { EvaluationPhase } from '../../../schema/vocab.js';
import type { SupervisedPlacement, SupervisorView } from '../../../schema/api/supervise.js';
import { applications, employers, evaluations, hourLogs, opportunities, students, tenants } from '../../../schema/db/tables.js';
import { seal } from '../../lib/app-secret.js';
import { auditRow, auditRowIf } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import { isLang, type Lang } from '../../lib/lang.js';
import { outboxRow } from '../../lib/outbox.js';
import { ProblemError } from '../../lib/problem.js';
import {
  findSupervisorLink,
  linkExpired,
  linkUntil,
  newSupervisorLink,
  normalEmail,
  supervisedBy,
  supervisePageUrl,
  type SupervisorLink,
  touchLink,
} from '../../lib/supervision.js';
import { todayIn } from '../../lib/dates.js';
import { compose } from '../../mail/catalogue/index.js';
import { evaluationsDue } from '../../mail/digests.js';
import { languagesFor } from '../../mail/preferences.js';
import { toHour } from '../admin/placements/detail.js';
import { recordEvaluation } from '../admin/placements/evaluations.js';
import { entryAndTotals } from '../admin/placements/hours.js';

export const EXPIRED_TITLE = 'This supervisor link has expired: ask for a new one';
export const INVALID_TITLE = 'This supervisor link is not valid';

/** The link a token names, working: 401 for a token no link has, 410 for an expired one (the answer says how to get a new one). */
export async function workingLink(db: Database, token: string | null | undefined): Promise<SupervisorLink> {
  const link = token ? await findSupervisorLink(db, token) : null;
  if (!link) {
    throw new ProblemError('unauthorized', {
      title: INVALID_TITLE,
      detail: 'Send the token from your emailed link as Authorization: Bearer <token>, or open the link itself.',
    });
  }
  if (linkExpired(link)) {
    throw new ProblemError('gone', {
      title: EXPIRED_TITLE,
      detail:
        'Supervisor links work for 14 days. Ask for a new one with POST /api/v1/supervise/links and your email, or use the button on the page your old link opens.',
    });
  }
  return link;
}

/** An audit row of the supervisor's act about the student behind a placement; with `onlyIf`, written only while that holds. */
export function supervisorAudit(
  db: Database,
  link: SupervisorLink,
  action: string,
  about: { studentId: string; applicationId: string },
  detail: Record<string, unknown> = {},
  onlyIf?: SQL,
) {
  const entry = {
    tenantId: link.tenantId,
    actorType: 'supervisor' as const,
    actorId: link.id,
    action,
    entity: 'student',
    entityId: about.studentId,
    detail: { applicationId: about.applicationId, name: link.name, ...detail },
  };
  return onlyIf ? auditRowIf(db, entry, onlyIf) : auditRow(db, entry);
}

const placementFields = {
  id: applications.id,
  tenantId: applications.tenantId,
  reference: applications.reference,
  status: applications.status,
  studentId: applications.studentId,
  startedOn: applications.startedOn,
  completedOn: applications.completedOn,
  preferredName: students.preferredName,
  title: opportunities.title,
  employerName: employers.name,
  startsOn: opportunities.startsOn,
  endsOn: opportunities.endsOn,
  schedule: opportunities.schedule,
  skills: opportunities.skills,
  technicalSkills: opportunities.technicalSkills,
};

const selectPlacements = (db: Database, link: SupervisorLink, where?: SQL) =>
  db
    .select(placementFields)
    .from(applications)
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .innerJoin(employers, eq(employers.id, opportunities.employerId))
    .where(and(supervisedBy(link), where));

type PlacementRow = Awaited<ReturnType<typeof selectPlacements>>[number];

/** A placement the link reaches, or 404 (another supervisor's, another district's, or none). */
export async function reachable(db: Database, link: SupervisorLink, applicationId: string): Promise<PlacementRow> {
  const row = await selectPlacements(db, link, eq(applications.id, applicationId)).get();
  if (!row) throw new ProblemError('notFound', { detail: 'No application with this id here.' });
  return row;
}

/** Pending: neither approved nor returned. */
const pending = and(isNull(hourLogs.approvedAt), isNull(hourLogs.returnedAt));

/** A pending entry as `toHour` reads one (nobody approved it yet), with its placement. */
const pendingFields = {
  id: hourLogs.id,
  applicationId: hourLogs.applicationId,
  workedOn: hourLogs.workedOn,
  hours: hourLogs.hours,
  activity: hourLogs.activity,
  loggedBy: hourLogs.loggedBy,
  approvedBy: hourLogs.approvedBy,
  approverName: sql<string | null>`NULL`,
  approvedAt: hourLogs.approvedAt,
  reviewerName: hourLogs.reviewerName,
  returnedAt: hourLogs.returnedAt,
  returnNote: hourLogs.returnNote,
  createdAt: hourLogs.createdAt,
};

/** Everything the supervisor page shows, read with one audit row per placement (each names a student). */
export async function supervisorView(db: Database, link: SupervisorLink): Promise<SupervisorView & { lang: Lang }> {
  const [tenant] = await db
    .select({ name: tenants.name, timeZone: tenants.timeZone, locale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.id, link.tenantId));
  // Placements under way first (their hours wait), then those about to start, then the finished ones.
  const order = sql`CASE ${applications.status} WHEN 'active' THEN 0 WHEN 'confirmed' THEN 1 WHEN 'accepted' THEN 2 ELSE 3 END`;
  const rows = await selectPlacements(db, link).orderBy(order, asc(applications.createdAt));
  const ids = rows.map((r) => r.id);
  const [hours, totals, evals] = ids.length
    ? await db.batch([
        db
          .select(pendingFields)
          .from(hourLogs)
          .where(and(inArray(hourLogs.applicationId, ids), eq(hourLogs.tenantId, link.tenantId), pending))
          .orderBy(asc(hourLogs.workedOn), asc(hourLogs.createdAt)),
        db
          .select({
            applicationId: hourLogs.applicationId,
            logged: sql<number>`coalesce(sum(${hourLogs.hours}), 0)`.mapWith(Number),
            approved: sql<number>`coalesce(sum(CASE WHEN ${hourLogs.approvedAt} IS NOT NULL THEN ${hourLogs.hours} END), 0)`.mapWith(Number),
          })
          .from(hourLogs)
          .where(and(inArray(hourLogs.applicationId, ids), eq(hourLogs.tenantId, link.tenantId)))
          .groupBy(hourLogs.applicationId),
        db
          .select({ applicationId: evaluations.applicationId, phase: evaluations.phase, recordedAt: evaluations.createdAt })
          .from(evaluations)
          .where(and(inArray(evaluations.applicationId, ids), eq(evaluations.tenantId, link.tenantId))),
      ])
    : [[], [], []];
  const today = todayIn(tenant?.timeZone ?? 'UTC');
  const placements: SupervisedPlacement[] = rows.map((r) => {
    const mine = evals.filter((e) => e.applicationId === r.id);
    const t = totals.find((x) => x.applicationId === r.id);
    const pendingHere = hours.filter((h) => h.applicationId === r.id);
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      id: r.id,
      reference: r.reference,
      status: r.status,
      student: { preferredName: r.preferredName },
      opportunity: {
        title: r.title,
        employerName: r.employerName,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        schedule: r.schedule,
        skills: [...r.skills, ...r.technicalSkills],
      },
      startedOn: r.startedOn,
      completedOn: r.completedOn,
      pendingHours: pendingHere.map(toHour),
      totals: {
        logged: round(t?.logged ?? 0),
        approved: round(t?.approved ?? 0),
        pending: round(pendingHere.reduce((s, h) => s + h.hours, 0)),
      },
      evaluationsDue:
        r.status === 'active' || r.status === 'completed'
          ? evaluationsDue(
              {
                status: r.status,
                start: r.startedOn ?? r.startsOn,
                end: r.completedOn ?? r.endsOn,
                hasMidpoint: mine.some((e) => e.phase === 'midpoint'),
                hasFinal: mine.some((e) => e.phase === 'final'),
              },
              today,
            )
          : [],
      evaluations: mine.map((e) => ({ phase: e.phase, recordedAt: e.recordedAt })).sort((a, b) => a.phase.localeCompare(b.phase)),
    };
  });
  const audits = rows.map((r) => supervisorAudit(db, link, 'placement.read', { studentId: r.studentId, applicationId: r.id }));
  await db.batch([touchLink(db, link), ...audits]);
  const langOf = await languagesFor(db, link.tenantId, [link.email], isLang(tenant?.locale) ? tenant.locale : 'en');
  return {
    supervisor: { name: link.name, email: link.email },
    districtName: tenant?.name ?? '',
    expiresAt: link.expiresAt,
    placements,
    lang: langOf(link.email),
  };
}

/** The hour log and the placement behind it, when the link reaches that placement; else 404. */
async function reachableHours(db: Database, link: SupervisorLink, hourId: string) {
  const log = await db
    .select({ applicationId: hourLogs.applicationId, approvedAt: hourLogs.approvedAt, returnedAt: hourLogs.returnedAt })
    .from(hourLogs)
    .where(and(eq(hourLogs.id, hourId), eq(hourLogs.tenantId, link.tenantId)))
    .get();
  const row = log ? await selectPlacements(db, link, eq(applications.id, log.applicationId)).get() : undefined;
  if (!log || !row) throw new ProblemError('notFound', { detail: 'No hour log with this id here.' });
  return { log, row };
}

/** Approves an entry by the supervisor's name. Approving twice is harmless; an entry sent back waits for the student's correction. */
export async function approveHours(db: Database, link: SupervisorLink, hourId: string): Promise<HourLogResult> {
  const { log, row } = await reachableHours(db, link, hourId);
  if (log.returnedAt) {
    throw new ProblemError('conflict', {
      title: 'This entry was sent back',
      detail: 'You returned this entry to the student with a note; approve the corrected entry they log instead.',
    });
  }
  const now = new Date().toISOString();
  await db.batch([
    db
      .update(hourLogs)
      .set({ approvedAt: now, reviewerName: link.name })
      .where(and(eq(hourLogs.id, hourId), eq(hourLogs.tenantId, link.tenantId), pending)),
    supervisorAudit(db, link, 'hours.approve', { studentId: row.studentId, applicationId: row.id }, { hourLogId: hourId }, sql`changes() = 1`),
    touchLink(db, link),
  ]);
  return entryAndTotals(db, link.tenantId, row.id, hourId);
}

/** Sends an entry back to the student with a note (it no longer counts as waiting). An approved entry stays approved. */
export async function returnHours(db: Database, link: SupervisorLink, hourId: string, note: string): Promise<HourLogResult> {
  const { log, row } = await reachableHours(db, link, hourId);
  if (log.approvedAt) {
    throw new ProblemError('conflict', {
      title: 'This entry is already approved',
      detail: 'Approved hours count on the student’s record and cannot be sent back.',
    });
  }
  const now = new Date().toISOString();
  await db.batch([
    db
      .update(hourLogs)
      .set({ returnedAt: now, returnNote: note, reviewerName: link.name })
      .where(and(eq(hourLogs.id, hourId), eq(hourLogs.tenantId, link.tenantId), pending)),
    supervisorAudit(db, link, 'hours.return', { studentId: row.studentId, applicationId: row.id }, { hourLogId: hourId }, sql`changes() = 1`),
    touchLink(db, link),
  ]);
  return entryAndTotals(db, link.tenantId, row.id, hourId);
}

/** Records the midpoint or final evaluation by the supervisor's name, with the coordinator's rules (every named skill, frozen once a badge is issued). */
export async function evaluate(
  db: Database,
  link: SupervisorLink,
  applicationId: string,
  phase: EvaluationPhase,
  body: EvaluationRequest,
): Promise<Evaluation> {
  const row = await reachable(db, link, applicationId);
  const saved = await recordEvaluation(db, row, phase, body, { userId: null, name: link.name }, (recorded) =>
    supervisorAudit(db, link, 'evaluation.record', { studentId: row.studentId, applicationId: row.id }, { phase }, recorded),
  );
  await touchLink(db, link);
  return saved;
}

/**
 * A fresh link for an address, when it supervises a current placement in the district (and
 * only then; the caller answers the same either way). Named as the newest placement names them.
 */
export async function sendFreshLink(db: Database, p: { tenantId: string; email: string; secret: string; base: string }): Promise<boolean> {
  const email = normalEmail(p.email);
  const [named] = await db
    .select({ name: applications.supervisorName, district: tenants.name, timeZone: tenants.timeZone, locale: tenants.defaultLocale })
    .from(applications)
    .innerJoin(tenants, eq(tenants.id, applications.tenantId))
    .where(
      and(
        supervisedBy({ tenantId: p.tenantId, email }),
        inArray(applications.status, ['confirmed', 'active', 'completed']),
        isNotNull(applications.supervisorName),
      ),
    )
    .orderBy(desc(applications.updatedAt))
    .limit(1);
  if (!named?.name) return false;
  const lang = (await languagesFor(db, p.tenantId, [email], isLang(named.locale) ? named.locale : 'en'))(email);
  const link = await newSupervisorLink(db, { tenantId: p.tenantId, email, name: named.name });
  const statements: BatchItem<'sqlite'>[] = [
    link.insert,
    outboxRow(db, {
      tenantId: p.tenantId,
      recipient: email,
      ...compose('supervisor.link', lang, { name: named.name, district: named.district, until: linkUntil(lang, named.timeZone, link.expiresAt) }),
      sealedLink: await seal(p.secret, p.tenantId, supervisePageUrl(p.base, link.token, lang)),
    }),
  ];
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return true;
}
