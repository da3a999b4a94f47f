import { html, nothing, type TemplateResult } from 'lit';
import type { WblMyWbl as EL } from './my-wbl.js';

/** A labelled input with its hint and error tied to it (`aria-describedby`). */
function field(el: EL, name: string, label: string, type: string, auto: string, hint?: string): TemplateResult {
  const error = el._signinErrors[name];
  const id = `signin-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  return html`<div class="field ${error ? 'invalid' : ''}">
    <label for=${id}>${label}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
    <input id=${id} name=${name} type=${type} autocomplete=${auto} spellcheck="false" required
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described}
      @input=${() => {
        if (el._signinErrors[name]) {
          const { [name]: _fixed, ...rest } = el._signinErrors;
          el._signinErrors = rest;
        }
      }}>
  </div>`;
}

/**
 * Signing in: "Email me a sign-in link" (the answer is the same whether or not the school has
 * the address, so nobody learns who is on the roster) or a student number and access code.
 */
export function renderSignIn(el: EL): TemplateResult {
  const t = el._t;
  const mode = el._signinMode;
  const busy = el._signinBusy;
  const choice = (value: 'link' | 'code', label: string) =>
    html`<label class="check"><input type="radio" name="signin-mode" .checked=${mode === value} @change=${() => el._onSigninMode(value)}><span>${label}</span></label>`;
  return html`<section part="signin" class="signin" aria-labelledby="signin-title">
    <h2 id="signin-title" tabindex="-1">${t.signInTitle}</h2>
    <p class="muted">${t.signInIntro}</p>
    ${el._notice ? html`<p class="notice" part="notice" tabindex="-1" role=${el._notice.alert ? 'alert' : 'status'}>${el._notice.text}</p>` : nothing}
    ${el._failure ? html`<div class="failure" part="error" role="alert" tabindex="-1"><p>${el._failure}</p></div>` : nothing}
    <fieldset class="choices">
      <legend>${t.how}</legend>
      ${choice('link', t.byLink)} ${choice('code', t.byCode)}
    </fieldset>
    <form novalidate aria-busy=${busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => el._onSignIn(e)}>
      ${
        mode === 'link'
          ? field(el, 'email', t.email, 'email', 'email', t.emailHint)
          : html`${field(el, 'studentNumber', t.studentNumber, 'text', 'username')}
            ${field(el, 'accessCode', t.accessCode, 'password', 'current-password', t.accessHint)}`
      }
      <button type="submit" class="button" part="signin-button" aria-disabled=${busy ? 'true' : 'false'}>
        ${busy ? (mode === 'link' ? t.sending : t.signingIn) : mode === 'link' ? t.sendLink : t.signIn}</button>
    </form>
  </section>`;
}
