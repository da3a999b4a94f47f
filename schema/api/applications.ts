import * as z from 'zod/mini';
import { TIME_SLOT_CODES } from '../vocab.js';
import { email, int, text } from './fields.js';
import { formTokenField } from './forms.js';

export const TRANSPORTATION = ['own', 'public_transit', 'needs_help'] as const;

/** What a student submits to apply for one opportunity. */
export const ApplicationRequest = z.strictObject({
  opportunityId: z.string({ error: 'Choose an opportunity' }).check(z.regex(/^opp_[a-z0-9_]{3,60}$/, 'Choose an opportunity')),
  student: z.strictObject({
    studentNumber: z
      .string({ error: 'Enter your student number' })
      .check(z.trim(), z.regex(/^[A-Za-z0-9-]{3,20}$/, 'Enter the student number on your school ID')),
    accessCode: z
      .string({ error: 'Enter the access code from your school' })
      .check(z.trim(), z.minLength(4, 'Enter the access code from your school'), z.maxLength(40, 'Enter the access code from your school')),
    preferredName: text(80, 'Enter the name you go by'),
    grade: int(6, 12, 'Choose your grade'),
    email: email('Enter an email address like name@example.com'),
  }),
  /**
   * Optional, and only a suggestion for the coordinator: the guardian who signs and is told
   * comes from the school's roster, never from what the student types here.
   */
  guardian: z.optional(
    z.strictObject({
      name: text(120, 'Enter your parent or guardian’s name'),
      email: email('Enter your parent or guardian’s email'),
    }),
  ),
  application: z.strictObject({
    statement: text(1500, 'Tell us why you want this opportunity'),
    availability: z.array(z.enum(TIME_SLOT_CODES, { error: 'Choose from the list' })).check(z.minLength(1, 'Choose when you are available'), z.maxLength(4)),
    availabilityNotes: z.optional(z.string().check(z.trim(), z.maxLength(500, 'Keep this under 500 characters'))),
    transportation: z.enum(TRANSPORTATION, { error: 'Tell us how you will get there' }),
    accommodations: z.optional(z.string().check(z.trim(), z.maxLength(1000, 'Keep this under 1000 characters'))),
  }),
  consents: z.strictObject({
    accurate: z.literal(true, { error: 'Confirm that your answers are true' }),
    shareWithEmployer: z.literal(true, { error: 'Agree to share your application with the employer' }),
    guardianAware: z.optional(z.boolean()),
  }),
  /** The token the form fetched from `GET /api/v1/forms/application/token` when it opened. */
  formToken: formTokenField,
  nickname: z.optional(z.string().check(z.maxLength(200))),
});
ApplicationRequest.register(z.globalRegistry, {
  description:
    'What a student submits to apply for one opportunity. `guardian` is optional and only a suggestion for the coordinator: the guardian of a minor is the one on the school roster.',
  // Obviously made up: no seeded student has this number or code, and the addresses are example.org.
  example: {
    opportunityId: 'opp_example_001',
    student: { studentNumber: 'EXAMPLE-0000', accessCode: 'NOT-A-REAL-CODE', preferredName: 'Alex', grade: 11, email: 'alex.student@example.org' },
    guardian: { name: 'Sample Guardian', email: 'sample.guardian@example.org' },
    application: {
      statement: 'I want to become a nurse and want to see how a hospital team works.',
      availability: ['after_school', 'weekends'],
      transportation: 'public_transit',
    },
    consents: { accurate: true, shareWithEmployer: true, guardianAware: true },
    formToken: 'ft1.eyJleGFtcGxlIjp0cnVlfQ.not-a-real-signature',
  },
});
export type ApplicationRequest = z.input<typeof ApplicationRequest>;

export const ApplicationReceipt = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.string(),
  alreadyApplied: z.boolean(),
  next: z.string(),
});
export type ApplicationReceipt = z.infer<typeof ApplicationReceipt>;
