/**
 * Each tenant signs with its own Ed25519 key pair, made on first use. The public JWK is stored
 * as is and published in the issuer's JWKS; the private JWK is stored only encrypted, with
 * AES-256-GCM under a key derived by HKDF-SHA-256 from the Worker secret `ISSUER_KEY_SECRET`
 * and the tenant id (so one tenant's ciphertext cannot be moved to another), with the key id
 * as additional authenticated data.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey as JoseKey, type JWK } from 'jose';
import type { PublicJwk } from '../../schema/api/credentials.js';
import { issuerKeys } from '../../schema/db/tables.js';
import { base64url, keyUrlOf } from './credentials.js';
import type { Database } from './db.js';
import { ProblemError } from './problem.js';

const utf8 = new TextEncoder();
const ENCRYPTION_VERSION = 'v1';

export interface SigningKey {
  kid: string;
  key: JoseKey;
}

/** Issuing needs the secret; without it the answer is a clear 503, not a 500. */
export function requireSecret(secret: string | undefined): string {
  if (!secret || secret.length < 16) {
    throw new ProblemError('unavailable', {
      title: 'Credential signing is not configured',
      detail:
        'This deployment has no ISSUER_KEY_SECRET (at least 16 characters), so it cannot sign credentials. ' +
        'Set it with `wrangler secret put ISSUER_KEY_SECRET` (locally, `npm start` writes one into .dev.vars).',
    });
  }
  return secret;
}

async function wrappingKey(secret: string, tenantId: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8.encode('open-wbl issuer key encryption v1'), info: utf8.encode(`tenant:${tenantId}`) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encryptPrivateJwk(secret: string, tenantId: string, kid: string, jwk: JWK): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await wrappingKey(secret, tenantId);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(kid) }, key, utf8.encode(JSON.stringify(jwk)));
  return `${ENCRYPTION_VERSION}.${base64url.encode(iv)}.${base64url.encode(new Uint8Array(sealed))}`;
}

export async function decryptPrivateJwk(secret: string, tenantId: string, kid: string, stored: string): Promise<JWK> {
  const [version, iv, sealed] = stored.split('.');
  try {
    if (version !== ENCRYPTION_VERSION || !iv || !sealed) throw new Error('unknown format');
    const key = await wrappingKey(secret, tenantId);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: base64url.decode(iv), additionalData: utf8.encode(kid) }, key, base64url.decode(sealed));
    return JSON.parse(new TextDecoder().decode(plain)) as JWK;
  } catch {
    throw new ProblemError('unavailable', {
      title: 'Credential signing is not configured',
      detail: 'The issuer’s signing key cannot be decrypted with this deployment’s ISSUER_KEY_SECRET. Restore the secret the key was made with.',
    });
  }
}

/** Decrypted keys, per isolate: signing a batch decrypts once. */
const keyCache = new Map<string, SigningKey>();

/** The stored thumbprint a `kid` names, if it names a key of this issuer (a key URL under its id, or a bare thumbprint as issued before). */
export function thumbprintOfKid(kid: string, issuerId: string): string | null {
  const prefix = `${issuerId}/keys/`;
  const thumb = kid.startsWith(prefix) ? kid.slice(prefix.length) : /^[\w-]{43}$/.test(kid) ? kid : null;
  return thumb && /^[\w-]{43}$/.test(thumb) ? thumb : null;
}

/**
 * The tenant's signing key, made on first use. Two first uses at once settle in the database:
 * the key row is inserted only while the tenant has none (one conditional statement), and both
 * then read back the same row. `kid` is the stored thumbprint; a JWT header names it by `keyUrlOf`.
 */
export async function signingKey(db: Database, secret: string, tenantId: string): Promise<SigningKey> {
  const cached = keyCache.get(tenantId);
  if (cached) return cached;
  const read = () =>
    db
      .select({ kid: issuerKeys.kid, sealed: issuerKeys.privateJwkEncrypted })
      .from(issuerKeys)
      .where(eq(issuerKeys.tenantId, tenantId))
      .orderBy(desc(issuerKeys.createdAt), asc(issuerKeys.kid))
      .limit(1)
      .get();
  let row = await read();
  if (!row) {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const publicJwk = await exportJWK(pair.publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const sealed = await encryptPrivateJwk(secret, tenantId, kid, await exportJWK(pair.privateKey));
    const published: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x!, kid, alg: 'EdDSA', use: 'sig' };
    // INSERT…SELECT…WHERE NOT EXISTS: the guard is "the tenant has no key yet", which no unique index says.
    await db.insert(issuerKeys).select(sql`SELECT ${kid}, ${tenantId}, ${JSON.stringify(published)}, ${sealed}, ${new Date().toISOString()}
      WHERE NOT EXISTS (SELECT 1 FROM ${issuerKeys} WHERE ${issuerKeys.tenantId} = ${tenantId})`);
    row = await read();
    if (!row) throw new Error('the issuer key was not stored');
  }
  const jwk = await decryptPrivateJwk(secret, tenantId, row.kid, row.sealed);
  const key = (await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA')) as JoseKey;
  const signing = { kid: row.kid, key };
  if (keyCache.size > 200) keyCache.clear();
  keyCache.set(tenantId, signing);
  return signing;
}

const published = (j: Record<string, unknown>, kid: string): PublicJwk => ({ kty: 'OKP', crv: 'Ed25519', x: String(j.x), kid, alg: 'EdDSA', use: 'sig' });

/**
 * The tenant's published keys (no private parts ever leave the row's encrypted column). With
 * `origin`, each `kid` is the key's URL (what JWT headers name); without, the bare thumbprint.
 */
export async function publicKeys(db: Database, tenantId: string, origin?: string): Promise<PublicJwk[]> {
  const rows = await db
    .select({ kid: issuerKeys.kid, jwk: issuerKeys.publicJwk })
    .from(issuerKeys)
    .where(eq(issuerKeys.tenantId, tenantId))
    .orderBy(asc(issuerKeys.createdAt), asc(issuerKeys.kid))
    .all();
  return rows.map((r) => published(r.jwk, origin ? keyUrlOf(origin, tenantId, r.kid) : r.kid));
}

/** One published key of a tenant by its thumbprint, as a JWK whose `kid` is its URL; null when it is not this tenant's. */
export async function publicJwk(db: Database, origin: string, tenantId: string, thumbprint: string): Promise<PublicJwk | null> {
  const row = await db
    .select({ jwk: issuerKeys.publicJwk })
    .from(issuerKeys)
    .where(and(eq(issuerKeys.tenantId, tenantId), eq(issuerKeys.kid, thumbprint)))
    .get();
  return row ? published(row.jwk, keyUrlOf(origin, tenantId, thumbprint)) : null;
}

/** One public key of a tenant by its thumbprint, or null: a kid from another tenant is not found. */
export async function publicKey(db: Database, tenantId: string, thumbprint: string): Promise<JoseKey | null> {
  const row = await db
    .select({ jwk: issuerKeys.publicJwk })
    .from(issuerKeys)
    .where(and(eq(issuerKeys.tenantId, tenantId), eq(issuerKeys.kid, thumbprint)))
    .get();
  if (!row) return null;
  return (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: String(row.jwk.x) }, 'EdDSA')) as JoseKey;
}
