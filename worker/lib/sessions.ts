import { and, eq, gt, ne } from 'drizzle-orm';
import type { SessionUser } from '../../schema/api/auth.js';
import { sessions, tenants, users } from '../../schema/db/tables.js';
import type { Database } from './db.js';

/** A session ends after this long without use; every use slides it forward. */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
/** …and never lives longer than this, however busy. */
export const SESSION_MAX_SECONDS = 7 * 24 * 60 * 60;
/** Sliding writes at most once a minute per session, so reads stay reads. */
const SLIDE_AFTER_SECONDS = 60;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** 256 random bits, base64url. Only its SHA-256 hash is stored. */
export function newToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function tokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function createSession(db: Database, user: { id: string; tenantId: string }, token: string): Promise<string> {
  const now = Date.now();
  const expiresAt = iso(now + SESSION_IDLE_SECONDS * 1000);
  await db.insert(sessions).values({
    id: `ses_${crypto.randomUUID().replace(/-/g, '')}`,
    userId: user.id,
    tenantId: user.tenantId,
    tokenHash: await tokenHash(token),
    createdAt: iso(now),
    lastSeenAt: iso(now),
    expiresAt,
  });
  return expiresAt;
}

/** The columns a signed-in user is shown from: the user row and its tenant's name, never the password hash. */
export const SESSION_USER_COLUMNS = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  tenantId: users.tenantId,
  tenantName: tenants.name,
  employerId: users.employerId,
  mustChangePassword: users.mustChangePassword,
};

/** The signed-in user for a bearer token, sliding the session's expiry; null when unknown, expired or disabled. */
export async function resolveSession(db: Database, token: string): Promise<SessionUser | null> {
  const now = Date.now();
  const row = await db
    .select({
      sessionId: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ...SESSION_USER_COLUMNS,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.tenantId, sessions.tenantId)))
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(sessions.tokenHash, await tokenHash(token)), gt(sessions.expiresAt, iso(now)), eq(users.disabled, false)))
    .get();
  if (!row) return null;
  if (now - Date.parse(row.lastSeenAt) > SLIDE_AFTER_SECONDS * 1000) {
    const cap = Date.parse(row.createdAt) + SESSION_MAX_SECONDS * 1000;
    await db
      .update(sessions)
      .set({ lastSeenAt: iso(now), expiresAt: iso(Math.min(now + SESSION_IDLE_SECONDS * 1000, cap)) })
      .where(eq(sessions.id, row.sessionId));
  }
  return sessionUserOf(row);
}

/** A user row (with its tenant's name) as the API shows the signed-in user: never the password hash. */
export function sessionUserOf(row: Pick<SessionUser, keyof typeof SESSION_USER_COLUMNS>): SessionUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    employerId: row.employerId,
    mustChangePassword: row.mustChangePassword,
  };
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, await tokenHash(token)));
}

/**
 * The statement that ends every session of a user except the one with this token hash, for the
 * batch that changes their password: another browser that knew the old password is signed out.
 */
export function endOtherSessions(db: Database, user: { id: string; tenantId: string }, keepTokenHash: string) {
  return db.delete(sessions).where(and(eq(sessions.userId, user.id), eq(sessions.tenantId, user.tenantId), ne(sessions.tokenHash, keepTokenHash)));
}
