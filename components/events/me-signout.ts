/** Fired by `<wbl-my-wbl>` when the session ends: the person signed out, or it expired (a 401). */
export class WblMeSignoutEvent extends Event {
  static readonly eventName = 'wbl-me-signout';
  readonly detail: { reason: 'signout' | 'expired' };
  constructor(reason: 'signout' | 'expired') {
    super(WblMeSignoutEvent.eventName, { bubbles: true, composed: true });
    this.detail = { reason };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-me-signout': WblMeSignoutEvent;
  }
}
