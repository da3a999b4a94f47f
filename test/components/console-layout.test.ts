/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/coordinator-console/define.js';
import type { WblCoordinatorConsole } from '../../components/coordinator-console/coordinator-console.js';
import type { AdminEventSummary } from '../../schema/api/admin/catalog.js';
import type { OutboxMessage } from '../../schema/api/admin/placements.js';
import type { AdminAuditEntry } from '../../schema/api/admin/audit.js';
import {
  achievement,
  application,
  completedPlacement,
  employer,
  fakeApi,
  hostOffer,
  issuedCredential,
  opportunity,
  signedInRoutes,
  staffUser,
  student,
  USERS,
} from './console-fixtures.js';
import { json } from './fixtures.js';
import { cleanConsoleBetweenTests, $, $$, text } from './console-dom.js';

/**
 * The console on a 1 280 × 800 screen, signed in as a coordinator, in a page laid out like the
 * demo's (a centred column of at most 80rem): every section's tables keep their status column in
 * view, with no sideways scrolling, even with the long names real districts have.
 */

let stub: ReturnType<typeof fakeApi> | undefined;
cleanConsoleBetweenTests(() => {
  stub?.restore();
  stub = undefined;
});

const long = {
  org: 'Orangecrest Veterinary Hospital and Animal Emergency Center',
  title: 'Supervised Agricultural Experience: Orchard Management and Irrigation',
  email: 'elena.park@orangecrestveterinaryhospital.example',
  school: 'Arroyo Vista Early College High School',
};

const page = <T>(items: T[]) => json({ items, nextCursor: null });

function event(n: number): AdminEventSummary {
  return {
    id: `evt_t_${n}`,
    type: 'career_fair',
    title: `${long.title} Career Fair ${n}`,
    status: 'scheduled',
    when: { allDay: false, timeZone: 'America/Los_Angeles', startDate: '2027-03-14', startTime: '17:00', endDate: '2027-03-14', endTime: '19:30' },
    startsAt: '2027-03-15T00:00:00.000Z',
    endsAt: '2027-03-15T02:30:00.000Z',
    capacity: 120,
    registrationRequired: true,
    seats: { confirmed: 87, waitlisted: 4 },
    sequence: 0,
  } as AdminEventSummary;
}

const message = (n: number): OutboxMessage => ({
  id: `msg_t_${n}`,
  recipient: long.email,
  subject: `Please sign the work-based learning agreement for ${long.title}`,
  kind: 'message',
  lang: 'en',
  body: 'Open the link to sign.',
  oneTimeLink: false,
  status: 'sent',
  attempts: 1,
  lastError: null,
  sentAt: '2026-11-20T15:00:05.000Z',
  messageId: `<msg_t_${n}@openwbl.localhost>`,
  nextAttemptAt: null,
  relatedId: `app_t_${n}`,
  createdAt: '2026-11-20T15:00:00.000Z',
});

const audit = (n: number): AdminAuditEntry => ({
  id: n,
  at: '2026-11-20T15:00:00.000Z',
  actorType: 'user',
  actorId: USERS.coordinator.id,
  actorName: 'Marcus Bell',
  action: 'application.transition',
  entity: 'application',
  entityId: `app_t_${n}`,
  detail: { from: 'confirmed', to: 'active', fields: ['status', 'startedOn'] },
});

function routes() {
  const placement = application({ reference: 'AP-DM22-5ZZ6' });
  const listed = {
    id: placement.id,
    reference: placement.reference,
    status: placement.status,
    student: { ...placement.student, preferredName: 'Maria Guadalupe Hernández-Castillo', school: { id: 'sch_t_arroyo', name: long.school } },
    opportunity: { ...placement.opportunity, title: long.title, employer: { id: 'emp_t_1', name: long.org } },
    supervisor: { id: 'usr_t_sup', name: 'Denise Okafor-Whitfield' },
    createdAt: placement.createdAt,
    updatedAt: placement.updatedAt,
    startedOn: placement.startedOn,
    completedOn: null,
  };
  return {
    ...signedInRoutes('coordinator'),
    'GET /admin/review/host-offers': () =>
      page([hostOffer({ organizationName: long.org, title: long.title, contactName: 'Dr. Elena Park', contactEmail: long.email })]),
    'GET /admin/employers': () =>
      page([employer(1, { name: long.org, city: 'Rancho Cucamonga', insuranceExpiresOn: '2027-06-30', publishedOpportunities: 12 })]),
    'GET /admin/opportunities': () =>
      page([
        opportunity({
          title: long.title,
          status: 'pending_review',
          employer: { id: 'emp_t_1', name: long.org, vettingStatus: 'approved' },
          applicationDeadline: '2027-02-01',
          capacity: 12,
        }),
      ]),
    'GET /admin/events': () => page([event(1), event(2)]),
    'GET /admin/students': () =>
      page([
        student(1, {
          preferredName: 'Maria Guadalupe Hernández-Castillo',
          school: { id: 'sch_t_arroyo', name: long.school },
          studentGroups: ['english_learner', 'economically_disadvantaged', 'foster_care'],
        }),
      ]),
    'GET /admin/applications': (url: URL) =>
      url.searchParams.get('status') === 'completed'
        ? page([
            { ...completedPlacement(2, 'Maria Guadalupe Hernández-Castillo'), opportunity: { ...completedPlacement(2, '').opportunity, title: long.title } },
          ])
        : page([listed, { ...listed, id: 'app_t_2', reference: 'AP-DARN-JE9N', status: 'submitted' }]),
    'GET /admin/achievements': () => page([achievement({ name: 'Patient Care Communication and Professionalism' })]),
    'GET /admin/credentials': () =>
      page([
        issuedCredential(1, 'Maria Guadalupe Hernández-Castillo', {
          achievement: { id: 'ach_t_patient_care', name: 'Patient Care Communication and Professionalism' },
        }),
      ]),
    'GET /admin/outbox': () => page([message(1), message(2)]),
    'GET /admin/users': () => page([staffUser(3, { name: 'Denise Okafor-Whitfield', email: long.email, employerName: long.org })]),
    'GET /admin/audit': () => page([audit(1), audit(2)]),
  };
}

/** A section's tables, once each shows its rows. */
async function tablesOf(el: WblCoordinatorConsole, name: string, caption?: string): Promise<HTMLElement[]> {
  let sectionEl: HTMLElement | null = null;
  await waitUntil(() => (sectionEl = $(el, `wbl-console-${name}`)), `the ${name} section loads`, { timeout: 5000 });
  const tables = () => [...sectionEl!.shadowRoot!.querySelectorAll<HTMLElement>('wbl-console-table')];
  await waitUntil(
    () =>
      tables().length &&
      tables().every((t) => t.shadowRoot?.querySelector('tbody tr[data-key]')) &&
      (!caption || tables().some((t) => text(t.shadowRoot!.querySelector('caption')) === caption)),
    `the ${name} tables show their rows`,
    { timeout: 5000 },
  );
  return tables();
}

/** Which tables scroll sideways, and which status cells are not wholly in view on the screen. */
function outOfView(tables: HTMLElement[]): string[] {
  const problems: string[] = [];
  for (const table of tables) {
    const root = table.shadowRoot!;
    const label = text(root.querySelector('caption'));
    const box = root.querySelector<HTMLElement>('.scroll')!;
    const view = box.getBoundingClientRect();
    if (box.scrollWidth > box.clientWidth + 1) problems.push(`${label}: scrolls sideways (${box.scrollWidth} > ${box.clientWidth})`);
    const heads = [...root.querySelectorAll('thead th')];
    const column = heads.findIndex((th) => /^(Status|Vetting)\b/.test(text(th)));
    if (column < 0) continue;
    for (const row of root.querySelectorAll('tbody tr[data-key]')) {
      const cell = row.children[column]!.getBoundingClientRect();
      if (cell.left < view.left || cell.right > Math.min(view.right, window.innerWidth)) {
        problems.push(
          `${label}: status cell at ${Math.round(cell.left)}–${Math.round(cell.right)} px, view ${Math.round(view.left)}–${Math.round(Math.min(view.right, window.innerWidth))}`,
        );
      }
    }
  }
  return problems;
}

describe('console layout at 1280 px', () => {
  before(async () => {
    await setViewport({ width: 1280, height: 800 });
  });

  it('shows every section’s status column without sideways scrolling', async () => {
    stub = fakeApi(routes());
    const el = await fixture<WblCoordinatorConsole>(html`<div style="max-width: 80rem; margin: 0 auto; padding-inline: 1.25rem">
      <wbl-coordinator-console api-base="https://api.example" lang="en"></wbl-coordinator-console></div>`).then(
      (d) => d.querySelector('wbl-coordinator-console')!,
    );
    $<HTMLInputElement>(el, '#signin-email')!.value = USERS.coordinator.email;
    $<HTMLInputElement>(el, '#signin-password')!.value = 'riverside-demo';
    $<HTMLButtonElement>(el, '[part~="signin-button"]')!.click();
    await waitUntil(() => $(el, '[part~="nav"]'), 'signed in', { timeout: 5000 });

    const seen: string[] = [];
    const problems: string[] = [];
    const check = async (name: string, tab?: number, caption?: string) => {
      location.hash = name;
      if (tab !== undefined) {
        await waitUntil(() => $(el, `wbl-console-${name}`), `the ${name} section shows`, { timeout: 5000 });
        $$($(el, `wbl-console-${name}`)!, '.tabs button')[tab]!.click();
      }
      const tables = await tablesOf(el, name, caption);
      // The wrapped rows settle in the table's own update.
      await Promise.all(tables.map((t) => (t as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
      seen.push(...tables.map((t) => text(t.shadowRoot!.querySelector('caption'))));
      problems.push(...outOfView(tables));
    };
    for (const name of ['review', 'opportunities', 'events', 'students', 'placements', 'badges', 'settings']) await check(name);
    await check('review', 1, 'Employers');
    await check('settings', 1, 'Users');
    await check('settings', 2, 'Audit entries');

    expect(seen).to.include.members(['Host offers', 'Employers', 'Opportunities', 'Events', 'Students', 'Placements', 'Issued credentials', 'Users']);
    expect(problems).to.deep.equal([]);
  });
});
