import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { WblEventCalendar as EL } from './event-calendar.js';
import { eventWhen } from './event-when.js';
import { VIEW_MESSAGES } from './messages.js';
import type { Lang } from '../base/localize.js';
import type { CalendarState, Draft, Reservation } from './state.js';

/**
 * "Your reservation": what the confirmation email's link (`#rsvp=<token>`) or its typed code
 * opens, on any device — the event, its date, the seats, the status (and place in line) and the
 * interpretation asked for — with "Change the number of seats", "Take N seats now" for a
 * waitlisted party when fewer are free, and "Cancel my reservation" with its confirmation. Part
 * of the event view's bundle (loaded with the reservation), so it imports no runtime code from
 * Lit or the calendar's state.
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
  el._errors = {};
  let r: Reservation | null = null;
  // `?`: "Have a reservation code?" was chosen, and there is no code yet to look up.
  if (token !== '?') {
    try {
      r = await el._client.get<Reservation>(`/rsvps/${encodeURIComponent(token)}`, undefined, signal);
    } catch (e) {
      const x = el._fail(e);
      // Too many wrong codes: the code form says so, and keeps what was typed.
      if (x.status === 429) el._failure = el._problemText(x);
      else if (x.status !== 404 && x.status !== 410) throw x;
    }
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
  if (!r) return renderCodeForm(el, lit);
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
      ${fact(v.status, status === 'waitlisted' && r.waitlistPosition ? el._t.waitlisted(r.waitlistPosition) : v.statuses[status])}
      ${fact(v.f.interpretation!, need)}
    </dl>
    ${status === 'cancelled' ? nothing : renderSeats(el, r, lit)}
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

/** "Have a reservation code?" (or, for a link or code the API does not know, the words for it), with the code's field. */
function renderCodeForm(el: EL, { html, nothing }: Lit): TemplateResult {
  const v = VIEW_MESSAGES[el._lang];
  const token = el._rsvpToken;
  const asking = token === '?';
  return html`<div class="receipt missing" part="reservation">
    <h3 id="manage-title" tabindex="-1">${asking ? el._t.haveCode : v.notFound}</h3>
    ${asking ? nothing : html`<p>${v.notFoundHint}</p>`}
    <form class="rsvp" part="code-form" novalidate @submit=${(e: Event) => {
      e.preventDefault();
      // The API tells a code it does not know (or a mistyped one) with the words above.
      el._rsvpToken = el.renderRoot.querySelector<HTMLInputElement>('#m-code')!.value.trim().toUpperCase() || token;
    }}>
      <div class="field"><label for="m-code">${v.codeLabel}</label>
        <input id="m-code" autocomplete="off" spellcheck="false" .value=${token.length < 10 && !asking ? token : ''}></div>
      ${el._failure ? html`<p class="failure" part="failure" role="alert">${el._failure}</p>` : nothing}
      <button type="submit" class="button" part="submit-button">${v.find}</button>
    </form>
  </div>`;
}

/**
 * "Change the number of seats". For a waitlisted party when some (but not enough) seats are
 * free, the field offers that many, and says so. The server decides whether the seats are free;
 * its field error is shown under the field.
 */
function renderSeats(el: EL, r: Reservation, { html, nothing }: Lit): TemplateResult {
  const v = VIEW_MESSAGES[el._lang];
  const left = r.event.remaining ?? 0;
  const fewer = r.status === 'waitlisted' && left > 0 && left < r.partySize;
  const error = el._errors.partySize;
  const described = [error && 'm-seats-error', fewer && 'm-seats-hint'].filter(Boolean).join(' ');
  return html`<form class="rsvp" part="seats-form" novalidate @submit=${(e: Event) => {
    e.preventDefault();
    void resize(el, el._rsvpToken, Number(el.renderRoot.querySelector<HTMLInputElement>('#m-seats')!.value), (now) => {
      Object.assign(r, now);
      el._copied = `seats:${v.saved}`;
      el._focusSelector = '#m-seats-status';
    });
  }}><div class="field${error ? ' invalid' : ''}"><label for="m-seats">${el._t.f.partySize}</label>
${fewer ? html`<p class="hint" id="m-seats-hint">${v.take(left)}</p>` : nothing}
${error ? html`<p class="field-error" id="m-seats-error">${error}</p>` : nothing}
<div class="copy-row"><input id="m-seats" type="number" inputmode="numeric" min="1" max="10" .value=${String(fewer ? left : r.partySize)}
aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing}>
<button type="submit" class="button secondary" part="seats-button" ?disabled=${el._sending}>${v.seats}</button></div></div>
<p class="hint" id="m-seats-status" role="status" tabindex="-1">${el._copied.startsWith('seats:') ? el._copied.slice(6) : ''}</p></form>`;
}

/** Asks for `n` seats for the reservation `token` names; `done` takes the reservation as it now stands (confirmed once it fits). */
export const resize = (el: EL, token: string, n: number, done: (now: Reservation) => void) =>
  // A field left empty or not a number goes as null, so the server's field error names it.
  send(el, token, { method: 'PATCH', body: JSON.stringify({ partySize: n || null }), headers: { 'Content-Type': 'application/json' } }, done);

/**
 * Sends a change to the reservation `token` names and hands the answer to `done`. A field error
 * from the server (the API words it in the widget's language) goes under the seats field in the
 * reservation view, any other failure (or one from the receipt) into the failure message.
 */
async function send(el: EL, token: string, init: RequestInit, done: (answer: Reservation) => void): Promise<void> {
  if (el._sending) return;
  el._sending = true;
  el._failure = null;
  el._copied = '';
  try {
    done(await el._client.request<Reservation>(`/rsvps/${encodeURIComponent(token)}`, init));
    el._errors = {};
    // Seats changed: the calendar behind shows the new count.
    void el._list.run();
  } catch (err) {
    const x = el._fail(err);
    const message = x.fieldErrors[0]?.message;
    if (message && el._rsvpToken) {
      el._errors = { partySize: message };
      el._focusSelector = '#m-seats';
    } else {
      el._failure = message || el._problemText(x);
      el._focusSelector = '[part~="failure"]';
    }
  } finally {
    el._sending = false;
  }
}

/** Opens (focus on the question) or closes (focus back on "Cancel my reservation") the confirmation. */
function ask(el: EL, open: boolean): void {
  el._confirming = open;
  el._failure = null;
  el._focusSelector = open ? '#manage-ask' : '[part~="cancel-button"]';
}

function cancel(el: EL, r: Reservation): Promise<void> {
  const token = el._rsvpToken;
  return send(el, token, { method: 'DELETE' }, () => {
    el._cancelled = true;
    el._confirming = false;
    el._focusSelector = '#manage-title';
    forget(el, r, token);
  });
}

/** This browser's own receipt of the same reservation, if it made it, goes too: the event's form opens fresh. */
function forget(el: EL, r: Reservation, token: string): void {
  const key = `wbl-rsvp:${el.siteKey}:${r.event.id}`;
  try {
    const receipt = (JSON.parse(localStorage.getItem(key) ?? '{}') as Draft).receipt;
    if (receipt && (receipt.cancelToken === token || receipt.manageCode === token)) localStorage.removeItem(key);
  } catch {
    /* storage blocked or a broken draft: nothing to forget */
  }
}
