/**
 * Issue 13's doors, end to end through the running Worker, the local SMTP server and Chromium:
 * a student signs in from the link emailed to them on the school's student page, answers the
 * offer, signs their line and logs hours; their guardian signs from a link of their own; the
 * supervisor, who has no account, approves the hours from the link emailed to them; and the
 * student sees them approved. Each person uses a browser of their own, as they would. And a
 * student who reserves a seat at a career fair and is checked in at the door sees the event on
 * their record, and the participation report counts them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { as, COORDINATOR, nextClient, quote, read, sql, uniqueWord, write } from '../worker/admin-helpers.js';
import { api, formToken } from '../worker/helpers.js';
import { linkIn, mark, waitForMail } from '../worker/mail.js';
import { ARROYO, applied, move, newStudent, riversideToday, sign, signAsCoordinator, signTokens } from '../worker/placement-helpers.js';
import { axe, BASE, launch, watchErrors } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const STUDENT_PAGE = `${BASE}/demo/student.html`;
const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Asks for a sign-in link on the student page as `email` would, and answers the link as it
 * arrived in their inbox. Every person signs in from a fresh browser: the link works anywhere.
 */
async function emailedSignIn(email: string): Promise<string> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'CF-Connecting-IP': nextClient() } });
  const page = await context.newPage();
  await page.goto(STUDENT_PAGE);
  const widget = page.locator('wbl-my-wbl');
  await widget.getByLabel('Email address').fill(email);
  const after = await mark();
  await widget.getByRole('button', { name: 'Email me a link' }).click();
  await widget.getByText('If your school has this address, a link is on its way').waitFor();
  const [mail] = await waitForMail(email, { after, match: (m) => /#wbl-signin=/.test(m.mail.text ?? '') });
  await context.close();
  // The link opens the page that asked (the asset server answers /demo/student.html as /demo/student).
  return linkIn(mail!, `${BASE}/demo/student`);
}

/** Opens `link` in a browser of its own and waits for the signed-in record. */
async function openRecord(link: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'CF-Connecting-IP': nextClient() }, viewport: { width: 400, height: 860 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(link);
  await page.locator('wbl-my-wbl').getByRole('button', { name: 'Sign out' }).waitFor();
  // The token is spent and gone from the address (and so from history and any shared screenshot).
  assert.equal(new URL(page.url()).hash, '');
  return { page, errors };
}

describe('doors for students, guardians and supervisors', () => {
  it('takes a student from an emailed sign-in link to approved hours, with the guardian and the supervisor each on their own link', async () => {
    const supervisor = { name: 'Priya Raman', email: `sup.${randomUUID().slice(0, 8)}@arroyovalleymed.example` };
    const student = await newStudent({ grade: 11, preferredName: 'Lena' });
    const studentEmail = `student.${student.studentNumber.toLowerCase()}@students.example`;
    const guardianEmail = `guardian.${student.studentNumber.toLowerCase()}@example.com`;
    const id = await applied(student, ARROYO.cna);
    await move(id, 'under_review', 'offered');
    await write(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorName: supervisor.name, supervisorEmail: supervisor.email });

    // The student: signs in from the emailed link and answers the offer.
    const { page, errors } = await openRecord(await emailedSignIn(studentEmail));
    const widget = page.locator('wbl-my-wbl');
    await widget.getByText('Offered to you').waitFor();
    assert.deepEqual(await axe(page), []);
    await widget.getByRole('button', { name: 'Accept the offer' }).click();
    await widget.getByRole('button', { name: 'Yes, accept' }).click();
    await widget.getByText('You accepted the offer.').waitFor();
    assert.equal(sql<{ status: string }>(`SELECT status FROM applications WHERE id = ${quote(id)}`)[0]!.status, 'accepted');

    // …and signs the student's line of the training agreement.
    await widget.getByRole('button', { name: 'Sign my line' }).click();
    await widget.getByLabel('Type your full name').fill('Lena Testy');
    await widget.getByLabel('I have read the training agreement and I agree to it').check();
    await widget.getByRole('button', { name: 'Sign', exact: true }).click();
    await widget.getByText('Signed. Thank you.').waitFor();

    // The guardian: a link of their own, and only the guardian's line to sign.
    const guardian = await openRecord(await emailedSignIn(guardianEmail));
    const theirs = guardian.page.locator('wbl-my-wbl');
    await theirs.getByRole('button', { name: 'Sign my line' }).click();
    await theirs.getByLabel('Type your full name').fill('Pat Guardian');
    await theirs.getByLabel('I have read the training agreement and I agree to it').check();
    await theirs.getByRole('button', { name: 'Sign', exact: true }).click();
    await theirs.getByText('Signed. Thank you.').waitFor();
    assert.deepEqual(guardian.errors, []);
    await guardian.page.context().close();
    const signed = sql<{ role: string; signer_name: string }>(
      `SELECT role, signer_name FROM agreements WHERE application_id = ${quote(id)} AND signed_at IS NOT NULL ORDER BY role`,
    );
    assert.deepEqual(
      signed.map((s) => [s.role, s.signer_name]),
      [
        ['guardian', 'Pat Guardian'],
        ['student', 'Lena Testy'],
      ],
    );

    // The workplace supervisor signs through the signing link mailed to them; the coordinator in the console.
    const tokens = await signTokens(id);
    assert.ok(tokens.supervisor, 'the named supervisor was asked to sign');
    assert.equal((await sign(tokens.supervisor!, supervisor.name)).status, 200);
    assert.equal((await signAsCoordinator(id)).status, 200);
    await move(id, 'confirmed', 'active');

    // The student logs a day's hours: they wait for the supervisor.
    await page.reload();
    await widget.getByRole('button', { name: 'Sign out' }).waitFor();
    await widget.getByLabel('Date').fill(riversideToday());
    await widget.getByLabel('Hours', { exact: true }).fill('3.5');
    await widget.getByLabel('What you did').fill('Took vital signs with the charge nurse and restocked the supply room.');
    await widget.getByRole('button', { name: 'Log these hours' }).click();
    await widget.getByText('Logged. Your supervisor approves them next.').waitFor();
    await widget.getByText('Waiting for your supervisor').waitFor();
    const [entry] = sql<{ id: string; hours: number; approved_at: string | null }>(
      `SELECT id, hours, approved_at FROM hour_logs WHERE application_id = ${quote(id)}`,
    );
    assert.equal(entry!.hours, 3.5);
    assert.equal(entry!.approved_at, null);

    // The supervisor, without an account, opens the link emailed to them and approves the entry.
    const after = await mark();
    const asked = await api('/supervise/links', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClient() },
      body: JSON.stringify({ email: supervisor.email }),
    });
    assert.equal(asked.status, 202);
    const [mail] = await waitForMail(supervisor.email, { after, match: (m) => m.mail.subject === 'Your supervisor link' });
    const supervisorPage = await (await browser.newContext()).newPage();
    await supervisorPage.goto(linkIn(mail!, `${BASE}/api/v1/supervise/page?t=`));
    await supervisorPage.getByRole('heading', { name: /Certified Nursing Assistant.* · Lena/ }).waitFor();
    await supervisorPage.getByRole('button', { name: /^Approve 3\.5 hours on/ }).click();
    await supervisorPage.getByRole('status').filter({ hasText: 'The hours are approved' }).waitFor();
    await supervisorPage.context().close();
    const reviewed = sql<{ approved_at: string | null; reviewer_name: string | null }>(
      `SELECT approved_at, reviewer_name FROM hour_logs WHERE id = ${quote(entry!.id)}`,
    )[0]!;
    assert.ok(reviewed.approved_at);
    assert.equal(reviewed.reviewer_name, supervisor.name);

    // The student sees them approved, and counted on the training stage of their continuum.
    await page.reload();
    await widget.getByRole('button', { name: 'Sign out' }).waitFor();
    const hours = widget.locator('[part~="hours"]');
    await hours.getByText('Approved').first().waitFor();
    assert.match(text(await hours.textContent()), /3\.5/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('puts a career fair a student was checked in at on their record, and counts them in the participation report', async () => {
    const student = await newStudent({ grade: 10, preferredName: 'Omar' });
    const email = `student.${student.studentNumber.toLowerCase()}@students.example`;
    const title = uniqueWord('Healthcare Careers Fair ');
    const day = riversideToday(9);
    const event = await write<{ id: string }>(
      COORDINATOR,
      'POST',
      '/admin/events',
      {
        type: 'career_fair',
        title,
        description: 'Meet employers from the hospital, the clinics and the county’s public health department.',
        when: { timeZone: 'America/Los_Angeles', startDate: day, startTime: '17:00', endDate: day, endTime: '19:00' },
        locationName: 'Riverside High School gym',
        address: '4000 Riverside Drive',
        city: 'Riverside',
        state: 'CA',
        audiences: ['students', 'families'],
        clusters: ['healthcare_human_services'],
        capacity: 40,
        registrationRequired: true,
      },
      201,
    );
    const reports = async () => read<{ studentsWithExperience: number }>(COORDINATOR, '/admin/reports');
    const before = (await reports()).studentsWithExperience;

    // The student reserves a seat with the address the school has for them, as the calendar's form would.
    const after = await mark();
    const res = await api(`/events/${event.id}/rsvps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClient(), 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ name: 'Omar Testy', email, role: 'student', partySize: 1, grade: 10, consent: true, formToken: await formToken('rsvp') }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const [confirmation] = await waitForMail(email, { after });
    const code = /check-in code: ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(confirmation!.mail.text ?? '')?.[1];
    assert.ok(code, `the check-in code in the confirmation:\n${confirmation!.mail.text}`);

    // At the door, staff scan (or type) the code.
    const checkedIn = await as(COORDINATOR, 'POST', `/admin/events/${event.id}/attendance`, { code });
    assert.equal(checkedIn.status, 201, await checkedIn.clone().text());
    assert.equal(((await checkedIn.json()) as { onStudentRecord: boolean }).onStudentRecord, true);
    assert.equal((await reports()).studentsWithExperience, before + 1, 'one more student with a work-based learning experience');

    // The student signs in with their access code and sees the fair as attended, at the career-awareness stage.
    const context = await browser.newContext({ extraHTTPHeaders: { 'CF-Connecting-IP': nextClient() } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(STUDENT_PAGE);
    const widget = page.locator('wbl-my-wbl');
    await widget.getByLabel(/student number and access code/).check();
    await widget.getByRole('textbox', { name: 'Student number' }).fill(student.studentNumber);
    await widget.getByRole('textbox', { name: 'Access code' }).fill(student.accessCode);
    await widget.getByRole('button', { name: 'Sign in' }).click();
    const attended = widget.locator('[part~="event"]').filter({ hasText: title });
    await attended.getByText('Attended').waitFor();
    const awareness = widget.locator('[part~="stage"]').first();
    assert.match(text(await awareness.textContent()), new RegExp(title));
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
