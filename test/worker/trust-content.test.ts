/**
 * Content that others will see (issue 10, part F): every link a form accepts is http(s); a
 * shared opportunity shows the receiving tenant only the employer's public fields; a virtual
 * opportunity never gives away a street or coordinates; counts change right after a publish.
 * Everything is seen the way a school's website (the public API) or a coordinator sees it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO } from '../../demo/seed/index.js';
import { COORDINATOR, LAKESIDE, quote, read, sql, submitOffer, uniqueWord, write, as } from './admin-helpers.js';
import { api, expectProblem, getJson } from './helpers.js';

const R = DEMO.riverside;
const BAD_URLS = [
  'javascript:alert(document.cookie)',
  'JavaScript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'ftp://files.example/x',
];

async function expectFieldError(res: Response, path: string, label: string) {
  const problem = await expectProblem(res, 400);
  assert.deepEqual(
    problem.errors?.map((e) => e.path),
    [path],
    label,
  );
}

const eventBody = (virtualUrl: string) => ({
  type: 'virtual_panel',
  title: `${uniqueWord('Link')} talk`,
  audiences: ['students'],
  virtualUrl,
  when: { timeZone: 'America/Los_Angeles', startDate: '2027-03-14', startTime: '17:00', endDate: '2027-03-14', endTime: '18:00' },
});

describe('links a coordinator types are http(s) only', () => {
  it('an event’s meeting link', async () => {
    for (const url of BAD_URLS) await expectFieldError(await as(COORDINATOR, 'POST', '/admin/events', eventBody(url)), 'virtualUrl', url);
    const ok = await write(COORDINATOR, 'POST', '/admin/events', eventBody('https://meet.example/talk'), 201);
    for (const url of BAD_URLS) await expectFieldError(await as(COORDINATOR, 'PATCH', `/admin/events/${ok.id}`, { virtualUrl: url }), 'virtualUrl', url);
    await write(COORDINATOR, 'POST', `/admin/events/${ok.id}/cancel`, {});
  });

  it('an employer’s website, on create and on update', async () => {
    for (const url of BAD_URLS) {
      await expectFieldError(await as(COORDINATOR, 'POST', '/admin/employers', { name: `${uniqueWord('Web')} Co`, website: url }), 'website', url);
    }
    const employer = await write(COORDINATOR, 'POST', '/admin/employers', { name: `${uniqueWord('Web')} Co`, website: 'http://plain.example' }, 201);
    assert.equal(employer.website, 'http://plain.example');
    for (const url of BAD_URLS) await expectFieldError(await as(COORDINATOR, 'PATCH', `/admin/employers/${employer.id}`, { website: url }), 'website', url);
  });

  it('an offer stored with a javascript: website is approved only with a website the coordinator gives', async () => {
    const title = `${uniqueWord('Legacy')} shadow day`;
    const offer = await submitOffer({ title, organization: `${uniqueWord('Legacy')} Labs` });
    // An offer from before the public form checked its website.
    sql(`UPDATE host_offers SET payload = json_set(payload, '$.organization.website', 'javascript:alert(1)') WHERE id = ${quote(offer.id)}`);
    const path = `/admin/review/host-offers/${offer.id}/approve`;
    await expectFieldError(await as(COORDINATOR, 'POST', path, { status: 'draft' }), 'website', 'the stored website');
    for (const url of BAD_URLS) await expectFieldError(await as(COORDINATOR, 'POST', path, { status: 'draft', website: url }), 'website', url);
    const approval = await write(COORDINATOR, 'POST', path, { status: 'draft', website: 'https://legacy-labs.example' });
    assert.equal((await read(COORDINATOR, `/admin/employers/${approval.employer.id}`)).website, 'https://legacy-labs.example');
  });
});

describe('links already stored are given to the public only when they are http(s)', () => {
  it('an employer website stored as javascript: is left out of the public detail', async () => {
    const id = R.nursingId;
    const employerId = (await read(COORDINATOR, `/admin/opportunities/${id}`)).employer.id;
    const before = (await read(COORDINATOR, `/admin/employers/${employerId}`)).website;
    try {
      // As an employer approved before websites were checked could have it.
      sql(`UPDATE employers SET website = 'javascript:alert(1)' WHERE id = ${quote(employerId)}`);
      const detail = await getJson(`/opportunities/${id}`);
      assert.equal(detail.employer.website, null);
    } finally {
      sql(`UPDATE employers SET website = ${before === null ? 'NULL' : quote(before)} WHERE id = ${quote(employerId)}`);
    }
    assert.equal((await getJson(`/opportunities/${id}`)).employer.website, before, 'an https website is shown');
  });

  it('an event meeting link stored as javascript: is left out of the detail, its JSON-LD and the calendar files', async () => {
    const id = 'evt_riv_digital_panel';
    const before = (await getJson(`/events/${id}`)).virtualUrl as string;
    assert.match(before, /^https:/, 'the seeded panel has an https link to begin with');
    try {
      sql(`UPDATE events SET virtual_url = 'javascript:alert(1)' WHERE id = ${quote(id)}`);
      const detail = await getJson(`/events/${id}`);
      assert.equal(detail.virtualUrl, null);
      assert.doesNotMatch(JSON.stringify(detail), /javascript:/i, 'not in the detail nor its JSON-LD');
      const ics = await (await api(`/events/${id}/ics`)).text();
      assert.doesNotMatch(ics, /javascript:/i, 'not in the event’s .ics');
      const feed = await (await api('/events.ics', { key: null, query: { key: R.key } })).text();
      assert.doesNotMatch(feed, /javascript:/i, 'not in the district’s feed');
    } finally {
      sql(`UPDATE events SET virtual_url = ${quote(before)} WHERE id = ${quote(id)}`);
    }
  });
});

describe('a shared opportunity shows the receiving tenant only the employer’s public fields', () => {
  const id = R.sharedFromLakesideId;
  let original: Record<string, any>;
  let employer: Record<string, any>;
  /** What the receiving tenant must never see: the contact person and any street or coordinates. */
  let secrets: string[];

  before(async () => {
    original = await read(LAKESIDE, `/admin/opportunities/${id}`);
    employer = await read(LAKESIDE, `/admin/employers/${original.employer.id}`);
    // The shared opportunity takes place at the employer's own address, as most do.
    await write(LAKESIDE, 'PATCH', `/admin/opportunities/${id}`, {
      mode: 'in_person',
      locationName: employer.name,
      address: employer.address,
      city: employer.city,
      state: employer.state,
      postalCode: employer.postalCode,
      lat: employer.lat,
      lng: employer.lng,
    });
    const c = employer.contact;
    secrets = [c.name, c.title, c.email, c.phone, employer.address, String(employer.lat), String(employer.lng)];
    assert.ok(
      secrets.every((s) => typeof s === 'string' && s.length > 3 && s !== 'null'),
      `the seed gives the employer a contact and a place: ${secrets}`,
    );
  });

  after(async () => {
    await write(LAKESIDE, 'PATCH', `/admin/opportunities/${id}`, {
      mode: original.mode,
      locationName: original.locationName,
      address: original.address,
      city: original.city,
      state: original.state,
      postalCode: original.postalCode,
      lat: original.lat,
      lng: original.lng,
    });
  });

  const assertNoSecrets = (text: string, where: string) => {
    for (const s of secrets) assert.ok(!text.includes(s), `${where} does not show “${s}”`);
  };

  it('the owner’s own board still shows the street (so the check below is not empty)', async () => {
    const own = await getJson(`/opportunities/${id}`, { key: DEMO.lakeside.key });
    assert.equal(own.address, employer.address);
  });

  it('in the detail', async () => {
    const res = await api(`/opportunities/${id}`);
    const text = await res.text();
    assert.equal(res.status, 200, text);
    const detail = JSON.parse(text);
    assert.deepEqual(Object.keys(detail.employer).sort(), ['city', 'clusters', 'description', 'id', 'name', 'website']);
    assert.equal(detail.employer.name, employer.name);
    assert.equal(detail.address, null);
    assert.equal(detail.lat, null);
    assert.equal(detail.lng, null);
    assert.equal(detail.city, employer.city, 'the town is still shown');
    assertNoSecrets(text, 'the detail');
  });

  it('in the list, searched and sorted by distance from the employer’s door', async () => {
    for (const query of [
      { limit: 100 },
      { q: original.title.split(' ')[0], limit: 100 },
      { near: `${employer.lat},${employer.lng}`, sort: 'distance', limit: 100 },
    ]) {
      const res = await api('/opportunities', { query });
      const text = await res.text();
      const body = JSON.parse(text);
      const card = body.items.find((o: { id: string }) => o.id === id);
      assert.ok(card, `the shared opportunity is listed for ${JSON.stringify(query)}`);
      assert.deepEqual(Object.keys(card.employer).sort(), ['id', 'name']);
      if (query.near) assert.equal(card.distanceKm, Math.round(card.distanceKm), 'a shared place is only as precise as a whole kilometre');
      assertNoSecrets(text, `the list ${JSON.stringify(query)}`);
    }
  });

  it('in the match answer', async () => {
    const res = await api('/opportunities/match', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clusters: [original.cluster], stages: [original.stage], from: { lat: employer.lat, lng: employer.lng }, limit: 50 }),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.ok(
      JSON.parse(text).items.some((i: { opportunity: { id: string } }) => i.opportunity.id === id),
      'the shared opportunity is matched',
    );
    assertNoSecrets(text, 'the match answer');
  });
});

describe('a virtual opportunity, and the counts right after a publish', () => {
  const street = `${Math.floor(1000 + Math.random() * 8000)} ${uniqueWord('Hidden')} Street`;
  const spot = { lat: 33.9533, lng: -117.3962 };
  let id: string;
  let cluster: string;
  let stage: string;
  let type: string;

  before(async () => {
    const employers = await read(COORDINATOR, '/admin/employers', { vetting: 'approved', limit: 1 });
    const created = await write(
      COORDINATOR,
      'POST',
      '/admin/opportunities',
      {
        employerId: employers.items[0].id,
        title: `${uniqueWord('Virtual')} coding club`,
        description: 'Meet a software team online every week.',
        type: 'mentorship',
        cluster: 'digital_technology',
        mode: 'virtual',
        locationName: 'Online',
        address: street,
        city: 'Riverside',
        state: 'CA',
        postalCode: '92501',
        ...spot,
        gradeMin: 9,
        gradeMax: 12,
        capacity: 5,
        compensation: { type: 'unpaid' },
      },
      201,
    );
    ({ id, cluster, stage, type } = created);
  });

  after(async () => {
    await write(COORDINATOR, 'POST', `/admin/opportunities/${id}/archive`, undefined);
  });

  it('publishing raises the total and the facet counts on the very next request, and closing lowers them', async () => {
    const first = await api('/opportunities');
    const etag = first.headers.get('ETag')!;
    const before = await first.json();
    assert.ok(etag, 'the list is cacheable');
    // A second read is served from the facet cache of this data version.
    assert.equal((await api('/opportunities', { headers: { 'If-None-Match': etag } })).status, 304);

    await write(COORDINATOR, 'POST', `/admin/opportunities/${id}/publish`, undefined);
    const res = await api('/opportunities', { headers: { 'If-None-Match': etag } });
    assert.equal(res.status, 200, 'the old ETag no longer matches');
    const after = await res.json();
    assert.equal(after.total, before.total + 1);
    assert.equal(after.facets.cluster[cluster], (before.facets.cluster[cluster] ?? 0) + 1);
    assert.equal(after.facets.stage[stage], (before.facets.stage[stage] ?? 0) + 1);
    assert.equal(after.facets.type[type], (before.facets.type[type] ?? 0) + 1);
    const filtered = await getJson('/opportunities', { query: { cluster } });
    assert.equal(filtered.total, after.facets.cluster[cluster], 'a filtered total agrees with its facet');

    await write(COORDINATOR, 'POST', `/admin/opportunities/${id}/close`, undefined);
    const closed = await getJson('/opportunities');
    assert.equal(closed.total, before.total);
    assert.deepEqual(closed.facets, before.facets);
    await write(COORDINATOR, 'POST', `/admin/opportunities/${id}/publish`, undefined);
  });

  it('never shows its street, ZIP or coordinates: detail, list (also by distance and radius) and match', async () => {
    const res = await api(`/opportunities/${id}`);
    const text = await res.text();
    assert.equal(res.status, 200, text);
    const detail = JSON.parse(text);
    assert.equal(detail.mode, 'virtual');
    assert.deepEqual([detail.address, detail.postalCode, detail.lat, detail.lng, detail.distanceKm], [null, null, null, null, null]);
    assert.ok(!text.includes(street) && !text.includes(String(spot.lat)), 'nothing of the place is in the detail');

    const near = `${spot.lat},${spot.lng}`;
    for (const query of [{ limit: 100 }, { near, sort: 'distance', limit: 100 }, { near, limit: 100, mode: 'virtual' }]) {
      const list = await api('/opportunities', { query });
      const listText = await list.text();
      const card = JSON.parse(listText).items.find((o: { id: string }) => o.id === id);
      assert.ok(card, `listed for ${JSON.stringify(query)}`);
      assert.equal(card.distanceKm, null, 'a virtual opportunity is no distance away');
      assert.ok(!listText.includes(street));
    }
    // A radius search cannot find where it "is" by narrowing the circle.
    const inCircle = await getJson('/opportunities', { query: { near, radius_km: 1, limit: 100 } });
    assert.ok(!inCircle.items.some((o: { id: string }) => o.id === id), 'not inside a 1 km circle around its stored point');

    const match = await api('/opportunities/match', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clusters: [cluster], from: spot, maxDistanceKm: 1, limit: 50 }),
    });
    const matchText = await match.text();
    assert.equal(match.status, 200, matchText);
    const item = JSON.parse(matchText).items.find((i: { opportunity: { id: string } }) => i.opportunity.id === id);
    assert.ok(item, 'matched');
    assert.equal(item.opportunity.distanceKm, null);
    assert.ok(!item.reasons.some((r: { code: string }) => r.code === 'distance'), 'no reason quotes a distance');
    assert.ok(!matchText.includes(street));
  });
});
