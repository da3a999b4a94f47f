/**
 * A workplace supervisor acting through their emailed link, without a staff account
 * (`/api/v1/supervise`). The link's token is the credential (`Authorization: Bearer`); it
 * reaches only the placements whose named supervisor is the link's address. The answers name a
 * student by preferred name only: the supervisor needs no more of the roster to approve hours
 * and rate skills.
 */
import * as z from 'zod/mini';
import { APPLICATION_STATUSES } from '../vocab.js';
import { HourLog, HourTotals } from './admin/placements.js';
import { EVALUATION_PHASES } from '../vocab.js';
import { email } from './fields.js';

export const SupervisedPlacement = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  student: z.object({ preferredName: z.string() }),
  opportunity: z.object({
    title: z.string(),
    employerName: z.string(),
    startsOn: z.nullable(z.string()),
    endsOn: z.nullable(z.string()),
    schedule: z.nullable(z.string()),
    /** Employability skill codes, then technical skills: what an evaluation rates, every one. */
    skills: z.array(z.string()),
  }),
  startedOn: z.nullable(z.string()),
  completedOn: z.nullable(z.string()),
  /** Entries waiting for the supervisor: neither approved nor returned. */
  pendingHours: z.array(HourLog),
  totals: HourTotals,
  /** The evaluations due now: the midpoint once half the placement has passed, the final once it has ended. */
  evaluationsDue: z.array(z.enum(EVALUATION_PHASES)),
  /** The evaluations already recorded (a supervisor may revise one until a badge is issued from it). */
  evaluations: z.array(z.object({ phase: z.enum(EVALUATION_PHASES), recordedAt: z.string() })),
});
export type SupervisedPlacement = z.infer<typeof SupervisedPlacement>;

export const SupervisorView = z.object({
  supervisor: z.object({ name: z.string(), email: z.string() }),
  districtName: z.string(),
  /** Until when this link works; a new one comes with each digest, or by asking (`POST /supervise/links`). */
  expiresAt: z.string(),
  placements: z.array(SupervisedPlacement),
});
export type SupervisorView = z.infer<typeof SupervisorView>;

export const HourReturnRequest = z.strictObject({
  /** What the student should correct, in a sentence: they see it with the entry. */
  note: z
    .string({ error: 'Say what the student should correct' })
    .check(z.trim(), z.minLength(1, 'Say what the student should correct'), z.maxLength(500, 'Keep the note under 500 characters')),
});
HourReturnRequest.register(z.globalRegistry, {
  description: 'Send an hours entry back to the student with a note instead of approving it.',
  example: { note: 'You left at noon on this day: please log 4 hours, not 6.' },
});
export type HourReturnRequest = z.input<typeof HourReturnRequest>;

export const SupervisorLinkRequest = z.strictObject({ email: email('Enter the email address the school has for you as a supervisor') });
SupervisorLinkRequest.register(z.globalRegistry, {
  description: 'A workplace supervisor’s address; a fresh link is emailed when it supervises a current placement in this district.',
  example: { email: 'r.alvarez@arroyovalleymed.example' },
});
export type SupervisorLinkRequest = z.input<typeof SupervisorLinkRequest>;
