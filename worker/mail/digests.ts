/**
 * Digests the minute cron writes, only to people something waits for:
 *
 * - each supervisor, on Monday where the district is: hours logged on their placements that
 *   wait for their approval, and the evaluations due (the midpoint once half the placement's
 *   span has passed, the final once it has ended), with links into the console;
 * - each coordinator, every day: host offers to review, training agreements unsigned more than
 *   a week after they went out, and hours that have waited more than a week for approval.
 *
 * A supervisor named on a placement without a staff account (an employer contact) gets the
 * weekly digest too, with a fresh link to their supervisor page instead of the console (dedupe
 * key `digest.supervisor:link:<address>:<week>`), and, any day a student logs new hours on their
 * placements, one notice with a link (`supervisor.hours:<address>:<date>`).
 *
 * Each is written once per person and period (dedupe key `digest.…:<user>:<week or date>`).
 * Once a district's period is done — every digest written, or nothing waited — an audit row of
 * the system's says so, and the rest of the period's runs read only that (one index entry).
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, lt, or, gte, sql, sum, min, countDistinct } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { agreements, applications, hostOffers, hourLogs, opportunities, outbox, students, users } from '../../schema/db/tables.js';
import { seal } from '../lib/app-secret.js';
import type { Database } from '../lib/db.js';
import type { Lang } from '../lib/lang.js';
import { outboxRow } from '../lib/outbox.js';
import { linkUntil, newSupervisorLink, supervisePageUrl } from '../lib/supervision.js';
import { addDays } from '../lib/zones.js';
import { compose, type ComposedMessage } from './catalogue/index.js';
import { FIRST_HOUR, LAST_HOUR, notWritten, periodDone, periodMarker, type TenantClock } from './periods.js';
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
  /** `until`: the last day of the digest's supervisor link, written out in `lang` (only for `link` digests). */
  write: (lang: Lang, until: string) => ComposedMessage;
  /** A supervisor without an account: the digest carries a fresh link to their page, made for this address and name. */
  link?: { name: string };
}

/** Links in digests need the deployment's secret to be sealed, and its address. */
type LinkMaker = Pick<JobContext, 'secret' | 'base' | 'now'>;

/** Writes the digests not yet written this period (at most PER_RUN), and the period's marker once none is left. */
async function writeDigests(db: Database, t: TenantClock, job: string, period: string, digests: Digest[], links?: LinkMaker): Promise<number> {
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
  const statements: BatchItem<'sqlite'>[] = [];
  for (const d of now) {
    const lang = langOf(d.email);
    if (!d.link) {
      // A duplicate key (another run got here first) is ignored by the outbox's unique index.
      statements.push(outboxRow(db, { tenantId: t.id, recipient: d.email, ...d.write(lang, ''), dedupeKey: keyOf(d) }));
      continue;
    }
    if (!links?.secret) continue;
    // The link's hash is stored with its message; a second run's duplicate message is dropped, its unused link never leaves.
    const link = await newSupervisorLink(db, { tenantId: t.id, email: d.email, name: d.link.name }, links.now);
    statements.push(
      link.insert,
      outboxRow(db, {
        tenantId: t.id,
        recipient: d.email,
        ...d.write(lang, linkUntil(lang, t.timeZone, link.expiresAt)),
        sealedLink: await seal(links.secret, t.id, supervisePageUrl(links.base, link.token, lang)),
        dedupeKey: keyOf(d),
      }),
    );
  }
  if (todo.length <= PER_RUN) statements.push(periodMarker(db, t.id, job, period, { people: digests.length }));
  if (statements.length) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return now.length;
}

/** `evaluationsDue` for a digest's placement row: started or planned dates, and the evaluation flags as SQL counts. */
function dueOnRow(
  r: {
    status: string;
    startedOn: string | null;
    startsOn: string | null;
    completedOn: string | null;
    endsOn: string | null;
    hasMidpoint: unknown;
    hasFinal: unknown;
  },
  today: string,
) {
  return evaluationsDue(
    {
      status: r.status,
      start: r.startedOn ?? r.startsOn,
      end: r.completedOn ?? r.endsOn,
      hasMidpoint: !!Number(r.hasMidpoint),
      hasFinal: !!Number(r.hasFinal),
    },
    today,
  );
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
  const waitingEntries = sql<number>`(SELECT count(*) FROM ${hourLogs} WHERE ${hourLogs.applicationId} = ${applications.id} AND ${hourLogs.approvedAt} IS NULL AND ${hourLogs.returnedAt} IS NULL)`;
  const waitingHours = sql<number>`(SELECT coalesce(sum(${hourLogs.hours}), 0) FROM ${hourLogs} WHERE ${hourLogs.applicationId} = ${applications.id} AND ${hourLogs.approvedAt} IS NULL AND ${hourLogs.returnedAt} IS NULL)`;
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
    const due = dueOnRow(r, t.date);
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
  digests.push(...(await linkSupervisorDigests(db, t)));
  return writeDigests(db, t, job, t.week, digests, ctx);
}

/** What a supervisor named on placements without an account has waiting: one digest per address, with their link. */
async function linkSupervisorDigests(db: Database, t: TenantClock): Promise<Digest[]> {
  const pending = and(eq(hourLogs.applicationId, applications.id), isNull(hourLogs.approvedAt), isNull(hourLogs.returnedAt));
  const has = (phase: string) => sql<number>`EXISTS (SELECT 1 FROM evaluations e WHERE e.application_id = ${applications.id} AND e.phase = ${phase})`;
  const rows = await db
    .select({
      status: applications.status,
      startedOn: applications.startedOn,
      completedOn: applications.completedOn,
      startsOn: opportunities.startsOn,
      endsOn: opportunities.endsOn,
      title: opportunities.title,
      studentName: students.preferredName,
      email: applications.supervisorEmail,
      name: applications.supervisorName,
      waitingEntries: sql<number>`(SELECT count(*) FROM ${hourLogs} WHERE ${pending})`,
      waitingHours: sql<number>`(SELECT coalesce(sum(${hourLogs.hours}), 0) FROM ${hourLogs} WHERE ${pending})`,
      hasMidpoint: has('midpoint'),
      hasFinal: has('final'),
    })
    .from(applications)
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .where(
      and(
        eq(applications.tenantId, t.id),
        inArray(applications.status, ['active', 'completed']),
        isNull(applications.supervisorUserId),
        isNotNull(applications.supervisorEmail),
        or(eq(applications.status, 'active'), isNull(applications.completedOn), gte(applications.completedOn, addDays(t.date, -COMPLETED_DAYS))),
      ),
    )
    .orderBy(asc(applications.supervisorEmail), asc(applications.createdAt));
  const byAddress = new Map<string, { name: string; hours: LinkHoursLine[]; evaluations: Omit<EvaluationLine, 'link'>[] }>();
  for (const r of rows) {
    const due = dueOnRow(r, t.date);
    const entries = Number(r.waitingEntries);
    if (!r.email || (!entries && !due.length)) continue;
    let s = byAddress.get(r.email);
    if (!s) byAddress.set(r.email, (s = { name: r.name || r.email, hours: [], evaluations: [] }));
    if (entries) s.hours.push({ studentName: r.studentName, title: r.title, entries, hours: Math.round(Number(r.waitingHours) * 100) / 100 });
    for (const phase of due) s.evaluations.push({ studentName: r.studentName, title: r.title, phase });
  }
  return [...byAddress].map(([email, s]) => ({
    userId: `link:${email}`,
    email,
    link: { name: s.name },
    write: (lang, until) => compose('supervisor.digest', lang, { name: s.name, district: t.name, until, hours: s.hours, evaluations: s.evaluations }),
  }));
}

/** Pending entries this old or older are left to the weekly digest: a notice is about what is new. */
const NOTICE_DAYS = 7;

/**
 * A notice to each supervisor without an account when a student logged hours that wait for
 * them: at most one per address and local day, between FIRST_HOUR and LAST_HOUR. "New" means
 * logged after yesterday's notice to the same address (or within the last day when there was
 * none), so an entry is announced once; both probes go through the outbox's dedupe index.
 * Answers how many were written.
 */
export async function supervisorHourNotices(ctx: JobContext, t: TenantClock): Promise<number> {
  const { db, secret, base, now } = ctx;
  if (!secret || t.hour < FIRST_HOUR || t.hour > LAST_HOUR) return 0;
  const keyOn = (date: string) => sql<string>`'supervisor.hours:' || ${applications.supervisorEmail} || ':' || ${date}`;
  const yesterdaysNotice = db
    .select({ at: outbox.createdAt })
    .from(outbox)
    .where(and(eq(outbox.tenantId, t.id), eq(outbox.dedupeKey, keyOn(addDays(t.date, -1)))));
  const rows = await db
    .select({
      email: applications.supervisorEmail,
      name: applications.supervisorName,
      studentName: students.preferredName,
      title: opportunities.title,
      entries: count(),
      hours: sum(hourLogs.hours).mapWith(Number),
    })
    .from(applications)
    .innerJoin(hourLogs, eq(hourLogs.applicationId, applications.id))
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .where(
      and(
        eq(applications.tenantId, t.id),
        inArray(applications.status, ['active', 'completed']),
        isNull(applications.supervisorUserId),
        isNotNull(applications.supervisorEmail),
        isNull(hourLogs.approvedAt),
        isNull(hourLogs.returnedAt),
        gte(hourLogs.createdAt, iso(now - NOTICE_DAYS * DAY)),
        sql`${hourLogs.createdAt} > coalesce((${yesterdaysNotice}), ${iso(now - DAY)})`,
        notWritten(db, t.id, keyOn(t.date)),
      ),
    )
    .groupBy(applications.id)
    .orderBy(asc(applications.supervisorEmail), asc(applications.createdAt));
  const byAddress = new Map<string, { name: string; hours: LinkHoursLine[] }>();
  for (const r of rows) {
    if (!r.email) continue;
    let s = byAddress.get(r.email);
    if (!s) byAddress.set(r.email, (s = { name: r.name || r.email, hours: [] }));
    s.hours.push({ studentName: r.studentName, title: r.title, entries: r.entries, hours: Math.round(r.hours * 100) / 100 });
  }
  const todo = [...byAddress].slice(0, PER_RUN);
  if (!todo.length) return 0;
  const langOf = await languagesFor(
    db,
    t.id,
    todo.map(([email]) => email),
    t.lang,
  );
  const statements: BatchItem<'sqlite'>[] = [];
  for (const [email, s] of todo) {
    const lang = langOf(email);
    const link = await newSupervisorLink(db, { tenantId: t.id, email, name: s.name }, now);
    statements.push(
      link.insert,
      outboxRow(db, {
        tenantId: t.id,
        recipient: email,
        ...compose('supervisor.hours', lang, { name: s.name, district: t.name, until: linkUntil(lang, t.timeZone, link.expiresAt), hours: s.hours }),
        sealedLink: await seal(secret, t.id, supervisePageUrl(base, link.token, lang)),
        dedupeKey: `supervisor.hours:${email}:${t.date}`,
      }),
    );
  }
  const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  // Every second statement is a message; one another run wrote first is ignored by the dedupe index.
  return results.filter((res, i) => i % 2 === 1 && (res as { meta?: { changes?: number } }).meta?.changes).length;
}

type LinkHoursLine = Omit<HoursLine, 'link'>;

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
          // An entry a supervisor sent back waits for the student's correction, not for approval.
          isNull(hourLogs.returnedAt),
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
