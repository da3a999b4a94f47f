/**
 * Issue 10 (trust), the public student application route: the fill time is measured by the
 * server's form token, junk never uses up a budget, wrong access codes are throttled per student
 * number and (much more loosely) per client, counted before they are checked, the guardian of a
 * minor is the roster's, typed addresses are sent only a few messages a day, and the OpenAPI
 * example works for nobody.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { DEMO, sqlValue } from '../../demo/seed/index.js';
import { LAKESIDE_STUDENTS, RIVERSIDE_STUDENTS } from '../../demo/seed/data.js';
import { ApplicationRequest } from '../../schema/api/applications.js';
// @ts-expect-error: a plain ES module without types
import { wrangler } from '../../scripts/lib/d1.mjs';
import { MESSAGES_PER_ADDRESS_PER_DAY } from '../../worker/lib/rate-limit.js';
import { COORDINATOR, write } from './admin-helpers.js';
import { api, expectProblem, formToken, getJson } from './helpers.js';
import { ARROYO, newStudent, type TestStudent, THIS_YEAR } from './placement-helpers.js';

const R = DEMO.riverside;
const RUN = randomUUID().replace(/-/g, '').slice(0, 10);
/** Each query starts wrangler, which is slow: a test asks all it needs in one go. */
function sql(...statements: string[]): any[][] {
  const out: string = wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', process.env.WBL_PERSIST_TO, '--json', '--command', statements.join(';\n')], {
    quiet: true,
    retries: 5,
  });
  return JSON.parse(out.slice(out.indexOf('['))).map((r: { results?: any[] }) => r?.results ?? []);
}
const one = (statement: string): any[] => sql(statement)[0]!;
const example = (z.globalRegistry.get(ApplicationRequest) as { example: Record<string, any> }).example;
/** Open for grades 11–12 at the demo's hospital. */
const OPP = ARROYO.cna;

/** Client addresses in 100.64.0.0/10, fresh per run, so each test's per-client budgets are its own. */
let ip = Math.floor(Math.random() * 60_000);
const nextClient = () => {
  ip += 1;
  return `100.${64 + ((ip >> 16) & 63)}.${(ip >> 8) & 255}.${ip & 255}`;
};

let token = '';
before(async () => {
  token = await formToken('application');
});

/** A token fetched just now: signed and valid, but too young to be accepted. */
const freshToken = async (form = 'application', key: string = R.key) => (await getJson<{ token: string }>(`/forms/${form}/token`, { key })).token;

/** The same token with an older opening time written into it and the old MAC kept. */
function forged(t: string): string {
  const [v, payload, tag] = t.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  return `${v}.${Buffer.from(JSON.stringify({ ...claims, t: claims.t - 3_600_000 })).toString('base64url')}.${tag}`;
}

let mailbox = 0;
/** A typed address nobody else in this run uses. */
const typedAddress = (who = 'student') => `${who}.${RUN}.${++mailbox}@example.net`;

function application(s: Pick<TestStudent, 'studentNumber' | 'accessCode' | 'grade'>, over: Record<string, unknown> = {}, email = typedAddress()) {
  return {
    opportunityId: OPP,
    student: { studentNumber: s.studentNumber, accessCode: s.accessCode, preferredName: 'Typed Name', grade: s.grade, email },
    application: { statement: 'I want to see how a hospital team works.', availability: ['after_school'], transportation: 'public_transit' },
    consents: { accurate: true, shareWithEmployer: true, guardianAware: true },
    formToken: token,
    ...over,
  };
}

function post(payload: unknown, opts: { key?: string; client?: string } = {}) {
  return api('/applications', {
    method: 'POST',
    key: R.key,
    body: JSON.stringify(payload),
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': opts.key ?? randomUUID(), 'CF-Connecting-IP': opts.client ?? nextClient() },
  });
}

const applicationsOf = (studentId: string) => `SELECT * FROM applications WHERE student_id = ${sqlValue(studentId)}`;
/** The messages about one application that went to the student's roster guardian (test students' guardian addresses may repeat across files). */
const rosterGuardianTold = (studentId: string, applicationId: string) =>
  `SELECT o.* FROM outbox o JOIN students s ON o.recipient = s.guardian_email WHERE s.id = ${sqlValue(studentId)} AND o.related_id = ${sqlValue(applicationId)}`;
const outboxTo = (address: string) => `SELECT * FROM outbox WHERE lower(recipient) = ${sqlValue(address.toLowerCase())}`;

/** Sends in parallel batches (all at once would only queue behind workerd's connection limit). */
async function inBatches<T>(n: number, size: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, j) => send(i + j)))));
  return out;
}

describe('the application form’s token', () => {
  it('accepts a token issued long enough ago, for this site and this form', async () => {
    const s = await newStudent({ grade: 11 });
    const res = await post(application(s));
    assert.equal(res.status, 201, await res.clone().text());
    assert.equal(one(applicationsOf(s.id)).length, 1);
  });

  it('stores and sends nothing without a valid token: missing, forged, another site’s, the host-offer form’s, or too young', async () => {
    const s = await newStudent({ grade: 11 });
    const { formToken: _omit, ...missing } = application(s);
    const [lakeside, district, hostOffer] = await Promise.all([
      formToken('application', DEMO.lakeside.key),
      formToken('application', R.districtKey),
      formToken('host-offer'),
    ]);
    // The young token first, so it is still within its 3 s when it arrives.
    const cases: [string, unknown, string][] = [
      ['too young', application(s, { formToken: await freshToken() }), 'too_fast'],
      ['missing', missing, 'formToken'],
      ['forged', application(s, { formToken: forged(token) }), 'form_token_invalid'],
      ['another tenant’s site’s', application(s, { formToken: lakeside }), 'form_token_invalid'],
      ['the district site’s', application(s, { formToken: district }), 'form_token_invalid'],
      ['the host-offer form’s', application(s, { formToken: hostOffer }), 'form_token_invalid'],
    ];
    for (const [name, payload, expected] of cases) {
      const problem = await expectProblem(await post(payload), 400);
      assert.equal(problem.errors?.[0]?.path, 'formToken', name);
      if (expected !== 'formToken') assert.equal(problem.errors?.[0]?.code, expected, name);
    }
    const [stored, ...sent] = sql(applicationsOf(s.id), ...cases.map(([, p]) => outboxTo((p as { student: { email: string } }).student.email)));
    assert.equal(stored!.length, 0, 'nothing stored');
    for (const [i, rows] of sent.entries()) assert.equal(rows.length, 0, `${cases[i]![0]}: nothing sent`);
  });

  it('answers a filled honeypot as if all went well, and keeps and sends nothing', async () => {
    const s = await newStudent({ grade: 11 });
    const payload = application(s, { nickname: 'bot' });
    const res = await post(payload);
    assert.equal(res.status, 201);
    const [stored, sent] = sql(applicationsOf(s.id), outboxTo(payload.student.email));
    assert.equal(stored!.length, 0);
    assert.equal(sent!.length, 0);
  });

  it('replays the first answer to a retry that carries a fresh token', async () => {
    const s = await newStudent({ grade: 11 });
    const key = randomUUID();
    const payload = application(s);
    const first = await post(payload, { key });
    assert.equal(first.status, 201, await first.clone().text());
    // After a reload the widget holds a new token, too young to be accepted on its own.
    const retry = await post({ ...payload, formToken: await freshToken() }, { key });
    assert.equal(retry.status, 201, await retry.clone().text());
    assert.deepEqual(await retry.json(), await first.json());
    assert.equal(one(applicationsOf(s.id)).length, 1);
  });
});

describe('junk that fails the token checks', () => {
  it('uses up neither the client’s submission budget nor the student number’s access-code tries', async () => {
    const s = await newStudent({ grade: 11 });
    const client = nextClient();
    const wrong = { ...s, accessCode: 'WRONG-CODE' };
    const hostOffer = await formToken('host-offer');
    const { formToken: _omit, ...missing } = application(wrong);
    const junk = (young: string) => [
      application(wrong, { formToken: forged(token) }),
      application(wrong, { formToken: young }),
      application(wrong, { formToken: hostOffer }),
      application(wrong, { nickname: 'bot' }),
    ];
    // More junk that reaches the route than the client's 200 submissions per ten minutes, and far
    // more than five tries; each batch gets its own just-fetched token, still too young when it arrives.
    const answers: Response[] = [await post(missing, { client })];
    for (let batch = 0; batch < 12; batch++) {
      const kinds = junk(await freshToken());
      answers.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => post(kinds[i % kinds.length], { client })))));
    }
    assert.ok(
      answers.every((r) => r.status === 400 || r.status === 201),
      `junk is refused, not throttled: ${[...new Set(answers.map((r) => r.status))]}`,
    );
    const real = await post(application(s), { client });
    assert.equal(real.status, 201, await real.clone().text());
  });
});

describe('wrong access codes', () => {
  it('lock one student number after five wrong tries, and another student on the same Wi-Fi still applies', async () => {
    const [mistyper, classmate] = [await newStudent({ grade: 11 }), await newStudent({ grade: 12 })];
    const client = nextClient();
    for (let i = 0; i < 5; i++) {
      const p = await expectProblem(await post(application({ ...mistyper, accessCode: `WRONG-${i}` }), { client }), 400);
      assert.equal(p.errors?.[0]?.code, 'access_denied');
    }
    const locked = await post(application(mistyper), { client });
    const problem = await expectProblem(locked, 429);
    assert.match(problem.title, /this student number/);
    assert.deepEqual(
      problem.errors?.map((e) => [e.path, e.code]),
      [['student.studentNumber', 'too_many_tries_student_number']],
      'a code the form can say in Spanish too',
    );
    assert.match(problem.detail ?? '', /Wait \d+ minutes? and try again; if you don’t have the right code, ask your Career Center for a new access code/);
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    const other = await post(application(classmate), { client });
    assert.equal(other.status, 201, await other.clone().text());
  });

  it('are forgiven when the Career Center gives the student a new code, as the message tells them to ask for', async () => {
    const s = await newStudent({ grade: 11 });
    const client = nextClient();
    for (let i = 0; i < 5; i++) await expectProblem(await post(application({ ...s, accessCode: `WRONG-${i}` }), { client }), 400);
    await expectProblem(await post(application(s), { client }), 429);
    const codes = await write<{ items: { accessCode: string }[] }>(COORDINATOR, 'POST', '/admin/students/access-codes', { studentIds: [s.id] });
    const res = await post(application({ ...s, accessCode: codes.items[0]!.accessCode }), { client });
    assert.equal(res.status, 201, `the new code works at once: ${await res.clone().text()}`);
  });

  it('sent thirty at once for one student number, get at most five checked, and then the right code is refused too', async () => {
    const s = await newStudent({ grade: 11 });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => post(application({ ...s, accessCode: `GUESS-${i}` }))));
    const statuses = answers.map((r) => r.status);
    assert.ok(statuses.filter((x) => x === 400).length <= 5, `checked: ${statuses.filter((x) => x === 400).length}`);
    assert.equal(statuses.filter((x) => x === 429).length + statuses.filter((x) => x === 400).length, 30, String(statuses));
    await expectProblem(await post(application(s)), 429);
    assert.equal(one(applicationsOf(s.id)).length, 0, 'the right code inside the blocked window stored nothing');
  });

  it('from one client are allowed a hundred across student numbers, then the client is told it is the device or network', async () => {
    const s = await newStudent({ grade: 11 });
    const client = nextClient();
    const answers = await inBatches(100, 10, (i) =>
      post(application({ studentNumber: `X${RUN.slice(0, 6)}${String(i).padStart(3, '0')}`, accessCode: 'WRONG-CODE', grade: 11 }), { client }),
    );
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [400], 'a hundred wrong tries are each checked');
    const problem = await expectProblem(await post(application(s), { client }), 429);
    assert.match(problem.title, /this device or network/);
    assert.deepEqual(
      problem.errors?.map((e) => [e.path, e.code]),
      [['student.accessCode', 'too_many_tries_client']],
    );
    assert.match(problem.detail ?? '', /Wait \d+ minutes? and try again/);
    assert.doesNotMatch(problem.title, /student number/);
    const elsewhere = await post(application(s), { client: nextClient() });
    assert.equal(elsewhere.status, 201, 'the student is not locked, only that client');
  });
});

describe('the guardian of a minor', () => {
  it('is told from the roster; a guardian typed into the form gets nothing and is kept only as a suggestion', async () => {
    const s = await newStudent({ grade: 11 });
    const typedGuardian = typedAddress('typed.guardian');
    const payload = application(s, { guardian: { name: 'Not Really Mum', email: typedGuardian } });
    const res = await post(payload);
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = await res.json();
    const [toTyped, toRoster, toStudent, rows] = sql(
      outboxTo(typedGuardian),
      rosterGuardianTold(s.id, id),
      outboxTo(payload.student.email),
      applicationsOf(s.id),
    );
    const row = rows![0];
    assert.equal(toTyped!.length, 0, 'no message to a typed guardian address');
    assert.equal(toRoster!.length, 1, 'the roster guardian is told');
    assert.match(toRoster![0].subject, /^Application received/);
    assert.equal(toStudent!.length, 1, 'the student is told at the address they typed');
    assert.equal(row.guardian_email, typedGuardian, 'kept for the coordinator as a suggestion');
    assert.equal(row.guardian_name, 'Not Really Mum');
  });

  it('without one on the roster, nothing goes to a typed address', async () => {
    const s = await newStudent({ grade: 11, guardian: false });
    const typedGuardian = typedAddress('typed.guardian');
    const res = await post(application(s, { guardian: { name: 'Someone', email: typedGuardian } }));
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = await res.json();
    const [toTyped, all] = sql(outboxTo(typedGuardian), `SELECT recipient FROM outbox WHERE related_id = ${sqlValue(id)}`);
    assert.equal(toTyped!.length, 0);
    assert.equal(all!.length, 1, 'only the student');
  });

  it('is not told about an adult student’s application', async () => {
    const s = await newStudent({ grade: 12, birthYear: THIS_YEAR - 20 });
    const res = await post(application(s));
    assert.equal(res.status, 201, await res.clone().text());
    const toRoster = one(rosterGuardianTold(s.id, (await res.json()).id));
    assert.equal(toRoster.length, 0);
  });
});

describe('a typed student address', () => {
  it(`is sent at most ${MESSAGES_PER_ADDRESS_PER_DAY} messages a day, while every application is still kept`, async () => {
    const target = typedAddress('someone.else');
    const students = [];
    for (let i = 0; i <= MESSAGES_PER_ADDRESS_PER_DAY; i++) students.push(await newStudent({ grade: 11 }));
    for (const s of students) assert.equal((await post(application(s, {}, target))).status, 201);
    const [sent, ...stored] = sql(outboxTo(target), ...students.map((s) => applicationsOf(s.id)));
    assert.equal(sent!.length, MESSAGES_PER_ADDRESS_PER_DAY);
    for (const rows of stored) assert.equal(rows.length, 1);
  });
});

describe('the OpenAPI example', () => {
  const seeded = [...RIVERSIDE_STUDENTS, ...LAKESIDE_STUDENTS];

  it('is the one the document shows, and names no seeded student, code or guardian', async () => {
    const doc = JSON.stringify(await getJson('/openapi.json', { key: null }));
    assert.ok(doc.includes(example.student.accessCode), 'the document shows this example');
    const values = [example.student.studentNumber, example.student.accessCode, example.student.email, example.guardian.name, example.guardian.email].map(
      (v: string) => v.toLowerCase(),
    );
    for (const st of seeded) {
      const secrets = [st.studentNumber, st.accessCode, st.email, ...(st.guardian ?? [])].filter(Boolean).map((v) => v!.toLowerCase());
      for (const v of values) assert.ok(!secrets.includes(v), `${v} belongs to seeded student ${st.id}`);
    }
  });

  it('does not work when sent', async () => {
    const problem = await expectProblem(await post({ ...example, opportunityId: OPP, formToken: token }), 400);
    assert.equal(problem.errors?.[0]?.code, 'access_denied');
  });
});
