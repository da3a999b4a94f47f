/**
 * Retention: what the hourly Cron Trigger purges, so the database does not grow forever and
 * old answers (which can hold a receipt or a one-time code) do not linger.
 *
 * - sessions past their `expires_at` (they no longer sign anyone in);
 * - rate counters whose window ended (older than the longest window any limit uses);
 * - idempotency records past the retry window.
 *
 * Deletes run in bounded rounds, so one run never holds D1 or the Worker's CPU for long; what a
 * run leaves behind, the next one (an hour later) takes. Each run records what it purged in the
 * audit log as actor `system`, counts only.
 */
import type { D1Database } from '@cloudflare/workers-types';
import { auditStatement } from './audit.js';

/** The cron expression in wrangler.toml's `[triggers] crons` that runs `purgeExpired`. */
export const RETENTION_CRON = '17 * * * *';

/**
 * How long a public write's first answer is kept for retries. The placement form and the RSVP
 * form keep their Idempotency-Key in the device's draft until an answer arrives, so a retry
 * after a lost answer usually comes within minutes; 72 hours also covers a form left open over
 * a weekend. Past it, the same key is a new submission.
 */
export const IDEMPOTENCY_WINDOW_SECONDS = 72 * 60 * 60;

/**
 * The longest window any rate limit counts in (`mayMessage`: one day). A counter whose window
 * started before this is finished whatever its own window was. Raise it with any longer limit.
 */
export const LONGEST_RATE_WINDOW_SECONDS = 24 * 60 * 60;

/** Rows one DELETE removes, and rounds per table per run: at most 10 000 rows of each per hour. */
export const PURGE_BATCH = 500;
export const PURGE_MAX_ROUNDS = 20;

/** The audit log's tenant for what belongs to no tenant (rate counters, records of deleted sites). */
export const DEPLOYMENT_TENANT = '*';

export interface PurgeResult {
  sessions: number;
  rateCounters: number;
  idempotencyRecords: number;
  /** True when a table still had expired rows after the last round: the next run continues. */
  more: boolean;
}

interface Sweep {
  name: keyof Omit<PurgeResult, 'more'>;
  /** A DELETE of at most `?2` rows older than `?1`, returning each row's owner (`t:<tenant>` or `s:<site>`). */
  sql: string;
  cutoff: string | number;
}

function sweeps(nowMs: number): Sweep[] {
  return [
    {
      name: 'sessions',
      sql: `DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < ?1 ORDER BY expires_at LIMIT ?2) RETURNING 't:' || tenant_id AS owner`,
      cutoff: new Date(nowMs).toISOString(),
    },
    {
      name: 'rateCounters',
      sql: `DELETE FROM rate_counters WHERE rowid IN (SELECT rowid FROM rate_counters WHERE window_start < ?1 ORDER BY window_start LIMIT ?2) RETURNING NULL AS owner`,
      cutoff: Math.floor(nowMs / 1000) - LONGEST_RATE_WINDOW_SECONDS,
    },
    {
      name: 'idempotencyRecords',
      sql: `DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE created_at < ?1 ORDER BY created_at LIMIT ?2) RETURNING 's:' || site_id AS owner`,
      cutoff: new Date(nowMs - IDEMPOTENCY_WINDOW_SECONDS * 1000).toISOString(),
    },
  ];
}

type Counts = Record<Sweep['name'], number>;
const zero = (): Counts => ({ sessions: 0, rateCounters: 0, idempotencyRecords: 0 });

/**
 * Purges what has expired at `nowMs` and writes one audit row per tenant whose sessions or
 * idempotency records went, plus one deployment-wide row with the totals. Nothing purged,
 * nothing written.
 */
export async function purgeExpired(db: D1Database, nowMs = Date.now()): Promise<PurgeResult> {
  const pending = sweeps(nowMs);
  const owners = new Map<string, Counts>();
  const totals = zero();
  for (let round = 0; round < PURGE_MAX_ROUNDS && pending.length; round++) {
    // One batch per round: every table still to sweep, each DELETE bounded by PURGE_BATCH.
    const results = await db.batch(pending.map((s) => db.prepare(s.sql).bind(s.cutoff, PURGE_BATCH)));
    for (let i = pending.length - 1; i >= 0; i--) {
      const sweep = pending[i]!;
      const rows = (results[i]!.results ?? []) as { owner: string | null }[];
      totals[sweep.name] += rows.length;
      for (const { owner } of rows) {
        if (!owner) continue;
        const c = owners.get(owner) ?? zero();
        c[sweep.name] += 1;
        owners.set(owner, c);
      }
      if (rows.length < PURGE_BATCH) pending.splice(i, 1);
    }
  }
  const result = { ...totals, more: pending.length > 0 };
  if (totals.sessions + totals.rateCounters + totals.idempotencyRecords > 0) await recordPurge(db, owners, result);
  return result;
}

/** Idempotency records are owned by a site: counted under the site's tenant. */
async function recordPurge(db: D1Database, owners: Map<string, Counts>, result: PurgeResult): Promise<void> {
  const siteIds = [...owners.keys()].filter((k) => k.startsWith('s:')).map((k) => k.slice(2));
  const tenantOfSite = new Map(siteIds.length
    ? (await db.prepare('SELECT id, tenant_id FROM sites WHERE id IN (SELECT value FROM json_each(?))').bind(JSON.stringify(siteIds))
      .all<{ id: string; tenant_id: string }>()).results.map((r) => [r.id, r.tenant_id])
    : []);
  const perTenant = new Map<string, { sessions: number; idempotencyRecords: number }>();
  for (const [owner, c] of owners) {
    const tenant = owner.startsWith('t:') ? owner.slice(2) : tenantOfSite.get(owner.slice(2)) ?? DEPLOYMENT_TENANT;
    if (tenant === DEPLOYMENT_TENANT) continue;
    const t = perTenant.get(tenant) ?? { sessions: 0, idempotencyRecords: 0 };
    t.sessions += c.sessions;
    t.idempotencyRecords += c.idempotencyRecords;
    perTenant.set(tenant, t);
  }
  const entry = (tenantId: string, detail: Record<string, unknown>) =>
    auditStatement(db, { tenantId, actorType: 'system', actorId: null, action: 'retention.purge', entity: 'retention', entityId: null, detail });
  await db.batch([
    ...[...perTenant].map(([tenantId, counts]) => entry(tenantId, counts)),
    entry(DEPLOYMENT_TENANT, { ...result }),
  ]);
}
