// Builds the widgets into dist/public/embed/v1: one standalone ES module per element
// (components/<name>/define.ts → <name>.js, Lit included) and one with all of them
// (components/index.ts → wbl.js), each with a linked source map, plus the custom elements
// manifest. Prints every bundle's raw and gzip size and fails when a budget is exceeded.
//   node scripts/build-widgets.mjs [--watch]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = join(root, 'dist/public/embed/v1');
const watch = process.argv.includes('--watch');

/** Gzip budgets in KiB (level 9), Lit included: the board is the widget districts embed first. */
const BUDGETS = {
  'wbl-site.js': 3,
  'opportunity-board.js': 20,
  'placement-form.js': 30,
  'coordinator-console.js': 16,
  'event-calendar.js': 20,
  'event-calendar-rsvp.js': 12,
  'event-calendar-event.js': 6,
  'opportunity-board-detail.js': 6,
  'skills-badge-body.js': 4,
  'skills-badge.js': 12,
  'my-wbl.js': 20,
  'my-wbl-placement.js': 19,
};

/**
 * Gzip budgets in KiB for the console's lazy chunks, by the name before their hash: the door's
 * check-in mode, and jsQR, which loads only when "Scan a code" is pressed in a browser without
 * BarcodeDetector (it is large, so it never loads before that).
 */
const SPLIT_CHUNK_BUDGETS = {
  'events-checkin': 6,
  'events-scan': 1,
  jsQR: 47,
};

/**
 * Modules an element imports with `import()` only when a person needs them, each built into a
 * file of its own beside the bundles: source module → output name. The calendar's RSVP
 * validator (zod/mini and the contract's schema) loads when the first RSVP form opens, and its
 * event view (an event's facts, "add to my calendar", the RSVP form) when the first event opens;
 * the board's opportunity view likewise, and the badge card's body as the credential loads.
 * `<wbl-my-wbl>`'s placement view (its forms and the contract's zod schemas, most of its size)
 * loads the first time a placement shows.
 */
const LAZY = {
  'components/event-calendar/rsvp-validate.ts': 'event-calendar-rsvp',
  'components/event-calendar/event-view.ts': 'event-calendar-event',
  'components/opportunity-board/opportunity-view.ts': 'opportunity-board-detail',
  'components/skills-badge/badge-body.ts': 'skills-badge-body',
  'components/my-wbl/placement-view.ts': 'my-wbl-placement',
};

/**
 * Elements built with esbuild's code splitting instead: their sections load with `import()`
 * and share Lit and the element's own modules through chunks in `<name>/` beside the bundle,
 * so the first load is the shell alone. Their budget counts the bundle and the chunks it
 * imports statically (what loads before anything is opened).
 */
const SPLIT = ['coordinator-console'];

const elements = readdirSync(join(root, 'components'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'components', d.name, 'define.ts')) && !SPLIT.includes(d.name))
  .map((d) => d.name)
  .sort();

const entryPoints = [
  ...elements.map((name) => ({ in: join(root, 'components', name, 'define.ts'), out: name })),
  // `<wbl-site>`: a plain custom element with `@lit/context`'s provider, no Lit, so a page of separate widget bundles adds ~2 KB for it.
  { in: join(root, 'components/base/define-site.ts'), out: 'wbl-site' },
  { in: join(root, 'components/index.ts'), out: 'wbl' },
  ...Object.entries(LAZY).map(([source, out]) => ({ in: join(root, source), out })),
];

/** Keeps each lazy module out of the bundles that import it: `import('./x.js')` becomes `import('./<out>.js')`. */
const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const source = join(args.resolveDir, args.path.replace(/\.js$/, '.ts')).slice(root.length).replace(/\\/g, '/');
      return LAZY[source] ? { path: `./${LAZY[source]}.js`, external: true } : undefined;
    });
  },
};

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
        // `charset: 'utf8'` keeps '⚠' as it is: esbuild would write "\26a0", and a backslash escape
        // like that is invalid in a template literal, so Lit's `css` would get no text at all.
        const { code } = await esbuild.transform(m[1], { loader: 'css', minify: true, charset: 'utf8' });
        const css = code.trim();
        out.push(source.slice(at, m.index), 'css`', /[`$\\]/.test(css) ? m[1] : css, '`');
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
  // The version `define()` compares when a second copy of a widget loads on the same page.
  define: { __WBL_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
  plugins: [lazyModules, minifyCssLiterals, report],
};

/** Prints each split element's first load (bundle + static chunks) and each lazy chunk, and checks the budget. */
const splitReport = {
  name: 'report-split-sizes',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length || !result.metafile) return;
      const outputs = result.metafile.outputs;
      const kib = (n) => `${(n / 1024).toFixed(1)} KB`;
      const gz = (file) => {
        const code = readFileSync(join(process.cwd(), file));
        return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
      };
      const over = [];
      for (const [file, out] of Object.entries(outputs)) {
        const name = file.slice(file.lastIndexOf('/') + 1);
        if (!out.entryPoint || !SPLIT.includes(name.replace(/\.js$/, ''))) continue;
        // The first load: the bundle and everything it imports statically, transitively.
        const first = new Set([file]);
        for (const f of first) for (const i of outputs[f]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) first.add(i.path);
        const lazy = new Set();
        for (const f of Object.keys(outputs)) if (f.endsWith('.js') && !first.has(f) && f.includes(`/${name.replace(/\.js$/, '')}/`)) lazy.add(f);
        const total = [...first].reduce(
          (n, f) => {
            const s = gz(f);
            return { raw: n.raw + s.raw, gzip: n.gzip + s.gzip };
          },
          { raw: 0, gzip: 0 },
        );
        const budget = BUDGETS[name];
        console.log(
          `  ${name.padEnd(24)} ${kib(total.raw).padStart(9)}  ${kib(total.gzip).padStart(8)} gzip  first load, ${first.size} files${budget ? `  (budget ${budget} KB)` : ''}`,
        );
        for (const f of [...lazy].sort()) {
          const s = gz(f);
          const chunk = f.slice(f.lastIndexOf('/') + 1).replace(/-[A-Z0-9]{8}\.js$/, '');
          const chunkBudget = SPLIT_CHUNK_BUDGETS[chunk];
          if (chunkBudget && s.gzip > chunkBudget * 1024) over.push(`${chunk} chunk is ${kib(s.gzip)} gzip, over its ${chunkBudget} KB budget`);
          console.log(
            `    ${(`… ${f.slice(f.indexOf(name.replace(/\.js$/, '/')))}`).padEnd(42)} ${kib(s.raw).padStart(9)}  ${kib(s.gzip).padStart(8)} gzip  lazy`,
          );
        }
        if (budget && total.gzip > budget * 1024) over.push(`${name} loads ${kib(total.gzip)} gzip first, over its ${budget} KB budget`);
      }
      if (over.length) {
        result.errors.push(...over.map((text) => ({ text })));
        console.error(`✘ ${over.join('\n✘ ')}`);
      }
    });
  },
};

const splitOptions = {
  ...options,
  entryPoints: SPLIT.filter((name) => existsSync(join(root, 'components', name, 'define.ts'))).map((name) => ({
    in: join(root, 'components', name, 'define.ts'),
    out: name,
  })),
  splitting: true,
  chunkNames: `${SPLIT[0]}/[name]-[hash]`,
  metafile: true,
  plugins: [minifyCssLiterals, splitReport],
};

function manifest() {
  // The analyzer reads custom-elements-manifest.config.mjs (globs, Lit support, outdir).
  execFileSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze'], { cwd: root, stdio: 'inherit' });
  const file = join(outdir, 'custom-elements.json');
  const cem = JSON.parse(readFileSync(file, 'utf8'));
  defineTags(cem);
  writeFileSync(file, `${JSON.stringify(cem, null, 2)}\n`);
  return checkManifest(cem);
}

/**
 * Maps each tag to the module of its class: a `custom-element-definition` export (and a `js`
 * export of the class) in that module. The elements register through `define(tag)` in their
 * `define.ts`, which the analyzer does not follow; it sees only `customElements.define(tag, element)`
 * inside the shared helper, and that definition (of a tag called `tag`) is dropped.
 */
function defineTags(cem) {
  for (const mod of cem.modules ?? []) {
    mod.exports = (mod.exports ?? []).filter((e) => !(e.kind === 'custom-element-definition' && e.name === 'tag'));
    for (const d of mod.declarations ?? []) {
      if (!d.tagName) continue;
      d.customElement = true;
      const declaration = { name: d.name, module: mod.path };
      if (!mod.exports.some((e) => e.kind === 'js' && e.name === d.name)) mod.exports.push({ kind: 'js', name: d.name, declaration });
      mod.exports.push({ kind: 'custom-element-definition', name: d.tagName, declaration });
    }
  }
}

/**
 * Fails the build when an element's observed attribute, dispatched event or part is missing
 * from the manifest, read from the element's own folder (and, for the widgets, the shared
 * `components/base/widget.ts`): attributes from `static properties` (and `getAttribute('…')`,
 * the form's `employer-*` prefill), events from `new Wbl…Event(` (their names from
 * components/events/), parts from every `part="…"` in a template.
 */
const REPORT_ONLY = [];

function checkManifest(cem) {
  const files = (dir) =>
    readdirSync(join(root, dir), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.styles.ts'));
  const read = (dir, keep = () => true) =>
    files(dir)
      .filter(keep)
      .map((f) => readFileSync(join(root, dir, f), 'utf8'))
      .join('\n');
  /**
   * The files of a folder's internal sub-elements: those defining another tag
   * (`X.define('wbl-…')`) and the base classes only they extend. Empty when there are none.
   */
  const subElementSource = (dir, tag, top) => {
    const text = Object.fromEntries(files(dir).map((f) => [f, readFileSync(join(root, dir, f), 'utf8')]));
    const fileOf = {},
      parent = {};
    for (const [f, t] of Object.entries(text))
      for (const [, c, p] of t.matchAll(/class (\w+)(?:<[^>]*>)? extends (\w+)/g)) {
        fileOf[c] = f;
        parent[c] = p;
      }
    const chain = (c) => {
      const out = [];
      for (; c && fileOf[c]; c = parent[c]) out.push(fileOf[c]);
      return out;
    };
    const own = new Set(chain(top));
    const sub = new Set();
    for (const t of Object.values(text))
      for (const [, c, name] of t.matchAll(/(\w+)\.define\('([a-z-]+)'\)/g)) if (name !== tag) for (const f of chain(c)) if (!own.has(f)) sub.add(f);
    return sub.size ? { files: sub, src: [...sub].map((f) => text[f]).join('\n') } : null;
  };
  const eventNames = {};
  for (const f of readdirSync(join(root, 'components/events'))) {
    const src = readFileSync(join(root, 'components/events', f), 'utf8');
    const m = src.match(/class (Wbl\w+Event)[\s\S]*?eventName = '([a-z-]+)'/);
    if (m) eventNames[m[1]] = m[2];
  }
  const problems = [];
  for (const mod of cem.modules ?? []) {
    for (const d of mod.declarations ?? []) {
      if (!d.tagName) continue;
      const dir = mod.path.slice(0, mod.path.lastIndexOf('/'));
      let src = dir === 'components/base' ? readFileSync(join(root, mod.path), 'utf8') : read(dir);
      if (/extends (WblWidget|BoardState|CalendarState)\b/.test(src)) src += readFileSync(join(root, 'components/base/widget.ts'), 'utf8');
      // Internal sub-elements (the console's sections, table, dialogs) have attributes of their
      // own, set by the element's template, not by the page: those are not the tag's to document.
      const inner = dir === 'components/base' ? '' : subElementSource(dir, d.tagName, d.name);
      const attrSrc = inner ? read(dir, (f) => !inner.files.has(f)) : src;
      const attrs = new Set();
      for (const block of attrSrc.matchAll(/static (?:override )?properties(?::[^=]*)? = \{([\s\S]*?)\n {2}\};/g)) {
        for (const [, key, opts] of block[1].matchAll(/^\s*(\w+): \{(.*)\},?$/gm)) {
          if (/state: true|attribute: false/.test(opts)) continue;
          attrs.add(opts.match(/attribute: '([^']+)'/)?.[1] ?? key.toLowerCase());
        }
      }
      for (const [, a] of attrSrc.matchAll(/this\.getAttribute\('([a-z-]+)'\)/g)) attrs.add(a);
      for (const [, a] of attrSrc.matchAll(/'(employer-[a-z]+)':/g)) attrs.add(a);
      if (d.tagName === 'wbl-site') for (const a of src.match(/observedAttributes = \[([^\]]*)\]/)?.[1].match(/[a-z-]+/g) ?? []) attrs.add(a);
      const events = new Set([...src.matchAll(/new (Wbl\w+Event)\(/g)].map(([, c]) => eventNames[c] ?? c));
      const parts = new Set();
      for (const [, value] of src.matchAll(/\bpart=("[^"]*"|\$\{[^}]*\})/g)) {
        // Literal words outside `${…}`, and quoted words inside it.
        const literal = value.replace(/\$\{[^}]*\}/g, ' ');
        for (const w of literal.match(/[a-z][a-z-]*/g) ?? []) parts.add(w);
        for (const [, q] of value.matchAll(/\$\{[^}]*\}/g) ? [...value.matchAll(/'([^']*)'/g)] : [])
          for (const w of q.match(/[a-z][a-z-]*/g) ?? []) parts.add(w);
      }
      // A part inside a sub-element's shadow root reaches the page only when forwarded up
      // (`exportparts`): each one the tag documents must be in an exportparts list.
      if (inner) {
        const forwarded = new Set();
        for (const [, v] of src.matchAll(/exportparts="([^"]*)"/g)) for (const w of v.match(/[a-z][a-z-]*/g) ?? []) forwarded.add(w);
        for (const [, v] of src.matchAll(/\b[A-Z_]*PARTS =\s*([\s\S]*?);/g))
          for (const [, q] of v.matchAll(/['`]([^'`]*)['`]/g)) for (const w of q.replace(/\$\{[^}]*\}/g, ' ').match(/[a-z][a-z-]*/g) ?? []) forwarded.add(w);
        for (const [, value] of inner.src.matchAll(/\bpart="([^"]*)"/g))
          for (const p of value.match(/[a-z][a-z-]*/g) ?? []) if (!forwarded.has(p)) problems.push(`<${d.tagName}> part "${p}" is not forwarded (exportparts)`);
      }
      const has = (list, name) => (list ?? []).some((x) => x.name === name);
      for (const a of attrs) if (!has(d.attributes, a)) problems.push(`<${d.tagName}> attribute "${a}"`);
      for (const e of events) if (!has(d.events, e)) problems.push(`<${d.tagName}> event "${e}"`);
      for (const p of parts) if (!has(d.cssParts, p)) problems.push(`<${d.tagName}> part "${p}"`);
      for (const e of d.events ?? []) if (!e.type?.text) problems.push(`<${d.tagName}> event "${e.name}" has no type`);
    }
  }
  // A tag listed in REPORT_ONLY has its gaps printed, not fatal (none is, today).
  const fatal = problems.filter((p) => !REPORT_ONLY.some((tag) => p.startsWith(`<${tag}>`)));
  if (problems.length) console.error(`${fatal.length ? '✘' : '⚠'} custom-elements.json lacks what the elements use:\n  ${problems.join('\n  ')}`);
  return fatal.length === 0;
}

mkdirSync(outdir, { recursive: true });
// Chunk names carry a content hash: old ones would pile up.
for (const name of SPLIT) rmSync(join(outdir, name), { recursive: true, force: true });
if (watch) {
  const rebuilt = {
    name: 'rebuilt',
    setup(b) {
      b.onEnd((r) => {
        if (!r.errors.length) console.log(`widgets rebuilt ${new Date().toLocaleTimeString()}`);
      });
    },
  };
  const ctx = await esbuild.context({ ...options, plugins: [...options.plugins, rebuilt] });
  await ctx.watch();
  if (splitOptions.entryPoints.length) await (await esbuild.context({ ...splitOptions, plugins: [...splitOptions.plugins, rebuilt] })).watch();
  manifest();
  console.log('watching components/ for changes (Ctrl+C stops)');
} else {
  const result = await esbuild.build(options).catch(() => null);
  if (!result || result.errors.length) process.exit(1);
  const split = splitOptions.entryPoints.length ? await esbuild.build(splitOptions).catch(() => null) : { errors: [] };
  if (!split || split.errors.length) process.exit(1);
  if (!manifest()) process.exit(1);
  console.log('widgets and custom-elements.json built into dist/public/embed/v1');
}
