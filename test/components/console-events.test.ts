/// <reference types="mocha" />
/**
 * The console's Events section for issue 12: an event's words in English and Spanish, the
 * interpretation it offers, and the guest list with each guest's language and interpretation
 * needs, counted for planning.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/coordinator-console/sections/events.js';
import type { WblConsoleEvents } from '../../components/coordinator-console/sections/events.js';
import { ConsoleApi } from '../../components/coordinator-console/console-api.js';
import { fakeApi, TOKEN, USERS } from './console-fixtures.js';
import { json } from './fixtures.js';
import { $, $$, root, text } from './console-dom.js';

type Stub = ReturnType<typeof fakeApi>;
let stub: Stub | undefined;
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const guest = (n: number, over: Record<string, unknown> = {}) => ({
  id: `rsvp_t_${n}`,
  name: ['Lucia Rodriguez', 'Dana Park', 'Minh Tran', 'Sam Okafor', 'Ana Ruiz'][n - 1],
  email: `guest${n}@example.com`,
  role: 'family',
  partySize: 2,
  grade: null,
  status: 'confirmed',
  createdAt: '2027-02-01T00:00:00Z',
  lang: 'en',
  interpretation: null,
  interpretationOther: null,
  ...over,
});

/** The Spring fair as the admin API answers it, with its Spanish text, the interpretation it offers and five guests. */
const FAIR = {
  id: 'evt_t_fair',
  type: 'career_fair',
  title: 'Spring Healthcare Careers Fair',
  status: 'scheduled',
  when: { allDay: false, timeZone: 'America/Los_Angeles', startDate: '2027-03-14', startTime: '17:00', endDate: '2027-03-14', endTime: '19:30' },
  startsAt: '2027-03-15T00:00:00Z',
  endsAt: '2027-03-15T02:30:00Z',
  capacity: 200,
  registrationRequired: true,
  seats: { confirmed: 8, waitlisted: 0 },
  sequence: 2,
  updatedAt: '2027-02-01T00:00:00Z',
  description: 'Meet nurses, technicians and therapists.',
  titleEs: 'Feria de carreras de salud',
  descriptionEs: 'Conozca a enfermeras, técnicos y terapeutas.',
  accessibilityNotesEs: null,
  interpretation: ['es', 'asl'],
  locationName: 'Riverside High gym',
  address: null,
  city: null,
  state: null,
  postalCode: null,
  lat: null,
  lng: null,
  virtualUrl: null,
  accessibilityNotes: 'Step-free entrance',
  audiences: ['families'],
  gradeMin: null,
  gradeMax: null,
  clusters: [],
  school: null,
  employer: null,
  rsvpCounts: { confirmed: { parties: 4, seats: 8 }, waitlisted: { parties: 0, seats: 0 }, cancelled: { parties: 1, seats: 2 } },
  rsvps: [
    guest(1, { lang: 'es', interpretation: 'es' }),
    guest(2, { interpretation: 'asl' }),
    guest(3, { lang: 'en', interpretation: 'other', interpretationOther: 'Vietnamese' }),
    guest(4),
    guest(5, { lang: 'es', interpretation: 'asl', status: 'cancelled' }),
  ],
  createdAt: '2026-10-01T00:00:00Z',
};

async function mount(path: string, routes: Parameters<typeof fakeApi>[0] = {}, lang = 'en') {
  stub = fakeApi({
    'GET /admin/events': () => json({ items: [], nextCursor: null }),
    'GET /admin/events/:id': () => json(FAIR),
    ...routes,
  });
  const api = new ConsoleApi('https://api.example');
  api.token = TOKEN;
  const el = await fixture<WblConsoleEvents>(html`<wbl-console-events .api=${api} .user=${USERS.coordinator} path=${path} lang=${lang}></wbl-console-events>`);
  await waitUntil(() => $(el, path === 'new' ? '#ev-title' : '.facts'), 'the pane shows', { timeout: 5000 });
  return el;
}

const input = (el: Element, sel: string) => $<HTMLInputElement>(el, sel)!;
const put = (el: Element, sel: string, value: string) => {
  input(el, sel).value = value;
};
const save = (el: Element) => (root(el).querySelector('form.grid button[type="submit"]') as HTMLButtonElement).click();
const box = (el: Element, name: string, value: string) => root(el).querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;

describe('console events: two languages and interpretation', () => {
  it('edits the English and Spanish words side by side, and which interpretation the event offers, accessibly', async () => {
    let saved: Record<string, unknown> | undefined;
    const el = await mount('evt_t_fair', {
      'PATCH /admin/events/:id': (_u, _i, _p, body) => {
        saved = body as Record<string, unknown>;
        return json({ ...FAIR, ...saved });
      },
    });
    ($$(el, '.actions button').find((b) => text(b) === 'Edit') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '#ev-titleEs'), 'the form');
    const [english, spanish] = $$(el, '.langs fieldset');
    expect(text(english!.querySelector('legend'))).to.equal('English');
    expect(text(spanish!.querySelector('legend'))).to.equal('Spanish (optional)');
    expect(english!.querySelector('#ev-title, #ev-description, #ev-accessibilityNotes')).to.exist;
    expect(spanish!.querySelectorAll('#ev-titleEs, #ev-descriptionEs, #ev-accessibilityNotesEs')).to.have.length(3);
    expect(input(el, '#ev-titleEs').value).to.equal('Feria de carreras de salud');
    expect(input(el, '#ev-titleEs').lang, 'typed Spanish is marked Spanish').to.equal('es');
    expect(input(el, '#ev-descriptionEs').lang).to.equal('es');
    expect(input(el, '#ev-accessibilityNotesEs').value).to.equal('');
    expect(text($(el, '#ev-interpretation legend'))).to.contain('Interpretation offered');
    expect([box(el, 'interpretation', 'es').checked, box(el, 'interpretation', 'asl').checked, box(el, 'interpretation', 'other').checked]).to.deep.equal([
      true,
      true,
      false,
    ]);
    await expect(el).to.be.accessible();
    put(el, '#ev-titleEs', 'Feria de carreras de la salud');
    put(el, '#ev-descriptionEs', '');
    put(el, '#ev-accessibilityNotesEs', 'Entrada sin escalones');
    box(el, 'interpretation', 'asl').click();
    box(el, 'interpretation', 'other').click();
    save(el);
    await waitUntil(() => saved, 'the update is sent');
    expect(saved).to.include({
      title: 'Spring Healthcare Careers Fair',
      titleEs: 'Feria de carreras de la salud',
      accessibilityNotesEs: 'Entrada sin escalones',
    });
    expect(saved!.descriptionEs, 'an emptied Spanish description is cleared').to.equal(null);
    expect(saved!.interpretation).to.deep.equal(['es', 'other']);
  });

  it('creates an event in English alone: Spanish is optional, English is not', async () => {
    let created: Record<string, unknown> | undefined;
    const el = await mount('new', {
      'POST /admin/events': (_u, _i, _p, body) => {
        created = body as Record<string, unknown>;
        return json({ ...FAIR, ...created, id: 'evt_t_new' }, 201);
      },
    });
    put(el, '#ev-titleEs', 'Noche familiar');
    save(el);
    await waitUntil(() => $(el, '#ev-title-error'), 'the English title is required');
    expect($(el, '#ev-titleEs-error')).to.equal(null);
    expect(stub!.requests.some((r) => r.init?.method === 'POST')).to.equal(false);
    put(el, '#ev-title', 'Family Night');
    put(el, '#ev-titleEs', '');
    (root(el).querySelector('#ev-type') as unknown as HTMLSelectElement).value = 'family_night';
    put(el, '#ev-when-startDate', '2027-04-08');
    put(el, '#ev-when-startTime', '18:00');
    put(el, '#ev-when-endDate', '2027-04-08');
    put(el, '#ev-when-endTime', '19:30');
    put(el, '#ev-locationName', 'Riverside High library');
    box(el, 'interpretation', 'es').click();
    save(el);
    await waitUntil(() => created, 'the event is sent');
    expect(created).to.include({ title: 'Family Night' });
    expect(created).not.to.have.keys(['titleEs', 'descriptionEs', 'accessibilityNotesEs']);
    expect(created!.interpretation).to.deep.equal(['es']);
  });

  it('shows the API’s errors on the Spanish fields', async () => {
    const el = await mount('evt_t_fair', {
      'PATCH /admin/events/:id': () =>
        json(
          {
            type: 'https://openwbl.org/problems/validation',
            title: 'Check the highlighted fields',
            status: 422,
            errors: [{ path: 'titleEs', message: 'Keep the title under 200 characters', code: 'too_big' }],
          },
          422,
        ),
    });
    ($$(el, '.actions button').find((b) => text(b) === 'Edit') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '#ev-titleEs'), 'the form');
    save(el);
    await waitUntil(() => $(el, '#ev-titleEs-error'), 'the error on its field');
    expect(text($(el, '#ev-titleEs-error'))).to.equal('Keep the title under 200 characters');
    expect(input(el, '#ev-titleEs').getAttribute('aria-describedby')).to.equal('ev-titleEs-error');
    expect(input(el, '#ev-titleEs').getAttribute('aria-invalid')).to.equal('true');
  });

  it('shows each guest’s language and interpretation, and counts the needs of guests still coming', async () => {
    const el = await mount('evt_t_fair');
    const facts = text($(el, '.facts'));
    expect(facts).to.contain('Title in Spanish').and.contain('Feria de carreras de salud');
    expect(facts).to.contain('Interpretation').and.contain('Spanish interpreter, ASL interpreter');
    const rows = [...root(el).querySelectorAll('.guests tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(2, 4).map((td) => text(td)));
    expect(rows).to.deep.equal([
      ['Spanish', 'Spanish'],
      ['English', 'ASL'],
      ['English', 'Vietnamese'],
      ['English', 'None'],
      ['Spanish', 'ASL'],
    ]);
    expect([...root(el).querySelectorAll('.guests thead th')].map((th) => text(th))).to.deep.equal(['Name', 'Party', 'Language', 'Interpretation', 'Status']);
    // The cancelled guest's ASL is not counted.
    expect(text($(el, '#needs-title'))).to.equal('Interpretation needed by 3 guests:');
    expect($$(el, '.needs li').map((li) => text(li))).to.deep.equal(['Spanish: 1 guest', 'ASL: 1 guest', 'Vietnamese: 1 guest']);
    await expect(el).to.be.accessible();
  });

  it('says so when no guest has asked for interpretation, and speaks Spanish', async () => {
    const el = await mount(
      'evt_t_fair',
      { 'GET /admin/events/:id': () => json({ ...FAIR, rsvps: [guest(4), guest(2, { interpretation: 'asl', lang: 'es' })] }) },
      'es',
    );
    expect(text($(el, '.planning'))).to.equal('Necesita interpretación 1 invitado: ASL: 1 invitado');
    expect(text(root(el).querySelector('.guests tbody tr:last-child td:nth-child(3)'))).to.equal('Español');
    const none = await mount('evt_t_fair', { 'GET /admin/events/:id': () => json({ ...FAIR, interpretation: [], rsvps: [guest(4)] }) });
    expect(text($(none, '.planning'))).to.equal('No guest has asked for interpretation.');
    expect(text($(none, '.facts'))).to.contain('None offered');
  });
});
