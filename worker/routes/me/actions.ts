/**
 * What a student (and, for their own signature, a guardian) does on their own record: answer an
 * offer, sign their line of the training agreement, log hours for the supervisor to approve,
 * write reflections, answer the experience survey, choose whether their name shows on badges.
 * Each write and its audit row commit in one batch; every id not the person's own answers 404.
 */
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  BadgeNameRequest,
  MeApplicationParam,
  MeHourRequest,
  MeSignRequest,
  MeStudentParam,
  OfferAnswer,
  ReflectionParam,
  ReflectionRequest,
  SurveyRequest,
  type SurveyAnswered,
  type BadgeNameSaved,
  type MeHourLog,
  type MeReflection,
} from '../../../schema/api/me.js';
import { agreements, agreementTexts, experienceSurveys, hourLogs, reflections, students } from '../../../schema/db/tables.js';
import type { AppEnv } from '../../env.js';
import { json, param } from '../../middleware/validate.js';
import { appSecret } from '../../lib/app-secret.js';
import { auditRow, auditRowIf } from '../../lib/audit.js';
import { todayIn } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import { commitOnce, replay, requestHash, requireIdempotencyKey } from '../../lib/idempotency.js';
import type { Lang } from '../../lib/lang.js';
import { outboxRowIf } from '../../lib/outbox.js';
import { placementLanguages } from '../../lib/placement-mail.js';
import { ProblemError } from '../../lib/problem.js';
import { isMinor } from '../../lib/roster.js';
import { compose } from '../../mail/catalogue/index.js';
import { moveApplication } from '../admin/placements/applications.js';
import { languageFacts, words } from '../admin/placements/rows.js';
import { NOW } from '../admin/students/sql.js';
import { loadOwnApp, notFound, type OwnApp, personAudit, studentOnly } from './guard.js';
import { closingOpen, hasEnded, LOGGING_STATUSES, placementDays, readRecord, REFLECTING_STATUSES } from './record.js';

const SAY = {
  en: {
    notOffered: (status: string) => ({
      title: 'There is no offer to answer',
      detail: `This application is ${status}; only an offer can be accepted or declined.`,
    }),
    noSignature: {
      title: 'Nothing for you to sign',
      detail: 'Your line of this training agreement is signed already, or the agreement has not been sent yet.',
    },
    staleVersion: 'The agreement changed since you read it: read it again, then sign',
    notLogging: (status: string) => ({
      title: 'Hours cannot be logged now',
      detail: `Hours are logged while a placement is confirmed, active or just completed; this one is ${status}.`,
    }),
    future: 'Log hours only for a day that has passed',
    dayLimit: (d: string) => `That would make more than 12 hours on ${d}`,
    before: (d: string) => `The placement starts on ${d}`,
    after: (d: string) => `The placement ended on ${d}`,
    notReflecting: (status: string) => ({ title: 'Reflections open once the placement begins', detail: `This placement is ${status}.` }),
    notMonday: 'Choose a week: its Monday, like 2027-06-14',
    futureWeek: 'Choose a week that has begun',
    outsideWeeks: 'Choose a week of the placement',
    closingNotYet: { title: 'The closing reflection opens near the end', detail: 'Write it in the last week of the placement or after it ends.' },
    closingOnly: 'Only the closing reflection names skills and a recommendation',
    surveyNotYet: { title: 'The survey opens when the placement ends', detail: 'Come back after your last day.' },
    surveyDone: { title: 'Already answered', detail: 'Thank you: the experience survey is answered once.' },
  },
  es: {
    notOffered: (status: string) => ({
      title: 'No hay una oferta que contestar',
      detail: `Esta solicitud tiene el estado “${status}”; solo una oferta se acepta o se rechaza.`,
    }),
    noSignature: { title: 'No tiene nada que firmar', detail: 'Su línea de este acuerdo de capacitación ya está firmada, o el acuerdo aún no se envió.' },
    staleVersion: 'El acuerdo cambió desde que lo leyó: léalo de nuevo y luego firme',
    notLogging: (status: string) => ({
      title: 'No se pueden registrar horas ahora',
      detail: `Las horas se registran mientras la práctica está confirmada, activa o recién terminada; esta tiene el estado “${status}”.`,
    }),
    future: 'Registre horas solo de un día que ya pasó',
    dayLimit: (d: string) => `Eso sumaría más de 12 horas el ${d}`,
    before: (d: string) => `La práctica empieza el ${d}`,
    after: (d: string) => `La práctica terminó el ${d}`,
    notReflecting: (status: string) => ({ title: 'Las reflexiones se abren cuando empieza la práctica', detail: `Esta práctica tiene el estado “${status}”.` }),
    notMonday: 'Elija una semana: su lunes, como 2027-06-14',
    futureWeek: 'Elija una semana que ya empezó',
    outsideWeeks: 'Elija una semana de la práctica',
    closingNotYet: { title: 'La reflexión final se abre cerca del final', detail: 'Escríbala en la última semana de la práctica o después de que termine.' },
    closingOnly: 'Solo la reflexión final nombra habilidades y una recomendación',
    surveyNotYet: { title: 'La encuesta se abre cuando termina la práctica', detail: 'Vuelva después de su último día.' },
    surveyDone: { title: 'Ya la contestó', detail: 'Gracias: la encuesta sobre la experiencia se contesta una sola vez.' },
  },
};

const mondayOf = (day: string) => {
  const d = new Date(`${day}T12:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};
const isDay = (day: string) => !Number.isNaN(Date.parse(`${day}T12:00:00Z`)) && new Date(`${day}T12:00:00Z`).toISOString().slice(0, 10) === day;

/** A student's own placement, one they may act on (a guardian asking answers 404). */
async function ownPlacement(c: { var: { db: AppEnv['Variables']['db']; lang: Lang; person: AppEnv['Variables']['person'] } }, id: string) {
  studentOnly(c.var.person, c.var.lang);
  return loadOwnApp(c.var.db, c.var.person, id, c.var.lang);
}

/** The fresh record's placement or application, as the answer to a write. */
async function fresh(db: AppEnv['Variables']['db'], person: AppEnv['Variables']['person'], lang: Lang, origin: string, id: string) {
  const record = await readRecord(db, person, lang, origin);
  for (const s of record.students) {
    const p = s.placements.find((x) => x.id === id);
    const a = s.applications.find((x) => x.id === id);
    if (p || a) return { placement: p ?? null, application: a ?? null };
  }
  throw notFound(lang);
}

const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

const field = (path: string, message: string, code: string) => new ProblemError('validation', { errors: [{ path, message, code }] });

/** Hours for a day: not in the future, not outside the placement's days. */
function checkDay(row: OwnApp, workedOn: string, lang: Lang) {
  const say = SAY[lang];
  if (!isDay(workedOn)) throw field('workedOn', 'Use a date like 2027-06-15', 'invalid_date');
  if (workedOn > todayIn(row.timeZone)) throw field('workedOn', say.future, 'future_day');
  const { first, last } = placementDays(row);
  if (first && workedOn < first) throw field('workedOn', say.before(first), 'before_placement');
  if (last && workedOn > last) throw field('workedOn', say.after(last), 'after_placement');
}

export const actions = new Hono<AppEnv>()
  .post('/applications/:id/answer', param(MeApplicationParam), json(OfferAnswer), async (c) => {
    const row = await ownPlacement(c, c.req.valid('param').id);
    const { answer, note } = c.req.valid('json');
    const person = c.var.person;
    const origin = new URL(c.req.url).origin;
    const to = answer === 'accept' ? 'accepted' : 'declined';
    // A retry after a lost answer finds the move made: the same answer again, not a refusal.
    if (row.status === to) return c.json((await fresh(c.var.db, person, c.var.lang, origin, row.id)).application);
    if (row.status !== 'offered') throw new ProblemError('conflict', SAY[c.var.lang].notOffered(row.status));
    // The coordinator's own move, made by the student: the same checks, history, signing links and messages.
    await moveApplication(c.var.db, appSecret(c.env), origin, row, to, note, {
      actorType: 'student',
      actorId: person.sessionId,
      userId: null,
      replyTo: null,
    });
    return c.json((await fresh(c.var.db, person, c.var.lang, origin, row.id)).application);
  })

  .post('/placements/:id/signature', param(MeApplicationParam), json(MeSignRequest), async (c) => {
    const db = c.var.db;
    const person = c.var.person;
    const lang = c.var.lang;
    const say = SAY[lang];
    const row = await loadOwnApp(db, person, c.req.valid('param').id, lang);
    const { version, typedName } = c.req.valid('json');
    const role = person.kind === 'guardian' ? 'guardian' : 'student';
    const minor = isMinor(row, todayIn(row.timeZone));
    const own = await db
      .select({ id: agreements.id, version: agreements.textVersion, signedAt: agreements.signedAt, signerName: agreements.signerName })
      .from(agreements)
      .where(and(eq(agreements.tenantId, row.tenantId), eq(agreements.applicationId, row.id), eq(agreements.role, role)))
      .get();
    // A retry of the same signature answers the same (as the signing link does); anything else is refused.
    if (own?.signedAt && own.signerName && sameName(own.signerName, typedName)) {
      return c.json((await fresh(db, person, lang, new URL(c.req.url).origin, row.id)).placement);
    }
    // A guardian's line exists only for a minor; an adult student's guardian has nothing to sign.
    if (!own || own.signedAt || row.status !== 'accepted' || (role === 'guardian' && !minor)) throw new ProblemError('conflict', say.noSignature);
    if (own.version !== version) throw field('version', say.staleVersion, 'stale_version');
    const shown = await db
      .select({ lang: agreementTexts.lang })
      .from(agreementTexts)
      .where(
        and(
          eq(agreementTexts.tenantId, row.tenantId),
          eq(agreementTexts.kind, 'training_agreement'),
          eq(agreementTexts.version, version),
          eq(agreementTexts.lang, lang),
        ),
      )
      .get();
    const signedAt = new Date().toISOString();
    const mark = sql`EXISTS (SELECT 1 FROM ${agreements} WHERE ${agreements.id} = ${own.id} AND ${agreements.signedAt} = ${signedAt})`;
    const office = row.issuerEmail ?? 'Work-Based Learning Office';
    const officeLang = (await placementLanguages(db, languageFacts(row), [office]))(office, 'staff');
    const allSigned = notExists(
      db
        .select({ one: sql`1` })
        .from(agreements)
        .where(and(eq(agreements.applicationId, row.id), isNull(agreements.signedAt))),
    );
    const [update] = await db.batch([
      db
        .update(agreements)
        .set({ signerName: typedName, signedAt, signedByUserId: null, textLang: shown ? lang : 'en' })
        .where(and(eq(agreements.id, own.id), isNull(agreements.signedAt))),
      auditRowIf(db, personAudit(person, 'agreement.sign', row.studentId, { applicationId: row.id, agreementId: own.id, role }), mark),
      // The last signature tells the Work-Based Learning office that the placement can be confirmed.
      outboxRowIf(
        db,
        { tenantId: row.tenantId, recipient: office, ...compose('agreement.complete', officeLang, words(row)), relatedId: row.id },
        sql`${mark} AND ${allSigned}`,
      ),
    ]);
    if (!update.meta.changes) throw new ProblemError('conflict', say.noSignature);
    return c.json((await fresh(db, person, lang, new URL(c.req.url).origin, row.id)).placement);
  })

  .post('/placements/:id/hours', param(MeApplicationParam), json(MeHourRequest), async (c) => {
    const db = c.var.db;
    const person = c.var.person;
    const lang = c.var.lang;
    const key = requireIdempotencyKey(c.req.header('Idempotency-Key'));
    const row = await ownPlacement(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    // The answer is only replayed to the student it was for: the placement is checked first, and is part of the hash.
    const hash = await requestHash(['POST /me/placements/:id/hours', row.id, person.studentId ?? '', JSON.stringify(body)]);
    const site = c.get('site');
    const first = await replay(db, site.id, key, hash);
    if (first) return c.json(first.body as MeHourLog, first.status as 201);
    if (!LOGGING_STATUSES.includes(row.status)) throw new ProblemError('conflict', SAY[lang].notLogging(row.status));
    checkDay(row, body.workedOn, lang);
    // The same ceiling as the console's: at most 12 hours on one day, counting what waits for approval.
    const day = await db
      .select({ hours: sql<number>`coalesce(sum(${hourLogs.hours}), 0)`.mapWith(Number) })
      .from(hourLogs)
      .where(and(eq(hourLogs.applicationId, row.id), eq(hourLogs.workedOn, body.workedOn), isNull(hourLogs.returnedAt)))
      .get();
    if ((day?.hours ?? 0) + body.hours > 12) throw field('hours', SAY[lang].dayLimit(body.workedOn), 'day_limit');
    const id = newId('hrs');
    const entry: MeHourLog = { id, workedOn: body.workedOn, hours: body.hours, activity: body.activity, status: 'pending', returnNote: null };
    const answer = await commitOnce(
      db,
      site.id,
      key,
      hash,
      [
        db.insert(hourLogs).values({
          id,
          tenantId: row.tenantId,
          applicationId: row.id,
          workedOn: body.workedOn,
          hours: body.hours,
          activity: body.activity,
          loggedBy: 'student',
        }),
        auditRow(db, personAudit(person, 'hours.log', row.studentId, { applicationId: row.id, hourLogId: id, hours: body.hours })),
      ],
      { status: 201, body: entry },
    );
    return c.json(answer.body as MeHourLog, answer.status as 201);
  })

  .put('/placements/:id/reflections/:period', param(ReflectionParam), json(ReflectionRequest), async (c) => {
    const db = c.var.db;
    const person = c.var.person;
    const lang = c.var.lang;
    const say = SAY[lang];
    const { id, period } = c.req.valid('param');
    const row = await ownPlacement(c, id);
    const body = c.req.valid('json');
    if (!REFLECTING_STATUSES.includes(row.status)) throw new ProblemError('conflict', say.notReflecting(row.status));
    const today = todayIn(row.timeZone);
    const { first, last } = placementDays(row);
    if (period === 'closing') {
      if (!closingOpen(row.status, last, today)) throw new ProblemError('conflict', say.closingNotYet);
    } else {
      if (!isDay(period) || mondayOf(period) !== period) throw field('period', say.notMonday, 'not_a_monday');
      if (period > today) throw field('period', say.futureWeek, 'future_week');
      if ((first && period < mondayOf(first)) || (last && period > last)) throw field('period', say.outsideWeeks, 'outside_placement');
      if (body.skills !== undefined || body.wouldRecommend !== undefined) {
        throw field(body.skills !== undefined ? 'skills' : 'wouldRecommend', say.closingOnly, 'closing_only');
      }
    }
    const skills = body.skills ?? [];
    const wouldRecommend = body.wouldRecommend ?? null;
    const saved = await db.batch([
      db
        .insert(reflections)
        .values({ id: newId('rfl'), tenantId: row.tenantId, applicationId: row.id, period, body: body.body, skills, wouldRecommend })
        .onConflictDoUpdate({ target: [reflections.applicationId, reflections.period], set: { body: body.body, skills, wouldRecommend, updatedAt: NOW } })
        .returning({ updatedAt: reflections.updatedAt }),
      auditRow(db, personAudit(person, 'reflection.save', row.studentId, { applicationId: row.id, period })),
    ]);
    const updatedAt = saved[0][0]?.updatedAt ?? new Date().toISOString();
    return c.json({ period, body: body.body, skills, wouldRecommend, updatedAt } satisfies MeReflection);
  })

  .post('/placements/:id/survey', param(MeApplicationParam), json(SurveyRequest), async (c) => {
    const db = c.var.db;
    const person = c.var.person;
    const say = SAY[c.var.lang];
    const row = await ownPlacement(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    if (!hasEnded(row.status, placementDays(row).last, todayIn(row.timeZone))) throw new ProblemError('conflict', say.surveyNotYet);
    const id = newId('svy');
    const [inserted] = await db.batch([
      // Once per placement, settled by the unique index: two tabs sending together make one answer.
      db
        .insert(experienceSurveys)
        .values({
          id,
          tenantId: row.tenantId,
          applicationId: row.id,
          meaningful: body.meaningful,
          feltSafe: body.feltSafe,
          wouldRecommend: body.wouldRecommend,
          comment: body.comment || null,
        })
        .onConflictDoNothing(),
      auditRowIf(
        db,
        personAudit(person, 'survey.answer', row.studentId, { applicationId: row.id }),
        sql`EXISTS (SELECT 1 FROM ${experienceSurveys} WHERE ${experienceSurveys.id} = ${id})`,
      ),
    ]);
    if (!inserted.meta.changes) throw new ProblemError('conflict', say.surveyDone);
    return c.json({ answered: true } satisfies SurveyAnswered, 201);
  })

  .put('/students/:studentId/badge-name', param(MeStudentParam), json(BadgeNameRequest), async (c) => {
    const db = c.var.db;
    const person = c.var.person;
    const { studentId } = c.req.valid('param');
    // The student chooses for themself: a guardian, or another student's id, finds nothing here.
    if (person.kind !== 'student' || person.studentId !== studentId) throw notFound(c.var.lang);
    const { showNameOnBadges } = c.req.valid('json');
    await db.batch([
      db
        .update(students)
        .set({ showNameOnBadges, updatedAt: NOW })
        .where(and(eq(students.id, studentId), eq(students.tenantId, person.tenantId))),
      auditRow(db, personAudit(person, 'student.badge_name', studentId, { showNameOnBadges })),
    ]);
    return c.json({ showNameOnBadges } satisfies BadgeNameSaved);
  });
