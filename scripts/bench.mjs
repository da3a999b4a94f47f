// `npm run bench`: the numbers behind the budgets, measured on this machine.
//   1. each widget bundle's size, raw and gzip;
//   2. at N opportunities (default 100 000), throughput and p50/p99 latency of health, the plain
//      list, a search and a near query against one local Worker, each as a ratio to health;
//   3. delivery: M messages (default 500) committed to the outbox at once, handed to the queue and
//      sent over SMTP to a local mail server: messages per second, and p50/p95 from the row's
//      commit to its arrival;
//   4. Lighthouse on the demo school page with and without the board: the Total Blocking Time
//      and CLS the board adds.
// Usage: node scripts/bench.mjs [--count 100000] [--seconds 5] [--mail 500] [--skip-lighthouse] [--skip-api] [--skip-mail]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { executeFile, freePort, migrate, node, query, root, startWorker } from './lib/d1.mjs';
import { randomSecret } from './lib/dev-vars.mjs';
import { loadSql } from './lib/load-sql.mjs';
import { startMailServer } from './lib/mail-server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 ? process.argv[i + 1] : fallback;
};
const COUNT = Number(arg('count', 100_000));
const SECONDS = Number(arg('seconds', 5));
const CONCURRENCY = Number(arg('concurrency', 4));
const MAIL = Number(arg('mail', 500));
const BUDGETS_KB = { 'opportunity-board.js': 20, 'placement-form.js': 30, 'event-calendar.js': 20, 'skills-badge.js': 12 };

// 1. Bundle sizes.
node([join(root, 'scripts/build-widgets.mjs')]);
node([join(root, 'scripts/build-demo.mjs')]);
const embed = join(root, 'dist/public/embed/v1');
console.log('\nWidget bundles (minified ES modules, Lit included)');
for (const file of readdirSync(embed)
  .filter((f) => f.endsWith('.js'))
  .sort()) {
  const raw = readFileSync(join(embed, file));
  const gz = gzipSync(raw, { level: 9 }).length;
  const budget = BUDGETS_KB[file];
  const verdict = budget ? (gz <= budget * 1024 ? `within ${budget} KB budget` : `OVER ${budget} KB budget`) : '';
  console.log(`  ${file.padEnd(24)} ${(raw.length / 1024).toFixed(1).padStart(7)} KB raw ${(gz / 1024).toFixed(1).padStart(6)} KB gzip  ${verdict}`);
}

// 2. API at scale.
const persistTo = mkdtempSync(join(tmpdir(), 'wbl-bench-'));
const port = await freePort();
const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
migrate(persistTo);
const demoSql = join(persistTo, 'seed.sql');
const benchSql = join(persistTo, 'bench.sql');
node(['--import', 'tsx', join(root, 'scripts/seed.ts'), '--out', demoSql, '--origins', origins.join(',')]);
executeFile(persistTo, demoSql);
const skipApi = process.argv.includes('--skip-api');
if (!skipApi) {
  let started = Date.now();
  node(['--import', 'tsx', join(root, 'scripts/seed.ts'), '--bench', String(COUNT), '--out', benchSql, '--origins', origins.join(',')]);
  const generated = (Date.now() - started) / 1000;
  started = Date.now();
  await loadSql(persistTo, benchSql);
  const loaded = (Date.now() - started) / 1000;
  console.log(
    `\nGenerated ${COUNT.toLocaleString('en')} opportunities in ${generated.toFixed(1)} s and loaded them (with FTS) in ${loaded.toFixed(1)} s (${statSync(benchSql).size >> 20} MB of SQL)`,
  );
}

const worker = skipApi ? null : await startWorker({ port, persistTo });
const key = 'pk_bench_metro';
const terms = ['nursing', 'welding', 'software', 'marketing', 'culinary', 'electrician', 'bank', 'teacher', 'solar', 'logistics'];
const points = ['33.95,-117.40', '33.98,-117.35', '34.02,-117.45', '33.90,-117.30'];
const scenarios = [
  { name: 'health', url: () => '/api/v1/health' },
  { name: 'list', url: () => '/api/v1/opportunities' },
  { name: 'search q', url: (i) => `/api/v1/opportunities?q=${terms[i % terms.length]}` },
  { name: 'near', url: (i) => `/api/v1/opportunities?near=${points[i % points.length]}&radius_km=10&sort=distance` },
  // The calendar's reads: a month of a region's events with seats left, one event, and the feed.
  { name: 'events month', url: (i) => `/api/v1/events?from=${monthStart(i % 3)}&to=${monthStart((i % 3) + 1)}` },
  { name: 'event', url: (i) => `/api/v1/events/evt_bench_${(i * 37) % Math.ceil(COUNT / 50)}` },
  { name: 'events.ics', url: () => `/api/v1/events.ics?key=${key}&cluster=agriculture` },
  // A student's own record (<wbl-my-wbl>): a demo student with a placement under way, hours and
  // an application, each read audited. The session is opened below, once, with their access code.
  { name: 'me', url: () => '/api/v1/me', headers: () => ({ 'X-Site-Key': 'pk_demo_riverside', Authorization: `Bearer ${meToken}` }) },
];
let meToken = '';

/** The first day of the month `offset` months from now (`YYYY-MM-DD`). */
function monthStart(offset) {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}

async function timed(path, headers = { 'X-Site-Key': key }) {
  const t = performance.now();
  const res = await fetch(`${worker.base}${path}`, { headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return performance.now() - t;
}

async function load(scenario) {
  // Cold: the first answer for each distinct query (facets not yet cached).
  const cold = [];
  const headers = scenario.headers?.();
  for (let i = 0; i < 4; i++) cold.push(await timed(scenario.url(i), headers));
  const latencies = [];
  const until = performance.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) latencies.push(await timed(scenario.url(n++), headers));
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  // Sequential latency (one request at a time) is what a single visitor sees.
  const single = [];
  for (let i = 0; i < 100; i++) single.push(await timed(scenario.url(i), headers));
  single.sort((a, b) => a - b);
  return {
    name: scenario.name,
    rps: latencies.length / SECONDS,
    p50: pct(0.5),
    p99: pct(0.99),
    single50: single[50],
    single99: single[98],
    cold: Math.max(...cold),
  };
}

const rows = [];
if (worker) {
  try {
    const opened = await fetch(`${worker.base}/api/v1/me/sessions`, {
      method: 'POST',
      headers: { 'X-Site-Key': 'pk_demo_riverside', 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ studentNumber: '100894', accessCode: 'RIVER-0894' }),
    });
    if (opened.status !== 201) throw new Error(`a demo student's session answered ${opened.status}: ${await opened.text()}`);
    meToken = (await opened.json()).token;
    for (const s of scenarios) await timed(s.url(0), s.headers?.());
    for (const s of scenarios) rows.push(await load(s));
  } finally {
    await worker.stop();
  }
  const health = rows[0];
  console.log(`\nAPI at ${COUNT.toLocaleString('en')} opportunities: ${CONCURRENCY} concurrent clients for ${SECONDS} s each (wrangler dev, local D1)`);
  console.log('  scenario       req/s   ×health   p50 ms   p99 ms   single p50   single p99   first answer');
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(12)} ${r.rps.toFixed(0).padStart(7)} ${(r.rps / health.rps).toFixed(2).padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.single50.toFixed(1).padStart(12)} ${r.single99.toFixed(1).padStart(12)} ${r.cold.toFixed(1).padStart(14)}`,
    );
  }
}

// 3. Delivery: rows committed to the outbox, through the queue, to a real SMTP server.
if (!process.argv.includes('--skip-mail')) {
  const mail = await startMailServer({ keep: MAIL + 100 });
  const worker3 = await startWorker({
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
  try {
    const [tenant] = query(persistTo, 'SELECT id FROM tenants ORDER BY id LIMIT 1');
    const run = Date.now().toString(36);
    const committed = Date.now();
    // One statement, one commit: M queued rows, as a write that tells M people would make.
    query(
      persistTo,
      `INSERT INTO outbox (id, tenant_id, recipient, kind, lang, subject, body, status, attempts, created_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MAIL})
       SELECT 'msg_bench_${run}_' || i, '${tenant.id}', 'bench-${run}-' || i || '@example.org', 'message', 'en',
              'Bench message ' || i, 'Hello: this is bench message ' || i || '.', 'queued', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM n`,
    );
    const createdAt = new Map(
      query(persistTo, `SELECT recipient, created_at FROM outbox WHERE id LIKE 'msg_bench_${run}_%'`).map((r) => [r.recipient, Date.parse(r.created_at)]),
    );
    // Each hand-over (a write's, or the minute cron's) passes at most 100 rows to the queue:
    // fire the cron as a busy district's writes would, until every message has arrived.
    const arrived = new Map();
    const deadline = Date.now() + 180_000;
    let handOvers = 0;
    while (arrived.size < MAIL && Date.now() < deadline) {
      await fetch(`${worker3.base}/__scheduled?cron=*+*+*+*+*`).then((r) => r.arrayBuffer());
      handOvers++;
      await new Promise((r) => setTimeout(r, 250));
      const list = await (await fetch(`${mail.httpUrl}/api/messages`)).json();
      for (const m of list) for (const to of m.to) if (createdAt.has(to) && !arrived.has(to)) arrived.set(to, Date.parse(m.receivedAt));
    }
    const latencies = [...arrived].map(([to, at]) => at - createdAt.get(to)).sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
    const last = Math.max(...arrived.values());
    const statuses = query(persistTo, `SELECT status, count(*) AS n FROM outbox WHERE id LIKE 'msg_bench_${run}_%' GROUP BY status`);
    console.log(`\nDelivery: ${MAIL} messages committed at once → Cloudflare Queue (wrangler dev) → SMTP (local server), ${handOvers} hand-overs`);
    console.log(
      `  ${arrived.size}/${MAIL} arrived in ${((last - committed) / 1000).toFixed(1)} s: ${((arrived.size * 1000) / (last - committed)).toFixed(1)} messages/s; commit → arrival p50 ${(pct(0.5) / 1000).toFixed(2)} s, p95 ${(pct(0.95) / 1000).toFixed(2)} s`,
    );
    console.log(`  outbox rows: ${statuses.map((r) => `${r.status} ${r.n}`).join(', ')}`);
  } finally {
    await worker3.stop();
    await mail.close();
  }
}

// 4. Lighthouse: what the board adds to the school page.
if (!process.argv.includes('--skip-lighthouse')) {
  const worker2 = await startWorker({ port, persistTo });
  try {
    const page = join(root, 'dist/public/demo/school.html');
    const html = readFileSync(page, 'utf8');
    const without = html
      .replace(/<script[^>]*\/embed\/v1\/[^>]*><\/script>\s*/g, '')
      .replace(/<script[^>]*wbl\.js[^>]*><\/script>\s*/g, '')
      .replace(/<wbl-opportunity-board[\s\S]*?<\/wbl-opportunity-board>/g, '');
    writeFileSync(join(root, 'dist/public/demo/school-without-board.html'), without);
    const runs = 5;
    const measure = (url) => {
      const out = [];
      for (let i = 0; i < runs; i++) {
        const json = execFileSync(
          process.execPath,
          [
            join(root, 'node_modules/lighthouse/cli/index.js'),
            url,
            '--quiet',
            '--output=json',
            '--only-categories=performance',
            '--form-factor=mobile',
            '--throttling-method=simulate',
            `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run`,
          ],
          { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 128 * 1024 * 1024 },
        ).toString();
        const lhr = JSON.parse(json);
        out.push({ tbt: lhr.audits['total-blocking-time'].numericValue, cls: lhr.audits['cumulative-layout-shift'].numericValue });
      }
      const med = (k) => out.map((o) => o[k]).sort((a, b) => a - b)[Math.floor(runs / 2)];
      return { tbt: med('tbt'), cls: med('cls') };
    };
    const withBoard = measure(`${worker2.base}/demo/school.html`);
    const bare = measure(`${worker2.base}/demo/school-without-board.html`);
    console.log(`\nLighthouse (mobile, simulated throttling, median of ${runs}) on /demo/school.html`);
    console.log(`  without the board: TBT ${bare.tbt.toFixed(0)} ms, CLS ${bare.cls.toFixed(3)}`);
    console.log(`  with the board:    TBT ${withBoard.tbt.toFixed(0)} ms, CLS ${withBoard.cls.toFixed(3)}`);
    console.log(`  the board adds:    TBT ${(withBoard.tbt - bare.tbt).toFixed(0)} ms (budget 50), CLS ${(withBoard.cls - bare.cls).toFixed(3)} (budget 0)`);
  } finally {
    await worker2.stop();
  }
}
rmSync(persistTo, { recursive: true, force: true });
