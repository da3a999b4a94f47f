/**
 * The review queue: host offers waiting for a coordinator, and the employers they become.
 * Approving an offer creates (or links) the employer and creates the opportunity; returning it
 * or declining it sends the employer a message. Employers carry a vetting status, and only an
 * approved employer's opportunities may be published.
 */
import * as z from 'zod/mini';
import { CLUSTER_CODES, HOST_OFFER_STATUSES, STAGE_CODES, VETTING_STATUSES } from '../../vocab.js';
import { email, httpUrl, int, optionalText, text } from '../fields.js';
import { HostContact, HostOpportunity, HostOrganization } from '../host-offers.js';
import { adminPageOf, adminPaging, adminRef, calendarDate, clearableText, latitude, longitude, queryValue } from './paging.js';

// ---------------------------------------------------------------------------------------------
// Host offers

export const HostOfferListQuery = z.strictObject({
  /** The queue shows pending offers unless another status is asked for. */
  status: z.optional(queryValue(z.optional(z.enum(HOST_OFFER_STATUSES, { error: 'Choose pending, approved, returned or declined' })))),
  ...adminPaging,
});
export type HostOfferListQuery = z.output<typeof HostOfferListQuery>;

export const HostOfferSummary = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(HOST_OFFER_STATUSES),
  organizationName: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  title: z.string(),
  type: z.string(),
  createdAt: z.string(),
  reviewedAt: z.nullable(z.string()),
});
export type HostOfferSummary = z.infer<typeof HostOfferSummary>;

export const HostOfferList = adminPageOf(HostOfferSummary);
export type HostOfferList = z.infer<typeof HostOfferList>;

export const EmployerRefAdmin = z.object({ id: z.string(), name: z.string(), vettingStatus: z.enum(VETTING_STATUSES) });

export const HostOfferDetail = z.extend(HostOfferSummary, {
  siteId: z.nullable(z.string()),
  termsVersion: z.nullable(z.string()),
  /** What the employer submitted, as the form's schema validated it. */
  submission: z.object({
    organization: HostOrganization,
    contact: HostContact,
    opportunity: HostOpportunity,
    agreements: z.record(z.string(), z.unknown()),
  }),
  /** The message sent with a return, or the reason given for a decline. */
  reviewMessage: z.nullable(z.string()),
  reviewedBy: z.nullable(z.object({ id: z.string(), name: z.string() })),
  employerId: z.nullable(z.string()),
  opportunityId: z.nullable(z.string()),
  /** Employers of this tenant with a similar name, to link instead of creating a duplicate. */
  similarEmployers: z.array(EmployerRefAdmin),
});
export type HostOfferDetail = z.infer<typeof HostOfferDetail>;

export const HostOfferApprove = z.strictObject({
  /** Publish at once, or keep the new opportunity as a draft to finish first. */
  status: z.enum(['published', 'draft'], { error: 'Choose whether to publish now or save a draft' }),
  /** Link an existing employer of this tenant; without it, a new approved employer is created from the offer. */
  employerId: z.optional(adminRef('emp', 'Choose one of your employers')),
  /** The opportunity's one cluster; the organisation's first cluster when absent. */
  cluster: z.optional(z.enum(CLUSTER_CODES, { error: 'Choose a career cluster' })),
  /** The stage, when it is not the usual one for the type. */
  stage: z.optional(z.enum(STAGE_CODES, { error: 'Choose a stage' })),
  gradeMax: z.optional(int(6, 12, 'Choose a grade from 6 to 12')),
  applicationDeadline: z.optional(calendarDate),
  transitAccessible: z.optional(z.boolean({ error: 'Use true or false' })),
  location: z.optional(z.strictObject({ lat: latitude, lng: longitude })),
  /**
   * The new employer's website, in place of the one the offer gives; null leaves it out. An
   * offer whose website is not http(s) (sent before that was checked) needs one of the two.
   */
  website: z.optional(z.nullable(httpUrl('Enter a full web address, like https://example.com', 300))),
  /** Added to the message the employer gets. */
  message: optionalText(2000),
});
HostOfferApprove.register(z.globalRegistry, {
  description: 'Approve a host offer: creates or links the employer and creates the opportunity.',
  example: {
    status: 'published',
    cluster: 'healthcare_human_services',
    applicationDeadline: '2027-01-15',
    message: 'Thank you! Students can apply from today.',
  },
});
export type HostOfferApprove = z.input<typeof HostOfferApprove>;

export const HostOfferReturn = z.strictObject({
  message: text(2000, 'Tell the employer what to change'),
});
HostOfferReturn.register(z.globalRegistry, {
  description: 'Send a host offer back to the employer with what to change.',
  example: { message: 'Could you add the hours per week and who will supervise the student?' },
});
export type HostOfferReturn = z.input<typeof HostOfferReturn>;

export const HostOfferDecline = z.strictObject({
  reason: text(2000, 'Give the employer a reason'),
});
HostOfferDecline.register(z.globalRegistry, {
  description: 'Decline a host offer with a reason the employer is told.',
  example: { reason: 'We cannot place students under 18 in overnight shifts.' },
});
export type HostOfferDecline = z.input<typeof HostOfferDecline>;

export const HostOfferApproval = z.object({
  offer: HostOfferDetail,
  employer: z.extend(EmployerRefAdmin, { created: z.boolean() }),
  opportunity: z.object({ id: z.string(), title: z.string(), status: z.string() }),
});
export type HostOfferApproval = z.infer<typeof HostOfferApproval>;

// ---------------------------------------------------------------------------------------------
// Employers

export const EmployerListQuery = z.strictObject({
  vetting: z.optional(queryValue(z.optional(z.enum(VETTING_STATUSES, { error: 'Choose pending, approved or suspended' })))),
  /** Part of the name. */
  q: z.optional(queryValue(z.optional(z.string().check(z.trim(), z.maxLength(200, 'Keep the search under 200 characters'))))),
  ...adminPaging,
});
export type EmployerListQuery = z.output<typeof EmployerListQuery>;

const SIZES = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;

export const AdminEmployer = z.object({
  id: z.string(),
  name: z.string(),
  website: z.nullable(z.string()),
  description: z.nullable(z.string()),
  size: z.nullable(z.enum(SIZES)),
  clusters: z.array(z.string()),
  contact: z.object({ name: z.nullable(z.string()), title: z.nullable(z.string()), email: z.nullable(z.string()), phone: z.nullable(z.string()) }),
  address: z.nullable(z.string()),
  city: z.nullable(z.string()),
  state: z.nullable(z.string()),
  postalCode: z.nullable(z.string()),
  lat: z.nullable(z.number()),
  lng: z.nullable(z.number()),
  vettingStatus: z.enum(VETTING_STATUSES),
  liabilityAgreementOn: z.nullable(z.string()),
  insuranceExpiresOn: z.nullable(z.string()),
  /** Opportunities on the public board now. */
  publishedOpportunities: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdminEmployer = z.infer<typeof AdminEmployer>;

export const AdminEmployerList = adminPageOf(AdminEmployer);
export type AdminEmployerList = z.infer<typeof AdminEmployerList>;

const employerFields = {
  name: text(200, 'Enter the organisation’s name'),
  /** Shown as a link on the public board: http(s) only. */
  website: z.optional(z.nullable(httpUrl('Enter a full web address, like https://example.com', 300))),
  description: clearableText(2000),
  size: z.optional(z.nullable(z.enum(SIZES, { error: 'Choose the organisation’s size' }))),
  clusters: z.array(z.enum(CLUSTER_CODES, { error: 'Choose a career cluster' })).check(z.maxLength(5, 'Choose up to five')),
  contactName: clearableText(120),
  contactTitle: clearableText(120),
  contactEmail: z.optional(z.nullable(email('Enter an email address like name@example.com'))),
  contactPhone: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^[+()\d\s.-]{7,25}$/, 'Enter a phone number')))),
  address: clearableText(200),
  city: clearableText(100),
  state: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^[A-Za-z]{2}$/, 'Use the two-letter state code')))),
  postalCode: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code')))),
  lat: z.optional(z.nullable(latitude)),
  lng: z.optional(z.nullable(longitude)),
  liabilityAgreementOn: z.optional(z.nullable(calendarDate)),
  insuranceExpiresOn: z.optional(z.nullable(calendarDate)),
};

/** A new employer, entered by a coordinator (most arrive through an approved host offer). It starts `pending`. */
export const EmployerCreate = z.strictObject({ ...employerFields, clusters: z.optional(employerFields.clusters) });
EmployerCreate.register(z.globalRegistry, {
  description: 'An employer entered by a coordinator; it starts pending vetting.',
  example: {
    name: 'Inland Solar Cooperative',
    website: 'https://inlandsolar.example',
    clusters: ['energy_natural_resources'],
    contactName: 'Priya Raman',
    contactEmail: 'priya@inlandsolar.example',
    city: 'Riverside',
    state: 'CA',
  },
});
export type EmployerCreate = z.input<typeof EmployerCreate>;

/** Any of the employer's fields; `null` clears one. The vetting status changes through its own action. */
export const EmployerUpdate = z
  .strictObject({
    ...employerFields,
    name: z.optional(employerFields.name),
    clusters: z.optional(employerFields.clusters),
  })
  .check(z.refine((b) => Object.keys(b).length > 0, 'Change at least one field'));
EmployerUpdate.register(z.globalRegistry, {
  description: 'Change an employer’s fields; null clears one.',
  example: { insuranceExpiresOn: '2027-12-31', contactPhone: '(951) 555-0199' },
});
export type EmployerUpdate = z.input<typeof EmployerUpdate>;

export const EmployerVetting = z.strictObject({
  status: z.enum(VETTING_STATUSES, { error: 'Choose pending, approved or suspended' }),
  /** Why, for the audit log. */
  note: optionalText(1000),
});
EmployerVetting.register(z.globalRegistry, {
  description: 'Change an employer’s vetting status. Suspending closes its published opportunities.',
  example: { status: 'suspended', note: 'Insurance certificate expired.' },
});
export type EmployerVetting = z.input<typeof EmployerVetting>;

export const EmployerVettingResult = z.object({
  employer: AdminEmployer,
  /** Published opportunities closed because the employer was suspended. */
  closedOpportunityIds: z.array(z.string()),
});
export type EmployerVettingResult = z.infer<typeof EmployerVettingResult>;
