/**
 * Reports, checked against a small tenant built here with known answers (worked out by hand
 * below), so every figure is tested against arithmetic rather than against the same SQL.
 */
import assert from 'node:assert/strict';
import { createHash, pbkdf2Sync } from 'node:crypto';
import { before, describe, it } from 'node:test';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { api, expectProblem, login, tokenFor } from './helpers.js';

const T = 'ten_report_test';
const PASSWORD = 'report-test-password';

function hash(password: string, id: string) {
  const salt = createHash('sha256').update(id).digest().subarray(0, 16);
  return `pbkdf2$1000$${salt.toString('base64')}$${pbkdf2Sync(password, salt, 1000, 32, 'sha256').toString('base64')}`;
}

/*
 * Four kinds of student, FIVE of each (copies 1–5), because reports withhold any count from 1
 * to 4 (see trust-reports.test.ts): with five of each, no figure here is small, so every
 * answer is the one-of-each answer times five (rates unchanged).
 * s1 (school A, grade 12, concentrator, English learner), s2 (A, 11, concentrator),
 * s3 (B, 12, economically disadvantaged), s4 (B, 10, students with disabilities).
 * Placements: s1–o1 completed (Sep 1), s1–o2 active (Oct 1), s2–o1 cancelled (Sep 15),
 * s3–o3 confirmed (Nov 1), s4–o2 only submitted. o1 is e1's preparation/healthcare
 * experience, o2 e2's exploration/digital, o3 e2's preparation/digital.
 * Hours: s1–o1 10 approved + 2 pending, s1–o2 3 approved, s2–o1 5 approved (cancelled).
 */
const COPIES = [1, 2, 3, 4, 5];
const each = (row: (n: number) => string) => COPIES.map(row).join(',\n  ');
const SETUP = `
INSERT INTO tenants (id, name, time_zone) VALUES ('${T}', 'Report Test District', 'America/Denver');
INSERT INTO schools (id, tenant_id, name, level, grade_min, grade_max) VALUES
  ('sch_rt_a', '${T}', 'Alder High', 'high', 9, 12), ('sch_rt_b', '${T}', 'Birch High', 'high', 9, 12);
INSERT INTO users (id, tenant_id, email, name, role, password_hash) VALUES
  ('usr_rt_viewer', '${T}', 'viewer@report-test.example', 'Report Viewer', 'viewer', '${hash(PASSWORD, 'usr_rt_viewer')}'),
  ('usr_rt_supervisor', '${T}', 'supervisor@report-test.example', 'Report Supervisor', 'supervisor', '${hash(PASSWORD, 'usr_rt_supervisor')}');
INSERT INTO employers (id, tenant_id, name) VALUES ('emp_rt_1', '${T}', 'Employer One'), ('emp_rt_2', '${T}', 'Employer Two');
INSERT INTO opportunities (id, tenant_id, employer_id, title, description, stage, type, cluster, mode, status) VALUES
  ('opp_rt_1', '${T}', 'emp_rt_1', 'Clinic internship', 'x', 'preparation', 'clinical_work', 'healthcare_human_services', 'in_person', 'closed'),
  ('opp_rt_2', '${T}', 'emp_rt_2', 'Software job shadow', 'x', 'exploration', 'job_shadowing', 'digital_technology', 'in_person', 'published'),
  ('opp_rt_3', '${T}', 'emp_rt_2', 'Data project', 'x', 'preparation', 'industry_project', 'digital_technology', 'virtual', 'closed');
INSERT INTO students (id, tenant_id, school_id, student_number, preferred_name, grade, student_groups, concentrator) VALUES
  ${each(
    (n) => `('stu_rt_1_${n}', '${T}', 'sch_rt_a', 'RT1-${n}', '=HYPERLINK("x")', 12, '["english_learner"]', 1),
  ('stu_rt_2_${n}', '${T}', 'sch_rt_a', 'RT2-${n}', 'Two', 11, '[]', 1),
  ('stu_rt_3_${n}', '${T}', 'sch_rt_b', 'RT3-${n}', 'Three', 12, '["economically_disadvantaged"]', 0),
  ('stu_rt_4_${n}', '${T}', 'sch_rt_b', 'RT4-${n}', 'Four', 10, '["students_with_disabilities"]', 0)`,
  )};
INSERT INTO applications (id, tenant_id, reference, student_id, opportunity_id, status, started_on) VALUES
  ${each(
    (n) => `('app_rt_1_${n}', '${T}', 'RT-1-${n}', 'stu_rt_1_${n}', 'opp_rt_1', 'completed', '2026-09-01'),
  ('app_rt_2_${n}', '${T}', 'RT-2-${n}', 'stu_rt_1_${n}', 'opp_rt_2', 'active', '2026-10-01'),
  ('app_rt_3_${n}', '${T}', 'RT-3-${n}', 'stu_rt_2_${n}', 'opp_rt_1', 'cancelled', '2026-09-15'),
  ('app_rt_4_${n}', '${T}', 'RT-4-${n}', 'stu_rt_3_${n}', 'opp_rt_3', 'confirmed', '2026-11-01'),
  ('app_rt_5_${n}', '${T}', 'RT-5-${n}', 'stu_rt_4_${n}', 'opp_rt_2', 'submitted', NULL)`,
  )};
INSERT INTO hour_logs (id, tenant_id, application_id, worked_on, hours, activity, logged_by, approved_at) VALUES
  ${each(
    (n) => `('hrs_rt_1_${n}', '${T}', 'app_rt_1_${n}', '2026-09-02', 10, 'Rounds', 'supervisor', '2026-09-03'),
  ('hrs_rt_2_${n}', '${T}', 'app_rt_1_${n}', '2026-09-09', 2, 'Rounds', 'student', NULL),
  ('hrs_rt_3_${n}', '${T}', 'app_rt_2_${n}', '2026-10-02', 3, 'Shadowing', 'supervisor', '2026-10-03'),
  ('hrs_rt_4_${n}', '${T}', 'app_rt_3_${n}', '2026-09-16', 5, 'Rounds', 'supervisor', '2026-09-17')`,
  )};
`;

let viewer = '';
const get = (path: string, token = viewer) => api(`/admin/reports${path}`, { key: null, headers: { Authorization: `Bearer ${token}` } });

before(async () => {
  if (!query(process.env.WBL_PERSIST_TO, `SELECT id FROM tenants WHERE id = '${T}'`).length) query(process.env.WBL_PERSIST_TO, SETUP);
  const res = await login('viewer@report-test.example', PASSWORD);
  assert.equal(res.status, 200, await res.clone().text());
  viewer = ((await res.json()) as { token: string }).token;
});

describe('reports', () => {
  it('count participation, completion, hours, employers and the 5S3 share', async () => {
    const res = await get('');
    assert.equal(res.status, 200, await res.clone().text());
    const r = (await res.json()) as any;
    assert.deepEqual(r.suppression, { minCell: 5 }, 'the tenant default threshold');
    assert.equal(r.suppressed, false, 'no summary figure is small here');
    assert.equal(r.rosterStudents, 20);
    assert.equal(r.studentsWithExperience, 10, 's1 and s3 (×5); s2 was cancelled, s4 only applied');
    assert.equal(r.participationRate, 0.5);
    assert.equal(r.placements, 15);
    assert.equal(r.completed, 5);
    assert.equal(r.completionRate, 0.5, 'one completed of the two that ended (×5)');
    assert.equal(r.approvedHours, 65, 'pending and cancelled-placement hours are not counted: 13 × 5');
    assert.equal(r.loggedHours, 100);
    assert.equal(r.employersHosting, 2, 'employers, not students: never multiplied or withheld');
    assert.equal(r.employersOffering, 1);
    assert.deepEqual(r.perkins5s3, {
      all: { suppressed: false, concentrators: 10, withWbl: 5, share: 0.5 },
      graduating: { suppressed: false, concentrators: 5, withWbl: 5, share: 1 },
    });
  });

  it('break participation down, listing groups with no placements as zeros', async () => {
    const r = (await (await get('')).json()) as any;
    const pick = (rows: any[]) => Object.fromEntries(rows.map((x) => [x.key, [x.students, x.rosterStudents, x.placements, x.completed, x.approvedHours]]));
    assert.deepEqual(pick(r.breakdowns.stage), { exploration: [5, null, 5, 0, 15], preparation: [10, null, 10, 5, 50] });
    assert.deepEqual(pick(r.breakdowns.cluster), { digital_technology: [10, null, 10, 0, 15], healthcare_human_services: [5, null, 5, 5, 50] });
    assert.deepEqual(pick(r.breakdowns.school), { sch_rt_a: [5, 10, 10, 5, 65], sch_rt_b: [5, 10, 5, 0, 0] });
    assert.deepEqual(pick(r.breakdowns.grade), { 10: [0, 5, 0, 0, 0], 11: [0, 5, 0, 0, 0], 12: [10, 10, 15, 5, 65] });
    assert.deepEqual(pick(r.breakdowns.group), {
      economically_disadvantaged: [5, 5, 5, 0, 0],
      english_learner: [5, 5, 10, 5, 65],
      students_with_disabilities: [0, 5, 0, 0, 0],
    });
    for (const rows of Object.values(r.breakdowns) as any[][])
      assert.ok(
        rows.every((x) => x.suppressed === false),
        'no count is small, so nothing is withheld',
      );
    assert.equal(r.breakdowns.school.find((x: any) => x.key === 'sch_rt_a').label, 'Alder High');
    assert.equal(r.breakdowns.group.find((x: any) => x.key === 'english_learner').label, 'English learners');
  });

  it('filter by period and school, and label in Spanish', async () => {
    const r = (await (await get('?from=2026-10-01&lang=es')).json()) as any;
    assert.equal(r.placements, 10);
    assert.equal(r.completed, 0);
    assert.equal(r.completionRate, null, 'nothing ended in the period');
    assert.equal(r.breakdowns.group.find((x: any) => x.key === 'english_learner').label, 'Estudiantes de inglés');
    const b = (await (await get('?schoolId=sch_rt_b')).json()) as any;
    assert.equal(b.rosterStudents, 10);
    assert.equal(b.studentsWithExperience, 5);
    assert.equal(b.perkins5s3.all.concentrators, 0);
    assert.equal(b.perkins5s3.all.share, null);
  });

  it('refuse a backwards period and unknown parameters with field errors', async () => {
    const p = await expectProblem(await get('?from=2026-12-01&to=2026-01-01'), 400);
    assert.equal(p.errors![0]!.path, 'to');
    const q = await expectProblem(await get('?tenantId=ten_riverside'), 400);
    assert.equal(q.errors![0]!.path, 'tenantId');
  });

  it('export each report as CSV, safe to open in a spreadsheet', async () => {
    const res = await get('/group.csv');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/csv/);
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename="wbl-group-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a UTF-8 byte-order mark, so spreadsheets read the accents right');
    const text = new TextDecoder().decode(bytes);
    assert.ok(text.endsWith('\r\n'));
    const lines = text.trimEnd().split('\r\n');
    assert.equal(lines[0], 'key,label,students_with_experience,roster_students,placements,completed,approved_hours');
    assert.ok(lines.includes('english_learner,English learners,5,5,10,5,65'), text);
    const summary = await (await get('/summary.csv')).text();
    assert.match(summary, /\r\nperkins_5s3_share,0\.5\r\n/);
    await expectProblem(await get('/nonsense.csv'), 404);
  });

  it('are only for viewers, coordinators and admins of the tenant', async () => {
    const res = await login('supervisor@report-test.example', PASSWORD);
    const supervisor = ((await res.json()) as { token: string }).token;
    await expectProblem(await get('', supervisor), 403);
    await expectProblem(await api('/admin/reports', { key: null }), 401);
    // Riverside's coordinator sees Riverside's numbers, never this tenant's.
    const riverside = (await (await get('', await tokenFor('coordinator@riverside.example'))).json()) as any;
    assert.ok(!riverside.breakdowns.school.some((x: any) => x.key.startsWith('sch_rt_')));
  });

  it('record CSV exports in the audit log', () => {
    const rows = query(process.env.WBL_PERSIST_TO, `SELECT actor_id, entity_id FROM audit_log WHERE tenant_id = '${T}' AND action = 'report.export'`) as {
      actor_id: string;
      entity_id: string;
    }[];
    assert.ok(rows.some((r) => r.actor_id === 'usr_rt_viewer' && r.entity_id === 'group'));
  });
});

describe('CSV cells', () => {
  it('neutralise formulas and quote what needs quoting', async () => {
    const { csvCell, toCsv } = await import('../../worker/lib/csv.js');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('-1+2'), `'-1+2`);
    assert.equal(csvCell(-3), '-3', 'numbers are numbers');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(null), '');
    // The file starts with a byte-order mark (issue 11: Spanish labels open right in spreadsheets).
    assert.equal(toCsv(['a', 'b'], [[1, 'x']]), '\uFEFFa,b\r\n1,x\r\n');
  });
});
