/**
 * Signing a training agreement through a tokenised link (`/demo/sign.html?token=…`). The token
 * is the credential: no site key, no session. The answers carry only what a signer needs to
 * know what they sign: the placement's public summary and the student's preferred name.
 */
import * as z from 'zod/mini';
import { text } from './fields.js';

export const AgreementView = z.object({
  /** The role this link signs for. */
  role: z.enum(['student', 'guardian', 'supervisor', 'coordinator']),
  signed: z.boolean(),
  signerName: z.nullable(z.string()),
  signedAt: z.nullable(z.string()),
  /** Until when the link works while unsigned. */
  expiresAt: z.string(),
  text: z.object({ version: z.string(), body: z.string() }),
  placement: z.object({
    reference: z.string(),
    opportunityTitle: z.string(),
    employerName: z.string(),
    studentPreferredName: z.string(),
    startsOn: z.nullable(z.string()),
    endsOn: z.nullable(z.string()),
    schedule: z.nullable(z.string()),
    districtName: z.string(),
  }),
});
export type AgreementView = z.infer<typeof AgreementView>;

export const AgreementSignRequest = z.strictObject({
  /** The signer's full name, typed: their signature. */
  typedName: text(120, 'Type your full name to sign'),
  agree: z.literal(true, { error: 'Tick the box to agree to the training agreement' }),
});
AgreementSignRequest.register(z.globalRegistry, {
  description: 'Sign the training agreement with a typed name.',
  example: { typedName: 'Marta Quintero', agree: true },
});
export type AgreementSignRequest = z.input<typeof AgreementSignRequest>;
