/**
 * Issues the demo's skills badges through the running Worker, exactly as a coordinator would in
 * the console: signs in as coordinator@riverside.example, issues each Riverside achievement to
 * the seeded completed placements of `DEMO_AWARDS` (demo/seed/achievements.ts; the server refuses
 * the ones whose final evaluation does not earn it), and revokes one badge of the demo
 * portfolio. Running it again changes nothing: the API answers `already_issued`, and a revoked
 * badge stays revoked.
 *
 *   node --import tsx scripts/issue-demo-credentials.ts --base http://127.0.0.1:8787
 *
 * The portfolio's credential ids are deterministic (see worker/lib/issuing.ts); this also writes
 * them to dist/public/demo/portfolio-credentials.json:
 *   { "studentId", "credentials": [{ "id", "url", "achievementId", "achievementName", "revoked" }] }
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_ACHIEVEMENTS, DEMO_PORTFOLIO, demoIssuePlan, demoPortfolioCredentials } from '../demo/seed/achievements.js';
import { DEMO } from '../demo/seed/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { base: { type: 'string' }, out: { type: 'string' } } });
const base = values.base ?? 'http://127.0.0.1:8787';
const out = values.out ?? join(root, 'dist/public/demo/portfolio-credentials.json');
const COORDINATOR = 'coordinator@riverside.example';

async function call<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: T }> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  const res = await fetch(`${base}/api/v1${path}`, { ...init, headers });
  const text = await res.text();
  // A single placement that does not earn the badge answers 422: an outcome, not a failure.
  if (!res.ok && res.status !== 422) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status}: ${text.slice(0, 400)}`);
  return { status: res.status, body: JSON.parse(text) as T };
}

const {
  body: { token },
} = await call<{ token: string }>('/auth/login', {
  method: 'POST',
  body: JSON.stringify({ email: COORDINATOR, password: DEMO.users[COORDINATOR]!.password }),
});

const completed = DEMO.riverside.placements.completed;
let issued = 0;
let refused = 0;
for (const request of demoIssuePlan(completed)) {
  const { status, body } = await call<{ items?: { outcome: string }[] }>('/admin/credentials', { method: 'POST', token, body: JSON.stringify(request) });
  if (status === 422) {
    refused++;
    continue;
  }
  issued += body.items!.filter((x) => x.outcome === 'issued').length;
  refused += body.items!.filter((x) => x.outcome === 'refused').length;
}

const portfolio = demoPortfolioCredentials(completed);
for (const c of portfolio.filter((x) => x.revoked)) {
  await call(`/admin/credentials/${c.id}/revoke`, { method: 'POST', token, body: JSON.stringify({ reason: DEMO_PORTFOLIO.revocationReason }) });
}

const nameOf = (id: string) => DEMO_ACHIEVEMENTS.riverside.find((a) => a.id === id)?.name ?? id;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      studentId: DEMO_PORTFOLIO.studentId,
      credentials: portfolio.map((c) => ({
        id: c.id,
        url: `${base}/api/v1/credentials/${c.id}`,
        achievementId: c.achievementId,
        achievementName: nameOf(c.achievementId),
        revoked: c.revoked,
      })),
    },
    null,
    2,
  )}\n`,
);
// Every portfolio badge must really exist (issued now or before).
for (const c of portfolio) await call(`/credentials/${c.id}`);
console.log(
  `demo credentials: ${issued} issued now, ${refused} refused by the evidence rules; portfolio ${portfolio.map((c) => `${c.id}${c.revoked ? ' (revoked)' : ''}`).join(', ')} → ${out}`,
);
