import * as z from 'zod/mini';
import { CLUSTER_CODES, COMPENSATION_CODES, MODE_CODES, SKILL_CODES, TIME_SLOT_CODES, TYPE_CODES } from '../vocab.js';
import { date, email, httpUrl, int, optionalText, text } from './fields.js';
import { formTokenField } from './forms.js';

/** The terms an employer accepts; their version is stored with the offer. */
export const HOST_TERMS_VERSION = '2026-08';

export const HostOrganization = z.strictObject({
  name: text(200, 'Enter your organisation’s name'),
  /** Shown to students and staff as a link, so only `http:` and `https:` are accepted. */
  website: z.optional(httpUrl('Enter a full web address, like https://example.com', 300)),
  clusters: z
    .array(z.enum(CLUSTER_CODES, { error: 'Choose a career cluster' }))
    .check(z.minLength(1, 'Choose at least one career cluster'), z.maxLength(3, 'Choose up to three')),
  address: text(200, 'Enter the street address'),
  city: text(100, 'Enter the city'),
  state: z.string({ error: 'Use the two-letter state code' }).check(z.trim(), z.regex(/^[A-Za-z]{2}$/, 'Use the two-letter state code')),
  postalCode: z.string({ error: 'Enter a 5-digit ZIP code' }).check(z.trim(), z.regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code')),
  size: z.enum(['1-9', '10-49', '50-249', '250-999', '1000+'], { error: 'Choose the organisation’s size' }),
});

export const HostContact = z.strictObject({
  name: text(120, 'Enter the contact’s name'),
  title: optionalText(120),
  email: email('Enter an email address like name@example.com'),
  phone: z.string({ error: 'Enter a phone number' }).check(z.trim(), z.regex(/^[+()\d\s.-]{7,25}$/, 'Enter a phone number')),
});

export const HostOpportunity = z
  .strictObject({
    type: z.enum(TYPE_CODES, { error: 'Choose the kind of experience' }),
    title: text(140, 'Give the opportunity a title'),
    description: text(4000, 'Describe what a student will experience'),
    tasks: z.array(text(300, 'Describe the task')).check(z.minLength(1, 'List at least one task'), z.maxLength(12, 'List up to 12 tasks')),
    skills: z.array(z.enum(SKILL_CODES, { error: 'Choose a skill from the list' })).check(z.minLength(1, 'Choose at least one skill'), z.maxLength(9)),
    technicalSkills: z._default(z.array(text(80, 'Name the skill')).check(z.maxLength(12, 'Name up to 12 skills')), []),
    schedule: optionalText(300),
    timeSlots: z._default(z.array(z.enum(TIME_SLOT_CODES)).check(z.maxLength(4)), []),
    startsOn: z.optional(date),
    endsOn: z.optional(date),
    hoursPerWeek: z.optional(
      z.number({ error: 'Enter hours per week' }).check(z.positive('Enter hours per week'), z.lte(40, 'Students may work at most 40 hours a week')),
    ),
    capacity: int(1, 500, 'How many students can you host? (1–500)'),
    compensation: z
      .strictObject({
        type: z.enum(COMPENSATION_CODES, { error: 'Choose unpaid, stipend or hourly wage' }),
        amountCents: z.optional(int(1, 1_000_000, 'Enter the wage or stipend')),
      })
      .check(z.refine((c) => c.type === 'unpaid' || c.amountCents !== undefined, { message: 'Enter the wage or stipend', path: ['amountCents'] })),
    mode: z.enum(MODE_CODES, { error: 'Choose in person, virtual or hybrid' }),
    transitNotes: optionalText(500),
    minAge: z.optional(int(11, 21, 'Enter an age from 11 to 21')),
    gradeMin: z.optional(int(6, 12, 'Choose a grade from 6 to 12')),
    requirements: z._default(
      z.strictObject({
        backgroundCheck: z._default(z.boolean(), false),
        documents: z._default(z.array(text(120, 'Name the document')).check(z.maxLength(10)), []),
      }),
      { backgroundCheck: false, documents: [] },
    ),
  })
  .check(z.refine((o) => !o.startsOn || !o.endsOn || o.endsOn >= o.startsOn, { message: 'The end date is before the start date', path: ['endsOn'] }));

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
  /** The token from `GET /api/v1/forms/host-offer/token`, fetched when the form opened: the server reads from it how long the form was open. */
  formToken: formTokenField,
  /** Honeypot: a field people never see. Anything in it marks the submission as automated. */
  nickname: z.optional(z.string().check(z.maxLength(200))),
});
HostOfferRequest.register(z.globalRegistry, {
  description: 'What the “host a student” form submits.',
  example: {
    organization: {
      name: 'Arroyo Valley Medical Center',
      website: 'https://arroyovalleymedical.example',
      clusters: ['healthcare_human_services'],
      address: '4445 Magnolia Avenue',
      city: 'Riverside',
      state: 'CA',
      postalCode: '92501',
      size: '1000+',
    },
    contact: { name: 'Denise Okafor', title: 'Clinical Education Manager', email: 'denise.okafor@arroyovalleymedical.example', phone: '(951) 555-0140' },
    opportunity: {
      type: 'job_shadowing',
      title: 'Emergency Department Job Shadow',
      description: 'Follow an emergency nurse for a morning and see how a trauma team works together.',
      tasks: ['Observe patient intake and triage', 'Interview two professionals about their career paths'],
      skills: ['communication', 'professionalism'],
      technicalSkills: ['medical terminology'],
      schedule: 'One school day, 8:00 am – 12:00 pm',
      timeSlots: ['weekdays'],
      startsOn: '2027-02-10',
      endsOn: '2027-02-10',
      hoursPerWeek: 4,
      capacity: 4,
      compensation: { type: 'unpaid' },
      mode: 'in_person',
      transitNotes: 'Route 1 stops out front.',
      minAge: 16,
      gradeMin: 10,
      requirements: { backgroundCheck: false, documents: ['Immunization record'] },
    },
    agreements: { termsVersion: HOST_TERMS_VERSION, liability: true, childLabor: true, insurance: true },
    formToken: 'ft1.eyJzIjoic2l0ZV9leGFtcGxlIn0.c2lnbmF0dXJlLWZyb20tdGhlLXNlcnZlcg',
  },
});
export type HostOfferRequest = z.input<typeof HostOfferRequest>;

export const SubmissionReceipt = z.object({
  id: z.string(),
  reference: z.string().register(z.globalRegistry, { description: 'A short reference a person can quote, like HO-7KQ4-M2X9.' }),
  status: z.string(),
  next: z.string().register(z.globalRegistry, { description: 'What happens next, in words.' }),
});
export type SubmissionReceipt = z.infer<typeof SubmissionReceipt>;
