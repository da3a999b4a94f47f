import { Task } from '@lit/task';
import { css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import {
  type BreakdownRow,
  type EventReport,
  MIN_CELL_FLOOR,
  type ReportBreakdown,
  ReportSettings,
  type ReportSummary,
  type SurveyReport,
} from '../../../schema/api/admin/reports.js';
import type { AdminSchool } from '../../../schema/api/admin/sites.js';
import type { Params } from '../../base/api.js';
import { formatNumber, intlLocale } from '../../base/localize.js';
import { saveFile, type ConsoleApi, type ConsoleApiError } from '../console-api.js';
import { SectionElement } from '../section-base.js';
import { failure, initialState, loadState, lookup } from '../section-tasks.js';
import { sectionStyles } from '../section.styles.js';
import { readForm, renderField, type FieldSpec } from './form.js';
import { loadSchools } from './lookups.js';

const BREAKDOWNS: ReportBreakdown[] = ['stage', 'cluster', 'school', 'grade', 'group'];
const BAR_ROW = 24;

/**
 * Reports: participation by stage, cluster, school, grade and student group, completion,
 * hours, employers engaged and the Perkins V 5S3 share, each with a small SVG bar chart and a
 * CSV download; events, reserved against attended; and the experience survey per employer.
 * Admins, coordinators and viewers. Counts the API withholds (fewer students
 * than the district's threshold, or what would reveal them) show as "<5" with the reason, and
 * their bars are left undrawn rather than drawn as zero. Administrators set the threshold here.
 *
 * @internal
 * @tagname wbl-console-reports
 */
export class WblConsoleReports extends SectionElement {
  static override styles = [
    sectionStyles,
    css`
    .tiles { display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr)); margin: 0; }
    .tile { display: grid; gap: .15rem; align-content: start; padding: .75rem .9rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
    .tile dt { font-size: .9rem; color: var(--_muted); font-weight: 600; }
    .tile dd { margin: 0; }
    .tile .big { font-size: 1.6rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
    .tile .sub { color: var(--_muted); font-size: .9rem; }
    .breakdown { display: grid; gap: .6rem; padding-top: .75rem; border-top: 1px solid var(--_border); }
    .chart { width: 100%; max-width: 40rem; height: auto; }
    .chart .track { fill: var(--_subtle); }
    .chart .bar { fill: var(--_primary); }
    .chart text { fill: var(--_text); font-size: 11px; font-family: inherit; }
    .chart .value { font-variant-numeric: tabular-nums; }
    .scroll { overflow-x: auto; border: 1px solid var(--_border); border-radius: var(--_radius); }
    table { width: 100%; border-collapse: collapse; font-size: .93rem; }
    th, td { padding: .4rem .6rem; text-align: start; border-bottom: 1px solid var(--_border); }
    thead th { background: var(--_subtle); }
    tbody tr:last-child td { border-bottom: 0; }
    .num { text-align: end; font-variant-numeric: tabular-nums; }
    .withheld { cursor: help; text-decoration: underline dotted; text-underline-offset: .2em; }
    .chart .withheld-track { fill: none; stroke: var(--_muted); stroke-dasharray: 3 3; }
    .chart .withheld-value { fill: var(--_muted); }
    .note { margin: 0; color: var(--_muted); font-size: .9rem; }
    .threshold { display: grid; gap: .6rem; padding-top: .75rem; border-top: 1px solid var(--_border); }
    .threshold form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; }
    .threshold .field { flex: 0 1 22rem; }
  `,
  ];

  protected readonly section = 'reports' as const;

  static {
    for (const name of ['_filters']) this.createProperty(name, { state: true });
  }

  declare private _filters: { from: string; to: string; schoolId: string };
  /** The last report that came in: it stays on screen while the next one loads, or if that fails. */
  private _report: ReportSummary | null = null;
  private _announceLoaded = false;
  private _task = new Task(this, {
    autoRun: false,
    task: async ([api, params]: [ConsoleApi, Params], { signal }) => {
      const report = await api.get<ReportSummary>('/admin/reports', params, signal);
      signal.throwIfAborted();
      return report;
    },
    onComplete: (report) => {
      this._report = report;
      if (this._announceLoaded) this.announce(this.t.reports.loaded);
    },
  });
  /** The events and survey reports, for the same filters; each shows its own failure and never holds up the rest. */
  private _more = new Task(this, {
    autoRun: false,
    task: async ([api, params]: [ConsoleApi, Params], { signal }) => {
      const [events, surveys] = await Promise.allSettled([
        api.get<EventReport>('/admin/reports/events', params, signal),
        api.get<SurveyReport>('/admin/reports/experience-surveys', params, signal),
      ]);
      signal.throwIfAborted();
      return { events, surveys };
    },
  });
  private _schools = lookup(
    this,
    () => [this.api] as const,
    ([api]) => (api ? loadSchools(api) : initialState),
  );

  constructor() {
    super();
    this._filters = { from: '', to: '', schoolId: '' };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._task.abort();
    this._more.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('api') && this.api) {
      void this._load();
    }
  }

  private get _params() {
    const f = this._filters;
    return { from: f.from || undefined, to: f.to || undefined, schoolId: f.schoolId || undefined, lang: this.l };
  }

  /** Asks for the report with the filters; a newer request aborts the one before it. */
  private async _load(announce = false): Promise<void> {
    this._announceLoaded = announce;
    void this._more.run([this.api, this._params]);
    await this._task.run([this.api, this._params]);
  }

  private get _status(): 'loading' | 'ready' | 'error' {
    return loadState(this._task);
  }

  private get _error(): ConsoleApiError | null {
    return failure(this._task);
  }

  private get _schoolList(): AdminSchool[] {
    return this._schools.value ?? [];
  }

  private async _download(name: 'summary' | ReportBreakdown | 'events' | 'experience-surveys'): Promise<void> {
    try {
      const file = await this.api.download(`/admin/reports/${name}.csv`, this._params, `wbl-${name}.csv`);
      saveFile(file);
      this.announce(this.t.common.downloaded(file.filename));
    } catch (e) {
      this.announce(this.problemText(e));
    }
  }

  private _thresholdSpec(value: number): FieldSpec[] {
    const t = this.t.reports;
    return [{ name: 'minCell', label: t.thresholdLabel, type: 'number', value, step: '1', hint: t.thresholdHint(MIN_CELL_FLOOR) }];
  }

  private async _saveThreshold(e: SubmitEvent, current: number): Promise<void> {
    e.preventDefault();
    const body = readForm(e.target as HTMLFormElement, this._thresholdSpec(current));
    await this.submitForm(
      ReportSettings,
      body,
      () => this.api.put<ReportSettings>('/admin/reports/settings', body),
      (saved) => {
        this.done('report-settings.update', null, this.t.reports.thresholdSaved(saved.minCell));
        void this._load();
      },
    );
  }

  private _onFilters(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this._filters = { from: String(data.get('from') ?? ''), to: String(data.get('to') ?? ''), schoolId: String(data.get('schoolId') ?? '') };
    void this._load(true);
  }

  override render(): TemplateResult {
    const t = this.t.reports;
    const c = this.t.common;
    const r = this._report;
    return html`
      <form class="toolbar" aria-label=${t.filters} @submit=${this._onFilters}>
        <div class="field"><label for="r-from">${c.from}</label><input id="r-from" name="from" type="date" .value=${this._filters.from}></div>
        <div class="field"><label for="r-to">${c.to}</label><input id="r-to" name="to" type="date" .value=${this._filters.to}></div>
        ${
          this._schoolList.length
            ? html`<div class="field"><label for="r-school">${c.school}</label>
          <select id="r-school" name="schoolId">
            <option value="" ?selected=${!this._filters.schoolId}>${c.allSchools}</option>
            ${this._schoolList.map((s) => html`<option value=${s.id} ?selected=${this._filters.schoolId === s.id}>${s.name}</option>`)}
          </select></div>`
            : nothing
        }
        <button type="submit" class="button">${t.apply}</button>
      </form>
      ${this._status === 'error' ? this.renderProblem(this._error, () => void this._load()) : nothing}
      ${this._status === 'loading' && !r ? html`<p role="status" class="muted">${c.loading}</p>` : nothing}
      ${r ? this._renderReport(r) : nothing}
      ${r && this.can.admin ? this._renderThreshold(r.suppression.minCell) : nothing}`;
  }

  private get _minCell(): number {
    return this._report?.suppression.minCell ?? MIN_CELL_FLOOR;
  }

  /**
   * A figure the API withheld: "<5" on screen (its reason as a tooltip and in the note below),
   * "fewer than 5, hidden" for a screen reader.
   */
  private _withheld(): TemplateResult {
    const t = this.t.reports;
    const min = this._minCell;
    return html`<span class="withheld" title=${t.withheldNote(min)}><span aria-hidden="true">${t.withheld(min)}</span><span class="visually-hidden">${t.withheldCell(min)}</span></span>`;
  }

  /** A number, or the withheld marker when the API answered null for a suppressed figure. */
  private _num(x: number | null, suppressed: boolean, digits?: number): TemplateResult | string {
    if (x !== null) return formatNumber(x, this.l, digits);
    return suppressed ? this._withheld() : '—';
  }

  /** The same in running text (tile subtitles), where markup would break the sentence. */
  private _plain(x: number | null, suppressed: boolean): string {
    return x !== null ? formatNumber(x, this.l, 0) : suppressed ? this.t.reports.withheld(this._minCell) : '—';
  }

  private _pct(share: number | null, suppressed = false): string {
    if (share === null) return suppressed ? this.t.reports.withheld(this._minCell) : this.t.reports.notApplicable;
    return new Intl.NumberFormat(intlLocale(this.l), { style: 'percent', maximumFractionDigits: 1 }).format(share);
  }

  private _pctCell(share: number | null, suppressed: boolean): TemplateResult | string {
    return share === null && suppressed ? this._withheld() : this._pct(share);
  }

  private _note(id: string): TemplateResult {
    const t = this.t.reports;
    return html`<p class="note" id=${id}><span aria-hidden="true">${t.withheld(this._minCell)}: </span>${t.withheldNote(this._minCell)} ${t.withheldWhy}</p>`;
  }

  private _renderReport(r: ReportSummary): TemplateResult {
    const t = this.t.reports;
    const hid = r.suppressed;
    const pk = r.perkins5s3;
    const anyHidden = hid || pk.all.suppressed || pk.graduating.suppressed;
    const tile = (label: string, big: TemplateResult | string, sub: string) =>
      html`<div class="tile"><dt>${label}</dt><dd class="big">${big}</dd><dd class="sub">${sub}</dd></div>`;
    return html`
      <section aria-labelledby="r-summary" aria-busy=${this._status === 'loading' ? 'true' : 'false'}>
        <div class="toolbar"><h3 id="r-summary">${t.summary}</h3>
          <button type="button" class="button secondary small" @click=${() => void this._download('summary')}>${t.downloadSummary}</button></div>
        <dl class="tiles" aria-describedby=${anyHidden ? 'r-summary-note' : nothing}>
          ${tile(t.withExperience, this._num(r.studentsWithExperience, hid, 0), t.ofRoster(this._pct(r.participationRate, hid)))}
          ${tile(t.roster, this._num(r.rosterStudents, hid, 0), '')}
          ${tile(t.placements, this._num(r.placements, hid, 0), t.completionOf(this._plain(r.completed, hid)))}
          ${tile(t.completion, this._pctCell(r.completionRate, hid), t.completionOf(this._plain(r.completed, hid)))}
          ${tile(t.hours, this._num(r.approvedHours, hid), t.hoursLogged(r.loggedHours === null ? this._plain(null, hid) : formatNumber(r.loggedHours, this.l)))}
          ${tile(t.employersHosting, formatNumber(r.employersHosting, this.l, 0), t.employersOffering(r.employersOffering))}
          ${tile(
            t.perkins,
            this._pctCell(pk.all.share, pk.all.suppressed),
            `${t.perkinsShare(this._plain(pk.all.withWbl, pk.all.suppressed), this._plain(pk.all.concentrators, pk.all.suppressed))}. ${t.perkinsGrad(this._pct(pk.graduating.share, pk.graduating.suppressed))}`,
          )}
        </dl>
        ${anyHidden ? this._note('r-summary-note') : nothing}
      </section>
      ${BREAKDOWNS.map((b) => this._renderBreakdown(b, r.breakdowns[b]))}
      ${this._renderMore()}`;
  }

  /** Events (reserved against attended) and the survey per employer, once they have loaded. */
  private _renderMore(): TemplateResult | typeof nothing {
    const more = this._more.value;
    if (!more) return nothing;
    const t = this.t.reports;
    const part = <T>(name: 'events' | 'experience-surveys', id: string, title: string, r: PromiseSettledResult<T>, body: (v: T) => TemplateResult) =>
      html`<div class="breakdown"><div class="toolbar"><h3 id=${id}>${title}</h3>
        ${r.status === 'fulfilled' ? html`<button type="button" class="button secondary small" @click=${() => void this._download(name)}>${t.downloadNamed(title)}</button>` : nothing}</div>
        ${r.status === 'fulfilled' ? body(r.value) : html`<p class="muted">${t.notLoaded(this.problemText(r.reason))}</p>`}</div>`;
    const pp = (c: { parties: number; people: number }) => t.partiesPeople(c.parties, c.people);
    return html`
      ${part('events', 'r-events', t.events, more.events, (e) =>
        e.events.length
          ? html`<p class="note">${t.eventsNote}</p>
        <div class="scroll" role="region" aria-labelledby="r-events" tabindex="0"><table>
          <thead><tr><th scope="col">${t.event}</th><th scope="col">${t.eventDate}</th><th scope="col" class="num">${t.reservedCol}</th>
            <th scope="col" class="num">${t.attendedCol}</th><th scope="col" class="num">${t.walkInsCol}</th><th scope="col" class="num">${t.studentsCame}</th></tr></thead>
          <tbody>${e.events.map(
            (x) => html`<tr><th scope="row">${x.title}</th><td>${this.date(x.startsAt)}</td><td class="num">${pp(x.reserved)}</td>
            <td class="num">${pp(x.attended)}</td><td class="num">${pp(x.walkIns)}</td><td class="num">${this._num(x.students, x.students === null, 0)}</td></tr>`,
          )}</tbody></table></div>`
          : html`<p class="muted">${t.noEvents}</p>`,
      )}
      ${part('experience-surveys', 'r-surveys', t.surveys, more.surveys, (s) =>
        s.employers.length
          ? html`<p class="note">${t.surveysNote}</p>
        <div class="scroll" role="region" aria-labelledby="r-surveys" tabindex="0"><table>
          <thead><tr><th scope="col">${t.employer}</th><th scope="col" class="num">${t.responses}</th><th scope="col" class="num">${t.meaningful}</th>
            <th scope="col" class="num">${t.feltSafe}</th><th scope="col" class="num">${t.wouldRecommend}</th><th scope="col" class="num">${t.recommendShare}</th></tr></thead>
          <tbody>${s.employers.map(
            (x) => html`<tr><th scope="row">${x.name}</th><td class="num">${this._num(x.responses, x.suppressed, 0)}</td>
            <td class="num">${this._num(x.meaningful, x.suppressed, 1)}</td><td class="num">${this._num(x.feltSafe, x.suppressed, 1)}</td>
            <td class="num">${this._num(x.wouldRecommend, x.suppressed, 1)}</td><td class="num">${this._pctCell(x.recommendShare, x.suppressed)}</td></tr>`,
          )}</tbody></table></div>`
          : html`<p class="muted">${t.noSurveys}</p>`,
      )}`;
  }

  private _renderBreakdown(name: ReportBreakdown, rows: BreakdownRow[]): TemplateResult {
    const t = this.t.reports;
    const title = t.by[name]!;
    // Stage and cluster have no roster column; elsewhere a withheld roster count is null too.
    const withRoster = name === 'school' || name === 'grade' || name === 'group';
    const anyHidden = rows.some((row) => row.suppressed);
    const note = `r-${name}-note`;
    return html`<div class="breakdown">
      <div class="toolbar"><h3 id="r-${name}">${title}</h3>
        <button type="button" class="button secondary small" @click=${() => void this._download(name)}>${t.downloadNamed(title)}</button></div>
      ${name === 'stage' ? html`<p class="note">${t.stageNote}</p>` : nothing}
      ${
        rows.length
          ? html`
        ${this._chart(title, rows)}
        <div class="scroll" role="region" aria-labelledby="r-${name}" tabindex="0">
          <table aria-describedby=${anyHidden ? note : nothing}>
            <thead><tr><th scope="col">${t.row}</th><th scope="col" class="num">${t.students}</th>
              ${withRoster ? html`<th scope="col" class="num">${t.rosterCol}</th>` : nothing}
              <th scope="col" class="num">${t.placements}</th><th scope="col" class="num">${t.completed}</th><th scope="col" class="num">${t.hoursCol}</th></tr></thead>
            <tbody>${rows.map(
              (row) => html`<tr><th scope="row">${row.label}</th><td class="num">${this._num(row.students, row.suppressed, 0)}</td>
              ${withRoster ? html`<td class="num">${this._num(row.rosterStudents, row.suppressed, 0)}</td>` : nothing}
              <td class="num">${this._num(row.placements, row.suppressed, 0)}</td><td class="num">${this._num(row.completed, row.suppressed, 0)}</td>
              <td class="num">${this._num(row.approvedHours, row.suppressed)}</td></tr>`,
            )}</tbody>
          </table>
        </div>
        ${anyHidden ? this._note(note) : nothing}`
          : html`<p class="muted">${t.noData}</p>`
      }
    </div>`;
  }

  /** The administrator's control of the small-cell threshold (the API refuses below 5). */
  private _renderThreshold(current: number): TemplateResult {
    const t = this.t.reports;
    const specs = this._thresholdSpec(current);
    return html`<section class="threshold" aria-labelledby="r-threshold">
      <h3 id="r-threshold">${t.threshold}</h3>
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      <form novalidate @submit=${(e: SubmitEvent) => void this._saveThreshold(e, current)}>
        ${specs.map((f) => renderField(f, this.errors, 'r', this.t.common.optional, this.t.common.choose))}
        <button type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? this.t.common.saving : t.thresholdSave}</button>
      </form>
    </section>`;
  }

  /**
   * A small horizontal bar chart of students with an experience; the table beside it has the
   * numbers. A withheld row gets a dashed empty track and "<5", never a zero-length bar, which
   * would read as "none".
   */
  private _chart(title: string, rows: BreakdownRow[]): TemplateResult {
    const max = Math.max(1, ...rows.map((r) => r.students ?? 0));
    const width = 320;
    const labelW = 130;
    const valueW = 36;
    const barW = width - labelW - valueW;
    const short = (s: string) => (s.length > 22 ? `${s.slice(0, 21)}…` : s);
    return html`<svg class="chart" viewBox="0 0 ${width} ${rows.length * BAR_ROW}" role="img" aria-label=${this.t.reports.chart(title)}
      preserveAspectRatio="xMinYMin meet">
      ${rows.map((r, i) => {
        const y = i * BAR_ROW;
        if (r.students === null) {
          return svg`<g class="withheld-row"><title>${this.t.reports.withheldBar(r.label, this._minCell)}</title>
            <text x="0" y=${y + 16}>${short(r.label)}</text>
            <rect class="withheld-track" x=${labelW + 0.5} y=${y + 5.5} width=${barW - 1} height="13" rx="3"></rect>
            <text class="value withheld-value" x=${width} y=${y + 16} text-anchor="end">${this.t.reports.withheld(this._minCell)}</text></g>`;
        }
        const w = Math.round((r.students / max) * barW * 10) / 10;
        return svg`<g><title>${r.label}: ${r.students}</title>
          <text x="0" y=${y + 16}>${short(r.label)}</text>
          <rect class="track" x=${labelW} y=${y + 5} width=${barW} height="14" rx="3"></rect>
          <rect class="bar" x=${labelW} y=${y + 5} width=${w} height="14" rx="3"></rect>
          <text class="value" x=${width} y=${y + 16} text-anchor="end">${formatNumber(r.students, this.l, 0)}</text></g>`;
      })}
    </svg>`;
  }
}

WblConsoleReports.define('wbl-console-reports');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-reports': WblConsoleReports;
  }
}
