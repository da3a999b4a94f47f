import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import { safeParse } from 'zod/v4/core';
import { MeHourRequest, MeSignRequest, type MePlacement, type MeStudent, ReflectionRequest, SurveyRequest } from '../../schema/api/me.js';
import { fieldErrors } from '../../schema/api/field-errors.js';
import { SKILLS, labelOf } from '../../schema/vocab.js';
import { formatDate, formatNumber, formatShortDate, type Lang } from '../base/localize.js';
import type { FormKind, FormRef, WblMyWbl as EL } from './my-wbl.js';
import { PLACEMENT_MESSAGES } from './placement-messages.js';

/**
 * One placement as `<wbl-my-wbl>` shows it: schedule and supervisor, the training agreement's
 * signatures (and "Sign my line"), hours with their totals and the form to log more, the weekly
 * and closing reflections, the supervisor's final evaluation and the experience survey. The
 * element imports this module the first time a placement shows, and the build writes it to a
 * file of its own (`my-wbl-placement.js`) with the contract's schemas, so signing in and
 * reading applications download none of it.
 *
 * This file is a separate bundle: it imports no runtime code from Lit (the element hands it its
 * own `html` and `nothing`, so templates stay one Lit's) nor from the element's modules; the
 * element sends what `checkForm` says to send, so errors stay the element's `ApiError`s.
 */

type Lit = { html: typeof litHtml; nothing: typeof litNothing };

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The Monday of each placement week, from the first to this week (or the last, once it ended). */
export function weeksOf(p: Pick<MePlacement, 'startsOn' | 'endsOn'>, today = new Date()): string[] {
  if (!p.startsOn) return [];
  const start = new Date(`${p.startsOn}T12:00:00Z`);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const end = p.endsOn && p.endsOn < ymd(today) ? p.endsOn : ymd(today);
  const out: string[] = [];
  for (const d = start; ymd(d) <= end && out.length < 60; d.setUTCDate(d.getUTCDate() + 7)) out.push(ymd(d));
  return out;
}

export const fieldId = (f: FormRef, name: string) => `f-${f.placementId}-${f.kind}-${name}`;

/** The field a problem belongs to: `skills.0` → `skills`. */
export const ownerOf = (_kind: FormKind, path: string) => path.split('.')[0] || 'body';

export function doneText(kind: FormKind, lang: Lang): string {
  const m = PLACEMENT_MESSAGES[lang];
  return { hours: m.hoursDone, reflection: m.reflectionDone, closing: m.closingDone, survey: m.surveyDone, sign: m.signed }[kind];
}

type Check = { ok: true; method: 'POST' | 'PUT'; path: string; body: unknown } | { ok: false; errors: Record<string, string> };

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : undefined);

/**
 * Checks a form with the contract's own schema (the one the Worker validates with) and says what
 * to send. The problems are this view's words, in the person's language.
 */
export function checkForm(kind: FormKind, v: Record<string, unknown>, p: MePlacement, lang: Lang): Check {
  const m = PLACEMENT_MESSAGES[lang];
  const base = `/me/placements/${encodeURIComponent(p.id)}`;
  let schema: Parameters<typeof safeParse>[0];
  let body: Record<string, unknown>;
  let method: 'POST' | 'PUT' = 'POST';
  let path: string;
  const errors: Record<string, string> = {};
  switch (kind) {
    case 'hours':
      schema = MeHourRequest;
      body = { workedOn: str(v.workedOn), hours: num(v.hours), activity: str(v.activity).trim() };
      path = `${base}/hours`;
      break;
    case 'sign':
      schema = MeSignRequest;
      body = { version: p.agreement?.version ?? '', typedName: str(v.typedName).trim(), agree: v.agree === true };
      path = `${base}/signature`;
      break;
    case 'survey': {
      schema = SurveyRequest;
      const comment = str(v.comment).trim();
      body = { meaningful: num(v.meaningful), feltSafe: num(v.feltSafe), wouldRecommend: num(v.wouldRecommend), ...(comment ? { comment } : {}) };
      path = `${base}/survey`;
      break;
    }
    default: {
      schema = ReflectionRequest;
      method = 'PUT';
      const closing = kind === 'closing';
      const period = closing ? 'closing' : str(v.period) || (weeksOf(p).at(-1) ?? '');
      if (!/^\d{4}-\d{2}-\d{2}$|^closing$/.test(period)) errors.period = m.errors.period!;
      body = closing
        ? {
            body: str(v.body).trim(),
            skills: Array.isArray(v.skills) ? v.skills : [],
            wouldRecommend: v.wouldRecommend === 'yes' ? true : v.wouldRecommend === 'no' ? false : undefined,
          }
        : { body: str(v.body).trim() };
      if (closing && body.wouldRecommend === undefined) errors.wouldRecommend = m.errors.wouldRecommend!;
      path = `${base}/reflections/${period}`;
    }
  }
  const result = safeParse(schema, body);
  if (!result.success)
    for (const e of fieldErrors(result.error)) {
      const owner = ownerOf(kind, e.path);
      errors[owner] ??= (kind === 'survey' && owner === 'wouldRecommend' ? m.errors.recommendScale : m.errors[owner]) ?? e.message;
    }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, method, path, body: result.success ? result.data : body };
}

/** The placement `p` of student `s`. */
export function renderPlacement(el: EL, s: MeStudent, p: MePlacement, lit: Lit): TemplateResult {
  const { html, nothing } = lit;
  const m = PLACEMENT_MESSAGES[el._lang];
  const lang = el._lang;
  const date = (d: string) => formatDate(d, lang, { month: 'short', day: 'numeric', year: 'numeric' });
  const ref = (kind: FormKind): FormRef => ({ studentId: s.id, placementId: p.id, kind });
  const hid = `placement-${p.id}`;

  /** A form's field, its hint and error tied to it. */
  const field = (
    f: FormRef,
    name: string,
    label: string,
    control: (id: string, describedBy: string | symbol, invalid: boolean) => TemplateResult,
    hint = '',
  ) => {
    const id = fieldId(f, name);
    const error = el._errorsOf(f)[name];
    const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    return html`<div class="field ${error ? 'invalid' : ''}"><label for=${id}>${label}</label>
      ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
      ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
      ${control(id, described, Boolean(error))}</div>`;
  };
  const value = (f: FormRef, name: string) => el._draft(f).values[name];
  const onInput = (f: FormRef, name: string) => (e: Event) => el._input(f, name, (e.target as HTMLInputElement).value);
  const input =
    (f: FormRef, name: string, type: string, extra: { inputmode?: string; max?: string } = {}) =>
    (id: string, d: string | symbol, invalid: boolean) =>
      html`<input id=${id} type=${type} .value=${str(value(f, name))} inputmode=${extra.inputmode ?? nothing} max=${extra.max ?? nothing}
      aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${d} @input=${onInput(f, name)}>`;
  const textarea =
    (f: FormRef, name: string, fallback = '') =>
    (id: string, d: string | symbol, invalid: boolean) =>
      html`<textarea id=${id} rows="4" .value=${str(value(f, name)) || fallback} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${d}
      @input=${onInput(f, name)}></textarea>`;
  /** A group of radio buttons or checkboxes, its legend, and its error on the group. */
  const group = (f: FormRef, name: string, legend: string, options: [string, string][], multiple = false) => {
    const id = fieldId(f, name);
    const error = el._errorsOf(f)[name];
    const chosen = value(f, name);
    const list = Array.isArray(chosen) ? (chosen as string[]) : [];
    return html`<fieldset class="field group ${error ? 'invalid' : ''}" aria-describedby=${error ? `${id}-error` : nothing}>
      <legend>${legend}</legend>
      ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
      <div class="options">${options.map(
        ([code, label], i) => html`<label class="check"><input type=${multiple ? 'checkbox' : 'radio'} name=${id} id=${i === 0 ? id : nothing}
          .checked=${multiple ? list.includes(code) : chosen === code} aria-invalid=${error ? 'true' : 'false'}
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            // The draft as it is now, not as it was rendered: two quick clicks both count.
            const now = value(f, name);
            const current = Array.isArray(now) ? (now as string[]) : [];
            el._input(f, name, multiple ? (on ? [...current, code] : current.filter((c) => c !== code)) : code);
          }}><span>${label}</span></label>`,
      )}</div></fieldset>`;
  };
  /** A form's notices, failure and submit button; its values are kept by the element as a draft. */
  const form = (f: FormRef, title: TemplateResult | string, body: TemplateResult, submit: string, part = '', extra: TemplateResult | symbol = nothing) => {
    const draft = el._draft(f);
    const busy = el._busyWith(f);
    const failure = el._failureOf(f);
    const fid = `${f.studentId}:${f.placementId}:${f.kind}`;
    const done = el._doneOf(f);
    return html`<form class="subform no-print" part=${part || nothing} novalidate aria-busy=${busy ? 'true' : 'false'}
      @submit=${(e: Event) => {
        e.preventDefault();
        void el._submit(f, p);
      }}>
      <p class="form-title" role="heading" aria-level="7" id=${f.kind === 'survey' ? `survey-${f.placementId}` : nothing}
        tabindex=${f.kind === 'survey' ? '-1' : nothing}>${title}</p>
      ${
        draft.restored && Object.keys(draft.values).length
          ? html`<p class="notice" part="draft-notice" role="status">${m.restored}
            <button type="button" class="button link" @click=${() => el._discard(f)}>${m.startOver}</button></p>`
          : nothing
      }
      ${body}
      ${failure ? html`<div class="failure" id="failure-${fid}" role="alert" tabindex="-1"><p>${failure}</p></div>` : nothing}
      <div class="actions"><button type="submit" class="button" part="submit-button" aria-disabled=${busy ? 'true' : 'false'}>
        ${busy ? m.sending : failure ? m.tryAgain : submit}</button>${extra}</div>
    </form>
    ${done ? html`<p class="done" id="done-${fid}" role="status" tabindex="-1">${done}</p>` : nothing}`;
  };

  // The agreement and its signatures.
  const sign = ref('sign');
  const signKey = `sign:${p.id}`;
  const canSign = p.actions.includes('sign') && p.agreement;
  const signatures = html`<div part="signatures" class="block">
    <h6>${m.agreement}</h6>
    <ul class="list signatures">${p.signatures.map(
      (
        x,
      ) => html`<li class="${x.signed ? 'signed' : ''}"><strong>${m.roles[x.role] ?? x.role}</strong>${x.mine ? html` <span class="muted">${m.you}</span>` : nothing}:
        ${x.signed ? m.signedBy(x.signerName ?? '', x.signedAt ? date(x.signedAt.slice(0, 10)) : '') : html`<span class="muted">${m.waitingSignature}</span>`}</li>`,
    )}</ul>
    ${
      canSign && !el._isOpen(signKey)
        ? html`<button type="button" class="button no-print" data-sign=${p.id} aria-expanded="false" @click=${() => el._toggle(signKey, `#agreement-${p.id}`)}>${m.signMine}</button>`
        : nothing
    }
    ${
      canSign && el._isOpen(signKey)
        ? html`<div class="agreement" id="agreement-${p.id}" tabindex="-1" role="region" aria-label=${m.agreementText}>${p.agreement!.body}</div>
        ${form(
          sign,
          m.signMine,
          html`${field(sign, 'typedName', m.typedName, input(sign, 'typedName', 'text'), m.typedNameHint)}
          <div class="field ${el._errorsOf(sign).agree ? 'invalid' : ''}">
            ${el._errorsOf(sign).agree ? html`<p class="error" id="${fieldId(sign, 'agree')}-error">${el._errorsOf(sign).agree}</p>` : nothing}
            <label class="check"><input type="checkbox" id=${fieldId(sign, 'agree')} .checked=${value(sign, 'agree') === true}
              aria-invalid=${el._errorsOf(sign).agree ? 'true' : 'false'} aria-describedby=${el._errorsOf(sign).agree ? `${fieldId(sign, 'agree')}-error` : nothing}
              @change=${(e: Event) => el._input(sign, 'agree', (e.target as HTMLInputElement).checked)}><span>${m.agree}</span></label>
          </div>`,
          m.sign,
          '',
          html`<button type="button" class="button secondary" @click=${() => el._toggle(signKey, `[data-sign="${p.id}"]`)}>${m.hideAgreement}</button>`,
        )}`
        : el._doneOf(sign)
          ? html`<p class="done" id="done-${s.id}:${p.id}:sign" role="status" tabindex="-1">${el._doneOf(sign)}</p>`
          : nothing
    }
  </div>`;

  // Hours.
  const hours = ref('hours');
  const statusText = { pending: m.waiting, approved: m.approvedStatus, returned: m.returned };
  const hoursBlock = html`<div class="block">
    <h6>${m.hours}</h6>
    <dl class="totals">
      <div><dt>${m.logged}</dt><dd>${formatNumber(p.totals.logged, lang, 2)}</dd></div>
      <div><dt>${m.approved}</dt><dd>${formatNumber(p.totals.approved, lang, 2)}</dd></div>
      <div><dt>${m.pending}</dt><dd>${formatNumber(p.totals.pending, lang, 2)}</dd></div>
    </dl>
    ${
      p.hours.length
        ? html`<div class="table-wrap"><table part="hours">
          <caption class="visually-hidden">${m.hours}</caption>
          <thead><tr><th scope="col">${m.date}</th><th scope="col">${m.hoursWorked}</th><th scope="col">${m.activity}</th><th scope="col">${m.status}</th></tr></thead>
          <tbody>${p.hours.map(
            (
              h,
            ) => html`<tr class="hours-${h.status}"><td class="nowrap">${formatShortDate(h.workedOn, lang)}</td><td>${formatNumber(h.hours, lang, 2)}</td><td>${h.activity}</td>
              <td><span class="status status-${h.status}">${statusText[h.status]}</span>${h.returnNote ? html`<p class="note">${h.returnNote}</p>` : nothing}</td></tr>`,
          )}</tbody></table></div>`
        : html`<p class="muted">${m.noHours}</p>`
    }
    ${
      p.actions.includes('log_hours')
        ? form(
            hours,
            m.logHours,
            html`<div class="row">
              ${field(hours, 'workedOn', m.date, input(hours, 'workedOn', 'date', { max: ymd(new Date()) }))}
              ${field(hours, 'hours', m.hoursWorked, input(hours, 'hours', 'text', { inputmode: 'decimal' }), m.hoursHint)}
            </div>
            ${field(hours, 'activity', m.activity, textarea(hours, 'activity'), m.activityHint)}`,
            m.saveHours,
            'hours-form',
          )
        : nothing
    }
  </div>`;

  // Reflections: one per week, then the closing one.
  const weeks = weeksOf(p);
  const reflection = ref('reflection');
  const chosenWeek = str(value(reflection, 'period')) || (weeks.at(-1) ?? '');
  const written = new Map(p.reflections.map((r) => [r.period, r]));
  const closing = ref('closing');
  const closed = written.get('closing');
  const skills = p.opportunity.skills.map((code): [string, string] => [code, labelOf(SKILLS, code, lang)]);
  const reflections =
    p.actions.includes('reflect') || p.actions.includes('close') || p.reflections.length
      ? html`<div part="reflections" class="block">
      <h6>${m.reflections}</h6>
      <p class="muted">${m.reflectionsIntro}</p>
      ${
        p.reflections.length
          ? html`<ul class="list reflections">${p.reflections.map(
              (r) => html`<li class="item"><strong>${r.period === 'closing' ? m.closing : m.weekOf(date(r.period))}</strong>
                <p class="prose">${r.body}</p>
                ${r.skills.length ? html`<p class="muted">${m.skills} ${r.skills.map((x) => labelOf(SKILLS, x, lang)).join(', ')}</p>` : nothing}
                ${r.wouldRecommend !== null ? html`<p class="muted">${m.recommend} ${r.wouldRecommend ? m.yes : m.no}</p>` : nothing}</li>`,
            )}</ul>`
          : nothing
      }
      ${
        p.actions.includes('reflect') && weeks.length
          ? form(
              reflection,
              m.reflection,
              html`${field(
                reflection,
                'period',
                m.week,
                (id, d, invalid) => html`<select id=${id} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${d}
                  @change=${(e: Event) => {
                    // A reflection belongs to its week: another week starts from what was saved for it.
                    el._input(reflection, 'period', (e.target as HTMLSelectElement).value);
                    el._input(reflection, 'body', '');
                  }}>
                  ${weeks.map((w) => html`<option value=${w} ?selected=${w === chosenWeek}>${m.weekOf(date(w))}${written.has(w) ? ` (${m.written})` : ''}</option>`)}
                </select>`,
              )}
              ${field(reflection, 'body', m.reflection, textarea(reflection, 'body', written.get(chosenWeek)?.body ?? ''))}`,
              m.saveReflection,
            )
          : nothing
      }
      ${
        p.actions.includes('close')
          ? form(
              closing,
              m.closing,
              html`${field(closing, 'body', m.learned, textarea(closing, 'body', closed?.body ?? ''))}
              ${skills.length ? group(closing, 'skills', m.skills, skills, true) : nothing}
              ${group(closing, 'wouldRecommend', m.recommend, [
                ['yes', m.yes],
                ['no', m.no],
              ])}`,
              m.saveClosing,
            )
          : nothing
      }
    </div>`
      : nothing;

  // The supervisor's final evaluation.
  const evaluations = p.evaluations.length
    ? html`<div class="block"><h6>${m.evaluations}</h6>${p.evaluations.map(
        (e) =>
          html`<ul class="list">${e.ratings.map(
            (r) => html`<li><strong>${labelOf(SKILLS, r.skill, lang)}</strong>: ${m.level(r.level)}${r.comment ? html` — ${r.comment}` : nothing}</li>`,
          )}</ul>${e.comments ? html`<p class="prose">${e.comments}</p>` : nothing}`,
      )}</div>`
    : nothing;

  // The experience survey, once the placement ended.
  const survey = ref('survey');
  const scale = m.scale.map((label, i): [string, string] => [String(i + 1), `${i + 1} · ${label}`]);
  const surveyBlock =
    p.survey && !p.survey.answered && p.actions.includes('survey')
      ? html`<div part="survey" class="block">${form(
          survey,
          m.survey,
          html`<p class="muted">${m.surveyIntro}</p>
          ${group(survey, 'meaningful', m.meaningful, scale)}
          ${group(survey, 'feltSafe', m.feltSafe, scale)}
          ${group(survey, 'wouldRecommend', m.wouldRecommend, scale)}
          ${field(survey, 'comment', m.comment, textarea(survey, 'comment'))}`,
          m.sendSurvey,
        )}</div>`
      : p.survey?.answered
        ? html`<p class="muted">${m.surveyAnswered}</p>`
        : nothing;

  return html`<article part="placement" class="placement" aria-labelledby=${hid}>
    <h5 id=${hid} class="placement-title" tabindex="-1">${p.opportunity.title} <span class="muted">· ${p.opportunity.employer}</span>
      <span class="status status-${p.status}">${el._t.status[p.status]}</span></h5>
    <dl class="facts">
      <div><dt>${m.schedule}</dt><dd>${p.schedule ?? m.notYet}</dd></div>
      <div><dt>${m.dates}</dt><dd>${p.startsOn ? `${date(p.startsOn)}${p.endsOn ? ` – ${date(p.endsOn)}` : ''}` : m.notYet}</dd></div>
      <div><dt>${m.supervisor}</dt><dd>${p.supervisorName ?? m.notYet}</dd></div>
    </dl>
    ${signatures} ${hoursBlock} ${reflections} ${evaluations} ${surveyBlock}
  </article>`;
}
