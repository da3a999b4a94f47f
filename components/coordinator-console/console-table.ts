import { css, html, nothing, type TemplateResult } from 'lit';
import { WblElement } from '../base/element.js';
import { formatNumber, resolveLang, type Lang } from '../base/localize.js';
import { baseStyles } from '../base/styles.js';
import { badgeStyles } from './section.styles.js';
import { SECTION_MESSAGES } from './sections/messages.js';

/** One column of a console table. */
export interface Column<T> {
  key: string;
  label: string;
  /** What the cell shows: text or a template (a link that opens the row, a badge). */
  cell: (row: T) => unknown;
  /** The value the column sorts and filters by; a column without one does not sort. */
  value?: (row: T) => string | number | null | undefined;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** Long text (a description, a list of skills): given room to wrap into. */
  wrap?: boolean;
  /** A short value read whole (a date, a reference): kept on one line while the other cells wrap. */
  short?: boolean;
  /** An email or web address: may break at any character rather than widen the table. */
  address?: boolean;
}

export type TableStatus = 'loading' | 'ready' | 'error';
type Dir = 'ascending' | 'descending';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const FILTER_DEBOUNCE_MS = 250;

/**
 * The console's data table: sortable column headers (`aria-sort`), a filter box, paging by
 * cursor ("Load more"), optional row selection, and loading, empty and error states. It sorts
 * and filters the rows it holds; with `remote-filter` it only reports the filter
 * (`table-filter`) so the section asks the API. Its cells wrap, so a table fits its box with
 * every column (the status too) in view on a 1 280 px screen; on a narrow screen what still
 * does not fit scrolls sideways inside a labelled region.
 *
 * Events (not composed; the section listens on the table): `table-filter` `{ value }`,
 * `table-more`, `table-retry`, `table-select` `{ keys }`.
 *
 * @internal
 * @tagname wbl-console-table
 */
export class WblConsoleTable<T = unknown> extends WblElement {
  static override styles = [
    baseStyles,
    badgeStyles,
    css`
    :host { display: grid; gap: .6rem; min-width: 0; }
    .tools { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem 1rem; }
    .filter { display: grid; gap: .2rem; flex: 1 1 14rem; max-width: 24rem; }
    .filter label { font-weight: 600; font-size: .92rem; }
    .filter input { width: 100%; min-height: 2.5rem; padding: .4rem .6rem; border: 1px solid var(--_muted); border-radius: var(--_radius); background: var(--_surface); }
    .count { margin: 0; color: var(--_muted); font-size: .92rem; }
    ::slotted(*) { flex: none; }
    .scroll { position: relative; overflow-x: auto; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
    table { width: 100%; border-collapse: collapse; font-size: .95rem; }
    caption { text-align: start; }
    th, td { padding: .5rem; text-align: start; vertical-align: top; border-bottom: 1px solid var(--_border); }
    thead th { background: var(--_subtle); font-weight: 700; }
    tbody tr:last-child td { border-bottom: 0; }
    tbody tr.selected { background: color-mix(in srgb, var(--_primary) 8%, var(--_surface)); }
    /* Cells wrap, so the table fits its box with every column, the status included, in view;
       an email or web address (and a cell's second, muted line) may break anywhere rather than
       widen the table; badges, figures, dates and references stay whole. */
    td { overflow-wrap: break-word; }
    td .muted, td.any { overflow-wrap: anywhere; }
    td.wrap { max-width: 28rem; }
    td .badge, td.num, td.short { white-space: nowrap; }
    .num { text-align: end; font-variant-numeric: tabular-nums; }
    th button { all: unset; box-sizing: border-box; display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0 .2rem; min-height: 24px; cursor: pointer; font-weight: 700; }
    th button:focus-visible { outline: var(--_focus); outline-offset: 2px; }
    .arrow { color: var(--_muted); font-size: .8em; }
    th[aria-sort] .arrow { color: var(--_primary); }
    .pick { width: 2.5rem; }
    .state td { padding: 1.25rem .65rem; color: var(--_muted); }
    .state .error { color: var(--_danger); font-weight: 600; }
    .state .button { margin-top: .5rem; }
    .more { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; }
    td a { color: var(--_primary); font-weight: 600; }
  `,
  ];

  static override properties = {
    label: {},
    columns: { attribute: false },
    rows: { attribute: false },
    rowKey: { attribute: false },
    rowLabel: { attribute: false },
    status: {},
    error: {},
    more: { type: Boolean },
    loadingMore: { type: Boolean, attribute: 'loading-more' },
    selectable: { type: Boolean },
    selected: { attribute: false },
    remoteFilter: { type: Boolean, attribute: 'remote-filter' },
    filterable: { type: Boolean },
    emptyText: { attribute: 'empty-text' },
  };

  static {
    for (const name of ['_sort', '_filter']) this.createProperty(name, { state: true });
  }

  /** The table's name (its caption, and the name of its scrolling region and filter). */
  declare label: string;
  declare columns: Column<T>[];
  declare rows: T[];
  /** A row's stable key (its id). */
  declare rowKey: (row: T) => string;
  /** A row's name, for its selection checkbox ("Select Maya Rodriguez"). */
  declare rowLabel: (row: T) => string;
  declare status: TableStatus;
  /** What went wrong, when `status` is `error`. */
  declare error: string;
  /** Whether the API has another page (a `nextCursor`). */
  declare more: boolean;
  declare loadingMore: boolean;
  declare selectable: boolean;
  /** The keys of the selected rows. */
  declare selected: string[];
  /** Leave filtering to the API: the table only reports what was typed. */
  declare remoteFilter: boolean;
  declare filterable: boolean;
  /** What an empty table says. */
  declare emptyText: string;

  declare private _sort: { key: string; dir: Dir } | null;
  declare private _filter: string;
  private _timer?: ReturnType<typeof setTimeout>;
  private _lang: Lang = 'en';

  constructor() {
    super();
    this.label = '';
    this.columns = [];
    this.rows = [];
    this.rowKey = (row) => String((row as { id?: string }).id ?? '');
    this.rowLabel = (row) => this.rowKey(row);
    this.status = 'ready';
    this.error = '';
    this.more = false;
    this.loadingMore = false;
    this.selectable = false;
    this.selected = [];
    this.remoteFilter = false;
    this.filterable = true;
    this.emptyText = '';
    this._sort = null;
    this._filter = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  protected override willUpdate(): void {
    this._lang = resolveLang(this);
  }

  /** The rows as shown: filtered (unless the API filters) and sorted. */
  get visibleRows(): T[] {
    let rows = this.rows;
    const q = fold(this._filter.trim());
    if (q && !this.remoteFilter) {
      rows = rows.filter((row) =>
        this.columns.some((c) => {
          const v = c.value?.(row) ?? (typeof c.cell(row) === 'string' ? (c.cell(row) as string) : null);
          return v !== null && v !== undefined && fold(String(v)).includes(q);
        }),
      );
    }
    const sort = this._sort;
    const column = sort && this.columns.find((c) => c.key === sort.key);
    if (sort && column?.value) {
      const collator = new Intl.Collator(this._lang, { numeric: true, sensitivity: 'base' });
      const sign = sort.dir === 'ascending' ? 1 : -1;
      rows = [...rows].sort((a, b) => {
        const x = column.value!(a);
        const y = column.value!(b);
        // Empty values go last whichever way the column sorts.
        if (x === null || x === undefined || x === '') return y === null || y === undefined || y === '' ? 0 : 1;
        if (y === null || y === undefined || y === '') return -1;
        return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)));
      });
    }
    return rows;
  }

  /** Sorts by a column; the same column again reverses the order. */
  sortBy(key: string): void {
    const dir: Dir = this._sort?.key === key && this._sort.dir === 'ascending' ? 'descending' : 'ascending';
    this._sort = { key, dir };
  }

  override render(): TemplateResult {
    const t = SECTION_MESSAGES[this._lang].table;
    const rows = this.visibleRows;
    const span = this.columns.length + (this.selectable ? 1 : 0);
    const keys = rows.map((r) => this.rowKey(r));
    const chosen = new Set(this.selected);
    const all = keys.length > 0 && keys.every((k) => chosen.has(k));
    const some = keys.some((k) => chosen.has(k));
    const count =
      this.status === 'ready'
        ? [
            t.shown(formatNumber(rows.length, this._lang, 0)),
            this.more ? t.moreAvailable : '',
            this.selectable && this.selected.length ? t.selectedCount(formatNumber(this.selected.length, this._lang, 0)) : '',
          ]
            .filter(Boolean)
            .join(' · ')
        : '';
    return html`
      <div class="tools" part="table-tools">
        ${
          this.filterable
            ? html`<div class="filter">
          <label for="filter">${t.filter(this.label)}</label>
          <input id="filter" type="search" part="filter" autocomplete="off" .value=${this._filter} @input=${this._onFilter}>
        </div>`
            : nothing
        }
        <p class="count" role="status">${count}</p>
        <slot name="actions"></slot>
      </div>
      <div class="scroll" role="region" aria-labelledby="caption" tabindex="0">
        <table part="table" aria-busy=${this.status === 'loading' ? 'true' : 'false'}>
          <caption id="caption" class="visually-hidden">${this.label}</caption>
          <thead><tr>
            ${
              this.selectable
                ? html`<th scope="col" class="pick"><input type="checkbox" aria-label=${t.selectAll} .checked=${all}
              .indeterminate=${some && !all} ?disabled=${!keys.length} @change=${(e: Event) => this._selectAll(keys, (e.target as HTMLInputElement).checked)}></th>`
                : nothing
            }
            ${this.columns.map((c) => this._renderHeader(c))}
          </tr></thead>
          <tbody>
            ${
              this.status === 'loading' && !this.rows.length
                ? html`<tr class="state"><td colspan=${span}>${t.loading}</td></tr>`
                : this.status === 'error'
                  ? html`<tr class="state"><td colspan=${span}><div role="alert">
                  <p class="error">${this.error || t.failed}</p>
                  <button type="button" class="button secondary" @click=${() => this._fire('table-retry')}>${t.retry}</button></div></td></tr>`
                  : !rows.length
                    ? html`<tr class="state"><td colspan=${span}>${this._filter.trim() && this.rows.length ? t.noMatch(this._filter.trim()) : this.emptyText || t.empty}</td></tr>`
                    : rows.map((row, i) => this._renderRow(row, keys[i]!, chosen))
            }
          </tbody>
        </table>
      </div>
      ${
        this.more && this.status !== 'error'
          ? html`<div class="more">
        <button type="button" class="button secondary" part="load-more" aria-disabled=${this.loadingMore ? 'true' : 'false'}
          @click=${() => {
            if (!this.loadingMore) this._fire('table-more');
          }}>${this.loadingMore ? t.loading : t.loadMore}</button>
      </div>`
          : nothing
      }`;
  }

  private _renderHeader(c: Column<T>): TemplateResult {
    const t = SECTION_MESSAGES[this._lang].table;
    const sorted = this._sort?.key === c.key ? this._sort.dir : null;
    if (!c.value) return html`<th scope="col" class=${c.numeric ? 'num' : ''}>${c.label}</th>`;
    return html`<th scope="col" class=${c.numeric ? 'num' : ''} aria-sort=${sorted ?? nothing}>
      <button type="button" @click=${() => this.sortBy(c.key)}>${c.label}<span class="visually-hidden">, ${t.sortBy}</span>
        <span class="arrow" aria-hidden="true">${sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}</span></button></th>`;
  }

  private _renderRow(row: T, key: string, chosen: Set<string>): TemplateResult {
    const t = SECTION_MESSAGES[this._lang].table;
    const on = chosen.has(key);
    return html`<tr class=${on ? 'selected' : ''} data-key=${key}>
      ${
        this.selectable
          ? html`<td class="pick"><input type="checkbox" aria-label=${t.select(this.rowLabel(row))} .checked=${on}
        @change=${(e: Event) => this._select(key, (e.target as HTMLInputElement).checked)}></td>`
          : nothing
      }
      ${this.columns.map((c) => html`<td class=${c.numeric ? 'num' : c.wrap ? 'wrap' : c.short ? 'short' : c.address ? 'any' : ''}>${c.cell(row)}</td>`)}
    </tr>`;
  }

  private _onFilter(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      this._filter = value;
      this._fire('table-filter', { value: value.trim() });
    }, FILTER_DEBOUNCE_MS);
  }

  private _select(key: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(key);
    else next.delete(key);
    this.selected = [...next];
    this._fire('table-select', { keys: this.selected });
  }

  private _selectAll(keys: string[], on: boolean): void {
    const next = new Set(this.selected);
    for (const k of keys) {
      if (on) next.add(k);
      else next.delete(k);
    }
    this.selected = [...next];
    this._fire('table-select', { keys: this.selected });
  }

  private _fire(name: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }
}

WblConsoleTable.define('wbl-console-table');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-table': WblConsoleTable;
  }
}
