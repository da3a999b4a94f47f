import { ContextConsumer } from '@lit/context';
import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import type { SessionUser } from '../../schema/api/auth.js';
import { WblElement } from '../base/element.js';
import { formatDate, intlLocale, resolveLang, type Lang } from '../base/localize.js';
import { WblConsoleActionEvent, type ConsoleSectionName } from '../events/console-action.js';
import type * as core from 'zod/v4/core';
import type { ConsoleApi, ConsoleApiError } from './console-api.js';
import { toConsoleError } from './console-api.js';
import './console-dialog.js';
import type { ConfirmOptions } from './console-dialog.js';
import './console-table.js';
import type { Column } from './console-table.js';
import { apiContext, userContext } from './console-context.js';
import type { DetailController, ListController } from './section-tasks.js';
import { sectionStyles } from './section.styles.js';
import { apiFieldErrors, check } from './sections/form.js';
import { SECTION_MESSAGES, type SectionMessages } from './sections/messages.js';

/** The table's parts, forwarded so the page can style them through the console. */
export const TABLE_PARTS = 'table-tools, filter, table, load-more';
/** The confirmation dialog's parts, forwarded the same way (on each `<wbl-console-confirm>`). */
export const CONFIRM_PARTS = 'dialog, confirm-button';
/**
 * Every part inside a section (its own and its table's and dialog's), forwarded from the
 * section element up to the console, so `wbl-coordinator-console::part(issue-button)` reaches
 * it. Each is documented with `@csspart` on `WblCoordinatorConsole`; the build checks both.
 */
export const SECTION_PARTS =
  `detail, error, ${TABLE_PARTS}, ${CONFIRM_PARTS}, ` +
  'revoke-button, revoke-dialog, add-achievement-button, achievement-form, achievement-select, issue-button, ' +
  'cancel-event-button, delete-button, new-opportunity-button, publish-button, opportunity-form, evaluate-button, ' +
  'status-filter, delivery-filter, retry-button, issue-badge-link, transition-button, guardian-suggestion, signatures, sign-coordinator-button, ' +
  'signing-links, issue-links-button, sent-to, waiting, sign-dialog, sign-submit, decide-button, user-status-button, ' +
  'reset-password-button, temporary-password, dismiss-password, user-form, save-user, add-user, supervisors-intro, ' +
  'copy-button, rotate-button, preview-button, import-preview, import-button, access-codes, codes-button';

/** Where focus goes when a form has errors: the first field in error, or the problem shown. */
const INVALID = '[aria-invalid="true"], fieldset.invalid input, .problem';

/**
 * The base of the console's sections. `api` and `user` come from the console through
 * `@lit/context` (`console-context.ts`; set by hand only where no console is around, as in a
 * test); the console sets `path` (what follows the section's name in the address, such as a
 * student's id) and `lang`. A section reports back with
 * `console-navigate` (open or close an item), `console-announce` (words for the live region)
 * and the public `wbl-console-action` once the API has accepted a change.
 */
export abstract class SectionElement extends WblElement {
  static override styles: CSSResultGroup = sectionStyles;

  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    path: {},
    lang: { reflect: true },
  };

  /** The staff API, signed in (from the console's context). */
  declare api: ConsoleApi;
  /** Who is signed in (from the console's context). */
  declare user: SessionUser;
  /** The item open in the section (`stu_…`), empty for none. */
  declare path: string;
  declare lang: string;

  static {
    for (const name of ['errors', 'failure', 'busy']) this.createProperty(name, { state: true });
  }

  /** The open form's field errors by path (`when.startTime`), from the schema or the API. */
  declare protected errors: Record<string, string>;
  /** A problem that is not about one field (a conflict, the network). */
  declare protected failure: ConsoleApiError | null;
  /** A request of this section's is on its way. */
  declare protected busy: boolean;

  protected abstract readonly section: ConsoleSectionName;
  protected l: Lang = 'en';
  /** The link that opened the detail pane, to take focus back when it closes. */
  private _opener: HTMLElement | null = null;
  private _focusSelector: string | null = null;
  private _returning = false;
  /** The item whose pane closed last, to find its link in the list. */
  private _closed = '';

  constructor() {
    super();
    new ContextConsumer(this, {
      context: apiContext,
      subscribe: true,
      callback: (api) => {
        this.api = api;
      },
    });
    new ContextConsumer(this, {
      context: userContext,
      subscribe: true,
      callback: (user) => {
        this.user = user;
      },
    });
    this.path = '';
    this.errors = {};
    this.failure = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // On the section element itself (made by the console), so its parts reach the page.
    if (!this.hasAttribute('exportparts')) this.setAttribute('exportparts', SECTION_PARTS);
  }

  protected get t(): SectionMessages {
    return SECTION_MESSAGES[this.l];
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.l = resolveLang(this);
    // The pane closes by the address too (Back): if it held focus, focus returns to the list.
    if (changed.has('path') && !this.path && changed.get('path')) {
      this._closed = changed.get('path') as string;
      const active = this.shadowRoot?.activeElement;
      if (active && this.renderRoot.querySelector('.pane')?.contains(active)) this._returning = true;
    }
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this._returning && changed.has('path') && !this.path) {
      // The table draws its rows in its own update.
      const table = this.renderRoot.querySelector('wbl-console-table');
      void (table ? table.updateComplete : Promise.resolve()).then(() => this._returnFocus());
    }
    if (this._focusSelector) {
      const target = this.renderRoot.querySelector<HTMLElement>(this._focusSelector);
      if (target) {
        this._focusSelector = null;
        target.focus();
      }
    }
  }

  /** Moves focus to an element of this section after the next render. */
  protected focusAfterRender(selector: string): void {
    this._focusSelector = selector;
    this.requestUpdate();
  }

  // --- talking to the console -----------------------------------------------------------------

  protected announce(message: string): void {
    this.dispatchEvent(new CustomEvent('console-announce', { detail: { message }, bubbles: true }));
  }

  /** Opens an item (`stu_…`) or, with '', goes back to the section's list; the address follows. */
  protected navigate(path: string, replace = false): void {
    this.dispatchEvent(new CustomEvent('console-navigate', { detail: { path, replace }, bubbles: true }));
  }

  /** The address of an item of this section, for links. */
  protected href(path = ''): string {
    return `#${this.section}${path ? `/${encodeURIComponent(path)}` : ''}`;
  }

  /** A change the API accepted: says so and tells the host page. */
  protected done(action: string, id: string | null, message: string): void {
    this.announce(message);
    this.emit(new WblConsoleActionEvent(this.section, action, id));
  }

  protected get can(): { coordinate: boolean; admin: boolean } {
    const role = this.user?.role;
    return { coordinate: role === 'admin' || role === 'coordinator', admin: role === 'admin' };
  }

  // --- confirmation and the detail pane -------------------------------------------------------

  protected confirm(options: Omit<ConfirmOptions, 'cancel'>): Promise<boolean> {
    const dialog = this.renderRoot.querySelector('wbl-console-confirm');
    return dialog ? dialog.ask({ ...options, cancel: this.t.common.cancel }) : Promise.resolve(false);
  }

  /** Remembers the link a person used to open an item (the links live in a table's shadow root). */
  protected rememberOpener(e: Event): void {
    const link = e.composedPath().find((n) => n instanceof HTMLAnchorElement && n.hash.startsWith(`#${this.section}/`));
    if (link) this._opener = link as HTMLElement;
  }

  /** Focus goes to the detail pane's heading once it has rendered. */
  protected focusPane(): void {
    this.focusAfterRender('#pane-title');
  }

  protected closePane(): void {
    if (!this.path) {
      // A pane the address does not name (access codes): nothing to navigate, just return.
      void this.updateComplete.then(() => this._returnFocus());
      return;
    }
    this._returning = true;
    this.navigate('');
  }

  /** Once the list shows again, focus goes back to the link that opened the pane, or to the list. */
  private _returnFocus(): void {
    const table = this.renderRoot.querySelector('wbl-console-table');
    // Opened from the address (Forward, a link from elsewhere): the list's own link to it.
    const opener = this._opener ?? (this._closed ? table?.shadowRoot?.querySelector<HTMLElement>(`a[href="${CSS.escape(this.href(this._closed))}"]`) : null);
    if (opener?.isConnected && opener.checkVisibility()) {
      opener.focus();
    } else {
      (table?.shadowRoot?.querySelector<HTMLElement>('[role="region"]') ?? this.renderRoot.querySelector<HTMLElement>('button, a[href]'))?.focus();
    }
    this._opener = null;
    this._returning = false;
  }

  protected renderPane(title: string, body: unknown, busy = false): TemplateResult {
    return html`<section class="pane" part="detail" aria-labelledby="pane-title" aria-busy=${busy ? 'true' : 'false'}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          this.closePane();
        }
      }}>
      <div class="pane-head">
        <h3 id="pane-title" tabindex="-1">${title}</h3>
        <button type="button" class="button secondary small" @click=${() => this.closePane()}>${this.t.common.close}<span class="visually-hidden"> ${title}</span></button>
      </div>
      ${body}
    </section>`;
  }

  // --- lists ----------------------------------------------------------------------------------

  /**
   * A list as a console table, paged by its controller. With `filter` the API filters (the
   * table only reports what was typed); without it the table filters the rows it holds.
   */
  protected renderTable<T>(
    list: ListController<T>,
    label: string,
    columns: Column<T>[],
    options: {
      filter?: (q: string) => void;
      emptyText?: string;
      select?: { selected: string[]; rowLabel: (row: T) => string; change: (keys: string[]) => void };
    } = {},
  ): TemplateResult {
    const select = options.select;
    return html`<wbl-console-table exportparts=${TABLE_PARTS} .label=${label} .columns=${columns} .rows=${list.items} .status=${list.status}
      .error=${list.error ? this.problemText(list.error) : ''} ?more=${Boolean(list.nextCursor)} ?loading-more=${list.loadingMore}
      ?remote-filter=${Boolean(options.filter)} .emptyText=${options.emptyText ?? ''}
      ?selectable=${Boolean(select)} .selected=${select?.selected ?? []} .rowLabel=${select?.rowLabel ?? ((row: T) => String((row as { id?: string }).id ?? ''))}
      @table-filter=${(e: CustomEvent<{ value: string }>) => options.filter?.(e.detail.value)}
      @table-select=${(e: CustomEvent<{ keys: string[] }>) => select?.change(e.detail.keys)}
      @table-more=${() => void list.more()} @table-retry=${() => void list.load()} @click=${this.rememberOpener}></wbl-console-table>`;
  }

  // --- forms ----------------------------------------------------------------------------------

  /** Forgets the errors of the last form. */
  protected resetForm(): void {
    this.errors = {};
    this.failure = null;
  }

  /**
   * A form's round trip: checks the body with the contract's schema (field errors, nothing
   * sent), then sends it once, and shows what the API refused, field by field where it can.
   * Focus goes to the first field in error, or to the problem.
   */
  protected async submitForm<R>(schema: core.$ZodType | null, body: unknown, send: () => Promise<R>, done: (result: R) => void): Promise<void> {
    if (this.busy) return;
    this.failure = null;
    const errors = schema ? check(schema, body) : {};
    if (Object.keys(errors).length) {
      this.errors = errors;
      this.focusAfterRender(INVALID);
      return;
    }
    this.errors = {};
    this.busy = true;
    try {
      done(await send());
    } catch (err) {
      const error = toConsoleError(err);
      const fields = apiFieldErrors(error);
      if (fields) this.errors = fields;
      else this.failure = error;
      this.focusAfterRender(INVALID);
    } finally {
      this.busy = false;
    }
  }

  /** A detail pane for a record: loading, failed (with retry), or the record. */
  protected renderDetail<T extends { id: string }>(
    detail: DetailController<T>,
    id: string,
    render: (value: T) => [title: string, body: unknown],
  ): TemplateResult {
    const c = this.t.common;
    if (detail.error)
      return this.renderPane(
        c.loading,
        this.renderProblem(detail.error, () => void detail.open(id, true)),
      );
    if (!detail.shows(id)) return this.renderPane(c.loading, html`<p role="status" class="muted">${c.loading}</p>`, true);
    const [title, body] = render(detail.value);
    return this.renderPane(title, body);
  }

  // --- problems -------------------------------------------------------------------------------

  /** What went wrong, in words for a person. */
  protected problemText(e: unknown): string {
    const err = toConsoleError(e);
    const c = this.t.common;
    if (err.status === 0) return c.network;
    if (err.status === 403) return err.problem?.detail ?? c.forbidden;
    if (err.status === 404) return c.notFound;
    if (err.status >= 500) return c.server;
    return [err.problem?.title ?? err.message, err.problem?.detail].filter(Boolean).join(' — ');
  }

  protected renderProblem(e: unknown, retry?: () => void): TemplateResult {
    const err = toConsoleError(e);
    const fields = err.fieldErrors;
    return html`<div class="problem" part="error" role="alert">
      <p>${this.problemText(err)}</p>
      ${fields.length ? html`<ul>${fields.map((f) => html`<li>${f.path && f.path !== '(root)' ? `${f.path}: ` : ''}${f.message}</li>`)}</ul>` : nothing}
      ${retry ? html`<button type="button" class="button secondary" @click=${retry}>${this.t.common.retry}</button>` : nothing}
    </div>`;
  }

  // --- formatting -----------------------------------------------------------------------------

  protected date(d: string | null | undefined): string {
    return d ? formatDate(d.slice(0, 10), this.l, { month: 'short', day: 'numeric', year: 'numeric' }) : '—';
  }

  /** An instant in the viewer's zone: "Mar 14, 2027, 5:00 PM". */
  protected instant(iso: string | null | undefined): string {
    if (!iso) return '—';
    return new Intl.DateTimeFormat(intlLocale(this.l), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }

  /** Copies text to the clipboard and says so. */
  protected async copy(text: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.announce(this.t.common.copied(what));
    } catch {
      this.announce(this.t.common.copyFailed);
    }
  }
}
