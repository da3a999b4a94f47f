/**
 * Hands committed outbox rows to the mail queue. After every write request the rows that
 * request's batch made (`queued`, not yet handed over) go to the queue; the minute cron does the
 * same and also takes back what the queue lost — a row handed over long ago and never claimed,
 * a retry long past due, a claim that lapsed. The consumer's claim makes handing a row over twice
 * harmless.
 */
import type { Queue } from '@cloudflare/workers-types';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { outbox } from '../../schema/db/tables.js';
import type { Database } from '../lib/db.js';
import type { MailJob } from './deliver.js';

/** Rows handed over per run (in queue batches of 100, the most one `sendBatch` takes); the next write or the next minute takes more. */
const PER_RUN = 500;
const SEND_BATCH = 100;
/** A handed-over row still unclaimed after this is handed over again. */
const LOST_AFTER_MS = 5 * 60_000;

export async function dispatchPending(db: Database, queue: Queue<MailJob>, now = Date.now()): Promise<number> {
  const lost = new Date(now - LOST_AFTER_MS).toISOString();
  const at = new Date(now).toISOString();
  const waiting = or(
    and(eq(outbox.status, 'queued'), or(isNull(outbox.enqueuedAt), lt(outbox.enqueuedAt, lost))),
    and(eq(outbox.status, 'retrying'), lt(outbox.nextAttemptAt, lost)),
    and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, at)),
  );
  const rows = await db
    .update(outbox)
    .set({ enqueuedAt: at })
    .where(inArray(outbox.id, db.select({ id: outbox.id }).from(outbox).where(waiting).limit(PER_RUN)))
    .returning({ id: outbox.id });
  if (!rows.length) return 0;
  try {
    for (let i = 0; i < rows.length; i += SEND_BATCH) await queue.sendBatch(rows.slice(i, i + SEND_BATCH).map((r) => ({ body: { id: r.id } })));
  } catch (e) {
    // Not handed over after all: the next write or the minute cron tries again.
    await db
      .update(outbox)
      .set({ enqueuedAt: null })
      .where(
        and(
          inArray(
            outbox.id,
            rows.map((r) => r.id),
          ),
          sql`${outbox.enqueuedAt} = ${at}`,
        ),
      );
    throw e;
  }
  return rows.length;
}
