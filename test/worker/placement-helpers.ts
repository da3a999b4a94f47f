/**
 * Helpers for the roster and placement tests: each test makes its own students (with access
 * codes) and applications through the real routes, so no seeded row that others rely on moves.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO } from '../../demo/seed/index.js';
import { api, formToken } from './helpers.js';
import { as, COORDINATOR, nextClient, read, write } from './admin-helpers.js';
import { inbox } from './mail.js';

export const THIS_YEAR = new Date().getUTCFullYear();
export const R = DEMO.riverside;

/** Opportunities at the demo supervisor's employer (Arroyo Valley Medical Center): open, grades 11–12 or 10–12. */
export const ARROYO = { cna: 'opp_riv_001', shadow: 'opp_riv_002', employerId: 'emp_riv_arroyo_medical' };

export interface TestStudent {
  id: string;
  studentNumber: string;
  accessCode: string;
  grade: number;
  preferredName: string;
}

/** Today in Riverside (America/Los_Angeles), the calendar the Worker checks hour logs against. */
export const riversideToday = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

let n = 0;
export const uniqueNumber = () => `T${String(Date.now()).slice(-6)}${String(++n).padStart(3, '0')}`;

/** A new student on the Riverside roster, with a fresh access code. */
export async function newStudent(
  over: { grade?: number; birthYear?: number | null; preferredName?: string; schoolId?: string; guardian?: boolean } = {},
): Promise<TestStudent> {
  const grade = over.grade ?? 11;
  // Addresses unique to the run as well as the process: mail and preferences outlive a test file.
  const number = uniqueNumber();
  const body = {
    studentNumber: number,
    preferredName: over.preferredName ?? `Testy${n}`,
    grade,
    schoolId: over.schoolId ?? R.schoolId,
    birthYear: over.birthYear === undefined ? THIS_YEAR - 16 : over.birthYear,
    ...(over.guardian === false ? {} : { guardianName: 'Pat Guardian', guardianEmail: `guardian.${number.toLowerCase()}@example.com` }),
    email: `student.${number.toLowerCase()}@students.example`,
  };
  const created = await write<{ id: string }>(COORDINATOR, 'POST', '/admin/students', body, 201);
  const codes = await write<{ items: { studentId: string; accessCode: string }[] }>(COORDINATOR, 'POST', '/admin/students/access-codes', {
    studentIds: [created.id],
  });
  return { id: created.id, studentNumber: body.studentNumber, accessCode: codes.items[0]!.accessCode, grade, preferredName: body.preferredName };
}

/** The student applies through the public route, as the board's form would. */
export async function apply(student: TestStudent, opportunityId: string): Promise<Response> {
  return api('/applications', {
    method: 'POST',
    key: R.key,
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'CF-Connecting-IP': nextClient() },
    body: JSON.stringify({
      opportunityId,
      student: {
        studentNumber: student.studentNumber,
        accessCode: student.accessCode,
        preferredName: student.preferredName,
        grade: student.grade,
        email: 'applicant@students.example',
      },
      guardian: { name: 'Pat Guardian', email: 'pat.guardian@example.com' },
      application: { statement: 'I want to see how this work is really done.', availability: ['after_school'], transportation: 'public_transit' },
      consents: { accurate: true, shareWithEmployer: true, guardianAware: true },
      formToken: await formToken('application'),
    }),
  });
}

export async function applied(student: TestStudent, opportunityId: string): Promise<string> {
  const res = await apply(student, opportunityId);
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

/** An open, published Riverside preparation opportunity for a grade, not at the demo supervisor's employer. */
export async function otherEmployerOpportunity(grade: number): Promise<string> {
  const { items } = (await (await api('/opportunities', { query: { open: true, grade, stage: 'preparation', limit: 50 } })).json()) as {
    items: { id: string; employer: { id: string } }[];
  };
  const found = items.find((o) => o.id.startsWith('opp_riv_') && o.employer.id !== ARROYO.employerId);
  assert.ok(found, 'an open opportunity at another employer');
  return found.id;
}

/** Moves an application along, one coordinator transition at a time. */
export async function move(applicationId: string, ...steps: string[]) {
  let last: any;
  for (const to of steps) last = await write(COORDINATOR, 'POST', `/admin/applications/${applicationId}/transition`, { to });
  return last;
}

/**
 * The working signing tokens of an application, by role, read from the mail its recipients
 * received: the links only ever reach their recipients (the console shows them redacted). The
 * application's outbox rows say who was written to; each delivered message carries its row's id
 * in its Message-ID, so only this application's mail is read.
 */
export async function signTokens(applicationId: string, timeoutMs = 20_000): Promise<Record<string, string>> {
  const deadline = Date.now() + timeoutMs;
  const out: Record<string, string> = {};
  for (;;) {
    const { items } = await read<{ items: { id: string; recipient: string }[] }>(COORDINATOR, '/admin/outbox', { relatedId: applicationId, limit: 100 });
    const wanted = new Set(items.map((m) => m.id));
    const seen = new Set<string>();
    for (const recipient of new Set(items.map((m) => m.recipient))) {
      for (const m of await inbox(recipient)) {
        const id = /^<(msg_[0-9a-z]+)@/.exec(m.mail.messageId ?? '')?.[1];
        if (!id || !wanted.has(id)) continue;
        seen.add(id);
        for (const [, token] of (m.mail.text ?? '').matchAll(/token=([A-Za-z0-9_-]{43})/g)) {
          const res = await api(`/agreements/${token}`, { key: null });
          if (res.status !== 200) continue;
          const view = (await res.json()) as { role: string };
          out[view.role] ??= token!;
        }
      }
    }
    // Done once every message of the application has arrived (delivery goes through the queue).
    if (seen.size >= wanted.size || Date.now() > deadline) return out;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function sign(token: string, typedName: string): Promise<Response> {
  return api(`/agreements/${token}/sign`, {
    key: null,
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ typedName, agree: true }),
  });
}

/** The coordinator line is signed in the console, as the signed-in coordinator (no link exists for it). */
export async function signAsCoordinator(applicationId: string, typedName = 'Marcus Bell', email = COORDINATOR): Promise<Response> {
  return as(email, 'POST', `/admin/applications/${applicationId}/agreement/sign`, { typedName });
}

/** Assigns the placement's supervisor (the demo supervisor unless told otherwise). */
export async function assignSupervisor(applicationId: string, supervisorUserId: string | null = 'usr_riv_supervisor') {
  return write(COORDINATOR, 'PUT', `/admin/applications/${applicationId}/supervisor`, { supervisorUserId });
}

/** Every signature in: each link signed by its own signer, the coordinator line in the console. */
export async function signEverything(applicationId: string): Promise<void> {
  for (const [role, token] of Object.entries(await signTokens(applicationId))) assert.equal((await sign(token, `The ${role}`)).status, 200);
  const res = await signAsCoordinator(applicationId);
  assert.equal(res.status, 200, await res.clone().text());
}
