/**
 * Staff accounts of a tenant, managed by its administrator: who may sign in to the console and
 * with which role. A new account or a reset answers a temporary password once; only its PBKDF2
 * hash is stored.
 */
import * as z from 'zod/mini';
import { USER_ROLES } from '../../vocab.js';
import { email, text } from '../fields.js';
import { adminPageOf, adminPaging, adminRef, queryValue } from './paging.js';

export type UserRole = (typeof USER_ROLES)[number];

const ROLE_MESSAGE = 'Choose admin, coordinator, supervisor or viewer';
const role = z.enum(USER_ROLES, { error: ROLE_MESSAGE });
const employerRef = adminRef('emp', 'Choose one of your employers');
const SUPERVISOR_NEEDS_EMPLOYER = 'A supervisor works for an employer: choose one';

export const UserCreate = z
  .strictObject({
    /** Stored in lower case; one account per address across the deployment. */
    email: z.pipe(
      email('Enter a work email address'),
      z.transform((v: string) => v.toLowerCase()),
    ),
    name: text(120, 'Enter the person’s name'),
    role,
    /** Required for a supervisor, refused for any other role. */
    employerId: z.optional(z.nullable(employerRef)),
  })
  .check(
    z.superRefine((b, ctx) => {
      if (b.role === 'supervisor' && !b.employerId)
        ctx.issues.push({ code: 'custom', path: ['employerId'], message: SUPERVISOR_NEEDS_EMPLOYER, input: b.employerId });
      if (b.role !== 'supervisor' && b.employerId)
        ctx.issues.push({ code: 'custom', path: ['employerId'], message: 'Only a supervisor has an employer', input: b.employerId });
    }),
  );
UserCreate.register(z.globalRegistry, {
  description: 'A new staff account. The answer carries a temporary password, shown once.',
  example: { email: 'j.ortiz@riverside-usd.example', name: 'Jordan Ortiz', role: 'coordinator' },
});
export type UserCreate = z.input<typeof UserCreate>;

export const UserUpdate = z
  .strictObject({
    name: z.optional(text(120, 'Enter the person’s name')),
    role: z.optional(role),
    /** A supervisor's employer; null when the role changes away from supervisor. */
    employerId: z.optional(z.nullable(employerRef)),
    /** A disabled account cannot sign in, and its sessions end at once. */
    disabled: z.optional(z.boolean({ error: 'Choose true or false' })),
  })
  .check(z.refine((b) => Object.keys(b).length > 0, 'Change at least one field'));
UserUpdate.register(z.globalRegistry, {
  description: 'Rename a user, change their role or employer, or disable or enable the account.',
  example: { role: 'viewer' },
});
export type UserUpdate = z.input<typeof UserUpdate>;

export const UserListQuery = z.strictObject({
  role: z.optional(queryValue(z.optional(role))),
  /** Part of a name or email address. */
  q: z.optional(queryValue(z.optional(z.string().check(z.trim(), z.maxLength(100, 'Keep this under 100 characters'))))),
  ...adminPaging,
});
export type UserListQuery = z.output<typeof UserListQuery>;

export const AdminUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: role,
  employerId: z.nullable(z.string()),
  employerName: z.nullable(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
  /** When their latest session began; null if they never signed in (or every session has been cleared). */
  lastSignInAt: z.nullable(z.string()),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUserList = adminPageOf(AdminUser);
export type AdminUserList = z.infer<typeof AdminUserList>;

export const UserCreated = z.object({
  user: AdminUser,
  /** Shown this once: share it with the person securely; they sign in with it. */
  temporaryPassword: z.string(),
});
export type UserCreated = z.infer<typeof UserCreated>;

export const PasswordReset = z.object({
  /** Shown this once; the old password and every session of the user stop working. */
  temporaryPassword: z.string(),
});
export type PasswordReset = z.infer<typeof PasswordReset>;
