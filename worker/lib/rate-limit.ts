import type { D1Database } from '@cloudflare/workers-types';
import { ProblemError } from './problem.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const windowOf = (now: number, windowSeconds: number) => now - (now % windowSeconds);

const INCREMENT = `INSERT INTO rate_counters (bucket, window_start, count) VALUES (?, ?, 1)
  ON CONFLICT (bucket, window_start) DO UPDATE SET count = count + 1 RETURNING count`;

/**
 * A fixed-window counter in D1: one statement increments and reads it, so concurrent requests
 * are counted exactly. Throws 429 with Retry-After once `limit` is passed within the window.
 */
export async function rateLimit(db: D1Database, bucket: string, limit: number, windowSeconds: number): Promise<void> {
  const now = nowSeconds();
  const windowStart = windowOf(now, windowSeconds);
  const row = await db.prepare(INCREMENT).bind(bucket, windowStart).first<{ count: number }>();
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
export async function countAttempt(db: D1Database, buckets: AttemptBucket[], windowSeconds: number): Promise<{ succeeded(): Promise<void> }> {
  const now = nowSeconds();
  const windowStart = windowOf(now, windowSeconds);
  const results = await db.batch(buckets.map((b) => db.prepare(INCREMENT).bind(b.bucket, windowStart)));
  const full = buckets.find((b, i) => ((results[i]!.results[0] as { count: number } | undefined)?.count ?? 0) > b.limit);
  if (full) {
    throw new ProblemError('rateLimited', {
      title: full.title,
      detail: full.detail,
      headers: { 'Retry-After': String(windowStart + windowSeconds - now) },
    });
  }
  return {
    async succeeded() {
      await db.batch(buckets.map((b) => db.prepare('UPDATE rate_counters SET count = max(count - 1, 0) WHERE bucket = ? AND window_start = ?').bind(b.bucket, windowStart)));
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
export async function mayMessage(db: D1Database, tenantId: string, address: string, limit = MESSAGES_PER_ADDRESS_PER_DAY): Promise<boolean> {
  const row = await db.prepare(INCREMENT).bind(`mail:${tenantId}:${address.trim().toLowerCase()}`, windowOf(nowSeconds(), 86_400)).first<{ count: number }>();
  return (row?.count ?? 0) <= limit;
}

