/**
 * The Spanish of the field messages our schemas and routes write in English (`fields.ts`,
 * `field-errors.ts`, every `{ error: '…' }` and check message), keyed by the English text, which
 * stays exactly as it is. zod's own messages come in Spanish from its `es` locale (see
 * worker/middleware/validate.ts); these are the ones a schema names itself, which win over any
 * locale. A message missing here is answered in English. Kept apart from field-errors.ts so the
 * widgets that import that one do not carry this table.
 */
import type { Locale } from '../vocab.js';

const ES: Record<string, string> = {
  // Supervisors acting by link (schema/api/supervise.ts, routes/supervise.ts)
  'Say what the student should correct': 'Diga qué debe corregir el estudiante',
  'Keep the note under 500 characters': 'Escriba una nota de menos de 500 caracteres',
  'Enter the email address the school has for you as a supervisor': 'Escriba el correo que la escuela tiene de usted como supervisor',
  'Use one of the page’s buttons': 'Use uno de los botones de la página',
  'Enter the supervisor’s name': 'Escribe el nombre del supervisor',
  'Enter the supervisor’s email address, like name@employer.org': 'Escribe el correo del supervisor, como nombre@empleador.org',
  'Give the supervisor’s email address with their name': 'Da el correo del supervisor junto con su nombre',
  'Give the supervisor’s name with their email address': 'Da el nombre del supervisor junto con su correo',
  'Set or remove the name and the email address together': 'Pon o quita el nombre y el correo a la vez',
  // fields.ts and field-errors.ts
  Required: 'Obligatorio',
  'Unknown field': 'Campo desconocido',
  'Not valid JSON': 'No es JSON válido',
  'Use a date like 2027-06-15': 'Usa una fecha como 2027-06-15',
  'Use a date like 2026-08-15': 'Usa una fecha como 2026-08-15',
  'Use a date like 2026-12-05 or an instant like 2026-12-05T15:00:00Z': 'Usa una fecha como 2026-12-05 o un instante como 2026-12-05T15:00:00Z',
  'This date does not exist': 'Esta fecha no existe',
  'Use a time like 09:30 or 18:00': 'Usa una hora como 09:30 o 18:00',
  'Use a time like 09:30': 'Usa una hora como 09:30',
  'Use true or false': 'Usa true o false',
  'Choose true or false': 'Elige true o false',
  // The public list and its paging.
  'Keep the search under 200 characters': 'Escribe menos de 200 caracteres en la búsqueda',
  'Keep the search under 80 characters': 'Escribe menos de 80 caracteres en la búsqueda',
  'This cursor is not valid; start again from the first page': 'Este cursor no es válido; empieza otra vez desde la primera página',
  'Latitude is between -90 and 90': 'La latitud está entre -90 y 90',
  'Longitude is between -180 and 180': 'La longitud está entre -180 y 180',
  'Latitude must be within ±90 and longitude within ±180': 'La latitud debe estar dentro de ±90 y la longitud dentro de ±180',
  'Use lat,lng in decimal degrees, or "school"': 'Usa lat,lng en grados decimales, o "school"',
  'Enter a latitude in decimal degrees': 'Escribe una latitud en grados decimales',
  'Enter a longitude in decimal degrees': 'Escribe una longitud en grados decimales',
  'A radius needs a point: send near=lat,lng': 'Un radio necesita un punto: envía near=lat,lng',
  'This site has no school to measure distance from; send lat,lng': 'Este sitio no tiene una escuela desde la cual medir la distancia; envía lat,lng',
  'Ask for 1 to 100 rows at a time': 'Pide de 1 a 100 filas a la vez',
  'Ask for 1 to 100 items': 'Pide de 1 a 100 elementos',
  'Choose a time zone like America/Chicago': 'Elige una zona horaria como America/Chicago',
  'Choose a time zone': 'Elige una zona horaria',
  'Choose up to 20': 'Elige hasta 20',
  'Choose at most 20': 'Elige como máximo 20',
  'Choose a grade from 6 to 12': 'Elige un grado del 6 al 12',
  'Choose a grade from K (0) to 12': 'Elige un grado de K (0) a 12',
  'Choose a career cluster': 'Elige un grupo de carreras',
  'Choose a career cluster from the list': 'Elige un grupo de carreras de la lista',
  'Choose a stage': 'Elige una etapa',
  'Choose a type': 'Elige un tipo',
  'Choose in person, virtual or hybrid': 'Elige presencial, virtual o híbrido',
  'The end date must be on or after the start date': 'La fecha final debe ser igual o posterior a la fecha de inicio',
  'The end date is before the start date': 'La fecha final es anterior a la fecha de inicio',
  // Forms: applications, host offers, RSVPs, agreements.
  'Enter an email address like name@example.com': 'Escribe un correo como nombre@ejemplo.com',
  'Enter a 5-digit ZIP code': 'Escribe un código postal de 5 dígitos',
  'Use the two-letter state code': 'Usa el código de estado de dos letras',
  'Enter a phone number': 'Escribe un número de teléfono',
  'Enter a full web address, like https://example.com': 'Escribe una dirección web completa, como https://example.com',
  'Choose an opportunity': 'Elige una oportunidad',
  'Choose from the list': 'Elige de la lista',
  'Choose when you are available': 'Elige cuándo tienes disponibilidad',
  'Choose your grade': 'Elige tu grado',
  'Confirm that your answers are true': 'Confirma que tus respuestas son verdaderas',
  'Agree to share your application with the employer': 'Acepta compartir tu solicitud con el empleador',
  'Enter the access code from your school': 'Escribe el código de acceso de tu escuela',
  'Enter the name you go by': 'Escribe el nombre que usas',
  'Enter the student number on your school ID': 'Escribe el número de estudiante de tu credencial escolar',
  'Enter your parent or guardian’s email': 'Escribe el correo de tu madre, padre o tutor',
  'Enter your parent or guardian’s name': 'Escribe el nombre de tu madre, padre o tutor',
  'Enter your student number': 'Escribe tu número de estudiante',
  'Tell us how you will get there': 'Dinos cómo vas a llegar',
  'Tell us why you want this opportunity': 'Dinos por qué quieres esta oportunidad',
  'The student number or access code doesn’t match our records. Check both, or ask your Career Center.':
    'El número de estudiante o el código de acceso no coincide con nuestros registros. Revisa ambos o pregunta en tu Centro de Carreras.',
  'Agree that the school may contact you about this event': 'Acepta que la escuela te contacte sobre este evento',
  'Enter your name': 'Escribe tu nombre',
  'Reserve between 1 and 10 seats': 'Reserva entre 1 y 10 lugares',
  'Use the link from your confirmation or the code beside it': 'Usa el enlace de tu confirmación o el código que lo acompaña',
  'Tell us who is coming: a student, a family or an educator': 'Dinos quién viene: un estudiante, una familia o un educador',
  'Tick the box to agree to the training agreement': 'Marca la casilla para aceptar el acuerdo de formación',
  'Type your full name to sign': 'Escribe tu nombre completo para firmar',
  'Accept the child-labour terms to continue': 'Acepta las condiciones de trabajo infantil para continuar',
  'Accept the liability terms to continue': 'Acepta las condiciones de responsabilidad para continuar',
  'Choose at least one career cluster': 'Elige al menos un grupo de carreras',
  'Choose at least one skill': 'Elige al menos una habilidad',
  'Choose a skill from the list': 'Elige una habilidad de la lista',
  'Choose the kind of experience': 'Elige el tipo de experiencia',
  'Choose the organisation’s size': 'Elige el tamaño de la organización',
  'Choose unpaid, stipend or hourly wage': 'Elige sin pago, estipendio o salario por hora',
  'Choose up to three': 'Elige hasta tres',
  'Choose up to five': 'Elige hasta cinco',
  'Describe the task': 'Describe la tarea',
  'Describe what a student will experience': 'Describe lo que vivirá un estudiante',
  'Enter an age from 11 to 21': 'Escribe una edad de 11 a 21',
  'Enter hours per week': 'Escribe las horas por semana',
  'Enter the city': 'Escribe la ciudad',
  'Enter the contact’s name': 'Escribe el nombre del contacto',
  'Enter the street address': 'Escribe la dirección',
  'Enter the wage or stipend': 'Escribe el salario o estipendio',
  'Enter your organisation’s name': 'Escribe el nombre de tu organización',
  'Give the opportunity a title': 'Ponle un título a la oportunidad',
  'List at least one task': 'Escribe al menos una tarea',
  'List up to 12 tasks': 'Escribe hasta 12 tareas',
  'Name the document': 'Nombra el documento',
  'Name the skill': 'Nombra la habilidad',
  'Name up to 12 skills': 'Nombra hasta 12 habilidades',
  'Please reload the form: the terms have changed': 'Vuelve a cargar el formulario: las condiciones cambiaron',
  'Students may work at most 40 hours a week': 'Los estudiantes pueden trabajar como máximo 40 horas por semana',
  'Tell us whether you carry liability insurance': 'Dinos si tienes seguro de responsabilidad',
  'Not a form token from this site': 'No es un token de formulario de este sitio',
  'Submitted too soon after the form opened': 'Se envió demasiado pronto después de abrir el formulario',
  'The form token has expired': 'El token del formulario venció',
  'Missing or not valid for this form': 'Falta o no es válido para este formulario',
  'Required header': 'Encabezado obligatorio',
  'Use 8–200 visible ASCII characters': 'Usa de 8 a 200 caracteres ASCII visibles',
  // Sign-in.
  'Enter your work email address': 'Escribe tu correo del trabajo',
  'Enter your password': 'Escribe tu contraseña',
  'Enter your current password': 'Escribe tu contraseña actual',
  'Choose a new password': 'Elige una contraseña nueva',
  'Choose a password different from the current one': 'Elige una contraseña distinta de la actual',
  'Do not use your email address as your password': 'No uses tu correo como contraseña',
  'This is not your current password': 'Esta no es tu contraseña actual',
  // The console's opportunity editor.
  'Change at least one field': 'Cambia al menos un campo',
  'Choose one of your employers': 'Elige uno de tus empleadores',
  'Choose one of your schools': 'Elige una de tus escuelas',
  'Choose draft, pending_review, published, closed or archived': 'Elige draft, pending_review, published, closed o archived',
  'New opportunities start as draft or pending_review': 'Las oportunidades nuevas empiezan como draft o pending_review',
  'Choose when students take part': 'Elige cuándo participan los estudiantes',
  'Host 1 to 500 students': 'Recibe de 1 a 500 estudiantes',
  'List up to 10 documents': 'Escribe hasta 10 documentos',
  'The deadline is after the opportunity ends': 'La fecha límite es posterior al final de la oportunidad',
  'The highest grade is below the lowest': 'El grado más alto es menor que el más bajo',
  'The last day is before the first': 'El último día es anterior al primero',
  'Use an O*NET-SOC code like 29-1141.00': 'Usa un código O*NET-SOC como 29-1141.00',
  'Give the image as an https:// URL, or leave it empty': 'Da la imagen como una URL https:// o déjala vacía',
};

/** Messages with a value in them: the English pattern and its Spanish. */
const ES_PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/^Keep this under (\d+) characters$/, (n) => `Escribe menos de ${n} caracteres`],
  [/^Keep the (search|comment|comments|note|URL) under (\d+) characters$/, (_w, n) => `Escribe menos de ${n} caracteres`],
  [/^Use at least (\d+) characters$/, (n) => `Usa al menos ${n} caracteres`],
  [/^Row (\d+): (.+)$/, (n, m) => `Fila ${n}: ${fieldMessageIn(m, 'es')}`],
  [/^Only (\d+) seats are available for your party$/, (n) => `Solo hay ${n} lugares disponibles para tu grupo`],
  [/^No more seats are free: your party can stay at (\d+)$/, (n) => `No quedan más lugares libres: tu grupo puede seguir con ${n}`],
];

/** A field message in `lang`: as written in English, or its Spanish when the table knows it. */
export function fieldMessageIn(message: string, lang: Locale): string {
  if (lang !== 'es') return message;
  const exact = ES[message];
  if (exact) return exact;
  for (const [re, es] of ES_PATTERNS) {
    const m = re.exec(message);
    if (m) return es(...m.slice(1));
  }
  return message;
}
