/**
 * The public verification page a credential's id URL answers a browser with: what a college
 * admissions officer sees when they click a badge link. In English and Spanish, with the live
 * verification result (a revoked badge says so, with its date, the moment it is revoked), the
 * earner's name only when the student chose to show it, and accessible under a strict CSP.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { DEMO_PORTFOLIO, demoPortfolioCredentials } from '../../demo/seed/achievements.js';
import { DEMO } from '../../demo/seed/index.js';
import { api, BASE, tokenFor } from './helpers.js';

const portfolio = demoPortfolioCredentials(DEMO.riverside.placements.completed);
const active = portfolio.find((c) => !c.revoked)!;
const revoked = portfolio.find((c) => c.revoked)!;
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const urlOf = (id: string) => `${BASE}/api/v1/credentials/${id}`;

async function page(id: string, opts: { lang?: string; query?: string } = {}) {
  const res = await fetch(`${urlOf(id)}${opts.query ?? ''}`, { headers: { Accept: BROWSER, ...(opts.lang ? { 'Accept-Language': opts.lang } : {}) } });
  assert.equal(res.status, 200);
  return { res, html: await res.text() };
}

const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
const envelope = async (id: string) => (await (await fetch(urlOf(id))).json()) as any;

describe('the verification page', () => {
  let coordinator = '';
  before(async () => {
    coordinator = await tokenFor('coordinator@riverside.example');
  });

  it('shows the badge and the live result in English', async () => {
    const { html } = await page(active.id, { lang: 'en-US,en;q=0.9' });
    const { display } = await envelope(active.id);
    assert.match(html, /<html lang="en">/);
    assert.match(html, new RegExp(`<h1>${display.achievementName}</h1>`));
    const words = text(html);
    for (const must of [
      display.achievementName,
      display.achievementDescription.slice(0, 40),
      display.criteria.slice(0, 40),
      display.issuerName,
      'Verified',
      'The issuer’s digital signature is valid.',
      'Not revoked by the issuer.',
      'Does not expire.',
      'Checked live on',
      `Awarded to ${display.learnerName}`,
      new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(display.issuedOn)),
    ])
      assert.ok(words.includes(must), `page says “${must}”`);
    for (const s of display.skills) assert.ok(words.includes(s.name), `skill ${s.name}`);
    assert.equal(display.learnerName, 'Sofia');
  });

  it('speaks Spanish by Accept-Language, and ?lang overrides it either way', async () => {
    const { display } = await envelope(active.id);
    const es = await page(active.id, { lang: 'es-MX,es;q=0.9,en;q=0.5' });
    assert.match(es.html, /<html lang="es">/);
    const words = text(es.html);
    for (const must of [
      'Verificada',
      'La firma digital del emisor es válida.',
      'El emisor no la ha revocado.',
      'Otorgada a Sofia',
      'Comunicación',
      'Habilidades',
      'View in English',
    ]) {
      assert.ok(words.includes(must), `es page says “${must}”`);
    }
    assert.ok(words.includes(new Intl.DateTimeFormat('es-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(display.issuedOn))));
    assert.match((await page(active.id, { lang: 'en', query: '?lang=es' })).html, /<html lang="es">/);
    assert.match((await page(active.id, { lang: 'es', query: '?lang=en' })).html, /<html lang="en">/);
    assert.match((await page(active.id, { lang: 'fr-FR,fr' })).html, /<html lang="en">/, 'English when neither is asked for');
  });

  it('says a revoked badge is revoked, with the date, in both languages', async () => {
    const { display } = await envelope(revoked.id);
    assert.equal(display.revoked, true);
    const en = text((await page(revoked.id, { lang: 'en' })).html);
    const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(display.revokedOn));
    assert.ok(en.includes('Revoked'), en);
    assert.ok(en.includes(`Revoked by the issuer on ${day}.`), en);
    assert.ok(!en.includes('Not revoked'));
    const es = text((await page(revoked.id, { lang: 'es' })).html);
    const dia = new Intl.DateTimeFormat('es-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(display.revokedOn));
    assert.ok(es.includes('Revocada'));
    assert.ok(es.includes(`Revocada por el emisor el ${dia}.`), es);
  });

  it('is live: a badge revoked a moment ago says so, and a student who did not opt in is not named', async () => {
    const list = (await (await api('/admin/credentials', { key: null, headers: { Authorization: `Bearer ${coordinator}` } })).json()) as any;
    const other = list.items.find((c: any) => c.student && c.student.id !== DEMO_PORTFOLIO.studentId && !c.revokedAt);
    assert.ok(other, 'a demo badge of another student');
    const before = (await page(other.id)).html;
    assert.ok(text(before).includes('Verified'));
    assert.ok(!before.includes(other.student.preferredName), 'no name without the student’s choice');
    assert.ok(!text(before).includes('Awarded to'));
    const res = await api(`/admin/credentials/${other.id}/revoke`, {
      key: null,
      method: 'POST',
      headers: { Authorization: `Bearer ${coordinator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'Verification page test' }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const after = text((await page(other.id)).html);
    assert.ok(after.includes('Revoked by the issuer on'), after);
    assert.ok(!after.includes('Verification page test'), 'the reason is the coordinator’s, not the public’s');
  });

  it('shows nothing else about the student', async () => {
    const { html } = await page(active.id);
    const { credential } = await envelope(active.id);
    const ident = credential.credentialSubject.identifier[0];
    for (const never of [ident.identityHash, ident.salt, DEMO_PORTFOLIO.studentId, '@student.', 'stu_']) assert.ok(!html.includes(never), `never “${never}”`);
  });

  it('is accessible and runs under a strict Content-Security-Policy', async () => {
    const { res, html } = await page(active.id);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|script-src/);
    assert.match(res.headers.get('vary') ?? '', /Accept-Language/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    // No script at all; the one inline style is the one whose hash the policy names.
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\son\w+=/i);
    assert.doesNotMatch(html, /\sstyle=/i);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    assert.equal(styles.length, 1);
    const hash = `'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`;
    assert.ok(csp.includes(`style-src ${hash}`), `${csp} names ${hash}`);
    // Landmarks, one h1, headings in order, a title.
    for (const tag of ['<header', '<main', '<footer', '<nav']) assert.ok(html.includes(tag), tag);
    assert.equal(html.match(/<h1[\s>]/g)?.length, 1);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    for (const [i, l] of levels.entries()) assert.ok(i === 0 || l <= levels[i - 1]! + 1, `heading h${l} after h${levels[i - 1]}`);
    assert.match(html, /<title>[^<]+<\/title>/);
    assert.match(html, /<meta name="viewport"/);
    assert.match(html, /<a class="skip" href="#main">/);
  });
});
