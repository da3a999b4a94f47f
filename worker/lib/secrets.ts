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

/** Compares in constant time; a malformed stored value never matches. */
export async function verifySecret(secret: string, stored: string | null): Promise<boolean> {
  const [scheme, iter, salt, hash] = (stored ?? '').split('$');
  const iterations = Number(iter);
  if (scheme !== 'pbkdf2' || !Number.isInteger(iterations) || iterations < 1 || iterations > 100_000 || !salt || !hash) {
    // Spend the same work so a missing student is not faster to find out about.
    await derive(secret, new Uint8Array(16), 20_000);
    return false;
  }
  const expected = unb64(hash);
  const actual = await derive(secret, unb64(salt), iterations);
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) diff |= expected[i]! ^ actual[i]!;
  return diff === 0;
}
