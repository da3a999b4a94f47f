/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import {
  addDays,
  addMonths,
  dateIn,
  eventDays,
  firstDayOfWeek,
  formatRange,
  googleCalendarUrl,
  mapUrl,
  monthWeeks,
  placeText,
  validZone,
  webUrl,
} from '../../components/event-calendar/calendar.js';
import { calendarEvent } from './event-fixtures.js';

const FULL: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

describe('calendar arithmetic', () => {
  it('adds days across months, years and DST changes without drifting', () => {
    expect(addDays('2027-02-28', 1)).to.equal('2027-03-01');
    expect(addDays('2028-02-28', 1), 'leap year').to.equal('2028-02-29');
    expect(addDays('2027-01-01', -1)).to.equal('2026-12-31');
    expect(addDays('2027-03-13', 1)).to.equal('2027-03-14');
    expect(addDays('2027-03-14', 1)).to.equal('2027-03-15');
  });

  it('adds months, clamping to the shorter month', () => {
    expect(addMonths('2027-01-31', 1)).to.equal('2027-02-28');
    expect(addMonths('2028-01-31', 1)).to.equal('2028-02-29');
    expect(addMonths('2027-03-31', -1)).to.equal('2027-02-28');
    expect(addMonths('2027-12-15', 1)).to.equal('2028-01-15');
    expect(addMonths('2027-02-06', 12)).to.equal('2028-02-06');
  });

  it('starts the week by locale', () => {
    expect(firstDayOfWeek('en')).to.equal(0);
    expect(firstDayOfWeek('en-US')).to.equal(0);
    expect(firstDayOfWeek('es-US')).to.equal(0);
    expect(firstDayOfWeek('es')).to.equal(1);
    expect(firstDayOfWeek('en-GB')).to.equal(1);
    expect(firstDayOfWeek('not a tag!')).to.equal(1);
  });

  it('lays out whole weeks for a month', () => {
    const sunday = monthWeeks('2027-02', 0);
    expect(sunday, 'February 2027 starts on a Monday').to.have.length(5);
    expect(sunday[0]![0]).to.equal('2027-01-31');
    expect(sunday.at(-1)![6]).to.equal('2027-03-06');
    const monday = monthWeeks('2027-02', 1);
    expect(monday, 'exactly four weeks from Monday').to.have.length(4);
    expect(monday[0]![0]).to.equal('2027-02-01');
    expect(monday.at(-1)![6]).to.equal('2027-02-28');
    expect(monthWeeks('2027-05', 0), 'May 2027 needs six rows').to.have.length(6);
  });

  it('finds an instant’s date in a zone', () => {
    expect(dateIn('2027-03-14T04:30:00Z', 'America/Chicago')).to.equal('2027-03-13');
    expect(dateIn('2027-03-14T06:00:00Z', 'America/Chicago')).to.equal('2027-03-14');
    expect(dateIn('2027-03-14T06:00:00Z', 'Asia/Tokyo')).to.equal('2027-03-14');
    expect(validZone('America/Chicago')).to.equal('America/Chicago');
    expect(validZone('Mars/Olympus_Mons')).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('puts timed events on the dates they cover in the viewer’s zone', () => {
    const late = calendarEvent('e', { startsAt: '2027-03-14T03:00:00Z', endsAt: '2027-03-14T05:00:00Z' });
    expect(eventDays(late, 'America/Los_Angeles')).to.deep.equal(['2027-03-13']);
    expect(eventDays(late, 'Europe/Madrid')).to.deep.equal(['2027-03-14']);
    const untilMidnight = calendarEvent('e', { startsAt: '2027-03-13T18:00:00Z', endsAt: '2027-03-14T06:00:00Z' });
    expect(eventDays(untilMidnight, 'America/Chicago'), 'ending at midnight does not spill into the next day').to.deep.equal(['2027-03-13']);
    const overnight = calendarEvent('e', { startsAt: '2027-03-13T18:00:00Z', endsAt: '2027-03-14T08:00:00Z' });
    expect(eventDays(overnight, 'America/Chicago')).to.deep.equal(['2027-03-13', '2027-03-14']);
  });

  it('keeps all-day events on their own dates in every zone', () => {
    const allDay = calendarEvent('e', {
      allDay: true,
      startDate: '2027-11-06',
      endDate: '2027-11-07',
      startsAt: '2027-11-06T05:00:00Z',
      endsAt: '2027-11-08T06:00:00Z',
      timeZone: 'America/Chicago',
    });
    for (const zone of ['Pacific/Honolulu', 'America/Chicago', 'UTC', 'Pacific/Kiritimati']) {
      expect(eventDays(allDay, zone), zone).to.deep.equal(['2027-11-06', '2027-11-07']);
    }
  });

  it('formats ranges across a DST change with each end’s own zone name', () => {
    expect(formatRange('2027-03-14T15:00:00Z', '2027-03-14T17:00:00Z', 'en', 'America/Chicago', FULL)).to.equal('Mar 14, 10:00 AM – 12:00 PM CDT');
    expect(formatRange('2027-03-14T07:00:00Z', '2027-03-14T09:00:00Z', 'en', 'America/Chicago', FULL)).to.equal('Mar 14, 1:00 AM CST – 4:00 AM CDT');
    expect(formatRange('2027-11-07T05:30:00Z', '2027-11-07T09:00:00Z', 'en', 'America/Chicago', FULL)).to.equal('Nov 7, 12:30 AM CDT – 3:00 AM CST');
    expect(
      formatRange('2027-11-07T06:30:00Z', '2027-11-07T07:30:00Z', 'en', 'America/Chicago', { hour: 'numeric', minute: '2-digit' }),
      'the repeated hour',
    ).to.equal('1:30 AM CDT – 1:30 AM CST');
    expect(formatRange('2027-11-06T22:00:00Z', '2027-11-07T16:00:00Z', 'en', 'America/Chicago', FULL), 'overnight across the change').to.equal(
      'Nov 6, 5:00 PM CDT – Nov 7, 10:00 AM CST',
    );
  });

  it('builds Google Calendar links with UTC times, or all-day dates ending the day after', () => {
    const timed = new URL(googleCalendarUrl(calendarEvent('e'), 'Details', 'The gym'));
    expect(timed.searchParams.get('dates')).to.equal('20270313T170000Z/20270313T200000Z');
    expect(timed.searchParams.get('location')).to.equal('The gym');
    const allDay = new URL(googleCalendarUrl(calendarEvent('e', { allDay: true, startDate: '2027-12-31', endDate: '2027-12-31' }), '', ''));
    expect(allDay.searchParams.get('dates')).to.equal('20271231/20280101');
  });

  it('links a place to a map by coordinates, else by address, and keeps only web links', () => {
    const gym = calendarEvent('e').location;
    expect(placeText(gym)).to.equal('Riverside High School gym, 4020 Arlington Avenue, Riverside, CA, 92506');
    expect(mapUrl(gym)).to.equal('https://www.openstreetmap.org/?mlat=33.9387&mlon=-117.3986#map=17/33.9387/-117.3986');
    expect(mapUrl({ ...gym!, lat: null, lng: null })).to.equal(
      'https://www.openstreetmap.org/search?query=4020%20Arlington%20Avenue%2C%20Riverside%2C%20CA%2C%2092506',
    );
    expect(mapUrl(null)).to.equal(null);
    expect(webUrl('https://meet.example/x')).to.equal('https://meet.example/x');
    expect(webUrl('javascript:alert(1)')).to.equal(null);
  });
});
