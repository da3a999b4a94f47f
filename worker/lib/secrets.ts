/**
 * PBKDF2-SHA256 through WebCrypto, stored as `pbkdf2$<iterations>$<salt b64>$<hash b64>`.
 * The same format is written by the seed (Node's crypto) and checked here.
 */
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(secret: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashSecret(secret: string, iterations: number): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2$${iterations}$${b64(salt)}$${b64(await derive(secret, salt, iterations))}`;
}

/** Reads a stored value; null when it is not one `hashSecret` could have written (empty, truncated, another scheme). */
function parseStored(stored: string | null): { iterations: number; salt: Uint8Array<ArrayBuffer>; hash: Uint8Array } | null {
  const [scheme, iter, salt, hash, extra] = (stored ?? '').split('$');
  const iterations = Number(iter);
  if (scheme !== 'pbkdf2' || extra !== undefined || !Number.isInteger(iterations) || iterations < 1 || iterations > 100_000 || !salt || !hash) return null;
  try {
    return { iterations, salt: unb64(salt), hash: unb64(hash) };
  } catch {
    return null;
  }
}

/**
 * Compares in constant time; a malformed stored value never matches. `decoyIterations` is the
 * work spent when there is nothing to compare with (no account, an account without a password):
 * pass the iteration count real values of this kind are stored with, so the answer's timing does
 * not tell that an account has no password, or that a student number is unknown.
 */
export async function verifySecret(secret: string, stored: string | null, decoyIterations = 20_000): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) {
    await derive(secret, new Uint8Array(16), decoyIterations);
    return false;
  }
  const actual = await derive(secret, parsed.salt, parsed.iterations);
  const expected = parsed.hash;
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) diff |= expected[i]! ^ actual[i]!;
  return diff === 0;
}
