/** Shared helpers for API tests: they talk HTTP to the real Worker started by scripts/test.mjs. */
import assert from 'node:assert/strict';
import { DEMO } from '../../demo/seed/index.js';

export const BASE = process.env.WBL_API_BASE ?? 'http://127.0.0.1:8787';
export const ORIGIN = new URL(BASE).origin;

export interface ApiOptions extends RequestInit {
  key?: string | null;
  query?: Record<string, string | number | boolean | string[] | undefined>;
}

export async function api(path: string, opts: ApiOptions = {}): Promise<Response> {
  const { key = 'pk_demo_riverside', query, headers, ...init } = opts;
  const url = new URL(`/api/v1${path}`, BASE);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one));
  }
  const h = new Headers(headers);
  if (key) h.set('X-Site-Key', key);
  try {
    return await fetch(url, { ...init, headers: h });
  } catch (e) {
    // wrangler dev's proxy may close an idle keep-alive socket just as it is reused; a retry is
    // safe here because reads are idempotent and every write carries an Idempotency-Key.
    if ((e as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw e;
    return fetch(url, { ...init, headers: h });
  }
}

export async function getJson<T = any>(path: string, opts: ApiOptions = {}): Promise<T> {
  const res = await api(path, opts);
  const text = await res.text();
  assert.equal(res.status, 200, `GET ${path} → ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Signs a staff member in (each call from its own client address, so throttling tests stay apart). */
let loginIp = 0;
export async function login(email: string, password: string, client = `203.0.113.${++loginIp % 250}`) {
  return api('/auth/login', {
    key: null,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': client },
    body: JSON.stringify({ email, password }),
  });
}

/** A bearer token for a demo user (see demo/seed/users.ts). */
export async function tokenFor(email: string): Promise<string> {
  const res = await login(email, DEMO.users[email]!.password);
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { token: string }).token;
}

/** Asserts an RFC 9457 answer and returns it. */
export async function expectProblem(res: Response, status: number) {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text);
  assert.equal(typeof body.type, 'string');
  assert.equal(typeof body.title, 'string');
  assert.equal(body.status, status);
  return body as { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string; code?: string }[] };
}

/** Follows nextCursor to the end and returns every item. */
export async function allPages<T extends { id: string }>(path: string, opts: ApiOptions = {}) {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const body = await getJson<{ items: T[]; nextCursor: string | null; total: number }>(path, { ...opts, query: { ...opts.query, cursor } });
    items.push(...body.items);
    cursor = body.nextCursor ?? undefined;
    pages += 1;
    assert.ok(pages < 500, 'pagination does not end');
  } while (cursor);
  return { items, pages };
}

/**
 * A form token for a public form, as a widget fetches it when the form opens, and old enough
 * to be accepted (the server refuses submissions within 3 s of it). One token per site and form
 * is reused by a test file: tokens are not single-use, only signed and short-lived.
 */
const formTokens = new Map<string, Promise<string>>();
export function formToken(form: 'host-offer' | 'application' | 'rsvp', key = 'pk_demo_riverside'): Promise<string> {
  const id = `${key}|${form}`;
  let token = formTokens.get(id);
  if (!token) {
    token = (async () => {
      const body = await getJson<{ token: string; minFillSeconds: number }>(`/forms/${form}/token`, { key });
      await new Promise((r) => setTimeout(r, body.minFillSeconds * 1000 + 100));
      return body.token;
    })();
    formTokens.set(id, token);
  }
  return token;
}
