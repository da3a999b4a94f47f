/** Reading what recipients chose (`mail_preferences`), for writers and for delivery. */
import { and, eq, inArray } from 'drizzle-orm';
import { mailPreferences } from '../../schema/db/tables.js';
import type { Database } from '../lib/db.js';
import type { Lang } from '../lib/lang.js';
import type { Category } from './catalogue/types.js';

export const normalAddress = (email: string) => email.trim().toLowerCase();

/**
 * The language to write to each address in: the one its owner chose on the preferences page,
 * else `fallback` (the language of the act that causes the message, or the district's; a
 * function when it differs by address, as each RSVP has its own).
 */
export async function languagesFor(
  db: Database,
  tenantId: string,
  emails: readonly (string | null | undefined)[],
  fallback: Lang | ((address: string) => Lang),
): Promise<(address: string) => Lang> {
  const wanted = [...new Set(emails.filter((e): e is string => !!e).map(normalAddress))];
  const rows = wanted.length
    ? await db
        .select({ email: mailPreferences.email, lang: mailPreferences.lang })
        .from(mailPreferences)
        .where(and(eq(mailPreferences.tenantId, tenantId), inArray(mailPreferences.email, wanted)))
    : [];
  const chosen = new Map(rows.filter((r) => r.lang).map((r) => [r.email, r.lang as Lang]));
  return (address) => chosen.get(normalAddress(address)) ?? (typeof fallback === 'function' ? fallback(address) : fallback);
}

/** One address's language (see `languagesFor`). */
export async function languageFor(db: Database, tenantId: string, email: string, fallback: Lang): Promise<Lang> {
  return (await languagesFor(db, tenantId, [email], fallback))(email);
}

/** Whether the recipient has turned this category off; a transaction always goes. */
export async function optedOut(db: Database, tenantId: string, email: string, category: Category): Promise<boolean> {
  if (category === 'transaction') return false;
  const [row] = await db
    .select({ notices: mailPreferences.notices, reminders: mailPreferences.reminders, digests: mailPreferences.digests })
    .from(mailPreferences)
    .where(and(eq(mailPreferences.tenantId, tenantId), eq(mailPreferences.email, normalAddress(email))));
  if (!row) return false;
  return !(category === 'notice' ? row.notices : category === 'reminder' ? row.reminders : row.digests);
}

/** What an address receives: its saved row, or everything (and no chosen language) without one. */
export interface Preferences {
  lang: Lang | null;
  notices: boolean;
  reminders: boolean;
  digests: boolean;
}

export async function preferencesOf(db: Database, tenantId: string, email: string): Promise<Preferences> {
  const [row] = await db
    .select({ lang: mailPreferences.lang, notices: mailPreferences.notices, reminders: mailPreferences.reminders, digests: mailPreferences.digests })
    .from(mailPreferences)
    .where(and(eq(mailPreferences.tenantId, tenantId), eq(mailPreferences.email, normalAddress(email))));
  return row ? { ...row, lang: row.lang ?? null } : { lang: null, notices: true, reminders: true, digests: true };
}

/** Saves some of an address's choices (the others keep their value, or their default), for a batch. */
export function savePreferences(db: Database, tenantId: string, email: string, set: Partial<Preferences>) {
  const now = new Date().toISOString();
  return db
    .insert(mailPreferences)
    .values({ tenantId, email: normalAddress(email), ...set, updatedAt: now })
    .onConflictDoUpdate({ target: [mailPreferences.tenantId, mailPreferences.email], set: { ...set, updatedAt: now } });
}
