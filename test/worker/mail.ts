/**
 * The tests' side of mail: scripts/test.mjs runs a real SMTP server (scripts/lib/mail-server.mjs)
 * that the Worker delivers to; these helpers read the raw messages back from its inbox and parse
 * them with mailparser, as any mail client would, take the server away and bring it back, and fire
 * the Worker's Cron Triggers.
 */
import assert from 'node:assert/strict';
import { type ParsedMail, simpleParser } from 'mailparser';
import { BASE } from './helpers.js';

export const MAIL = process.env.WBL_MAIL_URL ?? 'http://127.0.0.1:1080';

export interface Delivered {
  id: number;
  to: string[];
  raw: string;
  mail: ParsedMail;
}

interface Listed {
  id: number;
  to: string[];
}

async function list(to?: string, after = 0): Promise<Listed[]> {
  const url = new URL('/api/messages', MAIL);
  if (to) url.searchParams.set('to', to);
  url.searchParams.set('after', String(after));
  const res = await fetch(url);
  assert.equal(res.status, 200);
  return (await res.json()) as Listed[];
}

async function read(m: Listed): Promise<Delivered> {
  const raw = await (await fetch(new URL(`/api/messages/${m.id}/raw`, MAIL))).text();
  return { id: m.id, to: m.to, raw, mail: await simpleParser(raw) };
}

/** Everything delivered to `to` so far (oldest first), parsed. */
export async function inbox(to: string): Promise<Delivered[]> {
  return Promise.all((await list(to)).map(read));
}

/** The id of the newest message in the inbox: pass it as `after` to see only what comes later. */
export async function mark(): Promise<number> {
  return (await list()).at(-1)?.id ?? 0;
}

/**
 * Waits until messages to `to` (after `after`) satisfy `done`, then answers them: delivery goes
 * through the queue, so mail arrives a moment after the write that caused it.
 */
export async function waitForMail(
  to: string,
  opts: { after?: number; count?: number; match?: (m: Delivered) => boolean; timeoutMs?: number } = {},
): Promise<Delivered[]> {
  const { after = 0, count = 1, match = () => true, timeoutMs = 20_000 } = opts;
  const deadline = Date.now() + timeoutMs;
  let found: Delivered[] = [];
  while (Date.now() < deadline) {
    found = (await Promise.all((await list(to, after)).map(read))).filter(match);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`expected ${count} message(s) to ${to} after #${after}, got ${found.length}: ${found.map((m) => m.mail.subject).join(' | ')}`);
}

/** Answers what arrived for `to` after `after` once `quietMs` have passed with nothing new: for asserting that nothing more comes. */
export async function settledMail(to: string, after: number, quietMs = 2500): Promise<Delivered[]> {
  await new Promise((r) => setTimeout(r, quietMs));
  return Promise.all((await list(to, after)).map(read));
}

export const smtp = {
  stop: () => fetch(new URL('/api/smtp/stop', MAIL), { method: 'POST' }).then((r) => assert.equal(r.status, 200)),
  start: () => fetch(new URL('/api/smtp/start', MAIL), { method: 'POST' }).then((r) => assert.equal(r.status, 200)),
};

/**
 * Fires one of the Worker's Cron Triggers as `wrangler dev --test-scheduled` allows, at `time` if
 * given: `/__scheduled` passes on only the cron, so the time rides on it as `cron@ms` (see
 * worker/index.ts `scheduled`).
 */
export async function fireCron(cron: string, time?: Date): Promise<void> {
  const url = new URL('/__scheduled', BASE);
  url.searchParams.set('cron', time ? `${cron}@${time.getTime()}` : cron);
  const res = await fetch(url);
  assert.equal(res.status, 200, `cron ${cron}: ${await res.text()}`);
}

/** The one link in a message's text that starts with `prefix`. */
export function linkIn(m: Delivered, prefix: string): string {
  const found = (m.mail.text ?? '').match(/https?:\/\/\S+/g)?.filter((u) => u.startsWith(prefix)) ?? [];
  assert.ok(found.length, `no ${prefix}… link in "${m.mail.subject}":\n${m.mail.text}`);
  return found[0]!;
}
