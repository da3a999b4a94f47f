/**
 * Retention: what the hourly Cron Trigger purges, so the database does not grow forever and
 * old answers (which can hold a receipt or a one-time code) do not linger.
 *
 * - sessions past their `expires_at` (they no longer sign anyone in);
 * - rate counters whose window ended (older than the longest window any limit uses);
 * - idempotency records past the retry window;
 * - students' and guardians' sessions past their `expires_at`;
 * - sign-in links a day after they were used or expired: until then a second click on one still
 *   answers "already used" or "expired" (410) rather than "not a sign-in link" (401);
 * - supervisors' links SUPERVISOR_LINK_GRACE_DAYS after they expired: until then the old link
 *   still opens the "expired: ask for a new one" page (410), whose button mails a fresh link to
 *   the address the old one names; past it, the link is unknown (404) and the supervisor waits
 *   for the next digest or asks the coordinator.
 *
 * Deletes run in bounded rounds, so one run never holds D1 or the Worker's CPU for long; what a
 * run leaves behind, the next one (an hour later) takes. Each run records what it purged in the
 * audit log as actor `system`, counts only.
 */
import { asc, inArray, lt, sql } from 'drizzle-orm';
import { idempotencyKeys, personSessions, rateCounters, sessions, signInLinks, sites, supervisorLinks } from '../../schema/db/tables.js';
import { auditRow } from './audit.js';
import type { Database } from './db.js';

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

/**
 * How long a sign-in link is kept after it was used, or expired unused: long enough that opening
 * it again from the inbox (the next morning, on another device) still says why it does not work.
 */
export const SIGN_IN_LINK_GRACE_SECONDS = 24 * 60 * 60;

/**
 * How long a supervisor's link is kept past its expiry. A supervisor opens the last digest's link
 * weeks later, at the placement's end, to fill the final evaluation; within this window the page
 * offers a fresh link by email instead of "unknown link". Digests bring fresh links weekly, so
 * an old link past it has long been replaced.
 */
export const SUPERVISOR_LINK_GRACE_DAYS = 30;

/** Rows one DELETE removes, and rounds per table per run: at most 10 000 rows of each per hour. */
export const PURGE_BATCH = 500;
export const PURGE_MAX_ROUNDS = 20;

/** The audit log's tenant for what belongs to no tenant (rate counters, records of deleted sites). */
export const DEPLOYMENT_TENANT = '*';

export interface PurgeResult {
  sessions: number;
  rateCounters: number;
  idempotencyRecords: number;
  personSessions: number;
  signInLinks: number;
  supervisorLinks: number;
  /** True when a table still had expired rows after the last round: the next run continues. */
  more: boolean;
}

type SweepName = keyof Omit<PurgeResult, 'more'>;

/**
 * Per table, a DELETE of at most PURGE_BATCH rows that expired before `nowMs`, oldest first,
 * returning each row's owner (`t:<tenant>` or `s:<site>`; null for what belongs to no tenant).
 */
function sweeps(db: Database, nowMs: number) {
  const rowid = sql`rowid`;
  return {
    sessions: () =>
      db
        .delete(sessions)
        .where(
          inArray(
            sessions.id,
            db
              .select({ id: sessions.id })
              .from(sessions)
              .where(lt(sessions.expiresAt, new Date(nowMs).toISOString()))
              .orderBy(asc(sessions.expiresAt))
              .limit(PURGE_BATCH),
          ),
        )
        .returning({ owner: sql<string | null>`'t:' || ${sessions.tenantId}` }),
    rateCounters: () =>
      db
        .delete(rateCounters)
        .where(
          inArray(
            rowid,
            db
              .select({ rowid })
              .from(rateCounters)
              .where(lt(rateCounters.windowStart, Math.floor(nowMs / 1000) - LONGEST_RATE_WINDOW_SECONDS))
              .orderBy(asc(rateCounters.windowStart))
              .limit(PURGE_BATCH),
          ),
        )
        .returning({ owner: sql<string | null>`NULL` }),
    idempotencyRecords: () =>
      db
        .delete(idempotencyKeys)
        .where(
          inArray(
            rowid,
            db
              .select({ rowid })
              .from(idempotencyKeys)
              .where(lt(idempotencyKeys.createdAt, new Date(nowMs - IDEMPOTENCY_WINDOW_SECONDS * 1000).toISOString()))
              .orderBy(asc(idempotencyKeys.createdAt))
              .limit(PURGE_BATCH),
          ),
        )
        .returning({ owner: sql<string | null>`'s:' || ${idempotencyKeys.siteId}` }),
    personSessions: () =>
      db
        .delete(personSessions)
        .where(
          inArray(
            personSessions.id,
            db
              .select({ id: personSessions.id })
              .from(personSessions)
              .where(lt(personSessions.expiresAt, new Date(nowMs).toISOString()))
              .orderBy(asc(personSessions.expiresAt))
              .limit(PURGE_BATCH),
          ),
        )
        .returning({ owner: sql<string | null>`'t:' || ${personSessions.tenantId}` }),
    signInLinks: () => {
      // A link is spent only before it expires, so its last meaningful moment is its use, else its expiry.
      const ended = sql`coalesce(${signInLinks.usedAt}, ${signInLinks.expiresAt})`;
      return db
        .delete(signInLinks)
        .where(
          inArray(
            signInLinks.id,
            db
              .select({ id: signInLinks.id })
              .from(signInLinks)
              .where(lt(ended, new Date(nowMs - SIGN_IN_LINK_GRACE_SECONDS * 1000).toISOString()))
              .orderBy(asc(ended))
              .limit(PURGE_BATCH),
          ),
        )
        .returning({ owner: sql<string | null>`'t:' || ${signInLinks.tenantId}` });
    },
    supervisorLinks: () =>
      db
        .delete(supervisorLinks)
        .where(
          inArray(
            supervisorLinks.id,
            db
              .select({ id: supervisorLinks.id })
              .from(supervisorLinks)
              .where(lt(supervisorLinks.expiresAt, new Date(nowMs - SUPERVISOR_LINK_GRACE_DAYS * 86_400_000).toISOString()))
              .orderBy(asc(supervisorLinks.expiresAt))
              .limit(PURGE_BATCH),
          ),
        )
        .returning({ owner: sql<string | null>`'t:' || ${supervisorLinks.tenantId}` }),
  } satisfies Record<SweepName, unknown>;
}

type Counts = Record<SweepName, number>;
const SWEEPS: SweepName[] = ['sessions', 'rateCounters', 'idempotencyRecords', 'personSessions', 'signInLinks', 'supervisorLinks'];
const zero = (): Counts => ({ sessions: 0, rateCounters: 0, idempotencyRecords: 0, personSessions: 0, signInLinks: 0, supervisorLinks: 0 });
const sum = (c: Counts) => SWEEPS.reduce((n, name) => n + c[name], 0);

/**
 * Purges what has expired at `nowMs` and writes one audit row per tenant whose sessions or
 * idempotency records went, plus one deployment-wide row with the totals. Nothing purged,
 * nothing written.
 */
export async function purgeExpired(db: Database, nowMs = Date.now()): Promise<PurgeResult> {
  const sweep = sweeps(db, nowMs);
  const pending = [...SWEEPS];
  const owners = new Map<string, Counts>();
  const totals = zero();
  for (let round = 0; round < PURGE_MAX_ROUNDS && pending.length; round++) {
    // One batch per round: every table still to sweep, each DELETE bounded by PURGE_BATCH.
    const [first, ...rest] = pending.map((name) => sweep[name]());
    const results = await db.batch([first!, ...rest]);
    for (let i = pending.length - 1; i >= 0; i--) {
      const name = pending[i]!;
      const rows = results[i]!;
      totals[name] += rows.length;
      for (const { owner } of rows) {
        if (!owner) continue;
        const c = owners.get(owner) ?? zero();
        c[name] += 1;
        owners.set(owner, c);
      }
      if (rows.length < PURGE_BATCH) pending.splice(i, 1);
    }
  }
  const result = { ...totals, more: pending.length > 0 };
  if (sum(totals) > 0) await recordPurge(db, owners, result);
  return result;
}

/** Idempotency records are owned by a site: counted under the site's tenant; everything else but rate counters by a tenant. */
async function recordPurge(db: Database, owners: Map<string, Counts>, result: PurgeResult): Promise<void> {
  const siteIds = [...owners.keys()].filter((k) => k.startsWith('s:')).map((k) => k.slice(2));
  // The ids go in one JSON list: any number of them is one bound parameter.
  const tenantOfSite = new Map(
    siteIds.length
      ? (
          await db
            .select({ id: sites.id, tenantId: sites.tenantId })
            .from(sites)
            .where(sql`${sites.id} IN (SELECT value FROM json_each(${JSON.stringify(siteIds)}))`)
            .all()
        ).map((r) => [r.id, r.tenantId])
      : [],
  );
  const perTenant = new Map<string, Partial<Counts>>();
  for (const [owner, c] of owners) {
    const tenant = owner.startsWith('t:') ? owner.slice(2) : (tenantOfSite.get(owner.slice(2)) ?? DEPLOYMENT_TENANT);
    if (tenant === DEPLOYMENT_TENANT) continue;
    const t = perTenant.get(tenant) ?? {};
    // Rate counters belong to no tenant: only the deployment-wide row counts them.
    for (const name of SWEEPS) if (name !== 'rateCounters') t[name] = (t[name] ?? 0) + c[name];
    perTenant.set(tenant, t);
  }
  const entry = (tenantId: string, detail: Record<string, unknown>) =>
    auditRow(db, { tenantId, actorType: 'system', actorId: null, action: 'retention.purge', entity: 'retention', entityId: null, detail });
  // The tenants' rows first, then the deployment-wide one, in one batch.
  const [first, ...rest] = [...[...perTenant].map(([tenantId, counts]) => entry(tenantId, counts)), entry(DEPLOYMENT_TENANT, { ...result })];
  await db.batch([first!, ...rest]);
}
