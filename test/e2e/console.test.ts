import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { HOST_TERMS_VERSION } from '../../schema/api/host-offers.js';
import { DEMO } from '../../demo/seed/index.js';
import { axe, BASE, launch, watchErrors } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PASSWORD = 'riverside-demo';
const consoleEl = (page: Page) => page.locator('wbl-coordinator-console');
const navLabels = (page: Page) => consoleEl(page).locator('[part~="nav-link"]').allInnerTexts();
const section = (page: Page, name: string) => consoleEl(page).locator(`wbl-console-${name}`);
const rows = (page: Page, name: string) => section(page, name).locator('wbl-console-table tbody tr[data-key]');

async function signIn(page: Page, email: string, hash = '') {
  await page.goto(`${BASE}/demo/console.html${hash}`);
  const c = consoleEl(page);
  await c.locator('#signin-email').fill(email);
  await c.locator('#signin-password').fill(PASSWORD);
  await c.locator('[part~="signin-button"]').click();
  await c.locator('[part~="nav"]').waitFor({ timeout: 15_000 });
}

/** An employer's offer, sent through the public "host a student" route as the employer form would. */
async function offerToHost(title: string, organization: string) {
  // The form token the widget fetches when the form opens, held for the server's minimum fill time.
  const token = (await (await fetch(`${BASE}/api/v1/forms/host-offer/token`, { headers: { 'X-Site-Key': DEMO.riverside.districtKey } })).json()) as {
    token: string;
    minFillSeconds: number;
  };
  await new Promise((r) => setTimeout(r, token.minFillSeconds * 1000 + 100));
  const res = await fetch(`${BASE}/api/v1/host-offers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Site-Key': DEMO.riverside.districtKey, 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({
      organization: {
        name: organization,
        website: 'https://inlandsolar.example',
        clusters: ['energy_natural_resources'],
        address: '2100 Market Street',
        city: 'Riverside',
        state: 'CA',
        postalCode: '92501',
        size: '10-49',
      },
      contact: { name: 'Priya Raman', title: 'Operations Lead', email: 'priya@inlandsolar.example', phone: '(951) 555-0177' },
      opportunity: {
        type: 'job_shadowing',
        title,
        description: 'Spend a morning with a rooftop solar crew: site survey, safety briefing and a panel installation.',
        tasks: ['Join the safety briefing', 'Shadow a site survey'],
        skills: ['communication', 'professionalism'],
        capacity: 2,
        compensation: { type: 'unpaid' },
        mode: 'in_person',
        gradeMin: 10,
      },
      agreements: { termsVersion: HOST_TERMS_VERSION, liability: true, childLabor: true, insurance: true },
      formToken: token.token,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string; reference: string };
}

async function publicBoard(q: string) {
  const res = await fetch(`${BASE}/api/v1/opportunities?q=${encodeURIComponent(q)}`, { headers: { 'X-Site-Key': DEMO.riverside.districtKey } });
  return (await res.json()) as { items: { id: string; title: string; employer: { name: string } }[] };
}

describe('the demo staff portal with the coordinator console', () => {
  it('serves the console page under the strict CSP, with its code split into lazily loaded chunks', async () => {
    const res = await fetch(`${BASE}/demo/console.html`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const shell = await (await fetch(`${BASE}/embed/v1/coordinator-console.js`)).text();
    const chunks = [...shell.matchAll(/["'](\.\/coordinator-console\/[\w-]+\.js)["']/g)].map((m) => m[1]!);
    assert.ok(
      chunks.some((c) => /\/students-/.test(c)),
      'the Students section is a chunk of its own',
    );
    const chunk = await fetch(`${BASE}/embed/v1/${chunks.find((c) => /\/students-/.test(c))!.slice(2)}`);
    assert.equal(chunk.status, 200);
    assert.match(chunk.headers.get('content-type') ?? '', /javascript/);
  });

  it('signs the coordinator in with no errors or CSP violations, and is accessible before and after', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${BASE}/demo/console.html`);
    await consoleEl(page).locator('#signin-email').waitFor();
    let violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await signIn(page, 'coordinator@riverside.example');
    assert.deepEqual(await navLabels(page), ['Review', 'Opportunities', 'Events', 'Students', 'Placements', 'Badges', 'Reports', 'Settings']);
    assert.match(await consoleEl(page).locator('[part~="header"]').innerText(), /Marcus Bell/);
    // The token lives in this tab's sessionStorage only.
    const storage = await page.evaluate(() => ({
      session: Object.values(sessionStorage).some((v) => Boolean((JSON.parse(v) as { token?: string }).token)),
      local: localStorage.length,
    }));
    assert.equal(storage.session, true);
    assert.equal(storage.local, 0);
    await page.reload();
    await consoleEl(page).locator('[part~="nav"]').waitFor();
    await section(page, 'review').locator('wbl-console-table').waitFor();
    violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('lists every pending host offer, and approving one puts its opportunity on the public board', async () => {
    const stamp = Date.now().toString(36);
    const title = `Rooftop Solar Crew Job Shadow ${stamp}`;
    const organization = `Inland Solar Cooperative ${stamp}`;
    const offer = await offerToHost(title, organization);
    assert.equal((await publicBoard(title)).items.length, 0, 'not on the board before approval');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await signIn(page, 'coordinator@riverside.example', '#review');
    const review = section(page, 'review');
    await review.locator('wbl-console-table').getByRole('link', { name: organization }).waitFor({ timeout: 15_000 });
    // Every pending offer of the tenant is in the queue (the seed's, if any, and this one).
    const pending = query(
      process.env.WBL_PERSIST_TO,
      `SELECT reference FROM host_offers WHERE tenant_id = '${DEMO.riverside.tenantId}' AND status = 'pending'`,
    ) as { reference: string }[];
    while (await review.locator('wbl-console-table [part~="load-more"]').count()) {
      await review.locator('wbl-console-table [part~="load-more"]').click();
      await page.waitForTimeout(300);
    }
    const shown = await rows(page, 'review').allInnerTexts();
    for (const p of pending)
      assert.ok(
        shown.some((r) => r.includes(p.reference)),
        `pending offer ${p.reference} is listed`,
      );
    await review.locator('wbl-console-table').getByRole('link', { name: organization }).click();
    await review.locator('#pane-title', { hasText: organization }).waitFor();
    assert.equal(await page.evaluate(() => location.hash), `#review/${offer.id}`);
    assert.match(await review.locator('[part~="detail"]').innerText(), new RegExp(title));
    const before = await axe(page);
    assert.deepEqual(before, [], JSON.stringify(before, null, 2));
    await review.getByLabel('Publish on the board now').check();
    await review.locator('[part~="decide-button"]').click();
    const note = review.locator('.ok-note');
    await note.waitFor({ timeout: 15_000 });
    assert.match(await note.innerText(), new RegExp(`New employer ${organization}.*is published`, 's'));
    const board = await publicBoard(title);
    assert.equal(board.items.length, 1, 'the new opportunity is on the public board');
    assert.equal(board.items[0]!.employer.name, organization);
    // The opportunity opens in the Opportunities section from the link in the note.
    await note.getByRole('link').click();
    await section(page, 'opportunities').locator('#pane-title', { hasText: title }).waitFor({ timeout: 15_000 });
    assert.match(await section(page, 'opportunities').locator('[part~="detail"]').innerText(), /Published/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('loads the roster in Students, opens a student, and fits a 320 px screen', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    const errors = watchErrors(page);
    await signIn(page, 'coordinator@riverside.example', '#students');
    await rows(page, 'students').first().waitFor({ timeout: 15_000 });
    const names = query(
      process.env.WBL_PERSIST_TO,
      `SELECT preferred_name FROM students WHERE tenant_id = '${DEMO.riverside.tenantId}' ORDER BY preferred_name LIMIT 3`,
    ) as { preferred_name: string }[];
    const shown = await rows(page, 'students').allInnerTexts();
    for (const n of names)
      assert.ok(
        shown.some((r) => r.includes(n.preferred_name)),
        `${n.preferred_name} is listed`,
      );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await rows(page, 'students').first().getByRole('link').click();
    const pane = section(page, 'students').locator('[part~="detail"]');
    await pane.locator('[part~="delete-button"]').waitFor({ timeout: 15_000 });
    assert.match(await page.evaluate(() => location.hash), /^#students\/stu_/);
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    // Escape closes the detail and Back/Forward follow.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => location.hash === '#students');
    await rows(page, 'students').first().waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows an employer supervisor only Placements, and only their employer’s', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await signIn(page, 'supervisor@riverside.example', '#students');
    assert.deepEqual(await navLabels(page), ['Placements']);
    assert.equal(await page.evaluate(() => location.hash), '#placements');
    await consoleEl(page).locator('#section-title', { hasText: 'Placements' }).waitFor();
    // The demo supervisor (at Arroyo Valley Medical Center) has placements in the seed.
    await rows(page, 'placements').first().waitFor({ timeout: 15_000 });
    const shown = await rows(page, 'placements').allInnerTexts();
    for (const r of shown) assert.match(r, /Arroyo Valley Medical Center/);
    assert.equal(await section(page, 'students').count(), 0);
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows a viewer the reports, with charts and CSV downloads', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await signIn(page, 'viewer@riverside.example');
    assert.deepEqual(await navLabels(page), ['Reports']);
    const reports = section(page, 'reports');
    await reports.locator('.tiles').waitFor({ timeout: 15_000 });
    assert.equal((await reports.locator('svg.chart').count()) > 0, true);
    const download = page.waitForEvent('download');
    await reports.getByRole('button', { name: 'Download CSV: By stage' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^wbl-stage-.*\.csv$/);
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
