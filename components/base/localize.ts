/**
 * The widgets' localisation, kept tiny for the bundle budget: each element carries its own
 * message catalogue (`messages.ts`, English and Spanish); this module picks the language and
 * formats numbers, money, dates and plurals with `Intl`.
 */
export type Lang = 'en' | 'es';

const pick = (tag: string): Lang => (tag.toLowerCase().startsWith('es') ? 'es' : 'en');

/**
 * The element's language tag as written (`es`, `en-GB`): its own `lang`, else the nearest
 * ancestor's (across shadow roots), else the document's, else the browser's.
 */
export function resolveLocale(el: HTMLElement): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof HTMLElement && node.lang) return node.lang;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || navigator.language || 'en';
}

/** The element's language (see `resolveLocale`): anything Spanish is `es`; everything else `en`. */
export const resolveLang = (el: HTMLElement): Lang => pick(resolveLocale(el));

export const intlLocale = (lang: Lang) => (lang === 'es' ? 'es-US' : 'en-US');

// Intl objects are costly to build and a board formats dozens of values per render.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
export function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (!value) cache.set(key, (value = make()));
  return value;
}

/** A calendar date (`YYYY-MM-DD`) in words, without shifting it through a time zone. */
export function formatDate(date: string, lang: Lang, opts: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }): string {
  const format = cached(`d|${lang}|${JSON.stringify(opts)}`, () => new Intl.DateTimeFormat(intlLocale(lang), { ...opts, timeZone: 'UTC' }));
  return format.format(new Date(`${date}T12:00:00Z`));
}

/** A short date, with the year only when it is not this year ("Dec 15", "Mar 24, 2027"). */
export function formatShortDate(date: string, lang: Lang): string {
  const sameYear = date.slice(0, 4) === String(new Date().getFullYear());
  return formatDate(date, lang, sameYear ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', year: 'numeric' });
}

/** US dollars from cents: "$17.50", "$450". */
export function formatMoney(cents: number, lang: Lang): string {
  const whole = cents % 100 === 0;
  const format = cached(
    `m|${lang}|${whole}`,
    () => new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'USD', minimumFractionDigits: whole ? 0 : 2 }),
  );
  return format.format(cents / 100);
}

export function formatNumber(n: number, lang: Lang, digits = 1): string {
  return cached(`n|${lang}|${digits}`, () => new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: digits })).format(n);
}

/**
 * Chooses a message by the language's plural rules. `forms` needs `one` and `other`; `zero`
 * (exact zero) is optional, because "No matches" often reads better than "0 matches".
 */
export function plural(n: number, lang: Lang, forms: { zero?: string; one: string; other: string }): string {
  if (n === 0 && forms.zero !== undefined) return forms.zero;
  const rule = cached(`p|${lang}`, () => new Intl.PluralRules(intlLocale(lang))).select(n);
  return (rule === 'one' ? forms.one : forms.other).replace('#', formatNumber(n, lang, 0));
}
