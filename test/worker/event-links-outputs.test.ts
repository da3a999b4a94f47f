/**
 * Where an event's links lead, and what its JSON-LD and iCalendar entry leave out, on the real
 * Worker and D1. A site that records the page it embeds the calendar on gets links to that page
 * (`page#event=evt_…`, which the calendar opens); a site without one keeps the API detail link.
 * A venue known only by its name carries no empty PostalAddress, and no output has empty text.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { DEMO } from '../../demo/seed/index.js';
import { eventJsonLd, eventPageUrl } from '../../worker/lib/events.js';
import { addDays, localDate } from '../../worker/lib/zones.js';
import { ADMIN, COORDINATOR, read, uniqueWord, write } from './admin-helpers.js';
import { api, BASE, getJson, ORIGIN } from './helpers.js';

const R = DEMO.riverside;
const E = R.events;
/** The district site's calendar page, as the seed built it on the test Worker's origin. */
const PAGE = `${ORIGIN}${R.districtCalendarPath}`;
const UID_DOMAIN = 'openwbl.org';

const detail = (id: string, key: string) => getJson(`/events/${id}`, { key });
async function ics(path: string, key: string, query: Record<string, string> = {}) {
  const res = await api(path, { key: null, query: { key, ...query } });
  const text = await res.text();
  assert.equal(res.status, 200, text.slice(0, 300));
  return text;
}
function vevents(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return new Map(cal.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), v]));
}

/** Every string anywhere in a JSON value, with its path. */
function strings(value: unknown, path = '$'): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

/** Content lines whose value is empty (`LOCATION:`): RFC 5545 readers disagree on what those mean. */
const emptyProperties = (text: string) =>
  text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l && /^[A-Z-]+(;[^:]*)?:$/.test(l));

describe('event links for a site with a calendar page', () => {
  it('seeds the district site with the demo page that embeds the calendar', async () => {
    const site = await read(ADMIN, '/admin/sites/site_riv_district');
    assert.equal(site.calendarPageUrl, PAGE);
    const page = await (await fetch(new URL(R.districtCalendarPath, BASE))).text();
    assert.match(page, /<wbl-event-calendar\b/, 'the page really embeds the calendar');
  });

  it('points the detail, JSON-LD @id, url and offer url at page#event=<id>', async () => {
    const fair = await detail(E.careerFairId, R.districtKey);
    const want = `${PAGE}#event=${E.careerFairId}`;
    assert.equal(fair.url, want);
    assert.equal(fair.jsonLd.url, want);
    assert.equal(fair.jsonLd['@id'], want);
    assert.equal(fair.jsonLd.offers.url, want);
  });

  it('puts the same link in the .ics URL and description, and keeps the UID', async () => {
    const text = await ics(`/events/${E.careerFairId}/ics`, R.districtKey);
    const ev = vevents(text).get(`${E.careerFairId}@${UID_DOMAIN}`);
    assert.ok(ev, 'the UID does not depend on the site or its page');
    assert.equal(String(ev.getFirstPropertyValue('url')), `${PAGE}#event=${E.careerFairId}`);
    assert.ok(String(ev.getFirstPropertyValue('description')).includes(`${PAGE}#event=${E.careerFairId}`));
  });

  it('links every event of the subscription feed to the page', async () => {
    const entries = vevents(await ics('/events.ics', R.districtKey));
    assert.ok(entries.size >= 5, `${entries.size} events`);
    for (const [uid, ev] of entries) {
      const id = uid.replace(`@${UID_DOMAIN}`, '');
      assert.match(id, /^evt_/);
      assert.equal(String(ev.getFirstPropertyValue('url')), `${PAGE}#event=${id}`);
    }
  });
});

describe('event links for a site without a calendar page', () => {
  it('keeps linking the JSON-LD and the .ics to the API detail', async () => {
    const fair = await detail(E.careerFairId, R.key);
    const api = `${BASE}/api/v1/events/${E.careerFairId}?key=${R.key}`;
    assert.equal(fair.url, api);
    assert.equal(fair.jsonLd.url, api);
    const ev = vevents(await ics(`/events/${E.careerFairId}/ics`, R.key)).get(`${E.careerFairId}@${UID_DOMAIN}`)!;
    assert.equal(String(ev.getFirstPropertyValue('url')), api);
  });

  it('follows a calendar page set, changed and cleared through the admin API', async () => {
    const origin = 'https://links.riverside-usd.example';
    const site = await write(
      ADMIN,
      'POST',
      '/admin/sites',
      { name: uniqueWord('Links site '), allowedOrigins: [origin], calendarPageUrl: `${origin}/events?lang=es#top` },
      201,
    );
    assert.equal(site.calendarPageUrl, `${origin}/events?lang=es#top`);
    const first = await detail(E.careerFairId, site.publishableKey);
    assert.equal(first.jsonLd.url, `${origin}/events?lang=es#event=${E.careerFairId}`, 'the query stays, the fragment is replaced');
    await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { calendarPageUrl: null });
    assert.equal((await detail(E.careerFairId, site.publishableKey)).jsonLd.url, `${BASE}/api/v1/events/${E.careerFairId}?key=${site.publishableKey}`);
  });
});

describe('venue-only events in JSON-LD and iCalendar', () => {
  const day = addDays(localDate(Date.now(), 'America/Los_Angeles'), 200);
  const body = (title: string, over: Record<string, unknown>) => ({
    type: 'workshop',
    title,
    description: 'A venue-only event made by the link tests.',
    audiences: ['students'],
    registrationRequired: false,
    when: { timeZone: 'America/Los_Angeles', startDate: day, startTime: '10:00', endDate: day, endTime: '12:00' },
    ...over,
  });
  let nameOnly: string;
  let withCity: string;
  let blanks: string;
  before(async () => {
    nameOnly = (await write(COORDINATOR, 'POST', '/admin/events', body(uniqueWord('Pavilion '), { locationName: 'Fairmount Park Pavilion' }), 201)).id;
    withCity = (
      await write(
        COORDINATOR,
        'POST',
        '/admin/events',
        body(uniqueWord('Boathouse '), { locationName: 'Lake Evans Boathouse', city: 'Riverside', state: 'ca' }),
        201,
      )
    ).id;
    // Cleared fields sent as blank text, as a form may send them.
    blanks = (
      await write(
        COORDINATOR,
        'POST',
        '/admin/events',
        body(uniqueWord('Blank '), { locationName: 'Main Library Auditorium', address: '', city: '', accessibilityNotes: '', description: '' }),
        201,
      )
    ).id;
  });

  it('gives a venue known only by its name a Place with no address at all', async () => {
    const ld = (await detail(nameOnly, R.key)).jsonLd;
    assert.deepEqual(ld.location, { '@type': 'Place', name: 'Fairmount Park Pavilion' });
  });

  it('gives a venue with a city a PostalAddress holding only what is known', async () => {
    const ld = (await detail(withCity, R.key)).jsonLd;
    assert.deepEqual(ld.location, {
      '@type': 'Place',
      name: 'Lake Evans Boathouse',
      address: { '@type': 'PostalAddress', addressLocality: 'Riverside', addressRegion: 'CA' },
    });
  });

  it('writes no empty string anywhere in the detail’s JSON-LD or location, even from blank fields', async () => {
    for (const id of [nameOnly, withCity, blanks]) {
      const d = await detail(id, R.key);
      assert.deepEqual(
        strings(d.jsonLd).filter(([, v]) => v.trim() === ''),
        [],
        `${id} JSON-LD`,
      );
      assert.deepEqual(
        strings(d.location).filter(([, v]) => v.trim() === ''),
        [],
        `${id} location`,
      );
    }
    const ld = (await detail(blanks, R.key)).jsonLd;
    assert.equal('description' in ld, false, 'a blank description is left out');
    assert.deepEqual(ld.location, { '@type': 'Place', name: 'Main Library Auditorium' });
  });

  it('writes the venue as LOCATION and no empty property in the .ics or the feed', async () => {
    for (const id of [nameOnly, blanks]) {
      const text = await ics(`/events/${id}/ics`, R.key);
      assert.deepEqual(emptyProperties(text), [], id);
      const ev = vevents(text).get(`${id}@${UID_DOMAIN}`)!;
      assert.equal(ev.getFirstPropertyValue('location'), id === nameOnly ? 'Fairmount Park Pavilion' : 'Main Library Auditorium');
    }
    assert.deepEqual(emptyProperties(await ics('/events.ics', R.key)), []);
  });

  it('builds JSON-LD without empty values from a bare summary (pure)', () => {
    const ld = eventJsonLd({
      id: 'evt_x',
      type: 'workshop',
      title: 'T',
      interpretation: [],
      startsAt: '2027-01-01T17:00:00.000Z',
      endsAt: '2027-01-01T18:00:00.000Z',
      allDay: false,
      timeZone: 'UTC',
      startDate: null,
      endDate: null,
      status: 'scheduled',
      audiences: [],
      clusters: [],
      gradeMin: null,
      gradeMax: null,
      location: { name: 'Hall', address: null, city: null, state: null, postalCode: null, lat: null, lng: null },
      virtual: false,
      registrationRequired: false,
      capacity: null,
      remaining: null,
      waitlisted: 0,
      sequence: 0,
      updatedAt: '2026-01-01T00:00:00.000Z',
      description: '',
      virtualUrl: null,
      accessibilityNotes: null,
      organizer: { name: 'Org', url: null },
      url: eventPageUrl('https://a.example/p#x', 'evt_x'),
    });
    assert.deepEqual(ld.location, { '@type': 'Place', name: 'Hall' });
    assert.equal(ld.url, 'https://a.example/p#event=evt_x');
    assert.equal('audience' in ld || 'description' in ld, false);
  });
});
