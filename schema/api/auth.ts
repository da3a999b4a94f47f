/**
 * Sign-in for the coordinator console. Written with `zod/mini` so the console's sign-in form
 * validates with the Worker's own schema.
 */
import * as z from 'zod/mini';
import { USER_ROLES } from '../vocab.js';

export const LoginRequest = z.strictObject({
  email: z.email({ error: 'Enter your work email address' }).check(z.maxLength(254, 'Keep this under 254 characters')),
  password: z.string({ error: 'Enter your password' }).check(z.minLength(1, 'Enter your password'), z.maxLength(200, 'Keep this under 200 characters')),
});
LoginRequest.register(z.globalRegistry, {
  description: 'A coordinator, administrator, supervisor or viewer signs in.',
  example: { email: 'coordinator@riverside.example', password: 'riverside-demo' },
});
export type LoginRequest = z.input<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(USER_ROLES),
  tenantId: z.string(),
  tenantName: z.string(),
  /** Set for supervisors: the employer whose placements they may see. */
  employerId: z.nullable(z.string()),
  /**
   * True after signing in with a temporary password (a new account, or a reset): until
   * POST /api/v1/auth/password succeeds, every other staff route answers 403
   * `https://openwbl.org/problems/password-change-required`.
   */
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  /** Send as `Authorization: Bearer <token>`. Keep it in memory or sessionStorage, never localStorage. */
  token: z.string(),
  /** The session ends this long after its last use (sliding); signing out ends it at once. */
  expiresAt: z.string(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** The rules a new password follows, shown beside the form and checked by the Worker. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export const PasswordChangeRequest = z
  .strictObject({
    currentPassword: z
      .string({ error: 'Enter your current password' })
      .check(z.minLength(1, 'Enter your current password'), z.maxLength(PASSWORD_MAX_LENGTH, 'Keep this under 200 characters')),
    newPassword: z
      .string({ error: 'Choose a new password' })
      .check(
        z.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`),
        z.maxLength(PASSWORD_MAX_LENGTH, 'Keep this under 200 characters'),
      ),
  })
  .check(z.refine((b) => b.newPassword !== b.currentPassword, { path: ['newPassword'], message: 'Choose a password different from the current one' }));
PasswordChangeRequest.register(z.globalRegistry, {
  description: 'The signed-in user replaces their password (a temporary one, or their own). Every other session of theirs ends; this one stays.',
  example: { currentPassword: 'k7mq-3xtd-9pwa-h2ne', newPassword: 'harbor lantern orchard 42' },
});
export type PasswordChangeRequest = z.input<typeof PasswordChangeRequest>;

/**
 * The rules that need to know who is asking (the schema checks length and "not the current
 * one"): a password that is the account's own email address is the first guess anyone makes.
 */
export function passwordRuleErrors(newPassword: string, email: string): { path: string; message: string; code: string }[] {
  return newPassword.trim().toLowerCase() === email.trim().toLowerCase()
    ? [{ path: 'newPassword', message: 'Do not use your email address as your password', code: 'same_as_email' }]
    : [];
}

export const PasswordChanged = z.object({
  /** The user, now with `mustChangePassword: false`. */
  user: SessionUser,
  /** How many other sessions of this user were ended (other browsers, other devices). */
  otherSessionsEnded: z.number(),
});
export type PasswordChanged = z.infer<typeof PasswordChanged>;
