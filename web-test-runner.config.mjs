// Component tests in Chromium (found, or installed from Debian, by scripts/find-chromium.mjs):
// TypeScript through esbuild, one browser page per test file, one file at a time.
// `npx web-test-runner` (or `node scripts/test.mjs components`).
// puppeteer-core 24 (through @web/test-runner-chrome 0.18) reads `headless: true` as the new
// headless mode; the flag is repeated in `args` for a Chromium launched by hand the same way.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { ensureChromium } from './scripts/find-chromium.mjs';

export default {
  files: ['test/components/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: ensureChromium(),
        headless: true,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  // Lit's development build runs in tests (it warns about misuse); its banner is noise.
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10_000 } },
};
