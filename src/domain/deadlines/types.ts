/**
 * Time limits as data (domain.md §4). A DeadlineRule says what starts the clock, how long it runs, on which
 * calendar, how the last day moves when the office is closed, what closes it and when it does not apply.
 * The engine (engine.ts) turns a claim's lifecycle events into Deadline records.
 */
import type { Province } from '../intake/types.ts';
import type { LifecycleEventType } from '../lifecycle/events.ts';
import type { Labels } from '../lifecycle/states.ts';

export type { Labels };

/** Calendar days count weekends and holidays; working days skip Saturdays, Sundays and the calendar's holidays. */
export type DayUnit = 'CAL_DAYS' | 'WORKING_DAYS' | 'CAL_MONTHS' | 'CAL_YEARS';

/**
 * What happens when the last day is a day the office is closed (§4.1):
 * - NONE              the last day stays where it falls.
 * - NEXT_NON_HOLIDAY  Interpretation Act s.26: next day that is not a holiday of the calendar (Sunday always is;
 *                     Saturday only for FED_COURTS).
 * - NEXT_WORKING_DAY  next day that is not a Saturday, Sunday or holiday (e.g. IRPR 159.9(2)).
 * - CONFIGURABLE      unsettled (§9 point 6): s.26 is applied where it clearly applies; when that still leaves a
 *                     Saturday the engine shows both readings and flags the deadline (rollUnclear).
 */
export type RollPolicy = 'NONE' | 'NEXT_NON_HOLIDAY' | 'NEXT_WORKING_DAY' | 'CONFIGURABLE';
export type ResolvedRollPolicy = Exclude<RollPolicy, 'CONFIGURABLE'>;

export type CalendarKind = 'FEDERAL_IA' | 'FED_COURTS' | 'IRB_OFFICES';
/** A calendar with its region, as handed to the holiday provider. */
export type CalendarRef = 'FEDERAL_IA' | 'FED_COURTS' | { kind: 'IRB_OFFICES'; province: Province };
/**
 * Listed holidays of a calendar for a year (YYYY-MM-DD). Weekends are not expected in the list: the engine
 * knows Sundays are holidays everywhere and Saturdays are holidays for FED_COURTS (Federal Courts Rules r.2).
 */
export type HolidayProvider = (calendar: CalendarRef, year: number) => readonly string[];

/** domain.md markers: ✅ primary text, ◐ secondary source, ❓ unconfirmed. */
export type Confidence = 'CONFIRMED' | 'SECONDARY' | 'UNCONFIRMED';

/**
 * FILING: a party must get something to an office; the safe date is the last day the office is open on or
 *         before the counted day, so no roll is relied on.
 * TARGET: something the Board must do (hold a hearing, decide); no pull-back.
 * BAR:    a waiting period (e.g. the 12-month PRRA bar): OPEN while it runs, MET once it has elapsed.
 */
export type DeadlineNature = 'FILING' | 'TARGET' | 'BAR';

/** A condition on one detail of an event; all given tests must hold. */
export interface DetailMatch {
  key: string;
  /** The value is one of these. */
  oneOf?: readonly (string | number | boolean | null)[];
  /** The value is an array containing at least one of these. */
  includesAny?: readonly string[];
  /** true: set (not undefined, null or ''); false: not set. */
  present?: boolean;
}

export interface EventMatch {
  type: LifecycleEventType;
  where?: readonly DetailMatch[];
}

/** Which date of the trigger event starts the clock, or a date carried in its details (e.g. hearingDate). */
export type TriggerDate = 'effectiveDate' | 'noticeDate' | 'receivedDate' | { detail: string };

/**
 * When receivedDate is missing: counted from noticeDate (or effectiveDate when no notice date) plus `days`,
 * rolled per `roll` on the rule's calendar — the deemed-receipt rule for regular mail is 7 days, moved to the
 * next working day when that is a weekend or holiday (§4.1). The trigger is then flagged deemed.
 */
export interface DeemedReceipt {
  days: number;
  roll: 'NONE' | 'NEXT_WORKING_DAY';
}

export type TriggerSpec =
  | {
    kind: 'EVENT';
    /** The latest event of any of these types is the candidate; it triggers only if it also matches its `where`. */
    events: readonly EventMatch[];
    date: TriggerDate;
    deemedReceipt?: DeemedReceipt;
  }
  /** Counted from another rule's last day (e.g. D03 "3 working days before the BOC deadline"). */
  | { kind: 'RULE'; ruleId: string };

export interface Length {
  value: number;
  unit: DayUnit;
  /** AFTER: "N days after X" (X excluded, IA s.27). BEFORE: "at least N days before X". */
  direction: 'AFTER' | 'BEFORE';
}

/** A practice notice replacing the regulation's length while in force; compared with the trigger date. */
export interface PracticeOverride {
  value: number;
  unit: DayUnit;
  effectiveFrom: string;
  effectiveTo?: string | null;
  source: string;
  confidence: Confidence;
}

/** Days left out of the count (Federal Courts recess r.6(3); July–August for FCA appeals). MM-DD bounds, inclusive. */
export interface CountingExclusion {
  from: string;
  to: string;
  /** YES: always left out. UNCLEAR: the safe date counts them, the latest date does not (flagged). */
  applies: 'YES' | 'UNCLEAR';
  labels: Labels;
  source: string;
}

/** Conditions over the claim's events, relative to the trigger event. */
export type Condition =
  /** The trigger event matches. */
  | { kind: 'TRIGGER'; match: EventMatch }
  /** The latest event of match.type at or before the trigger exists and matches match.where. */
  | { kind: 'PRIOR'; match: EventMatch }
  /** Some event after the trigger matches. */
  | { kind: 'LATER'; match: EventMatch }
  | { kind: 'ALL'; of: readonly Condition[] }
  | { kind: 'NOT'; of: Condition };

export interface Exclusion {
  when: Condition;
  reason: Labels;
  source: string;
}

export type DeadlineStatus = 'OPEN' | 'MET' | 'MISSED' | 'NOT_APPLICABLE';

/** How a rule depends on another rule's status: applies, applies only if (CONDITIONAL), or not at all. */
export interface Dependency {
  ruleId: string;
  whenParent: Record<DeadlineStatus, 'APPLIES' | 'CONDITIONAL' | 'NOT_APPLICABLE'>;
  /** Why, for the explanation when the parent's status makes this rule not apply or conditional. */
  reason: Labels;
}

export interface DeadlineRule {
  /** domain.md §4.2 id, e.g. 'D02'. */
  id: string;
  /** Stable machine name, e.g. 'RPD_BOC_POE'. */
  key: string;
  labels: Labels;
  nature: DeadlineNature;
  /** Who has to act. */
  actor: Labels;
  trigger: TriggerSpec;
  /** The regulation's (or statute's) length. */
  length: Length;
  practice?: PracticeOverride;
  calendar: CalendarKind;
  roll: RollPolicy;
  countingExclusions?: readonly CountingExclusion[];
  /** Events (after the trigger) that satisfy the deadline; empty when no lifecycle event records the step. */
  closedBy: readonly EventMatch[];
  /** Events recording that it was missed (e.g. boc.deadline_missed). */
  missedBy?: readonly EventMatch[];
  /** Events that make it moot when they come before it is met (withdrawal, termination, a later decision). */
  endedBy?: readonly EventMatch[];
  notApplicableWhen?: readonly Exclusion[];
  dependsOn?: Dependency;
  /** The rule applies to triggers dated on or after this day. */
  inForceFrom?: string;
  source: string;
  confidence: Confidence;
  notes?: Labels;
}

/** What the engine reads from a lifecycle event (LifecycleEventInput fits). */
export interface DeadlineEvent {
  type: LifecycleEventType;
  effectiveDate: string;
  noticeDate?: string | null;
  receivedDate?: string | null;
  details?: Record<string, unknown>;
}

export interface DeadlineContext {
  /** Province of the Board office (IRB_OFFICES calendar). */
  province: Province;
  /** The day statuses are computed for; events dated after it are ignored. */
  asOf: string;
  /** A deployment's reading for CONFIGURABLE rules, by rule id; unset rules show both dates. */
  rollResolution?: Readonly<Record<string, ResolvedRollPolicy>>;
}

export interface DueDates {
  /** The counted last day before any roll (e.g. receipt + 15 days). */
  nominal: string;
  /** Conservative: for filings, the last working day on or before the counted day (relies on no roll). */
  safe: string;
  /** The latest day that is still in time when the last day moves forward; null when it equals `safe`. */
  latestIfRolls: string | null;
  /** The later date depends on an unsettled reading (Saturday roll, or a counting exclusion marked UNCLEAR). */
  rollUnclear: boolean;
}

export interface Deadline {
  ruleId: string;
  key: string;
  labels: Labels;
  nature: DeadlineNature;
  trigger: {
    event: LifecycleEventType;
    /** The day the clock starts from (for rule-anchored deadlines: the parent's safe last day). */
    date: string;
    /** The date is deemed (7-day mail rule, or notice date standing in for receipt), not recorded. */
    deemed: boolean;
    /** Set when counted from another rule's last day. */
    fromRule?: string;
  };
  due: DueDates;
  /** The regulation's own counted last day, when a practice notice sets a different length. */
  regulatoryDue?: string;
  regulatory?: DueDates;
  status: DeadlineStatus;
  /** Day of the event that closed it (may be after the last day: then status is MISSED). */
  metOn?: string;
  /** Days from asOf to the safe date (or, once that has passed, to latestIfRolls); OPEN only. */
  daysRemaining?: number;
  /** OPEN only: the safe date has passed and only the later reading keeps it open. */
  pastSafeDate?: boolean;
  /** Applies only if its parent deadline is missed (e.g. the BOC special hearing). */
  conditional?: boolean;
  /** false when no lifecycle event records this step, so MET cannot be shown and MISSED means "last day passed". */
  verifiable: boolean;
  source: string;
  confidence: Confidence;
  explanation: Labels;
}
