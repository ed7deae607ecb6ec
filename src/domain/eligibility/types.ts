/** Public result types of the eligibility engine (domain.md §3.3 "Engine contract"). */
import type { IneligibilityGround } from '../lifecycle/events.ts';
import type { FactPath } from './questions.ts';

export interface Bilingual { en: string; fr: string }

/** Rule ids are the lifecycle's 'eligibility.ineligible' ground ids (domain.md §3.1). */
export type RuleId = IneligibilityGround;

export type GroundResult = 'APPLIES' | 'NOT_APPLICABLE' | 'EXCEPTION_MET' | 'UNKNOWN' | 'NOT_IN_FORCE';

/** STCA exceptions of domain.md §3.2, in presentation order. */
export const STCA_EXCEPTIONS = ['X-FAM-1', 'X-FAM-2', 'X-FAM-3', 'X-FAM-4', 'X-FAM-5', 'X-FAM-6', 'X-UAM', 'X-DOC-1', 'X-DOC-2', 'X-PI'] as const;
export type StcaExceptionId = (typeof STCA_EXCEPTIONS)[number];

export type EligibilityOutcome = 'ELIGIBLE' | 'INELIGIBLE' | 'SUSPENDED' | 'INSUFFICIENT_FACTS';

export interface GroundAssessment {
  ruleId: RuleId;
  /** e.g. 'IRPA 101(1)(e); IRPR 159.3–159.6'. */
  citation: string;
  /** The same citation in French legal style, quoted in explanation.fr. */
  citationFr: string;
  /** Rule text applied, e.g. 'EL-E@2023-03-25'. */
  version: string;
  result: GroundResult;
  exceptionsMet?: StcaExceptionId[];
  /** Recorded facts the rule read. */
  factsUsed: FactPath[];
  /** Facts whose absence keeps the rule UNKNOWN (empty for every other result). */
  missingFacts: FactPath[];
  explanation: Bilingual;
  /** NOT_IN_FORCE only: what the rule gives on these facts once in force. */
  resultIfInForce?: Exclude<GroundResult, 'NOT_IN_FORCE'>;
}

export type RemovalOrderRule = '49(2)(a)' | '49(2)(b)' | 'TERMINATION_104';

export interface EligibilityConsequences {
  /**
   * 49(2)(a): ineligible only under 101(1)(e) → in force the day notice is given; 49(2)(b): any other
   * ground → 7 days after notice; TERMINATION_104: the claim was already referred, so a s.104 notice
   * ends the RPD proceedings and the order comes into force 15 days after (domain.md §4.3).
   */
  removalOrderInForceRule: RemovalOrderRule | null;
  removalOrderInForce: Bilingual | null;
  /** A PRRA is open after this determination (no 112(2) bar on the assessment date). False when no removal order follows. */
  prraAvailable: boolean;
  prraBarReason?: string;
  /** End of a 12-month bar (112(2)(b.1)). */
  prraAvailableFrom?: string;
  /** Restricted PRRA (112(3)) — EL-F. */
  prraRestricted: boolean;
  /** IRPA 113.01 oral hearing (ineligible solely under 101(1)(c.1)); per config. */
  prraOralHearing: boolean;
  /** A later RAD appeal would be open (false for referrals under an STCA exception, 110(2)(d), and when not referred). */
  radAvailableLater: boolean;
  /** Where an eligible claim goes next: the RPD, or the Minister first once C-12's 100(1) is in force. */
  referral: 'RPD' | 'MINISTER_CONSIDERATION' | null;
  notice104: { citation: string; explanation: Bilingual } | null;
  notes: Bilingual[];
}

export interface EligibilityQuestion { fact: FactPath; en: string; fr: string }

export interface EligibilityAssessment {
  outcome: EligibilityOutcome;
  /** Claim date used for effective-dating (null when unknown). */
  evaluatedOn: string | null;
  /** Date the in-force checks used; `assessmentDateAssumed` when it was not given. */
  assessedOn: string | null;
  assessmentDateAssumed: boolean;
  /** Every ground, in presentation order (STCA first at the land border). */
  grounds: GroundAssessment[];
  suspension?: { citation: string; explanation: Bilingual };
  /** What to ask the claimant: the missing facts of every UNKNOWN ground and of the 100(2) check. */
  questions: EligibilityQuestion[];
  consequences: EligibilityConsequences;
}
