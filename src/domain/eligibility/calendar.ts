/** Date arithmetic for the two time bars (domain.md §3.3) on YYYY-MM-DD strings. */
import { addDays, daysBetween, isIsoDate } from '../dates.ts';
import type { EligibilityConfig } from './config.ts';

export { addDays, daysBetween, isIsoDate };

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The same calendar day `years` later; a 29 February lands on 28 Feb or 1 Mar per the option. */
export function addYears(date: string, years: number, feb29: EligibilityConfig['feb29Anniversary']): string {
  const year = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(5);
  const y = String(year).padStart(4, '0');
  if (monthDay === '02-29' && !isLeap(year)) return feb29 === 'FEB_28' ? `${y}-02-28` : `${y}-03-01`;
  return `${y}-${monthDay}`;
}

/** Last day on which a claim is still "within one year" of the entry (101(1)(b.1)). */
export function oneYearEnd(entryDate: string, config: EligibilityConfig): string {
  return config.oneYearRule === 'ANNIVERSARY' ? addYears(entryDate, 1, config.feb29Anniversary) : addDays(entryDate, 365);
}

function isSunday(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 0;
}

/**
 * Last day of the IRPR 159.4(1.1) window: the crossing day is excluded, so day 14 is crossing + 14.
 * With roll-over, a last day that is a Sunday or a listed holiday moves to the next day that is not.
 */
export function stcaWindowEnd(crossingDate: string, config: EligibilityConfig): string {
  let end = addDays(crossingDate, config.stcaWindowDays);
  if (!config.stcaWindowRollsOverHolidays) return end;
  const holidays = new Set(config.holidays);
  while (isSunday(end) || holidays.has(end)) end = addDays(end, 1);
  return end;
}

/** "1,478" / "1 478" (no-break space, as French typography wants). */
export function formatCount(n: number, lang: 'en' | 'fr'): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '\u00a0');
  return n < 0 ? `-${digits}` : digits;
}

/** "1 day" / "1,478 days"; French keeps 0 and 1 singular. */
export function dayCount(n: number, lang: 'en' | 'fr'): string {
  if (lang === 'en') return `${formatCount(n, 'en')} ${Math.abs(n) === 1 ? 'day' : 'days'}`;
  return `${formatCount(n, 'fr')} ${Math.abs(n) <= 1 ? 'jour' : 'jours'}`;
}
