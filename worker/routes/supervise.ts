/**
 * `/api/v1/supervise`: a workplace supervisor acts on their placements through an emailed,
 * scoped, expiring link, without a staff account (issue 13). The link's token is the
 * credential: `Authorization: Bearer <token>` on the JSON routes, `?t=<token>` on the page the
 * emailed link opens (the address holds a secret, so the page sends no referrer and is never
 * cached). A token reaches only the placements whose named supervisor is its address
 * (`lib/supervision.ts`); another placement's ids answer 404, an expired link 410 with the way
 * to a new one. Every act is audited with the supervisor's name (`supervise/core.ts`).
 *
 * The page is rendered here, like the mail preferences page, rather than a demo page with a
 * widget: a supervisor opens it from their mail on whatever device they have, at the workplace,
 * so it works with plain forms, no script, and the Worker's strictest CSP.
 */
import { type Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { EvaluationRequest, Evaluation, HourLogResult, type EvaluationRequest as EvaluationBody } from '../../schema/api/admin/placements.js';
import { EVALUATION_PHASES } from '../../schema/vocab.js';
import { idOf } from '../../schema/api/admin/student-fields.js';
import { HourReturnRequest, SupervisorLinkRequest, SupervisorView } from '../../schema/api/supervise.js';
import type { AppEnv } from '../env.js';
import { bearer } from '../middleware/auth.js';
import { siteKey } from '../middleware/site.js';
import { json, param, query } from '../middleware/validate.js';
import { appSecret } from '../lib/app-secret.js';
import { isLang, type Lang } from '../lib/lang.js';
import { describe } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { clientId, rateLimit } from '../lib/rate-limit.js';
import { findSupervisorLink, linkExpired, type SupervisorLink } from '../lib/supervision.js';
import { approveHours, evaluate, reachable, returnHours, sendFreshLink, supervisorView, workingLink } from './supervise/core.js';
import { expiredPage, type Notice, type PageProblem, renewedPage, SUPERVISE_CSP, supervisorPage, unknownLinkPage } from './supervise/page.js';

const TAGS = ['supervise'];
const HourParam = z.object({ id: idOf('hrs') });
const EvalParam = z.object({ id: idOf('app'), phase: z.enum(EVALUATION_PHASES) });
const PageQuery = z.object({
  t: z.string().check(z.minLength(1), z.maxLength(100)).register(z.globalRegistry, { description: 'The token from the emailed link' }),
  lang: z.optional(z.string().register(z.globalRegistry, { description: '`es` for Spanish (a Spanish message’s link carries it)' })),
});
const HTML = { contentType: 'text/html' } as const;
const Accepted = z.object({ accepted: z.literal(true) });

describe({
  method: 'get',
  path: '/api/v1/supervise',
  summary:
    'The placements the supervisor link reaches (`Authorization: Bearer <link token>`): the student by preferred name, the opportunity, hours waiting for approval, evaluations due. 401 for an unknown token, 410 for an expired one',
  tags: TAGS,
  security: 'bearer',
  responses: {
    200: { description: 'The supervisor’s placements', schema: SupervisorView },
    410: { description: 'The link expired: ask for a new one (`POST /api/v1/supervise/links`)' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/supervise/hours/:id/approve',
  summary: 'Approve an hours entry on one of the link’s placements, recorded with the supervisor’s name (approving twice answers the same)',
  tags: TAGS,
  security: 'bearer',
  params: { id: 'The hour log’s id (`hrs_…`)' },
  responses: {
    200: { description: 'The entry and the placement’s totals', schema: HourLogResult },
    409: { description: 'The entry was sent back to the student' },
    410: { description: 'The link expired' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/supervise/hours/:id/return',
  summary: 'Send an hours entry back to the student with a note instead of approving it',
  tags: TAGS,
  security: 'bearer',
  params: { id: 'The hour log’s id (`hrs_…`)' },
  body: HourReturnRequest,
  responses: {
    200: { description: 'The entry (returned) and the placement’s totals', schema: HourLogResult },
    409: { description: 'The entry is already approved' },
    410: { description: 'The link expired' },
  },
});
describe({
  method: 'put',
  path: '/api/v1/supervise/placements/:id/evaluations/:phase',
  summary: 'Record the midpoint or final ratings of every named skill (1–4), by the supervisor’s name; the coordinator’s rules apply',
  tags: TAGS,
  security: 'bearer',
  params: { id: 'The application’s id (`app_…`)', phase: '`midpoint` or `final`' },
  body: EvaluationRequest,
  responses: {
    200: { description: 'The evaluation', schema: Evaluation },
    409: { description: 'Not active or completed, or a badge was already issued from this final evaluation' },
    410: { description: 'The link expired' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/supervise/links',
  summary:
    'Ask for a fresh supervisor link by email. Always 202: a link is sent only when the address is named as supervisor of a current placement in the site’s district',
  tags: TAGS,
  security: 'siteKey',
  body: SupervisorLinkRequest,
  responses: { 202: { description: 'Asked; a link is on its way if the address supervises a placement', schema: Accepted } },
});
describe({
  method: 'get',
  path: '/api/v1/supervise/page',
  summary: 'The supervisor page the emailed link opens: HTML forms that approve or return hours and record evaluations, without JavaScript',
  tags: TAGS,
  security: 'none',
  query: PageQuery,
  responses: {
    200: { description: 'The supervisor page', ...HTML },
    404: { description: 'No link has this token (an HTML page says so)', ...HTML },
    410: { description: 'The link expired: a page with a button that emails a new one', ...HTML },
  },
});
describe({
  method: 'post',
  path: '/api/v1/supervise/page',
  summary:
    'The page’s forms (application/x-www-form-urlencoded): `action=approve&hour=hrs_…`, `action=return&hour=hrs_…&note=…`, or `action=evaluate&application=app_…&phase=final&r0=3&r1=4…&comments=…` (one rating per named skill, in the order shown); answers the page again with what happened',
  tags: TAGS,
  security: 'none',
  query: PageQuery,
  responses: {
    200: { description: 'The page, with a notice of what was done', ...HTML },
    400: { description: 'The page, with what to correct', ...HTML },
    404: { description: 'No link has this token, or the hours or placement are not this supervisor’s', ...HTML },
    409: { description: 'The page, saying why that cannot be done now', ...HTML },
    410: { description: 'The link expired', ...HTML },
    415: { description: 'The body is not a form' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/supervise/page/renew',
  summary: 'From an expired link’s page: email a fresh link to the address the old one went to (never an address typed in)',
  tags: TAGS,
  security: 'none',
  query: PageQuery,
  responses: { 200: { description: 'A page saying a link is on its way', ...HTML }, 404: { description: 'No link has this token', ...HTML } },
});

type C = Context<AppEnv>;

/** Where links point: the deployment's public address, else the origin this request came to (as signing links do). */
const baseOf = (c: C) => (c.env.PUBLIC_URL ?? new URL(c.req.url).origin).replace(/\/+$/, '');

function html(c: C, body: string, status: 200 | 400 | 404 | 409 | 410 = 200) {
  c.header('Content-Security-Policy', SUPERVISE_CSP);
  c.header('Cache-Control', 'no-store');
  // The address holds the link's token: it must not travel on to anywhere else.
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
  return c.html(body, status);
}

async function formOf(c: C): Promise<Record<string, string>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new ProblemError('unsupportedMediaType', { detail: 'Send the form as application/x-www-form-urlencoded.' });
  }
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

const actionOf = (c: C) => {
  const u = new URL(c.req.url);
  return `${u.pathname}${u.search}`;
};

/** The page's language: the link's `lang` (the message's), else the supervisor's choice or the district's. */
const pageLang = (asked: string | undefined, chosen: Lang): Lang => (isLang(asked) ? asked : chosen);

/** A problem's words on the page, in its language. */
const problemOf = (e: ProblemError, lang: Lang): PageProblem => {
  const doc = e.toJSON(undefined, lang);
  return { title: doc.title, detail: doc.detail, errors: doc.errors };
};

/** The page's link: an unknown token and an expired one each get their own page. */
async function pageLink(c: C, t: string): Promise<{ link: SupervisorLink } | { page: Response }> {
  const link = await findSupervisorLink(c.var.db, t);
  const lang = c.var.lang;
  if (!link) return { page: html(c, unknownLinkPage(lang), 404) };
  if (linkExpired(link))
    return { page: html(c, expiredPage(lang, `/api/v1/supervise/page/renew?t=${encodeURIComponent(t)}${lang === 'en' ? '' : `&lang=${lang}`}`), 410) };
  return { link };
}

/** The ratings of the page's evaluation form: `r<i>` rates the placement's i-th named skill. */
function ratingsOf(form: Record<string, string>, skills: string[]): EvaluationBody {
  const ratings = skills.flatMap((skill, i) => {
    const level = Number(form[`r${i}`]);
    return Number.isInteger(level) ? [{ skill, level }] : [];
  });
  const parsed = EvaluationRequest.safeParse({ ratings, ...(form.comments?.trim() ? { comments: form.comments } : {}) });
  if (!parsed.success) {
    throw new ProblemError('validation', { errors: [{ path: 'ratings', message: 'Rate each skill', code: 'skills_unrated' }] });
  }
  return parsed.data;
}

const links = new Hono<AppEnv>().use(siteKey).post('/', json(SupervisorLinkRequest), async (c) => {
  const site = c.get('site');
  const db = c.var.db;
  const { email } = c.req.valid('json');
  // Counted before anything is looked up, for every address alike: the answer never says whether one supervises.
  await rateLimit(db, `supervise-link:${site.id}:${clientId(c.req.raw.headers)}`, 5, 600);
  await rateLimit(db, `supervise-link:${site.tenantId}:${email.trim().toLowerCase()}`, 3, 3600);
  await sendFreshLink(db, { tenantId: site.tenantId, email, secret: appSecret(c.env), base: baseOf(c) });
  return c.json({ accepted: true as const }, 202);
});

export const supervise = new Hono<AppEnv>()
  .route('/links', links)

  .get('/', async (c) => {
    const link = await workingLink(c.var.db, bearer(c.req.header('Authorization')));
    const { lang: _lang, ...view } = await supervisorView(c.var.db, link);
    c.header('Cache-Control', 'no-store');
    return c.json(view satisfies SupervisorView);
  })

  .post('/hours/:id/approve', param(HourParam), async (c) => {
    const link = await workingLink(c.var.db, bearer(c.req.header('Authorization')));
    return c.json((await approveHours(c.var.db, link, c.req.valid('param').id)) satisfies HourLogResult);
  })

  .post('/hours/:id/return', param(HourParam), json(HourReturnRequest), async (c) => {
    const link = await workingLink(c.var.db, bearer(c.req.header('Authorization')));
    return c.json((await returnHours(c.var.db, link, c.req.valid('param').id, c.req.valid('json').note)) satisfies HourLogResult);
  })

  .put('/placements/:id/evaluations/:phase', param(EvalParam), json(EvaluationRequest), async (c) => {
    const link = await workingLink(c.var.db, bearer(c.req.header('Authorization')));
    const { id, phase } = c.req.valid('param');
    return c.json((await evaluate(c.var.db, link, id, phase, c.req.valid('json'))) satisfies Evaluation);
  })

  .get('/page', query(PageQuery), async (c) => {
    const { t, lang } = c.req.valid('query');
    const found = await pageLink(c, t);
    if ('page' in found) return found.page;
    const view = await supervisorView(c.var.db, found.link);
    return html(c, supervisorPage({ lang: pageLang(lang, view.lang), view, action: actionOf(c) }));
  })

  .post('/page', query(PageQuery), async (c) => {
    const { t, lang: asked } = c.req.valid('query');
    const found = await pageLink(c, t);
    if ('page' in found) return found.page;
    const db = c.var.db;
    const link = found.link;
    const form = await formOf(c);
    let notice: Notice | undefined;
    let problem: ProblemError | undefined;
    try {
      if (form.action === 'approve') {
        await approveHours(db, link, HourParam.parse({ id: form.hour }).id);
        notice = 'approved';
      } else if (form.action === 'return') {
        await returnHours(db, link, HourParam.parse({ id: form.hour }).id, HourReturnRequest.parse({ note: form.note ?? '' }).note);
        notice = 'returned';
      } else if (form.action === 'evaluate') {
        const { id, phase } = EvalParam.parse({ id: form.application, phase: form.phase });
        const placement = await reachable(db, link, id);
        await evaluate(db, link, id, phase, ratingsOf(form, [...placement.skills, ...placement.technicalSkills]));
        notice = 'evaluated';
      } else {
        throw new ProblemError('validation', { errors: [{ path: 'action', message: 'Use one of the page’s buttons', code: 'invalid_value' }] });
      }
    } catch (e) {
      if (e instanceof ProblemError) problem = e;
      else if (e instanceof z.core.$ZodError)
        problem = new ProblemError('validation', { errors: [{ path: 'form', message: e.issues[0]?.message ?? 'Check the form', code: 'invalid_value' }] });
      else throw e;
    }
    const view = await supervisorView(db, link);
    const lang = pageLang(asked, view.lang);
    const status = problem ? (problem.status === 404 || problem.status === 409 ? problem.status : 400) : 200;
    return html(c, supervisorPage({ lang, view, action: actionOf(c), notice, problem: problem && problemOf(problem, lang) }), status);
  })

  .post('/page/renew', query(PageQuery), async (c) => {
    const { t } = c.req.valid('query');
    const db = c.var.db;
    const link = await findSupervisorLink(db, t);
    if (!link) return html(c, unknownLinkPage(c.var.lang), 404);
    // The old link names the address; nothing typed into a form decides where a link goes.
    await rateLimit(db, `supervise-link:${link.tenantId}:${link.email}`, 3, 3600);
    await sendFreshLink(db, { tenantId: link.tenantId, email: link.email, secret: appSecret(c.env), base: baseOf(c) });
    return html(c, renewedPage(c.var.lang, link.email));
  });
