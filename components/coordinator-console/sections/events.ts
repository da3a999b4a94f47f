import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  AdminEventCancel,
  AdminEventCreate,
  AdminEventUpdate,
  type AdminEvent,
  type AdminEventList,
  type AdminEventSummary,
} from '../../../schema/api/admin/catalog.js';
import { CLUSTERS, EVENT_AUDIENCE_LABELS, EVENT_STATUSES, EVENT_TYPES, labelOf } from '../../../schema/vocab.js';
import { formatDate, intlLocale } from '../../base/localize.js';
import type { Column } from '../console-table.js';
import { CONFIRM_PARTS, SectionElement } from '../section-base.js';
import { DetailController, ListController } from '../section-tasks.js';
import { sectionStyles } from '../section.styles.js';
import { readForm, renderField, strayErrors, type FieldSpec } from './form.js';

/** Zones a US district is likely to use, plus whatever the browser and the event say. */
const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'Pacific/Guam',
];
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/Los_Angeles';

type Interpretation = 'es' | 'asl' | 'other';
const INTERPRETATION: Interpretation[] = ['es', 'asl', 'other'];
/**
 * What issue 12 adds to the admin events contract, declared here until
 * `schema/api/admin/catalog.ts` names it: the Spanish text and the interpretation an event
 * offers, and each guest's language and the interpretation they asked for.
 */
type Guest = NonNullable<AdminEvent['rsvps']>[number] & {
  lang?: 'en' | 'es';
  interpretation?: Interpretation | null;
  interpretationOther?: string | null;
};
type EventRecord = Omit<AdminEvent, 'rsvps'> & {
  titleEs?: string | null;
  descriptionEs?: string | null;
  accessibilityNotesEs?: string | null;
  interpretation?: Interpretation[];
  rsvps: Guest[] | null;
};
/** The new fields go to the API; the check before sending sees them only once the contract's schema names them. */
const NEW_FIELDS = ['titleEs', 'descriptionEs', 'accessibilityNotesEs', 'interpretation'];
const checkable = (schema: { shape: object }, body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([k]) => !NEW_FIELDS.includes(k) || k in schema.shape));

/**
 * Events: the career-awareness calendar — list, create and edit with dates, times and a time
 * zone, in English and (optionally) Spanish, with the interpretation the event offers; the
 * guest list with each guest's language and interpretation needs, counted for planning; and
 * cancel (every guest is told; calendars show it cancelled).
 *
 * @internal
 * @tagname wbl-console-events
 */
export class WblConsoleEvents extends SectionElement {
  static override styles = [
    sectionStyles,
    css`
    .guests { width: 100%; border-collapse: collapse; font-size: .93rem; }
    .guests th, .guests td { padding: .35rem .5rem; border-bottom: 1px solid var(--_border); text-align: start; }
    .guests thead th { background: var(--_subtle); }
    .scroll { overflow-x: auto; border: 1px solid var(--_border); border-radius: var(--_radius); }
    .langs { align-items: start; }
    .langs fieldset { display: grid; gap: .8rem; }
    .needs { margin: 0; padding-inline-start: 1.2rem; }
  `,
  ];

  protected readonly section = 'events' as const;

  static {
    for (const name of ['_status', '_q', '_editing', '_allDay', '_checkin']) this.createProperty(name, { state: true });
  }

  declare private _status: string;
  declare private _q: string;
  declare private _editing: boolean;
  declare private _allDay: boolean;
  /** The event whose door is open (check-in mode), once its module has loaded. */
  declare private _checkin: string;
  private _detail = new DetailController<EventRecord>(
    this,
    (id, signal) => this.api.get<EventRecord>(`/admin/events/${encodeURIComponent(id)}`, undefined, signal),
    () => this.focusPane(),
  );
  private _list = new ListController<AdminEventSummary>(this, (cursor, signal) =>
    this.api.get<AdminEventList>('/admin/events', { status: this._status || undefined, q: this._q || undefined, cursor, limit: 25 }, signal),
  );

  constructor() {
    super();
    this._status = 'scheduled';
    this._q = '';
    this._editing = false;
    this._allDay = false;
    this._checkin = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.api && !this._list.started) void this._list.load();
    if (changed.has('path')) {
      this._editing = false;
      this._checkin = '';
      this.resetForm();
      if (this.path === 'new') {
        this._allDay = false;
        this.focusPane();
      } else if (this.path.startsWith('evt_')) {
        void this._detail.open(this.path);
        this.focusPane();
      }
    }
  }

  /** When, in the event's own zone: "Mar 14, 2027, 5:00 – 7:30 PM PDT", or its days when all-day. */
  private _when(e: AdminEventSummary): string {
    const w = e.when;
    if (w.allDay) {
      const day = (d: string) => formatDate(d, this.l, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
      return w.endDate === w.startDate ? day(w.startDate) : `${day(w.startDate)} – ${day(w.endDate)}`;
    }
    try {
      const format = new Intl.DateTimeFormat(intlLocale(this.l), { dateStyle: 'medium', timeStyle: 'short', timeZone: w.timeZone });
      const zone =
        new Intl.DateTimeFormat(intlLocale(this.l), { timeZone: w.timeZone, timeZoneName: 'short' })
          .formatToParts(new Date(e.startsAt))
          .find((p) => p.type === 'timeZoneName')?.value ?? w.timeZone;
      return `${format.formatRange(new Date(e.startsAt), new Date(e.endsAt))} ${zone}`;
    } catch {
      return `${w.startDate} ${w.startTime ?? ''} – ${w.endDate} ${w.endTime ?? ''} ${w.timeZone}`;
    }
  }

  private get _columns(): Column<AdminEventSummary>[] {
    const t = this.t.events;
    return [
      { key: 'title', label: t.title, value: (e) => e.title, cell: (e) => html`<a href=${this.href(e.id)}>${e.title}</a>` },
      { key: 'type', label: t.type, value: (e) => labelOf(EVENT_TYPES, e.type, this.l), cell: (e) => labelOf(EVENT_TYPES, e.type, this.l) },
      { key: 'when', label: t.when, value: (e) => e.startsAt, cell: (e) => this._when(e) },
      {
        key: 'seats',
        label: t.seats,
        value: (e) => e.seats.confirmed,
        cell: (e) =>
          html`${t.seatsOf(e.seats.confirmed, e.capacity)}${e.seats.waitlisted ? html`<br><span class="muted">${t.waitlisted(e.seats.waitlisted)}</span>` : nothing}`,
      },
      {
        key: 'status',
        label: this.t.common.status,
        value: (e) => e.status,
        cell: (e) => html`<span class="badge ${e.status === 'cancelled' ? 'bad' : 'good'}">${this.t.status[e.status]}</span>`,
      },
    ];
  }

  override render(): TemplateResult {
    const t = this.t.events;
    const c = this.t.common;
    const list = this._list;
    const pane = this._renderPane();
    return html`
      <div class="toolbar">
        <div class="field"><label for="ev-status">${c.status}</label>
          <select id="ev-status" @change=${(e: Event) => {
            this._status = (e.target as HTMLSelectElement).value;
            void list.load();
          }}>
            <option value="" ?selected=${!this._status}>${c.all}</option>
            ${EVENT_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this._status}>${this.t.status[s]}</option>`)}
          </select></div>
        <div class="actions"><a class="button" href=${this.href('new')}>${t.newEvent}</a></div>
      </div>
      <div class="split ${pane === nothing ? '' : 'with-pane'}">
        ${this.renderTable(list, t.label, this._columns, {
          filter: (q) => {
            this._q = q;
            void list.load();
          },
        })}
        ${pane}
      </div>
      <wbl-console-confirm exportparts=${CONFIRM_PARTS}></wbl-console-confirm>`;
  }

  private _renderPane(): TemplateResult | typeof nothing {
    const t = this.t.events;
    if (this.path === 'new') return this.renderPane(t.newTitle, this._renderForm(null));
    if (!this.path.startsWith('evt_')) return nothing;
    return this.renderDetail(this._detail, this.path, (d) => (this._editing ? [t.editTitle, this._renderForm(d)] : [d.title, this._renderDetail(d)]));
  }

  private _renderDetail(d: EventRecord): TemplateResult {
    const t = this.t.events;
    const c = this.t.common;
    const fact = (term: string, value: unknown) => (value === null || value === undefined || value === '' ? nothing : html`<dt>${term}</dt><dd>${value}</dd>`);
    const place = [d.locationName, d.address, d.city, d.state, d.postalCode].filter(Boolean).join(', ');
    const grades = d.gradeMin === null && d.gradeMax === null ? null : `${d.gradeMin ?? 'K'}–${d.gradeMax ?? 12}`;
    const guests = (d.rsvpCounts.confirmed?.parties ?? 0) + (d.rsvpCounts.waitlisted?.parties ?? 0);
    if (this._checkin === d.id) {
      return html`<div class="actions"><button type="button" class="button secondary" @click=${() => {
        this._checkin = '';
        void this._detail.open(d.id, true);
      }}>${t.checkInDone}</button></div>
        <wbl-console-checkin .api=${this.api} .user=${this.user} lang=${this.l} event-id=${d.id} event-title=${d.title}></wbl-console-checkin>`;
    }
    return html`
      <p><span class="badge ${d.status === 'cancelled' ? 'bad' : 'good'}">${this.t.status[d.status]}</span></p>
      ${
        d.status === 'scheduled' && this.can.coordinate
          ? html`<div class="actions"><button type="button" class="button" @click=${() => void this._openDoor(d.id)}>${t.checkInMode}</button></div>`
          : nothing
      }
      <dl class="facts">
        ${fact(t.schedule, this._when(d))}
        ${fact(t.type, labelOf(EVENT_TYPES, d.type, this.l))}
        ${fact(t.place, place || null)}
        ${fact(t.virtualUrl, d.virtualUrl)}
        ${fact(t.audiences, d.audiences.map((a) => labelOf(EVENT_AUDIENCE_LABELS, a, this.l)).join(', '))}
        ${fact(c.grade, grades)}
        ${fact(t.capacity, t.seatsOf(d.seats.confirmed, d.capacity))}
        ${fact(t.rsvps, d.seats.waitlisted ? t.waitlisted(d.seats.waitlisted) : null)}
        ${fact(t.registrationRequired, d.registrationRequired ? c.yes : c.no)}
        ${fact(t.accessibilityNotes, d.accessibilityNotes)}
        ${fact(t.description, d.description)}
        ${fact(t.titleEs, d.titleEs)}
        ${fact(t.descriptionEs, d.descriptionEs)}
        ${fact(t.accessibilityNotesEs, d.accessibilityNotesEs)}
        ${fact(t.interpretation, d.interpretation?.length ? d.interpretation.map((x) => t.offers[x]).join(', ') : t.noInterpretation)}
        ${fact(t.sequence, d.sequence)}
      </dl>
      ${
        d.rsvps?.length
          ? html`<h4 id="guests-title">${t.guests}</h4>
        ${this._renderNeeds(d.rsvps)}
        <div class="scroll" role="region" aria-labelledby="guests-title" tabindex="0"><table class="guests">
          <thead><tr><th scope="col">${this.t.students.name}</th><th scope="col">${t.party}</th><th scope="col">${t.language}</th>
            <th scope="col">${t.interpretation}</th><th scope="col">${c.status}</th></tr></thead>
          <tbody>${d.rsvps.map(
            (r) => html`<tr><td>${r.name}<br><span class="muted">${r.email}</span></td><td>${r.partySize}</td>
            <td>${r.lang ? t.languages[r.lang] : ''}</td><td>${this._need(r) || html`<span class="muted">${t.none}</span>`}</td>
            <td>${this.t.status[r.status] ?? r.status}</td></tr>`,
          )}</tbody>
        </table></div>`
          : nothing
      }
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      ${
        d.status === 'scheduled'
          ? html`
        <div class="actions"><button type="button" class="button" @click=${() => {
          this._editing = true;
          this._allDay = d.when.allDay;
          this.resetForm();
          this.focusAfterRender('#ev-title');
        }}>${c.edit}</button></div>
        <form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._cancel(e, d, guests)}>
          ${renderField({ name: 'message', label: t.cancelMessage, type: 'textarea', optional: true }, this.errors, 'evc', c.optional, c.choose)}
          <div class="actions"><button type="submit" class="button danger secondary" part="cancel-event-button">${t.cancelEvent}</button></div>
        </form>`
          : nothing
      }
      ${this.can.coordinate ? html`<div class="actions"><button type="button" class="button danger secondary" part="delete-button" @click=${() => void this._delete(d)}>${t.delete}</button></div>` : nothing}`;
  }

  /** Check-in mode: its module loads the first time a door opens, then the pane shows the door. */
  private async _openDoor(id: string): Promise<void> {
    try {
      await import('./events-checkin.js');
      this._checkin = id;
    } catch (e) {
      this.failure = e as never;
    }
  }

  /** What a guest asked for: "ASL", "Spanish", or the language they typed. */
  private _need(r: Guest): string {
    const t = this.t.events;
    return r.interpretation === 'other' ? r.interpretationOther?.trim() || t.needs.other! : r.interpretation ? t.needs[r.interpretation]! : '';
  }

  /** For planning: how many guests (not cancelled) asked for each interpretation, the other languages by name. */
  private _renderNeeds(rsvps: Guest[]): TemplateResult {
    const t = this.t.events;
    const counts = new Map<string, number>();
    for (const r of rsvps) if (r.status !== 'cancelled' && r.interpretation) counts.set(this._need(r), (counts.get(this._need(r)) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return html`<div class="planning" role="group" aria-labelledby="needs-title">
      <p id="needs-title"><strong>${t.needsTitle(total)}</strong></p>
      ${total ? html`<ul class="needs">${[...counts].map(([need, n]) => html`<li>${t.needCount(need, n)}</li>`)}</ul>` : nothing}
    </div>`;
  }

  private _specs(d: EventRecord | null): FieldSpec[] {
    const t = this.t.events;
    const nul = d ? ('null' as const) : ('omit' as const);
    const zone = d?.when.timeZone ?? localZone();
    const zones = [...new Set([zone, localZone(), ...ZONES])];
    const specs: FieldSpec[] = [
      { name: 'title', label: t.title, type: 'text', value: d?.title },
      { name: 'type', label: t.type, type: 'select', value: d?.type, options: EVENT_TYPES.map((x) => [x.code, x.label[this.l]] as const) },
      { name: 'description', label: t.description, type: 'textarea', value: d?.description, optional: true, empty: 'omit' },
      { name: 'when.allDay', label: t.allDay, type: 'checkbox', value: this._allDay },
      { name: 'when.startDate', label: t.startDate, type: 'date', value: d?.when.startDate },
      ...(this._allDay
        ? []
        : [{ name: 'when.startTime', label: t.startTime, type: 'time', value: d?.when.startTime, optional: true, empty: 'omit' } satisfies FieldSpec]),
      { name: 'when.endDate', label: t.endDate, type: 'date', value: d?.when.endDate },
      ...(this._allDay
        ? []
        : [{ name: 'when.endTime', label: t.endTime, type: 'time', value: d?.when.endTime, optional: true, empty: 'omit' } satisfies FieldSpec]),
      { name: 'when.timeZone', label: t.timeZone, type: 'select', value: zone, options: zones.map((z) => [z, z.replace(/_/g, ' ')] as const) },
      { name: 'locationName', label: t.locationName, type: 'text', value: d?.locationName, optional: true, empty: nul },
      { name: 'address', label: t.address, type: 'text', value: d?.address, optional: true, empty: nul },
      { name: 'city', label: t.city, type: 'text', value: d?.city, optional: true, empty: nul },
      { name: 'state', label: t.state, type: 'text', value: d?.state, optional: true, empty: nul },
      { name: 'postalCode', label: t.postalCode, type: 'text', value: d?.postalCode, optional: true, empty: nul },
      { name: 'virtualUrl', label: t.virtualUrl, type: 'url', value: d?.virtualUrl, optional: true, empty: nul },
      { name: 'accessibilityNotes', label: t.accessibilityNotes, type: 'text', value: d?.accessibilityNotes, optional: true, empty: nul },
      { name: 'titleEs', label: t.titleEs, type: 'text', value: d?.titleEs, optional: true, empty: nul, lang: 'es' },
      { name: 'descriptionEs', label: t.descriptionEs, type: 'textarea', value: d?.descriptionEs, optional: true, empty: nul, lang: 'es' },
      { name: 'accessibilityNotesEs', label: t.accessibilityNotesEs, type: 'text', value: d?.accessibilityNotesEs, optional: true, empty: nul, lang: 'es' },
      {
        name: 'interpretation',
        label: t.interpretationOffered,
        type: 'checks',
        value: d?.interpretation ?? [],
        hint: t.interpretationHint,
        options: INTERPRETATION.map((x) => [x, t.offers[x]!] as const),
      },
      {
        name: 'audiences',
        label: t.audiences,
        type: 'checks',
        value: d?.audiences ?? ['students', 'families'],
        options: EVENT_AUDIENCE_LABELS.map((a) => [a.code, a.label[this.l]] as const),
      },
      {
        name: 'clusters',
        label: this.t.opportunities.cluster,
        type: 'checks',
        value: d?.clusters ?? [],
        options: CLUSTERS.map((x) => [x.code, x.label[this.l]] as const),
      },
      { name: 'gradeMin', label: t.gradeMin, type: 'number', value: d?.gradeMin, optional: true, empty: nul },
      { name: 'gradeMax', label: t.gradeMax, type: 'number', value: d?.gradeMax, optional: true, empty: nul },
      { name: 'capacity', label: t.capacity, type: 'number', value: d?.capacity, optional: true, empty: nul, hint: t.capacityHint },
      { name: 'registrationRequired', label: t.registrationRequired, type: 'checkbox', value: d?.registrationRequired ?? false },
    ];
    return specs;
  }

  private _renderForm(d: EventRecord | null): TemplateResult {
    const t = this.t.events;
    const c = this.t.common;
    const specs = this._specs(d);
    const stray = strayErrors(this.errors, specs);
    const field = (name: string) => renderField(specs.find((f) => f.name === name)!, this.errors, 'ev', c.optional, c.choose);
    const has = (name: string) => specs.some((f) => f.name === name);
    return html`<form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._save(e, d)}
      @change=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        if (input.name === 'when.allDay') this._allDay = input.checked;
      }}>
      ${stray.length ? html`<div class="problem" role="alert"><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      <div class="row langs">
        <fieldset><legend>${t.english}</legend>${field('title')}${field('description')}${field('accessibilityNotes')}</fieldset>
        <fieldset><legend>${t.spanish} <span class="muted">${c.optional}</span></legend>
          ${field('titleEs')}${field('descriptionEs')}${field('accessibilityNotesEs')}</fieldset>
      </div>
      <div class="row">${field('type')}</div>
      <fieldset><legend>${t.schedule}</legend>
        ${field('when.allDay')}
        <div class="row">${field('when.startDate')}${has('when.startTime') ? field('when.startTime') : nothing}
          ${field('when.endDate')}${has('when.endTime') ? field('when.endTime') : nothing}</div>
        ${field('when.timeZone')}
      </fieldset>
      <fieldset><legend>${t.place}</legend>
        <div class="row">${field('locationName')}${field('address')}${field('city')}${field('state')}${field('postalCode')}</div>
        ${field('virtualUrl')}
      </fieldset>
      ${field('interpretation')}
      ${field('audiences')}
      ${field('clusters')}
      <div class="row">${field('gradeMin')}${field('gradeMax')}${field('capacity')}</div>
      ${field('registrationRequired')}
      <div class="actions">
        <button type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : d ? c.save : t.create}</button>
        <button type="button" class="button secondary" @click=${() => {
          if (d) {
            this._editing = false;
            this.resetForm();
            this.focusPane();
          } else this.closePane();
        }}>${c.cancel}</button>
      </div>
    </form>`;
  }

  private async _save(e: SubmitEvent, d: EventRecord | null): Promise<void> {
    e.preventDefault();
    const t = this.t.events;
    const body = readForm(e.target as HTMLFormElement, this._specs(d));
    const schema = d ? AdminEventUpdate : AdminEventCreate;
    await this.submitForm(
      schema,
      checkable(schema, body),
      () => (d ? this.api.patch<EventRecord>(`/admin/events/${encodeURIComponent(d.id)}`, body) : this.api.post<EventRecord>('/admin/events', body)),
      (saved) => {
        this._detail.set(saved);
        this._editing = false;
        this.done(d ? 'event.update' : 'event.create', saved.id, (d ? t.savedDone : t.created)(saved.title));
        void this._list.load();
        if (!d) this.navigate(saved.id, true);
        this.focusPane();
      },
    );
  }

  private async _delete(d: EventRecord): Promise<void> {
    if (this.busy) return;
    const t = this.t.events;
    if (!(await this.confirm({ title: t.confirmDelete(d.title), body: t.confirmDeleteBody, confirm: t.delete, danger: true }))) return;
    // With RSVPs the API answers 409; its detail shows above the actions.
    await this.submitForm(
      null,
      null,
      () => this.api.delete<null>(`/admin/events/${encodeURIComponent(d.id)}`),
      () => {
        this._list.update((x) => x.id, d.id, null);
        this._detail.clear();
        this.done('event.delete', d.id, t.deletedDone(d.title));
        this.closePane();
      },
    );
  }

  private async _cancel(e: SubmitEvent, d: EventRecord, guests: number): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const t = this.t.events;
    const body = readForm(e.target as HTMLFormElement, [{ name: 'message', label: '', type: 'textarea', optional: true }]);
    if (!(await this.confirm({ title: t.confirmCancel(d.title), body: t.confirmCancelBody(guests), confirm: t.cancelEvent, danger: true }))) return;
    await this.submitForm(
      AdminEventCancel,
      body,
      () => this.api.post<EventRecord>(`/admin/events/${encodeURIComponent(d.id)}/cancel`, body),
      (next) => {
        this._detail.set(next);
        this._list.update((x) => x.id, d.id, !this._status || next.status === this._status ? next : null);
        this.done('event.cancel', d.id, t.cancelledDone(d.title));
        this.focusPane();
      },
    );
  }
}

WblConsoleEvents.define('wbl-console-events');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-events': WblConsoleEvents;
  }
}
