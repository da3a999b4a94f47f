import { WblSite } from './site.js';

WblSite.define('wbl-site');

export { WblSite };
