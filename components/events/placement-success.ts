/** Fired by `<wbl-placement-form>` when the API has accepted the submission. */
export class WblPlacementSuccessEvent extends Event {
  static readonly eventName = 'wbl-placement-success';
  readonly detail: { mode: 'host' | 'apply'; receipt: { id: string; reference: string; status: string; next: string; alreadyApplied?: boolean } };
  constructor(mode: 'host' | 'apply', receipt: WblPlacementSuccessEvent['detail']['receipt']) {
    super(WblPlacementSuccessEvent.eventName, { bubbles: true, composed: true });
    this.detail = { mode, receipt };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-placement-success': WblPlacementSuccessEvent;
  }
}
