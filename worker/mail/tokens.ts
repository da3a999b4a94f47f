/**
 * The link in every message's footer to the recipient's preferences, and the one-click
 * unsubscribe link (RFC 8058). Each carries the district and the address with a MAC under
 * APP_SECRET: it works without signing in, only for that address, and nothing is stored. It is
 * not a one-time secret (it stays valid, as an unsubscribe link must), and it only ever reaches
 * the address it names.
 */
import { base64url } from '../lib/credentials.js';
import { mac, macMatches } from '../lib/app-secret.js';
import type { Category } from './catalogue/types.js';

const PURPOSE = 'mail-preferences';
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export interface Recipient {
  tenantId: string;
  email: string;
}

const subjectOf = (r: Recipient) => `${r.tenantId}\n${r.email.trim().toLowerCase()}`;

export async function preferencesToken(secret: string, r: Recipient): Promise<string> {
  const subject = subjectOf(r);
  return `${base64url.encode(utf8.encode(subject))}.${await mac(secret, PURPOSE, subject)}`;
}

/** The recipient a token names, or null when it was not made by this deployment. */
export async function readPreferencesToken(secret: string, token: string): Promise<Recipient | null> {
  const [subject64, tag] = token.split('.');
  if (!subject64 || !tag || subject64.length > 400) return null;
  let subject: string;
  try {
    subject = utf8Decoder.decode(base64url.decode(subject64));
  } catch {
    return null;
  }
  if (!(await macMatches(secret, PURPOSE, subject, tag))) return null;
  const [tenantId, email] = subject.split('\n');
  return tenantId && email ? { tenantId, email } : null;
}

/** The preferences page for a recipient: `GET` shows it, `POST` saves it. */
/** `lang`: the message's, so the page opens in the language the person was written to in (a saved choice still wins). */
export const preferencesUrl = (base: string, token: string, lang?: string) =>
  `${base}/api/v1/mail/preferences?t=${encodeURIComponent(token)}${lang ? `&lang=${lang}` : ''}`;

/** The List-Unsubscribe target: a POST with `List-Unsubscribe=One-Click` turns the category off. */
export const unsubscribeUrl = (base: string, token: string, category: Exclude<Category, 'transaction'>, lang?: string) =>
  `${base}/api/v1/mail/unsubscribe?t=${encodeURIComponent(token)}${lang ? `&lang=${lang}` : ''}&c=${category}`;
