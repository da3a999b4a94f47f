// Builds the widgets: one ES module per element (Lit included) and one bundle with all of
// them, into dist/public/embed/v1, plus the custom elements manifest. `--watch` rebuilds on change.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { root } from './lib/d1.mjs';

const outdir = join(root, 'dist/public/embed/v1');
mkdirSync(outdir, { recursive: true });
const elements = readdirSync(join(root, 'components'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'components', d.name, 'define.ts')))
  .map((d) => d.name);

const entryPoints = [
  ...elements.map((name) => ({ in: join(root, 'components', name, 'define.ts'), out: name })),
  { in: join(root, 'components/index.ts'), out: 'wbl' },
];

const options = {
  entryPoints,
  outdir,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // Each file stands alone: a page may load only one element.
  splitting: false,
};

function manifest() {
  execFileSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze',
    '--litelement', '--globs', 'components/**/*.ts', '--outdir', 'dist/public/embed/v1', '--quiet'],
  { cwd: root, stdio: 'inherit' });
}

function report() {
  for (const { out } of entryPoints) {
    const code = readFileSync(join(outdir, `${out}.js`));
    console.log(`  ${`${out}.js`.padEnd(24)} ${(code.length / 1024).toFixed(1).padStart(6)} KB, ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1).padStart(5)} KB gzip`);
  }
}

if (process.argv.includes('--watch')) {
  const ctx = await esbuild.context({ ...options, plugins: [{ name: 'report', setup(b) { b.onEnd((r) => { if (!r.errors.length) console.log('widgets rebuilt'); }); } }] });
  await ctx.watch();
} else {
  await esbuild.build(options);
  manifest();
  console.log('widgets built into dist/public/embed/v1');
  report();
}
