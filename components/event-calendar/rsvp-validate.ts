/**
 * The RSVP form's validation, with the very schema the Worker validates with (`RsvpRequest`,
 * zod/mini), and its form token. The calendar imports this module when an RSVP form first
 * opens, and the build writes it to its own file (`event-calendar-rsvp.js`), so people who only
 * browse events never download it — and the calendar's own bundle stays inside its budget.
 *
 * This file is a separate bundle: it must not import runtime code from `../base/` (a second
 * copy of `ApiError` would break the calendar's `instanceof` checks), only types.
 */
import { safeParse } from 'zod/v4/core';
import { RsvpRequest, type RsvpReceipt } from '../../schema/api/events.js';
import type { FormToken } from '../../schema/api/forms.js';
import type { ApiClient, ApiError } from '../base/api.js';
import type { Lang } from '../base/localize.js';

type Issue = { path: string; message: string };
type Need = { interpretation?: string; interpretationOther?: string };
export type RsvpCheck = { ok: true; data: Omit<RsvpRequest, 'formToken'> } | { ok: false; issues: Issue[] };

/** Issue 12's interpretation fields' problems, in the form's language (the calendar's own catalogue leaves them to this module). */
const NEED_ERRORS: Record<Lang, Record<'choose' | 'missing' | 'long', string>> = {
  en: {
    choose: 'Choose one of the interpretation options',
    missing: 'Tell us which language you need',
    long: 'Keep the language under 120 characters',
  },
  es: {
    choose: 'Elige una de las opciones de interpretación',
    missing: 'Dinos qué idioma necesitas',
    long: 'Escribe el idioma en menos de 120 caracteres',
  },
};

/**
 * The interpretation fields, checked here with the same rules as the Worker (one of `es`,
 * `asl`, `other`; the language, at most 120 characters, required for `other`), also while the
 * contract's `RsvpRequest` does not name them yet; once it does, it sees them too.
 */
function needIssues({ interpretation: need, interpretationOther: other = '' }: Need, lang: Lang): Issue[] {
  const m = NEED_ERRORS[lang];
  if (need === undefined) return [];
  if (!['es', 'asl', 'other'].includes(need)) return [{ path: 'interpretation', message: m.choose }];
  if (need === 'other' && !other) return [{ path: 'interpretationOther', message: m.missing }];
  return other.length > 120 ? [{ path: 'interpretationOther', message: m.long }] : [];
}

/**
 * Checks what the person typed; the form token is not theirs to fix, so it is left to
 * `sendRsvp`. No interpretation (`''`) sends none, and the language goes only with `other`.
 */
export function validateRsvp(input: unknown, lang: Lang = 'en'): RsvpCheck {
  const { interpretation, interpretationOther, ...rest } = input as Need;
  const need: Need = interpretation ? { interpretation, interpretationOther: interpretation === 'other' ? interpretationOther?.trim() : undefined } : {};
  const own = needIssues(need, lang);
  const result = safeParse(RsvpRequest, { ...need, ...rest, formToken: 'ft1.checked-when-it-is-sent' });
  if (result.success && !own.length) {
    const { formToken: _placeholder, ...data } = result.data;
    return { ok: true, data };
  }
  const issues = result.success
    ? []
    : result.error.issues.map((issue) => ({ path: String(issue.path[0] ?? ''), message: issue.message })).filter((i) => !i.path.startsWith('interpretation'));
  return { ok: false, issues: [...issues, ...own] };
}

/** Shown when the server refused the form token (too fast, expired, or missing): a new one is already on its way. */
export const SUBMIT_AGAIN: Record<Lang, string> = {
  en: 'Please check your answers and send the form again. Nothing you typed is lost.',
  es: 'Revisa tus respuestas y envía el formulario de nuevo. No se perdió nada de lo que escribiste.',
};

/** The token of the form open on each calendar's site (a rejected fetch leaves `undefined`: the server then asks for one). */
const tokens = new Map<string, Promise<string | undefined>>();
const siteOf = (client: ApiClient) => `${client.base} ${client.siteKey}`;

/**
 * Fetches a form token as the RSVP form opens: the server reads from it how long the form was
 * open, so the minimum fill time cannot be faked by the page.
 */
export function openRsvp(client: ApiClient): Promise<string | undefined> {
  const token = client.get<FormToken>('/forms/rsvp/token').then(
    (t) => t.token,
    () => undefined,
  );
  tokens.set(siteOf(client), token);
  return token;
}

/**
 * Sends the RSVP with the open form's token and the draft's Idempotency-Key. When the server
 * refuses the token, a fresh one is fetched at once and the error says to send again (the draft
 * and its key are kept by the calendar, so the retry can never make a second RSVP).
 */
export async function sendRsvp(client: ApiClient, eventId: string, body: Record<string, unknown>, key: string, lang: Lang): Promise<RsvpReceipt> {
  const formToken = await (tokens.get(siteOf(client)) ?? openRsvp(client));
  try {
    return await client.post<RsvpReceipt>(`/events/${encodeURIComponent(eventId)}/rsvps`, { ...body, formToken }, undefined, { 'Idempotency-Key': key });
  } catch (e) {
    const x = e as ApiError;
    if (!x.problem?.errors?.some((f) => f.path === 'formToken')) throw e;
    void openRsvp(client);
    // The calendar's own ApiError class (this bundle has no copy of it), with the words to show.
    const Same = x.constructor as new (status: number, problem: ApiError['problem'], message: string) => ApiError;
    throw new Same(x.status, { ...x.problem, title: SUBMIT_AGAIN[lang], detail: undefined, errors: undefined }, SUBMIT_AGAIN[lang]);
  }
}
