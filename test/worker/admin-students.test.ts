/** The roster under /api/v1/admin/students, on the real Worker and D1: roles, tenants, CSV import, access codes, export and delete. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { StudentCreate, StudentImportRequest, AccessCodesRequest, StudentUpdate } from '../../schema/api/admin/students.js';
import { expectProblem } from './helpers.js';
import { asPerson, studentSession } from './me-helpers.js';
import { ADMIN, as, COORDINATOR, LAKESIDE, quote, read, sql, SUPERVISOR, VIEWER, write } from './admin-helpers.js';
import {
  ARROYO,
  apply,
  applied,
  move,
  newStudent,
  R,
  riversideToday,
  sign,
  signAsCoordinator,
  signTokens,
  THIS_YEAR,
  uniqueNumber,
} from './placement-helpers.js';

const MAYA = R.students.find((s) => s.studentNumber === '100245')!;
const count = (table: string, where: string) => Number(sql<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)[0]!.n);

describe('roster: who may see it', () => {
  it('lets coordinators and admins in, and keeps supervisors, viewers and strangers out', async () => {
    for (const who of [COORDINATOR, ADMIN]) {
      const page = await read(who, '/admin/students', { limit: 5 });
      assert.equal(page.items.length, 5);
      assert.ok(page.nextCursor);
    }
    await expectProblem(await as(SUPERVISOR, 'GET', '/admin/students'), 403);
    await expectProblem(await as(VIEWER, 'GET', '/admin/students'), 403);
    await expectProblem(await as(VIEWER, 'GET', `/admin/students/${MAYA.id}`), 403);
    await expectProblem(await as(SUPERVISOR, 'POST', '/admin/students/import', { csv: 'x', dryRun: true }), 403);
    await expectProblem(await as(null, 'GET', '/admin/students'), 401);
  });

  it('answers 404 for another tenant’s student, whatever the verb, and lists only its own', async () => {
    for (const [method, path, body] of [
      ['GET', `/admin/students/${MAYA.id}`],
      ['PATCH', `/admin/students/${MAYA.id}`, { grade: 12 }],
      ['GET', `/admin/students/${MAYA.id}/export`],
      ['DELETE', `/admin/students/${MAYA.id}`],
      ['POST', '/admin/students/access-codes', { studentIds: [MAYA.id] }],
    ] as const) {
      await expectProblem(await as(LAKESIDE, method, path, body), 404);
    }
    const lakeside = await read(LAKESIDE, '/admin/students', { limit: 100 });
    assert.ok(lakeside.items.length >= 1);
    assert.ok(lakeside.items.every((s: { id: string }) => s.id.startsWith('stu_lak_') || !R.students.some((r) => r.id === s.id)));
    // Maya is still there and unchanged for Riverside.
    const maya = await read(COORDINATOR, `/admin/students/${MAYA.id}`);
    assert.equal(maya.grade, MAYA.grade);
  });

  it('refuses a tenantId in the body like any unknown field', async () => {
    const problem = await expectProblem(
      await as(COORDINATOR, 'POST', '/admin/students', { studentNumber: uniqueNumber(), preferredName: 'Kim', grade: 10, tenantId: 'ten_lakeside' }),
      400,
    );
    assert.deepEqual(
      problem.errors!.map((e) => e.path),
      ['tenantId'],
    );
  });

  it('pages through the roster with a cursor, filtered by school and grade', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await read(COORDINATOR, '/admin/students', { school: 'sch_riv_canyon_high', grade: 11, limit: 2, cursor });
      for (const s of page.items) {
        assert.equal(s.school.id, 'sch_riv_canyon_high');
        assert.equal(s.grade, 11);
        assert.ok(!seen.has(s.id), 'no student twice');
        seen.add(s.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = R.students.filter((s) => s.grade === 11).map((s) => s.id);
    assert.ok(seen.size >= 3);
    for (const id of seen) assert.ok(expected.includes(id));
    await expectProblem(await as(COORDINATOR, 'GET', '/admin/students', undefined, { query: { limit: 500 } }), 400);
    await expectProblem(await as(COORDINATOR, 'GET', '/admin/students', undefined, { query: { cursor: 'not-a-cursor' } }), 400);
  });
});

describe('roster: one student', () => {
  it('creates, reads and updates a student, recording every read and write in the audit log', async () => {
    const number = uniqueNumber();
    const created = await write(
      COORDINATOR,
      'POST',
      '/admin/students',
      {
        studentNumber: number,
        preferredName: 'Rosa',
        grade: 10,
        schoolId: 'sch_riv_arroyo_high',
        birthYear: THIS_YEAR - 15,
        guardianName: 'Ana Vega',
        guardianEmail: 'ana.vega@example.com',
        studentGroups: ['english_learner', 'foster_care'],
        concentrator: false,
      },
      201,
    );
    assert.match(created.id, /^stu_/);
    assert.equal(created.minor, true);
    assert.equal(created.hasAccessCode, false);
    assert.deepEqual(created.studentGroups, ['english_learner', 'foster_care']);
    assert.equal(created.school.name, 'Arroyo Vista High School');

    const read1 = await read(COORDINATOR, `/admin/students/${created.id}`);
    assert.deepEqual(read1.applications, []);
    const updated = await write(COORDINATOR, 'PATCH', `/admin/students/${created.id}`, { grade: 11, concentrator: true, guardianEmail: null });
    assert.equal(updated.grade, 11);
    assert.equal(updated.concentrator, true);
    assert.equal(updated.guardianEmail, null);
    assert.equal(updated.guardianName, 'Ana Vega', 'fields not sent stay');

    const list = await read(COORDINATOR, '/admin/students', { q: number });
    assert.deepEqual(
      list.items.map((s: { id: string }) => s.id),
      [created.id],
    );

    const audit = sql<{ action: string; actor_id: string; detail: string | null }>(
      `SELECT action, actor_id, detail FROM audit_log WHERE entity = 'student' AND entity_id = ${quote(created.id)} ORDER BY id`,
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['student.create', 'student.read', 'student.update'],
    );
    assert.ok(audit.every((a) => a.actor_id === 'usr_riv_coordinator'));
    assert.deepEqual(JSON.parse(audit[2]!.detail!).fields.sort(), ['concentrator', 'grade', 'guardianEmail']);
    assert.ok(!audit.some((a) => (a.detail ?? '').includes('Rosa')), 'the audit log holds ids and field names, not student data');
    const listed = sql<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'student.list' AND detail LIKE ${quote(`%${created.id}%`)}`);
    assert.equal(listed.length, 1, 'a list that shows a student records it');
  });

  it('refuses a duplicate number, a school of another tenant and a grade the school does not serve', async () => {
    const taken = await expectProblem(
      await as(COORDINATOR, 'POST', '/admin/students', { studentNumber: MAYA.studentNumber, preferredName: 'Other', grade: 11 }),
      409,
    );
    assert.equal(taken.errors![0]!.path, 'studentNumber');
    const foreign = await expectProblem(
      await as(COORDINATOR, 'POST', '/admin/students', { studentNumber: uniqueNumber(), preferredName: 'Lu', grade: 11, schoolId: 'sch_lak_north_shore' }),
      400,
    );
    assert.equal(foreign.errors![0]!.path, 'schoolId');
    const middle = await expectProblem(
      await as(COORDINATOR, 'POST', '/admin/students', { studentNumber: uniqueNumber(), preferredName: 'Lu', grade: 11, schoolId: 'sch_riv_mission_middle' }),
      400,
    );
    assert.equal(middle.errors![0]!.path, 'grade');
    const bad = await expectProblem(
      await as(COORDINATOR, 'POST', '/admin/students', { studentNumber: 'x', preferredName: '', grade: 13, guardianEmail: 'nope', studentGroups: ['vip'] }),
      400,
    );
    assert.deepEqual(bad.errors!.map((e) => e.path).sort(), ['grade', 'guardianEmail', 'preferredName', 'studentGroups.0', 'studentNumber']);
    await expectProblem(await as(COORDINATOR, 'PATCH', `/admin/students/${MAYA.id}`, {}), 400);
    const other = await newStudent();
    const clash = await expectProblem(await as(COORDINATOR, 'PATCH', `/admin/students/${other.id}`, { studentNumber: MAYA.studentNumber }), 409);
    assert.equal(clash.errors![0]!.path, 'studentNumber');
  });

  it('accepts the examples its OpenAPI document shows', () => {
    for (const schema of [StudentCreate, StudentUpdate, StudentImportRequest, AccessCodesRequest]) {
      const { example } = z.globalRegistry.get(schema) as { example: unknown };
      assert.ok(z.safeParse(schema, example).success);
    }
  });
});

describe('roster: CSV import', () => {
  const header = 'student_number,preferred_name,grade,school,birth_year,guardian_name,guardian_email,email,student_groups,concentrator';

  it('previews row by row, reports each row’s errors, and writes nothing', async () => {
    const a = uniqueNumber();
    const b = uniqueNumber();
    const csv = [
      header,
      `${a},Priya,10,Riverside High School,${THIS_YEAR - 15},Anil Shah,anil.shah@example.com,,ell; frl,no`,
      `${MAYA.studentNumber},Maya,12,sch_riv_riverside_high,2010,Lucia Rodriguez,lucia.rodriguez@example.com,,english_learner,yes`,
      `${b},Bo,14,Nowhere High,,,not-an-email,,wizard,maybe`,
      '',
      `${a},Priya again,10,Riverside High School,,,,,,`,
      `,,,,,,,,,`,
      `"${uniqueNumber()}","Quoted, Name",9,"Canyon Crest High School",,,,,"swd;foster",x`,
    ].join('\n');
    const before = count('students', "tenant_id = 'ten_riverside'");
    const auditBefore = count('audit_log', "action IN ('student.create', 'student.update')");
    const preview = await write(COORDINATOR, 'POST', '/admin/students/import', { csv, dryRun: true });
    assert.equal(preview.dryRun, true);
    assert.equal(preview.written, false);
    assert.deepEqual(
      preview.rows.map((r: { line: number; status: string }) => [r.line, r.status]),
      [
        [2, 'create'],
        [3, 'update'],
        [4, 'error'],
        [6, 'error'],
        [8, 'create'],
      ],
    );
    assert.deepEqual(preview.summary, { rows: 5, create: 2, update: 1, error: 2 });
    assert.deepEqual(preview.rows[0].student.studentGroups, ['english_learner', 'economically_disadvantaged']);
    assert.equal(preview.rows[1].student.id, MAYA.id);
    assert.deepEqual(preview.rows[2].errors.map((e: { field: string }) => e.field).sort(), [
      'concentrator',
      'grade',
      'guardian_email',
      'school',
      'student_groups',
    ]);
    assert.match(preview.rows[3].errors[0].message, /row 2/);
    assert.equal(preview.rows[4].student.preferredName, 'Quoted, Name');
    assert.equal(count('students', "tenant_id = 'ten_riverside'"), before, 'a preview writes no student');
    assert.equal(count('audit_log', "action IN ('student.create', 'student.update')"), auditBefore);
  });

  it('writes nothing when any row has an error, and all rows when none has', async () => {
    const a = uniqueNumber();
    const b = uniqueNumber();
    const broken = `${header}\n${a},Ana,9,Riverside High School,,,,,,no\n${b},Ben,99,Riverside High School,,,,,,no\n`;
    const before = count('students', "tenant_id = 'ten_riverside'");
    const refused = await expectProblem(await as(COORDINATOR, 'POST', '/admin/students/import', { csv: broken, dryRun: false }), 400);
    assert.deepEqual(
      refused.errors!.map((e) => e.path),
      ['csv.row3.grade'],
    );
    assert.equal(count('students', "tenant_id = 'ten_riverside'"), before, 'nothing written');

    // A tab-separated paste from a spreadsheet, with an update of a student the test made.
    const existing = await newStudent({ grade: 10 });
    const tsv = [
      'Student Number\tPreferred Name\tGrade\tSchool\tStudent Groups\tConcentrator\tLast Name',
      `${a}\tAna\t9\tRiverside High School\tELL, FRL\tno\tIgnored`,
      `${existing.studentNumber}\tRenamed\t11\tArroyo Vista High School\t\tyes\tIgnored`,
    ].join('\r\n');
    const done = await write(COORDINATOR, 'POST', '/admin/students/import', { csv: tsv, dryRun: false });
    assert.equal(done.written, true);
    assert.deepEqual(done.summary, { rows: 2, create: 1, update: 1, error: 0 });
    assert.deepEqual(done.columns, ['student_number', 'preferred_name', 'grade', 'school', 'student_groups', 'concentrator']);
    const ana = await read(COORDINATOR, `/admin/students/${done.rows[0].student.id}`);
    assert.equal(ana.preferredName, 'Ana');
    assert.deepEqual(ana.studentGroups, ['english_learner', 'economically_disadvantaged']);
    const renamed = await read(COORDINATOR, `/admin/students/${existing.id}`);
    assert.equal(renamed.preferredName, 'Renamed');
    assert.equal(renamed.grade, 11);
    assert.equal(renamed.concentrator, true);
    assert.equal(renamed.hasAccessCode, true, 'an import never touches access codes');
    assert.equal(renamed.guardianName, 'Pat Guardian', 'a column the file leaves out keeps its value');
    assert.deepEqual(
      sql<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = ${quote(done.rows[0].student.id)} AND action LIKE 'student.%' ORDER BY id`).map(
        (r) => r.action,
      ),
      ['student.create', 'student.read'],
    );
    assert.equal(count('audit_log', `entity_id = ${quote(existing.id)} AND action = 'student.update'`), 1);
  });

  it('answers a file without the required columns as a whole-file problem', async () => {
    const problem = await expectProblem(await as(COORDINATOR, 'POST', '/admin/students/import', { csv: 'name,email\nBo,bo@example.com\n', dryRun: true }), 400);
    assert.match(problem.errors![0]!.message, /student_number, grade/);
    await expectProblem(await as(COORDINATOR, 'POST', '/admin/students/import', { csv: `${header}\n`, dryRun: true }), 400);
    await expectProblem(await as(COORDINATOR, 'POST', '/admin/students/import', { csv: `${header}\n1,2,3` }), 400);
  });
});

describe('roster: access codes', () => {
  it('shows a fresh code once, stores only its hash, and the code works on the public form', async () => {
    const student = await newStudent({ grade: 11 });
    assert.match(student.accessCode, /^RIVER-[2-9]{4}-[2-9]{4}$/);
    const stored = sql<{ access_code_hash: string }>(`SELECT access_code_hash FROM students WHERE id = ${quote(student.id)}`)[0]!.access_code_hash;
    assert.match(stored, /^pbkdf2\$20000\$/);
    assert.ok(!JSON.stringify(sql(`SELECT * FROM audit_log WHERE entity_id = ${quote(student.id)}`)).includes(student.accessCode));
    await applied(student, ARROYO.shadow);

    // A new code replaces the old one at once.
    const again = await write(COORDINATOR, 'POST', '/admin/students/access-codes', { studentIds: [student.id] });
    assert.notEqual(again.items[0].accessCode, student.accessCode);
    const old = await apply(student, ARROYO.cna);
    await expectProblem(old, 400);
    const fresh = await apply({ ...student, accessCode: again.items[0].accessCode }, ARROYO.cna);
    assert.equal(fresh.status, 201);
  });

  it('prints a sorted list for several students and refuses ids that are not on the roster', async () => {
    const a = await newStudent({ grade: 12, birthYear: THIS_YEAR - 18 });
    const b = await newStudent({ grade: 9, birthYear: THIS_YEAR - 14 });
    const slips = await write(COORDINATOR, 'POST', '/admin/students/access-codes', { studentIds: [a.id, b.id] });
    assert.deepEqual(
      slips.items.map((s: { studentId: string }) => s.studentId),
      [b.id, a.id],
      'by school, then grade',
    );
    assert.equal(new Set(slips.items.map((s: { accessCode: string }) => s.accessCode)).size, 2);
    const problem = await expectProblem(await as(COORDINATOR, 'POST', '/admin/students/access-codes', { studentIds: [a.id, 'stu_lak_noah'] }), 404);
    assert.equal(problem.errors![0]!.path, 'studentIds.1');
  });
});

describe('roster: export and delete', () => {
  it('exports every audit row about a student — reads, lists that showed them, their placement’s rows — and no one else’s', async () => {
    const student = await newStudent({ grade: 11 });
    const other = await newStudent({ grade: 11 });
    const appId = await applied(student, ARROYO.shadow);
    await move(appId, 'under_review');
    // Many rows of every kind: reads of the record, lists that showed them (no entity id, the
    // id in the detail), reads of their placement, the messages about it and their credentials.
    for (let i = 0; i < 40; i++) await read(COORDINATOR, `/admin/students/${student.id}`);
    for (let i = 0; i < 30; i++) await read(COORDINATOR, '/admin/students', { q: student.studentNumber });
    for (let i = 0; i < 30; i++) await read(COORDINATOR, `/admin/applications/${appId}`);
    await read(COORDINATOR, '/admin/outbox', { relatedId: appId });
    await read(COORDINATOR, '/admin/credentials', { studentId: student.id });
    await read(COORDINATOR, `/admin/students/${other.id}`);
    // A row about another student whose id merely starts with this one's must stay out.
    sql(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail)
         VALUES ('ten_riverside', 'user', 'usr_riv_coordinator', 'student.list', 'student', NULL, ${quote(JSON.stringify({ ids: [`${student.id}x`] }))})`);

    const res = await as(COORDINATOR, 'GET', `/admin/students/${student.id}/export`);
    assert.equal(res.status, 200);
    const audit = (JSON.parse(await res.text()) as { audit: { id: number; action: string; entityId: string | null; detail: unknown }[] }).audit;

    // What the database holds about them, found independently: their id or their application's, as the entity or inside the detail.
    const mine = (col: string) => `(${col} = ${quote(student.id)} OR ${col} = ${quote(appId)})`;
    const expected = sql<{ id: number }>(`SELECT id FROM audit_log WHERE tenant_id = 'ten_riverside' AND (${mine('entity_id')}
        OR instr(detail, ${quote(`"${student.id}"`)}) > 0 OR instr(detail, ${quote(`"${appId}"`)}) > 0) ORDER BY id`).map((r) => r.id);
    assert.ok(expected.length >= 105, `many rows (${expected.length})`);
    assert.deepEqual(
      audit.map((a) => a.id),
      expected,
      'every row about them, in order, and nothing else',
    );
    const actions = new Set(audit.map((a) => a.action));
    for (const action of [
      'student.create',
      'student.access_code',
      'student.read',
      'student.list',
      'application.create',
      'application.read',
      'application.transition',
      'outbox.read',
      'credential.list',
      'student.export',
    ]) {
      assert.ok(actions.has(action), `the export has ${action}`);
    }
    assert.equal(audit.filter((a) => a.action === 'student.read').length, 40);
    assert.ok(audit.filter((a) => a.action === 'student.list').length >= 30);
    assert.ok(!JSON.stringify(audit).includes(other.id), 'no row about the other student');
  });

  it('exports everything stored about a student, then deletes it all, leaving only audit entries', async () => {
    const student = await newStudent({ grade: 11 });
    const appId = await applied(student, ARROYO.shadow);
    await move(appId, 'under_review', 'offered', 'accepted');
    const tokens = await signTokens(appId);
    for (const [role, token] of Object.entries(tokens)) assert.equal((await sign(token, `${role} signer`)).status, 200);
    assert.equal((await signAsCoordinator(appId)).status, 200, 'the coordinator signs in the console');
    await move(appId, 'confirmed', 'active');
    await write(COORDINATOR, 'POST', `/admin/applications/${appId}/hours`, { workedOn: riversideToday(), hours: 2, activity: 'Shadowed the unit clerk' }, 201);
    const detail = await read(COORDINATOR, `/admin/applications/${appId}`);
    await write(COORDINATOR, 'PUT', `/admin/applications/${appId}/evaluations/midpoint`, {
      ratings: [...detail.opportunity.skills, ...detail.opportunity.technicalSkills].map((skill: string) => ({ skill, level: 3 })),
    });
    // Their own side of it (issue 13): a sign-in of their own, a reflection and the experience
    // survey on the placement, a reservation made as them and their attendance at that event.
    const personToken = await studentSession(student);
    const tag = student.id.slice(-8);
    const secrets = {
      session: sql<{ token_hash: string }>(`SELECT token_hash FROM person_sessions WHERE student_id = ${quote(student.id)}`)[0]!.token_hash,
      cancel: `cancel-hash-${tag}`,
      manage: `manage-hash-${tag}`,
    };
    const event = sql<{ id: string }>(`SELECT id FROM events WHERE tenant_id = 'ten_riverside' ORDER BY id LIMIT 1`)[0]!.id;
    sql(`INSERT INTO reflections (id, tenant_id, application_id, period, body, skills, would_recommend)
           VALUES ('rfl_${tag}', 'ten_riverside', ${quote(appId)}, 'closing', 'I learned to chart vitals', '["Communication"]', 1);
         INSERT INTO experience_surveys (id, tenant_id, application_id, meaningful, felt_safe, would_recommend, comment)
           VALUES ('exs_${tag}', 'ten_riverside', ${quote(appId)}, 4, 4, 3, 'Kind mentors');
         INSERT INTO rsvps (id, tenant_id, event_id, name, email, role, party_size, status, student_id, cancel_token_hash, manage_code_hash)
           VALUES ('rsv_${tag}', 'ten_riverside', ${quote(event)}, ${quote(student.preferredName)}, 'student.${tag}@students.example', 'student', 1, 'confirmed',
                   ${quote(student.id)}, ${quote(secrets.cancel)}, ${quote(secrets.manage)});
         INSERT INTO attendance (id, tenant_id, event_id, rsvp_id, student_id, name, people)
           VALUES ('att_${tag}', 'ten_riverside', ${quote(event)}, 'rsv_${tag}', ${quote(student.id)}, ${quote(student.preferredName)}, 1);`);

    const res = await as(COORDINATOR, 'GET', `/admin/students/${student.id}/export`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="student-stu_[a-z0-9]+-export\.json"$/);
    const text = await res.text();
    const body = JSON.parse(text);
    assert.equal(body.student.id, student.id);
    assert.equal(body.student.hasAccessCode, true);
    assert.equal(body.applications.length, 1);
    assert.equal(body.agreements.length, 4, 'student, guardian, supervisor and coordinator');
    assert.equal(body.hourLogs.length, 1);
    assert.equal(body.evaluations.length, 1);
    assert.ok(body.applicationEvents.length >= 5);
    assert.ok(body.messages.length >= 5, 'the messages sent about them');
    assert.ok(
      body.messages.every((m: Record<string, unknown>) => !('sealedLink' in m) && !/token=/.test(String(m.body))),
      'no one-time link, sealed or not',
    );
    assert.ok(body.messages.some((m: { body: string; status: string }) => m.body.includes('{link}') && typeof m.status === 'string'));
    assert.ok(
      body.audit.some((a: { action: string }) => a.action === 'student.export'),
      'the export records itself',
    );
    assert.ok(body.audit.some((a: { action: string }) => a.action === 'application.transition'));
    assert.ok(!/access_?code_?hash|sign_?token_?hash|pbkdf2/i.test(text), 'no secret’s hash');
    assert.ok(!text.includes(student.accessCode));
    assert.deepEqual(
      body.reflections.map((r: { id: string; body: string; skills: unknown }) => [r.id, r.body, r.skills]),
      [[`rfl_${tag}`, 'I learned to chart vitals', ['Communication']]],
    );
    assert.deepEqual(
      body.experienceSurveys.map((r: Record<string, unknown>) => [r.id, r.meaningful, r.feltSafe, r.wouldRecommend, r.comment]),
      [[`exs_${tag}`, 4, 4, 3, 'Kind mentors']],
    );
    assert.deepEqual(
      body.rsvps.map((r: Record<string, unknown>) => [r.id, r.eventId, r.status]),
      [[`rsv_${tag}`, event, 'confirmed']],
    );
    assert.deepEqual(
      body.attendance.map((r: Record<string, unknown>) => [r.id, r.eventId, r.rsvpId]),
      [[`att_${tag}`, event, `rsv_${tag}`]],
    );
    assert.equal(body.personSessions.length, 1, 'their sign-in');
    assert.deepEqual(Object.keys(body.personSessions[0]).sort(), ['createdAt', 'expiresAt', 'id', 'kind', 'lastSeenAt'], 'that it existed, and when');
    assert.ok(!/token_?hash|manage_?code_?hash/i.test(text), 'no token’s or code’s hash by name');
    for (const secret of Object.values(secrets)) assert.ok(!text.includes(secret), 'nor by value');

    const deleted = await write(COORDINATOR, 'DELETE', `/admin/students/${student.id}`, undefined);
    assert.deepEqual(deleted.deleted, {
      applications: 1,
      agreements: 4,
      hourLogs: 1,
      evaluations: 1,
      reflections: 1,
      experienceSurveys: 1,
      attendance: 1,
      personSessions: 1,
      rsvpsUnlinked: 1,
      messages: body.messages.length,
      credentialsUnlinked: 0,
    });
    await expectProblem(await as(COORDINATOR, 'GET', `/admin/students/${student.id}`), 404);
    await expectProblem(await as(COORDINATOR, 'GET', `/admin/applications/${appId}`), 404);
    await expectProblem(await as(COORDINATOR, 'DELETE', `/admin/students/${student.id}`), 404);
    const app = quote(appId);
    for (const [table, where] of [
      ['students', `id = ${quote(student.id)}`],
      ['applications', `id = ${app}`],
      ['agreements', `application_id = ${app}`],
      ['hour_logs', `application_id = ${app}`],
      ['evaluations', `application_id = ${app}`],
      ['application_events', `application_id = ${app}`],
      ['outbox', `related_id = ${app}`],
      ['reflections', `application_id = ${app}`],
      ['experience_surveys', `application_id = ${app}`],
      ['attendance', `student_id = ${quote(student.id)} OR id = 'att_${tag}'`],
      ['person_sessions', `student_id = ${quote(student.id)}`],
      ['rsvps', `student_id = ${quote(student.id)}`],
    ] as const)
      assert.equal(count(table, where), 0, `nothing left in ${table}`);
    // The reservation stays on its event's headcount, no longer theirs; their sign-in no longer signs anyone in.
    assert.equal(count('rsvps', `id = 'rsv_${tag}' AND student_id IS NULL`), 1);
    await expectProblem(await asPerson(personToken, 'GET', ''), 401);
    const trail = sql<{ action: string; detail: string | null }>(
      `SELECT action, detail FROM audit_log WHERE entity = 'student' AND entity_id = ${quote(student.id)} ORDER BY id`,
    );
    assert.equal(trail.at(-1)!.action, 'student.delete');
    assert.ok(!JSON.stringify(trail).includes(student.preferredName), 'the audit entry keeps the id, not the name');
  });
});
