/**
 * The staff outbox (issue 12): each message's delivery state, a filter by state, sending a failed
 * message again (coordinators and admins, in their own district, audited), and one-time links
 * shown only as a note in the viewer's language. Through the real Worker, its queue and the
 * local SMTP server.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { expectProblem } from './helpers.js';
import { ADMIN, as, COORDINATOR, LAKESIDE, quote, read, sql, submitOffer, SUPERVISOR, VIEWER, write } from './admin-helpers.js';
import { mark, smtp, waitForMail } from './mail.js';
import { ARROYO, applied, assignSupervisor, move, newStudent, sign, signTokens } from './placement-helpers.js';

interface Listed {
  id: string;
  recipient: string;
  kind: string;
  lang: string;
  subject: string;
  body: string;
  oneTimeLink: boolean;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  messageId: string | null;
  nextAttemptAt: string | null;
  relatedId: string | null;
}
const list = async (query: Record<string, string | number>, who = COORDINATOR) =>
  (await read<{ items: Listed[] }>(who, '/admin/outbox', { limit: 100, ...query })).items;

async function until<T>(get: () => T | Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await get();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    v = await get();
  }
  assert.ok(ok(v), `${what}: ${JSON.stringify(v)}`);
  return v;
}

const auditCount = (action: string, id: string) =>
  sql<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = ${quote(action)} AND entity_id = ${quote(id)}`)[0]!.n;

describe('the outbox: delivery state', () => {
  it('lists each message with its kind, language and delivery, and filters by state', async () => {
    const to = `outbox-${randomUUID().slice(0, 8)}@example.org`;
    const after = await mark();
    const { id } = await submitOffer({ title: 'Delivery state', contactEmail: to, lang: 'es' });
    const [m] = await waitForMail(to, { after });
    const [row] = await until(
      async () => (await list({ relatedId: id })).filter((x) => x.recipient === to),
      (r) => r[0]?.status === 'sent',
      'the receipt is listed as sent',
    );
    assert.equal(row!.recipient, to);
    assert.equal(row!.lang, 'es');
    assert.notEqual(row!.kind, '');
    assert.equal(row!.attempts, 1);
    assert.equal(row!.lastError, null);
    assert.equal(row!.nextAttemptAt, null);
    assert.equal(row!.messageId, m!.mail.messageId);
    assert.ok(row!.sentAt && Date.parse(row!.sentAt) > 0);
    assert.equal(row!.oneTimeLink, false);
    assert.ok((await list({ relatedId: id, status: 'sent' })).some((x) => x.id === row!.id));
    assert.deepEqual(await list({ relatedId: id, status: 'failed' }), []);
    assert.ok((await list({ status: 'sent' })).every((x) => x.status === 'sent'));
    await expectProblem(await as(COORDINATOR, 'GET', '/admin/outbox', undefined, { query: { status: 'lost' } }), 400);
    assert.deepEqual(await list({ relatedId: id }, 'coordinator@lakeside.example'), [], 'another district sees none of it');
  });

  it('sends a failed message again, only a failed one, only for coordinators and admins of its district, audited', async () => {
    const to = `failed-${randomUUID().slice(0, 8)}@example.org`;
    let after = await mark();
    const { id: offerId } = await submitOffer({ title: 'Retry me', contactEmail: to });
    await waitForMail(to, { after });
    const mine = async () => (await list({ relatedId: offerId })).filter((x) => x.recipient === to);
    const [sent] = await until(mine, (r) => r[0]?.status === 'sent', 'sent');
    // A failed message: what the consumer records after its last attempt (or a permanent refusal).
    sql(
      `UPDATE outbox SET status = 'failed', attempts = 12, last_error = '550 mailbox unavailable', sent_at = NULL, message_id = NULL WHERE id = ${quote(sent!.id)}`,
    );
    const [failed] = (await list({ relatedId: offerId, status: 'failed' })).filter((x) => x.recipient === to);
    assert.equal(failed!.id, sent!.id);
    assert.equal(failed!.attempts, 12);
    assert.equal(failed!.lastError, '550 mailbox unavailable');

    await expectProblem(await as(VIEWER, 'POST', `/admin/outbox/${sent!.id}/retry`), 403);
    await expectProblem(await as(SUPERVISOR, 'POST', `/admin/outbox/${sent!.id}/retry`), 403);
    await expectProblem(await as(LAKESIDE, 'POST', `/admin/outbox/${sent!.id}/retry`), 404);
    await expectProblem(await as(COORDINATOR, 'POST', '/admin/outbox/msg_nosuchmessage/retry'), 404);
    await expectProblem(await as(COORDINATOR, 'POST', '/admin/outbox/not-an-id/retry'), 404);
    assert.equal(auditCount('outbox.retry', sent!.id), 0, 'refusals leave no audit row');

    after = await mark();
    const retried = await write<Listed>(COORDINATOR, 'POST', `/admin/outbox/${sent!.id}/retry`, undefined);
    assert.equal(retried.status, 'queued');
    assert.equal(retried.attempts, 0);
    assert.equal(retried.lastError, null);
    const [again] = await waitForMail(to, { after });
    assert.match(again!.mail.subject ?? '', /\S/);
    const [row] = await until(mine, (r) => r[0]?.status === 'sent', 'delivered again');
    assert.equal(row!.attempts, 1);
    assert.equal(auditCount('outbox.retry', sent!.id), 1);

    // Anything but failed: 409, and no audit row.
    const conflict = await expectProblem(await as(ADMIN, 'POST', `/admin/outbox/${sent!.id}/retry`), 409);
    assert.match(conflict.detail ?? '', /sent/);
    sql(`UPDATE outbox SET status = 'suppressed' WHERE id = ${quote(sent!.id)}`);
    await expectProblem(await as(ADMIN, 'POST', `/admin/outbox/${sent!.id}/retry`), 409);
    assert.equal(auditCount('outbox.retry', sent!.id), 1);
  });

  it('sends a failed signing request again with its link, which still reaches only its recipient and signs', async () => {
    const student = await newStudent({ grade: 11 });
    const id = await applied(student, ARROYO.shadow);
    await move(id, 'under_review', 'offered');
    await assignSupervisor(id);
    await smtp.stop();
    let failedIds: string[] = [];
    try {
      await move(id, 'accepted');
      // Each request tried and waits to be retried; then gives up, as after its last attempt.
      await until(
        () => sql<{ n: number }>(`SELECT count(*) AS n FROM outbox WHERE related_id = ${quote(id)} AND sealed_link IS NOT NULL AND status = 'retrying'`)[0]!.n,
        (n) => n === 3,
        'three signing requests retrying',
      );
      await until(
        () => {
          sql(`UPDATE outbox SET status = 'failed', attempts = 12 WHERE related_id = ${quote(id)} AND sealed_link IS NOT NULL AND status = 'retrying'`);
          return sql<{ id: string }>(`SELECT id FROM outbox WHERE related_id = ${quote(id)} AND status = 'failed'`).map((r) => r.id);
        },
        (ids) => ids.length === 3,
        'three failed',
      );
      const listed = await list({ relatedId: id, status: 'failed' });
      assert.equal(listed.length, 3);
      assert.ok(listed.every((m) => m.oneTimeLink && m.lastError && !/token=|sign\.html/.test(m.body)));
      failedIds = listed.map((m) => m.id);
    } finally {
      await smtp.start();
    }
    for (const msg of failedIds) assert.equal((await write<Listed>(COORDINATOR, 'POST', `/admin/outbox/${msg}/retry`, undefined)).status, 'queued');
    const tokens = await signTokens(id, 40_000);
    assert.deepEqual(Object.keys(tokens).sort(), ['guardian', 'student', 'supervisor']);
    assert.equal((await sign(tokens.student!, student.preferredName)).status, 200);
    const rows = sql<{ status: string; sealed_link: string | null }>(`SELECT status, sealed_link FROM outbox WHERE id IN (${failedIds.map(quote).join(', ')})`);
    assert.ok(
      rows.every((r) => r.status === 'sent' && r.sealed_link === null),
      'sent, and the sealed link dropped',
    );
  });
});
