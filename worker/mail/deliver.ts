/**
 * The mail queue's consumer: each queue message names an outbox row. A row is claimed before it
 * is sent (one statement: only a `queued` or `retrying` row, or one whose earlier claim lapsed),
 * so two deliveries of the same queue message never send it twice; the outcome is written back
 * to the row — `sent` with its Message-ID, `retrying` with the reason and when, `failed` when
 * retrying cannot help, `suppressed` when the recipient turned its category off. One-time links
 * are unsealed only here, into the mail to their recipient, and dropped once it is sent.
 */
import type { MessageBatch } from '@cloudflare/workers-types';
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { outbox, tenants, users } from '../../schema/db/tables.js';
import type { Bindings } from '../env.js';
import { runBatch } from '../lib/admin-kit.js';
import { appSecret, unseal } from '../lib/app-secret.js';
import { database, type Database } from '../lib/db.js';
import { isLang } from '../lib/lang.js';
import { withLink } from '../lib/pipeline.js';
import { attachmentsFor } from './attachments.js';
import { checkInOf } from './checkin-attachment.js';
import { categoryOf } from './catalogue/index.js';
import { type MailDriver, openDriver, PermanentFailure } from './drivers.js';
import { optedOut } from './preferences.js';
import { renderMail } from './render.js';
import { preferencesToken, preferencesUrl, unsubscribeUrl } from './tokens.js';

/** A queue message: the outbox row to deliver. */
export interface MailJob {
  id: string;
}

/** Attempts before a message is `failed`: with the default backoff (30 s doubling, at most an hour) about eight hours of trying. */
export const MAX_ATTEMPTS = 12;
/** SMTP connections one batch sends over at once. */
const LANES = 4;
/** How long a claim holds before another delivery may take the row over. */
const LEASE_MS = 2 * 60_000;

/** Seconds to wait after the `attempts`-th failure: base·2^(n−1), at most an hour. */
export function backoffSeconds(attempts: number, base: number): number {
  return Math.min(base * 2 ** Math.max(attempts - 1, 0), 3600);
}

const iso = (ms: number) => new Date(ms).toISOString();

type Claimed = typeof outbox.$inferSelect;

/**
 * Takes the rows no other delivery holds; the others are someone else's (or already sent). One
 * statement per queue batch: wrangler.toml keeps batches at 50, under D1's 100 bound values.
 */
function claim(db: Database, ids: string[], now: number): Promise<Claimed[]> {
  return db
    .update(outbox)
    .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, leaseUntil: iso(now + LEASE_MS) })
    .where(and(inArray(outbox.id, ids), or(inArray(outbox.status, ['queued', 'retrying']), and(eq(outbox.status, 'sending'), lt(outbox.leaseUntil, iso(now))))))
    .returning();
}

interface District {
  name: string;
  replyTo: string | null;
}

/** The district's name (the sender's name) and where replies go: its reply address, else its first coordinator. */
async function districtOf(db: Database, tenantId: string): Promise<District> {
  const [t] = await db.select({ name: tenants.name, replyTo: tenants.replyTo }).from(tenants).where(eq(tenants.id, tenantId));
  if (t?.replyTo) return { name: t.name, replyTo: t.replyTo };
  const [coordinator] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.role, 'coordinator'), eq(users.disabled, false)))
    .orderBy(asc(users.createdAt))
    .limit(1);
  return { name: t?.name ?? 'Open WBL', replyTo: coordinator?.email ?? null };
}

export interface DeliveryEnv {
  PUBLIC_URL?: string;
  MAIL_FROM?: string;
  MAIL_RETRY_SECONDS?: string;
}

export const publicBase = (env: DeliveryEnv) => (env.PUBLIC_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');

async function send(db: Database, env: Bindings, driver: MailDriver, row: Claimed, district: District): Promise<string> {
  const secret = appSecret(env);
  const lang = isLang(row.lang) ? row.lang : 'en';
  const category = categoryOf(row.kind);
  const link = row.sealedLink ? await unseal(secret, row.tenantId, row.sealedLink) : null;
  const token = await preferencesToken(secret, { tenantId: row.tenantId, email: row.recipient });
  const base = publicBase(env);
  const checkIn = await checkInOf(secret, row);
  const mail = renderMail({
    id: row.id,
    recipient: row.recipient,
    lang,
    category,
    subject: row.subject,
    body: `${row.sealedLink ? withLink(row.body, link) : row.body}${checkIn?.text ?? ''}`,
    district: district.name,
    fromAddress: env.MAIL_FROM ?? 'wbl@openwbl.localhost',
    replyTo: row.replyTo ?? district.replyTo,
    // A Spanish message's links open their pages in Spanish; an English one's follow the browser.
    preferencesUrl: preferencesUrl(base, token, lang === 'en' ? undefined : lang),
    unsubscribeUrl: category === 'transaction' ? null : unsubscribeUrl(base, token, category, lang === 'en' ? undefined : lang),
    attachments: [
      ...(await attachmentsFor(db, row, { fromAddress: env.MAIL_FROM ?? 'wbl@openwbl.localhost', baseUrl: base })),
      ...(checkIn ? [checkIn.image] : []),
    ],
  });
  return driver.send(mail);
}

/** What became of one claimed row. */
type Outcome =
  | { id: string; status: 'sent'; messageId: string }
  | { id: string; status: 'suppressed' }
  | { id: string; status: 'failed' | 'retrying'; error: string; retryIn?: number };

/** Delivers the rows named by `ids` and records each outcome; answers the outcomes (for the queue's acks and for the bench). */
export async function deliver(env: Bindings, ids: string[], now = Date.now()): Promise<Outcome[]> {
  const db = database(env.DB);
  const rows = ids.length ? await claim(db, ids, now) : [];
  if (!rows.length) return [];
  const base = Number(env.MAIL_RETRY_SECONDS) > 0 ? Number(env.MAIL_RETRY_SECONDS) : 30;
  const outcomes: Outcome[] = [];
  const failure = (row: Claimed, e: unknown): Outcome => {
    const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    if (e instanceof PermanentFailure || row.attempts >= MAX_ATTEMPTS) return { id: row.id, status: 'failed', error };
    return { id: row.id, status: 'retrying', error, retryIn: backoffSeconds(row.attempts, base) };
  };
  const due: Claimed[] = [];
  const off = await optedOut(
    db,
    rows.map((r) => ({ tenantId: r.tenantId, recipient: r.recipient, category: categoryOf(r.kind) })),
  );
  rows.forEach((row, i) => {
    if (off.has(i)) outcomes.push({ id: row.id, status: 'suppressed' });
    else due.push(row);
  });
  // Up to LANES connections side by side (a Worker may hold six open at once; one stays free for
  // everything else), each sending its share of the batch one message after another.
  const districts = new Map<string, Promise<District>>();
  const lanes = Array.from({ length: Math.min(LANES, due.length) }, (_, lane) => due.filter((_, i) => i % LANES === lane));
  await Promise.all(
    lanes.map(async (share) => {
      let driver: MailDriver;
      try {
        driver = await openDriver(env);
      } catch (e) {
        for (const row of share) outcomes.push(failure(row, e));
        return;
      }
      for (const row of share) {
        try {
          let district = districts.get(row.tenantId);
          if (!district) districts.set(row.tenantId, (district = districtOf(db, row.tenantId)));
          outcomes.push({ id: row.id, status: 'sent', messageId: await send(db, env, driver, row, await district) });
        } catch (e) {
          outcomes.push(failure(row, e));
        }
      }
      await driver.close().catch(() => {});
    }),
  );
  await runBatch(
    db,
    outcomes.map((o) => {
      const at = iso(Date.now());
      const set =
        o.status === 'sent'
          ? { status: o.status, messageId: o.messageId, sentAt: at, sealedLink: null, lastError: null, leaseUntil: null, nextAttemptAt: null }
          : o.status === 'suppressed'
            ? { status: o.status, sealedLink: null, lastError: 'The recipient turned these messages off.', leaseUntil: null }
            : { status: o.status, lastError: o.error, leaseUntil: null, nextAttemptAt: o.retryIn ? iso(Date.now() + o.retryIn * 1000) : null };
      return db.update(outbox).set(set).where(eq(outbox.id, o.id));
    }),
  );
  return outcomes;
}

/** The queue handler: delivers the batch, then acks what is settled and retries the rest after their backoff. */
export async function consumeMail(batch: MessageBatch<MailJob>, env: Bindings): Promise<void> {
  const outcomes = new Map(
    (
      await deliver(
        env,
        batch.messages.map((m) => m.body.id),
      )
    ).map((o) => [o.id, o]),
  );
  for (const m of batch.messages) {
    const o = outcomes.get(m.body.id);
    if (o?.status === 'retrying' && o.retryIn) m.retry({ delaySeconds: o.retryIn });
    else m.ack();
  }
}
