/**
 * Which language each person a placement message goes to is written in: anyone's own choice on
 * the preferences page (`mail_preferences.lang`) first; else the student in the language they
 * applied in, a guardian in Spanish when the student applied in Spanish (else the district's),
 * a supervisor and the office in the district's.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { mailPreferences } from '../../schema/db/tables.js';
import { normalAddress } from '../mail/preferences.js';
import type { Database } from './db.js';
import { isLang, type Lang } from './lang.js';

export type Audience = 'student' | 'guardian' | 'staff';

export interface LanguageFacts {
  tenantId: string;
  /** `applications.lang`. */
  appLang: Lang;
  /** `tenants.default_locale`. */
  districtLocale: string | null;
}

/**
 * For the addresses given, a function from (address, audience) to the language to write in:
 * the address's preference, else for the student the application's language, for a guardian
 * Spanish when the student applied in Spanish (a family that reads Spanish should not meet
 * English in a consent request) and otherwise the district's default, for staff
 * (supervisor, office) the district's default, else English.
 */
export async function placementLanguages(db: Database, f: LanguageFacts, addresses: readonly (string | null | undefined)[]) {
  const wanted = [...new Set(addresses.filter((e): e is string => !!e).map(normalAddress))];
  const rows = wanted.length
    ? await db
        .select({ email: mailPreferences.email, lang: mailPreferences.lang })
        .from(mailPreferences)
        .where(and(eq(mailPreferences.tenantId, f.tenantId), inArray(mailPreferences.email, wanted)))
    : [];
  const chosen = new Map(rows.filter((r) => isLang(r.lang)).map((r) => [r.email, r.lang as Lang]));
  const district = isLang(f.districtLocale) ? f.districtLocale : null;
  const fallback = (who: Audience, appLang: Lang): Lang =>
    who === 'student' ? appLang : who === 'guardian' ? (appLang === 'es' ? 'es' : (district ?? appLang)) : (district ?? 'en');
  /** `appLang` for messages about several applications at once (badges issued in a batch). */
  return (address: string, who: Audience, appLang: Lang = f.appLang): Lang => chosen.get(normalAddress(address)) ?? fallback(who, appLang);
}
