import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { LoginRequest, LoginResponse, PasswordChanged, PasswordChangeRequest, SessionUser, passwordRuleErrors } from '../../schema/api/auth.js';
import { tenants, users } from '../../schema/db/tables.js';
import type { AppEnv } from '../env.js';
import type { Database } from '../lib/db.js';
import { bearer, originServesTenant, signedInWithTemporaryPassword, staffCors } from '../middleware/auth.js';
import { json } from '../middleware/validate.js';
import { auditRow } from '../lib/audit.js';
import { describe } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { clientId, countAttempt } from '../lib/rate-limit.js';
import { hashSecret, verifySecret } from '../lib/secrets.js';
import { createSession, endOtherSessions, endSession, newToken, SESSION_USER_COLUMNS, sessionUserOf, tokenHash } from '../lib/sessions.js';

describe({
  method: 'post',
  path: '/api/v1/auth/login',
  summary: 'Sign in with email and password; answers a bearer token',
  tags: ['auth'],
  security: 'none',
  body: LoginRequest,
  responses: {
    200: {
      description:
        'Signed in. With `user.mustChangePassword: true` (a temporary password) only /auth/password, /auth/me and /auth/logout answer until a new password is chosen.',
      schema: LoginResponse,
    },
    401: { description: 'The email or password is not right (the same answer for both)' },
    403: { description: 'The page signing in (its `Origin`) is not a registered site of the account’s district; no session is created' },
    429: { description: 'Too many sign-in attempts for this account (10) or from this client (50) in 15 minutes; counted before the password is checked' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/auth/logout',
  summary: 'End this session at once',
  tags: ['auth'],
  security: 'bearer',
  responses: { 204: { description: 'Signed out' } },
});
describe({
  method: 'get',
  path: '/api/v1/auth/me',
  summary: 'The signed-in user',
  tags: ['auth'],
  security: 'bearer',
  responses: { 200: { description: 'The user', schema: SessionUser } },
});
describe({
  method: 'post',
  path: '/api/v1/auth/password',
  summary: 'Replace your own password; your other sessions end, this one stays',
  tags: ['auth'],
  security: 'bearer',
  body: PasswordChangeRequest,
  responses: {
    200: { description: 'Changed; `mustChangePassword` is now false', schema: PasswordChanged },
    400: { description: 'The current password is not right, or the new one breaks a rule (at least 12 characters, not the current one, not your email)' },
    429: { description: 'Too many tries at the current password (10 in 15 minutes)' },
  },
});

/** The most PBKDF2 iterations workerd's WebCrypto allows. */
export const PASSWORD_ITERATIONS = 100_000;
const ATTEMPT_WINDOW = 900;
/** Per account: a person mistyping gets ten tries; a guesser gets ten per quarter hour. */
const MAX_PER_ACCOUNT = 10;
/** Per client: higher, so one person's mistakes do not lock out a school office behind one address. */
const MAX_PER_CLIENT = 50;
/** An account with no usable password still costs a full derivation, so timing does not tell it apart. */
const NO_ACCOUNT = `pbkdf2$${PASSWORD_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAA`;

const badCredentials = () =>
  new ProblemError('badCredentials', {
    title: 'Email or password is not right',
    detail: 'Check both and try again. After 10 failed tries in 15 minutes, sign-in pauses for a while.',
  });

const PAUSED = {
  title: 'Too many sign-in attempts',
  detail: 'Sign-in is paused for up to 15 minutes after 10 tries. Ask your administrator if you have forgotten your password.',
};

/** Counted before the password is checked: parallel guesses cannot slip past the limit. */
const countSignIn = (db: Database, email: string, client: string) =>
  countAttempt(
    db,
    [
      { bucket: `login:account:${email.toLowerCase()}`, limit: MAX_PER_ACCOUNT, ...PAUSED },
      { bucket: `login:client:${client}`, limit: MAX_PER_CLIENT, ...PAUSED },
    ],
    ATTEMPT_WINDOW,
  );

export const auth = new Hono<AppEnv>()
  .use(staffCors)
  .post('/login', json(LoginRequest), async (c) => {
    const db = c.var.db;
    const { email, password } = c.req.valid('json');
    const attempt = await countSignIn(db, email, clientId(c.req.raw.headers));
    const user = await db
      .select({ ...SESSION_USER_COLUMNS, passwordHash: users.passwordHash })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(and(sql`${users.email} = ${email} COLLATE NOCASE`, eq(users.disabled, false)))
      .get();
    // A missing account, and an account whose hash is empty or malformed, cost one full PBKDF2
    // derivation like a real one, so timing does not tell which part was wrong.
    const ok = await verifySecret(password, user?.passwordHash ?? NO_ACCOUNT, PASSWORD_ITERATIONS);
    if (!user || !ok) throw badCredentials();
    await attempt.succeeded();
    // Checked only after the password, so a refusal never tells an outsider which district an address belongs to.
    if (!(await originServesTenant(c, user.tenantId))) {
      throw new ProblemError('forbidden', {
        title: 'Sign in from your district’s own site',
        detail: 'This page is not one of your district’s registered sites, so it may not sign you in. Use your district’s console page.',
      });
    }
    const token = newToken();
    const expiresAt = await createSession(db, user, token);
    await auditRow(db, { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action: 'session.login', entity: 'user', entityId: user.id });
    const sessionUser = sessionUserOf(user);
    c.set('user', sessionUser);
    return c.json({ token, expiresAt, user: sessionUser } satisfies LoginResponse, 200);
  })
  .post('/password', signedInWithTemporaryPassword, json(PasswordChangeRequest), async (c) => {
    const db = c.var.db;
    const user = c.get('user');
    const { currentPassword, newPassword } = c.req.valid('json');
    const ruleErrors = passwordRuleErrors(newPassword, user.email);
    if (ruleErrors.length) throw new ProblemError('validation', { errors: ruleErrors });
    // A stolen session must not become a way to guess the password behind it.
    const attempt = await countAttempt(
      db,
      [
        {
          bucket: `password-change:${user.id}`,
          limit: MAX_PER_ACCOUNT,
          title: 'Too many tries at your current password',
          detail: 'Changing your password is paused for up to 15 minutes. Sign out and back in if you have forgotten it, or ask your administrator.',
        },
      ],
      ATTEMPT_WINDOW,
    );
    const row = await db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(and(eq(users.id, user.id), eq(users.tenantId, user.tenantId)))
      .get();
    if (!(await verifySecret(currentPassword, row?.passwordHash ?? NO_ACCOUNT, PASSWORD_ITERATIONS))) {
      throw new ProblemError('validation', { errors: [{ path: 'currentPassword', message: 'This is not your current password', code: 'wrong_password' }] });
    }
    await attempt.succeeded();
    const hash = await hashSecret(newPassword, PASSWORD_ITERATIONS);
    const keep = await tokenHash(bearer(c.req.header('Authorization'))!);
    const [, ended] = await db.batch([
      db
        .update(users)
        .set({ passwordHash: hash, mustChangePassword: false })
        .where(and(eq(users.id, user.id), eq(users.tenantId, user.tenantId))),
      endOtherSessions(db, user, keep),
      auditRow(db, {
        tenantId: user.tenantId,
        actorType: 'user',
        actorId: user.id,
        action: 'user.change_password',
        entity: 'user',
        entityId: user.id,
        detail: { wasTemporary: user.mustChangePassword },
      }),
    ]);
    const changed: SessionUser = { ...user, mustChangePassword: false };
    c.set('user', changed);
    return c.json({ user: changed, otherSessionsEnded: ended?.meta.changes ?? 0 } satisfies PasswordChanged, 200);
  })
  .post('/logout', signedInWithTemporaryPassword, async (c) => {
    const user = c.get('user');
    await endSession(c.var.db, bearer(c.req.header('Authorization'))!);
    await auditRow(c.var.db, { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action: 'session.logout', entity: 'user', entityId: user.id });
    return c.body(null, 204);
  })
  .get('/me', signedInWithTemporaryPassword, (c) => c.json(c.get('user')));
