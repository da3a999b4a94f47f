// Takes the README's screenshots of the demo pages from a running `npm start`:
//   node scripts/screenshot.mjs [base URL, default http://127.0.0.1:8787] [file names to retake, default all]
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { root } from './lib/d1.mjs';

const base = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
mkdirSync(`${root}docs`, { recursive: true });
const shots = [
  { name: 'screenshot-school.png', path: '/demo/school.html', width: 1280, height: 1000, scroll: '#board-title' },
  { name: 'screenshot-school-phone.png', path: '/demo/school.html', width: 390, height: 844, scroll: 'wbl-opportunity-board' },
  {
    name: 'screenshot-detail.png',
    path: '/demo/school.html#opportunity=opp_riv_001',
    width: 1280,
    height: 1000,
    scroll: 'wbl-opportunity-board',
    wait: '[part~="detail"] h3',
  },
  {
    name: 'screenshot-employer.png',
    path: '/demo/employer.html',
    width: 1100,
    height: 1000,
    scroll: 'wbl-placement-form',
    host: 'wbl-placement-form',
    wait: 'legend',
  },
  // The seed's events start a week from today: the calendar moves on a month first.
  {
    name: 'screenshot-family.png',
    path: '/demo/family.html',
    width: 1280,
    height: 1000,
    scroll: '#calendar-title',
    host: 'wbl-event-calendar',
    next: true,
    wait: '[part~="event-chip"]',
  },
  {
    name: 'screenshot-family-phone.png',
    path: '/demo/family.html',
    width: 390,
    height: 844,
    scroll: 'wbl-event-calendar [part~="nav"]',
    host: 'wbl-event-calendar',
    next: true,
    wait: '[part~="event"]',
  },
  // The portfolio's badges, once each has its verification answer.
  {
    name: 'screenshot-portfolio.png',
    path: '/demo/portfolio.html',
    width: 1280,
    height: 900,
    scroll: '#skills-title',
    host: '#skills wbl-skills-badge',
    wait: '[part~="details"]',
  },
  // A student's own record: signed in with a seed student's number and access code (a library placement under way).
  {
    name: 'screenshot-student.png',
    path: '/demo/student.html',
    width: 1280,
    height: 1100,
    scroll: 'wbl-my-wbl',
    host: 'wbl-my-wbl',
    signIn: { studentNumber: '100894', accessCode: 'RIVER-0894' },
    wait: '[part~="placement"]',
  },
];
const only = process.argv.slice(3);
for (const s of shots.filter((x) => !only.length || only.includes(x.name))) {
  // In the demo district's zone, as a Riverside family would see the calendar.
  const page = await browser.newPage({ viewport: { width: s.width, height: s.height }, deviceScaleFactor: 1, timezoneId: 'America/Los_Angeles' });
  await page.goto(`${base}${s.path}`);
  if (s.next) {
    await page.locator(s.host).locator('[part~="count"]').filter({ hasText: /:/ }).waitFor({ timeout: 15_000 });
    await page.locator(s.host).locator('[part~="next-button"]').click();
  }
  if (s.signIn) {
    const host = page.locator(s.host);
    await host.getByLabel(/student number and access code/).check();
    await host.locator('#signin-studentNumber').fill(s.signIn.studentNumber);
    await host.locator('#signin-accessCode').fill(s.signIn.accessCode);
    await host.locator('[part~="signin-button"]').click();
  }
  await page
    .locator(s.host ?? 'wbl-opportunity-board')
    .locator(s.wait ?? '[part~="card"]')
    .first()
    .waitFor({ timeout: 15_000 });
  if (s.scroll) await page.locator(s.scroll).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${root}docs/${s.name}` });
  console.log(`docs/${s.name}`);
  await page.close();
}
await browser.close();
