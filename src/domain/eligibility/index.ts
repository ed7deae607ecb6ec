/** Eligibility engine (domain.md §3): IRPA 101(1) grounds, the STCA, 100(2) suspension and their consequences. */
export {
  EligibilityFactsSchema, CLAIM_CHANNELS, BORDER_SEGMENTS, MARITAL_STATUSES, ACCOMPANIED_BY, PRIOR_CLAIM_OUTCOMES,
  INADMISSIBILITY_GROUNDS, FAMILY_RELATIONS, FAMILY_STATUSES, DOCUMENT_TYPES,
  type EligibilityFacts, type ClaimChannel, type BorderSegment, type FamilyRelation, type FamilyStatus,
} from './facts.ts';
export { DEFAULT_ELIGIBILITY_CONFIG, type EligibilityConfig } from './config.ts';
export { evaluateEligibility, validateEligibilityFacts } from './engine.ts';
export { eligibilityRules, type RuleDefinition, type RuleVersion } from './rules.ts';
export { FACT_QUESTIONS, FACT_PATHS, type FactPath } from './questions.ts';
export {
  STCA_EXCEPTIONS,
  type Bilingual, type RuleId, type GroundResult, type StcaExceptionId, type EligibilityOutcome, type GroundAssessment,
  type RemovalOrderRule, type EligibilityConsequences, type EligibilityQuestion, type EligibilityAssessment,
} from './types.ts';
