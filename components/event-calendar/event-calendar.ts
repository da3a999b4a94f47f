import { html, nothing, type TemplateResult } from 'lit';
import { resolveLocale } from '../base/localize.js';
import { WblRsvpSuccessEvent } from '../events/rsvp-success.js';
import { addDays, addMonths, firstDayOfWeek, monthWeeks, validZone, weekday } from './calendar.js';
import { calendarStyles } from './event-calendar.styles.js';
import { renderBody, renderCopy, renderDetail, renderFilters, renderNav, renderSubscribe } from './month.js';
import { CalendarState, FIELDS } from './state.js';
import { EVENT_AUDIENCE_LABELS, EVENT_TYPES, labelOf } from '../../schema/vocab.js';

/** A reservation's token in the address (`#rsvp=…`), as the confirmation email links it (32 random bytes in base64url), or its typed code (the API checks which). */
const TOKEN = /^[\w-]{8,43}$/;
const ID_PATTERN = /^evt_[a-z0-9_]{3,60}$/;

/**
 * A calendar of a district's career-awareness events — career fairs, guest speakers, industry
 * tours, family nights — for school and family pages: a month grid (the WAI-ARIA grid pattern)
 * or a list grouped by day, filters, each event's detail with times in the viewer's zone, an
 * RSVP form that never loses what a person typed (asking which interpretation a guest needs
 * when the event offers it), "add to my calendar" and a subscribable feed. Opened with
 * `#rsvp=<token>` in the page's address, as the confirmation email links it, it shows that
 * reservation on any device, with "Change the number of seats" and "Cancel my reservation";
 * "Have a reservation code?" opens it from the code in that email instead.
 *
 * @summary Find career-awareness events, RSVP, and put them in your own calendar.
 * @tagname wbl-event-calendar
 *
 * @fires {WblEventSelectEvent} wbl-event-select - An event's detail opened. `detail: { eventId, event }`.
 * @fires {WblRsvpSuccessEvent} wbl-rsvp-success - An RSVP was taken, confirmed or waitlisted. `detail: { eventId, receipt: { id, status, cancelToken, waitlistPosition, manageCode, seatsLeft } }`.
 * @fires {WblEventCalendarErrorEvent} wbl-event-calendar-error - A request to the API failed (the calendar shows it too). `detail: { status, problem }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart filter-bar - The search box and filters.
 * @csspart search - The search input.
 * @csspart nav - The month heading with the previous/next, today and view buttons.
 * @csspart title - The month and year heading.
 * @csspart prev-button - The "Previous month" button.
 * @csspart next-button - The "Next month" button.
 * @csspart view-switch - The month/list buttons.
 * @csspart count - The live count of events shown.
 * @csspart grid - The month grid.
 * @csspart day-cell - One day of the grid (also `today` on today's cell).
 * @csspart today - Today's cell.
 * @csspart event-chip - An event in a day cell.
 * @csspart more - The "+N more" button of a full day.
 * @csspart day-panel - The list of one day's events, opened from the grid.
 * @csspart agenda - The list view.
 * @csspart event - One event in the list or day panel.
 * @csspart event-title - The button that opens an event.
 * @csspart detail - The event detail view.
 * @csspart back-button - The "Back to calendar" button.
 * @csspart badge - The kind-of-event and "Cancelled" badges.
 * @csspart cancelled - The notice that an event is cancelled.
 * @csspart add-to-calendar - The .ics and Google Calendar links.
 * @csspart rsvp-form - The RSVP form.
 * @csspart interpretation - The RSVP form's "Do you need interpretation?" choices (and the language, for another one).
 * @csspart error-summary - The list of problems shown on submit.
 * @csspart draft-notice - The notice that a draft was restored.
 * @csspart submit-button - The RSVP button.
 * @csspart failure - The message when sending failed.
 * @csspart receipt - The confirmation (or waitlist place) with the reservation code.
 * @csspart cancel-button - The "Cancel my RSVP" (or "Cancel my reservation") button.
 * @csspart reservation - "Your reservation", opened from the confirmation email's link (or the words for a link that no longer works).
 * @csspart code-button - "Have a reservation code?", under the calendar.
 * @csspart code-form - The form that takes a reservation code.
 * @csspart seats-form - "Change the number of seats" in the reservation.
 * @csspart seats-button - The button that sends the new number of seats.
 * @csspart take-button - "Only N seats are left: take N now" on the receipt of a waitlisted party when fewer seats are free.
 * @csspart confirm-button - The "Yes, cancel it" button that confirms a cancellation.
 * @csspart keep-button - The "No, keep it" button that keeps the reservation.
 * @csspart subscribe - The feed address to subscribe to.
 * @csspart error - An error message with its "Try again" button.
 * @csspart empty - The message shown when nothing matches.
 *
 * @cssprop --wbl-color-primary - Buttons, links, today and accents. Default #1d4ed8.
 * @cssprop --wbl-color-primary-contrast - Text on primary. Default #fff.
 * @cssprop --wbl-color-text - Body text. Default #1b1f24.
 * @cssprop --wbl-color-muted - Secondary text. Default #4b5563.
 * @cssprop --wbl-color-surface - Cell and panel background. Default #fff.
 * @cssprop --wbl-color-subtle - Event chips, days of other months. Default #f3f4f6.
 * @cssprop --wbl-color-border - Borders. Default #d1d5db.
 * @cssprop --wbl-color-danger - Errors, "Cancelled" and "Full". Default #b42318.
 * @cssprop --wbl-color-success - The RSVP confirmation. Default #067647.
 * @cssprop --wbl-font-family - Font. Default: inherited from the page.
 * @cssprop --wbl-font-size - Base font size. Default 1rem.
 * @cssprop --wbl-radius - Corner radius. Default 8px.
 * @cssprop --wbl-space - Padding and gaps. Default 1rem.
 * @cssprop --wbl-focus-ring - Focus outline. Default 3px solid #2563eb.
 * @cssprop --wbl-calendar-min-height - Space reserved before the first events arrive, so the host page does not shift. Default 24rem.
 */
export class WblEventCalendar extends CalendarState {
  static override styles = calendarStyles;

  /** Whether the open event came from the address (`#event=evt_…`), so closing it clears the address. */
  private _fromHash = false;
  /** What opened the detail or day panel, to take focus back when it closes. */
  private _opener: HTMLElement | null = null;
  // Set a frame later: a change of view inside the observer's callback would resize what it observes.
  private _resize = new ResizeObserver(([entry]) => requestAnimationFrame(() => this._measure(entry?.contentRect.width)));
  private _onLocation = () => this._fromLocation();

  override connectedCallback(): void {
    super.connectedCallback();
    // Measured now too, so a phone's first paint is already the list.
    this._measure(this.getBoundingClientRect().width);
    this._resize.observe(this);
    addEventListener('hashchange', this._onLocation);
    this._fromLocation();
    // Moved elsewhere on the page: requests cut off by the move start again.
    if (this.hasUpdated) {
      void this._list.run();
      if (this._openId) void this._detail.run();
      if (this._rsvpToken) void this._manage.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize.disconnect();
    removeEventListener('hashchange', this._onLocation);
    this._list.abort();
    this._detail.abort();
    this._manage.abort();
    clearTimeout(this._searchTimer);
    this._jsonLd?.remove();
    this._jsonLd = null;
  }

  protected override willUpdate(): void {
    const tag = resolveLocale(this);
    this._lang = tag.toLowerCase().startsWith('es') ? 'es' : 'en';
    this._firstDay = firstDayOfWeek(tag);
    this._zone = validZone(this.timeZone);
    this._weeks = monthWeeks(this._month, this._firstDay);
  }

  override render(): TemplateResult {
    const open = Boolean(this._openId || this._rsvpToken);
    return html`
      <div part="base" class="base" lang=${this._lang} @keydown=${this._onKeydown}>
        ${open ? renderDetail(this) : nothing}
        <div class="main" ?hidden=${open}>
          ${renderFilters(this)}
          ${renderNav(this)}
          <p class="count" part="count" role="status">${this._countText()}</p>
          ${renderBody(this)}
          ${renderSubscribe(this)}
        </div>
      </div>`;
  }

  protected override updated(): void {
    const target = this._focusSelector && this.renderRoot.querySelector<HTMLElement>(this._focusSelector);
    if (target) {
      target.focus();
      this._focusSelector = null;
    }
  }

  /** A read-only value with a "Copy" button (the event view's cancellation code uses it too). */
  _copyField(id: string, label: string, value: string): TemplateResult {
    return renderCopy(this, id, label, value);
  }

  /** A kind of event's (or, with `audience`, an audience's) label: the event view borrows it, so its bundle carries no vocabulary. */
  _label(code: string, audience?: boolean): string {
    return labelOf(audience ? EVENT_AUDIENCE_LABELS : EVENT_TYPES, code, this._lang);
  }

  /** "Have a reservation code?": the reservation view opens asking for it (`?` until one is typed). */
  _askCode(e: Event): void {
    this._opener = e.currentTarget as HTMLElement;
    this._rsvpToken = '?';
  }

  _closeDetail(): void {
    // A reservation always comes from the address: it leaves the address with its view.
    this._fromHash ||= Boolean(this._rsvpToken);
    this._rsvpToken = this._openId = '';
    if (this._fromHash) {
      this._fromHash = false;
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    }
    const opener = this._opener;
    this._opener = null;
    // The opener is back in view once the calendar renders again; if it is gone, the grid's day is next best.
    void this.updateComplete.then(() => {
      const target =
        opener?.isConnected && opener.getClientRects().length
          ? opener
          : this.renderRoot.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"], [part~="event-title"], [part~="title"]');
      target?.focus();
    });
  }

  // --- the address bar ---------------------------------------------------------------------------

  /**
   * Opens the event the address names (`#event=evt_…`, as the API's JSON-LD and .ics links write
   * it), or the reservation (`#rsvp=…`, as the confirmation email links it); closes an event it
   * opened when the address no longer names it.
   */
  private _fromLocation(): void {
    const q = new URLSearchParams(location.hash.slice(1));
    const token = q.get('rsvp') ?? '';
    this._rsvpToken = TOKEN.test(token) ? token : '';
    const id = q.get('event');
    if (id && ID_PATTERN.test(id)) {
      this._fromHash = true;
      this._openId = id;
    } else if (this._fromHash && this._openId) {
      this._fromHash = false;
      this._closeDetail();
    }
  }

  async _submit(e: Event): Promise<void> {
    e.preventDefault();
    const d = this._detail.value;
    if (this._sending || !d) return;
    const t = this._t;
    const v = this._values;
    // Interpretation only when the event offers it (the validator keeps the language only for "other").
    let body: Record<string, unknown> = {
      name: v.name.trim(),
      email: v.email.trim(),
      role: v.role,
      partySize: Number(v.partySize),
      grade: v.grade ? Number(v.grade) : undefined,
      consent: v.consent,
      interpretation: d.interpretation.length ? v.interpretation : '',
      interpretationOther: v.interpretationOther,
    };
    this._sending = true;
    this._failure = null;
    // The RSVP module (validator and form token) loads when the form opens; a retry loads it again.
    const m = await this._validator().catch(() => null);
    const check = m?.validateRsvp(body, this._lang);
    if (check && !check.ok) {
      this._sending = false;
      const errors: Record<string, string> = {};
      for (const { path, message } of check.issues) errors[path] ??= t.errors[path] ?? message;
      return this._showErrors(errors);
    }
    if (check) body = check.data;
    const honeypot = this.renderRoot.querySelector<HTMLInputElement>('[name="nickname"]')?.value;
    try {
      // Without the RSVP module (it failed to load) there is no form token either: a network error.
      if (!m) throw 0;
      const receipt = await m.sendRsvp(this._client, d.id, honeypot ? { ...body, nickname: honeypot } : body, this._key, this._lang);
      this._receipt = receipt;
      this._store({ receipt });
      this._focusSelector = '[part~="receipt"] h4';
      this.emit(new WblRsvpSuccessEvent(d.id, receipt));
      // Seats changed: the list shows the new count.
      void this._list.run();
    } catch (err) {
      const x = this._fail(err);
      const errors: Record<string, string> = {};
      for (const fe of x.fieldErrors) if ((FIELDS as string[]).includes(fe.path)) errors[fe.path] ??= t.errors[fe.path] ?? fe.message;
      if (Object.keys(errors).length) return this._showErrors(errors);
      this._retry = x.status === 0 || x.status >= 500;
      this._failure = `${this._problemText(x)}${this._retry ? ` ${t.kept}` : ''}`;
      this._focusSelector = '[part~="failure"]';
    } finally {
      this._sending = false;
    }
  }

  async _cancel(): Promise<void> {
    const r = this._receipt;
    if (!r || this._sending) return;
    this._sending = true;
    this._failure = null;
    try {
      await this._client.request(`/rsvps/${encodeURIComponent(r.cancelToken)}`, { method: 'DELETE' });
      this._store(null);
      this._cancelled = true;
      this._focusSelector = '[part~="receipt"] h4';
      void this._list.run();
    } catch (err) {
      this._failure = this._problemText(this._fail(err));
      this._focusSelector = '[part~="failure"]';
    } finally {
      this._sending = false;
    }
  }

  async _copy(id: string): Promise<void> {
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!;
    let message = this._t.copied;
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      // No clipboard permission: select the text so the person can copy it themselves.
      input.select();
      message = this._t.copyHint;
    }
    this._copied = `${id}:${message}`;
  }

  // --- handlers ----------------------------------------------------------------------------------

  _onOpen(e: Event, id: string): void {
    e.stopPropagation();
    this._opener = e.currentTarget as HTMLElement;
    this._fromHash = false;
    this._openId = id;
  }

  /** Moves the grid's day (and the month, when the day is in another one). */
  _moveTo(date: string, focus = false): void {
    this._focus = date;
    this._day = null;
    if (!date.startsWith(this._month)) this.month = date.slice(0, 7);
    if (focus) this._focusSelector = `[data-date="${date}"]`;
  }

  _shift(months: number): void {
    this._moveTo(addMonths(this._focusDate, months));
  }

  _openDay(date: string): void {
    this._focus = date;
    this._day = date;
    this._focusSelector = '#day-title';
  }

  /** The APG grid keys: arrows by day and week, Home/End to the week's ends, Page Up/Down by month (with Shift, by year). */
  _onGridKeydown(e: KeyboardEvent): void {
    if ((e.target as HTMLElement).getAttribute('role') !== 'gridcell') return;
    const from = this._focusDate;
    const column = (weekday(from) - this._firstDay + 7) % 7;
    const keys: Record<string, () => string> = {
      ArrowLeft: () => addDays(from, -1),
      ArrowRight: () => addDays(from, 1),
      ArrowUp: () => addDays(from, -7),
      ArrowDown: () => addDays(from, 7),
      Home: () => addDays(from, -column),
      End: () => addDays(from, 6 - column),
      PageUp: () => addMonths(from, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(from, e.shiftKey ? 12 : 1),
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this._openDay(from);
    } else if (keys[e.key]) {
      e.preventDefault();
      this._moveTo(keys[e.key]!(), true);
    }
  }

  /** A day focused by a click or a screen reader's cursor takes the tab stop. */
  _onGridFocus(e: FocusEvent): void {
    const date = (e.target as HTMLElement).dataset.date;
    if (date) this._focus = date;
  }

  _onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    if (this._openId || this._rsvpToken) {
      e.preventDefault();
      this._closeDetail();
    } else if (this._day) {
      e.preventDefault();
      this._focusSelector = `[data-date="${this._day}"]`;
      this._day = null;
    }
  }

  _onSearchInput(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    clearTimeout(this._searchTimer);
    this._searchTimer = setTimeout(() => {
      this._query = value;
    }, 300);
  }

  _onSearchSubmit(e: Event): void {
    e.preventDefault();
    clearTimeout(this._searchTimer);
    this._query = this.renderRoot.querySelector<HTMLInputElement>('#f-q')?.value ?? '';
  }

  _clearFilters(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#f-q');
    if (input) input.value = '';
    this._query = '';
    this.audience = '';
    this.cluster = '';
    this.type = '';
    this._focusSelector = '#f-q';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-event-calendar': WblEventCalendar;
  }
}
