/**
 * The deterministic demo seed: the same `today` and origins always give byte-identical SQL.
 * Dates are relative to `today`, so the demo never goes stale. `buildBenchSql` makes a separate
 * tenant with N generated opportunities for `npm run bench`.
 */
import { stageOfType, type Cluster, type OpportunityType, type Stage } from '../../schema/vocab.js';
import { createHash, pbkdf2Sync } from 'node:crypto';
import {
  AWARENESS_EXTRAS,
  EXPERIENCES,
  LAKESIDE_EMPLOYERS,
  LAKESIDE_SCHOOLS,
  LAKESIDE_STUDENTS,
  RIVERSIDE_EMPLOYERS,
  RIVERSIDE_SCHOOLS,
  RIVERSIDE_STUDENTS,
  type EmployerSeed,
  type ExperienceSeed,
  type SchoolSeed,
  type StudentSeed,
} from './data.js';
import { DEMO_USERS, demoUserRows } from './users.js';
import { hostOfferRows } from './host-offers.js';
import { agreementTextsFor, pipelineFacts, pipelineRows, planPipeline } from './placements.js';
import { DEMO_ACHIEVEMENTS, demoAchievementRows, demoBadgeSql } from './achievements.js';
import { DEMO_EVENTS, demoEventRows, demoRsvpRows } from './events.js';

// ---------------------------------------------------------------------------------------------
// SQL and randomness helpers

type Value = string | number | boolean | null | undefined | string[];

export function sqlValue(v: Value): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  if (Array.isArray(v)) return sqlValue(JSON.stringify(v));
  return `'${v.replace(/'/g, "''")}'`;
}

/** D1 refuses statements over 100 KB, so multi-row inserts are cut below that. */
const MAX_STATEMENT_BYTES = 90_000;

/**
 * What migrations 0007 and later added, by table: a seed for a database from before them (the
 * migration tests seed one, then migrate it) leaves these columns out, and the rows that only
 * exist because of them (a text's translation).
 */
const SINCE_0007: Record<string, string[]> = {
  agreement_texts: ['lang'],
  agreements: ['text_lang'],
  applications: ['lang'],
  events: ['title_es', 'description_es', 'accessibility_notes_es', 'interpretation'],
  host_offers: ['lang'],
  opportunities: ['title_es', 'description_es'],
  outbox: [
    'kind',
    'lang',
    'data',
    'reply_to',
    'dedupe_key',
    'status',
    'attempts',
    'enqueued_at',
    'next_attempt_at',
    'lease_until',
    'last_error',
    'message_id',
    'sent_at',
  ],
  rsvps: ['lang', 'interpretation', 'interpretation_other'],
  tenants: ['reply_to'],
};
let before0007 = false;

/** What migration 0009 added: a seed for a database from before it (the 0008 migration test) leaves these columns out. */
const SINCE_0009: Record<string, string[]> = {
  applications: ['supervisor_name', 'supervisor_email'],
  evaluations: ['evaluator_name'],
  hour_logs: ['reviewer_name'],
};
let before0009 = false;
/** Tables migration 0009 created: a seed for a database from before it writes none of their rows. */
const TABLES_SINCE_0009 = new Set(['attendance', 'experience_surveys', 'person_sessions', 'reflections', 'sign_in_links', 'supervisor_links']);

/** What migration 0010 added: a seed for a database from before it (any older migration test) leaves these columns out. */
const SINCE_0010: Record<string, string[]> = {
  sites: ['student_page_url'],
};
let before0010 = false;

function insert(table: string, all: Record<string, Value>[]): string {
  if ((before0007 || before0009) && TABLES_SINCE_0009.has(table)) return '';
  const later = [
    ...(before0007 ? (SINCE_0007[table] ?? []) : []),
    ...(before0007 || before0009 ? (SINCE_0009[table] ?? []) : []),
    ...(before0007 || before0009 || before0010 ? (SINCE_0010[table] ?? []) : []),
  ];
  const rows = later.length
    ? all
        .filter((r) => !('lang' in r) || table !== 'agreement_texts' || r.lang === 'en')
        .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !later.includes(k))))
    : all;
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES\n  `;
  const statements: string[] = [];
  let current: string[] = [];
  let size = head.length;
  for (const r of rows) {
    const tuple = `(${columns.map((c) => sqlValue(r[c])).join(', ')})`;
    if (current.length && size + tuple.length + 4 > MAX_STATEMENT_BYTES) {
      statements.push(`${head}${current.join(',\n  ')};\n`);
      current = [];
      size = head.length;
    }
    current.push(tuple);
    size += Buffer.byteLength(tuple) + 4;
  }
  statements.push(`${head}${current.join(',\n  ')};\n`);
  return statements.join('');
}

/** mulberry32: small, fast and good enough for demo data. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof random>;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function instant(date: string, minusHours: number): string {
  return new Date(Date.parse(`${date}T18:00:00.000Z`) - minusHours * 3_600_000).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Rows

const PAID_TYPES: OpportunityType[] = ['paid_internship', 'apprenticeship', 'cooperative_education'];
const REMOTE_FRIENDLY: OpportunityType[] = ['informational_interview', 'mentorship', 'industry_project', 'guest_speaker'];

const SCHEDULES: Record<string, string[]> = {
  after_school: ['Tuesdays and Thursdays, 3:30–6:30 pm', 'Monday, Wednesday and Friday afternoons, 3:15–5:45 pm', 'Two afternoons a week, 3:30–6:00 pm'],
  weekdays: ['One school day, 8:30 am – 2:30 pm (excused absence arranged by the Career Center)', 'Wednesday mornings, 8:00–11:30 am'],
  weekends: ['Saturdays, 9:00 am – 1:00 pm', 'Saturdays and Sundays, 10:00 am – 3:00 pm'],
  summer: ['Monday–Thursday, 8:00 am – 2:00 pm, for six weeks in summer', 'Full days, Monday–Friday, for four weeks in June and July'],
};

function schoolRow(tenantId: string, s: SchoolSeed) {
  return {
    id: s.id,
    tenant_id: tenantId,
    name: s.name,
    level: s.level,
    grade_min: s.gradeMin,
    grade_max: s.gradeMax,
    address: s.address,
    city: s.city,
    state: s.state,
    postal_code: s.postalCode,
    lat: s.lat,
    lng: s.lng,
  };
}

function employerRow(tenantId: string, id: string, e: EmployerSeed, state: string, today: string) {
  const approved = (e.vetting ?? 'approved') === 'approved';
  return {
    id,
    tenant_id: tenantId,
    name: e.name,
    website: e.website,
    description: e.description,
    size: e.size,
    clusters: e.clusters,
    contact_name: e.contact[0],
    contact_title: e.contact[1],
    contact_email: `${e.contact[0]
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')
      .replace(/^\.|\.$/g, '')}@${new URL(e.website).hostname}`,
    contact_phone: `(951) 555-${String(1000 + ((e.name.length * 37) % 9000)).padStart(4, '0')}`,
    address: e.address,
    city: e.city,
    state,
    postal_code: e.postalCode,
    lat: e.lat,
    lng: e.lng,
    vetting_status: e.vetting ?? 'approved',
    liability_agreement_on: approved ? addDays(today, -120) : null,
    insurance_expires_on: approved ? addDays(today, 240) : null,
  };
}

interface OpportunityPlan {
  id: string;
  tenantId: string;
  employerId: string;
  employer: EmployerSeed;
  exp: ExperienceSeed;
  cluster: Cluster;
  status: 'draft' | 'pending_review' | 'published' | 'closed' | 'archived';
  publishedHoursAgo: number | null;
  pastDeadline: boolean;
  state: string;
}

function opportunityRow(p: OpportunityPlan, today: string, rng: Rng) {
  const { exp, employer } = p;
  const stage: Stage = stageOfType(exp.type);
  const virtual = exp.type === 'virtual_career_talk' || (REMOTE_FRIENDLY.includes(exp.type) && rng.chance(0.35));
  const hybrid = !virtual && (exp.type === 'paid_internship' || exp.type === 'unpaid_internship' || exp.type === 'industry_project') && rng.chance(0.2);
  const mode = virtual ? 'virtual' : hybrid ? 'hybrid' : 'in_person';
  const paid =
    PAID_TYPES.includes(exp.type) ||
    ((exp.type === 'pre_apprenticeship' ||
      exp.type === 'supervised_agricultural_experience' ||
      exp.type === 'service_learning' ||
      exp.type === 'industry_project') &&
      rng.chance(0.3));
  const hourly = PAID_TYPES.includes(exp.type) || exp.type === 'pre_apprenticeship';
  const compensationType = !paid ? 'unpaid' : hourly ? 'hourly' : 'stipend';
  const compensationCents = compensationType === 'hourly' ? rng.int(34, 48) * 50 : compensationType === 'stipend' ? rng.int(5, 15) * 5000 : null;
  const lead = stage === 'awareness' ? rng.int(5, 60) : stage === 'exploration' ? rng.int(10, 75) : rng.int(20, 150);
  const startsOn = addDays(today, lead);
  const length =
    stage === 'awareness'
      ? 0
      : stage === 'exploration'
        ? exp.type === 'mentorship'
          ? rng.int(60, 120)
          : 0
        : stage === 'preparation'
          ? rng.int(35, 90)
          : rng.int(180, 365);
  const endsOn = addDays(startsOn, length);
  const deadline = p.pastDeadline
    ? addDays(today, -rng.int(1, 20))
    : stage === 'awareness' && rng.chance(0.6)
      ? null
      : addDays(startsOn, -rng.int(4, Math.min(30, lead - 1)));
  const [gradeMin, gradeMax] = exp.grades ?? (stage === 'awareness' ? [6, 12] : [9, 12]);
  const capacity =
    stage === 'awareness' ? rng.int(4, 30) * 10 : stage === 'exploration' ? rng.int(2, 15) : stage === 'preparation' ? rng.int(1, 4) : rng.int(2, 8);
  const slot = exp.slots[0] ?? 'weekdays';
  return {
    id: p.id,
    tenant_id: p.tenantId,
    employer_id: p.employerId,
    title: exp.title,
    description: exp.description,
    tasks: exp.tasks,
    stage,
    type: exp.type,
    cluster: p.cluster,
    onet_soc: exp.onet ?? null,
    skills: exp.skills,
    technical_skills: exp.technical,
    compensation_type: compensationType,
    compensation_cents: compensationCents,
    mode,
    location_name: virtual ? 'Online' : employer.name,
    address: virtual ? null : employer.address,
    city: virtual ? null : employer.city,
    state: p.state,
    postal_code: virtual ? null : employer.postalCode,
    lat: virtual ? null : employer.lat,
    lng: virtual ? null : employer.lng,
    transit_accessible: !virtual && Boolean(employer.transit),
    transit_notes: virtual ? null : (employer.transit ?? null),
    grade_min: gradeMin,
    grade_max: gradeMax,
    min_age: exp.minAge ?? null,
    capacity,
    schedule: virtual ? `Online, ${rng.pick(SCHEDULES[slot]!).replace(/^./, (c) => c.toLowerCase())}` : rng.pick(SCHEDULES[slot]!),
    time_slots: exp.slots,
    hours_per_week: exp.hours ?? null,
    starts_on: startsOn,
    ends_on: endsOn,
    application_deadline: deadline,
    requires_background_check: exp.backgroundCheck ?? false,
    requires_guardian_consent: true,
    required_documents: exp.documents ?? [],
    status: p.status,
    published_at: p.publishedHoursAgo === null ? null : instant(today, p.publishedHoursAgo),
  };
}

/** The same PBKDF2 format the Worker checks (worker/lib/secrets.ts); the salt is derived so the seed stays deterministic. */
export const ACCESS_CODE_ITERATIONS = 20_000;
function accessCodeHash(student: StudentSeed): string {
  const salt = createHash('sha256').update(`open-wbl demo salt ${student.id}`).digest().subarray(0, 16);
  const hash = pbkdf2Sync(student.accessCode, salt, ACCESS_CODE_ITERATIONS, 32, 'sha256');
  return `pbkdf2$${ACCESS_CODE_ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function studentRow(tenantId: string, s: StudentSeed) {
  return {
    id: s.id,
    tenant_id: tenantId,
    school_id: s.schoolId,
    student_number: s.studentNumber,
    preferred_name: s.preferredName,
    grade: s.grade,
    birth_year: s.birthYear,
    under_13: false,
    guardian_name: s.guardian?.[0] ?? null,
    guardian_email: s.guardian?.[1] ?? null,
    student_groups: s.groups,
    concentrator: s.concentrator,
    access_code_hash: accessCodeHash(s),
    email: s.email ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// The demo tenants

const RIV = 'ten_riverside';
const LAK = 'ten_lakeside';
const NURSING_TITLE = 'Certified Nursing Assistant Clinical Rotation';

/** Which experiences each Riverside employer offers: three each, cycling through its clusters. */
function riversidePlans(): OpportunityPlan[] {
  const plans: OpportunityPlan[] = [];
  let n = 0;
  const nextId = () => `opp_riv_${String(++n).padStart(3, '0')}`;
  RIVERSIDE_EMPLOYERS.forEach((employer, i) => {
    const employerId = `emp_riv_${employer.key}`;
    for (let j = 0; j < 3; j++) {
      const cluster = employer.clusters[j % employer.clusters.length]!;
      // The nursing clinical is the hospital's alone, so a search for "nursing" has one clear answer.
      const options = EXPERIENCES[cluster].filter((e) => e.title !== NURSING_TITLE || employer.key === 'arroyo_medical');
      const exp = employer.key === 'arroyo_medical' && j === 0 ? EXPERIENCES.healthcare_human_services[0]! : options[(i + j) % options.length]!;
      plans.push({
        id: nextId(),
        tenantId: RIV,
        employerId,
        employer,
        exp,
        cluster,
        status: employer.vetting === 'pending' ? 'pending_review' : 'published',
        publishedHoursAgo: null,
        pastDeadline: false,
        state: 'CA',
      });
    }
  });
  for (const exp of AWARENESS_EXTRAS) {
    const employer =
      exp.type === 'career_fair' ? RIVERSIDE_EMPLOYERS.find((e) => e.key === 'uptown_chamber')! : RIVERSIDE_EMPLOYERS.find((e) => e.key === 'arroyo_medical')!;
    plans.push({
      id: nextId(),
      tenantId: RIV,
      employerId: `emp_riv_${employer.key}`,
      employer,
      exp,
      cluster: employer.clusters[0]!,
      status: 'published',
      publishedHoursAgo: null,
      pastDeadline: false,
      state: 'CA',
    });
  }
  // A few that the public never sees: drafts, closed and archived ones.
  const hidden: [number, OpportunityPlan['status']][] = [
    [4, 'draft'],
    [17, 'draft'],
    [52, 'draft'],
    [9, 'closed'],
    [38, 'closed'],
    [71, 'closed'],
    [26, 'archived'],
  ];
  for (const [index, status] of hidden) plans[index]!.status = status;
  // Some published ones whose application deadline has passed.
  let past = 0;
  plans.forEach((p, index) => {
    if (p.status === 'published' && index % 10 === 5 && p.exp.title !== NURSING_TITLE) {
      p.pastDeadline = true;
      past++;
    }
  });
  if (past < 8) throw new Error('the seed needs more past deadlines');
  let hours = 0;
  for (const p of plans) if (p.status === 'published' || p.status === 'closed' || p.status === 'archived') p.publishedHoursAgo = hours += 13;
  return plans;
}

function lakesidePlans(): OpportunityPlan[] {
  const plans: OpportunityPlan[] = [];
  let n = 0;
  LAKESIDE_EMPLOYERS.forEach((employer, i) => {
    const cluster = employer.clusters[0]!;
    const list = EXPERIENCES[cluster].filter((e) => e.title !== NURSING_TITLE);
    for (let j = 0; j < 3; j++) {
      plans.push({
        id: `opp_lak_${String(++n).padStart(3, '0')}`,
        tenantId: LAK,
        employerId: `emp_lak_${employer.key}`,
        employer,
        exp: list[(i + j) % list.length]!,
        cluster,
        status: 'published',
        publishedHoursAgo: null,
        pastDeadline: false,
        state: 'IL',
      });
    }
  });
  plans[plans.length - 1]!.status = 'draft';
  let hours = 0;
  for (const p of plans) if (p.status === 'published') p.publishedHoursAgo = hours += 17;
  return plans;
}

const RIVERSIDE_PLANS = riversidePlans();
const LAKESIDE_PLANS = lakesidePlans();
/** Lakeside shares its virtual career talk with Riverside: online, so distance is no barrier. */
const SHARED_ID = LAKESIDE_PLANS.find((p) => p.exp.type === 'virtual_career_talk' && p.status === 'published')!.id;

/**
 * The Spanish titles and descriptions (columns of migration 0007), one UPDATE a line, apart from
 * the INSERT so a test that seeds a database from before 0007 can leave these lines out.
 */
function spanishSql(plans: OpportunityPlan[]): string {
  return plans
    .filter((p) => p.exp.titleEs)
    .map(
      (p) =>
        `UPDATE opportunities SET title_es = ${sqlValue(p.exp.titleEs)}, description_es = ${sqlValue(p.exp.descriptionEs)} WHERE id = ${sqlValue(p.id)};\n`,
    )
    .join('');
}

const idsWith = (plans: OpportunityPlan[], keep: (p: OpportunityPlan) => boolean) => plans.filter(keep).map((p) => p.id);

/** The demo placement pipeline (demo/seed/placements.ts) over the plans' opportunities. */
const PIPELINE = planPipeline(
  [...RIVERSIDE_PLANS, ...LAKESIDE_PLANS].map((p) => ({
    id: p.id,
    tenantId: p.tenantId,
    employerId: p.employerId,
    employerKey: p.employer.key,
    title: p.exp.title,
    stage: stageOfType(p.exp.type),
    status: p.status,
    skills: p.exp.skills,
    technical: p.exp.technical,
    tasks: p.exp.tasks,
    pastDeadline: p.pastDeadline,
    ...(([gradeMin, gradeMax]: [number, number]) => ({ gradeMin, gradeMax }))(p.exp.grades ?? (stageOfType(p.exp.type) === 'awareness' ? [6, 12] : [9, 12])),
    minAge: p.exp.minAge ?? null,
  })),
);
const PIPELINE_FACTS = pipelineFacts(PIPELINE);

/** Facts about the seed that tests rely on, computed from the data itself. */
export const DEMO = {
  riverside: {
    tenantId: RIV,
    key: 'pk_demo_riverside',
    districtKey: 'pk_demo_riverside_district',
    /** The district site's calendar page, on the seed's first origin: its events' JSON-LD and iCalendar links open there. */
    districtCalendarPath: '/demo/family.html',
    /** The high school site's student page (`<wbl-my-wbl>`), on the seed's first origin: sign-in links and survey emails open there. */
    studentPagePath: '/demo/student.html',
    schoolId: 'sch_riv_riverside_high',
    schoolIds: RIVERSIDE_SCHOOLS.map((s) => s.id),
    employerCount: RIVERSIDE_EMPLOYERS.length,
    publishedCount: RIVERSIDE_PLANS.filter((p) => p.status === 'published').length,
    publishedIds: idsWith(RIVERSIDE_PLANS, (p) => p.status === 'published'),
    draftIds: idsWith(RIVERSIDE_PLANS, (p) => p.status === 'draft'),
    pendingIds: idsWith(RIVERSIDE_PLANS, (p) => p.status === 'pending_review'),
    closedIds: idsWith(RIVERSIDE_PLANS, (p) => p.status === 'closed' || p.status === 'archived'),
    pastDeadlineIds: idsWith(RIVERSIDE_PLANS, (p) => p.status === 'published' && p.pastDeadline),
    nursingId: RIVERSIDE_PLANS.find((p) => p.exp.title === NURSING_TITLE)!.id,
    sharedFromLakesideId: SHARED_ID,
    students: RIVERSIDE_STUDENTS.map(({ id, studentNumber, accessCode, grade, birthYear }) => ({ id, studentNumber, accessCode, grade, birthYear })),
    events: DEMO_EVENTS.riverside,
    placements: PIPELINE_FACTS.riverside,
    achievementIds: DEMO_ACHIEVEMENTS.riverside.map((a) => a.id),
  },
  lakeside: {
    tenantId: LAK,
    key: 'pk_demo_lakeside',
    publishedIds: idsWith(LAKESIDE_PLANS, (p) => p.status === 'published'),
    draftIds: idsWith(LAKESIDE_PLANS, (p) => p.status === 'draft'),
    students: LAKESIDE_STUDENTS.map(({ id, studentNumber, accessCode, grade, birthYear }) => ({ id, studentNumber, accessCode, grade, birthYear })),
    events: DEMO_EVENTS.lakeside,
    placements: PIPELINE_FACTS.lakeside,
    achievementIds: DEMO_ACHIEVEMENTS.lakeside.map((a) => a.id),
  },
  bench: { tenantId: 'ten_bench', key: 'pk_bench_metro' },
  users: Object.fromEntries(DEMO_USERS.map((u) => [u.email, { id: u.id, tenantId: u.tenantId, role: u.role, password: u.password, employerId: u.employerId }])),
} as const;

/** The origin links are built on when the seed is given none. */
const DEFAULT_ORIGIN = 'http://127.0.0.1:8787';

export interface SeedOptions {
  today: string;
  origins: string[];
  environment?: string;
  /** For a database migrated only up to 0006 (see `SINCE_0007`). */
  before0007?: boolean;
  /** For a database migrated only up to 0008 (see `SINCE_0009`). */
  before0009?: boolean;
  /** For a database migrated only up to 0009 (see `SINCE_0010`). */
  before0010?: boolean;
}

/** The SQL that fills an empty, migrated database with the demo tenants. */
export function buildSeedSql({
  today,
  origins,
  environment,
  before0007: old = false,
  before0009: older = false,
  before0010: lately = false,
}: SeedOptions): string {
  before0007 = old;
  before0009 = older;
  before0010 = lately;
  const rng = random(20261123);
  const out: string[] = ['-- Open WBL demo seed (generated; deterministic for a given date and origins)\n'];
  out.push(
    insert('tenants', [
      {
        id: RIV,
        name: 'Riverside Unified School District',
        kind: 'district',
        region: 'Inland Valley',
        time_zone: 'America/Los_Angeles',
        default_locale: 'en',
        issuer_name: 'Riverside Unified School District',
        issuer_url: 'https://riverside-usd.example',
        issuer_email: 'wbl@riverside-usd.example',
        issuer_description: 'College and Career Readiness, Work-Based Learning Office',
      },
      {
        id: LAK,
        name: 'Lakeside Regional Convener',
        kind: 'convener',
        region: 'North Shore',
        time_zone: 'America/Chicago',
        default_locale: 'en',
        issuer_name: 'Lakeside Regional Convener',
        issuer_url: 'https://lakeside-convener.example',
        issuer_email: 'hello@lakeside-convener.example',
        issuer_description: 'Regional work-based learning intermediary for North Shore districts',
      },
    ]),
  );
  out.push(insert('schools', [...RIVERSIDE_SCHOOLS.map((s) => schoolRow(RIV, s)), ...LAKESIDE_SCHOOLS.map((s) => schoolRow(LAK, s))]));
  out.push(
    insert('sites', [
      {
        id: 'site_riv_riverside_high',
        tenant_id: RIV,
        name: 'Riverside High School website',
        publishable_key: DEMO.riverside.key,
        allowed_origins: origins,
        school_id: 'sch_riv_riverside_high',
        calendar_page_url: null,
        // The school's student page (demo/student.html) embeds <wbl-my-wbl>: sign-in links and survey emails open there.
        student_page_url: `${origins[0] ?? DEFAULT_ORIGIN}${DEMO.riverside.studentPagePath}`,
      },
      // The district's families page (demo/family.html) embeds the event calendar: events link there.
      {
        id: 'site_riv_district',
        tenant_id: RIV,
        name: 'Riverside Unified district website',
        publishable_key: DEMO.riverside.districtKey,
        allowed_origins: origins,
        school_id: null,
        calendar_page_url: `${origins[0] ?? DEFAULT_ORIGIN}${DEMO.riverside.districtCalendarPath}`,
        student_page_url: null,
      },
      {
        id: 'site_lak_convener',
        tenant_id: LAK,
        name: 'Lakeside Regional Convener website',
        publishable_key: DEMO.lakeside.key,
        allowed_origins: origins,
        school_id: 'sch_lak_north_shore',
        calendar_page_url: null,
        student_page_url: null,
      },
    ]),
  );
  out.push(
    insert('employers', [
      ...RIVERSIDE_EMPLOYERS.map((e) => employerRow(RIV, `emp_riv_${e.key}`, e, 'CA', today)),
      ...LAKESIDE_EMPLOYERS.map((e) => employerRow(LAK, `emp_lak_${e.key}`, e, 'IL', today)),
    ]),
  );
  out.push(
    insert(
      'opportunities',
      [...RIVERSIDE_PLANS, ...LAKESIDE_PLANS].map((p) => opportunityRow(p, today, rng)),
    ),
  );
  if (!old) out.push(spanishSql([...RIVERSIDE_PLANS, ...LAKESIDE_PLANS]));
  out.push(insert('users', demoUserRows(environment)));
  out.push(
    insert(
      'host_offers',
      hostOfferRows(RIV, 'site_riv_district', (daysAgo) => instant(today, daysAgo * 24)),
    ),
  );
  out.push(insert('students', [...RIVERSIDE_STUDENTS.map((st) => studentRow(RIV, st)), ...LAKESIDE_STUDENTS.map((st) => studentRow(LAK, st))]));
  out.push(`INSERT INTO opportunity_shares (opportunity_seq, tenant_id) SELECT seq, '${RIV}' FROM opportunities WHERE id = '${SHARED_ID}';\n`);
  for (const [table, rows] of pipelineRows(PIPELINE, { today, origin: origins[0] ?? DEFAULT_ORIGIN, agreementTexts: agreementTextsFor(today) }))
    out.push(insert(table, rows));
  out.push(insert('achievements', demoAchievementRows({ riverside: RIV, lakeside: LAK }, instant(addDays(today, -120), 0))), demoBadgeSql());
  out.push(insert('events', demoEventRows(today)), insert('rsvps', demoRsvpRows(today)));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Bench data

const BENCH_NAMES = [
  'Summit',
  'Harbor',
  'Cedar',
  'Mesa',
  'Pioneer',
  'Granite',
  'Riverbend',
  'Sierra',
  'Golden',
  'Oak',
  'Canyon',
  'Vista',
  'Sage',
  'Juniper',
  'Coastal',
  'Redwood',
];
const BENCH_SUFFIX: Record<Cluster, string[]> = {
  advanced_manufacturing: ['Machining', 'Fabrication', 'Automation'],
  agriculture: ['Farms', 'Growers', 'Nursery & Orchards'],
  arts_entertainment_design: ['Studio', 'Theatre Company', 'Media'],
  construction: ['Builders', 'Contractors', 'Electric'],
  digital_technology: ['Software', 'Cyber', 'Data Labs'],
  education: ['Learning Center', 'Academy', 'Tutoring'],
  energy_natural_resources: ['Solar', 'Water District', 'Conservation Corps'],
  financial_services: ['Credit Union', 'Bank', 'Accounting'],
  healthcare_human_services: ['Medical Group', 'Health Clinic', 'Care Center'],
  hospitality_events_tourism: ['Hotel', 'Kitchen', 'Events'],
  management_entrepreneurship: ['Ventures', 'Business Partners', 'Co-op'],
  marketing_sales: ['Marketing', 'Retail', 'Creative Agency'],
  public_service_safety: ['Fire Authority', 'Public Works', 'Legal Aid'],
  supply_chain_transportation: ['Logistics', 'Transit', 'Freight'],
};
const CLUSTER_LIST = Object.keys(EXPERIENCES) as Cluster[];

export interface BenchOptions {
  today: string;
  count: number;
  origins: string[];
}

/** SQL for the bench tenant and `count` generated opportunities, as multi-row statements. */
export function* buildBenchSql({ today, count, origins }: BenchOptions): Generator<string> {
  const rng = random(4242);
  const tenantId = DEMO.bench.tenantId;
  const center = { lat: 33.95, lng: -117.4 };
  yield insert('tenants', [
    {
      id: tenantId,
      name: 'Metro Regional Work-Based Learning Convener',
      kind: 'convener',
      region: 'Metro',
      time_zone: 'America/Los_Angeles',
      default_locale: 'en',
    },
  ]);
  yield insert('schools', [
    {
      id: 'sch_bench_central',
      tenant_id: tenantId,
      name: 'Metro Central High School',
      level: 'high',
      grade_min: 9,
      grade_max: 12,
      address: '1 Main Street',
      city: 'Riverside',
      state: 'CA',
      postal_code: '92501',
      lat: center.lat,
      lng: center.lng,
    },
  ]);
  yield insert('sites', [
    {
      id: 'site_bench',
      tenant_id: tenantId,
      name: 'Metro bench site',
      publishable_key: DEMO.bench.key,
      allowed_origins: origins,
      school_id: 'sch_bench_central',
    },
  ]);
  const employerCount = Math.max(1, Math.ceil(count / 50));
  const employers: { id: string; seed: EmployerSeed }[] = [];
  for (let i = 0; i < employerCount; i++) {
    const cluster = CLUSTER_LIST[i % CLUSTER_LIST.length]!;
    const lat = center.lat + (rng.next() - 0.5) * 0.5;
    const lng = center.lng + (rng.next() - 0.5) * 0.6;
    const name = `${rng.pick(BENCH_NAMES)} ${rng.pick(BENCH_SUFFIX[cluster])} ${i + 1}`;
    const seed: EmployerSeed = {
      key: `b${i}`,
      name,
      clusters: [cluster],
      size: rng.pick(['1-9', '10-49', '50-249', '250-999', '1000+'] as const),
      description: `${name} hosts students across the region.`,
      website: `https://employer${i}.example`,
      address: `${rng.int(100, 9999)} ${rng.pick(['Main', 'Market', 'Orange', 'Lemon', 'Olive', 'Palm'])} Street`,
      city: rng.pick(['Riverside', 'Corona', 'Moreno Valley', 'Jurupa Valley', 'Norco']),
      postalCode: String(rng.int(92501, 92509)),
      lat,
      lng,
      contact: ['Pat Lee', 'Coordinator'],
      transit: rng.chance(0.4) ? 'A bus line stops nearby.' : undefined,
    };
    employers.push({ id: `emp_bench_${i}`, seed });
  }
  for (let i = 0; i < employers.length; i += 500) {
    yield insert(
      'employers',
      employers.slice(i, i + 500).map((e) => employerRow(tenantId, e.id, e.seed, 'CA', today)),
    );
  }
  const BATCH = 250;
  for (let start = 0; start < count; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const employer = employers[i % employers.length]!;
      const cluster = employer.seed.clusters[0]!;
      const exp = rng.pick(EXPERIENCES[cluster]);
      const plan: OpportunityPlan = {
        id: `opp_bench_${i}`,
        tenantId,
        employerId: employer.id,
        employer: employer.seed,
        exp,
        cluster,
        status: rng.chance(0.92) ? 'published' : rng.pick(['draft', 'closed'] as const),
        publishedHoursAgo: (i % 2000) + 1 + i / 100000,
        pastDeadline: rng.chance(0.1),
        state: 'CA',
      };
      const row = opportunityRow(plan, today, rng);
      rows.push({ ...row, title: `${exp.title} at ${employer.seed.name}` });
    }
    yield insert('opportunities', rows);
  }
  // A region's year of career-awareness events: one for every 50 opportunities (2 000 at
  // 100 000), spread over the next 365 days at after-school hours, each with a few RSVPs, so
  // the calendar's reads are measured against seat counts too.
  const eventCount = Math.max(1, Math.ceil(count / 50));
  const EVENT_KINDS = ['career_fair', 'guest_speaker', 'virtual_panel', 'industry_tour', 'family_night', 'workshop'] as const;
  for (let start = 0; start < eventCount; start += BATCH) {
    const events = [];
    const rsvps = [];
    for (let i = start; i < Math.min(eventCount, start + BATCH); i++) {
      const day = addDays(today, i % 365);
      const hour = 15 + (i % 4); // 3–6 pm Pacific standard time (UTC−8); a DST hour's shift does not matter here
      const startInstant = new Date(Date.parse(`${day}T00:00:00Z`) + (hour + 8) * 3_600_000).toISOString();
      const endInstant = new Date(Date.parse(startInstant) + 2 * 3_600_000).toISOString();
      const cluster = CLUSTER_LIST[i % CLUSTER_LIST.length]!;
      const capacity = rng.chance(0.7) ? rng.int(30, 200) : null;
      events.push({
        id: `evt_bench_${i}`,
        tenant_id: tenantId,
        type: EVENT_KINDS[i % EVENT_KINDS.length]!,
        title: `${rng.pick(BENCH_NAMES)} ${cluster.replace(/_/g, ' ')} event ${i + 1}`,
        description: 'A career-awareness event for students and families across the region.',
        starts_at: startInstant,
        ends_at: endInstant,
        time_zone: 'America/Los_Angeles',
        location_name: 'Metro Central High School',
        city: 'Riverside',
        state: 'CA',
        audiences: i % 3 === 0 ? ['students', 'families'] : ['students'],
        clusters: [cluster],
        capacity,
        registration_required: capacity !== null,
      });
      for (let r = 0; r < (capacity ? rng.int(0, 6) : 0); r++) {
        rsvps.push({
          id: `rsv_bench_${i}_${r}`,
          tenant_id: tenantId,
          event_id: `evt_bench_${i}`,
          name: 'Bench Guest',
          email: `guest${i}.${r}@example.com`,
          role: 'family',
          party_size: rng.int(1, 4),
          status: 'confirmed',
          cancel_token_hash: createHash('sha256').update(`bench ${i} ${r}`).digest('hex'),
        });
      }
    }
    yield insert('events', events);
    yield insert('rsvps', rsvps);
  }
}
