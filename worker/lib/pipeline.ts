/**
 * Placement pipeline rules: which signatures a training agreement needs, how long a signing
 * link lives, where it points. Pure functions; the routes put them into D1 batches. The words
 * of the messages are in the catalogue (mail/catalogue/placements.ts).
 */
import { AGREEMENT_ROLES, type AgreementRole } from '../../schema/vocab.js';
import type { Lang } from './lang.js';

/** An unsigned signing link works this long after it was issued (a coordinator can re-issue it). */
export const SIGN_LINK_DAYS = 60;

/** Student, supervisor and coordinator always; a parent or guardian while the student is a minor. */
export function requiredRoles(minor: boolean): AgreementRole[] {
  return AGREEMENT_ROLES.filter((r) => r !== 'guardian' || minor);
}

export function signLinkExpiry(issuedAt: string): string {
  return new Date(Date.parse(issuedAt) + SIGN_LINK_DAYS * 86_400_000).toISOString();
}

/**
 * `/demo/sign.html?token=…` on the Worker's own origin, which serves the demo pages too; a link
 * in a Spanish message carries `&lang=es`, so the page opens in Spanish.
 */
export function signLink(origin: string, token: string, lang: Lang = 'en'): string {
  return `${origin}/demo/sign.html?token=${encodeURIComponent(token)}${lang === 'en' ? '' : `&lang=${lang}`}`;
}

/**
 * Where a one-time link goes in a stored message body. The body is stored with this
 * placeholder and the link itself sealed beside it (`outbox.sealed_link`), so a copy of the
 * outbox table holds no working link; the staff listing puts it back for coordinators.
 */
export const LINK_PLACEHOLDER = '{link}';

/** A stored body with its link put back (or a note that it is gone, when it cannot be unsealed). */
export function withLink(body: string, link: string | null): string {
  return body.split(LINK_PLACEHOLDER).join(link ?? '(this link can no longer be shown: send the links again)');
}

/** Two email addresses name the same mailbox (case and surrounding space do not matter). */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The roles that get a link by message; the coordinator signs inside the console as themself. */
export const LINK_ROLES: readonly AgreementRole[] = ['student', 'guardian', 'supervisor'];

export type { Placement as PlacementWords } from '../mail/catalogue/placements.js';
