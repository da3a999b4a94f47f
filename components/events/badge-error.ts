import type { Problem } from '../../schema/api/problem.js';

/**
 * Fired by `<wbl-skills-badge>` when the credential could not be loaded (the badge shows the
 * error and a "Try again" button too). `status` is the HTTP status, 0 when the network failed
 * or the answer was not a credential.
 */
export class WblBadgeErrorEvent extends Event {
  static readonly eventName = 'wbl-badge-error';
  readonly detail: { status: number; problem: Problem | null };
  constructor(status: number, problem: Problem | null) {
    super(WblBadgeErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = { status, problem };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-badge-error': WblBadgeErrorEvent;
  }
}
