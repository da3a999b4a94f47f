/**
 * The coordinator's side of skills badges: achievement definitions per tenant, issuing
 * credentials from completed placements (in batches), revoking them, and the issued list.
 * Written with `zod/mini` like the rest of the console contract.
 */
import * as z from 'zod/mini';
import { CLUSTER_CODES, SKILL_CODES } from '../../vocab.js';
import { text } from '../fields.js';
import { idOf } from './student-fields.js';

/**
 * OB 3.0's AchievementType enumeration (https://www.imsglobal.org/spec/ob/v3p0/#achievementtype-enumeration);
 * the ones a WBL programme is most likely to use come first.
 */
export const ACHIEVEMENT_TYPES = [
  'Competency',
  'Badge',
  'Certificate',
  'CertificateOfCompletion',
  'Award',
  'Fieldwork',
  'CommunityService',
  'MicroCredential',
  'ApprenticeshipCertificate',
  'Achievement',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'BachelorDegree',
  'Certification',
  'CoCurricular',
  'Course',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const;
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number];

/** An O*NET-SOC code, `29-1141.00`. */
export const ONET_SOC = /^\d{2}-\d{4}\.\d{2}$/;
/** The rubric level every aligned skill must reach in the final evaluation to earn a badge. */
export const REQUIRED_LEVEL = 3;

const httpsUrl = z
  .string({ error: 'Give the image as an https:// URL, or leave it empty' })
  .check(
    z.trim(),
    z.maxLength(500, 'Keep the URL under 500 characters'),
    z.regex(/^https:\/\/[^\s"'<>]+$/, 'Give the image as an https:// URL, or leave it empty'),
  );

const fields = {
  name: text(120, 'Give the achievement a name'),
  description: text(1000, 'Describe what the badge recognises'),
  /** What a student must show to earn it; shown to anyone who reads the credential. */
  criteria: text(2000, 'Say what a student must show to earn it'),
  /** An https URL of the badge image, or null for the generated SVG. */
  image: z.optional(z.nullable(httpsUrl)),
  achievementType: z.enum(ACHIEVEMENT_TYPES, { error: 'Choose a type from the Open Badges list' }),
  /** The skills the final evaluation must rate at 3 or more, at least one. */
  skills: z.array(z.enum(SKILL_CODES, { error: 'Choose skills from the list' })).check(
    z.minLength(1, 'Align at least one skill'),
    z.maxLength(9, 'Choose at most 9 skills'),
    z.refine((list) => new Set(list).size === list.length, 'Choose each skill once'),
  ),
  cluster: z.optional(z.nullable(z.enum(CLUSTER_CODES, { error: 'Choose a career cluster from the list' }))),
  onetSoc: z.optional(
    z.nullable(z.string({ error: 'Use an O*NET-SOC code like 29-1141.00' }).check(z.trim(), z.regex(ONET_SOC, 'Use an O*NET-SOC code like 29-1141.00'))),
  ),
  /** The occupation's title, used as the alignment's name (`Registered Nurses`). */
  onetTitle: z.optional(z.nullable(text(200, 'Name the occupation'))),
};

export const AchievementInput = z.strictObject(fields);
AchievementInput.register(z.globalRegistry, {
  example: {
    name: 'Patient Care Communication',
    description: 'Communicates clearly and professionally with patients and a care team.',
    criteria: 'Complete a supervised clinical placement whose final evaluation rates communication and professionalism Proficient (3) or better.',
    achievementType: 'Competency',
    skills: ['communication', 'professionalism'],
    cluster: 'healthcare_human_services',
    onetSoc: '31-1131.00',
    onetTitle: 'Nursing Assistants',
  },
});
export type AchievementInput = z.output<typeof AchievementInput>;

/** A change to an achievement: any of its fields. Credentials already issued keep what they said. */
export const AchievementPatch = z.strictObject({
  name: z.optional(fields.name),
  description: z.optional(fields.description),
  criteria: z.optional(fields.criteria),
  image: fields.image,
  achievementType: z.optional(fields.achievementType),
  skills: z.optional(fields.skills),
  cluster: fields.cluster,
  onetSoc: fields.onetSoc,
  onetTitle: fields.onetTitle,
});
AchievementPatch.register(z.globalRegistry, {
  example: { criteria: 'Complete a supervised placement whose final evaluation rates Collaboration 3 (Proficient) or more.' },
});
export type AchievementPatch = z.output<typeof AchievementPatch>;

export const Achievement = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  criteria: z.string(),
  /** The image URL the coordinator gave, or null. */
  image: z.nullable(z.string()),
  /** What to show: `image`, or the generated `/api/v1/achievements/:id/image.svg`. */
  imageUrl: z.string(),
  achievementType: z.string(),
  skills: z.array(z.string()),
  cluster: z.nullable(z.string()),
  onetSoc: z.nullable(z.string()),
  onetTitle: z.nullable(z.string()),
  /** Credentials issued for it (revoked ones included). */
  issuedCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Achievement = z.infer<typeof Achievement>;

export const AchievementList = z.object({ items: z.array(Achievement), nextCursor: z.nullable(z.string()) });
export type AchievementList = z.infer<typeof AchievementList>;

// ---------------------------------------------------------------------------------------------
// Issuing

/** Issue one achievement to the students of up to 100 placements at once. */
export const IssueRequest = z.strictObject({
  achievementId: idOf('ach', 'Choose an achievement from the list'),
  applicationIds: z.array(idOf('app', 'Choose placements from the list')).check(
    z.minLength(1, 'Choose at least one placement'),
    z.maxLength(100, 'Issue to at most 100 placements at once'),
    z.refine((list) => new Set(list).size === list.length, 'Choose each placement once'),
  ),
});
IssueRequest.register(z.globalRegistry, { example: { achievementId: 'ach_riv_patient_care', applicationIds: ['app_riv_0001'] } });
export type IssueRequest = z.output<typeof IssueRequest>;

/**
 * Why a placement cannot earn the badge:
 * - `not_found`: no such placement in this tenant;
 * - `not_completed`: the placement is not `completed`;
 * - `no_final_evaluation`: the supervisor has not recorded a final evaluation;
 * - `skill_not_rated`: the final evaluation does not rate one of the aligned skills;
 * - `skill_below_level`: an aligned skill is rated below 3.
 */
export const REFUSAL_CODES = ['not_found', 'not_completed', 'no_final_evaluation', 'skill_not_rated', 'skill_below_level'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const IssueItem = z.object({
  applicationId: z.string(),
  /** `issued` now, `already_issued` earlier (a retry never makes a second credential), or `refused`. */
  outcome: z.enum(['issued', 'already_issued', 'refused']),
  credentialId: z.nullable(z.string()),
  /** The credential's public URL when there is one. */
  url: z.nullable(z.string()),
  code: z.nullable(z.enum(REFUSAL_CODES)),
  /** Why it was refused, in words a coordinator can act on; null when issued. */
  reason: z.nullable(z.string()),
});
export type IssueItem = z.infer<typeof IssueItem>;

/**
 * The batch answer (200): one item per requested placement, in order. A request for a single
 * placement that is refused answers a 422 problem instead, with the same reason.
 */
export const IssueResult = z.object({
  achievementId: z.string(),
  items: z.array(IssueItem),
  issued: z.number(),
  alreadyIssued: z.number(),
  refused: z.number(),
});
export type IssueResult = z.infer<typeof IssueResult>;

export const RevokeRequest = z.strictObject({
  reason: text(500, 'Say why the credential is revoked'),
});
RevokeRequest.register(z.globalRegistry, { example: { reason: 'Issued to the wrong placement' } });
export type RevokeRequest = z.output<typeof RevokeRequest>;

export const CredentialListQuery = z.strictObject({
  achievementId: z.optional(idOf('ach', 'Choose an achievement from the list')),
  applicationId: z.optional(idOf('app', 'Choose a placement from the list')),
  studentId: z.optional(idOf('stu', 'Choose a student from the roster')),
  status: z.optional(z.enum(['active', 'revoked'], { error: 'Choose active or revoked' })),
});
export type CredentialListQuery = z.output<typeof CredentialListQuery>;

export const IssuedCredential = z.object({
  id: z.string(),
  url: z.string(),
  achievement: z.object({ id: z.string(), name: z.string() }),
  applicationId: z.nullable(z.string()),
  /** Null once the student record was deleted: the credential stays, and stays verifiable. */
  student: z.nullable(z.object({ id: z.string(), preferredName: z.string() })),
  statusListIndex: z.number(),
  issuedAt: z.string(),
  revokedAt: z.nullable(z.string()),
  revocationReason: z.nullable(z.string()),
});
export type IssuedCredential = z.infer<typeof IssuedCredential>;

export const IssuedCredentialList = z.object({ items: z.array(IssuedCredential), nextCursor: z.nullable(z.string()) });
export type IssuedCredentialList = z.infer<typeof IssuedCredentialList>;
