/**
 * The roster contract for the coordinator console: students, CSV import, access codes,
 * export. Written with `zod/mini` so the console's forms validate with the Worker's own
 * schemas and stay small. Students hold the least data DESIGN.md §2 allows; none of these
 * shapes is ever answered by a public route.
 */
import * as z from 'zod/mini';
import { APPLICATION_STATUSES, STUDENT_GROUP_CODES } from '../../vocab.js';
import { email, int, text } from '../fields.js';
import { idOf, queryCursor, queryInt, queryLimit, single } from './student-fields.js';

const THIS_YEAR = new Date().getUTCFullYear();

/** The number on the student's school ID; the same rule the public application form uses. */
export const StudentNumber = z
  .string({ error: 'Enter the student number' })
  .check(z.trim(), z.regex(/^[A-Za-z0-9-]{3,20}$/, 'Use the 3–20 letters, digits or dashes of the school-issued student number'));

const nullableText = (max: number) => z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(max, `Keep this under ${max} characters`))));
const nullableEmail = (message: string) => z.optional(z.nullable(email(message)));

/** Everything a coordinator may set on a student. Strict: a `tenantId` (or any unknown key) is refused. */
export const StudentCreate = z.strictObject({
  studentNumber: StudentNumber,
  preferredName: text(80, 'Enter the name the student goes by'),
  grade: int(6, 12, 'Choose a grade from 6 to 12'),
  schoolId: z.optional(z.nullable(idOf('sch', 'Choose a school from the list'))),
  /** The year of birth only (least data); with it the server knows who needs a guardian's signature. */
  birthYear: z.optional(z.nullable(int(THIS_YEAR - 30, THIS_YEAR - 8, `Enter a year of birth between ${THIS_YEAR - 30} and ${THIS_YEAR - 8}`))),
  /** For students whose year of birth is not kept: under 13 (COPPA). */
  under13: z.optional(z.boolean()),
  guardianName: nullableText(120),
  guardianEmail: nullableEmail('Enter the parent or guardian’s email, like name@example.com'),
  email: nullableEmail('Enter the student’s email, like name@example.com'),
  /** Special-population codes for equity reporting (Perkins V). */
  studentGroups: z.optional(z.array(z.enum(STUDENT_GROUP_CODES, { error: 'Choose groups from the list' })).check(z.maxLength(8, 'Choose at most 8 groups'))),
  /** A CTE concentrator, counted in the Perkins V 5S3 share. */
  concentrator: z.optional(z.boolean()),
  /** The student chose to show their preferred name on badges they share. */
  showNameOnBadges: z.optional(z.boolean()),
});
StudentCreate.register(z.globalRegistry, {
  description: 'A student on the roster. The tenant comes from the session, never from the body.',
  example: {
    studentNumber: '104512',
    preferredName: 'Camila',
    grade: 11,
    schoolId: 'sch_riv_riverside_high',
    birthYear: THIS_YEAR - 16,
    guardianName: 'Ana Torres',
    guardianEmail: 'ana.torres@example.com',
    studentGroups: ['english_learner'],
    concentrator: true,
  },
});
export type StudentCreate = z.input<typeof StudentCreate>;

/** A partial update: only the keys sent change; `null` clears an optional field. */
export const StudentUpdate = z.partial(StudentCreate).check(z.refine((v) => Object.keys(v).length > 0, 'Send at least one field to change'));
StudentUpdate.register(z.globalRegistry, {
  description: 'Change some of a student’s fields.',
  example: { grade: 12, concentrator: true },
});
export type StudentUpdate = z.input<typeof StudentUpdate>;

export const StudentListQuery = z.strictObject({
  /** A school id. */
  school: z.optional(single(idOf('sch', 'Choose a school from the list'))),
  grade: queryInt(6, 12, 'Choose a grade from 6 to 12'),
  /** Matches the start of a preferred name or a student number. */
  q: z.optional(single(z.string().check(z.trim(), z.maxLength(80, 'Keep the search under 80 characters')))),
  cursor: queryCursor,
  limit: queryLimit,
});
export type StudentListQuery = z.output<typeof StudentListQuery>;

const SchoolRef = z.nullable(z.object({ id: z.string(), name: z.string() }));

export const StudentListItem = z.object({
  id: z.string(),
  studentNumber: z.string(),
  preferredName: z.string(),
  grade: z.number(),
  school: SchoolRef,
  /** Under 18 as far as the server can tell (no year of birth counts as a minor). */
  minor: z.boolean(),
  studentGroups: z.array(z.string()),
  concentrator: z.boolean(),
  hasAccessCode: z.boolean(),
  applications: z.number(),
});
export type StudentListItem = z.infer<typeof StudentListItem>;

export const StudentList = z.object({ items: z.array(StudentListItem), nextCursor: z.nullable(z.string()) });
export type StudentList = z.infer<typeof StudentList>;

export const StudentApplicationRef = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  opportunity: z.object({ id: z.string(), title: z.string(), employerName: z.string() }),
  createdAt: z.string(),
  startedOn: z.nullable(z.string()),
  completedOn: z.nullable(z.string()),
});

export const StudentDetail = z.object({
  id: z.string(),
  studentNumber: z.string(),
  preferredName: z.string(),
  grade: z.number(),
  school: SchoolRef,
  birthYear: z.nullable(z.number()),
  under13: z.boolean(),
  minor: z.boolean(),
  guardianName: z.nullable(z.string()),
  guardianEmail: z.nullable(z.string()),
  email: z.nullable(z.string()),
  studentGroups: z.array(z.string()),
  concentrator: z.boolean(),
  showNameOnBadges: z.boolean(),
  hasAccessCode: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  applications: z.array(StudentApplicationRef),
});
export type StudentDetail = z.infer<typeof StudentDetail>;

// ---------------------------------------------------------------------------------------------
// CSV roster import

/**
 * The columns of a roster CSV, in the order the template lists them. `student_number`,
 * `preferred_name` and `grade` are required; a column left out of the header is left
 * unchanged on students who are already on the roster; an empty cell clears an optional value.
 * - `school`: the school's id (`sch_…`) or its name as the district lists it.
 * - `student_groups`: codes or common short forms separated by semicolons (`ell; frl; swd; foster`).
 * - `concentrator`, `under_13`: yes/no, true/false, 1/0 or x.
 * A tab-separated file (pasted from a spreadsheet) works as well as a comma-separated one.
 */
export const STUDENT_CSV_COLUMNS = [
  'student_number',
  'preferred_name',
  'grade',
  'school',
  'birth_year',
  'under_13',
  'guardian_name',
  'guardian_email',
  'email',
  'student_groups',
  'concentrator',
] as const;
export type StudentCsvColumn = (typeof STUDENT_CSV_COLUMNS)[number];
export const STUDENT_CSV_REQUIRED: readonly StudentCsvColumn[] = ['student_number', 'preferred_name', 'grade'];

/** Short forms coordinators' spreadsheets use for the student-group codes. */
export const STUDENT_GROUP_ALIASES: Readonly<Record<string, (typeof STUDENT_GROUP_CODES)[number]>> = {
  ell: 'english_learner',
  el: 'english_learner',
  lep: 'english_learner',
  english_learner: 'english_learner',
  swd: 'students_with_disabilities',
  iep: 'students_with_disabilities',
  sped: 'students_with_disabilities',
  frl: 'economically_disadvantaged',
  frpl: 'economically_disadvantaged',
  ed: 'economically_disadvantaged',
  low_income: 'economically_disadvantaged',
  foster: 'foster_care',
  homeless: 'homeless',
  mckinney_vento: 'homeless',
  military: 'military_family',
  single_parent: 'single_parent',
  nontrad: 'nontraditional',
  non_traditional: 'nontraditional',
};

/** At most this many rows per import: about what fits in the API's 64 KB body limit. */
export const STUDENT_IMPORT_MAX_ROWS = 1000;

export const StudentImportRequest = z.strictObject({
  /** The CSV text, header row first. */
  csv: z
    .string({ error: 'Paste or upload the roster CSV' })
    .check(z.minLength(1, 'Paste or upload the roster CSV'), z.maxLength(60_000, 'Import at most 60 KB at a time; split the roster by school or grade')),
  /** `true` previews and writes nothing; `false` writes every row, or nothing when any row has an error. */
  dryRun: z.boolean({ error: 'Say whether this is a preview (dryRun: true) or the import itself (dryRun: false)' }),
});
StudentImportRequest.register(z.globalRegistry, {
  description: 'A roster CSV to preview (dryRun: true) or import (dryRun: false).',
  example: {
    csv:
      'student_number,preferred_name,grade,school,birth_year,guardian_name,guardian_email,email,student_groups,concentrator\n' +
      `104877,Priya,10,Riverside High School,${THIS_YEAR - 15},Anil Shah,anil.shah@example.com,,ell;frl,no\n`,
    dryRun: true,
  },
});
export type StudentImportRequest = z.input<typeof StudentImportRequest>;

export const ImportFieldError = z.object({ field: z.string(), message: z.string() });

export const StudentImportRow = z.object({
  /** The row's number as a spreadsheet shows it: the header is row 1. */
  line: z.number(),
  status: z.enum(['create', 'update', 'error']),
  errors: z.array(ImportFieldError),
  /** What the row would write (the fields that parsed), and the existing student's id for an update. */
  student: z.object({
    id: z.nullable(z.string()),
    studentNumber: z.nullable(z.string()),
    preferredName: z.nullable(z.string()),
    grade: z.nullable(z.number()),
    schoolId: z.nullable(z.string()),
    birthYear: z.nullable(z.number()),
    studentGroups: z.nullable(z.array(z.string())),
    concentrator: z.nullable(z.boolean()),
  }),
});
export type StudentImportRow = z.infer<typeof StudentImportRow>;

export const StudentImportResult = z.object({
  dryRun: z.boolean(),
  /** True only when the rows were written. */
  written: z.boolean(),
  columns: z.array(z.string()),
  rows: z.array(StudentImportRow),
  summary: z.object({ rows: z.number(), create: z.number(), update: z.number(), error: z.number() }),
});
export type StudentImportResult = z.infer<typeof StudentImportResult>;

// ---------------------------------------------------------------------------------------------
// Access codes

export const AccessCodesRequest = z.strictObject({
  studentIds: z
    .array(idOf('stu', 'Choose students from the roster'), { error: 'Choose students from the roster' })
    .check(z.minLength(1, 'Choose at least one student'), z.maxLength(100, 'Print codes for at most 100 students at a time')),
});
AccessCodesRequest.register(z.globalRegistry, {
  description: 'Students who get a fresh access code; any earlier code of theirs stops working.',
  example: { studentIds: ['stu_riv_maya'] },
});
export type AccessCodesRequest = z.input<typeof AccessCodesRequest>;

export const AccessCodeSlip = z.object({
  studentId: z.string(),
  studentNumber: z.string(),
  preferredName: z.string(),
  grade: z.number(),
  schoolName: z.nullable(z.string()),
  /** Shown this once; only a hash is stored. */
  accessCode: z.string(),
});
export type AccessCodeSlip = z.infer<typeof AccessCodeSlip>;

export const AccessCodesResponse = z.object({
  generatedAt: z.string(),
  /** Sorted by school, grade and name, ready to print and cut into slips. */
  items: z.array(AccessCodeSlip),
});
export type AccessCodesResponse = z.infer<typeof AccessCodesResponse>;

// ---------------------------------------------------------------------------------------------
// Export and delete

const Row = z.record(z.string(), z.unknown());

/** Everything stored about one student, as rows with camelCase keys (secrets' hashes left out). */
export const StudentExport = z.object({
  exportedAt: z.string(),
  student: Row,
  applications: z.array(Row),
  applicationEvents: z.array(Row),
  agreements: z.array(Row),
  hourLogs: z.array(Row),
  evaluations: z.array(Row),
  credentials: z.array(Row),
  messages: z.array(Row),
  reflections: z.array(Row),
  experienceSurveys: z.array(Row),
  /** Reservations linked to the student (without their cancel and manage secrets' hashes). */
  rsvps: z.array(Row),
  attendance: z.array(Row),
  /** The student's own sign-ins: when each began, was last used and ends; never a token or its hash. */
  personSessions: z.array(Row),
  audit: z.array(Row),
});
export type StudentExport = z.infer<typeof StudentExport>;

export const StudentDeleted = z.object({
  id: z.string(),
  deleted: z.object({
    applications: z.number(),
    agreements: z.number(),
    hourLogs: z.number(),
    evaluations: z.number(),
    reflections: z.number(),
    experienceSurveys: z.number(),
    attendance: z.number(),
    personSessions: z.number(),
    rsvpsUnlinked: z.number(),
    messages: z.number(),
    credentialsUnlinked: z.number(),
  }),
});
export type StudentDeleted = z.infer<typeof StudentDeleted>;
