import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { SessionUser } from '../../schema/api/auth.js';
import { WblElement } from '../base/element.js';
import type { Lang } from '../base/localize.js';
import { toConsoleError, type ConsoleApi } from './console-api.js';
import { checkPasswordChange, type PasswordProblem } from './login-check.js';

const en = {
  product: 'Work-based learning console',
  chooseTitle: 'Choose your password',
  chooseIntro: 'You signed in with a temporary password. Choose your own to open the console.',
  changeTitle: 'Change password',
  changeIntro: 'Choose a new password. You will stay signed in here; your other sessions end.',
  currentPassword: 'Current password',
  temporaryPassword: 'Temporary password',
  newPassword: 'New password',
  confirmPassword: 'New password again',
  rulesTitle: 'Your new password',
  rules: ['Has at least 12 characters (a few words work well).', 'Is not the same as the current one.', 'Is not your email address.'],
  showPasswords: 'Show passwords',
  save: 'Save password',
  saving: 'Saving…',
  cancel: 'Cancel',
  signOut: 'Sign out',
  problems: {
    required: 'Enter this password.',
    tooShort: 'Use at least 12 characters.',
    tooLong: 'Keep this under 200 characters.',
    sameAsCurrent: 'Choose a password different from the current one.',
    sameAsEmail: 'Do not use your email address as your password.',
    mismatch: 'The two new passwords are not the same.',
    wrongCurrent: 'This is not your current password.',
  } as Record<PasswordProblem | 'wrongCurrent', string>,
  tooMany: 'Too many tries at your current password. Wait 15 minutes, or sign out and ask your administrator for a new temporary password.',
  networkError: 'We couldn’t reach the server. Check your connection and try again.',
  serverError: 'Something went wrong on our side. Please try again.',
};

const es: typeof en = {
  product: 'Consola de aprendizaje basado en el trabajo',
  chooseTitle: 'Elija su contraseña',
  chooseIntro: 'Inició sesión con una contraseña temporal. Elija la suya para abrir la consola.',
  changeTitle: 'Cambiar contraseña',
  changeIntro: 'Elija una contraseña nueva. Seguirá con la sesión iniciada aquí; sus otras sesiones terminan.',
  currentPassword: 'Contraseña actual',
  temporaryPassword: 'Contraseña temporal',
  newPassword: 'Contraseña nueva',
  confirmPassword: 'Repita la contraseña nueva',
  rulesTitle: 'Su contraseña nueva',
  rules: ['Tiene al menos 12 caracteres (unas cuantas palabras funcionan bien).', 'No es igual a la actual.', 'No es su dirección de correo electrónico.'],
  showPasswords: 'Mostrar contraseñas',
  save: 'Guardar contraseña',
  saving: 'Guardando…',
  cancel: 'Cancelar',
  signOut: 'Cerrar sesión',
  problems: {
    required: 'Escriba esta contraseña.',
    tooShort: 'Use al menos 12 caracteres.',
    tooLong: 'Use menos de 200 caracteres.',
    sameAsCurrent: 'Elija una contraseña distinta de la actual.',
    sameAsEmail: 'No use su dirección de correo electrónico como contraseña.',
    mismatch: 'Las dos contraseñas nuevas no coinciden.',
    wrongCurrent: 'Esta no es su contraseña actual.',
  },
  tooMany: 'Demasiados intentos con su contraseña actual. Espere 15 minutos, o cierre la sesión y pida a su administrador una contraseña temporal nueva.',
  networkError: 'No pudimos conectar con el servidor. Revise su conexión e inténtelo de nuevo.',
  serverError: 'Algo salió mal de nuestro lado. Inténtelo de nuevo.',
};

const MESSAGES: Record<Lang, typeof en> = { en, es };
type Field = 'currentPassword' | 'newPassword' | 'confirm';

/**
 * "Choose your password": shown by the console after a sign-in with a temporary password (the
 * API opens nothing else until it succeeds), and from "Change password" in the header. Checks
 * the rules with the Worker's own schema before sending, shows each problem on its field, and
 * sends POST /auth/password. Rendered into the console's shadow root (no shadow root of its
 * own), so it shares the console's styles. Loaded with `import()` the first time it is needed.
 *
 * @internal
 * @tagname wbl-console-password
 * @fires console-password-changed - Saved: `detail: { user, otherSessionsEnded }`.
 * @fires console-password-cancel - "Cancel" (only when the change was the person's choice).
 * @fires console-password-signout - "Sign out" (instead of choosing a password now).
 */
export class WblConsolePassword extends WblElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    lang: {},
    _errors: { state: true },
    _failure: { state: true },
    _busy: { state: true },
    _show: { state: true },
  };

  /** The console's API client, signed in. */
  declare api: ConsoleApi;
  /** Who is choosing; `mustChangePassword` says whether this is the required step. */
  declare user: SessionUser;
  /** `en` or `es`. */
  declare lang: string;
  declare private _errors: Partial<Record<Field, string>>;
  declare private _failure: string | null;
  declare private _busy: boolean;
  declare private _show: boolean;
  private _focus: 'title' | 'field' | 'failure' | null = 'title';

  constructor() {
    super();
    this.lang = 'en';
    this._errors = {};
    this._failure = null;
    this._busy = false;
    this._show = false;
  }

  /** Light DOM: the console's shadow root styles it, and its labels and inputs stay in one tree. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get _t(): typeof en {
    return MESSAGES[this.lang === 'es' ? 'es' : 'en'];
  }

  override render(): TemplateResult {
    const t = this._t;
    const required = this.user.mustChangePassword;
    return html`
      <section class="signin" aria-labelledby="password-title">
        <p class="product">${t.product} · ${this.user.name}</p>
        <h2 id="password-title" tabindex="-1">${required ? t.chooseTitle : t.changeTitle}</h2>
        <p class="intro">${required ? t.chooseIntro : t.changeIntro}</p>
        ${this._failure ? html`<div class="failure" role="alert" tabindex="-1"><p>${this._failure}</p></div>` : nothing}
        <form novalidate @submit=${this._onSubmit} aria-busy=${this._busy ? 'true' : 'false'}>
          <input type="text" name="username" autocomplete="username" .value=${this.user.email} hidden>
          ${this._field('currentPassword', required ? t.temporaryPassword : t.currentPassword, 'current-password')}
          <div id="pw-rules" class="rules">
            <p>${t.rulesTitle}:</p>
            <ul>${t.rules.map((r) => html`<li>${r}</li>`)}</ul>
          </div>
          ${this._field('newPassword', t.newPassword, 'new-password', 'pw-rules')}
          ${this._field('confirm', t.confirmPassword, 'new-password')}
          <label class="check"><input type="checkbox" .checked=${this._show}
            @change=${(e: Event) => {
              this._show = (e.target as HTMLInputElement).checked;
            }}><span>${t.showPasswords}</span></label>
          <div class="actions">
            <button type="submit" class="button" part="password-submit" aria-disabled=${this._busy ? 'true' : 'false'}>${this._busy ? t.saving : t.save}</button>
            ${
              required
                ? html`<button type="button" class="button secondary" @click=${() => this.emit(new Event('console-password-signout', { bubbles: true, composed: true }))}>${t.signOut}</button>`
                : html`<button type="button" class="button secondary" @click=${() => this.emit(new Event('console-password-cancel', { bubbles: true, composed: true }))}>${t.cancel}</button>`
            }
          </div>
        </form>
      </section>`;
  }

  private _field(name: Field, label: string, auto: string, describedBy = ''): TemplateResult {
    const error = this._errors[name];
    const ids = [error ? `pw-${name}-error` : '', describedBy].filter(Boolean).join(' ');
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label for="pw-${name}">${label}</label>
      ${error ? html`<p class="error" id="pw-${name}-error">${error}</p>` : nothing}
      <input id="pw-${name}" name=${name} type=${this._show ? 'text' : 'password'} autocomplete=${auto} required spellcheck="false"
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ids || nothing}
        @input=${() => {
          if (this._errors[name]) {
            const { [name]: _gone, ...rest } = this._errors;
            this._errors = rest;
          }
        }}>
    </div>`;
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    const body = {
      currentPassword: String(data.get('currentPassword') ?? ''),
      newPassword: String(data.get('newPassword') ?? ''),
      confirm: String(data.get('confirm') ?? ''),
    };
    const t = this._t;
    this._failure = null;
    const problems = checkPasswordChange(body, this.user.email);
    if (Object.keys(problems).length) {
      this._errors = Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, t.problems[v]]));
      this._focus = 'field';
      return;
    }
    this._errors = {};
    this._busy = true;
    try {
      const changed = await this.api.changePassword(body.currentPassword, body.newPassword);
      this.emit(new CustomEvent('console-password-changed', { bubbles: true, composed: true, detail: changed }));
    } catch (err) {
      const error = toConsoleError(err);
      if (error.fieldErrors.length) {
        const errors: Partial<Record<Field, string>> = {};
        for (const fe of error.fieldErrors) {
          errors[fe.path as Field] ??=
            fe.code === 'wrong_password' ? t.problems.wrongCurrent : fe.code === 'same_as_email' ? t.problems.sameAsEmail : fe.message;
        }
        this._errors = errors;
        this._focus = 'field';
        return;
      }
      // A 401 has already signed the console out.
      if (error.status === 401) return;
      this._failure =
        error.status === 429 ? t.tooMany : error.status === 0 ? t.networkError : error.status >= 500 ? t.serverError : (error.problem?.detail ?? t.serverError);
      this._focus = 'failure';
    } finally {
      this._busy = false;
    }
  }

  protected override updated(_changed: PropertyValues): void {
    const focus = this._focus;
    if (!focus) return;
    this._focus = null;
    const target =
      focus === 'title'
        ? this.querySelector<HTMLElement>('#password-title')
        : focus === 'failure'
          ? this.querySelector<HTMLElement>('.failure')
          : this.querySelector<HTMLElement>('[aria-invalid="true"]');
    target?.focus();
  }
}

WblConsolePassword.define('wbl-console-password');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-password': WblConsolePassword;
  }
}
