import type { Problem } from '../../schema/api/problem.js';

/**
 * Fired by `<wbl-opportunity-board>` when a request to the API fails (the board shows the
 * error itself; this lets a host page log it). `status` is 0 when the network failed.
 */
export class WblOpportunityBoardErrorEvent extends Event {
  static readonly eventName = 'wbl-opportunity-board-error';
  readonly detail: { status: number; problem: Problem | null };
  constructor(status: number, problem: Problem | null) {
    super(WblOpportunityBoardErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = { status, problem };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-opportunity-board-error': WblOpportunityBoardErrorEvent;
  }
}
