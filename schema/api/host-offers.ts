import { z } from 'zod';
import { CLUSTER_CODES, COMPENSATION_CODES, MODE_CODES, SKILL_CODES, TIME_SLOT_CODES, TYPE_CODES } from '../vocab.js';

const text = (max: number, message = 'Required') => z.string({ error: message }).trim().min(1, message).max(max, `Keep this under ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `Keep this under ${max} characters`).optional();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-06-15');

/** The terms an employer accepts; their version is stored with the offer. */
export const HOST_TERMS_VERSION = '2026-08';

export const HostOrganization = z.strictObject({
  name: text(200, 'Enter your organisation’s name'),
  website: z.url({ error: 'Enter a full web address, like https://example.com' }).max(300).optional(),
  clusters: z.array(z.enum(CLUSTER_CODES)).min(1, 'Choose at least one career cluster').max(3, 'Choose up to three'),
  address: text(200, 'Enter the street address'),
  city: text(100, 'Enter the city'),
  state: z.string().trim().regex(/^[A-Za-z]{2}$/, 'Use the two-letter state code'),
  postalCode: z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code'),
  size: z.enum(['1-9', '10-49', '50-249', '250-999', '1000+'], { error: 'Choose the organisation’s size' }),
});

export const HostContact = z.strictObject({
  name: text(120, 'Enter the contact’s name'),
  title: optionalText(120),
  email: z.email({ error: 'Enter an email address like name@example.com' }).max(254),
  phone: z.string().trim().regex(/^[+()\d\s.-]{7,25}$/, 'Enter a phone number'),
});

export const HostOpportunity = z.strictObject({
  type: z.enum(TYPE_CODES, { error: 'Choose the kind of experience' }),
  title: text(140, 'Give the opportunity a title'),
  description: text(4000, 'Describe what a student will experience'),
  tasks: z.array(text(300)).min(1, 'List at least one task').max(12),
  skills: z.array(z.enum(SKILL_CODES)).min(1, 'Choose at least one skill').max(9),
  technicalSkills: z.array(text(80)).max(12).default([]),
  schedule: optionalText(300),
  timeSlots: z.array(z.enum(TIME_SLOT_CODES)).max(4).default([]),
  startsOn: date.optional(),
  endsOn: date.optional(),
  hoursPerWeek: z.number().positive().max(40, 'Students may work at most 40 hours a week').optional(),
  capacity: z.number({ error: 'How many students can you host?' }).int().min(1).max(500),
  compensation: z.strictObject({
    type: z.enum(COMPENSATION_CODES),
    amountCents: z.number().int().positive().max(10_000_00).optional(),
  }).refine((c) => c.type === 'unpaid' || c.amountCents !== undefined, { message: 'Enter the wage or stipend', path: ['amountCents'] }),
  mode: z.enum(MODE_CODES, { error: 'Choose in person, virtual or hybrid' }),
  transitNotes: optionalText(500),
  minAge: z.number().int().min(11).max(21).optional(),
  gradeMin: z.number().int().min(6).max(12).optional(),
  requirements: z.strictObject({
    backgroundCheck: z.boolean().default(false),
    documents: z.array(text(120)).max(10).default([]),
  }).default({ backgroundCheck: false, documents: [] }),
}).refine((o) => !o.startsOn || !o.endsOn || o.endsOn >= o.startsOn, { message: 'The end date is before the start date', path: ['endsOn'] });

/** What the "host a student" form submits. */
export const HostOfferRequest = z.strictObject({
  organization: HostOrganization,
  contact: HostContact,
  opportunity: HostOpportunity,
  agreements: z.strictObject({
    termsVersion: z.literal(HOST_TERMS_VERSION, { error: 'Please reload the form: the terms have changed' }),
    liability: z.literal(true, { error: 'Accept the liability terms to continue' }),
    childLabor: z.literal(true, { error: 'Accept the child-labour terms to continue' }),
    insurance: z.boolean({ error: 'Tell us whether you carry liability insurance' }),
  }),
  /** When the form was first shown (epoch ms); very fast submissions are refused. */
  startedAt: z.number().int().positive(),
  /** Honeypot: a field people never see. Anything in it marks the submission as automated. */
  nickname: z.string().max(200).optional(),
}).meta({
  example: {
    organization: { name: 'Arroyo Valley Medical Center', website: 'https://arroyovalleymedical.example', clusters: ['healthcare_human_services'], address: '4445 Magnolia Avenue', city: 'Riverside', state: 'CA', postalCode: '92501', size: '1000+' },
    contact: { name: 'Denise Okafor', title: 'Clinical Education Manager', email: 'denise.okafor@arroyovalleymedical.example', phone: '(951) 555-0140' },
    opportunity: {
      type: 'job_shadowing', title: 'Emergency Department Job Shadow', description: 'Follow an emergency nurse for a morning and see how a trauma team works together.',
      tasks: ['Observe patient intake and triage', 'Interview two professionals about their career paths'], skills: ['communication', 'professionalism'],
      technicalSkills: ['medical terminology'], schedule: 'One school day, 8:00 am – 12:00 pm', timeSlots: ['weekdays'], startsOn: '2027-02-10', endsOn: '2027-02-10',
      hoursPerWeek: 4, capacity: 4, compensation: { type: 'unpaid' }, mode: 'in_person', transitNotes: 'Route 1 stops out front.', minAge: 16, gradeMin: 10,
      requirements: { backgroundCheck: false, documents: ['Immunization record'] },
    },
    agreements: { termsVersion: HOST_TERMS_VERSION, liability: true, childLabor: true, insurance: true },
    startedAt: 1767225600000,
  },
});
export type HostOfferRequest = z.input<typeof HostOfferRequest>;

export const SubmissionReceipt = z.object({
  id: z.string(),
  reference: z.string().describe('A short reference a person can quote, like HO-7KQ4-M2X9.'),
  status: z.string(),
  next: z.string().describe('What happens next, in words.'),
});
export type SubmissionReceipt = z.infer<typeof SubmissionReceipt>;
