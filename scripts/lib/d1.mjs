// Small wrappers around the wrangler CLI for the local D1 database: the same commands a
// person would type, so the local database is exactly what `wrangler dev` serves. Tests' own
// statements skip the CLI and go through one connection held open (d1-sync.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { executeSync } from './d1-sync.mjs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const wranglerBin = `${root}node_modules/wrangler/bin/wrangler.js`;
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0' };

export function wrangler(args, { quiet = false, retries = 0 } = {}) {
  const started = performance.now();
  const local = localCommand(args);
  try {
    // `d1 execute --local --json --command` (what tests run) goes through the one open connection instead.
    if (local) return JSON.stringify(executeSync(local.persistTo, local.command));
    return wranglerRun(args, { quiet, retries });
  } finally {
    if (args.includes('--command')) countSql(performance.now() - started);
  }
}

/** `d1 execute DB --local --persist-to P --json --command SQL` → { persistTo, command }; anything else → null. */
function localCommand(args) {
  if (process.env.WBL_D1_VIA_WRANGLER || args[0] !== 'd1' || args[1] !== 'execute' || !args.includes('--local') || !args.includes('--json')) return null;
  const value = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const persistTo = value('--persist-to');
  const command = value('--command');
  return persistTo && command !== undefined && !args.includes('--file') ? { persistTo, command } : null;
}

// Tests' own SQL (sql(), query()): counted per process into WBL_SQL_STATS, summed by scripts/test.mjs.
// The first statement of a process also pays for opening the connection; it is counted apart.
let sqlCount = 0;
let sqlMs = 0;
let firstMs = 0;
function countSql(ms) {
  if (!process.env.WBL_SQL_STATS) return;
  if (sqlCount++ === 0) {
    firstMs = ms;
    process.once('exit', () => appendFileSync(process.env.WBL_SQL_STATS, `${sqlCount} ${sqlMs.toFixed(0)} ${firstMs.toFixed(0)} ${process.argv[1] ?? ''}\n`));
  }
  sqlMs += ms;
}

function wranglerRun(args, { quiet, retries }) {
  let r = spawnSync(process.execPath, [wranglerBin, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  // A second SQLite connection to the file `wrangler dev` is writing may find it locked for a
  // moment; that is a wait, not a failure.
  for (let i = 0; i < retries && r.status !== 0 && /SQLITE_BUSY|database is locked/.test(`${r.stdout}${r.stderr}`); i++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200 * (i + 1));
    r = spawnSync(process.execPath, [wranglerBin, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  }
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')} failed (${r.status})`);
  }
  if (!quiet)
    process.stdout.write(
      `${r.stdout
        .split('\n')
        .filter((l) => /✅|executed|Migrations|applied|No migrations/.test(l))
        .join('\n')}\n`,
    );
  return r.stdout;
}

export const migrate = (persistTo) => wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
export const executeFile = (persistTo, file) => wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--file', file], { quiet: true });

/**
 * Runs SQL on the local database and returns the rows of its first statement. Through one open
 * connection per process (d1-sync.mjs), not a new wrangler each time; WBL_D1_VIA_WRANGLER=1
 * brings back the wrangler CLI, to compare.
 */
export function query(persistTo, sql) {
  const out = wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--json', '--command', sql], { quiet: true, retries: 5 });
  const start = out.indexOf('[');
  return JSON.parse(out.slice(start))[0]?.results ?? [];
}

/** Runs a node script (TypeScript through tsx) to completion. */
export function node(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status})`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `wrangler dev` and resolves once /api/v1/health answers. `--test-scheduled` exposes
 * `/__scheduled?cron=…`, so the Cron Trigger jobs (retention) can be fired locally and by tests.
 */
export async function startWorker({ port, persistTo, extraArgs = [], log = 'pipe', vars = {} }) {
  const args = [
    wranglerBin,
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--persist-to',
    persistTo,
    '--show-interactive-dev-session=false',
    '--test-scheduled',
    ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
    ...extraArgs,
  ];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', log, log], detached: process.platform !== 'win32' });
  let output = '';
  if (log === 'pipe') {
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
  }
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) throw new Error(`wrangler dev did not answer in time:\n${output}`);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 5000).unref();
    });
  return { base, child, stop, output: () => output };
}
