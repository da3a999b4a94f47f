import { html, nothing, type TemplateResult } from 'lit';
import type { VerifyResult } from '../../schema/api/credentials.js';
import type { Problem } from '../../schema/api/problem.js';
import { defaultApiBase } from '../base/api.js';
import { WblElement } from '../base/element.js';
import { intlLocale, resolveLang, type Lang } from '../base/localize.js';
import { WblBadgeErrorEvent } from '../events/badge-error.js';
import { WblBadgeVerifiedEvent, type BadgeStatus } from '../events/badge-verified.js';
import { linkedInUrl, readAnswer, shortId, type View } from './credential.js';
import { MESSAGES, type Messages } from './messages.js';
import { badgeStyles } from './skills-badge.styles.js';

type Verdict = BadgeStatus | 'checking';
type Checks = Partial<Record<string, { ok?: boolean }>>;

/** One shape per state (a circle with a tick, a slash, a clock…; a triangle for "not valid"), so no state rests on colour. */
const ICONS: Record<Verdict | 'no', string> = {
  checking: 'M10 2.5a7.5 7.5 0 1 1-7.5 7.5',
  verified: 'M6 10.5 8.7 13 14 7.5',
  revoked: 'M4.7 4.7l10.6 10.6',
  no: 'M7 7l6 6m0-6-6 6',
  invalid: 'M10 2 18.5 17h-17zM10 8v4m0 2.3v.4',
  expired: 'M10 5.5V10l3 2',
  unverified: 'M8 8a2 2 0 1 1 2 2v1.5m0 2.5v.5',
};
const icon = (state: keyof typeof ICONS) => html`<svg class="icon" viewBox="0 0 20 20" aria-hidden="true">${state === 'invalid' ? nothing : html`<circle cx="10" cy="10" r="7.5"></circle>`}<path d=${ICONS[state]}></path></svg>`;

/**
 * An Open Badges 3.0 credential — a skill a student earned on a work-based learning placement,
 * signed by the district — with its issuer, skills, rubric level and evidence, and a live answer
 * to "is this real?" from the API's verifier: checking, then verified, revoked, not valid,
 * expired, or could not be verified. A card, or a chip that opens the card in a popover. Anyone can
 * check the same credential without Open WBL: its JWT verifies against the issuer's public JWKS.
 *
 * Give it one of: `credential-id` (a credential of this API), `src` (any URL answering a
 * credential's JSON or its compact JWT) or `jwt` (the compact JWT itself).
 *
 * @summary Shows a verifiable Open Badges 3.0 skills credential and checks it live.
 * @tagname wbl-skills-badge
 *
 * @fires {WblBadgeVerifiedEvent} wbl-badge-verified - The verification answer arrived. `detail: { credentialId, status, verified, checks }`, `status` one of `verified`, `revoked`, `invalid`, `expired`, `unverified`.
 * @fires {WblBadgeErrorEvent} wbl-badge-error - The credential could not be loaded (the badge shows it too). `detail: { status, problem }`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart card - The card (an `article`).
 * @csspart image - The badge image, or the drawn rosette when there is none.
 * @csspart title - The achievement's name (a heading).
 * @csspart learner - "Awarded to …", only when the student chose to show their name.
 * @csspart issuer - Issuer and date.
 * @csspart status - The verification state in words and a shape; a polite live region.
 * @csspart skills - The list of skills with the level reached.
 * @csspart details - The "Verification details" disclosure: what was checked, and when.
 * @csspart actions - The row of actions.
 * @csspart action - Each action: View JSON, Download, Copy link, Add to LinkedIn.
 * @csspart json - The credential's JSON, when shown.
 * @csspart chip - The compact variant's button.
 * @csspart dialog - The compact variant's popover holding the card.
 * @csspart close-button - The popover's close button.
 * @csspart error - The load error with its "Try again" button.
 *
 * @cssprop --wbl-color-primary - Links, buttons and the drawn rosette. Default #1d4ed8.
 * @cssprop --wbl-color-primary-contrast - Text on primary. Default #fff.
 * @cssprop --wbl-color-text - Body text. Default #1b1f24.
 * @cssprop --wbl-color-muted - Secondary text, "Checking…", "Expired", "Could not be verified". Default #4b5563.
 * @cssprop --wbl-color-surface - Card background. Default #fff.
 * @cssprop --wbl-color-subtle - Skill, status and JSON background. Default #f3f4f6.
 * @cssprop --wbl-color-border - Borders. Default #d1d5db.
 * @cssprop --wbl-color-danger - "Revoked", "Not valid" and errors. Default #b42318.
 * @cssprop --wbl-color-success - "Verified". Default #067647.
 * @cssprop --wbl-font-family - Font. Default: inherited from the page.
 * @cssprop --wbl-font-size - Base font size. Default 1rem.
 * @cssprop --wbl-radius - Corner radius. Default 8px.
 * @cssprop --wbl-space - Padding and gaps. Default 1rem.
 * @cssprop --wbl-focus-ring - Focus outline. Default 3px solid #2563eb.
 * @cssprop --wbl-badge-image-size - The card's image size. Default 6rem.
 */
export class WblSkillsBadge extends WblElement {
  static override styles = badgeStyles;

  static override properties = {
    apiBase: { attribute: 'api-base' },
    credentialId: { attribute: 'credential-id' },
    src: {},
    jwt: {},
    variant: { reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    lang: { reflect: true },
  };

  static {
    for (const name of ['_status', '_view', '_error', '_verdict', '_checks', '_checkedAt', '_offline', '_json', '_copy', '_imageFailed']) {
      this.createProperty(name, { state: true });
    }
  }

  /** Where the API is (it loads `credential-id` and verifies every credential); defaults to the origin this script came from. No site key is needed. */
  declare apiBase: string;
  /** A credential of this API (`/api/v1/credentials/{id}`). */
  declare credentialId: string;
  /** Any URL answering a credential's JSON or its compact JWT; used when `credential-id` is not set. */
  declare src: string;
  /** The credential as a compact VC-JWT, inline; used when neither `credential-id` nor `src` is set. */
  declare jwt: string;
  /** `full` (a card, the default) or `compact` (a chip that opens the card in a popover). */
  declare variant: 'full' | 'compact';
  /** The heading level of the achievement's name, 1–6 (default 3). */
  declare headingLevel: number;
  /** `en` or `es`; defaults to the nearest `lang` on the page, then the browser's language. */
  declare lang: string;

  declare private _status: 'loading' | 'ready' | 'error';
  declare private _view: View | null;
  /** Why the credential did not load: the answer's status (0: none, or not a credential) and problem. */
  declare private _error: { status: number; problem?: Problem | null };
  declare private _verdict: Verdict;
  declare private _checks: Checks | null;
  declare private _checkedAt: string;
  /** The verifier could not be reached (as opposed to answering). */
  declare private _offline: boolean;
  declare private _json: boolean;
  declare private _copy: '' | 'copied' | 'manual';
  declare private _imageFailed: boolean;

  private _lang: Lang = 'en';
  private _request = '';
  private _abort?: AbortController;

  constructor() {
    super();
    this.apiBase = '';
    this.credentialId = '';
    this.src = '';
    this.jwt = '';
    this.variant = 'full';
    this.headingLevel = 3;
    this._status = 'loading';
    this._view = null;
    this._verdict = 'checking';
  }

  protected override willUpdate(): void {
    this._lang = resolveLang(this);
    const request = [this._base, this.credentialId, this.src, this.jwt].join(' ');
    if (request !== this._request) {
      this._request = request;
      void this._load();
    }
  }

  override render(): TemplateResult {
    if (this.variant !== 'compact') return html`<div part="base">${this._renderCard()}</div>`;
    // The card opens in a popover: light dismiss and Escape come with the platform.
    return html`<div part="base"><button type="button" part="chip" class="button secondary chip" popovertarget="pop">${this._renderImage(true)}${this._name}
<span class="s-${this._verdict}">${icon(this._status === 'error' ? 'no' : this._verdict)}<span class="visually-hidden">${this._words}</span></span></button>
<span class="visually-hidden" role="status">${this._about}${this._words}</span>
<div part="dialog" id="pop" popover role="dialog" aria-labelledby="title" @beforetoggle=${this._onToggle}><button type="button" part="close-button" class="close button link" popovertarget="pop" popovertargetaction="hide" autofocus><span aria-hidden="true">✕</span> ${this._t.close}</button>${this._renderCard()}</div></div>`;
  }

  // --- rendering ---------------------------------------------------------------------------------

  private _renderCard(): TemplateResult {
    const t = this._t;
    const v = this._view;
    const verdict = this._verdict;
    const why = this._offline ? t.network : t.why[verdict];
    const failed = this._status === 'error';
    // The status paragraph stays in place from the first render, so screen readers announce its changes.
    return html`<article part="card" class="card" aria-labelledby="title">
      <div class="head">${this._renderImage()}<div>
        <p part="title" class="title" role="heading" aria-level=${this.headingLevel} id="title">${this._name}</p>
        ${v ? html`${v.learner ? html`<p part="learner"><strong>${t.awardedTo} ${v.learner}</strong></p>` : nothing}
        <p part="issuer" class="issuer">${t.issuedBy} ${v.issuerUrl ? html`<a href=${v.issuerUrl}>${v.issuer}</a>` : v.issuer}${v.issued ? ` ${t.on} ${this._date(v.issued)}` : ''}</p>` : nothing}
      </div></div>
      ${failed ? this._renderError() : nothing}
      <p part="status" class="status s-${verdict}" role="status" ?hidden=${failed}>${icon(verdict)}<span><span class="visually-hidden">${this._about}</span><strong>${this._words}</strong>${why ? ` ${why}` : ''}</span></p>
      ${this._offline ? this._retry() : nothing}
      ${v ? this._renderBody(v) : nothing}
    </article>`;
  }

  private _renderImage(chip = false): TemplateResult {
    const src = this._imageFailed ? null : this._view?.image;
    // In the chip the name is written beside the image, so there the image is decoration.
    const alt = chip ? '' : this._name;
    if (src) return html`<img part="image" class="image" src=${src} alt=${alt} @error=${() => { this._imageFailed = true; }}>`;
    return html`<svg part="image" class="image" viewBox="0 0 64 64" role=${chip ? 'none' : 'img'} aria-label=${alt || nothing}><path d="M21 38 15 61l9-5 6 8 4-22M43 38l6 23-9-5-6 8-4-22"></path><circle cx="32" cy="27" r="23"></circle><path class="star" d="M32 15l3 8h9l-7 5 3 9-8-5-8 5 3-9-7-5h9z"></path></svg>`;
  }

  private _renderBody(v: View): TemplateResult {
    const t = this._t;
    const fact = (term: string, body: unknown) => html`<div><dt>${term}</dt><dd>${body}</dd></div>`;
    const checks = this._checks;
    return html`
      ${v.description ? html`<p>${v.description}</p>` : nothing}
      <dl class="facts">
        ${v.skills.length ? fact(t.skills, html`<ul part="skills" class="skills">${v.skills.map((s) => html`<li>${s.name}${s.level ? html`${s.name ? ' · ' : ''}<strong>${s.level}</strong>` : nothing}</li>`)}</ul>`) : nothing}
        ${v.evidence.length ? fact(t.evidence, v.evidence.map((e) => html`<p>${e}</p>`)) : nothing}
      </dl>
      ${checks ? html`<details part="details"><summary>${t.details}</summary><ul class="checks">${Object.entries(t.checks).map(([k, label]) => {
        const ok = checks[k]?.ok;
        return html`<li class="c-${!!ok}">${icon(ok ? 'verified' : 'no')}${label}: ${ok ? t.yes : t.no}</li>`;
      })}</ul><p>${t.checked} ${this._date(this._checkedAt, true)}</p></details>` : nothing}
      <div part="actions" class="actions">
        <button type="button" part="action" class="button secondary" aria-expanded=${this._json} aria-controls="json" @click=${this._toggleJson}>${t.json}</button>
        <button type="button" part="action" class="button secondary" @click=${this._download}>${t.download}</button>
        ${v.url ? html`<button type="button" part="action" class="button secondary" @click=${this._copyLink}>${t.copy}</button>` : nothing}
        ${this._verdict === 'verified' ? html`<a part="action" class="button secondary" href=${linkedInUrl(v)} target="_blank" rel="noopener">${t.linkedIn}<span class="visually-hidden"> ${t.newTab}</span></a>` : nothing}
        <span role="status">${this._copy === 'copied' ? t.copied : ''}</span>
      </div>
      ${this._copy === 'manual' ? html`<label class="manual">${t.copy}<input readonly .value=${v.url}></label>` : nothing}
      <pre part="json" id="json" tabindex="0" aria-label="JSON" ?hidden=${!this._json}>${this._json ? JSON.stringify(v.credential, null, 2) : ''}</pre>`;
  }

  private _renderError(): TemplateResult {
    const t = this._t;
    // The API's reason when it gave one; no answer at all (a network failure, `problem` unset) is worth a hint about the connection.
    const e = this._error;
    return html`<div part="error" class="error" role="alert"><p><strong>${t.loadError}</strong> ${e.problem?.title ?? (e.problem === undefined ? t.network : '')}</p>
${this._retry()}</div>`;
  }

  /** "Try again": loads and verifies afresh. */
  private _retry(): TemplateResult {
    return html`<button type="button" class="button" @click=${() => { this._request = ''; this.requestUpdate(); }}>${this._t.retry}</button>`;
  }

  // --- state helpers -----------------------------------------------------------------------------

  private get _t(): Messages {
    return MESSAGES[this._lang];
  }

  private get _base(): string {
    return (this.apiBase || defaultApiBase(import.meta.url)).replace(/\/$/, '');
  }

  private get _name(): string {
    return this._view?.name || this._t.badge;
  }

  /**
   * Which badge an announcement is about ("Patient Care Communication: "), once there is an
   * answer: "Checking…" is the live region's first content, so it is not read out on every
   * badge of a page, and only the answer is.
   */
  private get _about(): string {
    return this._view && this._verdict !== 'checking' ? `${this._name}: ` : '';
  }

  private get _words(): string {
    return this._status === 'error' ? this._t.loadError : this._t[this._verdict];
  }

  /** A date in words ("November 3, 2026", the issuer's calendar day, so in UTC), or a time of day. */
  private _date(iso: string, time = false): string {
    const date = new Date(iso);
    return isNaN(+date) ? iso : date.toLocaleString(intlLocale(this._lang), time ? { timeStyle: 'short' } : { dateStyle: 'long', timeZone: 'UTC' });
  }

  // --- data --------------------------------------------------------------------------------------

  /**
   * Loads the credential from whichever input is set, then asks the API's verifier, with the JWT
   * when there is one (its signature is what proves the credential). "Not valid" because the
   * verifier does not know the issuer is reported as "could not be verified": unknown to this
   * checker is not the same as forged.
   */
  private async _load(): Promise<void> {
    this._abort?.abort();
    const { signal } = (this._abort = new AbortController());
    this._status = 'loading';
    this._verdict = 'checking';
    this._checks = null;
    this._offline = this._json = this._imageFailed = false;
    this._copy = '';
    let v: View | null;
    try {
      let text = this.jwt;
      if (this.credentialId || this.src) {
        // Only safelisted headers, so a portfolio on another origin needs no preflight.
        const res = await fetch(this.credentialId ? `${this._base}/api/v1/credentials/${encodeURIComponent(this.credentialId)}` : this.src,
          { signal, headers: { Accept: 'application/json, application/jwt' } });
        if (!res.ok) throw { status: res.status, problem: await res.json().catch(() => null) };
        text = await res.text();
      }
      v = readAnswer(text);
      if (!v) throw { status: 0, problem: null };
    } catch (e) {
      if (signal.aborted) return;
      const error = (this._error = { status: 0, ...(e as Partial<typeof this._error>) });
      this._status = 'error';
      this._view = null;
      this.emit(new WblBadgeErrorEvent(error.status, error.problem ?? null));
      return;
    }
    if (signal.aborted) return;
    this._view = v;
    this._status = 'ready';
    let verdict: BadgeStatus;
    try {
      const res = await fetch(`${this._base}/api/v1/credentials/verify`, {
        method: 'POST',
        signal,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(v.jwt ? { jwt: v.jwt } : { credential: v.credential }),
      });
      const body = (await res.json()) as Partial<VerifyResult>;
      const checks: Checks = body.checks ?? {};
      if (!res.ok || !body.status) throw new Error(`verify ${res.status}`);
      verdict = body.status === 'invalid' && !checks.issuer?.ok && !checks.signature?.ok ? 'unverified' : body.status;
      this._checks = checks;
      this._checkedAt = body.checkedAt ?? new Date().toISOString();
    } catch {
      if (signal.aborted) return;
      verdict = 'unverified';
      this._offline = true;
    }
    this._verdict = verdict;
    this.emit(new WblBadgeVerifiedEvent(v.credential.id ?? null, verdict, this._checks));
  }

  // --- handlers ----------------------------------------------------------------------------------

  private _onToggle(e: ToggleEvent): void {
    // Closing with focus inside, focus goes back to the chip (the platform would leave it on the page's body).
    if (e.newState === 'closed' && (e.target as Element).contains(this.shadowRoot!.activeElement)) this.shadowRoot!.querySelector('button')!.focus();
  }

  private async _toggleJson(): Promise<void> {
    // Opened, the JSON takes focus, so the keyboard can scroll it at once.
    if ((this._json = !this._json)) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#json')!.focus();
    }
  }

  private _download(): void {
    // A Blob URL, not a data: URL, so a strict Content-Security-Policy still allows the download.
    const url = URL.createObjectURL(new Blob([JSON.stringify(this._view!.credential, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${shortId(this._view!.credential.id) || 'badge'}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  private async _copyLink(): Promise<void> {
    this._copy = '';
    try {
      await navigator.clipboard.writeText(this._view!.url!);
      this._copy = 'copied';
    } catch {
      // No clipboard permission, or no Clipboard API: show the link, selected, to copy by hand.
      this._copy = 'manual';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('.manual input')!.select();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-skills-badge': WblSkillsBadge;
  }
}
