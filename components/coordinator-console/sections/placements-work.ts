import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  EvaluationRequest,
  HourLogRequest,
  RUBRIC_LEVELS,
  type ApplicationDetail,
  type ApplicationList,
  type ApplicationListItem,
  type Evaluation,
  type HourLogResult,
  type OutboxList,
  type OutboxMessage,
} from '../../../schema/api/admin/placements.js';
import type { EvaluationPhase } from '../../../schema/vocab.js';
import { SKILLS, labelOf, type ApplicationStatus } from '../../../schema/vocab.js';
import { formatNumber } from '../../base/localize.js';
import { toConsoleError, type ConsoleApiError } from '../console-api.js';
import { SectionElement } from '../section-base.js';
import { DetailController, ListController } from '../section-tasks.js';
import { apiFieldErrors, check, readForm, renderField, type FieldSpec } from './form.js';

const OPEN: ApplicationStatus[] = ['submitted', 'under_review', 'offered', 'accepted', 'confirmed', 'active'];
export const EXITS: ApplicationStatus[] = ['declined', 'withdrawn', 'cancelled'];
const PHASES: EvaluationPhase[] = ['midpoint', 'final'];
export const statusClass = (s: string) =>
  s === 'completed' || s === 'active' || s === 'confirmed' ? 'good' : EXITS.includes(s as ApplicationStatus) ? 'bad' : 'wait';
/** The newest signing request sent to `address` (the listing is newest first); its link is never in it. */
export const requestTo = (outbox: OutboxMessage[], address: string) =>
  outbox.find((m) => m.oneTimeLink && m.recipient.trim().toLowerCase() === address.trim().toLowerCase());
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * What the placements section loads and keeps (the list, the open placement, its signing requests,
 * each form's errors) and the placement's work panes: its supervisor, hours (log, approve,
 * totals), evaluations (each named skill rated 1–4 at midpoint and final) and history. The
 * element (placements.ts) adds the list, the moves and the training agreement.
 */
export abstract class PlacementsWork extends SectionElement {
  static {
    for (const name of ['_filter', '_errors', '_failures', '_busy', '_evalOpen']) this.createProperty(name, { state: true });
  }

  declare protected _filter: string;
  /** Field errors per form: `move`, `hours`, `midpoint`, `final`, `supervisor`. */
  declare protected _errors: Record<string, Record<string, string>>;
  declare protected _failures: Record<string, ConsoleApiError | undefined>;
  declare protected _busy: string | null;
  declare protected _evalOpen: Record<string, boolean>;

  protected _detail = new DetailController<ApplicationDetail>(
    this,
    (id, signal) => this.api.get<ApplicationDetail>(`/admin/applications/${encodeURIComponent(id)}`, undefined, signal),
    (d) => {
      this.focusPane();
      if (this.can.coordinate) void this._loadOutbox(d.id);
    },
  );

  protected _outboxTask = new Task(this, {
    autoRun: false,
    task: async ([id]: [string], { signal }) => {
      const page = await this.api.get<OutboxList>('/admin/outbox', { relatedId: id, limit: 50 }, signal);
      signal.throwIfAborted();
      return { id, items: page.items };
    },
  });

  protected _list = new ListController<ApplicationListItem>(this, (cursor, signal) =>
    this.api.get<ApplicationList>('/admin/applications', { status: this._filter === 'open' ? OPEN : this._filter || undefined, cursor, limit: 25 }, signal),
  );

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

  /** The messages about the open placement (its signing requests and their delivery), asked for again after each change. */
  protected async _loadOutbox(id: string): Promise<void> {
    // Delivery states are a convenience: if they fail, the agreement still shows who has signed.
    await this._outboxTask.run([id]).catch(() => {});
  }

  /** The open placement's messages; null until they have come in. */
  protected get _outbox(): OutboxMessage[] | null {
    const v = this._outboxTask.value;
    return v && v.id === this._detail.value?.id ? v.items : null;
  }

  protected _problem(form: string): TemplateResult | typeof nothing {
    const f = this._failures[form];
    return f ? this.renderProblem(f) : nothing;
  }

  protected _fail(form: string, e: unknown): void {
    const error = toConsoleError(e);
    const fields = apiFieldErrors(error);
    this._errors = { ...this._errors, [form]: fields ?? {} };
    this._failures = { ...this._failures, [form]: fields && Object.keys(fields).every((k) => this._knownField(form, k)) ? undefined : error };
    this.focusAfterRender(`[data-form="${form}"] [aria-invalid="true"], [data-form="${form}"] .problem`);
  }

  protected _knownField(form: string, path: string): boolean {
    return form === 'hours'
      ? ['workedOn', 'hours', 'activity'].includes(path)
      : form === 'move'
        ? path === 'note'
        : form === 'sign'
          ? path === 'typedName'
          : form === 'named'
            ? path === 'supervisorName' || path === 'supervisorEmail'
            : false;
  }

  protected _listed(status: ApplicationStatus): boolean {
    return this._filter === 'open' ? OPEN.includes(status) : !this._filter || this._filter === status;
  }

  protected _renderSupervisor(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const account =
      !this.can.coordinate || !d.supervisorOptions.length
        ? html`<div class="block"><h4>${t.assign}</h4><p>${d.supervisor ? `${d.supervisor.name} · ${d.supervisor.email}` : t.unassigned}</p></div>`
        : html`<div class="block" data-form="supervisor">
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
    return html`${account}${this._renderNamed(d)}`;
  }

  /** The workplace supervisor named without an account: they act through emailed links. */
  protected _renderNamed(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const c = this.t.common;
    const named = d.namedSupervisor ?? null;
    if (!this.can.coordinate) {
      return named ? html`<div class="block"><h4>${t.namedTitle}</h4><p>${named.name} · ${named.email}</p></div>` : html``;
    }
    const specs: FieldSpec[] = [
      { name: 'supervisorName', label: t.namedName, type: 'text', value: named?.name ?? '', optional: true, empty: 'null', auto: 'name' },
      { name: 'supervisorEmail', label: t.namedEmail, type: 'email', value: named?.email ?? '', optional: true, empty: 'null', auto: 'email' },
    ];
    return html`<div class="block" data-form="named">
      <h4>${t.namedTitle}</h4>
      <p class="muted">${t.namedHint}</p>
      <form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._name(e, d, specs)}>
        <div class="row">${specs.map((f) => renderField(f, this._errors.named ?? {}, 'pl-named', c.optional, c.choose))}</div>
        <div class="actions"><button type="submit" class="button secondary" aria-disabled=${this._busy ? 'true' : 'false'}>${t.namedButton}</button></div>
      </form>
      ${this._problem('named')}
    </div>`;
  }

  protected async _name(e: SubmitEvent, d: ApplicationDetail, specs: FieldSpec[]): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const body = readForm(e.target as HTMLFormElement, specs);
    this._busy = 'named';
    this._errors = { ...this._errors, named: {} };
    this._failures = { ...this._failures, named: undefined };
    try {
      const next = await this.api.put<ApplicationDetail>(`/admin/applications/${encodeURIComponent(d.id)}/supervisor`, body);
      this._detail.set(next);
      this.done(
        'application.supervisor',
        d.id,
        next.namedSupervisor ? this.t.placements.namedSaved(next.namedSupervisor.name) : this.t.placements.namedRemoved,
      );
    } catch (err) {
      this._fail('named', err);
    } finally {
      this._busy = null;
    }
  }

  protected async _assign(e: SubmitEvent, d: ApplicationDetail): Promise<void> {
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

  protected _renderHours(d: ApplicationDetail): TemplateResult {
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
      ${
        h.entries.length
          ? html`<div class="scroll" role="region" aria-labelledby="hours-title" tabindex="0"><table class="grid-table">
        <thead><tr><th scope="col">${t.date}</th><th scope="col" class="num">${t.hoursCol}</th><th scope="col">${t.activity}</th><th scope="col">${t.loggedBy}</th><th scope="col">${c.status}</th></tr></thead>
        <tbody>${h.entries.map(
          (x) => html`<tr>
          <td>${this.date(x.workedOn)}</td><td class="num">${n(x.hours)}</td><td>${x.activity}</td><td>${t.by[x.loggedBy] ?? x.loggedBy}</td>
          <td>${
            x.approved
              ? html`<span class="badge good">${t.approved}</span>`
              : x.returnedAt
                ? html`<span class="badge" title=${x.returnNote ?? ''}>${t.returned}</span>`
                : html`<button type="button" class="button secondary small" @click=${() => void this._approveHours(d, x.id, x.hours, x.workedOn)}>${t.approve}<span class="visually-hidden"> ${n(x.hours)} ${this.date(x.workedOn)}</span></button>`
          }</td>
        </tr>`,
        )}</tbody></table></div>`
          : html`<p class="muted">${t.noHours}</p>`
      }
      ${
        canLog
          ? html`<form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._logHours(e, d, specs)}>
        <div class="row">${specs.map((f) => renderField(f, this._errors.hours ?? {}, 'hr', c.optional, c.choose))}</div>
        <div class="actions"><button type="submit" class="button secondary" aria-disabled=${this._busy ? 'true' : 'false'}>${t.logButton}</button></div>
      </form>`
          : nothing
      }
      ${this._problem('hours')}
    </div>`;
  }

  protected async _logHours(e: SubmitEvent, d: ApplicationDetail, specs: FieldSpec[]): Promise<void> {
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

  protected async _approveHours(d: ApplicationDetail, id: string, hours: number, day: string): Promise<void> {
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

  protected _skills(d: ApplicationDetail): { skill: string; label: string }[] {
    return [
      ...d.opportunity.skills.map((s) => ({ skill: s, label: labelOf(SKILLS, s, this.l) })),
      ...d.opportunity.technicalSkills.map((s) => ({ skill: s, label: s })),
    ];
  }

  protected _renderEvaluations(d: ApplicationDetail): TemplateResult {
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
          ${
            open
              ? this._renderRatingForm(d, phase, done)
              : canRate
                ? html`<div class="actions"><button type="button" class="button secondary small" part="evaluate-button"
            @click=${() => {
              this._evalOpen = { ...this._evalOpen, [phase]: true };
              this.focusAfterRender(`[data-form="${phase}"] input[type="radio"]`);
            }}>
            ${done ? t.revise : t.rate(t.phases[phase]!)}</button></div>`
                : nothing
          }
          ${this._problem(phase)}
        </div>`;
      })}
    </div>`;
  }

  protected _renderEvaluation(e: Evaluation, d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const labels = new Map(this._skills(d).map((s) => [s.skill, s.label]));
    const level = (n: number) => `${n} · ${RUBRIC_LEVELS.find((r) => r.level === n)?.label[this.l] ?? ''}`;
    return html`<dl class="facts">
      ${e.ratings.map((r) => html`<dt>${labels.get(r.skill) ?? r.skill}</dt><dd>${level(r.level)}${r.comment ? html`<br><span class="muted">${r.comment}</span>` : nothing}</dd>`)}
      ${e.comments ? html`<dt>${t.comments}</dt><dd>${e.comments}</dd>` : nothing}
    </dl>
    <p class="muted">${t.evaluator(e.evaluator?.name ?? '—', this.instant(e.recordedAt))}</p>`;
  }

  protected _renderRatingForm(d: ApplicationDetail, phase: EvaluationPhase, existing: Evaluation | undefined): TemplateResult {
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
          <div class="rubric">${RUBRIC_LEVELS.map(
            (r) => html`<label class="check"><input type="radio" name="level.${i}" value=${r.level}
            .checked=${before.get(s.skill)?.level === r.level}><span>${r.level} · ${r.label[this.l]}</span></label>`,
          )}</div>
          <div class="field"><label for="${phase}-c${i}">${t.comment} <span class="muted">${c.optional}</span></label>
            <input id="${phase}-c${i}" name="comment.${i}" type="text" .value=${before.get(s.skill)?.comment ?? ''}></div>
        </fieldset>`;
      })}
      <div class="field"><label for="${phase}-comments">${t.comments} <span class="muted">${c.optional}</span></label>
        <textarea id="${phase}-comments" name="comments" .value=${existing?.comments ?? ''}></textarea></div>
      <div class="actions">
        <button type="submit" class="button" aria-disabled=${this._busy ? 'true' : 'false'}>${this._busy === phase ? c.saving : t.saveEvaluation}</button>
        <button type="button" class="button secondary" @click=${() => {
          this._evalOpen = { ...this._evalOpen, [phase]: false };
          this.focusAfterRender(`#eval-${phase}`);
        }}>${c.cancel}</button>
      </div>
    </form>`;
  }

  protected async _rate(e: SubmitEvent, d: ApplicationDetail, phase: EvaluationPhase): Promise<void> {
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

  protected _renderHistory(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    if (!d.history.length) return html``;
    return html`<div class="block"><h4>${t.history}</h4>
      <ol class="plain">${d.history.map(
        (h) => html`<li>${this.instant(h.at)} · ${this.t.status[h.from] ?? h.from} → <strong>${this.t.status[h.to] ?? h.to}</strong>
        ${h.actor ? html` · ${h.actor.name}` : nothing}${h.note ? html`<br><span class="muted">${h.note}</span>` : nothing}</li>`,
      )}</ol>
    </div>`;
  }
}
