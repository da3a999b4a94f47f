import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type * as core from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { es } from 'zod/v4/locales';
import { fieldErrors } from '../../schema/api/problem.js';
import { requestLang, type Lang } from '../lib/lang.js';
import { ProblemError } from '../lib/problem.js';

/**
 * zod's own messages in Spanish, passed to each parse (never as global config: requests in
 * both languages run at once). Messages our schemas name themselves win over it and are
 * translated when the problem is answered (lib/problem.ts).
 */
const SPANISH: core.ParseContext<core.$ZodIssue> = { error: es().localeError };

const langOf = (c: Context): Lang => (c.var as { lang?: Lang }).lang ?? requestLang(c.req.raw);

function parseOrThrow<T extends core.$ZodType>(schema: T, value: unknown, lang: Lang): core.output<T> {
  const result = safeParse(schema, value, lang === 'es' ? SPANISH : undefined);
  if (!result.success) throw new ProblemError('validation', { errors: fieldErrors(result.error) });
  return result.data;
}

/** Whether an object schema names `key` itself. */
const declares = (schema: core.$ZodType, key: string) => {
  const shape = (schema._zod.def as { shape?: Record<string, unknown> }).shape;
  return !!shape && key in shape;
};

/**
 * Validates the query string with a shared schema; repeated keys arrive as arrays. `lang`, the
 * answer's language (`lib/lang.ts`), may come with any request: it is only passed on to a schema
 * that names it.
 */
export const query = <T extends core.$ZodType>(schema: T) =>
  validator('query', (_value, c: Context) => {
    const raw: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(c.req.queries())) raw[k] = v.length === 1 ? v[0]! : v;
    if (!declares(schema, 'lang')) delete raw.lang;
    return parseOrThrow(schema, raw, langOf(c));
  });

/** Validates a route parameter set. */
export const param = <T extends core.$ZodType>(schema: T) =>
  validator('param', (value) => {
    const result = safeParse(schema, value);
    // An id that cannot exist is simply not found, never a hint about what ids look like.
    if (!result.success) throw new ProblemError('notFound');
    return result.data as core.output<T>;
  });

/** Validates a JSON body: 415 for another media type, 400 for broken JSON, field errors otherwise. */
export const json = <T extends core.$ZodType>(schema: T) =>
  validator('json', async (_value, c: Context) => {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/([a-z.+-]+\+)?json\s*(;|$)/i.test(type)) {
      throw new ProblemError('unsupportedMediaType', { detail: 'Send the body as JSON with Content-Type: application/json.' });
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new ProblemError('validation', {
        detail: 'The body is not valid JSON.',
        errors: [{ path: '(root)', message: 'Not valid JSON', code: 'invalid_json' }],
      });
    }
    return parseOrThrow(schema, body, langOf(c));
  });
