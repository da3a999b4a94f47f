/**
 * A student's and a guardian's own record on /api/v1/me, and what they do on it, through the real
 * Worker, D1 and SMTP: an offer accepted, the agreement signed from both sessions, hours logged
 * that wait for the supervisor, reflections, the survey, badges, events; and nobody else's record.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { MeRecord } from '../../schema/api/me.js';
import { DEMO } from '../../demo/seed/index.js';
import { api, expectProblem, formToken, ORIGIN } from './helpers.js';
import { mark, settledMail, waitForMail } from './mail.js';
import { COORDINATOR, nextClient, quote, read, sql, SUPERVISOR } from './admin-helpers.js';
import {
  ARROYO,
  applied,
  assignSupervisor,
  move,
  newStudent,
  R,
  riversideToday,
  sign,
  signAsCoordinator,
  signTokens,
  type TestStudent,
} from './placement-helpers.js';
import { asPerson, linkToken, record, session, siblings, studentSession } from './me-helpers.js';

const mondayOf = (day: string) => {
  const d = new Date(`${day}T12:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};
const studentEmail = (s: TestStudent) => `student.${s.studentNumber.toLowerCase()}@students.example`;
const guardianEmail = (s: TestStudent) => `guardian.${s.studentNumber.toLowerCase()}@example.com`;
const placementOf = (r: MeRecord, id: string) => r.students.flatMap((s) => s.placements).find((p) => p.id === id)!;

describe('me: a student’s placement from offer to survey', () => {
  let s: TestStudent;
  let appId: string;
  let student: string;
  let guardian: string;

  before(async () => {
    s = await newStudent();
    appId = await applied(s, ARROYO.cna);
    await assignSupervisor(appId);
    await move(appId, 'under_review', 'offered');
    student = await studentSession(s);
    guardian = await session({ token: (await linkToken(guardianEmail(s))).token });
  });

  it('shows the offer with what to do next, in English and Spanish', async () => {
    const me = await record(student);
    const app = me.students[0]!.applications.find((a) => a.id === appId)!;
    assert.equal(app.status, 'offered');
    assert.deepEqual(app.actions, ['accept', 'decline']);
    assert.match(app.nextStep!, /offered this placement/);
    assert.equal(app.opportunity.employer, 'Arroyo Valley Medical Center');
    const es = await record(student, { query: { lang: 'es' } });
    assert.match(es.students[0]!.applications.find((a) => a.id === appId)!.nextStep!, /ofrecieron/);
    // The guardian sees the offer, but only the student answers it.
    const theirs = await record(guardian);
    assert.deepEqual(theirs.students[0]!.applications.find((a) => a.id === appId)!.actions, []);
    await expectProblem(await asPerson(guardian, 'POST', `/applications/${appId}/answer`, { answer: 'accept' }), 404);
  });

  it('accepts the offer, which sends the signing links as the coordinator’s move does', async () => {
    const res = await asPerson(student, 'POST', `/applications/${appId}/answer`, { answer: 'accept' });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { status: string }).status, 'accepted');
    const history = sql<{ to_status: string; actor_user_id: string | null }>(
      `SELECT to_status, actor_user_id FROM application_events WHERE application_id = ${quote(appId)} ORDER BY at DESC LIMIT 1`,
    );
    assert.deepEqual(history, [{ to_status: 'accepted', actor_user_id: null }]);
    const audit = sql(`SELECT 1 FROM audit_log WHERE action = 'application.transition' AND actor_type = 'student' AND entity_id = ${quote(s.id)}`);
    assert.equal(audit.length, 1);
    // A retry of the same answer answers the same; another answer is refused.
    assert.equal((await asPerson(student, 'POST', `/applications/${appId}/answer`, { answer: 'accept' })).status, 200);
    assert.equal(sql(`SELECT 1 FROM application_events WHERE application_id = ${quote(appId)} AND to_status = 'accepted'`).length, 1);
    await expectProblem(await asPerson(student, 'POST', `/applications/${appId}/answer`, { answer: 'decline' }), 409);
  });

  it('lets the student and then the guardian sign their own lines', async () => {
    const before = placementOf(await record(student), appId);
    assert.ok(before.actions.includes('sign'));
    assert.ok(before.agreement?.body.length);
    assert.equal(before.supervisorName, 'Denise Okafor');
    const version = before.agreement!.version;
    const stale = await expectProblem(
      await asPerson(student, 'POST', `/placements/${appId}/signature`, { version: 'v0', typedName: s.preferredName, agree: true }),
      400,
    );
    assert.equal(stale.errors![0]!.path, 'version');
    const signed = await asPerson(student, 'POST', `/placements/${appId}/signature`, { version, typedName: s.preferredName, agree: true });
    assert.equal(signed.status, 200, await signed.clone().text());
    const after = (await signed.json()) as MeRecord['students'][number]['placements'][number];
    assert.deepEqual(
      after.signatures.filter((g) => g.mine).map((g) => [g.role, g.signed]),
      [['student', true]],
    );
    assert.equal(after.agreement, null);
    assert.equal((await asPerson(student, 'POST', `/placements/${appId}/signature`, { version, typedName: s.preferredName, agree: true })).status, 200);
    await expectProblem(await asPerson(student, 'POST', `/placements/${appId}/signature`, { version, typedName: 'Someone Else', agree: true }), 409);

    const theirs = placementOf(await record(guardian), appId);
    assert.deepEqual(
      theirs.signatures.filter((g) => g.mine).map((g) => g.role),
      ['guardian'],
    );
    const g = await asPerson(guardian, 'POST', `/placements/${appId}/signature`, { version, typedName: 'Pat Guardian', agree: true });
    assert.equal(g.status, 200, await g.clone().text());
    const rows = sql<{ role: string; signer_name: string }>(
      `SELECT role, signer_name FROM agreements WHERE application_id = ${quote(appId)} AND signed_at IS NOT NULL ORDER BY role`,
    );
    assert.deepEqual(rows, [
      { role: 'guardian', signer_name: 'Pat Guardian' },
      { role: 'student', signer_name: s.preferredName },
    ]);
  });

  it('logs hours that wait for the supervisor’s approval, once per Idempotency-Key', async () => {
    const tokens = await signTokens(appId);
    assert.equal((await sign(tokens.supervisor!, 'Denise Okafor')).status, 200);
    assert.equal((await signAsCoordinator(appId)).status, 200);
    await move(appId, 'confirmed', 'active');

    const key = randomUUID();
    const entry = { workedOn: riversideToday(), hours: 2.5, activity: 'Restocked supply carts with the charge nurse' };
    const first = await asPerson(student, 'POST', `/placements/${appId}/hours`, entry, { headers: { 'Idempotency-Key': key } });
    assert.equal(first.status, 201, await first.clone().text());
    const logged = (await first.json()) as { id: string; status: string };
    assert.equal(logged.status, 'pending');
    const again = await asPerson(student, 'POST', `/placements/${appId}/hours`, entry, { headers: { 'Idempotency-Key': key } });
    assert.equal(((await again.json()) as { id: string }).id, logged.id);

    const p = placementOf(await record(student), appId);
    assert.deepEqual(p.totals, { logged: 2.5, approved: 0, pending: 2.5 });
    assert.ok(p.actions.includes('log_hours'));
    // The supervisor sees it waiting.
    const detail = await read(SUPERVISOR, `/admin/applications/${appId}`);
    const seen = detail.hours.entries.find((h: { id: string }) => h.id === logged.id);
    assert.equal(seen.approvedAt, null);
    assert.equal(seen.loggedBy, 'student');

    const future = await expectProblem(await asPerson(student, 'POST', `/placements/${appId}/hours`, { ...entry, workedOn: riversideToday(3) }), 400);
    assert.equal(future.errors![0]!.path, 'workedOn');
    const tooMuch = await expectProblem(await asPerson(student, 'POST', `/placements/${appId}/hours`, { ...entry, hours: 10 }), 400);
    assert.equal(tooMuch.errors![0]!.code, 'day_limit');
    const bad = await expectProblem(await asPerson(student, 'POST', `/placements/${appId}/hours`, { workedOn: 'soon', hours: 0.1 }), 400);
    assert.deepEqual([...new Set(bad.errors!.map((e: { path: string }) => e.path))].sort(), ['activity', 'hours', 'workedOn']);
    await expectProblem(await asPerson(guardian, 'POST', `/placements/${appId}/hours`, entry), 404);
  });

  it('keeps a reflection per week, and the closing one and the survey for the end', async () => {
    const week = mondayOf(riversideToday());
    const saved = await asPerson(student, 'PUT', `/placements/${appId}/reflections/${week}`, { body: 'I learned to take vitals.' });
    assert.equal(saved.status, 200, await saved.clone().text());
    const rewritten = await asPerson(student, 'PUT', `/placements/${appId}/reflections/${week}`, { body: 'I learned to take vitals and chart them.' });
    assert.equal(((await rewritten.json()) as { body: string }).body, 'I learned to take vitals and chart them.');
    const tuesday = new Date(Date.parse(`${week}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    assert.equal(
      (await expectProblem(await asPerson(student, 'PUT', `/placements/${appId}/reflections/${tuesday}`, { body: 'x' }), 400)).errors![0]!.code,
      'not_a_monday',
    );
    const withSkills = await expectProblem(
      await asPerson(student, 'PUT', `/placements/${appId}/reflections/${week}`, { body: 'x', skills: ['communication'] }),
      400,
    );
    assert.equal(withSkills.errors![0]!.code, 'closing_only');
    await expectProblem(await asPerson(student, 'PUT', `/placements/${appId}/reflections/closing`, { body: 'Too soon' }), 409);
    await expectProblem(await asPerson(student, 'POST', `/placements/${appId}/survey`, { meaningful: 4, feltSafe: 4, wouldRecommend: 4 }), 409);
    assert.equal(placementOf(await record(student), appId).survey, null);

    await move(appId, 'completed');
    const closing = await asPerson(student, 'PUT', `/placements/${appId}/reflections/closing`, {
      body: 'I want to be a nurse.',
      skills: ['communication', 'Taking vital signs'],
      wouldRecommend: true,
    });
    assert.equal(closing.status, 200, await closing.clone().text());
    const bad = await expectProblem(await asPerson(student, 'POST', `/placements/${appId}/survey`, { meaningful: 5, feltSafe: 0 }), 400);
    assert.deepEqual(bad.errors!.map((e: { path: string }) => e.path).sort(), ['feltSafe', 'meaningful', 'wouldRecommend']);
    const survey = await asPerson(student, 'POST', `/placements/${appId}/survey`, { meaningful: 4, feltSafe: 3, wouldRecommend: 4, comment: 'Great team' });
    assert.equal(survey.status, 201, await survey.clone().text());
    await expectProblem(await asPerson(student, 'POST', `/placements/${appId}/survey`, { meaningful: 1, feltSafe: 1, wouldRecommend: 1 }), 409);

    const p = placementOf(await record(student), appId);
    assert.deepEqual(p.survey, { answered: true });
    assert.deepEqual(
      p.reflections.map((r) => r.period),
      [week, 'closing'].sort(),
    );
    // The coordinator reads them on the placement.
    const detail = await read(COORDINATOR, `/admin/applications/${appId}`);
    assert.deepEqual(
      detail.reflections.map((r: { period: string }) => r.period),
      [week, 'closing'].sort(),
    );
    assert.deepEqual(
      { meaningful: detail.survey.meaningful, feltSafe: detail.survey.feltSafe, wouldRecommend: detail.survey.wouldRecommend, comment: detail.survey.comment },
      { meaningful: 4, feltSafe: 3, wouldRecommend: 4, comment: 'Great team' },
    );
  });

  it('puts the placement on the continuum at its stage, with its approved hours', async () => {
    const me = await record(student);
    const c = me.students[0]!.continuum;
    assert.deepEqual(
      c.map((x) => x.stage),
      ['awareness', 'exploration', 'preparation', 'training'],
    );
    const at = c.find((x) => x.experiences.some((e) => e.id === appId))!;
    assert.equal(at.stage, 'preparation');
  });

  it('records every read and write as the student’s or guardian’s act, without the record', async () => {
    const rows = sql<{ actor_type: string; action: string; detail: string }>(
      `SELECT actor_type, action, detail FROM audit_log WHERE entity = 'student' AND entity_id = ${quote(s.id)} AND actor_type IN ('student', 'guardian')`,
    );
    const acts = new Set(rows.map((r) => `${r.actor_type}:${r.action}`));
    for (const a of [
      'student:student.read',
      'guardian:student.read',
      'student:agreement.sign',
      'guardian:agreement.sign',
      'student:hours.log',
      'student:reflection.save',
      'student:survey.answer',
    ]) {
      assert.ok(acts.has(a), `${a} in ${[...acts].join(', ')}`);
    }
    assert.ok(rows.every((r) => !(r.detail ?? '').includes('vitals') && !(r.detail ?? '').includes('Great team')));
  });
});

describe('me: events, badges and the name on them', () => {
  it('shows a reserved event and an attended one, which counts as career awareness', async () => {
    const s = await newStudent();
    const email = studentEmail(s);
    const fair = R.events.careerFairId;
    const res = await api(`/events/${fair}/rsvps`, {
      method: 'POST',
      key: R.key,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'CF-Connecting-IP': nextClient() },
      body: JSON.stringify({ name: s.preferredName, email, role: 'student', partySize: 1, grade: 11, consent: true, formToken: await formToken('rsvp') }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const past = R.events.pastId;
    sql(
      `INSERT INTO attendance (id, tenant_id, event_id, student_id, name, walk_in) VALUES ('att_${randomUUID().slice(0, 8)}', ${quote(R.tenantId)}, ${quote(past)}, ${quote(s.id)}, ${quote(s.preferredName)}, 1)`,
    );
    // A reservation for an event that went by without a check-in was missed; a cancelled one says so.
    const rsvpRow = (who: TestStudent, event: string, status: string) =>
      `INSERT INTO rsvps (id, tenant_id, event_id, name, email, role, party_size, status, student_id, cancel_token_hash) VALUES ('rsvp_${randomUUID().slice(0, 8)}', ${quote(R.tenantId)}, ${quote(event)}, ${quote(who.preferredName)}, 'someone.else@example.com', 'student', 1, ${quote(status)}, ${quote(who.id)}, ${quote(randomUUID())})`;
    sql(rsvpRow(s, R.events.familyNightId, 'cancelled'));
    const absent = await newStudent();
    sql(rsvpRow(absent, past, 'confirmed'));
    const theirs = await record(await studentSession(absent));
    assert.equal(theirs.students[0]!.events.find((e) => e.id === past)?.status, 'missed');
    assert.equal(theirs.students[0]!.continuum.find((c) => c.stage === 'awareness')!.experiences.length, 0);
    const me = await record(await studentSession(s));
    const events = me.students[0]!.events;
    assert.equal(events.find((e) => e.id === R.events.familyNightId)?.status, 'cancelled');
    assert.equal(events.find((e) => e.id === fair)?.status, 'reserved');
    assert.equal(events.find((e) => e.id === past)?.status, 'attended');
    const awareness = me.students[0]!.continuum.find((c) => c.stage === 'awareness')!;
    assert.deepEqual(
      awareness.experiences.map((e) => [e.kind, e.id]),
      [['event', past]],
    );
  });

  it('lets the student choose whether their name shows on their badges', async () => {
    const s = await newStudent();
    const t = await studentSession(s);
    assert.equal((await record(t)).students[0]!.showNameOnBadges, false);
    const res = await asPerson(t, 'PUT', `/students/${s.id}/badge-name`, { showNameOnBadges: true });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await record(t)).students[0]!.showNameOnBadges, true);
    const bad = await expectProblem(await asPerson(t, 'PUT', `/students/${s.id}/badge-name`, { showNameOnBadges: 'yes' }), 400);
    assert.equal(bad.errors![0]!.path, 'showNameOnBadges');
  });
});

describe('me: nobody else’s record', () => {
  it('answers 404 on every route for another student’s ids, and for another district’s', async () => {
    const owner = await newStudent();
    const appId = await applied(owner, ARROYO.shadow);
    const other = await newStudent();
    const t = await studentSession(other);
    const family = await siblings();
    const g = await session({ token: (await linkToken(family.guardianEmail)).token });
    const lakesideApp = DEMO.lakeside.placements.underReviewId;
    const week = mondayOf(riversideToday());
    for (const token of [t, g]) {
      for (const id of [appId, lakesideApp]) {
        await expectProblem(await asPerson(token, 'POST', `/applications/${id}/answer`, { answer: 'accept' }), 404);
        await expectProblem(await asPerson(token, 'POST', `/placements/${id}/signature`, { version: 'v1', typedName: 'X', agree: true }), 404);
        await expectProblem(await asPerson(token, 'POST', `/placements/${id}/hours`, { workedOn: riversideToday(), hours: 1, activity: 'x' }), 404);
        await expectProblem(await asPerson(token, 'PUT', `/placements/${id}/reflections/${week}`, { body: 'x' }), 404);
        await expectProblem(await asPerson(token, 'POST', `/placements/${id}/survey`, { meaningful: 1, feltSafe: 1, wouldRecommend: 1 }), 404);
      }
      await expectProblem(await asPerson(token, 'PUT', `/students/${owner.id}/badge-name`, { showNameOnBadges: true }), 404);
    }
    // A guardian does not choose for their student, even their own.
    await expectProblem(await asPerson(g, 'PUT', `/students/${family.ids[0]}/badge-name`, { showNameOnBadges: true }), 404);
    // Nothing of the owner's record reaches another person.
    const seen = JSON.stringify(await record(t)) + JSON.stringify(await record(g));
    assert.ok(!seen.includes(appId) && !seen.includes(owner.id));
    // A session is good only on its own district's sites.
    await expectProblem(await asPerson(t, 'GET', '', undefined, { key: 'pk_demo_lakeside' }), 401);
    // And without any session, nothing.
    await expectProblem(await asPerson(null, 'GET', ''), 401);
  });
});

describe('me: declining an offer', () => {
  it('declines without writing to the student about their own choice; the guardian is told', async () => {
    const s = await newStudent();
    const appId = await applied(s, ARROYO.shadow);
    await move(appId, 'under_review', 'offered');
    const t = await studentSession(s);
    // The offer's own message reaches the student (and the guardian) first.
    await waitForMail(studentEmail(s));
    await waitForMail(guardianEmail(s));
    const after = await mark();
    const res = await asPerson(t, 'POST', `/applications/${appId}/answer`, { answer: 'decline', note: 'I got a job at the library' });
    assert.equal(res.status, 200, await res.clone().text());
    const app = (await res.json()) as { status: string; actions: string[]; nextStep: string | null };
    assert.deepEqual([app.status, app.actions], ['declined', []]);
    await waitForMail(guardianEmail(s), { after });
    assert.equal((await settledMail(studentEmail(s), after, 1000)).length, 0);
    const history = sql<{ note: string }>(`SELECT note FROM application_events WHERE application_id = ${quote(appId)} AND to_status = 'declined'`);
    assert.deepEqual(history, [{ note: 'I got a job at the library' }]);
  });
});

describe('me: from the school’s page', () => {
  it('lets the page send the session and the site key across origins', async () => {
    const res = await api('/me', {
      method: 'OPTIONS',
      key: null,
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization, x-site-key' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), ORIGIN);
    assert.match(res.headers.get('Access-Control-Allow-Headers') ?? '', /Authorization/);
    assert.match(res.headers.get('Access-Control-Allow-Methods') ?? '', /PUT/);
    const s = await newStudent();
    const t = await studentSession(s);
    const read = await asPerson(t, 'GET', '', undefined, { headers: { Origin: ORIGIN } });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('Access-Control-Allow-Origin'), ORIGIN);
    assert.equal(read.headers.get('Cache-Control'), 'no-store');
    const foreign = await asPerson(t, 'GET', '', undefined, { headers: { Origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
  });

  it('writes the sign-in link in Spanish to a family that asks in Spanish', async () => {
    const s = await newStudent();
    const { text, url } = await linkToken(guardianEmail(s), { lang: 'es' });
    assert.match(text, /Abra este enlace/);
    assert.match(url, /[?&]lang=es#wbl-signin=/);
  });
});
