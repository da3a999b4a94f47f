/**
 * Reference vocabularies. Codes are stored; labels are shown.
 * Stages follow the work-based learning continuum; clusters are the 14 of Advance CTE's
 * modernized National Career Clusters Framework (2024); types align with the CEDS
 * work-based learning opportunity type option set plus awareness and exploration types.
 */

export type Locale = 'en' | 'es';
/** The languages the product speaks, the server as well as the widgets. */
export const LANGS = ['en', 'es'] as const satisfies readonly Locale[];

/** Interpretation an event can offer and a family can ask for on its RSVP. */
export const INTERPRETATION = ['es', 'asl', 'other'] as const;
export type Interpretation = (typeof INTERPRETATION)[number];

export interface Term<C extends string = string> {
  code: C;
  label: Record<Locale, string>;
}

export const STAGES = [
  { code: 'awareness', label: { en: 'Career awareness', es: 'Conocimiento de carreras' } },
  { code: 'exploration', label: { en: 'Career exploration', es: 'Exploración de carreras' } },
  { code: 'preparation', label: { en: 'Career preparation', es: 'Preparación para la carrera' } },
  { code: 'training', label: { en: 'Career training', es: 'Formación profesional' } },
] as const satisfies readonly Term[];
export type Stage = (typeof STAGES)[number]['code'];

export const CLUSTERS = [
  { code: 'advanced_manufacturing', label: { en: 'Advanced Manufacturing', es: 'Manufactura avanzada' } },
  { code: 'agriculture', label: { en: 'Agriculture', es: 'Agricultura' } },
  { code: 'arts_entertainment_design', label: { en: 'Arts, Entertainment & Design', es: 'Artes, entretenimiento y diseño' } },
  { code: 'construction', label: { en: 'Construction', es: 'Construcción' } },
  { code: 'digital_technology', label: { en: 'Digital Technology', es: 'Tecnología digital' } },
  { code: 'education', label: { en: 'Education', es: 'Educación' } },
  { code: 'energy_natural_resources', label: { en: 'Energy & Natural Resources', es: 'Energía y recursos naturales' } },
  { code: 'financial_services', label: { en: 'Financial Services', es: 'Servicios financieros' } },
  { code: 'healthcare_human_services', label: { en: 'Healthcare & Human Services', es: 'Salud y servicios humanos' } },
  { code: 'hospitality_events_tourism', label: { en: 'Hospitality, Events & Tourism', es: 'Hostelería, eventos y turismo' } },
  { code: 'management_entrepreneurship', label: { en: 'Management & Entrepreneurship', es: 'Gestión y emprendimiento' } },
  { code: 'marketing_sales', label: { en: 'Marketing & Sales', es: 'Mercadotecnia y ventas' } },
  { code: 'public_service_safety', label: { en: 'Public Service & Safety', es: 'Servicio público y seguridad' } },
  { code: 'supply_chain_transportation', label: { en: 'Supply Chain & Transportation', es: 'Cadena de suministro y transporte' } },
] as const satisfies readonly Term[];
export type Cluster = (typeof CLUSTERS)[number]['code'];

export const OPPORTUNITY_TYPES = [
  { code: 'career_fair', stage: 'awareness', label: { en: 'Career fair', es: 'Feria de empleo' } },
  { code: 'guest_speaker', stage: 'awareness', label: { en: 'Guest speaker', es: 'Orador invitado' } },
  { code: 'virtual_career_talk', stage: 'awareness', label: { en: 'Virtual career talk', es: 'Charla virtual sobre carreras' } },
  { code: 'career_day', stage: 'awareness', label: { en: 'Career day', es: 'Día de carreras' } },
  { code: 'worksite_tour', stage: 'exploration', label: { en: 'Worksite tour', es: 'Visita a un lugar de trabajo' } },
  { code: 'job_shadowing', stage: 'exploration', label: { en: 'Job shadow', es: 'Observación laboral' } },
  { code: 'informational_interview', stage: 'exploration', label: { en: 'Informational interview', es: 'Entrevista informativa' } },
  { code: 'mentorship', stage: 'exploration', label: { en: 'Mentorship', es: 'Mentoría' } },
  { code: 'paid_internship', stage: 'preparation', label: { en: 'Paid internship', es: 'Pasantía pagada' } },
  { code: 'unpaid_internship', stage: 'preparation', label: { en: 'Unpaid internship', es: 'Pasantía no remunerada' } },
  { code: 'clinical_work', stage: 'preparation', label: { en: 'Clinical experience', es: 'Experiencia clínica' } },
  { code: 'service_learning', stage: 'preparation', label: { en: 'Service learning', es: 'Aprendizaje-servicio' } },
  { code: 'school_based_enterprise', stage: 'preparation', label: { en: 'School-based enterprise', es: 'Empresa escolar' } },
  { code: 'industry_project', stage: 'preparation', label: { en: 'Industry project', es: 'Proyecto con la industria' } },
  { code: 'cooperative_education', stage: 'preparation', label: { en: 'Cooperative education', es: 'Educación cooperativa' } },
  { code: 'simulated_worksite', stage: 'preparation', label: { en: 'Simulated worksite', es: 'Lugar de trabajo simulado' } },
  { code: 'entrepreneurship', stage: 'preparation', label: { en: 'Entrepreneurship', es: 'Emprendimiento' } },
  { code: 'pre_apprenticeship', stage: 'training', label: { en: 'Pre-apprenticeship', es: 'Preaprendizaje' } },
  { code: 'apprenticeship', stage: 'training', label: { en: 'Registered apprenticeship', es: 'Aprendizaje registrado' } },
  {
    code: 'supervised_agricultural_experience',
    stage: 'training',
    label: { en: 'Supervised agricultural experience', es: 'Experiencia agrícola supervisada' },
  },
  { code: 'other', stage: 'preparation', label: { en: 'Other', es: 'Otro' } },
] as const satisfies readonly (Term & { stage: Stage })[];
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number]['code'];

/** The employability skills every experience can build; technical skills are named per opportunity. */
export const SKILLS = [
  { code: 'communication', label: { en: 'Communication', es: 'Comunicación' } },
  { code: 'collaboration', label: { en: 'Collaboration', es: 'Colaboración' } },
  { code: 'critical_thinking', label: { en: 'Critical thinking and problem solving', es: 'Pensamiento crítico y resolución de problemas' } },
  { code: 'professionalism', label: { en: 'Professionalism', es: 'Profesionalismo' } },
  { code: 'time_management', label: { en: 'Time management', es: 'Gestión del tiempo' } },
  { code: 'digital_literacy', label: { en: 'Digital literacy', es: 'Alfabetización digital' } },
  { code: 'leadership', label: { en: 'Leadership', es: 'Liderazgo' } },
  { code: 'adaptability', label: { en: 'Adaptability', es: 'Adaptabilidad' } },
  { code: 'creativity', label: { en: 'Creativity', es: 'Creatividad' } },
] as const satisfies readonly Term[];
export type Skill = (typeof SKILLS)[number]['code'];

export const TIME_SLOTS = [
  { code: 'after_school', label: { en: 'After school', es: 'Después de clases' } },
  { code: 'weekdays', label: { en: 'School-day hours', es: 'Horario escolar' } },
  { code: 'weekends', label: { en: 'Weekends', es: 'Fines de semana' } },
  { code: 'summer', label: { en: 'Summer', es: 'Verano' } },
] as const satisfies readonly Term[];
export type TimeSlot = (typeof TIME_SLOTS)[number]['code'];

export const MODES = [
  { code: 'in_person', label: { en: 'In person', es: 'Presencial' } },
  { code: 'virtual', label: { en: 'Virtual', es: 'Virtual' } },
  { code: 'hybrid', label: { en: 'Hybrid', es: 'Híbrido' } },
] as const satisfies readonly Term[];

export const COMPENSATION_TYPES = [
  { code: 'unpaid', label: { en: 'Unpaid', es: 'No remunerado' } },
  { code: 'stipend', label: { en: 'Stipend', es: 'Estipendio' } },
  { code: 'hourly', label: { en: 'Hourly wage', es: 'Salario por hora' } },
] as const satisfies readonly Term[];

/**
 * Student groups for equity reporting: the special populations of Perkins V (Sec. 3(48)).
 * Stored as codes on students; reports break participation down by them.
 */
export const STUDENT_GROUPS = [
  { code: 'economically_disadvantaged', label: { en: 'Economically disadvantaged', es: 'En desventaja económica' } },
  { code: 'english_learner', label: { en: 'English learners', es: 'Estudiantes de inglés' } },
  { code: 'students_with_disabilities', label: { en: 'Students with disabilities', es: 'Estudiantes con discapacidades' } },
  { code: 'nontraditional', label: { en: 'Preparing for non-traditional fields', es: 'Preparándose para campos no tradicionales' } },
  { code: 'single_parent', label: { en: 'Single parents', es: 'Padres o madres solteros' } },
  { code: 'homeless', label: { en: 'Experiencing homelessness', es: 'Sin hogar' } },
  { code: 'foster_care', label: { en: 'Youth in foster care', es: 'Jóvenes en hogares de acogida' } },
  { code: 'military_family', label: { en: 'Parent in active military service', es: 'Padre o madre en servicio militar activo' } },
] as const satisfies readonly Term[];

export const OPPORTUNITY_STATUSES = ['draft', 'pending_review', 'published', 'closed', 'archived'] as const;

export const VETTING_STATUSES = ['pending', 'approved', 'suspended'] as const;
export const USER_ROLES = ['admin', 'coordinator', 'supervisor', 'viewer'] as const;
/** Career-awareness event types: what a family sees on the calendar's type filter. */
export const EVENT_TYPES = [
  { code: 'career_fair', label: { en: 'Career fair', es: 'Feria de empleo' } },
  { code: 'guest_speaker', label: { en: 'Guest speaker', es: 'Orador invitado' } },
  { code: 'virtual_panel', label: { en: 'Virtual career panel', es: 'Panel virtual sobre carreras' } },
  { code: 'industry_tour', label: { en: 'Industry tour', es: 'Visita a la industria' } },
  { code: 'family_night', label: { en: 'Family night', es: 'Noche familiar' } },
  { code: 'career_day', label: { en: 'Career day', es: 'Día de carreras' } },
  { code: 'workshop', label: { en: 'Workshop', es: 'Taller' } },
  { code: 'info_session', label: { en: 'Information session', es: 'Sesión informativa' } },
] as const satisfies readonly Term[];
export type EventType = (typeof EVENT_TYPES)[number]['code'];

export const EVENT_AUDIENCE_LABELS = [
  { code: 'students', label: { en: 'Students', es: 'Estudiantes' } },
  { code: 'families', label: { en: 'Families', es: 'Familias' } },
  { code: 'educators', label: { en: 'Educators', es: 'Educadores' } },
  { code: 'employers', label: { en: 'Employers', es: 'Empleadores' } },
] as const satisfies readonly Term[];
export const RSVP_ROLES = ['student', 'family', 'educator'] as const;
export const EVENT_STATUSES = ['scheduled', 'cancelled'] as const;
export const EVENT_AUDIENCES = ['students', 'families', 'educators', 'employers'] as const;
export const RSVP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const HOST_OFFER_STATUSES = ['pending', 'approved', 'returned', 'declined'] as const;
export const APPLICATION_STATUSES = [
  'submitted',
  'under_review',
  'offered',
  'accepted',
  'confirmed',
  'active',
  'completed',
  'declined',
  'withdrawn',
  'cancelled',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const SORTS = ['relevance', 'deadline', 'newest', 'distance'] as const;
export type Sort = (typeof SORTS)[number];

const codes = /* @__NO_SIDE_EFFECTS__ */ <T extends readonly { code: string }[]>(list: T) =>
  list.map((t) => t.code) as unknown as [T[number]['code'], ...T[number]['code'][]];

export const STAGE_CODES = codes(STAGES);
export const CLUSTER_CODES = codes(CLUSTERS);
export const TYPE_CODES = codes(OPPORTUNITY_TYPES);
export const SKILL_CODES = codes(SKILLS);
export const MODE_CODES = codes(MODES);
export const COMPENSATION_CODES = codes(COMPENSATION_TYPES);
export const TIME_SLOT_CODES = codes(TIME_SLOTS);
export const EVENT_TYPE_CODES = codes(EVENT_TYPES);
export const STUDENT_GROUP_CODES = codes(STUDENT_GROUPS);

/** The stage an opportunity type belongs to on the continuum. */
export function stageOfType(type: OpportunityType): Stage {
  return OPPORTUNITY_TYPES.find((t) => t.code === type)?.stage ?? 'preparation';
}

/** A label for a code in one of the vocabularies, falling back to the code itself. */
export function labelOf(list: readonly Term[], code: string, locale: Locale = 'en'): string {
  return list.find((t) => t.code === code)?.label[locale] ?? code;
}

/** Who signs a training agreement; `guardian` only while the student is under 18. */
export const AGREEMENT_ROLES = ['student', 'guardian', 'supervisor', 'coordinator'] as const;
export type AgreementRole = (typeof AGREEMENT_ROLES)[number];

/** A placement's evaluations: the midpoint (the supervisor's working note) and the final. */
export const EVALUATION_PHASES = ['midpoint', 'final'] as const;
export type EvaluationPhase = (typeof EVALUATION_PHASES)[number];
