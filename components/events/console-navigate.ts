import type { ConsoleSectionName } from './console-action.js';

/**
 * Fired by `<wbl-coordinator-console>` when the section shown changes (from its navigation,
 * the address, or back and forward). `path` is what follows the section in the address
 * (`stu_…` in `#students/stu_…`), empty for the section's list.
 */
export class WblConsoleNavigateEvent extends Event {
  static readonly eventName = 'wbl-console-navigate';
  readonly detail: { section: ConsoleSectionName; path: string };
  constructor(section: ConsoleSectionName, path: string) {
    super(WblConsoleNavigateEvent.eventName, { bubbles: true, composed: true });
    this.detail = { section, path };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-console-navigate': WblConsoleNavigateEvent;
  }
}
