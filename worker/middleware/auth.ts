import { createMiddleware } from 'hono/factory';
import type { SessionUser } from '../../schema/api/auth.js';
import type { AppEnv } from '../env.js';
import { ProblemError } from '../lib/problem.js';
import { resolveSession } from '../lib/sessions.js';
import { anySiteAllows } from './site.js';

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-None-Match';

/**
 * Console routes are called with `Authorization: Bearer`, never cookies, so a browser on a
 * district intranet page may call them cross-origin when that origin is one of the
 * deployment's registered sites; a preflight from anywhere else gets no CORS headers.
 */
export const staffCors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('Origin');
  const allowed = origin ? await anySiteAllows(c.env.DB, origin) : false;
  if (c.req.method === 'OPTIONS') {
    if (!allowed) return c.body(null, 204, { Vary: 'Origin' });
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin!,
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  }
  await next();
  c.header('Vary', 'Origin', { append: true });
  c.header('Cache-Control', 'no-store');
  if (allowed) {
    c.header('Access-Control-Allow-Origin', origin!);
    c.header('Access-Control-Expose-Headers', 'Content-Disposition, Retry-After');
  }
});

/** The bearer token from `Authorization`, or null. */
export function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** Staff routes: the user, and with them the tenant, come from the session — never from the body. */
export const signedIn = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('Authorization'));
  const user = token ? await resolveSession(c.env.DB, token) : null;
  if (!user) {
    throw new ProblemError('unauthorized', {
      title: 'Sign in to continue',
      detail: token ? 'Your session has ended. Please sign in again.' : 'Send `Authorization: Bearer <token>` from POST /api/v1/auth/login.',
      headers: { 'WWW-Authenticate': 'Bearer realm="open-wbl"' },
    });
  }
  c.set('user', user);
  await next();
});

/** Refuses (403) a signed-in user whose role is not listed. */
export const requireRole = (...roles: SessionUser['role'][]) => createMiddleware<AppEnv>(async (c, next) => {
  const user = c.get('user');
  if (!roles.includes(user.role)) {
    throw new ProblemError('forbidden', { detail: `This needs the ${roles.join(' or ')} role; you are signed in as ${user.role}.` });
  }
  await next();
});
