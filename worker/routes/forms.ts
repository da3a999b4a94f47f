import { Hono } from 'hono';
import * as z from 'zod/mini';
import { FormToken, PUBLIC_FORMS } from '../../schema/api/forms.js';
import type { AppEnv } from '../env.js';
import { siteKey } from '../middleware/site.js';
import { param } from '../middleware/validate.js';
import { appSecret } from '../lib/app-secret.js';
import { FORM_TOKEN_TTL_MS, MIN_FILL_MS, issueFormToken } from '../lib/form-token.js';
import { describe } from '../lib/openapi.js';

describe({
  method: 'get',
  path: '/api/v1/forms/:form/token',
  summary: 'A signed form token, fetched when a public form opens and sent back as `formToken`: the server measures the fill time from it',
  tags: ['forms'],
  params: { form: '`host-offer`, `application` or `rsvp`' },
  responses: { 200: { description: 'The token, valid from `minFillSeconds` after now until `expiresAt`', schema: FormToken } },
});

const FormParam = z.object({ form: z.enum(PUBLIC_FORMS) });

export const forms = new Hono<AppEnv>().use(siteKey).get('/:form/token', param(FormParam), async (c) => {
  const { form } = c.req.valid('param');
  const now = Date.now();
  const body: FormToken = {
    token: await issueFormToken(appSecret(c.env), c.get('site').id, form, now),
    form,
    minFillSeconds: MIN_FILL_MS / 1000,
    expiresAt: new Date(now + FORM_TOKEN_TTL_MS).toISOString(),
  };
  c.header('Cache-Control', 'no-store');
  return c.json(body);
});
