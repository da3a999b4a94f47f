import { z } from 'zod';

/** One field-level validation error: a JSON-pointer-like dotted path and a message. */
export const FieldError = z.object({
  path: z.string().describe('Where the problem is, e.g. `radius_km` or `contact.email`.'),
  message: z.string(),
  code: z.string().optional(),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, as every error of the API is answered. */
export const Problem = z.object({
  type: z.string().describe('A stable URI naming the kind of problem.'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** The stable problem types. */
export const PROBLEM_TYPES = {
  validation: 'https://openwbl.org/problems/validation',
  notFound: 'https://openwbl.org/problems/not-found',
  /** A public route was called without a site key (X-Site-Key, or ?key= for feeds). */
  unauthorized: 'https://openwbl.org/problems/site-key-required',
  /** A staff route was called without a live session (`WWW-Authenticate: Bearer`). */
  signInRequired: 'https://openwbl.org/problems/sign-in-required',
  /** Sign-in with an email and password that do not match an account. */
  badCredentials: 'https://openwbl.org/problems/invalid-credentials',
  forbidden: 'https://openwbl.org/problems/forbidden',
  /** Signed in with a temporary password: only POST /api/v1/auth/password (and me, logout) answer until a new one is chosen. */
  passwordChangeRequired: 'https://openwbl.org/problems/password-change-required',
  tooLarge: 'https://openwbl.org/problems/payload-too-large',
  unsupportedMediaType: 'https://openwbl.org/problems/unsupported-media-type',
  rateLimited: 'https://openwbl.org/problems/rate-limited',
  conflict: 'https://openwbl.org/problems/conflict',
  gone: 'https://openwbl.org/problems/gone',
  methodNotAllowed: 'https://openwbl.org/problems/method-not-allowed',
  unprocessable: 'https://openwbl.org/problems/unprocessable',
  unavailable: 'https://openwbl.org/problems/unavailable',
  internal: 'https://openwbl.org/problems/internal',
} as const;

export { fieldErrors } from './field-errors.js';
