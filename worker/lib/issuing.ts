/**
 * Issuing and revoking skills badges: the one code path the console, the API and the demo seed
 * all use (`POST /api/v1/admin/credentials`, `POST /api/v1/admin/credentials/:id/revoke`).
 *
 * HOW CREDENTIAL IDS ARE KNOWN (for /demo/portfolio.html and anyone linking to a credential):
 * a credential's id is derived from its achievement and placement,
 * `cred_` + base32(SHA-256("open-wbl credential|<achievementId>|<applicationId>"))[0..20]
 * (`credentialIdFor` in ./credentials.ts; `demoCredentialId` in demo/seed/achievements.ts computes
 * the same in Node). So a seeded (achievement, placement) pair always gets the same id, and
 * `DEMO_CREDENTIALS` in demo/seed/achievements.ts lists the demo portfolio's ids. After issuing,
 * scripts/issue-demo-credentials.mjs also writes them to dist/public/demo/portfolio-credentials.json.
 * Real placement ids are random, so real credential ids cannot be guessed.
 *
 * Eligibility: the placement is `completed`, and its final evaluation rates every skill the
 * achievement is aligned to at level 3 (Proficient) or more. One credential per (achievement,
 * placement), settled by a unique index; status-list indexes are per tenant, settled by another.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import { SignJWT } from 'jose';
import { REQUIRED_LEVEL, type IssueItem, type IssueResult, type RefusalCode } from '../../schema/api/admin/achievements.js';
import type { SessionUser } from '../../schema/api/auth.js';
import { labelOf, OPPORTUNITY_TYPES, SKILLS } from '../../schema/vocab.js';
import { auditStatement } from './audit.js';
import {
  buildCredential, credentialIdFor, credentialUrlOf, jwtPayload, levelName, randomHex, type AchievementFacts, type IssuerFacts,
} from './credentials.js';
import { requireSecret, signingKey } from './issuer-keys.js';
import { ProblemError } from './problem.js';

export interface AchievementRow {
  id: string; tenant_id: string; name: string; description: string; criteria: string; image: string | null;
  achievement_type: string; skills: string; cluster: string | null; onet_soc: string | null; onet_title: string | null;
  created_at: string; updated_at: string;
}

export function achievementFacts(row: AchievementRow): AchievementFacts {
  return {
    id: row.id, name: row.name, description: row.description, criteria: row.criteria, image: row.image,
    achievementType: row.achievement_type, skills: parseList(row.skills), cluster: row.cluster, onetSoc: row.onet_soc, onetTitle: row.onet_title,
  };
}

export function parseList(json: string | null): string[] {
  try {
    const v = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

interface TenantRow { id: string; name: string; issuer_name: string | null; issuer_url: string | null; issuer_email: string | null; issuer_description: string | null }

export async function issuerFacts(db: D1Database, tenantId: string): Promise<IssuerFacts | null> {
  const t = await db.prepare('SELECT id, name, issuer_name, issuer_url, issuer_email, issuer_description FROM tenants WHERE id = ?').bind(tenantId).first<TenantRow>();
  return t ? { tenantId: t.id, name: t.issuer_name ?? t.name, url: t.issuer_url, email: t.issuer_email, description: t.issuer_description } : null;
}

interface PlacementRow {
  id: string; status: string; student_id: string; student_email: string | null; title: string; type: string; employer: string;
  hours: number; ratings: string | null; credential_id: string | null;
}

interface Eligibility { ok: true; levels: Record<string, number> }
interface Refusal { ok: false; code: RefusalCode; reason: string }

/** Whether a placement's evidence earns the achievement, and if not, why in a coordinator's words. */
export function checkEligibility(p: PlacementRow | undefined, skills: string[]): Eligibility | Refusal {
  if (!p) return { ok: false, code: 'not_found', reason: 'There is no such placement in your programme.' };
  if (p.status !== 'completed') {
    return { ok: false, code: 'not_completed', reason: `The placement is ${p.status.replace(/_/g, ' ')}, not completed. A badge can be issued once the placement is completed.` };
  }
  if (p.ratings === null) {
    return { ok: false, code: 'no_final_evaluation', reason: 'The supervisor has not recorded a final evaluation for this placement yet.' };
  }
  const ratings = new Map<string, number>();
  try {
    for (const r of JSON.parse(p.ratings) as { skill?: unknown; level?: unknown }[]) {
      if (typeof r.skill === 'string' && typeof r.level === 'number') ratings.set(r.skill, r.level);
    }
  } catch { /* an unreadable evaluation rates nothing */ }
  const name = (code: string) => labelOf(SKILLS, code, 'en');
  const missing = skills.filter((s) => !ratings.has(s));
  if (missing.length) {
    return { ok: false, code: 'skill_not_rated', reason: `The final evaluation does not rate ${missing.map(name).join(' or ')}, which this badge requires.` };
  }
  const low = skills.filter((s) => ratings.get(s)! < REQUIRED_LEVEL);
  if (low.length) {
    const list = low.map((s) => `${name(s)} ${ratings.get(s)} (${levelName(ratings.get(s)!)})`).join(', ');
    return { ok: false, code: 'skill_below_level', reason: `The final evaluation rates ${list}; this badge needs ${REQUIRED_LEVEL} (Proficient) or more in every aligned skill.` };
  }
  return { ok: true, levels: Object.fromEntries(skills.map((s) => [s, ratings.get(s)!])) };
}

const PLACEMENTS_SQL = `
  SELECT a.id, a.status, a.student_id, st.email AS student_email, o.title, o.type, e.name AS employer,
         coalesce((SELECT sum(h.hours) FROM hour_logs h WHERE h.application_id = a.id AND h.approved_at IS NOT NULL), 0) AS hours,
         (SELECT ev.ratings FROM evaluations ev WHERE ev.application_id = a.id AND ev.phase = 'final') AS ratings,
         (SELECT c.id FROM credentials c WHERE c.achievement_id = ?2 AND c.application_id = a.id) AS credential_id
    FROM applications a
    JOIN students st ON st.id = a.student_id AND st.tenant_id = a.tenant_id
    JOIN opportunities o ON o.id = a.opportunity_id
    JOIN employers e ON e.id = o.employer_id
   WHERE a.tenant_id = ?1 AND a.id IN (SELECT value FROM json_each(?3))`;

export interface IssueOptions {
  db: D1Database;
  secret: string | undefined;
  /** The origin credential, issuer and achievement ids are minted under (`https://wbl.example.org`). */
  origin: string;
  user: Pick<SessionUser, 'id' | 'tenantId'>;
  achievementId: string;
  applicationIds: string[];
  /** When set, the instant the credentials are valid from (the seed uses this for stable demo data). */
  now?: Date;
}

/**
 * Issues an achievement to the students of the given placements. Another tenant's achievement
 * is not found (404); another tenant's placement is refused as not found. A retry answers
 * `already_issued` with the first credential.
 */
export async function issueCredentials(o: IssueOptions): Promise<IssueResult> {
  const { db, user } = o;
  const achievement = await db.prepare('SELECT * FROM achievements WHERE id = ? AND tenant_id = ?').bind(o.achievementId, user.tenantId).first<AchievementRow>();
  if (!achievement) throw new ProblemError('notFound', { detail: 'There is no such achievement in your programme.' });
  const secret = requireSecret(o.secret);
  const issuer = await issuerFacts(db, user.tenantId);
  if (!issuer) throw new ProblemError('notFound');
  const facts = achievementFacts(achievement);

  const items = new Map<string, IssueItem>();
  for (let attempt = 0; attempt < 4; attempt++) {
    const { results } = await db.prepare(PLACEMENTS_SQL).bind(user.tenantId, achievement.id, JSON.stringify(o.applicationIds)).all<PlacementRow>();
    const byId = new Map(results.map((r) => [r.id, r]));
    const toIssue: { p: PlacementRow; levels: Record<string, number> }[] = [];
    for (const id of o.applicationIds) {
      if (items.get(id)?.outcome === 'issued') continue;
      const p = byId.get(id);
      if (p?.credential_id) {
        items.set(id, { applicationId: id, outcome: 'already_issued', credentialId: p.credential_id, url: credentialUrlOf(o.origin, p.credential_id), code: null, reason: null });
        continue;
      }
      const verdict = checkEligibility(p, facts.skills);
      if (!verdict.ok) {
        items.set(id, { applicationId: id, outcome: 'refused', credentialId: null, url: null, code: verdict.code, reason: verdict.reason });
        continue;
      }
      toIssue.push({ p: p!, levels: verdict.levels });
    }
    if (!toIssue.length) break;
    try {
      await insertSigned(o, secret, issuer, facts, toIssue, items);
      break;
    } catch (e) {
      // Another issue ran at the same time: a status index or an (achievement, placement) pair
      // was taken in between. Nothing of this batch was written; read again and retry.
      if (!/UNIQUE constraint failed/i.test(String((e as Error).message)) || attempt === 3) throw e;
    }
  }

  const ordered = o.applicationIds.map((id) => items.get(id)!);
  if (o.applicationIds.length === 1 && ordered[0]!.outcome === 'refused') {
    const item = ordered[0]!;
    if (item.code === 'not_found') throw new ProblemError('notFound', { detail: item.reason! });
    throw new ProblemError('unprocessable', {
      title: 'This placement does not earn the badge',
      detail: item.reason!,
      errors: [{ path: 'applicationIds.0', message: item.reason!, code: item.code! }],
    });
  }
  return {
    achievementId: achievement.id,
    items: ordered,
    issued: ordered.filter((i) => i.outcome === 'issued').length,
    alreadyIssued: ordered.filter((i) => i.outcome === 'already_issued').length,
    refused: ordered.filter((i) => i.outcome === 'refused').length,
  };
}

async function insertSigned(
  o: IssueOptions, secret: string, issuer: IssuerFacts, achievement: AchievementFacts,
  toIssue: { p: PlacementRow; levels: Record<string, number> }[], items: Map<string, IssueItem>,
): Promise<void> {
  const { db, user } = o;
  const key = await signingKey(db, secret, user.tenantId);
  const next = await db.prepare('SELECT coalesce(max(status_list_index), -1) + 1 AS n FROM credentials WHERE tenant_id = ?').bind(user.tenantId).first<{ n: number }>();
  let index = next?.n ?? 0;
  const validFrom = (o.now ?? new Date()).toISOString();
  const statements: D1PreparedStatement[] = [];
  const issued: IssueItem[] = [];
  for (const { p, levels } of toIssue) {
    const id = await credentialIdFor(achievement.id, p.id);
    const credential = await buildCredential({
      origin: o.origin, id, issuer, achievement, levels,
      learner: p.student_email ? { value: p.student_email.trim().toLowerCase(), type: 'emailAddress' } : { value: p.student_id, type: 'identifier' },
      salt: randomHex(16),
      placement: { title: p.title, employer: p.employer, hours: p.hours, typeLabel: labelOf(OPPORTUNITY_TYPES, p.type, 'en') },
      validFrom,
      statusListIndex: index,
    });
    const jwt = await new SignJWT(jwtPayload(credential)).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt' }).sign(key.key);
    statements.push(db.prepare(
      `INSERT INTO credentials (id, tenant_id, achievement_id, application_id, student_id, status_list_index, jwt, credential, issued_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(id, user.tenantId, achievement.id, p.id, p.student_id, index, jwt, JSON.stringify(credential), validFrom));
    statements.push(auditStatement(db, {
      tenantId: user.tenantId, actorType: 'user', actorId: user.id,
      action: 'credential.issue', entity: 'credential', entityId: id,
      detail: { achievementId: achievement.id, applicationId: p.id, studentId: p.student_id, statusListIndex: index },
    }));
    issued.push({ applicationId: p.id, outcome: 'issued', credentialId: id, url: credentialUrlOf(o.origin, id), code: null, reason: null });
    index++;
  }
  await db.batch(statements);
  for (const item of issued) items.set(item.applicationId, item);
}

/**
 * Revokes a credential: its bit in the issuer's status list is set from now on, so every
 * verifier (ours or anyone's) reports it revoked. Revoking twice keeps the first reason.
 */
export async function revokeCredential(db: D1Database, user: Pick<SessionUser, 'id' | 'tenantId'>, id: string, reason: string) {
  const row = await db.prepare('SELECT id, revoked_at FROM credentials WHERE id = ? AND tenant_id = ?').bind(id, user.tenantId).first<{ id: string; revoked_at: string | null }>();
  if (!row) throw new ProblemError('notFound', { detail: 'There is no such credential in your programme.' });
  if (row.revoked_at) return { id, revokedAt: row.revoked_at, alreadyRevoked: true };
  const at = new Date().toISOString();
  // The audit row goes first and only while the credential is still unrevoked, so a revoke that
  // lost a race to another leaves no second audit row.
  await db.batch([
    db.prepare(
      `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, detail)
       SELECT ?, 'user', ?, 'credential.revoke', 'credential', ?, ? WHERE EXISTS (SELECT 1 FROM credentials WHERE id = ? AND revoked_at IS NULL)`,
    ).bind(user.tenantId, user.id, id, JSON.stringify({ reason }), id),
    db.prepare('UPDATE credentials SET revoked_at = ?, revocation_reason = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL').bind(at, reason, id, user.tenantId),
  ]);
  const after = await db.prepare('SELECT revoked_at FROM credentials WHERE id = ?').bind(id).first<{ revoked_at: string }>();
  return { id, revokedAt: after!.revoked_at, alreadyRevoked: after!.revoked_at !== at };
}
