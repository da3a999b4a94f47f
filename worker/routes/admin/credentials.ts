/**
 * Issuing, listing and revoking credentials (coordinators and admins). The issuing itself is
 * `issueCredentials` in worker/lib/issuing.ts: the same code path for the console and the demo seed.
 */
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  CredentialListQuery,
  IssuedCredentialList,
  IssueRequest,
  IssueResult,
  RevokeRequest,
  type IssuedCredential,
} from '../../../schema/api/admin/achievements.js';
import { achievements, credentials, students } from '../../../schema/db/tables.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { audit } from '../../lib/audit.js';
import { credentialUrlOf } from '../../lib/credentials.js';
import { issueCredentials, revokeCredential } from '../../lib/issuing.js';
import { describe } from '../../lib/openapi.js';

const TAGS = ['admin: badges'];
describe({
  method: 'post',
  path: '/api/v1/admin/credentials',
  summary: 'Issues an achievement to the students of completed placements whose final evaluation rates every aligned skill 3 or more',
  tags: TAGS,
  security: 'bearer',
  body: IssueRequest,
  responses: {
    200: { description: 'One outcome per placement: issued, already issued or refused with a reason', schema: IssueResult },
    422: { description: 'A single placement that does not earn the badge, with the reason' },
    503: { description: 'Signing is not configured (no ISSUER_KEY_SECRET)' },
  },
});
describe({
  method: 'get',
  path: '/api/v1/admin/credentials',
  summary: 'Credentials issued by the tenant, newest first',
  tags: TAGS,
  security: 'bearer',
  query: CredentialListQuery,
  responses: { 200: { description: 'The credentials', schema: IssuedCredentialList } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/credentials/:id/revoke',
  summary: 'Revokes a credential: its status-list bit is set and verification reports it revoked',
  tags: TAGS,
  security: 'bearer',
  params: { id: 'The credential id (`cred_…`)' },
  body: RevokeRequest,
  responses: { 200: { description: 'The credential, revoked', schema: z.object({ id: z.string(), revokedAt: z.string(), alreadyRevoked: z.boolean() }) } },
});

export const credentialsAdmin = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator'))
  .post('/', json(IssueRequest), async (c) => {
    const { achievementId, applicationIds } = c.req.valid('json');
    const result = await issueCredentials({
      db: c.var.db,
      secret: c.env.ISSUER_KEY_SECRET,
      origin: new URL(c.req.url).origin,
      user: c.get('user'),
      achievementId,
      applicationIds,
    });
    return c.json(result);
  })
  .get('/', query(CredentialListQuery), async (c) => {
    const user = c.get('user');
    const q = c.req.valid('query');
    const results = await c.var.db
      .select({
        id: credentials.id,
        achievementId: credentials.achievementId,
        achievementName: achievements.name,
        applicationId: credentials.applicationId,
        studentId: credentials.studentId,
        preferredName: students.preferredName,
        statusListIndex: credentials.statusListIndex,
        issuedAt: credentials.issuedAt,
        revokedAt: credentials.revokedAt,
        revocationReason: credentials.revocationReason,
      })
      .from(credentials)
      .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
      .leftJoin(students, and(eq(students.id, credentials.studentId), eq(students.tenantId, credentials.tenantId)))
      .where(
        and(
          eq(credentials.tenantId, user.tenantId),
          q.achievementId ? eq(credentials.achievementId, q.achievementId) : undefined,
          q.applicationId ? eq(credentials.applicationId, q.applicationId) : undefined,
          q.studentId ? eq(credentials.studentId, q.studentId) : undefined,
          q.status === 'revoked' ? isNotNull(credentials.revokedAt) : q.status === 'active' ? isNull(credentials.revokedAt) : undefined,
        ),
      )
      .orderBy(desc(credentials.issuedAt), asc(credentials.id))
      .limit(1000)
      .all();
    const origin = new URL(c.req.url).origin;
    const items: IssuedCredential[] = results.map((r) => ({
      id: r.id,
      url: credentialUrlOf(origin, r.id),
      achievement: { id: r.achievementId, name: r.achievementName },
      applicationId: r.applicationId,
      student: r.studentId && r.preferredName !== null ? { id: r.studentId, preferredName: r.preferredName } : null,
      statusListIndex: r.statusListIndex,
      issuedAt: r.issuedAt,
      revokedAt: r.revokedAt,
      revocationReason: r.revocationReason,
    }));
    // The list names students: a read of student records, so it is audited.
    await audit(c.var.db, {
      tenantId: user.tenantId,
      actorType: 'user',
      actorId: user.id,
      action: 'credential.list',
      entity: 'credential',
      detail: { count: items.length, studentId: q.studentId ?? null },
    });
    return c.json({ items, nextCursor: null });
  })
  .post('/:id/revoke', param(z.object({ id: z.string().regex(/^cred_[a-z0-9]{20}$/) })), json(RevokeRequest), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await revokeCredential(c.var.db, c.get('user'), id, c.req.valid('json').reason));
  });
