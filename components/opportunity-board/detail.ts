import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { CLUSTERS, SKILLS, TIME_SLOTS, type Term } from '../../schema/vocab.js';
import { plural } from '../base/localize.js';
import type { WblOpportunityBoard as EL } from './opportunity-board.js';
import { RADII, renderCard, renderError } from './results.js';

/** The frame of the board's opportunity detail, and its "Find matches for me" panel. */

export function renderDetail(el: EL): TemplateResult {
  const t = el._t;
  const task = el._detail;
  const d = task.status === TaskStatus.COMPLETE ? task.value : undefined;
  const back = html`<button type="button" class="button link back" part="back-button" @click=${() => el._closeDetail()}>
    <span aria-hidden="true">←</span> ${t.back}</button>`;
  const view = el._view;
  if (!d || !view) {
    return html`<section class="detail" part="detail" aria-busy=${task.status === TaskStatus.PENDING ? 'true' : 'false'}>
      ${back}
      ${
        task.status === TaskStatus.ERROR
          ? renderError(el, t.detailErrorTitle, task.error, () => void task.run())
          : html`<p role="status">${t.detailLoading}</p>`
      }
    </section>`;
  }
  return view.renderOpportunity(el, d, back, { html, nothing });
}

export function renderMatch(el: EL): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  const unit = el.units === 'km' ? 'km' : 'mi';
  const checks = (name: string, legend: string, terms: readonly Term[]) => html`
    <fieldset class="grid"><legend>${legend}</legend>${terms.map(
      (term) => html`
      <label class="check"><input type="checkbox" name=${name} value=${term.code}><span>${term.label[lang]}</span></label>`,
    )}</fieldset>`;
  const choice = (id: string, name: string, label: string, options: [string, string][]) => html`
    <div class="field"><label for=${id}>${label}</label>
      <select id=${id} name=${name}>${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></div>`;
  const status = el._matches.status;
  const matches = status === TaskStatus.COMPLETE ? el._matches.value : undefined;
  return html`
    <div class="match" part="match-panel">
      <button type="button" class="button secondary disclosure" aria-expanded=${el._matchOpen ? 'true' : 'false'}
        aria-controls=${el._matchShown ? 'match-form' : nothing} @click=${el._toggleMatch}>${t.matchOpen}</button>
      ${
        el._matchShown
          ? html`<form id="match-form" ?hidden=${!el._matchOpen} @submit=${el._submitMatch}>
        <h3>${t.matchTitle}</h3>
        <p>${t.matchIntro}</p>
        ${checks('clusters', t.interests, CLUSTERS)}
        ${checks('skills', t.skillsToBuild, SKILLS)}
        ${checks('availability', t.availability, TIME_SLOTS)}
        <div class="row">
          ${choice('m-grade', 'grade', t.grade, [['', t.any], ...[6, 7, 8, 9, 10, 11, 12].map((g): [string, string] => [String(g), String(g)])])}
          ${choice('m-travel', 'travel', t.travel, [['', t.any], ...Object.entries(t.travelOptions)])}
          ${choice('m-far', 'far', t.howFar, [['', t.any], ...RADII.map((r): [string, string] => [String(r), t.within(`${r} ${unit}`)])])}
          ${choice('m-paid', 'paid', t.payPreference, Object.entries(t.payOptions))}
        </div>
        <button type="submit" class="button" aria-disabled=${status === TaskStatus.PENDING ? 'true' : 'false'}>${t.findMatches}</button>
        <p role="status" class="match-count">${matches ? plural(matches.length, lang, t.matchResults) : ''}</p>
        ${status === TaskStatus.ERROR ? renderError(el, t.matchErrorTitle, el._matches.error, () => el._matchForm?.requestSubmit()) : nothing}
        ${
          matches?.length
            ? html`<h4 class="matches-heading">${t.matchesHeading}</h4>
          <ol class="cards matches" part="list">${matches.map((m) => html`<li>${renderCard(el, m.opportunity, m.reasons)}</li>`)}</ol>`
            : nothing
        }
      </form>`
          : nothing
      }
    </div>`;
}
