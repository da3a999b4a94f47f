/**
 * A site's calendar page through the admin sites API, on the real Worker and D1: written on
 * create and update, read back, cleared with null, and refused with a field error (RFC 9457,
 * never a 500) when it is not an http(s) page on one of the site's own origins.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, as, COORDINATOR, read, uniqueWord, write } from './admin-helpers.js';
import { expectProblem } from './helpers.js';

const ORIGIN = 'https://calendar.riverside-usd.example';
const create = (extra: Record<string, unknown>) =>
  as(ADMIN, 'POST', '/admin/sites', { name: uniqueWord('Calendar site '), allowedOrigins: [ORIGIN], ...extra });
const paths = (p: { errors?: { path: string }[] }) => p.errors?.map((e) => e.path);

describe('a site’s calendar page', () => {
  it('is stored on create, read back, changed and cleared', async () => {
    const res = await create({ calendarPageUrl: `${ORIGIN}/events` });
    assert.equal(res.status, 201, await res.clone().text());
    const site = await res.json();
    assert.equal(site.calendarPageUrl, `${ORIGIN}/events`);
    assert.equal((await read(ADMIN, `/admin/sites/${site.id}`)).calendarPageUrl, `${ORIGIN}/events`);
    const listed = await read(ADMIN, '/admin/sites', { limit: 100 });
    assert.equal(listed.items.find((s: { id: string }) => s.id === site.id)?.calendarPageUrl, `${ORIGIN}/events`);
    assert.equal(
      (await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { calendarPageUrl: `${ORIGIN}/families/calendar` })).calendarPageUrl,
      `${ORIGIN}/families/calendar`,
    );
    assert.equal(
      (await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { name: 'Renamed only' })).calendarPageUrl,
      `${ORIGIN}/families/calendar`,
      'kept when not sent',
    );
    assert.equal((await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { calendarPageUrl: null })).calendarPageUrl, null);
    const trail = await read(ADMIN, '/admin/audit', { entityId: site.id });
    assert.deepEqual(
      trail.items.map((e: { action: string }) => e.action),
      ['site.update', 'site.update', 'site.update', 'site.create'],
    );
  });

  it('is null for a site created without one', async () => {
    const res = await create({});
    assert.equal(res.status, 201);
    assert.equal((await res.json()).calendarPageUrl, null);
  });

  it('refuses javascript:, data:, other schemes and non-URLs with a field error', async () => {
    for (const bad of [
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://calendar.riverside-usd.example/events',
      'events page',
      '//calendar.riverside-usd.example/events',
      '',
      42,
    ]) {
      const problem = await expectProblem(await create({ calendarPageUrl: bad }), 400);
      assert.deepEqual(paths(problem), ['calendarPageUrl'], String(bad));
      assert.ok(problem.errors?.[0]?.message, 'with a message a person can act on');
    }
    const site = await (await create({})).json();
    const problem = await expectProblem(await as(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { calendarPageUrl: 'javascript:alert(1)' }), 400);
    assert.deepEqual(paths(problem), ['calendarPageUrl']);
    assert.equal((await read(ADMIN, `/admin/sites/${site.id}`)).calendarPageUrl, null, 'nothing was written');
  });

  it('must be on one of the site’s origins, as the site will stand after the change', async () => {
    const elsewhere = await expectProblem(await create({ calendarPageUrl: 'https://elsewhere.example/events' }), 400);
    assert.deepEqual(
      elsewhere.errors?.map((e) => [e.path, e.code]),
      [['calendarPageUrl', 'origin_not_allowed']],
    );
    const site = await (await create({ calendarPageUrl: `${ORIGIN}/events` })).json();
    // New origins that leave the page behind are refused; new origins with a new page are not.
    const left = await expectProblem(await as(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { allowedOrigins: ['https://moved.riverside-usd.example'] }), 400);
    assert.deepEqual(paths(left), ['calendarPageUrl']);
    const moved = await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, {
      allowedOrigins: ['https://moved.riverside-usd.example'],
      calendarPageUrl: 'https://moved.riverside-usd.example/events',
    });
    assert.equal(moved.calendarPageUrl, 'https://moved.riverside-usd.example/events');
  });

  it('is the administrator’s to set', async () => {
    await expectProblem(
      await as(COORDINATOR, 'POST', '/admin/sites', { name: 'Not mine', allowedOrigins: [ORIGIN], calendarPageUrl: `${ORIGIN}/events` }),
      403,
    );
  });
});
