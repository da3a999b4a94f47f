/**
 * What a family receives about an event, read back from the real SMTP server's inbox: the
 * confirmation or waitlist message in the language the RSVP was made in, with the event as an
 * invitation (`event.ics`, RFC 5546) that ical.js parses; the manage link that opens and cancels
 * the reservation; promotion off the waitlist; and a coordinator's change and cancellation, to
 * each guest in their own language.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { type EventDetail, RsvpReceipt, RsvpView } from '../../schema/api/events.js';
import { DEMO, sqlValue } from '../../demo/seed/index.js';
import { addDays, localDate, zonedInstant } from '../../worker/lib/zones.js';
import { COORDINATOR, quote, sql, write } from './admin-helpers.js';
import { api, expectProblem, formToken, getJson } from './helpers.js';
import { type Delivered, mark, waitForMail } from './mail.js';

const R = DEMO.riverside;
const RUN = randomUUID().replace(/-/g, '').slice(0, 10);
const ZONE = 'America/Chicago';
/**
 * A January 14th more than 120 days out, 6 pm in Chicago (standard time, far from any DST
 * question; Riverside's clocks say 4 pm): outside the calendar's default 90 days, which other
 * tests count.
 */
const DAY = (() => {
  const today = localDate(Date.now(), ZONE);
  const next = `${Number(today.slice(0, 4)) + 1}-01-14`;
  return next > addDays(today, 120) ? next : `${Number(today.slice(0, 4)) + 2}-01-14`;
})();
const START = zonedInstant(DAY, '18:00', ZONE);

const T = {
  family: `evt_mail_family_${RUN}`,
  small: `evt_mail_small_${RUN}`,
  plain: `evt_mail_plain_${RUN}`,
};
const TITLE = `Family Science Night ${RUN}`;
const TITLE_ES = `Noche familiar de ciencias ${RUN}`;

function eventInsert(id: string, over: Record<string, string | number | boolean | null | string[]> = {}): string {
  const row: Record<string, string | number | boolean | null | string[]> = {
    id,
    tenant_id: R.tenantId,
    type: 'family_night',
    title: TITLE,
    description: 'Hands-on experiments for students and their families.',
    title_es: TITLE_ES,
    description_es: 'Experimentos prácticos para estudiantes y sus familias.',
    accessibility_notes: 'Step-free entrance; ASL interpreter on stage.',
    accessibility_notes_es: 'Entrada sin escalones; intérprete de ASL en el escenario.',
    interpretation: ['es', 'asl', 'other'],
    starts_at: new Date(START).toISOString(),
    ends_at: new Date(START + 90 * 60_000).toISOString(),
    all_day: false,
    time_zone: ZONE,
    location_name: 'North Shore High School, Cafeteria',
    address: '100 Lake Street',
    city: 'Evanston',
    state: 'IL',
    postal_code: '60201',
    audiences: ['families'],
    clusters: [],
    capacity: 20,
    registration_required: true,
    status: 'scheduled',
    sequence: 0,
    ...over,
  };
  return `INSERT INTO events (${Object.keys(row).join(', ')}) VALUES (${Object.values(row)
    .map((v) => sqlValue(v))
    .join(', ')});`;
}

let ip = Math.floor(Math.random() * 60_000);
const nextClient = () => {
  ip = (ip + 1) % 65_536;
  return `198.19.${(ip >> 8) & 255}.${ip & 255}`;
};
const address = (who: string) => `${who}.${RUN}@example.org`;
const person = (who: string, over: Record<string, unknown> = {}) => ({
  name: `Guest ${who}`,
  email: address(who),
  role: 'family',
  partySize: 1,
  consent: true,
  ...over,
});

async function rsvp(eventId: string, body: Record<string, unknown>, opts: { lang?: string; acceptLanguage?: string } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClient(), 'Idempotency-Key': randomUUID() };
  if (opts.acceptLanguage) headers['Accept-Language'] = opts.acceptLanguage;
  return api(`/events/${eventId}/rsvps`, {
    method: 'POST',
    headers,
    query: opts.lang ? { lang: opts.lang } : undefined,
    body: JSON.stringify({ ...body, formToken: await formToken('rsvp') }),
  });
}
async function receipt(eventId: string, body: Record<string, unknown>, opts: Parameters<typeof rsvp>[2] = {}) {
  const res = await rsvp(eventId, body, opts);
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return RsvpReceipt.parse(JSON.parse(text));
}

/** The calendar file a message carries, checked as a mail client sees it, and parsed with ical.js. */
function invitation(m: Delivered, method: 'REQUEST' | 'CANCEL') {
  const files = m.mail.attachments.filter((a) => a.contentType === 'text/calendar');
  assert.equal(files.length, 1, `one calendar file in "${m.mail.subject}"`);
  const file = files[0]!;
  assert.equal(file.filename, 'event.ics');
  assert.match(m.raw, new RegExp(`Content-Type: text/calendar; method=${method}; charset=UTF-8`, 'i'));
  const text = file.content.toString('utf8');
  assert.ok(
    text.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75),
    'lines folded at 75 octets',
  );
  assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text), 'CRLF line endings');
  const cal = new ICAL.Component(ICAL.parse(text));
  assert.equal(cal.getFirstPropertyValue('method'), method);
  const [vevent, ...more] = cal.getAllSubcomponents('vevent');
  assert.ok(vevent);
  assert.equal(more.length, 0, 'a single event');
  const vtz = cal.getAllSubcomponents('vtimezone');
  return { text, cal, vevent, vtz, event: new ICAL.Event(vevent) };
}

/** A message's text with Intl's narrow and no-break spaces as plain ones (`6:00\u202fPM`). */
const textOf = (m: Delivered) => (m.mail.text ?? '').replace(/[\u202f\u00a0]/g, ' ');

/** The one-time manage link's token, from the message text. */
function manageToken(m: Delivered): string {
  const found = (m.mail.text ?? '').match(/https?:\/\/\S+#rsvp=([A-Za-z0-9_-]{43})/);
  assert.ok(found, `a manage link in "${m.mail.subject}":\n${m.mail.text}`);
  return found[1]!;
}

const byRsvp = (rsvpId: string) =>
  sql<{ kind: string; lang: string; body: string; sealed_link: string | null; data: string | null }>(
    `SELECT kind, lang, body, sealed_link, data FROM outbox WHERE related_id = ${quote(rsvpId)} ORDER BY created_at, rowid`,
  );

before(() => {
  sql(
    [
      eventInsert(T.family),
      eventInsert(T.small, { capacity: 1, title: `Small Lab Tour ${RUN}`, title_es: `Visita pequeña al laboratorio ${RUN}` }),
      eventInsert(T.plain, { interpretation: [], title_es: null, description_es: null, accessibility_notes_es: null, title: `Plain Tour ${RUN}` }),
    ].join('\n'),
  );
});

describe('RSVP confirmation', () => {
  it('sends the confirmation with the seats, the time in the event’s zone, the place and notes, and an invitation that parses', async () => {
    const after = await mark();
    const r = await receipt(T.family, person('ana', { partySize: 3, interpretation: 'asl' }));
    assert.equal(r.status, 'confirmed');
    const [m] = await waitForMail(address('ana'), { after });
    assert.equal(m!.mail.subject, `Your seat at ${TITLE} is reserved`);
    const text = textOf(m!);
    assert.match(text, /You have 3 seats at/);
    const when = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, dateStyle: 'full' }).format(START).replace(/[\u202f\u00a0]/g, ' ');
    assert.ok(text.includes(`When: ${when} at 6:00 PM CST`), text);
    assert.match(text, /Where: North Shore High School, Cafeteria, 100 Lake Street, Evanston, IL 60201/);
    assert.match(text, /Accessibility: Step-free entrance; ASL interpreter on stage\./);
    assert.equal(m!.mail.headers.get('content-language'), 'en');

    const ics = invitation(m!, 'REQUEST');
    assert.equal(ics.event.uid, `${T.family}@openwbl.org`, 'the UID the public feed uses');
    assert.equal(ics.event.summary, TITLE);
    assert.equal(ics.event.sequence, 0);
    const dtstart = ics.vevent.getFirstProperty('dtstart')!;
    assert.equal(dtstart.getParameter('tzid'), ZONE);
    assert.equal(String(dtstart.getFirstValue()), `${DAY}T18:00:00`);
    assert.equal(ics.vtz[0]?.getFirstPropertyValue('tzid'), ZONE);
    assert.equal(ics.event.startDate.toUnixTime() * 1000, START, 'the instant the API gives');
    const attendee = ics.vevent.getFirstProperty('attendee')!;
    assert.equal(attendee.getFirstValue(), `mailto:${address('ana')}`);
    assert.equal(attendee.getParameter('partstat'), 'ACCEPTED');
    assert.equal(attendee.getParameter('cn'), 'Guest ana');
    assert.match(String(ics.vevent.getFirstPropertyValue('organizer')), /^mailto:.+@/);
    assert.equal(ics.vevent.getFirstProperty('organizer')!.getParameter('cn'), 'Riverside Unified School District');
    assert.equal(ics.vevent.getFirstPropertyValue('status'), 'CONFIRMED');

    // The manage link is a one-time secret: sealed in the outbox, in the clear only in the mail.
    const token = manageToken(m!);
    assert.equal(token, r.cancelToken);
    const [row] = byRsvp(r.id);
    assert.equal(row!.kind, 'rsvp.confirmed');
    assert.ok(row!.body.includes('{link}') && !row!.body.includes(token));
    assert.equal(row!.sealed_link, null, 'dropped once sent');
    assert.deepEqual(JSON.parse(row!.data!), { ics: { eventId: T.family, rsvpId: r.id, method: 'REQUEST' } });
  });

  it('writes to a Spanish RSVP in Spanish, message and calendar file, and remembers the language', async () => {
    for (const [who, opts] of [
      ['beto', { acceptLanguage: 'es-MX,es;q=0.9,en;q=0.5' }],
      ['carmen', { lang: 'es' }],
    ] as const) {
      const after = await mark();
      const r = await receipt(T.family, person(who, { interpretation: 'es' }), opts);
      const [m] = await waitForMail(address(who), { after });
      assert.equal(m!.mail.subject, `Su lugar en ${TITLE_ES} está reservado`);
      assert.equal(m!.mail.headers.get('content-language'), 'es');
      const text = textOf(m!);
      assert.match(text, /^Hola, Guest /);
      assert.match(text, /Tiene 1 lugar en/);
      const cuando = new Intl.DateTimeFormat('es-US', { timeZone: ZONE, dateStyle: 'full' }).format(START).replace(/[\u202f\u00a0]/g, ' ');
      assert.ok(text.includes(`Cuándo: ${cuando}`), text);
      assert.match(text, /Accesibilidad: Entrada sin escalones; intérprete de ASL/);
      assert.match(text, /Para ver o cancelar su reservación/);
      const ics = invitation(m!, 'REQUEST');
      assert.equal(ics.event.summary, TITLE_ES);
      assert.match(ics.event.description, /^Experimentos prácticos/);
      assert.match(ics.event.description, /Accesibilidad: /);
      const [row] = sql<{ lang: string; interpretation: string }>(`SELECT lang, interpretation FROM rsvps WHERE id = ${quote(r.id)}`);
      assert.deepEqual(row, { lang: 'es', interpretation: 'es' });
    }
  });

  it('opens the reservation with the manage link’s token, and cancels it with a CANCEL invitation', async () => {
    const after = await mark();
    const r = await receipt(T.family, person('dora', { partySize: 2, interpretation: 'other', interpretationOther: 'Tagalog' }));
    const [m] = await waitForMail(address('dora'), { after });
    const token = manageToken(m!);

    const res = await api(`/rsvps/${token}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = await res.json();
    const view = RsvpView.parse(body);
    assert.deepEqual(
      { id: view.id, status: view.status, partySize: view.partySize, name: view.name, interpretation: view.interpretation },
      { id: r.id, status: 'confirmed', partySize: 2, name: 'Guest dora', interpretation: 'other' },
    );
    assert.equal(view.event.id, T.family);
    assert.equal(view.event.title, TITLE);
    assert.deepEqual(
      Object.keys(body).sort(),
      ['event', 'id', 'interpretation', 'interpretationOther', 'name', 'partySize', 'status', 'waitlistPosition'],
      'nothing else, no email',
    );
    assert.ok(!JSON.stringify(body).includes('@'), 'no address, no other guest');
    const es = await getJson<RsvpView>(`/rsvps/${token}`, { query: { lang: 'es' } });
    assert.equal(es.event.title, TITLE_ES, 'the event in the viewer’s language');
    await expectProblem(await api(`/rsvps/${'B'.repeat(43)}`), 404);
    await expectProblem(await api(`/rsvps/${token}`, { key: DEMO.lakeside.key }), 404);
    await expectProblem(await api(`/rsvps/${token}`, { key: null }), 401);

    assert.equal((await api(`/rsvps/${token}`, { method: 'DELETE' })).status, 200);
    const [gone] = await waitForMail(address('dora'), { after: m!.id });
    assert.equal(gone!.mail.subject, `Your reservation for ${TITLE} is cancelled`);
    assert.match(gone!.mail.text ?? '', /we cancelled your reservation \(2 seats\)/);
    const ics = invitation(gone!, 'CANCEL');
    assert.equal(ics.event.uid, `${T.family}@openwbl.org`);
    assert.equal(ics.vevent.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(ics.vevent.getFirstProperty('attendee')!.getFirstValue(), `mailto:${address('dora')}`);
    assert.equal((await getJson<RsvpView>(`/rsvps/${token}`)).status, 'cancelled');
  });
});

describe('waitlist', () => {
  it('tells a waitlisted party its place with a tentative invitation, and in its language when it is promoted', async () => {
    const first = await receipt(T.small, person('eli'));
    assert.equal(first.status, 'confirmed');
    const after = await mark();
    const waiting = await receipt(T.small, person('fer'), { lang: 'es' });
    assert.equal(waiting.status, 'waitlisted');
    const [w] = await waitForMail(address('fer'), { after });
    assert.equal(w!.mail.subject, `Está en la lista de espera de Visita pequeña al laboratorio ${RUN}`);
    assert.match(w!.mail.text ?? '', /es el número 1\./);
    assert.equal(invitation(w!, 'REQUEST').vevent.getFirstProperty('attendee')!.getParameter('partstat'), 'TENTATIVE');
    assert.equal(byRsvp(waiting.id)[0]!.kind, 'rsvp.waitlisted');

    assert.equal((await api(`/rsvps/${first.cancelToken}`, { method: 'DELETE' })).status, 200);
    const [p] = await waitForMail(address('fer'), { after: w!.id });
    assert.equal(p!.mail.subject, `Ya tiene lugar en Visita pequeña al laboratorio ${RUN}`);
    assert.match(p!.mail.text ?? '', /^¡Buenas noticias, Guest fer!/);
    const ics = invitation(p!, 'REQUEST');
    assert.equal(ics.vevent.getFirstProperty('attendee')!.getParameter('partstat'), 'ACCEPTED');
    assert.equal(ics.event.summary, `Visita pequeña al laboratorio ${RUN}`);
    const rows = byRsvp(waiting.id);
    assert.deepEqual(
      rows.map((r) => [r.kind, r.lang]),
      [
        ['rsvp.waitlisted', 'es'],
        ['rsvp.promoted', 'es'],
      ],
    );
  });
});

describe('a coordinator changes or cancels an event', () => {
  it('sends event.changed with a higher SEQUENCE to each guest in their language, then event.cancelled as a CANCEL', async () => {
    const title = `Robotics Showcase ${RUN}`;
    const created = await write(
      COORDINATOR,
      'POST',
      '/admin/events',
      {
        type: 'family_night',
        title,
        titleEs: `Muestra de robótica ${RUN}`,
        descriptionEs: 'Los equipos muestran sus robots.',
        accessibilityNotesEs: 'Entrada sin escalones.',
        interpretation: ['es', 'asl'],
        description: 'Teams show their robots.',
        accessibilityNotes: 'Step-free entrance.',
        when: { timeZone: ZONE, startDate: DAY, startTime: '17:00', endDate: DAY, endTime: '19:00' },
        locationName: 'North Shore High School gym',
        audiences: ['families'],
        capacity: 10,
        registrationRequired: true,
      },
      201,
    );
    assert.equal(created.titleEs, `Muestra de robótica ${RUN}`);
    assert.deepEqual(created.interpretation, ['es', 'asl']);
    const pub = await getJson<EventDetail>(`/events/${created.id}`, { query: { lang: 'es' } });
    assert.equal(pub.title, `Muestra de robótica ${RUN}`);
    assert.equal(pub.description, 'Los equipos muestran sus robots.');
    assert.equal(pub.accessibilityNotes, 'Entrada sin escalones.');
    assert.deepEqual(pub.interpretation, ['es', 'asl']);
    assert.equal((await getJson<EventDetail>(`/events/${created.id}`)).title, title, 'English by default');

    const after = await mark();
    const en = await receipt(created.id, person('gil', { interpretation: 'asl' }));
    const es = await receipt(created.id, person('hilda'), { lang: 'es' });
    const [confirmedEn] = await waitForMail(address('gil'), { after });
    const [confirmedEs] = await waitForMail(address('hilda'), { after });
    assert.equal(invitation(confirmedEn!, 'REQUEST').event.sequence, 0);
    const guests = (await write(COORDINATOR, 'PATCH', `/admin/events/${created.id}`, { titleEs: `Muestra de robótica ${RUN}` })).rsvps;
    assert.deepEqual(
      guests.map((g: { id: string; lang: string; interpretation: string | null; interpretationOther: string | null }) => [
        g.id,
        g.lang,
        g.interpretation,
        g.interpretationOther,
      ]),
      [
        [en.id, 'en', 'asl', null],
        [es.id, 'es', null, null],
      ],
    );

    await write(COORDINATOR, 'PATCH', `/admin/events/${created.id}`, {
      when: { timeZone: ZONE, startDate: DAY, startTime: '18:30', endDate: DAY, endTime: '20:00' },
    });
    const [changedEn] = await waitForMail(address('gil'), { after: confirmedEn!.id, match: (m) => /^Changed:/.test(m.mail.subject ?? '') });
    const [changedEs] = await waitForMail(address('hilda'), { after: confirmedEs!.id, match: (m) => /^Cambio:/.test(m.mail.subject ?? '') });
    assert.equal(changedEn!.mail.subject, `Changed: ${title}`);
    assert.match(changedEn!.mail.text ?? '', /^Hello Guest gil,/);
    assert.match(textOf(changedEn!), /at 6:30 PM CST/);
    assert.equal(changedEs!.mail.subject, `Cambio: Muestra de robótica ${RUN}`);
    assert.match(changedEs!.mail.text ?? '', /^Hola, Guest hilda:/);
    assert.match(textOf(changedEs!), /6:30 p\.\s?m\. CST/);
    for (const m of [changedEn!, changedEs!]) {
      const ics = invitation(m, 'REQUEST');
      assert.equal(ics.event.uid, `${created.id}@openwbl.org`);
      assert.equal(ics.event.sequence, 2, 'higher than the confirmation’s, so calendars replace it');
      assert.equal(String(ics.vevent.getFirstProperty('dtstart')!.getFirstValue()), `${DAY}T18:30:00`);
    }
    assert.equal(invitation(changedEs!, 'REQUEST').event.summary, `Muestra de robótica ${RUN}`);

    await write(COORDINATOR, 'POST', `/admin/events/${created.id}/cancel`, { message: 'The gym floor is being repaired.' });
    const [cancelledEs] = await waitForMail(address('hilda'), { after: changedEs!.id, match: (m) => /^Cancelado:/.test(m.mail.subject ?? '') });
    assert.match(cancelledEs!.mail.text ?? '', /Lo sentimos: se canceló "Muestra de robótica/);
    assert.match(cancelledEs!.mail.text ?? '', /The gym floor is being repaired\./);
    const ics = invitation(cancelledEs!, 'CANCEL');
    assert.equal(ics.vevent.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(ics.event.sequence, 3);
    const [cancelledEn] = await waitForMail(address('gil'), { after: changedEn!.id, match: (m) => /^Cancelled:/.test(m.mail.subject ?? '') });
    assert.equal(invitation(cancelledEn!, 'CANCEL').event.summary, `Cancelled: ${title}`);
  });
});

describe('interpretation on the RSVP form', () => {
  it('accepts only what the event offers, and asks which language for “other”', async () => {
    const notOffered = await expectProblem(await rsvp(T.plain, person('ivan', { interpretation: 'es' })), 400);
    assert.deepEqual(
      notOffered.errors?.map((e) => [e.path, e.code]),
      [['interpretation', 'not_offered']],
    );
    const otherEvent = await expectProblem(await rsvp(T.family, person('juan', { interpretation: 'other' })), 400);
    assert.deepEqual(
      otherEvent.errors?.map((e) => e.path),
      ['interpretationOther'],
    );
    const unknown = await expectProblem(await rsvp(T.family, person('kim', { interpretation: 'klingon' })), 400);
    assert.deepEqual(
      unknown.errors?.map((e) => e.path),
      ['interpretation'],
    );
    const long = await expectProblem(await rsvp(T.family, person('lea', { interpretation: 'other', interpretationOther: 'x'.repeat(121) })), 400);
    assert.deepEqual(
      long.errors?.map((e) => e.path),
      ['interpretationOther'],
    );
    sql(`UPDATE events SET interpretation = '["asl"]' WHERE id = ${quote(T.plain)}`);
    const wrong = await expectProblem(await rsvp(T.plain, person('mia', { interpretation: 'es' })), 400);
    assert.match(wrong.errors?.[0]?.message ?? '', /American Sign Language/);
    assert.equal((await rsvp(T.plain, person('mia', { interpretation: 'asl' }))).status, 201);
    assert.equal(sql(`SELECT count(*) AS n FROM rsvps WHERE email IN (${['ivan', 'juan', 'kim', 'lea'].map((w) => quote(address(w))).join(', ')})`)[0]!.n, 0);
  });
});
