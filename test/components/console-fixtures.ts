/** A fake staff API for the console's component tests, typed by the shared contract. */
import type { LoginResponse, SessionUser } from '../../schema/api/auth.js';
import type { ReportSummary } from '../../schema/api/admin/reports.js';
import type { StudentDetail, StudentListItem } from '../../schema/api/admin/students.js';
import type { AdminEmployer, HostOfferDetail } from '../../schema/api/admin/review.js';
import type { AdminOpportunity } from '../../schema/api/admin/catalog.js';
import type { ApplicationDetail, ApplicationListItem, OutboxMessage } from '../../schema/api/admin/placements.js';
import type { Achievement, IssuedCredential } from '../../schema/api/admin/achievements.js';
import type { AdminUser } from '../../schema/api/admin/users.js';
import { json, stubFetch } from './fixtures.js';

export const USERS: Record<SessionUser['role'], SessionUser> = {
  admin: {
    id: 'usr_t_admin',
    email: 'admin@riverside.example',
    name: 'Renee Whitaker',
    role: 'admin',
    tenantId: 'ten_t',
    tenantName: 'Riverside Unified School District',
    employerId: null,
    mustChangePassword: false,
  },
  coordinator: {
    id: 'usr_t_coord',
    email: 'coordinator@riverside.example',
    name: 'Marcus Bell',
    role: 'coordinator',
    tenantId: 'ten_t',
    tenantName: 'Riverside Unified School District',
    employerId: null,
    mustChangePassword: false,
  },
  supervisor: {
    id: 'usr_t_sup',
    email: 'supervisor@riverside.example',
    name: 'Denise Okafor',
    role: 'supervisor',
    tenantId: 'ten_t',
    tenantName: 'Riverside Unified School District',
    employerId: 'emp_t_arroyo',
    mustChangePassword: false,
  },
  viewer: {
    id: 'usr_t_view',
    email: 'viewer@riverside.example',
    name: 'Alan Cho',
    role: 'viewer',
    tenantId: 'ten_t',
    tenantName: 'Riverside Unified School District',
    employerId: null,
    mustChangePassword: false,
  },
};

export const TOKEN = 'tok_test_abcdefghijklmnopqrstuvwxyz012345';

export const session = (role: SessionUser['role']): LoginResponse => ({
  token: TOKEN,
  expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
  user: USERS[role],
});

export function student(n: number, over: Partial<StudentListItem> = {}): StudentListItem {
  const names = ['Maya', 'Jordan', 'Sam', 'Aaliyah', 'Diego', 'Ava', 'Noah', 'Zoe'];
  return {
    id: `stu_t_${n}`,
    studentNumber: String(100200 + n),
    preferredName: names[(n - 1) % names.length]! + (n > names.length ? ` ${n}` : ''),
    grade: 9 + (n % 4),
    school: { id: 'sch_t_riverside', name: 'Riverside High School' },
    minor: true,
    studentGroups: n % 3 ? [] : ['english_learner'],
    concentrator: n % 2 === 0,
    hasAccessCode: n % 2 === 1,
    applications: n % 3,
    ...over,
  };
}

export function studentDetail(n: number, over: Partial<StudentDetail> = {}): StudentDetail {
  const s = student(n);
  return {
    id: s.id,
    studentNumber: s.studentNumber,
    preferredName: s.preferredName,
    grade: s.grade,
    school: s.school,
    birthYear: 2010,
    under13: false,
    minor: true,
    guardianName: 'Lucia Rodriguez',
    guardianEmail: 'lucia@example.com',
    email: null,
    studentGroups: s.studentGroups,
    concentrator: s.concentrator,
    showNameOnBadges: false,
    hasAccessCode: s.hasAccessCode,
    createdAt: '2026-08-01T00:00:00.000Z',
    updatedAt: '2026-09-01T00:00:00.000Z',
    applications: [
      {
        id: 'app_t_1',
        reference: 'AP-TEST-0001',
        status: 'active',
        opportunity: { id: 'opp_t_1', title: 'Nursing Assistant Rotation', employerName: 'Arroyo Valley Medical Center' },
        createdAt: '2026-09-02T00:00:00.000Z',
        startedOn: '2026-10-01',
        completedOn: null,
      },
    ],
    ...over,
  };
}

const row = (key: string, label: string, students: number, roster: number | null = null) => ({
  key,
  label,
  suppressed: false,
  students,
  rosterStudents: roster,
  placements: students,
  completed: Math.floor(students / 2),
  approvedHours: students * 12.5,
});

export const REPORT: ReportSummary = {
  period: { from: null, to: null },
  suppression: { minCell: 5 },
  suppressed: false,
  rosterStudents: 120,
  studentsWithExperience: 42,
  participationRate: 0.35,
  placements: 48,
  completed: 20,
  completionRate: 0.87,
  approvedHours: 610.5,
  loggedHours: 655,
  employersHosting: 11,
  employersOffering: 14,
  perkins5s3: {
    all: { suppressed: false, concentrators: 30, withWbl: 18, share: 0.6 },
    graduating: { suppressed: false, concentrators: 12, withWbl: 9, share: 0.75 },
  },
  breakdowns: {
    stage: [row('exploration', 'Career exploration', 20), row('preparation', 'Career preparation', 22)],
    cluster: [row('healthcare_human_services', 'Healthcare & Human Services', 25), row('digital_technology', 'Digital Technology', 17)],
    school: [row('sch_t_riverside', 'Riverside High School', 30, 80), row('sch_t_arroyo', 'Arroyo Vista High School', 12, 40)],
    grade: [row('11', 'Grade 11', 20, 50), row('12', 'Grade 12', 22, 70)],
    group: [row('english_learner', 'English learners', 6, 20), row('foster_care', 'Youth in foster care', 0, 3)],
  },
};

type Handler = (url: URL, init: RequestInit | undefined, params: Record<string, string>, body: unknown) => Response | Promise<Response>;

/**
 * Answers `METHOD /path/:param` routes under /api/v1; anything else is a 404 problem. Records
 * every request, so tests can see what the console sent (and with which token).
 */
export function fakeApi(routes: Record<string, Handler>) {
  const compiled = Object.entries(routes).map(([key, handler]) => {
    const [method, path] = key.split(' ') as [string, string];
    const names: string[] = [];
    const re = new RegExp(
      `^/api/v1${path.replace(/:([a-zA-Z]+)/g, (_m, n: string) => {
        names.push(n);
        return '([^/]+)';
      })}$`,
    );
    return { method, re, names, handler };
  });
  const stub = stubFetch(async (url, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    for (const r of compiled) {
      const m = r.re.exec(url.pathname);
      if (!m || r.method !== method) continue;
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      return r.handler(url, init, params, body);
    }
    return json({ type: 'https://openwbl.org/problems/not-found', title: 'Not found', status: 404 }, 404);
  });
  return stub;
}

/** The routes every signed-in console asks for. */
export function signedInRoutes(role: SessionUser['role']): Record<string, Handler> {
  return {
    'POST /auth/login': () => json(session(role)),
    'GET /auth/me': () => json(USERS[role]),
    'POST /auth/logout': () => new Response(null, { status: 204 }),
    'GET /admin/schools': () =>
      json({
        items: [{ id: 'sch_t_riverside', name: 'Riverside High School', level: 'high', gradeMin: 9, gradeMax: 12, city: 'Riverside' }],
        nextCursor: null,
      }),
    'GET /admin/reports': () => json(REPORT),
  };
}

export function hostOffer(over: Partial<HostOfferDetail> = {}): HostOfferDetail {
  return {
    id: 'hof_t_1',
    reference: 'HO-TEST-0001',
    status: 'pending',
    organizationName: 'Inland Solar Cooperative',
    contactName: 'Priya Raman',
    contactEmail: 'priya@inlandsolar.example',
    title: 'Rooftop Solar Crew Job Shadow',
    type: 'job_shadowing',
    createdAt: '2026-11-01T16:00:00.000Z',
    reviewedAt: null,
    siteId: 'site_t',
    termsVersion: '2026-01',
    submission: {
      organization: {
        name: 'Inland Solar Cooperative',
        clusters: ['energy_natural_resources'],
        address: '2100 Market Street',
        city: 'Riverside',
        state: 'CA',
        postalCode: '92501',
        size: '10-49',
      },
      contact: { name: 'Priya Raman', email: 'priya@inlandsolar.example', phone: '(951) 555-0177' },
      opportunity: {
        type: 'job_shadowing',
        title: 'Rooftop Solar Crew Job Shadow',
        description: 'Spend a morning with a rooftop solar crew.',
        tasks: ['Join the safety briefing'],
        skills: ['communication'],
        technicalSkills: [],
        timeSlots: [],
        capacity: 2,
        compensation: { type: 'unpaid' },
        mode: 'in_person',
        requirements: { backgroundCheck: false, documents: [] },
      },
      agreements: { liability: true },
    },
    reviewMessage: null,
    reviewedBy: null,
    employerId: null,
    opportunityId: null,
    similarEmployers: [],
    ...over,
  } as HostOfferDetail;
}

export function application(over: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return {
    id: 'app_t_1',
    reference: 'AP-TEST-0001',
    status: 'active',
    allowedTransitions: ['completed', 'withdrawn', 'cancelled'],
    createdAt: '2026-09-02T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
    startedOn: '2026-10-01',
    completedOn: null,
    statement: 'I want to be a nurse.',
    availability: { slots: ['after_school'], notes: null },
    transportation: 'public_transit',
    accommodations: null,
    student: { id: 'stu_t_1', preferredName: 'Maya', grade: 11, school: { id: 'sch_t_riverside', name: 'Riverside High School' }, minor: true },
    opportunity: {
      id: 'opp_t_1',
      title: 'Nursing Assistant Rotation',
      stage: 'preparation',
      type: 'clinical_work',
      cluster: 'healthcare_human_services',
      employer: { id: 'emp_t_arroyo', name: 'Arroyo Valley Medical Center' },
      startsOn: '2026-10-01',
      endsOn: '2027-01-30',
      schedule: 'Tuesdays 3–6 pm',
      skills: ['communication', 'professionalism'],
      technicalSkills: ['vital signs'],
    },
    supervisor: { id: 'usr_t_sup', name: 'Denise Okafor', email: 'supervisor@riverside.example' },
    guardianSuggestion: null,
    supervisorOptions: [{ id: 'usr_t_sup', name: 'Denise Okafor', email: 'supervisor@riverside.example' }],
    agreement: { required: ['student', 'guardian', 'supervisor', 'coordinator'], missing: [], waiting: [], signatures: [] },
    hours: {
      totals: { logged: 6, approved: 3, pending: 3 },
      entries: [
        {
          id: 'hrs_t_1',
          workedOn: '2026-10-07',
          hours: 3,
          activity: 'Vital signs with the charge nurse',
          loggedBy: 'student',
          approved: false,
          approvedBy: null,
          approvedAt: null,
          createdAt: '2026-10-07T23:00:00.000Z',
        },
        {
          id: 'hrs_t_2',
          workedOn: '2026-10-02',
          hours: 3,
          activity: 'Orientation',
          loggedBy: 'supervisor',
          approved: true,
          approvedBy: { id: 'usr_t_sup', name: 'Denise Okafor' },
          approvedAt: '2026-10-02T23:00:00.000Z',
          createdAt: '2026-10-02T23:00:00.000Z',
        },
      ],
    },
    evaluations: [],
    history: [{ from: 'confirmed', to: 'active', note: null, actor: { id: 'usr_t_coord', name: 'Marcus Bell' }, at: '2026-10-01T15:00:00.000Z' }],
    ...over,
  };
}

/** Badges: an achievement, completed placements to issue from, and credentials already issued. */
export function achievement(over: Partial<Achievement> = {}): Achievement {
  return {
    id: 'ach_t_patient_care',
    name: 'Patient Care Communication',
    description: 'Communicates clearly with patients.',
    criteria: 'A final evaluation rating communication 3 or more.',
    image: null,
    imageUrl: 'https://api.example/api/v1/achievements/ach_t_patient_care/image.svg',
    achievementType: 'Competency',
    skills: ['communication', 'professionalism'],
    cluster: 'healthcare_human_services',
    onetSoc: null,
    onetTitle: null,
    issuedCount: 2,
    createdAt: '2026-09-01T00:00:00.000Z',
    updatedAt: '2026-09-01T00:00:00.000Z',
    ...over,
  };
}

export function completedPlacement(n: number, name: string): ApplicationListItem {
  return {
    id: `app_t_${n}`,
    reference: `AP-TEST-000${n}`,
    status: 'completed',
    student: { id: `stu_t_${n}`, preferredName: name, grade: 12, school: { id: 'sch_t_riverside', name: 'Riverside High School' } },
    opportunity: {
      id: 'opp_t_1',
      title: 'Nursing Assistant Rotation',
      stage: 'preparation',
      type: 'clinical_work',
      employer: { id: 'emp_t_arroyo', name: 'Arroyo Valley Medical Center' },
    },
    supervisor: { id: 'usr_t_sup', name: 'Denise Okafor' },
    createdAt: '2026-09-02T00:00:00.000Z',
    updatedAt: '2027-01-30T00:00:00.000Z',
    startedOn: '2026-10-01',
    completedOn: '2027-01-30',
  };
}

export function issuedCredential(n: number, name: string, over: Partial<IssuedCredential> = {}): IssuedCredential {
  return {
    id: `cred_t${String(n).padStart(19, '0')}`,
    url: `https://api.example/api/v1/credentials/cred_t${String(n).padStart(19, '0')}`,
    achievement: { id: 'ach_t_patient_care', name: 'Patient Care Communication' },
    applicationId: `app_t_${n}`,
    student: { id: `stu_t_${n}`, preferredName: name },
    statusListIndex: n,
    issuedAt: '2027-02-01T17:00:00.000Z',
    revokedAt: null,
    revocationReason: null,
    ...over,
  };
}

/** A staff account as the users list shows it (Settings → Users). */
export function staffUser(n: number, over: Partial<AdminUser> = {}): AdminUser {
  const people = [
    ['Renee Whitaker', 'admin'],
    ['Marcus Bell', 'coordinator'],
    ['Denise Okafor', 'supervisor'],
    ['Alan Cho', 'viewer'],
  ] as const;
  const [name, role] = people[(n - 1) % people.length]!;
  return {
    id: n === 1 ? USERS.admin.id : `usr_t_staff${n}`,
    email: `staff${n}@riverside.example`,
    name,
    role,
    employerId: role === 'supervisor' ? 'emp_t_arroyo' : null,
    employerName: role === 'supervisor' ? 'Arroyo Valley Medical Center' : null,
    disabled: false,
    createdAt: '2026-08-01T00:00:00.000Z',
    lastSignInAt: n % 2 ? '2026-11-20T15:00:00.000Z' : null,
    ...over,
  };
}

export function employer(n: number, over: Partial<AdminEmployer> = {}): AdminEmployer {
  return {
    id: `emp_t_${n}`,
    name: ['Arroyo Medical Center', 'Riverside Robotics'][n - 1] ?? `Employer ${n}`,
    website: null,
    description: null,
    size: null,
    clusters: [],
    contact: { name: null, title: null, email: null, phone: null },
    address: null,
    city: 'Riverside',
    state: 'CA',
    postalCode: null,
    lat: null,
    lng: null,
    vettingStatus: 'approved',
    liabilityAgreementOn: null,
    insuranceExpiresOn: null,
    publishedOpportunities: 0,
    createdAt: '2026-09-01T00:00:00Z',
    updatedAt: '2026-09-01T00:00:00Z',
    ...over,
  };
}

export function opportunity(over: Partial<AdminOpportunity> = {}): AdminOpportunity {
  return {
    id: 'opp_t_shadow',
    title: 'Pharmacy Technician Job Shadow',
    titleEs: null,
    descriptionEs: null,
    status: 'draft',
    stage: 'exploration',
    type: 'job_shadowing',
    cluster: 'healthcare_human_services',
    employer: { id: 'emp_t_1', name: 'Arroyo Medical Center', vettingStatus: 'approved' },
    mode: 'in_person',
    city: 'Riverside',
    capacity: 2,
    applicationDeadline: null,
    startsOn: null,
    publishedAt: null,
    updatedAt: '2026-10-01T00:00:00Z',
    description: 'Spend a morning with the pharmacy team.',
    tasks: [],
    onetSoc: null,
    skills: [],
    technicalSkills: [],
    compensation: { type: 'unpaid', amountCents: null },
    locationName: null,
    address: null,
    state: 'CA',
    postalCode: null,
    lat: null,
    lng: null,
    transitAccessible: false,
    transitNotes: null,
    gradeMin: 10,
    gradeMax: 12,
    minAge: null,
    schedule: null,
    timeSlots: [],
    hoursPerWeek: null,
    endsOn: null,
    requirements: { backgroundCheck: false, guardianConsent: true, documents: [] },
    applications: 0,
    createdAt: '2026-10-01T00:00:00Z',
    ...over,
  };
}

/** A message as the outbox lists it (Settings → Outbox, a placement's signing requests): delivered unless told otherwise. */
export function outboxMessage(n: number, over: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: `msg_t_${n}`,
    recipient: `person${n}@example.org`,
    kind: 'message',
    lang: 'en',
    subject: `Message ${n}`,
    body: `Hello ${n}.`,
    oneTimeLink: false,
    status: 'sent',
    attempts: 1,
    lastError: null,
    sentAt: '2026-11-20T15:00:05.000Z',
    messageId: `<msg_t_${n}@openwbl.localhost>`,
    nextAttemptAt: null,
    relatedId: 'app_t_1',
    createdAt: '2026-11-20T15:00:00.000Z',
    ...over,
  };
}
