import { Task } from '@lit/task';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  CoordinatorSignRequest, EvaluationRequest, HourLogRequest, RUBRIC_LEVELS,
  type ApplicationDetail, type ApplicationList, type ApplicationListItem, type Evaluation, type EvaluationPhase, type HourLogResult, type OutboxList, type OutboxMessage,
} from '../../../schema/api/admin/placements.js';
import { APPLICATION_STATUSES, SKILLS, TIME_SLOTS, labelOf, type ApplicationStatus } from '../../../schema/vocab.js';
import { formatNumber } from '../../base/localize.js';
import { toConsoleError, type ConsoleApiError } from '../console-api.js';
import type { Column } from '../console-table.js';
import { DetailController, ListController, SectionElement } from '../section-base.js';
import { sectionStyles } from '../section.styles.js';
import { apiFieldErrors, check, readForm, renderField, type FieldSpec } from './form.js';

const OPEN: ApplicationStatus[] = ['submitted', 'under_review', 'offered', 'accepted', 'confirmed', 'active'];
const EXITS: ApplicationStatus[] = ['declined', 'withdrawn', 'cancelled'];
const PHASES: EvaluationPhase[] = ['midpoint', 'final'];
const statusClass = (s: string) => (s === 'completed' || s === 'active' || s === 'confirmed' ? 'good' : EXITS.includes(s as ApplicationStatus) ? 'bad' : 'wait');
/** Signing links in an outbox message. */
const signingLinks = (m: OutboxMessage) => [...new Set(m.body.match(/https?:\/\/[^\s<>"')]+/g) ?? [])].filter((u) => /sign/i.test(u));
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * Placements: the pipeline of applications by status; a placement's allowed moves, its
 * training agreement with copyable signing links (there is no mail server) and, for every
 * role, where its link went; the coordinator signs their own line here ("Sign as
 * coordinator"); a guardian without a roster address waits, and the pane says what to do.
 * Also its supervisor, hours (log, approve, totals) and evaluations (each named skill rated
 * 1–4 at midpoint and final). Supervisors see only the placements assigned to them.
 *
 * @internal
 * @tagname wbl-console-placements
 */
export class WblConsolePlacements extends SectionElement {
  static override styles = [sectionStyles, css`
    .grid-table { width: 100%; border-collapse: collapse; font-size: .93rem; }
    .grid-table th, .grid-table td { padding: .35rem .5rem; border-bottom: 1px solid var(--_border); text-align: start; vertical-align: top; }
    .grid-table thead th { background: var(--_subtle); }
    .scroll { overflow-x: auto; border: 1px solid var(--_border); border-radius: var(--_radius); }
    .num { text-align: end; font-variant-numeric: tabular-nums; }
    .totals { display: flex; flex-wrap: wrap; gap: .4rem 1.25rem; margin: 0; }
    .totals div { display: grid; }
    .totals dt { color: var(--_muted); font-size: .88rem; }
    .totals dd { margin: 0; font-weight: 700; font-size: 1.15rem; }
    .block { display: grid; gap: .5rem; border-top: 1px solid var(--_border); padding-top: .6rem; }
    .rubric { display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
    .rating { display: grid; gap: .35rem; }
    .signature.done::before { content: '✓ '; color: var(--_success); font-weight: 700; }
    .signature.todo::before { content: '○ '; color: var(--_muted); }
    dialog { max-width: min(32rem, calc(100vw - 2rem)); padding: 0; border: 1px solid var(--_border); border-radius: var(--_radius);
      background: var(--_surface); color: var(--_text); box-shadow: 0 12px 40px rgb(0 0 0 / .25); }
    dialog::backdrop { background: rgb(15 23 42 / .55); }
    dialog form { display: grid; gap: .75rem; padding: calc(var(--_space) * 1.25); }
    dialog h2 { margin: 0; font-size: 1.2rem; }
  `];

  protected readonly section = 'placements' as const;

  static {
    for (const name of ['_filter', '_errors', '_failures', '_busy', '_evalOpen']) this.createProperty(name, { state: true });
  }

  declare private _filter: string;
  /** Field errors per form: `move`, `hours`, `midpoint`, `final`, `supervisor`. */
  declare private _errors: Record<string, Record<string, string>>;
  declare private _failures: Record<string, ConsoleApiError | undefined>;
  declare private _busy: string | null;
  declare private _evalOpen: Record<string, boolean>;
  private _detail = new DetailController<ApplicationDetail>(this,
    (id, signal) => this.api.get<ApplicationDetail>(`/admin/applications/${encodeURIComponent(id)}`, undefined, signal),
    (d) => {
      this.focusPane();
      if (this.can.coordinate) void this._loadOutbox(d.id);
    });
  private _outboxTask = new Task(this, {
    autoRun: false,
    task: async ([id]: [string], { signal }) => {
      const page = await this.api.get<OutboxList>('/admin/outbox', { relatedId: id, limit: 50 }, signal);
      signal.throwIfAborted();
      return { id, items: page.items };
    },
  });
  private _list = new ListController<ApplicationListItem>(this, (cursor, signal) =>
    this.api.get<ApplicationList>('/admin/applications', { status: this._filter === 'open' ? OPEN : this._filter || undefined, cursor, limit: 25 }, signal));

  constructor() {
    super();
    this._filter = 'open';
    this._errors = {};
    this._failures = {};
    this._busy = null;
    this._evalOpen = {};
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.api && !this._list.started) void this._list.load();
    if (changed.has('path')) {
      this._errors = {};
      this._failures = {};
      this._evalOpen = {};
      if (this.path.startsWith('app_')) {
        void this._detail.open(this.path);
        this.focusPane();
      }
    }
  }

  /** The messages about the open placement (the signing links), asked for again after each change. */
  private async _loadOutbox(id: string): Promise<void> {
    // The links are a convenience: if they fail, the agreement still shows who has signed.
    await this._outboxTask.run([id]).catch(() => {});
  }

  /** The open placement's messages; null until they have come in. */
  private get _outbox(): OutboxMessage[] | null {
    const v = this._outboxTask.value;
    return v && v.id === this._detail.value?.id ? v.items : null;
  }

  // --- the list -------------------------------------------------------------------------------

  private get _columns(): Column<ApplicationListItem>[] {
    const t = this.t.placements;
    return [
      { key: 'ref', label: t.reference, short: true, value: (a) => a.reference, cell: (a) => html`<a href=${this.href(a.id)}>${a.reference}</a>` },
      { key: 'student', label: t.student, value: (a) => a.student.preferredName, cell: (a) => html`${a.student.preferredName}<br><span class="muted">${this.t.common.gradeN(a.student.grade)}${a.student.school ? ` · ${a.student.school.name}` : ''}</span>` },
      { key: 'opportunity', label: t.opportunity, value: (a) => a.opportunity.title, cell: (a) => a.opportunity.title },
      { key: 'employer', label: t.employer, value: (a) => a.opportunity.employer.name, cell: (a) => a.opportunity.employer.name },
      { key: 'supervisor', label: t.supervisor, value: (a) => a.supervisor?.name ?? '', cell: (a) => a.supervisor?.name ?? '—' },
      { key: 'status', label: this.t.common.status, value: (a) => APPLICATION_STATUSES.indexOf(a.status), cell: (a) => html`<span class="badge ${statusClass(a.status)}">${this.t.status[a.status]}</span>` },
      { key: 'updated', label: t.updated, short: true, value: (a) => a.updatedAt, cell: (a) => this.date(a.updatedAt) },
    ];
  }

  override render(): TemplateResult {
    const t = this.t.placements;
    const list = this._list;
    const pane = this._renderPane();
    return html`
      <div class="toolbar">
        <div class="field"><label for="pl-status">${t.show}</label>
          <select id="pl-status" part="status-filter" @change=${(e: Event) => { this._filter = (e.target as HTMLSelectElement).value; void list.load(); }}>
            <option value="open" ?selected=${this._filter === 'open'}>${t.openPipeline}</option>
            ${APPLICATION_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this._filter}>${this.t.status[s]}</option>`)}
            <option value="" ?selected=${!this._filter}>${t.allStatuses}</option>
          </select></div>
      </div>
      <div class="split ${pane === nothing ? '' : 'with-pane'}">
        ${this.renderTable(list, t.label, this._columns)}
        ${pane}
      </div>
      <wbl-console-confirm></wbl-console-confirm>
      ${this._signDialog()}`;
  }

  // --- the placement --------------------------------------------------------------------------

  private _renderPane(): TemplateResult | typeof nothing {
    if (!this.path.startsWith('app_')) return nothing;
    return this.renderDetail(this._detail, this.path, (d) => [`${d.reference} · ${d.student.preferredName}`, html`
      ${this._renderMoves(d)}
      ${this._renderApplication(d)}
      ${this._renderAgreement(d)}
      ${this._renderSupervisor(d)}
      ${this._renderHours(d)}
      ${this._renderEvaluations(d)}
      ${this._renderHistory(d)}`]);
  }

  private _problem(form: string): TemplateResult | typeof nothing {
    const f = this._failures[form];
    return f ? this.renderProblem(f) : nothing;
  }

  private _fail(form: string, e: unknown): void {
    const error = toConsoleError(e);
    const fields = apiFieldErrors(error);
    this._errors = { ...this._errors, [form]: fields ?? {} };
    this._failures = { ...this._failures, [form]: fields && Object.keys(fields).every((k) => this._knownField(form, k)) ? undefined : error };
    this.focusAfterRender(`[data-form="${form}"] [aria-invalid="true"], [data-form="${form}"] .problem`);
  }

  private _knownField(form: string, path: string): boolean {
    return form === 'hours' ? ['workedOn', 'hours', 'activity'].includes(path) : form === 'move' ? path === 'note' : form === 'sign' ? path === 'typedName' : false;
  }

  private _renderMoves(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const c = this.t.common;
    return html`<div class="block" data-form="move">
      <p><span class="badge ${statusClass(d.status)}">${this.t.status[d.status]}</span> <span class="muted">${d.opportunity.title} · ${d.opportunity.employer.name}</span></p>
      ${d.status === 'completed' && this.can.coordinate ? html`<p><a part="issue-badge-link" href="#badges/${encodeURIComponent(d.id)}">${this.t.badges.issueBadgeLink}</a></p>` : nothing}
      ${d.allowedTransitions.length ? html`
        <form class="grid" novalidate @submit=${(e: SubmitEvent) => e.preventDefault()}>
          ${renderField({ name: 'note', label: t.note, type: 'text', optional: true }, this._errors.move ?? {}, 'mv', c.optional, c.choose)}
          <div class="actions" role="group" aria-label=${t.moveTo}>
            <span class="muted">${t.moveTo}:</span>
            ${d.allowedTransitions.map((to) => html`<button type="button" part="transition-button" data-to=${to}
              class="button small ${EXITS.includes(to) ? 'danger secondary' : ''}" aria-disabled=${this._busy ? 'true' : 'false'}
              @click=${(e: Event) => void this._move(d, to, (e.target as HTMLElement).closest('form')!)}>${this.t.status[to]}</button>`)}
          </div>
        </form>` : html`<p class="muted">${t.noMoves}</p>`}
      ${this._problem('move')}
    </div>`;
  }

  private async _move(d: ApplicationDetail, to: ApplicationStatus, form: HTMLFormElement): Promise<void> {
    if (this._busy) return;
    const t = this.t.placements;
    const status = this.t.status[to] ?? to;
    if (EXITS.includes(to) && !(await this.confirm({ title: t.confirmMove(d.reference, status), body: t.confirmMoveBody, confirm: status, danger: true }))) return;
    const note = String(new FormData(form).get('note') ?? '').trim();
    this._busy = 'move';
    this._failures = { ...this._failures, move: undefined };
    try {
      const next = await this.api.post<ApplicationDetail>(`/admin/applications/${encodeURIComponent(d.id)}/transition`, note ? { to, note } : { to });
      this._detail.set(next);
      form.reset();
      this._list.update((a) => a.id, d.id, this._listed(next.status) ? { ...this._list.items.find((a) => a.id === d.id)!, status: next.status, updatedAt: next.updatedAt } : null);
      this.done(`application.${to}`, d.id, t.moved(d.reference, status));
      if (this.can.coordinate) void this._loadOutbox(d.id);
      this.focusAfterRender('[data-form="move"] .badge');
    } catch (e) {
      this._fail('move', e);
    } finally {
      this._busy = null;
    }
  }

  private _listed(status: ApplicationStatus): boolean {
    return this._filter === 'open' ? OPEN.includes(status) : !this._filter || this._filter === status;
  }

  private _renderApplication(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const fact = (term: string, value: unknown) => (value === null || value === undefined || value === '' ? nothing : html`<dt>${term}</dt><dd>${value}</dd>`);
    const dates = [d.opportunity.startsOn, d.opportunity.endsOn].filter(Boolean).map((x) => this.date(x)).join(' – ');
    return html`<div class="block">
      <h4>${t.application}</h4>
      <dl class="facts">
        ${fact(t.student, `${d.student.preferredName} · ${this.t.common.gradeN(d.student.grade)}${d.student.school ? ` · ${d.student.school.name}` : ''}${d.student.minor ? ` · ${this.t.students.minor}` : ''}`)}
        ${fact(t.opportunity, d.opportunity.title)}
        ${fact(t.dates, dates)}
        ${fact(this.t.opportunities.schedule, d.opportunity.schedule)}
        ${fact(t.statement, d.statement)}
        ${fact(t.availability, [d.availability.slots.map((s) => labelOf(TIME_SLOTS, s, this.l)).join(', '), d.availability.notes].filter(Boolean).join(' — '))}
        ${fact(t.transportation, d.transportation ? t.transport[d.transportation] ?? d.transportation : null)}
        ${fact(t.accommodations, d.accommodations)}
        ${d.guardianSuggestion ? html`<dt>${t.guardianSuggestion}</dt><dd part="guardian-suggestion">
          ${[d.guardianSuggestion.name, d.guardianSuggestion.email].filter(Boolean).join(' · ')}<br><span class="hint">${t.guardianSuggestionHint}</span>
          <a href="#students/${encodeURIComponent(d.student.id)}">${t.openRoster}</a></dd>` : nothing}
      </dl>
    </div>`;
  }

  private _renderAgreement(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const a = d.agreement;
    const roles = (list: readonly string[]) => list.map((r) => t.roles[r] ?? r).join(', ');
    const links = (this._outbox ?? []).filter((m) => signingLinks(m).length);
    return html`<div class="block" data-form="agreement">
      <h4>${t.agreement}</h4>
      ${a.signatures.length ? html`<ul class="plain" part="signatures">${a.signatures.map((s) => this._renderSignature(s, a.waiting ?? []))}</ul>` : nothing}
      ${a.required.length ? html`<p class=${a.missing.length ? 'hint' : ''}>${a.missing.length ? t.missing(roles(a.missing)) : t.allSigned}</p>` : nothing}
      ${this._canSignAsCoordinator(d) ? html`<div class="actions">
        <button type="button" class="button small" part="sign-coordinator-button" @click=${() => this._openSign()}>${t.signAsCoordinator}</button></div>` : nothing}
      ${this.can.coordinate && (!a.signatures.length || a.missing.length) ? html`
        <h4>${t.signingLinks}</h4>
        <p class="hint">${t.signingHint}</p>
        ${links.length ? html`<ul class="plain" part="signing-links">${links.map((m) => html`<li>
          <p><strong>${t.to}:</strong> ${m.recipient} · <span class="muted">${m.subject}</span></p>
          ${signingLinks(m).map((url) => html`<div class="copy-row"><code>${url}</code>
            <button type="button" class="button secondary small" @click=${() => void this.copy(url, t.link)}>${t.copyLink}<span class="visually-hidden"> (${m.recipient})</span></button></div>`)}
        </li>`)}</ul>` : html`<p class="muted">${this._outbox === null ? this.t.common.loading : t.noLinks}</p>`}
        ${(d.status === 'offered' || d.status === 'accepted') && (!a.signatures.length || a.missing.length) ? html`<div class="actions">
          <button type="button" class="button secondary small" part="issue-links-button" @click=${() => void this._issue(d)}>${a.signatures.length ? t.reissueLinks : t.issueLinks}</button></div>` : nothing}
        ${this._problem('agreement')}` : nothing}
    </div>`;
  }

  /** One role's line: signed or not, where its link went (or why none did), and the staff account that signed. */
  private _renderSignature(s: ApplicationDetail['agreement']['signatures'][number], waiting: ApplicationDetail['agreement']['waiting']): TemplateResult {
    const t = this.t.placements;
    const wait = waiting.find((w) => w.role === s.role);
    const channel = s.sentTo ? t.sentTo(s.sentTo) : s.role === 'coordinator' && !s.signed ? t.signsInConsole : '';
    return html`<li class="signature ${s.signed ? 'done' : 'todo'}" data-role=${s.role} tabindex="-1">
      <strong>${t.roles[s.role] ?? s.role}</strong>: ${s.signed ? t.signed(s.signerName ?? '', this.instant(s.signedAt)) : t.notSigned}${s.signedBy ? html` <span class="muted">(${t.signedAsUser(s.signedBy.name)})</span>` : nothing}
      ${channel && this.can.coordinate ? html`<br><span class="muted" part="sent-to">${channel}</span>` : nothing}
      ${wait && this.can.coordinate ? html`<br><span class="hint" part="waiting" role="note">${wait.reason === 'no_roster_address' ? t.waitingNoRoster : t.waitingNotSent}</span>` : nothing}
    </li>`;
  }

  private _canSignAsCoordinator(d: ApplicationDetail): boolean {
    return this.can.coordinate && (d.status === 'offered' || d.status === 'accepted')
      && d.agreement.signatures.some((s) => s.role === 'coordinator' && !s.signed);
  }

  /** After everything else, so the dialog's heading never sits inside the pane's outline. */
  private _signDialog(): TemplateResult | typeof nothing {
    const d = this.path.startsWith('app_') ? this._detail.value : null;
    return d && d.id === this.path && this._canSignAsCoordinator(d) ? this._renderSignDialog(d) : nothing;
  }

  private _openSign(): void {
    this._errors = { ...this._errors, sign: {} };
    this._failures = { ...this._failures, sign: undefined };
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#pl-sign-dialog');
    dialog?.showModal();
    dialog?.querySelector<HTMLInputElement>('#pl-typedName')?.focus();
  }

  /** A native modal dialog (focus trapped, Escape closes): the typed name is the coordinator's signature. */
  private _renderSignDialog(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const errors = this._errors.sign ?? {};
    return html`<dialog id="pl-sign-dialog" part="sign-dialog" aria-labelledby="pl-sign-title" aria-describedby="pl-sign-body"
        @close=${() => this.focusAfterRender('[part="sign-coordinator-button"], [data-role="coordinator"]')}>
      <form novalidate data-form="sign" @submit=${(e: SubmitEvent) => void this._signAsCoordinator(e, d)}>
        <h2 id="pl-sign-title">${t.signDialogTitle(d.reference)}</h2>
        <p id="pl-sign-body">${t.signDialogBody(this.user.name)}</p>
        ${renderField({ name: 'typedName', label: t.typedName, type: 'text', value: this.user.name }, errors, 'pl', this.t.common.optional, this.t.common.choose)}
        ${this._problem('sign')}
        <div class="actions">
          <button type="button" class="button secondary" @click=${(e: Event) => (e.target as HTMLElement).closest('dialog')!.close()}>${this.t.common.cancel}</button>
          <button type="submit" class="button" part="sign-submit" aria-disabled=${this._busy ? 'true' : 'false'}>${this._busy === 'sign' ? this.t.common.saving : t.signButton}</button>
        </div>
      </form>
    </dialog>`;
  }

  private async _signAsCoordinator(e: SubmitEvent, d: ApplicationDetail): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const form = e.target as HTMLFormElement;
    const body = { typedName: String(new FormData(form).get('typedName') ?? '').trim() };
    const errors = check(CoordinatorSignRequest, body);
    if (Object.keys(errors).length) {
      this._errors = { ...this._errors, sign: errors };
      this.focusAfterRender('[data-form="sign"] [aria-invalid="true"]');
      return;
    }
    this._busy = 'sign';
    this._errors = { ...this._errors, sign: {} };
    this._failures = { ...this._failures, sign: undefined };
    try {
      const next = await this.api.post<ApplicationDetail>(`/admin/applications/${encodeURIComponent(d.id)}/agreement/sign`, body);
      form.closest('dialog')?.close();
      this._detail.set(next);
      this.done('agreement.sign', d.id, this.t.placements.coordinatorSigned(d.reference));
      this.focusAfterRender('[data-role="coordinator"]');
    } catch (err) {
      this._fail('sign', err);
    } finally {
      this._busy = null;
    }
  }

  private async _issue(d: ApplicationDetail): Promise<void> {
    if (this._busy) return;
    this._busy = 'agreement';
    this._failures = { ...this._failures, agreement: undefined };
    try {
      const r = await this.api.post<{ agreement: ApplicationDetail['agreement']; sent: { role: string; recipient: string }[] }>(`/admin/applications/${encodeURIComponent(d.id)}/agreement`);
      this._detail.set({ ...(this._detail.value ?? d), agreement: r.agreement });
      this.done('agreement.issue', d.id, this.t.placements.issued(r.sent.length));
      await this._loadOutbox(d.id);
    } catch (err) {
      this._fail('agreement', err);
    } finally {
      this._busy = null;
    }
  }

  private _renderSupervisor(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    if (!this.can.coordinate || !d.supervisorOptions.length) {
      return html`<div class="block"><h4>${t.assign}</h4><p>${d.supervisor ? `${d.supervisor.name} · ${d.supervisor.email}` : t.unassigned}</p></div>`;
    }
    return html`<div class="block" data-form="supervisor">
      <form class="toolbar" novalidate @submit=${(e: SubmitEvent) => void this._assign(e, d)}>
        <div class="field"><label for="pl-supervisor">${t.assign}</label>
          <select id="pl-supervisor" name="supervisorUserId">
            <option value="" ?selected=${!d.supervisor}>${t.unassigned}</option>
            ${d.supervisorOptions.map((s) => html`<option value=${s.id} ?selected=${d.supervisor?.id === s.id}>${s.name} (${s.email})</option>`)}
          </select></div>
        <button type="submit" class="button secondary">${t.assignButton}</button>
      </form>
      ${this._problem('supervisor')}
    </div>`;
  }

  private async _assign(e: SubmitEvent, d: ApplicationDetail): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const id = String(new FormData(e.target as HTMLFormElement).get('supervisorUserId') ?? '');
    this._busy = 'supervisor';
    try {
      const next = await this.api.put<ApplicationDetail>(`/admin/applications/${encodeURIComponent(d.id)}/supervisor`, { supervisorUserId: id || null });
      this._detail.set(next);
      this.done('application.supervisor', d.id, this.t.placements.assigned(next.supervisor?.name ?? this.t.placements.unassigned));
    } catch (err) {
      this._fail('supervisor', err);
    } finally {
      this._busy = null;
    }
  }

  private _renderHours(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const c = this.t.common;
    const h = d.hours;
    const n = (x: number) => formatNumber(x, this.l, 2);
    const canLog = d.status === 'active' || d.status === 'completed';
    const specs: FieldSpec[] = [
      { name: 'workedOn', label: t.date, type: 'date', value: today() },
      { name: 'hours', label: t.hoursCol, type: 'number', step: '0.25' },
      { name: 'activity', label: t.activity, type: 'text' },
    ];
    return html`<div class="block" data-form="hours">
      <h4 id="hours-title">${t.hours}</h4>
      <dl class="totals">
        <div><dt>${t.logged}</dt><dd>${n(h.totals.logged)}</dd></div>
        <div><dt>${t.approved}</dt><dd>${n(h.totals.approved)}</dd></div>
        <div><dt>${t.waiting}</dt><dd>${n(h.totals.pending)}</dd></div>
      </dl>
      ${h.entries.length ? html`<div class="scroll" role="region" aria-labelledby="hours-title" tabindex="0"><table class="grid-table">
        <thead><tr><th scope="col">${t.date}</th><th scope="col" class="num">${t.hoursCol}</th><th scope="col">${t.activity}</th><th scope="col">${t.loggedBy}</th><th scope="col">${c.status}</th></tr></thead>
        <tbody>${h.entries.map((x) => html`<tr>
          <td>${this.date(x.workedOn)}</td><td class="num">${n(x.hours)}</td><td>${x.activity}</td><td>${t.by[x.loggedBy] ?? x.loggedBy}</td>
          <td>${x.approved ? html`<span class="badge good">${t.approved}</span>`
            : html`<button type="button" class="button secondary small" @click=${() => void this._approveHours(d, x.id, x.hours, x.workedOn)}>${t.approve}<span class="visually-hidden"> ${n(x.hours)} ${this.date(x.workedOn)}</span></button>`}</td>
        </tr>`)}</tbody></table></div>` : html`<p class="muted">${t.noHours}</p>`}
      ${canLog ? html`<form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._logHours(e, d, specs)}>
        <div class="row">${specs.map((f) => renderField(f, this._errors.hours ?? {}, 'hr', c.optional, c.choose))}</div>
        <div class="actions"><button type="submit" class="button secondary" aria-disabled=${this._busy ? 'true' : 'false'}>${t.logButton}</button></div>
      </form>` : nothing}
      ${this._problem('hours')}
    </div>`;
  }

  private async _logHours(e: SubmitEvent, d: ApplicationDetail, specs: FieldSpec[]): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const form = e.target as HTMLFormElement;
    const body = readForm(form, specs);
    const errors = check(HourLogRequest, body);
    if (Object.keys(errors).length) {
      this._errors = { ...this._errors, hours: errors };
      this.focusAfterRender('[data-form="hours"] [aria-invalid="true"]');
      return;
    }
    this._busy = 'hours';
    this._errors = { ...this._errors, hours: {} };
    this._failures = { ...this._failures, hours: undefined };
    try {
      const r = await this.api.post<HourLogResult>(`/admin/applications/${encodeURIComponent(d.id)}/hours`, body);
      const current = this._detail.value ?? d;
      this._detail.set({ ...current, hours: { totals: r.totals, entries: [r.entry, ...current.hours.entries] } });
      form.reset();
      this.done('hours.log', d.id, this.t.placements.loggedDone(formatNumber(r.entry.hours, this.l, 2)));
    } catch (err) {
      this._fail('hours', err);
    } finally {
      this._busy = null;
    }
  }

  private async _approveHours(d: ApplicationDetail, id: string, hours: number, day: string): Promise<void> {
    if (this._busy) return;
    this._busy = 'hours';
    try {
      const r = await this.api.post<HourLogResult>(`/admin/hours/${encodeURIComponent(id)}/approve`);
      const current = this._detail.value ?? d;
      this._detail.set({ ...current, hours: { totals: r.totals, entries: current.hours.entries.map((x) => (x.id === id ? r.entry : x)) } });
      this.done('hours.approve', id, this.t.placements.approvedHours(formatNumber(hours, this.l, 2), this.date(day)));
    } catch (err) {
      this._fail('hours', err);
    } finally {
      this._busy = null;
    }
  }

  private _skills(d: ApplicationDetail): { skill: string; label: string }[] {
    return [...d.opportunity.skills.map((s) => ({ skill: s, label: labelOf(SKILLS, s, this.l) })), ...d.opportunity.technicalSkills.map((s) => ({ skill: s, label: s }))];
  }

  private _renderEvaluations(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const canRate = (d.status === 'active' || d.status === 'completed') && this.user.role !== 'viewer';
    return html`<div class="block">
      <h4>${t.evaluations}</h4>
      ${PHASES.map((phase) => {
        const done = d.evaluations.find((e) => e.phase === phase);
        const open = this._evalOpen[phase] ?? false;
        return html`<div class="block" data-form=${phase}>
          <h4 id="eval-${phase}" tabindex="-1">${t.rate(t.phases[phase]!)}</h4>
          ${done && !open ? this._renderEvaluation(done, d) : !done && !open ? html`<p class="muted">${t.notRated}</p>` : nothing}
          ${open ? this._renderRatingForm(d, phase, done) : canRate ? html`<div class="actions"><button type="button" class="button secondary small" part="evaluate-button"
            @click=${() => { this._evalOpen = { ...this._evalOpen, [phase]: true }; this.focusAfterRender(`[data-form="${phase}"] input[type="radio"]`); }}>
            ${done ? t.revise : t.rate(t.phases[phase]!)}</button></div>` : nothing}
          ${this._problem(phase)}
        </div>`;
      })}
    </div>`;
  }

  private _renderEvaluation(e: Evaluation, d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const labels = new Map(this._skills(d).map((s) => [s.skill, s.label]));
    const level = (n: number) => `${n} · ${RUBRIC_LEVELS.find((r) => r.level === n)?.label[this.l] ?? ''}`;
    return html`<dl class="facts">
      ${e.ratings.map((r) => html`<dt>${labels.get(r.skill) ?? r.skill}</dt><dd>${level(r.level)}${r.comment ? html`<br><span class="muted">${r.comment}</span>` : nothing}</dd>`)}
      ${e.comments ? html`<dt>${t.comments}</dt><dd>${e.comments}</dd>` : nothing}
    </dl>
    <p class="muted">${t.evaluator(e.evaluator?.name ?? '—', this.instant(e.recordedAt))}</p>`;
  }

  private _renderRatingForm(d: ApplicationDetail, phase: EvaluationPhase, existing: Evaluation | undefined): TemplateResult {
    const t = this.t.placements;
    const c = this.t.common;
    const errors = this._errors[phase] ?? {};
    const before = new Map(existing?.ratings.map((r) => [r.skill, r]) ?? []);
    return html`<form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._rate(e, d, phase)}>
      <p class="hint">${t.rateEach}</p>
      ${errors.ratings || errors[''] ? html`<p class="error" role="alert">${errors.ratings ?? errors['']}</p>` : nothing}
      ${this._skills(d).map((s, i) => {
        const error = errors[`ratings.${i}.level`] ?? errors[`ratings.${i}`];
        return html`<fieldset class="rating ${error ? 'invalid' : ''}" aria-describedby=${error ? `${phase}-r${i}-error` : nothing}>
          <legend>${s.label}</legend>
          ${error ? html`<span class="error" id="${phase}-r${i}-error">${error}</span>` : nothing}
          <div class="rubric">${RUBRIC_LEVELS.map((r) => html`<label class="check"><input type="radio" name="level.${i}" value=${r.level}
            .checked=${before.get(s.skill)?.level === r.level}><span>${r.level} · ${r.label[this.l]}</span></label>`)}</div>
          <div class="field"><label for="${phase}-c${i}">${t.comment} <span class="muted">${c.optional}</span></label>
            <input id="${phase}-c${i}" name="comment.${i}" type="text" .value=${before.get(s.skill)?.comment ?? ''}></div>
        </fieldset>`;
      })}
      <div class="field"><label for="${phase}-comments">${t.comments} <span class="muted">${c.optional}</span></label>
        <textarea id="${phase}-comments" name="comments" .value=${existing?.comments ?? ''}></textarea></div>
      <div class="actions">
        <button type="submit" class="button" aria-disabled=${this._busy ? 'true' : 'false'}>${this._busy === phase ? c.saving : t.saveEvaluation}</button>
        <button type="button" class="button secondary" @click=${() => { this._evalOpen = { ...this._evalOpen, [phase]: false }; this.focusAfterRender(`#eval-${phase}`); }}>${c.cancel}</button>
      </div>
    </form>`;
  }

  private async _rate(e: SubmitEvent, d: ApplicationDetail, phase: EvaluationPhase): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const t = this.t.placements;
    const data = new FormData(e.target as HTMLFormElement);
    const ratings = this._skills(d).map((s, i) => {
      const comment = String(data.get(`comment.${i}`) ?? '').trim();
      return { skill: s.skill, level: Number(data.get(`level.${i}`) ?? 0), ...(comment ? { comment } : {}) };
    });
    const comments = String(data.get('comments') ?? '').trim();
    const body = { ratings, ...(comments ? { comments } : {}) };
    const errors = check(EvaluationRequest, body);
    if (Object.keys(errors).length) {
      this._errors = { ...this._errors, [phase]: { ...errors, ratings: t.rateFirst } };
      this.focusAfterRender(`[data-form="${phase}"] fieldset.invalid input, [data-form="${phase}"] .error`);
      return;
    }
    this._busy = phase;
    this._errors = { ...this._errors, [phase]: {} };
    this._failures = { ...this._failures, [phase]: undefined };
    try {
      const saved = await this.api.put<Evaluation>(`/admin/applications/${encodeURIComponent(d.id)}/evaluations/${phase}`, body);
      const current = this._detail.value ?? d;
      this._detail.set({ ...current, evaluations: [...current.evaluations.filter((x) => x.phase !== phase), saved] });
      this._evalOpen = { ...this._evalOpen, [phase]: false };
      this.done(`evaluation.${phase}`, d.id, t.evaluationSaved(t.phases[phase]!));
      this.focusAfterRender(`#eval-${phase}`);
    } catch (err) {
      this._fail(phase, err);
    } finally {
      this._busy = null;
    }
  }

  private _renderHistory(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    if (!d.history.length) return html``;
    return html`<div class="block"><h4>${t.history}</h4>
      <ol class="plain">${d.history.map((h) => html`<li>${this.instant(h.at)} · ${this.t.status[h.from] ?? h.from} → <strong>${this.t.status[h.to] ?? h.to}</strong>
        ${h.actor ? html` · ${h.actor.name}` : nothing}${h.note ? html`<br><span class="muted">${h.note}</span>` : nothing}</li>`)}</ol>
    </div>`;
  }
}

WblConsolePlacements.define('wbl-console-placements');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-placements': WblConsolePlacements;
  }
}
