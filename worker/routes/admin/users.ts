import { Hono } from 'hono';
import { z } from 'zod';
import { AdminUser, AdminUserList, PasswordReset, UserCreate, UserCreated, UserListQuery, UserUpdate, type UserRole } from '../../../schema/api/admin/users.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { and, asc, eq, exists, max, ne, or, sql } from 'drizzle-orm';
import { employers, sessions, users as userTable } from '../../../schema/db/tables.js';
import { actorOf, conflict, contains, invalid, notFound, rowExists, runBatch } from '../../lib/admin-kit.js';
import { auditRow, auditRowIf } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { newId } from '../../lib/ids.js';
import { describe } from '../../lib/openapi.js';
import { ProblemError } from '../../lib/problem.js';
import { hashSecret } from '../../lib/secrets.js';
import { PASSWORD_ITERATIONS } from '../auth.js';

const TAG = ['admin: users'];
const ID = { id: 'The user id (`usr_…`)' };
describe({
  method: 'get',
  path: '/api/v1/admin/users',
  summary: 'The tenant’s staff accounts (a coordinator sees the supervisors only)',
  tags: TAG,
  security: 'bearer',
  query: UserListQuery,
  responses: { 200: { description: 'A page of users', schema: AdminUserList } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/users',
  summary: 'Creates a staff account with a temporary password, shown once (a coordinator: supervisors of an approved employer only)',
  tags: TAG,
  security: 'bearer',
  body: UserCreate,
  responses: {
    201: { description: 'The user and their temporary password; their first sign-in must choose a new one', schema: UserCreated },
    400: { description: 'Field errors; a supervisor’s employer is not approved yet' },
    403: { description: 'A coordinator asked for a role other than supervisor' },
    404: { description: 'The employer is not one of this tenant’s' },
    409: { description: 'An account with this email already exists' },
  },
});
describe({
  method: 'get',
  path: '/api/v1/admin/users/:id',
  summary: 'One staff account (a coordinator: supervisors only)',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'The user', schema: AdminUser } },
});
describe({
  method: 'patch',
  path: '/api/v1/admin/users/:id',
  summary: 'Renames a user, changes their role or employer, disables or enables them; a role change or disabling ends their sessions',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: UserUpdate,
  responses: {
    200: { description: 'The user', schema: AdminUser },
    409: { description: 'An administrator cannot disable or demote themself, nor the tenant’s last active administrator' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/admin/users/:id/reset-password',
  summary: 'Gives a user a new temporary password, shown once; their sessions end',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'The temporary password', schema: PasswordReset } },
});

/** A staff account with its employer's name and last sign-in; `rid` is the rowid, the list's tie-breaker. Never the password hash. */
const selectUsers = (db: Database) =>
  db
    .select({
      rid: sql<number>`${userTable}.rowid`,
      id: userTable.id,
      email: userTable.email,
      name: userTable.name,
      role: userTable.role,
      employerId: userTable.employerId,
      employerName: employers.name,
      disabled: userTable.disabled,
      createdAt: userTable.createdAt,
      lastSignInAt: sql<string | null>`(${db
        .select({ at: max(sessions.createdAt) })
        .from(sessions)
        .where(eq(sessions.userId, userTable.id))})`,
    })
    .from(userTable)
    .leftJoin(employers, and(eq(employers.id, userTable.employerId), eq(employers.tenantId, userTable.tenantId)));

type UserRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectUsers>['get']>>>;

/** The row as the API shows it. */
function toUser(r: UserRow): AdminUser {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    employerId: r.employerId,
    employerName: r.employerId ? (r.employerName ?? '') : null,
    disabled: r.disabled,
    createdAt: r.createdAt,
    lastSignInAt: r.lastSignInAt,
  };
}

/** No 0/O, 1/I/L, U: a password read out over the phone or copied from a screen. */
const READABLE = '23456789abcdefghjkmnpqrstvwxyz';

/** Four groups of four (`k7mq-3xtd-9pwa-h2ne`): about 78 random bits, easy to type once. */
export function temporaryPassword(): string {
  // 240 is the largest multiple of 30 below 256: rejecting the rest keeps every character equally likely.
  const chars: string[] = [];
  while (chars.length < 16) {
    for (const b of crypto.getRandomValues(new Uint8Array(32))) if (b < 240 && chars.length < 16) chars.push(READABLE[b % 30]!);
  }
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

const UserId = z.object({ id: z.string().regex(/^usr_[a-z0-9_]{3,60}$/) });
/** D1's error for a broken unique index, also when drizzle wraps it (its `cause`). */
const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Error ? /UNIQUE constraint failed/i.test(e.message) || isUniqueViolation(e.cause) : /UNIQUE constraint failed/i.test(String(e));

async function oneUser(db: Database, id: string, tenantId: string): Promise<UserRow> {
  const row = await selectUsers(db)
    .where(and(eq(userTable.id, id), eq(userTable.tenantId, tenantId)))
    .get();
  if (!row) throw notFound('user');
  return row;
}

/**
 * A supervisor's employer: another tenant's (or no such) employer is not found, like any other
 * id; one still pending or suspended is not vetted, so nobody of theirs signs students' hours yet.
 */
async function checkEmployer(db: Database, employerId: string | null | undefined, tenantId: string) {
  if (!employerId) return;
  const row = await db
    .select({ vettingStatus: employers.vettingStatus })
    .from(employers)
    .where(and(eq(employers.id, employerId), eq(employers.tenantId, tenantId)))
    .get();
  if (!row) throw notFound('employer');
  if (row.vettingStatus !== 'approved') {
    throw invalid([{ path: 'employerId', message: 'Approve this employer before adding their supervisors', code: 'employer_not_approved' }]);
  }
}

/** A coordinator may add supervisors (so a newly approved employer has someone to sign hours), and nothing else. */
function coordinatorMayCreate(user: AppEnv['Variables']['user'], role: UserRole) {
  if (user.role === 'coordinator' && role !== 'supervisor') {
    throw new ProblemError('forbidden', { detail: 'Coordinators can add employer supervisors only. Ask an administrator for other accounts.' });
  }
}

/**
 * Staff accounts: the administrator's work, except that a coordinator may list and add employer
 * supervisors. A new account or a reset gets `must_change_password`, so the temporary password
 * only lets its holder choose their own (see middleware/auth.ts). Disabling a user, changing their role or resetting
 * their password deletes their sessions in the same batch, so an old token stops at once
 * rather than at its idle expiry.
 */
export const users = new Hono<AppEnv>()
  .get('/', requireRole('admin', 'coordinator'), query(UserListQuery), async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user');
    const cursor = readCursor(q.cursor);
    // A coordinator sees the supervisors they may add to, never the district's other staff.
    const role = user.role === 'coordinator' ? (q.role && q.role !== 'supervisor' ? 'none' : 'supervisor') : q.role;
    const rows = await selectUsers(c.var.db)
      .where(
        and(
          eq(userTable.tenantId, user.tenantId),
          // 'none' matches no account: a coordinator asking for another role gets an empty page.
          role ? sql`${userTable.role} = ${role}` : undefined,
          q.q ? or(contains(userTable.name, q.q), contains(userTable.email, q.q)) : undefined,
          cursor ? sql`(${userTable.name}, ${userTable}.rowid) > (${cursor.k}, ${cursor.s})` : undefined,
        ),
      )
      .orderBy(asc(userTable.name), asc(sql`${userTable}.rowid`))
      .limit(q.limit + 1);
    return c.json(pageOf(rows, q.limit, (r) => ({ k: r.name, s: r.rid }), toUser));
  })
  .post('/', requireRole('admin', 'coordinator'), json(UserCreate), async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    coordinatorMayCreate(user, body.role);
    await checkEmployer(db, body.employerId, user.tenantId);
    const id = newId('usr');
    const password = temporaryPassword();
    const hash = await hashSecret(password, PASSWORD_ITERATIONS);
    try {
      // The unique index on email settles a duplicate, also between two requests at once.
      await db.batch([
        db.insert(userTable).values({
          id,
          tenantId: user.tenantId,
          email: body.email,
          name: body.name,
          role: body.role,
          employerId: body.employerId ?? null,
          passwordHash: hash,
          disabled: false,
          mustChangePassword: true,
        }),
        auditRow(db, {
          ...actorOf(user),
          action: 'user.create',
          entity: 'user',
          entityId: id,
          detail: { role: body.role, employerId: body.employerId ?? null },
        }),
      ]);
    } catch (e) {
      if (isUniqueViolation(e))
        throw conflict('This email already has an account', 'Someone already signs in with this email address. Find them in the list, or use another address.');
      throw e;
    }
    return c.json({ user: toUser(await oneUser(db, id, user.tenantId)), temporaryPassword: password } satisfies UserCreated, 201);
  })
  .get('/:id', requireRole('admin', 'coordinator'), param(UserId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const row = await oneUser(c.var.db, id, user.tenantId);
    // A coordinator sees the supervisors they add; the district's other staff are not theirs to look up.
    if (user.role === 'coordinator' && row.role !== 'supervisor') throw notFound('user');
    return c.json(toUser(row));
  })
  .use(requireRole('admin'))
  .patch('/:id', param(UserId), json(UserUpdate), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const before = await oneUser(db, id, user.tenantId);
    const role = body.role ?? before.role;
    const roleChanged = role !== before.role;
    // An employer belongs to supervisors only: leaving that role clears it.
    const employerId = role === 'supervisor' ? (body.employerId !== undefined ? body.employerId : before.employerId) : null;
    if (role === 'supervisor' && !employerId)
      throw invalid([{ path: 'employerId', message: 'A supervisor works for an employer: choose one', code: 'employer_required' }]);
    if (role !== 'supervisor' && body.employerId)
      throw invalid([{ path: 'employerId', message: 'Only a supervisor has an employer', code: 'employer_not_allowed' }]);
    // Only a new employer is checked: renaming a supervisor of an employer suspended since stays possible.
    if (employerId !== before.employerId) await checkEmployer(db, employerId, user.tenantId);
    const disabling = body.disabled === true && !before.disabled;
    const leavesAdmin = before.role === 'admin' && !before.disabled && (disabling || roleChanged);
    if (id === user.id && leavesAdmin) {
      throw conflict(
        'You cannot lock yourself out',
        disabling
          ? 'You cannot disable your own account. Ask another administrator to do it.'
          : 'You cannot change your own role. Ask another administrator to do it.',
      );
    }
    const set = {
      name: body.name,
      role: body.role,
      disabled: body.disabled,
      employerId: body.role !== undefined || body.employerId !== undefined ? employerId : undefined,
    };
    // The last active admin stays: checked inside the batch, so two admins demoting each other at once cannot both win.
    const theUser = and(eq(userTable.id, id), eq(userTable.tenantId, user.tenantId));
    const anotherAdmin = db
      .select({ one: sql`1` })
      .from(userTable)
      .where(and(eq(userTable.tenantId, user.tenantId), eq(userTable.role, 'admin'), eq(userTable.disabled, false), ne(userTable.id, id)));
    const guard = leavesAdmin ? and(rowExists(db, userTable, theUser), exists(anotherAdmin))! : rowExists(db, userTable, theUser);
    const endsSessions = disabling || roleChanged;
    const detail = {
      fields: Object.keys(body),
      ...(roleChanged ? { from: before.role, to: role } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
      sessionsEnded: endsSessions,
    };
    const results = await runBatch(db, [
      auditRowIf(db, { ...actorOf(user), action: 'user.update', entity: 'user', entityId: id, detail }, guard),
      ...(endsSessions ? [db.delete(sessions).where(and(eq(sessions.userId, id), eq(sessions.tenantId, user.tenantId), guard))] : []),
      db.update(userTable).set(set).where(and(theUser, guard)),
    ]);
    const updated = results[results.length - 1];
    if (!updated?.meta.changes) {
      throw conflict('The last administrator stays', 'This is the only active administrator of your district. Make someone else an administrator first.');
    }
    return c.json(toUser(await oneUser(db, id, user.tenantId)));
  })
  .post('/:id/reset-password', param(UserId), async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const db = c.var.db;
    await oneUser(db, id, user.tenantId);
    const password = temporaryPassword();
    const hash = await hashSecret(password, PASSWORD_ITERATIONS);
    const theUser = and(eq(userTable.id, id), eq(userTable.tenantId, user.tenantId));
    const [, , updated] = await db.batch([
      auditRowIf(
        db,
        { ...actorOf(user), action: 'user.reset_password', entity: 'user', entityId: id, detail: { sessionsEnded: true } },
        rowExists(db, userTable, theUser),
      ),
      db.delete(sessions).where(and(eq(sessions.userId, id), eq(sessions.tenantId, user.tenantId))),
      db.update(userTable).set({ passwordHash: hash, mustChangePassword: true }).where(theUser),
    ]);
    if (!updated.meta.changes) throw notFound('user');
    return c.json({ temporaryPassword: password } satisfies PasswordReset);
  });
