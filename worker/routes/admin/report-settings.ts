import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { ReportSettings } from '../../../schema/api/admin/reports.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json } from '../../middleware/validate.js';
import { tenants } from '../../../schema/db/tables.js';
import { auditRow } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import { describe } from '../../lib/openapi.js';
import { effectiveMinCell } from '../../lib/report-suppression.js';

const TAG = ['admin: reports'];
describe({
  method: 'get',
  path: '/api/v1/admin/reports/settings',
  summary: 'The tenant’s small-cell threshold: report counts below it (and above 0) are withheld',
  tags: TAG,
  security: 'bearer',
  responses: { 200: { description: 'The report settings', schema: ReportSettings } },
});
describe({
  method: 'put',
  path: '/api/v1/admin/reports/settings',
  summary: 'Changes the small-cell threshold; it can be raised, never set below 5',
  tags: TAG,
  security: 'bearer',
  body: ReportSettings,
  responses: {
    200: { description: 'The report settings now', schema: ReportSettings },
    400: { description: 'The threshold is below 5, above 100 or not a whole number' },
  },
});

async function currentMinCell(db: Database, tenantId: string): Promise<number> {
  const row = await db.select({ n: tenants.reportMinCell }).from(tenants).where(eq(tenants.id, tenantId)).get();
  return effectiveMinCell(row?.n);
}

/**
 * The threshold below which report counts are withheld. Only administrators see or change it:
 * lowering it is a privacy decision for the district, so every change is audited with the
 * value before and after.
 */
export const reportSettings = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ minCell: await currentMinCell(c.var.db, c.get('user').tenantId) } satisfies ReportSettings))
  .put('/', json(ReportSettings), async (c) => {
    const user = c.get('user');
    const { minCell } = c.req.valid('json');
    const db = c.var.db;
    const before = await currentMinCell(db, user.tenantId);
    await db.batch([
      db.update(tenants).set({ reportMinCell: minCell }).where(eq(tenants.id, user.tenantId)),
      auditRow(db, {
        tenantId: user.tenantId,
        actorType: 'user',
        actorId: user.id,
        action: 'report_settings.update',
        entity: 'tenant',
        entityId: user.tenantId,
        detail: { minCell: { from: before, to: minCell } },
      }),
    ]);
    return c.json({ minCell } satisfies ReportSettings);
  });
