/**
 * Reminders and digests the scheduled jobs send (`worker/mail/reminders.ts`, `digests.ts`):
 * a signature still missing, an event tomorrow, what waits for a supervisor each week and for a
 * coordinator each day. Spanish in the usted form.
 */
import { template } from './types.js';

type LinkRole = 'student' | 'guardian' | 'supervisor';

const ROLE_EN: Record<LinkRole, string> = { student: 'student', guardian: 'parent or guardian', supervisor: 'workplace supervisor' };
const ROLE_ES: Record<LinkRole, string> = { student: 'estudiante', guardian: 'madre, padre o tutor', supervisor: 'supervisor en el lugar de trabajo' };

interface SignatureReminder {
  role: LinkRole;
  studentName: string;
  title: string;
  employerName: string;
  reference: string;
  district: string;
  /** Days since the first link went out (3 or 7). */
  days: number;
  /** The last day the new link works, already written out in the message's language. */
  until: string;
}

interface EventReminder {
  name: string;
  title: string;
  /** Date and time in the event's zone, written out in the message's language. */
  when: string;
  /** Where: the place and address, or the online link. */
  place: string;
  partySize: number;
  accessibility: string | null;
  district: string;
}

interface HoursLine {
  studentName: string;
  title: string;
  entries: number;
  hours: number;
  link: string;
}

interface EvaluationLine {
  studentName: string;
  title: string;
  phase: 'midpoint' | 'final';
  link: string;
}

interface SupervisorDigest {
  name: string;
  district: string;
  hours: HoursLine[];
  evaluations: EvaluationLine[];
  console: string;
}

interface StuckLine {
  studentName: string;
  title: string;
  reference: string;
  /** Signatures still missing. */
  missing: number;
  days: number;
  link: string;
}

interface CoordinatorDigest {
  name: string;
  district: string;
  offers: number;
  review: string;
  stuck: StuckLine[];
  /** Placements with more stuck signatures than are listed. */
  moreStuck: number;
  oldHours: { entries: number; hours: number; placements: number };
  placements: string;
}

const hoursEn = (h: number) => `${h} ${h === 1 ? 'hour' : 'hours'}`;
const hoursEs = (h: number) => `${h} ${h === 1 ? 'hora' : 'horas'}`;
const entriesEn = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
const entriesEs = (n: number) => `${n} ${n === 1 ? 'registro' : 'registros'}`;
const lines = (...parts: (string | false | null | undefined)[]) => parts.filter((p) => typeof p === 'string').join('\n');

export const digestMessages = {
  'signature.reminder': template<SignatureReminder>({
    category: 'reminder',
    en: (d) => ({
      subject: `Reminder: please sign the training agreement for ${d.title} (${d.reference})`,
      text: lines(
        `The training agreement for ${d.studentName}’s placement in “${d.title}” at ${d.employerName} still needs your signature as the ${ROLE_EN[d.role]}. We sent you a link ${d.days} days ago.`,
        '',
        'Here is a new link. The earlier link no longer works:',
        '{link}',
        '',
        `This link is yours alone; please don’t forward it. It works until ${d.until}.`,
        '',
        `${d.district} · Work-Based Learning Office · Reference ${d.reference}`,
      ),
    }),
    es: (d) => ({
      subject: `Recordatorio: firme el acuerdo de formación de ${d.title} (${d.reference})`,
      text: lines(
        `El acuerdo de formación de la práctica de ${d.studentName} en “${d.title}” con ${d.employerName} todavía necesita su firma como ${ROLE_ES[d.role]}. Le enviamos un enlace hace ${d.days} días.`,
        '',
        'Este es un enlace nuevo. El enlace anterior ya no funciona:',
        '{link}',
        '',
        `Este enlace es solo para usted; no lo reenvíe. Funciona hasta el ${d.until}.`,
        '',
        `${d.district} · Oficina de Aprendizaje Basado en el Trabajo · Referencia ${d.reference}`,
      ),
    }),
  }),

  'rsvp.reminder': template<EventReminder>({
    category: 'reminder',
    en: (d) => ({
      subject: `Tomorrow: ${d.title}`,
      text: lines(
        `Hello ${d.name},`,
        '',
        `This is a reminder that you registered for “${d.title}” tomorrow${d.partySize > 1 ? ` (a party of ${d.partySize})` : ''}.`,
        '',
        `When: ${d.when}`,
        `Where: ${d.place}`,
        d.accessibility ? `Accessibility: ${d.accessibility}` : null,
        '',
        'If you can no longer come, please cancel with the link in your confirmation message, so that someone on the waitlist can have your place.',
        '',
        `${d.district}`,
      ),
    }),
    es: (d) => ({
      subject: `Mañana: ${d.title}`,
      text: lines(
        `Hola, ${d.name}:`,
        '',
        `Le recordamos que se inscribió en “${d.title}” para mañana${d.partySize > 1 ? ` (un grupo de ${d.partySize})` : ''}.`,
        '',
        `Cuándo: ${d.when}`,
        `Dónde: ${d.place}`,
        d.accessibility ? `Accesibilidad: ${d.accessibility}` : null,
        '',
        'Si ya no puede asistir, cancele con el enlace de su mensaje de confirmación para que otra persona de la lista de espera pueda ocupar su lugar.',
        '',
        `${d.district}`,
      ),
    }),
  }),

  'digest.supervisor': template<SupervisorDigest>({
    category: 'digest',
    en: (d) => ({
      subject: `This week: ${[d.hours.length && 'hours to approve', d.evaluations.length && 'evaluations due'].filter(Boolean).join(' and ')}`,
      text: lines(
        `Hello ${d.name},`,
        '',
        'Here is what waits for you on the placements you supervise.',
        ...(d.hours.length
          ? [
              '',
              'Hours waiting for your approval:',
              ...d.hours.flatMap((h) => [`- ${h.studentName}, “${h.title}”: ${entriesEn(h.entries)}, ${hoursEn(h.hours)}`, h.link]),
            ]
          : []),
        ...(d.evaluations.length
          ? [
              '',
              'Evaluations due:',
              ...d.evaluations.flatMap((e) => [`- ${e.studentName}, “${e.title}”: the ${e.phase === 'midpoint' ? 'midpoint' : 'final'} evaluation`, e.link]),
            ]
          : []),
        '',
        'Sign in to the console to approve hours and record evaluations:',
        d.console,
        '',
        `${d.district} · Work-Based Learning Office`,
      ),
    }),
    es: (d) => ({
      subject: `Esta semana: ${[d.hours.length && 'horas por aprobar', d.evaluations.length && 'evaluaciones pendientes'].filter(Boolean).join(' y ')}`,
      text: lines(
        `Hola, ${d.name}:`,
        '',
        'Esto es lo que le espera en las prácticas que usted supervisa.',
        ...(d.hours.length
          ? [
              '',
              'Horas que esperan su aprobación:',
              ...d.hours.flatMap((h) => [`- ${h.studentName}, “${h.title}”: ${entriesEs(h.entries)}, ${hoursEs(h.hours)}`, h.link]),
            ]
          : []),
        ...(d.evaluations.length
          ? [
              '',
              'Evaluaciones pendientes:',
              ...d.evaluations.flatMap((e) => [`- ${e.studentName}, “${e.title}”: la evaluación ${e.phase === 'midpoint' ? 'intermedia' : 'final'}`, e.link]),
            ]
          : []),
        '',
        'Inicie sesión en la consola para aprobar horas y registrar evaluaciones:',
        d.console,
        '',
        `${d.district} · Oficina de Aprendizaje Basado en el Trabajo`,
      ),
    }),
  }),

  'digest.coordinator': template<CoordinatorDigest>({
    category: 'digest',
    en: (d) => ({
      subject: `Waiting for you today: ${[
        d.offers && `${d.offers} ${d.offers === 1 ? 'offer' : 'offers'} to review`,
        d.stuck.length && `${d.stuck.length + d.moreStuck} unsigned ${d.stuck.length + d.moreStuck === 1 ? 'agreement' : 'agreements'}`,
        d.oldHours.entries && `${hoursEn(d.oldHours.hours)} to approve`,
      ]
        .filter(Boolean)
        .join(', ')}`,
      text: lines(
        `Hello ${d.name},`,
        '',
        `Here is what waits at ${d.district} today.`,
        ...(d.offers
          ? ['', `${d.offers === 1 ? 'One offer' : `${d.offers} offers`} to host students ${d.offers === 1 ? 'waits' : 'wait'} for review:`, d.review]
          : []),
        ...(d.stuck.length
          ? [
              '',
              'Training agreements still unsigned after more than a week:',
              ...d.stuck.flatMap((s) => [
                `- ${s.studentName}, “${s.title}” (${s.reference}): ${s.missing} ${s.missing === 1 ? 'signature' : 'signatures'} missing, sent ${s.days} days ago`,
                s.link,
              ]),
              ...(d.moreStuck ? [`…and ${d.moreStuck} more.`] : []),
            ]
          : []),
        ...(d.oldHours.entries
          ? [
              '',
              `Hours logged more than a week ago and not yet approved: ${entriesEn(d.oldHours.entries)}, ${hoursEn(d.oldHours.hours)} on ${d.oldHours.placements} ${d.oldHours.placements === 1 ? 'placement' : 'placements'}:`,
              d.placements,
            ]
          : []),
        '',
        `${d.district} · Work-Based Learning Office`,
      ),
    }),
    es: (d) => ({
      subject: `Pendiente hoy: ${[
        d.offers && `${d.offers} ${d.offers === 1 ? 'oferta' : 'ofertas'} por revisar`,
        d.stuck.length && `${d.stuck.length + d.moreStuck} ${d.stuck.length + d.moreStuck === 1 ? 'acuerdo sin firmar' : 'acuerdos sin firmar'}`,
        d.oldHours.entries && `${hoursEs(d.oldHours.hours)} por aprobar`,
      ]
        .filter(Boolean)
        .join(', ')}`,
      text: lines(
        `Hola, ${d.name}:`,
        '',
        `Esto es lo que está pendiente hoy en ${d.district}.`,
        ...(d.offers
          ? [
              '',
              `${d.offers === 1 ? 'Una oferta' : `${d.offers} ofertas`} para recibir estudiantes ${d.offers === 1 ? 'espera' : 'esperan'} revisión:`,
              d.review,
            ]
          : []),
        ...(d.stuck.length
          ? [
              '',
              'Acuerdos de formación que siguen sin firmar después de más de una semana:',
              ...d.stuck.flatMap((s) => [
                `- ${s.studentName}, “${s.title}” (${s.reference}): ${s.missing === 1 ? 'falta 1 firma' : `faltan ${s.missing} firmas`}, enviado hace ${s.days} días`,
                s.link,
              ]),
              ...(d.moreStuck ? [`…y ${d.moreStuck} más.`] : []),
            ]
          : []),
        ...(d.oldHours.entries
          ? [
              '',
              `Horas registradas hace más de una semana y aún sin aprobar: ${entriesEs(d.oldHours.entries)}, ${hoursEs(d.oldHours.hours)} en ${d.oldHours.placements} ${d.oldHours.placements === 1 ? 'práctica' : 'prácticas'}:`,
              d.placements,
            ]
          : []),
        '',
        `${d.district} · Oficina de Aprendizaje Basado en el Trabajo`,
      ),
    }),
  }),
};
