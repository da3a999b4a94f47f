import { Hono } from 'hono';
import { z } from 'zod';
import { AdminOpportunityList, AdminOpportunityQuery, opportunityIssues } from '../../../schema/api/admin/catalog.js';
import {
  HostOfferApproval, HostOfferApprove, HostOfferDecline, HostOfferDetail, HostOfferList, HostOfferListQuery, HostOfferReturn,
  type HostOfferSummary,
} from '../../../schema/api/admin/review.js';
import type { SessionUser } from '../../../schema/api/auth.js';
import { httpUrl } from '../../../schema/api/fields.js';
import type { HostOfferRequest } from '../../../schema/api/host-offers.js';
import { stageOfType, type OpportunityType } from '../../../schema/vocab.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { actorOf, auditIf, conflict, containsPattern, invalid, notFound, nowIso, outboxIf, type Guard } from '../../lib/admin-kit.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { newId } from '../../lib/ids.js';
import { describe } from '../../lib/openapi.js';
import { insertOpportunity, type OpportunityRecord } from '../../lib/opportunity-rows.js';
import { listOpportunities } from './opportunities.js';

const TAG = ['admin: review'];
const ID = { id: 'The host offer id (`hof_…`)' };
describe({ method: 'get', path: '/api/v1/admin/review/host-offers', summary: 'Host offers waiting for review (or of another status), newest first', tags: TAG, security: 'bearer', query: HostOfferListQuery, responses: { 200: { description: 'A page of offers', schema: HostOfferList } } });
describe({ method: 'get', path: '/api/v1/admin/review/host-offers/:id', summary: 'One host offer as the employer submitted it', tags: TAG, security: 'bearer', params: ID, responses: { 200: { description: 'The offer', schema: HostOfferDetail } } });
describe({
  method: 'post', path: '/api/v1/admin/review/host-offers/:id/approve', summary: 'Approves an offer: creates or links the employer and creates the opportunity', tags: TAG, security: 'bearer', params: ID, body: HostOfferApprove,
  responses: { 200: { description: 'The offer, the employer and the new opportunity', schema: HostOfferApproval }, 409: { description: 'Already approved or declined, or the linked employer is not approved for publishing' } },
});
describe({ method: 'post', path: '/api/v1/admin/review/host-offers/:id/return', summary: 'Sends an offer back to the employer with what to change', tags: TAG, security: 'bearer', params: ID, body: HostOfferReturn, responses: { 200: { description: 'The offer', schema: HostOfferDetail }, 409: { description: 'Already approved or declined' } } });
describe({ method: 'post', path: '/api/v1/admin/review/host-offers/:id/decline', summary: 'Declines an offer with a reason the employer is told', tags: TAG, security: 'bearer', params: ID, body: HostOfferDecline, responses: { 200: { description: 'The offer', schema: HostOfferDetail }, 409: { description: 'Already approved or declined' } } });
describe({ method: 'get', path: '/api/v1/admin/review/opportunities', summary: 'Opportunities waiting for review (status pending_review), newest first', tags: TAG, security: 'bearer', query: AdminOpportunityQuery, responses: { 200: { description: 'A page of opportunities', schema: AdminOpportunityList } } });

/** What a host offer's payload holds: the request without the honeypot and the form token. */
type Submission = Omit<HostOfferRequest, 'nickname' | 'formToken'>;

interface OfferRow {
  rid: number; id: string; reference: string; status: HostOfferSummary['status']; payload: string; site_id: string | null;
  terms_version: string | null; review_message: string | null; employer_id: string | null; opportunity_id: string | null;
  reviewed_by: string | null; reviewer_name: string | null; reviewed_at: string | null; created_at: string;
}

const OFFER_SELECT = `SELECT h.rowid AS rid, h.id, h.reference, h.status, h.payload, h.site_id, h.terms_version, h.review_message, h.employer_id,
    h.opportunity_id, h.reviewed_by, u.name AS reviewer_name, h.reviewed_at, h.created_at
  FROM host_offers h LEFT JOIN users u ON u.id = h.reviewed_by`;

function submissionOf(row: Pick<OfferRow, 'payload'>): Submission {
  return JSON.parse(row.payload) as Submission;
}

function toSummary(row: OfferRow): HostOfferSummary {
  const s = submissionOf(row);
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    organizationName: s.organization.name,
    contactName: s.contact.name,
    contactEmail: s.contact.email,
    title: s.opportunity.title,
    type: s.opportunity.type,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
  };
}

async function oneOffer(db: AppEnv['Bindings']['DB'], id: string, tenantId: string): Promise<OfferRow> {
  const row = await db.prepare(`${OFFER_SELECT} WHERE h.id = ? AND h.tenant_id = ?`).bind(id, tenantId).first<OfferRow>();
  if (!row) throw notFound('host offer');
  return row;
}

async function toDetail(db: AppEnv['Bindings']['DB'], row: OfferRow, tenantId: string): Promise<HostOfferDetail> {
  const s = submissionOf(row);
  // The first real word of the name finds "Arroyo Valley Medical" for "Arroyo Valley Medical Center"; the full name its exact twin.
  const firstWord = s.organization.name.split(/\s+/).find((w) => w.length >= 4) ?? s.organization.name;
  const { results: similar } = await db.prepare(
    `SELECT id, name, vetting_status FROM employers WHERE tenant_id = ? AND (name = ? COLLATE NOCASE OR name LIKE ? ESCAPE '\\') ORDER BY name LIMIT 5`,
  ).bind(tenantId, s.organization.name, containsPattern(firstWord)).all<{ id: string; name: string; vetting_status: string }>();
  return {
    ...toSummary(row),
    siteId: row.site_id,
    termsVersion: row.terms_version,
    submission: { organization: s.organization, contact: s.contact, opportunity: s.opportunity, agreements: s.agreements } as HostOfferDetail['submission'],
    reviewMessage: row.review_message,
    reviewedBy: row.reviewed_by ? { id: row.reviewed_by, name: row.reviewer_name ?? '' } : null,
    employerId: row.employer_id,
    opportunityId: row.opportunity_id,
    similarEmployers: similar.map((e) => ({ id: e.id, name: e.name, vettingStatus: e.vetting_status as 'pending' | 'approved' | 'suspended' })),
  };
}

/** Offers still open to a decision. Approved and declined offers are settled. */
const OPEN = ['pending', 'returned'] as const;
const openGuard = (id: string, tenantId: string): Guard => ({
  sql: `EXISTS (SELECT 1 FROM host_offers WHERE id = ? AND tenant_id = ? AND status IN ('pending', 'returned'))`,
  params: [id, tenantId],
});

function settled(row: OfferRow): never {
  throw conflict(`This offer was already ${row.status}`, `${row.reviewer_name ?? 'A coordinator'} ${row.status} it${row.reviewed_at ? ` on ${row.reviewed_at.slice(0, 10)}` : ''}; only pending or returned offers can be reviewed.`);
}

/**
 * Returns an offer to the employer with what to change, or declines it with a reason: the
 * status, the message kept on the offer, the audit row and the outbox message in one batch.
 */
async function sendBack(db: AppEnv['Bindings']['DB'], user: SessionUser, id: string, action: 'return' | 'decline', text: string): Promise<HostOfferDetail> {
  const offer = await oneOffer(db, id, user.tenantId);
  if (!(OPEN as readonly string[]).includes(offer.status)) settled(offer);
  const s = submissionOf(offer);
  const guard = openGuard(id, user.tenantId);
  const message = action === 'return'
    ? {
      subject: `About your offer to host a student (${offer.reference})`,
      body: `Hello ${s.contact.name},\n\nThank you for offering "${s.opportunity.title}". Before we can publish it, a coordinator at ${user.tenantName} asks:\n\n${text}\n\nPlease reply to this message, or send the form again with the changes. Reference: ${offer.reference}`,
    }
    : {
      subject: `Your offer to host a student (${offer.reference})`,
      body: `Hello ${s.contact.name},\n\nThank you for offering "${s.opportunity.title}". After review, ${user.tenantName} is not able to go ahead with it:\n\n${text}\n\nWe would be glad to hear from you about other opportunities. Reference: ${offer.reference}`,
    };
  const [, , updated] = await db.batch([
    auditIf(db, { ...actorOf(user), action: `host_offer.${action}`, entity: 'host_offer', entityId: id, detail: { from: offer.status } }, guard),
    outboxIf(db, { tenantId: user.tenantId, recipient: s.contact.email, relatedId: id, ...message }, guard),
    db.prepare(`UPDATE host_offers SET status = ?, review_message = ?, reviewed_by = ?, reviewed_at = ?
                 WHERE id = ? AND tenant_id = ? AND status IN ('pending', 'returned')`)
      .bind(action === 'return' ? 'returned' : 'declined', text, user.id, nowIso(), id, user.tenantId),
  ]);
  if (!updated?.meta.changes) settled(await oneOffer(db, id, user.tenantId));
  return toDetail(db, await oneOffer(db, id, user.tenantId), user.tenantId);
}

const WEBSITE = httpUrl('Enter a full web address, like https://example.com', 300);

/**
 * The website a new employer is created with. The board shows it as a link, so it must be
 * http(s): offers stored before the public form checked that may hold `javascript:` or the
 * like, and such an offer is approved only with a website the coordinator gives (or null).
 */
function websiteFor(body: HostOfferApprove, s: Submission): string | null {
  if (body.website !== undefined) return body.website;
  const offered = s.organization.website;
  if (!offered) return null;
  if (!WEBSITE.safeParse(offered).success) {
    throw invalid([{ path: 'website', message: 'The offer’s website is not an http(s) web address: enter the website, or clear it', code: 'unsafe_url' }]);
  }
  return offered;
}

const HostOfferId = z.object({ id: z.string().regex(/^hof_[a-z0-9_]{3,60}$/) });

export const review = new Hono<AppEnv>()
  .use(requireRole('admin', 'coordinator'))
  .get('/host-offers', query(HostOfferListQuery), async (c) => {
    const q = c.req.valid('query');
    const cursor = readCursor(q.cursor);
    const params: unknown[] = [c.get('user').tenantId, q.status ?? 'pending'];
    if (cursor) params.push(cursor.k, cursor.s);
    // Newest first along the host_offers_queue index (tenant, status, created_at).
    const { results } = await c.env.DB.prepare(
      `${OFFER_SELECT} WHERE h.tenant_id = ? AND h.status = ? ${cursor ? 'AND (h.created_at, h.rowid) < (?, ?)' : ''}
        ORDER BY h.created_at DESC, h.rowid DESC LIMIT ?`,
    ).bind(...params, q.limit + 1).all<OfferRow>();
    return c.json(pageOf(results, q.limit, (r) => ({ k: r.created_at, s: r.rid }), toSummary));
  })
  .get('/host-offers/:id', param(HostOfferId), async (c) => {
    const { id } = c.req.valid('param');
    const tenantId = c.get('user').tenantId;
    return c.json(await toDetail(c.env.DB, await oneOffer(c.env.DB, id, tenantId), tenantId));
  })
  .post('/host-offers/:id/approve', param(HostOfferId), json(HostOfferApprove), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.env.DB;
    const offer = await oneOffer(db, id, user.tenantId);
    if (!(OPEN as readonly string[]).includes(offer.status)) settled(offer);
    const s = submissionOf(offer);
    const o = s.opportunity;

    let employer: { id: string; name: string; vettingStatus: 'pending' | 'approved' | 'suspended'; created: boolean };
    if (body.employerId) {
      const linked = await db.prepare('SELECT id, name, vetting_status FROM employers WHERE id = ? AND tenant_id = ?')
        .bind(body.employerId, user.tenantId).first<{ id: string; name: string; vetting_status: 'pending' | 'approved' | 'suspended' }>();
      if (!linked) throw invalid([{ path: 'employerId', message: 'Choose one of your employers', code: 'unknown_employer' }]);
      if (body.status === 'published' && linked.vetting_status !== 'approved') {
        throw conflict('That employer is not approved', `${linked.name} is ${linked.vetting_status}. Approve the employer first, or save the opportunity as a draft.`);
      }
      employer = { id: linked.id, name: linked.name, vettingStatus: linked.vetting_status, created: false };
    } else {
      // Reviewing the offer is the vetting: the employer accepted the liability terms when it submitted.
      employer = { id: newId('emp'), name: s.organization.name, vettingStatus: 'approved', created: true };
    }
    const website = employer.created ? websiteFor(body, s) : null;

    const now = nowIso();
    const record: OpportunityRecord = {
      id: newId('opp'), tenantId: user.tenantId, employerId: employer.id, title: o.title, description: o.description, tasks: o.tasks,
      stage: body.stage ?? stageOfType(o.type as OpportunityType), type: o.type, cluster: body.cluster ?? s.organization.clusters[0]!, onetSoc: null,
      skills: o.skills, technicalSkills: o.technicalSkills ?? [], compensationType: o.compensation.type,
      compensationCents: o.compensation.type === 'unpaid' ? null : o.compensation.amountCents ?? null, mode: o.mode,
      locationName: s.organization.name, address: s.organization.address, city: s.organization.city, state: s.organization.state.toUpperCase(),
      postalCode: s.organization.postalCode, lat: body.location?.lat ?? null, lng: body.location?.lng ?? null,
      transitAccessible: body.transitAccessible ?? false, transitNotes: o.transitNotes ?? null, gradeMin: o.gradeMin ?? 9, gradeMax: body.gradeMax ?? 12,
      minAge: o.minAge ?? null, capacity: o.capacity, schedule: o.schedule ?? null, timeSlots: o.timeSlots ?? [], hoursPerWeek: o.hoursPerWeek ?? null,
      startsOn: o.startsOn ?? null, endsOn: o.endsOn ?? null, applicationDeadline: body.applicationDeadline ?? null,
      requiresBackgroundCheck: o.requirements?.backgroundCheck ?? false, requiresGuardianConsent: true, requiredDocuments: o.requirements?.documents ?? [],
      status: body.status, publishedAt: body.status === 'published' ? now : null,
    };
    const issues = opportunityIssues(record);
    if (issues.length) throw invalid(issues);

    // Everything below commits together or not at all: each statement repeats the offer's
    // condition (still open; a linked employer still approved when publishing), and the
    // UPDATE that settles the offer comes last. Of two approvals at once, one wins whole.
    const vetted = body.employerId && body.status === 'published'
      ? ` AND EXISTS (SELECT 1 FROM employers WHERE id = ? AND tenant_id = ? AND vetting_status = 'approved')` : '';
    const open = openGuard(id, user.tenantId);
    const guard: Guard = { sql: open.sql + vetted, params: [...open.params, ...(vetted ? [employer.id, user.tenantId] : [])] };
    const actor = actorOf(user);
    const title = o.title;
    const note = body.message ? `\n\n${body.message}` : '';
    const next = body.status === 'published'
      ? `Students can now find "${title}" on ${user.tenantName}'s opportunity board, and we will let you know when one applies.`
      : `We are finishing a few details of "${title}" and will let you know when students can find it on ${user.tenantName}'s opportunity board.`;
    const statements = [
      ...(employer.created ? [db.prepare(
        `INSERT INTO employers (id, tenant_id, name, website, size, clusters, contact_name, contact_title, contact_email, contact_phone,
                                address, city, state, postal_code, vetting_status, liability_agreement_on)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'approved', ? WHERE ${guard.sql}`,
      ).bind(employer.id, user.tenantId, s.organization.name, website, s.organization.size, JSON.stringify(s.organization.clusters),
        s.contact.name, s.contact.title ?? null, s.contact.email, s.contact.phone, s.organization.address, s.organization.city,
        s.organization.state.toUpperCase(), s.organization.postalCode, offer.created_at.slice(0, 10), ...guard.params)] : []),
      insertOpportunity(db, record, guard),
      auditIf(db, { ...actor, action: 'host_offer.approve', entity: 'host_offer', entityId: id, detail: { employerId: employer.id, employerCreated: employer.created, opportunityId: record.id, status: body.status } }, guard),
      ...(employer.created ? [auditIf(db, { ...actor, action: 'employer.create', entity: 'employer', entityId: employer.id, detail: { source: 'host_offer', hostOfferId: id } }, guard)] : []),
      auditIf(db, { ...actor, action: 'opportunity.create', entity: 'opportunity', entityId: record.id, detail: { source: 'host_offer', hostOfferId: id, status: body.status } }, guard),
      outboxIf(db, {
        tenantId: user.tenantId, recipient: s.contact.email, relatedId: id,
        subject: `Your offer to host a student is approved (${offer.reference})`,
        body: `Hello ${s.contact.name},\n\nThank you for offering "${title}". A coordinator at ${user.tenantName} has approved it. ${next}${note}\n\nReference: ${offer.reference}`,
      }, guard),
      db.prepare(`UPDATE host_offers SET status = 'approved', employer_id = ?, opportunity_id = ?, reviewed_by = ?, reviewed_at = ?, review_message = ?
                   WHERE id = ? AND tenant_id = ? AND status IN ('pending', 'returned')${vetted}`)
        .bind(employer.id, record.id, user.id, now, body.message ?? null, ...guard.params),
    ];
    const results = await db.batch(statements);
    if (!results[results.length - 1]?.meta.changes) {
      const again = await oneOffer(db, id, user.tenantId);
      if (!(OPEN as readonly string[]).includes(again.status)) settled(again);
      throw conflict('That employer is not approved', 'The employer’s vetting changed a moment ago. Approve the employer first, or save the opportunity as a draft.');
    }
    const after = await oneOffer(db, id, user.tenantId);
    return c.json({
      offer: await toDetail(db, after, user.tenantId),
      employer,
      opportunity: { id: record.id, title: record.title, status: record.status },
    } satisfies HostOfferApproval);
  })
  .post('/host-offers/:id/return', param(HostOfferId), json(HostOfferReturn), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await sendBack(c.env.DB, c.get('user'), id, 'return', c.req.valid('json').message));
  })
  .post('/host-offers/:id/decline', param(HostOfferId), json(HostOfferDecline), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await sendBack(c.env.DB, c.get('user'), id, 'decline', c.req.valid('json').reason));
  })
  .get('/opportunities', query(AdminOpportunityQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await listOpportunities(c.env.DB, c.get('user').tenantId, { ...q, status: ['pending_review'] }));
  });
