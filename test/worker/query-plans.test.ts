/**
 * Each keyset index of migration 0001 is used by the query that pages along it. The SQL is the
 * one the Worker builds (imported from worker/lib/opportunity-query.ts), and its plan is read
 * with EXPLAIN QUERY PLAN from the very local D1 the test Worker serves (WBL_PERSIST_TO), so
 * the SQLite that plans it is workerd's own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain ES module without types (the wrangler CLI wrappers the test runner uses).
import { query } from '../../scripts/lib/d1.mjs';
import { DEMO } from '../../demo/seed/index.js';
import { pageQuery, type ListPlan } from '../../worker/lib/opportunity-query.js';

const PERSIST_TO = process.env.WBL_PERSIST_TO;

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}
interface PlanNode {
  detail: string;
  children: PlanNode[];
}

/** D1's CLI binds no parameters, so they are written into the SQL as literals. */
function inline(text: string, params: unknown[]): string {
  let i = 0;
  const sql = text.replace(/\?/g, () => {
    const v = params[i++];
    if (v === null || v === undefined) return 'NULL';
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
  assert.equal(i, params.length, 'every parameter has its placeholder');
  return sql;
}

function planOf(plan: ListPlan): PlanNode[] {
  const q = pageQuery(plan);
  const rows = query(PERSIST_TO, `EXPLAIN QUERY PLAN ${inline(q.text, q.params)}`) as PlanRow[];
  const nodes = new Map<number, PlanNode>([[0, { detail: '', children: [] }]]);
  for (const r of rows) {
    const node = { detail: r.detail, children: [] };
    nodes.set(r.id, node);
    (nodes.get(r.parent) ?? nodes.get(0)!).children.push(node);
  }
  return nodes.get(0)!.children;
}

const flat = (nodes: PlanNode[]): string[] => nodes.flatMap((n) => [n.detail, ...flat(n.children)]);
const show = (nodes: PlanNode[], depth = 0): string => nodes.map((n) => `${'  '.repeat(depth)}${n.detail}\n${show(n.children, depth + 1)}`).join('');

/**
 * The rows a tenant receives from others are read through opportunity_shares and sorted there:
 * they are as many as the tenant's shares, whatever the size of the table. Everything else
 * must come off the index in order.
 */
function withoutSharedArm(nodes: PlanNode[]): PlanNode[] {
  return nodes.map((n) => {
    if (n.detail === 'RIGHT' && flat(n.children).some((d) => /SEARCH sh USING .*INDEX sqlite_autoindex_opportunity_shares_1 \(tenant_id=\?\)/.test(d))) {
      return { detail: 'RIGHT (the shares of the tenant)', children: [] };
    }
    return { detail: n.detail, children: withoutSharedArm(n.children) };
  });
}

const base = (over: Partial<ListPlan>): ListPlan => ({
  tenantId: DEMO.riverside.tenantId,
  sharedIn: false,
  ownsMost: false,
  fts: null,
  filters: {},
  today: '2026-12-03',
  origin: null,
  radiusKm: null,
  sort: 'newest',
  cursor: null,
  limit: 20,
  ...over,
});

const INDEX = { newest: 'opportunities_newest', deadline: 'opportunities_deadline' } as const;
const CURSOR = { newest: { k: '2026-11-01T00:00:00.000Z', s: 50 }, deadline: { k: '2027-01-15', s: 50 } } as const;

describe('query plans of the public list', { skip: !PERSIST_TO && 'needs WBL_PERSIST_TO (run through scripts/test.mjs)' }, () => {
  it('the demo tenant the plans are read for receives shares (so the shared arm is planned too)', () => {
    const rows = query(PERSIST_TO, `SELECT count(*) AS n FROM opportunity_shares WHERE tenant_id = '${DEMO.riverside.tenantId}'`) as { n: number }[];
    assert.ok(rows[0]!.n > 0);
  });

  for (const sort of ['newest', 'deadline'] as const) {
    const cases: [string, Partial<ListPlan>][] = [
      ['first page', {}],
      ['a later page', { cursor: CURSOR[sort] }],
      ['a filtered page', { filters: { stage: ['exploration'], paid: true } }],
      ['first page with shared-in rows', { sharedIn: true }],
      ['a later page with shared-in rows', { sharedIn: true, cursor: CURSOR[sort] }],
      ['a filtered later page with shared-in rows', { sharedIn: true, cursor: CURSOR[sort], filters: { cluster: ['healthcare_human_services'], open: true } }],
    ];
    for (const [name, over] of cases) {
      it(`sort=${sort}, ${name}: reads along ${INDEX[sort]} with no sort of the tenant's rows`, () => {
        const plan = planOf(base({ sort, ...over }));
        const own = flat(withoutSharedArm(plan));
        const text = show(plan);
        const seek = own.find((d) => d.includes(`USING INDEX ${INDEX[sort]} (tenant_id=? AND status=?`));
        assert.ok(seek, `uses ${INDEX[sort]}:\n${text}`);
        assert.ok(!own.some((d) => d.includes('USE TEMP B-TREE FOR ORDER BY')), `no sort outside the shares:\n${text}`);
        if (over.cursor) assert.match(seek, /<expr>[<>]\?\)/, `the cursor is a range of the index, not a filter:\n${text}`);
      });
    }
  }

  it('sort=distance within a radius reads only the radius’ box from opportunities_geo', () => {
    const plan = flat(planOf(base({ sort: 'distance', origin: { lat: 33.95, lng: -117.39 }, radiusKm: 10 })));
    assert.ok(
      plan.some((d) => /USING (COVERING )?INDEX opportunities_geo \(tenant_id=\? AND status=\? AND lat>\? AND lat<\?\)/.test(d)),
      plan.join('\n'),
    );
  });
});
