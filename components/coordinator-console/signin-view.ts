import { html, nothing, type TemplateResult } from 'lit';
import { intlLocale, type Lang } from '../base/localize.js';
import type { ConsoleApiError } from './console-api.js';
import type { ShellMessages } from './messages.js';

/** "in 15 minutes", "en 2 horas": a wait in words, rounded up to a whole unit. */
function waitInWords(seconds: number, lang: Lang): string {
  const format = new Intl.RelativeTimeFormat(intlLocale(lang), { numeric: 'auto' });
  if (seconds < 60) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return format.format(Math.ceil(seconds / 60), 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

/** Why a sign-in failed that was not about one field, in words for the person. */
export function signInFailure(error: ConsoleApiError, t: ShellMessages, lang: Lang): string {
  return error.status === 401
    ? t.badCredentials
    : error.status === 429
      ? error.retryAfter
        ? t.tooMany(waitInWords(error.retryAfter, lang))
        : t.tooManySoon
      : error.status === 403
        ? t.originRefused
        : error.status === 0
          ? t.networkError
          : error.status >= 500
            ? t.serverError
            : (error.problem?.detail ?? error.problem?.title ?? t.serverError);
}

/** What the sign-in panel shows and where its events go (the console's state and handlers). */
export interface SignInView {
  t: ShellMessages;
  busy: boolean;
  errors: Record<string, string>;
  notice: { text: string; alert: boolean } | null;
  failure: string | null;
  showPassword: boolean;
  onSubmit: (e: SubmitEvent) => void;
  /** The form is being used: time to fetch the sign-in check. */
  onFocusIn: () => void;
  /** A field was typed in: its error goes. */
  onInput: (name: 'email' | 'password') => void;
  onShowPassword: (show: boolean) => void;
}

/** The sign-in panel: email, password (with "Show password"), the notice and the failure. */
export function renderSignIn(v: SignInView): TemplateResult {
  const t = v.t;
  const field = (name: 'email' | 'password', label: string, type: string, auto: string) => {
    const error = v.errors[name];
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label for="signin-${name}">${label}</label>
      ${error ? html`<p class="error" id="signin-${name}-error">${error}</p>` : nothing}
      <input id="signin-${name}" name=${name} type=${type} autocomplete=${auto} required spellcheck="false"
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `signin-${name}-error` : nothing}
        @input=${() => v.onInput(name)}>
    </div>`;
  };
  return html`
    <section part="signin" class="signin" aria-labelledby="signin-title">
      <p class="product">${t.console}</p>
      <h2 id="signin-title" tabindex="-1">${t.signInTitle}</h2>
      <p class="intro">${t.signInIntro}</p>
      ${v.notice ? html`<p class="notice" role=${v.notice.alert ? 'alert' : 'status'}>${v.notice.text}</p>` : nothing}
      ${v.failure ? html`<div class="failure" part="error" role="alert" tabindex="-1"><p>${v.failure}</p></div>` : nothing}
      <form novalidate @submit=${v.onSubmit} aria-busy=${v.busy ? 'true' : 'false'} @focusin=${v.onFocusIn}>
        ${field('email', t.email, 'email', 'username')}
        ${field('password', t.password, v.showPassword ? 'text' : 'password', 'current-password')}
        <label class="check"><input type="checkbox" .checked=${v.showPassword}
          @change=${(e: Event) => v.onShowPassword((e.target as HTMLInputElement).checked)}><span>${t.showPassword}</span></label>
        <button type="submit" class="button" part="signin-button" aria-disabled=${v.busy ? 'true' : 'false'}>${v.busy ? t.signingIn : t.signIn}</button>
      </form>
    </section>`;
}
