import { html, nothing, type TemplateResult } from 'lit';
import type {
  MatchItem, MatchRequest, MatchResponse, OpportunityDetail, OpportunityFacets, OpportunityList, OpportunitySummary,
} from '../../schema/api/opportunities.js';
import {
  CLUSTERS, MODES, OPPORTUNITY_TYPES, SKILLS, STAGES, TIME_SLOTS, labelOf, type Term,
} from '../../schema/vocab.js';
import { ApiClient, ApiError, defaultApiBase, isAbort, toApiError } from '../base/api.js';
import { WblElement } from '../base/element.js';
import { safeHref } from '../base/safe-url.js';
import {
  formatDate, formatMoney, formatNumber, formatShortDate, plural, resolveLang, type Lang,
} from '../base/localize.js';
import { WblOpportunityApplyEvent } from '../events/opportunity-apply.js';
import { WblOpportunityBoardErrorEvent } from '../events/opportunity-board-error.js';
import { WblOpportunitySelectEvent } from '../events/opportunity-select.js';
import { MESSAGES, type Messages } from './messages.js';
import { boardStyles } from './opportunity-board.styles.js';

const KM_PER_MI = 1.609344;
const RADII = [5, 10, 25, 50];
const HASH_KEY = 'opportunity';
const ID_PATTERN = /^opp_[a-z0-9_]{3,60}$/;
const SEARCH_DEBOUNCE_MS = 300;
const LONG_DATE: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric', year: 'numeric' };

type Status = 'loading' | 'ready' | 'error';
type ListFilter = 'stage' | 'cluster' | 'type' | 'mode';
const list = (value: string | null | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * A searchable, filterable board of a district's work-based learning opportunities — job
 * shadows, worksite tours, internships, apprenticeships — for school and district websites.
 * One script tag; the API is found at the origin the script came from unless `api-base` says
 * otherwise. An opportunity's detail is linkable as `#opportunity=opp_…`.
 *
 * @summary Search, filter and page work-based learning opportunities; open one; apply.
 * @tagname wbl-opportunity-board
 *
 * @fires {WblOpportunitySelectEvent} wbl-opportunity-select - An opportunity's detail opened. `detail: { opportunityId, opportunity }`.
 * @fires {WblOpportunityApplyEvent} wbl-opportunity-apply - "Apply" was pressed. Cancelable: `preventDefault()` keeps the board from opening the placement form. `detail: { opportunityId, opportunity }`.
 * @fires {WblOpportunityBoardErrorEvent} wbl-opportunity-board-error - A request to the API failed (the board shows it too). `detail: { status, problem }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart search - The search input.
 * @csspart filter-toggle - The button that shows the filters in a narrow container.
 * @csspart filter-bar - The filters.
 * @csspart result-count - The live count of matching opportunities.
 * @csspart list - The list of cards.
 * @csspart card - One opportunity card.
 * @csspart card-title - A card's title link.
 * @csspart card-meta - A card's facts (cluster, pay, place, distance, deadline).
 * @csspart badge - A stage, type or mode badge.
 * @csspart load-more - The "Load more" button.
 * @csspart detail - The opportunity detail view.
 * @csspart back-button - The "Back to results" button.
 * @csspart apply-button - The "Apply" button.
 * @csspart match-panel - The "Find matches for me" panel.
 * @csspart error - An error message with its "Try again" button.
 * @csspart empty - The message shown when nothing matches.
 *
 * @cssprop --wbl-color-primary - Buttons, links and accents. Default #1d4ed8.
 * @cssprop --wbl-color-primary-contrast - Text on primary. Default #fff.
 * @cssprop --wbl-color-text - Body text. Default #1b1f24.
 * @cssprop --wbl-color-muted - Secondary text. Default #4b5563.
 * @cssprop --wbl-color-surface - Card and panel background. Default #fff.
 * @cssprop --wbl-color-subtle - Badge and skeleton background. Default #f3f4f6.
 * @cssprop --wbl-color-border - Borders. Default #d1d5db.
 * @cssprop --wbl-color-danger - Errors and "Applications closed". Default #b42318.
 * @cssprop --wbl-font-family - Font. Default: inherited from the page.
 * @cssprop --wbl-font-size - Base font size. Default 1rem.
 * @cssprop --wbl-radius - Corner radius. Default 8px.
 * @cssprop --wbl-space - Padding and gaps. Default 1rem.
 * @cssprop --wbl-focus-ring - Focus outline. Default 3px solid #2563eb.
 * @cssprop --wbl-board-min-height - Space reserved before the first results arrive, so the host page does not shift. Default 32rem.
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
    for (const name of ['_query', '_items', '_total', '_facets', '_nextCursor', '_status', '_error', '_loadingMore', '_moreError',
      '_sort', '_radius', '_transit', '_filtersOpen', '_hasOrigin', '_detail', '_detailStatus', '_detailError', '_applying',
      '_matchOpen', '_matches', '_matchStatus', '_matchError']) {
      this.createProperty(name, { state: true });
    }
  }

  /** Where the API is; defaults to the origin this script was loaded from. */
  declare apiBase: string;
  /** The site's publishable key (`pk_…`), sent as `X-Site-Key`. */
  declare siteKey: string;
  /** `en` or `es`; defaults to the nearest `lang` on the page, then the browser's language. */
  declare lang: string;
  /** Stage filter, comma-separated codes (`exploration,preparation`). */
  declare stage: string;
  /** Career cluster filter, comma-separated codes (`healthcare_human_services`). */
  declare cluster: string;
  /** Opportunity type filter, comma-separated codes (`job_shadowing,paid_internship`). */
  declare type: string;
  /** Mode filter, comma-separated: `in_person`, `virtual`, `hybrid`. */
  declare mode: string;
  /** Pay filter: `true` (paid only) or `false` (unpaid only); empty for both. */
  declare paid: string;
  /** Show only opportunities open to students in this grade (0–12). */
  declare grade: string;
  /** Show only opportunities accepting applications today (default; `open="false"` shows all). */
  declare open: boolean;
  /** How many cards each page loads (1–100, default 12). */
  declare pageSize: number;
  /** Distance units: `mi` (default) or `km`. */
  declare units: string;
  /** Show the "Find matches for me" panel. */
  declare match: boolean;

  declare private _query: string;
  declare private _items: OpportunitySummary[];
  declare private _total: number;
  declare private _facets: OpportunityFacets | null;
  declare private _nextCursor: string | null;
  declare private _status: Status;
  declare private _error: ApiError | null;
  declare private _loadingMore: boolean;
  declare private _moreError: ApiError | null;
  declare private _sort: string;
  declare private _radius: string;
  declare private _transit: boolean;
  declare private _filtersOpen: boolean;
  /** Whether the API measures distance (the site has a school), so distance filters make sense. */
  declare private _hasOrigin: boolean;
  declare private _detail: OpportunityDetail | null;
  declare private _detailStatus: Status | null;
  declare private _detailError: ApiError | null;
  /** Whether the apply form (or its help text) is open under the detail. */
  declare private _applying: boolean;
  declare private _matchOpen: boolean;
  declare private _matches: MatchItem[] | null;
  declare private _matchStatus: Status | null;
  declare private _matchError: ApiError | null;

  /** The language of the current render, resolved once per update. */
  private _lang: Lang = 'en';
  /** The list request the results belong to. */
  private _request = '';
  /** The match form is built on first open (keeping the first paint light) and kept, so answers survive closing it. */
  private _matchShown = false;
  private _searchTimer?: ReturnType<typeof setTimeout>;
  private _listAbort?: AbortController;
  private _detailAbort?: AbortController;
  private _matchAbort?: AbortController;
  /** The link that opened the detail, to take focus back when it closes. */
  private _opener: HTMLElement | null = null;
  private _returnFocus = false;
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
    this._query = '';
    this._items = [];
    this._total = 0;
    this._facets = null;
    this._nextCursor = null;
    this._status = 'loading';
    this._error = null;
    this._loadingMore = false;
    this._moreError = null;
    this._sort = '';
    this._radius = '';
    this._transit = false;
    this._filtersOpen = false;
    this._hasOrigin = false;
    this._detail = null;
    this._detailStatus = null;
    this._detailError = null;
    this._applying = false;
    this._matchOpen = false;
    this._matches = null;
    this._matchStatus = null;
    this._matchError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this._onLocation);
    addEventListener('popstate', this._onLocation);
    this._syncFromLocation();
    // Moved elsewhere on the page: requests cut off by the move start again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this._onLocation);
    removeEventListener('popstate', this._onLocation);
    this._listAbort?.abort();
    this._detailAbort?.abort();
    this._matchAbort?.abort();
    clearTimeout(this._searchTimer);
    this._request = '';
  }

  protected override willUpdate(): void {
    this._lang = resolveLang(this);
    // Load whenever the request itself would differ, whichever attribute or control changed it.
    const request = `${this.siteKey} ${this._client.url('/opportunities', this._params())}`;
    if (request !== this._request) {
      this._request = request;
      void this._load();
    }
  }

  override render(): TemplateResult {
    const t = this._t;
    const detailOpen = Boolean(this._detailStatus);
    return html`
      <div part="base" class="base" lang=${this._lang} @keydown=${this._onKeydown}>
        ${detailOpen ? this._renderDetail() : nothing}
        <div class="results" ?hidden=${detailOpen}>
          <form class="search" role="search" @submit=${this._onSearchSubmit}>
            <label for="search">${t.search}</label>
            <div class="search-row">
              <input id="search" part="search" type="search" .value=${this._query} placeholder=${t.searchPlaceholder}
                autocomplete="off" enterkeyhint="search" maxlength="200" aria-describedby="count" @input=${this._onSearchInput}>
              <button class="button secondary filter-toggle" part="filter-toggle" type="button" aria-controls="filters"
                aria-expanded=${this._filtersOpen ? 'true' : 'false'} @click=${this._toggleFilters}>
                ${t.filters}${this._activeFilters ? html` <span class="pill">${plural(this._activeFilters, this._lang, t.activeFilters)}</span>` : nothing}
              </button>
            </div>
          </form>
          ${this._renderFilters()}
          ${this.match ? this._renderMatch() : nothing}
          <div class="summary">
            <p id="count" part="result-count" role="status" aria-live="polite">${this._countText()}</p>
            ${this._renderSort()}
          </div>
          ${this._renderBody()}
        </div>
      </div>
    `;
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
      this.renderRoot.querySelectorAll<HTMLElement>('.cards [part~="card-title"]')[this._focusIndex]?.focus();
      this._focusIndex = null;
    }
    if (this._returnFocus && !this._detailStatus) {
      this._returnFocus = false;
      const opener = this._opener?.isConnected ? this._opener : null;
      (opener ?? this.renderRoot.querySelector<HTMLElement>('#search'))?.focus();
      this._opener = null;
    }
  }

  // --- rendering ---------------------------------------------------------------------------------

  private _countText(): string {
    // While new results load, the previous count stays: a live region that flickers to "Loading…"
    // on every keystroke would be read out on every keystroke.
    if (this._status === 'error') return '';
    if (this._status === 'loading' && !this._facets) return this._t.loading;
    return plural(this._total, this._lang, this._t.count);
  }

  private _renderFilters(): TemplateResult {
    const t = this._t;
    const lang = this._lang;
    const stages = list(this.stage);
    const unit = this.units === 'km' ? 'km' : 'mi';
    return html`
      <div id="filters" class="filters ${this._filtersOpen ? 'open' : ''}" part="filter-bar" role="group" aria-label=${t.filters}>
        <fieldset class="stages">
          <legend>${t.stage}</legend>
          ${STAGES.map((s) => html`
            <label class="check"><input type="checkbox" .checked=${stages.includes(s.code)}
              @change=${(e: Event) => this._toggleStage(s.code, (e.target as HTMLInputElement).checked)}>
              <span>${s.label[lang]}${this._facetCount('stage', s.code)}</span></label>`)}
        </fieldset>
        ${this._termSelect('cluster', t.cluster, t.allClusters, CLUSTERS)}
        ${this._termSelect('type', t.type, t.allTypes, OPPORTUNITY_TYPES)}
        ${this._termSelect('mode', t.mode, t.any, MODES)}
        ${this._select('f-paid', t.pay, this.paid, [['', t.any], ['true', t.paidOnly], ['false', t.unpaidOnly]], (v) => { this.paid = v; })}
        ${this._hasOrigin || this._radius
          ? this._select('f-radius', t.distance, this._radius, [['', t.any], ...RADII.map((r): [string, string] => [String(r), t.within(`${r} ${unit}`)])], (v) => { this._radius = v; })
          : nothing}
        <div class="toggles">
          <label class="check"><input type="checkbox" .checked=${this.open}
            @change=${(e: Event) => { this.open = (e.target as HTMLInputElement).checked; }}><span>${t.openOnly}</span></label>
          <label class="check"><input type="checkbox" .checked=${this._transit}
            @change=${(e: Event) => { this._transit = (e.target as HTMLInputElement).checked; }}><span>${t.transitOnly}</span></label>
        </div>
        ${this._activeFilters ? html`<button type="button" class="button link clear" @click=${this._clearFilters}>${t.clear}</button>` : nothing}
      </div>
    `;
  }

  /** A labelled select. Options bind `.selected` (not the attribute) so they follow state after a person has chosen. */
  private _select(id: string, label: string, value: string, options: [string, string][], change: (value: string) => void): TemplateResult {
    return html`
      <div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} @change=${(e: Event) => change((e.target as HTMLSelectElement).value)}>
          ${options.map(([v, text]) => html`<option value=${v} .selected=${v === value}>${text}</option>`)}
        </select>
      </div>`;
  }

  /**
   * A select over a vocabulary with facet counts. A preset naming several codes
   * (`cluster="a,b"`) shows as one option of its own, so the select never claims "All".
   */
  private _termSelect(name: Exclude<ListFilter, 'stage'>, label: string, all: string, terms: readonly Term[]): TemplateResult {
    const value = this[name];
    const chosen = list(value);
    const facet = name === 'mode' ? null : this._facets?.[name];
    // Types are many and stage-specific: list only those with results (and any chosen one).
    const shown = name === 'type' && facet ? terms.filter((term) => facet[term.code] || chosen.includes(term.code)) : terms;
    const options: [string, string][] = [['', all]];
    if (chosen.length > 1) options.push([value, chosen.map((c) => labelOf(terms, c, this._lang)).join(', ')]);
    for (const term of shown) options.push([term.code, `${term.label[this._lang]}${this._facetCount(name, term.code)}`]);
    return this._select(`f-${name}`, label, chosen.length > 1 ? value : (chosen[0] ?? ''), options, (v) => { this[name] = v; });
  }

  private _facetCount(facet: keyof OpportunityFacets | 'mode', code: string): string {
    const counts = facet === 'mode' ? null : this._facets?.[facet];
    return counts ? ` (${formatNumber(counts[code] ?? 0, this._lang, 0)})` : '';
  }

  private _renderSort(): TemplateResult {
    const t = this._t;
    const searching = Boolean(this._query.trim());
    const options: [string, string][] = [['', searching ? t.sortRelevance : t.sortNewest], ['deadline', t.sortDeadline]];
    if (searching) options.push(['newest', t.sortNewest]);
    if (this._hasOrigin || this._sort === 'distance') options.push(['distance', t.sortDistance]);
    return html`
      <div class="sort">
        <label for="f-sort">${t.sort}</label>
        <select id="f-sort" @change=${(e: Event) => { this._sort = (e.target as HTMLSelectElement).value; }}>
          ${options.map(([v, label]) => html`<option value=${v} .selected=${this._sort === v}>${label}</option>`)}
        </select>
      </div>`;
  }

  private _renderBody(): TemplateResult {
    const t = this._t;
    if (this._status === 'error') return this._renderError(t.errorTitle, this._error, () => void this._load());
    if (this._status === 'loading' && !this._facets) {
      return html`<ul class="cards skeleton" part="list" aria-busy="true" aria-label=${t.loading}>
        ${[0, 1, 2].map(() => html`<li class="card placeholder"><span></span><span></span><span></span></li>`)}</ul>`;
    }
    if (this._items.length === 0) {
      return html`<div class="empty" part="empty">
        <p><strong>${t.empty}</strong></p><p>${t.emptyHint}</p>
        <button type="button" class="button secondary" @click=${this._clearFilters}>${t.clear}</button>
      </div>`;
    }
    const lang = this._lang;
    return html`
      <ul class="cards" part="list" aria-label=${t.results} aria-busy=${this._status === 'loading' ? 'true' : 'false'}>
        ${this._items.map((o) => html`<li>${this._renderCard(o)}</li>`)}
      </ul>
      <div class="more">
        <p>${t.showing(formatNumber(this._items.length, lang, 0), formatNumber(this._total, lang, 0))}</p>
        ${this._nextCursor ? html`<button type="button" class="button secondary" part="load-more" aria-disabled=${this._loadingMore ? 'true' : 'false'}
          @click=${this._loadMore}>${this._loadingMore ? t.loading : t.loadMore}</button>` : nothing}
      </div>
      ${this._moreError ? this._renderError(t.moreErrorTitle, this._moreError, () => void this._loadMore()) : nothing}`;
  }

  private _renderCard(o: OpportunitySummary, reasons?: MatchItem['reasons']): TemplateResult {
    const t = this._t;
    // Ids stay unique when an opportunity is both a match and a result.
    const titleId = `${reasons ? 'm' : 'r'}-${o.id}`;
    return html`
      <article class="card" part="card" aria-labelledby=${titleId}>
        <p class="badges">
          <span class="badge stage-${o.stage}" part="badge">${this._label(STAGES, o.stage)}</span>
          <span class="badge" part="badge">${this._label(OPPORTUNITY_TYPES, o.type)}</span>
        </p>
        <h3 class="card-title" id=${titleId}>
          <a part="card-title" data-id=${o.id} href="#${HASH_KEY}=${o.id}" @click=${this._onCardClick}>${o.title}</a>
        </h3>
        <p class="employer">${o.employer.name}</p>
        ${reasons?.length ? html`<div class="why"><p>${t.why}</p><ul class="reasons">${reasons.map((r) => html`<li>${r.text}</li>`)}</ul></div>` : nothing}
        <ul class="meta" part="card-meta">
          <li>${this._label(CLUSTERS, o.cluster)}</li>
          <li>${this._pay(o)}</li>
          <li>${this._label(MODES, o.mode)}${o.city && o.mode !== 'virtual' ? ` · ${o.city}` : ''}</li>
          ${o.distanceKm !== null && o.mode !== 'virtual' ? html`<li>${t.fromSchool(this._distance(o.distanceKm))}</li>` : nothing}
          <li class=${o.open ? 'deadline' : 'deadline closed'}>${this._when(o)}</li>
        </ul>
      </article>`;
  }

  private _renderError(title: string, e: ApiError | null, retry: () => void): TemplateResult {
    const t = this._t;
    const problem = e?.problem;
    const fields = e?.fieldErrors ?? [];
    return html`<div class="error" part="error" role="alert">
      <p><strong>${title}</strong></p>
      <p>${!e || e.status === 0 ? t.networkError : [problem?.title ?? e.message, problem?.detail].filter(Boolean).join(' — ')}</p>
      ${fields.length ? html`<ul>${fields.map((f) => html`<li>${f.message}</li>`)}</ul>` : nothing}
      <button type="button" class="button" @click=${retry}>${t.retry}</button>
    </div>`;
  }

  private _renderDetail(): TemplateResult {
    const t = this._t;
    const lang = this._lang;
    const d = this._detail;
    const back = html`<button type="button" class="button link back" part="back-button" @click=${() => this._closeDetail()}>
      <span aria-hidden="true">←</span> ${t.back}</button>`;
    if (this._detailStatus !== 'ready' || !d) {
      return html`<section class="detail" part="detail" aria-busy=${this._detailStatus === 'loading' ? 'true' : 'false'}>
        ${back}
        ${this._detailStatus === 'error'
          ? this._renderError(t.detailErrorTitle, this._detailError, () => { const id = this._hashId(); if (id) void this._openDetail(id); })
          : html`<p role="status">${t.detailLoading}</p>`}
      </section>`;
    }
    const dates = d.startsOn ? (d.endsOn && d.endsOn !== d.startsOn
      ? `${formatDate(d.startsOn, lang, LONG_DATE)} – ${formatDate(d.endsOn, lang, LONG_DATE)}`
      : formatDate(d.startsOn, lang, { weekday: 'long', ...LONG_DATE })) : null;
    const inPerson = d.mode !== 'virtual';
    const place = inPerson ? [d.locationName, d.address, d.city, d.state, d.postalCode].filter(Boolean).join(', ') : t.online;
    // A stored link is a link only when it is http(s): never a `javascript:` one that slipped in.
    const website = safeHref(d.employer.website);
    const map = inPerson && d.lat !== null && d.lng !== null
      ? `https://www.openstreetmap.org/?mlat=${d.lat}&mlon=${d.lng}#map=16/${d.lat}/${d.lng}` : null;
    const when = [d.schedule, d.hoursPerWeek ? t.hours(formatNumber(d.hoursPerWeek, lang)) : null,
      d.timeSlots.map((s) => this._label(TIME_SLOTS, s)).join(', ')].filter(Boolean);
    const requirements = [
      d.requirements.backgroundCheck ? t.backgroundCheck : null,
      d.requirements.guardianConsent ? t.guardianConsent : null,
      ...d.requirements.documents,
    ].filter(Boolean);
    const getThere = d.transitNotes ?? (d.transitAccessible ? t.transitOnly : null);
    const newTab = html`<span class="visually-hidden"> ${t.opensInNewTab}</span>`;
    const lines = (items: unknown[]) => items.map((x, i) => html`${i ? html`<br>` : nothing}${x}`);
    const fact = (term: string, items: unknown[]) => (items.length ? html`<div><dt>${term}</dt><dd>${lines(items)}</dd></div>` : nothing);
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
          ${d.open ? html`<span class="deadline">${this._when(d)}</span>` : nothing}
        </div>
        ${this._applying ? (customElements.get('wbl-placement-form')
          ? html`<wbl-placement-form mode="apply" opportunity-id=${d.id} site-key=${this.siteKey}
              api-base=${this.apiBase || defaultApiBase(import.meta.url)} lang=${lang}></wbl-placement-form>`
          : html`<p class="apply-help" role="status">${t.applyHelp}</p>`) : nothing}
        <h4>${t.about}</h4>
        <p class="description">${d.description}</p>
        ${d.tasks.length ? html`<h4>${t.tasks}</h4><ul>${d.tasks.map((task) => html`<li>${task}</li>`)}</ul>` : nothing}
        ${d.skills.length || d.technicalSkills.length ? html`<h4>${t.skills}</h4>
          <ul class="skills">${d.skills.map((s) => html`<li>${this._label(SKILLS, s)}</li>`)}${d.technicalSkills.map((s) => html`<li>${s}</li>`)}</ul>` : nothing}
        <h4>${t.details}</h4>
        <dl class="facts">
          ${fact(t.compensation, [this._pay(d)])}
          ${fact(t.when, when)}
          ${fact(t.dates, dates ? [dates] : [])}
          ${fact(t.deadline, d.applicationDeadline ? [formatDate(d.applicationDeadline, lang, LONG_DATE)] : [])}
          ${fact(t.where, [
            map ? html`${place} · <a href=${map} target="_blank" rel="noopener">${t.map}${newTab}</a>` : place,
            ...(d.distanceKm !== null && inPerson ? [t.fromSchool(this._distance(d.distanceKm))] : []),
          ])}
          ${fact(t.transit, getThere ? [getThere] : [])}
          ${fact(t.grades, [t.gradeRange(d.gradeMin, d.gradeMax), ...(d.minAge ? [t.minAge(d.minAge)] : [])])}
          ${fact(t.spots, [plural(d.capacity, lang, t.capacity)])}
          ${fact(t.requirements, requirements)}
          ${fact(t.cluster, [this._label(CLUSTERS, d.cluster)])}
        </dl>
        <h4>${t.employer}</h4>
        <p><strong>${d.employer.name}</strong>${d.employer.description ? html`<br>${d.employer.description}` : nothing}
          ${website ? html`<br><a href=${website} target="_blank" rel="noopener">${t.website}${newTab}</a>` : nothing}</p>
      </section>`;
  }

  private _renderMatch(): TemplateResult {
    const t = this._t;
    const lang = this._lang;
    const unit = this.units === 'km' ? 'km' : 'mi';
    const checks = (name: string, legend: string, terms: readonly Term[]) => html`
      <fieldset class="grid"><legend>${legend}</legend>${terms.map((term) => html`
        <label class="check"><input type="checkbox" name=${name} value=${term.code}><span>${term.label[lang]}</span></label>`)}</fieldset>`;
    const choice = (id: string, name: string, label: string, options: [string, string][]) => html`
      <div class="field"><label for=${id}>${label}</label>
        <select id=${id} name=${name}>${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></div>`;
    const matches = this._matches;
    return html`
      <div class="match" part="match-panel">
        <button type="button" class="button secondary disclosure" aria-expanded=${this._matchOpen ? 'true' : 'false'}
          aria-controls=${this._matchShown ? 'match-form' : nothing} @click=${this._toggleMatch}>${t.matchOpen}</button>
        ${this._matchShown ? html`<form id="match-form" ?hidden=${!this._matchOpen} @submit=${this._submitMatch}>
          <h3>${t.matchTitle}</h3>
          <p>${t.matchIntro}</p>
          ${checks('clusters', t.interests, CLUSTERS)}
          ${checks('skills', t.skillsToBuild, SKILLS)}
          ${checks('availability', t.availability, TIME_SLOTS)}
          <div class="row">
            ${choice('m-grade', 'grade', t.grade, [['', t.any], ...[6, 7, 8, 9, 10, 11, 12].map((g): [string, string] => [String(g), String(g)])])}
            ${choice('m-travel', 'travel', t.travel, [['', t.any], ...Object.entries(t.travelOptions)])}
            ${choice('m-far', 'far', t.howFar, [['', t.any], ...RADII.map((r): [string, string] => [String(r), t.within(`${r} ${unit}`)])])}
            ${choice('m-paid', 'paid', t.payPreference, Object.entries(t.payOptions))}
          </div>
          <button type="submit" class="button" aria-disabled=${this._matchStatus === 'loading' ? 'true' : 'false'}>${t.findMatches}</button>
          <p role="status" class="match-count">${this._matchStatus === 'ready' && matches ? plural(matches.length, lang, t.matchResults) : ''}</p>
          ${this._matchStatus === 'error' ? this._renderError(t.matchErrorTitle, this._matchError, () => this._matchForm?.requestSubmit()) : nothing}
          ${matches?.length ? html`<h4 class="matches-heading">${t.matchesHeading}</h4>
            <ol class="cards matches" part="list">${matches.map((m) => html`<li>${this._renderCard(m.opportunity, m.reasons)}</li>`)}</ol>` : nothing}
        </form>` : nothing}
      </div>`;
  }

  // --- state helpers -----------------------------------------------------------------------------

  private get _t(): Messages {
    return MESSAGES[this._lang];
  }

  private get _client(): ApiClient {
    return new ApiClient(this.apiBase || defaultApiBase(import.meta.url), this.siteKey);
  }

  private get _matchForm(): HTMLFormElement | null {
    return this.renderRoot.querySelector<HTMLFormElement>('#match-form');
  }

  private _label(terms: readonly Term[], code: string): string {
    return labelOf(terms, code, this._lang);
  }

  private _toKm(n: number): number {
    return this.units === 'km' ? n : Math.round(n * KM_PER_MI * 100) / 100;
  }

  private _distance(km: number): string {
    const mi = this.units !== 'km';
    return `${formatNumber(mi ? km / KM_PER_MI : km, this._lang)} ${mi ? 'mi' : 'km'}`;
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
    if (o.applicationDeadline) return t.applyBy(formatShortDate(o.applicationDeadline, this._lang));
    if (o.startsOn) return (o.startsOn === o.endsOn ? t.on : t.starts)(formatShortDate(o.startsOn, this._lang));
    return '';
  }

  private _params(cursor?: string) {
    return {
      q: this._query.trim() || undefined,
      stage: list(this.stage),
      cluster: list(this.cluster),
      type: list(this.type),
      mode: list(this.mode),
      paid: this.paid === 'true' || this.paid === 'false' ? this.paid : undefined,
      grade: this.grade || undefined,
      open: this.open ? true : undefined,
      transit: this._transit ? true : undefined,
      radius_km: Number(this._radius) ? this._toKm(Number(this._radius)) : undefined,
      sort: this._sort || undefined,
      limit: Math.min(100, Math.max(1, this.pageSize || 12)),
      cursor,
    };
  }

  private get _activeFilters(): number {
    return list(this.stage).length + list(this.cluster).length + list(this.type).length + list(this.mode).length
      + (this.paid ? 1 : 0) + (this._radius ? 1 : 0) + (this._transit ? 1 : 0) + (this.open ? 0 : 1);
  }

  private _fail(e: ApiError): ApiError {
    this.emit(new WblOpportunityBoardErrorEvent(e.status, e.problem));
    return e;
  }

  // --- data --------------------------------------------------------------------------------------

  private async _load(): Promise<void> {
    clearTimeout(this._searchTimer);
    // A newer request supersedes the previous one (and any "Load more" still in flight).
    this._listAbort?.abort();
    const abort = (this._listAbort = new AbortController());
    this._status = 'loading';
    this._loadingMore = false;
    this._moreError = null;
    try {
      const body = await this._client.get<OpportunityList>('/opportunities', this._params(), abort.signal);
      if (abort.signal.aborted) return;
      this._items = body.items;
      this._total = body.total;
      this._facets = body.facets;
      this._nextCursor = body.nextCursor;
      this._hasOrigin ||= body.items.some((o) => o.distanceKm !== null);
      this._error = null;
      this._status = 'ready';
    } catch (e) {
      if (isAbort(e) || abort.signal.aborted) return;
      this._error = this._fail(toApiError(e));
      this._status = 'error';
    }
  }

  private async _loadMore(): Promise<void> {
    if (!this._nextCursor || this._loadingMore) return;
    const abort = this._listAbort ?? new AbortController();
    this._loadingMore = true;
    this._moreError = null;
    const first = this._items.length;
    try {
      const body = await this._client.get<OpportunityList>('/opportunities', this._params(this._nextCursor), abort.signal);
      if (abort.signal.aborted) return;
      this._items = [...this._items, ...body.items];
      this._nextCursor = body.nextCursor;
      this._total = body.total;
      // The first new card takes focus, so a keyboard user continues where the list grew.
      this._focusIndex = first;
    } catch (e) {
      if (isAbort(e) || abort.signal.aborted) return;
      this._moreError = this._fail(toApiError(e));
    } finally {
      if (!abort.signal.aborted) this._loadingMore = false;
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
      if (isAbort(e) || abort.signal.aborted) return;
      this._detailError = this._fail(toApiError(e));
      this._detailStatus = 'error';
    }
  }

  private _closeDetail(updateAddress = true): void {
    this._detailAbort?.abort();
    this._detail = null;
    this._detailStatus = null;
    this._applying = false;
    this._returnFocus = true;
    if (updateAddress) {
      // Opened from a card: step back in history, so the browser's Back button agrees with ours.
      if (history.state?.wblBoard) history.back();
      else this._setHash(null);
    }
  }

  // --- the address bar ---------------------------------------------------------------------------

  private _hashId(): string | null {
    const id = new URLSearchParams(location.hash.slice(1)).get(HASH_KEY);
    return id && ID_PATTERN.test(id) ? id : null;
  }

  private _syncFromLocation(): void {
    const id = this._hashId();
    if (id) void this._openDetail(id);
    else if (this._detailStatus) this._closeDetail(false);
  }

  private _setHash(id: string | null): void {
    const base = `${location.pathname}${location.search}`;
    if (id) history.pushState({ wblBoard: id }, '', `${base}#${HASH_KEY}=${id}`);
    else history.replaceState(null, '', base);
  }

  // --- handlers ----------------------------------------------------------------------------------

  private _onSearchInput(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    clearTimeout(this._searchTimer);
    // Typing changes nothing on screen until the pause: one request and one render per search.
    this._searchTimer = setTimeout(() => { this._query = value; }, SEARCH_DEBOUNCE_MS);
  }

  private _onSearchSubmit(e: Event): void {
    e.preventDefault();
    clearTimeout(this._searchTimer);
    const value = this.renderRoot.querySelector<HTMLInputElement>('#search')?.value ?? '';
    if (value === this._query) void this._load();
    else this._query = value;
  }

  private _toggleFilters(): void {
    this._filtersOpen = !this._filtersOpen;
  }

  private _toggleStage(code: string, on: boolean): void {
    const next = new Set(list(this.stage));
    if (on) next.add(code);
    else next.delete(code);
    this.stage = [...next].join(',');
  }

  private _clearFilters(): void {
    clearTimeout(this._searchTimer);
    const input = this.renderRoot.querySelector<HTMLInputElement>('#search');
    if (input) input.value = '';
    this.stage = '';
    this.cluster = '';
    this.type = '';
    this.mode = '';
    this.paid = '';
    this.open = true;
    this._radius = '';
    this._transit = false;
    this._query = '';
    // The button that was pressed disappears with the filters: keep focus in the board.
    void this.updateComplete.then(() => input?.focus());
  }

  private _onCardClick(e: MouseEvent): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    const link = e.currentTarget as HTMLAnchorElement;
    const id = link.dataset.id!;
    e.preventDefault();
    this._opener = link;
    this._setHash(id);
    void this._openDetail(id);
  }

  private _onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || !this._detailStatus || e.defaultPrevented) return;
    // Escape inside the apply form belongs to the form.
    if (e.composedPath().some((n) => (n as Element).localName === 'wbl-placement-form')) return;
    e.preventDefault();
    this._closeDetail();
  }

  private _apply(): void {
    if (!this._detail || !this.emit(new WblOpportunityApplyEvent(this._detail))) return;
    // The form is a separate element: the board opens it when the page has loaded it.
    this._applying = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector('wbl-placement-form, .apply-help')?.scrollIntoView({ block: 'nearest' }));
  }

  private _toggleMatch(): void {
    this._matchOpen = !this._matchOpen;
    this._matchShown = true;
  }

  private async _submitMatch(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._matchStatus === 'loading') return;
    const data = new FormData(e.target as HTMLFormElement);
    const one = (k: string) => (data.get(k) as string | null) || undefined;
    const far = Number(one('far'));
    const body: MatchRequest = {
      clusters: data.getAll('clusters') as MatchRequest['clusters'],
      skills: data.getAll('skills') as MatchRequest['skills'],
      availability: data.getAll('availability') as MatchRequest['availability'],
      grade: one('grade') ? Number(one('grade')) : undefined,
      travel: one('travel') as MatchRequest['travel'],
      maxDistanceKm: far ? Math.round(this._toKm(far) * 10) / 10 : undefined,
      paid: (one('paid') ?? 'any') as MatchRequest['paid'],
      locale: this._lang,
      limit: 10,
    };
    this._matchAbort?.abort();
    const abort = (this._matchAbort = new AbortController());
    this._matchStatus = 'loading';
    try {
      const res = await this._client.post<MatchResponse>('/opportunities/match', body, abort.signal);
      this._matches = res.items;
      this._matchStatus = 'ready';
    } catch (err) {
      if (isAbort(err)) {
        this._matchStatus = null;
        return;
      }
      this._matchError = this._fail(toApiError(err));
      this._matchStatus = 'error';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-opportunity-board': WblOpportunityBoard;
  }
}
