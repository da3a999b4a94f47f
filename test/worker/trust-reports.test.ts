/**
 * Reports that could single out a student (issue 10): small counts are withheld, and so is
 * every figure they could be worked out from, so that narrowing the dates or the school never
 * tells a viewer one student's group. Tried as the viewer would try it, through the real Worker.
 */
import assert from 'node:assert/strict';
import { createHash, pbkdf2Sync } from 'node:crypto';
import { before, describe, it } from 'node:test';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { ReportSettings } from '../../schema/api/admin/reports.js';
import { api, expectProblem, login } from './helpers.js';

const T = 'ten_trust_reports';
const PASSWORD = 'trust-reports-password';
const db = (sql: string) => query(process.env.WBL_PERSIST_TO, sql) as Record<string, unknown>[];

function hash(password: string, id: string) {
  const salt = createHash('sha256').update(id).digest().subarray(0, 16);
  return `pbkdf2$1000$${salt.toString('base64')}$${pbkdf2Sync(password, salt, 1000, 32, 'sha256').toString('base64')}`;
}

const range = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i + 1)).join(',\n  ');

/*
 * 22 students, worked out by hand:
 * - g1–g10: Cedar High, grade 12, no group, CTE concentrators; confirmed Sep 10 on o1
 *   (preparation, healthcare), 4 approved hours each.
 * - e1–e6: Dogwood High, grade 12, economically disadvantaged; confirmed Sep 20 on o1.
 * - Mia: Cedar High, grade 11, English learner, concentrator; active since Dec 7 on o2
 *   (exploration, digital), 3 approved hours. The only placement starting in December.
 * - l1–l5: Dogwood High, grade 10, English learners, no placement.
 * So English learners on the roster: 6 (Mia + l1–l5); economically disadvantaged: 6.
 */
const SETUP = `
INSERT INTO tenants (id, name, time_zone) VALUES ('${T}', 'Trust Reports District', 'America/Chicago');
INSERT INTO schools (id, tenant_id, name, level, grade_min, grade_max) VALUES
  ('sch_tr_c', '${T}', 'Cedar High', 'high', 9, 12), ('sch_tr_d', '${T}', 'Dogwood High', 'high', 9, 12);
INSERT INTO users (id, tenant_id, email, name, role, password_hash) VALUES
  ('usr_tr_admin', '${T}', 'admin@trust-reports.example', 'TR Admin', 'admin', '${hash(PASSWORD, 'usr_tr_admin')}'),
  ('usr_tr_coord', '${T}', 'coordinator@trust-reports.example', 'TR Coordinator', 'coordinator', '${hash(PASSWORD, 'usr_tr_coord')}'),
  ('usr_tr_viewer', '${T}', 'viewer@trust-reports.example', 'TR Viewer', 'viewer', '${hash(PASSWORD, 'usr_tr_viewer')}');
INSERT INTO employers (id, tenant_id, name) VALUES ('emp_tr_1', '${T}', 'Clinic'), ('emp_tr_2', '${T}', 'Software Co');
INSERT INTO opportunities (id, tenant_id, employer_id, title, description, stage, type, cluster, mode, status) VALUES
  ('opp_tr_1', '${T}', 'emp_tr_1', 'Clinic internship', 'x', 'preparation', 'clinical_work', 'healthcare_human_services', 'in_person', 'closed'),
  ('opp_tr_2', '${T}', 'emp_tr_2', 'Software job shadow', 'x', 'exploration', 'job_shadowing', 'digital_technology', 'in_person', 'published');
INSERT INTO students (id, tenant_id, school_id, student_number, preferred_name, grade, student_groups, concentrator) VALUES
  ${range(10, (i) => `('stu_tr_g${i}', '${T}', 'sch_tr_c', 'TRG${i}', 'G${i}', 12, '[]', 1)`)},
  ${range(6, (i) => `('stu_tr_e${i}', '${T}', 'sch_tr_d', 'TRE${i}', 'E${i}', 12, '["economically_disadvantaged"]', 0)`)},
  ('stu_tr_mia', '${T}', 'sch_tr_c', 'TRMIA', 'Mia', 11, '["english_learner"]', 1),
  ${range(5, (i) => `('stu_tr_l${i}', '${T}', 'sch_tr_d', 'TRL${i}', 'L${i}', 10, '["english_learner"]', 0)`)};
INSERT INTO applications (id, tenant_id, reference, student_id, opportunity_id, status, started_on) VALUES
  ${range(10, (i) => `('app_tr_g${i}', '${T}', 'TR-G${i}', 'stu_tr_g${i}', 'opp_tr_1', 'confirmed', '2026-09-10')`)},
  ${range(6, (i) => `('app_tr_e${i}', '${T}', 'TR-E${i}', 'stu_tr_e${i}', 'opp_tr_1', 'confirmed', '2026-09-20')`)},
  ('app_tr_mia', '${T}', 'TR-MIA', 'stu_tr_mia', 'opp_tr_2', 'active', '2026-12-07');
INSERT INTO hour_logs (id, tenant_id, application_id, worked_on, hours, activity, logged_by, approved_at) VALUES
  ${range(10, (i) => `('hrs_tr_g${i}', '${T}', 'app_tr_g${i}', '2026-09-11', 4, 'Rounds', 'supervisor', '2026-09-12')`)},
  ('hrs_tr_mia', '${T}', 'app_tr_mia', '2026-12-08', 3, 'Shadowing', 'supervisor', '2026-12-09');
`;

const tokens: Record<'admin' | 'coordinator' | 'viewer', string> = { admin: '', coordinator: '', viewer: '' };
const get = (path: string, who: keyof typeof tokens = 'viewer') =>
  api(`/admin/reports${path}`, { key: null, headers: { Authorization: `Bearer ${tokens[who]}` } });
const report = async (qs: string) => {
  const res = await get(qs);
  assert.equal(res.status, 200, await res.clone().text());
  return res.json() as Promise<any>;
};
const csv = async (name: string, qs = '') => (await (await get(`/${name}.csv${qs}`)).text()).trimEnd().split('\r\n');
const putSettings = (body: unknown, who: keyof typeof tokens = 'admin') =>
  api('/admin/reports/settings', {
    key: null,
    method: 'PUT',
    headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
const byKey = (rows: any[]) => Object.fromEntries(rows.map((r) => [r.key, r]));
const shown = (r: any) => [r.students, r.rosterStudents, r.placements, r.completed, r.approvedHours];

before(async () => {
  if (!db(`SELECT id FROM tenants WHERE id = '${T}'`).length) db(SETUP);
  for (const who of Object.keys(tokens) as (keyof typeof tokens)[]) {
    const res = await login(`${who}@trust-reports.example`, PASSWORD);
    assert.equal(res.status, 200, await res.clone().text());
    tokens[who] = ((await res.json()) as { token: string }).token;
  }
});

describe('reports withhold small counts', () => {
  it('say which threshold they used, and keep large counts and zeros as they are', async () => {
    // Sep 1–15: only g1–g10, ten students with no group.
    const r = await report('?from=2026-09-01&to=2026-09-15');
    assert.deepEqual(r.suppression, { minCell: 5 });
    assert.equal(r.suppressed, false);
    assert.equal(r.studentsWithExperience, 10);
    assert.equal(r.approvedHours, 40);
    const groups = byKey(r.breakdowns.group);
    assert.deepEqual(shown(groups.english_learner), [0, 6, 0, 0, 0], '0 stays 0 when the population is large');
    assert.equal(groups.english_learner.suppressed, false);
    assert.deepEqual(shown(groups.economically_disadvantaged), [0, 6, 0, 0, 0]);
  });

  it('do not tell a viewer one student’s group when the dates are narrowed to her placement', async () => {
    // The attack: only Mia started on Dec 7. Unsuppressed, "English learners: 1, everyone else: 0"
    // would say Mia is an English learner.
    const r = await report('?from=2026-12-07&to=2026-12-07');
    const groups = byKey(r.breakdowns.group);
    for (const key of ['english_learner', 'economically_disadvantaged']) {
      assert.equal(groups[key].suppressed, true, `${key} is withheld`);
      assert.deepEqual(shown(groups[key]), [null, 6, null, null, null], 'the EL row and a true-zero row look the same; the roster (date-independent, 6) stays');
    }
    for (const name of ['stage', 'cluster', 'school', 'grade'] as const) {
      for (const row of r.breakdowns[name]) {
        assert.equal(row.suppressed, true, `${name} ${row.key}: a breakdown of one student says who she is`);
        assert.equal(row.students, null);
        assert.equal(row.placements, null);
        assert.equal(row.approvedHours, null, 'hours derived from a small count go with it');
      }
    }
    // The summary's own figures would say "1 student, 1 placement, 3 hours" too.
    assert.equal(r.suppressed, true);
    assert.equal(r.studentsWithExperience, null);
    assert.equal(r.participationRate, null);
    assert.equal(r.placements, null);
    assert.equal(r.approvedHours, null);
    assert.equal(r.loggedHours, null);
    assert.equal(r.rosterStudents, 22, 'the whole roster is not small');
    // Perkins: 1 of 11 concentrators took part; and the grade-12 figure would give it back by subtraction.
    assert.deepEqual(r.perkins5s3.all, { suppressed: true, concentrators: 11, withWbl: null, share: null });
    assert.deepEqual(r.perkins5s3.graduating, { suppressed: true, concentrators: null, withWbl: null, share: null });
    assert.equal(r.employersHosting, 1, 'employers are not students: never withheld');
  });

  it('show <5 in the CSV, for the small row and for the rows that would reveal it', async () => {
    const lines = await csv('group', '?from=2026-12-07&to=2026-12-07');
    assert.equal(lines[0], 'key,label,students_with_experience,roster_students,placements,completed,approved_hours');
    assert.ok(lines.includes('english_learner,English learners,<5,6,<5,<5,<5'), lines.join('\n'));
    assert.ok(lines.includes('economically_disadvantaged,Economically disadvantaged,<5,6,<5,<5,<5'), lines.join('\n'));
    assert.ok(!lines.slice(1).some((l) => /,1,/.test(l)), 'no cell reads 1');
    const summary = await csv('summary', '?from=2026-12-07&to=2026-12-07');
    assert.ok(summary.includes('suppression_min_cell,5'));
    assert.ok(summary.includes('students_with_experience,<5'), summary.join('\n'));
    assert.ok(summary.includes('approved_hours,<5'));
    assert.ok(summary.includes('perkins_5s3_share,<5'));
    assert.ok(summary.includes('roster_students,22'));
  });

  it('withhold a second row so the total minus the rows shown does not give the small one back', async () => {
    // Cedar High, all year: 11 students with an experience, 10 in grade 12 and Mia in grade 11.
    // Grade 11 alone withheld beside "grade 12: 10" and "total: 11" would be 11 − 10 = 1.
    const r = await report('?schoolId=sch_tr_c');
    assert.equal(r.studentsWithExperience, 11);
    assert.equal(r.rosterStudents, 11);
    const grades = byKey(r.breakdowns.grade);
    assert.deepEqual(Object.keys(grades).sort(), ['11', '12']);
    assert.deepEqual(shown(grades['11']), [null, null, null, null, null]);
    assert.deepEqual(shown(grades['12']), [null, null, null, null, null], 'grade 12 is withheld too, students and roster');
    assert.equal(grades['12'].suppressed, true);
    const lines = await csv('grade', '?schoolId=sch_tr_c');
    assert.ok(lines.includes('12,Grade 12,<5,<5,<5,<5,<5'), lines.join('\n'));
    // Mia is the only English learner at Cedar: that row (roster 1) is withheld whole.
    assert.deepEqual(shown(byKey(r.breakdowns.group).english_learner), [null, null, null, null, null]);
  });

  it('withhold “none of them” as well when the roster row is small', async () => {
    // Cedar in September: ten students with an experience, none of them Mia. "English learners:
    // 0 of <5" would still say that Cedar's only English learner had no placement then.
    const r = await report('?schoolId=sch_tr_c&from=2026-09-01&to=2026-09-15');
    assert.equal(r.studentsWithExperience, 10);
    const el = byKey(r.breakdowns.group).english_learner;
    assert.equal(el.suppressed, true);
    assert.deepEqual(shown(el), [null, null, null, null, null]);
  });

  it('withhold the complement across the whole district as well, and the grade-12 Perkins figure that would reveal Mia', async () => {
    const r = await report('');
    assert.equal(r.suppressed, false);
    assert.equal(r.studentsWithExperience, 17);
    assert.equal(r.approvedHours, 43);
    const grades = byKey(r.breakdowns.grade);
    // Grade 11 (Mia: 1 student, roster 1) is withheld; grade 12's activity and grade 10's roster
    // with it, so neither 17 − 16 nor 22 − 16 − 5 gives grade 11 back.
    assert.deepEqual(shown(grades['11']), [null, null, null, null, null]);
    assert.deepEqual(shown(grades['12']), [null, 16, null, null, null]);
    assert.deepEqual(shown(grades['10']), [0, null, 0, 0, 0]);
    assert.ok([grades['10'], grades['11'], grades['12']].every((g) => g.suppressed));
    // English learners with an experience: 1 (Mia), withheld with its 3 hours, and the other group with it.
    const groups = byKey(r.breakdowns.group);
    assert.deepEqual(shown(groups.english_learner), [null, 6, null, null, null]);
    assert.deepEqual(shown(groups.economically_disadvantaged), [null, 6, null, null, null]);
    // Stage: exploration is Mia alone; preparation (16) goes with it, or 17 placements − 16 would tell.
    assert.ok(r.breakdowns.stage.every((s: any) => s.suppressed && s.placements === null));
    // Schools are large enough: shown.
    assert.deepEqual(shown(byKey(r.breakdowns.school).sch_tr_c), [11, 11, 11, 0, 43]);
    // 11 concentrators all took part; grade 12 alone (10 of 10) would leave 11 − 10 = 1, Mia.
    assert.deepEqual(r.perkins5s3.all, { suppressed: false, concentrators: 11, withWbl: 11, share: 1 });
    assert.deepEqual(r.perkins5s3.graduating, { suppressed: true, concentrators: null, withWbl: null, share: null });
  });
});

describe('the threshold', () => {
  it('is read and changed by administrators only', async () => {
    const res = await api('/admin/reports/settings', { key: null, headers: { Authorization: `Bearer ${tokens.admin}` } });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await res.json(), { minCell: 5 }, 'five by default');
    await expectProblem(await get('/settings', 'viewer'), 403);
    await expectProblem(await get('/settings', 'coordinator'), 403);
    await expectProblem(await putSettings({ minCell: 50 }, 'coordinator'), 403);
    await expectProblem(await putSettings({ minCell: 50 }, 'viewer'), 403);
    assert.equal((await report('')).suppression.minCell, 5, 'the refused changes changed nothing');
  });

  it('cannot be set below 5, and anything else wrong is a field error', async () => {
    for (const minCell of [4, 1, 0, -3, 7.5, '10', 101]) {
      const p = await expectProblem(await putSettings({ minCell }), 400);
      assert.equal(p.errors![0]!.path, 'minCell', JSON.stringify(minCell));
    }
    const low = await expectProblem(await putSettings({ minCell: 4 }), 400);
    assert.match(low.errors![0]!.message, /lower than 5/);
    await expectProblem(await putSettings({ minCell: 10, tenantId: 'ten_riverside' }), 400);
    assert.equal((await report('')).suppression.minCell, 5);
  });

  it('can be raised: more rows are withheld, the CSV says <N, and the change is audited', async () => {
    const audited = () => db(`SELECT actor_id, detail FROM audit_log WHERE tenant_id = '${T}' AND action = 'report_settings.update'`);
    const before = audited().length;
    const res = await putSettings({ minCell: 12 });
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await res.json(), { minCell: 12 });
    try {
      const r = await report('');
      assert.deepEqual(r.suppression, { minCell: 12 });
      // Cedar (11 with an experience, roster 11) and Dogwood (6) are now small.
      const schools = byKey(r.breakdowns.school);
      assert.deepEqual(shown(schools.sch_tr_c), [null, null, null, null, null]);
      assert.equal(schools.sch_tr_d.students, null);
      assert.equal(r.studentsWithExperience, 17, 'the total is still large');
      const lines = await csv('school');
      assert.ok(lines.includes('sch_tr_c,Cedar High,<12,<12,<12,<12,<12'), lines.join('\n'));
      const rows = audited();
      assert.equal(rows.length, before + 1, 'one audit row for the change');
      assert.equal(rows.at(-1)!.actor_id, 'usr_tr_admin');
      assert.deepEqual(JSON.parse(String(rows.at(-1)!.detail)), { minCell: { from: 5, to: 12 } });
    } finally {
      assert.equal((await putSettings({ minCell: 5 })).status, 200);
    }
  });

  it('is documented, with an example the API accepts', async () => {
    const doc = (await (await api('/openapi.json', { key: null })).json()) as any;
    const put = doc.paths['/api/v1/admin/reports/settings'].put;
    assert.ok(doc.paths['/api/v1/admin/reports/settings'].get);
    const example = put.requestBody.content['application/json'].example;
    assert.equal(ReportSettings.safeParse(example).success, true);
    try {
      const res = await putSettings(example);
      assert.equal(res.status, 200, await res.clone().text());
    } finally {
      assert.equal((await putSettings({ minCell: 5 })).status, 200);
    }
  });

  it('is never below 5 in a report, even if the database holds less', async () => {
    db(`UPDATE tenants SET report_min_cell = 1 WHERE id = '${T}'`);
    try {
      const r = await report('?from=2026-12-07&to=2026-12-07');
      assert.deepEqual(r.suppression, { minCell: 5 });
      assert.equal(byKey(r.breakdowns.group).english_learner.students, null);
    } finally {
      db(`UPDATE tenants SET report_min_cell = 5 WHERE id = '${T}'`);
    }
  });
});
