import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { EventSummary } from '../../schema/api/events.js';
import { formatDate } from '../base/localize.js';
import { formatRange, TIME, validZone } from './calendar.js';
import type { WblEventCalendar as EL } from './event-calendar.js';

/** Part of the event view's bundle: an event's dates and times as its detail and a reservation show them. */

type Lit = { html: typeof litHtml; nothing: typeof litNothing };

const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' };
const FULL: Intl.DateTimeFormatOptions = { ...DAY, ...TIME, timeZoneName: 'short' };

/** When, in the calendar's zone with its name, and under it in the event's own zone when that differs; all-day events by their own dates. */
export function eventWhen(el: EL, d: EventSummary, { html, nothing }: Lit): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  const when = d.allDay
    ? `${[...new Set([d.startDate!, d.endDate!])].map((x) => formatDate(x, lang, DAY)).join(' – ')} · ${t.allDay}`
    : formatRange(d.startsAt, d.endsAt, lang, el._zone, FULL);
  const own = validZone(d.timeZone);
  const there = !d.allDay && own !== el._zone ? t.eventZone(formatRange(d.startsAt, d.endsAt, lang, own, FULL)) : '';
  return html`${when}${there ? html`<br><span class="muted">${there}</span>` : nothing}`;
}
