/**
 * Retention, on the real Worker and D1: the hourly Cron Trigger (fired here through
 * `wrangler dev --test-scheduled`'s `/__scheduled`) purges expired sessions, finished rate
 * counters and idempotency records past their window, students' and guardians' expired sessions,
 * spent or expired sign-in links and long-expired supervisor links, in bounded batches; keeps
 * everything still in use or still needed for an honest "expired" answer, and records what it
 * purged as counts in the audit log.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEMO } from '../../demo/seed/index.js';
import { BASE, expectProblem } from './helpers.js';
import { quote, sql } from './admin-helpers.js';
import { asPerson } from './me-helpers.js';

const HOUR = 3600;
const nowS = () => Math.floor(Date.now() / 1000);
const isoAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
const tag = randomUUID().slice(0, 8);
const count = (table: string, where: string) => Number(sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)[0]!.n);
const DAY = 24 * HOUR;
/** A link's token as the Worker makes one, and the hash it stores (lib/sessions.ts). */
const newLinkToken = () => randomBytes(32).toString('base64url');
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const lastAuditId = () => Number(sql<{ id: number | null }>('SELECT max(id) AS id FROM audit_log')[0]!.id ?? 0);

interface PurgeRow {
  tenant_id: string;
  actor_type: string;
  actor_id: string | null;
  entity_id: string | null;
  detail: string;
}

/** Fires the retention cron as Cloudflare would. */
async function fire(): Promise<void> {
  const res = await fetch(`${BASE}/__scheduled?cron=${encodeURIComponent('17 * * * *')}`);
  assert.equal(res.status, 200, await res.text());
}

/**
 * Fires the retention cron and returns the audit rows that run wrote. `wrangler dev` restarts
 * the Worker when a source file changes, cutting a request short; then the run is fired again
 * (`beforeEach` runs before every attempt, to measure what that attempt starts from).
 */
async function runRetention(beforeEach: () => void = () => {}): Promise<PurgeRow[]> {
  for (let attempt = 0; ; attempt++) {
    beforeEach();
    const after = lastAuditId();
    try {
      await fire();
    } catch (e) {
      if (attempt >= 3) throw e;
      await waitForWorker();
      continue;
    }
    // The job has finished when it answers; allow a moment in case the answer came first.
    for (let i = 0; i < 40; i++) {
      const rows = sql<PurgeRow>(
        `SELECT tenant_id, actor_type, actor_id, entity_id, detail FROM audit_log WHERE id > ${after} AND action = 'retention.purge' ORDER BY id`,
      );
      if (rows.some((r) => r.tenant_id === '*')) return rows;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.fail('the retention job recorded nothing');
  }
}

async function waitForWorker(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) return;
    } catch {
      /* restarting */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('retention: the hourly job', () => {
  it('purges expired sessions, finished rate counters and old idempotency records, and keeps the live ones', async () => {
    const user = DEMO.users['viewer@riverside.example']!;
    const site = sql<{ id: string }>(`SELECT id FROM sites WHERE publishable_key = ${quote(DEMO.riverside.key)}`)[0]!.id;
    const session = (name: string, expiresAgo: number) =>
      `('ses_${tag}_${name}', ${quote(user.id)}, ${quote(user.tenantId)}, ${quote(`hash-${tag}-${name}`)}, ${quote(isoAgo(9 * HOUR))}, ${quote(isoAgo(9 * HOUR))}, ${quote(isoAgo(expiresAgo))})`;
    sql(`INSERT INTO sessions (id, user_id, tenant_id, token_hash, created_at, last_seen_at, expires_at) VALUES
         ${session('expired', 60)}, ${session('long_expired', 30 * 24 * HOUR)}, ${session('live', -2 * HOUR)}`);
    const counter = (name: string, startedAgo: number) => `(${quote(`retention:${tag}:${name}`)}, ${nowS() - startedAgo}, 3)`;
    // A day-long window that started 23 hours ago is still counting; one from 25 hours ago is over.
    sql(`INSERT INTO rate_counters (bucket, window_start, count) VALUES
         ${counter('old', 25 * HOUR)}, ${counter('ancient', 90 * 24 * HOUR)}, ${counter('day_window', 23 * HOUR)}, ${counter('fresh', 60)}`);
    const record = (name: string, ago: number) =>
      `(${quote(site)}, ${quote(`retention-${tag}-${name}`)}, 'x', 201, '{"reference":"WBL-TEST"}', ${quote(isoAgo(ago))})`;
    sql(`INSERT INTO idempotency_keys (site_id, key, request_hash, status, response, created_at) VALUES
         ${record('old', 73 * HOUR)}, ${record('ancient', 60 * 24 * HOUR)}, ${record('recent', 71 * HOUR)}, ${record('fresh', 60)}`);

    const audit = await runRetention();

    assert.deepEqual(
      sql<{ id: string }>(`SELECT id FROM sessions WHERE id LIKE 'ses_${tag}_%' ORDER BY id`).map((r) => r.id),
      [`ses_${tag}_live`],
    );
    assert.deepEqual(
      sql<{ bucket: string }>(`SELECT bucket FROM rate_counters WHERE bucket LIKE 'retention:${tag}:%' ORDER BY bucket`).map((r) => r.bucket),
      [`retention:${tag}:day_window`, `retention:${tag}:fresh`],
    );
    assert.deepEqual(
      sql<{ key: string }>(`SELECT key FROM idempotency_keys WHERE key LIKE 'retention-${tag}-%' ORDER BY key`).map((r) => r.key),
      [`retention-${tag}-fresh`, `retention-${tag}-recent`],
    );

    // Recorded as the system, counts only: per tenant what was theirs, and the run's totals.
    for (const row of audit) {
      assert.equal(row.actor_type, 'system');
      assert.equal(row.actor_id, null);
      assert.equal(row.entity_id, null);
      for (const v of Object.values(JSON.parse(row.detail))) assert.ok(typeof v === 'number' || typeof v === 'boolean', `counts only: ${row.detail}`);
    }
    const riverside = audit.find((r) => r.tenant_id === user.tenantId);
    assert.ok(riverside, 'Riverside’s own audit log shows what was purged of theirs');
    assert.ok(JSON.parse(riverside.detail).sessions >= 2);
    assert.ok(JSON.parse(riverside.detail).idempotencyRecords >= 2);
    const totals = JSON.parse(audit.find((r) => r.tenant_id === '*')!.detail);
    assert.ok(totals.sessions >= 2 && totals.rateCounters >= 2 && totals.idempotencyRecords >= 2);
    assert.equal(totals.more, false);
    assert.ok(!audit.some((r) => r.detail.includes(tag)), 'no bucket, key or session id in the audit log');
  });

  it('purges expired person sessions, spent or expired sign-in links after a day and supervisor links 30 days past expiry, and the answers stay right', async () => {
    const student = sql<{ id: string; tenant_id: string }>(
      `SELECT id, tenant_id FROM students WHERE tenant_id = (SELECT tenant_id FROM sites WHERE publishable_key = ${quote(DEMO.riverside.key)}) LIMIT 1`,
    )[0]!;
    const tenant = quote(student.tenant_id);
    const personSession = (name: string, expiresAgo: number) =>
      `('pss_${tag}_${name}', ${tenant}, 'student', ${quote(student.id)}, NULL, ${quote(`hash-${tag}-p-${name}`)}, ${quote(isoAgo(3 * HOUR))}, ${quote(isoAgo(3 * HOUR))}, ${quote(isoAgo(expiresAgo))})`;
    sql(`INSERT INTO person_sessions (id, tenant_id, kind, student_id, email, token_hash, created_at, last_seen_at, expires_at) VALUES
         ${personSession('expired', 60)}, ${personSession('long_expired', 10 * DAY)}, ${personSession('live', -HOUR)}`);

    // Sign-in links with real tokens, so the answers a second click gets can be checked after the run.
    const links = {
      usedLongAgo: { usedAgo: 2 * DAY, expiresAgo: 2 * DAY - 900 },
      usedRecently: { usedAgo: 2 * HOUR, expiresAgo: 2 * HOUR - 900 },
      expiredLongAgo: { usedAgo: null, expiresAgo: 25 * HOUR },
      expiredRecently: { usedAgo: null, expiresAgo: 23 * HOUR },
      fresh: { usedAgo: null, expiresAgo: -600 },
    };
    const tokens = Object.fromEntries(Object.keys(links).map((name) => [name, newLinkToken()])) as Record<keyof typeof links, string>;
    sql(
      `INSERT INTO sign_in_links (id, tenant_id, email, token_hash, expires_at, used_at, created_at) VALUES ${Object.entries(links)
        .map(
          ([name, l]) =>
            `('sil_${tag}_${name}', ${tenant}, 'retention.${tag}@example.com', ${quote(hashOf(tokens[name as keyof typeof links]))}, ${quote(isoAgo(l.expiresAgo))}, ${l.usedAgo === null ? 'NULL' : quote(isoAgo(l.usedAgo))}, ${quote(isoAgo(l.expiresAgo + 900))})`,
        )
        .join(', ')}`,
    );

    const supervisorTokens = { expired31: newLinkToken(), expired29: newLinkToken(), live: newLinkToken() };
    const supervisorLink = (name: keyof typeof supervisorTokens, expiresAgo: number) =>
      `('svl_${tag}_${name}', ${tenant}, 'supervisor.${tag}@example.com', 'Sam Retention', ${quote(hashOf(supervisorTokens[name]))}, ${quote(isoAgo(expiresAgo))}, ${quote(isoAgo(expiresAgo + 14 * DAY))})`;
    sql(`INSERT INTO supervisor_links (id, tenant_id, email, name, token_hash, expires_at, created_at) VALUES
         ${supervisorLink('expired31', 31 * DAY)}, ${supervisorLink('expired29', 29 * DAY)}, ${supervisorLink('live', -7 * DAY)}`);

    const audit = await runRetention();

    const left = (table: string, prefix: string) =>
      sql<{ id: string }>(`SELECT id FROM ${table} WHERE id LIKE '${prefix}_${tag}_%' ORDER BY id`).map((r) => r.id);
    assert.deepEqual(left('person_sessions', 'pss'), [`pss_${tag}_live`]);
    assert.deepEqual(left('sign_in_links', 'sil'), [`sil_${tag}_expiredRecently`, `sil_${tag}_fresh`, `sil_${tag}_usedRecently`]);
    assert.deepEqual(left('supervisor_links', 'svl'), [`svl_${tag}_expired29`, `svl_${tag}_live`]);

    // A link used or expired within the day still says so (410); one purged is just not a link (401).
    await expectProblem(await asPerson(null, 'POST', '/sessions', { token: tokens.usedRecently }), 410);
    await expectProblem(await asPerson(null, 'POST', '/sessions', { token: tokens.expiredRecently }), 410);
    await expectProblem(await asPerson(null, 'POST', '/sessions', { token: tokens.usedLongAgo }), 401);
    await expectProblem(await asPerson(null, 'POST', '/sessions', { token: tokens.expiredLongAgo }), 401);
    // A supervisor link 29 days past expiry still offers a fresh one (410); at 31 days it is unknown (404).
    assert.equal((await fetch(`${BASE}/api/v1/supervise/page?t=${supervisorTokens.expired29}`)).status, 410);
    assert.equal((await fetch(`${BASE}/api/v1/supervise/page?t=${supervisorTokens.expired31}`)).status, 404);
    assert.equal((await fetch(`${BASE}/api/v1/supervise/page?t=${supervisorTokens.live}`)).status, 200);

    const riverside = JSON.parse(audit.find((r) => r.tenant_id === student.tenant_id)!.detail);
    assert.ok(riverside.personSessions >= 2 && riverside.signInLinks >= 2 && riverside.supervisorLinks >= 1, JSON.stringify(riverside));
    const totals = JSON.parse(audit.find((r) => r.tenant_id === '*')!.detail);
    assert.ok(totals.personSessions >= 2 && totals.signInLinks >= 2 && totals.supervisorLinks >= 1, JSON.stringify(totals));
    assert.ok(!audit.some((r) => r.detail.includes(tag)), 'no link or session id in the audit log');
  });

  it('purges in bounded batches: a backlog is taken over several runs, each at most 10 000 rows a table', async () => {
    const start = nowS() - 40 * 24 * HOUR;
    sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10300)
         INSERT INTO rate_counters (bucket, window_start, count) SELECT 'retention:${tag}:bulk:' || i, ${start}, 1 FROM n`);
    const bulk = () => count('rate_counters', `bucket LIKE 'retention:${tag}:bulk:%'`);
    const runs: { before: number; purged: number; more: boolean; left: number }[] = [];
    while (bulk() > 0 && runs.length < 4) {
      let before = 0;
      const totals = JSON.parse(
        (
          await runRetention(() => {
            before = bulk();
          })
        ).find((r) => r.tenant_id === '*')!.detail,
      );
      runs.push({ before, purged: totals.rateCounters, more: totals.more, left: bulk() });
    }
    assert.ok(runs.length >= 2, `a backlog of 10 300 takes more than one run: ${JSON.stringify(runs)}`);
    for (const run of runs) {
      assert.equal(run.purged, Math.min(run.before, 10_000), `one run purges at most 10 000: ${JSON.stringify(runs)}`);
      assert.equal(run.left, run.before - run.purged);
      assert.equal(run.more, run.before > 10_000, 'and says when there is more');
    }
    assert.equal(bulk(), 0);
  });

  it('writes nothing when nothing has expired', async () => {
    // A first run takes anything that expired since the tests above; the second finds nothing.
    await fire().catch(waitForWorker);
    await new Promise((r) => setTimeout(r, 500));
    const after = lastAuditId();
    await fire().catch(async () => {
      await waitForWorker();
      await fire();
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(count('audit_log', `id > ${after} AND action = 'retention.purge'`), 0);
  });
});
