import type { MePerson } from '../../schema/api/me.js';

/** Fired by `<wbl-my-wbl>` when a student or guardian signs in (or a session kept in this tab resumes). */
export class WblMeSigninEvent extends Event {
  static readonly eventName = 'wbl-me-signin';
  readonly detail: { person: MePerson; resumed: boolean };
  constructor(person: MePerson, resumed = false) {
    super(WblMeSigninEvent.eventName, { bubbles: true, composed: true });
    this.detail = { person, resumed };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-me-signin': WblMeSigninEvent;
  }
}
