import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  AdminOpportunityCreate,
  AdminOpportunityUpdate,
  OPPORTUNITY_ACTIONS,
  type AdminOpportunity,
  type AdminOpportunityList,
  type AdminOpportunitySummary,
  type OpportunityAction,
} from '../../../schema/api/admin/catalog.js';
import type { AdminEmployerList } from '../../../schema/api/admin/review.js';
import { CLUSTERS, COMPENSATION_TYPES, MODES, OPPORTUNITY_STATUSES, OPPORTUNITY_TYPES, SKILLS, STAGES, labelOf } from '../../../schema/vocab.js';
import { formatMoney, formatNumber } from '../../base/localize.js';
import type { Column } from '../console-table.js';
import { CONFIRM_PARTS, SectionElement } from '../section-base.js';
import { DetailController, initialState, ListController, lookup } from '../section-tasks.js';
import { readForm, renderField, strayErrors, type FieldSpec } from './form.js';

const statusClass = (s: string) => (s === 'published' ? 'good' : s === 'archived' || s === 'closed' ? '' : 'wait');

/**
 * Opportunities: every opportunity whatever its status, filtered; an opportunity's detail,
 * a short edit form, and publish, close and archive.
 *
 * @internal
 * @tagname wbl-console-opportunities
 */
export class WblConsoleOpportunities extends SectionElement {
  protected readonly section = 'opportunities' as const;

  static {
    for (const name of ['_status', '_q', '_editing']) this.createProperty(name, { state: true });
  }

  declare private _status: string;
  declare private _q: string;
  declare private _editing: boolean;
  /** The tenant's employers for the new-opportunity picker; asked for when the form first opens. */
  /** The employers a new opportunity can be for, looked up once "New opportunity" is first opened. */
  private _employers = lookup(
    this,
    () => [this.api, this._wantEmployers] as const,
    ([api, want], signal) => (api && want ? api.get<AdminEmployerList>('/admin/employers', { limit: 100 }, signal).then((page) => page.items) : initialState),
  );
  private _wantEmployers = false;
  private _detail = new DetailController<AdminOpportunity>(
    this,
    (id, signal) => this.api.get<AdminOpportunity>(`/admin/opportunities/${encodeURIComponent(id)}`, undefined, signal),
    () => this.focusPane(),
  );
  private _list = new ListController<AdminOpportunitySummary>(this, (cursor, signal) =>
    this.api.get<AdminOpportunityList>('/admin/opportunities', { status: this._status || undefined, q: this._q || undefined, cursor, limit: 25 }, signal),
  );

  constructor() {
    super();
    this._status = '';
    this._q = '';
    this._editing = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.api && !this._list.started) void this._list.load();
    if (this.path === 'new') this._wantEmployers = true;
    if (changed.has('path')) {
      this._editing = false;
      this.resetForm();
      if (this.path === 'new') {
        this.focusPane();
      } else if (this.path.startsWith('opp_')) {
        void this._detail.open(this.path);
        this.focusPane();
      }
    }
  }

  private get _columns(): Column<AdminOpportunitySummary>[] {
    const t = this.t.opportunities;
    return [
      { key: 'title', label: t.title, value: (o) => o.title, cell: (o) => html`<a href=${this.href(o.id)}>${o.title}</a>` },
      { key: 'employer', label: t.employer, value: (o) => o.employer.name, cell: (o) => o.employer.name },
      {
        key: 'status',
        label: this.t.common.status,
        value: (o) => o.status,
        cell: (o) => html`<span class="badge ${statusClass(o.status)}">${this.t.status[o.status]}</span>`,
      },
      { key: 'stage', label: t.stage, value: (o) => labelOf(STAGES, o.stage, this.l), cell: (o) => labelOf(STAGES, o.stage, this.l) },
      { key: 'type', label: t.type, value: (o) => labelOf(OPPORTUNITY_TYPES, o.type, this.l), cell: (o) => labelOf(OPPORTUNITY_TYPES, o.type, this.l) },
      { key: 'deadline', label: t.deadline, short: true, value: (o) => o.applicationDeadline, cell: (o) => this.date(o.applicationDeadline) },
      { key: 'capacity', label: t.capacity, numeric: true, value: (o) => o.capacity, cell: (o) => String(o.capacity) },
      { key: 'updated', label: this.t.common.updated, short: true, value: (o) => o.updatedAt, cell: (o) => this.date(o.updatedAt) },
    ];
  }

  override render(): TemplateResult {
    const t = this.t.opportunities;
    const c = this.t.common;
    const list = this._list;
    const pane = this._renderPane();
    return html`
      <div class="toolbar">
        <div class="field"><label for="op-status">${c.status}</label>
          <select id="op-status" @change=${(e: Event) => {
            this._status = (e.target as HTMLSelectElement).value;
            void list.load();
          }}>
            <option value="">${c.all}</option>
            ${OPPORTUNITY_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this._status}>${this.t.status[s]}</option>`)}
          </select></div>
        ${this.can.coordinate ? html`<div class="actions"><a class="button" part="new-opportunity-button" href=${this.href('new')}>${t.newOpportunity}</a></div>` : nothing}
      </div>
      <div class="split ${pane === nothing ? '' : 'with-pane'}">
        ${this.renderTable(list, t.label, this._columns, {
          filter: (q) => {
            this._q = q;
            void list.load();
          },
        })}
        ${pane}
      </div>
      <wbl-console-confirm exportparts=${CONFIRM_PARTS}></wbl-console-confirm>`;
  }

  private _renderPane(): TemplateResult | typeof nothing {
    if (this.path === 'new') return this.renderPane(this.t.opportunities.newTitle, this._renderNewForm());
    if (!this.path.startsWith('opp_')) return nothing;
    return this.renderDetail(this._detail, this.path, (d) =>
      this._editing ? [this.t.opportunities.editTitle, this._renderForm(d)] : [d.title, this._renderDetail(d)],
    );
  }

  private _renderDetail(d: AdminOpportunity): TemplateResult {
    const t = this.t.opportunities;
    const c = this.t.common;
    const fact = (term: string, value: unknown) => (value === null || value === undefined || value === '' ? nothing : html`<dt>${term}</dt><dd>${value}</dd>`);
    const pay =
      d.compensation.type === 'unpaid' || !d.compensation.amountCents
        ? t.unpaid
        : `${formatMoney(d.compensation.amountCents, this.l)}${d.compensation.type === 'hourly' ? '/h' : ''}`;
    const can = (a: OpportunityAction) => (OPPORTUNITY_ACTIONS[a].from as readonly string[]).includes(d.status);
    const approved = d.employer.vettingStatus === 'approved';
    return html`
      <p><span class="badge ${statusClass(d.status)}">${this.t.status[d.status]}</span></p>
      <dl class="facts">
        ${fact(t.employer, `${d.employer.name} (${this.t.status[d.employer.vettingStatus]})`)}
        ${fact(t.stage, labelOf(STAGES, d.stage, this.l))}
        ${fact(t.type, labelOf(OPPORTUNITY_TYPES, d.type, this.l))}
        ${fact(t.cluster, labelOf(CLUSTERS, d.cluster, this.l))}
        ${fact(t.mode, `${labelOf(MODES, d.mode, this.l)}${d.city ? ` · ${d.city}` : ''}`)}
        ${fact(t.capacity, d.capacity)}
        ${fact(t.applications, d.applications)}
        ${fact(t.pay, pay)}
        ${fact(t.deadline, d.applicationDeadline ? this.date(d.applicationDeadline) : null)}
        ${fact(t.starts, d.startsOn ? this.date(d.startsOn) : null)}
        ${fact(t.ends, d.endsOn ? this.date(d.endsOn) : null)}
        ${fact(t.schedule, d.schedule)}
        ${fact(t.hoursPerWeek, d.hoursPerWeek === null ? null : formatNumber(d.hoursPerWeek, this.l))}
        ${fact(t.description, d.description)}
        ${fact(t.titleEs, d.titleEs)}
        ${fact(t.descriptionEs, d.descriptionEs)}
        ${fact(t.tasks, d.tasks.join('\n'))}
        ${fact(t.skills, [...d.skills.map((k) => labelOf(SKILLS, k, this.l)), ...d.technicalSkills].join(', '))}
        ${fact(c.updated, this.instant(d.updatedAt))}
      </dl>
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      ${can('publish') && !approved ? html`<p class="hint">${t.employerNotApproved}</p>` : nothing}
      <div class="actions">
        ${
          can('publish')
            ? html`<button type="button" class="button" part="publish-button" aria-disabled=${approved && !this.busy ? 'false' : 'true'}
          @click=${() => {
            if (approved) void this._act(d, 'publish');
          }}>${t.publish}</button>`
            : nothing
        }
        <button type="button" class="button secondary" @click=${() => {
          this._editing = true;
          this.resetForm();
          this.focusAfterRender('#op-title');
        }}>${c.edit}</button>
        ${can('close') ? html`<button type="button" class="button secondary" @click=${() => void this._act(d, 'close')}>${t.close}</button>` : nothing}
        ${can('archive') ? html`<button type="button" class="button danger secondary" @click=${() => void this._act(d, 'archive')}>${t.archive}</button>` : nothing}
        ${d.status === 'draft' ? html`<button type="button" class="button danger secondary" part="delete-button" @click=${() => void this._delete(d)}>${t.delete}</button>` : nothing}
      </div>`;
  }

  private async _act(d: AdminOpportunity, action: OpportunityAction): Promise<void> {
    if (this.busy) return;
    const t = this.t.opportunities;
    if (action === 'close' && !(await this.confirm({ title: t.confirmClose(d.title), body: t.confirmCloseBody, confirm: t.close }))) return;
    if (action === 'archive' && !(await this.confirm({ title: t.confirmArchive(d.title), body: t.confirmArchiveBody, confirm: t.archive, danger: true })))
      return;
    await this.submitForm(
      null,
      null,
      () => this.api.post<AdminOpportunity>(`/admin/opportunities/${encodeURIComponent(d.id)}/${action}`),
      (next) => {
        this._detail.set(next);
        this._list.update((o) => o.id, d.id, !this._status || next.status === this._status ? next : null);
        this.done(`opportunity.${action}`, d.id, (action === 'publish' ? t.published : action === 'close' ? t.closed : t.archived)(next.title));
      },
    );
  }

  private async _delete(d: AdminOpportunity): Promise<void> {
    if (this.busy) return;
    const t = this.t.opportunities;
    if (!(await this.confirm({ title: t.confirmDelete(d.title), body: t.confirmDeleteBody, confirm: t.delete, danger: true }))) return;
    await this.submitForm(
      null,
      null,
      () => this.api.delete<null>(`/admin/opportunities/${encodeURIComponent(d.id)}`),
      () => {
        this._list.update((o) => o.id, d.id, null);
        this._detail.clear();
        this.done('opportunity.delete', d.id, t.deletedDone(d.title));
        this.closePane();
      },
    );
  }

  /** The new-opportunity form: what a draft needs, with the rest left to Edit. */
  private _newSpecs(): FieldSpec[] {
    const t = this.t.opportunities;
    const opts = (list: readonly { code: string; label: Record<string, string> }[]) => list.map((x) => [x.code, x.label[this.l] ?? x.code] as const);
    return [
      {
        name: 'employerId',
        label: t.employer,
        type: 'select',
        options: (this._employers.value ?? []).map((e) => [e.id, `${e.name} (${this.t.status[e.vettingStatus]})`] as const),
      },
      { name: 'title', label: t.titleEn, type: 'text' },
      { name: 'description', label: t.descriptionEn, type: 'textarea' },
      { name: 'titleEs', label: t.titleEs, type: 'text', optional: true, empty: 'omit', hint: t.spanishHint },
      { name: 'descriptionEs', label: t.descriptionEs, type: 'textarea', optional: true, empty: 'omit' },
      { name: 'tasks', label: t.tasks, type: 'lines', optional: true, empty: 'omit', hint: t.tasksHint },
      { name: 'type', label: t.type, type: 'select', options: opts(OPPORTUNITY_TYPES) },
      { name: 'stage', label: t.stage, type: 'select', optional: true, empty: 'omit', options: opts(STAGES), hint: t.stageHint },
      { name: 'cluster', label: t.cluster, type: 'select', options: opts(CLUSTERS) },
      { name: 'mode', label: t.mode, type: 'select', options: opts(MODES) },
      { name: 'city', label: t.city, type: 'text', optional: true, empty: 'omit' },
      { name: 'compensation.type', label: t.pay, type: 'select', value: 'unpaid', options: opts(COMPENSATION_TYPES) },
      { name: 'compensation.amountCents', label: t.amount, type: 'number', optional: true, empty: 'omit', step: '0.01', hint: t.amountHint },
      { name: 'gradeMin', label: t.gradeMin, type: 'number', value: 9, optional: true, empty: 'omit' },
      { name: 'gradeMax', label: t.gradeMax, type: 'number', value: 12, optional: true, empty: 'omit' },
      { name: 'capacity', label: t.capacity, type: 'number', value: 1, optional: true, empty: 'omit' },
      { name: 'startsOn', label: t.starts, type: 'date', optional: true, empty: 'omit' },
      { name: 'endsOn', label: t.ends, type: 'date', optional: true, empty: 'omit' },
      { name: 'applicationDeadline', label: t.deadline, type: 'date', optional: true, empty: 'omit' },
      { name: 'skills', label: t.skills, type: 'checks', value: [], options: opts(SKILLS) },
      {
        name: 'status',
        label: this.t.common.status,
        type: 'radios',
        value: 'draft',
        options: [
          ['draft', this.t.status.draft ?? 'draft'],
          ['pending_review', this.t.status.pending_review ?? 'pending_review'],
        ],
      },
    ];
  }

  private _renderNewForm(): TemplateResult {
    const c = this.t.common;
    const t = this.t.opportunities;
    const specs = this._newSpecs();
    const stray = strayErrors(this.errors, specs);
    const field = (name: string) => renderField(specs.find((f) => f.name === name)!, this.errors, 'opn', c.optional, c.choose);
    return html`<form class="grid" part="opportunity-form" novalidate @submit=${(e: SubmitEvent) => void this._create(e)}>
      ${stray.length ? html`<div class="problem" role="alert"><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      ${field('employerId')}${field('title')}${field('description')}${field('titleEs')}${field('descriptionEs')}${field('tasks')}
      <div class="row">${field('type')}${field('stage')}${field('cluster')}</div>
      <div class="row">${field('mode')}${field('city')}</div>
      <div class="row">${field('compensation.type')}${field('compensation.amountCents')}</div>
      <div class="row">${field('gradeMin')}${field('gradeMax')}${field('capacity')}</div>
      <div class="row">${field('startsOn')}${field('endsOn')}${field('applicationDeadline')}</div>
      ${field('skills')}${field('status')}
      <div class="actions">
        <button type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : t.create}</button>
        <button type="button" class="button secondary" @click=${() => this.closePane()}>${c.cancel}</button>
      </div>
    </form>`;
  }

  private async _create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const body = readForm(e.target as HTMLFormElement, this._newSpecs());
    // Pay is entered in dollars and sent in cents; an unpaid opportunity sends no amount.
    const pay = body.compensation as { type: string; amountCents?: number };
    if (pay.type === 'unpaid') delete pay.amountCents;
    else if (typeof pay.amountCents === 'number' && Number.isFinite(pay.amountCents)) pay.amountCents = Math.round(pay.amountCents * 100);
    await this.submitForm(
      AdminOpportunityCreate,
      body,
      () => this.api.post<AdminOpportunity>('/admin/opportunities', body),
      (saved) => {
        this._detail.set(saved);
        this.done('opportunity.create', saved.id, this.t.opportunities.created(saved.title));
        void this._list.load();
        this.navigate(saved.id, true);
        this.focusPane();
      },
    );
  }

  private _specs(d: AdminOpportunity): FieldSpec[] {
    const t = this.t.opportunities;
    return [
      { name: 'title', label: t.titleEn, type: 'text', value: d.title },
      { name: 'description', label: t.descriptionEn, type: 'textarea', value: d.description },
      { name: 'titleEs', label: t.titleEs, type: 'text', value: d.titleEs, optional: true, empty: 'null', hint: t.spanishHint },
      { name: 'descriptionEs', label: t.descriptionEs, type: 'textarea', value: d.descriptionEs, optional: true, empty: 'null' },
      { name: 'tasks', label: t.tasks, type: 'lines', value: d.tasks, optional: true, empty: 'null' },
      { name: 'type', label: t.type, type: 'select', value: d.type, options: OPPORTUNITY_TYPES.map((x) => [x.code, x.label[this.l]] as const) },
      { name: 'cluster', label: t.cluster, type: 'select', value: d.cluster, options: CLUSTERS.map((x) => [x.code, x.label[this.l]] as const) },
      { name: 'mode', label: t.mode, type: 'select', value: d.mode, options: MODES.map((x) => [x.code, x.label[this.l]] as const) },
      { name: 'gradeMin', label: t.gradeMin, type: 'number', value: d.gradeMin },
      { name: 'gradeMax', label: t.gradeMax, type: 'number', value: d.gradeMax },
      { name: 'capacity', label: t.capacity, type: 'number', value: d.capacity },
      { name: 'applicationDeadline', label: t.deadline, type: 'date', value: d.applicationDeadline, optional: true, empty: 'null' },
      { name: 'startsOn', label: t.starts, type: 'date', value: d.startsOn, optional: true, empty: 'null' },
      { name: 'endsOn', label: t.ends, type: 'date', value: d.endsOn, optional: true, empty: 'null' },
      { name: 'schedule', label: t.schedule, type: 'text', value: d.schedule, optional: true, empty: 'null' },
      { name: 'hoursPerWeek', label: t.hoursPerWeek, type: 'number', value: d.hoursPerWeek, optional: true, empty: 'null', step: '0.5' },
      // Last: shown below the row of short fields.
      { name: 'skills', label: t.skills, type: 'checks', value: d.skills, options: SKILLS.map((x) => [x.code, x.label[this.l]] as const) },
    ];
  }

  private _renderForm(d: AdminOpportunity): TemplateResult {
    const c = this.t.common;
    const specs = this._specs(d);
    const stray = strayErrors(this.errors, specs);
    return html`<form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._save(e, d)}>
      ${stray.length ? html`<div class="problem" role="alert"><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      ${specs.slice(0, LONG_FIELDS).map((f) => renderField(f, this.errors, 'op', c.optional, c.choose))}
      <div class="row">${specs.slice(LONG_FIELDS, -1).map((f) => renderField(f, this.errors, 'op', c.optional, c.choose))}</div>
      ${renderField(specs[specs.length - 1]!, this.errors, 'op', c.optional, c.choose)}
      <div class="actions">
        <button type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : c.save}</button>
        <button type="button" class="button secondary" @click=${() => {
          this._editing = false;
          this.resetForm();
          this.focusPane();
        }}>${c.cancel}</button>
      </div>
    </form>`;
  }

  private async _save(e: SubmitEvent, d: AdminOpportunity): Promise<void> {
    e.preventDefault();
    const body = readForm(e.target as HTMLFormElement, this._specs(d));
    // Send only what changed: a published opportunity changes on the board at once.
    const before = d as unknown as Record<string, unknown>;
    for (const k of Object.keys(body)) if (JSON.stringify(body[k] ?? null) === JSON.stringify(before[k] ?? null)) delete body[k];
    if (!Object.keys(body).length) {
      this._editing = false;
      this.focusPane();
      return;
    }
    await this.submitForm(
      AdminOpportunityUpdate,
      body,
      () => this.api.patch<AdminOpportunity>(`/admin/opportunities/${encodeURIComponent(d.id)}`, body),
      (next) => {
        this._detail.set(next);
        this._editing = false;
        this._list.update((o) => o.id, d.id, next);
        this.done('opportunity.update', d.id, this.t.opportunities.savedDone(next.title));
        this.focusPane();
      },
    );
  }
}

/** The edit form's first fields (both titles and descriptions, the tasks) take the full width. */
const LONG_FIELDS = 5;

WblConsoleOpportunities.define('wbl-console-opportunities');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-opportunities': WblConsoleOpportunities;
  }
}
