/// <reference types="mocha" />
// The calendar opens the event the page's address names (`#event=evt_…`, as the API's JSON-LD
// `url` and the .ics links write it), on load and on hashchange, like the board's `#opportunity=`.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import '../../components/event-calendar/define.js';
import type { WblEventCalendar } from '../../components/event-calendar/event-calendar.js';
import { calendarEvent, eventsApi } from './event-fixtures.js';

type Stub = ReturnType<typeof eventsApi>;
let stub: Stub | undefined;
afterEach(() => {
  stub?.restore();
  stub = undefined;
  history.replaceState(null, '', location.pathname + location.search);
});

const FAIR = calendarEvent('evt_spring_fair');
const NIGHT = calendarEvent('evt_family_night', {
  type: 'family_night',
  title: 'Family Career Night',
  startsAt: '2027-03-18T01:00:00.000Z',
  endsAt: '2027-03-18T03:00:00.000Z',
});
const title = (el: WblEventCalendar) => el.shadowRoot!.querySelector('#detail-title')?.textContent?.trim() ?? '';
const calendar = () => fixture<WblEventCalendar>('<wbl-event-calendar site-key="pk_test" api-base="https://api.example" month="2027-03"></wbl-event-calendar>');

describe('<wbl-event-calendar> deep links', () => {
  it('opens the event named in the address when it loads', async () => {
    stub = eventsApi([FAIR, NIGHT]);
    history.replaceState(null, '', `${location.pathname}#event=${FAIR.id}`);
    const el = await calendar();
    await waitUntil(() => title(el) === FAIR.title, 'the fair opens from the address');
    expect(stub.calls.some((u) => u.pathname.endsWith(`/events/${FAIR.id}`))).to.equal(true);
  });

  it('follows hashchange, and closing the event clears the address', async () => {
    stub = eventsApi([FAIR, NIGHT]);
    const el = await calendar();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="count"]')?.textContent?.includes(':'), 'the month loads');
    expect(title(el)).to.equal('');
    location.hash = `event=${NIGHT.id}`;
    await waitUntil(() => title(el) === NIGHT.title, 'the night opens on hashchange');
    location.hash = `event=${FAIR.id}`;
    await waitUntil(() => title(el) === FAIR.title, 'the fair replaces it');
    el.shadowRoot!.querySelector<HTMLElement>('[part~="back-button"]')!.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('[part~="detail"]'), 'the detail closes');
    expect(location.hash).to.equal('');
  });

  it('ignores an address that is not an event id', async () => {
    stub = eventsApi([FAIR]);
    history.replaceState(null, '', `${location.pathname}#event=javascript:alert(1)`);
    const el = await calendar();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="count"]')?.textContent?.includes(':'), 'the month loads');
    expect(el.shadowRoot!.querySelector('[part~="detail"]')).to.equal(null);
    expect(stub.calls.every((u) => u.pathname.endsWith('/events'))).to.equal(true);
  });
});
