import type { D1Database } from '@cloudflare/workers-types';
import { Hono } from 'hono';
import { ReportSettings } from '../../../schema/api/admin/reports.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json } from '../../middleware/validate.js';
import { auditStatement } from '../../lib/audit.js';
import { describe } from '../../lib/openapi.js';
import { effectiveMinCell } from '../../lib/report-suppression.js';

const TAG = ['admin: reports'];
describe({
  method: 'get', path: '/api/v1/admin/reports/settings', summary: 'The tenant’s small-cell threshold: report counts below it (and above 0) are withheld', tags: TAG, security: 'bearer',
  responses: { 200: { description: 'The report settings', schema: ReportSettings } },
});
describe({
  method: 'put', path: '/api/v1/admin/reports/settings', summary: 'Changes the small-cell threshold; it can be raised, never set below 5', tags: TAG, security: 'bearer', body: ReportSettings,
  responses: { 200: { description: 'The report settings now', schema: ReportSettings }, 400: { description: 'The threshold is below 5, above 100 or not a whole number' } },
});

async function currentMinCell(db: D1Database, tenantId: string): Promise<number> {
  const row = await db.prepare('SELECT report_min_cell AS n FROM tenants WHERE id = ?').bind(tenantId).first<{ n: number }>();
  return effectiveMinCell(row?.n);
}

/**
 * The threshold below which report counts are withheld. Only administrators see or change it:
 * lowering it is a privacy decision for the district, so every change is audited with the
 * value before and after.
 */
export const reportSettings = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ minCell: await currentMinCell(c.env.DB, c.get('user').tenantId) } satisfies ReportSettings))
  .put('/', json(ReportSettings), async (c) => {
    const user = c.get('user');
    const { minCell } = c.req.valid('json');
    const before = await currentMinCell(c.env.DB, user.tenantId);
    await c.env.DB.batch([
      c.env.DB.prepare('UPDATE tenants SET report_min_cell = ? WHERE id = ?').bind(minCell, user.tenantId),
      auditStatement(c.env.DB, {
        tenantId: user.tenantId, actorType: 'user', actorId: user.id, action: 'report_settings.update', entity: 'tenant', entityId: user.tenantId,
        detail: { minCell: { from: before, to: minCell } },
      }),
    ]);
    return c.json({ minCell } satisfies ReportSettings);
  });
