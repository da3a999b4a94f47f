import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import { ProblemError } from './problem.js';

export interface StoredAnswer { status: number; body: unknown }

/** The client's Idempotency-Key: required on public writes, 8–200 visible ASCII characters. */
export function requireIdempotencyKey(header: string | undefined): string {
  if (!header) {
    throw new ProblemError('validation', {
      detail: 'Send an Idempotency-Key header (for example a random UUID) so a retry never creates a second record.',
      errors: [{ path: 'Idempotency-Key', message: 'Required header', code: 'missing_idempotency_key' }],
    });
  }
  if (!/^[\x21-\x7e]{8,200}$/.test(header)) {
    throw new ProblemError('validation', { errors: [{ path: 'Idempotency-Key', message: 'Use 8–200 visible ASCII characters', code: 'invalid_idempotency_key' }] });
  }
  return header;
}

export async function requestHash(parts: string[]): Promise<string> {
  const data = new TextEncoder().encode(parts.join('\n'));
  const hash = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The first answer given for this key, if any; a different request under the same key is refused. */
export async function replay(db: D1Database, siteId: string, key: string, hash: string): Promise<StoredAnswer | null> {
  const row = await db.prepare('SELECT request_hash, status, response FROM idempotency_keys WHERE site_id = ? AND key = ?')
    .bind(siteId, key).first<{ request_hash: string; status: number; response: string }>();
  if (!row) return null;
  if (row.request_hash !== hash) {
    throw new ProblemError('conflict', {
      status: 422,
      title: 'This Idempotency-Key was used for a different request',
      detail: 'Use a new Idempotency-Key for a new submission; reuse a key only to retry the same one.',
    });
  }
  return { status: row.status, body: JSON.parse(row.response) };
}

/**
 * Commits the write and its idempotency record in one D1 batch (one transaction). When a
 * concurrent request with the same key won the race, the unique key makes this batch fail and
 * roll back, and the winner's answer is returned instead: one record, the same answer.
 */
export async function commitOnce(
  db: D1Database, siteId: string, key: string, hash: string, writes: D1PreparedStatement[], answer: StoredAnswer,
): Promise<StoredAnswer> {
  const record = db.prepare('INSERT INTO idempotency_keys (site_id, key, request_hash, status, response) VALUES (?, ?, ?, ?, ?)')
    .bind(siteId, key, hash, answer.status, JSON.stringify(answer.body));
  try {
    // The key goes first, so a losing racer fails before writing anything else.
    await db.batch([record, ...writes]);
    return answer;
  } catch (e) {
    if (!/UNIQUE|constraint/i.test(String((e as Error).message))) throw e;
    const first = await replay(db, siteId, key, hash);
    if (first) return first;
    throw e;
  }
}
