import { z } from 'zod';
import type * as core from 'zod/v4/core';
import { Problem } from '../../schema/api/problem.js';

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

/** Builds the OpenAPI 3.1 document from the registered routes and their zod schemas. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registry) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [name, description] of Object.entries(r.params ?? {})) {
      parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string' } });
    }
    if (r.query) {
      for (const [name, field] of Object.entries(r.query._zod.def.shape)) {
        const schema = stripDialect(toSchema(field as core.$ZodType, 'output'));
        parameters.push({ name, in: 'query', required: false, schema, ...(schema.description ? { description: schema.description } : {}) });
      }
    }
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method}${path.replace(/[{}]/g, '').split(/[/-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}`,
      ...(parameters.length ? { parameters } : {}),
      security: r.security === 'bearer' ? [{ bearer: [] }] : r.security === 'none' ? [] : [{ siteKey: [] }],
      responses: Object.fromEntries(Object.entries(r.responses).map(([status, res]) => [status, {
        description: res.description,
        ...(res.schema ? { content: { [res.contentType ?? 'application/json']: { schema: stripDialect(toSchema(res.schema, 'output')) } } } : {}),
      }])),
    };
    if (r.body) {
      const schema = stripDialect(toSchema(r.body, 'input'));
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema, ...(schema.example !== undefined ? { example: schema.example } : {}) } },
      };
    }
    const responses = op.responses as Record<string, unknown>;
    responses.default ??= { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: stripDialect(toSchema(Problem, 'output')) } } };
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Open WBL API',
      version: '1.0.0',
      description: 'Work-based learning opportunities, events, placements and credentials for schools, employers and families.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        siteKey: { type: 'apiKey', in: 'header', name: 'X-Site-Key', description: 'The embedding site’s publishable key (`pk_…`).' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}

/** The registered routes, for tests that check every body example against its schema. */
export function registeredRoutes(): readonly RouteDoc[] {
  return registry;
}
