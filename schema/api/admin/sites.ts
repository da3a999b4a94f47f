/**
 * Sites and their publishable keys, managed by a district administrator. A site is a website
 * that embeds the widgets: its key names the tenant, its origins are the only ones browsers
 * may call from, its school is where "distance from my school" starts.
 */
import * as z from 'zod/mini';
import { httpUrl, text } from '../fields.js';
import { adminPageOf, adminPaging, adminRef, queryValue, webOrigin } from './paging.js';

/** `suspended` can be resumed; `revoked` is for good. Only `active` keys answer. */
export const SITE_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

const origins = z.array(webOrigin).check(
  z.maxLength(20, 'List up to 20 origins'),
  z.refine((list) => new Set(list).size === list.length, 'List each origin once'),
);
const schoolRef = z.nullable(adminRef('sch', 'Choose one of your schools'));
/**
 * The page the site embeds the event calendar on: an event's JSON-LD `url` and its iCalendar
 * link open it there (`page#event=evt_…`). Null when the site has no calendar page.
 */
const calendarPage = z.nullable(httpUrl('Enter the web address of the page with the event calendar, starting with https://'));
/**
 * The page the site embeds `<wbl-my-wbl>` on, where students and guardians sign in: sign-in
 * links and the experience-survey email open it. Null when the site has no student page.
 */
const studentPage = z.nullable(httpUrl('Enter the web address of the student page, starting with https://'));

export const SiteCreate = z.strictObject({
  name: text(120, 'Name the website, like “Riverside High School website”'),
  allowedOrigins: origins,
  /** The school distances are measured from; null for a district-wide site. */
  schoolId: z.optional(schoolRef),
  calendarPageUrl: z.optional(calendarPage),
  studentPageUrl: z.optional(studentPage),
});
SiteCreate.register(z.globalRegistry, {
  description: 'A website that will embed the widgets.',
  example: {
    name: 'Canyon Crest High School website',
    allowedOrigins: ['https://canyoncrest.riverside-usd.example'],
    schoolId: 'sch_riv_canyon_high',
    calendarPageUrl: 'https://canyoncrest.riverside-usd.example/events',
    studentPageUrl: 'https://canyoncrest.riverside-usd.example/my-wbl',
  },
});
export type SiteCreate = z.input<typeof SiteCreate>;

export const SiteUpdate = z
  .strictObject({
    name: z.optional(text(120, 'Name the website')),
    allowedOrigins: z.optional(origins),
    schoolId: z.optional(schoolRef),
    calendarPageUrl: z.optional(calendarPage),
    studentPageUrl: z.optional(studentPage),
  })
  .check(z.refine((b) => Object.keys(b).length > 0, 'Change at least one field'));
SiteUpdate.register(z.globalRegistry, {
  description: 'Rename a site, change its origins, its school, its calendar page or its student page.',
  example: { allowedOrigins: ['https://www.riverside-usd.example', 'https://riverside-usd.example'] },
});
export type SiteUpdate = z.input<typeof SiteUpdate>;

export const SiteListQuery = z.strictObject({
  status: z.optional(queryValue(z.optional(z.enum(SITE_STATUSES, { error: 'Choose active, suspended or revoked' })))),
  ...adminPaging,
});
export type SiteListQuery = z.output<typeof SiteListQuery>;

export const AdminSite = z.object({
  id: z.string(),
  name: z.string(),
  /** Publishable: it is in every page that embeds a widget. Rotate it to stop an old copy working. */
  publishableKey: z.string(),
  allowedOrigins: z.array(z.string()),
  school: z.nullable(z.object({ id: z.string(), name: z.string() })),
  /** Where the site shows the event calendar; events link there (`page#event=evt_…`). */
  calendarPageUrl: z.nullable(z.string()),
  /** Where the site embeds `<wbl-my-wbl>`; sign-in links and survey emails open there. */
  studentPageUrl: z.nullable(z.string()),
  status: z.enum(SITE_STATUSES),
  createdAt: z.string(),
});
export type AdminSite = z.infer<typeof AdminSite>;

export const AdminSiteList = adminPageOf(AdminSite);
export type AdminSiteList = z.infer<typeof AdminSiteList>;

export const SiteKeyRotation = z.object({
  site: AdminSite,
  /** The key that no longer works. */
  previousKey: z.string(),
  /** What the administrator should do next, in words. */
  note: z.string(),
});
export type SiteKeyRotation = z.infer<typeof SiteKeyRotation>;

export const AdminSchool = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  gradeMin: z.number(),
  gradeMax: z.number(),
  city: z.nullable(z.string()),
});
export type AdminSchool = z.infer<typeof AdminSchool>;

export const AdminSchoolList = adminPageOf(AdminSchool);
export type AdminSchoolList = z.infer<typeof AdminSchoolList>;

export const SchoolListQuery = z.strictObject({ ...adminPaging });
