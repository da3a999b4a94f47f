import type { Problem } from '../../schema/api/problem.js';

/**
 * Fired by `<wbl-event-calendar>` when a request to the API fails (the calendar shows the
 * error itself; this lets a host page log it). `status` is 0 when the network failed.
 */
export class WblEventCalendarErrorEvent extends Event {
  static readonly eventName = 'wbl-event-calendar-error';
  readonly detail: { status: number; problem: Problem | null };
  constructor(status: number, problem: Problem | null) {
    super(WblEventCalendarErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = { status, problem };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-event-calendar-error': WblEventCalendarErrorEvent;
  }
}
