import type { Lang } from '../../base/localize.js';
import { commonEn, commonEs, statusEn, statusEs, tableEn, tableEs } from './common.messages.js';
import { reviewEn, reviewEs } from './review.messages.js';
import { opportunitiesEn, opportunitiesEs } from './opportunities.messages.js';
import { eventsEn, eventsEs } from './events.messages.js';
import { studentsEn, studentsEs } from './students.messages.js';
import { placementsEn, placementsEs } from './placements.messages.js';
import { badgesEn, badgesEs } from './badges.messages.js';
import { reportsEn, reportsEs } from './reports.messages.js';
import { settingsEn, settingsEs } from './settings.messages.js';

/**
 * The console sections' words, English and Spanish, gathered from one module per section
 * (`<section>.messages.ts`, with the words they share in `common.messages.ts`). Loaded with the
 * first section a person opens (a chunk shared by every section), never with the sign-in screen.
 */
const en = {
  common: commonEn,
  table: tableEn,
  status: statusEn,
  review: reviewEn,
  opportunities: opportunitiesEn,
  events: eventsEn,
  students: studentsEn,
  placements: placementsEn,
  badges: badgesEn,
  reports: reportsEn,
  settings: settingsEn,
};

export type SectionMessages = typeof en;

const es: SectionMessages = {
  common: commonEs,
  table: tableEs,
  status: statusEs,
  review: reviewEs,
  opportunities: opportunitiesEs,
  events: eventsEs,
  students: studentsEs,
  placements: placementsEs,
  badges: badgesEs,
  reports: reportsEs,
  settings: settingsEs,
};

export const SECTION_MESSAGES: Record<Lang, SectionMessages> = { en, es };
