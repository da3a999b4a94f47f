/**
 * The demo placement pipeline: applications from the demo students in every status, the
 * training agreements they signed (or are signing), hours, supervisors' evaluations and the
 * messages the outbox would have sent. Everything is derived from the student numbers, the
 * opportunity ids and `today`, so the seed stays byte-identical for a given date.
 *
 * Completed placements carry midpoint and final evaluations whose ratings are mostly 3 or 4:
 * the skills-badge issue issues Open Badges from them (DEMO.riverside.placements.completed).
 */
import { createHash } from 'node:crypto';
import type { Stage } from '../../schema/vocab.js';
import { LAKESIDE_STUDENTS, RIVERSIDE_EMPLOYERS, RIVERSIDE_STUDENTS, type StudentSeed } from './data.js';

/** What the pipeline needs to know of an opportunity; index.ts maps its plans to this. */
export interface PipelineOpportunity {
  id: string;
  tenantId: string;
  employerId: string;
  employerKey: string;
  title: string;
  stage: Stage;
  status: string;
  skills: string[];
  technical: string[];
  tasks: string[];
  gradeMin: number;
  gradeMax: number;
  minAge: number | null;
  pastDeadline: boolean;
}

type Status = 'submitted' | 'under_review' | 'offered' | 'accepted' | 'confirmed' | 'active' | 'completed' | 'declined' | 'withdrawn' | 'cancelled';
type Role = 'student' | 'guardian' | 'supervisor' | 'coordinator';

const RIV = 'ten_riverside';
const LAK = 'ten_lakeside';
const COORDINATOR = { id: 'usr_riv_coordinator', name: 'Marcus Bell', email: 'coordinator@riverside.example' };
const DEMO_SUPERVISOR = { id: 'usr_riv_supervisor', name: 'Denise Okafor', email: 'supervisor@riverside.example' };

/**
 * [student number, status, employer key]. The story: last summer's placements are completed
 * and evaluated; this semester's are under way; a few are being signed, offered and reviewed;
 * some ended early. The demo supervisor (Arroyo Valley Medical Center) has one of each kind.
 */
const RIVERSIDE_SPECS: [string, Status, string][] = [
  ['100853', 'completed', 'arroyo_medical'],
  ['101042', 'completed', 'granite_builders'],
  ['102231', 'completed', 'cityline_code'],
  ['100889', 'completed', 'inland_credit_union'],
  ['101078', 'completed', 'precision_aero'],
  ['102263', 'completed', 'riv_early_learning'],
  ['101105', 'completed', 'sunpeak_solar'],
  ['100915', 'completed', 'mission_hotel'],
  ['100862', 'active', 'arroyo_medical'],
  ['101057', 'active', 'arroyo_medical'],
  ['102246', 'active', 'redline_cyber'],
  ['100894', 'active', 'riv_library'],
  ['101084', 'active', 'brightpath_marketing'],
  ['102297', 'active', 'riv_fire'],
  ['101127', 'confirmed', 'smile_dental'],
  ['102305', 'confirmed', 'family_services'],
  ['100938', 'confirmed', 'valley_robotics'],
  ['102279', 'accepted', 'arroyo_medical'],
  ['100871', 'accepted', 'citrus_kitchen'],
  ['101063', 'accepted', 'pixelgrove'],
  ['102318', 'offered', 'galleria_retail'],
  ['100927', 'offered', 'inland_logistics'],
  ['101119', 'offered', 'fox_stage'],
  ['102258', 'under_review', 'santa_ana_watershed'],
  ['100903', 'under_review', 'riv_library'],
  ['101096', 'under_review', 'bytes_repair'],
  ['102284', 'under_review', 'citrus_heritage'],
  ['100853', 'submitted', 'cityline_code'],
  ['101042', 'submitted', 'ibew_training'],
  ['102231', 'submitted', 'velvet_cafe'],
  ['101063', 'submitted', 'riv_early_learning'],
  ['100894', 'submitted', 'orange_tax'],
  ['100862', 'declined', 'redline_cyber'],
  ['102246', 'declined', 'cityline_code'],
  ['101084', 'withdrawn', 'mission_hotel'],
  ['100889', 'withdrawn', 'rta_transit'],
  ['101057', 'cancelled', 'granite_builders'],
];
const LAKESIDE_SPECS: [string, Status, string][] = [['200231', 'under_review', '']];

// ---------------------------------------------------------------------------------------------
// Deterministic helpers

const sha = (text: string) => createHash('sha256').update(text).digest();
/** A number in [0, 1) from a label: the same label always gives the same number. */
const unit = (label: string) => sha(label).readUInt32BE(0) / 2 ** 32;
const pick = <T>(label: string, list: readonly T[]) => list[Math.floor(unit(label) * list.length)]!;
const base64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The signing token the seed gives an agreement row: derived, so the demo and tests can use it. */
export function demoSignToken(applicationId: string, role: Role): string {
  return base64url(sha(`open-wbl demo sign token ${applicationId} ${role}`));
}
/** What the Worker stores of a token (worker/lib/sessions.ts `tokenHash`). */
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const READABLE = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
function reference(id: string): string {
  const chars = [...sha(`ref ${id}`).subarray(0, 8)].map((b) => READABLE[b % READABLE.length]).join('');
  return `AP-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** A working-hours instant on a day (Pacific afternoon), varied a little by a label. */
const at = (date: string, label: string) =>
  `${date}T${String(16 + Math.floor(unit(label) * 6)).padStart(2, '0')}:${String(Math.floor(unit(`${label}m`) * 60)).padStart(2, '0')}:00.000Z`;

/** The same rule as the Worker: without certainty of 18, a student is a minor. */
const minorOn = (s: StudentSeed, today: string) => Number(today.slice(0, 4)) - s.birthYear < 19;

// ---------------------------------------------------------------------------------------------
// Planning (no dates yet: DEMO must be known before a seed date is chosen)

interface Planned {
  id: string;
  tenantId: string;
  student: StudentSeed;
  opp: PipelineOpportunity;
  status: Status;
  n: number;
  supervisor: { id: string; name: string; email: string } | null;
}

const SURNAMES = ['Ortega', 'Nguyen', 'Baker', 'Sandoval', 'Reed', 'Moreno'];
const signerNameOf = (s: StudentSeed) => `${s.preferredName} ${s.guardian ? s.guardian[0].split(' ').slice(-1)[0] : pick(`surname ${s.id}`, SURNAMES)}`;

/** One supervisor account per host employer (none can sign in: their password hash never verifies). */
function supervisorFor(employerKey: string) {
  if (employerKey === 'arroyo_medical') return DEMO_SUPERVISOR;
  const e = RIVERSIDE_EMPLOYERS.find((x) => x.key === employerKey)!;
  const email = `${e.contact[0]
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '')}@${new URL(e.website).hostname}`;
  return { id: `usr_riv_sup_${employerKey}`, name: e.contact[0], email, employerId: `emp_riv_${employerKey}`, title: e.contact[1] };
}

const eligible = (o: PipelineOpportunity, s: StudentSeed) =>
  o.stage !== 'awareness' &&
  (o.status === 'published' || o.status === 'closed') &&
  s.grade >= o.gradeMin &&
  s.grade <= o.gradeMax &&
  (o.minAge === null || s.grade + 5 >= o.minAge);

function plan(specs: [string, Status, string][], tenantId: string, students: StudentSeed[], opps: PipelineOpportunity[], prefix: string): Planned[] {
  const used = new Set<string>();
  return specs.map(([number, status, employerKey], n) => {
    const student = students.find((s) => s.studentNumber === number)!;
    const open = opps.filter((o) => o.tenantId === tenantId && eligible(o, student) && !used.has(`${student.id} ${o.id}`));
    // The named employer when it has something for this grade; otherwise any employer's, by rotation.
    const options = open.filter((o) => !employerKey || o.employerKey === employerKey).length
      ? open.filter((o) => !employerKey || o.employerKey === employerKey)
      : open;
    if (!options.length) throw new Error(`the demo pipeline has no opportunity for student ${number}`);
    // Later-stage statuses lean on preparation work; rotate so one employer's three options all get used.
    const opp = options[n % options.length]!;
    used.add(`${student.id} ${opp.id}`);
    const placed = ['accepted', 'confirmed', 'active', 'completed', 'cancelled'].includes(status);
    return {
      id: `app_${prefix}_demo_${String(n + 1).padStart(2, '0')}`,
      tenantId,
      student,
      opp,
      status,
      n,
      supervisor: placed && tenantId === RIV ? supervisorFor(opp.employerKey) : null,
    };
  });
}

export interface Pipeline {
  riverside: Planned[];
  lakeside: Planned[];
}

export function planPipeline(opps: PipelineOpportunity[]): Pipeline {
  return {
    riverside: plan(RIVERSIDE_SPECS, RIV, RIVERSIDE_STUDENTS, opps, 'riv'),
    lakeside: plan(LAKESIDE_SPECS, LAK, LAKESIDE_STUDENTS, opps, 'lak'),
  };
}

// ---------------------------------------------------------------------------------------------
// Ratings

const LEVEL_WORDS: Record<number, string[]> = {
  2: ['Getting there; still needs reminders.', 'Improving week by week with coaching.', 'Developing: comfortable with routine tasks, not yet with new ones.'],
  3: ['Does this well without being asked.', 'Reliable and consistent; a real help to the team.', 'Proficient: handles it the way a new hire would.'],
  4: [
    'Outstanding: the team now asks for their help with this.',
    'Well beyond what we expect of a first-year employee.',
    'Advanced: taught the skill to a newer volunteer.',
  ],
};

function ratingsFor(p: Planned, phase: 'midpoint' | 'final') {
  const skills = [...p.opp.skills, ...p.opp.technical];
  return skills.map((skill, i) => {
    const u = unit(`${p.id} ${phase} ${skill}`);
    // Finals are mostly proficient or advanced (badge evidence); one completed placement keeps a
    // skill at developing so the console and the badge rules have a "not yet" to show.
    let level = phase === 'midpoint' ? (u < 0.55 ? 2 : 3) : u < 0.45 ? 3 : 4;
    if (phase === 'final' && p.n === 7 && i === 0) level = 2;
    return { skill, level, comment: pick(`${p.id} ${phase} ${skill} c`, LEVEL_WORDS[level]!) };
  });
}

// ---------------------------------------------------------------------------------------------
// DEMO facts

export function pipelineFacts(p: Pipeline) {
  const r = p.riverside;
  const ids = (s: Status) => r.filter((x) => x.status === s).map((x) => x.id);
  const accepted = r.find((x) => x.status === 'accepted' && x.opp.employerKey === 'arroyo_medical')!;
  const active = r.find((x) => x.status === 'active' && x.opp.employerKey === 'arroyo_medical')!;
  return {
    riverside: {
      completedIds: ids('completed'),
      /** Each completed placement's final ratings: issue badges for skills rated 3 or more. */
      completed: r
        .filter((x) => x.status === 'completed')
        .map((x) => ({
          id: x.id,
          studentId: x.student.id,
          opportunityId: x.opp.id,
          finalRatings: ratingsFor(x, 'final').map(({ skill, level }) => ({ skill, level })),
        })),
      /** At the demo supervisor's employer, with hours waiting for approval. */
      activeId: active.id,
      activeIds: ids('active'),
      confirmedIds: ids('confirmed'),
      /** At the demo supervisor's employer: the student has signed; guardian, supervisor and coordinator have not. */
      acceptedId: accepted.id,
      acceptedIds: ids('accepted'),
      /**
       * Working links for the unsigned link signatures of `acceptedId` (`/demo/sign.html?token=…`);
       * the coordinator has none: they sign in the console.
       */
      signTokens: { guardian: demoSignToken(accepted.id, 'guardian'), supervisor: demoSignToken(accepted.id, 'supervisor') },
      offeredIds: ids('offered'),
      underReviewIds: ids('under_review'),
      submittedIds: ids('submitted'),
      declinedIds: ids('declined'),
      withdrawnIds: ids('withdrawn'),
      cancelledIds: ids('cancelled'),
      /** Placements assigned to the demo supervisor, all accepted or later (what supervisor@riverside.example sees). */
      supervisorApplicationIds: r.filter((x) => x.supervisor?.id === DEMO_SUPERVISOR.id).map((x) => x.id),
      /** Applications to the demo supervisor's employer not (yet) placed with them: the supervisor sees none of these. */
      supervisorHiddenIds: r.filter((x) => x.opp.employerKey === 'arroyo_medical' && x.supervisor?.id !== DEMO_SUPERVISOR.id).map((x) => x.id),
      pendingHourIds: hourPlan(active)
        .filter((h) => h.pending)
        .map((h) => `hrs_${active.id.slice(4)}_${String(h.k).padStart(2, '0')}`),
    },
    lakeside: { underReviewId: p.lakeside[0]!.id },
  };
}

// ---------------------------------------------------------------------------------------------
// Rows

/** Days before today at which each step happened, by the status the application reached. */
function timeline(p: Planned): Partial<Record<Status, number>> {
  const j = p.n % 5;
  switch (p.status) {
    case 'completed':
      return { submitted: -215 - j, under_review: -205 - j, offered: -196 - j, accepted: -190 - j, confirmed: -176 - j, active: -168 - j, completed: -112 - j };
    case 'active':
      return { submitted: -88 - j, under_review: -82 - j, offered: -75 - j, accepted: -70 - j, confirmed: -58 - j, active: -44 - j };
    case 'cancelled':
      return { submitted: -95, under_review: -90, offered: -84, accepted: -80, confirmed: -66, active: -50, cancelled: -36 };
    case 'confirmed':
      return { submitted: -45 - j, under_review: -40 - j, offered: -33 - j, accepted: -28 - j, confirmed: -16 - j };
    case 'accepted':
      return { submitted: -30 - j, under_review: -24 - j, offered: -15 - j, accepted: -7 - j };
    case 'offered':
      return { submitted: -21 - j, under_review: -14 - j, offered: -4 - j };
    case 'under_review':
      return { submitted: -12 - j, under_review: -6 - j };
    case 'submitted':
      return { submitted: -3 - j };
    case 'declined':
      return { submitted: -40 - j, under_review: -34 - j, declined: -28 - j };
    case 'withdrawn':
      return { submitted: -26 - j, under_review: -20 - j, offered: -14 - j, withdrawn: -10 - j };
  }
}

/** Days (relative to today) with hours logged: twice a week from the start, at most 14 entries. */
function hourPlan(a: Planned): { k: number; d: number; pending: boolean }[] {
  const t = timeline(a);
  if (t.active === undefined) return [];
  const end = t.completed ?? t.cancelled ?? -2;
  const out: { k: number; d: number; pending: boolean }[] = [];
  for (let d = t.active, k = 1; d <= end && k <= 14; d += k % 2 ? 3 : 4, k++) out.push({ k, d, pending: a.status === 'active' && d > end - 8 });
  return out;
}

const NOTES: Partial<Record<Status, string>> = {
  declined: 'The host chose a student who can work Saturday mornings; encouraged to apply for the spring cohort.',
  withdrawn: 'The student took a paid job at the same hours; withdrew with thanks.',
  cancelled: 'The site paused student placements after a project delay; the student is being matched elsewhere.',
};

const STATEMENTS = [
  'I have wanted to work in this field since my aunt told me about her job. I want to see what a real day looks like and learn the skills I will need.',
  'In my CTE pathway class we practised this in the lab, and I want to try it with a real team. I am reliable and I ask questions when I am not sure.',
  'I am the first in my family to think about this career. I would like a mentor and a chance to show what I can do.',
  'I like solving problems with my hands and with computers. This opportunity would help me decide what to study after graduation.',
];

export interface PipelineRowsOptions {
  today: string;
  origin: string;
  agreementTexts: Record<string, { version: string; createdDaysAgo: number; body: string; lang?: 'en' | 'es' }[]>;
}

export function pipelineRows(
  p: Pipeline,
  { today, origin, agreementTexts }: PipelineRowsOptions,
): [string, Record<string, string | number | boolean | null>[]][] {
  const day = (offset: number) => addDays(today, offset);
  const users = new Map<string, Record<string, string | number | null>>();
  const apps: Record<string, string | number | null>[] = [];
  const events: Record<string, string | number | null>[] = [];
  const agreements: Record<string, string | number | null>[] = [];
  const hours: Record<string, string | number | null>[] = [];
  const evaluations: Record<string, string | number | null>[] = [];
  const outbox: Record<string, string | number | null>[] = [];
  const texts = Object.entries(agreementTexts).flatMap(([tenantId, list]) =>
    list.map((t) => ({
      id: `agt_${tenantId.slice(4, 7)}_${t.version.replace(/\D/g, '')}${t.lang && t.lang !== 'en' ? `_${t.lang}` : ''}`,
      tenant_id: tenantId,
      kind: 'training_agreement',
      version: t.version,
      lang: t.lang ?? 'en',
      body: t.body,
      created_at: at(day(-t.createdDaysAgo), `agt ${tenantId} ${t.version}`),
    })),
  );
  const versionOn = (tenantId: string, date: string) =>
    texts.filter((t) => t.tenant_id === tenantId && t.created_at.slice(0, 10) <= date).sort((a, b) => b.created_at.localeCompare(a.created_at))[0]!.version;
  let msg = 0;
  const send = (tenantId: string, recipient: string, subject: string, body: string, relatedId: string, when: string) =>
    outbox.push({
      id: `msg_${tenantId.slice(4, 7)}_demo_${String(++msg).padStart(3, '0')}`,
      tenant_id: tenantId,
      recipient,
      subject,
      body,
      related_id: relatedId,
      created_at: when,
    });

  for (const a of [...p.riverside, ...p.lakeside]) {
    const s = a.student;
    const t = timeline(a);
    const district = a.tenantId === RIV ? 'Riverside Unified School District' : 'Lakeside Regional Convener';
    const studentEmail = s.email ?? `${s.preferredName.toLowerCase()}.${s.studentNumber.slice(-3)}@students.example`;
    const minor = minorOn(s, today);
    const sup = a.supervisor;
    if (sup && sup.id !== DEMO_SUPERVISOR.id && !users.has(sup.id)) {
      const full = supervisorFor(a.opp.employerKey) as ReturnType<typeof supervisorFor> & { employerId: string };
      users.set(sup.id, {
        id: sup.id,
        tenant_id: RIV,
        email: sup.email,
        name: sup.name,
        role: 'supervisor',
        employer_id: full.employerId,
        password_hash: '!no-sign-in: demo supervisor account',
        created_at: at(day(-400), sup.id),
      });
    }
    const reached = Object.keys(t) as Status[];
    const last = a.status;
    apps.push({
      id: a.id,
      tenant_id: a.tenantId,
      reference: reference(a.id),
      student_id: s.id,
      opportunity_id: a.opp.id,
      status: last,
      statement: pick(`${a.id} statement`, STATEMENTS),
      availability: JSON.stringify({
        slots: ['after_school', ...(unit(`${a.id} wk`) < 0.4 ? ['weekends'] : []), ...(a.status === 'completed' ? ['summer'] : [])],
        notes: null,
      }),
      transportation: pick(`${a.id} transport`, ['own', 'public_transit', 'public_transit', 'needs_help']),
      accommodations: s.groups.includes('students_with_disabilities') ? 'Written task lists help; extra time for new procedures.' : null,
      guardian_name: minor && s.guardian ? s.guardian[0] : null,
      guardian_email: minor && s.guardian ? s.guardian[1] : null,
      consents: JSON.stringify({ accurate: true, shareWithEmployer: true, guardianAware: minor }),
      supervisor_user_id: sup?.id ?? null,
      started_on: t.active !== undefined ? day(t.active) : null,
      completed_on: t.completed !== undefined ? day(t.completed) : null,
      created_at: at(day(t.submitted!), `${a.id} submitted`),
      updated_at: at(day(t[last]!), `${a.id} ${last}`),
    });

    const words = { title: a.opp.title, ref: reference(a.id) };
    send(
      a.tenantId,
      studentEmail,
      `Application received: ${words.title} (${words.ref})`,
      `${s.preferredName} applied for "${words.title}". Your application is in. Your Career Center will review it and let you (and your parent or guardian) know what happens next.\n\nReference: ${words.ref}`,
      a.id,
      at(day(t.submitted!), `${a.id} submitted`),
    );
    if (minor && s.guardian) {
      send(
        a.tenantId,
        s.guardian[1],
        `Application received: ${words.title} (${words.ref})`,
        `${s.preferredName} applied for "${words.title}". Your application is in. Your Career Center will review it and let you (and your parent or guardian) know what happens next.\n\nReference: ${words.ref}`,
        a.id,
        at(day(t.submitted!), `${a.id} submitted g`),
      );
    }

    // The history: each step on the way to where the application is now.
    let from: Status = 'submitted';
    for (const step of reached.slice(1)) {
      events.push({
        id: `evt_${a.id.slice(4)}_${step}`,
        tenant_id: a.tenantId,
        application_id: a.id,
        from_status: from,
        to_status: step,
        note: NOTES[step] ?? null,
        actor_user_id: a.tenantId === RIV ? COORDINATOR.id : 'usr_lak_coordinator',
        at: at(day(t[step]!), `${a.id} ${step}`),
      });
      if (step === 'offered')
        send(
          a.tenantId,
          studentEmail,
          `You have been offered a place: ${words.title} (${words.ref})`,
          `Good news, ${s.preferredName}: the host would like to welcome you for “${words.title}”. Talk it over at home, then tell your Career Center whether you accept.\n\nReference ${words.ref}`,
          a.id,
          at(day(t[step]!), `${a.id} ${step} m`),
        );
      if (step === 'confirmed')
        send(
          a.tenantId,
          studentEmail,
          `Your placement is confirmed: ${words.title} (${words.ref})`,
          `${s.preferredName}, your placement is confirmed: the training agreement is signed by everyone. Your supervisor will tell you where and when to arrive on your first day.\n\nReference ${words.ref}`,
          a.id,
          at(day(t[step]!), `${a.id} ${step} m`),
        );
      if (step === 'declined')
        send(
          a.tenantId,
          studentEmail,
          `About your application: ${words.title} (${words.ref})`,
          `${s.preferredName}, thank you for applying for “${words.title}”. This time it is not going ahead. Your Career Center can help you find a similar opportunity.\n\nA note from the Career Center: ${NOTES.declined}\n\nReference ${words.ref}`,
          a.id,
          at(day(t[step]!), `${a.id} ${step} m`),
        );
      from = step;
    }

    // The training agreement, from acceptance on.
    if (t.accepted !== undefined && sup) {
      const issued = day(t.accepted);
      const version = versionOn(a.tenantId, issued);
      const roles: Role[] = minor ? ['student', 'guardian', 'supervisor', 'coordinator'] : ['student', 'supervisor', 'coordinator'];
      roles.forEach((role, i) => {
        // Links go to the student, the roster's guardian and the supervisor; the coordinator signs in the console.
        const recipient = role === 'student' ? studentEmail : role === 'guardian' ? (s.guardian?.[1] ?? null) : role === 'supervisor' ? sup.email : null;
        const token = recipient ? demoSignToken(a.id, role) : null;
        // Accepted placements are mid-signature: the student first; for two of them the guardian too.
        const signed = last !== 'accepted' || role === 'student' || (role === 'guardian' && a.opp.employerKey !== 'arroyo_medical');
        const signedDay = t.confirmed !== undefined ? day(t.confirmed - 6 + i * 2) : day(t.accepted! + 1 + i);
        const signer =
          role === 'student' ? signerNameOf(s) : role === 'guardian' ? (s.guardian?.[0] ?? null) : role === 'supervisor' ? sup.name : COORDINATOR.name;
        // A guardian the roster has no address for waits, unsigned and without a link.
        const done = signed && (role !== 'guardian' || token !== null);
        agreements.push({
          id: `agr_${a.id.slice(4)}_${role}`,
          tenant_id: a.tenantId,
          application_id: a.id,
          role,
          text_version: version,
          sign_token_hash: token ? tokenHash(token) : null,
          sent_to: recipient,
          signed_by_user_id: done && role === 'coordinator' ? COORDINATOR.id : done && role === 'supervisor' ? sup.id : null,
          signer_name: done ? signer : null,
          signed_at: done ? at(signedDay, `${a.id} ${role} signed`) : null,
          created_at: at(issued, `${a.id} accepted`),
        });
        if (!token || !recipient) return;
        const roleWords = {
          student: 'student',
          guardian: 'parent or guardian',
          supervisor: 'workplace supervisor',
          coordinator: 'district work-based learning coordinator',
        }[role];
        send(
          a.tenantId,
          recipient,
          `Please sign: training agreement for ${words.title} (${words.ref})`,
          `${s.preferredName} has accepted a place in “${words.title}”.\n\nBefore the placement starts, its training agreement needs every signature. You are asked to sign as the ${roleWords}. Read the agreement and sign it with your typed name here:\n${origin}/demo/sign.html?token=${token}\n\nThis link is yours alone; please don’t forward it. It works for 60 days.\n\n${district} · Work-Based Learning Office · Reference ${words.ref}`,
          a.id,
          at(issued, `${a.id} sign ${role}`),
        );
      });
    }

    // Hours: twice a week from the start; the last entries of an active placement wait for approval.
    if (sup) {
      const tasks = a.opp.tasks.length ? a.opp.tasks : ['Shadowed the team'];
      for (const { k, d, pending } of hourPlan(a)) {
        hours.push({
          id: `hrs_${a.id.slice(4)}_${String(k).padStart(2, '0')}`,
          tenant_id: a.tenantId,
          application_id: a.id,
          worked_on: day(d),
          hours: pick(`${a.id} h ${k}`, [2.5, 3, 3, 3.5, 4, 4, 4.5, 5]),
          activity: tasks[k % tasks.length]!,
          logged_by: pending ? 'student' : 'supervisor',
          approved_by: pending ? null : sup.id,
          approved_at: pending ? null : at(day(Math.min(d + 1, -1)), `${a.id} h ${k} ok`),
          created_at: at(day(d), `${a.id} h ${k}`),
        });
      }
    }

    // Evaluations: a midpoint three weeks in; a final at the end.
    if (t.active !== undefined && sup && (a.status === 'completed' || (a.status === 'active' && -t.active >= 21))) {
      const midDay = t.completed !== undefined ? day(Math.round((t.active + t.completed) / 2)) : day(t.active + 21);
      evaluations.push({
        id: `evl_${a.id.slice(4)}_midpoint`,
        tenant_id: a.tenantId,
        application_id: a.id,
        phase: 'midpoint',
        ratings: JSON.stringify(ratingsFor(a, 'midpoint')),
        comments: 'Settling in well; we agreed on two goals for the second half.',
        evaluator_user_id: sup.id,
        created_at: at(midDay, `${a.id} mid`),
      });
      if (t.completed !== undefined) {
        evaluations.push({
          id: `evl_${a.id.slice(4)}_final`,
          tenant_id: a.tenantId,
          application_id: a.id,
          phase: 'final',
          ratings: JSON.stringify(ratingsFor(a, 'final')),
          comments: `${s.preferredName} grew into a dependable member of the team. We would gladly host them again.`,
          evaluator_user_id: sup.id,
          created_at: at(day(t.completed), `${a.id} final`),
        });
      }
    }
  }
  return [
    ['agreement_texts', texts],
    ['users', [...users.values()]],
    ['applications', apps],
    ['application_events', events],
    ['agreements', agreements],
    ['hour_logs', hours],
    ['evaluations', evaluations],
    ['outbox', outbox],
  ];
}

// ---------------------------------------------------------------------------------------------
// Training agreement texts (versioned per tenant)

const SECTIONS = (district: string, office: string, withBadges: boolean) => [
  `1. Learning plan. The placement’s learning goals, its tasks and the skills to be gained are those listed on the opportunity. The supervisor assigns meaningful work connected to them, and the student is never used to replace a paid employee.`,
  `2. Schedule and hours. The student works the agreed schedule, not during required classes unless the school has approved it, and within state and federal child labor law. Hours are recorded in ${district}’s work-based learning system and approved by the supervisor.`,
  `3. Supervision and safety. The supervisor, or a named colleague, supervises the student at all times, gives a safety orientation on the first day, provides any protective equipment the work requires, and reports any injury or incident to the ${office} the same day.`,
  `4. Conduct. The student follows the workplace’s rules, dress code and confidentiality requirements, arrives on time, and tells both the supervisor and the coordinator in advance when they cannot attend.`,
  `5. Evaluation. The supervisor rates each of the student’s named skills at the midpoint and at the end on a four-level rubric (beginning, developing, proficient, advanced), with comments.${withBadges ? ' Skills rated proficient or above may be recognised with a verifiable digital badge the student owns.' : ''}`,
  `6. Compensation. Where the opportunity is paid, the employer pays the student directly under its payroll rules; an unpaid placement is an educational experience for the student’s benefit.`,
  `7. Transportation. The student and family arrange transportation unless the opportunity says otherwise; the coordinator can help with transit options and travel support.`,
  `8. Privacy. ${district} shares only what the placement needs: the student’s preferred name, grade and school, and any accommodations the family chooses to share. The employer keeps them confidential.`,
  `9. Ending early. Any party may end the placement by telling the coordinator, who will arrange a conversation first whenever it is safe to do so.`,
  `10. Liability. The employer keeps general liability insurance in force, and its work-based learning liability agreement with ${district} stays on file for the whole placement.`,
];

function agreementBody(district: string, version: string, office: string, withBadges: boolean) {
  return [
    `${district} — Work-Based Learning Training Agreement (version ${version})`,
    '',
    `This agreement is between the student; the student’s parent or guardian, when the student is under 18; the host employer, represented by the workplace supervisor; and ${district}, represented by its work-based learning coordinator.`,
    '',
    'Work-based learning is an instructional strategy: the student takes part in authentic, real-world work with an industry or community partner to extend and deepen classroom learning, explore a career, and build skills that are hard to learn in a classroom alone.',
    '',
    ...SECTIONS(district, office, withBadges).flatMap((p) => [p, '']),
    'By typing my name I confirm that I have read this agreement and agree to my part in it.',
  ].join('\n');
}

/** The same agreement in Spanish: a faithful translation, for the same version. */
const SECCIONES = (district: string, office: string, withBadges: boolean) => [
  `1. Plan de aprendizaje. Los objetivos de aprendizaje de la práctica, sus tareas y las habilidades que se adquirirán son los que figuran en la oportunidad. El supervisor asigna un trabajo significativo relacionado con ellos, y nunca se usa al estudiante para reemplazar a un empleado remunerado.`,
  `2. Horario y horas. El estudiante trabaja el horario acordado, no durante las clases obligatorias salvo que la escuela lo haya aprobado, y dentro de las leyes estatales y federales sobre el trabajo de menores. Las horas se registran en el sistema de aprendizaje basado en el trabajo de ${district} y las aprueba el supervisor.`,
  `3. Supervisión y seguridad. El supervisor, o un colega designado, supervisa al estudiante en todo momento, le da una orientación de seguridad el primer día, le proporciona el equipo de protección que requiera el trabajo e informa de cualquier lesión o incidente a ${office} el mismo día.`,
  `4. Conducta. El estudiante sigue las normas del lugar de trabajo, su código de vestimenta y sus requisitos de confidencialidad, llega puntualmente y avisa con antelación tanto al supervisor como al coordinador cuando no pueda asistir.`,
  `5. Evaluación. El supervisor califica cada una de las habilidades indicadas del estudiante a mitad de la práctica y al final, con una rúbrica de cuatro niveles (inicial, en desarrollo, competente, avanzado) y comentarios.${withBadges ? ' Las habilidades calificadas como competentes o superiores pueden reconocerse con una insignia digital verificable que pertenece al estudiante.' : ''}`,
  `6. Remuneración. Cuando la oportunidad es remunerada, el empleador paga directamente al estudiante según sus normas de nómina; una práctica no remunerada es una experiencia educativa en beneficio del estudiante.`,
  `7. Transporte. El estudiante y su familia organizan el transporte, salvo que la oportunidad indique otra cosa; el coordinador puede ayudar con opciones de transporte público y apoyo para los desplazamientos.`,
  `8. Privacidad. ${district} comparte solo lo que la práctica necesita: el nombre preferido del estudiante, su grado y su escuela, y las adaptaciones que la familia decida compartir. El empleador los mantiene confidenciales.`,
  `9. Terminación anticipada. Cualquiera de las partes puede poner fin a la práctica avisando al coordinador, quien organizará primero una conversación siempre que sea seguro hacerlo.`,
  `10. Responsabilidad civil. El empleador mantiene vigente un seguro de responsabilidad civil general, y su acuerdo de responsabilidad para el aprendizaje basado en el trabajo con ${district} permanece archivado durante toda la práctica.`,
];

function cuerpoDelAcuerdo(district: string, version: string, office: string, withBadges: boolean) {
  return [
    `${district} — Acuerdo de formación de aprendizaje basado en el trabajo (versión ${version})`,
    '',
    `Este acuerdo es entre el estudiante; su madre, padre o tutor legal, cuando el estudiante es menor de 18 años; el empleador anfitrión, representado por el supervisor del lugar de trabajo; y ${district}, representado por su coordinador de aprendizaje basado en el trabajo.`,
    '',
    'El aprendizaje basado en el trabajo es una estrategia de enseñanza: el estudiante participa en un trabajo auténtico y real con un socio de la industria o de la comunidad para ampliar y profundizar lo aprendido en clase, explorar una carrera y desarrollar habilidades difíciles de aprender solo en un aula.',
    '',
    ...SECCIONES(district, office, withBadges).flatMap((p) => [p, '']),
    'Al escribir mi nombre confirmo que leí este acuerdo y que acepto la parte que me corresponde.',
  ].join('\n');
}

/** The versions each tenant has used, each in English and some in Spanish; the newest is the one new agreements get. */
export function agreementTextsFor(today: string) {
  const version = (daysAgo: number) => addDays(today, -daysAgo).slice(0, 7);
  return {
    [RIV]: [
      {
        version: version(480),
        createdDaysAgo: 480,
        body: agreementBody('Riverside Unified School District', version(480), 'Work-Based Learning Office', false),
      },
      {
        version: version(150),
        createdDaysAgo: 150,
        body: agreementBody('Riverside Unified School District', version(150), 'Work-Based Learning Office', true),
      },
      // The version new agreements get, in Spanish too: a signer can read and sign it in either language.
      {
        version: version(150),
        createdDaysAgo: 150,
        lang: 'es' as const,
        body: cuerpoDelAcuerdo('Riverside Unified School District', version(150), 'la Oficina de Aprendizaje Basado en el Trabajo', true),
      },
    ],
    [LAK]: [{ version: version(300), createdDaysAgo: 300, body: agreementBody('Lakeside Regional Convener', version(300), 'convener’s placement team', true) }],
  };
}
