import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { MatchRequest, OpportunitySummary } from '../../schema/api/opportunities.js';
import { labelOf, type Term } from '../../schema/vocab.js';
import { formatMoney, formatNumber, formatShortDate, plural, resolveLang } from '../base/localize.js';
import { WblOpportunityApplyEvent } from '../events/opportunity-apply.js';
import { renderDetail, renderMatch } from './detail.js';
import { boardStyles } from './opportunity-board.styles.js';
import { renderBody, renderFilters, renderSort } from './results.js';
import { BoardState, KM_PER_MI, list } from './state.js';

export const HASH_KEY = 'opportunity';
const ID_PATTERN = /^opp_[a-z0-9_]{3,60}$/;
const SEARCH_DEBOUNCE_MS = 300;

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
export class WblOpportunityBoard extends BoardState {
  static override styles = boardStyles;

  /** The link that opened the detail, to take focus back when it closes. */
  private _opener: HTMLElement | null = null;
  private _returnFocus = false;
  private _onLocation = () => this._syncFromLocation();

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this._onLocation);
    addEventListener('popstate', this._onLocation);
    this._syncFromLocation();
    // Moved elsewhere on the page: requests cut off by the move start again.
    if (this.hasUpdated) {
      void this._list.run();
      if (this._openId) void this._detail.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this._onLocation);
    removeEventListener('popstate', this._onLocation);
    for (const task of [this._list, this._more, this._detail, this._matches]) task.abort();
    clearTimeout(this._searchTimer);
  }

  protected override willUpdate(): void {
    this._lang = resolveLang(this);
  }

  override render(): TemplateResult {
    const t = this._t;
    const detailOpen = Boolean(this._openId);
    return html`
      <div part="base" class="base" lang=${this._lang} @keydown=${this._onKeydown}>
        ${detailOpen ? renderDetail(this) : nothing}
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
          ${renderFilters(this)}
          ${this.match ? renderMatch(this) : nothing}
          <div class="summary">
            <p id="count" part="result-count" role="status" aria-live="polite">${this._countText()}</p>
            ${renderSort(this)}
          </div>
          ${renderBody(this)}
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
    if (this._returnFocus && !this._openId) {
      this._returnFocus = false;
      const opener = this._opener?.isConnected ? this._opener : null;
      (opener ?? this.renderRoot.querySelector<HTMLElement>('#search'))?.focus();
      this._opener = null;
    }
  }

  private _countText(): string {
    // While new results load, the previous count stays: a live region that flickers to "Loading…"
    // on every keystroke would be read out on every keystroke.
    const status = this._list.status;
    if (status === TaskStatus.ERROR) return '';
    if (status < TaskStatus.COMPLETE && !this._facets) return this._t.loading;
    return plural(this._total, this._lang, this._t.count);
  }

  // --- state helpers -----------------------------------------------------------------------------

  get _matchForm(): HTMLFormElement | null {
    return this.renderRoot.querySelector<HTMLFormElement>('#match-form');
  }

  _label(terms: readonly Term[], code: string): string {
    return labelOf(terms, code, this._lang);
  }

  _distance(km: number): string {
    const mi = this.units !== 'km';
    return `${formatNumber(mi ? km / KM_PER_MI : km, this._lang)} ${mi ? 'mi' : 'km'}`;
  }

  _pay(o: OpportunitySummary): string {
    const t = this._t;
    const { type, amountCents } = o.compensation;
    if (type === 'unpaid' || amountCents === null) return t.unpaid;
    const money = formatMoney(amountCents, this._lang);
    return type === 'hourly' ? t.perHour(money) : t.stipend(money);
  }

  _when(o: OpportunitySummary): string {
    const t = this._t;
    if (!o.open) return t.closed;
    if (o.applicationDeadline) return t.applyBy(formatShortDate(o.applicationDeadline, this._lang));
    if (o.startsOn) return (o.startsOn === o.endsOn ? t.on : t.starts)(formatShortDate(o.startsOn, this._lang));
    return '';
  }

  // --- data --------------------------------------------------------------------------------------

  _loadMore(): void {
    if (this._nextCursor && !(this._more.status === TaskStatus.PENDING && this._moreOf === this._items)) void this._more.run();
  }

  _closeDetail(updateAddress = true): void {
    this._openId = '';
    this._returnFocus = true;
    if (updateAddress) {
      // Opened from a card: step back in history, so the browser's Back button agrees with ours.
      if (history.state?.wblBoard) history.back();
      else this._setHash(null);
    }
  }

  // --- the address bar ---------------------------------------------------------------------------

  private _syncFromLocation(): void {
    const id = new URLSearchParams(location.hash.slice(1)).get(HASH_KEY);
    if (id && ID_PATTERN.test(id)) this._openId = id;
    else if (this._openId) this._closeDetail(false);
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
    this._searchTimer = setTimeout(() => {
      this._query = value;
    }, SEARCH_DEBOUNCE_MS);
  }

  private _onSearchSubmit(e: Event): void {
    e.preventDefault();
    clearTimeout(this._searchTimer);
    const value = this.renderRoot.querySelector<HTMLInputElement>('#search')?.value ?? '';
    if (value === this._query) void this._list.run();
    else this._query = value;
  }

  private _toggleFilters(): void {
    this._filtersOpen = !this._filtersOpen;
  }

  _toggleStage(code: string, on: boolean): void {
    const next = new Set(list(this.stage));
    if (on) next.add(code);
    else next.delete(code);
    this.stage = [...next].join(',');
  }

  _clearFilters(): void {
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

  _onCardClick(e: MouseEvent): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    const link = e.currentTarget as HTMLAnchorElement;
    const id = link.dataset.id!;
    e.preventDefault();
    this._opener = link;
    this._setHash(id);
    this._openId = id;
  }

  private _onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || !this._openId || e.defaultPrevented) return;
    // Escape inside the apply form belongs to the form.
    if (e.composedPath().some((n) => (n as Element).localName === 'wbl-placement-form')) return;
    e.preventDefault();
    this._closeDetail();
  }

  _apply(): void {
    const detail = this._detail.value;
    if (!detail || !this.emit(new WblOpportunityApplyEvent(detail))) return;
    // The form is a separate element: the board opens it when the page has loaded it.
    this._applying = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector('wbl-placement-form, .apply-help')?.scrollIntoView({ block: 'nearest' }));
  }

  _toggleMatch(): void {
    this._matchOpen = !this._matchOpen;
    this._matchShown = true;
  }

  _submitMatch(e: SubmitEvent): void {
    e.preventDefault();
    if (this._matches.status === TaskStatus.PENDING) return;
    const data = new FormData(e.target as HTMLFormElement);
    const one = (k: string) => (data.get(k) as string | null) || undefined;
    const far = Number(one('far'));
    void this._matches.run([
      {
        clusters: data.getAll('clusters') as MatchRequest['clusters'],
        skills: data.getAll('skills') as MatchRequest['skills'],
        availability: data.getAll('availability') as MatchRequest['availability'],
        grade: one('grade') ? Number(one('grade')) : undefined,
        travel: one('travel') as MatchRequest['travel'],
        maxDistanceKm: far ? Math.round(this._toKm(far) * 10) / 10 : undefined,
        paid: (one('paid') ?? 'any') as MatchRequest['paid'],
        locale: this._lang,
        limit: 10,
      },
    ]);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-opportunity-board': WblOpportunityBoard;
  }
}
