/// <reference types="mocha" />
/**
 * The console's check-in mode at an event's door, as staff use it on a phone: the guest list
 * with a search by name and large buttons, check-in and undo, the typed code (and what the API
 * says of a wrong one, on the field), walk-ins by student number, the camera only on request
 * (and the typed code when there is none), in English and Spanish, accessibly.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/coordinator-console/sections/events-checkin.js';
import '../../components/coordinator-console/sections/events.js';
import type { WblConsoleCheckin } from '../../components/coordinator-console/sections/events-checkin.js';
import type { WblConsoleEvents } from '../../components/coordinator-console/sections/events.js';
import { ConsoleApi } from '../../components/coordinator-console/console-api.js';
import { fakeApi, TOKEN, USERS } from './console-fixtures.js';
import { json } from './fixtures.js';
import { $, $$, active, root, text } from './console-dom.js';

type Stub = ReturnType<typeof fakeApi>;
let stub: Stub | undefined;
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const arrived = (id: string, name: string, over: Record<string, unknown> = {}) => ({
  id,
  eventId: 'evt_t_fair',
  rsvpId: null,
  name,
  people: 1,
  walkIn: false,
  onStudentRecord: false,
  checkedInAt: '2027-03-15T00:05:00Z',
  ...over,
});

/** The door as the API answers it; `checkedIn` names the reservations already in. */
function door(checkedIn: string[] = [], walkIns: ReturnType<typeof arrived>[] = []) {
  const guests = [
    { rsvpId: 'rsvp_t_1', name: 'Lucia Rodriguez', role: 'family', partySize: 3, status: 'confirmed' },
    { rsvpId: 'rsvp_t_2', name: 'Dana Park', role: 'student', partySize: 1, status: 'confirmed' },
    { rsvpId: 'rsvp_t_3', name: 'Minh Tran', role: 'family', partySize: 2, status: 'waitlisted' },
  ].map((g) => ({ ...g, attendance: checkedIn.includes(g.rsvpId) ? arrived(`att_${g.rsvpId}`, g.name, { rsvpId: g.rsvpId, people: g.partySize }) : null }));
  const inPeople = guests.reduce((n, g) => n + (g.attendance?.people ?? 0), 0) + walkIns.reduce((n, a) => n + a.people, 0);
  return {
    eventId: 'evt_t_fair',
    reserved: { parties: 2, people: 4 },
    attended: { parties: checkedIn.length + walkIns.length, people: inPeople },
    walkIns: { parties: walkIns.length, people: walkIns.reduce((n, a) => n + a.people, 0) },
    guests,
    walkInList: walkIns,
  };
}

async function mount(routes: Parameters<typeof fakeApi>[0], lang = 'en') {
  stub = fakeApi(routes);
  const api = new ConsoleApi('https://api.example');
  api.token = TOKEN;
  const el = await fixture<WblConsoleCheckin>(
    html`<wbl-console-checkin .api=${api} .user=${USERS.coordinator} lang=${lang} event-id="evt_t_fair" event-title="Spring Careers Fair"></wbl-console-checkin>`,
  );
  await waitUntil(() => $$(el, '.door li').length, 'the guest list shows', { timeout: 5000 });
  return el;
}

const button = (el: Element, name: string) => $$(el, 'button').find((b) => (b.getAttribute('aria-label') ?? text(b)) === name) as HTMLButtonElement;

describe('console check-in at the door', () => {
  it('lists guests with large buttons, finds them by name, and is accessible', async () => {
    const el = await mount({ 'GET /admin/events/:id/attendance': () => json(door(['rsvp_t_2'])) });
    expect(text($(el, 'h3'))).to.equal('Check in: Spring Careers Fair');
    expect(active(el)?.id, 'focus on the door’s heading').to.equal('ci-title');
    expect(text($(el, '.tally'))).to.equal('Reserved 4 people · Arrived 1 person');
    expect($$(el, '.door li').map((li) => text(li.querySelector('strong')))).to.deep.equal(['Lucia Rodriguez', 'Dana Park', 'Minh Tran']);
    expect(text($$(el, '.door li')[2]!)).to.contain('Waitlisted');
    expect(text($$(el, '.door li')[1]!)).to.contain('Arrived');
    for (const b of $$(el, 'button')) expect(b.getBoundingClientRect().height, `${text(b)} is a 44 px target`).to.be.at.least(44);
    await expect(el).to.be.accessible();
    const search = $<HTMLInputElement>(el, '#ci-search')!;
    expect(text(root(el).querySelector('label[for="ci-search"]'))).to.equal('Find a guest by name');
    search.value = 'lucia';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect($$(el, '.door li').map((li) => text(li.querySelector('strong')))).to.deep.equal(['Lucia Rodriguez']);
    search.value = 'nobody';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(text(root(el).querySelector('.muted'))).to.contain('No guest by that name');
  });

  it('checks a party in from the list and undoes it, saying so in the live region', async () => {
    let state: string[] = [];
    const sent: unknown[] = [];
    const el = await mount({
      'GET /admin/events/:id/attendance': () => json(door(state)),
      'POST /admin/events/:id/attendance': (_u, _i, _p, body) => {
        sent.push(body);
        state = ['rsvp_t_1'];
        return json(arrived('att_rsvp_t_1', 'Lucia Rodriguez', { rsvpId: 'rsvp_t_1', people: 3 }), 201);
      },
      'DELETE /admin/events/:id/attendance/:att': () => {
        state = [];
        return new Response(null, { status: 204 });
      },
    });
    button(el, 'Check in Lucia Rodriguez').click();
    await waitUntil(() => button(el, 'Undo check-in for Lucia Rodriguez'), 'the party shows as arrived');
    expect(sent).to.deep.equal([{ rsvpId: 'rsvp_t_1' }]);
    expect(text($(el, '.notice'))).to.equal('Checked in: Lucia Rodriguez, 3 people.');
    expect($(el, '.notice')!.getAttribute('role')).to.equal('status');
    await waitUntil(() => text($(el, '.tally')) === 'Reserved 4 people · Arrived 3 people', 'the count follows');
    button(el, 'Undo check-in for Lucia Rodriguez').click();
    await waitUntil(() => button(el, 'Check in Lucia Rodriguez'), 'back on the list to check in');
    expect(text($(el, '.notice'))).to.equal('Check-in undone for Lucia Rodriguez.');
  });

  it('checks in by typed code, says when a guest was already in, and shows a wrong code’s error on the field', async () => {
    const sent: unknown[] = [];
    const el = await mount({
      'GET /admin/events/:id/attendance': () => json(door(['rsvp_t_2'])),
      'POST /admin/events/:id/attendance': (_u, _i, _p, body) => {
        sent.push(body);
        if ((body as { code: string }).code === 'ZZZZ-ZZZZ')
          return json(
            {
              type: 'https://openwbl.org/problems/validation',
              title: 'Some of the input is not valid',
              status: 400,
              errors: [{ path: 'code', message: 'No reservation for this event has that code. Check it, or find the guest by name.', code: 'unknown_code' }],
            },
            400,
          );
        return json(arrived('att_rsvp_t_2', 'Dana Park', { rsvpId: 'rsvp_t_2' }), 200);
      },
    });
    const code = $<HTMLInputElement>(el, '#ci-code')!;
    expect(text(root(el).querySelector('label[for="ci-code"]'))).to.contain('Check-in code');
    code.value = 'ZZZZ-ZZZZ';
    button(el, 'Check in with code').click();
    await waitUntil(() => code.getAttribute('aria-invalid') === 'true', 'the field shows the error');
    expect(text(root(el).querySelector('#ci-code-error'))).to.contain('No reservation for this event has that code');
    expect(active(el)).to.equal(code);
    await expect(el).to.be.accessible();
    code.value = 'k7q2m9xd';
    button(el, 'Check in with code').click();
    await waitUntil(() => text($(el, '.notice')).startsWith('Dana Park was already checked in'), 'already in');
    expect(sent).to.deep.equal([{ code: 'ZZZZ-ZZZZ' }, { code: 'k7q2m9xd' }]);
  });

  it('checks a student walk-in in by student number', async () => {
    let walkIns: ReturnType<typeof arrived>[] = [];
    const sent: unknown[] = [];
    const el = await mount({
      'GET /admin/events/:id/attendance': () => json(door([], walkIns)),
      'POST /admin/events/:id/attendance': (_u, _i, _p, body) => {
        sent.push(body);
        const a = arrived('att_walk_1', 'Maya', { walkIn: true, onStudentRecord: true });
        walkIns = [a];
        return json(a, 201);
      },
    });
    $<HTMLInputElement>(el, '#ci-studentNumber')!.value = '100245';
    button(el, 'Check in walk-in').click();
    await waitUntil(() => $$(el, '.door li.in').length, 'the walk-in is listed');
    expect(sent).to.deep.equal([{ studentNumber: '100245', people: 1 }]);
    expect(text($$(el, '.door li.in')[0]!)).to.contain('On the student’s record');
    expect(text($(el, '.tally'))).to.equal('Reserved 4 people · Arrived 1 person (1 walk-in)');
  });

  it('uses the camera only when asked, and falls back to the typed code without one', async () => {
    const media = navigator.mediaDevices;
    let asked = 0;
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia: () => {
          asked++;
          return Promise.reject(new DOMException('No camera', 'NotFoundError'));
        },
      },
    });
    try {
      const el = await mount({ 'GET /admin/events/:id/attendance': () => json(door()) });
      expect(asked, 'no camera until Scan is pressed').to.equal(0);
      expect($(el, 'video')).to.equal(null);
      button(el, 'Scan a code').click();
      await waitUntil(() => text($(el, '.notice')).includes('camera is not available'), 'says there is no camera');
      expect(asked).to.equal(1);
      expect($(el, 'video')).to.equal(null);
      await waitUntil(() => active(el)?.id === 'ci-code', 'focus on the typed code');
    } finally {
      Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: media });
    }
  });

  it('speaks Spanish', async () => {
    const el = await mount({ 'GET /admin/events/:id/attendance': () => json(door(['rsvp_t_2'])) }, 'es');
    expect(text($(el, 'h3'))).to.equal('Registro de llegadas: Spring Careers Fair');
    expect(text($(el, '.tally'))).to.equal('Reservaron 4 personas · Llegaron 1 persona');
    expect(button(el, 'Registrar la llegada de Lucia Rodriguez')).to.exist;
    expect(text(root(el).querySelector('label[for="ci-search"]'))).to.equal('Buscar a un invitado por nombre');
    await expect(el).to.be.accessible();
  });

  it('opens from the event in the events section, and goes back to it', async () => {
    stub = fakeApi({
      'GET /admin/events': () => json({ items: [], nextCursor: null }),
      'GET /admin/events/:id': () =>
        json({
          id: 'evt_t_fair',
          type: 'career_fair',
          title: 'Spring Careers Fair',
          status: 'scheduled',
          when: { allDay: false, timeZone: 'America/Los_Angeles', startDate: '2027-03-14', startTime: '17:00', endDate: '2027-03-14', endTime: '19:30' },
          startsAt: '2027-03-15T00:00:00Z',
          endsAt: '2027-03-15T02:30:00Z',
          capacity: 200,
          registrationRequired: true,
          seats: { confirmed: 4, waitlisted: 2 },
          sequence: 0,
          updatedAt: '2027-02-01T00:00:00Z',
          description: '',
          locationName: null,
          address: null,
          city: null,
          state: null,
          postalCode: null,
          lat: null,
          lng: null,
          virtualUrl: null,
          accessibilityNotes: null,
          audiences: ['families'],
          gradeMin: null,
          gradeMax: null,
          clusters: [],
          school: null,
          employer: null,
          rsvpCounts: { confirmed: { parties: 2, seats: 4 }, waitlisted: { parties: 1, seats: 2 }, cancelled: { parties: 0, seats: 0 } },
          rsvps: [],
          createdAt: '2026-10-01T00:00:00Z',
        }),
      'GET /admin/events/:id/attendance': () => json(door()),
    });
    const api = new ConsoleApi('https://api.example');
    api.token = TOKEN;
    const el = await fixture<WblConsoleEvents>(html`<wbl-console-events .api=${api} .user=${USERS.coordinator} path="evt_t_fair"></wbl-console-events>`);
    await waitUntil(() => $(el, '.facts'), 'the event shows', { timeout: 5000 });
    button(el, 'Check in guests').click();
    await waitUntil(() => $(el, 'wbl-console-checkin'), 'the door opens');
    const checkin = $(el, 'wbl-console-checkin') as WblConsoleCheckin;
    await waitUntil(() => $$(checkin, '.door li').length === 3, 'its guests');
    button(el, 'Back to the event').click();
    await waitUntil(() => $(el, '.facts'), 'back to the facts');
  });
});

describe('console check-in: scanning', () => {
  it('reads the QR code from the camera’s frames and checks the guest in with it', async () => {
    const { encode } = await import('uqr');
    const qr = encode('K7Q2-M9XD', { border: 4 });
    const scale = 8;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = qr.size * scale;
    const ctx = canvas.getContext('2d')!;
    // A camera that films the confirmation on the guest's phone: the canvas, repainted so frames keep coming.
    const paint = () => {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = '#000';
      for (const [y, row] of qr.data.entries()) for (const [x, dark] of row.entries()) if (dark) ctx.fillRect(x * scale, y * scale, scale, scale);
    };
    paint();
    const timer = setInterval(paint, 50);
    const media = navigator.mediaDevices;
    let stopped = false;
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia: async () => {
          const stream = canvas.captureStream(20);
          for (const track of stream.getTracks()) {
            const stop = track.stop.bind(track);
            track.stop = () => {
              stopped = true;
              stop();
            };
          }
          return stream;
        },
      },
    });
    const sent: unknown[] = [];
    try {
      const el = await mount({
        'GET /admin/events/:id/attendance': () => json(door(sent.length ? ['rsvp_t_1'] : [])),
        'POST /admin/events/:id/attendance': (_u, _i, _p, body) => {
          sent.push(body);
          return json(arrived('att_rsvp_t_1', 'Lucia Rodriguez', { rsvpId: 'rsvp_t_1', people: 3 }), 201);
        },
      });
      button(el, 'Scan a code').click();
      await waitUntil(() => $(el, 'video'), 'the camera shows');
      expect(button(el, 'Stop scanning').getAttribute('aria-pressed')).to.equal('true');
      await waitUntil(() => sent.length, 'the code is read and sent', { timeout: 8000 });
      expect(sent).to.deep.equal([{ code: 'K7Q2-M9XD' }]);
      await waitUntil(() => text($(el, '.notice')) === 'Checked in: Lucia Rodriguez, 3 people.', 'checked in');
      expect(stopped, 'the camera is turned off once a code is read').to.equal(true);
      expect($(el, 'video')).to.equal(null);
    } finally {
      clearInterval(timer);
      Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: media });
    }
  });
});
