import type { TemplateResult } from 'lit';
import type { SessionUser } from '../../schema/api/auth.js';
import { defaultApiBase } from '../base/api.js';
import { WblElement } from '../base/element.js';
import { resolveLang, type Lang } from '../base/localize.js';
import type { ConsoleSectionName } from '../events/console-action.js';
import { WblConsoleSigninEvent } from '../events/console-signin.js';
import { WblConsoleSignoutEvent } from '../events/console-signout.js';
import { ConsoleApi, readSession, toConsoleError, writeSession } from './console-api.js';
import { SHELL_MESSAGES, type ShellMessages } from './messages.js';
import { renderSignIn, signInFailure } from './signin-view.js';

/** What the shell sets on a section element (see section-base.ts); the API client and the user come through context. */
export interface SectionHost extends HTMLElement {
  path: string;
  lang: string;
}

type Status = 'signed-out' | 'signing-in' | 'signed-in';

/**
 * The console's session: the API client for `api-base` (a session kept in this tab resumes),
 * signing in with the contract's own check, signing out, and a 401 from any call ending the
 * session. The element (coordinator-console.ts) adds the sections, the address and the
 * password step.
 */
export abstract class ConsoleSession extends WblElement {
  static override properties = {
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
  };

  static {
    for (const name of ['_status', '_user', '_errors', '_failure', '_notice', '_showPassword', '_passwordMode']) this.createProperty(name, { state: true });
  }

  /** Where the API is; defaults to the origin this script was loaded from. */
  declare apiBase: string;
  /** `en` or `es`; defaults to the nearest `lang` on the page, then the browser's language. */
  declare lang: string;
  declare protected _status: Status;
  declare protected _user: SessionUser | null;
  declare protected _errors: Record<string, string>;
  declare protected _failure: string | null;
  declare protected _notice: { text: string; alert: boolean } | null;
  declare protected _showPassword: boolean;
  /** The password panel, when the person opened "Change password" (a temporary password opens it by itself). */
  declare protected _passwordMode: 'chosen' | null;
  protected _lang: Lang = 'en';
  protected _api: ConsoleApi | null = null;
  /** Section elements made this session, kept so a section keeps its filters when you come back. */
  protected _views = new Map<ConsoleSectionName, SectionHost>();
  protected _focus: 'heading' | 'signin' | 'failure' | 'field' | 'password-button' | null = null;

  protected _checker?: Promise<typeof import('./login-check.js')>;

  constructor() {
    super();
    this.apiBase = '';
    this._status = 'signed-out';
    this._user = null;
    this._errors = {};
    this._failure = null;
    this._notice = null;
    this._showPassword = false;
    this._passwordMode = null;
  }

  /** Follows the address (the element's sections): after signing in, or when the person moved. */
  protected abstract _fromAddress(byPerson: boolean): void;

  protected override willUpdate(): void {
    this._lang = resolveLang(this);
    this._ensureApi();
  }

  protected get _t(): ShellMessages {
    return SHELL_MESSAGES[this._lang];
  }

  /** The sign-in check (zod and the contract's schema), fetched once, as soon as the form is used. */
  protected _loginCheck(): Promise<typeof import('./login-check.js')> {
    if (!this._checker) {
      const pending = import('./login-check.js');
      // Offline when it was first asked for: the next try asks again.
      pending.catch(() => {
        if (this._checker === pending) this._checker = undefined;
      });
      this._checker = pending;
    }
    return this._checker;
  }

  protected _signedIn(user: SessionUser, resumed: boolean): void {
    this._user = user;
    this._status = 'signed-in';
    this._errors = {};
    this._failure = null;
    this._notice = null;
    this._fromAddress(false);
    this.emit(new WblConsoleSigninEvent(user, resumed));
  }

  protected _endSession(reason: 'signout' | 'expired'): void {
    if (this._status !== 'signed-in') return;
    writeSession(this._api!.base, null);
    this._api!.token = null;
    // Nothing a section showed stays in the page once the session has ended.
    this._views.clear();
    this._user = null;
    this._status = 'signed-out';
    this._passwordMode = null;
    this._notice = { text: reason === 'expired' ? this._t.sessionEnded : this._t.signedOut, alert: reason === 'expired' };
    this._focus = reason === 'expired' ? 'field' : 'signin';
    this.emit(new WblConsoleSignoutEvent(reason));
  }

  protected _signOut(): void {
    void this._api!.logout(this._api!.token);
    this._endSession('signout');
  }

  protected async _onSignIn(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._status === 'signing-in') return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { email: String(data.get('email') ?? '').trim(), password: String(data.get('password') ?? '') };
    this._failure = null;
    this._status = 'signing-in';
    const api = this._api!;
    try {
      const errors = (await this._loginCheck()).checkLogin(body);
      if (Object.keys(errors).length) {
        this._status = 'signed-out';
        this._errors = errors;
        this._focus = 'field';
        return;
      }
      this._errors = {};
      const session = await api.login(body.email, body.password);
      writeSession(api.base, { token: session.token, expiresAt: session.expiresAt, user: session.user });
      this._signedIn(session.user, false);
      // The password step moves focus to its own heading when it appears.
      this._focus = session.user.mustChangePassword ? null : 'heading';
    } catch (err) {
      this._status = 'signed-out';
      const error = toConsoleError(err);
      if (error.fieldErrors.length) {
        const errors: Record<string, string> = {};
        for (const fe of error.fieldErrors) errors[fe.path] ??= fe.message;
        this._errors = errors;
        this._focus = 'field';
        return;
      }
      this._failure = signInFailure(error, this._t, this._lang);
      const password = form.elements.namedItem('password');
      if (error.status === 401 && password instanceof HTMLInputElement) password.value = '';
      this._focus = 'failure';
    }
  }

  protected _renderSignIn(): TemplateResult {
    return renderSignIn({
      t: this._t,
      busy: this._status === 'signing-in',
      errors: this._errors,
      notice: this._notice,
      failure: this._failure,
      showPassword: this._showPassword,
      onSubmit: (e) => void this._onSignIn(e),
      onFocusIn: () =>
        void this._loginCheck().catch(() => {
          /* retried on submit */
        }),
      onInput: (name) => {
        if (this._errors[name]) {
          const { [name]: _gone, ...rest } = this._errors;
          this._errors = rest;
        }
      },
      onShowPassword: (show) => {
        this._showPassword = show;
      },
    });
  }

  // --- session ---------------------------------------------------------------------------------

  /** One API client per `api-base`; a session kept in this tab for that API resumes. */
  protected _ensureApi(): void {
    const base = (this.apiBase || defaultApiBase(import.meta.url)).replace(/\/$/, '');
    if (this._api?.base === base) return;
    const api = new ConsoleApi(base);
    api.onUnauthorized = () => this._endSession('expired');
    this._api = api;
    this._views.clear();
    const kept = readSession(base);
    if (kept) {
      api.token = kept.token;
      this._signedIn(kept.user, true);
      // The kept user may be stale (role changed, session ended elsewhere): ask the API, quietly.
      void api.me().then(
        (user) => {
          if (this._api === api && this._status === 'signed-in') {
            this._user = user;
            writeSession(base, { ...kept, user });
            this._fromAddress(false);
          }
        },
        () => {
          /* a 401 signs out through onUnauthorized; anything else keeps the session */
        },
      );
    } else if (this._status === 'signed-in') {
      this._status = 'signed-out';
      this._user = null;
    }
  }

  // --- sections and the address -----------------------------------------------------------------
}
