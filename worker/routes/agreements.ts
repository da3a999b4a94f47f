/**
 * Signing a training agreement through its tokenised link. The token (256 random bits, only
 * its SHA-256 stored) is the credential: no site key, no session. A link signs once, and only
 * the role it was issued for; the coordinator's line has no link (it is signed in the console).
 * The answer names the student by preferred name only; every view and signature is written to
 * the audit log as the signer's act (actor `signer`, the agreement row), or as the staff user's
 * when the link went to a supervisor's own account.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { AgreementSignRequest, AgreementView } from '../../schema/api/agreements.js';
import { agreements as agreementRows, agreementTexts, applications, employers, opportunities, students, tenants, users } from '../../schema/db/tables.js';
import type { AppEnv } from '../env.js';
import { json, param } from '../middleware/validate.js';
import { auditRow, auditRowIf } from '../lib/audit.js';
import type { Database } from '../lib/db.js';
import { describe } from '../lib/openapi.js';
import type { Lang } from '../lib/lang.js';
import { outboxRowIf } from '../lib/outbox.js';
import { sameAddress, signLinkExpiry } from '../lib/pipeline.js';
import { placementLanguages } from '../lib/placement-mail.js';
import { ProblemError } from '../lib/problem.js';
import { tokenHash } from '../lib/sessions.js';
import { compose } from '../mail/catalogue/index.js';
import { ROLE_WORDS } from '../mail/catalogue/placements.js';

const TOKEN = { token: 'The signing token from the link (`/demo/sign.html?token=…`)' };
describe({
  method: 'get',
  path: '/api/v1/agreements/:token',
  summary:
    'The training agreement a signing link is for: its text in the language asked for (`?lang=` or Accept-Language; English where no translation is stored, `textLang` says which), the placement’s summary, the signer’s role and whether they signed',
  tags: ['agreements'],
  security: 'none',
  params: TOKEN,
  responses: {
    200: { description: 'The agreement', schema: AgreementView },
    404: { description: 'The link is unknown, expired, or its placement no longer goes ahead' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/agreements/:token/sign',
  summary:
    'Sign with a typed name; `textLang` is the language of the text the signer was shown (recorded with the signature). Signing again with the same name answers the same, another name is refused',
  tags: ['agreements'],
  security: 'none',
  params: TOKEN,
  body: AgreementSignRequest,
  responses: {
    200: { description: 'Signed', schema: AgreementView },
    400: { description: 'A field error; `textLang` when the agreement’s version has no text in that language' },
    409: { description: 'Already signed by someone else' },
  },
});

const TokenParam = z.object({ token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)) });

/** Placements that ended before they began, or have ended, take no more signatures. */
const CLOSED = new Set(['declined', 'withdrawn', 'cancelled', 'completed']);

/** The supervisor's staff account, when the placement has one (and it is not disabled). */
const su = alias(users, 'su');
/** The agreement's text in the language asked for, and in English (every version has it). */
const asked = alias(agreementTexts, 'asked');
const english = alias(agreementTexts, 'english');
const textOf = (t: typeof asked | typeof english, lang: Lang) =>
  and(eq(t.tenantId, agreementRows.tenantId), eq(t.kind, 'training_agreement'), eq(t.version, agreementRows.textVersion), eq(t.lang, lang));

/** The agreement a token names, with what its page shows of the placement, its text in `lang` where one is stored. */
const agreementOf = async (db: Database, token: string, lang: Lang) =>
  db
    .select({
      id: agreementRows.id,
      tenantId: agreementRows.tenantId,
      role: agreementRows.role,
      textVersion: agreementRows.textVersion,
      signerName: agreementRows.signerName,
      signedAt: agreementRows.signedAt,
      signedTextLang: agreementRows.textLang,
      createdAt: agreementRows.createdAt,
      applicationId: applications.id,
      reference: applications.reference,
      status: applications.status,
      appLang: applications.lang,
      studentId: applications.studentId,
      preferredName: students.preferredName,
      title: opportunities.title,
      startsOn: opportunities.startsOn,
      endsOn: opportunities.endsOn,
      schedule: opportunities.schedule,
      employerName: employers.name,
      districtName: tenants.name,
      issuerEmail: tenants.issuerEmail,
      districtLocale: tenants.defaultLocale,
      askedBody: asked.body,
      englishBody: english.body,
      sentTo: agreementRows.sentTo,
      supervisorUserId: applications.supervisorUserId,
      supervisorEmail: su.email,
    })
    .from(agreementRows)
    .innerJoin(applications, and(eq(applications.id, agreementRows.applicationId), eq(applications.tenantId, agreementRows.tenantId)))
    .innerJoin(students, eq(students.id, applications.studentId))
    .innerJoin(opportunities, eq(opportunities.id, applications.opportunityId))
    .innerJoin(employers, eq(employers.id, opportunities.employerId))
    .innerJoin(tenants, eq(tenants.id, agreementRows.tenantId))
    .leftJoin(asked, textOf(asked, lang))
    .leftJoin(english, textOf(english, 'en'))
    .leftJoin(su, and(eq(su.id, applications.supervisorUserId), eq(su.tenantId, applications.tenantId), eq(su.disabled, false)))
    .where(eq(agreementRows.signTokenHash, await tokenHash(token)))
    .get();

type Found = NonNullable<Awaited<ReturnType<typeof agreementOf>>>;
/** An agreement with its text: in the language asked for, or English (`textLang` says which). */
type Row = Found & { body: string; textLang: Lang };

/** What the signing link's refusals say, in the signer's language. */
const REFUSED = {
  en: {
    invalid: { title: 'This signing link is not valid', detail: 'Check that the whole link was copied, or ask the Career Center for a new one.' },
    closed: (status: string) => ({
      title: 'This placement no longer needs your signature',
      detail: `The placement is ${status}. Ask the Career Center if you think this is a mistake.`,
    }),
    expired: { title: 'This signing link has expired', detail: 'Ask the Career Center to send a new link.' },
    signed: (role: string, on: string) => ({ title: 'Already signed', detail: `This agreement was signed as the ${role}${on ? ` on ${on}` : ''}.` }),
    noText: 'This agreement has no text in that language',
  },
  es: {
    invalid: { title: 'Este enlace para firmar no es válido', detail: 'Compruebe que copió el enlace completo o pida uno nuevo al Centro de Carreras.' },
    closed: (status: string) => ({
      title: 'Esta práctica ya no necesita su firma',
      detail: `La práctica tiene el estado “${status}”. Consulte al Centro de Carreras si cree que es un error.`,
    }),
    expired: { title: 'Este enlace para firmar venció', detail: 'Pida al Centro de Carreras que le envíe un enlace nuevo.' },
    signed: (role: string, on: string) => ({ title: 'Ya está firmado', detail: `Este acuerdo ya se firmó como ${role}${on ? ` el ${on}` : ''}.` }),
    noText: 'Este acuerdo no tiene texto en ese idioma',
  },
};

async function load(db: Database, token: string, lang: Lang): Promise<Row> {
  const row = await agreementOf(db, token, lang);
  const say = REFUSED[lang];
  const body = row?.askedBody ?? row?.englishBody;
  // The coordinator signs in the console as themself; a coordinator's link (from before that rule) signs nothing.
  if (!row || !body || row.role === 'coordinator') throw new ProblemError('notFound', say.invalid);
  if (CLOSED.has(row.status) && !row.signedAt) throw new ProblemError('notFound', say.closed(row.status));
  if (!row.signedAt && Date.parse(signLinkExpiry(row.createdAt)) < Date.now()) throw new ProblemError('notFound', say.expired);
  return { ...row, body, textLang: row.askedBody ? lang : 'en' };
}

const view = (r: Row, lang: Lang): AgreementView => ({
  role: r.role,
  roleWords: ROLE_WORDS[lang][r.role],
  signed: r.signedAt !== null,
  signerName: r.signerName,
  signedAt: r.signedAt,
  signedTextLang: r.signedTextLang,
  expiresAt: signLinkExpiry(r.createdAt),
  textLang: r.textLang,
  text: { version: r.textVersion, body: r.body },
  placement: {
    reference: r.reference,
    opportunityTitle: r.title,
    employerName: r.employerName,
    studentPreferredName: r.preferredName,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    schedule: r.schedule,
    districtName: r.districtName,
  },
});

/**
 * Who acts through this link: the supervisor's staff account when the link went to that
 * account's address, otherwise the signer the link was issued to (named by the agreement row).
 */
function actorOf(r: Row): { actorType: 'user' | 'signer'; actorId: string; userId: string | null } {
  if (r.role === 'supervisor' && r.supervisorUserId && sameAddress(r.sentTo, r.supervisorEmail)) {
    return { actorType: 'user', actorId: r.supervisorUserId, userId: r.supervisorUserId };
  }
  return { actorType: 'signer', actorId: r.id, userId: null };
}

const auditDetail = (r: Row) => ({ applicationId: r.applicationId, agreementId: r.id, role: r.role, via: 'sign_link' });

/** The audit entry of an act through this link: the signer's (or the supervisor's account's). */
const trail = (r: Row, action: string) => {
  const { actorType, actorId } = actorOf(r);
  return { tenantId: r.tenantId, actorType, actorId, action, entity: 'student', entityId: r.studentId, detail: auditDetail(r) };
};

const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

export const agreements = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next();
    // The token is in the URL: never cache the answer, never pass the URL on.
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
  })

  .get('/:token', param(TokenParam), async (c) => {
    const db = c.var.db;
    const lang = c.var.lang;
    const row = await load(db, c.req.valid('param').token, lang);
    await auditRow(db, trail(row, 'agreement.view'));
    return c.json(view(row, lang));
  })

  .post('/:token/sign', param(TokenParam), json(AgreementSignRequest), async (c) => {
    const db = c.var.db;
    const lang = c.var.lang;
    const say = REFUSED[lang];
    const { typedName, textLang: shown } = c.req.valid('json');
    const token = c.req.valid('param').token;
    // The text the signer read: the language they say, or what this request's language would have shown.
    const row = await load(db, token, shown ?? lang);
    if (shown && row.textLang !== shown) {
      throw new ProblemError('validation', { errors: [{ path: 'textLang', message: say.noText, code: 'no_text_in_language' }] });
    }
    if (row.signedAt) {
      // A retry of the same signature answers the same; anyone else is told it is done.
      if (row.signerName && sameName(row.signerName, typedName)) return c.json(view(row, lang));
      throw new ProblemError('conflict', say.signed(ROLE_WORDS[lang][row.role], row.signedAt.slice(0, 10)));
    }
    const signedAt = new Date().toISOString();
    const actor = actorOf(row);
    /** Holds once this request's signature is the one on the row. */
    const mark = sql`EXISTS (SELECT 1 FROM ${agreementRows} WHERE ${agreementRows.id} = ${row.id} AND ${agreementRows.signedAt} = ${signedAt})`;
    const office = row.issuerEmail ?? 'Work-Based Learning Office';
    const officeLang = (await placementLanguages(db, { tenantId: row.tenantId, appLang: row.appLang, districtLocale: row.districtLocale }, [office]))(
      office,
      'staff',
    );
    const done = compose('agreement.complete', officeLang, {
      reference: row.reference,
      studentName: row.preferredName,
      title: row.title,
      employerName: row.employerName,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      districtName: row.districtName,
    });
    const [update] = await db.batch([
      // Signed once: the first signature stands even if two arrive together.
      // Only this row, the one the token names: a link can never sign another role.
      db
        .update(agreementRows)
        .set({ signerName: typedName, signedAt, signedByUserId: actor.userId, textLang: row.textLang })
        .where(and(eq(agreementRows.id, row.id), eq(agreementRows.signTokenHash, await tokenHash(token)), isNull(agreementRows.signedAt))),
      auditRowIf(db, trail(row, 'agreement.sign'), mark),
      // The last signature tells the Work-Based Learning office that the placement can be confirmed.
      outboxRowIf(
        db,
        {
          tenantId: row.tenantId,
          recipient: office,
          ...done,
          relatedId: row.applicationId,
        },
        sql`${mark} AND NOT EXISTS (SELECT 1 FROM ${agreementRows} WHERE ${agreementRows.applicationId} = ${row.applicationId} AND ${agreementRows.signedAt} IS NULL)`,
      ),
    ]);
    if (!update.meta.changes) {
      const again = await load(db, token, lang);
      if (again.signerName && sameName(again.signerName, typedName)) return c.json(view(again, lang));
      throw new ProblemError('conflict', say.signed(ROLE_WORDS[lang][again.role], ''));
    }
    return c.json(view({ ...row, signerName: typedName, signedAt, signedTextLang: row.textLang }, lang));
  });
