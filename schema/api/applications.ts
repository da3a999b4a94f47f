import { z } from 'zod';
import { TIME_SLOT_CODES } from '../vocab.js';

const text = (max: number, message = 'Required') => z.string({ error: message }).trim().min(1, message).max(max, `Keep this under ${max} characters`);

export const TRANSPORTATION = ['own', 'public_transit', 'needs_help'] as const;

/** What a student submits to apply for one opportunity. */
export const ApplicationRequest = z.strictObject({
  opportunityId: z.string({ error: 'Choose an opportunity' }).regex(/^opp_[a-z0-9_]{3,60}$/, 'Choose an opportunity'),
  student: z.strictObject({
    studentNumber: z.string({ error: 'Enter your student number' }).trim().regex(/^[A-Za-z0-9-]{3,20}$/, 'Enter the student number on your school ID'),
    accessCode: z.string({ error: 'Enter the access code from your school' }).trim().min(4, 'Enter the access code from your school').max(40),
    preferredName: text(80, 'Enter the name you go by'),
    grade: z.number({ error: 'Choose your grade' }).int().min(6).max(12),
    email: z.email({ error: 'Enter an email address like name@example.com' }).max(254),
  }),
  guardian: z.strictObject({
    name: text(120, 'Enter your parent or guardian’s name'),
    email: z.email({ error: 'Enter your parent or guardian’s email' }).max(254),
  }).optional(),
  application: z.strictObject({
    statement: text(1500, 'Tell us why you want this opportunity'),
    availability: z.array(z.enum(TIME_SLOT_CODES)).min(1, 'Choose when you are available').max(4),
    availabilityNotes: z.string().trim().max(500).optional(),
    transportation: z.enum(TRANSPORTATION, { error: 'Tell us how you will get there' }),
    accommodations: z.string().trim().max(1000).optional(),
  }),
  consents: z.strictObject({
    accurate: z.literal(true, { error: 'Confirm that your answers are true' }),
    shareWithEmployer: z.literal(true, { error: 'Agree to share your application with the employer' }),
    guardianAware: z.boolean().optional(),
  }),
  startedAt: z.number().int().positive(),
  nickname: z.string().max(200).optional(),
}).meta({
  example: {
    opportunityId: 'opp_riv_001',
    student: { studentNumber: '100245', accessCode: 'RIVER-2451', preferredName: 'Maya', grade: 11, email: 'maya.r@students.riverside-usd.example' },
    guardian: { name: 'Lucia Rodriguez', email: 'lucia.rodriguez@example.com' },
    application: { statement: 'I want to become a nurse and want to see how a hospital team works.', availability: ['after_school', 'weekends'], transportation: 'public_transit' },
    consents: { accurate: true, shareWithEmployer: true, guardianAware: true },
    startedAt: 1767225600000,
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
