/**
 * Reminders the minute cron writes, each at most once per person and period (its dedupe key):
 *
 * - a training-agreement signature still missing 3 and 7 days after its link went out. Only a
 *   hash of each signing token is stored, so the reminder carries a fresh link: a new token
 *   whose hash replaces the old one (the earlier link stops working, and the message says so),
 *   sealed into the message as every signing link is. The row's issue time is kept, so the link
 *   expires when the first one would have and the 7-day reminder counts from the first sending.
 * - an event tomorrow (in the event's zone), to each confirmed RSVP, in the family's language.
 *
 * Both act only between FIRST_HOUR and LAST_HOUR where the district (or the event) is, read
 * through indexes (applications by status, agreements by application, events by start, RSVPs
 * by event, the outbox by dedupe key) and write at most PER_RUN messages a run.
 */
import { and, asc, eq, exists, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { agreements, applications, employers, events, opportunities, rsvps, students } from '../../schema/db/tables.js';
import { seal } from '../lib/app-secret.js';
import { auditRowIf } from '../lib/audit.js';
import type { Database } from '../lib/db.js';
import { isLang, type Lang } from '../lib/lang.js';
import { outboxRow, outboxRowIf } from '../lib/outbox.js';
import { LINK_ROLES, signLink, signLinkExpiry } from '../lib/pipeline.js';
import { newToken, tokenHash } from '../lib/sessions.js';
import { zoneAbbreviation } from '../lib/zones.js';
import { compose } from './catalogue/index.js';
import { FIRST_HOUR, LAST_HOUR, localClock, nextDay, notWritten, type TenantClock } from './periods.js';
import { languagesFor } from './preferences.js';

/** Messages one job writes for one district in one run at most; the next minute writes more. */
export const PER_RUN = 100;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Reminders go this long after the link: the first at 3 days, the second at 7. */
export const SIGNATURE_REMINDER_DAYS = [3, 7] as const;
/** A reminder the cron missed (it was down) is not sent once the link is this old. */
const SIGNATURE_REMINDER_UNTIL_DAYS = 14;

export interface JobContext {
  db: Database;
  /** APP_SECRET, for sealing links; null where the deployment has none (no link can be sent). */
  secret: string | null;
  /** Where the deployment answers, for links. */
  base: string;
  now: number;
}

const dateIn = (lang: Lang, timeZone: string, instant: number) =>
  new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { timeZone, dateStyle: 'long' }).format(new Date(instant));

/** Signature reminders for one district; answers how many were written. */
export async function signatureReminders(ctx: JobContext, t: TenantClock): Promise<number> {
  const { db, now, secret } = ctx;
  if (!secret || t.hour < FIRST_HOUR || t.hour > LAST_HOUR) return 0;
  const [first, second] = SIGNATURE_REMINDER_DAYS;
  const threshold = sql<string>`CASE WHEN ${agreements.createdAt} <= ${iso(now - second * DAY)} THEN ${`${second}d`} ELSE ${`${first}d`} END`;
  // Per agreement row, per sending of its link, per threshold: a link sent again (by a coordinator) is reminded of again.
  const key = sql<string>`'signature.reminder:' || ${agreements.id} || ':' || ${agreements.createdAt} || '+' || ${threshold}`;
  const due = await db
    .select({
      id: agreements.id,
      role: agreements.role,
      sentTo: agreements.sentTo,
      createdAt: agreements.createdAt,
      hash: agreements.signTokenHash,
      threshold,
      key,
      applicationId: applications.id,
      studentId: applications.studentId,
      lang: applications.lang,
      reference: applications.reference,
      studentName: students.preferredName,
      title: opportunities.title,
      employerName: employers.name,
    })
    .from(applications)
    .innerJoin(agreements, eq(agreements.applicationId, applications.id))
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .innerJoin(employers, eq(employers.id, opportunities.employerId))
    .where(
      and(
        eq(applications.tenantId, t.id),
        // Agreements are issued on acceptance and signed before confirmation.
        inArray(applications.status, ['offered', 'accepted']),
        eq(agreements.tenantId, t.id),
        isNull(agreements.signedAt),
        isNotNull(agreements.signTokenHash),
        inArray(agreements.role, [...LINK_ROLES]),
        lte(agreements.createdAt, iso(now - first * DAY)),
        gt(agreements.createdAt, iso(now - SIGNATURE_REMINDER_UNTIL_DAYS * DAY)),
        // A link that went to an address (not "Supervisor at … (no email on file)").
        sql`instr(${agreements.sentTo}, '@') > 0 AND instr(${agreements.sentTo}, ' ') = 0`,
        notWritten(db, agreements.tenantId, key),
      ),
    )
    .orderBy(asc(agreements.createdAt))
    .limit(PER_RUN);
  if (!due.length) return 0;
  // Students and their families hear in the language the student applied in; a supervisor in the district's.
  const langOf = await languagesFor(
    db,
    t.id,
    due.map((r) => r.sentTo),
    (address) => {
      const r = due.find((d) => d.sentTo === address);
      return r && r.role !== 'supervisor' && isLang(r.lang) ? r.lang : t.lang;
    },
  );
  const statements: BatchItem<'sqlite'>[] = [];
  for (const r of due) {
    const recipient = r.sentTo!;
    const lang = langOf(recipient);
    const token = newToken();
    const hash = await tokenHash(token);
    const message = compose('signature.reminder', lang, {
      role: r.role as 'student' | 'guardian' | 'supervisor',
      studentName: r.studentName,
      title: r.title,
      employerName: r.employerName,
      reference: r.reference,
      district: t.name,
      days: Number.parseInt(r.threshold, 10),
      until: dateIn(lang, t.timeZone, Date.parse(signLinkExpiry(r.createdAt))),
    });
    const stored = exists(db.select({ one: sql`1` }).from(agreements).where(eq(agreements.signTokenHash, hash)));
    statements.push(
      // The new link replaces the old only while nobody signed, nobody sent the links again, and no reminder took this period.
      db
        .update(agreements)
        .set({ signTokenHash: hash })
        .where(
          and(
            eq(agreements.id, r.id),
            isNull(agreements.signedAt),
            eq(agreements.signTokenHash, r.hash!),
            eq(agreements.createdAt, r.createdAt),
            notWritten(db, t.id, sql`${r.key}`),
          ),
        ),
      // …and the message (with its link sealed) exists only if its token was stored, so no link goes out that does not work.
      outboxRowIf(
        db,
        {
          tenantId: t.id,
          recipient,
          ...message,
          sealedLink: await seal(secret, t.id, signLink(ctx.base, token)),
          relatedId: r.applicationId,
          dedupeKey: r.key,
        },
        stored,
      ),
      auditRowIf(
        db,
        {
          tenantId: t.id,
          actorType: 'system',
          actorId: null,
          action: 'agreement.remind',
          entity: 'student',
          entityId: r.studentId,
          detail: { applicationId: r.applicationId, agreementId: r.id, role: r.role, after: r.threshold },
        },
        stored,
      ),
    );
  }
  const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  // Every third statement is a message.
  return results.filter((res, i) => i % 3 === 1 && (res as { meta?: { changes?: number } }).meta?.changes).length;
}

interface EventRow {
  id: string;
  title: string;
  titleEs: string | null;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  timeZone: string;
  locationName: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  virtualUrl: string | null;
  accessibilityNotes: string | null;
  accessibilityNotesEs: string | null;
}

/** "Friday, March 13, 2026, 6:00 PM – 8:00 PM PDT", in the event's zone and the reader's language. */
export function eventWhen(e: Pick<EventRow, 'startsAt' | 'endsAt' | 'allDay' | 'timeZone'>, lang: Lang): string {
  const locale = lang === 'es' ? 'es-US' : 'en-US';
  const start = Date.parse(e.startsAt);
  const day = new Intl.DateTimeFormat(locale, { timeZone: e.timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(start);
  if (e.allDay) return `${day} (${lang === 'es' ? 'todo el día' : 'all day'})`;
  const time = new Intl.DateTimeFormat(locale, { timeZone: e.timeZone, hour: 'numeric', minute: '2-digit' });
  return `${day}, ${time.format(start)} – ${time.format(Date.parse(e.endsAt))} ${zoneAbbreviation(start, e.timeZone)}`;
}

function eventPlace(e: EventRow, lang: Lang): string {
  const cityLine = [e.city, e.state].filter(Boolean).join(', ');
  const where = [e.locationName, e.address, cityLine].filter(Boolean).join(', ');
  if (where && e.virtualUrl) return `${where}; ${lang === 'es' ? 'o en línea' : 'or online'}: ${e.virtualUrl}`;
  return where || e.virtualUrl || (lang === 'es' ? 'vea la invitación' : 'see the invitation');
}

/** Day-before reminders for one district's events starting tomorrow where they are; answers how many were written. */
export async function rsvpReminders(ctx: JobContext, t: TenantClock): Promise<number> {
  const { db, now } = ctx;
  // Tomorrow anywhere starts within 48 hours (an hour more across a clock change).
  const soon = await db
    .select({
      id: events.id,
      title: events.title,
      titleEs: events.titleEs,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      allDay: events.allDay,
      timeZone: events.timeZone,
      locationName: events.locationName,
      address: events.address,
      city: events.city,
      state: events.state,
      virtualUrl: events.virtualUrl,
      accessibilityNotes: events.accessibilityNotes,
      accessibilityNotesEs: events.accessibilityNotesEs,
    })
    .from(events)
    .where(and(eq(events.tenantId, t.id), gte(events.startsAt, iso(now)), lt(events.startsAt, iso(now + 49 * 3_600_000)), eq(events.status, 'scheduled')));
  const tomorrow = soon.filter((e) => {
    const here = localClock(now, e.timeZone);
    return here.hour >= FIRST_HOUR && here.hour <= LAST_HOUR && localClock(Date.parse(e.startsAt), e.timeZone).date === nextDay(here.date);
  });
  let written = 0;
  for (const e of tomorrow) {
    if (written >= PER_RUN) break;
    const date = localClock(Date.parse(e.startsAt), e.timeZone).date;
    // Per RSVP and the event's date: an event moved to another day is reminded of again.
    const key = sql<string>`'rsvp.reminder:' || ${rsvps.id} || ':' || ${date}`;
    const guests = await db
      .select({ id: rsvps.id, name: rsvps.name, email: rsvps.email, lang: rsvps.lang, partySize: rsvps.partySize, key })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, e.id), eq(rsvps.status, 'confirmed'), eq(rsvps.tenantId, t.id), notWritten(db, t.id, key)))
      .limit(PER_RUN - written);
    if (!guests.length) continue;
    const langOf = await languagesFor(
      db,
      t.id,
      guests.map((g) => g.email),
      (address) => {
        const g = guests.find((x) => x.email === address);
        return g && isLang(g.lang) ? g.lang : t.lang;
      },
    );
    const statements: BatchItem<'sqlite'>[] = guests.map((g) => {
      const lang = langOf(g.email);
      const message = compose('rsvp.reminder', lang, {
        name: g.name,
        title: (lang === 'es' && e.titleEs) || e.title,
        when: eventWhen(e, lang),
        place: eventPlace(e, lang),
        partySize: g.partySize,
        accessibility: (lang === 'es' && e.accessibilityNotesEs) || e.accessibilityNotes || null,
        district: t.name,
      });
      return outboxRow(db, { tenantId: t.id, recipient: g.email, ...message, relatedId: g.id, dedupeKey: g.key });
    });
    const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    written += results.filter((res) => (res as { meta?: { changes?: number } }).meta?.changes).length;
  }
  return written;
}
