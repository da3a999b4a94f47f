import type { OpportunityListQuery } from '../../schema/api/opportunities.js';
import type { Sort } from '../../schema/vocab.js';
import { decodeCursor, type Cursor } from './paging.js';
import { boundingBox, SQL_DISTANCE_KM, type Point } from './geo.js';

/** Everything the list query needs, resolved from the request and the site. */
export interface ListPlan {
  tenantId: string;
  sharedIn: boolean;
  /** The tenant owns most rows, so ranking the whole FTS index and filtering after is cheapest. */
  ownsMost: boolean;
  fts: string | null;
  filters: Pick<OpportunityListQuery, 'stage' | 'type' | 'cluster' | 'mode' | 'paid' | 'grade' | 'open' | 'transit'>;
  today: string;
  origin: Point | null;
  radiusKm: number | null;
  sort: Sort;
  cursor: Cursor | null;
  limit: number;
}

type Facet = 'stage' | 'cluster' | 'type';
interface Sql { text: string; params: unknown[] }

const VISIBLE = `o.status = 'published'`;
const FTS_SUBSELECT = 'o.seq IN (SELECT rowid FROM opportunities_fts WHERE opportunities_fts MATCH ?)';

/**
 * How far the place of an opportunity is from a point (binds lat, lat, lng). A virtual one has
 * no place: whatever coordinates it stores never sort, filter or measure it, so no answer can
 * be used to find the employer's street by distance.
 */
export const SQL_PLACE_KM = `(CASE WHEN o.mode = 'virtual' THEN NULL ELSE ${SQL_DISTANCE_KM} END)`;

/** Which rows a plan reads: the tenant's own, the ones other tenants share with it, or both. */
type Scope = 'own' | 'shared' | 'both';

/** The WHERE clause for the plan's filters; `exclude` leaves one facet's own filter out. */
export function whereClause(p: ListPlan, exclude?: Facet, scope: Scope = p.sharedIn ? 'both' : 'own'): Sql {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (scope === 'both') {
    clauses.push(`(o.tenant_id = ? OR o.seq IN (SELECT opportunity_seq FROM opportunity_shares WHERE tenant_id = ?))`);
    params.push(p.tenantId, p.tenantId);
  } else if (scope === 'shared') {
    // Joined from opportunity_shares (alias sh); a tenant's own row is counted in the 'own' arm only.
    clauses.push('sh.tenant_id = ? AND o.tenant_id <> ?');
    params.push(p.tenantId, p.tenantId);
  } else {
    clauses.push('o.tenant_id = ?');
    params.push(p.tenantId);
  }
  clauses.push(VISIBLE);
  const inList = (column: string, values: readonly string[] | undefined, facet?: Facet) => {
    if (!values?.length || (facet && facet === exclude)) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('o.stage', p.filters.stage, 'stage');
  inList('o.cluster', p.filters.cluster, 'cluster');
  inList('o.type', p.filters.type, 'type');
  inList('o.mode', p.filters.mode);
  if (p.filters.paid === true) clauses.push(`o.compensation_type <> 'unpaid'`);
  if (p.filters.paid === false) clauses.push(`o.compensation_type = 'unpaid'`);
  if (p.filters.transit === true) clauses.push('o.transit_accessible = 1');
  if (p.filters.transit === false) clauses.push('o.transit_accessible = 0');
  if (p.filters.grade !== undefined) {
    clauses.push('o.grade_min <= ? AND o.grade_max >= ?');
    params.push(p.filters.grade, p.filters.grade);
  }
  if (p.filters.open === true) {
    clauses.push(`coalesce(o.application_deadline, '9999-12-31') >= ? AND coalesce(o.ends_on, '9999-12-31') >= ?`);
    params.push(p.today, p.today);
  }
  if (p.filters.open === false) {
    clauses.push(`(coalesce(o.application_deadline, '9999-12-31') < ? OR coalesce(o.ends_on, '9999-12-31') < ?)`);
    params.push(p.today, p.today);
  }
  if (p.fts) {
    clauses.push(FTS_SUBSELECT);
    params.push(p.fts);
  }
  if (p.origin && p.radiusKm !== null) {
    const box = boundingBox(p.origin, p.radiusKm);
    clauses.push(`o.lat BETWEEN ? AND ? AND o.lng BETWEEN ? AND ? AND ${SQL_PLACE_KM} <= ?`);
    params.push(box.minLat, box.maxLat, box.minLng, box.maxLng, p.origin.lat, p.origin.lat, p.origin.lng, p.radiusKm);
  }
  return { text: clauses.join(' AND '), params };
}

/** Column list of a summary row. */
export const SUMMARY_COLUMNS = `o.seq, o.id, o.tenant_id, o.title, o.employer_id, e.name AS employer_name, o.stage, o.type, o.cluster,
  o.compensation_type, o.compensation_cents, o.mode, o.city, o.transit_accessible, o.application_deadline,
  o.starts_on, o.ends_on, o.grade_min, o.grade_max, o.skills, o.published_at`;

export interface SummaryRow {
  seq: number; id: string; tenant_id: string; title: string; employer_id: string; employer_name: string; stage: string; type: string;
  cluster: string; compensation_type: string; compensation_cents: number | null; mode: string; city: string | null;
  transit_accessible: number; application_deadline: string | null; starts_on: string | null; ends_on: string | null;
  grade_min: number; grade_max: number; skills: string; published_at: string | null;
  distance_km: number | null; sort_key: string | number | null;
}

/** The FTS token that marks a tenant's published opportunities (see migration 0001). */
export function scopeToken(tenantId: string): string {
  return `p${[...new TextEncoder().encode(tenantId)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The MATCH expression: the search terms, narrowed to the tenant's published rows when no share can widen them. */
function matchExpression(p: ListPlan): string {
  return p.sharedIn ? p.fts! : `scope : "${scopeToken(p.tenantId)}" AND (${p.fts})`;
}

/**
 * With a search, queries are driven from the FTS matches (joined to opportunities by rowid)
 * rather than by scanning the tenant's rows and probing the FTS index for each.
 */
function source(p: ListPlan, where: Sql): { from: string; where: string; params: unknown[] } {
  if (!p.fts) return { from: 'opportunities o', where: where.text, params: where.params };
  return {
    // CROSS JOIN keeps SQLite from choosing to probe the FTS index once per opportunity.
    from: 'opportunities_fts CROSS JOIN opportunities o ON o.seq = opportunities_fts.rowid',
    where: where.text.replace(FTS_SUBSELECT, 'opportunities_fts MATCH ?'),
    params: where.params.map((v) => (v === p.fts ? matchExpression(p) : v)),
  };
}

const hasFilters = (p: ListPlan) => Object.values(p.filters).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)) || p.radiusKm !== null;

/**
 * The sorts served by a keyset index of migration 0001, in the index's own expression
 * (`opportunities_newest`, `opportunities_deadline`): a page is one range of that index.
 */
const KEYSET_SORTS: Partial<Record<Sort, { key: string; descending: boolean }>> = {
  newest: { key: `coalesce(o.published_at, '')`, descending: true },
  deadline: { key: `coalesce(o.application_deadline, '9999-12-31')`, descending: false },
};

/**
 * The keys of one page of a keyset sort, read along its index. The cursor is a range on the
 * index (the plain comparison on the sort key lets SQLite seek; the row value breaks ties by
 * seq), so page 50 costs what page 1 does. Rows shared in by other tenants are a second arm
 * read through opportunity_shares and merged in order with the tenant's own range: an OR of
 * the two would sort every row of the tenant for every page.
 */
function keysetKeys(p: ListPlan, key: string, descending: boolean): Sql {
  const [cmp, tie] = descending ? ['<=', '<'] : ['>=', '>'];
  const arm = (scope: Scope, from: string): Sql => {
    const where = whereClause(p, undefined, scope);
    const params = [...where.params];
    let cursor = '';
    if (p.cursor) {
      cursor = ` AND ${key} ${cmp} ? AND (${key}, o.seq) ${tie} (?, ?)`;
      params.push(p.cursor.k, p.cursor.k, p.cursor.s);
    }
    return { text: `SELECT o.seq AS seq, ${key} AS sort_key FROM ${from} WHERE ${where.text}${cursor}`, params };
  };
  const own = arm('own', 'opportunities o');
  const dir = descending ? 'DESC' : 'ASC';
  const order = `ORDER BY sort_key ${dir}, seq ${dir} LIMIT ?`;
  if (!p.sharedIn) return { text: `${own.text} ${order}`, params: [...own.params, p.limit + 1] };
  const shared = arm('shared', 'opportunity_shares sh JOIN opportunities o ON o.seq = sh.opportunity_seq');
  return { text: `${own.text} UNION ALL ${shared.text} ${order}`, params: [...own.params, ...shared.params, p.limit + 1] };
}

/**
 * One page of the list, ordered by a keyset (sort key, seq) so every page is an index range
 * and no row repeats or goes missing between pages. The keys are found first and the columns
 * (and the distance) read only for the page's rows, so ranking many matches stays cheap.
 */
export function pageQuery(p: ListPlan, allowOverfetch = true): Sql & { overfetch?: number } {
  const distance = p.origin ? SQL_PLACE_KM : 'NULL';
  const distanceParams = p.origin ? [p.origin.lat, p.origin.lat, p.origin.lng] : [];
  const page = (keys: Sql, dir: 'ASC' | 'DESC'): Sql => ({
    text: `SELECT ${SUMMARY_COLUMNS}, ${distance} AS distance_km, k.sort_key
      FROM (${keys.text}) k
      JOIN opportunities o ON o.seq = k.seq JOIN employers e ON e.id = o.employer_id
      ORDER BY k.sort_key ${dir}, k.seq ${dir}`,
    params: [...distanceParams, ...keys.params],
  });
  const keyset = KEYSET_SORTS[p.sort];
  if (keyset && !p.fts) return page(keysetKeys(p, keyset.key, keyset.descending), keyset.descending ? 'DESC' : 'ASC');

  const keyParams: unknown[] = [];
  let sortKey: string;
  let descending = false;
  let keys: string;
  switch (p.sort) {
    case 'relevance':
      // bm25 weights: title, description, tasks, skills, employer name, scope. Lower is better.
      sortKey = 'bm25(opportunities_fts, 10.0, 2.0, 3.0, 4.0, 6.0, 0.0)';
      break;
    case 'distance':
      sortKey = `coalesce(${SQL_PLACE_KM}, 1e9)`;
      keyParams.push(p.origin!.lat, p.origin!.lat, p.origin!.lng);
      break;
    default:
      // A keyset sort within search matches: the matches are few, so they are sorted.
      sortKey = keyset!.key;
      descending = keyset!.descending;
  }
  if (allowOverfetch && p.sort === 'relevance' && p.fts && !p.sharedIn && p.ownsMost && !hasFilters(p)) {
    return overfetchQuery(p, sortKey);
  }
  if (p.sort === 'relevance' && p.fts && !p.sharedIn && !hasFilters(p)) {
    // The scope token already limits matches to the tenant's published rows: rank in the index alone.
    keys = `SELECT rowid AS seq, ${sortKey} AS sort_key FROM opportunities_fts WHERE opportunities_fts MATCH ?`;
    keyParams.push(matchExpression(p));
  } else {
    const src = source(p, whereClause(p));
    keys = `SELECT o.seq AS seq, ${sortKey} AS sort_key FROM ${src.from} WHERE ${src.where}`;
    keyParams.push(...src.params);
  }
  let cursorClause = '';
  if (p.cursor) {
    cursorClause = `WHERE (sort_key, seq) ${descending ? '<' : '>'} (?, ?)`;
    keyParams.push(p.cursor.k, p.cursor.s);
  }
  const dir = descending ? 'DESC' : 'ASC';
  return page({ text: `SELECT * FROM (${keys}) ${cursorClause} ORDER BY sort_key ${dir}, seq ${dir} LIMIT ?`, params: [...keyParams, p.limit + 1] }, dir);
}

/**
 * When the tenant owns most of the index, the cheapest ranking is the plain search terms over
 * the whole FTS index (no scope to intersect), over-fetching a few pages and marking which rows
 * the tenant may show. The caller falls back to `pageQuery(p, false)` when too few are visible.
 */
function overfetchQuery(p: ListPlan, sortKey: string): Sql & { overfetch: number } {
  const overfetch = Math.max(50, (p.limit + 1) * 3);
  const params: unknown[] = [];
  const distance = p.origin ? SQL_PLACE_KM : 'NULL';
  if (p.origin) params.push(p.origin.lat, p.origin.lat, p.origin.lng);
  params.push(p.tenantId, p.fts);
  let cursorClause = '';
  if (p.cursor) {
    cursorClause = 'WHERE (sort_key, seq) > (?, ?)';
    params.push(p.cursor.k, p.cursor.s);
  }
  params.push(overfetch);
  return {
    text: `SELECT ${SUMMARY_COLUMNS}, ${distance} AS distance_km, k.sort_key, (o.tenant_id = ? AND o.status = 'published') AS visible
      FROM (SELECT * FROM (SELECT rowid AS seq, ${sortKey} AS sort_key FROM opportunities_fts WHERE opportunities_fts MATCH ?)
            ${cursorClause} ORDER BY sort_key, seq LIMIT ?) k
      JOIN opportunities o ON o.seq = k.seq JOIN employers e ON e.id = o.employer_id
      ORDER BY k.sort_key, k.seq`,
    params,
    overfetch,
  };
}

/** Counts per value of one facet, ignoring that facet's own filter. */
export function facetQuery(p: ListPlan, facet: Facet): Sql {
  const src = source(p, whereClause(p, facet));
  return { text: `SELECT o.${facet} AS code, count(*) AS n FROM ${src.from} WHERE ${src.where} GROUP BY o.${facet}`, params: src.params };
}

/** A stable key for the filters (not the page) of a plan, for the facet cache. */
export function filterSignature(p: ListPlan): string {
  return JSON.stringify([p.sharedIn, p.fts, p.filters, p.today, p.origin, p.radiusKm]);
}

export function parseCursor(raw: string | undefined): Cursor | null | 'invalid' {
  if (!raw) return null;
  return decodeCursor(raw) ?? 'invalid';
}
