/** Fired by `<wbl-placement-form>` before it sends. Cancelable: `preventDefault()` stops the request. */
export class WblPlacementSubmitEvent extends Event {
  static readonly eventName = 'wbl-placement-submit';
  readonly detail: { mode: 'host' | 'apply'; body: unknown };
  constructor(mode: 'host' | 'apply', body: unknown) {
    super(WblPlacementSubmitEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = { mode, body };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-placement-submit': WblPlacementSubmitEvent;
  }
}
