import type { D1Database } from '@cloudflare/workers-types';
import { type Column, count, eq, type GetColumnData, inArray, sql, type SQL } from 'drizzle-orm';
import type { RunnableQuery } from 'drizzle-orm/runnable-query';
import { alias, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { OpportunityListQuery } from '../../schema/api/opportunities.js';
import { employers, opportunities, opportunityShares } from '../../schema/db/tables.js';
import type { Locale, Sort } from '../../schema/vocab.js';
import { database, type Database } from './db.js';
import { decodeCursor, type Cursor } from './paging.js';
import { boundingBox, sqlDistanceKm, type Point } from './geo.js';

/**
 * The public search is hand-written SQL (FTS5, distance, keyset ranges drizzle cannot say), but
 * every table and column in it is named through the table objects: the aliases below render as
 * `"opportunities" "o"`, `"o"."title"`…, so a renamed column breaks the build, not the search.
 */
export const o = alias(opportunities, 'o');
export const e = alias(employers, 'e');
const sh = alias(opportunityShares, 'sh');

/** The FTS5 table of migrations 0001 and 0008 (drizzle-kit does not model virtual tables). */
const FTS = sql.raw('opportunities_fts');

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
  /** The viewer's language: a search ranks matches in its columns first (English when absent). */
  lang?: Locale;
}

type Facet = 'stage' | 'cluster' | 'type';

/**
 * A statement in SQLite's form (`text` with `?` placeholders, `params` in order, for reading its
 * plan) and in drizzle's (`query`: await it, or put it in a batch).
 */
export interface Sql<Row> {
  text: string;
  params: unknown[];
  query: RunnableQuery<Row[], 'sqlite'> & PromiseLike<Row[]>;
}

/**
 * Renders statements without a database, for callers that only read their SQL (the query-plan
 * test): it never runs one, so it needs no D1 binding.
 */
const offline = database({} as D1Database);

function built<Row>(query: Sql<Row>['query'] & { toSQL(): { sql: string; params: unknown[] } }): Sql<Row> {
  const { sql: text, params } = query.toSQL();
  return { text, params, query };
}

const VISIBLE = sql`${o.status} = 'published'`;

/** Rows of `t` (opportunities, or an alias of it) the tenant may show: its own and those shared with it. */
export const visibleTo = (t: { tenantId: AnySQLiteColumn; seq: AnySQLiteColumn }, tenantId: string): SQL =>
  sql`(${t.tenantId} = ${tenantId} OR ${t.seq} IN (SELECT ${opportunityShares.opportunitySeq} FROM ${opportunityShares} WHERE ${opportunityShares.tenantId} = ${tenantId}))`;

/**
 * How far the place of an opportunity is from a point (binds lat, lat, lng). A virtual one has
 * no place: whatever coordinates it stores never sort, filter or measure it, so no answer can
 * be used to find the employer's street by distance.
 */
export const placeKm = (from: Point): SQL<number | null> => sql`(CASE WHEN ${o.mode} = 'virtual' THEN NULL ELSE ${sqlDistanceKm(from, o.lat, o.lng)} END)`;

/** Which rows a plan reads: the tenant's own, the ones other tenants share with it, or both. */
type Scope = 'own' | 'shared' | 'both';

/**
 * The WHERE clause for the plan's filters; `exclude` leaves one facet's own filter out. The
 * search is a sub-select on the FTS index, or (`ftsJoined`, when the query is driven from the
 * FTS matches) the MATCH of the joined FTS table.
 */
export function whereClause(p: ListPlan, exclude?: Facet, scope: Scope = p.sharedIn ? 'both' : 'own', ftsJoined = false): SQL {
  const clauses: SQL[] = [];
  if (scope === 'both') {
    clauses.push(visibleTo(o, p.tenantId));
  } else if (scope === 'shared') {
    // Joined from opportunity_shares (alias sh); a tenant's own row is counted in the 'own' arm only.
    clauses.push(sql`${sh.tenantId} = ${p.tenantId} AND ${o.tenantId} <> ${p.tenantId}`);
  } else {
    clauses.push(sql`${o.tenantId} = ${p.tenantId}`);
  }
  clauses.push(VISIBLE);
  const inList = (column: AnySQLiteColumn, values: readonly string[] | undefined, facet?: Facet) => {
    if (!values?.length || (facet && facet === exclude)) return;
    clauses.push(inArray(column, values));
  };
  inList(o.stage, p.filters.stage, 'stage');
  inList(o.cluster, p.filters.cluster, 'cluster');
  inList(o.type, p.filters.type, 'type');
  inList(o.mode, p.filters.mode);
  if (p.filters.paid === true) clauses.push(sql`${o.compensationType} <> 'unpaid'`);
  if (p.filters.paid === false) clauses.push(sql`${o.compensationType} = 'unpaid'`);
  if (p.filters.transit === true) clauses.push(sql`${o.transitAccessible} = 1`);
  if (p.filters.transit === false) clauses.push(sql`${o.transitAccessible} = 0`);
  if (p.filters.grade !== undefined) {
    clauses.push(sql`${o.gradeMin} <= ${p.filters.grade} AND ${o.gradeMax} >= ${p.filters.grade}`);
  }
  if (p.filters.open === true) {
    clauses.push(sql`coalesce(${o.applicationDeadline}, '9999-12-31') >= ${p.today} AND coalesce(${o.endsOn}, '9999-12-31') >= ${p.today}`);
  }
  if (p.filters.open === false) {
    clauses.push(sql`(coalesce(${o.applicationDeadline}, '9999-12-31') < ${p.today} OR coalesce(${o.endsOn}, '9999-12-31') < ${p.today})`);
  }
  if (p.fts) {
    clauses.push(ftsJoined ? sql`${FTS} MATCH ${matchExpression(p)}` : sql`${o.seq} IN (SELECT rowid FROM ${FTS} WHERE ${FTS} MATCH ${p.fts})`);
  }
  if (p.origin && p.radiusKm !== null) {
    const box = boundingBox(p.origin, p.radiusKm);
    clauses.push(
      sql`${o.lat} BETWEEN ${box.minLat} AND ${box.maxLat} AND ${o.lng} BETWEEN ${box.minLng} AND ${box.maxLng} AND ${placeKm(p.origin)} <= ${p.radiusKm}`,
    );
  }
  return sql.join(clauses, sql` AND `);
}

/** The columns of a summary row (a card of the public list). */
export const summaryColumns = {
  seq: o.seq,
  id: o.id,
  tenantId: o.tenantId,
  title: o.title,
  titleEs: o.titleEs,
  employerId: o.employerId,
  employerName: e.name,
  stage: o.stage,
  type: o.type,
  cluster: o.cluster,
  compensationType: o.compensationType,
  compensationCents: o.compensationCents,
  mode: o.mode,
  city: o.city,
  transitAccessible: o.transitAccessible,
  applicationDeadline: o.applicationDeadline,
  startsOn: o.startsOn,
  endsOn: o.endsOn,
  gradeMin: o.gradeMin,
  gradeMax: o.gradeMax,
  skills: o.skills,
  publishedAt: o.publishedAt,
};

/** …and of the detail page: the opportunity's other public fields and its employer's. */
export const detailColumns = {
  ...summaryColumns,
  description: o.description,
  descriptionEs: o.descriptionEs,
  tasks: o.tasks,
  onetSoc: o.onetSoc,
  technicalSkills: o.technicalSkills,
  locationName: o.locationName,
  address: o.address,
  state: o.state,
  postalCode: o.postalCode,
  lat: o.lat,
  lng: o.lng,
  transitNotes: o.transitNotes,
  minAge: o.minAge,
  capacity: o.capacity,
  schedule: o.schedule,
  timeSlots: o.timeSlots,
  hoursPerWeek: o.hoursPerWeek,
  requiresBackgroundCheck: o.requiresBackgroundCheck,
  requiresGuardianConsent: o.requiresGuardianConsent,
  requiredDocuments: o.requiredDocuments,
  employerWebsite: e.website,
  employerDescription: e.description,
  employerCity: e.city,
  employerClusters: e.clusters,
};

type Decoded<F extends Record<string, Column>> = { [K in keyof F]: GetColumnData<F[K]> };

/** A summary row, with its distance from the viewer's point when there is one. */
export type SummaryRow = Decoded<typeof summaryColumns> & { distanceKm: number | null };
export type DetailRow = Decoded<typeof detailColumns> & { distanceKm: number | null };

/** A row of a page query: the summary, its sort key (for the cursor) and, when over-fetched, whether the tenant may show it. */
export type PageRow = SummaryRow & { sortKey: string | number; visible?: boolean };

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
function source(p: ListPlan, exclude?: Facet): { from: SQL; where: SQL } {
  if (!p.fts) return { from: sql`${opportunities} ${o}`, where: whereClause(p, exclude) };
  return {
    // CROSS JOIN keeps SQLite from choosing to probe the FTS index once per opportunity.
    from: sql`${FTS} CROSS JOIN ${opportunities} ${o} ON ${o.seq} = ${FTS}.rowid`,
    where: whereClause(p, exclude, undefined, true),
  };
}

/**
 * bm25 weights, in the columns' order: title, description, tasks, skills, employer name, scope,
 * title_es, description_es (migration 0008). Lower is better. Every viewer's search matches both
 * languages; the viewer's own title and description weigh the most.
 */
const relevance = (lang: Locale = 'en'): SQL =>
  lang === 'es' ? sql`bm25(${FTS}, 5.0, 1.0, 3.0, 4.0, 6.0, 0.0, 10.0, 2.0)` : sql`bm25(${FTS}, 10.0, 2.0, 3.0, 4.0, 6.0, 0.0, 5.0, 1.0)`;

const hasFilters = (p: ListPlan) => Object.values(p.filters).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)) || p.radiusKm !== null;

/**
 * The sorts served by a keyset index of migration 0001, in the index's own expression
 * (`opportunities_newest`, `opportunities_deadline`): a page is one range of that index.
 */
const KEYSET_SORTS: Partial<Record<Sort, { key: SQL; descending: boolean }>> = {
  newest: { key: sql`coalesce(${o.publishedAt}, '')`, descending: true },
  deadline: { key: sql`coalesce(${o.applicationDeadline}, '9999-12-31')`, descending: false },
};

/**
 * The keys of one page of a keyset sort, read along its index. The cursor is a range on the
 * index (the plain comparison on the sort key lets SQLite seek; the row value breaks ties by
 * seq), so page 50 costs what page 1 does. Rows shared in by other tenants are a second arm
 * read through opportunity_shares and merged in order with the tenant's own range: an OR of
 * the two would sort every row of the tenant for every page.
 */
function keysetKeys(p: ListPlan, key: SQL, descending: boolean): SQL {
  const [cmp, tie] = descending ? [sql.raw('<='), sql.raw('<')] : [sql.raw('>='), sql.raw('>')];
  const arm = (scope: Scope, from: SQL): SQL => {
    const cursor = p.cursor ? sql` AND ${key} ${cmp} ${p.cursor.k} AND (${key}, ${o.seq}) ${tie} (${p.cursor.k}, ${p.cursor.s})` : sql``;
    return sql`SELECT ${o.seq} AS seq, ${key} AS sort_key FROM ${from} WHERE ${whereClause(p, undefined, scope)}${cursor}`;
  };
  const own = arm('own', sql`${opportunities} ${o}`);
  const dir = sql.raw(descending ? 'DESC' : 'ASC');
  const order = sql`ORDER BY sort_key ${dir}, seq ${dir} LIMIT ${p.limit + 1}`;
  if (!p.sharedIn) return sql`${own} ${order}`;
  const shared = arm('shared', sql`${opportunityShares} ${sh} JOIN ${opportunities} ${o} ON ${o.seq} = ${sh.opportunitySeq}`);
  return sql`${own} UNION ALL ${shared} ${order}`;
}

/**
 * One page of the list, ordered by a keyset (sort key, seq) so every page is an index range
 * and no row repeats or goes missing between pages. The keys are found first and the columns
 * (and the distance) read only for the page's rows, so ranking many matches stays cheap.
 * Its rows are read with `decodePageRow`.
 */
export function pageQuery(p: ListPlan, allowOverfetch = true, db: Database = offline): Sql<PageRow> & { overfetch?: number } {
  const distance = p.origin ? placeKm(p.origin) : sql<null>`NULL`;
  const page = (keys: SQL, dir: 'ASC' | 'DESC') =>
    built(
      db
        .select({ ...summaryColumns, distanceKm: distance, sortKey: sql<string | number>`k.sort_key` })
        .from(sql`(${keys}) k`)
        .innerJoin(o, sql`${o.seq} = k.seq`)
        .innerJoin(e, eq(e.id, o.employerId))
        .orderBy(sql`k.sort_key ${sql.raw(dir)}`, sql`k.seq ${sql.raw(dir)}`),
    );
  const keyset = KEYSET_SORTS[p.sort];
  if (keyset && !p.fts) return page(keysetKeys(p, keyset.key, keyset.descending), keyset.descending ? 'DESC' : 'ASC');

  let sortKey: SQL;
  let descending = false;
  let keys: SQL;
  switch (p.sort) {
    case 'relevance':
      sortKey = relevance(p.lang);
      break;
    case 'distance':
      sortKey = sql`coalesce(${placeKm(p.origin!)}, 1e9)`;
      break;
    default:
      // A keyset sort within search matches: the matches are few, so they are sorted.
      sortKey = keyset!.key;
      descending = keyset!.descending;
  }
  if (allowOverfetch && p.sort === 'relevance' && p.fts && !p.sharedIn && p.ownsMost && !hasFilters(p)) {
    return overfetchQuery(p, sortKey, db);
  }
  if (p.sort === 'relevance' && p.fts && !p.sharedIn && !hasFilters(p)) {
    // The scope token already limits matches to the tenant's published rows: rank in the index alone.
    keys = sql`SELECT rowid AS seq, ${sortKey} AS sort_key FROM ${FTS} WHERE ${FTS} MATCH ${matchExpression(p)}`;
  } else {
    const src = source(p);
    keys = sql`SELECT ${o.seq} AS seq, ${sortKey} AS sort_key FROM ${src.from} WHERE ${src.where}`;
  }
  const cursorClause = p.cursor ? sql`WHERE (sort_key, seq) ${sql.raw(descending ? '<' : '>')} (${p.cursor.k}, ${p.cursor.s})` : sql``;
  const dir = descending ? 'DESC' : 'ASC';
  return page(sql`SELECT * FROM (${keys}) ${cursorClause} ORDER BY sort_key ${sql.raw(dir)}, seq ${sql.raw(dir)} LIMIT ${p.limit + 1}`, dir);
}

/**
 * When the tenant owns most of the index, the cheapest ranking is the plain search terms over
 * the whole FTS index (no scope to intersect), over-fetching a few pages and marking which rows
 * the tenant may show. The caller falls back to `pageQuery(p, false)` when too few are visible.
 */
function overfetchQuery(p: ListPlan, sortKey: SQL, db: Database): Sql<PageRow> & { overfetch: number } {
  const overfetch = Math.max(50, (p.limit + 1) * 3);
  const distance = p.origin ? placeKm(p.origin) : sql<null>`NULL`;
  const cursorClause = p.cursor ? sql`WHERE (sort_key, seq) > (${p.cursor.k}, ${p.cursor.s})` : sql``;
  const keys = sql`SELECT * FROM (SELECT rowid AS seq, ${sortKey} AS sort_key FROM ${FTS} WHERE ${FTS} MATCH ${p.fts})
            ${cursorClause} ORDER BY sort_key, seq LIMIT ${overfetch}`;
  return {
    ...built(
      db
        .select({
          ...summaryColumns,
          distanceKm: distance,
          sortKey: sql<string | number>`k.sort_key`,
          visible: sql`(${o.tenantId} = ${p.tenantId} AND ${o.status} = 'published')`.mapWith(Boolean),
        })
        .from(sql`(${keys}) k`)
        .innerJoin(o, sql`${o.seq} = k.seq`)
        .innerJoin(e, eq(e.id, o.employerId))
        .orderBy(sql`k.sort_key`, sql`k.seq`),
    ),
    overfetch,
  };
}

/** Counts per value of one facet, ignoring that facet's own filter. */
export function facetQuery(p: ListPlan, facet: Facet, db: Database = offline): Sql<{ code: string; n: number }> {
  const src = source(p, facet);
  // The facet column goes in as SQL: drizzle checks a column field against the FROM, and this FROM
  // is hand-written. Nested, it keeps its table name (a one-table select would drop it).
  return built(
    db
      .select({ code: sql<string>`${sql`${o[facet]}`}`, n: count() })
      .from(src.from)
      .where(src.where)
      .groupBy(o[facet]),
  );
}

/** A stable key for the filters (not the page) of a plan, for the facet cache. */
export function filterSignature(p: ListPlan): string {
  return JSON.stringify([p.sharedIn, p.fts, p.filters, p.today, p.origin, p.radiusKm]);
}

export function parseCursor(raw: string | undefined): Cursor | null | 'invalid' {
  if (!raw) return null;
  return decodeCursor(raw) ?? 'invalid';
}
