/**
 * Building Open Badges 3.0 credentials and their W3C Bitstring Status Lists: pure functions
 * over plain data (WebCrypto only), so they run in workerd, in Node for tests and the seed,
 * and are unit-testable without a database.
 */
import { OB_CONTEXT_V3, OB_CREDENTIAL_SCHEMA, VC_CONTEXT_V2, type DisplaySkill } from '../../schema/api/credentials.js';
import { REQUIRED_LEVEL } from '../../schema/api/admin/achievements.js';
import { CLUSTERS, labelOf, SKILLS } from '../../schema/vocab.js';

const utf8 = new TextEncoder();

/** The rubric every named skill is rated on (the same words as the console's evaluations). */
export const RUBRIC = [
  { level: 1, name: 'Beginning', description: 'Needs close support to show the skill at work.' },
  { level: 2, name: 'Developing', description: 'Shows the skill with some support.' },
  { level: 3, name: 'Proficient', description: 'Shows the skill independently, as the workplace expects.' },
  { level: 4, name: 'Advanced', description: 'Shows the skill beyond what the workplace expects and helps others with it.' },
] as const;

export const levelName = (level: number) => RUBRIC.find((r) => r.level === level)?.name ?? String(level);

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A credential's id, derived from its achievement and placement: the same pair always gives
 * the same id (so the demo portfolio can name its credentials, and a retry finds the first),
 * and since placement ids are random (`app_` + 100 random bits) the id is not guessable.
 * `demo/seed/achievements.ts` computes the same with Node's crypto; a test keeps them equal.
 */
export async function credentialIdFor(achievementId: string, applicationId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(`open-wbl credential|${achievementId}|${applicationId}`)));
  let out = '';
  for (let i = 0; i < 20; i++) out += BASE32[digest[i]! & 31];
  return `cred_${out}`;
}

/** Random hex, for identity salts. */
export function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON with object keys sorted at every level: two equal credentials give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------
// URLs

export const issuerIdOf = (origin: string, tenantId: string) => `${origin}/api/v1/issuers/${tenantId}`;
export const credentialUrlOf = (origin: string, id: string) => `${origin}/api/v1/credentials/${id}`;
export const achievementUrlOf = (origin: string, id: string) => `${origin}/api/v1/achievements/${id}`;
export const statusListUrlOf = (origin: string, tenantId: string) => `${issuerIdOf(origin, tenantId)}/status/revocation`;
/**
 * The URL a key's `kid` names in a JWT header: it answers the public JWK itself (OB 3.0 §8.2.3:
 * "a URI that can be dereferenced to an object of type JWK"). The last segment is the key's
 * RFC 7638 thumbprint, the id it is stored under.
 */
export const keyUrlOf = (origin: string, tenantId: string, thumbprint: string) => `${issuerIdOf(origin, tenantId)}/keys/${thumbprint}`;
export const achievementImageOf = (origin: string, a: { id: string; image: string | null }) => a.image ?? `${achievementUrlOf(origin, a.id)}/image.svg`;

/** `{origin, tenantId}` when `url` is an issuer id of this API's shape, else null. */
export function parseIssuerId(url: unknown): { origin: string; tenantId: string } | null {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    const m = /^\/api\/v1\/issuers\/([A-Za-z0-9_-]{1,80})$/.exec(u.pathname);
    if (!m || u.search || u.hash || (u.protocol !== 'https:' && u.protocol !== 'http:')) return null;
    return { origin: u.origin, tenantId: m[1]! };
  } catch {
    return null;
  }
}

/** The credential id (`cred_…`) in a credential URL of this API's shape, else null. */
export function parseCredentialUrl(url: unknown): { origin: string; id: string } | null {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    const m = /^\/api\/v1\/credentials\/(cred_[a-z0-9]{20})$/.exec(u.pathname);
    return m && !u.search && !u.hash ? { origin: u.origin, id: m[1]! } : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The credential

export interface IssuerFacts {
  tenantId: string;
  name: string;
  url: string | null;
  email: string | null;
  description: string | null;
}

export interface AchievementFacts {
  id: string;
  name: string;
  description: string;
  criteria: string;
  image: string | null;
  achievementType: string;
  skills: string[];
  cluster: string | null;
  onetSoc: string | null;
  onetTitle: string | null;
}

export interface CredentialFacts {
  origin: string;
  id: string;
  issuer: IssuerFacts;
  achievement: AchievementFacts;
  /** The final evaluation's level for each aligned skill. */
  levels: Record<string, number>;
  /** Who the learner is, only ever hashed: their email when known, else their internal student id. */
  learner: { value: string; type: 'emailAddress' | 'identifier' };
  salt: string;
  /** The placement, as far as a credential may say: no names, no dates of birth, no notes. */
  placement: { title: string; employer: string; hours: number; typeLabel: string };
  validFrom: string;
  statusListIndex: number;
}

/** The issuer `Profile`, as embedded in credentials and served at its id (with `@context`). */
export function issuerProfile(origin: string, i: IssuerFacts): Record<string, unknown> {
  return {
    id: issuerIdOf(origin, i.tenantId),
    type: ['Profile'],
    name: i.name,
    ...(i.url ? { url: i.url } : {}),
    ...(i.email ? { email: i.email } : {}),
    ...(i.description ? { description: i.description } : {}),
  };
}

const skillName = (code: string) => labelOf(SKILLS, code, 'en');
const skillUrl = (origin: string, code: string) => `${origin}/api/v1/skills/${code}`;
const resultDescriptionId = (achievementUrl: string, code: string) => `${achievementUrl}#result-${code}`;
const levelId = (achievementUrl: string, code: string, level: number) => `${achievementUrl}#result-${code}-level-${level}`;

function skillAlignment(origin: string, code: string) {
  return {
    type: ['Alignment'],
    targetType: 'ceasn:Competency',
    targetName: skillName(code),
    targetDescription: `Employability skill “${skillName(code)}”, rated on the four-level Open WBL workplace rubric.`,
    targetFramework: 'Open WBL employability skills',
    targetCode: code,
    targetUrl: skillUrl(origin, code),
  };
}

/** The OB 3.0 `Achievement` of an achievement definition: embedded in credentials, served at its id. */
export function achievementObject(origin: string, issuer: IssuerFacts, a: AchievementFacts): Record<string, unknown> {
  const url = achievementUrlOf(origin, a.id);
  const alignment: Record<string, unknown>[] = a.skills.map((code) => skillAlignment(origin, code));
  if (a.onetSoc) {
    alignment.push({
      type: ['Alignment'],
      // OB 3.0's AlignmentTargetType has no occupation term; `ext:` names one, as the spec allows.
      targetType: 'ext:Occupation',
      targetName: a.onetTitle ?? `O*NET-SOC ${a.onetSoc}`,
      targetFramework: 'O*NET-SOC',
      targetCode: a.onetSoc,
      targetUrl: `https://www.onetonline.org/link/summary/${a.onetSoc}`,
    });
  }
  const tag = [...a.skills.map(skillName), ...(a.cluster ? [labelOf(CLUSTERS, a.cluster, 'en')] : []), 'Work-based learning'];
  return {
    id: url,
    type: ['Achievement'],
    achievementType: a.achievementType,
    name: a.name,
    description: a.description,
    criteria: { id: `${url}#criteria`, narrative: a.criteria },
    image: { id: achievementImageOf(origin, a), type: 'Image', caption: a.name },
    creator: issuerProfile(origin, issuer),
    alignment,
    tag,
    ...(a.cluster ? { fieldOfStudy: labelOf(CLUSTERS, a.cluster, 'en') } : {}),
    resultDescription: a.skills.map((code) => ({
      id: resultDescriptionId(url, code),
      type: ['ResultDescription'],
      name: skillName(code),
      resultType: 'RubricCriterionLevel',
      alignment: [skillAlignment(origin, code)],
      requiredLevel: levelId(url, code, REQUIRED_LEVEL),
      rubricCriterionLevel: RUBRIC.map((r) => ({
        id: levelId(url, code, r.level),
        type: ['RubricCriterionLevel'],
        name: r.name,
        description: r.description,
        level: String(r.level),
      })),
    })),
  };
}

/**
 * The `OpenBadgeCredential`: VC 2.0 and OB 3.0.3 contexts, the issuer's Profile, an
 * `AchievementSubject` that identifies the learner only by a salted SHA-256 hash, the
 * rubric results, evidence about the placement without private detail, the official
 * JSON Schema, and a Bitstring Status List entry for revocation.
 */
export async function buildCredential(f: CredentialFacts): Promise<Record<string, unknown>> {
  const url = credentialUrlOf(f.origin, f.id);
  const achievement = achievementObject(f.origin, f.issuer, f.achievement);
  const achievementUrl = achievement.id as string;
  const statusList = statusListUrlOf(f.origin, f.issuer.tenantId);
  const hours = Math.round(f.placement.hours * 10) / 10;
  const supervised = hours > 0 ? `${hours} supervised ${hours === 1 ? 'hour' : 'hours'}` : 'A supervised placement';
  return {
    '@context': [VC_CONTEXT_V2, OB_CONTEXT_V3],
    id: url,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: f.achievement.name,
    description: f.achievement.description,
    issuer: issuerProfile(f.origin, f.issuer),
    validFrom: f.validFrom,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: `sha256$${await sha256Hex(f.learner.value + f.salt)}`,
          identityType: f.learner.type,
          hashed: true,
          salt: f.salt,
        },
      ],
      achievement,
      result: f.achievement.skills.map((code) => ({
        type: ['Result'],
        resultDescription: resultDescriptionId(achievementUrl, code),
        achievedLevel: levelId(achievementUrl, code, f.levels[code] ?? 0),
        status: 'Completed',
      })),
    },
    evidence: [
      {
        type: ['Evidence'],
        name: f.placement.title,
        description: `${supervised} at ${f.placement.employer}, final evaluation by the workplace supervisor.`,
        genre: f.placement.typeLabel,
      },
    ],
    credentialSchema: [{ id: OB_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: {
      id: `${statusList}#${f.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(f.statusListIndex),
      statusListCredential: statusList,
    },
  };
}

/**
 * An instant at whole seconds, without milliseconds (`2026-05-01T15:00:00Z`): what a credential's
 * `validFrom` is, so the JWT's `nbf` (a NumericDate, in seconds) equals it exactly.
 */
export const wholeSeconds = (at: Date | number) => new Date(Math.floor(new Date(at).getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The JOSE header of an Open Badges VC-JWT, exactly as OB 3.0 §8.2.3 allows ("Additional JOSE
 * Headers are NOT allowed"): `alg`, `kid` — a URI that dereferences to the public JWK — and
 * `typ`, which "if present, MUST be set to JWT".
 */
export const jwtHeader = (origin: string, tenantId: string, thumbprint: string) =>
  ({ alg: 'EdDSA', kid: keyUrlOf(origin, tenantId, thumbprint), typ: 'JWT' }) as const;

/**
 * The VC-JWT payload: the credential itself (VC 2.0, VC-JOSE-COSE) plus the registered claims
 * OB 3.0 §8.2.4 asks of a JWT proof: `iss` (issuer.id), `jti` (id), `nbf` (validFrom), `sub`
 * (credentialSubject.id — only when the subject has one: ours identify the learner by a salted
 * hash in `identifier`, never by an id) and `exp` (validUntil, when there is one).
 */
export function jwtPayload(credential: Record<string, unknown>): Record<string, unknown> {
  const issuer = credential.issuer as { id: string } | string;
  const subject = credential.credentialSubject as { id?: unknown } | undefined;
  const claims: Record<string, unknown> = {
    ...credential,
    iss: typeof issuer === 'string' ? issuer : issuer.id,
    jti: credential.id,
    nbf: Math.floor(Date.parse(credential.validFrom as string) / 1000),
  };
  if (typeof subject?.id === 'string') claims.sub = subject.id;
  if (typeof credential.validUntil === 'string') claims.exp = Math.floor(Date.parse(credential.validUntil) / 1000);
  return claims;
}

/** The credential inside a VC-JWT payload: the payload without the JWT's registered claims. */
export function credentialOfPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const { iss: _iss, jti: _jti, sub: _sub, nbf: _nbf, exp: _exp, iat: _iat, ...credential } = payload;
  return credential;
}

/** The skills and levels a credential records, read back from its results and rubric. */
export function skillsOfCredential(credential: Record<string, unknown>): DisplaySkill[] {
  const subject = credential.credentialSubject as
    | {
        achievement?: { resultDescription?: { id: string; alignment?: { targetCode?: string }[]; rubricCriterionLevel?: { id: string; level?: string }[] }[] };
        result?: { resultDescription?: string; achievedLevel?: string }[];
      }
    | undefined;
  const descriptions = subject?.achievement?.resultDescription ?? [];
  const out: DisplaySkill[] = [];
  for (const r of subject?.result ?? []) {
    const d = descriptions.find((x) => x.id === r.resultDescription);
    const code = d?.alignment?.[0]?.targetCode;
    const level = Number(d?.rubricCriterionLevel?.find((l) => l.id === r.achievedLevel)?.level);
    if (code && Number.isFinite(level)) out.push({ code, name: skillName(code), level, levelName: levelName(level) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/)

/** The smallest list the spec allows: 16 KB, 131 072 entries, for herd privacy. */
export const STATUS_LIST_BITS = 131_072;

const b64url = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const unb64url = (text: string) =>
  Uint8Array.from(
    atob(
      text
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(text.length / 4) * 4, '='),
    ),
    (c) => c.charCodeAt(0),
  );

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = await new Response(
    new Blob([bytes as BlobPart]).stream().pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>),
  ).arrayBuffer();
  return new Uint8Array(out);
}

/**
 * The `encodedList` for a list with these indexes set: a bitstring of at least 131 072 bits
 * (index 0 is the most significant bit of the first byte), GZIP-compressed, base64url without
 * padding, with the multibase prefix `u`.
 */
export async function encodeStatusList(setIndexes: Iterable<number>, minBits = STATUS_LIST_BITS): Promise<string> {
  const list = [...setIndexes];
  const bits = Math.max(minBits, Math.ceil((Math.max(-1, ...list) + 1) / minBits) * minBits);
  const bytes = new Uint8Array(bits / 8);
  for (const i of list) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return `u${b64url(await pipe(bytes, new CompressionStream('gzip')))}`;
}

export const base64url = { encode: b64url, decode: unb64url };
