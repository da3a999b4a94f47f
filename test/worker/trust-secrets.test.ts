/**
 * Secrets at rest and what the API shows the world, on the real Worker and D1: access codes live
 * only as hashes (nowhere else in the database), the OpenAPI document carries no working demo
 * student number, access code or guardian contact, every answer says `nosniff`, and the demo
 * pages keep their strict CSP.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LAKESIDE_STUDENTS, RIVERSIDE_STUDENTS } from '../../demo/seed/data.js';
import { DEMO } from '../../demo/seed/index.js';
import { api, BASE } from './helpers.js';
import { COORDINATOR, VIEWER, as, quote, sql, write } from './admin-helpers.js';
import { ARROYO, apply, newStudent, R } from './placement-helpers.js';

// ---------------------------------------------------------------------------------------------
// The whole database as text

export interface StoredText {
  table: string;
  column: string;
  value: string;
}

/**
 * Every text value stored anywhere in the local D1 database: every table (the FTS index's
 * shadow tables included), every column whatever its declared type: each row's text values
 * as one JSON array per table (per 30 columns). A few wrangler runs, so a few seconds.
 * Call it after the actions whose secrets it must not find.
 */
export function dumpAllText(): StoredText[] {
  const columns = sql<{ t: string; c: string }>(
    `SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p
      WHERE m.type = 'table' AND substr(m.name, 1, 4) <> '_cf_' AND substr(m.name, 1, 7) <> 'sqlite_'
        AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%'
      ORDER BY m.name, p.cid`,
  );
  assert.ok(columns.length > 100, 'the dump sees the schema');
  // D1 takes at most 32 arguments per function: wide tables are read in slices of columns.
  const slices: { table: string; columns: string[] }[] = [];
  const byTable = new Map<string, string[]>();
  for (const { t, c } of columns) byTable.set(t, [...(byTable.get(t) ?? []), c]);
  for (const [table, cols] of byTable) for (let i = 0; i < cols.length; i += 30) slices.push({ table, columns: cols.slice(i, i + 30) });
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  // Blobs (the FTS index's segments) cannot go into JSON; only text is searched. D1 allows at
  // most 5 terms in a compound SELECT, so each query reads 5 slices.
  const term = (i: number) =>
    `SELECT ${i} AS i, json_array(${slices[i]!.columns.map((c) => `CASE WHEN typeof(${ident(c)}) = 'text' THEN ${ident(c)} END`).join(', ')}) AS v FROM ${ident(slices[i]!.table)}`;
  const out: StoredText[] = [];
  for (let first = 0; first < slices.length; first += 5) {
    const terms = slices.slice(first, first + 5).map((_, k) => term(first + k));
    for (const { i, v } of sql<{ i: number; v: string }>(terms.join(' UNION ALL '))) {
      const { table, columns: cols } = slices[i]!;
      (JSON.parse(v) as (string | null)[]).forEach((value, j) => {
        if (value !== null) out.push({ table, column: cols[j]!, value });
      });
    }
  }
  return out;
}

/** Where a secret (or a spelling of it: any case, the digits without dashes) is stored. */
export function placesHolding(dump: StoredText[], secret: string): string[] {
  const needles = [secret.toLowerCase()];
  const digits = secret.replace(/^[A-Za-z]+-/, '');
  if (digits !== secret) needles.push(digits, digits.replace(/-/g, ''));
  return dump.filter((d) => needles.some((n) => d.value.toLowerCase().includes(n))).map((d) => `${d.table}.${d.column}`);
}

// ---------------------------------------------------------------------------------------------

describe('access codes at rest', () => {
  it('stores a code only as its hash: no table, column, stored answer, message or audit entry holds it', async () => {
    const a = await newStudent({ grade: 11 });
    const b = await newStudent({ grade: 12 });
    // A second printing for both replaces the codes; the first ones must have left no trace either.
    const reprint = await write<{ items: { studentId: string; accessCode: string }[] }>(COORDINATOR, 'POST', '/admin/students/access-codes', {
      studentIds: [a.id, b.id],
    });
    const codeOf = new Map(reprint.items.map((s) => [s.studentId, s.accessCode]));
    const codes = [a.accessCode, b.accessCode, codeOf.get(a.id)!, codeOf.get(b.id)!];
    assert.equal(new Set(codes).size, 4);

    // The codes in use: an application (a public write whose answer is stored for its retries) and
    // a wrong guess at the other student's.
    const first = await apply({ ...a, accessCode: codeOf.get(a.id)! }, ARROYO.shadow);
    assert.equal(first.status, 201, await first.clone().text());
    assert.equal((await apply({ ...b, accessCode: 'RIVER-2222-2222' }, ARROYO.cna)).status, 400);

    const dump = dumpAllText();
    // The dump really reads the rows these actions wrote.
    assert.ok(placesHolding(dump, a.studentNumber).includes('students.student_number'));
    assert.ok(
      dump.some((d) => d.table === 'idempotency_keys' && d.column === 'response'),
      'stored answers are searched too',
    );
    const stored = sql<{ access_code_hash: string }>(`SELECT access_code_hash FROM students WHERE id = ${quote(a.id)}`)[0]!.access_code_hash;
    assert.match(stored, /^pbkdf2\$/);
    for (const code of codes) assert.deepEqual(placesHolding(dump, code), [], `${code} is stored in the clear`);
  });
});

describe('the OpenAPI document', () => {
  it('shows no working demo student number, access code, guardian or student contact in any example', async () => {
    const res = await api('/openapi.json', { key: null });
    assert.equal(res.status, 200);
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string' || typeof v === 'number') strings.push(String(v));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          strings.push(k);
          walk(x);
        }
    };
    walk(await res.json());
    assert.ok(strings.length > 1000);

    // The seed's students, and everyone on the test database's rosters (so a test's student is caught too).
    const rosters = sql<{ student_number: string; guardian_name: string | null; guardian_email: string | null; email: string | null }>(
      'SELECT student_number, guardian_name, guardian_email, email FROM students',
    );
    const numbers = new Set([...RIVERSIDE_STUDENTS, ...LAKESIDE_STUDENTS].map((s) => s.studentNumber).concat(rosters.map((r) => r.student_number)));
    const words = new Set<string>();
    for (const s of [...RIVERSIDE_STUDENTS, ...LAKESIDE_STUDENTS]) {
      words.add(s.accessCode);
      if (s.guardian) {
        words.add(s.guardian[0]);
        words.add(s.guardian[1]);
      }
      if (s.email) words.add(s.email);
    }
    for (const r of rosters) for (const w of [r.guardian_name, r.guardian_email, r.email]) if (w) words.add(w);

    const found: string[] = [];
    for (const s of strings) {
      const lower = s.toLowerCase();
      for (const w of words) if (lower.includes(w.toLowerCase())) found.push(`${JSON.stringify(s.slice(0, 80))} has ${w}`);
      // A number counts only as a whole number (not the digits inside a longer one).
      for (const n of numbers)
        if (new RegExp(`(^|[^0-9A-Za-z])${n}([^0-9A-Za-z]|$)`).test(s)) found.push(`${JSON.stringify(s.slice(0, 80))} has student number ${n}`);
    }
    assert.deepEqual(found, []);
  });
});

describe('nosniff and the demo pages’ CSP', () => {
  const nosniff = (res: Response, what: string) =>
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what} (${res.status} ${res.headers.get('content-type')})`);

  it('says nosniff on JSON, problems, CSV, SVG, iCalendar and 304 answers', async () => {
    const json = await api('/health', { key: null });
    assert.equal(json.status, 200);
    nosniff(json, 'JSON');

    const notFound = await api('/no-such-thing', { key: null });
    assert.equal(notFound.status, 404);
    assert.match(notFound.headers.get('content-type') ?? '', /^application\/problem\+json/);
    nosniff(notFound, 'a 404 problem');

    const invalid = await api('/opportunities', { query: { limit: 100_000 } });
    assert.equal(invalid.status, 400);
    assert.match(invalid.headers.get('content-type') ?? '', /^application\/problem\+json/);
    nosniff(invalid, 'a 400 problem');

    const csv = await as(VIEWER, 'GET', '/admin/reports/summary.csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    nosniff(csv, 'CSV');

    const svg = await api(`/achievements/${DEMO.riverside.achievementIds[0]}/image.svg`, { key: null });
    assert.equal(svg.status, 200);
    assert.match(svg.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    nosniff(svg, 'SVG');

    const ics = await api('/events.ics', { key: null, query: { key: R.key } });
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get('content-type') ?? '', /^text\/calendar/);
    nosniff(ics, 'iCalendar');

    const list = await api('/opportunities', { query: { limit: 5 } });
    const etag = list.headers.get('etag');
    assert.ok(etag);
    const again = await api('/opportunities', { query: { limit: 5 }, headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    nosniff(again, '304');
  });

  it('serves every demo page under a strict CSP that runs no inline script', async () => {
    for (const page of ['index', 'school', 'employer', 'family', 'portfolio', 'console', 'sign']) {
      const res = await fetch(`${BASE}/demo/${page}.html`);
      assert.equal(res.status, 200, page);
      nosniff(res, page);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name!, values]),
      );
      const scripts = directives.get('script-src') ?? directives.get('default-src');
      assert.ok(scripts, `${page}: a script-src`);
      assert.deepEqual(scripts, ["'self'"], `${page}: scripts from the page's own origin only`);
      assert.deepEqual(directives.get('object-src'), ["'none'"], page);
      assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], page);
      assert.ok(
        !/unsafe-(inline|eval)|\*/.test(`${directives.get('style-src') ?? ''} ${directives.get('default-src') ?? ''}`),
        `${page}: no unsafe styles or wildcards`,
      );
      // A policy in the page itself could only tighten it; an inline script would not run under it.
      const html = await res.text();
      assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>\s*\S/i.test(html), `${page}: no inline script`);
      assert.ok(!/\son[a-z]+\s*=/i.test(html), `${page}: no inline event handlers`);
    }
  });
});
