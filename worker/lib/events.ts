/**
 * Events: rows become API shapes, schema.org JSON-LD and iCalendar entries only here, field
 * by field, so an RSVP's name or email (or any new column) never reaches a public answer by
 * accident. Also the list's date range and the SQL that settles seats in the database.
 */
import type { FieldError } from '../../schema/api/problem.js';
import type { EventDetail, EventListQuery, EventSummary } from '../../schema/api/events.js';
import { CLUSTERS, EVENT_AUDIENCE_LABELS, EVENT_TYPES, labelOf } from '../../schema/vocab.js';
import { mac } from './app-secret.js';
import type { IcsEvent } from './ical.js';
import { parseJsonList } from './mappers.js';
import { addDays, isoWithOffset, isTimeZone, localDate, startOfDay } from './zones.js';

export interface EventRow {
  id: string; type: string; title: string; description: string; starts_at: string; ends_at: string; all_day: number;
  time_zone: string; location_name: string | null; address: string | null; city: string | null; state: string | null;
  postal_code: string | null; lat: number | null; lng: number | null; virtual_url: string | null; accessibility_notes: string | null;
  audiences: string; grade_min: number | null; grade_max: number | null; clusters: string; capacity: number | null;
  registration_required: number; status: string; sequence: number; created_at: string; updated_at: string;
  /** Party sizes of confirmed and waitlisted RSVPs, summed in SQL. */
  confirmed_seats: number; waitlisted_seats: number;
}

/** The organiser's public fields, from the tenant. */
export interface Organizer { name: string; url: string | null; email: string | null }

const SEATS = (status: string) => `(SELECT coalesce(sum(r.party_size), 0) FROM rsvps r WHERE r.event_id = e.id AND r.status = '${status}')`;

/** Every column the mappers read, and nothing else: no RSVP row is ever selected. */
export const EVENT_COLUMNS = `e.id, e.type, e.title, e.description, e.starts_at, e.ends_at, e.all_day, e.time_zone, e.location_name,
  e.address, e.city, e.state, e.postal_code, e.lat, e.lng, e.virtual_url, e.accessibility_notes, e.audiences, e.grade_min,
  e.grade_max, e.clusters, e.capacity, e.registration_required, e.status, e.sequence, e.created_at, e.updated_at,
  ${SEATS('confirmed')} AS confirmed_seats, ${SEATS('waitlisted')} AS waitlisted_seats`;

// ---------------------------------------------------------------------------------------------
// Date ranges

/** The list's default span and the longest one it allows, in days. */
export const DEFAULT_RANGE_DAYS = 90;
export const MAX_RANGE_DAYS = 400;
const DAY_MS = 86_400_000;

function validDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/**
 * One end of a range: a date is read in the tenant's zone (`to` includes the whole day), an
 * instant is taken as it is. Null when the text names no real day (`2026-02-30`).
 */
export function rangeBound(value: string, timeZone: string, end: boolean): number | null {
  // Years outside 1970–9998 are typos, and Date.UTC reads years below 100 as 19xx.
  const year = Number(value.slice(0, 4));
  if (!validDate(value.slice(0, 10)) || year < 1970 || year > 9998) return null;
  if (value.length === 10) return startOfDay(end ? addDays(value, 1) : value, timeZone);
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

export type RangeResult = { from: number; to: number } | { errors: FieldError[] };

/** Resolves `from`/`to` (either may be missing) into instants: today for 90 days by default, at most 400 days. */
export function resolveRange(q: Pick<EventListQuery, 'from' | 'to'>, timeZone: string, now = Date.now()): RangeResult {
  const errors: FieldError[] = [];
  const from = q.from ? rangeBound(q.from, timeZone, false) : null;
  const to = q.to ? rangeBound(q.to, timeZone, true) : null;
  if (q.from && from === null) errors.push({ path: 'from', message: 'This date does not exist', code: 'invalid_date' });
  if (q.to && to === null) errors.push({ path: 'to', message: 'This date does not exist', code: 'invalid_date' });
  if (errors.length) return { errors };
  const start = from ?? startOfDay(localDate(now, timeZone), timeZone);
  const end = to ?? (from !== null ? start + DEFAULT_RANGE_DAYS * DAY_MS : startOfDay(addDays(localDate(now, timeZone), DEFAULT_RANGE_DAYS + 1), timeZone));
  if (end <= start) return { errors: [{ path: 'to', message: 'End the range after it starts', code: 'range_reversed' }] };
  // An hour of slack: a 400-day range of dates may cross one more DST change one way than the other.
  if (end - start > MAX_RANGE_DAYS * DAY_MS + 3_600_000) {
    return { errors: [{ path: 'to', message: `Ask for at most ${MAX_RANGE_DAYS} days at a time`, code: 'range_too_long' }] };
  }
  return { from: start, to: end };
}

/** Instants are stored as `toISOString()` text, so the same form compares correctly in SQL. */
export const isoInstant = (t: number) => new Date(t).toISOString();

// ---------------------------------------------------------------------------------------------
// Filters

export interface EventFilters { audience?: string[]; cluster?: string[]; type?: string[]; q?: string }

/** `LIKE` treats `%` and `_` as wildcards; a person typing them means the characters. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause shared by the list and the feed: tenant, overlap with the range, filters. */
export function eventWhere(tenantId: string, from: number, to: number, f: EventFilters): { text: string; params: unknown[] } {
  const clauses = ['e.tenant_id = ?', 'e.starts_at < ?', 'e.ends_at > ?'];
  const params: unknown[] = [tenantId, isoInstant(to), isoInstant(from)];
  const anyOf = (column: string, values: string[] | undefined) => {
    if (!values?.length) return;
    // The lists are JSON arrays; json_valid keeps a malformed row from failing the whole query.
    clauses.push(`(json_valid(e.${column}) AND EXISTS (SELECT 1 FROM json_each(e.${column}) j WHERE j.value IN (${values.map(() => '?').join(', ')})))`);
    params.push(...values);
  };
  anyOf('audiences', f.audience);
  anyOf('clusters', f.cluster);
  if (f.type?.length) {
    clauses.push(`e.type IN (${f.type.map(() => '?').join(', ')})`);
    params.push(...f.type);
  }
  if (f.q) {
    clauses.push(`(e.title LIKE ? ESCAPE '\\' OR e.description LIKE ? ESCAPE '\\')`);
    params.push(likePattern(f.q), likePattern(f.q));
  }
  return { text: clauses.join(' AND '), params };
}

// ---------------------------------------------------------------------------------------------
// API shapes

function location(row: EventRow): EventSummary['location'] {
  if (!row.location_name && !row.address && row.lat === null) return null;
  return {
    name: row.location_name, address: row.address, city: row.city, state: row.state, postalCode: row.postal_code, lat: row.lat, lng: row.lng,
  };
}

/** For all-day events, the first and last local dates; the row may end at midnight or at 23:59. */
export function allDayDates(row: Pick<EventRow, 'starts_at' | 'ends_at' | 'time_zone'>): { startDate: string; endDate: string } {
  const start = Date.parse(row.starts_at);
  const end = Date.parse(row.ends_at);
  return { startDate: localDate(start, row.time_zone), endDate: localDate(Math.max(start, end - 1), row.time_zone) };
}

/**
 * The row with a zone the runtime knows: a mistyped zone in the database shows the event in
 * UTC rather than failing every list and feed it appears in.
 */
export function withKnownZone<T extends { time_zone: string }>(row: T): T {
  return isTimeZone(row.time_zone) ? row : { ...row, time_zone: 'UTC' };
}

export function toEventSummary(row: EventRow): EventSummary {
  const allDay = row.all_day === 1;
  const dates = allDay ? allDayDates(row) : { startDate: null, endDate: null };
  return {
    id: row.id,
    type: row.type as EventSummary['type'],
    title: row.title,
    startsAt: isoInstant(Date.parse(row.starts_at)),
    endsAt: isoInstant(Date.parse(row.ends_at)),
    allDay,
    timeZone: row.time_zone,
    startDate: dates.startDate,
    endDate: dates.endDate,
    status: row.status as EventSummary['status'],
    audiences: parseJsonList(row.audiences) as EventSummary['audiences'],
    clusters: parseJsonList(row.clusters) as EventSummary['clusters'],
    gradeMin: row.grade_min,
    gradeMax: row.grade_max,
    location: location(row),
    virtual: Boolean(row.virtual_url),
    registrationRequired: row.registration_required === 1,
    capacity: row.capacity,
    remaining: row.capacity === null ? null : Math.max(0, row.capacity - row.confirmed_seats),
    waitlisted: row.waitlisted_seats,
    sequence: row.sequence,
    updatedAt: row.updated_at,
  };
}

/** One line for a calendar's LOCATION and a person: `Riverside High School, 4020 Arlington Avenue, Riverside, CA 92506`. */
export function locationLine(loc: EventSummary['location']): string | null {
  if (!loc) return null;
  const region = [loc.state, loc.postalCode].filter(Boolean).join(' ');
  const parts = [loc.name, loc.address, loc.city, region].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(', ') : null;
}

/** The schema.org `Event` search engines read: https://schema.org/Event. */
export function eventJsonLd(e: Omit<EventDetail, 'jsonLd'>): Record<string, unknown> {
  const start = Date.parse(e.startsAt);
  const end = Date.parse(e.endsAt);
  const place = e.location ? {
    '@type': 'Place',
    ...(e.location.name ? { name: e.location.name } : {}),
    address: {
      '@type': 'PostalAddress',
      ...(e.location.address ? { streetAddress: e.location.address } : {}),
      ...(e.location.city ? { addressLocality: e.location.city } : {}),
      ...(e.location.state ? { addressRegion: e.location.state } : {}),
      ...(e.location.postalCode ? { postalCode: e.location.postalCode } : {}),
    },
    ...(e.location.lat !== null && e.location.lng !== null ? { geo: { '@type': 'GeoCoordinates', latitude: e.location.lat, longitude: e.location.lng } } : {}),
  } : null;
  const online = e.virtualUrl ? { '@type': 'VirtualLocation', url: e.virtualUrl } : null;
  const locations = [place, online].filter(Boolean);
  const mode = place && online ? 'Mixed' : online ? 'Online' : 'Offline';
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': e.url,
    name: e.title,
    description: e.description,
    // All-day events are dates; schema.org's endDate is the last day, not the day after.
    startDate: e.allDay ? e.startDate : isoWithOffset(start, e.timeZone),
    endDate: e.allDay ? e.endDate : isoWithOffset(end, e.timeZone),
    eventStatus: e.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: `https://schema.org/${mode}EventAttendanceMode`,
    ...(locations.length ? { location: locations.length === 1 ? locations[0] : locations } : {}),
    organizer: { '@type': 'Organization', name: e.organizer.name, ...(e.organizer.url ? { url: e.organizer.url } : {}) },
    url: e.url,
    isAccessibleForFree: true,
    audience: e.audiences.map((a) => ({ '@type': 'Audience', audienceType: labelOf(EVENT_AUDIENCE_LABELS, a) })),
    ...(e.capacity !== null ? { maximumAttendeeCapacity: e.capacity } : {}),
    ...(e.remaining !== null ? { remainingAttendeeCapacity: e.remaining } : {}),
    // School career events are free; the offer says whether a seat can still be had.
    ...(e.registrationRequired ? {
      offers: {
        '@type': 'Offer', price: 0, priceCurrency: 'USD', url: e.url,
        availability: e.status === 'cancelled' || e.remaining === 0 ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock',
      },
    } : {}),
  };
}

export function toEventDetail(row: EventRow, organizer: Organizer, url: string): EventDetail {
  const detail: Omit<EventDetail, 'jsonLd'> = {
    ...toEventSummary(row),
    description: row.description,
    virtualUrl: row.virtual_url,
    accessibilityNotes: row.accessibility_notes,
    organizer: { name: organizer.name, url: organizer.url },
    url,
  };
  return { ...detail, jsonLd: eventJsonLd(detail) };
}

/** The link back to an event: its public detail on this origin, with the key a browser cannot send as a header. */
export function eventUrl(origin: string, id: string, siteKey: string): string {
  return `${origin}/api/v1/events/${encodeURIComponent(id)}?key=${encodeURIComponent(siteKey)}`;
}

/** A calendar entry for one event; the description carries what a calendar has no field for. */
/**
 * The domain part of every event's iCalendar UID. Fixed, not the request's Host: a calendar app
 * that subscribed through one address and later opens a link through another (a CDN name, the
 * workers.dev name) must see the same event, not a duplicate.
 */
export const ICS_UID_DOMAIN = 'openwbl.org';

export function toIcsEvent(row: EventRow, opts: { url: string; organizer: Organizer }): IcsEvent {
  const summary = toEventSummary(row);
  const loc = locationLine(summary.location);
  const notes = [
    row.description,
    row.virtual_url ? `Join online: ${row.virtual_url}` : null,
    row.accessibility_notes ? `Accessibility: ${row.accessibility_notes}` : null,
    summary.registrationRequired ? `Registration required. Details and RSVP: ${opts.url}` : `Details: ${opts.url}`,
  ].filter(Boolean).join('\n\n');
  return {
    uid: `${row.id}@${ICS_UID_DOMAIN}`,
    summary: row.status === 'cancelled' ? `Cancelled: ${row.title}` : row.title,
    description: notes,
    location: loc ?? (row.virtual_url ? `Online: ${row.virtual_url}` : null),
    geo: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    url: opts.url,
    categories: [labelOf(EVENT_TYPES, row.type), ...summary.clusters.map((c) => labelOf(CLUSTERS, c))],
    start: Date.parse(row.starts_at),
    end: Date.parse(row.ends_at),
    timeZone: row.time_zone,
    allDay: summary.allDay,
    status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: row.sequence,
    created: Date.parse(row.created_at),
    lastModified: Date.parse(row.updated_at),
    organizer: opts.organizer,
  };
}

// ---------------------------------------------------------------------------------------------
// Cancel tokens

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** 256 random bits, base64url: 43 characters, for answers that create nothing (a filled honeypot). */
export function newCancelToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The code a family keeps to cancel: an HMAC under APP_SECRET of the site, the Idempotency-Key
 * and the RSVP's id, 43 base64url characters. Derived rather than random so that nothing has to
 * keep it: the RSVP stores its hash, the stored answer leaves it out, and a retry of the same
 * request (same key, so the same RSVP) derives the same code again.
 */
export function cancelTokenFor(secret: string, siteId: string, idempotencyKey: string, rsvpId: string): Promise<string> {
  return mac(secret, 'rsvp-cancel', `${siteId}|${idempotencyKey}|${rsvpId}`);
}

export const CANCEL_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Only this hash is stored, so a copy of the database cannot cancel anyone's seats. */
export async function hashCancelToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// Seats, settled in SQL

/**
 * The waitlist walked in creation order with the seats that are free: `take` marks each party
 * that fits in what is left after the parties before it. A party that does not fit keeps its
 * place and a smaller party behind it may take the seats, so seats never sit empty while
 * someone who fits is waiting. ?1 is the event id, ?2 the current instant (a started or
 * cancelled event promotes nobody).
 */
const waitlistWalk = (skip = '') => `WITH RECURSIVE
  waiting AS (
    SELECT id, name, email, party_size, row_number() OVER (ORDER BY created_at, rowid) AS n
      FROM rsvps WHERE event_id = ?1 AND status = 'waitlisted'${skip}
  ),
  walk(n, free, id, take) AS (
    SELECT 0, (SELECT coalesce(e.capacity, 1000000000) - (SELECT coalesce(sum(party_size), 0) FROM rsvps WHERE event_id = e.id AND status = 'confirmed'${skip})
                 FROM events e WHERE e.id = ?1 AND e.status = 'scheduled' AND e.starts_at > ?2), NULL, 0
    UNION ALL
    SELECT w.n, CASE WHEN w.party_size <= walk.free THEN walk.free - w.party_size ELSE walk.free END, w.id, w.party_size <= walk.free
      FROM walk JOIN waiting w ON w.n = walk.n + 1
  )`;
export const WAITLIST_WALK = waitlistWalk();

/**
 * Who the cancellation of RSVP ?3 would move off the waitlist, read before it happens: the
 * route asks `mayMessage` about each address first, so the promotion and its messages can still
 * be written in one batch. Binds: event id, now, the RSVP being cancelled.
 */
export const PROMOTION_PREVIEW = `${waitlistWalk(' AND id != ?3')}
  SELECT w.id, w.email FROM walk JOIN waiting w ON w.id = walk.id WHERE walk.take`;

/**
 * Takes a seat or a place on the waitlist in one statement: D1 runs one statement at a time,
 * so the sum of confirmed seats it reads is the one it writes against, and concurrent RSVPs
 * can never overbook. Inserts nothing for a cancelled or started event.
 * Binds: id, name, email, role, party size, grade, token hash, event id, tenant id, now.
 */
export const RSVP_INSERT = `INSERT INTO rsvps (id, tenant_id, event_id, name, email, role, party_size, grade, status, cancel_token_hash)
  SELECT ?1, e.tenant_id, e.id, ?2, ?3, ?4, ?5, ?6,
         CASE WHEN e.capacity IS NULL
                OR (SELECT coalesce(sum(party_size), 0) FROM rsvps WHERE event_id = e.id AND status = 'confirmed') + ?5 <= e.capacity
              THEN 'confirmed' ELSE 'waitlisted' END,
         ?7
    FROM events e WHERE e.id = ?8 AND e.tenant_id = ?9 AND e.status = 'scheduled' AND e.starts_at > ?10`;

/**
 * Writes the receipt into the idempotency record from the row the insert made, in the same
 * batch: the database decided the status, so the database writes the answer. With no row (the
 * event closed in between) the response is NULL, the NOT NULL column fails, and the whole batch
 * rolls back. The cancel token is not in it (see cancelTokenFor). Binds: RSVP id, site id, key.
 */
export const RSVP_RECEIPT = `UPDATE idempotency_keys SET response = (
    SELECT json_object('id', r.id, 'status', r.status, 'waitlistPosition',
             CASE WHEN r.status = 'waitlisted' THEN (
               SELECT count(*) FROM rsvps w WHERE w.event_id = r.event_id AND w.status = 'waitlisted'
                 AND (w.created_at < r.created_at OR (w.created_at = r.created_at AND w.rowid <= r.rowid))) END)
      FROM rsvps r WHERE r.id = ?1)
  WHERE site_id = ?2 AND key = ?3`;
