/**
 * Migration 0006 rebuilds almost every table to add its CHECK constraints. On a database that
 * holds data (the demo seed, and an audit counter that ran past deleted rows), it must keep
 * every row, the search index, the AUTOINCREMENT counters and every index and trigger, and
 * leave no old table or dangling reference behind.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Runs a command to completion and returns its output, or throws with what it printed. */
function exec(args: string[]): string {
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' },
  });
  if (r.status !== 0) throw new Error(`${args.slice(0, 4).join(' ')} failed: ${r.stdout}${r.stderr}`);
  return r.stdout;
}
const wrangler = (args: string[]) => exec([join(root, 'node_modules/wrangler/bin/wrangler.js'), ...args]);

const REBUILD = '0006_enum_checks.sql';
let dir: string;
let config: string;
const migrations = () => join(dir, 'migrations');
const run = (...args: string[]) => wrangler([...args, '--local', '--persist-to', join(dir, 'state'), '-c', config]);
const query = <T = Record<string, unknown>>(text: string): T[] => {
  const out = run('d1', 'execute', 'DB', '--json', '--command', text);
  return JSON.parse(out.slice(out.indexOf('[')))[0]?.results ?? [];
};

const COUNTS = `SELECT ${[
  'tenants',
  'schools',
  'sites',
  'employers',
  'users',
  'opportunities',
  'opportunity_shares',
  'events',
  'rsvps',
  'host_offers',
  'students',
  'applications',
  'application_events',
  'agreements',
  'hour_logs',
  'evaluations',
  'achievements',
  'outbox',
  'audit_log',
  'opportunities_fts',
]
  .map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`)
  .join(', ')},
  (SELECT count(*) FROM opportunities_fts WHERE opportunities_fts MATCH 'nurs*') AS search,
  (SELECT group_concat(name || '=' || seq) FROM (SELECT name, seq FROM sqlite_sequence WHERE name != 'd1_migrations' ORDER BY name)) AS counters`;
const OBJECTS = "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY type, name";

describe(`migration ${REBUILD} on a database with data`, () => {
  let before0006: { counts: unknown; objects: unknown };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'wbl-migrations-'));
    const all = readdirSync(join(root, 'schema/db/migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort();
    mkdirSync(migrations());
    for (const f of all.filter((f) => f < REBUILD)) copyFileSync(join(root, 'schema/db/migrations', f), join(migrations(), f));
    // A wrangler config of our own whose migrations directory holds only the ones before 0006.
    config = join(dir, 'wrangler.toml');
    writeFileSync(config, readFileSync(join(root, 'wrangler.toml'), 'utf8').replace(/migrations_dir = ".*"/, `migrations_dir = "${migrations()}"`));
    run('d1', 'migrations', 'apply', 'DB');
    const seed = join(dir, 'seed.sql');
    // The seed as a database from before 0007 can hold it (no Spanish columns, no languages yet).
    exec(['--import', 'tsx', join(root, 'scripts/seed.ts'), '--out', seed, '--origins', 'http://127.0.0.1:1', '--before-0007']);
    run('d1', 'execute', 'DB', '--file', seed);
    // An audit counter past rows deleted at the end: the rebuilt table must not reuse id 3.
    run(
      'd1',
      'execute',
      'DB',
      '--command',
      "INSERT INTO audit_log (tenant_id, actor_type, action, entity) VALUES ('ten_riverside', 'system', 'test.a', 'test'), ('ten_riverside', 'system', 'test.b', 'test'), ('ten_riverside', 'system', 'test.c', 'test'); DELETE FROM audit_log WHERE action = 'test.c'",
    );
    before0006 = { counts: query(COUNTS), objects: query(OBJECTS) };
    copyFileSync(join(root, 'schema/db/migrations', REBUILD), join(migrations(), REBUILD));
    run('d1', 'migrations', 'apply', 'DB');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every row, the search index and the counters', () => {
    assert.deepEqual(query(COUNTS), before0006.counts);
    const [row] = query<{ counters: string }>(COUNTS);
    assert.match(row!.counters, /audit_log=\d+/);
  });

  it('keeps every index and trigger, and leaves no old table or reference to one', () => {
    assert.deepEqual(query(OBJECTS), before0006.objects);
    assert.deepEqual(query("SELECT name FROM sqlite_master WHERE instr(name, '__old') > 0 OR instr(sql, '__old') > 0"), []);
    assert.deepEqual(query('PRAGMA foreign_key_check'), []);
  });

  it('adds the CHECKs: a status outside the list is refused', () => {
    assert.throws(() => run('d1', 'execute', 'DB', '--command', "UPDATE applications SET status = 'hired'"), /failed/);
    const next = query<{ id: number }>(
      "INSERT INTO audit_log (tenant_id, actor_type, action, entity) VALUES ('ten_riverside', 'system', 'test.d', 'test') RETURNING id",
    );
    assert.ok(next[0]!.id > 3, `id ${next[0]!.id} follows the deleted row`);
  });
});

/**
 * Migration 0008 rebuilds the search index with the Spanish title and description: on a
 * database with data, every row keeps its place in the index, the triggers are the same ones
 * (now indexing the Spanish columns too), and Spanish words are found.
 */
const SPANISH = '0008_spanish_search.sql';
const SEARCH = (term: string) => `SELECT count(*) AS n FROM opportunities_fts WHERE opportunities_fts MATCH '${term}'`;

describe(`migration ${SPANISH} on a database with data`, () => {
  let before0008: { counts: unknown; objects: unknown; english: unknown };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'wbl-migrations-'));
    const all = readdirSync(join(root, 'schema/db/migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort();
    mkdirSync(migrations());
    for (const f of all.filter((f) => f < SPANISH)) copyFileSync(join(root, 'schema/db/migrations', f), join(migrations(), f));
    config = join(dir, 'wrangler.toml');
    writeFileSync(config, readFileSync(join(root, 'wrangler.toml'), 'utf8').replace(/migrations_dir = ".*"/, `migrations_dir = "${migrations()}"`));
    run('d1', 'migrations', 'apply', 'DB');
    const seed = join(dir, 'seed.sql');
    // The seed as a database from before 0009 can hold it (no supervisor named without an account yet).
    exec(['--import', 'tsx', join(root, 'scripts/seed.ts'), '--out', seed, '--origins', 'http://127.0.0.1:1', '--before-0009']);
    run('d1', 'execute', 'DB', '--file', seed);
    before0008 = { counts: query(COUNTS), objects: query(OBJECTS), english: query(SEARCH('nurs*')) };
    assert.deepEqual(query(SEARCH('enfermeria')), [{ n: 0 }], 'the index of 0001 has no Spanish');
    copyFileSync(join(root, 'schema/db/migrations', SPANISH), join(migrations(), SPANISH));
    run('d1', 'migrations', 'apply', 'DB');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every row, the whole index and the English search', () => {
    assert.deepEqual(query(COUNTS), before0008.counts);
    assert.deepEqual(query(SEARCH('nurs*')), before0008.english);
    assert.deepEqual(query(OBJECTS), before0008.objects, 'the same indexes and triggers');
  });

  it('finds the Spanish title, with or without its accent, and only among published rows of the scope', () => {
    const [row] = query<{ n: number }>(SEARCH('enfermería'));
    assert.ok(row!.n >= 1);
    assert.deepEqual(query(SEARCH('enfermeria')), [row]);
    const [scoped] = query<{ n: number }>(`${SEARCH('enfermeria')} AND opportunities_fts MATCH 'scope : "p${Buffer.from('ten_riverside').toString('hex')}"'`);
    assert.equal(scoped!.n, row!.n);
  });

  it('keeps the Spanish columns in step on every write', () => {
    run('d1', 'execute', 'DB', '--command', "UPDATE opportunities SET title_es = 'Taller de cerámica zzyzx' WHERE id = 'opp_riv_010'");
    assert.deepEqual(query(SEARCH('ceramica')), [{ n: 1 }]);
    run('d1', 'execute', 'DB', '--command', "UPDATE opportunities SET title_es = NULL WHERE id = 'opp_riv_010'");
    assert.deepEqual(query(SEARCH('ceramica')), [{ n: 0 }]);
    // A new row is indexed with its Spanish title by the INSERT trigger.
    const columns = query<{ name: string }>('PRAGMA table_info(opportunities)')
      .map((c) => c.name)
      .filter((c) => c !== 'seq');
    const values = columns.map((c) => (c === 'id' ? "'opp_riv_spanish_copy'" : c === 'title_es' ? "'Taller de alfarería'" : c));
    run(
      'd1',
      'execute',
      'DB',
      '--command',
      `INSERT INTO opportunities (${columns.join(', ')}) SELECT ${values.join(', ')} FROM opportunities WHERE id = 'opp_riv_010'`,
    );
    assert.deepEqual(query(SEARCH('alfareria')), [{ n: 1 }]);
  });
});
