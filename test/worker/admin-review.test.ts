/**
 * The console's review work on the real Worker and D1: who may do it, tenant isolation, host
 * offers approved, returned and declined, employer vetting, and the audit log that records it.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEMO } from '../../demo/seed/index.js';
import {
  ADMIN,
  as,
  COORDINATOR,
  retireTestOpportunities,
  LAKESIDE,
  quote,
  read,
  sql,
  submitOffer,
  SUPERVISOR,
  uniqueWord,
  VIEWER,
  write,
} from './admin-helpers.js';
import { api, expectProblem, getJson } from './helpers.js';

const offerPath = (id: string, action = '') => `/admin/review/host-offers/${id}${action ? `/${action}` : ''}`;

/** The public board and search, as a school's website sees them. */
async function onBoard(id: string, word: string): Promise<{ detail: number; inSearch: boolean }> {
  const detail = (await api(`/opportunities/${id}`)).status;
  const search = await getJson<{ items: { id: string }[] }>('/opportunities', { query: { q: word } });
  return { detail, inSearch: search.items.some((o) => o.id === id) };
}

after(retireTestOpportunities);
describe('console access', () => {
  it('asks for a session on every admin route', async () => {
    for (const [method, path] of [
      ['GET', '/admin/review/host-offers'],
      ['GET', '/admin/employers'],
      ['GET', '/admin/opportunities'],
      ['GET', '/admin/events'],
      ['GET', '/admin/audit'],
      ['GET', '/admin/sites'],
      ['POST', '/admin/opportunities'],
    ]) {
      const res = await as(null, method!, path!, method === 'POST' ? {} : undefined);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
      await expectProblem(res, 401);
    }
  });

  it('keeps the review queue from a supervisor and writes from a viewer', async () => {
    for (const path of [
      '/admin/review/host-offers',
      '/admin/review/opportunities',
      '/admin/employers',
      '/admin/audit',
      '/admin/opportunities',
      '/admin/events',
    ]) {
      await expectProblem(await as(SUPERVISOR, 'GET', path), 403);
    }
    await expectProblem(await as(VIEWER, 'GET', '/admin/review/host-offers'), 403);
    await expectProblem(await as(VIEWER, 'POST', '/admin/employers', { name: 'Viewer Co' }), 403);
    await expectProblem(await as(COORDINATOR, 'GET', '/admin/sites'), 403);
    const { id } = await submitOffer({ title: 'Viewer cannot approve' });
    await expectProblem(await as(VIEWER, 'POST', offerPath(id, 'approve'), { status: 'published' }), 403);
    await expectProblem(await as(SUPERVISOR, 'POST', offerPath(id, 'decline'), { reason: 'no' }), 403);
    assert.equal((await read(COORDINATOR, offerPath(id))).status, 'pending', 'nothing changed');
  });

  it('refuses a tenant in a body like any unknown field', async () => {
    const { id } = await submitOffer({ title: 'Tenant in body' });
    const approve = await expectProblem(await as(COORDINATOR, 'POST', offerPath(id, 'approve'), { status: 'draft', tenantId: 'ten_lakeside' }), 400);
    assert.deepEqual(
      approve.errors?.map((e) => e.path),
      ['tenantId'],
    );
    const employer = await expectProblem(await as(COORDINATOR, 'POST', '/admin/employers', { name: 'Sneaky', tenantId: 'ten_lakeside' }), 400);
    assert.deepEqual(
      employer.errors?.map((e) => e.path),
      ['tenantId'],
    );
  });
});

describe('review queue: host offers', () => {
  it('lists new offers first, with the employer’s submission in the detail', async () => {
    const word = uniqueWord('Queue');
    const first = await submitOffer({ title: `${word} first` });
    const second = await submitOffer({ title: `${word} second` });
    const page = await read(COORDINATOR, '/admin/review/host-offers', { limit: 100 });
    const ids = page.items.map((o: { id: string }) => o.id);
    assert.ok(ids.indexOf(second.id) < ids.indexOf(first.id) && ids.indexOf(second.id) >= 0, 'newest first');
    assert.ok(page.items.every((o: { status: string }) => o.status === 'pending'));
    const detail = await read(COORDINATOR, offerPath(first.id));
    assert.equal(detail.reference, first.reference);
    assert.equal(detail.submission.opportunity.title, `${word} first`);
    assert.equal(detail.submission.contact.email, 'denise.okafor@arroyovalleymedical.example');
    assert.ok(
      detail.similarEmployers.some((e: { id: string }) => e.id === 'emp_riv_arroyo_medical'),
      'suggests the employer it may already be',
    );
  });

  it('pages with a cursor and never repeats an offer', async () => {
    for (let i = 0; i < 3; i++) await submitOffer({ title: `Paging ${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await read(COORDINATOR, '/admin/review/host-offers', { limit: 2, cursor });
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((o: { id: string }) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.length >= 3);
    await expectProblem(await as(COORDINATOR, 'GET', '/admin/review/host-offers', undefined, { query: { cursor: 'not-a-cursor' } }), 400);
    await expectProblem(await as(COORDINATOR, 'GET', '/admin/review/host-offers', undefined, { query: { limit: 101 } }), 400);
  });

  it('approves an offer into exactly one new employer and one published opportunity, on the board and in search', async () => {
    const word = uniqueWord('Approve');
    const org = `${word} Robotics Lab`;
    const { id } = await submitOffer({ title: `${word} robotics internship`, organization: org, contactEmail: `${word.toLowerCase()}@robotics.example` });
    const result = await write(COORDINATOR, 'POST', offerPath(id, 'approve'), {
      status: 'published',
      cluster: 'advanced_manufacturing',
      gradeMax: 12,
      message: 'Welcome aboard.',
    });
    assert.equal(result.offer.status, 'approved');
    assert.equal(result.offer.reviewedBy.id, 'usr_riv_coordinator');
    assert.equal(result.employer.created, true);
    assert.equal(result.employer.vettingStatus, 'approved');
    assert.equal(result.opportunity.status, 'published');
    assert.equal(result.offer.opportunityId, result.opportunity.id);

    const opp = await read(COORDINATOR, `/admin/opportunities/${result.opportunity.id}`);
    assert.equal(opp.cluster, 'advanced_manufacturing');
    assert.equal(opp.stage, 'exploration', 'a job shadow is an exploration experience');
    assert.equal(opp.employer.name, org);
    assert.deepEqual(await onBoard(result.opportunity.id, word), { detail: 200, inSearch: true });

    const employers = await read(COORDINATOR, '/admin/employers', { q: word });
    assert.deepEqual(
      employers.items.map((e: { name: string }) => e.name),
      [org],
      'exactly one employer',
    );
    const opportunities = await read(COORDINATOR, '/admin/opportunities', { q: word });
    assert.deepEqual(
      opportunities.items.map((o: { id: string }) => o.id),
      [result.opportunity.id],
      'exactly one opportunity',
    );

    const again = await expectProblem(await as(COORDINATOR, 'POST', offerPath(id, 'approve'), { status: 'published' }), 409);
    assert.match(again.title, /already approved/);
    assert.equal((await read(COORDINATOR, '/admin/employers', { q: word })).items.length, 1, 'a second approval creates nothing');

    const mail = sql<{ recipient: string; subject: string; body: string }>(
      `SELECT recipient, subject, body FROM outbox WHERE related_id = ${quote(id)} ORDER BY created_at`,
    );
    assert.equal(mail.length, 2, 'the receipt and the approval');
    assert.equal(mail[1]!.recipient, `${word.toLowerCase()}@robotics.example`);
    assert.match(mail[1]!.subject, /approved/);
    assert.match(mail[1]!.body, /Welcome aboard\./);
  });

  it('settles simultaneous approvals in the database: one wins, nothing is made twice', async () => {
    const word = uniqueWord('Race');
    const { id } = await submitOffer({ title: `${word} shadow`, organization: `${word} Clinic` });
    const answers = await Promise.all(Array.from({ length: 4 }, () => as(COORDINATOR, 'POST', offerPath(id, 'approve'), { status: 'published' })));
    const statuses = answers.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409, 409, 409]);
    assert.equal((await read(COORDINATOR, '/admin/employers', { q: word })).items.length, 1);
    assert.equal((await read(COORDINATOR, '/admin/opportunities', { q: word })).items.length, 1);
    const audit = await read(COORDINATOR, '/admin/audit', { entityId: id, action: 'host_offer.approve' });
    assert.equal(audit.items.length, 1, 'only the winner is in the audit log');
  });

  it('links an existing employer of the tenant instead of creating one, and saves a draft off the board', async () => {
    const word = uniqueWord('Link');
    const { id } = await submitOffer({ title: `${word} pharmacy shadow` });
    const lakesideEmployer = (await read(LAKESIDE, '/admin/employers', { limit: 1 })).items[0].id as string;
    const foreign = await expectProblem(await as(COORDINATOR, 'POST', offerPath(id, 'approve'), { status: 'draft', employerId: lakesideEmployer }), 400);
    assert.deepEqual(
      foreign.errors?.map((e) => e.path),
      ['employerId'],
    );
    const before = (await read(COORDINATOR, '/admin/employers', { limit: 100 })).items.length;
    const result = await write(COORDINATOR, 'POST', offerPath(id, 'approve'), { status: 'draft', employerId: 'emp_riv_arroyo_medical' });
    assert.equal(result.employer.created, false);
    assert.equal(result.employer.id, 'emp_riv_arroyo_medical');
    assert.equal((await read(COORDINATOR, '/admin/employers', { limit: 100 })).items.length, before);
    assert.deepEqual(await onBoard(result.opportunity.id, word), { detail: 404, inSearch: false });
    assert.equal((await read(COORDINATOR, '/admin/opportunities', { q: word, status: 'draft' })).items.length, 1, 'found among drafts');
  });

  it('will not publish for an employer still pending vetting', async () => {
    const pending = (await read(COORDINATOR, '/admin/employers', { vetting: 'pending' })).items[0];
    assert.ok(pending, 'the seed has a pending employer');
    const { id } = await submitOffer({ title: 'Pending employer offer' });
    const problem = await expectProblem(await as(COORDINATOR, 'POST', offerPath(id, 'approve'), { status: 'published', employerId: pending.id }), 409);
    assert.match(problem.title, /not approved/);
    assert.equal((await read(COORDINATOR, offerPath(id))).status, 'pending');
  });

  it('returns an offer with a message the employer would be emailed, then declines it with a reason', async () => {
    const { id, reference } = await submitOffer({ title: 'Return then decline', contactEmail: 'returns@example.org' });
    const returned = await write(COORDINATOR, 'POST', offerPath(id, 'return'), { message: 'Please add the supervisor’s name.' });
    assert.equal(returned.status, 'returned');
    assert.equal(returned.reviewMessage, 'Please add the supervisor’s name.');
    assert.equal(
      (await read(COORDINATOR, '/admin/review/host-offers', { status: 'returned', limit: 100 })).items.some((o: { id: string }) => o.id === id),
      true,
    );
    const empty = await expectProblem(await as(COORDINATOR, 'POST', offerPath(id, 'decline'), { reason: '  ' }), 400);
    assert.deepEqual(
      empty.errors?.map((e) => e.path),
      ['reason'],
    );
    const declined = await write(COORDINATOR, 'POST', offerPath(id, 'decline'), { reason: 'We cannot place students overnight.' });
    assert.equal(declined.status, 'declined');
    await expectProblem(await as(COORDINATOR, 'POST', offerPath(id, 'approve'), { status: 'draft' }), 409);
    await expectProblem(await as(COORDINATOR, 'POST', offerPath(id, 'return'), { message: 'again' }), 409);
    const mail = sql<{ recipient: string; subject: string; body: string }>(
      `SELECT recipient, subject, body FROM outbox WHERE related_id = ${quote(id)} ORDER BY created_at, rowid`,
    );
    assert.equal(mail.length, 3, 'receipt, return, decline');
    assert.ok(mail.every((m) => m.recipient === 'returns@example.org'));
    assert.match(mail[1]!.body, /supervisor’s name/);
    assert.match(mail[2]!.body, /overnight/);
    assert.ok(mail[2]!.subject.includes(reference));
  });

  it('answers 404 to another tenant and never lists its offers', async () => {
    const { id } = await submitOffer({ title: 'Riverside only' });
    await expectProblem(await as(LAKESIDE, 'GET', offerPath(id)), 404);
    await expectProblem(await as(LAKESIDE, 'POST', offerPath(id, 'approve'), { status: 'draft' }), 404);
    await expectProblem(await as(LAKESIDE, 'POST', offerPath(id, 'decline'), { reason: 'Not ours' }), 404);
    for (const status of ['pending', 'approved', 'returned', 'declined']) {
      const page = await read(LAKESIDE, '/admin/review/host-offers', { status, limit: 100 });
      assert.ok(!page.items.some((o: { id: string }) => o.id === id), `no Riverside offer among ${status}`);
    }
    assert.equal((await read(COORDINATOR, offerPath(id))).status, 'pending');
  });

  it('shows opportunities waiting for review in the queue too', async () => {
    const page = await read(COORDINATOR, '/admin/review/opportunities', { limit: 100 });
    assert.ok(page.items.length > 0);
    assert.ok(page.items.every((o: { status: string }) => o.status === 'pending_review'));
    for (const id of DEMO.riverside.pendingIds)
      assert.ok(
        page.items.some((o: { id: string }) => o.id === id),
        `${id} is in the queue`,
      );
    const lakeside = await read(LAKESIDE, '/admin/review/opportunities', { limit: 100 });
    assert.ok(!lakeside.items.some((o: { id: string }) => DEMO.riverside.pendingIds.includes(o.id)));
  });
});

describe('employers', () => {
  async function approvedEmployerWithOpportunity(word: string) {
    const { id } = await submitOffer({ title: `${word} lab tour`, organization: `${word} Labs` });
    return write(COORDINATOR, 'POST', offerPath(id, 'approve'), { status: 'published' });
  }

  it('filters by vetting status and name, and keeps other tenants’ employers out', async () => {
    const approved = await read(COORDINATOR, '/admin/employers', { vetting: 'approved', limit: 100 });
    assert.ok(approved.items.length > 0 && approved.items.every((e: { vettingStatus: string }) => e.vettingStatus === 'approved'));
    const byName = await read(COORDINATOR, '/admin/employers', { q: 'arroyo' });
    assert.ok(byName.items.some((e: { id: string }) => e.id === 'emp_riv_arroyo_medical'));
    assert.ok(byName.items.every((e: { name: string }) => /arroyo/i.test(e.name)));
    const wildcard = await read(COORDINATOR, '/admin/employers', { q: '%' });
    assert.equal(wildcard.items.length, 0, 'a % is a character, not a wildcard');
    const lakeside = await read(LAKESIDE, '/admin/employers', { limit: 100 });
    assert.ok(lakeside.items.length > 0 && lakeside.items.every((e: { id: string }) => e.id.startsWith('emp_lak_')));
    await expectProblem(await as(LAKESIDE, 'GET', '/admin/employers/emp_riv_arroyo_medical'), 404);
    await expectProblem(await as(LAKESIDE, 'PATCH', '/admin/employers/emp_riv_arroyo_medical', { name: 'Taken over' }), 404);
    await expectProblem(await as(LAKESIDE, 'POST', '/admin/employers/emp_riv_arroyo_medical/vetting', { status: 'suspended' }), 404);
  });

  it('takes a suspended employer’s opportunities off the public board, and refuses to publish them until it is approved again', async () => {
    const word = uniqueWord('Suspend');
    const approval = await approvedEmployerWithOpportunity(word);
    const oppId = approval.opportunity.id as string;
    assert.equal((await onBoard(oppId, word)).detail, 200);
    const suspended = await write(COORDINATOR, 'POST', `/admin/employers/${approval.employer.id}/vetting`, { status: 'suspended', note: 'Insurance lapsed' });
    assert.equal(suspended.employer.vettingStatus, 'suspended');
    assert.deepEqual(suspended.closedOpportunityIds, [oppId]);
    assert.deepEqual(await onBoard(oppId, word), { detail: 404, inSearch: false });
    assert.equal((await read(COORDINATOR, `/admin/opportunities/${oppId}`)).status, 'closed');
    const refused = await expectProblem(await as(COORDINATOR, 'POST', `/admin/opportunities/${oppId}/publish`), 409);
    assert.match(refused.title, /not approved/);
    await write(COORDINATOR, 'POST', `/admin/employers/${approval.employer.id}/vetting`, { status: 'approved' });
    await write(COORDINATOR, 'POST', `/admin/opportunities/${oppId}/publish`, undefined);
    assert.deepEqual(await onBoard(oppId, word), { detail: 200, inSearch: true });
    const trail = await read(COORDINATOR, '/admin/audit', { entityId: oppId });
    assert.deepEqual(
      trail.items.map((e: { action: string }) => e.action),
      ['opportunity.publish', 'opportunity.close', 'opportunity.create'],
    );
    assert.equal(trail.items[1].detail.reason, 'employer.suspended');
  });

  it('renames an employer and search finds its opportunities by the new name', async () => {
    const word = uniqueWord('Rename');
    const approval = await approvedEmployerWithOpportunity(word);
    const newWord = uniqueWord('Renamed');
    const updated = await write(COORDINATOR, 'PATCH', `/admin/employers/${approval.employer.id}`, {
      name: `${newWord} Works`,
      insuranceExpiresOn: '2027-12-31',
      website: null,
    });
    assert.equal(updated.name, `${newWord} Works`);
    assert.equal(updated.insuranceExpiresOn, '2027-12-31');
    const search = await getJson<{ items: { id: string }[] }>('/opportunities', { query: { q: newWord } });
    assert.ok(search.items.some((o) => o.id === approval.opportunity.id));
    const bad = await expectProblem(
      await as(COORDINATOR, 'PATCH', `/admin/employers/${approval.employer.id}`, { insuranceExpiresOn: '2027-02-30', contactEmail: 'nope' }),
      400,
    );
    assert.deepEqual(bad.errors?.map((e) => e.path).sort(), ['contactEmail', 'insuranceExpiresOn']);
    await expectProblem(await as(COORDINATOR, 'PATCH', `/admin/employers/${approval.employer.id}`, { vettingStatus: 'approved' }), 400);
  });

  it('adds an employer by hand as pending', async () => {
    const created = await write(
      ADMIN,
      'POST',
      '/admin/employers',
      { name: 'Inland Solar Cooperative', clusters: ['energy_natural_resources'], state: 'ca' },
      201,
    );
    assert.equal(created.vettingStatus, 'pending');
    assert.equal(created.state, 'CA');
    assert.equal(created.publishedOpportunities, 0);
  });
});

describe('audit log', () => {
  it('records each review action with who did it, newest first, filterable by entity, action and actor', async () => {
    const { id } = await submitOffer({ title: 'Audited offer' });
    await write(COORDINATOR, 'POST', offerPath(id, 'return'), { message: 'Add hours.' });
    await write(ADMIN, 'POST', offerPath(id, 'decline'), { reason: 'Duplicate.' });
    const trail = await read(COORDINATOR, '/admin/audit', { entity: 'host_offer', entityId: id });
    assert.deepEqual(
      trail.items.map((e: { action: string }) => e.action),
      ['host_offer.decline', 'host_offer.return'],
    );
    assert.equal(trail.items[0].actorName, 'Renee Whitaker');
    assert.equal(trail.items[1].actorId, 'usr_riv_coordinator');
    assert.equal(trail.items[1].actorType, 'user');
    assert.ok(trail.items[0].at >= trail.items[1].at);
    const byActor = await read(COORDINATOR, '/admin/audit', { actorId: 'usr_riv_admin', entityId: id });
    assert.deepEqual(
      byActor.items.map((e: { action: string }) => e.action),
      ['host_offer.decline'],
    );
    const byPrefix = await read(COORDINATOR, '/admin/audit', { action: 'host_offer.', limit: 100 });
    assert.ok(byPrefix.items.length >= 2 && byPrefix.items.every((e: { action: string }) => e.action.startsWith('host_offer.')));
    // A refused action leaves no trace.
    await expectProblem(await as(COORDINATOR, 'POST', offerPath(id, 'decline'), { reason: 'Again' }), 409);
    assert.equal((await read(COORDINATOR, '/admin/audit', { entityId: id })).items.length, 2);
  });

  it('pages newest first without repeats, bounds by the tenant’s dates, and shows one tenant only', async () => {
    const ids: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 3; i++) {
      const page = await read(COORDINATOR, '/admin/audit', { limit: 3, cursor });
      ids.push(...page.items.map((e: { id: number }) => e.id));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    assert.ok(ids.length >= 3);
    assert.equal(new Set(ids).size, ids.length);
    const future = await read(COORDINATOR, '/admin/audit', { from: '2099-01-01' });
    assert.equal(future.items.length, 0);
    const reversed = await expectProblem(await as(COORDINATOR, 'GET', '/admin/audit', undefined, { query: { from: '2026-05-02', to: '2026-05-01' } }), 400);
    assert.equal(reversed.errors?.[0]?.path, 'to');
    await expectProblem(await as(COORDINATOR, 'GET', '/admin/audit', undefined, { query: { from: 'yesterday' } }), 400);
    const { id } = await submitOffer({ title: 'Audited for one tenant' });
    await write(COORDINATOR, 'POST', offerPath(id, 'return'), { message: 'Add hours.' });
    assert.equal((await read(LAKESIDE, '/admin/audit', { entityId: id })).items.length, 0);
    const lakeside = await read(LAKESIDE, '/admin/audit', { limit: 100 });
    assert.ok(lakeside.items.every((e: { actorId: string | null }) => e.actorId === null || !e.actorId.startsWith('usr_riv_')));
    await expectProblem(await as(VIEWER, 'GET', '/admin/audit'), 403);
  });
});
