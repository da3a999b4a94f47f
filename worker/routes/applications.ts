import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { ApplicationReceipt, ApplicationRequest } from '../../schema/api/applications.js';
import type { FieldError } from '../../schema/api/problem.js';
import { applications as applicationRows, opportunities, students, tenants } from '../../schema/db/tables.js';
import { siteKey } from '../middleware/site.js';
import { json } from '../middleware/validate.js';
import { auditRow } from '../lib/audit.js';
import { todayIn } from '../lib/dates.js';
import type { Database } from '../lib/db.js';
import { newId, newReference } from '../lib/ids.js';
import { commitOnce, replay, requestHash, requireIdempotencyKey } from '../lib/idempotency.js';
import { describe } from '../lib/openapi.js';
import { visibleTo } from '../lib/opportunity-query.js';
import type { Lang } from '../lib/lang.js';
import { outboxRow } from '../lib/outbox.js';
import { placementLanguages } from '../lib/placement-mail.js';
import { compose } from '../mail/catalogue/index.js';
import { longDate } from '../mail/catalogue/placements.js';
import { ProblemError } from '../lib/problem.js';
import { appSecret } from '../lib/app-secret.js';
import { isAutomated } from '../lib/form-token.js';
import { type AttemptBucket, clientId, countAttempt, mayMessage, rateLimit } from '../lib/rate-limit.js';
import { verifySecret } from '../lib/secrets.js';
import { accessCodeTriesBucket } from '../lib/roster.js';
import type { AppEnv, SiteContext } from '../env.js';

describe({
  method: 'post',
  path: '/api/v1/applications',
  idempotencyKey: true,
  summary: 'A student applies to an opportunity with their student number and school-issued access code',
  tags: ['applications'],
  body: ApplicationRequest,
  responses: {
    201: { description: 'The application, now submitted', schema: ApplicationReceipt },
    200: { description: 'The student had already applied: the existing application and its status', schema: ApplicationReceipt },
    400: {
      description:
        'A field error; `formToken` when the form token is missing, not valid for this site and form, expired, or the form was sent within seconds of opening (`too_fast`); `student.accessCode` when the student number and access code do not match',
    },
    404: { description: 'No open opportunity with that id here' },
    409: { description: 'Applications for this opportunity are closed' },
    422: { description: 'The Idempotency-Key was already used for a different request' },
    429: { description: 'Too many submissions from this client, or too many access-code tries for this student number or from this device or network' },
  },
});

/**
 * Submissions one client may send in ten minutes. A whole class applies from one school
 * address, so this is generous; junk is refused before it is counted.
 */
const SUBMISSIONS_PER_CLIENT = 200;
const SUBMISSION_WINDOW = 600;

/** Access-code tries are counted in a 15-minute window, per student number and per client. */
const CODE_WINDOW = 900;
/** Enough for a student to mistype a few times, too few to guess one student's code. */
const CODE_TRIES_PER_STUDENT = 5;
/** Much higher, because every student on the school's Wi-Fi shares one address. */
const CODE_TRIES_PER_CLIENT = 100;

/** What happens next, in the language the student applied in. */
const NEXT: Record<Lang, string> = {
  en: 'Your application is in. Your Career Center will review it and let you (and your parent or guardian) know what happens next.',
  es: 'Su solicitud está recibida. Su Centro de Carreras la revisará y le avisará a usted (y a su madre, padre o tutor legal) qué sigue.',
};

/** The student's application to this opportunity, if they have applied already. */
const existingApplication = (db: Database, studentId: string, opportunityId: string) =>
  db
    .select({ id: applicationRows.id, reference: applicationRows.reference, status: applicationRows.status, createdAt: applicationRows.createdAt })
    .from(applicationRows)
    .where(and(eq(applicationRows.studentId, studentId), eq(applicationRows.opportunityId, opportunityId)))
    .get();
type ExistingRow = NonNullable<Awaited<ReturnType<typeof existingApplication>>>;

const STATUS_WORDS: Record<Lang, Record<string, string>> = {
  en: {
    submitted: 'submitted and waiting for review',
    under_review: 'being reviewed',
    offered: 'offered to you',
    accepted: 'accepted',
    confirmed: 'confirmed',
    active: 'under way',
    completed: 'completed',
    declined: 'not going ahead',
    withdrawn: 'withdrawn',
    cancelled: 'cancelled',
  },
  es: {
    submitted: 'enviada y en espera de revisión',
    under_review: 'en revisión',
    offered: 'con una oferta para usted',
    accepted: 'aceptada',
    confirmed: 'confirmada',
    active: 'en curso',
    completed: 'terminada',
    declined: 'sin seguir adelante',
    withdrawn: 'retirada',
    cancelled: 'cancelada',
  },
};

function alreadyApplied(existing: ExistingRow, lang: Lang): ApplicationReceipt {
  const on = longDate(existing.createdAt, lang);
  const status = STATUS_WORDS[lang][existing.status] ?? existing.status;
  return {
    id: existing.id,
    reference: existing.reference,
    status: existing.status,
    alreadyApplied: true,
    next:
      lang === 'es'
        ? `Ya se postuló a esta oportunidad el ${on}; su solicitud está ${status}. No necesita postularse de nuevo.`
        : `You already applied for this on ${on}; your application is ${status}. There is no need to apply again.`,
  };
}

const STUDENT_LOCKED = 'Too many tries for this student number';
const CLIENT_LOCKED = 'Too many tries from this device or network';

const minutes = (n: number) => (n === 1 ? '1 minute' : `${n} minutes`);

/**
 * The two budgets a try at an access code is counted in. The student-number budget is small, so
 * nobody can guess one student's code; the client budget is large, so one student mistyping
 * never locks out the rest of the school's Wi-Fi. Each says what to do in its own words.
 */
function accessCodeBuckets(site: SiteContext, studentNumber: string, client: string): [AttemptBucket, AttemptBucket] {
  const wait = minutes(Math.ceil((CODE_WINDOW - (Math.floor(Date.now() / 1000) % CODE_WINDOW)) / 60));
  return [
    {
      bucket: accessCodeTriesBucket(site.tenantId, studentNumber),
      limit: CODE_TRIES_PER_STUDENT,
      title: STUDENT_LOCKED,
      detail: `The access code for this student number was wrong too many times, so applying with it is paused. Wait ${wait} and try again; if you don’t have the right code, ask your Career Center for a new access code.`,
    },
    {
      bucket: `access-code:client:${site.tenantId}:${client}`,
      limit: CODE_TRIES_PER_CLIENT,
      title: CLIENT_LOCKED,
      detail: `Too many student numbers or access codes sent from this device or network did not match. Wait ${wait} and try again. If this keeps happening at school, tell your Career Center.`,
    },
  ];
}

/**
 * Counts one try at an access code (see countAttempt). A refusal carries a field error with a
 * stable code, so the form can say in the student's language which of the two budgets is full.
 */
async function countCodeTry(db: Database, site: SiteContext, studentNumber: string, client: string) {
  try {
    return await countAttempt(db, accessCodeBuckets(site, studentNumber, client), CODE_WINDOW);
  } catch (e) {
    if (!(e instanceof ProblemError) || e.kind !== 'rateLimited') throw e;
    const perStudent = e.message === STUDENT_LOCKED;
    throw new ProblemError('rateLimited', {
      title: e.message,
      detail: e.detail,
      headers: e.headers,
      errors: [
        {
          path: perStudent ? 'student.studentNumber' : 'student.accessCode',
          message: e.detail ?? e.message,
          code: perStudent ? 'too_many_tries_student_number' : 'too_many_tries_client',
        },
      ],
    });
  }
}

interface Recipient {
  address: string;
  who: 'student' | 'guardian';
}

/** Who is told that the application arrived: the address the student typed (a few times a day at most) and, for a minor, the roster's guardian. */
async function receiptRecipients(db: Database, tenantId: string, typed: string, rosterGuardian: string | null, minor: boolean): Promise<Recipient[]> {
  const to = new Map<string, Recipient>();
  // Anyone can type any address here: past a few messages a day it is sent nothing more, so the
  // form cannot be used to flood a stranger's inbox. The application is still kept.
  if (await mayMessage(db, tenantId, typed)) to.set(typed.trim().toLowerCase(), { address: typed, who: 'student' });
  // The guardian comes from the roster, never from the form; a typed guardian address is only a
  // suggestion for the coordinator and is never written to.
  if (minor && rosterGuardian) to.set(rosterGuardian.trim().toLowerCase(), { address: rosterGuardian, who: 'guardian' });
  return [...to.values()];
}

export const applications = new Hono<AppEnv>().use(siteKey).post('/', json(ApplicationRequest), async (c) => {
  const site = c.get('site');
  const lang = c.var.lang;
  const body = c.req.valid('json');
  const key = requireIdempotencyKey(c.req.header('Idempotency-Key'));
  const db = c.var.db;
  // The access code is part of the request but never stored, not even inside the idempotency
  // record's hash input. The form token is left out too: a retry after a reload carries a fresh
  // token, and must still get the first answer rather than a refusal or a second application.
  const { accessCode, ...studentFields } = body.student;
  const { formToken: _token, ...request } = body;
  const hash = await requestHash(['POST /applications', JSON.stringify({ ...request, student: studentFields })]);
  const first = await replay(db, site.id, key, hash);
  if (first) return c.json(first.body as ApplicationReceipt, first.status as 201);

  // Junk (a filled honeypot, a missing, forged, foreign or too-young token) is turned away
  // before anything is counted, so a flood of it uses up neither this client's budget nor any
  // student number's access-code tries.
  if (await isAutomated(appSecret(c.env), body, site.id, 'application')) {
    return c.json({ id: newId('app'), reference: newReference('AP'), status: 'submitted', alreadyApplied: false, next: NEXT[lang] }, 201);
  }
  const client = clientId(c.req.raw.headers);
  await rateLimit(db, `application:${site.id}:${client}`, SUBMISSIONS_PER_CLIENT, SUBMISSION_WINDOW);

  const today = todayIn(site.timeZone);
  const opportunity = await db
    .select({
      id: opportunities.id,
      title: opportunities.title,
      gradeMin: opportunities.gradeMin,
      gradeMax: opportunities.gradeMax,
      requiresGuardianConsent: opportunities.requiresGuardianConsent,
      districtName: tenants.name,
      districtLocale: tenants.defaultLocale,
      open: sql`(coalesce(${opportunities.applicationDeadline}, '9999-12-31') >= ${today} AND coalesce(${opportunities.endsOn}, '9999-12-31') >= ${today})`.mapWith(
        Boolean,
      ),
    })
    .from(opportunities)
    .innerJoin(tenants, eq(tenants.id, site.tenantId))
    .where(and(eq(opportunities.id, body.opportunityId), eq(opportunities.status, 'published'), visibleTo(opportunities, site.tenantId)))
    .get();
  if (!opportunity) throw new ProblemError('notFound', { detail: 'No published opportunity has that id here.' });
  if (!opportunity.open)
    throw new ProblemError('conflict', {
      title: 'Applications for this opportunity are closed',
      detail: 'The application deadline has passed. Ask your Career Center about similar opportunities.',
    });

  // Counted before the code is checked, so guesses sent all at once get no more checks than
  // guesses sent one by one, and the right code inside a full window is refused too.
  const attempt = await countCodeTry(db, site, body.student.studentNumber, client);
  const student = await db
    .select({
      id: students.id,
      preferredName: students.preferredName,
      grade: students.grade,
      birthYear: students.birthYear,
      under13: students.under13,
      accessCodeHash: students.accessCodeHash,
      guardianEmail: students.guardianEmail,
    })
    .from(students)
    .where(and(eq(students.tenantId, site.tenantId), eq(students.studentNumber, body.student.studentNumber)))
    .get();
  if (!(await verifySecret(accessCode, student?.accessCodeHash ?? null)) || !student) {
    // One answer for an unknown number and a wrong code, so numbers cannot be discovered.
    throw new ProblemError('validation', {
      title: 'We couldn’t find you',
      errors: [
        {
          path: 'student.accessCode',
          message: 'The student number or access code doesn’t match our records. Check both, or ask your Career Center.',
          code: 'access_denied',
        },
      ],
    });
  }

  // The right code: this try is given back, so a student never throttles themself by applying.
  await attempt.succeeded();

  const errors: FieldError[] = [];
  // Without a birth year, or when it cannot rule out being 17, the student is treated as a minor.
  const minor = student.under13 || student.birthYear === null || Number(today.slice(0, 4)) - student.birthYear < 19;
  if (minor && opportunity.requiresGuardianConsent && body.consents.guardianAware !== true) {
    errors.push({ path: 'consents.guardianAware', message: 'Confirm that your parent or guardian knows you are applying', code: 'guardian_consent_required' });
  }
  if (student.grade < opportunity.gradeMin || student.grade > opportunity.gradeMax) {
    errors.push({ path: 'student.grade', message: `This opportunity is for grades ${opportunity.gradeMin}–${opportunity.gradeMax}`, code: 'grade_ineligible' });
  }
  if (errors.length) throw new ProblemError('validation', { errors });

  const existing = await existingApplication(db, student.id, opportunity.id);
  if (existing) return c.json(alreadyApplied(existing, lang), 200);

  const id = newId('app');
  const reference = newReference('AP');
  const receipt: ApplicationReceipt = { id, reference, status: 'submitted', alreadyApplied: false, next: NEXT[lang] };
  const a = body.application;
  const recipients = await receiptRecipients(db, site.tenantId, body.student.email, student.guardianEmail, minor);
  const langOf = await placementLanguages(
    db,
    { tenantId: site.tenantId, appLang: lang, districtLocale: opportunity.districtLocale },
    recipients.map((r) => r.address),
  );
  try {
    const answer = await commitOnce(
      db,
      site.id,
      key,
      hash,
      [
        // The typed guardian is kept only as a suggestion the coordinator may copy to the roster.
        db.insert(applicationRows).values({
          id,
          tenantId: site.tenantId,
          reference,
          studentId: student.id,
          opportunityId: opportunity.id,
          status: 'submitted',
          statement: a.statement,
          availability: JSON.stringify({ slots: a.availability, notes: a.availabilityNotes ?? null }),
          transportation: a.transportation,
          accommodations: a.accommodations ?? null,
          guardianName: body.guardian?.name ?? null,
          guardianEmail: body.guardian?.email ?? null,
          consents: body.consents,
          lang,
        }),
        auditRow(db, {
          tenantId: site.tenantId,
          actorType: 'site',
          actorId: site.id,
          action: 'application.create',
          entity: 'student',
          entityId: student.id,
          detail: { applicationId: id, opportunityId: opportunity.id },
        }),
        ...recipients.map((to) =>
          outboxRow(db, {
            tenantId: site.tenantId,
            recipient: to.address,
            ...compose('application.received', langOf(to.address, to.who), {
              studentName: student.preferredName,
              title: opportunity.title,
              reference,
              districtName: opportunity.districtName,
            }),
            relatedId: id,
          }),
        ),
      ],
      { status: 201, body: receipt },
    );
    return c.json(answer.body as ApplicationReceipt, answer.status as 201);
  } catch (e) {
    // Two different keys raced for the same student and opportunity: the first one stands.
    const winner = await existingApplication(db, student.id, opportunity.id);
    if (winner) return c.json(alreadyApplied(winner, lang), 200);
    throw e;
  }
});
