/**
 * The supervisor page in Chromium, opened from the link a supervisor without an account is
 * emailed: it meets WCAG 2.2 AA, works with JavaScript turned off, and approves hours, sends an
 * entry back with a note, and records the evaluation, each showing what happened.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { COORDINATOR, nextClient, quote, sql, write } from '../worker/admin-helpers.js';
import { api } from '../worker/helpers.js';
import { linkIn, mark, waitForMail } from '../worker/mail.js';
import { ARROYO, applied, move, newStudent, riversideToday, signEverything } from '../worker/placement-helpers.js';
import { axe, BASE, launch, watchErrors } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('the supervisor page', () => {
  it('lets a supervisor without an account approve and return hours from their emailed link, with JavaScript off', async () => {
    const supervisor = { name: 'Priya Raman', email: `sup.${randomUUID().slice(0, 8)}@arroyovalleymed.example` };
    const student = await newStudent({ grade: 12, preferredName: 'Mateo' });
    const id = await applied(student, ARROYO.cna);
    await move(id, 'under_review', 'offered');
    await write(COORDINATOR, 'PUT', `/admin/applications/${id}/supervisor`, { supervisorName: supervisor.name, supervisorEmail: supervisor.email });
    await move(id, 'accepted');
    await signEverything(id);
    await move(id, 'confirmed', 'active');
    const log = async (hours: number) =>
      (await write(COORDINATOR, 'POST', `/admin/applications/${id}/hours`, { workedOn: riversideToday(), hours, activity: `Front desk, ${hours} h` }, 201))
        .entry.id as string;
    const first = await log(3);
    const second = await log(2);

    const after = await mark();
    const asked = await api('/supervise/links', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': nextClient() },
      body: JSON.stringify({ email: supervisor.email }),
    });
    assert.equal(asked.status, 202);
    const [mail] = await waitForMail(supervisor.email, { after, match: (m) => m.mail.subject === 'Your supervisor link' });
    const link = linkIn(mail!, `${BASE}/api/v1/supervise/page?t=`);

    // A midpoint already recorded, so the page shows its (revisable) evaluation form too.
    const token = new URL(link).searchParams.get('t')!;
    const skills: string[] = (
      (await (await api('/supervise', { key: null, headers: { Authorization: `Bearer ${token}` } })).json()) as {
        placements: { opportunity: { skills: string[] } }[];
      }
    ).placements[0]!.opportunity.skills;
    const recorded = await api(`/supervise/placements/${id}/evaluations/midpoint`, {
      key: null,
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ratings: skills.map((skill) => ({ skill, level: 3 })) }),
    });
    assert.equal(recorded.status, 200, await recorded.clone().text());

    // With scripts on (only so axe can run), the page with hours and an evaluation form meets WCAG 2.2 AA, in English and Spanish.
    const checked = await browser.newPage();
    await checked.goto(link);
    await checked.getByRole('heading', { name: /Midpoint evaluation/ }).waitFor();
    assert.deepEqual(await axe(checked), []);
    await checked.goto(`${link}&lang=es`);
    await checked.getByRole('heading', { name: 'Sus prácticas', level: 1 }).waitFor();
    assert.deepEqual(await axe(checked), []);
    await checked.close();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Your placements', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /Certified Nursing Assistant.* · Mateo/ }).waitFor();
    assert.equal(await page.locator('script').count(), 0);

    await page.getByRole('button', { name: /^Approve 3 hours on/ }).click();
    await page.getByRole('status').filter({ hasText: 'The hours are approved' }).waitFor();

    await page.getByRole('button', { name: 'Send back with this note' }).click();
    // The note is required: the browser itself refuses the empty form, so nothing was sent.
    assert.deepEqual(sql(`SELECT returned_at FROM hour_logs WHERE id = ${quote(second)}`), [{ returned_at: null }]);
    await page.getByLabel('What should the student correct?').fill('Please log the time you actually stayed.');
    await page.getByRole('button', { name: 'Send back with this note' }).click();
    await page.getByRole('status').filter({ hasText: 'The entry went back to the student' }).waitFor();
    await page.getByText('No hours wait for your approval.').waitFor();

    const rows = sql<{ id: string; approved_at: string | null; returned_at: string | null; reviewer_name: string }>(
      `SELECT id, approved_at, returned_at, reviewer_name FROM hour_logs WHERE id IN (${quote(first)}, ${quote(second)})`,
    );
    assert.ok(rows.find((r) => r.id === first)!.approved_at);
    assert.ok(rows.find((r) => r.id === second)!.returned_at);
    assert.ok(rows.every((r) => r.reviewer_name === supervisor.name));
    assert.deepEqual(errors, []);
    await context.close();
  });
});
