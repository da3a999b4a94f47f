import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  EmployerVetting,
  HostOfferApprove,
  HostOfferDecline,
  HostOfferReturn,
  type AdminEmployer,
  type AdminEmployerList,
  type EmployerVettingResult,
  type HostOfferApproval,
  type HostOfferDetail,
  type HostOfferList,
  type HostOfferSummary,
} from '../../../schema/api/admin/review.js';
import { CLUSTERS, HOST_OFFER_STATUSES, MODES, OPPORTUNITY_TYPES, SKILLS, VETTING_STATUSES, labelOf } from '../../../schema/vocab.js';
import { formatMoney } from '../../base/localize.js';
import type { Column } from '../console-table.js';
import { CONFIRM_PARTS, SectionElement } from '../section-base.js';
import { DetailController, ListController } from '../section-tasks.js';
import { check, readForm, renderField, strayErrors, type FieldSpec } from './form.js';

type View = 'offers' | 'employers';
type Decision = 'approve' | 'return' | 'decline';

const vettingClass = (s: string) => (s === 'approved' ? 'good' : s === 'suspended' ? 'bad' : 'wait');
const offerClass = (s: string) => (s === 'approved' ? 'good' : s === 'declined' ? 'bad' : s === 'pending' ? 'wait' : '');

/**
 * Review: employers' offers to host students (approve → the employer and the opportunity are
 * created; return with a message; decline), and employers with their vetting status.
 *
 * @internal
 * @tagname wbl-console-review
 */
export class WblConsoleReview extends SectionElement {
  protected readonly section = 'review' as const;

  static {
    for (const name of ['_view', '_offerStatus', '_vetting', '_employerQ', '_decision', '_approval']) this.createProperty(name, { state: true });
  }

  declare private _view: View;
  declare private _offerStatus: string;
  declare private _vetting: string;
  declare private _employerQ: string;
  declare private _decision: Decision;
  declare private _approval: HostOfferApproval | null;
  private _offer = new DetailController<HostOfferDetail>(
    this,
    (id, signal) => this.api.get<HostOfferDetail>(`/admin/review/host-offers/${encodeURIComponent(id)}`, undefined, signal),
    () => this.focusPane(),
  );
  private _employer = new DetailController<AdminEmployer>(
    this,
    (id, signal) => this.api.get<AdminEmployer>(`/admin/employers/${encodeURIComponent(id)}`, undefined, signal),
    () => this.focusPane(),
  );
  private _offers = new ListController<HostOfferSummary>(this, (cursor, signal) =>
    this.api.get<HostOfferList>('/admin/review/host-offers', { status: this._offerStatus, cursor, limit: 25 }, signal),
  );
  private _employers = new ListController<AdminEmployer>(this, (cursor, signal) =>
    this.api.get<AdminEmployerList>('/admin/employers', { vetting: this._vetting || undefined, q: this._employerQ || undefined, cursor, limit: 25 }, signal),
  );

  constructor() {
    super();
    this._view = 'offers';
    this._offerStatus = 'pending';
    this._vetting = '';
    this._employerQ = '';
    this._decision = 'approve';
    this._approval = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('path')) this._follow(this.path);
    if (this.api) {
      const list = this._view === 'offers' ? this._offers : this._employers;
      if (!list.started) void list.load();
    }
  }

  private _follow(path: string): void {
    this.errors = {};
    this.failure = null;
    if (path.startsWith('hof_')) {
      this._view = 'offers';
      this._employer.clear();
      if (!this._offer.shows(path)) {
        this._approval = null;
        this._decision = 'approve';
        void this._offer.open(path, true);
      }
      this.focusPane();
    } else if (path.startsWith('emp_')) {
      this._view = 'employers';
      this._offer.clear();
      if (!this._employer.shows(path)) void this._employer.open(path, true);
      this.focusPane();
    } else {
      this._offer.clear();
      this._employer.clear();
      this._approval = null;
    }
  }

  private _show(view: View): void {
    if (view === this._view) return;
    this._view = view;
    if (this.path) this.navigate('');
  }

  // --- lists ----------------------------------------------------------------------------------

  private get _offerColumns(): Column<HostOfferSummary>[] {
    const t = this.t.review;
    return [
      { key: 'org', label: t.organization, value: (o) => o.organizationName, cell: (o) => html`<a href=${this.href(o.id)}>${o.organizationName}</a>` },
      { key: 'title', label: t.offer, value: (o) => o.title, cell: (o) => o.title },
      { key: 'type', label: t.type, value: (o) => labelOf(OPPORTUNITY_TYPES, o.type, this.l), cell: (o) => labelOf(OPPORTUNITY_TYPES, o.type, this.l) },
      { key: 'contact', label: t.contact, value: (o) => o.contactName, cell: (o) => html`${o.contactName}<br><span class="muted">${o.contactEmail}</span>` },
      { key: 'received', label: t.received, short: true, value: (o) => o.createdAt, cell: (o) => this.date(o.createdAt) },
      {
        key: 'status',
        label: this.t.common.status,
        value: (o) => o.status,
        cell: (o) => html`<span class="badge ${offerClass(o.status)}">${this.t.status[o.status]}</span>`,
      },
      { key: 'ref', label: t.reference, short: true, value: (o) => o.reference, cell: (o) => o.reference },
    ];
  }

  private get _employerColumns(): Column<AdminEmployer>[] {
    const t = this.t.review;
    return [
      { key: 'name', label: t.organization, value: (e) => e.name, cell: (e) => html`<a href=${this.href(e.id)}>${e.name}</a>` },
      {
        key: 'vetting',
        label: t.vetting,
        value: (e) => e.vettingStatus,
        cell: (e) => html`<span class="badge ${vettingClass(e.vettingStatus)}">${this.t.status[e.vettingStatus]}</span>`,
      },
      { key: 'published', label: t.published, numeric: true, value: (e) => e.publishedOpportunities, cell: (e) => String(e.publishedOpportunities) },
      { key: 'insurance', label: t.insurance, short: true, value: (e) => e.insuranceExpiresOn, cell: (e) => this.date(e.insuranceExpiresOn) },
      { key: 'city', label: t.city, value: (e) => e.city, cell: (e) => e.city ?? '—' },
    ];
  }

  override render(): TemplateResult {
    const t = this.t.review;
    const c = this.t.common;
    const offers = this._view === 'offers';
    const pane = this._renderPane();
    return html`
      <div class="toolbar">
        <div class="tabs" role="group" aria-label=${t.view}>
          <button type="button" aria-pressed=${offers ? 'true' : 'false'} @click=${() => this._show('offers')}>${t.offers}</button>
          <button type="button" aria-pressed=${offers ? 'false' : 'true'} @click=${() => this._show('employers')}>${t.employers}</button>
        </div>
        ${
          offers
            ? html`<div class="field"><label for="rv-status">${t.offerStatus}</label>
          <select id="rv-status" @change=${(e: Event) => {
            this._offerStatus = (e.target as HTMLSelectElement).value;
            void this._offers.load();
          }}>
            ${HOST_OFFER_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this._offerStatus}>${this.t.status[s]}</option>`)}
          </select></div>`
            : html`<div class="field"><label for="rv-vetting">${t.vettingStatus}</label>
          <select id="rv-vetting" @change=${(e: Event) => {
            this._vetting = (e.target as HTMLSelectElement).value;
            void this._employers.load();
          }}>
            <option value="">${c.all}</option>
            ${VETTING_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this._vetting}>${this.t.status[s]}</option>`)}
          </select></div>`
        }
      </div>
      <div class="split ${pane === nothing ? '' : 'with-pane'}">
        ${
          offers
            ? this.renderTable(this._offers, t.offersLabel, this._offerColumns, { emptyText: this._offerStatus === 'pending' ? t.emptyPending : '' })
            : this.renderTable(this._employers, t.employersLabel, this._employerColumns, {
                filter: (q) => {
                  this._employerQ = q;
                  void this._employers.load();
                },
              })
        }
        ${pane}
      </div>
      <wbl-console-confirm exportparts=${CONFIRM_PARTS}></wbl-console-confirm>`;
  }

  // --- detail panes ---------------------------------------------------------------------------

  private _renderPane(): TemplateResult | typeof nothing {
    const path = this.path;
    if (!path.startsWith('hof_') && !path.startsWith('emp_')) return nothing;
    return path.startsWith('hof_')
      ? this.renderDetail(this._offer, path, (o) => [o.organizationName, this._renderOffer(o)])
      : this.renderDetail(this._employer, path, (e) => [e.name, this._renderEmployer(e)]);
  }

  private _renderOffer(o: HostOfferDetail): TemplateResult {
    const t = this.t.review;
    const s = o.submission;
    const op = s.opportunity as typeof s.opportunity & { compensation?: { type: string; amountCents?: number } };
    const pay =
      !op.compensation || op.compensation.type === 'unpaid' || !op.compensation.amountCents
        ? this.t.opportunities.unpaid
        : formatMoney(op.compensation.amountCents, this.l) + (op.compensation.type === 'hourly' ? '/h' : '');
    const fact = (term: string, value: unknown) => (value === null || value === undefined || value === '' ? nothing : html`<dt>${term}</dt><dd>${value}</dd>`);
    const open = o.status === 'pending' || o.status === 'returned';
    return html`
      <p><span class="badge ${offerClass(o.status)}">${this.t.status[o.status]}</span> <span class="muted">${o.reference} · ${t.received} ${this.date(o.createdAt)}</span></p>
      ${
        this._approval
          ? html`<div class="ok-note" role="status">
        <p>${t.approved(this._approval.employer.name, this._approval.employer.created, this._approval.opportunity.title, this.t.status[this._approval.opportunity.status] ?? this._approval.opportunity.status)}</p>
        <p><a href="#opportunities/${encodeURIComponent(this._approval.opportunity.id)}">${t.openOpportunity}</a></p></div>`
          : nothing
      }
      <h4>${t.submitted}</h4>
      <dl class="facts">
        ${fact(t.offer, op.title)}
        ${fact(t.type, labelOf(OPPORTUNITY_TYPES, op.type, this.l))}
        ${fact(t.description, op.description)}
        ${fact(t.tasks, op.tasks.join('\n'))}
        ${fact(t.skills, [...op.skills.map((k) => labelOf(SKILLS, k, this.l)), ...op.technicalSkills].join(', '))}
        ${fact(t.schedule, op.schedule)}
        ${fact(t.capacity, op.capacity)}
        ${fact(t.pay, pay)}
        ${fact(t.where, labelOf(MODES, op.mode, this.l))}
        ${fact(t.organization, s.organization.name)}
        ${fact(t.address, [s.organization.address, s.organization.city, s.organization.state, s.organization.postalCode].filter(Boolean).join(', '))}
        ${fact(t.website, s.organization.website)}
        ${fact(t.contact, [s.contact.name, s.contact.title, s.contact.email, s.contact.phone].filter(Boolean).join('\n'))}
        ${o.reviewedBy ? fact(t.reviewedBy(o.reviewedBy.name, this.date(o.reviewedAt)), o.reviewMessage ?? '') : nothing}
      </dl>
      ${open ? this._renderDecision(o) : nothing}`;
  }

  private _approveSpecs(o: HostOfferDetail): FieldSpec[] {
    const t = this.t.review;
    return [
      {
        name: 'status',
        label: t.approveTitle,
        type: 'radios',
        value: 'published',
        options: [
          ['published', t.publishNow],
          ['draft', t.saveDraft],
        ],
      },
      ...(o.similarEmployers.length
        ? [
            {
              name: 'employerId',
              label: t.employer,
              type: 'radios',
              value: '',
              optional: true,
              empty: 'omit',
              options: [
                ['', t.newEmployer],
                ...o.similarEmployers.map((e) => [e.id, t.linkEmployer(e.name, this.t.status[e.vettingStatus] ?? e.vettingStatus)] as const),
              ],
            } satisfies FieldSpec,
          ]
        : []),
      {
        name: 'cluster',
        label: t.cluster,
        type: 'select',
        value: o.submission.organization.clusters[0],
        options: CLUSTERS.map((c) => [c.code, c.label[this.l]] as const),
      },
      { name: 'applicationDeadline', label: t.deadline, type: 'date', optional: true, empty: 'omit' },
      { name: 'message', label: t.messageToEmployer, type: 'textarea', optional: true, empty: 'omit' },
    ];
  }

  private _renderDecision(o: HostOfferDetail): TemplateResult {
    const t = this.t.review;
    const c = this.t.common;
    const d = this._decision;
    const specs: FieldSpec[] =
      d === 'approve'
        ? this._approveSpecs(o)
        : d === 'return'
          ? [{ name: 'message', label: t.returnMessage, type: 'textarea' }]
          : [{ name: 'reason', label: t.declineReason, type: 'textarea' }];
    const stray = strayErrors(this.errors, specs);
    return html`
      <fieldset>
        <legend>${t.decide}</legend>
        <div class="checks">${(['approve', 'return', 'decline'] as const).map(
          (k) => html`<label><input type="radio" name="decision" .checked=${d === k}
          @change=${() => {
            this._decision = k;
            this.errors = {};
            this.failure = null;
          }}><span>${k === 'approve' ? t.approve : k === 'return' ? t.returnIt : t.decline}</span></label>`,
        )}</div>
      </fieldset>
      <form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._decide(e, o, specs)}>
        ${stray.length ? html`<div class="problem" role="alert"><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
        ${this.failure ? this.renderProblem(this.failure) : nothing}
        ${specs.map((f) => renderField(f, this.errors, 'rv', c.optional, c.choose))}
        <div class="actions"><button type="submit" part="decide-button" class="button ${d === 'decline' ? 'danger' : ''}" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.busy ? c.saving : d === 'approve' ? t.approveButton : d === 'return' ? t.returnButton : t.declineButton}</button></div>
      </form>`;
  }

  private async _decide(e: SubmitEvent, o: HostOfferDetail, specs: FieldSpec[]): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const t = this.t.review;
    const d = this._decision;
    const body = readForm(e.target as HTMLFormElement, specs);
    if (d === 'approve' && !body.employerId) delete body.employerId;
    const schema = d === 'approve' ? HostOfferApprove : d === 'return' ? HostOfferReturn : HostOfferDecline;
    // Declining asks first, and only once what was typed is valid.
    if (
      d === 'decline' &&
      !Object.keys(check(schema, body)).length &&
      !(await this.confirm({ title: t.confirmDecline(o.organizationName), body: t.confirmDeclineBody, confirm: t.declineButton, danger: true }))
    )
      return;
    const base = `/admin/review/host-offers/${encodeURIComponent(o.id)}`;
    if (d === 'approve') {
      await this.submitForm(
        schema,
        body,
        () => this.api.post<HostOfferApproval>(`${base}/approve`, body),
        (approval) => {
          this._approval = approval;
          this._decided(o, approval.offer);
          this.done(
            'host-offer.approve',
            o.id,
            t.approved(
              approval.employer.name,
              approval.employer.created,
              approval.opportunity.title,
              this.t.status[approval.opportunity.status] ?? approval.opportunity.status,
            ),
          );
        },
      );
    } else {
      await this.submitForm(
        schema,
        body,
        () => this.api.post<HostOfferDetail>(`${base}/${d}`, body),
        (offer) => {
          this._decided(o, offer);
          this.done(`host-offer.${d}`, o.id, d === 'return' ? t.returnedDone : t.declinedDone);
        },
      );
    }
  }

  private _decided(o: HostOfferDetail, offer: HostOfferDetail): void {
    this._offer.set(offer);
    this._offers.update((x) => x.id, o.id, offer.status === this._offerStatus ? { ...offer } : null);
    this.focusPane();
  }

  private _renderEmployer(e: AdminEmployer): TemplateResult {
    const t = this.t.review;
    const c = this.t.common;
    const fact = (term: string, value: unknown) => html`<dt>${term}</dt><dd>${value === null || value === undefined || value === '' ? '—' : value}</dd>`;
    const specs: FieldSpec[] = [
      { name: 'status', label: t.vettingStatus, type: 'select', value: e.vettingStatus, options: VETTING_STATUSES.map((s) => [s, this.t.status[s]!] as const) },
      { name: 'note', label: t.vettingNote, type: 'textarea', optional: true, empty: 'omit' },
    ];
    return html`
      <p><span class="badge ${vettingClass(e.vettingStatus)}">${this.t.status[e.vettingStatus]}</span></p>
      <dl class="facts">
        ${fact(t.website, e.website)}
        ${fact(t.address, [e.address, e.city, e.state, e.postalCode].filter(Boolean).join(', '))}
        ${fact(t.contact, [e.contact.name, e.contact.title, e.contact.email, e.contact.phone].filter(Boolean).join('\n'))}
        ${fact(t.published, e.publishedOpportunities)}
        ${fact(t.liability, this.date(e.liabilityAgreementOn))}
        ${fact(t.insurance, this.date(e.insuranceExpiresOn))}
        ${fact(c.updated, this.instant(e.updatedAt))}
      </dl>
      <form class="grid" novalidate @submit=${(ev: SubmitEvent) => void this._vet(ev, e, specs)}>
        ${this.failure ? this.renderProblem(this.failure) : nothing}
        ${specs.map((f) => renderField(f, this.errors, 'vt', c.optional, c.choose))}
        <div class="actions"><button type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : t.saveVetting}</button></div>
      </form>`;
  }

  private async _vet(ev: SubmitEvent, e: AdminEmployer, specs: FieldSpec[]): Promise<void> {
    ev.preventDefault();
    if (this.busy) return;
    const t = this.t.review;
    const body = readForm(ev.target as HTMLFormElement, specs);
    if (
      body.status === 'suspended' &&
      e.vettingStatus !== 'suspended' &&
      !(await this.confirm({ title: t.confirmSuspend(e.name), body: t.confirmSuspendBody, confirm: t.suspend, danger: true }))
    )
      return;
    await this.submitForm(
      EmployerVetting,
      body,
      () => this.api.post<EmployerVettingResult>(`/admin/employers/${encodeURIComponent(e.id)}/vetting`, body),
      (result) => {
        this._employer.set(result.employer);
        this._employers.update((x) => x.id, e.id, result.employer);
        const status = this.t.status[result.employer.vettingStatus] ?? result.employer.vettingStatus;
        this.done(
          'employer.vetting',
          e.id,
          [t.vettingSaved(e.name, status), result.closedOpportunityIds.length ? t.closedBecause(result.closedOpportunityIds.length) : '']
            .filter(Boolean)
            .join(' '),
        );
      },
    );
  }
}

WblConsoleReview.define('wbl-console-review');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-review': WblConsoleReview;
  }
}
