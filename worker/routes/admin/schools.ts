import { Hono } from 'hono';
import { AdminSchoolList, SchoolListQuery, type AdminSchool } from '../../../schema/api/admin/sites.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { query } from '../../middleware/validate.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import { schools as schoolTable } from '../../../schema/db/tables.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { describe } from '../../lib/openapi.js';

describe({
  method: 'get',
  path: '/api/v1/admin/schools',
  summary: 'The tenant’s schools, for the console’s school pickers',
  tags: ['admin: sites'],
  security: 'bearer',
  query: SchoolListQuery,
  responses: { 200: { description: 'A page of schools by name', schema: AdminSchoolList } },
});

const toSchool = ({ rid: _rid, ...school }: AdminSchool & { rid: number }): AdminSchool => school;

/** Read-only here: schools are few and change rarely, so the console only picks from them. */
export const schools = new Hono<AppEnv>().use(requireRole('admin', 'coordinator', 'viewer')).get('/', query(SchoolListQuery), async (c) => {
  const q = c.req.valid('query');
  const cursor = readCursor(q.cursor);
  // `rid` (the rowid) breaks ties between schools of the same name.
  const rows = await c.var.db
    .select({
      rid: sql<number>`${schoolTable}.rowid`,
      id: schoolTable.id,
      name: schoolTable.name,
      level: schoolTable.level,
      gradeMin: schoolTable.gradeMin,
      gradeMax: schoolTable.gradeMax,
      city: schoolTable.city,
    })
    .from(schoolTable)
    .where(
      and(eq(schoolTable.tenantId, c.get('user').tenantId), cursor ? sql`(${schoolTable.name}, ${schoolTable}.rowid) > (${cursor.k}, ${cursor.s})` : undefined),
    )
    .orderBy(asc(schoolTable.name), asc(sql`${schoolTable}.rowid`))
    .limit(q.limit + 1);
  return c.json(pageOf(rows, q.limit, (r) => ({ k: r.name, s: r.rid }), toSchool));
});
