// Copies the demo pages into the static assets and writes the assets' _headers: the widget
// bundles are loadable from any origin (module scripts are fetched with CORS), and the demo
// pages run under a strict Content-Security-Policy, as a district's own site might.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { root } from './lib/d1.mjs';

const out = `${root}dist/public`;
mkdirSync(out, { recursive: true });
cpSync(`${root}demo`, `${out}/demo`, {
  recursive: true,
  filter: (src) => !src.includes('/demo/seed'),
});

export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

writeFileSync(
  `${out}/_headers`,
  `/embed/*
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
  Cache-Control: public, max-age=300
  X-Content-Type-Options: nosniff

/demo/*
  Content-Security-Policy: ${DEMO_CSP}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
`,
);
writeFileSync(
  `${out}/index.html`,
  `<!doctype html><meta charset="utf-8"><title>Open WBL</title><meta http-equiv="refresh" content="0; url=/demo/"><a href="/demo/">Open WBL demo pages</a>\n`,
);
console.log('demo pages copied to dist/public/demo');
