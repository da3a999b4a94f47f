/**
 * SQL pieces the roster and the placement routes share (candidates for `worker/lib/` once
 * other routes want them): the database's now, long `IN` lists, a text-keyed cursor, and
 * INSERT…SELECT rows that drizzle's `insert().select()` takes in the table's column order.
 */
import { getTableColumns, is, sql, SQL, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../../lib/db.js';
import { readCursor } from '../../../lib/paging.js';
import { ProblemError } from '../../../lib/problem.js';

/** Now as the tables' defaults write it, on the database's clock. */
export const NOW = sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

/**
 * `column IN (…)` for a list of any length: one JSON parameter, so a long list stays under
 * D1's 100 bound parameters per statement.
 */
export const inList = (column: Column | SQL, list: readonly string[]): SQL => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(list)}))`;

/** The cursor of a list sorted by a text key (a name, an instant), or the field error `readCursor` answers. */
export function textCursor(raw: string | undefined): { k: string; s: number } | null {
  const cursor = readCursor(raw);
  if (!cursor) return null;
  if (typeof cursor.k !== 'string')
    throw new ProblemError('validation', {
      errors: [{ path: 'cursor', message: 'This cursor is not valid; start again from the first page', code: 'invalid_cursor' }],
    });
  return { k: cursor.k, s: cursor.s };
}

/**
 * One expression per column of `table`, in its order, as `insert(table).select(…)` needs them:
 * `given(key)` where it answers, else the column's default (what an INSERT leaving the column
 * out would store), else NULL.
 */
export function rowOf<T extends SQLiteTable>(table: T, given: (key: string, column: Column) => SQL | undefined): SQL {
  return sql.join(
    Object.entries(getTableColumns(table)).map(([key, column]) => {
      const v = given(key, column);
      if (v) return v;
      if (column.default !== undefined) return is(column.default, SQL) ? column.default : sql.param(column.default, column);
      return sql`NULL`;
    }),
    sql`, `,
  );
}

/** A row inserted only while `guard` holds when the batch reaches it (INSERT…SELECT…WHERE). */
export function insertIf<T extends SQLiteTable>(db: Database, table: T, values: T['$inferInsert'], guard: SQL) {
  const known = new Map<string, unknown>(Object.entries(values));
  const row = rowOf(table, (key, column) => {
    const v = known.get(key);
    return v === undefined ? undefined : is(v, SQL) ? v : sql`${sql.param(v, column)}`;
  });
  return db.insert(table).select(sql`SELECT ${row} WHERE ${guard}`);
}

/** `excluded.<column>`: the value an upsert proposed. */
export const excluded = (column: Column) => sql`excluded.${sql.identifier(column.name)}`;
