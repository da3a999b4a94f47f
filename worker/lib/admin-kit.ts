/**
 * What the console's write routes share: who acted, rows written only while a guard holds,
 * references to a record of the same tenant, LIKE searches, and the problems a write answers.
 * Audit and outbox rows are in ./audit.ts and ./outbox.ts, keyset paging in ./paging.ts.
 */
import type { D1Database, D1PreparedStatement, D1Result } from '@cloudflare/workers-types';
import type { BatchItem } from 'drizzle-orm/batch';
import { and, eq, exists, getTableColumns, is, sql, SQL, type Column } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { SessionUser } from '../../schema/api/auth.js';
import type { FieldError } from '../../schema/api/problem.js';
import type { employers, schools } from '../../schema/db/tables.js';
import type { AuditEntry } from './audit.js';
import type { Database } from './db.js';
import { ProblemError } from './problem.js';

/**
 * A SQL condition and its parameters.
 * @deprecated The raw-D1 form: guards are drizzle `SQL` now (`exists(db.select()…)`, `and(…)`).
 */
export interface Guard { sql: string; params: unknown[] }

/** The audit fields that name who acted: the signed-in user, in their tenant. */
export function actorOf(user: SessionUser): Pick<AuditEntry, 'tenantId' | 'actorType' | 'actorId'> {
  return { tenantId: user.tenantId, actorType: 'user', actorId: user.id };
}

/**
 * @deprecated The raw-D1 form, until the last caller moves to drizzle: `auditRowIf` in ./audit.ts.
 *
 * An audit row written only while `guard` holds. A D1 batch is one transaction whose
 * statements run one after another with nothing in between, so statements placed before the
 * batch's state-changing UPDATE all see the state that UPDATE checks: a refused change leaves
 * no audit row, no outbox message and no half-made record behind.
 */
export function auditIf(db: D1Database, e: AuditEntry, guard: Guard): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail)
     SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}`,
  ).bind(e.tenantId, e.actorType, e.actorId, e.action, e.entity, e.entityId ?? null, e.detail ? JSON.stringify(e.detail) : null, ...guard.params);
}

/**
 * A message that would have been emailed, written only while `guard` holds.
 * @deprecated The raw-D1 form, until the last caller moves to drizzle: `outboxRowIf` in ./outbox.ts.
 */
export function outboxIf(
  db: D1Database, m: { tenantId: string; recipient: string; subject: string; body: string; relatedId: string }, guard: Guard,
): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO outbox (id, tenant_id, recipient, subject, body, related_id)
     SELECT 'msg_' || lower(hex(randomblob(10))), ?, ?, ?, ?, ? WHERE ${guard.sql}`,
  ).bind(m.tenantId, m.recipient, m.subject, m.body, m.relatedId, ...guard.params);
}

/**
 * @deprecated The raw-D1 form, until the last caller moves to drizzle: pass the fields sent to
 * drizzle's `.set()` (it skips undefined ones and stores lists and booleans as the columns say).
 *
 * `col = ?, …` for the fields a partial update sent, in the order of `columns`; JSON lists and
 * booleans are stored the way the tables keep them.
 */
export function setClause(columns: Record<string, string>, values: Record<string, unknown>): Guard & { columns: string[] } {
  const names: string[] = [];
  const params: unknown[] = [];
  for (const [field, column] of Object.entries(columns)) {
    if (!(field in values) || values[field] === undefined) continue;
    const v = values[field];
    names.push(column);
    params.push(Array.isArray(v) ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v);
  }
  return { sql: names.map((n) => `${n} = ?`).join(', '), params, columns: names };
}

export const notFound = (what: string) => new ProblemError('notFound', { detail: `No ${what} has that id here.` });

export const conflict = (title: string, detail: string) => new ProblemError('conflict', { title, detail });

/** Field errors from checks the Worker makes itself (a reference to another tenant's record, a merged row). */
export function invalid(errors: FieldError[]): ProblemError {
  return new ProblemError('validation', { errors });
}

/**
 * A reference in a body to a record of the same tenant, or null when there is none.
 * @deprecated The raw-D1 form, until the last caller moves to drizzle: `ownedRecord`.
 */
export async function ownedId(db: D1Database, table: 'employers' | 'schools', id: string, tenantId: string): Promise<{ id: string; name: string } | null> {
  return db.prepare(`SELECT id, name FROM ${table} WHERE id = ? AND tenant_id = ?`).bind(id, tenantId).first<{ id: string; name: string }>();
}

/** A table whose rows belong to a tenant and have a name: what a body may refer to by id. */
type NamedOwned = typeof employers | typeof schools;

/** A reference in a body to a record of the same tenant (its id and name), or null when there is none. */
export async function ownedRecord(db: Database, table: NamedOwned, id: string, tenantId: string): Promise<{ id: string; name: string } | null> {
  const row = await db.select({ id: table.id, name: table.name }).from(table).where(and(eq(table.id, id), eq(table.tenantId, tenantId))).get();
  return row ?? null;
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
