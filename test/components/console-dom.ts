/// <reference types="mocha" />
/**
 * What every console test file shares: a clean tab between tests (no session, no address hash,
 * the real fetch back) and small readers of the console's shadow DOM.
 */

/** Registers the hooks: each test starts signed out at a bare address; `restore` puts fetch back. */
export function cleanConsoleBetweenTests(restore: () => void): void {
  const bareAddress = () => history.replaceState(null, '', location.pathname + location.search);
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    bareAddress();
  });
  afterEach(() => {
    restore();
    bareAddress();
  });
}

export const root = (el: Element) => el.shadowRoot!;
export const $ = <T extends HTMLElement = HTMLElement>(el: Element, sel: string) => root(el).querySelector<T>(sel);
export const $$ = (el: Element, sel: string) => [...root(el).querySelectorAll<HTMLElement>(sel)];
export const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const active = (el: Element) => root(el).activeElement as HTMLElement | null;
