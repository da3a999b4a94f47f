import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AdminAuditEntry, AdminAuditList } from '../../../schema/api/admin/audit.js';
import type { OutboxList, OutboxMessage } from '../../../schema/api/admin/placements.js';
import type { AdminSchool, AdminSite, AdminSiteList, SiteKeyRotation } from '../../../schema/api/admin/sites.js';
import type { AdminEmployerList } from '../../../schema/api/admin/review.js';
import { UserCreate, UserUpdate, type AdminUser, type AdminUserList, type PasswordReset, type UserCreated } from '../../../schema/api/admin/users.js';
import { USER_ROLES } from '../../../schema/vocab.js';
import type { Column } from '../console-table.js';
import { SectionElement } from '../section-base.js';
import { DetailController, initialState, ListController, lookup } from '../section-tasks.js';
import { readForm, renderField, strayErrors, type FieldSpec } from './form.js';
import { loadSchools } from './lookups.js';

type View = 'sites' | 'users' | 'outbox' | 'audit';
/** A temporary password, shown once in the pane of the user it belongs to. */
interface Secret {
  userId: string;
  name: string;
  password: string;
}
export const ENTITIES = ['student', 'host_offer', 'employer', 'opportunity', 'event', 'application', 'site', 'report', 'user'];
export const links = (text: string) => [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];

/**
 * What the settings section loads and keeps (its lists, the open site or user, the pickers),
 * how the address picks its view and pane, and the staff users pane: add, change role,
 * disable, reset a password, and the temporary password shown once. The element (settings.ts)
 * adds the lists, sites and keys, and the outbox.
 */
export abstract class SettingsUsers extends SectionElement {
  static {
    for (const name of ['_view', '_entity', '_delivery', '_message', '_rotation', '_secret', '_formRole']) this.createProperty(name, { state: true });
  }

  declare protected _view: View;
  declare protected _entity: string;
  /** The outbox's delivery-state filter ('' for every message). */
  declare protected _delivery: string;
  declare protected _message: OutboxMessage | null;
  declare protected _rotation: SiteKeyRotation | null;
  declare protected _secret: Secret | null;
  /** The role chosen in the open user form: a supervisor's form asks for an employer. */
  declare protected _formRole: string;

  protected _site = new DetailController<AdminSite>(
    this,
    (id, signal) => this.api.get<AdminSite>(`/admin/sites/${encodeURIComponent(id)}`, undefined, signal),
    () => this.focusPane(),
  );

  protected _user = new DetailController<AdminUser>(
    this,
    (id, signal) => this.api.get<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, undefined, signal),
    (user) => {
      this._formRole = user.role;
      this.focusPane();
    },
  );

  protected _schools = lookup(
    this,
    () => [this.api, this.can.admin] as const,
    ([api, admin]) => (api && admin ? loadSchools(api) : initialState),
  );

  // Only vetted employers get supervisor accounts: the Worker refuses the others.
  protected _employers = lookup(
    this,
    () => [this.api, this._canUsers] as const,
    ([api, can], signal) =>
      api && can
        ? api
            .get<AdminEmployerList>('/admin/employers', { vetting: 'approved', limit: 100 }, signal)
            .then((page) => page.items.map((e) => ({ id: e.id, name: e.name })))
        : initialState,
  );

  protected _sites = new ListController<AdminSite>(this, (cursor, signal) => this.api.get<AdminSiteList>('/admin/sites', { cursor, limit: 50 }, signal));
  protected _users = new ListController<AdminUser>(this, (cursor, signal) => this.api.get<AdminUserList>('/admin/users', { cursor, limit: 50 }, signal));
  protected _outbox = new ListController<OutboxMessage>(this, (cursor, signal) =>
    this.api.get<OutboxList>('/admin/outbox', { status: this._delivery || undefined, cursor, limit: 25 }, signal),
  );

  protected _audit = new ListController<AdminAuditEntry>(this, (cursor, signal) =>
    this.api.get<AdminAuditList>('/admin/audit', { entity: this._entity || undefined, cursor, limit: 50 }, signal),
  );

  constructor() {
    super();
    this._view = 'outbox';
    this._entity = '';
    this._delivery = '';
    this._message = null;
    this._rotation = null;
    this._secret = null;
    this._formRole = 'coordinator';
  }

  protected get _views(): View[] {
    return this.can.admin ? ['sites', 'users', 'outbox', 'audit'] : ['outbox', 'users', 'audit'];
  }

  /** Administrators manage every account; a coordinator sees and adds supervisors only (the Worker enforces it). */
  protected get _canUsers(): boolean {
    return this.can.coordinate;
  }

  protected _list(view: View): ListController<unknown> {
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

  protected _follow(path: string): void {
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

  protected get _schoolList(): AdminSchool[] {
    return this._schools.value ?? [];
  }

  protected _show(view: View): void {
    if (view === this._view) return;
    this._view = view;
    if (this.path) this.navigate('');
  }

  protected get _userColumns(): Column<AdminUser>[] {
    const t = this.t.settings.users;
    const columns: Column<AdminUser>[] = [
      { key: 'name', label: t.name, value: (u) => u.name, cell: (u) => html`<a href=${this.href(u.id)}>${u.name}</a>` },
      { key: 'email', label: t.email, address: true, value: (u) => u.email, cell: (u) => u.email },
      { key: 'role', label: t.role, value: (u) => u.role, cell: (u) => t.roles[u.role] ?? u.role },
      { key: 'employer', label: t.employer, value: (u) => u.employerName ?? '', cell: (u) => u.employerName ?? '—' },
      {
        key: 'status',
        label: t.status,
        value: (u) => (u.disabled ? 1 : 0),
        cell: (u) => html`<span class="badge ${u.disabled ? 'bad' : 'good'}">${u.disabled ? t.disabled : t.active}</span>`,
      },
      { key: 'signin', label: t.lastSignIn, value: (u) => u.lastSignInAt ?? '', cell: (u) => (u.lastSignInAt ? this.instant(u.lastSignInAt) : t.never) },
    ];
    return this.can.admin ? [...columns, this._userActions] : columns;
  }

  /** Administrators' buttons on each row; a coordinator opens a supervisor by name. */
  protected get _userActions(): Column<AdminUser> {
    const t = this.t.settings.users;
    return {
      key: 'actions',
      label: t.actions,
      cell: (u) => html`<div class="actions">
        <a class="button secondary small" href=${this.href(u.id)}>${t.changeRole}<span class="visually-hidden">: ${u.name}</span></a>
        ${u.id === this.user.id ? nothing : html`<button type="button" class="button secondary small" part="user-status-button" @click=${() => void this._setDisabled(u, !u.disabled)}>${u.disabled ? t.enable : t.disable}<span class="visually-hidden">: ${u.name}</span></button>`}
        <button type="button" class="button secondary small" part="reset-password-button" @click=${() => void this._resetPassword(u)}>${t.resetPassword}<span class="visually-hidden">: ${u.name}</span></button>
      </div>`,
    };
  }

  // --- users --------------------------------------------------------------------------------

  protected _renderUser(u: AdminUser): TemplateResult {
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
  protected _renderAdminUserActions(u: AdminUser, self: boolean): TemplateResult {
    const t = this.t.settings.users;
    return html`
      <div class="actions">
        ${self ? nothing : html`<button type="button" class="button secondary ${u.disabled ? '' : 'danger'}" @click=${() => void this._setDisabled(u, !u.disabled)}>${u.disabled ? t.enable : t.disable}</button>`}
        <button type="button" class="button secondary danger" @click=${() => void this._resetPassword(u)}>${t.resetPassword}</button>
      </div>
      ${this._renderUserForm(u)}`;
  }

  /** The temporary password, once: with a copy button and a word on sharing it. */
  protected _renderSecret(u: AdminUser): TemplateResult | typeof nothing {
    const t = this.t.settings.users;
    const secret = this._secret;
    if (!secret || secret.userId !== u.id) return nothing;
    return html`<div class="ok-note" role="status" part="temporary-password">
      <p><strong>${t.temporaryPassword(secret.name)}:</strong></p>
      <div class="copy-row"><code>${secret.password}</code>
        <button type="button" class="button secondary small" @click=${() => void this.copy(secret.password, t.password)}>${t.copyPassword}</button></div>
      <p>${t.shareNote}</p>
      <div class="actions"><button type="button" class="button secondary small" part="dismiss-password" @click=${() => {
        this._secret = null;
        this.focusPane();
      }}>${t.dismiss}</button></div>
    </div>`;
  }

  protected _userSpecs(u: AdminUser | null): FieldSpec[] {
    const t = this.t.settings.users;
    const self = u?.id === this.user.id;
    return [
      ...(u ? [] : [{ name: 'email', label: t.email, type: 'email', auto: 'off' } satisfies FieldSpec]),
      { name: 'name', label: t.name, type: 'text', value: u?.name },
      // An administrator cannot change their own role: the Worker refuses it, so the form does not offer it.
      // A coordinator adds supervisors only, so there is no role to choose.
      ...(self || !this.can.admin
        ? []
        : [
            {
              name: 'role',
              label: t.role,
              type: 'select',
              value: this._formRole || u?.role,
              options: USER_ROLES.map((r) => [r, t.roles[r] ?? r] as const),
            } satisfies FieldSpec,
          ]),
      ...(this._formRole === 'supervisor'
        ? [
            {
              name: 'employerId',
              label: t.employer,
              type: 'select',
              value: u?.employerId,
              hint: t.employerHint,
              options: (this._employers.value ?? []).map((e) => [e.id, e.name] as const),
            } satisfies FieldSpec,
          ]
        : []),
    ];
  }

  protected _renderUserForm(u: AdminUser | null): TemplateResult {
    const c = this.t.common;
    const specs = this._userSpecs(u);
    const stray = strayErrors(this.errors, specs);
    return html`<form class="grid" novalidate part="user-form" @submit=${(e: SubmitEvent) => void this._saveUser(e, u)}
      @change=${(e: Event) => {
        const el = e.target as HTMLSelectElement;
        if (el.name === 'role') this._formRole = el.value;
      }}>
      ${stray.length ? html`<div class="problem" role="alert"><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      ${specs.map((f) => renderField(f, this.errors, 'user', c.optional, c.choose))}
      <div class="actions"><button type="submit" class="button" part="save-user" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : u ? c.save : this.t.settings.users.create}</button></div>
    </form>`;
  }

  protected async _saveUser(e: SubmitEvent, u: AdminUser | null): Promise<void> {
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
      await this.submitForm(
        UserUpdate,
        body,
        () => this.api.patch<AdminUser>(`/admin/users/${encodeURIComponent(u.id)}`, body),
        (saved) => {
          this._user.set(saved);
          this._users.update((x) => x.id, u.id, saved);
          this.done('user.update', saved.id, t.savedDone(saved.name));
          this.focusPane();
        },
      );
      return;
    }
    await this.submitForm(
      UserCreate,
      body,
      () => this.api.post<UserCreated>('/admin/users', body),
      (created) => {
        this._user.set(created.user);
        this._secret = { userId: created.user.id, name: created.user.name, password: created.temporaryPassword };
        void this._users.load();
        this.done('user.create', created.user.id, t.createdDone(created.user.name));
        this.navigate(created.user.id, true);
        this.focusPane();
      },
    );
  }

  protected async _setDisabled(u: AdminUser, disabled: boolean): Promise<void> {
    const t = this.t.settings.users;
    if (disabled && !(await this.confirm({ title: t.confirmDisable(u.name), body: t.confirmDisableBody, confirm: t.disable, danger: true }))) return;
    await this.submitForm(
      null,
      null,
      () => this.api.patch<AdminUser>(`/admin/users/${encodeURIComponent(u.id)}`, { disabled }),
      (saved) => {
        if (this._user.value?.id === u.id) this._user.set(saved);
        this._users.update((x) => x.id, u.id, saved);
        this.done(disabled ? 'user.disable' : 'user.enable', u.id, (disabled ? t.disabledDone : t.enabledDone)(u.name));
      },
    );
    if (this.failure && !this.path) this.announce(this.problemText(this.failure));
  }

  protected async _resetPassword(u: AdminUser): Promise<void> {
    const t = this.t.settings.users;
    if (!(await this.confirm({ title: t.confirmReset(u.name), body: t.confirmResetBody, confirm: t.resetPassword, danger: true }))) return;
    await this.submitForm(
      null,
      null,
      () => this.api.post<PasswordReset>(`/admin/users/${encodeURIComponent(u.id)}/reset-password`),
      (r) => {
        this._secret = { userId: u.id, name: u.name, password: r.temporaryPassword };
        this.done('user.reset-password', u.id, t.resetDone(u.name));
        if (this.path === u.id) this.focusPane();
        else {
          this._user.set(u);
          this.navigate(u.id);
        }
      },
    );
  }
}
