import { ContextProvider, createContext } from '@lit/context';
import type { Taxonomy } from '../../schema/api/taxonomy.js';
import { ApiClient, defaultApiBase } from './api.js';
import { WblElement } from './element.js';

/** What a `<wbl-site>` gives every Open WBL widget inside it. */
export interface Site {
  /** The site's publishable key (`pk_…`). */
  siteKey: string;
  /** Where the API is, without a trailing slash. */
  apiBase: string;
  /** The site's language tag as written (`es`, `en-US`), empty when it sets none. */
  lang: string;
  /** One API client for every widget of the site. */
  client: ApiClient;
  /** The vocabularies, fetched once for the whole site on first use. */
  taxonomy(): Promise<Taxonomy>;
}

/**
 * The context key is a string, not a symbol: a page may load one bundle per widget, each with
 * its own copy of this module, and a widget of one bundle must find the `<wbl-site>` of another.
 */
export const siteContext = createContext<Site | undefined>('wbl-site');

/**
 * Configures every Open WBL widget inside it: the site key, the API and the language are set
 * once for the page, and the widgets share one API client and one taxonomy fetch. A widget's own
 * `site-key`, `api-base` or `lang` still wins over the site's.
 *
 * ```html
 * <wbl-site site-key="pk_…" lang="es">
 *   <wbl-opportunity-board></wbl-opportunity-board>
 *   <wbl-event-calendar></wbl-event-calendar>
 * </wbl-site>
 * ```
 *
 * @summary Sets the site key, API and language once for every Open WBL widget inside it.
 * @tagname wbl-site
 */
export class WblSite extends WblElement {
  static override properties = {
    siteKey: { attribute: 'site-key' },
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
  };

  /** The site's publishable key (`pk_…`), sent as `X-Site-Key` by every widget inside. */
  declare siteKey: string;
  /** Where the API is; defaults to the origin this script was loaded from. */
  declare apiBase: string;
  /** The language of every widget inside (`en` or `es`), unless a widget sets its own. */
  declare lang: string;

  private _provider = new ContextProvider(this, { context: siteContext });

  constructor() {
    super();
    this.siteKey = '';
    this.apiBase = '';
  }

  protected override willUpdate(): void {
    const client = new ApiClient(this.apiBase || defaultApiBase(import.meta.url), this.siteKey);
    let taxonomy: Promise<Taxonomy> | undefined;
    this._provider.setValue({
      siteKey: client.siteKey,
      apiBase: client.base,
      lang: this.lang,
      client,
      // A failed fetch is forgotten, so the next widget that asks tries again.
      taxonomy: () => (taxonomy ??= client.get<Taxonomy>('/taxonomy').catch((e: unknown) => { taxonomy = undefined; throw e; })),
    });
  }

  /** No shadow root: the widgets stay children of the page, styled by it. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-site': WblSite;
  }
}
