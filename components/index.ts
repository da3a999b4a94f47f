/** Registers every Open WBL element: `<script type="module" src="/embed/v1/wbl.js">`. */
export { WblOpportunityBoard } from './opportunity-board/define.js';
export { WblPlacementForm } from './placement-form/define.js';
export { WblOpportunityApplyEvent } from './events/opportunity-apply.js';
export { WblOpportunitySelectEvent } from './events/opportunity-select.js';
export { WblPlacementSubmitEvent, WblPlacementSuccessEvent } from './events/placement-submit.js';
