/**
 * The public side of skills badges. Anyone may read and verify a credential, so these routes
 * need no site key and answer any origin (`Access-Control-Allow-Origin: *`; read-only, no
 * cookies or credentials involved). Reads are cacheable with an ETag; verification is not.
 *
 *   GET  /api/v1/credentials/:id            by Accept: { credential, jwt, display } (default), the credential
 *                                           (application/vc+ld+json, ld+json, json), the JWT (application/jwt,
 *                                           vc+jwt; also ?format=jwt), the verification page (text/html)
 *   POST /api/v1/credentials/verify         { jwt } | { credential } → { verified, status, checks }
 *   GET  /api/v1/issuers/:tenantId          the issuer Profile (a credential's issuer.id)
 *   GET  /api/v1/issuers/:tenantId/jwks     the issuer's public keys
 *   GET  /api/v1/issuers/:tenantId/keys/:kid  one public key (a JWT header's kid)
 *   GET  /api/v1/issuers/:tenantId/status/revocation   the Bitstring Status List credential (signed for application/vc+jwt)
 *   GET  /api/v1/achievements/:id           the OB 3.0 Achievement (an achievement's id)
 *   GET  /api/v1/achievements/:id/image.svg the generated badge image
 *   GET  /api/v1/skills/:code               a skill an achievement aligns to (an alignment's targetUrl)
 */
import { and, eq, isNotNull, min } from 'drizzle-orm';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { SignJWT } from 'jose';
import { z } from 'zod';
import {
  CredentialAnswer,
  IssuerProfile,
  Jwks,
  OB_CONTEXT_V3,
  VC_CONTEXT_V2,
  VerifyRequest,
  VerifyResult,
  type CredentialDisplay,
} from '../../schema/api/credentials.js';
import { achievements, credentials as credentialsTable, students } from '../../schema/db/tables.js';
import { SKILL_CODES, SKILLS } from '../../schema/vocab.js';
import type { AppEnv } from '../env.js';
import { publicCache } from '../middleware/cache.js';
import { json, param, query } from '../middleware/validate.js';
import { badgeSvg } from '../lib/badge-svg.js';
import {
  achievementImageOf,
  achievementObject,
  encodeStatusList,
  issuerIdOf,
  issuerProfile,
  jwtPayload,
  keyUrlOf,
  levelName,
  skillsOfCredential,
  statusListUrlOf,
  wholeSeconds,
} from '../lib/credentials.js';
import type { Database } from '../lib/db.js';
import { publicJwk, publicKeys, requireSecret, signingKey } from '../lib/issuer-keys.js';
import { achievementFacts, issuerFacts } from '../lib/issuing.js';
import { describe } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { CREDENTIAL_OFFERS, negotiate, pageCsp, pageLang, STATUS_LIST_OFFERS, verificationPage } from '../lib/verification-page.js';
import { verifyCredentialJson, verifyJwt } from '../lib/verify.js';

const TAGS = ['credentials'];
describe({
  method: 'get',
  path: '/api/v1/credentials/:id',
  summary:
    'An Open Badges 3.0 credential (its id URL), by content negotiation: with its VC-JWT and what a badge shows of it (default, or when JSON and the JWT are asked for equally); ' +
    'the credential itself for application/vc+ld+json, application/ld+json or application/json; the compact JWT for application/jwt or application/vc+jwt (or ?format=jwt); ' +
    'a public verification page with the live result for text/html (English or Spanish by Accept-Language, or ?lang=es)',
  tags: TAGS,
  security: 'none',
  params: { id: 'The credential id (`cred_…`)' },
  query: z.object({ format: z.enum(['json', 'jwt']).optional(), lang: z.enum(['en', 'es']).optional() }),
  responses: { 200: { description: 'The credential (or, with format=jwt, the compact JWT as application/jwt)', schema: CredentialAnswer } },
});
describe({
  method: 'post',
  path: '/api/v1/credentials/verify',
  summary: 'Verifies a VC-JWT or a credential’s JSON: signature, validity dates, revocation and issuer',
  tags: TAGS,
  security: 'none',
  body: VerifyRequest,
  responses: { 200: { description: 'The verification; a forged, tampered or revoked credential is an answer, not an error', schema: VerifyResult } },
});
describe({
  method: 'get',
  path: '/api/v1/issuers/:tenantId',
  summary: 'An issuer’s Open Badges Profile (the issuer.id of its credentials)',
  tags: TAGS,
  security: 'none',
  params: { tenantId: 'The issuing district or convener' },
  responses: { 200: { description: 'The Profile, with @context', schema: IssuerProfile } },
});
describe({
  method: 'get',
  path: '/api/v1/issuers/:tenantId/jwks',
  summary: 'The issuer’s public signing keys (Ed25519), named by the kid of its credentials’ JWT headers',
  tags: TAGS,
  security: 'none',
  params: { tenantId: 'The issuing district or convener' },
  responses: { 200: { description: 'A JSON Web Key Set', schema: Jwks } },
});
describe({
  method: 'get',
  path: '/api/v1/issuers/:tenantId/keys/:kid',
  summary: 'One public signing key of the issuer: what the kid of its credentials’ JWT headers dereferences to',
  tags: TAGS,
  security: 'none',
  params: { tenantId: 'The issuing district or convener', kid: 'The key’s JWK thumbprint (RFC 7638)' },
  responses: { 200: { description: 'A public JWK (application/jwk+json)', contentType: 'application/jwk+json' } },
});
describe({
  method: 'get',
  path: '/api/v1/issuers/:tenantId/status/revocation',
  summary:
    'The issuer’s W3C Bitstring Status List credential for revocation; signed (VC-JWT) for Accept: application/vc+jwt or application/jwt, or ?format=jwt',
  tags: TAGS,
  security: 'none',
  params: { tenantId: 'The issuing district or convener' },
  query: z.object({ format: z.enum(['json', 'jwt']).optional() }),
  responses: { 200: { description: 'A BitstringStatusListCredential (GZIP-compressed, base64url, at least 131 072 entries)' } },
});
describe({
  method: 'get',
  path: '/api/v1/achievements/:id',
  summary: 'An Open Badges 3.0 Achievement (the achievement.id of its credentials)',
  tags: TAGS,
  security: 'none',
  params: { id: 'The achievement id (`ach_…`)' },
  responses: { 200: { description: 'The Achievement, with @context' } },
});
describe({
  method: 'get',
  path: '/api/v1/achievements/:id/image.svg',
  summary: 'The generated badge image of an achievement without its own',
  tags: TAGS,
  security: 'none',
  params: { id: 'The achievement id (`ach_…`)' },
  responses: { 200: { description: 'An SVG image', contentType: 'image/svg+xml' } },
});
describe({
  method: 'get',
  path: '/api/v1/skills/:code',
  summary: 'An employability skill that achievements align to',
  tags: TAGS,
  security: 'none',
  params: { code: 'The skill code (`communication`…)' },
  responses: { 200: { description: 'The skill, labelled in English and Spanish' } },
});

/** Read-only and without credentials, so any page may call: the point of a verifiable badge. */
export const openCors = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === 'OPTIONS') {
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type, If-None-Match',
      'Access-Control-Max-Age': '86400',
    });
  }
  await next();
  c.res.headers.set('Access-Control-Allow-Origin', '*');
  c.res.headers.set('Access-Control-Expose-Headers', 'ETag');
});

const originOf = (url: string) => new URL(url).origin;
const CredentialId = z.object({ id: z.string().regex(/^cred_[a-z0-9]{20}$/) });
const TenantId = z.object({ tenantId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) });
const AchievementId = z.object({ id: z.string().regex(/^ach_[a-z0-9_]{3,60}$/) });
const Format = z.object({ format: z.enum(['json', 'jwt']).optional() });
const CredentialQuery = z.object({ format: z.enum(['json', 'jwt']).optional(), lang: z.enum(['en', 'es']).optional() });
const KeyParams = z.object({ tenantId: TenantId.shape.tenantId, kid: z.string().regex(/^[\w-]{43}$/) });

function credentialRow(db: Database, id: string) {
  const c = credentialsTable;
  return db
    .select({
      id: c.id,
      tenantId: c.tenantId,
      jwt: c.jwt,
      credential: c.credential,
      issuedAt: c.issuedAt,
      revokedAt: c.revokedAt,
      preferredName: students.preferredName,
      showName: students.showNameOnBadges,
    })
    .from(c)
    .leftJoin(students, and(eq(students.id, c.studentId), eq(students.tenantId, c.tenantId)))
    .where(eq(c.id, id))
    .get();
}
type CredentialRow = NonNullable<Awaited<ReturnType<typeof credentialRow>>>;

export const credentials = new Hono<AppEnv>()
  .use(openCors)
  .post('/verify', json(VerifyRequest), async (c) => {
    const body = c.req.valid('json');
    const origin = originOf(c.req.url);
    const result = 'jwt' in body ? await verifyJwt(c.var.db, origin, body.jwt) : await verifyCredentialJson(c.var.db, origin, body.credential);
    c.header('Cache-Control', 'no-store');
    return c.json(result);
  })
  .get('/:id', publicCache(60), param(CredentialId), query(CredentialQuery), async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    // One URL, several representations: caches must keep them apart.
    c.header('Vary', 'Accept, Accept-Language');
    const row = await credentialRow(c.var.db, id);
    if (!row) throw new ProblemError('notFound', { detail: 'There is no credential with this id.' });
    if (q.format === 'jwt') return c.body(row.jwt, 200, { 'Content-Type': 'application/jwt' });
    const asked = q.format === 'json' ? null : negotiate(c.req.header('Accept'), CREDENTIAL_OFFERS);
    const wants = asked === null || asked === 'tie' ? null : asked;
    if (wants?.kind === 'jwt') return c.body(row.jwt, 200, { 'Content-Type': wants.type });
    const credential = row.credential;
    if (wants?.kind === 'credential') return c.body(JSON.stringify(credential), 200, { 'Content-Type': `${wants.type}; charset=utf-8` });
    const display = displayOf(credential, row);
    if (wants?.kind === 'html') {
      const result = await verifyJwt(c.var.db, originOf(c.req.url), row.jwt);
      const html = verificationPage({
        lang: pageLang(q.lang, c.req.header('Accept-Language')),
        url: display.url,
        display,
        validUntil: typeof credential.validUntil === 'string' ? credential.validUntil : null,
        result,
      });
      return c.html(html, 200, {
        'Content-Security-Policy': await pageCsp(),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
    }
    // No Accept, */*, or JSON and the JWT asked for equally (the badge widget): both, with what a badge shows.
    const answer: CredentialAnswer = { credential: credential as CredentialAnswer['credential'], jwt: row.jwt, display };
    return c.json(answer);
  });

/** What the badge shows, read from the signed credential itself plus the two facts that live beside it. */
function displayOf(credential: Record<string, unknown>, row: CredentialRow): CredentialDisplay {
  const issuer = credential.issuer as { id: string; name: string; url?: string };
  const achievement = (credential.credentialSubject as { achievement: Record<string, unknown> }).achievement;
  const evidence = (credential.evidence as { description?: string }[] | undefined)?.[0]?.description ?? '';
  return {
    // Only the student's own choice puts their name on a badge, and never inside the signed credential.
    learnerName: row.showName === true && row.preferredName ? row.preferredName : null,
    achievementName: String(achievement.name ?? credential.name),
    achievementDescription: String(achievement.description ?? ''),
    achievementType: String(achievement.achievementType ?? 'Achievement'),
    criteria: String((achievement.criteria as { narrative?: string } | undefined)?.narrative ?? ''),
    imageUrl: String((achievement.image as { id?: string } | undefined)?.id ?? ''),
    issuerId: issuer.id,
    issuerName: issuer.name,
    issuerUrl: issuer.url ?? null,
    issuedOn: String(credential.validFrom),
    skills: skillsOfCredential(credential),
    evidence,
    revoked: row.revokedAt !== null,
    revokedOn: row.revokedAt,
    url: String(credential.id),
  };
}

async function tenantExists(c: { var: { db: Database } }, tenantId: string) {
  const facts = await issuerFacts(c.var.db, tenantId);
  if (!facts) throw new ProblemError('notFound', { detail: 'There is no such issuer.' });
  return facts;
}

export const issuers = new Hono<AppEnv>()
  .use(openCors)
  .get('/:tenantId', publicCache(300), param(TenantId), async (c) => {
    const facts = await tenantExists(c, c.req.valid('param').tenantId);
    return c.json({ '@context': [VC_CONTEXT_V2, OB_CONTEXT_V3], ...issuerProfile(originOf(c.req.url), facts) });
  })
  .get('/:tenantId/jwks', publicCache(300), param(TenantId), async (c) => {
    const { tenantId } = c.req.valid('param');
    await tenantExists(c, tenantId);
    // Each kid is the key's URL, as JWT headers name it (so a JWKS lookup by kid finds it).
    return c.json({ keys: await publicKeys(c.var.db, tenantId, originOf(c.req.url)) });
  })
  .get('/:tenantId/keys/:kid', publicCache(300), param(KeyParams), async (c) => {
    const { tenantId, kid } = c.req.valid('param');
    await tenantExists(c, tenantId);
    const jwk = await publicJwk(c.var.db, originOf(c.req.url), tenantId, kid);
    if (!jwk) throw new ProblemError('notFound', { detail: 'The issuer has no key with this id.' });
    return c.body(JSON.stringify(jwk), 200, { 'Content-Type': 'application/jwk+json' });
  })
  .get('/:tenantId/status/revocation', publicCache(60), param(TenantId), query(Format), async (c) => {
    const { tenantId } = c.req.valid('param');
    await tenantExists(c, tenantId);
    const origin = originOf(c.req.url);
    c.header('Vary', 'Accept');
    const t = credentialsTable;
    const results = await c.var.db
      .select({ i: t.statusListIndex, revokedAt: t.revokedAt })
      .from(t)
      .where(and(eq(t.tenantId, tenantId), isNotNull(t.revokedAt)))
      .all();
    const first = await c.var.db
      .select({ at: min(t.issuedAt) })
      .from(t)
      .where(eq(t.tenantId, tenantId))
      .get();
    const url = statusListUrlOf(origin, tenantId);
    // Valid from the last change to the list, so the same list keeps the same body (and ETag);
    // at whole seconds, so the signed form's nbf says exactly the same instant.
    const changed = Math.max(...[first?.at ?? '2026-01-01T00:00:00Z', ...results.map((r) => r.revokedAt!)].map((at) => Date.parse(at)));
    const encodedList = await encodeStatusList(results.map((r) => r.i));
    const issuerId = issuerIdOf(origin, tenantId);
    const list = {
      '@context': [VC_CONTEXT_V2],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: issuerId,
      validFrom: wholeSeconds(changed),
      credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList, ttl: 300_000 },
    };
    const asked = c.req.valid('query').format === 'jwt' ? { kind: 'jwt', type: 'application/jwt' } : negotiate(c.req.header('Accept'), STATUS_LIST_OFFERS);
    if (asked !== null && asked !== 'tie' && asked.kind === 'jwt') {
      // Bitstring Status List §3.2: a verifier dereferences the list and checks its proof; this
      // form carries one (VC-JOSE-COSE, typ vc+jwt), with iss, jti, sub and nbf as claims.
      const key = await signingKey(c.var.db, requireSecret(c.env.ISSUER_KEY_SECRET), tenantId);
      const jwt = await new SignJWT(jwtPayload(list))
        .setProtectedHeader({ alg: 'EdDSA', kid: keyUrlOf(origin, tenantId, key.kid), typ: 'vc+jwt' })
        .sign(key.key);
      return c.body(jwt, 200, { 'Content-Type': asked.type });
    }
    return c.json(list);
  });

async function achievementRow(c: { var: { db: Database } }, id: string) {
  const row = await c.var.db.select().from(achievements).where(eq(achievements.id, id)).get();
  if (!row) throw new ProblemError('notFound', { detail: 'There is no such achievement.' });
  return row;
}

export const achievementsPublic = new Hono<AppEnv>()
  .use(openCors)
  .get('/:id', publicCache(300), param(AchievementId), async (c) => {
    const row = await achievementRow(c, c.req.valid('param').id);
    const issuer = (await issuerFacts(c.var.db, row.tenantId))!;
    return c.json({ '@context': [VC_CONTEXT_V2, OB_CONTEXT_V3], ...achievementObject(originOf(c.req.url), issuer, achievementFacts(row)) });
  })
  .get('/:file{ach_[a-z0-9_]{3,60}}/image.svg', publicCache(3600), async (c) => {
    const row = await achievementRow(c, c.req.param('file'));
    const issuer = (await issuerFacts(c.var.db, row.tenantId))!;
    const facts = achievementFacts(row);
    // An achievement with its own image still answers here, so old links keep working.
    if (row.image) c.header('Link', `<${achievementImageOf(originOf(c.req.url), facts)}>; rel="alternate"`);
    return c.body(badgeSvg({ name: row.name, skill: facts.skills[0] ?? null, issuer: issuer.name }), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      // An SVG opened on its own is a document: it may not run or load anything.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    });
  });

export const skills = new Hono<AppEnv>().use(openCors).get('/:code', publicCache(3600), param(z.object({ code: z.enum(SKILL_CODES) })), (c) => {
  const skill = SKILLS.find((s) => s.code === c.req.valid('param').code)!;
  return c.json({
    id: `${originOf(c.req.url)}/api/v1/skills/${skill.code}`,
    code: skill.code,
    name: skill.label,
    framework: 'Open WBL employability skills',
    rubric: [1, 2, 3, 4].map((level) => ({ level, name: levelName(level) })),
  });
});
