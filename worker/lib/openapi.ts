import { z } from 'zod';
import type * as core from 'zod/v4/core';
import { Problem, PROBLEM_TYPES } from '../../schema/api/problem.js';
import { exampleOf, sampleOfPattern } from './openapi-examples.js';
import { CONDITIONAL, markedAt, pathPattern, samplesOf, type RouterRoute } from './route-table.js';

/** What the OpenAPI document says of one operation; the schemas are the ones that validate it. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tags: string[];
  security?: 'siteKey' | 'bearer' | 'none';
  query?: core.$ZodObject;
  params?: Record<string, string>;
  body?: core.$ZodType;
  responses: Record<number, { description: string; schema?: core.$ZodType; contentType?: string }>;
  /** A public write that takes an `Idempotency-Key` header (a retry answers the first answer again). */
  idempotencyKey?: boolean;
  /** A cached read that answers `304 Not Modified` to a matching `If-None-Match`. */
  conditional?: boolean;
}

/** The problems every operation of a kind can answer, as `components.responses` names. */
const PROBLEM_RESPONSES = {
  BadRequest: {
    status: 400,
    kind: 'validation',
    description: 'Some of the input is not valid: `errors` says which field and why',
    example: {
      type: PROBLEM_TYPES.validation,
      title: 'Some of the input is not valid',
      status: 400,
      errors: [{ path: 'radius_km', message: 'Enter a number from 1 to 200', code: 'too_big' }],
    },
  },
  SiteKeyRequired: {
    status: 401,
    kind: 'unauthorized',
    description: 'No site key, or one that is not active',
    example: { type: PROBLEM_TYPES.unauthorized, title: 'A site key is required', status: 401 },
  },
  SignInRequired: {
    status: 401,
    kind: 'signInRequired',
    description: 'No live session: sign in again',
    example: { type: PROBLEM_TYPES.signInRequired, title: 'Sign in to continue', status: 401 },
  },
  Forbidden: {
    status: 403,
    kind: 'forbidden',
    description: 'Signed in, but this role may not do this',
    example: { type: PROBLEM_TYPES.forbidden, title: 'Not allowed', status: 403 },
  },
  NotFound: {
    status: 404,
    kind: 'notFound',
    description: 'Nothing with that id here',
    example: { type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404 },
  },
  TooLarge: {
    status: 413,
    kind: 'tooLarge',
    description: 'The body is larger than 64 KB',
    example: { type: PROBLEM_TYPES.tooLarge, title: 'The request body is too large', status: 413 },
  },
  UnsupportedMediaType: {
    status: 415,
    kind: 'unsupportedMediaType',
    description: 'The body is not `application/json`',
    example: { type: PROBLEM_TYPES.unsupportedMediaType, title: 'Send the body as application/json', status: 415 },
  },
  RateLimited: {
    status: 429,
    kind: 'rateLimited',
    description: 'Too many requests: wait for `Retry-After` seconds',
    example: { type: PROBLEM_TYPES.rateLimited, title: 'Too many requests', status: 429 },
  },
} as const;
type ProblemResponse = keyof typeof PROBLEM_RESPONSES;

/** Which problems an operation can answer, from what it takes and who may call it. */
function problemsOf(r: RouteDoc): ProblemResponse[] {
  const out: ProblemResponse[] = [];
  if (r.query || r.body) out.push('BadRequest');
  if (r.security === 'bearer') out.push('SignInRequired', 'Forbidden');
  else if (r.security !== 'none') out.push('SiteKeyRequired');
  if (r.params && Object.keys(r.params).length) out.push('NotFound');
  if (r.body) out.push('TooLarge', 'UnsupportedMediaType');
  if (r.security !== 'bearer' && r.method !== 'get') out.push('RateLimited');
  return out;
}

const registry: RouteDoc[] = [];

/** Records a route for the OpenAPI document. Called next to the route's definition. */
export function describe(doc: RouteDoc): void {
  registry.push(doc);
}

const toSchema = (schema: core.$ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

function stripDialect(s: Record<string, unknown>) {
  const { $schema: _ignored, ...rest } = s;
  return rest;
}

/**
 * A query value always arrives as text: a branch zod cannot describe (a transform parsing
 * `lat,lng`, say) is written as the string it is, not as an empty schema that allows anything.
 */
function asQueryText(schema: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(schema.anyOf)) {
    return { ...schema, anyOf: schema.anyOf.map((b: Record<string, unknown>) => (Object.keys(b).length ? b : { type: 'string' })) };
  }
  return Object.keys(schema).length ? schema : { type: 'string' };
}

/** What each group of operations is for, in the words of the people who use it. */
const TAGS: Record<string, string> = {
  meta: 'Health and this document.',
  taxonomy: 'The shared vocabularies: WBL stages, career clusters, experience types and skills, in English and Spanish.',
  opportunities: 'The published opportunities a site’s board shows: job shadows, worksite tours, internships, apprenticeships.',
  forms: 'Short-lived tokens a public form fetches when it opens.',
  'host offers': 'An employer’s offer to host students, from the “host a student” form.',
  applications: 'A student’s application to an opportunity, with the school-issued access code.',
  events: 'The career-awareness calendar (career fairs, guest speakers, family nights), its iCalendar feeds and RSVPs.',
  agreements: 'Training-agreement signatures through the one-time links sent to each signer.',
  credentials: 'Open Badges 3.0 credentials: verification, images, issuer profiles and status lists.',
  auth: 'Staff sign-in, sessions and passwords.',
  supervise:
    'Workplace supervisors without a staff account, through the scoped, expiring link emailed to them: their placements, approving or returning hours, evaluations.',
  me: 'Students and guardians on their own record: sign-in by emailed link or access code, applications, placements, hours, reflections, badges. Every call carries the school site’s key (`X-Site-Key`); the record’s routes also the person’s bearer session, which reaches only their own students.',
  mail: 'The pages every message links to, without signing in: the recipient’s preferences and one-click unsubscribe.',
  'admin: audit': 'The audit log of who did what to which record.',
  'admin: badges': 'Achievements and the credentials issued for them.',
  'admin: events': 'Creating, changing and cancelling events; their registrations.',
  'admin: opportunities': 'The opportunity catalogue and its employers.',
  'admin: outbox': 'Messages waiting to be delivered.',
  'admin: placements': 'Applications through placement: agreements, hours, evaluations.',
  'admin: reports': 'Participation reports, with small cells suppressed.',
  'admin: review': 'The queue of host offers waiting for a coordinator.',
  'admin: sites': 'The sites that embed the widgets, and their publishable keys.',
  'admin: students': 'The student roster: import, export, access codes.',
  'admin: users': 'Staff accounts and roles.',
};

/** Builds the OpenAPI 3.1 document from the registered routes and their zod schemas. */
export function openApiDocument(serverUrl: string, routes: readonly RouterRoute[] = []) {
  const paths: Record<string, Record<string, unknown>> = {};
  // What the router itself says of a route: a cached read (304) is marked on its middleware.
  const served = routes.filter((r) => r.method !== 'ALL').flatMap((r) => samplesOf(r.path, sampleOfPattern).map((p) => ({ method: r.method, p })));
  for (const doc of registry) {
    const pattern = pathPattern(doc.path);
    const samples = served.filter((s) => s.method === doc.method.toUpperCase() && pattern.test(s.p));
    const r: RouteDoc = { ...doc, conditional: doc.conditional ?? samples.some((s) => markedAt(routes, s.method, s.p, CONDITIONAL)) };
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [name, description] of Object.entries(r.params ?? {})) {
      parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string' } });
    }
    if (r.query) {
      for (const [name, field] of Object.entries(r.query._zod.def.shape)) {
        const schema = asQueryText(stripDialect(toSchema(field as core.$ZodType, 'output')));
        parameters.push({ name, in: 'query', required: false, schema, ...(schema.description ? { description: schema.description } : {}) });
      }
    }
    // Every answer (its problems too) comes in the language asked for: see components.parameters.
    if (!r.query || !('lang' in r.query._zod.def.shape)) parameters.push({ $ref: '#/components/parameters/Lang' });
    parameters.push({ $ref: '#/components/parameters/AcceptLanguage' });
    if (r.idempotencyKey) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description:
          'A key the client makes once per submission (8–200 characters) and sends again on a retry: the retry answers the first answer, never a second record.',
        schema: { type: 'string', minLength: 8, maxLength: 200 },
        example: 'd7c2a9e4-0f53-4d8e-a1b6-3c9e2f7a5b10',
      });
    }
    if (r.conditional) {
      parameters.push({
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description: 'The `ETag` of a copy the client holds: unchanged, the answer is 304 with no body.',
        schema: { type: 'string' },
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      const isProblem = Number(status) >= 400;
      const type = res.contentType ?? (isProblem ? 'application/problem+json' : 'application/json');
      const schema = res.schema ? stripDialect(toSchema(res.schema, 'output')) : isProblem ? { $ref: '#/components/schemas/Problem' } : undefined;
      const example = res.schema && type.includes('json') ? exampleOf(schema as Record<string, unknown>) : undefined;
      const ok = Number(status) >= 200 && Number(status) < 300;
      responses[status] = {
        description: res.description,
        ...(ok && r.conditional ? { headers: { ETag: { description: 'Send it back as `If-None-Match`.', schema: { type: 'string' } } } } : {}),
        ...(schema || res.contentType ? { content: { [type]: { schema: schema ?? { type: 'string' }, ...(example !== undefined ? { example } : {}) } } } : {}),
      };
    }
    if (r.conditional) responses['304'] ??= { description: 'Not modified: the copy named by `If-None-Match` is current' };
    for (const name of problemsOf(r)) responses[String(PROBLEM_RESPONSES[name].status)] ??= { $ref: `#/components/responses/${name}` };
    responses.default ??= { $ref: '#/components/responses/Problem' };
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method}${path
        .replace(/[{}]/g, '')
        .split(/[/.-]/)
        .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
        .join('')}`,
      ...(parameters.length ? { parameters } : {}),
      security: r.security === 'bearer' ? [{ bearer: [] }] : r.security === 'none' ? [] : [{ siteKey: [] }, { siteKeyQuery: [] }],
      responses,
    };
    if (r.body) {
      const schema = stripDialect(toSchema(r.body, 'input'));
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema, ...(schema.example !== undefined ? { example: schema.example } : {}) } },
      };
    }
    (paths[path] ??= {})[r.method] = op;
  }
  const problem = stripDialect(toSchema(Problem, 'output'));
  const problemResponse = (description: string, example: unknown) => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Open WBL API',
      version: '1.0.0',
      description:
        'Work-based learning opportunities, events, placements and credentials for schools, employers and families. Every error is answered as RFC 9457 problem details (`application/problem+json`) whose `type` names one kind of problem.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      contact: { name: 'Open WBL', url: 'https://openwbl.org/' },
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(registry.flatMap((r) => r.tags))].sort().map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) })),
    components: {
      securitySchemes: {
        siteKey: { type: 'apiKey', in: 'header', name: 'X-Site-Key', description: 'The embedding site’s publishable key (`pk_…`).' },
        siteKeyQuery: {
          type: 'apiKey',
          in: 'query',
          name: 'key',
          description: 'The same key as `?key=`, for links that cannot send headers (calendar feeds, images).',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'A staff session token from POST /api/v1/auth/login.' },
      },
      schemas: { Problem: problem },
      parameters: {
        Lang: {
          name: 'lang',
          in: 'query',
          required: false,
          description:
            'The language of the answer (problem titles, details and field messages; opportunity titles and descriptions where written in it), over Accept-Language. `Content-Language` says which it is.',
          schema: { type: 'string', enum: ['en', 'es'] },
        },
        AcceptLanguage: {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'The language of the answer when `lang` is not sent; Spanish (`es`, `es-MX`…) or else English.',
          schema: { type: 'string' },
          example: 'es-MX,es;q=0.9',
        },
      },
      responses: {
        ...Object.fromEntries(Object.entries(PROBLEM_RESPONSES).map(([name, p]) => [name, problemResponse(p.description, p.example)])),
        Problem: problemResponse('A problem (RFC 9457)', { type: PROBLEM_TYPES.internal, title: 'Something went wrong on our side', status: 500 }),
      },
    },
    paths,
  };
}

/** The registered routes, for tests that check every body example against its schema. */
export function registeredRoutes(): readonly RouteDoc[] {
  return registry;
}
