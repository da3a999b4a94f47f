import { html, nothing, type TemplateResult } from 'lit';
import type { SessionUser } from '../../schema/api/auth.js';
import type { ConsoleSectionName } from '../events/console-action.js';
import { WblConsoleNavigateEvent } from '../events/console-navigate.js';
import { parseAddress, setAddress } from './console-address.js';
import { readSession, writeSession } from './console-api.js';
import { consoleStyles } from './coordinator-console.styles.js';
import { SECTIONS, sectionsFor } from './sections.js';
import { ConsoleSession, type SectionHost } from './console-session.js';

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
 * @csspart error - A message that something failed, with "Try again" (the console's, or a section's).
 *
 * Parts inside the sections, forwarded up so `wbl-coordinator-console::part(…)` reaches them:
 * @csspart detail - The detail pane of the item open in a section.
 * @csspart table-tools - The bar above a table: its filter box, row count and actions.
 * @csspart filter - A table's filter box.
 * @csspart table - A section's data table.
 * @csspart load-more - A table's "Load more" button.
 * @csspart dialog - The confirmation dialog before a destructive action.
 * @csspart confirm-button - The button that goes ahead in a confirmation dialog (and in the revoke dialog).
 * @csspart revoke-button - Badges: a credential's "Revoke" button.
 * @csspart revoke-dialog - Badges: the dialog that revokes a credential, with the reason.
 * @csspart add-achievement-button - Badges: the "Add achievement" button.
 * @csspart achievement-form - Badges: the form for a new achievement.
 * @csspart achievement-select - Badges: the achievement to issue.
 * @csspart issue-button - Badges: the "Issue badge" button.
 * @csspart cancel-event-button - Events: the "Cancel event" button.
 * @csspart delete-button - A "Delete" button (an event, opportunity or student).
 * @csspart new-opportunity-button - Opportunities: the "New opportunity" link.
 * @csspart publish-button - Opportunities: the "Publish" button.
 * @csspart opportunity-form - Opportunities: the form for a new opportunity.
 * @csspart evaluate-button - Placements: the button that opens an evaluation.
 * @csspart status-filter - Placements: the status filter.
 * @csspart issue-badge-link - Placements: the link to issue a badge for a completed placement.
 * @csspart transition-button - Placements: a button that moves a placement to its next status.
 * @csspart guardian-suggestion - Placements: the guardian contact suggested from the roster.
 * @csspart signatures - Placements: the list of the agreement's signatures.
 * @csspart sign-coordinator-button - Placements: the "Sign as coordinator" button.
 * @csspart signing-links - Placements: to whom each signing request went and its delivery state (never the link).
 * @csspart issue-links-button - Placements: the button that (re)issues the signing links.
 * @csspart sent-to - Placements: where a signing link was sent.
 * @csspart waiting - Placements: why a signing link is waiting to be sent.
 * @csspart sign-dialog - Placements: the coordinator's signing dialog.
 * @csspart sign-submit - Placements: its "Sign" button.
 * @csspart decide-button - Review: the button that approves or declines an offer.
 * @csspart user-status-button - Settings: a user's "Disable" or "Enable" button.
 * @csspart reset-password-button - Settings: a user's "Reset password" button.
 * @csspart delivery-filter - Settings: the outbox's delivery-state filter.
 * @csspart retry-button - Settings and placements: "Send again" on a failed message.
 * @csspart temporary-password - Settings: the temporary password given after a reset.
 * @csspart dismiss-password - Settings: the button that hides it.
 * @csspart user-form - Settings: the form for a user.
 * @csspart save-user - Settings: its save button.
 * @csspart add-user - Settings: the "Add user" link.
 * @csspart supervisors-intro - Settings: the note telling a coordinator which accounts they may add (employer supervisors).
 * @csspart copy-button - Settings: an outbox message's "Copy message" button.
 * @csspart rotate-button - Settings: a site's "Rotate key" button.
 * @csspart preview-button - Students: the import's "Preview" button.
 * @csspart import-preview - Students: the table previewing an import.
 * @csspart import-button - Students: the "Import" button.
 * @csspart access-codes - Students: the printable access-code slips.
 * @csspart codes-button - Students: the button that makes access codes for the chosen students.
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
export class WblCoordinatorConsole extends ConsoleSession {
  static override styles = consoleStyles;

  static {
    for (const name of ['_section', '_path', '_loading', '_loadError', '_announcement']) {
      this.createProperty(name, { state: true });
    }
  }

  declare private _section: ConsoleSectionName | null;
  declare private _path: string;
  declare private _loading: ConsoleSectionName | null;
  declare private _loadError: ConsoleSectionName | null;
  declare private _announcement: string;
  private _stepModule?: Promise<unknown>;
  private _announceTimer?: ReturnType<typeof setTimeout>;
  private _onLocation = () => this._fromAddress(true);

  /** The contexts the sections read the API client and the user from, made with the first section. */
  private _providers: import('./console-provider.js').ConsoleProviders | null = null;

  private _provider?: Promise<typeof import('./console-provider.js')>;

  constructor() {
    super();
    this._section = null;
    this._path = '';
    this._loading = null;
    this._loadError = null;
    this._announcement = '';
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

  /**
   * Follows the address. A hash that is not one of ours belongs to the host page and is left
   * alone; a section this role may not open falls back to the role's first section.
   */
  protected override _fromAddress(byPerson: boolean): void {
    const at = parseAddress();
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
    if (!at || at.section !== section || at.path !== path) setAddress(section, path, true);
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
    const api = this._api;
    const user = this._user;
    if (this._status !== 'signed-in' || !api || !user || this._views.has(section)) return;
    // The sections ask for the client and the user as they connect: the provider is there first.
    this._providers ??= new providers.ConsoleProviders(this, api, user);
    this._providers.set(api, user);
    this._views.set(section, document.createElement(`wbl-console-${section}`) as SectionHost);
    this.requestUpdate();
  }

  /** `@lit/context`'s provider, loaded with the first section: the sign-in screen does without it. */
  private _providerModule(): Promise<typeof import('./console-provider.js')> {
    if (!this._provider) {
      const pending = import('./console-provider.js');
      pending.catch(() => {
        if (this._provider === pending) this._provider = undefined;
      });
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
    setAddress(this._section, e.detail.path, Boolean(e.detail.replace));
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
    this._announceTimer = setTimeout(() => {
      this._announcement = message;
    }, 50);
  }

  // --- rendering -------------------------------------------------------------------------------

  override render(): TemplateResult {
    return html`
      <div part="base" class="base" lang=${this._lang}>
        ${
          this._status !== 'signed-in' || !this._user
            ? this._renderSignIn()
            : this._user.mustChangePassword || this._passwordMode
              ? this._renderPassword(this._user)
              : this._renderShell(this._user)
        }
        <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</p>
      </div>`;
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
          <ul>${sectionsFor(user).map(
            (s) => html`<li><a part="nav-link" href="#${s.name}"
            aria-current=${s.name === section ? 'page' : nothing}>${t.sections[s.name]}</a></li>`,
          )}</ul>
        </nav>
        <main part="main" class="main" aria-labelledby="section-title"
          @console-navigate=${this._onNavigate} @console-announce=${this._onAnnounce}>
          <h2 id="section-title" part="section-title" tabindex="-1">${section ? t.sections[section] : ''}</h2>
          ${
            this._loadError && this._loadError === section
              ? html`<div class="failure" part="error" role="alert"><p>${t.sectionFailed}</p>
                <button type="button" class="button" @click=${() => void this._show(section)}>${t.retry}</button></div>`
              : (view ?? html`<p class="loading" role="status">${t.loadingSection}</p>`)
          }
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
      pending.then(
        () => this.requestUpdate(),
        () => {
          if (this._stepModule === pending) this._stepModule = undefined;
        },
      );
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
      @console-password-cancel=${(e: Event) => {
        e.stopPropagation();
        this._closePassword();
      }}
      @console-password-signout=${(e: Event) => {
        e.stopPropagation();
        this._signOut();
      }}></wbl-console-password>`;
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
    const target =
      focus === 'heading'
        ? $('#section-title')
        : focus === 'signin'
          ? $('#signin-title')
          : focus === 'failure'
            ? $('.failure')
            : ($('[aria-invalid="true"]') ?? $('#signin-email'));
    target?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-coordinator-console': WblCoordinatorConsole;
  }
}
