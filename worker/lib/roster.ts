/**
 * Roster helpers: who counts as a minor, access codes, and reading a roster CSV into rows
 * the shared `StudentCreate` schema validates. Pure functions, unit-testable.
 */
import Papa from 'papaparse';
import { safeParse } from 'zod/v4/core';
import {
  STUDENT_CSV_COLUMNS,
  STUDENT_CSV_REQUIRED,
  STUDENT_GROUP_ALIASES,
  STUDENT_IMPORT_MAX_ROWS,
  StudentCreate,
  type StudentCsvColumn,
} from '../../schema/api/admin/students.js';
import { NO, YES } from '../../schema/api/admin/student-fields.js';
import { STUDENT_GROUP_CODES } from '../../schema/vocab.js';

/**
 * Under 18 as far as the year of birth can tell. Without a year, or when the student may
 * still be 17 (born 18 years before this year), they are treated as a minor — the same rule
 * the public application route applies, so a guardian is never skipped by mistake.
 */
export function isMinor(row: { birthYear: number | null; under13: boolean }, today: string): boolean {
  if (row.under13 || row.birthYear === null) return true;
  return Number(today.slice(0, 4)) - row.birthYear < 19;
}

/** The recognisable part of an access code: the district's first word (`RIVER` for Riverside). */
export function accessCodePrefix(tenantName: string): string {
  const word =
    tenantName
      .toUpperCase()
      .replace(/[^A-Z ]/g, '')
      .trim()
      .split(/\s+/)[0] ?? '';
  return word.slice(0, 5) || 'WBL';
}

/**
 * `RIVER-4827-3952`: eight digits from 2–9, so nothing reads as a letter (no 0/O, 1/I/L) and
 * case never matters. 8⁸ ≈ 16.7 million codes per student number; with the public route's
 * throttle (10 wrong tries per student per 15 minutes) guessing one takes centuries.
 */
export function newAccessCode(prefix: string): string {
  const digits: string[] = [];
  for (const b of crypto.getRandomValues(new Uint8Array(8))) digits.push(String((b & 7) + 2));
  return `${prefix}-${digits.slice(0, 4).join('')}-${digits.slice(4).join('')}`;
}

// ---------------------------------------------------------------------------------------------
// Roster CSV

export interface RosterSchool {
  id: string;
  name: string;
  gradeMin: number;
  gradeMax: number;
}

/** Header spellings seen in districts' exports, mapped to our columns. */
const HEADER_ALIASES: Record<string, StudentCsvColumn> = {
  student_no: 'student_number',
  student_num: 'student_number',
  number: 'student_number',
  student_number: 'student_number',
  name: 'preferred_name',
  preferred: 'preferred_name',
  preferred_name: 'preferred_name',
  school_id: 'school',
  school_name: 'school',
  school: 'school',
  groups: 'student_groups',
  student_group: 'student_groups',
  student_groups: 'student_groups',
  year_of_birth: 'birth_year',
  birth_year: 'birth_year',
  under13: 'under_13',
  under_13: 'under_13',
  parent_name: 'guardian_name',
  parent_email: 'guardian_email',
  guardian_name: 'guardian_name',
  guardian_email: 'guardian_email',
  student_email: 'email',
  email: 'email',
  grade_level: 'grade',
  grade: 'grade',
  cte_concentrator: 'concentrator',
  concentrator: 'concentrator',
};

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');

/** CSV column → StudentCreate key. */
export const FIELD_OF_COLUMN: Record<StudentCsvColumn, keyof StudentCreate> = {
  student_number: 'studentNumber',
  preferred_name: 'preferredName',
  grade: 'grade',
  school: 'schoolId',
  birth_year: 'birthYear',
  under_13: 'under13',
  guardian_name: 'guardianName',
  guardian_email: 'guardianEmail',
  email: 'email',
  student_groups: 'studentGroups',
  concentrator: 'concentrator',
};
const COLUMN_OF = Object.fromEntries(Object.entries(FIELD_OF_COLUMN).map(([col, field]) => [field, col])) as Record<string, StudentCsvColumn>;

export interface RosterFieldError {
  field: string;
  message: string;
}
export interface ParsedRosterRow {
  line: number;
  errors: RosterFieldError[];
  /** The values as `StudentCreate` would take them; only the columns the file has. */
  input: Partial<Record<keyof StudentCreate, unknown>>;
  /** Set when the row validated. */
  valid: StudentCreate | null;
}
export interface ParsedRoster {
  columns: StudentCsvColumn[];
  ignoredColumns: string[];
  rows: ParsedRosterRow[];
  /** Problems with the file as a whole (no header, a required column missing, too many rows). */
  fileErrors: RosterFieldError[];
}

function yesNo(raw: string): boolean | string {
  const v = raw.trim().toLowerCase();
  if (YES.includes(v)) return true;
  if (NO.includes(v)) return false;
  return raw;
}

/**
 * Reads a roster CSV. Row numbers are the spreadsheet's (the header is row 1), counting blank
 * rows, so "row 14" in the preview is row 14 in the coordinator's spreadsheet. Every field is
 * checked by the same `StudentCreate` schema the console's form uses.
 */
export function parseRosterCsv(csv: string, schools: RosterSchool[]): ParsedRoster {
  const text = csv.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // A roster pasted from a spreadsheet is tab-separated; otherwise commas, so the semicolons
  // inside student_groups are never mistaken for the delimiter.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const parsed = Papa.parse(text, { delimiter, skipEmptyLines: false });
  const records = parsed.data;
  const out: ParsedRoster = { columns: [], ignoredColumns: [], rows: [], fileErrors: [] };
  const header = records[0];
  if (!header || header.every((h) => !h.trim())) {
    out.fileErrors.push({ field: 'csv', message: `Start with a header row: ${STUDENT_CSV_COLUMNS.join(', ')}` });
    return out;
  }
  const columnAt: (StudentCsvColumn | null)[] = header.map((h) => {
    const name = normaliseHeader(h);
    const column = HEADER_ALIASES[name] ?? null;
    if (!column && h.trim()) out.ignoredColumns.push(h.trim());
    return column;
  });
  const seen = new Set<StudentCsvColumn>();
  columnAt.forEach((c, i) => {
    if (!c) return;
    if (seen.has(c)) {
      out.fileErrors.push({ field: 'csv', message: `The column ${c} appears twice (column ${i + 1}); keep one` });
      columnAt[i] = null;
    }
    seen.add(c);
  });
  out.columns = STUDENT_CSV_COLUMNS.filter((c) => seen.has(c));
  const missing = STUDENT_CSV_REQUIRED.filter((c) => !seen.has(c));
  if (missing.length) out.fileErrors.push({ field: 'csv', message: `The header needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });

  const rowErrors = new Map<number, string[]>();
  for (const e of parsed.errors) {
    if (e.row === undefined) continue;
    rowErrors.set(e.row, [...(rowErrors.get(e.row) ?? []), e.code === 'MissingQuotes' ? 'A quoted cell is never closed' : e.message]);
  }

  const schoolById = new Map(schools.map((s) => [s.id, s]));
  const schoolByName = new Map(schools.map((s) => [s.name.trim().toLowerCase().replace(/\s+/g, ' '), s]));
  const numbersSeen = new Map<string, number>();
  let dataRows = 0;

  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    if (cells.every((c) => !c.trim())) continue;
    const line = r + 1;
    if (++dataRows > STUDENT_IMPORT_MAX_ROWS) {
      out.fileErrors.push({ field: 'csv', message: `Import at most ${STUDENT_IMPORT_MAX_ROWS} students at a time; split the file` });
      break;
    }
    const errors: RosterFieldError[] = (rowErrors.get(r) ?? []).map((message) => ({ field: '(row)', message }));
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim())) {
      errors.push({ field: '(row)', message: `This row has ${cells.length} cells but the header has ${header.length}; check for an unquoted comma` });
    }
    const input: ParsedRosterRow['input'] = {};
    let school: RosterSchool | null = null;
    columnAt.forEach((column, i) => {
      if (!column) return;
      const raw = (cells[i] ?? '').trim();
      const field = FIELD_OF_COLUMN[column];
      switch (column) {
        case 'grade':
        case 'birth_year':
          input[field] = raw === '' ? (column === 'grade' ? undefined : null) : /^\d+$/.test(raw) ? Number(raw) : raw;
          break;
        case 'under_13':
        case 'concentrator':
          input[field] = yesNo(raw);
          break;
        case 'school': {
          if (raw === '') {
            input.schoolId = null;
            break;
          }
          school = schoolById.get(raw) ?? schoolByName.get(raw.toLowerCase().replace(/\s+/g, ' ')) ?? null;
          if (school) input.schoolId = school.id;
          else errors.push({ field: 'school', message: `No school called “${raw}”; use one of: ${schools.map((s) => s.name).join(', ')}` });
          break;
        }
        case 'student_groups': {
          const codes: string[] = [];
          for (const part of raw
            .split(delimiter === '\t' ? /[;,]/ : /;/)
            .map((p) => p.trim())
            .filter(Boolean)) {
            const key = part.toLowerCase().replace(/[\s-]+/g, '_');
            const code = STUDENT_GROUP_ALIASES[key] ?? ((STUDENT_GROUP_CODES as readonly string[]).includes(key) ? key : null);
            if (code) {
              if (!codes.includes(code)) codes.push(code);
            } else
              errors.push({
                field: 'student_groups',
                message: `“${part}” is not a student group; use ${STUDENT_GROUP_CODES.join(', ')} (or ell, swd, frl, foster)`,
              });
          }
          input.studentGroups = codes;
          break;
        }
        case 'guardian_name':
        case 'guardian_email':
        case 'email':
          input[field] = raw === '' ? null : raw;
          break;
        default:
          input[field] = raw;
      }
    });

    const result = safeParse(StudentCreate, input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = COLUMN_OF[String(issue.path[0] ?? '')] ?? '(row)';
        if (errors.some((e) => e.field === column)) continue;
        errors.push({
          field: column,
          message: issue.code === 'invalid_type' && input[issue.path[0] as keyof StudentCreate] === undefined ? 'Required' : issue.message,
        });
      }
    }
    const grade = typeof input.grade === 'number' ? input.grade : null;
    const chosen = school as RosterSchool | null;
    if (chosen && grade !== null && !errors.some((e) => e.field === 'grade') && (grade < chosen.gradeMin || grade > chosen.gradeMax)) {
      errors.push({ field: 'grade', message: `${chosen.name} serves grades ${chosen.gradeMin}–${chosen.gradeMax}` });
    }
    const number = typeof input.studentNumber === 'string' ? input.studentNumber : null;
    if (number) {
      const earlier = numbersSeen.get(number.toLowerCase());
      if (earlier) errors.push({ field: 'student_number', message: `Student ${number} is already on row ${earlier} of this file` });
      else numbersSeen.set(number.toLowerCase(), line);
    }
    out.rows.push({ line, errors, input, valid: errors.length === 0 && result.success ? result.data : null });
  }
  if (dataRows === 0 && !out.fileErrors.length) out.fileErrors.push({ field: 'csv', message: 'The file has a header but no students' });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Export

/** Columns that hold a secret's hash: never part of an export, even to the student themselves. */
const SECRET_COLUMNS = new Set(['accessCodeHash', 'signTokenHash', 'tokenHash', 'cancelTokenHash', 'manageCodeHash']);

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * A stored row with camelCase keys and JSON columns decoded. An export is "everything stored",
 * so unlike the API's explicit mappers this passes new columns through on purpose; only
 * secrets' hashes are dropped. Takes drizzle's rows (camelCase, JSON parsed) and raw ones
 * (snake_case, JSON as text, named in `jsonColumns`); a boolean column is exported as the
 * table stores it, 0 or 1, so the file a family downloads keeps its shape.
 */
export function exportRow(row: Record<string, unknown>, jsonColumns: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const key = camel(k);
    if (SECRET_COLUMNS.has(key)) continue;
    let value = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    if ((jsonColumns.includes(k) || jsonColumns.includes(key)) && typeof v === 'string') {
      try {
        value = JSON.parse(v);
      } catch {
        value = v;
      }
    }
    out[key] = value;
  }
  return out;
}

/**
 * The rate-counter bucket of tries at one student number's access code: the public application
 * route counts in it, and issuing the student a new code clears it, so "ask your Career Center
 * for a new access code" really ends the lock-out.
 */
export const accessCodeTriesBucket = (tenantId: string, studentNumber: string) => `access-code:student:${tenantId}:${studentNumber.toUpperCase()}`;
