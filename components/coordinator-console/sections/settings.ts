import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AdminAuditEntry, AdminAuditList } from '../../../schema/api/admin/audit.js';
import type { OutboxList, OutboxMessage } from '../../../schema/api/admin/placements.js';
import { SiteCreate, SiteUpdate, type AdminSchool, type AdminSite, type AdminSiteList, type SiteKeyRotation } from '../../../schema/api/admin/sites.js';
import type { AdminEmployerList } from '../../../schema/api/admin/review.js';
import { UserCreate, UserUpdate, type AdminUser, type AdminUserList, type PasswordReset, type UserCreated } from '../../../schema/api/admin/users.js';
import { USER_ROLES } from '../../../schema/vocab.js';
import type { Column } from '../console-table.js';
import { DetailController, ListController, SectionElement } from '../section-base.js';
import { initialState, lookup } from '../section-tasks.js';
import { readForm, renderField, strayErrors, type FieldSpec } from './form.js';
import { loadSchools } from './lookups.js';

type View = 'sites' | 'users' | 'outbox' | 'audit';
/** A temporary password, shown once in the pane of the user it belongs to. */
interface Secret { userId: string; name: string; password: string }
const ENTITIES = ['student', 'host_offer', 'employer', 'opportunity', 'event', 'application', 'site', 'report', 'user'];
const links = (text: string) => [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];

/**
 * Settings: sites and their keys (administrators: origins, school, rotate the key), staff
 * users (administrators: add, change role, disable, reset a password; coordinators: see and add
 * employer supervisors, so a newly approved employer has someone to sign hours), the outbox (every message the system would have emailed, to copy and send), and the audit log.
 *
 * @internal
 * @tagname wbl-console-settings
 */
export class WblConsoleSettings extends SectionElement {
  protected readonly section = 'settings' as const;

  static {
    for (const name of ['_view', '_entity', '_message', '_rotation', '_secret', '_formRole']) this.createProperty(name, { state: true });
  }

  declare private _view: View;
  declare private _entity: string;
  declare private _message: OutboxMessage | null;
  declare private _rotation: SiteKeyRotation | null;
  declare private _secret: Secret | null;
  /** The role chosen in the open user form: a supervisor's form asks for an employer. */
  declare private _formRole: string;
  private _site = new DetailController<AdminSite>(this,
    (id, signal) => this.api.get<AdminSite>(`/admin/sites/${encodeURIComponent(id)}`, undefined, signal), () => this.focusPane());
  private _user = new DetailController<AdminUser>(this,
    (id, signal) => this.api.get<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, undefined, signal), (user) => {
      this._formRole = user.role;
      this.focusPane();
    });
  private _schools = lookup(this, () => [this.api, this.can.admin] as const, ([api, admin]) => (api && admin ? loadSchools(api) : initialState));
  // Only vetted employers get supervisor accounts: the Worker refuses the others.
  private _employers = lookup(this, () => [this.api, this._canUsers] as const, ([api, can], signal) => (api && can
    ? api.get<AdminEmployerList>('/admin/employers', { vetting: 'approved', limit: 100 }, signal).then((page) => page.items.map((e) => ({ id: e.id, name: e.name })))
    : initialState));
  private _sites = new ListController<AdminSite>(this, (cursor, signal) => this.api.get<AdminSiteList>('/admin/sites', { cursor, limit: 50 }, signal));
  private _users = new ListController<AdminUser>(this, (cursor, signal) => this.api.get<AdminUserList>('/admin/users', { cursor, limit: 50 }, signal));
  private _outbox = new ListController<OutboxMessage>(this, (cursor, signal) => this.api.get<OutboxList>('/admin/outbox', { cursor, limit: 25 }, signal));
  private _audit = new ListController<AdminAuditEntry>(this, (cursor, signal) =>
    this.api.get<AdminAuditList>('/admin/audit', { entity: this._entity || undefined, cursor, limit: 50 }, signal));

  constructor() {
    super();
    this._view = 'outbox';
    this._entity = '';
    this._message = null;
    this._rotation = null;
    this._secret = null;
    this._formRole = 'coordinator';
  }

  private get _views(): View[] {
    return this.can.admin ? ['sites', 'users', 'outbox', 'audit'] : ['outbox', 'users', 'audit'];
  }

  /** Administrators manage every account; a coordinator sees and adds supervisors only (the Worker enforces it). */
  private get _canUsers(): boolean {
    return this.can.coordinate;
  }

  private _list(view: View): ListController<unknown> {
    return ({ sites: this._sites, users: this._users, outbox: this._outbox, audit: this._audit } as Record<View, ListController<unknown>>)[view];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('user') && this.user && !changed.get('user')) this._view = this._views[0]!;
    if (changed.has('path')) this._follow(this.path);
    if (this.api) {
      const list = this._list(this._view);
      if (!list.started) void list.load();
    }
  }

  private _follow(path: string): void {
    this._site.abort();
    this._user.abort();
    this.errors = {};
    this.failure = null;
    this._rotation = null;
    // A temporary password stays only in the pane of its user; anywhere else it is gone for good.
    if (this._secret && this._secret.userId !== path) this._secret = null;
    if ((path.startsWith('usr_') || path === 'new-user') && this._canUsers) {
      this._view = 'users';
      this._formRole = !this.can.admin ? 'supervisor' : path === 'new-user' ? 'coordinator' : this._user.value?.id === path ? this._user.value.role : '';
      if (path !== 'new-user' && !this._user.shows(path)) void this._user.open(path, true);
      this.focusPane();
    } else if ((path.startsWith('site_') || path === 'new-site') && this.can.admin) {
      this._view = 'sites';
      if (path !== 'new-site' && !this._site.shows(path)) void this._site.open(path, true);
      this.focusPane();
    } else if (path.startsWith('msg_')) {
      this._view = 'outbox';
      this._message = this._outbox.items.find((m) => m.id === path) ?? null;
      this.focusPane();
    }
  }

  private get _schoolList(): AdminSchool[] {
    return this._schools.value ?? [];
  }

  private _show(view: View): void {
    if (view === this._view) return;
    this._view = view;
    if (this.path) this.navigate('');
  }

  // --- lists ----------------------------------------------------------------------------------

  private get _siteColumns(): Column<AdminSite>[] {
    const t = this.t.settings;
    return [
      { key: 'name', label: t.name, value: (s) => s.name, cell: (s) => html`<a href=${this.href(s.id)}>${s.name}</a>` },
      { key: 'key', label: t.key, value: (s) => s.publishableKey, cell: (s) => html`<code>${s.publishableKey}</code>` },
      { key: 'origins', label: t.origins, wrap: true, value: (s) => s.allowedOrigins.join(' '), cell: (s) => s.allowedOrigins.join('\n') || '—' },
      { key: 'school', label: t.school, value: (s) => s.school?.name ?? '', cell: (s) => s.school?.name ?? t.districtWide },
      { key: 'status', label: this.t.common.status, value: (s) => s.status, cell: (s) => html`<span class="badge ${s.status === 'active' ? 'good' : 'bad'}">${t.status[s.status] ?? s.status}</span>` },
    ];
  }

  private get _userColumns(): Column<AdminUser>[] {
    const t = this.t.settings.users;
    const columns: Column<AdminUser>[] = [
      { key: 'name', label: t.name, value: (u) => u.name, cell: (u) => html`<a href=${this.href(u.id)}>${u.name}</a>` },
      { key: 'email', label: t.email, value: (u) => u.email, cell: (u) => u.email },
      { key: 'role', label: t.role, value: (u) => u.role, cell: (u) => t.roles[u.role] ?? u.role },
      { key: 'employer', label: t.employer, value: (u) => u.employerName ?? '', cell: (u) => u.employerName ?? '—' },
      { key: 'status', label: t.status, value: (u) => (u.disabled ? 1 : 0), cell: (u) => html`<span class="badge ${u.disabled ? 'bad' : 'good'}">${u.disabled ? t.disabled : t.active}</span>` },
      { key: 'signin', label: t.lastSignIn, value: (u) => u.lastSignInAt ?? '', cell: (u) => (u.lastSignInAt ? this.instant(u.lastSignInAt) : t.never) },
    ];
    return this.can.admin ? [...columns, this._userActions] : columns;
  }

  /** Administrators' buttons on each row; a coordinator opens a supervisor by name. */
  private get _userActions(): Column<AdminUser> {
    const t = this.t.settings.users;
    return { key: 'actions', label: t.actions, cell: (u) => html`<div class="actions">
        <a class="button secondary small" href=${this.href(u.id)}>${t.changeRole}<span class="visually-hidden">: ${u.name}</span></a>
        ${u.id === this.user.id ? nothing : html`<button type="button" class="button secondary small" part="user-status-button" @click=${() => void this._setDisabled(u, !u.disabled)}>${u.disabled ? t.enable : t.disable}<span class="visually-hidden">: ${u.name}</span></button>`}
        <button type="button" class="button secondary small" part="reset-password-button" @click=${() => void this._resetPassword(u)}>${t.resetPassword}<span class="visually-hidden">: ${u.name}</span></button>
      </div>` };
  }

  private get _outboxColumns(): Column<OutboxMessage>[] {
    const t = this.t.settings;
    return [
      { key: 'subject', label: t.subject, wrap: true, value: (m) => m.subject, cell: (m) => html`<a href=${this.href(m.id)}>${m.subject}</a>` },
      { key: 'to', label: t.recipient, value: (m) => m.recipient, cell: (m) => m.recipient },
      { key: 'related', label: t.related, value: (m) => m.relatedId, cell: (m) => m.relatedId ?? '—' },
      { key: 'sent', label: t.sent, value: (m) => m.createdAt, cell: (m) => this.instant(m.createdAt) },
    ];
  }

  private get _auditColumns(): Column<AdminAuditEntry>[] {
    const t = this.t.settings;
    return [
      { key: 'when', label: t.when, value: (a) => a.at, cell: (a) => this.instant(a.at) },
      { key: 'who', label: t.who, value: (a) => a.actorName ?? a.actorId ?? '', cell: (a) => a.actorName ?? (a.actorType === 'system' ? t.system : a.actorId ?? '—') },
      { key: 'action', label: t.action, value: (a) => a.action, cell: (a) => html`<code>${a.action}</code>` },
      { key: 'record', label: t.record, value: (a) => `${a.entity} ${a.entityId ?? ''}`, cell: (a) => `${a.entity}${a.entityId ? ` · ${a.entityId}` : ''}` },
      { key: 'detail', label: t.detail, wrap: true, cell: (a) => (a.detail ? Object.entries(a.detail).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ') : '—') },
    ];
  }

  override render(): TemplateResult {
    const t = this.t.settings;
    const view = this._view;
    const list = this._list(view);
    const label = view === 'sites' ? t.sitesLabel : view === 'users' ? t.users.label : view === 'outbox' ? t.outboxLabel : t.auditLabel;
    const columns = (view === 'sites' ? this._siteColumns : view === 'users' ? this._userColumns : view === 'outbox' ? this._outboxColumns : this._auditColumns) as Column<unknown>[];
    const pane = this._renderPane();
    return html`
      <div class="toolbar">
        <div class="tabs" role="group" aria-label=${t.view}>
          ${this._views.map((v) => html`<button type="button" aria-pressed=${v === view ? 'true' : 'false'} @click=${() => this._show(v)}>${v === 'users' ? t.users.tab : t[v]}</button>`)}
        </div>
        ${view === 'sites' ? html`<div class="actions"><a class="button" href=${this.href('new-site')}>${t.newSite}</a></div>` : nothing}
        ${view === 'users' ? html`<div class="actions"><a class="button" part="add-user" href=${this.href('new-user')}>${t.users.add}</a></div>` : nothing}
        ${view === 'audit' ? html`<div class="field"><label for="au-entity">${t.entity}</label>
          <select id="au-entity" @change=${(e: Event) => { this._entity = (e.target as HTMLSelectElement).value; void this._audit.load(); }}>
            <option value="">${t.entityAll}</option>${ENTITIES.map((x) => html`<option value=${x} ?selected=${x === this._entity}>${x}</option>`)}
          </select></div>` : nothing}
      </div>
      ${view === 'outbox' ? html`<p class="hint">${t.outboxIntro}</p>` : nothing}
      ${view === 'users' && !this.can.admin ? html`<p class="hint" part="supervisors-intro">${t.users.coordinatorIntro}</p>` : nothing}
      <div class="split ${pane === nothing ? '' : 'with-pane'}">
        ${this.renderTable(list, label, columns)}
        ${pane}
      </div>
      <wbl-console-confirm></wbl-console-confirm>`;
  }

  // --- panes ----------------------------------------------------------------------------------

  private _renderPane(): TemplateResult | typeof nothing {
    const t = this.t.settings;
    const c = this.t.common;
    const path = this.path;
    if (path === 'new-site' && this.can.admin) return this.renderPane(t.newTitle, this._renderSiteForm(null));
    if (path === 'new-user' && this._canUsers) return this.renderPane(this.can.admin ? t.users.addTitle : t.users.addSupervisorTitle, this._renderUserForm(null));
    if (path.startsWith('usr_') && this._canUsers) {
      return this.renderDetail(this._user, path, (u) => [u.name, this._renderUser(u)]);
    }
    if (path.startsWith('site_') && this.can.admin) {
      return this.renderDetail(this._site, path, (s) => [s.name, this._renderSite(s)]);
    }
    if (path.startsWith('msg_')) {
      const m = this._message ?? this._outbox.items.find((x) => x.id === path);
      return m ? this.renderPane(m.subject, this._renderMessage(m))
        : this._outbox.status === 'loading' ? this.renderPane(c.loading, html`<p role="status" class="muted">${c.loading}</p>`, true)
        : this.renderPane(c.notFound, html`<p>${c.notFound}</p>`);
    }
    return nothing;
  }

  private _renderMessage(m: OutboxMessage): TemplateResult {
    const t = this.t.settings;
    const found = links(m.body);
    return html`
      <dl class="facts"><dt>${t.recipient}</dt><dd>${m.recipient}</dd><dt>${t.sent}</dt><dd>${this.instant(m.createdAt)}</dd>
        ${m.relatedId ? html`<dt>${t.related}</dt><dd>${m.relatedId.startsWith('app_') ? html`<a href="#placements/${encodeURIComponent(m.relatedId)}">${m.relatedId}</a>` : m.relatedId}</dd>` : nothing}</dl>
      <h4 id="msg-body">${t.body}</h4>
      <pre aria-labelledby="msg-body" tabindex="0">${m.body}</pre>
      <div class="actions"><button type="button" class="button secondary" part="copy-button" @click=${() => void this.copy(`${m.subject}\n\n${m.body}`, t.body)}>${t.copyBody}</button></div>
      ${found.length ? html`<h4>${t.links}</h4><ul class="plain">${found.map((url) => html`<li class="copy-row"><code>${url}</code>
        <button type="button" class="button secondary small" @click=${() => void this.copy(url, this.t.placements.link)}>${this.t.placements.copyLink}</button></li>`)}</ul>` : nothing}`;
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
      ${r ? html`<div class="ok-note" role="status"><p><strong>${t.newKey}:</strong> <code>${r.site.publishableKey}</code></p>
        <p class="muted">${t.previousKey}: <code>${r.previousKey}</code></p><p>${r.note}</p></div>` : nothing}
      ${s.status !== 'revoked' ? html`<div class="actions"><button type="button" class="button danger secondary" part="rotate-button" @click=${() => void this._rotate(s)}>${t.rotate}</button></div>` : nothing}
      ${this._renderSiteForm(s)}`;
  }

  private _siteSpecs(s: AdminSite | null): FieldSpec[] {
    const t = this.t.settings;
    return [
      { name: 'name', label: t.name, type: 'text', value: s?.name },
      { name: 'allowedOrigins', label: t.origins, type: 'lines', value: s?.allowedOrigins ?? [], hint: t.originsHint },
      ...(this._schoolList.length ? [{ name: 'schoolId', label: t.school, type: 'select', optional: true, empty: 'null', value: s?.school?.id,
        options: this._schoolList.map((x) => [x.id, x.name] as const) } satisfies FieldSpec] : []),
    ];
  }

  private _renderSiteForm(s: AdminSite | null): TemplateResult {
    const c = this.t.common;
    const specs = this._siteSpecs(s);
    const stray = strayErrors(this.errors, specs).filter((m) => !/^allowedOrigins\.\d+/.test(m));
    const originErrors = Object.entries(this.errors).filter(([k]) => k.startsWith('allowedOrigins.')).map(([, v]) => v);
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
    await this.submitForm(s ? SiteUpdate : SiteCreate, body,
      () => (s ? this.api.patch<AdminSite>(`/admin/sites/${encodeURIComponent(s.id)}`, body) : this.api.post<AdminSite>('/admin/sites', body)),
      (saved) => {
        this._site.set(saved);
        void this._sites.load();
        this.done(s ? 'site.update' : 'site.create', saved.id, (s ? t.savedDone : t.createdDone)(saved.name));
        if (!s) this.navigate(saved.id, true);
        this.focusPane();
      });
  }

  // --- users --------------------------------------------------------------------------------

  private _renderUser(u: AdminUser): TemplateResult {
    const t = this.t.settings.users;
    const self = u.id === this.user.id;
    return html`
      ${this._renderSecret(u)}
      <dl class="facts">
        <dt>${t.email}</dt><dd>${u.email}</dd>
        ${this.can.admin ? nothing : html`<dt>${t.role}</dt><dd>${t.roles[u.role] ?? u.role}</dd><dt>${t.employer}</dt><dd>${u.employerName ?? '—'}</dd>`}
        <dt>${t.status}</dt><dd>${u.disabled ? t.disabled : t.active}</dd>
        <dt>${t.lastSignIn}</dt><dd>${u.lastSignInAt ? this.instant(u.lastSignInAt) : t.never}</dd>
        <dt>${this.t.common.created}</dt><dd>${this.date(u.createdAt)}</dd>
      </dl>
      ${this.can.admin ? this._renderAdminUserActions(u, self) : nothing}`;
  }

  /** Disable, reset and edit: the administrator's alone. */
  private _renderAdminUserActions(u: AdminUser, self: boolean): TemplateResult {
    const t = this.t.settings.users;
    return html`
      <div class="actions">
        ${self ? nothing : html`<button type="button" class="button secondary ${u.disabled ? '' : 'danger'}" @click=${() => void this._setDisabled(u, !u.disabled)}>${u.disabled ? t.enable : t.disable}</button>`}
        <button type="button" class="button secondary danger" @click=${() => void this._resetPassword(u)}>${t.resetPassword}</button>
      </div>
      ${this._renderUserForm(u)}`;
  }

  /** The temporary password, once: with a copy button and a word on sharing it. */
  private _renderSecret(u: AdminUser): TemplateResult | typeof nothing {
    const t = this.t.settings.users;
    const secret = this._secret;
    if (!secret || secret.userId !== u.id) return nothing;
    return html`<div class="ok-note" role="status" part="temporary-password">
      <p><strong>${t.temporaryPassword(secret.name)}:</strong></p>
      <div class="copy-row"><code>${secret.password}</code>
        <button type="button" class="button secondary small" @click=${() => void this.copy(secret.password, t.password)}>${t.copyPassword}</button></div>
      <p>${t.shareNote}</p>
      <div class="actions"><button type="button" class="button secondary small" part="dismiss-password" @click=${() => { this._secret = null; this.focusPane(); }}>${t.dismiss}</button></div>
    </div>`;
  }

  private _userSpecs(u: AdminUser | null): FieldSpec[] {
    const t = this.t.settings.users;
    const self = u?.id === this.user.id;
    return [
      ...(u ? [] : [{ name: 'email', label: t.email, type: 'email', auto: 'off' } satisfies FieldSpec]),
      { name: 'name', label: t.name, type: 'text', value: u?.name },
      // An administrator cannot change their own role: the Worker refuses it, so the form does not offer it.
      // A coordinator adds supervisors only, so there is no role to choose.
      ...(self || !this.can.admin ? [] : [{ name: 'role', label: t.role, type: 'select', value: this._formRole || u?.role, options: USER_ROLES.map((r) => [r, t.roles[r] ?? r] as const) } satisfies FieldSpec]),
      ...(this._formRole === 'supervisor' ? [{ name: 'employerId', label: t.employer, type: 'select', value: u?.employerId, hint: t.employerHint,
        options: (this._employers.value ?? []).map((e) => [e.id, e.name] as const) } satisfies FieldSpec] : []),
    ];
  }

  private _renderUserForm(u: AdminUser | null): TemplateResult {
    const c = this.t.common;
    const specs = this._userSpecs(u);
    const stray = strayErrors(this.errors, specs);
    return html`<form class="grid" novalidate part="user-form" @submit=${(e: SubmitEvent) => void this._saveUser(e, u)}
      @change=${(e: Event) => { const el = e.target as HTMLSelectElement; if (el.name === 'role') this._formRole = el.value; }}>
      ${stray.length ? html`<div class="problem" role="alert"><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      ${specs.map((f) => renderField(f, this.errors, 'user', c.optional, c.choose))}
      <div class="actions"><button type="submit" class="button" part="save-user" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : u ? c.save : this.t.settings.users.create}</button></div>
    </form>`;
  }

  private async _saveUser(e: SubmitEvent, u: AdminUser | null): Promise<void> {
    e.preventDefault();
    const t = this.t.settings.users;
    const body = readForm(e.target as HTMLFormElement, this._userSpecs(u));
    if (!this.can.admin) body.role = 'supervisor';
    if (u) {
      // Only what changed, so saving a name does not end the person's sessions.
      if (body.name === u.name) delete body.name;
      if (body.role === u.role) delete body.role;
      if (body.employerId === u.employerId) delete body.employerId;
      if (!Object.keys(body).length) return;
      await this.submitForm(UserUpdate, body, () => this.api.patch<AdminUser>(`/admin/users/${encodeURIComponent(u.id)}`, body), (saved) => {
        this._user.set(saved);
        this._users.update((x) => x.id, u.id, saved);
        this.done('user.update', saved.id, t.savedDone(saved.name));
        this.focusPane();
      });
      return;
    }
    await this.submitForm(UserCreate, body, () => this.api.post<UserCreated>('/admin/users', body), (created) => {
      this._user.set(created.user);
      this._secret = { userId: created.user.id, name: created.user.name, password: created.temporaryPassword };
      void this._users.load();
      this.done('user.create', created.user.id, t.createdDone(created.user.name));
      this.navigate(created.user.id, true);
      this.focusPane();
    });
  }

  private async _setDisabled(u: AdminUser, disabled: boolean): Promise<void> {
    const t = this.t.settings.users;
    if (disabled && !(await this.confirm({ title: t.confirmDisable(u.name), body: t.confirmDisableBody, confirm: t.disable, danger: true }))) return;
    await this.submitForm(null, null, () => this.api.patch<AdminUser>(`/admin/users/${encodeURIComponent(u.id)}`, { disabled }), (saved) => {
      if (this._user.value?.id === u.id) this._user.set(saved);
      this._users.update((x) => x.id, u.id, saved);
      this.done(disabled ? 'user.disable' : 'user.enable', u.id, (disabled ? t.disabledDone : t.enabledDone)(u.name));
    });
    if (this.failure && !this.path) this.announce(this.problemText(this.failure));
  }

  private async _resetPassword(u: AdminUser): Promise<void> {
    const t = this.t.settings.users;
    if (!(await this.confirm({ title: t.confirmReset(u.name), body: t.confirmResetBody, confirm: t.resetPassword, danger: true }))) return;
    await this.submitForm(null, null, () => this.api.post<PasswordReset>(`/admin/users/${encodeURIComponent(u.id)}/reset-password`), (r) => {
      this._secret = { userId: u.id, name: u.name, password: r.temporaryPassword };
      this.done('user.reset-password', u.id, t.resetDone(u.name));
      if (this.path === u.id) this.focusPane();
      else {
        this._user.set(u);
        this.navigate(u.id);
      }
    });
  }

  private async _rotate(s: AdminSite): Promise<void> {
    const t = this.t.settings;
    if (!(await this.confirm({ title: t.confirmRotate(s.name), body: t.confirmRotateBody, confirm: t.rotate, danger: true }))) return;
    await this.submitForm(null, null, () => this.api.post<SiteKeyRotation>(`/admin/sites/${encodeURIComponent(s.id)}/rotate-key`), (r) => {
      this._rotation = r;
      this._site.set(r.site);
      this._sites.update((x) => x.id, s.id, r.site);
      this.done('site.rotate-key', s.id, t.rotatedDone(s.name));
    });
  }
}

WblConsoleSettings.define('wbl-console-settings');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-settings': WblConsoleSettings;
  }
}
