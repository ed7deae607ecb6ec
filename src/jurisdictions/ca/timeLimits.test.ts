import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeDeadlines, TIME_LIMIT_RULES, type TimelineEvent, type CalendarKind } from '../../domain/timeLimits/index.ts';
import { isNonWorkingDay } from './calendars.ts';
import { addDays } from '../../domain/dates.ts';

/** Canada's calendars for a claim heard by the IRB office of a province. */
const calendarFor = (province: 'QC' | 'ON') => (calendar: CalendarKind, day: string) =>
  isNonWorkingDay(calendar === 'IRB_OFFICES' ? `IRB_OFFICES:${province}` : calendar, day);
const ctx = (asOf: string, province: 'QC' | 'ON' = 'QC') => ({ asOf, portOfEntryClaim: true, isNonWorkingDay: calendarFor(province) });
const referred = (date: string): TimelineEvent[] => [
  { type: 'claim.made', effectiveDate: date }, { type: 'eligibility.examination_started', effectiveDate: date },
  { type: 'eligibility.eligible_referred', effectiveDate: date }];
const find = (list: ReturnType<typeof computeDeadlines>, id: string) => {
  const d = list.find((x) => x.ruleId === id);
  if (!d) throw new Error(`no ${id} in ${list.map((x) => x.ruleId).join(', ')}`);
  return d;
};

describe('worked examples of domain §4.4', () => {
  it('BOC: referral Mon 2026-06-01 → regulation 2026-06-16, practice 2026-07-16, extension by 2026-07-13, special hearing by 2026-07-23', () => {
    const events = referred('2026-06-01');
    const open = computeDeadlines(events, ctx('2026-06-02'));
    expect(find(open, 'RPD_BOC_POE')).toMatchObject({ due: { safe: '2026-07-16', latestIfRolls: null, rollUnclear: false }, regulatoryDue: '2026-06-16', status: 'OPEN', daysRemaining: 44 });
    expect(find(open, 'RPD_BOC_EXTENSION_REQUEST').due.safe).toBe('2026-07-13');
    const late = computeDeadlines(events, ctx('2026-07-20'));
    expect(find(late, 'RPD_BOC_POE').status).toBe('MISSED');
    expect(find(late, 'RPD_ABANDONMENT_HEARING_BOC')).toMatchObject({ due: { safe: '2026-07-23' }, status: 'OPEN' });
    const received = computeDeadlines([...events, { type: 'boc.received', effectiveDate: '2026-07-10' }], ctx('2026-07-20'));
    expect(find(received, 'RPD_BOC_POE')).toMatchObject({ status: 'MET', metOn: '2026-07-10' });
    expect(received.map((d) => d.ruleId)).not.toContain('RPD_ABANDONMENT_HEARING_BOC');
  });

  it('RAD: reasons mailed Fri 2026-07-03 → deemed received 2026-07-10; notice safe 2026-07-24, latest 2026-07-27 (flagged); perfection 2026-08-24', () => {
    const events: TimelineEvent[] = [...referred('2025-01-06'), { type: 'boc.received', effectiveDate: '2025-02-01' },
      { type: 'rpd.rejected', effectiveDate: '2026-07-03', noticeDate: '2026-07-03', details: { flags: [] } }];
    const list = computeDeadlines(events, ctx('2026-07-06'));
    expect(find(list, 'RAD_NOTICE')).toMatchObject({
      trigger: { event: 'rpd.rejected', date: '2026-07-10', deemed: true },
      due: { safe: '2026-07-24', latestIfRolls: '2026-07-27', rollUnclear: true }, status: 'OPEN' });
    expect(find(list, 'RAD_NOTICE').explanation.en).toContain('safe date 2026-07-24, latest 2026-07-27 if it rolls');
    expect(find(list, 'RAD_NOTICE').explanation.fr).toContain('date sûre 2026-07-24');
    expect(find(list, 'RAD_PERFECTION')).toMatchObject({ due: { safe: '2026-08-24', rollUnclear: false }, regulatoryDue: '2026-08-09' });
  });

  it('no RAD deadlines after a rejection with no credible basis', () => {
    const events: TimelineEvent[] = [...referred('2025-01-06'), { type: 'rpd.rejected', effectiveDate: '2026-07-03', receivedDate: '2026-07-03', details: { flags: ['NCB'] } }];
    const list = computeDeadlines(events, ctx('2026-07-06'));
    expect(find(list, 'RAD_NOTICE').status).toBe('NOT_APPLICABLE');
    expect(find(list, 'RAD_PERFECTION').status).toBe('NOT_APPLICABLE');
  });
});

describe('limits that end on weekends and holidays', () => {
  it('a limit on Canada Day (federal holiday) is flagged with the next working day', () => {
    // 45 days after 2026-05-17 is 2026-07-01.
    const d = find(computeDeadlines(referred('2026-05-17'), ctx('2026-05-18')), 'RPD_BOC_POE');
    expect(d.due).toEqual({ safe: '2026-06-30', latestIfRolls: '2026-07-02', rollUnclear: true });
  });

  it('a limit on the Fête nationale rolls only for an IRB office in Quebec', () => {
    // 45 days after 2026-05-10 is Wed 2026-06-24.
    expect(find(computeDeadlines(referred('2026-05-10'), ctx('2026-05-11', 'QC')), 'RPD_BOC_POE').due).toEqual({ safe: '2026-06-23', latestIfRolls: '2026-06-25', rollUnclear: true });
    expect(find(computeDeadlines(referred('2026-05-10'), ctx('2026-05-11', 'ON')), 'RPD_BOC_POE').due).toEqual({ safe: '2026-06-24', latestIfRolls: null, rollUnclear: false });
  });

  it('the Federal Court limit moves past a Saturday and a holiday (its rules count Saturday as a holiday)', () => {
    // Notified 2026-09-26: 15 days later is Sun 2026-10-11, then Thanksgiving Mon 2026-10-12.
    const events: TimelineEvent[] = [...referred('2026-01-05'), { type: 'rpd.rejected', effectiveDate: '2026-06-01', receivedDate: '2026-06-01', details: { flags: ['NCB'] } },
      { type: 'rad.decided', effectiveDate: '2026-09-26', receivedDate: '2026-09-26', details: { outcome: 'CONFIRMED' } }];
    expect(find(computeDeadlines(events, ctx('2026-09-27')), 'FC_LEAVE').due).toEqual({ safe: '2026-10-13', latestIfRolls: null, rollUnclear: false });
  });

  it('working-day limits never land on a closed day, and the safe date never comes after the latest', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1500 }), fc.constantFrom<'QC' | 'ON'>('QC', 'ON'), (offset, province) => {
      const day = addDays('2022-01-01', offset);
      const list = computeDeadlines([...referred(day), { type: 'rpd.no_show', effectiveDate: addDays(day, 30) }], ctx(day, province));
      const closed = calendarFor(province);
      for (const d of list) {
        const rule = TIME_LIMIT_RULES.find((r) => r.id === d.ruleId);
        if (rule?.unit === 'WORKING_DAYS') expect(closed(rule.calendar, d.due.safe)).toBe(false);
        if (d.due.latestIfRolls) expect(d.due.safe < d.due.latestIfRolls).toBe(true);
      }
    }), { numRuns: 300, seed: 99 });
  });
});

describe('limits counted back from the hearing date', () => {
  it('disclosure 10 days before and a change-of-date application 3 working days before, moved earlier off closed days', () => {
    // Hearing Thu 2026-07-02: 10 days before is Mon 2026-06-22; 3 working days before skips Canada Day and the weekend → 06-30, 06-29, Fri 2026-06-26.
    const events: TimelineEvent[] = [{ type: 'claim.made', effectiveDate: '2026-05-04' }, { type: 'eligibility.examination_started', effectiveDate: '2026-05-04' },
      { type: 'eligibility.eligible_referred', effectiveDate: '2026-05-04', details: { hearingDate: '2026-07-02' } }];
    const list = computeDeadlines(events, ctx('2026-05-05'));
    expect(find(list, 'RPD_DISCLOSURE')).toMatchObject({ due: { safe: '2026-06-22' }, status: 'OPEN', trigger: { date: '2026-07-02' } });
    expect(find(list, 'RPD_CHANGE_DATE_APPLICATION').due.safe).toBe('2026-06-26');
    // A hearing on Sat 2026-07-04 in Quebec: 10 days before is the Fête nationale (Wed 06-24) → Tue 06-23.
    const qc = computeDeadlines([events[0] as TimelineEvent, events[1] as TimelineEvent, { type: 'eligibility.eligible_referred', effectiveDate: '2026-05-04', details: { hearingDate: '2026-07-04' } }], ctx('2026-05-05'));
    expect(find(qc, 'RPD_DISCLOSURE').due.safe).toBe('2026-06-23');
    const past = computeDeadlines(events, ctx('2026-07-10'));
    expect(find(past, 'RPD_DISCLOSURE').status).toBe('ENDED');
  });
});
