import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type {
  MatchItem, MatchResponse, OpportunityDetail, OpportunityFacets, OpportunityList, OpportunitySummary,
} from '../../schema/api/opportunities.js';
import {
  CLUSTERS, MODES, OPPORTUNITY_TYPES, SKILLS, STAGES, TIME_SLOTS, labelOf, type Term,
} from '../../schema/vocab.js';
import { ApiClient, ApiError, defaultApiBase } from '../base/api.js';
import { WblElement } from '../base/element.js';
import { formatDate, formatMoney, formatNumber, resolveLang, type Lang } from '../base/localize.js';
import { WblOpportunityApplyEvent } from '../events/opportunity-apply.js';
import { WblOpportunitySelectEvent } from '../events/opportunity-select.js';
import { MESSAGES, type Messages } from './messages.js';
import { boardStyles } from './opportunity-board.styles.js';

const KM_PER_MI = 1.609344;
const RADII = [5, 10, 25, 50];
const HASH_KEY = 'opportunity';
const SEARCH_DEBOUNCE_MS = 300;

type Status = 'loading' | 'ready' | 'error';
const list = (value: string | null | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * A searchable, filterable board of a district's work-based learning opportunities — job
 * shadows, worksite tours, internships, apprenticeships — for school and district websites.
 *
 * @summary Search, filter and page work-based learning opportunities; open one; apply.
 * @tagname wbl-opportunity-board
 *
 * @fires wbl-opportunity-select - An opportunity's detail opened. `detail: { opportunityId, opportunity }`.
 * @fires wbl-opportunity-apply - "Apply" was pressed. Cancelable. `detail: { opportunityId, opportunity }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart search - The search input.
 * @csspart filter-toggle - The button that shows the filters on narrow screens.
 * @csspart filter-bar - The filters.
 * @csspart result-count - The live count of matching opportunities.
 * @csspart list - The list of cards.
 * @csspart card - One opportunity card.
 * @csspart card-title - A card's title link.
 * @csspart card-meta - A card's facts (pay, place, distance, deadline).
 * @csspart badge - A stage or mode badge.
 * @csspart load-more - The "Load more" button.
 * @csspart detail - The opportunity detail view.
 * @csspart back-button - The "Back to results" button.
 * @csspart apply-button - The "Apply" button.
 * @csspart match-panel - The "find matches for me" panel.
 * @csspart error - The error message with its retry button.
 * @csspart empty - The message shown when nothing matches.
 *
 * @cssprop --wbl-color-primary - Buttons, links and accents. Default #1d4ed8.
 * @cssprop --wbl-color-primary-contrast - Text on primary. Default #fff.
 * @cssprop --wbl-color-text - Body text. Default #1b1f24.
 * @cssprop --wbl-color-muted - Secondary text. Default #4b5563.
 * @cssprop --wbl-color-surface - Card and panel background. Default #fff.
 * @cssprop --wbl-color-subtle - Badge and skeleton background. Default #f3f4f6.
 * @cssprop --wbl-color-border - Borders. Default #d1d5db.
 * @cssprop --wbl-color-danger - Errors. Default #b42318.
 * @cssprop --wbl-font-family - Font. Default: inherited from the page.
 * @cssprop --wbl-radius - Corner radius. Default 8px.
 * @cssprop --wbl-focus-ring - Focus outline. Default 3px solid #2563eb.
 * @cssprop --wbl-board-min-height - Space reserved while loading, so the page does not shift. Default 32rem.
 */
export class WblOpportunityBoard extends WblElement {
  static override styles = boardStyles;

  static override properties = {
    apiBase: { attribute: 'api-base' },
    siteKey: { attribute: 'site-key' },
    lang: { reflect: true },
    stage: {},
    cluster: {},
    type: {},
    mode: {},
    paid: {},
    grade: {},
    open: { converter: { fromAttribute: (v: string | null) => v !== 'false' } },
    pageSize: { attribute: 'page-size', type: Number },
    units: {},
    match: { type: Boolean },
  };

  // Internal reactive state, kept out of the attribute list in the custom elements manifest.
  static {
    for (const name of ['_items', '_total', '_facets', '_nextCursor', '_status', '_error', '_loadingMore', '_q', '_sort', '_radius',
      '_transit', '_filtersOpen', '_detail', '_detailStatus', '_matchOpen', '_matches', '_matchStatus', '_applying']) {
      this.createProperty(name, { state: true });
    }
  }

  /** Where the API is; defaults to the origin this script was loaded from. */
  declare apiBase: string;
  /** The site's publishable key (`pk_…`). */
  declare siteKey: string;
  /** `en` or `es`; defaults to the page's language. */
  declare lang: string;
  /** Preset stage filter, comma-separated (`exploration,preparation`). */
  declare stage: string;
  /** Preset career cluster filter, comma-separated codes. */
  declare cluster: string;
  /** Preset opportunity type filter, comma-separated codes. */
  declare type: string;
  /** Preset mode filter: `in_person`, `virtual`, `hybrid`, comma-separated. */
  declare mode: string;
  /** Preset pay filter: `true` (paid only) or `false` (unpaid only). */
  declare paid: string;
  /** Show only opportunities open to this grade. */
  declare grade: string;
  /** Show only opportunities accepting applications today (default true; `open="false"` shows all). */
  declare open: boolean;
  /** How many cards a page loads (1–100). */
  declare pageSize: number;
  /** Distance units: `mi` (default) or `km`. */
  declare units: string;
  /** Show the "find matches for me" panel. */
  declare match: boolean;

  declare private _items: OpportunitySummary[];
  declare private _total: number;
  declare private _facets: OpportunityFacets | null;
  declare private _nextCursor: string | null;
  declare private _status: Status;
  declare private _error: ApiError | null;
  declare private _loadingMore: boolean;
  declare private _q: string;
  declare private _sort: string;
  declare private _radius: string;
  declare private _transit: boolean;
  declare private _filtersOpen: boolean;
  declare private _detail: OpportunityDetail | null;
  declare private _detailStatus: Status | null;
  declare private _matchOpen: boolean;
  declare private _matches: MatchItem[] | null;
  declare private _matchStatus: Status | null;
  /** The match form is built on first open (keeping the first paint light) and kept, so answers survive closing it. */
  private _matchShown = false;
  /** Whether the apply form is open under the detail. */
  declare private _applying: boolean;

  private _searchTimer?: ReturnType<typeof setTimeout>;
  private _listAbort?: AbortController;
  private _detailAbort?: AbortController;
  private _returnFocusTo: string | null = null;
  private _focusIndex: number | null = null;
  private _focusHeading = false;
  private _onLocation = () => this._syncFromLocation();

  constructor() {
    super();
    this.apiBase = '';
    this.siteKey = '';
    this.stage = '';
    this.cluster = '';
    this.type = '';
    this.mode = '';
    this.paid = '';
    this.grade = '';
    this.open = true;
    this.pageSize = 12;
    this.units = 'mi';
    this.match = false;
    this._items = [];
    this._total = 0;
    this._facets = null;
    this._nextCursor = null;
    this._status = 'loading';
    this._error = null;
    this._loadingMore = false;
    this._q = '';
    this._sort = '';
    this._radius = '';
    this._transit = false;
    this._filtersOpen = false;
    this._detail = null;
    this._detailStatus = null;
    this._matchOpen = false;
    this._matches = null;
    this._matchStatus = null;
    this._applying = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this._onLocation);
    addEventListener('popstate', this._onLocation);
    this._syncFromLocation();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this._onLocation);
    removeEventListener('popstate', this._onLocation);
    this._listAbort?.abort();
    this._detailAbort?.abort();
    clearTimeout(this._searchTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['apiBase', 'siteKey', 'stage', 'cluster', 'type', 'mode', 'paid', 'grade', 'open', 'pageSize'] as const;
    if (inputs.some((k) => changed.has(k)) && this.siteKey) void this._load();
  }

  protected override updated(): void {
    if (this._focusHeading) {
      const heading = this.renderRoot.querySelector<HTMLElement>('#detail-title');
      if (heading) {
        heading.focus();
        this._focusHeading = false;
      }
    }
    if (this._focusIndex !== null) {
      this.renderRoot.querySelectorAll<HTMLElement>('[part~="card-title"]')[this._focusIndex]?.focus();
      this._focusIndex = null;
    }
    if (this._returnFocusTo && !this._detail) {
      const link = this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(this._returnFocusTo)}"]`);
      (link ?? this.renderRoot.querySelector<HTMLElement>('#search'))?.focus();
      this._returnFocusTo = null;
    }
  }

  // --- state helpers ---------------------------------------------------------------------------

  private get _lang(): Lang {
    return resolveLang(this);
  }

  private get _t(): Messages {
    return MESSAGES[this._lang];
  }

  private get _client(): ApiClient {
    return new ApiClient(this.apiBase || defaultApiBase(import.meta.url), this.siteKey);
  }

  private _label(list: readonly Term[], code: string): string {
    return labelOf(list, code, this._lang);
  }

  private _distance(km: number): string {
    const mi = this.units !== 'km';
    return `${formatNumber(mi ? km / KM_PER_MI : km, this._lang)} ${mi ? 'mi' : 'km'}`;
  }

  private _params(cursor?: string) {
    const radius = Number(this._radius);
    return {
      q: this._q.trim() || undefined,
      stage: list(this.stage),
      cluster: list(this.cluster),
      type: list(this.type),
      mode: list(this.mode),
      paid: this.paid === 'true' || this.paid === 'false' ? this.paid : undefined,
      grade: this.grade || undefined,
      open: this.open ? true : undefined,
      transit: this._transit ? true : undefined,
      radius_km: radius ? Math.round(radius * (this.units === 'km' ? 1 : KM_PER_MI) * 100) / 100 : undefined,
      sort: this._sort || undefined,
      limit: Math.min(100, Math.max(1, this.pageSize || 12)),
      cursor,
    };
  }

  private get _activeFilters(): number {
    return list(this.stage).length + list(this.cluster).length + list(this.type).length + list(this.mode).length
      + (this.paid ? 1 : 0) + (this._radius ? 1 : 0) + (this._transit ? 1 : 0);
  }

  // --- data ------------------------------------------------------------------------------------

  private async _load(): Promise<void> {
    this._listAbort?.abort();
    const abort = (this._listAbort = new AbortController());
    this._status = 'loading';
    this._error = null;
    try {
      const body = await this._client.get<OpportunityList>('/opportunities', this._params(), abort.signal);
      if (abort.signal.aborted) return;
      this._items = body.items;
      this._total = body.total;
      this._facets = body.facets;
      this._nextCursor = body.nextCursor;
      this._status = 'ready';
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      this._error = e instanceof ApiError ? e : new ApiError(0, null, 'network');
      this._status = 'error';
    }
  }

  private async _loadMore(): Promise<void> {
    if (!this._nextCursor || this._loadingMore) return;
    this._loadingMore = true;
    const first = this._items.length;
    try {
      const body = await this._client.get<OpportunityList>('/opportunities', this._params(this._nextCursor));
      this._items = [...this._items, ...body.items];
      this._nextCursor = body.nextCursor;
      this._total = body.total;
      // The first new card takes focus, so a keyboard user continues where the list grew.
      this._focusIndex = first;
    } catch (e) {
      this._error = e instanceof ApiError ? e : new ApiError(0, null, 'network');
    } finally {
      this._loadingMore = false;
    }
  }

  private async _openDetail(id: string): Promise<void> {
    if (this._detail?.id === id && this._detailStatus === 'ready') return;
    this._detailAbort?.abort();
    const abort = (this._detailAbort = new AbortController());
    this._detailStatus = 'loading';
    this._detail = null;
    this._applying = false;
    try {
      const detail = await this._client.get<OpportunityDetail>(`/opportunities/${encodeURIComponent(id)}`, undefined, abort.signal);
      if (abort.signal.aborted) return;
      this._detail = detail;
      this._detailStatus = 'ready';
      this._focusHeading = true;
      this.emit(new WblOpportunitySelectEvent(detail));
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      this._detailStatus = 'error';
      this._error = e instanceof ApiError ? e : new ApiError(0, null, 'network');
    }
  }

  // --- the address bar -------------------------------------------------------------------------

  private _hashId(): string | null {
    const params = new URLSearchParams(location.hash.slice(1));
    const id = params.get(HASH_KEY);
    return id && /^opp_[a-z0-9_]{3,60}$/.test(id) ? id : null;
  }

  private _syncFromLocation(): void {
    const id = this._hashId();
    if (id) void this._openDetail(id);
    else if (this._detailStatus) this._closeDetail(false);
  }

  private _setHash(id: string | null, push: boolean): void {
    const params = new URLSearchParams(location.hash.slice(1));
    if (id) params.set(HASH_KEY, id);
    else params.delete(HASH_KEY);
    const hash = params.toString();
    const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`;
    if (push) history.pushState({ wblBoard: true }, '', url);
    else history.replaceState(history.state, '', url);
  }

  // --- handlers --------------------------------------------------------------------------------

  private _onSearchInput(e: Event): void {
    this._q = (e.target as HTMLInputElement).value;
    clearTimeout(this._searchTimer);
    this._searchTimer = setTimeout(() => void this._load(), SEARCH_DEBOUNCE_MS);
  }

  private _onSearchSubmit(e: Event): void {
    e.preventDefault();
    clearTimeout(this._searchTimer);
    void this._load();
  }

  private _toggleStage(code: string, on: boolean): void {
    const next = new Set(list(this.stage));
    if (on) next.add(code);
    else next.delete(code);
    this.stage = [...next].join(',');
  }

  private _clearFilters(): void {
    this.stage = '';
    this.cluster = '';
    this.type = '';
    this.mode = '';
    this.paid = '';
    this._radius = '';
    this._transit = false;
    this._q = '';
    this.open = true;
    void this._load();
  }

  private _onCardClick(e: MouseEvent, id: string): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    this._returnFocusTo = id;
    this._setHash(id, true);
    void this._openDetail(id);
  }

  private _closeDetail(updateAddress = true): void {
    this._detailAbort?.abort();
    this._returnFocusTo = this._detail?.id ?? this._returnFocusTo;
    this._detail = null;
    this._detailStatus = null;
    if (updateAddress) {
      if (history.state?.wblBoard) history.back();
      else this._setHash(null, false);
    }
  }

  private _onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this._detailStatus) {
      e.preventDefault();
      this._closeDetail();
    }
  }

  private _apply(): void {
    if (!this._detail || !this.emit(new WblOpportunityApplyEvent(this._detail))) return;
    // The form is a separate element: the board opens it when the page has loaded it.
    this._applying = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('wbl-placement-form, .apply-help')?.scrollIntoView({ block: 'nearest' }));
  }

  private async _submitMatch(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const num = (k: string) => (data.get(k) ? Number(data.get(k)) : undefined);
    const far = num('far');
    const body = {
      clusters: data.getAll('clusters'),
      skills: data.getAll('skills'),
      availability: data.getAll('availability'),
      grade: num('grade'),
      travel: data.get('travel') || undefined,
      maxDistanceKm: far ? Math.round(far * (this.units === 'km' ? 1 : KM_PER_MI) * 10) / 10 : undefined,
      paid: data.get('paid') || 'any',
      locale: this._lang,
      limit: 10,
    };
    this._matchStatus = 'loading';
    try {
      const res = await this._client.post<MatchResponse>('/opportunities/match', body);
      this._matches = res.items;
      this._matchStatus = 'ready';
    } catch (err) {
      this._error = err instanceof ApiError ? err : new ApiError(0, null, 'network');
      this._matchStatus = 'error';
    }
  }

  // --- rendering -------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this._t;
    return html`
      <div part="base" class="base" lang=${this._lang} @keydown=${this._onKeydown}>
        ${this._detailStatus ? this._renderDetail() : nothing}
        <div class="results" ?hidden=${Boolean(this._detailStatus)}>
          <form class="search" role="search" @submit=${this._onSearchSubmit}>
            <label for="search" class="visually-hidden">${t.search}</label>
            <input id="search" part="search" type="search" .value=${this._q} placeholder=${t.searchPlaceholder}
              autocomplete="off" @input=${this._onSearchInput} aria-describedby="count">
            <button class="button filter-toggle" part="filter-toggle" type="button" aria-expanded=${this._filtersOpen ? 'true' : 'false'}
              aria-controls="filters" @click=${() => { this._filtersOpen = !this._filtersOpen; }}>
              ${this._activeFilters ? t.filtersActive(this._activeFilters) : t.filters}
            </button>
          </form>
          ${this._renderFilters()}
          ${this.match ? this._renderMatch() : nothing}
          <div class="summary">
            <p id="count" part="result-count" role="status" aria-live="polite">
              ${this._status === 'ready' ? t.count(this._total) : this._status === 'loading' ? t.loading : ''}
            </p>
            ${this._renderSort()}
          </div>
          ${this._renderBody()}
        </div>
      </div>
    `;
  }

  private _renderFilters(): TemplateResult {
    const t = this._t;
    const facets = this._facets;
    const count = (facet: keyof OpportunityFacets, code: string) => {
      const n = facets?.[facet]?.[code];
      return facets ? ` (${n ?? 0})` : '';
    };
    const stages = new Set(list(this.stage));
    const unit = this.units === 'km' ? 'km' : 'mi';
    return html`
      <div id="filters" class="filters ${this._filtersOpen ? 'open' : ''}" part="filter-bar">
        <fieldset class="stages">
          <legend>${t.stage}</legend>
          ${STAGES.map((s) => html`
            <label class="check"><input type="checkbox" .checked=${stages.has(s.code)}
              @change=${(e: Event) => this._toggleStage(s.code, (e.target as HTMLInputElement).checked)}>
              <span>${s.label[this._lang]}${count('stage', s.code)}</span></label>`)}
        </fieldset>
        <div class="field">
          <label for="f-cluster">${t.cluster}</label>
          <select id="f-cluster" @change=${(e: Event) => { this.cluster = (e.target as HTMLSelectElement).value; }}>
            <option value="" ?selected=${!this.cluster}>${t.allClusters}</option>
            ${CLUSTERS.map((c) => html`<option value=${c.code} ?selected=${this.cluster === c.code}>${c.label[this._lang]}${count('cluster', c.code)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-type">${t.type}</label>
          <select id="f-type" @change=${(e: Event) => { this.type = (e.target as HTMLSelectElement).value; }}>
            <option value="" ?selected=${!this.type}>${t.allTypes}</option>
            ${OPPORTUNITY_TYPES.filter((ty) => !facets || facets.type[ty.code] || this.type === ty.code).map((ty) => html`
              <option value=${ty.code} ?selected=${this.type === ty.code}>${ty.label[this._lang]}${count('type', ty.code)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-mode">${t.mode}</label>
          <select id="f-mode" @change=${(e: Event) => { this.mode = (e.target as HTMLSelectElement).value; }}>
            <option value="" ?selected=${!this.mode}>${t.any}</option>
            ${MODES.map((m) => html`<option value=${m.code} ?selected=${this.mode === m.code}>${m.label[this._lang]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-paid">${t.pay}</label>
          <select id="f-paid" @change=${(e: Event) => { this.paid = (e.target as HTMLSelectElement).value; }}>
            <option value="" ?selected=${!this.paid}>${t.any}</option>
            <option value="true" ?selected=${this.paid === 'true'}>${t.paidOnly}</option>
            <option value="false" ?selected=${this.paid === 'false'}>${t.unpaidOnly}</option>
          </select>
        </div>
        <div class="field">
          <label for="f-radius">${t.distance}</label>
          <select id="f-radius" @change=${(e: Event) => { this._radius = (e.target as HTMLSelectElement).value; void this._load(); }}>
            <option value="" ?selected=${!this._radius}>${t.any}</option>
            ${RADII.map((r) => html`<option value=${r} ?selected=${this._radius === String(r)}>${t.within(`${r} ${unit}`)}</option>`)}
          </select>
        </div>
        <div class="toggles">
          <label class="check"><input type="checkbox" .checked=${this.open}
            @change=${(e: Event) => { this.open = (e.target as HTMLInputElement).checked; }}><span>${t.openOnly}</span></label>
          <label class="check"><input type="checkbox" .checked=${this._transit}
            @change=${(e: Event) => { this._transit = (e.target as HTMLInputElement).checked; void this._load(); }}><span>${t.transitOnly}</span></label>
        </div>
        ${this._activeFilters ? html`<button type="button" class="button link clear" @click=${this._clearFilters}>${t.clear}</button>` : nothing}
      </div>
    `;
  }

  private _renderSort(): TemplateResult {
    const t = this._t;
    const options: [string, string][] = [
      ['', this._q.trim() ? t.sortRelevance : t.sortNewest],
      ['deadline', t.sortDeadline],
      ['newest', t.sortNewest],
      ['distance', t.sortDistance],
    ];
    const shown = this._q.trim() ? options : options.filter(([v]) => v !== 'newest');
    return html`
      <div class="sort">
        <label for="f-sort">${t.sort}</label>
        <select id="f-sort" @change=${(e: Event) => { this._sort = (e.target as HTMLSelectElement).value; void this._load(); }}>
          ${shown.map(([v, label]) => html`<option value=${v} ?selected=${this._sort === v}>${label}</option>`)}
        </select>
      </div>`;
  }

  private _renderBody(): TemplateResult {
    const t = this._t;
    if (this._status === 'error') return this._renderError(() => void this._load());
    if (this._status === 'loading' && this._items.length === 0) {
      return html`<ul class="cards skeleton" part="list" aria-busy="true" aria-label=${t.loading}>
        ${[0, 1, 2].map(() => html`<li class="card placeholder" aria-hidden="true"><span></span><span></span><span></span></li>`)}</ul>`;
    }
    if (this._status === 'ready' && this._items.length === 0) {
      return html`<div class="empty" part="empty">
        <p><strong>${t.empty}</strong></p><p>${t.emptyHint}</p>
        <button type="button" class="button secondary" @click=${this._clearFilters}>${t.clear}</button>
      </div>`;
    }
    return html`
      <ul class="cards" part="list" aria-busy=${this._status === 'loading' ? 'true' : 'false'}>
        ${this._items.map((o) => html`<li>${this._renderCard(o)}</li>`)}
      </ul>
      <div class="more">
        <p>${t.showing(this._items.length, this._total)}</p>
        ${this._nextCursor ? html`<button type="button" class="button secondary" part="load-more" ?disabled=${this._loadingMore}
          @click=${this._loadMore}>${this._loadingMore ? t.loading : t.loadMore}</button>` : nothing}
      </div>`;
  }

  private _renderCard(o: OpportunitySummary): TemplateResult {
    const t = this._t;
    return html`
      <article class="card" part="card" aria-labelledby="title-${o.id}">
        <p class="badges">
          <span class="badge stage-${o.stage}" part="badge">${this._label(STAGES, o.stage)}</span>
          <span class="badge" part="badge">${this._label(OPPORTUNITY_TYPES, o.type)}</span>
        </p>
        <h3 class="card-title" id="title-${o.id}">
          <a part="card-title" data-id=${o.id} href="#${HASH_KEY}=${o.id}" @click=${(e: MouseEvent) => this._onCardClick(e, o.id)}>${o.title}</a>
        </h3>
        <p class="employer">${o.employer.name}</p>
        <ul class="meta" part="card-meta">
          <li>${this._label(CLUSTERS, o.cluster)}</li>
          <li>${this._pay(o)}</li>
          <li>${this._label(MODES, o.mode)}${o.city && o.mode !== 'virtual' ? ` · ${o.city}` : ''}</li>
          ${o.distanceKm !== null && o.mode !== 'virtual' ? html`<li>${t.fromSchool(this._distance(o.distanceKm))}</li>` : nothing}
          <li class=${o.open ? 'deadline' : 'deadline closed'}>${this._when(o)}</li>
        </ul>
      </article>`;
  }

  private _pay(o: OpportunitySummary): string {
    const t = this._t;
    const { type, amountCents } = o.compensation;
    if (type === 'unpaid' || amountCents === null) return t.unpaid;
    const money = formatMoney(amountCents, this._lang);
    return type === 'hourly' ? t.perHour(money) : t.stipend(money);
  }

  private _when(o: OpportunitySummary): string {
    const t = this._t;
    if (!o.open) return t.closed;
    if (o.applicationDeadline) return t.applyBy(formatDate(o.applicationDeadline, this._lang));
    if (o.startsOn) return o.startsOn === o.endsOn ? t.on(formatDate(o.startsOn, this._lang)) : t.starts(formatDate(o.startsOn, this._lang));
    return '';
  }

  private _renderError(retry: () => void): TemplateResult {
    const t = this._t;
    const e = this._error;
    const detail = !e || e.status === 0 ? t.networkError : e.problem?.detail ?? e.problem?.title ?? e.message;
    return html`<div class="error" part="error" role="alert">
      <p><strong>${t.errorTitle}</strong> ${detail}</p>
      <button type="button" class="button" @click=${retry}>${t.retry}</button>
    </div>`;
  }

  private _renderDetail(): TemplateResult {
    const t = this._t;
    const d = this._detail;
    const back = html`<button type="button" class="button link back" part="back-button" @click=${() => this._closeDetail()}>← ${t.back}</button>`;
    if (this._detailStatus === 'loading' || !d) {
      return html`<section class="detail" part="detail" aria-busy=${this._detailStatus === 'loading' ? 'true' : 'false'}>
        ${back}
        ${this._detailStatus === 'error' ? this._renderError(() => { const id = this._hashId(); if (id) void this._openDetail(id); }) : html`<p role="status">${t.detailLoading}</p>`}
      </section>`;
    }
    const dates = d.startsOn ? (d.endsOn && d.endsOn !== d.startsOn
      ? `${formatDate(d.startsOn, this._lang, { month: 'long', day: 'numeric', year: 'numeric' })} – ${formatDate(d.endsOn, this._lang, { month: 'long', day: 'numeric', year: 'numeric' })}`
      : formatDate(d.startsOn, this._lang, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })) : null;
    const place = d.mode === 'virtual' ? t.online : [d.locationName, d.address, d.city, d.state, d.postalCode].filter(Boolean).join(', ');
    const map = d.lat !== null && d.lng !== null
      ? `https://www.openstreetmap.org/?mlat=${d.lat}&mlon=${d.lng}#map=16/${d.lat}/${d.lng}` : null;
    const requirements = [
      d.requirements.backgroundCheck ? t.backgroundCheck : null,
      d.requirements.guardianConsent ? t.guardianConsent : null,
      ...d.requirements.documents,
    ].filter((x): x is string => Boolean(x));
    return html`
      <section class="detail" part="detail" aria-labelledby="detail-title">
        ${back}
        <p class="badges">
          <span class="badge stage-${d.stage}" part="badge">${this._label(STAGES, d.stage)}</span>
          <span class="badge" part="badge">${this._label(OPPORTUNITY_TYPES, d.type)}</span>
          <span class="badge" part="badge">${this._label(MODES, d.mode)}</span>
        </p>
        <h3 id="detail-title" tabindex="-1">${d.title}</h3>
        <p class="employer">${d.employer.name}${d.employer.city ? ` · ${d.employer.city}` : ''}</p>
        <div class="actions">
          ${d.open
            ? html`<button type="button" class="button" part="apply-button" @click=${this._apply}>${t.apply}</button>`
            : html`<p class="closed">${t.applyClosed}</p>`}
          <span class="deadline">${this._when(d)}</span>
        </div>
        ${this._applying ? (customElements.get('wbl-placement-form')
          ? html`<wbl-placement-form mode="apply" opportunity-id=${d.id} site-key=${this.siteKey}
              api-base=${this.apiBase || defaultApiBase(import.meta.url)} lang=${this._lang}></wbl-placement-form>`
          : html`<p class="apply-help" role="status">${t.applyHelp}</p>`) : nothing}
        <h4>${t.about}</h4>
        <p>${d.description}</p>
        ${d.tasks.length ? html`<h4>${t.tasks}</h4><ul>${d.tasks.map((task) => html`<li>${task}</li>`)}</ul>` : nothing}
        ${d.skills.length || d.technicalSkills.length ? html`<h4>${t.skills}</h4>
          <ul class="skills">${d.skills.map((s) => html`<li>${this._label(SKILLS, s)}</li>`)}${d.technicalSkills.map((s) => html`<li>${s}</li>`)}</ul>` : nothing}
        <h4>${t.details}</h4>
        <dl class="facts">
          <div><dt>${t.compensation}</dt><dd>${this._pay(d)}</dd></div>
          ${d.schedule ? html`<div><dt>${t.when}</dt><dd>${d.schedule}${d.hoursPerWeek ? html`<br>${t.hours(formatNumber(d.hoursPerWeek, this._lang))}` : nothing}</dd></div>` : nothing}
          ${dates ? html`<div><dt>${t.dates}</dt><dd>${dates}</dd></div>` : nothing}
          ${d.applicationDeadline ? html`<div><dt>${t.deadline}</dt><dd>${formatDate(d.applicationDeadline, this._lang, { month: 'long', day: 'numeric', year: 'numeric' })}</dd></div>` : nothing}
          <div><dt>${t.where}</dt><dd>${place}${map ? html` · <a href=${map} target="_blank" rel="noopener">${t.map}<span class="visually-hidden"> ${t.opensInNewTab}</span></a>` : nothing}
            ${d.distanceKm !== null && d.mode !== 'virtual' ? html`<br>${t.fromSchool(this._distance(d.distanceKm))}` : nothing}</dd></div>
          ${d.transitNotes ? html`<div><dt>${t.transit}</dt><dd>${d.transitNotes}</dd></div>` : nothing}
          <div><dt>${t.grades}</dt><dd>${t.gradeRange(d.gradeMin, d.gradeMax)}${d.minAge ? html`<br>${t.minAge(d.minAge)}` : nothing}<br>${t.capacity(d.capacity)}</dd></div>
          ${requirements.length ? html`<div><dt>${t.requirements}</dt><dd>${requirements.join(' · ')}</dd></div>` : nothing}
          <div><dt>${t.cluster}</dt><dd>${this._label(CLUSTERS, d.cluster)}</dd></div>
        </dl>
        <h4>${t.employer}</h4>
        <p><strong>${d.employer.name}</strong>${d.employer.description ? html`<br>${d.employer.description}` : nothing}
          ${d.employer.website ? html`<br><a href=${d.employer.website} target="_blank" rel="noopener">${t.website}<span class="visually-hidden"> ${t.opensInNewTab}</span></a>` : nothing}</p>
      </section>`;
  }

  private _renderMatch(): TemplateResult {
    const t = this._t;
    const unit = this.units === 'km' ? 'km' : 'mi';
    const checks = (name: string, terms: readonly Term[]) => terms.map((term) => html`
      <label class="check"><input type="checkbox" name=${name} value=${term.code}><span>${term.label[this._lang]}</span></label>`);
    return html`
      <div class="match" part="match-panel">
        <button type="button" class="button secondary" aria-expanded=${this._matchOpen ? 'true' : 'false'} aria-controls=${this._matchShown ? 'match-form' : nothing}
          @click=${() => { this._matchOpen = !this._matchOpen; this._matchShown = true; }}>${this._matchOpen ? t.closeMatch : t.matchOpen}</button>
        ${this._matchShown ? html`<form id="match-form" ?hidden=${!this._matchOpen} @submit=${this._submitMatch}>
          <h3>${t.matchTitle}</h3>
          <p>${t.matchIntro}</p>
          <fieldset class="grid"><legend>${t.interests}</legend>${checks('clusters', CLUSTERS)}</fieldset>
          <fieldset class="grid"><legend>${t.skillsToBuild}</legend>${checks('skills', SKILLS)}</fieldset>
          <fieldset class="grid"><legend>${t.availability}</legend>${checks('availability', TIME_SLOTS)}</fieldset>
          <div class="row">
            <div class="field"><label for="m-grade">${t.grade}</label>
              <select id="m-grade" name="grade"><option value="">${t.any}</option>${[6, 7, 8, 9, 10, 11, 12].map((g) => html`<option value=${g}>${g}</option>`)}</select></div>
            <div class="field"><label for="m-travel">${t.travel}</label>
              <select id="m-travel" name="travel"><option value="">${t.any}</option>${Object.entries(t.travelOptions).map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></div>
            <div class="field"><label for="m-far">${t.howFar}</label>
              <select id="m-far" name="far"><option value="">${t.any}</option>${RADII.map((r) => html`<option value=${r}>${t.within(`${r} ${unit}`)}</option>`)}</select></div>
            <div class="field"><label for="m-paid">${t.payPreference}</label>
              <select id="m-paid" name="paid">${Object.entries(t.payOptions).map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></div>
          </div>
          <button type="submit" class="button" ?disabled=${this._matchStatus === 'loading'}>${t.findMatches}</button>
          <div role="status" aria-live="polite" class="match-count">${this._matchStatus === 'ready' && this._matches ? t.matchResults(this._matches.length) : ''}</div>
          ${this._matchStatus === 'error' ? this._renderError(() => (this.renderRoot.querySelector('#match-form') as HTMLFormElement | null)?.requestSubmit()) : nothing}
          ${this._matches?.length ? html`<ol class="matches">${this._matches.map((m) => html`
            <li><a data-id=${m.opportunity.id} href="#${HASH_KEY}=${m.opportunity.id}" @click=${(e: MouseEvent) => this._onCardClick(e, m.opportunity.id)}>${m.opportunity.title}</a>
              <span class="employer">${m.opportunity.employer.name}</span>
              <ul class="reasons" aria-label=${t.why}>${m.reasons.map((r) => html`<li>${r.text}</li>`)}</ul></li>`)}</ol>` : nothing}
        </form>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-opportunity-board': WblOpportunityBoard;
  }
}
