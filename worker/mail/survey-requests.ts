/**
 * The experience survey prompt: once a placement is completed, its student is emailed once (the
 * outbox's dedupe key `survey.request:<application>` records it) asking for the short survey
 * on their student page. Only placements completed in the last SURVEY_WINDOW_DAYS are asked (a
 * deployment that starts sending does not write to last year's students), never one already
 * answered, and only students with an address on the roster. Like the reminders, it writes
 * between FIRST_HOUR and LAST_HOUR where the district is, at most PER_RUN a run.
 */
import { and, asc, eq, gte, isNotNull, notExists, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { applications, employers, experienceSurveys, opportunities, sites, students } from '../../schema/db/tables.js';
import { auditRowIf } from '../lib/audit.js';
import { isLang } from '../lib/lang.js';
import { outboxRow } from '../lib/outbox.js';
import { addDays } from '../lib/zones.js';
import { compose } from './catalogue/index.js';
import { FIRST_HOUR, LAST_HOUR, notWritten, type TenantClock } from './periods.js';
import { languagesFor } from './preferences.js';
import { type JobContext, PER_RUN } from './reminders.js';

export const SURVEY_WINDOW_DAYS = 30;

/**
 * Where a student answers: the district's page with `<wbl-my-wbl>` (`studentPage`, see
 * `studentPageOf`), opened at this placement's survey. Until a site names its student page, the demo's.
 */
export function surveyUrl(base: string, studentPage: string | null, applicationId: string): string {
  const url = new URL(studentPage ?? `${base}/demo/student.html`);
  url.hash = `wbl-my=survey:${applicationId}`;
  return url.href;
}

/**
 * The student page of an active site of the student's school, else of any active site of the
 * tenant that has one (a district-wide page serves every school), else null. The oldest first,
 * so the same student always gets the same page.
 */
const pageWhere = (school: SQL) => sql`(SELECT ${sites.studentPageUrl} FROM ${sites}
  WHERE ${sites.tenantId} = ${applications.tenantId} AND ${sites.status} = 'active' AND ${sites.studentPageUrl} IS NOT NULL AND ${school}
  ORDER BY ${sites.createdAt}, ${sites.id} LIMIT 1)`;
// Two lookups, not one ordered by "is the student's school": D1's SQLite answered "no such column" for the outer column in a subquery's ORDER BY.
const studentPageOf = sql<string | null>`coalesce(${pageWhere(sql`${sites.schoolId} = ${students.schoolId}`)}, ${pageWhere(sql`1`)})`;

export async function surveyRequests(ctx: JobContext, t: TenantClock): Promise<number> {
  const { db } = ctx;
  if (t.hour < FIRST_HOUR || t.hour > LAST_HOUR) return 0;
  const key = sql<string>`'survey.request:' || ${applications.id}`;
  const ended = sql<string>`coalesce(${applications.completedOn}, substr(${applications.updatedAt}, 1, 10))`;
  const due = await db
    .select({
      id: applications.id,
      studentId: applications.studentId,
      lang: applications.lang,
      email: students.email,
      studentName: students.preferredName,
      title: opportunities.title,
      employerName: employers.name,
      studentPage: studentPageOf,
      key,
    })
    .from(applications)
    .innerJoin(students, and(eq(students.id, applications.studentId), eq(students.tenantId, applications.tenantId)))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .innerJoin(employers, eq(employers.id, opportunities.employerId))
    .where(
      and(
        eq(applications.tenantId, t.id),
        eq(applications.status, 'completed'),
        gte(ended, addDays(t.date, -SURVEY_WINDOW_DAYS)),
        isNotNull(students.email),
        notExists(db.select({ one: sql`1` }).from(experienceSurveys).where(eq(experienceSurveys.applicationId, applications.id))),
        notWritten(db, applications.tenantId, key),
      ),
    )
    .orderBy(asc(applications.completedOn))
    .limit(PER_RUN);
  if (!due.length) return 0;
  // The student hears in the language they applied in, unless their preferences say otherwise.
  const langOf = await languagesFor(
    db,
    t.id,
    due.map((r) => r.email),
    (address) => {
      const r = due.find((d) => d.email === address);
      return r && isLang(r.lang) ? r.lang : t.lang;
    },
  );
  const statements: BatchItem<'sqlite'>[] = [];
  for (const r of due) {
    const recipient = r.email!;
    const message = compose('survey.request', langOf(recipient), {
      studentName: r.studentName,
      title: r.title,
      employerName: r.employerName,
      districtName: t.name,
      url: surveyUrl(ctx.base, r.studentPage, r.id),
    });
    statements.push(
      // Audited only while no request was written for the placement, so a second run leaves no trace either.
      auditRowIf(
        db,
        {
          tenantId: t.id,
          actorType: 'system',
          actorId: null,
          action: 'survey.request',
          entity: 'student',
          entityId: r.studentId,
          detail: { applicationId: r.id },
        },
        notWritten(db, t.id, sql`${r.key}`),
      ),
      outboxRow(db, { tenantId: t.id, recipient, ...message, relatedId: r.id, dedupeKey: r.key }),
    );
  }
  const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return results.filter((res, i) => i % 2 === 1 && (res as { meta?: { changes?: number } }).meta?.changes).length;
}
