import { and, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { idempotencyKeys } from '../../schema/db/tables.js';
import type { Database } from './db.js';
import { ProblemError } from './problem.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** The client's Idempotency-Key: required on public writes, 8–200 visible ASCII characters. */
export function requireIdempotencyKey(header: string | undefined): string {
  if (!header) {
    throw new ProblemError('validation', {
      detail: 'Send an Idempotency-Key header (for example a random UUID) so a retry never creates a second record.',
      errors: [{ path: 'Idempotency-Key', message: 'Required header', code: 'missing_idempotency_key' }],
    });
  }
  if (!/^[\x21-\x7e]{8,200}$/.test(header)) {
    throw new ProblemError('validation', {
      errors: [{ path: 'Idempotency-Key', message: 'Use 8–200 visible ASCII characters', code: 'invalid_idempotency_key' }],
    });
  }
  return header;
}

export async function requestHash(parts: string[]): Promise<string> {
  const data = new TextEncoder().encode(parts.join('\n'));
  const hash = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The first answer given for this key, if any; a different request under the same key is refused. */
export async function replay(db: Database, siteId: string, key: string, hash: string): Promise<StoredAnswer | null> {
  const row = await db
    .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.status, response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.siteId, siteId), eq(idempotencyKeys.key, key)))
    .get();
  if (!row) return null;
  if (row.requestHash !== hash) {
    throw new ProblemError('conflict', {
      status: 422,
      title: 'This Idempotency-Key was used for a different request',
      detail: 'Use a new Idempotency-Key for a new submission; reuse a key only to retry the same one.',
    });
  }
  return { status: row.status, body: JSON.parse(row.response) };
}

const record = (db: Database, siteId: string, key: string, hash: string, answer: StoredAnswer) =>
  db.insert(idempotencyKeys).values({ siteId, key, requestHash: hash, status: answer.status, response: JSON.stringify(answer.body) });

/**
 * Commits the write and its idempotency record in one D1 batch (one transaction). When a
 * concurrent request with the same key won the race, the unique key makes this batch fail and
 * roll back, and the winner's answer is returned instead: one record, the same answer.
 */
export async function commitOnce(
  db: Database,
  siteId: string,
  key: string,
  hash: string,
  writes: BatchItem<'sqlite'>[],
  answer: StoredAnswer,
): Promise<StoredAnswer> {
  try {
    // The key goes first, so a losing racer fails before writing anything else.
    await db.batch([record(db, siteId, key, hash, answer), ...writes]);
    return answer;
  } catch (e) {
    // drizzle may wrap D1's error: the constraint is named in it or in its cause.
    if (!/UNIQUE|constraint/i.test(`${(e as Error).message} ${String((e as Error).cause ?? '')}`)) throw e;
    const first = await replay(db, siteId, key, hash);
    if (first) return first;
    throw e;
  }
}
