/**
 * A credential's `id` URL answers by content negotiation: the credential itself for the JSON
 * media types, the compact JWT for the JWT ones, a verification page for browsers, and the API's
 * `{ credential, jwt, display }` as before for no Accept, `*∕*`, or JSON and the JWT asked for
 * equally (what the badge widget sends).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoPortfolioCredentials } from '../../demo/seed/achievements.js';
import { DEMO } from '../../demo/seed/index.js';
import { BASE } from './helpers.js';

const [first] = demoPortfolioCredentials(DEMO.riverside.placements.completed);
const url = `${BASE}/api/v1/credentials/${first!.id}`;
const get = (accept?: string, path = url) => fetch(path, { headers: accept === undefined ? {} : { Accept: accept } });

describe('a credential id URL', () => {
  it('answers the API answer as before without a named media type, and to the badge widget', async () => {
    for (const accept of [undefined, '*/*', 'application/json, application/jwt', 'image/png']) {
      const res = await get(accept);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/, String(accept));
      const body = (await res.json()) as any;
      assert.deepEqual(Object.keys(body).sort(), ['credential', 'display', 'jwt'], String(accept));
      assert.equal(body.credential.id, url);
    }
  });

  it('answers the credential itself for application/vc+ld+json, application/ld+json and application/json', async () => {
    const { credential } = (await (await get()).json()) as any;
    for (const type of ['application/vc+ld+json', 'application/ld+json', 'application/json', 'application/ld+json;q=0.9, application/jwt;q=0.5']) {
      const res = await get(type);
      assert.equal(res.status, 200);
      const expected = type.split(/[;,]/)[0]!;
      assert.equal(res.headers.get('content-type')?.split(';')[0], expected, type);
      const body = (await res.json()) as any;
      assert.deepEqual(body, credential, type);
      assert.equal(body.id, url);
      assert.deepEqual(body['@context'].slice(0, 1), ['https://www.w3.org/ns/credentials/v2']);
    }
  });

  it('answers the compact JWT for application/jwt and application/vc+jwt', async () => {
    const { jwt } = (await (await get()).json()) as any;
    for (const type of ['application/jwt', 'application/vc+jwt', 'application/json;q=0.5, application/jwt']) {
      const res = await get(type);
      assert.equal(res.status, 200);
      const expected = type.includes(',') ? 'application/jwt' : type;
      assert.equal(res.headers.get('content-type'), expected, type);
      assert.equal(await res.text(), jwt);
    }
    const byQuery = await get('text/html', `${url}?format=jwt`);
    assert.equal(await byQuery.text(), jwt, '?format=jwt wins over Accept');
  });

  it('answers the verification page to a browser', async () => {
    const res = await get('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /^<!doctype html>/i);
  });

  it('tells caches that the answer varies by Accept and Accept-Language, and keeps one ETag per form', async () => {
    const etags = new Set<string>();
    for (const accept of [undefined, 'application/ld+json', 'application/jwt', 'text/html']) {
      const res = await get(accept);
      const vary = (res.headers.get('vary') ?? '').toLowerCase();
      assert.match(vary, /\baccept\b/, String(accept));
      assert.match(vary, /accept-language/, String(accept));
      etags.add(res.headers.get('etag') ?? '');
      await res.arrayBuffer();
    }
    assert.equal(etags.size, 4);
    const jwt = await get('application/jwt');
    const again = await fetch(url, { headers: { Accept: 'application/jwt', 'If-None-Match': jwt.headers.get('etag')! } });
    assert.equal(again.status, 304);
  });
});
