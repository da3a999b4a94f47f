import { Hono } from 'hono';
import { z } from 'zod';
import {
  MatchRequest, MatchResponse, OpportunityDetail, OpportunityList, OpportunityListQuery, type OpportunityFacets,
} from '../../schema/api/opportunities.js';
import type { AppEnv, SiteContext } from '../env.js';
import { publicCache } from '../middleware/cache.js';
import { siteKey } from '../middleware/site.js';
import { json, param, query } from '../middleware/validate.js';
import { encodeCursor } from '../lib/paging.js';
import { todayIn } from '../lib/dates.js';
import { toFtsQuery } from '../lib/fts.js';
import { haversineKm, type Point } from '../lib/geo.js';
import { toDetail, toSummary, parseJsonList, type DetailRow } from '../lib/mappers.js';
import { rankMatches, type Candidate } from '../lib/matching.js';
import { describe } from '../lib/openapi.js';
import {
  facetQuery, filterSignature, pageQuery, parseCursor, SQL_PLACE_KM, SUMMARY_COLUMNS, type ListPlan, type SummaryRow,
} from '../lib/opportunity-query.js';
import { ProblemError } from '../lib/problem.js';

describe({
  method: 'get', path: '/api/v1/opportunities', summary: 'Search, filter, sort and page the published opportunities', tags: ['opportunities'],
  query: OpportunityListQuery,
  responses: { 200: { description: 'A page of opportunities with facet counts', schema: OpportunityList } },
});
describe({
  method: 'get', path: '/api/v1/opportunities/:id', summary: 'One published opportunity with its employer’s public fields', tags: ['opportunities'],
  params: { id: 'The opportunity id (`opp_…`)' },
  responses: { 200: { description: 'The opportunity', schema: OpportunityDetail } },
});
describe({
  method: 'post', path: '/api/v1/opportunities/match', summary: 'Ranks opportunities for a student’s stated interests, with reasons; stores nothing', tags: ['opportunities'],
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

async function facetsFor(db: AppEnv['Bindings']['DB'], plan: ListPlan, version: number) {
  const key = `${plan.tenantId}|${version}|${filterSignature(plan)}`;
  const hit = facetCache.get(key);
  if (hit) {
    // Refresh its place so the most used filters stay cached.
    facetCache.delete(key);
    facetCache.set(key, hit);
    return hit;
  }
  const statements = (['stage', 'cluster', 'type'] as const).map((f) => {
    const q = facetQuery(plan, f);
    return db.prepare(q.text).bind(...q.params);
  });
  const [stage, cluster, type] = await db.batch<{ code: string; n: number }>(statements);
  const toRecord = (rows: { code: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.code, r.n]));
  const facets = { stage: toRecord(stage!.results), cluster: toRecord(cluster!.results), type: toRecord(type!.results) };
  // Stage is single-valued, so the total under every filter is the stage facet restricted to the chosen stages.
  const chosen = plan.filters.stage;
  const total = Object.entries(facets.stage).reduce((sum, [code, n]) => sum + (!chosen?.length || chosen.includes(code as never) ? n : 0), 0);
  const value = { facets, total };
  if (facetCache.size >= FACET_CACHE_SIZE) facetCache.delete(facetCache.keys().next().value!);
  facetCache.set(key, value);
  return value;
}

const DETAIL_SQL = `SELECT o.*, e.name AS employer_name, e.website AS employer_website, e.description AS employer_description,
    e.city AS employer_city, e.clusters AS employer_clusters, NULL AS distance_km, NULL AS sort_key
  FROM opportunities o JOIN employers e ON e.id = o.employer_id
  WHERE o.id = ? AND o.status = 'published'
    AND (o.tenant_id = ? OR o.seq IN (SELECT opportunity_seq FROM opportunity_shares WHERE tenant_id = ?))`;

export const opportunities = new Hono<AppEnv>()
  .use(siteKey)
  .get('/', publicCache(60), query(OpportunityListQuery), async (c) => {
    const q = c.req.valid('query');
    const site = c.get('site');
    const cursor = parseCursor(q.cursor);
    if (cursor === 'invalid') {
      throw new ProblemError('validation', { errors: [{ path: 'cursor', message: 'This cursor is not valid; start again from the first page', code: 'invalid_cursor' }] });
    }
    if (q.near === 'school' && !site.school) {
      throw new ProblemError('validation', { errors: [{ path: 'near', message: 'This site has no school to measure distance from; send lat,lng', code: 'no_school' }] });
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
    };
    const page = pageQuery(plan);
    const db = c.env.DB;
    // One round trip in the common case: the page and the data version that keys the facet cache.
    const [versionResult, pageResult] = await db.batch<unknown>([
      db.prepare('SELECT data_version AS v FROM tenants WHERE id = ?').bind(site.tenantId),
      db.prepare(page.text).bind(...page.params),
    ]);
    const version = (versionResult!.results[0] as { v: number } | undefined)?.v ?? 0;
    let rows = pageResult!.results as (SummaryRow & { visible?: number })[];
    if (page.overfetch) {
      const visible = rows.filter((r) => r.visible === 1);
      if (visible.length <= plan.limit && rows.length === page.overfetch) {
        // Too many of the best matches belong to others: rank within the tenant's rows instead.
        const exact = pageQuery(plan, false);
        rows = (await db.prepare(exact.text).bind(...exact.params).all<SummaryRow>()).results;
      } else {
        rows = visible.slice(0, plan.limit + 1);
      }
    }
    const more = rows.length > plan.limit;
    const pageRows = more ? rows.slice(0, plan.limit) : rows;
    const last = pageRows[pageRows.length - 1];
    const { facets, total } = await facetsFor(db, plan, version);
    return c.json({
      items: pageRows.map((r) => toSummary(r, plan.today, plan.tenantId)),
      nextCursor: more && last ? encodeCursor({ k: last.sort_key, s: last.seq }) : null,
      total,
      facets,
    });
  })
  .post('/match', json(MatchRequest), async (c) => {
    const req = c.req.valid('json');
    const site = c.get('site');
    const today = todayIn(site.timeZone);
    const from = req.from ?? (site.school ? { lat: site.school.lat, lng: site.school.lng } : null);
    const params: unknown[] = [];
    const distance = from ? SQL_PLACE_KM : 'NULL';
    if (from) params.push(from.lat, from.lat, from.lng);
    const where = [
      site.hasIncomingShares ? '(o.tenant_id = ? OR o.seq IN (SELECT opportunity_seq FROM opportunity_shares WHERE tenant_id = ?))' : 'o.tenant_id = ?',
      `o.status = 'published'`,
      `coalesce(o.application_deadline, '9999-12-31') >= ?`,
      `coalesce(o.ends_on, '9999-12-31') >= ?`,
    ];
    params.push(site.tenantId, ...(site.hasIncomingShares ? [site.tenantId] : []), today, today);
    if (req.grade !== undefined) {
      where.push('o.grade_min <= ? AND o.grade_max >= ?');
      params.push(req.grade, req.grade);
    }
    // Interests narrow the candidates first, so ranking stays cheap at any scale.
    const clusters = req.clusters ?? [];
    const order = clusters.length
      ? `CASE WHEN o.cluster IN (${clusters.map(() => '?').join(', ')}) THEN 0 ELSE 1 END, coalesce(o.application_deadline, '9999-12-31')`
      : `coalesce(o.application_deadline, '9999-12-31')`;
    params.push(...clusters);
    const sql = `SELECT ${SUMMARY_COLUMNS}, o.time_slots, ${distance} AS distance_km, NULL AS sort_key
      FROM opportunities o JOIN employers e ON e.id = o.employer_id
      WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT 400`;
    const { results } = await c.env.DB.prepare(sql).bind(...params).all<SummaryRow & { time_slots: string }>();
    const candidates: Candidate[] = results.map((r) => {
      const summary = toSummary(r, today, site.tenantId);
      // The reasons quote the distance: only as precisely as the card may show it.
      return { summary, timeSlots: parseJsonList(r.time_slots), distanceKm: summary.distanceKm };
    });
    const resolved = {
      clusters, skills: req.skills ?? [], stages: req.stages ?? [], availability: req.availability ?? [],
      paid: req.paid ?? 'any', locale: req.locale ?? 'en', grade: req.grade, travel: req.travel, maxDistanceKm: req.maxDistanceKm,
    } as const;
    const items = rankMatches(candidates, resolved, !req.from, req.limit ?? 10);
    return c.json({ items }, 200, { 'Cache-Control': 'no-store' });
  })
  .get('/:id', publicCache(60), param(z.object({ id: z.string().regex(/^opp_[a-z0-9_]{3,60}$/) })), async (c) => {
    const { id } = c.req.valid('param');
    const site = c.get('site');
    const row = await c.env.DB.prepare(DETAIL_SQL).bind(id, site.tenantId, site.tenantId).first<DetailRow>();
    if (!row) throw new ProblemError('notFound', { detail: 'No published opportunity has that id here.' });
    const { point } = originFor(site, undefined);
    if (point && row.lat !== null && row.lng !== null && row.mode !== 'virtual') {
      row.distance_km = haversineKm(point, { lat: row.lat, lng: row.lng });
    }
    return c.json(toDetail(row, todayIn(site.timeZone), site.tenantId));
  });
