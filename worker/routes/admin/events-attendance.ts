/**
 * Checking guests in at an event's door (mounted under /api/v1/admin/events): by the code in a
 * reservation's confirmation, by name from the guest list, or as a walk-in. Checking the same
 * party twice answers the first check-in (the unique indexes on `attendance` settle it, not a
 * read before the write), and a mistaken check-in can be undone. A reservation made by a roster
 * student, or a student walk-in, puts the attendance on the student's record, which the
 * participation reports count as a career-awareness experience.
 */
import { and, asc, eq, ne, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { Attendance, CheckIn, type DoorGuest, EventAttendance } from '../../../schema/api/admin/events-attendance.js';
import type { SessionUser } from '../../../schema/api/auth.js';
import { attendance, events, rsvps, students } from '../../../schema/db/tables.js';
import type { AppEnv } from '../../env.js';
import { actorOf, conflict, invalid, notFound } from '../../lib/admin-kit.js';
import { appSecret } from '../../lib/app-secret.js';
import { auditRow, auditRowIf } from '../../lib/audit.js';
import { checkInCode, normalizeCheckInCode } from '../../lib/checkin.js';
import type { Database } from '../../lib/db.js';
import { newId } from '../../lib/ids.js';
import { describe } from '../../lib/openapi.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param } from '../../middleware/validate.js';

const TAG = ['admin: events'];
const IDS = { id: 'The event id (`evt_…`)' };
describe({
  method: 'get',
  path: '/api/v1/admin/events/:id/attendance',
  summary: 'The door list: reservations with their check-ins, walk-ins, and reserved against attended (each read is audited)',
  tags: TAG,
  security: 'bearer',
  params: IDS,
  responses: { 200: { description: 'The door list', schema: EventAttendance } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/events/:id/attendance',
  summary: 'Checks a guest in by check-in code, by reservation, or as a walk-in (a student by student number); checking in twice answers the first check-in',
  tags: TAG,
  security: 'bearer',
  params: IDS,
  body: CheckIn,
  responses: {
    201: { description: 'Checked in', schema: Attendance },
    200: { description: 'Already checked in: the first check-in', schema: Attendance },
    409: { description: 'The event was cancelled' },
  },
});
describe({
  method: 'delete',
  path: '/api/v1/admin/events/:id/attendance/:attendanceId',
  summary: 'Undoes a mistaken check-in',
  tags: TAG,
  security: 'bearer',
  params: { ...IDS, attendanceId: 'The check-in id (`att_…`)' },
  responses: { 204: { description: 'Undone' } },
});

/** Door staff are the event's editors: the door list names guests. */
const DOOR = ['admin', 'coordinator'] as const;

const EventId = z.object({ id: z.string().regex(/^evt_[a-z0-9_]{3,60}$/) });
const AttendanceId = z.object({ id: z.string().regex(/^evt_[a-z0-9_]{3,60}$/), attendanceId: z.string().regex(/^att_[a-z0-9]{3,60}$/) });

const attendanceColumns = {
  id: attendance.id,
  eventId: attendance.eventId,
  rsvpId: attendance.rsvpId,
  studentId: attendance.studentId,
  name: attendance.name,
  people: attendance.people,
  walkIn: attendance.walkIn,
  checkedInAt: attendance.checkedInAt,
};
type AttendanceRow = Pick<typeof attendance.$inferSelect, keyof typeof attendanceColumns>;

function toAttendance(r: AttendanceRow): Attendance {
  return {
    id: r.id,
    eventId: r.eventId,
    rsvpId: r.rsvpId,
    name: r.name,
    people: r.people,
    walkIn: r.walkIn,
    onStudentRecord: r.studentId !== null,
    checkedInAt: r.checkedInAt,
  };
}

async function doorEvent(db: Database, id: string, tenantId: string) {
  const row = await db
    .select({ id: events.id, status: events.status })
    .from(events)
    .where(and(eq(events.id, id), eq(events.tenantId, tenantId)))
    .get();
  if (!row) throw notFound('event');
  return row;
}

/** Who is checking in, resolved from the body: the reservation (and its student), or the walk-in. */
interface Arrival {
  rsvpId: string | null;
  studentId: string | null;
  name: string;
  people: number;
  walkIn: boolean;
}

async function reservationArrival(
  db: Database,
  tenantId: string,
  r: { id: string; name: string; email: string; partySize: number; status: string; studentId: string | null },
  people: number | undefined,
  path: 'code' | 'rsvpId',
): Promise<Arrival> {
  if (r.status === 'cancelled') {
    throw invalid([{ path, message: 'This reservation was cancelled. Check the guest in as a walk-in instead.', code: 'rsvp_cancelled' }]);
  }
  // A reservation made from a student's roster address is the student's, even when made before they signed in anywhere.
  const studentId =
    r.studentId ??
    (
      await db
        .select({ id: students.id })
        .from(students)
        .where(and(eq(students.tenantId, tenantId), sql`lower(${students.email}) = lower(${r.email})`))
        .limit(1)
        .get()
    )?.id ??
    null;
  return { rsvpId: r.id, studentId, name: r.name, people: people ?? r.partySize, walkIn: false };
}

const rsvpColumns = { id: rsvps.id, name: rsvps.name, email: rsvps.email, partySize: rsvps.partySize, status: rsvps.status, studentId: rsvps.studentId };

async function arrivalOf(db: Database, secret: () => string, tenantId: string, eventId: string, b: CheckIn): Promise<Arrival> {
  if (b.code !== undefined) {
    const code = normalizeCheckInCode(b.code);
    if (!code) throw invalid([{ path: 'code', message: 'A check-in code has 8 letters and digits, like K7Q2-M9XD', code: 'not_a_code' }]);
    // The code is derived, not stored: it is found among this event's reservations (a few hundred HMACs at most).
    const guests = await db
      .select(rsvpColumns)
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.tenantId, tenantId)))
      .all();
    const key = secret();
    for (const g of guests) {
      if ((await checkInCode(key, g.id)) === code) return reservationArrival(db, tenantId, g, b.people, 'code');
    }
    throw invalid([{ path: 'code', message: 'No reservation for this event has that code. Check it, or find the guest by name.', code: 'unknown_code' }]);
  }
  if (b.rsvpId !== undefined) {
    const g = await db
      .select(rsvpColumns)
      .from(rsvps)
      .where(and(eq(rsvps.id, b.rsvpId), eq(rsvps.eventId, eventId), eq(rsvps.tenantId, tenantId)))
      .get();
    if (!g) throw notFound('reservation for this event');
    return reservationArrival(db, tenantId, g, b.people, 'rsvpId');
  }
  if (b.studentNumber !== undefined) {
    const s = await db
      .select({ id: students.id, preferredName: students.preferredName })
      .from(students)
      .where(and(eq(students.tenantId, tenantId), eq(students.studentNumber, b.studentNumber)))
      .get();
    if (!s) throw invalid([{ path: 'studentNumber', message: 'No student on your roster has that student number', code: 'unknown_student' }]);
    return { rsvpId: null, studentId: s.id, name: b.name ?? s.preferredName, people: b.people ?? 1, walkIn: true };
  }
  return { rsvpId: null, studentId: null, name: b.name ?? '', people: b.people ?? 1, walkIn: true };
}

/**
 * The check-in that already holds this reservation or this student at this event, if any: a
 * student who walked in and is then found by their reservation (or the other way round) is in once.
 */
function existing(db: Database, eventId: string, a: Arrival) {
  const which = or(a.rsvpId ? eq(attendance.rsvpId, a.rsvpId) : undefined, a.studentId ? eq(attendance.studentId, a.studentId) : undefined) ?? sql`0`;
  return db
    .select(attendanceColumns)
    .from(attendance)
    .where(and(eq(attendance.eventId, eventId), which))
    .get();
}

function auditEntity(user: SessionUser, a: { studentId: string | null }, eventId: string) {
  // On a student's record it is a write to that record; otherwise it concerns the event only.
  return a.studentId ? { ...actorOf(user), entity: 'student', entityId: a.studentId } : { ...actorOf(user), entity: 'event', entityId: eventId };
}

export const eventAttendance = new Hono<AppEnv>()
  .get('/:id/attendance', requireRole(...DOOR), param(EventId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const db = c.var.db;
    await doorEvent(db, id, user.tenantId);
    const [guests, checkIns] = await Promise.all([
      db
        .select({ rsvpId: rsvps.id, name: rsvps.name, role: rsvps.role, partySize: rsvps.partySize, status: rsvps.status })
        .from(rsvps)
        .where(and(eq(rsvps.eventId, id), eq(rsvps.tenantId, user.tenantId), ne(rsvps.status, 'cancelled')))
        .orderBy(asc(rsvps.name), asc(rsvps.createdAt))
        .all(),
      db
        .select(attendanceColumns)
        .from(attendance)
        .where(and(eq(attendance.eventId, id), eq(attendance.tenantId, user.tenantId)))
        .orderBy(asc(attendance.checkedInAt))
        .all(),
    ]);
    const byRsvp = new Map(checkIns.filter((a) => a.rsvpId).map((a) => [a.rsvpId, a]));
    const list: DoorGuest[] = guests.map((g) => {
      const a = byRsvp.get(g.rsvpId);
      return { ...g, attendance: a ? toAttendance(a) : null };
    });
    const walkIns = checkIns.filter((a) => a.walkIn);
    const confirmed = guests.filter((g) => g.status === 'confirmed');
    const sum = (xs: { people: number }[]) => xs.reduce((n, x) => n + x.people, 0);
    if (guests.length || checkIns.length) {
      await auditRow(db, {
        ...actorOf(user),
        action: 'event.attendance_read',
        entity: 'event',
        entityId: id,
        detail: { rsvps: guests.length, checkIns: checkIns.length },
      });
    }
    return c.json({
      eventId: id,
      reserved: { parties: confirmed.length, people: confirmed.reduce((n, g) => n + g.partySize, 0) },
      attended: { parties: checkIns.length, people: sum(checkIns) },
      walkIns: { parties: walkIns.length, people: sum(walkIns) },
      guests: list,
      walkInList: walkIns.map(toAttendance),
    } satisfies EventAttendance);
  })
  .post('/:id/attendance', requireRole(...DOOR), param(EventId), json(CheckIn), async (c) => {
    const { id } = c.req.valid('param');
    const b = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const event = await doorEvent(db, id, user.tenantId);
    if (event.status === 'cancelled') throw conflict('This event was cancelled', 'Guests cannot be checked in to a cancelled event.');
    const a = await arrivalOf(db, () => appSecret(c.env), user.tenantId, id, b);
    const before = await existing(db, id, a);
    if (before) return c.json(toAttendance(before), 200);
    const attendanceId = newId('att');
    // The unique indexes (one check-in per reservation, one per student and event) settle a double tap from two phones.
    const [inserted] = await db.batch([
      db
        .insert(attendance)
        .values({ id: attendanceId, tenantId: user.tenantId, eventId: id, ...a, checkedInBy: user.id })
        .onConflictDoNothing(),
      auditRowIf(
        db,
        { ...auditEntity(user, a, id), action: 'event.check_in', detail: { eventId: id, attendanceId, walkIn: a.walkIn, people: a.people } },
        sql`EXISTS (SELECT 1 FROM ${attendance} WHERE ${attendance.id} = ${attendanceId})`,
      ),
    ]);
    if (!inserted.meta.changes) {
      const first = await existing(db, id, a);
      if (first) return c.json(toAttendance(first), 200);
    }
    const row = await db.select(attendanceColumns).from(attendance).where(eq(attendance.id, attendanceId)).get();
    if (!row) throw new Error('A check-in without its row');
    return c.json(toAttendance(row), 201);
  })
  .delete('/:id/attendance/:attendanceId', requireRole(...DOOR), param(AttendanceId), async (c) => {
    const { id, attendanceId } = c.req.valid('param');
    const user = c.get('user');
    const db = c.var.db;
    await doorEvent(db, id, user.tenantId);
    const where = and(eq(attendance.id, attendanceId), eq(attendance.eventId, id), eq(attendance.tenantId, user.tenantId));
    const row = await db.select(attendanceColumns).from(attendance).where(where).get();
    if (!row) throw notFound('check-in');
    await db.batch([
      auditRowIf(
        db,
        { ...auditEntity(user, row, id), action: 'event.check_in_undo', detail: { eventId: id, attendanceId } },
        sql`EXISTS (SELECT 1 FROM ${attendance} WHERE ${where})`,
      ),
      db.delete(attendance).where(where),
    ]);
    return c.body(null, 204);
  });
