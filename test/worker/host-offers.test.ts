import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { HostOfferRequest } from '../../schema/api/host-offers.js';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { api, expectProblem, formToken, getJson } from './helpers.js';

const example = (z.globalRegistry.get(HostOfferRequest) as { example: Record<string, any> }).example;
let ip = 0;

/** Each test posts from its own client address, so the per-client rate limit is its own. */
function post(body: unknown, opts: { key?: string | null; client?: string; site?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = { 'Content-Type': opts.contentType ?? 'application/json', 'CF-Connecting-IP': opts.client ?? `198.51.100.${++ip}` };
  if (opts.key !== null) headers['Idempotency-Key'] = opts.key ?? randomUUID();
  return api('/host-offers', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers, key: opts.site ?? 'pk_demo_riverside' });
}

/** A token fetched as the widget does when the form opens, old enough to be accepted. */
let token = '';
before(async () => {
  token = await formToken('host-offer');
});
const offer = (title: string) => ({ ...example, formToken: token, opportunity: { ...example.opportunity, title } });
const rows = (title: string): { tenant_id: string; status: string; terms_version: string }[] =>
  query(
    process.env.WBL_PERSIST_TO,
    `SELECT tenant_id, status, terms_version FROM host_offers WHERE json_extract(payload, '$.opportunity.title') = '${title.replace(/'/g, "''")}'`,
  );

describe('host offers', () => {
  it('receives an offer for the site’s tenant, with a reference and what happens next', async () => {
    const res = await post(offer('Receipt test'));
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.match(body.reference, /^HO-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    assert.equal(body.status, 'pending');
    assert.match(body.next, /coordinator will review/);
    assert.deepEqual(rows('Receipt test'), [{ tenant_id: 'ten_riverside', status: 'pending', terms_version: '2026-08' }]);
  });

  it('answers a retry with the first answer and creates nothing new', async () => {
    const key = randomUUID();
    const body = offer('Retry test');
    const first = await (await post(body, { key })).json();
    const again = await post(body, { key });
    assert.equal(again.status, 201);
    assert.deepEqual(await again.json(), first);
    assert.equal(rows('Retry test').length, 1);
  });

  it('refuses the same key with a different body', async () => {
    const key = randomUUID();
    await post(offer('Key reuse A'), { key });
    const res = await expectProblem(await post(offer('Key reuse B'), { key }), 422);
    assert.match(res.title, /different request/);
    assert.equal(rows('Key reuse B').length, 0);
  });

  it('creates exactly one record from 20 concurrent submissions with one key', async () => {
    const key = randomUUID();
    const body = offer('Concurrency test');
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(body, { key, client: '203.0.113.20' })));
    const bodies = await Promise.all(answers.map((r) => r.json()));
    assert.deepEqual(
      answers.map((r) => r.status),
      Array(20).fill(201),
    );
    assert.equal(new Set(bodies.map((b) => b.id)).size, 1, 'every answer names the same record');
    assert.equal(rows('Concurrency test').length, 1);
  });

  it('requires an Idempotency-Key', async () => {
    const res = await expectProblem(await post(offer('No key'), { key: null }), 400);
    assert.equal(res.errors?.[0]?.path, 'Idempotency-Key');
  });

  it('lists every missing field of an empty body', async () => {
    const res = await expectProblem(await post({}), 400);
    const paths = res.errors!.map((e) => e.path);
    for (const p of ['organization', 'contact', 'opportunity', 'agreements', 'formToken']) assert.ok(paths.includes(p), `${p} in ${paths}`);
    const partial = await expectProblem(await post({ ...offer('x'), organization: {}, contact: { email: 'nope' } }), 400);
    const more = partial.errors!.map((e) => e.path);
    for (const p of ['organization.name', 'organization.clusters', 'organization.postalCode', 'contact.name', 'contact.email', 'contact.phone'])
      assert.ok(more.includes(p), `${p} in ${more}`);
  });

  it('refuses unknown fields, non-JSON bodies and bodies over 64 KB', async () => {
    const unknown = await expectProblem(await post({ ...offer('Unknown'), tenantId: 'ten_lakeside' }), 400);
    assert.deepEqual(
      unknown.errors?.map((e) => e.path),
      ['tenantId'],
    );
    await expectProblem(await post('name=Acme', { contentType: 'application/x-www-form-urlencoded' }), 415);
    await expectProblem(await post({ ...offer('Big'), opportunity: { ...example.opportunity, description: 'x'.repeat(70_000) } }), 413);
    for (const hostile of ['', 'null', '[]', '"x"', '{"organization": null}', '{"formToken": 1e400}', '\u0000']) {
      const res = await post(hostile);
      assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(hostile)} → ${res.status}`);
    }
  });

  it('keeps nothing when the honeypot is filled, but answers as if it did', async () => {
    const res = await post({ ...offer('Honeypot test'), nickname: 'bot' });
    assert.equal(res.status, 201);
    assert.equal(rows('Honeypot test').length, 0);
  });

  it('refuses a form submitted within seconds of opening, as the server measures it, and keeps nothing', async () => {
    const fresh = await getJson<{ token: string }>('/forms/host-offer/token');
    const res = await expectProblem(await post({ ...offer('Too fast'), formToken: fresh.token }), 400);
    assert.equal(res.errors?.[0]?.path, 'formToken');
    assert.equal(res.errors?.[0]?.code, 'too_fast');
    assert.equal(rows('Too fast').length, 0);
  });

  it('limits how many offers one client can send', async () => {
    const client = '192.0.2.99';
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await post(offer(`Rate ${i}`), { client })).status);
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(201));
    const limited = await post(offer('Rate over'), { client });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    await expectProblem(limited, 429);
  });
});
