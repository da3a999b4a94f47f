/**
 * Each tenant signs with its own Ed25519 key pair, made on first use. The public JWK is stored
 * as is and published in the issuer's JWKS; the private JWK is stored only encrypted, with
 * AES-256-GCM under a key derived by HKDF-SHA-256 from the Worker secret `ISSUER_KEY_SECRET`
 * and the tenant id (so one tenant's ciphertext cannot be moved to another), with the key id
 * as additional authenticated data.
 */
import type { D1Database } from '@cloudflare/workers-types';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey as JoseKey, type JWK } from 'jose';
import type { PublicJwk } from '../../schema/api/credentials.js';
import { base64url } from './credentials.js';
import { ProblemError } from './problem.js';

const utf8 = new TextEncoder();
const ENCRYPTION_VERSION = 'v1';

export interface SigningKey { kid: string; key: JoseKey }

/** Issuing needs the secret; without it the answer is a clear 503, not a 500. */
export function requireSecret(secret: string | undefined): string {
  if (!secret || secret.length < 16) {
    throw new ProblemError('unavailable', {
      title: 'Credential signing is not configured',
      detail: 'This deployment has no ISSUER_KEY_SECRET (at least 16 characters), so it cannot sign credentials. '
        + 'Set it with `wrangler secret put ISSUER_KEY_SECRET` (locally, `npm start` writes one into .dev.vars).',
    });
  }
  return secret;
}

async function wrappingKey(secret: string, tenantId: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8.encode('open-wbl issuer key encryption v1'), info: utf8.encode(`tenant:${tenantId}`) },
    material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'],
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

interface KeyRow { kid: string; public_jwk: string; private_jwk_encrypted: string }

/**
 * The tenant's signing key, made on first use. Two first uses at once settle in the database:
 * the key row is inserted only while the tenant has none (one conditional statement), and both
 * then read back the same row.
 */
export async function signingKey(db: D1Database, secret: string, tenantId: string): Promise<SigningKey> {
  const cached = keyCache.get(tenantId);
  if (cached) return cached;
  const read = () => db.prepare(
    'SELECT kid, public_jwk, private_jwk_encrypted FROM issuer_keys WHERE tenant_id = ? ORDER BY created_at DESC, kid LIMIT 1',
  ).bind(tenantId).first<KeyRow>();
  let row = await read();
  if (!row) {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const publicJwk = await exportJWK(pair.publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const sealed = await encryptPrivateJwk(secret, tenantId, kid, await exportJWK(pair.privateKey));
    const published: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x!, kid, alg: 'EdDSA', use: 'sig' };
    await db.prepare(
      `INSERT INTO issuer_keys (kid, tenant_id, public_jwk, private_jwk_encrypted)
       SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM issuer_keys WHERE tenant_id = ?)`,
    ).bind(kid, tenantId, JSON.stringify(published), sealed, tenantId).run();
    row = await read();
    if (!row) throw new Error('the issuer key was not stored');
  }
  const jwk = await decryptPrivateJwk(secret, tenantId, row.kid, row.private_jwk_encrypted);
  const key = await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA') as JoseKey;
  const signing = { kid: row.kid, key };
  if (keyCache.size > 200) keyCache.clear();
  keyCache.set(tenantId, signing);
  return signing;
}

/** The tenant's published keys (no private parts ever leave the row's encrypted column). */
export async function publicKeys(db: D1Database, tenantId: string): Promise<PublicJwk[]> {
  const { results } = await db.prepare('SELECT public_jwk FROM issuer_keys WHERE tenant_id = ? ORDER BY created_at, kid').bind(tenantId).all<{ public_jwk: string }>();
  return results.map((r) => {
    const j = JSON.parse(r.public_jwk) as PublicJwk;
    return { kty: 'OKP', crv: 'Ed25519', x: j.x, kid: j.kid, alg: 'EdDSA', use: 'sig' };
  });
}

/** One public key of a tenant by its kid, or null: a kid from another tenant is not found. */
export async function publicKey(db: D1Database, tenantId: string, kid: string): Promise<JoseKey | null> {
  const row = await db.prepare('SELECT public_jwk FROM issuer_keys WHERE tenant_id = ? AND kid = ?').bind(tenantId, kid).first<{ public_jwk: string }>();
  if (!row) return null;
  const j = JSON.parse(row.public_jwk) as PublicJwk;
  return await importJWK({ kty: 'OKP', crv: 'Ed25519', x: j.x }, 'EdDSA') as JoseKey;
}
