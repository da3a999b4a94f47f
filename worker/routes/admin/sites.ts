import { Hono } from 'hono';
import { z } from 'zod';
import { AdminSite, AdminSiteList, SiteCreate, SiteKeyRotation, SiteListQuery, SiteUpdate, type SiteStatus } from '../../../schema/api/admin/sites.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { forgetSiteKey } from '../../middleware/site.js';
import { json, param, query } from '../../middleware/validate.js';
import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { schools, sites as siteTable } from '../../../schema/db/tables.js';
import { actorOf, conflict, invalid, notFound } from '../../lib/admin-kit.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { auditRow, auditRowIf } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import { newId } from '../../lib/ids.js';
import { parseJsonList } from '../../lib/mappers.js';
import { describe } from '../../lib/openapi.js';

const TAG = ['admin: sites'];
const ID = { id: 'The site id (`site_…`)' };
describe({
  method: 'get',
  path: '/api/v1/admin/sites',
  summary: 'The tenant’s embedding sites and their keys',
  tags: TAG,
  security: 'bearer',
  query: SiteListQuery,
  responses: { 200: { description: 'A page of sites', schema: AdminSiteList } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/sites',
  summary: 'Registers a website that embeds the widgets and gives it a key',
  tags: TAG,
  security: 'bearer',
  body: SiteCreate,
  responses: { 201: { description: 'The new site with its publishable key', schema: AdminSite } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/sites/:id',
  summary: 'One site',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'The site', schema: AdminSite } },
});
describe({
  method: 'patch',
  path: '/api/v1/admin/sites/:id',
  summary: 'Renames a site or changes its origins, school, calendar page or student page',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: SiteUpdate,
  responses: { 200: { description: 'The site', schema: AdminSite }, 409: { description: 'The site is revoked' } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/sites/:id/rotate-key',
  summary: 'Gives a site a new publishable key; the old one stops working',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: {
    200: { description: 'The new key, and what to do with it', schema: SiteKeyRotation },
    409: { description: 'The site is revoked, or its key was rotated meanwhile' },
  },
});
for (const [action, summary] of [
  ['suspend', 'Stops a site’s key answering until it is resumed'],
  ['resume', 'Lets a suspended site’s key answer again'],
  ['revoke', 'Stops a site’s key for good'],
] as const) {
  describe({
    method: 'post',
    path: `/api/v1/admin/sites/:id/${action}`,
    summary,
    tags: TAG,
    security: 'bearer',
    params: ID,
    responses: { 200: { description: 'The site', schema: AdminSite }, 409: { description: 'The site’s status does not allow this' } },
  });
}

/** The status moves of a site: only `active` keys answer, and a revoked site stays revoked. */
const STATUS_ACTIONS = {
  suspend: { to: 'suspended', from: ['active'], done: 'suspended' },
  resume: { to: 'active', from: ['suspended'], done: 'resumed' },
  revoke: { to: 'revoked', from: ['active', 'suspended'], done: 'revoked' },
} as const satisfies Record<string, { to: SiteStatus; from: readonly SiteStatus[]; done: string }>;

const siteColumns = {
  rid: sql<number>`${siteTable}.rowid`,
  id: siteTable.id,
  name: siteTable.name,
  publishableKey: siteTable.publishableKey,
  allowedOrigins: siteTable.allowedOrigins,
  schoolId: siteTable.schoolId,
  schoolName: schools.name,
  calendarPageUrl: siteTable.calendarPageUrl,
  studentPageUrl: siteTable.studentPageUrl,
  status: siteTable.status,
  createdAt: siteTable.createdAt,
};

function selectSites(db: Database) {
  return db
    .select(siteColumns)
    .from(siteTable)
    .leftJoin(schools, and(eq(schools.id, siteTable.schoolId), eq(schools.tenantId, siteTable.tenantId)));
}

type SiteRow = Awaited<ReturnType<ReturnType<typeof selectSites>['all']>>[number];

function toSite(r: SiteRow): AdminSite {
  return {
    id: r.id,
    name: r.name,
    publishableKey: r.publishableKey,
    allowedOrigins: parseJsonList(r.allowedOrigins),
    school: r.schoolId ? { id: r.schoolId, name: r.schoolName ?? '' } : null,
    calendarPageUrl: r.calendarPageUrl,
    studentPageUrl: r.studentPageUrl,
    status: r.status,
    createdAt: r.createdAt,
  };
}

const KEY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `pk_` and 160 random bits. Publishable, not secret, but never guessable from another site's key. */
export function newPublishableKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `pk_${[...bytes].map((b) => KEY_ALPHABET[b & 31]).join('')}`;
}

const SiteId = z.object({ id: z.string().regex(/^site_[a-z0-9_]{3,60}$/) });

async function oneSite(db: Database, id: string, tenantId: string): Promise<SiteRow> {
  const row = await selectSites(db)
    .where(and(eq(siteTable.id, id), eq(siteTable.tenantId, tenantId)))
    .get();
  if (!row) throw notFound('site');
  return row;
}

async function checkSchool(db: Database, schoolId: string | null | undefined, tenantId: string) {
  if (!schoolId) return;
  const school = await db
    .select({ id: schools.id })
    .from(schools)
    .where(and(eq(schools.id, schoolId), eq(schools.tenantId, tenantId)))
    .get();
  if (!school) throw invalid([{ path: 'schoolId', message: 'Choose one of your schools', code: 'unknown_school' }]);
}

/**
 * The calendar and student pages must be on one of the site's origins: the widgets only answer
 * pages there, so a link to a page elsewhere would open an empty calendar or a sign-in that fails.
 * Both are checked at once, so one answer names every page left behind.
 */
function checkPages(pages: { calendarPageUrl?: string | null; studentPageUrl?: string | null }, origins: string[]) {
  const errors = (['calendarPageUrl', 'studentPageUrl'] as const)
    .filter((path) => {
      const pageUrl = pages[path];
      return pageUrl && !origins.includes(new URL(pageUrl).origin);
    })
    .map((path) => ({ path, message: 'Use a page on one of the site’s origins', code: 'origin_not_allowed' }));
  if (errors.length) throw invalid(errors);
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
    const where: (SQL | undefined)[] = [eq(siteTable.tenantId, user.tenantId)];
    if (q.status) where.push(eq(siteTable.status, q.status));
    if (cursor) where.push(sql`(${siteTable.name}, ${siteTable}.rowid) > (${cursor.k}, ${cursor.s})`);
    const rows = await selectSites(c.var.db)
      .where(and(...where))
      .orderBy(asc(siteTable.name), sql`${siteTable}.rowid`)
      .limit(q.limit + 1)
      .all();
    return c.json(pageOf(rows, q.limit, (r) => ({ k: r.name, s: r.rid }), toSite));
  })
  .post('/', json(SiteCreate), async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    await checkSchool(db, body.schoolId, user.tenantId);
    checkPages(body, body.allowedOrigins);
    const id = newId('site');
    const key = newPublishableKey();
    await db.batch([
      db.insert(siteTable).values({
        id,
        tenantId: user.tenantId,
        name: body.name,
        publishableKey: key,
        allowedOrigins: body.allowedOrigins,
        schoolId: body.schoolId ?? null,
        calendarPageUrl: body.calendarPageUrl ?? null,
        studentPageUrl: body.studentPageUrl ?? null,
        status: 'active',
      }),
      auditRow(db, { ...actorOf(user), action: 'site.create', entity: 'site', entityId: id, detail: { origins: body.allowedOrigins.length } }),
    ]);
    return c.json(toSite(await oneSite(db, id, user.tenantId)), 201);
  })
  .get('/:id', param(SiteId), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(toSite(await oneSite(c.var.db, id, c.get('user').tenantId)));
  })
  .patch('/:id', param(SiteId), json(SiteUpdate), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneSite(db, id, user.tenantId);
    await checkSchool(db, body.schoolId, user.tenantId);
    // Checked on the site after the change: new origins may leave a page behind, or a new page the origins.
    checkPages(
      {
        calendarPageUrl: body.calendarPageUrl !== undefined ? body.calendarPageUrl : before.calendarPageUrl,
        studentPageUrl: body.studentPageUrl !== undefined ? body.studentPageUrl : before.studentPageUrl,
      },
      body.allowedOrigins ?? parseJsonList(before.allowedOrigins),
    );
    const condition = and(eq(siteTable.id, id), eq(siteTable.tenantId, user.tenantId), ne(siteTable.status, 'revoked'));
    const [, updated] = await db.batch([
      auditRowIf(
        db,
        { ...actorOf(user), action: 'site.update', entity: 'site', entityId: id, detail: { fields: Object.keys(body) } },
        sql`EXISTS (SELECT 1 FROM ${siteTable} WHERE ${condition})`,
      ),
      db
        .update(siteTable)
        .set({
          name: body.name,
          allowedOrigins: body.allowedOrigins,
          schoolId: body.schoolId,
          calendarPageUrl: body.calendarPageUrl,
          studentPageUrl: body.studentPageUrl,
        })
        .where(condition),
    ]);
    if (!updated.meta.changes) throw conflict('This site is revoked', 'A revoked site cannot be changed. Create a new site instead.');
    // The cached copy carries the old origins and school.
    forgetSiteKey(before.publishableKey);
    return c.json(toSite(await oneSite(db, id, user.tenantId)));
  })
  .post('/:id/rotate-key', param(SiteId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneSite(db, id, user.tenantId);
    if (before.status === 'revoked') throw conflict('This site is revoked', 'A revoked site gets no new key. Create a new site instead.');
    const key = newPublishableKey();
    // The old key in the condition: of two rotations at once, the second finds it gone and changes nothing.
    const condition = and(
      eq(siteTable.id, id),
      eq(siteTable.tenantId, user.tenantId),
      eq(siteTable.publishableKey, before.publishableKey),
      ne(siteTable.status, 'revoked'),
    );
    const [, updated] = await db.batch([
      auditRowIf(
        db,
        {
          ...actorOf(user),
          action: 'site.rotate_key',
          entity: 'site',
          entityId: id,
          detail: { previousKeyEnds: before.publishableKey.slice(-4), newKeyEnds: key.slice(-4) },
        },
        sql`EXISTS (SELECT 1 FROM ${siteTable} WHERE ${condition})`,
      ),
      db.update(siteTable).set({ publishableKey: key }).where(condition),
    ]);
    if (!updated.meta.changes)
      throw conflict('The key changed meanwhile', 'Someone else rotated or revoked this key a moment ago. Reload the site to see its key.');
    forgetSiteKey(before.publishableKey);
    return c.json({
      site: toSite(await oneSite(db, id, user.tenantId)),
      previousKey: before.publishableKey,
      note: 'Put the new key in the site’s embed code now. The old key is refused from now on; a server that cached it may still accept it for up to 30 seconds.',
    } satisfies SiteKeyRotation);
  })
  .post('/:id/:action{suspend|resume|revoke}', param(z.object({ id: SiteId.shape.id, action: z.enum(['suspend', 'resume', 'revoke']) })), async (c) => {
    const { id, action } = c.req.valid('param');
    const user = c.get('user');
    const db = c.var.db;
    const move = STATUS_ACTIONS[action];
    const before = await oneSite(db, id, user.tenantId);
    const condition = and(eq(siteTable.id, id), eq(siteTable.tenantId, user.tenantId), inArray(siteTable.status, [...move.from]));
    const [, updated] = await db.batch([
      auditRowIf(
        db,
        { ...actorOf(user), action: `site.${action}`, entity: 'site', entityId: id, detail: { from: before.status, to: move.to } },
        sql`EXISTS (SELECT 1 FROM ${siteTable} WHERE ${condition})`,
      ),
      db.update(siteTable).set({ status: move.to }).where(condition),
    ]);
    if (!updated.meta.changes) {
      const now = await oneSite(db, id, user.tenantId);
      throw conflict(`This site cannot be ${move.done}`, `The site is ${now.status}; only ${move.from.join(' or ')} sites can be ${move.done}.`);
    }
    forgetSiteKey(before.publishableKey);
    return c.json(toSite(await oneSite(db, id, user.tenantId)));
  });
