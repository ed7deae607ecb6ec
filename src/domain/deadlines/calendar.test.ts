import { describe, expect, it } from 'vitest';
import { DayCalendar } from './calendar.ts';
import { fixtureHolidays } from './fixtures.ts';

const ia = new DayCalendar('FEDERAL_IA', fixtureHolidays);
const fcCal = new DayCalendar('FED_COURTS', fixtureHolidays);
const qc = new DayCalendar({ kind: 'IRB_OFFICES', province: 'QC' }, fixtureHolidays);

describe('DayCalendar (§4.1 counting)', () => {
  it('"N days after X" excludes X', () => {
    expect(ia.count('2026-06-01', 15, 'CAL_DAYS', 'AFTER')).toBe('2026-06-16');
    expect(ia.count('2026-07-16', 3, 'WORKING_DAYS', 'BEFORE')).toBe('2026-07-13');
    expect(ia.count('2026-07-16', 5, 'WORKING_DAYS', 'AFTER')).toBe('2026-07-23');
  });

  it('months keep the day, or the last day of a shorter month', () => {
    expect(ia.count('2026-07-03', 12, 'CAL_MONTHS', 'AFTER')).toBe('2027-07-03');
    expect(ia.count('2024-02-29', 1, 'CAL_YEARS', 'AFTER')).toBe('2025-02-28');
  });

  it('Saturday is a holiday only for the Federal Courts; Sunday everywhere', () => {
    expect(ia.isHoliday('2026-07-25')).toBe(false);
    expect(fcCal.isHoliday('2026-07-25')).toBe(true);
    expect(ia.isHoliday('2026-07-26')).toBe(true);
    expect(ia.nextNonHoliday('2026-07-25')).toBe('2026-07-25');
    expect(fcCal.nextNonHoliday('2026-07-25')).toBe('2026-07-27');
  });

  it('provincial days close Board offices in that province only', () => {
    expect(qc.isWorkingDay('2026-06-24')).toBe(false);
    expect(ia.isWorkingDay('2026-06-24')).toBe(true);
    expect(qc.lastWorkingDayOnOrBefore('2026-06-24')).toBe('2026-06-23');
  });

  it('counting exclusions wrap the year end', () => {
    expect(fcCal.count('2026-12-01', 30, 'CAL_DAYS', 'AFTER', [{ from: '12-21', to: '01-07' }])).toBe('2027-01-18');
  });

  it('a provider listing every day is reported, not looped on', () => {
    const all = new DayCalendar('FEDERAL_IA', (_c, y) => Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(y, 0, 1 + i)).toISOString().slice(0, 10)));
    expect(() => all.nextWorkingDay('2026-01-01')).toThrow(RangeError);
  });
});
