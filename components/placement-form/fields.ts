import { html, nothing, type TemplateResult } from 'lit';
import { STAGES, labelOf, stageOfType, type OpportunityType } from '../../schema/vocab.js';
import type { WblPlacementForm as EL } from './placement-form.js';
import { fieldId, type Field, type Receipt } from './steps.js';

/** The form's fields, its review step and its receipt. */

export function renderField(el: EL, f: Field): TemplateResult {
  const t = el._t;
  const id = fieldId(f.path);
  const error = el._errors[f.path];
  const hint = t.hints[f.path] ?? (f.kind === 'lines' ? t.listHint : f.kind === 'money' ? t.perHourHint : '');
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const label = html`${t.f[f.path]}${f.optional && f.kind !== 'check' ? html` <span class="optional">${t.optional}</span>` : nothing}`;
  const v = el._values[f.path];
  const extras = html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}`;
  const invalid = error ? 'true' : 'false';
  const str = typeof v === 'string' ? v : '';
  switch (f.kind) {
    case 'check':
      return html`<div class="field check ${error ? 'invalid' : ''}"><label><input id=${id} type="checkbox" .checked=${v === true}
        aria-invalid=${invalid} aria-describedby=${described} @change=${(e: Event) => el._onInput(f.path, (e.target as HTMLInputElement).checked)}>
        <span>${label}</span></label>${extras}</div>`;
    case 'checks': {
      const chosen = Array.isArray(v) ? v : [];
      return html`<fieldset class="field group ${error ? 'invalid' : ''}" data-group=${id} aria-describedby=${described}>
        <legend>${label}</legend>${extras}
        <div class="options">${f.options!(t, el._lang).map(
          ([value, text]) => html`<label><input type="checkbox" .checked=${chosen.includes(value)}
          @change=${(e: Event) => el._onInput(f.path, (e.target as HTMLInputElement).checked ? [...chosen, value] : chosen.filter((c) => c !== value))}>
          <span>${text}</span></label>`,
        )}</div></fieldset>`;
    }
    case 'select':
    case 'yesno': {
      const options =
        f.kind === 'yesno'
          ? ([
              ['yes', t.yes],
              ['no', t.no],
            ] as [string, string][])
          : f.options!(t, el._lang);
      const stage = f.path === 'opportunity.type' && str ? t.stageIs(labelOf(STAGES, stageOfType(str as OpportunityType), el._lang)) : '';
      return html`<div class="field ${error ? 'invalid' : ''}"><label for=${id}>${label}</label>${extras}
        <select id=${id} aria-invalid=${invalid} aria-describedby=${described} @change=${(e: Event) => el._onInput(f.path, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!str}>${t.choose}</option>
          ${options.map(([value, text]) => html`<option value=${value} ?selected=${str === value}>${text}</option>`)}
        </select>${stage ? html`<p class="hint">${stage}</p>` : nothing}</div>`;
    }
    case 'textarea':
    case 'lines':
      return html`<div class="field ${error ? 'invalid' : ''}"><label for=${id}>${label}</label>${extras}
        <textarea id=${id} rows=${f.kind === 'lines' ? 3 : 4} .value=${str} aria-invalid=${invalid} aria-describedby=${described}
          @input=${(e: Event) => el._onInput(f.path, (e.target as HTMLTextAreaElement).value)}></textarea></div>`;
    default: {
      const type = f.kind === 'money' ? 'text' : f.kind === 'password' ? 'password' : f.kind;
      return html`<div class="field ${error ? 'invalid' : ''}"><label for=${id}>${label}</label>${extras}
        <input id=${id} type=${type} .value=${str} autocomplete=${f.auto ?? nothing} inputmode=${f.kind === 'money' ? 'decimal' : f.kind === 'number' ? 'numeric' : nothing}
          aria-invalid=${invalid} aria-describedby=${described} @input=${(e: Event) => el._onInput(f.path, (e.target as HTMLInputElement).value)}></div>`;
    }
  }
}

export function renderReview(el: EL): TemplateResult {
  const t = el._t;
  const show = (f: Field): string => {
    const v = el._values[f.path];
    if (f.kind === 'password') return v ? '••••••' : t.notGiven;
    if (f.kind === 'check') return v === true ? t.yes : t.no;
    if (!el._present(v)) return t.notGiven;
    if (f.options || f.kind === 'yesno') {
      const options =
        f.kind === 'yesno'
          ? [
              ['yes', t.yes],
              ['no', t.no],
            ]
          : f.options!(t, el._lang);
      const values = Array.isArray(v) ? v : [String(v)];
      return values.map((x) => options.find(([o]) => o === x)?.[1] ?? x).join(', ');
    }
    return String(v);
  };
  return html`<section part="step" class="step review">
    <h3 class="step-title" tabindex="-1">${t.steps.review}</h3>
    ${el._steps.slice(0, -1).map(
      ([name, fields], i) => html`
      <div class="review-step"><h4>${t.steps[name]}</h4>
        <button type="button" class="button link" @click=${() => el._go(i)}>${t.edit}<span class="visually-hidden"> ${t.steps[name]}</span></button>
        <dl>${fields.filter((f) => !f.when || f.when(el._values)).map((f) => html`<div><dt>${t.f[f.path]}</dt><dd>${show(f)}</dd></div>`)}</dl>
      </div>`,
    )}
  </section>`;
}

export function renderReceipt(el: EL, r: Receipt): TemplateResult {
  const t = el._t;
  const title = r.alreadyApplied ? t.alreadyApplied : el._mode === 'host' ? t.doneHost : t.doneApply;
  return html`<div part="base" class="base" lang=${el._lang}>
    <section part="receipt" class="receipt" role="status">
      <h3 tabindex="-1">${title}</h3>
      <p>${t.reference}: <strong class="reference">${r.reference}</strong></p>
      <p>${r.next}</p>
      <button type="button" class="button secondary" @click=${el._startOver}>${t.another}</button>
    </section></div>`;
}
