/**
 * Verifying a credential the way any verifier would, against what this deployment publishes:
 * the issuer named in the payload must be one of ours, the JWS must verify with the key its
 * `kid` names in that issuer's JWKS, the validity dates must hold, and the credential's bit in
 * the issuer's Bitstring Status List must be clear. A bad credential is an answer
 * (`verified: false`), never an error.
 */
import { and, eq, sql } from 'drizzle-orm';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { looksLikeJwt, type VerifyCheck, type VerifyResult, type VerifyStatus } from '../../schema/api/credentials.js';
import { credentials, tenants } from '../../schema/db/tables.js';
import { canonicalJson, credentialOfPayload, parseCredentialUrl, parseIssuerId, statusListUrlOf } from './credentials.js';
import type { Database } from './db.js';
import { publicKey, thumbprintOfKid } from './issuer-keys.js';

const pass = (detail: string): VerifyCheck => ({ ok: true, detail });
const fail = (detail: string): VerifyCheck => ({ ok: false, detail });
const obj = (x: unknown): x is Record<string, unknown> => Boolean(x) && typeof x === 'object' && !Array.isArray(x);

function outcome(checks: VerifyResult['checks'], credentialId: string | null): VerifyResult {
  const status: VerifyStatus =
    !checks.signature.ok || !checks.issuer.ok ? 'invalid' : !checks.revocation.ok ? 'revoked' : !checks.expiry.ok ? 'expired' : 'verified';
  return { verified: status === 'verified', status, checks, credentialId, checkedAt: new Date().toISOString() };
}

function invalid(detail: string, credentialId: string | null = null): VerifyResult {
  const notChecked = fail('Not checked: the credential could not be read.');
  return outcome({ signature: fail(detail), expiry: notChecked, revocation: notChecked, issuer: notChecked }, credentialId);
}

function decodePayload(jwt: string): Record<string, unknown> | null {
  try {
    const part = jwt.split('.')[1]!;
    const bytes = Uint8Array.from(
      atob(
        part
          .replace(/-/g, '+')
          .replace(/_/g, '/')
          .padEnd(Math.ceil(part.length / 4) * 4, '='),
      ),
      (c) => c.charCodeAt(0),
    );
    const body: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return obj(body) ? body : null;
  } catch {
    return null;
  }
}

const issuerIdIn = (credential: Record<string, unknown>) =>
  typeof credential.issuer === 'string' ? credential.issuer : obj(credential.issuer) ? credential.issuer.id : undefined;

/**
 * An issuer is ours when its id has our shape and names one of our tenants, at the origin the
 * request came to or at an origin we have issued under before (a credential issued at
 * `127.0.0.1:8787` still verifies when the page is opened as `localhost:8787`).
 */
async function checkIssuer(db: Database, requestOrigin: string, issuerId: unknown): Promise<{ check: VerifyCheck; tenantId: string | null }> {
  const parsed = parseIssuerId(issuerId);
  if (!parsed) return { check: fail('The issuer is not an issuer of this service.'), tenantId: null };
  const tenant = await db
    .select({ id: tenants.id, name: sql<string>`coalesce(${tenants.issuerName}, ${tenants.name})` })
    .from(tenants)
    .where(eq(tenants.id, parsed.tenantId))
    .get();
  if (!tenant) return { check: fail('The issuer is not an issuer of this service.'), tenantId: null };
  const known =
    parsed.origin === requestOrigin ||
    (await db
      .select({ ok: sql`1` })
      .from(credentials)
      .where(and(eq(credentials.tenantId, tenant.id), sql`json_extract(${credentials.credential}, '$.issuer.id') = ${issuerId}`))
      .limit(1)
      .get());
  if (!known) return { check: fail('The issuer is not an issuer of this service.'), tenantId: null };
  return { check: pass(`Issued by ${tenant.name}.`), tenantId: tenant.id };
}

function checkDates(credential: Record<string, unknown>, payload: Record<string, unknown>, now: number): VerifyCheck {
  const from = typeof credential.validFrom === 'string' ? Date.parse(credential.validFrom) : typeof payload.nbf === 'number' ? payload.nbf * 1000 : NaN;
  const until = typeof credential.validUntil === 'string' ? Date.parse(credential.validUntil) : typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  if (!Number.isFinite(from)) return fail('The credential has no readable validFrom date.');
  // A minute of leeway for clocks that disagree a little.
  if (from > now + 60_000) return fail(`The credential is not valid until ${new Date(from).toISOString()}.`);
  if (until !== null) {
    if (!Number.isFinite(until)) return fail('The credential’s validUntil date cannot be read.');
    if (until < now - 60_000) return fail(`The credential expired on ${new Date(until).toISOString()}.`);
    return pass(`Valid from ${new Date(from).toISOString()} until ${new Date(until).toISOString()}.`);
  }
  return pass(`Valid since ${new Date(from).toISOString()}; it does not expire.`);
}

async function checkRevocation(db: Database, tenantId: string, issuerOrigin: string, credential: Record<string, unknown>): Promise<VerifyCheck> {
  const status = credential.credentialStatus;
  if (status === undefined) return pass('The credential has no status entry, so it cannot be revoked.');
  const entries = Array.isArray(status) ? status : [status];
  for (const entry of entries) {
    if (!obj(entry) || entry.type !== 'BitstringStatusListEntry')
      return fail('The credential’s status entry is not a Bitstring Status List entry this service can check.');
    if (entry.statusPurpose !== 'revocation') continue;
    const index = Number(entry.statusListIndex);
    if (entry.statusListCredential !== statusListUrlOf(issuerOrigin, tenantId) || !Number.isInteger(index) || index < 0) {
      return fail('The credential’s status list is not its issuer’s.');
    }
    // The same bit the published status list carries: set exactly when a credential at this index was revoked.
    const row = await db
      .select({ revokedAt: credentials.revokedAt })
      .from(credentials)
      .where(and(eq(credentials.tenantId, tenantId), eq(credentials.statusListIndex, index)))
      .get();
    if (row?.revokedAt) return fail(`Revoked by the issuer on ${row.revokedAt.slice(0, 10)}.`);
  }
  return pass('Not revoked: its bit in the issuer’s status list is clear.');
}

/** Verifies a compact VC-JWT. */
export async function verifyJwt(db: Database, requestOrigin: string, jwt: string, now = Date.now()): Promise<VerifyResult> {
  const token = jwt.trim();
  if (!looksLikeJwt(token)) return invalid('This is not a compact JWT (three base64url parts separated by dots).');
  const payload = decodePayload(token);
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return invalid('The JWT header cannot be read.');
  }
  if (!payload) return invalid('The JWT payload is not a JSON object.');
  const credential = credentialOfPayload(payload);
  const credentialId = typeof credential.id === 'string' ? credential.id : typeof payload.jti === 'string' ? payload.jti : null;
  const issuerId = issuerIdIn(credential) ?? payload.iss;

  const { check: issuer, tenantId } = await checkIssuer(db, requestOrigin, issuerId);
  const expiry = checkDates(credential, payload, now);
  let signature: VerifyCheck;
  if (!tenantId) {
    signature = fail('Not checked: the issuer is not one whose keys this service publishes.');
  } else if (header.alg !== 'EdDSA' || typeof header.kid !== 'string' || !thumbprintOfKid(header.kid, String(issuerId))) {
    signature = fail('The JWT is not signed with EdDSA under a key (kid) of its issuer.');
  } else {
    const key = await publicKey(db, tenantId, thumbprintOfKid(header.kid, String(issuerId))!);
    if (!key) {
      signature = fail('The key named in the JWT header is not in the issuer’s published keys.');
    } else {
      try {
        await compactVerify(token, key, { algorithms: ['EdDSA'] });
        // OB 3.0 §8.2.6: iss, jti, nbf and (when the subject has an id) sub say what the credential says.
        const subjectId = obj(credential.credentialSubject) ? credential.credentialSubject.id : undefined;
        const from = typeof credential.validFrom === 'string' ? Date.parse(credential.validFrom) : NaN;
        const claimsAgree =
          (payload.iss === undefined || payload.iss === issuerId) &&
          (payload.jti === undefined || payload.jti === credential.id) &&
          (subjectId === undefined || payload.sub === subjectId) &&
          (payload.nbf === undefined || !Number.isFinite(from) || payload.nbf === Math.floor(from / 1000));
        signature = claimsAgree
          ? pass(`Signed by the issuer’s key ${thumbprintOfKid(header.kid, String(issuerId))!.slice(0, 12)}… (EdDSA, Ed25519).`)
          : fail('The JWT’s iss, jti, sub or nbf claim does not match the credential inside it.');
      } catch {
        signature = fail('The signature does not match: the credential was changed after it was signed, or signed by someone else.');
      }
    }
  }
  const revocation =
    signature.ok && tenantId
      ? await checkRevocation(db, tenantId, parseIssuerId(issuerId)!.origin, credential)
      : fail('Not checked: without a valid signature the status entry cannot be trusted.');
  return outcome({ signature, expiry, revocation, issuer }, credentialId);
}

/**
 * Verifies a credential's JSON that has no embedded proof: it is looked up by its `id`, and it
 * verifies only if it is exactly the credential this service signed (then that JWT is verified).
 */
export async function verifyCredentialJson(db: Database, requestOrigin: string, credential: Record<string, unknown>, now = Date.now()): Promise<VerifyResult> {
  const id = typeof credential.id === 'string' ? credential.id : null;
  if (credential.proof !== undefined) {
    return invalid('Credentials with embedded proofs are not verified here; send the VC-JWT instead.', id);
  }
  const ref = parseCredentialUrl(id);
  const row = ref
    ? await db.select({ jwt: credentials.jwt, credential: credentials.credential }).from(credentials).where(eq(credentials.id, ref.id)).get()
    : null;
  if (!row) {
    const issuer = await checkIssuer(db, requestOrigin, issuerIdIn(credential));
    const notChecked = fail('Not checked: there is no signed credential to check against.');
    return outcome(
      {
        signature: fail('This service has no signed credential with this id, and the JSON carries no proof.'),
        expiry: notChecked,
        revocation: notChecked,
        issuer: issuer.check,
      },
      id,
    );
  }
  if (canonicalJson(credential) !== canonicalJson(row.credential)) {
    const result = await verifyJwt(db, requestOrigin, row.jwt, now);
    return outcome({ ...result.checks, signature: fail('The credential differs from the one its issuer signed: it was changed.') }, id);
  }
  return verifyJwt(db, requestOrigin, row.jwt, now);
}
