/**
 * What the console's write routes share: audit rows that commit only with the change they
 * record, keyset pages, partial updates, and the problems a write answers.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import type { SessionUser } from '../../schema/api/auth.js';
import type { FieldError } from '../../schema/api/problem.js';
import type { AuditEntry } from './audit.js';
import { ProblemError } from './problem.js';

/** A SQL condition and its parameters. */
export interface Guard { sql: string; params: unknown[] }

/** The audit fields that name who acted: the signed-in user, in their tenant. */
export function actorOf(user: SessionUser): Pick<AuditEntry, 'tenantId' | 'actorType' | 'actorId'> {
  return { tenantId: user.tenantId, actorType: 'user', actorId: user.id };
}

/**
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

/** A message that would have been emailed, written only while `guard` holds. */
export function outboxIf(
  db: D1Database, m: { tenantId: string; recipient: string; subject: string; body: string; relatedId: string }, guard: Guard,
): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO outbox (id, tenant_id, recipient, subject, body, related_id)
     SELECT 'msg_' || lower(hex(randomblob(10))), ?, ?, ?, ?, ? WHERE ${guard.sql}`,
  ).bind(m.tenantId, m.recipient, m.subject, m.body, m.relatedId, ...guard.params);
}

/**
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

/** A reference in a body to a record of the same tenant, or null when there is none. */
export async function ownedId(db: D1Database, table: 'employers' | 'schools', id: string, tenantId: string): Promise<{ id: string; name: string } | null> {
  return db.prepare(`SELECT id, name FROM ${table} WHERE id = ? AND tenant_id = ?`).bind(id, tenantId).first<{ id: string; name: string }>();
}

/** `%…%` for LIKE, with the wildcards a person typed taken literally (use with `ESCAPE '\\'`). */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Now as the tables store instants: ISO 8601 UTC with milliseconds. */
export const nowIso = () => new Date().toISOString();
