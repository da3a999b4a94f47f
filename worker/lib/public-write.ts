import { ProblemError } from './problem.js';

/** A person needs a few seconds to fill a form; anything faster is a script. */
export const MIN_FILL_MS = 3000;

/**
 * The spam checks every public form passes before anything is written. True when the hidden
 * honeypot field was filled: the caller answers as if all went well and keeps nothing, so a
 * bot learns nothing. A form sent within seconds of opening is refused with a field error;
 * a form whose schema carries no fill time (the short RSVP form) is checked by the honeypot alone.
 */
export function isAutomated(body: { nickname?: string; startedAt?: number }): boolean {
  if (body.nickname) return true;
  if (body.startedAt !== undefined && Date.now() - body.startedAt < MIN_FILL_MS) {
    throw new ProblemError('validation', {
      title: 'That was very quick',
      detail: 'Please check your answers and submit again.',
      errors: [{ path: 'startedAt', message: 'Submitted too soon after the form opened', code: 'too_fast' }],
    });
  }
  return false;
}
