import { describe, expect, it } from 'vitest';
import { fixtureHolidays } from '../../domain/deadlines/fixtures.ts';
import type { CalendarRef, DeadlineEvent } from '../../domain/deadlines/index.ts';
import { canadaHolidays, computeCanadaDeadlines } from './deadlineRules.ts';

const pick = (events: DeadlineEvent[], asOf: string, province: 'QC' | 'ON', id: string) => {
  const d = computeCanadaDeadlines(events, { province, asOf }).find((x) => x.ruleId === id);
  if (!d) throw new Error(`no ${id}`);
  return d;
};

describe('Canada wiring: the real holiday calendars', () => {
  it('match the domain test fixture for 2025–2027', () => {
    const cals: CalendarRef[] = ['FEDERAL_IA', 'FED_COURTS', { kind: 'IRB_OFFICES', province: 'QC' }, { kind: 'IRB_OFFICES', province: 'ON' }];
    for (const cal of cals) for (const y of [2025, 2026, 2027]) {
      expect([...canadaHolidays(cal, y)].sort()).toEqual([...fixtureHolidays(cal, y)].sort());
    }
  });

  it('reproduce the worked examples of domain.md §4.4', () => {
    const referral: DeadlineEvent[] = [
      { type: 'claim.made', effectiveDate: '2026-06-01', details: { channel: 'PORT_OF_ENTRY' } },
      { type: 'eligibility.eligible_referred', effectiveDate: '2026-06-01' },
    ];
    expect(pick(referral, '2026-06-01', 'QC', 'D02')).toMatchObject({ regulatoryDue: '2026-06-16', due: { safe: '2026-07-16' } });
    expect(pick(referral, '2026-06-01', 'QC', 'D03').due.safe).toBe('2026-07-13');
    expect(pick(referral, '2026-06-01', 'QC', 'D04').due.safe).toBe('2026-07-23');
    const rad: DeadlineEvent[] = [...referral, { type: 'boc.received', effectiveDate: '2026-06-10' }, { type: 'rpd.rejected', effectiveDate: '2026-07-03', noticeDate: '2026-07-03', details: { flags: [] } }];
    expect(pick(rad, '2026-07-03', 'ON', 'D09').due).toEqual({ nominal: '2026-07-25', safe: '2026-07-24', latestIfRolls: '2026-07-27', rollUnclear: true });
    expect(pick(rad, '2026-07-03', 'ON', 'D10').due.safe).toBe('2026-08-24');
  });

  it('a last day on 2026-06-24 rolls for a Quebec office, not an Ontario one', () => {
    const events: DeadlineEvent[] = [{ type: 'rpd.rejected', effectiveDate: '2026-06-09', receivedDate: '2026-06-09', details: { flags: [] } }];
    expect(pick(events, '2026-06-09', 'QC', 'D09').due).toMatchObject({ safe: '2026-06-23', latestIfRolls: '2026-06-25' });
    expect(pick(events, '2026-06-09', 'ON', 'D09').due).toMatchObject({ safe: '2026-06-24', latestIfRolls: null });
  });
});
