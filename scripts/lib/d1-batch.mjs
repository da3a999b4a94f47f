// One local D1 binding on the SQLite file `wrangler dev --persist-to` serves, and the batch
// runner that d1-thread.mjs and d1-server.mjs share: statements run as one batch, as
// `wrangler d1 execute --command` runs them, and come back shaped as it prints them.
import { getPlatformProxy } from 'wrangler';

const configPath = new URL('../../wrangler.toml', import.meta.url).pathname;
// workerd logs SQLITE_BUSY on its stderr and hands the binding only "internal error"; both mean
// wrangler dev's connection held the write lock, and the failed statement left nothing behind.
const busy = (e) => /SQLITE_BUSY|database is locked|internal error/.test(String(e?.cause?.message ?? e?.message ?? e));
export const messageOf = (e) => String(e?.cause?.message ?? e?.message ?? e);

/** Opens the local database in `persistTo`; `run(statements)` answers what `wrangler d1 execute --json` prints. */
export function openD1(persistTo) {
  const ready = getPlatformProxy({ configPath, persist: { path: `${persistTo}/v3` } });
  async function run(statements) {
    const db = (await ready).env.DB;
    for (let attempt = 0; ; attempt++) {
      try {
        // One statement alone skips batch(): through the platform proxy each call is a round trip.
        const results = statements.length === 1 ? [await db.prepare(statements[0]).all()] : await db.batch(statements.map((s) => db.prepare(s)));
        return results.map((r) => ({
          // wrangler prints a blob (an array of bytes) as the text "[1, 2, …]"; so do we.
          results: (r.results ?? []).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(', ')}]` : v]))),
          success: r.success,
          meta: { duration: r.meta?.duration },
        }));
      } catch (e) {
        // Another connection (wrangler dev's) holding the write lock is a wait, not a failure.
        if (busy(e) && attempt < 20) {
          await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
          continue;
        }
        throw e;
      }
    }
  }
  const dispose = async () => {
    try {
      await (await ready).dispose();
    } catch {
      /* already gone */
    }
  };
  return { ready, run, dispose };
}
