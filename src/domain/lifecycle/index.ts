/** Claim lifecycle: states, events, actors and the pure state machine (domain.md §2). */
export { CLAIM_STATES, STATE_INFO, STAGES, isClaimState, type ClaimState, type Stage, type StateInfo, type Labels } from './states.ts';
export { ACTOR_ROLES, ACTOR_INFO, isActorRole, type ActorRole } from './actors.ts';
export {
  LIFECYCLE_EVENT_TYPES, EVENT_INFO, isLifecycleEventType, NARRATIVE_DETAIL_KEYS, DETAIL_CODES,
  INELIGIBILITY_GROUNDS, REJECTION_FLAGS, DETERMINATIVE_ISSUES, PROTECTION_BASES, APPELLANTS, RAD_OUTCOMES, RAD_NON_MERIT_REASONS, STAY_BASES,
  type LifecycleEventType, type EventInfo, type IneligibilityGround, type RejectionFlag, type ProtectionBasis,
  type Appellant, type RadOutcome, type RadNonMeritReason, type StayBasis,
} from './events.ts';
export { TRANSITIONS, type TransitionRow } from './transitions.ts';
export { initialSnapshot, applyEvent, allowedEvents, replay } from './machine.ts';
export type {
  IsoDate, LifecycleEventInput, LifecycleOptions, LifecycleSnapshot, LifecycleError, Result, AppliedEvent,
  RpdOutcome, RadBar, FederalCourtTrack,
} from './types.ts';
