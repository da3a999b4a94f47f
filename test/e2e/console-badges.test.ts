import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { IssuedCredentialList } from '../../schema/api/admin/achievements.js';
import { DEMO_PORTFOLIO } from '../../demo/seed/achievements.js';
import { axe, BASE, launch, watchErrors } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const COORDINATOR = { email: 'coordinator@riverside.example', password: 'riverside-demo' };

/** The credentials the demo issued, as the staff API lists them. */
async function issuedCredentials() {
  const login = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(COORDINATOR),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${BASE}/api/v1/admin/credentials`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return ((await res.json()) as IssuedCredentialList).items;
}

describe('badges in the coordinator console', () => {
  it('revokes an issued credential after asking why, and verification then reports it revoked', async () => {
    // Not one of the portfolio page's three badges: its test expects them as the seed left them.
    const cred = (await issuedCredentials()).find((c) => !c.revokedAt && c.student?.id !== DEMO_PORTFOLIO.studentId);
    assert.ok(cred, 'the demo seed issued a credential outside the portfolio');
    const before = await fetch(`${BASE}/api/v1/credentials/${cred.id}?format=jwt`);
    assert.equal(before.status, 200);
    const jwt = (await before.text()).trim();

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${BASE}/demo/console.html#badges`);
    const c = page.locator('wbl-coordinator-console');
    await c.locator('#signin-email').fill(COORDINATOR.email);
    await c.locator('#signin-password').fill(COORDINATOR.password);
    await c.locator('[part~="signin-button"]').click();
    const badges = c.locator('wbl-console-badges');
    const row = badges.locator(`wbl-console-table tbody tr[data-key="${cred.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    assert.equal(await c.locator('[part~="nav-link"][aria-current="page"]').innerText(), 'Badges');
    assert.equal(await row.locator('[data-status]').innerText(), 'Verified');
    assert.equal(await row.locator('a').first().getAttribute('href'), cred.url);
    let violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

    await row.locator('[part~="revoke-button"]').click();
    const dialog = badges.locator('dialog[open]');
    await dialog.waitFor();
    assert.match(await dialog.locator('h3').innerText(), new RegExp(`Revoke ${cred.achievement.name}`));
    await dialog.locator('#b-reason').fill('Issued to the wrong placement (end-to-end test)');
    await dialog.locator('[part~="confirm-button"]').click();
    await row.locator('[data-status="revoked"]').waitFor();
    assert.equal(await row.locator('[data-status]').innerText(), 'Revoked');
    assert.equal(await row.locator('[part~="revoke-button"]').count(), 0);
    violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    assert.deepEqual(errors, []);
    await page.close();

    const verify = await fetch(`${BASE}/api/v1/credentials/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jwt }),
    });
    assert.equal(verify.status, 200);
    const answer = (await verify.json()) as { status: string; checks: { revocation: unknown } };
    assert.equal(answer.status, 'revoked', JSON.stringify(answer));
  });
});
