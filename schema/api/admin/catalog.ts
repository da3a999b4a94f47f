/**
 * What coordinators publish: opportunities and career-awareness events, as the console edits
 * them. Request bodies name fields the way the answers do, so a form can be filled from an
 * answer and sent back. Written with `zod/mini` for the console.
 */
import * as z from 'zod/mini';
import {
  CLUSTER_CODES,
  COMPENSATION_CODES,
  EVENT_AUDIENCES,
  EVENT_STATUSES,
  EVENT_TYPE_CODES,
  INTERPRETATION,
  LANGS,
  MODE_CODES,
  OPPORTUNITY_STATUSES,
  RSVP_ROLES,
  RSVP_STATUSES,
  SKILL_CODES,
  STAGE_CODES,
  TIME_SLOT_CODES,
  TYPE_CODES,
  VETTING_STATUSES,
} from '../../vocab.js';
import { httpUrl, int, optionalText, text } from '../fields.js';
import { adminPageOf, adminPaging, adminRef, calendarDate, clearableText, ianaZone, latitude, longitude, queryList, queryValue, wallTime } from './paging.js';

/** A cross-field problem, reported like a field error. */
export interface CatalogIssue {
  path: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Opportunities

export const AdminOpportunityQuery = z.strictObject({
  status: queryList(z.enum(OPPORTUNITY_STATUSES, { error: 'Choose draft, pending_review, published, closed or archived' })),
  stage: queryList(z.enum(STAGE_CODES, { error: 'Choose a stage' })),
  cluster: queryList(z.enum(CLUSTER_CODES, { error: 'Choose a career cluster' })),
  type: queryList(z.enum(TYPE_CODES, { error: 'Choose a type' })),
  employer: z.optional(queryValue(z.optional(adminRef('emp', 'Choose one of your employers')))),
  q: z.optional(queryValue(z.optional(z.string().check(z.trim(), z.maxLength(200, 'Keep the search under 200 characters'))))),
  ...adminPaging,
});
export type AdminOpportunityQuery = z.output<typeof AdminOpportunityQuery>;

const compensation = z.strictObject({
  type: z.enum(COMPENSATION_CODES, { error: 'Choose unpaid, stipend or hourly wage' }),
  /** Hourly wage or the whole stipend, in cents; absent or null when unpaid. */
  amountCents: z.optional(z.nullable(int(1, 1_000_000, 'Enter the wage or stipend'))),
});
const requirements = z.strictObject({
  backgroundCheck: z.boolean({ error: 'Use true or false' }),
  guardianConsent: z.boolean({ error: 'Use true or false' }),
  documents: z.array(text(120, 'Name the document')).check(z.maxLength(10, 'List up to 10 documents')),
});
const grade = (message: string) => int(6, 12, message);

const opportunityFields = {
  employerId: adminRef('emp', 'Choose one of your employers'),
  title: text(140, 'Give the opportunity a title'),
  description: text(4000, 'Describe what a student will experience'),
  /** The Spanish title and description, optional: the public list shows them to Spanish viewers; empty or null means none. */
  titleEs: clearableText(140),
  descriptionEs: clearableText(4000),
  tasks: z.optional(z.array(text(300, 'Describe the task')).check(z.maxLength(12, 'List up to 12 tasks'))),
  /** The usual stage of the type when absent. */
  stage: z.optional(z.enum(STAGE_CODES, { error: 'Choose a stage' })),
  type: z.enum(TYPE_CODES, { error: 'Choose the kind of experience' }),
  cluster: z.enum(CLUSTER_CODES, { error: 'Choose a career cluster' }),
  onetSoc: z.optional(z.nullable(z.string().check(z.regex(/^\d{2}-\d{4}\.\d{2}$/, 'Use an O*NET-SOC code like 29-1141.00')))),
  skills: z.optional(z.array(z.enum(SKILL_CODES, { error: 'Choose a skill from the list' })).check(z.maxLength(9))),
  technicalSkills: z.optional(z.array(text(80, 'Name the skill')).check(z.maxLength(12, 'Name up to 12 skills'))),
  compensation: z.optional(compensation),
  mode: z.enum(MODE_CODES, { error: 'Choose in person, virtual or hybrid' }),
  locationName: clearableText(200),
  address: clearableText(200),
  city: clearableText(100),
  state: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^[A-Za-z]{2}$/, 'Use the two-letter state code')))),
  postalCode: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code')))),
  lat: z.optional(z.nullable(latitude)),
  lng: z.optional(z.nullable(longitude)),
  transitAccessible: z.optional(z.boolean({ error: 'Use true or false' })),
  transitNotes: clearableText(500),
  gradeMin: z.optional(grade('Choose a grade from 6 to 12')),
  gradeMax: z.optional(grade('Choose a grade from 6 to 12')),
  minAge: z.optional(z.nullable(int(11, 21, 'Enter an age from 11 to 21'))),
  capacity: z.optional(int(1, 500, 'Host 1 to 500 students')),
  schedule: clearableText(300),
  timeSlots: z.optional(z.array(z.enum(TIME_SLOT_CODES, { error: 'Choose when students take part' })).check(z.maxLength(4))),
  hoursPerWeek: z.optional(
    z.nullable(z.number({ error: 'Enter hours per week' }).check(z.positive('Enter hours per week'), z.lte(40, 'Students may work at most 40 hours a week'))),
  ),
  startsOn: z.optional(z.nullable(calendarDate)),
  endsOn: z.optional(z.nullable(calendarDate)),
  applicationDeadline: z.optional(z.nullable(calendarDate)),
  requirements: z.optional(requirements),
};

/** The fields whose combination matters, as they stand after a change. */
export interface OpportunityShape {
  gradeMin?: number;
  gradeMax?: number;
  startsOn?: string | null;
  endsOn?: string | null;
  applicationDeadline?: string | null;
  compensation?: { type: string; amountCents?: number | null };
}

/**
 * Checks that involve more than one field. The Worker runs them again on the merged row after
 * an update, since an update may change one side only.
 */
export function opportunityIssues(o: OpportunityShape): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  if (o.gradeMin !== undefined && o.gradeMax !== undefined && o.gradeMax < o.gradeMin)
    issues.push({ path: 'gradeMax', message: 'The highest grade is below the lowest' });
  if (o.startsOn && o.endsOn && o.endsOn < o.startsOn) issues.push({ path: 'endsOn', message: 'The end date is before the start date' });
  if (o.applicationDeadline && o.endsOn && o.applicationDeadline > o.endsOn)
    issues.push({ path: 'applicationDeadline', message: 'The deadline is after the opportunity ends' });
  if (o.compensation && o.compensation.type !== 'unpaid' && !o.compensation.amountCents)
    issues.push({ path: 'compensation.amountCents', message: 'Enter the wage or stipend' });
  return issues;
}

const crossFieldChecks = <T extends OpportunityShape>() =>
  z.superRefine<T>((o, ctx) => {
    for (const i of opportunityIssues(o)) ctx.addIssue({ code: 'custom', message: i.message, path: i.path.split('.'), input: o });
  });

/** A new opportunity; it starts as a draft (or pending review) and is published with its own action. */
export const AdminOpportunityCreate = z
  .strictObject({
    ...opportunityFields,
    status: z.optional(z.enum(['draft', 'pending_review'], { error: 'New opportunities start as draft or pending_review' })),
  })
  .check(crossFieldChecks());
AdminOpportunityCreate.register(z.globalRegistry, {
  description: 'A new opportunity, saved as a draft.',
  example: {
    employerId: 'emp_riv_arroyo_medical',
    title: 'Pharmacy Technician Job Shadow',
    description: 'Spend a morning with the pharmacy team and see how prescriptions are checked and filled.',
    tasks: ['Observe prescription verification', 'Ask a pharmacist about training paths'],
    type: 'job_shadowing',
    cluster: 'healthcare_human_services',
    skills: ['communication', 'professionalism'],
    mode: 'in_person',
    city: 'Riverside',
    state: 'CA',
    gradeMin: 10,
    gradeMax: 12,
    capacity: 2,
    compensation: { type: 'unpaid' },
    applicationDeadline: '2027-01-15',
  },
});
export type AdminOpportunityCreate = z.input<typeof AdminOpportunityCreate>;

/** Any of the fields; `null` clears an optional one. */
export const AdminOpportunityUpdate = z
  .strictObject({
    ...opportunityFields,
    employerId: z.optional(opportunityFields.employerId),
    title: z.optional(opportunityFields.title),
    description: z.optional(opportunityFields.description),
    type: z.optional(opportunityFields.type),
    cluster: z.optional(opportunityFields.cluster),
    mode: z.optional(opportunityFields.mode),
  })
  .check(
    z.refine((b) => Object.keys(b).length > 0, 'Change at least one field'),
    crossFieldChecks(),
  );
AdminOpportunityUpdate.register(z.globalRegistry, {
  description: 'Change an opportunity’s fields; null clears one.',
  example: { capacity: 3, applicationDeadline: '2027-01-22' },
});
export type AdminOpportunityUpdate = z.input<typeof AdminOpportunityUpdate>;

export const AdminOpportunitySummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(OPPORTUNITY_STATUSES),
  stage: z.enum(STAGE_CODES),
  type: z.enum(TYPE_CODES),
  cluster: z.enum(CLUSTER_CODES),
  employer: z.object({ id: z.string(), name: z.string(), vettingStatus: z.enum(VETTING_STATUSES) }),
  mode: z.enum(MODE_CODES),
  city: z.nullable(z.string()),
  capacity: z.number(),
  applicationDeadline: z.nullable(z.string()),
  startsOn: z.nullable(z.string()),
  publishedAt: z.nullable(z.string()),
  updatedAt: z.string(),
});
export type AdminOpportunitySummary = z.infer<typeof AdminOpportunitySummary>;

export const AdminOpportunityList = adminPageOf(AdminOpportunitySummary);
export type AdminOpportunityList = z.infer<typeof AdminOpportunityList>;

export const AdminOpportunity = z.extend(AdminOpportunitySummary, {
  description: z.string(),
  /** The Spanish title and description; null when the opportunity has none. */
  titleEs: z.nullable(z.string()),
  descriptionEs: z.nullable(z.string()),
  tasks: z.array(z.string()),
  onetSoc: z.nullable(z.string()),
  skills: z.array(z.string()),
  technicalSkills: z.array(z.string()),
  compensation: z.object({ type: z.enum(COMPENSATION_CODES), amountCents: z.nullable(z.number()) }),
  locationName: z.nullable(z.string()),
  address: z.nullable(z.string()),
  state: z.nullable(z.string()),
  postalCode: z.nullable(z.string()),
  lat: z.nullable(z.number()),
  lng: z.nullable(z.number()),
  transitAccessible: z.boolean(),
  transitNotes: z.nullable(z.string()),
  gradeMin: z.number(),
  gradeMax: z.number(),
  minAge: z.nullable(z.number()),
  schedule: z.nullable(z.string()),
  timeSlots: z.array(z.string()),
  hoursPerWeek: z.nullable(z.number()),
  endsOn: z.nullable(z.string()),
  requirements: z.object({ backgroundCheck: z.boolean(), guardianConsent: z.boolean(), documents: z.array(z.string()) }),
  /** Applications received, whatever their status. */
  applications: z.number(),
  createdAt: z.string(),
});
export type AdminOpportunity = z.infer<typeof AdminOpportunity>;

/**
 * The status moves an action may make: publish (from draft, pending review or closed; the
 * employer must be approved), close (a published one), archive (anything not yet archived).
 */
export const OPPORTUNITY_ACTIONS = {
  publish: { to: 'published', from: ['draft', 'pending_review', 'closed'] },
  close: { to: 'closed', from: ['published'] },
  archive: { to: 'archived', from: ['draft', 'pending_review', 'published', 'closed'] },
} as const satisfies Record<string, { to: (typeof OPPORTUNITY_STATUSES)[number]; from: readonly (typeof OPPORTUNITY_STATUSES)[number][] }>;
export type OpportunityAction = keyof typeof OPPORTUNITY_ACTIONS;

// ---------------------------------------------------------------------------------------------
// Events

/**
 * When an event happens, as a person enters it: local dates and times in the event's zone.
 * Timed events give both times; all-day events give neither, and `endDate` is the last day.
 * The Worker stores UTC instants computed from these, right across daylight-saving changes.
 */
export const EventWhen = z
  .strictObject({
    allDay: z._default(z.boolean({ error: 'Use true or false' }), false),
    timeZone: ianaZone,
    startDate: calendarDate,
    startTime: z.optional(wallTime),
    endDate: calendarDate,
    endTime: z.optional(wallTime),
  })
  .check(
    z.superRefine((w, ctx) => {
      const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [path], input: w });
      if (w.allDay) {
        if (w.startTime !== undefined) add('startTime', 'An all-day event has no start time');
        if (w.endTime !== undefined) add('endTime', 'An all-day event has no end time');
        if (w.endDate < w.startDate) add('endDate', 'The last day is before the first');
      } else {
        if (w.startTime === undefined) add('startTime', 'Enter the start time');
        if (w.endTime === undefined) add('endTime', 'Enter the end time');
        if (w.startTime !== undefined && w.endTime !== undefined && `${w.endDate}T${w.endTime}` <= `${w.startDate}T${w.startTime}`) {
          add('endTime', 'The event ends before it starts');
        }
      }
      const days = (Date.parse(`${w.endDate}T00:00:00Z`) - Date.parse(`${w.startDate}T00:00:00Z`)) / 86_400_000;
      if (days > 31) add('endDate', 'An event lasts at most a month');
    }),
  );
export type EventWhen = z.input<typeof EventWhen>;

const eventFields = {
  type: z.enum(EVENT_TYPE_CODES, { error: 'Choose the kind of event' }),
  title: text(160, 'Give the event a title'),
  description: optionalText(4000),
  when: EventWhen,
  locationName: clearableText(200),
  address: clearableText(200),
  city: clearableText(100),
  state: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^[A-Za-z]{2}$/, 'Use the two-letter state code')))),
  postalCode: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code')))),
  lat: z.optional(z.nullable(latitude)),
  lng: z.optional(z.nullable(longitude)),
  /** People click it from the calendar: http(s) only, never `javascript:` or `data:`. */
  virtualUrl: z.optional(z.nullable(httpUrl('Enter the meeting link, starting with https://'))),
  accessibilityNotes: clearableText(1000),
  /** Spanish title, description and accessibility notes; null or absent: Spanish readers get the English ones. */
  titleEs: clearableText(160),
  descriptionEs: clearableText(4000),
  accessibilityNotesEs: clearableText(1000),
  /** Interpretation the event offers, which its RSVP form asks about. */
  interpretation: z.optional(z.array(z.enum(INTERPRETATION, { error: 'Choose Spanish, ASL or another language' })).check(z.maxLength(3))),
  audiences: z.array(z.enum(EVENT_AUDIENCES, { error: 'Choose who the event is for' })).check(z.minLength(1, 'Choose who the event is for'), z.maxLength(4)),
  gradeMin: z.optional(z.nullable(int(0, 12, 'Choose a grade from K (0) to 12'))),
  gradeMax: z.optional(z.nullable(int(0, 12, 'Choose a grade from K (0) to 12'))),
  clusters: z.optional(z.array(z.enum(CLUSTER_CODES, { error: 'Choose a career cluster' })).check(z.maxLength(14))),
  /** Seats, or null for no limit. */
  capacity: z.optional(z.nullable(int(1, 100_000, 'Enter from 1 to 100 000 seats, or leave empty for no limit'))),
  registrationRequired: z.optional(z.boolean({ error: 'Use true or false' })),
  schoolId: z.optional(z.nullable(adminRef('sch', 'Choose one of your schools'))),
  employerId: z.optional(z.nullable(adminRef('emp', 'Choose one of your employers'))),
};

export interface EventShape {
  gradeMin?: number | null;
  gradeMax?: number | null;
  locationName?: string | null;
  address?: string | null;
  virtualUrl?: string | null;
}

/** Checks across fields; the Worker runs them again on the merged row after an update. */
export function eventIssues(e: EventShape): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  if (e.gradeMin != null && e.gradeMax != null && e.gradeMax < e.gradeMin) issues.push({ path: 'gradeMax', message: 'The highest grade is below the lowest' });
  if (!e.locationName && !e.address && !e.virtualUrl) issues.push({ path: 'locationName', message: 'Say where the event is, or give its meeting link' });
  return issues;
}

export const AdminEventCreate = z.strictObject(eventFields).check(
  z.superRefine((e, ctx) => {
    for (const i of eventIssues(e)) ctx.addIssue({ code: 'custom', message: i.message, path: [i.path], input: e });
  }),
);
AdminEventCreate.register(z.globalRegistry, {
  description: 'A new career-awareness event, scheduled at once.',
  example: {
    type: 'career_fair',
    title: 'Spring Healthcare Careers Fair',
    description: 'Meet nurses, technicians and therapists from six local employers.',
    when: { timeZone: 'America/Los_Angeles', startDate: '2027-03-14', startTime: '17:00', endDate: '2027-03-14', endTime: '19:30' },
    locationName: 'Riverside High School gym',
    address: '4020 Arlington Avenue',
    city: 'Riverside',
    state: 'CA',
    postalCode: '92506',
    audiences: ['students', 'families'],
    gradeMin: 9,
    gradeMax: 12,
    clusters: ['healthcare_human_services'],
    capacity: 200,
    registrationRequired: true,
  },
});
export type AdminEventCreate = z.input<typeof AdminEventCreate>;

/** Any of the fields; `when` is replaced whole. Every update raises the calendar `sequence`. */
export const AdminEventUpdate = z
  .strictObject({
    ...eventFields,
    type: z.optional(eventFields.type),
    title: z.optional(eventFields.title),
    when: z.optional(eventFields.when),
    audiences: z.optional(eventFields.audiences),
  })
  .check(z.refine((b) => Object.keys(b).length > 0, 'Change at least one field'));
AdminEventUpdate.register(z.globalRegistry, {
  description: 'Change an event; calendars that subscribed see the change.',
  example: { when: { timeZone: 'America/Los_Angeles', startDate: '2027-03-14', startTime: '17:30', endDate: '2027-03-14', endTime: '20:00' } },
});
export type AdminEventUpdate = z.input<typeof AdminEventUpdate>;

export const AdminEventCancel = z.strictObject({
  /** Added to the message every confirmed and waitlisted guest gets. */
  message: optionalText(2000),
});
AdminEventCancel.register(z.globalRegistry, {
  description: 'Cancel an event: calendars show it cancelled and every guest is told.',
  example: { message: 'The fair moves online next month; we will send the new date.' },
});
export type AdminEventCancel = z.input<typeof AdminEventCancel>;

export const AdminEventQuery = z.strictObject({
  status: z.optional(queryValue(z.optional(z.enum(EVENT_STATUSES, { error: 'Choose scheduled or cancelled' })))),
  type: queryList(z.enum(EVENT_TYPE_CODES, { error: 'Choose a type' })),
  /** Events ending on or after the start of this date in the tenant's zone. */
  from: z.optional(queryValue(z.optional(calendarDate))),
  /** Events starting on or before the end of this date in the tenant's zone. */
  to: z.optional(queryValue(z.optional(calendarDate))),
  q: z.optional(queryValue(z.optional(z.string().check(z.trim(), z.maxLength(200, 'Keep the search under 200 characters'))))),
  ...adminPaging,
});
export type AdminEventQuery = z.output<typeof AdminEventQuery>;

export const AdminEventWhen = z.object({
  allDay: z.boolean(),
  timeZone: z.string(),
  startDate: z.string(),
  startTime: z.nullable(z.string()),
  endDate: z.string(),
  endTime: z.nullable(z.string()),
});

export const AdminEventSummary = z.object({
  id: z.string(),
  type: z.enum(EVENT_TYPE_CODES),
  title: z.string(),
  status: z.enum(EVENT_STATUSES),
  /** The local dates and times, as the form shows them. */
  when: AdminEventWhen,
  /** UTC instants. */
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.nullable(z.number()),
  registrationRequired: z.boolean(),
  /** Seats taken by confirmed RSVPs and waiting on the waitlist. */
  seats: z.object({ confirmed: z.number(), waitlisted: z.number() }),
  sequence: z.number(),
  updatedAt: z.string(),
});
export type AdminEventSummary = z.infer<typeof AdminEventSummary>;

export const AdminEventList = adminPageOf(AdminEventSummary);
export type AdminEventList = z.infer<typeof AdminEventList>;

export const AdminRsvp = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(RSVP_ROLES),
  partySize: z.number(),
  grade: z.nullable(z.number()),
  status: z.enum(RSVP_STATUSES),
  /** The language the guest uses: their messages and calendar file are in it. */
  lang: z.enum(LANGS),
  /** Interpretation the party asked for, and which language for `other`. */
  interpretation: z.nullable(z.enum(INTERPRETATION)),
  interpretationOther: z.nullable(z.string()),
  createdAt: z.string(),
});
export type AdminRsvp = z.infer<typeof AdminRsvp>;

/** Parties and seats of one RSVP status. */
const RsvpCount = z.object({ parties: z.number(), seats: z.number() });

export const AdminEvent = z.extend(AdminEventSummary, {
  description: z.string(),
  locationName: z.nullable(z.string()),
  address: z.nullable(z.string()),
  city: z.nullable(z.string()),
  state: z.nullable(z.string()),
  postalCode: z.nullable(z.string()),
  lat: z.nullable(z.number()),
  lng: z.nullable(z.number()),
  virtualUrl: z.nullable(z.string()),
  accessibilityNotes: z.nullable(z.string()),
  titleEs: z.nullable(z.string()),
  descriptionEs: z.nullable(z.string()),
  accessibilityNotesEs: z.nullable(z.string()),
  interpretation: z.array(z.enum(INTERPRETATION)),
  audiences: z.array(z.string()),
  gradeMin: z.nullable(z.number()),
  gradeMax: z.nullable(z.number()),
  clusters: z.array(z.string()),
  school: z.nullable(z.object({ id: z.string(), name: z.string() })),
  employer: z.nullable(z.object({ id: z.string(), name: z.string() })),
  /** RSVPs per status: parties and seats. */
  rsvpCounts: z.object({ confirmed: RsvpCount, waitlisted: RsvpCount, cancelled: RsvpCount }),
  /** The guests, for coordinators (their names and emails are personal data: each read is audited); null for viewers. */
  rsvps: z.nullable(z.array(AdminRsvp)),
  createdAt: z.string(),
});
export type AdminEvent = z.infer<typeof AdminEvent>;
