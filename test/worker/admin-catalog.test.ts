/**
 * What coordinators publish, on the real Worker and D1: opportunities created, edited,
 * published, closed, archived and deleted; events scheduled in a zone, changed and cancelled so
 * that calendars follow; and the wall-clock conversion those events rest on.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { AdminEventCancel, AdminEventCreate, AdminEventUpdate, AdminOpportunityCreate, AdminOpportunityUpdate } from '../../schema/api/admin/catalog.js';
import { EmployerCreate, EmployerUpdate, EmployerVetting, HostOfferApprove, HostOfferDecline, HostOfferReturn } from '../../schema/api/admin/review.js';
import { toInstants, toLocalWhen } from '../../worker/lib/event-when.js';
import { zonedInstant } from '../../worker/lib/zones.js';
import {
  ADMIN,
  as,
  COORDINATOR,
  retireTestOpportunities,
  LAKESIDE,
  nextClient,
  quote,
  read,
  sql,
  SUPERVISOR,
  uniqueWord,
  VIEWER,
  write,
} from './admin-helpers.js';
import { api, expectProblem, formToken, getJson } from './helpers.js';

const iso = (t: number) => new Date(t).toISOString();
const HOUR = 3_600_000;

after(retireTestOpportunities);
describe('event times: local wall time in a zone to UTC', () => {
  const tz = 'America/Chicago';

  it('reads times around the spring-forward gap of 14 March 2027 in Chicago', () => {
    assert.equal(iso(zonedInstant('2027-03-14', '01:30', tz)), '2027-03-14T07:30:00.000Z', 'CST, UTC−6');
    assert.equal(iso(zonedInstant('2027-03-14', '03:30', tz)), '2027-03-14T08:30:00.000Z', 'CDT, UTC−5');
    assert.equal(iso(zonedInstant('2027-03-14', '02:30', tz)), '2027-03-14T08:30:00.000Z', 'a time the clocks skip moves past the gap');
    const { startsAt, endsAt } = toInstants({
      allDay: false,
      timeZone: tz,
      startDate: '2027-03-14',
      startTime: '01:00',
      endDate: '2027-03-14',
      endTime: '04:00',
    });
    assert.equal(endsAt - startsAt, 2 * HOUR, '01:00 to 04:00 is two hours that night');
    const day = toInstants({ allDay: true, timeZone: tz, startDate: '2027-03-14', endDate: '2027-03-14' });
    assert.equal(iso(day.startsAt), '2027-03-14T06:00:00.000Z');
    assert.equal(day.endsAt - day.startsAt, 23 * HOUR, 'the day is 23 hours long');
  });

  it('reads times around the fall-back fold of 7 November 2027 in Chicago', () => {
    assert.equal(iso(zonedInstant('2027-11-07', '00:30', tz)), '2027-11-07T05:30:00.000Z', 'CDT, UTC−5');
    assert.equal(iso(zonedInstant('2027-11-07', '01:30', tz)), '2027-11-07T06:30:00.000Z', 'a time that happens twice is the first');
    assert.equal(iso(zonedInstant('2027-11-07', '03:00', tz)), '2027-11-07T09:00:00.000Z', 'CST, UTC−6');
    const night = toInstants({ allDay: false, timeZone: tz, startDate: '2027-11-06', startTime: '23:00', endDate: '2027-11-07', endTime: '03:00' });
    assert.equal(night.endsAt - night.startsAt, 5 * HOUR, 'an overnight event gains the repeated hour');
    const day = toInstants({ allDay: true, timeZone: tz, startDate: '2027-11-07', endDate: '2027-11-07' });
    assert.equal(day.endsAt - day.startsAt, 25 * HOUR, 'the day is 25 hours long');
  });

  it('gives back the local dates and times it was given', () => {
    for (const w of [
      { allDay: false, timeZone: tz, startDate: '2027-03-13', startTime: '22:15', endDate: '2027-03-14', endTime: '03:45' },
      { allDay: false, timeZone: 'Asia/Kolkata', startDate: '2027-11-07', startTime: '09:00', endDate: '2027-11-07', endTime: '17:30' },
      { allDay: true, timeZone: tz, startDate: '2027-11-06', startTime: null, endDate: '2027-11-08', endTime: null },
    ]) {
      const i = toInstants(w);
      assert.deepEqual(toLocalWhen(i.startsAt, i.endsAt, w.timeZone, w.allDay), w);
    }
  });
});

const opp = (word: string, extra: Record<string, unknown> = {}) => ({
  employerId: 'emp_riv_arroyo_medical',
  title: `${word} pharmacy shadow`,
  description: 'Spend a morning with the pharmacy team.',
  tasks: ['Observe prescription checks'],
  type: 'job_shadowing',
  cluster: 'healthcare_human_services',
  skills: ['communication'],
  mode: 'in_person',
  city: 'Riverside',
  state: 'CA',
  gradeMin: 10,
  gradeMax: 12,
  capacity: 2,
  compensation: { type: 'unpaid' },
  ...extra,
});

describe('admin opportunities', () => {
  it('creates a draft that stays off the public board until it is published', async () => {
    const word = uniqueWord('Draft');
    const created = await write(COORDINATOR, 'POST', '/admin/opportunities', opp(word), 201);
    assert.equal(created.status, 'draft');
    assert.equal(created.stage, 'exploration', 'the stage follows the type');
    assert.equal(created.employer.id, 'emp_riv_arroyo_medical');
    assert.equal(created.requirements.guardianConsent, true, 'guardian consent is asked unless a coordinator says otherwise');
    assert.equal((await api(`/opportunities/${created.id}`)).status, 404);
    const drafts = await read(COORDINATOR, '/admin/opportunities', { status: 'draft', q: word });
    assert.deepEqual(
      drafts.items.map((o: { id: string }) => o.id),
      [created.id],
    );
    const published = await write(COORDINATOR, 'POST', `/admin/opportunities/${created.id}/publish`, undefined);
    assert.equal(published.status, 'published');
    assert.ok(published.publishedAt);
    const board = await getJson<{ items: { id: string }[] }>('/opportunities', { query: { q: word } });
    assert.deepEqual(
      board.items.map((o) => o.id),
      [created.id],
    );
  });

  it('moves only along the allowed transitions, answering 409 otherwise', async () => {
    const created = await write(COORDINATOR, 'POST', '/admin/opportunities', opp(uniqueWord('Moves')), 201);
    const path = `/admin/opportunities/${created.id}`;
    await expectProblem(await as(COORDINATOR, 'POST', `${path}/close`), 409);
    await write(COORDINATOR, 'POST', `${path}/publish`, undefined);
    const twice = await expectProblem(await as(COORDINATOR, 'POST', `${path}/publish`), 409);
    assert.match(twice.detail ?? '', /published/);
    const deleting = await expectProblem(await as(COORDINATOR, 'DELETE', path), 409);
    assert.match(deleting.title, /Only drafts/);
    assert.match(deleting.detail ?? '', /Close it/);
    assert.equal((await write(COORDINATOR, 'POST', `${path}/close`, undefined)).status, 'closed');
    assert.equal((await api(`/opportunities/${created.id}`)).status, 404, 'closed is off the board');
    await expectProblem(await as(COORDINATOR, 'POST', `${path}/close`), 409);
    assert.equal((await write(COORDINATOR, 'POST', `${path}/publish`, undefined)).status, 'published', 'a closed one may be published again');
    assert.equal((await write(ADMIN, 'POST', `${path}/archive`, undefined)).status, 'archived');
    await expectProblem(await as(COORDINATOR, 'POST', `${path}/publish`), 409);
    await expectProblem(await as(COORDINATOR, 'POST', `${path}/archive`), 409);
    await expectProblem(await as(COORDINATOR, 'POST', `${path}/reopen`), 404);
    const trail = await read(COORDINATOR, '/admin/audit', { entity: 'opportunity', entityId: created.id });
    assert.deepEqual(
      trail.items.map((e: { action: string }) => e.action),
      ['opportunity.archive', 'opportunity.publish', 'opportunity.close', 'opportunity.publish', 'opportunity.create'],
    );
  });

  it('deletes a draft, and only a draft', async () => {
    const created = await write(COORDINATOR, 'POST', '/admin/opportunities', opp(uniqueWord('Delete')), 201);
    assert.equal((await as(COORDINATOR, 'DELETE', `/admin/opportunities/${created.id}`)).status, 204);
    await expectProblem(await as(COORDINATOR, 'GET', `/admin/opportunities/${created.id}`), 404);
    await expectProblem(await as(COORDINATOR, 'DELETE', `/admin/opportunities/${created.id}`), 404);
    const trail = await read(ADMIN, '/admin/audit', { entityId: created.id });
    assert.deepEqual(
      trail.items.map((e: { action: string }) => e.action),
      ['opportunity.delete', 'opportunity.create'],
    );
  });

  it('edits fields, checks them against what is already stored, and shows a published change on the board', async () => {
    const word = uniqueWord('Edit');
    const created = await write(COORDINATOR, 'POST', '/admin/opportunities', opp(word), 201);
    const path = `/admin/opportunities/${created.id}`;
    await write(COORDINATOR, 'POST', `${path}/publish`, undefined);
    const edited = await write(COORDINATOR, 'PATCH', path, {
      capacity: 5,
      compensation: { type: 'hourly', amountCents: 1850 },
      type: 'unpaid_internship',
      schedule: null,
    });
    assert.equal(edited.capacity, 5);
    assert.deepEqual(edited.compensation, { type: 'hourly', amountCents: 1850 });
    assert.equal(edited.stage, 'preparation', 'a new type brings its stage');
    assert.equal(edited.schedule, null);
    const detail = await getJson(`/opportunities/${created.id}`);
    assert.equal(detail.capacity, 5);
    assert.equal(detail.compensation.amountCents, 1850);
    const grades = await expectProblem(await as(COORDINATOR, 'PATCH', path, { gradeMin: 12, gradeMax: 11 }), 400);
    assert.deepEqual(
      grades.errors?.map((e) => e.path),
      ['gradeMax'],
    );
    const merged = await expectProblem(await as(COORDINATOR, 'PATCH', path, { endsOn: '2027-01-01', startsOn: '2027-02-01' }), 400);
    assert.deepEqual(
      merged.errors?.map((e) => e.path),
      ['endsOn'],
    );
    await write(COORDINATOR, 'PATCH', path, { startsOn: '2027-06-01' });
    const stored = await expectProblem(await as(COORDINATOR, 'PATCH', path, { endsOn: '2027-05-01' }), 400);
    assert.deepEqual(
      stored.errors?.map((e) => e.path),
      ['endsOn'],
      'checked against the stored start date',
    );
    await expectProblem(await as(COORDINATOR, 'PATCH', path, {}), 400);
    await expectProblem(await as(COORDINATOR, 'PATCH', path, { status: 'published' }), 400);
    const trail = await read(COORDINATOR, '/admin/audit', { entityId: created.id, action: 'opportunity.update' });
    assert.equal(trail.items.length, 2, 'refused edits leave no trace');
    assert.deepEqual([...trail.items[1].detail.fields].sort(), ['capacity', 'compensation', 'schedule', 'type']);
  });

  it('answers field errors, never a 500, to bad bodies and another tenant’s employer', async () => {
    const foreign = await expectProblem(await as(COORDINATOR, 'POST', '/admin/opportunities', opp('x', { employerId: 'emp_lak_lakeshore_health' })), 400);
    assert.deepEqual(
      foreign.errors?.map((e) => e.path),
      ['employerId'],
    );
    const bad = await expectProblem(
      await as(
        COORDINATOR,
        'POST',
        '/admin/opportunities',
        opp('x', { stage: 'orbit', cluster: 'space', applicationDeadline: '2027-13-01', compensation: { type: 'stipend' } }),
      ),
      400,
    );
    assert.deepEqual(bad.errors?.map((e) => e.path).sort(), ['applicationDeadline', 'cluster', 'stage']);
    const pay = await expectProblem(await as(COORDINATOR, 'POST', '/admin/opportunities', opp('x', { compensation: { type: 'stipend' } })), 400);
    assert.deepEqual(
      pay.errors?.map((e) => e.path),
      ['compensation.amountCents'],
    );
    const tenant = await expectProblem(await as(COORDINATOR, 'POST', '/admin/opportunities', opp('x', { tenantId: 'ten_lakeside' })), 400);
    assert.deepEqual(
      tenant.errors?.map((e) => e.path),
      ['tenantId'],
    );
    for (const hostile of ['', 'null', '[]', '{"title": 1e400}', '\u0000', '{"employerId": "emp_\' OR 1=1 --"}']) {
      const res = await as(COORDINATOR, 'POST', '/admin/opportunities', hostile);
      assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(hostile)} → ${res.status}`);
    }
    await expectProblem(await as(COORDINATOR, 'GET', '/admin/opportunities', undefined, { query: { status: 'lost', limit: 0 } }), 400);
    await expectProblem(await as(COORDINATOR, 'GET', "/admin/opportunities/opp_' OR 1=1"), 404);
  });

  it('lets a viewer read but not write, and keeps other tenants out', async () => {
    const created = await write(COORDINATOR, 'POST', '/admin/opportunities', opp(uniqueWord('Fence')), 201);
    const path = `/admin/opportunities/${created.id}`;
    assert.equal((await read(VIEWER, path)).id, created.id);
    await expectProblem(await as(VIEWER, 'POST', '/admin/opportunities', opp('viewer')), 403);
    await expectProblem(await as(VIEWER, 'POST', `${path}/publish`), 403);
    await expectProblem(await as(VIEWER, 'PATCH', path, { capacity: 3 }), 403);
    await expectProblem(await as(SUPERVISOR, 'GET', path), 403);
    await expectProblem(await as(LAKESIDE, 'GET', path), 404);
    await expectProblem(await as(LAKESIDE, 'PATCH', path, { capacity: 3 }), 404);
    await expectProblem(await as(LAKESIDE, 'POST', `${path}/publish`), 404);
    await expectProblem(await as(LAKESIDE, 'DELETE', path), 404);
    let cursor: string | undefined;
    const seen: string[] = [];
    do {
      const page = await read(LAKESIDE, '/admin/opportunities', { limit: 100, cursor });
      seen.push(...page.items.map((o: { id: string }) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.ok(seen.length > 0 && !seen.includes(created.id));
    const lakesideEmployers = new Set((await read(LAKESIDE, '/admin/employers', { limit: 100 })).items.map((e: { id: string }) => e.id));
    const page = await read(LAKESIDE, '/admin/opportunities', { limit: 100 });
    assert.ok(page.items.every((o: { employer: { id: string } }) => lakesideEmployers.has(o.employer.id)));
    assert.equal((await read(COORDINATOR, path)).status, 'draft', 'untouched');
  });

  it('pages the list newest first without repeats, and filters it', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 4; i++) {
      const page = await read(COORDINATOR, '/admin/opportunities', {
        limit: 7,
        cursor,
        stage: 'exploration,preparation',
        cluster: 'healthcare_human_services',
      });
      assert.ok(
        page.items.every(
          (o: { stage: string; cluster: string }) => ['exploration', 'preparation'].includes(o.stage) && o.cluster === 'healthcare_human_services',
        ),
      );
      seen.push(...page.items.map((o: { id: string }) => o.id));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    assert.ok(seen.length > 7);
    assert.equal(new Set(seen).size, seen.length);
    const byEmployer = await read(COORDINATOR, '/admin/opportunities', { employer: 'emp_riv_arroyo_medical', limit: 100 });
    assert.ok(byEmployer.items.length > 0 && byEmployer.items.every((o: { employer: { id: string } }) => o.employer.id === 'emp_riv_arroyo_medical'));
  });
});

const eventBody = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'career_fair',
  title,
  description: 'Meet local employers.',
  when: { timeZone: 'America/Chicago', startDate: '2027-03-14', startTime: '01:30', endDate: '2027-03-14', endTime: '03:30' },
  locationName: 'North Gym',
  address: '1 School Road',
  city: 'Riverside',
  state: 'CA',
  audiences: ['students', 'families'],
  clusters: ['healthcare_human_services'],
  capacity: 10,
  registrationRequired: true,
  ...extra,
});

/** Reserves seats through the public RSVP route, as a family on the school's calendar would. */
async function rsvp(eventId: string, name: string, partySize: number) {
  const res = await api(`/events/${eventId}/rsvps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'CF-Connecting-IP': nextClient() },
    body: JSON.stringify({
      name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
      role: 'family',
      partySize,
      consent: true,
      formToken: await formToken('rsvp'),
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string; status: string };
}

describe('admin events', () => {
  it('stores local times in the event’s zone as UTC instants, right across the spring-forward gap', async () => {
    const created = await write(COORDINATOR, 'POST', '/admin/events', eventBody(uniqueWord('Gap')), 201);
    assert.equal(created.startsAt, '2027-03-14T07:30:00.000Z');
    assert.equal(created.endsAt, '2027-03-14T08:30:00.000Z', '03:30 CDT: the night lost an hour');
    assert.deepEqual(created.when, {
      allDay: false,
      timeZone: 'America/Chicago',
      startDate: '2027-03-14',
      startTime: '01:30',
      endDate: '2027-03-14',
      endTime: '03:30',
    });
    assert.equal(created.status, 'scheduled');
    assert.equal(created.sequence, 0);
    const pub = await getJson(`/events/${created.id}`);
    assert.equal(pub.startsAt, created.startsAt);
    assert.equal(pub.timeZone, 'America/Chicago');
    const allDay = await write(
      COORDINATOR,
      'POST',
      '/admin/events',
      eventBody(uniqueWord('Day'), { when: { allDay: true, timeZone: 'America/Chicago', startDate: '2027-11-07', endDate: '2027-11-07' } }),
      201,
    );
    assert.equal(allDay.startsAt, '2027-11-07T05:00:00.000Z');
    assert.equal(allDay.endsAt, '2027-11-08T06:00:00.000Z');
    assert.deepEqual(allDay.when, {
      allDay: true,
      timeZone: 'America/Chicago',
      startDate: '2027-11-07',
      startTime: null,
      endDate: '2027-11-07',
      endTime: null,
    });
  });

  it('refuses times that cannot be, with field errors', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ timeZone: 'Mars/Olympus', startDate: '2027-03-14', startTime: '10:00', endDate: '2027-03-14', endTime: '11:00' }, 'when.timeZone'],
      [{ timeZone: 'America/Chicago', startDate: '2027-02-30', startTime: '10:00', endDate: '2027-03-01', endTime: '11:00' }, 'when.startDate'],
      [{ timeZone: 'America/Chicago', startDate: '2027-03-14', startTime: '10:00', endDate: '2027-03-14', endTime: '09:00' }, 'when.endTime'],
      [{ timeZone: 'America/Chicago', startDate: '2027-03-14', startTime: '25:00', endDate: '2027-03-14', endTime: '11:00' }, 'when.startTime'],
      [{ timeZone: 'America/Chicago', startDate: '2027-03-14', endDate: '2027-03-14' }, 'when.startTime'],
      [{ allDay: true, timeZone: 'America/Chicago', startDate: '2027-03-14', startTime: '10:00', endDate: '2027-03-14' }, 'when.startTime'],
      // Ordered on the wall, reversed in time: 02:30 does not exist that night and becomes 03:30 CDT, after 03:15.
      [{ timeZone: 'America/Chicago', startDate: '2027-03-14', startTime: '02:30', endDate: '2027-03-14', endTime: '03:15' }, 'when.endTime'],
      // Inside the repeated hour of the autumn, a short event is fine: both times are read as the first 01:xx.
      [{ timeZone: 'America/Chicago', startDate: '2027-11-07', startTime: '01:50', endDate: '2027-11-07', endTime: '01:55' }, ''],
    ];
    for (const [when, path] of cases) {
      const res = await as(COORDINATOR, 'POST', '/admin/events', eventBody('Bad time', { when }));
      if (!path) {
        assert.equal(res.status, 201, 'a short event inside the repeated hour is fine');
        continue;
      }
      const problem = await expectProblem(res, 400);
      assert.ok(
        problem.errors?.some((e) => e.path === path),
        `${JSON.stringify(when)} → ${JSON.stringify(problem.errors)}`,
      );
    }
    const nowhere = await expectProblem(
      await as(COORDINATOR, 'POST', '/admin/events', eventBody('Nowhere', { locationName: undefined, address: undefined })),
      400,
    );
    assert.deepEqual(
      nowhere.errors?.map((e) => e.path),
      ['locationName'],
    );
    const school = await expectProblem(await as(COORDINATOR, 'POST', '/admin/events', eventBody('Other school', { schoolId: 'sch_lak_north_shore' })), 400);
    assert.deepEqual(
      school.errors?.map((e) => e.path),
      ['schoolId'],
    );
  });

  it('raises the sequence on every change, tells guests of a new time, and will not drop below the seats already taken', async () => {
    const created = await write(COORDINATOR, 'POST', '/admin/events', eventBody(uniqueWord('Change'), { capacity: 4 }), 201);
    const path = `/admin/events/${created.id}`;
    await rsvp(created.id, 'Ana Changes', 3);
    const waiting = await rsvp(created.id, 'Ben Waits', 2);
    assert.equal(waiting.status, 'waitlisted');
    const moved = await write(COORDINATOR, 'PATCH', path, {
      when: { timeZone: 'America/Chicago', startDate: '2027-03-14', startTime: '17:00', endDate: '2027-03-14', endTime: '19:00' },
    });
    assert.equal(moved.sequence, 1);
    assert.equal(moved.startsAt, '2027-03-14T22:00:00.000Z');
    assert.ok(moved.updatedAt > created.updatedAt);
    const pub = await getJson(`/events/${created.id}`);
    assert.equal(pub.sequence, 1);
    assert.equal(pub.startsAt, '2027-03-14T22:00:00.000Z');
    const tooFew = await expectProblem(await as(COORDINATOR, 'PATCH', path, { capacity: 2 }), 409);
    assert.match(tooFew.detail ?? '', /3 seats/);
    const more = await write(COORDINATOR, 'PATCH', path, { capacity: 6 });
    assert.equal(more.sequence, 2);
    assert.deepEqual(more.seats, { confirmed: 5, waitlisted: 0 }, 'the waitlist moved up into the new seats');
    assert.equal(more.rsvps.find((r: { id: string }) => r.id === waiting.id).status, 'confirmed');
    const mail = sql<{ subject: string; recipient: string }>(
      `SELECT subject, recipient FROM outbox WHERE related_id IN (SELECT id FROM rsvps WHERE event_id = ${quote(created.id)}) ORDER BY created_at, rowid`,
    );
    assert.ok(mail.some((m) => m.subject.startsWith('Changed:') && m.recipient === 'ana.changes@example.com'));
    assert.ok(mail.some((m) => m.subject.startsWith('You have a seat') && m.recipient === 'ben.waits@example.com'));
  });

  it('cancels an event: status and sequence change, the calendar file says CANCELLED, and every guest is told', async () => {
    const title = uniqueWord('Cancel');
    const created = await write(COORDINATOR, 'POST', '/admin/events', eventBody(title, { capacity: 2 }), 201);
    const path = `/admin/events/${created.id}`;
    await rsvp(created.id, 'Carla Confirmed', 2);
    await rsvp(created.id, 'Wes Waitlisted', 1);
    const deleting = await expectProblem(await as(COORDINATOR, 'DELETE', path), 409);
    assert.match(deleting.detail ?? '', /Cancel it instead/);
    await expectProblem(await as(VIEWER, 'POST', `${path}/cancel`, {}), 403);
    const cancelled = await write(COORDINATOR, 'POST', `${path}/cancel`, { message: 'We will reschedule in April.' });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.sequence, created.sequence + 1);
    const pub = await getJson(`/events/${created.id}`);
    assert.equal(pub.status, 'cancelled');
    assert.equal(pub.sequence, 1);
    const ics = await api(`/events/${created.id}/ics`);
    assert.equal(ics.status, 200);
    const text = await ics.text();
    assert.match(text, /STATUS:CANCELLED/);
    assert.match(text, /SEQUENCE:1/);
    await expectProblem(await as(COORDINATOR, 'POST', `${path}/cancel`, {}), 409);
    await expectProblem(await as(COORDINATOR, 'PATCH', path, { title: 'Back on' }), 409);
    const mail = sql<{ recipient: string; subject: string; body: string }>(
      `SELECT recipient, subject, body FROM outbox WHERE related_id IN (SELECT id FROM rsvps WHERE event_id = ${quote(created.id)}) AND subject LIKE 'Cancelled:%' ORDER BY recipient`,
    );
    assert.deepEqual(
      mail.map((m) => m.recipient),
      ['carla.confirmed@example.com', 'wes.waitlisted@example.com'],
    );
    assert.ok(mail.every((m) => m.subject === `Cancelled: ${title}` && /reschedule in April/.test(m.body) && /Sunday, March 14, 2027/.test(m.body)));
    const trail = await read(COORDINATOR, '/admin/audit', { entityId: created.id, action: 'event.' });
    assert.deepEqual(
      trail.items.map((e: { action: string }) => e.action).filter((a: string) => a !== 'event.rsvps_read'),
      ['event.cancel', 'event.create'],
    );
  });

  it('deletes an event nobody registered for', async () => {
    const created = await write(COORDINATOR, 'POST', '/admin/events', eventBody(uniqueWord('Gone')), 201);
    assert.equal((await as(COORDINATOR, 'DELETE', `/admin/events/${created.id}`)).status, 204);
    assert.equal((await api(`/events/${created.id}`)).status, 404);
  });

  it('shows coordinators the guest list and audits the read; viewers get counts only; other tenants get 404', async () => {
    const created = await write(COORDINATOR, 'POST', '/admin/events', eventBody(uniqueWord('Guests')), 201);
    const path = `/admin/events/${created.id}`;
    await rsvp(created.id, 'Gina Guest', 2);
    const full = await read(COORDINATOR, path);
    assert.deepEqual(
      full.rsvps.map((r: { name: string; email: string; partySize: number }) => [r.name, r.email, r.partySize]),
      [['Gina Guest', 'gina.guest@example.com', 2]],
    );
    assert.deepEqual(full.rsvpCounts.confirmed, { parties: 1, seats: 2 });
    const reads = await read(ADMIN, '/admin/audit', { entityId: created.id, action: 'event.rsvps_read' });
    assert.equal(reads.items.length, 1);
    assert.equal(reads.items[0].actorId, 'usr_riv_coordinator');
    assert.deepEqual(reads.items[0].detail, { rsvps: 1 }, 'counts, never the names');
    const viewer = await read(VIEWER, path);
    assert.equal(viewer.rsvps, null);
    assert.equal(viewer.rsvpCounts.confirmed.seats, 2);
    await expectProblem(await as(VIEWER, 'PATCH', path, { title: 'x' }), 403);
    await expectProblem(await as(LAKESIDE, 'GET', path), 404);
    await expectProblem(await as(LAKESIDE, 'POST', `${path}/cancel`, {}), 404);
    await expectProblem(await as(LAKESIDE, 'DELETE', path), 404);
    const lakeside = await read(LAKESIDE, '/admin/events', { limit: 100 });
    assert.ok(!lakeside.items.some((e: { id: string }) => e.id === created.id));
    const mine = await read(COORDINATOR, '/admin/events', { from: '2027-03-13', to: '2027-03-14', limit: 100 });
    assert.ok(mine.items.some((e: { id: string }) => e.id === created.id));
    assert.ok(
      mine.items.every((e: { startsAt: string }, i: number, all: { startsAt: string }[]) => i === 0 || all[i - 1]!.startsAt <= e.startsAt),
      'by start',
    );
  });
});

describe('admin request examples', () => {
  it('are accepted by their own schemas', () => {
    for (const schema of [
      AdminOpportunityCreate,
      AdminOpportunityUpdate,
      AdminEventCreate,
      AdminEventUpdate,
      AdminEventCancel,
      HostOfferApprove,
      HostOfferReturn,
      HostOfferDecline,
      EmployerCreate,
      EmployerUpdate,
      EmployerVetting,
    ]) {
      const meta = z.globalRegistry.get(schema) as { example: unknown };
      assert.ok(z.safeParse(schema, meta.example).success, JSON.stringify(meta.example));
    }
  });

  it('are in the OpenAPI document, where every console route asks for a bearer session', async () => {
    const doc = (await (await api('/openapi.json', { key: null })).json()) as { paths: Record<string, Record<string, any>> };
    const mine = Object.entries(doc.paths).filter(([p]) => /^\/api\/v1\/admin\/(sites|schools|review|employers|opportunities|events|audit)\b/.test(p));
    assert.ok(mine.length >= 20, `${mine.length} console paths documented`);
    for (const [path, ops] of mine) {
      for (const [method, op] of Object.entries(ops)) {
        assert.deepEqual(op.security, [{ bearer: [] }], `${method} ${path} needs a session`);
        const body = op.requestBody?.content?.['application/json'];
        if (body) assert.ok(body.example, `${method} ${path} has an example`);
      }
    }
    for (const p of [
      '/api/v1/admin/review/host-offers/{id}/approve',
      '/api/v1/admin/events/{id}/cancel',
      '/api/v1/admin/sites/{id}/rotate-key',
      '/api/v1/admin/audit',
    ])
      assert.ok(doc.paths[p], `${p} is documented`);
  });
});
