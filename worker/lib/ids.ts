const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random, URL-safe id with a readable prefix (`opp_…`), 100 bits of randomness. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}

const READABLE = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference a person can read out on the phone: `HO-7KQ4-M2X9` (no 0/O, 1/I/L, U). */
export function newReference(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = [...bytes].map((b) => READABLE[b % READABLE.length]).join('');
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
