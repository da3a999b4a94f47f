// `npm start`: builds the widgets and demo pages, creates and seeds the local D1 database on
// first start, then serves everything from one local Worker at http://127.0.0.1:$PORT.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { executeFile, freePort, migrate, node, query, root, startWorker } from './lib/d1.mjs';
import { ensureDevVars } from './lib/dev-vars.mjs';
import { startMailServer } from './lib/mail-server.mjs';

const port = Number(process.env.PORT ?? 8787);
const persistTo = `${root}.wrangler/state`;
const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

node([`${root}scripts/build-widgets.mjs`]);
node([`${root}scripts/build-demo.mjs`]);
mkdirSync(persistTo, { recursive: true });
migrate(persistTo);

const [{ n }] = query(persistTo, 'SELECT count(*) AS n FROM tenants');
if (n === 0) {
  const file = `${root}.wrangler/seed.sql`;
  node(['--import', 'tsx', `${root}scripts/seed.ts`, '--out', file, '--origins', origins.join(',')]);
  executeFile(persistTo, file);
  console.log('Seeded the local database with the Riverside and Lakeside demo tenants.');
} else {
  // A later start on another PORT: the demo sites must allow the origin they are served from.
  for (const origin of origins) {
    query(
      persistTo,
      `UPDATE sites SET allowed_origins = json_insert(allowed_origins, '$[#]', '${origin}')
      WHERE publishable_key LIKE 'pk_demo_%' AND NOT EXISTS (SELECT 1 FROM json_each(sites.allowed_origins) WHERE value = '${origin}')`,
    );
  }
}

/** `preferred` when nothing listens on it, else any free port. */
async function portOr(preferred) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', async () => resolve(await freePort()));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}

const watcher = spawn(process.execPath, [`${root}scripts/build-widgets.mjs`, '--watch'], { cwd: root, stdio: 'inherit' });
ensureDevVars();
// The local mail server the Worker delivers to, unless SMTP_URL names another (ports 1025 and
// 1080 when free, like other local mail catchers).
const mail = process.env.SMTP_URL
  ? null
  : await startMailServer({
      smtpPort: await portOr(Number(process.env.MAIL_SMTP_PORT ?? 1025)),
      httpPort: await portOr(Number(process.env.MAIL_HTTP_PORT ?? 1080)),
    });
const worker = await startWorker({
  port,
  persistTo,
  log: 'inherit',
  vars: { SMTP_URL: process.env.SMTP_URL ?? mail.smtpUrl, PUBLIC_URL: process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}` },
});
try {
  // The demo badges are issued through the API, like a coordinator would (skipped when already there).
  node(['--import', 'tsx', `${root}scripts/issue-demo-credentials.ts`, '--base', worker.base]);
} catch (e) {
  console.warn(`warning: the demo credentials were not issued: ${e.message}`);
}
console.log(`
  Open WBL is running at ${worker.base}
    demo pages      ${worker.base}/demo/
    API             ${worker.base}/api/v1/health
    OpenAPI         ${worker.base}/api/v1/openapi.json
    widget bundle   ${worker.base}/embed/v1/wbl.js
    mail inbox      ${mail ? `${mail.httpUrl}  (SMTP ${mail.smtpUrl})` : `delivered to ${process.env.SMTP_URL}`}
    retention job   curl "${worker.base}/__scheduled?cron=17+*+*+*+*"
    mail jobs       curl "${worker.base}/__scheduled?cron=*+*+*+*+*"   (reminders, digests, redelivery)
`);
const stop = async () => {
  watcher.kill();
  await worker.stop();
  await mail?.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
worker.child.on('exit', (code) => {
  watcher.kill();
  process.exit(code ?? 0);
});
if (!existsSync(`${root}dist/public/embed/v1/wbl.js`)) console.warn('warning: the widget bundle is missing');
