/**
 * Hours worked on a placement: logged (at most 12 a day, checked inside the insert) and
 * approved by the placement's supervisor or a coordinator. A supervisor's own entry is their
 * attestation, so it counts as approved.
 */
import { Hono } from 'hono';
import { and, eq, exists, isNull, sql } from 'drizzle-orm';
import { HourLogRequest, type HourLogResult } from '../../../../schema/api/admin/placements.js';
import type { FieldError } from '../../../../schema/api/problem.js';
import { hourLogs } from '../../../../schema/db/tables.js';
import type { AppEnv } from '../../../env.js';
import { requireRole } from '../../../middleware/auth.js';
import { json, param } from '../../../middleware/validate.js';
import { todayIn } from '../../../lib/dates.js';
import type { Database } from '../../../lib/db.js';
import { newId } from '../../../lib/ids.js';
import { ProblemError } from '../../../lib/problem.js';
import { selectHours, selectTotals, toHour, toTotals } from './detail.js';
import { insertIf } from '../students/sql.js';
import { AppParam, HourParam, loadApp, mustSupervise, placementAudit, selectApp } from './rows.js';

/** One entry and its placement's totals, as a write answers them. */
export async function entryAndTotals(db: Database, tenantId: string, appId: string, hourId: string): Promise<HourLogResult> {
  const [[entry], [totals]] = await db.batch([selectHours(db).where(eq(hourLogs.id, hourId)), selectTotals(db, tenantId, appId)]);
  return { entry: toHour(entry!), totals: toTotals(totals) };
}

/** POST /:id/hours, on the applications router. */
export const hourLogging = new Hono<AppEnv>().post('/:id/hours', param(AppParam), json(HourLogRequest), async (c) => {
  const user = c.get('user');
  const db = c.var.db;
  const row = await loadApp(db, user, c.req.valid('param').id);
  mustSupervise(user, row);
  const body = c.req.valid('json');
  if (row.status !== 'active' && row.status !== 'completed') {
    throw new ProblemError('conflict', {
      title: 'Hours are logged on placements under way',
      detail: `This application is ${row.status}; hours are logged once it is active.`,
    });
  }
  const today = todayIn(row.timeZone);
  const errors: FieldError[] = [];
  if (body.workedOn > today) errors.push({ path: 'workedOn', message: 'Log hours for today or an earlier day', code: 'future_date' });
  else if (row.startedOn && body.workedOn < row.startedOn)
    errors.push({ path: 'workedOn', message: `The placement started on ${row.startedOn}`, code: 'before_start' });
  else if (row.completedOn && body.workedOn > row.completedOn)
    errors.push({ path: 'workedOn', message: `The placement ended on ${row.completedOn}`, code: 'after_end' });
  if (errors.length) throw new ProblemError('validation', { errors });

  const hourId = newId('hrs');
  const bySupervisor = user.role === 'supervisor';
  const dayTotal = db
    .select({ sum: sql<number>`coalesce(sum(${hourLogs.hours}), 0)` })
    .from(hourLogs)
    .where(and(eq(hourLogs.applicationId, row.id), eq(hourLogs.workedOn, body.workedOn)));
  // A supervisor's own entry is their attestation, so it counts as approved; others wait for them.
  const [insert] = await db.batch([
    insertIf(
      db,
      hourLogs,
      {
        id: hourId,
        tenantId: row.tenantId,
        applicationId: row.id,
        workedOn: body.workedOn,
        hours: body.hours,
        activity: body.activity,
        loggedBy: bySupervisor ? 'supervisor' : 'coordinator',
        approvedBy: bySupervisor ? user.id : null,
        approvedAt: bySupervisor ? new Date().toISOString() : null,
      },
      sql`(${dayTotal}) + ${body.hours} <= 12`,
    ),
    placementAudit(
      db,
      user,
      'hours.log',
      row,
      { hourLogId: hourId, hours: body.hours },
      exists(db.select({ one: sql`1` }).from(hourLogs).where(eq(hourLogs.id, hourId))),
    ),
  ]);
  if (!insert.meta.changes) {
    throw new ProblemError('validation', { errors: [{ path: 'hours', message: `That would make more than 12 hours on ${body.workedOn}`, code: 'day_limit' }] });
  }
  return c.json((await entryAndTotals(db, row.tenantId, row.id, hourId)) satisfies HourLogResult, 201);
});

export const hoursAdmin = new Hono<AppEnv>().use(requireRole('coordinator', 'admin', 'supervisor')).post('/:id/approve', param(HourParam), async (c) => {
  const user = c.get('user');
  const db = c.var.db;
  const { id } = c.req.valid('param');
  const log = await db
    .select({ applicationId: hourLogs.applicationId })
    .from(hourLogs)
    .where(and(eq(hourLogs.id, id), eq(hourLogs.tenantId, user.tenantId)))
    .get();
  if (!log) throw new ProblemError('notFound', { detail: 'No hour log with this id here.' });
  const row = await selectApp(db, user, log.applicationId).get();
  if (!row) throw new ProblemError('notFound', { detail: 'No hour log with this id here.' });
  mustSupervise(user, row);
  const now = new Date().toISOString();
  // Approving twice is harmless: the first approval stands and the answer is the same entry.
  await db.batch([
    db
      .update(hourLogs)
      .set({ approvedBy: user.id, approvedAt: now })
      .where(and(eq(hourLogs.id, id), eq(hourLogs.tenantId, user.tenantId), isNull(hourLogs.approvedAt))),
    placementAudit(db, user, 'hours.approve', row, { hourLogId: id }, sql`changes() = 1`),
  ]);
  return c.json((await entryAndTotals(db, row.tenantId, row.id, id)) satisfies HourLogResult);
});
