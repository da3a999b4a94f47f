import { createContext } from '@lit/context';
import type { Taxonomy } from '../../schema/api/taxonomy.js';
import type { ApiClient } from './api.js';

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
