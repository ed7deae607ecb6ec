/**
 * ISO calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), without Date
 * objects or time zones: the generator does date arithmetic on integers and formats at the end.
 */

/** Day number of a calendar date (H. Hinnant's days_from_civil). */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1-12, day 1-31] of a day number. */
export function civilFromDay(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function daysInMonth(y: number, m: number): number {
  return dayFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dayFromCivil(y, m, 1);
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseIsoDay(s: string): number {
  if (!isIsoDate(s)) throw new RangeError(`Not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return dayFromCivil(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isoFromDay(z: number): string {
  const [y, m, d] = civilFromDay(z);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Year of a day number. */
export function yearOfDay(z: number): number {
  return civilFromDay(z)[0];
}

/** The same calendar day `years` earlier (29 February → 28 February). */
export function yearsBefore(z: number, years: number): number {
  const [y, m, d] = civilFromDay(z);
  const yy = y - years;
  return dayFromCivil(yy, m, Math.min(d, daysInMonth(yy, m)));
}

/** Completed years between a date of birth and a later date. */
export function ageOn(dob: number, on: number): number {
  const [by, bm, bd] = civilFromDay(dob);
  const [y, m, d] = civilFromDay(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Month index: months since 2015-01 (2015-01 → 0). */
export function monthIndex(y: number, m: number): number {
  return (y - 2015) * 12 + (m - 1);
}

export function monthOfIndex(i: number): [number, number] {
  return [2015 + Math.floor(i / 12), (((i % 12) + 12) % 12) + 1];
}
