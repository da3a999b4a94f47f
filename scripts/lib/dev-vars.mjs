// Local secrets for `wrangler dev`. `.dev.vars` is git-ignored; in production the same names are
// set with `wrangler secret put`.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { root } from './d1.mjs';

/** A random secret for encrypting the issuers' signing keys (tests pass a fresh one with --var). */
export const randomSecret = () => randomBytes(32).toString('base64url');

/**
 * Makes sure `.dev.vars` has an ISSUER_KEY_SECRET, adding a random one when it is missing and
 * keeping whatever else the file holds. Keys made with it can only be decrypted with it, so an
 * existing value is never replaced.
 */
export function ensureDevVars(file = `${root}.dev.vars`) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (/^\s*ISSUER_KEY_SECRET\s*=\s*\S+/m.test(text)) return false;
  const sep = text && !text.endsWith('\n') ? '\n' : '';
  writeFileSync(file, `${text}${sep}# Encrypts the demo issuers' credential signing keys (made by npm start).\nISSUER_KEY_SECRET=${randomSecret()}\n`, { mode: 0o600 });
  console.log('Wrote a random ISSUER_KEY_SECRET into .dev.vars');
  return true;
}
