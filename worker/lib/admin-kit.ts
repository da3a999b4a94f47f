/**
 * What the console's write routes share: who acted, rows written only while a guard holds,
 * references to a record of the same tenant, LIKE searches, and the problems a write answers.
 * Audit and outbox rows are in ./audit.ts and ./outbox.ts, keyset paging in ./paging.ts.
 */
import type { D1Result } from '@cloudflare/workers-types';
import type { BatchItem } from 'drizzle-orm/batch';
import { exists, getTableColumns, is, sql, SQL, type Column } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { SessionUser } from '../../schema/api/auth.js';
import type { FieldError } from '../../schema/api/problem.js';
import type { AuditEntry } from './audit.js';
import type { Database } from './db.js';
import { ProblemError } from './problem.js';

/** The audit fields that name who acted: the signed-in user, in their tenant. */
export function actorOf(user: SessionUser): Pick<AuditEntry, 'tenantId' | 'actorType' | 'actorId'> {
  return { tenantId: user.tenantId, actorType: 'user', actorId: user.id };
}

export const notFound = (what: string) => new ProblemError('notFound', { detail: `No ${what} has that id here.` });

export const conflict = (title: string, detail: string) => new ProblemError('conflict', { title, detail });

/** Field errors from checks the Worker makes itself (a reference to another tenant's record, a merged row). */
export function invalid(errors: FieldError[]): ProblemError {
  return new ProblemError('validation', { errors });
}

/** `EXISTS (SELECT 1 FROM table WHERE condition)`: the guard of a batch's conditional statements. */
export function rowExists(db: Database, table: SQLiteTable, condition: SQL | undefined): SQL {
  return exists(db.select({ one: sql`1` }).from(table).where(condition));
}

/**
 * `column LIKE pattern ESCAPE '\'`: drizzle's `like()` has no ESCAPE clause. Use with
 * `containsPattern` (or a prefix of it) so the wildcards a person typed are taken literally.
 */
export function likeEscaped(column: SQLiteColumn | SQL, pattern: string): SQL {
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** `column` contains `q`, case-insensitively for ASCII as SQLite's LIKE is, wildcards literal. */
export const contains = (column: SQLiteColumn | SQL, q: string): SQL => likeEscaped(column, containsPattern(q));

/**
 * `INSERT INTO table SELECT <the row> WHERE guard`: a whole row written only while `guard`
 * holds when the batch reaches it (see `auditRowIf`). Columns the row leaves out get their
 * defaults, as a plain insert would give them; values are stored as the columns say (JSON
 * lists as text, booleans as 0/1).
 */
export function insertRowIf<T extends SQLiteTable>(db: Database, table: T, row: T['$inferInsert'], guard: SQL) {
  const values = row as Record<string, unknown>;
  const cells = Object.entries(getTableColumns(table)).map(([key, column]: [string, Column]) => {
    const value = values[key];
    if (value !== undefined) return sql.param(value, column);
    if (column.default !== undefined && column.default !== null) return is(column.default, SQL) ? column.default : sql.param(column.default, column);
    return sql`NULL`;
  });
  return db.insert(table).select(sql`SELECT ${sql.join(cells, sql`, `)} WHERE ${guard}`);
}

/**
 * One batch (one transaction) of statements chosen at run time, some only under a condition,
 * none of them returning rows: each statement's D1 result, in order. (drizzle's `batch` wants
 * a list its type knows to be non-empty.)
 */
export async function runBatch(db: Database, statements: BatchItem<'sqlite'>[]): Promise<D1Result[]> {
  const [first, ...rest] = statements;
  if (!first) return [];
  return (await db.batch([first, ...rest])) as D1Result[];
}

/** `%…%` for LIKE, with the wildcards a person typed taken literally (use with `ESCAPE '\\'`). */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Now as the tables store instants: ISO 8601 UTC with milliseconds. */
export const nowIso = () => new Date().toISOString();
