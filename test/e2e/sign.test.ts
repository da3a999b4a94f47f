import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { applied, move, newStudent, signTokens, THIS_YEAR, ARROYO } from '../worker/placement-helpers.js';
import { quote, read, sql } from '../worker/admin-helpers.js';
import { axe, BASE, launch, watchErrors } from './browser.js';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('the training agreement signing page', () => {
  it('shows the agreement from the link, checks the form, and records a typed-name signature', async () => {
    const student = await newStudent({ grade: 12, birthYear: THIS_YEAR - 19, guardian: false, preferredName: 'Signe' });
    const id = await applied(student, ARROYO.cna);
    await move(id, 'under_review', 'offered', 'accepted');
    const tokens = await signTokens(id);

    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${BASE}/demo/sign.html?token=${tokens.student}`);
    await page.getByRole('heading', { name: /Training agreement: Certified Nursing Assistant/ }).waitFor();
    assert.equal(await page.locator('#student').textContent(), 'Signe');
    assert.equal(await page.locator('#employer').textContent(), 'Arroyo Valley Medical Center');
    assert.match((await page.locator('#text').textContent()) ?? '', /Work-Based Learning Training Agreement/);
    assert.deepEqual(await axe(page), []);

    await page.getByRole('button', { name: 'Sign the agreement' }).click();
    assert.equal(await page.locator('#typedName-error').textContent(), 'Type your full name to sign');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'typedName', 'focus goes to the first problem');
    await page.getByLabel('Your full name').fill('Signe Larsen');
    await page.getByLabel(/I have read this training agreement/).check();
    await page.getByRole('button', { name: 'Sign the agreement' }).click();
    await page.getByRole('heading', { name: 'Signed' }).waitFor();
    assert.match((await page.locator('#done-text').textContent()) ?? '', /Signed by Signe Larsen as the student/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);

    const detail = await read('coordinator@riverside.example', `/admin/applications/${id}`);
    assert.deepEqual(detail.agreement.signatures.find((s: { role: string }) => s.role === 'student').signerName, 'Signe Larsen');
    await page.close();
  });

  it('opens in Spanish from a Spanish link, switches language, and records the language of the text signed', async () => {
    const student = await newStudent({ grade: 12, birthYear: THIS_YEAR - 19, guardian: false, preferredName: 'Inés' });
    const id = await applied(student, ARROYO.cna);
    await move(id, 'under_review', 'offered', 'accepted');
    const tokens = await signTokens(id);

    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${BASE}/demo/sign.html?token=${tokens.student}&lang=es`);
    await page.getByRole('heading', { name: /Acuerdo de formación: Certified Nursing Assistant/ }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    assert.equal(await page.locator('#role').textContent(), 'estudiante');
    assert.match((await page.locator('#text').textContent()) ?? '', /Acuerdo de formación de aprendizaje basado en el trabajo/);
    assert.equal(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed'), 'true');
    assert.deepEqual(await axe(page), []);

    // To English and back: labels, the agreement text and the link's language all follow.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /Training agreement: Certified Nursing Assistant/ }).waitFor();
    assert.match((await page.locator('#text').textContent()) ?? '', /Work-Based Learning Training Agreement/);
    assert.match(page.url(), /lang=en/);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: /Acuerdo de formación:/ }).waitFor();

    await page.getByRole('button', { name: 'Firmar el acuerdo' }).click();
    assert.equal(await page.locator('#typedName-error').textContent(), 'Escriba su nombre completo para firmar');
    await page.getByLabel('Su nombre completo').fill('Inés Romero');
    await page.getByLabel(/Leí este acuerdo de formación/).check();
    await page.getByRole('button', { name: 'Firmar el acuerdo' }).click();
    await page.getByRole('heading', { name: 'Firmado' }).waitFor();
    assert.match((await page.locator('#done-text').textContent()) ?? '', /Firmado por Inés Romero como estudiante/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(sql(`SELECT text_lang FROM agreements WHERE application_id = ${quote(id)} AND role = 'student'`), [{ text_lang: 'es' }]);
    await page.close();
  });

  it('says plainly when a link does not work', async () => {
    const page = await browser.newPage();
    await page.goto(`${BASE}/demo/sign.html?token=${'A'.repeat(43)}`);
    await page.locator('#status.problem').waitFor();
    assert.match((await page.locator('#status').textContent()) ?? '', /not valid/);
    assert.equal(await page.locator('#form').isHidden(), true);
    await page.goto(`${BASE}/demo/sign.html`);
    await page.locator('#status.problem').waitFor();
    assert.match((await page.locator('#status').textContent()) ?? '', /not complete/);
    await page.close();
  });
});
