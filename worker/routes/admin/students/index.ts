/**
 * The roster under /api/v1/admin/students: the list, one student, adding and changing them,
 * fresh access codes; the CSV import (`roster-import.ts`) and a student's export and deletion
 * (`export.ts`) are mounted here. Every read and write of a student record is audited.
 */
import { Hono } from 'hono';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  AccessCodesRequest,
  AccessCodesResponse,
  StudentCreate,
  StudentDeleted,
  StudentDetail,
  StudentExport,
  StudentImportRequest,
  StudentImportResult,
  StudentList,
  StudentListQuery,
  StudentUpdate,
} from '../../../../schema/api/admin/students.js';
import { applications, rateCounters, schools, students as studentsTable, tenants } from '../../../../schema/db/tables.js';
import type { AppEnv } from '../../../env.js';
import { requireRole } from '../../../middleware/auth.js';
import { json, param, query } from '../../../middleware/validate.js';
import { newId } from '../../../lib/ids.js';
import { describe } from '../../../lib/openapi.js';
import { pageOf } from '../../../lib/paging.js';
import { ProblemError } from '../../../lib/problem.js';
import { accessCodePrefix, accessCodeTriesBucket, isMinor, newAccessCode } from '../../../lib/roster.js';
import { hashSecret } from '../../../lib/secrets.js';
import { studentRecords } from './export.js';
import { rosterImport } from './roster-import.js';
import {
  StudentParam,
  checkSchool,
  detailOf,
  duplicateNumber,
  isUniqueViolation,
  notOnRoster,
  ofStudent,
  schoolOf,
  selectApplications,
  selectStudent,
  studentAudit,
  studentAuditIfExists,
  studentFields,
  studentValues,
  tenantSchools,
  tenantToday,
  toDetail,
} from './rows.js';
import { NOW, inList, textCursor } from './sql.js';

const TAG = ['admin: students'];
const ID = { id: 'The student’s id (`stu_…`)' };
describe({
  method: 'get',
  path: '/api/v1/admin/students',
  summary: 'The roster: filter by school, grade, or a name or number',
  tags: TAG,
  security: 'bearer',
  query: StudentListQuery,
  responses: { 200: { description: 'A page of students', schema: StudentList } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/students',
  summary: 'Add a student to the roster',
  tags: TAG,
  security: 'bearer',
  body: StudentCreate,
  responses: { 201: { description: 'The student', schema: StudentDetail }, 409: { description: 'A student with this number is already on the roster' } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/students/import',
  summary: 'Preview (dryRun: true) or import (dryRun: false) a roster CSV; an import with any row in error writes nothing',
  tags: TAG,
  security: 'bearer',
  body: StudentImportRequest,
  responses: {
    200: { description: 'The preview, or what was written', schema: StudentImportResult },
    400: { description: 'The file cannot be read, or (dryRun: false) rows have errors: nothing was written' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/admin/students/access-codes',
  summary: 'Generate fresh access codes, shown this once for a printable list',
  tags: TAG,
  security: 'bearer',
  body: AccessCodesRequest,
  responses: {
    200: { description: 'The codes; only their hashes are stored', schema: AccessCodesResponse },
    404: { description: 'A student is not on this roster' },
  },
});
describe({
  method: 'get',
  path: '/api/v1/admin/students/:id',
  summary: 'A student and their applications',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'The student', schema: StudentDetail } },
});
describe({
  method: 'patch',
  path: '/api/v1/admin/students/:id',
  summary: 'Change a student’s fields',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: StudentUpdate,
  responses: { 200: { description: 'The student', schema: StudentDetail }, 409: { description: 'Another student has this number' } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/students/:id/export',
  summary: 'Everything stored about a student, as a JSON download',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'The export (Content-Disposition: attachment)', schema: StudentExport } },
});
describe({
  method: 'delete',
  path: '/api/v1/admin/students/:id',
  summary: 'Delete a student and everything that hangs off them; the audit log keeps only their id',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'What was deleted', schema: StudentDeleted } },
});

const rowid = sql<number>`${studentsTable}.rowid`;

export const students = new Hono<AppEnv>()
  // Supervisors never see the roster; viewers see reports only.
  .use(requireRole('coordinator', 'admin'))

  .get('/', query(StudentListQuery), async (c) => {
    const user = c.get('user');
    const q = c.req.valid('query');
    const db = c.var.db;
    const cursor = textCursor(q.cursor);
    const sortKey = sql<string>`lower(${studentsTable.preferredName})`;
    const where: (SQL | undefined)[] = [eq(studentsTable.tenantId, user.tenantId)];
    if (q.school) where.push(eq(studentsTable.schoolId, q.school));
    if (q.grade !== undefined) where.push(eq(studentsTable.grade, q.grade));
    if (q.q) {
      const like = q.q.replace(/[\\%_]/g, (m) => `\\${m}`);
      where.push(sql`(${studentsTable.preferredName} LIKE ${`%${like}%`} ESCAPE '\\' OR ${studentsTable.studentNumber} LIKE ${`${like}%`} ESCAPE '\\')`);
    }
    if (cursor) where.push(sql`(${sortKey}, ${rowid}) > (${cursor.k}, ${cursor.s})`);
    const rows = await db
      .select({ ...studentFields, sortKey, applications: db.$count(applications, eq(applications.studentId, studentsTable.id)) })
      .from(studentsTable)
      .leftJoin(schools, eq(schools.id, studentsTable.schoolId))
      .where(and(...where))
      .orderBy(sortKey, rowid)
      .limit(q.limit + 1);
    const today = await tenantToday(db, user.tenantId);
    const page = rows.slice(0, q.limit);
    // A list is a read of every student on it: one audit row naming them all.
    await studentAudit(db, user, 'student.list', null, {
      ids: page.map((r) => r.id),
      filters: { school: q.school ?? null, grade: q.grade ?? null, q: q.q ? true : null },
    });
    return c.json(
      pageOf(
        rows,
        q.limit,
        (r) => ({ k: r.sortKey, s: r.seq }),
        (r) => ({
          id: r.id,
          studentNumber: r.studentNumber,
          preferredName: r.preferredName,
          grade: r.grade,
          school: schoolOf(r),
          minor: isMinor(r, today),
          studentGroups: r.studentGroups,
          concentrator: r.concentrator,
          hasAccessCode: r.hasCode,
          applications: r.applications ?? 0,
        }),
      ) satisfies StudentList,
    );
  })

  .post('/', json(StudentCreate), async (c) => {
    const user = c.get('user');
    const body = c.req.valid('json');
    const db = c.var.db;
    const errors = checkSchool(await tenantSchools(db, user.tenantId), body.schoolId, body.grade);
    if (errors.length) throw new ProblemError('validation', { errors });
    const id = newId('stu');
    const { values, fields } = studentValues(body);
    const [insert] = await db.batch([
      db
        .insert(studentsTable)
        .values({ ...values, id, tenantId: user.tenantId, studentNumber: body.studentNumber, preferredName: body.preferredName, grade: body.grade })
        .onConflictDoNothing({ target: [studentsTable.tenantId, studentsTable.studentNumber] }),
      studentAuditIfExists(db, user, 'student.create', id, { fields }),
    ]);
    if (!insert.meta.changes) throw duplicateNumber();
    return c.json(await detailOf(db, user.tenantId, id), 201);
  })

  .route('/', rosterImport)

  .post('/access-codes', json(AccessCodesRequest), async (c) => {
    const user = c.get('user');
    const { studentIds } = c.req.valid('json');
    const db = c.var.db;
    const found = await db
      .select({
        id: studentsTable.id,
        studentNumber: studentsTable.studentNumber,
        preferredName: studentsTable.preferredName,
        grade: studentsTable.grade,
        schoolName: schools.name,
      })
      .from(studentsTable)
      .leftJoin(schools, eq(schools.id, studentsTable.schoolId))
      .where(and(eq(studentsTable.tenantId, user.tenantId), inList(studentsTable.id, studentIds)));
    const byId = new Map(found.map((r) => [r.id, r]));
    const missing = studentIds.map((id, i) => ({ id, i })).filter(({ id }) => !byId.has(id));
    if (missing.length) {
      throw new ProblemError('notFound', {
        detail: 'Some of these students are not on your roster.',
        errors: missing.map(({ i }) => ({ path: `studentIds.${i}`, message: 'No student with this id on your roster', code: 'not_found' })),
      });
    }
    const tenant = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, user.tenantId)).get();
    const prefix = accessCodePrefix(tenant?.name ?? '');
    const slips = await Promise.all(
      [...new Set(studentIds)].map(async (id) => {
        const s = byId.get(id)!;
        const code = newAccessCode(prefix);
        // The same iteration count the seed uses; the public route checks any count up to 100 000.
        return { s, code, hash: await hashSecret(code, 20_000) };
      }),
    );
    const [first, ...rest] = slips.flatMap(({ s, hash }) => [
      db.update(studentsTable).set({ accessCodeHash: hash, updatedAt: NOW }).where(ofStudent(user.tenantId, s.id)),
      // A fresh code also lifts the lock-out earned by wrong guesses at the old one.
      db.delete(rateCounters).where(eq(rateCounters.bucket, accessCodeTriesBucket(user.tenantId, s.studentNumber))),
      studentAudit(db, user, 'student.access_code', s.id),
    ]);
    if (first) await db.batch([first, ...rest]);
    const items = slips
      .map(({ s, code }) => ({
        studentId: s.id,
        studentNumber: s.studentNumber,
        preferredName: s.preferredName,
        grade: s.grade,
        schoolName: s.schoolName,
        accessCode: code,
      }))
      .sort((a, b) => (a.schoolName ?? '').localeCompare(b.schoolName ?? '') || a.grade - b.grade || a.preferredName.localeCompare(b.preferredName));
    return c.json({ generatedAt: new Date().toISOString(), items } satisfies AccessCodesResponse);
  })

  .get('/:id', param(StudentParam), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const [[row], apps] = await db.batch([
      selectStudent(db, user.tenantId, id),
      selectApplications(db, user.tenantId, id),
      studentAuditIfExists(db, user, 'student.read', id),
    ]);
    if (!row) throw notOnRoster();
    return c.json(toDetail(row, apps, await tenantToday(db, user.tenantId)));
  })

  .patch('/:id', param(StudentParam), json(StudentUpdate), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const db = c.var.db;
    const current = await selectStudent(db, user.tenantId, id).get();
    if (!current) throw notOnRoster();
    const schoolId = body.schoolId !== undefined ? body.schoolId : current.schoolId;
    const grade = body.grade ?? current.grade;
    if (body.schoolId !== undefined || body.grade !== undefined) {
      const errors = checkSchool(await tenantSchools(db, user.tenantId), schoolId, grade);
      if (errors.length) throw new ProblemError('validation', { errors });
    }
    const { values, fields } = studentValues(body);
    try {
      await db.batch([
        db
          .update(studentsTable)
          .set({ ...values, updatedAt: NOW })
          .where(ofStudent(user.tenantId, id)),
        studentAudit(db, user, 'student.update', id, { fields }),
      ]);
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateNumber();
      throw e;
    }
    return c.json(await detailOf(db, user.tenantId, id));
  })

  .route('/', studentRecords);
