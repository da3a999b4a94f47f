import type { FieldError } from '../../schema/api/problem.js';
import { PROBLEM_TYPES } from '../../schema/api/problem.js';

export type ProblemKind = keyof typeof PROBLEM_TYPES;

const TITLES: Record<ProblemKind, string> = {
  validation: 'Some of the input is not valid',
  notFound: 'Not found',
  unauthorized: 'A site key is required',
  signInRequired: 'Sign in to continue',
  badCredentials: 'Email or password is not right',
  forbidden: 'Not allowed',
  passwordChangeRequired: 'Choose your own password first',
  tooLarge: 'The request body is too large',
  unsupportedMediaType: 'Send the body as application/json',
  rateLimited: 'Too many requests',
  conflict: 'Conflict',
  gone: 'No longer available',
  methodNotAllowed: 'Method not allowed',
  unprocessable: 'The request cannot be carried out',
  unavailable: 'Not available right now',
  internal: 'Something went wrong on our side',
};

const STATUS: Record<ProblemKind, number> = {
  validation: 400,
  notFound: 404,
  unauthorized: 401,
  signInRequired: 401,
  badCredentials: 401,
  forbidden: 403,
  passwordChangeRequired: 403,
  tooLarge: 413,
  unsupportedMediaType: 415,
  rateLimited: 429,
  conflict: 409,
  gone: 410,
  methodNotAllowed: 405,
  unprocessable: 422,
  unavailable: 503,
  internal: 500,
};

/** An error that the single `onError` handler turns into `application/problem+json`. */
export class ProblemError extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(kind: ProblemKind, opts: { detail?: string; errors?: FieldError[]; status?: number; title?: string; headers?: Record<string, string> } = {}) {
    super(opts.title ?? TITLES[kind]);
    this.kind = kind;
    this.status = opts.status ?? STATUS[kind];
    this.detail = opts.detail;
    this.errors = opts.errors;
    this.headers = opts.headers;
  }

  toJSON(instance?: string) {
    return {
      type: PROBLEM_TYPES[this.kind],
      title: this.message,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export function problemResponse(problem: ProblemError, instance?: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem.toJSON(instance)), {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...problem.headers, ...extraHeaders },
  });
}
