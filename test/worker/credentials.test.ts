/**
 * Skills badges on the real Worker and D1: achievements, issuing only from eligible evidence,
 * the credential against 1EdTech's official JSON Schema, the VC-JWT against the served JWKS with
 * a standard JOSE library (jose), tampering, revocation through the Bitstring Status List
 * (decoded here per the W3C algorithm, not with the Worker's code), no learner PII, and tenant
 * isolation. The placements are built here with SQL, so each expectation has a known reason.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { before, describe, it } from 'node:test';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT } from 'jose';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { DEMO_PORTFOLIO, demoCredentialId, demoPortfolioCredentials } from '../../demo/seed/achievements.js';
import { DEMO } from '../../demo/seed/index.js';
import { credentialIdFor } from '../../worker/lib/credentials.js';
import { requireSecret } from '../../worker/lib/issuer-keys.js';
import { api, BASE, expectProblem, tokenFor } from './helpers.js';
import { linkIn, waitForMail } from './mail.js';

const RIV = DEMO.riverside.tenantId;
const OPP = DEMO.riverside.nursingId;

/*
 * Five Riverside students, one placement each at the hospital's nursing clinical:
 * ok1 and ok2 completed with a final evaluation rating communication and professionalism ≥ 3;
 * low completed but professionalism 2; nofinal completed with a midpoint only; active still active
 * (with a final evaluation that would qualify). ok1 chose to show their name on badges.
 */
const S = {
  ok1: {
    id: 'stu_ct_ok1',
    number: 'CT-900001',
    name: 'Zephyrine Quillfeather',
    email: 'zephyrine.q@student.riverside.example',
    guardian: 'guardian.quill@example.net',
    show: 1,
  },
  ok2: { id: 'stu_ct_ok2', number: 'CT-900002', name: 'Bartholomew Inkwright', email: null, guardian: 'guardian.ink@example.net', show: 0 },
  low: { id: 'stu_ct_low', number: 'CT-900003', name: 'Low Rated', email: null, guardian: null, show: 0 },
  nofinal: { id: 'stu_ct_nofinal', number: 'CT-900004', name: 'No Final', email: null, guardian: null, show: 0 },
  active: { id: 'stu_ct_active', number: 'CT-900005', name: 'Still Active', email: null, guardian: null, show: 0 },
};
const APP = { ok1: 'app_ct_ok1', ok2: 'app_ct_ok2', low: 'app_ct_low', nofinal: 'app_ct_nofinal', active: 'app_ct_active' };
const good = JSON.stringify([
  { skill: 'communication', level: 4, comment: 'Calm and clear with patients' },
  { skill: 'professionalism', level: 3 },
  { skill: 'adaptability', level: 2 },
]);
const weak = JSON.stringify([
  { skill: 'communication', level: 3 },
  { skill: 'professionalism', level: 2 },
]);

const SETUP = `
INSERT INTO students (id, tenant_id, school_id, student_number, preferred_name, grade, email, guardian_name, guardian_email, show_name_on_badges) VALUES
${Object.values(S)
  .map(
    (s) =>
      `('${s.id}', '${RIV}', '${DEMO.riverside.schoolId}', '${s.number}', '${s.name}', 12, ${s.email ? `'${s.email}'` : 'NULL'}, ${s.guardian ? "'Pat Guardian'" : 'NULL'}, ${s.guardian ? `'${s.guardian}'` : 'NULL'}, ${s.show})`,
  )
  .join(',\n')};
INSERT INTO applications (id, tenant_id, reference, student_id, opportunity_id, status, started_on, completed_on) VALUES
  ('${APP.ok1}', '${RIV}', 'CT-OK1', '${S.ok1.id}', '${OPP}', 'completed', '2026-01-10', '2026-04-30'),
  ('${APP.ok2}', '${RIV}', 'CT-OK2', '${S.ok2.id}', '${OPP}', 'completed', '2026-01-10', '2026-04-30'),
  ('${APP.low}', '${RIV}', 'CT-LOW', '${S.low.id}', '${OPP}', 'completed', '2026-01-10', '2026-04-30'),
  ('${APP.nofinal}', '${RIV}', 'CT-NOF', '${S.nofinal.id}', '${OPP}', 'completed', '2026-01-10', '2026-04-30'),
  ('${APP.active}', '${RIV}', 'CT-ACT', '${S.active.id}', '${OPP}', 'active', '2026-01-10', NULL);
INSERT INTO evaluations (id, tenant_id, application_id, phase, ratings) VALUES
  ('eval_ct_ok1', '${RIV}', '${APP.ok1}', 'final', '${good}'),
  ('eval_ct_ok2', '${RIV}', '${APP.ok2}', 'final', '${good}'),
  ('eval_ct_low', '${RIV}', '${APP.low}', 'final', '${weak}'),
  ('eval_ct_nofinal', '${RIV}', '${APP.nofinal}', 'midpoint', '${good}'),
  ('eval_ct_active', '${RIV}', '${APP.active}', 'final', '${good}');
INSERT INTO hour_logs (id, tenant_id, application_id, worked_on, hours, activity, logged_by, approved_at) VALUES
  ('hrs_ct_1', '${RIV}', '${APP.ok1}', '2026-02-01', 118, 'Clinical shifts', 'supervisor', '2026-02-02'),
  ('hrs_ct_2', '${RIV}', '${APP.ok1}', '2026-03-01', 2, 'Orientation', 'supervisor', '2026-03-02'),
  ('hrs_ct_3', '${RIV}', '${APP.ok1}', '2026-03-05', 9, 'Not yet approved', 'student', NULL);
`;

let riverside = '';
let lakeside = '';
let viewer = '';
let achievementId = '';
const auth = (token: string) => ({ key: null, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
const post = (path: string, body: unknown, token = riverside) => api(path, { ...auth(token), method: 'POST', body: JSON.stringify(body) });
const issue = (applicationIds: string[], token = riverside, achievement = achievementId) =>
  post('/admin/credentials', { achievementId: achievement, applicationIds }, token);
const verify = (body: unknown) =>
  api('/credentials/verify', { key: null, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/**
 * 1EdTech's official JSON Schema, vendored (see test/fixtures/README.md for where it came from):
 * the `AchievementCredential` definition of the published OB 3.0 response schema, and the
 * purl `ob_v3p0_achievementcredential_schema.json` itself when it is present beside it.
 */
const FIXTURES = new URL('../fixtures/', import.meta.url);
function officialValidators() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  const response = JSON.parse(readFileSync(new URL('ob_v3p0_getopenbadgecredentialsresponse_schema.json', FIXTURES), 'utf8'));
  ajv.addSchema(response);
  const credential = ajv.getSchema(`${response.$id}#/$defs/AchievementCredential`)!;
  const standalone = existsSync(new URL('ob_v3p0_achievementcredential_schema.json', FIXTURES))
    ? ajv.compile(JSON.parse(readFileSync(new URL('ob_v3p0_achievementcredential_schema.json', FIXTURES), 'utf8')))
    : null;
  return { credential, response: ajv.getSchema(response.$id)!, standalone };
}

/** Reads bit `index` of a W3C Bitstring Status List credential, per the spec's algorithm. */
function statusBit(encodedList: string, index: number): boolean {
  assert.match(encodedList, /^u[A-Za-z0-9_-]+$/, 'multibase base64url, no padding');
  const bitstring = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  assert.ok(bitstring.length * 8 >= 131_072, 'at least 131 072 entries (16 KB)');
  return (bitstring[Math.floor(index / 8)]! & (1 << (7 - (index % 8)))) !== 0;
}

before(async () => {
  if (!query(process.env.WBL_PERSIST_TO, `SELECT id FROM students WHERE id = '${S.ok1.id}'`).length) query(process.env.WBL_PERSIST_TO, SETUP);
  [riverside, lakeside, viewer] = await Promise.all([
    tokenFor('coordinator@riverside.example'),
    tokenFor('coordinator@lakeside.example'),
    tokenFor('viewer@riverside.example'),
  ]);
  const res = await post('/admin/achievements', {
    name: 'Bedside Manner <Test> & “Care”',
    description: 'Communicates with patients with care.',
    criteria: 'Final evaluation rates communication and professionalism 3 or more.',
    achievementType: 'Competency',
    skills: ['communication', 'professionalism'],
    cluster: 'healthcare_human_services',
    onetSoc: '31-1131.00',
    onetTitle: 'Nursing Assistants',
  });
  assert.equal(res.status, 201, await res.clone().text());
  achievementId = ((await res.json()) as { id: string }).id;
});

describe('achievements', () => {
  it('are defined per tenant with aligned skills, and listed only to their own tenant', async () => {
    const mine = (await (await api('/admin/achievements', auth(riverside))).json()) as { items: { id: string; skills: string[]; imageUrl: string }[] };
    const a = mine.items.find((x) => x.id === achievementId)!;
    assert.deepEqual(a.skills, ['communication', 'professionalism']);
    assert.match(a.imageUrl, new RegExp(`/api/v1/achievements/${achievementId}/image\\.svg$`));
    assert.ok(
      mine.items.some((x) => x.id === 'ach_riv_patient_care_communication'),
      'the seeded achievements are there',
    );
    const theirs = (await (await api('/admin/achievements', auth(lakeside))).json()) as { items: { id: string }[] };
    assert.ok(!theirs.items.some((x) => x.id === achievementId));
    await expectProblem(await api(`/admin/achievements/${achievementId}`, auth(lakeside)), 404);
    await expectProblem(await api('/admin/achievements', auth(viewer)), 403);
  });

  it('refuse an achievement without an aligned skill, with a field error', async () => {
    const p = await expectProblem(await post('/admin/achievements', { name: 'X', description: 'Y', criteria: 'Z', achievementType: 'Badge', skills: [] }), 400);
    assert.ok(p.errors!.some((e) => e.path === 'skills'));
    const q = await expectProblem(
      await post('/admin/achievements', { name: 'X', description: 'Y', criteria: 'Z', achievementType: 'Trophy', skills: ['communication'] }),
      400,
    );
    assert.ok(q.errors!.some((e) => e.path === 'achievementType'));
  });

  it('are edited and deleted, but one that students earned stays (409)', async () => {
    const { AchievementInput, AchievementPatch } = await import('../../schema/api/admin/achievements.js');
    const example = (await import('zod/mini')).globalRegistry.get(AchievementInput)?.example;
    const created = await post('/admin/achievements', example);
    assert.equal(created.status, 201, 'the documented example is accepted');
    const { id } = (await created.json()) as { id: string };
    const patchExample = (await import('zod/mini')).globalRegistry.get(AchievementPatch)?.example;
    const patched = await api(`/admin/achievements/${id}`, {
      ...auth(riverside),
      method: 'PATCH',
      body: JSON.stringify({ ...(patchExample as object), image: 'https://riverside-usd.example/badges/care.png' }),
    });
    assert.equal(patched.status, 200, await patched.clone().text());
    const p = (await patched.json()) as { image: string; imageUrl: string; criteria: string };
    assert.equal(p.imageUrl, 'https://riverside-usd.example/badges/care.png');
    assert.match(p.criteria, /Collaboration/);
    await expectProblem(
      await api(`/admin/achievements/${id}`, { ...auth(riverside), method: 'PATCH', body: JSON.stringify({ image: 'javascript:alert(1)' }) }),
      400,
    );
    await expectProblem(await api(`/admin/achievements/${id}`, { ...auth(lakeside), method: 'DELETE' }), 404);
    assert.equal((await api(`/admin/achievements/${id}`, { ...auth(riverside), method: 'DELETE' })).status, 204);
    await expectProblem(await api('/admin/achievements/ach_riv_patient_care_communication', { ...auth(riverside), method: 'DELETE' }), 409);
  });

  it('get a generated SVG image with the name escaped, publicly and cacheably', async () => {
    const res = await api(`/achievements/${achievementId}/image.svg`, { key: null });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.ok(res.headers.get('etag'));
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const svg = await res.text();
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes('&lt;Test&gt;') && svg.includes('&amp;'), 'text is escaped');
    assert.ok(!svg.includes('<Test>'));
    assert.ok(svg.includes('Riverside Unified School District'));
  });
});

describe('issuing', () => {
  it('refuses a placement that is not completed, one without a final evaluation, and one with an aligned skill below 3', async () => {
    const notDone = await expectProblem(await issue([APP.active]), 422);
    assert.match(notDone.detail!, /not completed/);
    assert.equal(notDone.errors![0]!.code, 'not_completed');
    const noFinal = await expectProblem(await issue([APP.nofinal]), 422);
    assert.equal(noFinal.errors![0]!.code, 'no_final_evaluation');
    const low = await expectProblem(await issue([APP.low]), 422);
    assert.equal(low.errors![0]!.code, 'skill_below_level');
    assert.match(low.detail!, /Professionalism 2/);
    const rows = query(
      process.env.WBL_PERSIST_TO,
      `SELECT count(*) AS n FROM credentials WHERE application_id IN ('${APP.active}', '${APP.nofinal}', '${APP.low}')`,
    );
    assert.equal(rows[0].n, 0, 'nothing was issued');
  });

  it('issues in a batch with a reason for each refused placement, and a retry makes no second credential', async () => {
    const res = await issue([APP.ok1, APP.low, APP.ok2, 'app_ct_nope']);
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as {
      issued: number;
      refused: number;
      items: { applicationId: string; outcome: string; credentialId: string | null; code: string | null; reason: string | null }[];
    };
    assert.deepEqual(
      body.items.map((i) => i.outcome),
      ['issued', 'refused', 'issued', 'refused'],
    );
    assert.deepEqual(
      body.items.map((i) => i.code),
      [null, 'skill_below_level', null, 'not_found'],
    );
    assert.ok(body.items[1]!.reason);
    assert.equal(body.items[0]!.credentialId, await credentialIdFor(achievementId, APP.ok1), 'ids are derived from achievement and placement');
    assert.equal(body.items[0]!.credentialId, demoCredentialId(achievementId, APP.ok1), 'the seed computes the same ids');

    // The student hears of it, with the link to the badge's public page; one without an address is written to by no one.
    const [told] = await waitForMail(S.ok1.email, { match: (m) => /^You earned a badge/.test(m.mail.subject ?? '') });
    const page = linkIn(told!, `${BASE}/api/v1/credentials/`);
    assert.equal(new URL(page).pathname, `/api/v1/credentials/${body.items[0]!.credentialId}`);
    const html = await fetch(page, { headers: { Accept: 'text/html' } });
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    const badgeRows = query(
      process.env.WBL_PERSIST_TO,
      `SELECT related_id FROM outbox WHERE kind = 'badge.issued' AND related_id IN ('${APP.ok1}', '${APP.ok2}')`,
    );
    assert.deepEqual(
      badgeRows.map((r: { related_id: string }) => r.related_id),
      [APP.ok1],
    );

    const again = (await (await issue([APP.ok1, APP.ok2])).json()) as typeof body;
    assert.deepEqual(
      again.items.map((i) => i.outcome),
      ['already_issued', 'already_issued'],
    );
    assert.equal(again.items[0]!.credentialId, body.items[0]!.credentialId);
    const [{ n }] = query(process.env.WBL_PERSIST_TO, `SELECT count(*) AS n FROM credentials WHERE achievement_id = '${achievementId}'`);
    assert.equal(n, 2);
    const [{ indexes }] = query(process.env.WBL_PERSIST_TO, `SELECT count(DISTINCT status_list_index) AS indexes FROM credentials WHERE tenant_id = '${RIV}'`);
    const [{ all }] = query(process.env.WBL_PERSIST_TO, `SELECT count(*) AS "all" FROM credentials WHERE tenant_id = '${RIV}'`);
    assert.equal(indexes, all, 'each credential has its own status-list index');
  });

  it('keeps tenants apart: Lakeside cannot issue for a Riverside placement or achievement', async () => {
    await expectProblem(await issue([APP.ok1], lakeside), 404);
    await expectProblem(await issue([APP.ok1], lakeside, 'ach_lak_workplace_collaboration'), 404);
    const batch = (await (await issue([APP.ok1, APP.ok2], lakeside, 'ach_lak_workplace_collaboration')).json()) as { items: { code: string }[] };
    assert.deepEqual(
      batch.items.map((i) => i.code),
      ['not_found', 'not_found'],
    );
    await expectProblem(await post(`/admin/credentials/${await credentialIdFor(achievementId, APP.ok2)}/revoke`, { reason: 'x' }, lakeside), 404);
    const list = (await (await api('/admin/credentials', auth(lakeside))).json()) as { items: { id: string }[] };
    assert.ok(!list.items.some((c) => c.id === demoCredentialId(achievementId, APP.ok1)));
  });
});

describe('the credential', () => {
  let id = '';
  let answer: { credential: Record<string, any>; jwt: string; display: Record<string, any> };
  before(async () => {
    id = await credentialIdFor(achievementId, APP.ok1);
    const res = await api(`/credentials/${id}`, { key: null });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.ok(res.headers.get('etag'));
    answer = (await res.json()) as typeof answer;
  });

  it('is an OpenBadgeCredential that passes 1EdTech’s official JSON Schema', () => {
    const c = answer.credential;
    assert.deepEqual(c['@context'], ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    assert.deepEqual(c.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.equal(c.id, `${BASE}/api/v1/credentials/${id}`);
    assert.equal(c.issuer.id, `${BASE}/api/v1/issuers/${RIV}`);
    assert.deepEqual(c.credentialSubject.type, ['AchievementSubject']);
    assert.match(c.credentialSubject.identifier[0].identityHash, /^sha256\$[0-9a-f]{64}$/);
    const official = officialValidators();
    assert.ok(official.credential(c), JSON.stringify(official.credential.errors, null, 2));
    if (official.standalone) assert.ok(official.standalone(c), JSON.stringify(official.standalone.errors, null, 2));
    // As OB 3.0's API would return it: the JSON and the VC-JWT.
    assert.ok(official.response({ credential: [c], compactJwsString: [answer.jwt] }), JSON.stringify(official.response.errors, null, 2));
    // The schema must be able to fail: without validFrom, or with the learner identified by a bare object, it does not pass.
    const { validFrom: _drop, ...broken } = c;
    assert.equal(official.credential(broken), false);
    const badSubject = structuredClone(c);
    badSubject.credentialSubject.identifier[0].email = 'x@example.org';
    assert.equal(official.credential(badSubject), false, 'IdentityObject allows no extra properties');
  });

  it('records the rubric level of each aligned skill and the placement as evidence', () => {
    const results = answer.credential.credentialSubject.result as { resultDescription: string; achievedLevel: string }[];
    const rubric = answer.credential.credentialSubject.achievement.resultDescription as {
      id: string;
      name: string;
      rubricCriterionLevel: { id: string; level: string }[];
    }[];
    const levels = Object.fromEntries(
      results.map((r) => {
        const d = rubric.find((x) => x.id === r.resultDescription)!;
        return [d.name, d.rubricCriterionLevel.find((l) => l.id === r.achievedLevel)!.level];
      }),
    );
    assert.deepEqual(levels, { Communication: '4', Professionalism: '3' });
    assert.deepEqual(
      answer.display.skills.map((s: any) => [s.code, s.level]),
      [
        ['communication', 4],
        ['professionalism', 3],
      ],
    );
    assert.equal(
      answer.credential.evidence[0].description,
      '120 supervised hours at Arroyo Valley Medical Center, final evaluation by the workplace supervisor.',
    );
    const onet = answer.credential.credentialSubject.achievement.alignment.find((a: any) => a.targetCode === '31-1131.00');
    assert.equal(onet.targetUrl, 'https://www.onetonline.org/link/summary/31-1131.00');
  });

  it('never carries the learner’s name, number, email or guardian in plain text', async () => {
    const jwtText = await (await api(`/credentials/${id}`, { key: null, query: { format: 'jwt' } })).text();
    const payload = Buffer.from(jwtText.split('.')[1]!, 'base64url').toString('utf8');
    for (const text of [JSON.stringify(answer.credential), payload]) {
      for (const secret of [S.ok1.name, 'Zephyrine', S.ok1.number, S.ok1.email!, S.ok1.guardian!, 'Pat Guardian', S.ok1.id]) {
        assert.ok(!text.includes(secret), `the credential must not contain ${secret}`);
      }
    }
    // The hash identifies the learner to someone who already knows their email, and to no one else.
    const ident = answer.credential.credentialSubject.identifier[0];
    assert.equal(ident.identityType, 'emailAddress');
    assert.equal(
      ident.identityHash,
      `sha256$${createHash('sha256')
        .update(S.ok1.email! + ident.salt)
        .digest('hex')}`,
    );
    // The student chose to show their name: it is beside the credential, not inside it.
    assert.equal(answer.display.learnerName, S.ok1.name);
    const other = (await (await api(`/credentials/${await credentialIdFor(achievementId, APP.ok2)}`, { key: null })).json()) as typeof answer;
    assert.equal(other.display.learnerName, null, 'no name unless the student opted in');
    assert.equal(other.credential.credentialSubject.identifier[0].identityType, 'identifier');
  });

  it('is a VC-JWT that verifies with jose against the issuer’s served JWKS', async () => {
    const jwtRes = await api(`/credentials/${id}`, { key: null, query: { format: 'jwt' } });
    assert.match(jwtRes.headers.get('content-type') ?? '', /^application\/jwt/);
    const jwt = await jwtRes.text();
    assert.equal(jwt, answer.jwt);
    const header = decodeProtectedHeader(jwt);
    assert.equal(header.alg, 'EdDSA');
    assert.equal(header.typ, 'JWT');
    const jwks = createRemoteJWKSet(new URL(`${answer.credential.issuer.id}/jwks`));
    const { payload } = await jwtVerify(jwt, jwks, { issuer: answer.credential.issuer.id, algorithms: ['EdDSA'] });
    assert.equal(payload.jti, answer.credential.id);
    assert.equal(payload.nbf, Math.floor(Date.parse(answer.credential.validFrom) / 1000));
    assert.equal(payload.sub, undefined, 'sub is credentialSubject.id, and ours has none');
    assert.deepEqual((payload as any).credentialSubject, answer.credential.credentialSubject);
  });

  it('verifies through the API as a JWT and as JSON', async () => {
    const byJwt = (await (await verify({ jwt: answer.jwt })).json()) as any;
    assert.equal(byJwt.status, 'verified', JSON.stringify(byJwt));
    assert.equal(byJwt.verified, true);
    for (const check of ['signature', 'expiry', 'revocation', 'issuer']) assert.equal(byJwt.checks[check].ok, true, check);
    const byJson = (await (await verify({ credential: answer.credential })).json()) as any;
    assert.equal(byJson.status, 'verified', JSON.stringify(byJson));
    // Any page may ask, as a browser would: a preflight from a foreign origin is answered with `*`.
    const preflight = await api('/credentials/verify', {
      key: null,
      method: 'OPTIONS',
      headers: { Origin: 'https://portfolio.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Content-Type/i);
    const res = await verify({ jwt: answer.jwt });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  it('detects tampering and forgery, answering verified: false rather than an error', async () => {
    const [h, p, s] = answer.jwt.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    payload.credentialSubject.result[1].achievedLevel = payload.credentialSubject.result[0].achievedLevel;
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    // One changed character of the payload, too.
    const flipped = `${h}.${p.slice(0, 40)}${p[40] === 'A' ? 'B' : 'A'}${p.slice(41)}.${s}`;
    for (const jwt of [tampered, flipped]) {
      const res = await verify({ jwt });
      assert.equal(res.status, 200);
      const r = (await res.json()) as any;
      assert.equal(r.verified, false);
      assert.equal(r.status, 'invalid');
      assert.equal(r.checks.signature.ok, false);
    }
    // Re-signed with another key under the issuer's kid: a forgery.
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT(payload).setProtectedHeader(decodeProtectedHeader(answer.jwt) as any).sign(privateKey);
    const f = (await (await verify({ jwt: forged })).json()) as any;
    assert.deepEqual([f.verified, f.status, f.checks.signature.ok], [false, 'invalid', false]);
    // Its own key published by a foreign issuer is no better.
    const foreign = {
      ...payload,
      issuer: { ...payload.issuer, id: 'https://evil.example/api/v1/issuers/ten_riverside' },
      iss: 'https://evil.example/api/v1/issuers/ten_riverside',
    };
    const g = (await (await verify({ jwt: await new SignJWT(foreign).setProtectedHeader({ alg: 'EdDSA', kid: 'k' }).sign(privateKey) })).json()) as any;
    assert.deepEqual([g.verified, g.status, g.checks.issuer.ok], [false, 'invalid', false]);
    // A changed JSON credential.
    const changed = structuredClone(answer.credential);
    changed.name = 'Chief of Surgery';
    const j = (await (await verify({ credential: changed })).json()) as any;
    assert.deepEqual([j.verified, j.status], [false, 'invalid']);
    // Garbage is an answer too.
    for (const body of [{ jwt: 'not.a.jwt' }, { jwt: 'a.b.c' }, { jwt: 'x' }, { credential: { hello: 'world' } }]) {
      const res = await verify(body);
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.equal(((await res.json()) as any).status, 'invalid');
    }
    // …but a malformed request is a 400 problem.
    await expectProblem(await verify({ token: 'x' }), 400);
    await expectProblem(await verify({ jwt: 42 }), 400);
  });

  it('reports revocation through the Bitstring Status List once revoked', async () => {
    const index = Number(answer.credential.credentialStatus.statusListIndex);
    const listUrl = answer.credential.credentialStatus.statusListCredential;
    assert.equal(listUrl, `${BASE}/api/v1/issuers/${RIV}/status/revocation`);
    const before = (await (await fetch(listUrl)).json()) as any;
    assert.deepEqual(before.type, ['VerifiableCredential', 'BitstringStatusListCredential']);
    assert.equal(before.credentialSubject.statusPurpose, 'revocation');
    assert.equal(statusBit(before.credentialSubject.encodedList, index), false);

    const res = await post(`/admin/credentials/${id}/revoke`, { reason: 'Issued to the wrong placement' });
    assert.equal(res.status, 200, await res.clone().text());
    const after = (await (await fetch(listUrl)).json()) as any;
    assert.equal(statusBit(after.credentialSubject.encodedList, index), true);
    const otherIndex = Number(
      ((await (await api(`/credentials/${await credentialIdFor(achievementId, APP.ok2)}`, { key: null })).json()) as any).credential.credentialStatus
        .statusListIndex,
    );
    assert.equal(statusBit(after.credentialSubject.encodedList, otherIndex), false, 'only its own bit');

    const r = (await (await verify({ jwt: answer.jwt })).json()) as any;
    assert.deepEqual([r.verified, r.status, r.checks.revocation.ok, r.checks.signature.ok], [false, 'revoked', false, true]);
    const shown = (await (await api(`/credentials/${id}`, { key: null })).json()) as any;
    assert.equal(shown.display.revoked, true);
    const listed = (await (await api('/admin/credentials', { ...auth(riverside), query: { status: 'revoked' } })).json()) as any;
    assert.ok(listed.items.some((c: any) => c.id === id && c.revocationReason === 'Issued to the wrong placement'));
  });
});

describe('issuers', () => {
  it('serve the issuer profile and its public keys, without private parts', async () => {
    const res = await api(`/issuers/${RIV}`, { key: null });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const profile = (await res.json()) as any;
    assert.equal(profile.id, `${BASE}/api/v1/issuers/${RIV}`);
    assert.deepEqual(profile.type, ['Profile']);
    assert.equal(profile.name, 'Riverside Unified School District');
    const jwks = (await (await api(`/issuers/${RIV}/jwks`, { key: null })).json()) as any;
    assert.ok(jwks.keys.length >= 1);
    for (const k of jwks.keys) {
      assert.deepEqual(Object.keys(k).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
      assert.equal(k.d, undefined);
    }
    // The local JWK set verifies the same, offline.
    const { payload } = await jwtVerify(
      ((await (await api(`/credentials/${await credentialIdFor(achievementId, APP.ok2)}`, { key: null })).json()) as any).jwt,
      createLocalJWKSet(jwks),
    );
    assert.equal(payload.iss, profile.id);
    await expectProblem(await api('/issuers/ten_nowhere', { key: null }), 404);
  });

  it('keep each tenant’s key to itself: a Riverside kid does not verify as Lakeside', async () => {
    const jwt = ((await (await api(`/credentials/${await credentialIdFor(achievementId, APP.ok2)}`, { key: null })).json()) as any).jwt as string;
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
    const lak = `${BASE}/api/v1/issuers/${DEMO.lakeside.tenantId}`;
    const moved = { ...payload, iss: lak, issuer: { ...payload.issuer, id: lak } };
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const r = (await (await verify({ jwt: await new SignJWT(moved).setProtectedHeader(decodeProtectedHeader(jwt) as any).sign(privateKey) })).json()) as any;
    assert.deepEqual([r.verified, r.status, r.checks.signature.ok], [false, 'invalid', false]);
  });
});

describe('the demo portfolio', () => {
  it('has three badges issued through the API by the seed script, one of them revoked', async () => {
    const expected = demoPortfolioCredentials(DEMO.riverside.placements.completed);
    assert.equal(expected.length, 3);
    for (const c of expected) {
      const res = await api(`/credentials/${c.id}`, { key: null });
      assert.equal(res.status, 200, `${c.id}: ${await res.clone().text()}`);
      const body = (await res.json()) as any;
      assert.equal(body.display.learnerName, 'Sofia', 'Sofia chose to show her name');
      const r = (await (await verify({ jwt: body.jwt })).json()) as any;
      assert.equal(r.status, c.revoked ? 'revoked' : 'verified', `${c.achievementId}: ${JSON.stringify(r.checks)}`);
    }
    assert.equal(expected.filter((c) => c.revoked).length, 1);
    assert.equal(expected.find((c) => c.revoked)!.achievementId, DEMO_PORTFOLIO.revoked);
  });
});

describe('signing configuration', () => {
  it('answers a clear 503 problem, not a 500, when ISSUER_KEY_SECRET is missing', () => {
    for (const secret of [undefined, '', 'too-short']) {
      assert.throws(
        () => requireSecret(secret),
        (e: any) => e.status === 503 && /ISSUER_KEY_SECRET/.test(e.detail),
      );
    }
    assert.equal(requireSecret('a-long-enough-local-secret'), 'a-long-enough-local-secret');
  });
});
