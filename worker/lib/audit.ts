/**
 * Audit rows. Each is a drizzle insert so it can join the batch (one transaction) of the write
 * it records: a write is never committed without its audit entry.
 */
import { sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../schema/db/tables.js';
import type { Database } from './db.js';

export interface AuditEntry {
  tenantId: string;
  /**
   * `signer`: a person acting through a link sent to them (actor id: the agreement); `system`: a scheduled job, never a person;
   * `student`, `guardian`: a person on their own record (actor id: their person session); `supervisor`: a supervisor through their link.
   */
  actorType: 'user' | 'site' | 'signer' | 'system' | 'student' | 'guardian' | 'supervisor';
  actorId: string | null;
  /** `<entity>.<verb>`: `student.read`, `student.update`, `session.login`, `site.rotate_key`… */
  action: string;
  entity: string;
  entityId?: string | null;
  /** Never student data itself: ids, field names, counts. */
  detail?: Record<string, unknown> | null;
}

const values = (e: AuditEntry) => ({
  tenantId: e.tenantId,
  actorType: e.actorType,
  actorId: e.actorId,
  action: e.action,
  entity: e.entity,
  entityId: e.entityId ?? null,
  detail: e.detail ?? null,
});

/** One audit row, for a batch. */
export function auditRow(db: Database, e: AuditEntry) {
  return db.insert(auditLog).values(values(e));
}

/**
 * An audit row written only while `guard` holds. A D1 batch is one transaction whose
 * statements run one after another with nothing in between, so statements placed before the
 * batch's state-changing UPDATE all see the state that UPDATE checks: a refused change leaves
 * no audit row behind.
 */
export function auditRowIf(db: Database, e: AuditEntry, guard: SQL) {
  const v = values(e);
  const detail = v.detail ? JSON.stringify(v.detail) : null;
  return db
    .insert(auditLog)
    .select(
      sql`SELECT NULL, ${v.tenantId}, ${v.actorType}, ${v.actorId}, ${v.action}, ${v.entity}, ${v.entityId}, ${detail}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE ${guard}`,
    );
}

/** One audit row on its own, for a read that is recorded (`student.read`, `credential.list`). */
export async function audit(db: Database, e: AuditEntry): Promise<void> {
  await auditRow(db, e);
}
