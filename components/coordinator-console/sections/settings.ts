import { html, nothing, type TemplateResult } from 'lit';
import type { AdminAuditEntry } from '../../../schema/api/admin/audit.js';
import { OUTBOX_STATUSES, type OutboxMessage } from '../../../schema/api/admin/placements.js';
import { SiteCreate, SiteUpdate, type AdminSite, type SiteKeyRotation } from '../../../schema/api/admin/sites.js';
import type { Column } from '../console-table.js';
import { CONFIRM_PARTS } from '../section-base.js';
import { renderDelivery } from './delivery.js';
import { readForm, renderField, strayErrors, type FieldSpec } from './form.js';
import { ENTITIES, links, SettingsUsers } from './settings-users.js';

/**
 * Settings: sites and their keys (administrators: origins, school, rotate the key), staff
 * users (administrators: add, change role, disable, reset a password; coordinators: see and add
 * employer supervisors, so a newly approved employer has someone to sign hours), the outbox (every message the system wrote and where it is on its way, one-time links never shown; a failed one can be sent again), and the audit log.
 *
 * @internal
 * @tagname wbl-console-settings
 */
export class WblConsoleSettings extends SettingsUsers {
  protected readonly section = 'settings' as const;

  // --- lists ----------------------------------------------------------------------------------

  private get _siteColumns(): Column<AdminSite>[] {
    const t = this.t.settings;
    return [
      { key: 'name', label: t.name, value: (s) => s.name, cell: (s) => html`<a href=${this.href(s.id)}>${s.name}</a>` },
      { key: 'key', label: t.key, value: (s) => s.publishableKey, cell: (s) => html`<code>${s.publishableKey}</code>` },
      { key: 'origins', label: t.origins, wrap: true, value: (s) => s.allowedOrigins.join(' '), cell: (s) => s.allowedOrigins.join('\n') || '—' },
      { key: 'school', label: t.school, value: (s) => s.school?.name ?? '', cell: (s) => s.school?.name ?? t.districtWide },
      {
        key: 'status',
        label: this.t.common.status,
        value: (s) => s.status,
        cell: (s) => html`<span class="badge ${s.status === 'active' ? 'good' : 'bad'}">${t.status[s.status] ?? s.status}</span>`,
      },
    ];
  }

  private get _outboxColumns(): Column<OutboxMessage>[] {
    const t = this.t.settings;
    return [
      { key: 'subject', label: t.subject, wrap: true, value: (m) => m.subject, cell: (m) => html`<a href=${this.href(m.id)}>${m.subject}</a>` },
      { key: 'to', label: t.recipient, address: true, value: (m) => m.recipient, cell: (m) => m.recipient },
      { key: 'related', label: t.related, value: (m) => m.relatedId, cell: (m) => m.relatedId ?? '—' },
      { key: 'sent', label: t.sent, value: (m) => m.createdAt, cell: (m) => this.instant(m.createdAt) },
      {
        key: 'delivery',
        label: t.deliveryLabel,
        wrap: true,
        value: (m) => OUTBOX_STATUSES.indexOf(m.status),
        cell: (m) => html`${renderDelivery(m, t, (x) => this.instant(x))}${this._retryButton(m, false)}`,
      },
    ];
  }

  /** "Send again", on a failed message only (the Worker refuses any other). */
  private _retryButton(m: OutboxMessage, part = true): TemplateResult | typeof nothing {
    return m.status === 'failed' && this.can.coordinate
      ? html` <button type="button" class="button secondary small" data-action="retry" part=${part ? 'retry-button' : nothing} aria-disabled=${this.busy ? 'true' : 'false'}
        @click=${() => void this._retry(m)}>${this.t.settings.retry}<span class="visually-hidden"> (${m.recipient})</span></button>`
      : nothing;
  }

  private async _retry(m: OutboxMessage): Promise<void> {
    await this.submitForm(
      null,
      null,
      () => this.api.post<OutboxMessage>(`/admin/outbox/${encodeURIComponent(m.id)}/retry`),
      (r) => {
        this._outbox.update((x) => x.id, m.id, this._delivery && this._delivery !== r.status ? null : r);
        if (this._message?.id === m.id) this._message = r;
        this.done('outbox.retry', m.id, this.t.settings.retried(m.recipient));
      },
    );
  }

  private get _auditColumns(): Column<AdminAuditEntry>[] {
    const t = this.t.settings;
    return [
      { key: 'when', label: t.when, value: (a) => a.at, cell: (a) => this.instant(a.at) },
      {
        key: 'who',
        label: t.who,
        value: (a) => a.actorName ?? a.actorId ?? '',
        cell: (a) => a.actorName ?? (a.actorType === 'system' ? t.system : (a.actorId ?? '—')),
      },
      { key: 'action', label: t.action, value: (a) => a.action, cell: (a) => html`<code>${a.action}</code>` },
      { key: 'record', label: t.record, value: (a) => `${a.entity} ${a.entityId ?? ''}`, cell: (a) => `${a.entity}${a.entityId ? ` · ${a.entityId}` : ''}` },
      {
        key: 'detail',
        label: t.detail,
        wrap: true,
        cell: (a) =>
          a.detail
            ? Object.entries(a.detail)
                .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                .join('; ')
            : '—',
      },
    ];
  }

  override render(): TemplateResult {
    const t = this.t.settings;
    const view = this._view;
    const list = this._list(view);
    const label = view === 'sites' ? t.sitesLabel : view === 'users' ? t.users.label : view === 'outbox' ? t.outboxLabel : t.auditLabel;
    const columns = (
      view === 'sites' ? this._siteColumns : view === 'users' ? this._userColumns : view === 'outbox' ? this._outboxColumns : this._auditColumns
    ) as Column<unknown>[];
    const pane = this._renderPane();
    return html`
      <div class="toolbar">
        <div class="tabs" role="group" aria-label=${t.view}>
          ${this._views.map((v) => html`<button type="button" aria-pressed=${v === view ? 'true' : 'false'} @click=${() => this._show(v)}>${v === 'users' ? t.users.tab : t[v]}</button>`)}
        </div>
        ${view === 'sites' ? html`<div class="actions"><a class="button" href=${this.href('new-site')}>${t.newSite}</a></div>` : nothing}
        ${view === 'users' ? html`<div class="actions"><a class="button" part="add-user" href=${this.href('new-user')}>${t.users.add}</a></div>` : nothing}
        ${
          view === 'outbox'
            ? html`<div class="field"><label for="ob-status">${t.deliveryLabel}</label>
          <select id="ob-status" part="delivery-filter" @change=${(e: Event) => {
            this._delivery = (e.target as HTMLSelectElement).value;
            void this._outbox.load();
          }}>
            <option value="">${t.deliveryAll}</option>${OUTBOX_STATUSES.map((x) => html`<option value=${x} ?selected=${x === this._delivery}>${t.delivery[x]}</option>`)}
          </select></div>`
            : nothing
        }
        ${
          view === 'audit'
            ? html`<div class="field"><label for="au-entity">${t.entity}</label>
          <select id="au-entity" @change=${(e: Event) => {
            this._entity = (e.target as HTMLSelectElement).value;
            void this._audit.load();
          }}>
            <option value="">${t.entityAll}</option>${ENTITIES.map((x) => html`<option value=${x} ?selected=${x === this._entity}>${x}</option>`)}
          </select></div>`
            : nothing
        }
      </div>
      ${view === 'outbox' ? html`<p class="hint">${t.outboxIntro}</p>${this.failure && !this.path ? this.renderProblem(this.failure) : nothing}` : nothing}
      ${view === 'users' && !this.can.admin ? html`<p class="hint" part="supervisors-intro">${t.users.coordinatorIntro}</p>` : nothing}
      <div class="split ${pane === nothing ? '' : 'with-pane'}">
        ${this.renderTable(list, label, columns)}
        ${pane}
      </div>
      <wbl-console-confirm exportparts=${CONFIRM_PARTS}></wbl-console-confirm>`;
  }

  // --- panes ----------------------------------------------------------------------------------

  private _renderPane(): TemplateResult | typeof nothing {
    const t = this.t.settings;
    const c = this.t.common;
    const path = this.path;
    if (path === 'new-site' && this.can.admin) return this.renderPane(t.newTitle, this._renderSiteForm(null));
    if (path === 'new-user' && this._canUsers)
      return this.renderPane(this.can.admin ? t.users.addTitle : t.users.addSupervisorTitle, this._renderUserForm(null));
    if (path.startsWith('usr_') && this._canUsers) {
      return this.renderDetail(this._user, path, (u) => [u.name, this._renderUser(u)]);
    }
    if (path.startsWith('site_') && this.can.admin) {
      return this.renderDetail(this._site, path, (s) => [s.name, this._renderSite(s)]);
    }
    if (path.startsWith('msg_')) {
      const m = this._message ?? this._outbox.items.find((x) => x.id === path);
      return m
        ? this.renderPane(m.subject, this._renderMessage(m))
        : this._outbox.status === 'loading'
          ? this.renderPane(c.loading, html`<p role="status" class="muted">${c.loading}</p>`, true)
          : this.renderPane(c.notFound, html`<p>${c.notFound}</p>`);
    }
    return nothing;
  }

  private _renderMessage(m: OutboxMessage): TemplateResult {
    const t = this.t.settings;
    const found = links(m.body);
    return html`
      <dl class="facts"><dt>${t.recipient}</dt><dd>${m.recipient}</dd><dt>${t.sent}</dt><dd>${this.instant(m.createdAt)}</dd>
        <dt>${t.deliveryLabel}</dt><dd>${renderDelivery(m, t, (x) => this.instant(x))}</dd>
        ${m.relatedId ? html`<dt>${t.related}</dt><dd>${m.relatedId.startsWith('app_') ? html`<a href="#placements/${encodeURIComponent(m.relatedId)}">${m.relatedId}</a>` : m.relatedId}</dd>` : nothing}</dl>
      <h4 id="msg-body">${t.body}</h4>
      <pre aria-labelledby="msg-body" tabindex="0">${m.body}</pre>
      <div class="actions"><button type="button" class="button secondary" part="copy-button" @click=${() => void this.copy(`${m.subject}\n\n${m.body}`, t.body)}>${t.copyBody}</button>${this._retryButton(m)}</div>
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      ${
        found.length
          ? html`<h4>${t.links}</h4><ul class="plain">${found.map(
              (url) => html`<li class="copy-row"><code>${url}</code>
        <button type="button" class="button secondary small" @click=${() => void this.copy(url, t.link)}>${t.copyLink}</button></li>`,
            )}</ul>`
          : nothing
      }`;
  }

  private _renderSite(s: AdminSite): TemplateResult {
    const t = this.t.settings;
    const r = this._rotation;
    return html`
      <dl class="facts">
        <dt>${t.key}</dt><dd><div class="copy-row"><code>${s.publishableKey}</code>
          <button type="button" class="button secondary small" @click=${() => void this.copy(s.publishableKey, t.key)}>${t.copyKey}</button></div></dd>
        <dt>${this.t.common.status}</dt><dd>${t.status[s.status] ?? s.status}</dd>
        <dt>${this.t.common.created}</dt><dd>${this.date(s.createdAt)}</dd>
      </dl>
      ${
        r
          ? html`<div class="ok-note" role="status"><p><strong>${t.newKey}:</strong> <code>${r.site.publishableKey}</code></p>
        <p class="muted">${t.previousKey}: <code>${r.previousKey}</code></p><p>${r.note}</p></div>`
          : nothing
      }
      ${s.status !== 'revoked' ? html`<div class="actions"><button type="button" class="button danger secondary" part="rotate-button" @click=${() => void this._rotate(s)}>${t.rotate}</button></div>` : nothing}
      ${this._renderSiteForm(s)}`;
  }

  private _siteSpecs(s: AdminSite | null): FieldSpec[] {
    const t = this.t.settings;
    return [
      { name: 'name', label: t.name, type: 'text', value: s?.name },
      { name: 'allowedOrigins', label: t.origins, type: 'lines', value: s?.allowedOrigins ?? [], hint: t.originsHint },
      ...(this._schoolList.length
        ? [
            {
              name: 'schoolId',
              label: t.school,
              type: 'select',
              optional: true,
              empty: 'null',
              value: s?.school?.id,
              options: this._schoolList.map((x) => [x.id, x.name] as const),
            } satisfies FieldSpec,
          ]
        : []),
      { name: 'calendarPageUrl', label: t.calendarPage, type: 'url', optional: true, empty: 'null', value: s?.calendarPageUrl, hint: t.calendarPageHint },
      { name: 'studentPageUrl', label: t.studentPage, type: 'url', optional: true, empty: 'null', value: s?.studentPageUrl, hint: t.studentPageHint },
    ];
  }

  private _renderSiteForm(s: AdminSite | null): TemplateResult {
    const c = this.t.common;
    const specs = this._siteSpecs(s);
    const stray = strayErrors(this.errors, specs).filter((m) => !/^allowedOrigins\.\d+/.test(m));
    const originErrors = Object.entries(this.errors)
      .filter(([k]) => k.startsWith('allowedOrigins.'))
      .map(([, v]) => v);
    const errors = originErrors.length && !this.errors.allowedOrigins ? { ...this.errors, allowedOrigins: originErrors[0]! } : this.errors;
    if (s?.status === 'revoked') return html``;
    return html`<form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._saveSite(e, s)}>
      ${stray.length ? html`<div class="problem" role="alert"><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      ${specs.map((f) => renderField(f, errors, 'site', c.optional, this.t.settings.districtWide))}
      <div class="actions"><button type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : s ? c.save : this.t.settings.create}</button></div>
    </form>`;
  }

  private async _saveSite(e: SubmitEvent, s: AdminSite | null): Promise<void> {
    e.preventDefault();
    const t = this.t.settings;
    const body = readForm(e.target as HTMLFormElement, this._siteSpecs(s));
    if (!s && body.schoolId === null) delete body.schoolId;
    await this.submitForm(
      s ? SiteUpdate : SiteCreate,
      body,
      () => (s ? this.api.patch<AdminSite>(`/admin/sites/${encodeURIComponent(s.id)}`, body) : this.api.post<AdminSite>('/admin/sites', body)),
      (saved) => {
        this._site.set(saved);
        void this._sites.load();
        this.done(s ? 'site.update' : 'site.create', saved.id, (s ? t.savedDone : t.createdDone)(saved.name));
        if (!s) this.navigate(saved.id, true);
        this.focusPane();
      },
    );
  }

  private async _rotate(s: AdminSite): Promise<void> {
    const t = this.t.settings;
    if (!(await this.confirm({ title: t.confirmRotate(s.name), body: t.confirmRotateBody, confirm: t.rotate, danger: true }))) return;
    await this.submitForm(
      null,
      null,
      () => this.api.post<SiteKeyRotation>(`/admin/sites/${encodeURIComponent(s.id)}/rotate-key`),
      (r) => {
        this._rotation = r;
        this._site.set(r.site);
        this._sites.update((x) => x.id, s.id, r.site);
        this.done('site.rotate-key', s.id, t.rotatedDone(s.name));
      },
    );
  }
}

WblConsoleSettings.define('wbl-console-settings');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-settings': WblConsoleSettings;
  }
}
