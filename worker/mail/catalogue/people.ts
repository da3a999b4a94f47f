/** Messages to students and guardians about their own record: the sign-in link. Spanish in the usted form. */
import { template } from './types.js';

interface SignInLink {
  /** The student's preferred name, or the guardian's name as the roster has it (empty when the roster has none). */
  name: string;
  districtName: string;
  minutes: number;
}

export const peopleMessages = {
  /**
   * The link that opens a student's or guardian's own work-based learning record. `{link}` is the
   * sealed one-time link, put in only at delivery, so the outbox and the console never hold it.
   * A transaction: the person asked for it, so it is always sent.
   */
  'signin.link': template<SignInLink>({
    category: 'transaction',
    en: (d) => ({
      subject: `Your sign-in link for ${d.districtName} work-based learning`,
      text: `Hello${d.name ? ` ${d.name}` : ''},\n\nOpen this link to see your work-based learning record with ${d.districtName}: applications, placements, hours, reflections and badges. It works once, for ${d.minutes} minutes:\n{link}\n\nKeep it to yourself: anyone with the link can open your record until it is used. If you did not ask for it, you can ignore this message; nobody can sign in without the link.`,
    }),
    es: (d) => ({
      subject: `Su enlace para entrar al aprendizaje basado en el trabajo de ${d.districtName}`,
      text: `Hola${d.name ? `, ${d.name}` : ''}:\n\nAbra este enlace para ver su expediente de aprendizaje basado en el trabajo con ${d.districtName}: solicitudes, prácticas, horas, reflexiones e insignias. Funciona una sola vez, durante ${d.minutes} minutos:\n{link}\n\nNo lo comparta: cualquier persona con el enlace puede abrir su expediente hasta que se use. Si no lo pidió, puede ignorar este mensaje; nadie puede entrar sin el enlace.`,
    }),
  }),
};
