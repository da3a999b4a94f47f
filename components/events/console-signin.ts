import type { SessionUser } from '../../schema/api/auth.js';

/** Fired by `<wbl-coordinator-console>` when someone signs in (or a kept session is resumed). */
export class WblConsoleSigninEvent extends Event {
  static readonly eventName = 'wbl-console-signin';
  readonly detail: { user: SessionUser; resumed: boolean };
  constructor(user: SessionUser, resumed = false) {
    super(WblConsoleSigninEvent.eventName, { bubbles: true, composed: true });
    this.detail = { user, resumed };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-console-signin': WblConsoleSigninEvent;
  }
}
