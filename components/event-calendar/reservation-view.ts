import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { WblEventCalendar as EL } from './event-calendar.js';
import { eventWhen } from './event-when.js';
import { VIEW_MESSAGES } from './messages.js';
import type { Lang } from '../base/localize.js';
import type { CalendarState, Draft, Reservation } from './state.js';

/**
 * "Your reservation": what the confirmation email's link (`#rsvp=<token>`) opens, on any
 * device — the event, its date, the seats, the status and the interpretation asked for — with
 * "Cancel my reservation" and its confirmation. Part of the event view's bundle (loaded with
 * the reservation), so it imports no runtime code from Lit or the calendar's state.
 */

type Lit = { html: typeof litHtml; nothing: typeof litNothing };

/**
 * Fetches the reservation `token` names, fresh: no confirmation pending, no cancellation yet.
 * Null when the API knows no such token (unknown, or expired): the view says so in words;
 * any other failure is the calendar's error with "Try again".
 */
export async function loadReservation(el: CalendarState, token: string, signal: AbortSignal): Promise<Reservation | null> {
  el._cancelled = el._confirming = false;
  el._failure = null;
  let r: Reservation | null = null;
  try {
    r = await el._client.get<Reservation>(`/rsvps/${token}`, undefined, signal);
  } catch (e) {
    const x = el._fail(e);
    if (x.status !== 404 && x.status !== 410) throw x;
  }
  el._focusSelector = '#manage-title';
  return r;
}

/** The heading of the error when a reservation could not be loaded ("Try again" follows). */
export const loadError = (lang: Lang): string => VIEW_MESSAGES[lang].loadError;

/** The reservation `r`, or (null) the words for a link the API does not know. */
export function renderReservation(el: EL, r: Reservation | null, lit: Lit): TemplateResult {
  const { html, nothing } = lit;
  const t = el._t;
  const v = VIEW_MESSAGES[el._lang];
  if (!r) {
    return html`<div class="receipt missing" part="reservation">
      <h3 id="manage-title" tabindex="-1">${v.notFound}</h3>
      <p>${v.notFoundHint}</p>
    </div>`;
  }
  const status = el._cancelled ? 'cancelled' : r.status;
  const need = r.interpretation === 'other' ? r.interpretationOther || v.needs.other : r.interpretation ? v.needs[r.interpretation] : v.none;
  const fact = (term: string, value: unknown) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
  return html`<div class="receipt ${status}" part="reservation">
    <h3 id="manage-title" tabindex="-1">${status === 'cancelled' ? v.cancelled : v.manage}</h3>
    ${status === 'cancelled' ? html`<p>${v.cancelledHint}</p>` : nothing}
    <dl class="facts">
      ${fact(v.event, r.event.title)}
      ${fact(t.when, eventWhen(el, r.event, lit))}
      ${fact(v.name, r.name)}
      ${fact(v.party, r.partySize)}
      ${fact(v.status, v.statuses[status])}
      ${fact(v.f.interpretation!, need)}
    </dl>
    ${el._failure ? html`<p class="failure" part="failure" role="alert" tabindex="-1">${el._failure}</p>` : nothing}
    ${
      status === 'cancelled'
        ? nothing
        : el._confirming
          ? html`<div class="confirm">
        <p id="manage-ask" tabindex="-1"><strong>${v.ask(r.event.title)}</strong></p>
        <p class="links">
          <button type="button" class="button" part="confirm-button" ?disabled=${el._sending} @click=${() => void cancel(el, r)}>${v.yes}</button>
          <button type="button" class="button secondary" part="keep-button" @click=${() => ask(el, false)}>${v.keep}</button>
        </p>
      </div>`
          : html`<button type="button" class="button secondary" part="cancel-button" @click=${() => ask(el, true)}>${v.cancel}</button>`
    }
  </div>`;
}

/** Opens (focus on the question) or closes (focus back on "Cancel my reservation") the confirmation. */
function ask(el: EL, open: boolean): void {
  el._confirming = open;
  el._failure = null;
  el._focusSelector = open ? '#manage-ask' : '[part~="cancel-button"]';
}

async function cancel(el: EL, r: Reservation): Promise<void> {
  if (el._sending) return;
  const token = el._rsvpToken;
  el._sending = true;
  el._failure = null;
  try {
    await el._client.request(`/rsvps/${token}`, { method: 'DELETE' });
    el._cancelled = true;
    el._confirming = false;
    el._focusSelector = '#manage-title';
    forget(el, r, token);
    // Seats changed: the calendar behind shows the new count.
    void el._list.run();
  } catch (err) {
    el._failure = el._problemText(el._fail(err));
    el._focusSelector = '[part~="failure"]';
  } finally {
    el._sending = false;
  }
}

/** This browser's own receipt of the same reservation, if it made it, goes too: the event's form opens fresh. */
function forget(el: EL, r: Reservation, token: string): void {
  const key = `wbl-rsvp:${el.siteKey}:${r.event.id}`;
  try {
    if ((JSON.parse(localStorage.getItem(key) ?? '{}') as Draft).receipt?.cancelToken === token) localStorage.removeItem(key);
  } catch {
    /* storage blocked or a broken draft: nothing to forget */
  }
}
