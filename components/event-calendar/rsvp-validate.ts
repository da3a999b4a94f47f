/**
 * The RSVP form's validation, with the very schema the Worker validates with (`RsvpRequest`,
 * zod/mini). The calendar imports this module when an RSVP form first opens, and the build
 * writes it to its own file (`event-calendar-rsvp.js`), so people who only browse events never
 * download the validator.
 */
import { safeParse } from 'zod/v4/core';
import { RsvpRequest } from '../../schema/api/events.js';

export type RsvpCheck = { ok: true; data: RsvpRequest } | { ok: false; issues: { path: string; message: string }[] };

export function validateRsvp(input: unknown): RsvpCheck {
  const result = safeParse(RsvpRequest, input);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, issues: result.error.issues.map((issue) => ({ path: String(issue.path[0] ?? ''), message: issue.message })) };
}
