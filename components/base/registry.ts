/** Registering elements, once per page, across copies and versions of the widgets. No Lit here: `<wbl-site>`'s bundle uses it too. */

/** Set by the build to package.json's version (`node scripts/build-widgets.mjs`); unset in tests. */
declare const __WBL_VERSION__: string | undefined;

/** The version of this copy of the widgets. */
export const VERSION: string = typeof __WBL_VERSION__ === 'string' ? __WBL_VERSION__ : 'dev';

/** Tag and version pairs already warned about, shared by every copy of the widgets on the page. */
const warned: Set<string> = ((globalThis as { [k: symbol]: Set<string> })[Symbol.for('wbl.versions')] ??= new Set());

/**
 * Registers `element` under `tag` unless something already has that name (then says so once
 * when that is another version of the widgets). Never throws.
 */
export function defineOnce(tag: string, element: CustomElementConstructor & { version: string }): void {
  const other = customElements.get(tag) as { version?: string } | undefined;
  if (other) {
    const key = `${tag} ${element.version}`;
    if (other.version !== element.version && !warned.has(key)) {
      warned.add(key);
      console.warn(`<${tag}> ${element.version} not used: ${other.version ?? '?'} is already on this page. Load one version of the widgets.`);
    }
    return;
  }
  try {
    customElements.define(tag, element);
  } catch {
    // Another copy of this class is already registered under another name: nothing to do.
  }
}
