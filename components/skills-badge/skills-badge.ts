import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import type { Problem } from '../../schema/api/problem.js';
import { defaultApiBase } from '../base/api.js';
import { WblElement } from '../base/element.js';
import { siteContext } from '../base/site-context.js';
import { intlLocale, resolveLang, type Lang } from '../base/localize.js';
import { WblBadgeErrorEvent } from '../events/badge-error.js';
import { WblBadgeVerifiedEvent, type BadgeStatus } from '../events/badge-verified.js';
import { readAnswer, type View } from './credential.js';
import { MESSAGES, type Messages } from './messages.js';
import { badgeStyles } from './skills-badge.styles.js';

type Verdict = BadgeStatus | 'checking';
/** The card's body module, once loading (a failed load is tried again). */
let bodyModule: Promise<typeof import('./badge-body.js')> | undefined;
export type Checks = Partial<Record<string, { ok?: boolean }>>;

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
const icon = (state: keyof typeof ICONS) =>
  html`<svg class="icon" viewBox="0 0 20 20" aria-hidden="true">${state === 'invalid' ? nothing : html`<circle cx="10" cy="10" r="7.5"></circle>`}<path d=${ICONS[state]}></path></svg>`;

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
    for (const name of ['_view', '_verdict', '_checks', '_checkedAt', '_offline', '_json', '_copy', '_imageFailed']) {
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

  declare private _view: View | null;
  declare _verdict: Verdict;
  declare _checks: Checks | null;
  declare _checkedAt: string;
  /** The verifier could not be reached (as opposed to answering). */
  declare private _offline: boolean;
  declare _json: boolean;
  declare _copy: '' | 'copied' | 'manual';
  declare private _imageFailed: boolean;

  private _lang: Lang = 'en';
  /** Inside a `<wbl-site>`: its API, unless `api-base` says otherwise. */
  private _site = new ContextConsumer(this, { context: siteContext, subscribe: true });
  /** The card's body (lazily loaded beside the credential). */
  private _body?: typeof import('./badge-body.js');

  /**
   * Loads the credential from whichever input is set, then asks the API's verifier, with the JWT
   * when there is one (its signature is what proves the credential). "Not valid" because the
   * verifier does not know the issuer is reported as "could not be verified": unknown to this
   * checker is not the same as forged. A credential that does not load fails the task with
   * `{ status, problem }` (status 0: no answer, or not a credential; `problem` unset: no answer at all).
   */
  private _load = new Task(this, {
    args: () => [this._base, this.credentialId, this.src, this.jwt],
    task: async ([base], { signal }) => {
      this._verdict = 'checking';
      this._checks = null;
      this._offline = this._json = this._imageFailed = false;
      this._copy = '';
      const body = (bodyModule ??= import('./badge-body.js'));
      let v: View | null;
      try {
        let text = this.jwt;
        if (this.credentialId || this.src) {
          // Only safelisted headers, so a portfolio on another origin needs no preflight.
          const res = await fetch(this.credentialId ? `${base}/api/v1/credentials/${encodeURIComponent(this.credentialId)}` : this.src, {
            signal,
            headers: { Accept: 'application/json, application/jwt' },
          });
          if (!res.ok) throw { status: res.status, problem: await res.json().catch(() => null) };
          text = await res.text();
        }
        v = readAnswer(text);
        if (!v) throw { status: 0, problem: null };
        this._body = await body.catch((e: unknown) => {
          bodyModule = undefined;
          throw e;
        });
      } catch (e) {
        if (signal.aborted) throw e;
        const error: { status: number; problem?: Problem | null } = { status: 0, ...(e as object) };
        this._view = null;
        throw error;
      }
      signal.throwIfAborted();
      this._view = v;
      let verdict: BadgeStatus;
      try {
        const answer = await this._body!.verify(base, v, signal);
        verdict = answer.verdict;
        this._checks = answer.checks;
        this._checkedAt = answer.checkedAt;
      } catch (e) {
        if (signal.aborted) throw e;
        verdict = 'unverified';
        this._offline = true;
      }
      this._verdict = verdict;
      this.emit(new WblBadgeVerifiedEvent(v.credential.id ?? null, verdict, this._checks));
    },
    // Announced as the task fails (a superseded run never does), so a listener's next render already shows the error.
    onError: (e) => {
      const { status, problem } = e as { status: number; problem?: Problem | null };
      this.emit(new WblBadgeErrorEvent(status, problem ?? null));
    },
  });

  constructor() {
    super();
    this.apiBase = '';
    this.credentialId = '';
    this.src = '';
    this.jwt = '';
    this.variant = 'full';
    this.headingLevel = 3;
    this._view = null;
    this._verdict = 'checking';
  }

  protected override willUpdate(): void {
    this._lang = resolveLang(this);
  }

  override render(): TemplateResult {
    if (this.variant !== 'compact') return html`<div part="base">${this._renderCard()}</div>`;
    // The card opens in a popover: light dismiss and Escape come with the platform.
    return html`<div part="base"><button type="button" part="chip" class="button secondary chip" popovertarget="pop">${this._renderImage(true)}${this._name}
<span class="s-${this._verdict}">${icon(this._failed ? 'no' : this._verdict)}<span class="visually-hidden">${this._words}</span></span></button>
<span class="visually-hidden" role="status">${this._about}${this._words}</span>
<div part="dialog" id="pop" popover role="dialog" aria-labelledby="title" @beforetoggle=${this._onToggle}><button type="button" part="close-button" class="close button link" popovertarget="pop" popovertargetaction="hide" autofocus><span aria-hidden="true">✕</span> ${this._t.close}</button>${this._renderCard()}</div></div>`;
  }

  // --- rendering ---------------------------------------------------------------------------------

  private _renderCard(): TemplateResult {
    const t = this._t;
    const v = this._view;
    const verdict = this._verdict;
    const why = this._offline ? t.network : t.why[verdict];
    const failed = this._failed;
    // The status paragraph stays in place from the first render, so screen readers announce its changes.
    return html`<article part="card" class="card" aria-labelledby="title">
      <div class="head">${this._renderImage()}<div>
        <p part="title" class="title" role="heading" aria-level=${this.headingLevel} id="title">${this._name}</p>
        ${
          v
            ? html`${v.learner ? html`<p part="learner"><strong>${t.awardedTo} ${v.learner}</strong></p>` : nothing}
        <p part="issuer" class="issuer">${t.issuedBy} ${v.issuerUrl ? html`<a href=${v.issuerUrl}>${v.issuer}</a>` : v.issuer}${v.issued ? ` ${t.on} ${this._date(v.issued)}` : ''}</p>`
            : nothing
        }
      </div></div>
      ${failed ? this._renderError() : nothing}
      <p part="status" class="status s-${verdict}" role="status" ?hidden=${failed}>${icon(verdict)}<span><span class="visually-hidden">${this._about}</span><strong>${this._words}</strong>${why ? ` ${why}` : ''}</span></p>
      ${this._offline ? this._retry() : nothing}
      ${v ? this._body!.renderBody(this, v, { html, nothing }) : nothing}
    </article>`;
  }

  private _renderImage(chip = false): TemplateResult {
    const src = this._imageFailed ? null : this._view?.image;
    // In the chip the name is written beside the image, so there the image is decoration.
    const alt = chip ? '' : this._name;
    if (src)
      return html`<img part="image" class="image" src=${src} alt=${alt} @error=${() => {
        this._imageFailed = true;
      }}>`;
    return html`<svg part="image" class="image" viewBox="0 0 64 64" role=${chip ? 'none' : 'img'} aria-label=${alt || nothing}><path d="M21 38 15 61l9-5 6 8 4-22M43 38l6 23-9-5-6 8-4-22"></path><circle cx="32" cy="27" r="23"></circle><path class="star" d="M32 15l3 8h9l-7 5 3 9-8-5-8 5 3-9-7-5h9z"></path></svg>`;
  }

  private _renderError(): TemplateResult {
    const t = this._t;
    // The API's reason when it gave one; no answer at all (a network failure, `problem` unset) is worth a hint about the connection.
    const e = this._load.error as { status: number; problem?: Problem | null };
    return html`<div part="error" class="error" role="alert"><p><strong>${t.loadError}</strong> ${e.problem?.title ?? (e.problem === undefined ? t.network : '')}</p>
${this._retry()}</div>`;
  }

  /** "Try again": loads and verifies afresh. */
  private _retry(): TemplateResult {
    return html`<button type="button" class="button" @click=${() => void this._load.run()}>${this._t.retry}</button>`;
  }

  // --- state helpers -----------------------------------------------------------------------------

  /** Whether the credential failed to load. */
  private get _failed(): boolean {
    return this._load.status === TaskStatus.ERROR;
  }

  /** A state's shape, for the body's list of checks. */
  _icon(state: keyof typeof ICONS): TemplateResult {
    return icon(state);
  }

  get _t(): Messages {
    return MESSAGES[this._lang];
  }

  private get _base(): string {
    return (this.apiBase || this._site.value?.apiBase || defaultApiBase(import.meta.url)).replace(/\/$/, '');
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
    return this._failed ? this._t.loadError : this._t[this._verdict];
  }

  /** A date in words ("November 3, 2026", the issuer's calendar day, so in UTC), or a time of day. */
  _date(iso: string, time = false): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? iso
      : date.toLocaleString(intlLocale(this._lang), time ? { timeStyle: 'short' } : { dateStyle: 'long', timeZone: 'UTC' });
  }

  // --- handlers ----------------------------------------------------------------------------------

  private _onToggle(e: ToggleEvent): void {
    // Closing with focus inside, focus goes back to the chip (the platform would leave it on the page's body).
    if (e.newState === 'closed' && (e.target as Element).contains(this.shadowRoot!.activeElement)) this.shadowRoot!.querySelector('button')!.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wbl-skills-badge': WblSkillsBadge;
  }
}
