import type { ExecutionContext } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env.js';
import { ProblemError, problemResponse, type ProblemKind } from './lib/problem.js';
import { methodsAt, routeTable, type RouteEntry, type RouterRoute } from './lib/route-table.js';
import { database, withDatabase } from './lib/db.js';
import { requestLang, withLang } from './lib/lang.js';
import { dispatchPending } from './mail/dispatch.js';
import { describe, openApiDocument } from './lib/openapi.js';
import { applications } from './routes/applications.js';
import { admin } from './routes/admin/index.js';
import { agreements } from './routes/agreements.js';
import { auth } from './routes/auth.js';
import { achievementsPublic, credentials, issuers, skills } from './routes/credentials.js';
import { eventFeed, events, rsvps } from './routes/events.js';
import { forms } from './routes/forms.js';
import { health } from './routes/health.js';
import { hostOffers } from './routes/host-offers.js';
import { mail } from './routes/mail.js';
import { me } from './routes/me/index.js';
import { opportunities } from './routes/opportunities.js';
import { supervise } from './routes/supervise.js';
import { taxonomy } from './routes/taxonomy.js';

describe({
  method: 'get',
  path: '/api/v1/openapi.json',
  summary: 'This OpenAPI 3.1 document, built from the routes and their shared zod schemas',
  tags: ['meta'],
  security: 'none',
  responses: { 200: { description: 'The OpenAPI document', contentType: 'application/json' } },
});

/** Every body the public API accepts is small; anything larger is refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

const api = new Hono<AppEnv>()
  .use(withDatabase)
  .use(withLang)
  .use(async (c, next) => {
    await next();
    // A write may have committed messages: hand them to the mail queue once the answer is made.
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' || !c.env.MAIL_QUEUE) return;
    let ctx: ExecutionContext | undefined;
    try {
      ctx = c.executionCtx;
    } catch {
      return;
    }
    ctx.waitUntil(dispatchPending(database(c.env.DB), c.env.MAIL_QUEUE).catch((e) => console.error('mail dispatch', e)));
  })
  .use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ProblemError('tooLarge', { detail: `Send at most ${MAX_BODY_BYTES / 1024} KB.` });
      },
    }),
  )
  .route('/health', health)
  .route('/taxonomy', taxonomy)
  .route('/opportunities', opportunities)
  .route('/forms', forms)
  .route('/host-offers', hostOffers)
  .route('/applications', applications)
  .route('/events.ics', eventFeed)
  .route('/events', events)
  .route('/rsvps', rsvps)
  .route('/agreements', agreements)
  .route('/credentials', credentials)
  .route('/issuers', issuers)
  .route('/achievements', achievementsPublic)
  .route('/skills', skills)
  .route('/auth', auth)
  .route('/mail', mail)
  .route('/me', me)
  .route('/supervise', supervise)
  .route('/admin', admin)
  .get('/openapi.json', (c) => c.json(openApiDocument(new URL(c.req.url).origin, routerRoutes())));

export const app = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next();
    // No answer is ever to be sniffed into another type (a CSV or SVG rendered as HTML).
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  })
  .route('/api/v1', api)
  .notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const lang = c.var.lang ?? requestLang(c.req.raw);
    // A path some route serves, asked with another method: 405 and what it does answer.
    const allow = methodsAt(endpoints(), path);
    if (allow.length && !allow.includes(c.req.method)) {
      return problemResponse(
        new ProblemError('methodNotAllowed', { detail: `${path} answers ${allow.join(', ')}.`, headers: { Allow: allow.join(', ') } }),
        path,
        {},
        lang,
      );
    }
    return problemResponse(new ProblemError('notFound', { detail: `Nothing is at ${path}.` }), path, {}, lang);
  })
  .onError((err, c) => {
    const instance = new URL(c.req.url).pathname;
    // Problems speak the request's language (set by withLang; read again if the error came first).
    const lang = c.var.lang ?? requestLang(c.req.raw);
    if (err instanceof ProblemError) return problemResponse(err, instance, {}, lang);
    if (err instanceof HTTPException && /Malformed JSON/i.test(err.message)) {
      // Hono's json validator parses the body before ours runs; its answer becomes a field error.
      return problemResponse(
        new ProblemError('validation', {
          detail: 'The body is not valid JSON.',
          errors: [{ path: '(root)', message: 'Not valid JSON', code: 'invalid_json' }],
        }),
        instance,
        {},
        lang,
      );
    }
    if (err instanceof HTTPException) {
      // Each status its own kind of problem; one this table does not know is ours to fix.
      const kind = KIND_OF_STATUS[err.status] ?? 'internal';
      return problemResponse(new ProblemError(kind, { status: err.status, detail: err.message || undefined }), instance, {}, lang);
    }
    console.error('unhandled', err);
    return problemResponse(new ProblemError('internal'), instance, {}, lang);
  });

/** The router's own entries (handlers and middleware), read when the document is asked for. */
const routerRoutes = (): readonly RouterRoute[] => app.routes;

let table: RouteEntry[] | undefined;
/** The router's endpoints, read once from the app itself. */
export const endpoints = () => (table ??= routeTable(app.routes));

const KIND_OF_STATUS: Partial<Record<number, ProblemKind>> = {
  400: 'validation',
  401: 'signInRequired',
  403: 'forbidden',
  404: 'notFound',
  405: 'methodNotAllowed',
  409: 'conflict',
  410: 'gone',
  413: 'tooLarge',
  415: 'unsupportedMediaType',
  422: 'unprocessable',
  429: 'rateLimited',
  503: 'unavailable',
};
