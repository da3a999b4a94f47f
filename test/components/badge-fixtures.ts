/**
 * Open Badges 3.0 credentials for the `<wbl-skills-badge>` tests: one shaped like those the
 * Worker issues (worker/lib/credentials.ts: VC 2.0 + OB 3.0.3 contexts, an issuer Profile, a
 * hashed AchievementSubject, rubric results, evidence, a Bitstring Status List entry), and one
 * from another issuer modelled on the spec's own example ("Teamwork Badge", Example Corp).
 */
import type { CredentialAnswer, VerifyResult, VerifyStatus } from '../../schema/api/credentials.js';

export const API = 'https://api.example';
export const CRED_ID = 'cred_15h59ztc46x4qqcrh9tf';
export const CRED_URL = `${API}/api/v1/credentials/${CRED_ID}`;
const ACH = `${API}/api/v1/achievements/ach_riv_patient_care_communication`;
const ISSUER = `${API}/api/v1/issuers/ten_riverside`;

const skill = (code: string, name: string) => ({
  type: ['Alignment'],
  targetType: 'ceasn:Competency',
  targetName: name,
  targetFramework: 'Open WBL employability skills',
  targetCode: code,
  targetUrl: `${API}/api/v1/skills/${code}`,
});
const RUBRIC = ['Beginning', 'Developing', 'Proficient', 'Advanced'];
const rubric = (code: string, name: string) => ({
  id: `${ACH}#result-${code}`,
  type: ['ResultDescription'],
  name,
  resultType: 'RubricCriterionLevel',
  alignment: [skill(code, name)],
  requiredLevel: `${ACH}#result-${code}-level-3`,
  rubricCriterionLevel: RUBRIC.map((level, i) => ({
    id: `${ACH}#result-${code}-level-${i + 1}`,
    type: ['RubricCriterionLevel'],
    name: level,
    level: String(i + 1),
  })),
});

/** A Riverside credential as the Worker builds it: Communication rated 3, Professionalism 4. */
export function credential(over: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: CRED_URL,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Patient Care Communication',
    description: 'Communicates clearly, kindly and professionally with patients, families and a care team.',
    issuer: { id: ISSUER, type: ['Profile'], name: 'Riverside Unified School District', url: 'https://riversideunified.example' },
    validFrom: '2026-08-14T16:00:00.000Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: 'sha256$5d1e0f0b6c4a8e8f1f1d3c2b0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0',
          identityType: 'emailAddress',
          hashed: true,
          salt: 'a1b2c3d4e5f6',
        },
      ],
      achievement: {
        id: ACH,
        type: ['Achievement'],
        achievementType: 'Competency',
        name: 'Patient Care Communication',
        description: 'Communicates clearly, kindly and professionally with patients, families and a care team in a clinical setting.',
        criteria: { id: `${ACH}#criteria`, narrative: 'The final evaluation rates Communication and Professionalism Proficient (3) or better.' },
        image: { id: `${ACH}/image.svg`, type: 'Image', caption: 'Patient Care Communication' },
        alignment: [
          skill('communication', 'Communication'),
          skill('professionalism', 'Professionalism'),
          {
            type: ['Alignment'],
            targetType: 'ext:Occupation',
            targetName: 'Nursing Assistants',
            targetCode: '31-1131.00',
            targetUrl: 'https://www.onetonline.org/link/summary/31-1131.00',
          },
        ],
        resultDescription: [rubric('communication', 'Communication'), rubric('professionalism', 'Professionalism')],
      },
      result: [
        { type: ['Result'], resultDescription: `${ACH}#result-communication`, achievedLevel: `${ACH}#result-communication-level-3`, status: 'Completed' },
        { type: ['Result'], resultDescription: `${ACH}#result-professionalism`, achievedLevel: `${ACH}#result-professionalism-level-4`, status: 'Completed' },
      ],
    },
    evidence: [
      {
        type: ['Evidence'],
        name: 'Certified Nursing Assistant Clinical Rotation',
        description: '120 supervised hours at Arroyo Valley Medical Center, final evaluation by the workplace supervisor.',
        genre: 'Clinical work experience',
      },
    ],
    credentialSchema: [
      { id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' },
    ],
    credentialStatus: {
      id: `${ISSUER}/status/revocation#7`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '7',
      statusListCredential: `${ISSUER}/status/revocation`,
    },
    ...over,
  } as Record<string, unknown> & { id: string };
}

/** Another issuer's badge, after the OB 3.0 specification's example: no results, one alignment. */
export function foreignCredential(): Record<string, unknown> & { id: string } {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'http://example.com/credentials/3527',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://example.com/issuers/876543', type: ['Profile'], name: 'Example Corp' },
    validFrom: '2010-01-01T00:00:00Z',
    name: 'Teamwork Badge',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.com/achievements/21st-century-skills/teamwork',
        type: ['Achievement'],
        criteria: { narrative: 'Team members are nominated for this badge by their peers and recognized upon review by Example Corp management.' },
        description: 'This badge recognizes the development of the capacity to collaborate within a group environment.',
        name: 'Teamwork',
        alignment: [{ type: ['Alignment'], targetName: 'Collaboration and teamwork', targetUrl: 'https://example.com/skills/teamwork' }],
      },
    },
  } as Record<string, unknown> & { id: string };
}

const b64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A compact VC-JWT of the credential: the payload is the credential with its JWT claims (VC 2.0, VC-JOSE-COSE). The signature is not real: the verifier is stubbed. */
export function jwtOf(c: Record<string, unknown> & { id: string }): string {
  const payload = { ...c, iss: (c.issuer as { id: string }).id, jti: c.id, nbf: Math.floor(Date.parse(c.validFrom as string) / 1000) };
  return `${b64url(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid: 'key-2026-1' }))}.${b64url(JSON.stringify(payload))}.c2lnbmF0dXJlLW5vdC1jaGVja2VkLWhlcmU`;
}

/** `GET /api/v1/credentials/:id`: the credential, its JWT and the display fields. */
export function answer(learnerName: string | null = 'Sofia', c = credential()): CredentialAnswer {
  return {
    credential: c as unknown as CredentialAnswer['credential'],
    jwt: jwtOf(c),
    display: {
      learnerName,
      achievementName: 'Patient Care Communication',
      achievementDescription: 'Communicates clearly, kindly and professionally with patients, families and a care team in a clinical setting.',
      achievementType: 'Competency',
      criteria: 'The final evaluation rates Communication and Professionalism Proficient (3) or better.',
      imageUrl: `${ACH}/image.svg`,
      issuerId: ISSUER,
      issuerName: 'Riverside Unified School District',
      issuerUrl: 'https://riversideunified.example',
      issuedOn: '2026-08-14T16:00:00.000Z',
      skills: [
        { code: 'communication', name: 'Communication', level: 3, levelName: 'Proficient' },
        { code: 'professionalism', name: 'Professionalism', level: 4, levelName: 'Advanced' },
      ],
      evidence: '120 supervised hours at Arroyo Valley Medical Center, final evaluation by the workplace supervisor.',
      revoked: false,
      revokedOn: null,
      url: CRED_URL,
    },
  };
}

const ok = (detail: string) => ({ ok: true, detail });
const no = (detail: string) => ({ ok: false, detail });

/** `POST /api/v1/credentials/verify` answers, one per outcome the verifier gives. */
export function verification(status: VerifyStatus | 'unknown-issuer'): VerifyResult {
  const checks = {
    signature: ok('The signature verifies with key key-2026-1 of the issuer’s JWKS.'),
    expiry: ok('The credential is within its validity period.'),
    revocation: ok('The credential’s status bit is 0.'),
    issuer: ok('The issuer is an issuer of this deployment.'),
  };
  if (status === 'revoked') checks.revocation = no('The issuer has revoked this credential.');
  if (status === 'expired') checks.expiry = no('The credential expired on 2026-01-01.');
  if (status === 'invalid') checks.signature = no('The signature does not match the payload.');
  if (status === 'unknown-issuer') {
    checks.issuer = no('https://example.com/issuers/876543 is not an issuer of this deployment.');
    checks.signature = no('No key to check the signature with.');
    checks.revocation = no('Not checked without a valid signature.');
  }
  return {
    verified: status === 'verified',
    status: status === 'unknown-issuer' ? 'invalid' : status,
    checks,
    credentialId: CRED_URL,
    checkedAt: '2026-11-23T18:42:00.000Z',
  };
}
