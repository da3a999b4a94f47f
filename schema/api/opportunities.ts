import { z } from 'zod';
import { CLUSTER_CODES, COMPENSATION_CODES, LANGS, MODE_CODES, SKILL_CODES, SORTS, STAGE_CODES, TIME_SLOT_CODES, TYPE_CODES } from '../vocab.js';

/** Query values arrive as strings, repeated (`cluster=a&cluster=b`) or comma-separated. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined || v === '') return undefined;
    const values = (Array.isArray(v) ? v : [v])
      .flatMap((x) => String(x).split(','))
      .map((x) => x.trim())
      .filter(Boolean);
    return values.length ? values : undefined;
  }, z.array(item).max(20).optional());

const flag = z.preprocess((v) => {
  if (v === undefined || v === '') return undefined;
  if (v === 'true' || v === '1' || v === true) return true;
  if (v === 'false' || v === '0' || v === false) return false;
  return v;
}, z.boolean({ error: 'Use true or false' }).optional());

const single = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);

/** `near=lat,lng` (decimal degrees) or `near=school` for the embedding site's school. */
export const NearPoint = z.union([
  z.literal('school'),
  z
    .string()
    .regex(/^\s*-?\d{1,3}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$/, 'Use lat,lng in decimal degrees, or "school"')
    .transform((s) => {
      const [lat, lng] = s.split(',').map(Number) as [number, number];
      return { lat, lng };
    })
    .refine((p) => Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180, 'Latitude must be within ±90 and longitude within ±180'),
]);

export const OpportunityListQuery = z
  .strictObject({
    q: z.preprocess(single, z.string().trim().max(200, 'Keep the search under 200 characters').optional()),
    stage: list(z.enum(STAGE_CODES)),
    type: list(z.enum(TYPE_CODES)),
    cluster: list(z.enum(CLUSTER_CODES)),
    mode: list(z.enum(MODE_CODES)),
    paid: z.preprocess(single, flag),
    grade: z.preprocess(single, z.coerce.number().int().min(0).max(12).optional()),
    open: z.preprocess(single, flag),
    transit: z.preprocess(single, flag),
    near: z.preprocess(single, NearPoint.optional()),
    radius_km: z.preprocess(single, z.coerce.number().positive().max(500).optional()),
    sort: z.preprocess(single, z.enum(SORTS).optional()),
    cursor: z.preprocess(single, z.string().max(500).optional()),
    limit: z.preprocess(single, z.coerce.number().int().min(1).max(100).default(20)),
    key: z.preprocess(single, z.string().optional()).describe('Site key, for clients that cannot send X-Site-Key.'),
  })
  .describe('Filters, sort and page of the public opportunity list.');
export type OpportunityListQuery = z.infer<typeof OpportunityListQuery>;

export const Compensation = z.object({
  type: z.enum(COMPENSATION_CODES),
  /** Hourly wage or whole stipend in cents (US dollars); null when unpaid. */
  amountCents: z.number().int().nullable(),
  currency: z.literal('USD'),
});

export const EmployerRef = z.object({ id: z.string(), name: z.string() });

export const OpportunitySummary = z.object({
  id: z.string(),
  title: z.string().describe('In the language asked for (`lang`, or Accept-Language) when the opportunity is written in it, else in English.'),
  lang: z.enum(LANGS).describe('The language `title` is in.'),
  employer: EmployerRef,
  stage: z.enum(STAGE_CODES),
  type: z.enum(TYPE_CODES),
  cluster: z.enum(CLUSTER_CODES),
  compensation: Compensation,
  mode: z.enum(MODE_CODES),
  city: z.string().nullable(),
  transitAccessible: z.boolean(),
  distanceKm: z
    .number()
    .nullable()
    .describe('From `near` or the site’s school; null when unknown or virtual; whole kilometres for one shared by another tenant.'),
  applicationDeadline: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  gradeMin: z.number().int(),
  gradeMax: z.number().int(),
  skills: z.array(z.string()),
  open: z.boolean().describe('Accepting applications today.'),
  publishedAt: z.string().nullable(),
});
export type OpportunitySummary = z.infer<typeof OpportunitySummary>;

export const FacetCounts = z.record(z.string(), z.number().int());
export const OpportunityFacets = z.object({ stage: FacetCounts, cluster: FacetCounts, type: FacetCounts });
export type OpportunityFacets = z.infer<typeof OpportunityFacets>;

export const OpportunityList = z.object({
  items: z.array(OpportunitySummary),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('How many opportunities match the filters.'),
  facets: OpportunityFacets.describe('Counts per stage, cluster and type under the current filters (each facet ignores its own filter).'),
});
export type OpportunityList = z.infer<typeof OpportunityList>;

/**
 * The employer's public fields, the only ones any site sees (its own tenant's or one it is
 * shared with): never the contact person (name, title, email, phone) nor the street address.
 */
export const EmployerPublic = z
  .object({
    id: z.string(),
    name: z.string(),
    website: z.string().nullable().describe('An http(s) address, or null.'),
    description: z.string().nullable(),
    city: z.string().nullable(),
    clusters: z.array(z.string()),
  })
  .describe('The employer’s public fields only: never its contact person or street address.');

export const OpportunityDetail = OpportunitySummary.extend({
  description: z.string().describe('In the language asked for when the opportunity is written in it, else in English.'),
  descriptionLang: z.enum(LANGS).describe('The language `description` is in.'),
  tasks: z.array(z.string()),
  onetSoc: z.string().nullable(),
  technicalSkills: z.array(z.string()),
  employer: EmployerPublic,
  locationName: z.string().nullable(),
  address: z.string().nullable().describe('The street; null for a virtual opportunity and for one shared by another tenant.'),
  state: z.string().nullable(),
  postalCode: z.string().nullable().describe('Null for a virtual opportunity.'),
  lat: z.number().nullable().describe('Null for a virtual opportunity and for one shared by another tenant.'),
  lng: z.number().nullable().describe('Null for a virtual opportunity and for one shared by another tenant.'),
  transitNotes: z.string().nullable(),
  minAge: z.number().int().nullable(),
  capacity: z.number().int(),
  schedule: z.string().nullable(),
  timeSlots: z.array(z.string()),
  hoursPerWeek: z.number().nullable(),
  requirements: z.object({
    backgroundCheck: z.boolean(),
    guardianConsent: z.boolean(),
    documents: z.array(z.string()),
  }),
});
export type OpportunityDetail = z.infer<typeof OpportunityDetail>;

export const TRAVEL_MODES = ['walk_or_bike', 'public_transit', 'car', 'needs_help', 'virtual_only'] as const;

/** A student's stated interests. Nothing of it is stored. */
export const MatchRequest = z
  .strictObject({
    clusters: z.array(z.enum(CLUSTER_CODES)).max(14).default([]),
    skills: z.array(z.enum(SKILL_CODES)).max(9).default([]),
    stages: z.array(z.enum(STAGE_CODES)).max(4).default([]),
    grade: z.number().int().min(0).max(12).optional(),
    travel: z.enum(TRAVEL_MODES).optional(),
    maxDistanceKm: z.number().positive().max(500).optional(),
    from: z
      .strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
      .optional()
      .describe('Where the student starts; the site’s school when absent.'),
    paid: z.enum(['required', 'preferred', 'any']).default('any'),
    availability: z.array(z.enum(TIME_SLOT_CODES)).max(4).default([]),
    locale: z.enum(['en', 'es']).default('en'),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .meta({
    example: {
      clusters: ['healthcare_human_services'],
      skills: ['communication', 'critical_thinking'],
      grade: 11,
      travel: 'public_transit',
      maxDistanceKm: 15,
      paid: 'preferred',
      availability: ['after_school', 'summer'],
      locale: 'en',
      limit: 5,
    },
  });
export type MatchRequest = z.input<typeof MatchRequest>;

export const MatchReason = z.object({ code: z.string(), text: z.string() });
export const MatchItem = z.object({
  opportunity: OpportunitySummary,
  score: z.number(),
  reasons: z.array(MatchReason),
});
export const MatchResponse = z.object({ items: z.array(MatchItem) });
export type MatchResponse = z.infer<typeof MatchResponse>;
export type MatchItem = z.infer<typeof MatchItem>;
