import { LitElement } from 'lit';

/** Set by the build to package.json's version (`node scripts/build-widgets.mjs`); unset in tests. */
declare const __WBL_VERSION__: string | undefined;

/** The version of this copy of the widgets. */
export const VERSION: string = typeof __WBL_VERSION__ === 'string' ? __WBL_VERSION__ : 'dev';

/** Tag and version pairs already warned about, shared by every copy of the widgets on the page. */
const warned: Set<string> = ((globalThis as { [k: symbol]: Set<string> })[Symbol.for('wbl.versions')] ??= new Set());

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
    const other = customElements.get(tag) as { version?: string } | undefined;
    if (other) {
      const key = `${tag} ${this.version}`;
      if (other.version !== this.version && !warned.has(key)) {
        warned.add(key);
        console.warn(`<${tag}>: Open WBL ${other.version ?? '?'} is already on this page, so this copy (${this.version}) is not used. Load one version of the widgets.`);
      }
      return;
    }
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
