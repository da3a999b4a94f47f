import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';

export interface AuditEntry {
  tenantId: string;
  /** `signer`: a person acting through a link sent to them (actor id: the agreement); `system`: a scheduled job, never a person. */
  actorType: 'user' | 'site' | 'signer' | 'system';
  actorId: string | null;
  /** `<entity>.<verb>`: `student.read`, `student.update`, `session.login`, `site.rotate_key`… */
  action: string;
  entity: string;
  entityId?: string | null;
  /** Never student data itself: ids, field names, counts. */
  detail?: Record<string, unknown> | null;
}

/**
 * One audit row as a prepared statement, so it can join the batch (one transaction) of the
 * write it records: a write is never committed without its audit entry.
 */
export function auditStatement(db: D1Database, e: AuditEntry): D1PreparedStatement {
  return db.prepare(
    'INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).bind(e.tenantId, e.actorType, e.actorId, e.action, e.entity, e.entityId ?? null, e.detail ? JSON.stringify(e.detail) : null);
}

export async function audit(db: D1Database, e: AuditEntry): Promise<void> {
  await auditStatement(db, e).run();
}
