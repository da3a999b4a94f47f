import { safeParse } from 'zod/v4/core';
import { LoginRequest, PasswordChangeRequest, passwordRuleErrors } from '../../schema/api/auth.js';
import { fieldErrors } from '../../schema/api/field-errors.js';

/**
 * Checks a sign-in with the Worker's own `LoginRequest` schema: field errors by path, none when
 * it may be sent. Loaded with `import()` when the sign-in form is first used, so the zod code
 * (shared with the sections' forms) is not part of the console's first load.
 */
export function checkLogin(body: { email: string; password: string }): Record<string, string> {
  const result = safeParse(LoginRequest, body);
  const errors: Record<string, string> = {};
  if (!result.success) for (const e of fieldErrors(result.error)) errors[e.path] ??= e.message;
  return errors;
}

/** Why a field of the password form cannot be sent, as a code the console words in its language. */
export type PasswordProblem = 'required' | 'tooShort' | 'tooLong' | 'sameAsCurrent' | 'sameAsEmail' | 'mismatch';

/**
 * Checks "choose your password" with the Worker's own `PasswordChangeRequest` schema and rules
 * (at least 12 characters, not the current one, not the email), plus the confirmation the
 * Worker never sees. Answers a problem code per field: `currentPassword`, `newPassword`, `confirm`.
 */
export function checkPasswordChange(body: { currentPassword: string; newPassword: string; confirm: string }, email: string): Record<string, PasswordProblem> {
  const errors: Record<string, PasswordProblem> = {};
  const result = safeParse(PasswordChangeRequest, { currentPassword: body.currentPassword, newPassword: body.newPassword });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = String(issue.path[0] ?? '');
      const code: PasswordProblem =
        issue.code === 'too_small'
          ? body[path as 'newPassword']
            ? 'tooShort'
            : 'required'
          : issue.code === 'too_big'
            ? 'tooLong'
            : issue.code === 'custom'
              ? 'sameAsCurrent'
              : 'required';
      if (path === 'currentPassword' && code === 'tooShort') errors[path] ??= 'required';
      else if (path) errors[path] ??= code;
    }
  }
  if (!errors.newPassword && passwordRuleErrors(body.newPassword, email).length) errors.newPassword = 'sameAsEmail';
  if (!errors.newPassword && body.confirm !== body.newPassword) errors.confirm = 'mismatch';
  return errors;
}
