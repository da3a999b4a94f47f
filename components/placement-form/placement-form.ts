import { html, nothing, type TemplateResult } from 'lit';
import { safeParse } from 'zod/v4/core';
import { ApplicationRequest } from '../../schema/api/applications.js';
import type { FormToken } from '../../schema/api/forms.js';
import { HOST_TERMS_VERSION, HostOfferRequest } from '../../schema/api/host-offers.js';
import { fieldErrors } from '../../schema/api/field-errors.js';
import { CLUSTERS, COMPENSATION_TYPES, MODES, OPPORTUNITY_TYPES, SKILLS, STAGES, TIME_SLOTS, labelOf, stageOfType, type OpportunityType } from '../../schema/vocab.js';
import { ApiClient, ApiError, defaultApiBase } from '../base/api.js';
import { WblElement } from '../base/element.js';
import { formatDate, resolveLang, type Lang } from '../base/localize.js';
import { WblPlacementSubmitEvent } from '../events/placement-submit.js';
import { WblPlacementSuccessEvent } from '../events/placement-success.js';
import { FORM_MESSAGES, type FormMessages } from './messages.js';
import { formStyles } from './placement-form.styles.js';

type Mode = 'host' | 'apply';
type Kind = 'text' | 'email' | 'tel' | 'url' | 'textarea' | 'number' | 'money' | 'date' | 'select' | 'checks' | 'check' | 'lines' | 'yesno' | 'password';
type Value = string | boolean | string[];
interface Field { path: string; kind: Kind; options?: (t: FormMessages, lang: Lang) => [string, string][]; optional?: boolean; auto?: string; when?: (v: Values) => boolean }
type Values = Record<string, Value>;
interface Receipt { id: string; reference: string; status: string; next: string; alreadyApplied?: boolean }

const terms = (list: readonly { code: string; label: Record<Lang, string> }[]) => (_t: FormMessages, lang: Lang) =>
  list.map((x) => [x.code, x.label[lang]] as [string, string]);
const grades = (from: number) => () => Array.from({ length: 13 - from }, (_, i) => [String(from + i), String(from + i)] as [string, string]);

const STEPS: Record<Mode, [string, Field[]][]> = {
  host: [
    ['organization', [
      { path: 'organization.name', kind: 'text', auto: 'organization' },
      { path: 'organization.website', kind: 'url', optional: true, auto: 'url' },
      { path: 'organization.clusters', kind: 'checks', options: terms(CLUSTERS) },
      { path: 'organization.address', kind: 'text', auto: 'street-address' },
      { path: 'organization.city', kind: 'text', auto: 'address-level2' },
      { path: 'organization.state', kind: 'text', auto: 'address-level1' },
      { path: 'organization.postalCode', kind: 'text', auto: 'postal-code' },
      { path: 'organization.size', kind: 'select', options: (t) => Object.entries(t.sizes) },
    ]],
    ['contact', [
      { path: 'contact.name', kind: 'text', auto: 'name' },
      { path: 'contact.title', kind: 'text', optional: true, auto: 'organization-title' },
      { path: 'contact.email', kind: 'email', auto: 'email' },
      { path: 'contact.phone', kind: 'tel', auto: 'tel' },
    ]],
    ['opportunity', [
      { path: 'opportunity.type', kind: 'select', options: terms(OPPORTUNITY_TYPES) },
      { path: 'opportunity.title', kind: 'text' },
      { path: 'opportunity.description', kind: 'textarea' },
      { path: 'opportunity.tasks', kind: 'lines' },
      { path: 'opportunity.skills', kind: 'checks', options: terms(SKILLS) },
      { path: 'opportunity.technicalSkills', kind: 'lines', optional: true },
      { path: 'opportunity.schedule', kind: 'text', optional: true },
      { path: 'opportunity.timeSlots', kind: 'checks', optional: true, options: terms(TIME_SLOTS) },
      { path: 'opportunity.startsOn', kind: 'date', optional: true },
      { path: 'opportunity.endsOn', kind: 'date', optional: true },
      { path: 'opportunity.hoursPerWeek', kind: 'number', optional: true },
      { path: 'opportunity.capacity', kind: 'number' },
      { path: 'opportunity.compensation.type', kind: 'select', options: terms(COMPENSATION_TYPES) },
      { path: 'opportunity.compensation.amountCents', kind: 'money', when: (v) => Boolean(v['opportunity.compensation.type']) && v['opportunity.compensation.type'] !== 'unpaid' },
      { path: 'opportunity.mode', kind: 'select', options: terms(MODES) },
      { path: 'opportunity.transitNotes', kind: 'textarea', optional: true },
      { path: 'opportunity.minAge', kind: 'number', optional: true },
      { path: 'opportunity.gradeMin', kind: 'select', optional: true, options: grades(6) },
      { path: 'opportunity.requirements.backgroundCheck', kind: 'check', optional: true },
      { path: 'opportunity.requirements.documents', kind: 'lines', optional: true },
    ]],
    ['agreements', [
      { path: 'agreements.liability', kind: 'check' },
      { path: 'agreements.childLabor', kind: 'check' },
      { path: 'agreements.insurance', kind: 'yesno' },
    ]],
  ],
  apply: [
    ['who', [
      { path: 'student.studentNumber', kind: 'text', auto: 'off' },
      { path: 'student.accessCode', kind: 'password', auto: 'off' },
      { path: 'student.preferredName', kind: 'text', auto: 'given-name' },
      { path: 'student.grade', kind: 'select', options: grades(6) },
      { path: 'student.email', kind: 'email', auto: 'email' },
    ]],
    ['guardian', [
      { path: 'guardian.name', kind: 'text', optional: true },
      { path: 'guardian.email', kind: 'email', optional: true },
    ]],
    ['application', [
      { path: 'application.statement', kind: 'textarea' },
      { path: 'application.availability', kind: 'checks', options: terms(TIME_SLOTS) },
      { path: 'application.availabilityNotes', kind: 'text', optional: true },
      { path: 'application.transportation', kind: 'select', options: (t) => Object.entries(t.transport) },
      { path: 'application.accommodations', kind: 'textarea', optional: true },
      { path: 'consents.accurate', kind: 'check' },
      { path: 'consents.shareWithEmployer', kind: 'check' },
      { path: 'consents.guardianAware', kind: 'check', optional: true },
    ]],
  ],
};

/** Employer facts a host page may set so the employer skips what the district already knows. */
const PREFILL: Record<string, string> = {
  'employer-name': 'organization.name', 'employer-website': 'organization.website', 'employer-clusters': 'organization.clusters',
  'employer-address': 'organization.address', 'employer-city': 'organization.city', 'employer-state': 'organization.state',
  'employer-zip': 'organization.postalCode', 'employer-size': 'organization.size',
};

const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;
const set = (obj: Record<string, unknown>, path: string, value: unknown) => {
  const keys = path.split('.');
  let node = obj;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
};

/**
 * A multi-step form through which an employer offers to host a student (`mode="host"`) or a
 * student applies to an opportunity (`mode="apply"`). Validated with the same schemas as the
 * API; what a person types is kept on the device as a draft (never the access code) and a
 * failed submission is retried with the same Idempotency-Key, so nothing is lost or doubled.
 *
 * @summary "Host a student" and "apply" forms that never lose what a person typed.
 * @tagname wbl-placement-form
 *
 * @fires wbl-placement-submit - Before sending. Cancelable. `detail: { mode, body }`.
 * @fires wbl-placement-success - The API accepted it. `detail: { mode, receipt: { id, reference, status, next } }`.
 *
 * @csspart base - The wrapper.
 * @csspart progress - The list of steps.
 * @csspart step - The current step's fieldset.
 * @csspart error-summary - The list of problems shown on continue or submit.
 * @csspart draft-notice - The notice that a draft was restored.
 * @csspart submit-button - The submit button.
 * @csspart receipt - The confirmation with the reference.
 *
 * @cssprop --wbl-color-primary - Buttons and the current step. Default #1d4ed8.
 * @cssprop --wbl-color-danger - Errors. Default #b42318.
 * @cssprop --wbl-font-family - Font. Default: inherited.
 * @cssprop --wbl-radius - Corner radius. Default 8px.
 */
export class WblPlacementForm extends WblElement {
  static override styles = formStyles;

  static override properties = {
    mode: {},
    apiBase: { attribute: 'api-base' },
    siteKey: { attribute: 'site-key' },
    opportunityId: { attribute: 'opportunity-id' },
    lang: { reflect: true },
  };

  static {
    for (const name of ['_values', '_step', '_errors', '_summary', '_status', '_receipt', '_restoredAt', '_failure']) this.createProperty(name, { state: true });
  }

  /** `host` (an employer offers to host a student) or `apply` (a student applies). */
  declare mode: Mode;
  /** Where the API is; defaults to the origin this script was loaded from. */
  declare apiBase: string;
  /** The site's publishable key (`pk_…`). */
  declare siteKey: string;
  /** With `mode="apply"`: the opportunity applied for. */
  declare opportunityId: string;
  /** `en` or `es`; defaults to the page's language. */
  declare lang: string;

  declare private _values: Values;
  declare private _step: number;
  declare private _errors: Record<string, string>;
  declare private _summary: boolean;
  declare private _status: 'editing' | 'sending' | 'done';
  declare private _receipt: Receipt | null;
  declare private _restoredAt: string | null;
  declare private _failure: string | null;
  private _key = '';
  /** The form token fetched when the form opened (see `_openToken`); undefined until it arrives or when the fetch failed. */
  private _token: Promise<string | undefined> | null = null;

  constructor() {
    super();
    this.mode = 'host';
    this.apiBase = '';
    this.siteKey = '';
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

  override firstUpdated(): void {
    this._openToken();
  }

  private get _client(): ApiClient {
    return new ApiClient(this.apiBase || defaultApiBase(import.meta.url), this.siteKey);
  }

  /**
   * Fetches a form token as the form opens: the server reads from it how long the form was
   * open, so the minimum fill time cannot be faked by the page. A failed fetch is tried again on submit.
   */
  private _openToken(): void {
    const form = this._mode === 'host' ? 'host-offer' : 'application';
    this._token = this._client.get<FormToken>(`/forms/${form}/token`).then((t) => t.token, () => undefined);
  }

  private get _t(): FormMessages {
    return FORM_MESSAGES[this._lang];
  }

  private get _lang(): Lang {
    return resolveLang(this);
  }

  private get _mode(): Mode {
    return this.mode === 'apply' ? 'apply' : 'host';
  }

  /** The steps for this mode, without the organisation step when the host page prefilled all of it. */
  private get _steps(): [string, Field[]][] {
    const steps = STEPS[this._mode];
    const prefilled = this._mode === 'host' && this.hasAttribute('employer-name')
      && steps[0]![1].every((f) => f.optional || this._present(this._values[f.path]));
    return [...(prefilled ? steps.slice(1) : steps), ['review', []]];
  }

  private _present(v: Value | undefined): boolean {
    return Array.isArray(v) ? v.length > 0 : typeof v === 'boolean' ? true : Boolean(v && String(v).trim());
  }

  // --- drafts ---------------------------------------------------------------------------------

  private get _draftKey(): string {
    return `wbl-draft:${this.siteKey}:${this._mode}:${this.opportunityId || ''}`;
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
    } catch { /* storage blocked or a broken draft: start clean */ }
    this._key ||= crypto.randomUUID();
  }

  private _save(): void {
    // The access code is a secret: it stays in memory only.
    const { ['student.accessCode']: _secret, ...values } = this._values;
    try {
      localStorage.setItem(this._draftKey, JSON.stringify({ values, step: this._step, key: this._key, savedAt: new Date().toISOString() }));
    } catch { /* private mode or full storage: the form still works */ }
  }

  private _startOver(): void {
    try { localStorage.removeItem(this._draftKey); } catch { /* ignore */ }
    this._values = {};
    this._step = 0;
    this._errors = {};
    this._summary = false;
    this._restoredAt = null;
    this._receipt = null;
    this._failure = null;
    this._status = 'editing';
    this._key = crypto.randomUUID();
    this._openToken();
    this._restore();
  }

  // --- values → request -----------------------------------------------------------------------

  private _body(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [, fields] of STEPS[this._mode]) {
      for (const f of fields) {
        const v = this._values[f.path];
        if (f.when && !f.when(this._values)) continue;
        if (f.kind === 'check') {
          if (v || !f.optional) set(body, f.path, v === true);
          continue;
        }
        const empty = v === undefined || v === '' || (Array.isArray(v) && !v.length);
        if (empty && f.optional) continue;
        // A required field left empty still goes in, so the schema names it with its own message.
        if (empty) { set(body, f.path, f.kind === 'checks' ? [] : f.kind === 'number' || f.kind === 'money' ? undefined : f.kind === 'lines' ? [] : ''); continue; }
        if (f.kind === 'lines') set(body, f.path, String(v).split('\n').map((s) => s.trim()).filter(Boolean));
        else if (f.kind === 'number' || (f.kind === 'select' && /grade|gradeMin/.test(f.path))) set(body, f.path, Number(v));
        else if (f.kind === 'money') set(body, f.path, Math.round(Number(String(v).replace(/[$,\s]/g, '')) * 100));
        else if (f.kind === 'yesno') set(body, f.path, v === 'yes');
        else set(body, f.path, v);
      }
    }
    if (this._mode === 'host') set(body, 'agreements.termsVersion', HOST_TERMS_VERSION);
    else {
      body.opportunityId = this.opportunityId;
      const g = body.guardian as Record<string, string> | undefined;
      if (g && !g.name && !g.email) delete body.guardian;
    }
    return body;
  }

  /** Field errors for the whole request, keyed by path (the first message of each). */
  private _validate(): Record<string, string> {
    const schema = this._mode === 'host' ? HostOfferRequest : ApplicationRequest;
    const result = safeParse(schema, this._body());
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

  private _onInput(path: string, value: Value): void {
    this._values = { ...this._values, [path]: value };
    if (this._errors[path]) {
      const { [path]: _fixed, ...rest } = this._errors;
      this._errors = rest;
    }
    this._save();
  }

  private async _next(): Promise<void> {
    const visible = this._fieldsOf(this._step).filter((f) => !f.when || f.when(this._values)).map((f) => f.path);
    const errors = this._errorsFor(visible);
    if (Object.keys(errors).length) return this._showErrors(errors);
    this._errors = {};
    this._summary = false;
    this._go(this._step + 1);
  }

  private _go(step: number): void {
    this._step = Math.max(0, Math.min(step, this._steps.length - 1));
    this._save();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('legend, h3')?.closest('fieldset, section')?.querySelector<HTMLElement>('.step-title')?.focus());
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
    for (const [p, m] of Object.entries(this._validate())) { const o = this._owner(p); if (o) errors[o] ??= m; }
    if (Object.keys(errors).length) {
      const first = this._steps.findIndex(([, fields]) => fields.some((f) => errors[f.path]));
      if (first >= 0) this._step = first;
      return this._showErrors(errors);
    }
    const body = this._body();
    const honeypot = this.renderRoot.querySelector<HTMLInputElement>('.honeypot input')?.value;
    if (honeypot) body.nickname = honeypot;
    if (!this.emit(new WblPlacementSubmitEvent(this._mode, body))) return;
    this._status = 'sending';
    this._failure = null;
    try {
      if (!(await this._token)) this._openToken();
      body.formToken = await this._token;
      const receipt = await this._client.post<Receipt>(this._mode === 'host' ? '/host-offers' : '/applications', body, undefined, { 'Idempotency-Key': this._key });
      this._receipt = receipt;
      this._status = 'done';
      try { localStorage.removeItem(this._draftKey); } catch { /* ignore */ }
      this.emit(new WblPlacementSuccessEvent(this._mode, receipt));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="receipt"] h3')?.focus();
    } catch (e) {
      this._status = 'editing';
      const err = e instanceof ApiError ? e : new ApiError(0, null, 'network');
      // Too fast, expired or missing: a fresh token, and the person sends again with the same key.
      const tokenRefused = err.fieldErrors.some((fe) => fe.path === 'formToken');
      if (tokenRefused) this._openToken();
      if (err.fieldErrors.length && !tokenRefused) {
        const errors: Record<string, string> = {};
        for (const fe of err.fieldErrors) { const o = this._owner(fe.path); if (o) errors[o] ??= fe.message; }
        if (Object.keys(errors).length) {
          const first = this._steps.findIndex(([, fields]) => fields.some((f) => errors[f.path]));
          if (first >= 0) this._step = first;
          return this._showErrors(errors);
        }
      }
      this._failure = tokenRefused ? this._t.submitAgain : err.status === 0 ? this._t.networkError : err.status === 429 ? this._t.tooMany
        : err.status >= 500 ? this._t.serverError : err.problem?.detail ?? err.problem?.title ?? this._t.serverError;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.failure')?.focus();
    }
  }

  // --- rendering ------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this._t;
    if (this._status === 'done' && this._receipt) return this._renderReceipt(this._receipt);
    const steps = this._steps;
    const [name, fields] = steps[this._step] ?? steps[0]!;
    const last = this._step === steps.length - 1;
    return html`
      <div part="base" class="base" lang=${this._lang}>
        ${this._restoredAt ? html`<div class="notice" part="draft-notice" role="status">
          <span>${t.restored(formatDate(this._restoredAt.slice(0, 10), this._lang))}</span>
          <button type="button" class="button link" @click=${this._startOver}>${t.startOver}</button></div>` : nothing}
        <nav aria-label=${t.progress}>
          <p class="step-count">${t.stepOf(this._step + 1, steps.length)}</p>
          <ol part="progress" class="progress">
            ${steps.map(([n], i) => html`<li class=${i === this._step ? 'current' : i < this._step ? 'done' : ''} aria-current=${i === this._step ? 'step' : nothing}>${t.steps[n]}</li>`)}
          </ol>
        </nav>
        ${this._summary && Object.keys(this._errors).length ? html`
          <div class="summary" part="error-summary" tabindex="-1" role="alert">
            <h3>${t.problem}</h3><p>${t.fixThese(Object.keys(this._errors).length)}</p>
            <ul>${Object.entries(this._errors).map(([p, m]) => html`<li><a href="#${fieldId(p)}" @click=${(e: Event) => this._focusField(p, e)}>${t.f[p] ?? p}: ${m}</a></li>`)}</ul>
          </div>` : nothing}
        <form novalidate @submit=${(e: Event) => { e.preventDefault(); void (last ? this._submit() : this._next()); }}>
          ${last ? this._renderReview() : html`
            <fieldset part="step" class="step">
              <legend><span class="step-title" tabindex="-1">${t.steps[name]}</span></legend>
              ${fields.filter((f) => !f.when || f.when(this._values)).map((f) => this._renderField(f))}
            </fieldset>`}
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

  private _renderField(f: Field): TemplateResult {
    const t = this._t;
    const id = fieldId(f.path);
    const error = this._errors[f.path];
    const hint = t.hints[f.path] ?? (f.kind === 'lines' ? t.listHint : f.kind === 'money' ? t.perHourHint : '');
    const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    const label = html`${t.f[f.path]}${f.optional && f.kind !== 'check' ? html` <span class="optional">${t.optional}</span>` : nothing}`;
    const v = this._values[f.path];
    const extras = html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
      ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}`;
    const invalid = error ? 'true' : 'false';
    const str = typeof v === 'string' ? v : '';
    switch (f.kind) {
      case 'check':
        return html`<div class="field check ${error ? 'invalid' : ''}"><label><input id=${id} type="checkbox" .checked=${v === true}
          aria-invalid=${invalid} aria-describedby=${described} @change=${(e: Event) => this._onInput(f.path, (e.target as HTMLInputElement).checked)}>
          <span>${label}</span></label>${extras}</div>`;
      case 'checks': {
        const chosen = Array.isArray(v) ? v : [];
        return html`<fieldset class="field group ${error ? 'invalid' : ''}" data-group=${id} aria-describedby=${described}>
          <legend>${label}</legend>${extras}
          <div class="options">${f.options!(t, this._lang).map(([value, text]) => html`<label><input type="checkbox" .checked=${chosen.includes(value)}
            @change=${(e: Event) => this._onInput(f.path, (e.target as HTMLInputElement).checked ? [...chosen, value] : chosen.filter((c) => c !== value))}>
            <span>${text}</span></label>`)}</div></fieldset>`;
      }
      case 'select':
      case 'yesno': {
        const options = f.kind === 'yesno' ? [['yes', t.yes], ['no', t.no]] as [string, string][] : f.options!(t, this._lang);
        const stage = f.path === 'opportunity.type' && str ? t.stageIs(labelOf(STAGES, stageOfType(str as OpportunityType), this._lang)) : '';
        return html`<div class="field ${error ? 'invalid' : ''}"><label for=${id}>${label}</label>${extras}
          <select id=${id} aria-invalid=${invalid} aria-describedby=${described} @change=${(e: Event) => this._onInput(f.path, (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!str}>${t.choose}</option>
            ${options.map(([value, text]) => html`<option value=${value} ?selected=${str === value}>${text}</option>`)}
          </select>${stage ? html`<p class="hint">${stage}</p>` : nothing}</div>`;
      }
      case 'textarea':
      case 'lines':
        return html`<div class="field ${error ? 'invalid' : ''}"><label for=${id}>${label}</label>${extras}
          <textarea id=${id} rows=${f.kind === 'lines' ? 3 : 4} .value=${str} aria-invalid=${invalid} aria-describedby=${described}
            @input=${(e: Event) => this._onInput(f.path, (e.target as HTMLTextAreaElement).value)}></textarea></div>`;
      default: {
        const type = f.kind === 'money' ? 'text' : f.kind === 'password' ? 'password' : f.kind;
        return html`<div class="field ${error ? 'invalid' : ''}"><label for=${id}>${label}</label>${extras}
          <input id=${id} type=${type} .value=${str} autocomplete=${f.auto ?? nothing} inputmode=${f.kind === 'money' ? 'decimal' : f.kind === 'number' ? 'numeric' : nothing}
            aria-invalid=${invalid} aria-describedby=${described} @input=${(e: Event) => this._onInput(f.path, (e.target as HTMLInputElement).value)}></div>`;
      }
    }
  }

  private _renderReview(): TemplateResult {
    const t = this._t;
    const show = (f: Field): string => {
      const v = this._values[f.path];
      if (f.kind === 'password') return v ? '••••••' : t.notGiven;
      if (f.kind === 'check') return v === true ? t.yes : t.no;
      if (!this._present(v)) return t.notGiven;
      if (f.options || f.kind === 'yesno') {
        const options = f.kind === 'yesno' ? [['yes', t.yes], ['no', t.no]] : f.options!(t, this._lang);
        const values = Array.isArray(v) ? v : [String(v)];
        return values.map((x) => options.find(([o]) => o === x)?.[1] ?? x).join(', ');
      }
      return String(v);
    };
    return html`<section part="step" class="step review">
      <h3 class="step-title" tabindex="-1">${t.steps.review}</h3>
      ${this._steps.slice(0, -1).map(([name, fields], i) => html`
        <div class="review-step"><h4>${t.steps[name]}</h4>
          <button type="button" class="button link" @click=${() => this._go(i)}>${t.edit}<span class="visually-hidden"> ${t.steps[name]}</span></button>
          <dl>${fields.filter((f) => !f.when || f.when(this._values)).map((f) => html`<div><dt>${t.f[f.path]}</dt><dd>${show(f)}</dd></div>`)}</dl>
        </div>`)}
    </section>`;
  }

  private _renderReceipt(r: Receipt): TemplateResult {
    const t = this._t;
    const title = r.alreadyApplied ? t.alreadyApplied : this._mode === 'host' ? t.doneHost : t.doneApply;
    return html`<div part="base" class="base" lang=${this._lang}>
      <section part="receipt" class="receipt" role="status">
        <h3 tabindex="-1">${title}</h3>
        <p>${t.reference}: <strong class="reference">${r.reference}</strong></p>
        <p>${r.next}</p>
        <button type="button" class="button secondary" @click=${this._startOver}>${t.another}</button>
      </section></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-placement-form': WblPlacementForm;
  }
}
