import type * as core from 'zod/v4/core';

/** One field-level validation error, as the API reports it and the forms show it. */
export interface FieldErrorShape {
  path: string;
  message: string;
  code?: string;
}

/** Turns a zod error into field errors, the same way in the Worker and in the forms. */
export function fieldErrors(error: core.$ZodError): FieldErrorShape[] {
  return error.issues
    .map((issue) => ({
      path: issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? '' : '(root)'),
      message: issue.message,
      code: issue.code,
    }))
    .flatMap((e, i) => {
      // An unknown key is reported once per key, so a person sees which field is wrong.
      const issue = error.issues[i]!;
      if (issue.code === 'unrecognized_keys') {
        const prefix = e.path && e.path !== '(root)' ? `${e.path}.` : '';
        return issue.keys.map((k) => ({ path: `${prefix}${k}`, message: 'Unknown field', code: issue.code }));
      }
      return [e];
    });
}
