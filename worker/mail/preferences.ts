/** Reading what recipients chose (`mail_preferences`), for writers and for delivery. */
import { and, eq, inArray } from 'drizzle-orm';
import { mailPreferences } from '../../schema/db/tables.js';
import type { Database } from '../lib/db.js';
import type { Lang } from '../lib/lang.js';
import type { Category } from './catalogue/types.js';

export const normalAddress = (email: string) => email.trim().toLowerCase();

/**
 * The language to write to each address in: the one its owner chose on the preferences page,
 * else `fallback` (the language of the act that causes the message, or the district's).
 */
export async function languagesFor(
  db: Database,
  tenantId: string,
  emails: readonly (string | null | undefined)[],
  fallback: Lang,
): Promise<(address: string) => Lang> {
  const wanted = [...new Set(emails.filter((e): e is string => !!e).map(normalAddress))];
  const rows = wanted.length
    ? await db
        .select({ email: mailPreferences.email, lang: mailPreferences.lang })
        .from(mailPreferences)
        .where(and(eq(mailPreferences.tenantId, tenantId), inArray(mailPreferences.email, wanted)))
    : [];
  const chosen = new Map(rows.filter((r) => r.lang).map((r) => [r.email, r.lang as Lang]));
  return (address) => chosen.get(normalAddress(address)) ?? fallback;
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
