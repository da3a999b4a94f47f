/** The experience survey a student is asked once a placement ends. Spanish in the usted form. */

export const surveyMessages = {};
