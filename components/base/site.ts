import { ContextProvider } from '@lit/context';
import type { Taxonomy } from '../../schema/api/taxonomy.js';
import { ApiClient, defaultApiBase } from './api.js';
import { defineOnce, VERSION } from './registry.js';
import { siteContext } from './site-context.js';

/**
 * Configures every Open WBL widget inside it: the site key, the API and the language are set
 * once for the page, and the widgets share one API client and one taxonomy fetch. A widget's own
 * `site-key`, `api-base` or `lang` still wins over the site's. It renders nothing of its own.
 *
 * Its script is `/embed/v1/wbl-site.js` (about 2 KB; `wbl.js` includes it), loaded beside the
 * widgets' own: the widgets inside wait for it before their first request.
 *
 * ```html
 * <script type="module" src="https://wbl.example.org/embed/v1/wbl-site.js"></script>
 * <wbl-site site-key="pk_…" lang="es">
 *   <wbl-opportunity-board></wbl-opportunity-board>
 *   <wbl-event-calendar></wbl-event-calendar>
 * </wbl-site>
 * ```
 *
 * A plain custom element, not a Lit one, so that its bundle stays small: the context provider
 * is `@lit/context`'s, which needs no Lit host.
 *
 * @summary Sets the site key, API and language once for every Open WBL widget inside it.
 * @tagname wbl-site
 *
 * @attr {string} site-key - The site's publishable key (`pk_…`), sent as `X-Site-Key` by every widget inside.
 * @attr {string} api-base - Where the API is; defaults to the origin this script was loaded from.
 * @attr {string} lang - The language of every widget inside (`en` or `es`), unless a widget sets its own.
 */
export class WblSite extends HTMLElement {
  static observedAttributes = ['site-key', 'api-base', 'lang'];
  /** The version of the widgets this class came with. */
  static version = VERSION;

  static define(tag: string): void {
    defineOnce(tag, this);
  }

  private _provider = new ContextProvider(this, { context: siteContext });

  connectedCallback(): void {
    this._provider.hostConnected();
    if (!this._provider.value) this.attributeChangedCallback();
  }

  /** Any change makes a new client (and a new taxonomy fetch), and every widget inside hears of it. */
  attributeChangedCallback(): void {
    const client = new ApiClient(this.getAttribute('api-base') || defaultApiBase(import.meta.url), this.getAttribute('site-key') ?? '');
    let taxonomy: Promise<Taxonomy> | undefined;
    this._provider.setValue({
      siteKey: client.siteKey,
      apiBase: client.base,
      lang: this.lang,
      client,
      // A failed fetch is forgotten, so the next widget that asks tries again.
      taxonomy: () =>
        (taxonomy ??= client.get<Taxonomy>('/taxonomy').catch((e: unknown) => {
          taxonomy = undefined;
          throw e;
        })),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-site': WblSite;
  }
}
