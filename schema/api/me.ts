/**
 * `/api/v1/me`: a student's or guardian's own record, reached by a short bearer session that an
 * emailed sign-in link (or a student number and access code) opens. The same shapes type the
 * Worker's answers and `<wbl-my-wbl>`'s client.
 *
 * Nothing here ever names another person's record: a guardian sees the students whose roster
 * guardian they are, a student only themself, and any other id answers 404.
 */
import * as z from 'zod/mini';

import { APPLICATION_STATUSES, STAGE_CODES } from '../vocab.js';
import { AGREEMENT_ROLES, EVALUATION_PHASES } from '../vocab.js';
import { date, email, httpUrl, int, text } from './fields.js';

const id = (prefix: string, message: string) => z.string({ error: message }).check(z.regex(new RegExp(`^${prefix}_[A-Za-z0-9_]{3,60}$`), message));

// ── Signing in ─────────────────────────────────────────────────────────────────────────────

/** Ask for a sign-in link. Always answered 202, whether or not the address is on the roster. */
export const SignInLinkRequest = z.strictObject({
  email: email('Enter the email address your school has for you'),
  /** The page the link opens (the one `<wbl-my-wbl>` is on): it must be on one of the site's origins. */
  returnTo: z.optional(httpUrl('Use a page of this school’s site', 1000)),
});
SignInLinkRequest.register(z.globalRegistry, {
  description:
    'A student’s or guardian’s roster address; a sign-in link (single use, 15 minutes) is emailed when the school has it. It opens `returnTo` (a page on one of the site’s origins; without it the demo student page) with `#wbl-signin=<token>`.',
  example: { email: 'maya.student@example.org' },
});
export type SignInLinkRequest = z.input<typeof SignInLinkRequest>;

export const SignInLinkSent = z.object({ sent: z.literal(true), expiresInMinutes: z.number() });
export type SignInLinkSent = z.infer<typeof SignInLinkSent>;

/** Open a session: either the token from an emailed link, or a student number and access code. */
export const PersonSessionRequest = z.union([
  z.strictObject({
    token: z.string({ error: 'The sign-in link is not complete' }).check(z.minLength(20, 'The sign-in link is not complete'), z.maxLength(200)),
  }),
  z.strictObject({
    studentNumber: z
      .string({ error: 'Enter your student number' })
      .check(z.trim(), z.regex(/^[A-Za-z0-9-]{3,20}$/, 'Enter the student number on your school ID')),
    accessCode: z
      .string({ error: 'Enter the access code from your school' })
      .check(z.trim(), z.minLength(4, 'Enter the access code from your school'), z.maxLength(40, 'Enter the access code from your school')),
  }),
]);
PersonSessionRequest.register(z.globalRegistry, {
  description: 'The token from a sign-in link, or a student’s number and school-issued access code.',
  example: { token: 'the-token-from-the-emailed-link' },
});
export type PersonSessionRequest = z.input<typeof PersonSessionRequest>;

export const PERSON_KINDS = ['student', 'guardian'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** Who is signed in: never more than a name to greet them by. */
export const MePerson = z.object({
  kind: z.enum(PERSON_KINDS),
  /** The student's preferred name, or the guardian's name as the roster has it. */
  name: z.string(),
  tenantName: z.string(),
});
export type MePerson = z.infer<typeof MePerson>;

export const PersonSession = z.object({ token: z.string(), expiresAt: z.string(), person: MePerson });
export type PersonSession = z.infer<typeof PersonSession>;

// ── The record ─────────────────────────────────────────────────────────────────────────────

/** What happens next for an application, in words for the student (server-written, in the request's language). */
const NextStep = z.nullable(z.string());

export const MeApplication = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  opportunity: z.object({ id: z.string(), title: z.string(), employer: z.string(), stage: z.enum(STAGE_CODES), type: z.string() }),
  submittedAt: z.string(),
  updatedAt: z.string(),
  nextStep: NextStep,
  /** What the person may do now: `accept` / `decline` an offer (the student only), `withdraw`. */
  actions: z.array(z.enum(['accept', 'decline', 'withdraw'])),
});
export type MeApplication = z.infer<typeof MeApplication>;

export const MeSignature = z.object({
  role: z.enum(AGREEMENT_ROLES),
  signed: z.boolean(),
  signerName: z.nullable(z.string()),
  signedAt: z.nullable(z.string()),
  /** True on the one row the signed-in person signs (the student's own, a guardian's own). */
  mine: z.boolean(),
});

export const MeHourLog = z.object({
  id: z.string(),
  workedOn: z.string(),
  hours: z.number(),
  activity: z.string(),
  status: z.enum(['pending', 'approved', 'returned']),
  /** The supervisor's note when they returned the entry. */
  returnNote: z.nullable(z.string()),
});
export type MeHourLog = z.infer<typeof MeHourLog>;

export const MeReflection = z.object({
  /** A week's Monday (`YYYY-MM-DD`) or `closing`. */
  period: z.string(),
  body: z.string(),
  skills: z.array(z.string()),
  wouldRecommend: z.nullable(z.boolean()),
  updatedAt: z.string(),
});
export type MeReflection = z.infer<typeof MeReflection>;

export const MePlacement = z.object({
  /** The application's id: placements are applications from acceptance on. */
  id: z.string(),
  reference: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  opportunity: z.object({
    id: z.string(),
    title: z.string(),
    employer: z.string(),
    stage: z.enum(STAGE_CODES),
    /** The skills to be gained, for the closing reflection's choices. */
    skills: z.array(z.string()),
  }),
  schedule: z.nullable(z.string()),
  startsOn: z.nullable(z.string()),
  endsOn: z.nullable(z.string()),
  /** The supervisor's name only: never their address. */
  supervisorName: z.nullable(z.string()),
  signatures: z.array(MeSignature),
  /** The training agreement's text, in the request's language, while the person's own line is unsigned. */
  agreement: z.nullable(z.object({ version: z.string(), lang: z.enum(['en', 'es']), body: z.string() })),
  hours: z.array(MeHourLog),
  totals: z.object({ logged: z.number(), approved: z.number(), pending: z.number() }),
  /** Only final evaluations (a midpoint is the supervisor's working note until the final). */
  evaluations: z.array(
    z.object({
      phase: z.enum(EVALUATION_PHASES),
      ratings: z.array(z.object({ skill: z.string(), level: z.number(), comment: z.nullable(z.string()) })),
      comments: z.nullable(z.string()),
      recordedAt: z.string(),
    }),
  ),
  reflections: z.array(MeReflection),
  /** The experience survey: null until the placement ends; then `answered` says whether it was. */
  survey: z.nullable(z.object({ answered: z.boolean() })),
  /** What the student may do now (a guardian: only `sign`). */
  actions: z.array(z.enum(['sign', 'log_hours', 'reflect', 'close', 'survey'])),
});
export type MePlacement = z.infer<typeof MePlacement>;

export const MeEvent = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  /** `reserved` (confirmed or waitlisted, not yet held), `attended`, `missed`, `cancelled`. */
  status: z.enum(['reserved', 'waitlisted', 'attended', 'missed', 'cancelled']),
});
export type MeEvent = z.infer<typeof MeEvent>;

export const MeBadge = z.object({
  id: z.string(),
  name: z.string(),
  issuedAt: z.string(),
  revoked: z.boolean(),
  /** The credential's public page. */
  url: z.string(),
});
export type MeBadge = z.infer<typeof MeBadge>;

/** One stage of the continuum: what the student did at it, and the approved hours. */
export const ContinuumStage = z.object({
  stage: z.enum(STAGE_CODES),
  experiences: z.array(
    z.object({
      kind: z.enum(['event', 'placement']),
      id: z.string(),
      title: z.string(),
      /** The day it happened (an event) or began (a placement). */
      on: z.nullable(z.string()),
      hours: z.number(),
    }),
  ),
  hours: z.number(),
});
export type ContinuumStage = z.infer<typeof ContinuumStage>;

export const MeStudent = z.object({
  id: z.string(),
  preferredName: z.string(),
  grade: z.number(),
  school: z.nullable(z.string()),
  /** Whether the student's name shows on their public badges (the student chooses). */
  showNameOnBadges: z.boolean(),
  applications: z.array(MeApplication),
  placements: z.array(MePlacement),
  events: z.array(MeEvent),
  badges: z.array(MeBadge),
  /** Every stage, in order, even those with nothing yet. */
  continuum: z.array(ContinuumStage),
});
export type MeStudent = z.infer<typeof MeStudent>;

export const MeRecord = z.object({ person: MePerson, students: z.array(MeStudent) });
export type MeRecord = z.infer<typeof MeRecord>;

// ── What a person does ─────────────────────────────────────────────────────────────────────

export const MeStudentParam = z.strictObject({ studentId: id('stu', 'Not found') });
export const MeApplicationParam = z.strictObject({ id: id('app', 'Not found') });

/** Accept or decline an offer (the student, not a guardian). */
export const OfferAnswer = z.strictObject({
  answer: z.enum(['accept', 'decline'], { error: 'Choose accept or decline' }),
  note: z.optional(z.string().check(z.trim(), z.maxLength(500, 'Keep this under 500 characters'))),
});
OfferAnswer.register(z.globalRegistry, {
  description: 'The student’s answer to their offer.',
  example: { answer: 'accept' },
});
export type OfferAnswer = z.input<typeof OfferAnswer>;

/** Sign one's own line of the training agreement. */
export const MeSignRequest = z.strictObject({
  version: text(40, 'Reload the agreement and read it again'),
  typedName: text(120, 'Type your full name to sign'),
  agree: z.literal(true, { error: 'Check the box to say you agree' }),
});
MeSignRequest.register(z.globalRegistry, {
  description: 'The agreement version the person read, and their typed name.',
  example: { version: 'v1', typedName: 'Maya Lopez', agree: true },
});
export type MeSignRequest = z.input<typeof MeSignRequest>;

/** A student's own hours for one day: they wait for the supervisor's approval. */
export const MeHourRequest = z.strictObject({
  workedOn: date,
  hours: z
    .number({ error: 'Enter the hours worked, like 3.5' })
    .check(
      z.gte(0.25, 'Log at least a quarter of an hour'),
      z.lte(12, 'Log at most 12 hours for one day'),
      z.multipleOf(0.25, 'Round to the nearest quarter hour'),
    ),
  activity: text(500, 'Say what you worked on'),
});
MeHourRequest.register(z.globalRegistry, {
  description: 'Hours for one day of the placement, waiting for the supervisor’s approval.',
  example: { workedOn: '2026-03-14', hours: 3.5, activity: 'Restocked supply carts and shadowed the charge nurse' },
});
export type MeHourRequest = z.input<typeof MeHourRequest>;

export const ReflectionParam = z.strictObject({
  id: id('app', 'Not found'),
  period: z.string({ error: 'Choose a week' }).check(z.regex(/^(\d{4}-\d{2}-\d{2}|closing)$/, 'Choose a week')),
});

/** A week's reflection (`body`), or the closing one (`body` = what they learned, `skills`, `wouldRecommend`). */
export const ReflectionRequest = z.strictObject({
  body: text(3000, 'Write a few sentences'),
  skills: z.optional(z.array(text(160, 'Name the skill')).check(z.maxLength(20, 'Choose at most 20 skills'))),
  wouldRecommend: z.optional(z.boolean()),
});
ReflectionRequest.register(z.globalRegistry, {
  description: 'A week’s reflection, or the closing one with skills and a recommendation.',
  example: { body: 'I learned to take vital signs and to ask when unsure.', skills: ['communication'], wouldRecommend: true },
});
export type ReflectionRequest = z.input<typeof ReflectionRequest>;

const scale = (message: string) => int(1, 4, message);
export const SurveyRequest = z.strictObject({
  meaningful: scale('Choose how meaningful the work was'),
  feltSafe: scale('Choose how safe you felt'),
  wouldRecommend: scale('Choose whether you would recommend it'),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(1000, 'Keep this under 1000 characters'))),
});
SurveyRequest.register(z.globalRegistry, {
  description: 'The experience survey: each 1 (no) to 4 (yes, very much).',
  example: { meaningful: 4, feltSafe: 4, wouldRecommend: 3, comment: 'The team made me feel welcome.' },
});
export type SurveyRequest = z.input<typeof SurveyRequest>;

export const BadgeNameRequest = z.strictObject({ showNameOnBadges: z.boolean({ error: 'Choose whether your name shows' }) });
BadgeNameRequest.register(z.globalRegistry, {
  description: 'Whether the student’s name shows on their public badges.',
  example: { showNameOnBadges: true },
});
export type BadgeNameRequest = z.input<typeof BadgeNameRequest>;

/** The survey's answer, as its write returns it. */
export const SurveyAnswered = z.object({ answered: z.literal(true) });
export type SurveyAnswered = z.infer<typeof SurveyAnswered>;

/** The badge-name choice, as its write returns it. */
export const BadgeNameSaved = z.object({ showNameOnBadges: z.boolean() });
export type BadgeNameSaved = z.infer<typeof BadgeNameSaved>;
