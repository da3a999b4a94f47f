/**
 * Form tokens: `ft1.<payload>.<mac>`, the payload base64url JSON `{ s: siteId, f: form, t: issued ms, n: nonce }`,
 * the MAC an HMAC-SHA-256 under APP_SECRET. Stateless: nothing is stored when a form opens, so
 * fetching tokens costs a flood nothing and fills no table.
 */
import type { PublicForm } from '../../schema/api/forms.js';
import { mac, macMatches } from './app-secret.js';
import { base64url } from './credentials.js';
import { ProblemError } from './problem.js';

/** A person needs a few seconds to fill a form; anything faster is a script. */
export const MIN_FILL_MS = 3000;
/** A form left open longer than this asks for a fresh token (the draft keeps what was typed). */
export const FORM_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

const utf8 = new TextEncoder();
const PURPOSE = 'form-token';

export async function issueFormToken(secret: string, siteId: string, form: PublicForm, now = Date.now()): Promise<string> {
  const nonce = base64url.encode(crypto.getRandomValues(new Uint8Array(9)));
  const payload = base64url.encode(utf8.encode(JSON.stringify({ s: siteId, f: form, t: now, n: nonce })));
  return `ft1.${payload}.${await mac(secret, PURPOSE, payload)}`;
}

export type FormTokenCheck = 'ok' | 'invalid' | 'expired' | 'too_fast';

export async function checkFormToken(secret: string, token: string | undefined, siteId: string, form: PublicForm, now = Date.now()): Promise<FormTokenCheck> {
  const [version, payload, tag] = (token ?? '').split('.');
  if (version !== 'ft1' || !payload || !tag || !(await macMatches(secret, PURPOSE, payload, tag))) return 'invalid';
  let claims: { s?: unknown; f?: unknown; t?: unknown };
  try {
    claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
  } catch {
    return 'invalid';
  }
  if (claims.s !== siteId || claims.f !== form || typeof claims.t !== 'number') return 'invalid';
  if (now - claims.t > FORM_TOKEN_TTL_MS) return 'expired';
  if (now - claims.t < MIN_FILL_MS) return 'too_fast';
  return 'ok';
}

/**
 * The spam checks every public form passes before anything is counted, stored or sent. True
 * when the hidden honeypot field was filled: the caller answers as if all went well and keeps
 * nothing, so a bot learns nothing. A missing, forged, expired or too-early token is a field
 * error on `formToken`, and costs the site's budget nothing.
 */
export async function isAutomated(secret: string, body: { nickname?: string; formToken?: string }, siteId: string, form: PublicForm): Promise<boolean> {
  if (body.nickname) return true;
  const check = await checkFormToken(secret, body.formToken, siteId, form);
  if (check === 'ok') return false;
  if (check === 'too_fast') {
    throw new ProblemError('validation', {
      title: 'That was very quick',
      detail: 'Please check your answers and submit again.',
      errors: [{ path: 'formToken', message: 'Submitted too soon after the form opened', code: 'too_fast' }],
    });
  }
  throw new ProblemError('validation', {
    title: check === 'expired' ? 'This form was open for a long time' : 'Please submit the form again',
    detail: 'Nothing you typed is lost: submit again and the form will refresh its token.',
    errors: [
      {
        path: 'formToken',
        message: check === 'expired' ? 'The form token has expired' : 'Missing or not valid for this form',
        code: check === 'expired' ? 'form_token_expired' : 'form_token_invalid',
      },
    ],
  });
}
