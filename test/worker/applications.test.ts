import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { DEMO } from '../../demo/seed/index.js';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { api, expectProblem, formToken, getJson } from './helpers.js';
import { newStudent } from './placement-helpers.js';

const R = DEMO.riverside;
const student = (n: string) => R.students.find((s) => s.studentNumber === n)!;
const MAYA = student('100245'); // grade 11, a minor
const JORDAN = student('100312'); // grade 12, an adult
const SAM = student('100418'); // grade 10, a minor
let ip = 0;
let token = '';
before(async () => {
  token = await formToken('application');
});

/** An open opportunity a given grade may apply to. */
async function openFor(grade: number, skip: string[] = []): Promise<string> {
  const { items } = await getJson('/opportunities', { query: { open: true, grade, limit: 100, stage: 'preparation' } });
  return items.find((o: { id: string; gradeMin: number; gradeMax: number }) => !skip.includes(o.id) && o.id.startsWith('opp_riv_')).id;
}

function body(opportunityId: string, s: { studentNumber: string; accessCode: string; grade: number }, over: Record<string, unknown> = {}) {
  return {
    opportunityId,
    student: { studentNumber: s.studentNumber, accessCode: s.accessCode, preferredName: 'Test', grade: s.grade, email: 'student@example.com' },
    guardian: { name: 'Pat Guardian', email: 'guardian@example.com' },
    application: { statement: 'I would like to learn how this work is done.', availability: ['after_school'], transportation: 'public_transit' },
    consents: { accurate: true, shareWithEmployer: true, guardianAware: true },
    formToken: token,
    ...over,
  };
}

function post(payload: unknown, opts: { key?: string; client?: string; site?: string } = {}) {
  return api('/applications', {
    method: 'POST',
    key: opts.site ?? R.key,
    body: JSON.stringify(payload),
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': opts.key ?? randomUUID(), 'CF-Connecting-IP': opts.client ?? `198.18.0.${++ip}` },
  });
}

describe('applications', () => {
  it('submits an application, audits the read of the student record, and stores no access code', async () => {
    const opp = await openFor(12);
    const res = await post(body(opp, JORDAN, { guardian: undefined }));
    assert.equal(res.status, 201, await res.clone().text());
    const receipt = await res.json();
    assert.equal(receipt.status, 'submitted');
    assert.equal(receipt.alreadyApplied, false);
    assert.match(receipt.reference, /^AP-/);
    const [row] = query(process.env.WBL_PERSIST_TO, `SELECT * FROM applications WHERE id = '${receipt.id}'`);
    assert.equal(row.student_id, JORDAN.id);
    assert.equal(row.tenant_id, R.tenantId);
    assert.ok(!JSON.stringify(row).includes(JORDAN.accessCode), 'no access code stored');
    const audit = query(
      process.env.WBL_PERSIST_TO,
      `SELECT * FROM audit_log WHERE entity = 'student' AND entity_id = '${JORDAN.id}' AND action = 'application.create'`,
    );
    assert.equal(audit.length, 1);
    assert.equal(JSON.parse(audit[0].detail).applicationId, receipt.id);
    const keys = query(process.env.WBL_PERSIST_TO, `SELECT response FROM idempotency_keys WHERE response LIKE '%${receipt.id}%'`);
    assert.ok(!JSON.stringify(keys).includes(JORDAN.accessCode));
  });

  it('answers a second application to the same opportunity kindly, with the existing status', async () => {
    const opp = await openFor(11);
    const first = await (await post(body(opp, MAYA))).json();
    const again = await post(body(opp, MAYA));
    assert.equal(again.status, 200);
    const answer = await again.json();
    assert.equal(answer.alreadyApplied, true);
    assert.equal(answer.id, first.id);
    assert.equal(answer.status, 'submitted');
    assert.match(answer.next, /already applied/);
  });

  it('retries with the same key return the first answer', async () => {
    const opp = await openFor(10);
    const key = randomUUID();
    const payload = body(opp, SAM);
    const a = await (await post(payload, { key })).json();
    const res = await post(payload, { key });
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), a);
  });

  it('lets a student under 18 apply without typing a guardian: the guardian is the roster’s', async () => {
    const minor = await newStudent({ grade: 11 });
    const opp = await openFor(11);
    const res = await post(body(opp, minor, { guardian: undefined }));
    assert.equal(res.status, 201, await res.clone().text());
  });

  it('still asks a minor to confirm that their guardian knows, when the opportunity needs consent', async () => {
    const minor = await newStudent({ grade: 11 });
    const opp = await openFor(11);
    const res = await expectProblem(await post(body(opp, minor, { consents: { accurate: true, shareWithEmployer: true, guardianAware: false } })), 400);
    assert.deepEqual(
      res.errors?.map((e) => e.path),
      ['consents.guardianAware'],
    );
  });

  it('says a wrong access code and an unknown student number the same way', async () => {
    const opp = await openFor(12);
    const wrong = await expectProblem(await post(body(opp, { ...JORDAN, accessCode: 'RIVER-0000' })), 400);
    const unknown = await expectProblem(await post(body(opp, { ...JORDAN, studentNumber: '999999' })), 400);
    assert.equal(wrong.errors?.[0]?.path, 'student.accessCode');
    assert.deepEqual(wrong.errors, unknown.errors);
  });

  it('throttles repeated wrong codes, even when the right one follows', async () => {
    const opp = await openFor(12);
    const senior = await newStudent({ grade: 12 });
    const client = '198.19.0.7';
    for (let i = 0; i < 5; i++) await expectProblem(await post(body(opp, { ...senior, accessCode: `WRONG-${i}` }), { client }), 400);
    const res = await post(body(opp, senior), { client });
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
  });

  it('refuses an opportunity that is closed for applications', async () => {
    await expectProblem(await post(body(R.pastDeadlineIds[0]!, JORDAN, { guardian: undefined })), 409);
  });

  it('answers 404 for another tenant’s opportunity, and Lakeside’s students are not Riverside’s', async () => {
    const foreign = DEMO.lakeside.publishedIds.find((id) => id !== R.sharedFromLakesideId)!;
    await expectProblem(await post(body(foreign, JORDAN)), 404);
    const noah = DEMO.lakeside.students[0]!;
    const opp = await openFor(11);
    await expectProblem(await post(body(opp, noah)), 400);
  });

  it('checks the student’s grade against the opportunity', async () => {
    const { items } = await getJson('/opportunities', { query: { open: true, limit: 100 } });
    const seniorsOnly = items.find((o: { gradeMin: number; id: string }) => o.gradeMin >= 11 && o.id.startsWith('opp_riv_'));
    const res = await expectProblem(await post(body(seniorsOnly.id, SAM)), 400);
    assert.equal(res.errors?.[0]?.path, 'student.grade');
  });
});
