import type { ConsoleSectionName } from '../events/console-action.js';
import { SECTION_NAMES } from './sections.js';

/** The console's place in the address (`#students/stu_…`), or null for a hash that belongs to the host page. */
export function parseAddress(): { section: ConsoleSectionName; path: string } | null {
  const m = /^#([a-z]+)(?:\/(.*))?$/.exec(location.hash);
  if (!m || !(SECTION_NAMES as readonly string[]).includes(m[1]!)) return null;
  let path = '';
  try {
    path = decodeURIComponent(m[2] ?? '');
  } catch {
    /* a broken escape: the section's list */
  }
  return { section: m[1] as ConsoleSectionName, path };
}

/** Puts a section (and an item in it) in the address: a new history entry, or in place of this one. */
export function setAddress(section: ConsoleSectionName, path: string, replace: boolean): void {
  const url = `${location.pathname}${location.search}#${section}${path ? `/${encodeURIComponent(path)}` : ''}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (replace) history.replaceState(history.state, '', url);
  else history.pushState(history.state, '', url);
}
