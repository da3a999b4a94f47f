/** Career-awareness events for the calendar's component tests, typed by the shared contract. */
import type { Reservation } from '../../components/event-calendar/state.js';
import type { EventDetail, EventSummary, RsvpReceipt } from '../../schema/api/events.js';
import { json, stubFetch } from './fixtures.js';

/** An event as issue 12's API answers it: with the interpretation it offers (the calendar declares the field until the contract does). */
type Offering = EventSummary;

const GYM = {
  name: 'Riverside High School gym',
  address: '4020 Arlington Avenue',
  city: 'Riverside',
  state: 'CA',
  postalCode: '92506',
  lat: 33.9387,
  lng: -117.3986,
};

/** An event as the list answers it: by default the Spring Career Fair, Saturday March 13, 2027, 9–12 in Riverside. */
export function calendarEvent(id: string, over: Partial<Offering> = {}): EventSummary {
  return {
    id,
    type: 'career_fair',
    title: 'Spring Career Fair',
    startsAt: '2027-03-13T17:00:00.000Z',
    endsAt: '2027-03-13T20:00:00.000Z',
    allDay: false,
    timeZone: 'America/Los_Angeles',
    startDate: null,
    endDate: null,
    status: 'scheduled',
    audiences: ['students', 'families'],
    clusters: ['healthcare_human_services'],
    gradeMin: 9,
    gradeMax: 12,
    location: GYM,
    virtual: false,
    registrationRequired: true,
    interpretation: [],
    capacity: 200,
    remaining: 12,
    waitlisted: 0,
    sequence: 0,
    updatedAt: '2027-01-10T00:00:00.000Z',
    ...over,
  };
}

/** The detail answer for an event: the summary plus description, notes, organizer, link and JSON-LD. */
export function calendarDetail(e: EventSummary, over: Partial<EventDetail> = {}): EventDetail {
  return {
    ...e,
    description: 'Meet more than forty employers from across the Inland Valley: hospitals, builders, software firms and the fire department.',
    virtualUrl: e.virtual ? 'https://meet.example/riverside-panel' : null,
    accessibilityNotes: 'Step-free entrance on Arlington Avenue; Spanish and ASL interpreters on request.',
    organizer: { name: 'Riverside Unified School District', url: 'https://riverside.example' },
    url: `https://riverside.example/events#event=${e.id}`,
    jsonLd: { '@context': 'https://schema.org', '@type': 'Event', name: e.title, startDate: e.startsAt },
    ...over,
  };
}

export const receipt = (over: Partial<RsvpReceipt> = {}): RsvpReceipt => ({
  id: 'rsvp_1',
  status: 'confirmed',
  cancelToken: 'ct_9f2c41d7a8b3e6f0',
  waitlistPosition: null,
  manageCode: 'K7QM-4TXA',
  seatsLeft: null,
  ...over,
});

/** A 43-character base64url token, as the confirmation email's `#rsvp=` link carries it. */
export const RSVP_TOKEN = 'Zk3q9W_xY2mPa8Lr-T5vN0cBd7HsJ4eQ1uKoGiF6tAw';

/** A reservation as `GET /api/v1/rsvps/:token` answers it: by default Lucia's three confirmed seats at `e`. */
export const reservation = (e: EventSummary, over: Partial<Reservation> = {}): Reservation => ({
  id: 'rsvp_1',
  status: 'confirmed',
  partySize: 3,
  name: 'Lucia Rodriguez',
  interpretation: null,
  interpretationOther: null,
  waitlistPosition: null,
  event: e,
  ...over,
});

type Rsvp = (body: Record<string, unknown>, init: RequestInit) => Response | Promise<Response>;

/**
 * A stub of the events API over `events`: the list (filtered by audience, cluster and type like
 * the Worker), each detail, RSVPs (answered by `rsvp`, confirmed by default), reservations by
 * token (from `reservations`) and cancellations.
 */
export function eventsApi(events: EventSummary[], rsvp: Rsvp = () => json(receipt(), 201), reservations: Record<string, Reservation> = {}) {
  return stubFetch(async (url, init) => {
    const path = url.pathname.replace(/^\/api\/v1/, '');
    if (path === '/events') {
      const has = (key: string, values: readonly string[]) =>
        !url.searchParams.get(key) ||
        url.searchParams
          .get(key)!
          .split(',')
          .some((v) => values.includes(v));
      return json({ items: events.filter((e) => has('audience', e.audiences) && has('cluster', e.clusters) && has('type', [e.type])) });
    }
    const rsvps = path.match(/^\/events\/([^/]+)\/rsvps$/);
    if (rsvps) return rsvp(JSON.parse(String(init!.body)) as Record<string, unknown>, init!);
    const one = path.match(/^\/events\/([^/]+)$/);
    const e = one && events.find((x) => x.id === decodeURIComponent(one[1]!));
    if (e) return json(calendarDetail(e));
    if (path.startsWith('/rsvps/') && init?.method === 'DELETE') return json({ id: 'rsvp_1', status: 'cancelled', promoted: [] });
    const held = reservations[path.replace(/^\/rsvps\//, '')];
    if (path.startsWith('/rsvps/') && held) return json(held);
    return json({ type: 'https://openwbl.org/problems/not-found', title: 'Not found', status: 404 }, 404);
  });
}
