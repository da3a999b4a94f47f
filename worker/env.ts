import type { D1Database, Fetcher, Queue, SendEmail } from '@cloudflare/workers-types';
import type { SessionUser } from '../schema/api/auth.js';
import type { Database } from './lib/db.js';
import type { Person } from './lib/person-sessions.js';
import type { Lang } from './lib/lang.js';
import type { MailJob } from './mail/deliver.js';

/** Bindings and variables the Worker is given (see wrangler.toml). */
export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  ENVIRONMENT?: string;
  /**
   * Secret the issuers' private signing keys are encrypted with at rest (AES-GCM under a key
   * derived from it with HKDF). Locally `npm start` writes a random one into `.dev.vars`; in
   * production set it with `wrangler secret put ISSUER_KEY_SECRET`. Without it, issuing answers 503.
   */
  ISSUER_KEY_SECRET?: string;
  /**
   * The Worker's own secret (see `lib/app-secret.ts`): signs form tokens, derives the one-time
   * codes a retried write answers again, seals links waiting in the outbox. `npm start` writes
   * one into `.dev.vars`; in production `wrangler secret put APP_SECRET`.
   */
  APP_SECRET?: string;
  /** The mail queue: each message names an outbox row to deliver (`mail/deliver.ts`). */
  MAIL_QUEUE?: Queue<MailJob>;
  /** Cloudflare Email Service, the driver on Cloudflare when no SMTP_URL is set. */
  EMAIL?: SendEmail;
  /**
   * The SMTP relay, e.g. `smtp://127.0.0.1:1025` (`npm start` runs one), `smtp://user:pass@relay:587`
   * (STARTTLS when offered) or `smtps://…:465`. Wins over EMAIL.
   */
  SMTP_URL?: string;
  /** The sender address; its name is the district's. */
  MAIL_FROM?: string;
  /** Where this deployment answers, for the links in messages (preferences, unsubscribe). */
  PUBLIC_URL?: string;
  /** The first retry's wait in seconds (then doubling, at most an hour); default 30. */
  MAIL_RETRY_SECONDS?: string;
}

/** The embedding site a public request was made for, resolved from its publishable key. */
export interface SiteContext {
  id: string;
  tenantId: string;
  tenantName: string;
  timeZone: string;
  allowedOrigins: string[];
  school: { id: string; name: string; lat: number; lng: number } | null;
  /** Whether other tenants share opportunities with this one (changes the visibility query). */
  hasIncomingShares: boolean;
  /** Whether this tenant's published opportunities are most of the database (a one-tenant database, or the bench). */
  ownsMostOpportunities: boolean;
}

export interface Variables {
  /** The request's typed database (`lib/db.ts`). */
  db: Database;
  site: SiteContext;
  /** The signed-in staff member on `/api/v1/auth` and `/api/v1/admin` routes. */
  user: SessionUser;
  /** Whether the request's Origin is one of the signed-in user's district's sites, checked once by `signedIn`. */
  originServesTenant: boolean;
  /** The signed-in student or guardian on `/api/v1/me` routes (`lib/person-sessions.ts`). */
  person: Person;
  /** The language the answer is in (`lib/lang.ts`). */
  lang: Lang;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
