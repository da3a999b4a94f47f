import { Task, initialState } from '@lit/task';
import type { MatchRequest, MatchResponse, OpportunityDetail, OpportunityFacets, OpportunityList, OpportunitySummary } from '../../schema/api/opportunities.js';
import { isAbort, toApiError } from '../base/api.js';
import type { Lang } from '../base/localize.js';
import { WblWidget } from '../base/widget.js';
import { WblOpportunityBoardErrorEvent } from '../events/opportunity-board-error.js';
import { WblOpportunitySelectEvent } from '../events/opportunity-select.js';
import { MESSAGES, type Messages } from './messages.js';

export const KM_PER_MI = 1.609344;
export const list = (value: string | null | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The board's attributes, state and requests (each a `Task`: loading, errors and aborts are its
 * own); `opportunity-board.ts` adds rendering and handlers.
 */
export class BoardState extends WblWidget {
  static override properties = {
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
    for (const name of [
      '_query',
      '_items',
      '_total',
      '_facets',
      '_nextCursor',
      '_sort',
      '_radius',
      '_transit',
      '_filtersOpen',
      '_hasOrigin',
      '_openId',
      '_applying',
      '_matchOpen',
    ]) {
      this.createProperty(name, { state: true });
    }
  }

  /** `en` or `es`; defaults to the nearest `lang` on the page (a `<wbl-site lang>` included), then the browser's language. */
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

  declare _query: string;
  declare _items: OpportunitySummary[];
  declare _total: number;
  declare _facets: OpportunityFacets | null;
  declare _nextCursor: string | null;
  declare _sort: string;
  declare _radius: string;
  declare _transit: boolean;
  declare _filtersOpen: boolean;
  /** Whether the API measures distance (the site has a school), so distance filters make sense. */
  declare _hasOrigin: boolean;
  /** The opportunity whose detail is open (from a card or the address), empty when none is. */
  declare _openId: string;
  /** Whether the apply form (or its help text) is open under the detail. */
  declare _applying: boolean;
  declare _matchOpen: boolean;

  /** The language of the current render, resolved once per update. */
  _lang: Lang = 'en';
  /** The match form is built on first open (keeping the first paint light) and kept, so answers survive closing it. */
  _matchShown = false;
  /** The list a "Load more" was started on: its state shows only while that list is the one shown. */
  _moreOf: OpportunitySummary[] | null = null;
  protected _searchTimer?: ReturnType<typeof setTimeout>;
  protected _focusIndex: number | null = null;
  protected _focusHeading = false;

  /** The results: loads again whenever the request would differ, whichever attribute or control changed it. */
  _list = new Task(this, {
    args: () => [this._client, this._client.url('/opportunities', this._params())],
    task: async (_args, { signal }) => {
      clearTimeout(this._searchTimer);
      // A newer list supersedes any "Load more" still in flight.
      this._more.abort();
      this._moreOf = null;
      try {
        const body = await this._client.get<OpportunityList>('/opportunities', this._params(), signal);
        signal.throwIfAborted();
        this._items = body.items;
        this._total = body.total;
        this._facets = body.facets;
        this._nextCursor = body.nextCursor;
        this._hasOrigin ||= body.items.some((o) => o.distanceKm !== null);
      } catch (e) {
        throw this._fail(e);
      }
    },
  });

  /** The next page of results, appended to the list it was started on. */
  _more = new Task(this, {
    autoRun: false,
    task: async (_args, { signal }) => {
      const items = (this._moreOf = this._items);
      try {
        const body = await this._client.get<OpportunityList>('/opportunities', this._params(this._nextCursor!), signal);
        signal.throwIfAborted();
        this._items = this._moreOf = [...items, ...body.items];
        this._nextCursor = body.nextCursor;
        this._total = body.total;
        // The first new card takes focus, so a keyboard user continues where the list grew.
        this._focusIndex = items.length;
      } catch (e) {
        throw this._fail(e);
      }
    },
  });

  /** The open opportunity's detail. */
  _detail = new Task(this, {
    args: () => [this._openId],
    task: async ([id], { signal }) => {
      this._applying = false;
      if (!id) return initialState;
      try {
        // The opportunity and the module that shows it load side by side.
        const [detail, view] = await Promise.all([
          this._client.get<OpportunityDetail>(`/opportunities/${encodeURIComponent(id)}`, undefined, signal),
          BoardState._opportunityView(),
        ]);
        signal.throwIfAborted();
        this._view = view;
        this._focusHeading = true;
        this.emit(new WblOpportunitySelectEvent(detail));
        return detail;
      } catch (e) {
        throw this._fail(e);
      }
    },
  });

  /** The module that shows a loaded opportunity, once the first one has opened. */
  _view?: typeof import('./opportunity-view.js');
  private static _module?: Promise<typeof import('./opportunity-view.js')>;

  /** The opportunity view, loaded once, when the first opportunity opens; a failed load (read as a network error) is tried again. */
  static _opportunityView(): Promise<typeof import('./opportunity-view.js')> {
    return (BoardState._module ??= import('./opportunity-view.js').catch((e: unknown) => {
      BoardState._module = undefined;
      throw e;
    }));
  }

  /** "Find matches for me". */
  _matches = new Task(this, {
    autoRun: false,
    task: async ([body]: [MatchRequest], { signal }) => {
      try {
        return (await this._client.post<MatchResponse>('/opportunities/match', body, signal)).items;
      } catch (e) {
        throw this._fail(e);
      }
    },
  });

  constructor() {
    super();
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
    this._sort = '';
    this._radius = '';
    this._transit = false;
    this._filtersOpen = false;
    this._hasOrigin = false;
    this._openId = '';
    this._applying = false;
    this._matchOpen = false;
  }

  get _t(): Messages {
    return MESSAGES[this._lang];
  }

  protected _toKm(n: number): number {
    return this.units === 'km' ? n : Math.round(n * KM_PER_MI * 100) / 100;
  }

  protected _params(cursor?: string) {
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

  get _activeFilters(): number {
    return (
      list(this.stage).length +
      list(this.cluster).length +
      list(this.type).length +
      list(this.mode).length +
      (this.paid ? 1 : 0) +
      (this._radius ? 1 : 0) +
      (this._transit ? 1 : 0) +
      (this.open ? 0 : 1)
    );
  }

  /** A failed request as an `ApiError`, announced with the board's error event; an abort passes through. */
  protected _fail(e: unknown): unknown {
    if (isAbort(e)) return e;
    const x = toApiError(e);
    this.emit(new WblOpportunityBoardErrorEvent(x.status, x.problem));
    return x;
  }
}
