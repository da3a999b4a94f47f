import { Hono } from 'hono';
import type { AppEnv } from '../../env.js';
import { signedIn, staffCors } from '../../middleware/auth.js';
import { applicationsAdmin, hoursAdmin, outboxAdmin } from './placements/index.js';
import { students } from './students/index.js';
import { reports } from './reports.js';
import { sites } from './sites.js';
import { schools } from './schools.js';
import { review } from './review.js';
import { employers } from './employers.js';
import { adminOpportunities } from './opportunities.js';
import { adminEvents } from './events.js';
import { auditLog } from './audit.js';
import { achievements } from './achievements.js';
import { credentialsAdmin } from './credentials.js';
import { users } from './users.js';

/**
 * Everything under `/api/v1/admin/`: signed in with a bearer session, the tenant taken from
 * the session (never from the body), each sub-router checking the role its work needs with
 * `requireRole`. Another tenant's id answers 404.
 */
export const admin = new Hono<AppEnv>()
  .use(staffCors)
  .use(signedIn)
  .route('/students', students)
  .route('/applications', applicationsAdmin)
  .route('/hours', hoursAdmin)
  .route('/outbox', outboxAdmin)
  .route('/reports', reports)
  .route('/sites', sites)
  .route('/users', users)
  .route('/schools', schools)
  .route('/review', review)
  .route('/employers', employers)
  .route('/opportunities', adminOpportunities)
  .route('/events', adminEvents)
  .route('/audit', auditLog)
  .route('/achievements', achievements)
  .route('/credentials', credentialsAdmin);
