import { describe, expect, it } from 'vitest';
import { FEDERAL_COURTS_RECESS, holidayDates, holidaysFor, isHolidayIn, isInFederalCourtsRecess, isWorkingDayIn } from './holidays.ts';

const QC = { kind: 'IRB_OFFICES', province: 'QC' } as const;
const ON = { kind: 'IRB_OFFICES', province: 'ON' } as const;

describe('federal Interpretation Act s.35 holidays', () => {
  it.each([
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-19', '2025-07-01', '2025-09-01', '2025-09-30', '2025-10-13', '2025-11-11', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-18', '2026-07-01', '2026-09-07', '2026-09-30', '2026-10-12', '2026-11-11', '2026-12-25', '2026-12-26']],
  ])('%i: exactly the eleven days', (year, dates) => {
    expect(holidayDates('FEDERAL_IA', year)).toEqual(dates);
    expect(holidayDates('FED_COURTS', year)).toEqual(dates);
  });

  it('names the overlay days in both languages', () => {
    const byDate = new Map(holidaysFor('FEDERAL_IA', 2026).map((h) => [h.date, h]));
    expect(byDate.get('2026-05-18')?.name).toEqual({ en: 'Victoria Day', fr: 'Fête de Victoria' });
    expect(byDate.get('2026-10-12')?.name.en).toBe('Thanksgiving Day');
    expect(byDate.get('2026-09-30')?.name.fr).toBe('Journée nationale de la vérité et de la réconciliation');
    expect(byDate.get('2026-11-11')?.name.fr).toBe('Jour du Souvenir');
    expect(byDate.get('2026-12-26')?.name.en).toBe('Boxing Day');
    expect([...byDate.values()].every((h) => h.scope === 'FEDERAL' && !h.observed)).toBe(true);
  });

  it('NDTR only from 2021', () => {
    expect(holidayDates('FEDERAL_IA', 2020)).not.toContain('2020-09-30');
    expect(holidayDates('FEDERAL_IA', 2021)).toContain('2021-09-30');
  });

  it('s.35(2): New Year\'s Day, Canada Day, NDTR and Remembrance Day on a Sunday make the Monday a holiday too', () => {
    expect(holidayDates('FEDERAL_IA', 2023)).toContain('2023-01-02'); // Jan 1 2023 was a Sunday
    expect(holidayDates('FEDERAL_IA', 2029)).toContain('2029-07-02'); // Jul 1 2029 is a Sunday (Holidays Act s.2(2))
    expect(holidayDates('FEDERAL_IA', 2029)).toContain('2029-11-12');
    expect(holidayDates('FEDERAL_IA', 2029)).toContain('2029-10-01'); // Sep 30 2029 is a Sunday
    expect(holidaysFor('FEDERAL_IA', 2029).find((h) => h.date === '2029-07-02')).toMatchObject({ observed: true });
    // Saturday holidays do not move under the IA.
    expect(holidayDates('FEDERAL_IA', 2027)).not.toContain('2027-12-27');
  });
});

describe('IRB office calendars by province', () => {
  it('Fête nationale is a Quebec-only closure', () => {
    expect(holidayDates(QC, 2026)).toContain('2026-06-24');
    expect(holidayDates(QC, 2025)).toContain('2025-06-24');
    expect(holidayDates(ON, 2026)).not.toContain('2026-06-24');
    expect(holidayDates('FEDERAL_IA', 2026)).not.toContain('2026-06-24');
    expect(holidaysFor(QC, 2026).find((h) => h.date === '2026-06-24')).toMatchObject({ scope: 'PROVINCIAL', name: { fr: 'Fête nationale du Québec' } });
  });

  it('National Patriots\' Day shares Victoria Day in Quebec', () => {
    const h = holidaysFor(QC, 2026).find((x) => x.date === '2026-05-18');
    expect(h?.name.en).toBe('Victoria Day / National Patriots\' Day');
    expect(h?.name.fr).toContain('Journée nationale des patriotes');
  });

  it('adds provincial public days (Ontario Family Day) on top of the federal list', () => {
    expect(holidayDates(ON, 2026)).toContain('2026-02-16');
    expect(holidayDates(ON, 2025)).toContain('2025-02-17');
    for (const d of holidayDates('FEDERAL_IA', 2026)) expect(holidayDates(ON, 2026)).toContain(d);
  });

  it('weekend holidays are observed on the next working day at the offices', () => {
    expect(holidayDates(ON, 2026)).toContain('2026-12-28'); // Boxing Day 2026 is a Saturday
    expect(holidayDates(QC, 2027)).toEqual(expect.arrayContaining(['2027-12-27', '2027-12-28'])); // Christmas Sat, Boxing Sun
  });

  it('working days and holidays per calendar', () => {
    expect(isWorkingDayIn(QC, '2026-06-24')).toBe(false);
    expect(isWorkingDayIn(ON, '2026-06-24')).toBe(true);
    expect(isHolidayIn('FEDERAL_IA', '2026-07-25')).toBe(false); // Saturday is not in s.35 ❓
    expect(isHolidayIn('FED_COURTS', '2026-07-25')).toBe(true); // Federal Courts Rules r.2
    expect(isHolidayIn('FEDERAL_IA', '2026-07-26')).toBe(true); // Sunday
    expect(isWorkingDayIn('FEDERAL_IA', '2026-10-12')).toBe(false);
  });
});

describe('Federal Courts recess (flag)', () => {
  it('Dec 21 to Jan 7, not listed as holidays', () => {
    expect(FEDERAL_COURTS_RECESS).toMatchObject({ from: '12-21', to: '01-07', appliesTo: 'PERIODS_UNDER_THE_RULES' });
    expect(isInFederalCourtsRecess('2026-12-21')).toBe(true);
    expect(isInFederalCourtsRecess('2027-01-07')).toBe(true);
    expect(isInFederalCourtsRecess('2026-12-20')).toBe(false);
    expect(isInFederalCourtsRecess('2027-01-08')).toBe(false);
    expect(holidayDates('FED_COURTS', 2026)).not.toContain('2026-12-22');
  });

  it('rejects nonsense years and returns copies', () => {
    expect(() => holidaysFor('FEDERAL_IA', 20260)).toThrow(RangeError);
    const a = holidaysFor('FEDERAL_IA', 2026);
    a[0]!.name.en = 'changed';
    expect(holidaysFor('FEDERAL_IA', 2026)[0]?.name.en).toBe('New Year\'s Day');
  });
});
