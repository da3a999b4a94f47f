/** Students and guardians sign in to their own record: by an emailed link, or a student number and access code. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE, expectProblem } from './helpers.js';
import { COORDINATOR, quote, read, sql } from './admin-helpers.js';
import { mark, settledMail } from './mail.js';
import { newStudent } from './placement-helpers.js';
import { asPerson, linkToken, record, session, siblings } from './me-helpers.js';

describe('me: sign-in by link', () => {
  it('emails a student a link that opens their record once', async () => {
    const s = await newStudent();
    const email = `student.${s.studentNumber.toLowerCase()}@students.example`;
    const { token, url, text } = await linkToken(email);
    assert.ok(url.startsWith(`${BASE}/demo/student.html#wbl-signin=`), url);
    assert.match(text, /works once, for 15 minutes/);
    // Only the hash is stored.
    const rows = sql<{ token_hash: string; email: string }>(`SELECT token_hash, email FROM sign_in_links WHERE email = ${quote(email)}`);
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows).includes(token));

    const opened = await asPerson(null, 'POST', '/sessions', { token });
    assert.equal(opened.status, 201);
    const body = (await opened.json()) as { token: string; expiresAt: string; person: { kind: string; name: string; tenantName: string } };
    assert.deepEqual(body.person, { kind: 'student', name: s.preferredName, tenantName: 'Riverside Unified School District' });
    // Shorter than a staff session: at most two hours ahead.
    assert.ok(Date.parse(body.expiresAt) - Date.now() <= 2 * 3600_000 + 5000);
    const me = await record(body.token);
    assert.deepEqual(
      me.students.map((x) => x.id),
      [s.id],
    );

    // The same link a second time opens nothing.
    await expectProblem(await asPerson(null, 'POST', '/sessions', { token }), 410);
  });

  it('keeps the link out of the console’s view of the outbox', async () => {
    const s = await newStudent();
    const email = `student.${s.studentNumber.toLowerCase()}@students.example`;
    const { token } = await linkToken(email);
    const { items } = await read(COORDINATOR, '/admin/outbox', { limit: 100 });
    const mine = items.filter((m: { recipient: string }) => m.recipient === email);
    assert.equal(mine.length, 1);
    assert.ok(!JSON.stringify(mine).includes(token));
    const stored = sql<{ body: string; sealed_link: string | null }>(`SELECT body, sealed_link FROM outbox WHERE recipient = ${quote(email)}`);
    assert.ok(stored.every((r) => r.body.includes('{link}') && !r.body.includes(token)));
  });

  it('opens the page the widget is on, when that page is on the site’s origins', async () => {
    const s = await newStudent();
    const email = `student.${s.studentNumber.toLowerCase()}@students.example`;
    const page = `${BASE}/students/my-wbl`;
    const { url } = await linkToken(email, { returnTo: page });
    assert.ok(url.startsWith(`${page}#wbl-signin=`), url);
    const foreign = await asPerson(null, 'POST', '/sign-in-link', { email, returnTo: 'https://evil.example/steal' });
    const problem = await expectProblem(foreign, 400);
    assert.equal(problem.errors![0]!.path, 'returnTo');
  });

  it('answers 202 for an address not on the roster and sends nothing', async () => {
    const stranger = `nobody.${Date.now()}@example.net`;
    const after = await mark();
    const res = await asPerson(null, 'POST', '/sign-in-link', { email: stranger });
    assert.equal(res.status, 202);
    assert.deepEqual(await res.json(), { sent: true, expiresInMinutes: 15 });
    assert.equal((await settledMail(stranger, after)).length, 0);
    assert.equal(sql(`SELECT 1 FROM sign_in_links WHERE email = ${quote(stranger)}`).length, 0);
  });

  it('refuses an expired link, and a link of another district', async () => {
    const s = await newStudent();
    const email = `student.${s.studentNumber.toLowerCase()}@students.example`;
    const first = await linkToken(email);
    sql(`UPDATE sign_in_links SET expires_at = '2000-01-01T00:00:00.000Z' WHERE email = ${quote(email)}`);
    await expectProblem(await asPerson(null, 'POST', '/sessions', { token: first.token }), 410);
    const second = await linkToken(email);
    await expectProblem(await asPerson(null, 'POST', '/sessions', { token: second.token }, { key: 'pk_demo_lakeside' }), 401);
    // Refused elsewhere, it still works on its own district's page.
    assert.ok(await session({ token: second.token }));
    await expectProblem(await asPerson(null, 'POST', '/sessions', { token: 'x'.repeat(43) }), 401);
  });

  it('throttles links asked for one address', async () => {
    const email = `flood.${Date.now()}@example.net`;
    const client = { headers: { 'CF-Connecting-IP': '192.0.2.77' } };
    for (let i = 0; i < 5; i++) assert.equal((await asPerson(null, 'POST', '/sign-in-link', { email }, client)).status, 202);
    const res = await asPerson(null, 'POST', '/sign-in-link', { email }, client);
    await expectProblem(res, 429);
    assert.ok(Number(res.headers.get('Retry-After')) > 0);
  });

  it('signs a guardian in to each of their students', async () => {
    const family = await siblings();
    const { token } = await linkToken(family.guardianEmail);
    const t = await session({ token });
    const me = await record(t);
    assert.equal(me.person.kind, 'guardian');
    assert.equal(me.person.name, 'Rosa Family');
    assert.deepEqual(me.students.map((x) => x.id).sort(), [...family.ids].sort());
  });

  it('signs out', async () => {
    const s = await newStudent();
    const t = await session({ studentNumber: s.studentNumber, accessCode: s.accessCode });
    assert.equal((await asPerson(t, 'DELETE', '/sessions/current')).status, 204);
    await expectProblem(await asPerson(t, 'GET', ''), 401);
  });
});

describe('me: sign-in by access code', () => {
  it('opens a student session with the number and code, and one answer for every mismatch', async () => {
    const s = await newStudent();
    const t = await session({ studentNumber: s.studentNumber, accessCode: s.accessCode });
    assert.equal((await record(t)).students[0]!.id, s.id);
    const wrong = await expectProblem(await asPerson(null, 'POST', '/sessions', { studentNumber: s.studentNumber, accessCode: 'RIVER-WRONG-0000' }), 400);
    const unknown = await expectProblem(await asPerson(null, 'POST', '/sessions', { studentNumber: 'ZZ999999', accessCode: 'RIVER-WRONG-0000' }), 400);
    assert.deepEqual(wrong.errors, unknown.errors);
    assert.equal(wrong.errors![0]!.code, 'access_denied');
  });

  it('pauses a student number after five wrong codes, even for the right one', async () => {
    const s = await newStudent();
    for (let i = 0; i < 5; i++) {
      await expectProblem(await asPerson(null, 'POST', '/sessions', { studentNumber: s.studentNumber, accessCode: `RIVER-NOPE-000${i}` }), 400);
    }
    await expectProblem(await asPerson(null, 'POST', '/sessions', { studentNumber: s.studentNumber, accessCode: s.accessCode }), 429);
  });

  it('records each sign-in in the audit log as the student’s act', async () => {
    const s = await newStudent();
    await session({ studentNumber: s.studentNumber, accessCode: s.accessCode });
    const rows = sql<{ actor_type: string; action: string; detail: string }>(
      `SELECT actor_type, action, detail FROM audit_log WHERE entity = 'student' AND entity_id = ${quote(s.id)} AND action = 'session.login'`,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor_type, 'student');
    assert.match(rows[0]!.detail, /access_code/);
  });
});
