/**
 * The demo staff accounts. Development only: `demoUsers` refuses to run when
 * ENVIRONMENT=production, so a production database never gets known passwords.
 */
import { createHash, pbkdf2Sync } from 'node:crypto';

/** The same format and iteration count the Worker writes and checks (worker/lib/secrets.ts, routes/auth.ts). */
export const PASSWORD_ITERATIONS = 100_000;

export interface DemoUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: 'admin' | 'coordinator' | 'supervisor' | 'viewer';
  employerId: string | null;
  password: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    id: 'usr_riv_admin',
    tenantId: 'ten_riverside',
    email: 'admin@riverside.example',
    name: 'Renee Whitaker',
    role: 'admin',
    employerId: null,
    password: 'riverside-demo',
  },
  {
    id: 'usr_riv_coordinator',
    tenantId: 'ten_riverside',
    email: 'coordinator@riverside.example',
    name: 'Marcus Bell',
    role: 'coordinator',
    employerId: null,
    password: 'riverside-demo',
  },
  {
    id: 'usr_riv_supervisor',
    tenantId: 'ten_riverside',
    email: 'supervisor@riverside.example',
    name: 'Denise Okafor',
    role: 'supervisor',
    employerId: 'emp_riv_arroyo_medical',
    password: 'riverside-demo',
  },
  // A colleague at the same employer with no placement of her own: she sees none of Denise's.
  {
    id: 'usr_riv_supervisor2',
    tenantId: 'ten_riverside',
    email: 'supervisor2@riverside.example',
    name: 'Tomás Reyes',
    role: 'supervisor',
    employerId: 'emp_riv_arroyo_medical',
    password: 'riverside-demo',
  },
  {
    id: 'usr_riv_viewer',
    tenantId: 'ten_riverside',
    email: 'viewer@riverside.example',
    name: 'Alan Cho',
    role: 'viewer',
    employerId: null,
    password: 'riverside-demo',
  },
  {
    id: 'usr_lak_coordinator',
    tenantId: 'ten_lakeside',
    email: 'coordinator@lakeside.example',
    name: 'Grace Lindqvist',
    role: 'coordinator',
    employerId: null,
    password: 'lakeside-demo',
  },
];

/** The salt is derived from the user id so the seed stays byte-identical run to run. */
function passwordHash(u: DemoUser): string {
  const salt = createHash('sha256').update(`open-wbl demo password salt ${u.id}`).digest().subarray(0, 16);
  const hash = pbkdf2Sync(u.password, salt, PASSWORD_ITERATIONS, 32, 'sha256');
  return `pbkdf2$${PASSWORD_ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function demoUserRows(environment: string | undefined) {
  if (environment === 'production') {
    throw new Error('Refusing to create demo users with known passwords when ENVIRONMENT=production.');
  }
  return DEMO_USERS.map((u) => ({
    id: u.id,
    tenant_id: u.tenantId,
    email: u.email,
    name: u.name,
    role: u.role,
    employer_id: u.employerId,
    password_hash: passwordHash(u),
  }));
}
