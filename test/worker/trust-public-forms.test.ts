/**
 * Issue 10 (trust), the public host-offer and RSVP forms: the fill time is measured by the
 * server's form token, junk never uses up a site's budget, typed addresses are sent only a few
 * messages a day, accepted links are http(s), and RSVP cancel codes exist only as hashes.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { DEMO, sqlValue } from '../../demo/seed/index.js';
import { HostOfferRequest } from '../../schema/api/host-offers.js';
import { RsvpReceipt } from '../../schema/api/events.js';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { checkFormToken, FORM_TOKEN_TTL_MS, isAutomated, issueFormToken } from '../../worker/lib/form-token.js';
import { api, expectProblem, formToken, getJson } from './helpers.js';

const R = DEMO.riverside;
const SITE = 'site_riv_riverside_high';
const RUN = randomUUID().replace(/-/g, '').slice(0, 10);
const sql = (text: string): any[] => query(process.env.WBL_PERSIST_TO, text);
const example = (z.globalRegistry.get(HostOfferRequest) as { example: Record<string, any> }).example;

/** Client addresses in 10.0.0.0/8, fresh per run, so each test's per-client budget is its own. */
let ip = Math.floor(Math.random() * 60_000);
const nextClient = () => {
  ip += 1;
  return `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
};

/** A token fetched just now: valid, but too young to be accepted. */
const freshToken = async (form: string, key: string = R.key) => (await getJson<{ token: string }>(`/forms/${form}/token`, { key })).token;

/** The same token with its payload changed (an older opening time) and the old MAC kept. */
function forged(token: string): string {
  const [v, payload, tag] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  return `${v}.${Buffer.from(JSON.stringify({ ...claims, t: claims.t - 3_600_000 })).toString('base64url')}.${tag}`;
}

function post(path: string, body: unknown, opts: { key?: string; client?: string } = {}) {
  return api(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': opts.key ?? randomUUID(), 'CF-Connecting-IP': opts.client ?? nextClient() },
  });
}

const counter = (bucket: string): number => sql(`SELECT coalesce(sum(count), 0) AS n FROM rate_counters WHERE bucket = ${sqlValue(bucket)}`)[0].n;

// ---------------------------------------------------------------------------------------------
// Host offers

let hostToken = '';
const offer = (title: string, over: { email?: string; website?: string; token?: string } = {}) => ({
  ...example,
  formToken: over.token ?? hostToken,
  organization: { ...example.organization, ...(over.website !== undefined ? { website: over.website } : {}) },
  contact: { ...example.contact, email: over.email ?? `host.${RUN}@example.com` },
  opportunity: { ...example.opportunity, title: `${title} ${RUN}` },
});
const offersTitled = (title: string): number =>
  sql(`SELECT count(*) AS n FROM host_offers WHERE json_extract(payload, '$.opportunity.title') = ${sqlValue(`${title} ${RUN}`)}`)[0].n;
const outboxTo = (address: string): { subject: string; body: string }[] =>
  sql(`SELECT subject, body FROM outbox WHERE recipient = ${sqlValue(address)} ORDER BY created_at, rowid`);

describe('host offers: the server measures the fill time', () => {
  before(async () => {
    hostToken = await formToken('host-offer');
  });

  it('stores nothing and sends nothing for a missing, forged, too-fast, another site’s or another form’s token', async () => {
    const email = `badtoken.${RUN}@example.com`;
    const { formToken: _none, ...missing } = offer('Bad token missing', { email });
    const otherForm = await formToken('rsvp');
    // Each token is made just before it is sent: a "too fast" one is only too fast for 3 s.
    const cases: [string, () => Promise<unknown>, string][] = [
      ['missing', async () => missing, 'Bad token missing'],
      ['forged', async () => offer('Bad token forged', { email, token: forged(hostToken) }), 'Bad token forged'],
      ['too fast', async () => offer('Bad token fast', { email, token: await freshToken('host-offer') }), 'Bad token fast'],
      ['another site', async () => offer('Bad token site', { email, token: await freshToken('host-offer', DEMO.lakeside.key) }), 'Bad token site'],
      ['another form', async () => offer('Bad token form', { email, token: otherForm }), 'Bad token form'],
    ];
    const codes: (string | undefined)[] = [];
    for (const [name, body] of cases) {
      const problem = await expectProblem(await post('/host-offers', await body()), 400);
      assert.equal(problem.errors?.[0]?.path, 'formToken', name);
      codes.push(problem.errors?.[0]?.code);
    }
    assert.deepEqual(codes.slice(1), ['form_token_invalid', 'too_fast', 'form_token_invalid', 'form_token_invalid']);
    for (const [name, , title] of cases) assert.equal(offersTitled(title), 0, `${name}: no offer stored`);
    assert.deepEqual(outboxTo(email), [], 'no message written');
  });

  it('replays the first answer to a retry after a reload, which carries a new token, and creates no second offer', async () => {
    const key = randomUUID();
    const first = await post('/host-offers', offer('Reload retry'), { key });
    assert.equal(first.status, 201);
    const receipt = await first.json();
    // The reloaded form fetched a new token seconds ago: on its own it would be "too fast".
    const again = await post('/host-offers', offer('Reload retry', { token: await freshToken('host-offer') }), { key });
    assert.equal(again.status, 201, await again.clone().text());
    assert.deepEqual(await again.json(), receipt);
    assert.equal(offersTitled('Reload retry'), 1);
  });

  it('lets 60 junk submissions use up nothing: the same client and a real employer still get through', async () => {
    const junkClient = nextClient();
    const siteBefore = counter(`host-offer:${SITE}`);
    let tooFast = '';
    const junk = [
      (i: number) => offer(`Junk ${i}`, { token: forged(hostToken) }),
      (i: number) => offer(`Junk ${i}`, { token: tooFast }),
      (i: number) => offer(`Junk ${i}`, { token: `ft1.${'x'.repeat(30)}.${'y'.repeat(43)}` }),
      (i: number) => ({ ...offer(`Junk ${i}`), nickname: 'bot' }),
    ];
    const statuses: number[] = [];
    for (let batch = 0; batch < 6; batch++) {
      tooFast = await freshToken('host-offer'); // fresh for each batch, so it stays too young
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, j) => post('/host-offers', junk[(batch * 10 + j) % junk.length]!(batch * 10 + j), { client: junkClient })),
      );
      statuses.push(...answers.map((r) => r.status));
    }
    assert.deepEqual(
      statuses,
      Array.from({ length: 60 }, (_, i) => (i % 4 === 3 ? 201 : 400)),
      'junk is refused (or, with the honeypot, seemingly taken), never counted',
    );
    assert.equal(counter(`host-offer:${SITE}:${junkClient}`), 0, 'the client’s budget is untouched');
    assert.equal(counter(`host-offer:${SITE}`), siteBefore, 'the site’s budget is untouched');
    assert.equal((await post('/host-offers', offer('After the flood, real employer'))).status, 201);
    assert.equal((await post('/host-offers', offer('After the flood, same client'), { client: junkClient })).status, 201);
    assert.equal(offersTitled('After the flood, real employer'), 1);
    for (let i = 0; i < 60; i += 13) assert.equal(offersTitled(`Junk ${i}`), 0);
  });

  it('keeps every offer but writes at most five confirmations a day to one typed address', async () => {
    const email = `flooded.${RUN}@example.com`;
    for (let i = 0; i < 7; i++) assert.equal((await post('/host-offers', offer(`Mail limit ${i}`, { email }))).status, 201);
    assert.equal(sql(`SELECT count(*) AS n FROM host_offers WHERE json_extract(payload, '$.contact.email') = ${sqlValue(email)}`)[0].n, 7);
    const mail = outboxTo(email);
    assert.equal(mail.length, 5);
    assert.ok(mail.every((m) => /We received your offer/.test(m.subject)));
  });

  it('accepts only http and https websites', async () => {
    for (const website of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example/offer', 'JavaScript:alert(1)']) {
      const problem = await expectProblem(await post('/host-offers', offer('Bad website', { website })), 400);
      assert.deepEqual(
        problem.errors?.map((e) => e.path),
        ['organization.website'],
        website,
      );
    }
    assert.equal(offersTitled('Bad website'), 0);
    assert.equal((await post('/host-offers', offer('Good website', { website: 'http://plain.example' }))).status, 201);
  });
});

describe('form tokens expire', () => {
  it('refuses a token older than a day as expired, with a field error the widget recognises', async () => {
    const secret = 'a test secret of enough length';
    const old = await issueFormToken(secret, SITE, 'rsvp', Date.now() - FORM_TOKEN_TTL_MS - 60_000);
    assert.equal(await checkFormToken(secret, old, SITE, 'rsvp'), 'expired');
    await assert.rejects(
      isAutomated(secret, { formToken: old }, SITE, 'rsvp'),
      (e: { errors?: { path: string; code?: string }[] }) => e.errors?.[0]?.path === 'formToken' && e.errors[0].code === 'form_token_expired',
    );
    assert.equal(await checkFormToken('another secret of enough length', old, SITE, 'rsvp'), 'invalid');
  });
});

// ---------------------------------------------------------------------------------------------
// RSVPs

const FAR = Date.now() + 310 * 86_400_000;
const EV = { open: `evt_trust_open_${RUN}`, one: `evt_trust_one_${RUN}` };
function eventInsert(id: string, capacity: number | null): string {
  const row: Record<string, string | number | boolean | null | string[]> = {
    id,
    tenant_id: R.tenantId,
    type: 'workshop',
    title: `Trust test event ${id}`,
    description: 'A throw-away event made by the trust tests.',
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
  return `INSERT INTO events (${Object.keys(row).join(', ')}) VALUES (${Object.values(row)
    .map((v) => sqlValue(v))
    .join(', ')});`;
}

let rsvpToken = '';
const person = (n: string, over: Record<string, unknown> = {}) => ({
  name: `Trust Person ${n}`,
  email: `trust.${n}.${RUN}@example.com`,
  role: 'family',
  partySize: 1,
  consent: true,
  formToken: rsvpToken,
  ...over,
});
const rsvpsBy = (email: string): number => sql(`SELECT count(*) AS n FROM rsvps WHERE email = ${sqlValue(email)}`)[0].n;

async function reserve(eventId: string, body: unknown, opts: { key?: string; client?: string } = {}): Promise<RsvpReceipt> {
  const res = await post(`/events/${eventId}/rsvps`, body, opts);
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return RsvpReceipt.parse(JSON.parse(text));
}
const cancel = (token: string) => api(`/rsvps/${token}`, { method: 'DELETE' });

describe('RSVPs: the server measures the fill time', () => {
  before(async () => {
    sql([eventInsert(EV.open, null), eventInsert(EV.one, 1)].join('\n'));
    rsvpToken = await formToken('rsvp');
  });

  it('stores nothing for a missing, forged, too-fast, another site’s or another form’s token', async () => {
    const { formToken: _none, ...missing } = person('missing');
    const otherForm = hostToken || (await formToken('host-offer'));
    const cases: [string, () => Promise<Record<string, unknown>>][] = [
      ['missing', async () => missing],
      ['forged', async () => person('forged', { formToken: forged(rsvpToken) })],
      ['too fast', async () => person('fast', { formToken: await freshToken('rsvp') })],
      ['another site', async () => person('site', { formToken: await freshToken('rsvp', DEMO.lakeside.key) })],
      ['another form', async () => person('form', { formToken: otherForm })],
    ];
    const codes: (string | undefined)[] = [];
    for (const [name, body] of cases) {
      const problem = await expectProblem(await post(`/events/${EV.open}/rsvps`, await body()), 400);
      assert.equal(problem.errors?.[0]?.path, 'formToken', name);
      codes.push(problem.errors?.[0]?.code);
    }
    assert.deepEqual(codes.slice(1), ['form_token_invalid', 'too_fast', 'form_token_invalid', 'form_token_invalid']);
    for (const n of ['missing', 'forged', 'fast', 'site', 'form']) assert.equal(rsvpsBy(`trust.${n}.${RUN}@example.com`), 0, `${n}: no RSVP stored`);
  });

  it('lets 60 junk RSVPs from one client use up nothing', async () => {
    const junkClient = nextClient();
    const statuses: number[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const tooFast = await freshToken('rsvp'); // fresh for each batch, so it stays too young
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, j) => {
          const n = batch * 10 + j;
          const body =
            n % 3 === 0
              ? person(`junk-${n}`, { formToken: tooFast })
              : n % 3 === 1
                ? person(`junk-${n}`, { formToken: forged(rsvpToken) })
                : person(`junk-${n}`, { nickname: 'bot' });
          return post(`/events/${EV.open}/rsvps`, body, { client: junkClient });
        }),
      );
      statuses.push(...answers.map((r) => r.status));
    }
    assert.deepEqual(
      statuses,
      Array.from({ length: 60 }, (_, i) => (i % 3 === 2 ? 201 : 400)),
      'junk is refused (or, with the honeypot, seemingly taken), never counted',
    );
    assert.equal(counter(`rsvp:${SITE}:${junkClient}`), 0);
    assert.equal((await reserve(EV.open, person('after-flood'), { client: junkClient })).status, 'confirmed');
  });
});

describe('RSVP cancel codes exist only as hashes', () => {
  it('keeps the cancel code out of the RSVP row, the stored answer and the outbox, and a retry answers the same working code', async () => {
    const key = randomUUID();
    const body = person('hash');
    const first = await reserve(EV.open, body, { key });
    assert.match(first.cancelToken, /^[A-Za-z0-9_-]{43}$/);
    // After a reload the form carries a new token; the answer (and its code) is the first one.
    const again = await reserve(EV.open, { ...body, formToken: await freshToken('rsvp') }, { key });
    assert.deepEqual(again, first);
    assert.equal(rsvpsBy(body.email), 1);

    const code = sqlValue(first.cancelToken);
    assert.equal(
      sql(`SELECT count(*) AS n FROM idempotency_keys WHERE instr(response || request_hash || key, ${code}) > 0`)[0].n,
      0,
      'no stored answer holds the code',
    );
    assert.equal(sql(`SELECT count(*) AS n FROM rsvps WHERE instr(cancel_token_hash || name || email, ${code}) > 0`)[0].n, 0, 'no RSVP holds the code');
    assert.equal(
      sql(`SELECT count(*) AS n FROM outbox WHERE instr(body || subject || coalesce(sealed_link, ''), ${code}) > 0`)[0].n,
      0,
      'no message holds the code',
    );
    const [stored] = sql(`SELECT response FROM idempotency_keys WHERE key = ${sqlValue(key)}`);
    assert.equal(JSON.parse(stored.response).cancelToken, undefined);
    assert.equal(JSON.parse(stored.response).id, first.id);
    const [row] = sql(`SELECT * FROM rsvps WHERE id = ${sqlValue(first.id)}`);
    assert.ok(!JSON.stringify(row).includes(first.cancelToken));

    assert.equal((await cancel(again.cancelToken)).status, 200, 'the replayed code cancels');
    assert.equal((await cancel(first.cancelToken)).status, 410);
  });
});

describe('waitlist notices to a typed address are limited', () => {
  it('promotes everyone in turn but sends one address at most five messages a day (receipts, seats, cancellations together)', async () => {
    const shared = `trust.waitlist.${RUN}@example.com`;
    const holder = await reserve(EV.one, person('holder'));
    assert.equal(holder.status, 'confirmed');
    const waiting: RsvpReceipt[] = [];
    for (let i = 0; i < 7; i++) waiting.push(await reserve(EV.one, person(`wait-${i}`, { email: shared })));
    assert.deepEqual(
      waiting.map((w) => w.status),
      Array(7).fill('waitlisted'),
    );
    // Each cancellation gives the one seat to the next in line.
    for (const r of [holder, ...waiting.slice(0, 6)]) assert.equal((await cancel(r.cancelToken)).status, 200);
    const last = sql(`SELECT status FROM rsvps WHERE id = ${sqlValue(waiting[6]!.id)}`)[0];
    assert.equal(last.status, 'confirmed', 'the seventh was promoted');
    const mail = outboxTo(shared);
    assert.equal(mail.length, 5, 'five messages to the typed address, then nothing more today');
    assert.ok(
      mail.every((m) => !waiting.some((w) => m.body.includes(w.cancelToken))),
      'no message carries a cancel code',
    );
  });
});
