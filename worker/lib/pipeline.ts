/**
 * Placement pipeline rules and the words of the messages it sends: which signatures a
 * training agreement needs, how long a signing link lives, and the outbox texts. Pure
 * functions; the routes put them into D1 batches.
 */
import { AGREEMENT_ROLES, type AgreementRole } from '../../schema/api/admin/placements.js';

/** An unsigned signing link works this long after it was issued (a coordinator can re-issue it). */
export const SIGN_LINK_DAYS = 60;

/** Student, supervisor and coordinator always; a parent or guardian while the student is a minor. */
export function requiredRoles(minor: boolean): AgreementRole[] {
  return AGREEMENT_ROLES.filter((r) => r !== 'guardian' || minor);
}

export const ROLE_WORDS: Record<AgreementRole, string> = {
  student: 'student',
  guardian: 'parent or guardian',
  supervisor: 'workplace supervisor',
  coordinator: 'district work-based learning coordinator',
};

export function signLinkExpiry(issuedAt: string): string {
  return new Date(Date.parse(issuedAt) + SIGN_LINK_DAYS * 86_400_000).toISOString();
}

/** `/demo/sign.html?token=…` on the Worker's own origin, which serves the demo pages too. */
export function signLink(origin: string, token: string): string {
  return `${origin}/demo/sign.html?token=${encodeURIComponent(token)}`;
}

/**
 * Where a one-time link goes in a stored message body. The body is stored with this
 * placeholder and the link itself sealed beside it (`outbox.sealed_link`), so a copy of the
 * outbox table holds no working link; the staff listing puts it back for coordinators.
 */
export const LINK_PLACEHOLDER = '{link}';

/** A stored body with its link put back (or a note that it is gone, when it cannot be unsealed). */
export function withLink(body: string, link: string | null): string {
  return body.split(LINK_PLACEHOLDER).join(link ?? '(this link can no longer be shown: send the links again)');
}

/** Two email addresses name the same mailbox (case and surrounding space do not matter). */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The roles that get a link by message; the coordinator signs inside the console as themself. */
export const LINK_ROLES: readonly AgreementRole[] = ['student', 'guardian', 'supervisor'];

export interface PlacementWords {
  reference: string;
  studentName: string;
  title: string;
  employerName: string;
  startsOn: string | null;
  endsOn: string | null;
  districtName: string;
}

const dates = (p: PlacementWords) => (p.startsOn ? (p.endsOn && p.endsOn !== p.startsOn ? ` from ${p.startsOn} to ${p.endsOn}` : ` on ${p.startsOn}`) : '');

/** The body carries `{link}` where the signing link goes (see LINK_PLACEHOLDER). */
export function signRequestMessage(p: PlacementWords, role: AgreementRole, minor: boolean) {
  const who = minor
    ? 'the student’s, a parent or guardian’s, the workplace supervisor’s and the district coordinator’s'
    : 'the student’s, the workplace supervisor’s and the district coordinator’s';
  const opening =
    role === 'student'
      ? `Congratulations, ${p.studentName}: your place in “${p.title}” at ${p.employerName}${dates(p)} is almost confirmed.`
      : role === 'guardian'
        ? `${p.studentName} has accepted a place in “${p.title}” at ${p.employerName}${dates(p)}.`
        : `${p.studentName} will join “${p.title}” at ${p.employerName}${dates(p)}.`;
  return {
    subject: `Please sign: training agreement for ${p.title} (${p.reference})`,
    body: [
      opening,
      '',
      `Before the placement starts, its training agreement needs every signature: ${who}. It sets out the learning goals and tasks, the schedule, supervision and safety, and how hours and skills are recorded.`,
      '',
      `You are asked to sign as the ${ROLE_WORDS[role]}. Read the agreement and sign it with your typed name here:`,
      LINK_PLACEHOLDER,
      '',
      `This link is yours alone; please don’t forward it. It works for ${SIGN_LINK_DAYS} days.`,
      '',
      `${p.districtName} · Work-Based Learning Office · Reference ${p.reference}`,
    ].join('\n'),
  };
}

export function allSignedMessage(p: PlacementWords) {
  return {
    subject: `All signatures in: ${p.title} (${p.reference})`,
    body: `Every required signature on the training agreement for ${p.studentName} at ${p.employerName} is in. The placement can now be confirmed in the console.\n\nReference ${p.reference}`,
  };
}

/** What the student (and guardian) hear when their application moves. */
export function statusMessage(p: PlacementWords, to: string, note: string | null) {
  const reason = note ? `\n\nA note from the Career Center: ${note}` : '';
  switch (to) {
    case 'offered':
      return {
        subject: `You have been offered a place: ${p.title} (${p.reference})`,
        body: `Good news, ${p.studentName}: ${p.employerName} would like to host you for “${p.title}”${dates(p)}. Talk it over at home, then tell your Career Center whether you accept.${reason}\n\nReference ${p.reference}`,
      };
    case 'confirmed':
      return {
        subject: `Your placement is confirmed: ${p.title} (${p.reference})`,
        body: `${p.studentName}, your placement at ${p.employerName} is confirmed: the training agreement is signed by everyone. Your supervisor will tell you where and when to arrive on your first day.${reason}\n\nReference ${p.reference}`,
      };
    case 'declined':
      return {
        subject: `About your application: ${p.title} (${p.reference})`,
        body: `${p.studentName}, thank you for applying for “${p.title}”. This time it is not going ahead. Your Career Center can help you find a similar opportunity.${reason}\n\nReference ${p.reference}`,
      };
    case 'cancelled':
      return {
        subject: `Placement cancelled: ${p.title} (${p.reference})`,
        body: `${p.studentName}, your placement at ${p.employerName} has been cancelled. Your Career Center will be in touch about what comes next.${reason}\n\nReference ${p.reference}`,
      };
    default:
      return null;
  }
}
