/**
 * The pages every message links to, through the real Worker: a recipient opens the preferences
 * link from a message they received, without signing in, chooses a language and what they
 * receive, and later messages follow; one-click unsubscribe (RFC 8058) by POST only; a link this
 * deployment did not make is refused.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { COORDINATOR, quote, sql, submitOffer, write } from './admin-helpers.js';
import { DEMO } from '../../demo/seed/index.js';
import { BASE } from './helpers.js';
import { type Delivered, linkIn, mark, waitForMail } from './mail.js';

const PREFERENCES = `${BASE}/api/v1/mail/preferences`;

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const prefsRow = (email: string) =>
  sql<{ lang: string | null; notices: number; reminders: number; digests: number }>(
    `SELECT lang, notices, reminders, digests FROM mail_preferences WHERE email = ${quote(email.toLowerCase())}`,
  )[0];

/** A receipt delivered to a fresh address, and the preferences link in its footer. */
async function receiptTo(lang: 'en' | 'es' = 'en'): Promise<{ to: string; id: string; m: Delivered; link: string }> {
  const to = `prefs-${randomUUID().slice(0, 8)}@example.org`;
  const after = await mark();
  const { id } = await submitOffer({ title: 'Preferences test offer', contactEmail: to, lang });
  const [m] = await waitForMail(to, { after });
  return { to, id, m: m!, link: linkIn(m!, PREFERENCES) };
}

/** A page's visible text, roughly: what a reader would see. */
const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the preferences page', () => {
  it('opens from a message’s link without signing in: a small page with labelled controls, a strict CSP and no script', async () => {
    const { to, link } = await receiptTo();
    const res = await fetch(link, { headers: { 'Accept-Language': 'en' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /form-action 'self'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', 'the token in the address goes nowhere else');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const html = await res.text();
    assert.match(html, /<html lang="en">/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(textOf(html), new RegExp(`Messages from Riverside Unified School District to ${to}`));
    // Every control sits inside its label; each choice is on by default and English is chosen.
    for (const name of ['notices', 'reminders', 'digests']) assert.match(html, new RegExp(`<label><input type="checkbox" name="${name}" value="on" checked>`));
    assert.match(html, /<label><input type="radio" name="lang" value="en" checked>/);
    assert.match(html, /<label><input type="radio" name="lang" value="es">/);
    assert.match(html, /min-width:24px;min-height:24px/);
    assert.match(html, /<form method="post" action="\/api\/v1\/mail\/preferences\?t=/);
  });

  it('speaks Spanish to a Spanish reader, saves a choice with a confirmation, and later messages follow it', async () => {
    const { to, id, link } = await receiptTo();
    const page = await fetch(link, { headers: { 'Accept-Language': 'es-MX,es;q=0.9' } });
    const html = await page.text();
    assert.match(html, /<html lang="es">/);
    assert.match(textOf(html), /Sus preferencias de correo/);
    assert.match(textOf(html), /Recordatorios: una firma pendiente/);

    const saved = await fetch(link, { ...form({ lang: 'es', notices: 'on' }), headers: { ...form({}).headers, 'Accept-Language': 'en' } });
    assert.equal(saved.status, 200);
    assert.equal(saved.headers.get('location'), null);
    const savedHtml = await saved.text();
    assert.match(savedHtml, /<html lang="es">/, 'the confirmation is in the language just chosen');
    assert.match(savedHtml, /role="status">Sus preferencias están guardadas\./);
    assert.match(savedHtml, /name="reminders" value="on">/, 'reminders now off');
    assert.deepEqual(prefsRow(to), { lang: 'es', notices: 1, reminders: 0, digests: 0 });
    const audit = sql<{ actor_type: string; detail: string; entity_id: string }>(
      `SELECT actor_type, detail, entity_id FROM audit_log WHERE action = 'mail_preferences.update' ORDER BY id DESC LIMIT 1`,
    )[0]!;
    assert.equal(audit.actor_type, 'signer');
    assert.deepEqual(JSON.parse(audit.detail), { lang: 'es', reminders: false, digests: false, via: 'page' });
    assert.ok(!audit.entity_id.includes('@'), 'the audit row names a hash, not the address');

    // Opened again in an English browser: the saved language wins.
    assert.match(await (await fetch(link, { headers: { 'Accept-Language': 'en' } })).text(), /<html lang="es">/);
    // The employer wrote in English, but a coordinator's reply now reaches them in Spanish.
    const after = await mark();
    await write(COORDINATOR, 'POST', `/admin/review/host-offers/${id}/return`, { message: 'Please add the supervisor’s name.' });
    const [returned] = await waitForMail(to, { after });
    assert.match(returned!.mail.subject ?? '', /^Sobre su oferta/);
  });

  it('refuses a link this deployment did not make, as a page that says so', async () => {
    const { link } = await receiptTo();
    const token = new URL(link).searchParams.get('t')!;
    const [subject, tag] = token.split('.');
    const tampered = `${subject}.${tag!.slice(0, -2)}${tag!.endsWith('AA') ? 'BB' : 'AA'}`;
    // Another address, "signed" with a made-up tag: the MAC is this deployment's alone.
    const foreign = `${Buffer.from(`${DEMO.riverside.tenantId}\nsomeone-else@example.org`).toString('base64url')}.${tag}`;
    for (const t of [tampered, foreign, 'nonsense']) {
      const res = await fetch(`${PREFERENCES}?t=${encodeURIComponent(t)}`);
      assert.equal(res.status, 404, t);
      assert.match(await res.text(), /This link does not work/);
      const post = await fetch(`${PREFERENCES}?t=${encodeURIComponent(t)}`, form({ lang: 'es' }));
      assert.equal(post.status, 404);
    }
    assert.equal(sql(`SELECT 1 FROM mail_preferences WHERE email = 'someone-else@example.org'`).length, 0);
  });
});

describe('one-click unsubscribe', () => {
  it('never unsubscribes on GET, turns the category off on POST List-Unsubscribe=One-Click with 200 and no redirect', async () => {
    const { to, id, m } = await receiptTo();
    const token = new URL(linkIn(m, PREFERENCES)).searchParams.get('t')!;
    // The notice a coordinator's return sends carries the one-click header for its category.
    const after = await mark();
    await write(COORDINATOR, 'POST', `/admin/review/host-offers/${id}/return`, { message: 'Please add a start date.' });
    const [notice] = await waitForMail(to, { after });
    const list = notice!.mail.headers.get('list') as { unsubscribe?: { url?: string } };
    const url = list.unsubscribe!.url!;
    assert.equal(new URL(url).searchParams.get('t'), token);
    assert.equal(new URL(url).searchParams.get('c'), 'notice');

    // A mail scanner follows the link: a page with one button, nothing changed.
    const page = await fetch(url, { headers: { 'Accept-Language': 'en' } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<input type="hidden" name="List-Unsubscribe" value="One-Click">/);
    assert.match(html, /<button type="submit">Stop notices<\/button>/);
    assert.equal(prefsRow(to), undefined, 'GET changes nothing');

    // Without the RFC 8058 body, nothing happens either.
    assert.equal((await fetch(url, form({ other: 'x' }))).status, 400);
    assert.equal(prefsRow(to), undefined);

    const res = await fetch(url, { ...form({ 'List-Unsubscribe': 'One-Click' }), redirect: 'manual' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('location'), null);
    assert.match(await res.text(), new RegExp(`${to.replace('.', '\\.')} will no longer receive notices`));
    assert.deepEqual(prefsRow(to), { lang: null, notices: 0, reminders: 1, digests: 1 });
    const audit = sql<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'mail_preferences.update' ORDER BY id DESC LIMIT 1`)[0]!;
    assert.deepEqual(JSON.parse(audit.detail), { notices: false, via: 'one-click' });
  });
});
