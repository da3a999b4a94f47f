import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { EventReport, REPORT_BREAKDOWNS, ReportQuery, ReportSummary, SurveyReport, type ReportBreakdown } from '../../../schema/api/admin/reports.js';
import { CLUSTERS, labelOf, STAGES, STUDENT_GROUPS, type Locale } from '../../../schema/vocab.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { query } from '../../middleware/validate.js';
import {
  applications,
  attendance,
  employers,
  events,
  experienceSurveys,
  hourLogs,
  opportunities,
  rsvps,
  schools,
  students,
  tenants,
} from '../../../schema/db/tables.js';
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
  path: '/api/v1/admin/reports/events',
  summary: 'Events that start in the period: reserved against attended (parties and people), walk-ins, and roster students who came (withheld when small)',
  tags: ['admin: reports'],
  security: 'bearer',
  query: ReportQuery,
  responses: { 200: { description: 'The events report', schema: EventReport } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/reports/experience-surveys',
  summary:
    'The experience survey per employer: responses, the average of each scale (1–4) and the share who would recommend it; employers with fewer responses than the threshold are withheld',
  tags: ['admin: reports'],
  security: 'bearer',
  query: ReportQuery,
  responses: { 200: { description: 'The survey report', schema: SurveyReport } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/reports/events.csv',
  summary: 'The events report as CSV; a withheld student count reads <N; each export is audited',
  tags: ['admin: reports'],
  security: 'bearer',
  query: ReportQuery,
  responses: { 200: { description: 'CSV with a header row', contentType: 'text/csv' } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/reports/experience-surveys.csv',
  summary: 'The survey report as CSV; a withheld employer’s figures read <N; each export is audited',
  tags: ['admin: reports'],
  security: 'bearer',
  query: ReportQuery,
  responses: { 200: { description: 'CSV with a header row', contentType: 'text/csv' } },
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
/** …or once they attended an event (a career-awareness experience, status `attended` in the CTE): it counts students, never placements. */
const EXPERIENCED = sql`('confirmed', 'active', 'completed', 'attended')`;

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
 * Events a roster student attended join it as rows of status `attended` at stage `awareness`
 * (dated by the check-in), with no cluster, employer or hours: they count toward students with
 * an experience, never toward placements.
 */
function placementsCte(f: Filters): SQL {
  const placed = sql`coalesce(${applications.startedOn}, substr(${applications.createdAt}, 1, 10))`;
  const attended = sql`substr(${attendance.checkedInAt}, 1, 10)`;
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
         AND (${f.schoolId} IS NULL OR ${students.schoolId} = ${f.schoolId})
      UNION ALL
      SELECT ${attendance.id}, ${attendance.studentId}, 'attended', 'awareness', NULL, NULL, ${students.schoolId}, ${students.grade},
             ${students.studentGroups}, ${students.concentrator}, 0, 0
        FROM ${attendance}
        JOIN ${students} ON ${students.id} = ${attendance.studentId} AND ${students.tenantId} = ${attendance.tenantId}
       WHERE ${attendance.tenantId} = ${f.tenantId}
         AND (${f.from} IS NULL OR ${attended} >= ${f.from})
         AND (${f.to} IS NULL OR ${attended} <= ${f.to})
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
             count(DISTINCT CASE WHEN p.status IN ${EXPERIENCED} THEN p.student_id END) AS students,
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
             count(DISTINCT CASE WHEN status IN ${EXPERIENCED} THEN student_id END) AS with_experience,
             count(DISTINCT CASE WHEN status <> 'attended' THEN student_id END) AS in_scope,
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

async function minCellOf(db: Database, tenantId: string): Promise<number> {
  const t = await db.select({ n: tenants.reportMinCell }).from(tenants).where(eq(tenants.id, tenantId)).get();
  return effectiveMinCell(t?.n);
}

const headcount = (parties: number, people: number) => ({ parties: Number(parties), people: Number(people) });

/** Reserved against attended for the events that start in the period (in the tenant's zone's days, as UTC dates: close enough for a report), latest first. */
export async function buildEventReport(db: Database, f: Filters): Promise<EventReport> {
  const minCell = await minCellOf(db, f.tenantId);
  const day = sql`substr(${events.startsAt}, 1, 10)`;
  // Qualified by hand: drizzle writes a selected column unqualified, and inside the subqueries a bare "id" is the inner table's.
  const eventId = sql`${events}.${sql.identifier('id')}`;
  const seats = (status: 'confirmed' | 'waitlisted', what: 'parties' | 'people') =>
    sql<number>`(SELECT ${what === 'parties' ? sql`count(*)` : sql`coalesce(sum(${rsvps.partySize}), 0)`} FROM ${rsvps} WHERE ${rsvps}.${sql.identifier('event_id')} = ${eventId} AND ${rsvps}.${sql.identifier('status')} = ${status})`;
  const came = (what: SQL, walkIn: boolean | null) =>
    sql<number>`(SELECT ${what} FROM ${attendance} WHERE ${attendance}.${sql.identifier('event_id')} = ${eventId}${walkIn === null ? sql`` : sql` AND ${attendance}.${sql.identifier('walk_in')} = ${walkIn ? 1 : 0}`})`;
  const rows = await db
    .select({
      id: events.id,
      title: events.title,
      type: events.type,
      startsAt: events.startsAt,
      status: events.status,
      reservedParties: seats('confirmed', 'parties'),
      reservedPeople: seats('confirmed', 'people'),
      waitlistedParties: seats('waitlisted', 'parties'),
      waitlistedPeople: seats('waitlisted', 'people'),
      attendedParties: came(sql`count(*)`, null),
      attendedPeople: came(sql`coalesce(sum(${attendance.people}), 0)`, null),
      walkInParties: came(sql`count(*)`, true),
      walkInPeople: came(sql`coalesce(sum(${attendance.people}), 0)`, true),
      students: came(sql`count(DISTINCT ${attendance.studentId})`, null),
    })
    .from(events)
    .where(
      and(
        eq(events.tenantId, f.tenantId),
        f.from ? sql`${day} >= ${f.from}` : undefined,
        f.to ? sql`${day} <= ${f.to}` : undefined,
        f.schoolId ? eq(events.schoolId, f.schoolId) : undefined,
      ),
    )
    .orderBy(desc(events.startsAt))
    .limit(200)
    .all();
  return {
    period: { from: f.from, to: f.to },
    suppression: { minCell },
    events: rows.map((r) => ({
      id: r.id,
      title: r.title,
      type: r.type,
      startsAt: r.startsAt,
      status: r.status,
      reserved: headcount(r.reservedParties, r.reservedPeople),
      waitlisted: headcount(r.waitlistedParties, r.waitlistedPeople),
      attended: headcount(r.attendedParties, r.attendedPeople),
      walkIns: headcount(r.walkInParties, r.walkInPeople),
      // Which students came is a student record; how many people came through the door is not.
      students: isSmall(Number(r.students), minCell) ? null : Number(r.students),
    })),
  };
}

/**
 * The experience survey per employer, for the district to monitor quality (the seeds' "shared
 * progress measured"): dated by the answer, filtered by the student's school. An employer with
 * fewer answers than the threshold shows none of its figures: an average of two answers is
 * nearly each student's own.
 */
export async function buildSurveyReport(db: Database, f: Filters): Promise<SurveyReport> {
  const minCell = await minCellOf(db, f.tenantId);
  const answered = sql`substr(${experienceSurveys.createdAt}, 1, 10)`;
  const rows = await db
    .select({
      employerId: employers.id,
      name: employers.name,
      responses: sql<number>`count(*)`,
      meaningful: sql<number>`avg(${experienceSurveys.meaningful})`,
      feltSafe: sql<number>`avg(${experienceSurveys.feltSafe})`,
      wouldRecommend: sql<number>`avg(${experienceSurveys.wouldRecommend})`,
      recommenders: sql<number>`count(CASE WHEN ${experienceSurveys.wouldRecommend} >= 3 THEN 1 END)`,
    })
    .from(experienceSurveys)
    .innerJoin(applications, and(eq(applications.id, experienceSurveys.applicationId), eq(applications.tenantId, experienceSurveys.tenantId)))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .innerJoin(employers, eq(employers.id, opportunities.employerId))
    .innerJoin(students, eq(students.id, applications.studentId))
    .where(
      and(
        eq(experienceSurveys.tenantId, f.tenantId),
        f.from ? sql`${answered} >= ${f.from}` : undefined,
        f.to ? sql`${answered} <= ${f.to}` : undefined,
        f.schoolId ? eq(students.schoolId, f.schoolId) : undefined,
      ),
    )
    .groupBy(employers.id)
    .orderBy(asc(employers.name))
    .all();
  const avg = (n: number) => Math.round(Number(n) * 100) / 100;
  return {
    period: { from: f.from, to: f.to },
    suppression: { minCell },
    employers: rows.map((r) =>
      isSmall(Number(r.responses), minCell)
        ? {
            employerId: r.employerId,
            name: r.name,
            suppressed: true,
            responses: null,
            meaningful: null,
            feltSafe: null,
            wouldRecommend: null,
            recommendShare: null,
          }
        : {
            employerId: r.employerId,
            name: r.name,
            suppressed: false,
            responses: Number(r.responses),
            meaningful: avg(r.meaningful),
            feltSafe: avg(r.feltSafe),
            wouldRecommend: avg(r.wouldRecommend),
            recommendShare: share(Number(r.recommenders), Number(r.responses)),
          },
    ),
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

function eventCsv(r: EventReport): string {
  const n = r.suppression.minCell;
  return toCsv(
    [
      'event_id',
      'title',
      'type',
      'starts_at',
      'status',
      'reserved_parties',
      'reserved_people',
      'waitlisted_parties',
      'waitlisted_people',
      'attended_parties',
      'attended_people',
      'walk_in_parties',
      'walk_in_people',
      'students',
    ],
    r.events.map((e) => [
      e.id,
      e.title,
      e.type,
      e.startsAt,
      e.status,
      e.reserved.parties,
      e.reserved.people,
      e.waitlisted.parties,
      e.waitlisted.people,
      e.attended.parties,
      e.attended.people,
      e.walkIns.parties,
      e.walkIns.people,
      csvFigure(e.students, n, e.students === null),
    ]),
  );
}

function surveyCsv(r: SurveyReport): string {
  const n = r.suppression.minCell;
  return toCsv(
    ['employer_id', 'employer', 'responses', 'meaningful_avg', 'felt_safe_avg', 'would_recommend_avg', 'recommend_share'],
    r.employers.map((e) => {
      const cell = (v: number | null) => csvFigure(v, n, e.suppressed);
      return [e.employerId, e.name, cell(e.responses), cell(e.meaningful), cell(e.feltSafe), cell(e.wouldRecommend), cell(e.recommendShare)];
    }),
  );
}

/** A CSV answer, its export audited like the other reports'. */
async function csvAnswer(c: Context<AppEnv>, name: string, q: ReportQuery, body: string): Promise<Response> {
  const user = c.get('user');
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
  return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="wbl-${name}-${stamp}.csv"` });
}

const isReportName = (name: string): name is 'summary' | ReportBreakdown => name === 'summary' || REPORT_BREAKDOWNS.some((b) => b === name);

export const reports = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator', 'viewer'))
  .route('/settings', reportSettings)
  .get('/', query(ReportQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await buildReport(c.var.db, filters(c, q), q.lang ?? 'en'));
  })
  .get('/events', query(ReportQuery), async (c) => c.json(await buildEventReport(c.var.db, filters(c, c.req.valid('query')))))
  .get('/experience-surveys', query(ReportQuery), async (c) => c.json(await buildSurveyReport(c.var.db, filters(c, c.req.valid('query')))))
  .get('/events.csv', query(ReportQuery), async (c) => {
    const q = c.req.valid('query');
    return csvAnswer(c, 'events', q, eventCsv(await buildEventReport(c.var.db, filters(c, q))));
  })
  .get('/experience-surveys.csv', query(ReportQuery), async (c) => {
    const q = c.req.valid('query');
    return csvAnswer(c, 'experience-surveys', q, surveyCsv(await buildSurveyReport(c.var.db, filters(c, q))));
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
