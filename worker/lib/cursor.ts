/** Opaque keyset cursors: the last row's sort key and its tie-breaker, base64url-encoded JSON. */
export interface Cursor { k: string | number | null; s: number }

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
