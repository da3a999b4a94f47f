/** What `<wbl-skills-badge>` concluded about a credential. */
export type BadgeStatus = 'verified' | 'revoked' | 'invalid' | 'expired' | 'unverified';

/**
 * Fired by `<wbl-skills-badge>` when the verification answer arrives: `verified`, `revoked`,
 * `invalid` (tampered, forged or malformed), `expired`, or `unverified` (the API could not be
 * reached, or it does not know the issuer). `checks` is the API's answer, null when there was none.
 */
export class WblBadgeVerifiedEvent extends Event {
  static readonly eventName = 'wbl-badge-verified';
  readonly detail: { credentialId: string | null; status: BadgeStatus; verified: boolean; checks: Record<string, unknown> | null };
  constructor(credentialId: string | null, status: BadgeStatus, checks: Record<string, unknown> | null) {
    super(WblBadgeVerifiedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { credentialId, status, verified: status === 'verified', checks };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-badge-verified': WblBadgeVerifiedEvent;
  }
}
