import { Hono } from 'hono';
import { Taxonomy } from '../../schema/api/taxonomy.js';
import { CLUSTERS, COMPENSATION_TYPES, MODES, OPPORTUNITY_TYPES, SKILLS, STAGES } from '../../schema/vocab.js';
import type { AppEnv } from '../env.js';
import { publicCache } from '../middleware/cache.js';
import { siteKey } from '../middleware/site.js';
import { describe } from '../lib/openapi.js';

describe({
  method: 'get',
  path: '/api/v1/taxonomy',
  summary: 'Stages, career clusters, opportunity types and skills, labelled in English and Spanish',
  tags: ['taxonomy'],
  responses: { 200: { description: 'The vocabularies', schema: Taxonomy } },
});

const body: Taxonomy = {
  stages: STAGES.map(({ code, label }) => ({ code, label })),
  clusters: CLUSTERS.map(({ code, label }) => ({ code, label })),
  types: OPPORTUNITY_TYPES.map(({ code, label, stage }) => ({ code, label, stage })),
  skills: SKILLS.map(({ code, label }) => ({ code, label })),
  modes: MODES.map(({ code, label }) => ({ code, label })),
  compensation: COMPENSATION_TYPES.map(({ code, label }) => ({ code, label })),
};

export const taxonomy = new Hono<AppEnv>().use(siteKey, publicCache(3600)).get('/', (c) => c.json(body));
