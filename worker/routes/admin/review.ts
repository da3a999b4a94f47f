import { Hono } from 'hono';
import { z } from 'zod';
import { AdminOpportunityList, AdminOpportunityQuery, opportunityIssues } from '../../../schema/api/admin/catalog.js';
import {
  HostOfferApproval,
  HostOfferApprove,
  HostOfferDecline,
  HostOfferDetail,
  HostOfferList,
  HostOfferListQuery,
  HostOfferReturn,
  type HostOfferSummary,
} from '../../../schema/api/admin/review.js';
import type { SessionUser } from '../../../schema/api/auth.js';
import { httpUrl } from '../../../schema/api/fields.js';
import type { HostOfferRequest } from '../../../schema/api/host-offers.js';
import { stageOfType } from '../../../schema/vocab.js';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../middleware/auth.js';
import { json, param, query } from '../../middleware/validate.js';
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { employers, hostOffers, users } from '../../../schema/db/tables.js';
import { actorOf, conflict, contains, insertRowIf, invalid, notFound, nowIso, rowExists, runBatch } from '../../lib/admin-kit.js';
import { auditRowIf } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import { outboxRowIf } from '../../lib/outbox.js';
import { compose } from '../../mail/catalogue/index.js';
import { languageFor } from '../../mail/preferences.js';
import { pageOf, readCursor } from '../../lib/paging.js';
import { newId } from '../../lib/ids.js';
import { describe } from '../../lib/openapi.js';
import { insertOpportunity, type OpportunityRecord } from '../../lib/opportunity-rows.js';
import { listOpportunities } from './opportunities.js';

const TAG = ['admin: review'];
const ID = { id: 'The host offer id (`hof_…`)' };
describe({
  method: 'get',
  path: '/api/v1/admin/review/host-offers',
  summary: 'Host offers waiting for review (or of another status), newest first',
  tags: TAG,
  security: 'bearer',
  query: HostOfferListQuery,
  responses: { 200: { description: 'A page of offers', schema: HostOfferList } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/review/host-offers/:id',
  summary: 'One host offer as the employer submitted it',
  tags: TAG,
  security: 'bearer',
  params: ID,
  responses: { 200: { description: 'The offer', schema: HostOfferDetail } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/review/host-offers/:id/approve',
  summary: 'Approves an offer: creates or links the employer and creates the opportunity',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: HostOfferApprove,
  responses: {
    200: { description: 'The offer, the employer and the new opportunity', schema: HostOfferApproval },
    409: { description: 'Already approved or declined, or the linked employer is not approved for publishing' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/admin/review/host-offers/:id/return',
  summary: 'Sends an offer back to the employer with what to change',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: HostOfferReturn,
  responses: { 200: { description: 'The offer', schema: HostOfferDetail }, 409: { description: 'Already approved or declined' } },
});
describe({
  method: 'post',
  path: '/api/v1/admin/review/host-offers/:id/decline',
  summary: 'Declines an offer with a reason the employer is told',
  tags: TAG,
  security: 'bearer',
  params: ID,
  body: HostOfferDecline,
  responses: { 200: { description: 'The offer', schema: HostOfferDetail }, 409: { description: 'Already approved or declined' } },
});
describe({
  method: 'get',
  path: '/api/v1/admin/review/opportunities',
  summary: 'Opportunities waiting for review (status pending_review), newest first',
  tags: TAG,
  security: 'bearer',
  query: AdminOpportunityQuery,
  responses: { 200: { description: 'A page of opportunities', schema: AdminOpportunityList } },
});

/** What a host offer's payload holds: the request without the honeypot and the form token. */
type Submission = Omit<HostOfferRequest, 'nickname' | 'formToken'>;

/** An offer with its reviewer's name; `rid` is the row's rowid, the list's tie-breaker. */
const selectOffers = (db: Database) =>
  db
    .select({
      rid: sql<number>`${hostOffers}.rowid`,
      id: hostOffers.id,
      reference: hostOffers.reference,
      status: hostOffers.status,
      payload: hostOffers.payload,
      siteId: hostOffers.siteId,
      termsVersion: hostOffers.termsVersion,
      lang: hostOffers.lang,
      reviewMessage: hostOffers.reviewMessage,
      employerId: hostOffers.employerId,
      opportunityId: hostOffers.opportunityId,
      reviewedBy: hostOffers.reviewedBy,
      reviewerName: users.name,
      reviewedAt: hostOffers.reviewedAt,
      createdAt: hostOffers.createdAt,
    })
    .from(hostOffers)
    .leftJoin(users, eq(users.id, hostOffers.reviewedBy));

type OfferRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectOffers>['get']>>>;

function submissionOf(row: Pick<OfferRow, 'payload'>): Submission {
  // The payload is the request as the public form's schema validated it (routes/host-offers.ts).
  return row.payload as Submission;
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
    createdAt: row.createdAt,
    reviewedAt: row.reviewedAt,
  };
}

async function oneOffer(db: Database, id: string, tenantId: string): Promise<OfferRow> {
  const row = await selectOffers(db)
    .where(and(eq(hostOffers.id, id), eq(hostOffers.tenantId, tenantId)))
    .get();
  if (!row) throw notFound('host offer');
  return row;
}

async function toDetail(db: Database, row: OfferRow, tenantId: string): Promise<HostOfferDetail> {
  const s = submissionOf(row);
  // The first real word of the name finds "Arroyo Valley Medical" for "Arroyo Valley Medical Center"; the full name its exact twin.
  const firstWord = s.organization.name.split(/\s+/).find((w) => w.length >= 4) ?? s.organization.name;
  const similar = await db
    .select({ id: employers.id, name: employers.name, vettingStatus: employers.vettingStatus })
    .from(employers)
    .where(and(eq(employers.tenantId, tenantId), or(sql`${employers.name} = ${s.organization.name} COLLATE NOCASE`, contains(employers.name, firstWord))))
    .orderBy(asc(employers.name))
    .limit(5);
  return {
    ...toSummary(row),
    siteId: row.siteId,
    termsVersion: row.termsVersion,
    submission: { organization: s.organization, contact: s.contact, opportunity: s.opportunity, agreements: s.agreements } as HostOfferDetail['submission'],
    reviewMessage: row.reviewMessage,
    reviewedBy: row.reviewedBy ? { id: row.reviewedBy, name: row.reviewerName ?? '' } : null,
    employerId: row.employerId,
    opportunityId: row.opportunityId,
    similarEmployers: similar,
  };
}

/** Offers still open to a decision. Approved and declined offers are settled. */
const OPEN = ['pending', 'returned'] as const;
const isOpen = (status: string): boolean => OPEN.some((s) => s === status);
/** The offer is still open: the condition of the UPDATE that settles it. */
const stillOpen = (id: string, tenantId: string) => and(eq(hostOffers.id, id), eq(hostOffers.tenantId, tenantId), inArray(hostOffers.status, [...OPEN]));
const openGuard = (db: Database, id: string, tenantId: string) => rowExists(db, hostOffers, stillOpen(id, tenantId));

function settled(row: OfferRow): never {
  throw conflict(
    `This offer was already ${row.status}`,
    `${row.reviewerName ?? 'A coordinator'} ${row.status} it${row.reviewedAt ? ` on ${row.reviewedAt.slice(0, 10)}` : ''}; only pending or returned offers can be reviewed.`,
  );
}

/**
 * Returns an offer to the employer with what to change, or declines it with a reason: the
 * status, the message kept on the offer, the audit row and the outbox message in one batch.
 */
async function sendBack(db: Database, user: SessionUser, id: string, action: 'return' | 'decline', text: string): Promise<HostOfferDetail> {
  const offer = await oneOffer(db, id, user.tenantId);
  if (!isOpen(offer.status)) settled(offer);
  const s = submissionOf(offer);
  const guard = openGuard(db, id, user.tenantId);
  const lang = await languageFor(db, user.tenantId, s.contact.email, offer.lang);
  const about = { name: s.contact.name, title: s.opportunity.title, district: user.tenantName, reference: offer.reference, message: text };
  const message = compose(action === 'return' ? 'offer.returned' : 'offer.declined', lang, about);
  const [, , updated] = await db.batch([
    auditRowIf(db, { ...actorOf(user), action: `host_offer.${action}`, entity: 'host_offer', entityId: id, detail: { from: offer.status } }, guard),
    outboxRowIf(db, { tenantId: user.tenantId, recipient: s.contact.email, relatedId: id, replyTo: user.email, ...message }, guard),
    db
      .update(hostOffers)
      .set({ status: action === 'return' ? 'returned' : 'declined', reviewMessage: text, reviewedBy: user.id, reviewedAt: nowIso() })
      .where(stillOpen(id, user.tenantId)),
  ]);
  if (!updated.meta.changes) settled(await oneOffer(db, id, user.tenantId));
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
    // Newest first along the host_offers_queue index (tenant, status, created_at).
    const rows = await selectOffers(c.var.db)
      .where(
        and(
          eq(hostOffers.tenantId, c.get('user').tenantId),
          eq(hostOffers.status, q.status ?? 'pending'),
          cursor ? sql`(${hostOffers.createdAt}, ${hostOffers}.rowid) < (${cursor.k}, ${cursor.s})` : undefined,
        ),
      )
      .orderBy(desc(hostOffers.createdAt), desc(sql`${hostOffers}.rowid`))
      .limit(q.limit + 1);
    return c.json(pageOf(rows, q.limit, (r) => ({ k: r.createdAt, s: r.rid }), toSummary));
  })
  .get('/host-offers/:id', param(HostOfferId), async (c) => {
    const { id } = c.req.valid('param');
    const tenantId = c.get('user').tenantId;
    return c.json(await toDetail(c.var.db, await oneOffer(c.var.db, id, tenantId), tenantId));
  })
  .post('/host-offers/:id/approve', param(HostOfferId), json(HostOfferApprove), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const user = c.get('user');
    const db = c.var.db;
    const offer = await oneOffer(db, id, user.tenantId);
    if (!isOpen(offer.status)) settled(offer);
    const s = submissionOf(offer);
    const o = s.opportunity;

    let employer: { id: string; name: string; vettingStatus: 'pending' | 'approved' | 'suspended'; created: boolean };
    if (body.employerId) {
      const linked = await db
        .select({ id: employers.id, name: employers.name, vettingStatus: employers.vettingStatus })
        .from(employers)
        .where(and(eq(employers.id, body.employerId), eq(employers.tenantId, user.tenantId)))
        .get();
      if (!linked) throw invalid([{ path: 'employerId', message: 'Choose one of your employers', code: 'unknown_employer' }]);
      if (body.status === 'published' && linked.vettingStatus !== 'approved') {
        throw conflict(
          'That employer is not approved',
          `${linked.name} is ${linked.vettingStatus}. Approve the employer first, or save the opportunity as a draft.`,
        );
      }
      employer = { ...linked, created: false };
    } else {
      // Reviewing the offer is the vetting: the employer accepted the liability terms when it submitted.
      employer = { id: newId('emp'), name: s.organization.name, vettingStatus: 'approved', created: true };
    }
    const website = employer.created ? websiteFor(body, s) : null;

    const now = nowIso();
    const record: OpportunityRecord = {
      id: newId('opp'),
      tenantId: user.tenantId,
      employerId: employer.id,
      title: o.title,
      description: o.description,
      titleEs: null,
      descriptionEs: null,
      tasks: o.tasks,
      stage: body.stage ?? stageOfType(o.type),
      type: o.type,
      cluster: body.cluster ?? s.organization.clusters[0]!,
      onetSoc: null,
      skills: o.skills,
      technicalSkills: o.technicalSkills ?? [],
      compensationType: o.compensation.type,
      compensationCents: o.compensation.type === 'unpaid' ? null : (o.compensation.amountCents ?? null),
      mode: o.mode,
      locationName: s.organization.name,
      address: s.organization.address,
      city: s.organization.city,
      state: s.organization.state.toUpperCase(),
      postalCode: s.organization.postalCode,
      lat: body.location?.lat ?? null,
      lng: body.location?.lng ?? null,
      transitAccessible: body.transitAccessible ?? false,
      transitNotes: o.transitNotes ?? null,
      gradeMin: o.gradeMin ?? 9,
      gradeMax: body.gradeMax ?? 12,
      minAge: o.minAge ?? null,
      capacity: o.capacity,
      schedule: o.schedule ?? null,
      timeSlots: o.timeSlots ?? [],
      hoursPerWeek: o.hoursPerWeek ?? null,
      startsOn: o.startsOn ?? null,
      endsOn: o.endsOn ?? null,
      applicationDeadline: body.applicationDeadline ?? null,
      requiresBackgroundCheck: o.requirements?.backgroundCheck ?? false,
      requiresGuardianConsent: true,
      requiredDocuments: o.requirements?.documents ?? [],
      status: body.status,
      publishedAt: body.status === 'published' ? now : null,
    };
    const issues = opportunityIssues(record);
    if (issues.length) throw invalid(issues);

    // Everything below commits together or not at all: each statement repeats the offer's
    // condition (still open; a linked employer still approved when publishing), and the
    // UPDATE that settles the offer comes last. Of two approvals at once, one wins whole.
    const vetted =
      body.employerId && body.status === 'published'
        ? rowExists(db, employers, and(eq(employers.id, employer.id), eq(employers.tenantId, user.tenantId), eq(employers.vettingStatus, 'approved')))
        : undefined;
    const settles = and(stillOpen(id, user.tenantId), vetted);
    const guard: SQL = and(openGuard(db, id, user.tenantId), vetted)!;
    const actor = actorOf(user);
    const title = o.title;
    const statements = [
      ...(employer.created
        ? [
            insertRowIf(
              db,
              employers,
              {
                id: employer.id,
                tenantId: user.tenantId,
                name: s.organization.name,
                website,
                size: s.organization.size,
                clusters: s.organization.clusters,
                contactName: s.contact.name,
                contactTitle: s.contact.title ?? null,
                contactEmail: s.contact.email,
                contactPhone: s.contact.phone,
                address: s.organization.address,
                city: s.organization.city,
                state: s.organization.state.toUpperCase(),
                postalCode: s.organization.postalCode,
                vettingStatus: 'approved',
                liabilityAgreementOn: offer.createdAt.slice(0, 10),
              },
              guard,
            ),
          ]
        : []),
      insertOpportunity(db, record, guard),
      auditRowIf(
        db,
        {
          ...actor,
          action: 'host_offer.approve',
          entity: 'host_offer',
          entityId: id,
          detail: { employerId: employer.id, employerCreated: employer.created, opportunityId: record.id, status: body.status },
        },
        guard,
      ),
      ...(employer.created
        ? [
            auditRowIf(
              db,
              { ...actor, action: 'employer.create', entity: 'employer', entityId: employer.id, detail: { source: 'host_offer', hostOfferId: id } },
              guard,
            ),
          ]
        : []),
      auditRowIf(
        db,
        {
          ...actor,
          action: 'opportunity.create',
          entity: 'opportunity',
          entityId: record.id,
          detail: { source: 'host_offer', hostOfferId: id, status: body.status },
        },
        guard,
      ),
      outboxRowIf(
        db,
        {
          tenantId: user.tenantId,
          recipient: s.contact.email,
          relatedId: id,
          replyTo: user.email,
          ...compose('offer.approved', await languageFor(db, user.tenantId, s.contact.email, offer.lang), {
            name: s.contact.name,
            title,
            district: user.tenantName,
            reference: offer.reference,
            published: body.status === 'published',
            message: body.message ?? '',
          }),
        },
        guard,
      ),
    ];
    // The UPDATE that settles the offer comes last; its result says whether the whole batch took effect.
    const settle = db
      .update(hostOffers)
      .set({ status: 'approved', employerId: employer.id, opportunityId: record.id, reviewedBy: user.id, reviewedAt: now, reviewMessage: body.message ?? null })
      .where(settles);
    const results = await runBatch(db, [...statements, settle]);
    if (!results[results.length - 1]?.meta.changes) {
      const again = await oneOffer(db, id, user.tenantId);
      if (!isOpen(again.status)) settled(again);
      throw conflict(
        'That employer is not approved',
        'The employer’s vetting changed a moment ago. Approve the employer first, or save the opportunity as a draft.',
      );
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
    return c.json(await sendBack(c.var.db, c.get('user'), id, 'return', c.req.valid('json').message));
  })
  .post('/host-offers/:id/decline', param(HostOfferId), json(HostOfferDecline), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await sendBack(c.var.db, c.get('user'), id, 'decline', c.req.valid('json').reason));
  })
  .get('/opportunities', query(AdminOpportunityQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await listOpportunities(c.var.db, c.get('user').tenantId, { ...q, status: ['pending_review'] }));
  });
