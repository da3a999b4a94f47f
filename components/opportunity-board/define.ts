import { WblSite } from '../base/site.js';
import { WblOpportunityBoard } from './opportunity-board.js';

// The site first, so the widgets find it when they connect.
WblSite.define('wbl-site');
WblOpportunityBoard.define('wbl-opportunity-board');

export { WblOpportunityBoard, WblSite };
