/**
 * Students' and guardians' own sessions (`/api/v1/me`) and the emailed one-time links that
 * open them. Both secrets are 256 random bits of which only the SHA-256 hash is stored, like
 * staff sessions (`lib/sessions.ts`); a person's session is shorter, because it is opened from
 * a link in an inbox or a code on a school ID rather than a password.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { personSessions, signInLinks, students, tenants } from '../../schema/db/tables.js';
import type { PersonKind } from '../../schema/api/me.js';
import type { Database } from './db.js';
import { newId } from './ids.js';
import { newToken, tokenHash } from './sessions.js';

/** A sign-in link works this long, and once. */
export const SIGN_IN_LINK_MINUTES = 15;
/** A person's session ends after this long without use (a staff session: 8 hours)… */
export const PERSON_IDLE_SECONDS = 2 * 60 * 60;
/** …and never lives longer than this (a staff session: 7 days). */
export const PERSON_MAX_SECONDS = 12 * 60 * 60;
const SLIDE_AFTER_SECONDS = 60;

const iso = (ms: number) => new Date(ms).toISOString();
const lower = (email: string) => email.trim().toLowerCase();

/** The signed-in person: who, in which district, and the only students they may see. */
export interface Person {
  sessionId: string;
  kind: PersonKind;
  tenantId: string;
  tenantName: string;
  /** The student themself, or every roster student whose guardian address is this one. */
  studentIds: string[];
  /** The student's own id (a student session); null for a guardian. */
  studentId: string | null;
  email: string | null;
  /** The student's preferred name, or the guardian's name as the roster has it. */
  name: string;
}

/** Who an address is on a tenant's roster: a student's own address wins over a guardian's. */
export async function rosterPerson(db: Database, tenantId: string, email: string): Promise<{ kind: PersonKind; studentId: string | null } | null> {
  const address = lower(email);
  const own = await db
    .select({ id: students.id })
    .from(students)
    .where(and(eq(students.tenantId, tenantId), sql`lower(trim(${students.email})) = ${address}`))
    .limit(2)
    .all();
  // Two students sharing one address (siblings on a family account) cannot tell which is signing in: neither is.
  if (own.length === 1) return { kind: 'student', studentId: own[0]!.id };
  const guarded = await db
    .select({ id: students.id })
    .from(students)
    .where(and(eq(students.tenantId, tenantId), sql`lower(trim(${students.guardianEmail})) = ${address}`))
    .limit(1)
    .get();
  return guarded ? { kind: 'guardian', studentId: null } : null;
}

/** A new sign-in link's token and the row that keeps its hash. */
export async function newSignInLink(db: Database, tenantId: string, email: string) {
  const token = newToken();
  const expiresAt = iso(Date.now() + SIGN_IN_LINK_MINUTES * 60_000);
  const row = db.insert(signInLinks).values({ id: newId('sil'), tenantId, email: lower(email), tokenHash: await tokenHash(token), expiresAt });
  return { token, expiresAt, row };
}

export type LinkUse = { ok: true; email: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/**
 * Spends a sign-in link: one conditional UPDATE marks it used only while it is unused and
 * unexpired, so two tabs opening the same link get one session between them. A link opened on
 * another district's site is unknown there, and stays unspent.
 */
export async function spendSignInLink(db: Database, tenantId: string, token: string): Promise<LinkUse> {
  const hash = await tokenHash(token);
  const now = iso(Date.now());
  const spent = await db
    .update(signInLinks)
    .set({ usedAt: now })
    .where(and(eq(signInLinks.tokenHash, hash), eq(signInLinks.tenantId, tenantId), isNull(signInLinks.usedAt), gt(signInLinks.expiresAt, now)))
    .returning({ email: signInLinks.email })
    .get();
  if (spent) return { ok: true, ...spent };
  const row = await db
    .select({ usedAt: signInLinks.usedAt })
    .from(signInLinks)
    .where(and(eq(signInLinks.tokenHash, hash), eq(signInLinks.tenantId, tenantId)))
    .get();
  return { ok: false, reason: !row ? 'unknown' : row.usedAt ? 'used' : 'expired' };
}

export async function createPersonSession(
  db: Database,
  p: { tenantId: string; kind: PersonKind; studentId: string | null; email: string | null },
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const now = Date.now();
  const expiresAt = iso(now + PERSON_IDLE_SECONDS * 1000);
  await db.insert(personSessions).values({
    id: newId('pss'),
    tenantId: p.tenantId,
    kind: p.kind,
    studentId: p.studentId,
    email: p.email ? lower(p.email) : null,
    tokenHash: await tokenHash(token),
    createdAt: iso(now),
    lastSeenAt: iso(now),
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * The person a bearer token belongs to, sliding the session; null when unknown or expired, or
 * when nobody on the roster is theirs any more (a guardian removed from every student).
 * The students a guardian sees are read from the roster at every request, so a roster change
 * takes effect at once.
 */
export async function resolvePersonSession(db: Database, token: string): Promise<Person | null> {
  const now = Date.now();
  const row = await db
    .select({
      id: personSessions.id,
      tenantId: personSessions.tenantId,
      tenantName: tenants.name,
      kind: personSessions.kind,
      studentId: personSessions.studentId,
      email: personSessions.email,
      createdAt: personSessions.createdAt,
      lastSeenAt: personSessions.lastSeenAt,
    })
    .from(personSessions)
    .innerJoin(tenants, eq(tenants.id, personSessions.tenantId))
    .where(and(eq(personSessions.tokenHash, await tokenHash(token)), gt(personSessions.expiresAt, iso(now))))
    .get();
  if (!row) return null;
  const seen =
    row.kind === 'student'
      ? await db
          .select({ id: students.id, name: students.preferredName })
          .from(students)
          .where(and(eq(students.tenantId, row.tenantId), eq(students.id, row.studentId ?? '')))
          .all()
      : await db
          .select({ id: students.id, name: sql<string>`coalesce(${students.guardianName}, ${students.guardianEmail})` })
          .from(students)
          .where(and(eq(students.tenantId, row.tenantId), sql`lower(trim(${students.guardianEmail})) = ${row.email ?? ''}`))
          .orderBy(students.preferredName, students.id)
          .all();
  if (!seen.length) return null;
  if (now - Date.parse(row.lastSeenAt) > SLIDE_AFTER_SECONDS * 1000) {
    const cap = Date.parse(row.createdAt) + PERSON_MAX_SECONDS * 1000;
    await db
      .update(personSessions)
      .set({ lastSeenAt: iso(now), expiresAt: iso(Math.min(now + PERSON_IDLE_SECONDS * 1000, cap)) })
      .where(eq(personSessions.id, row.id));
  }
  return {
    sessionId: row.id,
    kind: row.kind,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    studentIds: seen.map((s) => s.id),
    studentId: row.kind === 'student' ? row.studentId : null,
    email: row.email,
    name: seen[0]!.name,
  };
}

export async function endPersonSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(personSessions).where(eq(personSessions.id, sessionId));
}
