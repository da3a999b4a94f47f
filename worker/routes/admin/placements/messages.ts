/**
 * The outbox, for coordinators and admins: every message the system wrote, newest first, with
 * where it is on its way (queued, sending, sent, retrying, failed, suppressed), and a way to send
 * a failed one again. A one-time link (a signing link) is never shown here, delivered or not: it
 * reaches only its recipient, so staff cannot forward or use it. Reading messages is audited
 * (they name students); so is sending one again.
 */
import { Hono } from 'hono';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import * as z from 'zod/mini';
import { OutboxList, OutboxMessage, OutboxQuery } from '../../../../schema/api/admin/placements.js';
import { idOf } from '../../../../schema/api/admin/student-fields.js';
import { outbox } from '../../../../schema/db/tables.js';
import type { AppEnv } from '../../../env.js';
import { requireRole } from '../../../middleware/auth.js';
import { param, query } from '../../../middleware/validate.js';
import { actorOf, conflict, notFound, runBatch } from '../../../lib/admin-kit.js';
import { auditRow, auditRowIf } from '../../../lib/audit.js';
import type { Lang } from '../../../lib/lang.js';
import { describe } from '../../../lib/openapi.js';
import { pageOf } from '../../../lib/paging.js';
import { LINK_PLACEHOLDER } from '../../../lib/pipeline.js';
import { textCursor } from '../students/sql.js';

const rowid = sql<number>`${outbox}.rowid`.mapWith(Number);
const TAGS = ['admin: outbox'];
const MessageParam = z.object({ id: idOf('msg') });

/** What stands in a listed body where its one-time link went, in the viewer's language. */
const REDACTED: Record<Lang, (recipient: string) => string> = {
  en: (to) => `[one-time link — sent only to ${to}]`,
  es: (to) => `[enlace de un solo uso — enviado solo a ${to}]`,
};

/** A stored body as staff may read it: the link's placeholder replaced by a note, never by the link. */
const redacted = (body: string, recipient: string, lang: Lang) => body.split(LINK_PLACEHOLDER).join(REDACTED[lang](recipient));

describe({
  method: 'get',
  path: '/api/v1/admin/outbox',
  summary:
    'Messages the system wrote, newest first, each with its delivery state (queued, sending, sent, retrying, failed, suppressed); one-time links are shown only as a note that they went to their recipient',
  tags: TAGS,
  security: 'bearer',
  query: OutboxQuery,
  responses: { 200: { description: 'A page of messages', schema: OutboxList } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/outbox/:id/retry',
  summary: 'Send a failed message again: it goes back to the queue with its attempts reset (its one-time link, if any, still only to its recipient)',
  tags: TAGS,
  security: 'bearer',
  params: { id: 'The message’s id (`msg_…`)' },
  responses: {
    200: { description: 'The message, queued again', schema: OutboxMessage },
    409: {
      description:
        'Only a failed message can be sent again (a queued, sending, retrying or sent one is still on its way or arrived; a suppressed one was turned off by its recipient)',
    },
  },
});

const columns = {
  seq: rowid,
  id: outbox.id,
  recipient: outbox.recipient,
  kind: outbox.kind,
  lang: outbox.lang,
  subject: outbox.subject,
  body: outbox.body,
  status: outbox.status,
  attempts: outbox.attempts,
  lastError: outbox.lastError,
  sentAt: outbox.sentAt,
  messageId: outbox.messageId,
  nextAttemptAt: outbox.nextAttemptAt,
  relatedId: outbox.relatedId,
  createdAt: outbox.createdAt,
};
type Row = Omit<typeof outbox.$inferSelect, 'tenantId' | 'data' | 'replyTo' | 'dedupeKey' | 'enqueuedAt' | 'leaseUntil' | 'sealedLink'>;

const listed = (r: Row, lang: Lang): OutboxMessage => ({
  id: r.id,
  recipient: r.recipient,
  kind: r.kind,
  lang: r.lang,
  subject: r.subject,
  body: redacted(r.body, r.recipient, lang),
  oneTimeLink: r.body.includes(LINK_PLACEHOLDER),
  status: r.status,
  attempts: r.attempts,
  lastError: r.lastError,
  sentAt: r.sentAt,
  messageId: r.messageId,
  nextAttemptAt: r.nextAttemptAt,
  relatedId: r.relatedId,
  createdAt: r.createdAt,
});

export const outboxAdmin = new Hono<AppEnv>()
  .use(requireRole('coordinator', 'admin'))
  .get('/', query(OutboxQuery), async (c) => {
    const user = c.get('user');
    const q = c.req.valid('query');
    const db = c.var.db;
    const cursor = textCursor(q.cursor);
    const where: (SQL | undefined)[] = [eq(outbox.tenantId, user.tenantId)];
    if (q.relatedId) where.push(eq(outbox.relatedId, q.relatedId));
    if (q.status) where.push(eq(outbox.status, q.status));
    if (cursor) where.push(sql`(${outbox.createdAt}, ${rowid}) < (${cursor.k}, ${cursor.s})`);
    const rows = await db
      .select(columns)
      .from(outbox)
      .where(and(...where))
      .orderBy(desc(outbox.createdAt), desc(rowid))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    // Messages name students: reading them is recorded too.
    await auditRow(db, {
      ...actorOf(user),
      action: 'outbox.read',
      entity: 'outbox',
      entityId: q.relatedId ?? null,
      detail: { count: page.length, ...(q.status ? { status: q.status } : {}) },
    });
    return c.json(
      pageOf(
        rows,
        q.limit,
        (r) => ({ k: r.createdAt, s: r.seq }),
        (r) => listed(r, c.var.lang),
      ) satisfies OutboxList,
    );
  })
  .post('/:id/retry', requireRole('coordinator', 'admin'), param(MessageParam), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const mine = and(eq(outbox.id, id), eq(outbox.tenantId, user.tenantId));
    const failed = sql`EXISTS (SELECT 1 FROM outbox WHERE id = ${id} AND tenant_id = ${user.tenantId} AND status = 'failed')`;
    // The audit row first, on the same guard: a refused retry leaves none behind.
    const [, updated] = await runBatch(db, [
      auditRowIf(db, { ...actorOf(user), action: 'outbox.retry', entity: 'outbox', entityId: id }, failed),
      db
        .update(outbox)
        .set({ status: 'queued', attempts: 0, enqueuedAt: null, nextAttemptAt: null, leaseUntil: null, lastError: null })
        .where(and(mine, eq(outbox.status, 'failed'))),
    ]);
    const row = await db.select(columns).from(outbox).where(mine).get();
    if (!row) throw notFound('message');
    if (!updated?.meta.changes) {
      throw conflict(
        'Only a failed message can be sent again',
        row.status === 'suppressed'
          ? 'Its recipient turned these messages off; they can turn them back on from the preferences link in any message.'
          : `This message is ${row.status}: it is still on its way or has arrived.`,
      );
    }
    // Handed to the queue after this answer by the write middleware (app.ts), like every new message.
    return c.json(listed(row, c.var.lang));
  });
