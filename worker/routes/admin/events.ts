import { Hono } from 'hono';
import { z } from 'zod';
import {
  AdminEvent,
  AdminEventCancel,
  AdminEventCreate,
  AdminEventList,
  AdminEventQuery,
  AdminEventUpdate,
  eventIssues,
  type AdminEventSummary,
  type AdminRsvp,
  type CatalogIssue,
  type EventWhen,
} from '../../../schema/api/admin/catalog.js';
import type { SessionUser } from '../../../schema/api/auth.js';
import { RSVP_STATUSES } from '../../../schema/vocab.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { and, asc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { employers, events, rsvps, schools, tenants, outbox } from '../../../schema/db/tables.js';
import { actorOf, conflict, containsPattern, invalid, notFound, nowIso } from '../../lib/admin-kit.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { auditRow, auditRowIf } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import { toInstants, toLocalWhen } from '../../lib/event-when.js';
import {
  eventColumns,
  eventWords,
  GUEST_NAME,
  guestLang,
  icsData,
  inBothLanguages,
  isoInstant,
  likeEscaped,
  localized,
  newMessageId,
  offeredInterpretation,
  perGuest,
  promoteWaitlist,
  promotionMessages,
  withKnownZone,
} from '../../lib/events.js';
import type { ComposedMessage } from '../../mail/catalogue/index.js';
import { compose } from '../../mail/catalogue/index.js';
import type { Lang } from '../../lib/lang.js';
import { outboxColumns } from '../../lib/outbox.js';
import { newId } from '../../lib/ids.js';
import { parseJsonList } from '../../lib/mappers.js';
import { describe } from '../../lib/openapi.js';
import { addDays, startOfDay } from '../../lib/zones.js';
import { eventAttendance } from './events-attendance.js';

const TAG = ['admin: events'];
const ID = { id: 'The event id (`evt_…`)' };
describe({
  method: 'get',
  path: '/api/v1/admin/events',
  summary: 'The tenant’s events by start, scheduled and cancelled',
  tags: TAG,
  security: 'bearer',
  query: AdminEventQuery,
  responses: { 200: { description: 'A page of events', schema: AdminEventList } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/events',
  summary: 'Schedules an event; local dates and times are stored as UTC instants plus the zone',
  tags: TAG,
  security: 'bearer',
  body: AdminEventCreate,
  responses: { 201: { description: 'The event', schema: AdminEvent } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/events/:id',
  summary: 'One event with its RSVP counts, and for coordinators the guest list (each read is audited)',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'The event', schema: AdminEvent } },
});
describe({
  method: 'patch',
  path: '/api/v1/admin/events/:id',
  summary: 'Changes an event; its calendar sequence increases and guests hear of a new time or place',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: AdminEventUpdate,
  responses: {
    200: { description: 'The event', schema: AdminEvent },
    409: { description: 'Cancelled, changed meanwhile, or fewer seats than guests already hold' },
  },
});
describe({
  method: 'delete',
  path: '/api/v1/admin/events/:id',
  summary: 'Deletes an event nobody has registered for; otherwise cancel it',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 204: { description: 'Deleted' }, 409: { description: 'It has RSVPs' } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/events/:id/cancel',
  summary: 'Cancels an event: calendars show it cancelled and every confirmed or waitlisted guest is told',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: AdminEventCancel,
  responses: { 200: { description: 'The event, now cancelled', schema: AdminEvent }, 409: { description: 'Already cancelled' } },
});

const READ = ['admin', 'coordinator', 'viewer'] as const;
const WRITE = ['admin', 'coordinator'] as const;

/** The public columns, and what only the console shows: the school and employer, and the row's place for paging. */
const adminColumns = {
  ...eventColumns,
  rid: sql<number>`${events}.rowid`,
  schoolId: events.schoolId,
  schoolName: schools.name,
  employerId: events.employerId,
  employerName: employers.name,
};

function selectEvents(db: Database) {
  return db.select(adminColumns).from(events).leftJoin(schools, eq(schools.id, events.schoolId)).leftJoin(employers, eq(employers.id, events.employerId));
}

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['all']>>[number];

function toSummary(r: EventRow): AdminEventSummary {
  const startsAt = Date.parse(r.startsAt);
  const endsAt = Date.parse(r.endsAt);
  return {
    id: r.id,
    type: r.type as AdminEventSummary['type'],
    title: r.title,
    status: r.status,
    when: toLocalWhen(startsAt, endsAt, r.timeZone, r.allDay),
    startsAt: isoInstant(startsAt),
    endsAt: isoInstant(endsAt),
    capacity: r.capacity,
    registrationRequired: r.registrationRequired,
    seats: { confirmed: r.confirmedSeats, waitlisted: r.waitlistedSeats },
    sequence: r.sequence,
    updatedAt: r.updatedAt,
  };
}

type RsvpCounts = AdminEvent['rsvpCounts'];

function toEvent(r: EventRow, counts: RsvpCounts, guests: AdminRsvp[] | null): AdminEvent {
  return {
    ...toSummary(r),
    description: r.description,
    locationName: r.locationName,
    address: r.address,
    city: r.city,
    state: r.state,
    postalCode: r.postalCode,
    lat: r.lat,
    lng: r.lng,
    virtualUrl: r.virtualUrl,
    accessibilityNotes: r.accessibilityNotes,
    titleEs: r.titleEs,
    descriptionEs: r.descriptionEs,
    accessibilityNotesEs: r.accessibilityNotesEs,
    interpretation: offeredInterpretation(r.interpretation),
    audiences: parseJsonList(r.audiences),
    gradeMin: r.gradeMin,
    gradeMax: r.gradeMax,
    clusters: parseJsonList(r.clusters),
    school: r.schoolId ? { id: r.schoolId, name: r.schoolName ?? '' } : null,
    employer: r.employerId ? { id: r.employerId, name: r.employerName ?? '' } : null,
    rsvpCounts: counts,
    rsvps: guests,
    createdAt: r.createdAt,
  };
}

async function oneEvent(db: Database, id: string, tenantId: string): Promise<EventRow> {
  const row = await selectEvents(db)
    .where(and(eq(events.id, id), eq(events.tenantId, tenantId)))
    .get();
  if (!row) throw notFound('event');
  return row;
}

/**
 * The event as the console shows it. The guest list is personal data: coordinators and
 * administrators see it and each read is audited; a viewer gets the counts only.
 */
async function eventView(db: Database, user: SessionUser, row: EventRow): Promise<AdminEvent> {
  const groups = await db
    .select({ status: rsvps.status, parties: sql<number>`count(*)`, seats: sql<number>`coalesce(sum(${rsvps.partySize}), 0)` })
    .from(rsvps)
    .where(eq(rsvps.eventId, row.id))
    .groupBy(rsvps.status)
    .all();
  const counts = Object.fromEntries(
    RSVP_STATUSES.map((s) => {
      const g = groups.find((x) => x.status === s);
      return [s, { parties: g?.parties ?? 0, seats: g?.seats ?? 0 }];
    }),
  ) as RsvpCounts;
  if (user.role === 'viewer') return toEvent(row, counts, null);
  const guests = await db
    .select({
      id: rsvps.id,
      name: rsvps.name,
      email: rsvps.email,
      role: rsvps.role,
      partySize: rsvps.partySize,
      grade: rsvps.grade,
      status: rsvps.status,
      lang: rsvps.lang,
      interpretation: rsvps.interpretation,
      interpretationOther: rsvps.interpretationOther,
      createdAt: rsvps.createdAt,
    })
    .from(rsvps)
    .where(eq(rsvps.eventId, row.id))
    .orderBy(asc(rsvps.createdAt), sql`${rsvps}.rowid`)
    .all();
  if (guests.length) {
    await auditRow(db, { ...actorOf(user), action: 'event.rsvps_read', entity: 'event', entityId: row.id, detail: { rsvps: guests.length } });
  }
  return toEvent(row, counts, guests);
}

/** The instants of a "when", or field errors when the local times name no real span. */
function instantsOf(when: Omit<EventWhen, 'allDay'> & { allDay?: boolean }): { startsAt: string; endsAt: string } {
  const i = toInstants({ ...when, allDay: when.allDay ?? false });
  // Wall times that look ordered can still end before they start across an autumn fold (01:50 to 01:10).
  if (i.endsAt <= i.startsAt) throw invalid([{ path: 'when.endTime', message: 'The event ends before it starts', code: 'ends_before_start' }]);
  return { startsAt: isoInstant(i.startsAt), endsAt: isoInstant(i.endsAt) };
}

async function checkRefs(db: Database, tenantId: string, b: { schoolId?: string | null; employerId?: string | null }) {
  const errors: CatalogIssue[] = [];
  const [school, employer] = await Promise.all([
    b.schoolId
      ? db
          .select({ id: schools.id })
          .from(schools)
          .where(and(eq(schools.id, b.schoolId), eq(schools.tenantId, tenantId)))
          .get()
      : null,
    b.employerId
      ? db
          .select({ id: employers.id })
          .from(employers)
          .where(and(eq(employers.id, b.employerId), eq(employers.tenantId, tenantId)))
          .get()
      : null,
  ]);
  if (b.schoolId && !school) errors.push({ path: 'schoolId', message: 'Choose one of your schools' });
  if (b.employerId && !employer) errors.push({ path: 'employerId', message: 'Choose one of your employers' });
  if (errors.length) throw invalid(errors);
}

/**
 * One message per confirmed or waitlisted guest, written only while `guard` holds: composed in
 * both languages (with `GUEST_NAME` for the name), each guest's row in their language, carrying the
 * calendar file delivery attaches (a REQUEST with the event's new sequence, or a CANCEL).
 */
function messageGuests(db: Database, tenantId: string, eventId: string, messages: Record<Lang, ComposedMessage>, method: 'REQUEST' | 'CANCEL', guard: SQL) {
  const message = perGuest(messages, guestLang, rsvps.name.getSQL());
  return db
    .insert(outbox)
    .select(sql`SELECT ${outboxColumns({ id: newMessageId, tenantId, recipient: rsvps.email.getSQL(), ...message, relatedId: rsvps.id.getSQL(), data: icsData(eventId, rsvps.id.getSQL(), method) })}
       FROM ${rsvps} WHERE ${rsvps.eventId} = ${eventId} AND ${rsvps.status} IN ('confirmed', 'waitlisted') AND ${guard}`);
}

/** The event as each guest reads it, in both languages, for `messageGuests` and `promotionMessages`. */
const wordsFor = (row: EventRow, lang: Lang) => eventWords(withKnownZone(localized(row, lang)), lang, GUEST_NAME);

/** A condition on the event for the batch's changing statement, and the same condition made a guard for the statements before it. */
function onEvent(condition: SQL | undefined) {
  return { where: condition, guard: sql`EXISTS (SELECT 1 FROM ${events} WHERE ${condition})` };
}

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
    const db = c.var.db;
    const cursor = readCursor(q.cursor);
    const where: (SQL | undefined)[] = [eq(events.tenantId, user.tenantId)];
    if (q.from || q.to) {
      const tz = (await db.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, user.tenantId)).get())?.timeZone ?? 'UTC';
      if (q.from && q.to && q.to < q.from) throw invalid([{ path: 'to', message: 'End the range after it starts', code: 'range_reversed' }]);
      if (q.from) where.push(gt(events.endsAt, isoInstant(startOfDay(q.from, tz))));
      if (q.to) where.push(lt(events.startsAt, isoInstant(startOfDay(addDays(q.to, 1), tz))));
    }
    if (q.status) where.push(eq(events.status, q.status));
    if (q.type?.length) where.push(inArray(events.type, q.type));
    if (q.q) where.push(likeEscaped(events.title, containsPattern(q.q)));
    if (cursor) where.push(sql`(${events.startsAt}, ${events}.rowid) > (${cursor.k}, ${cursor.s})`);
    const rows = await selectEvents(db)
      .where(and(...where))
      .orderBy(asc(events.startsAt), sql`${events}.rowid`)
      .limit(q.limit + 1)
      .all();
    return c.json(pageOf(rows, q.limit, (r) => ({ k: r.startsAt, s: r.rid }), toSummary));
  })
  .post('/', requireRole(...WRITE), json(AdminEventCreate), async (c) => {
    const b = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    await checkRefs(db, user.tenantId, b);
    const { startsAt, endsAt } = instantsOf(b.when);
    const id = newId('evt');
    const now = nowIso();
    await db.batch([
      db.insert(events).values({
        id,
        tenantId: user.tenantId,
        schoolId: b.schoolId ?? null,
        employerId: b.employerId ?? null,
        type: b.type,
        title: b.title,
        description: b.description ?? '',
        startsAt,
        endsAt,
        allDay: b.when.allDay ?? false,
        timeZone: b.when.timeZone,
        locationName: b.locationName ?? null,
        address: b.address ?? null,
        city: b.city ?? null,
        state: b.state?.toUpperCase() ?? null,
        postalCode: b.postalCode ?? null,
        lat: b.lat ?? null,
        lng: b.lng ?? null,
        virtualUrl: b.virtualUrl ?? null,
        accessibilityNotes: b.accessibilityNotes ?? null,
        titleEs: b.titleEs || null,
        descriptionEs: b.descriptionEs || null,
        accessibilityNotesEs: b.accessibilityNotesEs || null,
        interpretation: b.interpretation ?? [],
        audiences: b.audiences,
        gradeMin: b.gradeMin ?? null,
        gradeMax: b.gradeMax ?? null,
        clusters: b.clusters ?? [],
        capacity: b.capacity ?? null,
        registrationRequired: b.registrationRequired ?? false,
        status: 'scheduled',
        sequence: 0,
        createdAt: now,
        updatedAt: now,
      }),
      auditRow(db, { ...actorOf(user), action: 'event.create', entity: 'event', entityId: id, detail: { startsAt } }),
    ]);
    return c.json(await eventView(db, user, await oneEvent(db, id, user.tenantId)), 201);
  })
  .get('/:id', requireRole(...READ), param(EventId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    return c.json(await eventView(c.var.db, user, await oneEvent(c.var.db, id, user.tenantId)));
  })
  .patch('/:id', requireRole(...WRITE), param(EventId), json(AdminEventUpdate), async (c) => {
    const { id } = c.req.valid('param');
    const b = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneEvent(db, id, user.tenantId);
    if (before.status === 'cancelled') throw conflict('This event was cancelled', 'A cancelled event cannot be changed. Schedule a new event instead.');
    await checkRefs(db, user.tenantId, b);
    const merged = {
      gradeMin: b.gradeMin !== undefined ? b.gradeMin : before.gradeMin,
      gradeMax: b.gradeMax !== undefined ? b.gradeMax : before.gradeMax,
      locationName: b.locationName !== undefined ? b.locationName : before.locationName,
      address: b.address !== undefined ? b.address : before.address,
      virtualUrl: b.virtualUrl !== undefined ? b.virtualUrl : before.virtualUrl,
    };
    const issues = eventIssues(merged);
    if (issues.length) throw invalid(issues);
    const when = b.when ? { allDay: b.when.allDay ?? false, timeZone: b.when.timeZone, ...instantsOf(b.when) } : null;
    // `sequence` is the version: every change raises it, so a concurrent edit finds it moved and changes nothing.
    // Fewer seats than confirmed guests already hold is refused in the same condition.
    const event = onEvent(
      and(
        eq(events.id, id),
        eq(events.tenantId, user.tenantId),
        eq(events.sequence, before.sequence),
        eq(events.status, 'scheduled'),
        b.capacity != null
          ? sql`${b.capacity} >= (SELECT coalesce(sum(${rsvps.partySize}), 0) FROM ${rsvps} WHERE ${rsvps.eventId} = ${events.id} AND ${rsvps.status} = 'confirmed')`
          : undefined,
      ),
    );
    const now = nowIso();
    const moved = Boolean(b.when) || ['locationName', 'address', 'city', 'virtualUrl'].some((k) => k in b);
    // The event as it will be, for the messages composed before the batch changes it.
    const pick = <K extends keyof EventRow>(k: K): EventRow[K] => (b[k as keyof typeof b] !== undefined ? (b[k as keyof typeof b] as EventRow[K]) : before[k]);
    const after: EventRow = {
      ...before,
      ...(when ? { startsAt: when.startsAt, endsAt: when.endsAt, timeZone: when.timeZone, allDay: when.allDay } : {}),
      title: pick('title'),
      description: pick('description'),
      accessibilityNotes: pick('accessibilityNotes'),
      titleEs: pick('titleEs'),
      descriptionEs: pick('descriptionEs'),
      accessibilityNotesEs: pick('accessibilityNotesEs'),
      locationName: pick('locationName'),
      address: pick('address'),
      city: pick('city'),
      state: typeof b.state === 'string' ? b.state.toUpperCase() : pick('state'),
      postalCode: pick('postalCode'),
      lat: pick('lat'),
      lng: pick('lng'),
      virtualUrl: pick('virtualUrl'),
    };
    const update = db
      .update(events)
      .set({
        type: b.type,
        title: b.title,
        description: b.description,
        locationName: b.locationName,
        address: b.address,
        city: b.city,
        state: typeof b.state === 'string' ? b.state.toUpperCase() : b.state,
        postalCode: b.postalCode,
        lat: b.lat,
        lng: b.lng,
        virtualUrl: b.virtualUrl,
        accessibilityNotes: b.accessibilityNotes,
        titleEs: b.titleEs === undefined ? undefined : b.titleEs || null,
        descriptionEs: b.descriptionEs === undefined ? undefined : b.descriptionEs || null,
        accessibilityNotesEs: b.accessibilityNotesEs === undefined ? undefined : b.accessibilityNotesEs || null,
        interpretation: b.interpretation,
        audiences: b.audiences,
        gradeMin: b.gradeMin,
        gradeMax: b.gradeMax,
        clusters: b.clusters,
        capacity: b.capacity,
        registrationRequired: b.registrationRequired,
        schoolId: b.schoolId,
        employerId: b.employerId,
        ...(when ?? {}),
        sequence: sql`${events.sequence} + 1`,
        updatedAt: now,
      })
      .where(event.where);
    const audited = auditRowIf(
      db,
      { ...actorOf(user), action: 'event.update', entity: 'event', entityId: id, detail: { fields: Object.keys(b), sequence: before.sequence + 1 } },
      event.guard,
    );
    const told = messageGuests(
      db,
      user.tenantId,
      id,
      inBothLanguages((lang) => compose('event.changed', lang, wordsFor(after, lang))),
      'REQUEST',
      event.guard,
    );
    const raisesSeats = b.capacity !== undefined && (b.capacity === null || before.capacity === null || b.capacity > before.capacity);
    // More seats: the waitlist moves up at once, in order, as when a guest cancels (worker/lib/events.ts).
    const promotion = [
      promotionMessages(db, {
        eventId: id,
        now,
        tenantId: user.tenantId,
        messages: inBothLanguages((lang) => compose('rsvp.promoted', lang, wordsFor(after, lang))),
      }),
      promoteWaitlist(db, id, now),
    ] as const;
    const [updated] = moved
      ? (await db.batch([audited, told, update, ...(raisesSeats ? promotion : [])])).slice(2)
      : (await db.batch([audited, update, ...(raisesSeats ? promotion : [])])).slice(1);
    if (!updated || !('meta' in updated) || !updated.meta.changes) {
      const again = await oneEvent(db, id, user.tenantId);
      if (again.status === 'cancelled') throw conflict('This event was cancelled', 'It was cancelled a moment ago and can no longer be changed.');
      if (again.sequence !== before.sequence)
        throw conflict('Changed meanwhile', 'Someone else changed this event a moment ago. Reload it and make your change again.');
      throw conflict(
        'Not enough seats',
        `Confirmed guests already hold ${again.confirmedSeats} seats. Keep at least that many, or cancel some reservations first.`,
      );
    }
    return c.json(await eventView(db, user, await oneEvent(db, id, user.tenantId)));
  })
  .delete('/:id', requireRole(...WRITE), param(EventId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneEvent(db, id, user.tenantId);
    const event = onEvent(
      and(eq(events.id, id), eq(events.tenantId, user.tenantId), sql`NOT EXISTS (SELECT 1 FROM ${rsvps} WHERE ${rsvps.eventId} = ${events.id})`),
    );
    const [, deleted] = await db.batch([
      auditRowIf(db, { ...actorOf(user), action: 'event.delete', entity: 'event', entityId: id, detail: { title: before.title } }, event.guard),
      db.delete(events).where(event.where),
    ]);
    if (!deleted.meta.changes) {
      throw conflict(
        'People have registered for this event',
        'It has RSVPs, so deleting it would leave guests without word. Cancel it instead: every guest is told and calendars show it cancelled.',
      );
    }
    return c.body(null, 204);
  })
  .post('/:id/cancel', requireRole(...WRITE), param(EventId), json(AdminEventCancel), async (c) => {
    const { id } = c.req.valid('param');
    const { message } = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneEvent(db, id, user.tenantId);
    const event = onEvent(and(eq(events.id, id), eq(events.tenantId, user.tenantId), eq(events.status, 'scheduled')));
    const told = inBothLanguages((lang) => compose('event.cancelled', lang, { ...wordsFor(before, lang), message: message ?? '' }));
    const [, , updated] = await db.batch([
      auditRowIf(
        db,
        {
          ...actorOf(user),
          action: 'event.cancel',
          entity: 'event',
          entityId: id,
          detail: { sequence: before.sequence + 1, guests: before.confirmedSeats + before.waitlistedSeats },
        },
        event.guard,
      ),
      messageGuests(db, user.tenantId, id, told, 'CANCEL', event.guard),
      db
        .update(events)
        .set({ status: 'cancelled', sequence: sql`${events.sequence} + 1`, updatedAt: nowIso() })
        .where(event.where),
    ]);
    if (!updated.meta.changes) throw conflict('This event was already cancelled', 'Nothing more to do: its guests were told when it was cancelled.');
    return c.json(await eventView(db, user, await oneEvent(db, id, user.tenantId)));
  })
  .route('/', eventAttendance);
