import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  ACHIEVEMENT_TYPES, AchievementInput, IssueRequest, RevokeRequest,
  type Achievement, type AchievementList, type IssuedCredential, type IssuedCredentialList, type IssueItem, type IssueResult,
} from '../../../schema/api/admin/achievements.js';
import type { ApplicationList, ApplicationListItem } from '../../../schema/api/admin/placements.js';
import { CLUSTERS, SKILLS, labelOf } from '../../../schema/vocab.js';
import { isAbort } from '../../base/api.js';
import { safeHref } from '../../base/safe-url.js';
import { toConsoleError, type ConsoleApiError } from '../console-api.js';
import type { Column } from '../console-table.js';
import { ListController, SectionElement } from '../section-base.js';
import { sectionStyles } from '../section.styles.js';
import { check, readForm, renderField, strayErrors, type FieldSpec } from './form.js';

/** `CertificateOfCompletion` → `Certificate of completion`. */
const typeLabel = (t: string) => t.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').replace(/ ([A-Z])(?=[a-z])/g, (_m, c: string) => ` ${c.toLowerCase()}`);

/**
 * Badges: the tenant's achievements (define one with its aligned skills), issuing an
 * achievement to the students of completed placements in one batch, with each placement's
 * outcome (issued, already issued, or refused and why), and the issued credentials with their
 * public links and revocation behind a dialog that asks for a reason. Admins and coordinators.
 * Opened as `#badges/app_…`, the placement is chosen for issuing.
 *
 * @internal
 * @tagname wbl-console-badges
 */
export class WblConsoleBadges extends SectionElement {
  static override styles = [sectionStyles, css`
    .area { display: grid; gap: .75rem; padding-top: .75rem; border-top: 1px solid var(--_border); }
    .area:first-child { border-top: 0; padding-top: 0; }
    .result.refused { color: var(--_danger); }
    .result { white-space: normal; }
    dialog { max-width: min(32rem, calc(100vw - 2rem)); padding: 0; border: 1px solid var(--_border); border-radius: var(--_radius);
      background: var(--_surface); color: var(--_text); box-shadow: 0 12px 40px rgb(0 0 0 / .25); }
    dialog::backdrop { background: rgb(15 23 42 / .55); }
    dialog form { padding: calc(var(--_space) * 1.25); }
    dialog h3 { margin: 0; font-size: 1.2rem; }
    .end { justify-content: flex-end; }
    .box { padding: var(--_space); border: 2px solid var(--_primary); border-radius: var(--_radius); }
  `];

  protected readonly section = 'badges' as const;

  static {
    for (const name of ['_adding', '_achievementId', '_selected', '_results', '_issueErrors', '_issueFailure', '_revoking', '_revokeError', '_revokeFailure']) {
      this.createProperty(name, { state: true });
    }
  }

  declare private _adding: boolean;
  declare private _achievementId: string;
  declare private _selected: string[];
  /** The last batch's outcome per placement. */
  declare private _results: Record<string, IssueItem>;
  declare private _issueErrors: Record<string, string>;
  declare private _issueFailure: ConsoleApiError | null;
  /** The credential the revoke dialog is about. */
  declare private _revoking: IssuedCredential | null;
  declare private _revokeError: string;
  declare private _revokeFailure: ConsoleApiError | null;
  private _issuing = false;
  private _revokeBusy = false;
  private _abort?: AbortController;

  private _achievements = new ListController<Achievement>(this, (_cursor, signal) => this.api.get<AchievementList>('/admin/achievements', undefined, signal));
  private _completed = new ListController<ApplicationListItem>(this, (cursor, signal) =>
    this.api.get<ApplicationList>('/admin/applications', { status: 'completed', cursor, limit: 50 }, signal));
  private _credentials = new ListController<IssuedCredential>(this, (_cursor, signal) => this.api.get<IssuedCredentialList>('/admin/credentials', undefined, signal));

  constructor() {
    super();
    this._adding = false;
    this._achievementId = '';
    this._selected = [];
    this._results = {};
    this._issueErrors = {};
    this._issueFailure = null;
    this._revoking = null;
    this._revokeError = '';
    this._revokeFailure = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.api) {
      for (const list of [this._achievements, this._completed, this._credentials] as ListController<unknown>[]) if (!list.started) void list.load();
    }
    // Opened from a placement ("Issue a badge"): that placement is chosen.
    if (changed.has('path') && this.path.startsWith('app_')) {
      if (!this._selected.includes(this.path)) this._selected = [...this._selected, this.path];
      this.focusAfterRender('#b-achievement');
    }
  }

  // --- achievements ---------------------------------------------------------------------------

  private get _achievementColumns(): Column<Achievement>[] {
    const t = this.t.badges;
    return [
      { key: 'name', label: t.name, value: (a) => a.name, cell: (a) => a.name },
      { key: 'type', label: t.type, value: (a) => a.achievementType, cell: (a) => typeLabel(a.achievementType) },
      { key: 'skills', label: t.skills, wrap: true, cell: (a) => a.skills.map((s) => labelOf(SKILLS, s, this.l)).join(', ') },
      { key: 'issued', label: t.issuedCount, numeric: true, value: (a) => a.issuedCount, cell: (a) => String(a.issuedCount) },
    ];
  }

  private get _fields(): FieldSpec[] {
    const t = this.t.badges;
    return [
      { name: 'name', label: t.name, type: 'text' },
      { name: 'description', label: t.description, type: 'textarea' },
      { name: 'criteria', label: t.criteria, type: 'textarea', hint: t.criteriaHint },
      { name: 'achievementType', label: t.type, type: 'select', value: 'Competency', options: ACHIEVEMENT_TYPES.map((a) => [a, typeLabel(a)] as const) },
      { name: 'skills', label: t.skills, type: 'checks', hint: t.skillsHint, options: SKILLS.map((s) => [s.code, s.label[this.l]] as const) },
      { name: 'cluster', label: t.cluster, type: 'select', optional: true, empty: 'omit', options: CLUSTERS.map((c) => [c.code, c.label[this.l]] as const) },
      { name: 'onetSoc', label: t.onetSoc, type: 'text', optional: true, empty: 'omit', hint: t.onetHint },
    ];
  }

  private _renderAchievements(): TemplateResult {
    const t = this.t.badges;
    const c = this.t.common;
    const fields = this._fields;
    const stray = strayErrors(this.errors, fields);
    return html`<div class="area" aria-labelledby="b-achievements">
      <div class="toolbar"><h3 id="b-achievements">${t.achievements}</h3>
        ${this._adding ? nothing : html`<button type="button" class="button secondary small" part="add-achievement-button"
          @click=${() => { this.resetForm(); this._adding = true; this.focusAfterRender('#ach-name'); }}>${t.addAchievement}</button>`}</div>
      ${this._adding ? html`<form class="grid box" part="achievement-form" novalidate aria-labelledby="b-new" @submit=${this._onCreate}>
        <h4 id="b-new">${t.newAchievement}</h4>
        ${stray.length ? html`<div class="problem" role="alert"><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
        ${this.failure ? this.renderProblem(this.failure) : nothing}
        ${fields.map((f) => renderField(f, this.errors, 'ach', c.optional, c.choose))}
        <div class="actions">
          <button type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : t.create}</button>
          <button type="button" class="button secondary" @click=${() => { this._adding = false; this.resetForm(); this.focusAfterRender('[part~="add-achievement-button"]'); }}>${c.cancel}</button>
        </div>
      </form>` : nothing}
      ${this.renderTable(this._achievements, t.achievementsLabel, this._achievementColumns, { emptyText: t.noAchievements })}
    </div>`;
  }

  private _onCreate(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const body = readForm(form, this._fields);
    void this.submitForm(AchievementInput, body, () => this.api.post<Achievement>('/admin/achievements', body), (a) => {
      this._achievements.items = [a, ...this._achievements.items];
      this._adding = false;
      if (!this._achievementId) this._achievementId = a.id;
      this.done('achievement.create', a.id, this.t.badges.created(a.name));
      this.focusAfterRender('[part~="add-achievement-button"]');
    });
  }

  // --- issuing --------------------------------------------------------------------------------

  private _refusal(item: IssueItem): string {
    // The API words a refusal in English, naming the skills; other languages say it by its code.
    return (this.l === 'en' && item.reason) || this.t.badges.refusals[item.code ?? ''] || item.reason || '';
  }

  private get _completedColumns(): Column<ApplicationListItem>[] {
    const t = this.t.badges;
    return [
      { key: 'ref', label: t.placement, short: true, value: (a) => a.reference, cell: (a) => a.reference },
      { key: 'student', label: t.student, value: (a) => a.student.preferredName, cell: (a) => a.student.preferredName },
      { key: 'opportunity', label: t.opportunity, value: (a) => a.opportunity.title, cell: (a) => html`${a.opportunity.title}<br><span class="muted">${a.opportunity.employer.name}</span>` },
      { key: 'completed', label: t.completedOn, short: true, value: (a) => a.completedOn ?? '', cell: (a) => this.date(a.completedOn) },
      { key: 'result', label: t.result, wrap: true, cell: (a) => {
        const r = this._results[a.id];
        if (!r) return '—';
        return html`<span class="result ${r.outcome}" data-outcome=${r.outcome}><span class="badge ${r.outcome === 'refused' ? 'bad' : 'good'}">${t.outcome[r.outcome]}</span>
          ${r.outcome === 'refused' ? this._refusal(r) : safeHref(r.url) ? html`<a href=${safeHref(r.url)} target="_blank" rel="noopener">${t.viewCredential}</a>` : nothing}</span>`;
      } },
    ];
  }

  private _renderIssue(): TemplateResult {
    const t = this.t.badges;
    const c = this.t.common;
    const achievementError = this._issueErrors.achievementId;
    const listError = Object.entries(this._issueErrors).find(([k]) => k.startsWith('applicationIds'))?.[1];
    return html`<div class="area" aria-labelledby="b-issue" data-form="issue">
      <h3 id="b-issue">${t.issue}</h3>
      <p class="hint">${t.issueHint}</p>
      <div class="field ${achievementError ? 'invalid' : ''}"><label for="b-achievement">${t.achievement}</label>
        ${achievementError ? html`<span class="error" id="b-achievement-error">${achievementError}</span>` : nothing}
        <select id="b-achievement" part="achievement-select" aria-invalid=${achievementError ? 'true' : 'false'} aria-describedby=${achievementError ? 'b-achievement-error' : nothing}
          @change=${(e: Event) => { this._achievementId = (e.target as HTMLSelectElement).value; this._results = {}; }}>
          <option value="" ?selected=${!this._achievementId}>${c.choose}</option>
          ${this._achievements.items.map((a) => html`<option value=${a.id} ?selected=${a.id === this._achievementId}>${a.name}</option>`)}
        </select></div>
      ${listError ? html`<p class="error" id="b-list-error" role="alert">${listError}</p>` : nothing}
      ${this.renderTable(this._completed, t.completedLabel, this._completedColumns, {
        emptyText: t.noCompleted,
        select: { selected: this._selected, rowLabel: (a) => `${a.reference} · ${a.student.preferredName}`, change: (keys) => { this._selected = keys; } },
      })}
      ${this._issueFailure ? this.renderProblem(this._issueFailure) : nothing}
      <div class="actions"><button type="button" class="button" part="issue-button" aria-disabled=${this._issuing ? 'true' : 'false'}
        @click=${() => void this._issue()}>${this._issuing ? t.issuing : t.issueButton}</button></div>
    </div>`;
  }

  private async _issue(): Promise<void> {
    if (this._issuing) return;
    const body = { achievementId: this._achievementId, applicationIds: this._selected };
    const errors = check(IssueRequest, body);
    this._issueFailure = null;
    this._issueErrors = errors;
    if (Object.keys(errors).length) {
      this.focusAfterRender('#b-achievement[aria-invalid="true"], #b-list-error');
      return;
    }
    this._issuing = true;
    this.requestUpdate();
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    let result: IssueResult;
    try {
      result = await this.api.post<IssueResult>('/admin/credentials', body, abort.signal);
    } catch (e) {
      if (isAbort(e) || abort.signal.aborted) return;
      const err = toConsoleError(e);
      const refused = body.applicationIds.length === 1 && err.status === 422 ? err.fieldErrors.find((f) => f.path === 'applicationIds.0') : undefined;
      if (!refused) {
        this._issueFailure = err;
        this.focusAfterRender('[data-form="issue"] .problem');
        return;
      }
      // One placement refused answers a 422 with the reason: the same outcome as in a batch.
      const code = (refused as { code?: string }).code as IssueItem['code'];
      result = { achievementId: body.achievementId, issued: 0, alreadyIssued: 0, refused: 1,
        items: [{ applicationId: body.applicationIds[0]!, outcome: 'refused', credentialId: null, url: null, code: code ?? null, reason: err.problem?.detail ?? refused.message }] };
    } finally {
      this._issuing = false;
      this.requestUpdate();
    }
    this._results = Object.fromEntries(result.items.map((i) => [i.applicationId, i]));
    this._selected = [];
    const summary = this.t.badges.issuedSummary(result.issued, result.alreadyIssued, result.refused);
    const refusals = result.items.filter((i) => i.outcome === 'refused').map((i) => {
      const ref = this._completed.items.find((a) => a.id === i.applicationId)?.reference ?? i.applicationId;
      return `${ref}: ${this._refusal(i)}`;
    });
    this.done('credential.issue', body.achievementId, [summary, ...refusals].join('. '));
    if (result.issued) {
      void this._credentials.load();
      void this._achievements.load();
    }
  }

  // --- issued credentials ---------------------------------------------------------------------

  private _student(cred: IssuedCredential): string {
    return cred.student?.preferredName ?? this.t.badges.unknownStudent;
  }

  private get _credentialColumns(): Column<IssuedCredential>[] {
    const t = this.t.badges;
    return [
      { key: 'achievement', label: t.achievement, value: (x) => x.achievement.name, cell: (x) => (safeHref(x.url) ? html`<a href=${safeHref(x.url)} target="_blank" rel="noopener">${x.achievement.name}</a>` : x.achievement.name) },
      { key: 'student', label: t.student, value: (x) => this._student(x), cell: (x) => this._student(x) },
      { key: 'issued', label: t.issuedOn, short: true, value: (x) => x.issuedAt, cell: (x) => this.date(x.issuedAt) },
      { key: 'status', label: this.t.common.status, value: (x) => (x.revokedAt ? 1 : 0), cell: (x) => html`<span class="badge ${x.revokedAt ? 'bad' : 'good'}" data-status=${x.revokedAt ? 'revoked' : 'verified'}>${x.revokedAt ? t.revoked : t.verified}</span>` },
      { key: 'actions', label: t.actions, cell: (x) => (x.revokedAt ? nothing : html`<button type="button" class="button danger secondary small" part="revoke-button" data-id=${x.id}
        @click=${() => this._askRevoke(x)}>${t.revoke}<span class="visually-hidden"> ${x.achievement.name} · ${this._student(x)}</span></button>`) },
    ];
  }

  private _renderCredentials(): TemplateResult {
    const t = this.t.badges;
    return html`<div class="area" aria-labelledby="b-credentials">
      <h3 id="b-credentials">${t.credentials}</h3>
      ${this.renderTable(this._credentials, t.credentialsLabel, this._credentialColumns, { emptyText: t.noCredentials })}
    </div>`;
  }

  private _returnTo: HTMLElement | null = null;

  private async _askRevoke(cred: IssuedCredential): Promise<void> {
    this._returnTo = this._deepActive();
    this._revoking = cred;
    this._revokeError = '';
    this._revokeFailure = null;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog')!;
    dialog.querySelector('form')!.reset();
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('.cancel')?.focus();
  }

  private _deepActive(): HTMLElement | null {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    return el;
  }

  private _closeRevoke(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
    this._revoking = null;
    const back = this._returnTo;
    this._returnTo = null;
    if (back?.isConnected) back.focus();
    else this.renderRoot.querySelector('wbl-console-table:last-of-type')?.shadowRoot?.querySelector<HTMLElement>('[role="region"]')?.focus();
  }

  private async _onRevoke(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const cred = this._revoking;
    if (!cred || this._revokeBusy) return;
    const body = { reason: String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim() };
    const errors = check(RevokeRequest, body);
    this._revokeFailure = null;
    this._revokeError = errors.reason ?? '';
    if (this._revokeError) {
      this.focusAfterRender('#b-reason');
      return;
    }
    this._revokeBusy = true;
    try {
      const r = await this.api.post<{ id: string; revokedAt: string }>(`/admin/credentials/${encodeURIComponent(cred.id)}/revoke`, body);
      this._credentials.update((x) => x.id, cred.id, { ...cred, revokedAt: r.revokedAt, revocationReason: body.reason });
      // The row's Revoke button is gone: focus goes to the table rather than back to it.
      this._returnTo = null;
      this._closeRevoke();
      this.done('credential.revoke', cred.id, this.t.badges.revokedDone(cred.achievement.name, this._student(cred)));
    } catch (err) {
      const error = toConsoleError(err);
      const field = error.fieldErrors.find((f) => f.path === 'reason');
      if (field) this._revokeError = field.message;
      else this._revokeFailure = error;
      this.focusAfterRender(field ? '#b-reason' : 'dialog .problem');
    } finally {
      this._revokeBusy = false;
    }
  }

  private _renderRevokeDialog(): TemplateResult {
    const t = this.t.badges;
    const cred = this._revoking;
    const err = this._revokeError;
    return html`<dialog part="revoke-dialog" aria-labelledby="b-revoke-title" aria-describedby="b-revoke-body"
      @cancel=${(e: Event) => { e.preventDefault(); this._closeRevoke(); }}>
      <form class="grid" novalidate @submit=${this._onRevoke}>
        <h3 id="b-revoke-title">${cred ? t.revokeTitle(cred.achievement.name, this._student(cred)) : ''}</h3>
        <p id="b-revoke-body">${t.revokeBody}</p>
        ${this._revokeFailure ? this.renderProblem(this._revokeFailure) : nothing}
        <div class="field ${err ? 'invalid' : ''}"><label for="b-reason">${t.reason}</label>
          <span class="hint" id="b-reason-hint">${t.reasonHint}</span>
          ${err ? html`<span class="error" id="b-reason-error">${err}</span>` : nothing}
          <textarea id="b-reason" name="reason" rows="3" aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? 'b-reason-hint b-reason-error' : 'b-reason-hint'}
            @input=${() => { this._revokeError = ''; }}></textarea></div>
        <div class="actions end">
          <button type="button" class="button secondary cancel" @click=${() => this._closeRevoke()}>${this.t.common.cancel}</button>
          <button type="submit" class="button danger" part="confirm-button">${t.revokeButton}</button>
        </div>
      </form>
    </dialog>`;
  }

  override render(): TemplateResult {
    return html`
      ${this._renderAchievements()}
      ${this._renderIssue()}
      ${this._renderCredentials()}
      ${this._renderRevokeDialog()}`;
  }
}

WblConsoleBadges.define('wbl-console-badges');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-badges': WblConsoleBadges;
  }
}
