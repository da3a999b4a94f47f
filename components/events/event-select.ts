import type { EventDetail } from '../../schema/api/events.js';

/** Fired by `<wbl-event-calendar>` when an event's detail opens. */
export class WblEventSelectEvent extends Event {
  static readonly eventName = 'wbl-event-select';
  readonly detail: { eventId: string; event: EventDetail };
  constructor(event: EventDetail) {
    super(WblEventSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = { eventId: event.id, event };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-event-select': WblEventSelectEvent;
  }
}
