/** Messages to employers about the offers they made through the "host a student" form. */
import { template } from './types.js';

interface Offer {
  /** The contact's name, as they gave it. */
  name: string;
  /** The opportunity's title, as they gave it. */
  title: string;
  district: string;
  reference: string;
}

export const employerMessages = {
  'offer.received': template<Offer>({
    category: 'transaction',
    en: (d) => ({
      subject: `We received your offer to host a student (${d.reference})`,
      text: `Hello ${d.name},\n\nThank you for offering "${d.title}" through ${d.district}. A work-based learning coordinator will review your offer within five school days and email you. Quote your reference if you call.\n\nReference: ${d.reference}`,
    }),
    es: (d) => ({
      subject: `Recibimos su oferta para recibir a un estudiante (${d.reference})`,
      text: `Hola, ${d.name}:\n\nGracias por ofrecer "${d.title}" a través de ${d.district}. Un coordinador de aprendizaje basado en el trabajo revisará su oferta en un plazo de cinco días escolares y le escribirá. Mencione su referencia si llama.\n\nReferencia: ${d.reference}`,
    }),
  }),
  'offer.approved': template<Offer & { published: boolean; message: string }>({
    category: 'notice',
    en: (d) => ({
      subject: `Your offer to host a student is approved (${d.reference})`,
      text: `Hello ${d.name},\n\nThank you for offering "${d.title}". A coordinator at ${d.district} has approved it. ${
        d.published
          ? `Students can now find "${d.title}" on ${d.district}'s opportunity board, and we will let you know when one applies.`
          : `We are finishing a few details of "${d.title}" and will let you know when students can find it on ${d.district}'s opportunity board.`
      }${d.message ? `\n\n${d.message}` : ''}\n\nReference: ${d.reference}`,
    }),
    es: (d) => ({
      subject: `Su oferta para recibir a un estudiante fue aprobada (${d.reference})`,
      text: `Hola, ${d.name}:\n\nGracias por ofrecer "${d.title}". Un coordinador de ${d.district} la aprobó. ${
        d.published
          ? `Los estudiantes ya pueden encontrar "${d.title}" en el tablero de oportunidades de ${d.district}, y le avisaremos cuando alguien se postule.`
          : `Estamos terminando algunos detalles de "${d.title}" y le avisaremos cuando los estudiantes puedan encontrarla en el tablero de oportunidades de ${d.district}.`
      }${d.message ? `\n\n${d.message}` : ''}\n\nReferencia: ${d.reference}`,
    }),
  }),
  'offer.returned': template<Offer & { message: string }>({
    category: 'notice',
    en: (d) => ({
      subject: `About your offer to host a student (${d.reference})`,
      text: `Hello ${d.name},\n\nThank you for offering "${d.title}". Before we can publish it, a coordinator at ${d.district} asks:\n\n${d.message}\n\nPlease reply to this message, or send the form again with the changes. Reference: ${d.reference}`,
    }),
    es: (d) => ({
      subject: `Sobre su oferta para recibir a un estudiante (${d.reference})`,
      text: `Hola, ${d.name}:\n\nGracias por ofrecer "${d.title}". Antes de publicarla, un coordinador de ${d.district} le pide:\n\n${d.message}\n\nResponda a este mensaje o envíe el formulario de nuevo con los cambios. Referencia: ${d.reference}`,
    }),
  }),
  'offer.declined': template<Offer & { message: string }>({
    category: 'notice',
    en: (d) => ({
      subject: `Your offer to host a student (${d.reference})`,
      text: `Hello ${d.name},\n\nThank you for offering "${d.title}". After review, ${d.district} is not able to go ahead with it:\n\n${d.message}\n\nWe would be glad to hear from you about other opportunities. Reference: ${d.reference}`,
    }),
    es: (d) => ({
      subject: `Su oferta para recibir a un estudiante (${d.reference})`,
      text: `Hola, ${d.name}:\n\nGracias por ofrecer "${d.title}". Después de revisarla, ${d.district} no puede seguir adelante con ella:\n\n${d.message}\n\nNos encantaría saber de usted sobre otras oportunidades. Referencia: ${d.reference}`,
    }),
  }),
};
