/**
 * The public side of skills badges. Anyone may read and verify a credential, so these routes
 * need no site key and answer any origin (`Access-Control-Allow-Origin: *`; read-only, no
 * cookies or credentials involved). Reads are cacheable with an ETag; verification is not.
 *
 *   GET  /api/v1/credentials/:id            { credential, jwt, display }  (?format=jwt → application/jwt)
 *   POST /api/v1/credentials/verify         { jwt } | { credential } → { verified, status, checks }
 *   GET  /api/v1/issuers/:tenantId          the issuer Profile (a credential's issuer.id)
 *   GET  /api/v1/issuers/:tenantId/jwks     the issuer's public keys
 *   GET  /api/v1/issuers/:tenantId/status/revocation   the Bitstring Status List credential
 *   GET  /api/v1/achievements/:id           the OB 3.0 Achievement (an achievement's id)
 *   GET  /api/v1/achievements/:id/image.svg the generated badge image
 *   GET  /api/v1/skills/:code               a skill an achievement aligns to (an alignment's targetUrl)
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { SignJWT } from 'jose';
import { z } from 'zod';
import {
  CredentialAnswer, IssuerProfile, Jwks, OB_CONTEXT_V3, VC_CONTEXT_V2, VerifyRequest, VerifyResult, type CredentialDisplay,
} from '../../schema/api/credentials.js';
import { SKILL_CODES, SKILLS } from '../../schema/vocab.js';
import type { AppEnv } from '../env.js';
import { publicCache } from '../middleware/cache.js';
import { json, param, query } from '../middleware/validate.js';
import { badgeSvg } from '../lib/badge-svg.js';
import {
  achievementImageOf, achievementObject, encodeStatusList, issuerIdOf, issuerProfile, jwtPayload, levelName, skillsOfCredential, statusListUrlOf,
} from '../lib/credentials.js';
import { publicKeys, requireSecret, signingKey } from '../lib/issuer-keys.js';
import { achievementFacts, issuerFacts, type AchievementRow } from '../lib/issuing.js';
import { describe } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { verifyCredentialJson, verifyJwt } from '../lib/verify.js';

const TAGS = ['credentials'];
describe({
  method: 'get', path: '/api/v1/credentials/:id', summary: 'An Open Badges 3.0 credential with its VC-JWT and what a badge shows of it; ?format=jwt answers the JWT alone', tags: TAGS, security: 'none',
  params: { id: 'The credential id (`cred_…`)' }, query: z.object({ format: z.enum(['json', 'jwt']).optional() }),
  responses: { 200: { description: 'The credential (or, with format=jwt, the compact JWT as application/jwt)', schema: CredentialAnswer } },
});
describe({
  method: 'post', path: '/api/v1/credentials/verify', summary: 'Verifies a VC-JWT or a credential’s JSON: signature, validity dates, revocation and issuer', tags: TAGS, security: 'none',
  body: VerifyRequest,
  responses: { 200: { description: 'The verification; a forged, tampered or revoked credential is an answer, not an error', schema: VerifyResult } },
});
describe({
  method: 'get', path: '/api/v1/issuers/:tenantId', summary: 'An issuer’s Open Badges Profile (the issuer.id of its credentials)', tags: TAGS, security: 'none',
  params: { tenantId: 'The issuing district or convener' },
  responses: { 200: { description: 'The Profile, with @context', schema: IssuerProfile } },
});
describe({
  method: 'get', path: '/api/v1/issuers/:tenantId/jwks', summary: 'The issuer’s public signing keys (Ed25519), named by the kid of its credentials’ JWT headers', tags: TAGS, security: 'none',
  params: { tenantId: 'The issuing district or convener' },
  responses: { 200: { description: 'A JSON Web Key Set', schema: Jwks } },
});
describe({
  method: 'get', path: '/api/v1/issuers/:tenantId/status/revocation', summary: 'The issuer’s W3C Bitstring Status List credential for revocation; ?format=jwt answers it signed', tags: TAGS, security: 'none',
  params: { tenantId: 'The issuing district or convener' }, query: z.object({ format: z.enum(['json', 'jwt']).optional() }),
  responses: { 200: { description: 'A BitstringStatusListCredential (GZIP-compressed, base64url, at least 131 072 entries)' } },
});
describe({
  method: 'get', path: '/api/v1/achievements/:id', summary: 'An Open Badges 3.0 Achievement (the achievement.id of its credentials)', tags: TAGS, security: 'none',
  params: { id: 'The achievement id (`ach_…`)' },
  responses: { 200: { description: 'The Achievement, with @context' } },
});
describe({
  method: 'get', path: '/api/v1/achievements/:id/image.svg', summary: 'The generated badge image of an achievement without its own', tags: TAGS, security: 'none',
  params: { id: 'The achievement id (`ach_…`)' },
  responses: { 200: { description: 'An SVG image', contentType: 'image/svg+xml' } },
});
describe({
  method: 'get', path: '/api/v1/skills/:code', summary: 'An employability skill that achievements align to', tags: TAGS, security: 'none',
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

interface CredentialRow {
  id: string; tenant_id: string; jwt: string; credential: string; issued_at: string; revoked_at: string | null;
  preferred_name: string | null; show_name: number | null;
}

export const credentials = new Hono<AppEnv>()
  .use(openCors)
  .post('/verify', json(VerifyRequest), async (c) => {
    const body = c.req.valid('json');
    const origin = originOf(c.req.url);
    const result = 'jwt' in body ? await verifyJwt(c.env.DB, origin, body.jwt) : await verifyCredentialJson(c.env.DB, origin, body.credential);
    c.header('Cache-Control', 'no-store');
    return c.json(result);
  })
  .get('/:id', publicCache(60), param(CredentialId), query(Format), async (c) => {
    const { id } = c.req.valid('param');
    const row = await c.env.DB.prepare(
      `SELECT c.id, c.tenant_id, c.jwt, c.credential, c.issued_at, c.revoked_at, s.preferred_name, s.show_name_on_badges AS show_name
         FROM credentials c LEFT JOIN students s ON s.id = c.student_id AND s.tenant_id = c.tenant_id
        WHERE c.id = ?`,
    ).bind(id).first<CredentialRow>();
    if (!row) throw new ProblemError('notFound', { detail: 'There is no credential with this id.' });
    if (c.req.valid('query').format === 'jwt') return c.body(row.jwt, 200, { 'Content-Type': 'application/jwt' });
    const credential = JSON.parse(row.credential) as Record<string, unknown>;
    const answer: CredentialAnswer = { credential: credential as CredentialAnswer['credential'], jwt: row.jwt, display: displayOf(credential, row) };
    return c.json(answer);
  });

/** What the badge shows, read from the signed credential itself plus the two facts that live beside it. */
function displayOf(credential: Record<string, unknown>, row: CredentialRow): CredentialDisplay {
  const issuer = credential.issuer as { id: string; name: string; url?: string };
  const achievement = (credential.credentialSubject as { achievement: Record<string, unknown> }).achievement;
  const evidence = (credential.evidence as { description?: string }[] | undefined)?.[0]?.description ?? '';
  return {
    // Only the student's own choice puts their name on a badge, and never inside the signed credential.
    learnerName: row.show_name === 1 && row.preferred_name ? row.preferred_name : null,
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
    revoked: row.revoked_at !== null,
    revokedOn: row.revoked_at,
    url: String(credential.id),
  };
}

async function tenantExists(c: { env: AppEnv['Bindings'] }, tenantId: string) {
  const facts = await issuerFacts(c.env.DB, tenantId);
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
    return c.json({ keys: await publicKeys(c.env.DB, tenantId) });
  })
  .get('/:tenantId/status/revocation', publicCache(60), param(TenantId), query(Format), async (c) => {
    const { tenantId } = c.req.valid('param');
    await tenantExists(c, tenantId);
    const origin = originOf(c.req.url);
    const { results } = await c.env.DB.prepare(
      'SELECT status_list_index AS i, revoked_at FROM credentials WHERE tenant_id = ? AND revoked_at IS NOT NULL',
    ).bind(tenantId).all<{ i: number; revoked_at: string }>();
    const first = await c.env.DB.prepare('SELECT min(issued_at) AS at FROM credentials WHERE tenant_id = ?').bind(tenantId).first<{ at: string | null }>();
    const url = statusListUrlOf(origin, tenantId);
    // Valid from the last change to the list, so the same list keeps the same body (and ETag).
    const changed = [first?.at ?? '2026-01-01T00:00:00.000Z', ...results.map((r) => r.revoked_at)].sort().at(-1)!;
    const encodedList = await encodeStatusList(results.map((r) => r.i));
    const list = {
      '@context': [VC_CONTEXT_V2],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: issuerIdOf(origin, tenantId),
      validFrom: changed,
      credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList, ttl: 300_000 },
    };
    if (c.req.valid('query').format === 'jwt') {
      const key = await signingKey(c.env.DB, requireSecret(c.env.ISSUER_KEY_SECRET), tenantId);
      const jwt = await new SignJWT({ ...jwtPayload(list), sub: `${url}#list` }).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt' }).sign(key.key);
      return c.body(jwt, 200, { 'Content-Type': 'application/jwt' });
    }
    return c.json(list);
  });

async function achievementRow(c: { env: AppEnv['Bindings'] }, id: string) {
  const row = await c.env.DB.prepare('SELECT * FROM achievements WHERE id = ?').bind(id).first<AchievementRow>();
  if (!row) throw new ProblemError('notFound', { detail: 'There is no such achievement.' });
  return row;
}

export const achievementsPublic = new Hono<AppEnv>()
  .use(openCors)
  .get('/:id', publicCache(300), param(AchievementId), async (c) => {
    const row = await achievementRow(c, c.req.valid('param').id);
    const issuer = (await issuerFacts(c.env.DB, row.tenant_id))!;
    return c.json({ '@context': [VC_CONTEXT_V2, OB_CONTEXT_V3], ...achievementObject(originOf(c.req.url), issuer, achievementFacts(row)) });
  })
  .get('/:file{ach_[a-z0-9_]{3,60}}/image.svg', publicCache(3600), async (c) => {
    const row = await achievementRow(c, c.req.param('file'));
    const issuer = (await issuerFacts(c.env.DB, row.tenant_id))!;
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

export const skills = new Hono<AppEnv>()
  .use(openCors)
  .get('/:code', publicCache(3600), param(z.object({ code: z.enum(SKILL_CODES) })), (c) => {
    const skill = SKILLS.find((s) => s.code === c.req.valid('param').code)!;
    return c.json({
      id: `${originOf(c.req.url)}/api/v1/skills/${skill.code}`,
      code: skill.code,
      name: skill.label,
      framework: 'Open WBL employability skills',
      rubric: [1, 2, 3, 4].map((level) => ({ level, name: levelName(level) })),
    });
  });
