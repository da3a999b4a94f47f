// `npm test`: type-checks, builds, then runs every suite against real parts — the Worker in
// workerd (wrangler dev) on a fresh local D1 with the real migrations and the demo seed, the
// widgets in Chromium, and the demo pages end to end — and checks that the Worker deploys.
// Usage: node scripts/test.mjs [api|components|e2e|deploy|types ...] (default: all).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeFile, freePort, migrate, node, root, startWorker, wrangler } from './lib/d1.mjs';

const wanted = new Set(process.argv.slice(2));
const all = wanted.size === 0;
const want = (s) => all || wanted.has(s);
const results = [];

function run(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({ name, ok: r.status === 0, seconds: (Date.now() - started) / 1000 });
  return r.status === 0;
}

const tsFiles = (dir) => existsSync(join(root, dir))
  ? readdirSync(join(root, dir)).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)) : [];

if (want('types')) run('type check', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.']);

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
  const worker = await startWorker({ port, persistTo });
  const env = { WBL_API_BASE: worker.base, WBL_PERSIST_TO: persistTo };
  try {
    const nodeTest = (name, files) => files.length && run(name, process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], env);
    if (want('api')) nodeTest('API tests (workerd + local D1)', tsFiles('test/worker'));
    if (want('e2e')) nodeTest('end-to-end tests (demo pages in Chromium)', tsFiles('test/e2e'));
  } finally {
    await worker.stop();
    if (!results.every((r) => r.ok)) console.log(worker.output().split('\n').slice(-40).join('\n'));
    rmSync(persistTo, { recursive: true, force: true });
  }
}

if (want('components')) run('component tests (Chromium)', process.execPath, [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs']);

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
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.seconds ? ` (${r.seconds.toFixed(1)} s)` : ''}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
