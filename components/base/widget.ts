import { ContextConsumer } from '@lit/context';
import type { PropertyDeclarations } from 'lit';
import { ApiClient, defaultApiBase } from './api.js';
import { WblElement } from './element.js';
import { siteContext } from './site.js';

/**
 * The base of the public widgets: inside a `<wbl-site>` they take its site key, API and client
 * (and its `lang`, which the page's `lang` inheritance already carries); their own `site-key`
 * and `api-base` win when set, and outside a `<wbl-site>` they are all there is.
 */
export class WblWidget extends WblElement {
  static override properties: PropertyDeclarations = {
    apiBase: { attribute: 'api-base' },
    siteKey: { attribute: 'site-key' },
  };

  /** Where the API is; defaults to the `<wbl-site>`'s, else the origin this script was loaded from. */
  declare apiBase: string;
  /** The site's publishable key (`pk_…`), sent as `X-Site-Key`; defaults to the `<wbl-site>`'s. */
  declare siteKey: string;

  /** The enclosing `<wbl-site>`'s configuration, when there is one. */
  protected _site = new ContextConsumer(this, { context: siteContext, subscribe: true });
  private _own?: ApiClient;

  constructor() {
    super();
    this.apiBase = '';
    this.siteKey = '';
  }

  /** The API client: the site's own when nothing here overrides it, else one of this element's. */
  get _client(): ApiClient {
    const site = this._site.value;
    const base = (this.apiBase || site?.apiBase || defaultApiBase(import.meta.url)).replace(/\/$/, '');
    const key = this.siteKey || site?.siteKey || '';
    if (site?.client.base === base && site.client.siteKey === key) return site.client;
    const own = this._own;
    return own?.base === base && own.siteKey === key ? own : (this._own = new ApiClient(base, key));
  }
}
