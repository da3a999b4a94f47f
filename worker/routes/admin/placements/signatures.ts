/**
 * Training agreements: the signature rows a placement's required roles need, the sealed
 * signing links sent for them, and the coordinator's own signature in the console.
 *
 * Consent: a minor's guardian is the roster's (students.guardian_email), never the contact the
 * student typed into the application. Signing links are sealed in the outbox (`{link}` in the
 * body), each signature records where its link went, and the coordinator signs as themself.
 */
import { Hono } from 'hono';
import { and, desc, eq, exists, inArray, isNull, notExists, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type AgreementIssueResult, CoordinatorSignRequest } from '../../../../schema/api/admin/placements.js';
import type { AgreementRole } from '../../../../schema/vocab.js';
import type { FieldError } from '../../../../schema/api/problem.js';
import { agreements, agreementTexts, users } from '../../../../schema/db/tables.js';
import type { AppEnv } from '../../../env.js';
import { requireRole } from '../../../middleware/auth.js';
import { json, param } from '../../../middleware/validate.js';
import { appSecret, seal } from '../../../lib/app-secret.js';
import { todayIn } from '../../../lib/dates.js';
import type { Database } from '../../../lib/db.js';
import { newId } from '../../../lib/ids.js';
import { outboxRowIf } from '../../../lib/outbox.js';
import { LINK_ROLES, requiredRoles, SIGN_LINK_DAYS, sameAddress, signLink, signLinkExpiry } from '../../../lib/pipeline.js';
import { placementLanguages } from '../../../lib/placement-mail.js';
import { compose } from '../../../mail/catalogue/index.js';
import { ProblemError } from '../../../lib/problem.js';
import { isMinor } from '../../../lib/roster.js';
import { newToken, tokenHash } from '../../../lib/sessions.js';
import { inList, insertIf } from '../students/sql.js';
import { agreementState, detail, selectAgreements } from './detail.js';
import { AppParam, guardianRecipient, languageFacts, loadApp, placementAudit, studentRecipient, words, type AppRow } from './rows.js';

/** Refused: one person would hold two roles on one agreement. */
export function samePerson(detail: string, errors: FieldError[]): ProblemError {
  return new ProblemError('conflict', { title: 'One person cannot sign for two roles', detail, errors });
}

const ROLE_NAMES: Record<AgreementRole, string> = {
  student: 'the student',
  guardian: 'the parent or guardian',
  supervisor: 'the supervisor',
  coordinator: 'a coordinator',
};

/**
 * Where each link role's signing link goes: the student's address, the roster's guardian
 * (null when the roster has none: that signature waits) and the supervisor's. Refused with
 * 409 when one address would receive links for two roles, or when one of them is a
 * coordinator's or admin's account (who could then sign the coordinator line as well).
 */
async function linkRecipients(db: Database, row: AppRow, roles: AgreementRole[]): Promise<Partial<Record<AgreementRole, string | null>>> {
  const to: Partial<Record<AgreementRole, string | null>> = {};
  if (roles.includes('student')) to.student = await studentRecipient(db, row);
  if (roles.includes('guardian')) to.guardian = guardianRecipient(row);
  if (roles.includes('supervisor'))
    to.supervisor = row.supervisorEmail ?? row.namedSupervisorEmail ?? row.employerContactEmail ?? `Supervisor at ${row.employerName} (no email on file)`;
  const listed = LINK_ROLES.filter((r) => to[r]);
  for (const [i, a] of listed.entries()) {
    for (const b of listed.slice(i + 1)) {
      if (sameAddress(to[a], to[b])) {
        throw samePerson(
          `The links for ${ROLE_NAMES[a]} and ${ROLE_NAMES[b]} would both go to ${to[a]}. Correct the roster (or the supervisor) so each signer has their own address, then send the links again.`,
          [{ path: `agreement.${b}`, message: `${to[b]} is also ${ROLE_NAMES[a]}’s address`, code: 'same_person' }],
        );
      }
    }
  }
  // The coordinator's line is signed by a coordinator's account: no such account's address may get another role's link.
  const addresses = listed.map((r) => to[r]!.trim().toLowerCase());
  const email = sql<string>`lower(${users.email})`;
  const staff = await db
    .select({ email })
    .from(users)
    .where(and(eq(users.tenantId, row.tenantId), inArray(users.role, ['coordinator', 'admin']), inList(email, addresses)));
  const taken = listed.find((r) => staff.some((u) => sameAddress(u.email, to[r])));
  if (taken) {
    throw samePerson(
      `The link for ${ROLE_NAMES[taken]} would go to ${to[taken]}, a coordinator’s account, and a coordinator signs the agreement too. Give ${ROLE_NAMES[taken]} their own address, then send the links again.`,
      [{ path: `agreement.${taken}`, message: `${to[taken]} is a coordinator’s address`, code: 'same_person' }],
    );
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
 * Each request is written in its recipient's language (lib/placement-mail.ts), its link opening
 * the signing page in that language; replies go to `replyTo`, the coordinator who sent it.
 */
export async function agreementStatements(db: Database, secret: string, row: AppRow, origin: string, onlyIf: SQL = sql`true`, replyTo: string | null = null) {
  const text = await db
    .select({ version: agreementTexts.version })
    .from(agreementTexts)
    .where(and(eq(agreementTexts.tenantId, row.tenantId), eq(agreementTexts.kind, 'training_agreement')))
    .orderBy(desc(agreementTexts.createdAt), desc(agreementTexts.version))
    .limit(1)
    .get();
  if (!text) {
    throw new ProblemError('conflict', {
      title: 'No training agreement text is set up',
      detail: 'Add this district’s training agreement text before placements can be accepted.',
    });
  }
  const existing = await selectAgreements(db, row.tenantId, row.id);
  const minor = isMinor(row, todayIn(row.timeZone));
  const unsigned = requiredRoles(minor).filter((role) => !existing.find((e) => e.role === role)?.signedAt);
  const recipients = await linkRecipients(db, row, unsigned);
  const langOf = await placementLanguages(db, languageFacts(row), Object.values(recipients));
  const statements: BatchItem<'sqlite'>[] = [];
  const sent: { role: AgreementRole; recipient: string }[] = [];
  const now = new Date().toISOString();
  for (const role of unsigned) {
    const had = existing.find((e) => e.role === role);
    const recipient = recipients[role] ?? null;
    const token = recipient ? newToken() : null;
    const hash = token ? await tokenHash(token) : null;
    if (had) {
      statements.push(
        db
          .update(agreements)
          .set({ signTokenHash: hash, sentTo: recipient, textVersion: text.version, createdAt: now })
          .where(and(eq(agreements.id, had.id), isNull(agreements.signedAt), onlyIf)),
      );
    } else {
      statements.push(
        insertIf(
          db,
          agreements,
          {
            id: newId('agr'),
            tenantId: row.tenantId,
            applicationId: row.id,
            role,
            textVersion: text.version,
            signTokenHash: hash,
            sentTo: recipient,
            createdAt: now,
          },
          onlyIf,
        ).onConflictDoNothing({ target: [agreements.applicationId, agreements.role] }),
      );
    }
    if (!token || !hash || !recipient) continue;
    // The body says `{link}`; the link itself is sealed, so the outbox never holds a working token in the clear.
    const lang = langOf(recipient, role === 'student' ? 'student' : role === 'guardian' ? 'guardian' : 'staff');
    const message = {
      ...compose('signature.request', lang, {
        ...words(row),
        role: role as 'student' | 'guardian' | 'supervisor',
        minor,
        expiresAt: signLinkExpiry(now),
        days: SIGN_LINK_DAYS,
      }),
      sealedLink: await seal(secret, row.tenantId, signLink(origin, token, lang)),
      replyTo,
    };
    // The message goes out only if its token was stored, so no link is ever sent that does not work.
    const stored = exists(db.select({ one: sql`1` }).from(agreements).where(eq(agreements.signTokenHash, hash)));
    statements.push(outboxRowIf(db, { tenantId: row.tenantId, recipient, ...message, relatedId: row.id }, stored));
    sent.push({ role, recipient });
  }
  return { statements, sent, version: text.version };
}

const coordinating = requireRole('coordinator', 'admin');

export const signatures = new Hono<AppEnv>()
  .post('/:id/agreement', coordinating, param(AppParam), async (c) => {
    const user = c.get('user');
    const db = c.var.db;
    const row = await loadApp(db, user, c.req.valid('param').id);
    if (row.status !== 'offered' && row.status !== 'accepted') {
      throw new ProblemError('conflict', {
        title: 'No agreement to send',
        detail: `Training agreements are sent for offered or accepted applications; this one is ${row.status}.`,
      });
    }
    const plan = await agreementStatements(db, appSecret(c.env), row, new URL(c.req.url).origin, sql`true`, user.email);
    const [first, ...rest] = plan.statements;
    if (first) await db.batch([first, ...rest, placementAudit(db, user, 'agreement.issue', row, { roles: plan.sent.map((s) => s.role) })]);
    const signed = await selectAgreements(db, row.tenantId, row.id);
    return c.json({ agreement: agreementState(row, signed, todayIn(row.timeZone)), sent: plan.sent } satisfies AgreementIssueResult);
  })

  .post('/:id/agreement/sign', coordinating, param(AppParam), json(CoordinatorSignRequest), async (c) => {
    const user = c.get('user');
    const db = c.var.db;
    const row = await loadApp(db, user, c.req.valid('param').id);
    const { typedName } = c.req.valid('json');
    if (row.status !== 'offered' && row.status !== 'accepted') {
      throw new ProblemError('conflict', {
        title: 'Nothing to sign',
        detail: `The coordinator signs the training agreement of an offered or accepted placement; this one is ${row.status}.`,
      });
    }
    const signed = await selectAgreements(db, row.tenantId, row.id);
    const mine = signed.find((s) => s.role === 'coordinator');
    if (!mine) throw new ProblemError('conflict', { title: 'No agreement yet', detail: 'Send the training agreement first; then sign the coordinator line.' });
    if (mine.signedAt) {
      throw new ProblemError('conflict', {
        title: 'Already signed',
        detail: `${mine.signedByName ?? mine.signerName ?? 'A coordinator'} signed the coordinator line on ${mine.signedAt.slice(0, 10)}.`,
      });
    }
    // One person, one role: the coordinator may not also be this placement's supervisor or another signer.
    const other = signed.find((s) => s.role !== 'coordinator' && (s.signedByUserId === user.id || sameAddress(s.sentTo, user.email)));
    if (row.supervisorUserId === user.id || sameAddress(row.supervisorEmail, user.email) || other) {
      const role = other?.role ?? 'supervisor';
      throw samePerson(`You already hold the ${role} role on this agreement, so another coordinator must sign the coordinator line.`, [
        { path: 'typedName', message: `You are this agreement’s ${role}`, code: 'same_person' },
      ]);
    }
    const signedAt = new Date().toISOString();
    const mark = exists(
      db
        .select({ one: sql`1` })
        .from(agreements)
        .where(and(eq(agreements.id, mine.id), eq(agreements.signedAt, signedAt), eq(agreements.signedByUserId, user.id))),
    );
    const allSigned = notExists(
      db
        .select({ one: sql`1` })
        .from(agreements)
        .where(and(eq(agreements.applicationId, row.id), isNull(agreements.signedAt))),
    );
    const office = row.issuerEmail ?? 'Work-Based Learning Office';
    const officeLang = (await placementLanguages(db, languageFacts(row), [office]))(office, 'staff');
    const [update] = await db.batch([
      db
        .update(agreements)
        .set({ signerName: typedName, signedAt, signedByUserId: user.id })
        .where(and(eq(agreements.id, mine.id), eq(agreements.tenantId, row.tenantId), isNull(agreements.signedAt))),
      placementAudit(db, user, 'agreement.sign', row, { agreementId: mine.id, role: 'coordinator', via: 'console' }, mark),
      // The last signature tells the Work-Based Learning office that the placement can be confirmed.
      outboxRowIf(
        db,
        { tenantId: row.tenantId, recipient: office, ...compose('agreement.complete', officeLang, words(row)), relatedId: row.id, replyTo: user.email },
        sql`${mark} AND ${allSigned}`,
      ),
    ]);
    if (!update.meta.changes)
      throw new ProblemError('conflict', { title: 'Already signed', detail: 'Another coordinator signed the coordinator line a moment ago.' });
    return c.json(await detail(db, user, row.id, false));
  });
