/**
 * The placement pipeline under /api/v1/admin: applications and their transitions, training
 * agreements, hour logs, evaluations and the outbox. Three routers, mounted at
 * `/applications`, `/hours` and `/outbox`, so no middleware here reaches another engineer's routes.
 *
 * Who may do what: coordinators and admins run the pipeline for the whole tenant; a
 * supervisor sees only the placements assigned to them, from acceptance on (never an
 * application still being reviewed, nor one declined or withdrawn, nor coordinators' notes),
 * and logs hours, approves them and evaluates only those; viewers see reports only.
 *
 * Consent: a minor's guardian is the roster's (students.guardian_email), never the contact the
 * student typed into the application (shown to coordinators as `guardianSuggestion` only).
 * Signing links are sealed in the outbox (`{link}` in the body), each signature records where
 * its link went, and the coordinator signs in the console as themself.
 */
import { Hono } from 'hono';
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import * as z from 'zod/mini';
import {
  AgreementIssueResult, APPLICATION_TRANSITIONS, ApplicationDetail, ApplicationList, ApplicationListQuery, CoordinatorSignRequest, EVALUATION_PHASES,
  Evaluation, EvaluationRequest, HourLogRequest, HourLogResult, OutboxList, OutboxQuery, SupervisorAssignment, TransitionRequest, type AgreementRole,
  type HourLog, type HourTotals,
} from '../../../schema/api/admin/placements.js';
import { idOf } from '../../../schema/api/admin/student-fields.js';
import type { SessionUser } from '../../../schema/api/auth.js';
import type { FieldError } from '../../../schema/api/problem.js';
import type { ApplicationStatus } from '../../../schema/vocab.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { appSecret, seal, unseal } from '../../lib/app-secret.js';
import { decodeCursor, encodeCursor } from '../../lib/paging.js';
import { todayIn } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import { parseJsonList } from '../../lib/mappers.js';
import { describe } from '../../lib/openapi.js';
import {
  allSignedMessage, LINK_ROLES, requiredRoles, sameAddress, signLink, signRequestMessage, statusMessage, withLink, type PlacementWords,
} from '../../lib/pipeline.js';
import { ProblemError } from '../../lib/problem.js';
import { isMinor } from '../../lib/roster.js';
import { newToken, tokenHash } from '../../lib/sessions.js';

// ---------------------------------------------------------------------------------------------
// OpenAPI

const TAG = ['admin: placements'];
const APP_ID = { id: 'The application’s id (`app_…`)' };
describe({ method: 'get', path: '/api/v1/admin/applications', summary: 'Applications and placements, filtered; a supervisor sees only the placements assigned to them, from acceptance on', tags: TAG, security: 'bearer', query: ApplicationListQuery, responses: { 200: { description: 'A page of applications, newest first', schema: ApplicationList } } });
describe({ method: 'get', path: '/api/v1/admin/applications/:id', summary: 'An application with its agreement signatures, hours, evaluations and history', tags: TAG, security: 'bearer', params: APP_ID, responses: { 200: { description: 'The application', schema: ApplicationDetail } } });
describe({ method: 'post', path: '/api/v1/admin/applications/:id/transition', summary: 'Move an application to its next status (DESIGN.md §2); `confirmed` needs every required signature', tags: TAG, security: 'bearer', params: APP_ID, body: TransitionRequest, responses: { 200: { description: 'The application after the move', schema: ApplicationDetail }, 409: { description: 'Not a move from the current status, a signature is missing, or another move won the race' } } });
describe({ method: 'post', path: '/api/v1/admin/applications/:id/agreement', summary: 'Create the training agreement’s signature rows, or re-issue the links of unsigned ones: one outbox message per student, roster guardian and supervisor (the coordinator signs in the console; a guardian without a roster address waits)', tags: TAG, security: 'bearer', params: APP_ID, responses: { 200: { description: 'The signatures and who was sent a link', schema: AgreementIssueResult }, 409: { description: 'Only offered or accepted applications get an agreement; or one address would receive links for two roles' } } });
describe({ method: 'post', path: '/api/v1/admin/applications/:id/agreement/sign', summary: 'The signed-in coordinator signs the coordinator line (and only that line) with a typed name', tags: TAG, security: 'bearer', params: APP_ID, body: CoordinatorSignRequest, responses: { 200: { description: 'The application with the signature recorded', schema: ApplicationDetail }, 409: { description: 'Already signed, no agreement yet, or the coordinator already holds another role on this agreement' } } });
describe({ method: 'put', path: '/api/v1/admin/applications/:id/supervisor', summary: 'Assign the employer supervisor of a placement', tags: TAG, security: 'bearer', params: APP_ID, body: SupervisorAssignment, responses: { 200: { description: 'The application', schema: ApplicationDetail } } });
describe({ method: 'post', path: '/api/v1/admin/applications/:id/hours', summary: 'Log hours worked on one day (a supervisor’s own entries count as approved)', tags: TAG, security: 'bearer', params: APP_ID, body: HourLogRequest, responses: { 201: { description: 'The entry and the placement’s totals', schema: HourLogResult }, 409: { description: 'Hours are logged only on active or completed placements' } } });
describe({ method: 'post', path: '/api/v1/admin/hours/:id/approve', summary: 'Approve logged hours (the placement’s supervisor or a coordinator)', tags: TAG, security: 'bearer', params: { id: 'The hour log’s id (`hrs_…`)' }, responses: { 200: { description: 'The entry and the placement’s totals', schema: HourLogResult } } });
describe({ method: 'put', path: '/api/v1/admin/applications/:id/evaluations/:phase', summary: 'Record the supervisor’s midpoint or final ratings of every named skill (1–4)', tags: TAG, security: 'bearer', params: { ...APP_ID, phase: '`midpoint` or `final`' }, body: EvaluationRequest, responses: { 200: { description: 'The evaluation', schema: Evaluation }, 409: { description: 'Not active or completed, or a badge was already issued from this final evaluation' } } });
describe({ method: 'get', path: '/api/v1/admin/outbox', summary: 'Messages that would have been emailed, newest first; signing links, stored sealed, are put back into the bodies for coordinators to forward', tags: ['admin: outbox'], security: 'bearer', query: OutboxQuery, responses: { 200: { description: 'A page of messages', schema: OutboxList } } });

// ---------------------------------------------------------------------------------------------
// Loading an application the user may see

interface AppRow {
  id: string; tenant_id: string; reference: string; status: ApplicationStatus; student_id: string; opportunity_id: string;
  supervisor_user_id: string | null; started_on: string | null; completed_on: string | null; created_at: string; updated_at: string;
  statement: string | null; availability: string | null; transportation: string | null; accommodations: string | null;
  app_guardian_name: string | null; app_guardian_email: string | null;
  preferred_name: string; grade: number; birth_year: number | null; under_13: number; student_email: string | null;
  student_guardian_email: string | null; school_id: string | null; school_name: string | null;
  title: string; stage: string; type: string; cluster: string; starts_on: string | null; ends_on: string | null; schedule: string | null;
  skills: string; technical_skills: string; employer_id: string; employer_name: string; employer_contact_email: string | null;
  supervisor_name: string | null; supervisor_email: string | null; district_name: string; time_zone: string; issuer_email: string | null;
}

const APP_SQL = `SELECT a.id, a.tenant_id, a.reference, a.status, a.student_id, a.opportunity_id, a.supervisor_user_id, a.started_on,
    a.completed_on, a.created_at, a.updated_at, a.statement, a.availability, a.transportation, a.accommodations,
    a.guardian_name AS app_guardian_name, a.guardian_email AS app_guardian_email,
    s.preferred_name, s.grade, s.birth_year, s.under_13, s.email AS student_email, s.guardian_email AS student_guardian_email,
    s.school_id, sc.name AS school_name,
    o.title, o.stage, o.type, o.cluster, o.starts_on, o.ends_on, o.schedule, o.skills, o.technical_skills,
    e.id AS employer_id, e.name AS employer_name, e.contact_email AS employer_contact_email,
    u.name AS supervisor_name, u.email AS supervisor_email, t.name AS district_name, t.time_zone, t.issuer_email
  FROM applications a
  JOIN students s ON s.id = a.student_id
  JOIN opportunities o ON o.id = a.opportunity_id
  JOIN employers e ON e.id = o.employer_id
  JOIN tenants t ON t.id = a.tenant_id
  LEFT JOIN schools sc ON sc.id = s.school_id
  LEFT JOIN users u ON u.id = a.supervisor_user_id`;

/** What a supervisor may see of the pipeline: placements from acceptance on (cancelled ones were accepted first). */
const SUPERVISED = ['accepted', 'confirmed', 'active', 'completed', 'cancelled'] as const satisfies readonly ApplicationStatus[];

/**
 * The tenant always; for a supervisor only the placements assigned to them, at their employer,
 * from acceptance on. Applications under review or declined are the school's business, not
 * the host's; a colleague's placement at the same employer is not theirs either.
 */
function scope(user: SessionUser): { sql: string; params: unknown[] } {
  if (user.role !== 'supervisor') return { sql: '', params: [] };
  return {
    sql: ` AND a.supervisor_user_id = ? AND o.employer_id = ? AND a.status IN (${SUPERVISED.map(() => '?').join(', ')})`,
    params: [user.id, user.employerId ?? '', ...SUPERVISED],
  };
}

const selectApp = (db: D1Database, user: SessionUser, id: string) => {
  const s = scope(user);
  return db.prepare(`${APP_SQL} WHERE a.id = ? AND a.tenant_id = ?${s.sql}`).bind(id, user.tenantId, ...s.params);
};

const notFound = () => new ProblemError('notFound', { detail: 'No application with this id here.' });

async function loadApp(db: D1Database, user: SessionUser, id: string): Promise<AppRow> {
  const row = await selectApp(db, user, id).first<AppRow>();
  if (!row) throw notFound();
  return row;
}

/** Supervisors act only on placements assigned to them; coordinators and admins on every one. */
function mustSupervise(user: SessionUser, row: AppRow): void {
  if (user.role === 'coordinator' || user.role === 'admin') return;
  if (user.role === 'supervisor' && row.employer_id === user.employerId && row.supervisor_user_id === user.id) return;
  throw new ProblemError('forbidden', { detail: 'Only this placement’s supervisor or a coordinator can do this.' });
}

const words = (r: AppRow): PlacementWords => ({
  reference: r.reference, studentName: r.preferred_name, title: r.title, employerName: r.employer_name,
  startsOn: r.starts_on, endsOn: r.ends_on, districtName: r.district_name,
});

/** An audit row about the student behind an application: every read and write of placement data is one. */
function audit(db: D1Database, user: SessionUser, action: string, row: Pick<AppRow, 'student_id' | 'id'>, detail: Record<string, unknown> = {}, onlyIf?: { sql: string; params: unknown[] }) {
  return db.prepare(
    `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail) SELECT ?, 'user', ?, ?, 'student', ?, ? WHERE ${onlyIf?.sql ?? 'true'}`,
  ).bind(user.tenantId, user.id, action, row.student_id, JSON.stringify({ applicationId: row.id, ...detail }), ...(onlyIf?.params ?? []));
}

/** A message for the outbox; `sealedLink` is the sealed one-time link its body names as `{link}`. */
function outbox(db: D1Database, tenantId: string, recipient: string, message: { subject: string; body: string; sealedLink?: string }, relatedId: string, onlyIf?: { sql: string; params: unknown[] }) {
  return db.prepare(
    `INSERT INTO outbox (id, tenant_id, recipient, subject, body, sealed_link, related_id) SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${onlyIf?.sql ?? 'true'}`,
  ).bind(newId('msg'), tenantId, recipient, message.subject, message.body, message.sealedLink ?? null, relatedId, ...(onlyIf?.params ?? []));
}

/** The student's address: their own on the roster, else the one they applied with (the first message sent about the application). */
async function studentRecipient(db: D1Database, row: AppRow): Promise<string> {
  if (row.student_email) return row.student_email;
  const first = await db.prepare('SELECT recipient FROM outbox WHERE related_id = ? AND tenant_id = ? ORDER BY created_at, rowid LIMIT 1').bind(row.id, row.tenant_id).first<{ recipient: string }>();
  return first?.recipient ?? `${row.preferred_name} (no email on file: print this message for the student)`;
}

/**
 * The guardian's address: the roster's, and only the roster's. The contact typed into the
 * application form is the student's word for who their guardian is, so nothing goes to it.
 */
const guardianRecipient = (row: AppRow): string | null => row.student_guardian_email?.trim() || null;

// ---------------------------------------------------------------------------------------------
// Detail

interface AgreementRow {
  id: string; role: AgreementRole; text_version: string; signer_name: string | null; signed_at: string | null;
  sent_to: string | null; has_link: number; signed_by_user_id: string | null; signed_by_name: string | null;
}
interface HourRow { id: string; worked_on: string; hours: number; activity: string; logged_by: HourLog['loggedBy']; approved_by: string | null; approver_name: string | null; approved_at: string | null; created_at: string }
interface EvalRow { id: string; phase: Evaluation['phase']; ratings: string; comments: string | null; evaluator_user_id: string | null; evaluator_name: string | null; created_at: string }

const selectAgreements = (db: D1Database, tenantId: string, appId: string) =>
  db.prepare(`SELECT ag.id, ag.role, ag.text_version, ag.signer_name, ag.signed_at, ag.sent_to, ag.sign_token_hash IS NOT NULL AS has_link,
                     ag.signed_by_user_id, u.name AS signed_by_name
                FROM agreements ag LEFT JOIN users u ON u.id = ag.signed_by_user_id
               WHERE ag.application_id = ? AND ag.tenant_id = ?`).bind(appId, tenantId);

const selectTotals = (db: D1Database, tenantId: string, appId: string) =>
  db.prepare(`SELECT coalesce(sum(hours), 0) AS logged, coalesce(sum(CASE WHEN approved_at IS NOT NULL THEN hours END), 0) AS approved
                FROM hour_logs WHERE application_id = ? AND tenant_id = ?`).bind(appId, tenantId);

const HOUR_COLUMNS = 'h.id, h.worked_on, h.hours, h.activity, h.logged_by, h.approved_by, u.name AS approver_name, h.approved_at, h.created_at';

const toHour = (h: HourRow): HourLog => ({
  id: h.id, workedOn: h.worked_on, hours: h.hours, activity: h.activity, loggedBy: h.logged_by, approved: h.approved_at !== null,
  approvedBy: h.approved_by ? { id: h.approved_by, name: h.approver_name ?? h.approved_by } : null, approvedAt: h.approved_at, createdAt: h.created_at,
});

const toTotals = (t: { logged: number; approved: number } | undefined): HourTotals => {
  const logged = Math.round((t?.logged ?? 0) * 100) / 100;
  const approved = Math.round((t?.approved ?? 0) * 100) / 100;
  return { logged, approved, pending: Math.round((logged - approved) * 100) / 100 };
};

function toEvaluation(e: EvalRow): Evaluation {
  let ratings: { skill: string; level: number; comment?: string | null }[] = [];
  try { ratings = JSON.parse(e.ratings); } catch { ratings = []; }
  return {
    id: e.id, phase: e.phase, comments: e.comments, recordedAt: e.created_at,
    ratings: ratings.map((r) => ({ skill: r.skill, level: r.level, comment: r.comment ?? null })),
    evaluator: e.evaluator_user_id ? { id: e.evaluator_user_id, name: e.evaluator_name ?? e.evaluator_user_id } : null,
  };
}

/** `coordinating` shows where each link went; others (a supervisor) do not learn families' addresses. */
function agreementState(row: AppRow, signatures: AgreementRow[], today: string, coordinating = true): ApplicationDetail['agreement'] {
  const required = requiredRoles(isMinor(row, today));
  const signed = new Set(signatures.filter((s) => s.signed_at).map((s) => s.role));
  // A link role with an unsigned row but no working link: today only a guardian the roster has no address for.
  const waiting = signatures
    .filter((s) => !s.signed_at && !s.has_link && LINK_ROLES.includes(s.role) && required.includes(s.role))
    .map((s) => ({ role: s.role, reason: s.role === 'guardian' && !guardianRecipient(row) ? 'no_roster_address' as const : 'not_sent' as const }));
  return {
    required,
    missing: required.filter((r) => !signed.has(r)),
    waiting,
    signatures: signatures
      .sort((a, b) => ['student', 'guardian', 'supervisor', 'coordinator'].indexOf(a.role) - ['student', 'guardian', 'supervisor', 'coordinator'].indexOf(b.role))
      .map((s) => ({
        role: s.role, textVersion: s.text_version, signed: s.signed_at !== null, signerName: s.signer_name, signedAt: s.signed_at,
        sentTo: coordinating ? s.sent_to : null,
        signedBy: s.signed_by_user_id ? { id: s.signed_by_user_id, name: s.signed_by_name ?? s.signed_by_user_id } : null,
      })),
  };
}

/** The whole detail in one batch; with `auditRead` the read is recorded in the same batch, and only when the application is visible. */
async function detail(db: D1Database, user: SessionUser, id: string, auditRead: boolean): Promise<ApplicationDetail> {
  const s = scope(user);
  const t = user.tenantId;
  const statements: D1PreparedStatement[] = [
    selectApp(db, user, id),
    selectAgreements(db, t, id),
    db.prepare(`SELECT ${HOUR_COLUMNS} FROM hour_logs h LEFT JOIN users u ON u.id = h.approved_by WHERE h.application_id = ? AND h.tenant_id = ? ORDER BY h.worked_on DESC, h.created_at DESC LIMIT 100`).bind(id, t),
    selectTotals(db, t, id),
    db.prepare(`SELECT ev.id, ev.phase, ev.ratings, ev.comments, ev.evaluator_user_id, u.name AS evaluator_name, ev.created_at
                  FROM evaluations ev LEFT JOIN users u ON u.id = ev.evaluator_user_id WHERE ev.application_id = ? AND ev.tenant_id = ? ORDER BY ev.phase DESC`).bind(id, t),
    db.prepare(`SELECT ev.from_status, ev.to_status, ev.note, ev.actor_user_id, u.name AS actor_name, ev.at
                  FROM application_events ev LEFT JOIN users u ON u.id = ev.actor_user_id WHERE ev.application_id = ? AND ev.tenant_id = ? ORDER BY ev.at, ev.rowid`).bind(id, t),
    db.prepare(`SELECT u.id, u.name, u.email FROM users u
                 WHERE u.tenant_id = ? AND u.role = 'supervisor' AND u.disabled = 0
                   AND u.employer_id = (SELECT o.employer_id FROM applications a JOIN opportunities o ON o.id = a.opportunity_id WHERE a.id = ? AND a.tenant_id = ?)
                 ORDER BY u.name`).bind(t, id, t),
  ];
  if (auditRead) {
    statements.push(db.prepare(
      `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail)
       SELECT a.tenant_id, 'user', ?, 'application.read', 'student', a.student_id, json_object('applicationId', a.id)
         FROM applications a JOIN opportunities o ON o.id = a.opportunity_id WHERE a.id = ? AND a.tenant_id = ?${s.sql}`,
    ).bind(user.id, id, t, ...s.params));
  }
  const [app, agreements, hours, totals, evals, events, supervisors] = await db.batch(statements);
  const row = app!.results[0] as AppRow | undefined;
  if (!row) throw notFound();
  const today = todayIn(row.time_zone);
  let availability: { slots?: unknown; notes?: unknown } = {};
  try { availability = JSON.parse(row.availability ?? '{}') ?? {}; } catch { availability = {}; }
  const coordinating = user.role === 'coordinator' || user.role === 'admin';
  return {
    id: row.id, reference: row.reference, status: row.status,
    allowedTransitions: coordinating ? [...APPLICATION_TRANSITIONS[row.status]] : [],
    createdAt: row.created_at, updatedAt: row.updated_at, startedOn: row.started_on, completedOn: row.completed_on,
    statement: row.statement,
    availability: { slots: parseJsonList(availability.slots), notes: typeof availability.notes === 'string' ? availability.notes : null },
    transportation: row.transportation, accommodations: row.accommodations,
    student: {
      id: row.student_id, preferredName: row.preferred_name, grade: row.grade,
      school: row.school_id ? { id: row.school_id, name: row.school_name ?? row.school_id } : null, minor: isMinor(row, today),
    },
    opportunity: {
      id: row.opportunity_id, title: row.title, stage: row.stage, type: row.type, cluster: row.cluster,
      employer: { id: row.employer_id, name: row.employer_name }, startsOn: row.starts_on, endsOn: row.ends_on, schedule: row.schedule,
      skills: parseJsonList(row.skills), technicalSkills: parseJsonList(row.technical_skills),
    },
    supervisor: row.supervisor_user_id ? { id: row.supervisor_user_id, name: row.supervisor_name ?? '', email: row.supervisor_email ?? '' } : null,
    // A suggestion the roster already agrees with leaves the coordinator nothing to check.
    guardianSuggestion: coordinating && (row.app_guardian_name || row.app_guardian_email) && !sameAddress(row.app_guardian_email, row.student_guardian_email)
      ? { name: row.app_guardian_name, email: row.app_guardian_email } : null,
    supervisorOptions: coordinating ? (supervisors!.results as { id: string; name: string; email: string }[]) : [],
    agreement: agreementState(row, agreements!.results as AgreementRow[], today, coordinating),
    hours: { totals: toTotals(totals!.results[0] as { logged: number; approved: number }), entries: (hours!.results as HourRow[]).map(toHour) },
    evaluations: (evals!.results as EvalRow[]).map(toEvaluation),
    history: (events!.results as { from_status: string; to_status: string; note: string | null; actor_user_id: string | null; actor_name: string | null; at: string }[])
      // A note is written by coordinators for colleagues (why a student was declined…): not for the host.
      .map((e) => ({ from: e.from_status, to: e.to_status, note: coordinating ? e.note : null, actor: e.actor_user_id ? { id: e.actor_user_id, name: e.actor_name ?? e.actor_user_id } : null, at: e.at })),
  };
}

// ---------------------------------------------------------------------------------------------
// Training agreements

/** Refused: one person would hold two roles on one agreement. */
function samePerson(detail: string, errors: FieldError[]): ProblemError {
  return new ProblemError('conflict', { title: 'One person cannot sign for two roles', detail, errors });
}

/**
 * Where each link role's signing link goes: the student's address, the roster's guardian
 * (null when the roster has none: that signature waits) and the supervisor's. Refused with
 * 409 when one address would receive links for two roles, or when one of them is a
 * coordinator's or admin's account (who could then sign the coordinator line as well).
 */
async function linkRecipients(db: D1Database, row: AppRow, roles: AgreementRole[]): Promise<Partial<Record<AgreementRole, string | null>>> {
  const to: Partial<Record<AgreementRole, string | null>> = {};
  if (roles.includes('student')) to.student = await studentRecipient(db, row);
  if (roles.includes('guardian')) to.guardian = guardianRecipient(row);
  if (roles.includes('supervisor')) to.supervisor = row.supervisor_email ?? row.employer_contact_email ?? `Supervisor at ${row.employer_name} (no email on file)`;
  const words: Record<AgreementRole, string> = { student: 'the student', guardian: 'the parent or guardian', supervisor: 'the supervisor', coordinator: 'a coordinator' };
  const listed = LINK_ROLES.filter((r) => to[r]);
  for (const [i, a] of listed.entries()) {
    for (const b of listed.slice(i + 1)) {
      if (sameAddress(to[a], to[b])) {
        throw samePerson(`The links for ${words[a]} and ${words[b]} would both go to ${to[a]}. Correct the roster (or the supervisor) so each signer has their own address, then send the links again.`,
          [{ path: `agreement.${b}`, message: `${to[b]} is also ${words[a]}’s address`, code: 'same_person' }]);
      }
    }
  }
  // The coordinator's line is signed by a coordinator's account: no such account's address may get another role's link.
  const addresses = listed.map((r) => to[r]!.trim().toLowerCase());
  const staff = (await db.prepare(
    "SELECT lower(email) AS email FROM users WHERE tenant_id = ? AND role IN ('coordinator', 'admin') AND lower(email) IN (SELECT value FROM json_each(?))",
  ).bind(row.tenant_id, JSON.stringify(addresses)).all<{ email: string }>()).results;
  const taken = listed.find((r) => staff.some((u) => sameAddress(u.email, to[r])));
  if (taken) {
    throw samePerson(`The link for ${words[taken]} would go to ${to[taken]}, a coordinator’s account, and a coordinator signs the agreement too. Give ${words[taken]} their own address, then send the links again.`,
      [{ path: `agreement.${taken}`, message: `${to[taken]} is a coordinator’s address`, code: 'same_person' }]);
  }
  return to;
}

/**
 * The statements that give an application the signature rows its required roles need, and a
 * fresh signing link (only its hash stored) for each unsigned student, guardian and supervisor
 * row, with one outbox message each whose link is sealed. Signed rows are never touched; an
 * unsigned row gets a new token (the old link stops working) and the current text version,
 * since its signer has not agreed to anything yet. The coordinator's row never gets a link
 * (they sign in the console); a guardian's row without a roster address gets none either and
 * loses any old one, so nothing reaches an address the roster does not hold.
 * `onlyIf` makes every write conditional, so a transition that lost its race writes none of it.
 */
async function agreementStatements(db: D1Database, secret: string, row: AppRow, origin: string, onlyIf: { sql: string; params: unknown[] } = { sql: 'true', params: [] }) {
  const text = await db.prepare(
    "SELECT version FROM agreement_texts WHERE tenant_id = ? AND kind = 'training_agreement' ORDER BY created_at DESC, version DESC LIMIT 1",
  ).bind(row.tenant_id).first<{ version: string }>();
  if (!text) {
    throw new ProblemError('conflict', { title: 'No training agreement text is set up', detail: 'Add this district’s training agreement text before placements can be accepted.' });
  }
  const existing = (await selectAgreements(db, row.tenant_id, row.id).all<AgreementRow>()).results;
  const today = todayIn(row.time_zone);
  const minor = isMinor(row, today);
  const unsigned = requiredRoles(minor).filter((role) => !existing.find((e) => e.role === role)?.signed_at);
  const recipients = await linkRecipients(db, row, unsigned);
  const statements: D1PreparedStatement[] = [];
  const sent: { role: AgreementRole; recipient: string }[] = [];
  const now = new Date().toISOString();
  for (const role of unsigned) {
    const had = existing.find((e) => e.role === role);
    const recipient = recipients[role] ?? null;
    const token = recipient ? newToken() : null;
    const hash = token ? await tokenHash(token) : null;
    if (had) {
      statements.push(db.prepare(
        `UPDATE agreements SET sign_token_hash = ?, sent_to = ?, text_version = ?, created_at = ? WHERE id = ? AND signed_at IS NULL AND ${onlyIf.sql}`,
      ).bind(hash, recipient, text.version, now, had.id, ...onlyIf.params));
    } else {
      statements.push(db.prepare(
        `INSERT INTO agreements (id, tenant_id, application_id, role, text_version, sign_token_hash, sent_to, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE ${onlyIf.sql} ON CONFLICT (application_id, role) DO NOTHING`,
      ).bind(newId('agr'), row.tenant_id, row.id, role, text.version, hash, recipient, now, ...onlyIf.params));
    }
    if (!token || !hash || !recipient) continue;
    // The body says `{link}`; the link itself is sealed, so the outbox never holds a working token in the clear.
    const message = { ...signRequestMessage(words(row), role, minor), sealedLink: await seal(secret, row.tenant_id, signLink(origin, token)) };
    // The message goes out only if its token was stored, so no link is ever sent that does not work.
    statements.push(outbox(db, row.tenant_id, recipient, message, row.id, { sql: 'EXISTS (SELECT 1 FROM agreements WHERE sign_token_hash = ?)', params: [hash] }));
    sent.push({ role, recipient });
  }
  return { statements, sent, version: text.version };
}

// ---------------------------------------------------------------------------------------------
// Routers

const AppParam = z.object({ id: idOf('app') });
const EvalParam = z.object({ id: idOf('app'), phase: z.enum(EVALUATION_PHASES) });
const HourParam = z.object({ id: idOf('hrs') });
const coordinating = requireRole('coordinator', 'admin');
const NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

export const applicationsAdmin = new Hono<AppEnv>()
  .use(requireRole('coordinator', 'admin', 'supervisor'))

  .get('/', query(ApplicationListQuery), async (c) => {
    const user = c.get('user');
    const q = c.req.valid('query');
    const db = c.env.DB;
    const s = scope(user);
    const where = [`a.tenant_id = ?${s.sql}`];
    const params: unknown[] = [user.tenantId, ...s.params];
    if (q.status) { where.push('a.status IN (SELECT value FROM json_each(?))'); params.push(JSON.stringify(q.status)); }
    if (q.opportunityId) { where.push('a.opportunity_id = ?'); params.push(q.opportunityId); }
    if (q.studentId) { where.push('a.student_id = ?'); params.push(q.studentId); }
    if (q.schoolId) { where.push('s.school_id = ?'); params.push(q.schoolId); }
    if (q.employerId) { where.push('o.employer_id = ?'); params.push(q.employerId); }
    if (q.cursor) {
      const cur = decodeCursor(q.cursor);
      if (!cur || typeof cur.k !== 'string') throw new ProblemError('validation', { errors: [{ path: 'cursor', message: 'This cursor is not valid; start again from the first page', code: 'invalid_cursor' }] });
      where.push('(a.created_at, a.rowid) < (?, ?)');
      params.push(cur.k, cur.s);
    }
    const rows = (await db.prepare(
      `SELECT a.rowid AS seq, a.id, a.reference, a.status, a.created_at, a.updated_at, a.started_on, a.completed_on, a.student_id,
              s.preferred_name, s.grade, s.school_id, sc.name AS school_name, o.id AS opportunity_id, o.title, o.stage, o.type,
              e.id AS employer_id, e.name AS employer_name, u.id AS supervisor_id, u.name AS supervisor_name
         FROM applications a
         JOIN students s ON s.id = a.student_id
         JOIN opportunities o ON o.id = a.opportunity_id
         JOIN employers e ON e.id = o.employer_id
         LEFT JOIN schools sc ON sc.id = s.school_id
         LEFT JOIN users u ON u.id = a.supervisor_user_id
        WHERE ${where.join(' AND ')}
        ORDER BY a.created_at DESC, a.rowid DESC LIMIT ?`,
    ).bind(...params, q.limit + 1).all<{
      seq: number; id: string; reference: string; status: ApplicationStatus; created_at: string; updated_at: string; started_on: string | null;
      completed_on: string | null; student_id: string; preferred_name: string; grade: number; school_id: string | null; school_name: string | null;
      opportunity_id: string; title: string; stage: string; type: string; employer_id: string; employer_name: string;
      supervisor_id: string | null; supervisor_name: string | null;
    }>()).results;
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    await db.prepare(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail) VALUES (?, 'user', ?, 'application.list', 'student', NULL, ?)`)
      .bind(user.tenantId, user.id, JSON.stringify({ studentIds: [...new Set(page.map((r) => r.student_id))], count: page.length })).run();
    const last = page.at(-1);
    return c.json({
      items: page.map((r) => ({
        id: r.id, reference: r.reference, status: r.status,
        student: { id: r.student_id, preferredName: r.preferred_name, grade: r.grade, school: r.school_id ? { id: r.school_id, name: r.school_name ?? r.school_id } : null },
        opportunity: { id: r.opportunity_id, title: r.title, stage: r.stage, type: r.type, employer: { id: r.employer_id, name: r.employer_name } },
        supervisor: r.supervisor_id ? { id: r.supervisor_id, name: r.supervisor_name ?? r.supervisor_id } : null,
        createdAt: r.created_at, updatedAt: r.updated_at, startedOn: r.started_on, completedOn: r.completed_on,
      })),
      nextCursor: more && last ? encodeCursor({ k: last.created_at, s: last.seq }) : null,
    } satisfies ApplicationList);
  })

  .get('/:id', param(AppParam), async (c) => c.json(await detail(c.env.DB, c.get('user'), c.req.valid('param').id, true)))

  .post('/:id/transition', coordinating, param(AppParam), json(TransitionRequest), async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const { to, note } = c.req.valid('json');
    const db = c.env.DB;
    const row = await loadApp(db, user, id);
    const from = row.status;
    const allowed = APPLICATION_TRANSITIONS[from];
    if (!allowed.includes(to)) {
      throw new ProblemError('conflict', {
        title: 'Not a move this application can make',
        detail: allowed.length ? `An application that is ${from} can become: ${allowed.join(', ')}.` : `An application that is ${from} is final.`,
        errors: [{ path: 'to', message: allowed.length ? `From ${from}, choose ${allowed.join(', ')}` : `${from} is final`, code: 'invalid_transition' }],
      });
    }
    const today = todayIn(row.time_zone);
    const required = requiredRoles(isMinor(row, today));
    if (to === 'confirmed') {
      const signatures = (await selectAgreements(db, row.tenant_id, row.id).all<AgreementRow>()).results;
      const missing = agreementState(row, signatures, today).missing;
      if (missing.length) {
        const who: Record<AgreementRole, string> = { student: 'The student', guardian: 'A parent or guardian (the student is under 18)', supervisor: 'The workplace supervisor', coordinator: 'The coordinator' };
        throw new ProblemError('conflict', {
          title: 'The training agreement is not fully signed',
          detail: `A placement is confirmed only when every required signature is in. Missing: ${missing.join(', ')}.`,
          errors: missing.map((r) => ({ path: `agreement.${r}`, message: `${who[r]} has not signed yet`, code: 'signature_missing' })),
        });
      }
    }

    const eventId = newId('evt');
    const sets = ['status = ?', `updated_at = ${NOW_SQL}`];
    const setParams: unknown[] = [to];
    if (to === 'active') { sets.push('started_on = coalesce(started_on, ?)'); setParams.push(today); }
    if (to === 'completed') { sets.push('completed_on = ?'); setParams.push(today); }
    let guard = '';
    const guardParams: unknown[] = [];
    if (to === 'confirmed') {
      // Checked again inside the write, so the rule holds in the database itself.
      guard = ` AND (SELECT count(*) FROM agreements g WHERE g.application_id = applications.id AND g.signed_at IS NOT NULL AND g.role IN (SELECT value FROM json_each(?))) = ?`;
      guardParams.push(JSON.stringify(required), required.length);
    }
    const happened = { sql: 'EXISTS (SELECT 1 FROM application_events WHERE id = ?)', params: [eventId] };
    const statements: D1PreparedStatement[] = [
      // Conditional on the status we read: of two racing moves, one updates a row, the other none.
      db.prepare(`UPDATE applications SET ${sets.join(', ')} WHERE id = ? AND tenant_id = ? AND status = ?${guard}`)
        .bind(...setParams, row.id, row.tenant_id, from, ...guardParams),
      // changes() is the UPDATE's count: the event exists only if this request won.
      db.prepare(`INSERT INTO application_events (id, tenant_id, application_id, from_status, to_status, note, actor_user_id)
                  SELECT ?, ?, ?, ?, ?, ?, ? WHERE changes() = 1`).bind(eventId, row.tenant_id, row.id, from, to, note || null, user.id),
      audit(db, user, 'application.transition', row, { from, to }, happened),
    ];
    if (to === 'accepted') statements.push(...(await agreementStatements(db, appSecret(c.env), row, new URL(c.req.url).origin, happened)).statements);
    const message = statusMessage(words(row), to, note || null);
    if (message) {
      statements.push(outbox(db, row.tenant_id, await studentRecipient(db, row), message, row.id, happened));
      // The roster's guardian hears too; a contact typed into the application form never does.
      const guardian = guardianRecipient(row);
      if (isMinor(row, today) && guardian) statements.push(outbox(db, row.tenant_id, guardian, message, row.id, happened));
    }
    const [update] = await db.batch(statements);
    if (!update!.meta.changes) {
      const now = await db.prepare('SELECT status FROM applications WHERE id = ? AND tenant_id = ?').bind(row.id, row.tenant_id).first<{ status: string }>();
      throw new ProblemError('conflict', {
        title: 'The application changed while you were working',
        detail: `It is now ${now?.status ?? 'gone'}; reload it and try again.`,
        errors: [{ path: 'to', message: `The application is now ${now?.status ?? 'gone'}`, code: 'stale_status' }],
      });
    }
    return c.json(await detail(db, user, row.id, false));
  })

  .post('/:id/agreement', coordinating, param(AppParam), async (c) => {
    const user = c.get('user');
    const db = c.env.DB;
    const row = await loadApp(db, user, c.req.valid('param').id);
    if (row.status !== 'offered' && row.status !== 'accepted') {
      throw new ProblemError('conflict', { title: 'No agreement to send', detail: `Training agreements are sent for offered or accepted applications; this one is ${row.status}.` });
    }
    const plan = await agreementStatements(db, appSecret(c.env), row, new URL(c.req.url).origin);
    if (plan.statements.length) await db.batch([...plan.statements, audit(db, user, 'agreement.issue', row, { roles: plan.sent.map((s) => s.role) })]);
    const signatures = (await selectAgreements(db, row.tenant_id, row.id).all<AgreementRow>()).results;
    return c.json({ agreement: agreementState(row, signatures, todayIn(row.time_zone)), sent: plan.sent } satisfies AgreementIssueResult);
  })

  .post('/:id/agreement/sign', coordinating, param(AppParam), json(CoordinatorSignRequest), async (c) => {
    const user = c.get('user');
    const db = c.env.DB;
    const row = await loadApp(db, user, c.req.valid('param').id);
    const { typedName } = c.req.valid('json');
    if (row.status !== 'offered' && row.status !== 'accepted') {
      throw new ProblemError('conflict', { title: 'Nothing to sign', detail: `The coordinator signs the training agreement of an offered or accepted placement; this one is ${row.status}.` });
    }
    const signatures = (await selectAgreements(db, row.tenant_id, row.id).all<AgreementRow>()).results;
    const mine = signatures.find((s) => s.role === 'coordinator');
    if (!mine) throw new ProblemError('conflict', { title: 'No agreement yet', detail: 'Send the training agreement first; then sign the coordinator line.' });
    if (mine.signed_at) {
      throw new ProblemError('conflict', { title: 'Already signed', detail: `${mine.signed_by_name ?? mine.signer_name ?? 'A coordinator'} signed the coordinator line on ${mine.signed_at.slice(0, 10)}.` });
    }
    // One person, one role: the coordinator may not also be this placement's supervisor or another signer.
    const other = signatures.find((s) => s.role !== 'coordinator' && (s.signed_by_user_id === user.id || sameAddress(s.sent_to, user.email)));
    if (row.supervisor_user_id === user.id || sameAddress(row.supervisor_email, user.email) || other) {
      const role = other?.role ?? 'supervisor';
      throw samePerson(`You already hold the ${role} role on this agreement, so another coordinator must sign the coordinator line.`,
        [{ path: 'typedName', message: `You are this agreement’s ${role}`, code: 'same_person' }]);
    }
    const signedAt = new Date().toISOString();
    const mark = { sql: 'EXISTS (SELECT 1 FROM agreements WHERE id = ? AND signed_at = ? AND signed_by_user_id = ?)', params: [mine.id, signedAt, user.id] };
    const [update] = await db.batch([
      db.prepare('UPDATE agreements SET signer_name = ?, signed_at = ?, signed_by_user_id = ? WHERE id = ? AND tenant_id = ? AND signed_at IS NULL')
        .bind(typedName, signedAt, user.id, mine.id, row.tenant_id),
      audit(db, user, 'agreement.sign', row, { agreementId: mine.id, role: 'coordinator', via: 'console' }, mark),
      // The last signature tells the Work-Based Learning office that the placement can be confirmed.
      outbox(db, row.tenant_id, row.issuer_email ?? 'Work-Based Learning Office', allSignedMessage(words(row)), row.id,
        { sql: `${mark.sql} AND NOT EXISTS (SELECT 1 FROM agreements WHERE application_id = ? AND signed_at IS NULL)`, params: [...mark.params, row.id] }),
    ]);
    if (!update!.meta.changes) throw new ProblemError('conflict', { title: 'Already signed', detail: 'Another coordinator signed the coordinator line a moment ago.' });
    return c.json(await detail(db, user, row.id, false));
  })

  .put('/:id/supervisor', coordinating, param(AppParam), json(SupervisorAssignment), async (c) => {
    const user = c.get('user');
    const db = c.env.DB;
    const row = await loadApp(db, user, c.req.valid('param').id);
    const { supervisorUserId } = c.req.valid('json');
    if (supervisorUserId) {
      const ok = await db.prepare("SELECT id FROM users WHERE id = ? AND tenant_id = ? AND role = 'supervisor' AND disabled = 0 AND employer_id = ?")
        .bind(supervisorUserId, row.tenant_id, row.employer_id).first();
      if (!ok) throw new ProblemError('validation', { errors: [{ path: 'supervisorUserId', message: `Choose a supervisor at ${row.employer_name}`, code: 'not_a_supervisor_here' }] });
    }
    await db.batch([
      db.prepare(`UPDATE applications SET supervisor_user_id = ?, updated_at = ${NOW_SQL} WHERE id = ? AND tenant_id = ?`).bind(supervisorUserId, row.id, row.tenant_id),
      audit(db, user, 'application.assign_supervisor', row, { supervisorUserId }),
    ]);
    return c.json(await detail(db, user, row.id, false));
  })

  .post('/:id/hours', param(AppParam), json(HourLogRequest), async (c) => {
    const user = c.get('user');
    const db = c.env.DB;
    const row = await loadApp(db, user, c.req.valid('param').id);
    mustSupervise(user, row);
    const body = c.req.valid('json');
    if (row.status !== 'active' && row.status !== 'completed') {
      throw new ProblemError('conflict', { title: 'Hours are logged on placements under way', detail: `This application is ${row.status}; hours are logged once it is active.` });
    }
    const today = todayIn(row.time_zone);
    const errors: FieldError[] = [];
    if (body.workedOn > today) errors.push({ path: 'workedOn', message: 'Log hours for today or an earlier day', code: 'future_date' });
    else if (row.started_on && body.workedOn < row.started_on) errors.push({ path: 'workedOn', message: `The placement started on ${row.started_on}`, code: 'before_start' });
    else if (row.completed_on && body.workedOn > row.completed_on) errors.push({ path: 'workedOn', message: `The placement ended on ${row.completed_on}`, code: 'after_end' });
    if (errors.length) throw new ProblemError('validation', { errors });

    const hourId = newId('hrs');
    const bySupervisor = user.role === 'supervisor';
    // A supervisor's own entry is their attestation, so it counts as approved; others wait for them.
    const [insert] = await db.batch([
      db.prepare(
        `INSERT INTO hour_logs (id, tenant_id, application_id, worked_on, hours, activity, logged_by, approved_by, approved_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
          WHERE (SELECT coalesce(sum(hours), 0) FROM hour_logs WHERE application_id = ? AND worked_on = ?) + ? <= 12`,
      ).bind(hourId, row.tenant_id, row.id, body.workedOn, body.hours, body.activity, bySupervisor ? 'supervisor' : 'coordinator',
        bySupervisor ? user.id : null, bySupervisor ? new Date().toISOString() : null, row.id, body.workedOn, body.hours),
      audit(db, user, 'hours.log', row, { hourLogId: hourId, hours: body.hours }, { sql: 'EXISTS (SELECT 1 FROM hour_logs WHERE id = ?)', params: [hourId] }),
    ]);
    if (!insert!.meta.changes) {
      throw new ProblemError('validation', { errors: [{ path: 'hours', message: `That would make more than 12 hours on ${body.workedOn}`, code: 'day_limit' }] });
    }
    const [entry, totals] = await db.batch([
      db.prepare(`SELECT ${HOUR_COLUMNS} FROM hour_logs h LEFT JOIN users u ON u.id = h.approved_by WHERE h.id = ?`).bind(hourId),
      selectTotals(db, row.tenant_id, row.id),
    ]);
    return c.json({ entry: toHour(entry!.results[0] as HourRow), totals: toTotals(totals!.results[0] as { logged: number; approved: number }) } satisfies HourLogResult, 201);
  })

  .put('/:id/evaluations/:phase', param(EvalParam), json(EvaluationRequest), async (c) => {
    const user = c.get('user');
    const db = c.env.DB;
    const { id, phase } = c.req.valid('param');
    const row = await loadApp(db, user, id);
    mustSupervise(user, row);
    if (row.status !== 'active' && row.status !== 'completed') {
      throw new ProblemError('conflict', { title: 'Not under way', detail: `A ${phase} evaluation is recorded while a placement is active or once it is completed; this one is ${row.status}.` });
    }
    const body = c.req.valid('json');
    const named = [...parseJsonList(row.skills), ...parseJsonList(row.technical_skills)];
    const errors: FieldError[] = [];
    const rated = new Set<string>();
    body.ratings.forEach((r, i) => {
      if (!named.includes(r.skill)) errors.push({ path: `ratings.${i}.skill`, message: `“${r.skill}” is not one of this placement’s named skills`, code: 'unknown_skill' });
      else if (rated.has(r.skill)) errors.push({ path: `ratings.${i}.skill`, message: `“${r.skill}” is rated twice`, code: 'duplicate_skill' });
      rated.add(r.skill);
    });
    const unrated = named.filter((s) => !rated.has(s));
    if (unrated.length) errors.push({ path: 'ratings', message: `Rate every named skill; still to rate: ${unrated.join(', ')}`, code: 'skills_unrated' });
    if (errors.length) throw new ProblemError('validation', { errors });

    const evalId = newId('evl');
    const now = new Date().toISOString();
    const ratings = JSON.stringify(body.ratings.map((r) => ({ skill: r.skill, level: r.level, comment: r.comment || null })));
    // A final evaluation is a badge's evidence: once a credential is issued from it, it is frozen.
    const frozen = phase === 'final' ? ' WHERE NOT EXISTS (SELECT 1 FROM credentials WHERE application_id = excluded.application_id AND revoked_at IS NULL)' : '';
    const [upsert] = await db.batch([
      db.prepare(
        `INSERT INTO evaluations (id, tenant_id, application_id, phase, ratings, comments, evaluator_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (application_id, phase) DO UPDATE SET ratings = excluded.ratings, comments = excluded.comments,
           evaluator_user_id = excluded.evaluator_user_id, created_at = excluded.created_at${frozen}`,
      ).bind(evalId, row.tenant_id, row.id, phase, ratings, body.comments || null, user.id, now),
      audit(db, user, 'evaluation.record', row, { phase }, { sql: 'EXISTS (SELECT 1 FROM evaluations WHERE application_id = ? AND phase = ? AND created_at = ?)', params: [row.id, phase, now] }),
    ]);
    if (!upsert!.meta.changes) {
      throw new ProblemError('conflict', { title: 'This evaluation is a badge’s evidence', detail: 'A badge was issued from this final evaluation, so it can no longer change. Revoke the badge first if it was wrong.' });
    }
    const saved = await db.prepare(`SELECT ev.id, ev.phase, ev.ratings, ev.comments, ev.evaluator_user_id, u.name AS evaluator_name, ev.created_at
                                      FROM evaluations ev LEFT JOIN users u ON u.id = ev.evaluator_user_id WHERE ev.application_id = ? AND ev.phase = ?`)
      .bind(row.id, phase).first<EvalRow>();
    return c.json(toEvaluation(saved!) satisfies Evaluation);
  });

export const hoursAdmin = new Hono<AppEnv>()
  .use(requireRole('coordinator', 'admin', 'supervisor'))
  .post('/:id/approve', param(HourParam), async (c) => {
    const user = c.get('user');
    const db = c.env.DB;
    const { id } = c.req.valid('param');
    const log = await db.prepare('SELECT application_id FROM hour_logs WHERE id = ? AND tenant_id = ?').bind(id, user.tenantId).first<{ application_id: string }>();
    if (!log) throw new ProblemError('notFound', { detail: 'No hour log with this id here.' });
    const row = await selectApp(db, user, log.application_id).first<AppRow>();
    if (!row) throw new ProblemError('notFound', { detail: 'No hour log with this id here.' });
    mustSupervise(user, row);
    const now = new Date().toISOString();
    // Approving twice is harmless: the first approval stands and the answer is the same entry.
    await db.batch([
      db.prepare('UPDATE hour_logs SET approved_by = ?, approved_at = ? WHERE id = ? AND tenant_id = ? AND approved_at IS NULL').bind(user.id, now, id, user.tenantId),
      audit(db, user, 'hours.approve', row, { hourLogId: id }, { sql: 'changes() = 1', params: [] }),
    ]);
    const [entry, totals] = await db.batch([
      db.prepare(`SELECT ${HOUR_COLUMNS} FROM hour_logs h LEFT JOIN users u ON u.id = h.approved_by WHERE h.id = ?`).bind(id),
      selectTotals(db, row.tenant_id, row.id),
    ]);
    return c.json({ entry: toHour(entry!.results[0] as HourRow), totals: toTotals(totals!.results[0] as { logged: number; approved: number }) } satisfies HourLogResult);
  });

export const outboxAdmin = new Hono<AppEnv>()
  .use(requireRole('coordinator', 'admin'))
  .get('/', query(OutboxQuery), async (c) => {
    const user = c.get('user');
    const q = c.req.valid('query');
    const where = ['tenant_id = ?'];
    const params: unknown[] = [user.tenantId];
    if (q.relatedId) { where.push('related_id = ?'); params.push(q.relatedId); }
    if (q.cursor) {
      const cur = decodeCursor(q.cursor);
      if (!cur || typeof cur.k !== 'string') throw new ProblemError('validation', { errors: [{ path: 'cursor', message: 'This cursor is not valid; start again from the first page', code: 'invalid_cursor' }] });
      where.push('(created_at, rowid) < (?, ?)');
      params.push(cur.k, cur.s);
    }
    const rows = (await c.env.DB.prepare(
      `SELECT rowid AS seq, id, tenant_id, recipient, subject, body, sealed_link, related_id, created_at FROM outbox WHERE ${where.join(' AND ')} ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ).bind(...params, q.limit + 1).all<{ seq: number; id: string; tenant_id: string; recipient: string; subject: string; body: string; sealed_link: string | null; related_id: string | null; created_at: string }>()).results;
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    // Messages name students and carry signing links: reading them is recorded too.
    await c.env.DB.prepare(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail) VALUES (?, 'user', ?, 'outbox.read', 'outbox', ?, ?)`)
      .bind(user.tenantId, user.id, q.relatedId ?? null, JSON.stringify({ count: page.length })).run();
    const last = page.at(-1);
    // Until messages are delivered by mail, coordinators forward them by hand: only here, for
    // them, is a sealed link put back into its message.
    const secret = page.some((r) => r.sealed_link) ? appSecret(c.env) : '';
    const bodies = await Promise.all(page.map(async (r) => (r.sealed_link ? withLink(r.body, await unseal(secret, r.tenant_id, r.sealed_link)) : r.body)));
    return c.json({
      items: page.map((r, i) => ({ id: r.id, recipient: r.recipient, subject: r.subject, body: bodies[i]!, relatedId: r.related_id, createdAt: r.created_at })),
      nextCursor: more && last ? encodeCursor({ k: last.created_at, s: last.seq }) : null,
    } satisfies OutboxList);
  });

