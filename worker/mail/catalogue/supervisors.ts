/** Messages to workplace supervisors acting by link: a new hours entry, their link. Spanish in the usted form. */

export const supervisorMessages = {};
