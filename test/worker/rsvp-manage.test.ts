/**
 * Issue 13, families manage their reservations anywhere: a short manage code typed on any device
 * opens the reservation (stored only as a keyed hash, guesses throttled), the party size changes
 * within capacity (never overbooked, even by simultaneous requests), fewer seats go to the
 * waitlist in order with the promoted family told, and the waitlist says what it means.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { DEMO, sqlValue } from '../../demo/seed/index.js';
import { RsvpChange, RsvpReceipt, RsvpView } from '../../schema/api/events.js';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { api, expectProblem, formToken } from './helpers.js';
import { type Delivered, mark, settledMail, waitForMail } from './mail.js';

const R = DEMO.riverside;
const RUN = randomUUID().replace(/-/g, '').slice(0, 10);
const sql = (text: string): any[] => query(process.env.WBL_PERSIST_TO, text);

/** Client addresses fresh per run, so each test's per-client budget is its own. */
let ip = Math.floor(Math.random() * 60_000);
const nextClient = () => {
  ip += 1;
  return `10.${100 + ((ip >> 16) & 127)}.${(ip >> 8) & 255}.${ip & 255}`;
};

const FAR = Date.now() + 320 * 86_400_000;
let serial = 0;
/** A fresh event on Riverside's calendar with `capacity` seats. */
function newEvent(capacity: number | null): string {
  const id = `evt_manage_${RUN}_${++serial}`;
  const row: Record<string, string | number | boolean | null | string[]> = {
    id,
    tenant_id: R.tenantId,
    type: 'workshop',
    title: `Manage test event ${serial} ${RUN}`,
    description: 'A throw-away event made by the manage tests.',
    starts_at: new Date(FAR).toISOString(),
    ends_at: new Date(FAR + 3_600_000).toISOString(),
    all_day: false,
    time_zone: 'America/Los_Angeles',
    location_name: 'Riverside High School, Library',
    audiences: ['families'],
    clusters: ['digital_technology'],
    capacity,
    registration_required: true,
    status: 'scheduled',
    sequence: 0,
  };
  sql(
    `INSERT INTO events (${Object.keys(row).join(', ')}) VALUES (${Object.values(row)
      .map((v) => sqlValue(v))
      .join(', ')});`,
  );
  return id;
}

let token = '';
const address = (who: string) => `manage.${who}.${RUN}@example.com`;
const person = (who: string, partySize = 1, over: Record<string, unknown> = {}) => ({
  name: `Manage ${who}`,
  email: address(who),
  role: 'family',
  partySize,
  consent: true,
  formToken: token,
  ...over,
});

async function reserve(eventId: string, body: unknown, opts: { key?: string; lang?: string } = {}): Promise<RsvpReceipt> {
  const res = await api(`/events/${eventId}/rsvps`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': opts.key ?? randomUUID(),
      'CF-Connecting-IP': nextClient(),
      ...(opts.lang ? { 'Accept-Language': opts.lang } : {}),
    },
  });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return RsvpReceipt.parse(JSON.parse(text));
}

const open = (tokenOrCode: string, client = nextClient(), key?: string) =>
  api(`/rsvps/${encodeURIComponent(tokenOrCode)}`, { headers: { 'CF-Connecting-IP': client }, ...(key ? { key } : {}) });
const resize = (tokenOrCode: string, partySize: unknown) =>
  api(`/rsvps/${encodeURIComponent(tokenOrCode)}`, {
    method: 'PATCH',
    body: JSON.stringify({ partySize }),
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClient() },
  });
const cancel = (tokenOrCode: string) => api(`/rsvps/${encodeURIComponent(tokenOrCode)}`, { method: 'DELETE', headers: { 'CF-Connecting-IP': nextClient() } });

async function view(res: Response): Promise<RsvpView> {
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return RsvpView.parse(JSON.parse(text));
}

const statusOf = (id: string): { status: string; party_size: number } => sql(`SELECT status, party_size FROM rsvps WHERE id = ${sqlValue(id)}`)[0];
const confirmedSeats = (eventId: string): number =>
  sql(`SELECT coalesce(sum(party_size), 0) AS n FROM rsvps WHERE event_id = ${sqlValue(eventId)} AND status = 'confirmed'`)[0].n;

/** The calendar file a message carries, parsed. */
function invitation(m: Delivered) {
  const file = m.mail.attachments.find((a) => a.contentType === 'text/calendar');
  assert.ok(file, `a calendar file in "${m.mail.subject}"`);
  const cal = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
  return { method: cal.getFirstPropertyValue('method'), vevent: cal.getFirstSubcomponent('vevent')! };
}

before(async () => {
  token = await formToken('rsvp');
});

describe('a reservation code typed on any device', () => {
  it('opens, changes and cancels the reservation like the link does, in any case and with or without its dash', async () => {
    const ev = newEvent(20);
    const r = await reserve(ev, person('code', 2));
    assert.match(r.manageCode, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const byCode = await view(await open(r.manageCode));
    const byLink = await view(await open(r.cancelToken));
    assert.deepEqual(byCode, byLink);
    assert.equal(byCode.id, r.id);
    assert.equal(byCode.partySize, 2);
    assert.equal((await view(await open(r.manageCode.toLowerCase().replace('-', '')))).id, r.id);
    assert.equal((await view(await resize(r.manageCode, 3))).partySize, 3);
    assert.equal((await cancel(r.manageCode.toLowerCase())).status, 200);
    await expectProblem(await cancel(r.cancelToken), 410);
  });

  it('is in the confirmation beside the manage link, in the family’s language', async () => {
    const ev = newEvent(1);
    const after = await mark();
    const first = await reserve(ev, person('mail-en'));
    const second = await reserve(ev, person('mail-es'), { lang: 'es' });
    assert.equal(second.status, 'waitlisted');
    const [en] = await waitForMail(address('mail-en'), { after });
    assert.match(
      en!.mail.text ?? '',
      new RegExp(`#rsvp=[A-Za-z0-9_-]{43}\\s+Or type your reservation code on the calendar page \\("Have a reservation code\\?"\\): ${first.manageCode}`),
    );
    const [es] = await waitForMail(address('mail-es'), { after });
    assert.match(es!.mail.text ?? '', new RegExp(`O escriba su código de reservación en la página del calendario .*: ${second.manageCode}`));
    assert.ok((es!.mail.html || '').includes(second.manageCode), 'the HTML part shows it too');
  });

  it('finds nothing with an unknown code or another district’s site key', async () => {
    const ev = newEvent(null);
    const r = await reserve(ev, person('foreign'));
    await expectProblem(await open('ZZZZ-ZZZZ'), 404);
    await expectProblem(await open(r.manageCode, nextClient(), DEMO.lakeside.key), 404);
    await expectProblem(await open(r.cancelToken, nextClient(), DEMO.lakeside.key), 404);
    await expectProblem(await open('K7QM-4TX'), 404);
  });

  it('exists only as a keyed hash: not in the RSVP, the stored answer or the outbox, and a retry answers the same working code', async () => {
    const ev = newEvent(null);
    const key = randomUUID();
    const body = person('hash');
    const first = await reserve(ev, body, { key });
    const again = await reserve(ev, body, { key });
    assert.equal(again.manageCode, first.manageCode);
    assert.equal(sql(`SELECT count(*) AS n FROM rsvps WHERE email = ${sqlValue(body.email)}`)[0].n, 1);
    const [row] = sql(`SELECT manage_code_hash FROM rsvps WHERE id = ${sqlValue(first.id)}`);
    assert.match(row.manage_code_hash, /^[A-Za-z0-9_-]{43}$/, 'a hash is stored');
    // Every text column of every table, searched for the code with and without its dash.
    for (const code of [first.manageCode, first.manageCode.replace('-', '')]) {
      for (const { name } of sql(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'`,
      )) {
        const columns = sql(`SELECT name FROM pragma_table_info(${sqlValue(name)})`).map((c: { name: string }) => `coalesce("${c.name}", '')`);
        const [hit] = sql(`SELECT count(*) AS n FROM "${name}" WHERE instr(upper(${columns.join(" || '|' || ")}), ${sqlValue(code)}) > 0`);
        assert.equal(hit.n, 0, `${name} holds the code ${code}`);
      }
    }
    assert.equal((await view(await open(again.manageCode))).id, first.id, 'the replayed code works');
  });

  it('counts wrong codes per client and refuses past ten in a window, while the right code is never held against anyone', async () => {
    const ev = newEvent(null);
    const r = await reserve(ev, person('throttle'));
    const client = nextClient();
    // Right codes are given back: many of them never fill the window.
    for (let i = 0; i < 12; i++) assert.equal((await open(r.manageCode, client)).status, 200);
    const wrong = await Promise.all(Array.from({ length: 12 }, (_, i) => open(`ZZZZ-ZZ${'23456789ABCD'[i]}Z`, client)));
    const statuses = wrong.map((w) => w.status).sort();
    assert.equal(statuses.filter((s) => s === 404).length, 10, statuses.join());
    assert.equal(statuses.filter((s) => s === 429).length, 2, statuses.join());
    const refused = await open(r.manageCode, client);
    assert.equal(refused.status, 429, 'the right code inside a full window is refused too');
    assert.ok(Number(refused.headers.get('Retry-After')) > 0);
    assert.equal((await open(r.manageCode, nextClient())).status, 200, 'another client is not affected');
    assert.equal((await open(r.cancelToken, client)).status, 200, 'the link is not throttled: it cannot be guessed');
  });
});

describe('changing the number of seats', () => {
  it('grows a confirmed party only into free seats and answers a field error with how many are left', async () => {
    const ev = newEvent(5);
    const a = await reserve(ev, person('grow-a', 2));
    await reserve(ev, person('grow-b', 2));
    assert.equal((await view(await resize(a.cancelToken, 3))).partySize, 3);
    const problem = await expectProblem(await resize(a.cancelToken, 4), 409);
    assert.equal(problem.errors?.[0]?.path, 'partySize');
    assert.equal(problem.errors?.[0]?.code, 'not_enough_seats');
    assert.match(problem.errors?.[0]?.message ?? '', /No more seats are free: your party can stay at 3/);
    assert.equal(statusOf(a.id).party_size, 3);
    const b = await reserve(newEvent(4), person('grow-c', 1));
    const some = await expectProblem(await resize(b.cancelToken, 6), 409);
    assert.equal(some.errors?.[0]?.message, 'Only 4 seats are available for your party');
    const bad = await expectProblem(await resize(a.cancelToken, 0), 400);
    assert.equal(bad.errors?.[0]?.path, 'partySize');
    await expectProblem(await resize(a.cancelToken, 'two'), 400);
  });

  it('never overbooks when ten families grow at once', async () => {
    const ev = newEvent(12);
    const parties = await Promise.all(Array.from({ length: 10 }, (_, i) => reserve(ev, person(`race-${i}`, 1))));
    assert.equal(confirmedSeats(ev), 10);
    // Two seats are free; each asks for one more: exactly two may have it.
    const answers = await Promise.all(parties.map((p) => resize(p.cancelToken, 2)));
    const ok = answers.filter((a) => a.status === 200).length;
    assert.equal(ok, 2, answers.map((a) => a.status).join());
    assert.ok(answers.every((a) => a.status === 200 || a.status === 409));
    assert.equal(confirmedSeats(ev), 12);
  });

  it('gives freed seats to the waitlist in order of arrival and emails the promoted family in its language', async () => {
    const ev = newEvent(4);
    const holder = await reserve(ev, person('shrink-holder', 4));
    const big = await reserve(ev, person('shrink-big', 3));
    const small = await reserve(ev, person('shrink-small', 2), { lang: 'es' });
    assert.deepEqual([big.status, small.status], ['waitlisted', 'waitlisted']);
    const after = await mark();
    // Two seats free: the party of three ahead does not fit, the party of two behind it does.
    const shrunk = await view(await resize(holder.cancelToken, 2));
    assert.equal(shrunk.status, 'confirmed');
    assert.equal(statusOf(big.id).status, 'waitlisted');
    assert.equal(statusOf(small.id).status, 'confirmed');
    const [promoted] = await waitForMail(address('shrink-small'), { after, match: (m) => /^Ya tiene/.test(m.mail.subject ?? '') });
    assert.match(promoted!.mail.subject ?? '', /^Ya tiene lugar en/);
    const [updated] = await waitForMail(address('shrink-holder'), { after, match: (m) => /^Updated/.test(m.mail.subject ?? '') });
    assert.match(updated!.mail.subject ?? '', /^Updated: your reservation for/);
    assert.match(updated!.mail.text ?? '', /now for 2 seats/);
    const ics = invitation(updated!);
    assert.equal(ics.method, 'REQUEST');
    assert.equal(ics.vevent.getFirstPropertyValue('sequence'), 1, 'SEQUENCE raised so the calendar takes the change');
    // The big party keeps its place, first in line.
    assert.equal((await view(await open(big.cancelToken))).waitlistPosition, 1);
  });

  it('confirms a waitlisted party that takes the seats left, and says how many there are', async () => {
    const ev = newEvent(5);
    await reserve(ev, person('fair-holder', 2));
    const late = await reserve(ev, person('fair-late', 5));
    assert.equal(late.status, 'waitlisted');
    assert.equal(late.seatsLeft, 3, 'the receipt says three seats are left');
    assert.equal(late.waitlistPosition, 1);
    const before = await view(await open(late.manageCode));
    assert.equal(before.event.remaining, 3);
    assert.equal(before.waitlistPosition, 1);
    const after = await mark();
    const taken = await view(await resize(late.cancelToken, 3));
    assert.equal(taken.status, 'confirmed');
    assert.equal(taken.partySize, 3);
    assert.equal(taken.waitlistPosition, null);
    await waitForMail(address('fair-late'), { after, match: (m) => /^Updated/.test(m.mail.subject ?? '') });
    const mail = (await settledMail(address('fair-late'), after, 1500)).filter((m) => !/^You are on the waitlist/.test(m.mail.subject ?? ''));
    assert.equal(mail.length, 1, 'one message: the updated confirmation, not a promotion as well');
    assert.match(mail[0]!.mail.text ?? '', /Your seats are confirmed/);
    assert.equal(invitation(mail[0]!).vevent.getFirstProperty('attendee')?.getParameter('partstat'), 'ACCEPTED');
  });

  it('answers 410 for a cancelled reservation', async () => {
    const ev = newEvent(10);
    const r = await reserve(ev, person('gone', 2));
    assert.equal((await cancel(r.cancelToken)).status, 200);
    await expectProblem(await resize(r.cancelToken, 1), 410);
    await expectProblem(await resize(r.manageCode, 3), 410);
  });
});

describe('the manage routes in the OpenAPI document', () => {
  it('documents GET, PATCH and DELETE, and the PATCH example works on a real reservation', async () => {
    const doc = await (await api('/openapi.json', { key: null })).json();
    const ops = doc.paths['/api/v1/rsvps/{token}'];
    assert.ok(ops?.get && ops.patch && ops.delete);
    const example = ops.patch.requestBody.content['application/json'].example;
    assert.equal(RsvpChange.safeParse(example).success, true);
    const r = await reserve(newEvent(10), person('example', 3));
    assert.equal((await view(await resize(r.cancelToken, example.partySize))).partySize, example.partySize);
  });
});
