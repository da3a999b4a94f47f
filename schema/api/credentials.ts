/**
 * The public credentials contract: what `GET /api/v1/credentials/:id` answers and what
 * `POST /api/v1/credentials/verify` takes and answers. Written with `zod/mini` so
 * `<wbl-skills-badge>` can import the types (and, if it wants, the tiny verify-answer schema)
 * without pulling classic zod into its 12 KB budget.
 *
 * The credential itself is an Open Badges 3.0 `OpenBadgeCredential` (VC 2.0 data model), signed
 * as a VC-JWT (compact JWS, EdDSA/Ed25519). Its shape is 1EdTech's, so it is typed loosely here
 * (`OpenBadgeCredential` below names only what this deployment always writes); the official
 * JSON Schema checks it in test/worker/credentials.test.ts.
 */
import * as z from 'zod/mini';

/** The JSON-LD contexts every credential starts with, in this order (VC 2.0, then OB 3.0.3). */
export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** 1EdTech's JSON Schema for AchievementCredential, named in every credential's `credentialSchema`. */
export const OB_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

// ---------------------------------------------------------------------------------------------
// Verification

/** A compact JWS: three base64url parts. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Verify a VC-JWT (`{ jwt }`) or a credential's JSON without an embedded proof
 * (`{ credential }`). The JSON form is looked up by its `id` and compared with the payload this
 * deployment signed: a JSON credential is only as good as the signed one it claims to be.
 * Only a malformed *request* is refused (400); any credential, however broken, gets an answer.
 */
export const VerifyRequest = z.union(
  [
    z.strictObject({
      jwt: z
        .string({ error: 'Send the credential as a compact JWT (three dot-separated parts)' })
        .check(z.trim(), z.minLength(1, 'Send the credential as a compact JWT'), z.maxLength(60_000, 'A credential JWT is at most 60 000 characters')),
    }),
    z.strictObject({
      credential: z.record(z.string(), z.unknown(), { error: 'Send the credential as a JSON object' }),
    }),
  ],
  { error: 'Send either { "jwt": "…" } or { "credential": { … } }' },
);
VerifyRequest.register(z.globalRegistry, {
  description: 'A VC-JWT, or a credential’s JSON without an embedded proof.',
  example: { jwt: 'eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.eyJpZCI6ImV4YW1wbGUifQ.c2lnbmF0dXJl' },
});
export type VerifyRequest = z.output<typeof VerifyRequest>;

/** Whether a string looks like a compact JWS at all (the verifier still answers for one that does not). */
export const looksLikeJwt = (s: string) => COMPACT_JWS.test(s.trim());

/** The outcome of a verification, most serious first: `invalid` beats `revoked` beats `expired`. */
export const VERIFY_STATUSES = ['verified', 'revoked', 'invalid', 'expired'] as const;
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

/**
 * One check of a verification. `ok` is true only when the check ran and passed; a check that
 * could not run (no valid signature to check a status for, say) is `ok: false` with a `detail`
 * saying why. `detail` is an English sentence for people and logs; the badge shows its own
 * localised words for the overall `status`.
 */
export const VerifyCheck = z.object({ ok: z.boolean(), detail: z.string() });
export type VerifyCheck = z.infer<typeof VerifyCheck>;

/**
 * The answer of `POST /api/v1/credentials/verify`, always 200 for a well-formed request.
 * - `signature`: the JWS verifies with the key its header's `kid` names (a URL under the issuer's
 *   id, `…/keys/<thumbprint>`, that answers the public JWK), and its `iss`, `jti`, `nbf` and `sub`
 *   claims say what the credential says (for `{ credential }`: the JSON equals the payload of the
 *   stored, signed JWT);
 * - `expiry`: `validFrom`/`nbf` is not in the future and `validUntil`/`exp` not in the past;
 * - `revocation`: the credential's bit in its issuer's Bitstring Status List is 0;
 * - `issuer`: the issuer named in the payload is an issuer of this deployment.
 * `status` is `invalid` if signature or issuer fail, else `revoked`, else `expired`, else
 * `verified`; `verified` is `status === 'verified'`.
 */
export const VerifyResult = z.object({
  verified: z.boolean(),
  status: z.enum(VERIFY_STATUSES),
  checks: z.object({ signature: VerifyCheck, expiry: VerifyCheck, revocation: VerifyCheck, issuer: VerifyCheck }),
  /** The credential's `id` when one could be read, else null. */
  credentialId: z.nullable(z.string()),
  /** When the checks ran (ISO instant). */
  checkedAt: z.string(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

// ---------------------------------------------------------------------------------------------
// The credential and what the badge shows of it

/** The rubric level of one aligned skill, as the final evaluation rated it (1–4). */
export const DisplaySkill = z.object({
  /** Skill code from schema/vocab.ts SKILLS (`communication`…). */
  code: z.string(),
  /** English label; the badge may label from `SKILLS` in its own locale instead. */
  name: z.string(),
  level: z.number(),
  /** English rubric label: Beginning, Developing, Proficient, Advanced. */
  levelName: z.string(),
});
export type DisplaySkill = z.infer<typeof DisplaySkill>;

/**
 * Everything `<wbl-skills-badge>` shows, so it needs one request. All of it can be read from the
 * credential too, except `learnerName`: the learner's name is never inside the signed credential
 * (only a salted hash identifies them there); it is shown only when the student chose to show
 * their name on badges, and then only here, beside the credential.
 */
export const CredentialDisplay = z.object({
  /** The student's preferred name when they opted in (students.show_name_on_badges), else null. */
  learnerName: z.nullable(z.string()),
  achievementName: z.string(),
  achievementDescription: z.string(),
  achievementType: z.string(),
  criteria: z.string(),
  /** The badge image: the achievement's own image URL or its generated SVG. */
  imageUrl: z.string(),
  issuerId: z.string(),
  issuerName: z.string(),
  issuerUrl: z.nullable(z.string()),
  /** `validFrom` (ISO instant). */
  issuedOn: z.string(),
  skills: z.array(DisplaySkill),
  /** One sentence about the placement, e.g. "120 supervised hours at …, final evaluation by the workplace supervisor". */
  evidence: z.string(),
  revoked: z.boolean(),
  /** When it was revoked (ISO instant), else null. The reason stays with the issuer. */
  revokedOn: z.nullable(z.string()),
  /** The credential's public URL (its `id`), for "copy link" and LinkedIn's certUrl. */
  url: z.string(),
});
export type CredentialDisplay = z.infer<typeof CredentialDisplay>;

/** The parts of an `OpenBadgeCredential` this deployment always writes (the rest is OB 3.0's). */
export const OpenBadgeCredential = z.looseObject({
  '@context': z.array(z.string()),
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  issuer: z.looseObject({ id: z.string(), type: z.array(z.string()), name: z.string() }),
  validFrom: z.string(),
  credentialSubject: z.looseObject({ type: z.array(z.string()), achievement: z.looseObject({ id: z.string(), name: z.string() }) }),
  credentialStatus: z.looseObject({ id: z.string(), type: z.string(), statusListIndex: z.string(), statusListCredential: z.string() }),
});
export type OpenBadgeCredential = z.infer<typeof OpenBadgeCredential>;

/**
 * `GET /api/v1/credentials/:id` without a named media type (no Accept, `*∕*`, or JSON and the JWT
 * asked for equally, as the badge widget does): the credential's JSON, the compact JWT that proves
 * it, and the display fields. The same URL answers the credential alone for
 * `application/vc+ld+json`, `application/ld+json` or `application/json`, the JWT alone for
 * `application/jwt` or `application/vc+jwt` (or `?format=jwt`), and a verification page for `text/html`.
 */
export const CredentialAnswer = z.object({
  credential: OpenBadgeCredential,
  jwt: z.string(),
  display: CredentialDisplay,
});
export type CredentialAnswer = z.infer<typeof CredentialAnswer>;

// ---------------------------------------------------------------------------------------------
// Issuers

/** An OB 3.0 issuer `Profile` as served at its id, `GET /api/v1/issuers/:tenantId`. */
export const IssuerProfile = z.looseObject({
  '@context': z.array(z.string()),
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  url: z.optional(z.string()),
  email: z.optional(z.string()),
  description: z.optional(z.string()),
});
export type IssuerProfile = z.infer<typeof IssuerProfile>;

/**
 * One public Ed25519 key of an issuer. `kid` is the key's URL (`…/issuers/:tenantId/keys/<RFC 7638
 * thumbprint>`), exactly what a credential's JWT header names, so a lookup by kid finds it.
 */
export const PublicJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});
export type PublicJwk = z.infer<typeof PublicJwk>;

/** `GET /api/v1/issuers/:tenantId/jwks`: the keys whose `kid` a credential's JWT header names. */
export const Jwks = z.object({ keys: z.array(PublicJwk) });
export type Jwks = z.infer<typeof Jwks>;
