/**
 * Helpers for the console API tests (admin-*.test.ts): sign in as a demo user, call an admin
 * route with the bearer token, submit a host offer through the public form's route. Kept out of
 * auth.test.ts on purpose: importing a test file would run its tests (and its account-pausing
 * test) inside these files too.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { DEMO } from '../../demo/seed/index.js';
import { HostOfferRequest } from '../../schema/api/host-offers.js';
// @ts-expect-error: a plain ES module without types
import { query as d1Query } from '../../scripts/lib/d1.mjs';
import { api, formToken, type ApiOptions } from './helpers.js';

let client = 0;
/** A client address of its own per call, so no test meets another's rate limit. */
export const nextClient = () => `198.18.${Math.floor(++client / 250) % 250}.${(client % 250) + 1}`;

const tokens = new Map<string, string>();

/** A session token for a demo user, signed in once per test file. */
export async function tokenFor(email: string): Promise<string> {
  const hit = tokens.get(email);
  if (hit) return hit;
  const res = await api('/auth/login', {
    key: null,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClient() },
    body: JSON.stringify({ email, password: DEMO.users[email]!.password }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const token = ((await res.json()) as { token: string }).token;
  tokens.set(email, token);
  return token;
}

export const ADMIN = 'admin@riverside.example';
export const COORDINATOR = 'coordinator@riverside.example';
export const SUPERVISOR = 'supervisor@riverside.example';
export const VIEWER = 'viewer@riverside.example';
export const LAKESIDE = 'coordinator@lakeside.example';

/** Calls `/api/v1/admin…` as a user; a body object is sent as JSON. */
export async function as(email: string | null, method: string, path: string, body?: unknown, opts: ApiOptions = {}): Promise<Response> {
  const headers = new Headers(opts.headers);
  if (email) headers.set('Authorization', `Bearer ${await tokenFor(email)}`);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  return api(path, { ...opts, key: null, method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}

/** GET as a user, asserting 200 and returning the JSON. */
export async function read<T = any>(email: string, path: string, query?: ApiOptions['query']): Promise<T> {
  const res = await as(email, 'GET', path, undefined, { query });
  const text = await res.text();
  assert.equal(res.status, 200, `GET ${path} → ${res.status}: ${text.slice(0, 400)}`);
  return JSON.parse(text) as T;
}

/** A write as a user, asserting the status and returning the JSON (or null for 204). */
export async function write<T = any>(email: string, method: string, path: string, body: unknown, status = 200): Promise<T> {
  const res = await as(email, method, path, body);
  const text = await res.text();
  assert.equal(res.status, status, `${method} ${path} → ${res.status}: ${text.slice(0, 400)}`);
  return (text ? JSON.parse(text) : null) as T;
}

const example = (z.globalRegistry.get(HostOfferRequest) as { example: Record<string, any> }).example;

/** A word no seeded row contains, to find a test's own rows by search. */
export const uniqueWord = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10)}`;

/** Submits a host offer through the public form's route, as an employer's website would. */
export async function submitOffer(opts: {
  title: string;
  organization?: string;
  contactEmail?: string;
  site?: string;
  lang?: 'en' | 'es';
}): Promise<{ id: string; reference: string }> {
  const body = {
    ...example,
    formToken: await formToken('host-offer', opts.site ?? DEMO.riverside.key),
    organization: { ...example.organization, name: opts.organization ?? example.organization.name },
    contact: { ...example.contact, email: opts.contactEmail ?? example.contact.email },
    opportunity: { ...example.opportunity, title: opts.title },
  };
  const res = await api('/host-offers', {
    method: 'POST',
    key: opts.site ?? DEMO.riverside.key,
    body: JSON.stringify(body),
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
      'CF-Connecting-IP': nextClient(),
      ...(opts.lang ? { 'Accept-Language': opts.lang } : {}),
    },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string; reference: string };
}

/** Reads the local D1 database directly (slow: it runs wrangler), for what no API shows. */
export function sql<T = Record<string, unknown>>(text: string): T[] {
  return d1Query(process.env.WBL_PERSIST_TO, text) as T[];
}

export const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Titles these tests give what they publish: a word from `uniqueWord`, then the rest. */
const TEST_TITLE = /^[A-Z][a-z]+[0-9a-f]{10}\b/;

/**
 * Takes the opportunities these tests published off the Riverside board again (archived, so
 * their audit trail stays), because opportunities.test.ts counts the board against the seed.
 */
export async function retireTestOpportunities(): Promise<void> {
  const seeded = new Set<string>(DEMO.riverside.publishedIds);
  let cursor: string | undefined;
  const mine: string[] = [];
  do {
    const page = await read(COORDINATOR, '/admin/opportunities', { status: 'published', limit: 100, cursor });
    mine.push(...page.items.filter((o: { id: string; title: string }) => !seeded.has(o.id) && TEST_TITLE.test(o.title)).map((o: { id: string }) => o.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  for (const id of mine) await write(COORDINATOR, 'POST', `/admin/opportunities/${id}/archive`, undefined);
}
