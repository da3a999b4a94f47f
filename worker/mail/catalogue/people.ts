/** Messages to students and guardians about their own record: the sign-in link. Spanish in the usted form. */

export const peopleMessages = {};
