/**
 * A stored link is rendered only when it is `http:` or `https:`: a `javascript:` or `data:`
 * URL that slipped into the database is shown as text at most, never as a link.
 */
export function safeHref(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
