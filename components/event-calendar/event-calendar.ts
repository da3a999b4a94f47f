import { html, nothing, type TemplateResult } from 'lit';
import type { EventDetail, EventList, EventSummary, RsvpReceipt } from '../../schema/api/events.js';
import { CLUSTERS, EVENT_AUDIENCE_LABELS, EVENT_TYPES, RSVP_ROLES, labelOf, type Term } from '../../schema/vocab.js';
import { ApiClient, ApiError, defaultApiBase, isAbort, toApiError } from '../base/api.js';
import { WblElement } from '../base/element.js';
import { formatDate, plural, resolveLocale, type Lang } from '../base/localize.js';
import { WblEventCalendarErrorEvent } from '../events/event-calendar-error.js';
import { WblEventSelectEvent } from '../events/event-select.js';
import { WblRsvpSuccessEvent } from '../events/rsvp-success.js';
import {
  addDays, addMonths, dateFormat, dateIn, eventDays, firstDayOfWeek, formatRange, googleCalendarUrl, mapUrl, monthWeeks,
  placeText, TIME, validZone, webUrl, weekday,
} from './calendar.js';
import { calendarStyles } from './event-calendar.styles.js';
import { MESSAGES, type Messages } from './messages.js';

type Status = 'loading' | 'ready' | 'error';
type View = 'month' | 'agenda';
type Filter = 'audience' | 'cluster' | 'type';
interface Values { name: string; email: string; role: string; partySize: string; grade: string; consent: boolean }
type Field = keyof Values;
interface Draft { values?: Values; key?: string; receipt?: RsvpReceipt }

const FIELDS: Field[] = ['name', 'email', 'role', 'partySize', 'grade', 'consent'];
const EMPTY: Values = { name: '', email: '', role: '', partySize: '1', grade: '', consent: false };
/** A day cell shows this many events; a fuller day shows one fewer and "+N more". */
const PER_DAY = 3;
/** Below this width (in CSS px) the calendar opens as a list, unless `view` says otherwise. */
const NARROW = 640;
/** How many events' JSON-LD the `seo` option fetches for one month. */
const SEO_MAX = 30;
const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric' };
const FULL: Intl.DateTimeFormatOptions = { ...DAY, year: 'numeric', ...TIME, timeZoneName: 'short' };
const range = (from: number, to: number): [string, string][] => Array.from({ length: to - from + 1 }, (_, i) => [String(from + i), String(from + i)]);

/**
 * A calendar of a district's career-awareness events — career fairs, guest speakers, industry
 * tours, family nights — for school and family pages: a month grid (the WAI-ARIA grid pattern)
 * or a list grouped by day, filters, each event's detail with times in the viewer's zone, an
 * RSVP form that never loses what a person typed, "add to my calendar" and a subscribable feed.
 *
 * @summary Find career-awareness events, RSVP, and put them in your own calendar.
 * @tagname wbl-event-calendar
 *
 * @fires {WblEventSelectEvent} wbl-event-select - An event's detail opened. `detail: { eventId, event }`.
 * @fires {WblRsvpSuccessEvent} wbl-rsvp-success - An RSVP was taken, confirmed or waitlisted. `detail: { eventId, receipt: { id, status, cancelToken, waitlistPosition } }`.
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
 * @csspart error-summary - The list of problems shown on submit.
 * @csspart draft-notice - The notice that a draft was restored.
 * @csspart submit-button - The RSVP button.
 * @csspart failure - The message when sending failed.
 * @csspart receipt - The confirmation (or waitlist place) with the cancellation code.
 * @csspart cancel-button - The "Cancel my RSVP" button.
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
export class WblEventCalendar extends WblElement {
  static override styles = calendarStyles;

  static override properties = {
    apiBase: { attribute: 'api-base' },
    siteKey: { attribute: 'site-key' },
    lang: { reflect: true },
    view: {},
    month: {},
    audience: {},
    cluster: {},
    type: {},
    timeZone: { attribute: 'time-zone' },
    seo: { type: Boolean },
  };

  // Internal reactive state, kept out of the attribute list in the custom elements manifest.
  static {
    for (const name of ['_events', '_status', '_error', '_focus', '_day', '_query', '_narrow', '_detail', '_detailStatus', '_detailError',
      '_values', '_errors', '_summary', '_sending', '_failure', '_retry', '_receipt', '_cancelled', '_restored', '_copied']) {
      this.createProperty(name, { state: true });
    }
  }

  /** Where the API is; defaults to the origin this script was loaded from. */
  declare apiBase: string;
  /** The site's publishable key (`pk_…`), sent as `X-Site-Key` and in the feed's `?key=`. */
  declare siteKey: string;
  /** `en` or `es` (a region picks the week's first day: `es-US` starts on Sunday); defaults to the page's language. */
  declare lang: string;
  /** `month` or `agenda` (a list by day); by default a list when the element is narrower than 640 px, else the month. */
  declare view: string;
  /** The month shown, `YYYY-MM`; defaults to this month. Follows the person's navigation. */
  declare month: string;
  /** Audience filter: `students`, `families`, `educators` or `employers`. */
  declare audience: string;
  /** Career cluster filter (`healthcare_human_services`). */
  declare cluster: string;
  /** Kind-of-event filter (`career_fair`, `family_night` …). */
  declare type: string;
  /** The IANA zone dates and times are shown in; defaults to the viewer's own. */
  declare timeZone: string;
  /** Writes the month's events as schema.org JSON-LD into the page's `<head>`, for search engines. */
  declare seo: boolean;

  declare private _events: EventSummary[];
  declare private _status: Status;
  declare private _error: ApiError | null;
  /** The grid's day with the roving tabindex. */
  declare private _focus: string;
  /** The day whose events are listed under the grid. */
  declare private _day: string | null;
  declare private _query: string;
  declare private _narrow: boolean;
  declare private _detail: EventDetail | null;
  declare private _detailStatus: Status | null;
  declare private _detailError: ApiError | null;
  declare private _values: Values;
  declare private _errors: Record<string, string>;
  declare private _summary: boolean;
  declare private _sending: boolean;
  declare private _failure: string | null;
  /** Whether the failure was the network's or the server's, so sending again may succeed. */
  declare private _retry: boolean;
  declare private _receipt: RsvpReceipt | null;
  declare private _cancelled: boolean;
  declare private _restored: boolean;
  declare private _copied: string;

  /** Resolved once per update: language, first weekday, zone, weeks. */
  private _lang: Lang = 'en';
  private _firstDay = 0;
  private _zone = 'UTC';
  private _weeks: string[][] = [];
  private _request = '';
  private _key = '';
  private _openId = '';
  private _searchTimer?: ReturnType<typeof setTimeout>;
  private _listAbort?: AbortController;
  private _detailAbort?: AbortController;
  /** What opened the detail or day panel, to take focus back when it closes. */
  private _opener: HTMLElement | null = null;
  /** A selector to focus after the next render that contains it. */
  private _focusSelector: string | null = null;
  private _jsonLd: HTMLScriptElement | null = null;
  private static _rsvp?: Promise<typeof import('./rsvp-validate.js')>;
  // Set a frame later: a change of view inside the observer's callback would resize what it observes.
  private _resize = new ResizeObserver(([entry]) => requestAnimationFrame(() => this._measure(entry?.contentRect.width)));

  constructor() {
    super();
    this.apiBase = '';
    this.siteKey = '';
    this.view = '';
    this.month = '';
    this.audience = '';
    this.cluster = '';
    this.type = '';
    this.timeZone = '';
    this.seo = false;
    this._events = [];
    this._status = 'loading';
    this._error = null;
    this._focus = '';
    this._day = null;
    this._query = '';
    this._narrow = false;
    this._detail = null;
    this._detailStatus = null;
    this._detailError = null;
    this._values = EMPTY;
    this._errors = {};
    this._summary = false;
    this._sending = false;
    this._failure = null;
    this._retry = false;
    this._receipt = null;
    this._cancelled = false;
    this._restored = false;
    this._copied = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Measured now too, so a phone's first paint is already the list.
    this._measure(this.getBoundingClientRect().width);
    this._resize.observe(this);
    // Moved elsewhere on the page: requests cut off by the move start again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize.disconnect();
    this._listAbort?.abort();
    this._detailAbort?.abort();
    clearTimeout(this._searchTimer);
    this._request = '';
    this._jsonLd?.remove();
    this._jsonLd = null;
  }

  protected override willUpdate(): void {
    const tag = resolveLocale(this);
    this._lang = tag.toLowerCase().startsWith('es') ? 'es' : 'en';
    this._firstDay = firstDayOfWeek(tag);
    this._zone = validZone(this.timeZone);
    this._weeks = monthWeeks(this._month, this._firstDay);
    // Load whenever the request itself would differ, whichever attribute or control changed it.
    const request = `${this.siteKey} ${this.seo} ${this._client.url('/events', this._params())}`;
    if (request !== this._request) {
      this._request = request;
      void this._load();
    }
  }

  override render(): TemplateResult {
    const open = Boolean(this._detailStatus);
    return html`
      <div part="base" class="base" lang=${this._lang} @keydown=${this._onKeydown}>
        ${open ? this._renderDetail() : nothing}
        <div class="main" ?hidden=${open}>
          ${this._renderFilters()}
          ${this._renderNav()}
          <p class="count" part="count" role="status">${this._countText()}</p>
          ${this._renderBody()}
          ${this._renderSubscribe()}
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

  // --- rendering: the calendar -----------------------------------------------------------------

  private _renderFilters(): TemplateResult {
    const t = this._t;
    const select = (name: Filter, label: string, terms: readonly Term[]) => html`
      <div class="field">
        <label for="f-${name}">${label}</label>
        <select id="f-${name}" @change=${(e: Event) => { this[name] = (e.target as HTMLSelectElement).value; }}>
          <option value="">${t.all}</option>
          ${terms.map((term) => html`<option value=${term.code} .selected=${this[name] === term.code}>${term.label[this._lang]}</option>`)}
        </select>
      </div>`;
    return html`
      <form class="filters" part="filter-bar" role="search" aria-label=${t.filters} @submit=${this._onSearchSubmit}>
        <div class="field">
          <label for="f-q">${t.search}</label>
          <input id="f-q" part="search" type="search" maxlength="200" autocomplete="off" enterkeyhint="search" @input=${this._onSearchInput}>
        </div>
        ${select('audience', t.who, EVENT_AUDIENCE_LABELS)}
        ${select('cluster', t.cluster, CLUSTERS)}
        ${select('type', t.type, EVENT_TYPES)}
      </form>`;
  }

  private _renderNav(): TemplateResult {
    const t = this._t;
    const view = this._view;
    return html`
      <div class="nav" part="nav">
        <div class="months">
          <button type="button" class="button secondary" part="prev-button" aria-label=${t.prev} @click=${() => this._shift(-1)}><span aria-hidden="true">‹</span></button>
          <h3 id="title" part="title">${this._monthLabel}</h3>
          <button type="button" class="button secondary" part="next-button" aria-label=${t.next} @click=${() => this._shift(1)}><span aria-hidden="true">›</span></button>
          <button type="button" class="button link" @click=${() => this._moveTo(this._today)}>${t.today}</button>
        </div>
        <div class="views" part="view-switch" role="group" aria-label=${t.view}>
          ${(['month', 'agenda'] as const).map((v) => html`<button type="button" class="button secondary" aria-pressed=${v === view ? 'true' : 'false'}
            @click=${() => { this.view = v; }}>${t[v]}</button>`)}
        </div>
      </div>`;
  }

  private _renderBody(): TemplateResult {
    const t = this._t;
    if (this._status === 'error') return this._renderError(this._error, () => void this._load());
    const byDay = this._byDay();
    if (this._view === 'month') return html`${this._renderGrid(byDay)}${this._day ? this._renderDay(this._day, byDay.get(this._day) ?? []) : nothing}`;
    const days = this._visibleDays().filter((d) => byDay.has(d));
    if (this._status === 'loading' && !days.length) return html``;
    if (!days.length) {
      return html`<div class="empty" part="empty"><p>${t.empty}</p>
        ${this.audience || this.cluster || this.type || this._query
          ? html`<button type="button" class="button secondary" @click=${this._clearFilters}>${t.clear}</button>` : nothing}</div>`;
    }
    return html`<div class="agenda" part="agenda" aria-busy=${this._status === 'loading' ? 'true' : 'false'}>
      ${days.map((d) => html`<section aria-labelledby="a-${d}">
        <h4 id="a-${d}" class="date">${this._dayLabel(d)}</h4>
        <ul class="items">${byDay.get(d)!.map((e) => this._renderItem(e))}</ul>
      </section>`)}</div>`;
  }

  private _renderGrid(byDay: Map<string, EventSummary[]>): TemplateResult {
    const t = this._t;
    const lang = this._lang;
    const today = this._today;
    const focus = this._focusDate;
    const names = dateFormat(lang, 'UTC', { weekday: 'short' });
    return html`
      <div class="grid" part="grid" role="grid" aria-labelledby="title" aria-busy=${this._status === 'loading' ? 'true' : 'false'}
        @keydown=${this._onGridKeydown} @focusin=${this._onGridFocus}>
        <div class="row" role="row">${this._weeks[0]!.map((d) => html`<div class="weekday" role="columnheader">${names.format(new Date(d))}</div>`)}</div>
        ${this._weeks.map((week) => html`<div class="row" role="row">${week.map((d) => {
          if (!d.startsWith(this._month)) return html`<div class="day out" role="gridcell"></div>`;
          const events = byDay.get(d) ?? [];
          const shown = events.length > PER_DAY ? events.slice(0, PER_DAY - 1) : events;
          return html`<div class="day" part="day-cell${d === today ? ' today' : ''}" role="gridcell" data-date=${d} tabindex=${d === focus ? 0 : -1}
              aria-current=${d === today ? 'date' : nothing} @click=${() => this._openDay(d)}>
            <span class="number" aria-hidden="true">${Number(d.slice(8))}</span>
            <span class="visually-hidden">${this._dayLabel(d)}${events.length ? `, ${plural(events.length, lang, t.count)}` : ''}</span>
            ${events.length ? html`<span class="dots" aria-hidden="true">${'•'.repeat(Math.min(events.length, PER_DAY))}</span>` : nothing}
            ${shown.map((e) => html`<button type="button" class="chip ${e.status}" part="event-chip" tabindex="-1" @click=${(ev: Event) => this._onOpen(ev, e.id)}>
              ${e.status === 'cancelled' ? html`<span class="tag">${t.cancelled}:</span>` : nothing}
              ${e.allDay ? nothing : html`<span class="time">${dateFormat(lang, this._zone, TIME).format(new Date(e.startsAt))}</span>`}
              ${e.title}</button>`)}
            ${shown.length < events.length ? html`<button type="button" class="more" part="more" tabindex="-1"
              @click=${(ev: Event) => { ev.stopPropagation(); this._openDay(d); }}>${plural(events.length - shown.length, lang, t.more)}</button>` : nothing}
          </div>`;
        })}</div>`)}
      </div>`;
  }

  private _renderDay(day: string, events: EventSummary[]): TemplateResult {
    return html`<section class="day-panel" part="day-panel" aria-labelledby="day-title">
      <h4 id="day-title" tabindex="-1">${this._dayLabel(day)}</h4>
      ${events.length ? html`<ul class="items">${events.map((e) => this._renderItem(e))}</ul>` : html`<p>${this._t.noEvents}</p>`}
    </section>`;
  }

  private _renderItem(e: EventSummary): TemplateResult {
    const t = this._t;
    const where = e.location?.name ?? e.location?.city ?? (e.virtual ? t.online : '');
    return html`<li class="item ${e.status}" part="event">
      <p class="when">${e.allDay ? t.allDay : formatRange(e.startsAt, e.endsAt, this._lang, this._zone, TIME)}</p>
      <p class="name"><button type="button" class="button link" part="event-title" @click=${(ev: Event) => this._onOpen(ev, e.id)}>${e.title}</button></p>
      <p class="meta">${labelOf(EVENT_TYPES, e.type, this._lang)}${where ? ` · ${where}` : ''}</p>
      <p class="seats">${this._seats(e)}</p>
    </li>`;
  }

  private _renderSubscribe(): TemplateResult {
    const t = this._t;
    const feed = this._client.url('/events.ics', { key: this.siteKey, audience: this.audience, cluster: this.cluster, type: this.type })
      .replace(/^https?:/, 'webcal:');
    return html`<section class="subscribe" part="subscribe" aria-labelledby="subscribe-title">
      <h4 id="subscribe-title">${t.subscribe}</h4>
      <p>${t.subscribeHint}</p>
      <p><a class="button secondary" href=${feed}>${t.subscribeLink}</a></p>
      ${this._renderCopy('feed', t.feed, feed)}
    </section>`;
  }

  private _renderCopy(id: string, label: string, value: string): TemplateResult {
    return html`<div class="copy">
      <label for=${id}>${label}</label>
      <div class="copy-row">
        <input id=${id} readonly .value=${value} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}>
        <button type="button" class="button secondary" @click=${() => this._copy(id)}>${this._t.copy}</button>
      </div>
      <p class="hint" role="status">${this._copied.startsWith(`${id}:`) ? this._copied.slice(id.length + 1) : ''}</p>
    </div>`;
  }

  private _renderError(e: ApiError | null, retry: () => void): TemplateResult {
    const t = this._t;
    return html`<div class="error" part="error" role="alert">
      <p><strong>${t.loadError}</strong></p>
      <p>${e ? this._problemText(e) : t.networkError}</p>
      <button type="button" class="button" @click=${retry}>${t.retry}</button>
    </div>`;
  }

  // --- rendering: one event ----------------------------------------------------------------------

  private _renderDetail(): TemplateResult {
    const t = this._t;
    const lang = this._lang;
    const d = this._detail;
    const back = html`<button type="button" class="button link back" part="back-button" @click=${this._closeDetail}>
      <span aria-hidden="true">←</span> ${t.back}</button>`;
    if (this._detailStatus !== 'ready' || !d) {
      return html`<section class="detail" part="detail">${back}
        ${this._detailStatus === 'error'
          ? this._renderError(this._detailError, () => void this._open(this._openId))
          : html`<p role="status">${t.loading}</p>`}</section>`;
    }
    const cancelled = d.status === 'cancelled';
    const ended = Date.parse(d.endsAt) < Date.now();
    const newTab = html`<span class="visually-hidden"> ${t.newTab}</span>`;
    const link = (href: string | null, text: string) => (href ? html`<a href=${href} target="_blank" rel="noopener">${text}${newTab}</a>` : text);
    const place = placeText(d.location);
    const map = mapUrl(d.location);
    const when = d.allDay
      ? `${[...new Set([d.startDate!, d.endDate!])].map((x) => formatDate(x, lang, { ...DAY, year: 'numeric' })).join(' – ')} · ${t.allDay}`
      : formatRange(d.startsAt, d.endsAt, lang, this._zone, FULL);
    const own = validZone(d.timeZone);
    const there = !d.allDay && own !== this._zone ? t.eventZone(formatRange(d.startsAt, d.endsAt, lang, own, FULL)) : '';
    const who = [d.audiences.map((a) => labelOf(EVENT_AUDIENCE_LABELS, a, lang)).join(', '), t.grades(d.gradeMin, d.gradeMax)].filter(Boolean).join(' · ');
    const fact = (term: string, value: unknown) => (value ? html`<div><dt>${term}</dt><dd>${value}</dd></div>` : nothing);
    return html`
      <section class="detail" part="detail" aria-labelledby="detail-title">
        ${back}
        <p class="badges"><span class="badge" part="badge">${labelOf(EVENT_TYPES, d.type, lang)}</span>
          ${cancelled ? html`<span class="badge alert" part="badge">${t.cancelled}</span>` : nothing}</p>
        <h3 id="detail-title" tabindex="-1">${d.title}</h3>
        ${cancelled ? html`<p class="notice alert" part="cancelled">${t.cancelledNote}</p>` : nothing}
        <dl class="facts">
          ${fact(t.when, html`${when}${there ? html`<br><span class="muted">${there}</span>` : nothing}`)}
          ${fact(t.where, html`${place ? html`${place}${map ? html` · ${link(map, t.map)}` : nothing}` : nothing}
            ${d.virtual ? html`${place ? html`<br>` : nothing}${link(webUrl(d.virtualUrl), d.virtualUrl ? t.join : t.online)}` : nothing}`)}
          ${fact(t.access, d.accessibilityNotes)}
          ${fact(t.who, who)}
          ${fact(t.seats, cancelled ? '' : this._seats(d))}
        </dl>
        <h4>${t.about}</h4>
        <p class="description">${d.description}</p>
        <p>${t.organizer}: ${link(webUrl(d.organizer.url), d.organizer.name)}</p>
        ${cancelled ? nothing : ended ? html`<p class="notice">${t.ended}</p>` : html`
          <div class="add" part="add-to-calendar">
            <h4>${t.addToCalendar}</h4>
            <p class="links">
              <a class="button secondary" href=${this._client.url(`/events/${encodeURIComponent(d.id)}/ics`, { key: this.siteKey })} download>${t.ics}</a>
              <a class="button secondary" target="_blank" rel="noopener"
                href=${googleCalendarUrl(d, `${d.description}\n\n${d.url}`, place || d.virtualUrl || '')}>${t.google}${newTab}</a>
            </p>
          </div>
          ${d.registrationRequired ? (this._receipt ? this._renderReceipt(this._receipt) : this._renderForm(d)) : nothing}`}
      </section>`;
  }

  private _renderForm(d: EventDetail): TemplateResult {
    const t = this._t;
    const full = d.remaining !== null && d.remaining <= 0;
    const errors = Object.entries(this._errors);
    return html`
      <form class="rsvp" part="rsvp-form" novalidate aria-labelledby="rsvp-title" @submit=${this._submit}>
        <h4 id="rsvp-title">${full ? t.joinWaitlist : t.reserve}</h4>
        ${full ? html`<p>${t.waitlistHint}</p>` : nothing}
        ${this._restored ? html`<p class="notice" part="draft-notice">${t.restored}</p>` : nothing}
        ${this._summary && errors.length ? html`<div class="summary" part="error-summary" role="alert" tabindex="-1">
          <p><strong>${t.problem}</strong></p>
          <ul>${errors.map(([path, message]) => html`<li><a href="#r-${path}" @click=${(e: Event) => this._focusField(e, path)}>${t.f[path] ?? path}: ${message}</a></li>`)}</ul>
        </div>` : nothing}
        ${FIELDS.map((f) => this._renderField(f))}
        <div class="visually-hidden" aria-hidden="true"><label>Leave this empty <input name="nickname" tabindex="-1" autocomplete="off"></label></div>
        ${this._failure ? html`<p class="failure" part="failure" role="alert" tabindex="-1">${this._failure}</p>` : nothing}
        <button type="submit" class="button" part="submit-button" ?disabled=${this._sending}>
          ${this._sending ? t.sending : this._failure && this._retry ? t.retry : full ? t.joinWaitlist : t.reserve}</button>
      </form>`;
  }

  private _renderField(f: Field): TemplateResult {
    const t = this._t;
    const id = `r-${f}`;
    const value = this._values[f];
    const error = this._errors[f];
    const attrs = { invalid: error ? 'true' : 'false', described: error ? `${id}-error` : nothing };
    const label = html`${t.f[f]}${f === 'grade' ? html` <span class="optional">${t.optional}</span>` : nothing}`;
    const message = error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing;
    const onInput = (e: Event) => {
      const input = e.target as HTMLInputElement;
      this._input(f, input.type === 'checkbox' ? input.checked : input.value);
    };
    if (f === 'consent') {
      return html`<div class="field check${error ? ' invalid' : ''}"><label><input id=${id} type="checkbox" .checked=${value === true}
        aria-invalid=${attrs.invalid} aria-describedby=${attrs.described} @change=${onInput}><span>${label}</span></label>${message}</div>`;
    }
    const options = f === 'role' ? RSVP_ROLES.map((r): [string, string] => [r, t.roles[r]!]) : f === 'partySize' ? range(1, 10) : f === 'grade' ? range(6, 12) : null;
    return html`<div class="field${error ? ' invalid' : ''}"><label for=${id}>${label}</label>${message}
      ${options
        ? html`<select id=${id} aria-invalid=${attrs.invalid} aria-describedby=${attrs.described} @change=${onInput}>
            ${f === 'partySize' ? nothing : html`<option value="" .selected=${!value}>${t.choose}</option>`}
            ${options.map(([v, text]) => html`<option value=${v} .selected=${value === v}>${text}</option>`)}</select>`
        : html`<input id=${id} type=${f === 'email' ? 'email' : 'text'} autocomplete=${f} .value=${value as string}
            aria-invalid=${attrs.invalid} aria-describedby=${attrs.described} @input=${onInput}>`}
    </div>`;
  }

  private _renderReceipt(r: RsvpReceipt): TemplateResult {
    const t = this._t;
    if (this._cancelled) {
      return html`<div class="receipt" part="receipt"><h4 tabindex="-1">${t.rsvpCancelled}</h4></div>`;
    }
    const confirmed = r.status === 'confirmed';
    return html`<div class="receipt ${r.status}" part="receipt">
      <h4 tabindex="-1">${confirmed ? t.confirmed : t.waitlisted(r.waitlistPosition)}</h4>
      ${confirmed ? nothing : html`<p>${t.waitlistHint}</p>`}
      ${this._renderCopy('token', t.token, r.cancelToken)}
      <p class="hint">${t.tokenHint}</p>
      ${this._failure ? html`<p class="failure" part="failure" role="alert" tabindex="-1">${this._failure}</p>` : nothing}
      <button type="button" class="button secondary" part="cancel-button" ?disabled=${this._sending} @click=${this._cancel}>${t.cancelRsvp}</button>
    </div>`;
  }

  // --- state helpers -----------------------------------------------------------------------------

  private _measure(width = 0): void {
    if (width) this._narrow = width < NARROW;
  }

  private get _t(): Messages {
    return MESSAGES[this._lang];
  }

  private get _client(): ApiClient {
    return new ApiClient(this.apiBase || defaultApiBase(import.meta.url), this.siteKey);
  }

  private get _today(): string {
    return dateIn(Date.now(), this._zone);
  }

  /** The month shown: `month` when it is one, else this month. */
  private get _month(): string {
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(this.month) ? this.month : this._today.slice(0, 7);
  }

  private get _view(): View {
    return this.view === 'month' || this.view === 'agenda' ? this.view : this._narrow ? 'agenda' : 'month';
  }

  private get _monthLabel(): string {
    return formatDate(`${this._month}-01`, this._lang, { month: 'long', year: 'numeric' });
  }

  /** The day with the roving tabindex: the chosen one when it is in this month, else today, else the 1st. */
  private get _focusDate(): string {
    const month = this._month;
    return this._focus.startsWith(month) ? this._focus : this._today.startsWith(month) ? this._today : `${month}-01`;
  }

  private _dayLabel(date: string): string {
    return formatDate(date, this._lang, DAY);
  }

  private _params() {
    const weeks = this._weeks;
    // A day either side: the API reads dates in the district's zone, the grid in the viewer's.
    return {
      from: addDays(weeks[0]![0]!, -1),
      to: addDays(weeks[weeks.length - 1]![6]!, 1),
      audience: this.audience,
      cluster: this.cluster,
      type: this.type,
      q: this._query.trim(),
    };
  }

  /** Events by the dates they cover in the display zone; all-day first, then by start. */
  private _byDay(): Map<string, EventSummary[]> {
    const days = new Map<string, EventSummary[]>();
    const sorted = [...this._events].sort((a, b) => Number(b.allDay) - Number(a.allDay) || a.startsAt.localeCompare(b.startsAt));
    for (const e of sorted) for (const d of eventDays(e, this._zone)) days.set(d, [...(days.get(d) ?? []), e]);
    return days;
  }

  /** The days the current view shows: the whole month, or in the list this month from today on. */
  private _visibleDays(): string[] {
    const today = this._today;
    const list = this._view === 'agenda' && today.startsWith(this._month);
    return this._weeks.flat().filter((d) => d.startsWith(this._month) && (!list || d >= today));
  }

  private _visibleEvents(): EventSummary[] {
    const byDay = this._byDay();
    return [...new Set(this._visibleDays().flatMap((d) => byDay.get(d) ?? []))];
  }

  private _countText(): string {
    if (this._status === 'error') return '';
    // Once events have shown, loading another month names the month rather than "Loading…", so
    // the live region does not chatter on every key press.
    if (this._status === 'loading') return this._events.length ? this._monthLabel : this._t.loading;
    return `${this._monthLabel}: ${plural(this._visibleEvents().length, this._lang, this._t.count)}`;
  }

  private _seats(e: EventSummary): string {
    const t = this._t;
    if (e.status === 'cancelled') return t.cancelled;
    if (!e.registrationRequired) return t.noRegistration;
    if (e.remaining === null) return t.open;
    return e.remaining > 0 ? plural(e.remaining, this._lang, t.seatsLeft) : t.full;
  }

  private _fail(e: ApiError): ApiError {
    this.emit(new WblEventCalendarErrorEvent(e.status, e.problem));
    return e;
  }

  // --- data --------------------------------------------------------------------------------------

  private async _load(): Promise<void> {
    clearTimeout(this._searchTimer);
    this._listAbort?.abort();
    const abort = (this._listAbort = new AbortController());
    this._status = 'loading';
    try {
      const body = await this._client.get<EventList>('/events', this._params(), abort.signal);
      if (abort.signal.aborted) return;
      this._events = body.items;
      this._error = null;
      this._status = 'ready';
      if (this.seo) await this._writeJsonLd(abort.signal);
      else this._jsonLd?.remove();
    } catch (e) {
      if (isAbort(e) || abort.signal.aborted) return;
      this._error = this._fail(toApiError(e));
      this._status = 'error';
    }
  }

  /**
   * The month's events as schema.org JSON-LD in one `<script type="application/ld+json">` in the
   * host page's head, where search engines read it (they do not look into shadow roots). It is
   * data, not script, so a strict CSP allows it.
   */
  private async _writeJsonLd(signal: AbortSignal): Promise<void> {
    const events = this._visibleEvents().slice(0, SEO_MAX);
    const details = await Promise.all(events.map((e) => this._client.get<EventDetail>(`/events/${encodeURIComponent(e.id)}`, undefined, signal).catch(() => null)));
    if (signal.aborted || !this.isConnected) return;
    const script = (this._jsonLd ??= document.createElement('script'));
    script.type = 'application/ld+json';
    script.dataset.wblEventCalendar = '';
    // `<` escaped, so the JSON stays inert if a crawler serialises the page to HTML.
    script.textContent = JSON.stringify(details.flatMap((d) => (d ? [d.jsonLd] : []))).replace(/</g, '\\u003c');
    if (!script.isConnected) document.head.appendChild(script);
  }

  private async _open(id: string): Promise<void> {
    this._detailAbort?.abort();
    const abort = (this._detailAbort = new AbortController());
    this._openId = id;
    this._detail = null;
    this._detailStatus = 'loading';
    this._focusSelector = '[part~="back-button"]';
    try {
      const detail = await this._client.get<EventDetail>(`/events/${encodeURIComponent(id)}`, undefined, abort.signal);
      if (abort.signal.aborted) return;
      this._restore(detail.id);
      if (detail.registrationRequired) this._validator().then((m) => m.openRsvp(this._client), () => undefined);
      this._detail = detail;
      this._detailStatus = 'ready';
      this._focusSelector = '#detail-title';
      this.emit(new WblEventSelectEvent(detail));
    } catch (e) {
      if (isAbort(e) || abort.signal.aborted) return;
      this._detailError = this._fail(toApiError(e));
      this._detailStatus = 'error';
    }
  }

  private _closeDetail(): void {
    this._detailAbort?.abort();
    this._detail = null;
    this._detailStatus = null;
    const opener = this._opener;
    this._opener = null;
    // The opener is back in view once the calendar renders again; if it is gone, the grid's day is next best.
    void this.updateComplete.then(() => {
      const target = opener?.isConnected && opener.getClientRects().length ? opener
        : this.renderRoot.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"], [part~="event-title"], [part~="title"]');
      target?.focus();
    });
  }

  // --- the RSVP draft ----------------------------------------------------------------------------

  private get _draftKey(): string {
    return `wbl-rsvp:${this.siteKey}:${this._openId}`;
  }

  private _restore(id: string): void {
    this._openId = id;
    let draft: Draft = {};
    try {
      draft = JSON.parse(localStorage.getItem(this._draftKey) ?? '{}') as Draft;
    } catch { /* storage blocked or a broken draft: start clean */ }
    this._values = { ...EMPTY, ...draft.values };
    this._restored = Boolean(draft.values && !draft.receipt);
    this._key = draft.key ?? crypto.randomUUID();
    this._receipt = draft.receipt ?? null;
    this._errors = {};
    this._summary = false;
    this._failure = null;
    this._cancelled = false;
  }

  private _store(draft: Draft | null): void {
    try {
      if (draft) localStorage.setItem(this._draftKey, JSON.stringify(draft));
      else localStorage.removeItem(this._draftKey);
    } catch { /* private mode or full storage: the form still works */ }
  }

  /** The RSVP validator, loaded once, when the first form opens. */
  private _validator(): Promise<typeof import('./rsvp-validate.js')> {
    return (WblEventCalendar._rsvp ??= import('./rsvp-validate.js').catch((e: unknown) => {
      WblEventCalendar._rsvp = undefined;
      throw e;
    }));
  }

  private _input(f: Field, value: string | boolean): void {
    this._values = { ...this._values, [f]: value };
    if (this._errors[f]) {
      const { [f]: _fixed, ...rest } = this._errors;
      this._errors = rest;
    }
    // The key is saved with what was typed, so a retry after a reload cannot make a second RSVP.
    this._store({ values: this._values, key: this._key });
  }

  private _showErrors(errors: Record<string, string>): void {
    this._errors = errors;
    this._summary = true;
    this._focusSelector = '[part~="error-summary"]';
  }

  private _focusField(e: Event, path: string): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#r-${path}`)?.focus();
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    const d = this._detail;
    if (this._sending || !d) return;
    const t = this._t;
    const v = this._values;
    let body: Record<string, unknown> = {
      name: v.name.trim(), email: v.email.trim(), role: v.role, partySize: Number(v.partySize), grade: v.grade ? Number(v.grade) : undefined, consent: v.consent,
    };
    this._sending = true;
    this._failure = null;
    // The RSVP module (validator and form token) loads when the form opens; a retry loads it again.
    const m = await this._validator().catch(() => null);
    const check = m?.validateRsvp(body);
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
      void this._load();
    } catch (err) {
      const x = this._fail(toApiError(err));
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

  /** What went wrong, in words a person can act on. */
  private _problemText(x: ApiError): string {
    const t = this._t;
    return x.status === 0 ? t.networkError : x.status >= 500 ? t.serverError : x.status === 429 ? t.tooMany
      : [x.problem?.title ?? x.message, x.problem?.detail].filter(Boolean).join(' — ');
  }

  private async _cancel(): Promise<void> {
    const r = this._receipt;
    if (!r || this._sending) return;
    this._sending = true;
    this._failure = null;
    try {
      await this._client.request(`/rsvps/${encodeURIComponent(r.cancelToken)}`, { method: 'DELETE' });
      this._store(null);
      this._cancelled = true;
      this._focusSelector = '[part~="receipt"] h4';
      void this._load();
    } catch (err) {
      this._failure = this._problemText(this._fail(toApiError(err)));
      this._focusSelector = '[part~="failure"]';
    } finally {
      this._sending = false;
    }
  }

  private async _copy(id: string): Promise<void> {
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

  private _onOpen(e: Event, id: string): void {
    e.stopPropagation();
    this._opener = e.currentTarget as HTMLElement;
    void this._open(id);
  }

  /** Moves the grid's day (and the month, when the day is in another one). */
  private _moveTo(date: string, focus = false): void {
    this._focus = date;
    this._day = null;
    if (!date.startsWith(this._month)) this.month = date.slice(0, 7);
    if (focus) this._focusSelector = `[data-date="${date}"]`;
  }

  private _shift(months: number): void {
    this._moveTo(addMonths(this._focusDate, months));
  }

  private _openDay(date: string): void {
    this._focus = date;
    this._day = date;
    this._focusSelector = '#day-title';
  }

  /** The APG grid keys: arrows by day and week, Home/End to the week's ends, Page Up/Down by month (with Shift, by year). */
  private _onGridKeydown(e: KeyboardEvent): void {
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
  private _onGridFocus(e: FocusEvent): void {
    const date = (e.target as HTMLElement).dataset.date;
    if (date) this._focus = date;
  }

  private _onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    if (this._detailStatus) {
      e.preventDefault();
      this._closeDetail();
    } else if (this._day) {
      e.preventDefault();
      this._focusSelector = `[data-date="${this._day}"]`;
      this._day = null;
    }
  }

  private _onSearchInput(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    clearTimeout(this._searchTimer);
    this._searchTimer = setTimeout(() => { this._query = value; }, 300);
  }

  private _onSearchSubmit(e: Event): void {
    e.preventDefault();
    clearTimeout(this._searchTimer);
    this._query = this.renderRoot.querySelector<HTMLInputElement>('#f-q')?.value ?? '';
  }

  private _clearFilters(): void {
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
