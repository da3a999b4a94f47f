/**
 * A stored message made into the mail that goes out: the district as the sender's name, the
 * coordinator as Reply-To, a plain-text and an HTML part, the footer with the recipient's
 * preferences, List-Unsubscribe with one-click (RFC 8058) on everything that is not a
 * transaction the person asked for, and any attachment (an event's calendar file).
 */
import type { Lang } from '../lib/lang.js';
import type { Category } from './catalogue/types.js';

export interface Attachment {
  filename: string;
  /** Text content (UTF-8), or bytes (an image). */
  content: string | Uint8Array;
  /** The full media type, e.g. `text/calendar; method=REQUEST; charset=UTF-8`. */
  type: string;
}

/** What a driver sends: the same for SMTP and for Cloudflare's send_email binding. */
export interface OutgoingMail {
  from: { name: string; email: string };
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: Attachment[];
}

export interface RenderInput {
  id: string;
  recipient: string;
  lang: Lang;
  category: Category;
  subject: string;
  /** The body with any one-time link already put back. */
  body: string;
  district: string;
  fromAddress: string;
  replyTo: string | null;
  preferencesUrl: string;
  unsubscribeUrl: string | null;
  attachments: Attachment[];
}

const FOOTER: Record<Lang, { why: Record<Category, string>; preferences: string; unsubscribe: string }> = {
  en: {
    why: {
      transaction: 'You receive this message because you asked for it.',
      notice: 'You receive this message because it is about a placement or an event you are part of.',
      reminder: 'You receive this reminder because something waits for you.',
      digest: 'You receive this digest because of your role in the work-based learning program.',
    },
    preferences: 'Language and which reminders and digests you receive',
    unsubscribe: 'Stop messages like this one',
  },
  es: {
    why: {
      transaction: 'Recibe este mensaje porque lo solicitó.',
      notice: 'Recibe este mensaje porque trata de una práctica o un evento en el que participa.',
      reminder: 'Recibe este recordatorio porque algo está pendiente para usted.',
      digest: 'Recibe este resumen por su función en el programa de aprendizaje basado en el trabajo.',
    },
    preferences: 'Idioma y qué recordatorios y resúmenes recibe',
    unsubscribe: 'No recibir más mensajes como este',
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const URL_RE = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

/** Escaped text with its http(s) URLs as links. */
function linkify(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(URL_RE)) {
    out += escapeHtml(line.slice(last, m.index));
    out += `<a href="${escapeHtml(m[0])}" style="color:#0b5cad">${escapeHtml(m[0])}</a>`;
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escapeHtml(line.slice(last));
}

/** Plain text (paragraphs split by blank lines) as the HTML part's paragraphs. */
export function htmlOfText(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 1em">${p.split('\n').map(linkify).join('<br>')}</p>`)
    .join('\n');
}

/** A header value on one line (subjects and names come from people's input). */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();

export function renderMail(m: RenderInput): OutgoingMail {
  const f = FOOTER[m.lang];
  const footerLines = [f.why[m.category], `${f.preferences}: ${m.preferencesUrl}`];
  if (m.unsubscribeUrl) footerLines.push(`${f.unsubscribe}: ${m.unsubscribeUrl}`);
  const text = `${m.body.trim()}\n\n-- \n${m.district}\n${footerLines.join('\n')}\n`;
  const footerHtml = [
    escapeHtml(f.why[m.category]),
    `<a href="${escapeHtml(m.preferencesUrl)}" style="color:#555">${escapeHtml(f.preferences)}</a>`,
    ...(m.unsubscribeUrl ? [`<a href="${escapeHtml(m.unsubscribeUrl)}" style="color:#555">${escapeHtml(f.unsubscribe)}</a>`] : []),
  ].join('<br>');
  const html = `<!doctype html>
<html lang="${m.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(oneLine(m.subject))}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f4;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1b">
<div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px">
<p style="margin:0 0 1em;font-weight:600">${escapeHtml(m.district)}</p>
${htmlOfText(m.body)}
<hr style="border:0;border-top:1px solid #ddd;margin:24px 0 12px">
<p style="margin:0;font-size:13px;color:#555">${footerHtml}</p>
</div></body></html>`;
  const domain = m.fromAddress.split('@').pop() || 'openwbl.localhost';
  const headers: Record<string, string> = {
    // Stable per outbox row: a retried delivery reuses it, so a receiving server can tell a repeat.
    'Message-ID': messageIdOf(m.id, domain),
    'Content-Language': m.lang,
  };
  if (m.category === 'reminder' || m.category === 'digest') headers['Auto-Submitted'] = 'auto-generated';
  if (m.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${m.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return {
    from: { name: oneLine(m.district), email: m.fromAddress },
    to: m.recipient,
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    subject: oneLine(m.subject),
    text,
    html,
    headers,
    attachments: m.attachments,
  };
}

export const messageIdOf = (id: string, domain: string) => `<${id}@${domain}>`;
