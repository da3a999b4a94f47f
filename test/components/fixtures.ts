/** API answers for component tests, typed by the shared contract. */
import type { OpportunityDetail, OpportunityList, OpportunitySummary } from '../../schema/api/opportunities.js';

/** December 15 of this year, so cards read "Apply by Dec 15" whenever the tests run. */
export const DEADLINE = `${new Date().getFullYear()}-12-15`;

export function summary(n: number, over: Partial<OpportunitySummary> = {}): OpportunitySummary {
  return {
    id: `opp_test_${n}`,
    title: n === 1 ? 'Certified Nursing Assistant Clinical Rotation' : `Opportunity number ${n}`,
    lang: 'en',
    employer: { id: 'emp_test', name: 'Arroyo Valley Medical Center' },
    stage: 'preparation',
    type: 'paid_internship',
    cluster: 'healthcare_human_services',
    compensation: { type: 'hourly', amountCents: 1750, currency: 'USD' },
    mode: 'in_person',
    city: 'Riverside',
    transitAccessible: true,
    distanceKm: 3.2,
    applicationDeadline: DEADLINE,
    startsOn: `${new Date().getFullYear() + 1}-01-10`,
    endsOn: `${new Date().getFullYear() + 1}-03-10`,
    gradeMin: 10,
    gradeMax: 12,
    skills: ['communication'],
    open: true,
    publishedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

export function detail(n: number, over: Partial<OpportunityDetail> = {}): OpportunityDetail {
  return {
    ...summary(n),
    description: 'Spend supervised clinical hours alongside registered nurses on a medical-surgical unit.',
    descriptionLang: 'en',
    tasks: ['Take and record vital signs', 'Help patients with meals'],
    onetSoc: '31-1131.00',
    technicalSkills: ['vital signs'],
    employer: {
      id: 'emp_test',
      name: 'Arroyo Valley Medical Center',
      website: 'https://arroyo.example',
      description: 'A community hospital.',
      city: 'Riverside',
      clusters: ['healthcare_human_services'],
    },
    locationName: 'Arroyo Valley Medical Center',
    address: '4445 Magnolia Avenue',
    state: 'CA',
    postalCode: '92501',
    lat: 33.96,
    lng: -117.39,
    transitNotes: 'Route 1 stops out front.',
    minAge: 16,
    capacity: 3,
    schedule: 'Tuesdays and Thursdays, 3:30–6:30 pm',
    timeSlots: ['after_school'],
    hoursPerWeek: 6,
    requirements: { backgroundCheck: true, guardianConsent: true, documents: ['TB test'] },
    ...over,
  };
}

export function page(items: OpportunitySummary[], total: number, nextCursor: string | null = null): OpportunityList {
  return {
    items,
    total,
    nextCursor,
    facets: { stage: { preparation: total, exploration: 2 }, cluster: { healthcare_human_services: total }, type: { paid_internship: total } },
  };
}

type Handler = (url: URL, init?: RequestInit) => Response | Promise<Response>;

/** The form token route's path: `/api/v1/forms/<form>/token`. */
const FORM_TOKEN = /^\/api\/v1\/forms\/([a-z-]+)\/token$/;

/**
 * Replaces `fetch` for one test; records every request (`calls`) with its options (`requests`).
 * Form tokens (`GET /api/v1/forms/<form>/token`) are answered here, unless `handler` takes
 * them (`tokens: true`), and recorded apart (`tokens`, each `ft1.test-<form>-<n>`), so a test
 * that counts its API calls is not thrown by the token a form fetches when it opens.
 */
export function stubFetch(handler: Handler, opts: { tokens?: boolean } = {}) {
  const original = window.fetch;
  const calls: URL[] = [];
  const requests: { url: URL; init: RequestInit | undefined }[] = [];
  const tokens: string[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const form = url.pathname.match(FORM_TOKEN)?.[1];
    if (form && !opts.tokens) {
      const token = `ft1.test-${form}-${tokens.length + 1}-${'x'.repeat(20)}`;
      tokens.push(token);
      return json({ token, form, minFillSeconds: 3, expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    }
    calls.push(url);
    requests.push({ url, init });
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return handler(url, init);
  };
  return {
    calls,
    requests,
    tokens,
    restore: () => {
      window.fetch = original;
    },
  };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' } });

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
