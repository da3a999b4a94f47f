// `npm test`: type-checks, builds, then runs every suite against real parts — the Worker in
// workerd (wrangler dev) on a fresh local D1 with the real migrations and the demo seed, the
// widgets in Chromium, and the demo pages end to end — and checks that the Worker deploys.
// Before those, the static checks: lint and format (biome), unused files, dependencies and
// exports (knip). Chromium is found, or installed from Debian, by scripts/find-chromium.mjs.
// Usage: node scripts/test.mjs [types|lint|knip|api|components|e2e|deploy ...] [file.test.ts ...] (default: all).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeFile, freePort, migrate, node, root, startWorker, wrangler } from './lib/d1.mjs';
import { startD1Server } from './lib/d1-server.mjs';
import { startMailServer } from './lib/mail-server.mjs';
import { randomSecret } from './lib/dev-vars.mjs';
import { ensureChromium } from './find-chromium.mjs';

// Arguments naming test files (`auth.test.ts`) narrow the API/e2e suites to those files.
const fileFilter = process.argv.slice(2).filter((a) => a.endsWith('.test.ts'));
const wanted = new Set(process.argv.slice(2).filter((a) => !a.endsWith('.test.ts')));
const all = wanted.size === 0;
const want = (s) => all || wanted.has(s);
const results = [];

/** Runs one suite, streaming its output, and reads its pass/fail counts from that output. */
function run(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => {
      // node --test prints "ℹ pass N"/"ℹ fail N"; web-test-runner prints "N passed, N failed".
      const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
      const nodePass = [...plain.matchAll(/^ℹ pass (\d+)$/gm)].map((m) => Number(m[1]));
      const nodeFail = [...plain.matchAll(/^ℹ fail (\d+)$/gm)].map((m) => Number(m[1]));
      const wtr = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
      const passed = nodePass.length ? nodePass.at(-1) : wtr ? Number(wtr[1]) : 0;
      const failed = nodeFail.length ? nodeFail.at(-1) : wtr ? Number(wtr[2]) : 0;
      results.push({ name, ok: code === 0, seconds: (Date.now() - started) / 1000, passed, failed });
      resolve(code === 0);
    });
  });
}

const tsFiles = (dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.test.ts') && (!fileFilter.length || fileFilter.includes(f)))
        .map((f) => join(dir, f))
    : [];

if (want('types')) await run('type check', 'npm', ['run', '--silent', 'typecheck']);
// `npx biome check --write` applies the fixes and the formatting this reports.
if (want('lint')) await run('lint', process.execPath, [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'check', '--max-diagnostics=30', '.']);
if (want('knip')) await run('knip', process.execPath, [join(root, 'node_modules/knip/bin/knip.js'), '--no-progress']);

// The browser for the component and end-to-end tests (their config and launcher look again,
// and find the same one through CHROME_PATH).
let browser = !(want('components') || want('e2e'));
if (!browser) {
  try {
    process.env.CHROME_PATH = ensureChromium();
    console.log(`\nChromium: ${process.env.CHROME_PATH}`);
    browser = true;
  } catch (e) {
    console.error(`\n${e.message}`);
    results.push({ name: 'Chromium for the component and end-to-end tests', ok: false, seconds: 0 });
  }
}

node([join(root, 'scripts/build-widgets.mjs')]);
node([join(root, 'scripts/build-demo.mjs')]);

if (want('api') || want('e2e')) {
  const persistTo = mkdtempSync(join(tmpdir(), 'wbl-test-'));
  const port = await freePort();
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  console.log(`\n▶ fresh local D1 in ${persistTo}: migrations and demo seed`);
  migrate(persistTo);
  const seed = join(persistTo, 'seed.sql');
  node(['--import', 'tsx', join(root, 'scripts/seed.ts'), '--out', seed, '--origins', origins.join(',')]);
  executeFile(persistTo, seed);
  // A small bench tenant that owns most rows, so the search path for one-tenant databases is tested too.
  const bench = join(persistTo, 'bench.sql');
  node(['--import', 'tsx', join(root, 'scripts/seed.ts'), '--bench', '400', '--out', bench, '--origins', origins.join(',')]);
  executeFile(persistTo, bench);
  // A real SMTP server the Worker delivers to; the tests read what arrived from its inbox.
  const mail = await startMailServer();
  console.log(`mail: ${mail.smtpUrl}, inbox ${mail.httpUrl}`);
  // A fresh signing-key secret for this run (overrides any .dev.vars); retries a second apart.
  const worker = await startWorker({
    port,
    persistTo,
    vars: {
      ISSUER_KEY_SECRET: randomSecret(),
      APP_SECRET: randomSecret(),
      SMTP_URL: mail.smtpUrl,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MAIL_RETRY_SECONDS: '1',
    },
  });
  const sqlStats = join(persistTo, 'sql-stats.txt');
  // The one connection to the same database that the tests' own SQL goes through.
  const d1 = process.env.WBL_D1_VIA_WRANGLER ? null : await startD1Server(persistTo);
  const env = { WBL_API_BASE: worker.base, WBL_PERSIST_TO: persistTo, WBL_SQL_STATS: sqlStats, WBL_MAIL_URL: mail.httpUrl, ...(d1 && { WBL_D1_URL: d1.url }) };
  try {
    // The demo badges, issued through the API as `npm start` does, for the portfolio page and its tests.
    try {
      node(['--import', 'tsx', join(root, 'scripts/issue-demo-credentials.ts'), '--base', worker.base]);
    } catch (e) {
      console.error(e.message);
      results.push({ name: 'demo credentials', ok: false, seconds: 0 });
    }
    const nodeTest = async (name, files) =>
      files.length && run(name, process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], env);
    if (want('api')) await nodeTest('API tests (workerd + local D1)', tsFiles('test/worker'));
    if (want('e2e') && browser) await nodeTest('end-to-end tests (demo pages in Chromium)', tsFiles('test/e2e'));
    if (existsSync(sqlStats)) {
      // One line per test process: statements, ms in all, ms of the first (which opens the connection).
      const lines = readFileSync(sqlStats, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' ').slice(0, 3).map(Number));
      const sum = (i) => lines.reduce((n, l) => n + l[i], 0);
      const [count, ms, first] = [sum(0), sum(1), sum(2)];
      console.log(
        `\ntests' own SQL: ${count} statements in ${lines.length} processes, ${(ms / 1000).toFixed(1)} s in all` +
          ` (${(first / 1000).toFixed(1)} s of it the first statement of each process; the others ${((ms - first) / Math.max(count - lines.length, 1)).toFixed(0)} ms each)`,
      );
    }
  } finally {
    await d1?.stop();
    await worker.stop();
    await mail.close();
    if (!results.every((r) => r.ok)) console.log(worker.output().split('\n').slice(-40).join('\n'));
    rmSync(persistTo, { recursive: true, force: true });
  }
}

if (want('components') && browser)
  await run('component tests (Chromium)', process.execPath, [
    join(root, 'node_modules/@web/test-runner/dist/bin.js'),
    '--config',
    'web-test-runner.config.mjs',
  ]);

if (want('deploy')) {
  console.log('\n▶ wrangler deploy --dry-run');
  try {
    wrangler(['deploy', '--dry-run', '--outdir', join(root, 'dist/worker')], { quiet: true });
    results.push({ name: 'deploy dry run', ok: true, seconds: 0 });
    console.log('the Worker builds for deployment');
  } catch (e) {
    console.error(e.message);
    results.push({ name: 'deploy dry run', ok: false, seconds: 0 });
  }
}

console.log('\nSummary');
for (const r of results) {
  const counts = r.passed !== undefined ? ` — ${r.passed} passed, ${r.failed} failed` : '';
  console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${counts}${r.seconds ? ` (${r.seconds.toFixed(1)} s)` : ''}`);
}
const failedSuites = results.filter((r) => !r.ok).length;
const passed = results.reduce((n, r) => n + (r.passed ?? 0), 0);
const failed = results.reduce((n, r) => n + (r.failed ?? 0), 0) + results.filter((r) => !r.ok && !r.failed).length;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedSuites ? 1 : 0);
