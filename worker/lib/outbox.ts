/**
 * Outbox rows: the messages a change sends, written in the same batch (one transaction) as
 * the change, so a message exists only if what it announces was committed. Each row starts
 * `queued`; after the batch commits it is handed to the mail queue (`mail/dispatch.ts`) and
 * its consumer delivers it (`mail/deliver.ts`), recording the outcome on the row.
 */
import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import { outbox } from '../../schema/db/tables.js';
import type { Database } from './db.js';
import { newId } from './ids.js';
import type { Lang } from './lang.js';

export interface OutboxMessage {
  tenantId: string;
  recipient: string;
  /** The catalogue's kind (`compose()` gives it with the text); `message` for text written elsewhere. */
  kind?: string;
  lang?: Lang;
  subject: string;
  /** May refer to a one-time link as `{link}`; the link itself goes sealed in `sealedLink`. */
  body: string;
  sealedLink?: string | null;
  relatedId?: string | null;
  /** What delivery needs beyond the text (an event's calendar file: `{ ics: { eventId, rsvpId, method } }`). */
  data?: Record<string, unknown> | null;
  /** Reply-To: the coordinator who acted; without it the district's reply address. */
  replyTo?: string | null;
  /** For scheduled messages: `kind:subject:period`, written once per tenant. */
  dedupeKey?: string | null;
}

const values = (m: OutboxMessage) => ({
  id: newId('msg'),
  tenantId: m.tenantId,
  recipient: m.recipient,
  kind: m.kind ?? 'message',
  lang: m.lang ?? 'en',
  subject: m.subject,
  body: m.body,
  sealedLink: m.sealedLink ?? null,
  relatedId: m.relatedId ?? null,
  data: m.data ?? null,
  replyTo: m.replyTo ?? null,
  dedupeKey: m.dedupeKey ?? null,
});

/** One message, for a batch. With a `dedupeKey` already written, nothing. */
export function outboxRow(db: Database, m: OutboxMessage) {
  return db.insert(outbox).values(values(m)).onConflictDoNothing();
}

type Column = keyof typeof outbox.$inferInsert;
type Expr = SQL | string | number | null;
const DEFAULTS: Partial<Record<Column, Expr>> = {
  kind: 'message',
  lang: 'en',
  status: 'queued',
  attempts: 0,
  createdAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
};

/**
 * The SELECT list of an `INSERT INTO outbox … SELECT`, in the table's column order, from the
 * values given (SQL expressions or plain values) and the defaults for the rest: statements that
 * write one message per row of a query (every guest of an event) name columns, not positions.
 */
export function outboxColumns(v: Partial<Record<Column, Expr>>): SQL {
  return sql.join(
    Object.keys(getTableColumns(outbox)).map((k) => {
      const x = (k in v ? v[k as Column] : DEFAULTS[k as Column]) ?? null;
      return is(x, SQL) ? x : sql`${x}`;
    }),
    sql`, `,
  );
}

/**
 * One message written only while `guard` holds when the batch reaches it: placed before the
 * batch's guarded UPDATE, a refused change leaves no message behind.
 */
export function outboxRowIf(db: Database, m: OutboxMessage, guard: SQL) {
  const v = values(m);
  return db
    .insert(outbox)
    .select(sql`SELECT ${outboxColumns({ ...v, data: v.data === null ? null : JSON.stringify(v.data) })} WHERE ${guard}`)
    .onConflictDoNothing();
}
