/**
 * The tests' own SQL (`sql()` in admin-helpers.ts, `query()` in scripts/lib/d1.mjs) goes through
 * one connection held open for the run, not a wrangler process per statement. These tests pin
 * what the call sites rely on: it is the very database the Worker serves, in both directions;
 * it answers synchronously; several statements split as `wrangler d1 execute` splits them; a
 * failing statement throws with SQLite's message and its batch leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO } from '../../demo/seed/index.js';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { quote, sql, submitOffer, uniqueWord } from './admin-helpers.js';
import { getJson } from './helpers.js';

const skip = !process.env.WBL_PERSIST_TO && 'needs WBL_PERSIST_TO (run through scripts/test.mjs)';

describe('the tests’ one connection to the local D1', { skip }, () => {
  it('writes what the Worker then serves, and reads what the Worker just wrote', async () => {
    const id = DEMO.riverside.publishedIds[0]!;
    const [before] = sql<{ title: string }>(`SELECT title FROM opportunities WHERE id = ${quote(id)}`);
    assert.ok(before, 'a seeded opportunity');
    const title = `${uniqueWord('Renamed')} by a test`;
    try {
      sql(`UPDATE opportunities SET title = ${quote(title)} WHERE id = ${quote(id)}`);
      assert.equal((await getJson<{ title: string }>(`/opportunities/${id}`)).title, title);
    } finally {
      sql(`UPDATE opportunities SET title = ${quote(before.title)} WHERE id = ${quote(id)}`);
    }
    assert.equal((await getJson<{ title: string }>(`/opportunities/${id}`)).title, before.title);

    const offer = await submitOffer({ title: `${uniqueWord('Offer')} read back at once` });
    const rows = sql<{ reference: string; status: string }>(`SELECT reference, status FROM host_offers WHERE id = ${quote(offer.id)}`);
    assert.deepEqual(rows, [{ reference: offer.reference, status: 'pending' }]);
  });

  it('answers synchronously, and query() still returns the first statement’s rows', () => {
    const rows = query(
      process.env.WBL_PERSIST_TO,
      `SELECT 'a;b' AS x, "y" AS "q;uoted" FROM (SELECT 'y' AS y) -- a comment; with a semicolon
      ; SELECT 2 AS second`,
    );
    assert.ok(Array.isArray(rows), 'rows, not a promise');
    assert.deepEqual(rows, [{ x: 'a;b', 'q;uoted': 'y' }]);
  });

  it('throws with SQLite’s message, and a failing batch leaves nothing behind', () => {
    const word = uniqueWord('Rollback');
    assert.throws(() => sql('SELECT nope FROM opportunities'), /no such column: nope/);
    assert.throws(
      () => sql(`UPDATE opportunities SET title = ${quote(word)} WHERE id = ${quote(DEMO.riverside.publishedIds[0]!)}; SELECT nope FROM opportunities`),
      /no such column/,
    );
    assert.deepEqual(sql(`SELECT id FROM opportunities WHERE title = ${quote(word)}`), []);
  });

  it('takes a trigger’s body as one statement', () => {
    const table = uniqueWord('t');
    try {
      sql(
        `CREATE TABLE ${table} (n INTEGER); CREATE TRIGGER ${table}_double AFTER INSERT ON ${table} BEGIN UPDATE ${table} SET n = n * 2 WHERE rowid = NEW.rowid; END; INSERT INTO ${table} VALUES (21)`,
      );
      assert.deepEqual(sql(`SELECT n FROM ${table}`), [{ n: 42 }]);
    } finally {
      sql(`DROP TABLE IF EXISTS ${table}`);
    }
  });
});
