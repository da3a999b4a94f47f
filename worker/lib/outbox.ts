/**
 * Outbox rows: the messages a change sends, written in the same batch (one transaction) as
 * the change, so a message exists only if what it announces was committed.
 */
import { sql, type SQL } from 'drizzle-orm';
import { outbox } from '../../schema/db/tables.js';
import type { Database } from './db.js';
import { newId } from './ids.js';

export interface OutboxMessage {
  tenantId: string;
  recipient: string;
  subject: string;
  /** May refer to a one-time link as `{link}`; the link itself goes sealed in `sealedLink`. */
  body: string;
  sealedLink?: string | null;
  relatedId?: string | null;
}

const values = (m: OutboxMessage) => ({
  id: newId('msg'),
  tenantId: m.tenantId,
  recipient: m.recipient,
  subject: m.subject,
  body: m.body,
  sealedLink: m.sealedLink ?? null,
  relatedId: m.relatedId ?? null,
});

/** One message, for a batch. */
export function outboxRow(db: Database, m: OutboxMessage) {
  return db.insert(outbox).values(values(m));
}

/**
 * One message written only while `guard` holds when the batch reaches it: placed before the
 * batch's guarded UPDATE, a refused change leaves no message behind.
 */
export function outboxRowIf(db: Database, m: OutboxMessage, guard: SQL) {
  const v = values(m);
  return db
    .insert(outbox)
    .select(
      sql`SELECT ${v.id}, ${v.tenantId}, ${v.recipient}, ${v.subject}, ${v.body}, ${v.sealedLink}, ${v.relatedId}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE ${guard}`,
    );
}
