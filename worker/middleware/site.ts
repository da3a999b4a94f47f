import { createMiddleware } from 'hono/factory';
import type { AppEnv, SiteContext } from '../env.js';
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

interface SiteRow {
  id: string; tenant_id: string; tenant_name: string; time_zone: string; allowed_origins: string;
  school_id: string | null; school_name: string | null; school_lat: number | null; school_lng: number | null;
  has_shares: number; owns_most: number;
}

export async function lookupSite(db: AppEnv['Bindings']['DB'], key: string): Promise<SiteContext | null> {
  const hit = siteCache.get(key);
  if (hit && hit.until > Date.now()) return hit.site;
  const row = await db.prepare(
    `SELECT s.id, s.tenant_id, t.name AS tenant_name, t.time_zone, s.allowed_origins,
            sc.id AS school_id, sc.name AS school_name, sc.lat AS school_lat, sc.lng AS school_lng,
            EXISTS (SELECT 1 FROM opportunity_shares sh WHERE sh.tenant_id = s.tenant_id) AS has_shares,
            (SELECT count(*) FROM opportunities o WHERE o.tenant_id = s.tenant_id AND o.status = 'published') * 2
              >= coalesce((SELECT max(seq) FROM opportunities), 0) AS owns_most
       FROM sites s JOIN tenants t ON t.id = s.tenant_id
       LEFT JOIN schools sc ON sc.id = s.school_id AND sc.tenant_id = s.tenant_id
      WHERE s.publishable_key = ? AND s.status = 'active'`,
  ).bind(key).first<SiteRow>();
  const site: SiteContext | null = row ? {
    id: row.id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    timeZone: row.time_zone,
    allowedOrigins: safeList(row.allowed_origins),
    school: row.school_id && row.school_lat !== null && row.school_lng !== null
      ? { id: row.school_id, name: row.school_name ?? '', lat: row.school_lat, lng: row.school_lng } : null,
    hasIncomingShares: row.has_shares === 1,
    ownsMostOpportunities: row.owns_most === 1,
  } : null;
  if (siteCache.size > 1000) siteCache.clear();
  siteCache.set(key, { site, until: Date.now() + SITE_TTL_MS });
  return site;
}

function safeList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether some active site allows this origin (preflights carry no key, so this is all they can check). */
export async function anySiteAllows(db: AppEnv['Bindings']['DB'], origin: string): Promise<boolean> {
  const row = await db.prepare(
    `SELECT 1 AS ok FROM sites s, json_each(s.allowed_origins) o WHERE s.status = 'active' AND o.value = ? LIMIT 1`,
  ).bind(origin).first();
  return row !== null;
}

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
    if (!origin || !(await anySiteAllows(c.env.DB, origin))) return c.body(null, 204, { Vary: 'Origin' });
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, HEAD, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  }
  const key = c.req.header('X-Site-Key') ?? c.req.query('key');
  if (!key) throw new ProblemError('unauthorized', { detail: 'Send the site’s publishable key in the X-Site-Key header (or ?key= for feeds).' });
  if (!/^pk_[A-Za-z0-9_]{4,100}$/.test(key)) throw new ProblemError('forbidden', { detail: 'That site key is not valid.' });
  const site = await lookupSite(c.env.DB, key);
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
