/**
 * Keyset paging, for every list the API answers: opaque cursors (the last row's sort key and
 * its tie-breaker, base64url-encoded JSON), reading one from a request, and a page from
 * `limit + 1` rows.
 */
import { ProblemError } from './problem.js';

export interface Cursor {
  k: string | number | null;
  s: number;
}

export function encodeCursor(c: Cursor): string {
  return btoa(JSON.stringify(c)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(raw: string): Cursor | null {
  try {
    const json = JSON.parse(atob(raw.replace(/-/g, '+').replace(/_/g, '/')));
    if (typeof json !== 'object' || json === null || !Number.isInteger(json.s)) return null;
    if (!(typeof json.k === 'string' || typeof json.k === 'number' || json.k === null)) return null;
    return { k: json.k, s: json.s };
  } catch {
    return null;
  }
}

/** The cursor of a list request, or a field error a person can act on. */
export function readCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  const cursor = decodeCursor(raw);
  if (!cursor)
    throw new ProblemError('validation', {
      errors: [{ path: 'cursor', message: 'This cursor is not valid; start again from the first page', code: 'invalid_cursor' }],
    });
  return cursor;
}

/** `{ items, nextCursor }` from `limit + 1` rows: the extra row only says there is a next page. */
export function pageOf<R, T>(rows: R[], limit: number, keyOf: (row: R) => Cursor, map: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { items: page.map(map), nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}
