/**
 * The typed database: one drizzle instance per request over the D1 binding, as in Cloudflare's
 * D1 + drizzle templates. Row types come from the table objects in `schema/db/tables.ts`, so a
 * renamed column breaks the build instead of a query at run time.
 */
import type { D1Database } from '@cloudflare/workers-types';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import type { MiddlewareHandler } from 'hono';
import * as tables from '../../schema/db/tables.js';

export type Database = DrizzleD1Database<typeof tables>;

export const database = (d1: D1Database): Database => drizzle(d1, { schema: tables });

/** Sets `c.var.db` for the request: every route reads and writes through it. */
export const withDatabase: MiddlewareHandler<{ Bindings: { DB: D1Database }; Variables: { db: Database } }> = async (c, next) => {
  c.set('db', database(c.env.DB));
  await next();
};
