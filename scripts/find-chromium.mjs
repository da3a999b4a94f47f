// Finds a Chromium for the component and end-to-end tests: CHROME_PATH, then the usual system
// places, then playwright's and puppeteer's download caches. `findChromium()` only looks;
// `ensureChromium()` (what `npm test` runs first) installs Debian's Chromium with apt-get when
// none is found and this is root on a machine with apt, and otherwise says in one line what to do.
// Run by hand: `node scripts/find-chromium.mjs` prints the path (installing when it must).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const runnable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const revision = (dir) => Number(dir.slice(dir.lastIndexOf('-') + 1));

/** Browsers that playwright (`chromium-NNNN/chrome-linux/chrome`) or puppeteer left in their caches, newest first. */
function cached() {
  const found = [];
  const home = homedir();
  const roots = [process.env.PLAYWRIGHT_BROWSERS_PATH, join(home, '.cache/ms-playwright'), join(home, 'Library/Caches/ms-playwright')].filter(Boolean);
  for (const dir of roots) {
    let entries = [];
    try {
      entries = readdirSync(dir)
        .filter((d) => /^chromium(_headless_shell)?-\d+$/.test(d))
        .sort((a, b) => revision(b) - revision(a));
    } catch {
      continue;
    }
    for (const d of entries) {
      for (const sub of ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-linux/headless_shell', 'chrome-headless-shell-linux64/chrome-headless-shell'])
        found.push(join(dir, d, sub));
    }
  }
  const pup = join(home, '.cache/puppeteer/chrome');
  try {
    for (const d of readdirSync(pup).sort().reverse()) found.push(join(pup, d, 'chrome-linux64/chrome'));
  } catch {
    /* none */
  }
  return found;
}

/** The first Chromium found, or undefined. A CHROME_PATH that is set but wrong is an error, not a fallback. */
export function findChromium() {
  const chosen = process.env.CHROME_PATH;
  if (chosen) {
    if (runnable(chosen)) return chosen;
    throw new Error(`CHROME_PATH=${chosen} is not an executable file; unset it or point it at Chromium or Chrome`);
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => NAMES.map((n) => join(dir, n)));
  return [...SYSTEM, ...onPath, ...cached()].find(runnable);
}

const WHAT_TO_DO = 'No Chromium found: install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome executable.';

/** Finds Chromium, installing Debian's when it can; returns its path or throws with one line saying what to do. */
export function ensureChromium({ log = console.log } = {}) {
  const found = findChromium();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt) throw new Error(WHAT_TO_DO);
  log("No Chromium found: installing Debian's (apt-get install chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const step = (args) => spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
  // Another apt-get holding the lock (a second engineer's run) is waited for, not failed on.
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  if (
    !step([...lockWait, 'install', '-y', '-qq', 'chromium']) &&
    !(step([...lockWait, 'update', '-qq']) && step([...lockWait, 'install', '-y', '-qq', 'chromium']))
  ) {
    throw new Error(`apt-get install chromium failed. ${WHAT_TO_DO}`);
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium but no executable appeared. ${WHAT_TO_DO}`);
  return installed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureChromium({ log: (m) => console.error(m) }));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
