import { css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import type { BreakdownRow, ReportBreakdown, ReportSummary } from '../../../schema/api/admin/reports.js';
import type { AdminSchool } from '../../../schema/api/admin/sites.js';
import { isAbort } from '../../base/api.js';
import { formatNumber, intlLocale } from '../../base/localize.js';
import { saveFile, toConsoleError, type ConsoleApiError } from '../console-api.js';
import { SectionElement } from '../section-base.js';
import { sectionStyles } from '../section.styles.js';
import { loadSchools } from './lookups.js';

const BREAKDOWNS: ReportBreakdown[] = ['stage', 'cluster', 'school', 'grade', 'group'];
const BAR_ROW = 24;

/**
 * Reports: participation by stage, cluster, school, grade and student group, completion,
 * hours, employers engaged and the Perkins V 5S3 share, each with a small SVG bar chart and a
 * CSV download. Admins, coordinators and viewers.
 *
 * @internal
 * @tagname wbl-console-reports
 */
export class WblConsoleReports extends SectionElement {
  static override styles = [sectionStyles, css`
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
  `];

  protected readonly section = 'reports' as const;

  static {
    for (const name of ['_report', '_status', '_error', '_schools', '_filters']) this.createProperty(name, { state: true });
  }

  declare private _report: ReportSummary | null;
  declare private _status: 'loading' | 'ready' | 'error';
  declare private _error: ConsoleApiError | null;
  declare private _schools: AdminSchool[];
  declare private _filters: { from: string; to: string; schoolId: string };
  private _abort?: AbortController;

  constructor() {
    super();
    this._report = null;
    this._status = 'loading';
    this._error = null;
    this._schools = [];
    this._filters = { from: '', to: '', schoolId: '' };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('api') && this.api) {
      void this._load();
      loadSchools(this.api).then((s) => { this._schools = s; }, () => { /* the school filter stays hidden */ });
    }
  }

  private get _params() {
    const f = this._filters;
    return { from: f.from || undefined, to: f.to || undefined, schoolId: f.schoolId || undefined, lang: this.l };
  }

  private async _load(announce = false): Promise<void> {
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    this._status = 'loading';
    try {
      const report = await this.api.get<ReportSummary>('/admin/reports', this._params, abort.signal);
      if (abort.signal.aborted) return;
      this._report = report;
      this._status = 'ready';
      this._error = null;
      if (announce) this.announce(this.t.reports.loaded);
    } catch (e) {
      if (isAbort(e) || abort.signal.aborted) return;
      this._error = toConsoleError(e);
      this._status = 'error';
    }
  }

  private async _download(name: 'summary' | ReportBreakdown): Promise<void> {
    try {
      const file = await this.api.download(`/admin/reports/${name}.csv`, this._params, `wbl-${name}.csv`);
      saveFile(file);
      this.announce(this.t.common.downloaded(file.filename));
    } catch (e) {
      this.announce(this.problemText(e));
    }
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
        ${this._schools.length ? html`<div class="field"><label for="r-school">${c.school}</label>
          <select id="r-school" name="schoolId">
            <option value="" ?selected=${!this._filters.schoolId}>${c.allSchools}</option>
            ${this._schools.map((s) => html`<option value=${s.id} ?selected=${this._filters.schoolId === s.id}>${s.name}</option>`)}
          </select></div>` : nothing}
        <button type="submit" class="button">${t.apply}</button>
      </form>
      ${this._status === 'error' ? this.renderProblem(this._error, () => void this._load()) : nothing}
      ${this._status === 'loading' && !r ? html`<p role="status" class="muted">${c.loading}</p>` : nothing}
      ${r ? this._renderReport(r) : nothing}`;
  }

  private _pct(share: number | null): string {
    return share === null ? this.t.reports.notApplicable : new Intl.NumberFormat(intlLocale(this.l), { style: 'percent', maximumFractionDigits: 1 }).format(share);
  }

  private _renderReport(r: ReportSummary): TemplateResult {
    const t = this.t.reports;
    const n = (x: number) => formatNumber(x, this.l, 0);
    const tile = (label: string, big: string, sub: string) => html`<div class="tile"><dt>${label}</dt><dd class="big">${big}</dd><dd class="sub">${sub}</dd></div>`;
    return html`
      <section aria-labelledby="r-summary" aria-busy=${this._status === 'loading' ? 'true' : 'false'}>
        <div class="toolbar"><h3 id="r-summary">${t.summary}</h3>
          <button type="button" class="button secondary small" @click=${() => void this._download('summary')}>${t.downloadSummary}</button></div>
        <dl class="tiles">
          ${tile(t.withExperience, n(r.studentsWithExperience), t.ofRoster(this._pct(r.participationRate)))}
          ${tile(t.roster, n(r.rosterStudents), '')}
          ${tile(t.placements, n(r.placements), t.completionOf(r.completed))}
          ${tile(t.completion, this._pct(r.completionRate), t.completionOf(r.completed))}
          ${tile(t.hours, formatNumber(r.approvedHours, this.l), t.hoursLogged(formatNumber(r.loggedHours, this.l)))}
          ${tile(t.employersHosting, n(r.employersHosting), t.employersOffering(r.employersOffering))}
          ${tile(t.perkins, this._pct(r.perkins5s3.all.share), `${t.perkinsShare(r.perkins5s3.all.withWbl, r.perkins5s3.all.concentrators)}. ${t.perkinsGrad(this._pct(r.perkins5s3.graduating.share))}`)}
        </dl>
      </section>
      ${BREAKDOWNS.map((b) => this._renderBreakdown(b, r.breakdowns[b]))}`;
  }

  private _renderBreakdown(name: ReportBreakdown, rows: BreakdownRow[]): TemplateResult {
    const t = this.t.reports;
    const title = t.by[name]!;
    const withRoster = rows.some((row) => row.rosterStudents !== null);
    const n = (x: number) => formatNumber(x, this.l, 0);
    return html`<div class="breakdown">
      <div class="toolbar"><h3 id="r-${name}">${title}</h3>
        <button type="button" class="button secondary small" @click=${() => void this._download(name)}>${t.downloadNamed(title)}</button></div>
      ${rows.length ? html`
        ${this._chart(title, rows)}
        <div class="scroll" role="region" aria-labelledby="r-${name}" tabindex="0">
          <table>
            <thead><tr><th scope="col">${t.row}</th><th scope="col" class="num">${t.students}</th>
              ${withRoster ? html`<th scope="col" class="num">${t.rosterCol}</th>` : nothing}
              <th scope="col" class="num">${t.placements}</th><th scope="col" class="num">${t.completed}</th><th scope="col" class="num">${t.hoursCol}</th></tr></thead>
            <tbody>${rows.map((row) => html`<tr><th scope="row">${row.label}</th><td class="num">${n(row.students)}</td>
              ${withRoster ? html`<td class="num">${row.rosterStudents === null ? '—' : n(row.rosterStudents)}</td>` : nothing}
              <td class="num">${n(row.placements)}</td><td class="num">${n(row.completed)}</td><td class="num">${formatNumber(row.approvedHours, this.l)}</td></tr>`)}</tbody>
          </table>
        </div>` : html`<p class="muted">${t.noData}</p>`}
    </div>`;
  }

  /** A small horizontal bar chart of students with an experience; the table beside it has the numbers. */
  private _chart(title: string, rows: BreakdownRow[]): TemplateResult {
    const max = Math.max(1, ...rows.map((r) => r.students));
    const width = 320;
    const labelW = 130;
    const valueW = 36;
    const barW = width - labelW - valueW;
    const short = (s: string) => (s.length > 22 ? `${s.slice(0, 21)}…` : s);
    return html`<svg class="chart" viewBox="0 0 ${width} ${rows.length * BAR_ROW}" role="img" aria-label=${this.t.reports.chart(title)}
      preserveAspectRatio="xMinYMin meet">
      ${rows.map((r, i) => {
        const y = i * BAR_ROW;
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
