/**
 * The scheduled side of messaging, run by the minute Cron Trigger (`MAIL_CRON`) with its
 * scheduled time as "now": hand over whatever the queue has not got, then write the reminders
 * and digests that are due in each district (each at most once per person and period, see
 * `reminders.ts`, `digests.ts`) and hand those over too.
 */
import type { Bindings } from '../env.js';
import { appSecret } from '../lib/app-secret.js';
import { database } from '../lib/db.js';
import { publicBase } from './deliver.js';
import { coordinatorDigests, supervisorDigests, supervisorHourNotices } from './digests.js';
import { dispatchPending } from './dispatch.js';
import { tenantClocks, type TenantClock } from './periods.js';
import { type JobContext, rsvpReminders, signatureReminders } from './reminders.js';
import { surveyRequests } from './survey-requests.js';

export const MAIL_CRON = '* * * * *';

const JOBS: Record<string, (ctx: JobContext, t: TenantClock) => Promise<number>> = {
  signatureReminders,
  rsvpReminders,
  supervisorDigests,
  supervisorHourNotices,
  coordinatorDigests,
  surveyRequests,
};

function secretOf(env: Bindings): string | null {
  try {
    return appSecret(env);
  } catch {
    return null;
  }
}

/** Runs every job for every district; one that fails is logged and the others still run. */
export async function scheduledMail(ctx: JobContext): Promise<Record<string, number>> {
  const written: Record<string, number> = Object.fromEntries(Object.keys(JOBS).map((k) => [k, 0]));
  for (const t of await tenantClocks(ctx.db, ctx.now)) {
    for (const [name, job] of Object.entries(JOBS)) {
      try {
        written[name]! += await job(ctx, t);
      } catch (e) {
        console.error(`mail job ${name} for ${t.id}`, e);
      }
    }
  }
  return written;
}

export async function mailJobs(env: Bindings, scheduledTime: number): Promise<Record<string, number>> {
  const db = database(env.DB);
  // Handing over goes by the real clock (leases and lost rows are real time), whatever time the jobs are run for.
  let handedOver = env.MAIL_QUEUE ? await dispatchPending(db, env.MAIL_QUEUE) : 0;
  const written = await scheduledMail({ db, secret: secretOf(env), base: publicBase(env), now: scheduledTime });
  if (env.MAIL_QUEUE && Object.values(written).some((n) => n > 0)) handedOver += await dispatchPending(db, env.MAIL_QUEUE);
  return { handedOver, ...written };
}
