import { sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { REPORT_BREAKDOWNS, ReportQuery, ReportSummary, type ReportBreakdown } from '../../../schema/api/admin/reports.js';
import { CLUSTERS, labelOf, STAGES, STUDENT_GROUPS, type Locale } from '../../../schema/vocab.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { query } from '../../middleware/validate.js';
import { applications, hourLogs, opportunities, schools, students, tenants } from '../../../schema/db/tables.js';
import { auditRow } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import { toCsv } from '../../lib/csv.js';
import { describe } from '../../lib/openapi.js';
import { ProblemError } from '../../lib/problem.js';
import { csvFigure, effectiveMinCell, isSmall, suppressBreakdown, suppressPerkins, suppressSummary, type CountedRow } from '../../lib/report-suppression.js';
import { reportSettings } from './report-settings.js';

describe({
  method: 'get',
  path: '/api/v1/admin/reports',
  summary:
    'Participation, completion, hours, employers engaged and the Perkins V 5S3 share, with breakdowns; counts from 1 to the tenant’s threshold − 1 (and what would reveal them) are null',
  tags: ['admin: reports'],
  security: 'bearer',
  responses: { 200: { description: 'The report', schema: ReportSummary } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/reports/:name.csv',
  summary: 'One report as CSV: summary, stage, cluster, school, grade or group; withheld small counts read <N',
  tags: ['admin: reports'],
  security: 'bearer',
  params: { name: 'summary, stage, cluster, school, grade or group' },
  responses: { 200: { description: 'CSV with a header row', contentType: 'text/csv' } },
});

/** A student has "an experience" once a placement is confirmed; cancelled placements count toward completion rates only. */
const EXPERIENCE = sql`('confirmed', 'active', 'completed')`;

interface Filters {
  tenantId: string;
  from: string | null;
  to: string | null;
  schoolId: string | null;
}

/**
 * The placements in scope, as a CTE every figure is computed from, so all numbers on the page
 * describe the same set. The date is the placement's start, or the application date before it
 * starts. Its columns are named here (`p.student_id`…); the tables' through the table objects.
 */
function placementsCte(f: Filters): SQL {
  const placed = sql`coalesce(${applications.startedOn}, substr(${applications.createdAt}, 1, 10))`;
  return sql`WITH p AS (
      SELECT ${applications.id} AS id, ${applications.studentId} AS student_id, ${applications.status} AS status, ${opportunities.stage} AS stage,
             ${opportunities.cluster} AS cluster, ${opportunities.employerId} AS employer_id, ${students.schoolId} AS school_id, ${students.grade} AS grade,
             ${students.studentGroups} AS student_groups, ${students.concentrator} AS concentrator,
             coalesce((SELECT sum(${hourLogs.hours}) FROM ${hourLogs} WHERE ${hourLogs.applicationId} = ${applications.id} AND ${hourLogs.approvedAt} IS NOT NULL), 0) AS approved_hours,
             coalesce((SELECT sum(${hourLogs.hours}) FROM ${hourLogs} WHERE ${hourLogs.applicationId} = ${applications.id}), 0) AS logged_hours
        FROM ${applications}
        JOIN ${opportunities} ON ${opportunities.id} = ${applications.opportunityId}
        JOIN ${students} ON ${students.id} = ${applications.studentId} AND ${students.tenantId} = ${applications.tenantId}
       WHERE ${applications.tenantId} = ${f.tenantId} AND ${applications.status} IN ('confirmed', 'active', 'completed', 'cancelled')
         AND (${f.from} IS NULL OR ${placed} >= ${f.from})
         AND (${f.to} IS NULL OR ${placed} <= ${f.to})
         AND (${f.schoolId} IS NULL OR ${students.schoolId} = ${f.schoolId}))`;
}

/**
 * A hand-written aggregate as a statement drizzle can batch: `SELECT <columns> FROM (<query>)`,
 * the columns named by the query's own aliases. (drizzle's raw `db.all(sql)` cannot join a D1
 * batch that has parameters.)
 */
function aggregate<K extends string, V = number>(db: Database, columns: readonly K[], query: SQL) {
  const fields = Object.fromEntries(columns.map((name) => [name, sql<V>`${sql.identifier(name)}`])) as Record<K, SQL<V>>;
  return db.select(fields).from(sql`(${query})`);
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

export async function buildReport(db: Database, f: Filters, lang: Locale): Promise<ReportSummary> {
  const cte = placementsCte(f);
  const roster = sql`SELECT count(*) FROM ${students} WHERE ${students.tenantId} = ${f.tenantId} AND (${f.schoolId} IS NULL OR ${students.schoolId} = ${f.schoolId})`;
  const group = (keyExpr: SQL, from: SQL = sql`p`) =>
    aggregate<'key' | 'students' | 'placements' | 'completed' | 'approved_hours', number | string | null>(
      db,
      ['key', 'students', 'placements', 'completed', 'approved_hours'],
      sql`${cte}
      SELECT ${keyExpr} AS key,
             count(DISTINCT CASE WHEN p.status IN ${EXPERIENCE} THEN p.student_id END) AS students,
             count(DISTINCT CASE WHEN p.status IN ${EXPERIENCE} THEN p.id END) AS placements,
             count(DISTINCT CASE WHEN p.status = 'completed' THEN p.id END) AS completed,
             coalesce(sum(CASE WHEN p.status IN ${EXPERIENCE} THEN p.approved_hours END), 0) AS approved_hours
        FROM ${from} GROUP BY 1 ORDER BY 1`,
    );
  const bySchoolStudents = sql`${students.tenantId} = ${f.tenantId} AND (${f.schoolId} IS NULL OR ${students.schoolId} = ${f.schoolId})`;
  const [[t], [pk], [offering], byStage, byCluster, bySchool, byGrade, byGroup, schoolRows, rosterBy, [setting]] = await db.batch([
    aggregate(
      db,
      ['roster', 'with_experience', 'in_scope', 'placements', 'completed', 'cancelled', 'approved_hours', 'logged_hours', 'employers_hosting'],
      sql`${cte}
      SELECT (${roster}) AS roster,
             count(DISTINCT CASE WHEN status IN ${EXPERIENCE} THEN student_id END) AS with_experience,
             count(DISTINCT student_id) AS in_scope,
             count(CASE WHEN status IN ${EXPERIENCE} THEN 1 END) AS placements,
             count(CASE WHEN status = 'completed' THEN 1 END) AS completed,
             count(CASE WHEN status = 'cancelled' THEN 1 END) AS cancelled,
             coalesce(sum(CASE WHEN status IN ${EXPERIENCE} THEN approved_hours END), 0) AS approved_hours,
             coalesce(sum(logged_hours), 0) AS logged_hours,
             count(DISTINCT CASE WHEN status IN ${EXPERIENCE} THEN employer_id END) AS employers_hosting
        FROM p`,
    ),
    aggregate(
      db,
      ['all_conc', 'all_with', 'grad_conc', 'grad_with'],
      sql`${cte}
      SELECT count(*) AS all_conc,
             count(CASE WHEN ${students.id} IN (SELECT student_id FROM p WHERE status IN ${EXPERIENCE}) THEN 1 END) AS all_with,
             count(CASE WHEN ${students.grade} = 12 THEN 1 END) AS grad_conc,
             count(CASE WHEN ${students.grade} = 12 AND ${students.id} IN (SELECT student_id FROM p WHERE status IN ${EXPERIENCE}) THEN 1 END) AS grad_with
        FROM ${students} WHERE ${students.tenantId} = ${f.tenantId} AND ${students.concentrator} = 1 AND (${f.schoolId} IS NULL OR ${students.schoolId} = ${f.schoolId})`,
    ),
    aggregate(
      db,
      ['n'],
      sql`SELECT count(DISTINCT ${opportunities.employerId}) AS n FROM ${opportunities} WHERE ${opportunities.tenantId} = ${f.tenantId} AND ${opportunities.status} = 'published'`,
    ),
    group(sql`p.stage`),
    group(sql`p.cluster`),
    group(sql`p.school_id`),
    group(sql`p.grade`),
    group(sql`g.value`, sql`p, json_each(p.student_groups) g`),
    aggregate<'id' | 'name', string>(
      db,
      ['id', 'name'],
      sql`SELECT ${schools.id} AS id, ${schools.name} AS name FROM ${schools} WHERE ${schools.tenantId} = ${f.tenantId} ORDER BY ${schools.name}`,
    ),
    aggregate<'dim' | 'key' | 'n', string | number>(
      db,
      ['dim', 'key', 'n'],
      sql`
      SELECT 'school' AS dim, ${students.schoolId} AS key, count(*) AS n FROM ${students} WHERE ${bySchoolStudents} GROUP BY ${students.schoolId}
      UNION ALL SELECT 'grade', ${students.grade}, count(*) FROM ${students} WHERE ${bySchoolStudents} GROUP BY ${students.grade}
      UNION ALL SELECT 'group', g.value, count(*) FROM ${students}, json_each(${students.studentGroups}) g WHERE ${bySchoolStudents} GROUP BY g.value`,
    ),
    aggregate(db, ['n'], sql`SELECT ${tenants.reportMinCell} AS n FROM ${tenants} WHERE ${tenants.id} = ${f.tenantId}`),
  ]);
  // A count or sum over no rows is 0; a tenant always has its row.
  if (!t || !pk || !offering) throw new Error('An aggregate without its row');
  const minCell = effectiveMinCell(setting?.n);
  const schoolNames = new Map(schoolRows.map((s) => [s.id, s.name]));
  const rosterCounts = new Map(rosterBy.map((r) => [`${r.dim}:${r.key}`, Number(r.n)]));

  const rows = (result: typeof byStage, dim: ReportBreakdown, label: (key: string) => string, withRoster: boolean): CountedRow[] =>
    result
      .filter((r) => r.key !== null)
      .map((r) => ({
        key: String(r.key),
        label: label(String(r.key)),
        students: Number(r.students),
        rosterStudents: withRoster ? (rosterCounts.get(`${dim}:${r.key}`) ?? 0) : null,
        placements: Number(r.placements),
        completed: Number(r.completed),
        approvedHours: Math.round(Number(r.approved_hours) * 100) / 100,
      }));
  // Groups, grades and schools with students on the roster but no placements are the point of an
  // equity report: they are listed with zeros rather than left out.
  const withZeros = (list: CountedRow[], dim: ReportBreakdown, label: (key: string) => string): CountedRow[] => {
    const seen = new Set(list.map((r) => r.key));
    for (const [k, n] of rosterCounts) {
      const [d, key] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];
      if (d !== dim || seen.has(key) || key === 'null') continue;
      list.push({ key, label: label(key), students: 0, rosterStudents: n, placements: 0, completed: 0, approvedHours: 0 });
    }
    return list.sort((a, b) => (dim === 'grade' ? Number(a.key) - Number(b.key) : a.label.localeCompare(b.label)));
  };
  const gradeLabel = (k: string) => (lang === 'es' ? `Grado ${k}` : `Grade ${k}`);
  const schoolLabel = (k: string) => schoolNames.get(k) ?? k;
  const groupLabel = (k: string) => labelOf(STUDENT_GROUPS, k, lang);

  const whole = { students: t.with_experience, roster: t.roster };
  const suppressed = (list: CountedRow[]) => suppressBreakdown(list, whole, minCell);

  return {
    period: { from: f.from, to: f.to },
    suppression: { minCell },
    ...suppressSummary(
      {
        roster: t.roster,
        withExperience: t.with_experience,
        inScope: t.in_scope,
        participationRate: share(t.with_experience, t.roster) ?? 0,
        placements: t.placements,
        completed: t.completed,
        completionRate: share(t.completed, t.completed + t.cancelled),
        approvedHours: Math.round(t.approved_hours * 100) / 100,
        loggedHours: Math.round(t.logged_hours * 100) / 100,
      },
      minCell,
    ),
    // Employers are organisations, not students: their counts are never withheld.
    employersHosting: t.employers_hosting,
    employersOffering: offering.n,
    perkins5s3: suppressPerkins(
      { allConcentrators: pk.all_conc, allWith: pk.all_with, gradConcentrators: pk.grad_conc, gradWith: pk.grad_with },
      minCell,
      isSmall(t.roster, minCell),
      share,
    ),
    breakdowns: {
      stage: suppressed(rows(byStage, 'stage', (k) => labelOf(STAGES, k, lang), false)),
      cluster: suppressed(rows(byCluster, 'cluster', (k) => labelOf(CLUSTERS, k, lang), false)),
      school: suppressed(withZeros(rows(bySchool, 'school', schoolLabel, true), 'school', schoolLabel)),
      grade: suppressed(withZeros(rows(byGrade, 'grade', gradeLabel, true), 'grade', gradeLabel)),
      group: suppressed(withZeros(rows(byGroup, 'group', groupLabel, true), 'group', groupLabel)),
    },
  };
}

const BREAKDOWN_HEADER = ['key', 'label', 'students_with_experience', 'roster_students', 'placements', 'completed', 'approved_hours'];

function reportCsv(report: ReportSummary, name: 'summary' | ReportBreakdown): string {
  const n = report.suppression.minCell;
  if (name === 'summary') {
    const p = report.perkins5s3;
    const s = (v: number | null) => csvFigure(v, n, report.suppressed);
    const all = (v: number | null) => csvFigure(v, n, p.all.suppressed);
    const grad = (v: number | null) => csvFigure(v, n, p.graduating.suppressed);
    return toCsv(
      ['measure', 'value'],
      [
        ['period_from', report.period.from ?? ''],
        ['period_to', report.period.to ?? ''],
        ['suppression_min_cell', n],
        ['roster_students', s(report.rosterStudents)],
        ['students_with_experience', s(report.studentsWithExperience)],
        ['participation_rate', s(report.participationRate)],
        ['placements', s(report.placements)],
        ['completed', s(report.completed)],
        ['completion_rate', s(report.completionRate)],
        ['approved_hours', s(report.approvedHours)],
        ['logged_hours', s(report.loggedHours)],
        ['employers_hosting', report.employersHosting],
        ['employers_offering', report.employersOffering],
        ['perkins_5s3_concentrators', all(p.all.concentrators)],
        ['perkins_5s3_with_wbl', all(p.all.withWbl)],
        ['perkins_5s3_share', all(p.all.share)],
        ['perkins_5s3_grade12_concentrators', grad(p.graduating.concentrators)],
        ['perkins_5s3_grade12_with_wbl', grad(p.graduating.withWbl)],
        ['perkins_5s3_grade12_share', grad(p.graduating.share)],
      ],
    );
  }
  return toCsv(
    BREAKDOWN_HEADER,
    report.breakdowns[name].map((r) => {
      const cell = (v: number | null) => csvFigure(v, n, r.suppressed);
      // A roster count is null for stage and cluster (not meaningful there) as well as when withheld.
      const roster = r.rosterStudents !== null ? r.rosterStudents : name === 'stage' || name === 'cluster' ? '' : cell(null);
      return [r.key, r.label, cell(r.students), roster, cell(r.placements), cell(r.completed), cell(r.approvedHours)];
    }),
  );
}

function filters(c: { get(k: 'user'): { tenantId: string } }, q: ReportQuery): Filters {
  if (q.from && q.to && q.from > q.to) {
    throw new ProblemError('validation', { errors: [{ path: 'to', message: 'The end date must be on or after the start date', code: 'range' }] });
  }
  return { tenantId: c.get('user').tenantId, from: q.from ?? null, to: q.to ?? null, schoolId: q.schoolId ?? null };
}

const isReportName = (name: string): name is 'summary' | ReportBreakdown => name === 'summary' || REPORT_BREAKDOWNS.some((b) => b === name);

export const reports = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator', 'viewer'))
  .route('/settings', reportSettings)
  .get('/', query(ReportQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await buildReport(c.var.db, filters(c, q), q.lang ?? 'en'));
  })
  .get('/:file{[a-z]+\\.csv}', query(ReportQuery), async (c) => {
    const name = c.req.param('file').replace(/\.csv$/, '');
    if (!isReportName(name)) {
      throw new ProblemError('notFound', { detail: `There is no ${name} report. Try summary, ${REPORT_BREAKDOWNS.join(', ')}.` });
    }
    const q = c.req.valid('query');
    const user = c.get('user');
    const report = await buildReport(c.var.db, filters(c, q), q.lang ?? 'en');
    await auditRow(c.var.db, {
      tenantId: user.tenantId,
      actorType: 'user',
      actorId: user.id,
      action: 'report.export',
      entity: 'report',
      entityId: name,
      detail: { from: q.from ?? null, to: q.to ?? null, schoolId: q.schoolId ?? null },
    });
    const stamp = new Date().toISOString().slice(0, 10);
    return c.body(reportCsv(report, name), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="wbl-${name}-${stamp}.csv"`,
    });
  });
