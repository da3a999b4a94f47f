/**
 * Reading an Open Badges 3.0 credential for display: pure functions, no DOM. The badge may be
 * shown a credential from any issuer (`src`, an inline JWT), so nothing here trusts a shape:
 * every field is optional, `issuer` and `image` may be a URL or an object, a JWT may carry the
 * credential as its payload (VC 2.0) or in a `vc` claim (VC 1.1), and only http(s) URLs become
 * links. Decoding a JWT here is for display only: verification is the API's job.
 */
import type { CredentialAnswer } from '../../schema/api/credentials.js';

interface Named {
  id?: string;
  name?: string;
  description?: string;
  narrative?: string;
}

/** An OpenBadgeCredential (AchievementCredential), as loosely as the badge reads it. */
export interface Credential extends Named {
  issuer?: string | (Named & { url?: string });
  validFrom?: string;
  validUntil?: string;
  awardedDate?: string;
  credentialSubject?: {
    achievement?: Named & {
      criteria?: Named;
      image?: string | Named;
      alignment?: { targetName?: string }[];
      resultDescription?: (Named & { rubricCriterionLevel?: Named[] })[];
    };
    result?: { resultDescription?: string; achievedLevel?: string; value?: string }[];
  };
  evidence?: Named[];
}

/** What the badge shows of a credential. */
export interface View {
  credential: Credential;
  /** The compact JWT that proves the credential, when known. */
  jwt: string | null;
  name: string;
  description?: string;
  image: string | null;
  issuer: string;
  issuerUrl: string | null;
  issued?: string;
  until?: string;
  /** Only ever from the API's display fields: the student chose to show it. */
  learner?: string | null;
  /** Each skill, with the level reached when the credential says ("Communication", "Proficient"). */
  skills: { name?: string; level?: string }[];
  evidence: string[];
  /** The credential's public URL. */
  url: string | null;
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;
const isCredential = (x: unknown): x is Credential => typeof (x as Credential | null)?.credentialSubject === 'object';

/** The URL when `x` is an http(s) URL (never `javascript:` and the like), else null. */
export const httpUrl = (x: unknown): string | null => (/^https?:\/\/\S+$/.test(x as string) ? (x as string) : null);

/** The credential inside a compact JWT (its payload, or its `vc` claim), or null. */
function fromJwt(jwt: string): Credential | null {
  try {
    const body = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    return isCredential(body) ? body : isCredential(body.vc) ? { id: body.jti, ...body.vc } : null;
  } catch {
    return null;
  }
}

/**
 * Reads an answer's text: a compact JWT, a credential's JSON, or the API's
 * `{ credential, jwt, display }` (`CredentialAnswer`). Null when it is none of those.
 */
export function readAnswer(text: string): View | null {
  let answer: { credential?: Credential; jwt?: string; display?: Partial<CredentialAnswer['display']> };
  try {
    text = text.trim();
    answer = JWT.test(text) ? { jwt: text } : JSON.parse(text);
  } catch {
    return null;
  }
  if (isCredential(answer)) answer = { credential: answer };
  const jwt = JWT.test(answer?.jwt as string) ? answer.jwt! : null;
  const c = isCredential(answer?.credential) ? answer.credential : jwt && fromJwt(jwt);
  if (!c) return null;
  const a = c.credentialSubject!.achievement ?? {};
  const issuer = typeof c.issuer === 'string' ? { id: c.issuer } : (c.issuer ?? {});
  const image = typeof a.image === 'string' ? a.image : a.image?.id;
  const issuerUrl = httpUrl((issuer as { url?: string }).url) ?? httpUrl(issuer.id);
  // A result names its rubric criterion and the level reached in it; without results, the skills are the alignments.
  const results = (c.credentialSubject!.result ?? []).map((r) => {
    const criterion = a.resultDescription?.find((x) => x.id === r.resultDescription);
    return { name: criterion?.name, level: criterion?.rubricCriterionLevel?.find((x) => x.id === r.achievedLevel)?.name ?? r.value };
  });
  return {
    credential: c,
    jwt,
    name: a.name ?? c.name ?? '',
    description: a.description,
    image: /^(https?:|data:image\/)/.test(image!) ? image! : null,
    issuer: issuer.name ?? issuerUrl ?? '',
    issuerUrl,
    issued: c.validFrom ?? c.awardedDate,
    until: c.validUntil,
    // The learner's name is never inside a credential: only the API's display fields carry it,
    // and only when the student chose to show it.
    learner: answer.display?.learnerName,
    skills: (results.length ? results : (a.alignment ?? []).map((x): View['skills'][0] => ({ name: x.targetName }))).filter((x) => x.name || x.level),
    evidence: (c.evidence ?? []).map((e) => [e.name, e.description ?? e.narrative].filter(Boolean).join(' — ')).filter(Boolean),
    url: httpUrl(c.id),
  };
}

/** The last part of an id (`…/credentials/cred_x` → `cred_x`, `urn:uuid:1-2` → `1-2`). */
export const shortId = (id = '') => id.split(/[/:]/).pop()!;

/** LinkedIn's "Add license or certification" link, prefilled; spaces as `%20`, which every field reads. */
export function linkedInUrl(v: View): string {
  const p = [
    ['startTask', 'CERTIFICATION_NAME'],
    ['name', v.name],
    ['organizationName', v.issuer],
  ];
  const date = (key: string, iso?: string) => iso && p.push([`${key}Year`, iso.slice(0, 4)], [`${key}Month`, String(+iso.slice(5, 7))]);
  date('issue', v.issued);
  date('expiration', v.until);
  if (v.url) p.push(['certUrl', v.url], ['certId', shortId(v.url)]);
  return `https://www.linkedin.com/profile/add?${new URLSearchParams(p).toString().replace(/\+/g, '%20')}`;
}
