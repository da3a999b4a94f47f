import { WblMyWbl } from './my-wbl.js';

WblMyWbl.define('wbl-my-wbl');

export { WblMyWbl };
