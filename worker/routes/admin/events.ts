import { Hono } from 'hono';
import { z } from 'zod';
import {
  AdminEvent, AdminEventCancel, AdminEventCreate, AdminEventList, AdminEventQuery, AdminEventUpdate, eventIssues,
  type AdminEventSummary, type AdminRsvp, type CatalogIssue, type EventWhen,
} from '../../../schema/api/admin/catalog.js';
import type { SessionUser } from '../../../schema/api/auth.js';
import { RSVP_STATUSES } from '../../../schema/vocab.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { actorOf, auditIf, conflict, containsPattern, invalid, notFound, nowIso, ownedId, setClause, type Guard } from '../../lib/admin-kit.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { audit, auditStatement } from '../../lib/audit.js';
import { toInstants, toLocalWhen } from '../../lib/event-when.js';
import { isoInstant, WAITLIST_WALK } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';
import { parseJsonList } from '../../lib/mappers.js';
import { describe } from '../../lib/openapi.js';
import { addDays, startOfDay, zoneAbbreviation } from '../../lib/zones.js';

const TAG = ['admin: events'];
const ID = { id: 'The event id (`evt_…`)' };
describe({ method: 'get', path: '/api/v1/admin/events', summary: 'The tenant’s events by start, scheduled and cancelled', tags: TAG, security: 'bearer', query: AdminEventQuery, responses: { 200: { description: 'A page of events', schema: AdminEventList } } });
describe({ method: 'post', path: '/api/v1/admin/events', summary: 'Schedules an event; local dates and times are stored as UTC instants plus the zone', tags: TAG, security: 'bearer', body: AdminEventCreate, responses: { 201: { description: 'The event', schema: AdminEvent } } });
describe({ method: 'get', path: '/api/v1/admin/events/:id', summary: 'One event with its RSVP counts, and for coordinators the guest list (each read is audited)', tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'The event', schema: AdminEvent } } });
describe({
  method: 'patch', path: '/api/v1/admin/events/:id', summary: 'Changes an event; its calendar sequence increases and guests hear of a new time or place', tags: TAG, security: 'bearer', params: ID, body: AdminEventUpdate,
  responses: { 200: { description: 'The event', schema: AdminEvent }, 409: { description: 'Cancelled, changed meanwhile, or fewer seats than guests already hold' } },
});
describe({ method: 'delete', path: '/api/v1/admin/events/:id', summary: 'Deletes an event nobody has registered for; otherwise cancel it', tags: TAG, security: 'bearer', params: ID, responses: { 204: { description: 'Deleted' }, 409: { description: 'It has RSVPs' } } });
describe({
  method: 'post', path: '/api/v1/admin/events/:id/cancel', summary: 'Cancels an event: calendars show it cancelled and every confirmed or waitlisted guest is told', tags: TAG, security: 'bearer', params: ID, body: AdminEventCancel,
  responses: { 200: { description: 'The event, now cancelled', schema: AdminEvent }, 409: { description: 'Already cancelled' } },
});

const READ = ['admin', 'coordinator', 'viewer'] as const;
const WRITE = ['admin', 'coordinator'] as const;

interface EventRow {
  rid: number; id: string; type: string; title: string; description: string; starts_at: string; ends_at: string; all_day: number;
  time_zone: string; location_name: string | null; address: string | null; city: string | null; state: string | null; postal_code: string | null;
  lat: number | null; lng: number | null; virtual_url: string | null; accessibility_notes: string | null; audiences: string;
  grade_min: number | null; grade_max: number | null; clusters: string; capacity: number | null; registration_required: number;
  status: string; sequence: number; school_id: string | null; school_name: string | null; employer_id: string | null; employer_name: string | null;
  confirmed_seats: number; waitlisted_seats: number; created_at: string; updated_at: string;
}

const seats = (status: string) => `(SELECT coalesce(sum(r.party_size), 0) FROM rsvps r WHERE r.event_id = e.id AND r.status = '${status}')`;
const EVENT_SELECT = `SELECT e.rowid AS rid, e.*, sc.name AS school_name, em.name AS employer_name,
    ${seats('confirmed')} AS confirmed_seats, ${seats('waitlisted')} AS waitlisted_seats
  FROM events e LEFT JOIN schools sc ON sc.id = e.school_id LEFT JOIN employers em ON em.id = e.employer_id`;

function toSummary(r: EventRow): AdminEventSummary {
  const startsAt = Date.parse(r.starts_at);
  const endsAt = Date.parse(r.ends_at);
  return {
    id: r.id,
    type: r.type as AdminEventSummary['type'],
    title: r.title,
    status: r.status as AdminEventSummary['status'],
    when: toLocalWhen(startsAt, endsAt, r.time_zone, r.all_day === 1),
    startsAt: isoInstant(startsAt),
    endsAt: isoInstant(endsAt),
    capacity: r.capacity,
    registrationRequired: r.registration_required === 1,
    seats: { confirmed: r.confirmed_seats, waitlisted: r.waitlisted_seats },
    sequence: r.sequence,
    updatedAt: r.updated_at,
  };
}

type RsvpCounts = AdminEvent['rsvpCounts'];

function toEvent(r: EventRow, counts: RsvpCounts, rsvps: AdminRsvp[] | null): AdminEvent {
  return {
    ...toSummary(r),
    description: r.description,
    locationName: r.location_name,
    address: r.address,
    city: r.city,
    state: r.state,
    postalCode: r.postal_code,
    lat: r.lat,
    lng: r.lng,
    virtualUrl: r.virtual_url,
    accessibilityNotes: r.accessibility_notes,
    audiences: parseJsonList(r.audiences),
    gradeMin: r.grade_min,
    gradeMax: r.grade_max,
    clusters: parseJsonList(r.clusters),
    school: r.school_id ? { id: r.school_id, name: r.school_name ?? '' } : null,
    employer: r.employer_id ? { id: r.employer_id, name: r.employer_name ?? '' } : null,
    rsvpCounts: counts,
    rsvps,
    createdAt: r.created_at,
  };
}

async function oneEvent(db: AppEnv['Bindings']['DB'], id: string, tenantId: string): Promise<EventRow> {
  const row = await db.prepare(`${EVENT_SELECT} WHERE e.id = ? AND e.tenant_id = ?`).bind(id, tenantId).first<EventRow>();
  if (!row) throw notFound('event');
  return row;
}

/**
 * The event as the console shows it. The guest list is personal data: coordinators and
 * administrators see it and each read is audited; a viewer gets the counts only.
 */
async function eventView(db: AppEnv['Bindings']['DB'], user: SessionUser, row: EventRow): Promise<AdminEvent> {
  const { results: groups } = await db.prepare(
    'SELECT status, count(*) AS parties, coalesce(sum(party_size), 0) AS seats FROM rsvps WHERE event_id = ? GROUP BY status',
  ).bind(row.id).all<{ status: string; parties: number; seats: number }>();
  const counts = Object.fromEntries(RSVP_STATUSES.map((s) => {
    const g = groups.find((x) => x.status === s);
    return [s, { parties: g?.parties ?? 0, seats: g?.seats ?? 0 }];
  })) as RsvpCounts;
  if (user.role === 'viewer') return toEvent(row, counts, null);
  const { results } = await db.prepare(
    'SELECT id, name, email, role, party_size, grade, status, created_at FROM rsvps WHERE event_id = ? ORDER BY created_at, rowid',
  ).bind(row.id).all<{ id: string; name: string; email: string; role: AdminRsvp['role']; party_size: number; grade: number | null; status: AdminRsvp['status']; created_at: string }>();
  if (results.length) {
    await audit(db, { ...actorOf(user), action: 'event.rsvps_read', entity: 'event', entityId: row.id, detail: { rsvps: results.length } });
  }
  return toEvent(row, counts, results.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, partySize: r.party_size, grade: r.grade, status: r.status, createdAt: r.created_at })));
}

/** The instants of a "when", or field errors when the local times name no real span. */
function instantsOf(when: Omit<EventWhen, 'allDay'> & { allDay?: boolean }): { startsAt: string; endsAt: string } {
  const i = toInstants({ ...when, allDay: when.allDay ?? false });
  // Wall times that look ordered can still end before they start across an autumn fold (01:50 to 01:10).
  if (i.endsAt <= i.startsAt) throw invalid([{ path: 'when.endTime', message: 'The event ends before it starts', code: 'ends_before_start' }]);
  return { startsAt: isoInstant(i.startsAt), endsAt: isoInstant(i.endsAt) };
}

async function checkRefs(db: AppEnv['Bindings']['DB'], tenantId: string, b: { schoolId?: string | null; employerId?: string | null }) {
  const errors: CatalogIssue[] = [];
  if (b.schoolId && !(await ownedId(db, 'schools', b.schoolId, tenantId))) errors.push({ path: 'schoolId', message: 'Choose one of your schools' });
  if (b.employerId && !(await ownedId(db, 'employers', b.employerId, tenantId))) errors.push({ path: 'employerId', message: 'Choose one of your employers' });
  if (errors.length) throw invalid(errors);
}

/** How a message names the event's time: `Sunday, March 14, 2027 at 5:00 PM CDT`. */
function whenText(r: Pick<EventRow, 'starts_at' | 'time_zone' | 'all_day'>): string {
  const start = Date.parse(r.starts_at);
  if (r.all_day === 1) return new Intl.DateTimeFormat('en-US', { timeZone: r.time_zone, dateStyle: 'full' }).format(start);
  return `${new Intl.DateTimeFormat('en-US', { timeZone: r.time_zone, dateStyle: 'full', timeStyle: 'short' }).format(start)} ${zoneAbbreviation(start, r.time_zone)}`;
}

/** One message per confirmed or waitlisted guest, written only while `guard` holds. */
function messageGuests(db: AppEnv['Bindings']['DB'], tenantId: string, eventId: string, subject: string, text: string, guard: Guard) {
  return db.prepare(
    `INSERT INTO outbox (id, tenant_id, recipient, subject, body, related_id)
     SELECT 'msg_' || lower(hex(randomblob(10))), ?, r.email, ?, 'Hello ' || r.name || ',' || char(10) || char(10) || ?, r.id
       FROM rsvps r WHERE r.event_id = ? AND r.status IN ('confirmed', 'waitlisted') AND ${guard.sql}`,
  ).bind(tenantId, subject, text, eventId, ...guard.params);
}

const COLUMNS: Record<string, string> = {
  type: 'type', title: 'title', description: 'description', locationName: 'location_name', address: 'address', city: 'city', state: 'state',
  postalCode: 'postal_code', lat: 'lat', lng: 'lng', virtualUrl: 'virtual_url', accessibilityNotes: 'accessibility_notes', audiences: 'audiences',
  gradeMin: 'grade_min', gradeMax: 'grade_max', clusters: 'clusters', capacity: 'capacity', registrationRequired: 'registration_required',
  schoolId: 'school_id', employerId: 'employer_id', allDay: 'all_day', timeZone: 'time_zone', startsAt: 'starts_at', endsAt: 'ends_at',
};

const EventId = z.object({ id: z.string().regex(/^evt_[a-z0-9_]{3,60}$/) });

/**
 * Career-awareness events, as coordinators schedule them. Same table and meaning as the public
 * events API: status `scheduled` or `cancelled`, and every change calendar clients must see
 * raises `sequence` and sets `updated_at`, so subscribed calendars replace their copy.
 */
export const adminEvents = new Hono<AppEnv>()
  .get('/', requireRole(...READ), query(AdminEventQuery), async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user');
    const db = c.env.DB;
    const cursor = readCursor(q.cursor);
    const where = ['e.tenant_id = ?'];
    const params: unknown[] = [user.tenantId];
    if (q.from || q.to) {
      const tz = (await db.prepare('SELECT time_zone FROM tenants WHERE id = ?').bind(user.tenantId).first<{ time_zone: string }>())?.time_zone ?? 'UTC';
      if (q.from && q.to && q.to < q.from) throw invalid([{ path: 'to', message: 'End the range after it starts', code: 'range_reversed' }]);
      if (q.from) {
        where.push('e.ends_at > ?');
        params.push(isoInstant(startOfDay(q.from, tz)));
      }
      if (q.to) {
        where.push('e.starts_at < ?');
        params.push(isoInstant(startOfDay(addDays(q.to, 1), tz)));
      }
    }
    if (q.status) {
      where.push('e.status = ?');
      params.push(q.status);
    }
    if (q.type?.length) {
      where.push(`e.type IN (${q.type.map(() => '?').join(', ')})`);
      params.push(...q.type);
    }
    if (q.q) {
      where.push(`e.title LIKE ? ESCAPE '\\'`);
      params.push(containsPattern(q.q));
    }
    if (cursor) {
      where.push('(e.starts_at, e.rowid) > (?, ?)');
      params.push(cursor.k, cursor.s);
    }
    const { results } = await db.prepare(`${EVENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.starts_at, e.rowid LIMIT ?`)
      .bind(...params, q.limit + 1).all<EventRow>();
    return c.json(pageOf(results, q.limit, (r) => ({ k: r.starts_at, s: r.rid }), toSummary));
  })
  .post('/', requireRole(...WRITE), json(AdminEventCreate), async (c) => {
    const b = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    await checkRefs(db, user.tenantId, b);
    const { startsAt, endsAt } = instantsOf(b.when);
    const id = newId('evt');
    const now = nowIso();
    await db.batch([
      db.prepare(
        `INSERT INTO events (id, tenant_id, school_id, employer_id, type, title, description, starts_at, ends_at, all_day, time_zone,
           location_name, address, city, state, postal_code, lat, lng, virtual_url, accessibility_notes, audiences, grade_min, grade_max,
           clusters, capacity, registration_required, status, sequence, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', 0, ?, ?)`,
      ).bind(id, user.tenantId, b.schoolId ?? null, b.employerId ?? null, b.type, b.title, b.description ?? '', startsAt, endsAt,
        b.when.allDay ? 1 : 0, b.when.timeZone, b.locationName ?? null, b.address ?? null, b.city ?? null, b.state?.toUpperCase() ?? null,
        b.postalCode ?? null, b.lat ?? null, b.lng ?? null, b.virtualUrl ?? null, b.accessibilityNotes ?? null, JSON.stringify(b.audiences),
        b.gradeMin ?? null, b.gradeMax ?? null, JSON.stringify(b.clusters ?? []), b.capacity ?? null, b.registrationRequired ? 1 : 0, now, now),
      auditStatement(db, { ...actorOf(user), action: 'event.create', entity: 'event', entityId: id, detail: { startsAt } }),
    ]);
    return c.json(await eventView(db, user, await oneEvent(db, id, user.tenantId)), 201);
  })
  .get('/:id', requireRole(...READ), param(EventId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    return c.json(await eventView(c.env.DB, user, await oneEvent(c.env.DB, id, user.tenantId)));
  })
  .patch('/:id', requireRole(...WRITE), param(EventId), json(AdminEventUpdate), async (c) => {
    const { id } = c.req.valid('param');
    const b = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    const before = await oneEvent(db, id, user.tenantId);
    if (before.status === 'cancelled') throw conflict('This event was cancelled', 'A cancelled event cannot be changed. Schedule a new event instead.');
    await checkRefs(db, user.tenantId, b);
    const { when, ...rest } = b;
    const merged = {
      gradeMin: b.gradeMin !== undefined ? b.gradeMin : before.grade_min,
      gradeMax: b.gradeMax !== undefined ? b.gradeMax : before.grade_max,
      locationName: b.locationName !== undefined ? b.locationName : before.location_name,
      address: b.address !== undefined ? b.address : before.address,
      virtualUrl: b.virtualUrl !== undefined ? b.virtualUrl : before.virtual_url,
    };
    const issues = eventIssues(merged);
    if (issues.length) throw invalid(issues);
    const values: Record<string, unknown> = { ...rest, ...(typeof rest.state === 'string' ? { state: rest.state.toUpperCase() } : {}) };
    if (when) Object.assign(values, { allDay: when.allDay ?? false, timeZone: when.timeZone, ...instantsOf(when) });
    const set = setClause(COLUMNS, values);
    // `sequence` is the version: every change raises it, so a concurrent edit finds it moved and changes nothing.
    // Fewer seats than confirmed guests already hold is refused in the same condition.
    const capacityCheck = b.capacity != null
      ? ` AND ? >= (SELECT coalesce(sum(r.party_size), 0) FROM rsvps r WHERE r.event_id = events.id AND r.status = 'confirmed')` : '';
    const condition = `id = ? AND tenant_id = ? AND sequence = ? AND status = 'scheduled'${capacityCheck}`;
    const params = [id, user.tenantId, before.sequence, ...(capacityCheck ? [b.capacity] : [])];
    const guard: Guard = { sql: `EXISTS (SELECT 1 FROM events WHERE ${condition})`, params };
    const now = nowIso();
    const moved = Boolean(when) || ['locationName', 'address', 'city', 'virtualUrl'].some((k) => k in b);
    const changedRow = { ...before, ...(values.startsAt ? { starts_at: values.startsAt as string, time_zone: values.timeZone as string, all_day: values.allDay ? 1 : 0 } : {}) };
    const statements = [
      auditIf(db, { ...actorOf(user), action: 'event.update', entity: 'event', entityId: id, detail: { fields: Object.keys(b), sequence: before.sequence + 1 } }, guard),
      ...(moved ? [messageGuests(db, user.tenantId, id, `Changed: ${b.title ?? before.title}`,
        `"${b.title ?? before.title}" has changed. It now takes place ${whenText(changedRow)}${b.locationName ?? before.location_name ? ` at ${b.locationName ?? before.location_name}` : ''}. Your reservation still stands; if you can no longer come, please cancel it with the link from your confirmation.`,
        guard)] : []),
      db.prepare(`UPDATE events SET ${set.sql}${set.sql ? ', ' : ''}sequence = sequence + 1, updated_at = ? WHERE ${condition}`).bind(...set.params, now, ...params),
    ];
    const raisesSeats = b.capacity !== undefined && (b.capacity === null || before.capacity === null || b.capacity > before.capacity);
    if (raisesSeats) {
      // More seats: the waitlist moves up at once, in order, as when a guest cancels (worker/lib/events.ts).
      statements.push(
        db.prepare(`${WAITLIST_WALK}
          INSERT INTO outbox (id, tenant_id, recipient, subject, body, related_id)
          SELECT 'msg_' || lower(hex(randomblob(10))), ?3, w.email, ?4, 'Good news, ' || w.name || ': ' || ?5, w.id
            FROM walk JOIN waiting w ON w.id = walk.id WHERE walk.take`)
          .bind(id, now, user.tenantId, `You have a seat at ${b.title ?? before.title}`,
            `more seats opened up, so your reservation for "${b.title ?? before.title}" on ${whenText(changedRow)} is now confirmed. If you can no longer come, please cancel your reservation so the next person on the waitlist can have the seat.`),
        db.prepare(`${WAITLIST_WALK}
          UPDATE rsvps SET status = 'confirmed', updated_at = ?2 WHERE id IN (SELECT id FROM walk WHERE take)`).bind(id, now),
      );
    }
    const results = await db.batch(statements);
    const updated = results[moved ? 2 : 1];
    if (!updated?.meta.changes) {
      const again = await oneEvent(db, id, user.tenantId);
      if (again.status === 'cancelled') throw conflict('This event was cancelled', 'It was cancelled a moment ago and can no longer be changed.');
      if (again.sequence !== before.sequence) throw conflict('Changed meanwhile', 'Someone else changed this event a moment ago. Reload it and make your change again.');
      throw conflict('Not enough seats', `Confirmed guests already hold ${again.confirmed_seats} seats. Keep at least that many, or cancel some reservations first.`);
    }
    return c.json(await eventView(db, user, await oneEvent(db, id, user.tenantId)));
  })
  .delete('/:id', requireRole(...WRITE), param(EventId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const db = c.env.DB;
    const before = await oneEvent(db, id, user.tenantId);
    const condition = 'id = ? AND tenant_id = ? AND NOT EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = events.id)';
    const [, deleted] = await db.batch([
      auditIf(db, { ...actorOf(user), action: 'event.delete', entity: 'event', entityId: id, detail: { title: before.title } }, { sql: `EXISTS (SELECT 1 FROM events WHERE ${condition})`, params: [id, user.tenantId] }),
      db.prepare(`DELETE FROM events WHERE ${condition}`).bind(id, user.tenantId),
    ]);
    if (!deleted?.meta.changes) {
      throw conflict('People have registered for this event', 'It has RSVPs, so deleting it would leave guests without word. Cancel it instead: every guest is told and calendars show it cancelled.');
    }
    return c.body(null, 204);
  })
  .post('/:id/cancel', requireRole(...WRITE), param(EventId), json(AdminEventCancel), async (c) => {
    const { id } = c.req.valid('param');
    const { message } = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    const before = await oneEvent(db, id, user.tenantId);
    const condition = `id = ? AND tenant_id = ? AND status = 'scheduled'`;
    const guard: Guard = { sql: `EXISTS (SELECT 1 FROM events WHERE ${condition})`, params: [id, user.tenantId] };
    const text = `We are sorry: "${before.title}" on ${whenText(before)} has been cancelled.${message ? `\n\n${message}` : ''}\n\nYour calendar will show it as cancelled. There is nothing more you need to do.`;
    const [, , updated] = await db.batch([
      auditIf(db, { ...actorOf(user), action: 'event.cancel', entity: 'event', entityId: id, detail: { sequence: before.sequence + 1, guests: before.confirmed_seats + before.waitlisted_seats } }, guard),
      messageGuests(db, user.tenantId, id, `Cancelled: ${before.title}`, text, guard),
      db.prepare(`UPDATE events SET status = 'cancelled', sequence = sequence + 1, updated_at = ? WHERE ${condition}`).bind(nowIso(), ...guard.params),
    ]);
    if (!updated?.meta.changes) throw conflict('This event was already cancelled', 'Nothing more to do: its guests were told when it was cancelled.');
    return c.json(await eventView(db, user, await oneEvent(db, id, user.tenantId)));
  });
