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
  const wanted = [
    ['ISSUER_KEY_SECRET', "Encrypts the demo issuers' credential signing keys (made by npm start)."],
    ['APP_SECRET', 'Signs form tokens and seals one-time links waiting in the outbox (made by npm start).'],
  ];
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  let wrote = false;
  for (const [name, why] of wanted) {
    if (new RegExp(`^\\s*${name}\\s*=\\s*\\S+`, 'm').test(text)) continue;
    const sep = text && !text.endsWith('\n') ? '\n' : '';
    text = `${text}${sep}# ${why}\n${name}=${randomSecret()}\n`;
    console.log(`Wrote a random ${name} into .dev.vars`);
    wrote = true;
  }
  if (wrote) writeFileSync(file, text, { mode: 0o600 });
  return wrote;
}
