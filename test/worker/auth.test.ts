/** Sign-in, sessions, throttling and roles, on the real Worker and D1. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { DEMO } from '../../demo/seed/index.js';
import { PasswordChangeRequest } from '../../schema/api/auth.js';
import { DEMO_USERS, demoUserRows } from '../../demo/seed/users.js';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { ADMIN, uniqueWord, write } from './admin-helpers.js';
import { api, expectProblem, login, tokenFor } from './helpers.js';

/**
 * An account of its own for a throttling test, so pausing it does not lock a demo account
 * that later test files sign in with. Answers its email and (temporary) password.
 */
async function accountToPause(): Promise<{ email: string; password: string }> {
  const created = await write(
    ADMIN,
    'POST',
    '/admin/users',
    { email: `${uniqueWord('pause')}@riverside-usd.example`, name: 'Paused Person', role: 'viewer' },
    201,
  );
  return { email: created.user.email, password: created.temporaryPassword };
}

const bearer = (token: string) => ({ key: null, headers: { Authorization: `Bearer ${token}` } });

describe('sign-in', () => {
  it('answers a token and the user, and the token reads /auth/me', async () => {
    const res = await login('coordinator@riverside.example', 'riverside-demo');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { token: string; expiresAt: string; user: Record<string, unknown> };
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
    assert.ok(Date.parse(body.expiresAt) > Date.now() + 60 * 60 * 1000);
    assert.deepEqual(body.user, {
      id: 'usr_riv_coordinator',
      email: 'coordinator@riverside.example',
      name: 'Marcus Bell',
      role: 'coordinator',
      tenantId: DEMO.riverside.tenantId,
      tenantName: 'Riverside Unified School District',
      employerId: null,
      mustChangePassword: false,
    });
    const me = await api('/auth/me', bearer(body.token));
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { id: string }).id, 'usr_riv_coordinator');
    assert.equal(me.headers.get('cache-control'), 'no-store');
  });

  it('matches email without regard to case', async () => {
    assert.equal((await login('Coordinator@Riverside.Example', 'riverside-demo')).status, 200);
  });

  it('stores only a hash of the token', async () => {
    const token = await tokenFor('viewer@riverside.example');
    const rows = query(process.env.WBL_PERSIST_TO, 'SELECT token_hash, user_id FROM sessions') as { token_hash: string; user_id: string }[];
    assert.ok(rows.some((r) => r.user_id === 'usr_riv_viewer'));
    assert.ok(!JSON.stringify(rows).includes(token), 'the token itself is never stored');
    for (const r of rows) assert.match(r.token_hash, /^[0-9a-f]{64}$/);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await expectProblem(await login('coordinator@riverside.example', 'not-the-password'), 401);
    const unknown = await expectProblem(await login('nobody@riverside.example', 'not-the-password'), 401);
    assert.equal(wrong.title, unknown.title);
    assert.equal(wrong.detail, unknown.detail);
    assert.equal(wrong.type, unknown.type);
  });

  it('validates the body with field errors', async () => {
    const res = await api('/auth/login', {
      key: null,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'not an email', password: '', tenantId: 'ten_lakeside' }),
    });
    const problem = await expectProblem(res, 400);
    const paths = problem.errors!.map((e) => e.path).sort();
    // A tenant in the body is not a way in: it is an unknown key, refused like any other.
    assert.deepEqual(paths, ['email', 'password', 'tenantId']);
  });

  it('pauses an account after 10 failures in 15 minutes, whichever client tries', async () => {
    const { email, password } = await accountToPause();
    for (let i = 0; i < 10; i++) await expectProblem(await login(email, `wrong-${i}`, `198.51.100.${i + 1}`), 401);
    const paused = await expectProblem(await login(email, password, '198.51.100.77'), 429);
    assert.match(paused.title, /Too many/);
    // Another account from the same clients is unaffected.
    assert.equal((await login('supervisor@riverside.example', 'riverside-demo', '198.51.100.1')).status, 200);
  });

  it('pauses a client after 50 failures in 15 minutes, whichever account it tries', async () => {
    const client = '192.0.2.99';
    // Higher than one account's limit: colleagues behind one school address are not locked out by one person.
    for (let i = 0; i < 50; i++) await expectProblem(await login(`guess${i}@riverside.example`, 'password1', client), 401);
    await expectProblem(await login('viewer@riverside.example', 'riverside-demo', client), 429);
    assert.equal((await login('viewer@riverside.example', 'riverside-demo', '192.0.2.100')).status, 200);
  });

  it('counts before it checks: of 30 wrong passwords sent at once, at most 10 are checked', async () => {
    const { email, password } = await accountToPause();
    const guesses = Array.from({ length: 30 }, (_, i) => login(email, `parallel-guess-${i}`, `198.51.100.${100 + i}`));
    // The right password, sent last in the same burst: a guesser's 31st try, so it must not be checked either.
    const lucky = login(email, password, '198.51.100.199');
    const answers = await Promise.all(guesses);
    const statuses = answers.map((r) => r.status);
    await Promise.all(answers.map((r) => r.body?.cancel()));
    const checked = statuses.filter((s) => s === 401).length;
    assert.ok(checked <= 10, `${checked} guesses were checked`);
    assert.equal(statuses.filter((s) => s === 429).length, 30 - checked, statuses.join(','));
    await expectProblem(await lucky, 429);
    // Inside the full window the right password is refused too: a guesser learns nothing from it.
    const right = await expectProblem(await login(email, password, '198.51.100.200'), 429);
    assert.ok(right.title);
  });

  it('gives back the attempts of people who get their password right', async () => {
    const email = 'viewer@riverside.example';
    for (let i = 0; i < 12; i++) assert.equal((await login(email, 'riverside-demo', `198.51.101.${i + 1}`)).status, 200);
  });
});

describe('sessions', () => {
  it('refuses a missing, malformed or unknown token with 401 and WWW-Authenticate', async () => {
    for (const header of [undefined, 'Bearer', 'Basic abc', `Bearer ${'x'.repeat(43)}`]) {
      const res = await api('/auth/me', { key: null, headers: header ? { Authorization: header } : {} });
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
      await expectProblem(res, 401);
    }
  });

  it('ends at once on logout', async () => {
    const token = await tokenFor('coordinator@lakeside.example');
    assert.equal((await api('/auth/me', bearer(token))).status, 200);
    assert.equal((await api('/auth/logout', { ...bearer(token), method: 'POST' })).status, 204);
    await expectProblem(await api('/auth/me', bearer(token)), 401);
  });

  it('is not a site key, and a site key is not a session', async () => {
    await expectProblem(await api('/auth/me', { key: DEMO.riverside.key }), 401);
    const token = await tokenFor('coordinator@riverside.example');
    await expectProblem(await api('/opportunities', { key: null, headers: { Authorization: `Bearer ${token}` } }), 401);
  });
});

describe('the password contract', () => {
  it('documents an example its own schema accepts', () => {
    const { example } = z.globalRegistry.get(PasswordChangeRequest) as { example: unknown };
    assert.equal(PasswordChangeRequest.safeParse(example).success, true);
  });
});

describe('demo users', () => {
  it('are refused when ENVIRONMENT=production', () => {
    assert.throws(() => demoUserRows('production'), /production/);
    assert.equal(demoUserRows('development').length, DEMO_USERS.length);
  });

  it('store PBKDF2-SHA256 hashes at 100 000 iterations, never the password', () => {
    for (const row of demoUserRows(undefined)) {
      assert.match(row.password_hash, /^pbkdf2\$100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      assert.ok(!row.password_hash.includes('demo'));
    }
  });
});
