/**
 * Trust, staff accounts (issue 10, part D), on the real Worker and D1: a temporary password only
 * lets its holder choose their own, a password change ends the person's other sessions, an
 * account without a password answers sign-in as slowly as one with, and the staff CORS
 * allow-list is per tenant.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROBLEM_TYPES } from '../../schema/api/problem.js';
import { changePassword, signInAs, signInChoosingPassword } from './account-helpers.js';
import { ADMIN, COORDINATOR, LAKESIDE, as, quote, read, sql, uniqueWord, write } from './admin-helpers.js';
import { api, expectProblem, ORIGIN } from './helpers.js';

const newEmail = () => `${uniqueWord('acct')}@riverside-usd.example`;

/** An admin creates an account; answers the user and the temporary password. */
const newUser = (extra: Record<string, unknown> = {}) =>
  write(ADMIN, 'POST', '/admin/users', { email: newEmail(), name: `Test ${uniqueWord('Person')}`, role: 'coordinator', ...extra }, 201);

const withToken = (token: string, method = 'GET', path = '/auth/me', headers: Record<string, string> = {}) =>
  api(path, { key: null, method, headers: { Authorization: `Bearer ${token}`, ...headers } });

/** The status, with the body read, so no answer is left half-read on a kept-alive socket. */
async function statusOf(res: Response | Promise<Response>): Promise<number> {
  const r = await res;
  await r.arrayBuffer();
  return r.status;
}

async function tokenOf(res: Response): Promise<{ token: string; user: { mustChangePassword: boolean } }> {
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

describe('a temporary password', () => {
  it('signs in only to choose a new one', async () => {
    const { user, temporaryPassword } = await newUser();
    const session = await tokenOf(await signInAs(user.email, temporaryPassword));
    assert.equal(session.user.mustChangePassword, true, 'the sign-in answer says so');
    const me = await withToken(session.token);
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { mustChangePassword: boolean }).mustChangePassword, true);
    // Every other staff route, reads and writes alike, answers the new problem type.
    for (const [method, path] of [
      ['GET', '/admin/opportunities'],
      ['GET', '/admin/students'],
      ['GET', '/admin/reports'],
      ['POST', '/admin/events'],
    ] as const) {
      const problem = await expectProblem(await withToken(session.token, method, path, { 'Content-Type': 'application/json' }), 403);
      assert.equal(problem.type, PROBLEM_TYPES.passwordChangeRequired, `${method} ${path}`);
      assert.equal(problem.type, 'https://openwbl.org/problems/password-change-required');
      assert.match(problem.detail ?? '', /auth\/password/);
    }
    // Choosing a password opens the console with the same session.
    const changed = await changePassword(session.token, temporaryPassword, 'a river runs through it');
    assert.equal(changed.status, 200, await changed.clone().text());
    const body = (await changed.json()) as { user: { id: string; mustChangePassword: boolean }; otherSessionsEnded: number };
    assert.equal(body.user.id, user.id);
    assert.equal(body.user.mustChangePassword, false);
    assert.equal((await withToken(session.token, 'GET', '/admin/opportunities')).status, 200);
    assert.equal(((await (await withToken(session.token)).json()) as { mustChangePassword: boolean }).mustChangePassword, false);
    await expectProblem(await signInAs(user.email, temporaryPassword), 401);
    assert.equal((await tokenOf(await signInAs(user.email, 'a river runs through it'))).user.mustChangePassword, false);
  });

  it('comes back with a reset, and logout works meanwhile', async () => {
    const { user, temporaryPassword } = await newUser({ role: 'viewer' });
    await signInChoosingPassword(user.email, temporaryPassword);
    const reset = await write(ADMIN, 'POST', `/admin/users/${user.id}/reset-password`, undefined);
    const session = await tokenOf(await signInAs(user.email, reset.temporaryPassword));
    assert.equal(session.user.mustChangePassword, true);
    const problem = await expectProblem(await withToken(session.token, 'GET', '/admin/reports'), 403);
    assert.equal(problem.type, PROBLEM_TYPES.passwordChangeRequired);
    assert.equal((await withToken(session.token, 'POST', '/auth/logout')).status, 204);
    await expectProblem(await withToken(session.token), 401);
  });

  it('is refused as a new password, and so are short ones and the email', async () => {
    const { user, temporaryPassword } = await newUser();
    const { token } = await tokenOf(await signInAs(user.email, temporaryPassword));
    const fieldsOf = async (res: Response) => (await expectProblem(res, 400)).errors?.map((e) => e.path);
    assert.deepEqual(await fieldsOf(await changePassword(token, temporaryPassword, 'short-11chr')), ['newPassword'], 'at least 12 characters');
    assert.deepEqual(await fieldsOf(await changePassword(token, temporaryPassword, temporaryPassword)), ['newPassword'], 'not the current one');
    assert.deepEqual(await fieldsOf(await changePassword(token, temporaryPassword, user.email.toUpperCase())), ['newPassword'], 'not the email');
    assert.deepEqual(await fieldsOf(await changePassword(token, 'not-the-current-one', 'a long enough new one')), ['currentPassword']);
    // None of those changed anything.
    const problem = await expectProblem(await withToken(token, 'GET', '/admin/opportunities'), 403);
    assert.equal(problem.type, PROBLEM_TYPES.passwordChangeRequired);
    assert.equal((await signInAs(user.email, temporaryPassword)).status, 200);
  });
});

describe('changing one’s password', () => {
  it('is open to every staff user, and ends their other sessions but not this one', async () => {
    // The coordinator's case is the temporary-password test above; the roles with the least access here.
    for (const role of ['viewer', 'supervisor']) {
      const { user, temporaryPassword } = await newUser(role === 'supervisor' ? { role, employerId: 'emp_riv_arroyo_medical' } : { role });
      const { token: here, password } = await signInChoosingPassword(user.email, temporaryPassword);
      const elsewhere = (await tokenOf(await signInAs(user.email, password))).token;
      const third = (await tokenOf(await signInAs(user.email, password))).token;
      const res = await changePassword(here, password, `${password} and more`);
      assert.equal(res.status, 200, `${role}: ${await res.clone().text()}`);
      assert.equal(((await res.json()) as { otherSessionsEnded: number }).otherSessionsEnded, 2, role);
      assert.equal(await statusOf(withToken(here)), 200, `${role}: this session stays`);
      await expectProblem(await withToken(elsewhere), 401);
      await expectProblem(await withToken(third), 401);
      await expectProblem(await signInAs(user.email, password), 401);
      assert.equal(await statusOf(signInAs(user.email, `${password} and more`)), 200);
      const trail = (await read(ADMIN, '/admin/audit', { entityId: user.id, limit: 50 })).items.filter(
        (e: { action: string }) => e.action === 'user.change_password',
      );
      assert.equal(trail.length, 2, 'each change is audited as the person themself');
      assert.ok(trail.every((e: { actorType: string; actorId: string }) => e.actorType === 'user' && e.actorId === user.id));
      assert.ok(!JSON.stringify(trail).includes(password));
    }
  });

  it('needs a session, and throttles guesses at the current password', async () => {
    await expectProblem(
      await api('/auth/password', {
        key: null,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ currentPassword: 'x', newPassword: 'long enough password' }),
      }),
      401,
    );
    const { user, temporaryPassword } = await newUser();
    const { token, password } = await signInChoosingPassword(user.email, temporaryPassword);
    const guesses = await Promise.all(Array.from({ length: 15 }, (_, i) => changePassword(token, `guess number ${i}`, 'a brand new password')));
    const statuses = guesses.map((r) => r.status);
    await Promise.all(guesses.map((r) => r.body?.cancel()));
    assert.ok(statuses.filter((s) => s === 400).length <= 10, statuses.join(','));
    assert.ok(statuses.includes(429));
    await expectProblem(await changePassword(token, password, 'a brand new password'), 429);
  });
});

describe('an account without a password', () => {
  /** Milliseconds a refused sign-in takes. */
  async function timed(email: string, client: string): Promise<number> {
    const start = performance.now();
    const res = await signInAs(email, 'not the password at all', { 'CF-Connecting-IP': client });
    await res.text();
    assert.equal(res.status, 401);
    return performance.now() - start;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  it('answers sign-in in the same time as one that has one', async () => {
    const withPassword = (await newUser({ role: 'supervisor', employerId: 'emp_riv_arroyo_medical' })).user;
    const created = await newUser({ role: 'supervisor', employerId: 'emp_riv_arroyo_medical' });
    const without = created.user;
    // A supervisor account made elsewhere without a password: an empty hash.
    sql(`UPDATE users SET password_hash = '' WHERE id = ${quote(without.id)}`);
    await expectProblem(await signInAs(without.email, created.temporaryPassword, { 'CF-Connecting-IP': '198.19.7.3' }), 401);
    await timed(withPassword.email, '198.19.7.1');
    await timed(without.email, '198.19.7.2');
    const a: number[] = [];
    const b: number[] = [];
    // Interleaved, so a burst of load on a shared machine falls on both kinds alike.
    for (let i = 0; i < 8; i++) {
      a.push(await timed(withPassword.email, `198.19.8.${i + 1}`));
      b.push(await timed(without.email, `198.19.9.${i + 1}`));
    }
    const ratio = median(b) / median(a);
    console.log(`sign-in without a password ${median(b).toFixed(1)} ms, with one ${median(a).toFixed(1)} ms`);
    assert.ok(ratio > 0.7 && ratio < 1.5, `without a password ${median(b).toFixed(1)} ms, with one ${median(a).toFixed(1)} ms (×${ratio.toFixed(2)})`);
  });
});

describe('the staff CORS allow-list', () => {
  const RIVERSIDE_ONLY = `https://${uniqueWord('staff')}.riverside-usd.example`;
  const NOWHERE = 'https://intranet.elsewhere.example';
  let registered = false;

  /** An origin registered for a Riverside site only, through the admin sites API. */
  async function register() {
    if (registered) return;
    await write(ADMIN, 'POST', '/admin/sites', { name: `Staff intranet ${uniqueWord('site')}`, allowedOrigins: [RIVERSIDE_ONLY] }, 201);
    registered = true;
  }

  const fromOrigin = (email: string, origin: string, path = '/admin/opportunities') => as(email, 'GET', path, undefined, { headers: { Origin: origin } });

  it('answers a preflight for any registered origin, and none for others', async () => {
    await register();
    const preflight = (origin: string) =>
      api('/admin/opportunities', {
        key: null,
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
    assert.equal((await preflight(RIVERSIDE_ONLY)).headers.get('access-control-allow-origin'), RIVERSIDE_ONLY);
    assert.equal((await preflight(NOWHERE)).headers.get('access-control-allow-origin'), null);
  });

  it('opens the staff API to an origin only for the district whose site lists it', async () => {
    await register();
    const own = await fromOrigin(COORDINATOR, RIVERSIDE_ONLY);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('access-control-allow-origin'), RIVERSIDE_ONLY);
    // Lakeside's session from Riverside's page: refused before the route runs, and unreadable.
    const other = await fromOrigin(LAKESIDE, RIVERSIDE_ONLY);
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    assert.ok(!(await other.text()).includes('opp_lak_'), 'none of Lakeside’s data');
    const write = await as(LAKESIDE, 'POST', '/admin/events', {}, { headers: { Origin: RIVERSIDE_ONLY } });
    assert.equal(write.status, 403, 'a write is refused too, not only its answer hidden');
    for (const who of [COORDINATOR, LAKESIDE]) {
      const nowhere = await fromOrigin(who, NOWHERE);
      assert.equal(nowhere.status, 403);
      assert.equal(nowhere.headers.get('access-control-allow-origin'), null);
    }
    // The demo sites of both districts list the deployment's own origin (and so does the Worker itself).
    for (const who of [COORDINATOR, LAKESIDE]) {
      const home = await fromOrigin(who, ORIGIN);
      assert.equal(home.status, 200);
      assert.equal((await fromOrigin(who, ORIGIN, '/auth/me')).status, 200);
    }
    assert.equal((await as(LAKESIDE, 'GET', '/admin/opportunities')).status, 200, 'no Origin: not a browser page of another origin');
  });

  it('refuses sign-in from an origin the account’s district does not list, creating no session', async () => {
    await register();
    const since = new Date().toISOString();
    for (const origin of [RIVERSIDE_ONLY, NOWHERE]) {
      const res = await signInAs(LAKESIDE, 'lakeside-demo', { Origin: origin });
      const problem = await expectProblem(res, 403);
      assert.equal(problem.type, PROBLEM_TYPES.forbidden);
      assert.ok(!('token' in problem));
    }
    const made = sql<{ n: number }>(`SELECT count(*) AS n FROM sessions WHERE user_id = 'usr_lak_coordinator' AND created_at >= ${quote(since)}`);
    assert.equal(Number(made[0]!.n), 0, 'no session was created');
    const riverside = await signInAs(COORDINATOR, 'riverside-demo', { Origin: RIVERSIDE_ONLY });
    assert.equal(riverside.status, 200);
    assert.equal(riverside.headers.get('access-control-allow-origin'), RIVERSIDE_ONLY);
    await expectProblem(await signInAs(COORDINATOR, 'riverside-demo', { Origin: NOWHERE }), 403);
    // A wrong password answers the same from anywhere, so the refusal tells an outsider nothing.
    const wrong = await expectProblem(await signInAs(LAKESIDE, 'not-it', { Origin: RIVERSIDE_ONLY }), 401);
    assert.equal(wrong.type, PROBLEM_TYPES.badCredentials);
    assert.equal(await statusOf(signInAs(LAKESIDE, 'lakeside-demo', { Origin: ORIGIN })), 200);
  });
});
