/**
 * Participation reports for the coordinator console: the numbers a district reports to the
 * state (Perkins V 5S3) and uses to see who WBL is and is not reaching.
 */
import * as z from 'zod/mini';

export const REPORT_BREAKDOWNS = ['stage', 'cluster', 'school', 'grade', 'group'] as const;
export type ReportBreakdown = (typeof REPORT_BREAKDOWNS)[number];

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-08-15'));

export const ReportQuery = z.strictObject({
  /** Placements that started (or were applied for) on or after this date. */
  from: z.optional(day),
  /** …and on or before this date. */
  to: z.optional(day),
  schoolId: z.optional(z.string().check(z.maxLength(80))),
  lang: z.optional(z.enum(['en', 'es'])),
});
export type ReportQuery = z.output<typeof ReportQuery>;

/**
 * Small-cell suppression: a count from 1 to `minCell − 1` could single a student out, so it is
 * answered as `null` (`<N` in CSV), and so is every figure from which it could be worked out.
 * 0 stays 0. The threshold is the tenant's setting, never below {@link MIN_CELL_FLOOR}.
 */
export const MIN_CELL_FLOOR = 5;
export const MIN_CELL_CEILING = 100;

export const ReportSettings = z.strictObject({
  /** Counts below this (and above 0) are hidden in every report. */
  minCell: z
    .int({ error: 'Enter a whole number, like 5' })
    .check(
      z.gte(MIN_CELL_FLOOR, `The threshold cannot be lower than ${MIN_CELL_FLOOR}: smaller counts could identify a student`),
      z.lte(MIN_CELL_CEILING, `The threshold can be at most ${MIN_CELL_CEILING}`),
    ),
});
ReportSettings.register(z.globalRegistry, {
  description: 'The small-cell threshold: report counts from 1 to minCell − 1 are withheld. At least 5.',
  example: { minCell: 10 },
});
export type ReportSettings = z.output<typeof ReportSettings>;

export const BreakdownRow = z.object({
  key: z.string(),
  label: z.string(),
  /**
   * Whether some figure of this row is withheld (`null`): it is a small count, it is derived
   * from one, or it would let a small count elsewhere be worked out by subtraction.
   */
  suppressed: z.boolean(),
  /** Unique students with at least one experience (a confirmed, active or completed placement, or an event attended, under `awareness`); null when suppressed. */
  students: z.nullable(z.number()),
  /** Students in this row on the roster, where that is meaningful (school, grade, group) and not suppressed; else null. */
  rosterStudents: z.nullable(z.number()),
  placements: z.nullable(z.number()),
  completed: z.nullable(z.number()),
  approvedHours: z.nullable(z.number()),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

const PerkinsFigure = z.object({
  /** Whether a figure here is withheld because it is, or reveals, a small count. */
  suppressed: z.boolean(),
  concentrators: z.nullable(z.number()),
  withWbl: z.nullable(z.number()),
  share: z.nullable(z.number()),
});

export const ReportSummary = z.object({
  period: z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()) }),
  /** The threshold this answer was suppressed with: counts from 1 to minCell − 1 are `null`. */
  suppression: z.object({ minCell: z.number() }),
  /** Whether a summary figure (not a breakdown row) is withheld. */
  suppressed: z.boolean(),
  rosterStudents: z.nullable(z.number()),
  /** Unique students with at least one experience: a confirmed, active or completed placement, or attending an event (career awareness). */
  studentsWithExperience: z.nullable(z.number()),
  participationRate: z.nullable(z.number()),
  placements: z.nullable(z.number()),
  completed: z.nullable(z.number()),
  /** completed ÷ (completed + cancelled): placements that ended, and how many ended well. */
  completionRate: z.nullable(z.number()),
  approvedHours: z.nullable(z.number()),
  loggedHours: z.nullable(z.number()),
  /** Distinct employers hosting a placement in the period. */
  employersHosting: z.number(),
  /** Distinct employers with a published opportunity now. */
  employersOffering: z.number(),
  /**
   * Perkins V secondary indicator 5S3: the share of CTE concentrators who took part in
   * work-based learning. `graduating` counts grade-12 concentrators only (the cohort the
   * state measures at graduation); `all` counts every concentrator on the roster.
   */
  perkins5s3: z.object({ all: PerkinsFigure, graduating: PerkinsFigure }),
  breakdowns: z.object({
    stage: z.array(BreakdownRow),
    cluster: z.array(BreakdownRow),
    school: z.array(BreakdownRow),
    grade: z.array(BreakdownRow),
    group: z.array(BreakdownRow),
  }),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

/** Parties and people. */
const Headcount = z.object({ parties: z.number(), people: z.number() });

/** One event: who reserved and who came. Parties and people are headcounts, not student records; the student count is withheld when small. */
export const EventReportRow = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  startsAt: z.string(),
  status: z.string(),
  /** Confirmed reservations. */
  reserved: Headcount,
  waitlisted: Headcount,
  /** Reservations checked in and walk-ins, together. */
  attended: Headcount,
  walkIns: Headcount,
  /** Roster students who came (their career-awareness experience); null when small. */
  students: z.nullable(z.number()),
});
export type EventReportRow = z.infer<typeof EventReportRow>;

export const EventReport = z.object({
  period: z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()) }),
  suppression: z.object({ minCell: z.number() }),
  /** Events that start in the period, latest first (at most 200). */
  events: z.array(EventReportRow),
});
export type EventReport = z.infer<typeof EventReport>;

/** The experience survey answered for one employer's placements: each scale 1 (no) to 4 (yes, very much). */
export const SurveyEmployerRow = z.object({
  employerId: z.string(),
  name: z.string(),
  /** Whether the figures are withheld because fewer students than the threshold answered. */
  suppressed: z.boolean(),
  responses: z.nullable(z.number()),
  /** Was the work meaningful: the average answer. */
  meaningful: z.nullable(z.number()),
  /** Did they feel safe: the average answer. */
  feltSafe: z.nullable(z.number()),
  /** Would they recommend it: the average answer. */
  wouldRecommend: z.nullable(z.number()),
  /** The share answering 3 or 4 to "would you recommend it". */
  recommendShare: z.nullable(z.number()),
});
export type SurveyEmployerRow = z.infer<typeof SurveyEmployerRow>;

export const SurveyReport = z.object({
  period: z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()) }),
  suppression: z.object({ minCell: z.number() }),
  employers: z.array(SurveyEmployerRow),
});
export type SurveyReport = z.infer<typeof SurveyReport>;
