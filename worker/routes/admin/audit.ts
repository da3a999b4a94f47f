import { Hono } from 'hono';
import { AdminAuditList, AdminAuditQuery, type AdminAuditEntry } from '../../../schema/api/admin/audit.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { query } from '../../middleware/validate.js';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditLog as auditTable, tenants, users } from '../../../schema/db/tables.js';
import { containsPattern, invalid, likeEscaped } from '../../lib/admin-kit.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { isoInstant } from '../../lib/events.js';
import { describe } from '../../lib/openapi.js';
import { addDays, startOfDay } from '../../lib/zones.js';

describe({
  method: 'get',
  path: '/api/v1/admin/audit',
  summary: 'Who read or changed what, and when: every student-record access and admin action, newest first',
  tags: ['admin: audit'],
  security: 'bearer',
  query: AdminAuditQuery,
  responses: { 200: { description: 'A page of audit entries', schema: AdminAuditList } },
});

function parseDetail(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

interface AuditRow {
  id: number;
  at: string;
  actorType: typeof auditTable.$inferSelect.actorType;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail: string | null;
}

// The API's actor types predate `signer` (a person signing through a link), which the log also holds.
const toEntry = (r: AuditRow): AdminAuditEntry => ({ ...r, actorType: r.actorType as AdminAuditEntry['actorType'], detail: parseDetail(r.detail) });

/** Read-only, tenant-scoped: the log is appended to by the writes themselves, in their own batches. */
export const auditLog = new Hono<AppEnv>().use(requireRole('admin', 'coordinator')).get('/', query(AdminAuditQuery), async (c) => {
  const q = c.req.valid('query');
  const user = c.get('user');
  const db = c.var.db;
  const cursor = readCursor(q.cursor);
  const where: (SQL | undefined)[] = [eq(auditTable.tenantId, user.tenantId)];
  if (q.entity) where.push(eq(auditTable.entity, q.entity));
  if (q.entityId) where.push(eq(auditTable.entityId, q.entityId));
  if (q.actorId) where.push(eq(auditTable.actorId, q.actorId));
  // `student.` is a prefix: every action on students.
  if (q.action?.endsWith('.')) where.push(likeEscaped(auditTable.action, containsPattern(q.action).slice(1)));
  else if (q.action) where.push(eq(auditTable.action, q.action));
  if (q.from || q.to) {
    if (q.from && q.to && q.to < q.from) throw invalid([{ path: 'to', message: 'End the range after it starts', code: 'range_reversed' }]);
    // Dates are the tenant's days, as the coordinator reading the log lives them.
    const tz = (await db.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, user.tenantId)).get())?.timeZone ?? 'UTC';
    if (q.from) where.push(gte(auditTable.at, isoInstant(startOfDay(q.from, tz))));
    if (q.to) where.push(lt(auditTable.at, isoInstant(startOfDay(addDays(q.to, 1), tz))));
  }
  if (cursor) where.push(sql`(${auditTable.at}, ${auditTable.id}) < (${cursor.k}, ${cursor.s})`);
  const rows: AuditRow[] = await db
    .select({
      id: auditTable.id,
      at: auditTable.at,
      actorType: auditTable.actorType,
      actorId: auditTable.actorId,
      actorName: users.name,
      action: auditTable.action,
      entity: auditTable.entity,
      entityId: auditTable.entityId,
      // As stored: parseDetail keeps a row whose detail is not a JSON object readable rather than failing the page.
      detail: sql<string | null>`${auditTable.detail}`,
    })
    .from(auditTable)
    .leftJoin(users, and(eq(users.id, auditTable.actorId), eq(users.tenantId, auditTable.tenantId)))
    .where(and(...where))
    .orderBy(desc(auditTable.at), desc(auditTable.id))
    .limit(q.limit + 1);
  return c.json(pageOf(rows, q.limit, (r) => ({ k: r.at, s: r.id }), toEntry));
});
