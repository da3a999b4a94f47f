/** API answers for component tests, typed by the shared contract. */
import type { OpportunityDetail, OpportunityList, OpportunitySummary } from '../../schema/api/opportunities.js';

export function summary(n: number, over: Partial<OpportunitySummary> = {}): OpportunitySummary {
  return {
    id: `opp_test_${n}`,
    title: n === 1 ? 'Certified Nursing Assistant Clinical Rotation' : `Opportunity number ${n}`,
    employer: { id: 'emp_test', name: 'Arroyo Valley Medical Center' },
    stage: 'preparation',
    type: 'paid_internship',
    cluster: 'healthcare_human_services',
    compensation: { type: 'hourly', amountCents: 1750, currency: 'USD' },
    mode: 'in_person',
    city: 'Riverside',
    transitAccessible: true,
    distanceKm: 3.2,
    applicationDeadline: '2026-12-15',
    startsOn: '2027-01-10',
    endsOn: '2027-03-10',
    gradeMin: 10,
    gradeMax: 12,
    skills: ['communication'],
    open: true,
    publishedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

export function detail(n: number): OpportunityDetail {
  return {
    ...summary(n),
    description: 'Spend supervised clinical hours alongside registered nurses on a medical-surgical unit.',
    tasks: ['Take and record vital signs', 'Help patients with meals'],
    onetSoc: '31-1131.00',
    technicalSkills: ['vital signs'],
    employer: { id: 'emp_test', name: 'Arroyo Valley Medical Center', website: 'https://arroyo.example', description: 'A community hospital.', city: 'Riverside', clusters: ['healthcare_human_services'] },
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

/** Replaces `fetch` for one test; records every request. */
export function stubFetch(handler: Handler) {
  const original = window.fetch;
  const calls: URL[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    calls.push(url);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return handler(url, init);
  };
  return { calls, restore: () => { window.fetch = original; } };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' } });
