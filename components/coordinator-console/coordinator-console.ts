import { html, nothing, type TemplateResult } from 'lit';
import type { SessionUser } from '../../schema/api/auth.js';
import { defaultApiBase } from '../base/api.js';
import { WblElement } from '../base/element.js';
import { intlLocale, resolveLang, type Lang } from '../base/localize.js';
import type { ConsoleSectionName } from '../events/console-action.js';
import { WblConsoleNavigateEvent } from '../events/console-navigate.js';
import { WblConsoleSigninEvent } from '../events/console-signin.js';
import { WblConsoleSignoutEvent } from '../events/console-signout.js';
import { ConsoleApi, readSession, toConsoleError, writeSession } from './console-api.js';
import { consoleStyles } from './coordinator-console.styles.js';
import { SHELL_MESSAGES, type ShellMessages } from './messages.js';
import { SECTION_NAMES, SECTIONS, sectionsFor } from './sections.js';

/** What the shell sets on a section element (see section-base.ts); the API client and the user come through context. */
interface SectionHost extends HTMLElement { path: string; lang: string }

type Status = 'signed-out' | 'signing-in' | 'signed-in';

/** "in 15 minutes", "en 2 horas": a wait in words, rounded up to a whole unit. */
function waitInWords(seconds: number, lang: Lang): string {
  const format = new Intl.RelativeTimeFormat(intlLocale(lang), { numeric: 'auto' });
  if (seconds < 60) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return format.format(Math.ceil(seconds / 60), 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

/**
 * The district staff's work-based learning console: review employers' offers to host
 * students, publish opportunities and events, keep the roster, run the placement pipeline
 * (agreements, hours, evaluations) and report participation. Staff sign in with their
 * account (a temporary password from an administrator asks them to choose their own first);
 * what each person sees follows their role (administrator, coordinator, employer
 * supervisor, viewer). The session is kept for this tab only (`sessionStorage`, never
 * `localStorage`), so a reload stays signed in. Each section is loaded the first time it
 * opens, and the address follows it (`#review`, `#students/stu_…`), so Back and Forward work.
 *
 * @summary Sign-in, review queue, roster, placements, hours, evaluations and reports for WBL staff.
 * @tagname wbl-coordinator-console
 *
 * @attr {string} api-base - Where the Open WBL API is (`https://wbl.district.example`). Default: the origin this script was loaded from.
 * @attr {string} lang - `en` or `es`. Default: the nearest `lang` on the page, then the browser's language. Reflected.
 *
 * @fires {WblConsoleSigninEvent} wbl-console-signin - Someone signed in, or a session kept in this tab resumed. `detail: { user, resumed }`.
 * @fires {WblConsoleSignoutEvent} wbl-console-signout - The session ended: `detail: { reason }`, `signout` or `expired` (the API answered 401).
 * @fires {WblConsoleNavigateEvent} wbl-console-navigate - Another section or item opened. `detail: { section, path }`.
 * @fires {WblConsoleActionEvent} wbl-console-action - The API accepted a change made in the console. `detail: { section, action, id }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart signin - The sign-in panel.
 * @csspart signin-button - The sign-in button.
 * @csspart header - The bar with who is signed in and "Sign out".
 * @csspart signout-button - The "Sign out" button.
 * @csspart password-button - The "Change password" button in the header.
 * @csspart password - The "Choose your password" panel (after a temporary password, or from "Change password").
 * @csspart password-submit - Its "Save password" button.
 * @csspart nav - The section navigation.
 * @csspart nav-link - A link in the section navigation; the current one has `aria-current="page"`.
 * @csspart main - The section area (the `main` landmark).
 * @csspart section-title - The current section's heading.
 * @csspart error - A message that something failed, with "Try again".
 *
 * @cssprop --wbl-color-primary - Buttons, links and the current section. Default #1d4ed8.
 * @cssprop --wbl-color-primary-contrast - Text on primary. Default #fff.
 * @cssprop --wbl-color-text - Body text. Default #1b1f24.
 * @cssprop --wbl-color-muted - Secondary text. Default #4b5563.
 * @cssprop --wbl-color-surface - Panel background. Default #fff.
 * @cssprop --wbl-color-subtle - Table stripes, navigation and badges. Default #f3f4f6.
 * @cssprop --wbl-color-border - Borders. Default #d1d5db.
 * @cssprop --wbl-color-danger - Errors and destructive buttons. Default #b42318.
 * @cssprop --wbl-color-success - Saved and approved. Default #067647.
 * @cssprop --wbl-font-family - Font. Default: inherited from the page.
 * @cssprop --wbl-font-size - Base font size. Default 1rem.
 * @cssprop --wbl-radius - Corner radius. Default 8px.
 * @cssprop --wbl-space - Padding and gaps. Default 1rem.
 * @cssprop --wbl-focus-ring - Focus outline. Default 3px solid #2563eb.
 * @cssprop --wbl-console-nav-width - Width of the section navigation beside the content. Default 13rem.
 */
export class WblCoordinatorConsole extends WblElement {
  static override styles = consoleStyles;

  static override properties = {
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
  };

  static {
    for (const name of ['_status', '_user', '_section', '_path', '_errors', '_failure', '_notice', '_showPassword', '_loading', '_loadError', '_announcement', '_passwordMode']) {
      this.createProperty(name, { state: true });
    }
  }

  /** Where the API is; defaults to the origin this script was loaded from. */
  declare apiBase: string;
  /** `en` or `es`; defaults to the nearest `lang` on the page, then the browser's language. */
  declare lang: string;

  declare private _status: Status;
  declare private _user: SessionUser | null;
  declare private _section: ConsoleSectionName | null;
  declare private _path: string;
  declare private _errors: Record<string, string>;
  declare private _failure: string | null;
  declare private _notice: { text: string; alert: boolean } | null;
  declare private _showPassword: boolean;
  declare private _loading: ConsoleSectionName | null;
  declare private _loadError: ConsoleSectionName | null;
  declare private _announcement: string;
  /** The password panel, when the person opened "Change password" (a temporary password opens it by itself). */
  declare private _passwordMode: 'chosen' | null;

  private _lang: Lang = 'en';
  private _api: ConsoleApi | null = null;
  /** Section elements made this session, kept so a section keeps its filters when you come back. */
  private _views = new Map<ConsoleSectionName, SectionHost>();
  private _focus: 'heading' | 'signin' | 'failure' | 'field' | 'password-button' | null = null;
  private _stepModule?: Promise<unknown>;
  private _announceTimer?: ReturnType<typeof setTimeout>;
  private _onLocation = () => this._fromAddress(true);
  private _checker?: Promise<typeof import('./login-check.js')>;
  /** The contexts the sections read the API client and the user from, made with the first section. */
  private _providers: import('./console-provider.js').ConsoleProviders | null = null;
  private _provider?: Promise<typeof import('./console-provider.js')>;

  constructor() {
    super();
    this.apiBase = '';
    this._status = 'signed-out';
    this._user = null;
    this._section = null;
    this._path = '';
    this._errors = {};
    this._failure = null;
    this._notice = null;
    this._showPassword = false;
    this._loading = null;
    this._loadError = null;
    this._announcement = '';
    this._passwordMode = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this._onLocation);
    addEventListener('popstate', this._onLocation);
    this._ensureApi();
    this._fromAddress(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this._onLocation);
    removeEventListener('popstate', this._onLocation);
    clearTimeout(this._announceTimer);
  }

  protected override willUpdate(): void {
    this._lang = resolveLang(this);
    this._ensureApi();
  }

  private get _t(): ShellMessages {
    return SHELL_MESSAGES[this._lang];
  }

  // --- session ---------------------------------------------------------------------------------

  /** One API client per `api-base`; a session kept in this tab for that API resumes. */
  private _ensureApi(): void {
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
      void api.me().then((user) => {
        if (this._api === api && this._status === 'signed-in') {
          this._user = user;
          writeSession(base, { ...kept, user });
          this._fromAddress(false);
        }
      }, () => { /* a 401 signs out through onUnauthorized; anything else keeps the session */ });
    } else if (this._status === 'signed-in') {
      this._status = 'signed-out';
      this._user = null;
    }
  }

  /** The sign-in check (zod and the contract's schema), fetched once, as soon as the form is used. */
  private _loginCheck(): Promise<typeof import('./login-check.js')> {
    if (!this._checker) {
      const pending = import('./login-check.js');
      // Offline when it was first asked for: the next try asks again.
      pending.catch(() => { if (this._checker === pending) this._checker = undefined; });
      this._checker = pending;
    }
    return this._checker;
  }

  private _signedIn(user: SessionUser, resumed: boolean): void {
    this._user = user;
    this._status = 'signed-in';
    this._errors = {};
    this._failure = null;
    this._notice = null;
    this._fromAddress(false);
    this.emit(new WblConsoleSigninEvent(user, resumed));
  }

  private _endSession(reason: 'signout' | 'expired'): void {
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

  private _signOut(): void {
    void this._api!.logout(this._api!.token);
    this._endSession('signout');
  }

  private async _onSignIn(e: SubmitEvent): Promise<void> {
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
      const t = this._t;
      if (error.fieldErrors.length) {
        const errors: Record<string, string> = {};
        for (const fe of error.fieldErrors) errors[fe.path] ??= fe.message;
        this._errors = errors;
        this._focus = 'field';
        return;
      }
      this._failure = error.status === 401 ? t.badCredentials
        : error.status === 429 ? (error.retryAfter ? t.tooMany(waitInWords(error.retryAfter, this._lang)) : t.tooManySoon)
        : error.status === 403 ? t.originRefused
        : error.status === 0 ? t.networkError : error.status >= 500 ? t.serverError : error.problem?.detail ?? error.problem?.title ?? t.serverError;
      const password = form.elements.namedItem('password');
      if (error.status === 401 && password instanceof HTMLInputElement) password.value = '';
      this._focus = 'failure';
    }
  }

  // --- sections and the address -----------------------------------------------------------------

  private _parseAddress(): { section: ConsoleSectionName; path: string } | null {
    const m = /^#([a-z]+)(?:\/(.*))?$/.exec(location.hash);
    if (!m || !(SECTION_NAMES as readonly string[]).includes(m[1]!)) return null;
    let path = '';
    try { path = decodeURIComponent(m[2] ?? ''); } catch { /* a broken escape: the section's list */ }
    return { section: m[1] as ConsoleSectionName, path };
  }

  /**
   * Follows the address. A hash that is not one of ours belongs to the host page and is left
   * alone; a section this role may not open falls back to the role's first section.
   */
  private _fromAddress(byPerson: boolean): void {
    const at = this._parseAddress();
    if (byPerson && !at) return;
    if (this._status !== 'signed-in') {
      // Remember where the person was going: signing in takes them there.
      if (at) {
        this._section = at.section;
        this._path = at.path;
      }
      return;
    }
    // A temporary password opens nothing but "Choose your password"; the address is kept for after.
    if (this._user?.mustChangePassword) {
      if (at) {
        this._section = at.section;
        this._path = at.path;
      }
      return;
    }
    const allowed = sectionsFor(this._user);
    let section = at?.section ?? this._section;
    let path = at ? at.path : this._path;
    if (!section || !allowed.some((s) => s.name === section)) {
      section = allowed[0]?.name ?? null;
      path = '';
    }
    if (!section) return;
    if (!at || at.section !== section || at.path !== path) this._setAddress(section, path, true);
    // A record opened from its list: closing it steps back to the list's entry instead of adding one.
    if (byPerson && path && section === this._section && !this._path) history.replaceState({ ...history.state, wblConsoleBack: true }, '');
    const changed = section !== this._section;
    const same = !changed && path === this._path;
    this._section = section;
    this._path = path;
    void this._show(section);
    if (same) return;
    if (changed && byPerson) this._focus = 'heading';
    this.emit(new WblConsoleNavigateEvent(section, path));
  }

  private _setAddress(section: ConsoleSectionName, path: string, replace: boolean): void {
    const url = `${location.pathname}${location.search}#${section}${path ? `/${encodeURIComponent(path)}` : ''}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (replace) history.replaceState(history.state, '', url);
    else history.pushState(history.state, '', url);
  }

  /** Loads a section's module once, then makes (or reuses) its element. */
  private async _show(section: ConsoleSectionName): Promise<void> {
    if (this._views.has(section)) return;
    const def = SECTIONS.find((s) => s.name === section)!;
    this._loading = section;
    this._loadError = null;
    let providers: typeof import('./console-provider.js');
    try {
      [, providers] = await Promise.all([def.load(), this._providerModule()]);
    } catch {
      if (this._section === section) this._loadError = section;
      return;
    } finally {
      if (this._loading === section) this._loading = null;
    }
    if (this._status !== 'signed-in' || this._views.has(section)) return;
    // The sections ask for the client and the user as they connect: the provider is there first.
    this._providers ??= new providers.ConsoleProviders(this, this._api!, this._user!);
    this._providers.set(this._api!, this._user!);
    this._views.set(section, document.createElement(`wbl-console-${section}`) as SectionHost);
    this.requestUpdate();
  }

  /** `@lit/context`'s provider, loaded with the first section: the sign-in screen does without it. */
  private _providerModule(): Promise<typeof import('./console-provider.js')> {
    if (!this._provider) {
      const pending = import('./console-provider.js');
      pending.catch(() => { if (this._provider === pending) this._provider = undefined; });
      this._provider = pending;
    }
    return this._provider;
  }

  private _onNavigate(e: CustomEvent<{ path: string; replace?: boolean }>): void {
    e.stopPropagation();
    if (!this._section) return;
    if (!e.detail.path && (history.state as { wblConsoleBack?: boolean } | null)?.wblConsoleBack) {
      history.back();
      return;
    }
    this._setAddress(this._section, e.detail.path, Boolean(e.detail.replace));
    this._path = e.detail.path;
    this.emit(new WblConsoleNavigateEvent(this._section, this._path));
  }

  private _onAnnounce(e: CustomEvent<{ message: string }>): void {
    e.stopPropagation();
    this._announce(e.detail.message);
  }

  /** Says something through the live region; the same words twice are still read twice. */
  private _announce(message: string): void {
    this._announcement = '';
    clearTimeout(this._announceTimer);
    this._announceTimer = setTimeout(() => { this._announcement = message; }, 50);
  }

  // --- rendering -------------------------------------------------------------------------------

  override render(): TemplateResult {
    return html`
      <div part="base" class="base" lang=${this._lang}>
        ${this._status !== 'signed-in' || !this._user ? this._renderSignIn()
          : this._user.mustChangePassword || this._passwordMode ? this._renderPassword(this._user) : this._renderShell(this._user)}
        <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</p>
      </div>`;
  }

  private _renderSignIn(): TemplateResult {
    const t = this._t;
    const busy = this._status === 'signing-in';
    const field = (name: 'email' | 'password', label: string, type: string, auto: string) => {
      const error = this._errors[name];
      return html`<div class="field ${error ? 'invalid' : ''}">
        <label for="signin-${name}">${label}</label>
        ${error ? html`<p class="error" id="signin-${name}-error">${error}</p>` : nothing}
        <input id="signin-${name}" name=${name} type=${type} autocomplete=${auto} required spellcheck="false"
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `signin-${name}-error` : nothing}
          @input=${() => { if (this._errors[name]) { const { [name]: _gone, ...rest } = this._errors; this._errors = rest; } }}>
      </div>`;
    };
    return html`
      <section part="signin" class="signin" aria-labelledby="signin-title">
        <p class="product">${t.console}</p>
        <h2 id="signin-title" tabindex="-1">${t.signInTitle}</h2>
        <p class="intro">${t.signInIntro}</p>
        ${this._notice ? html`<p class="notice" role=${this._notice.alert ? 'alert' : 'status'}>${this._notice.text}</p>` : nothing}
        ${this._failure ? html`<div class="failure" part="error" role="alert" tabindex="-1"><p>${this._failure}</p></div>` : nothing}
        <form novalidate @submit=${this._onSignIn} aria-busy=${busy ? 'true' : 'false'} @focusin=${() => void this._loginCheck().catch(() => { /* retried on submit */ })}>
          ${field('email', t.email, 'email', 'username')}
          ${field('password', t.password, this._showPassword ? 'text' : 'password', 'current-password')}
          <label class="check"><input type="checkbox" .checked=${this._showPassword}
            @change=${(e: Event) => { this._showPassword = (e.target as HTMLInputElement).checked; }}><span>${t.showPassword}</span></label>
          <button type="submit" class="button" part="signin-button" aria-disabled=${busy ? 'true' : 'false'}>${busy ? t.signingIn : t.signIn}</button>
        </form>
      </section>`;
  }

  private _renderShell(user: SessionUser): TemplateResult {
    const t = this._t;
    const section = this._section;
    const view = section ? this._views.get(section) : undefined;
    this._providers?.set(this._api!, user);
    if (view) {
      view.lang = this._lang;
      view.path = this._path;
    }
    return html`
      <div class="bar" part="header">
        <p class="who"><span class="visually-hidden">${t.signedInAs} </span><strong>${user.name}</strong>
          <span class="role">${t.roles[user.role]} · ${user.tenantName}</span></p>
        <span class="actions">
          <button type="button" class="button secondary" part="password-button" @click=${this._openPassword}>${t.changePassword}</button>
          <button type="button" class="button secondary" part="signout-button" @click=${this._signOut}>${t.signOut}</button>
        </span>
      </div>
      <div class="layout">
        <nav part="nav" class="nav" aria-label=${t.sectionsNav}>
          <ul>${sectionsFor(user).map((s) => html`<li><a part="nav-link" href="#${s.name}"
            aria-current=${s.name === section ? 'page' : nothing}>${t.sections[s.name]}</a></li>`)}</ul>
        </nav>
        <main part="main" class="main" aria-labelledby="section-title"
          @console-navigate=${this._onNavigate} @console-announce=${this._onAnnounce}>
          <h2 id="section-title" part="section-title" tabindex="-1">${section ? t.sections[section] : ''}</h2>
          ${this._loadError && this._loadError === section
            ? html`<div class="failure" part="error" role="alert"><p>${t.sectionFailed}</p>
                <button type="button" class="button" @click=${() => void this._show(section)}>${t.retry}</button></div>`
            : view ?? html`<p class="loading" role="status">${t.loadingSection}</p>`}
        </main>
      </div>`;
  }

  // --- choosing a password ---------------------------------------------------------------------

  private _openPassword(): void {
    this._passwordMode = 'chosen';
  }

  private _closePassword(): void {
    this._passwordMode = null;
    this._focus = 'password-button';
    this._fromAddress(false);
  }

  /** The "Choose your password" step, loaded the first time it is needed (most sign-ins never need it). */
  private _passwordStep(): Promise<unknown> {
    if (!this._stepModule) {
      const pending = import('./password-step.js');
      pending.then(() => this.requestUpdate(), () => { if (this._stepModule === pending) this._stepModule = undefined; });
      this._stepModule = pending;
    }
    return this._stepModule;
  }

  private _onPasswordChanged(e: CustomEvent<{ user: SessionUser; otherSessionsEnded: number }>): void {
    e.stopPropagation();
    const api = this._api!;
    const kept = readSession(api.base);
    if (kept) writeSession(api.base, { ...kept, user: e.detail.user });
    const wasRequired = this._user?.mustChangePassword ?? false;
    this._user = e.detail.user;
    this._passwordMode = null;
    this._announce(this._t.passwordChanged(e.detail.otherSessionsEnded));
    this._focus = wasRequired ? 'heading' : 'password-button';
    this._fromAddress(false);
  }

  private _renderPassword(user: SessionUser): TemplateResult {
    void this._passwordStep();
    if (!customElements.get('wbl-console-password')) return html`<p class="loading" role="status">${this._t.loadingSection}</p>`;
    return html`<wbl-console-password part="password" exportparts="password-submit" .api=${this._api} .user=${user} .lang=${this._lang}
      @console-password-changed=${this._onPasswordChanged}
      @console-password-cancel=${(e: Event) => { e.stopPropagation(); this._closePassword(); }}
      @console-password-signout=${(e: Event) => { e.stopPropagation(); this._signOut(); }}></wbl-console-password>`;
  }

  protected override updated(): void {
    const focus = this._focus;
    if (!focus) return;
    this._focus = null;
    const $ = (sel: string) => this.renderRoot.querySelector<HTMLElement>(sel);
    if (focus === 'password-button') {
      $('[part~="password-button"]')?.focus();
      return;
    }
    const target = focus === 'heading' ? $('#section-title')
      : focus === 'signin' ? $('#signin-title')
      : focus === 'failure' ? $('.failure')
      : $('[aria-invalid="true"]') ?? $('#signin-email');
    target?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-coordinator-console': WblCoordinatorConsole;
  }
}
