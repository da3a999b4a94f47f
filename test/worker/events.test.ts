import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import * as z from 'zod/mini';
import { EventDetail, EventList, RsvpCancellation, RsvpReceipt, RsvpRequest, type EventSummary } from '../../schema/api/events.js';
import { DEMO, sqlValue } from '../../demo/seed/index.js';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { addDays, localDate } from '../../worker/lib/zones.js';
import { api, BASE, expectProblem, formToken, getJson } from './helpers.js';

const R = DEMO.riverside;
const L = DEMO.lakeside;
const E = R.events;
const sql = (text: string): any[] => query(process.env.WBL_PERSIST_TO, text);
/**
 * Every UID's domain: fixed, so an event keeps its UID whatever address the feed was fetched
 * through (wrangler dev rewrites Host, so the tests pin the domain rather than vary the address).
 */
const HOST = 'openwbl.org';

// ---------------------------------------------------------------------------------------------
// Throw-away events for everything that writes, so the seeded events the calendar's end-to-end
// tests rely on keep their seats. They sit ~300 days out: in the feed, outside the default list.

const RUN = randomUUID().replace(/-/g, '').slice(0, 10);
const T = {
  race: `evt_test_race_${RUN}`,
  promote: `evt_test_promote_${RUN}`,
  open: `evt_test_open_${RUN}`,
  idem: `evt_test_idem_${RUN}`,
  past: `evt_test_past_${RUN}`,
  cancelled: `evt_test_cancelled_${RUN}`,
  text: `evt_test_text_${RUN}`,
  limit: `evt_test_limit_${RUN}`,
};
const FAR = Date.now() + 300 * 86_400_000;
const TRICKY_TITLE = 'Robotics, Coding; and \\ back-slashes';
const TRICKY_DESCRIPTION = `Line one.\nLine two, with commas; semicolons and a back\\slash.\n${'Ingeniería y diseño — 工程 🎉 '.repeat(12)}`;

function eventInsert(id: string, over: Record<string, string | number | boolean | null | string[]> = {}, tenantId: string = R.tenantId): string {
  const row: Record<string, string | number | boolean | null | string[]> = {
    id,
    tenant_id: tenantId,
    type: 'workshop',
    title: `Test event ${id}`,
    description: 'A throw-away event made by the API tests.',
    starts_at: new Date(FAR).toISOString(),
    ends_at: new Date(FAR + 2 * 3_600_000).toISOString(),
    all_day: false,
    time_zone: 'America/Los_Angeles',
    location_name: 'Riverside High School, Library',
    address: '4020 Arlington Avenue',
    city: 'Riverside',
    state: 'CA',
    postal_code: '92506',
    lat: 33.9387,
    lng: -117.3986,
    audiences: ['students'],
    clusters: ['digital_technology'],
    capacity: null,
    registration_required: true,
    status: 'scheduled',
    sequence: 0,
    ...over,
  };
  return `INSERT INTO events (${Object.keys(row).join(', ')}) VALUES (${Object.values(row)
    .map((v) => sqlValue(v))
    .join(', ')});`;
}

/** Each request comes from its own client address (198.18.0.0/15), fresh per run, so rate limits stay per test. */
let ip = Math.floor(Math.random() * 120_000);
const nextClient = () => {
  ip = (ip + 1) % 131_072;
  return `198.${18 + (ip >> 16)}.${(ip >> 8) & 255}.${ip & 255}`;
};
const person = (n: number | string, over: Record<string, unknown> = {}) => ({
  name: `Test Person ${n}`,
  email: `person.${n}.${RUN}@example.com`,
  role: 'family',
  partySize: 1,
  consent: true,
  ...over,
});

/** Posts an RSVP; an object body without a `formToken` gets one, as the widget's form would send. */
async function rsvp(eventId: string, body: unknown, opts: { key?: string | null; client?: string; site?: string; raw?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = { 'Content-Type': opts.contentType ?? 'application/json', 'CF-Connecting-IP': opts.client ?? nextClient() };
  if (opts.key !== null) headers['Idempotency-Key'] = opts.key ?? randomUUID();
  const site = opts.site ?? R.key;
  const withToken = body && typeof body === 'object' && !('formToken' in body) ? { ...body, formToken: await formToken('rsvp', site) } : body;
  return api(`/events/${eventId}/rsvps`, { method: 'POST', key: site, headers, body: opts.raw ?? JSON.stringify(withToken) });
}

async function receipt(eventId: string, body: unknown, opts: Parameters<typeof rsvp>[2] = {}): Promise<RsvpReceipt> {
  const res = await rsvp(eventId, body, opts);
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return RsvpReceipt.parse(JSON.parse(text));
}

/** The feed as a calendar app asks for it: the key in the query string, no headers of ours. */
const feed = (q: Record<string, string> = {}, headers: Record<string, string> = {}, site: string = R.key) =>
  api('/events.ics', { key: null, query: { key: site, ...q }, headers });
const cancel = (token: string, site: string = R.key) => api(`/rsvps/${token}`, { method: 'DELETE', key: site });
const detail = (id: string, site: string = R.key) => getJson<EventDetail>(`/events/${id}`, { key: site });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Today in Riverside, as the Worker reads dates. */
const today = () => localDate(Date.now(), 'America/Los_Angeles');

let upcoming: EventSummary[] = [];
const details = new Map<string, EventDetail>();

before(async () => {
  sql(
    [
      eventInsert(T.race, { capacity: 5 }),
      eventInsert(T.promote, { capacity: 6 }),
      eventInsert(T.open, { capacity: null }),
      eventInsert(T.idem, { capacity: 50 }),
      eventInsert(T.limit, { capacity: null }),
      eventInsert(T.past, {
        starts_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        ends_at: new Date(Date.now() - 2 * 86_400_000 + 3_600_000).toISOString(),
        capacity: 10,
      }),
      eventInsert(T.cancelled, { status: 'cancelled', sequence: 1, capacity: 10 }),
      eventInsert(T.text, { title: TRICKY_TITLE, description: TRICKY_DESCRIPTION, sequence: 3, clusters: ['digital_technology', 'arts_entertainment_design'] }),
    ].join('\n'),
  );
  upcoming = EventList.parse(await getJson('/events')).items;
  for (const e of upcoming) details.set(e.id, EventDetail.parse(await getJson(`/events/${e.id}`)));
});

// ---------------------------------------------------------------------------------------------

describe('event list', () => {
  it('lists the site tenant’s events from today for 90 days, in start order', () => {
    const ids = upcoming.map((e) => e.id);
    assert.equal(ids.length, E.upcomingCount);
    assert.ok(ids.length >= 20, 'at least 20 Riverside events');
    assert.deepEqual([...ids].sort(), E.ids.filter((id) => id !== E.pastId).sort());
    for (const id of L.events.ids) assert.ok(!ids.includes(id), `${id} belongs to Lakeside`);
    for (const id of Object.values(T)) assert.ok(!ids.includes(id), `${id} is beyond 90 days`);
    const starts = upcoming.map((e) => e.startsAt);
    assert.deepEqual(starts, [...starts].sort(), 'ordered by start');
    for (const e of upcoming) assert.match(e.startsAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('covers every audience, several clusters and every type', () => {
    for (const a of ['students', 'families', 'educators', 'employers'])
      assert.ok(
        upcoming.some((e) => e.audiences.includes(a as never)),
        a,
      );
    assert.ok(new Set(upcoming.flatMap((e) => e.clusters)).size >= 8);
    assert.ok(new Set(upcoming.map((e) => e.type)).size >= 8);
  });

  it('counts seats left from the party sizes of confirmed RSVPs, and the waitlist from waitlisted ones', () => {
    const rows: { event_id: string; confirmed: number; waiting: number }[] = sql(`SELECT event_id,
        sum(CASE WHEN status = 'confirmed' THEN party_size ELSE 0 END) AS confirmed,
        sum(CASE WHEN status = 'waitlisted' THEN party_size ELSE 0 END) AS waiting
      FROM rsvps WHERE tenant_id = 'ten_riverside' GROUP BY event_id`);
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    for (const e of upcoming) {
      const seats = byId.get(e.id);
      assert.equal(e.remaining, e.capacity === null ? null : e.capacity - (seats?.confirmed ?? 0), `${e.id} remaining`);
      assert.equal(e.waitlisted, seats?.waiting ?? 0, `${e.id} waitlisted`);
    }
    const few = upcoming.find((e) => e.id === E.fewSeatsId)!;
    assert.equal(few.remaining, E.fewSeatsRemaining);
    assert.ok(few.remaining! >= 2 && few.remaining! <= 4);
    const full = upcoming.find((e) => e.id === E.fullId)!;
    assert.equal(full.remaining, 0);
    assert.equal(full.waitlisted, E.fullWaitlisted);
    const fair = upcoming.find((e) => e.id === E.careerFairId)!;
    assert.equal(fair.capacity, E.careerFairCapacity);
    assert.equal(fair.type, 'career_fair');
    assert.match(details.get(fair.id)!.jsonLd.startDate as string, /T09:00:00-0[78]:00$/);
    assert.equal(new Date(`${(details.get(fair.id)!.jsonLd.startDate as string).slice(0, 10)}T12:00:00Z`).getUTCDay(), 6, 'the fair is on a Saturday');
  });

  it('shows the seeded demo cases: virtual, family night, all-day, cancelled', () => {
    const byId = new Map(upcoming.map((e) => [e.id, e]));
    assert.equal(byId.get(E.virtualPanelId)!.virtual, true);
    assert.equal(byId.get(E.virtualPanelId)!.location, null);
    assert.equal(byId.get(E.familyNightId)!.type, 'family_night');
    assert.equal(byId.get(E.allDayId)!.allDay, true);
    assert.equal(byId.get(E.cancelledId)!.status, 'cancelled');
    assert.ok(byId.get(E.cancelledId)!.sequence >= 1);
    assert.ok(upcoming.some((e) => details.get(e.id)!.accessibilityNotes));
  });

  it('includes an event that started before the range and is still going', async () => {
    const multi = upcoming.find((e) => e.id === E.multiDayId)!;
    assert.notEqual(multi.startDate, multi.endDate, 'a multi-day event');
    const secondDay = (await getJson('/events', { query: { from: multi.endDate!, to: multi.endDate! } })).items.map((e: EventSummary) => e.id);
    assert.ok(secondDay.includes(E.multiDayId));
    const after = (await getJson('/events', { query: { from: addDays(multi.endDate!, 1), to: addDays(multi.endDate!, 1) } })).items.map(
      (e: EventSummary) => e.id,
    );
    assert.ok(!after.includes(E.multiDayId));
    const past = (await getJson('/events', { query: { from: addDays(today(), -20), to: addDays(today(), -1) } })).items.map((e: EventSummary) => e.id);
    assert.ok(past.includes(E.pastId), 'a past range shows past events');
  });

  it('reads dates in the tenant’s zone, not UTC', async () => {
    // The family night starts at 6 pm in Riverside: already the next day in UTC.
    const night = upcoming.find((e) => e.id === E.familyNightId)!;
    const local = localDate(Date.parse(night.startsAt), 'America/Los_Angeles');
    assert.equal(night.startsAt.slice(0, 10), addDays(local, 1), 'the seed puts it across the UTC date line');
    const onLocalDay = (await getJson('/events', { query: { from: local, to: local } })).items.map((e: EventSummary) => e.id);
    assert.ok(onLocalDay.includes(E.familyNightId));
    const onUtcDay = (await getJson('/events', { query: { from: addDays(local, 1), to: addDays(local, 1) } })).items.map((e: EventSummary) => e.id);
    assert.ok(!onUtcDay.includes(E.familyNightId));
    const instants = (await getJson('/events', { query: { from: night.startsAt, to: new Date(Date.parse(night.startsAt) + 60_000).toISOString() } })).items;
    assert.ok(
      instants.some((e: EventSummary) => e.id === E.familyNightId),
      'instants are taken as they are',
    );
  });

  const filters: [string, Record<string, string | string[]>, (e: EventSummary) => boolean][] = [
    ['an audience', { audience: 'employers' }, (e) => e.audiences.includes('employers')],
    ['two audiences, repeated', { audience: ['educators', 'employers'] }, (e) => e.audiences.some((a) => a === 'educators' || a === 'employers')],
    [
      'two clusters, comma-separated',
      { cluster: 'healthcare_human_services,construction' },
      (e) => e.clusters.some((c) => c === 'healthcare_human_services' || c === 'construction'),
    ],
    ['a type', { type: 'virtual_panel' }, (e) => e.type === 'virtual_panel'],
    [
      'a type and an audience together',
      { type: ['industry_tour', 'workshop'], audience: 'students' },
      (e) => ['industry_tour', 'workshop'].includes(e.type) && e.audiences.includes('students'),
    ],
    ['a word in titles', { q: 'tour' }, (e) => /tour/i.test(e.title) || /tour/i.test(details.get(e.id)!.description)],
    ['a word only in descriptions', { q: 'CPR' }, (e) => /cpr/i.test(e.title) || /cpr/i.test(details.get(e.id)!.description)],
  ];
  for (const [name, q, keep] of filters) {
    it(`filters by ${name}`, async () => {
      const { items } = EventList.parse(await getJson('/events', { query: q }));
      const expected = upcoming.filter(keep).map((e) => e.id);
      assert.ok(expected.length > 0 && expected.length < upcoming.length, `the seed has data for ${JSON.stringify(q)}`);
      assert.deepEqual(
        items.map((e) => e.id),
        expected,
      );
    });
  }

  it('searches for % and _ as characters, not wildcards', async () => {
    assert.deepEqual((await getJson('/events', { query: { q: '%' } })).items, []);
    assert.deepEqual((await getJson('/events', { query: { q: '_' } })).items, []);
  });

  it('refuses bad ranges and unknown filter values with field errors', async () => {
    const check = async (q: Record<string, string>, path: string) => {
      const body = await expectProblem(await api('/events', { query: q }), 400);
      assert.ok(
        body.errors?.some((e) => e.path === path),
        `${JSON.stringify(q)} → ${JSON.stringify(body.errors)}`,
      );
    };
    await check({ from: '2027-02-30' }, 'from');
    await check({ from: 'tomorrow' }, 'from');
    await check({ from: '2027-03-10', to: '2027-03-01' }, 'to');
    await check({ from: '2027-01-01', to: '2028-03-01' }, 'to');
    await check({ audience: 'aliens' }, 'audience.0');
    await check({ cluster: 'astronautics' }, 'cluster.0');
    await check({ type: 'rave' }, 'type.0');
    await check({ q: 'x'.repeat(201) }, 'q');
    await check({ colour: 'blue' }, 'colour');
  });

  it('asks for a site key, and answers 304 to a matching If-None-Match', async () => {
    await expectProblem(await api('/events', { key: null }), 401);
    const first = await api('/events', { query: { type: 'workshop' } });
    const etag = first.headers.get('etag');
    assert.ok(etag);
    assert.match(first.headers.get('cache-control') ?? '', /public, max-age=\d+/);
    assert.equal((await api('/events', { query: { type: 'workshop' }, headers: { 'If-None-Match': etag } })).status, 304);
    assert.equal((await api('/events', { query: { type: 'career_fair' }, headers: { 'If-None-Match': etag } })).status, 200);
  });
});

describe('event detail and JSON-LD', () => {
  it('answers in the viewer’s language: Spanish title, description and notes where written, English where not', async () => {
    const es = EventList.parse(await getJson('/events', { query: { lang: 'es' } })).items;
    const night = es.find((e) => e.id === E.familyNightId)!;
    assert.match(night.title, /^Noche familiar: /);
    assert.deepEqual(night.interpretation, ['es', 'asl']);
    assert.equal(es.find((e) => e.id === E.fewSeatsId)!.title, details.get(E.fewSeatsId)!.title, 'no Spanish written: English');
    assert.deepEqual(
      es.map((e) => e.id),
      upcoming.map((e) => e.id),
      'the same events',
    );
    const res = await api(`/events/${E.familyNightId}`, { headers: { 'Accept-Language': 'es-US,es;q=0.9' } });
    assert.equal(res.headers.get('content-language'), 'es');
    const d = EventDetail.parse(await res.json());
    assert.equal(d.title, night.title);
    assert.match(d.description, /aprendizaje basado en el trabajo/);
    assert.match(d.accessibilityNotes ?? '', /^Entrada sin escalones/);
    assert.equal((d.jsonLd as Record<string, unknown>).name, night.title);
    const en = details.get(E.familyNightId)!;
    assert.match(en.title, /^Family Night: /);
    assert.deepEqual(en.interpretation, ['es', 'asl']);
    const ics = await (await api(`/events/${E.familyNightId}/ics`, { query: { lang: 'es' } })).text();
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    assert.equal(vevent.getFirstPropertyValue('summary'), night.title);
    assert.match(String(vevent.getFirstPropertyValue('description')), /Accesibilidad: Entrada sin escalones/);
    const feedEs = parseCalendar(await (await feed({ lang: 'es' })).text());
    assert.equal(feedEs.events.get(`${E.familyNightId}@${HOST}`)!.summary, night.title);
  });

  it('describes an in-person event as a schema.org Event with a Place and an organiser', () => {
    const fair = details.get(E.careerFairId)!;
    const ld = fair.jsonLd as Record<string, any>;
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'Event');
    assert.equal(ld.name, fair.title);
    assert.equal(ld.description, fair.description);
    assert.equal(Date.parse(ld.startDate), Date.parse(fair.startsAt), 'startDate is the same instant');
    assert.equal(Date.parse(ld.endDate), Date.parse(fair.endsAt));
    assert.match(ld.startDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[78]:00$/, 'with the Los Angeles offset');
    assert.equal(ld.eventStatus, 'https://schema.org/EventScheduled');
    assert.equal(ld.eventAttendanceMode, 'https://schema.org/OfflineEventAttendanceMode');
    assert.equal(ld.location['@type'], 'Place');
    assert.equal(ld.location.address['@type'], 'PostalAddress');
    assert.equal(ld.location.address.streetAddress, '4020 Arlington Avenue');
    assert.equal(ld.location.address.addressLocality, 'Riverside');
    assert.equal(ld.location.address.addressRegion, 'CA');
    assert.equal(ld.location.address.postalCode, '92506');
    assert.deepEqual(ld.organizer, { '@type': 'Organization', name: 'Riverside Unified School District', url: 'https://riverside-usd.example' });
    assert.equal(ld.url, fair.url);
    assert.equal(ld.maximumAttendeeCapacity, 120);
    assert.equal(ld.remainingAttendeeCapacity, fair.remaining);
    assert.equal(ld.offers.availability, 'https://schema.org/InStock');
    assert.ok(fair.url.startsWith(`${BASE}/api/v1/events/${fair.id}`));
  });

  it('marks virtual, hybrid, cancelled, full and all-day events as schema.org expects', () => {
    const panel = details.get(E.virtualPanelId)!.jsonLd as Record<string, any>;
    assert.equal(panel.eventAttendanceMode, 'https://schema.org/OnlineEventAttendanceMode');
    assert.deepEqual(panel.location, { '@type': 'VirtualLocation', url: details.get(E.virtualPanelId)!.virtualUrl });
    assert.equal('maximumAttendeeCapacity' in panel, false, 'no capacity where there is no limit');
    const hybrid = details.get(E.hybridId)!.jsonLd as Record<string, any>;
    assert.equal(hybrid.eventAttendanceMode, 'https://schema.org/MixedEventAttendanceMode');
    assert.deepEqual(
      hybrid.location.map((l: { '@type': string }) => l['@type']),
      ['Place', 'VirtualLocation'],
    );
    assert.equal((details.get(E.cancelledId)!.jsonLd as Record<string, any>).eventStatus, 'https://schema.org/EventCancelled');
    assert.equal((details.get(E.fullId)!.jsonLd as Record<string, any>).offers.availability, 'https://schema.org/SoldOut');
    const day = details.get(E.allDayId)!;
    assert.equal((day.jsonLd as Record<string, any>).startDate, day.startDate);
    assert.match(day.startDate!, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(day.startDate, day.endDate);
    const multi = details.get(E.multiDayId)!;
    assert.equal((multi.jsonLd as Record<string, any>).endDate, addDays(multi.startDate!, 1), 'the last day, not the day after');
  });

  it('renders Chicago events across DST changes with the right offsets', async () => {
    const overnight = await detail(L.events.springOvernightId, L.key);
    assert.equal((Date.parse(overnight.endsAt) - Date.parse(overnight.startsAt)) / 3_600_000, 13, '7 pm to 9 am loses an hour');
    assert.match(overnight.jsonLd.startDate as string, /T19:00:00-06:00$/);
    assert.match(overnight.jsonLd.endDate as string, /T09:00:00-05:00$/);
    const spring = await detail(L.events.springDayId, L.key);
    assert.equal((spring.jsonLd.startDate as string).slice(0, 10), addDays((overnight.jsonLd.startDate as string).slice(0, 10), 1));
    const fall = await detail(L.events.fallDayId, L.key);
    assert.match(fall.jsonLd.startDate as string, /T11:00:00-06:00$/);
    const allDay = await detail(L.events.fallAllDayId, L.key);
    assert.equal(allDay.startDate, (fall.jsonLd.startDate as string).slice(0, 10), 'on the day the clocks fall back');
    assert.equal(allDay.endDate, allDay.startDate);
    assert.equal((Date.parse(allDay.endsAt) - Date.parse(allDay.startsAt)) / 3_600_000, 25, 'that day has 25 hours');
  });

  it('answers 404 for another tenant’s event and for ids that cannot exist', async () => {
    for (const path of [
      `/events/${L.events.fallDayId}`,
      `/events/${L.events.fallDayId}/ics`,
      '/events/evt_nope_nope',
      '/events/not-an-id',
      "/events/evt_x'--",
    ]) {
      await expectProblem(await api(path), 404);
    }
    await expectProblem(await rsvp(L.events.fallDayId, person('foreign')), 404);
    const lakeside = (await getJson('/events', { key: L.key, query: { from: addDays(today(), -30), to: addDays(today(), 369) } })).items.map(
      (e: EventSummary) => e.id,
    );
    assert.deepEqual([...lakeside].sort(), [...L.events.ids].sort());
  });

  it('never shows RSVP names or emails in public answers', async () => {
    const people: { name: string; email: string }[] = sql(
      `SELECT name, email FROM rsvps WHERE event_id IN ('${E.fullId}', '${E.fewSeatsId}', '${E.careerFairId}')`,
    );
    assert.ok(people.length > 10);
    const texts = [
      await (await api('/events')).text(),
      await (await api(`/events/${E.fullId}`)).text(),
      await (await api(`/events/${E.fullId}/ics`)).text(),
      await (await feed()).text(),
    ];
    for (const text of texts) {
      assert.doesNotMatch(text, /cancel_?token|"email"/i);
      for (const p of people) assert.ok(!text.includes(p.email) && !text.includes(p.name), `${p.email} stays private`);
    }
  });
});

describe('RSVP', () => {
  it('confirms a seat, stores only the cancel token’s hash, and counts the party', async () => {
    const before = await detail(T.idem);
    const r = await receipt(T.idem, person('first', { partySize: 3, role: 'student', grade: 11 }));
    assert.equal(r.status, 'confirmed');
    assert.equal(r.waitlistPosition, null);
    assert.match(r.cancelToken, /^[A-Za-z0-9_-]{43}$/, '256 bits, base64url');
    assert.match(r.id, /^rsvp_/);
    const [row] = sql(`SELECT * FROM rsvps WHERE id = '${r.id}'`);
    assert.equal(row.cancel_token_hash, sha256(r.cancelToken));
    assert.ok(!JSON.stringify(row).includes(r.cancelToken), 'the token itself is not stored with the RSVP');
    assert.equal(row.party_size, 3);
    assert.equal(row.grade, 11);
    assert.equal(row.tenant_id, R.tenantId);
    const after = await detail(T.idem);
    assert.equal(after.remaining, before.remaining! - 3);
  });

  it('answers a retry with the first answer and keeps one row; a different body under the key is refused', async () => {
    const key = randomUUID();
    const body = person('retry', { partySize: 2 });
    const first = await receipt(T.idem, body, { key });
    const again = await receipt(T.idem, body, { key });
    assert.deepEqual(again, first);
    assert.equal(sql(`SELECT count(*) AS n FROM rsvps WHERE email = '${body.email}'`)[0].n, 1);
    const other = await expectProblem(await rsvp(T.idem, { ...body, partySize: 4 }, { key }), 422);
    assert.match(other.title, /different request/);
    const keyless = await expectProblem(await rsvp(T.idem, person('keyless'), { key: null }), 400);
    assert.equal(keyless.errors?.[0]?.path, 'Idempotency-Key');
  });

  it('creates exactly one RSVP from 12 concurrent retries with one key', async () => {
    const key = randomUUID();
    const body = person('same-key');
    const client = nextClient();
    const answers = await Promise.all(Array.from({ length: 12 }, () => rsvp(T.idem, body, { key, client })));
    const bodies = await Promise.all(answers.map((r) => r.json()));
    assert.deepEqual(
      answers.map((r) => r.status),
      Array(12).fill(201),
    );
    assert.equal(new Set(bodies.map((b) => b.id)).size, 1);
    assert.equal(new Set(bodies.map((b) => b.cancelToken)).size, 1);
    assert.equal(sql(`SELECT count(*) AS n FROM rsvps WHERE email = '${body.email}'`)[0].n, 1);
  });

  it('confirms exactly 5 of 30 simultaneous RSVPs for the last 5 seats and waitlists the rest in order', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => rsvp(T.race, person(`race-${i}`))));
    const texts = await Promise.all(answers.map((r) => r.text()));
    assert.deepEqual(
      answers.map((r) => r.status),
      Array(30).fill(201),
      texts.find((t) => !t.includes('"status":"')),
    );
    const receipts = texts.map((t) => RsvpReceipt.parse(JSON.parse(t)));
    assert.equal(receipts.filter((r) => r.status === 'confirmed').length, 5);
    const waiting = receipts.filter((r) => r.status === 'waitlisted');
    assert.equal(waiting.length, 25);
    assert.deepEqual(
      waiting.map((r) => r.waitlistPosition).sort((a, b) => a! - b!),
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    const [seats] = sql(`SELECT sum(party_size) AS n FROM rsvps WHERE event_id = '${T.race}' AND status = 'confirmed'`);
    assert.equal(seats.n, 5, 'never overbooked');
    const d = await detail(T.race);
    assert.equal(d.remaining, 0);
    assert.equal(d.waitlisted, 25);
  });

  it('waitlists a party larger than the seats left, even when some seats are free', async () => {
    const small = await receipt(T.promote, person('big-first', { partySize: 5 }));
    assert.equal(small.status, 'confirmed');
    const big = await receipt(T.promote, person('too-big', { partySize: 2 }));
    assert.equal(big.status, 'waitlisted');
    assert.equal(big.waitlistPosition, 1);
    const one = await receipt(T.promote, person('fits', { partySize: 1 }));
    assert.equal(one.status, 'confirmed', 'a party that fits takes the last seat');
    // Leave the event empty for the promotion test.
    for (const r of [small, big, one]) assert.equal((await cancel(r.cancelToken)).status, 200);
  });

  it('refuses cancelled and past events with 409', async () => {
    const c = await expectProblem(await rsvp(T.cancelled, person('late')), 409);
    assert.match(c.title, /cancelled/);
    const p = await expectProblem(await rsvp(T.past, person('later')), 409);
    assert.match(p.title, /started/);
    assert.equal(sql(`SELECT count(*) AS n FROM rsvps WHERE event_id IN ('${T.cancelled}', '${T.past}')`)[0].n, 0);
  });

  it('lists every invalid field, and refuses other media types and broken JSON', async () => {
    const bad = await expectProblem(
      await rsvp(T.open, { name: ' ', email: 'not-an-email', role: 'astronaut', partySize: 11, grade: 3, consent: false, extra: 1 }),
      400,
    );
    assert.deepEqual(bad.errors?.map((e) => e.path).sort(), ['consent', 'email', 'extra', 'grade', 'name', 'partySize', 'role']);
    assert.ok(bad.errors?.every((e) => e.message.length > 5));
    const missing = await expectProblem(await rsvp(T.open, {}), 400);
    assert.deepEqual(missing.errors?.map((e) => e.path).sort(), ['consent', 'email', 'name', 'partySize', 'role']);
    await expectProblem(await rsvp(T.open, null, { raw: 'name=x', contentType: 'application/x-www-form-urlencoded' }), 415);
    const broken = await expectProblem(await rsvp(T.open, null, { raw: '{"name": ' }), 400);
    assert.equal(broken.errors?.[0]?.code, 'invalid_json');
  });

  it('answers a filled honeypot as if all went well, and keeps nothing', async () => {
    const body = person('bot', { nickname: 'http://spam.example' });
    const r = await receipt(T.open, body);
    assert.equal(r.status, 'confirmed');
    assert.equal(sql(`SELECT count(*) AS n FROM rsvps WHERE email = '${body.email}'`)[0].n, 0);
    assert.equal((await cancel(r.cancelToken)).status, 404, 'its token cancels nothing');
  });

  it('limits RSVPs per client', async () => {
    const client = nextClient();
    for (let i = 0; i < 20; i++) assert.equal((await rsvp(T.limit, person(`limit-${i}`), { client })).status, 201);
    const res = await rsvp(T.limit, person('limit-21'), { client });
    await expectProblem(res.clone(), 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    assert.equal((await rsvp(T.limit, person('other-client'))).status, 201, 'other families are not affected');
  });
});

describe('cancellation', () => {
  it('frees the seats and promotes the waitlist in order, letting a smaller party pass one that does not fit', async () => {
    const a = await receipt(T.promote, person('a', { partySize: 4 }));
    const b = await receipt(T.promote, person('b', { partySize: 2 }));
    const w1 = await receipt(T.promote, person('w1', { partySize: 3 }));
    const w2 = await receipt(T.promote, person('w2', { partySize: 2 }));
    const w3 = await receipt(T.promote, person('w3', { partySize: 1 }));
    const w4 = await receipt(T.promote, person('w4', { partySize: 2 }));
    assert.deepEqual(
      [a, b].map((r) => r.status),
      ['confirmed', 'confirmed'],
    );
    assert.deepEqual(
      [w1, w2, w3, w4].map((r) => [r.status, r.waitlistPosition]),
      [
        ['waitlisted', 1],
        ['waitlisted', 2],
        ['waitlisted', 3],
        ['waitlisted', 4],
      ],
    );

    // Four seats free up: w1 (3) fits, w2 (2) no longer does and keeps its place, w3 (1) fits.
    const res = await cancel(a.cancelToken);
    assert.equal(res.status, 200);
    assert.deepEqual(RsvpCancellation.parse(await res.json()), { id: a.id, status: 'cancelled', promoted: [w1.id, w3.id] });
    let d = await detail(T.promote);
    assert.equal(d.remaining, 0);
    assert.equal(d.waitlisted, 4);
    const mail: { recipient: string; subject: string; body: string; related_id: string }[] = sql(
      `SELECT recipient, subject, body, related_id FROM outbox WHERE kind = 'rsvp.promoted' AND related_id IN ('${w1.id}', '${w2.id}', '${w3.id}', '${w4.id}') ORDER BY recipient`,
    );
    assert.deepEqual(mail.map((m) => m.related_id).sort(), [w1.id, w3.id].sort(), 'only the promoted are told');
    assert.equal(mail.find((m) => m.related_id === w1.id)!.recipient, person('w1').email);
    for (const m of mail) {
      assert.match(m.subject, /^You have a seat at Test event/);
      assert.match(m.body, /^Good news, Test Person w[13]: a seat opened up/);
    }

    // Two more: w2, first in line, now fits; w4 does not.
    const second = RsvpCancellation.parse(await (await cancel(b.cancelToken)).json());
    assert.deepEqual(second.promoted, [w2.id]);
    d = await detail(T.promote);
    assert.equal(d.remaining, 0);
    assert.equal(d.waitlisted, 2);

    // A waitlisted party leaving frees no seats.
    assert.deepEqual(RsvpCancellation.parse(await (await cancel(w4.cancelToken)).json()).promoted, []);
    assert.equal((await detail(T.promote)).waitlisted, 0);
    const statuses = sql(`SELECT id, status FROM rsvps WHERE id IN ('${a.id}', '${b.id}', '${w1.id}', '${w2.id}', '${w3.id}', '${w4.id}')`);
    assert.deepEqual(Object.fromEntries(statuses.map((r: { id: string; status: string }) => [r.id, r.status])), {
      [a.id]: 'cancelled',
      [b.id]: 'cancelled',
      [w1.id]: 'confirmed',
      [w2.id]: 'confirmed',
      [w3.id]: 'confirmed',
      [w4.id]: 'cancelled',
    });
  });

  it('answers 410 to a second cancellation, and 404 to unknown or foreign tokens', async () => {
    const r = await receipt(T.open, person('twice'));
    await expectProblem(await cancel(r.cancelToken, L.key), 404);
    assert.equal((await cancel(r.cancelToken)).status, 200);
    const again = await expectProblem(await cancel(r.cancelToken), 410);
    assert.match(again.title, /already cancelled/);
    await expectProblem(await cancel('A'.repeat(43)), 404);
    await expectProblem(await cancel('not-a-token'), 404);
    await expectProblem(await api(`/rsvps/${'A'.repeat(43)}`, { method: 'DELETE', key: null }), 401);
  });

  it('settles five simultaneous cancellations with one token in the database: one 200, four 410', async () => {
    const r = await receipt(T.open, person('race-cancel'));
    const answers = await Promise.all(Array.from({ length: 5 }, () => cancel(r.cancelToken)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 410, 410, 410, 410]);
  });
});

// ---------------------------------------------------------------------------------------------

type ParsedEvent = InstanceType<typeof ICAL.Event>;

function parseCalendar(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = new Map<string, ParsedEvent>(cal.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), new ICAL.Event(v)]));
  return { cal, events };
}

/** The physical lines as octets: folding is defined in octets, so it is checked in octets. */
function physicalLines(text: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
      i++;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

describe('iCalendar', () => {
  let feedText = '';
  let feedRes: Response;

  before(async () => {
    feedRes = await feed();
    feedText = await feedRes.clone().text();
  });

  it('serves the feed as text/calendar with CRLF lines folded at 75 octets', () => {
    assert.equal(feedRes.status, 200);
    assert.equal(feedRes.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.ok(feedText.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:'));
    assert.ok(feedText.endsWith('END:VCALENDAR\r\n'));
    assert.equal(/[^\r]\n/.test(feedText), false, 'every line ends in CRLF');
    const strict = new TextDecoder('utf-8', { fatal: true });
    const lines = physicalLines(feedText);
    for (const line of lines) {
      assert.ok(line.length <= 75, `a ${line.length}-octet line: ${new TextDecoder().decode(line)}`);
      assert.doesNotThrow(() => strict.decode(line), 'no UTF-8 sequence split across lines');
    }
    assert.ok(
      lines.some((l) => l[0] === 0x20),
      'long lines are folded with a leading space',
    );
    for (const p of ['CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Riverside Unified School District', 'BEGIN:VTIMEZONE', 'TZID:America/Los_Angeles']) {
      assert.ok(feedText.includes(`\r\n${p}`), p);
    }
  });

  it('parses with ical.js: every Riverside event, at the instants the API gives, with UID, status and sequence', async () => {
    const { events } = parseCalendar(feedText);
    const past = await detail(E.pastId);
    for (const e of [...upcoming, past]) {
      const ev = events.get(`${e.id}@${HOST}`);
      assert.ok(ev, `${e.id} is in the feed`);
      assert.equal(ev.summary, e.status === 'cancelled' ? `Cancelled: ${e.title}` : e.title);
      assert.equal(ev.sequence, e.sequence);
      assert.equal(ev.component.getFirstPropertyValue('status'), e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
      assert.ok(ev.component.getFirstPropertyValue('dtstamp'), 'DTSTAMP');
      assert.equal(String(ev.component.getFirstPropertyValue('url')), `${BASE}/api/v1/events/${e.id}?key=${R.key}`);
      if (e.allDay) {
        assert.equal(ev.startDate.isDate, true, `${e.id} is all-day`);
        assert.equal(ev.startDate.toString(), e.startDate);
        assert.equal(ev.endDate.toString(), addDays(e.endDate!, 1), 'DTEND is the day after the last day');
      } else {
        assert.equal(ev.startDate.toJSDate().toISOString(), e.startsAt, `${e.id} starts at the same instant`);
        assert.equal(ev.endDate.toJSDate().toISOString(), e.endsAt);
      }
    }
    const cancelled = events.get(`${E.cancelledId}@${HOST}`)!;
    assert.equal(cancelled.component.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(cancelled.sequence, E.cancelledSequence);
    const fair = events.get(`${E.careerFairId}@${HOST}`)!;
    assert.equal(fair.location, 'Riverside High School, Gymnasium, 4020 Arlington Avenue, Riverside, CA 92506');
    assert.deepEqual(fair.component.getFirstPropertyValue('geo'), [33.9387, -117.3986]);
    assert.ok(String(fair.component.getFirstProperty('categories')!.getValues()).includes('Career fair'));
    for (const id of L.events.ids) assert.ok(!events.has(`${id}@${HOST}`), `${id} is Lakeside’s`);
  });

  it('parses the Lakeside feed across both DST changes to the API’s instants', async () => {
    const text = await (await feed({}, {}, L.key)).text();
    assert.ok(text.includes('\r\nTZID:America/Chicago\r\n'));
    assert.ok(text.includes('\r\nBEGIN:DAYLIGHT\r\n') && text.includes('\r\nBEGIN:STANDARD\r\n'));
    const { events } = parseCalendar(text);
    for (const id of L.events.ids) {
      const e = await detail(id, L.key);
      const ev = events.get(`${id}@${HOST}`)!;
      assert.ok(ev, id);
      if (e.allDay) {
        assert.equal(ev.startDate.toString(), e.startDate);
        assert.equal(ev.endDate.toString(), addDays(e.endDate!, 1));
      } else {
        assert.equal(ev.startDate.toJSDate().toISOString(), e.startsAt, `${id} start`);
        assert.equal(ev.endDate.toJSDate().toISOString(), e.endsAt, `${id} end`);
      }
    }
    const overnight = events.get(`${L.events.springOvernightId}@${HOST}`)!;
    assert.equal((overnight.endDate.toJSDate().getTime() - overnight.startDate.toJSDate().getTime()) / 3_600_000, 13);
    assert.equal(overnight.startDate.zone?.tzid, 'America/Chicago', 'written in the event’s zone');
  });

  it('escapes TEXT and folds long UTF-8 descriptions so they parse back exactly', () => {
    const raw = feedText.replace(/\r\n /g, '');
    assert.ok(raw.includes('\r\nSUMMARY:Robotics\\, Coding\\; and \\\\ back-slashes\r\n'), 'comma, semicolon and backslash escaped');
    assert.ok(raw.includes('Line one.\\nLine two\\, with commas\\; semicolons and a back\\\\slash.\\n'), 'newlines as \\n');
    const { events } = parseCalendar(feedText);
    const ev = events.get(`${T.text}@${HOST}`)!;
    assert.equal(ev.summary, TRICKY_TITLE);
    assert.ok(ev.description.startsWith(TRICKY_DESCRIPTION), 'the description round-trips');
    assert.equal(ev.sequence, 3);
    assert.deepEqual(ev.component.getFirstProperty('categories')!.getValues(), ['Workshop', 'Digital Technology', 'Arts, Entertainment & Design']);
  });

  it('keeps a stable UID and raises SEQUENCE when an event changes, which changes the ETag', async () => {
    const etag = feedRes.headers.get('etag');
    assert.ok(etag);
    assert.match(feedRes.headers.get('cache-control') ?? '', /public, max-age=\d+/);
    assert.equal((await feed({}, { 'If-None-Match': etag })).status, 304);
    sql(`UPDATE events SET title = 'Robotics night (moved)', sequence = sequence + 1, updated_at = '${new Date().toISOString()}' WHERE id = '${T.text}'`);
    const res = await feed({}, { 'If-None-Match': etag });
    assert.equal(res.status, 200);
    assert.notEqual(res.headers.get('etag'), etag);
    const ev = parseCalendar(await res.text()).events.get(`${T.text}@${HOST}`)!;
    assert.equal(ev.summary, 'Robotics night (moved)');
    assert.equal(ev.sequence, 4);
  });

  it('serves one event as a download that parses and matches the feed', async () => {
    const res = await api(`/events/${E.familyNightId}/ics`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="evt_riv_family_night\.ics"$/);
    const text = await res.text();
    const { cal, events } = parseCalendar(text);
    assert.equal(events.size, 1);
    const ev = events.get(`${E.familyNightId}@${HOST}`)!;
    const night = upcoming.find((e) => e.id === E.familyNightId)!;
    assert.equal(ev.startDate.toJSDate().toISOString(), night.startsAt);
    assert.equal(cal.getFirstPropertyValue('method'), 'PUBLISH');
    assert.ok(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/.test(text), 'DTSTAMP in UTC');
    assert.ok(/\r\nLAST-MODIFIED:\d{8}T\d{6}Z\r\n/.test(text));
    // Cancelled events download as cancelled too.
    const cancelled = await (await api(`/events/${E.cancelledId}/ics`)).text();
    assert.ok(cancelled.includes('\r\nSTATUS:CANCELLED\r\n') && cancelled.includes(`\r\nSEQUENCE:${E.cancelledSequence}\r\n`));
  });

  it('filters the feed by cluster, audience and type, and refuses unknown values', async () => {
    const uids = async (q: Record<string, string>) => [...parseCalendar(await (await feed(q)).text()).events.keys()].sort();
    const listed = async (q: Record<string, string>) => {
      // The feed spans 430 days; the list answers at most 400 at a time.
      const from = addDays(today(), -30);
      const a = await getJson('/events', { query: { ...q, from, to: addDays(from, 399) } });
      const b = await getJson('/events', { query: { ...q, from: addDays(from, 400), to: addDays(from, 429) } });
      return [...new Set([...a.items, ...b.items].map((e: EventSummary) => `${e.id}@${HOST}`))].sort();
    };
    for (const q of [{ cluster: 'healthcare_human_services' }, { audience: 'families' }, { type: 'industry_tour' }] as Record<string, string>[]) {
      const got = await uids(q);
      assert.ok(got.length > 0);
      assert.deepEqual(got, await listed(q), JSON.stringify(q));
    }
    const all = await uids({});
    assert.ok((await uids({ audience: 'employers' })).length < all.length);
    await expectProblem(await feed({ cluster: 'astronautics' }), 400);
    await expectProblem(await api('/events.ics', { key: null }), 401);
  });
});

describe('events in the OpenAPI document', () => {
  it('documents every events route, and the RSVP example is valid and accepted', async () => {
    const doc = await (await api('/openapi.json', { key: null })).json();
    for (const [path, method] of [
      ['/api/v1/events', 'get'],
      ['/api/v1/events/{id}', 'get'],
      ['/api/v1/events/{id}/rsvps', 'post'],
      ['/api/v1/events/{id}/ics', 'get'],
      ['/api/v1/events.ics', 'get'],
      ['/api/v1/rsvps/{token}', 'get'],
      ['/api/v1/rsvps/{token}', 'patch'],
      ['/api/v1/rsvps/{token}', 'delete'],
    ] as const) {
      assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`);
    }
    const names = doc.paths['/api/v1/events'].get.parameters.map((p: { name: string }) => p.name);
    for (const n of ['from', 'to', 'audience', 'cluster', 'type', 'q']) assert.ok(names.includes(n), n);
    const example = doc.paths['/api/v1/events/{id}/rsvps'].post.requestBody.content['application/json'].example;
    assert.deepEqual(example, (z.globalRegistry.get(RsvpRequest) as { example: unknown }).example);
    assert.equal(RsvpRequest.safeParse(example).success, true);
    const r = await receipt(T.open, { ...(example as object), formToken: await formToken('rsvp') });
    assert.equal(r.status, 'confirmed');
  });
});
