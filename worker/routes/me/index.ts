/**
 * `/api/v1/me`: students and guardians on their own record, by a short bearer session opened
 * from an emailed sign-in link or a student number and access code (issue 13).
 *
 * Every request names its site (`X-Site-Key`), like every call from a school's page; the
 * record routes also need the person's session, which reaches only their own students.
 */
import { Hono } from 'hono';
import {
  BadgeNameRequest,
  BadgeNameSaved,
  MeApplication,
  MeHourLog,
  MeHourRequest,
  MePlacement,
  MeRecord,
  MeReflection,
  MeSignRequest,
  OfferAnswer,
  ReflectionRequest,
  SurveyAnswered,
  SurveyRequest,
} from '../../../schema/api/me.js';
import type { AppEnv } from '../../env.js';
import { siteKey } from '../../middleware/site.js';
import { auditRow } from '../../lib/audit.js';
import { describe } from '../../lib/openapi.js';
import { actions } from './actions.js';
import { personAudit, personCors, personSignedIn } from './guard.js';
import { readRecord } from './record.js';
import { signIn } from './sign-in.js';

const ID = { id: 'The application’s id (`app_…`): the person’s own, else 404' };
const NOT_THEIRS = 'Not the person’s own (another student’s, another district’s), or a guardian asking for what only the student does';

describe({
  method: 'get',
  path: '/api/v1/me',
  summary:
    'The signed-in person’s own record: for a student themself, for a guardian each of their students on the roster — applications and next steps, placements, hours, final evaluations, reflections, events, badges and the continuum by stage. Audited',
  tags: ['me'],
  security: 'bearer',
  responses: { 200: { description: 'The record', schema: MeRecord } },
});
describe({
  method: 'post',
  path: '/api/v1/me/applications/:id/answer',
  summary: 'The student accepts or declines their offer; accepting sends the training agreement’s signing links, as the coordinator’s move does',
  tags: ['me'],
  security: 'bearer',
  params: ID,
  body: OfferAnswer,
  responses: {
    200: { description: 'The application after the move', schema: MeApplication },
    404: { description: NOT_THEIRS },
    409: { description: 'The application is not an offer (any more)' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/me/placements/:id/signature',
  summary: 'Sign one’s own line of the training agreement: the student the student line, a guardian the guardian line',
  tags: ['me'],
  security: 'bearer',
  params: ID,
  body: MeSignRequest,
  responses: {
    200: { description: 'Signed: the placement as the person now sees it', schema: MePlacement },
    400: { description: '`version` is not the agreement’s current version: read it again' },
    404: { description: NOT_THEIRS },
    409: { description: 'Nothing for this person to sign (signed already, not sent yet, or the placement is past signing)' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/me/placements/:id/hours',
  summary: 'The student logs hours for one day; they wait for the supervisor’s approval',
  tags: ['me'],
  security: 'bearer',
  params: ID,
  body: MeHourRequest,
  idempotencyKey: true,
  responses: {
    201: { description: 'Logged, pending approval', schema: MeHourLog },
    400: { description: 'A field error: a day in the future or outside the placement, hours out of range' },
    404: { description: NOT_THEIRS },
    409: { description: 'The placement does not take hours now (not confirmed, active or completed)' },
  },
});
describe({
  method: 'put',
  path: '/api/v1/me/placements/:id/reflections/:period',
  summary:
    'The student writes (or rewrites) a week’s reflection (`period` = the week’s Monday, within the placement) or the closing one (`closing`, from the last week on: what they learned, `skills`, `wouldRecommend`)',
  tags: ['me'],
  security: 'bearer',
  params: { ...ID, period: 'A Monday (`YYYY-MM-DD`) of the placement, or `closing`' },
  body: ReflectionRequest,
  responses: {
    200: { description: 'Saved', schema: MeReflection },
    400: { description: 'Not a Monday of the placement, a week not begun, or skills on a weekly reflection' },
    404: { description: NOT_THEIRS },
    409: { description: 'The placement has not begun, or the closing reflection is not open yet' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/me/placements/:id/survey',
  summary: 'The student answers the experience survey (meaningful, felt safe, would recommend; 1–4), once, after the placement ends',
  tags: ['me'],
  security: 'bearer',
  params: ID,
  body: SurveyRequest,
  responses: {
    201: { description: 'Answered', schema: SurveyAnswered },
    404: { description: NOT_THEIRS },
    409: { description: 'The placement has not ended, or the survey was answered already' },
  },
});
describe({
  method: 'put',
  path: '/api/v1/me/students/:studentId/badge-name',
  summary: 'The student chooses whether their name shows on their public badge pages',
  tags: ['me'],
  security: 'bearer',
  params: { studentId: 'The student’s own id (`stu_…`)' },
  body: BadgeNameRequest,
  responses: { 200: { description: 'Saved', schema: BadgeNameSaved }, 404: { description: NOT_THEIRS } },
});

export const me = new Hono<AppEnv>()
  .use(personCors)
  .use(siteKey)
  .route('/', signIn)
  .use(personSignedIn)
  .get('/', async (c) => {
    const person = c.var.person;
    const record = await readRecord(c.var.db, person, c.var.lang, new URL(c.req.url).origin);
    // One row per student whose record was read (so each student's trail shows it), never what it holds.
    const db = c.var.db;
    const [first, ...rest] = record.students.map((s) => auditRow(db, personAudit(person, 'student.read', s.id)));
    if (first) await db.batch([first, ...rest]);
    return c.json(record);
  })
  .route('/', actions);
