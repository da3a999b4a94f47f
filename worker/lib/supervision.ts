/**
 * Supervisors without an account: the workplace supervisor named on a placement
 * (`applications.supervisor_name` / `supervisor_email`) acts on it through an emailed link.
 * A link is 256 random bits, only its SHA-256 stored (`supervisor_links`), expiring after
 * SUPERVISOR_LINK_DAYS. It names an address, not placements: it reaches every placement of its
 * district whose named supervisor is that address now, so a placement given to someone else
 * drops out of an old link at once. Where a placement has a supervisor with a staff account,
 * the account wins and the named address reaches nothing (the console is theirs).
 */
import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { ApplicationStatus } from '../../schema/vocab.js';
import { applications, supervisorLinks } from '../../schema/db/tables.js';
import type { Database } from './db.js';
import { newId } from './ids.js';
import type { Lang } from './lang.js';
import { newToken, tokenHash } from './sessions.js';

/** A link works this long; each digest brings a fresh one, and a supervisor can ask for one. */
export const SUPERVISOR_LINK_DAYS = 14;

/** The placements a link reaches, from acceptance on (an application under review is the school's business, not the host's). */
export const SUPERVISED_BY_LINK = ['accepted', 'confirmed', 'active', 'completed'] as const satisfies readonly ApplicationStatus[];

/** An address as stored on a placement and a link: trimmed, lower-cased. */
export const normalEmail = (email: string) => email.trim().toLowerCase();

/** The supervisor page on the Worker's own origin; a link in a Spanish message opens it in Spanish. */
export const supervisePageUrl = (base: string, token: string, lang: Lang = 'en') =>
  `${base}/api/v1/supervise/page?t=${encodeURIComponent(token)}${lang === 'en' ? '' : `&lang=${lang}`}`;

export interface SupervisorLink {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  expiresAt: string;
}

/** A new link for a supervisor: its token (to seal into a message) and the statement that stores its hash, for the message's batch. */
export async function newSupervisorLink(db: Database, s: { tenantId: string; email: string; name: string }, now = Date.now()) {
  const token = newToken();
  const expiresAt = new Date(now + SUPERVISOR_LINK_DAYS * 86_400_000).toISOString();
  const insert = db.insert(supervisorLinks).values({
    id: newId('svl'),
    tenantId: s.tenantId,
    email: normalEmail(s.email),
    name: s.name,
    tokenHash: await tokenHash(token),
    expiresAt,
  });
  return { token, expiresAt, insert };
}

/** What a token names: the link (expired or not), or null when no link has this token. */
export async function findSupervisorLink(db: Database, token: string): Promise<SupervisorLink | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db
    .select({
      id: supervisorLinks.id,
      tenantId: supervisorLinks.tenantId,
      email: supervisorLinks.email,
      name: supervisorLinks.name,
      expiresAt: supervisorLinks.expiresAt,
    })
    .from(supervisorLinks)
    .where(eq(supervisorLinks.tokenHash, await tokenHash(token)))
    .get();
  return row ?? null;
}

export const linkExpired = (link: SupervisorLink, now = Date.now()) => Date.parse(link.expiresAt) <= now;

/** Records that the link was used (for the coordinator's view of who acts, and for retiring unused links). */
export const touchLink = (db: Database, link: SupervisorLink) =>
  db.update(supervisorLinks).set({ lastUsedAt: new Date().toISOString() }).where(eq(supervisorLinks.id, link.id));

/** The placements a link reaches: its district's, named to its address, without a staff supervisor, from acceptance on. */
export function supervisedBy(link: Pick<SupervisorLink, 'tenantId' | 'email'>): SQL {
  return and(
    eq(applications.tenantId, link.tenantId),
    eq(applications.supervisorEmail, link.email),
    isNull(applications.supervisorUserId),
    inArray(applications.status, SUPERVISED_BY_LINK),
  )!;
}

/** The last day a link works, written out for its message. */
export const linkUntil = (lang: Lang, timeZone: string, expiresAt: string) =>
  new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { timeZone, dateStyle: 'long' }).format(new Date(expiresAt));
