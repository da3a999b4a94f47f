/**
 * Events: rows become API shapes, schema.org JSON-LD and iCalendar entries only here, field
 * by field, so an RSVP's name or email (or any new column) never reaches a public answer by
 * accident. Also the list's date range and the SQL that settles seats in the database.
 */
import { and, eq, gt, inArray, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { FieldError } from '../../schema/api/problem.js';
import type { EventDetail, EventListQuery, EventSummary } from '../../schema/api/events.js';
import { alias } from 'drizzle-orm/sqlite-core';
import { events, idempotencyKeys, mailPreferences, outbox, rsvps } from '../../schema/db/tables.js';
import { outboxColumns } from './outbox.js';
import type { Lang } from './lang.js';
import { CLUSTERS, EVENT_AUDIENCE_LABELS, EVENT_TYPES, INTERPRETATION, labelOf, type Interpretation } from '../../schema/vocab.js';
import type { EventWords } from '../mail/catalogue/events.js';
import type { ComposedMessage } from '../mail/catalogue/index.js';
import { mac } from './app-secret.js';
import type { Database } from './db.js';
import type { IcsEvent } from './ical.js';
import { parseJsonList, publicLink } from './mappers.js';
import { addDays, isoWithOffset, isTimeZone, localDate, startOfDay, zoneAbbreviation } from './zones.js';

/** The organiser's public fields, from the tenant. */
export interface Organizer {
  name: string;
  url: string | null;
  email: string | null;
}

/**
 * Party sizes of the event's RSVPs in one status, summed in SQL. The subquery is a nested
 * fragment on purpose: drizzle writes the columns of a one-table select's own fields without
 * their table, and `"event_id" = "id"` inside it would compare two columns of rsvps.
 */
export function seatsOf(status: 'confirmed' | 'waitlisted') {
  const subquery = sql`SELECT coalesce(sum(${rsvps.partySize}), 0) FROM ${rsvps} WHERE ${rsvps.eventId} = ${events.id} AND ${rsvps.status} = ${status}`;
  return sql<number>`(${subquery})`;
}

/**
 * Every column the mappers read, and nothing else: no RSVP row is ever selected. The JSON
 * lists come in their stored text, so one malformed row reads like an empty list rather than failing
 * every list and feed it appears in.
 */
export const eventColumns = {
  id: events.id,
  type: events.type,
  title: events.title,
  description: events.description,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  allDay: events.allDay,
  timeZone: events.timeZone,
  locationName: events.locationName,
  address: events.address,
  city: events.city,
  state: events.state,
  postalCode: events.postalCode,
  lat: events.lat,
  lng: events.lng,
  virtualUrl: events.virtualUrl,
  accessibilityNotes: events.accessibilityNotes,
  titleEs: events.titleEs,
  descriptionEs: events.descriptionEs,
  accessibilityNotesEs: events.accessibilityNotesEs,
  interpretation: sql<string>`${events.interpretation}`,
  audiences: sql<string>`${events.audiences}`,
  gradeMin: events.gradeMin,
  gradeMax: events.gradeMax,
  clusters: sql<string>`${events.clusters}`,
  capacity: events.capacity,
  registrationRequired: events.registrationRequired,
  status: events.status,
  sequence: events.sequence,
  createdAt: events.createdAt,
  updatedAt: events.updatedAt,
  confirmedSeats: seatsOf('confirmed'),
  waitlistedSeats: seatsOf('waitlisted'),
};

type Columns = typeof events.$inferSelect;
export type EventRow = Omit<
  Pick<Columns, Exclude<keyof typeof eventColumns, 'confirmedSeats' | 'waitlistedSeats'>>,
  'audiences' | 'clusters' | 'interpretation'
> & {
  audiences: string;
  interpretation: string;
  clusters: string;
  /** Party sizes of confirmed and waitlisted RSVPs, summed in SQL. */
  confirmedSeats: number;
  waitlistedSeats: number;
};

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

const LOCALES: Record<Lang, string> = { en: 'en-US', es: 'es-US' };

/**
 * How a message names an event's time, in the event's zone and the reader's language:
 * `Saturday, December 5, 2026 at 9:00 AM PST`, `sábado, 5 de diciembre de 2026, 9:00 a.m. PST`
 * (dates only for all-day events).
 */
export function whenText(row: { startsAt: string; timeZone: string; allDay: boolean }, lang: Lang = 'en'): string {
  const start = Date.parse(row.startsAt);
  const opts: Intl.DateTimeFormatOptions = row.allDay
    ? { timeZone: row.timeZone, dateStyle: 'full' }
    : { timeZone: row.timeZone, dateStyle: 'full', timeStyle: 'short' };
  const text = new Intl.DateTimeFormat(LOCALES[lang], opts).format(start);
  return row.allDay ? text : `${text} ${zoneAbbreviation(start, row.timeZone)}`;
}

/** Instants are stored as `toISOString()` text, so the same form compares correctly in SQL. */
export const isoInstant = (t: number) => new Date(t).toISOString();

// ---------------------------------------------------------------------------------------------
// Filters

export interface EventFilters {
  audience?: string[];
  cluster?: string[];
  type?: string[];
  q?: string;
}

/** `LIKE` treats `%` and `_` as wildcards; a person typing them means the characters. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `LIKE` whose escape character is the backslash (see likePattern). */
export const likeEscaped = (column: AnyColumn | SQL, pattern: string) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;

/** The WHERE clause shared by the list and the feed: tenant, overlap with the range, filters. */
export function eventWhere(tenantId: string, from: number, to: number, f: EventFilters): SQL | undefined {
  // The lists are JSON arrays; json_valid keeps a malformed row from failing the whole query.
  const anyOf = (column: typeof events.audiences, values: string[] | undefined) =>
    values?.length ? sql`(json_valid(${column}) AND EXISTS (SELECT 1 FROM json_each(${column}) j WHERE j.value IN ${values}))` : undefined;
  return and(
    eq(events.tenantId, tenantId),
    lt(events.startsAt, isoInstant(to)),
    gt(events.endsAt, isoInstant(from)),
    anyOf(events.audiences, f.audience),
    anyOf(events.clusters, f.cluster),
    f.type?.length ? inArray(events.type, f.type) : undefined,
    f.q
      ? or(
          likeEscaped(events.title, likePattern(f.q)),
          likeEscaped(events.description, likePattern(f.q)),
          likeEscaped(events.titleEs, likePattern(f.q)),
          likeEscaped(events.descriptionEs, likePattern(f.q)),
        )
      : undefined,
  );
}

// ---------------------------------------------------------------------------------------------
// API shapes

/** Blank text is no value: outputs carry a field or leave it out, never an empty string. */
const filled = (v: string | null): string | null => (v?.trim() ? v : null);

/**
 * The row in a reader's language: in Spanish, the Spanish title, description and accessibility
 * notes where the coordinator wrote them, the English ones where not. Every public answer, message
 * and calendar file reads an event through this.
 */
export function localized<T extends Pick<EventRow, 'title' | 'description' | 'accessibilityNotes' | 'titleEs' | 'descriptionEs' | 'accessibilityNotesEs'>>(
  row: T,
  lang: Lang,
): T {
  if (lang !== 'es') return row;
  return {
    ...row,
    title: filled(row.titleEs) ?? row.title,
    description: filled(row.descriptionEs) ?? row.description,
    accessibilityNotes: filled(row.accessibilityNotesEs) ?? row.accessibilityNotes,
  };
}

/** The interpretation an event offers, as stored (a JSON list): only known values, in the vocabulary's order. */
export function offeredInterpretation(value: unknown): Interpretation[] {
  const listed = parseJsonList(value);
  return INTERPRETATION.filter((i) => listed.includes(i));
}

function location(row: EventRow): EventSummary['location'] {
  const loc = {
    name: filled(row.locationName),
    address: filled(row.address),
    city: filled(row.city),
    state: filled(row.state),
    postalCode: filled(row.postalCode),
    lat: row.lat,
    lng: row.lng,
  };
  if (!loc.name && !loc.address && row.lat === null) return null;
  return loc;
}

/** For all-day events, the first and last local dates; the row may end at midnight or at 23:59. */
export function allDayDates(row: { starts_at: string; ends_at: string; time_zone: string }): { startDate: string; endDate: string } {
  const start = Date.parse(row.starts_at);
  const end = Date.parse(row.ends_at);
  return { startDate: localDate(start, row.time_zone), endDate: localDate(Math.max(start, end - 1), row.time_zone) };
}

/**
 * The row with a zone the runtime knows: a mistyped zone in the database shows the event in
 * UTC rather than failing every list and feed it appears in.
 */
export function withKnownZone<T extends { timeZone: string }>(row: T): T {
  return isTimeZone(row.timeZone) ? row : { ...row, timeZone: 'UTC' };
}

export function toEventSummary(row: EventRow): EventSummary {
  const dates = row.allDay ? allDayDates({ starts_at: row.startsAt, ends_at: row.endsAt, time_zone: row.timeZone }) : { startDate: null, endDate: null };
  return {
    id: row.id,
    type: row.type as EventSummary['type'],
    title: row.title,
    startsAt: isoInstant(Date.parse(row.startsAt)),
    endsAt: isoInstant(Date.parse(row.endsAt)),
    allDay: row.allDay,
    timeZone: row.timeZone,
    startDate: dates.startDate,
    endDate: dates.endDate,
    status: row.status,
    audiences: parseJsonList(row.audiences) as EventSummary['audiences'],
    clusters: parseJsonList(row.clusters) as EventSummary['clusters'],
    gradeMin: row.gradeMin,
    gradeMax: row.gradeMax,
    location: location(row),
    virtual: Boolean(row.virtualUrl),
    registrationRequired: row.registrationRequired,
    interpretation: offeredInterpretation(row.interpretation),
    capacity: row.capacity,
    remaining: row.capacity === null ? null : Math.max(0, row.capacity - row.confirmedSeats),
    waitlisted: row.waitlistedSeats,
    sequence: row.sequence,
    updatedAt: row.updatedAt,
  };
}

/** One line for a calendar's LOCATION and a person: `Riverside High School, 4020 Arlington Avenue, Riverside, CA 92506`. */
export function locationLine(loc: EventSummary['location']): string | null {
  if (!loc) return null;
  const region = [loc.state, loc.postalCode].filter(Boolean).join(' ');
  const parts = [loc.name, loc.address, loc.city, region].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(', ') : null;
}

/** The fields of an object that have a value: no empty strings, nulls or empty lists in JSON-LD. */
function present(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

/**
 * The schema.org `Place`: a venue known only by its name (no street, city or postal code) has
 * no `address` at all, since strict validators refuse a PostalAddress with nothing in it.
 */
function placeOf(loc: NonNullable<EventSummary['location']>): Record<string, unknown> {
  const address = present({ streetAddress: loc.address, addressLocality: loc.city, addressRegion: loc.state, postalCode: loc.postalCode });
  return present({
    '@type': 'Place',
    name: loc.name,
    address: Object.keys(address).length ? { '@type': 'PostalAddress', ...address } : null,
    geo: loc.lat !== null && loc.lng !== null ? { '@type': 'GeoCoordinates', latitude: loc.lat, longitude: loc.lng } : null,
  });
}

/** The schema.org `Event` search engines read: https://schema.org/Event. */
export function eventJsonLd(e: Omit<EventDetail, 'jsonLd'>): Record<string, unknown> {
  const start = Date.parse(e.startsAt);
  const end = Date.parse(e.endsAt);
  const place = e.location ? placeOf(e.location) : null;
  const online = e.virtualUrl ? { '@type': 'VirtualLocation', url: e.virtualUrl } : null;
  const locations = [place, online].filter(Boolean);
  const mode = place && online ? 'Mixed' : online ? 'Online' : 'Offline';
  return present({
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': e.url,
    name: e.title,
    description: filled(e.description),
    // All-day events are dates; schema.org's endDate is the last day, not the day after.
    startDate: e.allDay ? e.startDate : isoWithOffset(start, e.timeZone),
    endDate: e.allDay ? e.endDate : isoWithOffset(end, e.timeZone),
    eventStatus: e.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: `https://schema.org/${mode}EventAttendanceMode`,
    location: locations.length ? (locations.length === 1 ? locations[0] : locations) : null,
    organizer: present({ '@type': 'Organization', name: e.organizer.name, url: e.organizer.url }),
    url: e.url,
    isAccessibleForFree: true,
    audience: e.audiences.map((a) => ({ '@type': 'Audience', audienceType: labelOf(EVENT_AUDIENCE_LABELS, a) })),
    maximumAttendeeCapacity: e.capacity,
    remainingAttendeeCapacity: e.remaining,
    // School career events are free; the offer says whether a seat can still be had.
    offers: e.registrationRequired
      ? {
          '@type': 'Offer',
          price: 0,
          priceCurrency: 'USD',
          url: e.url,
          availability: e.status === 'cancelled' || e.remaining === 0 ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock',
        }
      : null,
  });
}

export function toEventDetail(row: EventRow, organizer: Organizer, url: string): EventDetail {
  const detail: Omit<EventDetail, 'jsonLd'> = {
    ...toEventSummary(row),
    description: row.description,
    virtualUrl: row.virtualUrl,
    accessibilityNotes: row.accessibilityNotes,
    organizer: { name: organizer.name, url: organizer.url },
    url,
  };
  return { ...detail, jsonLd: eventJsonLd(detail) };
}

/** The link back to an event: its public detail on this origin, with the key a browser cannot send as a header. */
export function eventUrl(origin: string, id: string, siteKey: string): string {
  return `${origin}/api/v1/events/${encodeURIComponent(id)}?key=${encodeURIComponent(siteKey)}`;
}

/**
 * The event on the page the site embeds its calendar on: `https://…/events#event=evt_…`, which
 * the calendar opens. Any fragment the page's address had is replaced.
 */
export function eventPageUrl(pageUrl: string, eventId: string): string {
  const url = new URL(pageUrl);
  url.hash = `event=${encodeURIComponent(eventId)}`;
  return url.href;
}

/** Where JSON-LD and calendars send a person: the site's calendar page when it has one, else the API detail. */
export function eventLink(to: { origin: string; siteKey: string; calendarPageUrl: string | null }, eventId: string): string {
  return to.calendarPageUrl ? eventPageUrl(to.calendarPageUrl, eventId) : eventUrl(to.origin, eventId, to.siteKey);
}

/**
 * Where a confirmation's manage link opens the person's own reservation:
 * `https://…/events#rsvp=<cancel token>` on the site's calendar page, which shows it and offers to
 * cancel; without a calendar page, the Worker's demo family page. The token is in the fragment, so
 * it never reaches a server log or a Referer.
 */
export function manageUrl(to: { origin: string; calendarPageUrl: string | null }, cancelToken: string): string {
  const url = new URL(to.calendarPageUrl ?? `${to.origin}/demo/family.html`);
  url.hash = `rsvp=${encodeURIComponent(cancelToken)}`;
  return url.href;
}

/**
 * The domain part of every event's iCalendar UID. Fixed, not the request's Host: a calendar app
 * that subscribed through one address and later opens a link through another (a CDN name, the
 * workers.dev name) must see the same event, not a duplicate. Invitations mailed to guests use
 * the same UID, so the file a guest received and the feed name one event.
 */
export const ICS_UID_DOMAIN = 'openwbl.org';

const ICS_WORDS: Record<Lang, { online: string; accessibility: string; register: string; details: string; cancelled: string; onlinePlace: string }> = {
  en: {
    online: 'Join online',
    accessibility: 'Accessibility',
    register: 'Registration required. Details and RSVP',
    details: 'Details',
    cancelled: 'Cancelled',
    onlinePlace: 'Online',
  },
  es: {
    online: 'Conéctese en línea',
    accessibility: 'Accesibilidad',
    register: 'Se requiere inscripción. Detalles e inscripción',
    details: 'Detalles',
    cancelled: 'Cancelado',
    onlinePlace: 'En línea',
  },
};

/**
 * A calendar entry for one event, in `lang` (the row already `localized` to it); the description
 * carries what a calendar has no field for.
 */
export function toIcsEvent(row: EventRow, opts: { url: string | null; organizer: Organizer; lang?: Lang }): IcsEvent {
  const words = ICS_WORDS[opts.lang ?? 'en'];
  const summary = toEventSummary(row);
  const loc = locationLine(summary.location);
  const virtualUrl = filled(row.virtualUrl);
  const notes = [
    filled(row.description),
    virtualUrl ? `${words.online}: ${virtualUrl}` : null,
    filled(row.accessibilityNotes) ? `${words.accessibility}: ${row.accessibilityNotes}` : null,
    opts.url ? (summary.registrationRequired ? `${words.register}: ${opts.url}` : `${words.details}: ${opts.url}`) : null,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    uid: `${row.id}@${ICS_UID_DOMAIN}`,
    summary: row.status === 'cancelled' ? `${words.cancelled}: ${row.title}` : row.title,
    description: notes,
    location: loc ?? (virtualUrl ? `${words.onlinePlace}: ${virtualUrl}` : null),
    geo: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    url: opts.url,
    categories: [labelOf(EVENT_TYPES, row.type), ...summary.clusters.map((c) => labelOf(CLUSTERS, c))].filter((c) => c.trim() !== ''),
    start: Date.parse(row.startsAt),
    end: Date.parse(row.endsAt),
    timeZone: row.timeZone,
    allDay: summary.allDay,
    status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: row.sequence,
    created: Date.parse(row.createdAt),
    lastModified: Date.parse(row.updatedAt),
    organizer: opts.organizer,
  };
}

/** The event as a message names it to one guest: the row already `localized` to `lang`. */
export function eventWords(row: EventRow, lang: Lang, name: string): EventWords {
  return {
    name,
    title: row.title,
    when: whenText(withKnownZone(row), lang),
    place: locationLine(location(row)),
    online: publicLink(filled(row.virtualUrl)),
    accessibility: filled(row.accessibilityNotes),
  };
}

// ---------------------------------------------------------------------------------------------
// Cancel tokens

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

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
// Manage codes

/** The code's alphabet: no 0/O, 1/I, so a code read aloud or copied by hand is typed right. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A manage code as a person may type it: `K7QM-4TXA`, any case, the dash optional. */
export const MANAGE_CODE = /^[2-9A-HJ-NP-Z]{4}-?[2-9A-HJ-NP-Z]{4}$/i;

/**
 * The short code a family can type in on any device to find its reservation (`K7QM-4TXA`, 40
 * bits): derived like `cancelTokenFor`, so a retry with the same Idempotency-Key answers the same
 * code and nothing keeps it in the clear.
 */
export async function manageCodeFor(secret: string, siteId: string, idempotencyKey: string, rsvpId: string): Promise<string> {
  const bytes = base64urlDecode(await mac(secret, 'rsvp-code', `${siteId}|${idempotencyKey}|${rsvpId}`));
  let bits = 0;
  let n = 0;
  let code = '';
  for (const b of bytes) {
    bits = (bits << 8) | b;
    n += 8;
    while (n >= 5 && code.length < 8) {
      n -= 5;
      code += CODE_ALPHABET[(bits >> n) & 31];
    }
    if (code.length === 8) break;
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function base64urlDecode(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * What `rsvps.manage_code_hash` keeps: a MAC under APP_SECRET of the tenant and the code, not a
 * plain hash — 40 bits are few enough that a copy of the database could be searched for every
 * code, but not without the secret. The tenant is in it, so a code never finds another district's seats.
 */
export function hashManageCode(secret: string, tenantId: string, code: string): Promise<string> {
  return mac(secret, 'rsvp-code-hash', `${tenantId}|${code.replace(/-/g, '').toUpperCase()}`);
}

/**
 * The manage link as the confirmation carries it (sealed in the outbox, in place of `{link}`),
 * with the code to type on the calendar page beside it.
 */
export function manageLinkText(url: string, code: string, lang: Lang): string {
  return lang === 'es'
    ? `${url}\n\nO escriba su código de reservación en la página del calendario ("¿Tiene un código de reservación?"): ${code}`
    : `${url}\n\nOr type your reservation code on the calendar page ("Have a reservation code?"): ${code}`;
}

// ---------------------------------------------------------------------------------------------
// Seats, settled in SQL: the statements drizzle's builder cannot say (a recursive walk, a
// conditional insert), written against the table objects so a renamed column breaks the build.

/** Now, in the form the tables' defaults write, computed by the database inside the statement. */
export const dbNow = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** A new outbox id, made by the database for each row an INSERT…SELECT writes. */
export const newMessageId = sql`'msg_' || lower(hex(randomblob(10)))`;

/**
 * The waitlist walked in creation order with the seats that are free: `take` marks each party
 * that fits in what is left after the parties before it. A party that does not fit keeps its
 * place and a smaller party behind it may take the seats, so seats never sit empty while
 * someone who fits is waiting. A started or cancelled event promotes nobody. With `skipId`,
 * the walk that will stand once that RSVP is cancelled.
 */
export function waitlistWalk(eventId: string, now: string, skipId?: string, resized?: Resize): SQL {
  const skip = skipId ? sql` AND ${rsvps.id} != ${skipId}` : sql``;
  // With `resized`, the walk that will stand once that RSVP has its new size.
  const size = resized ? sql`CASE WHEN ${rsvps.id} = ${resized.id} THEN ${resized.partySize} ELSE ${rsvps.partySize} END` : sql`${rsvps.partySize}`;
  return sql`WITH RECURSIVE
  waiting(id, name, email, party_size, n, lang) AS (
    SELECT ${rsvps.id}, ${rsvps.name}, ${rsvps.email}, ${size}, row_number() OVER (ORDER BY ${rsvps.createdAt}, ${rsvps}.rowid), ${guestLang}
      FROM ${rsvps} WHERE ${rsvps.eventId} = ${eventId} AND ${rsvps.status} = 'waitlisted'${skip}
  ),
  walk(n, free, id, take) AS (
    SELECT 0, (SELECT coalesce(${events.capacity}, 1000000000)
                        - (SELECT coalesce(sum(${size}), 0) FROM ${rsvps} WHERE ${rsvps.eventId} = ${events.id} AND ${rsvps.status} = 'confirmed'${skip})
                 FROM ${events} WHERE ${events.id} = ${eventId} AND ${events.status} = 'scheduled' AND ${events.startsAt} > ${now}), NULL, 0
    UNION ALL
    SELECT w.n, CASE WHEN w.party_size <= walk.free THEN walk.free - w.party_size ELSE walk.free END, w.id, w.party_size <= walk.free
      FROM walk JOIN waiting w ON w.n = walk.n + 1
  )`;
}

/** A party size about to change. */
export interface Resize {
  id: string;
  partySize: number;
}

/**
 * Who the cancellation of RSVP `skipId` (or the new size `resized`) would move off the waitlist,
 * read before it happens: the route asks `mayMessage` about each address first, so the promotion
 * and its messages can still be written in one batch.
 */
export function promotionPreview(db: Database, eventId: string, now: string, skipId?: string, resized?: Resize) {
  return db.all<{ id: string; email: string }>(sql`${waitlistWalk(eventId, now, skipId, resized)}
  SELECT w.id, w.email FROM walk JOIN waiting w ON w.id = walk.id WHERE walk.take`);
}

/**
 * A guest's language, in SQL over the `rsvps` row: the one the address chose on the preferences
 * page, else the one the RSVP was made in (as `languageFor` decides for one address in JS).
 */
export const guestLang = sql`coalesce((SELECT ${mailPreferences.lang} FROM ${mailPreferences}
    WHERE ${mailPreferences.tenantId} = ${rsvps.tenantId} AND ${mailPreferences.email} = lower(trim(${rsvps.email})) AND ${mailPreferences.lang} IN ('en', 'es')), ${rsvps.lang})`;

/** A message composed in each language, for statements that choose per guest (`perGuest`). */
export function inBothLanguages(make: (lang: Lang) => ComposedMessage): Record<Lang, ComposedMessage> {
  return { en: make('en'), es: make('es') };
}

/**
 * Stands for the guest's name in a message composed once per language for many guests: the
 * statement that writes the rows puts each guest's own name in its place.
 */
export const GUEST_NAME = '\u0001name\u0001';

/** A message composed in both languages, one per guest row chosen by `lang` (an SQL expression) with `name` put in. */
export function perGuest(messages: Record<Lang, ComposedMessage>, lang: SQL, name: SQL) {
  const pick = (field: 'subject' | 'body') =>
    sql`CASE ${lang} WHEN 'es' THEN replace(${messages.es[field]}, ${GUEST_NAME}, ${name}) ELSE replace(${messages.en[field]}, ${GUEST_NAME}, ${name}) END`;
  return { kind: messages.en.kind, lang: sql`CASE ${lang} WHEN 'es' THEN 'es' ELSE 'en' END`, subject: pick('subject'), body: pick('body') };
}

/** The outbox `data` that makes delivery attach the event's calendar file for one RSVP (worker/mail/attachments.ts). */
export const icsData = (eventId: string, rsvpId: SQL | string, method: 'REQUEST' | 'CANCEL') =>
  sql`json_object('ics', json_object('eventId', ${eventId}, 'rsvpId', ${rsvpId}, 'method', ${method}))`;

/**
 * The messages to the people the walk promotes (`rsvp.promoted`, composed in both languages with
 * `GUEST_NAME` for the name), each in its guest's language and carrying the calendar file, except
 * those in `unmessaged` (told enough today). Placed in the batch before `promoteWaitlist`, it
 * walks the same waitlist on the same state, so the two agree.
 */
export function promotionMessages(
  db: Database,
  m: { eventId: string; now: string; tenantId: string; messages: Record<Lang, ComposedMessage>; unmessaged?: string[] },
) {
  const except = m.unmessaged?.length ? sql` AND w.id NOT IN (SELECT value FROM json_each(${JSON.stringify(m.unmessaged)}))` : sql``;
  const message = perGuest(m.messages, sql`w.lang`, sql`w.name`);
  return db.insert(outbox).select(sql`${waitlistWalk(m.eventId, m.now)}
  SELECT ${outboxColumns({ id: newMessageId, tenantId: m.tenantId, recipient: sql`w.email`, ...message, relatedId: sql`w.id`, data: icsData(m.eventId, sql`w.id`, 'REQUEST') })}
    FROM walk JOIN waiting w ON w.id = walk.id WHERE walk.take${except}`);
}

/** Confirms the parties the walk marks, answering their ids in no particular order (with rowid to sort ties). */
export function promoteWaitlist(db: Database, eventId: string, now: string) {
  return db
    .update(rsvps)
    .set({ status: 'confirmed', updatedAt: now })
    .where(sql`${rsvps.id} IN (${waitlistWalk(eventId, now)} SELECT id FROM walk WHERE take)`)
    .returning({ id: rsvps.id, createdAt: rsvps.createdAt, seq: sql<number>`${rsvps}.rowid` });
}

/**
 * Takes a seat or a place on the waitlist in one statement: D1 runs one statement at a time,
 * so the sum of confirmed seats it reads is the one it writes against, and concurrent RSVPs
 * can never overbook. Inserts nothing for a cancelled or started event.
 */
export function rsvpInsert(
  db: Database,
  r: {
    id: string;
    name: string;
    email: string;
    role: string;
    partySize: number;
    grade: number | null;
    lang?: Lang;
    interpretation?: Interpretation | null;
    interpretationOther?: string | null;
    cancelTokenHash: string;
    /** The roster student making it, when the server knows them (signed in, or their roster address). */
    studentId?: string | null;
    manageCodeHash?: string | null;
    eventId: string;
    tenantId: string;
    now: string;
  },
) {
  // The columns in the table's order: drizzle's INSERT … SELECT names every one of them.
  return db
    .insert(rsvps)
    .select(sql`SELECT ${r.id}, ${events.tenantId}, ${events.id}, ${r.name}, ${r.email}, ${r.role}, ${r.partySize}, ${r.grade}, ${r.lang ?? 'en'}, ${r.interpretation ?? null}, ${r.interpretationOther ?? null},
         CASE WHEN ${events.capacity} IS NULL
                OR (SELECT coalesce(sum(${rsvps.partySize}), 0) FROM ${rsvps} WHERE ${rsvps.eventId} = ${events.id} AND ${rsvps.status} = 'confirmed') + ${r.partySize} <= ${events.capacity}
              THEN 'confirmed' ELSE 'waitlisted' END,
         ${r.studentId ?? null}, ${r.cancelTokenHash}, ${r.manageCodeHash ?? null}, ${dbNow}, ${dbNow}
    FROM ${events} WHERE ${events.id} = ${r.eventId} AND ${events.tenantId} = ${r.tenantId} AND ${events.status} = 'scheduled' AND ${events.startsAt} > ${r.now}`);
}

/**
 * Writes the receipt into the idempotency record from the row the insert made, in the same
 * batch: the database decided the status, so the database writes the answer. With no row (the
 * event closed in between) the response is NULL, the NOT NULL column fails, and the whole batch
 * rolls back. The cancel token is not in it (see cancelTokenFor).
 */
export function rsvpReceipt(db: Database, rsvpId: string, siteId: string, key: string) {
  const r = alias(rsvps, 'r');
  return db
    .update(idempotencyKeys)
    .set({
      response: sql`(SELECT json_object('id', ${r.id}, 'status', ${r.status}, 'waitlistPosition',
             CASE WHEN ${r.status} = 'waitlisted' THEN ${waitlistPosition(r)} END, 'seatsLeft',
             CASE WHEN ${r.status} = 'waitlisted' THEN ${seatsLeftFor(r)} END)
      FROM ${rsvps} ${r} WHERE ${r.id} = ${rsvpId})`,
    })
    .where(and(eq(idempotencyKeys.siteId, siteId), eq(idempotencyKeys.key, key)));
}

/** The seats still free at RSVP `r`'s event (capacity less the confirmed parties). */
function seatsLeftFor(r: ReturnType<typeof alias<typeof rsvps, 'r'>>) {
  const w = alias(rsvps, 'w');
  return sql`(SELECT max(0, coalesce(${events.capacity}, 0) - (SELECT coalesce(sum(${w.partySize}), 0) FROM ${rsvps} ${w}
                 WHERE ${w.eventId} = ${events.id} AND ${w.status} = 'confirmed')) FROM ${events} WHERE ${events.id} = ${r.eventId})`;
}

/** How many parties are ahead of waitlisted RSVP `r`, itself included (1 = next in line). */
function waitlistPosition(r: ReturnType<typeof alias<typeof rsvps, 'r'>>) {
  const w = alias(rsvps, 'w');
  return sql`(SELECT count(*) FROM ${rsvps} ${w} WHERE ${w.eventId} = ${r.eventId} AND ${w.status} = 'waitlisted'
                 AND (${w.createdAt} < ${r.createdAt} OR (${w.createdAt} = ${r.createdAt} AND ${w}.rowid <= ${r}.rowid)))`;
}

/** Where waitlisted RSVP `rsvpId` stands in line now (1 = next); null when it is not waitlisted. */
export async function waitlistPlace(db: Database, rsvpId: string): Promise<number | null> {
  const r = alias(rsvps, 'r');
  const row = await db
    .select({ n: sql<number | null>`CASE WHEN ${r.status} = 'waitlisted' THEN ${waitlistPosition(r)} END` })
    .from(r)
    .where(eq(r.id, rsvpId))
    .get();
  return row?.n ?? null;
}

/** Stands for the waitlist position in `rsvp.waitlisted`, which only the database knows when the batch runs. */
export const WAITLIST_POSITION = '\u0001position\u0001';

/**
 * The confirmation of a new RSVP, from the row the insert made in the same batch: `rsvp.confirmed`
 * or `rsvp.waitlisted` as the database decided, with the waitlist position it counted, the manage
 * link sealed beside it and the calendar file to attach. With no row (the event closed) nothing.
 */
export function rsvpConfirmation(
  db: Database,
  m: {
    rsvpId: string;
    eventId: string;
    tenantId: string;
    confirmed: ComposedMessage;
    waitlisted: ComposedMessage;
    sealedLink: string | null;
    /** Only when the row has this size since this instant: a change that did not take sends nothing. */
    onlyIf?: { partySize: number; updatedAt: string };
  },
) {
  const r = alias(rsvps, 'r');
  const waiting = sql`${r.status} = 'waitlisted'`;
  return db.insert(outbox).select(
    sql`SELECT ${outboxColumns({
      id: newMessageId,
      tenantId: m.tenantId,
      recipient: sql`${r.email}`,
      kind: sql`CASE WHEN ${waiting} THEN ${m.waitlisted.kind} ELSE ${m.confirmed.kind} END`,
      lang: m.confirmed.lang,
      subject: sql`CASE WHEN ${waiting} THEN ${m.waitlisted.subject} ELSE ${m.confirmed.subject} END`,
      body: sql`CASE WHEN ${waiting} THEN replace(${m.waitlisted.body}, ${WAITLIST_POSITION}, ${waitlistPosition(r)}) ELSE ${m.confirmed.body} END`,
      sealedLink: m.sealedLink,
      relatedId: sql`${r.id}`,
      data: icsData(m.eventId, sql`${r.id}`, 'REQUEST'),
    })} FROM ${rsvps} ${r} WHERE ${r.id} = ${m.rsvpId}${m.onlyIf ? sql` AND ${r.partySize} = ${m.onlyIf.partySize} AND ${r.updatedAt} = ${m.onlyIf.updatedAt}` : sql``}`,
  );
}

/**
 * Gives RSVP `id` its new party size in one statement, so the seats it reads are the ones it
 * takes and concurrent changes can never overbook: a confirmed party grows only into free seats
 * (the others' confirmed seats plus its new size within capacity); shrinking, or a waitlisted
 * party's new size, always applies (the waitlist walk after it in the batch confirms whoever now
 * fits). Changes nothing for a cancelled RSVP or a closed or started event.
 */
export function rsvpResize(db: Database, r: { id: string; partySize: number; eventId: string; now: string }) {
  const o = alias(rsvps, 'o');
  const othersConfirmed = sql`(SELECT coalesce(sum(${o.partySize}), 0) FROM ${rsvps} ${o} WHERE ${o.eventId} = ${r.eventId} AND ${o.status} = 'confirmed' AND ${o.id} != ${r.id})`;
  const open = sql`EXISTS (SELECT 1 FROM ${events} WHERE ${events.id} = ${r.eventId} AND ${events.status} = 'scheduled' AND ${events.startsAt} > ${r.now})`;
  const fits = sql`(SELECT ${events.capacity} IS NULL OR ${othersConfirmed} + ${r.partySize} <= ${events.capacity} FROM ${events} WHERE ${events.id} = ${r.eventId})`;
  return db
    .update(rsvps)
    .set({ partySize: r.partySize, updatedAt: r.now })
    .where(
      and(
        eq(rsvps.id, r.id),
        sql`${rsvps.status} != 'cancelled'`,
        open,
        sql`(${rsvps.status} = 'waitlisted' OR ${r.partySize} <= ${rsvps.partySize} OR ${fits})`,
      ),
    );
}

/**
 * The calendar entry a guest holds is replaced only by a newer SEQUENCE: after a party-size change
 * the event's is raised (in the same batch, only when the change took), so the updated invitation wins.
 */
export function raiseSequence(db: Database, r: { id: string; partySize: number; eventId: string; now: string }) {
  return db
    .update(events)
    .set({ sequence: sql`${events.sequence} + 1` })
    .where(
      and(
        eq(events.id, r.eventId),
        sql`EXISTS (SELECT 1 FROM ${rsvps} WHERE ${rsvps.id} = ${r.id} AND ${rsvps.partySize} = ${r.partySize} AND ${rsvps.updatedAt} = ${r.now})`,
      ),
    );
}
