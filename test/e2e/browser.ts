/** Chromium (found, or installed from Debian, by scripts/find-chromium.mjs) driven by playwright-core, for the end-to-end tests. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error: a plain ES module without types
import { ensureChromium } from '../../scripts/find-chromium.mjs';

export const BASE = process.env.WBL_API_BASE ?? 'http://127.0.0.1:8787';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Page loads may take longer than playwright's 30 s default: wrangler dev's local asset server
 * now and then holds one request for about 30 s (seen in CI: `GET /demo/assets/sign.js 200 OK
 * (30095ms)`), which is the dev server's wait, not the page's.
 */
const NAVIGATION_MS = 90_000;

export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultNavigationTimeout(NAVIGATION_MS);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    page.setDefaultNavigationTimeout(NAVIGATION_MS);
    return page;
  };
  return browser;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe (WCAG 2.0–2.2 A and AA rules) in the page, shadow roots included, and returns the violations. */
export async function axe(page: Page) {
  // Evaluated through the DevTools protocol, so the page's strict CSP still applies to everything else.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 5) }));
  });
}

/** Collects CSP violations and page errors while a page is used. */
export function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}
