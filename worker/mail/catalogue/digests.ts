/** Reminders and digests the scheduled jobs send. */

export const digestMessages = {};
