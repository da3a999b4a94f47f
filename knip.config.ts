// knip: unused files, dependencies and exports. `node scripts/test.mjs knip` (part of `npm test`).
// Entry points are what a person or a tool starts from; everything else must be reached from them.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // The Worker (worker/index.ts) comes from wrangler.toml's `main` through knip's wrangler plugin.
    // The widgets: one bundle per element and one with all (scripts/build-widgets.mjs), and the
    // module the calendar loads with import() when the first RSVP form opens.
    'components/index.ts!',
    'components/*/define.ts!',
    'components/event-calendar/rsvp-validate.ts!',
    // The demo pages' own scripts (demo/*.html load them).
    'demo/assets/*.js!',
    // Commands run by hand or by npm scripts, and the config files of the tools they start.
    'scripts/*.{mjs,ts}',
    'custom-elements-manifest.config.mjs',
    'web-test-runner.config.mjs',
    // Tests (node --test and web-test-runner take every *.test.ts).
    'test/**/*.test.ts',
  ],
  project: ['worker/**/*.ts!', 'components/**/*.ts!', 'schema/**/*.ts!', 'demo/**/*.{ts,js}!', 'scripts/**/*.{mjs,ts}', 'test/**/*.ts', '*.{mjs,ts}'],
  // Started by their path with node, not through an import or a package.json script, so knip cannot see them.
  ignoreDependencies: [
    '@web/test-runner', // scripts/test.mjs: node_modules/@web/test-runner/dist/bin.js
    '@custom-elements-manifest/analyzer', // scripts/build-widgets.mjs: node_modules/@custom-elements-manifest/analyzer/cem.js
    'lighthouse', // scripts/bench.mjs: node_modules/lighthouse/cli/index.js
    'axe-core', // test/e2e/browser.ts: createRequire(…).resolve('axe-core/axe.min.js')
    '@biomejs/biome', // scripts/test.mjs: node_modules/@biomejs/biome/bin/biome
    '@redocly/cli', // test/worker/openapi.test.ts: node_modules/@redocly/cli/bin/cli.js
  ],
  // System commands scripts/find-chromium.mjs may run to install Chromium.
  // An export its own file uses is kept (a shape or constant beside its use); one nobody uses is reported.
  ignoreExportsUsedInFile: true,
  ignoreBinaries: ['apt-get'],
};

export default config;
