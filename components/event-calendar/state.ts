import { initialState, Task, TaskStatus } from '@lit/task';
import type { EventDetail, EventList, EventSummary, RsvpReceipt, RsvpView } from '../../schema/api/events.js';
import { isAbort, toApiError, type ApiError } from '../base/api.js';
import { formatDate, plural, type Lang } from '../base/localize.js';
import { WblWidget } from '../base/widget.js';
import { WblEventCalendarErrorEvent } from '../events/event-calendar-error.js';
import { WblEventSelectEvent } from '../events/event-select.js';
import { addDays, dateIn, eventDays } from './calendar.js';
import { MESSAGES, type Messages } from './messages.js';

export type View = 'month' | 'agenda';
export interface Values {
  name: string;
  email: string;
  role: string;
  partySize: string;
  grade: string;
  consent: boolean;
  /** `es`, `asl`, `other`, or empty for none. */
  interpretation: string;
  interpretationOther: string;
}
export type Field = keyof Values;
export interface Draft {
  values?: Values;
  key?: string;
  receipt?: RsvpReceipt;
}

/** A reservation as `GET /api/v1/rsvps/:token` answers it. */
export type Reservation = RsvpView;

export const FIELDS: Field[] = ['name', 'email', 'role', 'partySize', 'grade', 'consent', 'interpretation', 'interpretationOther'];
export const EMPTY: Values = { name: '', email: '', role: '', partySize: '1', grade: '', consent: false, interpretation: '', interpretationOther: '' };

/** Below this width (in CSS px) the calendar opens as a list, unless `view` says otherwise. */
const NARROW = 640;
/** How many events' JSON-LD the `seo` option fetches for one month. */
const SEO_MAX = 30;
export const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric' };

/**
 * The calendar's attributes, state and requests (each a `Task`: loading, errors and aborts are
 * its own); `event-calendar.ts` adds rendering, the RSVP form's logic and handlers.
 */
export class CalendarState extends WblWidget {
  static override properties = {
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
    for (const name of [
      '_events',
      '_focus',
      '_day',
      '_query',
      '_narrow',
      '_openId',
      '_values',
      '_errors',
      '_summary',
      '_sending',
      '_failure',
      '_retry',
      '_receipt',
      '_cancelled',
      '_restored',
      '_copied',
      '_rsvpToken',
      '_confirming',
    ]) {
      this.createProperty(name, { state: true });
    }
  }

  /** `en` or `es` (a region picks the week's first day: `es-US` starts on Sunday); defaults to the page's language (a `<wbl-site lang>` included). */
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

  declare _events: EventSummary[];
  /** The grid's day with the roving tabindex. */
  declare _focus: string;
  /** The day whose events are listed under the grid. */
  declare _day: string | null;
  declare _query: string;
  declare _narrow: boolean;
  /** The event whose detail is open (from the grid, the list or the address), empty when none is. */
  declare _openId: string;
  declare _values: Values;
  declare _errors: Record<string, string>;
  declare _summary: boolean;
  declare _sending: boolean;
  declare _failure: string | null;
  /** Whether the failure was the network's or the server's, so sending again may succeed. */
  declare _retry: boolean;
  declare _receipt: RsvpReceipt | null;
  declare _cancelled: boolean;
  declare _restored: boolean;
  declare _copied: string;
  /** The reservation the address names (`#rsvp=…`), shown instead of the calendar; empty when none is. */
  declare _rsvpToken: string;
  /** Whether "Cancel my reservation" is waiting for its confirmation. */
  declare _confirming: boolean;

  /** Resolved once per update: language, first weekday, zone, weeks. */
  _lang: Lang = 'en';
  _firstDay = 0;
  _zone = 'UTC';
  _weeks: string[][] = [];
  /** A selector to focus after the next render that contains it. */
  _focusSelector: string | null = null;
  protected _searchTimer?: ReturnType<typeof setTimeout>;
  protected _jsonLd: HTMLScriptElement | null = null;
  /** The RSVP's Idempotency-Key, kept with the draft. */
  protected _key = '';
  /** The module that shows a loaded event, once the first one has opened. */
  _eventModule?: typeof import('./event-view.js');
  private static _rsvp?: Promise<typeof import('./rsvp-validate.js')>;
  private static _event?: Promise<typeof import('./event-view.js')>;

  /** The month's events: loads again whenever the request would differ, whichever attribute or control changed it. */
  _list = new Task(this, {
    args: () => [this._client, this._client.url('/events', this._params()), this.seo],
    task: async (_args, { signal }) => {
      clearTimeout(this._searchTimer);
      try {
        this._events = (await this._client.get<EventList>('/events', this._params(), signal)).items;
        signal.throwIfAborted();
      } catch (e) {
        throw this._fail(e);
      }
      if (this.seo) await this._writeJsonLd(signal);
      else this._jsonLd?.remove();
    },
  });

  /** The open event's detail; its RSVP draft is restored and the RSVP module starts loading with it. */
  _detail = new Task(this, {
    args: () => [this._openId],
    task: async ([id], { signal }) => {
      if (!id) return initialState;
      this._focusSelector = '[part~="back-button"]';
      try {
        // The event and the module that shows it load side by side.
        const [detail, view] = await Promise.all([
          this._client.get<EventDetail>(`/events/${encodeURIComponent(id)}`, undefined, signal),
          CalendarState._eventView(),
        ]);
        signal.throwIfAborted();
        this._eventModule = view;
        this._restore();
        if (detail.registrationRequired)
          this._validator().then(
            (m) => m.openRsvp(this._client),
            () => undefined,
          );
        this._focusSelector = '#detail-title';
        this.emit(new WblEventSelectEvent(detail));
        return detail;
      } catch (e) {
        throw this._fail(e);
      }
    },
  });

  /** The reservation the address names, with the module that shows it; null when the API knows no such token. */
  _manage = new Task(this, {
    args: () => [this._rsvpToken],
    task: async ([token], { signal }) => {
      if (!token) return initialState;
      // The view fetches the reservation itself; a view that does not load is a network error.
      const view = await CalendarState._eventView().catch(() => {
        throw this._fail(0);
      });
      this._eventModule = view;
      return view.loadReservation(this, token, signal);
    },
  });

  constructor() {
    super();
    this.view = '';
    this.month = '';
    this.audience = '';
    this.cluster = '';
    this.type = '';
    this.timeZone = '';
    this.seo = false;
    this._events = [];
    this._focus = '';
    this._day = null;
    this._query = '';
    this._narrow = false;
    this._openId = '';
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
    this._rsvpToken = '';
    this._confirming = false;
  }

  /** A failed request as an `ApiError`, announced with the calendar's error event; an abort passes through. */
  _fail(e: unknown): ApiError {
    if (isAbort(e)) throw e;
    const x = toApiError(e);
    this.emit(new WblEventCalendarErrorEvent(x.status, x.problem));
    return x;
  }

  protected _measure(width = 0): void {
    if (width) this._narrow = width < NARROW;
  }

  get _t(): Messages {
    return MESSAGES[this._lang];
  }

  get _today(): string {
    return dateIn(Date.now(), this._zone);
  }

  /** The month shown: `month` when it is one, else this month. */
  get _month(): string {
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(this.month) ? this.month : this._today.slice(0, 7);
  }

  get _view(): View {
    return this.view === 'month' || this.view === 'agenda' ? this.view : this._narrow ? 'agenda' : 'month';
  }

  get _monthLabel(): string {
    return formatDate(`${this._month}-01`, this._lang, { month: 'long', year: 'numeric' });
  }

  /** The day with the roving tabindex: the chosen one when it is in this month, else today, else the 1st. */
  get _focusDate(): string {
    const month = this._month;
    return this._focus.startsWith(month) ? this._focus : this._today.startsWith(month) ? this._today : `${month}-01`;
  }

  _dayLabel(date: string): string {
    return formatDate(date, this._lang, DAY);
  }

  _params() {
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
  _byDay(): Map<string, EventSummary[]> {
    const days = new Map<string, EventSummary[]>();
    const sorted = [...this._events].sort((a, b) => Number(b.allDay) - Number(a.allDay) || a.startsAt.localeCompare(b.startsAt));
    for (const e of sorted) for (const d of eventDays(e, this._zone)) days.set(d, [...(days.get(d) ?? []), e]);
    return days;
  }

  /** The days the current view shows: the whole month, or in the list this month from today on. */
  _visibleDays(): string[] {
    const today = this._today;
    const list = this._view === 'agenda' && today.startsWith(this._month);
    return this._weeks.flat().filter((d) => d.startsWith(this._month) && (!list || d >= today));
  }

  _visibleEvents(): EventSummary[] {
    const byDay = this._byDay();
    return [...new Set(this._visibleDays().flatMap((d) => byDay.get(d) ?? []))];
  }

  _countText(): string {
    const status = this._list.status;
    if (status === TaskStatus.ERROR) return '';
    // Once events have shown, loading another month names the month rather than "Loading…", so
    // the live region does not chatter on every key press.
    if (status < TaskStatus.COMPLETE) return this._events.length ? this._monthLabel : this._t.loading;
    return `${this._monthLabel}: ${plural(this._visibleEvents().length, this._lang, this._t.count)}`;
  }

  _seats(e: EventSummary): string {
    const t = this._t;
    if (e.status === 'cancelled') return t.cancelled;
    if (!e.registrationRequired) return t.noRegistration;
    if (e.remaining === null) return t.open;
    return e.remaining > 0 ? plural(e.remaining, this._lang, t.seatsLeft) : t.full;
  }

  /** What went wrong, in words a person can act on. */
  _problemText(x: ApiError): string {
    const t = this._t;
    return x.status === 0
      ? t.networkError
      : x.status >= 500
        ? t.serverError
        : x.status === 429
          ? t.tooMany
          : [x.problem?.title ?? x.message, x.problem?.detail].filter(Boolean).join(' — ');
  }

  /**
   * The month's events as schema.org JSON-LD in one `<script type="application/ld+json">` in the
   * host page's head, where search engines read it (they do not look into shadow roots). It is
   * data, not script, so a strict CSP allows it.
   */
  async _writeJsonLd(signal: AbortSignal): Promise<void> {
    const events = this._visibleEvents().slice(0, SEO_MAX);
    const details = await Promise.all(
      events.map((e) => this._client.get<EventDetail>(`/events/${encodeURIComponent(e.id)}`, undefined, signal).catch(() => null)),
    );
    if (signal.aborted || !this.isConnected) return;
    const script = (this._jsonLd ??= document.createElement('script'));
    script.type = 'application/ld+json';
    script.dataset.wblEventCalendar = '';
    // `<` escaped, so the JSON stays inert if a crawler serialises the page to HTML.
    script.textContent = JSON.stringify(details.flatMap((d) => (d ? [d.jsonLd] : []))).replace(/</g, '\\u003c');
    if (!script.isConnected) document.head.appendChild(script);
  }

  /** The event view, loaded once, when the first event opens; a failed load (read as a network error) is tried again. */
  static _eventView(): Promise<typeof import('./event-view.js')> {
    return (CalendarState._event ??= import('./event-view.js').catch((e: unknown) => {
      CalendarState._event = undefined;
      throw e;
    }));
  }

  /** The RSVP validator, loaded once, when the first form opens. */
  _validator(): Promise<typeof import('./rsvp-validate.js')> {
    return (CalendarState._rsvp ??= import('./rsvp-validate.js').catch((e: unknown) => {
      CalendarState._rsvp = undefined;
      throw e;
    }));
  }

  // --- the RSVP draft ----------------------------------------------------------------------------

  protected get _draftKey(): string {
    return `wbl-rsvp:${this.siteKey}:${this._openId}`;
  }

  protected _restore(): void {
    let draft: Draft = {};
    try {
      draft = JSON.parse(localStorage.getItem(this._draftKey) ?? '{}') as Draft;
    } catch {
      /* storage blocked or a broken draft: start clean */
    }
    this._values = { ...EMPTY, ...draft.values };
    this._restored = Boolean(draft.values && !draft.receipt);
    this._key = draft.key ?? crypto.randomUUID();
    this._receipt = draft.receipt ?? null;
    this._errors = {};
    this._summary = false;
    this._failure = null;
    this._cancelled = false;
  }

  _store(draft: Draft | null): void {
    try {
      if (draft) localStorage.setItem(this._draftKey, JSON.stringify(draft));
      else localStorage.removeItem(this._draftKey);
    } catch {
      /* private mode or full storage: the form still works */
    }
  }

  _input(f: Field, value: string | boolean): void {
    this._values = { ...this._values, [f]: value };
    if (this._errors[f]) {
      const { [f]: _fixed, ...rest } = this._errors;
      this._errors = rest;
    }
    // The key is saved with what was typed, so a retry after a reload cannot make a second RSVP.
    this._store({ values: this._values, key: this._key });
  }

  _showErrors(errors: Record<string, string>): void {
    this._errors = errors;
    this._summary = true;
    this._focusSelector = '[part~="error-summary"]';
  }

  _focusField(e: Event, path: string): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#r-${path}`)?.focus();
  }
}
