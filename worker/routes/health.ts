import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { Health } from '../../schema/api/health.js';
import type { AppEnv } from '../env.js';
import { describe } from '../lib/openapi.js';

describe({
  method: 'get',
  path: '/api/v1/health',
  summary: 'Checks that the Worker can reach its database',
  tags: ['meta'],
  security: 'none',
  responses: { 200: { description: 'The Worker and D1 answer', schema: Health } },
});

export const health = new Hono<AppEnv>().get('/', async (c) => {
  await c.var.db.get(sql`select 1`);
  return c.json({ status: 'ok' as const }, 200, { 'Cache-Control': 'no-store' });
});
