/**
 * Calendar arithmetic and zone-aware formatting for `<wbl-event-calendar>`, with `Intl` and
 * no date library. Calendar dates are ISO strings (`2027-03-14`) and months `2027-03`; date
 * arithmetic runs in UTC, where every day has 24 hours, and only instants meet a time zone.
 */
import type { EventLocation, EventSummary } from '../../schema/api/events.js';
import { cached, intlLocale, type Lang } from '../base/localize.js';

const DAY_MS = 864e5;

/** The date `n` days after `date`. */
export const addDays = (date: string, n: number): string => new Date(Date.parse(date) + n * DAY_MS).toISOString().slice(0, 10);

/** Day of the week, 0 = Sunday. */
export const weekday = (date: string): number => new Date(date).getUTCDay();

/** The same day `n` months later, clamped to the month's length (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + n, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
}

/**
 * The first day of the week for a language tag, 0 = Sunday: `Intl.Locale` week info where the
 * engine has it (`en`, `en-US`, `es-US` → Sunday; `es`, `en-GB` → Monday).
 */
export function firstDayOfWeek(tag: string): number {
  try {
    const locale = new Intl.Locale(tag) as Intl.Locale & { getWeekInfo?(): { firstDay: number }; weekInfo?: { firstDay: number } };
    const info = locale.getWeekInfo?.() ?? locale.weekInfo;
    if (info) return info.firstDay % 7;
  } catch {
    /* an invalid tag: fall through */
  }
  return /^en$|-US$/i.test(tag) ? 0 : 1;
}

/** A month's grid: whole weeks of dates from the week containing the 1st to the one containing the last day. */
export function monthWeeks(month: string, firstDay: number): string[][] {
  let day = addDays(`${month}-01`, -((weekday(`${month}-01`) - firstDay + 7) % 7));
  const weeks: string[][] = [];
  do {
    const week: string[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) week.push(day);
    weeks.push(week);
  } while (day.slice(0, 7) === month);
  return weeks;
}

/** The viewer's IANA zone. */
export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A cached `Intl.DateTimeFormat` for a language and zone. */
export const dateFormat = (lang: Lang, zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached(`z|${lang}|${zone}|${JSON.stringify(opts)}`, () => new Intl.DateTimeFormat(intlLocale(lang), { ...opts, timeZone: zone }));

/** The calendar date of an instant in a zone. */
export function dateIn(instant: string | number, zone: string): string {
  const parts = dateFormat('en', zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `zone` when it is a zone `Intl` knows, else the viewer's. */
export function validZone(zone: string | undefined): string {
  try {
    if (zone) return dateIn(0, zone) && zone;
  } catch {
    /* RangeError: unknown zone */
  }
  return viewerZone();
}

/**
 * The dates an event covers in `zone`. All-day events keep their own calendar dates, whatever
 * the zone; timed events run from their start's date to the date of their last minute.
 */
export function eventDays(e: EventSummary, zone: string): string[] {
  const start = e.allDay && e.startDate ? e.startDate : dateIn(e.startsAt, zone);
  const end = e.allDay && e.endDate ? e.endDate : dateIn(Math.max(Date.parse(e.startsAt), Date.parse(e.endsAt) - 1), zone);
  const days: string[] = [];
  for (let d = start; d <= end && days.length < 62; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * Start to end of an instant range in a zone ("Saturday, March 14, 2027, 10:00 AM – 12:00 PM CDT").
 * Across a DST change `Intl` would name one zone for both ends, or print the repeated hour as
 * "1:30 AM" alone, so then each end is shown with its own zone: "1:00 AM CST – 4:00 AM CDT".
 */
export function formatRange(start: string, end: string, lang: Lang, zone: string, opts: Intl.DateTimeFormatOptions): string {
  const a = new Date(start);
  const b = new Date(Math.max(a.getTime(), Date.parse(end)));
  const named = dateFormat(lang, zone, { ...opts, timeZoneName: opts.timeZoneName ?? 'short' });
  const name = (d: Date) => named.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value;
  if (name(a) === name(b)) return dateFormat(lang, zone, opts).formatRange(a, b);
  const sameDay = dateIn(start, zone) === dateIn(b.getTime(), zone);
  return `${named.format(a)} – ${(sameDay ? dateFormat(lang, zone, { ...TIME, timeZoneName: opts.timeZoneName ?? 'short' }) : named).format(b)}`;
}

/** Hours and minutes. */
export const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

const stamp = (instant: string) => new Date(instant).toISOString().replace(/[-:]|\.\d{3}/g, '');

/** An "add to Google Calendar" link: UTC times, or all-day dates with the end exclusive. */
export function googleCalendarUrl(e: EventSummary, details: string, location: string): string {
  const dates =
    e.allDay && e.startDate && e.endDate
      ? `${e.startDate.replace(/-/g, '')}/${addDays(e.endDate, 1).replace(/-/g, '')}`
      : `${stamp(e.startsAt)}/${stamp(e.endsAt)}`;
  const q = new URLSearchParams({ action: 'TEMPLATE', text: e.title, dates, details: details.slice(0, 1500), location });
  return `https://calendar.google.com/calendar/render?${q}`;
}

/** A place in one line ("Riverside High School, 4020 Arlington Avenue, Riverside, CA, 92506"). */
export const placeText = (l: EventLocation | null): string => (l ? [l.name, l.address, l.city, l.state, l.postalCode].filter(Boolean).join(', ') : '');

/** A map of the place: its coordinates on OpenStreetMap, else a search for its address. */
export function mapUrl(l: EventLocation | null): string | null {
  if (l?.lat != null && l.lng != null) return `https://www.openstreetmap.org/?mlat=${l.lat}&mlon=${l.lng}#map=17/${l.lat}/${l.lng}`;
  const address = l && [l.address, l.city, l.state, l.postalCode].filter(Boolean).join(', ');
  return address ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}` : null;
}

/** Only web links go into an `href`: the API's data must never become a `javascript:` URL. */
export const webUrl = (url: string | null | undefined): string | null => (url && /^https?:\/\//i.test(url) ? url : null);
