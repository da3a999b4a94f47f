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
import { and, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { SignJWT } from 'jose';
import { REQUIRED_LEVEL, type IssueItem, type IssueResult, type RefusalCode } from '../../schema/api/admin/achievements.js';
import type { SessionUser } from '../../schema/api/auth.js';
import { achievements, applications, credentials, employers, evaluations, hourLogs, opportunities, outbox, students, tenants } from '../../schema/db/tables.js';
import { labelOf, OPPORTUNITY_TYPES, SKILLS } from '../../schema/vocab.js';
import { auditRow, auditRowIf } from './audit.js';
import {
  buildCredential,
  credentialIdFor,
  credentialUrlOf,
  jwtHeader,
  jwtPayload,
  levelName,
  randomHex,
  wholeSeconds,
  type AchievementFacts,
  type IssuerFacts,
} from './credentials.js';
import type { Database } from './db.js';
import { requireSecret, signingKey } from './issuer-keys.js';
import { outboxRow } from './outbox.js';
import { placementLanguages } from './placement-mail.js';
import { compose } from '../mail/catalogue/index.js';
import { ProblemError } from './problem.js';

export type AchievementRow = typeof achievements.$inferSelect;

export function achievementFacts(row: AchievementRow): AchievementFacts {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    criteria: row.criteria,
    image: row.image,
    achievementType: row.achievementType,
    skills: row.skills,
    cluster: row.cluster,
    onetSoc: row.onetSoc,
    onetTitle: row.onetTitle,
  };
}

export async function issuerFacts(db: Database, tenantId: string): Promise<IssuerFacts | null> {
  const t = await db
    .select({
      id: tenants.id,
      name: tenants.name,
      issuerName: tenants.issuerName,
      url: tenants.issuerUrl,
      email: tenants.issuerEmail,
      description: tenants.issuerDescription,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .get();
  return t ? { tenantId: t.id, name: t.issuerName ?? t.name, url: t.url, email: t.email, description: t.description } : null;
}

/** The placements asked for, with what eligibility needs: approved hours, the final evaluation, an earlier credential. */
function placements(db: Database, tenantId: string, achievementId: string, ids: string[]) {
  return (
    db
      .select({
        id: applications.id,
        status: applications.status,
        studentId: applications.studentId,
        studentEmail: students.email,
        preferredName: students.preferredName,
        // Where the student's messages go: the roster's address, else the one they applied with.
        recipient: sql<
          string | null
        >`coalesce(${students.email}, (SELECT ${outbox.recipient} FROM ${outbox} WHERE ${outbox.relatedId} = ${applications.id} AND ${outbox.tenantId} = ${applications.tenantId} ORDER BY ${outbox.createdAt}, ${outbox}.rowid LIMIT 1))`,
        appLang: applications.lang,
        districtName: tenants.name,
        districtLocale: tenants.defaultLocale,
        title: opportunities.title,
        type: opportunities.type,
        employer: employers.name,
        hours: sql<number>`coalesce((SELECT sum(${hourLogs.hours}) FROM ${hourLogs} WHERE ${hourLogs.applicationId} = ${applications.id} AND ${hourLogs.approvedAt} IS NOT NULL), 0)`,
        ratings: evaluations.ratings,
        credentialId: credentials.id,
      })
      .from(applications)
      .innerJoin(students, and(eq(students.id, applications.studentId), eq(students.tenantId, applications.tenantId)))
      .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
      .innerJoin(employers, eq(employers.id, opportunities.employerId))
      .innerJoin(tenants, eq(tenants.id, applications.tenantId))
      // At most one of each: evaluations_phase and credentials_once are unique.
      .leftJoin(evaluations, and(eq(evaluations.applicationId, applications.id), eq(evaluations.phase, 'final')))
      .leftJoin(credentials, and(eq(credentials.achievementId, achievementId), eq(credentials.applicationId, applications.id)))
      .where(and(eq(applications.tenantId, tenantId), inArray(applications.id, ids)))
      .all()
  );
}

type PlacementRow = Awaited<ReturnType<typeof placements>>[number];

interface Eligibility {
  ok: true;
  levels: Record<string, number>;
}
interface Refusal {
  ok: false;
  code: RefusalCode;
  reason: string;
}

/** Whether a placement's evidence earns the achievement, and if not, why in a coordinator's words. */
export function checkEligibility(p: PlacementRow | undefined, skills: string[]): Eligibility | Refusal {
  if (!p) return { ok: false, code: 'not_found', reason: 'There is no such placement in your programme.' };
  if (p.status !== 'completed') {
    return {
      ok: false,
      code: 'not_completed',
      reason: `The placement is ${p.status.replace(/_/g, ' ')}, not completed. A badge can be issued once the placement is completed.`,
    };
  }
  if (!p.ratings) {
    return { ok: false, code: 'no_final_evaluation', reason: 'The supervisor has not recorded a final evaluation for this placement yet.' };
  }
  const ratings = new Map<string, number>();
  for (const r of Array.isArray(p.ratings) ? p.ratings : []) {
    if (typeof r?.skill === 'string' && typeof r.level === 'number') ratings.set(r.skill, r.level);
  }
  const name = (code: string) => labelOf(SKILLS, code, 'en');
  const missing = skills.filter((s) => !ratings.has(s));
  if (missing.length) {
    return { ok: false, code: 'skill_not_rated', reason: `The final evaluation does not rate ${missing.map(name).join(' or ')}, which this badge requires.` };
  }
  const low = skills.filter((s) => ratings.get(s)! < REQUIRED_LEVEL);
  if (low.length) {
    const list = low.map((s) => `${name(s)} ${ratings.get(s)} (${levelName(ratings.get(s)!)})`).join(', ');
    return {
      ok: false,
      code: 'skill_below_level',
      reason: `The final evaluation rates ${list}; this badge needs ${REQUIRED_LEVEL} (Proficient) or more in every aligned skill.`,
    };
  }
  return { ok: true, levels: Object.fromEntries(skills.map((s) => [s, ratings.get(s)!])) };
}

export interface IssueOptions {
  db: Database;
  secret: string | undefined;
  /** The origin credential, issuer and achievement ids are minted under (`https://wbl.example.org`). */
  origin: string;
  /** With `email`, the student's message says to reply to it (the coordinator who issued). */
  user: Pick<SessionUser, 'id' | 'tenantId'> & { email?: string };
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
  const achievement = await db
    .select()
    .from(achievements)
    .where(and(eq(achievements.id, o.achievementId), eq(achievements.tenantId, user.tenantId)))
    .get();
  if (!achievement) throw new ProblemError('notFound', { detail: 'There is no such achievement in your programme.' });
  const secret = requireSecret(o.secret);
  const issuer = await issuerFacts(db, user.tenantId);
  if (!issuer) throw new ProblemError('notFound');
  const facts = achievementFacts(achievement);

  const items = new Map<string, IssueItem>();
  for (let attempt = 0; attempt < 4; attempt++) {
    const results = await placements(db, user.tenantId, achievement.id, o.applicationIds);
    const byId = new Map(results.map((r) => [r.id, r]));
    const toIssue: { p: PlacementRow; levels: Record<string, number> }[] = [];
    for (const id of o.applicationIds) {
      if (items.get(id)?.outcome === 'issued') continue;
      const p = byId.get(id);
      if (p?.credentialId) {
        items.set(id, {
          applicationId: id,
          outcome: 'already_issued',
          credentialId: p.credentialId,
          url: credentialUrlOf(o.origin, p.credentialId),
          code: null,
          reason: null,
        });
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
      if (!isUniqueViolation(e) || attempt === 3) throw e;
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

/** A unique index refused the write (the message may sit on a wrapped error's cause). */
function isUniqueViolation(e: unknown): boolean {
  for (let x = e, depth = 0; x instanceof Error && depth < 4; x = x.cause, depth++) {
    if (/UNIQUE constraint failed/i.test(x.message)) return true;
  }
  return false;
}

async function insertSigned(
  o: IssueOptions,
  secret: string,
  issuer: IssuerFacts,
  achievement: AchievementFacts,
  toIssue: { p: PlacementRow; levels: Record<string, number> }[],
  items: Map<string, IssueItem>,
): Promise<void> {
  const { db, user } = o;
  const key = await signingKey(db, secret, user.tenantId);
  const last = await db
    .select({ n: max(credentials.statusListIndex) })
    .from(credentials)
    .where(eq(credentials.tenantId, user.tenantId))
    .get();
  let index = (last?.n ?? -1) + 1;
  // Whole seconds, so the JWT's nbf (a NumericDate) says exactly the credential's validFrom.
  const validFrom = wholeSeconds(o.now ?? new Date());
  const statements: BatchItem<'sqlite'>[] = [];
  const issued: IssueItem[] = [];
  const langOf = await placementLanguages(
    db,
    { tenantId: user.tenantId, appLang: 'en', districtLocale: toIssue[0]?.p.districtLocale ?? null },
    toIssue.map(({ p }) => p.recipient),
  );
  for (const { p, levels } of toIssue) {
    const id = await credentialIdFor(achievement.id, p.id);
    const credential = await buildCredential({
      origin: o.origin,
      id,
      issuer,
      achievement,
      levels,
      learner: p.studentEmail ? { value: p.studentEmail.trim().toLowerCase(), type: 'emailAddress' } : { value: p.studentId, type: 'identifier' },
      salt: randomHex(16),
      placement: { title: p.title, employer: p.employer, hours: p.hours, typeLabel: labelOf(OPPORTUNITY_TYPES, p.type, 'en') },
      validFrom,
      statusListIndex: index,
    });
    const jwt = await new SignJWT(jwtPayload(credential)).setProtectedHeader(jwtHeader(o.origin, user.tenantId, key.kid)).sign(key.key);
    statements.push(
      db.insert(credentials).values({
        id,
        tenantId: user.tenantId,
        achievementId: achievement.id,
        applicationId: p.id,
        studentId: p.studentId,
        statusListIndex: index,
        jwt,
        credential,
        issuedAt: validFrom,
      }),
    );
    statements.push(
      auditRow(db, {
        tenantId: user.tenantId,
        actorType: 'user',
        actorId: user.id,
        action: 'credential.issue',
        entity: 'credential',
        entityId: id,
        detail: { achievementId: achievement.id, applicationId: p.id, studentId: p.studentId, statusListIndex: index },
      }),
    );
    // The student hears of it in their language, with the link to the badge's public page.
    if (p.recipient) {
      const lang = langOf(p.recipient, 'student', p.appLang);
      statements.push(
        outboxRow(db, {
          tenantId: user.tenantId,
          recipient: p.recipient,
          ...compose('badge.issued', lang, {
            studentName: p.preferredName,
            achievementName: achievement.name,
            title: p.title,
            employerName: p.employer,
            districtName: issuer.name,
            url: `${credentialUrlOf(o.origin, id)}${lang === 'en' ? '' : `?lang=${lang}`}`,
          }),
          relatedId: p.id,
          replyTo: user.email ?? null,
        }),
      );
    }
    issued.push({ applicationId: p.id, outcome: 'issued', credentialId: id, url: credentialUrlOf(o.origin, id), code: null, reason: null });
    index++;
  }
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
  for (const item of issued) items.set(item.applicationId, item);
}

/**
 * Revokes a credential: its bit in the issuer's status list is set from now on, so every
 * verifier (ours or anyone's) reports it revoked. Revoking twice keeps the first reason.
 */
export async function revokeCredential(db: Database, user: Pick<SessionUser, 'id' | 'tenantId'>, id: string, reason: string) {
  const row = await db
    .select({ id: credentials.id, revokedAt: credentials.revokedAt })
    .from(credentials)
    .where(and(eq(credentials.id, id), eq(credentials.tenantId, user.tenantId)))
    .get();
  if (!row) throw new ProblemError('notFound', { detail: 'There is no such credential in your programme.' });
  if (row.revokedAt) return { id, revokedAt: row.revokedAt, alreadyRevoked: true };
  const at = new Date().toISOString();
  // The audit row goes first and only while the credential is still unrevoked, so a revoke that
  // lost a race to another leaves no second audit row.
  await db.batch([
    auditRowIf(
      db,
      {
        tenantId: user.tenantId,
        actorType: 'user',
        actorId: user.id,
        action: 'credential.revoke',
        entity: 'credential',
        entityId: id,
        detail: { reason },
      },
      sql`EXISTS (SELECT 1 FROM ${credentials} WHERE ${credentials.id} = ${id} AND ${credentials.revokedAt} IS NULL)`,
    ),
    db
      .update(credentials)
      .set({ revokedAt: at, revocationReason: reason })
      .where(and(eq(credentials.id, id), eq(credentials.tenantId, user.tenantId), isNull(credentials.revokedAt))),
  ]);
  const after = await db.select({ revokedAt: credentials.revokedAt }).from(credentials).where(eq(credentials.id, id)).get();
  return { id, revokedAt: after!.revokedAt!, alreadyRevoked: after!.revokedAt !== at };
}
