import { Hono } from 'hono';
import { AdminAuditList, AdminAuditQuery, type AdminAuditEntry } from '../../../schema/api/admin/audit.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { query } from '../../middleware/validate.js';
import { containsPattern, invalid } from '../../lib/admin-kit.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { isoInstant } from '../../lib/events.js';
import { describe } from '../../lib/openapi.js';
import { addDays, startOfDay } from '../../lib/zones.js';

describe({
  method: 'get', path: '/api/v1/admin/audit', summary: 'Who read or changed what, and when: every student-record access and admin action, newest first', tags: ['admin: audit'], security: 'bearer',
  query: AdminAuditQuery, responses: { 200: { description: 'A page of audit entries', schema: AdminAuditList } },
});

interface AuditRow {
  id: number; at: string; actor_type: AdminAuditEntry['actorType']; actor_id: string | null; actor_name: string | null; action: string;
  entity: string; entity_id: string | null; detail: string | null;
}

function parseDetail(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

const toEntry = (r: AuditRow): AdminAuditEntry => ({
  id: r.id, at: r.at, actorType: r.actor_type, actorId: r.actor_id, actorName: r.actor_name, action: r.action,
  entity: r.entity, entityId: r.entity_id, detail: parseDetail(r.detail),
});

/** Read-only, tenant-scoped: the log is appended to by the writes themselves, in their own batches. */
export const auditLog = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator'))
  .get('/', query(AdminAuditQuery), async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user');
    const db = c.env.DB;
    const cursor = readCursor(q.cursor);
    const where = ['a.tenant_id = ?'];
    const params: unknown[] = [user.tenantId];
    const equal = (column: string, value: string | undefined) => {
      if (!value) return;
      where.push(`${column} = ?`);
      params.push(value);
    };
    equal('a.entity', q.entity);
    equal('a.entity_id', q.entityId);
    equal('a.actor_id', q.actorId);
    if (q.action?.endsWith('.')) {
      where.push(`a.action LIKE ? ESCAPE '\\'`);
      params.push(containsPattern(q.action).slice(1));
    } else {
      equal('a.action', q.action);
    }
    if (q.from || q.to) {
      if (q.from && q.to && q.to < q.from) throw invalid([{ path: 'to', message: 'End the range after it starts', code: 'range_reversed' }]);
      // Dates are the tenant's days, as the coordinator reading the log lives them.
      const tz = (await db.prepare('SELECT time_zone FROM tenants WHERE id = ?').bind(user.tenantId).first<{ time_zone: string }>())?.time_zone ?? 'UTC';
      if (q.from) {
        where.push('a.at >= ?');
        params.push(isoInstant(startOfDay(q.from, tz)));
      }
      if (q.to) {
        where.push('a.at < ?');
        params.push(isoInstant(startOfDay(addDays(q.to, 1), tz)));
      }
    }
    if (cursor) {
      where.push('(a.at, a.id) < (?, ?)');
      params.push(cursor.k, cursor.s);
    }
    const { results } = await db.prepare(
      `SELECT a.id, a.at, a.actor_type, a.actor_id, u.name AS actor_name, a.action, a.entity, a.entity_id, a.detail
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id AND u.tenant_id = a.tenant_id
        WHERE ${where.join(' AND ')} ORDER BY a.at DESC, a.id DESC LIMIT ?`,
    ).bind(...params, q.limit + 1).all<AuditRow>();
    return c.json(pageOf(results, q.limit, (r) => ({ k: r.at, s: r.id }), toEntry));
  });
