/**
 * What every `/me` route shares: CORS for the school pages that embed `<wbl-my-wbl>`, the
 * person's bearer session, and loading a placement only when it is the person's own.
 *
 * A request carries both the site key (the page it comes from, so its origin is checked like
 * any public call) and the person's token; a session opened on another district's site answers
 * 401, and an id that is not the person's answers 404 — never 403, which would tell that it exists.
 */
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { applications, employers, opportunities, schools, students, tenants, users } from '../../../schema/db/tables.js';
import type { AppEnv } from '../../env.js';
import { bearer } from '../../middleware/auth.js';
import { anySiteAllows } from '../../middleware/site.js';
import type { AuditEntry } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import type { Lang } from '../../lib/lang.js';
import { type Person, resolvePersonSession } from '../../lib/person-sessions.js';
import { ProblemError } from '../../lib/problem.js';
import { appFields } from '../admin/placements/rows.js';

/**
 * Preflights name the bearer token and PUT, which the public routes' preflight does not allow;
 * every answer is the person's own, so none is ever stored by a cache.
 */
export const personCors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('Origin');
  if (c.req.method === 'OPTIONS') {
    if (!origin || !(await anySiteAllows(c.var.db, origin))) return c.body(null, 204, { Vary: 'Origin' });
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Site-Key, Idempotency-Key',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  }
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
});

const SIGN_IN_AGAIN = {
  en: 'Your sign-in has ended. Ask for a new sign-in link, or sign in with your student number and access code.',
  es: 'Su sesión terminó. Pida un enlace nuevo para entrar, o entre con su número de estudiante y su código de acceso.',
};

/** The signed-in student or guardian, from `Authorization: Bearer`, in the site's own district. */
export const personSignedIn = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('Authorization'));
  const person = token ? await resolvePersonSession(c.var.db, token) : null;
  if (!person || person.tenantId !== c.get('site').tenantId) {
    throw new ProblemError('signInRequired', {
      detail: token ? SIGN_IN_AGAIN[c.var.lang] : 'Send `Authorization: Bearer <token>` from POST /api/v1/me/sessions.',
      headers: { 'WWW-Authenticate': 'Bearer realm="open-wbl-me"' },
    });
  }
  c.set('person', person);
  await next();
});

/** Refuses (404) what only a student does on their own record, when a guardian asks. */
export function studentOnly(person: Person, lang: Lang): string {
  if (person.kind !== 'student' || !person.studentId) throw notFound(lang);
  return person.studentId;
}

const NOT_FOUND = { en: 'Nothing of yours has this id.', es: 'Nada suyo tiene este identificador.' };
export const notFound = (lang: Lang) => new ProblemError('notFound', { detail: NOT_FOUND[lang] });

/** The audit entry of a person's act on a student's record; never the record itself in `detail`. */
export function personAudit(person: Person, action: string, studentId: string | null, detail: Record<string, unknown> = {}): AuditEntry {
  return {
    tenantId: person.tenantId,
    actorType: person.kind,
    actorId: person.sessionId,
    action,
    entity: 'student',
    entityId: studentId,
    detail: { via: 'me', ...detail },
  };
}

/** Only the person's own students, in their own district. */
export const ownStudents = (person: Person): SQL => and(eq(students.tenantId, person.tenantId), inArray(students.id, person.studentIds))!;

/** A placement (or application) of one of the person's students, with everything a write needs; 404 otherwise. */
export async function loadOwnApp(db: Database, person: Person, id: string, lang: Lang) {
  const row = await db
    .select({ ...appFields, appSupervisorName: applications.supervisorName, startedOnApp: applications.startedOn })
    .from(applications)
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .innerJoin(employers, eq(employers.id, opportunities.employerId))
    .innerJoin(tenants, eq(tenants.id, applications.tenantId))
    .leftJoin(schools, eq(schools.id, students.schoolId))
    .leftJoin(users, eq(users.id, applications.supervisorUserId))
    .where(and(eq(applications.id, id), eq(applications.tenantId, person.tenantId), ownStudents(person)))
    .get();
  if (!row) throw notFound(lang);
  return row;
}
export type OwnApp = Awaited<ReturnType<typeof loadOwnApp>>;
