import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { allDayDates, likePattern, resolveRange } from '../../worker/lib/events.js';
import { buildCalendar, escapeText, foldLine, vtimezone, type IcsEvent } from '../../worker/lib/ical.js';
import { isoWithOffset, localDate, transitionsInYear, zonedInstant } from '../../worker/lib/zones.js';

const utf8 = new TextEncoder();
const strict = new TextDecoder('utf-8', { fatal: true });
const octets = (s: string) => utf8.encode(s).length;

/** Splits folded text into physical lines at the byte level, as a parser that reads octets would. */
function physicalLines(text: string): Uint8Array[] {
  const bytes = utf8.encode(text);
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
    }
  }
  lines.push(bytes.subarray(start));
  return lines;
}

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
    assert.equal(escapeText('Plain: text (ok)'), 'Plain: text (ok)');
  });

  it('folds long ASCII lines at 75 octets with a single leading space', () => {
    const line = `DESCRIPTION:${'abcdefghij'.repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    assert.ok(parts.length >= 3);
    for (const [i, p] of parts.entries()) {
      assert.ok(octets(p) <= 75, `line ${i} is ${octets(p)} octets`);
      if (i > 0) assert.match(p, /^ [^ ]/);
    }
    assert.equal(octets(parts[0]!), 75, 'the first line uses all 75 octets');
    assert.equal(folded.replace(/\r\n /g, ''), line);
    assert.equal(foldLine('SUMMARY:short'), 'SUMMARY:short');
  });

  it('never splits a UTF-8 sequence when folding', () => {
    // Two-, three- and four-octet characters, offset so a naive 75-byte cut lands inside one.
    const line = `SUMMARY:x${'é中🎉'.repeat(40)}`;
    const folded = foldLine(line);
    for (const bytes of physicalLines(folded)) {
      assert.ok(bytes.length <= 75, `${bytes.length} octets`);
      assert.doesNotThrow(() => strict.decode(bytes), 'each physical line is valid UTF-8 on its own');
    }
    assert.equal(folded.replace(/\r\n /g, ''), line);
  });
});

describe('time zones', () => {
  it('finds Chicago’s 2027 DST changes to the second', () => {
    const t = transitionsInYear('America/Chicago', 2027);
    assert.deepEqual(
      t.map((x) => [new Date(x.at).toISOString(), x.from, x.to]),
      [
        ['2027-03-14T08:00:00.000Z', -360, -300],
        ['2027-11-07T07:00:00.000Z', -300, -360],
      ],
    );
    assert.deepEqual(transitionsInYear('America/Phoenix', 2027), []);
  });

  it('turns wall-clock times into instants across DST changes', () => {
    assert.equal(new Date(zonedInstant('2027-03-14', '09:00', 'America/Chicago')).toISOString(), '2027-03-14T14:00:00.000Z');
    assert.equal(new Date(zonedInstant('2027-03-13', '19:00', 'America/Chicago')).toISOString(), '2027-03-14T01:00:00.000Z');
    // 02:30 does not exist on the spring-forward night; it is read as 03:30 CDT.
    assert.equal(new Date(zonedInstant('2027-03-14', '02:30', 'America/Chicago')).toISOString(), '2027-03-14T08:30:00.000Z');
    // 01:30 happens twice in November; the first (CDT) is meant.
    assert.equal(new Date(zonedInstant('2027-11-07', '01:30', 'America/Chicago')).toISOString(), '2027-11-07T06:30:00.000Z');
    assert.equal(new Date(zonedInstant('2026-12-05', '09:00', 'America/Los_Angeles')).toISOString(), '2026-12-05T17:00:00.000Z');
    assert.equal(isoWithOffset(Date.parse('2027-07-04T16:00:00Z'), 'America/Los_Angeles'), '2027-07-04T09:00:00-07:00');
    assert.equal(localDate(Date.parse('2026-12-06T07:30:00Z'), 'America/Los_Angeles'), '2026-12-05');
  });

  it('writes a VTIMEZONE with the observance in force and each change at 02:00 local', () => {
    const lines = vtimezone('America/Los_Angeles', 2027, 2027);
    assert.equal(lines[0], 'BEGIN:VTIMEZONE');
    assert.ok(lines.includes('TZID:America/Los_Angeles'));
    const starts = lines.filter((l) => l.startsWith('DTSTART:'));
    assert.deepEqual(starts, ['DTSTART:20261101T020000', 'DTSTART:20270314T020000', 'DTSTART:20271107T020000']);
    assert.ok(lines.includes('TZNAME:PDT') && lines.includes('TZNAME:PST'));
    const phoenix = vtimezone('America/Phoenix', 2027, 2027);
    assert.deepEqual(
      phoenix.filter((l) => /^(BEGIN|TZOFFSET)/.test(l)),
      ['BEGIN:VTIMEZONE', 'BEGIN:STANDARD', 'TZOFFSETFROM:-0700', 'TZOFFSETTO:-0700'],
    );
  });
});

describe('calendars', () => {
  const base: Omit<IcsEvent, 'uid' | 'summary' | 'start' | 'end' | 'timeZone' | 'allDay'> = {
    status: 'CONFIRMED',
    sequence: 0,
    lastModified: Date.parse('2026-11-01T12:00:00Z'),
  };
  const events: IcsEvent[] = [
    {
      ...base,
      uid: 'spring@test',
      summary: 'Overnight, spring',
      timeZone: 'America/Chicago',
      allDay: false,
      start: zonedInstant('2027-03-13', '19:00', 'America/Chicago'),
      end: zonedInstant('2027-03-14', '09:00', 'America/Chicago'),
    },
    {
      ...base,
      uid: 'fall@test',
      summary: 'Fall back',
      timeZone: 'America/Chicago',
      allDay: false,
      status: 'CANCELLED',
      sequence: 2,
      start: zonedInstant('2027-11-07', '01:30', 'America/Chicago'),
      end: zonedInstant('2027-11-07', '03:00', 'America/Chicago'),
    },
    {
      ...base,
      uid: 'la@test',
      summary: 'Los Angeles summer',
      timeZone: 'America/Los_Angeles',
      allDay: false,
      start: zonedInstant('2027-07-04', '09:00', 'America/Los_Angeles'),
      end: zonedInstant('2027-07-04', '10:00', 'America/Los_Angeles'),
    },
    {
      ...base,
      uid: 'days@test',
      summary: 'Two days',
      timeZone: 'America/Chicago',
      allDay: true,
      start: zonedInstant('2027-11-06', '00:00', 'America/Chicago'),
      end: zonedInstant('2027-11-08', '00:00', 'America/Chicago'),
    },
  ];
  const text = buildCalendar({ prodId: '-//Test//EN', name: 'Test; calendar', events });

  it('is CRLF throughout and ends with one', () => {
    assert.ok(text.endsWith('END:VCALENDAR\r\n'));
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.equal(text.replace(/\r\n/g, '').includes('\r'), false, 'no bare CR');
  });

  it('parses with ical.js to the same instants, through its own VTIMEZONEs', () => {
    const cal = new ICAL.Component(ICAL.parse(text));
    assert.equal(cal.getAllSubcomponents('vtimezone').length, 2);
    const parsed = new Map(cal.getAllSubcomponents('vevent').map((v) => [v.getFirstPropertyValue('uid'), new ICAL.Event(v)]));
    for (const e of events.filter((x) => !x.allDay)) {
      const ev = parsed.get(e.uid)!;
      assert.equal(ev.startDate.toJSDate().getTime(), e.start, `${e.uid} start`);
      assert.equal(ev.endDate.toJSDate().getTime(), e.end, `${e.uid} end`);
    }
    assert.equal((parsed.get('spring@test')!.endDate.toJSDate().getTime() - events[0]!.start) / 3_600_000, 13, 'an hour is lost overnight');
    const days = parsed.get('days@test')!;
    assert.equal(days.startDate.isDate, true);
    assert.equal(days.startDate.toString(), '2027-11-06');
    assert.equal(days.endDate.toString(), '2027-11-08', 'DTEND is the day after the last day');
    assert.equal(parsed.get('fall@test')!.component.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(parsed.get('fall@test')!.sequence, 2);
    // X- properties default to TEXT (RFC 5545 §3.8.8.2), so the name is escaped like one.
    assert.ok(text.includes('\r\nX-WR-CALNAME:Test\\; calendar\r\n'));
  });
});

describe('event ranges', () => {
  const zone = 'America/Los_Angeles';
  const now = Date.parse('2026-11-24T05:30:00Z'); // still the 23rd in Los Angeles

  it('defaults to today in the tenant’s zone for 90 days', () => {
    const r = resolveRange({}, zone, now);
    assert.ok(!('errors' in r));
    assert.equal(new Date(r.from).toISOString(), '2026-11-23T08:00:00.000Z');
    assert.equal(new Date(r.to).toISOString(), '2027-02-22T08:00:00.000Z');
  });

  it('reads dates in the zone, includes the whole `to` day, and takes instants as they are', () => {
    const r = resolveRange({ from: '2026-12-05', to: '2026-12-05' }, zone, now);
    assert.deepEqual(r, { from: Date.parse('2026-12-05T08:00:00Z'), to: Date.parse('2026-12-06T08:00:00Z') });
    const i = resolveRange({ from: '2026-12-05T15:00:00Z', to: '2026-12-05T17:00:00+01:00' }, zone, now);
    assert.deepEqual(i, { from: Date.parse('2026-12-05T15:00:00Z'), to: Date.parse('2026-12-05T16:00:00Z') });
    const same = resolveRange({ from: '2026-12-05T15:00:00Z', to: '2026-12-05T16:00:00+01:00' }, zone, now);
    assert.ok('errors' in same && same.errors[0]!.code === 'range_reversed', 'an end at the same instant is not after the start');
  });

  it('refuses impossible dates, reversed ranges and more than 400 days', () => {
    const bad = (q: { from?: string; to?: string }) => {
      const r = resolveRange(q, zone, now);
      return 'errors' in r ? r.errors.map((e) => `${e.path}:${e.code}`) : [];
    };
    assert.deepEqual(bad({ from: '2026-02-30' }), ['from:invalid_date']);
    assert.deepEqual(bad({ from: '0099-01-01', to: '2026-02-30T10:00:00Z' }), ['from:invalid_date', 'to:invalid_date']);
    assert.deepEqual(bad({ from: '2026-12-05', to: '2026-12-01' }), ['to:range_reversed']);
    assert.deepEqual(bad({ from: '2027-01-01', to: '2028-02-04' }), [], '400 days of dates');
    assert.deepEqual(bad({ from: '2027-01-01', to: '2028-02-05' }), ['to:range_too_long']);
  });

  it('gives all-day events their local first and last dates', () => {
    assert.deepEqual(allDayDates({ starts_at: '2027-11-06T05:00:00.000Z', ends_at: '2027-11-08T06:00:00.000Z', time_zone: 'America/Chicago' }), {
      startDate: '2027-11-06',
      endDate: '2027-11-07',
    });
    assert.deepEqual(allDayDates({ starts_at: '2026-12-05T08:00:00.000Z', ends_at: '2026-12-06T07:59:59.000Z', time_zone: zone }), {
      startDate: '2026-12-05',
      endDate: '2026-12-05',
    });
  });

  it('searches for % and _ literally', () => {
    assert.equal(likePattern('100%_done\\'), '%100\\%\\_done\\\\%');
  });
});

describe('invitations (RFC 5546)', () => {
  const base: IcsEvent = {
    uid: 'evt_invite@openwbl.org',
    summary: 'Family Night',
    start: Date.UTC(2027, 0, 15, 0, 0),
    end: Date.UTC(2027, 0, 15, 1, 30),
    timeZone: 'America/Chicago',
    allDay: false,
    status: 'CONFIRMED',
    sequence: 4,
    lastModified: Date.UTC(2026, 11, 1),
    organizer: { name: 'Riverside "Unified"; District', email: 'wbl@riverside.example' },
  };

  it('writes METHOD, the guest as ATTENDEE with quoted parameters, and the message’s own DTSTAMP', () => {
    const text = buildCalendar({
      prodId: '-//Test//EN',
      method: 'REQUEST',
      events: [{ ...base, attendee: { name: 'Rosa, "Ro"; Example', email: 'rosa@example.org', partstat: 'TENTATIVE' }, stamp: Date.UTC(2026, 11, 2, 8) }],
    });
    assert.doesNotMatch(text, /X-WR-CALNAME/, 'an invitation has no calendar name');
    const cal = new ICAL.Component(ICAL.parse(text));
    assert.equal(cal.getFirstPropertyValue('method'), 'REQUEST');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    const attendee = vevent.getFirstProperty('attendee')!;
    assert.equal(attendee.getParameter('cn'), 'Rosa, Ro; Example');
    assert.equal(attendee.getParameter('partstat'), 'TENTATIVE');
    assert.equal(attendee.getFirstValue(), 'mailto:rosa@example.org');
    assert.equal(vevent.getFirstProperty('organizer')!.getParameter('cn'), 'Riverside Unified; District');
    assert.equal(String(vevent.getFirstPropertyValue('dtstamp')), '2026-12-02T08:00:00Z');
    assert.equal(vevent.getFirstPropertyValue('sequence'), 4);
  });

  it('defaults to PUBLISH for feeds', () => {
    assert.match(buildCalendar({ prodId: '-//Test//EN', name: 'Feed', events: [base] }), /\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Feed\r\n/);
  });
});
