// Builds the widgets into dist/public/embed/v1: one standalone ES module per element
// (components/<name>/define.ts → <name>.js, Lit included) and one with all of them
// (components/index.ts → wbl.js), each with a linked source map, plus the custom elements
// manifest. Prints every bundle's raw and gzip size and fails when a budget is exceeded.
//   node scripts/build-widgets.mjs [--watch]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = join(root, 'dist/public/embed/v1');
const watch = process.argv.includes('--watch');

/** Gzip budgets in KiB (level 9), Lit included: the board is the widget districts embed first. */
const BUDGETS = { 'opportunity-board.js': 20 };

const elements = readdirSync(join(root, 'components'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'components', d.name, 'define.ts')))
  .map((d) => d.name)
  .sort();

const entryPoints = [
  ...elements.map((name) => ({ in: join(root, 'components', name, 'define.ts'), out: name })),
  { in: join(root, 'components/index.ts'), out: 'wbl' },
];

/**
 * esbuild minifies code but leaves template literals alone, so the components' `css`…``
 * styles would ship with their comments and indentation. This minifies each static css
 * literal with esbuild's own CSS minifier before the TypeScript is compiled.
 */
const minifyCssLiterals = {
  name: 'minify-css-literals',
  setup(build) {
    build.onLoad({ filter: /[\\/]components[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('css`')) return undefined;
      const out = [];
      let at = 0;
      // Only literals without `${…}` and without backslashes: those are plain CSS text.
      for (const m of source.matchAll(/\bcss`([^`$\\]*)`/g)) {
        const { code } = await esbuild.transform(m[1], { loader: 'css', minify: true });
        out.push(source.slice(at, m.index), 'css`', code.trim(), '`');
        at = m.index + m[0].length;
      }
      out.push(source.slice(at));
      return { contents: out.join(''), loader: 'ts' };
    });
  },
};

/** Prints sizes after every build and reports bundles over budget. */
const report = {
  name: 'report-sizes',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const over = [];
      for (const { out } of entryPoints) {
        const file = `${out}.js`;
        const code = readFileSync(join(outdir, file));
        const gzip = gzipSync(code, { level: 9 }).length;
        const budget = BUDGETS[file];
        const kib = (n) => `${(n / 1024).toFixed(1)} KB`;
        console.log(`  ${file.padEnd(24)} ${kib(code.length).padStart(9)}  ${kib(gzip).padStart(8)} gzip${budget ? `  (budget ${budget} KB)` : ''}`);
        if (budget && gzip > budget * 1024) over.push(`${file} is ${kib(gzip)} gzip, over its ${budget} KB budget`);
      }
      if (over.length) {
        result.errors.push(...over.map((text) => ({ text })));
        console.error(`✘ ${over.join('\n✘ ')}`);
      }
    });
  },
};

const options = {
  entryPoints,
  outdir,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  // Lit's BSD-3-Clause notice goes to <bundle>.LEGAL.txt, linked from the bundle.
  legalComments: 'linked',
  // Each file stands alone: a page may load only one element.
  splitting: false,
  logLevel: 'warning',
  plugins: [minifyCssLiterals, report],
};

function manifest() {
  // The analyzer reads custom-elements-manifest.config.mjs (globs, Lit support, outdir).
  execFileSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze'],
    { cwd: root, stdio: 'inherit' });
}

mkdirSync(outdir, { recursive: true });
if (watch) {
  const ctx = await esbuild.context({
    ...options,
    plugins: [...options.plugins, { name: 'rebuilt', setup(b) { b.onEnd((r) => { if (!r.errors.length) console.log(`widgets rebuilt ${new Date().toLocaleTimeString()}`); }); } }],
  });
  await ctx.watch();
  manifest();
  console.log('watching components/ for changes (Ctrl+C stops)');
} else {
  const result = await esbuild.build(options).catch(() => null);
  if (!result || result.errors.length) process.exit(1);
  manifest();
  console.log('widgets and custom-elements.json built into dist/public/embed/v1');
}
