/**
 * The whole data model of DESIGN.md §2 as drizzle tables. Migrations in ./migrations are
 * generated from this file by drizzle-kit (`npm run db:generate`); the FTS5 table and its
 * triggers live in a custom migration because drizzle-kit does not model virtual tables.
 *
 * Conventions: ids are prefixed text ids (`opp_…`); instants are ISO-8601 UTC text; dates
 * are `YYYY-MM-DD`; lists are JSON text; booleans are 0/1 integers.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { CLUSTERS, EVENT_TYPES, INTERPRETATION, LANGS, OPPORTUNITY_TYPES, STAGES, type Interpretation } from '../vocab.js';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const createdAt = () => text('created_at').notNull().default(now);
const updatedAt = () => text('updated_at').notNull().default(now);
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
const bool = (name: string) => integer(name, { mode: 'boolean' });

/**
 * A CHECK constraint that the column holds one of `values` (or NULL, where the column allows
 * it): the database refuses what the types refuse. Migration 0006 wrote these into the tables.
 */
const oneOf = (name: string, column: SQLiteColumn, values: readonly string[]) =>
  check(name, sql`${sql.identifier(column.name)} IN (${sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '))})`);
const codes = (list: readonly { code: string }[]) => list.map((t) => t.code);
const enumOf = (column: SQLiteColumn) => column.enumValues as readonly string[];

export const tenants = sqliteTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['district', 'convener'] })
      .notNull()
      .default('district'),
    region: text('region'),
    timeZone: text('time_zone').notNull().default('America/Los_Angeles'),
    defaultLocale: text('default_locale').notNull().default('en'),
    issuerName: text('issuer_name'),
    issuerUrl: text('issuer_url'),
    issuerEmail: text('issuer_email'),
    issuerDescription: text('issuer_description'),
    issuerImage: text('issuer_image'),
    /** Report cells counting fewer students than this are suppressed (shown as `<N`); never below 5 by default. */
    reportMinCell: integer('report_min_cell').notNull().default(5),
    /** Where replies to the district's messages go (its WBL coordinator); null: the first coordinator's address. */
    replyTo: text('reply_to'),
    /** Bumped by triggers whenever the tenant's public opportunities change; keys read caches. */
    dataVersion: integer('data_version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [oneOf('tenants_kind', t.kind, enumOf(t.kind))],
);

export const schools = sqliteTable(
  'schools',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    level: text('level', { enum: ['elementary', 'middle', 'high', 'other'] }).notNull(),
    gradeMin: integer('grade_min').notNull(),
    gradeMax: integer('grade_max').notNull(),
    address: text('address'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    lat: real('lat'),
    lng: real('lng'),
    createdAt: createdAt(),
  },
  (t) => [index('schools_tenant').on(t.tenantId), oneOf('schools_level', t.level, enumOf(t.level))],
);

export const sites = sqliteTable(
  'sites',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    publishableKey: text('publishable_key').notNull(),
    allowedOrigins: json<string[]>('allowed_origins').notNull().default(sql`'[]'`),
    schoolId: text('school_id').references(() => schools.id),
    /**
     * The page this site embeds the event calendar on (`https://…/events`), so an event's
     * JSON-LD `url` and its iCalendar link open it there (`page#event=evt_…`). Null: no calendar page.
     */
    calendarPageUrl: text('calendar_page_url'),
    /**
     * The page this site embeds `<wbl-my-wbl>` on (`https://…/my-wbl`): sign-in links and the
     * experience-survey email open it there. Null: the site has no student page.
     */
    studentPageUrl: text('student_page_url'),
    /** Only `active` keys answer; `suspended` may be resumed, `revoked` is for good. */
    status: text('status', { enum: ['active', 'suspended', 'revoked'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sites_key').on(t.publishableKey), index('sites_tenant').on(t.tenantId), oneOf('sites_status', t.status, enumOf(t.status))],
);

export const employers = sqliteTable(
  'employers',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    website: text('website'),
    description: text('description'),
    size: text('size', { enum: ['1-9', '10-49', '50-249', '250-999', '1000+'] }),
    clusters: json<string[]>('clusters').notNull().default(sql`'[]'`),
    contactName: text('contact_name'),
    contactTitle: text('contact_title'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    lat: real('lat'),
    lng: real('lng'),
    vettingStatus: text('vetting_status', { enum: ['pending', 'approved', 'suspended'] })
      .notNull()
      .default('pending'),
    liabilityAgreementOn: text('liability_agreement_on'),
    insuranceExpiresOn: text('insurance_expires_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('employers_tenant').on(t.tenantId, t.name),
    oneOf('employers_size', t.size, enumOf(t.size)),
    oneOf('employers_vetting', t.vettingStatus, enumOf(t.vettingStatus)),
  ],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'coordinator', 'supervisor', 'viewer'] }).notNull(),
    employerId: text('employer_id').references(() => employers.id),
    passwordHash: text('password_hash').notNull(),
    /** Set while the password is a temporary one an admin or coordinator handed out: it signs in only to choose a new one. */
    mustChangePassword: bool('must_change_password').notNull().default(false),
    disabled: bool('disabled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email').on(t.email), oneOf('users_role', t.role, enumOf(t.role))],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token').on(t.tokenHash), index('sessions_user').on(t.userId), index('sessions_expiry').on(t.expiresAt)],
);

/** Failed sign-ins and public writes per key, for throttling and rate limits. */
export const rateCounters = sqliteTable(
  'rate_counters',
  {
    bucket: text('bucket').notNull(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('rate_counters_window').on(t.windowStart)],
);

export const opportunities = sqliteTable(
  'opportunities',
  {
    /** Internal integer key: the FTS5 table's rowid follows it. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    employerId: text('employer_id')
      .notNull()
      .references(() => employers.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Spanish title and description; public answers in Spanish fall back to the English ones. */
    titleEs: text('title_es'),
    descriptionEs: text('description_es'),
    tasks: json<string[]>('tasks').notNull().default(sql`'[]'`),
    stage: text('stage').notNull(),
    type: text('type').notNull(),
    cluster: text('cluster').notNull(),
    onetSoc: text('onet_soc'),
    skills: json<string[]>('skills').notNull().default(sql`'[]'`),
    technicalSkills: json<string[]>('technical_skills').notNull().default(sql`'[]'`),
    compensationType: text('compensation_type', { enum: ['unpaid', 'stipend', 'hourly'] })
      .notNull()
      .default('unpaid'),
    /** Hourly wage or the whole stipend, in cents. */
    compensationCents: integer('compensation_cents'),
    mode: text('mode', { enum: ['in_person', 'virtual', 'hybrid'] }).notNull(),
    locationName: text('location_name'),
    address: text('address'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    lat: real('lat'),
    lng: real('lng'),
    transitAccessible: bool('transit_accessible').notNull().default(false),
    transitNotes: text('transit_notes'),
    gradeMin: integer('grade_min').notNull().default(9),
    gradeMax: integer('grade_max').notNull().default(12),
    minAge: integer('min_age'),
    capacity: integer('capacity').notNull().default(1),
    schedule: text('schedule'),
    /** When students take part: `after_school`, `weekdays`, `weekends`, `summer`. */
    timeSlots: json<string[]>('time_slots').notNull().default(sql`'[]'`),
    hoursPerWeek: real('hours_per_week'),
    startsOn: text('starts_on'),
    endsOn: text('ends_on'),
    applicationDeadline: text('application_deadline'),
    requiresBackgroundCheck: bool('requires_background_check').notNull().default(false),
    requiresGuardianConsent: bool('requires_guardian_consent').notNull().default(true),
    requiredDocuments: json<string[]>('required_documents').notNull().default(sql`'[]'`),
    status: text('status', { enum: ['draft', 'pending_review', 'published', 'closed', 'archived'] })
      .notNull()
      .default('draft'),
    publishedAt: text('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('opportunities_id').on(t.id),
    // The keyset-sort indexes are expression indexes, which drizzle-kit cannot render; they are
    // in the hand-written migration 0001 with the FTS table.
    index('opportunities_facets').on(t.tenantId, t.status, t.stage, t.cluster, t.type),
    index('opportunities_geo').on(t.tenantId, t.status, t.lat, t.lng),
    index('opportunities_employer').on(t.employerId),
    oneOf('opportunities_stage', t.stage, codes(STAGES)),
    oneOf('opportunities_type', t.type, codes(OPPORTUNITY_TYPES)),
    oneOf('opportunities_cluster', t.cluster, codes(CLUSTERS)),
    oneOf('opportunities_compensation', t.compensationType, enumOf(t.compensationType)),
    oneOf('opportunities_mode', t.mode, enumOf(t.mode)),
    oneOf('opportunities_status', t.status, enumOf(t.status)),
  ],
);

/** Opportunities a tenant shares with other tenants of its region. */
export const opportunityShares = sqliteTable(
  'opportunity_shares',
  {
    opportunitySeq: integer('opportunity_seq')
      .notNull()
      .references(() => opportunities.seq, { onDelete: 'cascade' }),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.opportunitySeq] })],
);

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    schoolId: text('school_id').references(() => schools.id),
    employerId: text('employer_id').references(() => employers.id),
    type: text('type').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    allDay: bool('all_day').notNull().default(false),
    timeZone: text('time_zone').notNull(),
    locationName: text('location_name'),
    address: text('address'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    lat: real('lat'),
    lng: real('lng'),
    virtualUrl: text('virtual_url'),
    accessibilityNotes: text('accessibility_notes'),
    /** Spanish title, description and accessibility notes; Spanish answers fall back to the English ones. */
    titleEs: text('title_es'),
    descriptionEs: text('description_es'),
    accessibilityNotesEs: text('accessibility_notes_es'),
    /** Interpretation the event offers, asked for on its RSVP form: any of `INTERPRETATION`. */
    interpretation: json<Interpretation[]>('interpretation').notNull().default(sql`'[]'`),
    audiences: json<string[]>('audiences').notNull().default(sql`'[]'`),
    gradeMin: integer('grade_min'),
    gradeMax: integer('grade_max'),
    clusters: json<string[]>('clusters').notNull().default(sql`'[]'`),
    capacity: integer('capacity'),
    registrationRequired: bool('registration_required').notNull().default(false),
    status: text('status', { enum: ['scheduled', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    sequence: integer('sequence').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('events_range').on(t.tenantId, t.startsAt),
    oneOf('events_type', t.type, codes(EVENT_TYPES)),
    oneOf('events_status', t.status, enumOf(t.status)),
  ],
);

export const rsvps = sqliteTable(
  'rsvps',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: ['student', 'family', 'educator'] }).notNull(),
    partySize: integer('party_size').notNull().default(1),
    grade: integer('grade'),
    /** The language the family used: their messages and calendar files are in it. */
    lang: text('lang', { enum: LANGS }).notNull().default('en'),
    /** Interpretation the party needs (one the event offers), and what, for `other`. */
    interpretation: text('interpretation', { enum: INTERPRETATION }),
    interpretationOther: text('interpretation_other'),
    status: text('status', { enum: ['confirmed', 'waitlisted', 'cancelled'] }).notNull(),
    /** The roster student this reservation is theirs (a student RSVP from their roster address, or one made signed in). Never shown publicly. */
    studentId: text('student_id').references(() => students.id, { onDelete: 'set null' }),
    cancelTokenHash: text('cancel_token_hash').notNull(),
    /** Hash of the short code a family can type in to manage the reservation (the link's token is too long to type). */
    manageCodeHash: text('manage_code_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('rsvps_event').on(t.eventId, t.status, t.createdAt),
    uniqueIndex('rsvps_cancel').on(t.cancelTokenHash),
    index('rsvps_student').on(t.tenantId, t.studentId),
    uniqueIndex('rsvps_manage_code').on(t.manageCodeHash),
    oneOf('rsvps_role', t.role, enumOf(t.role)),
    oneOf('rsvps_lang', t.lang, enumOf(t.lang)),
    oneOf('rsvps_interpretation', t.interpretation, enumOf(t.interpretation)),
    oneOf('rsvps_status', t.status, enumOf(t.status)),
  ],
);

export const hostOffers = sqliteTable(
  'host_offers',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    siteId: text('site_id').references(() => sites.id),
    reference: text('reference').notNull(),
    /** The employer's submission as validated by the shared schema. */
    payload: json<Record<string, unknown>>('payload').notNull(),
    termsVersion: text('terms_version'),
    /** The language the employer filled the form in: replies are in it. */
    lang: text('lang', { enum: LANGS }).notNull().default('en'),
    status: text('status', { enum: ['pending', 'approved', 'returned', 'declined'] })
      .notNull()
      .default('pending'),
    reviewMessage: text('review_message'),
    employerId: text('employer_id').references(() => employers.id),
    opportunityId: text('opportunity_id'),
    reviewedBy: text('reviewed_by').references(() => users.id),
    reviewedAt: text('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('host_offers_queue').on(t.tenantId, t.status, t.createdAt),
    uniqueIndex('host_offers_reference').on(t.reference),
    oneOf('host_offers_status', t.status, enumOf(t.status)),
    oneOf('host_offers_lang', t.lang, enumOf(t.lang)),
  ],
);

export const students = sqliteTable(
  'students',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    schoolId: text('school_id').references(() => schools.id),
    studentNumber: text('student_number').notNull(),
    preferredName: text('preferred_name').notNull(),
    grade: integer('grade').notNull(),
    birthYear: integer('birth_year'),
    under13: bool('under_13').notNull().default(false),
    guardianName: text('guardian_name'),
    guardianEmail: text('guardian_email'),
    email: text('email'),
    studentGroups: json<string[]>('student_groups').notNull().default(sql`'[]'`),
    concentrator: bool('concentrator').notNull().default(false),
    /** Hash of the school-issued access code students apply with; the code itself is never stored. */
    accessCodeHash: text('access_code_hash'),
    showNameOnBadges: bool('show_name_on_badges').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('students_number').on(t.tenantId, t.studentNumber), index('students_school').on(t.tenantId, t.schoolId)],
);

export const applications = sqliteTable(
  'applications',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    reference: text('reference').notNull(),
    studentId: text('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    opportunityId: text('opportunity_id')
      .notNull()
      .references(() => opportunities.id),
    status: text('status', {
      enum: ['submitted', 'under_review', 'offered', 'accepted', 'confirmed', 'active', 'completed', 'declined', 'withdrawn', 'cancelled'],
    })
      .notNull()
      .default('submitted'),
    statement: text('statement'),
    availability: text('availability'),
    transportation: text('transportation', { enum: ['own', 'public_transit', 'needs_help'] }),
    accommodations: text('accommodations'),
    guardianName: text('guardian_name'),
    guardianEmail: text('guardian_email'),
    consents: json<Record<string, boolean>>('consents').notNull().default(sql`'{}'`),
    /** The language the student applied in: the student's messages are in it unless their preferences say otherwise. */
    lang: text('lang', { enum: LANGS }).notNull().default('en'),
    supervisorUserId: text('supervisor_user_id').references(() => users.id),
    /**
     * The workplace supervisor named on the placement when they have no staff account (an
     * employer contact): their links and digests go to this address. With an account,
     * `supervisor_user_id` wins.
     */
    supervisorName: text('supervisor_name'),
    supervisorEmail: text('supervisor_email'),
    startedOn: text('started_on'),
    completedOn: text('completed_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('applications_once').on(t.studentId, t.opportunityId),
    uniqueIndex('applications_reference').on(t.reference),
    index('applications_pipeline').on(t.tenantId, t.status, t.createdAt),
    index('applications_opportunity').on(t.opportunityId),
    oneOf('applications_status', t.status, enumOf(t.status)),
    oneOf('applications_transportation', t.transportation, enumOf(t.transportation)),
    oneOf('applications_lang', t.lang, enumOf(t.lang)),
  ],
);

/**
 * Every move of an application through the pipeline, with who made it and an optional note,
 * so the console can show a placement's history without reading the audit log.
 */
export const applicationEvents = sqliteTable(
  'application_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    actorUserId: text('actor_user_id').references(() => users.id),
    at: text('at').notNull().default(now),
  },
  (t) => [
    index('application_events_application').on(t.applicationId, t.at),
    oneOf('application_events_from', t.fromStatus, enumOf(applications.status)),
    oneOf('application_events_to', t.toStatus, enumOf(applications.status)),
  ],
);

export const agreementTexts = sqliteTable(
  'agreement_texts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: ['training_agreement', 'host_terms'] }).notNull(),
    version: text('version').notNull(),
    /** Each version exists per language; a signer reads it in theirs (English where no translation is stored). */
    lang: text('lang', { enum: LANGS }).notNull().default('en'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('agreement_texts_version').on(t.tenantId, t.kind, t.version, t.lang),
    oneOf('agreement_texts_kind', t.kind, enumOf(t.kind)),
    oneOf('agreement_texts_lang', t.lang, enumOf(t.lang)),
  ],
);

export const agreements = sqliteTable(
  'agreements',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['student', 'guardian', 'supervisor', 'coordinator'] }).notNull(),
    textVersion: text('text_version').notNull(),
    /** The language of the text the signer was shown when they signed. */
    textLang: text('text_lang', { enum: LANGS }),
    signTokenHash: text('sign_token_hash'),
    /** The address this role's signing link was last sent to (the roster's, never one typed into a public form). */
    sentTo: text('sent_to'),
    /** For a staff signature, the user who signed (a coordinator in the console, a supervisor with an account). */
    signedByUserId: text('signed_by_user_id').references(() => users.id),
    signerName: text('signer_name'),
    signedAt: text('signed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('agreements_role').on(t.applicationId, t.role),
    uniqueIndex('agreements_token').on(t.signTokenHash),
    oneOf('agreements_role_check', t.role, enumOf(t.role)),
    oneOf('agreements_text_lang', t.textLang, enumOf(t.textLang)),
  ],
);

export const hourLogs = sqliteTable(
  'hour_logs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    workedOn: text('worked_on').notNull(),
    hours: real('hours').notNull(),
    activity: text('activity').notNull(),
    loggedBy: text('logged_by', { enum: ['student', 'supervisor', 'coordinator'] }).notNull(),
    approvedBy: text('approved_by').references(() => users.id),
    approvedAt: text('approved_at'),
    /** Who approved or returned the entry by name, when it was a supervisor acting through a link (no account). */
    reviewerName: text('reviewer_name'),
    /** Sent back to the student with a note instead of approved; a corrected entry replaces it. */
    returnedAt: text('returned_at'),
    returnNote: text('return_note'),
    createdAt: createdAt(),
  },
  (t) => [index('hour_logs_application').on(t.applicationId, t.workedOn), oneOf('hour_logs_logged_by', t.loggedBy, enumOf(t.loggedBy))],
);

export const evaluations = sqliteTable(
  'evaluations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    phase: text('phase', { enum: ['midpoint', 'final'] }).notNull(),
    /** `{ skill, level (1–4), comment }` per named skill. */
    ratings: json<{ skill: string; level: number; comment?: string }[]>('ratings').notNull(),
    comments: text('comments'),
    evaluatorUserId: text('evaluator_user_id').references(() => users.id),
    /** The evaluator's name when a supervisor filled it in through a link (no account). */
    evaluatorName: text('evaluator_name'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('evaluations_phase').on(t.applicationId, t.phase), oneOf('evaluations_phase_check', t.phase, enumOf(t.phase))],
);

export const achievements = sqliteTable(
  'achievements',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    description: text('description').notNull(),
    criteria: text('criteria').notNull(),
    image: text('image'),
    achievementType: text('achievement_type').notNull().default('Competency'),
    skills: json<string[]>('skills').notNull().default(sql`'[]'`),
    cluster: text('cluster'),
    onetSoc: text('onet_soc'),
    /** The O*NET occupation's title, the name of the credential's occupation alignment. */
    onetTitle: text('onet_title'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('achievements_tenant').on(t.tenantId)],
);

export const issuerKeys = sqliteTable(
  'issuer_keys',
  {
    kid: text('kid').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    publicJwk: json<Record<string, unknown>>('public_jwk').notNull(),
    /** The private JWK encrypted with the Worker's secret (AES-GCM), never stored in the clear. */
    privateJwkEncrypted: text('private_jwk_encrypted').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('issuer_keys_tenant').on(t.tenantId)],
);

export const credentials = sqliteTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id),
    applicationId: text('application_id').references(() => applications.id, { onDelete: 'set null' }),
    studentId: text('student_id').references(() => students.id, { onDelete: 'set null' }),
    statusListIndex: integer('status_list_index').notNull(),
    jwt: text('jwt').notNull(),
    credential: json<Record<string, unknown>>('credential').notNull(),
    issuedAt: text('issued_at').notNull(),
    revokedAt: text('revoked_at'),
    revocationReason: text('revocation_reason'),
  },
  (t) => [
    uniqueIndex('credentials_status_index').on(t.tenantId, t.statusListIndex),
    // One credential per achievement and placement: a retried or concurrent issue finds the first.
    uniqueIndex('credentials_once').on(t.achievementId, t.applicationId),
    index('credentials_student').on(t.studentId),
  ],
);

/** Messages that would have been emailed; there is no mail server. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    recipient: text('recipient').notNull(),
    /** Which message of the catalogue (`worker/mail/catalogue`) this is; decides its footer and unsubscribe. */
    kind: text('kind').notNull().default('message'),
    /** The language it was written in, the recipient's. */
    lang: text('lang', { enum: LANGS }).notNull().default('en'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** What delivery needs beyond the text: an event's calendar file, links to show as buttons. */
    data: json<Record<string, unknown>>('data'),
    /** Reply-To: the coordinator who acted, or the district's reply address. */
    replyTo: text('reply_to'),
    /**
     * Reminders and digests carry `kind:subject:period`, unique per tenant, so a job that runs
     * twice in a period writes nothing the second time.
     */
    dedupeKey: text('dedupe_key'),
    /** `queued` → `sending` (claimed, until `lease_until`) → `sent`; on failure `retrying` until `failed`; `suppressed` when the recipient opted out. */
    status: text('status', { enum: ['queued', 'sending', 'sent', 'retrying', 'failed', 'suppressed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    enqueuedAt: text('enqueued_at'),
    nextAttemptAt: text('next_attempt_at'),
    leaseUntil: text('lease_until'),
    lastError: text('last_error'),
    /** The Message-ID the mail went out with. */
    messageId: text('message_id'),
    sentAt: text('sent_at'),
    /**
     * A one-time link the body refers to (as `{link}`), sealed with AES-GCM under the Worker's
     * APP_SECRET: a waiting message never holds a usable secret in the clear.
     */
    sealedLink: text('sealed_link'),
    relatedId: text('related_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_tenant').on(t.tenantId, t.createdAt),
    index('outbox_delivery').on(t.status, t.nextAttemptAt),
    uniqueIndex('outbox_dedupe').on(t.tenantId, t.dedupeKey),
    oneOf('outbox_lang', t.lang, enumOf(t.lang)),
    oneOf('outbox_status', t.status, enumOf(t.status)),
  ],
);

/**
 * What a person wants to receive, by address within a district: set from the preferences page
 * every message links to, and by one-click unsubscribe (RFC 8058), neither needing an account.
 * No row: everything, in the language of the message's cause.
 */
export const mailPreferences = sqliteTable(
  'mail_preferences',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Lower-cased. */
    email: text('email').notNull(),
    lang: text('lang', { enum: LANGS }),
    /** Notices others' actions cause (a status change, a signature request, a badge). */
    notices: bool('notices').notNull().default(true),
    reminders: bool('reminders').notNull().default(true),
    digests: bool('digests').notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.email] }), oneOf('mail_preferences_lang', t.lang, enumOf(t.lang))],
);

/** A public write's first answer, keyed per site by the client's Idempotency-Key. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    siteId: text('site_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: text('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.key] }), index('idempotency_keys_age').on(t.createdAt)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id').notNull(),
    /**
     * `user` a staff member, `signer` a person acting through a link sent to them (actor id: the
     * agreement), `site` a public form, `system` a scheduled job, `student` / `guardian` a person
     * signed in to their own record (actor id: the student, or the guardian's address),
     * `supervisor` a supervisor acting through their link (actor id: the link; detail.name).
     */
    actorType: text('actor_type', { enum: ['user', 'site', 'signer', 'system', 'student', 'guardian', 'supervisor'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    detail: json<Record<string, unknown>>('detail'),
    at: text('at').notNull().default(now),
  },
  (t) => [
    index('audit_tenant').on(t.tenantId, t.at),
    index('audit_entity').on(t.entity, t.entityId),
    oneOf('audit_actor_type', t.actorType, enumOf(t.actorType)),
  ],
);

/**
 * A student's or guardian's bearer session on their own record (`/api/v1/me`): shorter than a
 * staff session, only its token's hash stored. A student session names the student; a guardian
 * session names the address, and reaches the roster students whose guardian it is.
 */
export const personSessions = sqliteTable(
  'person_sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: ['student', 'guardian'] }).notNull(),
    studentId: text('student_id').references(() => students.id, { onDelete: 'cascade' }),
    /** Lower-cased: the guardian's roster address (or the student's, for a link sign-in). */
    email: text('email'),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('person_sessions_token').on(t.tokenHash),
    index('person_sessions_student').on(t.studentId),
    index('person_sessions_expiry').on(t.expiresAt),
    oneOf('person_sessions_kind', t.kind, enumOf(t.kind)),
  ],
);

/** An emailed sign-in link for a student or guardian: single use, short-lived, only its hash stored. */
export const signInLinks = sqliteTable(
  'sign_in_links',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Lower-cased roster address the link went to. */
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sign_in_links_token').on(t.tokenHash), index('sign_in_links_email').on(t.tenantId, t.email, t.createdAt)],
);

/**
 * A supervisor's link to their placements without an account: scoped to the placements whose
 * supervisor address is `email`, expiring, only its hash stored; every act through it is
 * audited with `name`.
 */
export const supervisorLinks = sqliteTable(
  'supervisor_links',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Lower-cased. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: text('expires_at').notNull(),
    lastUsedAt: text('last_used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('supervisor_links_token').on(t.tokenHash), index('supervisor_links_email').on(t.tenantId, t.email)],
);

/**
 * A student's reflections on a placement: one per placement week (`period` the week's Monday,
 * `YYYY-MM-DD`) and one closing reflection (`period` = `closing`: what they learned, which
 * skills, whether they would recommend it). The coordinator reads them.
 */
export const reflections = sqliteTable(
  'reflections',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    body: text('body').notNull(),
    /** Closing only: the skills the student says they gained, from the opportunity's list or their own words. */
    skills: json<string[]>('skills').notNull().default(sql`'[]'`),
    wouldRecommend: bool('would_recommend'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('reflections_period').on(t.applicationId, t.period), index('reflections_tenant').on(t.tenantId, t.updatedAt)],
);

/**
 * The short experience survey a student answers once a placement ends, each on a 1–4 scale
 * (1 no, 4 yes, very much): the district monitors quality per employer with it.
 */
export const experienceSurveys = sqliteTable(
  'experience_surveys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    applicationId: text('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    meaningful: integer('meaningful').notNull(),
    feltSafe: integer('felt_safe').notNull(),
    wouldRecommend: integer('would_recommend').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('experience_surveys_once').on(t.applicationId),
    index('experience_surveys_tenant').on(t.tenantId, t.createdAt),
    check('experience_surveys_scale', sql`meaningful BETWEEN 1 AND 4 AND felt_safe BETWEEN 1 AND 4 AND would_recommend BETWEEN 1 AND 4`),
  ],
);

/**
 * Who came to an event: a reservation checked in (by its code or by name), or a walk-in
 * (a student by student number, or a named guest). A student's attendance is a
 * career-awareness experience on their record and in the participation reports.
 */
export const attendance = sqliteTable(
  'attendance',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    rsvpId: text('rsvp_id').references(() => rsvps.id, { onDelete: 'set null' }),
    studentId: text('student_id').references(() => students.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** How many people of the party came in. */
    people: integer('people').notNull().default(1),
    walkIn: bool('walk_in').notNull().default(false),
    checkedInBy: text('checked_in_by').references(() => users.id),
    checkedInAt: text('checked_in_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('attendance_rsvp').on(t.rsvpId),
    uniqueIndex('attendance_student').on(t.eventId, t.studentId),
    index('attendance_event').on(t.eventId, t.checkedInAt),
    index('attendance_student_record').on(t.tenantId, t.studentId),
  ],
);
