export * from './problem.js';
export * from './taxonomy.js';
export * from './opportunities.js';
export * from './health.js';
export * from './host-offers.js';
export * from './applications.js';
export * from "./events.js";
export * from "./auth.js";
