/** Registers every Open WBL element: `<script type="module" src="/embed/v1/wbl.js">`. */
export { WblOpportunityBoard } from './opportunity-board/define.js';
export { WblPlacementForm } from './placement-form/define.js';
export { WblOpportunityApplyEvent } from './events/opportunity-apply.js';
export { WblOpportunityBoardErrorEvent } from './events/opportunity-board-error.js';
export { WblOpportunitySelectEvent } from './events/opportunity-select.js';
export { WblPlacementSubmitEvent } from './events/placement-submit.js';
export { WblPlacementSuccessEvent } from './events/placement-success.js';
