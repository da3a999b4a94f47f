/**
 * Messages about placements: the application's receipt, its moves (offered, confirmed, declined,
 * cancelled), the training agreement's signature requests and its last signature, and the badge
 * a placement earned. The pipeline's rules (who signs, how long a link lives) stay in
 * lib/pipeline.ts; these are only the words.
 */
import type { AgreementRole } from '../../../schema/vocab.js';
import type { Lang } from '../../lib/lang.js';
import { template } from './types.js';

/** What every placement message says about the placement. */
export interface Placement {
  reference: string;
  /** The student's preferred name. */
  studentName: string;
  title: string;
  employerName: string;
  startsOn: string | null;
  endsOn: string | null;
  districtName: string;
}

/** The words for each signer's role, in each language (the signing page's too). */
export const ROLE_WORDS: Record<Lang, Record<AgreementRole, string>> = {
  en: {
    student: 'student',
    guardian: 'parent or guardian',
    supervisor: 'workplace supervisor',
    coordinator: 'district work-based learning coordinator',
  },
  es: {
    student: 'estudiante',
    guardian: 'madre, padre o tutor legal',
    supervisor: 'supervisor del lugar de trabajo',
    coordinator: 'coordinador de aprendizaje basado en el trabajo del distrito',
  },
};

/** A `YYYY-MM-DD` date (or an instant) as a reader of the language writes it: "May 4, 2026", "4 de mayo de 2026". */
export function longDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));
}

const datesEn = (p: Placement) =>
  p.startsOn
    ? p.endsOn && p.endsOn !== p.startsOn
      ? ` from ${longDate(p.startsOn, 'en')} to ${longDate(p.endsOn, 'en')}`
      : ` on ${longDate(p.startsOn, 'en')}`
    : '';
const datesEs = (p: Placement) =>
  p.startsOn
    ? p.endsOn && p.endsOn !== p.startsOn
      ? ` del ${longDate(p.startsOn, 'es')} al ${longDate(p.endsOn, 'es')}`
      : ` el ${longDate(p.startsOn, 'es')}`
    : '';

export type StatusMove = 'offered' | 'confirmed' | 'declined' | 'cancelled';
/** The moves the student (and a minor's guardian) are told about. */
export const TOLD_MOVES: readonly string[] = ['offered', 'confirmed', 'declined', 'cancelled'] satisfies StatusMove[];

interface Status extends Placement {
  status: StatusMove;
  /** The coordinator's note on the move, if any. */
  note: string | null;
}

interface SignRequest extends Placement {
  role: 'student' | 'guardian' | 'supervisor';
  /** A guardian signs too (the student is a minor). */
  minor: boolean;
  /** When the link stops working (an instant). */
  expiresAt: string;
  days: number;
}

interface Badge {
  studentName: string;
  achievementName: string;
  title: string;
  employerName: string;
  districtName: string;
  /** The credential's public page, in the recipient's language. */
  url: string;
}

const statusEn = (d: Status) => {
  const reason = d.note ? `\n\nA note from the Career Center: ${d.note}` : '';
  switch (d.status) {
    case 'offered':
      return {
        subject: `You have been offered a place: ${d.title} (${d.reference})`,
        text: `Good news, ${d.studentName}: ${d.employerName} would like to host you for “${d.title}”${datesEn(d)}. Talk it over at home, then tell your Career Center whether you accept.${reason}\n\nReference ${d.reference}`,
      };
    case 'confirmed':
      return {
        subject: `Your placement is confirmed: ${d.title} (${d.reference})`,
        text: `${d.studentName}, your placement at ${d.employerName} is confirmed: the training agreement is signed by everyone. Your supervisor will tell you where and when to arrive on your first day.${reason}\n\nReference ${d.reference}`,
      };
    case 'declined':
      return {
        subject: `About your application: ${d.title} (${d.reference})`,
        text: `${d.studentName}, thank you for applying for “${d.title}”. This time it is not going ahead. Your Career Center can help you find a similar opportunity.${reason}\n\nReference ${d.reference}`,
      };
    case 'cancelled':
      return {
        subject: `Placement cancelled: ${d.title} (${d.reference})`,
        text: `${d.studentName}, your placement at ${d.employerName} has been cancelled. Your Career Center will be in touch about what comes next.${reason}\n\nReference ${d.reference}`,
      };
  }
};

const statusEs = (d: Status) => {
  const reason = d.note ? `\n\nUna nota del Centro de Carreras: ${d.note}` : '';
  switch (d.status) {
    case 'offered':
      return {
        subject: `Le ofrecen un lugar: ${d.title} (${d.reference})`,
        text: `Buenas noticias, ${d.studentName}: ${d.employerName} quiere recibirle en “${d.title}”${datesEs(d)}. Háblelo en casa y luego diga a su Centro de Carreras si acepta.${reason}\n\nReferencia ${d.reference}`,
      };
    case 'confirmed':
      return {
        subject: `Su práctica está confirmada: ${d.title} (${d.reference})`,
        text: `${d.studentName}, su práctica en ${d.employerName} está confirmada: todas las personas firmaron el acuerdo de formación. Su supervisor le dirá dónde y a qué hora presentarse el primer día.${reason}\n\nReferencia ${d.reference}`,
      };
    case 'declined':
      return {
        subject: `Sobre su solicitud: ${d.title} (${d.reference})`,
        text: `${d.studentName}, gracias por postularse a “${d.title}”. Esta vez no seguirá adelante. Su Centro de Carreras puede ayudarle a encontrar una oportunidad parecida.${reason}\n\nReferencia ${d.reference}`,
      };
    case 'cancelled':
      return {
        subject: `Práctica cancelada: ${d.title} (${d.reference})`,
        text: `${d.studentName}, su práctica en ${d.employerName} fue cancelada. Su Centro de Carreras se comunicará con usted sobre los próximos pasos.${reason}\n\nReferencia ${d.reference}`,
      };
  }
};

export const placementMessages = {
  /** To the address the student applied with (and a minor's roster guardian). */
  'application.received': template<{ studentName: string; title: string; reference: string; districtName: string }>({
    category: 'transaction',
    en: (d) => ({
      subject: `Application received: ${d.title} (${d.reference})`,
      text: `${d.studentName} applied for “${d.title}”. The application is in. What happens next: the Career Center at ${d.districtName} reviews it and writes to ${d.studentName} (and a parent or guardian) when there is news: an offer from the host, or a word about other options. Nothing needs to be done until then.\n\nReference: ${d.reference}`,
    }),
    es: (d) => ({
      subject: `Solicitud recibida: ${d.title} (${d.reference})`,
      text: `${d.studentName} se postuló a “${d.title}”. La solicitud está recibida. Qué sigue: el Centro de Carreras de ${d.districtName} la revisa y escribe a ${d.studentName} (y a su madre, padre o tutor legal) cuando haya novedades: una oferta del anfitrión o información sobre otras opciones. Hasta entonces no hace falta hacer nada.\n\nReferencia: ${d.reference}`,
    }),
  }),

  /** A move the student hears of: offered, confirmed, declined, cancelled (`status`). */
  'application.status': template<Status>({ category: 'notice', en: statusEn, es: statusEs }),

  /** A signing link for one role; `{link}` is the sealed link, put in only at delivery. */
  'signature.request': template<SignRequest>({
    category: 'notice',
    en: (d) => {
      const who = d.minor
        ? 'the student’s, a parent or guardian’s, the workplace supervisor’s and the district coordinator’s'
        : 'the student’s, the workplace supervisor’s and the district coordinator’s';
      const opening =
        d.role === 'student'
          ? `Congratulations, ${d.studentName}: your place in “${d.title}” at ${d.employerName}${datesEn(d)} is almost confirmed.`
          : d.role === 'guardian'
            ? `${d.studentName} has accepted a place in “${d.title}” at ${d.employerName}${datesEn(d)}.`
            : `${d.studentName} will join “${d.title}” at ${d.employerName}${datesEn(d)}.`;
      return {
        subject: `Please sign: training agreement for ${d.title} (${d.reference})`,
        text: [
          opening,
          '',
          `Before the placement starts, its training agreement needs every signature: ${who}. It sets out the learning goals and tasks, the schedule, supervision and safety, and how hours and skills are recorded.`,
          '',
          `You are asked to sign as the ${ROLE_WORDS.en[d.role]}. Read the agreement and sign it with your typed name here:`,
          '{link}',
          '',
          `This link is yours alone; please don’t forward it. It works for ${d.days} days, until ${longDate(d.expiresAt, 'en')}.`,
          '',
          `${d.districtName} · Work-Based Learning Office · Reference ${d.reference}`,
        ].join('\n'),
      };
    },
    es: (d) => {
      const who = d.minor
        ? 'la del estudiante, la de su madre, padre o tutor legal, la del supervisor del lugar de trabajo y la del coordinador del distrito'
        : 'la del estudiante, la del supervisor del lugar de trabajo y la del coordinador del distrito';
      const opening =
        d.role === 'student'
          ? `Felicidades, ${d.studentName}: su lugar en “${d.title}” en ${d.employerName}${datesEs(d)} está casi confirmado.`
          : d.role === 'guardian'
            ? `${d.studentName} aceptó un lugar en “${d.title}” en ${d.employerName}${datesEs(d)}.`
            : `${d.studentName} se incorporará a “${d.title}” en ${d.employerName}${datesEs(d)}.`;
      return {
        subject: `Firme, por favor: acuerdo de formación para ${d.title} (${d.reference})`,
        text: [
          opening,
          '',
          `Antes de que empiece la práctica, su acuerdo de formación necesita todas las firmas: ${who}. El acuerdo establece los objetivos de aprendizaje y las tareas, el horario, la supervisión y la seguridad, y cómo se registran las horas y las habilidades.`,
          '',
          `Se le pide firmar como ${ROLE_WORDS.es[d.role]}. Lea el acuerdo y fírmelo escribiendo su nombre aquí:`,
          '{link}',
          '',
          `Este enlace es solo para usted; no lo reenvíe. Funciona durante ${d.days} días, hasta el ${longDate(d.expiresAt, 'es')}.`,
          '',
          `${d.districtName} · Oficina de Aprendizaje Basado en el Trabajo · Referencia ${d.reference}`,
        ].join('\n'),
      };
    },
  }),

  /** To the Work-Based Learning office: every required signature is in. */
  'agreement.complete': template<Placement>({
    category: 'notice',
    en: (d) => ({
      subject: `All signatures in: ${d.title} (${d.reference})`,
      text: `Every required signature on the training agreement for ${d.studentName} at ${d.employerName} is in. The placement can now be confirmed in the console.\n\nReference ${d.reference}`,
    }),
    es: (d) => ({
      subject: `Todas las firmas recibidas: ${d.title} (${d.reference})`,
      text: `El acuerdo de formación de ${d.studentName} en ${d.employerName} ya tiene todas las firmas necesarias. Ahora puede confirmar la práctica en la consola.\n\nReferencia ${d.reference}`,
    }),
  }),

  /** To the student: a badge was issued for what their placement showed. */
  'badge.issued': template<Badge>({
    category: 'notice',
    en: (d) => ({
      subject: `You earned a badge: ${d.achievementName}`,
      text: `Congratulations, ${d.studentName}: ${d.districtName} has issued you the “${d.achievementName}” badge for your placement “${d.title}” at ${d.employerName}. It is a verifiable digital credential: anyone you share its link with (a college, an employer) can check that it is genuine.\n\nSee your badge here:\n${d.url}`,
    }),
    es: (d) => ({
      subject: `Obtuvo una insignia: ${d.achievementName}`,
      text: `Felicidades, ${d.studentName}: ${d.districtName} le otorgó la insignia “${d.achievementName}” por su práctica “${d.title}” en ${d.employerName}. Es una credencial digital verificable: cualquier persona con quien comparta su enlace (una universidad, un empleador) puede comprobar que es auténtica.\n\nVea su insignia aquí:\n${d.url}`,
    }),
  }),
};
