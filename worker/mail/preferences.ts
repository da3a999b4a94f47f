/** Reading what recipients chose (`mail_preferences`), for writers and for delivery. */
import { and, eq, inArray, or } from 'drizzle-orm';
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

/**
 * For a batch of messages, which ones their recipients turned off (by index); a transaction
 * always goes. One read for the whole batch.
 */
export async function optedOut(db: Database, messages: readonly { tenantId: string; recipient: string; category: Category }[]): Promise<Set<number>> {
  const asked = messages.filter((m) => m.category !== 'transaction');
  if (!asked.length) return new Set();
  const rows = await db
    .select({
      tenantId: mailPreferences.tenantId,
      email: mailPreferences.email,
      notices: mailPreferences.notices,
      reminders: mailPreferences.reminders,
      digests: mailPreferences.digests,
    })
    .from(mailPreferences)
    .where(
      or(
        ...[...new Set(asked.map((m) => m.tenantId))].map((tenantId) =>
          and(
            eq(mailPreferences.tenantId, tenantId),
            inArray(mailPreferences.email, [...new Set(asked.filter((m) => m.tenantId === tenantId).map((m) => normalAddress(m.recipient)))]),
          ),
        ),
      ),
    );
  const prefs = new Map(rows.map((r) => [`${r.tenantId}\n${r.email}`, r]));
  const off = new Set<number>();
  messages.forEach((m, i) => {
    const p = m.category === 'transaction' ? undefined : prefs.get(`${m.tenantId}\n${normalAddress(m.recipient)}`);
    if (p && !(m.category === 'notice' ? p.notices : m.category === 'reminder' ? p.reminders : p.digests)) off.add(i);
  });
  return off;
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
