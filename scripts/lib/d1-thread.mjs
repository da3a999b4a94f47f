// The worker thread behind d1-sync.mjs: holds one local D1 binding (the same SQLite file
// `wrangler dev --persist-to` serves) for the life of the test process and answers each
// statement batch on the port it was given, then wakes the waiting thread.
import { workerData } from 'node:worker_threads';
import { getPlatformProxy } from 'wrangler';

const { persistTo, configPath, port, signal } = workerData;
const flag = new Int32Array(signal);
const wake = () => { Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); };

const ready = getPlatformProxy({ configPath, persist: { path: `${persistTo}/v3` } });
const busy = (e) => /SQLITE_BUSY|database is locked/.test(String(e?.cause?.message ?? e?.message ?? e));

/** Runs the statements as one batch, as `wrangler d1 execute --command` does, and shapes the answer as it prints it. */
async function run(statements) {
  const db = (await ready).env.DB;
  for (let attempt = 0; ; attempt++) {
    try {
      const results = await db.batch(statements.map((s) => db.prepare(s)));
      return results.map((r) => ({
        // wrangler prints a blob (an array of bytes) as the text "[1, 2, …]"; so do we.
        results: (r.results ?? []).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(', ')}]` : v]))),
        success: r.success,
        meta: { duration: r.meta?.duration },
      }));
    } catch (e) {
      // Another connection (wrangler dev's) holding the write lock is a wait, not a failure.
      if (busy(e) && attempt < 20) { await new Promise((r) => setTimeout(r, 50 * (attempt + 1))); continue; }
      throw e;
    }
  }
}

port.on('message', async (msg) => {
  if (msg.dispose) {
    try { await (await ready).dispose(); } catch { /* already gone */ }
    port.postMessage({ disposed: true });
    wake();
    port.close();
    return;
  }
  try {
    port.postMessage({ ok: await run(msg.statements) });
  } catch (e) {
    port.postMessage({ error: String(e?.cause?.message ?? e?.message ?? e) });
  }
  wake();
});
