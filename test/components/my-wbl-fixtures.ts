/** A fake `/me` API for `<wbl-my-wbl>`'s component tests, typed by the shared contract. */
import type { MePlacement, MeRecord, MeStudent, PersonSession } from '../../schema/api/me.js';
import { json, stubFetch } from './fixtures.js';

export const TOKEN = 'pst_test_session_token_0123456789';
const year = new Date().getUTCFullYear();
const monday = (d: Date) => {
  const x = new Date(d);
  x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7));
  return x.toISOString().slice(0, 10);
};
const weeksAgo = (n: number) => new Date(Date.now() - n * 7 * 86_400_000);
/** The placement started three weeks ago: its weeks are this Monday and the three before. */
export const START = monday(weeksAgo(3));
export const THIS_WEEK = monday(new Date());

export function session(kind: 'student' | 'guardian' = 'student'): PersonSession {
  return {
    token: TOKEN,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    person: { kind, name: kind === 'student' ? 'Maya' : 'Lucía Rodríguez', tenantName: 'Riverside Unified School District' },
  };
}

export function placement(over: Partial<MePlacement> = {}): MePlacement {
  return {
    id: 'app_t_place',
    reference: 'WBL-7Q2K',
    status: 'active',
    opportunity: {
      id: 'opp_t_cna',
      title: 'Certified Nursing Assistant Clinical Rotation',
      employer: 'Arroyo Valley Medical Center',
      stage: 'preparation',
      skills: ['communication', 'professionalism', 'vital signs'],
    },
    schedule: 'Tuesdays and Thursdays, 3:30–6:30 pm',
    startsOn: START,
    endsOn: `${year + 1}-03-10`,
    supervisorName: 'Dana Whitfield',
    signatures: [
      { role: 'student', signed: false, signerName: null, signedAt: null, mine: true },
      { role: 'guardian', signed: true, signerName: 'Lucía Rodríguez', signedAt: `${year}-01-05T17:00:00.000Z`, mine: false },
      { role: 'supervisor', signed: false, signerName: null, signedAt: null, mine: false },
      { role: 'coordinator', signed: false, signerName: null, signedAt: null, mine: false },
    ],
    agreement: {
      version: 'v1-en',
      lang: 'en',
      body: 'The student will arrive on time, follow the workplace’s safety rules and keep patients’ information private.',
    },
    hours: [
      { id: 'hrs_t_1', workedOn: START, hours: 3, activity: 'Took vital signs with a nurse', status: 'approved', returnNote: null },
      {
        id: 'hrs_t_2',
        workedOn: START,
        hours: 2.5,
        activity: 'Helped at meals',
        status: 'returned',
        returnNote: 'This was a Monday: you were not scheduled. Check the date.',
      },
    ],
    totals: { logged: 5.5, approved: 3, pending: 0 },
    evaluations: [],
    reflections: [{ period: START, body: 'I learned to take a blood pressure.', skills: [], wouldRecommend: null, updatedAt: `${year}-01-09T20:00:00.000Z` }],
    survey: null,
    actions: ['sign', 'log_hours', 'reflect'],
    ...over,
  };
}

export function student(over: Partial<MeStudent> = {}): MeStudent {
  return {
    id: 'stu_t_maya',
    preferredName: 'Maya',
    grade: 11,
    school: 'Riverside High School',
    showNameOnBadges: true,
    applications: [
      {
        id: 'app_t_offer',
        reference: 'WBL-3F8D',
        status: 'offered',
        opportunity: {
          id: 'opp_t_shadow',
          title: 'Software Engineering Job Shadow',
          employer: 'Inland Code Works',
          stage: 'exploration',
          type: 'job_shadowing',
        },
        submittedAt: `${year}-01-02T16:00:00.000Z`,
        updatedAt: `${year}-01-06T16:00:00.000Z`,
        nextStep: 'Accept or decline the offer by Friday.',
        actions: ['accept', 'decline'],
      },
      {
        id: 'app_t_place',
        reference: 'WBL-7Q2K',
        status: 'active',
        opportunity: {
          id: 'opp_t_cna',
          title: 'Certified Nursing Assistant Clinical Rotation',
          employer: 'Arroyo Valley Medical Center',
          stage: 'preparation',
          type: 'clinical_work',
        },
        submittedAt: `${year}-01-01T16:00:00.000Z`,
        updatedAt: `${year}-01-06T16:00:00.000Z`,
        nextStep: 'Log your hours after each shift.',
        actions: [],
      },
    ],
    placements: [placement()],
    events: [
      {
        id: 'evt_t_fair',
        title: 'Inland Valley Career Fair',
        startsAt: `${year}-01-15T17:00:00.000Z`,
        endsAt: `${year}-01-15T20:00:00.000Z`,
        timeZone: 'America/Los_Angeles',
        status: 'attended',
      },
    ],
    badges: [
      {
        id: 'cred_t_1',
        name: 'Patient Care Communication',
        issuedAt: `${year}-01-20T00:00:00.000Z`,
        revoked: false,
        url: 'https://api.example/badges/cred_t_1',
      },
    ],
    continuum: [
      { stage: 'awareness', experiences: [{ kind: 'event', id: 'evt_t_fair', title: 'Inland Valley Career Fair', on: `${year}-01-15`, hours: 3 }], hours: 3 },
      { stage: 'exploration', experiences: [], hours: 0 },
      {
        stage: 'preparation',
        experiences: [{ kind: 'placement', id: 'app_t_place', title: 'Certified Nursing Assistant Clinical Rotation', on: START, hours: 3 }],
        hours: 3,
      },
      { stage: 'training', experiences: [], hours: 0 },
    ],
    ...over,
  };
}

export function record(kind: 'student' | 'guardian' = 'student', students: MeStudent[] = [student()]): MeRecord {
  return { person: session(kind).person, students };
}

/** The second student of a guardian: a grade 9 sibling with one application under review. */
export const SIBLING = student({
  id: 'stu_t_leo',
  preferredName: 'Leo',
  grade: 9,
  showNameOnBadges: false,
  applications: [
    {
      id: 'app_t_leo',
      reference: 'WBL-9X1A',
      status: 'under_review',
      opportunity: { id: 'opp_t_tour', title: 'Solar Farm Worksite Tour', employer: 'Mojave Sun Energy', stage: 'exploration', type: 'worksite_tour' },
      submittedAt: `${year}-01-03T16:00:00.000Z`,
      updatedAt: `${year}-01-03T16:00:00.000Z`,
      nextStep: 'Your coordinator reviews applications within a week.',
      actions: [],
    },
  ],
  placements: [],
  events: [],
  badges: [],
});

type Route = (url: URL, init: RequestInit | undefined, body: unknown) => Response | Promise<Response> | undefined;

/**
 * Replaces `fetch` with a `/me` API: `GET /me` answers `current()` (a function, so a test can
 * change the record after an action); `routes` answer anything else (or, returning undefined,
 * leave it to the defaults: 202 for a sign-in link, a session, 201 for every other write).
 */
export function stubMe(current: () => MeRecord, routes: Route = () => undefined) {
  return stubFetch(async (url, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const own = await routes(url, init, body);
    if (own) return own;
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    if (path === '/me/sign-in-link') return json({ sent: true, expiresInMinutes: 15 }, 202);
    if (path === '/me/sessions' && method === 'POST') return json(session(current().person.kind));
    if (path === '/me/sessions/current') return new Response(null, { status: 204 });
    if (path === '/me' && method === 'GET') return json(current());
    return json({ ok: true }, 201);
  });
}

export const authOf = (init: RequestInit | undefined) => (init?.headers as Record<string, string> | undefined)?.Authorization;
export const headerOf = (init: RequestInit | undefined, name: string) => (init?.headers as Record<string, string> | undefined)?.[name];
export const bodyOf = (init: RequestInit | undefined) => JSON.parse(String(init?.body)) as Record<string, unknown>;
