/**
 * Fired by `<wbl-coordinator-console>` when the session ends: `reason` is `signout` when the
 * person signed out, `expired` when the API answered 401 (the console shows sign-in again and
 * returns to the same section afterwards).
 */
export class WblConsoleSignoutEvent extends Event {
  static readonly eventName = 'wbl-console-signout';
  readonly detail: { reason: 'signout' | 'expired' };
  constructor(reason: 'signout' | 'expired') {
    super(WblConsoleSignoutEvent.eventName, { bubbles: true, composed: true });
    this.detail = { reason };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-console-signout': WblConsoleSignoutEvent;
  }
}
