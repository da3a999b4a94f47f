import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { CLUSTERS, MODES, OPPORTUNITY_TYPES, SKILLS, STAGES, TIME_SLOTS, type Term } from '../../schema/vocab.js';
import { formatDate, formatNumber, plural } from '../base/localize.js';
import { safeHref } from '../base/safe-url.js';
import type { WblOpportunityBoard as EL } from './opportunity-board.js';
import { RADII, renderCard, renderError } from './results.js';

/** The board's opportunity detail and its "Find matches for me" panel. */

const LONG_DATE: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric', year: 'numeric' };

export function renderDetail(el: EL): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  const task = el._detail;
  const d = task.status === TaskStatus.COMPLETE ? task.value : undefined;
  const back = html`<button type="button" class="button link back" part="back-button" @click=${() => el._closeDetail()}>
    <span aria-hidden="true">←</span> ${t.back}</button>`;
  if (!d) {
    return html`<section class="detail" part="detail" aria-busy=${task.status === TaskStatus.PENDING ? 'true' : 'false'}>
      ${back}
      ${task.status === TaskStatus.ERROR
        ? renderError(el, t.detailErrorTitle, task.error, () => void task.run())
        : html`<p role="status">${t.detailLoading}</p>`}
    </section>`;
  }
  const dates = d.startsOn ? (d.endsOn && d.endsOn !== d.startsOn
    ? `${formatDate(d.startsOn, lang, LONG_DATE)} – ${formatDate(d.endsOn, lang, LONG_DATE)}`
    : formatDate(d.startsOn, lang, { weekday: 'long', ...LONG_DATE })) : null;
  const inPerson = d.mode !== 'virtual';
  const place = inPerson ? [d.locationName, d.address, d.city, d.state, d.postalCode].filter(Boolean).join(', ') : t.online;
  // A stored link is a link only when it is http(s): never a `javascript:` one that slipped in.
  const website = safeHref(d.employer.website);
  const map = inPerson && d.lat !== null && d.lng !== null
    ? `https://www.openstreetmap.org/?mlat=${d.lat}&mlon=${d.lng}#map=16/${d.lat}/${d.lng}` : null;
  const when = [d.schedule, d.hoursPerWeek ? t.hours(formatNumber(d.hoursPerWeek, lang)) : null,
    d.timeSlots.map((s) => el._label(TIME_SLOTS, s)).join(', ')].filter(Boolean);
  const requirements = [
    d.requirements.backgroundCheck ? t.backgroundCheck : null,
    d.requirements.guardianConsent ? t.guardianConsent : null,
    ...d.requirements.documents,
  ].filter(Boolean);
  const getThere = d.transitNotes ?? (d.transitAccessible ? t.transitOnly : null);
  const newTab = html`<span class="visually-hidden"> ${t.opensInNewTab}</span>`;
  const lines = (items: unknown[]) => items.map((x, i) => html`${i ? html`<br>` : nothing}${x}`);
  const fact = (term: string, items: unknown[]) => (items.length ? html`<div><dt>${term}</dt><dd>${lines(items)}</dd></div>` : nothing);
  return html`
    <section class="detail" part="detail" aria-labelledby="detail-title">
      ${back}
      <p class="badges">
        <span class="badge stage-${d.stage}" part="badge">${el._label(STAGES, d.stage)}</span>
        <span class="badge" part="badge">${el._label(OPPORTUNITY_TYPES, d.type)}</span>
        <span class="badge" part="badge">${el._label(MODES, d.mode)}</span>
      </p>
      <h3 id="detail-title" tabindex="-1">${d.title}</h3>
      <p class="employer">${d.employer.name}${d.employer.city ? ` · ${d.employer.city}` : ''}</p>
      <div class="actions">
        ${d.open
          ? html`<button type="button" class="button" part="apply-button" @click=${el._apply}>${t.apply}</button>`
          : html`<p class="closed">${t.applyClosed}</p>`}
        ${d.open ? html`<span class="deadline">${el._when(d)}</span>` : nothing}
      </div>
      ${el._applying ? (customElements.get('wbl-placement-form')
        ? html`<wbl-placement-form mode="apply" opportunity-id=${d.id} site-key=${el._client.siteKey}
            api-base=${el._client.base} lang=${lang}></wbl-placement-form>`
        : html`<p class="apply-help" role="status">${t.applyHelp}</p>`) : nothing}
      <h4>${t.about}</h4>
      <p class="description">${d.description}</p>
      ${d.tasks.length ? html`<h4>${t.tasks}</h4><ul>${d.tasks.map((task) => html`<li>${task}</li>`)}</ul>` : nothing}
      ${d.skills.length || d.technicalSkills.length ? html`<h4>${t.skills}</h4>
        <ul class="skills">${d.skills.map((s) => html`<li>${el._label(SKILLS, s)}</li>`)}${d.technicalSkills.map((s) => html`<li>${s}</li>`)}</ul>` : nothing}
      <h4>${t.details}</h4>
      <dl class="facts">
        ${fact(t.compensation, [el._pay(d)])}
        ${fact(t.when, when)}
        ${fact(t.dates, dates ? [dates] : [])}
        ${fact(t.deadline, d.applicationDeadline ? [formatDate(d.applicationDeadline, lang, LONG_DATE)] : [])}
        ${fact(t.where, [
          map ? html`${place} · <a href=${map} target="_blank" rel="noopener">${t.map}${newTab}</a>` : place,
          ...(d.distanceKm !== null && inPerson ? [t.fromSchool(el._distance(d.distanceKm))] : []),
        ])}
        ${fact(t.transit, getThere ? [getThere] : [])}
        ${fact(t.grades, [t.gradeRange(d.gradeMin, d.gradeMax), ...(d.minAge ? [t.minAge(d.minAge)] : [])])}
        ${fact(t.spots, [plural(d.capacity, lang, t.capacity)])}
        ${fact(t.requirements, requirements)}
        ${fact(t.cluster, [el._label(CLUSTERS, d.cluster)])}
      </dl>
      <h4>${t.employer}</h4>
      <p><strong>${d.employer.name}</strong>${d.employer.description ? html`<br>${d.employer.description}` : nothing}
        ${website ? html`<br><a href=${website} target="_blank" rel="noopener">${t.website}${newTab}</a>` : nothing}</p>
    </section>`;
}

export function renderMatch(el: EL): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  const unit = el.units === 'km' ? 'km' : 'mi';
  const checks = (name: string, legend: string, terms: readonly Term[]) => html`
    <fieldset class="grid"><legend>${legend}</legend>${terms.map((term) => html`
      <label class="check"><input type="checkbox" name=${name} value=${term.code}><span>${term.label[lang]}</span></label>`)}</fieldset>`;
  const choice = (id: string, name: string, label: string, options: [string, string][]) => html`
    <div class="field"><label for=${id}>${label}</label>
      <select id=${id} name=${name}>${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></div>`;
  const status = el._matches.status;
  const matches = status === TaskStatus.COMPLETE ? el._matches.value : undefined;
  return html`
    <div class="match" part="match-panel">
      <button type="button" class="button secondary disclosure" aria-expanded=${el._matchOpen ? 'true' : 'false'}
        aria-controls=${el._matchShown ? 'match-form' : nothing} @click=${el._toggleMatch}>${t.matchOpen}</button>
      ${el._matchShown ? html`<form id="match-form" ?hidden=${!el._matchOpen} @submit=${el._submitMatch}>
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
        ${matches?.length ? html`<h4 class="matches-heading">${t.matchesHeading}</h4>
          <ol class="cards matches" part="list">${matches.map((m) => html`<li>${renderCard(el, m.opportunity, m.reasons)}</li>`)}</ol>` : nothing}
      </form>` : nothing}
    </div>`;
}
