import { css, html, nothing, type TemplateResult } from 'lit';
import {
  ACHIEVEMENT_TYPES,
  AchievementInput,
  IssueRequest,
  type Achievement,
  type IssueItem,
  type IssueResult,
} from '../../../schema/api/admin/achievements.js';
import type { ApplicationListItem } from '../../../schema/api/admin/placements.js';
import { CLUSTERS, SKILLS, labelOf } from '../../../schema/vocab.js';
import { isAbort } from '../../base/api.js';
import { safeHref } from '../../base/safe-url.js';
import { toConsoleError } from '../console-api.js';
import type { Column } from '../console-table.js';
import { sectionStyles } from '../section.styles.js';
import { check, readForm, renderField, strayErrors, type FieldSpec } from './form.js';
import { BadgesCredentials, typeLabel } from './badges-credentials.js';

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
export class WblConsoleBadges extends BadgesCredentials {
  static override styles = [
    sectionStyles,
    css`
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
  `,
  ];

  protected readonly section = 'badges' as const;

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
        ${
          this._adding
            ? nothing
            : html`<button type="button" class="button secondary small" part="add-achievement-button"
          @click=${() => {
            this.resetForm();
            this._adding = true;
            this.focusAfterRender('#ach-name');
          }}>${t.addAchievement}</button>`
        }</div>
      ${
        this._adding
          ? html`<form class="grid box" part="achievement-form" novalidate aria-labelledby="b-new" @submit=${this._onCreate}>
        <h4 id="b-new">${t.newAchievement}</h4>
        ${stray.length ? html`<div class="problem" role="alert"><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
        ${this.failure ? this.renderProblem(this.failure) : nothing}
        ${fields.map((f) => renderField(f, this.errors, 'ach', c.optional, c.choose))}
        <div class="actions">
          <button type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : t.create}</button>
          <button type="button" class="button secondary" @click=${() => {
            this._adding = false;
            this.resetForm();
            this.focusAfterRender('[part~="add-achievement-button"]');
          }}>${c.cancel}</button>
        </div>
      </form>`
          : nothing
      }
      ${this.renderTable(this._achievements, t.achievementsLabel, this._achievementColumns, { emptyText: t.noAchievements })}
    </div>`;
  }

  private _onCreate(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const body = readForm(form, this._fields);
    void this.submitForm(
      AchievementInput,
      body,
      () => this.api.post<Achievement>('/admin/achievements', body),
      (a) => {
        this._achievements.items = [a, ...this._achievements.items];
        this._adding = false;
        if (!this._achievementId) this._achievementId = a.id;
        this.done('achievement.create', a.id, this.t.badges.created(a.name));
        this.focusAfterRender('[part~="add-achievement-button"]');
      },
    );
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
      {
        key: 'opportunity',
        label: t.opportunity,
        value: (a) => a.opportunity.title,
        cell: (a) => html`${a.opportunity.title}<br><span class="muted">${a.opportunity.employer.name}</span>`,
      },
      { key: 'completed', label: t.completedOn, short: true, value: (a) => a.completedOn ?? '', cell: (a) => this.date(a.completedOn) },
      {
        key: 'result',
        label: t.result,
        wrap: true,
        cell: (a) => {
          const r = this._results[a.id];
          if (!r) return '—';
          return html`<span class="result ${r.outcome}" data-outcome=${r.outcome}><span class="badge ${r.outcome === 'refused' ? 'bad' : 'good'}">${t.outcome[r.outcome]}</span>
          ${r.outcome === 'refused' ? this._refusal(r) : safeHref(r.url) ? html`<a href=${safeHref(r.url)} target="_blank" rel="noopener">${t.viewCredential}</a>` : nothing}</span>`;
        },
      },
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
          @change=${(e: Event) => {
            this._achievementId = (e.target as HTMLSelectElement).value;
            this._results = {};
          }}>
          <option value="" ?selected=${!this._achievementId}>${c.choose}</option>
          ${this._achievements.items.map((a) => html`<option value=${a.id} ?selected=${a.id === this._achievementId}>${a.name}</option>`)}
        </select></div>
      ${listError ? html`<p class="error" id="b-list-error" role="alert">${listError}</p>` : nothing}
      ${this.renderTable(this._completed, t.completedLabel, this._completedColumns, {
        emptyText: t.noCompleted,
        select: {
          selected: this._selected,
          rowLabel: (a) => `${a.reference} · ${a.student.preferredName}`,
          change: (keys) => {
            this._selected = keys;
          },
        },
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
      result = {
        achievementId: body.achievementId,
        issued: 0,
        alreadyIssued: 0,
        refused: 1,
        items: [
          {
            applicationId: body.applicationIds[0]!,
            outcome: 'refused',
            credentialId: null,
            url: null,
            code: code ?? null,
            reason: err.problem?.detail ?? refused.message,
          },
        ],
      };
    } finally {
      this._issuing = false;
      this.requestUpdate();
    }
    this._results = Object.fromEntries(result.items.map((i) => [i.applicationId, i]));
    this._selected = [];
    const summary = this.t.badges.issuedSummary(result.issued, result.alreadyIssued, result.refused);
    const refusals = result.items
      .filter((i) => i.outcome === 'refused')
      .map((i) => {
        const ref = this._completed.items.find((a) => a.id === i.applicationId)?.reference ?? i.applicationId;
        return `${ref}: ${this._refusal(i)}`;
      });
    this.done('credential.issue', body.achievementId, [summary, ...refusals].join('. '));
    if (result.issued) {
      void this._credentials.load();
      void this._achievements.load();
    }
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
