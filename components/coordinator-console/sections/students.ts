import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AdminSchool } from '../../../schema/api/admin/sites.js';
import {
  STUDENT_CSV_COLUMNS, StudentCreate, StudentImportRequest, StudentUpdate,
  type AccessCodesResponse, type AccessCodeSlip, type StudentDeleted, type StudentDetail, type StudentImportResult, type StudentList, type StudentListItem,
} from '../../../schema/api/admin/students.js';
import { STUDENT_GROUPS, labelOf } from '../../../schema/vocab.js';
import { saveFile } from '../console-api.js';
import type { Column } from '../console-table.js';
import { DetailController, ListController, SectionElement } from '../section-base.js';
import { sectionStyles } from '../section.styles.js';
import { readForm, renderField, strayErrors, type FieldSpec } from './form.js';
import { loadSchools } from './lookups.js';
import { initialState, lookup } from '../section-tasks.js';
import type { SectionMessages } from './messages.js';

type Pane = { kind: 'none' } | { kind: 'new' } | { kind: 'import' } | { kind: 'student'; id: string };

const GRADES = [6, 7, 8, 9, 10, 11, 12];

/**
 * Students: the roster with filters, a student's record and placements, add and edit, CSV
 * import with a dry-run preview, access codes shown once in a printable list, export
 * everything as JSON, and delete with everything that hangs off the student.
 *
 * @internal
 * @tagname wbl-console-students
 */
export class WblConsoleStudents extends SectionElement {
  static override styles = [sectionStyles, css`
    .preview-table { width: 100%; border-collapse: collapse; font-size: .93rem; }
    .preview-table th, .preview-table td { padding: .4rem .55rem; border-bottom: 1px solid var(--_border); text-align: start; vertical-align: top; }
    .preview-table thead th { background: var(--_subtle); }
    .preview-table tr.bad { background: color-mix(in srgb, var(--_danger) 7%, var(--_surface)); }
    .preview-table ul { margin: 0; padding-left: 1rem; }
    .scroll { overflow-x: auto; border: 1px solid var(--_border); border-radius: var(--_radius); }
    .slips { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); list-style: none; margin: 0; padding: 0; }
    .slip { border: 2px dashed var(--_border); border-radius: var(--_radius); padding: .6rem .75rem; display: grid; gap: .15rem; }
    .slip .code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 1.2rem; font-weight: 700; letter-spacing: .06em; }
    .slip .small { font-size: .85rem; color: var(--_muted); }
    @media print {
      .toolbar, wbl-console-table, .pane-head button, .actions { display: none !important; }
      .pane { border: 0; padding: 0; }
      .slip { break-inside: avoid; }
    }
  `];

  protected readonly section = 'students' as const;

  static {
    for (const name of ['_grade', '_school', '_q', '_selected', '_pane', '_editing', '_preview', '_csv', '_codes']) this.createProperty(name, { state: true });
  }

  declare private _grade: string;
  declare private _school: string;
  declare private _q: string;
  declare private _selected: string[];
  declare private _pane: Pane;
  declare private _editing: boolean;
  declare private _preview: StudentImportResult | null;
  declare private _csv: string;
  declare private _codes: AccessCodesResponse | null;
  /** The tenant's schools for the filter and the form; with none, the pickers are left out. */
  private _schoolLookup = lookup(this, () => [this.api] as const, ([api]) => (api ? loadSchools(api) : initialState));
  private _detail = new DetailController<StudentDetail>(this,
    (id, signal) => this.api.get<StudentDetail>(`/admin/students/${encodeURIComponent(id)}`, undefined, signal), () => this.focusPane());
  private _list = new ListController<StudentListItem>(this, (cursor, signal) => this.api.get<StudentList>('/admin/students', {
    q: this._q || undefined, grade: this._grade || undefined, school: this._school || undefined, cursor, limit: 25,
  }, signal));

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

  private get _schools(): AdminSchool[] {
    return this._schoolLookup.value ?? [];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.api && !this._list.started) void this._list.load();
    if (changed.has('path')) this._follow(this.path);
  }

  /** Opens what the address names: a student, the add form or the import. */
  private _follow(path: string): void {
    const pane: Pane = path === 'new' ? { kind: 'new' } : path === 'import' ? { kind: 'import' }
      : /^stu_[a-z0-9_]+$/.test(path) ? { kind: 'student', id: path } : { kind: 'none' };
    const same = pane.kind === this._pane.kind && (pane.kind !== 'student' || (this._pane.kind === 'student' && this._pane.id === pane.id));
    if (same) return;
    this._pane = pane;
    this.resetForm();
    this._editing = false;
    if (pane.kind === 'student') void this._detail.open(pane.id);
    if (pane.kind !== 'none') this.focusPane();
  }

  // --- the list -------------------------------------------------------------------------------

  private get _columns(): Column<StudentListItem>[] {
    const t = this.t.students;
    const c = this.t.common;
    const yes = (b: boolean) => (b ? c.yes : c.no);
    return [
      { key: 'name', label: t.name, value: (s) => s.preferredName, cell: (s) => html`<a href=${this.href(s.id)}>${s.preferredName}</a>` },
      { key: 'number', label: t.number, value: (s) => s.studentNumber, cell: (s) => s.studentNumber },
      { key: 'grade', label: t.grade, numeric: true, value: (s) => s.grade, cell: (s) => String(s.grade) },
      { key: 'school', label: t.school, value: (s) => s.school?.name ?? '', cell: (s) => s.school?.name ?? '—' },
      { key: 'minor', label: t.minor, value: (s) => yes(s.minor), cell: (s) => yes(s.minor) },
      { key: 'groups', label: t.groups, wrap: true, value: (s) => s.studentGroups.map((g) => labelOf(STUDENT_GROUPS, g, this.l)).join(', '),
        cell: (s) => s.studentGroups.map((g) => labelOf(STUDENT_GROUPS, g, this.l)).join(', ') || '—' },
      { key: 'concentrator', label: t.concentrator, value: (s) => yes(s.concentrator), cell: (s) => yes(s.concentrator) },
      { key: 'code', label: t.accessCode, value: (s) => yes(s.hasAccessCode), cell: (s) => (s.hasAccessCode ? t.codeOnFile : t.noCode) },
      { key: 'applications', label: t.applications, numeric: true, value: (s) => s.applications, cell: (s) => String(s.applications) },
    ];
  }

  private _setFilter(name: '_grade' | '_school', value: string): void {
    this[name] = value;
    this._selected = [];
    void this._list.load();
  }

  override render(): TemplateResult {
    const t = this.t.students;
    const c = this.t.common;
    const list = this._list;
    const pane = this._codes ? this._renderCodes(this._codes) : this._renderPane();
    return html`
      <div class="toolbar">
        <div class="field"><label for="s-grade">${c.grade}</label>
          <select id="s-grade" @change=${(e: Event) => this._setFilter('_grade', (e.target as HTMLSelectElement).value)}>
            <option value="">${c.all}</option>${GRADES.map((g) => html`<option value=${g} ?selected=${this._grade === String(g)}>${g}</option>`)}
          </select></div>
        ${this._schools.length ? html`<div class="field"><label for="s-school">${c.school}</label>
          <select id="s-school" @change=${(e: Event) => this._setFilter('_school', (e.target as HTMLSelectElement).value)}>
            <option value="">${c.allSchools}</option>${this._schools.map((s) => html`<option value=${s.id} ?selected=${this._school === s.id}>${s.name}</option>`)}
          </select></div>` : nothing}
        <div class="actions">
          <a class="button" href=${this.href('new')}>${t.add}</a>
          <a class="button secondary" href=${this.href('import')}>${t.import}</a>
          <button type="button" class="button secondary" part="codes-button" aria-disabled=${this._selected.length ? 'false' : 'true'}
            @click=${() => void this._generateCodes(this._selected)}>${t.codesFor(this._selected.length)}</button>
        </div>
      </div>
      <div class="split ${pane === nothing ? '' : 'with-pane'}">
        ${this.renderTable(list, t.label, this._columns, {
          filter: (q) => { this._q = q; this._selected = []; void list.load(); },
          select: { selected: this._selected, rowLabel: (s) => `${s.preferredName} (${s.studentNumber})`, change: (keys) => { this._selected = keys; } },
        })}
        ${pane}
      </div>
      <wbl-console-confirm></wbl-console-confirm>`;
  }

  // --- panes ----------------------------------------------------------------------------------

  private _renderPane(): TemplateResult | typeof nothing {
    const t = this.t.students;
    const p = this._pane;
    if (p.kind === 'none') return nothing;
    if (p.kind === 'new') return this.renderPane(t.newTitle, this._renderForm(null));
    if (p.kind === 'import') return this.renderPane(t.importTitle, this._renderImport());
    return this.renderDetail(this._detail, p.id, (d) => (this._editing
      ? [t.editTitle(d.preferredName), this._renderForm(d)] : [`${d.preferredName} (${d.studentNumber})`, this._renderDetail(d)]));
  }

  private _renderDetail(d: StudentDetail): TemplateResult {
    const t = this.t.students;
    const c = this.t.common;
    const yes = (b: boolean) => (b ? c.yes : c.no);
    const fact = (term: string, value: unknown) => html`<dt>${term}</dt><dd>${value === null || value === undefined || value === '' ? '—' : value}</dd>`;
    return html`
      <dl class="facts">
        ${fact(t.number, d.studentNumber)}
        ${fact(t.grade, d.grade)}
        ${fact(t.school, d.school?.name)}
        ${fact(t.birthYear, d.birthYear ?? (d.under13 ? t.under13 : null))}
        ${fact(t.minor, yes(d.minor))}
        ${fact(t.guardianName, d.guardianName)}
        ${fact(t.guardianEmail, d.guardianEmail)}
        ${fact(t.email, d.email)}
        ${fact(t.groups, d.studentGroups.map((g) => labelOf(STUDENT_GROUPS, g, this.l)).join(', '))}
        ${fact(t.concentrator, yes(d.concentrator))}
        ${fact(t.showNameOnBadges, yes(d.showNameOnBadges))}
        ${fact(t.accessCode, d.hasAccessCode ? t.codeOnFile : t.noCode)}
        ${fact(c.updated, this.instant(d.updatedAt))}
      </dl>
      <h4>${t.placements}</h4>
      ${d.applications.length ? html`<ul class="plain">${d.applications.map((a) => html`<li>
        <a href="#placements/${encodeURIComponent(a.id)}">${a.opportunity.title}</a> · ${a.opportunity.employerName}
        <span class="badge">${this.t.status[a.status] ?? a.status}</span> <span class="muted">${a.reference}</span></li>`)}</ul>`
        : html`<p class="muted">${t.noApplications}</p>`}
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      <div class="actions">
        <button type="button" class="button" @click=${() => { this._editing = true; this.resetForm(); this.focusAfterRender('#st-preferredName'); }}>${c.edit}</button>
        <button type="button" class="button secondary" @click=${() => void this._export(d)}>${t.exportJson}</button>
        <button type="button" class="button secondary" @click=${() => void this._generateCodes([d.id])}>${t.newCode}</button>
        <button type="button" class="button danger secondary" part="delete-button" @click=${() => void this._delete(d)}>${t.delete}</button>
      </div>`;
  }

  private _specs(d: StudentDetail | null): FieldSpec[] {
    const t = this.t.students;
    const nullable = d ? 'null' as const : 'omit' as const;
    return [
      { name: 'studentNumber', label: t.number, type: 'text', value: d?.studentNumber },
      { name: 'preferredName', label: t.preferredName, type: 'text', value: d?.preferredName },
      { name: 'grade', label: t.grade, type: 'select', value: d?.grade, options: GRADES.map((g) => [String(g), String(g)] as const) },
      ...(this._schools.length ? [{ name: 'schoolId', label: t.school, type: 'select', optional: true, empty: nullable, value: d?.school?.id,
        options: this._schools.map((s) => [s.id, s.name] as const) } satisfies FieldSpec] : []),
      { name: 'birthYear', label: t.birthYear, type: 'number', optional: true, empty: nullable, value: d?.birthYear, hint: t.birthYearHint },
      { name: 'under13', label: t.under13, type: 'checkbox', value: d?.under13 ?? false },
      { name: 'guardianName', label: t.guardianName, type: 'text', optional: true, empty: nullable, value: d?.guardianName },
      { name: 'guardianEmail', label: t.guardianEmail, type: 'email', optional: true, empty: nullable, value: d?.guardianEmail },
      { name: 'email', label: t.email, type: 'email', optional: true, empty: nullable, value: d?.email },
      { name: 'studentGroups', label: t.groups, type: 'checks', value: d?.studentGroups ?? [], options: STUDENT_GROUPS.map((g) => [g.code, g.label[this.l]] as const) },
      { name: 'concentrator', label: t.concentrator, type: 'checkbox', value: d?.concentrator ?? false },
      { name: 'showNameOnBadges', label: t.showNameOnBadges, type: 'checkbox', value: d?.showNameOnBadges ?? false },
    ];
  }

  private _renderForm(d: StudentDetail | null): TemplateResult {
    const c = this.t.common;
    const specs = this._specs(d);
    const stray = strayErrors(this.errors, specs);
    return html`<form class="grid" novalidate @submit=${(e: SubmitEvent) => void this._save(e, d)}>
      ${stray.length ? html`<div class="problem" role="alert"><p>${c.fixErrors}</p><ul>${stray.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      <div class="row">${specs.slice(0, 5).map((f) => renderField(f, this.errors, 'st', c.optional, c.choose))}</div>
      ${specs.slice(5).map((f) => renderField(f, this.errors, 'st', c.optional, c.choose))}
      <div class="actions">
        <button type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? c.saving : d ? c.save : this.t.students.create}</button>
        <button type="button" class="button secondary" @click=${() => (d ? this._stopEditing() : this.closePane())}>${c.cancel}</button>
      </div>
    </form>`;
  }

  private _stopEditing(): void {
    this._editing = false;
    this.resetForm();
    this.focusPane();
  }

  private async _save(e: SubmitEvent, d: StudentDetail | null): Promise<void> {
    e.preventDefault();
    const t = this.t.students;
    const body = readForm(e.target as HTMLFormElement, this._specs(d));
    await this.submitForm(d ? StudentUpdate : StudentCreate, body,
      () => (d ? this.api.patch<StudentDetail>(`/admin/students/${encodeURIComponent(d.id)}`, body) : this.api.post<StudentDetail>('/admin/students', body)),
      (saved) => {
        this._detail.set(saved);
        this._editing = false;
        this.done(d ? 'student.update' : 'student.create', saved.id, d ? t.savedDone(saved.preferredName) : t.createdDone(saved.preferredName));
        void this._list.load();
        if (!d) {
          this._pane = { kind: 'student', id: saved.id };
          this.navigate(saved.id, true);
        }
        this.focusPane();
      });
  }

  private async _export(d: StudentDetail): Promise<void> {
    await this.submitForm(null, null, () => this.api.download(`/admin/students/${encodeURIComponent(d.id)}/export`, undefined, `student-${d.studentNumber}.json`), (file) => {
      saveFile(file);
      this.done('student.export', d.id, this.t.students.exported(d.preferredName));
    });
  }

  private async _delete(d: StudentDetail): Promise<void> {
    const t = this.t.students;
    const ok = await this.confirm({ title: t.confirmDelete(d.preferredName, d.studentNumber), body: t.confirmDeleteBody(d.applications.length), confirm: t.delete, danger: true });
    if (!ok) return;
    await this.submitForm(null, null, () => this.api.delete<StudentDeleted>(`/admin/students/${encodeURIComponent(d.id)}`), () => {
      this._list.update((s) => s.id, d.id, null);
      this._selected = this._selected.filter((id) => id !== d.id);
      this._detail.clear();
      this.done('student.delete', d.id, t.deletedDone(d.preferredName));
      this.closePane();
    });
  }

  // --- CSV import -----------------------------------------------------------------------------

  private _renderImport(): TemplateResult {
    const t = this.t.students;
    const p = this._preview;
    const canImport = p && !p.written && p.summary.error === 0 && p.summary.rows > 0;
    return html`
      <p>${t.importIntro}</p>
      <form class="grid" novalidate @submit=${(e: SubmitEvent) => { e.preventDefault(); void this._runImport(true); }}>
        <div class="field"><label for="csv">${t.csv}</label>
          <span class="hint" id="csv-hint">${t.columnsHint(STUDENT_CSV_COLUMNS.join(', '))}</span>
          ${this.errors.csv ? html`<span class="error" id="csv-error">${this.errors.csv}</span>` : nothing}
          <textarea id="csv" rows="6" spellcheck="false" aria-describedby=${this.errors.csv ? 'csv-hint csv-error' : 'csv-hint'}
            aria-invalid=${this.errors.csv ? 'true' : 'false'} .value=${this._csv}
            @input=${(e: Event) => { this._csv = (e.target as HTMLTextAreaElement).value; this._preview = null; }}></textarea></div>
        ${strayErrors(this.errors, [{ name: 'csv', label: '', type: 'textarea' }]).length ? html`<div class="problem" role="alert"><ul>
          ${strayErrors(this.errors, [{ name: 'csv', label: '', type: 'textarea' }]).map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
        <div class="field"><label for="csv-file">${t.file}</label>
          <input id="csv-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" @change=${this._onFile}></div>
        ${this.failure ? this.renderProblem(this.failure) : nothing}
        <div class="actions"><button type="submit" class="button secondary" part="preview-button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy && !p ? t.previewing : t.preview}</button></div>
      </form>
      ${p ? html`<div class="grid">
        <h4 id="preview-title" tabindex="-1">${t.previewTitle}</h4>
        <p role="status">${t.previewSummary(p.summary.rows, p.summary.create, p.summary.update, p.summary.error)}</p>
        ${p.summary.error ? html`<p class="error">${t.rowsWithErrors}</p>` : nothing}
        <div class="scroll" role="region" aria-labelledby="preview-title" tabindex="0">
          <table class="preview-table" part="import-preview">
            <thead><tr><th scope="col">${t.line}</th><th scope="col">${t.rowStatus}</th><th scope="col">${t.number}</th><th scope="col">${t.name}</th>
              <th scope="col">${t.grade}</th><th scope="col">${t.problems}</th></tr></thead>
            <tbody>${p.rows.map((r) => html`<tr class=${r.status === 'error' ? 'bad' : ''}>
              <th scope="row">${r.line}</th>
              <td><span class="badge ${r.status === 'error' ? 'bad' : 'good'}">${this.t.status[r.status] ?? r.status}</span></td>
              <td>${r.student.studentNumber ?? '—'}</td><td>${r.student.preferredName ?? '—'}</td><td>${r.student.grade ?? '—'}</td>
              <td>${r.errors.length ? html`<ul>${r.errors.map((er) => html`<li><strong>${er.field}</strong>: ${er.message}</li>`)}</ul>` : '—'}</td>
            </tr>`)}</tbody>
          </table>
        </div>
        ${canImport ? html`<div class="actions"><button type="button" class="button" part="import-button" aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => void this._runImport(false)}>${this.busy ? t.importing : t.confirmImport(p.summary.create + p.summary.update)}</button></div>` : nothing}
      </div>` : nothing}`;
  }

  private async _onFile(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this._csv = await file.text();
    this._preview = null;
  }

  private async _runImport(dryRun: boolean): Promise<void> {
    const body = { csv: this._csv, dryRun };
    await this.submitForm(StudentImportRequest, body, () => this.api.post<StudentImportResult>('/admin/students/import', body), (result) => {
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
    });
  }

  // --- access codes ---------------------------------------------------------------------------

  private async _generateCodes(ids: string[]): Promise<void> {
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

  private _renderCodes(codes: AccessCodesResponse): TemplateResult {
    const t = this.t.students;
    return this.renderPane(t.codesTitle, html`
      <p>${t.codesIntro}</p>
      <p class="muted">${t.generatedAt(this.instant(codes.generatedAt))}</p>
      <ul class="slips" part="access-codes">${codes.items.map((s) => html`<li class="slip">
        <span class="small">${t.slipFor(s.schoolName ?? this.user.tenantName)}</span>
        <strong>${s.preferredName}</strong>
        <span>${t.number}: ${s.studentNumber} · ${t.grade} ${s.grade}</span>
        <span>${t.accessCode}: <span class="code">${s.accessCode}</span></span>
      </li>`)}</ul>
      <div class="actions">
        <button type="button" class="button" @click=${() => printSlips(codes.items, this.t.students, this.user.tenantName)}>${t.print}</button>
        <button type="button" class="button secondary" @click=${() => { this._codes = null; this.closePane(); }}>${t.done}</button>
      </div>`);
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
    const lines: [string, boolean][] = [[t.slipFor(s.schoolName ?? tenant), false], [s.preferredName, false],
      [`${t.number}: ${s.studentNumber} · ${t.grade} ${s.grade}`, false], [s.accessCode, true], [t.slipHowTo, false]];
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

WblConsoleStudents.define('wbl-console-students');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-students': WblConsoleStudents;
  }
}
