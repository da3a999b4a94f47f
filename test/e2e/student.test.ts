import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axe, BASE, launch, watchErrors } from './browser.js';

/*
 * The student page as a student opens it. What needs the `/me` API (signing in, the record,
 * logging hours for the supervisor) is tested through it once that API is on this branch; these
 * need only the page, the widget bundle and the demo's strict CSP.
 */
let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('the demo student page', () => {
  it('loads under the strict CSP with its sign-in, accessible, in English and in Spanish', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${BASE}/demo/student.html`);
    const widget = page.locator('wbl-my-wbl');
    await widget.locator('[part~="signin"]').waitFor();
    assert.match(text(await widget.locator('[part~="signin"]').textContent()), /Email me a sign-in link/);
    assert.deepEqual(await axe(page), []);
    await widget.getByLabel(/student number and access code/).check();
    await widget.locator('#signin-studentNumber').waitFor();
    assert.deepEqual(await axe(page), []);
    await page.evaluate(() => document.querySelector('wbl-my-wbl')!.setAttribute('lang', 'es'));
    await widget.getByText('Usar mi número de estudiante y código de acceso').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('takes an emailed link’s token out of the address at once, and says a refused one must be asked for again', async () => {
    const page = await browser.newPage();
    await page.goto(`${BASE}/demo/student.html#wbl-signin=not-a-real-token-0123456789abcdef`);
    const widget = page.locator('wbl-my-wbl');
    await widget.locator('[part~="error"]').waitFor();
    assert.equal(new URL(page.url()).hash, '');
    assert.match(text(await widget.locator('[part~="error"]').textContent()), /expired or was already used/);
    await page.close();
  });
});
