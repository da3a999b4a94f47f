import { LitElement } from 'lit';

/**
 * The base of every Open WBL element. `define()` tolerates a second copy of a bundle on the
 * same host page (a school site may load the board and the all-in-one bundle): the first
 * registration wins and the second is a no-op instead of an exception.
 */
export class WblElement extends LitElement {
  /** Registers the element under `tag` unless something already has that name. Never throws. */
  static define(tag: string): void {
    if (customElements.get(tag)) return;
    try {
      customElements.define(tag, this);
    } catch {
      // Another copy of this class is already registered under another name: nothing to do.
    }
  }

  /** Dispatches an event and reports whether it was not cancelled. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
