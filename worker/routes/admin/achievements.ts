/**
 * Achievement definitions per tenant (coordinators and admins): what a badge recognises, the
 * skills a final evaluation must rate at 3 or more, its image (or a generated SVG) and its
 * OB 3.0 achievementType. Credentials already issued keep the achievement as it was when issued.
 */
import { and, desc, asc, eq, getTableColumns, notExists, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  Achievement,
  AchievementInput,
  AchievementList,
  AchievementPatch,
  type Achievement as AchievementShape,
} from '../../../schema/api/admin/achievements.js';
import { achievements as achievementsTable, credentials } from '../../../schema/db/tables.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param } from '../../middleware/validate.js';
import { auditRow, auditRowIf } from '../../lib/audit.js';
import { achievementImageOf } from '../../lib/credentials.js';
import type { Database } from '../../lib/db.js';
import { newId } from '../../lib/ids.js';
import type { AchievementRow } from '../../lib/issuing.js';
import { describe } from '../../lib/openapi.js';
import { ProblemError } from '../../lib/problem.js';

const TAGS = ['admin: badges'];
describe({
  method: 'get',
  path: '/api/v1/admin/achievements',
  summary: 'The tenant’s achievements (badge definitions)',
  tags: TAGS,
  security: 'bearer',
  responses: { 200: { description: 'Every achievement of the tenant, newest first', schema: AchievementList } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/achievements',
  summary: 'Defines an achievement: name, criteria, image, type, aligned skills, cluster and O*NET-SOC',
  tags: TAGS,
  security: 'bearer',
  body: AchievementInput,
  responses: { 201: { description: 'The achievement', schema: Achievement } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/achievements/:id',
  summary: 'One achievement',
  tags: TAGS,
  security: 'bearer',
  params: { id: 'The achievement id (`ach_…`)' },
  responses: { 200: { description: 'The achievement', schema: Achievement } },
});
describe({
  method: 'patch',
  path: '/api/v1/admin/achievements/:id',
  summary: 'Changes an achievement; credentials already issued keep what they said',
  tags: TAGS,
  security: 'bearer',
  params: { id: 'The achievement id (`ach_…`)' },
  body: AchievementPatch,
  responses: { 200: { description: 'The achievement', schema: Achievement } },
});
describe({
  method: 'delete',
  path: '/api/v1/admin/achievements/:id',
  summary: 'Deletes an achievement nobody has earned yet (409 once credentials were issued)',
  tags: TAGS,
  security: 'bearer',
  params: { id: 'The achievement id (`ach_…`)' },
  responses: { 204: { description: 'Deleted' } },
});

const Id = z.object({ id: z.string().regex(/^ach_[a-z0-9_]{3,60}$/) });
const a = achievementsTable;
const issuedCount = sql<number>`(SELECT count(*) FROM ${credentials} WHERE ${credentials.achievementId} = ${a.id})`;
const withCount = () => ({ ...getTableColumns(a), issuedCount });

/** The one place an achievement row becomes an API shape. */
export function toAchievement(row: AchievementRow & { issuedCount: number }, origin: string): AchievementShape {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    criteria: row.criteria,
    image: row.image,
    imageUrl: achievementImageOf(origin, row),
    achievementType: row.achievementType,
    skills: row.skills,
    cluster: row.cluster,
    onetSoc: row.onetSoc,
    onetTitle: row.onetTitle,
    issuedCount: row.issuedCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function load(db: Database, tenantId: string, id: string) {
  const row = await db
    .select(withCount())
    .from(a)
    .where(and(eq(a.id, id), eq(a.tenantId, tenantId)))
    .get();
  if (!row) throw new ProblemError('notFound', { detail: 'There is no such achievement in your programme.' });
  return row;
}

/** The fields a PATCH may change, in the order the audit row names them. */
const PATCHABLE = ['name', 'description', 'criteria', 'image', 'achievementType', 'skills', 'cluster', 'onetSoc', 'onetTitle'] as const;

export const achievements = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator'))
  .get('/', async (c) => {
    const user = c.get('user');
    const results = await c.var.db.select(withCount()).from(a).where(eq(a.tenantId, user.tenantId)).orderBy(desc(a.createdAt), asc(a.id)).all();
    const origin = new URL(c.req.url).origin;
    return c.json({ items: results.map((r) => toAchievement(r, origin)), nextCursor: null });
  })
  .post('/', json(AchievementInput), async (c) => {
    const user = c.get('user');
    const input = c.req.valid('json');
    const id = newId('ach');
    const now = new Date().toISOString();
    const db = c.var.db;
    await db.batch([
      db.insert(a).values({
        id,
        tenantId: user.tenantId,
        name: input.name,
        description: input.description,
        criteria: input.criteria,
        image: input.image ?? null,
        achievementType: input.achievementType,
        skills: input.skills,
        cluster: input.cluster ?? null,
        onetSoc: input.onetSoc ?? null,
        onetTitle: input.onetTitle ?? null,
        createdAt: now,
        updatedAt: now,
      }),
      auditRow(db, { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action: 'achievement.create', entity: 'achievement', entityId: id }),
    ]);
    const row = await load(db, user.tenantId, id);
    return c.json(toAchievement(row, new URL(c.req.url).origin), 201, { Location: `/api/v1/admin/achievements/${id}` });
  })
  .get('/:id', param(Id), async (c) => {
    const row = await load(c.var.db, c.get('user').tenantId, c.req.valid('param').id);
    return c.json(toAchievement(row, new URL(c.req.url).origin));
  })
  .patch('/:id', param(Id), json(AchievementPatch), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const db = c.var.db;
    await load(db, user.tenantId, id);
    const patch = c.req.valid('json');
    const fields = PATCHABLE.filter((k) => patch[k] !== undefined);
    if (fields.length) {
      await db.batch([
        // undefined leaves a column alone; null clears it.
        db
          .update(a)
          .set({
            name: patch.name,
            description: patch.description,
            criteria: patch.criteria,
            image: patch.image,
            achievementType: patch.achievementType,
            skills: patch.skills,
            cluster: patch.cluster,
            onetSoc: patch.onetSoc,
            onetTitle: patch.onetTitle,
            updatedAt: new Date().toISOString(),
          })
          .where(and(eq(a.id, id), eq(a.tenantId, user.tenantId))),
        auditRow(db, {
          tenantId: user.tenantId,
          actorType: 'user',
          actorId: user.id,
          action: 'achievement.update',
          entity: 'achievement',
          entityId: id,
          detail: { fields },
        }),
      ]);
    }
    return c.json(toAchievement(await load(db, user.tenantId, id), new URL(c.req.url).origin));
  })
  .delete('/:id', param(Id), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const db = c.var.db;
    await load(db, user.tenantId, id);
    // Deleted only while nothing was issued: the check and the delete are one statement.
    const issued = db.select({ one: sql`1` }).from(credentials).where(eq(credentials.achievementId, id));
    const [, deleted] = await db.batch([
      auditRowIf(
        db,
        { tenantId: user.tenantId, actorType: 'user', actorId: user.id, action: 'achievement.delete', entity: 'achievement', entityId: id },
        sql`NOT EXISTS (SELECT 1 FROM ${credentials} WHERE ${credentials.achievementId} = ${id})`,
      ),
      db.delete(a).where(and(eq(a.id, id), eq(a.tenantId, user.tenantId), notExists(issued))),
    ]);
    if (!deleted!.meta.changes) {
      throw new ProblemError('conflict', {
        title: 'Students have earned this achievement',
        detail: 'Credentials were issued for this achievement, so it stays: their achievement ids must keep resolving. Edit it instead.',
      });
    }
    return c.body(null, 204);
  });
