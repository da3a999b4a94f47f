import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  MatchRequest,
  MatchResponse,
  OpportunityDetail,
  OpportunityList,
  OpportunityListQuery,
  type OpportunityFacets,
} from '../../schema/api/opportunities.js';
import { tenants } from '../../schema/db/tables.js';
import type { AppEnv, SiteContext } from '../env.js';
import type { Database } from '../lib/db.js';
import { publicCache } from '../middleware/cache.js';
import { siteKey } from '../middleware/site.js';
import { json, param, query } from '../middleware/validate.js';
import { encodeCursor } from '../lib/paging.js';
import { todayIn } from '../lib/dates.js';
import { toFtsQuery } from '../lib/fts.js';
import { haversineKm, type Point } from '../lib/geo.js';
import { toDetail, toSummary, parseJsonList } from '../lib/mappers.js';
import { rankMatches, type Candidate } from '../lib/matching.js';
import { describe } from '../lib/openapi.js';
import {
  detailColumns,
  e,
  facetQuery,
  filterSignature,
  o,
  pageQuery,
  parseCursor,
  placeKm,
  summaryColumns,
  visibleTo,
  type ListPlan,
} from '../lib/opportunity-query.js';
import { ProblemError } from '../lib/problem.js';

describe({
  method: 'get',
  path: '/api/v1/opportunities',
  summary: 'Search, filter, sort and page the published opportunities',
  tags: ['opportunities'],
  query: OpportunityListQuery,
  responses: { 200: { description: 'A page of opportunities with facet counts', schema: OpportunityList } },
});
describe({
  method: 'get',
  path: '/api/v1/opportunities/:id',
  summary: 'One published opportunity with its employer’s public fields',
  tags: ['opportunities'],
  params: { id: 'The opportunity id (`opp_…`)' },
  responses: { 200: { description: 'The opportunity', schema: OpportunityDetail } },
});
describe({
  method: 'post',
  path: '/api/v1/opportunities/match',
  summary: 'Ranks opportunities for a student’s stated interests, with reasons; stores nothing',
  tags: ['opportunities'],
  body: MatchRequest,
  responses: { 200: { description: 'Ranked opportunities with human-readable reasons', schema: MatchResponse } },
});

/** Facets and totals change only when the tenant's data does: cached per data version. */
const facetCache = new Map<string, { facets: OpportunityFacets; total: number }>();
const FACET_CACHE_SIZE = 500;

function originFor(site: SiteContext, near: OpportunityListQuery['near']): { point: Point | null; fromSchool: boolean } {
  if (near && near !== 'school') return { point: near, fromSchool: false };
  if (site.school) return { point: { lat: site.school.lat, lng: site.school.lng }, fromSchool: true };
  return { point: null, fromSchool: false };
}

async function facetsFor(db: Database, plan: ListPlan, version: number) {
  const key = `${plan.tenantId}|${version}|${filterSignature(plan)}`;
  const hit = facetCache.get(key);
  if (hit) {
    // Refresh its place so the most used filters stay cached.
    facetCache.delete(key);
    facetCache.set(key, hit);
    return hit;
  }
  const counts = (f: 'stage' | 'cluster' | 'type') => facetQuery(plan, f, db).query;
  const [stage, cluster, type] = await db.batch([counts('stage'), counts('cluster'), counts('type')]);
  const toRecord = (rows: { code: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.code, r.n]));
  const facets = { stage: toRecord(stage), cluster: toRecord(cluster), type: toRecord(type) };
  // Stage is single-valued, so the total under every filter is the stage facet restricted to the chosen stages.
  const chosen = plan.filters.stage;
  const total = Object.entries(facets.stage).reduce((sum, [code, n]) => sum + (!chosen?.length || chosen.includes(code as never) ? n : 0), 0);
  const value = { facets, total };
  if (facetCache.size >= FACET_CACHE_SIZE) facetCache.delete(facetCache.keys().next().value!);
  facetCache.set(key, value);
  return value;
}

export const opportunities = new Hono<AppEnv>()
  .use(siteKey)
  .get('/', publicCache(60), query(OpportunityListQuery), async (c) => {
    const q = c.req.valid('query');
    const site = c.get('site');
    const cursor = parseCursor(q.cursor);
    if (cursor === 'invalid') {
      throw new ProblemError('validation', {
        errors: [{ path: 'cursor', message: 'This cursor is not valid; start again from the first page', code: 'invalid_cursor' }],
      });
    }
    if (q.near === 'school' && !site.school) {
      throw new ProblemError('validation', {
        errors: [{ path: 'near', message: 'This site has no school to measure distance from; send lat,lng', code: 'no_school' }],
      });
    }
    if (q.radius_km !== undefined && !q.near && !site.school) {
      throw new ProblemError('validation', { errors: [{ path: 'radius_km', message: 'A radius needs a point: send near=lat,lng', code: 'no_origin' }] });
    }
    const fts = toFtsQuery(q.q);
    const { point } = originFor(site, q.near);
    const requested = q.sort ?? (fts ? 'relevance' : q.near ? 'distance' : 'newest');
    const sort = requested === 'relevance' && !fts ? 'newest' : requested === 'distance' && !point ? 'newest' : requested;
    const plan: ListPlan = {
      tenantId: site.tenantId,
      sharedIn: site.hasIncomingShares,
      ownsMost: site.ownsMostOpportunities,
      fts,
      filters: { stage: q.stage, type: q.type, cluster: q.cluster, mode: q.mode, paid: q.paid, grade: q.grade, open: q.open, transit: q.transit },
      today: todayIn(site.timeZone),
      origin: point,
      radiusKm: q.radius_km ?? null,
      sort,
      cursor,
      limit: q.limit,
      lang: c.var.lang,
    };
    const db = c.var.db;
    const page = pageQuery(plan, true, db);
    // One round trip in the common case: the page and the data version that keys the facet cache.
    const [versionRows, pageRows] = await db.batch([db.select({ v: tenants.dataVersion }).from(tenants).where(eq(tenants.id, site.tenantId)), page.query]);
    const version = versionRows[0]?.v ?? 0;
    let rows = pageRows;
    if (page.overfetch) {
      const visible = rows.filter((r) => r.visible);
      if (visible.length <= plan.limit && rows.length === page.overfetch) {
        // Too many of the best matches belong to others: rank within the tenant's rows instead.
        rows = await pageQuery(plan, false, db).query;
      } else {
        rows = visible.slice(0, plan.limit + 1);
      }
    }
    const more = rows.length > plan.limit;
    const shown = more ? rows.slice(0, plan.limit) : rows;
    const last = shown[shown.length - 1];
    const { facets, total } = await facetsFor(db, plan, version);
    return c.json({
      items: shown.map((r) => toSummary(r, plan.today, plan.tenantId, c.var.lang)),
      nextCursor: more && last ? encodeCursor({ k: last.sortKey, s: last.seq }) : null,
      total,
      facets,
    });
  })
  .post('/match', json(MatchRequest), async (c) => {
    const req = c.req.valid('json');
    const site = c.get('site');
    const today = todayIn(site.timeZone);
    const from = req.from ?? (site.school ? { lat: site.school.lat, lng: site.school.lng } : null);
    const deadline = sql`coalesce(${o.applicationDeadline}, '9999-12-31')`;
    const where: SQL[] = [
      site.hasIncomingShares ? visibleTo(o, site.tenantId) : eq(o.tenantId, site.tenantId),
      eq(o.status, 'published'),
      gte(deadline, today),
      gte(sql`coalesce(${o.endsOn}, '9999-12-31')`, today),
    ];
    if (req.grade !== undefined) where.push(lte(o.gradeMin, req.grade), gte(o.gradeMax, req.grade));
    // Interests narrow the candidates first, so ranking stays cheap at any scale.
    const clusters = req.clusters ?? [];
    const order = clusters.length ? [sql`CASE WHEN ${inArray(o.cluster, clusters)} THEN 0 ELSE 1 END`, deadline] : [deadline];
    const results = await c.var.db
      .select({ ...summaryColumns, timeSlots: o.timeSlots, distanceKm: from ? placeKm(from).mapWith(Number) : sql<null>`NULL` })
      .from(o)
      .innerJoin(e, eq(e.id, o.employerId))
      .where(and(...where))
      .orderBy(...order)
      .limit(400)
      .all();
    const candidates: Candidate[] = results.map((r) => {
      const summary = toSummary(r, today, site.tenantId, c.var.lang);
      // The reasons quote the distance: only as precisely as the card may show it.
      return { summary, timeSlots: parseJsonList(r.timeSlots), distanceKm: summary.distanceKm };
    });
    const resolved = {
      clusters,
      skills: req.skills ?? [],
      stages: req.stages ?? [],
      availability: req.availability ?? [],
      paid: req.paid ?? 'any',
      locale: req.locale ?? 'en',
      grade: req.grade,
      travel: req.travel,
      maxDistanceKm: req.maxDistanceKm,
    } as const;
    const items = rankMatches(candidates, resolved, !req.from, req.limit ?? 10);
    return c.json({ items }, 200, { 'Cache-Control': 'no-store' });
  })
  .get('/:id', publicCache(60), param(z.object({ id: z.string().regex(/^opp_[a-z0-9_]{3,60}$/) })), async (c) => {
    const { id } = c.req.valid('param');
    const site = c.get('site');
    const row = await c.var.db
      .select(detailColumns)
      .from(o)
      .innerJoin(e, eq(e.id, o.employerId))
      .where(and(eq(o.id, id), eq(o.status, 'published'), visibleTo(o, site.tenantId)))
      .get();
    if (!row) throw new ProblemError('notFound', { detail: 'No published opportunity has that id here.' });
    const { point } = originFor(site, undefined);
    const distanceKm = point && row.lat !== null && row.lng !== null && row.mode !== 'virtual' ? haversineKm(point, { lat: row.lat, lng: row.lng }) : null;
    return c.json(toDetail({ ...row, distanceKm }, todayIn(site.timeZone), site.tenantId, c.var.lang));
  });
