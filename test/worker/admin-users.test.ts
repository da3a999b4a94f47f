/**
 * Staff accounts, the district administrator's work, on the real Worker and D1: a new user
 * signs in with the temporary password shown once, disabling or resetting ends their sessions
 * at once, and nobody can lock a district out of its own console.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { UserCreate, UserUpdate } from '../../schema/api/admin/users.js';
import { ADMIN, as, COORDINATOR, LAKESIDE, read, SUPERVISOR, uniqueWord, VIEWER, write } from './admin-helpers.js';
import { signInChoosingPassword } from './account-helpers.js';
import { api, expectProblem, login } from './helpers.js';

const newEmail = () => `${uniqueWord('user')}@riverside-usd.example`;

/** An admin creates an account; answers the user and the temporary password. */
const newUser = (extra: Record<string, unknown> = {}) =>
  write(ADMIN, 'POST', '/admin/users', { email: newEmail(), name: `Test ${uniqueWord('Person')}`, role: 'coordinator', ...extra }, 201);

async function signIn(email: string, password: string): Promise<string> {
  const res = await login(email, password);
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { token: string }).token;
}

const me = (token: string) => api('/auth/me', { key: null, headers: { Authorization: `Bearer ${token}` } });

describe('staff accounts', () => {
  it('creates a coordinator whose temporary password signs in', async () => {
    const { user, temporaryPassword } = await newUser();
    assert.match(user.id, /^usr_/);
    assert.equal(user.role, 'coordinator');
    assert.equal(user.disabled, false);
    assert.equal(user.lastSignInAt, null);
    assert.equal('passwordHash' in user || 'password_hash' in user, false);
    assert.match(temporaryPassword, /^[2-9a-z]{4}(-[2-9a-z]{4}){3}$/);
    const token = await signIn(user.email, temporaryPassword);
    const res = await me(token);
    assert.equal(res.status, 200);
    const who = (await res.json()) as { role: string; mustChangePassword: boolean };
    assert.equal(who.role, 'coordinator');
    assert.equal(who.mustChangePassword, true, 'a temporary password is for choosing one’s own');
    const again = await read(ADMIN, `/admin/users/${user.id}`);
    assert.ok(again.lastSignInAt, 'the sign-in shows');
    assert.equal(again.temporaryPassword, undefined, 'the password is shown once');
    const listed = await read(ADMIN, '/admin/users', { q: user.email, limit: 10 });
    assert.deepEqual(
      listed.items.map((u: { id: string }) => u.id),
      [user.id],
    );
  });

  it('is for administrators only, but for the supervisors a coordinator adds', async () => {
    for (const who of [VIEWER, SUPERVISOR]) {
      await expectProblem(await as(who, 'GET', '/admin/users'), 403);
      await expectProblem(
        await as(who, 'POST', '/admin/users', { email: newEmail(), name: 'X', role: 'supervisor', employerId: 'emp_riv_arroyo_medical' }),
        403,
      );
    }
    for (const role of ['admin', 'coordinator', 'viewer']) {
      await expectProblem(await as(COORDINATOR, 'POST', '/admin/users', { email: newEmail(), name: 'X', role }), 403);
    }
    const { user } = await newUser({ role: 'viewer' });
    await expectProblem(await as(COORDINATOR, 'GET', `/admin/users/${user.id}`), 404);
    assert.equal((await read(COORDINATOR, '/admin/users/usr_riv_supervisor')).role, 'supervisor');
    await expectProblem(await as(COORDINATOR, 'PATCH', `/admin/users/${user.id}`, { role: 'admin' }), 403);
    await expectProblem(await as(COORDINATOR, 'PATCH', '/admin/users/usr_riv_supervisor', { role: 'coordinator' }), 403);
    await expectProblem(await as(COORDINATOR, 'POST', `/admin/users/${user.id}/reset-password`), 403);
    assert.equal((await read(ADMIN, `/admin/users/${user.id}`)).role, 'viewer', 'nothing changed');
    assert.equal((await read(ADMIN, '/admin/users/usr_riv_supervisor')).role, 'supervisor');
    await expectProblem(await as(null, 'GET', '/admin/users'), 401);
  });

  it('lets a coordinator add a supervisor for an approved employer of the district, shown once', async () => {
    const email = newEmail();
    const created = await write(
      COORDINATOR,
      'POST',
      '/admin/users',
      { email, name: 'Priya Natarajan', role: 'supervisor', employerId: 'emp_riv_arroyo_medical' },
      201,
    );
    assert.equal(created.user.role, 'supervisor');
    assert.equal(created.user.employerId, 'emp_riv_arroyo_medical');
    assert.match(created.temporaryPassword, /^[2-9a-z]{4}(-[2-9a-z]{4}){3}$/);
    // The list a coordinator sees holds the supervisors only, never the password.
    const listed = await read(COORDINATOR, '/admin/users', { limit: 100 });
    assert.ok(listed.items.some((u: { id: string }) => u.id === created.user.id));
    assert.ok(listed.items.length > 0 && listed.items.every((u: { role: string }) => u.role === 'supervisor'));
    assert.deepEqual((await read(COORDINATOR, '/admin/users', { role: 'admin', limit: 100 })).items, []);
    assert.ok(!JSON.stringify(listed).includes(created.temporaryPassword));
    // The new supervisor chooses a password, then reaches their placements.
    const { token } = await signInChoosingPassword(email, created.temporaryPassword);
    const hours = await api('/admin/applications', { key: null, headers: { Authorization: `Bearer ${token}` } });
    assert.equal(hours.status, 200, await hours.clone().text());
    // Another district's employer is not found; one still pending review is not vetted yet.
    await expectProblem(
      await as(COORDINATOR, 'POST', '/admin/users', { email: newEmail(), name: 'X', role: 'supervisor', employerId: 'emp_lak_lakeshore_health' }),
      404,
    );
    const pending = await expectProblem(
      await as(COORDINATOR, 'POST', '/admin/users', { email: newEmail(), name: 'X', role: 'supervisor', employerId: 'emp_riv_aerial_drones' }),
      400,
    );
    assert.deepEqual(
      pending.errors?.map((e) => [e.path, e.code]),
      [['employerId', 'employer_not_approved']],
    );
    // A coordinator of another district cannot add to this one's employers either.
    await expectProblem(
      await as(LAKESIDE, 'POST', '/admin/users', { email: newEmail(), name: 'X', role: 'supervisor', employerId: 'emp_riv_arroyo_medical' }),
      404,
    );
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const { user } = await newUser();
    const twice = await expectProblem(await as(ADMIN, 'POST', '/admin/users', { email: user.email.toUpperCase(), name: 'Twin', role: 'viewer' }), 409);
    assert.match(twice.detail ?? '', /already/);
    await expectProblem(await as(ADMIN, 'POST', '/admin/users', { email: 'coordinator@lakeside.example', name: 'Other district', role: 'viewer' }), 409);
  });

  it('needs one of the district’s employers for a supervisor', async () => {
    const none = await expectProblem(await as(ADMIN, 'POST', '/admin/users', { email: newEmail(), name: 'No employer', role: 'supervisor' }), 400);
    assert.deepEqual(
      none.errors?.map((e) => e.path),
      ['employerId'],
    );
    // Another district's employer answers 404 like any other tenant's id.
    await expectProblem(
      await as(ADMIN, 'POST', '/admin/users', { email: newEmail(), name: 'Lakeside employer', role: 'supervisor', employerId: 'emp_lak_lakeshore_health' }),
      404,
    );
    const { user } = await newUser({ role: 'supervisor', employerId: 'emp_riv_arroyo_medical' });
    assert.equal(user.employerId, 'emp_riv_arroyo_medical');
    assert.ok(user.employerName);
    const moved = await write(ADMIN, 'PATCH', `/admin/users/${user.id}`, { role: 'viewer' });
    assert.equal(moved.employerId, null, 'only supervisors have an employer');
  });

  it('refuses a tenant in the body', async () => {
    const res = await expectProblem(
      await as(ADMIN, 'POST', '/admin/users', { email: newEmail(), name: 'Elsewhere', role: 'viewer', tenantId: 'ten_lakeside' }),
      400,
    );
    assert.deepEqual(
      res.errors?.map((e) => e.path),
      ['tenantId'],
    );
  });

  it('ends a disabled user’s session at once, and lets them back in when enabled', async () => {
    const { user, temporaryPassword } = await newUser();
    const token = await signIn(user.email, temporaryPassword);
    assert.equal((await me(token)).status, 200);
    const off = await write(ADMIN, 'PATCH', `/admin/users/${user.id}`, { disabled: true });
    assert.equal(off.disabled, true);
    await expectProblem(await me(token), 401);
    await expectProblem(await login(user.email, temporaryPassword), 401);
    await write(ADMIN, 'PATCH', `/admin/users/${user.id}`, { disabled: false });
    await signIn(user.email, temporaryPassword);
  });

  it('ends a user’s session when their role changes', async () => {
    const { user, temporaryPassword } = await newUser();
    const token = await signIn(user.email, temporaryPassword);
    assert.equal((await write(ADMIN, 'PATCH', `/admin/users/${user.id}`, { role: 'viewer' })).role, 'viewer');
    await expectProblem(await me(token), 401);
  });

  it('resets a password: the old one fails, the new one works, sessions end', async () => {
    const { user, temporaryPassword } = await newUser();
    const token = await signIn(user.email, temporaryPassword);
    const reset = await write(ADMIN, 'POST', `/admin/users/${user.id}/reset-password`, undefined);
    assert.notEqual(reset.temporaryPassword, temporaryPassword);
    await expectProblem(await me(token), 401);
    await expectProblem(await login(user.email, temporaryPassword), 401);
    await signIn(user.email, reset.temporaryPassword);
  });

  it('does not let an administrator disable or demote themself', async () => {
    const self = (await read(ADMIN, '/admin/users', { q: ADMIN })).items[0];
    assert.equal(self.email, ADMIN);
    const off = await expectProblem(await as(ADMIN, 'PATCH', `/admin/users/${self.id}`, { disabled: true }), 409);
    assert.match(off.detail ?? '', /own account/);
    const demote = await expectProblem(await as(ADMIN, 'PATCH', `/admin/users/${self.id}`, { role: 'coordinator' }), 409);
    assert.match(demote.detail ?? '', /own role/);
    // Another administrator can be demoted by this one, and their session ends with it.
    const { user, temporaryPassword } = await newUser({ role: 'admin' });
    const { token: second } = await signInChoosingPassword(user.email, temporaryPassword);
    const authed = (method: string, path: string, body?: unknown) =>
      api(path, {
        key: null,
        method,
        headers: { Authorization: `Bearer ${second}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    assert.equal((await authed('GET', '/admin/users')).status, 200);
    assert.equal((await write(ADMIN, 'PATCH', `/admin/users/${user.id}`, { role: 'viewer' })).role, 'viewer');
    await expectProblem(await authed('GET', '/admin/users'), 401);
    const after = await read(ADMIN, `/admin/users/${self.id}`);
    assert.equal(after.role, 'admin');
    assert.equal(after.disabled, false);
  });

  it('keeps each district’s users apart', async () => {
    const { user } = await newUser();
    await expectProblem(await as(LAKESIDE, 'GET', `/admin/users/${user.id}`), 404);
    const all = await read(ADMIN, '/admin/users', { limit: 100 });
    assert.ok(all.items.every((u: { email: string }) => !u.email.endsWith('@lakeside.example')));
    assert.ok(all.items.some((u: { email: string }) => u.email === COORDINATOR));
    await expectProblem(await as(ADMIN, 'GET', '/admin/users/usr_lak_coordinator'), 404);
    await expectProblem(await as(ADMIN, 'PATCH', '/admin/users/usr_lak_coordinator', { disabled: true }), 404);
    await expectProblem(await as(ADMIN, 'POST', '/admin/users/usr_lak_coordinator/reset-password'), 404);
    const viewers = await read(ADMIN, '/admin/users', { role: 'viewer', limit: 100 });
    assert.ok(viewers.items.length > 0 && viewers.items.every((u: { role: string }) => u.role === 'viewer'));
  });

  it('pages through the users', async () => {
    await newUser();
    const first = await read(ADMIN, '/admin/users', { limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = await read(ADMIN, '/admin/users', { limit: 2, cursor: first.nextCursor });
    assert.ok(second.items.every((u: { id: string }) => !first.items.some((f: { id: string }) => f.id === u.id)));
  });

  it('documents examples its own schemas accept', () => {
    for (const schema of [UserCreate, UserUpdate]) {
      const { example } = z.globalRegistry.get(schema) as { example: unknown };
      assert.equal(schema.safeParse(example).success, true);
    }
  });

  it('audits every write without a password in it', async () => {
    const { user, temporaryPassword } = await newUser();
    await write(ADMIN, 'PATCH', `/admin/users/${user.id}`, { name: 'Renamed Person' });
    const reset = await write(ADMIN, 'POST', `/admin/users/${user.id}/reset-password`, undefined);
    const trail = await read(ADMIN, '/admin/audit', { entityId: user.id, limit: 50 });
    const actions = trail.items.map((e: { action: string }) => e.action).sort();
    assert.deepEqual(actions, ['user.create', 'user.reset_password', 'user.update']);
    const text = JSON.stringify(trail.items);
    assert.ok(!text.includes(temporaryPassword) && !text.includes(reset.temporaryPassword));
    assert.ok(!/pbkdf2/.test(text));
  });
});
