import { Hono } from 'hono';
import { z } from 'zod';
import {
  AdminSite, AdminSiteList, SiteCreate, SiteKeyRotation, SiteListQuery, SiteUpdate, type SiteStatus,
} from '../../../schema/api/admin/sites.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { forgetSiteKey } from '../../middleware/site.js';
import { json, param, query } from '../../middleware/validate.js';
import { actorOf, auditIf, conflict, invalid, notFound, ownedId, setClause, type Guard } from '../../lib/admin-kit.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { auditStatement } from '../../lib/audit.js';
import { newId } from '../../lib/ids.js';
import { parseJsonList } from '../../lib/mappers.js';
import { describe } from '../../lib/openapi.js';

const TAG = ['admin: sites'];
const ID = { id: 'The site id (`site_…`)' };
describe({ method: 'get', path: '/api/v1/admin/sites', summary: 'The tenant’s embedding sites and their keys', tags: TAG, security: 'bearer', query: SiteListQuery, responses: { 200: { description: 'A page of sites', schema: AdminSiteList } } });
describe({ method: 'post', path: '/api/v1/admin/sites', summary: 'Registers a website that embeds the widgets and gives it a key', tags: TAG, security: 'bearer', body: SiteCreate, responses: { 201: { description: 'The new site with its publishable key', schema: AdminSite } } });
describe({ method: 'get', path: '/api/v1/admin/sites/:id', summary: 'One site', tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'The site', schema: AdminSite } } });
describe({ method: 'patch', path: '/api/v1/admin/sites/:id', summary: 'Renames a site or changes its origins or school', tags: TAG, security: 'bearer', params: ID, body: SiteUpdate, responses: { 200: { description: 'The site', schema: AdminSite }, 409: { description: 'The site is revoked' } } });
describe({
  method: 'post', path: '/api/v1/admin/sites/:id/rotate-key', summary: 'Gives a site a new publishable key; the old one stops working', tags: TAG, security: 'bearer', params: ID,
  responses: { 200: { description: 'The new key, and what to do with it', schema: SiteKeyRotation }, 409: { description: 'The site is revoked, or its key was rotated meanwhile' } },
});
for (const [action, summary] of [['suspend', 'Stops a site’s key answering until it is resumed'], ['resume', 'Lets a suspended site’s key answer again'], ['revoke', 'Stops a site’s key for good']] as const) {
  describe({ method: 'post', path: `/api/v1/admin/sites/:id/${action}`, summary, tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'The site', schema: AdminSite }, 409: { description: 'The site’s status does not allow this' } } });
}

/** The status moves of a site: only `active` keys answer, and a revoked site stays revoked. */
const STATUS_ACTIONS = {
  suspend: { to: 'suspended', from: ['active'], done: 'suspended' },
  resume: { to: 'active', from: ['suspended'], done: 'resumed' },
  revoke: { to: 'revoked', from: ['active', 'suspended'], done: 'revoked' },
} as const satisfies Record<string, { to: SiteStatus; from: readonly SiteStatus[]; done: string }>;

interface SiteRow {
  rid: number; id: string; name: string; publishable_key: string; allowed_origins: string; school_id: string | null;
  school_name: string | null; status: SiteStatus; created_at: string;
}

const SITE_SELECT = `SELECT s.rowid AS rid, s.id, s.name, s.publishable_key, s.allowed_origins, s.school_id, sc.name AS school_name, s.status, s.created_at
  FROM sites s LEFT JOIN schools sc ON sc.id = s.school_id AND sc.tenant_id = s.tenant_id`;

function toSite(r: SiteRow): AdminSite {
  return {
    id: r.id,
    name: r.name,
    publishableKey: r.publishable_key,
    allowedOrigins: parseJsonList(r.allowed_origins),
    school: r.school_id ? { id: r.school_id, name: r.school_name ?? '' } : null,
    status: r.status,
    createdAt: r.created_at,
  };
}

const KEY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `pk_` and 160 random bits. Publishable, not secret, but never guessable from another site's key. */
export function newPublishableKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `pk_${[...bytes].map((b) => KEY_ALPHABET[b & 31]).join('')}`;
}

const SiteId = z.object({ id: z.string().regex(/^site_[a-z0-9_]{3,60}$/) });

async function oneSite(db: AppEnv['Bindings']['DB'], id: string, tenantId: string): Promise<SiteRow> {
  const row = await db.prepare(`${SITE_SELECT} WHERE s.id = ? AND s.tenant_id = ?`).bind(id, tenantId).first<SiteRow>();
  if (!row) throw notFound('site');
  return row;
}

async function checkSchool(db: AppEnv['Bindings']['DB'], schoolId: string | null | undefined, tenantId: string) {
  if (schoolId && !(await ownedId(db, 'schools', schoolId, tenantId))) {
    throw invalid([{ path: 'schoolId', message: 'Choose one of your schools', code: 'unknown_school' }]);
  }
}

/**
 * Sites and keys: the administrator's work. A changed, suspended or revoked key is dropped from
 * this isolate's site cache at once; other isolates of the Worker keep their cached copy for
 * up to 30 seconds (worker/middleware/site.ts), which the rotation answer says.
 */
export const sites = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', query(SiteListQuery), async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user');
    const cursor = readCursor(q.cursor);
    const where = ['s.tenant_id = ?'];
    const params: unknown[] = [user.tenantId];
    if (q.status) {
      where.push('s.status = ?');
      params.push(q.status);
    }
    if (cursor) {
      where.push('(s.name, s.rowid) > (?, ?)');
      params.push(cursor.k, cursor.s);
    }
    const { results } = await c.env.DB.prepare(`${SITE_SELECT} WHERE ${where.join(' AND ')} ORDER BY s.name, s.rowid LIMIT ?`)
      .bind(...params, q.limit + 1).all<SiteRow>();
    return c.json(pageOf(results, q.limit, (r) => ({ k: r.name, s: r.rid }), toSite));
  })
  .post('/', json(SiteCreate), async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    await checkSchool(db, body.schoolId, user.tenantId);
    const id = newId('site');
    const key = newPublishableKey();
    await db.batch([
      db.prepare('INSERT INTO sites (id, tenant_id, name, publishable_key, allowed_origins, school_id, status) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .bind(id, user.tenantId, body.name, key, JSON.stringify(body.allowedOrigins), body.schoolId ?? null, 'active'),
      auditStatement(db, { ...actorOf(user), action: 'site.create', entity: 'site', entityId: id, detail: { origins: body.allowedOrigins.length } }),
    ]);
    return c.json(toSite(await oneSite(db, id, user.tenantId)), 201);
  })
  .get('/:id', param(SiteId), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(toSite(await oneSite(c.env.DB, id, c.get('user').tenantId)));
  })
  .patch('/:id', param(SiteId), json(SiteUpdate), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    const before = await oneSite(db, id, user.tenantId);
    await checkSchool(db, body.schoolId, user.tenantId);
    const set = setClause({ name: 'name', allowedOrigins: 'allowed_origins', schoolId: 'school_id' }, body);
    const guard: Guard = { sql: `EXISTS (SELECT 1 FROM sites WHERE id = ? AND tenant_id = ? AND status != 'revoked')`, params: [id, user.tenantId] };
    const [, updated] = await db.batch([
      auditIf(db, { ...actorOf(user), action: 'site.update', entity: 'site', entityId: id, detail: { fields: Object.keys(body) } }, guard),
      db.prepare(`UPDATE sites SET ${set.sql} WHERE id = ? AND tenant_id = ? AND status != 'revoked'`).bind(...set.params, id, user.tenantId),
    ]);
    if (!updated?.meta.changes) throw conflict('This site is revoked', 'A revoked site cannot be changed. Create a new site instead.');
    // The cached copy carries the old origins and school.
    forgetSiteKey(before.publishable_key);
    return c.json(toSite(await oneSite(db, id, user.tenantId)));
  })
  .post('/:id/rotate-key', param(SiteId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const db = c.env.DB;
    const before = await oneSite(db, id, user.tenantId);
    if (before.status === 'revoked') throw conflict('This site is revoked', 'A revoked site gets no new key. Create a new site instead.');
    const key = newPublishableKey();
    // The old key in the condition: of two rotations at once, the second finds it gone and changes nothing.
    const guard: Guard = { sql: `EXISTS (SELECT 1 FROM sites WHERE id = ? AND tenant_id = ? AND publishable_key = ? AND status != 'revoked')`, params: [id, user.tenantId, before.publishable_key] };
    const [, updated] = await db.batch([
      auditIf(db, { ...actorOf(user), action: 'site.rotate_key', entity: 'site', entityId: id, detail: { previousKeyEnds: before.publishable_key.slice(-4), newKeyEnds: key.slice(-4) } }, guard),
      db.prepare(`UPDATE sites SET publishable_key = ? WHERE id = ? AND tenant_id = ? AND publishable_key = ? AND status != 'revoked'`)
        .bind(key, id, user.tenantId, before.publishable_key),
    ]);
    if (!updated?.meta.changes) throw conflict('The key changed meanwhile', 'Someone else rotated or revoked this key a moment ago. Reload the site to see its key.');
    forgetSiteKey(before.publishable_key);
    return c.json({
      site: toSite(await oneSite(db, id, user.tenantId)),
      previousKey: before.publishable_key,
      note: 'Put the new key in the site’s embed code now. The old key is refused from now on; a server that cached it may still accept it for up to 30 seconds.',
    } satisfies SiteKeyRotation);
  })
  .post('/:id/:action{suspend|resume|revoke}', param(z.object({ id: SiteId.shape.id, action: z.enum(['suspend', 'resume', 'revoke']) })), async (c) => {
    const { id, action } = c.req.valid('param');
    const user = c.get('user');
    const db = c.env.DB;
    const move = STATUS_ACTIONS[action];
    const before = await oneSite(db, id, user.tenantId);
    const from = move.from.map(() => '?').join(', ');
    const guard: Guard = { sql: `EXISTS (SELECT 1 FROM sites WHERE id = ? AND tenant_id = ? AND status IN (${from}))`, params: [id, user.tenantId, ...move.from] };
    const [, updated] = await db.batch([
      auditIf(db, { ...actorOf(user), action: `site.${action}`, entity: 'site', entityId: id, detail: { from: before.status, to: move.to } }, guard),
      db.prepare(`UPDATE sites SET status = ? WHERE id = ? AND tenant_id = ? AND status IN (${from})`).bind(move.to, id, user.tenantId, ...move.from),
    ]);
    if (!updated?.meta.changes) {
      const now = await oneSite(db, id, user.tenantId);
      throw conflict(`This site cannot be ${move.done}`, `The site is ${now.status}; only ${move.from.join(' or ')} sites can be ${move.done}.`);
    }
    forgetSiteKey(before.publishable_key);
    return c.json(toSite(await oneSite(db, id, user.tenantId)));
  });
