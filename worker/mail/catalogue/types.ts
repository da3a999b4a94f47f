/**
 * The shape of the message catalogue: every message Open WBL sends is one `Template`, written
 * in English and in Spanish, with the category that decides how it may be refused.
 */
/**
 * - `transaction`: what the person asked for (their RSVP, their application, their offer): no
 *   unsubscribe link, always sent.
 * - `notice`: what someone else's action tells them (a status change, a signature request).
 * - `reminder`, `digest`: what the scheduled jobs send.
 * Every category but `transaction` carries List-Unsubscribe (RFC 8058) for its own category.
 */
export type Category = 'transaction' | 'notice' | 'reminder' | 'digest';

export interface Composed {
  subject: string;
  /**
   * Plain text, paragraphs separated by blank lines. The HTML part is made from it: a line that
   * is only a URL becomes a link, `{link}` stands for a sealed one-time link.
   */
  text: string;
}

export interface Template<D> {
  category: Category;
  en: (d: D) => Composed;
  es: (d: D) => Composed;
}

/** A template for data `D`; `satisfies` keeps each entry's own data type. */
export const template = <D>(t: Template<D>): Template<D> => t;
