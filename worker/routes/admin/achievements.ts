/**
 * Achievement definitions per tenant (coordinators and admins): what a badge recognises, the
 * skills a final evaluation must rate at 3 or more, its image (or a generated SVG) and its
 * OB 3.0 achievementType. Credentials already issued keep the achievement as it was when issued.
 */
import type { D1Database } from '@cloudflare/workers-types';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  Achievement, AchievementInput, AchievementList, AchievementPatch, type Achievement as AchievementShape,
} from '../../../schema/api/admin/achievements.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param } from '../../middleware/validate.js';
import { auditStatement } from '../../lib/audit.js';
import { achievementImageOf } from '../../lib/credentials.js';
import { newId } from '../../lib/ids.js';
import { parseList, type AchievementRow } from '../../lib/issuing.js';
import { describe } from '../../lib/openapi.js';
import { ProblemError } from '../../lib/problem.js';

const TAGS = ['admin: badges'];
describe({
  method: 'get', path: '/api/v1/admin/achievements', summary: 'The tenant’s achievements (badge definitions)', tags: TAGS, security: 'bearer',
  responses: { 200: { description: 'Every achievement of the tenant, newest first', schema: AchievementList } },
});
describe({
  method: 'post', path: '/api/v1/admin/achievements', summary: 'Defines an achievement: name, criteria, image, type, aligned skills, cluster and O*NET-SOC', tags: TAGS, security: 'bearer',
  body: AchievementInput,
  responses: { 201: { description: 'The achievement', schema: Achievement } },
});
describe({
  method: 'get', path: '/api/v1/admin/achievements/:id', summary: 'One achievement', tags: TAGS, security: 'bearer',
  params: { id: 'The achievement id (`ach_…`)' },
  responses: { 200: { description: 'The achievement', schema: Achievement } },
});
describe({
  method: 'patch', path: '/api/v1/admin/achievements/:id', summary: 'Changes an achievement; credentials already issued keep what they said', tags: TAGS, security: 'bearer',
  params: { id: 'The achievement id (`ach_…`)' }, body: AchievementPatch,
  responses: { 200: { description: 'The achievement', schema: Achievement } },
});
describe({
  method: 'delete', path: '/api/v1/admin/achievements/:id', summary: 'Deletes an achievement nobody has earned yet (409 once credentials were issued)', tags: TAGS, security: 'bearer',
  params: { id: 'The achievement id (`ach_…`)' },
  responses: { 204: { description: 'Deleted' } },
});

const Id = z.object({ id: z.string().regex(/^ach_[a-z0-9_]{3,60}$/) });
const SELECT = `SELECT a.*, (SELECT count(*) FROM credentials c WHERE c.achievement_id = a.id) AS issued_count FROM achievements a`;

/** The one place an achievement row becomes an API shape. */
export function toAchievement(row: AchievementRow & { issued_count: number }, origin: string): AchievementShape {
  return {
    id: row.id, name: row.name, description: row.description, criteria: row.criteria, image: row.image,
    imageUrl: achievementImageOf(origin, row), achievementType: row.achievement_type, skills: parseList(row.skills),
    cluster: row.cluster, onetSoc: row.onet_soc, onetTitle: row.onet_title, issuedCount: row.issued_count,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

async function load(db: D1Database, tenantId: string, id: string) {
  const row = await db.prepare(`${SELECT} WHERE a.id = ? AND a.tenant_id = ?`).bind(id, tenantId).first<AchievementRow & { issued_count: number }>();
  if (!row) throw new ProblemError('notFound', { detail: 'There is no such achievement in your programme.' });
  return row;
}

const COLUMNS: Record<string, string> = {
  name: 'name', description: 'description', criteria: 'criteria', image: 'image', achievementType: 'achievement_type',
  skills: 'skills', cluster: 'cluster', onetSoc: 'onet_soc', onetTitle: 'onet_title',
};
const sqlValue = (v: unknown) => (Array.isArray(v) ? JSON.stringify(v) : v ?? null);

export const achievements = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator'))
  .get('/', async (c) => {
    const user = c.get('user');
    const { results } = await c.env.DB.prepare(`${SELECT} WHERE a.tenant_id = ? ORDER BY a.created_at DESC, a.id`).bind(user.tenantId).all<AchievementRow & { issued_count: number }>();
    const origin = new URL(c.req.url).origin;
    return c.json({ items: results.map((r) => toAchievement(r, origin)), nextCursor: null });
  })
  .post('/', json(AchievementInput), async (c) => {
    const user = c.get('user');
    const a = c.req.valid('json');
    const id = newId('ach');
    const now = new Date().toISOString();
    await c.env.DB.batch([
      c.env.DB.prepare(
        `INSERT INTO achievements (id, tenant_id, name, description, criteria, image, achievement_type, skills, cluster, onet_soc, onet_title, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(id, user.tenantId, a.name, a.description, a.criteria, a.image ?? null, a.achievementType, JSON.stringify(a.skills),
        a.cluster ?? null, a.onetSoc ?? null, a.onetTitle ?? null, now, now),
      auditStatement(c.env.DB, { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action: 'achievement.create', entity: 'achievement', entityId: id }),
    ]);
    const row = await load(c.env.DB, user.tenantId, id);
    return c.json(toAchievement(row, new URL(c.req.url).origin), 201, { Location: `/api/v1/admin/achievements/${id}` });
  })
  .get('/:id', param(Id), async (c) => {
    const row = await load(c.env.DB, c.get('user').tenantId, c.req.valid('param').id);
    return c.json(toAchievement(row, new URL(c.req.url).origin));
  })
  .patch('/:id', param(Id), json(AchievementPatch), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    await load(c.env.DB, user.tenantId, id);
    const patch = c.req.valid('json') as Record<string, unknown>;
    const fields = Object.keys(COLUMNS).filter((k) => patch[k] !== undefined);
    if (fields.length) {
      await c.env.DB.batch([
        c.env.DB.prepare(`UPDATE achievements SET ${fields.map((k) => `${COLUMNS[k]} = ?`).join(', ')}, updated_at = ? WHERE id = ? AND tenant_id = ?`)
          .bind(...fields.map((k) => sqlValue(patch[k])), new Date().toISOString(), id, user.tenantId),
        auditStatement(c.env.DB, { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action: 'achievement.update', entity: 'achievement', entityId: id, detail: { fields } }),
      ]);
    }
    return c.json(toAchievement(await load(c.env.DB, user.tenantId, id), new URL(c.req.url).origin));
  })
  .delete('/:id', param(Id), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    await load(c.env.DB, user.tenantId, id);
    // Deleted only while nothing was issued: the check and the delete are one statement.
    const [, deleted] = await c.env.DB.batch([
      c.env.DB.prepare(
        `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id)
         SELECT ?, 'user', ?, 'achievement.delete', 'achievement', ? WHERE NOT EXISTS (SELECT 1 FROM credentials WHERE achievement_id = ?)`,
      ).bind(user.tenantId, user.id, id, id),
      c.env.DB.prepare('DELETE FROM achievements WHERE id = ? AND tenant_id = ? AND NOT EXISTS (SELECT 1 FROM credentials WHERE achievement_id = ?)').bind(id, user.tenantId, id),
    ]);
    if (!deleted!.meta.changes) {
      throw new ProblemError('conflict', { title: 'Students have earned this achievement', detail: 'Credentials were issued for this achievement, so it stays: their achievement ids must keep resolving. Edit it instead.' });
    }
    return c.body(null, 204);
  });
