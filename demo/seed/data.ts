/**
 * Hand-written demo records: the schools, employers and kinds of experience a district WBL
 * coordinator in the Inland Valley would recognise. Every name is fictional. The generator in
 * ./index.ts turns these into rows, deterministically.
 */
import type { Cluster, OpportunityType, Skill, TimeSlot } from '../../schema/vocab.js';

export interface SchoolSeed {
  id: string; name: string; level: 'high' | 'middle'; gradeMin: number; gradeMax: number;
  address: string; city: string; state: string; postalCode: string; lat: number; lng: number;
}

export interface EmployerSeed {
  key: string; name: string; clusters: Cluster[]; size: '1-9' | '10-49' | '50-249' | '250-999' | '1000+';
  description: string; website: string; address: string; city: string; postalCode: string; lat: number; lng: number;
  contact: [name: string, title: string]; transit?: string; vetting?: 'pending' | 'approved';
}

/** One kind of experience an employer of a cluster offers; the generator varies the rest. */
export interface ExperienceSeed {
  title: string; type: OpportunityType; description: string; tasks: string[]; skills: Skill[];
  technical: string[]; onet?: string; slots: TimeSlot[]; hours?: number; backgroundCheck?: boolean;
  documents?: string[]; minAge?: number; grades?: [number, number];
  /** The Spanish title and description, for the ones the demo shows first (see SPANISH below). */
  titleEs?: string; descriptionEs?: string;
}

export const RIVERSIDE_SCHOOLS: SchoolSeed[] = [
  { id: 'sch_riv_riverside_high', name: 'Riverside High School', level: 'high', gradeMin: 9, gradeMax: 12, address: '4020 Arlington Avenue', city: 'Riverside', state: 'CA', postalCode: '92506', lat: 33.9387, lng: -117.3986 },
  { id: 'sch_riv_arroyo_high', name: 'Arroyo Vista High School', level: 'high', gradeMin: 9, gradeMax: 12, address: '6550 Magnolia Avenue', city: 'Riverside', state: 'CA', postalCode: '92506', lat: 33.9297, lng: -117.4262 },
  { id: 'sch_riv_canyon_high', name: 'Canyon Crest High School', level: 'high', gradeMin: 9, gradeMax: 12, address: '1150 Central Avenue', city: 'Riverside', state: 'CA', postalCode: '92507', lat: 33.9564, lng: -117.3461 },
  { id: 'sch_riv_mission_middle', name: 'Mission Inn Middle School', level: 'middle', gradeMin: 6, gradeMax: 8, address: '2750 University Avenue', city: 'Riverside', state: 'CA', postalCode: '92501', lat: 33.9806, lng: -117.3755 },
];

export const LAKESIDE_SCHOOLS: SchoolSeed[] = [
  { id: 'sch_lak_north_shore', name: 'North Shore Regional High School', level: 'high', gradeMin: 9, gradeMax: 12, address: '1500 Ridge Avenue', city: 'Evanston', state: 'IL', postalCode: '60201', lat: 42.0483, lng: -87.6863 },
  { id: 'sch_lak_harbor', name: 'Harbor Point High School', level: 'high', gradeMin: 9, gradeMax: 12, address: '800 Sheridan Road', city: 'Wilmette', state: 'IL', postalCode: '60091', lat: 42.0764, lng: -87.6979 },
];

const RTA = 'Riverside Transit route 1 stops on Magnolia Avenue, a short walk away.';
const RTA16 = 'Route 16 stops at the corner; about 15 minutes from Riverside High.';
const METRO = 'Metrolink and RTA route 1 at the Downtown Riverside station, two blocks away.';

export const RIVERSIDE_EMPLOYERS: EmployerSeed[] = [
  { key: 'arroyo_medical', name: 'Arroyo Valley Medical Center', clusters: ['healthcare_human_services'], size: '1000+', description: 'A 420-bed community hospital and Level II trauma center serving the Inland Valley.', website: 'https://arroyovalleymedical.example', address: '4445 Magnolia Avenue', city: 'Riverside', postalCode: '92501', lat: 33.9610, lng: -117.3899, contact: ['Denise Okafor', 'Clinical Education Manager'], transit: RTA },
  { key: 'sunrise_care', name: 'Sunrise Senior Care Riverside', clusters: ['healthcare_human_services'], size: '50-249', description: 'Assisted living and memory care community with a licensed nursing team.', website: 'https://sunrisecare.example', address: '7100 Indiana Avenue', city: 'Riverside', postalCode: '92504', lat: 33.9190, lng: -117.4150, contact: ['Luis Carrillo', 'Director of Nursing'] },
  { key: 'smile_dental', name: 'Magnolia Family Dental', clusters: ['healthcare_human_services'], size: '10-49', description: 'A family dental practice with bilingual staff and an in-house lab.', website: 'https://magnoliadental.example', address: '3610 Central Avenue', city: 'Riverside', postalCode: '92506', lat: 33.9455, lng: -117.3902, contact: ['Dr. Priya Raman', 'Practice Owner'], transit: RTA16 },
  { key: 'citrus_heritage', name: 'Citrus Heritage Farms', clusters: ['agriculture'], size: '50-249', description: 'A third-generation citrus and avocado grower with a packing house and farm stand.', website: 'https://citrusheritage.example', address: '9400 Dufferin Avenue', city: 'Riverside', postalCode: '92503', lat: 33.8930, lng: -117.4460, contact: ['Maria Esquivel', 'Operations Manager'] },
  { key: 'inland_ag_lab', name: 'Inland Empire Agricultural Research Station', clusters: ['agriculture', 'energy_natural_resources'], size: '50-249', description: 'University-affiliated research plots studying drought-tolerant crops and soil health.', website: 'https://ieagresearch.example', address: '1060 Martin Luther King Boulevard', city: 'Riverside', postalCode: '92507', lat: 33.9660, lng: -117.3380, contact: ['Dr. Kenji Watanabe', 'Outreach Coordinator'], transit: RTA16 },
  { key: 'mission_arts', name: 'Mission District Arts Collective', clusters: ['arts_entertainment_design'], size: '10-49', description: 'Nonprofit gallery, print studio and youth mural program downtown.', website: 'https://missionarts.example', address: '3800 Main Street', city: 'Riverside', postalCode: '92501', lat: 33.9830, lng: -117.3750, contact: ['Ana Beltrán', 'Education Director'], transit: METRO },
  { key: 'fox_stage', name: 'Fox Stage Productions', clusters: ['arts_entertainment_design', 'hospitality_events_tourism'], size: '50-249', description: 'Live theatre and concert production company running two historic downtown venues.', website: 'https://foxstage.example', address: '3801 Mission Inn Avenue', city: 'Riverside', postalCode: '92501', lat: 33.9818, lng: -117.3742, contact: ['Tom Whitaker', 'Technical Director'], transit: METRO },
  { key: 'pixelgrove', name: 'Pixelgrove Design Studio', clusters: ['arts_entertainment_design', 'marketing_sales'], size: '10-49', description: 'Brand identity, web and motion design for local businesses and nonprofits.', website: 'https://pixelgrove.example', address: '3590 Market Street', city: 'Riverside', postalCode: '92501', lat: 33.9805, lng: -117.3728, contact: ['Jae Park', 'Creative Director'], transit: METRO },
  { key: 'granite_builders', name: 'Granite Ridge Builders', clusters: ['construction'], size: '250-999', description: 'General contractor building schools, clinics and affordable housing across the county.', website: 'https://graniteridge.example', address: '1700 Iowa Avenue', city: 'Riverside', postalCode: '92507', lat: 33.9710, lng: -117.3410, contact: ['Rosa Delgado', 'Workforce Development Lead'] },
  { key: 'ibew_training', name: 'Inland Electrical Training Alliance', clusters: ['construction', 'energy_natural_resources'], size: '10-49', description: 'Joint labor-management apprenticeship program for inside wiremen and solar installers.', website: 'https://inlandelectrical.example', address: '6023 Jurupa Avenue', city: 'Riverside', postalCode: '92504', lat: 33.9470, lng: -117.4370, contact: ['Gary Nguyen', 'Apprenticeship Coordinator'] },
  { key: 'cityline_code', name: 'Cityline Software', clusters: ['digital_technology'], size: '50-249', description: 'Builds scheduling and payments software used by city governments.', website: 'https://cityline.example', address: '3403 Tenth Street', city: 'Riverside', postalCode: '92501', lat: 33.9800, lng: -117.3700, contact: ['Hannah Lee', 'Engineering Manager'], transit: METRO },
  { key: 'redline_cyber', name: 'Redline Cyber Defense', clusters: ['digital_technology', 'public_service_safety'], size: '10-49', description: 'Managed security services for school districts and small hospitals.', website: 'https://redlinecyber.example', address: '1845 Chicago Avenue', city: 'Riverside', postalCode: '92507', lat: 33.9640, lng: -117.3520, contact: ['Marcus Bell', 'Security Operations Lead'], transit: RTA16 },
  { key: 'bytes_repair', name: 'Bytes & Bolts Repair', clusters: ['digital_technology', 'management_entrepreneurship'], size: '1-9', description: 'Neighbourhood computer and phone repair shop that refurbishes devices for families.', website: 'https://bytesbolts.example', address: '5225 Canyon Crest Drive', city: 'Riverside', postalCode: '92507', lat: 33.9570, lng: -117.3340, contact: ['Samir Haddad', 'Owner'], transit: RTA16 },
  { key: 'riv_early_learning', name: 'Riverside Early Learning Centers', clusters: ['education'], size: '50-249', description: 'Five preschool and after-school sites accredited for early childhood education.', website: 'https://rivearlylearning.example', address: '2880 Fairmount Boulevard', city: 'Riverside', postalCode: '92501', lat: 33.9930, lng: -117.3800, contact: ['Claudia Ortiz', 'Program Director'], transit: RTA },
  { key: 'riv_library', name: 'Riverside Public Library Foundation', clusters: ['education', 'public_service_safety'], size: '50-249', description: 'Runs teen tech labs, tutoring and summer reading at eight branches.', website: 'https://rivlibraryfoundation.example', address: '3900 Mission Inn Avenue', city: 'Riverside', postalCode: '92501', lat: 33.9823, lng: -117.3768, contact: ['Devon Brooks', 'Youth Services Librarian'], transit: METRO },
  { key: 'sunpeak_solar', name: 'SunPeak Solar', clusters: ['energy_natural_resources', 'construction'], size: '250-999', description: 'Designs and installs rooftop solar and battery storage for homes and schools.', website: 'https://sunpeaksolar.example', address: '1455 Columbia Avenue', city: 'Riverside', postalCode: '92507', lat: 33.9990, lng: -117.3520, contact: ['Ivy Chen', 'Talent Partner'] },
  { key: 'santa_ana_watershed', name: 'Santa Ana River Watershed Trust', clusters: ['energy_natural_resources', 'agriculture'], size: '10-49', description: 'Restores river habitat and monitors water quality with volunteers and students.', website: 'https://watershedtrust.example', address: '4600 Crestmore Road', city: 'Riverside', postalCode: '92509', lat: 34.0030, lng: -117.4270, contact: ['Elena Ruiz', 'Field Programs Manager'] },
  { key: 'inland_credit_union', name: 'Inland Valley Credit Union', clusters: ['financial_services'], size: '250-999', description: 'Member-owned credit union running student-staffed branches in two high schools.', website: 'https://ivcu.example', address: '3750 University Avenue', city: 'Riverside', postalCode: '92501', lat: 33.9795, lng: -117.3735, contact: ['Patricia Gomez', 'Community Engagement Officer'], transit: METRO },
  { key: 'orange_tax', name: 'Orange Street Tax & Accounting', clusters: ['financial_services', 'management_entrepreneurship'], size: '10-49', description: 'Accounting firm that runs a free tax preparation site every spring.', website: 'https://orangestreettax.example', address: '3880 Orange Street', city: 'Riverside', postalCode: '92501', lat: 33.9812, lng: -117.3711, contact: ['Robert Kim', 'Partner, CPA'], transit: METRO },
  { key: 'family_services', name: 'Riverside County Family Services Network', clusters: ['healthcare_human_services', 'public_service_safety'], size: '250-999', description: 'Social services agency supporting families with food, housing and counselling.', website: 'https://familyservicesnetwork.example', address: '4060 County Circle Drive', city: 'Riverside', postalCode: '92503', lat: 33.9240, lng: -117.4430, contact: ['Angela Moore', 'Volunteer and Intern Coordinator'], transit: RTA },
  { key: 'mission_hotel', name: 'The Grand Mission Hotel', clusters: ['hospitality_events_tourism'], size: '250-999', description: 'Historic downtown hotel with a restaurant, spa and conference center.', website: 'https://grandmissionhotel.example', address: '3649 Mission Inn Avenue', city: 'Riverside', postalCode: '92501', lat: 33.9829, lng: -117.3727, contact: ['Sofia Marin', 'Human Resources Manager'], transit: METRO },
  { key: 'citrus_kitchen', name: 'Citrus Table Kitchen', clusters: ['hospitality_events_tourism', 'management_entrepreneurship'], size: '10-49', description: 'Farm-to-table restaurant and catering kitchen that trains culinary students.', website: 'https://citrustable.example', address: '3630 Main Street', city: 'Riverside', postalCode: '92501', lat: 33.9812, lng: -117.3745, contact: ['Chef Andre Thompson', 'Executive Chef'], transit: METRO },
  { key: 'riv_convention', name: 'Riverside Convention & Visitors Bureau', clusters: ['hospitality_events_tourism', 'marketing_sales'], size: '10-49', description: 'Promotes the city and runs the convention center event calendar.', website: 'https://visitriverside.example', address: '3637 Fifth Street', city: 'Riverside', postalCode: '92501', lat: 33.9837, lng: -117.3731, contact: ['Kelly Tran', 'Events Manager'], transit: METRO },
  { key: 'uptown_chamber', name: 'Greater Riverside Chamber of Commerce', clusters: ['management_entrepreneurship'], size: '10-49', description: 'Business association that mentors young entrepreneurs and runs a small-business incubator.', website: 'https://riversidechamber.example', address: '3985 University Avenue', city: 'Riverside', postalCode: '92501', lat: 33.9801, lng: -117.3775, contact: ['Oscar Medina', 'Small Business Programs Director'], transit: METRO },
  { key: 'velvet_cafe', name: 'Velvet Bean Coffee Co.', clusters: ['management_entrepreneurship', 'hospitality_events_tourism'], size: '10-49', description: 'Local roaster with three cafés and a wholesale business.', website: 'https://velvetbean.example', address: '1201 University Avenue', city: 'Riverside', postalCode: '92507', lat: 33.9754, lng: -117.3430, contact: ['Nadia Flores', 'Co-founder'], transit: RTA16 },
  { key: 'brightpath_marketing', name: 'BrightPath Marketing Group', clusters: ['marketing_sales'], size: '50-249', description: 'Digital marketing agency specialising in social media for health and education clients.', website: 'https://brightpath.example', address: '6840 Indiana Avenue', city: 'Riverside', postalCode: '92506', lat: 33.9250, lng: -117.4080, contact: ['Gabriel Reyes', 'Account Director'] },
  { key: 'galleria_retail', name: 'Galleria at Tyler Retail Partners', clusters: ['marketing_sales'], size: '250-999', description: 'Regional shopping center whose stores hire and train first-time employees.', website: 'https://galleriatyler.example', address: '1299 Galleria at Tyler', city: 'Riverside', postalCode: '92503', lat: 33.9105, lng: -117.4585, contact: ['Michelle Davis', 'Retail Workforce Liaison'], transit: 'RTA routes 1 and 21 stop at the Galleria transit center.' },
  { key: 'riv_fire', name: 'Riverside Fire Department', clusters: ['public_service_safety'], size: '250-999', description: 'Fourteen fire stations, an EMS division and a fire explorer program for youth.', website: 'https://riversidefire.example', address: '6963 Lincoln Avenue', city: 'Riverside', postalCode: '92506', lat: 33.9255, lng: -117.4175, contact: ['Captain Lena Ford', 'Community Risk Reduction'] },
  { key: 'county_courts', name: 'Riverside County Superior Court Self-Help Center', clusters: ['public_service_safety', 'education'], size: '50-249', description: 'Helps residents navigate court forms; hosts mock trials and youth court.', website: 'https://rivcourtselfhelp.example', address: '4100 Main Street', city: 'Riverside', postalCode: '92501', lat: 33.9845, lng: -117.3760, contact: ['Judge Helen Park (ret.)', 'Youth Court Advisor'], transit: METRO },
  { key: 'precision_aero', name: 'Precision Aero Components', clusters: ['advanced_manufacturing'], size: '250-999', description: 'CNC machining and assembly of aerospace parts; runs an in-house machinist academy.', website: 'https://precisionaero.example', address: '1950 Palmyrita Avenue', city: 'Riverside', postalCode: '92507', lat: 34.0080, lng: -117.3450, contact: ['Victor Alvarez', 'Training Supervisor'] },
  { key: 'valley_robotics', name: 'Valley Robotics Automation', clusters: ['advanced_manufacturing', 'digital_technology'], size: '50-249', description: 'Designs robotic packing lines for food and citrus processors.', website: 'https://valleyrobotics.example', address: '2355 Iowa Avenue', city: 'Riverside', postalCode: '92507', lat: 33.9985, lng: -117.3395, contact: ['Irene Sato', 'Controls Engineer'] },
  { key: 'inland_logistics', name: 'Inland Port Logistics', clusters: ['supply_chain_transportation'], size: '1000+', description: 'Distribution center moving goods from the ports to stores across the West.', website: 'https://inlandport.example', address: '1600 Columbia Avenue', city: 'Riverside', postalCode: '92507', lat: 34.0035, lng: -117.3580, contact: ['Derrick Johnson', 'Learning and Development Manager'] },
  { key: 'rta_transit', name: 'Riverside Regional Transit Agency', clusters: ['supply_chain_transportation', 'public_service_safety'], size: '250-999', description: 'Runs the bus network and a maintenance facility for the region’s electric buses.', website: 'https://rivtransit.example', address: '1825 Third Street', city: 'Riverside', postalCode: '92507', lat: 33.9900, lng: -117.3580, contact: ['Yolanda Pierce', 'Maintenance Training Manager'], transit: RTA16 },
  { key: 'aerial_drones', name: 'SkyRoute Drone Services', clusters: ['supply_chain_transportation', 'digital_technology'], size: '10-49', description: 'Inspects solar farms and warehouses with drones; trains FAA Part 107 pilots.', website: 'https://skyroute.example', address: '6951 Flight Road', city: 'Riverside', postalCode: '92504', lat: 33.9520, lng: -117.4420, contact: ['Chris Molina', 'Chief Pilot'], vetting: 'pending' },
  { key: 'green_thumb', name: 'Green Thumb Landscaping Co-op', clusters: ['agriculture', 'management_entrepreneurship'], size: '10-49', description: 'Worker-owned landscaping cooperative specialising in drought-tolerant gardens.', website: 'https://greenthumbcoop.example', address: '8200 Arlington Avenue', city: 'Riverside', postalCode: '92503', lat: 33.9100, lng: -117.4530, contact: ['Beatriz Soto', 'Member-Owner'], vetting: 'pending' },
];

export const LAKESIDE_EMPLOYERS: EmployerSeed[] = [
  { key: 'lakeshore_health', name: 'Lakeshore Community Health', clusters: ['healthcare_human_services'], size: '1000+', description: 'Community hospital system on Chicago’s North Shore.', website: 'https://lakeshorehealth.example', address: '2650 Ridge Avenue', city: 'Evanston', postalCode: '60201', lat: 42.0640, lng: -87.6840, contact: ['Karen Olson', 'Student Programs'], transit: 'CTA Purple Line, Central station.' },
  { key: 'northwind_software', name: 'Northwind Software Lab', clusters: ['digital_technology'], size: '50-249', description: 'Educational software company.', website: 'https://northwindlab.example', address: '1603 Orrington Avenue', city: 'Evanston', postalCode: '60201', lat: 42.0470, lng: -87.6810, contact: ['Sam Patel', 'Engineering Lead'], transit: 'CTA Purple Line, Davis station.' },
  { key: 'harbor_marina', name: 'Harbor Point Marina', clusters: ['hospitality_events_tourism'], size: '10-49', description: 'Public marina and sailing school.', website: 'https://harborpointmarina.example', address: '100 Lake Avenue', city: 'Wilmette', postalCode: '60091', lat: 42.0790, lng: -87.6850, contact: ['Greta Lindqvist', 'Harbor Master'] },
  { key: 'prairie_builders', name: 'Prairie State Builders', clusters: ['construction'], size: '250-999', description: 'Commercial construction firm.', website: 'https://prairiebuilders.example', address: '3000 Lake Avenue', city: 'Wilmette', postalCode: '60091', lat: 42.0720, lng: -87.7250, contact: ['Mike Kowalski', 'Superintendent'] },
  { key: 'lakeside_bank', name: 'Lakeside Savings Bank', clusters: ['financial_services'], size: '250-999', description: 'Community bank.', website: 'https://lakesidesavings.example', address: '500 Davis Street', city: 'Evanston', postalCode: '60201', lat: 42.0460, lng: -87.6800, contact: ['Joan Fischer', 'Branch Manager'], transit: 'CTA Purple Line, Davis station.' },
  { key: 'northshore_parks', name: 'North Shore Park District', clusters: ['energy_natural_resources', 'education'], size: '250-999', description: 'Parks, beaches and nature centers.', website: 'https://nsparks.example', address: '2024 McCormick Boulevard', city: 'Evanston', postalCode: '60201', lat: 42.0600, lng: -87.7110, contact: ['Tara Quinn', 'Nature Center Director'] },
];

/** The kinds of experience each cluster's employers offer, from awareness to training. */
export const EXPERIENCES: Record<Cluster, ExperienceSeed[]> = {
  healthcare_human_services: [
    { title: 'Certified Nursing Assistant Clinical Rotation', type: 'clinical_work', description: 'Spend supervised clinical hours alongside registered nurses and certified nursing assistants on a medical-surgical unit. Students practise patient care skills learned in the health science pathway and see how a nursing team coordinates a shift.', tasks: ['Take and record vital signs under a nurse’s supervision', 'Help patients with mobility and meals', 'Restock supply rooms and prepare patient rooms', 'Join the shift huddle and the handoff report'], skills: ['communication', 'professionalism', 'adaptability'], technical: ['vital signs', 'infection control', 'patient privacy (HIPAA)'], onet: '31-1131.00', slots: ['after_school', 'weekends'], hours: 8, backgroundCheck: true, documents: ['Immunization record', 'TB test'], minAge: 16, grades: [11, 12] },
    { title: 'Hospital Careers Job Shadow', type: 'job_shadowing', description: 'Follow a professional for a day in the emergency department, the laboratory or imaging, and find out what the work is really like.', tasks: ['Observe a department’s morning routine', 'Interview two professionals about their career paths', 'Write a short reflection on what you learned'], skills: ['communication', 'critical_thinking'], technical: ['medical terminology'], onet: '29-1141.00', slots: ['weekdays'], hours: 6, grades: [10, 12] },
    { title: 'Medical Assistant Internship', type: 'paid_internship', description: 'A paid summer internship in an outpatient clinic. Interns room patients, update records and learn the front and back office of a busy practice.', tasks: ['Room patients and take histories', 'Schedule appointments in the electronic health record', 'Sterilise instruments and prepare exam rooms'], skills: ['communication', 'time_management', 'digital_literacy'], technical: ['electronic health records', 'scheduling'], onet: '31-9092.00', slots: ['summer'], hours: 24, backgroundCheck: true, documents: ['Immunization record'], minAge: 16, grades: [11, 12] },
    { title: 'Community Health Worker Service Learning', type: 'service_learning', description: 'Help a community health team run wellness screenings and share health information with families in English and Spanish.', tasks: ['Staff a blood-pressure screening table', 'Translate flyers and explain resources to families', 'Track attendance for the outreach team'], skills: ['communication', 'collaboration', 'leadership'], technical: ['health education'], onet: '21-1094.00', slots: ['weekends'], hours: 4 },
  ],
  agriculture: [
    { title: 'Citrus Grove Worksite Tour', type: 'worksite_tour', description: 'Tour the groves, the packing house and the irrigation controls, and meet the people who grow and ship the fruit.', tasks: ['Tour the grove and packing line', 'Ask a grower about careers in agriculture', 'Test soil moisture with the irrigation team'], skills: ['critical_thinking', 'communication'], technical: ['irrigation basics'], onet: '11-9013.00', slots: ['weekdays'], hours: 3, grades: [6, 12] },
    { title: 'Supervised Agricultural Experience: Orchard Management', type: 'supervised_agricultural_experience', description: 'A year-long supervised agricultural experience managing a block of trees, keeping records that count toward an FFA proficiency award.', tasks: ['Keep a record book of hours, costs and yields', 'Prune and graft trees with a mentor', 'Present results at the spring FFA chapter meeting'], skills: ['time_management', 'critical_thinking', 'professionalism'], technical: ['pruning', 'record keeping', 'integrated pest management'], onet: '45-2092.00', slots: ['after_school', 'weekends', 'summer'], hours: 6 },
    { title: 'Soil Health Research Assistant', type: 'paid_internship', description: 'Assist researchers measuring how cover crops change soil moisture and carbon in drought conditions.', tasks: ['Collect and label soil samples', 'Enter field data into a spreadsheet', 'Help present findings to farmers'], skills: ['critical_thinking', 'digital_literacy', 'collaboration'], technical: ['field sampling', 'spreadsheets'], onet: '19-1013.00', slots: ['summer'], hours: 20, minAge: 16 },
  ],
  arts_entertainment_design: [
    { title: 'Community Mural Apprentice', type: 'unpaid_internship', description: 'Design and paint a public mural with professional artists, from community meetings to the final coat.', tasks: ['Sketch concepts from community input', 'Grid and transfer the design to the wall', 'Paint sections under a lead artist'], skills: ['creativity', 'collaboration', 'communication'], technical: ['mural painting', 'colour theory'], onet: '27-1013.00', slots: ['weekends', 'summer'], hours: 10 },
    { title: 'Backstage Theatre Technician Internship', type: 'paid_internship', description: 'Work the crew for a season of shows: lighting, sound and set changes in a historic theatre.', tasks: ['Hang and focus lights', 'Run a sound board during rehearsals', 'Build and move scenery safely'], skills: ['collaboration', 'time_management', 'adaptability'], technical: ['lighting', 'live sound'], onet: '27-4011.00', slots: ['after_school', 'weekends'], hours: 12, minAge: 16 },
    { title: 'Graphic Design Industry Project', type: 'industry_project', description: 'A team of students designs a real campaign for a local nonprofit, with feedback from working designers.', tasks: ['Research the client and audience', 'Present three concepts to the client', 'Deliver final files to a print shop'], skills: ['creativity', 'communication', 'digital_literacy'], technical: ['Adobe Illustrator', 'typography'], onet: '27-1024.00', slots: ['after_school'], hours: 4 },
  ],
  construction: [
    { title: 'Construction Trades Pre-Apprenticeship', type: 'pre_apprenticeship', description: 'A pre-apprenticeship that introduces carpentry, electrical and plumbing, with OSHA-10 safety certification and a direct path to registered apprenticeships.', tasks: ['Complete OSHA-10 safety training', 'Build a framed wall with a journeyworker', 'Read basic blueprints'], skills: ['collaboration', 'professionalism', 'critical_thinking'], technical: ['OSHA-10', 'hand and power tools', 'blueprint reading'], onet: '47-2031.00', slots: ['after_school', 'summer'], hours: 12, minAge: 16, grades: [11, 12] },
    { title: 'Jobsite Tour: Building a New Clinic', type: 'worksite_tour', description: 'Walk an active jobsite in hard hats and meet the project manager, engineers and trades.', tasks: ['Tour the site with the superintendent', 'See how a schedule and budget are tracked'], skills: ['communication'], technical: ['jobsite safety'], onet: '11-9021.00', slots: ['weekdays'], hours: 3, grades: [8, 12] },
    { title: 'Registered Electrical Apprenticeship (Youth Entry)', type: 'apprenticeship', description: 'A registered apprenticeship for graduating seniors: paid on-the-job training with related classroom instruction toward journey-level certification.', tasks: ['Install conduit and wiring under supervision', 'Attend related technical instruction', 'Log on-the-job hours toward the apprenticeship'], skills: ['professionalism', 'critical_thinking', 'time_management'], technical: ['National Electrical Code', 'conduit bending'], onet: '47-2111.00', slots: ['weekdays', 'summer'], hours: 32, minAge: 17, grades: [12, 12] },
  ],
  digital_technology: [
    { title: 'Software Developer Internship', type: 'paid_internship', description: 'Join a product team for the summer and ship a real feature with code review, tests and a demo day.', tasks: ['Fix a bug and write its test', 'Pair with an engineer on a small feature', 'Demo your work to the company'], skills: ['critical_thinking', 'collaboration', 'digital_literacy'], technical: ['JavaScript', 'Git', 'testing'], onet: '15-1252.00', slots: ['summer'], hours: 24, minAge: 16, grades: [11, 12] },
    { title: 'Cybersecurity Career Talk', type: 'virtual_career_talk', description: 'A live virtual talk with security analysts about defending schools and hospitals from attacks, and how to start a career in cybersecurity.', tasks: ['Watch a live demonstration of a phishing investigation', 'Ask the panel questions'], skills: ['digital_literacy', 'critical_thinking'], technical: ['network security basics'], onet: '15-1212.00', slots: ['after_school'], hours: 1, grades: [8, 12] },
    { title: 'IT Help Desk School-Based Enterprise', type: 'school_based_enterprise', description: 'Run the student help desk that repairs and refurbishes Chromebooks for the district, with mentors from local IT firms.', tasks: ['Diagnose and repair devices', 'Track tickets and parts', 'Explain fixes to customers clearly'], skills: ['communication', 'critical_thinking', 'professionalism'], technical: ['hardware repair', 'ticketing'], onet: '15-1232.00', slots: ['weekdays'], hours: 5 },
  ],
  education: [
    { title: 'Early Childhood Classroom Aide', type: 'unpaid_internship', description: 'Assist preschool teachers with activities, reading time and family pick-up, and count hours toward a child development permit.', tasks: ['Lead a small-group reading activity', 'Prepare materials for learning centers', 'Observe and note child development milestones'], skills: ['communication', 'leadership', 'adaptability'], technical: ['early childhood development'], onet: '25-2011.00', slots: ['after_school'], hours: 8, backgroundCheck: true, documents: ['TB test'], grades: [11, 12] },
    { title: 'Teen Tech Lab Mentor', type: 'mentorship', description: 'Be mentored by librarians while you help younger students in the library’s tech lab with coding and 3D printing.', tasks: ['Help kids with beginner coding projects', 'Maintain the 3D printers'], skills: ['leadership', 'communication', 'digital_literacy'], technical: ['3D printing'], onet: '25-4022.00', slots: ['after_school', 'weekends'], hours: 4, grades: [9, 12] },
    { title: 'Future Teachers Informational Interview', type: 'informational_interview', description: 'Meet a teacher, a counselor and a principal to ask how they chose education and what the work involves.', tasks: ['Prepare five questions', 'Interview three educators', 'Share what you learned with your advisory class'], skills: ['communication', 'professionalism'], technical: [], onet: '25-2031.00', slots: ['weekdays'], hours: 2, grades: [9, 12] },
  ],
  energy_natural_resources: [
    { title: 'Solar Installation Internship', type: 'paid_internship', description: 'Work with a solar crew designing and installing rooftop systems and learn the path to NABCEP certification.', tasks: ['Measure roofs and draw a system layout', 'Assist an installer with racking and wiring', 'Follow fall-protection procedures'], skills: ['collaboration', 'critical_thinking', 'professionalism'], technical: ['solar PV basics', 'site assessment'], onet: '47-2231.00', slots: ['summer'], hours: 30, minAge: 17, grades: [12, 12] },
    { title: 'River Restoration Field Day', type: 'service_learning', description: 'Remove invasive plants and test water quality with scientists restoring the Santa Ana River.', tasks: ['Remove invasive giant reed with a crew', 'Test water samples for temperature and oxygen'], skills: ['collaboration', 'critical_thinking'], technical: ['water quality testing'], onet: '19-2041.00', slots: ['weekends'], hours: 5, grades: [7, 12] },
  ],
  financial_services: [
    { title: 'Student-Run Credit Union Branch Teller', type: 'school_based_enterprise', description: 'Staff the credit union branch inside your school: open accounts, process deposits and teach classmates about budgeting.', tasks: ['Process deposits and withdrawals', 'Explain savings accounts to new members', 'Balance the cash drawer'], skills: ['professionalism', 'communication', 'time_management'], technical: ['cash handling', 'financial literacy'], onet: '43-3071.00', slots: ['weekdays'], hours: 5, grades: [10, 12] },
    { title: 'Volunteer Income Tax Assistance Intern', type: 'unpaid_internship', description: 'Train for IRS certification and help families file their taxes for free at a community tax site.', tasks: ['Complete the IRS volunteer certification', 'Prepare simple returns with a reviewer', 'Greet and check in clients'], skills: ['critical_thinking', 'professionalism', 'digital_literacy'], technical: ['tax preparation software'], onet: '13-2082.00', slots: ['weekends'], hours: 6, grades: [11, 12] },
  ],
  hospitality_events_tourism: [
    { title: 'Culinary Cooperative Education', type: 'cooperative_education', description: 'A paid co-op in a restaurant kitchen, alternating school and work, rotating through prep, line and pastry stations.', tasks: ['Prep ingredients to recipe', 'Work a line station during service', 'Follow food safety and sanitation rules'], skills: ['time_management', 'collaboration', 'professionalism'], technical: ['knife skills', 'ServSafe food handler'], onet: '35-2014.00', slots: ['after_school', 'weekends'], hours: 15, minAge: 16, documents: ['Food handler card'] },
    { title: 'Hotel Operations Job Shadow', type: 'job_shadowing', description: 'Shadow the front desk, housekeeping and events teams of a historic hotel for a day.', tasks: ['Shadow a front desk agent', 'Tour the conference center with the events team'], skills: ['communication', 'professionalism'], technical: ['guest service'], onet: '11-9081.00', slots: ['weekdays'], hours: 6 },
    { title: 'Event Planning Internship', type: 'paid_internship', description: 'Help plan and run conventions and community festivals, from vendor lists to day-of logistics.', tasks: ['Build a vendor contact list', 'Set up registration on event day', 'Survey attendees afterwards'], skills: ['leadership', 'time_management', 'communication'], technical: ['event logistics'], onet: '13-1121.00', slots: ['weekends', 'summer'], hours: 16, minAge: 16 },
  ],
  management_entrepreneurship: [
    { title: 'Young Entrepreneurs Mentorship', type: 'mentorship', description: 'Get matched with a local business owner who helps you turn an idea into a one-page business plan and a pitch.', tasks: ['Meet your mentor every two weeks', 'Write a one-page business plan', 'Pitch at the spring showcase'], skills: ['creativity', 'leadership', 'communication'], technical: ['business planning'], onet: '11-1021.00', slots: ['after_school'], hours: 2, grades: [9, 12] },
    { title: 'Small Business Operations Internship', type: 'paid_internship', description: 'Learn how a small business runs day to day: inventory, scheduling, social media and customer service.', tasks: ['Count and reorder inventory', 'Draft the weekly staff schedule', 'Post to the business’s social accounts'], skills: ['time_management', 'digital_literacy', 'professionalism'], technical: ['inventory management', 'point of sale'], onet: '11-1021.00', slots: ['after_school', 'summer'], hours: 12, minAge: 16 },
    { title: 'Startup Pitch Night Guest Speakers', type: 'guest_speaker', description: 'Founders visit your class to tell how they started, failed, and tried again — then hear your ideas.', tasks: ['Listen to three founders', 'Pitch an idea in sixty seconds'], skills: ['creativity', 'communication'], technical: [], slots: ['weekdays'], hours: 1, grades: [6, 12] },
  ],
  marketing_sales: [
    { title: 'Social Media Marketing Internship', type: 'unpaid_internship', description: 'Plan and measure social media campaigns for a health clinic and a school district client.', tasks: ['Draft a two-week content calendar', 'Shoot and edit short videos', 'Report engagement numbers to the account team'], skills: ['creativity', 'digital_literacy', 'communication'], technical: ['social media analytics', 'video editing'], onet: '13-1161.00', slots: ['after_school'], hours: 8 },
    { title: 'Retail Management Career Day', type: 'career_day', description: 'Stores across the shopping center open their back rooms to show careers in merchandising, buying and store management.', tasks: ['Rotate through four stores', 'Try a visual merchandising challenge'], skills: ['communication', 'creativity'], technical: ['merchandising'], onet: '41-1011.00', slots: ['weekdays'], hours: 5, grades: [8, 12] },
  ],
  public_service_safety: [
    { title: 'Fire Explorer Program', type: 'mentorship', description: 'Train weekly with firefighters and paramedics: fitness, first aid, hose lines and teamwork.', tasks: ['Learn CPR and first aid', 'Practise hose and ladder drills', 'Help at community safety events'], skills: ['collaboration', 'professionalism', 'leadership'], technical: ['CPR', 'first aid'], onet: '33-2011.00', slots: ['after_school', 'weekends'], hours: 4, minAge: 14, documents: ['Parent permission and medical form'] },
    { title: 'Youth Court Clerk Internship', type: 'unpaid_internship', description: 'Serve as a clerk and juror in youth court, where students hear real cases of first-time offenders.', tasks: ['Prepare case files', 'Swear in participants', 'Deliberate as a juror'], skills: ['critical_thinking', 'communication', 'professionalism'], technical: ['legal research basics'], onet: '23-2011.00', slots: ['after_school'], hours: 4, backgroundCheck: false },
    { title: 'Cybersecurity Operations Center Tour', type: 'worksite_tour', description: 'See the screens and the people who watch over school and hospital networks around the clock.', tasks: ['Tour the operations center', 'Try a capture-the-flag puzzle'], skills: ['critical_thinking', 'digital_literacy'], technical: [], onet: '15-1212.00', slots: ['weekdays'], hours: 2 },
  ],
  advanced_manufacturing: [
    { title: 'CNC Machinist Pre-Apprenticeship', type: 'pre_apprenticeship', description: 'Learn to set up and run CNC mills and lathes in a training cell, earning NIMS credentials on the way to an apprenticeship.', tasks: ['Read a technical drawing', 'Measure parts with calipers and micrometers', 'Run a CNC mill under supervision'], skills: ['critical_thinking', 'professionalism', 'time_management'], technical: ['CNC operation', 'precision measurement', 'G-code'], onet: '51-4041.00', slots: ['after_school', 'summer'], hours: 15, minAge: 16, grades: [11, 12] },
    { title: 'Robotics Engineering Job Shadow', type: 'job_shadowing', description: 'Shadow controls engineers commissioning a robotic packing line.', tasks: ['Watch a robot cell being tested', 'Ask engineers about their path through community college and university'], skills: ['critical_thinking', 'communication'], technical: ['PLC basics'], onet: '17-2199.08', slots: ['weekdays'], hours: 5 },
    { title: 'Manufacturing Day Plant Tour', type: 'worksite_tour', description: 'A Manufacturing Day tour of the machine shop and assembly floor, with lunch and a talk with apprentices.', tasks: ['Tour the plant floor', 'Talk with current apprentices'], skills: ['communication'], technical: [], slots: ['weekdays'], hours: 3, grades: [7, 12] },
  ],
  supply_chain_transportation: [
    { title: 'Warehouse Logistics Internship', type: 'paid_internship', description: 'Learn how goods move through a distribution center: receiving, inventory systems and shipping.', tasks: ['Scan and receive shipments', 'Run cycle counts in the warehouse system', 'Shadow a logistics planner'], skills: ['time_management', 'digital_literacy', 'collaboration'], technical: ['warehouse management systems', 'forklift safety awareness'], onet: '13-1081.00', slots: ['summer'], hours: 24, minAge: 17 },
    { title: 'Electric Bus Maintenance Job Shadow', type: 'job_shadowing', description: 'Shadow technicians who maintain the region’s electric buses, from batteries to brakes.', tasks: ['Observe a preventive maintenance inspection', 'Learn high-voltage safety rules'], skills: ['critical_thinking', 'professionalism'], technical: ['high-voltage safety'], onet: '49-3031.00', slots: ['weekdays'], hours: 5, grades: [10, 12] },
    { title: 'Drone Pilot Simulated Worksite', type: 'simulated_worksite', description: 'Fly inspection missions in a simulator and plan real flights with a certified pilot, preparing for the FAA Part 107 test.', tasks: ['Plan a flight with airspace maps', 'Fly simulator missions', 'Review inspection imagery'], skills: ['critical_thinking', 'digital_literacy'], technical: ['FAA Part 107 rules', 'flight planning'], onet: '53-2012.00', slots: ['after_school'], hours: 4, grades: [10, 12] },
  ],
};

/** Career fairs and similar school-wide events live on the board too (awareness stage). */
export const AWARENESS_EXTRAS: ExperienceSeed[] = [
  { title: 'Inland Valley Spring Career Fair', type: 'career_fair', description: 'More than sixty employers, colleges and apprenticeship programs in one gym. Bring a résumé if you have one; practise a handshake if you don’t.', tasks: ['Visit at least five employer tables', 'Ask each one what a first job there looks like'], skills: ['communication', 'professionalism'], technical: [], slots: ['weekdays'], hours: 3, grades: [9, 12] },
  { title: 'Careers in Health Virtual Panel', type: 'virtual_career_talk', description: 'Nurses, a pharmacist and a physical therapist talk about their work and take questions live.', tasks: ['Join the live panel', 'Submit a question in the chat'], skills: ['communication'], technical: [], slots: ['after_school'], hours: 1, grades: [6, 12] },
];

/**
 * Demo students and their school-issued access codes (documented in the README; dev only).
 * Only the least data: number, preferred name, grade, birth year, guardian contact.
 */
export interface StudentSeed {
  id: string; studentNumber: string; accessCode: string; preferredName: string; grade: number; birthYear: number;
  schoolId: string; guardian?: [name: string, email: string]; groups: string[]; concentrator: boolean; email?: string;
}

export const RIVERSIDE_STUDENTS: StudentSeed[] = [
  { id: 'stu_riv_maya', studentNumber: '100245', accessCode: 'RIVER-2451', preferredName: 'Maya', grade: 11, birthYear: 2010, schoolId: 'sch_riv_riverside_high', guardian: ['Lucia Rodriguez', 'lucia.rodriguez@example.com'], groups: ['economically_disadvantaged', 'english_learner'], concentrator: true },
  { id: 'stu_riv_jordan', studentNumber: '100312', accessCode: 'RIVER-3127', preferredName: 'Jordan', grade: 12, birthYear: 2007, schoolId: 'sch_riv_riverside_high', groups: [], concentrator: true },
  { id: 'stu_riv_sam', studentNumber: '100418', accessCode: 'RIVER-4183', preferredName: 'Sam', grade: 10, birthYear: 2011, schoolId: 'sch_riv_arroyo_high', guardian: ['Chris Nguyen', 'chris.nguyen@example.com'], groups: ['students_with_disabilities'], concentrator: false },
  { id: 'stu_riv_aaliyah', studentNumber: '100527', accessCode: 'RIVER-5276', preferredName: 'Aaliyah', grade: 12, birthYear: 2008, schoolId: 'sch_riv_canyon_high', guardian: ['Tamika Brooks', 'tamika.brooks@example.com'], groups: ['economically_disadvantaged'], concentrator: true },
  { id: 'stu_riv_diego', studentNumber: '100634', accessCode: 'RIVER-6345', preferredName: 'Diego', grade: 9, birthYear: 2012, schoolId: 'sch_riv_riverside_high', guardian: ['Rosa Martinez', 'rosa.martinez@example.com'], groups: ['english_learner'], concentrator: false },
  { id: 'stu_riv_ava', studentNumber: '100741', accessCode: 'RIVER-7419', preferredName: 'Ava', grade: 8, birthYear: 2013, schoolId: 'sch_riv_mission_middle', guardian: ['Megan Walsh', 'megan.walsh@example.com'], groups: [], concentrator: false },
];

/**
 * The rest of the Riverside roster, so the console and the reports have a believable district
 * to show: 40 students over four schools, grades 6–12, with the special populations Perkins V
 * reports on and CTE concentrators among the juniors and seniors. Compact rows:
 * [number, preferred name, grade, birth year, school, guardian, groups, concentrator].
 */
const MORE_RIVERSIDE: [string, string, number, number, string, [string, string] | null, string[], boolean][] = [
  ['100853', 'Sofia', 12, 2008, 'riverside_high', ['Elena Ramirez', 'elena.ramirez@example.com'], ['economically_disadvantaged', 'english_learner'], true],
  ['100862', 'Ethan', 11, 2010, 'riverside_high', ['Mark Sullivan', 'mark.sullivan@example.com'], [], true],
  ['100871', 'Imani', 10, 2011, 'riverside_high', ['Keisha Johnson', 'keisha.johnson@example.com'], ['economically_disadvantaged'], false],
  ['100889', 'Luis', 12, 2007, 'riverside_high', null, ['economically_disadvantaged'], true],
  ['100894', 'Hana', 11, 2010, 'riverside_high', ['Yuki Tanaka', 'yuki.tanaka@example.com'], [], true],
  ['100903', 'Marcus', 9, 2012, 'riverside_high', ['Denise Carter', 'denise.carter@example.com'], ['students_with_disabilities', 'economically_disadvantaged'], false],
  ['100915', 'Zoe', 12, 2008, 'riverside_high', ['Rachel Kim', 'rachel.kim@example.com'], [], true],
  ['100927', 'Daniel', 10, 2011, 'riverside_high', ['Miguel Hernandez', 'miguel.hernandez@example.com'], ['english_learner'], false],
  ['100938', 'Priya', 11, 2010, 'riverside_high', ['Anil Patel', 'anil.patel@example.com'], [], true],
  ['101042', 'Isabella', 12, 2008, 'arroyo_high', ['Carmen Lopez', 'carmen.lopez@example.com'], ['economically_disadvantaged'], true],
  ['101057', 'Tyler', 11, 2010, 'arroyo_high', ['Amanda Brooks', 'amanda.brooks@example.com'], ['students_with_disabilities'], true],
  ['101063', 'Amara', 10, 2011, 'arroyo_high', ['Ngozi Okeke', 'ngozi.okeke@example.com'], ['economically_disadvantaged'], false],
  ['101078', 'Kevin', 12, 2007, 'arroyo_high', null, ['economically_disadvantaged', 'english_learner'], true],
  ['101084', 'Mei', 11, 2010, 'arroyo_high', ['Lin Chen', 'lin.chen@example.com'], ['english_learner'], true],
  ['101096', 'Jayden', 9, 2012, 'arroyo_high', ['Tasha Williams', 'tasha.williams@example.com'], ['economically_disadvantaged', 'foster_care'], false],
  ['101105', 'Lucía', 12, 2008, 'arroyo_high', ['Veronica Morales', 'veronica.morales@example.com'], ['economically_disadvantaged'], true],
  ['101119', 'Caleb', 10, 2011, 'arroyo_high', ['Jennifer Price', 'jennifer.price@example.com'], [], false],
  ['101127', 'Fatima', 11, 2010, 'arroyo_high', ['Amina Yusuf', 'amina.yusuf@example.com'], ['economically_disadvantaged', 'english_learner'], true],
  ['102231', 'Gabriel', 12, 2008, 'canyon_high', ['Teresa Flores', 'teresa.flores@example.com'], ['economically_disadvantaged'], true],
  ['102246', 'Olivia', 11, 2010, 'canyon_high', ['Sarah Mitchell', 'sarah.mitchell@example.com'], [], true],
  ['102258', 'Andre', 10, 2011, 'canyon_high', ['Lisa Jackson', 'lisa.jackson@example.com'], ['economically_disadvantaged', 'homeless'], false],
  ['102263', 'Emily', 12, 2007, 'canyon_high', null, [], true],
  ['102279', 'Xavier', 11, 2010, 'canyon_high', ['Patricia Ruiz', 'patricia.ruiz@example.com'], ['students_with_disabilities'], false],
  ['102284', 'Nia', 9, 2012, 'canyon_high', ['Monique Harris', 'monique.harris@example.com'], ['economically_disadvantaged'], false],
  ['102297', 'Ryan', 12, 2008, 'canyon_high', ['Karen O’Neill', 'karen.oneill@example.com'], ['military_family'], true],
  ['102305', 'Valeria', 11, 2010, 'canyon_high', ['Sandra Castillo', 'sandra.castillo@example.com'], ['economically_disadvantaged', 'english_learner'], true],
  ['102318', 'Owen', 10, 2011, 'canyon_high', ['Heather Lee', 'heather.lee@example.com'], [], false],
  ['103412', 'Layla', 8, 2013, 'mission_middle', ['Dana Scott', 'dana.scott@example.com'], ['economically_disadvantaged'], false],
  ['103427', 'Mateo', 7, 2014, 'mission_middle', ['Jorge Vargas', 'jorge.vargas@example.com'], ['english_learner'], false],
  ['103433', 'Chloe', 6, 2015, 'mission_middle', ['Beth Turner', 'beth.turner@example.com'], [], false],
  ['103448', 'Elijah', 8, 2013, 'mission_middle', ['Robin Green', 'robin.green@example.com'], ['students_with_disabilities'], false],
  ['103452', 'Ana', 7, 2014, 'mission_middle', ['Marisol Reyes', 'marisol.reyes@example.com'], ['economically_disadvantaged', 'english_learner'], false],
  ['103469', 'Jackson', 6, 2015, 'mission_middle', ['Erin Walsh', 'erin.walsh@example.com'], [], false],
  ['103475', 'Ruby', 8, 2013, 'mission_middle', ['Nadia Hassan', 'nadia.hassan@example.com'], ['economically_disadvantaged'], false],
];

RIVERSIDE_STUDENTS.push(...MORE_RIVERSIDE.map(([studentNumber, preferredName, grade, birthYear, school, guardian, groups, concentrator]): StudentSeed => ({
  id: `stu_riv_${preferredName.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}`,
  studentNumber, accessCode: `RIVER-${studentNumber.slice(2)}`, preferredName, grade, birthYear, schoolId: `sch_riv_${school}`,
  ...(guardian ? { guardian } : {}), groups, concentrator,
  email: `${preferredName.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${studentNumber.slice(-3)}@students.riverside-usd.example`,
})));

export const LAKESIDE_STUDENTS: StudentSeed[] = [
  { id: 'stu_lak_noah', studentNumber: '200118', accessCode: 'LAKE-1186', preferredName: 'Noah', grade: 11, birthYear: 2010, schoolId: 'sch_lak_north_shore', guardian: ['Ingrid Berg', 'ingrid.berg@example.com'], groups: [], concentrator: false },
  { id: 'stu_lak_ines', studentNumber: '200231', accessCode: 'LAKE-2317', preferredName: 'Inés', grade: 12, birthYear: 2008, schoolId: 'sch_lak_north_shore', guardian: ['Sofia Lund', 'sofia.lund@example.com'], groups: ['economically_disadvantaged'], concentrator: true, email: 'ines.231@students.lakeside.example' },
];

/**
 * Spanish titles and descriptions of the experiences the Riverside board shows first (newest),
 * keyed by the English title. The rest stay English only, so the demo also shows the fallback.
 */
const SPANISH: Record<string, [title: string, description: string]> = {
  'Certified Nursing Assistant Clinical Rotation': [
    'Rotación clínica de enfermería: asistente de enfermería certificado',
    'Cumple horas clínicas supervisadas junto a enfermeras registradas y asistentes de enfermería certificados en una unidad médico-quirúrgica. Practicarás el cuidado de pacientes que aprendiste en la carrera de ciencias de la salud y verás cómo un equipo de enfermería coordina un turno.',
  ],
  'Hospital Careers Job Shadow': [
    'Observación laboral: carreras en el hospital',
    'Acompaña a un profesional durante un día en urgencias, el laboratorio o radiología, y descubre cómo es el trabajo de verdad.',
  ],
  'Medical Assistant Internship': [
    'Pasantía de asistente médico',
    'Una pasantía pagada de verano en una clínica ambulatoria. Los pasantes reciben a los pacientes, actualizan expedientes y aprenden el trabajo administrativo y clínico de un consultorio con mucho movimiento.',
  ],
  'Community Health Worker Service Learning': [
    'Aprendizaje-servicio con promotores de salud',
    'Ayuda a un equipo de salud comunitaria a organizar chequeos de bienestar y a compartir información de salud con las familias en inglés y en español.',
  ],
  'Citrus Grove Worksite Tour': [
    'Visita a una huerta de cítricos',
    'Recorre las huertas, la empacadora y los controles de riego, y conoce a las personas que cultivan y envían la fruta.',
  ],
  'Supervised Agricultural Experience: Orchard Management': [
    'Experiencia agrícola supervisada: manejo de una huerta',
    'Una experiencia agrícola supervisada de un año en la que cuidas un bloque de árboles y llevas registros que cuentan para un premio de competencia de FFA.',
  ],
  'Soil Health Research Assistant': [
    'Asistente de investigación en salud del suelo',
    'Ayuda a investigadores que miden cómo los cultivos de cobertura cambian la humedad y el carbono del suelo en tiempos de sequía.',
  ],
  'Community Mural Apprentice': [
    'Aprendiz de mural comunitario',
    'Diseña y pinta un mural público con artistas profesionales, desde las reuniones con la comunidad hasta la última capa de pintura.',
  ],
  'Backstage Theatre Technician Internship': [
    'Pasantía de técnico de teatro tras bastidores',
    'Forma parte del equipo técnico durante una temporada de funciones: luces, sonido y cambios de escenografía en un teatro histórico.',
  ],
  'Graphic Design Industry Project': [
    'Proyecto de diseño gráfico con la industria',
    'Un equipo de estudiantes diseña una campaña real para una organización sin fines de lucro de la ciudad, con comentarios de diseñadores profesionales.',
  ],
  'Solar Installation Internship': [
    'Pasantía de instalación solar',
    'Trabaja con un equipo que diseña e instala sistemas solares en techos y conoce el camino hacia la certificación NABCEP.',
  ],
  'River Restoration Field Day': [
    'Día de campo para restaurar el río',
    'Quita plantas invasoras y analiza la calidad del agua con científicos que restauran el río Santa Ana.',
  ],
  'Inland Valley Spring Career Fair': [
    'Feria de carreras de primavera de Inland Valley',
    'Más de sesenta empleadores, universidades y programas de aprendizaje en un solo gimnasio. Trae tu currículum si tienes uno; si no, practica cómo presentarte.',
  ],
  'Careers in Health Virtual Panel': [
    'Panel virtual: carreras en la salud',
    'Enfermeras, un farmacéutico y una fisioterapeuta hablan de su trabajo y responden preguntas en vivo.',
  ],
};
for (const exp of [...Object.values(EXPERIENCES).flat(), ...AWARENESS_EXTRAS]) {
  const es = SPANISH[exp.title];
  if (es) [exp.titleEs, exp.descriptionEs] = es;
}
