/**
 * POST /import: preview or import a roster CSV. A preview writes nothing but its audit row;
 * an import with any row in error writes nothing at all; a clean one upserts every row by
 * student number, with one audit row per student created or updated, in one batch.
 */
import { Hono } from 'hono';
import type { BatchItem } from 'drizzle-orm/batch';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { StudentImportRequest, type StudentImportResult, type StudentImportRow } from '../../../../schema/api/admin/students.js';
import { students } from '../../../../schema/db/tables.js';
import type { AppEnv } from '../../../env.js';
import { json } from '../../../middleware/validate.js';
import type { Database } from '../../../lib/db.js';
import { newId } from '../../../lib/ids.js';
import { ProblemError } from '../../../lib/problem.js';
import { FIELD_OF_COLUMN, parseRosterCsv } from '../../../lib/roster.js';
import { COLUMN_OF_FIELD, WRITE_FIELDS, studentAudit, studentAuditWhere, studentValues, tenantSchools, type WriteField } from './rows.js';
import { NOW, excluded, inList, rowOf } from './sql.js';

/** Rows per upsert statement in an import: one JSON parameter each, well under D1's 100 KB statement limit. */
const IMPORT_CHUNK = 200;

/**
 * One upsert of up to IMPORT_CHUNK students, carried in one JSON parameter (`json_each`): a
 * VALUES list would need a bound parameter per cell, and D1 allows 100 per statement. The
 * columns the file has come from the JSON; the others take their defaults on an insert and
 * keep their stored value on an update.
 */
function upsert(db: Database, tenantId: string, present: WriteField[], records: Record<string, unknown>[]) {
  const fromFile = new Set<string>(present);
  const row = rowOf(students, (key) =>
    key === 'id' || fromFile.has(key) ? sql`json_extract(value, ${`$.${key}`})` : key === 'tenantId' ? sql`${tenantId}` : undefined,
  );
  const set: Partial<Record<WriteField | 'updatedAt', SQL>> = { updatedAt: NOW };
  for (const k of present) if (k !== 'studentNumber') set[k] = excluded(COLUMN_OF_FIELD[k]);
  return db
    .insert(students)
    .select(sql`SELECT ${row} FROM json_each(${JSON.stringify(records)}) WHERE true`)
    .onConflictDoUpdate({ target: [students.tenantId, students.studentNumber], set });
}

export const rosterImport = new Hono<AppEnv>().post('/import', json(StudentImportRequest), async (c) => {
  const user = c.get('user');
  const { csv, dryRun } = c.req.valid('json');
  const db = c.var.db;
  const parsed = parseRosterCsv(csv, await tenantSchools(db, user.tenantId));
  if (parsed.fileErrors.length) {
    throw new ProblemError('validation', {
      title: 'The roster file cannot be imported',
      errors: parsed.fileErrors.map((e) => ({ path: e.field, message: e.message, code: 'csv' })),
    });
  }
  const numbers = parsed.rows.map((r) => r.input.studentNumber).filter((n): n is string => typeof n === 'string' && n.length > 0);
  const idsOf = async () =>
    new Map(
      (
        await db
          .select({ id: students.id, studentNumber: students.studentNumber })
          .from(students)
          .where(and(eq(students.tenantId, user.tenantId), inList(students.studentNumber, numbers)))
      ).map((r) => [r.studentNumber, r.id]),
    );
  const existing = await idsOf();

  const rows: StudentImportRow[] = parsed.rows.map((r) => {
    const number = typeof r.input.studentNumber === 'string' ? r.input.studentNumber : null;
    const existingId = number ? (existing.get(number) ?? null) : null;
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
        studentGroups: Array.isArray(v.studentGroups) ? v.studentGroups.filter((g): g is string => typeof g === 'string') : null,
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
    await studentAudit(db, user, 'student.import_preview', null, {
      rows: summary.rows,
      create: summary.create,
      update: summary.update,
      error: summary.error,
      ids: [...existing.values()],
    });
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
  const present = WRITE_FIELDS.filter((k) => parsed.columns.some((col) => FIELD_OF_COLUMN[col] === k));
  const records = parsed.rows.map((r) => {
    const { values } = studentValues(Object.fromEntries(present.map((k) => [k, r.valid?.[k] ?? null])));
    // As the table stores each value (booleans 0/1, lists as JSON text), keyed by field.
    const rec: Record<string, unknown> = { id: newId('stu') };
    for (const k of present) {
      const v = values[k];
      rec[k] = typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v) : v;
    }
    return rec;
  });
  const statements: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < records.length; i += IMPORT_CHUNK) statements.push(upsert(db, user.tenantId, present, records.slice(i, i + IMPORT_CHUNK)));
  const byStatus = (s: 'create' | 'update') => rows.filter((r) => r.status === s).map((r) => r.student.studentNumber ?? '');
  for (const [status, action] of [
    ['create', 'student.create'],
    ['update', 'student.update'],
  ] as const) {
    const list = byStatus(status);
    if (list.length)
      statements.push(
        studentAuditWhere(db, user, action, and(eq(students.tenantId, user.tenantId), inList(students.studentNumber, list)), {
          via: 'csv_import',
          fields: [...present],
        }),
      );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  const ids = await idsOf();
  for (const r of rows) r.student.id = ids.get(r.student.studentNumber ?? '') ?? null;
  return c.json({ ...result, written: true } satisfies StudentImportResult);
});
