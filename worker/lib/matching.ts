/**
 * Ranks opportunities for a student's stated interests and says why, in words a 16-year-old
 * understands. Pure: the caller fetches candidates; nothing about the student is stored.
 */
import type { MatchItem, MatchRequest, OpportunitySummary } from '../../schema/api/opportunities.js';
import { CLUSTERS, SKILLS, TIME_SLOTS, labelOf, type Locale } from '../../schema/vocab.js';

export interface Candidate {
  summary: OpportunitySummary;
  timeSlots: string[];
  distanceKm: number | null;
}

type Resolved = Required<Pick<MatchRequest, 'clusters' | 'skills' | 'stages' | 'availability' | 'paid' | 'locale'>> &
  Pick<MatchRequest, 'grade' | 'travel' | 'maxDistanceKm'>;

const TEXT = {
  en: {
    cluster: (c: string) => `Matches your interest in ${c}`,
    skills: (s: string) => `Builds ${s}`,
    stage: () => 'The kind of experience you asked for',
    near: (km: string, fromSchool: boolean) => `${km} km from ${fromSchool ? 'your school' : 'you'}`,
    transit: () => 'On a bus or train line',
    virtual: () => 'Virtual: no travel needed',
    paid: (amount: string) => `Paid${amount ? `: ${amount}` : ''}`,
    fits: (slots: string) => `Fits your availability: ${slots}`,
    grade: (g: number) => `Open to grade ${g}`,
    deadline: (d: string) => `Apply by ${d}`,
    and: ' and ',
    hour: '/hour',
    stipend: ' stipend',
  },
  es: {
    cluster: (c: string) => `Coincide con tu interés en ${c}`,
    skills: (s: string) => `Desarrolla ${s}`,
    stage: () => 'El tipo de experiencia que buscas',
    near: (km: string, fromSchool: boolean) => `A ${km} km de ${fromSchool ? 'tu escuela' : 'ti'}`,
    transit: () => 'Con acceso en autobús o tren',
    virtual: () => 'Virtual: no necesitas desplazarte',
    paid: (amount: string) => `Remunerada${amount ? `: ${amount}` : ''}`,
    fits: (slots: string) => `Se ajusta a tu disponibilidad: ${slots}`,
    grade: (g: number) => `Abierta a ${g}.º grado`,
    deadline: (d: string) => `Solicita antes del ${d}`,
    and: ' y ',
    hour: '/hora',
    stipend: ' de estipendio',
  },
} satisfies Record<Locale, unknown>;

const joinList = (items: string[], and: string) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`);

function money(cents: number, locale: Locale) {
  return new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** Scores one candidate; null when it does not fit a hard requirement (grade, paid, distance). */
export function scoreCandidate(c: Candidate, req: Resolved, fromSchool: boolean): MatchItem | null {
  const o = c.summary;
  const t = TEXT[req.locale];
  const reasons: MatchItem['reasons'] = [];
  let score = 0;

  if (req.grade !== undefined && (req.grade < o.gradeMin || req.grade > o.gradeMax)) return null;
  const paid = o.compensation.type !== 'unpaid';
  if (req.paid === 'required' && !paid) return null;
  const remote = o.mode === 'virtual';
  if (req.travel === 'virtual_only' && o.mode === 'in_person') return null;
  if (req.maxDistanceKm !== undefined && !remote && c.distanceKm !== null && c.distanceKm > req.maxDistanceKm && o.mode === 'in_person') return null;

  if (req.clusters.includes(o.cluster)) {
    score += 40;
    reasons.push({ code: 'cluster', text: t.cluster(labelOf(CLUSTERS, o.cluster, req.locale)) });
  }
  const shared = req.skills.filter((s) => o.skills.includes(s));
  if (shared.length) {
    score += Math.min(3, shared.length) * 8;
    const names = shared.map((s) => labelOf(SKILLS, s, req.locale).toLowerCase());
    reasons.push({ code: 'skills', text: t.skills(joinList(names, t.and)) });
  }
  if (req.stages.includes(o.stage)) {
    score += 10;
    reasons.push({ code: 'stage', text: t.stage() });
  }
  if (remote) {
    score += req.travel === 'needs_help' || req.travel === 'virtual_only' ? 15 : 3;
    reasons.push({ code: 'virtual', text: t.virtual() });
  } else if (c.distanceKm !== null) {
    const limit = req.maxDistanceKm ?? 25;
    if (c.distanceKm <= limit) {
      score += 20 * (1 - c.distanceKm / limit);
      const km = new Intl.NumberFormat(req.locale, { maximumFractionDigits: 1 }).format(c.distanceKm);
      const text = t.near(km, fromSchool);
      reasons.push({
        code: 'distance',
        text: o.transitAccessible && req.travel === 'public_transit' ? `${text}, ${t.transit().charAt(0).toLowerCase()}${t.transit().slice(1)}` : text,
      });
    }
  }
  if (req.travel === 'public_transit' || req.travel === 'needs_help') {
    if (o.transitAccessible && !remote) {
      score += 15;
      if (!reasons.some((r) => r.code === 'distance')) reasons.push({ code: 'transit', text: t.transit() });
    } else if (o.mode === 'in_person') {
      score -= 15;
    }
  }
  if (paid) {
    score += req.paid === 'preferred' || req.paid === 'required' ? 12 : 2;
    const amount = o.compensation.amountCents ? `${money(o.compensation.amountCents, req.locale)}${o.compensation.type === 'hourly' ? t.hour : t.stipend}` : '';
    if (req.paid !== 'any') reasons.push({ code: 'paid', text: t.paid(amount) });
  }
  const fits = req.availability.filter((s) => c.timeSlots.includes(s));
  if (fits.length) {
    score += 10;
    reasons.push({
      code: 'availability',
      text: t.fits(
        joinList(
          fits.map((s) => labelOf(TIME_SLOTS, s, req.locale).toLowerCase()),
          t.and,
        ),
      ),
    });
  }
  if (req.grade !== undefined) reasons.push({ code: 'grade', text: t.grade(req.grade) });
  if (o.applicationDeadline) {
    const d = new Date(`${o.applicationDeadline}T12:00:00Z`);
    const date = new Intl.DateTimeFormat(req.locale, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
    reasons.push({ code: 'deadline', text: t.deadline(date) });
  }
  return { opportunity: o, score: Math.round(score * 10) / 10, reasons };
}

/** Ranks candidates best first; ties go to the sooner deadline, then the title. */
export function rankMatches(candidates: Candidate[], req: Resolved, fromSchool: boolean, limit: number): MatchItem[] {
  return candidates
    .map((c) => scoreCandidate(c, req, fromSchool))
    .filter((m): m is MatchItem => m !== null && m.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.opportunity.applicationDeadline ?? '9999').localeCompare(b.opportunity.applicationDeadline ?? '9999') ||
        a.opportunity.title.localeCompare(b.opportunity.title),
    )
    .slice(0, limit);
}
