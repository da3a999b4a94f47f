import type { OpportunityDetail } from '../../schema/api/opportunities.js';

/**
 * Fired by `<wbl-opportunity-board>` when a student presses "Apply". Cancelable: a host page
 * that handles applying itself calls `preventDefault()`.
 */
export class WblOpportunityApplyEvent extends Event {
  static readonly eventName = 'wbl-opportunity-apply';
  readonly detail: { opportunityId: string; opportunity: OpportunityDetail };
  constructor(opportunity: OpportunityDetail) {
    super(WblOpportunityApplyEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = { opportunityId: opportunity.id, opportunity };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-opportunity-apply': WblOpportunityApplyEvent;
  }
}
