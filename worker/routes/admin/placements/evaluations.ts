/**
 * PUT /:id/evaluations/:phase: the supervisor's midpoint or final ratings of every named skill.
 * A final evaluation is a badge's evidence: once a credential is issued from it, it is frozen.
 * The core (`recordEvaluation`) is shared with supervisors acting through their link
 * (`routes/supervise.ts`), who are recorded by name instead of by account.
 */
import { Hono } from 'hono';
import { and, eq, exists, isNull, notExists, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { EvaluationRequest, type Evaluation } from '../../../../schema/api/admin/placements.js';
import type { EvaluationPhase } from '../../../../schema/vocab.js';
import type { FieldError } from '../../../../schema/api/problem.js';
import { credentials, evaluations } from '../../../../schema/db/tables.js';
import type { AppEnv } from '../../../env.js';
import { json, param } from '../../../middleware/validate.js';
import type { Database } from '../../../lib/db.js';
import { newId } from '../../../lib/ids.js';
import { ProblemError } from '../../../lib/problem.js';
import { excluded } from '../students/sql.js';
import { selectEvaluations, toEvaluation } from './detail.js';
import { type AppRow, EvalParam, loadApp, mustSupervise, placementAudit } from './rows.js';

/** Who records an evaluation: a staff account, or a supervisor by name through their link. */
export type Evaluator = { userId: string; name: null } | { userId: null; name: string };

/**
 * Checks the ratings against the placement's named skills and records them, with the audit
 * row `audit(recorded)` gives (written only when the evaluation was). Throws the field errors,
 * or 409 when the placement is not under way or a badge froze the final evaluation.
 */
export async function recordEvaluation(
  db: Database,
  row: Pick<AppRow, 'id' | 'tenantId' | 'status' | 'skills' | 'technicalSkills'>,
  phase: EvaluationPhase,
  body: EvaluationRequest,
  by: Evaluator,
  audit: (recorded: SQL) => BatchItem<'sqlite'>,
): Promise<Evaluation> {
  if (row.status !== 'active' && row.status !== 'completed') {
    throw new ProblemError('conflict', {
      title: 'Not under way',
      detail: `A ${phase} evaluation is recorded while a placement is active or once it is completed; this one is ${row.status}.`,
    });
  }
  const named = [...row.skills, ...row.technicalSkills];
  const errors: FieldError[] = [];
  const rated = new Set<string>();
  body.ratings.forEach((r, i) => {
    if (!named.includes(r.skill))
      errors.push({ path: `ratings.${i}.skill`, message: `“${r.skill}” is not one of this placement’s named skills`, code: 'unknown_skill' });
    else if (rated.has(r.skill)) errors.push({ path: `ratings.${i}.skill`, message: `“${r.skill}” is rated twice`, code: 'duplicate_skill' });
    rated.add(r.skill);
  });
  const unrated = named.filter((s) => !rated.has(s));
  if (unrated.length) errors.push({ path: 'ratings', message: `Rate every named skill; still to rate: ${unrated.join(', ')}`, code: 'skills_unrated' });
  if (errors.length) throw new ProblemError('validation', { errors });

  const now = new Date().toISOString();
  // A final evaluation is a badge's evidence: once a credential is issued from it, it is frozen.
  const frozen =
    phase === 'final'
      ? notExists(
          db
            .select({ one: sql`1` })
            .from(credentials)
            .where(and(eq(credentials.applicationId, row.id), isNull(credentials.revokedAt))),
        )
      : undefined;
  const [upsert] = await db.batch([
    db
      .insert(evaluations)
      .values({
        id: newId('evl'),
        tenantId: row.tenantId,
        applicationId: row.id,
        phase,
        // Stored with `"comment": null` for a skill without one, as every evaluation so far (the table's type has no null).
        ratings: sql`${JSON.stringify(body.ratings.map((r) => ({ skill: r.skill, level: r.level, comment: r.comment || null })))}`,
        comments: body.comments || null,
        evaluatorUserId: by.userId,
        evaluatorName: by.name,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [evaluations.applicationId, evaluations.phase],
        set: {
          ratings: excluded(evaluations.ratings),
          comments: excluded(evaluations.comments),
          evaluatorUserId: excluded(evaluations.evaluatorUserId),
          evaluatorName: excluded(evaluations.evaluatorName),
          createdAt: excluded(evaluations.createdAt),
        },
        setWhere: frozen,
      }),
    audit(
      exists(
        db
          .select({ one: sql`1` })
          .from(evaluations)
          .where(and(eq(evaluations.applicationId, row.id), eq(evaluations.phase, phase), eq(evaluations.createdAt, now))),
      ),
    ),
  ]);
  if (!upsert.meta.changes) {
    throw new ProblemError('conflict', {
      title: 'This evaluation is a badge’s evidence',
      detail: 'A badge was issued from this final evaluation, so it can no longer change. Revoke the badge first if it was wrong.',
    });
  }
  const saved = await selectEvaluations(db)
    .where(and(eq(evaluations.applicationId, row.id), eq(evaluations.phase, phase)))
    .get();
  return toEvaluation(saved!);
}

export const evaluating = new Hono<AppEnv>().put('/:id/evaluations/:phase', param(EvalParam), json(EvaluationRequest), async (c) => {
  const user = c.get('user');
  const db = c.var.db;
  const { id, phase } = c.req.valid('param');
  const row = await loadApp(db, user, id);
  mustSupervise(user, row);
  const saved = await recordEvaluation(db, row, phase, c.req.valid('json'), { userId: user.id, name: null }, (recorded) =>
    placementAudit(db, user, 'evaluation.record', row, { phase }, recorded),
  );
  return c.json(saved satisfies Evaluation);
});
