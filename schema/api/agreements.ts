/**
 * Signing a training agreement through a tokenised link (`/demo/sign.html?token=…`). The token
 * is the credential: no site key, no session. The answers carry only what a signer needs to
 * know what they sign: the placement's public summary and the student's preferred name.
 */
import * as z from 'zod/mini';
import { LANGS } from '../vocab.js';
import { text } from './fields.js';

export const AgreementView = z.object({
  /** The role this link signs for. */
  role: z.enum(['student', 'guardian', 'supervisor', 'coordinator']),
  /** The role in the answer's language ("parent or guardian", "madre, padre o tutor legal"). */
  roleWords: z.string(),
  signed: z.boolean(),
  signerName: z.nullable(z.string()),
  signedAt: z.nullable(z.string()),
  /** The language of the text the signer was shown when they signed (null before, or for signatures from before it was recorded). */
  signedTextLang: z.nullable(z.enum(LANGS)),
  /** Until when the link works while unsigned. */
  expiresAt: z.string(),
  /** The language `text` is in: the one asked for, or English where the version has no translation. */
  textLang: z.enum(LANGS),
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
  /** The language of the text the signer read (`textLang` of the GET); without it, the request's language. */
  textLang: z.optional(z.enum(LANGS, { error: 'Choose en or es' })),
});
AgreementSignRequest.register(z.globalRegistry, {
  description: 'Sign the training agreement with a typed name; `textLang` is the language of the text shown.',
  example: { typedName: 'Marta Quintero', agree: true, textLang: 'es' },
});
export type AgreementSignRequest = z.input<typeof AgreementSignRequest>;
