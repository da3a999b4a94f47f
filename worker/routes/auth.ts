import { Hono } from 'hono';
import { LoginRequest, LoginResponse, SessionUser } from '../../schema/api/auth.js';
import type { AppEnv } from '../env.js';
import { bearer, signedIn, staffCors } from '../middleware/auth.js';
import { json } from '../middleware/validate.js';
import { audit } from '../lib/audit.js';
import { describe } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { clientId, failuresSoFar, recordFailure } from '../lib/rate-limit.js';
import { verifySecret } from '../lib/secrets.js';
import { createSession, endSession, newToken } from '../lib/sessions.js';

describe({
  method: 'post', path: '/api/v1/auth/login', summary: 'Sign in with email and password; answers a bearer token', tags: ['auth'], security: 'none',
  body: LoginRequest,
  responses: {
    200: { description: 'Signed in', schema: LoginResponse },
    401: { description: 'The email or password is not right (the same answer for both)' },
    429: { description: 'Too many failed sign-ins for this account or from this client in 15 minutes' },
  },
});
describe({ method: 'post', path: '/api/v1/auth/logout', summary: 'End this session at once', tags: ['auth'], security: 'bearer', responses: { 204: { description: 'Signed out' } } });
describe({ method: 'get', path: '/api/v1/auth/me', summary: 'The signed-in user', tags: ['auth'], security: 'bearer', responses: { 200: { description: 'The user', schema: SessionUser } } });

/** The most PBKDF2 iterations workerd's WebCrypto allows. */
export const PASSWORD_ITERATIONS = 100_000;
const FAIL_WINDOW = 900;
const MAX_FAILURES = 10;

interface UserRow { id: string; email: string; name: string; role: SessionUser['role']; tenant_id: string; tenant_name: string; employer_id: string | null; password_hash: string }

const badCredentials = () => new ProblemError('unauthorized', {
  title: 'Email or password is not right',
  detail: 'Check both and try again. After 10 failed tries in 15 minutes, sign-in pauses for a while.',
});

export const auth = new Hono<AppEnv>()
  .use(staffCors)
  .post('/login', json(LoginRequest), async (c) => {
    const db = c.env.DB;
    const { email, password } = c.req.valid('json');
    const account = `login-fail:account:${email.toLowerCase()}`;
    const client = `login-fail:client:${clientId(c.req.raw.headers)}`;
    const [byAccount, byClient] = await Promise.all([failuresSoFar(db, account, FAIL_WINDOW), failuresSoFar(db, client, FAIL_WINDOW)]);
    if (byAccount >= MAX_FAILURES || byClient >= MAX_FAILURES) {
      throw new ProblemError('rateLimited', {
        title: 'Too many failed sign-ins',
        detail: 'Sign-in is paused for up to 15 minutes after 10 failed tries. Ask your administrator if you have forgotten your password.',
        headers: { 'Retry-After': String(FAIL_WINDOW) },
      });
    }
    const user = await db.prepare(
      `SELECT u.id, u.email, u.name, u.role, u.tenant_id, t.name AS tenant_name, u.employer_id, u.password_hash
         FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.email = ? COLLATE NOCASE AND u.disabled = 0`,
    ).bind(email).first<UserRow>();
    // A missing account still costs one full PBKDF2 derivation, so timing does not tell which part was wrong.
    const ok = await verifySecret(password, user?.password_hash ?? `pbkdf2$${PASSWORD_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAA`);
    if (!user || !ok) {
      await Promise.all([recordFailure(db, account, FAIL_WINDOW), recordFailure(db, client, FAIL_WINDOW)]);
      throw badCredentials();
    }
    const token = newToken();
    const expiresAt = await createSession(db, { id: user.id, tenantId: user.tenant_id }, token);
    await audit(db, { tenantId: user.tenant_id, actorType: 'user', actorId: user.id, action: 'session.login', entity: 'user', entityId: user.id });
    const body: LoginResponse = {
      token,
      expiresAt,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenant_id, tenantName: user.tenant_name, employerId: user.employer_id },
    };
    return c.json(body, 200);
  })
  .post('/logout', signedIn, async (c) => {
    const user = c.get('user');
    await endSession(c.env.DB, bearer(c.req.header('Authorization'))!);
    await audit(c.env.DB, { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action: 'session.logout', entity: 'user', entityId: user.id });
    return c.body(null, 204);
  })
  .get('/me', signedIn, (c) => c.json(c.get('user')));
