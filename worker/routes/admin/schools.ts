import { Hono } from 'hono';
import { AdminSchoolList, SchoolListQuery, type AdminSchool } from '../../../schema/api/admin/sites.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { query } from '../../middleware/validate.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { describe } from '../../lib/openapi.js';

describe({
  method: 'get', path: '/api/v1/admin/schools', summary: 'The tenant’s schools, for the console’s school pickers', tags: ['admin: sites'], security: 'bearer',
  query: SchoolListQuery, responses: { 200: { description: 'A page of schools by name', schema: AdminSchoolList } },
});

interface SchoolRow { rid: number; id: string; name: string; level: string; grade_min: number; grade_max: number; city: string | null }

const toSchool = (r: SchoolRow): AdminSchool => ({ id: r.id, name: r.name, level: r.level, gradeMin: r.grade_min, gradeMax: r.grade_max, city: r.city });

/** Read-only here: schools are few and change rarely, so the console only picks from them. */
export const schools = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator', 'viewer'))
  .get('/', query(SchoolListQuery), async (c) => {
    const q = c.req.valid('query');
    const cursor = readCursor(q.cursor);
    const params: unknown[] = [c.get('user').tenantId];
    if (cursor) params.push(cursor.k, cursor.s);
    const { results } = await c.env.DB.prepare(
      `SELECT rowid AS rid, id, name, level, grade_min, grade_max, city FROM schools
        WHERE tenant_id = ? ${cursor ? 'AND (name, rowid) > (?, ?)' : ''} ORDER BY name, rowid LIMIT ?`,
    ).bind(...params, q.limit + 1).all<SchoolRow>();
    return c.json(pageOf(results, q.limit, (r) => ({ k: r.name, s: r.rid }), toSchool));
  });
