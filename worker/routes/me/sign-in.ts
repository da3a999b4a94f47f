/**
 * Signing in to one's own record: ask for an emailed link (always 202, so the form tells no one
 * whether an address is on the roster), open a session with the link's token or with a student
 * number and access code, sign out.
 */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { type MePerson, PersonSession, PersonSessionRequest, SignInLinkRequest, SignInLinkSent } from '../../../schema/api/me.js';
import { sites, students } from '../../../schema/db/tables.js';
import type { AppEnv } from '../../env.js';
import { json } from '../../middleware/validate.js';
import { appSecret, seal } from '../../lib/app-secret.js';
import { auditRow } from '../../lib/audit.js';
import type { Database } from '../../lib/db.js';
import type { Lang } from '../../lib/lang.js';
import { describe } from '../../lib/openapi.js';
import { outboxRow } from '../../lib/outbox.js';
import {
  createPersonSession,
  endPersonSession,
  newSignInLink,
  type Person,
  resolvePersonSession,
  rosterPerson,
  SIGN_IN_LINK_MINUTES,
  spendSignInLink,
} from '../../lib/person-sessions.js';
import { placementLanguages } from '../../lib/placement-mail.js';
import { ProblemError } from '../../lib/problem.js';
import { type AttemptBucket, clientId, countAttempt } from '../../lib/rate-limit.js';
import { accessCodeTriesBucket } from '../../lib/roster.js';
import { verifySecret } from '../../lib/secrets.js';
import { compose } from '../../mail/catalogue/index.js';
import { personSignedIn } from './guard.js';

describe({
  method: 'post',
  path: '/api/v1/me/sign-in-link',
  summary:
    'Email a sign-in link (single use, 15 minutes) to a student’s or guardian’s roster address. Always 202, whether or not the address is on the roster; the link opens `returnTo` (a page on one of the site’s origins), else the site’s student page, with `#wbl-signin=<token>`',
  tags: ['me'],
  security: 'siteKey',
  body: SignInLinkRequest,
  responses: {
    202: { description: 'Sent when the address is on the roster; the same answer when it is not', schema: SignInLinkSent },
    400: { description: 'Not an email address, or `returnTo` is not a page of this site, or is missing on a site with no student page' },
    429: { description: 'Too many links asked for this address (5) or from this client (30) in 15 minutes' },
  },
});
describe({
  method: 'post',
  path: '/api/v1/me/sessions',
  summary: 'Open a session on one’s own record: the token from a sign-in link (once), or a student number and access code',
  tags: ['me'],
  security: 'siteKey',
  body: PersonSessionRequest,
  responses: {
    201: { description: 'Signed in: a bearer token for the /me routes (2 hours without use, 12 hours at most)', schema: PersonSession },
    400: { description: 'The student number and access code do not match (one answer for both)' },
    401: { description: 'The sign-in link is not one this district sent' },
    410: { description: 'The sign-in link was used already or has expired: ask for a new one' },
    429: { description: 'Too many tries for this student number (5) or from this client in 15 minutes' },
  },
});
describe({
  method: 'delete',
  path: '/api/v1/me/sessions/current',
  summary: 'Sign out: this session ends at once',
  tags: ['me'],
  security: 'bearer',
  responses: { 204: { description: 'Signed out' } },
});

const WINDOW = 900;
const LINKS_PER_ADDRESS = 5;
const LINKS_PER_CLIENT = 30;
/** The same budgets as applying with an access code (routes/applications.ts), in the same buckets: a guesser gains nothing by switching forms. */
const CODE_TRIES_PER_STUDENT = 5;
const CODE_TRIES_PER_CLIENT = 100;
const TOKEN_TRIES_PER_CLIENT = 50;

const SAY = {
  en: {
    tooManyLinks: { title: 'Too many sign-in links asked for', detail: 'Wait 15 minutes, then ask again. Check your spam folder for the links already sent.' },
    notHere: 'Use a page of this school’s site',
    noPage: 'This site has no student page yet: name the page to open, or ask the district to set the site’s student page',
    badLink: { title: 'This sign-in link is not valid', detail: 'Check that the whole link was copied, or ask for a new one.' },
    usedLink: { title: 'This sign-in link was used already', detail: 'Each link works once. Ask for a new one.' },
    expiredLink: { title: 'This sign-in link has expired', detail: `A link works for ${SIGN_IN_LINK_MINUTES} minutes. Ask for a new one.` },
    noMatch: 'The student number or access code doesn’t match our records. Check both, or ask your Career Center.',
    studentLocked: 'Too many tries for this student number',
    clientLocked: 'Too many tries from this device or network',
    lockedDetail: 'Signing in is paused for up to 15 minutes. If you don’t have the right code, ask your Career Center for a new access code.',
  },
  es: {
    tooManyLinks: {
      title: 'Demasiados enlaces pedidos',
      detail: 'Espere 15 minutos y pídalo de nuevo. Busque en su carpeta de correo no deseado los enlaces ya enviados.',
    },
    notHere: 'Use una página del sitio de esta escuela',
    noPage: 'Este sitio aún no tiene página para estudiantes: indique la página que se abrirá o pida al distrito que la configure',
    badLink: { title: 'Este enlace para entrar no es válido', detail: 'Compruebe que copió el enlace completo, o pida uno nuevo.' },
    usedLink: { title: 'Este enlace para entrar ya se usó', detail: 'Cada enlace funciona una sola vez. Pida uno nuevo.' },
    expiredLink: { title: 'Este enlace para entrar venció', detail: `Un enlace funciona durante ${SIGN_IN_LINK_MINUTES} minutos. Pida uno nuevo.` },
    noMatch: 'El número de estudiante o el código de acceso no coinciden con nuestros registros. Revise ambos o consulte a su Centro de Carreras.',
    studentLocked: 'Demasiados intentos con este número de estudiante',
    clientLocked: 'Demasiados intentos desde este dispositivo o red',
    lockedDetail: 'La entrada está en pausa hasta 15 minutos. Si no tiene el código correcto, pida uno nuevo a su Centro de Carreras.',
  },
} as const;

/**
 * Where the link opens: the page that asked (`returnTo`, which must be on one of the site's
 * origins, so the link never carries a token to a page the district did not register), else
 * the site's student page (`page`, checked against its origins when it was set). The token
 * rides in the fragment, so it reaches neither a server log nor a Referer.
 */
function signInUrl(page: string, token: string, lang: Lang): string {
  const url = new URL(page);
  if (lang !== 'en' && !url.searchParams.has('lang')) url.searchParams.set('lang', lang);
  // The page's own fragment is kept beside the token (`#wbl-my=survey:app_…&wbl-signin=…`): a
  // student who asked for the link from the survey email lands on the survey once signed in.
  const kept = url.hash
    .slice(1)
    .split('&')
    .filter((part) => part && !part.startsWith('wbl-signin='));
  url.hash = [...kept, `wbl-signin=${encodeURIComponent(token)}`].join('&');
  return url.href;
}

/** Who signed in, as the answer names them: a name to greet, never more. */
const personOf = (person: Person): MePerson => ({ kind: person.kind, name: person.name, tenantName: person.tenantName });

async function opened(db: Database, tenantId: string, p: { kind: Person['kind']; studentId: string | null; email: string | null }, via: string) {
  const { token, expiresAt } = await createPersonSession(db, { tenantId, ...p });
  const person = await resolvePersonSession(db, token);
  // Only an empty roster match gets here (a student deleted between two statements): the same refusal as a bad link.
  if (!person) return null;
  await auditRow(db, {
    tenantId,
    actorType: person.kind,
    actorId: person.sessionId,
    action: 'session.login',
    entity: 'student',
    entityId: person.studentId,
    detail: { via, studentIds: person.studentIds },
  });
  return { token, expiresAt, person: personOf(person) } satisfies PersonSession;
}

export const signIn = new Hono<AppEnv>()
  .post('/sign-in-link', json(SignInLinkRequest), async (c) => {
    const db = c.var.db;
    const site = c.get('site');
    const lang = c.var.lang;
    const { email, returnTo } = c.req.valid('json');
    if (returnTo && !site.allowedOrigins.includes(new URL(returnTo).origin)) {
      throw new ProblemError('validation', { errors: [{ path: 'returnTo', message: SAY[lang].notHere, code: 'origin_not_allowed' }] });
    }
    const studentPage = returnTo ? null : (await db.select({ url: sites.studentPageUrl }).from(sites).where(eq(sites.id, site.id)).get())?.url;
    // Only a development Worker serves the demo page; elsewhere a link to it would open nothing.
    const page = returnTo ?? studentPage ?? (c.env.ENVIRONMENT === 'development' ? `${new URL(c.req.url).origin}/demo/student.html` : null);
    if (!page) {
      throw new ProblemError('validation', { errors: [{ path: 'returnTo', message: SAY[lang].noPage, code: 'no_student_page' }] });
    }
    // Counted for every address, on the roster or not, so the limit tells nothing either.
    const buckets: [AttemptBucket, AttemptBucket] = [
      { bucket: `me-link:address:${site.tenantId}:${email.trim().toLowerCase()}`, limit: LINKS_PER_ADDRESS, ...SAY[lang].tooManyLinks },
      { bucket: `me-link:client:${site.tenantId}:${clientId(c.req.raw.headers)}`, limit: LINKS_PER_CLIENT, ...SAY[lang].tooManyLinks },
    ];
    await countAttempt(db, buckets, WINDOW);
    const who = await rosterPerson(db, site.tenantId, email);
    if (who) {
      const link = await newSignInLink(db, site.tenantId, email);
      const name =
        who.kind === 'student' ? ((await db.select({ n: students.preferredName }).from(students).where(eq(students.id, who.studentId!)).get())?.n ?? '') : '';
      const langOf = await placementLanguages(db, { tenantId: site.tenantId, appLang: lang, districtLocale: null }, [email]);
      const mailLang = langOf(email, who.kind);
      await db.batch([
        link.row,
        outboxRow(db, {
          tenantId: site.tenantId,
          recipient: email,
          ...compose('signin.link', mailLang, { name, districtName: site.tenantName, minutes: SIGN_IN_LINK_MINUTES }),
          // Sealed beside the body: neither the outbox table nor the console's message list holds a working link.
          sealedLink: await seal(appSecret(c.env), site.tenantId, signInUrl(page, link.token, mailLang)),
        }),
        auditRow(db, {
          tenantId: site.tenantId,
          actorType: 'site',
          actorId: site.id,
          action: 'session.link_sent',
          entity: 'student',
          entityId: who.studentId,
          detail: { kind: who.kind },
        }),
      ]);
    }
    return c.json({ sent: true, expiresInMinutes: SIGN_IN_LINK_MINUTES } satisfies SignInLinkSent, 202);
  })

  .post('/sessions', json(PersonSessionRequest), async (c) => {
    const db = c.var.db;
    const site = c.get('site');
    const say = SAY[c.var.lang];
    const body = c.req.valid('json');
    const client = clientId(c.req.raw.headers);
    if ('token' in body) {
      const attempt = await countAttempt(
        db,
        [{ bucket: `me-token:client:${client}`, limit: TOKEN_TRIES_PER_CLIENT, title: say.clientLocked, detail: say.lockedDetail }],
        WINDOW,
      );
      const used = await spendSignInLink(db, site.tenantId, body.token);
      if (!used.ok) {
        // A link of another district, opened on this district's page, is unknown here (and stays unspent).
        if (used.reason === 'used') throw new ProblemError('gone', say.usedLink);
        if (used.reason === 'expired') throw new ProblemError('gone', say.expiredLink);
        throw new ProblemError('signInRequired', say.badLink);
      }
      await attempt.succeeded();
      // Who the address is now: a roster change since the link was sent counts.
      const who = await rosterPerson(db, site.tenantId, used.email);
      const session = who && (await opened(db, site.tenantId, { ...who, email: used.email }, 'link'));
      if (!session) throw new ProblemError('signInRequired', say.badLink);
      return c.json(session, 201);
    }
    const attempt = await countAttempt(
      db,
      [
        { bucket: accessCodeTriesBucket(site.tenantId, body.studentNumber), limit: CODE_TRIES_PER_STUDENT, title: say.studentLocked, detail: say.lockedDetail },
        { bucket: `access-code:client:${site.tenantId}:${client}`, limit: CODE_TRIES_PER_CLIENT, title: say.clientLocked, detail: say.lockedDetail },
      ],
      WINDOW,
    );
    const student = await db
      .select({ id: students.id, hash: students.accessCodeHash, email: students.email })
      .from(students)
      .where(and(eq(students.tenantId, site.tenantId), eq(students.studentNumber, body.studentNumber)))
      .get();
    // One answer for an unknown number and a wrong code, at the same cost, so numbers cannot be discovered.
    if (!(await verifySecret(body.accessCode, student?.hash ?? null)) || !student) {
      throw new ProblemError('validation', { errors: [{ path: 'accessCode', message: say.noMatch, code: 'access_denied' }] });
    }
    await attempt.succeeded();
    const session = await opened(db, site.tenantId, { kind: 'student', studentId: student.id, email: student.email }, 'access_code');
    if (!session) throw new ProblemError('validation', { errors: [{ path: 'accessCode', message: say.noMatch, code: 'access_denied' }] });
    return c.json(session, 201);
  })

  .delete('/sessions/current', personSignedIn, async (c) => {
    const person = c.get('person');
    await endPersonSession(c.var.db, person.sessionId);
    await auditRow(c.var.db, {
      tenantId: person.tenantId,
      actorType: person.kind,
      actorId: person.sessionId,
      action: 'session.logout',
      entity: 'student',
      entityId: person.studentId,
    });
    return c.body(null, 204);
  });
