export type Lang = 'en' | 'es';

/**
 * The element's language: its own `lang`, else the nearest ancestor's (across shadow roots),
 * else the document's, else the browser's. Anything Spanish is `es`; everything else `en`.
 */
export function resolveLang(el: HTMLElement): Lang {
  let node: Node | null = el;
  while (node) {
    if (node instanceof HTMLElement && node.lang) return pick(node.lang);
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return pick(document.documentElement.lang || navigator.language || 'en');
}

const pick = (tag: string): Lang => (tag.toLowerCase().startsWith('es') ? 'es' : 'en');

export const intlLocale = (lang: Lang) => (lang === 'es' ? 'es-US' : 'en-US');

/** A calendar date (`YYYY-MM-DD`) in words, without shifting it through a time zone. */
export function formatDate(date: string, lang: Lang, opts: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { ...opts, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export function formatMoney(cents: number, lang: Lang): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'USD', minimumFractionDigits: whole ? 0 : 2 }).format(cents / 100);
}

export function formatNumber(n: number, lang: Lang, digits = 1): string {
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: digits }).format(n);
}
