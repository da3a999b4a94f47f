import { and, eq, sql } from 'drizzle-orm';
import { rateCounters } from '../../schema/db/tables.js';
import type { Database } from './db.js';
import { ProblemError } from './problem.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const windowOf = (now: number, windowSeconds: number) => now - (now % windowSeconds);

/** Takes the raw D1 binding too, for callers not yet on drizzle (deprecated: pass `c.var.db`). */

/** Counts one more in a bucket's window and reads the new count, in one statement. */
const increment = (db: Database, bucket: string, windowStart: number) =>
  db
    .insert(rateCounters)
    .values({ bucket, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateCounters.bucket, rateCounters.windowStart], set: { count: sql`${rateCounters.count} + 1` } })
    .returning({ count: rateCounters.count });

/**
 * A fixed-window counter in D1: one statement increments and reads it, so concurrent requests
 * are counted exactly. Throws 429 with Retry-After once `limit` is passed within the window.
 */
export async function rateLimit(db: Database, bucket: string, limit: number, windowSeconds: number): Promise<void> {
  const now = nowSeconds();
  const windowStart = windowOf(now, windowSeconds);
  const row = await increment(db, bucket, windowStart).get();
  if ((row?.count ?? 0) > limit) {
    const retry = windowStart + windowSeconds - now;
    throw new ProblemError('rateLimited', {
      detail: `Too many submissions from here. Please try again in ${Math.ceil(retry / 60)} minute(s).`,
      headers: { 'Retry-After': String(retry) },
    });
  }
}

/** Who is asking: Cloudflare's connecting IP (set by the edge, not the client), else a local marker. */
export function clientId(headers: { get(name: string): string | null }): string {
  return headers.get('CF-Connecting-IP') ?? 'local';
}

export interface AttemptBucket {
  bucket: string;
  /** How many attempts the window allows for this bucket. */
  limit: number;
  /** The problem's title and detail when this bucket is the one that is full. */
  title: string;
  detail: string;
}

/**
 * Counts an attempt at a secret (a password, an access code) BEFORE it is checked, in every
 * bucket at once (one batch, one transaction), and refuses with 429 when any bucket is past
 * its limit — whether or not the secret would have been right. So 30 guesses sent together for
 * one account get at most `limit` checks, and the right password inside a full window is
 * refused too. Call the returned `succeeded()` after a correct secret: the attempt is given
 * back, so people who get it right are never throttled by their own sign-ins.
 */
export async function countAttempt(db: Database, buckets: [AttemptBucket, ...AttemptBucket[]], windowSeconds: number): Promise<{ succeeded(): Promise<void> }> {
  const now = nowSeconds();
  const windowStart = windowOf(now, windowSeconds);
  const each = <T>(f: (b: AttemptBucket) => T): [T, ...T[]] => [f(buckets[0]), ...buckets.slice(1).map(f)];
  const results = await db.batch(each((b) => increment(db, b.bucket, windowStart)));
  const full = buckets.find((b, i) => (results[i]![0]?.count ?? 0) > b.limit);
  if (full) {
    throw new ProblemError('rateLimited', {
      title: full.title,
      detail: full.detail,
      headers: { 'Retry-After': String(windowStart + windowSeconds - now) },
    });
  }
  return {
    async succeeded() {
      await db.batch(
        each((b) =>
          db
            .update(rateCounters)
            .set({ count: sql`max(${rateCounters.count} - 1, 0)` })
            .where(and(eq(rateCounters.bucket, b.bucket), eq(rateCounters.windowStart, windowStart))),
        ),
      );
    },
  };
}

/** How many messages one typed address may be sent from public forms in a day, per tenant. */
export const MESSAGES_PER_ADDRESS_PER_DAY = 5;

/**
 * Whether another message may go to an address someone typed into a public form. Counts the
 * message; past the limit the submission is still kept, but nothing more is sent to that
 * address today, so a public form cannot be used to flood a stranger's inbox.
 */
export async function mayMessage(db: Database, tenantId: string, address: string, limit = MESSAGES_PER_ADDRESS_PER_DAY): Promise<boolean> {
  const row = await increment(db, `mail:${tenantId}:${address.trim().toLowerCase()}`, windowOf(nowSeconds(), 86_400)).get();
  return (row?.count ?? 0) <= limit;
}
