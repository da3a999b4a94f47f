import { Hono } from 'hono';
import { z } from 'zod';
import {
  AdminEmployer, AdminEmployerList, EmployerCreate, EmployerListQuery, EmployerUpdate, EmployerVetting, EmployerVettingResult,
} from '../../../schema/api/admin/review.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { actorOf, auditIf, conflict, containsPattern, notFound, nowIso, setClause, type Guard } from '../../lib/admin-kit.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { auditStatement } from '../../lib/audit.js';
import { newId } from '../../lib/ids.js';
import { parseJsonList } from '../../lib/mappers.js';
import { describe } from '../../lib/openapi.js';

const TAG = ['admin: review'];
const ID = { id: 'The employer id (`emp_…`)' };
describe({ method: 'get', path: '/api/v1/admin/employers', summary: 'The tenant’s employers by name, filtered by vetting status or part of the name', tags: TAG, security: 'bearer', query: EmployerListQuery, responses: { 200: { description: 'A page of employers', schema: AdminEmployerList } } });
describe({ method: 'post', path: '/api/v1/admin/employers', summary: 'Adds an employer by hand; it starts pending vetting', tags: TAG, security: 'bearer', body: EmployerCreate, responses: { 201: { description: 'The employer', schema: AdminEmployer } } });
describe({ method: 'get', path: '/api/v1/admin/employers/:id', summary: 'One employer', tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'The employer', schema: AdminEmployer } } });
describe({ method: 'patch', path: '/api/v1/admin/employers/:id', summary: 'Changes an employer’s fields', tags: TAG, security: 'bearer', params: ID, body: EmployerUpdate, responses: { 200: { description: 'The employer', schema: AdminEmployer }, 409: { description: 'Changed by someone else meanwhile' } } });
describe({
  method: 'post', path: '/api/v1/admin/employers/:id/vetting', summary: 'Sets an employer’s vetting status; suspending closes its published opportunities', tags: TAG, security: 'bearer', params: ID, body: EmployerVetting,
  responses: { 200: { description: 'The employer and the opportunities taken off the board', schema: EmployerVettingResult }, 409: { description: 'Changed by someone else meanwhile' } },
});

export interface EmployerRow {
  rid: number; id: string; name: string; website: string | null; description: string | null; size: string | null; clusters: string;
  contact_name: string | null; contact_title: string | null; contact_email: string | null; contact_phone: string | null;
  address: string | null; city: string | null; state: string | null; postal_code: string | null; lat: number | null; lng: number | null;
  vetting_status: string; liability_agreement_on: string | null; insurance_expires_on: string | null; published: number;
  created_at: string; updated_at: string;
}

const EMPLOYER_SELECT = `SELECT e.rowid AS rid, e.*,
    (SELECT count(*) FROM opportunities o WHERE o.employer_id = e.id AND o.status = 'published') AS published
  FROM employers e`;

export function toEmployer(r: EmployerRow): AdminEmployer {
  return {
    id: r.id,
    name: r.name,
    website: r.website,
    description: r.description,
    size: r.size as AdminEmployer['size'],
    clusters: parseJsonList(r.clusters),
    contact: { name: r.contact_name, title: r.contact_title, email: r.contact_email, phone: r.contact_phone },
    address: r.address,
    city: r.city,
    state: r.state,
    postalCode: r.postal_code,
    lat: r.lat,
    lng: r.lng,
    vettingStatus: r.vetting_status as AdminEmployer['vettingStatus'],
    liabilityAgreementOn: r.liability_agreement_on,
    insuranceExpiresOn: r.insurance_expires_on,
    publishedOpportunities: r.published,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function oneEmployer(db: AppEnv['Bindings']['DB'], id: string, tenantId: string): Promise<EmployerRow> {
  const row = await db.prepare(`${EMPLOYER_SELECT} WHERE e.id = ? AND e.tenant_id = ?`).bind(id, tenantId).first<EmployerRow>();
  if (!row) throw notFound('employer');
  return row;
}

const COLUMNS: Record<string, string> = {
  name: 'name', website: 'website', description: 'description', size: 'size', clusters: 'clusters', contactName: 'contact_name',
  contactTitle: 'contact_title', contactEmail: 'contact_email', contactPhone: 'contact_phone', address: 'address', city: 'city',
  state: 'state', postalCode: 'postal_code', lat: 'lat', lng: 'lng', liabilityAgreementOn: 'liability_agreement_on', insuranceExpiresOn: 'insurance_expires_on',
};

const EmployerId = z.object({ id: z.string().regex(/^emp_[a-z0-9_]{3,60}$/) });

/**
 * Employers and their vetting. Only an approved employer's opportunities may be published;
 * suspending one closes its published opportunities in the same transaction, so the public
 * board (which shows published rows only) drops them at once and they stay off it until a
 * coordinator publishes them again after the employer is approved.
 */
export const employers = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator'))
  .get('/', query(EmployerListQuery), async (c) => {
    const q = c.req.valid('query');
    const cursor = readCursor(q.cursor);
    const where = ['e.tenant_id = ?'];
    const params: unknown[] = [c.get('user').tenantId];
    if (q.vetting) {
      where.push('e.vetting_status = ?');
      params.push(q.vetting);
    }
    if (q.q) {
      where.push(`e.name LIKE ? ESCAPE '\\'`);
      params.push(containsPattern(q.q));
    }
    if (cursor) {
      where.push('(e.name, e.rowid) > (?, ?)');
      params.push(cursor.k, cursor.s);
    }
    const { results } = await c.env.DB.prepare(`${EMPLOYER_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.name, e.rowid LIMIT ?`)
      .bind(...params, q.limit + 1).all<EmployerRow>();
    return c.json(pageOf(results, q.limit, (r) => ({ k: r.name, s: r.rid }), toEmployer));
  })
  .post('/', json(EmployerCreate), async (c) => {
    const b = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    const id = newId('emp');
    const set = setClause(COLUMNS, { ...b, clusters: b.clusters ?? [], state: b.state?.toUpperCase() });
    await db.batch([
      db.prepare(`INSERT INTO employers (id, tenant_id, vetting_status, ${set.columns.join(', ')}) VALUES (?, ?, 'pending', ${set.columns.map(() => '?').join(', ')})`)
        .bind(id, user.tenantId, ...set.params),
      auditStatement(db, { ...actorOf(user), action: 'employer.create', entity: 'employer', entityId: id, detail: { source: 'console' } }),
    ]);
    return c.json(toEmployer(await oneEmployer(db, id, user.tenantId)), 201);
  })
  .get('/:id', param(EmployerId), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(toEmployer(await oneEmployer(c.env.DB, id, c.get('user').tenantId)));
  })
  .patch('/:id', param(EmployerId), json(EmployerUpdate), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    const before = await oneEmployer(db, id, user.tenantId);
    const set = setClause(COLUMNS, { ...body, ...(typeof body.state === 'string' ? { state: body.state.toUpperCase() } : {}) });
    const guard: Guard = { sql: 'EXISTS (SELECT 1 FROM employers WHERE id = ? AND tenant_id = ? AND updated_at = ?)', params: [id, user.tenantId, before.updated_at] };
    const [, updated] = await db.batch([
      auditIf(db, { ...actorOf(user), action: 'employer.update', entity: 'employer', entityId: id, detail: { fields: Object.keys(body) } }, guard),
      // A new name reaches the search index through the employers_fts_name trigger.
      db.prepare(`UPDATE employers SET ${set.sql}, updated_at = ? WHERE id = ? AND tenant_id = ? AND updated_at = ?`)
        .bind(...set.params, nowIso(), id, user.tenantId, before.updated_at),
    ]);
    if (!updated?.meta.changes) throw conflict('Changed meanwhile', 'Someone else changed this employer a moment ago. Reload it and make your change again.');
    return c.json(toEmployer(await oneEmployer(db, id, user.tenantId)));
  })
  .post('/:id/vetting', param(EmployerId), json(EmployerVetting), async (c) => {
    const { id } = c.req.valid('param');
    const { status, note } = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    const before = await oneEmployer(db, id, user.tenantId);
    // Decided against the status that was read: of two changes at once, the second changes nothing and says so.
    const guard: Guard = { sql: 'EXISTS (SELECT 1 FROM employers WHERE id = ? AND tenant_id = ? AND vetting_status = ?)', params: [id, user.tenantId, before.vetting_status] };
    const now = nowIso();
    const closing = status === 'suspended';
    const statements = [
      auditIf(db, { ...actorOf(user), action: 'employer.vetting', entity: 'employer', entityId: id, detail: { from: before.vetting_status, to: status, ...(note ? { note } : {}) } }, guard),
      ...(closing ? [
        // One audit row per opportunity taken off the board, written before the UPDATE that closes them.
        db.prepare(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail)
                    SELECT ?, 'user', ?, 'opportunity.close', 'opportunity', o.id, json_object('from', 'published', 'to', 'closed', 'reason', 'employer.suspended')
                      FROM opportunities o WHERE o.employer_id = ? AND o.tenant_id = ? AND o.status = 'published' AND ${guard.sql}`)
          .bind(user.tenantId, user.id, id, user.tenantId, ...guard.params),
        db.prepare(`UPDATE opportunities SET status = 'closed', updated_at = ? WHERE employer_id = ? AND tenant_id = ? AND status = 'published' AND ${guard.sql} RETURNING id`)
          .bind(now, id, user.tenantId, ...guard.params),
      ] : []),
      db.prepare('UPDATE employers SET vetting_status = ?, updated_at = ? WHERE id = ? AND tenant_id = ? AND vetting_status = ?')
        .bind(status, now, id, user.tenantId, before.vetting_status),
    ];
    const results = await db.batch<{ id: string }>(statements);
    if (!results[results.length - 1]?.meta.changes) throw conflict('Changed meanwhile', 'Someone else changed this employer’s vetting a moment ago. Reload it and decide again.');
    const closed = closing ? results[2]!.results.map((r) => r.id) : [];
    return c.json({ employer: toEmployer(await oneEmployer(db, id, user.tenantId)), closedOpportunityIds: closed } satisfies EmployerVettingResult);
  });
