/**
 * What the scheduled mail jobs share: each district's local clock at the cron's time, the
 * "not written yet" test on a message's dedupe key (the outbox's unique index answers it), and a
 * marker for a digest period that is finished, so a job that runs every minute does its work
 * once per period and otherwise reads one index entry per district.
 */
import { and, eq, notExists, sql, type Column, type SQL } from 'drizzle-orm';
import { auditLog, outbox, tenants } from '../../schema/db/tables.js';
import { auditRow } from '../lib/audit.js';
import type { Database } from '../lib/db.js';
import { isLang, type Lang } from '../lib/lang.js';
import { addDays, isTimeZone, wallClock } from '../lib/zones.js';

/** Reminders and digests go out from this local hour on (nobody is written to at night)… */
export const FIRST_HOUR = 8;
/** …and reminders not after this one (a digest, once a day, may still go later). */
export const LAST_HOUR = 20;

export interface TenantClock {
  id: string;
  name: string;
  timeZone: string;
  lang: Lang;
  /** `YYYY-MM-DD` where the district is. */
  date: string;
  hour: number;
  /** 1 Monday … 7 Sunday. */
  weekday: number;
  /** ISO 8601 week of `date`: `2026-W11`. */
  week: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO 8601 week (`YYYY-Www`) a date falls in: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${pad(week)}`;
}

/** A local date and hour in a zone at an instant. */
export function localClock(now: number, timeZone: string): { date: string; hour: number; weekday: number } {
  const w = wallClock(now, timeZone);
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  return { date, hour: w.hour, weekday: new Date(`${date}T00:00:00Z`).getUTCDay() || 7 };
}

/** Every district with its clock at `now` (districts are few: one row each). */
export async function tenantClocks(db: Database, now: number): Promise<TenantClock[]> {
  const rows = await db.select({ id: tenants.id, name: tenants.name, timeZone: tenants.timeZone, lang: tenants.defaultLocale }).from(tenants);
  return rows.map((t) => {
    const timeZone = isTimeZone(t.timeZone) ? t.timeZone : 'UTC';
    const clock = localClock(now, timeZone);
    return { id: t.id, name: t.name, timeZone, lang: isLang(t.lang) ? t.lang : 'en', ...clock, week: isoWeek(clock.date) };
  });
}

/** The day after a local date. */
export const nextDay = (date: string) => addDays(date, 1);

/** No message with this dedupe key was written for this district: one probe of the outbox's unique index. */
export function notWritten(db: Database, tenantId: Column | SQL | string, key: SQL): SQL {
  return notExists(
    db
      .select({ one: sql`1` })
      .from(outbox)
      .where(and(sql`${outbox.tenantId} = ${tenantId}`, sql`${outbox.dedupeKey} = ${key}`)),
  );
}

/** What a finished period is recorded as: an audit row of the system's, found by its entity id. */
const MARKER_ENTITY = 'mail_job';
const markerId = (job: string, period: string) => `${job}:${period}`;

/** Whether a job already finished this period for a district (the audit log's entity index). */
export async function periodDone(db: Database, tenantId: string, job: string, period: string): Promise<boolean> {
  const found = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.entity, MARKER_ENTITY), eq(auditLog.entityId, markerId(job, period)), eq(auditLog.tenantId, tenantId)))
    .limit(1);
  return found.length > 0;
}

/** The audit row that finishes a period: what the job sent (counts only), written with its messages. */
export function periodMarker(db: Database, tenantId: string, job: string, period: string, detail: Record<string, number>) {
  return auditRow(db, {
    tenantId,
    actorType: 'system',
    actorId: null,
    action: `${job}.send`,
    entity: MARKER_ENTITY,
    entityId: markerId(job, period),
    detail: { period, ...detail },
  });
}
