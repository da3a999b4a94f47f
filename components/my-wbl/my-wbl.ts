import { Task, TaskStatus } from '@lit/task';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import type { MePlacement, MeRecord, MeStudent, OfferAnswer, PersonSession, SignInLinkSent } from '../../schema/api/me.js';
import { toApiError } from '../base/api.js';
import { resolveLang, type Lang } from '../base/localize.js';
import { WblWidget } from '../base/widget.js';
import { type MeActionKind, WblMeActionEvent } from '../events/me-action.js';
import { WblMeSigninEvent } from '../events/me-signin.js';
import { WblMeSignoutEvent } from '../events/me-signout.js';
import { type Draft, draftKey, MeApi, newKey, readDraft, readSession, writeDraft, writeSession } from './me-api.js';
import { MY_MESSAGES, type MyMessages } from './messages.js';
import { myStyles } from './my-wbl.styles.js';
import { renderRecord } from './record-view.js';
import { renderSignIn } from './signin-view.js';

type PlacementView = typeof import('./placement-view.js');
/** A form of a placement: `hours`, `reflection`, `closing`, `survey` or `sign`. */
export type FormKind = 'hours' | 'reflection' | 'closing' | 'survey' | 'sign';
export interface FormRef {
  studentId: string;
  placementId: string;
  kind: FormKind;
}
const formId = (f: FormRef) => `${f.studentId}:${f.placementId}:${f.kind}`;
/** The forms whose text is kept on the device as a draft; signing is one click away and is not. */
const DRAFTED: readonly FormKind[] = ['hours', 'reflection', 'closing', 'survey'];

/**
 * A student's or guardian's own work-based learning, for the school's student page: sign in by
 * an emailed link or with a student number and access code, then see applications and what
 * happens next, answer an offer, sign the training agreement, log hours for the supervisor's
 * approval, reflect on each week and at the close, answer the experience survey, choose whether
 * one's name shows on one's badges, follow the continuum from career awareness to training,
 * and print the whole record. A guardian sees each of their students.
 *
 * The session lives in this tab only (sessionStorage). What a person types is kept on the
 * device as a draft per student, placement and form, and a failed submission is retried with
 * the same Idempotency-Key. A placement's forms load with `import()` the first time a
 * placement shows (`my-wbl-placement.js`), so signing in downloads only the shell.
 *
 * @summary A student's and guardian's own record: sign in by link, answer offers, log hours, reflect, print.
 * @tagname wbl-my-wbl
 *
 * @fires {WblMeSigninEvent} wbl-me-signin - Someone signed in (or a session kept in this tab resumed). `detail: { person, resumed }`.
 * @fires {WblMeSignoutEvent} wbl-me-signout - The session ended. `detail: { reason: 'signout' | 'expired' }`.
 * @fires {WblMeActionEvent} wbl-me-action - The API accepted something the person did. `detail: { kind, studentId, id }`.
 *
 * @csspart base - The wrapper.
 * @csspart signin - The sign-in panel.
 * @csspart signin-button - The sign-in panel's submit button.
 * @csspart notice - A notice above the sign-in panel (signed out, session ended, link sent).
 * @csspart error - A failure that is not about one field.
 * @csspart bar - The bar with the greeting, "Print my record" and "Sign out".
 * @csspart print-button - "Print my record".
 * @csspart signout-button - "Sign out".
 * @csspart students - A guardian's choice of student.
 * @csspart student - The chosen student's record.
 * @csspart section - Each section of the record (applications, placements, events, badges, continuum).
 * @csspart application - One application.
 * @csspart offer-actions - The accept and decline buttons of an offer, and their confirmation.
 * @csspart placement - One placement.
 * @csspart signatures - A placement's training agreement signatures.
 * @csspart hours - A placement's hours table.
 * @csspart hours-form - The form to log hours.
 * @csspart reflections - A placement's weekly and closing reflections.
 * @csspart survey - The experience survey.
 * @csspart submit-button - The submit button of every form.
 * @csspart draft-notice - The notice that a draft was restored.
 * @csspart event - One event.
 * @csspart badge - One badge.
 * @csspart badge-switch - "Show my name on my badges".
 * @csspart continuum - The four stages of the continuum.
 * @csspart stage - One stage.
 *
 * @cssprop --wbl-color-primary - Buttons, links and the current stage. Default #1d4ed8.
 * @cssprop --wbl-color-primary-contrast - Text on primary. Default #fff.
 * @cssprop --wbl-color-text - Body text. Default #1b1f24.
 * @cssprop --wbl-color-muted - Hints and secondary text. Default #4b5563.
 * @cssprop --wbl-color-surface - Backgrounds of panels. Default #fff.
 * @cssprop --wbl-color-subtle - Notices and table headers. Default #f3f4f6.
 * @cssprop --wbl-color-border - Borders. Default #d1d5db.
 * @cssprop --wbl-color-danger - Errors and returned hours. Default #b42318.
 * @cssprop --wbl-color-success - Approved hours and confirmations. Default #067647.
 * @cssprop --wbl-font-family - Font. Default: inherited.
 * @cssprop --wbl-font-size - Base font size. Default 1rem.
 * @cssprop --wbl-radius - Corner radius. Default 8px.
 * @cssprop --wbl-space - Padding and gaps. Default 1rem.
 * @cssprop --wbl-focus-ring - Focus outline. Default 3px solid #2563eb.
 * @cssprop --wbl-my-max-width - The widget's largest width. Default 60rem.
 */
export class WblMyWbl extends WblWidget {
  static override styles = myStyles;

  static override properties = {
    lang: { reflect: true },
  };

  static {
    for (const name of [
      '_session',
      '_signinMode',
      '_signinBusy',
      '_signinErrors',
      '_notice',
      '_failure',
      '_studentId',
      '_confirm',
      '_busy',
      '_formErrors',
      '_formFailures',
      '_done',
      '_values',
      '_open',
    ])
      this.createProperty(name, { state: true });
  }

  /** `en` or `es`; defaults to the nearest `lang` on the page (a `<wbl-site lang>`), then the browser's language. */
  declare lang: string;

  declare _session: PersonSession | null;
  declare _signinMode: 'link' | 'code';
  declare _signinBusy: boolean;
  declare _signinErrors: Record<string, string>;
  declare _notice: { text: string; alert: boolean } | null;
  declare _failure: string | null;
  declare _studentId: string;
  /** The offer being answered, waiting for "Yes, accept" or "Yes, decline". */
  declare _confirm: { id: string; answer: OfferAnswer['answer'] } | null;
  /** The form (or offer, or switch) being sent. */
  declare _busy: string | null;
  declare _formErrors: Record<string, Record<string, string>>;
  declare _formFailures: Record<string, string>;
  /** What the API accepted, per form, announced where the form is. */
  declare _done: Record<string, string>;
  declare _values: Record<string, Draft>;
  /** Panels opened by the person ("Sign my line"). */
  declare _open: Record<string, boolean>;

  /** The placement view, once loaded (a placement's forms). */
  _view?: PlacementView;
  private static _viewModule?: Promise<PlacementView>;
  private _api = new MeApi(() => this._client);
  private _focus: string | null = null;
  /** The placement whose survey the page was opened at (`#wbl-my=survey:<application>`), until it shows. */
  private _surveyTarget: string | null = null;

  _record = new Task(this, {
    task: async ([token], { signal }) => (token ? this._api.send<MeRecord>('GET', '/me', undefined, {}, signal) : null),
    args: () => [this._session?.token, this._lang] as const,
  });

  constructor() {
    super();
    this._session = null;
    this._signinMode = 'link';
    this._signinBusy = false;
    this._signinErrors = {};
    this._notice = null;
    this._failure = null;
    this._studentId = '';
    this._confirm = null;
    this._busy = null;
    this._formErrors = {};
    this._formFailures = {};
    this._done = {};
    this._values = {};
    this._open = {};
    this._api.onUnauthorized = () => this._endSession('expired');
  }

  get _lang(): Lang {
    return resolveLang(this);
  }

  get _t(): MyMessages {
    return MY_MESSAGES[this._lang];
  }

  protected override willUpdate(): void {
    // Before the first render (after a `<wbl-site>` it waits for), so the first request carries the site's key.
    if (this.hasUpdated) return;
    this._surveyTarget = /(?:^#|&)wbl-my=survey:([^&]+)/.exec(location.hash)?.[1] ?? null;
    const token = this._takeFragmentToken();
    const kept = readSession(this._client);
    if (token) void this._exchange({ token });
    else if (kept) this._start(kept, true);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this._surveyTarget && this._record.value) this._openSurvey(this._record.value, this._surveyTarget);
    if (!this._focus) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this._focus);
    if (target) {
      this._focus = null;
      target.focus();
    }
  }

  /**
   * Once the record shows, the survey the page was opened at: its form (or the placement's
   * heading, once answered), scrolled to and focused, on the student it belongs to (a guardian's
   * other child). Then the fragment goes, so a reload does not jump there again. A placement not
   * on this record (another student's) only loses the fragment.
   */
  private _openSurvey(record: MeRecord, id: string): void {
    const owner = record.students.find((s) => s.placements.some((p) => p.id === id));
    if (owner && owner.id !== this._student(record)?.id) {
      this._studentId = owner.id;
      return;
    }
    const find = (sel: string) => this.renderRoot.querySelector<HTMLElement>(`#${sel}-${CSS.escape(id)}`);
    const target = owner && (find('survey') ?? find('placement'));
    // The placement view is still loading: the next render has it.
    if (owner && !target) return;
    this._surveyTarget = null;
    this._focus = null;
    const rest = location.hash
      .slice(1)
      .split('&')
      .filter((part) => part && !part.startsWith('wbl-my=survey:'))
      .join('&');
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    target?.scrollIntoView({ block: 'start' });
    target?.focus();
  }

  /** Moves focus to `selector` after the next render (or the one after, when the record is still loading). */
  _focusOn(selector: string): void {
    this._focus = selector;
    this.requestUpdate();
  }

  // --- signing in ----------------------------------------------------------------------------

  /** `#wbl-signin=<token>` from an emailed link: read once, then gone from the address (and from history). */
  private _takeFragmentToken(): string | null {
    const m = location.hash.match(/^#(.*?&)?wbl-signin=([^&]+)(&.*)?$/);
    if (!m) return null;
    const rest = [m[1]?.slice(0, -1), m[3]?.slice(1)].filter(Boolean).join('&');
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return decodeURIComponent(m[2]!);
  }

  private _start(session: PersonSession, resumed: boolean): void {
    this._session = session;
    this._api.token = session.token;
    this._notice = null;
    this._failure = null;
    this._signinErrors = {};
    this.emit(new WblMeSigninEvent(session.person, resumed));
    if (!resumed) this._focusOn('#record-title');
  }

  private async _exchange(body: { token: string } | { studentNumber: string; accessCode: string }): Promise<void> {
    this._signinBusy = true;
    this._failure = null;
    if ('token' in body) this._notice = { text: this._t.openingLink, alert: false };
    try {
      const session = await this._api.send<PersonSession>('POST', '/me/sessions', body);
      writeSession(this._client, session);
      this._start(session, false);
    } catch (e) {
      const err = toApiError(e);
      this._notice = null;
      if ('token' in body) {
        this._failure = err.status === 0 || err.status >= 500 || err.status === 429 ? this._problem(err.status) : this._t.linkExpired;
      } else if (err.fieldErrors.length) {
        const errors: Record<string, string> = {};
        for (const fe of err.fieldErrors) errors[fe.path] ??= fe.message;
        this._signinErrors = errors;
        this._focusOn('[aria-invalid="true"]');
        return;
      } else {
        this._failure = err.status === 401 || err.status === 404 ? this._t.badCode : this._problem(err.status);
      }
      this._focusOn('[part~="error"]');
    } finally {
      this._signinBusy = false;
    }
  }

  /** A failure in words: offline, too many tries, or the server's fault. */
  _problem(status: number): string {
    return status === 0 ? this._t.networkError : status === 429 ? this._t.tooMany : this._t.serverError;
  }

  _onSignIn(e: SubmitEvent): void {
    e.preventDefault();
    if (this._signinBusy) return;
    const data = new FormData(e.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const t = this._t;
    const errors: Record<string, string> = {};
    if (this._signinMode === 'link') {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value('email'))) errors.email = t.emailMissing;
    } else {
      if (!/^[A-Za-z0-9-]{3,20}$/.test(value('studentNumber'))) errors.studentNumber = t.numberBad;
      if (value('accessCode').length < 4) errors.accessCode = t.codeMissing;
    }
    this._signinErrors = errors;
    this._failure = null;
    if (Object.keys(errors).length) this._focusOn('[aria-invalid="true"]');
    else if (this._signinMode === 'code') void this._exchange({ studentNumber: value('studentNumber'), accessCode: value('accessCode') });
    else void this._sendLink(value('email'));
  }

  private async _sendLink(email: string): Promise<void> {
    this._signinBusy = true;
    try {
      // The link opens this page again (the server accepts only pages of the site's own origins),
      // at the survey the page was opened at, if any: the server keeps the fragment beside the token.
      const returnTo = location.href.split('#')[0] + (this._surveyTarget ? `#wbl-my=survey:${this._surveyTarget}` : '');
      const sent = await this._api.send<SignInLinkSent | null>('POST', '/me/sign-in-link', { email, returnTo });
      this._notice = { text: this._t.linkSent(sent?.expiresInMinutes ?? 15), alert: false };
      this._focusOn('[part~="notice"]');
    } catch (e) {
      const err = toApiError(e);
      if (err.fieldErrors.length) {
        this._signinErrors = { email: err.fieldErrors[0]!.message };
        this._focusOn('[aria-invalid="true"]');
      } else {
        this._failure = this._problem(err.status);
        this._focusOn('[part~="error"]');
      }
    } finally {
      this._signinBusy = false;
    }
  }

  _onSigninMode(mode: 'link' | 'code'): void {
    this._signinMode = mode;
    this._signinErrors = {};
    this._failure = null;
  }

  _signOut(): void {
    void this._api.send('DELETE', '/me/sessions/current').catch(() => {
      /* the session expires by itself */
    });
    this._endSession('signout');
  }

  private _endSession(reason: 'signout' | 'expired'): void {
    if (!this._session) return;
    writeSession(this._client, null);
    this._api.token = null;
    this._session = null;
    this._studentId = '';
    this._confirm = null;
    this._done = {};
    this._formErrors = {};
    this._formFailures = {};
    this._notice = { text: reason === 'expired' ? this._t.sessionEnded : this._t.signedOut, alert: reason === 'expired' };
    this._focusOn(reason === 'expired' ? '[part~="notice"]' : '#signin-title');
    this.emit(new WblMeSignoutEvent(reason));
  }

  // --- the record ----------------------------------------------------------------------------

  /** The student shown: the chosen one, else the first. */
  _student(record: MeRecord): MeStudent | undefined {
    return record.students.find((s) => s.id === this._studentId) ?? record.students[0];
  }

  _choose(id: string): void {
    this._studentId = id;
    this._confirm = null;
    this._focusOn('#student-title');
  }

  /** The placement view, loaded once, the first time a placement shows; a failed load is tried again. */
  _placementView(): Promise<PlacementView> {
    const pending = (WblMyWbl._viewModule ??= import('./placement-view.js').catch((e: unknown) => {
      WblMyWbl._viewModule = undefined;
      throw e;
    }));
    void pending.then(
      (view) => {
        if (!this._view) {
          this._view = view;
          this.requestUpdate();
        }
      },
      () => {
        /* shown as still loading; tried again on the next render */
      },
    );
    return pending;
  }

  private _refresh(): void {
    void this._record.run();
  }

  private _acted(kind: MeActionKind, studentId: string, id: string): void {
    this.emit(new WblMeActionEvent(kind, studentId, id));
    this._refresh();
  }

  // --- offers --------------------------------------------------------------------------------

  _askAnswer(id: string, answer: OfferAnswer['answer']): void {
    this._confirm = { id, answer };
    this._focusOn(`#confirm-${id}`);
  }

  _cancelAnswer(id: string): void {
    this._confirm = null;
    this._focusOn(`#offer-${id} [data-answer]`);
  }

  async _answer(studentId: string, id: string, answer: OfferAnswer['answer'], note: string): Promise<void> {
    const busy = `answer:${id}`;
    if (this._busy) return;
    this._busy = busy;
    const { [busy]: _old, ...failures } = this._formFailures;
    this._formFailures = failures;
    try {
      const body: OfferAnswer = note.trim() ? { answer, note: note.trim() } : { answer };
      await this._api.send('POST', `/me/applications/${encodeURIComponent(id)}/answer`, body);
      this._confirm = null;
      this._done = { ...this._done, [busy]: this._t.answered[answer] };
      this._acted('answer', studentId, id);
      this._focusOn(`#done-${CSS.escape(busy)}`);
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 401) return;
      this._formFailures = { ...this._formFailures, [busy]: err.fieldErrors[0]?.message ?? err.problem?.detail ?? this._problem(err.status) };
      this._focusOn(`#failure-${CSS.escape(busy)}`);
    } finally {
      this._busy = null;
    }
  }

  // --- badges ----------------------------------------------------------------------------------

  async _setBadgeName(student: MeStudent, show: boolean): Promise<void> {
    const busy = `badge-name:${student.id}`;
    this._busy = busy;
    const { [busy]: _old, ...failures } = this._formFailures;
    this._formFailures = failures;
    try {
      await this._api.send('PUT', `/me/students/${encodeURIComponent(student.id)}/badge-name`, { showNameOnBadges: show });
      this._done = { ...this._done, [busy]: show ? this._t.nameShown : this._t.nameHidden };
      this._acted('badge-name', student.id, student.id);
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 401) return;
      this._formFailures = { ...this._formFailures, [busy]: err.problem?.detail ?? this._problem(err.status) };
    } finally {
      this._busy = null;
    }
  }

  // --- a placement's forms (rendered by placement-view.ts) -------------------------------------

  private _draftKeyOf(f: FormRef): string {
    return draftKey(this._client.siteKey, f.studentId, f.placementId, f.kind);
  }

  /** A form's values and Idempotency-Key: in memory, else the draft kept on the device, else new. */
  _draft(f: FormRef): Draft {
    const id = formId(f);
    let draft = this._values[id];
    if (!draft) {
      draft = (DRAFTED.includes(f.kind) ? readDraft(this._draftKeyOf(f)) : null) ?? { values: {}, key: newKey(), savedAt: '' };
      this._values[id] = draft;
    }
    return draft;
  }

  _errorsOf(f: FormRef): Record<string, string> {
    return this._formErrors[formId(f)] ?? {};
  }

  _failureOf(f: FormRef): string | null {
    return this._formFailures[formId(f)] ?? null;
  }

  _doneOf(f: FormRef | string): string | null {
    return this._done[typeof f === 'string' ? f : formId(f)] ?? null;
  }

  _busyWith(f: FormRef): boolean {
    return this._busy === formId(f);
  }

  _isOpen(key: string): boolean {
    return this._open[key] === true;
  }

  _toggle(key: string, focus?: string): void {
    this._open = { ...this._open, [key]: !this._open[key] };
    if (focus) this._focusOn(focus);
  }

  _input(f: FormRef, name: string, value: unknown): void {
    const id = formId(f);
    const draft = this._draft(f);
    const next: Draft = { ...draft, values: { ...draft.values, [name]: value }, savedAt: new Date().toISOString() };
    this._values = { ...this._values, [id]: next };
    if (DRAFTED.includes(f.kind)) writeDraft(this._draftKeyOf(f), next);
    const errors = this._formErrors[id];
    if (errors?.[name]) {
      const { [name]: _fixed, ...rest } = errors;
      this._formErrors = { ...this._formErrors, [id]: rest };
    }
    if (this._done[id]) {
      const { [id]: _old, ...done } = this._done;
      this._done = done;
    }
  }

  /** Throws the draft away (the person chose "Start over"). */
  _discard(f: FormRef): void {
    const id = formId(f);
    writeDraft(this._draftKeyOf(f), null);
    const { [id]: _gone, ...values } = this._values;
    this._values = values;
    const { [id]: _errors, ...errors } = this._formErrors;
    this._formErrors = errors;
  }

  /**
   * Checks a form with the contract's schema and sends it. A failure keeps the draft and its
   * Idempotency-Key, so "Try again" (now or after a reload) never logs the same hours twice.
   */
  async _submit(f: FormRef, placement: MePlacement): Promise<void> {
    const id = formId(f);
    if (this._busy) return;
    const view = await this._placementView();
    const draft = this._draft(f);
    const check = view.checkForm(f.kind, draft.values, placement, this._lang);
    const { [id]: _oldFailure, ...failures } = this._formFailures;
    this._formFailures = failures;
    if (!check.ok) {
      this._formErrors = { ...this._formErrors, [id]: check.errors };
      return this._focusOn(`#${view.fieldId(f, Object.keys(check.errors)[0]!)}`);
    }
    this._formErrors = { ...this._formErrors, [id]: {} };
    this._busy = id;
    try {
      await this._api.send(check.method, check.path, check.body, check.method === 'POST' ? { 'Idempotency-Key': draft.key } : {});
      if (DRAFTED.includes(f.kind)) writeDraft(this._draftKeyOf(f), null);
      const { [id]: _sent, ...values } = this._values;
      this._values = values;
      if (f.kind === 'sign') this._open = { ...this._open, [`sign:${f.placementId}`]: false };
      this._done = { ...this._done, [id]: view.doneText(f.kind, this._lang) };
      this._acted(f.kind, f.studentId, f.placementId);
      this._focusOn(`#done-${CSS.escape(id)}`);
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 401) return;
      if (err.fieldErrors.length) {
        const errors: Record<string, string> = {};
        for (const fe of err.fieldErrors) errors[view.ownerOf(f.kind, fe.path)] ??= fe.message;
        this._formErrors = { ...this._formErrors, [id]: errors };
        return this._focusOn(`#${view.fieldId(f, Object.keys(errors)[0]!)}`);
      }
      this._formFailures = {
        ...this._formFailures,
        [id]:
          err.status === 0 || err.status === 429 || err.status >= 500
            ? this._problem(err.status)
            : (err.problem?.detail ?? err.problem?.title ?? this._problem(500)),
      };
      this._focusOn(`#failure-${CSS.escape(id)}`);
    } finally {
      this._busy = null;
    }
  }

  _print(): void {
    window.print();
  }

  // --- rendering -------------------------------------------------------------------------------

  override render(): TemplateResult {
    return html`<div part="base" class="base" lang=${this._lang}>
      ${this._session ? this._renderSignedIn(this._session) : renderSignIn(this)}
    </div>`;
  }

  private _renderSignedIn(session: PersonSession): TemplateResult {
    const t = this._t;
    const record = this._record.value;
    return html`
      <div part="bar" class="bar no-print">
        <p class="who"><strong>${t.greeting(session.person.name)}</strong> <span class="muted">${t.signedInAt(session.person.tenantName)}</span></p>
        <div class="actions">
          <button type="button" class="button secondary" part="print-button" @click=${this._print} ?disabled=${!record}>${t.print}</button>
          <button type="button" class="button link" part="signout-button" @click=${this._signOut}>${t.signOut}</button>
        </div>
      </div>
      <h2 id="record-title" tabindex="-1">${t.title}</h2>
      ${
        record
          ? renderRecord(this, record)
          : this._record.status === TaskStatus.ERROR
            ? html`<div class="failure" part="error" role="alert"><p>${this._problem(toApiError(this._record.error).status)}</p>
              <button type="button" class="button secondary" @click=${this._refresh}>${t.tryAgain}</button></div>`
            : html`<p class="loading" role="status">${t.loading}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-my-wbl': WblMyWbl;
  }
}
