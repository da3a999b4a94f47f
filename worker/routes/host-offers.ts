import { Hono } from 'hono';
import { HostOfferRequest, SubmissionReceipt } from '../../schema/api/host-offers.js';
import { hostOffers as hostOfferRows } from '../../schema/db/tables.js';
import type { AppEnv } from '../env.js';
import { siteKey } from '../middleware/site.js';
import { json } from '../middleware/validate.js';
import { newId, newReference } from '../lib/ids.js';
import { commitOnce, replay, requestHash, requireIdempotencyKey } from '../lib/idempotency.js';
import { describe } from '../lib/openapi.js';
import type { Lang } from '../lib/lang.js';
import { outboxRow } from '../lib/outbox.js';
import { compose } from '../mail/catalogue/index.js';
import { languageFor } from '../mail/preferences.js';
import { appSecret } from '../lib/app-secret.js';
import { isAutomated } from '../lib/form-token.js';
import { clientId, mayMessage, rateLimit } from '../lib/rate-limit.js';

describe({
  method: 'post',
  path: '/api/v1/host-offers',
  idempotencyKey: true,
  summary: 'An employer offers to host a student; the offer waits for coordinator review',
  tags: ['host offers'],
  body: HostOfferRequest,
  responses: {
    201: { description: 'Received: a reference and what happens next', schema: SubmissionReceipt },
    400: {
      description:
        'A field error; `formToken` when the form token is missing, not valid for this site and form, expired, or the form was sent within seconds of opening (`too_fast`)',
    },
    422: { description: 'The Idempotency-Key was already used for a different request' },
    429: { description: 'Too many submissions from this client or site' },
  },
});

/** What happens next, in the language the employer used. */
const NEXT: Record<Lang, string> = {
  en: 'Thank you! A work-based learning coordinator will review your offer within five school days and email you. Quote your reference if you call.',
  es: '¡Gracias! Un coordinador de aprendizaje basado en el trabajo revisará su oferta en un plazo de cinco días escolares y le escribirá. Mencione su referencia si llama.',
};

export const hostOffers = new Hono<AppEnv>().use(siteKey).post('/', json(HostOfferRequest), async (c) => {
  const site = c.get('site');
  const body = c.req.valid('json');
  const lang = c.var.lang;
  const key = requireIdempotencyKey(c.req.header('Idempotency-Key'));
  const { formToken: _token, ...request } = body;
  // The token is left out of the hash: a retry after a reload carries a fresh token, and must
  // still get the first answer rather than a refusal or a second offer.
  const hash = await requestHash(['POST /host-offers', JSON.stringify(request)]);
  const db = c.var.db;
  const first = await replay(db, site.id, key, hash);
  if (first) return c.json(first.body as SubmissionReceipt, first.status as 201);

  // Junk is turned away before anything is counted, so a flood of it cannot use up the
  // site's budget and lock real employers out.
  if (await isAutomated(appSecret(c.env), body, site.id, 'host-offer'))
    return c.json({ id: newId('hof'), reference: newReference('HO'), status: 'pending', next: NEXT[lang] }, 201);
  await rateLimit(db, `host-offer:${site.id}:${clientId(c.req.raw.headers)}`, 20, 600);
  await rateLimit(db, `host-offer:${site.id}`, 500, 3600);

  const id = newId('hof');
  const reference = newReference('HO');
  const receipt: SubmissionReceipt = { id, reference, status: 'pending', next: NEXT[lang] };
  const { nickname: _honeypot, ...payload } = request;
  // Anyone can type any address into the form: past a few messages a day, the offer is still
  // kept but the address is sent nothing more.
  const confirm = await mayMessage(db, site.tenantId, body.contact.email);
  const answer = await commitOnce(
    db,
    site.id,
    key,
    hash,
    [
      db.insert(hostOfferRows).values({
        id,
        tenantId: site.tenantId,
        siteId: site.id,
        reference,
        payload,
        termsVersion: body.agreements.termsVersion,
        lang,
        status: 'pending',
      }),
      ...(confirm
        ? [
            outboxRow(db, {
              tenantId: site.tenantId,
              recipient: body.contact.email,
              ...compose('offer.received', await languageFor(db, site.tenantId, body.contact.email, lang), {
                name: body.contact.name,
                title: body.opportunity.title,
                district: site.tenantName,
                reference,
              }),
              relatedId: id,
            }),
          ]
        : []),
    ],
    { status: 201, body: receipt },
  );
  return c.json(answer.body as SubmissionReceipt, answer.status as 201);
});
