/**
 * Employers' offers waiting in the coordinator's review queue, as the "host a student" form
 * submits them: each payload is parsed with the form's own schema, so it is exactly what the
 * Worker would have stored. From organisations not yet on the roster, so approving one
 * creates the employer.
 */
import * as z from 'zod/mini';
import { HOST_TERMS_VERSION, HostOfferRequest } from '../../schema/api/host-offers.js';

type Offer = Omit<z.input<typeof HostOfferRequest>, 'agreements' | 'formToken'> & { id: string; reference: string; daysAgo: number };

const OFFERS: Offer[] = [
  {
    id: 'hof_riv_demo_01',
    reference: 'HO-RIV1-DEMO',
    daysAgo: 2,
    organization: {
      name: 'Orangecrest Veterinary Hospital',
      website: 'https://orangecrestvet.example',
      clusters: ['agriculture', 'healthcare_human_services'],
      address: '19040 Van Buren Boulevard',
      city: 'Riverside',
      state: 'CA',
      postalCode: '92508',
      size: '10-49',
    },
    contact: { name: 'Dr. Elena Park', title: 'Practice Manager', email: 'elena.park@orangecrestvet.example', phone: '(951) 555-0181' },
    opportunity: {
      type: 'job_shadowing',
      title: 'Veterinary Technician Job Shadow',
      description:
        'Spend a morning with our veterinary technicians: check-ins, vaccinations, dental cleanings and post-surgery care. Students see how a small-animal hospital team works and what the path to a registered veterinary technician license looks like.',
      tasks: ['Observe patient intake and weigh-ins', 'Help prepare exam rooms', 'Interview a registered veterinary technician about their training'],
      skills: ['communication', 'professionalism'],
      technicalSkills: ['animal handling'],
      schedule: 'Saturday mornings, 8:00 am – 12:00 pm',
      timeSlots: ['weekends'],
      hoursPerWeek: 4,
      capacity: 2,
      compensation: { type: 'unpaid' },
      mode: 'in_person',
      transitNotes: 'RTA route 20 stops at Van Buren and Trautwein.',
      minAge: 15,
      gradeMin: 10,
      requirements: { backgroundCheck: false, documents: ['Signed animal-handling waiver'] },
    },
  },
  {
    id: 'hof_riv_demo_02',
    reference: 'HO-RIV2-DEMO',
    daysAgo: 5,
    organization: {
      name: 'Inland Signal Credit Union',
      website: 'https://inlandsignalcu.example',
      clusters: ['financial_services'],
      address: '3750 University Avenue',
      city: 'Riverside',
      state: 'CA',
      postalCode: '92501',
      size: '250-999',
    },
    contact: { name: 'Marcus Flores', title: 'Community Engagement Lead', email: 'marcus.flores@inlandsignalcu.example', phone: '(951) 555-0192' },
    opportunity: {
      type: 'paid_internship',
      title: 'Member Services Summer Internship',
      description:
        'A paid summer internship in a branch: greet members, learn how accounts and loans work, and build a short financial-literacy presentation for middle school students. Interns rotate through member services, lending and marketing.',
      tasks: ['Assist member service representatives', 'Shadow a loan officer', 'Build and deliver a financial-literacy presentation'],
      skills: ['communication', 'digital_literacy', 'time_management'],
      technicalSkills: ['customer service software'],
      schedule: 'Monday to Thursday, 9:00 am – 3:00 pm',
      timeSlots: ['summer'],
      hoursPerWeek: 24,
      capacity: 3,
      compensation: { type: 'hourly', amountCents: 1800 },
      mode: 'in_person',
      transitNotes: 'Downtown, two blocks from the Metrolink bus connection.',
      minAge: 16,
      gradeMin: 11,
      requirements: { backgroundCheck: true, documents: ['Work permit (under 18)'] },
    },
  },
  {
    id: 'hof_riv_demo_03',
    reference: 'HO-RIV3-DEMO',
    daysAgo: 9,
    organization: {
      name: 'Mesa Verde Game Studio',
      website: 'https://mesaverdegames.example',
      clusters: ['arts_entertainment_design', 'digital_technology'],
      address: '1201 Research Park Drive',
      city: 'Riverside',
      state: 'CA',
      postalCode: '92507',
      size: '10-49',
    },
    contact: { name: 'Jordan Whitfield', title: 'Studio Producer', email: 'jordan.whitfield@mesaverdegames.example', phone: '(951) 555-0174' },
    opportunity: {
      type: 'industry_project',
      title: 'Design a Level: Game Studio Industry Project',
      description:
        'A six-week project for a small student team, mostly online: our designers give a brief, students prototype a game level, and present it to the studio for feedback in the final week.',
      tasks: ['Sketch and prototype a game level', 'Playtest and iterate with feedback', 'Present the level to the studio team'],
      skills: ['creativity', 'collaboration', 'critical_thinking'],
      technicalSkills: ['level design'],
      schedule: 'Weekly online check-in, Wednesdays 4:00 – 5:00 pm',
      timeSlots: ['after_school'],
      hoursPerWeek: 3,
      capacity: 5,
      compensation: { type: 'unpaid' },
      mode: 'hybrid',
      minAge: 14,
      gradeMin: 9,
    },
  },
];

/** Stands in for the form token a real submission carries; only the schema sees it, and it is not stored. */
const SEED_FORM_TOKEN = 'ft1.seed-offer.not-a-real-token';

/** Rows for `host_offers`, each payload checked by the form's schema (defaults filled in). */
export function hostOfferRows(tenantId: string, siteId: string, instant: (daysAgo: number) => string) {
  return OFFERS.map(({ id, reference, daysAgo, ...form }) => {
    const parsed = z.parse(HostOfferRequest, {
      ...form,
      agreements: { termsVersion: HOST_TERMS_VERSION, liability: true, childLabor: true, insurance: true },
      formToken: SEED_FORM_TOKEN,
    });
    const { nickname: _honeypot, formToken: _token, ...payload } = parsed;
    return {
      id,
      tenant_id: tenantId,
      site_id: siteId,
      reference,
      payload: JSON.stringify(payload),
      terms_version: HOST_TERMS_VERSION,
      status: 'pending',
      created_at: instant(daysAgo),
    };
  });
}
