/// <reference types="mocha" />
/**
 * The Reports section's events and experience-survey parts: an event's reserved against
 * attended, and the survey per employer with a withheld employer shown as "<5", in English
 * and Spanish, accessibly; a part that fails to load says so without hiding the rest.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/coordinator-console/sections/reports.js';
import type { WblConsoleReports } from '../../components/coordinator-console/sections/reports.js';
import { ConsoleApi } from '../../components/coordinator-console/console-api.js';
import type { EventReport, SurveyReport } from '../../schema/api/admin/reports.js';
import { fakeApi, REPORT, TOKEN, USERS } from './console-fixtures.js';
import { json } from './fixtures.js';
import { root, text } from './console-dom.js';

type Stub = ReturnType<typeof fakeApi>;
let stub: Stub | undefined;
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const EVENTS: EventReport = {
  period: { from: null, to: null },
  suppression: { minCell: 5 },
  events: [
    {
      id: 'evt_t_fair',
      title: 'Spring Careers Fair',
      type: 'career_fair',
      startsAt: '2027-03-15T00:00:00Z',
      status: 'scheduled',
      reserved: { parties: 40, people: 96 },
      waitlisted: { parties: 2, people: 5 },
      attended: { parties: 37, people: 88 },
      walkIns: { parties: 6, people: 7 },
      students: 31,
    },
    {
      id: 'evt_t_talk',
      title: 'Guest speaker: nursing',
      type: 'guest_speaker',
      startsAt: '2027-02-01T18:00:00Z',
      status: 'scheduled',
      reserved: { parties: 3, people: 3 },
      waitlisted: { parties: 0, people: 0 },
      attended: { parties: 1, people: 1 },
      walkIns: { parties: 0, people: 0 },
      students: null,
    },
  ],
};
const SURVEYS: SurveyReport = {
  period: { from: null, to: null },
  suppression: { minCell: 5 },
  employers: [
    {
      employerId: 'emp_t_1',
      name: 'Arroyo Medical',
      suppressed: false,
      responses: 8,
      meaningful: 3.5,
      feltSafe: 3.88,
      wouldRecommend: 3.25,
      recommendShare: 0.875,
    },
    {
      employerId: 'emp_t_2',
      name: 'Small Shop',
      suppressed: true,
      responses: null,
      meaningful: null,
      feltSafe: null,
      wouldRecommend: null,
      recommendShare: null,
    },
  ],
};

async function mount(lang = 'en', extra: Parameters<typeof fakeApi>[0] = {}) {
  stub = fakeApi({
    'GET /admin/reports': () => json(REPORT),
    'GET /admin/schools': () => json({ items: [], nextCursor: null }),
    'GET /admin/reports/events': () => json(EVENTS),
    'GET /admin/reports/experience-surveys': () => json(SURVEYS),
    ...extra,
  });
  const api = new ConsoleApi('https://api.example');
  api.token = TOKEN;
  const el = await fixture<WblConsoleReports>(html`<wbl-console-reports .api=${api} .user=${USERS.viewer} lang=${lang}></wbl-console-reports>`);
  await waitUntil(() => root(el).querySelector('#r-events') && root(el).querySelector('#r-surveys'), 'the events and survey parts show', { timeout: 5000 });
  return el;
}

const rows = (el: Element, id: string) =>
  [...root(el).querySelector(`#${id}`)!.closest('.breakdown')!.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => text(c.querySelector('[aria-hidden="true"]')) || text(c)),
  );

describe('console reports: events and the experience survey', () => {
  it('shows each event’s reserved against attended, and the survey per employer with a small one withheld, accessibly', async () => {
    const el = await mount();
    expect(text(root(el).querySelector('#r-events'))).to.equal('Events: reserved and attended');
    expect(rows(el, 'r-events')).to.deep.equal([
      ['Spring Careers Fair', 'Mar 15, 2027', '96 (40 parties)', '88 (37 parties)', '7 (6 parties)', '31'],
      ['Guest speaker: nursing', 'Feb 1, 2027', '3 (3 parties)', '1 (1 party)', '0 (0 parties)', '<5'],
    ]);
    expect(rows(el, 'r-surveys')).to.deep.equal([
      ['Arroyo Medical', '8', '3.5', '3.9', '3.3', '87.5%'],
      ['Small Shop', '<5', '<5', '<5', '<5', '<5'],
    ]);
    const buttons = [...root(el).querySelectorAll('.breakdown .toolbar button')].map((b) => text(b));
    expect(buttons).to.include.members(['Download CSV: Events: reserved and attended', 'Download CSV: Experience survey by employer']);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await mount('es');
    expect(text(root(el).querySelector('#r-events'))).to.equal('Eventos: reservaciones y asistencia');
    expect(text(root(el).querySelector('#r-surveys'))).to.equal('Encuesta de experiencia por empleador');
    expect(rows(el, 'r-events')[0]![2]).to.equal('96 (40 grupos)');
    await expect(el).to.be.accessible();
  });

  it('says when a part could not be loaded, and still shows the rest', async () => {
    const el = await mount('en', {
      'GET /admin/reports/experience-surveys': () => json({ type: 'https://openwbl.org/problems/server', title: 'Server error', status: 500 }, 500),
    });
    const surveys = root(el).querySelector('#r-surveys')!.closest('.breakdown')!;
    expect(text(surveys)).to.contain('This part of the report could not be loaded');
    expect(rows(el, 'r-events')).to.have.length(2);
    expect(root(el).querySelector('.tiles')).to.exist;
  });
});
