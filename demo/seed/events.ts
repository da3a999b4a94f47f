/**
 * The demo's career-awareness events and their RSVPs: a season of Riverside events over the
 * next 90 days (this coming Saturday's career fair, family nights, virtual panels, tours, one cancelled,
 * one nearly full, one full with a waitlist) and a few Lakeside events on the days Chicago's
 * clocks change, so DST is exercised. Dates are relative to the seed's `today`; ids are fixed,
 * so tests and the calendar's end-to-end tests can name them.
 */
import { createHash } from 'node:crypto';
import type { Cluster, EventType, Interpretation } from '../../schema/vocab.js';
import { addDays, localDate, transitionsInYear, zonedInstant } from '../../worker/lib/zones.js';
import { LAKESIDE_EMPLOYERS, LAKESIDE_SCHOOLS, RIVERSIDE_EMPLOYERS, RIVERSIDE_SCHOOLS, type EmployerSeed, type SchoolSeed } from './data.js';

type Audience = 'students' | 'families' | 'educators' | 'employers';

interface Place { name: string; address: string; city: string; state: string; postalCode: string; lat: number; lng: number }

interface EventSeed {
  id: string;
  type: EventType;
  title: string;
  description: string;
  /** Days from `today`, then forward to `weekday` (0 Sunday … 6 Saturday) when given. */
  day: number | ((today: string) => string);
  weekday?: number;
  /** Local times; without them the event is all-day, `days` long. */
  start?: string;
  end?: string;
  /** For events that end the next morning (an overnight hackathon). */
  endsNextDay?: boolean;
  days?: number;
  place?: Place;
  virtualUrl?: string;
  accessibility?: string;
  /** The Spanish title, description and accessibility notes; without them Spanish readers get the English. */
  es?: { title: string; description: string; accessibility?: string };
  /** Interpretation offered on the RSVP form. */
  interpretation?: Interpretation[];
  audiences: Audience[];
  clusters: Cluster[];
  grades?: [number, number];
  capacity?: number;
  registration?: boolean;
  cancelled?: { sequence: number };
  /** Seeded reservations: the confirmed seats, and the party sizes waiting, in order. */
  confirmedSeats?: number;
  waitlist?: number[];
}

const RIV_ZONE = 'America/Los_Angeles';
const LAK_ZONE = 'America/Chicago';

function school(list: SchoolSeed[], id: string, room?: string): Place {
  const s = list.find((x) => x.id === id)!;
  return { name: room ? `${s.name}, ${room}` : s.name, address: s.address, city: s.city, state: s.state, postalCode: s.postalCode, lat: s.lat, lng: s.lng };
}
function employer(list: EmployerSeed[], key: string, state: string, room?: string): Place {
  const e = list.find((x) => x.key === key)!;
  return { name: room ? `${e.name}, ${room}` : e.name, address: e.address, city: e.city, state, postalCode: e.postalCode, lat: e.lat, lng: e.lng };
}
const rivSchool = (id: string, room?: string) => school(RIVERSIDE_SCHOOLS, `sch_riv_${id}`, room);
const rivEmployer = (key: string, room?: string) => employer(RIVERSIDE_EMPLOYERS, key, 'CA', room);
const lakSchool = (id: string, room?: string) => school(LAKESIDE_SCHOOLS, `sch_lak_${id}`, room);
const lakEmployer = (key: string, room?: string) => employer(LAKESIDE_EMPLOYERS, key, 'IL', room);

const STEP_FREE_ES =
  'Entrada sin escalones y baños accesibles. Interpretación en lenguaje de señas americano (ASL) y en español a pedido: indíquelo al reservar o llame al Centro de Carreras con una semana de anticipación.';
const STEP_FREE = 'Step-free entrance and accessible restrooms. ASL interpretation and Spanish interpretation on request: tell us when you RSVP or call the Career Center a week ahead.';

/** Riverside Unified's events. Every id here is referenced by DEMO_EVENTS below. */
const RIVERSIDE: EventSeed[] = [
  {
    id: 'evt_riv_kickoff_assembly', type: 'guest_speaker', title: 'Career Exploration Kickoff Assembly', day: -10, start: '09:00', end: '10:00',
    description: 'Ninth graders hear from four local professionals about how they found their careers, and learn how the Career Center’s work-based learning continuum builds from career awareness to career preparation over four years.',
    place: rivSchool('riverside_high', 'Performing Arts Theater'), accessibility: STEP_FREE, audiences: ['students', 'educators'], clusters: [], grades: [9, 9],
  },
  {
    id: 'evt_riv_employer_breakfast', type: 'info_session', title: 'Employer Partner Breakfast: Hosting Your First High School Intern', day: 8, weekday: 2, start: '07:30', end: '09:00',
    description: 'For employers new to work-based learning. Hear from supervisors at Arroyo Valley Medical Center and Cityline Software about structuring meaningful tasks, naming the skills a student will build, supervising minors, and the training agreement. Breakfast provided by Velvet Bean Coffee Co.',
    place: rivEmployer('uptown_chamber', 'Board Room'), accessibility: 'Elevator to the second floor from the University Avenue lobby.', audiences: ['employers'],
    clusters: ['management_entrepreneurship'], capacity: 50, registration: true,
  },
  {
    id: 'evt_riv_digital_panel', type: 'virtual_panel', title: 'Virtual Career Panel: Inside Digital Technology Careers', day: 9, weekday: 3, start: '18:30', end: '19:30',
    description: 'A software engineer, a cybersecurity analyst and a data analyst talk about a typical day, the classes that helped them, and the internships and apprenticeships that got them started. Students and families can ask questions in the chat. Join from any phone or computer.',
    virtualUrl: 'https://meet.riverside-usd.example/digital-careers-panel', accessibility: 'Live captions in English and Spanish; the recording is shared with everyone who registers.',
    audiences: ['students', 'families'], clusters: ['digital_technology'], grades: [8, 12], registration: true,
  },
  {
    id: 'evt_riv_resume_workshop', type: 'workshop', title: 'Resume and Interview Skills Workshop', day: 11, weekday: 4, start: '15:30', end: '17:00',
    description: 'Write a first resume that shows what you can do, even without a job yet: class projects, volunteering, caring for siblings. Then practise answering interview questions with volunteers from Inland Valley Credit Union. Bring a charged device if you have one; Chromebooks are available.',
    place: rivSchool('riverside_high', 'Library'), accessibility: STEP_FREE, audiences: ['students'], clusters: [], grades: [10, 12], capacity: 35, registration: true,
  },
  {
    id: 'evt_riv_machinist_tour', type: 'industry_tour', title: 'Industry Tour: Precision Aero Machinist Academy', day: 13, weekday: 5, start: '13:00', end: '15:30',
    description: 'Walk the shop floor where aerospace parts are machined and inspected, watch a five-axis CNC mill at work, and meet apprentices from the in-house machinist academy who started as high school interns. The bus leaves Riverside High at 12:30 pm and returns by 4:00 pm.',
    place: rivEmployer('precision_aero'), accessibility: 'The shop floor is step-free; safety glasses and ear protection are provided. Wear closed-toe shoes.',
    audiences: ['students'], clusters: ['advanced_manufacturing'], grades: [10, 12], capacity: 24, registration: true, confirmedSeats: 21,
  },
  {
    id: 'evt_riv_family_night', type: 'family_night', title: 'Family Night: From Career Awareness to Apprenticeship', day: 16, weekday: 4, start: '18:00', end: '19:30',
    description: 'What is work-based learning, and how does it help my student? Counselors walk families through the continuum: career awareness in middle school, career exploration through tours and job shadows, career preparation through internships, and career training in registered apprenticeships. Learn how students earn credit, how transportation is arranged, and how to sign up. Dinner and childcare provided; sessions in English and Spanish.',
    place: rivSchool('arroyo_high', 'Cafeteria'), accessibility: `${STEP_FREE} Childcare for children 4 and older in the library.`,
    es: {
      title: 'Noche familiar: del conocimiento de carreras al aprendizaje registrado',
      description: '¿Qué es el aprendizaje basado en el trabajo y cómo ayuda a mi estudiante? Los consejeros explican a las familias cada etapa: el conocimiento de carreras en la escuela intermedia, la exploración de carreras con visitas a empresas y observación de empleos, la preparación para carreras con pasantías y la formación profesional en programas de aprendizaje registrados. Sepa cómo los estudiantes obtienen créditos, cómo se organiza el transporte y cómo inscribirse. Habrá cena y cuidado de niños; sesiones en inglés y en español.',
      accessibility: `${STEP_FREE_ES} Cuidado de niños de 4 años en adelante en la biblioteca.`,
    },
    interpretation: ['es', 'asl'],
    audiences: ['families', 'students'], clusters: [], capacity: 150, registration: true, confirmedSeats: 38,
  },
  {
    id: 'evt_riv_er_nurse', type: 'guest_speaker', title: 'Guest Speaker: A Day in the Life of an Emergency Room Nurse', day: 18, weekday: 4, start: '16:00', end: '17:30',
    description: 'An emergency department nurse and a paramedic describe a twelve-hour shift, the path from certified nursing assistant to registered nurse, and what the hospital looks for in student volunteers and clinical rotation students. Hands-on stations: taking vital signs and hands-only CPR.',
    place: rivEmployer('arroyo_medical', 'Education Center Auditorium'), accessibility: 'Accessible parking in Lot B next to the Education Center; the auditorium has a hearing loop.',
    audiences: ['students', 'families'], clusters: ['healthcare_human_services'], grades: [9, 12], capacity: 40, registration: true, confirmedSeats: 40, waitlist: [2, 1, 3],
  },
  {
    id: 'evt_riv_logistics_tour', type: 'industry_tour', title: 'Worksite Tour: Inland Port Logistics Distribution Center', day: 20, weekday: 2, start: '09:30', end: '12:00',
    description: 'Cancelled: the distribution center has paused visitor tours during its peak season. We will reschedule in the spring and let everyone who registered know first.',
    place: rivEmployer('inland_logistics'), audiences: ['students'], clusters: ['supply_chain_transportation'], grades: [10, 12], capacity: 25, registration: true,
    cancelled: { sequence: 2 },
  },
  {
    id: 'evt_riv_apprenticeship_info', type: 'info_session', title: 'Information Session: Registered Apprenticeships in the Electrical Trades', day: 23, weekday: 2, start: '17:30', end: '18:30',
    description: 'Join in person at the training center or online. Apprenticeship coordinators explain how the pre-apprenticeship program works for juniors and seniors, what the math assessment covers, and how apprentices earn a wage while they learn the trade.',
    place: rivEmployer('ibew_training', 'Classroom 3'), virtualUrl: 'https://meet.riverside-usd.example/electrical-apprenticeships',
    accessibility: 'Step-free access from the front parking lot; online attendees get live captions.',
    audiences: ['students', 'families'], clusters: ['construction', 'energy_natural_resources'], grades: [11, 12], capacity: 60, registration: true,
  },
  {
    id: 'evt_riv_career_fair', type: 'career_fair', title: 'Inland Valley Career Fair', day: 3, weekday: 6, start: '09:00', end: '13:00',
    description: 'More than forty employers from healthcare, construction, advanced manufacturing, digital technology, hospitality and public safety meet students and families. Find summer internships, job shadows and apprenticeships, practise introducing yourself, and learn which classes lead where. Free for Riverside Unified students and their families; please register so every employer has time for every visitor.',
    place: rivSchool('riverside_high', 'Gymnasium'), accessibility: `${STEP_FREE} A quiet room is open next to the gym all morning.`,
    es: {
      title: 'Feria de Carreras de Inland Valley',
      description: 'Más de cuarenta empleadores de salud, construcción, manufactura avanzada, tecnología digital, hotelería y seguridad pública conocen a estudiantes y familias. Encuentre pasantías de verano, observación de empleos y programas de aprendizaje, practique cómo presentarse y descubra qué clases llevan a cada carrera. Gratis para los estudiantes de Riverside Unified y sus familias; inscríbase para que cada empleador tenga tiempo para cada visitante.',
      accessibility: `${STEP_FREE_ES} Habrá una sala tranquila junto al gimnasio toda la mañana.`,
    },
    interpretation: ['es'],
    audiences: ['students', 'families'],
    clusters: ['healthcare_human_services', 'construction', 'advanced_manufacturing', 'digital_technology', 'hospitality_events_tourism', 'public_service_safety'],
    grades: [8, 12], capacity: 120, registration: true, confirmedSeats: 64,
  },
  {
    id: 'evt_riv_hotel_tour', type: 'industry_tour', title: 'Behind the Scenes at The Grand Mission Hotel', day: 27, weekday: 3, start: '15:45', end: '17:30',
    description: 'Tour the kitchens, the front desk, housekeeping and the conference center of a historic downtown hotel, and hear from managers who started as part-time staff. Hospitality, events and tourism students especially welcome.',
    place: rivEmployer('mission_hotel'), accessibility: 'Elevators reach every stop on the tour.', audiences: ['students'], clusters: ['hospitality_events_tourism'], grades: [9, 12], capacity: 20, registration: true,
  },
  {
    id: 'evt_riv_middle_career_day', type: 'career_day', title: 'Career Day at Mission Inn Middle School', day: 30, weekday: 3,
    description: 'All day, professionals visit every classroom: firefighters, nurses, coders, chefs, electricians and artists explain what they do and what they studied. Families are welcome to volunteer as speakers — contact the front office.',
    place: rivSchool('mission_middle'), accessibility: STEP_FREE, audiences: ['students', 'educators', 'families'],
    clusters: ['public_service_safety', 'healthcare_human_services', 'digital_technology', 'hospitality_events_tourism', 'construction', 'arts_entertainment_design'], grades: [6, 8],
  },
  {
    id: 'evt_riv_educator_workshop', type: 'workshop', title: 'Educator Workshop: Bringing Industry Into Your Classroom', day: 35, weekday: 3, start: '15:30', end: '17:00',
    description: 'For teachers and counselors: plan a guest speaker visit or an industry project that ties to your course standards, name the employability skills students will practise, and use the district’s event calendar to invite families. Counts toward professional development hours.',
    place: rivEmployer('riv_library', 'Main Library Conference Room'), accessibility: STEP_FREE, audiences: ['educators'], clusters: ['education'], capacity: 30, registration: true,
  },
  {
    id: 'evt_riv_solar_workshop', type: 'workshop', title: 'Hands-On Solar Workshop with SunPeak Solar', day: 38, weekday: 6, start: '10:00', end: '12:00',
    description: 'Wire a small solar panel to a battery, measure what it produces, and talk with installers about careers in clean energy and the electrical trades. Families are welcome to build alongside their students.',
    place: rivEmployer('sunpeak_solar', 'Training Yard'), accessibility: 'Outdoors on a paved yard with shade; seating available.', audiences: ['students', 'families'],
    clusters: ['energy_natural_resources', 'construction'], grades: [7, 12], capacity: 30, registration: true,
  },
  {
    id: 'evt_riv_health_panel', type: 'virtual_panel', title: 'Virtual Career Panel: Healthcare Careers Beyond Nursing', day: 41, weekday: 3, start: '18:00', end: '19:00',
    description: 'A dental hygienist, a pharmacy technician, a medical interpreter and a physical therapy assistant share how they chose their field, how long training takes, and what it pays. Questions from students and families welcome.',
    virtualUrl: 'https://meet.riverside-usd.example/healthcare-careers-panel', accessibility: 'Live captions; Spanish interpretation channel.',
    audiences: ['students', 'families'], clusters: ['healthcare_human_services'], capacity: 200, registration: true,
  },
  {
    id: 'evt_riv_employer_roundtable', type: 'info_session', title: 'Employer Roundtable (online): Building a Talent Pipeline with Work-Based Learning', day: 44, weekday: 4, start: '12:00', end: '13:00',
    description: 'Employers and school leaders compare notes on job shadows, internships and pre-apprenticeships: what makes an experience high quality, how to measure it, and how partners share the work. Open to current and prospective partners.',
    virtualUrl: 'https://meet.riverside-usd.example/employer-roundtable', audiences: ['employers', 'educators'], clusters: ['management_entrepreneurship'], registration: true,
  },
  {
    id: 'evt_riv_banking_speaker', type: 'guest_speaker', title: 'Guest Speaker: Money Basics and Careers in Banking', day: 48, weekday: 2, start: '12:15', end: '13:00',
    description: 'A branch manager from Inland Valley Credit Union talks budgeting, credit and the student-staffed branch program during lunch. No registration needed.',
    place: rivSchool('canyon_high', 'Room 210'), accessibility: STEP_FREE, audiences: ['students'], clusters: ['financial_services'], grades: [9, 12],
  },
  {
    id: 'evt_riv_fire_explorers', type: 'info_session', title: 'Fire Explorer Program Open House', day: 52, weekday: 4, start: '18:00', end: '19:30',
    description: 'Meet the firefighters and paramedics who lead the Fire Explorer program for ages 14–20, see the engines up close, and learn how Explorers train in first aid, teamwork and emergency response.',
    place: rivEmployer('riv_fire', 'Station 1 Apparatus Bay'), accessibility: 'Step-free apparatus bay; hearing protection provided for the siren demonstration.',
    audiences: ['students', 'families'], clusters: ['public_service_safety'], grades: [9, 12], capacity: 80, registration: true,
  },
  {
    id: 'evt_riv_construction_day', type: 'career_day', title: 'Construction Careers Day with Granite Ridge Builders', day: 58, weekday: 5, start: '08:30', end: '14:00',
    description: 'Rotate through stations run by carpenters, electricians, surveyors and project engineers on a live school construction site. Hard hats and vests provided. Lunch included.',
    place: rivEmployer('granite_builders', 'Jobsite Trailer'), accessibility: 'The site has uneven ground; a step-free route around the stations is marked. Tell us about mobility needs when you RSVP.',
    audiences: ['students'], clusters: ['construction'], grades: [11, 12], capacity: 60, registration: true,
  },
  {
    id: 'evt_riv_arts_night', type: 'family_night', title: 'Family Art Night: Careers in Design and the Arts', day: 62, weekday: 4, start: '18:00', end: '20:00',
    description: 'Print a poster with the Mission District Arts Collective, see a motion designer at work, and learn about internships in graphic design, theatre production and media. All ages welcome.',
    place: rivEmployer('mission_arts', 'Print Studio'), accessibility: STEP_FREE, audiences: ['families', 'students'], clusters: ['arts_entertainment_design', 'marketing_sales'], capacity: 100, registration: true,
  },
  {
    id: 'evt_riv_citrus_tour', type: 'industry_tour', title: 'Citrus Heritage Farms Field Tour: Careers in Agriculture', day: 66, weekday: 3, start: '09:00', end: '12:00',
    description: 'See a working citrus and avocado grove, the packing house and the irrigation controls, and meet the farm’s agronomist and operations manager. Learn about supervised agricultural experiences and summer jobs.',
    place: rivEmployer('citrus_heritage', 'Packing House'), accessibility: 'Uneven ground in the grove; a cart is available for anyone who needs a ride between stops.',
    audiences: ['students'], clusters: ['agriculture'], grades: [9, 12], capacity: 30, registration: true,
  },
  {
    id: 'evt_riv_cyber_speaker', type: 'guest_speaker', title: 'Guest Speaker: How Cyber Defenders Protect Schools and Hospitals', day: 71, weekday: 2, start: '15:30', end: '16:30',
    description: 'A security operations lead from Redline Cyber Defense walks through a real (anonymised) phishing attack on a school district and how the team stopped it, then explains certifications students can earn in high school.',
    place: rivSchool('riverside_high', 'Room 118'), accessibility: STEP_FREE, audiences: ['students', 'educators'], clusters: ['digital_technology', 'public_service_safety'], grades: [9, 12], capacity: 45, registration: true,
  },
  {
    id: 'evt_riv_culinary_workshop', type: 'workshop', title: 'Culinary Workshop at Citrus Table Kitchen', day: 76, weekday: 1, start: '15:30', end: '17:30',
    description: 'Cook a seasonal dish with the executive chef, learn knife skills and kitchen safety, and hear how culinary students move from prep cook to sous chef. Aprons provided; tell us about allergies when you RSVP.',
    place: rivEmployer('citrus_kitchen'), accessibility: 'Step-free kitchen with an adjustable-height prep table.', audiences: ['students'], clusters: ['hospitality_events_tourism'], grades: [10, 12], capacity: 16, registration: true,
  },
  {
    id: 'evt_riv_open_shop_days', type: 'industry_tour', title: 'Advanced Manufacturing Open Shop Days', day: 79, weekday: 1, days: 2,
    description: 'Two days of open doors at Valley Robotics Automation: drop in any time during the day to watch robotic packing lines being built and tested, try programming a robot arm, and talk with controls engineers. Teachers may bring classes with a day’s notice.',
    place: rivEmployer('valley_robotics'), accessibility: 'Step-free throughout; safety glasses provided.', audiences: ['students', 'educators', 'families'],
    clusters: ['advanced_manufacturing', 'digital_technology'], grades: [6, 12],
  },
  {
    id: 'evt_riv_familias_info', type: 'info_session', title: 'Sesión informativa para familias: pasantías y aprendizajes', day: 82, weekday: 4, start: '18:00', end: '19:00',
    description: 'In Spanish, for families: how internships, job shadows and apprenticeships work, how students are kept safe at a workplace, and how to help your student apply. En español: cómo funcionan las pasantías y los aprendizajes, y cómo apoyar a su estudiante.',
    place: rivSchool('arroyo_high', 'Library'), accessibility: STEP_FREE, audiences: ['families'], clusters: [], capacity: 60, registration: true,
    es: {
      title: 'Sesión informativa para familias: pasantías y aprendizajes',
      description: 'En español, para familias: cómo funcionan las pasantías, la observación de empleos y los programas de aprendizaje, cómo se protege a los estudiantes en el lugar de trabajo y cómo ayudar a su estudiante a postularse.',
      accessibility: STEP_FREE_ES,
    },
    interpretation: ['asl'],
  },
];

/** The first local date on or after `today` on which Chicago's offset changes in the given direction. */
function nextChange(today: string, spring: boolean): string {
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    for (const t of transitionsInYear(LAK_ZONE, y)) {
      const date = localDate(t.at, LAK_ZONE);
      if (date > today && (t.to > t.from) === spring) return date;
    }
  }
  throw new Error('no DST change in America/Chicago within two years');
}

/** Lakeside Regional Convener: a few events, two of them on the days clocks change. */
const LAKESIDE: EventSeed[] = [
  {
    id: 'evt_lak_hospital_tour', type: 'industry_tour', title: 'Lakeshore Community Health Hospital Tour', day: 12, weekday: 2, start: '15:30', end: '17:00',
    description: 'Visit the simulation lab, the pharmacy and the emergency department with the hospital’s student programs team.',
    place: lakEmployer('lakeshore_health'), accessibility: 'Step-free; wheelchairs available at the main entrance.', audiences: ['students'], clusters: ['healthcare_human_services'], grades: [10, 12], capacity: 25, registration: true,
  },
  {
    id: 'evt_lak_harbor_night', type: 'family_night', title: 'Harbor Careers Family Night', day: 40, weekday: 4, start: '18:30', end: '20:00',
    description: 'Sailing instructors, the harbor master and marine mechanics talk about summer jobs and careers on the water.',
    place: lakEmployer('harbor_marina', 'Boathouse'), audiences: ['families', 'students'], clusters: ['hospitality_events_tourism'], capacity: 70, registration: true,
  },
  {
    // Starts Saturday evening on Central Standard Time and ends Sunday morning on Central
    // Daylight Time: 13 hours of hacking, not 14.
    id: 'evt_lak_overnight_hackathon', type: 'workshop', title: 'North Shore Overnight Hackathon',
    day: (today) => addDays(nextChange(today, true), -1), start: '19:00', end: '09:00', endsNextDay: true,
    description: 'Teams of students build an app for a local nonprofit overnight, mentored by Northwind Software Lab engineers. Clocks spring forward at 2 am, so breakfast is an hour early.',
    place: lakEmployer('northwind_software'), audiences: ['students'], clusters: ['digital_technology'], grades: [9, 12], capacity: 60, registration: true,
  },
  {
    id: 'evt_lak_spring_maker_fair', type: 'career_day', title: 'Spring Maker Fair', day: (today) => nextChange(today, true), start: '11:00', end: '15:00',
    description: 'Builders, welders and woodworkers show students what they make, on the Sunday the clocks change.',
    place: lakSchool('north_shore', 'Field House'), audiences: ['students', 'families'], clusters: ['construction', 'advanced_manufacturing'],
  },
  {
    id: 'evt_lak_fall_career_expo', type: 'career_fair', title: 'North Shore Career Expo', day: (today) => nextChange(today, false), start: '11:00', end: '15:00',
    description: 'Employers from across the North Shore meet students and families, on the Sunday the clocks fall back.',
    place: lakSchool('harbor', 'Gymnasium'), audiences: ['students', 'families'], clusters: ['healthcare_human_services', 'financial_services', 'construction'], capacity: 300, registration: true,
  },
  {
    // An all-day event on a 25-hour day.
    id: 'evt_lak_fall_virtual_day', type: 'virtual_panel', title: 'Virtual Career Exploration Day', day: (today) => nextChange(today, false),
    description: 'Recorded career talks released all day, with live question hours.', virtualUrl: 'https://meet.lakeside-convener.example/exploration-day',
    audiences: ['students', 'educators'], clusters: ['digital_technology', 'education'],
  },
];

/** The ids tests and the calendar's end-to-end tests rely on, and the seed's facts about them. */
export const DEMO_EVENTS = {
  riverside: {
    ids: RIVERSIDE.map((e) => e.id),
    /** Events from today on: the list's default 90 days shows all of them. */
    upcomingCount: RIVERSIDE.filter((e) => typeof e.day !== 'number' || e.day > 0).length,
    pastId: 'evt_riv_kickoff_assembly',
    careerFairId: 'evt_riv_career_fair',
    careerFairCapacity: 120,
    virtualPanelId: 'evt_riv_digital_panel',
    familyNightId: 'evt_riv_family_night',
    allDayId: 'evt_riv_middle_career_day',
    multiDayId: 'evt_riv_open_shop_days',
    hybridId: 'evt_riv_apprenticeship_info',
    cancelledId: 'evt_riv_logistics_tour',
    cancelledSequence: 2,
    /** 24 seats, 21 taken: 3 left. */
    fewSeatsId: 'evt_riv_machinist_tour',
    fewSeatsRemaining: 3,
    /** 40 of 40 seats taken and three parties (6 people) waiting: an RSVP is waitlisted. */
    fullId: 'evt_riv_er_nurse',
    fullWaitlisted: 6,
    employersId: 'evt_riv_employer_breakfast',
    educatorsId: 'evt_riv_educator_workshop',
    spanishId: 'evt_riv_familias_info',
  },
  lakeside: {
    ids: LAKESIDE.map((e) => e.id),
    /** Crosses the spring-forward night: Saturday 7 pm CST to Sunday 9 am CDT. */
    springOvernightId: 'evt_lak_overnight_hackathon',
    springDayId: 'evt_lak_spring_maker_fair',
    fallDayId: 'evt_lak_fall_career_expo',
    fallAllDayId: 'evt_lak_fall_virtual_day',
  },
} as const;

function dateOf(e: EventSeed, today: string): string {
  if (typeof e.day === 'function') return e.day(today);
  let date = addDays(today, e.day);
  if (e.weekday !== undefined) {
    while (new Date(`${date}T12:00:00Z`).getUTCDay() !== e.weekday) date = addDays(date, 1);
  }
  return date;
}

function eventRow(tenantId: string, timeZone: string, e: EventSeed, today: string) {
  const date = dateOf(e, today);
  const allDay = !e.start;
  const startsAt = zonedInstant(date, e.start ?? '00:00', timeZone);
  const endsAt = allDay
    ? zonedInstant(addDays(date, e.days ?? 1), '00:00', timeZone)
    : zonedInstant(e.endsNextDay ? addDays(date, 1) : date, e.end!, timeZone);
  const p = e.place;
  return {
    id: e.id, tenant_id: tenantId, type: e.type, title: e.title, description: e.description,
    starts_at: new Date(startsAt).toISOString(), ends_at: new Date(endsAt).toISOString(), all_day: allDay, time_zone: timeZone,
    location_name: p?.name ?? null, address: p?.address ?? null, city: p?.city ?? null, state: p?.state ?? null, postal_code: p?.postalCode ?? null,
    lat: p?.lat ?? null, lng: p?.lng ?? null, virtual_url: e.virtualUrl ?? null, accessibility_notes: e.accessibility ?? null,
    title_es: e.es?.title ?? null, description_es: e.es?.description ?? null, accessibility_notes_es: e.es?.accessibility ?? null, interpretation: e.interpretation ?? [],
    audiences: e.audiences, grade_min: e.grades?.[0] ?? null, grade_max: e.grades?.[1] ?? null, clusters: e.clusters,
    capacity: e.capacity ?? null, registration_required: e.registration ?? false,
    status: e.cancelled ? 'cancelled' : 'scheduled', sequence: e.cancelled?.sequence ?? 0,
  };
}

const FIRST = ['Lucia', 'Marcus', 'Aaliyah', 'Daniel', 'Mei', 'Jose', 'Priya', 'Ethan', 'Sofia', 'Kwame', 'Hannah', 'Luis', 'Fatima', 'Noah', 'Grace', 'Mateo'];
const LAST = ['Rodriguez', 'Nguyen', 'Johnson', 'Patel', 'Garcia', 'Kim', 'Okafor', 'Martinez', 'Chen', 'Alvarez', 'Brooks', 'Haddad'];
const PARTIES = [2, 1, 3, 1, 4, 2, 1, 1, 2, 3];

/** Party sizes that add up to exactly `seats`. */
function parties(seats: number, offset: number): number[] {
  const out: number[] = [];
  let left = seats;
  for (let i = offset; left > 0; i++) {
    const size = Math.min(PARTIES[i % PARTIES.length]!, left);
    out.push(size);
    left -= size;
  }
  return out;
}

/**
 * Seeded reservations. Their cancel-token hashes are hashes of text that is not a token, so no
 * token can cancel them and the seeded seat counts stay what the tests expect.
 */
function rsvpRows(tenantId: string, e: EventSeed, index: number, today: string) {
  const sizes = [...parties(e.confirmedSeats ?? 0, index).map((n) => ({ n, status: 'confirmed' })), ...(e.waitlist ?? []).map((n) => ({ n, status: 'waitlisted' }))];
  const created = Date.parse(`${today}T08:00:00.000Z`) - 20 * 86_400_000;
  return sizes.map(({ n, status }, i) => {
    const id = `rsvp_${e.id.slice(4)}_${String(i + 1).padStart(3, '0')}`;
    const first = FIRST[(i + index) % FIRST.length]!;
    const last = LAST[(i * 7 + index) % LAST.length]!;
    const role = n > 1 ? 'family' : i % 5 === 4 ? 'educator' : 'student';
    return {
      id, tenant_id: tenantId, event_id: e.id, name: `${first} ${last}`, email: `${first}.${last}.${i + 1}@example.com`.toLowerCase(),
      role, party_size: n, grade: role === 'student' ? 9 + (i % 4) : null, status,
      cancel_token_hash: createHash('sha256').update(`open-wbl demo rsvp ${id}`).digest('hex'),
      // Spread over the last three weeks, in order, so the waitlist's order is the seed's order.
      created_at: new Date(created + i * 3_600_000).toISOString(),
    };
  });
}

/** The events table's rows for both demo tenants. */
export function demoEventRows(today: string) {
  const rows = [
    ...RIVERSIDE.map((e) => eventRow('ten_riverside', RIV_ZONE, e, today)),
    ...LAKESIDE.map((e) => eventRow('ten_lakeside', LAK_ZONE, e, today)),
  ];
  // The calendar's default view is 90 days: every upcoming Riverside event must fall inside it.
  for (const e of RIVERSIDE) {
    const date = dateOf(e, today);
    if (typeof e.day === 'number' && e.day > 0 && (date <= today || date > addDays(today, 88))) throw new Error(`${e.id} falls outside the next 90 days (${date})`);
  }
  return rows;
}

/** The rsvps table's rows: seats taken at the fair, the family night, the nearly full tour and the full talk. */
export function demoRsvpRows(today: string) {
  return RIVERSIDE.flatMap((e, i) => (e.confirmedSeats || e.waitlist ? rsvpRows('ten_riverside', e, i, today) : []));
}
