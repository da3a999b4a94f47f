/**
 * A site's student page (the page that embeds `<wbl-my-wbl>`), through the admin sites API and
 * the sign-in link, on the real Worker, D1 and SMTP server: written, read back and cleared;
 * refused with a field error when it is not an http(s) page on one of the site's own origins, or
 * when the site is another tenant's; and the page a sign-in link opens when the widget names none.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, as, COORDINATOR, read, uniqueWord, write } from './admin-helpers.js';
import { expectProblem } from './helpers.js';
import { mark, waitForMail } from './mail.js';
import { asPerson } from './me-helpers.js';
import { newStudent } from './placement-helpers.js';

const ORIGIN = 'https://students.riverside-usd.example';
const PAGE = `${ORIGIN}/my-wbl`;
const create = (extra: Record<string, unknown>) =>
  as(ADMIN, 'POST', '/admin/sites', { name: uniqueWord('Student page site '), allowedOrigins: [ORIGIN], ...extra });
const errorsOf = (p: { errors?: { path: string; code?: string }[] }) => p.errors?.map((e) => [e.path, e.code]);

describe('a site’s student page', () => {
  it('is stored on create, read back, changed, kept by other changes and cleared', async () => {
    const res = await create({ studentPageUrl: PAGE });
    assert.equal(res.status, 201, await res.clone().text());
    const site = await res.json();
    assert.equal(site.studentPageUrl, PAGE);
    assert.equal((await read(ADMIN, `/admin/sites/${site.id}`)).studentPageUrl, PAGE);
    const listed = await read(ADMIN, '/admin/sites', { limit: 100 });
    assert.equal(listed.items.find((s: { id: string }) => s.id === site.id)?.studentPageUrl, PAGE);
    assert.equal(
      (await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { studentPageUrl: `${ORIGIN}/students?lang=es` })).studentPageUrl,
      `${ORIGIN}/students?lang=es`,
    );
    assert.equal((await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { name: 'Renamed only' })).studentPageUrl, `${ORIGIN}/students?lang=es`);
    assert.equal((await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { studentPageUrl: null })).studentPageUrl, null);
    assert.equal((await (await create({})).json()).studentPageUrl, null, 'none unless given');
  });

  it('refuses what is not a web page, with a field error and nothing written', async () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,<p>x</p>', 'ftp://students.riverside-usd.example/my-wbl', 'my page', '', 42]) {
      const problem = await expectProblem(await create({ studentPageUrl: bad }), 400);
      assert.deepEqual(
        problem.errors?.map((e) => e.path),
        ['studentPageUrl'],
        String(bad),
      );
      assert.ok(problem.errors?.[0]?.message);
    }
    const site = await (await create({})).json();
    await expectProblem(await as(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { studentPageUrl: 'javascript:alert(1)' }), 400);
    assert.equal((await read(ADMIN, `/admin/sites/${site.id}`)).studentPageUrl, null, 'nothing was written');
  });

  it('must be on one of the site’s origins, as the site will stand after the change', async () => {
    const elsewhere = await expectProblem(await create({ studentPageUrl: 'https://elsewhere.example/my-wbl' }), 400);
    assert.deepEqual(errorsOf(elsewhere), [['studentPageUrl', 'origin_not_allowed']]);
    const site = await (await create({ studentPageUrl: PAGE, calendarPageUrl: `${ORIGIN}/events` })).json();
    // Origins that leave both pages behind: one answer names both.
    const left = await expectProblem(await as(ADMIN, 'PATCH', `/admin/sites/${site.id}`, { allowedOrigins: ['https://moved.riverside-usd.example'] }), 400);
    assert.deepEqual(errorsOf(left), [
      ['calendarPageUrl', 'origin_not_allowed'],
      ['studentPageUrl', 'origin_not_allowed'],
    ]);
    const moved = await write(ADMIN, 'PATCH', `/admin/sites/${site.id}`, {
      allowedOrigins: ['https://moved.riverside-usd.example'],
      calendarPageUrl: null,
      studentPageUrl: 'https://moved.riverside-usd.example/my-wbl',
    });
    assert.equal(moved.studentPageUrl, 'https://moved.riverside-usd.example/my-wbl');
  });

  it('is the administrator’s to set, on their own tenant’s sites only', async () => {
    await expectProblem(await as(COORDINATOR, 'POST', '/admin/sites', { name: 'Not mine', allowedOrigins: [ORIGIN], studentPageUrl: PAGE }), 403);
    await expectProblem(await as(ADMIN, 'PATCH', '/admin/sites/site_lak_convener', { studentPageUrl: PAGE }), 404);
  });
});

describe('a sign-in link asked without a page', () => {
  /** Asks for a link from the site with `key` and answers the URL in the message that arrives. */
  async function linkFrom(key: string, email: string, returnTo?: string): Promise<string> {
    const after = await mark();
    const res = await asPerson(null, 'POST', '/sign-in-link', { email, ...(returnTo ? { returnTo } : {}) }, { key });
    assert.equal(res.status, 202, await res.clone().text());
    const [m] = await waitForMail(email, { after, match: (x) => /wbl-signin=/.test(x.mail.text ?? '') });
    return /https?:\/\/\S+wbl-signin=\S+/.exec(m!.mail.text ?? '')![0];
  }

  it('opens the site’s student page, with its query, and keeps the page’s own fragment beside the token', async () => {
    const site = await write(
      ADMIN,
      'POST',
      '/admin/sites',
      { name: uniqueWord('Signin page '), allowedOrigins: [ORIGIN], studentPageUrl: `${PAGE}?tab=1` },
      201,
    );
    const s = await newStudent();
    const email = `student.${s.studentNumber.toLowerCase()}@students.example`;
    assert.ok((await linkFrom(site.publishableKey, email)).startsWith(`${PAGE}?tab=1#wbl-signin=`));
    // A page named by the widget still wins, and a survey it was opened at rides along.
    const asked = await linkFrom(site.publishableKey, email, `${ORIGIN}/other#wbl-my=survey:app_x&wbl-signin=stale`);
    assert.match(asked, new RegExp(`^${ORIGIN}/other#wbl-my=survey:app_x&wbl-signin=(?!stale)[^&\\s]+$`));
  });
});
