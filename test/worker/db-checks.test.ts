/**
 * The database refuses what the types refuse: every enum column of schema/db/tables.ts has a
 * CHECK constraint in the migrated database, and a value outside the list is refused there, not
 * only by the Worker's schemas. Migration 0006 (which adds them by rebuilding the tables) keeps
 * every row, every index, every trigger and the counters: test/worker/migrations.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getTableConfig, SQLiteSyncDialect, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as tables from '../../schema/db/tables.js';
import { sql } from './admin-helpers.js';

const all = (Object.values(tables) as unknown[]).filter(
  (t): t is SQLiteTable => typeof t === 'object' && t !== null && Symbol.for('drizzle:IsDrizzleTable') in t,
);

const dialect = new SQLiteSyncDialect();

describe('CHECK constraints', () => {
  it('are in the migrated database for every enum column the tables declare', () => {
    const schema = new Map(sql<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table'").map((r) => [r.name, r.sql]));
    let checks = 0;
    for (const table of all) {
      const config = getTableConfig(table);
      for (const column of config.columns) {
        if (!column.enumValues?.length) continue;
        assert.ok(
          config.checks.some((c) => dialect.sqlToQuery(c.value).sql.includes(`"${column.name}" IN`)),
          `${config.name}.${column.name} is an enum without a CHECK in tables.ts`,
        );
      }
      for (const c of config.checks) {
        assert.match(schema.get(config.name) ?? '', new RegExp(`CONSTRAINT "${c.name}" CHECK`), `${config.name} has ${c.name} in the database`);
        checks++;
      }
    }
    assert.ok(checks >= 25, `${checks} checks`);
  });

  const refused = (statement: string) => assert.throws(() => sql(statement), /CHECK constraint failed|failed/);

  it('refuse a status, role, stage or type outside the lists', () => {
    const app = sql<{ id: string }>('SELECT id FROM applications LIMIT 1')[0]!.id;
    refused(`UPDATE applications SET status = 'hired' WHERE id = '${app}'`);
    refused("UPDATE opportunities SET status = 'live' WHERE id = 'opp_riv_001'");
    refused("UPDATE opportunities SET stage = 'career_magic' WHERE id = 'opp_riv_001'");
    refused("UPDATE opportunities SET type = 'party' WHERE id = 'opp_riv_001'");
    refused("UPDATE users SET role = 'superuser' WHERE email = 'viewer@riverside.example'");
    refused("UPDATE events SET status = 'postponed' WHERE id = (SELECT id FROM events LIMIT 1)");
    refused("INSERT INTO audit_log (tenant_id, actor_type, action, entity) VALUES ('ten_riverside', 'robot', 'x.y', 'x')");
    // The rows are as they were.
    assert.equal(sql<{ status: string }>("SELECT status FROM opportunities WHERE id = 'opp_riv_001'")[0]!.status, 'published');
    assert.equal(sql<{ role: string }>("SELECT role FROM users WHERE email = 'viewer@riverside.example'")[0]!.role, 'viewer');
  });

  it('let every listed value and NULL (where the column allows it) through', () => {
    sql("UPDATE opportunities SET compensation_type = compensation_type, mode = mode WHERE id = 'opp_riv_001'");
    sql('UPDATE applications SET transportation = NULL WHERE 0');
  });
});
