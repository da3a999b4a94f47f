/**
 * The experience survey after a placement ends, through the running Worker and the real SMTP
 * server: the minute job emails each student whose placement was completed lately, once (a
 * second run sends nothing), in their language, with a link to their student page; and the
 * coordinator's survey report per employer, with employers of few answers withheld. The tenant is
 * built here so its numbers are known.
 */
import assert from 'node:assert/strict';
import { createHash, pbkdf2Sync } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { addDays } from '../../worker/lib/zones.js';
import { as, LAKESIDE, sql } from './admin-helpers.js';
import { api, login } from './helpers.js';
import { fireCron, mark, settledMail, waitForMail } from './mail.js';

/** The minute Cron Trigger (MAIL_CRON in worker/mail/jobs.ts, which cannot load outside workerd). */
const MAIL_CRON = '* * * * *';
const T = 'ten_survey_test';
const PASSWORD = 'survey-test-password';
const TODAY = new Date().toISOString().slice(0, 10);
function hash(password: string, id: string) {
  const salt = createHash('sha256').update(id).digest().subarray(0, 16);
  return `pbkdf2$1000$${salt.toString('base64')}$${pbkdf2Sync(password, salt, 1000, 32, 'sha256').toString('base64')}`;
}
const email = (n: string) => `survey.${n}@survey-test.example`;
/** Answers for the employer with enough of them (five), [meaningful, safe, recommend]; and the one with two. */
const GOOD = [
  [4, 4, 4],
  [3, 4, 4],
  [4, 3, 2],
  [2, 4, 3],
  [4, 4, 1],
];
const SMALL = [
  [1, 1, 1],
  [2, 2, 2],
];
const answered = [...GOOD.map((a, i) => ['good', i, a] as const), ...SMALL.map((a, i) => ['small', i, a] as const)];
/** The student pages of the test tenant's sites (see SETUP). */
const NORTH_PAGE = 'https://north.survey-test.example/students/my-wbl?tab=record';
const DISTRICT_PAGE_ORIGIN = 'https://district.survey-test.example';
const DISTRICT_PAGE = `${DISTRICT_PAGE_ORIGIN}/students`;
const SETUP = `
INSERT INTO tenants (id, name, time_zone) VALUES ('${T}', 'Survey Test District', 'UTC');
INSERT INTO users (id, tenant_id, email, name, role, password_hash) VALUES
  ('usr_sv_viewer', '${T}', 'viewer@survey-test.example', 'Survey Viewer', 'viewer', '${hash(PASSWORD, 'usr_sv_viewer')}');
INSERT INTO employers (id, tenant_id, name) VALUES ('emp_sv_good', '${T}', 'Good Clinic'), ('emp_sv_small', '${T}', 'Small Shop');
INSERT INTO opportunities (id, tenant_id, employer_id, title, description, stage, type, cluster, mode, status) VALUES
  ('opp_sv_good', '${T}', 'emp_sv_good', 'Clinic internship', 'x', 'preparation', 'clinical_work', 'healthcare_human_services', 'in_person', 'closed'),
  ('opp_sv_small', '${T}', 'emp_sv_small', 'Shop internship', 'x', 'preparation', 'unpaid_internship', 'marketing_sales', 'in_person', 'closed');
INSERT INTO schools (id, tenant_id, name, level, grade_min, grade_max) VALUES
  ('sch_sv_north', '${T}', 'North High', 'high', 9, 12), ('sch_sv_south', '${T}', 'South High', 'high', 9, 12);
-- The district's page is the oldest: Nadia's school's own page must still win over it. South
-- High has no site, so Emilio's link opens the district's page; a suspended site's page is never used.
INSERT INTO sites (id, tenant_id, name, publishable_key, allowed_origins, school_id, student_page_url, status, created_at) VALUES
  ('site_sv_district', '${T}', 'District', 'pk_sv_district', '["${DISTRICT_PAGE_ORIGIN}"]', NULL, '${DISTRICT_PAGE}', 'active', '2026-01-01T00:00:00Z'),
  ('site_sv_gone', '${T}', 'Old south site', 'pk_sv_gone', '["https://old.survey-test.example"]', 'sch_sv_south', 'https://old.survey-test.example/me', 'suspended', '2026-01-02T00:00:00Z'),
  ('site_sv_north', '${T}', 'North High', 'pk_sv_north', '["https://north.survey-test.example"]', 'sch_sv_north', '${NORTH_PAGE}', 'active', '2026-01-03T00:00:00Z');
INSERT INTO students (id, tenant_id, student_number, preferred_name, grade, email, school_id) VALUES
  ${answered.map(([e, i]) => `('stu_sv_${e}_${i}', '${T}', 'SV-${e}-${i}', 'Answered', 12, '${email(`${e}${i}`)}', NULL)`).join(',\n  ')},
  ('stu_sv_new', '${T}', 'SV-NEW', 'Nadia', 12, '${email('new')}', 'sch_sv_north'),
  ('stu_sv_es', '${T}', 'SV-ES', 'Emilio', 11, '${email('es')}', 'sch_sv_south'),
  ('stu_sv_old', '${T}', 'SV-OLD', 'Olga', 12, '${email('old')}', NULL),
  ('stu_sv_active', '${T}', 'SV-ACT', 'Arun', 12, '${email('active')}', NULL),
  ('stu_sv_nomail', '${T}', 'SV-NOM', 'Nomail', 12, NULL, NULL);
INSERT INTO applications (id, tenant_id, reference, student_id, opportunity_id, status, lang, completed_on) VALUES
  ${answered.map(([e, i]) => `('app_sv_${e}_${i}', '${T}', 'SV-${e}-${i}', 'stu_sv_${e}_${i}', 'opp_sv_${e}', 'completed', 'en', '${TODAY}')`).join(',\n  ')},
  ('app_sv_new', '${T}', 'SV-NEW', 'stu_sv_new', 'opp_sv_good', 'completed', 'en', '${TODAY}'),
  ('app_sv_es', '${T}', 'SV-ES', 'stu_sv_es', 'opp_sv_small', 'completed', 'es', '${addDays(TODAY, -3)}'),
  ('app_sv_old', '${T}', 'SV-OLD', 'stu_sv_old', 'opp_sv_good', 'completed', 'en', '${addDays(TODAY, -90)}'),
  ('app_sv_active', '${T}', 'SV-ACT', 'stu_sv_active', 'opp_sv_good', 'active', 'en', NULL),
  ('app_sv_nomail', '${T}', 'SV-NOM', 'stu_sv_nomail', 'opp_sv_good', 'completed', 'en', '${TODAY}');
INSERT INTO experience_surveys (id, tenant_id, application_id, meaningful, felt_safe, would_recommend) VALUES
  ${answered.map(([e, i, [m, s, r]]) => `('svy_sv_${e}_${i}', '${T}', 'app_sv_${e}_${i}', ${m}, ${s}, ${r})`).join(',\n  ')};
`;

let viewer = '';
before(async () => {
  if (!sql(`SELECT id FROM tenants WHERE id = '${T}'`).length) sql(SETUP);
  const res = await login('viewer@survey-test.example', PASSWORD);
  assert.equal(res.status, 200, await res.clone().text());
  viewer = ((await res.json()) as { token: string }).token;
});

/** Midday in the district (UTC), today: inside the hours the job writes. */
const NOON = new Date(`${TODAY}T12:00:00Z`);

describe('the experience survey prompt', () => {
  it('emails each student of a lately completed placement once, in their language, with a link to their school’s student page', async () => {
    const after = await mark();
    await fireCron(MAIL_CRON, NOON);
    const [en] = await waitForMail(email('new'), { after });
    assert.equal(en!.mail.subject, 'How was your placement at Good Clinic?');
    assert.match(en!.mail.text ?? '', /was the work meaningful, did you feel safe, and would you recommend it/);
    // The page of the site of Nadia's school, its query kept, opened at her placement's survey.
    assert.ok((en!.mail.text ?? '').includes(`${NORTH_PAGE}#wbl-my=survey:app_sv_new`), en!.mail.text);
    const [es] = await waitForMail(email('es'), { after });
    assert.equal(es!.mail.subject, '¿Cómo fue su práctica en Small Shop?');
    // Emilio's school has no active site: the district's student page.
    assert.ok((es!.mail.text ?? '').includes(`${DISTRICT_PAGE}#wbl-my=survey:app_sv_es`), es!.mail.text);
    for (const who of ['old', 'active', 'good0']) assert.equal((await settledMail(email(who), after, 0)).length, 0, `${who} is not asked`);
    const written = sql<{ n: number }>(`SELECT count(*) AS n FROM outbox WHERE tenant_id = '${T}' AND kind = 'survey.request'`);
    assert.equal(written[0]?.n, 2, 'two students asked: not the old, active, answered or address-less placements');
    const audited = sql<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE tenant_id = '${T}' AND action = 'survey.request'`);
    assert.equal(audited[0]?.n, 2);
  });

  it('sends nothing the second time the job runs', async () => {
    const after = await mark();
    await fireCron(MAIL_CRON, new Date(NOON.getTime() + 60_000));
    assert.equal((await settledMail(email('new'), after)).length, 0);
    assert.equal((await settledMail(email('es'), after, 0)).length, 0);
    const written = sql<{ n: number }>(`SELECT count(*) AS n FROM outbox WHERE tenant_id = '${T}' AND kind = 'survey.request'`);
    assert.equal(written[0]?.n, 2);
    const audited = sql<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE tenant_id = '${T}' AND action = 'survey.request'`);
    assert.equal(audited[0]?.n, 2);
  });
});

describe('the survey report', () => {
  it('shows each employer’s answers, and withholds an employer with fewer answers than the threshold', async () => {
    const res = await api('/admin/reports/experience-surveys', { key: null, headers: { Authorization: `Bearer ${viewer}` } });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    const r = JSON.parse(text);
    assert.equal(r.suppression.minCell, 5);
    assert.deepEqual(
      r.employers.map((e: { employerId: string }) => e.employerId),
      ['emp_sv_good', 'emp_sv_small'],
    );
    const [good, small] = r.employers;
    // Worked by hand: meaningful (4+3+4+2+4)/5, safe (4+4+3+4+4)/5, recommend (4+4+2+3+1)/5; 3 of 5 answered 3 or 4.
    assert.deepEqual(good, {
      employerId: 'emp_sv_good',
      name: 'Good Clinic',
      suppressed: false,
      responses: 5,
      meaningful: 3.4,
      feltSafe: 3.8,
      wouldRecommend: 2.8,
      recommendShare: 0.6,
    });
    assert.deepEqual(small, {
      employerId: 'emp_sv_small',
      name: 'Small Shop',
      suppressed: true,
      responses: null,
      meaningful: null,
      feltSafe: null,
      wouldRecommend: null,
      recommendShare: null,
    });
    const csv = await api('/admin/reports/experience-surveys.csv', { key: null, headers: { Authorization: `Bearer ${viewer}` } });
    assert.equal(csv.status, 200);
    assert.deepEqual(
      (await csv.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
      [
        'employer_id,employer,responses,meaningful_avg,felt_safe_avg,would_recommend_avg,recommend_share',
        'emp_sv_good,Good Clinic,5,3.4,3.8,2.8,0.6',
        'emp_sv_small,Small Shop,<5,<5,<5,<5,<5',
      ],
    );
    const other = await as(LAKESIDE, 'GET', '/admin/reports/experience-surveys');
    assert.equal(other.status, 200);
    assert.ok(!(await other.json()).employers.some((e: { employerId: string }) => e.employerId.startsWith('emp_sv_')), 'another district sees none of it');
  });
});
