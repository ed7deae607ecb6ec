/**
 * Canadian holiday calendars for counting time limits (domain.md §4.1). Pure computation, no I/O.
 *
 * Three calendars:
 * - FEDERAL_IA   Interpretation Act s.35(1) "holiday" list (Sundays are holidays too but are not listed here:
 *                callers treat the weekday rule themselves, see isHolidayIn / isWorkingDayIn).
 * - FED_COURTS   Federal Courts Rules r.2: Saturday, Sunday or an IA s.35 holiday. Same listed days as FEDERAL_IA;
 *                the Saturday rule and the Dec 21–Jan 7 recess (r.6(3)) are exposed separately because the recess
 *                only excludes days from periods *under the Rules* (FEDERAL_COURTS_RECESS, flagged).
 * - IRB_OFFICES  days a Board office in a province is closed: the federal list plus that province's public
 *                holidays (IA s.35(1) also counts days a province appoints as public holidays).
 *
 * Federal overlay: date-holidays' CA national set has New Year's Day, Good Friday, Canada Day, Labour Day and
 * Christmas, but lacks Easter Monday, Victoria Day, Thanksgiving, Remembrance Day and Boxing Day and carries the
 * National Day for Truth and Reconciliation only as an "observance". Those are computed here by rule (OVERLAY).
 * Boxing Day is not named in IA s.35; it is kept because domain.md §4.1 lists it and federal offices close on it.
 *
 * Observed days (date-holidays has no substitute days for Canada):
 * - FEDERAL_IA / FED_COURTS: IA s.35(2) — when New Year's Day, Canada Day, NDTR or Remembrance Day falls on a
 *   Sunday, the next day is also a holiday (for Canada Day the Holidays Act s.2(2) moves it to July 2). Saturday
 *   holidays do not move. Adding NDTR to the s.35(2) list is our reading of the 2021 amendment ❓.
 * - IRB_OFFICES: federal public-service agreements move a designated holiday that falls on a Saturday or Sunday to
 *   the next working day, so the office is closed then (e.g. Christmas 2027 on a Saturday → Mon Dec 27, Boxing Day
 *   on the Sunday → Tue Dec 28). Applied to every listed holiday of the calendar ❓ (assumption, not in the spec).
 *
 * Provincial days use date-holidays' `public` type only ('optional', 'bank' and 'observance' are left out), so e.g.
 * Ontario's Civic Holiday (marked optional) is not a closure while Family Day is. IRB offices follow the federal
 * public-service calendar, which gives one provincial/civic day rather than every provincial holiday, so this
 * over-approximates closures ❓: forward working-day counts may land a day later, backward counts a day earlier.
 */
import Holidays from 'date-holidays';
import type { Province } from '../../domain/intake/types.ts';

export type HolidayCalendar = 'FEDERAL_IA' | 'FED_COURTS' | { kind: 'IRB_OFFICES'; province: Province };

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  name: { en: string; fr: string };
  scope: 'FEDERAL' | 'PROVINCIAL';
  /** A day added because the holiday itself fell on a weekend. */
  observed: boolean;
}

/** Federal Courts Rules r.6(3): days excluded from periods *provided by the Rules* (not, as far as known, statutory periods ❓). */
export const FEDERAL_COURTS_RECESS = {
  from: '12-21',
  to: '01-07',
  appliesTo: 'PERIODS_UNDER_THE_RULES',
  source: 'Federal Courts Rules r.6(3); FC "Deadlines calculator – Guideline"',
} as const;

export function isInFederalCourtsRecess(date: string): boolean {
  const md = date.slice(5);
  return md >= FEDERAL_COURTS_RECESS.from || md <= FEDERAL_COURTS_RECESS.to;
}

// ------------------------------------------------------------------ date helpers (UTC, no clock)

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dow(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function plusDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Gregorian Easter Sunday (anonymous algorithm). */
function easterSunday(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(y, month, day);
}

/** The n-th (1-based) given weekday of a month. */
function nthWeekday(y: number, month: number, weekday: number, n: number): string {
  const first = iso(y, month, 1);
  const offset = (weekday - dow(first) + 7) % 7;
  return plusDays(first, offset + 7 * (n - 1));
}

/** Victoria Day: the Monday before May 25 (Holidays Act s.3 / IA s.35). */
function victoriaDay(y: number): string {
  const may24 = iso(y, 5, 24);
  return plusDays(may24, -((dow(may24) + 6) % 7));
}

// ------------------------------------------------------------------ federal list

type Names = Holiday['name'];

interface OverlayRule {
  key: string;
  name: Names;
  date: (y: number) => string | null;
  /** IA s.35(2): a Sunday occurrence also makes the Monday a holiday. */
  sundayShift: boolean;
}

/** The s.35 days date-holidays' national set lacks (or has only as an observance), computed by rule. */
const OVERLAY: readonly OverlayRule[] = [
  { key: 'EASTER_MONDAY', name: { en: 'Easter Monday', fr: 'Lundi de Pâques' }, date: (y) => plusDays(easterSunday(y), 1), sundayShift: false },
  { key: 'VICTORIA_DAY', name: { en: 'Victoria Day', fr: 'Fête de Victoria' }, date: victoriaDay, sundayShift: false },
  {
    key: 'NDTR',
    name: { en: 'National Day for Truth and Reconciliation', fr: 'Journée nationale de la vérité et de la réconciliation' },
    // Added to IA s.35 in 2021 (S.C. 2021, c. 11).
    date: (y) => (y >= 2021 ? iso(y, 9, 30) : null),
    sundayShift: true,
  },
  // IA s.35 names "any day appointed by proclamation ... of thanksgiving": proclaimed as the second Monday of October.
  { key: 'THANKSGIVING', name: { en: 'Thanksgiving Day', fr: 'Action de grâces' }, date: (y) => nthWeekday(y, 10, 1, 2), sundayShift: false },
  { key: 'REMEMBRANCE_DAY', name: { en: 'Remembrance Day', fr: 'Jour du Souvenir' }, date: (y) => iso(y, 11, 11), sundayShift: true },
  { key: 'BOXING_DAY', name: { en: 'Boxing Day', fr: 'Lendemain de Noël' }, date: (y) => iso(y, 12, 26), sundayShift: false },
];

/** Fixed-date national days that shift from a Sunday (IA s.35(2); Holidays Act s.2(2) for Canada Day). */
const SUNDAY_SHIFT_FIXED = new Set(['01-01', '07-01']);

const instances = new Map<string, Holidays>();

function dateHolidays(province?: Province): Holidays {
  const key = province ?? 'CA';
  let hd = instances.get(key);
  if (!hd) {
    hd = province ? new Holidays('CA', province) : new Holidays('CA');
    instances.set(key, hd);
  }
  return hd;
}

/** date-holidays' public days for a year, named in both languages. */
function publicDays(year: number, province?: Province): Array<{ date: string; name: Names }> {
  const hd = dateHolidays(province);
  const en = hd.getHolidays(year, 'en').filter((h) => h.type === 'public');
  const fr = hd.getHolidays(year, 'fr').filter((h) => h.type === 'public');
  return en.map((h) => {
    const date = h.date.slice(0, 10);
    const frName = fr.find((f) => f.date === h.date && f.rule === h.rule)?.name ?? h.name;
    return { date, name: { en: h.name, fr: frName } };
  });
}

function federalHolidays(year: number): Holiday[] {
  const out: Holiday[] = [];
  const add = (date: string, name: Names, observed = false) => {
    if (!out.some((h) => h.date === date)) out.push({ date, name, scope: 'FEDERAL', observed });
  };
  for (const h of publicDays(year)) {
    add(h.date, h.name);
    if (SUNDAY_SHIFT_FIXED.has(h.date.slice(5)) && dow(h.date) === 0) add(plusDays(h.date, 1), observedName(h.name), true);
  }
  for (const rule of OVERLAY) {
    const date = rule.date(year);
    if (!date) continue;
    add(date, rule.name);
    if (rule.sundayShift && dow(date) === 0) add(plusDays(date, 1), observedName(rule.name), true);
  }
  return out;
}

function observedName(name: Names): Names {
  return { en: `${name.en} (observed)`, fr: `${name.fr} (jour férié reporté)` };
}

function irbOfficeHolidays(province: Province, year: number): Holiday[] {
  const base = federalHolidays(year).filter((h) => !h.observed);
  for (const p of publicDays(year, province)) {
    const same = base.find((h) => h.date === p.date);
    if (!same) base.push({ date: p.date, name: p.name, scope: 'PROVINCIAL', observed: false });
    // Same day, different provincial name (QC: Journée nationale des patriotes on Victoria Day).
    else if (same.name.en !== p.name.en && !same.name.en.includes(p.name.en)) {
      same.name = { en: `${same.name.en} / ${p.name.en}`, fr: `${same.name.fr} / ${p.name.fr}` };
    }
  }
  base.sort((a, b) => a.date.localeCompare(b.date));
  // Public-service rule: a holiday on a Saturday or Sunday is observed on the next day that is neither a weekend day nor already closed.
  const taken = new Set(base.map((h) => h.date));
  const out = [...base];
  for (const h of base) {
    if (dow(h.date) !== 0 && dow(h.date) !== 6) continue;
    let d = plusDays(h.date, 1);
    while (dow(d) === 0 || dow(d) === 6 || taken.has(d)) d = plusDays(d, 1);
    taken.add(d);
    out.push({ date: d, name: observedName(h.name), scope: h.scope, observed: true });
  }
  return out;
}

const cache = new Map<string, readonly Holiday[]>();

function calendarKey(calendar: HolidayCalendar): string {
  return typeof calendar === 'string' ? calendar : `IRB_OFFICES:${calendar.province}`;
}

/** Listed holidays of a calendar in a year, sorted by date (weekends are not listed; see isHolidayIn). */
export function holidaysFor(calendar: HolidayCalendar, year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  const key = `${calendarKey(calendar)}:${year}`;
  let list = cache.get(key);
  if (!list) {
    const raw = typeof calendar === 'string' ? federalHolidays(year) : irbOfficeHolidays(calendar.province, year);
    list = Object.freeze(raw.sort((a, b) => a.date.localeCompare(b.date)).map((h) => Object.freeze({ ...h, name: Object.freeze({ ...h.name }) })));
    cache.set(key, list);
  }
  return list.map((h) => ({ ...h, name: { ...h.name } }));
}

/** Just the dates, in the shape the deadline engine takes: (calendar, year) => string[]. */
export function holidayDates(calendar: HolidayCalendar, year: number): string[] {
  return holidaysFor(calendar, year).map((h) => h.date);
}

/** "Holiday" as each calendar means it: Sundays always (IA s.35), Saturdays only for the Federal Courts (r.2). */
export function isHolidayIn(calendar: HolidayCalendar, date: string): boolean {
  const d = dow(date);
  if (d === 0 || (d === 6 && calendar === 'FED_COURTS')) return true;
  return holidayDates(calendar, Number(date.slice(0, 4))).includes(date);
}

/** A day the offices of the calendar are open: not a Saturday, Sunday or listed holiday (RPD Rules r.1 "working day"). */
export function isWorkingDayIn(calendar: HolidayCalendar, date: string): boolean {
  const d = dow(date);
  return d !== 0 && d !== 6 && !holidayDates(calendar, Number(date.slice(0, 4))).includes(date);
}
