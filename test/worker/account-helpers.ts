/**
 * Helpers for tests that make staff accounts through the admin API. A new account (or a reset)
 * signs in with a temporary password that reaches only POST /auth/password, so a test that wants
 * to use the account signs in and chooses a password first, as the person would.
 */
import assert from 'node:assert/strict';
import { nextClient } from './admin-helpers.js';
import { api } from './helpers.js';

/** Signs in from a client address of its own; answers the response. */
export function signInAs(email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return api('/auth/login', {
    key: null,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClient(), ...headers },
    body: JSON.stringify({ email, password }),
  });
}

/** POST /auth/password with a session token. */
export function changePassword(token: string, currentPassword: string, newPassword: string, headers: Record<string, string> = {}): Promise<Response> {
  return api('/auth/password', {
    key: null,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ currentPassword, newPassword }),
  });
}

/**
 * Signs in with a temporary password and chooses a new one (`${temporary}-chosen`); answers the
 * session token, which then reaches every route of the user's role, and the chosen password.
 */
export async function signInChoosingPassword(email: string, temporaryPassword: string): Promise<{ token: string; password: string }> {
  const res = await signInAs(email, temporaryPassword);
  assert.equal(res.status, 200, await res.clone().text());
  const { token } = (await res.json()) as { token: string };
  const password = `${temporaryPassword}-chosen`;
  const changed = await changePassword(token, temporaryPassword, password);
  assert.equal(changed.status, 200, await changed.clone().text());
  return { token, password };
}
