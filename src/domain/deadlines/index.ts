/**
 * Time limits (domain.md §4): rules as data (rules.ts), day counting (calendar.ts) and the engine (engine.ts).
 * Holidays come in as a function so the domain stays free of jurisdiction code; Canada's is wired in
 * src/jurisdictions/ca/deadlineRules.ts.
 */
export { computeDeadlines } from './engine.ts';
export { DayCalendar } from './calendar.ts';
export { CANADA_DEADLINE_RULES, NOT_COMPUTED } from './rules.ts';
export type {
  CalendarKind, CalendarRef, Condition, Confidence, CountingExclusion, DayUnit, Deadline, DeadlineContext, DeadlineEvent,
  DeadlineNature, DeadlineRule, DeadlineStatus, Dependency, DetailMatch, DueDates, EventMatch, Exclusion, HolidayProvider,
  Labels, Length, PracticeOverride, ResolvedRollPolicy, RollPolicy, TriggerDate, TriggerSpec,
} from './types.ts';
