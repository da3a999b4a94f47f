export * from './reports.js';
export * from './students.js';
export * from './placements.js';
export * from './sites.js';
export * from './review.js';
export * from './catalog.js';
export * from './audit.js';
export * from './achievements.js';
