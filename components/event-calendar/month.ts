import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { EventSummary } from '../../schema/api/events.js';
import { CLUSTERS, EVENT_AUDIENCE_LABELS, EVENT_TYPES, labelOf, type Term } from '../../schema/vocab.js';
import type { ApiError } from '../base/api.js';
import { plural } from '../base/localize.js';
import { dateFormat, formatRange, TIME } from './calendar.js';
import type { WblEventCalendar as EL } from './event-calendar.js';

/** The calendar itself: filters, the month's heading, the grid or the list, the feed to subscribe to, and the frame of an event's detail. */

type Filter = 'audience' | 'cluster' | 'type';
/** A day cell shows this many events; a fuller day shows one fewer and "+N more". */
const PER_DAY = 3;

export function renderFilters(el: EL): TemplateResult {
  const t = el._t;
  const select = (name: Filter, label: string, terms: readonly Term[]) => html`
    <div class="field">
      <label for="f-${name}">${label}</label>
      <select id="f-${name}" @change=${(e: Event) => {
        el[name] = (e.target as HTMLSelectElement).value;
      }}>
        <option value="">${t.all}</option>
        ${terms.map((term) => html`<option value=${term.code} .selected=${el[name] === term.code}>${term.label[el._lang]}</option>`)}
      </select>
    </div>`;
  return html`
    <form class="filters" part="filter-bar" role="search" aria-label=${t.filters} @submit=${el._onSearchSubmit}>
      <div class="field">
        <label for="f-q">${t.search}</label>
        <input id="f-q" part="search" type="search" maxlength="200" autocomplete="off" enterkeyhint="search" @input=${el._onSearchInput}>
      </div>
      ${select('audience', t.who, EVENT_AUDIENCE_LABELS)}
      ${select('cluster', t.cluster, CLUSTERS)}
      ${select('type', t.type, EVENT_TYPES)}
    </form>`;
}

export function renderNav(el: EL): TemplateResult {
  const t = el._t;
  const view = el._view;
  return html`
    <div class="nav" part="nav">
      <div class="months">
        <button type="button" class="button secondary" part="prev-button" aria-label=${t.prev} @click=${() => el._shift(-1)}><span aria-hidden="true">‹</span></button>
        <h3 id="title" part="title" tabindex="-1">${el._monthLabel}</h3>
        <button type="button" class="button secondary" part="next-button" aria-label=${t.next} @click=${() => el._shift(1)}><span aria-hidden="true">›</span></button>
        <button type="button" class="button link" @click=${() => el._moveTo(el._today)}>${t.today}</button>
      </div>
      <div class="views" part="view-switch" role="group" aria-label=${t.view}>
        ${(['month', 'agenda'] as const).map(
          (v) => html`<button type="button" class="button secondary" aria-pressed=${v === view ? 'true' : 'false'}
          @click=${() => {
            el.view = v;
          }}>${t[v]}</button>`,
        )}
      </div>
    </div>`;
}

export function renderBody(el: EL): TemplateResult {
  const t = el._t;
  const status = el._list.status;
  if (status === TaskStatus.ERROR) return renderError(el, el._list.error, () => void el._list.run());
  const byDay = el._byDay();
  if (el._view === 'month') return html`${renderGrid(el, byDay)}${el._day ? renderDay(el, el._day, byDay.get(el._day) ?? []) : nothing}`;
  const days = el._visibleDays().filter((d) => byDay.has(d));
  if (status < TaskStatus.COMPLETE && !days.length) return html``;
  if (!days.length) {
    return html`<div class="empty" part="empty"><p>${t.empty}</p>
      ${
        el.audience || el.cluster || el.type || el._query
          ? html`<button type="button" class="button secondary" @click=${el._clearFilters}>${t.clear}</button>`
          : nothing
      }</div>`;
  }
  return html`<div class="agenda" part="agenda" aria-busy=${status < TaskStatus.COMPLETE ? 'true' : 'false'}>
    ${days.map(
      (d) => html`<section aria-labelledby="a-${d}">
      <h4 id="a-${d}" class="date">${el._dayLabel(d)}</h4>
      <ul class="items">${byDay.get(d)!.map((e) => renderItem(el, e))}</ul>
    </section>`,
    )}</div>`;
}

export function renderGrid(el: EL, byDay: Map<string, EventSummary[]>): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  const today = el._today;
  const focus = el._focusDate;
  const names = dateFormat(lang, 'UTC', { weekday: 'short' });
  return html`
    <div class="grid" part="grid" role="grid" aria-labelledby="title" aria-busy=${el._list.status === TaskStatus.PENDING ? 'true' : 'false'}
      @keydown=${el._onGridKeydown} @focusin=${el._onGridFocus}>
      <div class="row" role="row">${el._weeks[0]!.map((d) => html`<div class="weekday" role="columnheader">${names.format(new Date(d))}</div>`)}</div>
      ${el._weeks.map(
        (week) =>
          html`<div class="row" role="row">${week.map((d) => {
            if (!d.startsWith(el._month)) return html`<div class="day out" role="gridcell"></div>`;
            const events = byDay.get(d) ?? [];
            const shown = events.length > PER_DAY ? events.slice(0, PER_DAY - 1) : events;
            return html`<div class="day" part="day-cell${d === today ? ' today' : ''}" role="gridcell" data-date=${d} tabindex=${d === focus ? 0 : -1}
            aria-current=${d === today ? 'date' : nothing} @click=${() => el._openDay(d)}>
          <span class="number" aria-hidden="true">${Number(d.slice(8))}</span>
          <span class="visually-hidden">${el._dayLabel(d)}${events.length ? `, ${plural(events.length, lang, t.count)}` : ''}</span>
          ${events.length ? html`<span class="dots" aria-hidden="true">${'•'.repeat(Math.min(events.length, PER_DAY))}</span>` : nothing}
          ${shown.map(
            (e) => html`<button type="button" class="chip ${e.status}" part="event-chip" tabindex="-1" @click=${(ev: Event) => el._onOpen(ev, e.id)}>
            ${e.status === 'cancelled' ? html`<span class="tag">${t.cancelled}:</span>` : nothing}
            ${e.allDay ? nothing : html`<span class="time">${dateFormat(lang, el._zone, TIME).format(new Date(e.startsAt))}</span>`}
            ${e.title}</button>`,
          )}
          ${
            shown.length < events.length
              ? html`<button type="button" class="more" part="more" tabindex="-1"
            @click=${(ev: Event) => {
              ev.stopPropagation();
              el._openDay(d);
            }}>${plural(events.length - shown.length, lang, t.more)}</button>`
              : nothing
          }
        </div>`;
          })}</div>`,
      )}
    </div>`;
}

export function renderDay(el: EL, day: string, events: EventSummary[]): TemplateResult {
  return html`<section class="day-panel" part="day-panel" aria-labelledby="day-title">
    <h4 id="day-title" tabindex="-1">${el._dayLabel(day)}</h4>
    ${events.length ? html`<ul class="items">${events.map((e) => renderItem(el, e))}</ul>` : html`<p>${el._t.noEvents}</p>`}
  </section>`;
}

export function renderItem(el: EL, e: EventSummary): TemplateResult {
  const t = el._t;
  const where = e.location?.name ?? e.location?.city ?? (e.virtual ? t.online : '');
  return html`<li class="item ${e.status}" part="event">
    <p class="when">${e.allDay ? t.allDay : formatRange(e.startsAt, e.endsAt, el._lang, el._zone, TIME)}</p>
    <p class="name"><button type="button" class="button link" part="event-title" @click=${(ev: Event) => el._onOpen(ev, e.id)}>${e.title}</button></p>
    <p class="meta">${labelOf(EVENT_TYPES, e.type, el._lang)}${where ? ` · ${where}` : ''}</p>
    <p class="seats">${el._seats(e)}</p>
  </li>`;
}

export function renderSubscribe(el: EL): TemplateResult {
  const t = el._t;
  const feed = el._client
    .url('/events.ics', { key: el._client.siteKey, audience: el.audience, cluster: el.cluster, type: el.type })
    .replace(/^https?:/, 'webcal:');
  return html`<section class="subscribe" part="subscribe" aria-labelledby="subscribe-title">
    <h4 id="subscribe-title">${t.subscribe}</h4>
    <p>${t.subscribeHint}</p>
    <p><a class="button secondary" href=${feed}>${t.subscribeLink}</a></p>
    ${renderCopy(el, 'feed', t.feed, feed)}
    <p><button type="button" class="button link" part="code-button" @click=${el._askCode}>${t.haveCode}</button></p>
  </section>`;
}

export function renderCopy(el: EL, id: string, label: string, value: string): TemplateResult {
  return html`<div class="copy">
    <label for=${id}>${label}</label>
    <div class="copy-row">
      <input id=${id} readonly .value=${value} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}>
      <button type="button" class="button secondary" @click=${() => el._copy(id)}>${el._t.copy}</button>
    </div>
    <p class="hint" role="status">${el._copied.startsWith(`${id}:`) ? el._copied.slice(id.length + 1) : ''}</p>
  </div>`;
}

export function renderError(el: EL, error: unknown, retry: () => void, title = el._t.loadError): TemplateResult {
  const t = el._t;
  return html`<div class="error" part="error" role="alert">
    <p><strong>${title}</strong></p>
    <p>${error ? el._problemText(error as ApiError) : t.networkError}</p>
    <button type="button" class="button" @click=${retry}>${t.retry}</button>
  </div>`;
}

/**
 * The open event, or the reservation the address names: "Back", and the event (or reservation)
 * once it and its module have loaded (else "Loading…" or the error).
 */
export function renderDetail(el: EL): TemplateResult {
  const t = el._t;
  const manage = Boolean(el._rsvpToken);
  const task = manage ? el._manage : el._detail;
  const d = task.status === TaskStatus.COMPLETE ? task.value : undefined;
  const view = el._eventModule;
  const heading = manage ? 'manage-title' : 'detail-title';
  return html`<section class="detail" part="detail" aria-labelledby=${d !== undefined && view ? heading : nothing}>
    <button type="button" class="button link back" part="back-button" @click=${el._closeDetail}><span aria-hidden="true">←</span> ${t.back}</button>
    ${
      d !== undefined && view
        ? manage
          ? view.renderReservation(el, el._manage.value ?? null, { html, nothing })
          : view.renderEvent(el, el._detail.value!, { html, nothing })
        : task.status === TaskStatus.ERROR
          ? renderError(el, task.error, () => void task.run(), manage ? view?.loadError(el._lang) : undefined)
          : html`<p role="status">${t.loading}</p>`
    }</section>`;
}
