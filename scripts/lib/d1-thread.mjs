// The worker thread behind d1-sync.mjs: sends each statement batch to the test run's one D1
// connection (d1-server.mjs, at WBL_D1_URL) — or, for a test file run on its own, holds a
// local D1 binding itself — puts the answer on its port and wakes the waiting thread.
import { workerData } from 'node:worker_threads';

const { persistTo, url, port, signal } = workerData;
const flag = new Int32Array(signal);
const wake = () => {
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
};

// wrangler is a large module: loaded only where this thread opens the database itself.
const local = url ? null : (await import('./d1-batch.mjs')).openD1(persistTo);
const messageOf = (e) => String(e?.cause?.message ?? e?.message ?? e);
const run = local
  ? local.run
  : async (statements) => {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify({ statements }) });
      const answer = await res.json();
      if (answer.error) throw new Error(answer.error);
      return answer.ok;
    };

port.on('message', async (msg) => {
  if (msg.dispose) {
    await local?.dispose();
    port.postMessage({ disposed: true });
    wake();
    port.close();
    return;
  }
  try {
    port.postMessage({ ok: await run(msg.statements) });
  } catch (e) {
    port.postMessage({ error: messageOf(e) });
  }
  wake();
});
