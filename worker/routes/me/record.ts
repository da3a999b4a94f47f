/**
 * A person's own record (`GET /api/v1/me`): for each student they may see, the applications and
 * what happens next, the placements (supervisor by name only, signatures, hours, final
 * evaluations, reflections, survey), the events reserved or attended, the badges, and the
 * continuum by stage. Rows become API shapes only through the mapping here, so a new column
 * never reaches a student's screen by accident.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { ContinuumStage, MeApplication, MeEvent, MePlacement, MeRecord, MeStudent } from '../../../schema/api/me.js';
import {
  achievements,
  agreements,
  agreementTexts,
  applications,
  attendance,
  credentials,
  employers,
  evaluations,
  events,
  experienceSurveys,
  hourLogs,
  opportunities,
  reflections,
  rsvps,
  schools,
  students,
  tenants,
  users,
} from '../../../schema/db/tables.js';
import { type ApplicationStatus, STAGE_CODES, type Stage } from '../../../schema/vocab.js';
import { credentialUrlOf } from '../../lib/credentials.js';
import { todayIn } from '../../lib/dates.js';
import type { Database } from '../../lib/db.js';
import type { Lang } from '../../lib/lang.js';
import type { Person } from '../../lib/person-sessions.js';
import { requiredRoles } from '../../lib/pipeline.js';
import { isMinor } from '../../lib/roster.js';
import { longDate } from '../../mail/catalogue/placements.js';
import { ownStudents } from './guard.js';

/** From acceptance on, an application is a placement (cancelled ones were accepted first). */
export const PLACEMENT_STATUSES: readonly ApplicationStatus[] = ['accepted', 'confirmed', 'active', 'completed', 'cancelled'];
/** Hours are logged while the placement runs, and for its last days after it is marked completed. */
export const LOGGING_STATUSES: readonly ApplicationStatus[] = ['confirmed', 'active', 'completed'];
/** Weekly reflections once the placement has begun. */
export const REFLECTING_STATUSES: readonly ApplicationStatus[] = ['active', 'completed'];
/** The closing reflection opens this many days before the last day. */
export const CLOSING_OPENS_DAYS = 7;
/** Experiences that count on the continuum: the placement is going ahead or done. */
const COUNTED: readonly ApplicationStatus[] = ['confirmed', 'active', 'completed'];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const quarter = (h: number) => Math.round(h * 4) / 4;

/** The day the placement began (or is to begin) and its last day, as far as they are known. */
export const placementDays = (r: { startedOn: string | null; startsOn: string | null; endsOn: string | null; completedOn: string | null }) => ({
  first: r.startedOn ?? r.startsOn,
  last: r.completedOn ?? r.endsOn,
});

/** Whether the placement has ended: completed, or past its last day. */
export const hasEnded = (status: ApplicationStatus, last: string | null, today: string) =>
  status === 'completed' || (status === 'active' && !!last && last < today);

/** Whether the closing reflection may be written: completed, or within a week of the last day. */
export const closingOpen = (status: ApplicationStatus, last: string | null, today: string) =>
  status === 'completed' || (status === 'active' && !!last && addDays(last, -CLOSING_OPENS_DAYS) <= today);

type NextStepFacts = { status: ApplicationStatus; startsOn: string | null; guardian: boolean };

/** What happens next, in the person's words (a guardian is told about their student). */
function nextStep(f: NextStepFacts, lang: Lang): string | null {
  const on = f.startsOn ? longDate(f.startsOn, lang) : null;
  if (lang === 'es') {
    switch (f.status) {
      case 'submitted':
        return 'La solicitud está en el Centro de Carreras. Un coordinador la revisará y escribirá por correo electrónico.';
      case 'under_review':
        return 'Un coordinador está revisando la solicitud. Llegará un correo electrónico cuando haya noticias.';
      case 'offered':
        return f.guardian ? 'Se ofreció esta práctica. El estudiante la acepta o la rechaza aquí.' : 'Le ofrecieron esta práctica. Acéptela o recházela aquí.';
      case 'accepted':
        return 'Falta firmar el acuerdo de capacitación: el estudiante, la madre, el padre o tutor (si es menor de edad) y el supervisor. Luego el coordinador confirma la práctica.';
      case 'confirmed':
        return on ? `La práctica está confirmada. Empieza el ${on}.` : 'La práctica está confirmada. El coordinador le dirá cuándo empieza.';
      case 'active':
        return 'Registre sus horas después de cada día y escriba una reflexión cada semana. El supervisor aprueba las horas.';
      case 'completed':
        return 'Práctica terminada. Escriba su reflexión final y conteste la breve encuesta sobre la experiencia.';
      default:
        return null;
    }
  }
  switch (f.status) {
    case 'submitted':
      return 'The application is with the Career Center. A coordinator will review it and write by email.';
    case 'under_review':
      return 'A coordinator is reviewing the application. An email will come when there is news.';
    case 'offered':
      return f.guardian
        ? 'This placement was offered. The student accepts or declines it here.'
        : 'You were offered this placement. Accept or decline it here.';
    case 'accepted':
      return 'The training agreement needs signing: the student, a parent or guardian (for a minor) and the supervisor. Then the coordinator confirms the placement.';
    case 'confirmed':
      return on ? `The placement is confirmed. It starts on ${on}.` : 'The placement is confirmed. The coordinator will tell you when it starts.';
    case 'active':
      return 'Log your hours after each day and write a reflection each week. The supervisor approves the hours.';
    case 'completed':
      return 'Placement completed. Write your closing reflection and answer the short experience survey.';
    default:
      return null;
  }
}

/** Reads everything the record shows, for the person's own students only. */
async function readRows(db: Database, person: Person, lang: Lang) {
  const mine = ownStudents(person);
  const [people, apps] = await Promise.all([
    db
      .select({
        id: students.id,
        preferredName: students.preferredName,
        grade: students.grade,
        school: schools.name,
        showNameOnBadges: students.showNameOnBadges,
        email: students.email,
        birthYear: students.birthYear,
        under13: students.under13,
        timeZone: tenants.timeZone,
      })
      .from(students)
      .innerJoin(tenants, eq(tenants.id, students.tenantId))
      .leftJoin(schools, eq(schools.id, students.schoolId))
      .where(mine)
      .orderBy(students.preferredName, students.id),
    db
      .select({
        id: applications.id,
        studentId: applications.studentId,
        reference: applications.reference,
        status: applications.status,
        createdAt: applications.createdAt,
        updatedAt: applications.updatedAt,
        startedOn: applications.startedOn,
        completedOn: applications.completedOn,
        opportunityId: opportunities.id,
        title: opportunities.title,
        // Stored as the vocabulary's code (checked on write).
        stage: sql<Stage>`${opportunities.stage}`,
        type: opportunities.type,
        skills: opportunities.skills,
        technicalSkills: opportunities.technicalSkills,
        schedule: opportunities.schedule,
        startsOn: opportunities.startsOn,
        endsOn: opportunities.endsOn,
        employerName: employers.name,
        // The supervisor's name only: the staff account's, else the one named on the placement.
        supervisorName: sql<string | null>`coalesce(${users.name}, ${applications.supervisorName})`,
      })
      .from(applications)
      .innerJoin(students, eq(students.id, applications.studentId))
      .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
      .innerJoin(employers, eq(employers.id, opportunities.employerId))
      .leftJoin(users, eq(users.id, applications.supervisorUserId))
      .where(and(eq(applications.tenantId, person.tenantId), mine))
      .orderBy(sql`${applications.createdAt} DESC`),
  ]);
  const placed = apps.filter((a) => PLACEMENT_STATUSES.includes(a.status)).map((a) => a.id);
  const appIds = apps.map((a) => a.id);
  const ids = people.map((p) => p.id);
  const emails = people.map((p) => p.email?.trim().toLowerCase()).filter((e): e is string => !!e);
  const none = sql`0`;
  const [signs, texts, hours, evals, notes, surveys, reserved, came, badges] = await Promise.all([
    appIds.length
      ? db
          .select({
            applicationId: agreements.applicationId,
            role: agreements.role,
            signerName: agreements.signerName,
            signedAt: agreements.signedAt,
            textVersion: agreements.textVersion,
          })
          .from(agreements)
          .where(and(eq(agreements.tenantId, person.tenantId), inArray(agreements.applicationId, appIds)))
      : [],
    db
      .select({ version: agreementTexts.version, lang: agreementTexts.lang, body: agreementTexts.body })
      .from(agreementTexts)
      .where(and(eq(agreementTexts.tenantId, person.tenantId), eq(agreementTexts.kind, 'training_agreement'), inArray(agreementTexts.lang, [lang, 'en']))),
    placed.length
      ? db
          .select({
            id: hourLogs.id,
            applicationId: hourLogs.applicationId,
            workedOn: hourLogs.workedOn,
            hours: hourLogs.hours,
            activity: hourLogs.activity,
            approvedAt: hourLogs.approvedAt,
            returnedAt: hourLogs.returnedAt,
            returnNote: hourLogs.returnNote,
          })
          .from(hourLogs)
          .where(and(eq(hourLogs.tenantId, person.tenantId), inArray(hourLogs.applicationId, placed)))
          .orderBy(hourLogs.workedOn, hourLogs.createdAt)
      : [],
    placed.length
      ? db
          .select({
            applicationId: evaluations.applicationId,
            phase: evaluations.phase,
            ratings: evaluations.ratings,
            comments: evaluations.comments,
            createdAt: evaluations.createdAt,
          })
          .from(evaluations)
          // A midpoint is the supervisor's working note until the final: only the final reaches the student.
          .where(and(eq(evaluations.tenantId, person.tenantId), inArray(evaluations.applicationId, placed), eq(evaluations.phase, 'final')))
      : [],
    placed.length
      ? db
          .select({
            applicationId: reflections.applicationId,
            period: reflections.period,
            body: reflections.body,
            skills: reflections.skills,
            wouldRecommend: reflections.wouldRecommend,
            updatedAt: reflections.updatedAt,
          })
          .from(reflections)
          .where(and(eq(reflections.tenantId, person.tenantId), inArray(reflections.applicationId, placed)))
          .orderBy(reflections.period)
      : [],
    placed.length
      ? db
          .select({ applicationId: experienceSurveys.applicationId })
          .from(experienceSurveys)
          .where(and(eq(experienceSurveys.tenantId, person.tenantId), inArray(experienceSurveys.applicationId, placed)))
      : [],
    db
      .select({
        rsvpId: rsvps.id,
        studentId: rsvps.studentId,
        email: sql<string>`lower(trim(${rsvps.email}))`,
        status: rsvps.status,
        eventId: events.id,
        title: events.title,
        titleEs: events.titleEs,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        timeZone: events.timeZone,
      })
      .from(rsvps)
      .innerJoin(events, eq(events.id, rsvps.eventId))
      // A student's reservation: made signed in (or matched to the roster), or from their roster address.
      .where(
        and(
          eq(rsvps.tenantId, person.tenantId),
          or(inArray(rsvps.studentId, ids.length ? ids : ['']), emails.length ? inArray(sql`lower(trim(${rsvps.email}))`, emails) : none),
        ),
      ),
    db
      .select({
        studentId: attendance.studentId,
        rsvpId: attendance.rsvpId,
        eventId: events.id,
        title: events.title,
        titleEs: events.titleEs,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        allDay: events.allDay,
        timeZone: events.timeZone,
      })
      .from(attendance)
      .innerJoin(events, eq(events.id, attendance.eventId))
      .where(and(eq(attendance.tenantId, person.tenantId), inArray(attendance.studentId, ids.length ? ids : ['']))),
    db
      .select({
        id: credentials.id,
        studentId: credentials.studentId,
        name: achievements.name,
        issuedAt: credentials.issuedAt,
        revokedAt: credentials.revokedAt,
      })
      .from(credentials)
      .innerJoin(achievements, eq(achievements.id, credentials.achievementId))
      .where(and(eq(credentials.tenantId, person.tenantId), inArray(credentials.studentId, ids.length ? ids : [''])))
      .orderBy(sql`${credentials.issuedAt} DESC`),
  ]);
  return { people, apps, signs, texts, hours, evals, notes, surveys, reserved, came, badges };
}

/** The whole record, mapped to the contract's shapes. */
export async function readRecord(db: Database, person: Person, lang: Lang, origin: string): Promise<MeRecord> {
  const r = await readRows(db, person, lang);
  const guardian = person.kind === 'guardian';
  const now = new Date().toISOString();
  const student = (s: (typeof r.people)[number]): MeStudent => {
    const today = todayIn(s.timeZone);
    const minor = isMinor(s, today);
    const apps = r.apps.filter((a) => a.studentId === s.id);
    const applicationsOut: MeApplication[] = apps.map((a) => ({
      id: a.id,
      reference: a.reference,
      status: a.status,
      opportunity: { id: a.opportunityId, title: a.title, employer: a.employerName, stage: a.stage, type: a.type },
      submittedAt: a.createdAt,
      updatedAt: a.updatedAt,
      nextStep: nextStep({ status: a.status, startsOn: a.startedOn ?? a.startsOn, guardian }, lang),
      actions: a.status === 'offered' && !guardian ? ['accept', 'decline'] : [],
    }));
    const myRole = guardian ? 'guardian' : 'student';
    const placements: MePlacement[] = apps
      .filter((a) => PLACEMENT_STATUSES.includes(a.status))
      .map((a) => {
        const signs = r.signs.filter((g) => g.applicationId === a.id && requiredRoles(minor).includes(g.role));
        const own = signs.find((g) => g.role === myRole);
        const canSign = !!own && !own.signedAt && a.status === 'accepted';
        const text = own
          ? (r.texts.find((t) => t.version === own.textVersion && t.lang === lang) ?? r.texts.find((t) => t.version === own.textVersion && t.lang === 'en'))
          : undefined;
        const hours = r.hours.filter((h) => h.applicationId === a.id);
        const sum = (f: (h: (typeof hours)[number]) => boolean) => quarter(hours.filter(f).reduce((n, h) => n + h.hours, 0));
        const { last } = placementDays(a);
        const ended = hasEnded(a.status, last, today);
        const answered = r.surveys.some((v) => v.applicationId === a.id);
        const notes = r.notes.filter((n) => n.applicationId === a.id);
        const actions: MePlacement['actions'] = [];
        if (canSign) actions.push('sign');
        if (!guardian) {
          if (LOGGING_STATUSES.includes(a.status)) actions.push('log_hours');
          if (REFLECTING_STATUSES.includes(a.status)) actions.push('reflect');
          if (closingOpen(a.status, last, today)) actions.push('close');
          if (ended && !answered) actions.push('survey');
        }
        return {
          id: a.id,
          reference: a.reference,
          status: a.status,
          opportunity: {
            id: a.opportunityId,
            title: a.title,
            employer: a.employerName,
            stage: a.stage,
            skills: [...(a.skills ?? []), ...(a.technicalSkills ?? [])],
          },
          schedule: a.schedule,
          startsOn: a.startedOn ?? a.startsOn,
          endsOn: a.completedOn ?? a.endsOn,
          supervisorName: a.supervisorName,
          signatures: signs.map((g) => ({
            role: g.role,
            signed: g.signedAt !== null,
            signerName: g.signerName,
            signedAt: g.signedAt,
            mine: g.role === myRole,
          })),
          agreement: canSign && text && own ? { version: own.textVersion, lang: text.lang, body: text.body } : null,
          hours: hours.map((h) => ({
            id: h.id,
            workedOn: h.workedOn,
            hours: h.hours,
            activity: h.activity,
            status: h.approvedAt ? 'approved' : h.returnedAt ? 'returned' : 'pending',
            returnNote: h.returnedAt ? h.returnNote : null,
          })),
          totals: {
            // A returned entry is not counted: the student logs a corrected one instead.
            logged: sum((h) => !h.returnedAt || !!h.approvedAt),
            approved: sum((h) => !!h.approvedAt),
            pending: sum((h) => !h.approvedAt && !h.returnedAt),
          },
          evaluations: r.evals
            .filter((e) => e.applicationId === a.id)
            .map((e) => ({
              phase: e.phase,
              ratings: e.ratings.map((x) => ({ skill: x.skill, level: x.level, comment: x.comment ?? null })),
              comments: e.comments,
              recordedAt: e.createdAt,
            })),
          reflections: notes.map((n) => ({ period: n.period, body: n.body, skills: n.skills, wouldRecommend: n.wouldRecommend, updatedAt: n.updatedAt })),
          survey: ended ? { answered } : null,
          actions,
        };
      });

    // Events: every reservation of the student's, and every check-in (a walk-in has no reservation).
    const eventsOut = new Map<string, MeEvent>();
    const attended = r.came.filter((a) => a.studentId === s.id);
    const title = (e: { title: string; titleEs: string | null }) => (lang === 'es' && e.titleEs) || e.title;
    const address = s.email?.trim().toLowerCase();
    for (const v of r.reserved.filter((v) => v.studentId === s.id || (!!address && v.email === address && (v.studentId === null || v.studentId === s.id)))) {
      const came = attended.some((a) => a.eventId === v.eventId);
      const status: MeEvent['status'] = came
        ? 'attended'
        : v.status === 'cancelled'
          ? 'cancelled'
          : v.endsAt < now
            ? 'missed'
            : v.status === 'waitlisted'
              ? 'waitlisted'
              : 'reserved';
      const had = eventsOut.get(v.eventId);
      // Of two reservations for one event (a cancelled one, then a new one), the live one speaks.
      if (!had || had.status === 'cancelled')
        eventsOut.set(v.eventId, { id: v.eventId, title: title(v), startsAt: v.startsAt, endsAt: v.endsAt, timeZone: v.timeZone, status });
    }
    for (const a of attended) {
      eventsOut.set(a.eventId, { id: a.eventId, title: title(a), startsAt: a.startsAt, endsAt: a.endsAt, timeZone: a.timeZone, status: 'attended' });
    }
    const eventList = [...eventsOut.values()].sort((x, y) => y.startsAt.localeCompare(x.startsAt));

    // The continuum: attended events are career awareness; placements count at their opportunity's stage.
    const experiences = new Map<Stage, ContinuumStage['experiences']>(STAGE_CODES.map((st) => [st, []]));
    for (const a of attended) {
      const hoursAt = a.allDay ? 0 : quarter(Math.min(8, Math.max(0, (Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 3_600_000)));
      experiences.get('awareness')!.push({ kind: 'event', id: a.eventId, title: title(a), on: a.startsAt.slice(0, 10), hours: hoursAt });
    }
    for (const p of placements.filter((p) => COUNTED.includes(p.status))) {
      experiences.get(p.opportunity.stage)!.push({ kind: 'placement', id: p.id, title: p.opportunity.title, on: p.startsOn, hours: p.totals.approved });
    }
    const continuum = STAGE_CODES.map((stage) => {
      const list = experiences.get(stage)!.sort((x, y) => (x.on ?? '').localeCompare(y.on ?? ''));
      return { stage, experiences: list, hours: quarter(list.reduce((n, e) => n + e.hours, 0)) };
    });

    return {
      id: s.id,
      preferredName: s.preferredName,
      grade: s.grade,
      school: s.school,
      showNameOnBadges: s.showNameOnBadges,
      applications: applicationsOut,
      placements,
      events: eventList,
      badges: r.badges
        .filter((b) => b.studentId === s.id)
        .map((b) => ({ id: b.id, name: b.name, issuedAt: b.issuedAt, revoked: b.revokedAt !== null, url: credentialUrlOf(origin, b.id) })),
      continuum,
    };
  };
  return { person: { kind: person.kind, name: person.name, tenantName: person.tenantName }, students: r.people.map(student) };
}
