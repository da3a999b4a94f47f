/**
 * Issue 12, placements: the messages an application causes, read from the real SMTP inbox the
 * Worker delivers to. Who gets a signature request (the student, a minor's roster guardian, the
 * supervisor), once each, with a link that works; each in its recipient's language (the
 * application's for the student, a preference first, the district's for the others); the
 * agreement text served and signed in Spanish, and English where a version has no translation.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { api, expectProblem, formToken } from './helpers.js';
import { COORDINATOR, nextClient, quote, sql, SUPERVISOR } from './admin-helpers.js';
import { type Delivered, waitForMail } from './mail.js';
import { ARROYO, assignSupervisor, move, newStudent, R, type TestStudent, THIS_YEAR, signTokens } from './placement-helpers.js';

/** What the student types as their guardian: a suggestion only, never written to. */
const TYPED_GUARDIAN = 'typed.guardian@example.com';

/** The student applies through the public form, in `lang`. */
async function applyIn(student: TestStudent, lang: 'en' | 'es', typedEmail: string) {
  const res = await api('/applications', {
    method: 'POST',
    key: R.key,
    query: { lang },
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'CF-Connecting-IP': nextClient() },
    body: JSON.stringify({
      opportunityId: ARROYO.shadow,
      student: {
        studentNumber: student.studentNumber,
        accessCode: student.accessCode,
        preferredName: student.preferredName,
        grade: student.grade,
        email: typedEmail,
      },
      guardian: { name: 'Typed Guardian', email: TYPED_GUARDIAN },
      application: { statement: 'Quiero ver cómo trabaja un equipo de hospital.', availability: ['after_school'], transportation: 'public_transit' },
      consents: { accurate: true, shareWithEmployer: true, guardianAware: true },
      formToken: await formToken('application'),
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string; next: string };
}

interface Row {
  id: string;
  recipient: string;
  kind: string;
  lang: string;
}
const rows = (appId: string) => sql<Row>(`SELECT id, recipient, kind, lang FROM outbox WHERE related_id = ${quote(appId)} ORDER BY created_at, rowid`);

/** The delivered message of one outbox row (its id is in the Message-ID). */
async function delivered(row: Row): Promise<Delivered> {
  const [m] = await waitForMail(row.recipient, { match: (d) => d.mail.messageId?.startsWith(`<${row.id}@`) === true });
  return m!;
}

const rosterOf = (studentId: string) =>
  sql<{ email: string; guardian_email: string | null }>(`SELECT email, guardian_email FROM students WHERE id = ${quote(studentId)}`)[0]!;

describe('placement messages: who is asked to sign', () => {
  it('asks the student, the roster’s guardian of a minor and the supervisor, once each, with links that work', async () => {
    const student = await newStudent({ grade: 11 });
    const roster = rosterOf(student.id);
    const typed = `applicant.${randomUUID().slice(0, 8)}@students.example`;
    const { id } = await applyIn(student, 'en', typed);
    await move(id, 'under_review', 'offered');
    await assignSupervisor(id);
    await move(id, 'accepted');

    const all = rows(id);
    const requests = all.filter((r) => r.kind === 'signature.request');
    assert.deepEqual(
      requests.map((r) => r.recipient.toLowerCase()).sort(),
      [roster.email, roster.guardian_email!, SUPERVISOR].sort(),
      'one request each: the roster’s student and guardian addresses, the supervisor',
    );
    assert.ok(
      all.every((r) => r.recipient.toLowerCase() !== TYPED_GUARDIAN),
      'nothing to the guardian the student typed',
    );
    const tokens = await signTokens(id);
    assert.deepEqual(Object.keys(tokens).sort(), ['guardian', 'student', 'supervisor']);
    for (const r of requests) {
      const m = await delivered(r);
      assert.match(m.mail.subject ?? '', /^Please sign: training agreement/);
      assert.equal(m.mail.replyTo?.value[0]?.address, COORDINATOR, 'replies go to the coordinator who accepted');
      assert.match(m.mail.text ?? '', /It works for 60 days, until [A-Z][a-z]+ \d{1,2}, \d{4}\./);
      assert.doesNotMatch(m.mail.text ?? '', /lang=es/);
    }
    const guardianMail = await delivered(requests.find((r) => r.recipient.toLowerCase() === roster.guardian_email)!);
    assert.match(guardianMail.mail.text ?? '', /You are asked to sign as the parent or guardian/);
    assert.ok((guardianMail.mail.text ?? '').includes(tokens.guardian!), 'the guardian’s link is the guardian’s');

    // The student heard of the offer (status kind) at the roster address, and the receipt at the typed one.
    assert.ok(all.some((r) => r.kind === 'application.status' && r.recipient.toLowerCase() === roster.email));
    assert.ok(all.some((r) => r.kind === 'application.received' && r.recipient === typed));
  });

  it('asks no guardian of a student who is 18', async () => {
    const student = await newStudent({ grade: 12, birthYear: THIS_YEAR - 19, guardian: false });
    const { id } = await applyIn(student, 'en', `adult.${randomUUID().slice(0, 8)}@students.example`);
    await move(id, 'under_review', 'offered');
    await assignSupervisor(id);
    await move(id, 'accepted');
    assert.equal(rows(id).filter((r) => r.kind === 'signature.request').length, 2);
    assert.deepEqual(Object.keys(await signTokens(id)).sort(), ['student', 'supervisor']);
  });
});

describe('placement messages: in the recipient’s language', () => {
  it('writes to a student who applied in Spanish in Spanish, and the page and signature follow', async () => {
    const student = await newStudent({ grade: 11, preferredName: 'Lucía' });
    const roster = rosterOf(student.id);
    const typed = `solicitante.${randomUUID().slice(0, 8)}@students.example`;
    const receipt = await applyIn(student, 'es', typed);
    assert.match(receipt.next, /Su solicitud está recibida/, 'the receipt answers in the form’s language');
    assert.equal(sql<{ lang: string }>(`SELECT lang FROM applications WHERE id = ${quote(receipt.id)}`)[0]!.lang, 'es');
    const id = receipt.id;

    const [received] = await waitForMail(typed, { match: (m) => /^Solicitud recibida/.test(m.mail.subject ?? '') });
    assert.match(received!.mail.text ?? '', /Lucía se postuló a/);

    // Nobody chose a language: the guardian of a student who applied in Spanish is written to in
    // Spanish; the supervisor in the district's English. (A saved preference wins: mail-preferences.test.ts.)
    await move(id, 'under_review', 'offered');
    await assignSupervisor(id);
    await move(id, 'accepted');

    const all = rows(id);
    const offer = all.find((r) => r.kind === 'application.status' && r.recipient.toLowerCase() === roster.email)!;
    assert.match((await delivered(offer)).mail.subject ?? '', /^Le ofrecen un lugar/);

    const requests = all.filter((r) => r.kind === 'signature.request');
    const langOf = Object.fromEntries(requests.map((r) => [r.recipient.toLowerCase(), r.lang]));
    assert.deepEqual(langOf, { [roster.email]: 'es', [roster.guardian_email!]: 'es', [SUPERVISOR]: 'en' });

    const toStudent = await delivered(requests.find((r) => r.recipient.toLowerCase() === roster.email)!);
    assert.match(toStudent.mail.subject ?? '', /^Firme, por favor: acuerdo de formación/);
    assert.match(toStudent.mail.text ?? '', /Se le pide firmar como estudiante/);
    assert.match(toStudent.mail.text ?? '', /Funciona durante 60 días, hasta el \d{1,2} de [a-z]+ de \d{4}\./);
    const link = (toStudent.mail.text ?? '').match(/https?:\/\/\S+\/demo\/sign\.html\?token=([A-Za-z0-9_-]{43})&lang=es/);
    assert.ok(link, `a signing link that opens the page in Spanish:\n${toStudent.mail.text}`);
    const toSupervisor = await delivered(requests.find((r) => r.recipient.toLowerCase() === SUPERVISOR)!);
    assert.match(toSupervisor.mail.subject ?? '', /^Please sign/);
    assert.doesNotMatch(toSupervisor.mail.text ?? '', /lang=es/);

    // The link's page asks in Spanish: the Spanish text of the same version, and the role in Spanish.
    const token = link[1]!;
    const es = await (await api(`/agreements/${token}`, { key: null, query: { lang: 'es' } })).json();
    const en = await (await api(`/agreements/${token}`, { key: null, headers: { 'Accept-Language': 'en-US' } })).json();
    assert.equal(es.textLang, 'es');
    assert.equal(es.roleWords, 'estudiante');
    assert.match(es.text.body, /Acuerdo de formación de aprendizaje basado en el trabajo/);
    assert.equal(es.text.version, en.text.version, 'the same version in both languages');
    assert.equal(en.textLang, 'en');
    assert.match(en.text.body, /Work-Based Learning Training Agreement/);

    // Signing records the language of the text the signer read.
    const signed = await api(`/agreements/${token}/sign`, {
      key: null,
      method: 'POST',
      query: { lang: 'es' },
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ typedName: 'Lucía Pérez', agree: true, textLang: 'es' }),
    });
    assert.equal(signed.status, 200, await signed.clone().text());
    assert.equal((await signed.json()).signedTextLang, 'es');
    assert.deepEqual(sql(`SELECT text_lang FROM agreements WHERE application_id = ${quote(id)} AND role = 'student'`), [{ text_lang: 'es' }]);

    // Without a textLang the request's language decides what the signer was shown.
    const tokens = await signTokens(id);
    const bySupervisor = await api(`/agreements/${tokens.supervisor}/sign`, {
      key: null,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ typedName: 'Dana Supervisor', agree: true }),
    });
    assert.equal(bySupervisor.status, 200, await bySupervisor.clone().text());
    assert.deepEqual(sql(`SELECT text_lang FROM agreements WHERE application_id = ${quote(id)} AND role = 'supervisor'`), [{ text_lang: 'en' }]);
  });

  it('falls back to the English text where a version has no Spanish, says so, and refuses to record Spanish for it', async () => {
    const student = await newStudent({ grade: 11 });
    const { id } = await applyIn(student, 'es', `fallback.${randomUUID().slice(0, 8)}@students.example`);
    await move(id, 'under_review', 'offered');
    await assignSupervisor(id);
    await move(id, 'accepted');
    const tokens = await signTokens(id);
    // The older Riverside version was never translated.
    const [old] = sql<{ version: string }>(
      `SELECT version FROM agreement_texts WHERE tenant_id = ${quote(R.tenantId)} AND version NOT IN (SELECT version FROM agreement_texts WHERE lang = 'es' AND tenant_id = ${quote(R.tenantId)}) LIMIT 1`,
    );
    assert.ok(old, 'a version with English only');
    sql(`UPDATE agreements SET text_version = ${quote(old.version)} WHERE application_id = ${quote(id)} AND role = 'student'`);

    const view = await (await api(`/agreements/${tokens.student}`, { key: null, query: { lang: 'es' } })).json();
    assert.equal(view.textLang, 'en', 'the answer says the text is in English');
    assert.equal(view.roleWords, 'estudiante', 'the rest is still in Spanish');
    assert.match(view.text.body, /Work-Based Learning Training Agreement/);
    const refused = await expectProblem(
      await api(`/agreements/${tokens.student}/sign`, {
        key: null,
        method: 'POST',
        query: { lang: 'es' },
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ typedName: 'Sin Traducción', agree: true, textLang: 'es' }),
      }),
      400,
    );
    assert.equal(refused.errors?.[0]?.path, 'textLang');
    const ok = await api(`/agreements/${tokens.student}/sign`, {
      key: null,
      method: 'POST',
      query: { lang: 'es' },
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ typedName: 'Sin Traducción', agree: true, textLang: 'en' }),
    });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.deepEqual(sql(`SELECT text_lang FROM agreements WHERE application_id = ${quote(id)} AND role = 'student'`), [{ text_lang: 'en' }]);
  });

  it('answers the already-applied receipt in the form’s language', async () => {
    const student = await newStudent({ grade: 11 });
    await applyIn(student, 'en', `twice.${randomUUID().slice(0, 8)}@students.example`);
    const res = await api('/applications', {
      method: 'POST',
      key: R.key,
      query: { lang: 'es' },
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'CF-Connecting-IP': nextClient() },
      body: JSON.stringify({
        opportunityId: ARROYO.shadow,
        student: {
          studentNumber: student.studentNumber,
          accessCode: student.accessCode,
          preferredName: student.preferredName,
          grade: 11,
          email: 'x@students.example',
        },
        application: { statement: 'Otra vez.', availability: ['after_school'], transportation: 'own' },
        consents: { accurate: true, shareWithEmployer: true, guardianAware: true },
        formToken: await formToken('application'),
      }),
    });
    assert.equal(res.status, 200);
    assert.match(((await res.json()) as { next: string }).next, /^Ya se postuló a esta oportunidad el \d{1,2} de/);
  });
});
