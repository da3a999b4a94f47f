import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { EventDetail, RsvpReceipt, RsvpView } from '../../schema/api/events.js';
import { RSVP_ROLES } from '../../schema/vocab.js';
import { googleCalendarUrl, mapUrl, placeText, webUrl } from './calendar.js';
import type { WblEventCalendar as EL } from './event-calendar.js';
import { eventWhen } from './event-when.js';
import { VIEW_MESSAGES } from './messages.js';
import type { Field } from './state.js';

import { resize } from './reservation-view.js';

export { loadError, loadReservation, renderReservation } from './reservation-view.js';

/**
 * One event as the calendar shows it once it has loaded: its facts, "add to my calendar", and
 * the RSVP form or its receipt. The calendar imports this module when the first event opens
 * (while the event itself loads), and the build writes it to a file of its own
 * (`event-calendar-event.js`), so browsing the month downloads none of it.
 *
 * This file is a separate bundle: it imports no runtime code from Lit (the calendar hands it
 * its own `html` and `nothing`, so templates stay one Lit's) nor from the calendar's state.
 */

type Lit = { html: typeof litHtml; nothing: typeof litNothing };

const FIELDS: Field[] = ['name', 'email', 'role', 'partySize', 'grade'];
const range = (from: number, to: number): [string, string][] => Array.from({ length: to - from + 1 }, (_, i) => [String(from + i), String(from + i)]);

/** The loaded event `d`, under the detail's "Back" button. */
export function renderEvent(el: EL, d: EventDetail, lit: Lit): TemplateResult {
  const { html, nothing } = lit;
  const t = el._t;
  const v = VIEW_MESSAGES[el._lang];
  const cancelled = d.status === 'cancelled';
  const ended = Date.parse(d.endsAt) < Date.now();
  const newTab = html`<span class="visually-hidden"> ${t.newTab}</span>`;
  const link = (href: string | null, text: string) => (href ? html`<a href=${href} target="_blank" rel="noopener">${text}${newTab}</a>` : text);
  const place = placeText(d.location);
  const map = mapUrl(d.location);
  const who = [d.audiences.map((a) => el._label(a, true)).join(', '), t.grades(d.gradeMin, d.gradeMax)].filter(Boolean).join(' · ');
  const fact = (term: string, value: unknown) => (value ? html`<div><dt>${term}</dt><dd>${value}</dd></div>` : nothing);
  return html`
      <p class="badges"><span class="badge" part="badge">${el._label(d.type)}</span>
        ${cancelled ? html`<span class="badge alert" part="badge">${t.cancelled}</span>` : nothing}</p>
      <h3 id="detail-title" tabindex="-1">${d.title}</h3>
      ${cancelled ? html`<p class="notice alert" part="cancelled">${t.cancelledNote}</p>` : nothing}
      <dl class="facts">
        ${fact(t.when, eventWhen(el, d, lit))}
        ${fact(
          t.where,
          html`${place ? html`${place}${map ? html` · ${link(map, t.map)}` : nothing}` : nothing}
          ${d.virtual ? html`${place ? html`<br>` : nothing}${link(webUrl(d.virtualUrl), d.virtualUrl ? t.join : t.online)}` : nothing}`,
        )}
        ${fact(t.access, d.accessibilityNotes)}
        ${fact(v.f.interpretation!, d.interpretation.map((x) => v.needs[x]).join(', '))}
        ${fact(t.who, who)}
        ${fact(t.seats, cancelled ? '' : el._seats(d))}
      </dl>
      <h4>${t.about}</h4>
      <p class="description">${d.description}</p>
      <p>${t.organizer}: ${link(webUrl(d.organizer.url), d.organizer.name)}</p>
      ${
        cancelled
          ? nothing
          : ended
            ? html`<p class="notice">${t.ended}</p>`
            : html`
        <div class="add" part="add-to-calendar">
          <h4>${t.addToCalendar}</h4>
          <p class="links">
            <a class="button secondary" href=${el._client.url(`/events/${encodeURIComponent(d.id)}/ics`, { key: el._client.siteKey })} download>${t.ics}</a>
            <a class="button secondary" target="_blank" rel="noopener"
              href=${googleCalendarUrl(d, `${d.description}\n\n${d.url}`, place || d.virtualUrl || '')}>${t.google}${newTab}</a>
          </p>
        </div>
        ${d.registrationRequired ? (el._receipt ? renderReceipt(el, el._receipt, lit) : renderForm(el, d, lit)) : nothing}`
      }`;
}

function renderForm(el: EL, d: EventDetail, lit: Lit): TemplateResult {
  const { html, nothing } = lit;
  const t = el._t;
  const v = VIEW_MESSAGES[el._lang];
  const offered = d.interpretation;
  const full = d.remaining !== null && d.remaining <= 0;
  const errors = Object.entries(el._errors);
  return html`
    <form class="rsvp" part="rsvp-form" novalidate aria-labelledby="rsvp-title" @submit=${el._submit}>
      <h4 id="rsvp-title">${full ? t.joinWaitlist : t.reserve}</h4>
      ${full ? html`<p>${t.waitlistHint}</p>` : nothing}
      ${el._restored ? html`<p class="notice" part="draft-notice">${t.restored}</p>` : nothing}
      ${
        el._summary && errors.length
          ? html`<div class="summary" part="error-summary" role="alert" tabindex="-1">
        <p><strong>${t.problem}</strong></p>
        <ul>${errors.map(([path, message]) => html`<li><a href="#r-${path}" @click=${(e: Event) => el._focusField(e, path)}>${t.f[path] ?? v.f[path] ?? path}: ${message}</a></li>`)}</ul>
      </div>`
          : nothing
      }
      ${FIELDS.map((f) => renderField(el, f, lit))}
      ${offered.length ? renderInterpretation(el, offered, lit) : nothing}
      ${renderField(el, 'consent', lit)}
      <div class="visually-hidden" aria-hidden="true"><label>Leave this empty <input name="nickname" tabindex="-1" autocomplete="off"></label></div>
      ${el._failure ? html`<p class="failure" part="failure" role="alert" tabindex="-1">${el._failure}</p>` : nothing}
      <button type="submit" class="button" part="submit-button" ?disabled=${el._sending}>
        ${el._sending ? t.sending : el._failure && el._retry ? t.retry : full ? t.joinWaitlist : t.reserve}</button>
    </form>`;
}

function renderField(el: EL, f: Field, { html, nothing }: Lit): TemplateResult {
  const t = el._t;
  const id = `r-${f}`;
  const value = el._values[f];
  const error = el._errors[f];
  const attrs = { invalid: error ? 'true' : 'false', described: error ? `${id}-error` : nothing };
  const label = html`${t.f[f]}${f === 'grade' ? html` <span class="optional">${t.optional}</span>` : nothing}`;
  const message = error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing;
  const onInput = (e: Event) => {
    const input = e.target as HTMLInputElement;
    el._input(f, input.type === 'checkbox' ? input.checked : input.value);
  };
  if (f === 'consent') {
    return html`<div class="field check${error ? ' invalid' : ''}"><label><input id=${id} type="checkbox" .checked=${value === true}
      aria-invalid=${attrs.invalid} aria-describedby=${attrs.described} @change=${onInput}><span>${label}</span></label>${message}</div>`;
  }
  const options =
    f === 'role' ? RSVP_ROLES.map((r): [string, string] => [r, t.roles[r]!]) : f === 'partySize' ? range(1, 10) : f === 'grade' ? range(6, 12) : null;
  return html`<div class="field${error ? ' invalid' : ''}"><label for=${id}>${label}</label>${message}
    ${
      options
        ? html`<select id=${id} aria-invalid=${attrs.invalid} aria-describedby=${attrs.described} @change=${onInput}>
          ${f === 'partySize' ? nothing : html`<option value="" .selected=${!value}>${t.choose}</option>`}
          ${options.map(([v, text]) => html`<option value=${v} .selected=${value === v}>${text}</option>`)}</select>`
        : html`<input id=${id} type=${f === 'email' ? 'email' : 'text'} autocomplete=${f} .value=${value as string}
          aria-invalid=${attrs.invalid} aria-describedby=${attrs.described} @input=${onInput}>`
    }
  </div>`;
}

/**
 * "Do you need interpretation?": none or one of what the event offers, as radio buttons; for
 * "another language", a text field (shown only then) for which one.
 */
function renderInterpretation(el: EL, offered: string[], { html, nothing }: Lit): TemplateResult {
  const v = VIEW_MESSAGES[el._lang];
  const chosen = el._values.interpretation;
  const error = el._errors.interpretation;
  const otherError = el._errors.interpretationOther;
  // The first radio carries the field's id, so the error summary's link lands in the group.
  return html`<fieldset class="field check${error ? ' invalid' : ''}" part="interpretation" aria-describedby=${error ? 'r-interpretation-error' : nothing}>
      <legend>${v.interpretation} <span class="optional">${el._t.optional}</span></legend>
      ${error ? html`<p class="field-error" id="r-interpretation-error">${error}</p>` : nothing}
      ${['', ...['es', 'asl', 'other'].filter((x) => offered.includes(x))].map(
        (x, i) => html`<label><input type="radio" name="interpretation" id=${i ? `r-need-${x}` : 'r-interpretation'} value=${x} .checked=${chosen === x}
          aria-invalid=${error ? 'true' : 'false'} @change=${() => el._input('interpretation', x)}><span>${v.needs[x]}</span></label>`,
      )}
      ${
        chosen === 'other'
          ? html`<div class="field${otherError ? ' invalid' : ''}"><label for="r-interpretationOther">${v.other}</label>
        ${otherError ? html`<p class="field-error" id="r-interpretationOther-error">${otherError}</p>` : nothing}
        <input id="r-interpretationOther" type="text" maxlength="120" .value=${el._values.interpretationOther} aria-invalid=${otherError ? 'true' : 'false'}
          aria-describedby=${otherError ? 'r-interpretationOther-error' : nothing} @input=${(e: Event) => el._input('interpretationOther', (e.target as HTMLInputElement).value)}></div>`
          : nothing
      }
    </fieldset>`;
}

function renderReceipt(el: EL, r: RsvpReceipt, { html, nothing }: Lit): TemplateResult {
  const t = el._t;
  const v = VIEW_MESSAGES[el._lang];
  if (el._cancelled) {
    return html`<div class="receipt" part="receipt"><h4 tabindex="-1">${t.rsvpCancelled}</h4></div>`;
  }
  const confirmed = r.status === 'confirmed';
  if (!confirmed) recheck(el, r);
  return html`<div class="receipt ${r.status}" part="receipt">
    <h4 tabindex="-1">${confirmed ? t.confirmed : t.waitlisted(r.waitlistPosition)}</h4>
    ${
      confirmed
        ? nothing
        : r.seatsLeft
          ? html`<p><button type="button" class="button" part="take-button" ?disabled=${el._sending} @click=${() => void take(el, r)}>${v.take(r.seatsLeft)}</button></p>`
          : html`<p>${t.waitlistHint}</p>`
    }
    ${el._copyField('code', t.token, r.manageCode ?? r.cancelToken)}
    <p class="hint">${t.tokenHint}</p>
    ${el._failure ? html`<p class="failure" part="failure" role="alert" tabindex="-1">${el._failure}</p>` : nothing}
    <button type="button" class="button secondary" part="cancel-button" ?disabled=${el._sending} @click=${el._cancel}>${t.cancelRsvp}</button>
  </div>`;
}

/**
 * "Take N seats now": a waitlisted party asks for the seats that are free, and is confirmed when
 * they still are; the receipt kept in this browser says so.
 */
function take(el: EL, r: RsvpReceipt): Promise<void> {
  return resize(el, r.cancelToken, r.seatsLeft!, (now) => {
    el._receipt = { ...r, status: now.status as RsvpReceipt['status'], waitlistPosition: now.waitlistPosition, seatsLeft: null };
    el._store({ receipt: el._receipt });
    el._focusSelector = '[part~="receipt"] h4';
  });
}

/** Waitlisted receipts already asked about on this page. */
const asked = new WeakSet<RsvpReceipt>();

/**
 * A waitlisted receipt kept in this browser is asked about once per page, when it is shown: the
 * family may have been promoted (or cancelled from the email's link) since, and the receipt says so.
 */
function recheck(el: EL, r: RsvpReceipt): void {
  if (asked.has(r)) return;
  asked.add(r);
  el._client.get<RsvpView>(`/rsvps/${encodeURIComponent(r.cancelToken)}`).then(
    (now) => {
      if (el._receipt !== r) return;
      if (now.status === 'cancelled') el._cancelled = true;
      // A cancelled one shows as cancelled (`_cancelled`), whatever its status.
      const receipt = { ...r, status: now.status as RsvpReceipt['status'], waitlistPosition: now.waitlistPosition };
      asked.add(receipt);
      el._receipt = receipt;
      el._store(now.status === 'cancelled' ? null : { receipt });
    },
    () => undefined,
  );
}
