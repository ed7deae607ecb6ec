import { describe, it, expect } from 'vitest';
import { federalHolidays, isNonWorkingDay, provincialHolidays } from './calendars.ts';

describe('Canadian calendars', () => {
  it('lists the federal Interpretation Act holidays for 2026, including those the library lacks', () => {
    expect(federalHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-18', '2026-07-01', '2026-09-07', '2026-09-30', '2026-10-12',
      '2026-11-11', '2026-12-25', '2026-12-26']);
    expect(federalHolidays(2020).map((h) => h.date)).not.toContain('2020-09-30');
  });

  it('adds the Monday after a Sunday New Year, Canada Day or Christmas', () => {
    expect(federalHolidays(2023).map((h) => h.date)).toContain('2023-01-02');
    expect(federalHolidays(2022).map((h) => h.date)).toContain('2022-12-26');
  });

  it('closes IRB offices in Quebec on the Fête nationale, not in Ontario', () => {
    expect(provincialHolidays(2026, 'QC').map((h) => h.date)).toContain('2026-06-24');
    expect(isNonWorkingDay('IRB_OFFICES:QC', '2026-06-24')).toBe(true);
    expect(isNonWorkingDay('IRB_OFFICES:ON', '2026-06-24')).toBe(false);
  });

  it('treats Saturday as a holiday for the Federal Court and the IRB, not under the Interpretation Act', () => {
    expect(isNonWorkingDay('FED_COURTS', '2026-07-25')).toBe(true);
    expect(isNonWorkingDay('IRB_OFFICES:QC', '2026-07-25')).toBe(true);
    expect(isNonWorkingDay('FEDERAL_IA', '2026-07-25')).toBe(false);
    expect(isNonWorkingDay('FEDERAL_IA', '2026-07-26')).toBe(true);
    expect(isNonWorkingDay('FEDERAL_IA', '2026-10-12')).toBe(true);
  });
});
