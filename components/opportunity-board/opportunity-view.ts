import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { OpportunityDetail } from '../../schema/api/opportunities.js';
import { CLUSTERS, MODES, OPPORTUNITY_TYPES, SKILLS, STAGES, TIME_SLOTS } from '../../schema/vocab.js';
import { formatDate, formatNumber, plural } from '../base/localize.js';
import { safeHref } from '../base/safe-url.js';
import type { WblOpportunityBoard as EL } from './opportunity-board.js';

/**
 * One opportunity as the board shows it once it has loaded: its facts, the employer, "Apply"
 * and the apply form. The board imports this module when the first opportunity opens (while
 * the opportunity itself loads), and the build writes it to a file of its own
 * (`opportunity-board-detail.js`), so browsing the list downloads none of it.
 *
 * This file is a separate bundle: it imports no runtime code from Lit (the board hands it its
 * own `html` and `nothing`, so templates stay one Lit's) nor from the board's state.
 */

type Lit = { html: typeof litHtml; nothing: typeof litNothing };

const LONG_DATE: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric', year: 'numeric' };

/** The loaded opportunity `d`, under the detail's "Back" button. */
export function renderOpportunity(el: EL, d: OpportunityDetail, back: unknown, { html, nothing }: Lit): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  const dates = d.startsOn
    ? d.endsOn && d.endsOn !== d.startsOn
      ? `${formatDate(d.startsOn, lang, LONG_DATE)} – ${formatDate(d.endsOn, lang, LONG_DATE)}`
      : formatDate(d.startsOn, lang, { weekday: 'long', ...LONG_DATE })
    : null;
  const inPerson = d.mode !== 'virtual';
  const place = inPerson ? [d.locationName, d.address, d.city, d.state, d.postalCode].filter(Boolean).join(', ') : t.online;
  // A stored link is a link only when it is http(s): never a `javascript:` one that slipped in.
  const website = safeHref(d.employer.website);
  const map = inPerson && d.lat !== null && d.lng !== null ? `https://www.openstreetmap.org/?mlat=${d.lat}&mlon=${d.lng}#map=16/${d.lat}/${d.lng}` : null;
  const when = [
    d.schedule,
    d.hoursPerWeek ? t.hours(formatNumber(d.hoursPerWeek, lang)) : null,
    d.timeSlots.map((s) => el._label(TIME_SLOTS, s)).join(', '),
  ].filter(Boolean);
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
        ${
          d.open
            ? html`<button type="button" class="button" part="apply-button" @click=${el._apply}>${t.apply}</button>`
            : html`<p class="closed">${t.applyClosed}</p>`
        }
        ${d.open ? html`<span class="deadline">${el._when(d)}</span>` : nothing}
      </div>
      ${
        el._applying
          ? customElements.get('wbl-placement-form')
            ? html`<wbl-placement-form mode="apply" opportunity-id=${d.id} site-key=${el._client.siteKey}
            api-base=${el._client.base} lang=${lang}></wbl-placement-form>`
            : html`<p class="apply-help" role="status">${t.applyHelp}</p>`
          : nothing
      }
      <h4>${t.about}</h4>
      <p class="description">${d.description}</p>
      ${d.tasks.length ? html`<h4>${t.tasks}</h4><ul>${d.tasks.map((task) => html`<li>${task}</li>`)}</ul>` : nothing}
      ${
        d.skills.length || d.technicalSkills.length
          ? html`<h4>${t.skills}</h4>
        <ul class="skills">${d.skills.map((s) => html`<li>${el._label(SKILLS, s)}</li>`)}${d.technicalSkills.map((s) => html`<li>${s}</li>`)}</ul>`
          : nothing
      }
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
