/**
 * Day counting on one calendar (domain.md §4.1). "N days after day X" excludes X and includes the last day
 * (IA s.27); working days skip Saturdays, Sundays and the calendar's listed holidays (RPD Rules r.1).
 */
import { addDays } from '../dates.ts';
import { addMonths } from '../lifecycle/dates.ts';
import type { CalendarRef, CountingExclusion, DayUnit, HolidayProvider } from './types.ts';

/** Guard against a provider that lists every day: no real calendar has a month of holidays in a row. */
const MAX_STEPS = 4000;

export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

function inPeriod(date: string, from: string, to: string): boolean {
  const md = date.slice(5);
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

export class DayCalendar {
  private readonly years = new Map<number, ReadonlySet<string>>();

  constructor(readonly ref: CalendarRef, private readonly provider: HolidayProvider) {}

  private listed(date: string): boolean {
    const year = Number(date.slice(0, 4));
    let set = this.years.get(year);
    if (!set) {
      set = new Set(this.provider(this.ref, year));
      this.years.set(year, set);
    }
    return set.has(date);
  }

  /** "Holiday" in the sense of IA s.26/s.35: Sundays and listed days; Saturdays too for the Federal Courts (r.2). */
  isHoliday(date: string): boolean {
    const d = weekday(date);
    return d === 0 || (d === 6 && this.ref === 'FED_COURTS') || this.listed(date);
  }

  /** A day the offices are open. */
  isWorkingDay(date: string): boolean {
    return !isWeekend(date) && !this.listed(date);
  }

  /** First day on or after `date` that satisfies `ok`. */
  private seek(date: string, step: 1 | -1, ok: (d: string) => boolean): string {
    let d = date;
    for (let i = 0; i < MAX_STEPS; i++) {
      if (ok(d)) return d;
      d = addDays(d, step);
    }
    throw new RangeError(`no suitable day within ${MAX_STEPS} days of ${date}: check the holiday provider`);
  }

  nextNonHoliday(date: string): string {
    return this.seek(date, 1, (d) => !this.isHoliday(d));
  }

  nextWorkingDay(date: string): string {
    return this.seek(date, 1, (d) => this.isWorkingDay(d));
  }

  lastWorkingDayOnOrBefore(date: string): string {
    return this.seek(date, -1, (d) => this.isWorkingDay(d));
  }

  /**
   * Counts `value` units from `from` (excluded) in `direction`. Calendar-day counts skip days inside
   * `exclusions`; working-day counts land on a working day by construction. Months keep the day of the
   * month, or the month's last day when it is shorter (IA s.28 reading).
   */
  count(from: string, value: number, unit: DayUnit, direction: 'AFTER' | 'BEFORE', exclusions: readonly Pick<CountingExclusion, 'from' | 'to'>[] = []): string {
    const step = direction === 'AFTER' ? 1 : -1;
    if (unit === 'CAL_MONTHS') return addMonths(from, step * value);
    if (unit === 'CAL_YEARS') return addMonths(from, step * 12 * value);
    if (unit === 'CAL_DAYS' && exclusions.length === 0) return addDays(from, step * value);
    const counts = unit === 'WORKING_DAYS'
      ? (d: string) => this.isWorkingDay(d)
      : (d: string) => !exclusions.some((e) => inPeriod(d, e.from, e.to));
    let d = from;
    let n = 0;
    for (let i = 0; n < value; i++) {
      if (i >= MAX_STEPS) throw new RangeError(`cannot count ${value} ${unit} from ${from}: check the holiday provider`);
      d = addDays(d, step);
      if (counts(d)) n++;
    }
    return d;
  }
}
