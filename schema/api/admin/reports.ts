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

export const BreakdownRow = z.object({
  key: z.string(),
  label: z.string(),
  /** Unique students with at least one placement (confirmed, active or completed). */
  students: z.number(),
  /** Students in this row on the roster, where that is meaningful (school, grade, group); else null. */
  rosterStudents: z.nullable(z.number()),
  placements: z.number(),
  completed: z.number(),
  approvedHours: z.number(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const ReportSummary = z.object({
  period: z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()) }),
  rosterStudents: z.number(),
  /** Unique students with at least one experience (a confirmed, active or completed placement). */
  studentsWithExperience: z.number(),
  participationRate: z.number(),
  placements: z.number(),
  completed: z.number(),
  /** completed ÷ (completed + cancelled): placements that ended, and how many ended well. */
  completionRate: z.nullable(z.number()),
  approvedHours: z.number(),
  loggedHours: z.number(),
  /** Distinct employers hosting a placement in the period. */
  employersHosting: z.number(),
  /** Distinct employers with a published opportunity now. */
  employersOffering: z.number(),
  /**
   * Perkins V secondary indicator 5S3: the share of CTE concentrators who took part in
   * work-based learning. `graduating` counts grade-12 concentrators only (the cohort the
   * state measures at graduation); `all` counts every concentrator on the roster.
   */
  perkins5s3: z.object({
    all: z.object({ concentrators: z.number(), withWbl: z.number(), share: z.nullable(z.number()) }),
    graduating: z.object({ concentrators: z.number(), withWbl: z.number(), share: z.nullable(z.number()) }),
  }),
  breakdowns: z.object({
    stage: z.array(BreakdownRow),
    cluster: z.array(BreakdownRow),
    school: z.array(BreakdownRow),
    grade: z.array(BreakdownRow),
    group: z.array(BreakdownRow),
  }),
});
export type ReportSummary = z.infer<typeof ReportSummary>;
