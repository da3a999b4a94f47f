import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { demoPortfolioCredentials } from '../../demo/seed/achievements.js';
import { DEMO } from '../../demo/seed/index.js';
import { axe, BASE, launch, watchErrors } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PORTFOLIO = demoPortfolioCredentials(DEMO.riverside.placements.completed);
const cards = (page: Page) => page.locator('#skills wbl-skills-badge');
const chip = (page: Page) => page.locator('.headline-badge wbl-skills-badge');
/** What a badge's live region says (its words, with the badge's name for screen readers). */
const said = async (badge: Locator) => (await badge.locator('[part~="status"]').textContent())!.replace(/\s+/g, ' ').trim();

/** The page with every badge's verification answered (no "Checking…" left). */
async function open(page: Page) {
  await page.goto(`${BASE}/demo/portfolio.html`);
  await page.waitForFunction(
    () => {
      const badges = [...document.querySelectorAll('wbl-skills-badge')];
      return (
        badges.length === 4 &&
        badges.every((b) => {
          const s = b.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '';
          return s.includes(':') && !s.includes('Checking');
        })
      );
    },
    undefined,
    { timeout: 15_000 },
  );
}

/** The element focused in the page, inside shadow roots too: its tag, its host's tag and its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let host: Element | null = null;
    while (el?.shadowRoot?.activeElement) {
      host = el;
      el = el.shadowRoot.activeElement;
    }
    return { host: host?.localName ?? null, text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim(), id: host?.getAttribute('credential-id') ?? null };
  });

describe('the demo student portfolio', () => {
  it('names the demo credentials the issuing step gives the portfolio', () => {
    const html = readFileSync(new URL('../../demo/portfolio.html', import.meta.url), 'utf8');
    const ids = [...html.matchAll(/credential-id="(cred_[a-z0-9]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids, [PORTFOLIO[0]!.id, ...PORTFOLIO.map((c) => c.id)]);
  });

  it('shows three verified-skills badges, the revoked one revoked and the others verified, under the strict CSP', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await open(page);
    assert.equal(await cards(page).count(), 3);
    for (const c of PORTFOLIO) {
      const badge = page.locator(`#skills wbl-skills-badge[credential-id="${c.id}"]`);
      const status = await said(badge);
      assert.match(status, c.revoked ? /^[\w ]+: Revoked The issuer has withdrawn it\.$/ : /^[\w ]+: Verified$/, `${c.achievementId}: ${status}`);
      // Sofia chose to show her name beside her badges.
      assert.equal(await badge.locator('[part~="learner"]').innerText(), 'Awarded to Sofia');
      assert.match(await badge.locator('[part~="issuer"]').innerText(), /^Issued by Riverside Unified School District on \w+ \d{1,2}, \d{4}$/);
      // The generated SVG image, served by the Worker itself.
      // decode() waits for the image to load (a busy machine may not have it yet) and fails when it cannot.
      assert.equal(
        await badge.locator('img[part~="image"]').evaluate((img: HTMLImageElement) =>
          img.decode().then(
            () => img.naturalWidth > 0,
            () => false,
          ),
        ),
        true,
      );
    }
    const revoked = page.locator(`#skills wbl-skills-badge[credential-id="${PORTFOLIO.find((c) => c.revoked)!.id}"]`);
    await revoked.locator('summary').click();
    assert.match(await revoked.locator('[part~="details"]').innerText(), /Revocation: failed/);
    assert.equal(await revoked.getByRole('link', { name: /Add to LinkedIn/ }).count(), 0);
    assert.match(await chip(page).locator('[part~="chip"]').innerText(), /^Patient Care Communication/);
    assert.deepEqual(errors, []);
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await page.close();
  });

  it('opens the header chip as the full card, and anyone can check the same credential with its JWT', async () => {
    const page = await browser.newPage();
    await open(page);
    await chip(page).locator('[part~="chip"]').click();
    const card = chip(page).locator('[part~="card"]');
    await card.waitFor();
    assert.equal(await said(chip(page)), 'Patient Care Communication: Verified');
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
    assert.equal((await focused(page)).text, 'Patient Care Communication Verified');
    // The verifier answers for the JWT itself: nothing the badge shows rests on trusting the page.
    const jwt = await (await page.request.get(`${BASE}/api/v1/credentials/${PORTFOLIO[0]!.id}?format=jwt`)).text();
    const verdict = await (await page.request.post(`${BASE}/api/v1/credentials/verify`, { data: { jwt } })).json();
    assert.equal(verdict.status, 'verified');
    await page.close();
  });

  it('fits a 320 px phone, and the keyboard reaches every badge’s actions', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 740 } });
    await open(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    for (const badge of await cards(page).all()) {
      const box = (await badge.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= 320, `a badge spans ${box.x}–${box.x + box.width}px`);
    }
    // Tab from the top of the page until each badge's "View JSON", "Download" and "Copy link" have had focus.
    const reached = new Set<string>();
    for (let i = 0; i < 80 && reached.size < 9; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.host === 'wbl-skills-badge' && f.id && /^(View JSON|Download|Copy link)$/.test(f.text)) reached.add(`${f.id} ${f.text}`);
    }
    assert.equal(reached.size, 9, [...reached].join('\n'));
    // Enter on a focused action works: the JSON opens and takes focus.
    await page.locator(`#skills wbl-skills-badge[credential-id="${PORTFOLIO[1]!.id}"]`).getByRole('button', { name: 'View JSON' }).focus();
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).text.startsWith('{'), true);
    await page.close();
  });
});
