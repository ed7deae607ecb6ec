/**
 * Lifecycle events (domain.md §2.3): the catalogue, who may record each one, its default legal basis
 * and the shape of its details. Transition ids 'Tnn' are the spec's; 'Xnn' are steps the spec implies
 * (sub-states, C-12 follow-up, outcomes the table leaves out) and are listed in transitions.ts.
 */
import { Type, type TSchema, type Static } from 'typebox';
import type { ActorRole } from './actors.ts';
import type { Labels } from './states.ts';

export const LIFECYCLE_EVENT_TYPES = [
  'claim.made',
  'eligibility.examination_started',
  'eligibility.suspended',
  'eligibility.resumed',
  'eligibility.ineligible',
  'eligibility.eligible_referred',
  'minister.referred',
  'minister.determined_ineligible',
  'stca.returned_to_us',
  'boc.received',
  'boc.deadline_missed',
  'special_hearing.claim_continues',
  'rpd.hearing_started',
  'rpd.declared_abandoned',
  'rpd.no_show',
  'minister.notice_103',
  'minister.notice_104',
  'suspension.lifted',
  'rpd.accepted',
  'rpd.allowed_without_hearing',
  'rpd.rejected',
  'claimant.withdrew',
  'rad.notice_filed',
  'rad.perfected',
  'rad.not_perfected',
  'rad.hearing_scheduled',
  'rad.dismissed_non_merit',
  'rad.decided',
  'rpd.redetermination_opened',
  'fc.leave_applied',
  'fc.leave_granted',
  'fc.leave_denied',
  'fc.jr_dismissed',
  'fc.jr_allowed',
  'fca.appeal_filed',
  'fca.appeal_dismissed',
  'fca.appeal_allowed',
  'protection.conferred',
  'minister.cessation_application',
  'minister.vacation_application',
  'rpd.cessation_allowed',
  'rpd.cessation_rejected',
  'rpd.vacation_allowed',
  'rpd.vacation_rejected',
  'removal_order.in_force',
  'stay.imposed',
  'stay.lifted',
  'prra.notified',
  'prra.applied',
  'prra.not_applied',
  'prra.positive',
  'prra.negative',
  'removal.enforced',
  'departure.confirmed',
  'other_status.granted',
] as const;

export type LifecycleEventType = (typeof LIFECYCLE_EVENT_TYPES)[number];

export function isLifecycleEventType(value: unknown): value is LifecycleEventType {
  return typeof value === 'string' && (LIFECYCLE_EVENT_TYPES as readonly string[]).includes(value);
}

// ------------------------------------------------------------------ detail vocabularies

/** IRPA 101(1) grounds, ids as in domain.md §3.1. */
export const INELIGIBILITY_GROUNDS = ['EL-A', 'EL-B', 'EL-B1', 'EL-B2', 'EL-C', 'EL-C1', 'EL-D', 'EL-E', 'EL-F'] as const;
export type IneligibilityGround = (typeof INELIGIBILITY_GROUNDS)[number];

export const REJECTION_FLAGS = ['NCB', 'MUF', 'EXCLUDED_1E', 'EXCLUDED_1F', 'S97_ONLY'] as const;
export type RejectionFlag = (typeof REJECTION_FLAGS)[number];

export const PROTECTION_BASES = ['S96', 'S97'] as const;
export type ProtectionBasis = (typeof PROTECTION_BASES)[number];

export const APPELLANTS = ['CLAIMANT', 'MINISTER'] as const;
export type Appellant = (typeof APPELLANTS)[number];

export const RAD_OUTCOMES = ['CONFIRMED', 'SUBSTITUTED_POSITIVE', 'SUBSTITUTED_NEGATIVE', 'REFERRED_BACK'] as const;
export type RadOutcome = (typeof RAD_OUTCOMES)[number];

/** IRB RAD statistics' non-merit categories other than "not perfected" (which has its own event, T21). */
export const RAD_NON_MERIT_REASONS = ['NO_JURISDICTION', 'WITHDRAWN', 'ABANDONED', 'OTHER'] as const;
export type RadNonMeritReason = (typeof RAD_NON_MERIT_REASONS)[number];

/** R230 country suspension, R231 JR of a RAD rejection, R232 PRRA, R233 H&C, court order (IRPA 50), 114(1)(b) restricted PRRA. */
export const STAY_BASES = ['R230', 'R231', 'R232', 'R233', 'COURT_ORDER', 'IRPA_114_1_B', 'OTHER'] as const;
export type StayBasis = (typeof STAY_BASES)[number];

export const SUSPENSION_REASONS = ['ID_REFERRAL', 'PENDING_CHARGE'] as const;
export const NOTICE_104_GROUNDS = ['INELIGIBLE', 'MISREPRESENTATION', 'NOT_FIRST_CLAIM'] as const;
export const CESSATION_GROUNDS = ['REAVAILMENT', 'REACQUIRED_NATIONALITY', 'NEW_NATIONALITY', 'RE_ESTABLISHMENT', 'CHANGED_CIRCUMSTANCES'] as const;
export const CLAIM_CHANNELS = ['PORT_OF_ENTRY', 'INLAND_OFFICE', 'ONLINE'] as const;
export const OTHER_STATUSES = ['PERMANENT_RESIDENCE_HC', 'TEMPORARY_RESIDENT_PERMIT', 'OTHER'] as const;

// ------------------------------------------------------------------ detail schemas

const strict = { additionalProperties: false } as const;
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Empty = Type.Object({}, strict);
const Grounds = Type.Array(Type.Enum(INELIGIBILITY_GROUNDS), { minItems: 1, uniqueItems: true, description: 'Every applicable IRPA 101(1) ground (domain.md §3.1).' });

export const ClaimMadeDetails = Type.Object({
  channel: Type.Optional(Type.Enum(CLAIM_CHANNELS)),
  /** IRPA 110(2)(a): a designated foreign national has no RAD appeal. */
  designatedForeignNational: Type.Optional(Type.Boolean()),
}, strict);
export const IneligibleDetails = Type.Object({ grounds: Grounds }, strict);
export const EligibleReferredDetails = Type.Object({
  /** The STCA exception under which a land-POE claim was referred (e.g. 'X-FAM-2'); bars a later RAD appeal (110(2)(d)). */
  stcaException: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()])),
  hearingDate: Type.Optional(IsoDate),
}, strict);
export const AcceptedDetails = Type.Object({ basis: Type.Enum(PROTECTION_BASES) }, strict);
export const AllowedWithoutHearingDetails = Type.Object({ basis: Type.Optional(Type.Enum(PROTECTION_BASES)) }, strict);
/** Controlled vocabulary of determinative issues (domain §5.4): the IRB publishes none, so Refuge records them. */
export const DETERMINATIVE_ISSUES = ['IDENTITY', 'CREDIBILITY', 'SUBJ_FEAR_DELAY', 'NEXUS', 'PERSECUTION_LEVEL', 'WFF_OBJECTIVE',
  'STATE_PROTECTION', 'IFA', 'GENERALIZED_RISK', 'LAWFUL_SANCTIONS', 'MEDICAL', 'COUNTRY_OF_REFERENCE', 'EXCLUSION_1E',
  'EXCLUSION_1F', 'CHANGED_CIRCUMSTANCES', 'NCB', 'MUF', 'PROCEDURAL'] as const;
export type DeterminativeIssue = (typeof DETERMINATIVE_ISSUES)[number];
export const RejectedDetails = Type.Object({
  flags: Type.Array(Type.Enum(REJECTION_FLAGS), { uniqueItems: true }),
  determinativeIssues: Type.Optional(Type.Array(Type.Enum(DETERMINATIVE_ISSUES), { uniqueItems: true, maxItems: 8 })),
}, strict);
export const RadNoticeDetails = Type.Object({ appellant: Type.Enum(APPELLANTS) }, strict);
export const RadDecidedDetails = Type.Object({ outcome: Type.Enum(RAD_OUTCOMES) }, strict);
export const RadNonMeritDetails = Type.Object({ reason: Type.Enum(RAD_NON_MERIT_REASONS) }, strict);
export const HearingDateDetails = Type.Object({ hearingDate: Type.Optional(IsoDate) }, strict);
export const SpecialHearingDetails = Type.Object({ specialHearingDate: Type.Optional(IsoDate) }, strict);
export const SuspensionDetails = Type.Object({ reason: Type.Optional(Type.Enum(SUSPENSION_REASONS)) }, strict);
export const Notice104Details = Type.Object({ ground: Type.Optional(Type.Enum(NOTICE_104_GROUNDS)) }, strict);
export const LeaveAppliedDetails = Type.Object({ courtFileNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })) }, strict);
export const JrDismissedDetails = Type.Object({
  /** A certified serious question of general importance opens an appeal to the FCA (IRPA 74(d)). */
  certifiedQuestion: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Null()])),
}, strict);
export const CessationApplicationDetails = Type.Object({ grounds: Type.Optional(Type.Array(Type.Enum(CESSATION_GROUNDS), { minItems: 1, uniqueItems: true })) }, strict);
export const StayImposedDetails = Type.Object({ basis: Type.Enum(STAY_BASES) }, strict);
export const PrraNotifiedDetails = Type.Object({
  /** IRPA 112(3) restricted PRRA; when omitted it is inferred from an EL-F ground or a 1F exclusion. */
  restricted: Type.Optional(Type.Boolean()),
}, strict);
export const OtherStatusDetails = Type.Object({ status: Type.Enum(OTHER_STATUSES) }, strict);

/**
 * Detail fields that hold free text (a story, a question of law, a court file that names the claimant):
 * stored encrypted like the event's reasons. Every other string in details is a code from a vocabulary;
 * events.test.ts fails when a new free-text field is added without being listed here or in DETAIL_CODES.
 */
export const NARRATIVE_DETAIL_KEYS = ['certifiedQuestion', 'courtFileNumber'] as const;
/** Free strings that are codes, not narrative: kept in clear because the lifecycle reads them. */
export const DETAIL_CODES = ['stcaException'] as const;

export type ClaimMadeDetailsT = Static<typeof ClaimMadeDetails>;
export type IneligibleDetailsT = Static<typeof IneligibleDetails>;
export type EligibleReferredDetailsT = Static<typeof EligibleReferredDetails>;
export type BasisDetailsT = Static<typeof AllowedWithoutHearingDetails>;
export type RejectedDetailsT = Static<typeof RejectedDetails>;
export type RadNoticeDetailsT = Static<typeof RadNoticeDetails>;
export type RadDecidedDetailsT = Static<typeof RadDecidedDetails>;
export type JrDismissedDetailsT = Static<typeof JrDismissedDetails>;
export type StayImposedDetailsT = Static<typeof StayImposedDetails>;
export type PrraNotifiedDetailsT = Static<typeof PrraNotifiedDetails>;

// ------------------------------------------------------------------ catalogue

export interface EventInfo {
  transitionIds: string[];
  labels: Labels;
  /** Default citation when the event does not give one. */
  legalBasis: string;
  actorRoles: ActorRole[];
  detailsSchema: TSchema;
}

const OFFICERS: ActorRole[] = ['CBSA_OFFICER', 'IRCC_OFFICER'];
const CLAIMANT_SIDE: ActorRole[] = ['CLAIMANT', 'COUNSEL'];
const APPELLANT_ROLES: ActorRole[] = ['CLAIMANT', 'COUNSEL', 'MINISTER'];

export const EVENT_INFO: Record<LifecycleEventType, EventInfo> = {
  'claim.made': {
    transitionIds: ['T01'], legalBasis: 'IRPA 99', actorRoles: ['CLAIMANT', 'COUNSEL', ...OFFICERS], detailsSchema: ClaimMadeDetails,
    labels: { en: 'Claim made', fr: 'Demande d\'asile présentée' },
  },
  'eligibility.examination_started': {
    transitionIds: ['T02'], legalBasis: 'IRPA 100(1)', actorRoles: OFFICERS, detailsSchema: Empty,
    labels: { en: 'Eligibility examination started', fr: 'Examen de la recevabilité commencé' },
  },
  'eligibility.suspended': {
    transitionIds: ['T03'], legalBasis: 'IRPA 100(2)', actorRoles: OFFICERS, detailsSchema: SuspensionDetails,
    labels: { en: 'Eligibility examination suspended', fr: 'Examen de la recevabilité suspendu' },
  },
  'eligibility.resumed': {
    transitionIds: ['T04'], legalBasis: 'IRPA 100(2)', actorRoles: OFFICERS, detailsSchema: Empty,
    labels: { en: 'Eligibility examination resumed', fr: 'Examen de la recevabilité repris' },
  },
  'eligibility.ineligible': {
    transitionIds: ['T05'], legalBasis: 'IRPA 101(1)', actorRoles: OFFICERS, detailsSchema: IneligibleDetails,
    labels: { en: 'Found ineligible for referral', fr: 'Demande jugée irrecevable' },
  },
  'eligibility.eligible_referred': {
    transitionIds: ['T06'], legalBasis: 'IRPA 100(1), 100(4.1)', actorRoles: OFFICERS, detailsSchema: EligibleReferredDetails,
    labels: { en: 'Found eligible and referred', fr: 'Demande jugée recevable et déférée' },
  },
  'minister.referred': {
    transitionIds: ['X01'], legalBasis: 'IRPA 100(1) as amended by S.C. 2026, c. 4', actorRoles: ['MINISTER'], detailsSchema: HearingDateDetails,
    labels: { en: 'Referred to the RPD after the Minister\'s consideration', fr: 'Déférée à la SPR après examen par le ministre' },
  },
  'minister.determined_ineligible': {
    transitionIds: ['X02'], legalBasis: 'IRPA 100(3) as amended by S.C. 2026, c. 4', actorRoles: ['MINISTER'], detailsSchema: IneligibleDetails,
    labels: { en: 'Determined ineligible by the Minister', fr: 'Jugée irrecevable par le ministre' },
  },
  'stca.returned_to_us': {
    transitionIds: ['X03'], legalBasis: 'IRPA 101(1)(e); IRPR 159.3', actorRoles: ['CBSA_OFFICER', 'CBSA_REMOVALS'], detailsSchema: Empty,
    labels: { en: 'Returned to the United States under the STCA', fr: 'Renvoyé aux États-Unis en vertu de l\'ETPS' },
  },
  'boc.received': {
    transitionIds: ['T07'], legalBasis: 'IRPR 159.8(2)', actorRoles: ['RPD'], detailsSchema: Empty,
    labels: { en: 'Basis of Claim form received', fr: 'Formulaire Fondement de la demande d\'asile reçu' },
  },
  'boc.deadline_missed': {
    transitionIds: ['T08'], legalBasis: 'RPD Rules r.65(2)', actorRoles: ['RPD'], detailsSchema: SpecialHearingDetails,
    labels: { en: 'BOC deadline missed: special hearing set', fr: 'Délai du formulaire FDA dépassé : audience spéciale fixée' },
  },
  'special_hearing.claim_continues': {
    transitionIds: ['T09'], legalBasis: 'RPD Rules r.65(4)', actorRoles: ['RPD'], detailsSchema: Empty,
    labels: { en: 'Special hearing: claim continues', fr: 'Audience spéciale : l\'examen de la demande se poursuit' },
  },
  'rpd.hearing_started': {
    transitionIds: ['X04'], legalBasis: 'IRPA 170', actorRoles: ['RPD'], detailsSchema: Empty,
    labels: { en: 'RPD hearing started', fr: 'Audience de la SPR commencée' },
  },
  'rpd.declared_abandoned': {
    transitionIds: ['T10'], legalBasis: 'IRPA 168(1)', actorRoles: ['RPD'], detailsSchema: Empty,
    labels: { en: 'Claim declared abandoned', fr: 'Désistement prononcé' },
  },
  'rpd.no_show': {
    transitionIds: ['T11'], legalBasis: 'RPD Rules r.65(3)', actorRoles: ['RPD'], detailsSchema: SpecialHearingDetails,
    labels: { en: 'Claimant failed to appear: special hearing set', fr: 'Défaut de comparaître : audience spéciale fixée' },
  },
  'minister.notice_103': {
    transitionIds: ['T12'], legalBasis: 'IRPA 103', actorRoles: ['MINISTER'], detailsSchema: SuspensionDetails,
    labels: { en: 'Minister\'s notice suspending proceedings (s.103)', fr: 'Avis du ministre suspendant l\'affaire (art. 103)' },
  },
  'minister.notice_104': {
    transitionIds: ['T13'], legalBasis: 'IRPA 104', actorRoles: ['MINISTER'], detailsSchema: Notice104Details,
    labels: { en: 'Minister\'s notice terminating proceedings (s.104)', fr: 'Avis du ministre mettant fin à l\'affaire (art. 104)' },
  },
  'suspension.lifted': {
    transitionIds: ['T14'], legalBasis: 'IRPA 103(2)', actorRoles: ['RPD'], detailsSchema: Empty,
    labels: { en: 'Suspension lifted: proceedings continue', fr: 'Suspension levée : l\'affaire reprend' },
  },
  'rpd.accepted': {
    transitionIds: ['T15'], legalBasis: 'IRPA 107(1)', actorRoles: ['RPD'], detailsSchema: AcceptedDetails,
    labels: { en: 'Claim accepted by the RPD', fr: 'Demande accueillie par la SPR' },
  },
  'rpd.allowed_without_hearing': {
    transitionIds: ['T16'], legalBasis: 'IRPA 170(f)', actorRoles: ['RPD'], detailsSchema: AllowedWithoutHearingDetails,
    labels: { en: 'Claim allowed without a hearing', fr: 'Demande accueillie sans audience' },
  },
  'rpd.rejected': {
    transitionIds: ['T17'], legalBasis: 'IRPA 107(1)', actorRoles: ['RPD'], detailsSchema: RejectedDetails,
    labels: { en: 'Claim rejected by the RPD', fr: 'Demande rejetée par la SPR' },
  },
  'claimant.withdrew': {
    transitionIds: ['T18'], legalBasis: 'RPD Rules r.59', actorRoles: CLAIMANT_SIDE, detailsSchema: Empty,
    labels: { en: 'Claim withdrawn by the claimant', fr: 'Demande retirée par le demandeur' },
  },
  'rad.notice_filed': {
    transitionIds: ['T19'], legalBasis: 'IRPA 110(1); IRPR 159.91(1)(a)', actorRoles: APPELLANT_ROLES, detailsSchema: RadNoticeDetails,
    labels: { en: 'Notice of appeal filed at the RAD', fr: 'Avis d\'appel déposé à la SAR' },
  },
  'rad.perfected': {
    transitionIds: ['T20'], legalBasis: 'IRPR 159.91(1)(b)', actorRoles: APPELLANT_ROLES, detailsSchema: Empty,
    labels: { en: 'RAD appeal perfected', fr: 'Appel mis en état à la SAR' },
  },
  'rad.not_perfected': {
    transitionIds: ['T21'], legalBasis: 'IRPR 159.91(1)(b)', actorRoles: ['RAD'], detailsSchema: Empty,
    labels: { en: 'RAD appeal dismissed: not perfected', fr: 'Appel rejeté par la SAR : non mis en état' },
  },
  'rad.hearing_scheduled': {
    transitionIds: ['X05'], legalBasis: 'IRPA 110(6)', actorRoles: ['RAD'], detailsSchema: HearingDateDetails,
    labels: { en: 'RAD oral hearing scheduled', fr: 'Audience de la SAR fixée' },
  },
  'rad.dismissed_non_merit': {
    transitionIds: ['X06'], legalBasis: 'IRPA 110', actorRoles: ['RAD'], detailsSchema: RadNonMeritDetails,
    labels: { en: 'RAD appeal ended without a decision on the merits', fr: 'Appel à la SAR clos sans décision sur le fond' },
  },
  'rad.decided': {
    transitionIds: ['T22'], legalBasis: 'IRPA 111(1)', actorRoles: ['RAD'], detailsSchema: RadDecidedDetails,
    labels: { en: 'RAD decision on the merits', fr: 'Décision de la SAR sur le fond' },
  },
  'rpd.redetermination_opened': {
    transitionIds: ['T23'], legalBasis: 'IRPA 111(2)', actorRoles: ['RPD'], detailsSchema: HearingDateDetails,
    labels: { en: 'RPD redetermination opened', fr: 'Nouvel examen ouvert à la SPR' },
  },
  'fc.leave_applied': {
    transitionIds: ['T24'], legalBasis: 'IRPA 72(1)', actorRoles: CLAIMANT_SIDE, detailsSchema: LeaveAppliedDetails,
    labels: { en: 'Application for leave and judicial review filed', fr: 'Demande d\'autorisation et de contrôle judiciaire déposée' },
  },
  'fc.leave_granted': {
    transitionIds: ['X07'], legalBasis: 'IRPA 72(1)', actorRoles: ['FEDERAL_COURT'], detailsSchema: Empty,
    labels: { en: 'Leave granted by the Federal Court', fr: 'Autorisation accordée par la Cour fédérale' },
  },
  'fc.leave_denied': {
    transitionIds: ['T25'], legalBasis: 'IRPA 72(2)(e)', actorRoles: ['FEDERAL_COURT'], detailsSchema: Empty,
    labels: { en: 'Leave denied by the Federal Court', fr: 'Autorisation refusée par la Cour fédérale' },
  },
  'fc.jr_dismissed': {
    transitionIds: ['T25'], legalBasis: 'IRPA 74(d)', actorRoles: ['FEDERAL_COURT'], detailsSchema: JrDismissedDetails,
    labels: { en: 'Judicial review dismissed', fr: 'Contrôle judiciaire rejeté' },
  },
  'fc.jr_allowed': {
    transitionIds: ['T26'], legalBasis: 'Federal Courts Act 18.1(3)', actorRoles: ['FEDERAL_COURT'], detailsSchema: Empty,
    labels: { en: 'Judicial review allowed: matter sent back for redetermination', fr: 'Contrôle judiciaire accueilli : affaire renvoyée pour nouvel examen' },
  },
  'fca.appeal_filed': {
    transitionIds: ['X08'], legalBasis: 'IRPA 74(d)', actorRoles: CLAIMANT_SIDE, detailsSchema: Empty,
    labels: { en: 'Appeal to the Federal Court of Appeal filed', fr: 'Appel interjeté à la Cour d\'appel fédérale' },
  },
  'fca.appeal_dismissed': {
    transitionIds: ['X09'], legalBasis: 'IRPA 74(d)', actorRoles: ['FEDERAL_COURT_OF_APPEAL'], detailsSchema: Empty,
    labels: { en: 'Federal Court of Appeal dismissed the appeal', fr: 'La Cour d\'appel fédérale a rejeté l\'appel' },
  },
  'fca.appeal_allowed': {
    transitionIds: ['X10'], legalBasis: 'IRPA 74(d)', actorRoles: ['FEDERAL_COURT_OF_APPEAL'], detailsSchema: Empty,
    labels: { en: 'Federal Court of Appeal allowed the appeal: matter sent back', fr: 'La Cour d\'appel fédérale a accueilli l\'appel : affaire renvoyée' },
  },
  'protection.conferred': {
    transitionIds: ['T27'], legalBasis: 'IRPA 95(1)', actorRoles: ['OPERATION_OF_LAW', 'RPD', 'RAD', 'IRCC_OFFICER'], detailsSchema: Empty,
    labels: { en: 'Refugee protection conferred', fr: 'Asile conféré' },
  },
  'minister.cessation_application': {
    transitionIds: ['T28'], legalBasis: 'IRPA 108(2)', actorRoles: ['MINISTER'], detailsSchema: CessationApplicationDetails,
    labels: { en: 'Minister applied for cessation', fr: 'Demande du ministre de constat de perte de l\'asile' },
  },
  'minister.vacation_application': {
    transitionIds: ['T28'], legalBasis: 'IRPA 109(1)', actorRoles: ['MINISTER'], detailsSchema: Empty,
    labels: { en: 'Minister applied to vacate', fr: 'Demande d\'annulation du ministre' },
  },
  'rpd.cessation_allowed': {
    transitionIds: ['T29'], legalBasis: 'IRPA 108(3)', actorRoles: ['RPD'], detailsSchema: Empty,
    labels: { en: 'Cessation application allowed', fr: 'Demande de constat de perte de l\'asile accueillie' },
  },
  'rpd.cessation_rejected': {
    transitionIds: ['X11'], legalBasis: 'IRPA 108(2)', actorRoles: ['RPD'], detailsSchema: Empty,
    labels: { en: 'Cessation application rejected', fr: 'Demande de constat de perte de l\'asile rejetée' },
  },
  'rpd.vacation_allowed': {
    transitionIds: ['T29'], legalBasis: 'IRPA 109(3)', actorRoles: ['RPD'], detailsSchema: Empty,
    labels: { en: 'Vacation application allowed', fr: 'Demande d\'annulation accueillie' },
  },
  'rpd.vacation_rejected': {
    transitionIds: ['X11'], legalBasis: 'IRPA 109(2)', actorRoles: ['RPD'], detailsSchema: Empty,
    labels: { en: 'Vacation application rejected', fr: 'Demande d\'annulation rejetée' },
  },
  'removal_order.in_force': {
    transitionIds: ['T30'], legalBasis: 'IRPA 49(2)', actorRoles: ['OPERATION_OF_LAW'], detailsSchema: Empty,
    labels: { en: 'Removal order came into force', fr: 'Mesure de renvoi entrée en vigueur' },
  },
  'stay.imposed': {
    transitionIds: ['T31'], legalBasis: 'IRPA 50; IRPR 230-233', actorRoles: ['FEDERAL_COURT', 'CBSA_REMOVALS', 'MINISTER', 'IRCC_OFFICER', 'IRCC_PRRA', 'OPERATION_OF_LAW'], detailsSchema: StayImposedDetails,
    labels: { en: 'Removal stayed', fr: 'Sursis au renvoi accordé' },
  },
  'stay.lifted': {
    transitionIds: ['T31'], legalBasis: 'IRPA 50; IRPR 230-233', actorRoles: ['FEDERAL_COURT', 'CBSA_REMOVALS', 'MINISTER', 'IRCC_OFFICER', 'IRCC_PRRA', 'OPERATION_OF_LAW'], detailsSchema: Empty,
    labels: { en: 'Stay of removal ended', fr: 'Fin du sursis au renvoi' },
  },
  'prra.notified': {
    transitionIds: ['T32'], legalBasis: 'IRPA 112(1); IRPR 160', actorRoles: ['CBSA_REMOVALS', 'CBSA_OFFICER'], detailsSchema: PrraNotifiedDetails,
    labels: { en: 'PRRA notification given', fr: 'Avis d\'ERAR donné' },
  },
  'prra.applied': {
    transitionIds: ['X12'], legalBasis: 'IRPA 112(1); IRPR 162', actorRoles: CLAIMANT_SIDE, detailsSchema: Empty,
    labels: { en: 'PRRA application made', fr: 'Demande d\'ERAR présentée' },
  },
  'prra.not_applied': {
    transitionIds: ['X13'], legalBasis: 'IRPR 232', actorRoles: ['CBSA_REMOVALS', 'OPERATION_OF_LAW'], detailsSchema: Empty,
    labels: { en: 'No PRRA application within the time limit', fr: 'Aucune demande d\'ERAR dans le délai' },
  },
  'prra.positive': {
    transitionIds: ['T33'], legalBasis: 'IRPA 114(1)', actorRoles: ['IRCC_PRRA'], detailsSchema: Empty,
    labels: { en: 'PRRA allowed', fr: 'ERAR favorable' },
  },
  'prra.negative': {
    transitionIds: ['T34'], legalBasis: 'IRPA 113', actorRoles: ['IRCC_PRRA'], detailsSchema: Empty,
    labels: { en: 'PRRA refused', fr: 'ERAR défavorable' },
  },
  'removal.enforced': {
    transitionIds: ['T35'], legalBasis: 'IRPA 48(2)', actorRoles: ['CBSA_REMOVALS'], detailsSchema: Empty,
    labels: { en: 'Removal enforced', fr: 'Renvoi exécuté' },
  },
  'departure.confirmed': {
    transitionIds: ['T35'], legalBasis: 'IRPR 240', actorRoles: ['CBSA_REMOVALS'], detailsSchema: Empty,
    labels: { en: 'Departure confirmed', fr: 'Départ confirmé' },
  },
  'other_status.granted': {
    transitionIds: ['X14'], legalBasis: 'IRPA 24-25', actorRoles: ['IRCC_OFFICER', 'MINISTER'], detailsSchema: OtherStatusDetails,
    labels: { en: 'Another status granted (H&C, TRP, ...)', fr: 'Autre statut accordé (CH, PST, ...)' },
  },
};
