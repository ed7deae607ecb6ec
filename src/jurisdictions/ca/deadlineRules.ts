/**
 * Canada's deadlines wired to Canada's holidays: the domain engine takes holidays as a function so it never
 * imports jurisdiction code; this is the one place the two meet.
 */
import { CANADA_DEADLINE_RULES, computeDeadlines } from '../../domain/deadlines/index.ts';
import type { CalendarRef, Deadline, DeadlineContext, DeadlineEvent, DeadlineRule, HolidayProvider } from '../../domain/deadlines/index.ts';
import { holidayDates } from './holidays.ts';

export const canadaHolidays: HolidayProvider = (calendar: CalendarRef, year: number) => holidayDates(calendar, year);

export const CANADA_RULES: readonly DeadlineRule[] = CANADA_DEADLINE_RULES;

/** computeDeadlines with Canada's rules and holiday calendars. */
export function computeCanadaDeadlines(events: readonly DeadlineEvent[], context: DeadlineContext): Deadline[] {
  return computeDeadlines(events, context, CANADA_RULES, canadaHolidays);
}
