import { html, nothing, type TemplateResult } from 'lit';
import type { MeApplication, MeRecord, MeStudent } from '../../schema/api/me.js';
import { STAGES, labelOf } from '../../schema/vocab.js';
import { formatDate, formatNumber, formatShortDate } from '../base/localize.js';
import { safeHref } from '../base/safe-url.js';
import type { WblMyWbl as EL } from './my-wbl.js';

/** The record's lists: applications, placements (from the lazily loaded view), events, badges and the continuum. */

const day = (instant: string) => instant.slice(0, 10);

function section(id: string, title: string, body: TemplateResult | TemplateResult[] | typeof nothing, empty: string | null = null): TemplateResult {
  return html`<section part="section" class="section" aria-labelledby=${id}>
    <h4 id=${id}>${title}</h4>
    ${empty ? html`<p class="muted">${empty}</p>` : body}
  </section>`;
}

function renderApplication(el: EL, student: MeStudent, a: MeApplication): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  const busy = `answer:${a.id}`;
  const confirm = el._confirm?.id === a.id ? el._confirm : null;
  const done = el._doneOf(busy);
  const failure = el._formFailures[busy];
  const offer = a.actions.includes('accept') || a.actions.includes('decline');
  return html`<li part="application" class="item" id="offer-${a.id}">
    <div class="item-head">
      <h5>${a.opportunity.title} <span class="muted">· ${a.opportunity.employer}</span></h5>
      <span class="status status-${a.status}"><span class="visually-hidden">${t.statusLabel}: </span>${t.status[a.status]}</span>
    </div>
    <p class="muted">${labelOf(STAGES, a.opportunity.stage, lang)} · ${t.reference} ${a.reference} · ${t.submittedOn(formatShortDate(day(a.submittedAt), lang))}</p>
    ${a.nextStep ? html`<p><strong>${t.nextStep}:</strong> ${a.nextStep}</p>` : nothing}
    ${done ? html`<p class="done" id="done-${busy}" role="status" tabindex="-1">${done}</p>` : nothing}
    ${failure ? html`<div class="failure" id="failure-${busy}" role="alert" tabindex="-1"><p>${failure}</p></div>` : nothing}
    ${
      offer && !confirm
        ? html`<div class="actions no-print" part="offer-actions">
          ${a.actions.includes('accept') ? html`<button type="button" class="button" data-answer @click=${() => el._askAnswer(a.id, 'accept')}>${t.accept}</button>` : nothing}
          ${a.actions.includes('decline') ? html`<button type="button" class="button secondary" @click=${() => el._askAnswer(a.id, 'decline')}>${t.decline}</button>` : nothing}
        </div>`
        : nothing
    }
    ${
      confirm
        ? html`<form class="confirm no-print" part="offer-actions" aria-labelledby="confirm-${a.id}" novalidate
          @submit=${(e: SubmitEvent) => {
            e.preventDefault();
            const note = new FormData(e.target as HTMLFormElement).get('note');
            void el._answer(student.id, a.id, confirm.answer, String(note ?? ''));
          }}>
          <h6 id="confirm-${a.id}" tabindex="-1">${confirm.answer === 'accept' ? t.confirmAccept(a.opportunity.title, a.opportunity.employer) : t.confirmDecline(a.opportunity.title, a.opportunity.employer)}</h6>
          <p>${confirm.answer === 'accept' ? t.acceptHelp : t.declineHelp}</p>
          <div class="field"><label for="note-${a.id}">${t.note}</label><textarea id="note-${a.id}" name="note" rows="2" maxlength="500"></textarea></div>
          <div class="actions">
            <button type="submit" class="button" part="submit-button" aria-disabled=${el._busy === busy ? 'true' : 'false'}>${confirm.answer === 'accept' ? t.yesAccept : t.yesDecline}</button>
            <button type="button" class="button secondary" @click=${() => el._cancelAnswer(a.id)}>${t.cancel}</button>
          </div>
        </form>`
        : nothing
    }
  </li>`;
}

function renderBadges(el: EL, s: MeStudent): TemplateResult {
  const t = el._t;
  const busy = `badge-name:${s.id}`;
  const done = el._doneOf(busy);
  const failure = el._formFailures[busy];
  const asStudent = el._session?.person.kind === 'student';
  return html`
    ${
      asStudent
        ? html`<div class="field switch-field no-print">
          <label class="check" part="badge-switch"><input type="checkbox" role="switch" id="badge-name-${s.id}" .checked=${s.showNameOnBadges}
            aria-describedby="badge-name-hint-${s.id}" ?disabled=${el._busy === busy}
            @change=${(e: Event) => void el._setBadgeName(s, (e.target as HTMLInputElement).checked)}><span>${t.showName}</span></label>
          <p class="hint" id="badge-name-hint-${s.id}">${t.showNameHint}</p>
          ${done ? html`<p class="done" role="status">${done}</p>` : nothing}
          ${failure ? html`<p class="error" role="alert">${failure}</p>` : nothing}
        </div>`
        : nothing
    }
    ${
      s.badges.length
        ? html`<ul class="list">${s.badges.map((b) => {
            const href = safeHref(b.url);
            return html`<li part="badge" class="item"><p>
              ${href ? html`<a href=${href} target="_blank" rel="noopener">${b.name}<span class="visually-hidden"> ${t.newTab}</span></a>` : b.name}
              <span class="muted">· ${t.issuedOn(formatShortDate(day(b.issuedAt), el._lang))}</span>
              ${b.revoked ? html`<span class="status status-cancelled">${t.revoked}</span>` : nothing}
            </p></li>`;
          })}</ul>`
        : html`<p class="muted">${t.noBadges}</p>`
    }`;
}

function renderContinuum(el: EL, s: MeStudent): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  return html`<p class="muted">${t.continuumIntro}</p>
    <ol part="continuum" class="continuum">
      ${s.continuum.map(
        (stage) => html`<li part="stage" class="stage ${stage.experiences.length ? 'reached' : ''}">
          <h5>${labelOf(STAGES, stage.stage, lang)} <span class="muted">· ${formatNumber(stage.hours, lang)} ${t.hoursLabel}</span></h5>
          ${
            stage.experiences.length
              ? html`<ul>${stage.experiences.map(
                  (x) =>
                    html`<li>${x.title}${x.on ? html` <span class="muted">· ${formatDate(x.on, lang, { month: 'short', day: 'numeric', year: 'numeric' })}</span>` : nothing}${
                      x.hours ? html` <span class="muted">· ${t.stageHours(formatNumber(x.hours, lang))}</span>` : nothing
                    }</li>`,
                )}</ul>`
              : html`<p class="muted">${t.stageEmpty}</p>`
          }
        </li>`,
      )}
    </ol>`;
}

function renderPlacements(el: EL, s: MeStudent): TemplateResult | TemplateResult[] {
  const view = el._view;
  if (!view) {
    void el._placementView();
    return html`<p class="loading" role="status">${el._t.placementLoading}</p>`;
  }
  return s.placements.map((p) => view.renderPlacement(el, s, p, { html, nothing }));
}

/** The signed-in person's record: a guardian chooses among their students; a student sees their own. */
export function renderRecord(el: EL, record: MeRecord): TemplateResult {
  const t = el._t;
  const lang = el._lang;
  const s = el._student(record);
  if (!s) return html`<p class="muted">${t.nothingYet}</p>`;
  const several = record.students.length > 1;
  return html`
    ${
      several
        ? html`<div part="students" class="students no-print" role="group" aria-label=${t.students}>
          ${record.students.map(
            (x) => html`<button type="button" class="button ${x.id === s.id ? '' : 'secondary'}" aria-pressed=${x.id === s.id ? 'true' : 'false'}
              @click=${() => el._choose(x.id)}>${x.preferredName}</button>`,
          )}
        </div>`
        : nothing
    }
    <article part="student" class="student" aria-labelledby="student-title">
      <h3 id="student-title" tabindex="-1">${s.preferredName} <span class="muted">· ${t.grade(s.grade, s.school)}</span></h3>
      ${section('applications-title', t.applications, html`<ul class="list">${s.applications.map((a) => renderApplication(el, s, a))}</ul>`, s.applications.length ? null : t.noApplications)}
      ${section('placements-title', t.placements, s.placements.length ? renderPlacements(el, s) : nothing, s.placements.length ? null : t.noPlacements)}
      ${section(
        'events-title',
        t.events,
        html`<ul class="list">${s.events.map(
          (e) => html`<li part="event" class="item"><p>${e.title}
            <span class="muted">· ${new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium', timeZone: e.timeZone }).format(new Date(e.startsAt))}</span>
            <span class="status status-${e.status}">${t.eventStatus[e.status]}</span></p></li>`,
        )}</ul>`,
        s.events.length ? null : t.noEvents,
      )}
      ${section('badges-title', t.badges, renderBadges(el, s))}
      ${section('continuum-title', t.continuum, renderContinuum(el, s))}
    </article>`;
}
