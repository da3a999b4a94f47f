/**
 * The small server-rendered pages a message's footer links to: the recipient's preferences,
 * the one-button unsubscribe page, and the page a link that does not work shows. No script, one
 * inline style (allowed by the page's own CSP), labels on every control, targets of at least
 * 24 px and colours that meet WCAG AA, in the recipient's language.
 */
import type { Lang } from '../lib/lang.js';
import type { Category } from './catalogue/types.js';
import type { Preferences } from './preferences.js';

export type OptionalCategory = Exclude<Category, 'transaction'>;

const WORDS = {
  en: {
    title: 'Your email preferences',
    intro: (district: string, email: string) => `Messages from ${district} to ${email}.`,
    language: 'Language of our messages',
    receive: 'What you receive',
    always: 'Messages you asked for, such as a receipt or your registration, are always sent.',
    categories: {
      notice: 'Notices: when someone acts on your application, offer or placement',
      reminder: 'Reminders: a signature still needed, an event tomorrow',
      digest: 'Digests: a summary of what waits for you, daily or weekly',
    } satisfies Record<OptionalCategory, string>,
    save: 'Save preferences',
    saved: 'Your preferences are saved.',
    unsubscribeTitle: (c: OptionalCategory) => `Stop ${NAMES.en[c]}`,
    unsubscribeAsk: (c: OptionalCategory, email: string) => `Stop sending ${NAMES.en[c]} to ${email}?`,
    unsubscribeButton: (c: OptionalCategory) => `Stop ${NAMES.en[c]}`,
    unsubscribed: (c: OptionalCategory, email: string) => `${email} will no longer receive ${NAMES.en[c]}.`,
    more: 'Choose your language and everything you receive',
    notFoundTitle: 'This link does not work',
    notFound: 'Check that the whole link was copied, or use the link at the end of a recent message from us.',
  },
  es: {
    title: 'Sus preferencias de correo',
    intro: (district: string, email: string) => `Mensajes de ${district} a ${email}.`,
    language: 'Idioma de nuestros mensajes',
    receive: 'Qué recibe',
    always: 'Los mensajes que usted pidió, como un recibo o su inscripción, siempre se envían.',
    categories: {
      notice: 'Avisos: cuando alguien actúa sobre su solicitud, oferta o práctica',
      reminder: 'Recordatorios: una firma pendiente, un evento de mañana',
      digest: 'Resúmenes: lo que le espera, cada día o cada semana',
    } satisfies Record<OptionalCategory, string>,
    save: 'Guardar preferencias',
    saved: 'Sus preferencias están guardadas.',
    unsubscribeTitle: (c: OptionalCategory) => `No recibir ${NAMES.es[c]}`,
    unsubscribeAsk: (c: OptionalCategory, email: string) => `¿Dejar de enviar ${NAMES.es[c]} a ${email}?`,
    unsubscribeButton: (c: OptionalCategory) => `No recibir más ${NAMES.es[c]}`,
    unsubscribed: (c: OptionalCategory, email: string) => `${email} ya no recibirá ${NAMES.es[c]}.`,
    more: 'Elegir su idioma y todo lo que recibe',
    notFoundTitle: 'Este enlace no funciona',
    notFound: 'Compruebe que copió el enlace completo, o use el enlace al final de un mensaje reciente nuestro.',
  },
} as const;

const NAMES: Record<Lang, Record<OptionalCategory, string>> = {
  en: { notice: 'notices', reminder: 'reminders', digest: 'digests' },
  es: { notice: 'avisos', reminder: 'recordatorios', digest: 'resúmenes' },
};

/** The preference column of each category. */
export const COLUMN = { notice: 'notices', reminder: 'reminders', digest: 'digests' } as const satisfies Record<OptionalCategory, keyof Preferences>;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Dark text on white (16:1), a blue (#1d4ed8, 6.7:1 with white) for the button, focus rings that show. */
const STYLE = `
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .75rem}
fieldset{border:1px solid #6b7280;border-radius:.5rem;margin:1rem 0;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:flex;align-items:flex-start;gap:.625rem;min-height:2rem;padding:.25rem 0;cursor:pointer}
input[type=radio],input[type=checkbox]{width:1.5rem;height:1.5rem;min-width:24px;min-height:24px;margin:0;accent-color:#1d4ed8;flex:none}
button{font:inherit;font-weight:600;min-height:2.75rem;min-width:2.75rem;padding:.5rem 1.25rem;border:0;border-radius:.375rem;background:#1d4ed8;color:#fff;cursor:pointer}
button:hover{background:#1e40af}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.note{color:#374151;font-size:.9375rem}
.status{border-left:4px solid #15803d;background:#f0fdf4;color:#14532d;padding:.5rem .75rem;margin:0 0 1rem}
a{color:#1d4ed8}
`;

/** The CSP of every page: nothing loads, nothing runs, forms post only here. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * A page of the Worker's own, for a person who followed a link from a message: no script, its
 * style inline, no referrer. `head` adds to the head (the supervisor page keeps search engines out).
 */
export function plainPage(lang: Lang, title: string, body: string, style: string, head = ''): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">${head}
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

const page = (lang: Lang, title: string, body: string) => plainPage(lang, title, body, STYLE);

export interface PageContext {
  lang: Lang;
  district: string;
  email: string;
  /** The page's own path and query (`/api/v1/mail/preferences?t=…`): where its form posts. */
  action: string;
}

export function preferencesPage(p: PageContext & { prefs: Preferences; saved: boolean }): string {
  const w = WORDS[p.lang];
  const current = p.prefs.lang ?? p.lang;
  const radio = (value: Lang, label: string) =>
    `<label><input type="radio" name="lang" value="${value}"${current === value ? ' checked' : ''}> <span lang="${value}">${label}</span></label>`;
  const box = (c: OptionalCategory) =>
    `<label><input type="checkbox" name="${COLUMN[c]}" value="on"${p.prefs[COLUMN[c]] ? ' checked' : ''}> <span>${escapeHtml(w.categories[c])}</span></label>`;
  return page(
    p.lang,
    w.title,
    `${p.saved ? `<p class="status" role="status">${escapeHtml(w.saved)}</p>` : ''}
<p>${escapeHtml(w.intro(p.district, p.email))}</p>
<form method="post" action="${escapeHtml(p.action)}">
<fieldset><legend>${escapeHtml(w.language)}</legend>
${radio('en', 'English')}
${radio('es', 'Español')}
</fieldset>
<fieldset><legend>${escapeHtml(w.receive)}</legend>
${box('notice')}
${box('reminder')}
${box('digest')}
<p class="note">${escapeHtml(w.always)}</p>
</fieldset>
<button type="submit">${escapeHtml(w.save)}</button>
</form>`,
  );
}

export function unsubscribePage(p: PageContext & { category: OptionalCategory; done: boolean; preferences: string }): string {
  const w = WORDS[p.lang];
  const body = p.done
    ? `<p class="status" role="status">${escapeHtml(w.unsubscribed(p.category, p.email))}</p>`
    : `<p>${escapeHtml(w.unsubscribeAsk(p.category, p.email))}</p>
<form method="post" action="${escapeHtml(p.action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${escapeHtml(w.unsubscribeButton(p.category))}</button>
</form>`;
  return page(p.lang, w.unsubscribeTitle(p.category), `${body}\n<p><a href="${escapeHtml(p.preferences)}">${escapeHtml(w.more)}</a></p>`);
}

export function notFoundPage(lang: Lang): string {
  const w = WORDS[lang];
  return page(lang, w.notFoundTitle, `<p>${escapeHtml(w.notFound)}</p>`);
}
