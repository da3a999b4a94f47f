/**
 * The check-in code a confirmed reservation's messages carry: its text at the end of the body
 * and its QR code as `checkin.png`, so staff at the door scan the phone or type what the guest
 * reads out. Both are made at delivery from the RSVP id (worker/lib/checkin.ts), so the outbox
 * row stores neither, and a waitlisted guest's message carries none until they have a seat.
 */
import type { outbox } from '../../schema/db/tables.js';
import { checkInCode, qrPng } from '../lib/checkin.js';
import type { Attachment } from './render.js';

/** The messages that tell a guest they have a seat. */
const WITH_CHECK_IN = new Set(['rsvp.confirmed', 'rsvp.promoted']);

const WORDS = {
  en: (code: string) =>
    `\n\nYour check-in code: ${code}\nShow the attached QR code (checkin.png) at the door, or read out the code. It only marks you as arrived: it cannot change or cancel your reservation.`,
  es: (code: string) =>
    `\n\nSu código de registro de llegada: ${code}\nMuestre el código QR adjunto (checkin.png) en la entrada o diga el código. Solo sirve para registrar su llegada: no cambia ni cancela su reservación.`,
};

export async function checkInOf(
  secret: string,
  row: Pick<typeof outbox.$inferSelect, 'kind' | 'lang' | 'data'>,
): Promise<{ text: string; image: Attachment } | null> {
  const ics = (row.data as { ics?: { rsvpId?: unknown; method?: unknown } } | null)?.ics;
  if (!WITH_CHECK_IN.has(row.kind) || typeof ics?.rsvpId !== 'string' || ics.method === 'CANCEL') return null;
  const code = await checkInCode(secret, ics.rsvpId);
  return {
    text: (row.lang === 'es' ? WORDS.es : WORDS.en)(code),
    image: { filename: 'checkin.png', content: await qrPng(code), type: 'image/png' },
  };
}
