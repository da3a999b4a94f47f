/**
 * Turns what a person typed into a safe FTS5 query: words only, each quoted (so FTS syntax,
 * quotes and SQL in the input are plain text), the last one as a prefix so results appear
 * while typing. All words must match. Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string | undefined): string | null {
  if (!input) return null;
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  const terms = words.slice(0, 12).map((w) => `"${w.toLowerCase()}"`);
  // Prefix matching on every term: "nurs" finds nursing, "med assist" finds medical assistant.
  return terms.map((t) => `${t}*`).join(' ');
}
