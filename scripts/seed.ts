/**
 * Writes the demo seed (or the bench data) as SQL for `wrangler d1 execute --file`.
 *   tsx scripts/seed.ts --out FILE [--today YYYY-MM-DD] [--origins a,b] [--before-0007 | --before-0009 | --before-0010]
 *   tsx scripts/seed.ts --bench 100000 --out FILE
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildBenchSql, buildSeedSql, DEMO } from '../demo/seed/index.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    today: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    origins: { type: 'string', default: 'http://127.0.0.1:8787,http://localhost:8787' },
    bench: { type: 'string' },
    /** For a database migrated only up to 0006 (the migration tests). */
    'before-0007': { type: 'boolean', default: false },
    /** For a database migrated only up to 0008 (the 0008 migration test). */
    'before-0009': { type: 'boolean', default: false },
    /** For a database migrated only up to 0009. */
    'before-0010': { type: 'boolean', default: false },
  },
});
if (!values.out) throw new Error('--out FILE is required');
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.today!)) throw new Error('--today takes YYYY-MM-DD');
const origins = values
  .origins!.split(',')
  .map((o) => o.trim())
  .filter(Boolean);

if (values.bench) {
  const count = Number(values.bench);
  if (!Number.isInteger(count) || count < 1) throw new Error('--bench takes a whole number');
  const out = createWriteStream(values.out);
  for (const chunk of buildBenchSql({ today: values.today!, count, origins })) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  console.log(`bench: ${count} opportunities for ${DEMO.bench.key} → ${values.out}`);
} else {
  writeFileSync(
    values.out,
    buildSeedSql({
      today: values.today!,
      origins,
      environment: process.env.ENVIRONMENT,
      before0007: values['before-0007'],
      before0009: values['before-0009'],
      before0010: values['before-0010'],
    }),
  );
  console.log(`seed: ${DEMO.riverside.publishedCount} published Riverside opportunities, ${DEMO.lakeside.publishedIds.length} Lakeside → ${values.out}`);
}
