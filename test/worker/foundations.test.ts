import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApplicationRequest } from '../../schema/api/applications.js';
import { RsvpRequest } from '../../schema/api/events.js';
import { HostOfferRequest } from '../../schema/api/host-offers.js';
import { MatchRequest } from '../../schema/api/opportunities.js';
import { Taxonomy } from '../../schema/api/taxonomy.js';
import { CLUSTERS } from '../../schema/vocab.js';
import { DEMO } from '../../demo/seed/index.js';
import { api, BASE, expectProblem, formToken, getJson, ORIGIN } from './helpers.js';

describe('health', () => {
  it('answers ok after pinging D1', async () => {
    const res = await fetch(`${BASE}/api/v1/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });
});

describe('site keys', () => {
  it('asks for a site key when none is sent', async () => {
    const body = await expectProblem(await api('/opportunities', { key: null }), 401);
    assert.match(body.detail ?? '', /X-Site-Key/);
  });

  it('refuses an unknown key', async () => {
    await expectProblem(await api('/opportunities', { key: 'pk_nobody_here' }), 403);
  });

  it('refuses a malformed key without touching the database', async () => {
    await expectProblem(await api('/opportunities', { key: "pk_' OR 1=1 --" }), 403);
  });

  it('accepts the key in the query string for feeds', async () => {
    const res = await fetch(`${BASE}/api/v1/taxonomy?key=pk_demo_riverside`);
    assert.equal(res.status, 200);
  });
});

describe('CORS', () => {
  it('allows the site’s own origin', async () => {
    const res = await api('/opportunities', { headers: { Origin: ORIGIN } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
  });

  it('gives a foreign origin no Access-Control-Allow-Origin', async () => {
    const res = await api('/opportunities', { headers: { Origin: 'https://evil.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    await expectProblem(res, 403);
  });

  it('answers a preflight from an allowed origin, and not one from a foreign origin', async () => {
    const ok = await fetch(`${BASE}/api/v1/opportunities/match`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-site-key' },
    });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /X-Site-Key/i);
    const foreign = await fetch(`${BASE}/api/v1/opportunities/match`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });

  it('lets a page on the allowed origin read a problem answer', async () => {
    const res = await api('/opportunities', { headers: { Origin: ORIGIN }, query: { limit: 1000 } });
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    await expectProblem(res, 400);
  });
});

describe('caching', () => {
  it('sends an ETag and Cache-Control, and answers 304 to If-None-Match', async () => {
    const first = await api('/opportunities', { query: { stage: 'exploration' } });
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag');
    assert.ok(etag, 'an ETag');
    assert.match(first.headers.get('cache-control') ?? '', /public, max-age=\d+/);
    const second = await api('/opportunities', { query: { stage: 'exploration' }, headers: { 'If-None-Match': etag } });
    assert.equal(second.status, 304);
    assert.equal(await second.text(), '');
    const other = await api('/opportunities', { query: { stage: 'training' }, headers: { 'If-None-Match': etag } });
    assert.equal(other.status, 200);
  });
});

describe('problems', () => {
  it('answers an unknown path with a problem', async () => {
    await expectProblem(await fetch(`${BASE}/api/v1/nothing-here`), 404);
  });

  it('lists each bad query value as a field error', async () => {
    const body = await expectProblem(
      await api('/opportunities', {
        query: { stage: 'astronaut', limit: 0, grade: 'eleven', near: '95,200', paid: 'maybe', sort: 'random' },
      }),
      400,
    );
    const paths = new Set(body.errors?.map((e) => e.path));
    for (const p of ['stage.0', 'limit', 'grade', 'near', 'paid', 'sort']) assert.ok(paths.has(p), `an error for ${p}: ${JSON.stringify(body.errors)}`);
  });

  it('refuses unknown query parameters by name', async () => {
    const body = await expectProblem(await api('/opportunities', { query: { colour: 'blue' } }), 400);
    assert.deepEqual(
      body.errors?.map((e) => e.path),
      ['colour'],
    );
  });

  it('refuses a broken cursor as a field error, not a crash', async () => {
    const body = await expectProblem(await api('/opportunities', { query: { cursor: 'not-a-cursor!!' } }), 400);
    assert.equal(body.errors?.[0]?.path, 'cursor');
  });

  it('answers 415 to a body that is not JSON and 400 to broken JSON', async () => {
    await expectProblem(
      await api('/opportunities/match', { method: 'POST', body: 'clusters=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      415,
    );
    const broken = await expectProblem(
      await api('/opportunities/match', { method: 'POST', body: '{"clusters": [', headers: { 'Content-Type': 'application/json' } }),
      400,
    );
    assert.equal(broken.errors?.[0]?.code, 'invalid_json');
  });

  it('answers 413 to a body over 64 KB', async () => {
    const body = JSON.stringify({ clusters: [], pad: 'x'.repeat(70 * 1024) });
    await expectProblem(await api('/opportunities/match', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } }), 413);
  });

  it('refuses unknown fields in a body', async () => {
    const body = await expectProblem(
      await api('/opportunities/match', {
        method: 'POST',
        body: JSON.stringify({ clusters: ['agriculture'], studentName: 'Ana' }),
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
    );
    assert.deepEqual(
      body.errors?.map((e) => e.path),
      ['studentName'],
    );
  });
});

describe('taxonomy', () => {
  it('lists stages, the 14 clusters, types and skills in English and Spanish', async () => {
    const body = Taxonomy.parse(await getJson('/taxonomy'));
    assert.equal(body.stages.length, 4);
    assert.equal(body.clusters.length, 14);
    assert.deepEqual(
      body.clusters.map((c) => c.code),
      CLUSTERS.map((c) => c.code),
    );
    assert.ok(body.types.length >= 14);
    assert.ok(body.skills.some((s) => s.code === 'communication' && s.label.es === 'Comunicación'));
    for (const list of [body.stages, body.clusters, body.types, body.skills]) {
      for (const term of list) assert.ok(term.label.en && term.label.es, `labels for ${term.code}`);
    }
  });
});

describe('OpenAPI', () => {
  it('documents every route, and every request body has an example its own schema accepts', async () => {
    const res = await fetch(`${BASE}/api/v1/openapi.json`);
    assert.equal(res.status, 200);
    const doc = await res.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/api/v1/health', '/api/v1/taxonomy', '/api/v1/opportunities', '/api/v1/opportunities/{id}', '/api/v1/opportunities/match']) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
    const schemasByPath: Record<string, { safeParse(v: unknown): { success: boolean } }> = {
      '/api/v1/opportunities/match': MatchRequest,
      '/api/v1/host-offers': HostOfferRequest,
      '/api/v1/applications': ApplicationRequest,
      '/api/v1/events/{id}/rsvps': RsvpRequest,
    };
    // Writes to one resource need a real one: the seeded virtual panel has no seat limit, so an RSVP takes nothing from anyone.
    const resourceIds: Record<string, string> = { '/api/v1/events/{id}/rsvps': DEMO.riverside.events.virtualPanelId };
    let bodies = 0;
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const content = op.requestBody?.content?.['application/json'];
        if (!content) continue;
        bodies += 1;
        assert.ok(content.example, `${method.toUpperCase()} ${path} has an example`);
        const schema = schemasByPath[path];
        if (schema) assert.ok(schema.safeParse(content.example).success, `${path} example is valid`);
        // Console routes need a signed-in session and real records; test/worker/admin-*.test.ts check their examples.
        if (op.security?.some((s: Record<string, unknown>) => 'bearer' in s)) continue;
        // A signing link's token is a credential no example can hold; admin-placements.test.ts signs with real ones.
        if (path.includes('{token}')) continue;
        // The application example must work for nobody (no real student number or access code); trust-applications.test.ts checks it is refused.
        if (path === '/api/v1/applications') continue;
        // A sign-in link's token is a one-time credential no example can hold; me-signin.test.ts opens sessions with real ones.
        if (path === '/api/v1/me/sessions') continue;
        // A form token is fetched when a form opens, so no example can hold a live one: the test fetches one.
        const form = ({ '/api/v1/host-offers': 'host-offer', '/api/v1/events/{id}/rsvps': 'rsvp' } as const)[path as '/api/v1/host-offers'];
        const live = await api(path.replace('/api/v1', '').replace('{id}', resourceIds[path] ?? '{id}'), {
          method: method.toUpperCase(),
          body: JSON.stringify(form ? { ...content.example, formToken: await formToken(form) } : content.example),
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), 'CF-Connecting-IP': '192.0.2.200' },
        });
        assert.ok(live.status < 400, `${method.toUpperCase()} ${path} accepts its own example (${live.status})`);
      }
    }
    assert.ok(bodies >= 1);
    const list = doc.paths['/api/v1/opportunities'].get;
    const names = list.parameters.map((p: { name: string }) => p.name);
    for (const n of ['q', 'stage', 'cluster', 'type', 'mode', 'paid', 'grade', 'open', 'near', 'radius_km', 'transit', 'sort', 'cursor', 'limit'])
      assert.ok(names.includes(n), `documents ${n}`);
  });
});
