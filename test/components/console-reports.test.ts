/// <reference types="mocha" />
/**
 * The Reports section when the API has withheld small counts (issue 10): the blank is
 * explained, bars are not drawn as zero, and an administrator can raise the threshold.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/coordinator-console/sections/reports.js';
import type { WblConsoleReports } from '../../components/coordinator-console/sections/reports.js';
import { ConsoleApi } from '../../components/coordinator-console/console-api.js';
import type { BreakdownRow, ReportSummary } from '../../schema/api/admin/reports.js';
import { fakeApi, REPORT, TOKEN, USERS } from './console-fixtures.js';
import { json } from './fixtures.js';
import { root, text } from './console-dom.js';

type Stub = ReturnType<typeof fakeApi>;
let stub: Stub | undefined;
afterEach(() => {
  stub?.restore();
  stub = undefined;
});

const hidden = (key: string, label: string, roster: number | null = null): BreakdownRow => ({
  key,
  label,
  suppressed: true,
  students: null,
  rosterStudents: roster,
  placements: null,
  completed: null,
  approvedHours: null,
});
const shownRow = (key: string, label: string, students: number, roster: number | null = null): BreakdownRow => ({
  key,
  label,
  suppressed: false,
  students,
  rosterStudents: roster,
  placements: students,
  completed: 0,
  approvedHours: students * 4,
});

/** Mia alone in exploration and among English learners: both withheld, with a complement each. */
const WITHHELD: ReportSummary = {
  ...REPORT,
  suppression: { minCell: 5 },
  perkins5s3: {
    all: { suppressed: false, concentrators: 11, withWbl: 11, share: 1 },
    graduating: { suppressed: true, concentrators: null, withWbl: null, share: null },
  },
  breakdowns: {
    ...REPORT.breakdowns,
    stage: [hidden('exploration', 'Career exploration'), hidden('preparation', 'Career preparation')],
    group: [
      hidden('economically_disadvantaged', 'Economically disadvantaged', 6),
      hidden('english_learner', 'English learners', 6),
      shownRow('students_with_disabilities', 'Students with disabilities', 0, 5),
    ],
  },
};

const breakdown = (el: Element, name: string) => root(el).querySelector(`#r-${name}`)!.closest('.breakdown')!;
const rowOf = (el: Element, name: string, label: string) =>
  [...breakdown(el, name).querySelectorAll('tbody tr')].find((tr) => text(tr.querySelector('th')) === label)!;

async function mount(role: keyof typeof USERS, report: ReportSummary, lang = 'en', extra: Parameters<typeof fakeApi>[0] = {}) {
  stub = fakeApi({ 'GET /admin/reports': () => json(report), 'GET /admin/schools': () => json({ items: [], nextCursor: null }), ...extra });
  const api = new ConsoleApi('https://api.example');
  api.token = TOKEN;
  const el = await fixture<WblConsoleReports>(html`<wbl-console-reports .api=${api} .user=${USERS[role]} lang=${lang}></wbl-console-reports>`);
  await waitUntil(() => root(el).querySelector('.tiles'), 'the report shows');
  return el;
}

describe('console reports: withheld counts', () => {
  it('shows <5 with the reason in words for a withheld cell, and a note under the table, accessibly', async () => {
    const el = await mount('viewer', WITHHELD);
    await expect(el).to.be.accessible();
    const el_ = rowOf(el, 'group', 'English learners');
    const cells = [...el_.querySelectorAll('td')];
    expect(cells.map((c) => text(c.querySelector('[aria-hidden="true"]')))).to.deep.equal(['<5', '', '<5', '<5', '<5']);
    expect(text(cells[1])).to.equal('6', 'the roster count is not withheld');
    const marker = cells[0]!.querySelector('.withheld')!;
    expect(text(marker.querySelector('.visually-hidden'))).to.equal('fewer than 5, hidden');
    expect(marker.getAttribute('title')).to.equal('Fewer than 5 students — hidden so no one can be identified.');
    const table = breakdown(el, 'group').querySelector('table')!;
    const note = root(el).getElementById(table.getAttribute('aria-describedby')!)!;
    expect(text(note)).to.contain('Fewer than 5 students — hidden so no one can be identified.');
    expect(note.closest('.breakdown') === breakdown(el, 'group'), 'the note is under its own table').to.equal(true);
    // A true zero reads 0, and a breakdown with nothing withheld has no note.
    expect(text(rowOf(el, 'group', 'Students with disabilities').querySelector('td'))).to.equal('0');
    expect(breakdown(el, 'school').querySelector('table')!.hasAttribute('aria-describedby')).to.equal(false);
    expect(breakdown(el, 'school').querySelectorAll('.note').length).to.equal(0);
    // The summary's grade-12 Perkins share is withheld too, and explained.
    expect(text(root(el).querySelector('.tiles'))).to.contain('Grade 12 concentrators: <5');
    expect(root(el).querySelectorAll('#r-summary-note').length).to.equal(1);
  });

  it('never draws a withheld row as a zero bar', async () => {
    const el = await mount('viewer', WITHHELD);
    const chart = breakdown(el, 'group').querySelector('svg.chart')!;
    const groups = [...chart.querySelectorAll('g')];
    expect(groups).to.have.length(3);
    const [ed, el_, swd] = groups;
    for (const g of [ed!, el_!]) {
      expect(g.querySelectorAll('rect.bar').length, 'no bar for a withheld row').to.equal(0);
      expect(g.querySelectorAll('rect.withheld-track').length).to.equal(1);
      expect(text(g.querySelector('text.value'))).to.equal('<5');
    }
    expect(text(el_!.querySelector('title'))).to.equal('English learners: fewer than 5 students, hidden');
    expect(swd!.querySelector('rect.bar')!.getAttribute('width')).to.equal('0', 'a true zero is a zero bar');
    expect(text(swd!.querySelector('text.value'))).to.equal('0');
  });

  it('explains the blank in Spanish', async () => {
    const el = await mount('viewer', WITHHELD, 'es');
    const marker = rowOf(el, 'group', 'English learners').querySelector('.withheld')!;
    expect(text(marker.querySelector('.visually-hidden'))).to.equal('menos de 5, oculto');
    expect(text(breakdown(el, 'group').querySelector('.note'))).to.contain('Menos de 5 estudiantes: se oculta para que nadie pueda ser identificado.');
    expect(text(breakdown(el, 'group').querySelector('svg g title'))).to.equal('Economically disadvantaged: menos de 5 estudiantes, oculto');
  });

  it('uses the tenant’s threshold in the marker', async () => {
    const el = await mount('viewer', { ...WITHHELD, suppression: { minCell: 10 } });
    expect(text(rowOf(el, 'group', 'English learners').querySelector('td [aria-hidden="true"]'))).to.equal('<10');
    expect(text(breakdown(el, 'group').querySelector('.note'))).to.contain('Fewer than 10 students');
  });
});

describe('console reports: the threshold', () => {
  it('is shown to administrators only', async () => {
    const viewer = await mount('viewer', WITHHELD);
    expect(root(viewer).querySelectorAll('#r-threshold').length).to.equal(0);
    stub!.restore();
    const coordinator = await mount('coordinator', WITHHELD);
    expect(root(coordinator).querySelectorAll('#r-threshold').length).to.equal(0);
    stub!.restore();
    const admin = await mount('admin', WITHHELD);
    const input = root(admin).querySelector<HTMLInputElement>('#r-minCell')!;
    expect(input.value).to.equal('5');
    expect(text(root(admin).querySelector(`label[for="r-minCell"]`))).to.equal('Hide counts of fewer than this many students');
    await expect(admin).to.be.accessible();
  });

  it('refuses a threshold below 5 without asking the API, and saves a higher one', async () => {
    const sent: unknown[] = [];
    let current = 5;
    const el = await mount('admin', WITHHELD, 'en', {
      'GET /admin/reports': () => json({ ...WITHHELD, suppression: { minCell: current } }),
      'PUT /admin/reports/settings': (_u, _i, _p, body) => {
        sent.push(body);
        current = (body as { minCell: number }).minCell;
        return json({ minCell: current });
      },
    });
    const input = root(el).querySelector<HTMLInputElement>('#r-minCell')!;
    const form = input.closest('form')!;
    input.value = '3';
    form.requestSubmit();
    await waitUntil(() => root(el).querySelector('#r-minCell-error'), 'a field error');
    expect(text(root(el).querySelector('#r-minCell-error'))).to.contain('cannot be lower than 5');
    expect(root(el).querySelector('#r-minCell')!.getAttribute('aria-invalid')).to.equal('true');
    expect(sent).to.have.length(0);
    root(el).querySelector<HTMLInputElement>('#r-minCell')!.value = '8';
    setTimeout(() => root(el).querySelector<HTMLInputElement>('#r-minCell')!.closest('form')!.requestSubmit());
    const action = await oneEvent(el, 'wbl-console-action');
    expect(action.detail).to.deep.equal({ section: 'reports', action: 'report-settings.update', id: null });
    expect(sent).to.deep.equal([{ minCell: 8 }]);
    await waitUntil(
      () => text(rowOf(el, 'group', 'English learners').querySelector('td [aria-hidden="true"]')) === '<8',
      'the report reloads with the new threshold',
    );
  });

  it('shows the API’s field error when it refuses', async () => {
    const el = await mount('admin', WITHHELD, 'en', {
      'PUT /admin/reports/settings': () =>
        json(
          {
            type: 'https://openwbl.org/problems/validation',
            title: 'Some of the input is not valid',
            status: 400,
            errors: [{ path: 'minCell', message: 'The threshold can be at most 100', code: 'too_big' }],
          },
          400,
        ),
    });
    const input = root(el).querySelector<HTMLInputElement>('#r-minCell')!;
    input.value = '60';
    input.closest('form')!.requestSubmit();
    await waitUntil(() => root(el).querySelector('#r-minCell-error'), 'the API’s field error');
    expect(text(root(el).querySelector('#r-minCell-error'))).to.equal('The threshold can be at most 100');
  });
});
