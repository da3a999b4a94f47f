import { COMPENSATION_TYPES, CLUSTERS, MODES, OPPORTUNITY_TYPES, SKILLS, TIME_SLOTS } from '../../schema/vocab.js';
import { HOST_TERMS_VERSION } from '../../schema/api/host-offers.js';
import type { Lang } from '../base/localize.js';
import type { FormMessages } from './messages.js';

/** The form's steps and fields for each mode, the host page's prefill attributes, and small helpers. */

export type Mode = 'host' | 'apply';
export type Kind = 'text' | 'email' | 'tel' | 'url' | 'textarea' | 'number' | 'money' | 'date' | 'select' | 'checks' | 'check' | 'lines' | 'yesno' | 'password';
export type Value = string | boolean | string[];
export interface Field {
  path: string;
  kind: Kind;
  options?: (t: FormMessages, lang: Lang) => [string, string][];
  optional?: boolean;
  auto?: string;
  when?: (v: Values) => boolean;
}
export type Values = Record<string, Value>;
export interface Receipt {
  id: string;
  reference: string;
  status: string;
  next: string;
  alreadyApplied?: boolean;
}

const terms = (list: readonly { code: string; label: Record<Lang, string> }[]) => (_t: FormMessages, lang: Lang) =>
  list.map((x) => [x.code, x.label[lang]] as [string, string]);
const grades = (from: number) => () => Array.from({ length: 13 - from }, (_, i) => [String(from + i), String(from + i)] as [string, string]);

export const STEPS: Record<Mode, [string, Field[]][]> = {
  host: [
    [
      'organization',
      [
        { path: 'organization.name', kind: 'text', auto: 'organization' },
        { path: 'organization.website', kind: 'url', optional: true, auto: 'url' },
        { path: 'organization.clusters', kind: 'checks', options: terms(CLUSTERS) },
        { path: 'organization.address', kind: 'text', auto: 'street-address' },
        { path: 'organization.city', kind: 'text', auto: 'address-level2' },
        { path: 'organization.state', kind: 'text', auto: 'address-level1' },
        { path: 'organization.postalCode', kind: 'text', auto: 'postal-code' },
        { path: 'organization.size', kind: 'select', options: (t) => Object.entries(t.sizes) },
      ],
    ],
    [
      'contact',
      [
        { path: 'contact.name', kind: 'text', auto: 'name' },
        { path: 'contact.title', kind: 'text', optional: true, auto: 'organization-title' },
        { path: 'contact.email', kind: 'email', auto: 'email' },
        { path: 'contact.phone', kind: 'tel', auto: 'tel' },
      ],
    ],
    [
      'opportunity',
      [
        { path: 'opportunity.type', kind: 'select', options: terms(OPPORTUNITY_TYPES) },
        { path: 'opportunity.title', kind: 'text' },
        { path: 'opportunity.description', kind: 'textarea' },
        { path: 'opportunity.tasks', kind: 'lines' },
        { path: 'opportunity.skills', kind: 'checks', options: terms(SKILLS) },
        { path: 'opportunity.technicalSkills', kind: 'lines', optional: true },
        { path: 'opportunity.schedule', kind: 'text', optional: true },
        { path: 'opportunity.timeSlots', kind: 'checks', optional: true, options: terms(TIME_SLOTS) },
        { path: 'opportunity.startsOn', kind: 'date', optional: true },
        { path: 'opportunity.endsOn', kind: 'date', optional: true },
        { path: 'opportunity.hoursPerWeek', kind: 'number', optional: true },
        { path: 'opportunity.capacity', kind: 'number' },
        { path: 'opportunity.compensation.type', kind: 'select', options: terms(COMPENSATION_TYPES) },
        {
          path: 'opportunity.compensation.amountCents',
          kind: 'money',
          when: (v) => Boolean(v['opportunity.compensation.type']) && v['opportunity.compensation.type'] !== 'unpaid',
        },
        { path: 'opportunity.mode', kind: 'select', options: terms(MODES) },
        { path: 'opportunity.transitNotes', kind: 'textarea', optional: true },
        { path: 'opportunity.minAge', kind: 'number', optional: true },
        { path: 'opportunity.gradeMin', kind: 'select', optional: true, options: grades(6) },
        { path: 'opportunity.requirements.backgroundCheck', kind: 'check', optional: true },
        { path: 'opportunity.requirements.documents', kind: 'lines', optional: true },
      ],
    ],
    [
      'agreements',
      [
        { path: 'agreements.liability', kind: 'check' },
        { path: 'agreements.childLabor', kind: 'check' },
        { path: 'agreements.insurance', kind: 'yesno' },
      ],
    ],
  ],
  apply: [
    [
      'who',
      [
        { path: 'student.studentNumber', kind: 'text', auto: 'off' },
        { path: 'student.accessCode', kind: 'password', auto: 'off' },
        { path: 'student.preferredName', kind: 'text', auto: 'given-name' },
        { path: 'student.grade', kind: 'select', options: grades(6) },
        { path: 'student.email', kind: 'email', auto: 'email' },
      ],
    ],
    [
      'guardian',
      [
        { path: 'guardian.name', kind: 'text', optional: true },
        { path: 'guardian.email', kind: 'email', optional: true },
      ],
    ],
    [
      'application',
      [
        { path: 'application.statement', kind: 'textarea' },
        { path: 'application.availability', kind: 'checks', options: terms(TIME_SLOTS) },
        { path: 'application.availabilityNotes', kind: 'text', optional: true },
        { path: 'application.transportation', kind: 'select', options: (t) => Object.entries(t.transport) },
        { path: 'application.accommodations', kind: 'textarea', optional: true },
        { path: 'consents.accurate', kind: 'check' },
        { path: 'consents.shareWithEmployer', kind: 'check' },
        { path: 'consents.guardianAware', kind: 'check', optional: true },
      ],
    ],
  ],
};

/** Employer facts a host page may set so the employer skips what the district already knows. */
export const PREFILL: Record<string, string> = {
  'employer-name': 'organization.name',
  'employer-website': 'organization.website',
  'employer-clusters': 'organization.clusters',
  'employer-address': 'organization.address',
  'employer-city': 'organization.city',
  'employer-state': 'organization.state',
  'employer-zip': 'organization.postalCode',
  'employer-size': 'organization.size',
};

export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;
export const set = (obj: Record<string, unknown>, path: string, value: unknown) => {
  const keys = path.split('.');
  let node = obj;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
};

/** The request the form's values make, in the contract's shape (the schemas then name what is wrong). */
export function requestBody(mode: Mode, values: Values, opportunityId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [, fields] of STEPS[mode]) {
    for (const f of fields) {
      const v = values[f.path];
      if (f.when && !f.when(values)) continue;
      if (f.kind === 'check') {
        if (v || !f.optional) set(body, f.path, v === true);
        continue;
      }
      const empty = v === undefined || v === '' || (Array.isArray(v) && !v.length);
      if (empty && f.optional) continue;
      // A required field left empty still goes in, so the schema names it with its own message.
      if (empty) {
        set(body, f.path, f.kind === 'checks' ? [] : f.kind === 'number' || f.kind === 'money' ? undefined : f.kind === 'lines' ? [] : '');
        continue;
      }
      if (f.kind === 'lines')
        set(
          body,
          f.path,
          String(v)
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        );
      else if (f.kind === 'number' || (f.kind === 'select' && /grade|gradeMin/.test(f.path))) set(body, f.path, Number(v));
      else if (f.kind === 'money') set(body, f.path, Math.round(Number(String(v).replace(/[$,\s]/g, '')) * 100));
      else if (f.kind === 'yesno') set(body, f.path, v === 'yes');
      else set(body, f.path, v);
    }
  }
  if (mode === 'host') set(body, 'agreements.termsVersion', HOST_TERMS_VERSION);
  else {
    body.opportunityId = opportunityId;
    const g = body.guardian as Record<string, string> | undefined;
    if (g && !g.name && !g.email) delete body.guardian;
  }
  return body;
}
