import { and, eq, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { opportunities, opportunityShares, schools, sites, tenants } from '../../schema/db/tables.js';
import type { AppEnv, SiteContext } from '../env.js';
import type { Database } from '../lib/db.js';
import { parseJsonList } from '../lib/mappers.js';
import { ProblemError } from '../lib/problem.js';

/**
 * Site resolution is on every public request, so resolved sites are kept in the isolate for a
 * short while. A revoked or rotated key stops working within SITE_TTL_MS.
 */
const SITE_TTL_MS = 30_000;
const siteCache = new Map<string, { site: SiteContext | null; until: number }>();

/**
 * Drops a key from this isolate's cache, so a rotated, suspended or revoked key stops working
 * here at once; other isolates notice within SITE_TTL_MS.
 */
export function forgetSiteKey(key: string): void {
  siteCache.delete(key);
}

export async function lookupSite(db: Database, key: string): Promise<SiteContext | null> {
  const hit = siteCache.get(key);
  if (hit && hit.until > Date.now()) return hit.site;
  const row = await db
    .select({
      id: sites.id,
      tenantId: sites.tenantId,
      tenantName: tenants.name,
      timeZone: tenants.timeZone,
      // Read in its stored text: a malformed list means no origin, never a failed request.
      allowedOrigins: sql<unknown>`${sites.allowedOrigins}`,
      schoolId: schools.id,
      schoolName: schools.name,
      schoolLat: schools.lat,
      schoolLng: schools.lng,
      hasShares: sql`EXISTS (SELECT 1 FROM ${opportunityShares} WHERE ${opportunityShares.tenantId} = ${sites.tenantId})`.mapWith(Boolean),
      ownsMost: sql`(SELECT count(*) FROM ${opportunities} WHERE ${opportunities.tenantId} = ${sites.tenantId} AND ${opportunities.status} = 'published') * 2
      >= coalesce((SELECT max(${opportunities.seq}) FROM ${opportunities}), 0)`.mapWith(Boolean),
    })
    .from(sites)
    .innerJoin(tenants, eq(tenants.id, sites.tenantId))
    .leftJoin(schools, and(eq(schools.id, sites.schoolId), eq(schools.tenantId, sites.tenantId)))
    .where(and(eq(sites.publishableKey, key), eq(sites.status, 'active')))
    .get();
  const site: SiteContext | null = row
    ? {
        id: row.id,
        tenantId: row.tenantId,
        tenantName: row.tenantName,
        timeZone: row.timeZone,
        allowedOrigins: parseJsonList(row.allowedOrigins),
        school:
          row.schoolId && row.schoolLat !== null && row.schoolLng !== null
            ? { id: row.schoolId, name: row.schoolName ?? '', lat: row.schoolLat, lng: row.schoolLng }
            : null,
        hasIncomingShares: row.hasShares,
        ownsMostOpportunities: row.ownsMost,
      }
    : null;
  if (siteCache.size > 1000) siteCache.clear();
  siteCache.set(key, { site, until: Date.now() + SITE_TTL_MS });
  return site;
}

/**
 * Whether an active site lists this origin: any site (preflights carry no key, so this is all
 * they can check), or only the sites of `tenantId`.
 */
export async function siteAllows(db: Database, origin: string, tenantId?: string): Promise<boolean> {
  const row = await db
    .select({ ok: sql`1` })
    .from(sites)
    .where(
      and(
        tenantId === undefined ? undefined : eq(sites.tenantId, tenantId),
        eq(sites.status, 'active'),
        sql`${origin} IN (SELECT value FROM json_each(${sites.allowedOrigins}))`,
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}

/** Whether some active site allows this origin (preflights carry no key, so this is all they can check). */
export const anySiteAllows = (db: Database, origin: string): Promise<boolean> => siteAllows(db, origin);

/** The publishable key a public request carries: `X-Site-Key`, or `?key=` for feeds a calendar subscribes to (it cannot send headers). */
export const siteKeyOf = (c: { req: { header(name: string): string | undefined; query(name: string): string | undefined } }): string | undefined =>
  c.req.header('X-Site-Key') ?? c.req.query('key');

const ALLOW_HEADERS = 'Content-Type, X-Site-Key, Idempotency-Key, If-None-Match';
const EXPOSE_HEADERS = 'ETag, Location, Retry-After';

/**
 * Public routes: the tenant comes from the publishable site key (`X-Site-Key`, or `key` in the
 * query string for calendar feeds), never from the body. Browsers may call from the site's own
 * origins only: a foreign origin gets no Access-Control-Allow-Origin and a 403.
 */
export const siteKey = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('Origin');
  if (c.req.method === 'OPTIONS') {
    if (!origin || !(await anySiteAllows(c.var.db, origin))) return c.body(null, 204, { Vary: 'Origin' });
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, HEAD, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  }
  const key = siteKeyOf(c);
  if (!key) throw new ProblemError('unauthorized', { detail: 'Send the site’s publishable key in the X-Site-Key header (or ?key= for feeds).' });
  if (!/^pk_[A-Za-z0-9_]{4,100}$/.test(key)) throw new ProblemError('forbidden', { detail: 'That site key is not valid.' });
  const site = await lookupSite(c.var.db, key);
  if (!site) throw new ProblemError('forbidden', { detail: 'That site key is unknown or has been revoked.' });
  if (origin && !site.allowedOrigins.includes(origin)) {
    throw new ProblemError('forbidden', { detail: `This site key may not be used from ${origin}.` });
  }
  c.set('site', site);
  await next();
  c.header('Vary', 'Origin, X-Site-Key', { append: true });
  if (origin) {
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  }
});
