import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { type Attendance, CheckIn, type DoorGuest, type EventAttendance } from '../../../schema/api/admin/events-attendance.js';
import { intlLocale } from '../../base/localize.js';
import { SectionElement } from '../section-base.js';
import { sectionStyles } from '../section.styles.js';
import { checkInEn, checkInEs } from './events-checkin.messages.js';
import { readForm, renderField, type FieldSpec } from './form.js';
import type { Scanner } from './events-scan.js';

/**
 * The events section's check-in mode, for a phone at the door: the guest list with a search by
 * name and a large check-in (and undo) button for each party, a camera scan of the QR code in a
 * confirmation (only when asked for), the typed code as the fallback, and walk-ins (a student
 * by student number). Loaded with `import()` when "Check in" is pressed; the scanner's decoder
 * loads only when "Scan a code" is.
 *
 * @internal
 * @tagname wbl-console-checkin
 */
export class WblConsoleCheckin extends SectionElement {
  static override styles = [
    sectionStyles,
    css`
    :host { display: block; }
    .tally { font-weight: 600; }
    .door { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
    .door li { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem; padding: .6rem .75rem; border: 1px solid var(--_border); border-radius: var(--_radius); }
    .door li.in { background: var(--_subtle); }
    .who { display: grid; gap: .15rem; }
    .door .button, .big { min-height: 44px; min-width: 44px; font-size: 1rem; }
    video { width: 100%; max-width: 28rem; border-radius: var(--_radius); background: #000; }
    input[type='search'] { min-height: 44px; width: 100%; box-sizing: border-box; }
  `,
  ];

  protected readonly section = 'events' as const;

  static override properties = {
    ...SectionElement.properties,
    eventId: { attribute: 'event-id' },
    eventTitle: { attribute: 'event-title' },
  };

  static {
    for (const name of ['_door', '_q', '_scanning', '_notice']) this.createProperty(name, { state: true });
  }

  /** The event whose door this is (`evt_…`). */
  declare eventId: string;
  /** Its title, for the heading. */
  declare eventTitle: string;
  declare private _door: EventAttendance | null;
  declare private _q: string;
  declare private _scanning: boolean;
  declare private _notice: string;
  private _scanner: Scanner | null = null;
  private _loading: AbortController | null = null;

  constructor() {
    super();
    this.eventId = '';
    this.eventTitle = '';
    this._door = null;
    this._q = '';
    this._scanning = false;
    this._notice = '';
  }

  private get w() {
    return this.l === 'es' ? checkInEs : checkInEn;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if ((changed.has('eventId') || changed.has('api')) && this.api && this.eventId) void this._load();
  }

  protected override firstUpdated(): void {
    // The door replaced the event's facts: focus moves to its heading, so a screen reader hears where it is.
    this.renderRoot.querySelector<HTMLElement>('#ci-title')?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopScan();
    this._loading?.abort();
  }

  private async _load(): Promise<void> {
    this._loading?.abort();
    const ctl = new AbortController();
    this._loading = ctl;
    try {
      this._door = await this.api.get<EventAttendance>(`/admin/events/${encodeURIComponent(this.eventId)}/attendance`, undefined, ctl.signal);
      this.failure = null;
    } catch (e) {
      if (!ctl.signal.aborted) this.failure = e as never;
    }
  }

  private _time(iso: string): string {
    return new Intl.DateTimeFormat(intlLocale(this.l), { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
  }

  /** Says what happened in the live region and on the page, and reloads the list and its counts. */
  private _tell(message: string): void {
    this._notice = message;
    this.announce(message);
    void this._load();
  }

  /** One check-in sent; the answer is 201 (checked in) or 200 (already was: the first check-in). */
  private async _send(body: CheckIn, after?: () => void): Promise<void> {
    await this.submitForm(
      CheckIn,
      body,
      () => this.api.post<Attendance>(`/admin/events/${encodeURIComponent(this.eventId)}/attendance`, body),
      (a) => {
        const known = this._door?.guests.some((g) => g.attendance?.id === a.id) || this._door?.walkInList.some((x) => x.id === a.id);
        this._tell(known ? this.w.already(a.name, this._time(a.checkedInAt)) : this.w.checkedIn(a.name, a.people));
        this.done('event.check_in', this.eventId, this._notice);
        after?.();
      },
    );
  }

  private async _undo(a: Attendance): Promise<void> {
    await this.submitForm(
      null,
      null,
      () => this.api.delete<null>(`/admin/events/${encodeURIComponent(this.eventId)}/attendance/${encodeURIComponent(a.id)}`),
      () => {
        this._tell(this.w.undone(a.name));
        this.done('event.check_in_undo', this.eventId, this._notice);
      },
    );
  }

  private async _scan(): Promise<void> {
    if (this._scanning) return this._stopScan();
    this._scanning = true;
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video');
    try {
      const { startScanner } = await import('./events-scan.js');
      if (!video || !this._scanning) return;
      this._scanner = await startScanner(video, (code) => {
        this._stopScan();
        void this._send({ code });
      });
    } catch {
      this._scanning = false;
      this._notice = this.w.noCamera;
      this.announce(this._notice);
      this.focusAfterRender('#ci-code');
    }
  }

  private _stopScan(): void {
    this._scanner?.stop();
    this._scanner = null;
    this._scanning = false;
  }

  private get _codeSpecs(): FieldSpec[] {
    return [{ name: 'code', label: this.w.code, type: 'text', hint: this.w.codeHint, auto: 'off' }];
  }

  private get _walkInSpecs(): FieldSpec[] {
    const w = this.w;
    return [
      { name: 'studentNumber', label: w.studentNumber, type: 'text', optional: true, empty: 'omit', auto: 'off' },
      { name: 'name', label: w.name, type: 'text', optional: true, empty: 'omit', auto: 'off' },
      { name: 'people', label: w.people, type: 'number', optional: true, empty: 'omit', value: 1 },
    ];
  }

  override render(): TemplateResult {
    const w = this.w;
    const c = this.t.common;
    const d = this._door;
    const q = this._q.trim().toLocaleLowerCase();
    const guests = d?.guests.filter((g) => !q || g.name.toLocaleLowerCase().includes(q)) ?? [];
    const field = (specs: FieldSpec[], name: string) => renderField(specs.find((f) => f.name === name)!, this.errors, 'ci', c.optional, c.choose);
    return html`<section aria-labelledby="ci-title">
      <h3 id="ci-title" tabindex="-1">${w.title(this.eventTitle)}</h3>
      <p class="tally" role="status">${d ? w.tally(d.reserved.people, d.attended.people, d.walkIns.parties) : c.loading}</p>
      <p class="notice" role="status" aria-live="polite">${this._notice}</p>
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      <div class="actions">
        <button type="button" class="button big" aria-pressed=${this._scanning ? 'true' : 'false'} @click=${() => void this._scan()}>
          ${this._scanning ? w.stopScan : w.scan}</button>
      </div>
      ${this._scanning ? html`<p class="muted">${w.scanning}</p><video muted playsinline aria-label=${w.scanning}></video>` : nothing}
      <form class="grid" novalidate @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const form = e.target as HTMLFormElement;
        void this._send(readForm(form, this._codeSpecs) as CheckIn, () => form.reset());
      }}>
        ${field(this._codeSpecs, 'code')}
        <div class="actions"><button type="submit" class="button big">${w.checkCode}</button></div>
      </form>
      <div class="field">
        <label for="ci-search">${w.search}</label>
        <input id="ci-search" type="search" autocomplete="off" .value=${this._q} @input=${(e: Event) => {
          this._q = (e.target as HTMLInputElement).value;
        }}>
      </div>
      <h4 id="ci-guests">${w.guests}</h4>
      ${
        d && !guests.length
          ? html`<p class="muted">${w.noMatch}</p>`
          : html`<ul class="door" aria-labelledby="ci-guests">${guests.map((g) => this._renderGuest(g))}</ul>`
      }
      <form class="grid" novalidate aria-labelledby="ci-walkin" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const form = e.target as HTMLFormElement;
        void this._send(readForm(form, this._walkInSpecs) as CheckIn, () => form.reset());
      }}>
        <h4 id="ci-walkin">${w.walkIn}</h4>
        <p class="muted">${w.walkInHint}</p>
        <div class="row">${field(this._walkInSpecs, 'studentNumber')}${field(this._walkInSpecs, 'name')}${field(this._walkInSpecs, 'people')}</div>
        <div class="actions"><button type="submit" class="button big">${w.addWalkIn}</button></div>
      </form>
      ${
        d?.walkInList.length
          ? html`<ul class="door" aria-labelledby="ci-walkin">${d.walkInList.map(
              (a) => html`<li class="in"><span class="who"><strong>${a.name}</strong>
                <span class="muted">${w.arrived(this._time(a.checkedInAt))}${a.onStudentRecord ? html` · ${w.onRecord}` : nothing}</span></span>
                <button type="button" class="button secondary" aria-label=${w.undo(a.name)} @click=${() => void this._undo(a)}>${w.undoShort}</button></li>`,
            )}</ul>`
          : nothing
      }
    </section>`;
  }

  private _renderGuest(g: DoorGuest): TemplateResult {
    const w = this.w;
    const a = g.attendance;
    return html`<li class=${a ? 'in' : ''}>
      <span class="who"><strong>${g.name}</strong>
        <span class="muted">${w.party(g.partySize)}${g.status === 'waitlisted' ? ` · ${w.waitlisted}` : ''}${a ? ` · ${w.arrived(this._time(a.checkedInAt))}` : ''}</span></span>
      ${
        a
          ? html`<button type="button" class="button secondary" aria-label=${w.undo(g.name)} @click=${() => void this._undo(a)}>${w.undoShort}</button>`
          : html`<button type="button" class="button" aria-label=${w.checkIn(g.name)} @click=${() => void this._send({ rsvpId: g.rsvpId })}>${w.checkInShort}</button>`
      }
    </li>`;
  }
}

WblConsoleCheckin.define('wbl-console-checkin');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-checkin': WblConsoleCheckin;
  }
}
