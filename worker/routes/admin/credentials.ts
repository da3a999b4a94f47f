/**
 * Issuing, listing and revoking credentials (coordinators and admins). The issuing itself is
 * `issueCredentials` in worker/lib/issuing.ts: the same code path for the console and the demo seed.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  CredentialListQuery, IssuedCredentialList, IssueRequest, IssueResult, RevokeRequest, type IssuedCredential,
} from '../../../schema/api/admin/achievements.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { audit } from '../../lib/audit.js';
import { credentialUrlOf } from '../../lib/credentials.js';
import { issueCredentials, revokeCredential } from '../../lib/issuing.js';
import { describe } from '../../lib/openapi.js';

const TAGS = ['admin: badges'];
describe({
  method: 'post', path: '/api/v1/admin/credentials', summary: 'Issues an achievement to the students of completed placements whose final evaluation rates every aligned skill 3 or more', tags: TAGS, security: 'bearer',
  body: IssueRequest,
  responses: {
    200: { description: 'One outcome per placement: issued, already issued or refused with a reason', schema: IssueResult },
    422: { description: 'A single placement that does not earn the badge, with the reason' },
    503: { description: 'Signing is not configured (no ISSUER_KEY_SECRET)' },
  },
});
describe({
  method: 'get', path: '/api/v1/admin/credentials', summary: 'Credentials issued by the tenant, newest first', tags: TAGS, security: 'bearer',
  query: CredentialListQuery,
  responses: { 200: { description: 'The credentials', schema: IssuedCredentialList } },
});
describe({
  method: 'post', path: '/api/v1/admin/credentials/:id/revoke', summary: 'Revokes a credential: its status-list bit is set and verification reports it revoked', tags: TAGS, security: 'bearer',
  params: { id: 'The credential id (`cred_…`)' }, body: RevokeRequest,
  responses: { 200: { description: 'The credential, revoked', schema: z.object({ id: z.string(), revokedAt: z.string(), alreadyRevoked: z.boolean() }) } },
});

interface ListRow {
  id: string; achievement_id: string; achievement_name: string; application_id: string | null; student_id: string | null;
  preferred_name: string | null; status_list_index: number; issued_at: string; revoked_at: string | null; revocation_reason: string | null;
}

export const credentialsAdmin = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator'))
  .post('/', json(IssueRequest), async (c) => {
    const { achievementId, applicationIds } = c.req.valid('json');
    const result = await issueCredentials({
      db: c.env.DB, secret: c.env.ISSUER_KEY_SECRET, origin: new URL(c.req.url).origin, user: c.get('user'), achievementId, applicationIds,
    });
    return c.json(result);
  })
  .get('/', query(CredentialListQuery), async (c) => {
    const user = c.get('user');
    const q = c.req.valid('query');
    const { results } = await c.env.DB.prepare(
      `SELECT c.id, c.achievement_id, a.name AS achievement_name, c.application_id, c.student_id, s.preferred_name,
              c.status_list_index, c.issued_at, c.revoked_at, c.revocation_reason
         FROM credentials c
         JOIN achievements a ON a.id = c.achievement_id
         LEFT JOIN students s ON s.id = c.student_id AND s.tenant_id = c.tenant_id
        WHERE c.tenant_id = ?1 AND (?2 IS NULL OR c.achievement_id = ?2) AND (?3 IS NULL OR c.application_id = ?3)
          AND (?4 IS NULL OR c.student_id = ?4)
          AND (?5 IS NULL OR (?5 = 'revoked') = (c.revoked_at IS NOT NULL))
        ORDER BY c.issued_at DESC, c.id
        LIMIT 1000`,
    ).bind(user.tenantId, q.achievementId ?? null, q.applicationId ?? null, q.studentId ?? null, q.status ?? null).all<ListRow>();
    const origin = new URL(c.req.url).origin;
    const items: IssuedCredential[] = results.map((r) => ({
      id: r.id, url: credentialUrlOf(origin, r.id), achievement: { id: r.achievement_id, name: r.achievement_name }, applicationId: r.application_id,
      student: r.student_id && r.preferred_name !== null ? { id: r.student_id, preferredName: r.preferred_name } : null,
      statusListIndex: r.status_list_index, issuedAt: r.issued_at, revokedAt: r.revoked_at, revocationReason: r.revocation_reason,
    }));
    // The list names students: a read of student records, so it is audited.
    await audit(c.env.DB, { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action: 'credential.list', entity: 'credential', detail: { count: items.length, studentId: q.studentId ?? null } });
    return c.json({ items, nextCursor: null });
  })
  .post('/:id/revoke', param(z.object({ id: z.string().regex(/^cred_[a-z0-9]{20}$/) })), json(RevokeRequest), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await revokeCredential(c.env.DB, c.get('user'), id, c.req.valid('json').reason));
  });
