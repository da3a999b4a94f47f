import { LitElement } from 'lit';

/**
 * The base of every Open WBL element. `define()` tolerates a second copy of a bundle on the
 * same host page (a school site may load the board and the all-in-one bundle): the first
 * registration wins and the second is a no-op instead of an exception.
 */
export class WblElement extends LitElement {
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  /** Dispatches a bubbling, composed event and reports whether it was not cancelled. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
