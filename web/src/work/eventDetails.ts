/**
 * The details each lifecycle event takes (src/domain/lifecycle/events.ts), as form fields. Kept as
 * data here so the bundle does not carry the schema library; web/tests/eventDetails.test.ts checks
 * this table against the domain's schemas, so the two cannot drift apart.
 */

export type DetailField =
  | { key: string; kind: 'choice'; values: readonly string[]; required: boolean }
  | { key: string; kind: 'choices'; values: readonly string[]; required: boolean; max?: number }
  | { key: string; kind: 'date' | 'text' | 'yes-no'; required: false; maxLength?: number };

export const INELIGIBILITY_GROUNDS = ['EL-A', 'EL-B', 'EL-B1', 'EL-B2', 'EL-C', 'EL-C1', 'EL-D', 'EL-E', 'EL-F'] as const;
const REJECTION_FLAGS = ['NCB', 'MUF', 'EXCLUDED_1E', 'EXCLUDED_1F', 'S97_ONLY'] as const;
const DETERMINATIVE_ISSUES = ['IDENTITY', 'CREDIBILITY', 'SUBJ_FEAR_DELAY', 'NEXUS', 'PERSECUTION_LEVEL', 'WFF_OBJECTIVE',
  'STATE_PROTECTION', 'IFA', 'GENERALIZED_RISK', 'LAWFUL_SANCTIONS', 'MEDICAL', 'COUNTRY_OF_REFERENCE', 'EXCLUSION_1E',
  'EXCLUSION_1F', 'CHANGED_CIRCUMSTANCES', 'NCB', 'MUF', 'PROCEDURAL'] as const;
const BASES = ['S96', 'S97'] as const;
const SUSPENSION_REASONS = ['ID_REFERRAL', 'PENDING_CHARGE'] as const;

const hearingDate: DetailField = { key: 'hearingDate', kind: 'date', required: false };
const specialHearingDate: DetailField = { key: 'specialHearingDate', kind: 'date', required: false };
const suspension: DetailField = { key: 'reason', kind: 'choice', values: SUSPENSION_REASONS, required: false };
const grounds: DetailField = { key: 'grounds', kind: 'choices', values: INELIGIBILITY_GROUNDS, required: true };

export const EVENT_DETAILS: Record<string, DetailField[]> = {
  'eligibility.suspended': [suspension],
  'eligibility.ineligible': [grounds],
  'eligibility.eligible_referred': [{ key: 'stcaException', kind: 'text', required: false, maxLength: 40 }, hearingDate],
  'minister.referred': [hearingDate],
  'minister.determined_ineligible': [grounds],
  'boc.deadline_missed': [specialHearingDate],
  'rpd.no_show': [specialHearingDate],
  'minister.notice_103': [suspension],
  'minister.notice_104': [{ key: 'ground', kind: 'choice', values: ['INELIGIBLE', 'MISREPRESENTATION', 'NOT_FIRST_CLAIM'], required: false }],
  'rpd.accepted': [{ key: 'basis', kind: 'choice', values: BASES, required: true }],
  'rpd.allowed_without_hearing': [{ key: 'basis', kind: 'choice', values: BASES, required: false }],
  'rpd.rejected': [
    { key: 'flags', kind: 'choices', values: REJECTION_FLAGS, required: true },
    { key: 'determinativeIssues', kind: 'choices', values: DETERMINATIVE_ISSUES, required: false, max: 8 },
  ],
  'rad.notice_filed': [{ key: 'appellant', kind: 'choice', values: ['CLAIMANT', 'MINISTER'], required: true }],
  'rad.hearing_scheduled': [hearingDate],
  'rad.dismissed_non_merit': [{ key: 'reason', kind: 'choice', values: ['NO_JURISDICTION', 'WITHDRAWN', 'ABANDONED', 'OTHER'], required: true }],
  'rad.decided': [{ key: 'outcome', kind: 'choice', values: ['CONFIRMED', 'SUBSTITUTED_POSITIVE', 'SUBSTITUTED_NEGATIVE', 'REFERRED_BACK'], required: true }],
  'rpd.redetermination_opened': [hearingDate],
  'fc.leave_applied': [{ key: 'courtFileNumber', kind: 'text', required: false, maxLength: 40 }],
  'fc.jr_dismissed': [{ key: 'certifiedQuestion', kind: 'text', required: false, maxLength: 2000 }],
  'minister.cessation_application': [{ key: 'grounds', kind: 'choices', values: ['REAVAILMENT', 'REACQUIRED_NATIONALITY', 'NEW_NATIONALITY', 'RE_ESTABLISHMENT', 'CHANGED_CIRCUMSTANCES'], required: false }],
  'stay.imposed': [{ key: 'basis', kind: 'choice', values: ['R230', 'R231', 'R232', 'R233', 'COURT_ORDER', 'IRPA_114_1_B', 'OTHER'], required: true }],
  'prra.notified': [{ key: 'restricted', kind: 'yes-no', required: false }],
  'other_status.granted': [{ key: 'status', kind: 'choice', values: ['PERMANENT_RESIDENCE_HC', 'TEMPORARY_RESIDENT_PERMIT', 'OTHER'], required: true }],
};

/** Field names, in English (translated through t()). */
export const DETAIL_LABELS: Record<string, string> = {
  grounds: 'Grounds', reason: 'Reason', stcaException: 'STCA exception (e.g. X-FAM-2)', hearingDate: 'Hearing date',
  specialHearingDate: 'Special hearing date', ground: 'Ground', basis: 'Basis', flags: 'Findings',
  determinativeIssues: 'Determinative issues (up to 8)', appellant: 'Appellant', outcome: 'Outcome',
  courtFileNumber: 'Court file number', certifiedQuestion: 'Certified question', restricted: 'Restricted PRRA (IRPA 112(3))',
  status: 'Status granted',
};

/** The values' labels, in English (translated through t()); a value without one shows as its code (the IRPA ground ids). */
export const VALUE_LABELS: Record<string, string> = {
  NCB: 'No credible basis', MUF: 'Manifestly unfounded', EXCLUDED_1E: 'Excluded under Article 1E', EXCLUDED_1F: 'Excluded under Article 1F',
  S97_ONLY: 'Section 97 only', S96: 'Convention refugee (IRPA 96)', S97: 'Person in need of protection (IRPA 97)',
  ID_REFERRAL: 'Referred for an admissibility hearing', PENDING_CHARGE: 'Pending charge', INELIGIBLE: 'Ineligible',
  MISREPRESENTATION: 'Misrepresentation', NOT_FIRST_CLAIM: 'Not the first claim', CLAIMANT: 'The claimant', MINISTER: 'The Minister',
  NO_JURISDICTION: 'No jurisdiction', WITHDRAWN: 'Withdrawn', ABANDONED: 'Abandoned', OTHER: 'Other',
  CONFIRMED: 'RPD decision confirmed', SUBSTITUTED_POSITIVE: 'Substituted: protection granted', SUBSTITUTED_NEGATIVE: 'Substituted: protection refused',
  REFERRED_BACK: 'Referred back to the RPD', REAVAILMENT: 'Re-availment of protection', REACQUIRED_NATIONALITY: 'Nationality reacquired',
  NEW_NATIONALITY: 'New nationality', RE_ESTABLISHMENT: 'Re-establishment in the country', CHANGED_CIRCUMSTANCES: 'Changed circumstances',
  R230: 'IRPR 230: country suspension', R231: 'IRPR 231: judicial review of a RAD decision', R232: 'IRPR 232: PRRA',
  R233: 'IRPR 233: humanitarian application', COURT_ORDER: 'Court order', IRPA_114_1_B: 'IRPA 114(1)(b): restricted PRRA',
  PERMANENT_RESIDENCE_HC: 'Permanent residence (humanitarian grounds)', TEMPORARY_RESIDENT_PERMIT: 'Temporary resident permit',
  IDENTITY: 'Identity', CREDIBILITY: 'Credibility', SUBJ_FEAR_DELAY: 'Subjective fear: delay', NEXUS: 'Nexus to a Convention ground',
  PERSECUTION_LEVEL: 'Harm does not amount to persecution', WFF_OBJECTIVE: 'No objective basis for the fear', STATE_PROTECTION: 'State protection',
  IFA: 'Internal flight alternative', GENERALIZED_RISK: 'Generalized risk', LAWFUL_SANCTIONS: 'Lawful sanctions', MEDICAL: 'Medical care',
  COUNTRY_OF_REFERENCE: 'Country of reference', EXCLUSION_1E: 'Exclusion 1E', EXCLUSION_1F: 'Exclusion 1F', PROCEDURAL: 'Procedural',
};

export type DetailValues = Record<string, string | string[]>;

/** The details object to send: empty optional fields left out, yes/no as booleans. */
export function detailsOf(type: string, values: DetailValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of EVENT_DETAILS[type] ?? []) {
    const v = values[f.key];
    if (f.kind === 'choices') {
      const list = Array.isArray(v) ? v.filter((x) => f.values.includes(x)) : [];
      if (list.length > 0 || f.required) out[f.key] = list;
    } else if (typeof v === 'string' && v.trim() !== '') {
      out[f.key] = f.kind === 'yes-no' ? v === 'yes' : v.trim();
    }
  }
  return out;
}
