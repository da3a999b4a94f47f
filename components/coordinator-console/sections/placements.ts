import { css, html, nothing, type TemplateResult } from 'lit';
import { CoordinatorSignRequest, type ApplicationDetail, type ApplicationListItem, type OutboxMessage } from '../../../schema/api/admin/placements.js';
import { APPLICATION_STATUSES, TIME_SLOTS, labelOf, type ApplicationStatus } from '../../../schema/vocab.js';
import type { Column } from '../console-table.js';
import { CONFIRM_PARTS } from '../section-base.js';
import { sectionStyles } from '../section.styles.js';
import { check, renderField } from './form.js';
import { renderDelivery } from './delivery.js';
import { EXITS, PlacementsWork, requestTo, statusClass } from './placements-work.js';

/**
 * Placements: the pipeline of applications by status; a placement's allowed moves, its
 * training agreement and, for every role, where its link went and whether the request arrived
 * (the links themselves go only to their signers and are never shown); the coordinator signs their own line here ("Sign as
 * coordinator"); a guardian without a roster address waits, and the pane says what to do.
 * Also its supervisor, hours (log, approve, totals) and evaluations (each named skill rated
 * 1–4 at midpoint and final). Supervisors see only the placements assigned to them.
 *
 * @internal
 * @tagname wbl-console-placements
 */
export class WblConsolePlacements extends PlacementsWork {
  static override styles = [
    sectionStyles,
    css`
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
  `,
  ];

  protected readonly section = 'placements' as const;

  // --- the list -------------------------------------------------------------------------------

  private get _columns(): Column<ApplicationListItem>[] {
    const t = this.t.placements;
    return [
      { key: 'ref', label: t.reference, short: true, value: (a) => a.reference, cell: (a) => html`<a href=${this.href(a.id)}>${a.reference}</a>` },
      {
        key: 'student',
        label: t.student,
        value: (a) => a.student.preferredName,
        cell: (a) =>
          html`${a.student.preferredName}<br><span class="muted">${this.t.common.gradeN(a.student.grade)}${a.student.school ? ` · ${a.student.school.name}` : ''}</span>`,
      },
      { key: 'opportunity', label: t.opportunity, value: (a) => a.opportunity.title, cell: (a) => a.opportunity.title },
      { key: 'employer', label: t.employer, value: (a) => a.opportunity.employer.name, cell: (a) => a.opportunity.employer.name },
      { key: 'supervisor', label: t.supervisor, value: (a) => a.supervisor?.name ?? '', cell: (a) => a.supervisor?.name ?? '—' },
      {
        key: 'status',
        label: this.t.common.status,
        value: (a) => APPLICATION_STATUSES.indexOf(a.status),
        cell: (a) => html`<span class="badge ${statusClass(a.status)}">${this.t.status[a.status]}</span>`,
      },
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
          <select id="pl-status" part="status-filter" @change=${(e: Event) => {
            this._filter = (e.target as HTMLSelectElement).value;
            void list.load();
          }}>
            <option value="open" ?selected=${this._filter === 'open'}>${t.openPipeline}</option>
            ${APPLICATION_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this._filter}>${this.t.status[s]}</option>`)}
            <option value="" ?selected=${!this._filter}>${t.allStatuses}</option>
          </select></div>
      </div>
      <div class="split ${pane === nothing ? '' : 'with-pane'}">
        ${this.renderTable(list, t.label, this._columns)}
        ${pane}
      </div>
      <wbl-console-confirm exportparts=${CONFIRM_PARTS}></wbl-console-confirm>
      ${this._signDialog()}`;
  }

  // --- the placement --------------------------------------------------------------------------

  private _renderPane(): TemplateResult | typeof nothing {
    if (!this.path.startsWith('app_')) return nothing;
    return this.renderDetail(this._detail, this.path, (d) => [
      `${d.reference} · ${d.student.preferredName}`,
      html`
      ${this._renderMoves(d)}
      ${this._renderApplication(d)}
      ${this._renderAgreement(d)}
      ${this._renderSupervisor(d)}
      ${this._renderHours(d)}
      ${this._renderEvaluations(d)}
      ${this._renderHistory(d)}`,
    ]);
  }

  private _renderMoves(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const c = this.t.common;
    return html`<div class="block" data-form="move">
      <p><span class="badge ${statusClass(d.status)}">${this.t.status[d.status]}</span> <span class="muted">${d.opportunity.title} · ${d.opportunity.employer.name}</span></p>
      ${d.status === 'completed' && this.can.coordinate ? html`<p><a part="issue-badge-link" href="#badges/${encodeURIComponent(d.id)}">${this.t.badges.issueBadgeLink}</a></p>` : nothing}
      ${
        d.allowedTransitions.length
          ? html`
        <form class="grid" novalidate @submit=${(e: SubmitEvent) => e.preventDefault()}>
          ${renderField({ name: 'note', label: t.note, type: 'text', optional: true }, this._errors.move ?? {}, 'mv', c.optional, c.choose)}
          <div class="actions" role="group" aria-label=${t.moveTo}>
            <span class="muted">${t.moveTo}:</span>
            ${d.allowedTransitions.map(
              (to) => html`<button type="button" part="transition-button" data-to=${to}
              class="button small ${EXITS.includes(to) ? 'danger secondary' : ''}" aria-disabled=${this._busy ? 'true' : 'false'}
              @click=${(e: Event) => void this._move(d, to, (e.target as HTMLElement).closest('form')!)}>${this.t.status[to]}</button>`,
            )}
          </div>
        </form>`
          : html`<p class="muted">${t.noMoves}</p>`
      }
      ${this._problem('move')}
    </div>`;
  }

  private async _move(d: ApplicationDetail, to: ApplicationStatus, form: HTMLFormElement): Promise<void> {
    if (this._busy) return;
    const t = this.t.placements;
    const status = this.t.status[to] ?? to;
    if (EXITS.includes(to) && !(await this.confirm({ title: t.confirmMove(d.reference, status), body: t.confirmMoveBody, confirm: status, danger: true })))
      return;
    const note = String(new FormData(form).get('note') ?? '').trim();
    this._busy = 'move';
    this._failures = { ...this._failures, move: undefined };
    try {
      const next = await this.api.post<ApplicationDetail>(`/admin/applications/${encodeURIComponent(d.id)}/transition`, note ? { to, note } : { to });
      this._detail.set(next);
      form.reset();
      this._list.update(
        (a) => a.id,
        d.id,
        this._listed(next.status) ? { ...this._list.items.find((a) => a.id === d.id)!, status: next.status, updatedAt: next.updatedAt } : null,
      );
      this.done(`application.${to}`, d.id, t.moved(d.reference, status));
      if (this.can.coordinate) void this._loadOutbox(d.id);
      this.focusAfterRender('[data-form="move"] .badge');
    } catch (e) {
      this._fail('move', e);
    } finally {
      this._busy = null;
    }
  }

  private _renderApplication(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const fact = (term: string, value: unknown) => (value === null || value === undefined || value === '' ? nothing : html`<dt>${term}</dt><dd>${value}</dd>`);
    const dates = [d.opportunity.startsOn, d.opportunity.endsOn]
      .filter(Boolean)
      .map((x) => this.date(x))
      .join(' – ');
    return html`<div class="block">
      <h4>${t.application}</h4>
      <dl class="facts">
        ${fact(t.student, `${d.student.preferredName} · ${this.t.common.gradeN(d.student.grade)}${d.student.school ? ` · ${d.student.school.name}` : ''}${d.student.minor ? ` · ${this.t.students.minor}` : ''}`)}
        ${fact(t.opportunity, d.opportunity.title)}
        ${fact(t.dates, dates)}
        ${fact(this.t.opportunities.schedule, d.opportunity.schedule)}
        ${fact(t.statement, d.statement)}
        ${fact(t.availability, [d.availability.slots.map((s) => labelOf(TIME_SLOTS, s, this.l)).join(', '), d.availability.notes].filter(Boolean).join(' — '))}
        ${fact(t.transportation, d.transportation ? (t.transport[d.transportation] ?? d.transportation) : null)}
        ${fact(t.accommodations, d.accommodations)}
        ${
          d.guardianSuggestion
            ? html`<dt>${t.guardianSuggestion}</dt><dd part="guardian-suggestion">
          ${[d.guardianSuggestion.name, d.guardianSuggestion.email].filter(Boolean).join(' · ')}<br><span class="hint">${t.guardianSuggestionHint}</span>
          <a href="#students/${encodeURIComponent(d.student.id)}">${t.openRoster}</a></dd>`
            : nothing
        }
      </dl>
    </div>`;
  }

  private _renderAgreement(d: ApplicationDetail): TemplateResult {
    const t = this.t.placements;
    const a = d.agreement;
    const roles = (list: readonly string[]) => list.map((r) => t.roles[r] ?? r).join(', ');
    const requests = a.signatures.filter((s) => s.sentTo && !s.signed).map((s) => ({ s, m: requestTo(this._outbox ?? [], s.sentTo!) }));
    return html`<div class="block" data-form="agreement">
      <h4>${t.agreement}</h4>
      ${a.signatures.length ? html`<ul class="plain" part="signatures">${a.signatures.map((s) => this._renderSignature(s, a.waiting ?? []))}</ul>` : nothing}
      ${a.required.length ? html`<p class=${a.missing.length ? 'hint' : ''}>${a.missing.length ? t.missing(roles(a.missing)) : t.allSigned}</p>` : nothing}
      ${
        this._canSignAsCoordinator(d)
          ? html`<div class="actions">
        <button type="button" class="button small" part="sign-coordinator-button" @click=${() => this._openSign()}>${t.signAsCoordinator}</button></div>`
          : nothing
      }
      ${
        this.can.coordinate && (!a.signatures.length || a.missing.length)
          ? html`
        <h4>${t.signingLinks}</h4>
        <p class="hint">${t.signingHint}</p>
        ${
          requests.length
            ? html`<ul class="plain" part="signing-links">${requests.map(
                ({ s, m }) => html`<li data-request=${s.role}><strong>${t.roles[s.role] ?? s.role}</strong> ${t.requestTo(s.sentTo!)}:
          ${m ? renderDelivery(m, this.t.settings, (x) => this.instant(x)) : html`<span class="muted">${this._outbox === null ? this.t.common.loading : t.noRequest}</span>`}
          ${
            m?.status === 'failed'
              ? html`<button type="button" class="button secondary small" part="retry-button" aria-disabled=${this._busy ? 'true' : 'false'}
            @click=${() => void this._retry(d, m)}>${this.t.settings.retry}<span class="visually-hidden"> (${t.roles[s.role] ?? s.role})</span></button>`
              : nothing
          }</li>`,
              )}</ul>`
            : html`<p class="muted">${this._outbox === null ? this.t.common.loading : t.noLinks}</p>`
        }
        ${
          (d.status === 'offered' || d.status === 'accepted') && (!a.signatures.length || a.missing.length)
            ? html`<div class="actions">
          <button type="button" class="button secondary small" part="issue-links-button" @click=${() => void this._issue(d)}>${a.signatures.length ? t.reissueLinks : t.issueLinks}</button></div>`
            : nothing
        }
        ${this._problem('agreement')}`
          : nothing
      }
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
    return (
      this.can.coordinate && (d.status === 'offered' || d.status === 'accepted') && d.agreement.signatures.some((s) => s.role === 'coordinator' && !s.signed)
    );
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

  /** Sends a failed signing request again: the same link, still only to its signer. */
  private async _retry(d: ApplicationDetail, m: OutboxMessage): Promise<void> {
    if (this._busy) return;
    this._busy = 'agreement';
    this._failures = { ...this._failures, agreement: undefined };
    try {
      await this.api.post<OutboxMessage>(`/admin/outbox/${encodeURIComponent(m.id)}/retry`);
      this.done('outbox.retry', m.id, this.t.settings.retried(m.recipient));
      await this._loadOutbox(d.id);
    } catch (err) {
      this._fail('agreement', err);
    } finally {
      this._busy = null;
    }
  }

  private async _issue(d: ApplicationDetail): Promise<void> {
    if (this._busy) return;
    this._busy = 'agreement';
    this._failures = { ...this._failures, agreement: undefined };
    try {
      const r = await this.api.post<{ agreement: ApplicationDetail['agreement']; sent: { role: string; recipient: string }[] }>(
        `/admin/applications/${encodeURIComponent(d.id)}/agreement`,
      );
      this._detail.set({ ...(this._detail.value ?? d), agreement: r.agreement });
      this.done('agreement.issue', d.id, this.t.placements.issued(r.sent.length));
      await this._loadOutbox(d.id);
    } catch (err) {
      this._fail('agreement', err);
    } finally {
      this._busy = null;
    }
  }
}

WblConsolePlacements.define('wbl-console-placements');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-placements': WblConsolePlacements;
  }
}
