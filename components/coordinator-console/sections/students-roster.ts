import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AdminSchool } from '../../../schema/api/admin/sites.js';
import {
  STUDENT_CSV_COLUMNS,
  StudentImportRequest,
  type AccessCodesResponse,
  type AccessCodeSlip,
  type StudentDetail,
  type StudentImportResult,
  type StudentList,
  type StudentListItem,
} from '../../../schema/api/admin/students.js';
import { SectionElement } from '../section-base.js';
import { DetailController, initialState, ListController, lookup } from '../section-tasks.js';
import { strayErrors } from './form.js';
import { loadSchools } from './lookups.js';
import type { SectionMessages } from './messages.js';

type Pane = { kind: 'none' } | { kind: 'new' } | { kind: 'import' } | { kind: 'student'; id: string };

export const GRADES = [6, 7, 8, 9, 10, 11, 12];

/**
 * What the students section loads and keeps (the roster list, the open student, the schools,
 * the filters and selection), how the address opens a pane, and the roster's CSV import and
 * access codes. The element (students.ts) adds the list, a student's record and its form.
 */
export abstract class StudentsRoster extends SectionElement {
  static {
    for (const name of ['_grade', '_school', '_q', '_selected', '_pane', '_editing', '_preview', '_csv', '_codes']) this.createProperty(name, { state: true });
  }

  declare protected _grade: string;
  declare protected _school: string;
  declare protected _q: string;
  declare protected _selected: string[];
  declare protected _pane: Pane;
  declare protected _editing: boolean;
  declare protected _preview: StudentImportResult | null;
  declare protected _csv: string;
  declare protected _codes: AccessCodesResponse | null;
  /** The tenant's schools for the filter and the form; with none, the pickers are left out. */
  protected _schoolLookup = lookup(
    this,
    () => [this.api] as const,
    ([api]) => (api ? loadSchools(api) : initialState),
  );

  protected _detail = new DetailController<StudentDetail>(
    this,
    (id, signal) => this.api.get<StudentDetail>(`/admin/students/${encodeURIComponent(id)}`, undefined, signal),
    () => this.focusPane(),
  );

  protected _list = new ListController<StudentListItem>(this, (cursor, signal) =>
    this.api.get<StudentList>(
      '/admin/students',
      {
        q: this._q || undefined,
        grade: this._grade || undefined,
        school: this._school || undefined,
        cursor,
        limit: 25,
      },
      signal,
    ),
  );

  constructor() {
    super();
    this._grade = '';
    this._school = '';
    this._q = '';
    this._selected = [];
    this._pane = { kind: 'none' };
    this._editing = false;
    this._preview = null;
    this._csv = '';
    this._codes = null;
  }

  protected get _schools(): AdminSchool[] {
    return this._schoolLookup.value ?? [];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.api && !this._list.started) void this._list.load();
    if (changed.has('path')) this._follow(this.path);
  }

  /** Opens what the address names: a student, the add form or the import. */
  protected _follow(path: string): void {
    const pane: Pane =
      path === 'new'
        ? { kind: 'new' }
        : path === 'import'
          ? { kind: 'import' }
          : /^stu_[a-z0-9_]+$/.test(path)
            ? { kind: 'student', id: path }
            : { kind: 'none' };
    const same = pane.kind === this._pane.kind && (pane.kind !== 'student' || (this._pane.kind === 'student' && this._pane.id === pane.id));
    if (same) return;
    this._pane = pane;
    this.resetForm();
    this._editing = false;
    if (pane.kind === 'student') void this._detail.open(pane.id);
    if (pane.kind !== 'none') this.focusPane();
  }

  protected _setFilter(name: '_grade' | '_school', value: string): void {
    this[name] = value;
    this._selected = [];
    void this._list.load();
  }

  // --- CSV import -----------------------------------------------------------------------------

  protected _renderImport(): TemplateResult {
    const t = this.t.students;
    const p = this._preview;
    const canImport = p && !p.written && p.summary.error === 0 && p.summary.rows > 0;
    return html`
      <p>${t.importIntro}</p>
      <form class="grid" novalidate @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        void this._runImport(true);
      }}>
        <div class="field"><label for="csv">${t.csv}</label>
          <span class="hint" id="csv-hint">${t.columnsHint(STUDENT_CSV_COLUMNS.join(', '))}</span>
          ${this.errors.csv ? html`<span class="error" id="csv-error">${this.errors.csv}</span>` : nothing}
          <textarea id="csv" rows="6" spellcheck="false" aria-describedby=${this.errors.csv ? 'csv-hint csv-error' : 'csv-hint'}
            aria-invalid=${this.errors.csv ? 'true' : 'false'} .value=${this._csv}
            @input=${(e: Event) => {
              this._csv = (e.target as HTMLTextAreaElement).value;
              this._preview = null;
            }}></textarea></div>
        ${
          strayErrors(this.errors, [{ name: 'csv', label: '', type: 'textarea' }]).length
            ? html`<div class="problem" role="alert"><ul>
          ${strayErrors(this.errors, [{ name: 'csv', label: '', type: 'textarea' }]).map((m) => html`<li>${m}</li>`)}</ul></div>`
            : nothing
        }
        <div class="field"><label for="csv-file">${t.file}</label>
          <input id="csv-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" @change=${this._onFile}></div>
        ${this.failure ? this.renderProblem(this.failure) : nothing}
        <div class="actions"><button type="submit" class="button secondary" part="preview-button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy && !p ? t.previewing : t.preview}</button></div>
      </form>
      ${
        p
          ? html`<div class="grid">
        <h4 id="preview-title" tabindex="-1">${t.previewTitle}</h4>
        <p role="status">${t.previewSummary(p.summary.rows, p.summary.create, p.summary.update, p.summary.error)}</p>
        ${p.summary.error ? html`<p class="error">${t.rowsWithErrors}</p>` : nothing}
        <div class="scroll" role="region" aria-labelledby="preview-title" tabindex="0">
          <table class="preview-table" part="import-preview">
            <thead><tr><th scope="col">${t.line}</th><th scope="col">${t.rowStatus}</th><th scope="col">${t.number}</th><th scope="col">${t.name}</th>
              <th scope="col">${t.grade}</th><th scope="col">${t.problems}</th></tr></thead>
            <tbody>${p.rows.map(
              (r) => html`<tr class=${r.status === 'error' ? 'bad' : ''}>
              <th scope="row">${r.line}</th>
              <td><span class="badge ${r.status === 'error' ? 'bad' : 'good'}">${this.t.status[r.status] ?? r.status}</span></td>
              <td>${r.student.studentNumber ?? '—'}</td><td>${r.student.preferredName ?? '—'}</td><td>${r.student.grade ?? '—'}</td>
              <td>${r.errors.length ? html`<ul>${r.errors.map((er) => html`<li><strong>${er.field}</strong>: ${er.message}</li>`)}</ul>` : '—'}</td>
            </tr>`,
            )}</tbody>
          </table>
        </div>
        ${
          canImport
            ? html`<div class="actions"><button type="button" class="button" part="import-button" aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => void this._runImport(false)}>${this.busy ? t.importing : t.confirmImport(p.summary.create + p.summary.update)}</button></div>`
            : nothing
        }
      </div>`
          : nothing
      }`;
  }

  protected async _onFile(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this._csv = await file.text();
    this._preview = null;
  }

  protected async _runImport(dryRun: boolean): Promise<void> {
    const body = { csv: this._csv, dryRun };
    await this.submitForm(
      StudentImportRequest,
      body,
      () => this.api.post<StudentImportResult>('/admin/students/import', body),
      (result) => {
        this._preview = result;
        if (!dryRun && result.written) {
          this.done('student.import', null, this.t.students.importedDone(result.summary.create, result.summary.update));
          this._csv = '';
          this._preview = null;
          void this._list.load();
          this.closePane();
        } else {
          this.focusAfterRender('#preview-title');
        }
      },
    );
  }

  // --- access codes ---------------------------------------------------------------------------

  protected async _generateCodes(ids: string[]): Promise<void> {
    const t = this.t.students;
    if (!ids.length) {
      this.announce(t.selectFirst);
      return;
    }
    if (!(await this.confirm({ title: t.confirmCodes(ids.length), body: t.confirmCodesBody, confirm: t.generate }))) return;
    try {
      const codes = await this.api.post<AccessCodesResponse>('/admin/students/access-codes', { studentIds: ids });
      this._codes = codes;
      this.done('student.access-codes', null, t.codesDone(codes.items.length));
      void this._list.load();
      this.focusPane();
    } catch (e) {
      this.announce(this.problemText(e));
    }
  }

  protected _renderCodes(codes: AccessCodesResponse): TemplateResult {
    const t = this.t.students;
    return this.renderPane(
      t.codesTitle,
      html`
      <p>${t.codesIntro}</p>
      <p class="muted">${t.generatedAt(this.instant(codes.generatedAt))}</p>
      <ul class="slips" part="access-codes">${codes.items.map(
        (s) => html`<li class="slip">
        <span class="small">${t.slipFor(s.schoolName ?? this.user.tenantName)}</span>
        <strong>${s.preferredName}</strong>
        <span>${t.number}: ${s.studentNumber} · ${t.grade} ${s.grade}</span>
        <span>${t.accessCode}: <span class="code">${s.accessCode}</span></span>
      </li>`,
      )}</ul>
      <div class="actions">
        <button type="button" class="button" @click=${() => printSlips(codes.items, this.t.students, this.user.tenantName)}>${t.print}</button>
        <button type="button" class="button secondary" @click=${() => {
          this._codes = null;
          this.closePane();
        }}>${t.done}</button>
      </div>`,
    );
  }
}

/**
 * Prints only the slips: they are copied as text into a container on the page, and a
 * stylesheet for print hides everything else until the print dialog closes. Constructable
 * stylesheets keep this within a strict CSP.
 */
function printSlips(slips: AccessCodeSlip[], t: SectionMessages['students'], tenant: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`@media screen { .wbl-print-slips { display: none; } }
    @media print { body > *:not(.wbl-print-slips) { display: none !important; }
      .wbl-print-slips { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; font: 12pt system-ui, sans-serif; }
      .wbl-print-slips div { border: 1px dashed #555; padding: 10px; break-inside: avoid; }
      .wbl-print-slips b { font: 700 15pt ui-monospace, monospace; letter-spacing: .08em; } }`);
  const box = document.createElement('div');
  box.className = 'wbl-print-slips';
  for (const s of slips) {
    const slip = document.createElement('div');
    const lines: [string, boolean][] = [
      [t.slipFor(s.schoolName ?? tenant), false],
      [s.preferredName, false],
      [`${t.number}: ${s.studentNumber} · ${t.grade} ${s.grade}`, false],
      [s.accessCode, true],
      [t.slipHowTo, false],
    ];
    for (const [text, code] of lines) {
      const line = document.createElement(code ? 'b' : 'p');
      line.textContent = text;
      slip.appendChild(line);
    }
    box.appendChild(slip);
  }
  document.body.appendChild(box);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const cleanUp = () => {
    box.remove();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
  addEventListener('afterprint', cleanUp, { once: true });
  print();
}
