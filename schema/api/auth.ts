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
