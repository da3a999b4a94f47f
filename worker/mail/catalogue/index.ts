/**
 * Every message, by kind (`rsvp.confirmed`, `application.received`…), each in English and
 * Spanish. A writer composes a message in its recipient's language when it commits the change
 * that causes it; delivery adds the footer, the HTML part and the headers its category needs.
 */
import type { Lang } from '../../lib/lang.js';
import { digestMessages } from './digests.js';
import { employerMessages } from './employers.js';
import { eventMessages } from './events.js';
import { peopleMessages } from './people.js';
import { placementMessages } from './placements.js';
import { supervisorMessages } from './supervisors.js';
import { surveyMessages } from './surveys.js';
import type { Category, Composed, Template } from './types.js';

export const CATALOGUE = {
  ...eventMessages,
  ...employerMessages,
  ...placementMessages,
  ...digestMessages,
  ...peopleMessages,
  ...supervisorMessages,
  ...surveyMessages,
};

export type Kind = keyof typeof CATALOGUE;
type DataOf<K extends Kind> = (typeof CATALOGUE)[K] extends Template<infer D> ? D : never;

/** What an outbox row holds of a message: which it is, its language, its text. */
export interface ComposedMessage {
  kind: Kind;
  lang: Lang;
  subject: string;
  body: string;
}

export function compose<K extends Kind>(kind: K, lang: Lang, data: DataOf<K>): ComposedMessage {
  const t = CATALOGUE[kind] as Template<DataOf<K>>;
  const m: Composed = t[lang](data);
  return { kind, lang, subject: m.subject, body: m.text };
}

/** A stored kind's category; messages written before the catalogue (kind `message`) count as notices. */
export function categoryOf(kind: string): Category {
  return kind in CATALOGUE ? (CATALOGUE[kind as Kind] as Template<unknown>).category : 'notice';
}
