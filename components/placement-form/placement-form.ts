import { Task } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { safeParse } from 'zod/v4/core';
import { ApplicationRequest } from '../../schema/api/applications.js';
import type { FormToken } from '../../schema/api/forms.js';
import { HostOfferRequest } from '../../schema/api/host-offers.js';
import { fieldErrors } from '../../schema/api/field-errors.js';
import { toApiError } from '../base/api.js';
import { formatDate, resolveLang, type Lang } from '../base/localize.js';
import { WblWidget } from '../base/widget.js';
import { WblPlacementSubmitEvent } from '../events/placement-submit.js';
import { WblPlacementSuccessEvent } from '../events/placement-success.js';
import { renderField, renderReceipt, renderReview } from './fields.js';
import { FORM_MESSAGES, type FormMessages } from './messages.js';
import { formStyles } from './placement-form.styles.js';
import { fieldId, PREFILL, requestBody, STEPS, type Field, type Mode, type Receipt, type Value, type Values } from './steps.js';

/**
 * A multi-step form through which an employer offers to host a student (`mode="host"`) or a
 * student applies to an opportunity (`mode="apply"`). Validated with the same schemas as the
 * API; what a person types is kept on the device as a draft (never the access code) and a
 * failed submission is retried with the same Idempotency-Key, so nothing is lost or doubled.
 *
 * @summary "Host a student" and "apply" forms that never lose what a person typed.
 * @tagname wbl-placement-form
 *
 * With `mode="host"`, the host page may prefill what the district already knows about the
 * employer with the `employer-*` attributes; when it sets all of them, the organisation step is skipped.
 *
 * @attr {string} employer-name - Prefills the organisation's name (`organization.name`).
 * @attr {string} employer-website - Prefills its website.
 * @attr {string} employer-clusters - Prefills its career clusters, comma-separated codes (`healthcare_human_services,manufacturing`).
 * @attr {string} employer-address - Prefills its street address.
 * @attr {string} employer-city - Prefills its city.
 * @attr {string} employer-state - Prefills its state.
 * @attr {string} employer-zip - Prefills its ZIP code.
 * @attr {string} employer-size - Prefills its number of employees: `1-9`, `10-49`, `50-249`, `250-999` or `1000+`.
 *
 * @fires {WblPlacementSubmitEvent} wbl-placement-submit - Before sending. Cancelable: `preventDefault()` keeps it from being sent. `detail: { mode, body }`.
 * @fires {WblPlacementSuccessEvent} wbl-placement-success - The API accepted it. `detail: { mode, receipt: { id, reference, status, next } }`.
 *
 * @csspart base - The wrapper.
 * @csspart progress - The list of steps.
 * @csspart step - The current step's fieldset (or the review).
 * @csspart error-summary - The list of problems shown on continue or submit.
 * @csspart draft-notice - The notice that a draft was restored.
 * @csspart next-button - The "Continue" button of every step but the last.
 * @csspart submit-button - The submit button.
 * @csspart receipt - The confirmation with the reference.
 *
 * @cssprop --wbl-color-primary - Buttons and the current step. Default #1d4ed8.
 * @cssprop --wbl-color-primary-contrast - Text on primary. Default #fff.
 * @cssprop --wbl-color-text - Body text. Default #1b1f24.
 * @cssprop --wbl-color-muted - Hints and "optional". Default #4b5563.
 * @cssprop --wbl-color-surface - Background. Default #fff.
 * @cssprop --wbl-color-subtle - The draft notice and review background. Default #f3f4f6.
 * @cssprop --wbl-color-border - Borders. Default #d1d5db.
 * @cssprop --wbl-color-danger - Errors. Default #b42318.
 * @cssprop --wbl-color-success - The receipt. Default #067647.
 * @cssprop --wbl-font-family - Font. Default: inherited.
 * @cssprop --wbl-font-size - Base font size. Default 1rem.
 * @cssprop --wbl-radius - Corner radius. Default 8px.
 * @cssprop --wbl-space - Padding and gaps. Default 1rem.
 * @cssprop --wbl-focus-ring - Focus outline. Default 3px solid #2563eb.
 * @cssprop --wbl-form-max-width - The form's largest width. Default 44rem.
 */
export class WblPlacementForm extends WblWidget {
  static override styles = formStyles;

  static override properties = {
    mode: {},
    opportunityId: { attribute: 'opportunity-id' },
    lang: { reflect: true },
  };

  static {
    for (const name of ['_values', '_step', '_errors', '_summary', '_status', '_receipt', '_restoredAt', '_failure'])
      this.createProperty(name, { state: true });
  }

  /** `host` (an employer offers to host a student) or `apply` (a student applies). */
  declare mode: Mode;
  /** With `mode="apply"`: the opportunity applied for. */
  declare opportunityId: string;
  /** `en` or `es`; defaults to the page's language. */
  declare lang: string;

  declare _values: Values;
  declare private _step: number;
  declare _errors: Record<string, string>;
  declare private _summary: boolean;
  declare private _status: 'editing' | 'sending' | 'done';
  declare private _receipt: Receipt | null;
  declare private _restoredAt: string | null;
  declare private _failure: string | null;
  private _key = '';
  /**
   * The form token, fetched as the form opens: the server reads from it how long the form was
   * open, so the minimum fill time cannot be faked by the page. A failed fetch is tried again on submit.
   */
  private _token = new Task(this, {
    autoRun: false,
    task: async (_args, { signal }) =>
      (await this._client.get<FormToken>(`/forms/${this._mode === 'host' ? 'host-offer' : 'application'}/token`, undefined, signal)).token,
  });

  constructor() {
    super();
    this.mode = 'host';
    this.opportunityId = '';
    this._values = {};
    this._step = 0;
    this._errors = {};
    this._summary = false;
    this._status = 'editing';
    this._receipt = null;
    this._restoredAt = null;
    this._failure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._restore();
  }

  protected override willUpdate(): void {
    // Before the first render (and after a `<wbl-site>` it waits for), so the token's request carries the site's key.
    if (!this.hasUpdated) void this._token.run();
  }

  /** The token, or undefined when its fetch failed (the server then asks for one). */
  private _tokenValue(): Promise<string | undefined> {
    return this._token.taskComplete.catch(() => undefined);
  }

  get _t(): FormMessages {
    return FORM_MESSAGES[this._lang];
  }

  get _lang(): Lang {
    return resolveLang(this);
  }

  get _mode(): Mode {
    return this.mode === 'apply' ? 'apply' : 'host';
  }

  /** The steps for this mode, without the organisation step when the host page prefilled all of it. */
  get _steps(): [string, Field[]][] {
    const steps = STEPS[this._mode];
    const prefilled =
      this._mode === 'host' && this.hasAttribute('employer-name') && steps[0]![1].every((f) => f.optional || this._present(this._values[f.path]));
    return [...(prefilled ? steps.slice(1) : steps), ['review', []]];
  }

  _present(v: Value | undefined): boolean {
    return Array.isArray(v) ? v.length > 0 : typeof v === 'boolean' ? true : Boolean(v && String(v).trim());
  }

  // --- drafts ---------------------------------------------------------------------------------

  private get _draftKey(): string {
    return `wbl-draft:${this._client.siteKey}:${this._mode}:${this.opportunityId || ''}`;
  }

  private _restore(): void {
    for (const [attr, path] of Object.entries(PREFILL)) {
      const v = this.getAttribute(attr);
      if (v) this._values = { ...this._values, [path]: path.endsWith('clusters') ? v.split(',').map((s) => s.trim()) : v };
    }
    try {
      const raw = localStorage.getItem(this._draftKey);
      if (raw) {
        const draft = JSON.parse(raw) as { values: Values; step: number; key: string; savedAt: string };
        this._values = { ...this._values, ...draft.values };
        this._step = Math.min(draft.step, this._steps.length - 1);
        this._key = draft.key;
        this._restoredAt = draft.savedAt;
      }
    } catch {
      /* storage blocked or a broken draft: start clean */
    }
    this._key ||= crypto.randomUUID();
  }

  private _save(): void {
    // The access code is a secret: it stays in memory only.
    const { 'student.accessCode': _secret, ...values } = this._values;
    try {
      localStorage.setItem(this._draftKey, JSON.stringify({ values, step: this._step, key: this._key, savedAt: new Date().toISOString() }));
    } catch {
      /* private mode or full storage: the form still works */
    }
  }

  _startOver(): void {
    try {
      localStorage.removeItem(this._draftKey);
    } catch {
      /* ignore */
    }
    this._values = {};
    this._step = 0;
    this._errors = {};
    this._summary = false;
    this._restoredAt = null;
    this._receipt = null;
    this._failure = null;
    this._status = 'editing';
    this._key = crypto.randomUUID();
    void this._token.run();
    this._restore();
  }

  // --- values → request -----------------------------------------------------------------------

  /** Field errors for the whole request, keyed by path (the first message of each). */
  private _validate(): Record<string, string> {
    const schema = this._mode === 'host' ? HostOfferRequest : ApplicationRequest;
    const result = safeParse(schema, requestBody(this._mode, this._values, this.opportunityId));
    const out: Record<string, string> = {};
    if (!result.success) for (const e of fieldErrors(result.error)) out[e.path] ??= e.message;
    return out;
  }

  private _fieldsOf(step: number): Field[] {
    return this._steps[step]?.[1] ?? [];
  }

  /** A problem path belongs to the field whose path starts it (`opportunity.tasks.0` → tasks). */
  private _owner(path: string): string | undefined {
    const all = STEPS[this._mode].flatMap(([, f]) => f.map((x) => x.path)).sort((a, b) => b.length - a.length);
    return all.find((p) => path === p || path.startsWith(`${p}.`)) ?? all.find((p) => p.startsWith(`${path}.`));
  }

  private _errorsFor(paths: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(this._validate())) {
      const owner = this._owner(path);
      if (owner && paths.includes(owner)) out[owner] ??= message;
    }
    return out;
  }

  // --- handlers -------------------------------------------------------------------------------

  _onInput(path: string, value: Value): void {
    this._values = { ...this._values, [path]: value };
    if (this._errors[path]) {
      const { [path]: _fixed, ...rest } = this._errors;
      this._errors = rest;
    }
    this._save();
  }

  private async _next(): Promise<void> {
    const visible = this._fieldsOf(this._step)
      .filter((f) => !f.when || f.when(this._values))
      .map((f) => f.path);
    const errors = this._errorsFor(visible);
    if (Object.keys(errors).length) return this._showErrors(errors);
    this._errors = {};
    this._summary = false;
    this._go(this._step + 1);
  }

  _go(step: number): void {
    this._step = Math.max(0, Math.min(step, this._steps.length - 1));
    this._save();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('legend, h3')?.closest('fieldset, section')?.querySelector<HTMLElement>('.step-title')?.focus(),
    );
  }

  private async _showErrors(errors: Record<string, string>): Promise<void> {
    this._errors = errors;
    this._summary = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="error-summary"]')?.focus();
  }

  private _focusField(path: string, e: Event): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${fieldId(path)}, [data-group="${fieldId(path)}"] input`)?.focus();
  }

  private async _submit(): Promise<void> {
    // Only what a field owns stops the form here; the form token (added below) is the server's to check.
    const errors: Record<string, string> = {};
    for (const [p, m] of Object.entries(this._validate())) {
      const o = this._owner(p);
      if (o) errors[o] ??= m;
    }
    if (Object.keys(errors).length) {
      const first = this._steps.findIndex(([, fields]) => fields.some((f) => errors[f.path]));
      if (first >= 0) this._step = first;
      return this._showErrors(errors);
    }
    const body = requestBody(this._mode, this._values, this.opportunityId);
    const honeypot = this.renderRoot.querySelector<HTMLInputElement>('.honeypot input')?.value;
    if (honeypot) body.nickname = honeypot;
    if (!this.emit(new WblPlacementSubmitEvent(this._mode, body))) return;
    this._status = 'sending';
    this._failure = null;
    try {
      if (!(await this._tokenValue())) void this._token.run();
      body.formToken = await this._tokenValue();
      const receipt = await this._client.post<Receipt>(this._mode === 'host' ? '/host-offers' : '/applications', body, undefined, {
        'Idempotency-Key': this._key,
      });
      this._receipt = receipt;
      this._status = 'done';
      try {
        localStorage.removeItem(this._draftKey);
      } catch {
        /* ignore */
      }
      this.emit(new WblPlacementSuccessEvent(this._mode, receipt));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="receipt"] h3')?.focus();
    } catch (e) {
      this._status = 'editing';
      const err = toApiError(e);
      // Too fast, expired or missing: a fresh token, and the person sends again with the same key.
      const tokenRefused = err.fieldErrors.some((fe) => fe.path === 'formToken');
      if (tokenRefused) void this._token.run();
      if (err.fieldErrors.length && !tokenRefused) {
        const errors: Record<string, string> = {};
        for (const fe of err.fieldErrors) {
          const o = this._owner(fe.path);
          if (o) errors[o] ??= fe.message;
        }
        if (Object.keys(errors).length) {
          const first = this._steps.findIndex(([, fields]) => fields.some((f) => errors[f.path]));
          if (first >= 0) this._step = first;
          return this._showErrors(errors);
        }
      }
      this._failure = tokenRefused
        ? this._t.submitAgain
        : err.status === 0
          ? this._t.networkError
          : err.status === 429
            ? this._t.tooMany
            : err.status >= 500
              ? this._t.serverError
              : (err.problem?.detail ?? err.problem?.title ?? this._t.serverError);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.failure')?.focus();
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this._t;
    if (this._status === 'done' && this._receipt) return renderReceipt(this, this._receipt);
    const steps = this._steps;
    const [name, fields] = steps[this._step] ?? steps[0]!;
    const last = this._step === steps.length - 1;
    return html`
      <div part="base" class="base" lang=${this._lang}>
        ${
          this._restoredAt
            ? html`<div class="notice" part="draft-notice" role="status">
          <span>${t.restored(formatDate(this._restoredAt.slice(0, 10), this._lang))}</span>
          <button type="button" class="button link" @click=${this._startOver}>${t.startOver}</button></div>`
            : nothing
        }
        <nav aria-label=${t.progress}>
          <p class="step-count">${t.stepOf(this._step + 1, steps.length)}</p>
          <ol part="progress" class="progress">
            ${steps.map(([n], i) => html`<li class=${i === this._step ? 'current' : i < this._step ? 'done' : ''} aria-current=${i === this._step ? 'step' : nothing}>${t.steps[n]}</li>`)}
          </ol>
        </nav>
        ${
          this._summary && Object.keys(this._errors).length
            ? html`
          <div class="summary" part="error-summary" tabindex="-1" role="alert">
            <h3>${t.problem}</h3><p>${t.fixThese(Object.keys(this._errors).length)}</p>
            <ul>${Object.entries(this._errors).map(([p, m]) => html`<li><a href="#${fieldId(p)}" @click=${(e: Event) => this._focusField(p, e)}>${t.f[p] ?? p}: ${m}</a></li>`)}</ul>
          </div>`
            : nothing
        }
        <form novalidate @submit=${(e: Event) => {
          e.preventDefault();
          void (last ? this._submit() : this._next());
        }}>
          ${
            last
              ? renderReview(this)
              : html`
            <fieldset part="step" class="step">
              <legend><span class="step-title" tabindex="-1">${t.steps[name]}</span></legend>
              ${fields.filter((f) => !f.when || f.when(this._values)).map((f) => renderField(this, f))}
            </fieldset>`
          }
          <div class="honeypot" aria-hidden="true"><label>Leave this empty <input name="nickname" tabindex="-1" autocomplete="off"></label></div>
          ${this._failure ? html`<div class="failure" role="alert" tabindex="-1"><p>${this._failure}</p></div>` : nothing}
          <div class="actions">
            ${this._step > 0 ? html`<button type="button" class="button secondary" @click=${() => this._go(this._step - 1)}>${t.back}</button>` : nothing}
            <button type="submit" class="button" part=${last ? 'submit-button' : 'next-button'} ?disabled=${this._status === 'sending'}>
              ${last ? (this._status === 'sending' ? t.sending : this._failure ? t.tryAgain : t.submit) : t.next}</button>
          </div>
        </form>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-placement-form': WblPlacementForm;
  }
}
