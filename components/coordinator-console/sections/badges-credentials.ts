import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  RevokeRequest,
  type Achievement,
  type AchievementList,
  type IssuedCredential,
  type IssuedCredentialList,
  type IssueItem,
} from '../../../schema/api/admin/achievements.js';
import type { ApplicationList, ApplicationListItem } from '../../../schema/api/admin/placements.js';
import { safeHref } from '../../base/safe-url.js';
import { toConsoleError, type ConsoleApiError } from '../console-api.js';
import type { Column } from '../console-table.js';
import { SectionElement } from '../section-base.js';
import { ListController } from '../section-tasks.js';
import { check } from './form.js';

/** `CertificateOfCompletion` → `Certificate of completion`. */
export const typeLabel = (t: string) => t.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').replace(/ ([A-Z])(?=[a-z])/g, (_m, c: string) => ` ${c.toLowerCase()}`);

/**
 * What the badges section loads and keeps (achievements, completed placements, issued
 * credentials, the batch's outcome) and the issued credentials with their revoke dialog. The
 * element (badges.ts) adds achievements and issuing.
 */
export abstract class BadgesCredentials extends SectionElement {
  static {
    for (const name of ['_adding', '_achievementId', '_selected', '_results', '_issueErrors', '_issueFailure', '_revoking', '_revokeError', '_revokeFailure']) {
      this.createProperty(name, { state: true });
    }
  }

  declare protected _adding: boolean;
  declare protected _achievementId: string;
  declare protected _selected: string[];
  /** The last batch's outcome per placement. */
  declare protected _results: Record<string, IssueItem>;
  declare protected _issueErrors: Record<string, string>;
  declare protected _issueFailure: ConsoleApiError | null;
  /** The credential the revoke dialog is about. */
  declare protected _revoking: IssuedCredential | null;
  declare protected _revokeError: string;
  declare protected _revokeFailure: ConsoleApiError | null;
  protected _issuing = false;
  protected _revokeBusy = false;
  protected _abort?: AbortController;
  protected _achievements = new ListController<Achievement>(this, (_cursor, signal) => this.api.get<AchievementList>('/admin/achievements', undefined, signal));

  protected _completed = new ListController<ApplicationListItem>(this, (cursor, signal) =>
    this.api.get<ApplicationList>('/admin/applications', { status: 'completed', cursor, limit: 50 }, signal),
  );

  protected _credentials = new ListController<IssuedCredential>(this, (_cursor, signal) =>
    this.api.get<IssuedCredentialList>('/admin/credentials', undefined, signal),
  );

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

  // --- issued credentials ---------------------------------------------------------------------

  protected _student(cred: IssuedCredential): string {
    return cred.student?.preferredName ?? this.t.badges.unknownStudent;
  }

  protected get _credentialColumns(): Column<IssuedCredential>[] {
    const t = this.t.badges;
    return [
      {
        key: 'achievement',
        label: t.achievement,
        value: (x) => x.achievement.name,
        cell: (x) => (safeHref(x.url) ? html`<a href=${safeHref(x.url)} target="_blank" rel="noopener">${x.achievement.name}</a>` : x.achievement.name),
      },
      { key: 'student', label: t.student, value: (x) => this._student(x), cell: (x) => this._student(x) },
      { key: 'issued', label: t.issuedOn, short: true, value: (x) => x.issuedAt, cell: (x) => this.date(x.issuedAt) },
      {
        key: 'status',
        label: this.t.common.status,
        value: (x) => (x.revokedAt ? 1 : 0),
        cell: (x) =>
          html`<span class="badge ${x.revokedAt ? 'bad' : 'good'}" data-status=${x.revokedAt ? 'revoked' : 'verified'}>${x.revokedAt ? t.revoked : t.verified}</span>`,
      },
      {
        key: 'actions',
        label: t.actions,
        cell: (x) =>
          x.revokedAt
            ? nothing
            : html`<button type="button" class="button danger secondary small" part="revoke-button" data-id=${x.id}
        @click=${() => this._askRevoke(x)}>${t.revoke}<span class="visually-hidden"> ${x.achievement.name} · ${this._student(x)}</span></button>`,
      },
    ];
  }

  protected _renderCredentials(): TemplateResult {
    const t = this.t.badges;
    return html`<div class="area" aria-labelledby="b-credentials">
      <h3 id="b-credentials">${t.credentials}</h3>
      ${this.renderTable(this._credentials, t.credentialsLabel, this._credentialColumns, { emptyText: t.noCredentials })}
    </div>`;
  }

  protected _returnTo: HTMLElement | null = null;

  protected async _askRevoke(cred: IssuedCredential): Promise<void> {
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

  protected _deepActive(): HTMLElement | null {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    return el;
  }

  protected _closeRevoke(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
    this._revoking = null;
    const back = this._returnTo;
    this._returnTo = null;
    if (back?.isConnected) back.focus();
    else this.renderRoot.querySelector('wbl-console-table:last-of-type')?.shadowRoot?.querySelector<HTMLElement>('[role="region"]')?.focus();
  }

  protected async _onRevoke(e: SubmitEvent): Promise<void> {
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

  protected _renderRevokeDialog(): TemplateResult {
    const t = this.t.badges;
    const cred = this._revoking;
    const err = this._revokeError;
    return html`<dialog part="revoke-dialog" aria-labelledby="b-revoke-title" aria-describedby="b-revoke-body"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this._closeRevoke();
      }}>
      <form class="grid" novalidate @submit=${this._onRevoke}>
        <h3 id="b-revoke-title">${cred ? t.revokeTitle(cred.achievement.name, this._student(cred)) : ''}</h3>
        <p id="b-revoke-body">${t.revokeBody}</p>
        ${this._revokeFailure ? this.renderProblem(this._revokeFailure) : nothing}
        <div class="field ${err ? 'invalid' : ''}"><label for="b-reason">${t.reason}</label>
          <span class="hint" id="b-reason-hint">${t.reasonHint}</span>
          ${err ? html`<span class="error" id="b-reason-error">${err}</span>` : nothing}
          <textarea id="b-reason" name="reason" rows="3" aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? 'b-reason-hint b-reason-error' : 'b-reason-hint'}
            @input=${() => {
              this._revokeError = '';
            }}></textarea></div>
        <div class="actions end">
          <button type="button" class="button secondary cancel" @click=${() => this._closeRevoke()}>${this.t.common.cancel}</button>
          <button type="submit" class="button danger" part="confirm-button">${t.revokeButton}</button>
        </div>
      </form>
    </dialog>`;
  }
}
