import { LitElement } from 'lit';
import { defineOnce, VERSION } from './registry.js';

export { defineOnce, VERSION };

/**
 * The base of every Open WBL element. `define()` tolerates a second copy of a bundle on the
 * same host page (a school site may load the board and the all-in-one bundle): the first
 * registration wins and the second is a no-op instead of an exception. When the two copies are
 * different versions it says so once in the console, because the page then runs the older one.
 */
export class WblElement extends LitElement {
  /** The version of the widgets this class came with. */
  static version = VERSION;

  /** Registers the element under `tag` unless something already has that name. Never throws. */
  static define(tag: string): void {
    defineOnce(tag, this);
  }

  /** Dispatches an event and reports whether it was not cancelled. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
