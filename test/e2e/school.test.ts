import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO } from '../../demo/seed/index.js';
import { axe, BASE, launch, watchErrors } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function apiList(query = '') {
  const res = await fetch(`${BASE}/api/v1/opportunities?${query}`, { headers: { 'X-Site-Key': DEMO.riverside.key } });
  return res.json();
}

describe('the demo school page', () => {
  it('serves the page under a strict Content-Security-Policy', async () => {
    const res = await fetch(`${BASE}/demo/school.html`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  it('shows opportunities from the running Worker, with no errors or CSP violations', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${BASE}/demo/school.html`);
    const board = page.locator('wbl-opportunity-board');
    const cards = board.locator('[part~="card"]');
    await cards.first().waitFor({ timeout: 15_000 });
    const api = await apiList('open=true&limit=12');
    const titles = await board.locator('[part~="card-title"]').allInnerTexts();
    assert.ok(titles.length > 0);
    assert.ok(
      api.items.some((o: { title: string }) => titles.some((t) => t.includes(o.title))),
      `the board shows the API's opportunities: ${titles.slice(0, 3)}`,
    );
    assert.deepEqual(errors, []);
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await page.close();
  });

  it('searches the real API as a student types', async () => {
    const page = await browser.newPage();
    await page.goto(`${BASE}/demo/school.html`);
    const board = page.locator('wbl-opportunity-board');
    await board.locator('[part~="card"]').first().waitFor();
    await board.getByRole('searchbox').fill('nursing');
    await board
      .locator('[part~="card-title"]', { hasText: /nursing/i })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('opens an opportunity linked by its address', async () => {
    const page = await browser.newPage();
    await page.goto(`${BASE}/demo/school.html#opportunity=${DEMO.riverside.nursingId}`);
    const detail = page.locator('wbl-opportunity-board').locator('[part~="detail"]');
    await detail.locator('#detail-title').waitFor({ timeout: 15_000 });
    assert.match(await detail.locator('#detail-title').innerText(), /nursing/i);
    // Focus is on the opportunity's heading, so a screen reader starts there.
    assert.equal(await page.evaluate(() => document.querySelector('wbl-opportunity-board')?.shadowRoot?.activeElement?.id), 'detail-title');
    await page.close();
  });

  it('opens the apply form for the opportunity when a student presses Apply', async () => {
    const page = await browser.newPage();
    await page.goto(`${BASE}/demo/school.html#opportunity=${DEMO.riverside.nursingId}`);
    const board = page.locator('wbl-opportunity-board');
    await board.locator('[part~="apply-button"]').click();
    const form = board.locator('wbl-placement-form');
    await form.locator('#f-student-studentNumber').waitFor();
    assert.equal(await form.getAttribute('opportunity-id'), DEMO.riverside.nursingId);
    assert.equal(await form.getAttribute('mode'), 'apply');
    await page.close();
  });

  it('fits a 320 px phone without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 720 } });
    await page.goto(`${BASE}/demo/school.html`);
    await page.locator('wbl-opportunity-board').locator('[part~="card"]').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await page.close();
  });

  it('loads the demo index', async () => {
    const res = await fetch(`${BASE}/demo/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /school\.html/);
  });
});
