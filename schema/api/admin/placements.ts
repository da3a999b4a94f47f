/**
 * The placement pipeline contract for the coordinator console: applications and their
 * transitions (DESIGN.md §2), training-agreement signatures, hour logs, evaluations and the
 * outbox. Written with `zod/mini`; the transition table below is the one the Worker enforces,
 * so the console offers exactly the moves the server will accept.
 */
import * as z from 'zod/mini';
import { AGREEMENT_ROLES, APPLICATION_STATUSES, type ApplicationStatus, EVALUATION_PHASES } from '../../vocab.js';
import { date, email, int, text } from '../fields.js';
import { idOf, queryCursor, queryLimit, queryList, single } from './student-fields.js';

/**
 * Where an application may go next. The happy path is submitted → under_review → offered →
 * accepted → confirmed → active → completed; `declined` ends it before acceptance,
 * `withdrawn` at any point before completion, `cancelled` once it was confirmed.
 */
export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  submitted: ['under_review', 'declined', 'withdrawn'],
  under_review: ['offered', 'declined', 'withdrawn'],
  offered: ['accepted', 'declined', 'withdrawn'],
  accepted: ['confirmed', 'withdrawn'],
  confirmed: ['active', 'withdrawn', 'cancelled'],
  active: ['completed', 'withdrawn', 'cancelled'],
  completed: [],
  declined: [],
  withdrawn: [],
  cancelled: [],
};

/** Why an unsigned role has no working link (see ApplicationDetail.agreement.waiting). */
export const AGREEMENT_WAIT_REASONS = ['no_roster_address', 'not_sent'] as const;

/** The rubric every named skill is rated on. */
export const RUBRIC_LEVELS = [
  { level: 1, label: { en: 'Beginning', es: 'Inicial' } },
  { level: 2, label: { en: 'Developing', es: 'En desarrollo' } },
  { level: 3, label: { en: 'Proficient', es: 'Competente' } },
  { level: 4, label: { en: 'Advanced', es: 'Avanzado' } },
] as const;

export const ApplicationListQuery = z.strictObject({
  status: queryList(z.enum(APPLICATION_STATUSES, { error: 'Choose statuses from the list' })),
  opportunityId: z.optional(single(idOf('opp', 'Choose an opportunity from the list'))),
  studentId: z.optional(single(idOf('stu', 'Choose a student from the roster'))),
  schoolId: z.optional(single(idOf('sch', 'Choose a school from the list'))),
  employerId: z.optional(single(idOf('emp', 'Choose an employer from the list'))),
  cursor: queryCursor,
  limit: queryLimit,
});
export type ApplicationListQuery = z.output<typeof ApplicationListQuery>;

const Person = z.object({ id: z.string(), name: z.string() });
const SchoolRef = z.nullable(z.object({ id: z.string(), name: z.string() }));

export const ApplicationListItem = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  /** Only what a reviewer needs to recognise the student. */
  student: z.object({ id: z.string(), preferredName: z.string(), grade: z.number(), school: SchoolRef }),
  opportunity: z.object({ id: z.string(), title: z.string(), stage: z.string(), type: z.string(), employer: Person }),
  supervisor: z.nullable(Person),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedOn: z.nullable(z.string()),
  completedOn: z.nullable(z.string()),
});
export type ApplicationListItem = z.infer<typeof ApplicationListItem>;

export const ApplicationList = z.object({ items: z.array(ApplicationListItem), nextCursor: z.nullable(z.string()) });
export type ApplicationList = z.infer<typeof ApplicationList>;

export const Signature = z.object({
  role: z.enum(AGREEMENT_ROLES),
  textVersion: z.string(),
  signed: z.boolean(),
  signerName: z.nullable(z.string()),
  signedAt: z.nullable(z.string()),
  /**
   * The address this role's signing link was last sent to (the roster's for a student or
   * guardian, never one typed into a form); null when no link went out (the coordinator signs
   * in the console; a guardian waits for a roster address). Coordinators and admins only.
   */
  sentTo: z.nullable(z.string()),
  /** The staff user who signed: the coordinator in the console, or a supervisor with an account through their link. */
  signedBy: z.nullable(Person),
});
export type Signature = z.infer<typeof Signature>;

export const HourLog = z.object({
  id: z.string(),
  workedOn: z.string(),
  hours: z.number(),
  activity: z.string(),
  loggedBy: z.enum(['student', 'supervisor', 'coordinator']),
  approved: z.boolean(),
  approvedBy: z.nullable(Person),
  approvedAt: z.nullable(z.string()),
  /** Who approved or returned the entry, by name, when a supervisor acted through their emailed link (no account). */
  reviewerName: z.optional(z.nullable(z.string())),
  /** Sent back to the student with a note instead of approved. */
  returnedAt: z.optional(z.nullable(z.string())),
  returnNote: z.optional(z.nullable(z.string())),
  createdAt: z.string(),
});
export type HourLog = z.infer<typeof HourLog>;

export const HourTotals = z.object({ logged: z.number(), approved: z.number(), pending: z.number() });
export type HourTotals = z.infer<typeof HourTotals>;

export const Rating = z.object({ skill: z.string(), level: z.number(), comment: z.nullable(z.string()) });

export const Evaluation = z.object({
  id: z.string(),
  phase: z.enum(EVALUATION_PHASES),
  ratings: z.array(Rating),
  comments: z.nullable(z.string()),
  evaluator: z.nullable(Person),
  /** The evaluator's name when a supervisor recorded it through their emailed link (no account, so no `evaluator`). */
  evaluatorName: z.optional(z.nullable(z.string())),
  /** When the ratings were last recorded (a supervisor may revise them until a badge is issued). */
  recordedAt: z.string(),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const ApplicationDetail = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  /** The statuses the signed-in user may move this application to now. */
  allowedTransitions: z.array(z.enum(APPLICATION_STATUSES)),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedOn: z.nullable(z.string()),
  completedOn: z.nullable(z.string()),
  statement: z.nullable(z.string()),
  availability: z.object({ slots: z.array(z.string()), notes: z.nullable(z.string()) }),
  transportation: z.nullable(z.string()),
  accommodations: z.nullable(z.string()),
  student: z.object({ id: z.string(), preferredName: z.string(), grade: z.number(), school: SchoolRef, minor: z.boolean() }),
  opportunity: z.object({
    id: z.string(),
    title: z.string(),
    stage: z.string(),
    type: z.string(),
    cluster: z.string(),
    employer: Person,
    startsOn: z.nullable(z.string()),
    endsOn: z.nullable(z.string()),
    schedule: z.nullable(z.string()),
    /** Employability skill codes, then the opportunity's technical skills: what an evaluation rates. */
    skills: z.array(z.string()),
    technicalSkills: z.array(z.string()),
  }),
  supervisor: z.nullable(z.object({ id: z.string(), name: z.string(), email: z.string() })),
  /**
   * The workplace supervisor named on the placement without a staff account: they act through
   * emailed links (the weekly digest, new hours). Null when none is named.
   */
  namedSupervisor: z.optional(z.nullable(z.object({ name: z.string(), email: z.string() }))),
  /**
   * The parent or guardian contact the student typed into the application form: only a
   * suggestion for the coordinator to check and add to the roster. Nothing is ever sent to it;
   * signing links and messages go to the roster's guardian. Coordinators and admins only (null for others).
   */
  guardianSuggestion: z.nullable(z.object({ name: z.nullable(z.string()), email: z.nullable(z.string()) })),
  /** Supervisors at the opportunity's employer who may be assigned (coordinators only; empty for others). */
  supervisorOptions: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
  agreement: z.object({
    /** The roles whose signatures `confirmed` needs now. */
    required: z.array(z.enum(AGREEMENT_ROLES)),
    missing: z.array(z.enum(AGREEMENT_ROLES)),
    /**
     * Unsigned roles that have no working link, and why: `no_roster_address` (the roster has
     * no parent or guardian email: add one, then send the links again) or `not_sent` (the
     * roster has one now; send the links again).
     */
    waiting: z.array(z.object({ role: z.enum(AGREEMENT_ROLES), reason: z.enum(AGREEMENT_WAIT_REASONS) })),
    signatures: z.array(Signature),
  }),
  hours: z.object({ totals: HourTotals, entries: z.array(HourLog) }),
  evaluations: z.array(Evaluation),
  history: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      note: z.nullable(z.string()),
      actor: z.nullable(Person),
      at: z.string(),
    }),
  ),
  /**
   * The student's reflections (a week's Monday, or `closing`) and their experience survey, for
   * coordinators, admins and viewers; a supervisor is never shown them (empty, null).
   */
  reflections: z.optional(
    z.array(
      z.object({
        period: z.string(),
        body: z.string(),
        skills: z.array(z.string()),
        wouldRecommend: z.nullable(z.boolean()),
        updatedAt: z.string(),
      }),
    ),
  ),
  survey: z.optional(
    z.nullable(z.object({ meaningful: z.number(), feltSafe: z.number(), wouldRecommend: z.number(), comment: z.nullable(z.string()), answeredAt: z.string() })),
  ),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const TransitionRequest = z.strictObject({
  to: z.enum(APPLICATION_STATUSES, { error: 'Choose the next status from the list' }),
  /** Why, in a sentence: kept in the placement's history (e.g. the reason for declining). */
  note: z.optional(z.string().check(z.trim(), z.maxLength(1000, 'Keep the note under 1000 characters'))),
});
TransitionRequest.register(z.globalRegistry, {
  description: 'Move an application to its next status.',
  example: { to: 'under_review', note: 'Strong statement; checking transportation.' },
});
export type TransitionRequest = z.input<typeof TransitionRequest>;

/** What `POST /admin/applications/:id/agreement` answers: the signatures and who was sent a link. */
export const AgreementIssueResult = z.object({
  agreement: ApplicationDetail.shape.agreement,
  /** One entry per link sent now (coordinators never get one). */
  sent: z.array(z.object({ role: z.enum(AGREEMENT_ROLES), recipient: z.string() })),
});
export type AgreementIssueResult = z.infer<typeof AgreementIssueResult>;

/**
 * The coordinator signs the coordinator line of a training agreement inside the console, as
 * the signed-in user. No role in the body: this signs the coordinator line and nothing else.
 */
export const CoordinatorSignRequest = z.strictObject({
  /** The coordinator's full name, typed: their signature. */
  typedName: text(120, 'Type your full name to sign'),
});
CoordinatorSignRequest.register(z.globalRegistry, {
  description: 'Sign the coordinator line of a training agreement as the signed-in coordinator.',
  example: { typedName: 'Marcus Bell' },
});
export type CoordinatorSignRequest = z.input<typeof CoordinatorSignRequest>;

export const SupervisorAssignment = z.strictObject({
  /** A supervisor at the opportunity's employer, or null to unassign; left out, unchanged. */
  supervisorUserId: z.optional(z.nullable(idOf('usr', 'Choose a supervisor from the list'))),
  /**
   * The workplace supervisor named on the placement when they have no staff account (an
   * employer contact): their name and address, given together, or both null to remove them;
   * left out, unchanged. They approve hours and evaluate through emailed links. A staff
   * supervisor (`supervisorUserId`), when there is one, wins.
   */
  supervisorName: z.optional(z.nullable(text(120, 'Enter the supervisor’s name'))),
  supervisorEmail: z.optional(z.nullable(email('Enter the supervisor’s email address, like name@employer.org'))),
});
SupervisorAssignment.register(z.globalRegistry, {
  description:
    'Assign the employer supervisor who signs, logs hours and evaluates for this placement: a staff account, or a named contact without one who acts through emailed links.',
  example: { supervisorName: 'Rosa Alvarez', supervisorEmail: 'r.alvarez@arroyovalleymed.example' },
});
export type SupervisorAssignment = z.input<typeof SupervisorAssignment>;

export const HourLogRequest = z.strictObject({
  workedOn: date,
  /** Quarter hours, at most 12 in one entry (and 12 on one day). */
  hours: z
    .number({ error: 'Enter the hours worked, like 3.5' })
    .check(
      z.gte(0.25, 'Log at least a quarter of an hour'),
      z.lte(12, 'Log at most 12 hours for one day'),
      z.multipleOf(0.25, 'Round to the nearest quarter hour'),
    ),
  activity: text(500, 'Say what the student worked on'),
});
HourLogRequest.register(z.globalRegistry, {
  description: 'Hours worked on one day of a placement.',
  example: { workedOn: '2026-03-12', hours: 3.5, activity: 'Shadowed the charge nurse; restocked supply carts; took vital signs with supervision.' },
});
export type HourLogRequest = z.input<typeof HourLogRequest>;

export const HourLogResult = z.object({ entry: HourLog, totals: HourTotals });
export type HourLogResult = z.infer<typeof HourLogResult>;

export const EvaluationRequest = z.strictObject({
  /** One rating for each of the opportunity's named skills, no more and no fewer. */
  ratings: z
    .array(
      z.strictObject({
        /** An employability skill code (`communication`) or a technical skill exactly as the opportunity names it. */
        skill: text(160, 'Name the skill'),
        level: int(1, 4, 'Rate from 1 (beginning) to 4 (advanced)'),
        comment: z.optional(z.string().check(z.trim(), z.maxLength(500, 'Keep the comment under 500 characters'))),
      }),
      { error: 'Rate each skill' },
    )
    .check(z.minLength(1, 'Rate each skill'), z.maxLength(40, 'Rate at most 40 skills')),
  comments: z.optional(z.string().check(z.trim(), z.maxLength(2000, 'Keep the comments under 2000 characters'))),
});
EvaluationRequest.register(z.globalRegistry, {
  description: 'The supervisor’s ratings of each named skill on the 1–4 rubric.',
  example: {
    ratings: [
      { skill: 'communication', level: 3, comment: 'Explains procedures clearly to patients.' },
      { skill: 'professionalism', level: 4, comment: 'Always on time, in uniform, ready.' },
    ],
    comments: 'A dependable member of the unit by week three.',
  },
});
export type EvaluationRequest = z.input<typeof EvaluationRequest>;

/** Where a message is on its way: `queued` → `sending` → `sent`; `retrying` after a failure; `failed` when retrying cannot help; `suppressed` when the recipient turned its kind of message off. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'retrying', 'failed', 'suppressed'] as const;

export const OutboxQuery = z.strictObject({
  /** The application (or other record) the messages are about. */
  relatedId: z.optional(single(z.string().check(z.regex(/^[a-z]{2,6}_[a-z0-9_]{3,60}$/, 'Not a valid id')))),
  /** Only messages in this delivery state. */
  status: z.optional(single(z.enum(OUTBOX_STATUSES, { error: 'Choose a delivery state from the list' }))),
  cursor: queryCursor,
  limit: queryLimit,
});
export type OutboxQuery = z.output<typeof OutboxQuery>;

export const OutboxMessage = z.object({
  id: z.string(),
  recipient: z.string(),
  /** Which message of the catalogue this is (`message` for text written elsewhere). */
  kind: z.string(),
  /** The language it was written in: the recipient's. */
  lang: z.enum(['en', 'es']),
  subject: z.string(),
  /**
   * The text as written. A one-time link (a signing link) is never shown: in its place stands a
   * note, in the viewer's language, that it went only to the recipient.
   */
  body: z.string(),
  /** The message carries a one-time link for its recipient (shown redacted in `body`). */
  oneTimeLink: z.boolean(),
  status: z.enum(OUTBOX_STATUSES),
  /** Delivery attempts so far. */
  attempts: z.number(),
  /** Why the last attempt did not deliver it (retrying, failed, suppressed); null once sent. */
  lastError: z.nullable(z.string()),
  sentAt: z.nullable(z.string()),
  /** The Message-ID it went out with. */
  messageId: z.nullable(z.string()),
  /** When a `retrying` message is tried again. */
  nextAttemptAt: z.nullable(z.string()),
  relatedId: z.nullable(z.string()),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxList = z.object({ items: z.array(OutboxMessage), nextCursor: z.nullable(z.string()) });
export type OutboxList = z.infer<typeof OutboxList>;
