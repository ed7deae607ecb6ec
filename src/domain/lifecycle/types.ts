import type { ActorRole } from './actors.ts';
import type {
  Appellant, IneligibilityGround, LifecycleEventType, ProtectionBasis, RadOutcome, RejectionFlag, StayBasis,
} from './events.ts';
import type { ClaimState } from './states.ts';

export type IsoDate = string;

export interface LifecycleEventInput {
  type: LifecycleEventType;
  actor: { role: ActorRole; name?: string };
  effectiveDate: IsoDate;
  /** When notice of the decision was given. */
  noticeDate?: IsoDate | null;
  /** When the notice or written reasons were received (actual or deemed), where the law counts from receipt. */
  receivedDate?: IsoDate | null;
  /** Defaults to EVENT_INFO[type].legalBasis. */
  legalBasis?: string | null;
  reasons?: string | null;
  /** Validated against EVENT_INFO[type].detailsSchema. */
  details?: Record<string, unknown>;
}

export interface LifecycleOptions {
  /** The date the caller treats as today (ISO); events may not be dated after it. */
  today: IsoDate;
  /** C-12 (S.C. 2026, c. 4) s.43: referral goes through MINISTER_CONSIDERATION (S05). In-force date ❓, so off by default. */
  ministerConsiderationInForce?: boolean;
}

export type RpdOutcome = 'ACCEPTED' | 'REJECTED' | 'ABANDONED' | 'WITHDRAWN';
/** Why a RAD appeal is not available (IRPA 110(2), domain.md §2.4). */
export type RadBar = 'DESIGNATED_FOREIGN_NATIONAL' | 'STCA_EXCEPTION' | 'NCB' | 'MUF';

/** The Federal Court review of the current negative decision (T24–T26, S24). */
export interface FederalCourtTrack {
  /** The negative state the claim returns to when leave is denied or the JR dismissed (T25). */
  returnTo: ClaimState;
  /** Where a successful JR sends the matter (T26): a new RPD panel or the RAD. */
  remitTo: ClaimState;
  /** Leave denied or JR dismissed without a certified question: no further court step (IRPA 72(2)(e), 74(d)). */
  final: boolean;
  /** JR dismissed with a certified question: an appeal to the FCA is open. */
  fcaAppealAvailable: boolean;
}

/** Everything the guards need, carried from event to event; JSON-serialisable (stored in a jsonb column). */
export interface LifecycleSnapshot {
  state: ClaimState;
  claimDate: IsoDate;
  lastEffectiveDate: IsoDate;
  lastTransitionId: string;
  /** Events applied so far, claim.made included. */
  eventCount: number;
  designatedForeignNational: boolean;
  /** Grounds recorded when found ineligible (T05, X02). */
  ineligibleGrounds: IneligibilityGround[];
  /** STCA exception the claim was referred under (T06), or null. */
  stcaException: string | null;
  /** Latest RPD disposition; cleared when a redetermination starts. */
  rpdOutcome: RpdOutcome | null;
  rpdBasis: ProtectionBasis | null;
  rejectionFlags: RejectionFlag[];
  radAppellant: Appellant | null;
  radOutcome: RadOutcome | 'NOT_PERFECTED' | 'NON_MERIT' | null;
  /** Derived: polarity of the operative IRB decision (a RAD substitution overrides the RPD). */
  decision: 'POSITIVE' | 'NEGATIVE' | null;
  /** Derived: reasons the current RPD decision cannot be appealed to the RAD. */
  radBars: RadBar[];
  /** Derived: a RAD notice of appeal may be filed now. */
  radAvailable: boolean;
  /** RPD stage a 103 suspension interrupted, to return to when lifted (T14). */
  suspendedFrom: ClaimState | null;
  federalCourt: FederalCourtTrack | null;
  removalOrderInForceDate: IsoDate | null;
  /** Derived: removal cannot be enforced now (stay, or PRRA notification/application under R232). */
  stayed: boolean;
  stayBasis: StayBasis | null;
  prra: {
    /** IRPA 112(2)(b): an STCA ineligibility determination excludes PRRA. */
    excluded: boolean;
    /** IRPA 112(3): a positive decision only stays removal (114(1)(b)). */
    restricted: boolean;
    /** Informational 12-month bar end (112(2)(b.1), (c)); not enforced because 112(2.1) exemptions exist. */
    barredUntil: IsoDate | null;
  };
}

export interface LifecycleError {
  code: 'illegal_transition' | 'invalid_event_details' | 'invalid_event_date' | 'actor_not_permitted';
  /** A sentence a person understands. */
  message: string;
  /** Path of the offending input, e.g. 'details.grounds', 'effectiveDate', 'actor.role'. */
  field?: string;
  /** Before the first event (initialSnapshot/replay of claim.made) this is CLAIM_MADE. */
  currentState: ClaimState;
  allowedEvents: LifecycleEventType[];
  /** replay(): index of the event that failed. */
  eventIndex?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: LifecycleError };

export interface AppliedEvent {
  snapshot: LifecycleSnapshot;
  from: ClaimState;
  to: ClaimState;
  transitionId: string;
  /** The event's legal basis, or the catalogue default. */
  legalBasis: string;
}
