import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { OpportunityDetail, OpportunityList, type OpportunitySummary } from '../../schema/api/opportunities.js';
import { DEMO } from '../../demo/seed/index.js';
import { allPages, api, expectProblem, getJson } from './helpers.js';

const R = DEMO.riverside;
const L = DEMO.lakeside;

type Item = OpportunitySummary;
let everything: Item[] = [];

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

/** Every filter is checked against the same rule applied in JavaScript to the unfiltered list. */
async function expectFilter(query: Record<string, string | number | boolean | string[]>, keep: (o: Item) => boolean) {
  const { items } = await allPages<Item>('/opportunities', { query: { ...query, limit: 100 } });
  const expected = everything.filter(keep);
  assert.ok(expected.length > 0, `the seed has data for ${JSON.stringify(query)}`);
  assert.ok(expected.length < everything.length, `the filter ${JSON.stringify(query)} removes something`);
  assert.deepEqual(ids(items), ids(expected), `filter ${JSON.stringify(query)}`);
}

before(async () => {
  everything = (await allPages<Item>('/opportunities', { query: { limit: 100 } })).items;
});

describe('listing', () => {
  it('shows every published opportunity of the site’s tenant and the ones shared with it, and nothing else', async () => {
    assert.equal(everything.length, R.publishedCount + 1);
    const seen = new Set(everything.map((o) => o.id));
    for (const id of [...R.draftIds, ...R.closedIds]) assert.ok(!seen.has(id), `${id} is not public`);
    assert.ok(seen.has(R.sharedFromLakesideId), 'the opportunity Lakeside shares appears');
    for (const id of L.publishedIds.filter((id: string) => id !== R.sharedFromLakesideId)) assert.ok(!seen.has(id), `${id} belongs to Lakeside`);
  });

  it('answers in the documented shape', async () => {
    const body = OpportunityList.parse(await getJson('/opportunities'));
    assert.equal(body.items.length, 20);
    assert.equal(body.total, everything.length);
  });

  it('never returns more than 100 at a time', async () => {
    await expectProblem(await api('/opportunities', { query: { limit: 101 } }), 400);
  });

  for (const sort of ['newest', 'deadline', 'distance'] as const) {
    it(`pages through everything sorted by ${sort} with no repeats and no gaps`, async () => {
      const { items, pages } = await allPages<Item>('/opportunities', { query: { sort, limit: 7 } });
      assert.ok(pages > 5);
      assert.equal(new Set(items.map((i) => i.id)).size, items.length, 'no repeats');
      assert.deepEqual(ids(items), ids(everything), 'no gaps');
      const keys = items.map((i) =>
        sort === 'newest' ? i.publishedAt! : sort === 'deadline' ? (i.applicationDeadline ?? '9999-12-31') : (i.distanceKm ?? 1e9),
      );
      const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      assert.deepEqual(keys, sort === 'newest' ? sorted.reverse() : sorted, `ordered by ${sort}`);
    });
  }

  it('pages a search ranked by relevance without repeats or gaps', async () => {
    const all = (await allPages<Item>('/opportunities', { query: { q: 'student', limit: 100 } })).items;
    const paged = await allPages<Item>('/opportunities', { query: { q: 'student', limit: 3 } });
    assert.ok(paged.pages > 2);
    assert.deepEqual(
      paged.items.map((i) => i.id),
      all.map((i) => i.id),
    );
  });
});

describe('filters', () => {
  it('by one stage and by several', async () => {
    await expectFilter({ stage: 'exploration' }, (o) => o.stage === 'exploration');
    await expectFilter({ stage: ['awareness', 'training'] }, (o) => o.stage === 'awareness' || o.stage === 'training');
  });
  it('by type', async () => {
    await expectFilter({ type: 'job_shadowing' }, (o) => o.type === 'job_shadowing');
  });
  it('by several clusters, repeated or comma-separated', async () => {
    const keep = (o: Item) => o.cluster === 'healthcare_human_services' || o.cluster === 'digital_technology';
    await expectFilter({ cluster: ['healthcare_human_services', 'digital_technology'] }, keep);
    await expectFilter({ cluster: 'healthcare_human_services,digital_technology' }, keep);
  });
  it('by mode', async () => {
    await expectFilter({ mode: 'virtual' }, (o) => o.mode === 'virtual');
    await expectFilter({ mode: ['in_person', 'hybrid'] }, (o) => o.mode !== 'virtual');
  });
  it('paid and unpaid', async () => {
    await expectFilter({ paid: true }, (o) => o.compensation.type !== 'unpaid');
    await expectFilter({ paid: false }, (o) => o.compensation.type === 'unpaid');
  });
  it('by grade', async () => {
    await expectFilter({ grade: 9 }, (o) => o.gradeMin <= 9 && o.gradeMax >= 9);
  });
  it('open for applications today', async () => {
    await expectFilter({ open: true }, (o) => o.open);
    for (const id of R.pastDeadlineIds) assert.ok(everything.find((o) => o.id === id)?.open === false, `${id} is closed for applications`);
  });
  it('transit accessible', async () => {
    await expectFilter({ transit: true }, (o) => o.transitAccessible);
  });
  it('within a radius of a point, and of the site’s school', async () => {
    const point = '33.98,-117.37';
    const measured = (await allPages<Item>('/opportunities', { query: { near: point, limit: 100 } })).items;
    const within = measured.filter((o) => o.distanceKm !== null && o.distanceKm <= 8);
    const { items } = await allPages<Item>('/opportunities', { query: { near: point, radius_km: 8, limit: 100 } });
    assert.ok(within.length > 0 && within.length < measured.length);
    assert.deepEqual(ids(items), ids(within));
    const fromSchool = (await allPages<Item>('/opportunities', { query: { radius_km: 5, limit: 100 } })).items;
    assert.deepEqual(ids(fromSchool), ids(everything.filter((o) => o.distanceKm !== null && o.distanceKm <= 5)));
  });
  it('combines filters, and counts facets under the others', async () => {
    const query = { paid: true, stage: 'preparation', cluster: 'healthcare_human_services' };
    const body = await getJson('/opportunities', { query });
    const base = everything.filter((o) => o.compensation.type !== 'unpaid');
    const count = (list: Item[], key: 'stage' | 'cluster' | 'type') =>
      list.reduce<Record<string, number>>((acc, o) => {
        acc[o[key]] = (acc[o[key]] ?? 0) + 1;
        return acc;
      }, {});
    assert.deepEqual(
      body.facets.stage,
      count(
        base.filter((o) => o.cluster === query.cluster),
        'stage',
      ),
    );
    assert.deepEqual(
      body.facets.cluster,
      count(
        base.filter((o) => o.stage === query.stage),
        'cluster',
      ),
    );
    const both = base.filter((o) => o.stage === query.stage && o.cluster === query.cluster);
    assert.deepEqual(body.facets.type, count(both, 'type'));
    assert.equal(body.total, both.length);
  });
});

describe('search', () => {
  it('finds by word prefix, ranked', async () => {
    const body = await getJson('/opportunities', { query: { q: 'nurs' } });
    assert.equal(body.items[0]?.id, R.nursingId);
  });
  it('searches the employer name, tasks and skills too', async () => {
    const nursing = await getJson<OpportunityDetail>(`/opportunities/${R.nursingId}`);
    const byEmployer = await getJson('/opportunities', { query: { q: nursing.employer.name } });
    assert.ok(byEmployer.items.some((o: Item) => o.id === R.nursingId));
    const task = nursing.tasks[0]!.split(/\s+/)
      .filter((w) => w.length > 5)
      .slice(0, 2)
      .join(' ');
    const byTask = await getJson('/opportunities', { query: { q: task } });
    assert.ok(
      byTask.items.some((o: Item) => o.id === R.nursingId),
      `a task word (${task}) finds it`,
    );
  });
  it('answers every hostile string without a server error', async () => {
    const hostile = [
      '"',
      '""',
      "'",
      'nurs*',
      '*',
      'NEAR(a b)',
      'a OR',
      'AND',
      'title:nurse',
      '-',
      '^',
      '(',
      ')',
      '{}',
      '\\',
      "'; DROP TABLE opportunities; --",
      '" OR 1=1 --',
      '%',
      '_',
      '\u0000',
      '💉🩺',
      'ñandú',
      'x'.repeat(200),
      'a:b:c',
      'col:"x" AND NOT y',
    ];
    for (const q of hostile) {
      const res = await api('/opportunities', { query: { q } });
      assert.ok(res.status === 200 || res.status === 400, `q=${JSON.stringify(q)} answered ${res.status}`);
      if (res.status === 400) await expectProblem(res, 400);
      else await res.body?.cancel();
    }
    assert.equal((await getJson('/opportunities', { query: { limit: 100 } })).total, everything.length, 'nothing was dropped');
  });
  it('finds nothing for words that are nowhere', async () => {
    const body = await getJson('/opportunities', { query: { q: 'zyzzyva quux' } });
    assert.equal(body.items.length, 0);
    assert.equal(body.total, 0);
    assert.equal(body.nextCursor, null);
  });
});

describe('detail and isolation', () => {
  it('shows a published opportunity with its employer’s public fields and no contact details', async () => {
    const res = await api(`/opportunities/${R.nursingId}`);
    const raw = await res.json();
    const body = OpportunityDetail.parse(raw);
    assert.ok(body.description.length > 40);
    assert.ok(body.tasks.length >= 3);
    assert.ok(body.employer.name);
    const text = JSON.stringify(raw);
    for (const secret of ['contact', 'email', 'phone', 'vetting', 'tenant', 'seq']) assert.ok(!text.toLowerCase().includes(`"${secret}`), `no ${secret} field`);
  });
  it('answers 404 for drafts, closed ones and another tenant’s ids', async () => {
    for (const id of [...R.draftIds, ...R.closedIds]) await expectProblem(await api(`/opportunities/${id}`), 404);
    const foreign = L.publishedIds.find((id: string) => id !== R.sharedFromLakesideId)!;
    await expectProblem(await api(`/opportunities/${foreign}`), 404);
    assert.equal((await api(`/opportunities/${foreign}`, { key: L.key })).status, 200, 'Lakeside sees its own');
    await expectProblem(await api(`/opportunities/${R.nursingId}`, { key: L.key }), 404);
  });
  it('answers 404 for ids that cannot exist', async () => {
    for (const id of ['nope', "opp_' or 1=1", 'opp_%25', '..%2F..%2Fetc']) await expectProblem(await api(`/opportunities/${id}`), 404);
  });
  it('keeps each tenant’s list to its own', async () => {
    const lake = (await allPages<Item>('/opportunities', { key: L.key, query: { limit: 100 } })).items;
    assert.deepEqual(ids(lake), [...L.publishedIds].sort());
  });
});

describe('match', () => {
  const post = (body: unknown) => api('/opportunities/match', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

  it('ranks by stated interests and says why', async () => {
    const res = await post({
      clusters: ['healthcare_human_services'],
      skills: ['communication'],
      grade: 11,
      travel: 'public_transit',
      maxDistanceKm: 20,
      paid: 'preferred',
      availability: ['after_school', 'summer'],
    });
    assert.equal(res.status, 200);
    const { items } = await res.json();
    assert.ok(items.length > 0);
    assert.equal(items[0].opportunity.cluster, 'healthcare_human_services');
    assert.ok(items[0].reasons.some((r: { text: string }) => r.text === 'Matches your interest in Healthcare & Human Services'));
    for (const i of items) {
      assert.ok(i.opportunity.gradeMin <= 11 && i.opportunity.gradeMax >= 11, 'eligible by grade');
      assert.ok(i.opportunity.open, 'open for applications');
    }
    const scores = items.map((i: { score: number }) => i.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });
  it('gives reasons in Spanish', async () => {
    const { items } = await (await post({ clusters: ['digital_technology'], locale: 'es' })).json();
    assert.ok(items[0].reasons.some((r: { text: string }) => r.text === 'Coincide con tu interés en Tecnología digital'));
  });
  it('only offers paid ones when pay is required', async () => {
    const { items } = await (await post({ clusters: ['construction', 'advanced_manufacturing'], paid: 'required' })).json();
    assert.ok(items.length > 0);
    for (const i of items) assert.notEqual(i.opportunity.compensation.type, 'unpaid');
  });
  it('refuses bad interests with field errors', async () => {
    const body = await expectProblem(await post({ clusters: ['astronomy'], grade: 20, travel: 'teleport' }), 400);
    assert.deepEqual(new Set(body.errors?.map((e) => e.path)), new Set(['clusters.0', 'grade', 'travel']));
  });
});

describe('search in a database one tenant mostly owns', () => {
  const key = DEMO.bench.key;
  const ranked = async (query: Record<string, string | number | string[]>) =>
    (await allPages<Item>('/opportunities', { key, query: { ...query, limit: 7 } })).items.map((o) => o.id);

  for (const q of ['internship', 'students', 'nursing', 'riverside', 'health care']) {
    it(`ranks “${q}” the same whichever way it is computed, page after page`, async () => {
      const fast = await ranked({ q });
      // Naming every stage filters nothing but takes the exact, join-driven query.
      const exact = await ranked({ q, stage: ['awareness', 'exploration', 'preparation', 'training'] });
      assert.deepEqual(fast, exact);
      assert.equal(new Set(fast).size, fast.length);
      for (const id of fast) assert.match(id, /^opp_bench_/);
    });
  }
});
