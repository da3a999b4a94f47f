import { WblPlacementForm } from './placement-form.js';

WblPlacementForm.define('wbl-placement-form');

export { WblPlacementForm };
