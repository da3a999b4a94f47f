import type { RsvpReceipt } from '../../schema/api/events.js';

/**
 * Fired by `<wbl-event-calendar>` when the API has taken an RSVP: `receipt.status` is
 * `confirmed`, or `waitlisted` with `waitlistPosition`.
 */
export class WblRsvpSuccessEvent extends Event {
  static readonly eventName = 'wbl-rsvp-success';
  readonly detail: { eventId: string; receipt: RsvpReceipt };
  constructor(eventId: string, receipt: RsvpReceipt) {
    super(WblRsvpSuccessEvent.eventName, { bubbles: true, composed: true });
    this.detail = { eventId, receipt };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-rsvp-success': WblRsvpSuccessEvent;
  }
}
