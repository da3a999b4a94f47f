/**
 * GET /api/v1/admin/outbox: messages that would have been emailed, newest first. Until they
 * are delivered by mail, coordinators forward them by hand: only here, for them, is a sealed
 * signing link put back into its message. Reading them is audited (they name students).
 */
import { Hono } from 'hono';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { OutboxQuery, type OutboxList } from '../../../../schema/api/admin/placements.js';
import { outbox } from '../../../../schema/db/tables.js';
import type { AppEnv } from '../../../env.js';
import { requireRole } from '../../../middleware/auth.js';
import { query } from '../../../middleware/validate.js';
import { appSecret, unseal } from '../../../lib/app-secret.js';
import { auditRow } from '../../../lib/audit.js';
import { pageOf } from '../../../lib/paging.js';
import { withLink } from '../../../lib/pipeline.js';
import { textCursor } from '../students/sql.js';

const rowid = sql<number>`${outbox}.rowid`.mapWith(Number);

export const outboxAdmin = new Hono<AppEnv>().use(requireRole('coordinator', 'admin')).get('/', query(OutboxQuery), async (c) => {
  const user = c.get('user');
  const q = c.req.valid('query');
  const db = c.var.db;
  const cursor = textCursor(q.cursor);
  const where: (SQL | undefined)[] = [eq(outbox.tenantId, user.tenantId)];
  if (q.relatedId) where.push(eq(outbox.relatedId, q.relatedId));
  if (cursor) where.push(sql`(${outbox.createdAt}, ${rowid}) < (${cursor.k}, ${cursor.s})`);
  const rows = await db
    .select({
      seq: rowid,
      id: outbox.id,
      tenantId: outbox.tenantId,
      recipient: outbox.recipient,
      subject: outbox.subject,
      body: outbox.body,
      sealedLink: outbox.sealedLink,
      relatedId: outbox.relatedId,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(and(...where))
    .orderBy(desc(outbox.createdAt), desc(rowid))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  // Messages name students and carry signing links: reading them is recorded too.
  await auditRow(db, {
    tenantId: user.tenantId,
    actorType: 'user',
    actorId: user.id,
    action: 'outbox.read',
    entity: 'outbox',
    entityId: q.relatedId ?? null,
    detail: { count: page.length },
  });
  const secret = page.some((r) => r.sealedLink) ? appSecret(c.env) : '';
  const bodies = new Map(
    await Promise.all(page.map(async (r) => [r.id, r.sealedLink ? withLink(r.body, await unseal(secret, r.tenantId, r.sealedLink)) : r.body] as const)),
  );
  return c.json(
    pageOf(
      rows,
      q.limit,
      (r) => ({ k: r.createdAt, s: r.seq }),
      (r) => ({
        id: r.id,
        recipient: r.recipient,
        subject: r.subject,
        body: bodies.get(r.id) ?? r.body,
        relatedId: r.relatedId,
        createdAt: r.createdAt,
      }),
    ) satisfies OutboxList,
  );
});
