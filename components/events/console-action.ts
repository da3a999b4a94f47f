/** The console's sections. */
export type ConsoleSectionName = 'review' | 'opportunities' | 'events' | 'students' | 'placements' | 'badges' | 'reports' | 'settings';

/**
 * Fired by `<wbl-coordinator-console>` after the API has accepted a change made in the console
 * (an offer approved, a student deleted, a key rotated …), so a host page can log or react.
 * `action` is a stable verb such as `host-offer.approve`, `student.delete`, `site.rotate-key`.
 */
export class WblConsoleActionEvent extends Event {
  static readonly eventName = 'wbl-console-action';
  readonly detail: { section: ConsoleSectionName; action: string; id: string | null };
  constructor(section: ConsoleSectionName, action: string, id: string | null = null) {
    super(WblConsoleActionEvent.eventName, { bubbles: true, composed: true });
    this.detail = { section, action, id };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-console-action': WblConsoleActionEvent;
  }
}
