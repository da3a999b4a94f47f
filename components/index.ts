/** Registers every Open WBL element: `<script type="module" src="/embed/v1/wbl.js">`. */
// The site first, so the widgets inside one find it when they connect.
export { WblSite } from './base/define-site.js';
export { WblEventCalendar } from './event-calendar/define.js';
export { WblOpportunityBoard } from './opportunity-board/define.js';
export { WblPlacementForm } from './placement-form/define.js';
export { WblSkillsBadge } from './skills-badge/define.js';
export { WblMyWbl } from './my-wbl/define.js';
export { WblEventCalendarErrorEvent } from './events/event-calendar-error.js';
export { WblEventSelectEvent } from './events/event-select.js';
export { WblRsvpSuccessEvent } from './events/rsvp-success.js';
export { WblOpportunityApplyEvent } from './events/opportunity-apply.js';
export { WblOpportunityBoardErrorEvent } from './events/opportunity-board-error.js';
export { WblOpportunitySelectEvent } from './events/opportunity-select.js';
export { WblPlacementSubmitEvent } from './events/placement-submit.js';
export { WblPlacementSuccessEvent } from './events/placement-success.js';
export { WblBadgeErrorEvent } from './events/badge-error.js';
export { WblBadgeVerifiedEvent } from './events/badge-verified.js';
export { WblMeActionEvent } from './events/me-action.js';
export { WblMeSigninEvent } from './events/me-signin.js';
export { WblMeSignoutEvent } from './events/me-signout.js';
