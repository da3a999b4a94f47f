/// <reference types="mocha" />
import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/event-calendar/define.js';
import type { WblEventCalendar } from '../../components/event-calendar/event-calendar.js';
import { dateIn } from '../../components/event-calendar/calendar.js';
import type { EventSummary } from '../../schema/api/events.js';
import { calendarEvent, eventsApi, receipt, reservation, RSVP_TOKEN } from './event-fixtures.js';
import { delay, json, stubFetch } from './fixtures.js';

type Stub = ReturnType<typeof stubFetch>;
let stub: Stub | undefined;
// The fixtures are the 2026–27 school year, so the tests run as if it were January 15, 2027
// (the clock still ticks): March's events stay in the future, open for RSVPs, whenever this runs.
const realNow = Date.now;
before(() => {
  const offset = Date.parse('2027-01-15T20:00:00Z') - realNow();
  Date.now = () => realNow() + offset;
});
after(() => {
  Date.now = realNow;
});
// The component loads its RSVP validator on demand; loading it once here keeps timings even.
before(() => import('../../components/event-calendar/rsvp-validate.js'));
beforeEach(() => localStorage.clear());
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (el: Element, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The words of a node in the light of a shadow root. */
const words = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const cell = (el: Element, date: string) => $(el, `[data-date="${date}"]`)!;
// @cloudflare/workers-types' global `Element` clashes with HTMLSelectElement, hence `unknown`.
const field = (el: Element, sel: string) => el.shadowRoot!.querySelector(sel) as unknown as HTMLInputElement;

/** A calendar with the test's attributes, once its first answer has rendered. */
async function calendar(attrs = ''): Promise<WblEventCalendar> {
  const el = await fixture<WblEventCalendar>(`<wbl-event-calendar site-key="pk_test" api-base="https://api.example" ${attrs}></wbl-event-calendar>`);
  await waitUntil(() => $(el, '[part~="error"]') || !/^(Loading|Cargando)|^$/.test(text(el, '[part~="count"]')), 'the calendar settles');
  return el;
}

/** Opens an event from its title in the list or day panel (or its chip in the grid). */
async function open(el: WblEventCalendar, title: string) {
  const button = $$(el, '[part~="event-title"], [part~="event-chip"]').find((b) => b.textContent!.includes(title))!;
  button.focus();
  button.click();
  await waitUntil(() => active(el)?.id === 'detail-title', 'focus on the event heading');
}

async function fill(el: WblEventCalendar, values: Record<string, string | boolean>) {
  for (const [name, value] of Object.entries(values)) {
    const input = field(el, `#r-${name}`);
    if (typeof value === 'boolean') {
      if (input.checked !== value) input.click();
    } else {
      input.value = value;
      input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
    }
    await el.updateComplete;
  }
}

const FAMILY = { name: 'Lucia Rodriguez', email: 'lucia.rodriguez@example.com', role: 'family', partySize: '3', consent: true };
const submit = (el: WblEventCalendar) => ($(el, '[part~="submit-button"]') as HTMLButtonElement).click();

/** Chicago's DST changes of 2027: spring forward on March 14, fall back on November 7. */
const CHICAGO = [
  calendarEvent('evt_sat', { title: 'Saturday Workshop', timeZone: 'America/Chicago', startsAt: '2027-03-13T16:00:00Z', endsAt: '2027-03-13T18:00:00Z' }),
  calendarEvent('evt_overnight', {
    title: 'Overnight Hackathon Wrap-up',
    timeZone: 'America/Chicago',
    startsAt: '2027-03-14T07:00:00Z',
    endsAt: '2027-03-14T09:00:00Z',
  }),
  calendarEvent('evt_sun', { title: 'Sunday Family Night', timeZone: 'America/Chicago', startsAt: '2027-03-14T15:00:00Z', endsAt: '2027-03-14T17:00:00Z' }),
  calendarEvent('evt_nov6', { title: 'Fall Open House', timeZone: 'America/Chicago', startsAt: '2027-11-06T15:00:00Z', endsAt: '2027-11-06T17:00:00Z' }),
  calendarEvent('evt_fallback', { title: 'Late Shift Tour', timeZone: 'America/Chicago', startsAt: '2027-11-07T05:30:00Z', endsAt: '2027-11-07T09:00:00Z' }),
  calendarEvent('evt_nov7', { title: 'Fall Career Day', timeZone: 'America/Chicago', startsAt: '2027-11-07T16:00:00Z', endsAt: '2027-11-07T18:00:00Z' }),
];

/** A March 2027 programme: a fair, a full panel, a cancelled tour, an all-day event, a drop-in talk. */
function march(): EventSummary[] {
  return [
    calendarEvent('evt_fair'),
    calendarEvent('evt_panel', {
      type: 'virtual_panel',
      title: 'Virtual Healthcare Careers Panel',
      startsAt: '2027-03-16T01:00:00Z',
      endsAt: '2027-03-16T02:00:00Z',
      location: null,
      virtual: true,
      capacity: 100,
      remaining: 0,
      waitlisted: 4,
    }),
    calendarEvent('evt_tour', {
      type: 'industry_tour',
      title: 'Precision Aero Plant Tour',
      status: 'cancelled',
      startsAt: '2027-03-18T16:00:00Z',
      endsAt: '2027-03-18T18:00:00Z',
      audiences: ['students'],
      clusters: ['advanced_manufacturing'],
    }),
    calendarEvent('evt_day', {
      type: 'career_day',
      title: 'Career Day at City Hall',
      allDay: true,
      startDate: '2027-03-20',
      endDate: '2027-03-21',
      startsAt: '2027-03-20T07:00:00Z',
      endsAt: '2027-03-22T07:00:00Z',
      registrationRequired: false,
      capacity: null,
      remaining: null,
    }),
    calendarEvent('evt_talk', {
      type: 'guest_speaker',
      title: 'Guest Speaker: Firefighter Paramedic',
      startsAt: '2027-03-24T22:00:00Z',
      endsAt: '2027-03-24T23:00:00Z',
      registrationRequired: false,
      capacity: null,
      remaining: null,
      audiences: ['students'],
      clusters: ['public_service_safety'],
    }),
  ];
}

describe('<wbl-event-calendar>', () => {
  describe('accessibility', () => {
    it('has no axe violations in the month view', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="month" time-zone="America/Los_Angeles"');
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in the list view, in Spanish, and with a day open', async () => {
      stub = eventsApi(march());
      const list = await calendar('month="2027-03" view="agenda" lang="es"');
      await expect(list).to.be.accessible();
      const grid = await calendar('month="2027-03" view="month" time-zone="America/Los_Angeles"');
      cell(grid, '2027-03-13').click();
      await waitUntil(() => active(grid)?.id === 'day-title');
      await expect(grid).to.be.accessible();
    });

    it('has no axe violations in an event, its RSVP form with errors, and the receipt', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      await expect(el).to.be.accessible();
      submit(el);
      await waitUntil(() => $(el, '[part~="error-summary"]'));
      await expect(el).to.be.accessible();
      await fill(el, FAMILY);
      submit(el);
      await waitUntil(() => $(el, '[part~="receipt"]'));
      await expect(el).to.be.accessible();
    });

    it('has no axe violations in the error state', async () => {
      stub = stubFetch(() => json({ type: 'https://openwbl.org/problems/internal', title: 'Something went wrong on our side', status: 503 }, 503));
      const el = await calendar('month="2027-03"');
      expect($(el, '[part~="error"]')).to.exist;
      await expect(el).to.be.accessible();
    });
  });

  describe('month view', () => {
    it('lays out March 2027 in weeks starting on Sunday in English', async () => {
      stub = eventsApi([]);
      const el = await calendar('month="2027-03" view="month"');
      expect(text(el, '[part~="title"]')).to.equal('March 2027');
      const rows = $$(el, '[role="grid"] > [role="row"]');
      expect(rows).to.have.length(6, 'a header row and five weeks');
      expect($$(el, '[role="columnheader"]').map((h) => h.textContent)).to.deep.equal(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
      const firstWeek = [...rows[1]!.querySelectorAll<HTMLElement>('[role="gridcell"]')];
      expect(firstWeek).to.have.length(7);
      expect(firstWeek[0]!.dataset.date, 'Feb 28 belongs to another month').to.equal(undefined);
      expect(firstWeek[1]!.dataset.date).to.equal('2027-03-01');
      expect(rows[5]!.querySelectorAll<HTMLElement>('[role="gridcell"]')[3]!.dataset.date).to.equal('2027-03-31');
      expect(cell(el, '2027-03-14').textContent).to.contain('Sunday, March 14');
    });

    it('starts the week on Monday in Spanish and British English', async () => {
      stub = eventsApi([]);
      const es = await calendar('month="2027-03" view="month" lang="es"');
      expect(text(es, '[part~="title"]')).to.equal('marzo de 2027');
      expect($$(es, '[role="columnheader"]')[0]!.textContent).to.match(/^lun/);
      const firstWeek = $$(es, '[role="grid"] > [role="row"]')[1]!;
      expect(firstWeek.querySelector<HTMLElement>('[role="gridcell"]')!.dataset.date).to.equal('2027-03-01');
      const gb = await calendar('month="2027-03" view="month" lang="en-GB"');
      expect($$(gb, '[role="columnheader"]')[0]!.textContent).to.equal('Mon');
    });

    it('asks the API for the grid’s dates, a day either side', async () => {
      stub = eventsApi([]);
      await calendar('month="2027-03" view="month"');
      const url = stub.calls[0]!;
      expect(url.pathname).to.equal('/api/v1/events');
      expect(url.searchParams.get('from')).to.equal('2027-02-27');
      expect(url.searchParams.get('to')).to.equal('2027-04-04');
    });

    it('marks today and gives it the tab stop', async () => {
      stub = eventsApi([]);
      const el = await calendar('view="month" time-zone="America/Chicago"');
      const today = dateIn(Date.now(), 'America/Chicago');
      const current = $$(el, '[aria-current="date"]');
      expect(current).to.have.length(1);
      expect(current[0]!.dataset.date).to.equal(today);
      expect(current[0]!.getAttribute('part')).to.contain('today');
      expect(current[0]!.tabIndex).to.equal(0);
      expect($$(el, '[role="gridcell"][tabindex="0"]')).to.have.length(1);
    });

    it('shows events on their days and "+N more" on a full day, which opens the day', async () => {
      const busy = Array.from({ length: 5 }, (_, i) =>
        calendarEvent(`evt_busy_${i}`, {
          title: `Employer table ${i + 1}`,
          startsAt: `2027-03-10T${16 + i}:00:00Z`,
          endsAt: `2027-03-10T${17 + i}:00:00Z`,
        }),
      );
      stub = eventsApi([...march(), ...busy]);
      const el = await calendar('month="2027-03" view="month" time-zone="America/Los_Angeles"');
      expect(text(el, '[part~="count"]')).to.equal('March 2027: 10 events');
      expect(cell(el, '2027-03-13').querySelector('[part~="event-chip"]')!.textContent).to.contain('9:00 AM').and.contain('Spring Career Fair');
      const tenth = cell(el, '2027-03-10');
      expect(tenth.querySelectorAll('[part~="event-chip"]')).to.have.length(2);
      const more = tenth.querySelector<HTMLElement>('[part~="more"]')!;
      expect(more.textContent!.trim()).to.equal('+3 more');
      more.click();
      await waitUntil(() => active(el)?.id === 'day-title');
      expect(text(el, '#day-title')).to.equal('Wednesday, March 10');
      expect($$(el, '[part~="day-panel"] [part~="event"]')).to.have.length(5);
      expect(cell(el, '2027-03-18').textContent).to.contain('Cancelled:');
    });

    it('moves between months with the buttons', async () => {
      stub = eventsApi([]);
      const el = await calendar('month="2027-03" view="month"');
      $(el, '[part~="next-button"]')!.click();
      await waitUntil(() => text(el, '[part~="title"]') === 'April 2027');
      expect(el.month).to.equal('2027-04');
      await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('from') === '2027-03-27');
      $(el, '[part~="prev-button"]')!.click();
      $(el, '[part~="prev-button"]')!.click();
      await waitUntil(() => text(el, '[part~="title"]') === 'February 2027');
      expect($(el, '[part~="prev-button"]')!.getAttribute('aria-label')).to.equal('Previous month');
    });
  });

  describe('keyboard', () => {
    it('moves through the grid with arrows, Home/End and Page Up/Down, keeping one tab stop', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="month"');
      const at = () => active(el)?.dataset.date;
      cell(el, '2027-03-01').focus();
      expect(cell(el, '2027-03-01').tabIndex, 'the 1st has the tab stop in another month than today').to.equal(0);
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => at() === '2027-03-02');
      expect(cell(el, '2027-03-02').tabIndex).to.equal(0);
      expect(cell(el, '2027-03-01').tabIndex).to.equal(-1);
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => at() === '2027-03-09');
      await sendKeys({ press: 'Home' });
      await waitUntil(() => at() === '2027-03-07', 'Sunday starts the week');
      await sendKeys({ press: 'End' });
      await waitUntil(() => at() === '2027-03-13');
      await sendKeys({ press: 'ArrowUp' });
      await waitUntil(() => at() === '2027-03-06');
      await sendKeys({ press: 'PageDown' });
      await waitUntil(() => at() === '2027-04-06');
      expect(text(el, '[part~="title"]')).to.equal('April 2027');
      expect($$(el, '[role="gridcell"][tabindex="0"]')).to.have.length(1);
      await sendKeys({ press: 'PageUp' });
      await sendKeys({ press: 'PageUp' });
      await waitUntil(() => at() === '2027-02-06');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'PageDown' });
      await waitUntil(() => at() === '2028-02-06', 'Shift+Page Down moves a year');
      await sendKeys({ press: 'PageUp' });
      await sendKeys({ up: 'Shift' });
      await waitUntil(() => at() === '2027-02-06');
      // Jan 31 + 1 month has no Feb 31: the last day of February.
      cell(el, '2027-02-06').focus();
      for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowUp' });
      await waitUntil(() => at() === '2027-01-16');
      await sendKeys({ press: 'End' });
      await waitUntil(() => text(el, '[part~="title"]') === 'January 2027');
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => at() === '2027-01-15');
    });

    it('crosses into the previous month with the arrow keys', async () => {
      stub = eventsApi([]);
      const el = await calendar('month="2027-03" view="month"');
      cell(el, '2027-03-01').focus();
      await sendKeys({ press: 'ArrowLeft' });
      await waitUntil(() => active(el)?.dataset.date === '2027-02-28');
      expect(text(el, '[part~="title"]')).to.equal('February 2027');
    });

    it('opens a day with Enter, an event from there, and Escape walks focus back', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="month" time-zone="America/Los_Angeles"');
      cell(el, '2027-03-13').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => active(el)?.id === 'day-title');
      expect(text(el, '#day-title')).to.equal('Saturday, March 13');
      await sendKeys({ press: 'Tab' });
      expect(active(el)?.textContent).to.contain('Spring Career Fair');
      const selected = oneEvent(el, 'wbl-event-select');
      await sendKeys({ press: 'Enter' });
      expect((await selected).detail.eventId).to.equal('evt_fair');
      await waitUntil(() => active(el)?.id === 'detail-title');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => active(el)?.textContent?.includes('Spring Career Fair'), 'focus back on the event that was opened');
      expect($(el, '[part~="detail"]')).to.equal(null);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => active(el)?.dataset.date === '2027-03-13', 'focus back on the day');
      expect($(el, '[part~="day-panel"]')).to.equal(null);
      await sendKeys({ press: 'Space' });
      await waitUntil(() => active(el)?.id === 'day-title', 'Space opens the day too');
    });
  });

  describe('list view', () => {
    it('groups the month’s events by day with their times, places and seats', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda" time-zone="America/Los_Angeles"');
      expect($(el, '[role="grid"]')).to.equal(null);
      const days = $$(el, '[part~="agenda"] h4').map((h) => h.textContent);
      expect(days).to.deep.equal([
        'Saturday, March 13',
        'Monday, March 15',
        'Thursday, March 18',
        'Saturday, March 20',
        'Sunday, March 21',
        'Wednesday, March 24',
      ]);
      const items = $$(el, '[part~="event"]').map((i) => i.textContent!.replace(/\s+/g, ' ').trim());
      expect(items[0]).to.contain('9:00 AM – 12:00 PM').and.contain('Career fair · Riverside High School gym').and.contain('12 seats left');
      expect(items[1]).to.contain('Virtual Healthcare Careers Panel').and.contain('Online').and.contain('Full — join the waitlist');
      expect(items[2]).to.contain('Precision Aero Plant Tour').and.contain('Cancelled');
      expect(items[3]).to.contain('All day').and.contain('No registration needed');
      expect(text(el, '[part~="count"]')).to.equal('March 2027: 5 events');
    });

    it('is the default in a narrow container, and the switch changes the view', async () => {
      stub = eventsApi(march());
      const wrap = await fixture<HTMLDivElement>(
        '<div style="width: 320px"><wbl-event-calendar site-key="pk_test" api-base="https://api.example" month="2027-03"></wbl-event-calendar></div>',
      );
      const el = wrap.firstElementChild as WblEventCalendar;
      await waitUntil(() => $(el, '[part~="agenda"]'), 'a list at 320 px');
      expect(el.scrollWidth).to.be.at.most(320);
      const [month, list] = $$(el, '[part~="view-switch"] button');
      expect(list!.getAttribute('aria-pressed')).to.equal('true');
      month!.click();
      await waitUntil(() => $(el, '[role="grid"]'));
      expect(month!.getAttribute('aria-pressed')).to.equal('true');
      expect(el.scrollWidth, 'the grid fits 320 px').to.be.at.most(320);
      const wide = await calendar('month="2027-03"');
      expect($(wide, '[role="grid"]')).to.exist;
    });

    it('says so when nothing matches, and clears the filters', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda" type="workshop"');
      expect(text(el, '[part~="empty"]')).to.contain('No events this month.');
      expect(text(el, '[part~="count"]')).to.equal('March 2027: no events');
      ($(el, '[part~="empty"] button') as HTMLButtonElement).click();
      await waitUntil(() => $$(el, '[part~="event"]').length === 6, 'five events, one of them on two days');
      expect(el.type).to.equal('');
    });
  });

  describe('filters', () => {
    it('sends the audience preset, the chosen cluster and type, and a debounced search', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" audience="families"');
      expect(stub.calls[0]!.searchParams.get('audience')).to.equal('families');
      expect(field(el, '#f-audience').value).to.equal('families');
      const choose = (id: string, value: string) => {
        const select = field(el, id);
        select.value = value;
        select.dispatchEvent(new Event('change'));
      };
      choose('#f-cluster', 'healthcare_human_services');
      await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('cluster') === 'healthcare_human_services');
      choose('#f-type', 'career_fair');
      await waitUntil(() => stub!.calls.at(-1)!.searchParams.get('type') === 'career_fair');
      const before = stub.calls.length;
      const search = field(el, '#f-q');
      search.focus();
      await sendKeys({ type: 'fair' });
      await delay(100);
      expect(stub.calls.length, 'nothing is sent while typing').to.equal(before);
      await waitUntil(() => stub!.calls.length === before + 1, 'one search request');
      const last = stub.calls.at(-1)!.searchParams;
      expect([last.get('q'), last.get('audience'), last.get('cluster'), last.get('type')]).to.deep.equal([
        'fair',
        'families',
        'healthcare_human_services',
        'career_fair',
      ]);
      expect($$(el, '#f-cluster option').some((o) => o.textContent === 'Healthcare & Human Services')).to.equal(true);
    });

    it('subscribes to the feed with the current filters as a webcal:// address', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" audience="families" cluster="construction"');
      const link = $(el, '[part~="subscribe"] a') as HTMLAnchorElement;
      // The feed speaks the calendar's language, like every request the widget makes.
      expect(link.href).to.equal('webcal://api.example/api/v1/events.ics?key=pk_test&audience=families&cluster=construction&lang=en');
      expect(field(el, '#feed').value).to.equal(link.href);
      ($(el, '[part~="subscribe"] .copy button') as HTMLButtonElement).click();
      await waitUntil(() => /Copied|Ctrl\+C/.test(text(el, '[part~="subscribe"] [role="status"]')));
    });

    it('shows an error with Try again when the API fails, and recovers', async () => {
      let fail = true;
      stub = stubFetch(() =>
        fail ? json({ type: 'https://openwbl.org/problems/internal', title: 'Something went wrong on our side', status: 503 }, 503) : json({ items: march() }),
      );
      const errors: number[] = [];
      document.addEventListener('wbl-event-calendar-error', (e) => errors.push(e.detail.status), { once: true });
      const el = await calendar('month="2027-03" view="agenda"');
      expect(text(el, '[part~="error"]')).to.contain('We couldn’t load events.').and.contain('Something went wrong on our side');
      expect(errors).to.deep.equal([503]);
      fail = false;
      ($(el, '[part~="error"] button') as HTMLButtonElement).click();
      await waitUntil(() => $$(el, '[part~="event"]').length === 6);
    });
  });

  describe('an event', () => {
    it('shows the time in the viewer’s zone with its name, and the event’s own zone', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda" time-zone="America/Chicago"');
      await open(el, 'Spring Career Fair');
      const when = text(el, '.facts div:first-child dd');
      expect(when).to.contain('Saturday, March 13, 2027, 11:00 AM – 2:00 PM CST');
      expect(when).to.contain('Saturday, March 13, 2027, 9:00 AM – 12:00 PM PST where the event takes place');
      const detail = text(el, '[part~="detail"]');
      expect(detail).to.contain('Riverside High School gym, 4020 Arlington Avenue, Riverside, CA, 92506');
      expect(($(el, '.facts a') as HTMLAnchorElement).href).to.equal('https://www.openstreetmap.org/?mlat=33.9387&mlon=-117.3986#map=17/33.9387/-117.3986');
      expect(detail).to.contain('Step-free entrance on Arlington Avenue');
      expect(detail).to.contain('Students, Families · grades 9–12');
      expect(detail).to.contain('12 seats left');
    });

    it('links the virtual meeting, and names only one zone when the viewer is in the event’s', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda" time-zone="America/Los_Angeles"');
      await open(el, 'Virtual Healthcare Careers Panel');
      expect(text(el, '.facts div:first-child dd')).to.equal('Monday, March 15, 2027, 6:00 – 7:00 PM PDT');
      const join = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.facts a')].find((a) => a.textContent!.includes('Join online'))!;
      expect(join.href).to.equal('https://meet.example/riverside-panel');
      expect(join.target).to.equal('_blank');
    });

    it('adds the event to my calendar: the .ics file with the site key and a Google Calendar link', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      const [ics, google] = $$(el, '[part~="add-to-calendar"] a') as HTMLAnchorElement[];
      expect(ics!.href).to.equal('https://api.example/api/v1/events/evt_fair/ics?key=pk_test&lang=en');
      const g = new URL(google!.href);
      expect(g.origin + g.pathname).to.equal('https://calendar.google.com/calendar/render');
      expect(g.searchParams.get('action')).to.equal('TEMPLATE');
      expect(g.searchParams.get('text')).to.equal('Spring Career Fair');
      expect(g.searchParams.get('dates')).to.equal('20270313T170000Z/20270313T200000Z');
      expect(g.searchParams.get('location')).to.contain('4020 Arlington Avenue');
      expect(g.searchParams.get('details')).to.contain('Meet more than forty employers');
    });

    it('shows a cancelled event as cancelled, in words, with no RSVP form', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Precision Aero Plant Tour');
      expect(text(el, '[part~="cancelled"]')).to.equal('This event is cancelled. It will not take place.');
      expect(text(el, '.badges')).to.contain('Cancelled');
      expect($(el, '[part~="rsvp-form"]')).to.equal(null);
      expect($(el, '[part~="add-to-calendar"]')).to.equal(null);
    });

    it('says an event that is over has ended, with no form and no calendar links', async () => {
      stub = eventsApi([calendarEvent('evt_past', { title: 'Winter Job Shadow Day', startsAt: '2027-01-12T17:00:00Z', endsAt: '2027-01-12T21:00:00Z' })]);
      const el = await calendar('month="2027-01" view="agenda"');
      expect($(el, '[part~="agenda"]'), 'the list starts today').to.equal(null);
      el.view = 'month';
      await el.updateComplete;
      await open(el, 'Winter Job Shadow Day');
      expect(text(el, '[part~="detail"]')).to.contain('This event has ended.');
      expect($(el, '[part~="rsvp-form"]')).to.equal(null);
      expect($(el, '[part~="add-to-calendar"]')).to.equal(null);
    });

    it('says no registration is needed and offers no form for a drop-in event', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Guest Speaker: Firefighter Paramedic');
      expect(text(el, '[part~="detail"]')).to.contain('No registration needed');
      expect($(el, '[part~="rsvp-form"]')).to.equal(null);
      expect($(el, '[part~="add-to-calendar"]')).to.exist;
    });

    it('shows an all-day event on its own dates in a zone west of UTC', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="month" time-zone="Pacific/Honolulu"');
      const has = (d: string) => cell(el, d).textContent!.includes('Career Day at City Hall');
      expect([has('2027-03-19'), has('2027-03-20'), has('2027-03-21'), has('2027-03-22')]).to.deep.equal([false, true, true, false]);
      await open(el, 'Career Day at City Hall');
      expect(text(el, '.facts div:first-child dd')).to.equal('Saturday, March 20, 2027 – Sunday, March 21, 2027 · All day');
      const google = new URL(($$(el, '[part~="add-to-calendar"] a')[1] as HTMLAnchorElement).href);
      expect(google.searchParams.get('dates')).to.equal('20270320/20270322');
    });
  });

  describe('daylight saving time', () => {
    it('shows Chicago’s local times on both sides of the March change', async () => {
      stub = eventsApi(CHICAGO);
      const el = await calendar('month="2027-03" view="agenda" time-zone="America/Chicago"');
      const items = $$(el, '[part~="event"]').map((i) => i.textContent!.replace(/\s+/g, ' '));
      expect(items).to.have.length(3);
      expect(items[0]).to.contain('10:00 AM – 12:00 PM').and.contain('Saturday Workshop');
      expect(items[1]).to.contain('1:00 AM CST – 4:00 AM CDT').and.contain('Overnight Hackathon Wrap-up');
      expect(items[2]).to.contain('10:00 AM – 12:00 PM').and.contain('Sunday Family Night');
      await open(el, 'Overnight Hackathon Wrap-up');
      expect(text(el, '.facts div:first-child dd')).to.equal('Sunday, March 14, 2027 at 1:00 AM CST – 4:00 AM CDT');
      await sendKeys({ press: 'Escape' });
      await open(el, 'Sunday Family Night');
      expect(text(el, '.facts div:first-child dd')).to.equal('Sunday, March 14, 2027, 10:00 AM – 12:00 PM CDT');
    });

    it('shows Chicago’s local times on both sides of the November change', async () => {
      stub = eventsApi(CHICAGO);
      const el = await calendar('month="2027-11" view="month" time-zone="America/Chicago"');
      expect(cell(el, '2027-11-06').textContent).to.contain('10:00 AM').and.contain('Fall Open House');
      expect(cell(el, '2027-11-07').textContent).to.contain('12:30 AM').and.contain('10:00 AM').and.contain('Fall Career Day');
      await open(el, 'Late Shift Tour');
      expect(text(el, '.facts div:first-child dd')).to.equal('Sunday, November 7, 2027 at 12:30 AM CDT – 3:00 AM CST');
      await sendKeys({ press: 'Escape' });
      await open(el, 'Fall Career Day');
      expect(text(el, '.facts div:first-child dd')).to.equal('Sunday, November 7, 2027, 10:00 AM – 12:00 PM CST');
    });
  });

  describe('RSVP', () => {
    it('answers "waitlisted" for a full event and shows the place in line and the reservation code', async () => {
      const bodies: Record<string, unknown>[] = [];
      const headers: Headers[] = [];
      stub = eventsApi(march(), (body, init) => {
        bodies.push(body);
        headers.push(new Headers(init.headers));
        return json(receipt({ status: 'waitlisted', waitlistPosition: 3 }), 201);
      });
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Virtual Healthcare Careers Panel');
      expect(text(el, '#rsvp-title')).to.equal('Join the waitlist');
      await fill(el, { ...FAMILY, grade: '11' });
      const success = oneEvent(el, 'wbl-rsvp-success');
      submit(el);
      const { detail } = await success;
      expect(detail).to.deep.equal({ eventId: 'evt_panel', receipt: receipt({ status: 'waitlisted', waitlistPosition: 3 }) });
      expect(bodies).to.deep.equal([
        { name: 'Lucia Rodriguez', email: 'lucia.rodriguez@example.com', role: 'family', partySize: 3, grade: 11, consent: true, formToken: stub.tokens[0] },
      ]);
      expect(headers[0]!.get('X-Site-Key')).to.equal('pk_test');
      expect(headers[0]!.get('Idempotency-Key')).to.match(/^[\x21-\x7e]{8,200}$/);
      await waitUntil(() => active(el)?.textContent === 'You’re on the waitlist (position 3)', 'focus on the receipt');
      expect(field(el, '#code').value, 'the code to type on any device').to.equal('K7QM-4TXA');
      expect(text(el, '[part~="receipt"]')).to.contain('If one opens, the waitlist moves up in order');
    });

    it('confirms, keeps the receipt after a reload, and cancels with the code', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      expect(text(el, '#rsvp-title')).to.equal('Reserve seats');
      await fill(el, FAMILY);
      submit(el);
      await waitUntil(() => text(el, '[part~="receipt"] h4') === 'You’re confirmed');
      el.remove();
      const again = await calendar('month="2027-03" view="agenda"');
      await open(again, 'Spring Career Fair');
      expect(text(again, '[part~="receipt"] h4')).to.equal('You’re confirmed');
      ($(again, '[part~="cancel-button"]') as HTMLButtonElement).click();
      await waitUntil(() => text(again, '[part~="receipt"] h4') === 'Your RSVP is cancelled.');
      const cancel = stub.requests.find((r) => r.init?.method === 'DELETE')!;
      expect(cancel.url.pathname).to.equal('/api/v1/rsvps/ct_9f2c41d7a8b3e6f0');
      expect(localStorage.length).to.equal(0);
    });

    it('shows what to fix, ties each error to its field, and takes focus to the summary', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      await fill(el, { email: 'lucia@' });
      submit(el);
      const summary = await waitUntil(() => $(el, '[part~="error-summary"]'), 'the summary').then(() => $(el, '[part~="error-summary"]')!);
      await waitUntil(() => active(el) === summary, 'focus on the summary');
      expect(summary.textContent).to.contain('Your name: Enter your name');
      expect(summary.textContent).to.contain('Email: Enter an email address like name@example.com');
      expect(summary.textContent).to.contain('I am a…: Tell us who is coming');
      expect(summary.textContent).to.contain('Agree that the school may contact you about this event');
      const email = field(el, '#r-email');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(text(el, `#${email.getAttribute('aria-describedby')}`)).to.equal('Enter an email address like name@example.com');
      (summary.querySelectorAll('a')[1] as HTMLAnchorElement).click();
      expect(active(el)?.id).to.equal('r-email');
      expect(
        stub.requests.some((r) => r.init?.method === 'POST'),
        'nothing was sent',
      ).to.equal(false);
    });

    it('keeps a draft per site and event that survives re-creating the element', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      await fill(el, { name: 'Lucia Rodriguez', email: 'lucia.rodriguez@example.com', partySize: '4' });
      el.remove();
      const again = await calendar('month="2027-03" view="agenda"');
      await open(again, 'Spring Career Fair');
      expect(field(again, '#r-name').value).to.equal('Lucia Rodriguez');
      expect(field(again, '#r-email').value).to.equal('lucia.rodriguez@example.com');
      expect(field(again, '#r-partySize').value).to.equal('4');
      expect(text(again, '[part~="draft-notice"]')).to.equal('We kept what you typed last time.');
      expect(Object.keys(localStorage)).to.deep.equal(['wbl-rsvp:pk_test:evt_fair']);
      await sendKeys({ press: 'Escape' });
      await open(again, 'Virtual Healthcare Careers Panel');
      expect(field(again, '#r-name').value, 'another event has its own draft').to.equal('');
    });

    it('retries a failed send with the same Idempotency-Key, even after a reload', async () => {
      const keys: string[] = [];
      let answer: 'network' | '503' | 'ok' = 'network';
      stub = eventsApi(march(), (_body, init) => {
        keys.push(new Headers(init.headers).get('Idempotency-Key')!);
        if (answer === 'network') throw new TypeError('Failed to fetch');
        if (answer === '503') return json({ type: 'https://openwbl.org/problems/internal', title: 'Something went wrong on our side', status: 503 }, 503);
        return json(receipt(), 201);
      });
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      await fill(el, FAMILY);
      submit(el);
      await waitUntil(() => $(el, '[part~="failure"]'));
      await waitUntil(() => active(el) === $(el, '[part~="failure"]'), 'focus on the failure');
      expect(text(el, '[part~="failure"]')).to.equal('We couldn’t reach the server. Check your connection and try again. Nothing you typed is lost.');
      expect(text(el, '[part~="submit-button"]')).to.equal('Try again');
      answer = '503';
      submit(el);
      await waitUntil(() => keys.length === 2 && text(el, '[part~="failure"]').startsWith('Something went wrong on our side'));
      el.remove();
      answer = 'ok';
      const again = await calendar('month="2027-03" view="agenda"');
      await open(again, 'Spring Career Fair');
      submit(again);
      await waitUntil(() => $(again, '[part~="receipt"]'));
      expect(keys).to.have.length(3);
      expect(new Set(keys).size, 'one key for every attempt').to.equal(1);
    });

    it('shows the API’s field errors, and a clear message without retry for other 4xx problems', async () => {
      let answer = 422;
      stub = eventsApi(march(), () =>
        answer === 422
          ? json(
              {
                type: 'https://openwbl.org/problems/validation',
                title: 'Check the highlighted fields',
                status: 422,
                errors: [{ path: 'email', message: 'This email address cannot receive mail', code: 'custom' }],
              },
              422,
            )
          : json({ type: 'https://openwbl.org/problems/conflict', title: 'This event has been cancelled', status: 409, detail: 'RSVPs are closed.' }, 409),
      );
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      await fill(el, FAMILY);
      submit(el);
      await waitUntil(() => $(el, '#r-email-error'));
      expect(text(el, '#r-email-error')).to.equal('This email address cannot receive mail');
      expect(text(el, '[part~="error-summary"]')).to.contain('Email: This email address cannot receive mail');
      answer = 409;
      await fill(el, { email: 'lucia@example.org' });
      submit(el);
      await waitUntil(() => $(el, '[part~="failure"]'));
      expect(text(el, '[part~="failure"]')).to.equal('This event has been cancelled — RSVPs are closed.');
      expect(text(el, '[part~="submit-button"]')).to.equal('Reserve seats');
    });

    it('fetches a form token when the RSVP form opens, and sends it rather than a start time', async () => {
      const bodies: Record<string, unknown>[] = [];
      stub = eventsApi(march(), (body) => {
        bodies.push(body);
        return json(receipt(), 201);
      });
      const el = await calendar('month="2027-03" view="agenda"');
      expect(stub.tokens, 'browsing fetches no token').to.have.length(0);
      await open(el, 'Spring Career Fair');
      await waitUntil(() => stub!.tokens.length === 1, 'a token as the form opens');
      expect(stub.tokens[0]).to.match(/^ft1\.test-rsvp-/);
      await fill(el, FAMILY);
      submit(el);
      await waitUntil(() => $(el, '[part~="receipt"]'));
      expect(bodies[0]!.formToken).to.equal(stub.tokens[0]);
      expect(bodies[0]).to.not.have.property('startedAt');
    });

    for (const [code, lang, words] of [
      ['too_fast', 'en', 'Please check your answers and send the form again. Nothing you typed is lost.'],
      ['form_token_expired', 'es', 'Revisa tus respuestas y envía el formulario de nuevo. No se perdió nada de lo que escribiste.'],
    ] as const) {
      it(`asks to send again with a fresh token when the server answers ${code} (${lang}), keeping the draft and the key`, async () => {
        const sent: { token: unknown; key: string | null }[] = [];
        stub = eventsApi(march(), (body, init) => {
          sent.push({ token: body.formToken, key: new Headers(init.headers).get('Idempotency-Key') });
          return sent.length === 1
            ? json(
                {
                  type: 'https://openwbl.org/problems/validation',
                  title: 'That was very quick',
                  status: 400,
                  errors: [{ path: 'formToken', message: 'Submitted too soon', code }],
                },
                400,
              )
            : json(receipt(), 201);
        });
        const el = await calendar(`month="2027-03" view="agenda" lang="${lang}"`);
        await open(el, 'Spring Career Fair');
        await fill(el, FAMILY);
        submit(el);
        await waitUntil(() => $(el, '[part~="failure"]'), 'the failure shows');
        expect(text(el, '[part~="failure"]')).to.equal(words);
        await waitUntil(() => stub!.tokens.length === 2, 'a fresh token');
        expect(field(el, '#r-name').value, 'the draft is kept').to.equal('Lucia Rodriguez');
        expect($(el, '[part~="error-summary"]'), 'not a field the person can fix').to.equal(null);
        submit(el);
        await waitUntil(() => $(el, '[part~="receipt"]'));
        expect(sent.map((x) => x.token)).to.deep.equal(stub.tokens);
        expect(sent[1]!.key).to.equal(sent[0]!.key);
      });
    }

    it('speaks Spanish, errors included', async () => {
      stub = eventsApi(march());
      const el = await calendar('month="2027-03" view="agenda" lang="es" time-zone="America/Los_Angeles"');
      expect(text(el, '[part~="count"]')).to.equal('marzo de 2027: 5 eventos');
      expect($(el, '[part~="prev-button"]')!.getAttribute('aria-label')).to.equal('Mes anterior');
      expect(text(el, '[part~="agenda"]'))
        .to.contain('sábado, 13 de marzo')
        .and.contain('Feria de empleo')
        .and.contain('Quedan 12 lugares')
        .and.contain('Cancelado');
      expect($$(el, '#f-audience option').map((o) => o.textContent)).to.include('Familias');
      await open(el, 'Spring Career Fair');
      expect(text(el, '#rsvp-title')).to.equal('Reservar lugares');
      submit(el);
      await waitUntil(() => $(el, '[part~="error-summary"]'));
      expect(text(el, '[part~="error-summary"]')).to.contain('Tu nombre: Escribe tu nombre');
      expect(text(el, '[part~="back-button"]')).to.equal('← Volver al calendario');
      await expect(el).to.be.accessible();
    });
  });

  describe('interpretation', () => {
    /** The fair offering Spanish and ASL interpreters (and, with `other`, another language on request). */
    const offering = (interpretation: ('es' | 'asl' | 'other')[]) => [calendarEvent('evt_fair', { interpretation })];
    const radios = (el: WblEventCalendar) => $$(el, '[part~="interpretation"] input[type="radio"]') as unknown as HTMLInputElement[];
    const choose = async (el: WblEventCalendar, label: string) => {
      const radio = radios(el).find((r) => r.closest('label')!.textContent!.includes(label))!;
      radio.click();
      await el.updateComplete;
    };

    it('asks which interpretation a guest needs, offering only what the event offers, and sends the choice', async () => {
      const bodies: Record<string, unknown>[] = [];
      stub = eventsApi(offering(['es', 'asl']), (body) => {
        bodies.push(body);
        return json(receipt(), 201);
      });
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      const group = $(el, '[part~="interpretation"]')!;
      expect(group.tagName).to.equal('FIELDSET');
      expect(text(el, '[part~="interpretation"] legend')).to.equal('Do you need interpretation? (optional)');
      expect(radios(el).map((r) => words(r.closest('label')))).to.deep.equal(['No, thank you', 'Spanish', 'American Sign Language (ASL)']);
      expect(radios(el).every((r) => r.name === 'interpretation')).to.equal(true);
      expect($(el, '#r-interpretationOther'), 'no language field unless another language is chosen').to.equal(null);
      expect(text(el, '.facts')).to.contain('Interpretation').and.contain('Spanish, American Sign Language (ASL)');
      await fill(el, FAMILY);
      await choose(el, 'ASL');
      await expect(el).to.be.accessible();
      submit(el);
      await waitUntil(() => $(el, '[part~="receipt"]'));
      expect(bodies[0]).to.include({ interpretation: 'asl' });
      expect(bodies[0]).not.to.have.property('interpretationOther');
    });

    it('asks nothing, and sends nothing, about interpretation when the event offers none', async () => {
      const bodies: Record<string, unknown>[] = [];
      stub = eventsApi(offering([]), (body) => {
        bodies.push(body);
        return json(receipt(), 201);
      });
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      expect($(el, '[part~="interpretation"]')).to.equal(null);
      await fill(el, FAMILY);
      submit(el);
      await waitUntil(() => $(el, '[part~="receipt"]'));
      expect(bodies[0]).not.to.have.property('interpretation');
    });

    it('asks for the language only for another one, requires it, and keeps it in the draft across a reload', async () => {
      const bodies: Record<string, unknown>[] = [];
      stub = eventsApi(offering(['es', 'asl', 'other']), (body) => {
        bodies.push(body);
        return json(receipt(), 201);
      });
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      await fill(el, FAMILY);
      await choose(el, 'Another language');
      const language = field(el, '#r-interpretationOther');
      expect(text(el, 'label[for="r-interpretationOther"]')).to.equal('Which language?');
      expect(language.maxLength).to.equal(120);
      submit(el);
      const summary = await waitUntil(() => $(el, '[part~="error-summary"]'), 'the summary').then(() => $(el, '[part~="error-summary"]')!);
      expect(summary.textContent).to.contain('Which language?: Tell us which language you need');
      expect(language.getAttribute('aria-invalid')).to.equal('true');
      expect(text(el, `#${language.getAttribute('aria-describedby')}`)).to.equal('Tell us which language you need');
      await expect(el).to.be.accessible();
      (summary.querySelector('a') as HTMLAnchorElement).click();
      expect(active(el)?.id).to.equal('r-interpretationOther');
      expect(bodies, 'nothing was sent').to.have.length(0);
      await fill(el, { interpretationOther: 'Vietnamese' });
      el.remove();
      const again = await calendar('month="2027-03" view="agenda"');
      await open(again, 'Spring Career Fair');
      expect(radios(again).find((r) => r.checked)?.value).to.equal('other');
      expect(field(again, '#r-interpretationOther').value).to.equal('Vietnamese');
      submit(again);
      await waitUntil(() => $(again, '[part~="receipt"]'));
      expect(bodies[0]).to.include({ interpretation: 'other', interpretationOther: 'Vietnamese' });
    });

    it('drops the typed language when the guest chooses Spanish after all', async () => {
      const bodies: Record<string, unknown>[] = [];
      stub = eventsApi(offering(['es', 'other']), (body) => {
        bodies.push(body);
        return json(receipt(), 201);
      });
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      await fill(el, FAMILY);
      await choose(el, 'Another language');
      await fill(el, { interpretationOther: 'Tagalog' });
      await choose(el, 'Spanish');
      expect($(el, '#r-interpretationOther')).to.equal(null);
      submit(el);
      await waitUntil(() => $(el, '[part~="receipt"]'));
      expect(bodies[0]).to.include({ interpretation: 'es' });
      expect(bodies[0]).not.to.have.property('interpretationOther');
    });

    it('shows the API’s errors on the interpretation fields', async () => {
      stub = eventsApi(offering(['other']), () =>
        json(
          {
            type: 'https://openwbl.org/problems/validation',
            title: 'Check the highlighted fields',
            status: 422,
            errors: [{ path: 'interpretationOther', message: 'Keep the language under 120 characters', code: 'too_big' }],
          },
          422,
        ),
      );
      const el = await calendar('month="2027-03" view="agenda"');
      await open(el, 'Spring Career Fair');
      await fill(el, FAMILY);
      await choose(el, 'Another language');
      await fill(el, { interpretationOther: 'Mixteco' });
      submit(el);
      await waitUntil(() => $(el, '#r-interpretationOther-error'));
      expect(text(el, '#r-interpretationOther-error')).to.equal('Keep the language under 120 characters');
      expect(text(el, '[part~="error-summary"]')).to.contain('Which language?: Keep the language under 120 characters');
    });

    it('asks in Spanish, errors included', async () => {
      stub = eventsApi(offering(['es', 'asl', 'other']));
      const el = await calendar('month="2027-03" view="agenda" lang="es"');
      await open(el, 'Spring Career Fair');
      expect(text(el, '[part~="interpretation"] legend')).to.equal('¿Necesitas interpretación? (opcional)');
      expect(radios(el).map((r) => words(r.closest('label')))).to.deep.equal(['No, gracias', 'Español', 'Lengua de señas americana (ASL)', 'Otro idioma']);
      await choose(el, 'Otro idioma');
      submit(el);
      await waitUntil(() => $(el, '#r-interpretationOther-error'));
      expect(text(el, '#r-interpretationOther-error')).to.equal('Dinos qué idioma necesitas');
      expect(text(el, '[part~="error-summary"]')).to.contain('¿Qué idioma?: Dinos qué idioma necesitas');
    });
  });

  describe('your reservation (#rsvp= from the confirmation email)', () => {
    const bare = () => history.replaceState(null, '', `${location.pathname}${location.search}`);
    afterEach(bare);
    const FAIR = calendarEvent('evt_fair', { interpretation: ['es', 'asl'] });
    /** The calendar opened from the email's link. */
    async function fromEmail(attrs: string, token = RSVP_TOKEN) {
      history.replaceState(null, '', `${location.pathname}#rsvp=${token}`);
      const el = await calendar(`month="2027-03" view="agenda" ${attrs}`);
      await waitUntil(() => active(el)?.id === 'manage-title', 'focus on the reservation’s heading');
      return el;
    }
    const facts = (el: WblEventCalendar) =>
      Object.fromEntries($$(el, '[part~="reservation"] .facts div').map((d) => [words(d.querySelector('dt')), words(d.querySelector('dd'))]));

    it('shows the reservation on any device: event, date, seats, status and interpretation, accessibly', async () => {
      stub = eventsApi([FAIR], undefined, { [RSVP_TOKEN]: reservation(FAIR, { interpretation: 'asl' }) });
      const el = await fromEmail('time-zone="America/Chicago"');
      expect(stub.calls.some((u) => u.pathname === `/api/v1/rsvps/${RSVP_TOKEN}`)).to.equal(true);
      expect(text(el, '#manage-title')).to.equal('Your reservation');
      expect($(el, '[part~="detail"]')!.getAttribute('aria-labelledby')).to.equal('manage-title');
      expect($(el, '.main')!.hidden, 'the calendar waits behind “Back”').to.equal(true);
      expect(facts(el)).to.deep.equal({
        Event: 'Spring Career Fair',
        When: 'Saturday, March 13, 2027, 11:00 AM – 2:00 PM CSTSaturday, March 13, 2027, 9:00 AM – 12:00 PM PST where the event takes place',
        Name: 'Lucia Rodriguez',
        Seats: '3',
        Status: 'Confirmed',
        Interpretation: 'American Sign Language (ASL)',
      });
      await expect(el).to.be.accessible();
    });

    it('cancels after a confirmation, with focus on each step, and then shows it cancelled', async () => {
      localStorage.setItem('wbl-rsvp:pk_test:evt_fair', JSON.stringify({ receipt: receipt({ cancelToken: RSVP_TOKEN }) }));
      stub = eventsApi([FAIR], undefined, { [RSVP_TOKEN]: reservation(FAIR, { status: 'waitlisted' }) });
      const el = await fromEmail('');
      expect(facts(el).Status).to.equal('On the waitlist');
      expect(facts(el).Interpretation).to.equal('None');
      const deletes = () => stub!.requests.filter((r) => r.init?.method === 'DELETE');
      $(el, '[part~="cancel-button"]')!.click();
      await waitUntil(() => active(el)?.id === 'manage-ask', 'focus on the question');
      expect(text(el, '#manage-ask')).to.equal(
        'Cancel your reservation for “Spring Career Fair”? If the event is full, your seats go to the next person waiting.',
      );
      await expect(el).to.be.accessible();
      $(el, '[part~="keep-button"]')!.click();
      await waitUntil(() => active(el) === $(el, '[part~="cancel-button"]'), 'focus back on “Cancel my reservation”');
      expect(deletes()).to.have.length(0);
      $(el, '[part~="cancel-button"]')!.click();
      await waitUntil(() => $(el, '[part~="confirm-button"]'));
      $(el, '[part~="confirm-button"]')!.click();
      await waitUntil(() => text(el, '#manage-title') === 'Your reservation is cancelled', 'the cancelled state');
      await waitUntil(() => active(el)?.id === 'manage-title', 'focus on the heading');
      expect(deletes().map((r) => r.url.pathname)).to.deep.equal([`/api/v1/rsvps/${RSVP_TOKEN}`]);
      expect(facts(el).Status).to.equal('Cancelled');
      expect($(el, '[part~="cancel-button"]')).to.equal(null);
      expect(localStorage.getItem('wbl-rsvp:pk_test:evt_fair'), 'this browser’s receipt of it is gone too').to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('says in words when cancelling fails, and keeps the reservation', async () => {
      stub = stubFetch((url, init) => {
        const path = url.pathname.replace(/^\/api\/v1/, '');
        if (path === '/events') return json({ items: [FAIR] });
        if (init?.method === 'DELETE') throw new TypeError('Failed to fetch');
        return json(reservation(FAIR));
      });
      const el = await fromEmail('');
      $(el, '[part~="cancel-button"]')!.click();
      await waitUntil(() => $(el, '[part~="confirm-button"]'));
      $(el, '[part~="confirm-button"]')!.click();
      await waitUntil(() => active(el) === $(el, '[part~="failure"]'), 'focus on the failure');
      expect(text(el, '[part~="failure"]')).to.equal('We couldn’t reach the server. Check your connection and try again.');
      expect(text(el, '#manage-title')).to.equal('Your reservation');
    });

    it('shows a reservation already cancelled without a cancel button, and the typed language', async () => {
      stub = eventsApi([FAIR], undefined, {
        [RSVP_TOKEN]: reservation(FAIR, { status: 'cancelled', interpretation: 'other', interpretationOther: 'Vietnamese' }),
      });
      const el = await fromEmail('');
      expect(text(el, '#manage-title')).to.equal('Your reservation is cancelled');
      expect(facts(el).Interpretation).to.equal('Vietnamese');
      expect($(el, '[part~="cancel-button"]')).to.equal(null);
    });

    it('says clearly when the link is unknown or expired', async () => {
      stub = eventsApi([FAIR]);
      const el = await fromEmail('');
      expect(text(el, '#manage-title')).to.equal('We couldn’t find this reservation');
      expect(text(el, '[part~="reservation"]')).to.contain('Open the link in your confirmation email again, or type the code beside it');
      expect($(el, '[part~="error"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('says it could not load the reservation when the API fails, and Try again loads it', async () => {
      let fail = true;
      stub = stubFetch((url) => {
        if (url.pathname === '/api/v1/events') return json({ items: [FAIR] });
        if (fail) return json({ type: 'https://openwbl.org/problems/internal', title: 'Something went wrong on our side', status: 503 }, 503);
        return json(reservation(FAIR));
      });
      history.replaceState(null, '', `${location.pathname}#rsvp=${RSVP_TOKEN}`);
      const el = await calendar('month="2027-03" view="agenda"');
      await waitUntil(() => $(el, '[part~="detail"] [part~="error"]'), 'the error');
      expect(text(el, '[part~="detail"] [part~="error"]')).to.contain('We couldn’t load your reservation.').and.contain('Something went wrong on our side');
      fail = false;
      ($(el, '[part~="detail"] [part~="error"] button') as HTMLButtonElement).click();
      await waitUntil(() => active(el)?.id === 'manage-title', 'the reservation, with focus on its heading');
      expect(text(el, '#manage-title')).to.equal('Your reservation');
    });

    it('ignores an address that is not a reservation’s token', async () => {
      stub = eventsApi([FAIR]);
      history.replaceState(null, '', `${location.pathname}#rsvp=../admin`);
      const el = await calendar('month="2027-03" view="agenda"');
      expect($(el, '[part~="reservation"]')).to.equal(null);
      expect(stub.calls.some((u) => u.pathname.startsWith('/api/v1/rsvps'))).to.equal(false);
    });

    it('goes back to the calendar, clearing the address, with Back or Escape', async () => {
      stub = eventsApi([FAIR], undefined, { [RSVP_TOKEN]: reservation(FAIR) });
      const el = await fromEmail('');
      $(el, '[part~="back-button"]')!.click();
      await waitUntil(() => !$(el, '.main')!.hidden, 'the calendar');
      expect(location.hash).to.equal('');
      expect($(el, '[part~="reservation"]')).to.equal(null);
      await waitUntil(() => active(el) === $(el, '[part~="title"]'), 'focus on the month’s heading');
      history.replaceState(null, '', `${location.pathname}#rsvp=${RSVP_TOKEN}`);
      dispatchEvent(new HashChangeEvent('hashchange'));
      await waitUntil(() => active(el)?.id === 'manage-title', 'the link opens it again');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$(el, '.main')!.hidden, 'Escape closes it');
      expect(location.hash).to.equal('');
    });

    it('speaks Spanish', async () => {
      stub = eventsApi([FAIR], undefined, { [RSVP_TOKEN]: reservation(FAIR, { interpretation: 'es' }) });
      const el = await fromEmail('lang="es" time-zone="America/Los_Angeles"');
      expect(text(el, '#manage-title')).to.equal('Tu reservación');
      expect(facts(el)).to.deep.equal({
        Evento: 'Spring Career Fair',
        Cuándo: 'sábado, 13 de marzo de 2027, 9:00 a.m. – 12:00 p.m. PST',
        Nombre: 'Lucia Rodriguez',
        Lugares: '3',
        Estado: 'Confirmada',
        Interpretación: 'Español',
      });
      expect(text(el, '[part~="cancel-button"]')).to.equal('Cancelar mi reservación');
      $(el, '[part~="cancel-button"]')!.click();
      await waitUntil(() => $(el, '[part~="confirm-button"]'));
      expect(text(el, '[part~="confirm-button"]')).to.equal('Sí, cancelarla');
      expect(text(el, '[part~="keep-button"]')).to.equal('No, mantenerla');
      await expect(el).to.be.accessible();
    });

    it('says in Spanish when the link is unknown', async () => {
      stub = eventsApi([FAIR]);
      const el = await fromEmail('lang="es"');
      expect(text(el, '#manage-title')).to.equal('No encontramos esta reservación');
    });
  });

  describe('search engines', () => {
    it('writes the month’s events as JSON-LD into the page head, replaces it on navigation, and removes it', async () => {
      stub = eventsApi([
        ...march(),
        calendarEvent('evt_april', { title: 'April Job Shadow Day', startsAt: '2027-04-14T16:00:00Z', endsAt: '2027-04-14T20:00:00Z' }),
      ]);
      const el = await calendar('month="2027-03" seo');
      const script = () => document.head.querySelector<HTMLScriptElement>('script[type="application/ld+json"][data-wbl-event-calendar]');
      await waitUntil(() => script(), 'the JSON-LD');
      const names = () => (JSON.parse(script()!.textContent!) as { name: string }[]).map((e) => e.name);
      expect(names()).to.have.length(5);
      expect(names()).to.include('Spring Career Fair');
      $(el, '[part~="next-button"]')!.click();
      await waitUntil(() => names().length === 1 && names()[0] === 'April Job Shadow Day', 'April replaces March');
      expect(document.head.querySelectorAll('script[data-wbl-event-calendar]')).to.have.length(1);
      el.remove();
      expect(script()).to.equal(null);
    });

    it('writes nothing without the seo attribute', async () => {
      stub = eventsApi(march());
      await calendar('month="2027-03"');
      await delay(50);
      expect(document.head.querySelector('script[data-wbl-event-calendar]')).to.equal(null);
      expect(stub.calls.every((u) => u.pathname === '/api/v1/events')).to.equal(true);
    });
  });
});
