import { Hono } from 'hono';
import { z } from 'zod';
import {
  AdminEmployer,
  AdminEmployerList,
  EmployerCreate,
  EmployerListQuery,
  EmployerUpdate,
  EmployerVetting,
  EmployerVettingResult,
} from '../../../schema/api/admin/review.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { auditLog, employers as employerTable, opportunities } from '../../../schema/db/tables.js';
import { actorOf, conflict, contains, notFound, nowIso, rowExists } from '../../lib/admin-kit.js';
import { auditRow, auditRowIf } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { newId } from '../../lib/ids.js';
import { describe } from '../../lib/openapi.js';

const TAG = ['admin: review'];
const ID = { id: 'The employer id (`emp_…`)' };
describe({
  method: 'get',
  path: '/api/v1/admin/employers',
  summary: 'The tenant’s employers by name, filtered by vetting status or part of the name',
  tags: TAG,
  security: 'bearer',
  query: EmployerListQuery,
  responses: { 200: { description: 'A page of employers', schema: AdminEmployerList } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/employers',
  summary: 'Adds an employer by hand; it starts pending vetting',
  tags: TAG,
  security: 'bearer',
  body: EmployerCreate,
  responses: { 201: { description: 'The employer', schema: AdminEmployer } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/employers/:id',
  summary: 'One employer',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'The employer', schema: AdminEmployer } },
});
describe({
  method: 'patch',
  path: '/api/v1/admin/employers/:id',
  summary: 'Changes an employer’s fields',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: EmployerUpdate,
  responses: { 200: { description: 'The employer', schema: AdminEmployer }, 409: { description: 'Changed by someone else meanwhile' } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/employers/:id/vetting',
  summary: 'Sets an employer’s vetting status; suspending closes its published opportunities',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: EmployerVetting,
  responses: {
    200: { description: 'The employer and the opportunities taken off the board', schema: EmployerVettingResult },
    409: { description: 'Changed by someone else meanwhile' },
  },
});

/** An employer with how many of its opportunities are on the board; `rid` is the rowid, the list's tie-breaker. */
const selectEmployers = (db: Database) =>
  db
    .select({
      rid: sql<number>`${employerTable}.rowid`,
      ...getTableColumns(employerTable),
      published: db.$count(opportunities, and(eq(opportunities.employerId, employerTable.id), eq(opportunities.status, 'published'))),
    })
    .from(employerTable);

export type EmployerRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectEmployers>['get']>>>;

export function toEmployer(r: EmployerRow): AdminEmployer {
  return {
    id: r.id,
    name: r.name,
    website: r.website,
    description: r.description,
    size: r.size,
    clusters: r.clusters,
    contact: { name: r.contactName, title: r.contactTitle, email: r.contactEmail, phone: r.contactPhone },
    address: r.address,
    city: r.city,
    state: r.state,
    postalCode: r.postalCode,
    lat: r.lat,
    lng: r.lng,
    vettingStatus: r.vettingStatus,
    liabilityAgreementOn: r.liabilityAgreementOn,
    insuranceExpiresOn: r.insuranceExpiresOn,
    publishedOpportunities: r.published,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function oneEmployer(db: Database, id: string, tenantId: string): Promise<EmployerRow> {
  const row = await selectEmployers(db)
    .where(and(eq(employerTable.id, id), eq(employerTable.tenantId, tenantId)))
    .get();
  if (!row) throw notFound('employer');
  return row;
}

type EmployerFields = Partial<Omit<typeof employerTable.$inferInsert, 'id' | 'tenantId' | 'vettingStatus' | 'createdAt' | 'updatedAt'>>;

/** The employer's own fields a body sent, for an insert or drizzle's `.set()` (the vetting status moves through its own action). */
function employerFields(b: EmployerUpdate): EmployerFields {
  const {
    name,
    website,
    description,
    size,
    clusters,
    contactName,
    contactTitle,
    contactEmail,
    contactPhone,
    address,
    city,
    state,
    postalCode,
    lat,
    lng,
    liabilityAgreementOn,
    insuranceExpiresOn,
  } = b;
  const fields: EmployerFields = {
    name,
    website,
    description,
    size,
    clusters,
    contactName,
    contactTitle,
    contactEmail,
    contactPhone,
    address,
    city,
    state: typeof state === 'string' ? state.toUpperCase() : state,
    postalCode,
    lat,
    lng,
    liabilityAgreementOn,
    insuranceExpiresOn,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

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
    const rows = await selectEmployers(c.var.db)
      .where(
        and(
          eq(employerTable.tenantId, c.get('user').tenantId),
          q.vetting ? eq(employerTable.vettingStatus, q.vetting) : undefined,
          q.q ? contains(employerTable.name, q.q) : undefined,
          cursor ? sql`(${employerTable.name}, ${employerTable}.rowid) > (${cursor.k}, ${cursor.s})` : undefined,
        ),
      )
      .orderBy(asc(employerTable.name), asc(sql`${employerTable}.rowid`))
      .limit(q.limit + 1);
    return c.json(pageOf(rows, q.limit, (r) => ({ k: r.name, s: r.rid }), toEmployer));
  })
  .post('/', json(EmployerCreate), async (c) => {
    const b = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const id = newId('emp');
    await db.batch([
      db
        .insert(employerTable)
        .values({ ...employerFields({ ...b, clusters: b.clusters ?? [] }), name: b.name, id, tenantId: user.tenantId, vettingStatus: 'pending' }),
      auditRow(db, { ...actorOf(user), action: 'employer.create', entity: 'employer', entityId: id, detail: { source: 'console' } }),
    ]);
    return c.json(toEmployer(await oneEmployer(db, id, user.tenantId)), 201);
  })
  .get('/:id', param(EmployerId), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(toEmployer(await oneEmployer(c.var.db, id, c.get('user').tenantId)));
  })
  .patch('/:id', param(EmployerId), json(EmployerUpdate), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneEmployer(db, id, user.tenantId);
    const asRead = and(eq(employerTable.id, id), eq(employerTable.tenantId, user.tenantId), eq(employerTable.updatedAt, before.updatedAt));
    const [, updated] = await db.batch([
      auditRowIf(
        db,
        { ...actorOf(user), action: 'employer.update', entity: 'employer', entityId: id, detail: { fields: Object.keys(body) } },
        rowExists(db, employerTable, asRead),
      ),
      // A new name reaches the search index through the employers_fts_name trigger.
      db
        .update(employerTable)
        .set({ ...employerFields(body), updatedAt: nowIso() })
        .where(asRead),
    ]);
    if (!updated.meta.changes) throw conflict('Changed meanwhile', 'Someone else changed this employer a moment ago. Reload it and make your change again.');
    return c.json(toEmployer(await oneEmployer(db, id, user.tenantId)));
  })
  .post('/:id/vetting', param(EmployerId), json(EmployerVetting), async (c) => {
    const { id } = c.req.valid('param');
    const { status, note } = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneEmployer(db, id, user.tenantId);
    // Decided against the status that was read: of two changes at once, the second changes nothing and says so.
    const asRead = and(eq(employerTable.id, id), eq(employerTable.tenantId, user.tenantId), eq(employerTable.vettingStatus, before.vettingStatus));
    const guard = rowExists(db, employerTable, asRead);
    const now = nowIso();
    const closing = status === 'suspended';
    const onBoard = and(eq(opportunities.employerId, id), eq(opportunities.tenantId, user.tenantId), eq(opportunities.status, 'published'), guard);
    const audited = auditRowIf(
      db,
      {
        ...actorOf(user),
        action: 'employer.vetting',
        entity: 'employer',
        entityId: id,
        detail: { from: before.vettingStatus, to: status, ...(note ? { note } : {}) },
      },
      guard,
    );
    const vetting = db.update(employerTable).set({ vettingStatus: status, updatedAt: now }).where(asRead);
    let closed: string[] = [];
    if (closing) {
      const [, , taken, updated] = await db.batch([
        audited,
        // One audit row per opportunity taken off the board, written before the UPDATE that closes them.
        db.insert(auditLog).select(sql`SELECT NULL, ${user.tenantId}, 'user', ${user.id}, 'opportunity.close', 'opportunity', ${opportunities.id},
            json_object('from', 'published', 'to', 'closed', 'reason', 'employer.suspended'), ${now}
          FROM ${opportunities} WHERE ${onBoard}`),
        db.update(opportunities).set({ status: 'closed', updatedAt: now }).where(onBoard).returning({ id: opportunities.id }),
        vetting,
      ]);
      if (!updated.meta.changes) changedMeanwhile();
      closed = taken.map((r) => r.id);
    } else {
      const [, updated] = await db.batch([audited, vetting]);
      if (!updated.meta.changes) changedMeanwhile();
    }
    return c.json({ employer: toEmployer(await oneEmployer(db, id, user.tenantId)), closedOpportunityIds: closed } satisfies EmployerVettingResult);
  });

function changedMeanwhile(): never {
  throw conflict('Changed meanwhile', 'Someone else changed this employer’s vetting a moment ago. Reload it and decide again.');
}
