/**
 * An iCalendar (RFC 5545) writer for event feeds: pure functions from plain values to text.
 * Times are written in the event's own zone with a VTIMEZONE built from the tz database
 * through `Intl`, so Outlook (which reads only the VTIMEZONE) and Google and Apple (which
 * read the IANA TZID) agree, and an event stays at 9 am local time across DST changes.
 */
import { addDays, isUnambiguous, localDate, offsetMinutes, offsetText, transitionsInYear, wallClock, zoneAbbreviation, type Transition } from './zones.js';

export interface IcsEvent {
  uid: string;
  summary: string;
  description?: string | null;
  location?: string | null;
  geo?: { lat: number; lng: number } | null;
  url?: string | null;
  categories?: string[];
  /** UTC instants in milliseconds. */
  start: number;
  end: number;
  timeZone: string;
  /** All-day events are written as dates: DTSTART the first day, DTEND the day after the last. */
  allDay: boolean;
  status: 'CONFIRMED' | 'CANCELLED';
  sequence: number;
  created?: number | null;
  lastModified: number;
  organizer?: { name: string; email: string | null } | null;
  /** The guest an invitation (METHOD:REQUEST or CANCEL) is addressed to. */
  attendee?: { name: string; email: string; partstat: 'ACCEPTED' | 'TENTATIVE' | 'DECLINED' } | null;
  /**
   * DTSTAMP, when it is not the last change: an invitation's is when its message was made, so a
   * guest's later CANCEL at the same SEQUENCE reads as newer than the REQUEST before it.
   */
  stamp?: number;
}

export interface IcsCalendar {
  prodId: string;
  /** RFC 5546's method: PUBLISH for feeds and downloads, REQUEST and CANCEL for invitations mailed to a guest. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** The calendar's display name (feeds and downloads; invitations have none). */
  name?: string;
  /** The calendar's own zone, a hint for apps that show a whole subscribed calendar. */
  timeZone?: string;
  /** How often subscribers should fetch the feed again, e.g. `PT1H`. */
  refresh?: string;
  events: IcsEvent[];
}

const CRLF = '\r\n';
const encoder = new TextEncoder();

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and every line break as `\n`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line so no physical line is longer than 75 octets (§3.1). Continuation
 * lines start with a single space, which counts towards their 75. Breaks fall between code
 * points, never inside a UTF-8 sequence, so a parser that unfolds bytes gets the text back.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > limit) {
      out.push(current);
      current = '';
      size = 0;
      limit = 74; // the leading space takes one octet of the next line
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `20261205T170000Z`. */
export function utcStamp(instant: number): string {
  const d = new Date(instant);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** The wall-clock time of an instant in a zone, as a floating DATE-TIME (`20261205T090000`). */
export function localStamp(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

const dateValue = (date: string) => date.replace(/-/g, '');

/** An observance's DTSTART: the local time of the change read on the old offset (02:00 on both US change days). */
function onset(t: Transition): string {
  return utcStamp(t.at + t.from * 60_000).slice(0, -1);
}

/**
 * A VTIMEZONE for the years an event set touches: the observance in force before the first
 * year, then one STANDARD or DAYLIGHT per change. Each change gets its own DTSTART instead
 * of an RRULE, which is exact even when a country changes its rules.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`];
  const observance = (at: number, from: number, to: number, startText: string) => {
    const kind = to > from ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${startText}`,
      `TZOFFSETFROM:${offsetText(from, '')}`,
      `TZOFFSETTO:${offsetText(to, '')}`,
      `TZNAME:${zoneAbbreviation(at, timeZone)}`,
      `END:${kind}`,
    );
  };
  // The observance in force when the range begins: the last change of the year before, or a
  // fixed offset for zones without changes.
  const previous = transitionsInYear(timeZone, fromYear - 1).at(-1);
  if (previous) {
    observance(previous.at, previous.from, previous.to, onset(previous));
  } else {
    const offset = offsetMinutes(Date.UTC(fromYear, 0, 1), timeZone);
    observance(Date.UTC(fromYear, 0, 1), offset, offset, '19700101T000000');
  }
  for (let year = fromYear; year <= toYear; year++) {
    for (const t of transitionsInYear(timeZone, year)) observance(t.at, t.from, t.to, onset(t));
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * `;TZID=America/Chicago:20270314T090000`, or the UTC form for a time in the hour that happens
 * twice when clocks fall back: RFC 5545 says the first is meant, but not every reader agrees.
 */
function zonedValue(instant: number, timeZone: string): string {
  return isUnambiguous(instant, timeZone) ? `;TZID=${timeZone}:${localStamp(instant, timeZone)}` : `:${utcStamp(instant)}`;
}

/** A parameter value (§3.2): always quoted, without the quotes and control characters a quoted value cannot hold. */
function paramText(value: string): string {
  return `"${value.replace(/["\x00-\x1f\x7f]/g, '')}"`;
}

function eventLines(e: IcsEvent): string[] {
  // DTSTAMP is when this revision of the event was published (its last change), not the moment
  // of the request: the feed's bytes, and so its ETag, stay the same until something changes.
  const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(e.stamp ?? e.lastModified)}`];
  if (e.allDay) {
    const first = localDate(e.start, e.timeZone);
    // The exclusive end: the day after the last day, whether the row ends at midnight or at 23:59.
    const last = localDate(Math.max(e.start, e.end - 1), e.timeZone);
    lines.push(`DTSTART;VALUE=DATE:${dateValue(first)}`, `DTEND;VALUE=DATE:${dateValue(addDays(last, 1))}`);
  } else {
    lines.push(`DTSTART${zonedValue(e.start, e.timeZone)}`, `DTEND${zonedValue(e.end, e.timeZone)}`);
  }
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.geo) lines.push(`GEO:${e.geo.lat.toFixed(6)};${e.geo.lng.toFixed(6)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
  if (e.organizer?.email) lines.push(`ORGANIZER;CN=${paramText(e.organizer.name)}:mailto:${e.organizer.email}`);
  if (e.attendee) {
    lines.push(`ATTENDEE;CN=${paramText(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${e.attendee.partstat};RSVP=FALSE:mailto:${e.attendee.email}`);
  }
  lines.push(`STATUS:${e.status}`, `SEQUENCE:${e.sequence}`);
  if (e.created) lines.push(`CREATED:${utcStamp(e.created)}`);
  lines.push(`LAST-MODIFIED:${utcStamp(e.lastModified)}`, `TRANSP:${e.allDay ? 'TRANSPARENT' : 'OPAQUE'}`, 'END:VEVENT');
  return lines;
}

/** Which years each zone needs a VTIMEZONE for: every year an event in it starts or ends. */
function zoneYears(events: IcsEvent[]): Map<string, [number, number]> {
  const zones = new Map<string, [number, number]>();
  for (const e of events) {
    if (e.allDay) continue; // dates carry no zone
    const years = [wallClock(e.start, e.timeZone).year, wallClock(e.end, e.timeZone).year];
    const seen = zones.get(e.timeZone);
    zones.set(e.timeZone, [Math.min(...years, seen?.[0] ?? Infinity), Math.max(...years, seen?.[1] ?? -Infinity)]);
  }
  return zones;
}

/**
 * A whole VCALENDAR: CRLF line endings, every line folded, a VTIMEZONE for each zone used.
 * The text depends only on its input, so the same events give the same bytes and ETag.
 */
export function buildCalendar(cal: IcsCalendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${cal.prodId}`, 'CALSCALE:GREGORIAN', `METHOD:${cal.method ?? 'PUBLISH'}`];
  if (cal.name) lines.push(`X-WR-CALNAME:${escapeText(cal.name)}`);
  if (cal.timeZone) lines.push(`X-WR-TIMEZONE:${cal.timeZone}`);
  if (cal.refresh) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${cal.refresh}`, `X-PUBLISHED-TTL:${cal.refresh}`);
  for (const [zone, [from, to]] of zoneYears(cal.events)) lines.push(...vtimezone(zone, from, to));
  for (const e of cal.events) lines.push(...eventLines(e));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
