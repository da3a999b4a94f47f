import { css, html, nothing, type TemplateResult } from 'lit';
import { StudentCreate, StudentUpdate, type StudentDeleted, type StudentDetail, type StudentListItem } from '../../../schema/api/admin/students.js';
import { STUDENT_GROUPS, labelOf } from '../../../schema/vocab.js';
import { saveFile } from '../console-api.js';
import type { Column } from '../console-table.js';
import { CONFIRM_PARTS } from '../section-base.js';
import { sectionStyles } from '../section.styles.js';
import { readForm, renderField, strayErrors, type FieldSpec } from './form.js';
import { GRADES, StudentsRoster } from './students-roster.js';

/**
 * Students: the roster with filters, a student's record and placements, add and edit, CSV
 * import with a dry-run preview, access codes shown once in a printable list, export
 * everything as JSON, and delete with everything that hangs off the student.
 *
 * @internal
 * @tagname wbl-console-students
 */
export class WblConsoleStudents extends StudentsRoster {
  static override styles = [
    sectionStyles,
    css`
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
  `,
  ];

  protected readonly section = 'students' as const;

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
      {
        key: 'groups',
        label: t.groups,
        wrap: true,
        value: (s) => s.studentGroups.map((g) => labelOf(STUDENT_GROUPS, g, this.l)).join(', '),
        cell: (s) => s.studentGroups.map((g) => labelOf(STUDENT_GROUPS, g, this.l)).join(', ') || '—',
      },
      { key: 'concentrator', label: t.concentrator, value: (s) => yes(s.concentrator), cell: (s) => yes(s.concentrator) },
      { key: 'code', label: t.accessCode, value: (s) => yes(s.hasAccessCode), cell: (s) => (s.hasAccessCode ? t.codeOnFile : t.noCode) },
      { key: 'applications', label: t.applications, numeric: true, value: (s) => s.applications, cell: (s) => String(s.applications) },
    ];
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
        ${
          this._schools.length
            ? html`<div class="field"><label for="s-school">${c.school}</label>
          <select id="s-school" @change=${(e: Event) => this._setFilter('_school', (e.target as HTMLSelectElement).value)}>
            <option value="">${c.allSchools}</option>${this._schools.map((s) => html`<option value=${s.id} ?selected=${this._school === s.id}>${s.name}</option>`)}
          </select></div>`
            : nothing
        }
        <div class="actions">
          <a class="button" href=${this.href('new')}>${t.add}</a>
          <a class="button secondary" href=${this.href('import')}>${t.import}</a>
          <button type="button" class="button secondary" part="codes-button" aria-disabled=${this._selected.length ? 'false' : 'true'}
            @click=${() => void this._generateCodes(this._selected)}>${t.codesFor(this._selected.length)}</button>
        </div>
      </div>
      <div class="split ${pane === nothing ? '' : 'with-pane'}">
        ${this.renderTable(list, t.label, this._columns, {
          filter: (q) => {
            this._q = q;
            this._selected = [];
            void list.load();
          },
          select: {
            selected: this._selected,
            rowLabel: (s) => `${s.preferredName} (${s.studentNumber})`,
            change: (keys) => {
              this._selected = keys;
            },
          },
        })}
        ${pane}
      </div>
      <wbl-console-confirm exportparts=${CONFIRM_PARTS}></wbl-console-confirm>`;
  }

  // --- panes ----------------------------------------------------------------------------------

  private _renderPane(): TemplateResult | typeof nothing {
    const t = this.t.students;
    const p = this._pane;
    if (p.kind === 'none') return nothing;
    if (p.kind === 'new') return this.renderPane(t.newTitle, this._renderForm(null));
    if (p.kind === 'import') return this.renderPane(t.importTitle, this._renderImport());
    return this.renderDetail(this._detail, p.id, (d) =>
      this._editing ? [t.editTitle(d.preferredName), this._renderForm(d)] : [`${d.preferredName} (${d.studentNumber})`, this._renderDetail(d)],
    );
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
      ${
        d.applications.length
          ? html`<ul class="plain">${d.applications.map(
              (a) => html`<li>
        <a href="#placements/${encodeURIComponent(a.id)}">${a.opportunity.title}</a> · ${a.opportunity.employerName}
        <span class="badge">${this.t.status[a.status] ?? a.status}</span> <span class="muted">${a.reference}</span></li>`,
            )}</ul>`
          : html`<p class="muted">${t.noApplications}</p>`
      }
      ${this.failure ? this.renderProblem(this.failure) : nothing}
      <div class="actions">
        <button type="button" class="button" @click=${() => {
          this._editing = true;
          this.resetForm();
          this.focusAfterRender('#st-preferredName');
        }}>${c.edit}</button>
        <button type="button" class="button secondary" @click=${() => void this._export(d)}>${t.exportJson}</button>
        <button type="button" class="button secondary" @click=${() => void this._generateCodes([d.id])}>${t.newCode}</button>
        <button type="button" class="button danger secondary" part="delete-button" @click=${() => void this._delete(d)}>${t.delete}</button>
      </div>`;
  }

  private _specs(d: StudentDetail | null): FieldSpec[] {
    const t = this.t.students;
    const nullable = d ? ('null' as const) : ('omit' as const);
    return [
      { name: 'studentNumber', label: t.number, type: 'text', value: d?.studentNumber },
      { name: 'preferredName', label: t.preferredName, type: 'text', value: d?.preferredName },
      { name: 'grade', label: t.grade, type: 'select', value: d?.grade, options: GRADES.map((g) => [String(g), String(g)] as const) },
      ...(this._schools.length
        ? [
            {
              name: 'schoolId',
              label: t.school,
              type: 'select',
              optional: true,
              empty: nullable,
              value: d?.school?.id,
              options: this._schools.map((s) => [s.id, s.name] as const),
            } satisfies FieldSpec,
          ]
        : []),
      { name: 'birthYear', label: t.birthYear, type: 'number', optional: true, empty: nullable, value: d?.birthYear, hint: t.birthYearHint },
      { name: 'under13', label: t.under13, type: 'checkbox', value: d?.under13 ?? false },
      { name: 'guardianName', label: t.guardianName, type: 'text', optional: true, empty: nullable, value: d?.guardianName },
      { name: 'guardianEmail', label: t.guardianEmail, type: 'email', optional: true, empty: nullable, value: d?.guardianEmail },
      { name: 'email', label: t.email, type: 'email', optional: true, empty: nullable, value: d?.email },
      {
        name: 'studentGroups',
        label: t.groups,
        type: 'checks',
        value: d?.studentGroups ?? [],
        options: STUDENT_GROUPS.map((g) => [g.code, g.label[this.l]] as const),
      },
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
    await this.submitForm(
      d ? StudentUpdate : StudentCreate,
      body,
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
      },
    );
  }

  private async _export(d: StudentDetail): Promise<void> {
    await this.submitForm(
      null,
      null,
      () => this.api.download(`/admin/students/${encodeURIComponent(d.id)}/export`, undefined, `student-${d.studentNumber}.json`),
      (file) => {
        saveFile(file);
        this.done('student.export', d.id, this.t.students.exported(d.preferredName));
      },
    );
  }

  private async _delete(d: StudentDetail): Promise<void> {
    const t = this.t.students;
    const ok = await this.confirm({
      title: t.confirmDelete(d.preferredName, d.studentNumber),
      body: t.confirmDeleteBody(d.applications.length),
      confirm: t.delete,
      danger: true,
    });
    if (!ok) return;
    await this.submitForm(
      null,
      null,
      () => this.api.delete<StudentDeleted>(`/admin/students/${encodeURIComponent(d.id)}`),
      () => {
        this._list.update((s) => s.id, d.id, null);
        this._selected = this._selected.filter((id) => id !== d.id);
        this._detail.clear();
        this.done('student.delete', d.id, t.deletedDone(d.preferredName));
        this.closePane();
      },
    );
  }
}

WblConsoleStudents.define('wbl-console-students');

declare global {
  interface HTMLElementTagNameMap {
    'wbl-console-students': WblConsoleStudents;
  }
}
