import type { OpportunityDetail } from '../../schema/api/opportunities.js';

/** Fired by `<wbl-opportunity-board>` when an opportunity's detail opens. */
export class WblOpportunitySelectEvent extends Event {
  static readonly eventName = 'wbl-opportunity-select';
  readonly detail: { opportunityId: string; opportunity: OpportunityDetail };
  constructor(opportunity: OpportunityDetail) {
    super(WblOpportunitySelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = { opportunityId: opportunity.id, opportunity };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-opportunity-select': WblOpportunitySelectEvent;
  }
}
