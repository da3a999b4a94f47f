import { Hono } from 'hono';
import type { AppEnv } from '../../env.js';
import { signedIn, staffCors } from '../../middleware/auth.js';
import { reports } from './reports.js';

/**
 * Everything under `/api/v1/admin/`: signed in with a bearer session, the tenant taken from
 * the session (never from the body), each sub-router checking the role its work needs with
 * `requireRole`. Another tenant's id answers 404.
 */
export const admin = new Hono<AppEnv>()
  .use(staffCors)
  .use(signedIn)
  .route('/reports', reports);
