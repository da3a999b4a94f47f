import type { FieldError } from '../../schema/api/problem.js';
import { PROBLEM_TYPES } from '../../schema/api/problem.js';
import { fieldMessageIn } from '../../schema/api/messages-es.js';
import type { Lang } from './lang.js';

export type ProblemKind = keyof typeof PROBLEM_TYPES;

const TITLES: Record<ProblemKind, string> = {
  validation: 'Some of the input is not valid',
  notFound: 'Not found',
  unauthorized: 'A site key is required',
  signInRequired: 'Sign in to continue',
  badCredentials: 'Email or password is not right',
  forbidden: 'Not allowed',
  passwordChangeRequired: 'Choose your own password first',
  tooLarge: 'The request body is too large',
  unsupportedMediaType: 'Send the body as application/json',
  rateLimited: 'Too many requests',
  conflict: 'Conflict',
  gone: 'No longer available',
  methodNotAllowed: 'Method not allowed',
  unprocessable: 'The request cannot be carried out',
  unavailable: 'Not available right now',
  internal: 'Something went wrong on our side',
};

/** The same titles in Spanish, one per kind. */
const TITLES_ES: Record<ProblemKind, string> = {
  validation: 'Algunos datos no son válidos',
  notFound: 'No se encontró',
  unauthorized: 'Se necesita una clave del sitio',
  signInRequired: 'Inicia sesión para continuar',
  badCredentials: 'El correo o la contraseña no son correctos',
  forbidden: 'No está permitido',
  passwordChangeRequired: 'Primero elige tu propia contraseña',
  tooLarge: 'El cuerpo de la solicitud es demasiado grande',
  unsupportedMediaType: 'Envía el cuerpo como application/json',
  rateLimited: 'Demasiadas solicitudes',
  conflict: 'Conflicto',
  gone: 'Ya no está disponible',
  methodNotAllowed: 'Método no permitido',
  unprocessable: 'No se puede realizar la solicitud',
  unavailable: 'No está disponible en este momento',
  internal: 'Algo salió mal de nuestro lado',
};

/**
 * The Spanish of the titles and details the routes write themselves, keyed by their English
 * text (which stays as it is: clients and tests match it). A text missing here is answered in
 * English; `test/worker/spanish.test.ts` checks the ones a public request can meet.
 */
const ES: Record<string, string> = {
  // Titles given by routes.
  'Already signed': 'Ya está firmado',
  'No agreement yet': 'Todavía no hay acuerdo',
  'One person cannot sign for two roles': 'Una persona no puede firmar por dos funciones',
  'This signing link has expired': 'Este enlace para firmar ha vencido',
  'This signing link is not valid': 'Este enlace para firmar no es válido',
  'This placement no longer needs your signature': 'Esta práctica ya no necesita tu firma',
  'Applications for this opportunity are closed': 'Las solicitudes para esta oportunidad están cerradas',
  'Credential signing is not configured': 'La firma de credenciales no está configurada',
  'Hours are logged on placements under way': 'Las horas se registran en prácticas en curso',
  'No agreement to send': 'No hay acuerdo que enviar',
  'No training agreement text is set up': 'No hay texto de acuerdo de formación',
  'Not a move this application can make': 'Esta solicitud no puede hacer ese cambio',
  'Not under way': 'No está en curso',
  'Nothing to sign': 'No hay nada que firmar',
  'Nothing was imported: some rows have errors': 'No se importó nada: algunas filas tienen errores',
  'Sign in from your district’s own site': 'Inicia sesión desde el sitio de tu distrito',
  'Students have earned this achievement': 'Hay estudiantes que obtuvieron este logro',
  'That was very quick': 'Eso fue muy rápido',
  'The application changed while you were working': 'La solicitud cambió mientras trabajabas',
  'The roster file cannot be imported': 'No se puede importar el archivo de la lista',
  'The training agreement is not fully signed': 'El acuerdo de formación no está firmado por completo',
  'This Idempotency-Key was used for a different request': 'Esta Idempotency-Key se usó para otra solicitud',
  'This deployment is not configured': 'Esta instalación no está configurada',
  'This evaluation is a badge’s evidence': 'Esta evaluación es la evidencia de una insignia',
  'This event was cancelled': 'Este evento se canceló',
  'This placement does not earn the badge': 'Esta práctica no obtiene la insignia',
  'This reservation was already cancelled': 'Esta reserva ya se canceló',
  'This student number is already on the roster': 'Este número de estudiante ya está en la lista',
  'We couldn’t find you': 'No te encontramos',
  'This form was open for a long time': 'Este formulario estuvo abierto mucho tiempo',
  'Please submit the form again': 'Envía el formulario otra vez',
  'Too many tries for this student number': 'Demasiados intentos con este número de estudiante',
  'Too many tries from this device or network': 'Demasiados intentos desde este dispositivo o red',
  'Too many tries at your current password': 'Demasiados intentos con tu contraseña actual',
  'Changed meanwhile': 'Cambió mientras tanto',
  'The key changed meanwhile': 'La clave cambió mientras tanto',
  'The last administrator stays': 'El último administrador se queda',
  'This draft has applications': 'Este borrador tiene solicitudes',
  'This email already has an account': 'Este correo ya tiene una cuenta',
  'This event was already cancelled': 'Este evento ya se canceló',
  'This site is revoked': 'Este sitio está revocado',
  'This supervisor link has expired: ask for a new one': 'Este enlace de supervisor ha vencido: pida uno nuevo',
  'This supervisor link is not valid': 'Este enlace de supervisor no es válido',
  'This entry was sent back': 'Este registro se devolvió',
  'This entry is already approved': 'Este registro ya está aprobado',
  // Details.
  'The body is not valid JSON.': 'El cuerpo no es JSON válido.',
  'Send the body as JSON with Content-Type: application/json.': 'Envía el cuerpo como JSON con Content-Type: application/json.',
  'Send the site’s publishable key in the X-Site-Key header (or ?key= for feeds).':
    'Envía la clave pública del sitio en el encabezado X-Site-Key (o ?key= para los calendarios).',
  'That site key is not valid.': 'Esa clave del sitio no es válida.',
  'That site key is unknown or has been revoked.': 'Esa clave del sitio no existe o fue revocada.',
  'This page is not one of your district’s registered sites, so it may not use your session.':
    'Esta página no es uno de los sitios registrados de tu distrito, así que no puede usar tu sesión.',
  'This page is not one of your district’s registered sites, so it may not sign you in. Use your district’s console page.':
    'Esta página no es uno de los sitios registrados de tu distrito, así que no puede iniciar tu sesión. Usa la página de la consola de tu distrito.',
  'Coordinators can add employer supervisors only. Ask an administrator for other accounts.':
    'Los coordinadores solo pueden agregar supervisores de empleadores. Pide otras cuentas a un administrador.',
  'Only this placement’s supervisor or a coordinator can do this.': 'Solo el supervisor de esta práctica o un coordinador puede hacer esto.',
  'No application with this id here.': 'Aquí no hay ninguna solicitud con este id.',
  'No event has that id here.': 'Aquí no hay ningún evento con ese id.',
  'No hour log with this id here.': 'Aquí no hay ningún registro de horas con este id.',
  'You returned this entry to the student with a note; approve the corrected entry they log instead.':
    'Usted devolvió este registro al estudiante con una nota; apruebe en su lugar el registro corregido.',
  'Approved hours count on the student’s record and cannot be sent back.':
    'Las horas aprobadas cuentan en el expediente del estudiante y no se pueden devolver.',
  'Supervisor links work for 14 days. Ask for a new one with POST /api/v1/supervise/links and your email, or use the button on the page your old link opens.':
    'Los enlaces de supervisor funcionan 14 días. Pida uno nuevo con POST /api/v1/supervise/links y su correo, o use el botón de la página que abre su enlace anterior.',
  'No published opportunity has that id here.': 'Aquí no hay ninguna oportunidad publicada con ese id.',
  'No reservation has that cancel link. It may belong to another site.': 'Ninguna reserva tiene ese enlace de cancelación. Puede ser de otro sitio.',
  'No student with this id on your roster.': 'No hay ningún estudiante con este id en tu lista.',
  'The issuer has no key with this id.': 'El emisor no tiene ninguna clave con este id.',
  'There is no credential with this id.': 'No hay ninguna credencial con este id.',
  'There is no such achievement in your programme.': 'Ese logro no existe en tu programa.',
  'There is no such achievement.': 'Ese logro no existe.',
  'There is no such credential in your programme.': 'Esa credencial no existe en tu programa.',
  'There is no such issuer.': 'Ese emisor no existe.',
  'There is no such placement in your programme.': 'Esa práctica no existe en tu programa.',
  'Ask the Career Center to send a new link.': 'Pide al Centro de Carreras que te envíe un enlace nuevo.',
  'Check that the whole link was copied, or ask the Career Center for a new one.':
    'Revisa que copiaste el enlace completo, o pide uno nuevo al Centro de Carreras.',
  'Another coordinator signed the coordinator line a moment ago.': 'Otro coordinador firmó la línea del coordinador hace un momento.',
  'Send the training agreement first; then sign the coordinator line.': 'Primero envía el acuerdo de formación; luego firma la línea del coordinador.',
  'A badge was issued from this final evaluation, so it can no longer change. Revoke the badge first if it was wrong.':
    'Se emitió una insignia a partir de esta evaluación final, así que ya no puede cambiar. Si estaba mal, revoca primero la insignia.',
  'Add this district’s training agreement text before placements can be accepted.':
    'Agrega el texto del acuerdo de formación de este distrito antes de aceptar prácticas.',
  'Check both and try again. After 10 failed tries in 15 minutes, sign-in pauses for a while.':
    'Revisa ambos e inténtalo de nuevo. Después de 10 intentos fallidos en 15 minutos, el inicio de sesión se pausa un rato.',
  'Credentials were issued for this achievement, so it stays: their achievement ids must keep resolving. Edit it instead.':
    'Se emitieron credenciales para este logro, así que se queda: sus ids deben seguir funcionando. Edítalo en su lugar.',
  'Nothing more to do: the seats were given back when it was cancelled.': 'No hay nada más que hacer: los lugares se liberaron al cancelarla.',
  'Nothing you typed is lost: submit again and the form will refresh its token.':
    'No se perdió nada de lo que escribiste: envía otra vez y el formulario renovará su token.',
  'Please check your answers and submit again.': 'Revisa tus respuestas y envía otra vez.',
  'Reservations are closed because the event was cancelled. Look for other events on the calendar.':
    'Las reservas están cerradas porque el evento se canceló. Busca otros eventos en el calendario.',
  'Send an Idempotency-Key header (for example a random UUID) so a retry never creates a second record.':
    'Envía un encabezado Idempotency-Key (por ejemplo un UUID aleatorio) para que un reintento nunca cree un segundo registro.',
  'Some of these students are not on your roster.': 'Algunos de estos estudiantes no están en tu lista.',
  'The application deadline has passed. Ask your Career Center about similar opportunities.':
    'La fecha límite para solicitar ya pasó. Pregunta en tu Centro de Carreras por oportunidades parecidas.',
  'Use a new Idempotency-Key for a new submission; reuse a key only to retry the same one.':
    'Usa una Idempotency-Key nueva para un envío nuevo; reutiliza una clave solo para reintentar el mismo.',
  'Your session has ended. Please sign in again.': 'Tu sesión terminó. Inicia sesión otra vez.',
  'Send `Authorization: Bearer <token>` from POST /api/v1/auth/login.': 'Envía `Authorization: Bearer <token>` obtenido de POST /api/v1/auth/login.',
  'Changing your password is paused for up to 15 minutes. Sign out and back in if you have forgotten it, or ask your administrator.':
    'El cambio de contraseña está en pausa hasta 15 minutos. Cierra sesión y vuelve a entrar si la olvidaste, o pregunta a tu administrador.',
  'Someone else changed this employer a moment ago. Reload it and make your change again.':
    'Otra persona cambió este empleador hace un momento. Vuelve a cargarlo y haz tu cambio otra vez.',
  'Someone else changed this employer’s vetting a moment ago. Reload it and decide again.':
    'Otra persona cambió la verificación de este empleador hace un momento. Vuelve a cargarlo y decide otra vez.',
  'Someone else changed this event a moment ago. Reload it and make your change again.':
    'Otra persona cambió este evento hace un momento. Vuelve a cargarlo y haz tu cambio otra vez.',
  'Someone else changed this opportunity a moment ago. Reload it and make your change again.':
    'Otra persona cambió esta oportunidad hace un momento. Vuelve a cargarla y haz tu cambio otra vez.',
  'Someone else rotated or revoked this key a moment ago. Reload the site to see its key.':
    'Otra persona renovó o revocó esta clave hace un momento. Vuelve a cargar el sitio para ver su clave.',
  'This is the only active administrator of your district. Make someone else an administrator first.':
    'Es el único administrador activo de tu distrito. Primero nombra administrador a otra persona.',
  'Students applied to it, so it is kept with their applications. Archive it instead.':
    'Hay estudiantes que la solicitaron, así que se conserva con sus solicitudes. Archívala en su lugar.',
  'Someone already signs in with this email address. Find them in the list, or use another address.':
    'Alguien ya inicia sesión con este correo. Búscalo en la lista o usa otra dirección.',
  'Nothing more to do: its guests were told when it was cancelled.': 'No hay nada más que hacer: se avisó a sus invitados cuando se canceló.',
  'A cancelled event cannot be changed. Schedule a new event instead.': 'Un evento cancelado no se puede cambiar. Programa un evento nuevo en su lugar.',
  'It was cancelled a moment ago and can no longer be changed.': 'Se canceló hace un momento y ya no se puede cambiar.',
  'A revoked site cannot be changed. Create a new site instead.': 'Un sitio revocado no se puede cambiar. Crea un sitio nuevo en su lugar.',
  'A revoked site gets no new key. Create a new site instead.': 'Un sitio revocado no recibe clave nueva. Crea un sitio nuevo en su lugar.',
  'The supervisor has not recorded a final evaluation for this placement yet.': 'El supervisor todavía no registró una evaluación final para esta práctica.',
  'No reservation has that code here. Check it against your confirmation email.':
    'Aquí no hay ninguna reservación con ese código. Compáralo con tu correo de confirmación.',
  'Check the code in your confirmation email and try again in a few minutes, or open the link in that email.':
    'Revisa el código de tu correo de confirmación e inténtalo de nuevo en unos minutos, o abre el enlace de ese correo.',
  'Reservations can no longer be changed.': 'Las reservaciones ya no se pueden cambiar.',
  'Too many reservation codes tried': 'Demasiados códigos de reservación probados',
  'Not enough seats': 'No hay suficientes lugares',
};

/** Details with a value in them: the English pattern and its Spanish. */
const ES_PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/^Send at most (\d+) KB\.$/, (n) => `Envía como máximo ${n} KB.`],
  [/^Only (\d+) more seats are free\.$/, (n) => `Solo quedan ${n} lugares libres.`],
  [/^Nothing is at (\S+)\.$/, (path) => `No hay nada en ${path}.`],
  [/^(\S+) answers (.+)\.$/, (path, methods) => `${path} responde a ${methods}.`],
  [/^This site key may not be used from (.+)\.$/, (origin) => `Esta clave del sitio no se puede usar desde ${origin}.`],
  [
    /^This needs the (.+) role; you are signed in as (\S+)\.$/,
    (roles, role) => `Esto necesita la función ${roles.replace(/ or /g, ' o ')}; iniciaste sesión como ${role}.`,
  ],
  [/^Too many submissions from here\. Please try again in (\d+) minute\(s\)\.$/, (n) => `Demasiados envíos desde aquí. Inténtalo de nuevo en ${n} minuto(s).`],
  [
    /^The access code for this student number was wrong too many times, so applying with it is paused\. Wait (.+) and try again; if you don’t have the right code, ask your Career Center for a new access code\.$/,
    (wait) =>
      `El código de acceso de este número de estudiante fue incorrecto demasiadas veces, así que las solicitudes con él están en pausa. Espera ${minutosEs(wait)} e inténtalo de nuevo; si no tienes el código correcto, pide uno nuevo a tu Centro de Carreras.`,
  ],
  [
    /^Too many student numbers or access codes sent from this device or network did not match\. Wait (.+) and try again\. If this keeps happening at school, tell your Career Center\.$/,
    (wait) =>
      `Demasiados números de estudiante o códigos de acceso enviados desde este dispositivo o red no coincidieron. Espera ${minutosEs(wait)} e inténtalo de nuevo. Si sigue pasando en la escuela, avisa a tu Centro de Carreras.`,
  ],
  [
    /^The placement is (\S+)\. Ask the Career Center if you think this is a mistake\.$/,
    (s) => `La práctica está en estado ${s}. Pregunta al Centro de Carreras si crees que es un error.`,
  ],
  [
    /^This application is (\S+); hours are logged once it is active\.$/,
    (s) => `Esta solicitud está en estado ${s}; las horas se registran cuando está activa.`,
  ],
  [/^It is now (\S+); reload it and try again\.$/, (s) => `Ahora está en estado ${s}; vuelve a cargarla e inténtalo de nuevo.`],
  [/^No (.+) has that id here\.$/, (what) => `Aquí no hay ningún registro de ${what} con ese id.`],
];

const minutosEs = (wait: string) => wait.replace(/^1 minute$/, '1 minuto').replace(/^(\d+) minutes$/, '$1 minutos');

/** A title or detail in the request's language: English as written, or its Spanish when known. */
export function problemText(text: string, lang: Lang): string {
  if (lang !== 'es') return text;
  const exact = ES[text];
  if (exact) return exact;
  for (const [re, es] of ES_PATTERNS) {
    const m = re.exec(text);
    if (m) return es(...m.slice(1));
  }
  return text;
}

const STATUS: Record<ProblemKind, number> = {
  validation: 400,
  notFound: 404,
  unauthorized: 401,
  signInRequired: 401,
  badCredentials: 401,
  forbidden: 403,
  passwordChangeRequired: 403,
  tooLarge: 413,
  unsupportedMediaType: 415,
  rateLimited: 429,
  conflict: 409,
  gone: 410,
  methodNotAllowed: 405,
  unprocessable: 422,
  unavailable: 503,
  internal: 500,
};

/** An error that the single `onError` handler turns into `application/problem+json`. */
export class ProblemError extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  /** Whether the title is the route's own (translated by text) rather than the kind's. */
  private readonly ownTitle: boolean;

  constructor(kind: ProblemKind, opts: { detail?: string; errors?: FieldError[]; status?: number; title?: string; headers?: Record<string, string> } = {}) {
    super(opts.title ?? TITLES[kind]);
    this.kind = kind;
    this.status = opts.status ?? STATUS[kind];
    this.detail = opts.detail;
    this.errors = opts.errors;
    this.headers = opts.headers;
    this.ownTitle = opts.title !== undefined;
  }

  /** The problem document in `lang`: titles, details and field messages; paths and codes never change. */
  toJSON(instance?: string, lang: Lang = 'en') {
    const title = lang === 'es' && !this.ownTitle ? TITLES_ES[this.kind] : problemText(this.message, lang);
    return {
      type: PROBLEM_TYPES[this.kind],
      title,
      status: this.status,
      ...(this.detail ? { detail: problemText(this.detail, lang) } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors.map((e) => ({ ...e, message: fieldMessageIn(e.message, lang) })) } : {}),
    };
  }
}

export function problemResponse(problem: ProblemError, instance?: string, extraHeaders: Record<string, string> = {}, lang: Lang = 'en'): Response {
  return new Response(JSON.stringify(problem.toJSON(instance, lang)), {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...problem.headers, ...extraHeaders },
  });
}
