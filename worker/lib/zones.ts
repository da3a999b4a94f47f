/**
 * Wall-clock arithmetic in IANA time zones with nothing but `Intl`, which workerd and Node
 * both ship with the tz database. Events are stored as UTC instants plus a zone; these turn
 * them into local dates and times (for iCalendar, JSON-LD and date ranges) and back.
 */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const MINUTE = 60_000;
const DAY = 86_400_000;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date and time an instant shows on a clock in `timeZone`. */
export function wallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at an instant, in minutes (Los Angeles in winter: -480). */
export function offsetMinutes(instant: number, timeZone: string): number {
  // Whole seconds only: Intl has no milliseconds, so they would show up as a bogus offset.
  const whole = Math.floor(instant / 1000) * 1000;
  return Math.round((asUtc(wallClock(whole, timeZone)) - whole) / MINUTE);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** `-08:00` style offset text. */
export function offsetText(minutes: number, separator = ':'): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(minutes) / 60))}${separator}${pad(Math.abs(minutes) % 60)}`;
}

/** ISO 8601 with the zone's offset (`2026-12-05T09:00:00-08:00`), as schema.org dates want them. */
export function isoWithOffset(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offsetText(offsetMinutes(instant, timeZone))}`;
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by a spring-forward gap
 * resolves to the same distance after the gap (02:30 becomes 03:30); a time that happens
 * twice in the autumn resolves to the first of the two, as calendar apps do.
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(':').map(Number) as [number, number, number?];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset a few hours before and after the wall time bracket any transition near it.
  const before = offsetMinutes(wall - 12 * 3_600_000, timeZone);
  const after = offsetMinutes(wall + 12 * 3_600_000, timeZone);
  const first = wall - before * MINUTE;
  if (offsetMinutes(first, timeZone) === before) return first;
  const second = wall - after * MINUTE;
  if (offsetMinutes(second, timeZone) === after) return second;
  // In a gap: neither reading exists, so move forward by the gap's length.
  return wall - before * MINUTE;
}

/**
 * Whether the wall-clock time an instant shows in a zone names that instant alone: false for
 * the repeated hour when clocks fall back (01:30 happens twice), where readers disagree.
 */
export function isUnambiguous(instant: number, timeZone: string): boolean {
  const w = wallClock(instant, timeZone);
  const wall = asUtc(w);
  const readings = new Set([-12, 12].map((h) => offsetMinutes(wall + h * 3_600_000, timeZone)).filter((o) => offsetMinutes(wall - o * MINUTE, timeZone) === o));
  return readings.size <= 1;
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Midnight at the start of a local date, as an instant. */
export function startOfDay(date: string, timeZone: string): number {
  return zonedInstant(date, '00:00', timeZone);
}

export interface Transition {
  /** The instant the offset changes. */
  at: number;
  /** Offsets in minutes before and after. */
  from: number;
  to: number;
}

const transitionCache = new Map<string, Transition[]>();

/**
 * Every offset change of a zone within one calendar year (UTC), found by sampling each day
 * and bisecting to the second. Cached: a zone's rules for a year do not change while the
 * isolate lives.
 */
export function transitionsInYear(timeZone: string, year: number): Transition[] {
  const key = `${timeZone}|${year}`;
  const hit = transitionCache.get(key);
  if (hit) return hit;
  const found: Transition[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let t = Date.UTC(year, 0, 1);
  let offset = offsetMinutes(t, timeZone);
  while (t < end) {
    const next = Math.min(t + DAY, end);
    const nextOffset = offsetMinutes(next, timeZone);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetMinutes(mid, timeZone) === offset) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi, from: offset, to: nextOffset });
    }
    t = next;
    offset = nextOffset;
  }
  if (transitionCache.size > 200) transitionCache.clear();
  transitionCache.set(key, found);
  return found;
}

/** A short name for the zone at an instant (`PST`, `CDT`), or the offset where there is none. */
export function zoneAbbreviation(instant: number, timeZone: string): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date(instant))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^GMT|^UTC/.test(name)) return name;
  } catch {
    /* fall through to the offset */
  }
  return offsetText(offsetMinutes(instant, timeZone), '');
}
