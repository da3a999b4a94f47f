import { app } from './app.js';

/** The Worker entry: the API under /api/v1; static assets (widgets, demo pages) are served by the platform. */
export default app;
