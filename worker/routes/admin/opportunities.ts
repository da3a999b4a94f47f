import { Hono } from 'hono';
import { z } from 'zod';
import {
  AdminOpportunity,
  AdminOpportunityCreate,
  AdminOpportunityList,
  AdminOpportunityQuery,
  AdminOpportunityUpdate,
  OPPORTUNITY_ACTIONS,
  opportunityIssues,
  type AdminOpportunityList as AdminOpportunityListShape,
} from '../../../schema/api/admin/catalog.js';
import { stageOfType } from '../../../schema/vocab.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { and, desc, eq, inArray, lt, notExists, sql, type SQL } from 'drizzle-orm';
import { applications, employers, hostOffers, opportunities } from '../../../schema/db/tables.js';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { actorOf, conflict, invalid, notFound, nowIso, rowExists } from '../../lib/admin-kit.js';
import { auditRow, auditRowIf } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { toFtsQuery } from '../../lib/fts.js';
import { newId } from '../../lib/ids.js';
import { describe } from '../../lib/openapi.js';
import {
  insertOpportunity,
  opportunityPatch,
  selectAdminOpportunities,
  selectAdminOpportunityWithCount,
  toAdminOpportunity,
  toAdminOpportunitySummary,
  type AdminOpportunityRow,
  type OpportunityPatch,
  type OpportunityRecord,
} from '../../lib/opportunity-rows.js';

const TAG = ['admin: opportunities'];
const ID = { id: 'The opportunity id (`opp_…`)' };
describe({
  method: 'get',
  path: '/api/v1/admin/opportunities',
  summary: 'Every opportunity of the tenant, whatever its status, newest first',
  tags: TAG,
  security: 'bearer',
  query: AdminOpportunityQuery,
  responses: { 200: { description: 'A page of opportunities', schema: AdminOpportunityList } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/opportunities',
  summary: 'Creates an opportunity as a draft',
  tags: TAG,
  security: 'bearer',
  body: AdminOpportunityCreate,
  responses: { 201: { description: 'The new opportunity', schema: AdminOpportunity } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/opportunities/:id',
  summary: 'One opportunity with every field',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'The opportunity', schema: AdminOpportunity } },
});
describe({
  method: 'patch',
  path: '/api/v1/admin/opportunities/:id',
  summary: 'Changes an opportunity; a published one changes on the board at once',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: AdminOpportunityUpdate,
  responses: {
    200: { description: 'The opportunity', schema: AdminOpportunity },
    409: { description: 'Changed by someone else meanwhile, or moved to an employer that is not approved' },
  },
});
describe({
  method: 'delete',
  path: '/api/v1/admin/opportunities/:id',
  summary: 'Deletes a draft; published ones are closed or archived instead',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 204: { description: 'Deleted' }, 409: { description: 'Not a draft, or it has applications' } },
});
for (const [action, summary] of [
  ['publish', 'Puts an opportunity on the public board (from draft, pending review or closed; the employer must be approved)'],
  ['close', 'Takes a published opportunity off the board'],
  ['archive', 'Files an opportunity away for good'],
] as const) {
  describe({
    method: 'post',
    path: `/api/v1/admin/opportunities/:id/${action}`,
    summary,
    tags: TAG,
    security: 'bearer',
    params: ID,
    responses: {
      200: { description: 'The opportunity', schema: AdminOpportunity },
      409: { description: 'Its status (or its employer’s vetting) does not allow this' },
    },
  });
}

export const OpportunityId = z.object({ id: z.string().regex(/^opp_[a-z0-9_]{3,60}$/) });

const READ = ['admin', 'coordinator', 'viewer'] as const;
const WRITE = ['admin', 'coordinator'] as const;

/**
 * The admin list, shared with the review queue (which asks for `pending_review`). Newest
 * first by the row's sequence number, so a page boundary never moves as rows are edited.
 */
export async function listOpportunities(db: Database, tenantId: string, q: AdminOpportunityQuery): Promise<AdminOpportunityListShape> {
  const cursor = readCursor(q.cursor);
  const where: (SQL | undefined)[] = [eq(opportunities.tenantId, tenantId)];
  const inList = (column: SQLiteColumn, values: readonly string[] | undefined) => {
    if (values?.length) where.push(inArray(column, [...values]));
  };
  inList(opportunities.status, q.status);
  inList(opportunities.stage, q.stage);
  inList(opportunities.cluster, q.cluster);
  inList(opportunities.type, q.type);
  if (q.employer) where.push(eq(opportunities.employerId, q.employer));
  const fts = toFtsQuery(q.q);
  // Every row is in the FTS index whatever its status (only the scope token differs), so drafts are found too.
  if (fts) where.push(sql`${opportunities.seq} IN (SELECT rowid FROM opportunities_fts WHERE opportunities_fts MATCH ${fts})`);
  if (cursor) where.push(lt(opportunities.seq, cursor.s));
  const rows = await selectAdminOpportunities(db)
    .where(and(...where))
    .orderBy(desc(opportunities.seq))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => ({ k: null, s: r.seq }), toAdminOpportunitySummary);
}

async function oneOpportunity(db: Database, id: string, tenantId: string): Promise<AdminOpportunityRow> {
  const row = await selectAdminOpportunityWithCount(db)
    .where(and(eq(opportunities.id, id), eq(opportunities.tenantId, tenantId)))
    .get();
  if (!row) throw notFound('opportunity');
  return row;
}

async function employerOf(db: Database, id: string, tenantId: string) {
  const e = await db
    .select({ id: employers.id, vettingStatus: employers.vettingStatus })
    .from(employers)
    .where(and(eq(employers.id, id), eq(employers.tenantId, tenantId)))
    .get();
  if (!e) throw invalid([{ path: 'employerId', message: 'Choose one of your employers', code: 'unknown_employer' }]);
  return e;
}

/** Compensation and requirements are objects in a body and several columns in the row. */
function flatten(body: AdminOpportunityUpdate): OpportunityPatch {
  const { compensation, requirements, ...rest } = body;
  const flat: OpportunityPatch = { ...rest };
  // An empty Spanish text is no Spanish text: the public list then falls back to English.
  if (rest.titleEs === '') flat.titleEs = null;
  if (rest.descriptionEs === '') flat.descriptionEs = null;
  if (compensation) {
    flat.compensationType = compensation.type;
    flat.compensationCents = compensation.type === 'unpaid' ? null : (compensation.amountCents ?? null);
  }
  if (requirements) {
    flat.requiresBackgroundCheck = requirements.backgroundCheck;
    flat.requiresGuardianConsent = requirements.guardianConsent;
    flat.requiredDocuments = requirements.documents;
  }
  // A new type brings its usual stage unless the body names one.
  if (body.type && !body.stage) flat.stage = stageOfType(body.type);
  return flat;
}

export const adminOpportunities = new Hono<AppEnv>()
  .get('/', requireRole(...READ), query(AdminOpportunityQuery), async (c) => {
    return c.json(await listOpportunities(c.var.db, c.get('user').tenantId, c.req.valid('query')));
  })
  .post('/', requireRole(...WRITE), json(AdminOpportunityCreate), async (c) => {
    const b = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    await employerOf(db, b.employerId, user.tenantId);
    const record: OpportunityRecord = {
      id: newId('opp'),
      tenantId: user.tenantId,
      employerId: b.employerId,
      title: b.title,
      description: b.description,
      titleEs: b.titleEs || null,
      descriptionEs: b.descriptionEs || null,
      tasks: b.tasks ?? [],
      stage: b.stage ?? stageOfType(b.type),
      type: b.type,
      cluster: b.cluster,
      onetSoc: b.onetSoc ?? null,
      skills: b.skills ?? [],
      technicalSkills: b.technicalSkills ?? [],
      compensationType: b.compensation?.type ?? 'unpaid',
      compensationCents: b.compensation && b.compensation.type !== 'unpaid' ? (b.compensation.amountCents ?? null) : null,
      mode: b.mode,
      locationName: b.locationName ?? null,
      address: b.address ?? null,
      city: b.city ?? null,
      state: b.state?.toUpperCase() ?? null,
      postalCode: b.postalCode ?? null,
      lat: b.lat ?? null,
      lng: b.lng ?? null,
      transitAccessible: b.transitAccessible ?? false,
      transitNotes: b.transitNotes ?? null,
      gradeMin: b.gradeMin ?? 9,
      gradeMax: b.gradeMax ?? 12,
      minAge: b.minAge ?? null,
      capacity: b.capacity ?? 1,
      schedule: b.schedule ?? null,
      timeSlots: b.timeSlots ?? [],
      hoursPerWeek: b.hoursPerWeek ?? null,
      startsOn: b.startsOn ?? null,
      endsOn: b.endsOn ?? null,
      applicationDeadline: b.applicationDeadline ?? null,
      requiresBackgroundCheck: b.requirements?.backgroundCheck ?? false,
      requiresGuardianConsent: b.requirements?.guardianConsent ?? true,
      requiredDocuments: b.requirements?.documents ?? [],
      status: b.status ?? 'draft',
      publishedAt: null,
    };
    // The defaults can clash with what was sent (a lowest grade of 12 under the default highest of 12 is fine; 13 is not).
    const issues = opportunityIssues({
      gradeMin: record.gradeMin,
      gradeMax: record.gradeMax,
      startsOn: record.startsOn,
      endsOn: record.endsOn,
      applicationDeadline: record.applicationDeadline,
    });
    if (issues.length) throw invalid(issues);
    await db.batch([
      insertOpportunity(db, record),
      auditRow(db, {
        ...actorOf(user),
        action: 'opportunity.create',
        entity: 'opportunity',
        entityId: record.id,
        detail: { status: record.status, employerId: record.employerId },
      }),
    ]);
    return c.json(toAdminOpportunity(await oneOpportunity(db, record.id, user.tenantId)), 201);
  })
  .get('/:id', requireRole(...READ), param(OpportunityId), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(toAdminOpportunity(await oneOpportunity(c.var.db, id, c.get('user').tenantId)));
  })
  .patch('/:id', requireRole(...WRITE), param(OpportunityId), json(AdminOpportunityUpdate), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneOpportunity(db, id, user.tenantId);
    if (body.employerId && body.employerId !== before.employerId) {
      const employer = await employerOf(db, body.employerId, user.tenantId);
      if (before.status === 'published' && employer.vettingStatus !== 'approved') {
        throw conflict(
          'That employer is not approved',
          'A published opportunity can only move to an approved employer. Close it first, or approve the employer.',
        );
      }
    }
    const flat = flatten(body);
    if (typeof flat.state === 'string') flat.state = flat.state.toUpperCase();
    const merged = {
      gradeMin: flat.gradeMin ?? before.gradeMin,
      gradeMax: flat.gradeMax ?? before.gradeMax,
      startsOn: flat.startsOn !== undefined ? flat.startsOn : before.startsOn,
      endsOn: flat.endsOn !== undefined ? flat.endsOn : before.endsOn,
      applicationDeadline: flat.applicationDeadline !== undefined ? flat.applicationDeadline : before.applicationDeadline,
    };
    const issues = opportunityIssues(merged);
    if (issues.length) throw invalid(issues);
    // The row as it was read: a concurrent edit changes updated_at, and this one then changes nothing.
    const asRead = and(eq(opportunities.id, id), eq(opportunities.tenantId, user.tenantId), eq(opportunities.updatedAt, before.updatedAt));
    const guard = rowExists(db, opportunities, asRead);
    const [, updated] = await db.batch([
      auditRowIf(
        db,
        { ...actorOf(user), action: 'opportunity.update', entity: 'opportunity', entityId: id, detail: { fields: Object.keys(body), status: before.status } },
        guard,
      ),
      db
        .update(opportunities)
        .set({ ...opportunityPatch(flat), updatedAt: nowIso() })
        .where(asRead),
    ]);
    if (!updated.meta.changes) throw conflict('Changed meanwhile', 'Someone else changed this opportunity a moment ago. Reload it and make your change again.');
    return c.json(toAdminOpportunity(await oneOpportunity(db, id, user.tenantId)));
  })
  .delete('/:id', requireRole(...WRITE), param(OpportunityId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneOpportunity(db, id, user.tenantId);
    const deletable = and(
      eq(opportunities.id, id),
      eq(opportunities.tenantId, user.tenantId),
      eq(opportunities.status, 'draft'),
      notExists(db.select({ one: sql`1` }).from(applications).where(eq(applications.opportunityId, opportunities.id))),
    );
    const guard = rowExists(db, opportunities, deletable);
    const [, , deleted] = await db.batch([
      auditRowIf(db, { ...actorOf(user), action: 'opportunity.delete', entity: 'opportunity', entityId: id, detail: { title: before.title } }, guard),
      // An offer approved as this draft keeps its record, without a link to a row that is gone.
      db
        .update(hostOffers)
        .set({ opportunityId: null })
        .where(and(eq(hostOffers.opportunityId, id), eq(hostOffers.tenantId, user.tenantId), guard)),
      db.delete(opportunities).where(deletable),
    ]);
    if (!deleted.meta.changes) {
      const now = await oneOpportunity(db, id, user.tenantId);
      if (now.status !== 'draft') {
        throw conflict(
          'Only drafts can be deleted',
          `This opportunity is ${now.status.replace('_', ' ')}. ${now.status === 'published' ? 'Close it to take it off the board, or archive it.' : 'Archive it instead.'}`,
        );
      }
      throw conflict('This draft has applications', 'Students applied to it, so it is kept with their applications. Archive it instead.');
    }
    return c.body(null, 204);
  })
  .post(
    '/:id/:action{publish|close|archive}',
    requireRole(...WRITE),
    param(z.object({ id: OpportunityId.shape.id, action: z.enum(['publish', 'close', 'archive']) })),
    async (c) => {
      const { id, action } = c.req.valid('param');
      const user = c.get('user');
      const db = c.var.db;
      const move = OPPORTUNITY_ACTIONS[action];
      const before = await oneOpportunity(db, id, user.tenantId);
      const condition = and(
        eq(opportunities.id, id),
        eq(opportunities.tenantId, user.tenantId),
        inArray(opportunities.status, [...move.from]),
        // Publishing needs an approved employer, checked in the same statement so a suspension cannot slip in between.
        action === 'publish' ? rowExists(db, employers, and(eq(employers.id, opportunities.employerId), eq(employers.vettingStatus, 'approved'))) : undefined,
      );
      const now = nowIso();
      const [, updated] = await db.batch([
        auditRowIf(
          db,
          { ...actorOf(user), action: `opportunity.${action}`, entity: 'opportunity', entityId: id, detail: { from: before.status, to: move.to } },
          rowExists(db, opportunities, condition),
        ),
        db
          .update(opportunities)
          .set({ status: move.to, updatedAt: now, ...(move.to === 'published' ? { publishedAt: now } : {}) })
          .where(condition),
      ]);
      if (!updated.meta.changes) {
        const after = await oneOpportunity(db, id, user.tenantId);
        if (action === 'publish' && move.from.some((s) => s === after.status)) {
          throw conflict(
            'The employer is not approved',
            `${after.employerName} is ${after.vettingStatus}. Approve the employer before publishing its opportunities.`,
          );
        }
        throw conflict(
          `This opportunity cannot be ${action === 'publish' ? 'published' : `${action}d`}`,
          `It is ${after.status.replace('_', ' ')}; only ${move.from.map((s) => s.replace('_', ' ')).join(', ')} opportunities can be ${action === 'publish' ? 'published' : `${action}d`}.`,
        );
      }
      return c.json(toAdminOpportunity(await oneOpportunity(db, id, user.tenantId)));
    },
  );
