/**
 * The scheduled side of messaging, run by the minute Cron Trigger (`MAIL_CRON`): hand over
 * whatever the queue has not got.
 */
import type { Bindings } from '../env.js';
import { database } from '../lib/db.js';
import { dispatchPending } from './dispatch.js';

export const MAIL_CRON = '* * * * *';

export async function mailJobs(env: Bindings, scheduledTime: number): Promise<Record<string, number>> {
  const db = database(env.DB);
  return { handedOver: env.MAIL_QUEUE ? await dispatchPending(db, env.MAIL_QUEUE, scheduledTime) : 0 };
}
