import { safeParse } from 'zod/v4/core';
import { LoginRequest } from '../../schema/api/auth.js';
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
