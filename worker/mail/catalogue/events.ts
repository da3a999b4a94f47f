/** Messages to families and students about events: RSVPs, the waitlist, changes, reminders. */

export const eventMessages = {};
