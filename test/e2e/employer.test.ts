import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error: a plain ES module without types
import { query } from '../../scripts/lib/d1.mjs';
import { axe, BASE, launch, watchErrors } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const form = (page: Page) => page.locator('wbl-placement-form');
const next = (page: Page) => form(page).locator('[part~="next-button"], [part~="submit-button"]').click();

async function fillHostOffer(page: Page, title: string) {
  const f = form(page);
  await f.locator('#f-contact-name').fill('Denise Okafor');
  await f.locator('#f-contact-email').fill('denise@arroyo.example');
  await f.locator('#f-contact-phone').fill('(951) 555-0140');
  await next(page);
  await f.locator('#f-opportunity-type').selectOption('job_shadowing');
  await f.locator('#f-opportunity-title').fill(title);
  await f.locator('#f-opportunity-description').fill('Follow an emergency nurse for a morning.');
  await f.locator('#f-opportunity-tasks').fill('Observe triage\nInterview a nurse');
  await f.locator('[data-group="f-opportunity-skills"] input').first().check();
  await f.locator('#f-opportunity-capacity').fill('3');
  await f.locator('#f-opportunity-compensation-type').selectOption('unpaid');
  await f.locator('#f-opportunity-mode').selectOption('in_person');
  await next(page);
  await f.locator('#f-agreements-liability').check();
  await f.locator('#f-agreements-childLabor').check();
  await f.locator('#f-agreements-insurance').selectOption('yes');
  await next(page);
  await f.getByRole('heading', { name: 'Review and submit' }).waitFor();
}

const offers = (title: string): unknown[] =>
  query(process.env.WBL_PERSIST_TO, `SELECT id FROM host_offers WHERE json_extract(payload, '$.opportunity.title') = '${title}'`);

describe('the demo employer page', () => {
  it('keeps a draft through a reload', async () => {
    const page = await browser.newPage();
    await page.goto(`${BASE}/demo/employer.html`);
    await form(page).locator('#f-contact-name').fill('Denise Okafor');
    await page.reload();
    await form(page).locator('[part~="draft-notice"]').waitFor();
    assert.equal(await form(page).locator('#f-contact-name').inputValue(), 'Denise Okafor');
    await page.close();
  });

  it('fits a 320 px phone, and works by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 720 } });
    await page.goto(`${BASE}/demo/employer.html`);
    await form(page).locator('#f-contact-name').focus();
    await page.keyboard.type('Denise Okafor');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-an-email');
    await page.keyboard.press('Enter');
    const summary = form(page).locator('[part~="error-summary"]');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Email: Enter an email address/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await page.close();
  });

  it('refuses a form sent within seconds of its token, then asks to submit again with a fresh one, and keeps one offer', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    // The token fetched as the page opens is lost, so the form fetches one as it is sent: too young.
    let tokens = 0;
    await page.route(/\/api\/v1\/forms\/host-offer\/token(\?|$)/, (route) => (++tokens === 1 ? route.abort('connectionreset') : route.continue()));
    await page.goto(`${BASE}/demo/employer.html`);
    await fillHostOffer(page, 'E2E too fast shadow');
    await next(page);
    const failure = form(page).locator('.failure');
    await failure.waitFor();
    assert.equal(await failure.innerText(), 'Please check your answers and submit again. Nothing you typed is lost.');
    assert.equal(offers('E2E too fast shadow').length, 0, 'the server stored nothing');
    assert.equal(tokens, 3, 'a fresh token was fetched after the refusal');
    await page.waitForTimeout(3200);
    await next(page);
    await form(page).locator('[part~="receipt"]').waitFor();
    assert.equal(offers('E2E too fast shadow').length, 1);
    assert.deepEqual(
      errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET|Failed to fetch/.test(e)),
      [],
    );
    await context.close();
  });

  it('sends an offer that fails on the network, then retries, and the Worker keeps exactly one', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${BASE}/demo/employer.html`);
    await fillHostOffer(page, 'E2E retry shadow');
    // The first submission reaches the Worker, but its answer is lost on the way back.
    let dropped = false;
    await page.route(/\/api\/v1\/host-offers(\?|$)/, async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.waitForTimeout(3200);
    await next(page);
    await form(page).locator('.failure').waitFor();
    assert.equal(offers('E2E retry shadow').length, 1, 'the first try was written');
    await next(page);
    const receipt = form(page).locator('[part~="receipt"]');
    await receipt.waitFor();
    assert.match(await receipt.innerText(), /HO-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    assert.equal(offers('E2E retry shadow').length, 1, 'the retry created nothing new');
    assert.deepEqual(
      errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET|Failed to fetch/.test(e)),
      [],
    );
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await context.close();
  });
});
