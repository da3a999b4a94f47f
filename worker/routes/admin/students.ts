import { Hono } from 'hono';
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import * as z from 'zod/mini';
import {
  AccessCodesRequest, AccessCodesResponse, StudentCreate, StudentDeleted, StudentDetail, StudentExport, StudentImportRequest,
  StudentImportResult, StudentList, StudentListQuery, StudentUpdate, type StudentImportRow,
} from '../../../schema/api/admin/students.js';
import { idOf } from '../../../schema/api/admin/student-fields.js';
import type { FieldError } from '../../../schema/api/problem.js';
import type { SessionUser } from '../../../schema/api/auth.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { auditStatement } from '../../lib/audit.js';
import { decodeCursor, encodeCursor } from '../../lib/paging.js';
import { todayIn } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import { parseJsonList } from '../../lib/mappers.js';
import { describe } from '../../lib/openapi.js';
import { ProblemError } from '../../lib/problem.js';
import { FIELD_OF_COLUMN, accessCodePrefix, accessCodeTriesBucket, exportRow, isMinor, newAccessCode, parseRosterCsv, type RosterSchool } from '../../lib/roster.js';
import { hashSecret } from '../../lib/secrets.js';

const TAG = ['admin: students'];
const ID = { id: 'The student’s id (`stu_…`)' };
describe({ method: 'get', path: '/api/v1/admin/students', summary: 'The roster: filter by school, grade, or a name or number', tags: TAG, security: 'bearer', query: StudentListQuery, responses: { 200: { description: 'A page of students', schema: StudentList } } });
describe({ method: 'post', path: '/api/v1/admin/students', summary: 'Add a student to the roster', tags: TAG, security: 'bearer', body: StudentCreate, responses: { 201: { description: 'The student', schema: StudentDetail }, 409: { description: 'A student with this number is already on the roster' } } });
describe({ method: 'post', path: '/api/v1/admin/students/import', summary: 'Preview (dryRun: true) or import (dryRun: false) a roster CSV; an import with any row in error writes nothing', tags: TAG, security: 'bearer', body: StudentImportRequest, responses: { 200: { description: 'The preview, or what was written', schema: StudentImportResult }, 400: { description: 'The file cannot be read, or (dryRun: false) rows have errors: nothing was written' } } });
describe({ method: 'post', path: '/api/v1/admin/students/access-codes', summary: 'Generate fresh access codes, shown this once for a printable list', tags: TAG, security: 'bearer', body: AccessCodesRequest, responses: { 200: { description: 'The codes; only their hashes are stored', schema: AccessCodesResponse }, 404: { description: 'A student is not on this roster' } } });
describe({ method: 'get', path: '/api/v1/admin/students/:id', summary: 'A student and their applications', tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'The student', schema: StudentDetail } } });
describe({ method: 'patch', path: '/api/v1/admin/students/:id', summary: 'Change a student’s fields', tags: TAG, security: 'bearer', params: ID, body: StudentUpdate, responses: { 200: { description: 'The student', schema: StudentDetail }, 409: { description: 'Another student has this number' } } });
describe({ method: 'get', path: '/api/v1/admin/students/:id/export', summary: 'Everything stored about a student, as a JSON download', tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'The export (Content-Disposition: attachment)', schema: StudentExport } } });
describe({ method: 'delete', path: '/api/v1/admin/students/:id', summary: 'Delete a student and everything that hangs off them; the audit log keeps only their id', tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'What was deleted', schema: StudentDeleted } } });

const StudentParam = z.object({ id: idOf('stu') });

interface StudentRow {
  seq: number; id: string; tenant_id: string; school_id: string | null; school_name: string | null; student_number: string;
  preferred_name: string; grade: number; birth_year: number | null; under_13: number; guardian_name: string | null;
  guardian_email: string | null; email: string | null; student_groups: string; concentrator: number; has_code: number;
  show_name_on_badges: number; created_at: string; updated_at: string; applications?: number;
}

const STUDENT_COLUMNS = `s.rowid AS seq, s.id, s.tenant_id, s.school_id, sc.name AS school_name, s.student_number, s.preferred_name, s.grade,
  s.birth_year, s.under_13, s.guardian_name, s.guardian_email, s.email, s.student_groups, s.concentrator,
  s.access_code_hash IS NOT NULL AS has_code, s.show_name_on_badges, s.created_at, s.updated_at`;

const school = (r: StudentRow) => (r.school_id ? { id: r.school_id, name: r.school_name ?? r.school_id } : null);

interface ApplicationRefRow { id: string; reference: string; status: StudentDetail['applications'][number]['status']; opportunity_id: string; title: string; employer_name: string; created_at: string; started_on: string | null; completed_on: string | null }

function toDetail(r: StudentRow, apps: ApplicationRefRow[], today: string): StudentDetail {
  return {
    id: r.id, studentNumber: r.student_number, preferredName: r.preferred_name, grade: r.grade, school: school(r),
    birthYear: r.birth_year, under13: r.under_13 === 1, minor: isMinor(r, today), guardianName: r.guardian_name,
    guardianEmail: r.guardian_email, email: r.email, studentGroups: parseJsonList(r.student_groups), concentrator: r.concentrator === 1,
    showNameOnBadges: r.show_name_on_badges === 1, hasAccessCode: r.has_code === 1, createdAt: r.created_at, updatedAt: r.updated_at,
    applications: apps.map((a) => ({
      id: a.id, reference: a.reference, status: a.status, opportunity: { id: a.opportunity_id, title: a.title, employerName: a.employer_name },
      createdAt: a.created_at, startedOn: a.started_on, completedOn: a.completed_on,
    })),
  };
}

const studentAudit = (db: D1Database, user: SessionUser, action: string, studentId: string | null, detail?: Record<string, unknown>) =>
  auditStatement(db, { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action, entity: 'student', entityId: studentId, detail });

/** An audit row that is written only when the student exists in this tenant, so a 404 leaves nothing behind. */
const studentAuditIfExists = (db: D1Database, user: SessionUser, action: string, studentId: string, detail?: Record<string, unknown>) =>
  db.prepare(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail)
              SELECT ?, 'user', ?, ?, 'student', id, ? FROM students WHERE id = ? AND tenant_id = ?`)
    .bind(user.tenantId, user.id, action, detail ? JSON.stringify(detail) : null, studentId, user.tenantId);

/**
 * Every audit row about a student, for their export: rows whose entity is the student or
 * anything of theirs (applications, agreements, hour logs, evaluations, credentials), whatever
 * the entity is called, and rows that name any of those ids in their detail (lists, previews,
 * batch issues: `{"ids": ["stu_…"]}`). Ids are matched as whole JSON strings, so `stu_riv_ana`
 * never picks up `stu_riv_anabel`'s rows. Nothing can be recorded about a student before their
 * row exists, so the scan starts at their `created_at` on the (tenant, at) index. No LIMIT: an
 * export is everything.
 */
const selectAuditAbout = (db: D1Database, tenantId: string, id: string) => db.prepare(
  // D1 allows at most 5 terms in one compound SELECT, hence two CTEs.
  `WITH apps(id) AS (SELECT id FROM applications WHERE student_id = ?1 AND tenant_id = ?2),
        children(id) AS (
          SELECT id FROM agreements WHERE application_id IN apps
          UNION ALL SELECT id FROM hour_logs WHERE application_id IN apps
          UNION ALL SELECT id FROM evaluations WHERE application_id IN apps
          UNION ALL SELECT id FROM credentials WHERE tenant_id = ?2 AND (student_id = ?1 OR application_id IN apps)),
        related(id) AS (SELECT ?1 UNION ALL SELECT id FROM apps UNION ALL SELECT id FROM children)
   SELECT a.* FROM audit_log a
    WHERE a.tenant_id = ?2 AND a.at >= (SELECT created_at FROM students WHERE id = ?1 AND tenant_id = ?2)
      AND (a.entity_id IN related OR (a.detail IS NOT NULL AND EXISTS (SELECT 1 FROM related r WHERE instr(a.detail, '"' || r.id || '"') > 0)))
    ORDER BY a.id`,
).bind(id, tenantId);

const selectStudent = (db: D1Database, tenantId: string, id: string) =>
  db.prepare(`SELECT ${STUDENT_COLUMNS} FROM students s LEFT JOIN schools sc ON sc.id = s.school_id WHERE s.id = ? AND s.tenant_id = ?`).bind(id, tenantId);

const selectApplications = (db: D1Database, tenantId: string, id: string) =>
  db.prepare(`SELECT a.id, a.reference, a.status, a.opportunity_id, o.title, e.name AS employer_name, a.created_at, a.started_on, a.completed_on
                FROM applications a JOIN opportunities o ON o.id = a.opportunity_id JOIN employers e ON e.id = o.employer_id
               WHERE a.student_id = ? AND a.tenant_id = ? ORDER BY a.created_at DESC`).bind(id, tenantId);

async function tenantToday(db: D1Database, tenantId: string): Promise<string> {
  const t = await db.prepare('SELECT time_zone FROM tenants WHERE id = ?').bind(tenantId).first<{ time_zone: string }>();
  return todayIn(t?.time_zone ?? 'UTC');
}

async function tenantSchools(db: D1Database, tenantId: string): Promise<RosterSchool[]> {
  return (await db.prepare('SELECT id, name, grade_min, grade_max FROM schools WHERE tenant_id = ? ORDER BY name').bind(tenantId).all<RosterSchool>()).results;
}

/** The school must be this tenant's and serve the grade; both answers are field errors. */
function checkSchool(schools: RosterSchool[], schoolId: string | null | undefined, grade: number): FieldError[] {
  if (!schoolId) return [];
  const s = schools.find((x) => x.id === schoolId);
  if (!s) return [{ path: 'schoolId', message: 'Choose a school from the list', code: 'unknown_school' }];
  if (grade < s.grade_min || grade > s.grade_max) return [{ path: 'grade', message: `${s.name} serves grades ${s.grade_min}–${s.grade_max}`, code: 'grade_not_served' }];
  return [];
}

const duplicateNumber = () => new ProblemError('conflict', {
  title: 'This student number is already on the roster',
  errors: [{ path: 'studentNumber', message: 'Another student on the roster has this number', code: 'duplicate' }],
});

const isUniqueViolation = (e: unknown) => /UNIQUE constraint failed/i.test(String((e as Error)?.message ?? e));

/** Column ↔ field for writes; the values are already validated by the shared schema. */
const WRITE_COLUMNS: [keyof StudentCreate, string, (v: unknown) => unknown][] = [
  ['studentNumber', 'student_number', (v) => v],
  ['preferredName', 'preferred_name', (v) => v],
  ['grade', 'grade', (v) => v],
  ['schoolId', 'school_id', (v) => v ?? null],
  ['birthYear', 'birth_year', (v) => v ?? null],
  ['under13', 'under_13', (v) => (v ? 1 : 0)],
  ['guardianName', 'guardian_name', (v) => v || null],
  ['guardianEmail', 'guardian_email', (v) => v ?? null],
  ['email', 'email', (v) => v ?? null],
  ['studentGroups', 'student_groups', (v) => JSON.stringify(v ?? [])],
  ['concentrator', 'concentrator', (v) => (v ? 1 : 0)],
  ['showNameOnBadges', 'show_name_on_badges', (v) => (v ? 1 : 0)],
];

const NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
/** Rows per upsert statement in an import: one JSON parameter each, well under D1's 100 KB statement limit. */
const IMPORT_CHUNK = 200;

export const students = new Hono<AppEnv>()
  // Supervisors never see the roster; viewers see reports only.
  .use(requireRole('coordinator', 'admin'))

  .get('/', query(StudentListQuery), async (c) => {
    const user = c.get('user');
    const q = c.req.valid('query');
    const db = c.env.DB;
    const where = ['s.tenant_id = ?'];
    const params: unknown[] = [user.tenantId];
    if (q.school) { where.push('s.school_id = ?'); params.push(q.school); }
    if (q.grade !== undefined) { where.push('s.grade = ?'); params.push(q.grade); }
    if (q.q) {
      const like = q.q.replace(/[\\%_]/g, (m) => `\\${m}`);
      where.push("(s.preferred_name LIKE ? ESCAPE '\\' OR s.student_number LIKE ? ESCAPE '\\')");
      params.push(`%${like}%`, `${like}%`);
    }
    if (q.cursor) {
      const cur = decodeCursor(q.cursor);
      if (!cur || typeof cur.k !== 'string') throw new ProblemError('validation', { errors: [{ path: 'cursor', message: 'This cursor is not valid; start again from the first page', code: 'invalid_cursor' }] });
      where.push('(lower(s.preferred_name), s.rowid) > (?, ?)');
      params.push(cur.k, cur.s);
    }
    const rows = (await db.prepare(
      `SELECT ${STUDENT_COLUMNS}, lower(s.preferred_name) AS sort_key,
              (SELECT count(*) FROM applications a WHERE a.student_id = s.id) AS applications
         FROM students s LEFT JOIN schools sc ON sc.id = s.school_id
        WHERE ${where.join(' AND ')} ORDER BY lower(s.preferred_name), s.rowid LIMIT ?`,
    ).bind(...params, q.limit + 1).all<StudentRow & { sort_key: string }>()).results;
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const today = await tenantToday(db, user.tenantId);
    // A list is a read of every student on it: one audit row naming them all.
    await studentAudit(db, user, 'student.list', null, { ids: page.map((r) => r.id), filters: { school: q.school ?? null, grade: q.grade ?? null, q: q.q ? true : null } }).run();
    const last = page.at(-1);
    return c.json({
      items: page.map((r) => ({
        id: r.id, studentNumber: r.student_number, preferredName: r.preferred_name, grade: r.grade, school: school(r),
        minor: isMinor(r, today), studentGroups: parseJsonList(r.student_groups), concentrator: r.concentrator === 1,
        hasAccessCode: r.has_code === 1, applications: r.applications ?? 0,
      })),
      nextCursor: more && last ? encodeCursor({ k: last.sort_key, s: last.seq }) : null,
    } satisfies StudentList);
  })

  .post('/', json(StudentCreate), async (c) => {
    const user = c.get('user');
    const body = c.req.valid('json');
    const db = c.env.DB;
    const errors = checkSchool(await tenantSchools(db, user.tenantId), body.schoolId, body.grade);
    if (errors.length) throw new ProblemError('validation', { errors });
    const id = newId('stu');
    const cols = WRITE_COLUMNS.filter(([k]) => body[k] !== undefined);
    const [insert] = await db.batch([
      db.prepare(`INSERT INTO students (id, tenant_id, ${cols.map(([, col]) => col).join(', ')}) VALUES (?, ?, ${cols.map(() => '?').join(', ')})
                  ON CONFLICT (tenant_id, student_number) DO NOTHING`)
        .bind(id, user.tenantId, ...cols.map(([k, , to]) => to(body[k]))),
      studentAuditIfExists(db, user, 'student.create', id, { fields: cols.map(([k]) => k) }),
    ]);
    if (!insert!.meta.changes) throw duplicateNumber();
    const [student, apps] = await db.batch([selectStudent(db, user.tenantId, id), selectApplications(db, user.tenantId, id)]);
    return c.json(toDetail(student!.results[0] as StudentRow, apps!.results as ApplicationRefRow[], await tenantToday(db, user.tenantId)), 201);
  })

  .post('/import', json(StudentImportRequest), async (c) => {
    const user = c.get('user');
    const { csv, dryRun } = c.req.valid('json');
    const db = c.env.DB;
    const parsed = parseRosterCsv(csv, await tenantSchools(db, user.tenantId));
    if (parsed.fileErrors.length) {
      throw new ProblemError('validation', { title: 'The roster file cannot be imported', errors: parsed.fileErrors.map((e) => ({ path: e.field, message: e.message, code: 'csv' })) });
    }
    const numbers = parsed.rows.map((r) => r.input.studentNumber).filter((n): n is string => typeof n === 'string' && n.length > 0);
    const existing = new Map((await db.prepare(
      'SELECT id, student_number FROM students WHERE tenant_id = ? AND student_number IN (SELECT value FROM json_each(?))',
    ).bind(user.tenantId, JSON.stringify(numbers)).all<{ id: string; student_number: string }>()).results.map((r) => [r.student_number, r.id]));

    const rows: StudentImportRow[] = parsed.rows.map((r) => {
      const number = typeof r.input.studentNumber === 'string' ? r.input.studentNumber : null;
      const existingId = number ? existing.get(number) ?? null : null;
      // A new student needs every required value, even when the header has the column empty.
      const v = r.input;
      return {
        line: r.line,
        status: r.errors.length ? 'error' : existingId ? 'update' : 'create',
        errors: r.errors,
        student: {
          id: existingId,
          studentNumber: number,
          preferredName: typeof v.preferredName === 'string' && v.preferredName ? v.preferredName : null,
          grade: typeof v.grade === 'number' ? v.grade : null,
          schoolId: typeof v.schoolId === 'string' ? v.schoolId : null,
          birthYear: typeof v.birthYear === 'number' ? v.birthYear : null,
          studentGroups: Array.isArray(v.studentGroups) ? (v.studentGroups as string[]) : null,
          concentrator: typeof v.concentrator === 'boolean' ? v.concentrator : null,
        },
      };
    });
    const summary = {
      rows: rows.length,
      create: rows.filter((r) => r.status === 'create').length,
      update: rows.filter((r) => r.status === 'update').length,
      error: rows.filter((r) => r.status === 'error').length,
    };
    const result = { dryRun, written: false, columns: parsed.columns, rows, summary };

    if (dryRun) {
      // The preview looked students up by number: that read is audited as one row.
      await studentAudit(db, user, 'student.import_preview', null, { rows: summary.rows, create: summary.create, update: summary.update, error: summary.error, ids: [...existing.values()] }).run();
      return c.json(result satisfies StudentImportResult);
    }
    if (summary.error) {
      // All or nothing: a half-imported roster is harder to fix than a file with errors.
      throw new ProblemError('validation', {
        title: 'Nothing was imported: some rows have errors',
        detail: `${summary.error} of ${summary.rows} rows need fixing. Correct them in the file and preview again.`,
        errors: rows.flatMap((r) => r.errors.map((e) => ({ path: `csv.row${r.line}.${e.field}`, message: `Row ${r.line}: ${e.message}`, code: 'csv_row' }))),
      });
    }

    // Columns in the header are written; a column the file leaves out keeps its stored value on an update.
    const present = WRITE_COLUMNS.filter(([k]) => parsed.columns.some((col) => FIELD_OF_COLUMN[col] === k));
    const records = parsed.rows.map((r) => {
      const rec: Record<string, unknown> = { id: newId('stu') };
      for (const [k, col, to] of present) {
        const value = to(r.valid![k]);
        // JSON columns travel as JSON inside the JSON parameter, and come out as text again.
        rec[col] = col === 'student_groups' ? JSON.parse(value as string) : value;
      }
      return rec;
    });
    const statements: D1PreparedStatement[] = [];
    const insertCols = present.map(([, col]) => col);
    const selectExprs = insertCols.map((col) => `json_extract(value, '$.${col}')`);
    const updates = present.filter(([k]) => k !== 'studentNumber').map(([, col]) => `${col} = excluded.${col}`);
    for (let i = 0; i < records.length; i += IMPORT_CHUNK) {
      statements.push(db.prepare(
        `INSERT INTO students (id, tenant_id, ${insertCols.join(', ')})
         SELECT json_extract(value, '$.id'), ?, ${selectExprs.join(', ')} FROM json_each(?) WHERE true
         ON CONFLICT (tenant_id, student_number) DO UPDATE SET ${[...updates, `updated_at = ${NOW_SQL}`].join(', ')}`,
      ).bind(user.tenantId, JSON.stringify(records.slice(i, i + IMPORT_CHUNK))));
    }
    const byStatus = (s: 'create' | 'update') => rows.filter((r) => r.status === s).map((r) => r.student.studentNumber);
    for (const [status, action] of [['create', 'student.create'], ['update', 'student.update']] as const) {
      const list = byStatus(status);
      if (!list.length) continue;
      statements.push(db.prepare(
        `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail)
         SELECT ?, 'user', ?, ?, 'student', id, ? FROM students WHERE tenant_id = ? AND student_number IN (SELECT value FROM json_each(?))`,
      ).bind(user.tenantId, user.id, action, JSON.stringify({ via: 'csv_import', fields: present.map(([k]) => k) }), user.tenantId, JSON.stringify(list)));
    }
    await db.batch(statements);
    const ids = new Map((await db.prepare(
      'SELECT id, student_number FROM students WHERE tenant_id = ? AND student_number IN (SELECT value FROM json_each(?))',
    ).bind(user.tenantId, JSON.stringify(numbers)).all<{ id: string; student_number: string }>()).results.map((r) => [r.student_number, r.id]));
    for (const r of rows) r.student.id = ids.get(r.student.studentNumber ?? '') ?? null;
    return c.json({ ...result, written: true } satisfies StudentImportResult);
  })

  .post('/access-codes', json(AccessCodesRequest), async (c) => {
    const user = c.get('user');
    const { studentIds } = c.req.valid('json');
    const db = c.env.DB;
    const found = (await db.prepare(
      `SELECT s.id, s.student_number, s.preferred_name, s.grade, sc.name AS school_name
         FROM students s LEFT JOIN schools sc ON sc.id = s.school_id
        WHERE s.tenant_id = ? AND s.id IN (SELECT value FROM json_each(?))`,
    ).bind(user.tenantId, JSON.stringify(studentIds)).all<{ id: string; student_number: string; preferred_name: string; grade: number; school_name: string | null }>()).results;
    const byId = new Map(found.map((r) => [r.id, r]));
    const missing = studentIds.map((id, i) => ({ id, i })).filter(({ id }) => !byId.has(id));
    if (missing.length) {
      throw new ProblemError('notFound', { detail: 'Some of these students are not on your roster.', errors: missing.map(({ i }) => ({ path: `studentIds.${i}`, message: 'No student with this id on your roster', code: 'not_found' })) });
    }
    const tenant = await db.prepare('SELECT name FROM tenants WHERE id = ?').bind(user.tenantId).first<{ name: string }>();
    const prefix = accessCodePrefix(tenant?.name ?? '');
    const unique = [...new Set(studentIds)];
    const slips = await Promise.all(unique.map(async (id) => {
      const s = byId.get(id)!;
      const code = newAccessCode(prefix);
      // The same iteration count the seed uses; the public route checks any count up to 100 000.
      return { s, code, hash: await hashSecret(code, 20_000) };
    }));
    await db.batch(slips.flatMap(({ s, hash }) => [
      db.prepare(`UPDATE students SET access_code_hash = ?, updated_at = ${NOW_SQL} WHERE id = ? AND tenant_id = ?`).bind(hash, s.id, user.tenantId),
      // A fresh code also lifts the lock-out earned by wrong guesses at the old one.
      db.prepare('DELETE FROM rate_counters WHERE bucket = ?').bind(accessCodeTriesBucket(user.tenantId, s.student_number)),
      studentAudit(db, user, 'student.access_code', s.id),
    ]));
    const items = slips.map(({ s, code }) => ({ studentId: s.id, studentNumber: s.student_number, preferredName: s.preferred_name, grade: s.grade, schoolName: s.school_name, accessCode: code }))
      .sort((a, b) => (a.schoolName ?? '').localeCompare(b.schoolName ?? '') || a.grade - b.grade || a.preferredName.localeCompare(b.preferredName));
    return c.json({ generatedAt: new Date().toISOString(), items } satisfies AccessCodesResponse);
  })

  .get('/:id', param(StudentParam), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const db = c.env.DB;
    const [student, apps] = await db.batch([
      selectStudent(db, user.tenantId, id),
      selectApplications(db, user.tenantId, id),
      studentAuditIfExists(db, user, 'student.read', id),
    ]);
    const row = student!.results[0] as StudentRow | undefined;
    if (!row) throw new ProblemError('notFound', { detail: 'No student with this id on your roster.' });
    return c.json(toDetail(row, apps!.results as ApplicationRefRow[], await tenantToday(db, user.tenantId)));
  })

  .patch('/:id', param(StudentParam), json(StudentUpdate), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const db = c.env.DB;
    const current = await selectStudent(db, user.tenantId, id).first<StudentRow>();
    if (!current) throw new ProblemError('notFound', { detail: 'No student with this id on your roster.' });
    const schoolId = body.schoolId !== undefined ? body.schoolId : current.school_id;
    const grade = body.grade ?? current.grade;
    if (body.schoolId !== undefined || body.grade !== undefined) {
      const errors = checkSchool(await tenantSchools(db, user.tenantId), schoolId, grade);
      if (errors.length) throw new ProblemError('validation', { errors });
    }
    const cols = WRITE_COLUMNS.filter(([k]) => body[k] !== undefined);
    try {
      await db.batch([
        db.prepare(`UPDATE students SET ${cols.map(([, col]) => `${col} = ?`).join(', ')}, updated_at = ${NOW_SQL} WHERE id = ? AND tenant_id = ?`)
          .bind(...cols.map(([k, , to]) => to(body[k])), id, user.tenantId),
        studentAudit(db, user, 'student.update', id, { fields: cols.map(([k]) => k) }),
      ]);
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateNumber();
      throw e;
    }
    const [student, apps] = await db.batch([selectStudent(db, user.tenantId, id), selectApplications(db, user.tenantId, id)]);
    return c.json(toDetail(student!.results[0] as StudentRow, apps!.results as ApplicationRefRow[], await tenantToday(db, user.tenantId)));
  })

  .get('/:id/export', param(StudentParam), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const db = c.env.DB;
    const t = user.tenantId;
    const apps = `(SELECT id FROM applications WHERE student_id = ?1 AND tenant_id = ?2)`;
    const results = await db.batch([
      db.prepare('SELECT * FROM students WHERE id = ?1 AND tenant_id = ?2').bind(id, t),
      // The export is itself recorded before the audit rows are read, so it lists itself.
      studentAuditIfExists(db, user, 'student.export', id),
      db.prepare('SELECT * FROM applications WHERE student_id = ?1 AND tenant_id = ?2 ORDER BY created_at').bind(id, t),
      db.prepare(`SELECT * FROM application_events WHERE application_id IN ${apps} ORDER BY at`).bind(id, t),
      db.prepare(`SELECT * FROM agreements WHERE application_id IN ${apps} ORDER BY application_id, role`).bind(id, t),
      db.prepare(`SELECT * FROM hour_logs WHERE application_id IN ${apps} ORDER BY worked_on, created_at`).bind(id, t),
      db.prepare(`SELECT * FROM evaluations WHERE application_id IN ${apps} ORDER BY application_id, phase`).bind(id, t),
      db.prepare(`SELECT * FROM credentials WHERE tenant_id = ?2 AND (student_id = ?1 OR application_id IN ${apps}) ORDER BY issued_at`).bind(id, t),
      db.prepare(`SELECT * FROM outbox WHERE tenant_id = ?2 AND (related_id = ?1 OR related_id IN ${apps}) ORDER BY created_at`).bind(id, t),
      selectAuditAbout(db, t, id),
    ]);
    const rowsOf = (i: number) => results[i]!.results as Record<string, unknown>[];
    const student = rowsOf(0)[0];
    if (!student) throw new ProblemError('notFound', { detail: 'No student with this id on your roster.' });
    const body: StudentExport = {
      exportedAt: new Date().toISOString(),
      student: { ...exportRow(student, ['student_groups']), hasAccessCode: student.access_code_hash !== null },
      applications: rowsOf(2).map((r) => exportRow(r, ['consents', 'availability'])),
      applicationEvents: rowsOf(3).map((r) => exportRow(r)),
      agreements: rowsOf(4).map((r) => exportRow(r)),
      hourLogs: rowsOf(5).map((r) => exportRow(r)),
      evaluations: rowsOf(6).map((r) => exportRow(r, ['ratings'])),
      credentials: rowsOf(7).map((r) => exportRow(r, ['credential'])),
      messages: rowsOf(8).map((r) => exportRow(r)),
      audit: rowsOf(9).map((r) => exportRow(r, ['detail'])),
    };
    return c.body(JSON.stringify(body, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="student-${id}-export.json"`,
    });
  })

  .delete('/:id', param(StudentParam), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const db = c.env.DB;
    const t = user.tenantId;
    const current = await db.prepare('SELECT id, student_number FROM students WHERE id = ? AND tenant_id = ?').bind(id, t).first<{ id: string; student_number: string }>();
    if (!current) throw new ProblemError('notFound', { detail: 'No student with this id on your roster.' });
    const apps = `(SELECT id FROM applications WHERE student_id = ?1 AND tenant_id = ?2)`;
    const counts = await db.prepare(`SELECT
        (SELECT count(*) FROM applications WHERE student_id = ?1 AND tenant_id = ?2) AS applications,
        (SELECT count(*) FROM agreements WHERE application_id IN ${apps}) AS agreements,
        (SELECT count(*) FROM hour_logs WHERE application_id IN ${apps}) AS hour_logs,
        (SELECT count(*) FROM evaluations WHERE application_id IN ${apps}) AS evaluations,
        (SELECT count(*) FROM outbox WHERE tenant_id = ?2 AND (related_id = ?1 OR related_id IN ${apps})) AS messages,
        (SELECT count(*) FROM credentials WHERE tenant_id = ?2 AND (student_id = ?1 OR application_id IN ${apps})) AS credentials`)
      .bind(id, t).first<{ applications: number; agreements: number; hour_logs: number; evaluations: number; messages: number; credentials: number }>();
    const deleted = {
      applications: counts?.applications ?? 0, agreements: counts?.agreements ?? 0, hourLogs: counts?.hour_logs ?? 0,
      evaluations: counts?.evaluations ?? 0, messages: counts?.messages ?? 0, credentialsUnlinked: counts?.credentials ?? 0,
    };
    // Children first, explicitly, in one transaction: the foreign keys' cascades would do most of
    // it, but the messages (which name the student) have no foreign key, and an explicit order
    // does not depend on PRAGMA foreign_keys. Issued credentials stay verifiable; they only lose
    // the link to the student. The audit row keeps the id and counts, never the name.
    await db.batch([
      db.prepare(`DELETE FROM outbox WHERE tenant_id = ?2 AND (related_id = ?1 OR related_id IN ${apps})`).bind(id, t),
      db.prepare(`UPDATE credentials SET student_id = NULL, application_id = NULL WHERE tenant_id = ?2 AND (student_id = ?1 OR application_id IN ${apps})`).bind(id, t),
      db.prepare(`DELETE FROM application_events WHERE application_id IN ${apps}`).bind(id, t),
      db.prepare(`DELETE FROM agreements WHERE application_id IN ${apps}`).bind(id, t),
      db.prepare(`DELETE FROM hour_logs WHERE application_id IN ${apps}`).bind(id, t),
      db.prepare(`DELETE FROM evaluations WHERE application_id IN ${apps}`).bind(id, t),
      db.prepare('DELETE FROM applications WHERE student_id = ?1 AND tenant_id = ?2').bind(id, t),
      db.prepare('DELETE FROM rate_counters WHERE bucket = ?').bind(accessCodeTriesBucket(t, current.student_number)),
      db.prepare('DELETE FROM students WHERE id = ?1 AND tenant_id = ?2').bind(id, t),
      studentAudit(db, user, 'student.delete', id, deleted),
    ]);
    return c.json({ id, deleted } satisfies StudentDeleted);
  });
