export type { MatchablePerson, MatchLevel, MatchReason, MatchReasonCode, MatchScore } from './types.ts';
export { normalizeName, normalizeDocumentNumber } from './normalize.ts';
export { blockingKeys, MAX_BLOCKING_KEYS } from './blocking.ts';
export { scoreMatch, rankCandidates, isReportable, levelFor, MATCH_THRESHOLDS, MATCH_WEIGHTS } from './score.ts';
