/**
 * The Worker's own secret, `APP_SECRET`: it signs the short-lived form tokens, derives the
 * one-time codes a retried public write must answer again, and seals the one-time links that
 * wait in the outbox. Locally `npm start` writes a random one into `.dev.vars`; in production
 * set it with `wrangler secret put APP_SECRET`. A deployment made before it existed falls back
 * to `ISSUER_KEY_SECRET` (under a different HKDF label, so the two uses never share a key).
 */
import type { Bindings } from '../env.js';
import { base64url } from './credentials.js';
import { ProblemError } from './problem.js';

const utf8 = new TextEncoder();

export function appSecret(env: Pick<Bindings, 'APP_SECRET' | 'ISSUER_KEY_SECRET'>): string {
  const secret = env.APP_SECRET ?? env.ISSUER_KEY_SECRET;
  if (!secret || secret.length < 16) {
    throw new ProblemError('unavailable', {
      title: 'This deployment is not configured',
      detail:
        'The Worker has no APP_SECRET (at least 16 characters). Set it with `wrangler secret put APP_SECRET` (locally, `npm start` writes one into .dev.vars).',
    });
  }
  return secret;
}

const hmacKeys = new Map<string, Promise<CryptoKey>>();
const aesKeys = new Map<string, Promise<CryptoKey>>();

/** An HMAC-SHA-256 key for one purpose (`form-token`, `rsvp-cancel`…), derived with HKDF so purposes never share a key. */
function hmacKey(secret: string, purpose: string): Promise<CryptoKey> {
  const id = `${purpose}\n${secret}`;
  let key = hmacKeys.get(id);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', utf8.encode(secret), 'HKDF', false, ['deriveKey'])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: utf8.encode('open-wbl app secret v1'), info: utf8.encode(`hmac:${purpose}`) },
          material,
          { name: 'HMAC', hash: 'SHA-256', length: 256 },
          false,
          ['sign', 'verify'],
        ),
      );
    hmacKeys.set(id, key);
  }
  return key;
}

/** HMAC-SHA-256 of `data` under the purpose's key, base64url (43 characters). */
export async function mac(secret: string, purpose: string, data: string): Promise<string> {
  const sig = await crypto.subtle.sign('HMAC', await hmacKey(secret, purpose), utf8.encode(data));
  return base64url.encode(new Uint8Array(sig));
}

/** Checks a MAC in constant time (WebCrypto's verify). */
export async function macMatches(secret: string, purpose: string, data: string, tag: string): Promise<boolean> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64url.decode(tag) as Uint8Array<ArrayBuffer>;
  } catch {
    return false;
  }
  return crypto.subtle.verify('HMAC', await hmacKey(secret, purpose), bytes, utf8.encode(data));
}

function aesKey(secret: string): Promise<CryptoKey> {
  let key = aesKeys.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', utf8.encode(secret), 'HKDF', false, ['deriveKey'])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: utf8.encode('open-wbl app secret v1'), info: utf8.encode('seal') },
          material,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    aesKeys.set(secret, key);
  }
  return key;
}

/** Seals a one-time secret (a link) with AES-GCM; `context` (the outbox row's tenant) is bound as additional data. */
export async function seal(secret: string, context: string, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(context) }, await aesKey(secret), utf8.encode(plain));
  return `v1.${base64url.encode(iv)}.${base64url.encode(new Uint8Array(sealed))}`;
}

/** The sealed secret, or null when it was sealed under another secret or context, or is not a sealed value. */
export async function unseal(secret: string, context: string, stored: string | null): Promise<string | null> {
  const [version, iv, sealed] = (stored ?? '').split('.');
  if (version !== 'v1' || !iv || !sealed) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: base64url.decode(iv) as Uint8Array<ArrayBuffer>, additionalData: utf8.encode(context) },
      await aesKey(secret),
      base64url.decode(sealed) as Uint8Array<ArrayBuffer>,
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
