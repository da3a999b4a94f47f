/**
 * Messages to families and students about events: their RSVP, the waitlist, changes and
 * cancellations. Every one carries the event as a calendar file (worker/mail/attachments.ts).
 * Event words (title, place, notes) come already in the guest's language, the date and time
 * already formatted in the event's zone for it (`whenText` in worker/lib/events.ts).
 */
import { template } from './types.js';

/** The event as one guest reads it. */
export interface EventWords {
  /** The guest's name, as they gave it (or a marker the statement that writes the row replaces). */
  name: string;
  title: string;
  /** `Saturday, December 5, 2026 at 9:00 AM PST` / `sábado, 5 de diciembre de 2026, 9:00 a. m. PST`. */
  when: string;
  /** The venue and address on one line; null for an online-only event. */
  place: string | null;
  /** The meeting link for virtual and hybrid events. */
  online: string | null;
  accessibility: string | null;
}

const seatsEn = (n: number) => (n === 1 ? '1 seat' : `${n} seats`);
const seatsEs = (n: number) => (n === 1 ? '1 lugar' : `${n} lugares`);

/** The facts of an event, one line each, for the body of a message. */
function factsEn(d: EventWords): string {
  return [
    `When: ${d.when}`,
    d.place ? `Where: ${d.place}` : null,
    d.online ? `Join online: ${d.online}` : null,
    d.accessibility ? `Accessibility: ${d.accessibility}` : null,
  ]
    .filter(Boolean)
    .join('\n');
}
function factsEs(d: EventWords): string {
  return [
    `Cuándo: ${d.when}`,
    d.place ? `Dónde: ${d.place}` : null,
    d.online ? `Conéctese en línea: ${d.online}` : null,
    d.accessibility ? `Accesibilidad: ${d.accessibility}` : null,
  ]
    .filter(Boolean)
    .join('\n');
}

const CALENDAR_EN = 'The attached calendar file (event.ics) adds the event to your calendar.';
const CALENDAR_ES = 'El archivo de calendario adjunto (event.ics) agrega el evento a su calendario.';

export const eventMessages = {
  'rsvp.confirmed': template<EventWords & { seats: number }>({
    category: 'transaction',
    en: (d) => ({
      subject: `Your seat at ${d.title} is reserved`,
      text: `Hello ${d.name},\n\nYou have ${seatsEn(d.seats)} at "${d.title}".\n\n${factsEn(d)}\n\n${CALENDAR_EN}\n\nTo see or cancel your reservation from any device, open this link (keep it to yourself: it works for your reservation only):\n{link}\n\nIf you can no longer come, please cancel so someone on the waitlist can have your seats.`,
    }),
    es: (d) => ({
      subject: `Su lugar en ${d.title} está reservado`,
      text: `Hola, ${d.name}:\n\nTiene ${seatsEs(d.seats)} en "${d.title}".\n\n${factsEs(d)}\n\n${CALENDAR_ES}\n\nPara ver o cancelar su reservación desde cualquier dispositivo, abra este enlace (no lo comparta: solo sirve para su reservación):\n{link}\n\nSi ya no puede asistir, cancele su reservación para que otra persona en la lista de espera pueda tomar sus lugares.`,
    }),
  }),
  'rsvp.waitlisted': template<EventWords & { seats: number; position: string }>({
    category: 'transaction',
    en: (d) => ({
      subject: `You are on the waitlist for ${d.title}`,
      text: `Hello ${d.name},\n\n"${d.title}" is full, so your party (${seatsEn(d.seats)}) is on the waitlist: number ${d.position} in line. If seats open up we will confirm your reservation and email you; there is nothing you need to do.\n\n${factsEn(d)}\n\n${CALENDAR_EN} It is marked tentative until you have a seat.\n\nTo see your place or leave the waitlist from any device, open this link (keep it to yourself: it works for your reservation only):\n{link}`,
    }),
    es: (d) => ({
      subject: `Está en la lista de espera de ${d.title}`,
      text: `Hola, ${d.name}:\n\n"${d.title}" está lleno, así que su grupo (${seatsEs(d.seats)}) está en la lista de espera: es el número ${d.position}. Si se liberan lugares, confirmaremos su reservación y le avisaremos por correo electrónico; no tiene que hacer nada más.\n\n${factsEs(d)}\n\n${CALENDAR_ES} Aparece como provisional hasta que tenga un lugar.\n\nPara ver su lugar en la lista o salir de ella desde cualquier dispositivo, abra este enlace (no lo comparta: solo sirve para su reservación):\n{link}`,
    }),
  }),
  'rsvp.promoted': template<EventWords>({
    category: 'notice',
    en: (d) => ({
      subject: `You have a seat at ${d.title}`,
      text: `Good news, ${d.name}: a seat opened up, so your reservation for "${d.title}" on ${d.when} is now confirmed.\n\n${factsEn(d)}\n\nThe attached calendar file updates the event in your calendar. If you can no longer come, please cancel your reservation with the link from your first message, so the next person on the waitlist can have the seat.`,
    }),
    es: (d) => ({
      subject: `Ya tiene lugar en ${d.title}`,
      text: `¡Buenas noticias, ${d.name}! Se liberó un lugar, así que su reservación para "${d.title}" el ${d.when} ya está confirmada.\n\n${factsEs(d)}\n\nEl archivo de calendario adjunto actualiza el evento en su calendario. Si ya no puede asistir, cancele su reservación con el enlace de su primer mensaje, para que la siguiente persona en la lista de espera pueda tomar el lugar.`,
    }),
  }),
  'rsvp.updated': template<EventWords & { seats: number; position: string | null }>({
    category: 'transaction',
    en: (d) => ({
      subject: `Updated: your reservation for ${d.title}`,
      text: `Hello ${d.name},\n\nAs you asked, your reservation for "${d.title}" is now for ${seatsEn(d.seats)}.${d.position ? ` Your party is on the waitlist: number ${d.position} in line. If seats open up we will confirm it and email you.` : ' Your seats are confirmed.'}\n\n${factsEn(d)}\n\nThe attached calendar file updates the event in your calendar. To change or cancel again, use the link or the reservation code from your first message.`,
    }),
    es: (d) => ({
      subject: `Actualizada: su reservación para ${d.title}`,
      text: `Hola, ${d.name}:\n\nComo lo solicitó, su reservación para "${d.title}" ahora es de ${seatsEs(d.seats)}.${d.position ? ` Su grupo está en la lista de espera: es el número ${d.position}. Si se liberan lugares, la confirmaremos y le avisaremos por correo electrónico.` : ' Sus lugares están confirmados.'}\n\n${factsEs(d)}\n\nEl archivo de calendario adjunto actualiza el evento en su calendario. Para cambiarla o cancelarla otra vez, use el enlace o el código de reservación de su primer mensaje.`,
    }),
  }),
  'event.changed': template<EventWords>({
    category: 'notice',
    en: (d) => ({
      subject: `Changed: ${d.title}`,
      text: `Hello ${d.name},\n\n"${d.title}" has changed. It now takes place ${d.when}${d.place ? ` at ${d.place}` : ''}.\n\n${factsEn(d)}\n\nYour reservation still stands, and the attached calendar file updates the event in your calendar. If you can no longer come, please cancel it with the link from your confirmation.`,
    }),
    es: (d) => ({
      subject: `Cambio: ${d.title}`,
      text: `Hola, ${d.name}:\n\n"${d.title}" cambió. Ahora será el ${d.when}${d.place ? ` en ${d.place}` : ''}.\n\n${factsEs(d)}\n\nSu reservación sigue en pie, y el archivo de calendario adjunto actualiza el evento en su calendario. Si ya no puede asistir, cancélela con el enlace de su confirmación.`,
    }),
  }),
  'event.cancelled': template<EventWords & { message: string }>({
    category: 'notice',
    en: (d) => ({
      subject: `Cancelled: ${d.title}`,
      text: `Hello ${d.name},\n\nWe are sorry: "${d.title}" on ${d.when} has been cancelled.${d.message ? `\n\n${d.message}` : ''}\n\nThe attached calendar file removes it from your calendar. There is nothing more you need to do.`,
    }),
    es: (d) => ({
      subject: `Cancelado: ${d.title}`,
      text: `Hola, ${d.name}:\n\nLo sentimos: se canceló "${d.title}" del ${d.when}.${d.message ? `\n\n${d.message}` : ''}\n\nEl archivo de calendario adjunto lo quita de su calendario. No tiene que hacer nada más.`,
    }),
  }),
  'rsvp.cancelled': template<EventWords & { seats: number }>({
    category: 'transaction',
    en: (d) => ({
      subject: `Your reservation for ${d.title} is cancelled`,
      text: `Hello ${d.name},\n\nAs you asked, we cancelled your reservation (${seatsEn(d.seats)}) for "${d.title}" on ${d.when}. Thank you for letting us know: your seats go to the next people on the waitlist.\n\nThe attached calendar file removes the event from your calendar. You are welcome to register again while seats are available.`,
    }),
    es: (d) => ({
      subject: `Se canceló su reservación para ${d.title}`,
      text: `Hola, ${d.name}:\n\nComo lo solicitó, cancelamos su reservación (${seatsEs(d.seats)}) para "${d.title}" del ${d.when}. Gracias por avisarnos: sus lugares pasan a las siguientes personas en la lista de espera.\n\nEl archivo de calendario adjunto quita el evento de su calendario. Puede volver a inscribirse mientras haya lugares disponibles.`,
    }),
  }),
};
