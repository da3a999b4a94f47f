/**
 * The audit log as the console reads it: every read or write of a student record and every
 * admin action, newest first, filterable by what was touched, who did it and when.
 */
import * as z from 'zod/mini';
import { adminPageOf, adminPaging, calendarDate, queryValue } from './paging.js';

const word = (message: string) =>
  z.optional(queryValue(z.optional(z.string().check(z.trim(), z.maxLength(100, message), z.regex(/^[A-Za-z0-9_.:-]*$/, message)))));

export const AdminAuditQuery = z.strictObject({
  /** What kind of record: `opportunity`, `host_offer`, `student`, `site`… */
  entity: word('Name an entity like opportunity or student'),
  entityId: word('Give a record id'),
  actorId: word('Give a user id'),
  /** `opportunity.publish`, `student.read`…; a prefix ending in a dot (`site.`) matches every action of it. */
  action: word('Name an action like opportunity.publish'),
  /** From the start of this date in the tenant's zone. */
  from: z.optional(queryValue(z.optional(calendarDate))),
  /** To the end of this date in the tenant's zone. */
  to: z.optional(queryValue(z.optional(calendarDate))),
  ...adminPaging,
});
export type AdminAuditQuery = z.output<typeof AdminAuditQuery>;

export const AdminAuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorType: z.enum(['user', 'site', 'signer', 'system']),
  actorId: z.nullable(z.string()),
  /** The user's name when the actor is a user of this tenant. */
  actorName: z.nullable(z.string()),
  action: z.string(),
  entity: z.string(),
  entityId: z.nullable(z.string()),
  /** Ids, field names and counts; never the personal data itself. */
  detail: z.nullable(z.record(z.string(), z.unknown())),
});
export type AdminAuditEntry = z.infer<typeof AdminAuditEntry>;

export const AdminAuditList = adminPageOf(AdminAuditEntry);
export type AdminAuditList = z.infer<typeof AdminAuditList>;
