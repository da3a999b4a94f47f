/**
 * Digests the minute cron writes, only to people something waits for:
 *
 * - each supervisor, on Monday where the district is: hours logged on their placements that
 *   wait for their approval, and the evaluations due (the midpoint once half the placement's
 *   span has passed, the final once it has ended), with links into the console;
 * - each coordinator, every day: host offers to review, training agreements unsigned more than
 *   a week after they went out, and hours that have waited more than a week for approval.
 *
 * Each is written once per person and period (dedupe key `digest.…:<user>:<week or date>`).
 * Once a district's period is done — every digest written, or nothing waited — an audit row of
 * the system's says so, and the rest of the period's runs read only that (one index entry).
 */
import { and, asc, count, eq, inArray, isNull, lt, or, gte, sql, sum, min, countDistinct } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { agreements, applications, hostOffers, hourLogs, opportunities, outbox, students, users } from '../../schema/db/tables.js';
import type { Database } from '../lib/db.js';
import type { Lang } from '../lib/lang.js';
import { outboxRow } from '../lib/outbox.js';
import { addDays } from '../lib/zones.js';
import { compose, type ComposedMessage } from './catalogue/index.js';
import { FIRST_HOUR, periodDone, periodMarker, type TenantClock } from './periods.js';
import { languagesFor } from './preferences.js';
import { PER_RUN, type JobContext } from './reminders.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Completed placements stay in a supervisor's digest this long (a final evaluation, hours left to approve). */
const COMPLETED_DAYS = 60;
/** Unsigned agreements listed by name in a coordinator's digest; the rest are counted. */
const STUCK_LISTED = 10;

const consoleUrl = (base: string, path = '') => `${base}/demo/console.html${path ? `#${path}` : ''}`;

interface Digest {
  userId: string;
  email: string;
  write: (lang: Lang) => ComposedMessage;
}

/** Writes the digests not yet written this period (at most PER_RUN), and the period's marker once none is left. */
async function writeDigests(db: Database, t: TenantClock, job: string, period: string, digests: Digest[]): Promise<number> {
  const keyOf = (d: Digest) => `${job}:${d.userId}:${period}`;
  const written = new Set<string>();
  // D1 takes at most 100 bound parameters a statement.
  for (let i = 0; i < digests.length; i += 90) {
    const keys = digests.slice(i, i + 90).map(keyOf);
    const rows = await db
      .select({ key: outbox.dedupeKey })
      .from(outbox)
      .where(and(eq(outbox.tenantId, t.id), inArray(outbox.dedupeKey, keys)));
    for (const r of rows) if (r.key) written.add(r.key);
  }
  const todo = digests.filter((d) => !written.has(keyOf(d)));
  const now = todo.slice(0, PER_RUN);
  const langOf = await languagesFor(
    db,
    t.id,
    now.map((d) => d.email),
    t.lang,
  );
  const statements: BatchItem<'sqlite'>[] = now.map((d) =>
    // A duplicate key (another run got here first) is ignored by the outbox's unique index.
    outboxRow(db, { tenantId: t.id, recipient: d.email, ...d.write(langOf(d.email)), dedupeKey: keyOf(d) }),
  );
  if (todo.length <= PER_RUN) statements.push(periodMarker(db, t.id, job, period, { people: digests.length }));
  if (statements.length) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return now.length;
}

/** Whether an evaluation is due today: the midpoint once half the span has passed, the final once it has ended. */
export function evaluationsDue(
  p: { status: string; start: string | null; end: string | null; hasMidpoint: boolean; hasFinal: boolean },
  today: string,
): ('midpoint' | 'final')[] {
  const due: ('midpoint' | 'final')[] = [];
  const ended = p.status === 'completed' || (!!p.end && today >= p.end);
  if (!p.hasFinal && ended) due.push('final');
  else if (!p.hasMidpoint && p.status === 'active' && p.start && p.end) {
    const half = addDays(p.start, Math.floor((Date.parse(`${p.end}T00:00:00Z`) - Date.parse(`${p.start}T00:00:00Z`)) / DAY / 2));
    if (today >= half) due.push('midpoint');
  }
  return due;
}

/** The weekly supervisor digests of one district (Mondays); answers how many were written. */
export async function supervisorDigests(ctx: JobContext, t: TenantClock): Promise<number> {
  const { db, base } = ctx;
  const job = 'digest.supervisor';
  if (t.weekday !== 1 || t.hour < FIRST_HOUR || (await periodDone(db, t.id, job, t.week))) return 0;
  const waitingEntries = sql<number>`(SELECT count(*) FROM ${hourLogs} WHERE ${hourLogs.applicationId} = ${applications.id} AND ${hourLogs.approvedAt} IS NULL)`;
  const waitingHours = sql<number>`(SELECT coalesce(sum(${hourLogs.hours}), 0) FROM ${hourLogs} WHERE ${hourLogs.applicationId} = ${applications.id} AND ${hourLogs.approvedAt} IS NULL)`;
  const has = (phase: string) => sql<number>`EXISTS (SELECT 1 FROM evaluations e WHERE e.application_id = ${applications.id} AND e.phase = ${phase})`;
  const rows = await db
    .select({
      id: applications.id,
      status: applications.status,
      startedOn: applications.startedOn,
      completedOn: applications.completedOn,
      startsOn: opportunities.startsOn,
      endsOn: opportunities.endsOn,
      title: opportunities.title,
      studentName: students.preferredName,
      userId: users.id,
      email: users.email,
      name: users.name,
      waitingEntries,
      waitingHours,
      hasMidpoint: has('midpoint'),
      hasFinal: has('final'),
    })
    .from(applications)
    .innerJoin(users, and(eq(users.id, applications.supervisorUserId), eq(users.role, 'supervisor'), eq(users.disabled, false)))
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .where(
      and(
        eq(applications.tenantId, t.id),
        inArray(applications.status, ['active', 'completed']),
        or(eq(applications.status, 'active'), isNull(applications.completedOn), gte(applications.completedOn, addDays(t.date, -COMPLETED_DAYS))),
      ),
    )
    .orderBy(asc(users.id), asc(applications.createdAt));
  const bySupervisor = new Map<string, { email: string; name: string; hours: HoursLine[]; evaluations: EvaluationLine[] }>();
  for (const r of rows) {
    const link = consoleUrl(base, `placements/${r.id}`);
    const due = evaluationsDue(
      {
        status: r.status,
        start: r.startedOn ?? r.startsOn,
        end: r.completedOn ?? r.endsOn,
        hasMidpoint: !!Number(r.hasMidpoint),
        hasFinal: !!Number(r.hasFinal),
      },
      t.date,
    );
    const entries = Number(r.waitingEntries);
    if (!entries && !due.length) continue;
    let s = bySupervisor.get(r.userId);
    if (!s) bySupervisor.set(r.userId, (s = { email: r.email, name: r.name, hours: [], evaluations: [] }));
    if (entries) s.hours.push({ studentName: r.studentName, title: r.title, entries, hours: Math.round(Number(r.waitingHours) * 100) / 100, link });
    for (const phase of due) s.evaluations.push({ studentName: r.studentName, title: r.title, phase, link });
  }
  const digests: Digest[] = [...bySupervisor].map(([userId, s]) => ({
    userId,
    email: s.email,
    write: (lang) =>
      compose('digest.supervisor', lang, {
        name: s.name,
        district: t.name,
        hours: s.hours,
        evaluations: s.evaluations,
        console: consoleUrl(base, 'placements'),
      }),
  }));
  return writeDigests(db, t, job, t.week, digests);
}

interface HoursLine {
  studentName: string;
  title: string;
  entries: number;
  hours: number;
  link: string;
}

interface EvaluationLine {
  studentName: string;
  title: string;
  phase: 'midpoint' | 'final';
  link: string;
}

/** The daily coordinator digests of one district; answers how many were written. */
export async function coordinatorDigests(ctx: JobContext, t: TenantClock): Promise<number> {
  const { db, base, now } = ctx;
  const job = 'digest.coordinator';
  if (t.hour < FIRST_HOUR || (await periodDone(db, t.id, job, t.date))) return 0;
  const weekAgo = iso(now - 7 * DAY);
  const [offers, stuck, oldHours, coordinators] = await db.batch([
    db
      .select({ n: count() })
      .from(hostOffers)
      .where(and(eq(hostOffers.tenantId, t.id), eq(hostOffers.status, 'pending'))),
    db
      .select({
        id: applications.id,
        reference: applications.reference,
        title: opportunities.title,
        studentName: students.preferredName,
        missing: count(),
        since: min(agreements.createdAt),
      })
      .from(applications)
      .innerJoin(agreements, and(eq(agreements.applicationId, applications.id), isNull(agreements.signedAt)))
      .innerJoin(students, eq(students.id, applications.studentId))
      .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
      .where(and(eq(applications.tenantId, t.id), inArray(applications.status, ['offered', 'accepted'])))
      .groupBy(applications.id)
      .having(lt(min(agreements.createdAt), weekAgo))
      .orderBy(asc(min(agreements.createdAt))),
    db
      .select({ entries: count(), hours: sum(hourLogs.hours), placements: countDistinct(hourLogs.applicationId) })
      .from(applications)
      .innerJoin(hourLogs, eq(hourLogs.applicationId, applications.id))
      .where(
        and(
          eq(applications.tenantId, t.id),
          inArray(applications.status, ['active', 'completed']),
          isNull(hourLogs.approvedAt),
          lt(hourLogs.createdAt, weekAgo),
        ),
      ),
    db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.tenantId, t.id), eq(users.role, 'coordinator'), eq(users.disabled, false)))
      .orderBy(asc(users.createdAt)),
  ]);
  const offerCount = offers[0]?.n ?? 0;
  const hours = {
    entries: oldHours[0]?.entries ?? 0,
    hours: Math.round(Number(oldHours[0]?.hours ?? 0) * 100) / 100,
    placements: oldHours[0]?.placements ?? 0,
  };
  const waiting = offerCount > 0 || stuck.length > 0 || hours.entries > 0;
  const lines = stuck.slice(0, STUCK_LISTED).map((s) => ({
    studentName: s.studentName,
    title: s.title,
    reference: s.reference,
    missing: s.missing,
    days: Math.floor((now - Date.parse(s.since ?? weekAgo)) / DAY),
    link: consoleUrl(base, `placements/${s.id}`),
  }));
  const digests: Digest[] = waiting
    ? coordinators.map((u) => ({
        userId: u.id,
        email: u.email,
        write: (lang) =>
          compose('digest.coordinator', lang, {
            name: u.name,
            district: t.name,
            offers: offerCount,
            review: consoleUrl(base, 'review'),
            stuck: lines,
            moreStuck: stuck.length - lines.length,
            oldHours: hours,
            placements: consoleUrl(base, 'placements'),
          }),
      }))
    : [];
  return writeDigests(db, t, job, t.date, digests);
}
