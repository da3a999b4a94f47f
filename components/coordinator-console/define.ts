import { WblCoordinatorConsole } from './coordinator-console.js';

WblCoordinatorConsole.define('wbl-coordinator-console');

export { WblCoordinatorConsole };
