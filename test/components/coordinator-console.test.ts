/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/coordinator-console/define.js';
import type { WblCoordinatorConsole } from '../../components/coordinator-console/coordinator-console.js';
import type { WblConsoleTable } from '../../components/coordinator-console/console-table.js';
import type { StudentImportResult } from '../../schema/api/admin/students.js';
import {
  achievement,
  application,
  completedPlacement,
  employer,
  fakeApi,
  opportunity,
  issuedCredential,
  hostOffer,
  outboxMessage,
  REPORT,
  session,
  signedInRoutes,
  student,
  studentDetail,
  TOKEN,
  USERS,
} from './console-fixtures.js';
import { staffUser } from './console-fixtures.js';
import { json } from './fixtures.js';
import { cleanConsoleBetweenTests, root, $, $$, text, active } from './console-dom.js';

type Stub = ReturnType<typeof fakeApi>;
let stub: Stub | undefined;

cleanConsoleBetweenTests(() => {
  stub?.restore();
  stub = undefined;
});

const section = (el: Element, name: string) => $(el, `wbl-console-${name}`);
const table = (sectionEl: Element) => $<WblConsoleTable & HTMLElement>(sectionEl, 'wbl-console-table')!;
const navLabels = (el: Element) => $$(el, '[part~="nav-link"]').map((a) => text(a));
const requests = (s: Stub, method: string, path: string) =>
  s.requests.filter((r) => (r.init?.method ?? 'GET') === method && r.url.pathname === `/api/v1${path}`);
const auth = (r: { init: RequestInit | undefined }) => new Headers(r.init?.headers).get('Authorization');

async function mount(lang = ''): Promise<WblCoordinatorConsole> {
  return fixture<WblCoordinatorConsole>(html`<wbl-coordinator-console api-base="https://api.example" lang=${lang || 'en'}></wbl-coordinator-console>`);
}

function type(el: Element, sel: string, value: string) {
  const input = $<HTMLInputElement>(el, sel)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function signIn(el: WblCoordinatorConsole, email = 'coordinator@riverside.example', password = 'riverside-demo') {
  type(el, '#signin-email', email);
  type(el, '#signin-password', password);
  $<HTMLButtonElement>(el, '[part~="signin-button"]')!.click();
}

async function signedIn(role: keyof typeof USERS, extra: Parameters<typeof fakeApi>[0] = {}, hash = '', lang = ''): Promise<WblCoordinatorConsole> {
  stub = fakeApi({ ...signedInRoutes(role), ...extra });
  if (hash) history.replaceState(null, '', `${location.pathname}${hash}`);
  const el = await mount(lang);
  await signIn(el, USERS[role].email);
  await waitUntil(() => $(el, '[part~="nav"]'), 'the console shows its sections', { timeout: 5000 });
  // The section's module loads on first use.
  await waitUntil(() => section(el, location.hash.slice(1).split('/')[0]!), 'the section loads', { timeout: 5000 });
  return el;
}

/** Students answering 25 a page from a roster of 30, filtered by `q`. */
function roster() {
  const all = Array.from({ length: 30 }, (_, i) => student(i + 1));
  return {
    'GET /admin/students': (url: URL) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const items = q ? all.filter((s) => s.preferredName.toLowerCase().startsWith(q) || s.studentNumber.startsWith(q)) : all;
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 25);
      return json({ items: items.slice(start, start + limit), nextCursor: start + limit < items.length ? String(start + limit) : null });
    },
    'GET /admin/students/:id': (_u: URL, _i: RequestInit | undefined, p: Record<string, string>) => json(studentDetail(Number(p.id!.replace('stu_t_', '')))),
  };
}

const rowsOf = (sectionEl: Element) => [...table(sectionEl).shadowRoot!.querySelectorAll('tbody tr[data-key]')];
const settledTable = (sectionEl: Element) => waitUntil(() => table(sectionEl)?.shadowRoot?.querySelector('tbody tr[data-key], .state'), 'the table settles');

describe('<wbl-coordinator-console>', () => {
  describe('signing in', () => {
    it('is accessible on the sign-in screen', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
      expect(text($(el, 'h2'))).to.equal('Sign in');
      expect($<HTMLInputElement>(el, '#signin-password')!.autocomplete).to.equal('current-password');
    });

    it('checks the form with the shared schema before sending anything', async () => {
      stub = fakeApi(signedInRoutes('coordinator'));
      const el = await mount();
      type(el, '#signin-email', 'not-an-email');
      $<HTMLButtonElement>(el, '[part~="signin-button"]')!.click();
      await waitUntil(() => $(el, '#signin-email-error'), 'an error on the email', { timeout: 5000 });
      expect(text($(el, '#signin-email-error'))).to.contain('Enter your work email address');
      expect(text($(el, '#signin-password-error'))).to.contain('Enter your password');
      expect($(el, '#signin-email')!.getAttribute('aria-describedby')).to.equal('signin-email-error');
      await waitUntil(() => active(el)?.id === 'signin-email', 'focus on the first field in error');
      expect(stub.calls).to.have.length(0);
    });

    it('says when the email or password is wrong, and clears the password', async () => {
      stub = fakeApi({
        'POST /auth/login': () => json({ type: 'https://openwbl.org/problems/site-key-required', title: 'Email or password is not right', status: 401 }, 401),
      });
      const el = await mount();
      await signIn(el, 'coordinator@riverside.example', 'wrong-password');
      await waitUntil(() => $(el, '.failure'), 'the failure shows', { timeout: 5000 });
      expect(text($(el, '.failure'))).to.contain('The email or password is not right');
      expect($<HTMLInputElement>(el, '#signin-password')!.value).to.equal('');
      expect($<HTMLInputElement>(el, '#signin-email')!.value).to.equal('coordinator@riverside.example');
      await waitUntil(() => active(el)?.classList.contains('failure'), 'focus on the message');
      expect(sessionStorage.length).to.equal(0);
    });

    it('says in words how long to wait after too many tries (429 with Retry-After)', async () => {
      stub = fakeApi({
        'POST /auth/login': () =>
          new Response(JSON.stringify({ type: 'https://openwbl.org/problems/rate-limited', title: 'Too many failed sign-ins', status: 429 }), {
            status: 429,
            headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '900' },
          }),
      });
      const el = await mount();
      await signIn(el);
      await waitUntil(() => $(el, '.failure'), 'the failure shows', { timeout: 5000 });
      expect(text($(el, '.failure'))).to.contain('try again in 15 minutes');
    });

    it('signs in, keeps the token in sessionStorage and never localStorage, and opens the first section', async () => {
      stub = fakeApi({ ...signedInRoutes('coordinator'), ...roster() });
      const el = await mount();
      setTimeout(() => void signIn(el));
      const event = await oneEvent(el, 'wbl-console-signin');
      expect(event.detail.user.role).to.equal('coordinator');
      expect(event.detail.resumed).to.equal(false);
      await waitUntil(() => $(el, '[part~="nav"]'), 'the shell shows');
      expect(JSON.stringify({ ...sessionStorage })).to.contain(TOKEN);
      expect(JSON.stringify({ ...localStorage })).to.not.contain(TOKEN);
      expect(localStorage.length).to.equal(0);
      expect(text($(el, '[part~="header"]'))).to.contain('Marcus Bell');
      expect(location.hash).to.equal('#review');
      expect(text($(el, '[aria-current="page"]'))).to.equal('Review');
      await waitUntil(() => active(el)?.id === 'section-title', 'focus on the section heading');
      expect(text($(el, '#section-title'))).to.equal('Review');
      expect($(el, 'main')!.getAttribute('aria-labelledby')).to.equal('section-title');
    });

    it('stays signed in after a reload in the same tab, and asks the API who it is', async () => {
      stub = fakeApi(signedInRoutes('viewer'));
      sessionStorage.setItem('wbl-console-session:https://api.example', JSON.stringify(session('viewer')));
      const el = await mount();
      await waitUntil(() => $(el, '[part~="nav"]'), 'the shell shows without signing in');
      await waitUntil(() => requests(stub!, 'GET', '/auth/me').length === 1, 'asks /auth/me');
      expect(auth(requests(stub, 'GET', '/auth/me')[0]!)).to.equal(`Bearer ${TOKEN}`);
      expect(navLabels(el)).to.deep.equal(['Reports']);
    });

    it('signs out: ends the session on the server and forgets the token', async () => {
      const el = await signedIn('coordinator', roster());
      setTimeout(() => $<HTMLButtonElement>(el, '[part~="signout-button"]')!.click());
      const event = await oneEvent(el, 'wbl-console-signout');
      expect(event.detail.reason).to.equal('signout');
      await waitUntil(() => requests(stub!, 'POST', '/auth/logout').length === 1, 'POST /auth/logout');
      expect(auth(requests(stub!, 'POST', '/auth/logout')[0]!)).to.equal(`Bearer ${TOKEN}`);
      expect(sessionStorage.length).to.equal(0);
      expect(text($(el, '.notice'))).to.contain('You are signed out');
      await waitUntil(() => active(el)?.id === 'signin-title', 'focus on the sign-in heading');
    });

    it('goes back to sign-in on a 401 from any call, then returns to the same section', async () => {
      let expired = true;
      const el = await signedIn('coordinator', {
        ...roster(),
        'GET /admin/students': () =>
          expired
            ? json({ type: 'https://openwbl.org/problems/site-key-required', title: 'Sign in to continue', status: 401 }, 401)
            : json({ items: [student(1)], nextCursor: null }),
      });
      setTimeout(() => {
        location.hash = '#students/stu_t_1';
      });
      const ended = await oneEvent(el, 'wbl-console-signout');
      expect(ended.detail.reason).to.equal('expired');
      await waitUntil(() => $(el, '[part~="signin"]'), 'sign-in shows');
      expect(text($(el, '.notice'))).to.contain('Your session has ended');
      expect(location.hash).to.equal('#students/stu_t_1');
      expect(sessionStorage.length).to.equal(0);
      expect($(el, 'wbl-console-students')).to.equal(null);
      expired = false;
      await signIn(el);
      await waitUntil(() => section(el, 'students'), 'back on Students');
      expect(text($(el, '[aria-current="page"]'))).to.equal('Students');
      expect(location.hash).to.equal('#students/stu_t_1');
    });
  });

  describe('navigation', () => {
    it('shows each role only its sections', async () => {
      const expected: Record<string, string[]> = {
        admin: ['Review', 'Opportunities', 'Events', 'Students', 'Placements', 'Badges', 'Reports', 'Settings'],
        coordinator: ['Review', 'Opportunities', 'Events', 'Students', 'Placements', 'Badges', 'Reports', 'Settings'],
        supervisor: ['Placements'],
        viewer: ['Reports'],
      };
      for (const role of ['admin', 'coordinator', 'supervisor', 'viewer'] as const) {
        sessionStorage.clear();
        const el = await signedIn(role);
        expect(navLabels(el), role).to.deep.equal(expected[role]);
        stub!.restore();
        el.remove();
      }
    });

    it('keeps a section the role may not open out of reach, even from the address', async () => {
      const el = await signedIn('supervisor', { 'GET /admin/applications': () => json({ items: [], nextCursor: null }) }, '#students');
      expect(location.hash).to.equal('#placements');
      expect(text($(el, '#section-title'))).to.equal('Placements');
      expect(section(el, 'students')).to.equal(null);
    });

    it('loads a section’s code only when it is opened, then moves focus to its heading', async () => {
      const el = await signedIn('viewer');
      expect(customElements.get('wbl-console-settings')).to.equal(undefined);
      location.hash = '#settings';
      // A viewer may not open Settings: the address falls back to Reports and nothing loads.
      await waitUntil(() => location.hash === '#reports', 'falls back');
      expect(customElements.get('wbl-console-settings')).to.equal(undefined);
      el.remove();
      stub!.restore();
      sessionStorage.clear();
      const admin = await signedIn('admin', {
        'GET /admin/sites': () => json({ items: [], nextCursor: null }),
        'GET /admin/outbox': () => json({ items: [], nextCursor: null }),
      });
      expect(customElements.get('wbl-console-settings')).to.equal(undefined);
      const link = $$(admin, '[part~="nav-link"]').find((a) => text(a) === 'Settings') as HTMLAnchorElement;
      link.click();
      await waitUntil(() => customElements.get('wbl-console-settings'), 'the Settings module loads');
      await waitUntil(() => section(admin, 'settings'), 'Settings shows');
      expect(location.hash).to.equal('#settings');
      expect(link.getAttribute('aria-current')).to.equal('page');
      await waitUntil(() => active(admin)?.id === 'section-title', 'focus on the heading');
      expect(text($(admin, '#section-title'))).to.equal('Settings');
    });

    it('follows the address, so Back and Forward move between sections', async () => {
      const el = await signedIn('coordinator', roster());
      location.hash = '#students';
      await waitUntil(() => section(el, 'students'), 'Students shows');
      expect(text($(el, '[aria-current="page"]'))).to.equal('Students');
      history.back();
      await waitUntil(() => location.hash === '#review' && text($(el, '[aria-current="page"]')) === 'Review', 'back on Review');
      history.forward();
      await waitUntil(() => text($(el, '[aria-current="page"]')) === 'Students', 'forward to Students');
    });

    it('speaks Spanish', async () => {
      stub = fakeApi({ ...signedInRoutes('coordinator'), ...roster() });
      const el = await mount('es');
      expect(text($(el, 'h2'))).to.equal('Iniciar sesión');
      expect(text($(el, 'label[for="signin-password"]'))).to.equal('Contraseña');
      await signIn(el);
      await waitUntil(() => $(el, '[part~="nav"]'), 'the shell shows');
      expect(navLabels(el)).to.include('Estudiantes');
      expect(text($(el, '[part~="signout-button"]'))).to.equal('Cerrar sesión');
      location.hash = '#students';
      await waitUntil(() => section(el, 'students'), 'Students');
      const s = section(el, 'students')!;
      await settledTable(s);
      expect(text(table(s).shadowRoot!.querySelector('label[for="filter"]'))).to.equal('Filtrar estudiantes');
      expect(text(table(s).shadowRoot!.querySelector('[part~="load-more"]'))).to.equal('Cargar más');
    });
  });

  describe('the data table', () => {
    it('pages by cursor, sorts by a column with aria-sort, and filters through the API', async () => {
      const el = await signedIn('coordinator', roster(), '#students');
      const s = section(el, 'students')!;
      await settledTable(s);
      expect(rowsOf(s)).to.have.length(25);
      const t = table(s);
      (t.shadowRoot!.querySelector('[part~="load-more"]') as HTMLButtonElement).click();
      await waitUntil(() => rowsOf(s).length === 30, 'the next page is added');
      expect(requests(stub!, 'GET', '/admin/students').at(-1)!.url.searchParams.get('cursor')).to.equal('25');
      expect(t.shadowRoot!.querySelector('[part~="load-more"]')).to.equal(null);
      const nameHeader = () => t.shadowRoot!.querySelector('thead th:nth-child(2)')!;
      expect(nameHeader().hasAttribute('aria-sort')).to.equal(false);
      (nameHeader().querySelector('button') as HTMLButtonElement).click();
      await t.updateComplete;
      expect(nameHeader().getAttribute('aria-sort')).to.equal('ascending');
      const names = () => rowsOf(s).map((r) => text(r.querySelector('td:nth-child(2)')));
      expect(names()).to.deep.equal([...names()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
      (nameHeader().querySelector('button') as HTMLButtonElement).click();
      await t.updateComplete;
      expect(nameHeader().getAttribute('aria-sort')).to.equal('descending');
      expect(names()[0]!.localeCompare(names().at(-1)!)).to.be.greaterThan(0);
      const filter = t.shadowRoot!.querySelector<HTMLInputElement>('#filter')!;
      filter.value = 'Maya';
      filter.dispatchEvent(new Event('input'));
      await waitUntil(() => requests(stub!, 'GET', '/admin/students').some((r) => r.url.searchParams.get('q') === 'Maya'), 'asks the API');
      await waitUntil(() => rowsOf(s).length === 4, 'four students named Maya');
      expect(text(t.shadowRoot!.querySelector('.count'))).to.contain('4 shown');
    });

    it('shows loading, empty and error states, and retries', async () => {
      const t = await fixture<WblConsoleTable>(html`<wbl-console-table label="Students" status="loading"
        .columns=${[{ key: 'n', label: 'Name', value: (r: { n: string }) => r.n, cell: (r: { n: string }) => r.n }]}></wbl-console-table>`);
      expect(text(t.shadowRoot!.querySelector('tbody'))).to.equal('Loading…');
      expect(t.shadowRoot!.querySelector('table')!.getAttribute('aria-busy')).to.equal('true');
      t.status = 'ready';
      t.emptyText = 'No students yet.';
      await t.updateComplete;
      expect(text(t.shadowRoot!.querySelector('tbody'))).to.equal('No students yet.');
      t.status = 'error';
      t.error = 'We couldn’t reach the server.';
      await t.updateComplete;
      expect(text(t.shadowRoot!.querySelector('[role="alert"]'))).to.contain('We couldn’t reach the server.');
      setTimeout(() => (t.shadowRoot!.querySelector('[role="alert"] button') as HTMLButtonElement).click());
      await oneEvent(t, 'table-retry');
      t.status = 'ready';
      t.rows = [{ n: 'Maya' }, { n: 'Jordan' }];
      await t.updateComplete;
      const region = t.shadowRoot!.querySelector('[role="region"]')!;
      expect(region.getAttribute('tabindex')).to.equal('0');
      expect(text(t.shadowRoot!.getElementById(region.getAttribute('aria-labelledby')!))).to.equal('Students');
      await expect(t).to.be.accessible();
    });

    it('selects rows with labelled checkboxes', async () => {
      const t = await fixture<WblConsoleTable>(html`<wbl-console-table label="Students" selectable .rows=${[{ id: 'a', n: 'Maya' }, { id: 'b', n: 'Jordan' }]}
        .rowLabel=${(r: { n: string }) => r.n} .columns=${[{ key: 'n', label: 'Name', value: (r: { n: string }) => r.n, cell: (r: { n: string }) => r.n }]}></wbl-console-table>`);
      const boxes = [...t.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
      expect(boxes.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Select all shown', 'Select Maya', 'Select Jordan']);
      setTimeout(() => boxes[0]!.click());
      const picked = await oneEvent(t, 'table-select');
      expect(picked.detail.keys).to.deep.equal(['a', 'b']);
    });
  });

  describe('students', () => {
    it('asks before deleting a student, and deletes only when confirmed', async () => {
      let deleted = 0;
      const el = await signedIn(
        'coordinator',
        {
          ...roster(),
          'DELETE /admin/students/:id': (_u, _i, p) => {
            deleted += 1;
            return json({ id: p.id, deleted: { applications: 1, agreements: 4, hourLogs: 3, evaluations: 1, messages: 2, credentialsUnlinked: 0 } });
          },
        },
        '#students/stu_t_1',
      );
      const s = section(el, 'students')!;
      await waitUntil(() => $(s, '[part~="delete-button"]'), 'the detail shows');
      expect(text($(s, '#pane-title'))).to.equal('Maya (100201)');
      const del = $<HTMLButtonElement>(s, '[part~="delete-button"]')!;
      del.focus();
      del.click();
      const confirm = $(s, 'wbl-console-confirm')!;
      const dialog = () => confirm.shadowRoot!.querySelector('dialog')!;
      await waitUntil(() => dialog().open, 'the confirmation opens');
      const title = confirm.shadowRoot!.getElementById(dialog().getAttribute('aria-labelledby')!)!;
      expect(text(title)).to.equal('Delete Maya (100201)?');
      expect(text(confirm.shadowRoot!.getElementById(dialog().getAttribute('aria-describedby')!))).to.contain('cannot be undone');
      await expect(confirm).to.be.accessible();
      (confirm.shadowRoot!.querySelector('.cancel') as HTMLButtonElement).click();
      await waitUntil(() => !dialog().open, 'it closes');
      expect(deleted).to.equal(0);
      expect(root(s).activeElement).to.equal(del);
      del.click();
      await waitUntil(() => dialog().open, 'it opens again');
      setTimeout(() => (confirm.shadowRoot!.querySelector('[part~="confirm-button"]') as HTMLButtonElement).click());
      const action = await oneEvent(el, 'wbl-console-action');
      expect(action.detail).to.deep.equal({ section: 'students', action: 'student.delete', id: 'stu_t_1' });
      expect(deleted).to.equal(1);
      await waitUntil(() => location.hash === '#students', 'the pane closes');
      await waitUntil(() => text($(el, '[role="status"][aria-live]')).includes('Maya deleted'), 'announced');
    });

    it('previews a CSV import with row errors and imports nothing until they are fixed', async () => {
      const preview: StudentImportResult = {
        dryRun: true,
        written: false,
        columns: ['student_number', 'preferred_name', 'grade'],
        rows: [
          {
            line: 2,
            status: 'create',
            errors: [],
            student: {
              id: null,
              studentNumber: '104877',
              preferredName: 'Priya',
              grade: 10,
              schoolId: null,
              birthYear: null,
              studentGroups: null,
              concentrator: null,
            },
          },
          {
            line: 3,
            status: 'error',
            errors: [{ field: 'grade', message: 'Choose a grade from 6 to 12' }],
            student: {
              id: null,
              studentNumber: '104878',
              preferredName: 'Omar',
              grade: null,
              schoolId: null,
              birthYear: null,
              studentGroups: null,
              concentrator: null,
            },
          },
        ],
        summary: { rows: 2, create: 1, update: 0, error: 1 },
      };
      const bodies: unknown[] = [];
      const el = await signedIn(
        'coordinator',
        {
          ...roster(),
          'POST /admin/students/import': (_u, _i, _p, body) => {
            bodies.push(body);
            return json(preview);
          },
        },
        '#students/import',
      );
      const s = section(el, 'students')!;
      await waitUntil(() => $(s, '#csv'), 'the import form');
      const csv = 'student_number,preferred_name,grade\n104877,Priya,10\n104878,Omar,13\n';
      const area = $<HTMLTextAreaElement>(s, '#csv')!;
      area.value = csv;
      area.dispatchEvent(new Event('input'));
      $<HTMLButtonElement>(s, '[part~="preview-button"]')!.click();
      await waitUntil(() => $(s, '[part~="import-preview"]'), 'the preview');
      expect(bodies).to.deep.equal([{ csv, dryRun: true }]);
      const rows = [...root(s).querySelectorAll('[part~="import-preview"] tbody tr')];
      expect(rows).to.have.length(2);
      expect(rows[1]!.classList.contains('bad')).to.equal(true);
      expect(text(rows[1])).to.contain('grade: Choose a grade from 6 to 12');
      expect(text($(s, '[role="status"]'))).to.contain('2 rows: 1 new, 0 to update, 1 with errors');
      expect($(s, '[part~="import-button"]')).to.equal(null);
      await waitUntil(() => root(s).activeElement?.id === 'preview-title', 'focus on the preview');
    });

    it('is accessible with the roster and a student open', async () => {
      const el = await signedIn('coordinator', roster(), '#students/stu_t_2');
      const s = section(el, 'students')!;
      await settledTable(s);
      await waitUntil(() => $(s, '[part~="delete-button"]'), 'the detail shows');
      await expect(el).to.be.accessible();
    });
  });

  describe('detail panes', () => {
    it('closes with Escape and gives focus back to the link that opened it', async () => {
      const el = await signedIn('coordinator', roster(), '#students');
      const s = section(el, 'students')!;
      await settledTable(s);
      const link = table(s).shadowRoot!.querySelector<HTMLAnchorElement>('tbody tr[data-key="stu_t_2"] a')!;
      link.focus();
      link.click();
      await waitUntil(() => root(s).activeElement?.id === 'pane-title', 'focus on the pane heading', { timeout: 3000 });
      expect(location.hash).to.equal('#students/stu_t_2');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => location.hash === '#students', 'the pane closes');
      await waitUntil(() => table(s).shadowRoot!.activeElement === link, 'focus back on the link', { timeout: 3000 });
      // Closing stepped back to the list's entry: Forward opens the student again, Back closes it.
      history.forward();
      await waitUntil(() => root(s).activeElement?.id === 'pane-title', 'open again', { timeout: 3000 });
      history.back();
      await waitUntil(() => location.hash === '#students' && !$(s, '.pane'), 'closed by Back');
      await waitUntil(() => table(s).shadowRoot!.activeElement === link, 'focus back on the link after Back', { timeout: 3000 });
    });
  });

  describe('review', () => {
    it('approves a host offer with the coordinator’s choices and links the new opportunity', async () => {
      const bodies: unknown[] = [];
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/review/host-offers': () => json({ items: [hostOffer()], nextCursor: null }),
          'GET /admin/review/host-offers/:id': () => json(hostOffer()),
          'POST /admin/review/host-offers/:id/approve': (_u, _i, _p, body) => {
            bodies.push(body);
            return json({
              offer: hostOffer({ status: 'approved', opportunityId: 'opp_t_new', employerId: 'emp_t_new' }),
              employer: { id: 'emp_t_new', name: 'Inland Solar Cooperative', vettingStatus: 'approved', created: true },
              opportunity: { id: 'opp_t_new', title: 'Rooftop Solar Crew Job Shadow', status: 'published' },
            });
          },
        },
        '#review/hof_t_1',
      );
      const r = section(el, 'review')!;
      await waitUntil(() => $(r, '[part~="decide-button"]'), 'the decision form', { timeout: 3000 });
      expect(text($(r, '#pane-title'))).to.equal('Inland Solar Cooperative');
      expect(($(r, '#rv-cluster') as unknown as HTMLSelectElement).value).to.equal('energy_natural_resources');
      $<HTMLInputElement>(r, '#rv-applicationDeadline')!.value = '2027-01-15';
      setTimeout(() => $<HTMLButtonElement>(r, '[part~="decide-button"]')!.click());
      const action = await oneEvent(el, 'wbl-console-action');
      expect(action.detail).to.deep.equal({ section: 'review', action: 'host-offer.approve', id: 'hof_t_1' });
      expect(bodies).to.deep.equal([{ status: 'published', cluster: 'energy_natural_resources', applicationDeadline: '2027-01-15' }]);
      await waitUntil(() => $(r, '.ok-note'), 'the result shows');
      expect(text($(r, '.ok-note'))).to.contain('New employer Inland Solar Cooperative; opportunity “Rooftop Solar Crew Job Shadow” is published.');
      expect($<HTMLAnchorElement>(r, '.ok-note a')!.getAttribute('href')).to.equal('#opportunities/opp_t_new');
      expect($(r, '[part~="decide-button"]')).to.equal(null);
    });

    it('needs a message to return an offer, checked with the shared schema', async () => {
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/review/host-offers': () => json({ items: [hostOffer()], nextCursor: null }),
          'GET /admin/review/host-offers/:id': () => json(hostOffer()),
        },
        '#review/hof_t_1',
      );
      const r = section(el, 'review')!;
      await waitUntil(() => $(r, '[part~="decide-button"]'), 'the decision form', { timeout: 3000 });
      const radios = [...root(r).querySelectorAll<HTMLInputElement>('input[name="decision"]')];
      radios[1]!.click();
      await waitUntil(() => $(r, '#rv-message'), 'the message field');
      $<HTMLButtonElement>(r, '[part~="decide-button"]')!.click();
      await waitUntil(() => $(r, '#rv-message-error'), 'the error shows');
      expect(text($(r, '#rv-message-error'))).to.equal('Tell the employer what to change');
      expect(requests(stub!, 'POST', '/admin/review/host-offers/hof_t_1/return')).to.have.length(0);
    });
  });

  describe('placements', () => {
    it('offers exactly the allowed moves, and asks before ending a placement', async () => {
      const moves: unknown[] = [];
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/applications': () => json({ items: [], nextCursor: null }),
          'GET /admin/applications/:id': () => json(application()),
          'GET /admin/outbox': () => json({ items: [], nextCursor: null }),
          'POST /admin/applications/:id/transition': (_u, _i, _p, body) => {
            moves.push(body);
            return json(application({ status: 'completed', allowedTransitions: [] }));
          },
        },
        '#placements/app_t_1',
      );
      const p = section(el, 'placements')!;
      await waitUntil(() => $(p, '[part~="transition-button"]'), 'the moves', { timeout: 3000 });
      expect($$(p, '[part~="transition-button"]').map((b) => text(b))).to.deep.equal(['Completed', 'Withdrawn', 'Cancelled']);
      $$(p, '[part~="transition-button"]')[1]!.click();
      const confirm = $(p, 'wbl-console-confirm')!;
      await waitUntil(() => confirm.shadowRoot!.querySelector('dialog')!.open, 'a confirmation for ending it');
      expect(text(confirm.shadowRoot!.querySelector('h2'))).to.equal('Mark AP-TEST-0001 as withdrawn?');
      (confirm.shadowRoot!.querySelector('.cancel') as HTMLButtonElement).click();
      await waitUntil(() => !confirm.shadowRoot!.querySelector('dialog')!.open, 'closed');
      expect(moves).to.have.length(0);
      $<HTMLInputElement>(p, '#mv-note')!.value = 'Finished all 60 hours.';
      $$(p, '[part~="transition-button"]')[0]!.click();
      await waitUntil(() => moves.length === 1, 'moved without a confirmation');
      expect(moves[0]).to.deep.equal({ to: 'completed', note: 'Finished all 60 hours.' });
      await waitUntil(() => text($(p, '[data-form="move"]')).includes('no further moves'), 'finished');
    });

    it('rates every named skill on the 1–4 rubric before saving an evaluation', async () => {
      const saved: unknown[] = [];
      const el = await signedIn(
        'supervisor',
        {
          'GET /admin/applications': () => json({ items: [], nextCursor: null }),
          'GET /admin/applications/:id': () => json(application({ allowedTransitions: [] })),
          'PUT /admin/applications/:id/evaluations/:phase': (_u, _i, params, body) => {
            saved.push({ phase: params.phase, body });
            return json({
              id: 'evl_t_1',
              phase: params.phase,
              ratings: (body as { ratings: unknown[] }).ratings.map((r) => ({ comment: null, ...(r as object) })),
              comments: null,
              evaluator: { id: 'usr_t_sup', name: 'Denise Okafor' },
              recordedAt: '2026-11-01T00:00:00.000Z',
            });
          },
        },
        '#placements/app_t_1',
      );
      const p = section(el, 'placements')!;
      await waitUntil(() => $(p, '[part~="evaluate-button"]'), 'the evaluation buttons', { timeout: 3000 });
      $$(p, '[part~="evaluate-button"]')[0]!.click();
      await waitUntil(() => $(p, '[data-form="midpoint"] fieldset.rating'), 'the rating form');
      const sets = [...root(p).querySelectorAll('[data-form="midpoint"] fieldset.rating')];
      expect(sets.map((f) => text(f.querySelector('legend')))).to.deep.equal(['Communication', 'Professionalism', 'vital signs']);
      expect([...sets[0]!.querySelectorAll('label.check')].map((l) => text(l))).to.deep.equal([
        '1 · Beginning',
        '2 · Developing',
        '3 · Proficient',
        '4 · Advanced',
      ]);
      (sets[0]!.querySelectorAll('input[type="radio"]')[2] as HTMLInputElement).click();
      $<HTMLButtonElement>(p, '[data-form="midpoint"] button[type="submit"]')!.click();
      await waitUntil(() => text($(p, '[data-form="midpoint"] .error')).includes('Rate every skill'), 'asks for every skill');
      expect(saved).to.have.length(0);
      (sets[1]!.querySelectorAll('input[type="radio"]')[3] as HTMLInputElement).click();
      (sets[2]!.querySelectorAll('input[type="radio"]')[1] as HTMLInputElement).click();
      $<HTMLButtonElement>(p, '[data-form="midpoint"] button[type="submit"]')!.click();
      await waitUntil(() => saved.length === 1, 'saved');
      expect(saved[0]).to.deep.equal({
        phase: 'midpoint',
        body: {
          ratings: [
            { skill: 'communication', level: 3 },
            { skill: 'professionalism', level: 4 },
            { skill: 'vital signs', level: 2 },
          ],
        },
      });
      await waitUntil(() => text($(p, '[data-form="midpoint"]')).includes('3 · Proficient'), 'the ratings show');
      await expect(el).to.be.accessible();
    });

    it('names a workplace supervisor without an account, and shows the API’s field error beside the field', async () => {
      const sent: unknown[] = [];
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/applications': () => json({ items: [], nextCursor: null }),
          'GET /admin/applications/:id': () => json(application()),
          'PUT /admin/applications/:id/supervisor': (_u, _i, _p, body) => {
            sent.push(body);
            const b = body as { supervisorName: string | null; supervisorEmail: string | null };
            return b.supervisorEmail === 'rosa@'
              ? json(
                  {
                    type: 'https://openwbl.org/problems/validation',
                    title: 'Some of the input is not valid',
                    status: 400,
                    errors: [{ path: 'supervisorEmail', message: 'Enter the supervisor’s email address, like name@employer.org' }],
                  },
                  400,
                )
              : json(application({ namedSupervisor: { name: b.supervisorName!, email: b.supervisorEmail! } }));
          },
        },
        '#placements/app_t_1',
      );
      const p = section(el, 'placements')!;
      await waitUntil(() => $(p, '#pl-named-supervisorName'), 'the named supervisor form', { timeout: 3000 });
      const form = () => $<HTMLFormElement>(p, '[data-form="named"] form')!;
      $<HTMLInputElement>(p, '#pl-named-supervisorName')!.value = 'Rosa Alvarez';
      $<HTMLInputElement>(p, '#pl-named-supervisorEmail')!.value = 'rosa@';
      form().requestSubmit();
      await waitUntil(() => $(p, '#pl-named-supervisorEmail-error'), 'the field error shows beside the field');
      expect(text($(p, '#pl-named-supervisorEmail-error'))).to.equal('Enter the supervisor’s email address, like name@employer.org');
      $<HTMLInputElement>(p, '#pl-named-supervisorEmail')!.value = 'rosa@arroyovalleymed.example';
      form().requestSubmit();
      await waitUntil(() => sent.length === 2, 'sent again');
      expect(sent[1]).to.deep.equal({ supervisorName: 'Rosa Alvarez', supervisorEmail: 'rosa@arroyovalleymed.example' });
      await waitUntil(() => !$(p, '#pl-named-supervisorEmail-error'), 'the error is gone');
      expect($<HTMLInputElement>(p, '#pl-named-supervisorName')!.value).to.equal('Rosa Alvarez');
      await expect(el).to.be.accessible();
    });
  });

  describe('opportunities', () => {
    const confirmIn = (s: Element) => {
      const confirm = $(s, 'wbl-console-confirm')!;
      return {
        confirm,
        dialog: () => confirm.shadowRoot!.querySelector('dialog')!,
        button: (sel: string) => confirm.shadowRoot!.querySelector(sel) as HTMLButtonElement,
      };
    };

    it('creates an opportunity: checks it with the shared schema, posts the body, and shows the API’s field errors beside fields', async () => {
      const posted: Record<string, unknown>[] = [];
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/opportunities': () => json({ items: [], nextCursor: null }),
          'GET /admin/employers': () => json({ items: [employer(1), employer(2, { vettingStatus: 'pending' })], nextCursor: null }),
          'POST /admin/opportunities': (_u: URL, _i: RequestInit | undefined, _p: Record<string, string>, body: unknown) => {
            const b = body as Record<string, unknown>;
            posted.push(b);
            return b.title === 'Taken'
              ? json(
                  {
                    type: 'https://openwbl.org/problems/validation',
                    title: 'Some of the input is not valid',
                    status: 400,
                    errors: [
                      { path: 'title', message: 'Another opportunity has this title' },
                      { path: 'compensation.amountCents', message: 'Enter the wage or stipend' },
                    ],
                  },
                  400,
                )
              : json(opportunity({ id: 'opp_t_new', title: String(b.title) }), 201);
          },
          'GET /admin/opportunities/:id': () => json(opportunity({ id: 'opp_t_new', title: 'Pharmacy Technician Job Shadow' })),
        },
        '#opportunities/new',
      );
      const s = section(el, 'opportunities')!;
      await waitUntil(() => root(s).querySelectorAll('#opn-employerId option').length === 3, 'the employers load', { timeout: 5000 });
      const form = $<HTMLFormElement>(s, '[part~="opportunity-form"]')!;
      form.requestSubmit();
      await waitUntil(() => $(s, '#opn-title-error'), 'the schema names the empty fields');
      expect(text($(s, '#opn-employerId-error'))).to.equal('Choose one of your employers');
      expect(text($(s, '#opn-type-error'))).to.equal('Choose the kind of experience');
      expect(posted).to.have.length(0);
      const select = (id: string, value: string) => {
        (root(s).querySelector(`#${id}`) as unknown as HTMLSelectElement).value = value;
      };
      select('opn-employerId', 'emp_t_1');
      $<HTMLInputElement>(s, '#opn-title')!.value = 'Taken';
      $<HTMLTextAreaElement>(s, '#opn-description')!.value = 'Spend a morning with the pharmacy team.';
      $<HTMLTextAreaElement>(s, '#opn-tasks')!.value = 'Observe prescription verification\n\nAsk a pharmacist about training';
      select('opn-type', 'job_shadowing');
      select('opn-cluster', 'healthcare_human_services');
      select('opn-mode', 'in_person');
      select('opn-compensation-type', 'stipend');
      $<HTMLInputElement>(s, '#opn-compensation-amountCents')!.value = '250';
      $<HTMLInputElement>(s, '#opn-applicationDeadline')!.value = '2027-01-15';
      (form.querySelector('input[name="skills"][value="communication"]') as HTMLInputElement).click();
      form.requestSubmit();
      await waitUntil(() => text($(s, '#opn-title-error')) === 'Another opportunity has this title', 'the API’s error beside the title', { timeout: 5000 });
      expect(text($(s, '#opn-compensation-amountCents-error'))).to.equal('Enter the wage or stipend');
      expect($<HTMLInputElement>(s, '#opn-title')!.getAttribute('aria-invalid')).to.equal('true');
      expect(posted).to.have.length(1);
      expect(posted[0]).to.deep.equal({
        employerId: 'emp_t_1',
        title: 'Taken',
        description: 'Spend a morning with the pharmacy team.',
        tasks: ['Observe prescription verification', 'Ask a pharmacist about training'],
        type: 'job_shadowing',
        cluster: 'healthcare_human_services',
        mode: 'in_person',
        compensation: { type: 'stipend', amountCents: 25000 },
        gradeMin: 9,
        gradeMax: 12,
        capacity: 1,
        applicationDeadline: '2027-01-15',
        skills: ['communication'],
        status: 'draft',
      });
      await expect(el).to.be.accessible();
      $<HTMLInputElement>(s, '#opn-title')!.value = 'Pharmacy Technician Job Shadow';
      form.requestSubmit();
      await waitUntil(() => location.hash === '#opportunities/opp_t_new', 'the new opportunity opens', { timeout: 5000 });
      await waitUntil(() => text($(el, '[role="status"][aria-live]')).includes('“Pharmacy Technician Job Shadow” is saved'), 'announced');
    });

    it('asks before deleting a draft, and deletes only when confirmed', async () => {
      let deleted = 0;
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/opportunities': () => json({ items: [], nextCursor: null }),
          'GET /admin/opportunities/:id': () => json(opportunity()),
          'DELETE /admin/opportunities/:id': () => {
            deleted += 1;
            return new Response(null, { status: 204 });
          },
        },
        '#opportunities/opp_t_shadow',
      );
      const s = section(el, 'opportunities')!;
      await waitUntil(() => $(s, '[part~="delete-button"]'), 'the detail shows', { timeout: 5000 });
      const { dialog, button } = confirmIn(s);
      $<HTMLButtonElement>(s, '[part~="delete-button"]')!.click();
      await waitUntil(() => dialog().open, 'the confirmation opens');
      button('.cancel').click();
      await waitUntil(() => !dialog().open, 'it closes');
      expect(deleted).to.equal(0);
      $<HTMLButtonElement>(s, '[part~="delete-button"]')!.click();
      await waitUntil(() => dialog().open, 'it opens again');
      button('[part~="confirm-button"]').click();
      await waitUntil(() => deleted === 1, 'deleted');
      await waitUntil(() => location.hash === '#opportunities', 'the pane closes');
      await waitUntil(() => text($(el, '[role="status"][aria-live]')).includes('Draft “Pharmacy Technician Job Shadow” deleted'), 'announced');
    });

    it('edits an opportunity, sending only the fields that changed', async () => {
      let patched: unknown = null;
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/opportunities': () => json({ items: [], nextCursor: null }),
          'GET /admin/opportunities/:id': () => json(opportunity()),
          'PATCH /admin/opportunities/:id': (_u: URL, _i: RequestInit | undefined, _p: Record<string, string>, body: unknown) => {
            patched = body;
            return json(opportunity({ capacity: 3, skills: ['communication'] }));
          },
        },
        '#opportunities/opp_t_shadow',
      );
      const s = section(el, 'opportunities')!;
      await waitUntil(() => $(s, '[part~="delete-button"]'), 'the detail shows', { timeout: 5000 });
      $$(s, '.actions button')
        .find((b) => text(b) === 'Edit')!
        .click();
      await waitUntil(() => $(s, '#op-capacity'), 'the edit form');
      $<HTMLInputElement>(s, '#op-capacity')!.value = '3';
      (root(s).querySelector('input[name="skills"][value="communication"]') as HTMLInputElement).click();
      (root(s).querySelector('form.grid') as HTMLFormElement).requestSubmit();
      await waitUntil(() => patched, 'patched', { timeout: 5000 });
      expect(patched).to.deep.equal({ capacity: 3, skills: ['communication'] });
      await waitUntil(() => text($(el, '[role="status"][aria-live]')).includes('Saved “Pharmacy Technician Job Shadow”'), 'announced');
    });

    it('edits both languages: the English title and description required, the Spanish ones optional, a cleared one sent as null', async () => {
      let patched: unknown = null;
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/opportunities': () => json({ items: [], nextCursor: null }),
          'GET /admin/opportunities/:id': () => json(opportunity({ titleEs: 'Observación en la farmacia', descriptionEs: null })),
          'PATCH /admin/opportunities/:id': (_u: URL, _i: RequestInit | undefined, _p: Record<string, string>, body: unknown) => {
            patched = body;
            return json(opportunity({ titleEs: null, descriptionEs: 'Pasa una mañana con el equipo de la farmacia.' }));
          },
        },
        '#opportunities/opp_t_shadow',
      );
      const s = section(el, 'opportunities')!;
      await waitUntil(() => $(s, '[part~="delete-button"]'), 'the detail shows', { timeout: 5000 });
      expect(text(root(s).querySelector('dl.facts'))).to.contain('Observación en la farmacia');
      $$(s, '.actions button')
        .find((b) => text(b) === 'Edit')!
        .click();
      await waitUntil(() => $(s, '#op-titleEs'), 'the edit form');
      const label = (id: string) => text(root(s).querySelector(`label[for="${id}"]`));
      expect(label('op-title')).to.contain('Title (English)');
      expect(label('op-title')).not.to.contain('optional');
      expect(label('op-titleEs')).to.contain('Title (Spanish)');
      expect(label('op-titleEs')).to.contain('optional');
      expect(label('op-descriptionEs')).to.contain('Description (Spanish)');
      expect($<HTMLInputElement>(s, '#op-titleEs')!.value).to.equal('Observación en la farmacia');
      $<HTMLInputElement>(s, '#op-titleEs')!.value = '';
      $<HTMLTextAreaElement>(s, '#op-descriptionEs')!.value = 'Pasa una mañana con el equipo de la farmacia.';
      (root(s).querySelector('form.grid') as HTMLFormElement).requestSubmit();
      await waitUntil(() => patched, 'patched', { timeout: 5000 });
      expect(patched).to.deep.equal({ titleEs: null, descriptionEs: 'Pasa una mañana con el equipo de la farmacia.' });
    });

    it('labels both languages in the Spanish console, and sends a Spanish title with a new opportunity', async () => {
      const posted: Record<string, unknown>[] = [];
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/opportunities': () => json({ items: [], nextCursor: null }),
          'GET /admin/employers': () => json({ items: [employer(1)], nextCursor: null }),
          'POST /admin/opportunities': (_u: URL, _i: RequestInit | undefined, _p: Record<string, string>, body: unknown) => {
            posted.push(body as Record<string, unknown>);
            return json(opportunity({ id: 'opp_t_new', titleEs: 'Observación en la farmacia' }), 201);
          },
          'GET /admin/opportunities/:id': () => json(opportunity({ id: 'opp_t_new', titleEs: 'Observación en la farmacia' })),
        },
        '#opportunities/new',
        'es',
      );
      const s = section(el, 'opportunities')!;
      await waitUntil(() => root(s).querySelectorAll('#opn-employerId option').length > 1, 'the employers load', { timeout: 5000 });
      const label = (id: string) => text(root(s).querySelector(`label[for="${id}"]`));
      expect(label('opn-title')).to.contain('Título (inglés)');
      expect(label('opn-titleEs')).to.contain('Título (español)');
      expect(label('opn-descriptionEs')).to.contain('Descripción (español)');
      const select = (id: string, value: string) => {
        (root(s).querySelector(`#${id}`) as unknown as HTMLSelectElement).value = value;
      };
      select('opn-employerId', 'emp_t_1');
      $<HTMLInputElement>(s, '#opn-title')!.value = 'Pharmacy Technician Job Shadow';
      $<HTMLTextAreaElement>(s, '#opn-description')!.value = 'Spend a morning with the pharmacy team.';
      $<HTMLInputElement>(s, '#opn-titleEs')!.value = 'Observación en la farmacia';
      select('opn-type', 'job_shadowing');
      select('opn-cluster', 'healthcare_human_services');
      select('opn-mode', 'in_person');
      $<HTMLFormElement>(s, '[part~="opportunity-form"]')!.requestSubmit();
      await waitUntil(() => posted.length === 1, 'posted', { timeout: 5000 });
      expect(posted[0]!.titleEs).to.equal('Observación en la farmacia');
      expect(posted[0]).not.to.have.property('descriptionEs');
    });

    it('offers Delete only for drafts', async () => {
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/opportunities': () => json({ items: [], nextCursor: null }),
          'GET /admin/opportunities/:id': () => json(opportunity({ status: 'published', publishedAt: '2026-10-02T00:00:00Z' })),
        },
        '#opportunities/opp_t_shadow',
      );
      const s = section(el, 'opportunities')!;
      await waitUntil(() => $(s, '[part~="publish-button"], .actions button'), 'the detail shows', { timeout: 5000 });
      expect($(s, '[part~="delete-button"]')).to.equal(null);
    });
  });

  describe('events', () => {
    it('checks a new event’s dates, times and zone with the shared schema', async () => {
      const el = await signedIn('coordinator', { 'GET /admin/events': () => json({ items: [], nextCursor: null }) }, '#events/new');
      const ev = section(el, 'events')!;
      await waitUntil(() => $(ev, '#ev-title'), 'the form', { timeout: 3000 });
      expect(($(ev, '#ev-when-timeZone') as unknown as HTMLSelectElement).value).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
      $<HTMLInputElement>(ev, '#ev-title')!.value = 'Spring Healthcare Careers Fair';
      $<HTMLInputElement>(ev, '#ev-when-startDate')!.value = '2027-03-14';
      $<HTMLInputElement>(ev, '#ev-when-startTime')!.value = '17:00';
      $<HTMLInputElement>(ev, '#ev-when-endDate')!.value = '2027-03-14';
      $<HTMLInputElement>(ev, '#ev-when-endTime')!.value = '16:00';
      (root(ev).querySelector('form.grid button[type="submit"]') as HTMLButtonElement).click();
      await waitUntil(() => $(ev, '#ev-when-endTime-error'), 'the time error');
      expect(text($(ev, '#ev-when-endTime-error'))).to.equal('The event ends before it starts');
      expect(text($(ev, '#ev-type-error'))).to.equal('Choose the kind of event');
      // Checks across fields run once every field parses, as on the Worker.
      const type = root(ev).querySelector('#ev-type') as unknown as HTMLSelectElement;
      type.value = 'career_fair';
      $<HTMLInputElement>(ev, '#ev-when-endTime')!.value = '19:30';
      (root(ev).querySelector('form.grid button[type="submit"]') as HTMLButtonElement).click();
      await waitUntil(() => $(ev, '#ev-locationName-error'), 'the place error');
      expect(text($(ev, '#ev-locationName-error'))).to.equal('Say where the event is, or give its meeting link');
      expect($(ev, '#ev-when-endTime-error')).to.equal(null);
      expect(requests(stub!, 'POST', '/admin/events')).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('events: delete', () => {
    it('asks before deleting an event, and shows the API’s 409 detail when it has RSVPs', async () => {
      let tries = 0;
      const event = {
        id: 'evt_t_fair',
        type: 'career_fair',
        title: 'Spring Healthcare Careers Fair',
        status: 'scheduled',
        when: { allDay: true, timeZone: 'America/Los_Angeles', startDate: '2027-03-14', endDate: '2027-03-14' },
        startsAt: '2027-03-14T08:00:00Z',
        endsAt: '2027-03-15T08:00:00Z',
        capacity: null,
        registrationRequired: false,
        seats: { confirmed: 0, waitlisted: 0 },
        sequence: 0,
        updatedAt: '2026-10-01T00:00:00Z',
        description: '',
        locationName: 'Riverside High gym',
        address: null,
        city: null,
        state: null,
        postalCode: null,
        lat: null,
        lng: null,
        virtualUrl: null,
        accessibilityNotes: null,
        audiences: ['students'],
        gradeMin: null,
        gradeMax: null,
        clusters: [],
        school: null,
        employer: null,
        rsvpCounts: {},
        rsvps: [],
        createdAt: '2026-10-01T00:00:00Z',
      };
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/events': () => json({ items: [], nextCursor: null }),
          'GET /admin/events/:id': () => json(event),
          'DELETE /admin/events/:id': () => {
            tries += 1;
            return json(
              {
                type: 'https://openwbl.org/problems/conflict',
                title: 'This event has registrations',
                status: 409,
                detail: 'Cancel it instead, so guests are told.',
              },
              409,
            );
          },
        },
        '#events/evt_t_fair',
      );
      const s = section(el, 'events')!;
      await waitUntil(() => $(s, '[part~="delete-button"]'), 'the detail shows', { timeout: 5000 });
      const confirm = $(s, 'wbl-console-confirm')!;
      const dialog = () => confirm.shadowRoot!.querySelector('dialog')!;
      $<HTMLButtonElement>(s, '[part~="delete-button"]')!.click();
      await waitUntil(() => dialog().open, 'the confirmation opens');
      (confirm.shadowRoot!.querySelector('.cancel') as HTMLButtonElement).click();
      await waitUntil(() => !dialog().open, 'it closes');
      expect(tries).to.equal(0);
      $<HTMLButtonElement>(s, '[part~="delete-button"]')!.click();
      await waitUntil(() => dialog().open, 'it opens again');
      (confirm.shadowRoot!.querySelector('[part~="confirm-button"]') as HTMLButtonElement).click();
      await waitUntil(() => $(s, '[part~="error"]'), 'the problem shows', { timeout: 5000 });
      expect(tries).to.equal(1);
      expect(text($(s, '[part~="error"]'))).to.contain('Cancel it instead, so guests are told.');
      expect(location.hash).to.equal('#events/evt_t_fair');
    });
  });

  describe('badges', () => {
    /** The staff API for the Badges section: one achievement, three completed placements, two credentials. */
    function badgeRoutes(
      onIssue: (body: { achievementId: string; applicationIds: string[] }) => Response,
      onRevoke: (id: string, body: { reason: string }) => Response = (id) => json({ id, revokedAt: '2027-02-10T12:00:00.000Z', alreadyRevoked: false }),
    ) {
      return {
        'GET /admin/achievements': () => json({ items: [achievement()], nextCursor: null }),
        'GET /admin/applications': (url: URL) => {
          expect(url.searchParams.getAll('status')).to.deep.equal(['completed']);
          return json({ items: [completedPlacement(1, 'Maya'), completedPlacement(2, 'Jordan'), completedPlacement(3, 'Sam')], nextCursor: null });
        },
        'GET /admin/credentials': () => json({ items: [issuedCredential(4, 'Aaliyah'), issuedCredential(5, 'Diego')], nextCursor: null }),
        'POST /admin/credentials': (_u: URL, _i: RequestInit | undefined, _p: Record<string, string>, body: unknown) =>
          onIssue(body as { achievementId: string; applicationIds: string[] }),
        'POST /admin/credentials/:id/revoke': (_u: URL, _i: RequestInit | undefined, p: Record<string, string>, body: unknown) =>
          onRevoke(p.id!, body as { reason: string }),
      };
    }
    const tables = (s: Element) => $$(s, 'wbl-console-table') as (WblConsoleTable & HTMLElement)[];
    const tableRows = (t: Element) => [...t.shadowRoot!.querySelectorAll('tbody tr[data-key]')] as HTMLElement[];
    const settled = (s: Element) =>
      waitUntil(() => tables(s).length === 3 && tables(s).every((t) => t.shadowRoot?.querySelector('tbody tr[data-key], .state')), 'the tables settle', {
        timeout: 5000,
      });

    it('issues a badge to a batch of completed placements and shows each outcome, refusals with the reason', async () => {
      let sent: unknown = null;
      const el = await signedIn(
        'coordinator',
        badgeRoutes((body) => {
          sent = body;
          return json({
            achievementId: body.achievementId,
            issued: 1,
            alreadyIssued: 0,
            refused: 1,
            items: [
              {
                applicationId: 'app_t_1',
                outcome: 'issued',
                credentialId: 'cred_t0000000000000000009',
                url: 'https://api.example/api/v1/credentials/cred_t0000000000000000009',
                code: null,
                reason: null,
              },
              {
                applicationId: 'app_t_2',
                outcome: 'refused',
                credentialId: null,
                url: null,
                code: 'skill_below_level',
                reason: 'The final evaluation rates Communication 2; this badge needs 3 (Proficient) or more in every aligned skill.',
              },
            ],
          });
        }),
        '#badges',
      );
      const s = section(el, 'badges')!;
      await settled(s);
      expect(text(tables(s)[0]!.shadowRoot!.querySelector('tbody'))).to.contain('Communication, Professionalism');
      // Nothing chosen: the shared schema says so and nothing is sent.
      $<HTMLButtonElement>(s, '[part~="issue-button"]')!.click();
      await waitUntil(() => $(s, '#b-achievement-error'), 'an error on the achievement');
      expect(requests(stub!, 'POST', '/admin/credentials')).to.have.length(0);
      const select = [...root(s).querySelectorAll('select')].find((x) => x.id === 'b-achievement')!;
      select.value = 'ach_t_patient_care';
      select.dispatchEvent(new Event('change'));
      const completed = tables(s)[1]!;
      for (const label of ['Select AP-TEST-0001 · Maya', 'Select AP-TEST-0002 · Jordan']) {
        (completed.shadowRoot!.querySelector(`input[aria-label="${label}"]`) as HTMLInputElement).click();
        await completed.updateComplete;
      }
      $<HTMLButtonElement>(s, '[part~="issue-button"]')!.click();
      await waitUntil(() => completed.shadowRoot!.querySelector('[data-outcome]'), 'the outcomes show', { timeout: 5000 });
      expect(sent).to.deep.equal({ achievementId: 'ach_t_patient_care', applicationIds: ['app_t_1', 'app_t_2'] });
      expect(requests(stub!, 'POST', '/admin/credentials')).to.have.length(1);
      const [maya, jordan, sam] = tableRows(completed);
      expect(text(maya!.querySelector('[data-outcome]'))).to.contain('Issued');
      expect(maya!.querySelector('[data-outcome] a')!.getAttribute('href')).to.equal('https://api.example/api/v1/credentials/cred_t0000000000000000009');
      expect(text(jordan!.querySelector('[data-outcome]'))).to.equal(
        'Refused The final evaluation rates Communication 2; this badge needs 3 (Proficient) or more in every aligned skill.',
      );
      expect(sam!.querySelector('[data-outcome]')).to.equal(null);
      await waitUntil(() => text($(el, '[role="status"][aria-live]')).includes('1 issued, 0 already issued, 1 refused'), 'announced');
      expect(text($(el, '[role="status"][aria-live]'))).to.contain('AP-TEST-0002: The final evaluation rates Communication 2');
    });

    it('adds an achievement, showing the schema’s and the API’s field errors beside their fields', async () => {
      let posted: Record<string, unknown> | null = null;
      const el = await signedIn(
        'coordinator',
        {
          ...badgeRoutes(() => json({})),
          'POST /admin/achievements': (_u: URL, _i: RequestInit | undefined, _p: Record<string, string>, body: unknown) => {
            posted = body as Record<string, unknown>;
            return posted.name === 'Taken'
              ? json(
                  {
                    type: 'https://openwbl.org/problems/validation',
                    title: 'Some fields need attention',
                    status: 422,
                    errors: [{ path: 'name', message: 'Another achievement has this name' }],
                  },
                  422,
                )
              : json(achievement({ id: 'ach_t_new', name: String(posted.name), skills: posted.skills as string[], issuedCount: 0 }), 201);
          },
        },
        '#badges',
      );
      const s = section(el, 'badges')!;
      await settled(s);
      $<HTMLButtonElement>(s, '[part~="add-achievement-button"]')!.click();
      await waitUntil(() => active(s)?.id === 'ach-name', 'focus on the name');
      const form = $<HTMLFormElement>(s, '[part~="achievement-form"]')!;
      form.requestSubmit();
      await waitUntil(() => $(s, '#ach-name-error'), 'the schema names the empty fields');
      expect(text($(s, '#ach-skills-error'))).to.equal('Align at least one skill');
      expect(posted).to.equal(null);
      type(s, '#ach-name', 'Taken');
      $<HTMLTextAreaElement>(s, '#ach-description')!.value = 'Communicates clearly.';
      $<HTMLTextAreaElement>(s, '#ach-criteria')!.value = 'A final evaluation rating communication 3 or more.';
      (form.querySelector('input[name="skills"][value="communication"]') as HTMLInputElement).click();
      form.requestSubmit();
      await waitUntil(() => text($(s, '#ach-name-error')) === 'Another achievement has this name', 'the API’s error on the name', { timeout: 5000 });
      expect(posted).to.deep.include({ name: 'Taken', achievementType: 'Competency', skills: ['communication'] });
      expect(posted).to.not.have.property('onetSoc');
      await waitUntil(() => active(s)?.id === 'ach-name', 'focus on the field in error');
      type(s, '#ach-name', 'Clear Communicator');
      form.requestSubmit();
      await waitUntil(() => !$(s, '[part~="achievement-form"]'), 'the form closes', { timeout: 5000 });
      expect(text(tables(s)[0]!.shadowRoot!.querySelector('tbody'))).to.contain('Clear Communicator');
      await waitUntil(() => text($(el, '[role="status"][aria-live]')).includes('Achievement Clear Communicator saved'), 'announced');
    });

    it('opens from a completed placement with that placement chosen', async () => {
      const el = await signedIn(
        'coordinator',
        {
          'GET /admin/applications/:id': () => json(application({ status: 'completed', allowedTransitions: [], completedOn: '2027-01-30' })),
          'GET /admin/applications': () => json({ items: [completedPlacement(1, 'Maya')], nextCursor: null }),
          'GET /admin/outbox': () => json({ items: [], nextCursor: null }),
        },
        '#placements/app_t_1',
      );
      const p = section(el, 'placements')!;
      await waitUntil(() => $(p, '[part~="issue-badge-link"]'), 'the link shows', { timeout: 5000 });
      $<HTMLAnchorElement>(p, '[part~="issue-badge-link"]')!.click();
      await waitUntil(() => section(el, 'badges'), 'the Badges section opens', { timeout: 5000 });
      expect(location.hash).to.equal('#badges/app_t_1');
      const s = section(el, 'badges')!;
      await waitUntil(
        () => (tables(s)[1]?.shadowRoot?.querySelector('input[aria-label="Select AP-TEST-0001 · Maya"]') as HTMLInputElement | null)?.checked,
        'the placement is chosen',
        { timeout: 5000 },
      );
    });

    it('asks for a reason before revoking, then shows the credential revoked, accessibly', async () => {
      const revoked: { id: string; reason: string }[] = [];
      const el = await signedIn(
        'coordinator',
        badgeRoutes(
          () => json({}),
          (id, body) => {
            revoked.push({ id, reason: body.reason });
            return json({ id, revokedAt: '2027-02-10T12:00:00.000Z', alreadyRevoked: false });
          },
        ),
        '#badges',
      );
      const s = section(el, 'badges')!;
      await settled(s);
      await expect(el).to.be.accessible();
      const creds = tables(s)[2]!;
      const [aaliyah] = tableRows(creds);
      expect(text(aaliyah!.querySelector('[data-status]'))).to.equal('Verified');
      expect(aaliyah!.querySelector('a')!.getAttribute('href')).to.equal(issuedCredential(4, 'Aaliyah').url);
      const revoke = () => aaliyah!.querySelector<HTMLButtonElement>('[part~="revoke-button"]')!;
      revoke().click();
      const dialog = $<HTMLDialogElement>(s, 'dialog')!;
      await waitUntil(() => dialog.open, 'the confirmation opens');
      expect(text(root(s).getElementById(dialog.getAttribute('aria-labelledby')!))).to.equal('Revoke Patient Care Communication for Aaliyah?');
      await expect(s).to.be.accessible();
      dialog.querySelector<HTMLButtonElement>('.cancel')!.click();
      await waitUntil(() => !dialog.open, 'it closes');
      expect(revoked).to.have.length(0);
      revoke().click();
      await waitUntil(() => dialog.open, 'it opens again');
      dialog.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!.click();
      await waitUntil(() => $(s, '#b-reason-error'), 'a reason is needed');
      expect(revoked).to.have.length(0);
      const reason = $<HTMLTextAreaElement>(s, '#b-reason')!;
      reason.value = 'Issued to the wrong placement';
      setTimeout(() => dialog.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!.click());
      const action = await oneEvent(el, 'wbl-console-action');
      expect(action.detail).to.deep.equal({ section: 'badges', action: 'credential.revoke', id: issuedCredential(4, 'Aaliyah').id });
      expect(revoked).to.deep.equal([{ id: issuedCredential(4, 'Aaliyah').id, reason: 'Issued to the wrong placement' }]);
      await waitUntil(() => !dialog.open && text(tableRows(creds)[0]!.querySelector('[data-status]')) === 'Revoked', 'the row shows Revoked');
      expect(tableRows(creds)[0]!.querySelector('[part~="revoke-button"]')).to.equal(null);
      expect(text(tableRows(creds)[1]!.querySelector('[data-status]'))).to.equal('Verified');
      await waitUntil(() => text($(el, '[role="status"][aria-live]')).includes('Patient Care Communication for Aaliyah revoked'), 'announced');
      await expect(el).to.be.accessible();
    });
  });

  describe('settings: outbox', () => {
    /** Three messages: one sent, a signing request that failed, one retrying; what the console asked for. */
    function outboxRoutes(asked: URL[] = [], retried: string[] = []) {
      let items = [
        outboxMessage(1, { subject: 'We received your offer' }),
        outboxMessage(2, {
          recipient: 'maya@students.example',
          subject: 'Please sign: training agreement',
          body: 'Open your link to sign: [one-time link — sent only to maya@students.example]',
          oneTimeLink: true,
          status: 'failed',
          attempts: 12,
          lastError: '550 mailbox unavailable',
          sentAt: null,
          messageId: null,
        }),
        outboxMessage(3, {
          status: 'retrying',
          attempts: 2,
          lastError: 'Connection refused',
          sentAt: null,
          messageId: null,
          nextAttemptAt: '2026-11-20T15:05:00.000Z',
        }),
      ];
      return {
        'GET /admin/outbox': (url: URL) => {
          asked.push(url);
          const status = url.searchParams.get('status');
          return json({ items: status ? items.filter((m) => m.status === status) : items, nextCursor: null });
        },
        'POST /admin/outbox/:id/retry': (_u: URL, _i: RequestInit | undefined, p: Record<string, string>) => {
          retried.push(p.id!);
          items = items.map((m) => (m.id === p.id ? { ...m, status: 'queued' as const, attempts: 0, lastError: null } : m));
          return json(items.find((m) => m.id === p.id));
        },
      };
    }

    it('shows each message’s delivery in words, filters by it, and sends a failed one again', async () => {
      const asked: URL[] = [];
      const retried: string[] = [];
      const el = await signedIn('coordinator', outboxRoutes(asked, retried), '#settings');
      const s = section(el, 'settings')!;
      await waitUntil(() => rowsOf(s).length === 3, 'the messages show', { timeout: 3000 });
      const row = (n: number) => rowsOf(s).find((r) => r.getAttribute('data-key') === `msg_t_${n}`)!;
      const badge = (n: number) => text(row(n).querySelector('.delivery'));
      expect(badge(1)).to.equal('Sent');
      expect(text(row(1))).to.match(/sent .*2026/);
      expect(badge(2)).to.equal('Failed');
      expect(text(row(2))).to.contain('12 attempts · 550 mailbox unavailable');
      expect(badge(3)).to.equal('Retrying');
      expect(text(row(3))).to.contain('2 attempts');
      expect(text(row(3))).to.contain('Connection refused');
      expect(row(1).querySelector('[data-action="retry"]')).to.equal(null);
      expect(row(3).querySelector('[data-action="retry"]')).to.equal(null, 'a retrying message is still on its way');
      expect(text(root(s).querySelector('.hint'))).to.contain('never shown here');
      await expect(el).to.be.accessible();

      const filter = [...root(s).querySelectorAll('select')].find((x) => x.id === 'ob-status')!;
      expect(text(root(s).querySelector('label[for="ob-status"]'))).to.equal('Delivery');
      filter.value = 'failed';
      filter.dispatchEvent(new Event('change'));
      await waitUntil(() => rowsOf(s).length === 1, 'only the failed one');
      expect(asked.at(-1)!.searchParams.get('status')).to.equal('failed');

      row(2).querySelector<HTMLButtonElement>('[data-action="retry"]')!.click();
      await waitUntil(() => retried.length === 1, 'sent again');
      expect(retried).to.deep.equal(['msg_t_2']);
      await waitUntil(() => rowsOf(s).length === 0, 'no longer failed, so no longer listed under Failed');
      filter.value = '';
      filter.dispatchEvent(new Event('change'));
      await waitUntil(() => rowsOf(s).length === 3, 'all again');
      expect(asked.at(-1)!.searchParams.has('status')).to.equal(false);
      expect(badge(2)).to.equal('Queued');
    });

    it('shows a message with its one-time link redacted and its delivery, and says it in Spanish', async () => {
      stub = fakeApi({ ...signedInRoutes('coordinator'), ...outboxRoutes() });
      history.replaceState(null, '', `${location.pathname}#settings/msg_t_2`);
      const el = await mount('es');
      await signIn(el, USERS.coordinator.email);
      await waitUntil(() => section(el, 'settings'), 'the section loads', { timeout: 5000 });
      const s = section(el, 'settings')!;
      await waitUntil(() => root(s).querySelector('pre'), 'the message shows', { timeout: 3000 });
      const pane = root(s).querySelector('pre')!.parentElement!;
      expect(text(root(s).querySelector('pre'))).to.contain('[one-time link — sent only to maya@students.example]');
      expect(text(pane)).not.to.match(/token=|sign\.html/);
      expect(text(pane.querySelector('.delivery'))).to.equal('Falló');
      expect(text(pane)).to.contain('12 intentos');
      expect(text(pane.querySelector('[part~="retry-button"]'))).to.contain('Enviar de nuevo');
      await expect(el).to.be.accessible();
    });
  });

  describe('settings: users', () => {
    /** The users, the employers for the supervisor picker, and what the console sent. */
    function staffRoutes(sent: { method: string; path: string; body: unknown }[] = []) {
      const people = [1, 2, 3, 4].map((n) => staffUser(n));
      return {
        'GET /admin/sites': () => json({ items: [], nextCursor: null }),
        'GET /admin/outbox': () => json({ items: [], nextCursor: null }),
        'GET /admin/employers': () => json({ items: [{ id: 'emp_t_arroyo', name: 'Arroyo Valley Medical Center' }], nextCursor: null }),
        'GET /admin/users': () => json({ items: people, nextCursor: null }),
        'GET /admin/users/:id': (_u: URL, _i: RequestInit | undefined, p: Record<string, string>) =>
          json(people.find((x) => x.id === p.id) ?? staffUser(9, { id: p.id! })),
        'POST /admin/users': (_u: URL, _i: RequestInit | undefined, _p: Record<string, string>, body: any) => {
          sent.push({ method: 'POST', path: '/admin/users', body });
          return json(
            {
              user: staffUser(5, { id: 'usr_t_new', name: body.name, email: body.email, role: body.role, lastSignInAt: null }),
              temporaryPassword: 'k7mq-3xtd-9pwa-h2ne',
            },
            201,
          );
        },
        'PATCH /admin/users/:id': (_u: URL, _i: RequestInit | undefined, p: Record<string, string>, body: any) => {
          sent.push({ method: 'PATCH', path: `/admin/users/${p.id}`, body });
          const before = people.find((x) => x.id === p.id)!;
          return json({ ...before, ...body });
        },
      };
    }

    async function openUsers(el: WblCoordinatorConsole) {
      const s = section(el, 'settings')!;
      await waitUntil(() => [...root(s).querySelectorAll('.tabs button')].some((b) => text(b) === 'Users'), 'the Users tab');
      ([...root(s).querySelectorAll('.tabs button')].find((b) => text(b) === 'Users') as HTMLButtonElement).click();
      await waitUntil(() => rowsOf(s).length === 4, 'the users show', { timeout: 3000 });
      return s;
    }

    it('shows an administrator the users with their role, employer, status and last sign-in', async () => {
      const el = await signedIn('admin', staffRoutes(), '#settings');
      const s = await openUsers(el);
      await expect(table(s)).to.be.accessible();
      const headers = [...table(s).shadowRoot!.querySelectorAll('thead th')].map((th) => text(th));
      for (const h of ['Name', 'Email', 'Role', 'Employer', 'Status', 'Last sign-in']) expect(headers.join('|')).to.contain(h);
      const denise = rowsOf(s).find((r) => text(r).includes('Denise Okafor'))!;
      expect(text(denise)).to.contain('Supervisor');
      expect(text(denise)).to.contain('Arroyo Valley Medical Center');
      expect(text(denise)).to.contain('Active');
      expect(text(rowsOf(s).find((r) => text(r).includes('Marcus Bell')))).to.contain('Never');
      // An administrator cannot disable themself: their own row offers no such button.
      expect(text(rowsOf(s).find((r) => text(r).includes('Renee Whitaker')))).not.to.contain('Disable');
    });

    it('adds a user and shows the temporary password once, with a note to share it securely', async () => {
      const sent: { method: string; path: string; body: unknown }[] = [];
      const el = await signedIn('admin', staffRoutes(sent), '#settings/new-user');
      const s = section(el, 'settings')!;
      await waitUntil(() => $(s, '#user-email'), 'the add-user form', { timeout: 3000 });
      expect(text($(s, '#pane-title'))).to.equal('New user');
      expect($(s, '#user-employerId'), 'no employer for a coordinator').to.equal(null);
      const role = $(s, '#user-role') as unknown as HTMLSelectElement;
      role.value = 'supervisor';
      role.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(() => $(s, '#user-employerId'), 'a supervisor needs an employer');
      role.value = 'coordinator';
      role.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(() => !$(s, '#user-employerId'), 'the employer picker goes');
      $<HTMLInputElement>(s, '#user-email')!.value = 'j.ortiz@riverside-usd.example';
      $<HTMLInputElement>(s, '#user-name')!.value = 'Jordan Ortiz';
      setTimeout(() => $<HTMLButtonElement>(s, '[part~="save-user"]')!.click());
      const action = await oneEvent(el, 'wbl-console-action');
      expect(action.detail).to.deep.equal({ section: 'settings', action: 'user.create', id: 'usr_t_new' });
      expect(sent).to.deep.equal([
        { method: 'POST', path: '/admin/users', body: { email: 'j.ortiz@riverside-usd.example', name: 'Jordan Ortiz', role: 'coordinator' } },
      ]);
      await waitUntil(() => $(s, '[part~="temporary-password"]'), 'the password shows', { timeout: 3000 });
      expect(location.hash).to.equal('#settings/usr_t_new');
      const note = text($(s, '[part~="temporary-password"]'));
      expect(note).to.contain('k7mq-3xtd-9pwa-h2ne');
      expect(note).to.contain('Shown only this once');
      expect(note).to.contain('securely');
      expect([...root(s).querySelectorAll('[part~="temporary-password"] button')].map((b) => text(b))).to.include('Copy password');
      $<HTMLButtonElement>(s, '[part~="dismiss-password"]')!.click();
      await waitUntil(() => !$(s, '[part~="temporary-password"]'), 'it is gone');
      expect(root(s).textContent).not.to.contain('k7mq-3xtd-9pwa-h2ne');
      expect(table(s).shadowRoot!.textContent).not.to.contain('k7mq-3xtd-9pwa-h2ne');
    });

    it('asks before disabling a user, and disables only when confirmed', async () => {
      const sent: { method: string; path: string; body: unknown }[] = [];
      const el = await signedIn('admin', staffRoutes(sent), '#settings');
      const s = await openUsers(el);
      const disable = () =>
        [...table(s).shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="user-status-button"]')].find((b) => text(b).includes('Marcus Bell'))!;
      expect(text(disable())).to.contain('Disable');
      disable().click();
      const confirm = $(s, 'wbl-console-confirm')!;
      const dialog = () => confirm.shadowRoot!.querySelector('dialog')!;
      await waitUntil(() => dialog().open, 'the confirmation opens');
      expect(text(confirm.shadowRoot!.getElementById(dialog().getAttribute('aria-labelledby')!))).to.equal('Disable Marcus Bell?');
      expect(text(confirm.shadowRoot!.getElementById(dialog().getAttribute('aria-describedby')!))).to.contain('signed out at once');
      (confirm.shadowRoot!.querySelector('.cancel') as HTMLButtonElement).click();
      await waitUntil(() => !dialog().open, 'it closes');
      expect(sent).to.have.length(0);
      disable().click();
      await waitUntil(() => dialog().open, 'it opens again');
      setTimeout(() => (confirm.shadowRoot!.querySelector('[part~="confirm-button"]') as HTMLButtonElement).click());
      const action = await oneEvent(el, 'wbl-console-action');
      expect(action.detail).to.deep.equal({ section: 'settings', action: 'user.disable', id: 'usr_t_staff2' });
      expect(sent).to.deep.equal([{ method: 'PATCH', path: '/admin/users/usr_t_staff2', body: { disabled: true } }]);
      await waitUntil(() => text(rowsOf(s).find((r) => text(r).includes('Marcus Bell'))).includes('Disabled'), 'the row says so');
      expect(text(disable())).to.contain('Enable');
    });
  });

  describe('reports', () => {
    it('shows the numbers with small bar charts and a CSV download per report, accessibly', async () => {
      const el = await signedIn('viewer');
      const s = section(el, 'reports')!;
      await waitUntil(() => $(s, '.tiles'), 'the report');
      expect(text($(s, '.tiles'))).to.contain('42');
      const charts = [...root(s).querySelectorAll('svg.chart')];
      expect(charts).to.have.length(5);
      expect(charts[0]!.getAttribute('role')).to.equal('img');
      expect(charts[0]!.getAttribute('aria-label')).to.equal('By stage: students with an experience');
      expect(charts[0]!.querySelectorAll('rect.bar')).to.have.length(REPORT.breakdowns.stage.length);
      const downloads = [...root(s).querySelectorAll('button')].map((b) => text(b)).filter((b) => b.startsWith('Download'));
      expect(downloads).to.deep.equal([
        'Download summary CSV',
        'Download CSV: By stage',
        'Download CSV: By career cluster',
        'Download CSV: By school',
        'Download CSV: By grade',
        'Download CSV: By student group',
      ]);
      await expect(el).to.be.accessible();
    });
  });

  describe('settings: a site’s pages', () => {
    it('sends the student and calendar pages, and shows the server’s field error on the student page', async () => {
      const sent: unknown[] = [];
      const el = await signedIn(
        'admin',
        {
          'GET /admin/sites': () => json({ items: [], nextCursor: null }),
          'GET /admin/outbox': () => json({ items: [], nextCursor: null }),
          'GET /admin/schools': () => json({ items: [], nextCursor: null }),
          'POST /admin/sites': (_u: URL, _i: RequestInit | undefined, _p: Record<string, string>, body: any) => {
            sent.push(body);
            return json(
              {
                type: 'https://openwbl.org/problems/validation',
                title: 'Check the highlighted fields',
                status: 400,
                errors: [{ path: 'studentPageUrl', message: 'Use a page on one of the site’s origins', code: 'origin_not_allowed' }],
              },
              400,
            );
          },
        },
        '#settings/new-site',
      );
      const s = section(el, 'settings')!;
      await waitUntil(() => root(s).querySelector('#site-studentPageUrl'), 'the site form', { timeout: 3000 });
      const fill = (id: string, value: string) => {
        const input = root(s).querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      };
      expect(text(root(s).querySelector('label[for="site-studentPageUrl"]'))).to.contain('Student page');
      fill('site-name', 'Canyon Crest High School website');
      fill('site-allowedOrigins', 'https://canyoncrest.riverside-usd.example');
      fill('site-studentPageUrl', 'https://elsewhere.example/my-wbl');
      (root(s).querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await waitUntil(() => sent.length === 1, 'the site is sent', { timeout: 3000 });
      expect(sent[0]).to.deep.include({ studentPageUrl: 'https://elsewhere.example/my-wbl', calendarPageUrl: null });
      await waitUntil(() => root(s).querySelector('#site-studentPageUrl-error'), 'the field error', { timeout: 3000 });
      expect(text(root(s).querySelector('#site-studentPageUrl-error'))).to.contain('Use a page on one of the site’s origins');
      expect(root(s).querySelector('#site-studentPageUrl')!.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
    });
  });
});
