/**
 * The demo tenants' achievements (badge definitions). The credentials themselves are not
 * written by the seed: scripts/issue-demo-credentials.mjs issues them after the Worker starts,
 * through the same API the console uses, so the demo badges are signed like real ones.
 *
 * Credential ids follow from (achievement, placement): `demoCredentialId` here is the Node twin
 * of `credentialIdFor` in worker/lib/credentials.ts (a test keeps them equal).
 */
import { createHash } from 'node:crypto';
import type { AchievementType } from '../../schema/api/admin/achievements.js';
import type { Cluster, Skill } from '../../schema/vocab.js';

export interface AchievementSeed {
  id: string;
  name: string;
  description: string;
  criteria: string;
  achievementType: AchievementType;
  skills: Skill[];
  cluster: Cluster | null;
  onetSoc: string | null;
  onetTitle: string | null;
}

const RIVERSIDE: AchievementSeed[] = [
  {
    id: 'ach_riv_patient_care_communication',
    name: 'Patient Care Communication',
    description: 'Communicates clearly, kindly and professionally with patients, families and a care team in a clinical setting.',
    criteria:
      'Complete a supervised clinical or health care placement. The workplace supervisor’s final evaluation rates Communication and Professionalism at Proficient (3) or Advanced (4) on the Open WBL rubric.',
    achievementType: 'Competency',
    skills: ['communication', 'professionalism'],
    cluster: 'healthcare_human_services',
    onetSoc: '31-1131.00',
    onetTitle: 'Nursing Assistants',
  },
  {
    id: 'ach_riv_workplace_collaboration',
    name: 'Workplace Collaboration',
    description: 'Works as a dependable member of a workplace team: shares information, takes on a fair part of the work and helps the team meet its goals.',
    criteria:
      'Complete a supervised work-based learning placement. The workplace supervisor’s final evaluation rates Collaboration at Proficient (3) or Advanced (4).',
    achievementType: 'Badge',
    skills: ['collaboration'],
    cluster: null,
    onetSoc: null,
    onetTitle: null,
  },
  {
    id: 'ach_riv_digital_problem_solver',
    name: 'Digital Problem Solver',
    description: 'Uses digital tools with confidence to find, analyse and solve real workplace problems.',
    criteria:
      'Complete a supervised placement that uses digital tools at work. The final evaluation rates Digital literacy and Critical thinking and problem solving at Proficient (3) or Advanced (4).',
    achievementType: 'Competency',
    skills: ['digital_literacy', 'critical_thinking'],
    cluster: 'digital_technology',
    onetSoc: '15-1232.00',
    onetTitle: 'Computer User Support Specialists',
  },
  {
    id: 'ach_riv_professional_readiness',
    name: 'Professional Readiness',
    description: 'Shows up prepared and on time, manages their own work and meets the standards of a professional workplace.',
    criteria:
      'Complete a supervised work-based learning placement. The final evaluation rates Professionalism and Time management at Proficient (3) or Advanced (4).',
    achievementType: 'Certificate',
    skills: ['professionalism', 'time_management'],
    cluster: null,
    onetSoc: null,
    onetTitle: null,
  },
  {
    id: 'ach_riv_workplace_professional',
    name: 'Workplace Professional',
    description: 'Meets the expectations of a professional workplace: reliable, respectful, dressed and prepared for the work.',
    criteria: 'Complete a supervised work-based learning placement. The final evaluation rates Professionalism at Proficient (3) or Advanced (4).',
    achievementType: 'Badge',
    skills: ['professionalism'],
    cluster: null,
    onetSoc: null,
    onetTitle: null,
  },
  {
    id: 'ach_riv_adapts_to_change',
    name: 'Adapts to Change',
    description: 'Stays effective when plans, tasks or priorities change during the work day.',
    criteria: 'Complete a supervised work-based learning placement. The final evaluation rates Adaptability at Proficient (3) or Advanced (4).',
    achievementType: 'Badge',
    skills: ['adaptability'],
    cluster: null,
    onetSoc: null,
    onetTitle: null,
  },
];

const LAKESIDE: AchievementSeed[] = [
  {
    id: 'ach_lak_workplace_collaboration',
    name: 'Team Contributor',
    description: 'Contributes reliably to a workplace team across the North Shore’s employer partners.',
    criteria: 'Complete a supervised placement whose final evaluation rates Collaboration at Proficient (3) or Advanced (4).',
    achievementType: 'Badge',
    skills: ['collaboration'],
    cluster: null,
    onetSoc: null,
    onetTitle: null,
  },
];

export const DEMO_ACHIEVEMENTS = { riverside: RIVERSIDE, lakeside: LAKESIDE } as const;

/** Rows for the `achievements` table; timestamps are fixed so the seed stays byte-identical. */
export function demoAchievementRows(tenants: { riverside: string; lakeside: string }, createdAt: string) {
  const row = (tenantId: string) => (a: AchievementSeed) => ({
    id: a.id,
    tenant_id: tenantId,
    name: a.name,
    description: a.description,
    criteria: a.criteria,
    image: null,
    achievement_type: a.achievementType,
    skills: a.skills,
    cluster: a.cluster,
    onet_soc: a.onetSoc,
    onet_title: a.onetTitle,
    created_at: createdAt,
    updated_at: createdAt,
  });
  return [...RIVERSIDE.map(row(tenants.riverside)), ...LAKESIDE.map(row(tenants.lakeside))];
}

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/** The id the Worker gives the credential of this achievement and placement (see worker/lib/credentials.ts). */
export function demoCredentialId(achievementId: string, applicationId: string): string {
  const digest = createHash('sha256').update(`open-wbl credential|${achievementId}|${applicationId}`).digest();
  let out = '';
  for (let i = 0; i < 20; i++) out += BASE32[digest[i]! & 31];
  return `cred_${out}`;
}

// ---------------------------------------------------------------------------------------------
// Which demo badges are issued (by scripts/issue-demo-credentials.ts, through the API)

/**
 * For each Riverside achievement, the students whose completed placement the coordinator issues
 * it for. Some are refused on purpose (Gabriel's final evaluation does not rate digital literacy;
 * Zoe's rates time management 2), so the demo shows the server checking the evidence.
 */
export const DEMO_AWARDS: Record<string, string[]> = {
  ach_riv_patient_care_communication: ['stu_riv_sofia'],
  ach_riv_workplace_collaboration: ['stu_riv_isabella', 'stu_riv_lucia', 'stu_riv_zoe'],
  ach_riv_digital_problem_solver: ['stu_riv_luis', 'stu_riv_gabriel'],
  ach_riv_professional_readiness: ['stu_riv_kevin', 'stu_riv_zoe'],
  ach_riv_workplace_professional: ['stu_riv_sofia', 'stu_riv_gabriel', 'stu_riv_kevin'],
  ach_riv_adapts_to_change: ['stu_riv_sofia', 'stu_riv_emily'],
};

/**
 * The student portfolio of /demo/portfolio.html: Sofia's three badges from her nursing clinical
 * rotation at Arroyo Valley Medical Center, one of them revoked. She chose to show her name on
 * badges (see `demoBadgeSql`).
 */
export const DEMO_PORTFOLIO = {
  studentId: 'stu_riv_sofia',
  achievements: ['ach_riv_patient_care_communication', 'ach_riv_adapts_to_change', 'ach_riv_workplace_professional'],
  revoked: 'ach_riv_workplace_professional',
  revocationReason: 'Issued by mistake; Patient Care Communication recognises the same evaluation (demo).',
} as const;

interface CompletedPlacement {
  id: string;
  studentId: string;
}

/** The issuing requests for the seeded completed placements (DEMO.riverside.placements.completed). */
export function demoIssuePlan(completed: readonly CompletedPlacement[]) {
  return Object.entries(DEMO_AWARDS)
    .map(([achievementId, students]) => ({
      achievementId,
      applicationIds: students.map((s) => completed.find((p) => p.studentId === s)?.id).filter((id): id is string => Boolean(id)),
    }))
    .filter((r) => r.applicationIds.length);
}

/** The portfolio's credentials, with the ids the Worker gives them. */
export function demoPortfolioCredentials(completed: readonly CompletedPlacement[]) {
  const placement = completed.find((p) => p.studentId === DEMO_PORTFOLIO.studentId);
  if (!placement) return [];
  return DEMO_PORTFOLIO.achievements.map((achievementId) => ({
    id: demoCredentialId(achievementId, placement.id),
    achievementId,
    applicationId: placement.id,
    revoked: achievementId === DEMO_PORTFOLIO.revoked,
  }));
}

/** The portfolio student opted in to showing her name beside her badges (never inside them). */
export function demoBadgeSql(): string {
  return `UPDATE students SET show_name_on_badges = 1 WHERE id = '${DEMO_PORTFOLIO.studentId}';\n`;
}
