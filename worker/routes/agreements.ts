/**
 * Signing a training agreement through its tokenised link. The token (256 random bits, only
 * its SHA-256 stored) is the credential: no site key, no session. A link signs once, and only
 * the role it was issued for; the coordinator's line has no link (it is signed in the console).
 * The answer names the student by preferred name only; every view and signature is written to
 * the audit log as the signer's act (actor `signer`, the agreement row), or as the staff user's
 * when the link went to a supervisor's own account.
 */
import { Hono } from 'hono';
import type { D1Database } from '@cloudflare/workers-types';
import * as z from 'zod/mini';
import { AgreementSignRequest, AgreementView } from '../../schema/api/agreements.js';
import type { AppEnv } from '../env.js';
import { json, param } from '../middleware/validate.js';
import { newId } from '../lib/ids.js';
import { describe } from '../lib/openapi.js';
import { allSignedMessage, sameAddress, signLinkExpiry } from '../lib/pipeline.js';
import { ProblemError } from '../lib/problem.js';
import { tokenHash } from '../lib/sessions.js';

const TOKEN = { token: 'The signing token from the link (`/demo/sign.html?token=…`)' };
describe({ method: 'get', path: '/api/v1/agreements/:token', summary: 'The training agreement a signing link is for: its text, the placement’s summary, the signer’s role and whether they signed', tags: ['agreements'], security: 'none', params: TOKEN, responses: { 200: { description: 'The agreement', schema: AgreementView }, 404: { description: 'The link is unknown, expired, or its placement no longer goes ahead' } } });
describe({ method: 'post', path: '/api/v1/agreements/:token/sign', summary: 'Sign with a typed name; signing again with the same name answers the same, another name is refused', tags: ['agreements'], security: 'none', params: TOKEN, body: AgreementSignRequest, responses: { 200: { description: 'Signed', schema: AgreementView }, 409: { description: 'Already signed by someone else' } } });

const TokenParam = z.object({ token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)) });

/** Placements that ended before they began, or have ended, take no more signatures. */
const CLOSED = new Set(['declined', 'withdrawn', 'cancelled', 'completed']);

interface Row {
  id: string; tenant_id: string; role: AgreementView['role']; text_version: string; signer_name: string | null; signed_at: string | null;
  created_at: string; application_id: string; reference: string; status: string; student_id: string; preferred_name: string;
  title: string; starts_on: string | null; ends_on: string | null; schedule: string | null; employer_name: string; district_name: string;
  issuer_email: string | null; body: string | null;
  sent_to: string | null; supervisor_user_id: string | null; supervisor_email: string | null;
}

async function load(db: D1Database, token: string): Promise<Row> {
  const row = await db.prepare(
    `SELECT ag.id, ag.tenant_id, ag.role, ag.text_version, ag.signer_name, ag.signed_at, ag.created_at,
            a.id AS application_id, a.reference, a.status, a.student_id, s.preferred_name,
            o.title, o.starts_on, o.ends_on, o.schedule, e.name AS employer_name, t.name AS district_name, t.issuer_email, tx.body,
            ag.sent_to, a.supervisor_user_id, su.email AS supervisor_email
       FROM agreements ag
       JOIN applications a ON a.id = ag.application_id AND a.tenant_id = ag.tenant_id
       JOIN students s ON s.id = a.student_id
       JOIN opportunities o ON o.id = a.opportunity_id
       JOIN employers e ON e.id = o.employer_id
       JOIN tenants t ON t.id = ag.tenant_id
       LEFT JOIN agreement_texts tx ON tx.tenant_id = ag.tenant_id AND tx.kind = 'training_agreement' AND tx.version = ag.text_version
       LEFT JOIN users su ON su.id = a.supervisor_user_id AND su.tenant_id = a.tenant_id AND su.disabled = 0
      WHERE ag.sign_token_hash = ?`,
  ).bind(await tokenHash(token)).first<Row>();
  // The coordinator signs in the console as themself; a coordinator's link (from before that rule) signs nothing.
  if (!row || !row.body || row.role === 'coordinator') throw new ProblemError('notFound', { title: 'This signing link is not valid', detail: 'Check that the whole link was copied, or ask the Career Center for a new one.' });
  if (CLOSED.has(row.status) && !row.signed_at) {
    throw new ProblemError('notFound', { title: 'This placement no longer needs your signature', detail: `The placement is ${row.status}. Ask the Career Center if you think this is a mistake.` });
  }
  if (!row.signed_at && Date.parse(signLinkExpiry(row.created_at)) < Date.now()) {
    throw new ProblemError('notFound', { title: 'This signing link has expired', detail: 'Ask the Career Center to send a new link.' });
  }
  return row;
}

const view = (r: Row): AgreementView => ({
  role: r.role, signed: r.signed_at !== null, signerName: r.signer_name, signedAt: r.signed_at, expiresAt: signLinkExpiry(r.created_at),
  text: { version: r.text_version, body: r.body ?? '' },
  placement: {
    reference: r.reference, opportunityTitle: r.title, employerName: r.employer_name, studentPreferredName: r.preferred_name,
    startsOn: r.starts_on, endsOn: r.ends_on, schedule: r.schedule, districtName: r.district_name,
  },
});

/**
 * Who acts through this link: the supervisor's staff account when the link went to that
 * account's address, otherwise the signer the link was issued to (named by the agreement row).
 */
function actorOf(r: Row): { actorType: 'user' | 'signer'; actorId: string; userId: string | null } {
  if (r.role === 'supervisor' && r.supervisor_user_id && sameAddress(r.sent_to, r.supervisor_email)) {
    return { actorType: 'user', actorId: r.supervisor_user_id, userId: r.supervisor_user_id };
  }
  return { actorType: 'signer', actorId: r.id, userId: null };
}

const auditDetail = (r: Row) => ({ applicationId: r.application_id, agreementId: r.id, role: r.role, via: 'sign_link' });

const trail = (db: D1Database, r: Row, action: string) => {
  const actor = actorOf(r);
  return db.prepare(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, 'student', ?, ?)`)
    .bind(r.tenant_id, actor.actorType, actor.actorId, action, r.student_id, JSON.stringify(auditDetail(r)));
};

const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

export const agreements = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next();
    // The token is in the URL: never cache the answer, never pass the URL on.
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
  })

  .get('/:token', param(TokenParam), async (c) => {
    const db = c.env.DB;
    const row = await load(db, c.req.valid('param').token);
    await trail(db, row, 'agreement.view').run();
    return c.json(view(row));
  })

  .post('/:token/sign', param(TokenParam), json(AgreementSignRequest), async (c) => {
    const db = c.env.DB;
    const { typedName } = c.req.valid('json');
    const row = await load(db, c.req.valid('param').token);
    if (row.signed_at) {
      // A retry of the same signature answers the same; anyone else is told it is done.
      if (row.signer_name && sameName(row.signer_name, typedName)) return c.json(view(row));
      throw new ProblemError('conflict', { title: 'Already signed', detail: `This agreement was signed as the ${row.role} on ${row.signed_at.slice(0, 10)}.` });
    }
    const signedAt = new Date().toISOString();
    const actor = actorOf(row);
    const mark = { sql: 'EXISTS (SELECT 1 FROM agreements WHERE id = ? AND signed_at = ?)', params: [row.id, signedAt] };
    const done = allSignedMessage({
      reference: row.reference, studentName: row.preferred_name, title: row.title, employerName: row.employer_name,
      startsOn: row.starts_on, endsOn: row.ends_on, districtName: row.district_name,
    });
    const [update] = await db.batch([
      // Signed once: the first signature stands even if two arrive together.
      // Only this row, the one the token names: a link can never sign another role.
      db.prepare('UPDATE agreements SET signer_name = ?, signed_at = ?, signed_by_user_id = ? WHERE id = ? AND sign_token_hash = ? AND signed_at IS NULL')
        .bind(typedName, signedAt, actor.userId, row.id, await tokenHash(c.req.valid('param').token)),
      db.prepare(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail)
                  SELECT ?, ?, ?, 'agreement.sign', 'student', ?, ? WHERE ${mark.sql}`)
        .bind(row.tenant_id, actor.actorType, actor.actorId, row.student_id, JSON.stringify(auditDetail(row)), ...mark.params),
      // The last signature tells the Work-Based Learning office that the placement can be confirmed.
      db.prepare(`INSERT INTO outbox (id, tenant_id, recipient, subject, body, related_id)
                  SELECT ?, ?, ?, ?, ?, ? WHERE ${mark.sql} AND NOT EXISTS (SELECT 1 FROM agreements WHERE application_id = ? AND signed_at IS NULL)`)
        .bind(newId('msg'), row.tenant_id, row.issuer_email ?? 'Work-Based Learning Office', done.subject, done.body, row.application_id, ...mark.params, row.application_id),
    ]);
    if (!update!.meta.changes) {
      const again = await load(db, c.req.valid('param').token);
      if (again.signer_name && sameName(again.signer_name, typedName)) return c.json(view(again));
      throw new ProblemError('conflict', { title: 'Already signed', detail: `This agreement was signed as the ${again.role}.` });
    }
    return c.json(view({ ...row, signer_name: typedName, signed_at: signedAt }));
  });
