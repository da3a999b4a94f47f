/**
 * Small-cell suppression for the participation reports (pure functions, no database).
 *
 * A report answers "how many students…", and a viewer can narrow the period or the school
 * until one student is left in a cell; that cell then tells them the student's group. So a
 * count from 1 to `minCell − 1` is withheld (`null`), and so is every other figure from which
 * it could be worked out:
 * - figures derived from the small count (placements, completed, hours, rates of that row);
 * - one more row of the same breakdown when exactly one is withheld, because the summary total
 *   minus the rows shown would give it back (complementary suppression);
 * - a whole breakdown when the population it splits is itself small, since then every
 *   non-zero row (and every zero) says something about those few students;
 * - a row whose roster count is small, since "0 of a handful" is about each of them too.
 * 0 stays 0 where nothing above applies.
 */
import type { BreakdownRow, ReportSummary } from '../../schema/api/admin/reports.js';
import { MIN_CELL_FLOOR } from '../../schema/api/admin/reports.js';

/** The threshold a tenant's setting gives, never below the floor whatever the database holds. */
export const effectiveMinCell = (setting: number | null | undefined): number => Math.max(MIN_CELL_FLOOR, Math.floor(Number(setting) || 0));

/** A count that could single a student out: more than none, fewer than the threshold. */
export const isSmall = (n: number, minCell: number): boolean => n > 0 && n < minCell;

/** A breakdown row as counted, before anything is withheld. */
export interface CountedRow {
  key: string;
  label: string;
  students: number;
  rosterStudents: number | null;
  placements: number;
  completed: number;
  approvedHours: number;
}

/** The populations a breakdown splits: students with an experience, and the roster. */
export interface Populations {
  students: number;
  roster: number;
}

/**
 * When exactly one cell of a column is withheld and the column's total is known, subtraction
 * gives it back; withholding the smallest other non-zero cell as well stops that while losing
 * the least. (With two or more withheld, only their sum can be worked out.)
 */
function protectFromSubtraction(hidden: boolean[], size: (i: number) => number): void {
  if (hidden.filter(Boolean).length !== 1) return;
  let pick = -1;
  for (let i = 0; i < hidden.length; i++) {
    if (!hidden[i] && size(i) > 0 && (pick < 0 || size(i) < size(pick))) pick = i;
  }
  if (pick >= 0) hidden[pick] = true;
}

/** One breakdown (stage, cluster, school, grade or group) with its small cells withheld. */
export function suppressBreakdown(rows: CountedRow[], whole: Populations, minCell: number): BreakdownRow[] {
  const small = (n: number) => isSmall(n, minCell);
  const tinyPopulation = small(whole.students) || small(whole.roster);
  const rosterHidden = rows.map((r) => r.rosterStudents !== null && (small(whole.roster) || small(r.rosterStudents)));
  const activityHidden = rows.map((r, i) => tinyPopulation || small(r.students) || (r.rosterStudents !== null && small(r.rosterStudents)) || rosterHidden[i]!);
  protectFromSubtraction(activityHidden, (i) => rows[i]!.students);
  protectFromSubtraction(rosterHidden, (i) => rows[i]!.rosterStudents ?? 0);
  return rows.map((r, i) => {
    const hide = activityHidden[i]!;
    return {
      key: r.key,
      label: r.label,
      suppressed: hide || rosterHidden[i]!,
      students: hide ? null : r.students,
      rosterStudents: rosterHidden[i] ? null : r.rosterStudents,
      placements: hide ? null : r.placements,
      completed: hide ? null : r.completed,
      approvedHours: hide ? null : r.approvedHours,
    };
  });
}

/** The summary's counts as counted. */
export interface CountedSummary {
  roster: number;
  withExperience: number;
  /** Students with any placement in scope, cancelled ones included (they feed completion and logged hours). */
  inScope: number;
  placements: number;
  completed: number;
  completionRate: number | null;
  participationRate: number | null;
  approvedHours: number;
  loggedHours: number;
}

export interface CountedPerkins {
  allConcentrators: number;
  allWith: number;
  gradConcentrators: number;
  gradWith: number;
}

type SummaryFigures = Pick<
  ReportSummary,
  | 'suppressed'
  | 'rosterStudents'
  | 'studentsWithExperience'
  | 'participationRate'
  | 'placements'
  | 'completed'
  | 'completionRate'
  | 'approvedHours'
  | 'loggedHours'
>;

/**
 * The summary tiles. A small number of students with an experience hides everything measured
 * on them (placements, completion, hours, the participation rate), as does a small roster
 * (a one-school filter on a tiny school).
 */
export function suppressSummary(s: CountedSummary, minCell: number): SummaryFigures {
  const small = (n: number) => isSmall(n, minCell);
  const rosterHidden = small(s.roster);
  const studentsHidden = rosterHidden || small(s.withExperience);
  const activityHidden = studentsHidden || small(s.inScope);
  return {
    suppressed: activityHidden,
    rosterStudents: rosterHidden ? null : s.roster,
    studentsWithExperience: studentsHidden ? null : s.withExperience,
    participationRate: studentsHidden ? null : s.participationRate,
    placements: activityHidden ? null : s.placements,
    completed: activityHidden ? null : s.completed,
    completionRate: activityHidden ? null : s.completionRate,
    approvedHours: activityHidden ? null : s.approvedHours,
    loggedHours: activityHidden ? null : s.loggedHours,
  };
}

/**
 * The Perkins V 5S3 figures. Grade-12 concentrators are a subset of all concentrators, so the
 * grade-12 figure is also withheld when the difference between the two (the other grades) is
 * small and both would otherwise be shown.
 */
export function suppressPerkins(
  p: CountedPerkins,
  minCell: number,
  rosterSmall: boolean,
  share: (part: number, whole: number) => number | null,
): ReportSummary['perkins5s3'] {
  const small = (n: number) => isSmall(n, minCell);
  const allConcHidden = rosterSmall || small(p.allConcentrators);
  const allWithHidden = allConcHidden || small(p.allWith);
  const gradConcHidden = rosterSmall || small(p.gradConcentrators) || (!allConcHidden && small(p.allConcentrators - p.gradConcentrators));
  const gradWithHidden = gradConcHidden || small(p.gradWith) || (!allWithHidden && small(p.allWith - p.gradWith));
  const figure = (conc: number, withWbl: number, concHidden: boolean, withHidden: boolean) => ({
    suppressed: concHidden || withHidden,
    concentrators: concHidden ? null : conc,
    withWbl: withHidden ? null : withWbl,
    share: withHidden ? null : share(withWbl, conc),
  });
  return {
    all: figure(p.allConcentrators, p.allWith, allConcHidden, allWithHidden),
    graduating: figure(p.gradConcentrators, p.gradWith, gradConcHidden, gradWithHidden),
  };
}

/** A CSV cell: a withheld figure reads `<N`, so a spreadsheet never shows it as blank or zero. */
export const csvFigure = (value: number | null, minCell: number, suppressed: boolean, blank = ''): string | number =>
  value !== null ? value : suppressed ? `<${minCell}` : blank;
