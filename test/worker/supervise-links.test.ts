/**
 * Supervisors without an account, through the real Worker, D1 and SMTP inbox: a coordinator
 * names the workplace supervisor of a placement; the weekly digest and the new-hours notice
 * email them a link (once); the link reaches only their placements, approves and returns hours
 * and records the final evaluation by their name; an expired link answers 410 and a new one can
 * be asked for. Every act is in the audit log with their name.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEMO } from '../../demo/seed/index.js';
import { addDays, localDate, zonedInstant } from '../../worker/lib/zones.js';
import { COORDINATOR, LAKESIDE, nextClient, quote, read, sql, write, as } from './admin-helpers.js';
import { api, BASE, expectProblem } from './helpers.js';
import { type Delivered, fireCron, linkIn, mark, settledMail, waitForMail } from './mail.js';
import { ARROYO, applied, move, newStudent, R, riversideToday, signEverything } from './placement-helpers.js';

const MINUTE_CRON = '* * * * *';
const LA = 'America/Los_Angeles';
const PAGE = `${BASE}/api/v1/supervise/page?t=`;

/** A supervisor address unique to the run (mail outlives a test file). */
const newSupervisor = (name = 'Rosa Alvarez') => ({ name, email: `sup.${randomUUID().slice(0, 8)}@arroyovalleymed.example` });

/** An application under way at Arroyo Valley with every signature in, its supervisor named (no account). */
async function namedPlacement(supervisor: { name: string; email: string }, opportunity = ARROYO.cna) {
  const student = await newStudent({ grade: 12 });
  const id = await applied(student, opportunity);
  await move(id, 'under_review', 'offered');
  await write(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorName: supervisor.name, supervisorEmail: supervisor.email });
  await move(id, 'accepted');
  await signEverything(id);
  await move(id, 'confirmed', 'active');
  return { id, student };
}

const logHours = async (applicationId: string, hours = 3, workedOn = riversideToday()) =>
  (
    await write(
      COORDINATOR,
      'POST',
      `/admin/applications/${applicationId}/hours`,
      { workedOn, hours, activity: 'Restocked supply carts; took vital signs.' },
      201,
    )
  ).entry.id as string;

const tokenIn = (m: Delivered) => new URL(linkIn(m, PAGE)).searchParams.get('t')!;
const bearer = (token: string, init: RequestInit = {}) => ({ ...init, key: null, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
const postJson = (token: string, path: string, body?: unknown, method = 'POST') =>
  api(path, bearer(token, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }));

/** The Monday of the ISO week `weeks` weeks after this one, in Riverside. */
function mondayIn(weeks: number): string {
  const today = localDate(Date.now(), LA);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
  return addDays(today, 7 * weeks - (weekday - 1));
}

/** Fires the minute cron at `time` (a minute later each try) until `to` has mail matching `match`. */
async function fireUntil(time: Date, to: string, after: number, match: (m: Delivered) => boolean): Promise<Delivered> {
  for (let i = 0; ; i++) {
    await fireCron(MINUTE_CRON, new Date(time.getTime() + i * 60_000));
    try {
      return (await waitForMail(to, { after, match, timeoutMs: i < 3 ? 6000 : 20_000 }))[0]!;
    } catch (e) {
      if (i >= 3) throw e;
    }
  }
}

const weekly = (m: Delivered) => /^(This week|Esta semana): /.test(m.mail.subject ?? '');
const hoursNotice = (m: Delivered) => /^(New hours waiting for your approval|Nuevas horas esperan su aprobación)$/.test(m.mail.subject ?? '');

/** Messages of a kind written to an address (the outbox, whatever the delivery's timing). */
const written = (to: string, kind: string) =>
  sql<{ n: number }>(`SELECT count(*) AS n FROM outbox WHERE recipient = ${quote(to)} AND kind = ${quote(kind)}`)[0]!.n;

const supervisorAudits = (studentId: string) =>
  sql<{ action: string; actor_type: string; detail: string }>(
    `SELECT action, actor_type, detail FROM audit_log WHERE entity = 'student' AND entity_id = ${quote(studentId)} AND actor_type = 'supervisor' ORDER BY id`,
  );

describe('naming a placement’s supervisor', () => {
  it('lets a coordinator name the supervisor without an account, with field errors for half a contact', async () => {
    const student = await newStudent({ grade: 12 });
    const id = await applied(student, ARROYO.shadow);
    await move(id, 'under_review', 'offered');
    const s = newSupervisor('Dana Whitfield');
    const named = await write(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorName: s.name, supervisorEmail: s.email.toUpperCase() });
    assert.deepEqual(named.namedSupervisor, { name: s.name, email: s.email }, 'stored lower-cased');
    assert.equal(named.supervisor, null, 'no staff account is needed');

    const half = await expectProblem(await as(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorName: 'Only A Name' }), 400);
    assert.deepEqual(
      half.errors!.map((e: { path: string }) => e.path),
      ['supervisorEmail'],
    );
    const bad = await expectProblem(
      await as(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorName: 'X', supervisorEmail: 'not-an-address' }),
      400,
    );
    assert.equal(bad.errors![0]!.path, 'supervisorEmail');
    const mixed = await expectProblem(
      await as(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorName: null, supervisorEmail: s.email }),
      400,
    );
    assert.equal(mixed.errors![0]!.code, 'both_or_neither');
    // Another district's coordinator cannot reach it.
    await expectProblem(await as(LAKESIDE, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorName: 'X', supervisorEmail: 'x@example.org' }), 404);

    const removed = await write(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorName: null, supervisorEmail: null });
    assert.equal(removed.namedSupervisor, null);
  });
});

describe('supervisor links', () => {
  const alice = newSupervisor('Rosa Alvarez');
  const bob = newSupervisor('Bo Nguyen');
  let a: Awaited<ReturnType<typeof namedPlacement>>;
  let b: Awaited<ReturnType<typeof namedPlacement>>;
  let token = '';
  let hourA1 = '';
  let hourA2 = '';
  let hourB = '';

  it('emails the named supervisor their week with a link, once, and keeps the link out of the outbox', async () => {
    a = await namedPlacement(alice);
    b = await namedPlacement(bob, ARROYO.shadow);
    hourA1 = await logHours(a.id, 3);
    hourA2 = await logHours(a.id, 2.5, riversideToday());
    hourB = await logHours(b.id, 4);

    const at = new Date(zonedInstant(mondayIn(11), '09:00', LA));
    const after = await mark();
    const m = await fireUntil(at, alice.email, after, weekly);
    assert.match(m.mail.subject ?? '', /hours to approve/);
    assert.match(m.mail.text ?? '', /Hello Rosa Alvarez,/);
    assert.match(m.mail.text ?? '', new RegExp(`${a.student.preferredName}, “[^”]+”: 2 entries, 5\\.5 hours`));
    assert.doesNotMatch(m.mail.text ?? '', new RegExp(b.student.preferredName), 'only their own placements');
    token = tokenIn(m);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);

    // Stored with a placeholder and the link sealed; only a hash of the token is kept.
    const stored = sql<{ body: string; sealed_link: string | null }>(`SELECT body, sealed_link FROM outbox WHERE recipient = ${quote(alice.email)}`);
    assert.ok(stored.length >= 1);
    for (const r of stored) assert.ok(!r.body.includes(token) && r.body.includes('{link}'));
    const links = sql<{ token_hash: string; name: string }>(`SELECT token_hash, name FROM supervisor_links WHERE email = ${quote(alice.email)}`);
    assert.ok(links.length >= 1 && links.every((l) => l.token_hash !== token && l.name === 'Rosa Alvarez'));

    const again = await mark();
    await fireCron(MINUTE_CRON, new Date(at.getTime() + 2 * 3_600_000));
    assert.equal((await settledMail(alice.email, again)).filter(weekly).length, 0, 'once a week');
    assert.equal(written(alice.email, 'supervisor.digest'), 1, 'one digest written this week');
  });

  it('lists only the supervisor’s own placements, by the student’s preferred name, audited with their name', async () => {
    const res = await api('/supervise', bearer(token));
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const view = (await res.json()) as any;
    assert.deepEqual(view.supervisor, { name: alice.name, email: alice.email });
    assert.deepEqual(
      view.placements.map((p: any) => p.id),
      [a.id],
    );
    const [p] = view.placements;
    assert.deepEqual(p.student, { preferredName: a.student.preferredName }, 'no roster record beyond the preferred name');
    assert.equal(p.opportunity.employerName, 'Arroyo Valley Medical Center');
    assert.deepEqual(p.pendingHours.map((h: any) => h.id).sort(), [hourA1, hourA2].sort());
    assert.equal(p.totals.pending, 5.5);
    assert.ok(p.opportunity.skills.length > 0);
    const reads = supervisorAudits(a.student.id).filter((r) => r.action === 'placement.read');
    assert.ok(reads.length >= 1);
    assert.equal(JSON.parse(reads[0]!.detail).name, alice.name);
    assert.equal(supervisorAudits(b.student.id).length, 0, 'nothing read of the other placement');
  });

  it('refuses another placement’s hours and evaluations (404), and a missing or unknown token (401)', async () => {
    await expectProblem(await postJson(token, `/supervise/hours/${hourB}/approve`), 404);
    await expectProblem(await postJson(token, `/supervise/hours/${hourB}/return`, { note: 'No' }), 404);
    await expectProblem(
      await postJson(token, `/supervise/placements/${b.id}/evaluations/final`, { ratings: [{ skill: 'communication', level: 3 }] }, 'PUT'),
      404,
    );
    const still = sql<{ approved_at: string | null; returned_at: string | null }>(`SELECT approved_at, returned_at FROM hour_logs WHERE id = ${quote(hourB)}`);
    assert.deepEqual(still, [{ approved_at: null, returned_at: null }]);
    await expectProblem(await api('/supervise', { key: null }), 401);
    const unknown = await expectProblem(await api('/supervise', bearer('A'.repeat(43))), 401);
    assert.equal(unknown.title, 'This supervisor link is not valid');
  });

  it('never reaches another district’s placements, even for the same address', async () => {
    // A link of the same address in Lakeside (as Lakeside's own digest would make one).
    const lakeToken = randomBytes(32).toString('base64url');
    const hash = createHash('sha256').update(lakeToken).digest('hex');
    const until = new Date(Date.now() + 86_400_000).toISOString();
    sql(
      `INSERT INTO supervisor_links (id, tenant_id, email, name, token_hash, expires_at) VALUES ('svl_test_${hash.slice(0, 12)}', 'ten_lakeside', ${quote(alice.email)}, ${quote(alice.name)}, ${quote(hash)}, ${quote(until)})`,
    );
    const view = (await (await api('/supervise', bearer(lakeToken))).json()) as any;
    assert.equal(view.districtName.includes('Lakeside'), true);
    assert.deepEqual(view.placements, []);
    await expectProblem(await postJson(lakeToken, `/supervise/hours/${hourA1}/approve`), 404);
    await expectProblem(
      await postJson(lakeToken, `/supervise/placements/${a.id}/evaluations/final`, { ratings: [{ skill: 'communication', level: 3 }] }, 'PUT'),
      404,
    );
    // Asking Lakeside's site for a link to an address named only in Riverside sends nothing.
    const after = await mark();
    const asked = await api('/supervise/links', {
      key: DEMO.lakeside.key,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClient() },
      body: JSON.stringify({ email: alice.email }),
    });
    assert.equal(asked.status, 202);
    assert.equal((await settledMail(alice.email, after, 1500)).length, 0);
  });

  it('approves one entry and returns another with a note, by the supervisor’s name', async () => {
    const approved = await postJson(token, `/supervise/hours/${hourA1}/approve`);
    assert.equal(approved.status, 200, await approved.clone().text());
    const body = (await approved.json()) as any;
    assert.equal(body.entry.approved, true);
    assert.equal(body.entry.reviewerName, alice.name);
    assert.equal(body.totals.approved, 3);
    // Approving twice answers the same; the first approval stands.
    const twice = (await (await postJson(token, `/supervise/hours/${hourA1}/approve`)).json()) as any;
    assert.equal(twice.entry.approvedAt, body.entry.approvedAt);

    await expectProblem(await postJson(token, `/supervise/hours/${hourA2}/return`, { note: '  ' }), 400);
    const returned = (await (await postJson(token, `/supervise/hours/${hourA2}/return`, { note: 'You left at noon: log 2 hours.' })).json()) as any;
    assert.ok(returned.entry.returnedAt);
    assert.equal(returned.entry.returnNote, 'You left at noon: log 2 hours.');
    assert.equal(returned.entry.approved, false);
    const conflict = await expectProblem(await postJson(token, `/supervise/hours/${hourA1}/return`, { note: 'Too late' }), 409);
    assert.equal(conflict.title, 'This entry is already approved');
    await expectProblem(await postJson(token, `/supervise/hours/${hourA2}/approve`), 409);

    const view = (await (await api('/supervise', bearer(token))).json()) as any;
    assert.deepEqual(view.placements[0].pendingHours, [], 'nothing waits any more');
    // The coordinator sees who approved and returned.
    const detail = await read(COORDINATOR, `/admin/applications/${a.id}`);
    const byId = Object.fromEntries(detail.hours.entries.map((e: any) => [e.id, e]));
    assert.equal(byId[hourA1].reviewerName, alice.name);
    assert.equal(byId[hourA2].returnNote, 'You left at noon: log 2 hours.');

    const acts = supervisorAudits(a.student.id).filter((r) => r.action.startsWith('hours.'));
    assert.deepEqual(
      acts.map((r) => r.action),
      ['hours.approve', 'hours.return'],
      'one row per change (approving again changed nothing)',
    );
    for (const r of acts) assert.equal(JSON.parse(r.detail).name, alice.name);
  });

  it('records the final evaluation with the coordinator’s rules, by the supervisor’s name', async () => {
    const view = (await (await api('/supervise', bearer(token))).json()) as any;
    const skills: string[] = view.placements[0].opportunity.skills;
    assert.ok(skills.length > 1);
    const missing = await expectProblem(
      await postJson(token, `/supervise/placements/${a.id}/evaluations/final`, { ratings: [{ skill: skills[0], level: 3 }] }, 'PUT'),
      400,
    );
    assert.equal(missing.errors!.at(-1)!.code, 'skills_unrated');
    const res = await postJson(
      token,
      `/supervise/placements/${a.id}/evaluations/final`,
      {
        ratings: skills.map((skill, i) => ({ skill, level: 1 + (i % 4), comment: i ? undefined : 'Calm with patients.' })),
        comments: 'Ready for the next step.',
      },
      'PUT',
    );
    assert.equal(res.status, 200, await res.clone().text());
    const saved = (await res.json()) as any;
    assert.equal(saved.phase, 'final');
    assert.equal(saved.evaluator, null);
    assert.equal(saved.evaluatorName, alice.name);
    const detail = await read(COORDINATOR, `/admin/applications/${a.id}`);
    assert.equal(detail.evaluations.find((e: any) => e.phase === 'final').evaluatorName, alice.name);
    const recorded = supervisorAudits(a.student.id).filter((r) => r.action === 'evaluation.record');
    assert.equal(recorded.length, 1);
    assert.deepEqual(JSON.parse(recorded[0]!.detail), { applicationId: a.id, name: alice.name, phase: 'final' });
  });

  it('serves a script-free page from the emailed link whose forms approve hours', async () => {
    const hour = await logHours(a.id, 1.5, riversideToday());
    const page = await fetch(`${PAGE}${token}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const html = await page.text();
    assert.match(html, /<html lang="en">/);
    assert.ok(html.includes(a.student.preferredName));
    assert.doesNotMatch(html, /<script/);
    assert.ok(html.includes(`name="hour" value="${hour}"`));
    assert.doesNotMatch(html, new RegExp(b.student.preferredName));

    const posted = await fetch(`${PAGE}${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'approve', hour }).toString(),
    });
    assert.equal(posted.status, 200);
    assert.match(await posted.text(), /role="status">The hours are approved/);
    const [row] = sql<{ reviewer_name: string; approved_at: string | null }>(`SELECT reviewer_name, approved_at FROM hour_logs WHERE id = ${quote(hour)}`);
    assert.ok(row!.approved_at);
    assert.equal(row!.reviewer_name, alice.name);

    // The midpoint from the page's form: one radio group per named skill, in the order shown.
    const form = (fields: Record<string, string>) =>
      fetch(`${PAGE}${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ action: 'evaluate', application: a.id, phase: 'midpoint', ...fields }).toString(),
      });
    const groups = [...html.matchAll(/name="(r\d+)" value="1"/g)].map((m) => m[1]!);
    const unrated = await form({ r0: '3' });
    assert.equal(unrated.status, 400);
    assert.match(await unrated.text(), /role="alert"/);
    const rated = await form({ ...Object.fromEntries([...new Set(groups)].map((g) => [g, '3'])), comments: 'Steady and careful.' });
    assert.equal(rated.status, 200);
    assert.match(await rated.text(), /The evaluation is saved/);
    const [mid] = sql<{ evaluator_name: string; comments: string }>(
      `SELECT evaluator_name, comments FROM evaluations WHERE application_id = ${quote(a.id)} AND phase = 'midpoint'`,
    );
    assert.deepEqual(mid, { evaluator_name: alice.name, comments: 'Steady and careful.' });

    // Spanish from a Spanish link, and another placement's hours refused on the page too.
    const es = await fetch(`${PAGE}${token}&lang=es`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'approve', hour: hourB }).toString(),
    });
    assert.equal(es.status, 404);
    const esHtml = await es.text();
    assert.match(esHtml, /<html lang="es">/);
    assert.match(esHtml, /Sus prácticas/);
  });

  it('drops a placement given to another supervisor from the old link at once', async () => {
    await write(COORDINATOR, 'PUT', `/admin/applications/${a.id}/supervisor`, { supervisorName: bob.name, supervisorEmail: bob.email });
    const view = (await (await api('/supervise', bearer(token))).json()) as any;
    assert.deepEqual(view.placements, []);
    await write(COORDINATOR, 'PUT', `/admin/applications/${a.id}/supervisor`, { supervisorName: alice.name, supervisorEmail: alice.email });
  });

  it('answers an expired link with 410 and emails a fresh one to the same address when asked', async () => {
    sql(`UPDATE supervisor_links SET expires_at = '2020-01-01T00:00:00.000Z' WHERE email = ${quote(alice.email)}`);
    const gone = await expectProblem(await api('/supervise', bearer(token)), 410);
    assert.equal(gone.title, 'This supervisor link has expired: ask for a new one');
    await expectProblem(await postJson(token, `/supervise/hours/${hourA1}/approve`), 410);

    const page = await fetch(`${PAGE}${token}`);
    assert.equal(page.status, 410);
    const html = await page.text();
    assert.match(html, /This link has expired/);
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&#38;/g, '&');
    const after = await mark();
    const renewed = await fetch(new URL(action, BASE), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' });
    assert.equal(renewed.status, 200);
    const [fresh] = await waitForMail(alice.email, { after, match: (m) => m.mail.subject === 'Your supervisor link' });
    const next = tokenIn(fresh!);
    assert.notEqual(next, token);
    assert.equal((await api('/supervise', bearer(next))).status, 200);
  });

  it('emails a fresh link when asked by address, always answering 202', async () => {
    const ask = (email: string) =>
      api('/supervise/links', {
        key: R.key,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClient() },
        body: JSON.stringify({ email }),
      });
    const after = await mark();
    assert.equal((await ask(bob.email.toUpperCase())).status, 202);
    const nobody = `nobody.${randomUUID().slice(0, 8)}@example.org`;
    assert.equal((await ask(nobody)).status, 202);
    const [m] = await waitForMail(bob.email, { after, match: (x) => x.mail.subject === 'Your supervisor link' });
    assert.ok(tokenIn(m!));
    assert.equal((await settledMail(nobody, after, 1500)).length, 0, 'nothing to an address that supervises nothing');
    await expectProblem(await ask('not-an-address'), 400);
  });
});

describe('new hours notice', () => {
  it('tells the supervisor once a day when new hours wait, and only about entries not told before', async () => {
    const s = newSupervisor('Lee Park');
    const p = await namedPlacement(s);
    await logHours(p.id, 2);
    const today = localDate(Date.now(), LA);
    const at = new Date(zonedInstant(today, '10:00', LA));
    let after = await mark();
    const m = await fireUntil(at, s.email, after, hoursNotice);
    assert.match(m.mail.text ?? '', new RegExp(`${p.student.preferredName}, “[^”]+”: 1 entry, 2 hours`));
    assert.ok(tokenIn(m));

    // Run again, and after another entry the same day: nothing more today.
    await logHours(p.id, 1, riversideToday());
    after = await mark();
    await fireCron(MINUTE_CRON, new Date(at.getTime() + 60_000));
    await fireCron(MINUTE_CRON, new Date(at.getTime() + 3 * 3_600_000));
    assert.equal((await settledMail(s.email, after)).filter(hoursNotice).length, 0, 'one notice a day');
    assert.equal(written(s.email, 'supervisor.hours'), 1, 'one notice written today');

    // The next day: a notice of the entry logged after the first one only.
    after = await mark();
    const next = await fireUntil(new Date(zonedInstant(addDays(today, 1), '10:00', LA)), s.email, after, hoursNotice);
    assert.match(next.mail.text ?? '', /: 1 entry, 1 hour\n/);
  });
});
