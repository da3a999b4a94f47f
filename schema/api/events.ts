/**
 * The career-awareness events contract: the list and detail answers, the RSVP request and
 * receipt. Written with `zod/mini` so `<wbl-event-calendar>` can validate its RSVP form with
 * the very schema the Worker validates with and stay inside its 20 KB budget.
 */
import * as z from 'zod/mini';
import { CLUSTER_CODES, EVENT_AUDIENCES, EVENT_STATUSES, EVENT_TYPE_CODES, INTERPRETATION, RSVP_ROLES } from '../vocab.js';
import { email, int, text } from './fields.js';
import { formTokenField } from './forms.js';

/** Query values arrive as strings, repeated (`cluster=a&cluster=b`) or comma-separated. */
const list = <T extends z.core.$ZodType<string, string>>(item: T) =>
  z.optional(
    z.pipe(
      z.transform((v: unknown) => {
        if (v === undefined || v === '') return undefined;
        const values = (Array.isArray(v) ? v : [v])
          .flatMap((x) => String(x).split(','))
          .map((x) => x.trim())
          .filter(Boolean);
        return values.length ? values : undefined;
      }),
      z.optional(z.array(item).check(z.maxLength(20))),
    ),
  );
const single = <T extends z.core.$ZodType>(schema: T) =>
  z.pipe(
    z.transform((v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v === '' ? undefined : v)),
    schema,
  );

/** A calendar date (`2026-12-05`) or a full instant (`2026-12-05T15:00:00Z`). */
const dateOrInstant = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'Use a date like 2026-12-05 or an instant like 2026-12-05T15:00:00Z'),
  );

/**
 * `from`/`to` bound the events' overlap with the range (an event that started before `from`
 * and is still going is included). Dates are read in the tenant's time zone; the default is
 * from today for 90 days; a range may span at most 400 days.
 */
export const EventListQuery = z.strictObject({
  from: z.optional(single(dateOrInstant)),
  to: z.optional(single(dateOrInstant)),
  audience: list(z.enum(EVENT_AUDIENCES)),
  cluster: list(z.enum(CLUSTER_CODES)),
  type: list(z.enum(EVENT_TYPE_CODES)),
  q: z.optional(single(z.string().check(z.trim(), z.maxLength(200, 'Keep the search under 200 characters')))),
  key: z.optional(single(z.string())),
});
EventListQuery.register(z.globalRegistry, { description: 'Date range and filters of the public event list.' });
export type EventListQuery = z.output<typeof EventListQuery>;

/** The iCalendar feed's filters (`GET /api/v1/events.ics?key=pk_…&cluster=…&audience=…`). */
export const EventFeedQuery = z.strictObject({
  audience: list(z.enum(EVENT_AUDIENCES)),
  cluster: list(z.enum(CLUSTER_CODES)),
  type: list(z.enum(EVENT_TYPE_CODES)),
  key: z.optional(single(z.string())),
});
export type EventFeedQuery = z.output<typeof EventFeedQuery>;

export const EventLocation = z.object({
  name: z.nullable(z.string()),
  address: z.nullable(z.string()),
  city: z.nullable(z.string()),
  state: z.nullable(z.string()),
  postalCode: z.nullable(z.string()),
  lat: z.nullable(z.number()),
  lng: z.nullable(z.number()),
});
export type EventLocation = z.infer<typeof EventLocation>;

export const EventSummary = z.object({
  id: z.string(),
  type: z.enum(EVENT_TYPE_CODES),
  title: z.string(),
  /** UTC instants, ISO 8601 with `Z`. For all-day events: midnight-to-midnight in `timeZone`. */
  startsAt: z.string(),
  endsAt: z.string(),
  allDay: z.boolean(),
  /** The IANA zone the event happens in (`America/Chicago`). */
  timeZone: z.string(),
  /** For all-day events, the local calendar dates (`endDate` inclusive); null otherwise. */
  startDate: z.nullable(z.string()),
  endDate: z.nullable(z.string()),
  status: z.enum(EVENT_STATUSES),
  audiences: z.array(z.enum(EVENT_AUDIENCES)),
  clusters: z.array(z.enum(CLUSTER_CODES)),
  gradeMin: z.nullable(z.number()),
  gradeMax: z.nullable(z.number()),
  /** In person (`location` set), virtual (`virtual` true) or both. */
  location: z.nullable(EventLocation),
  virtual: z.boolean(),
  registrationRequired: z.boolean(),
  /** Interpretation the event offers, which the RSVP form may ask for: Spanish, American Sign Language, another language. */
  interpretation: z.array(z.enum(INTERPRETATION)),
  /** Seats, or null when there is no limit. */
  capacity: z.nullable(z.number()),
  /** Seats left: capacity minus the party sizes of confirmed RSVPs; null when there is no limit. */
  remaining: z.nullable(z.number()),
  /** People waiting for a seat (party sizes of waitlisted RSVPs). */
  waitlisted: z.number(),
  /** The iCalendar SEQUENCE, which increases whenever the event changes. */
  sequence: z.number(),
  updatedAt: z.string(),
});
export type EventSummary = z.infer<typeof EventSummary>;

export const EventList = z.object({ items: z.array(EventSummary) });
export type EventList = z.infer<typeof EventList>;

export const EventDetail = z.extend(EventSummary, {
  description: z.string(),
  /** The meeting link for virtual and hybrid events. */
  virtualUrl: z.nullable(z.string()),
  accessibilityNotes: z.nullable(z.string()),
  organizer: z.object({ name: z.string(), url: z.nullable(z.string()) }),
  /** A link that opens this event on the embedding site when it has one, else the API detail. */
  url: z.string(),
  /** schema.org `Event` JSON-LD, ready for a `<script type="application/ld+json">`. */
  jsonLd: z.record(z.string(), z.unknown()),
});
export type EventDetail = z.infer<typeof EventDetail>;

/** What a person submits to reserve seats at an event. */
export const RsvpRequest = z
  .strictObject({
    name: text(120, 'Enter your name'),
    email: email('Enter an email address like name@example.com'),
    role: z.enum(RSVP_ROLES, { error: 'Tell us who is coming: a student, a family or an educator' }),
    partySize: int(1, 10, 'Reserve between 1 and 10 seats'),
    grade: z.optional(int(6, 12, 'Choose a grade from 6 to 12')),
    consent: z.literal(true, { error: 'Agree that the school may contact you about this event' }),
    /** The token from `GET /api/v1/forms/rsvp/token`, fetched when the form opened: the server reads from it how long the form was open. */
    formToken: formTokenField,
    /** Interpretation the party needs: one the event offers (`interpretation` of the event). */
    interpretation: z.optional(z.enum(INTERPRETATION, { error: 'Choose Spanish, ASL or another language' })),
    /** Which language, when `interpretation` is `other`. */
    interpretationOther: z.optional(z.string().check(z.trim(), z.maxLength(120, 'Keep this under 120 characters'))),
    /** A honeypot: people never see it, so anything in it marks an automated submission. */
    nickname: z.optional(z.string().check(z.maxLength(200))),
  })
  .check(
    z.superRefine((r, ctx) => {
      if (r.interpretation === 'other' && !r.interpretationOther)
        ctx.addIssue({ code: 'custom', message: 'Tell us which language you need interpreted', path: ['interpretationOther'], input: r });
    }),
  );
RsvpRequest.register(z.globalRegistry, {
  description: 'What a person submits to reserve seats at an event.',
  example: {
    name: 'Rosa Example',
    email: 'rosa.family@example.org',
    role: 'family',
    partySize: 3,
    grade: 11,
    consent: true,
    formToken: 'ft1.eyJzIjoic2l0ZV9leGFtcGxlIn0.c2lnbmF0dXJlLWZyb20tdGhlLXNlcnZlcg',
  },
});
export type RsvpRequest = z.input<typeof RsvpRequest>;

export const RsvpReceipt = z.object({
  id: z.string(),
  status: z.enum(['confirmed', 'waitlisted']),
  /** Keep this: `DELETE /api/v1/rsvps/:token` cancels the reservation. Only its hash is stored; a retry with the same Idempotency-Key answers it again, nothing else shows it. */
  cancelToken: z.string(),
  /** For waitlisted RSVPs, how many parties are ahead (1 = next in line); null when confirmed. */
  waitlistPosition: z.nullable(z.number()),
  /**
   * The code to type on the calendar page on any device (`K7QM-4TXA`): it opens the reservation as
   * the cancel token does. Stored only as a keyed hash; a retry answers it again.
   */
  manageCode: z.string(),
  /**
   * For waitlisted RSVPs, the seats still free when the party asked (fewer than its size); the
   * party may take that many now with `PATCH /api/v1/rsvps/:token`. Null when confirmed.
   */
  seatsLeft: z.nullable(z.number()),
});
export type RsvpReceipt = z.infer<typeof RsvpReceipt>;

export const RsvpCancellation = z.object({
  id: z.string(),
  status: z.literal('cancelled'),
  /** RSVP ids moved from the waitlist to confirmed by this cancellation, in order. */
  promoted: z.array(z.string()),
});
export type RsvpCancellation = z.infer<typeof RsvpCancellation>;

/** A person's own reservation, as its manage link shows it (`GET /api/v1/rsvps/:token`): never anyone else's. */
export const RsvpView = z.object({
  id: z.string(),
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
  partySize: z.number(),
  name: z.string(),
  interpretation: z.nullable(z.enum(INTERPRETATION)),
  /** The language the party named, for `other`. */
  interpretationOther: z.nullable(z.string()),
  /** For waitlisted RSVPs, how many parties are ahead (1 = next in line); null otherwise. */
  waitlistPosition: z.nullable(z.number()),
  /** The event, in the language asked for (`remaining` is the seats a waitlisted party could take now). */
  event: EventSummary,
});
export type RsvpView = z.infer<typeof RsvpView>;

/** A new party size for one's own reservation (`PATCH /api/v1/rsvps/:token`). */
export const RsvpChange = z.strictObject({
  partySize: int(1, 10, 'Reserve between 1 and 10 seats'),
});
RsvpChange.register(z.globalRegistry, {
  description: 'A new party size: a confirmed party grows only into free seats; a waitlisted one is confirmed once it fits.',
  example: { partySize: 2 },
});
export type RsvpChange = z.input<typeof RsvpChange>;
