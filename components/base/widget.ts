import { ContextConsumer } from '@lit/context';
import type { PropertyDeclarations } from 'lit';
import { ApiClient, defaultApiBase } from './api.js';
import { WblElement } from './element.js';
import { resolveLang } from './localize.js';
import { siteContext } from './site-context.js';

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
  _site = new ContextConsumer(this, { context: siteContext, subscribe: true });
  private _own?: ApiClient;

  constructor() {
    super();
    this.apiBase = '';
    this.siteKey = '';
  }

  /**
   * Inside a `<wbl-site>` whose script has not run yet, the first update waits for it (three
   * seconds at most), so that the first request already carries the site's key.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated && !this._site.value && this.closest('wbl-site') && !customElements.get('wbl-site')) {
      const defined = await Promise.race([customElements.whenDefined('wbl-site').then(() => true), new Promise((r) => setTimeout(r, 3000))]);
      if (defined) this._site.hostConnected();
      else console.warn('<wbl-site> is not defined: load /embed/v1/wbl-site.js (or wbl.js) for it.');
    }
    super.scheduleUpdate();
  }

  /** The API client in this element's language: the site's own when nothing here overrides it, else one of this element's. */
  get _client(): ApiClient {
    const site = this._site.value;
    const base = (this.apiBase || site?.apiBase || defaultApiBase(import.meta.url)).replace(/\/$/, '');
    const key = this.siteKey || site?.siteKey || '';
    const lang = resolveLang(this);
    if (site?.client.base === base && site.client.siteKey === key) return site.client.withLang(lang);
    const own = this._own;
    return (own?.base === base && own.siteKey === key ? own : (this._own = new ApiClient(base, key))).withLang(lang);
  }
}
