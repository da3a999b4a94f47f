/**
 * Delivery with real parts: the Worker's outbox rows go through the Cloudflare Queue (wrangler
 * dev runs it) to a real SMTP server, and come back here parsed by mailparser. The mail server
 * is taken away and brought back to show that nothing is lost and nothing is sent twice.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { COORDINATOR, quote, sql, submitOffer, write } from './admin-helpers.js';
import { BASE } from './helpers.js';
import { fireCron, linkIn, MAIL, mark, settledMail, smtp, waitForMail } from './mail.js';

const rowsOf = (relatedId: string) =>
  sql<{ status: string; message_id: string | null; attempts: number; last_error: string | null; kind: string; lang: string }>(
    `SELECT status, message_id, attempts, last_error, kind, lang FROM outbox WHERE related_id = ${quote(relatedId)} ORDER BY created_at, rowid`,
  );

async function until<T>(read: () => T, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = read();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    v = read();
  }
  assert.ok(ok(v), `${what}: ${JSON.stringify(v)}`);
  return v;
}

describe('mail delivery', () => {
  it('delivers a receipt over SMTP as proper MIME: the district as sender, text and HTML, a stable Message-ID', async () => {
    const to = `receipt-${randomUUID().slice(0, 8)}@example.org`;
    const after = await mark();
    const { id, reference } = await submitOffer({ title: 'Delivered receipt', contactEmail: to });
    const [m] = await waitForMail(to, { after });
    assert.ok(m);
    assert.equal(m.mail.subject, `We received your offer to host a student (${reference})`);
    assert.equal(m.mail.from?.value[0]?.name, 'Riverside Unified School District');
    assert.match(m.mail.text ?? '', new RegExp(`Reference: ${reference}`));
    assert.match(m.mail.html || '', /<p[^>]*>Hello /);
    assert.equal(m.mail.headers.get('content-language'), 'en');
    // A transaction the employer asked for: no unsubscribe, but the preferences link.
    assert.doesNotMatch(m.raw, /^List-Unsubscribe/m);
    assert.match(m.mail.text ?? '', /\/api\/v1\/mail\/preferences\?t=/);
    const [row] = await until(
      () => rowsOf(id),
      (r) => r[0]?.status === 'sent',
      'the outbox row records the delivery',
    );
    assert.equal(row!.message_id, m.mail.messageId);
    assert.match(row!.message_id ?? '', /^<msg_[0-9a-z]+@openwbl\.localhost>$/);
  });

  it('writes to an employer in the language of the form, and a coordinator’s reply comes from the coordinator', async () => {
    const to = `es-${randomUUID().slice(0, 8)}@example.org`;
    const after = await mark();
    const { id, reference } = await submitOffer({ title: 'Oferta en español', contactEmail: to, lang: 'es' });
    const [receipt] = await waitForMail(to, { after });
    assert.equal(receipt!.mail.subject, `Recibimos su oferta para recibir a un estudiante (${reference})`);
    assert.equal(receipt!.mail.headers.get('content-language'), 'es');
    assert.match(receipt!.mail.text ?? '', /Idioma y qué recordatorios/);
    // Its footer opens the preferences page in the language it was written in.
    const page = await fetch(linkIn(receipt!, `${BASE}/api/v1/mail/preferences?`));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html lang="es"/);
    await write(COORDINATOR, 'POST', `/admin/review/host-offers/${id}/return`, { message: 'Añada el nombre del supervisor.' });
    const [returned] = await waitForMail(to, { after: receipt!.id });
    assert.match(returned!.mail.subject ?? '', /^Sobre su oferta/);
    assert.equal(returned!.mail.replyTo?.value[0]?.address, COORDINATOR);
    // Not a transaction the employer asked for: one-click unsubscribe (RFC 8058).
    assert.match(returned!.raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    // mailparser gathers the List-* headers under `list`.
    const list = returned!.mail.headers.get('list') as { unsubscribe?: { url?: string } } | undefined;
    assert.match(list?.unsubscribe?.url ?? '', /\/api\/v1\/mail\/unsubscribe\?t=.+&c=notice$/);
  });

  it('loses nothing while the mail server is down, and sends each message once when it is back', async () => {
    const to = `outage-${randomUUID().slice(0, 8)}@example.org`;
    const after = await mark();
    await smtp.stop();
    let offers: { id: string; reference: string }[];
    try {
      offers = [await submitOffer({ title: 'During the outage 1', contactEmail: to }), await submitOffer({ title: 'During the outage 2', contactEmail: to })];
      // The queue's consumer tried, failed, and recorded why; the rows wait to be retried.
      for (const o of offers)
        await until(
          () => rowsOf(o.id),
          (r) => r[0]?.status === 'retrying' && !!r[0].last_error,
          'a failed delivery is recorded as retrying',
        );
    } finally {
      await smtp.start();
    }
    const mail = await waitForMail(to, { after, count: 2 });
    assert.deepEqual(mail.map((m) => m.mail.subject).sort(), offers.map((o) => `We received your offer to host a student (${o.reference})`).sort());
    // Nothing more arrives: each message once.
    assert.equal((await settledMail(to, after)).length, 2);
    for (const o of offers) {
      const [row] = rowsOf(o.id);
      assert.equal(row!.status, 'sent');
      assert.ok(row!.attempts >= 2, `delivered on a retry (attempts ${row!.attempts})`);
    }
  });

  it('delivers a burst committed at once, whole queue batches at a time (each batch one claim statement within D1’s bound values)', async () => {
    const run = randomUUID().slice(0, 8);
    const count = 120;
    sql(
      `INSERT INTO outbox (id, tenant_id, recipient, kind, lang, subject, body, status, attempts, created_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
       SELECT 'msg_burst${run}' || i, 'ten_riverside', 'burst-${run}-' || i || '@example.org', 'message', 'en', 'Burst ' || i, 'Burst message ' || i, 'queued', 0,
              strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM n`,
    );
    await fireCron('* * * * *');
    const deadline = Date.now() + 30_000;
    let arrived = 0;
    while (Date.now() < deadline) {
      const list = (await (await fetch(new URL('/api/messages', MAIL))).json()) as { to: string[] }[];
      arrived = list.filter((m) => m.to.some((t) => t.startsWith(`burst-${run}-`))).length;
      if (arrived >= count) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.equal(arrived, count, 'every message of the burst arrived');
    assert.deepEqual(sql(`SELECT status, count(*) AS n FROM outbox WHERE id LIKE 'msg_burst${run}%' GROUP BY status`), [{ status: 'sent', n: count }]);
  });
});
