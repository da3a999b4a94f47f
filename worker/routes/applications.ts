import { Hono } from 'hono';
import { ApplicationReceipt, ApplicationRequest } from '../../schema/api/applications.js';
import type { FieldError } from '../../schema/api/problem.js';
import type { AppEnv } from '../env.js';
import { siteKey } from '../middleware/site.js';
import { json } from '../middleware/validate.js';
import { todayIn } from '../lib/dates.js';
import { newId, newReference } from '../lib/ids.js';
import { commitOnce, replay, requestHash, requireIdempotencyKey } from '../lib/idempotency.js';
import { describe } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { isAutomated } from '../lib/public-write.js';
import { clientId, failuresSoFar, rateLimit, recordFailure } from '../lib/rate-limit.js';
import { verifySecret } from '../lib/secrets.js';

describe({
  method: 'post', path: '/api/v1/applications', summary: 'A student applies to an opportunity with their student number and school-issued access code', tags: ['applications'],
  body: ApplicationRequest,
  responses: {
    201: { description: 'The application, now submitted', schema: ApplicationReceipt },
    200: { description: 'The student had already applied: the existing application and its status', schema: ApplicationReceipt },
    404: { description: 'No open opportunity with that id here' },
    409: { description: 'Applications for this opportunity are closed' },
    429: { description: 'Too many attempts' },
  },
});

const FAIL_WINDOW = 900;
const MAX_FAILURES = 5;

const NEXT = 'Your application is in. Your Career Center will review it and let you (and your parent or guardian) know what happens next.';

interface OpportunityRow { id: string; title: string; grade_min: number; grade_max: number; open: number; requires_guardian_consent: number }
interface StudentRow { id: string; grade: number; birth_year: number | null; under_13: number; access_code_hash: string | null }
interface ExistingRow { id: string; reference: string; status: string; created_at: string }

const STATUS_WORDS: Record<string, string> = {
  submitted: 'submitted and waiting for review', under_review: 'being reviewed', offered: 'offered to you', accepted: 'accepted',
  confirmed: 'confirmed', active: 'under way', completed: 'completed', declined: 'not going ahead', withdrawn: 'withdrawn', cancelled: 'cancelled',
};

function alreadyApplied(existing: ExistingRow): ApplicationReceipt {
  return {
    id: existing.id,
    reference: existing.reference,
    status: existing.status,
    alreadyApplied: true,
    next: `You already applied for this on ${existing.created_at.slice(0, 10)}; your application is ${STATUS_WORDS[existing.status] ?? existing.status}. There is no need to apply again.`,
  };
}

export const applications = new Hono<AppEnv>()
  .use(siteKey)
  .post('/', json(ApplicationRequest), async (c) => {
    const site = c.get('site');
    const body = c.req.valid('json');
    const key = requireIdempotencyKey(c.req.header('Idempotency-Key'));
    const db = c.env.DB;
    // The access code is part of the request but never stored, not even inside the idempotency record's hash input.
    const { accessCode, ...studentFields } = body.student;
    const hash = await requestHash(['POST /applications', JSON.stringify({ ...body, student: studentFields })]);
    const first = await replay(db, site.id, key, hash);
    if (first) return c.json(first.body as ApplicationReceipt, first.status as 201);

    if (isAutomated(body)) return c.json({ id: newId('app'), reference: newReference('AP'), status: 'submitted', alreadyApplied: false, next: NEXT }, 201);
    const client = clientId(c.req.raw.headers);
    await rateLimit(db, `application:${site.id}:${client}`, 20, 600);
    const failClient = `access-fail:${site.id}:${client}`;
    const failStudent = `access-fail:${site.tenantId}:${body.student.studentNumber}`;
    if (await failuresSoFar(db, failClient, FAIL_WINDOW) >= MAX_FAILURES || await failuresSoFar(db, failStudent, FAIL_WINDOW) >= MAX_FAILURES * 2) {
      throw new ProblemError('rateLimited', {
        title: 'Too many tries',
        detail: 'Too many student numbers or access codes did not match. Please wait 15 minutes, or ask your Career Center for your code.',
        headers: { 'Retry-After': String(FAIL_WINDOW) },
      });
    }

    const today = todayIn(site.timeZone);
    const opportunity = await db.prepare(
      `SELECT o.id, o.title, o.grade_min, o.grade_max, o.requires_guardian_consent,
              (coalesce(o.application_deadline, '9999-12-31') >= ? AND coalesce(o.ends_on, '9999-12-31') >= ?) AS open
         FROM opportunities o
        WHERE o.id = ? AND o.status = 'published'
          AND (o.tenant_id = ? OR o.seq IN (SELECT opportunity_seq FROM opportunity_shares WHERE tenant_id = ?))`,
    ).bind(today, today, body.opportunityId, site.tenantId, site.tenantId).first<OpportunityRow>();
    if (!opportunity) throw new ProblemError('notFound', { detail: 'No published opportunity has that id here.' });
    if (!opportunity.open) throw new ProblemError('conflict', { title: 'Applications for this opportunity are closed', detail: 'The application deadline has passed. Ask your Career Center about similar opportunities.' });

    const student = await db.prepare('SELECT id, grade, birth_year, under_13, access_code_hash FROM students WHERE tenant_id = ? AND student_number = ?')
      .bind(site.tenantId, body.student.studentNumber).first<StudentRow>();
    if (!(await verifySecret(accessCode, student?.access_code_hash ?? null)) || !student) {
      await recordFailure(db, failClient, FAIL_WINDOW);
      await recordFailure(db, failStudent, FAIL_WINDOW);
      // One answer for an unknown number and a wrong code, so numbers cannot be discovered.
      throw new ProblemError('validation', {
        title: 'We couldn’t find you',
        errors: [{ path: 'student.accessCode', message: 'The student number or access code doesn’t match our records. Check both, or ask your Career Center.', code: 'access_denied' }],
      });
    }

    const errors: FieldError[] = [];
    // Without a birth year, or when it cannot rule out being 17, the student is treated as a minor.
    const minor = student.under_13 === 1 || student.birth_year === null || Number(today.slice(0, 4)) - student.birth_year < 19;
    if (minor && !body.guardian) {
      errors.push({ path: 'guardian.name', message: 'A parent or guardian’s name is required for students under 18', code: 'guardian_required' });
      errors.push({ path: 'guardian.email', message: 'A parent or guardian’s email is required for students under 18', code: 'guardian_required' });
    }
    if (minor && opportunity.requires_guardian_consent === 1 && body.consents.guardianAware !== true) {
      errors.push({ path: 'consents.guardianAware', message: 'Confirm that your parent or guardian knows you are applying', code: 'guardian_consent_required' });
    }
    if (student.grade < opportunity.grade_min || student.grade > opportunity.grade_max) {
      errors.push({ path: 'student.grade', message: `This opportunity is for grades ${opportunity.grade_min}–${opportunity.grade_max}`, code: 'grade_ineligible' });
    }
    if (errors.length) throw new ProblemError('validation', { errors });

    const existingSql = 'SELECT id, reference, status, created_at FROM applications WHERE student_id = ? AND opportunity_id = ?';
    const existing = await db.prepare(existingSql).bind(student.id, opportunity.id).first<ExistingRow>();
    if (existing) return c.json(alreadyApplied(existing), 200);

    const id = newId('app');
    const reference = newReference('AP');
    const receipt: ApplicationReceipt = { id, reference, status: 'submitted', alreadyApplied: false, next: NEXT };
    const a = body.application;
    const recipients = [body.student.email, ...(body.guardian ? [body.guardian.email] : [])];
    try {
      const answer = await commitOnce(db, site.id, key, hash, [
        db.prepare(`INSERT INTO applications (id, tenant_id, reference, student_id, opportunity_id, status, statement, availability,
                      transportation, accommodations, guardian_name, guardian_email, consents)
                    VALUES (?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?)`)
          .bind(id, site.tenantId, reference, student.id, opportunity.id, a.statement,
            JSON.stringify({ slots: a.availability, notes: a.availabilityNotes ?? null }), a.transportation, a.accommodations ?? null,
            body.guardian?.name ?? null, body.guardian?.email ?? null, JSON.stringify(body.consents)),
        db.prepare(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail) VALUES (?, 'site', ?, 'application.create', 'student', ?, ?)`)
          .bind(site.tenantId, site.id, student.id, JSON.stringify({ applicationId: id, opportunityId: opportunity.id })),
        ...recipients.map((to) => db.prepare(`INSERT INTO outbox (id, tenant_id, recipient, subject, body, related_id) VALUES (?, ?, ?, ?, ?, ?)`)
          .bind(newId('msg'), site.tenantId, to, `Application received: ${opportunity.title} (${reference})`,
            `${body.student.preferredName} applied for "${opportunity.title}". ${NEXT}\n\nReference: ${reference}`, id)),
      ], { status: 201, body: receipt });
      return c.json(answer.body as ApplicationReceipt, answer.status as 201);
    } catch (e) {
      // Two different keys raced for the same student and opportunity: the first one stands.
      const winner = await db.prepare(existingSql).bind(student.id, opportunity.id).first<ExistingRow>();
      if (winner) return c.json(alreadyApplied(winner), 200);
      throw e;
    }
  });
