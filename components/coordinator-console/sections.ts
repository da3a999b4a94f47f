import type { SessionUser } from '../../schema/api/auth.js';
import type { ConsoleSectionName } from '../events/console-action.js';

type Role = SessionUser['role'];

/**
 * The console's sections, in navigation order, with the roles that see each. Each section is
 * its own module, loaded with `import()` the first time it opens, so signing in downloads only
 * the shell. A section module registers `wbl-console-<name>`.
 */
export const SECTIONS: readonly { name: ConsoleSectionName; roles: readonly Role[]; load: () => Promise<unknown> }[] = [
  { name: 'review', roles: ['admin', 'coordinator'], load: () => import('./sections/review.js') },
  { name: 'opportunities', roles: ['admin', 'coordinator'], load: () => import('./sections/opportunities.js') },
  { name: 'events', roles: ['admin', 'coordinator'], load: () => import('./sections/events.js') },
  { name: 'students', roles: ['admin', 'coordinator'], load: () => import('./sections/students.js') },
  { name: 'placements', roles: ['admin', 'coordinator', 'supervisor'], load: () => import('./sections/placements.js') },
  { name: 'badges', roles: ['admin', 'coordinator'], load: () => import('./sections/badges.js') },
  { name: 'reports', roles: ['admin', 'coordinator', 'viewer'], load: () => import('./sections/reports.js') },
  // Coordinators see the outbox here; sites and keys are the administrator's.
  { name: 'settings', roles: ['admin', 'coordinator'], load: () => import('./sections/settings.js') },
];

export const SECTION_NAMES = SECTIONS.map((s) => s.name);

/** The sections a user's role may open, in navigation order. */
export const sectionsFor = (user: SessionUser | null) => (user ? SECTIONS.filter((s) => s.roles.includes(user.role)) : []);
