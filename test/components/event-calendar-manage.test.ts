/// <reference types="mocha" />
/**
 * Families manage their reservations anywhere: "Have a reservation code?" opens the reservation
 * from the code in the confirmation, "Change the number of seats" sends the new size and shows
 * the server's field error under the field, and a waitlisted party is offered the seats that are free.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import '../../components/event-calendar/define.js';
import type { WblEventCalendar } from '../../components/event-calendar/event-calendar.js';
import type { Reservation } from '../../components/event-calendar/state.js';
import { calendarEvent, reservation } from './event-fixtures.js';
import { json, stubFetch } from './fixtures.js';

type Stub = ReturnType<typeof stubFetch>;
let stub: Stub | undefined;
const realNow = Date.now;
before(() => {
  const offset = Date.parse('2027-01-15T20:00:00Z') - realNow();
  Date.now = () => realNow() + offset;
});
after(() => {
  Date.now = realNow;
});
beforeEach(() => localStorage.clear());
afterEach(() => {
  stub?.restore();
  stub = undefined;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
});

const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const text = (el: Element, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const input = (el: Element, sel: string) => el.shadowRoot!.querySelector(sel) as unknown as HTMLInputElement;
const fact = (el: Element, term: string) =>
  [...el.shadowRoot!.querySelectorAll('[part~="reservation"] .facts div')].find((d) => d.querySelector('dt')?.textContent === term)?.querySelector('dd')
    ?.textContent ?? '';

const FAIR = calendarEvent('evt_fair', { capacity: 40, remaining: 2 });
const CODE = 'K7QM-4TXA';
const notFound = () => json({ type: 'https://openwbl.org/problems/not-found', title: 'Not found', status: 404 }, 404);

/**
 * The API over one reservation, known by `CODE`: GET answers it, PATCH answers `patch(body)` (by
 * default the reservation with the new size), anything else by that code is unknown.
 */
function api(r: Reservation, patch?: (body: { partySize: unknown }) => Response) {
  return stubFetch((url, init) => {
    const path = url.pathname.replace(/^\/api\/v1/, '');
    if (path === '/events') return json({ items: [FAIR] });
    if (path !== `/rsvps/${CODE}`) return notFound();
    if (init?.method === 'PATCH') {
      const body = JSON.parse(String(init.body)) as { partySize: number };
      return patch ? patch(body) : json({ ...r, partySize: body.partySize, status: 'confirmed', waitlistPosition: null });
    }
    return json(r);
  });
}

async function calendar(attrs = ''): Promise<WblEventCalendar> {
  const el = await fixture<WblEventCalendar>(
    `<wbl-event-calendar site-key="pk_test" api-base="https://api.example" month="2027-03" view="agenda" ${attrs}></wbl-event-calendar>`,
  );
  await waitUntil(() => !/^(Loading|Cargando)|^$/.test(text(el, '[part~="count"]')), 'the calendar settles');
  return el;
}

/** "Have a reservation code?", then the code typed and sent. */
async function typeCode(el: WblEventCalendar, code: string) {
  const open = $(el, '[part~="code-button"]')!;
  open.focus();
  open.click();
  await waitUntil(() => active(el)?.id === 'manage-title', 'focus on the heading that asks for the code');
  input(el, '#m-code').value = code;
  ($(el, '[part~="code-form"] [part~="submit-button"]') as HTMLButtonElement).click();
}

describe('a reservation code typed on the calendar', () => {
  it('opens the reservation it names, accessibly, and Back returns focus to “Have a reservation code?”', async () => {
    stub = api(reservation(FAIR));
    const el = await calendar();
    const button = $(el, '[part~="code-button"]')!;
    expect(button.textContent!.trim()).to.equal('Have a reservation code?');
    expect(button.getBoundingClientRect().height).to.be.at.least(24);
    await typeCode(el, ' k7qm-4txa ');
    await waitUntil(() => text(el, '#manage-title') === 'Your reservation', 'the reservation');
    expect(
      stub.calls.some((u) => u.pathname === `/api/v1/rsvps/${CODE}`),
      'looked up in capitals',
    ).to.equal(true);
    expect(fact(el, 'Seats')).to.equal('3');
    await expect(el).to.be.accessible();
    $(el, '[part~="back-button"]')!.click();
    await waitUntil(() => active(el) === $(el, '[part~="code-button"]'), 'focus back on the button that opened it');
  });

  it('asks with a labelled field, says when the code is unknown, and keeps what was typed', async () => {
    stub = api(reservation(FAIR));
    const el = await calendar();
    await typeCode(el, 'ZZZZ-ZZZZ');
    await waitUntil(() => text(el, '#manage-title') === 'We couldn’t find this reservation', 'the words for an unknown code');
    expect(input(el, '#m-code').value).to.equal('ZZZZ-ZZZZ');
    expect(text(el, 'label[for="m-code"]')).to.equal('Reservation code (like K7QM-4TXA)');
    await expect(el).to.be.accessible();
  });

  it('says so when too many codes were tried', async () => {
    stub = stubFetch((url) =>
      url.pathname === '/api/v1/events'
        ? json({ items: [FAIR] })
        : json({ type: 'https://openwbl.org/problems/rate-limited', title: 'Too many reservation codes tried', status: 429 }, 429),
    );
    const el = await calendar();
    await typeCode(el, CODE);
    await waitUntil(() => $(el, '[part~="code-form"] [part~="failure"]'), 'the failure');
    expect(text(el, '[part~="failure"]')).to.equal('Too many tries. Wait a few minutes and try again.');
  });

  it('speaks Spanish', async () => {
    stub = api(reservation(FAIR));
    const el = await calendar('lang="es"');
    expect(text(el, '[part~="code-button"]')).to.equal('¿Tienes un código de reservación?');
    await typeCode(el, CODE);
    await waitUntil(() => text(el, '#manage-title') === 'Tu reservación');
    expect(text(el, 'label[for="m-seats"]')).to.equal('Número de lugares');
    expect(text(el, '[part~="seats-button"]')).to.equal('Cambiar el número de lugares');
  });
});

describe('changing the number of seats', () => {
  it('sends the new size, shows it, and announces that it was saved', async () => {
    stub = api(reservation(FAIR));
    const el = await calendar();
    await typeCode(el, CODE);
    await waitUntil(() => $(el, '#m-seats'));
    expect(input(el, '#m-seats').value).to.equal('3');
    input(el, '#m-seats').value = '2';
    ($(el, '[part~="seats-button"]') as HTMLButtonElement).click();
    await waitUntil(() => active(el)?.id === 'm-seats-status', 'focus on the status');
    expect(text(el, '#m-seats-status')).to.equal('Saved.');
    expect($(el, '#m-seats-status')!.getAttribute('role')).to.equal('status');
    expect(fact(el, 'Seats')).to.equal('2');
    const patch = stub.requests.find((r) => r.init?.method === 'PATCH')!;
    expect(JSON.parse(String(patch.init!.body))).to.deep.equal({ partySize: 2 });
    await expect(el).to.be.accessible();
  });

  it('shows the server’s field error under the field, tied to it, and keeps the reservation as it was', async () => {
    stub = api(reservation(FAIR), () =>
      json(
        {
          type: 'https://openwbl.org/problems/conflict',
          title: 'Not enough seats',
          status: 409,
          errors: [{ path: 'partySize', message: 'Only 5 seats are available for your party', code: 'not_enough_seats' }],
        },
        409,
      ),
    );
    const el = await calendar();
    await typeCode(el, CODE);
    await waitUntil(() => $(el, '#m-seats'));
    input(el, '#m-seats').value = '9';
    ($(el, '[part~="seats-button"]') as HTMLButtonElement).click();
    await waitUntil(() => active(el)?.id === 'm-seats', 'focus back on the field');
    expect(text(el, '#m-seats-error')).to.equal('Only 5 seats are available for your party');
    expect(input(el, '#m-seats').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, '#m-seats').getAttribute('aria-describedby')).to.contain('m-seats-error');
    expect(fact(el, 'Seats')).to.equal('3');
    await expect(el).to.be.accessible();
  });

  it('offers a waitlisted party the seats that are free, with its place in line', async () => {
    stub = api(reservation(FAIR, { status: 'waitlisted', partySize: 5, waitlistPosition: 2 }));
    const el = await calendar();
    await typeCode(el, CODE);
    await waitUntil(() => $(el, '#m-seats'));
    expect(fact(el, 'Status')).to.equal('You’re on the waitlist (position 2)');
    expect(text(el, '#m-seats-hint')).to.equal('Only 2 seats are left: take 2 now');
    expect(input(el, '#m-seats').value, 'the free seats are offered').to.equal('2');
    ($(el, '[part~="seats-button"]') as HTMLButtonElement).click();
    await waitUntil(() => fact(el, 'Status') === 'Confirmed', 'confirmed');
    expect(fact(el, 'Seats')).to.equal('2');
    expect($(el, '#m-seats-hint'), 'nothing more to offer').to.equal(null);
  });
});

describe('the RSVP receipt of a party larger than the seats left', () => {
  it('says how many are left and takes them', async () => {
    const patches: unknown[] = [];
    stub = stubFetch((url, init) => {
      const path = url.pathname.replace(/^\/api\/v1/, '');
      if (path === '/events') return json({ items: [FAIR] });
      if (path === '/events/evt_fair')
        return json({ ...FAIR, description: 'A fair.', virtualUrl: null, accessibilityNotes: null, organizer: { name: 'R', url: null }, url: 'x', jsonLd: {} });
      if (init?.method === 'PATCH') {
        patches.push(JSON.parse(String(init.body)));
        return json({ ...reservation(FAIR), partySize: 2, status: 'confirmed', waitlistPosition: null });
      }
      return notFound();
    });
    localStorage.setItem(
      'wbl-rsvp:pk_test:evt_fair',
      JSON.stringify({
        receipt: {
          id: 'rsvp_1',
          status: 'waitlisted',
          cancelToken: 'Zk3q9W_xY2mPa8Lr-T5vN0cBd7HsJ4eQ1uKoGiF6tAw',
          waitlistPosition: 1,
          manageCode: CODE,
          seatsLeft: 2,
        },
      }),
    );
    history.replaceState(null, '', `${location.pathname}#event=evt_fair`);
    const el = await calendar();
    await waitUntil(() => $(el, '[part~="take-button"]'), 'the offer');
    expect(text(el, '[part~="receipt"] h4')).to.equal('You’re on the waitlist (position 1)');
    expect(text(el, '[part~="take-button"]')).to.equal('Only 2 seats are left: take 2 now');
    expect(input(el, '#code').value).to.equal(CODE);
    ($(el, '[part~="take-button"]') as HTMLButtonElement).click();
    await waitUntil(() => text(el, '[part~="receipt"] h4') === 'You’re confirmed', 'confirmed');
    expect(patches).to.deep.equal([{ partySize: 2 }]);
    expect(JSON.parse(localStorage.getItem('wbl-rsvp:pk_test:evt_fair')!).receipt.status, 'kept in this browser').to.equal('confirmed');
    await expect(el).to.be.accessible();
  });
});

describe('a waitlisted receipt kept in this browser', () => {
  const detail = () => ({
    ...FAIR,
    description: 'A fair.',
    virtualUrl: null,
    accessibilityNotes: null,
    organizer: { name: 'R', url: null },
    url: 'x',
    jsonLd: {},
  });
  const TOKEN = 'Zk3q9W_xY2mPa8Lr-T5vN0cBd7HsJ4eQ1uKoGiF6tAw';
  const kept = () =>
    localStorage.setItem(
      'wbl-rsvp:pk_test:evt_fair',
      JSON.stringify({ receipt: { id: 'rsvp_1', status: 'waitlisted', cancelToken: TOKEN, waitlistPosition: 1, manageCode: CODE, seatsLeft: 0 } }),
    );
  const serve = (r: Reservation) =>
    stubFetch((url) => {
      const path = url.pathname.replace(/^\/api\/v1/, '');
      if (path === '/events') return json({ items: [FAIR] });
      if (path === '/events/evt_fair') return json(detail());
      if (path === `/rsvps/${TOKEN}`) return json(r);
      return notFound();
    });

  it('says “confirmed” on the next visit once the family was promoted', async () => {
    kept();
    stub = serve(reservation(FAIR, { status: 'confirmed', waitlistPosition: null }));
    history.replaceState(null, '', `${location.pathname}#event=evt_fair`);
    const el = await calendar();
    await waitUntil(() => text(el, '[part~="receipt"] h4') === 'You’re confirmed', 'the promotion shows');
    expect(JSON.parse(localStorage.getItem('wbl-rsvp:pk_test:evt_fair')!).receipt.status).to.equal('confirmed');
    expect(
      stub.calls.filter((u) => u.pathname === `/api/v1/rsvps/${TOKEN}`),
      'asked once',
    ).to.have.length(1);
  });

  it('says it is cancelled when it was cancelled from the email’s link', async () => {
    kept();
    stub = serve(reservation(FAIR, { status: 'cancelled', waitlistPosition: null }));
    history.replaceState(null, '', `${location.pathname}#event=evt_fair`);
    const el = await calendar();
    await waitUntil(() => text(el, '[part~="receipt"] h4') === 'Your RSVP is cancelled.', 'the cancellation shows');
    expect(localStorage.getItem('wbl-rsvp:pk_test:evt_fair')).to.equal(null);
  });
});
