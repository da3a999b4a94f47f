import { Hono } from 'hono';
import { z } from 'zod';
import {
  EventDetail,
  EventFeedQuery,
  EventList,
  EventListQuery,
  RsvpCancellation,
  RsvpChange,
  RsvpReceipt,
  RsvpRequest,
  RsvpView,
} from '../../schema/api/events.js';
import type { AppEnv, SiteContext } from '../env.js';
import { publicCache } from '../middleware/cache.js';
import { siteKey, siteKeyOf } from '../middleware/site.js';
import { json, param, query } from '../middleware/validate.js';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { events as eventTable, rsvps as rsvpTable, sites, tenants } from '../../schema/db/tables.js';
import {
  CANCEL_TOKEN,
  cancelTokenFor,
  eventColumns,
  eventLink,
  eventWhere,
  eventWords,
  GUEST_NAME,
  hashCancelToken,
  hashManageCode,
  inBothLanguages,
  isoInstant,
  localized,
  MANAGE_CODE,
  manageCodeFor,
  manageLinkText,
  manageUrl,
  newCancelToken,
  offeredInterpretation,
  promoteWaitlist,
  promotionMessages,
  promotionPreview,
  raiseSequence,
  resolveRange,
  rsvpConfirmation,
  rsvpInsert,
  rsvpReceipt,
  rsvpResize,
  waitlistPlace,
  WAITLIST_POSITION,
  toEventDetail,
  toEventSummary,
  toIcsEvent,
  withKnownZone,
  type EventFilters,
  type EventRow,
  type Organizer,
} from '../lib/events.js';
import type { Database } from '../lib/db.js';
import { buildCalendar } from '../lib/ical.js';
import { newId } from '../lib/ids.js';
import { commitOnce, replay, requestHash, requireIdempotencyKey } from '../lib/idempotency.js';
import { describe } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { appSecret, seal } from '../lib/app-secret.js';
import type { Lang } from '../lib/lang.js';
import { outboxRowIf } from '../lib/outbox.js';
import { compose } from '../mail/catalogue/index.js';
import { languageFor } from '../mail/preferences.js';
import type { Interpretation } from '../../schema/vocab.js';
import { isAutomated } from '../lib/form-token.js';
import { publicLink } from '../lib/mappers.js';
import { clientId, countAttempt, mayMessage, rateLimit } from '../lib/rate-limit.js';
import { addDays, localDate, startOfDay } from '../lib/zones.js';

const ICS = 'text/calendar; charset=utf-8';

/** How a field error names the interpretation an event offers. */
const INTERPRETATION_LABELS: Record<Interpretation, string> = { es: 'Spanish', asl: 'American Sign Language (ASL)', other: 'another language' };

const MANAGE_PARAM = 'The cancel token the RSVP answer and the confirmation’s manage link carried, or the manage code (`K7QM-4TXA`) a person typed';

describe({
  method: 'get',
  path: '/api/v1/events',
  summary: 'Career-awareness events that overlap a date range, with seats left',
  tags: ['events'],
  query: EventListQuery,
  responses: { 200: { description: 'Events in start order (at most 1000)', schema: EventList } },
});
describe({
  method: 'get',
  path: '/api/v1/events/:id',
  summary: 'One event with its schema.org Event JSON-LD',
  tags: ['events'],
  params: { id: 'The event id (`evt_…`)' },
  responses: { 200: { description: 'The event', schema: EventDetail }, 404: { description: 'No event with that id here' } },
});
describe({
  method: 'post',
  path: '/api/v1/events/:id/rsvps',
  idempotencyKey: true,
  summary: 'Reserves seats, or a place on the waitlist when the event is full',
  tags: ['events'],
  params: { id: 'The event id (`evt_…`)' },
  body: RsvpRequest,
  responses: {
    201: { description: 'Confirmed or waitlisted; keep the cancel token, it is shown only in this answer (and its retries)', schema: RsvpReceipt },
    400: {
      description:
        'A field error; `formToken` when the form token is missing, not valid for this site and form, expired, or the form was sent within seconds of opening (`too_fast`)',
    },
    404: { description: 'No event with that id here' },
    409: { description: 'The event was cancelled or has already started' },
    422: { description: 'The Idempotency-Key was already used for a different request' },
    429: { description: 'Too many RSVPs from this client or site' },
  },
});
describe({
  method: 'get',
  path: '/api/v1/events/:id/ics',
  summary: 'One event as an iCalendar file, for “add to my calendar”',
  tags: ['events'],
  params: { id: 'The event id (`evt_…`)' },
  responses: {
    200: { description: 'An RFC 5545 calendar with one event', schema: z.string(), contentType: 'text/calendar' },
    404: { description: 'No event with that id here' },
  },
});
describe({
  method: 'get',
  path: '/api/v1/events.ics',
  summary: 'The tenant’s event feed for calendar subscriptions (the site key goes in `?key=`)',
  tags: ['events'],
  query: EventFeedQuery,
  responses: {
    200: {
      description: 'An RFC 5545 calendar: events from 30 days ago to 400 days ahead, cancelled ones marked CANCELLED',
      schema: z.string(),
      contentType: 'text/calendar',
    },
  },
});
describe({
  method: 'get',
  path: '/api/v1/rsvps/:token',
  summary: 'One person’s own reservation, as the manage link in their confirmation opens it (or its typed manage code)',
  tags: ['events'],
  params: { token: MANAGE_PARAM },
  responses: {
    200: { description: 'The reservation and its event (in the language asked for); never other guests. Not cached.', schema: RsvpView },
    404: { description: 'No reservation has that token or code here' },
    429: { description: 'Too many wrong manage codes from this client: codes are short, so guesses are counted' },
  },
});
describe({
  method: 'patch',
  path: '/api/v1/rsvps/:token',
  summary: 'Changes the number of seats: a confirmed party grows only into free seats; fewer seats go to the waitlist in order',
  tags: ['events'],
  params: { token: MANAGE_PARAM },
  body: RsvpChange,
  responses: {
    200: {
      description:
        'The reservation with its new size (a waitlisted party that now fits is confirmed); the person is sent the updated confirmation and calendar file',
      schema: RsvpView,
    },
    400: { description: 'A field error on `partySize`' },
    404: { description: 'No reservation has that token or code here' },
    409: { description: 'Not enough free seats for the larger party (`partySize`, code `not_enough_seats`), or the event was cancelled or has started' },
    410: { description: 'The reservation was cancelled' },
    429: { description: 'Too many wrong manage codes from this client' },
  },
});
describe({
  method: 'delete',
  path: '/api/v1/rsvps/:token',
  summary: 'Cancels a reservation and gives its seats to the waitlist',
  tags: ['events'],
  params: { token: MANAGE_PARAM },
  responses: {
    200: { description: 'Cancelled; the waitlisted RSVPs that now have a seat, in order', schema: RsvpCancellation },
    404: { description: 'No reservation has that token or code here' },
    410: { description: 'The reservation was already cancelled' },
    429: { description: 'Too many wrong manage codes from this client' },
  },
});

const EventId = z.object({ id: z.string().regex(/^evt_[a-z0-9_]{3,60}$/) });

/** Past events stay in the feed this long, so a subscriber still sees last week's fair. */
const FEED_PAST_DAYS = 30;
const FEED_FUTURE_DAYS = 400;
const LIST_LIMIT = 1000;

/** The organiser (the tenant's public fields) and the site's calendar page, in one read. */
interface Publisher {
  organizer: Organizer;
  calendarPageUrl: string | null;
}

async function publisherOf(db: Database, site: SiteContext): Promise<Publisher> {
  const row = await db
    .select({ name: tenants.name, url: tenants.issuerUrl, email: tenants.issuerEmail, calendarPageUrl: sites.calendarPageUrl })
    .from(sites)
    .innerJoin(tenants, eq(tenants.id, sites.tenantId))
    .where(eq(sites.id, site.id))
    .get();
  return {
    organizer: { name: row?.name ?? site.tenantName, url: publicLink(row?.url ?? null), email: row?.email ?? null },
    // A page stored before addresses were checked is not linked to unless it is http(s).
    calendarPageUrl: publicLink(row?.calendarPageUrl ?? null),
  };
}

/** The site's key as the request carried it: feed links and event URLs repeat it, since calendars cannot send headers. */
const keyOf = (c: Parameters<typeof siteKeyOf>[0]) => siteKeyOf(c) ?? '';

/** The link an event's JSON-LD and calendar entry carry: the site's calendar page when it has one, else the API detail. */
const linkFor =
  (c: { req: { url: string; header(n: string): string | undefined; query(n: string): string | undefined } }, publisher: Publisher) => (eventId: string) =>
    eventLink({ origin: new URL(c.req.url).origin, siteKey: keyOf(c), calendarPageUrl: publisher.calendarPageUrl }, eventId);

/**
 * An event row as the public may see it: a zone the runtime knows, and a meeting link only when
 * it is http(s) — one stored before links were checked is dropped from JSON, JSON-LD and feeds alike.
 */
const publicRow = (row: EventRow, lang: Lang = 'en'): EventRow => ({ ...withKnownZone(localized(row, lang)), virtualUrl: publicLink(row.virtualUrl) });

async function eventsIn(db: Database, site: SiteContext, from: number, to: number, filters: EventFilters, lang: Lang): Promise<EventRow[]> {
  const rows = await db
    .select(eventColumns)
    .from(eventTable)
    .where(eventWhere(site.tenantId, from, to, filters))
    .orderBy(asc(eventTable.startsAt), asc(eventTable.id))
    .limit(LIST_LIMIT)
    .all();
  return rows.map((r) => publicRow(r, lang));
}

/** One event as stored (English), for writers that compose in each guest's language; `publicRow` before showing it. */
async function storedEvent(db: Database, site: SiteContext, id: string): Promise<EventRow> {
  const row = await db
    .select(eventColumns)
    .from(eventTable)
    .where(and(eq(eventTable.id, id), eq(eventTable.tenantId, site.tenantId)))
    .get();
  if (!row) throw new ProblemError('notFound', { detail: 'No event has that id here.' });
  return row;
}

const oneEvent = async (db: Database, site: SiteContext, id: string, lang: Lang) => publicRow(await storedEvent(db, site, id), lang);

/** Whether an event still takes reservations, read outside the batch (the batch checks again). */
function eventState(db: Database, site: SiteContext, id: string) {
  return db
    .select({ status: eventTable.status, startsAt: eventTable.startsAt })
    .from(eventTable)
    .where(and(eq(eventTable.id, id), eq(eventTable.tenantId, site.tenantId)))
    .get();
}

/** The receipt as `idempotency_keys` keeps it: everything but the cancel token and the manage code. */
type StoredReceipt = Omit<RsvpReceipt, 'cancelToken' | 'manageCode' | 'seatsLeft'> & { seatsLeft?: number | null };

/** The answer a person gets: the stored receipt with its cancel token and manage code derived again. */
async function withCancelToken(secret: string, siteId: string, key: string, stored: StoredReceipt): Promise<RsvpReceipt> {
  return {
    id: stored.id,
    status: stored.status,
    cancelToken: await cancelTokenFor(secret, siteId, key, stored.id),
    waitlistPosition: stored.waitlistPosition,
    manageCode: await manageCodeFor(secret, siteId, key, stored.id),
    // Receipts stored before seats left were counted have none.
    seatsLeft: stored.seatsLeft ?? null,
  };
}

function calendarName(site: SiteContext, filtered: boolean) {
  return `${site.tenantName} — ${filtered ? 'selected events' : 'events'}`;
}

export const events = new Hono<AppEnv>()
  .use(siteKey)
  .get('/', publicCache(30), query(EventListQuery), async (c) => {
    const q = c.req.valid('query');
    const site = c.get('site');
    const range = resolveRange(q, site.timeZone);
    if ('errors' in range) throw new ProblemError('validation', { errors: range.errors });
    const rows = await eventsIn(
      c.var.db,
      site,
      range.from,
      range.to,
      { audience: q.audience, cluster: q.cluster, type: q.type, q: q.q || undefined },
      c.var.lang,
    );
    return c.json({ items: rows.map(toEventSummary) } satisfies EventList);
  })
  .get('/:id', publicCache(30), param(EventId), async (c) => {
    const { id } = c.req.valid('param');
    const site = c.get('site');
    const db = c.var.db;
    const [row, publisher] = await Promise.all([oneEvent(db, site, id, c.var.lang), publisherOf(db, site)]);
    return c.json(toEventDetail(row, publisher.organizer, linkFor(c, publisher)(row.id)) satisfies EventDetail);
  })
  .get('/:id/ics', publicCache(300), param(EventId), async (c) => {
    const { id } = c.req.valid('param');
    const site = c.get('site');
    const db = c.var.db;
    const [row, publisher] = await Promise.all([oneEvent(db, site, id, c.var.lang), publisherOf(db, site)]);
    const body = buildCalendar({
      prodId: '-//Open WBL//Events 1.0//EN',
      name: row.title,
      timeZone: row.timeZone,
      events: [toIcsEvent(row, { url: linkFor(c, publisher)(row.id), organizer: publisher.organizer, lang: c.var.lang })],
    });
    return c.body(body, 200, { 'Content-Type': ICS, 'Content-Disposition': `attachment; filename="${row.id}.ics"` });
  })
  .post('/:id/rsvps', param(EventId), json(RsvpRequest), async (c) => {
    const { id } = c.req.valid('param');
    const site = c.get('site');
    const body = c.req.valid('json');
    const key = requireIdempotencyKey(c.req.header('Idempotency-Key'));
    const { formToken: _token, ...request } = body;
    // The token is left out of the hash: a retry after a reload carries a fresh token, and must
    // still get the first answer (and its cancel token) rather than a refusal or a second RSVP.
    const hash = await requestHash([`POST /events/${id}/rsvps`, JSON.stringify(request)]);
    const db = c.var.db;
    const secret = appSecret(c.env);
    const first = await replay(db, site.id, key, hash);
    if (first) return c.json(await withCancelToken(secret, site.id, key, first.body as StoredReceipt), first.status as 201);

    // Junk is turned away before anything is counted, so a flood of it cannot use up the site's budget.
    if (await isAutomated(secret, body, site.id, 'rsvp')) {
      const junk = newId('rsvp');
      const manageCode = await manageCodeFor(secret, site.id, newCancelToken(), junk);
      return c.json(
        { id: junk, status: 'confirmed', cancelToken: newCancelToken(), waitlistPosition: null, manageCode, seatsLeft: null } satisfies RsvpReceipt,
        201,
      );
    }
    await rateLimit(db, `rsvp:${site.id}:${clientId(c.req.raw.headers)}`, 20, 600);
    await rateLimit(db, `rsvp:${site.id}`, 2000, 3600);

    const closed = (status: string) =>
      new ProblemError(
        'conflict',
        status === 'cancelled'
          ? { title: 'This event was cancelled', detail: 'Reservations are closed because the event was cancelled. Look for other events on the calendar.' }
          : { title: 'This event has already started', detail: 'Reservations close when an event begins.' },
      );
    const event = await storedEvent(db, site, id);
    const now = isoInstant(Date.now());
    if (event.status !== 'scheduled' || event.startsAt <= now) throw closed(event.status);
    const offered = offeredInterpretation(event.interpretation);
    if (body.interpretation && !offered.includes(body.interpretation)) {
      throw new ProblemError('validation', {
        errors: [
          {
            path: 'interpretation',
            message: offered.length
              ? `This event offers interpretation in ${offered.map((i) => INTERPRETATION_LABELS[i]).join(' and ')} only`
              : 'This event does not offer interpretation. Call the school if you need it.',
            code: 'not_offered',
          },
        ],
      });
    }

    const rsvpId = newId('rsvp');
    const token = await cancelTokenFor(secret, site.id, key, rsvpId);
    const code = await manageCodeFor(secret, site.id, key, rsvpId);
    // The confirmation, in the language the family used (or the one its address chose), with the
    // link to manage the reservation sealed beside it. An address typed into a public form is
    // sent a few messages a day at most: past that the seats are still reserved, only not mailed.
    const lang = c.var.lang;
    const publisher = await publisherOf(db, site);
    const confirm = await mayMessage(db, site.tenantId, body.email);
    const guestLang = await languageFor(db, site.tenantId, body.email, lang);
    const words = eventWords(publicRow(event, guestLang), guestLang, body.name);
    const confirmation = confirm
      ? [
          rsvpConfirmation(db, {
            rsvpId,
            eventId: id,
            tenantId: site.tenantId,
            confirmed: compose('rsvp.confirmed', guestLang, { ...words, seats: body.partySize }),
            waitlisted: compose('rsvp.waitlisted', guestLang, { ...words, seats: body.partySize, position: WAITLIST_POSITION }),
            // The code goes sealed with the link, so the outbox never holds it in the clear either.
            sealedLink: await seal(
              secret,
              site.tenantId,
              manageLinkText(manageUrl({ origin: new URL(c.req.url).origin, calendarPageUrl: publisher.calendarPageUrl }, token), code, guestLang),
            ),
          }),
        ]
      : [];
    try {
      // The idempotency record goes in first with a placeholder; rsvpReceipt replaces it with
      // the status the insert decided, inside the same transaction. Neither the receipt it keeps
      // nor the RSVP row holds the cancel token (the row keeps its hash): a retry after a lost
      // answer derives the same token again from the key and the RSVP's id.
      await commitOnce(
        db,
        site.id,
        key,
        hash,
        [
          rsvpInsert(db, {
            id: rsvpId,
            name: body.name,
            email: body.email,
            role: body.role,
            partySize: body.partySize,
            grade: body.grade ?? null,
            lang,
            interpretation: body.interpretation ?? null,
            interpretationOther: body.interpretation === 'other' ? (body.interpretationOther ?? null) : null,
            cancelTokenHash: await hashCancelToken(token),
            manageCodeHash: await hashManageCode(secret, site.tenantId, code),
            eventId: id,
            tenantId: site.tenantId,
            now,
          }),
          ...confirmation,
          rsvpReceipt(db, rsvpId, site.id, key),
        ],
        { status: 201, body: null },
      );
    } catch (e) {
      // Nothing was written: the event was cancelled or began between the check and the insert.
      const again = await eventState(db, site, id);
      if (again && (again.status !== 'scheduled' || again.startsAt <= isoInstant(Date.now()))) throw closed(again.status);
      throw e;
    }
    // Read back what the database decided (or what a concurrent retry with this key was told).
    const answer = await replay(db, site.id, key, hash);
    if (!answer?.body) throw new ProblemError('internal');
    return c.json(await withCancelToken(secret, site.id, key, answer.body as StoredReceipt), answer.status as 201);
  });

/** `GET /api/v1/events.ics?key=pk_…`: the whole calendar, for subscriptions. */
export const eventFeed = new Hono<AppEnv>().use(siteKey).get('/', publicCache(300), query(EventFeedQuery), async (c) => {
  const q = c.req.valid('query');
  const site = c.get('site');
  const db = c.var.db;
  const today = localDate(Date.now(), site.timeZone);
  const from = startOfDay(addDays(today, -FEED_PAST_DAYS), site.timeZone);
  const to = startOfDay(addDays(today, FEED_FUTURE_DAYS), site.timeZone);
  const [rows, publisher] = await Promise.all([
    eventsIn(db, site, from, to, { audience: q.audience, cluster: q.cluster, type: q.type }, c.var.lang),
    publisherOf(db, site),
  ]);
  const link = linkFor(c, publisher);
  const body = buildCalendar({
    prodId: '-//Open WBL//Events 1.0//EN',
    name: calendarName(site, Boolean(q.audience || q.cluster || q.type)),
    timeZone: site.timeZone,
    refresh: 'PT1H',
    events: rows.map((r) => toIcsEvent(r, { url: link(r.id), organizer: publisher.organizer, lang: c.var.lang })),
  });
  return c.body(body, 200, { 'Content-Type': ICS });
});

const Token = z.object({
  token: z.string().refine((t) => CANCEL_TOKEN.test(t) || MANAGE_CODE.test(t), 'Use the link from your confirmation or the code beside it'),
});

/** Wrong manage codes one client may try in this window before it must wait: 40-bit codes cannot be walked through. */
const CODE_TRIES = 10;
const CODE_WINDOW_SECONDS = 900;

/**
 * The reservation a cancel token or a typed manage code names on this site's tenant, or 404. A
 * code is counted before it is checked (per client and per site) and given back when it is right,
 * so a family that types its code is never slowed down while guessing is.
 */
async function heldBy(c: { var: { db: Database }; env: AppEnv['Bindings']; req: { raw: Request } }, site: SiteContext, token: string) {
  const db = c.var.db;
  const byCode = MANAGE_CODE.test(token);
  const attempt = byCode
    ? await countAttempt(
        db,
        [
          {
            bucket: `rsvp-code:${site.id}:${clientId(c.req.raw.headers)}`,
            limit: CODE_TRIES,
            title: 'Too many reservation codes tried',
            detail: 'Check the code in your confirmation email and try again in a few minutes, or open the link in that email.',
          },
          { bucket: `rsvp-code:${site.id}`, limit: 2000, title: 'Too many reservation codes tried', detail: 'Please try again in a few minutes.' },
        ],
        CODE_WINDOW_SECONDS,
      )
    : null;
  const match = byCode
    ? eq(rsvpTable.manageCodeHash, await hashManageCode(appSecret(c.env), site.tenantId, token))
    : eq(rsvpTable.cancelTokenHash, await hashCancelToken(token));
  const held = await db
    .select({
      id: rsvpTable.id,
      status: rsvpTable.status,
      eventId: rsvpTable.eventId,
      name: rsvpTable.name,
      email: rsvpTable.email,
      partySize: rsvpTable.partySize,
      lang: rsvpTable.lang,
      interpretation: rsvpTable.interpretation,
      interpretationOther: rsvpTable.interpretationOther,
    })
    .from(rsvpTable)
    .where(and(match, eq(rsvpTable.tenantId, site.tenantId)))
    .get();
  if (!held) {
    throw new ProblemError('notFound', {
      detail: byCode
        ? 'No reservation has that code here. Check it against your confirmation email.'
        : 'No reservation has that cancel link. It may belong to another site.',
    });
  }
  await attempt?.succeeded();
  return held;
}

type Held = Awaited<ReturnType<typeof heldBy>>;

/** The person's own reservation, field by field: never another guest's, and not cached anywhere. */
async function viewOf(db: Database, site: SiteContext, held: Held, lang: Lang): Promise<RsvpView> {
  const [event, position] = await Promise.all([oneEvent(db, site, held.eventId, lang), waitlistPlace(db, held.id)]);
  return {
    id: held.id,
    status: held.status,
    partySize: held.partySize,
    name: held.name,
    interpretation: held.interpretation,
    interpretationOther: held.interpretationOther,
    waitlistPosition: position,
    event: toEventSummary(event),
  };
}

const gone = () =>
  new ProblemError('gone', {
    title: 'This reservation was already cancelled',
    detail: 'Nothing more to do: the seats were given back when it was cancelled.',
  });

/** `GET`, `PATCH` and `DELETE /api/v1/rsvps/:token`: the manage link (or its code) opens, changes and cancels a reservation. */
export const rsvps = new Hono<AppEnv>()
  .use(siteKey)
  .get('/:token', param(Token), async (c) => {
    const { token } = c.req.valid('param');
    const site = c.get('site');
    const held = await heldBy(c, site, token);
    return c.json(await viewOf(c.var.db, site, held, c.var.lang), 200, { 'Cache-Control': 'no-store' });
  })
  .patch('/:token', param(Token), json(RsvpChange), async (c) => {
    const { token } = c.req.valid('param');
    const { partySize } = c.req.valid('json');
    const site = c.get('site');
    const db = c.var.db;
    const held = await heldBy(c, site, token);
    if (held.status === 'cancelled') throw gone();
    if (partySize === held.partySize) return c.json(await viewOf(db, site, held, c.var.lang), 200, { 'Cache-Control': 'no-store' });
    const event = await storedEvent(db, site, held.eventId);
    const now = isoInstant(Date.now());
    if (event.status !== 'scheduled' || event.startsAt <= now) {
      throw new ProblemError('conflict', {
        title: event.status === 'cancelled' ? 'This event was cancelled' : 'This event has already started',
        detail: 'Reservations can no longer be changed.',
      });
    }
    const change = { id: held.id, partySize, eventId: held.eventId, now };
    // Who the new size moves off the waitlist (shrinking a confirmed party), asked about first so
    // their messages can go in the same batch. The person changing is told by the update itself.
    const preview = await promotionPreview(db, held.eventId, now, undefined, change);
    const allowed = await Promise.all(preview.map((r) => mayMessage(db, site.tenantId, r.email)));
    const unmessaged = [held.id, ...preview.filter((_, i) => !allowed[i]).map((r) => r.id)];
    const promoted = inBothLanguages((lang) => compose('rsvp.promoted', lang, eventWords(publicRow(event, lang), lang, GUEST_NAME)));
    const lang = await languageFor(db, site.tenantId, held.email, held.lang);
    const words = eventWords(publicRow(event, lang), lang, held.name);
    const tell = await mayMessage(db, site.tenantId, held.email);
    // One transaction: the new size (only into free seats, decided by the statement itself), the
    // promotions it allows with their messages, the updated confirmation (only when the change
    // took), and a raised SEQUENCE so the guest's calendar takes the new invitation.
    const [resized] = await db.batch([
      rsvpResize(db, change),
      promotionMessages(db, { eventId: held.eventId, now, tenantId: site.tenantId, messages: promoted, unmessaged }),
      promoteWaitlist(db, held.eventId, now),
      raiseSequence(db, change),
      ...(tell
        ? [
            rsvpConfirmation(db, {
              rsvpId: held.id,
              eventId: held.eventId,
              tenantId: site.tenantId,
              confirmed: compose('rsvp.updated', lang, { ...words, seats: partySize, position: null }),
              waitlisted: compose('rsvp.updated', lang, { ...words, seats: partySize, position: WAITLIST_POSITION }),
              sealedLink: null,
              onlyIf: { partySize, updatedAt: now },
            }),
          ]
        : []),
    ]);
    if (!resized.meta.changes) {
      const again = await heldBy(c, site, token);
      if (again.status === 'cancelled') throw gone();
      const view = await viewOf(db, site, again, c.var.lang);
      const most = Math.min(10, (view.event.remaining ?? 0) + (again.status === 'confirmed' ? again.partySize : 0));
      throw new ProblemError('conflict', {
        title: 'Not enough seats',
        detail: `Only ${view.event.remaining ?? 0} more seats are free.`,
        errors: [
          {
            path: 'partySize',
            message:
              most > again.partySize ? `Only ${most} seats are available for your party` : `No more seats are free: your party can stay at ${again.partySize}`,
            code: 'not_enough_seats',
          },
        ],
      });
    }
    return c.json(await viewOf(db, site, await heldBy(c, site, token), c.var.lang), 200, { 'Cache-Control': 'no-store' });
  })
  .delete('/:token', param(Token), async (c) => {
    const { token } = c.req.valid('param');
    const site = c.get('site');
    const db = c.var.db;
    const held = await heldBy(c, site, token);
    if (held.status === 'cancelled') throw gone();
    const event = await storedEvent(db, site, held.eventId);

    const now = isoInstant(Date.now());
    const promoted = inBothLanguages((lang) => compose('rsvp.promoted', lang, eventWords(publicRow(event, lang), lang, GUEST_NAME)));
    // Waitlist addresses were typed into a public form: each is sent a few messages a day at most.
    // Past that a person is still promoted, only not told again today.
    const preview = await promotionPreview(db, held.eventId, now, held.id);
    const allowed = await Promise.all(preview.map((r) => mayMessage(c.var.db, site.tenantId, r.email)));
    const unmessaged = preview.filter((_, i) => !allowed[i]).map((r) => r.id);
    // The person who cancelled is told so, with the calendar file that takes the event off their calendar.
    const lang = await languageFor(db, site.tenantId, held.email, held.lang);
    // The address was typed into a public form too: its cancellation receipt counts toward the day's few.
    const tell = await mayMessage(db, site.tenantId, held.email);
    const stillHeld = sql`${tell ? sql`1` : sql`0`} AND EXISTS (SELECT 1 FROM ${rsvpTable} WHERE ${rsvpTable.id} = ${held.id} AND ${rsvpTable.status} != 'cancelled')`;
    const receipt = outboxRowIf(
      db,
      {
        tenantId: site.tenantId,
        recipient: held.email,
        ...compose('rsvp.cancelled', lang, { ...eventWords(publicRow(event, lang), lang, held.name), seats: held.partySize }),
        relatedId: held.id,
        data: { ics: { eventId: held.eventId, rsvpId: held.id, method: 'CANCEL' } },
      },
      stillHeld,
    );
    // One transaction: the receipt (only while the RSVP still stands, so a concurrent cancellation
    // sends none), the cancellation, the messages to the people promoted, and their promotion. The
    // outbox insert and the update walk the same waitlist on the same state, so they agree.
    const [, cancelled, , promotedRows] = await db.batch([
      receipt,
      db
        .update(rsvpTable)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(rsvpTable.id, held.id), ne(rsvpTable.status, 'cancelled'))),
      promotionMessages(db, { eventId: held.eventId, now, tenantId: site.tenantId, messages: promoted, unmessaged }),
      promoteWaitlist(db, held.eventId, now),
    ]);
    // A concurrent cancellation with the same token got there first.
    if (!cancelled.meta.changes) throw gone();
    const order = promotedRows.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.seq - b.seq));
    return c.json({ id: held.id, status: 'cancelled', promoted: order.map((r) => r.id) } satisfies RsvpCancellation, 200, { 'Cache-Control': 'no-store' });
  });
