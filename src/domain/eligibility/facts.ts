/**
 * The facts the eligibility engine reads (domain.md §3.3 "Facts schema").
 *
 * Every group and nearly every field is optional because an unrecorded fact is *unknown*, never
 * false: the claimant bears the burden (IRPA 100(1.1)), so the engine asks instead of assuming.
 * An empty array is a recorded "none" (e.g. `familyInCanada: []` = no family member in Canada).
 * Every group and list item may carry `source` / `verifiedBy` provenance, which the engine ignores.
 */
import { Type, type Static } from 'typebox';

const strict = { additionalProperties: false } as const;

const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
/** ISO 3166-1 alpha-3; XXA = stateless (ICAO 9303). 'USA' excludes US territories (IRPR 159.1), which have their own codes. */
const Country = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 3166-1 alpha-3 country code' });
const Provenance = {
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Where the fact comes from (document, interview, database hit).' })),
  verifiedBy: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Who verified it.' })),
};

export const CLAIM_CHANNELS = ['LAND_POE', 'RAIL', 'AIR', 'MARINE', 'INLAND_OFFICE', 'ONLINE'] as const;
export type ClaimChannel = (typeof CLAIM_CHANNELS)[number];

export const BORDER_SEGMENTS = ['CA_US_LAND', 'CA_US_WATERS', 'AIR', 'MARINE', 'OTHER'] as const;
export type BorderSegment = (typeof BORDER_SEGMENTS)[number];

export const MARITAL_STATUSES = ['SINGLE', 'MARRIED', 'COMMON_LAW', 'SEPARATED', 'DIVORCED', 'WIDOWED'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

export const ACCOMPANIED_BY = ['PARENT', 'LEGAL_GUARDIAN', 'NONE'] as const;

/** Outcomes of a prior Canadian claim. A protection later ceased or vacated is REJECTED (IRPA 108(3), 109(3) deem the claim rejected). */
export const PRIOR_CLAIM_OUTCOMES = ['ACCEPTED', 'REJECTED', 'INELIGIBLE', 'WITHDRAWN', 'ABANDONED'] as const;
export type PriorClaimOutcome = (typeof PRIOR_CLAIM_OUTCOMES)[number];

export const INADMISSIBILITY_GROUNDS = ['SECURITY', 'HUMAN_RIGHTS', 'SERIOUS_CRIM', 'ORGANIZED_CRIM'] as const;
export type InadmissibilityGround = (typeof INADMISSIBILITY_GROUNDS)[number];

/** IRPR 159.1 "family member", plus OTHER for relatives outside that list (who never meet X-FAM). */
export const FAMILY_RELATIONS = [
  'SPOUSE', 'COMMON_LAW_PARTNER', 'LEGAL_GUARDIAN', 'CHILD', 'FATHER', 'MOTHER', 'BROTHER', 'SISTER',
  'GRANDFATHER', 'GRANDMOTHER', 'GRANDCHILD', 'UNCLE', 'AUNT', 'NEPHEW', 'NIECE', 'OTHER',
] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

export const FAMILY_STATUSES = ['CITIZEN', 'PR', 'PROTECTED', 'ELIGIBLE_CLAIM_PENDING', 'HC_STAY', 'WORK_PERMIT', 'STUDY_PERMIT', 'OTHER'] as const;
export type FamilyStatus = (typeof FAMILY_STATUSES)[number];

export const DOCUMENT_TYPES = ['TRV', 'PRV', 'TRP', 'WORK_PERMIT', 'STUDY_PERMIT', 'TRAVEL_DOC'] as const;
export type CanadianDocumentType = (typeof DOCUMENT_TYPES)[number];

const Claimant = Type.Object({
  nationalities: Type.Optional(Type.Array(Country, { uniqueItems: true, maxItems: 10, description: '[] = no nationality' })),
  stateless: Type.Optional(Type.Boolean()),
  formerHabitualResidences: Type.Optional(Type.Array(Country, { uniqueItems: true, maxItems: 20 })),
  dateOfBirth: Type.Optional(IsoDate),
  maritalStatus: Type.Optional(Type.Enum(MARITAL_STATUSES)),
  accompaniedBy: Type.Optional(Type.Enum(ACCOMPANIED_BY, { description: 'Who accompanies a minor claimant (X-UAM).' })),
  parentOrGuardianInCanada: Type.Optional(Type.Boolean({ description: 'A mother, father or legal guardian is in Canada (X-UAM). A parent listed in familyInCanada counts as true.' })),
  parentOrGuardianInUS: Type.Optional(Type.Boolean({ description: 'A mother, father or legal guardian is in the United States (X-UAM).' })),
  ...Provenance,
}, strict);

const Claim = Type.Object({
  claimDate: Type.Optional(IsoDate),
  /** Date of the eligibility determination; selects which grounds are in force. See DEFAULT_ELIGIBILITY_CONFIG.withoutAssessmentDate. */
  assessmentDate: Type.Optional(IsoDate),
  channel: Type.Optional(Type.Enum(CLAIM_CHANNELS)),
  location: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'e.g. CBSA office "St-Bernard-de-Lacolle"' })),
  cameFromUS: Type.Optional(Type.Boolean({ description: 'Came directly or indirectly from the United States (country of last presence).' })),
  inTransitUnderUSRemovalOrder: Type.Optional(Type.Boolean({ description: 'Air arrival in transit through Canada in the course of a US removal.' })),
  referredToRPD: Type.Optional(Type.Boolean({ description: 'The claim was already referred: ineligibility now means a Minister\'s notice under IRPA 104.' })),
  ...Provenance,
}, strict);

const Entry = Type.Object({
  date: IsoDate,
  atPOE: Type.Optional(Type.Boolean()),
  borderSegment: Type.Optional(Type.Enum(BORDER_SEGMENTS)),
  fromCountry: Type.Optional(Country),
  ...Provenance,
}, strict);

const CanadianPriorClaim = Type.Object({
  outcome: Type.Enum(PRIOR_CLAIM_OUTCOMES),
  date: Type.Optional(IsoDate),
  /** IRPR 159.01: an STCA-ineligible claim of a person the US refused without adjudicating, who re-presents, is not a prior claim. */
  stcaReEntryCase: Type.Optional(Type.Boolean()),
  ...Provenance,
}, strict);

const ForeignPriorClaim = Type.Object({
  country: Country,
  date: Type.Optional(IsoDate),
  confirmedViaInfoSharing: Type.Optional(Type.Boolean()),
  ...Provenance,
}, strict);

const PriorClaims = Type.Object({
  canada: Type.Optional(Type.Array(CanadianPriorClaim, { maxItems: 50 })),
  foreign: Type.Optional(Type.Array(ForeignPriorClaim, { maxItems: 50 })),
  ...Provenance,
}, strict);

const ForeignStatus = Type.Object({
  /** null = not recognized as a refugee by any other country. */
  recognizedRefugeeIn: Type.Optional(Type.Union([Country, Type.Null()])),
  returnable: Type.Optional(Type.Boolean()),
  citizenOfThatCountry: Type.Optional(Type.Boolean()),
  ...Provenance,
}, strict);

const Finding = Type.Object({ ground: Type.Enum(INADMISSIBILITY_GROUNDS), date: Type.Optional(IsoDate), ...Provenance }, strict);
const Conviction = Type.Object({
  inCanada: Type.Boolean(),
  /** Maximum term for the offence in Canada (for a conviction abroad: of the equivalent Canadian offence, IRPA 101(2)(b)). */
  maxPenaltyYears: Type.Union([Type.Integer({ minimum: 0, maximum: 99 }), Type.Literal('LIFE')]),
  date: Type.Optional(IsoDate),
  ...Provenance,
}, strict);

const Inadmissibility = Type.Object({
  findings: Type.Optional(Type.Array(Finding, { maxItems: 20 })),
  pendingIDReferral: Type.Optional(Type.Boolean({ description: 'IRPA 100(2)(a): report referred to the ID on security, rights, serious or organized criminality.' })),
  pendingChargeMax10y: Type.Optional(Type.Boolean({ description: 'IRPA 100(2)(b): charged with an offence punishable by at least 10 years; officer waits for the court.' })),
  convictions: Type.Optional(Type.Array(Conviction, { maxItems: 50 })),
  ...Provenance,
}, strict);

const FamilyMember = Type.Object({
  relation: Type.Enum(FAMILY_RELATIONS),
  age: Type.Optional(Type.Integer({ minimum: 0, maximum: 130 })),
  status: Type.Enum(FAMILY_STATUSES),
  /** X-FAM-6 ◐: permits the regulation excludes (e.g. issued to a refugee claimant or a person under an unenforceable removal order). */
  permitExcluded: Type.Optional(Type.Boolean()),
  ...Provenance,
}, strict);

const CanadianDocument = Type.Object({
  type: Type.Enum(DOCUMENT_TYPES),
  validOnClaimDate: Type.Optional(Type.Boolean()),
  transitOnly: Type.Optional(Type.Boolean({ description: 'A transit-only visa does not meet X-DOC-1.' })),
  ...Provenance,
}, strict);

const VisaRegime = Type.Object({
  visaExemptCanada: Type.Optional(Type.Boolean()),
  visaRequiredUS: Type.Optional(Type.Boolean()),
  ...Provenance,
}, strict);

const DeathPenaltyExposure = Type.Object({
  chargedOrConvicted: Type.Optional(Type.Boolean()),
  country: Type.Optional(Country),
  ...Provenance,
}, strict);

export const EligibilityFactsSchema = Type.Object({
  claimant: Type.Optional(Claimant),
  claim: Type.Optional(Claim),
  /** Every entry into Canada the claimant made (not only the last); [] = none recorded as known. */
  entries: Type.Optional(Type.Array(Entry, { maxItems: 200 })),
  priorClaims: Type.Optional(PriorClaims),
  foreignStatus: Type.Optional(ForeignStatus),
  inadmissibility: Type.Optional(Inadmissibility),
  /** Every family member (IRPR 159.1) in Canada, whatever their status; [] = none. */
  familyInCanada: Type.Optional(Type.Array(FamilyMember, { maxItems: 100 })),
  /** Canadian documents held; [] = none. */
  documents: Type.Optional(Type.Array(CanadianDocument, { maxItems: 50 })),
  visaRegime: Type.Optional(VisaRegime),
  deathPenaltyExposure: Type.Optional(DeathPenaltyExposure),
}, { ...strict, description: 'Facts for the eligibility engine (domain.md §3.3). Omitted = unknown.' });

export type EligibilityFacts = Static<typeof EligibilityFactsSchema>;
export type EntryFact = NonNullable<EligibilityFacts['entries']>[number];
export type CanadianPriorClaimFact = NonNullable<NonNullable<EligibilityFacts['priorClaims']>['canada']>[number];
export type ForeignPriorClaimFact = NonNullable<NonNullable<EligibilityFacts['priorClaims']>['foreign']>[number];
export type FamilyMemberFact = NonNullable<EligibilityFacts['familyInCanada']>[number];
export type DocumentFact = NonNullable<EligibilityFacts['documents']>[number];
export type ConvictionFact = NonNullable<NonNullable<EligibilityFacts['inadmissibility']>['convictions']>[number];
