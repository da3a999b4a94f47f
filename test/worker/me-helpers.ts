/**
 * Helpers for the `/api/v1/me` tests: students and guardians sign in as they would, by an
 * emailed link read back from the real SMTP server's inbox, or by student number and access code.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { api, type ApiOptions } from './helpers.js';
import { COORDINATOR, nextClient, write } from './admin-helpers.js';
import { mark, waitForMail } from './mail.js';
import { R, THIS_YEAR, type TestStudent, uniqueNumber } from './placement-helpers.js';

/** A call to a /me route as the holder of `token` (or nobody), from the Riverside site unless told. */
export function asPerson(token: string | null, method: string, path: string, body?: unknown, opts: ApiOptions = {}): Promise<Response> {
  const headers = new Headers(opts.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  if (!headers.has('CF-Connecting-IP')) headers.set('CF-Connecting-IP', nextClient());
  if (method === 'POST' && !headers.has('Idempotency-Key')) headers.set('Idempotency-Key', randomUUID());
  return api(`/me${path}`, { key: R.key, ...opts, method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The person's record. */
export async function record(token: string, opts: ApiOptions = {}) {
  const res = await asPerson(token, 'GET', '', undefined, opts);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as import('../../schema/api/me.js').MeRecord;
}

/** Asks for a sign-in link and reads its token from the message that arrives. */
export async function linkToken(email: string, opts: { returnTo?: string; lang?: string } = {}): Promise<{ token: string; url: string; text: string }> {
  const after = await mark();
  const res = await asPerson(
    null,
    'POST',
    '/sign-in-link',
    { email, ...(opts.returnTo ? { returnTo: opts.returnTo } : {}) },
    {
      headers: opts.lang ? { 'Accept-Language': opts.lang } : {},
    },
  );
  assert.equal(res.status, 202, await res.clone().text());
  const [m] = await waitForMail(email, { after, match: (x) => /#wbl-signin=/.test(x.mail.text ?? '') });
  const url = /https?:\/\/\S+#wbl-signin=\S+/.exec(m!.mail.text ?? '')![0];
  return { token: decodeURIComponent(url.split('#wbl-signin=')[1]!), url, text: m!.mail.text ?? '' };
}

/** Opens a session with a link's token or an access code; answers the bearer token. */
export async function session(body: { token: string } | { studentNumber: string; accessCode: string }, opts: ApiOptions = {}): Promise<string> {
  const res = await asPerson(null, 'POST', '/sessions', body, opts);
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { token: string }).token;
}

/** A student's session through their access code. */
export const studentSession = (s: TestStudent) => session({ studentNumber: s.studentNumber, accessCode: s.accessCode });

/** Two students on the Riverside roster with the same guardian address (siblings). */
export async function siblings(): Promise<{ guardianEmail: string; ids: string[] }> {
  const guardianEmail = `family.${uniqueNumber().toLowerCase()}@example.com`;
  const ids: string[] = [];
  for (const name of ['Ana', 'Beto']) {
    const number = uniqueNumber();
    const created = await write<{ id: string }>(
      COORDINATOR,
      'POST',
      '/admin/students',
      {
        studentNumber: number,
        preferredName: `${name}${number.slice(-4)}`,
        grade: 10,
        schoolId: R.schoolId,
        birthYear: THIS_YEAR - 15,
        guardianName: 'Rosa Family',
        guardianEmail,
        email: `student.${number.toLowerCase()}@students.example`,
      },
      201,
    );
    ids.push(created.id);
  }
  return { guardianEmail, ids };
}
