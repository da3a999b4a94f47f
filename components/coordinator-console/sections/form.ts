import { html, nothing, type TemplateResult } from 'lit';
import { safeParse } from 'zod/v4/core';
import type * as core from 'zod/v4/core';
import { fieldErrors } from '../../../schema/api/field-errors.js';
import type { ConsoleApiError } from '../console-api.js';

/** One field of a console form. Values are read back with `readForm` by the same specs. */
export interface FieldSpec {
  /** The request's key, dotted for nested objects (`when.startDate`). */
  name: string;
  label: string;
  type: 'text' | 'email' | 'url' | 'number' | 'date' | 'time' | 'select' | 'textarea' | 'checkbox' | 'checks' | 'radios' | 'lines';
  value?: unknown;
  options?: readonly (readonly [string, string])[];
  hint?: string;
  optional?: boolean;
  /** `autocomplete`, `step`, `min`, `max`… */
  auto?: string;
  step?: string;
  /** `null` (clear it) or leave the key out when the field is empty. */
  empty?: 'null' | 'omit';
  /** The language of what is typed, when it is not the console's (the Spanish text of an event). */
  lang?: string;
}

const id = (prefix: string, name: string) => `${prefix}-${name.replace(/\./g, '-')}`;

/** A labelled control with its hint and error tied to it by `aria-describedby`. */
export function renderField(f: FieldSpec, errors: Record<string, string>, prefix: string, optionalText: string, chooseText: string): TemplateResult {
  const fid = id(prefix, f.name);
  const error = errors[f.name];
  const described = [f.hint ? `${fid}-hint` : '', error ? `${fid}-error` : ''].filter(Boolean).join(' ') || nothing;
  const invalid = error ? 'true' : 'false';
  const label = html`${f.label}${f.optional ? html` <span class="muted">${optionalText}</span>` : nothing}`;
  const extras = html`${f.hint ? html`<span class="hint" id="${fid}-hint">${f.hint}</span>` : nothing}
    ${error ? html`<span class="error" id="${fid}-error">${error}</span>` : nothing}`;
  const str = f.value === null || f.value === undefined ? '' : Array.isArray(f.value) ? f.value.join('\n') : String(f.value);
  switch (f.type) {
    case 'checkbox':
      return html`<div class="field ${error ? 'invalid' : ''}"><label class="check"><input type="checkbox" id=${fid} name=${f.name}
        .checked=${f.value === true} aria-invalid=${invalid} aria-describedby=${described}><span>${f.label}</span></label>${extras}</div>`;
    case 'checks': {
      const chosen = Array.isArray(f.value) ? (f.value as string[]) : [];
      return html`<fieldset class="field ${error ? 'invalid' : ''}" id=${fid} aria-describedby=${described}><legend>${label}</legend>${extras}
        <div class="checks">${f.options!.map(([v, text]) => html`<label><input type="checkbox" name=${f.name} value=${v} .checked=${chosen.includes(v)}><span>${text}</span></label>`)}</div>
      </fieldset>`;
    }
    case 'radios':
      return html`<fieldset class="field ${error ? 'invalid' : ''}" id=${fid} aria-describedby=${described}><legend>${label}</legend>${extras}
        <div class="checks">${f.options!.map(([v, text]) => html`<label><input type="radio" name=${f.name} value=${v} .checked=${v === str}><span>${text}</span></label>`)}</div>
      </fieldset>`;
    case 'select':
      return html`<div class="field ${error ? 'invalid' : ''}"><label for=${fid}>${label}</label>
        <select id=${fid} name=${f.name} aria-invalid=${invalid} aria-describedby=${described}>
          ${f.optional || !str ? html`<option value="" ?selected=${!str}>${chooseText}</option>` : nothing}
          ${f.options!.map(([v, text]) => html`<option value=${v} ?selected=${v === str}>${text}</option>`)}
        </select>${extras}</div>`;
    case 'textarea':
    case 'lines':
      return html`<div class="field ${error ? 'invalid' : ''}"><label for=${fid}>${label}</label>
        <textarea id=${fid} name=${f.name} rows=${f.type === 'lines' ? 3 : 4} .value=${str} lang=${f.lang ?? nothing} aria-invalid=${invalid} aria-describedby=${described}></textarea>${extras}</div>`;
    default:
      return html`<div class="field ${error ? 'invalid' : ''}"><label for=${fid}>${label}</label>
        <input id=${fid} name=${f.name} type=${f.type} .value=${str} lang=${f.lang ?? nothing} autocomplete=${f.auto ?? 'off'} step=${f.step ?? nothing}
          inputmode=${f.type === 'number' ? 'decimal' : nothing} aria-invalid=${invalid} aria-describedby=${described}>${extras}</div>`;
  }
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = obj;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/**
 * The form's values as a request body, typed by the specs: numbers as numbers, checkboxes as
 * booleans, check groups and line lists as arrays; an empty optional field becomes `null` or
 * is left out. A required field left empty goes in as '' so the schema names it.
 */
export function readForm(form: HTMLFormElement, specs: readonly FieldSpec[]): Record<string, unknown> {
  const data = new FormData(form);
  const body: Record<string, unknown> = {};
  for (const f of specs) {
    if (f.type === 'checkbox') {
      setPath(body, f.name, data.get(f.name) !== null);
      continue;
    }
    if (f.type === 'checks') {
      setPath(body, f.name, data.getAll(f.name).map(String));
      continue;
    }
    const raw = String(data.get(f.name) ?? '').trim();
    if (f.type === 'lines') {
      const lines = raw
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      if (lines.length || !f.optional) setPath(body, f.name, lines);
      else if (f.empty === 'null') setPath(body, f.name, []);
      continue;
    }
    if (!raw) {
      if (!f.optional) setPath(body, f.name, f.type === 'number' ? undefined : '');
      else if (f.empty === 'null') setPath(body, f.name, null);
      continue;
    }
    setPath(body, f.name, f.type === 'number' ? Number(raw) : raw);
  }
  return body;
}

/** Checks a body with the contract's schema: field errors by path, or none. */
export function check(schema: core.$ZodType, body: unknown): Record<string, string> {
  const result = safeParse(schema, body);
  const out: Record<string, string> = {};
  if (!result.success) for (const e of fieldErrors(result.error)) out[e.path === '(root)' ? '' : e.path] ??= e.message;
  return out;
}

/** The API's field errors by path (a 422 answer), or null when the problem is not about fields. */
export function apiFieldErrors(e: ConsoleApiError): Record<string, string> | null {
  if (!e.fieldErrors.length) return null;
  const out: Record<string, string> = {};
  for (const fe of e.fieldErrors) out[fe.path === '(root)' ? '' : fe.path] ??= fe.message;
  return out;
}

/** Errors that belong to none of the fields shown, to list above the form. */
export function strayErrors(errors: Record<string, string>, specs: readonly FieldSpec[]): string[] {
  const names = new Set(specs.map((f) => f.name));
  return Object.entries(errors)
    .filter(([p]) => !names.has(p))
    .map(([p, m]) => (p ? `${p}: ${m}` : m));
}
