import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env.js';
import { ProblemError, problemResponse } from './lib/problem.js';
import { withDatabase } from './lib/db.js';
import { openApiDocument } from './lib/openapi.js';
import { applications } from './routes/applications.js';
import { admin } from './routes/admin/index.js';
import { agreements } from './routes/agreements.js';
import { auth } from './routes/auth.js';
import { achievementsPublic, credentials, issuers, skills } from './routes/credentials.js';
import { eventFeed, events, rsvps } from './routes/events.js';
import { forms } from './routes/forms.js';
import { health } from './routes/health.js';
import { hostOffers } from './routes/host-offers.js';
import { opportunities } from './routes/opportunities.js';
import { taxonomy } from './routes/taxonomy.js';

/** Every body the public API accepts is small; anything larger is refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

const api = new Hono<AppEnv>()
  .use(withDatabase)
  .use(bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => { throw new ProblemError('tooLarge', { detail: `Send at most ${MAX_BODY_BYTES / 1024} KB.` }); },
  }))
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
  .route('/admin', admin)
  .get('/openapi.json', (c) => c.json(openApiDocument(new URL(c.req.url).origin)));

export const app = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next();
    // No answer is ever to be sniffed into another type (a CSV or SVG rendered as HTML).
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  })
  .route('/api/v1', api)
  .notFound((c) => problemResponse(new ProblemError('notFound', { detail: `Nothing is at ${new URL(c.req.url).pathname}.` }), new URL(c.req.url).pathname))
  .onError((err, c) => {
    const instance = new URL(c.req.url).pathname;
    if (err instanceof ProblemError) return problemResponse(err, instance);
    if (err instanceof HTTPException && /Malformed JSON/i.test(err.message)) {
      // Hono's json validator parses the body before ours runs; its answer becomes a field error.
      return problemResponse(new ProblemError('validation', { detail: 'The body is not valid JSON.', errors: [{ path: '(root)', message: 'Not valid JSON', code: 'invalid_json' }] }), instance);
    }
    if (err instanceof HTTPException) {
      const kind = err.status === 413 ? 'tooLarge' : err.status === 404 ? 'notFound' : err.status === 401 ? 'unauthorized' : err.status === 403 ? 'forbidden' : 'validation';
      return problemResponse(new ProblemError(kind, { status: err.status, detail: err.message || undefined }), instance);
    }
    console.error('unhandled', err);
    return problemResponse(new ProblemError('internal'), instance);
  });

export type App = typeof app;
