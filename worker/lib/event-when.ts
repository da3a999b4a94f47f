/**
 * An event's "when" as a coordinator types it (local dates and times in the event's zone) and
 * as the events table keeps it (UTC instants plus the zone), both ways. The wall-clock
 * arithmetic is ./zones.ts, shared with the public events API and the iCalendar feed, so the
 * console and the calendars read the same instants. Pure: unit-tested in test/worker/admin-events.test.ts.
 */
import { addDays, localDate, startOfDay, wallClock, zonedInstant } from './zones.js';

export interface LocalWhen {
  allDay: boolean;
  timeZone: string;
  startDate: string;
  /** `HH:MM`; null (or absent) for all-day events. */
  startTime?: string | null;
  /** For all-day events, the last day (inclusive). */
  endDate: string;
  endTime?: string | null;
}

export interface Instants {
  startsAt: number;
  endsAt: number;
}

/**
 * The instants a local "when" names. All-day events run from midnight of the first day to
 * midnight after the last, in the event's zone, so a day that loses an hour to daylight saving
 * is 23 hours long. A time skipped by a spring-forward gap moves past the gap; a time that
 * happens twice in the autumn is the first of the two.
 */
export function toInstants(w: LocalWhen): Instants {
  if (w.allDay) {
    return { startsAt: startOfDay(w.startDate, w.timeZone), endsAt: startOfDay(addDays(w.endDate, 1), w.timeZone) };
  }
  return {
    startsAt: zonedInstant(w.startDate, w.startTime ?? '00:00', w.timeZone),
    endsAt: zonedInstant(w.endDate, w.endTime ?? '00:00', w.timeZone),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local "when" of stored instants, as the console's form shows it. */
export function toLocalWhen(startsAt: number, endsAt: number, timeZone: string, allDay: boolean): Required<LocalWhen> {
  if (allDay) {
    // The last day is the one before the closing midnight.
    return {
      allDay,
      timeZone,
      startDate: localDate(startsAt, timeZone),
      startTime: null,
      endDate: localDate(Math.max(startsAt, endsAt - 1), timeZone),
      endTime: null,
    };
  }
  const s = wallClock(startsAt, timeZone);
  const e = wallClock(endsAt, timeZone);
  return {
    allDay,
    timeZone,
    startDate: localDate(startsAt, timeZone),
    startTime: `${pad(s.hour)}:${pad(s.minute)}`,
    endDate: localDate(endsAt, timeZone),
    endTime: `${pad(e.hour)}:${pad(e.minute)}`,
  };
}
