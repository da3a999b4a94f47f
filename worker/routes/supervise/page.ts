/**
 * The supervisor page, rendered by the Worker like the mail preferences page: plain HTML forms
 * that work without JavaScript, under a CSP that lets nothing load or run (one inline style),
 * labels on every control, targets of at least 24 px, colours that meet WCAG AA, in English or
 * Spanish (usted). It shows the placements the link reaches: the hours waiting (approve, or
 * send back with a note) and the evaluations due (every named skill on the 1–4 rubric).
 */
import { RUBRIC_LEVELS } from '../../../schema/api/admin/placements.js';
import type { EvaluationPhase } from '../../../schema/vocab.js';
import type { SupervisedPlacement, SupervisorView } from '../../../schema/api/supervise.js';
import { SKILLS } from '../../../schema/vocab.js';
import type { Lang } from '../../lib/lang.js';
import { PAGE_CSP, plainPage } from '../../mail/preferences-page.js';

const WORDS = {
  en: {
    title: 'Your placements',
    intro: (name: string, district: string) => `Hello ${name}. These are the work-based learning placements you supervise for ${district}.`,
    until: (date: string) => `This link works until ${date}. Each weekly summary brings a new one.`,
    none: 'No placement is assigned to you right now. If you expected one, reply to the message that brought you here.',
    student: 'Student',
    dates: 'Dates',
    schedule: 'Schedule',
    totals: (approved: number, pending: number) => `${approved} hours approved · ${pending} waiting for you`,
    hoursHeading: 'Hours waiting for your approval',
    noHours: 'No hours wait for your approval.',
    hoursCaption: 'Logged hours',
    date: 'Date',
    hours: 'Hours',
    activity: 'What they did',
    approve: 'Approve',
    approveLabel: (date: string, hours: number) => `Approve ${hours} hours on ${date}`,
    returnLegend: (date: string) => `Send the entry of ${date} back`,
    note: 'What should the student correct?',
    sendBack: 'Send back with this note',
    evaluation: (phase: EvaluationPhase) => (phase === 'midpoint' ? 'Midpoint evaluation' : 'Final evaluation'),
    due: 'Due now',
    recorded: (date: string) => `Recorded ${date}; you may revise it.`,
    evaluationIntro: 'Rate each skill the placement names on the 1–4 rubric, from what you saw the student do.',
    comments: 'Comments for the student and the coordinator (optional)',
    save: (phase: EvaluationPhase) => (phase === 'midpoint' ? 'Save the midpoint evaluation' : 'Save the final evaluation'),
    approved: 'The hours are approved. Thank you.',
    returned: 'The entry went back to the student with your note.',
    evaluated: 'The evaluation is saved. Thank you.',
    problem: 'That did not work',
    expiredTitle: 'This link has expired',
    expired: 'Supervisor links work for 14 days. We can email a new one to the address this link was sent to.',
    renew: 'Email me a new link',
    renewed: (email: string) => `If ${email} still supervises a placement, a new link is on its way. Check your inbox in a minute.`,
    notFoundTitle: 'This link does not work',
    notFound: 'Check that the whole link was copied, or use the link in the most recent message from the school.',
    statuses: { accepted: 'Accepted', confirmed: 'Confirmed', active: 'Under way', completed: 'Completed' } as Record<string, string>,
  },
  es: {
    title: 'Sus prácticas',
    intro: (name: string, district: string) =>
      `Hola, ${name}. Estas son las prácticas de aprendizaje basado en el trabajo que usted supervisa para ${district}.`,
    until: (date: string) => `Este enlace funciona hasta el ${date}. Cada resumen semanal trae uno nuevo.`,
    none: 'No tiene ninguna práctica asignada en este momento. Si esperaba una, responda al mensaje que le trajo aquí.',
    student: 'Estudiante',
    dates: 'Fechas',
    schedule: 'Horario',
    totals: (approved: number, pending: number) => `${approved} horas aprobadas · ${pending} esperan su aprobación`,
    hoursHeading: 'Horas que esperan su aprobación',
    noHours: 'No hay horas que esperen su aprobación.',
    hoursCaption: 'Horas registradas',
    date: 'Fecha',
    hours: 'Horas',
    activity: 'Qué hizo',
    approve: 'Aprobar',
    approveLabel: (date: string, hours: number) => `Aprobar ${hours} horas del ${date}`,
    returnLegend: (date: string) => `Devolver el registro del ${date}`,
    note: '¿Qué debe corregir el estudiante?',
    sendBack: 'Devolver con esta nota',
    evaluation: (phase: EvaluationPhase) => (phase === 'midpoint' ? 'Evaluación de mitad de período' : 'Evaluación final'),
    due: 'Pendiente',
    recorded: (date: string) => `Registrada el ${date}; puede revisarla.`,
    evaluationIntro: 'Califique cada habilidad que nombra la práctica en la escala de 1 a 4, según lo que vio hacer al estudiante.',
    comments: 'Comentarios para el estudiante y el coordinador (opcional)',
    save: (phase: EvaluationPhase) => (phase === 'midpoint' ? 'Guardar la evaluación de mitad de período' : 'Guardar la evaluación final'),
    approved: 'Las horas están aprobadas. Gracias.',
    returned: 'El registro volvió al estudiante con su nota.',
    evaluated: 'La evaluación está guardada. Gracias.',
    problem: 'No se pudo hacer',
    expiredTitle: 'Este enlace ha vencido',
    expired: 'Los enlaces de supervisor funcionan 14 días. Podemos enviar uno nuevo a la dirección a la que se envió este enlace.',
    renew: 'Enviarme un enlace nuevo',
    renewed: (email: string) => `Si ${email} todavía supervisa una práctica, un enlace nuevo va en camino. Revise su correo en un minuto.`,
    notFoundTitle: 'Este enlace no funciona',
    notFound: 'Compruebe que copió el enlace completo, o use el enlace del mensaje más reciente de la escuela.',
    statuses: { accepted: 'Aceptada', confirmed: 'Confirmada', active: 'En curso', completed: 'Terminada' } as Record<string, string>,
  },
} as const;

export type Notice = 'approved' | 'returned' | 'evaluated';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Dark text on white, a blue (#1d4ed8, 6.7:1 with white) for buttons, a red that meets AA for errors, focus rings that show. */
const STYLE = `
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:48rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .75rem}
h2{font-size:1.25rem;margin:2rem 0 .25rem;border-top:1px solid #6b7280;padding-top:1rem}
h3{font-size:1.0625rem;margin:1.25rem 0 .5rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.125rem 1rem;margin:.5rem 0}
dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.5rem;border-bottom:1px solid #d1d5db}
fieldset{border:1px solid #6b7280;border-radius:.5rem;margin:.75rem 0;padding:.5rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:block;margin:.25rem 0}
.levels{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.levels label{display:flex;align-items:center;gap:.375rem;min-height:2rem}
input[type=radio]{width:1.5rem;height:1.5rem;min-width:24px;min-height:24px;margin:0;accent-color:#1d4ed8}
textarea{font:inherit;width:100%;box-sizing:border-box;min-height:4.5rem;padding:.5rem;border:1px solid #4b5563;border-radius:.375rem}
button{font:inherit;font-weight:600;min-height:2.75rem;min-width:2.75rem;padding:.5rem 1.25rem;border:0;border-radius:.375rem;background:#1d4ed8;color:#fff;cursor:pointer;margin:.25rem 0}
button:hover{background:#1e40af}
button.secondary{background:#fff;color:#1d4ed8;border:2px solid #1d4ed8}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.note{color:#374151;font-size:.9375rem}
.status{border-left:4px solid #15803d;background:#f0fdf4;color:#14532d;padding:.5rem .75rem;margin:0 0 1rem}
.alert{border-left:4px solid #b91c1c;background:#fef2f2;color:#7f1d1d;padding:.5rem .75rem;margin:0 0 1rem}
.alert ul{margin:.25rem 0 0;padding-left:1.25rem}
`;

/** Nothing loads, nothing runs, forms post only here, nothing frames the page: the preferences pages' policy. */
export const SUPERVISE_CSP = PAGE_CSP;

const page = (lang: Lang, title: string, body: string) => plainPage(lang, title, body, STYLE, '\n<meta name="robots" content="noindex">');

const dateText = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso),
  );

const skillLabel = (lang: Lang, code: string) => SKILLS.find((s) => s.code === code)?.label[lang] ?? code;

export interface PageProblem {
  title: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export interface SupervisorPage {
  lang: Lang;
  view: SupervisorView;
  /** The page's own path and query (`/api/v1/supervise/page?t=…`): where its forms post. */
  action: string;
  notice?: Notice;
  problem?: PageProblem;
}

function hoursSection(p: SupervisorPage, pl: SupervisedPlacement): string {
  const w = WORDS[p.lang];
  if (!pl.pendingHours.length) return `<h3>${escapeHtml(w.hoursHeading)}</h3>\n<p>${escapeHtml(w.noHours)}</p>`;
  const rows = pl.pendingHours
    .map((h) => {
      const on = dateText(p.lang, h.workedOn);
      return `<tr>
<td>${escapeHtml(on)}</td>
<td>${h.hours}</td>
<td>${escapeHtml(h.activity)}
<form method="post" action="${escapeHtml(p.action)}">
<input type="hidden" name="action" value="approve"><input type="hidden" name="hour" value="${escapeHtml(h.id)}">
<button type="submit" aria-label="${escapeHtml(w.approveLabel(on, h.hours))}">${escapeHtml(w.approve)}</button>
</form>
<form method="post" action="${escapeHtml(p.action)}">
<input type="hidden" name="action" value="return"><input type="hidden" name="hour" value="${escapeHtml(h.id)}">
<fieldset><legend>${escapeHtml(w.returnLegend(on))}</legend>
<label for="note-${escapeHtml(h.id)}">${escapeHtml(w.note)}</label>
<textarea id="note-${escapeHtml(h.id)}" name="note" maxlength="500" required></textarea>
<button type="submit" class="secondary">${escapeHtml(w.sendBack)}</button>
</fieldset>
</form></td>
</tr>`;
    })
    .join('\n');
  return `<h3>${escapeHtml(w.hoursHeading)}</h3>
<table>
<caption>${escapeHtml(w.hoursCaption)}</caption>
<thead><tr><th scope="col">${escapeHtml(w.date)}</th><th scope="col">${escapeHtml(w.hours)}</th><th scope="col">${escapeHtml(w.activity)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function evaluationForm(p: SupervisorPage, pl: SupervisedPlacement, phase: EvaluationPhase): string {
  const w = WORDS[p.lang];
  const recorded = pl.evaluations.find((e) => e.phase === phase);
  const id = `${pl.id}-${phase}`;
  const skills = pl.opportunity.skills
    .map(
      (skill, i) => `<fieldset><legend>${escapeHtml(skillLabel(p.lang, skill))}</legend>
<div class="levels">
${RUBRIC_LEVELS.map(
  (r) => `<label><input type="radio" name="r${i}" value="${r.level}" required> <span>${r.level} · ${escapeHtml(r.label[p.lang])}</span></label>`,
).join('\n')}
</div>
</fieldset>`,
    )
    .join('\n');
  return `<h3 id="${escapeHtml(id)}">${escapeHtml(w.evaluation(phase))}${recorded ? '' : ` · ${escapeHtml(w.due)}`}</h3>
${recorded ? `<p class="note">${escapeHtml(w.recorded(dateText(p.lang, recorded.recordedAt)))}</p>` : ''}
<form method="post" action="${escapeHtml(p.action)}" aria-labelledby="${escapeHtml(id)}">
<input type="hidden" name="action" value="evaluate"><input type="hidden" name="application" value="${escapeHtml(pl.id)}"><input type="hidden" name="phase" value="${phase}">
<p>${escapeHtml(w.evaluationIntro)}</p>
${skills}
<label for="comments-${escapeHtml(id)}">${escapeHtml(w.comments)}</label>
<textarea id="comments-${escapeHtml(id)}" name="comments" maxlength="2000"></textarea>
<button type="submit">${escapeHtml(w.save(phase))}</button>
</form>`;
}

function placementSection(p: SupervisorPage, pl: SupervisedPlacement): string {
  const w = WORDS[p.lang];
  const start = pl.startedOn ?? pl.opportunity.startsOn;
  const end = pl.completedOn ?? pl.opportunity.endsOn;
  const dates = [start, end].filter((d): d is string => !!d).map((d) => dateText(p.lang, d));
  // A phase is offered while it is due, and once recorded (a supervisor may revise it).
  const phases = (['midpoint', 'final'] as const).filter((ph) => pl.evaluationsDue.includes(ph) || pl.evaluations.some((e) => e.phase === ph));
  const underWay = pl.status === 'active' || pl.status === 'completed';
  return `<section aria-labelledby="pl-${escapeHtml(pl.id)}">
<h2 id="pl-${escapeHtml(pl.id)}">${escapeHtml(pl.opportunity.title)} · ${escapeHtml(pl.student.preferredName)}</h2>
<dl>
<dt>${escapeHtml(w.student)}</dt><dd>${escapeHtml(pl.student.preferredName)} (${escapeHtml(w.statuses[pl.status] ?? pl.status)})</dd>
${dates.length ? `<dt>${escapeHtml(w.dates)}</dt><dd>${escapeHtml(dates.join(' – '))}</dd>` : ''}
${pl.opportunity.schedule ? `<dt>${escapeHtml(w.schedule)}</dt><dd>${escapeHtml(pl.opportunity.schedule)}</dd>` : ''}
</dl>
${underWay ? `<p>${escapeHtml(w.totals(pl.totals.approved, pl.totals.pending))}</p>\n${hoursSection(p, pl)}\n${phases.map((ph) => evaluationForm(p, pl, ph)).join('\n')}` : ''}
</section>`;
}

export function supervisorPage(p: SupervisorPage): string {
  const w = WORDS[p.lang];
  const notice = p.notice ? `<p class="status" role="status">${escapeHtml(w[p.notice])}</p>` : '';
  const problem = p.problem
    ? `<div class="alert" role="alert"><strong>${escapeHtml(w.problem)}: ${escapeHtml(p.problem.title)}</strong>${p.problem.detail ? `<p>${escapeHtml(p.problem.detail)}</p>` : ''}${
        p.problem.errors?.length ? `<ul>${p.problem.errors.map((e) => `<li>${escapeHtml(e.message)}</li>`).join('')}</ul>` : ''
      }</div>`
    : '';
  const body = p.view.placements.length ? p.view.placements.map((pl) => placementSection(p, pl)).join('\n') : `<p>${escapeHtml(w.none)}</p>`;
  return page(
    p.lang,
    w.title,
    `${notice}${problem}
<p>${escapeHtml(w.intro(p.view.supervisor.name, p.view.districtName))}</p>
<p class="note">${escapeHtml(w.until(dateText(p.lang, p.view.expiresAt)))}</p>
${body}`,
  );
}

/** An expired link: a button that emails a fresh one to the address the old one went to (never one typed in). */
export function expiredPage(lang: Lang, renewAction: string): string {
  const w = WORDS[lang];
  return page(
    lang,
    w.expiredTitle,
    `<p>${escapeHtml(w.expired)}</p>
<form method="post" action="${escapeHtml(renewAction)}">
<button type="submit">${escapeHtml(w.renew)}</button>
</form>`,
  );
}

export function renewedPage(lang: Lang, email: string): string {
  const w = WORDS[lang];
  return page(lang, w.expiredTitle, `<p class="status" role="status">${escapeHtml(w.renewed(email))}</p>`);
}

export function unknownLinkPage(lang: Lang): string {
  const w = WORDS[lang];
  return page(lang, w.notFoundTitle, `<p>${escapeHtml(w.notFound)}</p>`);
}
