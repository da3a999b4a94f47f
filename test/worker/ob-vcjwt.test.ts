/**
 * Open Badges 3.0 §8.2 VC-JWT as a strict outside verifier reads it, with a standard JOSE
 * library (jose) and nothing from the Worker: the JOSE header has exactly the members OB 3.0
 * allows, its `kid` is a URL that answers the public JWK, the registered claims say what the
 * credential says (`iss` issuer.id, `jti` id, `nbf` validFrom to the second, `sub` only for a
 * subject id), and the Bitstring Status List URL answers the signed list.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { demoPortfolioCredentials } from '../../demo/seed/achievements.js';
import { DEMO } from '../../demo/seed/index.js';
import { api, BASE } from './helpers.js';

const RIV = DEMO.riverside.tenantId;
const ISSUER = `${BASE}/api/v1/issuers/${RIV}`;
const portfolio = demoPortfolioCredentials(DEMO.riverside.placements.completed);
const REGISTERED = ['iss', 'jti', 'sub', 'nbf', 'exp', 'iat'];

async function envelope(id: string) {
  const res = await api(`/credentials/${id}`, { key: null });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as { credential: Record<string, any>; jwt: string };
}

/** The public key a JWT header's kid dereferences to, fetched as any verifier would. */
async function keyOfKid(kid: unknown) {
  assert.equal(typeof kid, 'string');
  const url = new URL(kid as string);
  assert.ok(url.protocol === 'http:' || url.protocol === 'https:', `kid is an http(s) URL: ${kid}`);
  const res = await fetch(url);
  assert.equal(res.status, 200, `GET ${kid} → ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/jwk\+json/);
  const jwk = (await res.json()) as JWK;
  assert.equal(jwk.d, undefined, 'never a private part');
  assert.deepEqual([jwk.kty, jwk.crv, jwk.alg, jwk.kid], ['OKP', 'Ed25519', 'EdDSA', kid]);
  return importJWK(jwk, 'EdDSA');
}

describe('an Open Badges VC-JWT (OB 3.0 §8.2)', () => {
  it('has exactly the JOSE header OB 3.0 allows: alg, a kid URL, typ "JWT"', async () => {
    for (const c of portfolio) {
      const { jwt } = await envelope(c.id);
      const header = decodeProtectedHeader(jwt);
      // "Additional JOSE Headers are NOT allowed."
      assert.deepEqual(Object.keys(header).sort(), ['alg', 'kid', 'typ']);
      assert.equal(header.alg, 'EdDSA');
      // "If present, MUST be set to JWT."
      assert.equal(header.typ, 'JWT');
      assert.ok(header.kid!.startsWith(`${ISSUER}/keys/`), header.kid);
    }
  });

  it('verifies through the key its kid dereferences to, and not with a tampered payload', async () => {
    const { jwt, credential } = await envelope(portfolio[0]!.id);
    const key = await keyOfKid(decodeProtectedHeader(jwt).kid);
    const { payload } = await jwtVerify(jwt, key, { algorithms: ['EdDSA'], issuer: credential.issuer.id });
    assert.equal(payload.jti, credential.id);
    const [h, p, s] = jwt.split('.');
    const changed = { ...JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')), name: 'Chief of Surgery' };
    await assert.rejects(compactVerify(`${h}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${s}`, key));
    // An unknown key of a known issuer is not found, and a key is only under its own issuer.
    assert.equal((await fetch(`${ISSUER}/keys/${'A'.repeat(43)}`)).status, 404);
    const thumb = new URL(decodeProtectedHeader(jwt).kid!).pathname.split('/').pop();
    assert.equal((await fetch(`${BASE}/api/v1/issuers/${DEMO.lakeside.tenantId}/keys/${thumb}`)).status, 404);
  });

  it('names the key in the JWKS by the same kid, so a JWKS lookup finds it', async () => {
    const { jwt } = await envelope(portfolio[0]!.id);
    const jwks = (await (await fetch(`${ISSUER}/jwks`)).json()) as { keys: JWK[] };
    assert.ok(jwks.keys.some((k) => k.kid === decodeProtectedHeader(jwt).kid));
  });

  it('carries iss, jti, nbf and sub exactly as the credential says them', async () => {
    for (const c of portfolio) {
      const { jwt, credential } = await envelope(c.id);
      const payload = decodeJwt(jwt) as Record<string, any>;
      assert.equal(payload.iss, credential.issuer.id, 'iss = issuer.id');
      assert.equal(payload.iss, ISSUER);
      assert.equal(payload.jti, credential.id, 'jti = id');
      assert.equal(payload.jti, `${BASE}/api/v1/credentials/${c.id}`);
      // validFrom has no fraction of a second, so the NumericDate converts back to it exactly.
      assert.match(credential.validFrom, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(new Date(payload.nbf * 1000).toISOString().replace('.000Z', 'Z'), credential.validFrom, 'nbf = validFrom');
      // sub is credentialSubject.id; ours has none (the learner is a salted hash), so there is no sub.
      assert.equal(credential.credentialSubject.id, undefined);
      assert.equal('sub' in payload, false, 'no sub without a credentialSubject.id');
      assert.equal('exp' in payload, false, 'no exp without validUntil');
      // The rest of the payload is the credential itself.
      const rest = Object.fromEntries(Object.entries(payload).filter(([k]) => !REGISTERED.includes(k)));
      assert.deepEqual(rest, credential);
    }
  });
});

describe('the Bitstring Status List credential', () => {
  const listUrl = `${ISSUER}/status/revocation`;

  it('answers JSON by default and for the JSON media types, with its issuer', async () => {
    for (const accept of [undefined, '*/*', 'application/json', 'application/ld+json', 'application/vc+ld+json']) {
      const res = await fetch(listUrl, { headers: accept ? { Accept: accept } : {} });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/, String(accept));
      assert.match(res.headers.get('vary') ?? '', /Accept/);
      const list = (await res.json()) as any;
      assert.deepEqual(list.type, ['VerifiableCredential', 'BitstringStatusListCredential']);
      assert.equal(list.issuer, ISSUER);
      assert.match(list.validFrom, /:\d\dZ$/);
    }
  });

  it('answers the signed list for application/vc+jwt and application/jwt, with iss and a kid that resolves', async () => {
    const json = (await (await fetch(listUrl, { headers: { Accept: 'application/json' } })).json()) as any;
    for (const accept of ['application/vc+jwt', 'application/jwt', 'application/vc+jwt, application/json;q=0.5']) {
      const res = await fetch(listUrl, { headers: { Accept: accept } });
      assert.equal(res.status, 200);
      const type = accept.split(',')[0]!;
      assert.equal(res.headers.get('content-type'), type, accept);
      const jwt = await res.text();
      const header = decodeProtectedHeader(jwt);
      assert.equal(header.alg, 'EdDSA');
      const { payload } = await jwtVerify(jwt, await keyOfKid(header.kid), { algorithms: ['EdDSA'] });
      assert.equal(payload.iss, ISSUER, 'iss = issuer');
      assert.equal(payload.jti, listUrl, 'jti = id');
      assert.equal(payload.sub, `${listUrl}#list`, 'sub = credentialSubject.id');
      assert.equal(new Date(payload.nbf! * 1000).toISOString().replace('.000Z', 'Z'), json.validFrom, 'nbf = validFrom');
      const rest = Object.fromEntries(Object.entries(payload).filter(([k]) => !REGISTERED.includes(k)));
      assert.deepEqual(rest, json, 'the same list, signed');
    }
    // ?format=jwt still answers it too.
    const byQuery = await fetch(`${listUrl}?format=jwt`);
    assert.match(byQuery.headers.get('content-type') ?? '', /^application\/jwt/);
  });
});
