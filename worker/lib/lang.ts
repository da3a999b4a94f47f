/**
 * The language the server answers in: `lang` in the query (what the widgets send, from their
 * own `lang`), else the request's Accept-Language, else English. Spanish is the only other
 * language the product speaks, so any `es-*` tag is Spanish.
 */
import type { MiddlewareHandler } from 'hono';
import { LANGS, type Locale } from '../../schema/vocab.js';
import type { AppEnv } from '../env.js';

export type Lang = Locale;

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

/** The best of our languages for an Accept-Language header (RFC 9110 §12.5.4 weights), or null. */
export function fromAcceptLanguage(header: string | null | undefined): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    );
    const primary = tag?.trim().toLowerCase().split('-')[0];
    const lang = primary === 'es' ? 'es' : primary === 'en' ? 'en' : null;
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? null;
}

export function requestLang(req: Request): Lang {
  const q = new URL(req.url).searchParams.get('lang')?.toLowerCase().split('-')[0];
  return isLang(q) ? q : (fromAcceptLanguage(req.headers.get('accept-language')) ?? 'en');
}

/** Sets `c.var.lang` and says which header the answer varies by. */
export const withLang: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('lang', requestLang(c.req.raw));
  await next();
  c.res.headers.append('Vary', 'Accept-Language');
  c.res.headers.set('Content-Language', c.var.lang);
};
