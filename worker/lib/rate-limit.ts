import type { D1Database } from '@cloudflare/workers-types';
import { ProblemError } from './problem.js';

/**
 * A fixed-window counter in D1: one statement increments and reads it, so concurrent requests
 * are counted exactly. Throws 429 with Retry-After once `limit` is passed within the window.
 */
export async function rateLimit(db: D1Database, bucket: string, limit: number, windowSeconds: number): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const windowStart = now - (now % windowSeconds);
  const row = await db.prepare(
    `INSERT INTO rate_counters (bucket, window_start, count) VALUES (?, ?, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
  ).bind(bucket, windowStart).first<{ count: number }>();
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

/** Counts one failure in a window without refusing; `failuresSoFar` reads the count. */
export async function recordFailure(db: D1Database, bucket: string, windowSeconds: number): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await db.prepare(`INSERT INTO rate_counters (bucket, window_start, count) VALUES (?, ?, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET count = count + 1`).bind(bucket, now - (now % windowSeconds)).run();
}

export async function failuresSoFar(db: D1Database, bucket: string, windowSeconds: number): Promise<number> {
  const now = Math.floor(Date.now() / 1000);
  const row = await db.prepare('SELECT count FROM rate_counters WHERE bucket = ? AND window_start = ?')
    .bind(bucket, now - (now % windowSeconds)).first<{ count: number }>();
  return row?.count ?? 0;
}
