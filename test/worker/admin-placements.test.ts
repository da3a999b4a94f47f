/** The placement pipeline under /api/v1/admin and the public signing links, on the real Worker and D1. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { CoordinatorSignRequest, EvaluationRequest, HourLogRequest, SupervisorAssignment, TransitionRequest } from '../../schema/api/admin/placements.js';
import { AgreementSignRequest } from '../../schema/api/agreements.js';
import { DEMO } from '../../demo/seed/index.js';
import { api, BASE, expectProblem } from './helpers.js';
import { waitForMail } from './mail.js';
import { ADMIN, as, COORDINATOR, LAKESIDE, quote, read, sql, SUPERVISOR, VIEWER, write } from './admin-helpers.js';
import {
  ARROYO,
  applied,
  assignSupervisor,
  move,
  newStudent,
  otherEmployerOpportunity,
  R,
  riversideToday,
  sign,
  signAsCoordinator,
  signEverything,
  signTokens,
  THIS_YEAR,
} from './placement-helpers.js';

const P = R.placements;
const DEMO_LAKESIDE_APP = DEMO.lakeside.placements.underReviewId;
const events = (appId: string) =>
  sql<{ from_status: string; to_status: string }>(
    `SELECT from_status, to_status FROM application_events WHERE application_id = ${quote(appId)} ORDER BY at, rowid`,
  );

/** A new minor's application to the demo supervisor's employer, moved to a status. */
async function placement(steps: string[], opts: { adult?: boolean; opportunity?: string } = {}) {
  const student = await newStudent(opts.adult ? { grade: 12, birthYear: THIS_YEAR - 19, guardian: false } : { grade: 11 });
  const id = await applied(student, opts.opportunity ?? ARROYO.shadow);
  if (steps.length) await move(id, ...steps);
  return { id, student };
}

/** An application under way, every signature in; at Arroyo Valley it is assigned to the demo supervisor. */
async function activePlacement(opportunity?: string) {
  const p = await placement(['under_review', 'offered'], { opportunity });
  if (!opportunity) await assignSupervisor(p.id);
  await move(p.id, 'accepted');
  await signEverything(p.id);
  await move(p.id, 'confirmed', 'active');
  return p;
}

describe('pipeline: who sees what', () => {
  it('shows coordinators the tenant, a supervisor only the placements assigned to them, and viewers nothing', async () => {
    const all = await read(COORDINATOR, '/admin/applications', { limit: 100 });
    assert.ok(all.items.length >= 30);
    assert.ok(new Set(all.items.map((a: any) => a.opportunity.employer.id)).size > 5);
    const mine = await read(SUPERVISOR, '/admin/applications', { limit: 100 });
    assert.ok(mine.items.length >= P.supervisorApplicationIds.length);
    assert.ok(
      mine.items.every((a: any) => a.opportunity.employer.id === ARROYO.employerId),
      'only Arroyo Valley Medical Center',
    );
    assert.ok(
      mine.items.every((a: any) => a.supervisor?.id === 'usr_riv_supervisor'),
      'only their own placements',
    );
    assert.ok(
      mine.items.every((a: any) => ['accepted', 'confirmed', 'active', 'completed', 'cancelled'].includes(a.status)),
      'from acceptance on',
    );
    for (const id of P.supervisorApplicationIds) assert.ok(mine.items.some((a: any) => a.id === id));
    const elsewhere = P.completedIds.find((id) => !P.supervisorApplicationIds.includes(id))!;
    await expectProblem(await as(SUPERVISOR, 'GET', `/admin/applications/${elsewhere}`), 404);
    assert.equal((await read(SUPERVISOR, `/admin/applications/${P.activeId}`)).allowedTransitions.length, 0);
    await expectProblem(await as(SUPERVISOR, 'POST', `/admin/applications/${P.activeId}/transition`, { to: 'completed' }), 403);
    await expectProblem(await as(SUPERVISOR, 'GET', '/admin/outbox'), 403);
    await expectProblem(await as(VIEWER, 'GET', '/admin/applications'), 403);
    await expectProblem(await as(VIEWER, 'GET', `/admin/applications/${P.activeId}`), 403);
    await expectProblem(await as(VIEWER, 'GET', '/admin/outbox'), 403);
    await expectProblem(await as(null, 'GET', '/admin/applications'), 401);
    assert.equal((await read(ADMIN, `/admin/applications/${P.activeId}`)).id, P.activeId);
  });

  it('answers 404 across tenants and refuses a tenantId in a body', async () => {
    await expectProblem(await as(LAKESIDE, 'GET', `/admin/applications/${P.activeId}`), 404);
    await expectProblem(await as(LAKESIDE, 'POST', `/admin/applications/${P.activeId}/transition`, { to: 'completed' }), 404);
    await expectProblem(await as(LAKESIDE, 'POST', `/admin/applications/${P.activeId}/hours`, { workedOn: riversideToday(), hours: 1, activity: 'x' }), 404);
    await expectProblem(await as(LAKESIDE, 'POST', `/admin/hours/${P.pendingHourIds[0]}/approve`), 404);
    await expectProblem(await as(COORDINATOR, 'GET', `/admin/applications/${DEMO_LAKESIDE_APP}`), 404);
    const lakeside = (await read(LAKESIDE, '/admin/applications', { limit: 100 })).items.map((a: any) => a.id);
    assert.ok(lakeside.includes(DEMO_LAKESIDE_APP));
    assert.ok(!lakeside.some((id: string) => id.startsWith('app_riv_')), 'none of Riverside’s');
    const outbox = await read(LAKESIDE, '/admin/outbox', { relatedId: P.activeId });
    assert.deepEqual(outbox.items, []);
    const problem = await expectProblem(
      await as(COORDINATOR, 'POST', `/admin/applications/${P.submittedIds[0]}/transition`, { to: 'under_review', tenantId: 'ten_lakeside' }),
      400,
    );
    assert.deepEqual(
      problem.errors!.map((e) => e.path),
      ['tenantId'],
    );
  });

  it('filters and pages the list, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let last = '9999';
    do {
      const page = await read(COORDINATOR, '/admin/applications', { status: 'completed,active', limit: 3, cursor });
      for (const a of page.items) {
        assert.ok(['completed', 'active'].includes(a.status));
        assert.ok(a.createdAt <= last, 'newest first');
        last = a.createdAt;
        seen.push(a.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    for (const id of [...P.completedIds, ...P.activeIds]) assert.ok(seen.includes(id));
    assert.equal(new Set(seen).size, seen.length);
    const bySchool = await read(COORDINATOR, '/admin/applications', { schoolId: 'sch_riv_canyon_high', limit: 100 });
    assert.ok(bySchool.items.length > 0 && bySchool.items.every((a: any) => a.student.school.id === 'sch_riv_canyon_high'));
    const byOpportunity = await read(COORDINATOR, '/admin/applications', { opportunityId: ARROYO.cna, limit: 100 });
    assert.ok(byOpportunity.items.every((a: any) => a.opportunity.id === ARROYO.cna));
    await expectProblem(await as(COORDINATOR, 'GET', '/admin/applications', undefined, { query: { status: 'pending' } }), 400);
  });

  it('details a seeded completed placement: signatures, approved hours, both evaluations, its history', async () => {
    const d = await read(COORDINATOR, `/admin/applications/${P.completedIds[0]}`);
    assert.equal(d.status, 'completed');
    assert.deepEqual(d.agreement.missing, []);
    assert.ok(d.hours.totals.approved > 20 && d.hours.totals.pending === 0);
    assert.deepEqual(d.evaluations.map((e: any) => e.phase).sort(), ['final', 'midpoint']);
    const final = d.evaluations.find((e: any) => e.phase === 'final');
    assert.deepEqual(
      final.ratings.map((r: any) => ({ skill: r.skill, level: r.level })),
      P.completed[0]!.finalRatings,
    );
    assert.deepEqual(
      d.history.map((h: any) => h.to),
      ['under_review', 'offered', 'accepted', 'confirmed', 'active', 'completed'],
    );
    assert.ok(!('guardianEmail' in d.student) && !('studentNumber' in d.student), 'only the student’s minimal fields');
    const read1 = sql(
      `SELECT 1 FROM audit_log WHERE action = 'application.read' AND actor_id = 'usr_riv_coordinator' AND detail LIKE ${quote(`%${P.completedIds[0]}%`)}`,
    );
    assert.ok(read1.length >= 1, 'the read is audited');
  });
});

describe('pipeline: transitions', () => {
  it('allows only the moves of DESIGN.md §2, and records each with its note', async () => {
    const { id, student } = await placement([]);
    const skip = await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'offered' }), 409);
    assert.equal(skip.errors![0]!.path, 'to');
    await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'cancelled' }), 409);
    await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'shortlisted' }), 400);
    const reviewed = await write(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'under_review', note: 'Checking bus routes.' });
    assert.equal(reviewed.status, 'under_review');
    assert.deepEqual(reviewed.allowedTransitions, ['offered', 'declined', 'withdrawn']);
    assert.equal(reviewed.history[0].note, 'Checking bus routes.');
    await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'completed' }), 409);
    const declined = await write(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'declined', note: 'Placed elsewhere.' });
    assert.deepEqual(declined.allowedTransitions, []);
    const final = await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'withdrawn' }), 409);
    assert.match(final.detail!, /final/);
    const audit = sql<{ detail: string; entity_id: string }>(
      `SELECT detail, entity_id FROM audit_log WHERE action = 'application.transition' AND detail LIKE ${quote(`%${id}%`)} ORDER BY id`,
    );
    assert.deepEqual(
      audit.map((a) => JSON.parse(a.detail).to),
      ['under_review', 'declined'],
    );
    assert.ok(audit.every((a) => a.entity_id === student.id));
    // The listing says who was written to; what they read is in their inbox.
    const messages = await read(COORDINATOR, '/admin/outbox', { relatedId: id });
    const declinedMessage = messages.items.find((m: { subject: string }) => /About your application/.test(m.subject));
    const [why] = await waitForMail(declinedMessage.recipient, { match: (m) => m.mail.messageId?.startsWith(`<${declinedMessage.id}@`) === true });
    assert.match(why!.mail.text ?? '', /Placed elsewhere/, 'the student hears why');
  });

  it('lets exactly one of two racing moves win', async () => {
    // Two final moves: whichever lands first, the other is no longer a move from where it is.
    const { id } = await placement([]);
    const [a, b] = await Promise.all([
      as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'declined' }),
      as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'withdrawn' }),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 409]);
    const winner = a.status === 200 ? 'declined' : 'withdrawn';
    assert.equal((await read(COORDINATOR, `/admin/applications/${id}`)).status, winner);
    assert.deepEqual(
      events(id).map((e) => e.to_status),
      [winner],
      'one event, the winner’s',
    );
    assert.equal(sql(`SELECT 1 FROM audit_log WHERE action = 'application.transition' AND detail LIKE ${quote(`%${id}%`)}`).length, 1);

    // The same move twice at once: still one winner.
    const { id: twin } = await placement([]);
    const pair = await Promise.all([0, 1].map(() => as(COORDINATOR, 'POST', `/admin/applications/${twin}/transition`, { to: 'under_review' })));
    assert.deepEqual(pair.map((r) => r.status).sort(), [200, 409]);
    assert.equal(events(twin).length, 1);
  });

  it('withdraws from any open status and cancels only confirmed or active placements', async () => {
    const { id } = await placement(['under_review', 'offered']);
    await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'cancelled' }), 409);
    assert.equal((await move(id, 'withdrawn')).status, 'withdrawn');
    const active = await activePlacement();
    assert.equal((await move(active.id, 'cancelled')).status, 'cancelled');
  });
});

describe('pipeline: training agreement', () => {
  it('refuses confirmed until the student, guardian, supervisor and coordinator have all signed', async () => {
    const { id, student } = await placement(['under_review', 'offered']);
    const accepted = await move(id, 'accepted');
    assert.deepEqual(accepted.agreement.required, ['student', 'guardian', 'supervisor', 'coordinator']);
    assert.equal(accepted.agreement.signatures.length, 4);
    const tokens = await signTokens(id);
    assert.deepEqual(Object.keys(tokens).sort(), ['guardian', 'student', 'supervisor'], 'no link for the coordinator, who signs in the console');
    const stored = sql<{ role: string; sign_token_hash: string | null }>(`SELECT role, sign_token_hash FROM agreements WHERE application_id = ${quote(id)}`);
    assert.ok(
      stored.every((r) => (r.role === 'coordinator' ? r.sign_token_hash === null : /^[0-9a-f]{64}$/.test(r.sign_token_hash ?? ''))) &&
        !JSON.stringify(stored).includes(tokens.student!),
      'only hashes stored, and none for the coordinator',
    );

    const none = await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'confirmed' }), 409);
    assert.deepEqual(none.errors!.map((e) => e.path).sort(), ['agreement.coordinator', 'agreement.guardian', 'agreement.student', 'agreement.supervisor']);

    // What a signer sees: the placement's summary and the student's preferred name, nothing more.
    const viewRes = await api(`/agreements/${tokens.guardian}`, { key: null });
    assert.equal(viewRes.status, 200);
    assert.equal(viewRes.headers.get('cache-control'), 'no-store');
    const view = await viewRes.json();
    assert.equal(view.role, 'guardian');
    assert.equal(view.signed, false);
    assert.equal(view.placement.studentPreferredName, student.preferredName);
    assert.equal(view.placement.employerName, 'Arroyo Valley Medical Center');
    assert.match(view.text.body, /Training Agreement/);
    const raw = JSON.stringify(view);
    assert.ok(!raw.includes(student.studentNumber) && !raw.includes('@'), 'no number, no email');

    for (const role of ['student', 'supervisor']) assert.equal((await sign(tokens[role]!, `Signer ${role}`)).status, 200);
    assert.equal((await signAsCoordinator(id, 'Signer coordinator')).status, 200);
    const one = await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/transition`, { to: 'confirmed' }), 409);
    assert.deepEqual(
      one.errors!.map((e) => e.path),
      ['agreement.guardian'],
    );
    const signed = await sign(tokens.guardian!, 'Pat Guardian');
    assert.equal(signed.status, 200);
    assert.equal((await signed.json()).signed, true);
    // A retry of the same signature answers the same; anyone else is refused.
    assert.equal((await sign(tokens.guardian!, ' pat  guardian ')).status, 200);
    await expectProblem(await sign(tokens.guardian!, 'Someone Else'), 409);
    const confirmed = await move(id, 'confirmed');
    assert.equal(confirmed.status, 'confirmed');
    assert.ok(confirmed.agreement.signatures.every((s: any) => s.signed && s.signedAt && s.textVersion));
    const office = await read(COORDINATOR, '/admin/outbox', { relatedId: id });
    assert.ok(
      office.items.some((m: any) => /All signatures in/.test(m.subject)),
      'the office hears when the last signature is in',
    );
    assert.ok(sql(`SELECT 1 FROM audit_log WHERE action = 'agreement.sign' AND entity_id = ${quote(student.id)}`).length === 4);
  });

  it('needs no guardian for a student who is 18', async () => {
    const { id } = await placement(['under_review', 'offered', 'accepted'], { adult: true, opportunity: ARROYO.cna });
    const tokens = await signTokens(id);
    assert.deepEqual(Object.keys(tokens).sort(), ['student', 'supervisor']);
    for (const [role, token] of Object.entries(tokens)) assert.equal((await sign(token, `Adult ${role}`)).status, 200);
    assert.equal((await signAsCoordinator(id)).status, 200);
    assert.equal((await move(id, 'confirmed')).status, 'confirmed');
  });

  it('re-issues unsigned links (the old one stops working) and refuses bad or missing tokens', async () => {
    const { id } = await placement(['under_review', 'offered', 'accepted']);
    const before = await signTokens(id);
    assert.equal((await sign(before.student!, 'First Signer')).status, 200);
    const issued = await write(COORDINATOR, 'POST', `/admin/applications/${id}/agreement`, undefined);
    assert.deepEqual(issued.sent.map((s: any) => s.role).sort(), ['guardian', 'supervisor']);
    await expectProblem(await api(`/agreements/${before.guardian}`, { key: null }), 404);
    const after = await signTokens(id);
    assert.notEqual(after.guardian, before.guardian);
    assert.equal((await api(`/agreements/${before.student}`, { key: null })).status, 200, 'a signed link still shows what was signed');
    await expectProblem(await api('/agreements/not-a-token', { key: null }), 404);
    await expectProblem(await api(`/agreements/${'A'.repeat(43)}`, { key: null }), 404);
    const refused = await api(`/agreements/${after.guardian}/sign`, {
      key: null,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ typedName: '', agree: false }),
    });
    assert.deepEqual((await expectProblem(refused, 400)).errors!.map((e) => e.path).sort(), ['agree', 'typedName']);
    // A withdrawn placement's links stop working.
    await move(id, 'withdrawn');
    await expectProblem(await api(`/agreements/${after.guardian}`, { key: null }), 404);
    await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/agreement`), 409);
  });

  it('signs the seeded demo agreement through its known link', async () => {
    const res = await api(`/agreements/${P.signTokens.supervisor}`, { key: null });
    assert.equal(res.status, 200);
    const view = await res.json();
    assert.equal(view.role, 'supervisor');
    assert.equal(view.placement.employerName, 'Arroyo Valley Medical Center');
    const detail = await read(COORDINATOR, `/admin/applications/${P.acceptedId}`);
    assert.deepEqual(detail.agreement.missing.sort(), ['coordinator', 'guardian', 'supervisor']);
  });

  it('assigns only a supervisor at the opportunity’s employer', async () => {
    const { id } = await placement(['under_review']);
    const assigned = await write(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorUserId: 'usr_riv_supervisor' });
    assert.equal(assigned.supervisor.id, 'usr_riv_supervisor');
    assert.ok(assigned.supervisorOptions.some((u: any) => u.id === 'usr_riv_supervisor'));
    const wrong = await expectProblem(await as(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorUserId: 'usr_riv_viewer' }), 400);
    assert.equal(wrong.errors![0]!.path, 'supervisorUserId');
    assert.equal((await write(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorUserId: null })).supervisor, null);
  });
});

describe('pipeline: hours', () => {
  it('logs hours, approves them, and keeps the totals', async () => {
    const { id } = await activePlacement();
    const today = riversideToday();
    const bySupervisor = await write(
      SUPERVISOR,
      'POST',
      `/admin/applications/${id}/hours`,
      { workedOn: today, hours: 2, activity: 'Restocked supply carts' },
      201,
    );
    assert.equal(bySupervisor.entry.approved, true, 'a supervisor’s own entry is approved');
    const byCoordinator = await write(
      COORDINATOR,
      'POST',
      `/admin/applications/${id}/hours`,
      { workedOn: today, hours: 3.25, activity: 'Shadowed the charge nurse' },
      201,
    );
    assert.equal(byCoordinator.entry.approved, false);
    assert.deepEqual(byCoordinator.totals, { logged: 5.25, approved: 2, pending: 3.25 });
    const approved = await write(SUPERVISOR, 'POST', `/admin/hours/${byCoordinator.entry.id}/approve`, undefined);
    assert.equal(approved.entry.approvedBy.id, 'usr_riv_supervisor');
    assert.deepEqual(approved.totals, { logged: 5.25, approved: 5.25, pending: 0 });
    const again = await write(COORDINATOR, 'POST', `/admin/hours/${byCoordinator.entry.id}/approve`, undefined);
    assert.equal(again.entry.approvedBy.id, 'usr_riv_supervisor', 'the first approval stands');
    assert.deepEqual((await read(COORDINATOR, `/admin/applications/${id}`)).hours.totals, { logged: 5.25, approved: 5.25, pending: 0 });
  });

  it('refuses hours that cannot be right, and hours on placements not under way', async () => {
    const { id } = await activePlacement();
    const future = await expectProblem(
      await as(COORDINATOR, 'POST', `/admin/applications/${id}/hours`, { workedOn: riversideToday(2), hours: 1, activity: 'x' }),
      400,
    );
    assert.equal(future.errors![0]!.path, 'workedOn');
    const early = await expectProblem(
      await as(COORDINATOR, 'POST', `/admin/applications/${id}/hours`, { workedOn: riversideToday(-30), hours: 1, activity: 'x' }),
      400,
    );
    assert.equal(early.errors![0]!.path, 'workedOn');
    const shape = await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/hours`, { workedOn: 'yesterday', hours: 0, activity: '' }), 400);
    assert.deepEqual(shape.errors!.map((e) => e.path).sort(), ['activity', 'hours', 'workedOn']);
    await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${id}/hours`, { workedOn: riversideToday(), hours: 13, activity: 'Long day' }), 400);
    await write(COORDINATOR, 'POST', `/admin/applications/${id}/hours`, { workedOn: riversideToday(), hours: 8, activity: 'Long day' }, 201);
    const over = await expectProblem(
      await as(COORDINATOR, 'POST', `/admin/applications/${id}/hours`, { workedOn: riversideToday(), hours: 4.5, activity: 'More' }),
      400,
    );
    assert.equal(over.errors![0]!.code, 'day_limit');
    const { id: early2 } = await placement(['under_review']);
    await expectProblem(await as(COORDINATOR, 'POST', `/admin/applications/${early2}/hours`, { workedOn: riversideToday(), hours: 1, activity: 'x' }), 409);
  });

  it('keeps supervisors to placements at their own employer', async () => {
    const elsewhere = await activePlacement(await otherEmployerOpportunity(11));
    await expectProblem(
      await as(SUPERVISOR, 'POST', `/admin/applications/${elsewhere.id}/hours`, { workedOn: riversideToday(), hours: 1, activity: 'x' }),
      404,
    );
    const logged = await write(
      COORDINATOR,
      'POST',
      `/admin/applications/${elsewhere.id}/hours`,
      { workedOn: riversideToday(), hours: 1, activity: 'Orientation' },
      201,
    );
    await expectProblem(await as(SUPERVISOR, 'POST', `/admin/hours/${logged.entry.id}/approve`), 404);
    await expectProblem(await as(VIEWER, 'POST', `/admin/hours/${logged.entry.id}/approve`), 403);
    // The seeded demo: hours wait for the supervisor on their active placement.
    const pending = (await read(SUPERVISOR, `/admin/applications/${P.activeId}`)).hours.entries.filter((h: any) => !h.approved).map((h: any) => h.id);
    assert.deepEqual(pending.sort(), [...P.pendingHourIds].sort());
  });
});

describe('pipeline: evaluations', () => {
  it('rates every named skill 1–4, only while under way, and keeps the latest', async () => {
    const { id: notYet } = await placement(['under_review', 'offered']);
    const d0 = await read(COORDINATOR, `/admin/applications/${notYet}`);
    const all = [...d0.opportunity.skills, ...d0.opportunity.technicalSkills] as string[];
    const ratings = all.map((skill, i) => ({ skill, level: (i % 4) + 1, comment: `About ${skill}` }));
    await expectProblem(await as(COORDINATOR, 'PUT', `/admin/applications/${notYet}/evaluations/final`, { ratings }), 409);

    const { id } = await activePlacement();
    const missing = await expectProblem(await as(SUPERVISOR, 'PUT', `/admin/applications/${id}/evaluations/midpoint`, { ratings: ratings.slice(1) }), 400);
    assert.equal(missing.errors![0]!.path, 'ratings');
    assert.match(missing.errors![0]!.message, new RegExp(all[0]!));
    const unknown = await expectProblem(
      await as(SUPERVISOR, 'PUT', `/admin/applications/${id}/evaluations/midpoint`, { ratings: [...ratings, { skill: 'juggling', level: 3 }] }),
      400,
    );
    assert.equal(unknown.errors![0]!.path, `ratings.${ratings.length}.skill`);
    const range = await expectProblem(
      await as(SUPERVISOR, 'PUT', `/admin/applications/${id}/evaluations/midpoint`, { ratings: ratings.map((r) => ({ ...r, level: 5 })) }),
      400,
    );
    assert.ok(range.errors!.every((e) => /ratings\.\d+\.level/.test(e.path)));
    await expectProblem(await as(SUPERVISOR, 'PUT', `/admin/applications/${id}/evaluations/annual`, { ratings }), 404);
    await expectProblem(await as(VIEWER, 'PUT', `/admin/applications/${id}/evaluations/midpoint`, { ratings }), 403);

    const mid = await write(SUPERVISOR, 'PUT', `/admin/applications/${id}/evaluations/midpoint`, { ratings, comments: 'Settling in.' });
    assert.equal(mid.evaluator.id, 'usr_riv_supervisor');
    assert.deepEqual(
      mid.ratings.map((r: any) => r.level),
      ratings.map((r) => r.level),
    );
    const revised = await write(SUPERVISOR, 'PUT', `/admin/applications/${id}/evaluations/midpoint`, { ratings: ratings.map((r) => ({ ...r, level: 3 })) });
    assert.equal(revised.id, mid.id, 'one midpoint evaluation, revised');
    const final = await write(COORDINATOR, 'PUT', `/admin/applications/${id}/evaluations/final`, { ratings: ratings.map((r) => ({ ...r, level: 4 })) });
    assert.equal(final.phase, 'final');
    const d = await read(COORDINATOR, `/admin/applications/${id}`);
    assert.deepEqual(d.evaluations.map((e: any) => e.phase).sort(), ['final', 'midpoint']);
    assert.equal(sql(`SELECT 1 FROM audit_log WHERE action = 'evaluation.record' AND detail LIKE ${quote(`%${id}%`)}`).length, 3);
    assert.equal((await move(id, 'completed')).completedOn, riversideToday());
  });
});

describe('pipeline: documents and examples', () => {
  it('documents every route in OpenAPI, and the request examples validate', async () => {
    const doc = await (await fetch(`${BASE}/api/v1/openapi.json`)).json();
    for (const [path, method] of [
      ['/api/v1/admin/students', 'get'],
      ['/api/v1/admin/students/import', 'post'],
      ['/api/v1/admin/students/{id}/export', 'get'],
      ['/api/v1/admin/applications', 'get'],
      ['/api/v1/admin/applications/{id}/transition', 'post'],
      ['/api/v1/admin/applications/{id}/hours', 'post'],
      ['/api/v1/admin/hours/{id}/approve', 'post'],
      ['/api/v1/admin/applications/{id}/evaluations/{phase}', 'put'],
      ['/api/v1/admin/outbox', 'get'],
      ['/api/v1/admin/applications/{id}/agreement/sign', 'post'],
    ] as const)
      assert.deepEqual(doc.paths[path]?.[method]?.security, [{ bearer: [] }], `${method} ${path}`);
    assert.deepEqual(doc.paths['/api/v1/agreements/{token}/sign'].post.security, []);
    for (const schema of [TransitionRequest, SupervisorAssignment, HourLogRequest, EvaluationRequest, AgreementSignRequest, CoordinatorSignRequest]) {
      const { example } = z.globalRegistry.get(schema) as { example: unknown };
      assert.ok(z.safeParse(schema, example).success);
    }
  });
});
