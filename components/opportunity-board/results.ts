import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { MatchItem, OpportunityFacets, OpportunitySummary } from '../../schema/api/opportunities.js';
import { CLUSTERS, MODES, OPPORTUNITY_TYPES, STAGES, labelOf, type Term } from '../../schema/vocab.js';
import { isAbort, type ApiError } from '../base/api.js';
import { formatNumber } from '../base/localize.js';
import { HASH_KEY, type WblOpportunityBoard as EL } from './opportunity-board.js';
import { list } from './state.js';

/** The board's results: filters, sort, the list of cards, and the states around it. */

export const RADII = [5, 10, 25, 50];
type ListFilter = 'stage' | 'cluster' | 'type' | 'mode';

export function renderFilters(el: EL): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  const stages = list(el.stage);
  const unit = el.units === 'km' ? 'km' : 'mi';
  return html`
    <div id="filters" class="filters ${el._filtersOpen ? 'open' : ''}" part="filter-bar" role="group" aria-label=${t.filters}>
      <fieldset class="stages">
        <legend>${t.stage}</legend>
        ${STAGES.map(
          (s) => html`
          <label class="check"><input type="checkbox" .checked=${stages.includes(s.code)}
            @change=${(e: Event) => el._toggleStage(s.code, (e.target as HTMLInputElement).checked)}>
            <span>${s.label[lang]}${facetCount(el, 'stage', s.code)}</span></label>`,
        )}
      </fieldset>
      ${termSelect(el, 'cluster', t.cluster, t.allClusters, CLUSTERS)}
      ${termSelect(el, 'type', t.type, t.allTypes, OPPORTUNITY_TYPES)}
      ${termSelect(el, 'mode', t.mode, t.any, MODES)}
      ${select(
        el,
        'f-paid',
        t.pay,
        el.paid,
        [
          ['', t.any],
          ['true', t.paidOnly],
          ['false', t.unpaidOnly],
        ],
        (v) => {
          el.paid = v;
        },
      )}
      ${
        el._hasOrigin || el._radius
          ? select(el, 'f-radius', t.distance, el._radius, [['', t.any], ...RADII.map((r): [string, string] => [String(r), t.within(`${r} ${unit}`)])], (v) => {
              el._radius = v;
            })
          : nothing
      }
      <div class="toggles">
        <label class="check"><input type="checkbox" .checked=${el.open}
          @change=${(e: Event) => {
            el.open = (e.target as HTMLInputElement).checked;
          }}><span>${t.openOnly}</span></label>
        <label class="check"><input type="checkbox" .checked=${el._transit}
          @change=${(e: Event) => {
            el._transit = (e.target as HTMLInputElement).checked;
          }}><span>${t.transitOnly}</span></label>
      </div>
      ${el._activeFilters ? html`<button type="button" class="button link clear" @click=${el._clearFilters}>${t.clear}</button>` : nothing}
    </div>
  `;
}

/** A labelled select. Options bind `.selected` (not the attribute) so they follow state after a person has chosen. */
export function select(_el: EL, id: string, label: string, value: string, options: [string, string][], change: (value: string) => void): TemplateResult {
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
export function termSelect(el: EL, name: Exclude<ListFilter, 'stage'>, label: string, all: string, terms: readonly Term[]): TemplateResult {
  const value = el[name];
  const chosen = list(value);
  const facet = name === 'mode' ? null : el._facets?.[name];
  // Types are many and stage-specific: list only those with results (and any chosen one).
  const shown = name === 'type' && facet ? terms.filter((term) => facet[term.code] || chosen.includes(term.code)) : terms;
  const options: [string, string][] = [['', all]];
  if (chosen.length > 1) options.push([value, chosen.map((c) => labelOf(terms, c, el._lang)).join(', ')]);
  for (const term of shown) options.push([term.code, `${term.label[el._lang]}${facetCount(el, name, term.code)}`]);
  return select(el, `f-${name}`, label, chosen.length > 1 ? value : (chosen[0] ?? ''), options, (v) => {
    el[name] = v;
  });
}

export function facetCount(el: EL, facet: keyof OpportunityFacets | 'mode', code: string): string {
  const counts = facet === 'mode' ? null : el._facets?.[facet];
  return counts ? ` (${formatNumber(counts[code] ?? 0, el._lang, 0)})` : '';
}

export function renderSort(el: EL): TemplateResult {
  const t = el._t;
  const searching = Boolean(el._query.trim());
  const options: [string, string][] = [
    ['', searching ? t.sortRelevance : t.sortNewest],
    ['deadline', t.sortDeadline],
  ];
  if (searching) options.push(['newest', t.sortNewest]);
  if (el._hasOrigin || el._sort === 'distance') options.push(['distance', t.sortDistance]);
  return html`
    <div class="sort">
      <label for="f-sort">${t.sort}</label>
      <select id="f-sort" @change=${(e: Event) => {
        el._sort = (e.target as HTMLSelectElement).value;
      }}>
        ${options.map(([v, label]) => html`<option value=${v} .selected=${el._sort === v}>${label}</option>`)}
      </select>
    </div>`;
}

export function renderBody(el: EL): TemplateResult {
  const t = el._t;
  const status = el._list.status;
  if (status === TaskStatus.ERROR) return renderError(el, t.errorTitle, el._list.error, () => void el._list.run());
  if (status < TaskStatus.COMPLETE && !el._facets) {
    return html`<ul class="cards skeleton" part="list" aria-busy="true" aria-label=${t.loading}>
      ${[0, 1, 2].map(() => html`<li class="card placeholder"><span></span><span></span><span></span></li>`)}</ul>`;
  }
  if (el._items.length === 0) {
    return html`<div class="empty" part="empty">
      <p><strong>${t.empty}</strong></p><p>${t.emptyHint}</p>
      <button type="button" class="button secondary" @click=${el._clearFilters}>${t.clear}</button>
    </div>`;
  }
  const lang = el._lang;
  // A "Load more" shows its state only while the list it was started on is the one shown.
  const more = el._moreOf === el._items ? el._more.status : TaskStatus.INITIAL;
  return html`
    <ul class="cards" part="list" aria-label=${t.results} aria-busy=${status === TaskStatus.PENDING ? 'true' : 'false'}>
      ${el._items.map((o) => html`<li>${renderCard(el, o)}</li>`)}
    </ul>
    <div class="more">
      <p>${t.showing(formatNumber(el._items.length, lang, 0), formatNumber(el._total, lang, 0))}</p>
      ${
        el._nextCursor
          ? html`<button type="button" class="button secondary" part="load-more" aria-disabled=${more === TaskStatus.PENDING ? 'true' : 'false'}
        @click=${el._loadMore}>${more === TaskStatus.PENDING ? t.loading : t.loadMore}</button>`
          : nothing
      }
    </div>
    ${more === TaskStatus.ERROR && !isAbort(el._more.error) ? renderError(el, t.moreErrorTitle, el._more.error, () => el._loadMore()) : nothing}`;
}

export function renderCard(el: EL, o: OpportunitySummary, reasons?: MatchItem['reasons']): TemplateResult {
  const t = el._t;
  // Ids stay unique when an opportunity is both a match and a result.
  const titleId = `${reasons ? 'm' : 'r'}-${o.id}`;
  return html`
    <article class="card" part="card" aria-labelledby=${titleId}>
      <p class="badges">
        <span class="badge stage-${o.stage}" part="badge">${el._label(STAGES, o.stage)}</span>
        <span class="badge" part="badge">${el._label(OPPORTUNITY_TYPES, o.type)}</span>
      </p>
      <h3 class="card-title" id=${titleId}>
        <a part="card-title" data-id=${o.id} href="#${HASH_KEY}=${o.id}" @click=${el._onCardClick}>${o.title}</a>
      </h3>
      <p class="employer">${o.employer.name}</p>
      ${reasons?.length ? html`<div class="why"><p>${t.why}</p><ul class="reasons">${reasons.map((r) => html`<li>${r.text}</li>`)}</ul></div>` : nothing}
      <ul class="meta" part="card-meta">
        <li>${el._label(CLUSTERS, o.cluster)}</li>
        <li>${el._pay(o)}</li>
        <li>${el._label(MODES, o.mode)}${o.city && o.mode !== 'virtual' ? ` · ${o.city}` : ''}</li>
        ${o.distanceKm !== null && o.mode !== 'virtual' ? html`<li>${t.fromSchool(el._distance(o.distanceKm))}</li>` : nothing}
        <li class=${o.open ? 'deadline' : 'deadline closed'}>${el._when(o)}</li>
      </ul>
    </article>`;
}

export function renderError(el: EL, title: string, error: unknown, retry: () => void): TemplateResult {
  const t = el._t;
  const e = error as ApiError | undefined;
  const problem = e?.problem;
  const fields = e?.fieldErrors ?? [];
  return html`<div class="error" part="error" role="alert">
    <p><strong>${title}</strong></p>
    <p>${!e || e.status === 0 ? t.networkError : [problem?.title ?? e.message, problem?.detail].filter(Boolean).join(' — ')}</p>
    ${fields.length ? html`<ul>${fields.map((f) => html`<li>${f.message}</li>`)}</ul>` : nothing}
    <button type="button" class="button" @click=${retry}>${t.retry}</button>
  </div>`;
}
