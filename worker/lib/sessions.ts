import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import type { SessionUser } from '../../schema/api/auth.js';

/** A session ends after this long without use; every use slides it forward. */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
/** …and never lives longer than this, however busy. */
export const SESSION_MAX_SECONDS = 7 * 24 * 60 * 60;
/** Sliding writes at most once a minute per session, so reads stay reads. */
const SLIDE_AFTER_SECONDS = 60;

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** 256 random bits, base64url. Only its SHA-256 hash is stored. */
export function newToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function tokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function createSession(db: D1Database, user: { id: string; tenantId: string }, token: string): Promise<string> {
  const now = Date.now();
  const expiresAt = iso(now + SESSION_IDLE_SECONDS * 1000);
  await db.prepare('INSERT INTO sessions (id, user_id, tenant_id, token_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(`ses_${crypto.randomUUID().replace(/-/g, '')}`, user.id, user.tenantId, await tokenHash(token), iso(now), iso(now), expiresAt).run();
  return expiresAt;
}

interface SessionRow {
  session_id: string; created_at: string; last_seen_at: string; expires_at: string;
  id: string; email: string; name: string; role: SessionUser['role']; tenant_id: string; tenant_name: string; employer_id: string | null;
  must_change_password: number;
}

/** The signed-in user for a bearer token, sliding the session's expiry; null when unknown, expired or disabled. */
export async function resolveSession(db: D1Database, token: string): Promise<SessionUser | null> {
  const now = Date.now();
  const row = await db.prepare(
    `SELECT s.id AS session_id, s.created_at, s.last_seen_at, s.expires_at,
            u.id, u.email, u.name, u.role, u.tenant_id, t.name AS tenant_name, u.employer_id, u.must_change_password
       FROM sessions s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id JOIN tenants t ON t.id = u.tenant_id
      WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
  ).bind(await tokenHash(token), iso(now)).first<SessionRow>();
  if (!row) return null;
  if (now - Date.parse(row.last_seen_at) > SLIDE_AFTER_SECONDS * 1000) {
    const cap = Date.parse(row.created_at) + SESSION_MAX_SECONDS * 1000;
    await db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?')
      .bind(iso(now), iso(Math.min(now + SESSION_IDLE_SECONDS * 1000, cap)), row.session_id).run();
  }
  return sessionUserOf(row);
}

/** A user row (with its tenant's name) as the API shows the signed-in user: never the password hash. */
export function sessionUserOf(row: { id: string; email: string; name: string; role: SessionUser['role']; tenant_id: string; tenant_name: string; employer_id: string | null; must_change_password: number }): SessionUser {
  return {
    id: row.id, email: row.email, name: row.name, role: row.role, tenantId: row.tenant_id, tenantName: row.tenant_name, employerId: row.employer_id,
    mustChangePassword: Boolean(row.must_change_password),
  };
}

export async function endSession(db: D1Database, token: string): Promise<void> {
  await db.prepare('DELETE FROM sessions WHERE token_hash = ?').bind(await tokenHash(token)).run();
}

/**
 * The statement that ends every session of a user except the one with this token hash, for the
 * batch that changes their password: another browser that knew the old password is signed out.
 */
export function endOtherSessions(db: D1Database, user: { id: string; tenantId: string }, keepTokenHash: string): D1PreparedStatement {
  return db.prepare('DELETE FROM sessions WHERE user_id = ? AND tenant_id = ? AND token_hash != ?').bind(user.id, user.tenantId, keepTokenHash);
}
