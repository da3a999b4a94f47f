import { WblOpportunityBoard } from './opportunity-board.js';

WblOpportunityBoard.define('wbl-opportunity-board');

export { WblOpportunityBoard };
