/**
 * Sites and keys, the district administrator's work, on the real Worker and D1: a new site's
 * key works from its origins only, a rotated, suspended or revoked key stops at once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { DEMO } from '../../demo/seed/index.js';
import { SiteCreate, SiteUpdate } from '../../schema/api/admin/sites.js';
import { ADMIN, as, COORDINATOR, LAKESIDE, read, SUPERVISOR, VIEWER, write } from './admin-helpers.js';
import { api, expectProblem } from './helpers.js';

/** What a page on `origin` embedding the board with `key` would get (null origin: a server-side fetch). */
const board = (key: string, origin?: string) => api('/opportunities', { key, query: { limit: 1 }, headers: origin ? { Origin: origin } : {} });

let n = 0;
const newSite = (extra: Record<string, unknown> = {}) =>
  write(ADMIN, 'POST', '/admin/sites', { name: `Test site ${++n}`, allowedOrigins: [`https://site${n}.riverside-usd.example`], ...extra }, 201);

describe('sites and keys', () => {
  it('registers a site whose new key works from its own origins only', async () => {
    const site = await newSite({ schoolId: 'sch_riv_canyon_high' });
    assert.match(site.publishableKey, /^pk_[0-9a-z]{32}$/);
    assert.equal(site.status, 'active');
    assert.deepEqual(site.school, { id: 'sch_riv_canyon_high', name: 'Canyon Crest High School' });
    assert.equal((await board(site.publishableKey)).status, 200);
    const own = await board(site.publishableKey, site.allowedOrigins[0]);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('access-control-allow-origin'), site.allowedOrigins[0]);
    await expectProblem(await board(site.publishableKey, 'https://elsewhere.example'), 403);
    const listed = await read(ADMIN, '/admin/sites', { limit: 100 });
    assert.ok(listed.items.some((s: { id: string }) => s.id === site.id));
    assert.ok(
      listed.items.every((s: { id: string }) => !s.id.startsWith('site_lak_')),
      'one tenant’s sites only',
    );
    const trail = await read(ADMIN, '/admin/audit', { entityId: site.id });
    assert.deepEqual(
      trail.items.map((e: { action: string }) => e.action),
      ['site.create'],
    );
  });

  it('accepts only exact web origins and the tenant’s own schools', async () => {
    const bad = await expectProblem(
      await as(ADMIN, 'POST', '/admin/sites', {
        name: 'Bad origins',
        allowedOrigins: [
          'https://x.example/',
          'https://x.example/careers',
          'HTTPS://X.EXAMPLE',
          'x.example',
          '*',
          'https://x.example:443',
          'javascript:alert(1)',
          'https://user@x.example',
        ],
      }),
      400,
    );
    assert.deepEqual(
      bad.errors?.map((e) => e.path),
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `allowedOrigins.${i}`),
    );
    const twice = await expectProblem(
      await as(ADMIN, 'POST', '/admin/sites', { name: 'Twice', allowedOrigins: ['https://a.example', 'https://a.example'] }),
      400,
    );
    assert.deepEqual(
      twice.errors?.map((e) => e.path),
      ['allowedOrigins'],
    );
    const school = await expectProblem(
      await as(ADMIN, 'POST', '/admin/sites', { name: 'Other school', allowedOrigins: [], schoolId: 'sch_lak_north_shore' }),
      400,
    );
    assert.deepEqual(
      school.errors?.map((e) => e.path),
      ['schoolId'],
    );
    const tenant = await expectProblem(await as(ADMIN, 'POST', '/admin/sites', { name: 'Other tenant', allowedOrigins: [], tenantId: 'ten_lakeside' }), 400);
    assert.deepEqual(
      tenant.errors?.map((e) => e.path),
      ['tenantId'],
    );
    assert.equal((await newSite({ allowedOrigins: ['http://localhost:8080', 'https://www.example.org'] })).allowedOrigins.length, 2);
  });

  it('changes a site’s origins at once', async () => {
    const site = await newSite();
    const updated = await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { allowedOrigins: ['https://moved.riverside-usd.example'], schoolId: null });
    assert.deepEqual(updated.allowedOrigins, ['https://moved.riverside-usd.example']);
    assert.equal((await board(site.publishableKey, 'https://moved.riverside-usd.example')).status, 200);
    await expectProblem(await board(site.publishableKey, site.allowedOrigins[0]), 403);
  });

  it('rotates a key: the new one answers and the old one is refused straight away', async () => {
    const site = await newSite();
    assert.equal((await board(site.publishableKey)).status, 200, 'the old key is cached now');
    const rotated = await write(ADMIN, 'POST', `/admin/sites/${site.id}/rotate-key`, undefined);
    assert.equal(rotated.previousKey, site.publishableKey);
    assert.notEqual(rotated.site.publishableKey, site.publishableKey);
    assert.match(rotated.note, /30 seconds/);
    await expectProblem(await board(site.publishableKey), 403);
    assert.equal((await board(rotated.site.publishableKey)).status, 200);
    const trail = await read(ADMIN, '/admin/audit', { entityId: site.id, action: 'site.rotate_key' });
    assert.equal(trail.items.length, 1);
    assert.equal(trail.items[0].detail.previousKeyEnds, site.publishableKey.slice(-4));
  });

  it('suspends and resumes a key, and revokes it for good', async () => {
    const site = await newSite();
    const path = `/admin/sites/${site.id}`;
    assert.equal((await board(site.publishableKey)).status, 200);
    assert.equal((await write(ADMIN, 'POST', `${path}/suspend`, undefined)).status, 'suspended');
    await expectProblem(await board(site.publishableKey), 403);
    await expectProblem(await as(ADMIN, 'POST', `${path}/suspend`), 409);
    assert.equal((await write(ADMIN, 'POST', `${path}/resume`, undefined)).status, 'active');
    assert.equal((await board(site.publishableKey)).status, 200);
    assert.equal((await write(ADMIN, 'POST', `${path}/revoke`, undefined)).status, 'revoked');
    await expectProblem(await board(site.publishableKey), 403);
    for (const [method, suffix, body] of [
      ['POST', '/resume', undefined],
      ['POST', '/rotate-key', undefined],
      ['PATCH', '', { name: 'Back' }],
    ] as const) {
      await expectProblem(await as(ADMIN, method, `${path}${suffix}`, body), 409);
    }
    const revoked = await read(ADMIN, '/admin/sites', { status: 'revoked', limit: 100 });
    assert.ok(revoked.items.some((s: { id: string }) => s.id === site.id) && revoked.items.every((s: { status: string }) => s.status === 'revoked'));
    const trail = await read(ADMIN, '/admin/audit', { entityId: site.id, action: 'site.' });
    assert.deepEqual(
      trail.items.map((e: { action: string }) => e.action),
      ['site.revoke', 'site.resume', 'site.suspend', 'site.create'],
    );
  });

  it('is the administrator’s work alone', async () => {
    for (const who of [COORDINATOR, VIEWER, SUPERVISOR, LAKESIDE]) {
      await expectProblem(await as(who, 'GET', '/admin/sites'), 403);
      await expectProblem(await as(who, 'POST', '/admin/sites', { name: 'Mine', allowedOrigins: [] }), 403);
      await expectProblem(await as(who, 'POST', '/admin/sites/site_riv_district/rotate-key'), 403);
    }
    await expectProblem(await as(ADMIN, 'GET', '/admin/sites/site_lak_convener'), 404);
    await expectProblem(await as(ADMIN, 'POST', '/admin/sites/site_lak_convener/revoke'), 404);
    assert.equal((await board(DEMO.lakeside.key)).status, 200, 'untouched');
  });

  it('lists the tenant’s schools for the pickers', async () => {
    const mine = await read(COORDINATOR, '/admin/schools');
    assert.deepEqual(mine.items.map((s: { id: string }) => s.id).sort(), [...DEMO.riverside.schoolIds].sort());
    const theirs = await read(LAKESIDE, '/admin/schools');
    assert.ok(theirs.items.length > 0 && theirs.items.every((s: { id: string }) => s.id.startsWith('sch_lak_')));
    await expectProblem(await as(SUPERVISOR, 'GET', '/admin/schools'), 403);
  });

  it('documents its request bodies with examples its schemas accept', () => {
    for (const schema of [SiteCreate, SiteUpdate]) {
      const meta = z.globalRegistry.get(schema) as { example: unknown };
      assert.ok(z.safeParse(schema, meta.example).success, JSON.stringify(meta.example));
    }
  });
});
