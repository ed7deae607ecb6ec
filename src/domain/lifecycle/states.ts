/**
 * Claim-level states (domain.md §2.2). Where the spec lists several sub-states under one id
 * (S07-like no-show hearing, S08, S15, S21, S22, S23, S27, S28) each is its own state sharing the specId.
 */

export const CLAIM_STATES = [
  'CLAIM_MADE',
  'ELIGIBILITY_PENDING',
  'ELIGIBILITY_SUSPENDED',
  'INELIGIBLE',
  'INELIGIBLE_STCA_RETURNED',
  'MINISTER_CONSIDERATION',
  'REFERRED_RPD',
  'BOC_OVERDUE_SPECIAL_HEARING',
  'NO_SHOW_SPECIAL_HEARING',
  'RPD_SCHEDULED',
  'RPD_IN_HEARING',
  'RPD_SUSPENDED',
  'RPD_ACCEPTED',
  'RPD_REJECTED',
  'RPD_ABANDONED',
  'RPD_WITHDRAWN',
  'RPD_TERMINATED_104',
  'RAD_FILED',
  'RAD_PERFECTED',
  'RAD_IN_HEARING',
  'RAD_DISMISSED_CONFIRMED',
  'RAD_ALLOWED_SUBSTITUTED',
  'RAD_ALLOWED_REFERRED_BACK',
  'RAD_DISMISSED_NON_MERIT',
  'PROTECTED_PERSON',
  'CESSATION_PENDING',
  'VACATION_PENDING',
  'PROTECTION_CEASED',
  'PROTECTION_VACATED',
  'FC_LEAVE_PENDING',
  'FC_JR_PENDING',
  'FCA_APPEAL_PENDING',
  'REMOVAL_ORDER_IN_FORCE',
  'REMOVAL_STAYED',
  'PRRA_NOTIFIED',
  'PRRA_APPLIED',
  'REMOVED',
  'DEPARTED',
  'OTHER_STATUS',
] as const;

export type ClaimState = (typeof CLAIM_STATES)[number];

export const STAGES = ['ELIGIBILITY', 'RPD', 'RAD', 'FEDERAL_COURT', 'PROTECTION', 'REMOVAL', 'CLOSED'] as const;
export type Stage = (typeof STAGES)[number];

export interface Labels { en: string; fr: string }

export interface StateInfo {
  specId: string;
  /**
   * The spec's "Terminal?" column: the claim itself is finally disposed of. The removal track can
   * still follow a terminal state (e.g. INELIGIBLE → REMOVAL_ORDER_IN_FORCE, T30); allowedEvents says what can.
   */
  terminal: boolean;
  labels: Labels;
  stage: Stage;
}

export const STATE_INFO: Record<ClaimState, StateInfo> = {
  CLAIM_MADE: { specId: 'S01', terminal: false, stage: 'ELIGIBILITY', labels: { en: 'Claim made', fr: 'Demande d\'asile présentée' } },
  ELIGIBILITY_PENDING: { specId: 'S02', terminal: false, stage: 'ELIGIBILITY', labels: { en: 'Eligibility examination in progress', fr: 'Examen de la recevabilité en cours' } },
  ELIGIBILITY_SUSPENDED: { specId: 'S03', terminal: false, stage: 'ELIGIBILITY', labels: { en: 'Eligibility examination suspended', fr: 'Examen de la recevabilité suspendu' } },
  INELIGIBLE: { specId: 'S04', terminal: true, stage: 'ELIGIBILITY', labels: { en: 'Ineligible for referral', fr: 'Demande irrecevable' } },
  INELIGIBLE_STCA_RETURNED: { specId: 'S04a', terminal: true, stage: 'CLOSED', labels: { en: 'Ineligible under the STCA and returned to the United States', fr: 'Irrecevable en vertu de l\'ETPS et renvoyé aux États-Unis' } },
  MINISTER_CONSIDERATION: { specId: 'S05', terminal: false, stage: 'ELIGIBILITY', labels: { en: 'Further consideration by the Minister', fr: 'Examen complémentaire par le ministre' } },
  REFERRED_RPD: { specId: 'S06', terminal: false, stage: 'RPD', labels: { en: 'Referred to the RPD', fr: 'Déférée à la SPR' } },
  BOC_OVERDUE_SPECIAL_HEARING: { specId: 'S07', terminal: false, stage: 'RPD', labels: { en: 'BOC overdue: special hearing on abandonment', fr: 'Formulaire FDA en retard : audience spéciale sur le désistement' } },
  NO_SHOW_SPECIAL_HEARING: { specId: 'S07', terminal: false, stage: 'RPD', labels: { en: 'Failure to appear: special hearing on abandonment', fr: 'Défaut de comparaître : audience spéciale sur le désistement' } },
  RPD_SCHEDULED: { specId: 'S08', terminal: false, stage: 'RPD', labels: { en: 'RPD hearing scheduled', fr: 'Audience de la SPR fixée' } },
  RPD_IN_HEARING: { specId: 'S08', terminal: false, stage: 'RPD', labels: { en: 'RPD hearing under way', fr: 'Audience de la SPR en cours' } },
  RPD_SUSPENDED: { specId: 'S09', terminal: false, stage: 'RPD', labels: { en: 'RPD proceedings suspended by the Minister (IRPA 103)', fr: 'Affaire suspendue à la SPR par avis du ministre (LIPR 103)' } },
  RPD_ACCEPTED: { specId: 'S10', terminal: false, stage: 'RPD', labels: { en: 'Claim accepted by the RPD', fr: 'Demande accueillie par la SPR' } },
  RPD_REJECTED: { specId: 'S11', terminal: false, stage: 'RPD', labels: { en: 'Claim rejected by the RPD', fr: 'Demande rejetée par la SPR' } },
  RPD_ABANDONED: { specId: 'S12', terminal: false, stage: 'RPD', labels: { en: 'Claim declared abandoned', fr: 'Désistement prononcé' } },
  RPD_WITHDRAWN: { specId: 'S13', terminal: false, stage: 'RPD', labels: { en: 'Claim withdrawn', fr: 'Demande retirée' } },
  RPD_TERMINATED_104: { specId: 'S14', terminal: true, stage: 'RPD', labels: { en: 'Proceedings terminated by the Minister\'s notice (IRPA 104)', fr: 'Affaire close par avis du ministre (LIPR 104)' } },
  RAD_FILED: { specId: 'S15', terminal: false, stage: 'RAD', labels: { en: 'RAD appeal filed', fr: 'Appel interjeté à la SAR' } },
  RAD_PERFECTED: { specId: 'S15', terminal: false, stage: 'RAD', labels: { en: 'RAD appeal perfected', fr: 'Appel mis en état à la SAR' } },
  RAD_IN_HEARING: { specId: 'S15', terminal: false, stage: 'RAD', labels: { en: 'RAD oral hearing', fr: 'Audience de la SAR' } },
  RAD_DISMISSED_CONFIRMED: { specId: 'S16', terminal: false, stage: 'RAD', labels: { en: 'RAD appeal dismissed: RPD decision confirmed', fr: 'Appel rejeté par la SAR : décision de la SPR confirmée' } },
  RAD_ALLOWED_SUBSTITUTED: { specId: 'S17', terminal: false, stage: 'RAD', labels: { en: 'RAD appeal allowed: RAD substituted its decision', fr: 'Appel accueilli : la SAR a substitué sa décision' } },
  RAD_ALLOWED_REFERRED_BACK: { specId: 'S18', terminal: false, stage: 'RAD', labels: { en: 'RAD appeal allowed: referred back to the RPD', fr: 'Appel accueilli : affaire renvoyée à la SPR' } },
  RAD_DISMISSED_NON_MERIT: { specId: 'S19', terminal: false, stage: 'RAD', labels: { en: 'RAD appeal ended without a decision on the merits', fr: 'Appel à la SAR clos sans décision sur le fond' } },
  PROTECTED_PERSON: { specId: 'S20', terminal: false, stage: 'PROTECTION', labels: { en: 'Protected person', fr: 'Personne protégée' } },
  CESSATION_PENDING: { specId: 'S21', terminal: false, stage: 'PROTECTION', labels: { en: 'Cessation application pending', fr: 'Demande de constat de perte de l\'asile en instance' } },
  VACATION_PENDING: { specId: 'S21', terminal: false, stage: 'PROTECTION', labels: { en: 'Vacation application pending', fr: 'Demande d\'annulation en instance' } },
  PROTECTION_CEASED: { specId: 'S22', terminal: true, stage: 'PROTECTION', labels: { en: 'Refugee protection ceased', fr: 'Perte de l\'asile constatée' } },
  PROTECTION_VACATED: { specId: 'S22', terminal: true, stage: 'PROTECTION', labels: { en: 'Refugee protection vacated', fr: 'Décision accordant l\'asile annulée' } },
  FC_LEAVE_PENDING: { specId: 'S23', terminal: false, stage: 'FEDERAL_COURT', labels: { en: 'Federal Court: leave application pending', fr: 'Cour fédérale : demande d\'autorisation en instance' } },
  FC_JR_PENDING: { specId: 'S23', terminal: false, stage: 'FEDERAL_COURT', labels: { en: 'Federal Court: judicial review pending', fr: 'Cour fédérale : contrôle judiciaire en instance' } },
  FCA_APPEAL_PENDING: { specId: 'S24', terminal: false, stage: 'FEDERAL_COURT', labels: { en: 'Appeal to the Federal Court of Appeal pending', fr: 'Appel en instance à la Cour d\'appel fédérale' } },
  REMOVAL_ORDER_IN_FORCE: { specId: 'S25', terminal: false, stage: 'REMOVAL', labels: { en: 'Removal order in force', fr: 'Mesure de renvoi en vigueur' } },
  REMOVAL_STAYED: { specId: 'S26', terminal: false, stage: 'REMOVAL', labels: { en: 'Removal stayed', fr: 'Sursis au renvoi' } },
  PRRA_NOTIFIED: { specId: 'S27', terminal: false, stage: 'REMOVAL', labels: { en: 'PRRA notification given', fr: 'Avis d\'ERAR donné' } },
  PRRA_APPLIED: { specId: 'S27', terminal: false, stage: 'REMOVAL', labels: { en: 'PRRA application pending', fr: 'Demande d\'ERAR en instance' } },
  REMOVED: { specId: 'S28', terminal: true, stage: 'CLOSED', labels: { en: 'Removed', fr: 'Renvoyé' } },
  DEPARTED: { specId: 'S28', terminal: true, stage: 'CLOSED', labels: { en: 'Departure confirmed', fr: 'Départ confirmé' } },
  OTHER_STATUS: { specId: 'S29', terminal: true, stage: 'CLOSED', labels: { en: 'Left the asylum track with another status', fr: 'Sorti du processus d\'asile avec un autre statut' } },
};

export function isClaimState(value: unknown): value is ClaimState {
  return typeof value === 'string' && (CLAIM_STATES as readonly string[]).includes(value);
}
