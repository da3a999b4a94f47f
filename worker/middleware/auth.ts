import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { SessionUser } from '../../schema/api/auth.js';
import type { AppEnv } from '../env.js';
import { ProblemError } from '../lib/problem.js';
import { resolveSession } from '../lib/sessions.js';
import { anySiteAllows, siteAllows } from './site.js';

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-None-Match';

/**
 * Whether a page at `origin` may use the staff API for `tenantId`: one of that tenant's active
 * sites lists it. A request without `Origin` is not from a page of another origin (a same-origin
 * GET, a script, curl), and the deployment's own origin serves the console to every district, so
 * both pass: CORS guards browsers' cross-origin reads, nothing else.
 */
export async function originServesTenant(c: Context<AppEnv>, tenantId: string): Promise<boolean> {
  const origin = c.req.header('Origin');
  if (!origin || origin === new URL(c.req.url).origin) return true;
  return siteAllows(c.var.db, origin, tenantId);
}

/**
 * Console routes are called with `Authorization: Bearer`, never cookies, so a browser on a
 * district intranet page may call them cross-origin. The allow-list is per tenant:
 * - a preflight carries no token, so it is answered for any origin some active site lists
 *   (it only lets the browser send the real request, which is checked below);
 * - the real answer to a signed-in request (and to a successful sign-in) carries
 *   Access-Control-Allow-Origin only when one of the session's own tenant's sites lists the
 *   origin; `signedIn` refuses such a request with 403 before anything runs, and sign-in from
 *   such an origin creates no session (see routes/auth.ts);
 * - an answer with nobody signed in (a wrong password, a 429, an ended session) carries it for
 *   any registered origin, so the console can read why.
 */
export const staffCors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('Origin');
  if (c.req.method === 'OPTIONS') {
    const allowed = origin ? await anySiteAllows(c.var.db, origin) : false;
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
  if (!origin) return;
  const user: SessionUser | undefined = c.get('user');
  // signedIn has already looked this up for a signed-in request: one query, not two.
  const allowed = user ? (c.get('originServesTenant') ?? (await originServesTenant(c, user.tenantId))) : await anySiteAllows(c.var.db, origin);
  if (allowed) {
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', 'Content-Disposition, Retry-After');
  }
});

/** The bearer token from `Authorization`, or null. */
export function bearer(header: string | undefined): string | null {
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/**
 * Staff routes: the user, and with them the tenant, come from the session — never from the body.
 * A page of an origin that none of the tenant's sites lists is refused before the route runs (so
 * a write from another district's page does not happen even though its answer could not be read),
 * and a session signed in with a temporary password reaches only the routes that let the person
 * choose their own (`allowTemporaryPassword`).
 */
const signedInAs = (allowTemporaryPassword: boolean) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = bearer(c.req.header('Authorization'));
    const user = token ? await resolveSession(c.var.db, token) : null;
    if (!user) {
      throw new ProblemError('signInRequired', {
        title: 'Sign in to continue',
        detail: token ? 'Your session has ended. Please sign in again.' : 'Send `Authorization: Bearer <token>` from POST /api/v1/auth/login.',
        headers: { 'WWW-Authenticate': 'Bearer realm="open-wbl"' },
      });
    }
    // Set first, so staffCors answers this refusal without Access-Control-Allow-Origin.
    c.set('user', user);
    const serves = await originServesTenant(c, user.tenantId);
    c.set('originServesTenant', serves);
    if (!serves) {
      throw new ProblemError('forbidden', { detail: 'This page is not one of your district’s registered sites, so it may not use your session.' });
    }
    if (user.mustChangePassword && !allowTemporaryPassword) {
      throw new ProblemError('passwordChangeRequired', {
        detail:
          'You signed in with a temporary password. Choose your own with POST /api/v1/auth/password { currentPassword, newPassword }; until then only that, /auth/me and /auth/logout answer.',
      });
    }
    await next();
  });

/** Every staff route: a signed-in user who has chosen their own password. */
export const signedIn = signedInAs(false);
/** Only /auth/password, /auth/me and /auth/logout: a temporary password is enough to reach them. */
export const signedInWithTemporaryPassword = signedInAs(true);

/** Refuses (403) a signed-in user whose role is not listed. */
export const requireRole = (...roles: SessionUser['role'][]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user');
    if (!roles.includes(user.role)) {
      throw new ProblemError('forbidden', { detail: `This needs the ${roles.join(' or ')} role; you are signed in as ${user.role}.` });
    }
    await next();
  });
