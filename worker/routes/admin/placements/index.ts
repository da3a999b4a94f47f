/**
 * The placement pipeline under /api/v1/admin: applications and their transitions, training
 * agreements, hour logs, evaluations and the outbox. Three routers, mounted at
 * `/applications`, `/hours` and `/outbox`, so no middleware here reaches another engineer's routes.
 *
 * Who may do what: coordinators and admins run the pipeline for the whole tenant; a
 * supervisor sees only the placements assigned to them, from acceptance on (never an
 * application still being reviewed, nor one declined or withdrawn, nor coordinators' notes),
 * and logs hours, approves them and evaluates only those; viewers see reports only.
 *
 * Modules: `applications.ts` (list, detail, transitions, supervisor), `signatures.ts`
 * (training agreements), `hours.ts`, `evaluations.ts`, `messages.ts` (the outbox), with
 * `rows.ts` (loading what the user may see) and `detail.ts` (an application's whole detail).
 */
import { Hono } from 'hono';
import {
  AgreementIssueResult,
  ApplicationDetail,
  ApplicationList,
  ApplicationListQuery,
  CoordinatorSignRequest,
  Evaluation,
  EvaluationRequest,
  HourLogRequest,
  HourLogResult,
  SupervisorAssignment,
  TransitionRequest,
} from '../../../../schema/api/admin/placements.js';
import type { AppEnv } from '../../../env.js';
import { requireRole } from '../../../middleware/auth.js';
import { describe } from '../../../lib/openapi.js';
import { pipeline } from './applications.js';
import { evaluating } from './evaluations.js';
import { hourLogging, hoursAdmin } from './hours.js';
import { outboxAdmin } from './messages.js';
import { signatures } from './signatures.js';

const TAG = ['admin: placements'];
const APP_ID = { id: 'The application’s id (`app_…`)' };
describe({
  method: 'get',
  path: '/api/v1/admin/applications',
  summary: 'Applications and placements, filtered; a supervisor sees only the placements assigned to them, from acceptance on',
  tags: TAG,
  security: 'bearer',
  query: ApplicationListQuery,
  responses: { 200: { description: 'A page of applications, newest first', schema: ApplicationList } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/applications/:id',
  summary: 'An application with its agreement signatures, hours, evaluations and history',
  tags: TAG,
  security: 'bearer',
  params: APP_ID,
  responses: { 200: { description: 'The application', schema: ApplicationDetail } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/applications/:id/transition',
  summary: 'Move an application to its next status (DESIGN.md §2); `confirmed` needs every required signature',
  tags: TAG,
  security: 'bearer',
  params: APP_ID,
  body: TransitionRequest,
  responses: {
    200: { description: 'The application after the move', schema: ApplicationDetail },
    409: { description: 'Not a move from the current status, a signature is missing, or another move won the race' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/admin/applications/:id/agreement',
  summary:
    'Create the training agreement’s signature rows, or re-issue the links of unsigned ones: one outbox message per student, roster guardian and supervisor (the coordinator signs in the console; a guardian without a roster address waits)',
  tags: TAG,
  security: 'bearer',
  params: APP_ID,
  responses: {
    200: { description: 'The signatures and who was sent a link', schema: AgreementIssueResult },
    409: { description: 'Only offered or accepted applications get an agreement; or one address would receive links for two roles' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/admin/applications/:id/agreement/sign',
  summary: 'The signed-in coordinator signs the coordinator line (and only that line) with a typed name',
  tags: TAG,
  security: 'bearer',
  params: APP_ID,
  body: CoordinatorSignRequest,
  responses: {
    200: { description: 'The application with the signature recorded', schema: ApplicationDetail },
    409: { description: 'Already signed, no agreement yet, or the coordinator already holds another role on this agreement' },
  },
});
describe({
  method: 'put',
  path: '/api/v1/admin/applications/:id/supervisor',
  summary: 'Assign the employer supervisor of a placement',
  tags: TAG,
  security: 'bearer',
  params: APP_ID,
  body: SupervisorAssignment,
  responses: { 200: { description: 'The application', schema: ApplicationDetail } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/applications/:id/hours',
  summary: 'Log hours worked on one day (a supervisor’s own entries count as approved)',
  tags: TAG,
  security: 'bearer',
  params: APP_ID,
  body: HourLogRequest,
  responses: {
    201: { description: 'The entry and the placement’s totals', schema: HourLogResult },
    409: { description: 'Hours are logged only on active or completed placements' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/admin/hours/:id/approve',
  summary: 'Approve logged hours (the placement’s supervisor or a coordinator)',
  tags: TAG,
  security: 'bearer',
  params: { id: 'The hour log’s id (`hrs_…`)' },
  responses: { 200: { description: 'The entry and the placement’s totals', schema: HourLogResult } },
});
describe({
  method: 'put',
  path: '/api/v1/admin/applications/:id/evaluations/:phase',
  summary: 'Record the supervisor’s midpoint or final ratings of every named skill (1–4)',
  tags: TAG,
  security: 'bearer',
  params: { ...APP_ID, phase: '`midpoint` or `final`' },
  body: EvaluationRequest,
  responses: {
    200: { description: 'The evaluation', schema: Evaluation },
    409: { description: 'Not active or completed, or a badge was already issued from this final evaluation' },
  },
});

export const applicationsAdmin = new Hono<AppEnv>()
  .use(requireRole('coordinator', 'admin', 'supervisor'))
  .route('/', pipeline)
  .route('/', signatures)
  .route('/', hourLogging)
  .route('/', evaluating);

export { hoursAdmin, outboxAdmin };
