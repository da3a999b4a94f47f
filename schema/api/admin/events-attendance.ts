/**
 * Who came to an event, as staff check guests in at the door: a reservation by the code in its
 * confirmation (scanned or typed) or by name from the guest list, or a walk-in, a student found
 * by student number on the roster. A student's attendance is a career-awareness experience on
 * their record and in the participation reports. Written with `zod/mini` for the console.
 */
import * as z from 'zod/mini';
import { RSVP_ROLES, RSVP_STATUSES } from '../../vocab.js';
import { int } from '../fields.js';
import { StudentNumber } from './students.js';

const people = z.optional(int(1, 50, 'Enter how many people came in, from 1 to 50'));

/**
 * One check-in: exactly one of `code` (the confirmation's check-in code, `K7Q2-M9XD`, any case,
 * dashes optional), `rsvpId` (a guest picked from the list), or a walk-in (`name`, and
 * `studentNumber` for a student on the roster). `people` is how many of the party came in.
 */
export const CheckIn = z
  .strictObject({
    code: z.optional(z.string().check(z.trim(), z.minLength(1, 'Enter the check-in code'), z.maxLength(40, 'A check-in code has 8 letters and digits'))),
    rsvpId: z.optional(z.string().check(z.regex(/^rsvp_[A-Za-z0-9_]{3,60}$/, 'Choose a guest from the list'))),
    name: z.optional(z.string().check(z.trim(), z.minLength(1, 'Enter the guest’s name'), z.maxLength(120, 'Keep this under 120 characters'))),
    studentNumber: z.optional(StudentNumber),
    people,
  })
  .check(
    z.refine((b) => [b.code !== undefined, b.rsvpId !== undefined, b.name !== undefined || b.studentNumber !== undefined].filter(Boolean).length === 1, {
      message: 'Give a check-in code, a guest from the list, or a walk-in’s name or student number',
      path: ['code'],
    }),
  );
CheckIn.register(z.globalRegistry, {
  description: 'Checks a guest in: by the code in their confirmation, by their RSVP, or as a walk-in (a student by student number).',
  example: { code: 'K7Q2-M9XD' },
});
export type CheckIn = z.input<typeof CheckIn>;

/** One check-in, as the door list shows it. */
export const Attendance = z.object({
  id: z.string(),
  eventId: z.string(),
  /** The reservation checked in; null for a walk-in. */
  rsvpId: z.nullable(z.string()),
  name: z.string(),
  people: z.number(),
  walkIn: z.boolean(),
  /** Whether the attendance is on a roster student's record (a student's reservation or a student walk-in). */
  onStudentRecord: z.boolean(),
  checkedInAt: z.string(),
});
export type Attendance = z.infer<typeof Attendance>;

/** Parties and people. */
const Count = z.object({ parties: z.number(), people: z.number() });

/** A reservation on the door list, with its check-in if the party came. */
export const DoorGuest = z.object({
  rsvpId: z.string(),
  name: z.string(),
  role: z.enum(RSVP_ROLES),
  partySize: z.number(),
  status: z.enum(RSVP_STATUSES),
  attendance: z.nullable(Attendance),
});
export type DoorGuest = z.infer<typeof DoorGuest>;

/** The door list: every confirmed or waitlisted reservation with its check-in, the walk-ins, and reserved against attended. */
export const EventAttendance = z.object({
  eventId: z.string(),
  /** Confirmed reservations. */
  reserved: Count,
  /** Reservations checked in, and walk-ins, together. */
  attended: Count,
  walkIns: Count,
  guests: z.array(DoorGuest),
  walkInList: z.array(Attendance),
});
export type EventAttendance = z.infer<typeof EventAttendance>;
