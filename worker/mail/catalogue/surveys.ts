/** The experience survey a student is asked once a placement ends. Spanish in the usted form. */
import { template } from './types.js';

export interface SurveyRequest {
  /** The student's preferred name. */
  studentName: string;
  title: string;
  employerName: string;
  districtName: string;
  /** The student's page, opened at the survey for this placement. */
  url: string;
}

export const surveyMessages = {
  'survey.request': template<SurveyRequest>({
    category: 'notice',
    en: (d) => ({
      subject: `How was your placement at ${d.employerName}?`,
      text: `Hello ${d.studentName},\n\nYour placement "${d.title}" at ${d.employerName} has ended. Congratulations on completing it!\n\nPlease take two minutes to answer three short questions: was the work meaningful, did you feel safe, and would you recommend it to another student? ${d.districtName} reads every answer to keep work-based learning experiences high quality. Your coordinator sees your answers; employers see only totals from many students.\n\nAnswer the survey on your student page:\n${d.url}`,
    }),
    es: (d) => ({
      subject: `¿Cómo fue su práctica en ${d.employerName}?`,
      text: `Hola, ${d.studentName}:\n\nSu práctica "${d.title}" en ${d.employerName} terminó. ¡Felicidades por completarla!\n\nTómese dos minutos para responder tres preguntas breves: ¿el trabajo fue significativo?, ¿se sintió seguro o segura?, ¿se la recomendaría a otro estudiante? ${d.districtName} lee cada respuesta para mantener la calidad de las experiencias de aprendizaje basado en el trabajo. Su coordinador ve sus respuestas; los empleadores solo ven totales de muchos estudiantes.\n\nResponda la encuesta en su página de estudiante:\n${d.url}`,
    }),
  }),
};
