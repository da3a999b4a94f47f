/**
 * Messages to workplace supervisors acting by link (no staff account): the weekly digest, a
 * notice that a student logged new hours, and the fresh link they asked for. Each carries one
 * link to the supervisor page, `{link}`: sealed beside the stored body and put in only at
 * delivery, so the outbox (and the staff listing of it) never holds a working link. Spanish in
 * the usted form.
 */
import { template } from './types.js';

interface HoursLine {
  studentName: string;
  title: string;
  entries: number;
  hours: number;
}

interface EvaluationLine {
  studentName: string;
  title: string;
  phase: 'midpoint' | 'final';
}

interface LinkFacts {
  name: string;
  district: string;
  /** The last day the link works, already written out in the message's language. */
  until: string;
}

interface SupervisorDigest extends LinkFacts {
  hours: HoursLine[];
  evaluations: EvaluationLine[];
}

interface HoursWaiting extends LinkFacts {
  hours: HoursLine[];
}

const hoursEn = (h: number) => `${h} ${h === 1 ? 'hour' : 'hours'}`;
const hoursEs = (h: number) => `${h} ${h === 1 ? 'hora' : 'horas'}`;
const entriesEn = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
const entriesEs = (n: number) => `${n} ${n === 1 ? 'registro' : 'registros'}`;
const lines = (...parts: (string | false | null | undefined)[]) => parts.filter((p) => typeof p === 'string').join('\n');

const hoursLinesEn = (hours: HoursLine[]) => hours.map((h) => `- ${h.studentName}, “${h.title}”: ${entriesEn(h.entries)}, ${hoursEn(h.hours)}`);
const hoursLinesEs = (hours: HoursLine[]) => hours.map((h) => `- ${h.studentName}, “${h.title}”: ${entriesEs(h.entries)}, ${hoursEs(h.hours)}`);

const LINK_EN = (until: string) => [
  'Open your supervisor page to approve hours, send an entry back with a note, and record evaluations (no account or password needed):',
  '{link}',
  '',
  `The link works until ${until} and only for the placements you supervise. Please keep it to yourself.`,
];
const LINK_ES = (until: string) => [
  'Abra su página de supervisor para aprobar horas, devolver un registro con una nota y completar evaluaciones (no necesita cuenta ni contraseña):',
  '{link}',
  '',
  `El enlace funciona hasta el ${until} y solo para las prácticas que usted supervisa. Por favor, no lo comparta.`,
];

export const supervisorMessages = {
  'supervisor.digest': template<SupervisorDigest>({
    category: 'digest',
    en: (d) => ({
      subject: `This week: ${[d.hours.length && 'hours to approve', d.evaluations.length && 'evaluations due'].filter(Boolean).join(' and ')}`,
      text: lines(
        `Hello ${d.name},`,
        '',
        'Here is what waits for you on the work-based learning placements you supervise.',
        ...(d.hours.length ? ['', 'Hours waiting for your approval:', ...hoursLinesEn(d.hours)] : []),
        ...(d.evaluations.length ? ['', 'Evaluations due:', ...d.evaluations.map((e) => `- ${e.studentName}, “${e.title}”: the ${e.phase} evaluation`)] : []),
        '',
        ...LINK_EN(d.until),
        '',
        `${d.district} · Work-Based Learning Office`,
      ),
    }),
    es: (d) => ({
      subject: `Esta semana: ${[d.hours.length && 'horas por aprobar', d.evaluations.length && 'evaluaciones pendientes'].filter(Boolean).join(' y ')}`,
      text: lines(
        `Hola, ${d.name}:`,
        '',
        'Esto es lo que le espera en las prácticas de aprendizaje basado en el trabajo que usted supervisa.',
        ...(d.hours.length ? ['', 'Horas que esperan su aprobación:', ...hoursLinesEs(d.hours)] : []),
        ...(d.evaluations.length
          ? [
              '',
              'Evaluaciones pendientes:',
              ...d.evaluations.map((e) => `- ${e.studentName}, “${e.title}”: la evaluación ${e.phase === 'midpoint' ? 'de mitad de período' : 'final'}`),
            ]
          : []),
        '',
        ...LINK_ES(d.until),
        '',
        `${d.district} · Oficina de Aprendizaje Basado en el Trabajo`,
      ),
    }),
  }),

  'supervisor.hours': template<HoursWaiting>({
    category: 'notice',
    en: (d) => ({
      subject: 'New hours waiting for your approval',
      text: lines(
        `Hello ${d.name},`,
        '',
        'A student you supervise logged hours that wait for your approval:',
        ...hoursLinesEn(d.hours),
        '',
        ...LINK_EN(d.until),
        '',
        `${d.district} · Work-Based Learning Office`,
      ),
    }),
    es: (d) => ({
      subject: 'Nuevas horas esperan su aprobación',
      text: lines(
        `Hola, ${d.name}:`,
        '',
        'Un estudiante que usted supervisa registró horas que esperan su aprobación:',
        ...hoursLinesEs(d.hours),
        '',
        ...LINK_ES(d.until),
        '',
        `${d.district} · Oficina de Aprendizaje Basado en el Trabajo`,
      ),
    }),
  }),

  'supervisor.link': template<LinkFacts>({
    category: 'transaction',
    en: (d) => ({
      subject: 'Your supervisor link',
      text: lines(
        `Hello ${d.name},`,
        '',
        'You asked for a new link to the placements you supervise.',
        '',
        ...LINK_EN(d.until),
        '',
        `${d.district} · Work-Based Learning Office`,
      ),
    }),
    es: (d) => ({
      subject: 'Su enlace de supervisor',
      text: lines(
        `Hola, ${d.name}:`,
        '',
        'Usted pidió un nuevo enlace a las prácticas que supervisa.',
        '',
        ...LINK_ES(d.until),
        '',
        `${d.district} · Oficina de Aprendizaje Basado en el Trabajo`,
      ),
    }),
  }),
};
