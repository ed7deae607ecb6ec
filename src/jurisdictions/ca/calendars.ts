/**
 * Canada's working calendars for counting legal time limits (domain §4.1). Built from the maintained
 * date-holidays library, with an overlay for the federal holidays its Canadian national set lacks
 * (Victoria Day, Thanksgiving, Remembrance Day, Boxing Day; the National Day for Truth and
 * Reconciliation is only an "observance" there). Pure computation, no I/O.
 */
import Holidays from 'date-holidays';
import type { Province } from '../../domain/intake/types.ts';

export type CalendarId = 'FEDERAL_IA' | 'FED_COURTS' | `IRB_OFFICES:${Province}`;

const cache = new Map<string, ReadonlySet<string>>();

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The n-th given weekday of a month (weekday 1 = Monday). */
function nthWeekday(y: number, m: number, wd: number, n: number): string {
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  return iso(y, m, 1 + ((wd - first + 7) % 7) + 7 * (n - 1));
}

/** Victoria Day: the Monday before May 25. */
function victoriaDay(y: number): string {
  const may24 = new Date(Date.UTC(y, 4, 24)).getUTCDay();
  return iso(y, 5, 24 - ((may24 + 6) % 7));
}

/**
 * Interpretation Act s.35(1) holidays. When New Year's Day, Canada Day or Christmas falls on a
 * Sunday, the following Monday is also a holiday (s.35 "holiday" definition).
 */
export function federalHolidays(year: number): Array<{ date: string; name: { en: string; fr: string } }> {
  const lib = new Holidays('CA');
  const fromLib = (name: string) => lib.getHolidays(year).find((h) => h.name === name)?.date.slice(0, 10);
  const goodFriday = fromLib('Good Friday');
  const easterMonday = goodFriday ? addDaysIso(goodFriday, 3) : undefined;
  const list: Array<{ date: string | undefined; name: { en: string; fr: string } }> = [
    { date: iso(year, 1, 1), name: { en: "New Year's Day", fr: 'Jour de l’An' } },
    { date: goodFriday, name: { en: 'Good Friday', fr: 'Vendredi saint' } },
    { date: easterMonday, name: { en: 'Easter Monday', fr: 'Lundi de Pâques' } },
    { date: victoriaDay(year), name: { en: 'Victoria Day', fr: 'Fête de la Reine / Journée nationale des patriotes' } },
    { date: iso(year, 7, 1), name: { en: 'Canada Day', fr: 'Fête du Canada' } },
    { date: nthWeekday(year, 9, 1, 1), name: { en: 'Labour Day', fr: 'Fête du Travail' } },
    ...(year >= 2021 ? [{ date: iso(year, 9, 30), name: { en: 'National Day for Truth and Reconciliation', fr: 'Journée nationale de la vérité et de la réconciliation' } }] : []),
    { date: nthWeekday(year, 10, 1, 2), name: { en: 'Thanksgiving', fr: 'Action de grâce' } },
    { date: iso(year, 11, 11), name: { en: 'Remembrance Day', fr: 'Jour du Souvenir' } },
    { date: iso(year, 12, 25), name: { en: 'Christmas Day', fr: 'Noël' } },
    { date: iso(year, 12, 26), name: { en: 'Boxing Day', fr: 'Lendemain de Noël' } },
  ];
  for (const fixed of [iso(year, 1, 1), iso(year, 7, 1), iso(year, 12, 25)]) {
    if (weekday(fixed) === 0) list.push({ date: addDaysIso(fixed, 1), name: { en: 'Holiday (observed)', fr: 'Jour férié (reporté)' } });
  }
  return list.filter((h): h is { date: string; name: { en: string; fr: string } } => typeof h.date === 'string');
}

/** Provincial public holidays from the library (e.g. Quebec's Fête nationale), for IRB offices there. */
export function provincialHolidays(year: number, province: Province): Array<{ date: string; name: string }> {
  return new Holidays('CA', province).getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
}

/** Days that are not working days in a calendar, besides weekends, for one year. */
export function holidaySet(calendar: CalendarId, year: number): ReadonlySet<string> {
  const key = `${calendar}:${year}`;
  let set = cache.get(key);
  if (!set) {
    const days = new Set(federalHolidays(year).map((h) => h.date));
    if (calendar.startsWith('IRB_OFFICES:')) for (const h of provincialHolidays(year, calendar.slice(12) as Province)) days.add(h.date);
    set = days;
    cache.set(key, set);
  }
  return set;
}

/**
 * Is this day one on which the calendar's offices are closed? IRB "working day" excludes Saturdays,
 * Sundays and other days Board offices are closed (RPD r.1); the Federal Courts Rules count
 * Saturday as a holiday; the Interpretation Act lists Sunday but not Saturday.
 */
export function isNonWorkingDay(calendar: CalendarId, day: string): boolean {
  const wd = weekday(day);
  if (wd === 0) return true;
  if (wd === 6 && calendar !== 'FEDERAL_IA') return true;
  return holidaySet(calendar, Number(day.slice(0, 4))).has(day);
}

function addDaysIso(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}
