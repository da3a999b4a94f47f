import type { ExecutionContext, MessageBatch, ScheduledController } from '@cloudflare/workers-types';
import { app } from './app.js';
import type { Bindings } from './env.js';
import { database } from './lib/db.js';
import { purgeExpired, RETENTION_CRON } from './lib/retention.js';
import { consumeMail, type MailJob } from './mail/deliver.js';
import { MAIL_CRON, mailJobs } from './mail/jobs.js';

/** The jobs the Cron Triggers in wrangler.toml run, by cron expression. */
const JOBS: Record<string, (env: Bindings, scheduledTime: number) => Promise<unknown>> = {
  [RETENTION_CRON]: (env) => purgeExpired(database(env.DB)),
  [MAIL_CRON]: mailJobs,
};

/**
 * Cron Triggers. Locally `wrangler dev --test-scheduled` (what `npm start` and the tests run)
 * lets `curl "http://127.0.0.1:8787/__scheduled?cron=17+*+*+*+*"` fire one.
 */
async function scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void> {
  // `/__scheduled` passes on only the cron, so a local run (tests) may say when as `cron@ms`; Cloudflare only ever sends the crons in wrangler.toml.
  const [, cron = controller.cron, at] = /^(.*?)(?:@(\d{10,16}))?$/.exec(controller.cron) ?? [];
  const job = JOBS[cron];
  if (!job) {
    console.warn(`no job for cron "${controller.cron}"`);
    return;
  }
  // Awaited (not only waitUntil) so a failure marks this invocation failed in the dashboard.
  const done = job(env, at ? Number(at) : controller.scheduledTime);
  ctx.waitUntil(done);
  console.log(`cron "${controller.cron}":`, JSON.stringify(await done));
}

/** The mail queue's consumer (wrangler.toml `[[queues.consumers]]`). */
function queue(batch: MessageBatch<MailJob>, env: Bindings): Promise<void> {
  return consumeMail(batch, env);
}

/** The Worker entry: the API under /api/v1 (static assets — widgets, demo pages — are served by the platform), the scheduled jobs, and mail delivery. */
export default { fetch: app.fetch, scheduled, queue };
