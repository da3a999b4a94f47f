/**
 * The pages every message's footer links to, without signing in: the token in the link
 * (`mail/tokens.ts`) names the district and the address, under a MAC only this deployment can
 * make. `GET /preferences` shows the recipient's choices, `POST` saves them; `POST /unsubscribe`
 * with `List-Unsubscribe=One-Click` (RFC 8058, what mail providers send) turns one category off
 * and answers 200, and `GET` of that address only shows a one-button form, because mail scanners
 * follow links. Every change is audited, under a hash of the address rather than the address.
 */
import { Hono, type Context } from 'hono';
import { eq } from 'drizzle-orm';
import * as z from 'zod/mini';
import { tenants } from '../../schema/db/tables.js';
import type { AppEnv } from '../env.js';
import { appSecret } from '../lib/app-secret.js';
import { auditRow } from '../lib/audit.js';
import { isLang, type Lang } from '../lib/lang.js';
import { describe } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { tokenHash } from '../lib/sessions.js';
import { query } from '../middleware/validate.js';
import { preferencesOf, savePreferences, type Preferences } from '../mail/preferences.js';
import { COLUMN, notFoundPage, type OptionalCategory, PAGE_CSP, preferencesPage, unsubscribePage } from '../mail/preferences-page.js';
import { preferencesUrl, readPreferencesToken, type Recipient } from '../mail/tokens.js';

const token = () => z.string().check(z.minLength(1), z.maxLength(800)).register(z.globalRegistry, { description: 'The token from the message’s link' });
const TokenQuery = z.object({ t: token() });
const UnsubscribeQuery = z.object({
  t: token(),
  c: z.enum(['notice', 'reminder', 'digest']).register(z.globalRegistry, { description: 'The category to stop: `notice`, `reminder` or `digest`' }),
});

const HTML = { contentType: 'text/html' } as const;
const NOT_FOUND = { description: 'The link is not one this deployment made (an HTML page says so)', ...HTML };

describe({
  method: 'get',
  path: '/api/v1/mail/preferences',
  summary: 'The recipient’s mail preferences page (language; notices, reminders, digests on or off), from the link in a message’s footer',
  tags: ['mail'],
  security: 'none',
  query: TokenQuery,
  responses: { 200: { description: 'The preferences page', ...HTML }, 404: NOT_FOUND },
});
describe({
  method: 'post',
  path: '/api/v1/mail/preferences',
  summary:
    'Saves the preferences page’s form (application/x-www-form-urlencoded: `lang` en|es, and `notices`, `reminders`, `digests` present when on) and shows it again, saved',
  tags: ['mail'],
  security: 'none',
  query: TokenQuery,
  responses: { 200: { description: 'The preferences page, saved', ...HTML }, 404: NOT_FOUND, 415: { description: 'The body is not a form' } },
});
describe({
  method: 'get',
  path: '/api/v1/mail/unsubscribe',
  summary: 'A page with one button that stops one category of messages; opening it changes nothing (mail scanners follow links)',
  tags: ['mail'],
  security: 'none',
  query: UnsubscribeQuery,
  responses: { 200: { description: 'The unsubscribe page', ...HTML }, 404: NOT_FOUND },
});
describe({
  method: 'post',
  path: '/api/v1/mail/unsubscribe',
  summary: 'One-click unsubscribe (RFC 8058): the form body `List-Unsubscribe=One-Click` turns the category off; 200, no redirect',
  tags: ['mail'],
  security: 'none',
  query: UnsubscribeQuery,
  responses: {
    200: { description: 'Turned off; a page that says so', ...HTML },
    404: NOT_FOUND,
    415: { description: 'The body is not a form' },
  },
});

type MailContext = Context<AppEnv>;

interface Reader extends Recipient {
  district: string;
  prefs: Preferences;
}

function html(c: MailContext, body: string, status: 200 | 404 = 200) {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Cache-Control', 'no-store');
  // The address holds a token: it must not travel on to anywhere else.
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(body, status);
}

/** The recipient the link names, with their district and choices; null for a link this deployment did not make. */
async function readerOf(c: MailContext, token: string): Promise<Reader | null> {
  const r = await readPreferencesToken(appSecret(c.env), token);
  if (!r) return null;
  const [t] = await c.var.db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, r.tenantId));
  if (!t) return null;
  return { ...r, district: t.name, prefs: await preferencesOf(c.var.db, r.tenantId, r.email) };
}

async function formOf(c: MailContext): Promise<Record<string, string>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new ProblemError('unsupportedMediaType', { detail: 'Send the form as application/x-www-form-urlencoded.' });
  }
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

/** The audit row of a change: the address itself is not written, only a hash that finds its other changes. */
async function preferenceAudit(c: MailContext, r: Reader, changed: Partial<Preferences>, via: 'page' | 'one-click') {
  const entityId = (await tokenHash(`${r.tenantId}\n${r.email}`)).slice(0, 32);
  return () =>
    auditRow(c.var.db, {
      tenantId: r.tenantId,
      // A person acting through a link sent to them.
      actorType: 'signer',
      actorId: null,
      action: 'mail_preferences.update',
      entity: 'mail_preferences',
      entityId,
      detail: { ...changed, via },
    });
}

const pageLang = (c: MailContext, r: Reader): Lang => r.prefs.lang ?? c.var.lang;
const actionOf = (c: MailContext) => {
  const u = new URL(c.req.url);
  return `${u.pathname}${u.search}`;
};
const preferencesLink = (token: string) => preferencesUrl('', token);

export const mail = new Hono<AppEnv>()
  .get('/preferences', query(TokenQuery), async (c) => {
    const r = await readerOf(c, c.req.valid('query').t);
    if (!r) return html(c, notFoundPage(c.var.lang), 404);
    return html(c, preferencesPage({ lang: pageLang(c, r), district: r.district, email: r.email, action: actionOf(c), prefs: r.prefs, saved: false }));
  })

  .post('/preferences', query(TokenQuery), async (c) => {
    const r = await readerOf(c, c.req.valid('query').t);
    if (!r) return html(c, notFoundPage(c.var.lang), 404);
    const form = await formOf(c);
    // A checkbox that is off is simply not sent.
    const next: Preferences = {
      lang: isLang(form.lang) ? form.lang : r.prefs.lang,
      notices: form.notices === 'on',
      reminders: form.reminders === 'on',
      digests: form.digests === 'on',
    };
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => r.prefs[k as keyof Preferences] !== v)) as Partial<Preferences>;
    const db = c.var.db;
    const audit = await preferenceAudit(c, r, changed, 'page');
    await db.batch([savePreferences(db, r.tenantId, r.email, next), audit()]);
    const saved = { ...r, prefs: next };
    return html(c, preferencesPage({ lang: pageLang(c, saved), district: r.district, email: r.email, action: actionOf(c), prefs: next, saved: true }));
  })

  .get('/unsubscribe', query(UnsubscribeQuery), async (c) => {
    const { t, c: category } = c.req.valid('query');
    const r = await readerOf(c, t);
    if (!r) return html(c, notFoundPage(c.var.lang), 404);
    return html(
      c,
      unsubscribePage({
        lang: pageLang(c, r),
        district: r.district,
        email: r.email,
        action: actionOf(c),
        category,
        done: false,
        preferences: preferencesLink(t),
      }),
    );
  })

  .post('/unsubscribe', query(UnsubscribeQuery), async (c) => {
    const { t, c: category } = c.req.valid('query');
    const r = await readerOf(c, t);
    if (!r) return html(c, notFoundPage(c.var.lang), 404);
    const form = await formOf(c);
    if (form['List-Unsubscribe'] !== 'One-Click') {
      throw new ProblemError('validation', {
        detail: 'A one-click unsubscribe sends List-Unsubscribe=One-Click (RFC 8058).',
        errors: [{ path: 'List-Unsubscribe', message: 'Send List-Unsubscribe=One-Click', code: 'invalid_value' }],
      });
    }
    const column = COLUMN[category as OptionalCategory];
    const db = c.var.db;
    const audit = await preferenceAudit(c, r, { [column]: false }, 'one-click');
    await db.batch([savePreferences(db, r.tenantId, r.email, { [column]: false }), audit()]);
    return html(
      c,
      unsubscribePage({
        lang: pageLang(c, r),
        district: r.district,
        email: r.email,
        action: actionOf(c),
        category,
        done: true,
        preferences: preferencesLink(t),
      }),
    );
  });
