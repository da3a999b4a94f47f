// Synchronous SQL on the local D1 database for tests, through ONE connection for the test run.
// `wrangler d1 execute --local` starts a new wrangler and workerd for every statement (2–3 s);
// here a worker thread (d1-thread.mjs) sends the statements to the connection scripts/test.mjs
// holds open (d1-server.mjs, WBL_D1_URL) on the very SQLite file `wrangler dev --persist-to`
// serves, so writes by tests are seen by the Worker and the other way round; the calling
// thread blocks on Atomics.wait until the answer is on its port, so `sql()` stays a plain
// function returning rows. Without WBL_D1_URL (a test file run by hand) the thread opens the
// database itself.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

const TIMEOUT_MS = 120_000;

/** Splits SQL text into statements the way `wrangler d1 execute --command` does: at `;` outside quotes, comments and BEGIN…END. */
function splitStatements(text) {
  const out = [];
  let start = 0;
  let depth = 0;
  const push = (end) => {
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = end + 1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      for (i++; i < text.length && text[i] !== close; i++);
    } else if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (/[A-Za-z_]/.test(c) && !/[A-Za-z0-9_$]/.test(text[i - 1] ?? '')) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i))[0];
      const upper = word.toUpperCase();
      // A trigger's body (CREATE TRIGGER … BEGIN …; …; END) is one statement; BEGIN TRANSACTION is not a body.
      if (upper === 'BEGIN' && /\bTRIGGER\b/i.test(text.slice(start, i))) depth++;
      else if ((upper === 'END' || upper === 'CASE') && depth > 0) depth += upper === 'CASE' ? 1 : -1;
      i += word.length - 1;
    } else if (c === ';' && depth === 0) {
      push(i);
    }
  }
  push(text.length);
  return out;
}

const clients = new Map();

function client(persistTo) {
  let c = clients.get(persistTo);
  if (c) return c;
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./d1-thread.mjs', import.meta.url), {
    workerData: { persistTo, url: process.env.WBL_D1_URL, port: port2, signal },
    transferList: [port2],
  });
  // The thread must not keep a finished test process alive; on the way out it is told to stop
  // its workerd (beforeExit runs once the event loop is empty, where blocking is harmless).
  worker.unref();
  port1.unref();
  c = { worker, port: port1, flag: new Int32Array(signal) };
  clients.set(persistTo, c);
  process.once('beforeExit', () => {
    if (!clients.has(persistTo)) return;
    clients.delete(persistTo);
    try {
      ask(c, { dispose: true }, 10_000);
    } catch {
      /* it goes with the process */
    }
    void worker.terminate();
  });
  return c;
}

function ask(c, msg, timeout = TIMEOUT_MS) {
  Atomics.store(c.flag, 0, 0);
  c.port.postMessage(msg);
  const deadline = Date.now() + timeout;
  for (;;) {
    const got = receiveMessageOnPort(c.port);
    if (got) return got.message;
    if (Date.now() > deadline) throw new Error(`local D1 did not answer within ${timeout / 1000} s`);
    Atomics.wait(c.flag, 0, 0, 1000);
    Atomics.store(c.flag, 0, 0);
  }
}

/**
 * Runs SQL text (one statement or several, as one batch) on the local D1 database in
 * `persistTo` and returns what `wrangler d1 execute --json` prints: one `{ results, success, meta }`
 * per statement. Throws with D1's message when a statement fails (the batch is then rolled back).
 */
export function executeSync(persistTo, text) {
  if (!persistTo) throw new Error('no local D1 database: WBL_PERSIST_TO is not set (run through scripts/test.mjs)');
  const statements = splitStatements(text);
  if (!statements.length) return [];
  const answer = ask(client(persistTo), { statements });
  if (answer.error) throw new Error(`local D1: ${answer.error}\n  in: ${text.slice(0, 300)}`);
  return answer.ok;
}
