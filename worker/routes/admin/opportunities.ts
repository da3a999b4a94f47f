import { Hono } from 'hono';
import { z } from 'zod';
import {
  AdminOpportunity, AdminOpportunityCreate, AdminOpportunityList, AdminOpportunityQuery, AdminOpportunityUpdate,
  OPPORTUNITY_ACTIONS, opportunityIssues, type AdminOpportunityList as AdminOpportunityListShape, type OpportunityAction,
} from '../../../schema/api/admin/catalog.js';
import { stageOfType, type OpportunityType } from '../../../schema/vocab.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { actorOf, auditIf, conflict, invalid, notFound, nowIso, setClause, type Guard } from '../../lib/admin-kit.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { auditStatement } from '../../lib/audit.js';
import { toFtsQuery } from '../../lib/fts.js';
import { newId } from '../../lib/ids.js';
import { describe } from '../../lib/openapi.js';
import {
  ADMIN_OPPORTUNITY_SELECT, insertOpportunity, PATCH_COLUMNS, toAdminOpportunity, toAdminOpportunitySummary,
  type AdminOpportunityRow, type OpportunityRecord,
} from '../../lib/opportunity-rows.js';

const TAG = ['admin: opportunities'];
const ID = { id: 'The opportunity id (`opp_…`)' };
describe({ method: 'get', path: '/api/v1/admin/opportunities', summary: 'Every opportunity of the tenant, whatever its status, newest first', tags: TAG, security: 'bearer', query: AdminOpportunityQuery, responses: { 200: { description: 'A page of opportunities', schema: AdminOpportunityList } } });
describe({ method: 'post', path: '/api/v1/admin/opportunities', summary: 'Creates an opportunity as a draft', tags: TAG, security: 'bearer', body: AdminOpportunityCreate, responses: { 201: { description: 'The new opportunity', schema: AdminOpportunity } } });
describe({ method: 'get', path: '/api/v1/admin/opportunities/:id', summary: 'One opportunity with every field', tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'The opportunity', schema: AdminOpportunity } } });
describe({ method: 'patch', path: '/api/v1/admin/opportunities/:id', summary: 'Changes an opportunity; a published one changes on the board at once', tags: TAG, security: 'bearer', params: ID, body: AdminOpportunityUpdate, responses: { 200: { description: 'The opportunity', schema: AdminOpportunity }, 409: { description: 'Changed by someone else meanwhile, or moved to an employer that is not approved' } } });
describe({ method: 'delete', path: '/api/v1/admin/opportunities/:id', summary: 'Deletes a draft; published ones are closed or archived instead', tags: TAG, security: 'bearer', params: ID, responses: { 204: { description: 'Deleted' }, 409: { description: 'Not a draft, or it has applications' } } });
for (const [action, summary] of [
  ['publish', 'Puts an opportunity on the public board (from draft, pending review or closed; the employer must be approved)'],
  ['close', 'Takes a published opportunity off the board'],
  ['archive', 'Files an opportunity away for good'],
] as const) {
  describe({ method: 'post', path: `/api/v1/admin/opportunities/:id/${action}`, summary, tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'The opportunity', schema: AdminOpportunity }, 409: { description: 'Its status (or its employer’s vetting) does not allow this' } } });
}

export const OpportunityId = z.object({ id: z.string().regex(/^opp_[a-z0-9_]{3,60}$/) });

const READ = ['admin', 'coordinator', 'viewer'] as const;
const WRITE = ['admin', 'coordinator'] as const;

/**
 * The admin list, shared with the review queue (which asks for `pending_review`). Newest
 * first by the row's sequence number, so a page boundary never moves as rows are edited.
 */
export async function listOpportunities(db: AppEnv['Bindings']['DB'], tenantId: string, q: AdminOpportunityQuery): Promise<AdminOpportunityListShape> {
  const cursor = readCursor(q.cursor);
  const where = ['o.tenant_id = ?'];
  const params: unknown[] = [tenantId];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('o.status', q.status);
  inList('o.stage', q.stage);
  inList('o.cluster', q.cluster);
  inList('o.type', q.type);
  if (q.employer) {
    where.push('o.employer_id = ?');
    params.push(q.employer);
  }
  const fts = toFtsQuery(q.q);
  if (fts) {
    // Every row is in the FTS index whatever its status (only the scope token differs), so drafts are found too.
    where.push('o.seq IN (SELECT rowid FROM opportunities_fts WHERE opportunities_fts MATCH ?)');
    params.push(fts);
  }
  if (cursor) {
    where.push('o.seq < ?');
    params.push(cursor.s);
  }
  const { results } = await db.prepare(`${ADMIN_OPPORTUNITY_SELECT} WHERE ${where.join(' AND ')} ORDER BY o.seq DESC LIMIT ?`)
    .bind(...params, q.limit + 1).all<AdminOpportunityRow>();
  return pageOf(results, q.limit, (r) => ({ k: null, s: r.seq }), toAdminOpportunitySummary);
}

async function oneOpportunity(db: AppEnv['Bindings']['DB'], id: string, tenantId: string): Promise<AdminOpportunityRow> {
  const row = await db.prepare(
    `${ADMIN_OPPORTUNITY_SELECT.replace('SELECT o.*', 'SELECT o.*, (SELECT count(*) FROM applications a WHERE a.opportunity_id = o.id) AS applications')}
      WHERE o.id = ? AND o.tenant_id = ?`,
  ).bind(id, tenantId).first<AdminOpportunityRow>();
  if (!row) throw notFound('opportunity');
  return row;
}

async function employerOf(db: AppEnv['Bindings']['DB'], id: string, tenantId: string) {
  const e = await db.prepare('SELECT id, vetting_status FROM employers WHERE id = ? AND tenant_id = ?').bind(id, tenantId).first<{ id: string; vetting_status: string }>();
  if (!e) throw invalid([{ path: 'employerId', message: 'Choose one of your employers', code: 'unknown_employer' }]);
  return e;
}

/** Compensation and requirements are objects in a body and several columns in the row. */
function flatten(body: AdminOpportunityUpdate): Record<string, unknown> {
  const { compensation, requirements, ...rest } = body;
  const flat: Record<string, unknown> = { ...rest };
  if (compensation) {
    flat.compensationType = compensation.type;
    flat.compensationCents = compensation.type === 'unpaid' ? null : compensation.amountCents ?? null;
  }
  if (requirements) {
    flat.requiresBackgroundCheck = requirements.backgroundCheck;
    flat.requiresGuardianConsent = requirements.guardianConsent;
    flat.requiredDocuments = requirements.documents;
  }
  // A new type brings its usual stage unless the body names one.
  if (body.type && !body.stage) flat.stage = stageOfType(body.type as OpportunityType);
  return flat;
}

export const adminOpportunities = new Hono<AppEnv>()
  .get('/', requireRole(...READ), query(AdminOpportunityQuery), async (c) => {
    return c.json(await listOpportunities(c.env.DB, c.get('user').tenantId, c.req.valid('query')));
  })
  .post('/', requireRole(...WRITE), json(AdminOpportunityCreate), async (c) => {
    const b = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    await employerOf(db, b.employerId, user.tenantId);
    const record: OpportunityRecord = {
      id: newId('opp'), tenantId: user.tenantId, employerId: b.employerId, title: b.title, description: b.description, tasks: b.tasks ?? [],
      stage: b.stage ?? stageOfType(b.type), type: b.type, cluster: b.cluster, onetSoc: b.onetSoc ?? null, skills: b.skills ?? [],
      technicalSkills: b.technicalSkills ?? [], compensationType: b.compensation?.type ?? 'unpaid',
      compensationCents: b.compensation && b.compensation.type !== 'unpaid' ? b.compensation.amountCents ?? null : null,
      mode: b.mode, locationName: b.locationName ?? null, address: b.address ?? null, city: b.city ?? null, state: b.state?.toUpperCase() ?? null,
      postalCode: b.postalCode ?? null, lat: b.lat ?? null, lng: b.lng ?? null, transitAccessible: b.transitAccessible ?? false,
      transitNotes: b.transitNotes ?? null, gradeMin: b.gradeMin ?? 9, gradeMax: b.gradeMax ?? 12, minAge: b.minAge ?? null,
      capacity: b.capacity ?? 1, schedule: b.schedule ?? null, timeSlots: b.timeSlots ?? [], hoursPerWeek: b.hoursPerWeek ?? null,
      startsOn: b.startsOn ?? null, endsOn: b.endsOn ?? null, applicationDeadline: b.applicationDeadline ?? null,
      requiresBackgroundCheck: b.requirements?.backgroundCheck ?? false, requiresGuardianConsent: b.requirements?.guardianConsent ?? true,
      requiredDocuments: b.requirements?.documents ?? [], status: b.status ?? 'draft', publishedAt: null,
    };
    // The defaults can clash with what was sent (a lowest grade of 12 under the default highest of 12 is fine; 13 is not).
    const issues = opportunityIssues({ gradeMin: record.gradeMin, gradeMax: record.gradeMax, startsOn: record.startsOn, endsOn: record.endsOn, applicationDeadline: record.applicationDeadline });
    if (issues.length) throw invalid(issues);
    await db.batch([
      insertOpportunity(db, record, { sql: '1', params: [] }),
      auditStatement(db, { ...actorOf(user), action: 'opportunity.create', entity: 'opportunity', entityId: record.id, detail: { status: record.status, employerId: record.employerId } }),
    ]);
    return c.json(toAdminOpportunity(await oneOpportunity(db, record.id, user.tenantId)), 201);
  })
  .get('/:id', requireRole(...READ), param(OpportunityId), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(toAdminOpportunity(await oneOpportunity(c.env.DB, id, c.get('user').tenantId)));
  })
  .patch('/:id', requireRole(...WRITE), param(OpportunityId), json(AdminOpportunityUpdate), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    const before = await oneOpportunity(db, id, user.tenantId);
    if (body.employerId && body.employerId !== before.employer_id) {
      const employer = await employerOf(db, body.employerId, user.tenantId);
      if (before.status === 'published' && employer.vetting_status !== 'approved') {
        throw conflict('That employer is not approved', 'A published opportunity can only move to an approved employer. Close it first, or approve the employer.');
      }
    }
    const flat = flatten(body);
    if (typeof flat.state === 'string') flat.state = flat.state.toUpperCase();
    const merged = {
      gradeMin: (flat.gradeMin as number | undefined) ?? before.grade_min,
      gradeMax: (flat.gradeMax as number | undefined) ?? before.grade_max,
      startsOn: 'startsOn' in flat ? (flat.startsOn as string | null) : before.starts_on,
      endsOn: 'endsOn' in flat ? (flat.endsOn as string | null) : before.ends_on,
      applicationDeadline: 'applicationDeadline' in flat ? (flat.applicationDeadline as string | null) : before.application_deadline,
    };
    const issues = opportunityIssues(merged);
    if (issues.length) throw invalid(issues);
    const set = setClause(PATCH_COLUMNS, flat);
    // The row as it was read: a concurrent edit changes updated_at, and this one then changes nothing.
    const guard: Guard = { sql: 'EXISTS (SELECT 1 FROM opportunities WHERE id = ? AND tenant_id = ? AND updated_at = ?)', params: [id, user.tenantId, before.updated_at] };
    const [, updated] = await db.batch([
      auditIf(db, { ...actorOf(user), action: 'opportunity.update', entity: 'opportunity', entityId: id, detail: { fields: Object.keys(body), status: before.status } }, guard),
      db.prepare(`UPDATE opportunities SET ${set.sql}, updated_at = ? WHERE id = ? AND tenant_id = ? AND updated_at = ?`)
        .bind(...set.params, nowIso(), id, user.tenantId, before.updated_at),
    ]);
    if (!updated?.meta.changes) throw conflict('Changed meanwhile', 'Someone else changed this opportunity a moment ago. Reload it and make your change again.');
    return c.json(toAdminOpportunity(await oneOpportunity(db, id, user.tenantId)));
  })
  .delete('/:id', requireRole(...WRITE), param(OpportunityId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const db = c.env.DB;
    const before = await oneOpportunity(db, id, user.tenantId);
    const guard: Guard = {
      sql: `EXISTS (SELECT 1 FROM opportunities o WHERE o.id = ? AND o.tenant_id = ? AND o.status = 'draft'
              AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.opportunity_id = o.id))`,
      params: [id, user.tenantId],
    };
    const [, , deleted] = await db.batch([
      auditIf(db, { ...actorOf(user), action: 'opportunity.delete', entity: 'opportunity', entityId: id, detail: { title: before.title } }, guard),
      // An offer approved as this draft keeps its record, without a link to a row that is gone.
      db.prepare(`UPDATE host_offers SET opportunity_id = NULL WHERE opportunity_id = ? AND tenant_id = ? AND ${guard.sql}`).bind(id, user.tenantId, ...guard.params),
      db.prepare(`DELETE FROM opportunities WHERE id = ? AND tenant_id = ? AND status = 'draft'
                    AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.opportunity_id = opportunities.id)`).bind(id, user.tenantId),
    ]);
    if (!deleted?.meta.changes) {
      const now = await oneOpportunity(db, id, user.tenantId);
      if (now.status !== 'draft') {
        throw conflict('Only drafts can be deleted', `This opportunity is ${now.status.replace('_', ' ')}. ${now.status === 'published' ? 'Close it to take it off the board, or archive it.' : 'Archive it instead.'}`);
      }
      throw conflict('This draft has applications', 'Students applied to it, so it is kept with their applications. Archive it instead.');
    }
    return c.body(null, 204);
  })
  .post('/:id/:action{publish|close|archive}', requireRole(...WRITE), param(z.object({ id: OpportunityId.shape.id, action: z.enum(['publish', 'close', 'archive']) })), async (c) => {
    const { id, action } = c.req.valid('param');
    const user = c.get('user');
    const db = c.env.DB;
    const move = OPPORTUNITY_ACTIONS[action as OpportunityAction];
    const before = await oneOpportunity(db, id, user.tenantId);
    const from = move.from.map(() => '?').join(', ');
    // Publishing needs an approved employer, checked in the same statement so a suspension cannot slip in between.
    const vetted = action === 'publish' ? `AND EXISTS (SELECT 1 FROM employers e WHERE e.id = o.employer_id AND e.vetting_status = 'approved')` : '';
    const condition = `o.id = ? AND o.tenant_id = ? AND o.status IN (${from}) ${vetted}`;
    const params = [id, user.tenantId, ...move.from];
    const now = nowIso();
    const [, updated] = await db.batch([
      auditIf(db, { ...actorOf(user), action: `opportunity.${action}`, entity: 'opportunity', entityId: id, detail: { from: before.status, to: move.to } },
        { sql: `EXISTS (SELECT 1 FROM opportunities o WHERE ${condition})`, params }),
      db.prepare(`UPDATE opportunities AS o SET status = ?, updated_at = ?, published_at = CASE WHEN ? = 'published' THEN ? ELSE o.published_at END
                   WHERE ${condition}`).bind(move.to, now, move.to, now, ...params),
    ]);
    if (!updated?.meta.changes) {
      const after = await oneOpportunity(db, id, user.tenantId);
      if (action === 'publish' && (move.from as readonly string[]).includes(after.status)) {
        throw conflict('The employer is not approved', `${after.employer_name} is ${after.vetting_status}. Approve the employer before publishing its opportunities.`);
      }
      throw conflict(`This opportunity cannot be ${action === 'publish' ? 'published' : `${action}d`}`,
        `It is ${after.status.replace('_', ' ')}; only ${move.from.map((s) => s.replace('_', ' ')).join(', ')} opportunities can be ${action === 'publish' ? 'published' : `${action}d`}.`);
    }
    return c.json(toAdminOpportunity(await oneOpportunity(db, id, user.tenantId)));
  });
