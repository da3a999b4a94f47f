/**
 * Checking guests in at an event's door, through the running Worker: by the check-in code the
 * confirmation carries (its QR code read back with jsQR from the PNG the real SMTP server
 * received), by reservation, and as walk-ins (students by student number); twice answers the
 * first check-in; a mistake can be undone; another district's staff get 404. The student
 * attendance lands in the participation report as a career-awareness experience, and the events
 * report shows reserved against attended. The tenant for the report figures is built here (as in
 * admin-reports.test.ts), so its numbers are known and no other test's numbers move.
 */
import assert from 'node:assert/strict';
import { createHash, pbkdf2Sync, randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { DEMO, sqlValue } from '../../demo/seed/index.js';
import { addDays, localDate, zonedInstant } from '../../worker/lib/zones.js';
import { as, COORDINATOR, LAKESIDE, sql, VIEWER } from './admin-helpers.js';
import { api, expectProblem, formToken, login } from './helpers.js';
import { type Delivered, mark, waitForMail } from './mail.js';

const RUN = randomUUID().replace(/-/g, '').slice(0, 10);
const R = DEMO.riverside;
const ZONE = 'America/Chicago';
/** A January 21st more than 120 days out: outside the calendar's default range other tests count. */
const DAY = (() => {
  const today = localDate(Date.now(), ZONE);
  const next = `${Number(today.slice(0, 4)) + 1}-01-21`;
  return next > addDays(today, 120) ? next : `${Number(today.slice(0, 4)) + 2}-01-21`;
})();
const START = zonedInstant(DAY, '17:00', ZONE);

function eventRow(id: string, tenantId: string, title: string): string {
  const row: Record<string, string | number | boolean | null | string[]> = {
    id,
    tenant_id: tenantId,
    type: 'career_fair',
    title,
    description: 'Meet employers from every career cluster.',
    starts_at: new Date(START).toISOString(),
    ends_at: new Date(START + 120 * 60_000).toISOString(),
    all_day: false,
    time_zone: ZONE,
    location_name: 'Gym',
    audiences: ['students', 'families'],
    clusters: [],
    capacity: 40,
    registration_required: true,
    status: 'scheduled',
    sequence: 0,
  };
  return `INSERT INTO events (${Object.keys(row).join(', ')}) VALUES (${Object.values(row)
    .map((v) => sqlValue(v))
    .join(', ')});`;
}

/* The attendance tenant: one school, five students (five, so no count in the report is small), a coordinator. */
const T = 'ten_attendance_test';
const PASSWORD = 'attendance-test-password';
const STUDENTS = [1, 2, 3, 4, 5].map((n) => ({ id: `stu_at_${n}`, number: `AT-10${n}`, name: `Student${n}`, email: `student${n}@attendance-test.example` }));
const FAIR = 'evt_at_fair';
function hash(password: string, id: string) {
  const salt = createHash('sha256').update(id).digest().subarray(0, 16);
  return `pbkdf2$1000$${salt.toString('base64')}$${pbkdf2Sync(password, salt, 1000, 32, 'sha256').toString('base64')}`;
}
const SETUP = `
INSERT INTO tenants (id, name, time_zone) VALUES ('${T}', 'Attendance Test District', '${ZONE}');
INSERT INTO schools (id, tenant_id, name, level, grade_min, grade_max) VALUES ('sch_at_a', '${T}', 'Aspen High', 'high', 9, 12);
INSERT INTO users (id, tenant_id, email, name, role, password_hash) VALUES
  ('usr_at_coord', '${T}', 'coordinator@attendance-test.example', 'Door Coordinator', 'coordinator', '${hash(PASSWORD, 'usr_at_coord')}');
INSERT INTO students (id, tenant_id, school_id, student_number, preferred_name, grade, email, student_groups) VALUES
  ${STUDENTS.map((s) => `('${s.id}', '${T}', 'sch_at_a', '${s.number}', '${s.name}', 11, '${s.email}', '["english_learner"]')`).join(',\n  ')};
${eventRow(FAIR, T, 'Aspen Career Fair')}
${eventRow('evt_at_talk', T, 'Aspen Guest Speaker')}
INSERT INTO rsvps (id, tenant_id, event_id, name, email, role, party_size, status, cancel_token_hash) VALUES
  ('rsvp_at_one', '${T}', '${FAIR}', 'Student One', 'STUDENT1@attendance-test.example', 'student', 1, 'confirmed', 'at-hash-1'),
  ('rsvp_at_family', '${T}', '${FAIR}', 'A Family', 'family@attendance-test.example', 'family', 3, 'confirmed', 'at-hash-2'),
  ('rsvp_at_gone', '${T}', '${FAIR}', 'Gone Family', 'gone@attendance-test.example', 'family', 2, 'cancelled', 'at-hash-3'),
  ('rsvp_at_two', '${T}', 'evt_at_talk', 'Student Two', '${STUDENTS[1]!.email}', 'student', 1, 'confirmed', 'at-hash-4');
`;

let door = '';
const doorApi = (method: string, path: string, body?: unknown) =>
  api(`/admin/events/${FAIR}${path}`, {
    key: null,
    method,
    headers: { Authorization: `Bearer ${door}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
async function checkIn(body: unknown, status: number) {
  const res = await doorApi('POST', '/attendance', body);
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text);
}

/** Pixels of the greyscale, unfiltered PNG the Worker writes, as the RGBA jsQR reads. */
function decodePng(png: Buffer): { data: Uint8ClampedArray; width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.equal(data[8], 8, '8-bit');
      assert.equal(data[9], 0, 'greyscale');
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width + 1)], 0, 'filter type none');
    for (let x = 0; x < width; x++) {
      const v = raw[y * (width + 1) + 1 + x]!;
      rgba.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { data: rgba, width, height };
}

function qrOf(m: Delivered): string {
  const files = m.mail.attachments.filter((a) => a.filename === 'checkin.png');
  assert.equal(files.length, 1, `one check-in image in "${m.mail.subject}"`);
  assert.equal(files[0]!.contentType, 'image/png');
  const img = decodePng(files[0]!.content);
  const found = jsQR(img.data, img.width, img.height);
  assert.ok(found, 'the QR code decodes');
  return found.data;
}

before(async () => {
  if (!sql(`SELECT id FROM tenants WHERE id = '${T}'`).length) sql(SETUP);
  const res = await login('coordinator@attendance-test.example', PASSWORD);
  assert.equal(res.status, 200, await res.clone().text());
  door = ((await res.json()) as { token: string }).token;
});

describe('the check-in code in the confirmation', () => {
  const riv = `evt_at_riv_${RUN}`;
  before(() => sql(eventRow(riv, R.tenantId, `Riverside Door Test ${RUN}`)));

  it('carries the code as text and as a QR code that decodes to it, and staff check the party in with it', async () => {
    const after = await mark();
    const email = `door.${RUN}@example.org`;
    const res = await api(`/events/${riv}/rsvps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': `198.51.100.${Math.floor(Math.random() * 250)}`, 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ name: 'Door Family', email, role: 'family', partySize: 2, consent: true, formToken: await formToken('rsvp') }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const rsvp = (await res.json()) as { id: string };
    const [m] = await waitForMail(email, { after });
    const text = (m!.mail.text ?? '').match(/check-in code: ([0-9A-Z]{4}-[0-9A-Z]{4})/);
    assert.ok(text, `the code in the text:\n${m!.mail.text}`);
    assert.equal(qrOf(m!), text[1], 'the QR code holds the code the text shows');

    // Seeing the code manages nothing: the public manage routes take the manage token, not this.
    const manage = await api(`/rsvps/${encodeURIComponent(text[1]!)}`, { method: 'DELETE' });
    assert.ok([404, 400, 422].includes(manage.status), `the code is no manage token (${manage.status})`);

    // Typed the way a person would read it: lower case, no dash.
    const typed = text[1]!.replace('-', '').toLowerCase();
    const first = await as(COORDINATOR, 'POST', `/admin/events/${riv}/attendance`, { code: typed });
    assert.equal(first.status, 201, await first.clone().text());
    const a = await first.json();
    assert.equal(a.rsvpId, rsvp.id);
    assert.equal(a.people, 2, 'the party as reserved');
    assert.equal(a.onStudentRecord, false);
    const again = await as(COORDINATOR, 'POST', `/admin/events/${riv}/attendance`, { code: text[1] });
    assert.equal(again.status, 200, 'scanned twice: the first check-in');
    assert.equal((await again.json()).id, a.id);

    // Another district's staff, and a viewer, cannot reach this event's door.
    await expectProblem(await as(LAKESIDE, 'POST', `/admin/events/${riv}/attendance`, { code: text[1] }), 404);
    await expectProblem(await as(LAKESIDE, 'GET', `/admin/events/${riv}/attendance`), 404);
    await expectProblem(await as(LAKESIDE, 'DELETE', `/admin/events/${riv}/attendance/${a.id}`), 404);
    await expectProblem(await as(VIEWER, 'GET', `/admin/events/${riv}/attendance`), 403);
  });
});

describe('checking in at the door', () => {
  it('refuses a code no reservation has, with a field error', async () => {
    const e = await expectProblem(await doorApi('POST', '/attendance', { code: 'ZZZZ-ZZZZ' }), 400);
    assert.equal(e.errors?.[0]?.path, 'code');
    const bad = await expectProblem(await doorApi('POST', '/attendance', { code: 'nope' }), 400);
    assert.equal(bad.errors?.[0]?.code, 'not_a_code');
    const none = await expectProblem(await doorApi('POST', '/attendance', {}), 400);
    assert.equal(none.errors?.[0]?.path, 'code');
    const both = await expectProblem(await doorApi('POST', '/attendance', { code: 'ZZZZ-ZZZZ', rsvpId: 'rsvp_at_one' }), 400);
    assert.ok(both.errors?.length);
  });

  it('checks a reservation in by name from the list, once, and puts a student’s on their record', async () => {
    const one = await checkIn({ rsvpId: 'rsvp_at_one' }, 201);
    assert.equal(one.onStudentRecord, true, 'the RSVP came from a roster student’s address (any case)');
    const twice = await checkIn({ rsvpId: 'rsvp_at_one' }, 200);
    assert.equal(twice.id, one.id);
    const family = await checkIn({ rsvpId: 'rsvp_at_family', people: 2 }, 201);
    assert.equal(family.people, 2, 'two of the party of three came');
    assert.equal(family.onStudentRecord, false);
    const rows = sql<{ student_id: string | null; checked_in_by: string }>(`SELECT student_id, checked_in_by FROM attendance WHERE id = '${one.id}'`);
    assert.equal(rows[0]?.student_id, 'stu_at_1');
    assert.equal(rows[0]?.checked_in_by, 'usr_at_coord');
    const audited = sql<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'event.check_in' AND entity = 'student' AND entity_id = 'stu_at_1'`);
    assert.equal(audited[0]?.n, 1, 'one audited write to the student’s record');
  });

  it('refuses a cancelled reservation and one of another event', async () => {
    const e = await expectProblem(await doorApi('POST', '/attendance', { rsvpId: 'rsvp_at_gone' }), 400);
    assert.equal(e.errors?.[0]?.code, 'rsvp_cancelled');
    await expectProblem(await doorApi('POST', '/attendance', { rsvpId: 'rsvp_nope_nothing' }), 404);
  });

  it('checks walk-ins in: students by student number (once), a guest by name; an unknown number is a field error', async () => {
    for (const s of STUDENTS.slice(1)) {
      const a = await checkIn({ studentNumber: s.number }, 201);
      assert.equal(a.name, s.name, 'named from the roster');
      assert.equal(a.walkIn, true);
      assert.equal(a.onStudentRecord, true);
    }
    const again = await checkIn({ studentNumber: STUDENTS[1]!.number }, 200);
    assert.equal(again.name, STUDENTS[1]!.name);
    // A student who reserved and is then typed in as a walk-in is still checked in once.
    const reserved = await checkIn({ studentNumber: STUDENTS[0]!.number }, 200);
    assert.equal(reserved.rsvpId, 'rsvp_at_one');
    const e = await expectProblem(await doorApi('POST', '/attendance', { studentNumber: 'AT-999' }), 400);
    assert.equal(e.errors?.[0]?.path, 'studentNumber');
    assert.equal(e.errors?.[0]?.code, 'unknown_student');
    // …and a student who walked in and is then picked from the list by their reservation, too.
    const talk = (body: unknown) =>
      api('/admin/events/evt_at_talk/attendance', {
        key: null,
        method: 'POST',
        headers: { Authorization: `Bearer ${door}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const walked = await talk({ studentNumber: STUDENTS[1]!.number });
    assert.equal(walked.status, 201);
    const byList = await talk({ rsvpId: 'rsvp_at_two' });
    assert.equal(byList.status, 200, await byList.clone().text());
    assert.equal((await byList.json()).id, (await walked.json()).id);
    const guest = await checkIn({ name: 'Neighbour', people: 2 }, 201);
    assert.equal(guest.onStudentRecord, false);
  });

  it('undoes a mistaken check-in, and the guest can be checked in again', async () => {
    const list = await (await doorApi('GET', '/attendance')).json();
    const neighbour = list.walkInList.find((a: { name: string }) => a.name === 'Neighbour');
    assert.ok(neighbour);
    assert.equal((await doorApi('DELETE', `/attendance/${neighbour.id}`)).status, 204);
    await expectProblem(await doorApi('DELETE', `/attendance/${neighbour.id}`), 404);
    const family = list.guests.find((g: { rsvpId: string }) => g.rsvpId === 'rsvp_at_family');
    assert.equal((await doorApi('DELETE', `/attendance/${family.attendance.id}`)).status, 204);
    const back = await checkIn({ rsvpId: 'rsvp_at_family' }, 201);
    assert.equal(back.people, 3);
  });

  it('lists the door: reserved against attended, guests with their check-ins, walk-ins', async () => {
    const res = await doorApi('GET', '/attendance');
    assert.equal(res.status, 200);
    const d = await res.json();
    assert.deepEqual(d.reserved, { parties: 2, people: 4 }, 'confirmed reservations only');
    assert.deepEqual(d.walkIns, { parties: 4, people: 4 });
    assert.deepEqual(d.attended, { parties: 6, people: 8 });
    assert.deepEqual(
      d.guests.map((g: { rsvpId: string; attendance: unknown }) => [g.rsvpId, Boolean(g.attendance)]),
      [
        ['rsvp_at_family', true],
        ['rsvp_at_one', true],
      ],
      'the cancelled reservation is not on the door list',
    );
  });
});

describe('attendance in the reports', () => {
  const report = async (path: string) => {
    const res = await api(`/admin/reports${path}`, { key: null, headers: { Authorization: `Bearer ${door}` } });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text);
  };

  it('counts the checked-in students as a career-awareness experience by stage, school and group', async () => {
    const r = await report('');
    assert.equal(r.rosterStudents, 5);
    assert.equal(r.studentsWithExperience, 5, 'five students came to the fair');
    assert.equal(r.placements, 0, 'an event is no placement');
    const stage = r.breakdowns.stage.find((x: { key: string }) => x.key === 'awareness');
    assert.equal(stage?.students, 5);
    assert.equal(r.breakdowns.school.find((x: { key: string }) => x.key === 'sch_at_a')?.students, 5);
    assert.equal(r.breakdowns.group.find((x: { key: string }) => x.key === 'english_learner')?.students, 5);
    // Before the fair's day nothing happened yet.
    const earlier = await report(`?to=${addDays(localDate(Date.now(), ZONE), -400)}`);
    assert.equal(earlier.studentsWithExperience, 0);
  });

  it('withholds the awareness count once it is small', async () => {
    const list = await (await doorApi('GET', '/attendance')).json();
    const walkIn = list.walkInList.find((a: { name: string }) => a.name === STUDENTS[4]!.name);
    assert.equal((await doorApi('DELETE', `/attendance/${walkIn.id}`)).status, 204);
    const r = await report('');
    assert.equal(r.breakdowns.stage.find((x: { key: string }) => x.key === 'awareness')?.students, null, 'four students are a small count');
    await checkIn({ studentNumber: STUDENTS[4]!.number }, 201);
    assert.equal((await report('')).breakdowns.stage.find((x: { key: string }) => x.key === 'awareness')?.students, 5);
  });

  it('shows reserved against attended per event', async () => {
    const r = await report('/events');
    const fair = r.events.find((e: { id: string }) => e.id === FAIR);
    assert.ok(fair, 'the fair is in the events report');
    assert.deepEqual(fair.reserved, { parties: 2, people: 4 });
    assert.deepEqual(fair.attended, { parties: 6, people: 8 });
    assert.deepEqual(fair.walkIns, { parties: 4, people: 4 });
    assert.equal(fair.students, 5);
    const csv = await api('/admin/reports/events.csv', { key: null, headers: { Authorization: `Bearer ${door}` } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(
      lines[0],
      'event_id,title,type,starts_at,status,reserved_parties,reserved_people,waitlisted_parties,waitlisted_people,attended_parties,attended_people,walk_in_parties,walk_in_people,students',
    );
    assert.ok(
      lines.some((l) => l.startsWith(`${FAIR},Aspen Career Fair,career_fair,`) && l.endsWith(',scheduled,2,4,0,0,6,8,4,4,5')),
      lines.join('\n'),
    );
    // Another district sees none of it.
    const other = await as(LAKESIDE, 'GET', '/admin/reports/events');
    assert.equal(other.status, 200);
    assert.ok(!(await other.json()).events.some((e: { id: string }) => e.id === FAIR));
  });
});
