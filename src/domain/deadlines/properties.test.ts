import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { DayCalendar, isWeekend } from './calendar.ts';
import { computeDeadlines } from './engine.ts';
import { fixtureHolidays } from './fixtures.ts';
import { CANADA_DEADLINE_RULES } from './rules.ts';
import type { CalendarRef, DeadlineEvent } from './types.ts';
import type { Province } from '../intake/types.ts';

const PROVINCES: Province[] = ['QC', 'ON', 'BC', 'NS'];
const day = fc.integer({ min: 0, max: 3 * 365 - 60 }).map((n) => addDays('2025-01-01', n));
const gap = fc.integer({ min: 0, max: 40 });
const flags = fc.constantFrom<string[]>([], ['NCB'], ['MUF']);

/** A claim that reaches the RPD, an RPD rejection, the Federal Court and a PRRA, with random dates. */
const history = fc.record({ referral: day, province: fc.constantFrom(...PROVINCES), g1: gap, g2: gap, g3: gap, g4: gap, mail: fc.boolean(), flags, hearing: gap })
  .map(({ referral, province, g1, g2, g3, g4, mail, flags: f, hearing }) => {
    const decided = addDays(referral, 60 + g1);
    const events: DeadlineEvent[] = [
      { type: 'claim.made', effectiveDate: referral, details: { channel: 'PORT_OF_ENTRY' } },
      { type: 'eligibility.eligible_referred', effectiveDate: referral, details: { hearingDate: addDays(referral, 30 + hearing) } },
      { type: 'rpd.no_show', effectiveDate: addDays(referral, 20 + g2) },
      { type: 'rpd.rejected', effectiveDate: decided, details: { flags: f }, ...(mail ? { noticeDate: decided } : { receivedDate: addDays(decided, g3 % 9) }) },
      { type: 'fc.leave_applied', effectiveDate: addDays(decided, 5 + g4) },
      { type: 'fc.jr_dismissed', effectiveDate: addDays(decided, 40 + g4), details: { certifiedQuestion: 'Q' } },
      { type: 'prra.notified', effectiveDate: addDays(decided, 90 + g2), noticeDate: addDays(decided, 90 + g2) },
    ];
    return { events, province, asOf: addDays(decided, g3) };
  });

function refFor(kind: string, province: Province): CalendarRef {
  return kind === 'IRB_OFFICES' ? { kind: 'IRB_OFFICES', province } : (kind as 'FEDERAL_IA' | 'FED_COURTS');
}

describe('deadline properties', () => {
  it('the safe date is never after latestIfRolls, and latestIfRolls is null or later', () => {
    fc.assert(fc.property(history, ({ events, province, asOf }) => {
      for (const d of computeDeadlines(events, { province, asOf }, CANADA_DEADLINE_RULES, fixtureHolidays)) {
        if (d.due.latestIfRolls !== null) expect(d.due.safe < d.due.latestIfRolls).toBe(true);
        if (d.regulatory?.latestIfRolls) expect(d.regulatory.safe < d.regulatory.latestIfRolls).toBe(true);
        if (d.nature === 'FILING') expect(d.due.safe <= d.due.nominal).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('a working-day deadline, and every filing\'s safe date, lands on a working day of its calendar', () => {
    const rules = new Map(CANADA_DEADLINE_RULES.map((r) => [r.id, r]));
    fc.assert(fc.property(history, ({ events, province, asOf }) => {
      const ds = computeDeadlines(events, { province, asOf }, CANADA_DEADLINE_RULES, fixtureHolidays);
      expect(ds.some((d) => rules.get(d.ruleId)?.length.unit === 'WORKING_DAYS')).toBe(true);
      for (const d of ds) {
        const rule = rules.get(d.ruleId);
        if (!rule) throw new Error(d.ruleId);
        const listed = new Set([2025, 2026, 2027, 2028].flatMap((y) => [...fixtureHolidays(refFor(rule.calendar, province), y)]));
        const working = (x: string) => !isWeekend(x) && !listed.has(x);
        if (rule.length.unit === 'WORKING_DAYS') {
          expect(working(d.due.safe)).toBe(true);
          if (d.due.latestIfRolls) expect(working(d.due.latestIfRolls)).toBe(true);
        }
        if (rule.nature === 'FILING') expect(working(d.due.safe)).toBe(true);
        // A clear roll lands on a day that is not a holiday of the calendar.
        if (d.due.latestIfRolls && !d.due.rollUnclear && rule.roll !== 'NONE') {
          expect(new DayCalendar(refFor(rule.calendar, province), fixtureHolidays).isHoliday(d.due.latestIfRolls)).toBe(false);
        }
      }
    }), { numRuns: 300 });
  });

  it('a later trigger never gives an earlier last day', () => {
    fc.assert(fc.property(day, gap, fc.constantFrom(...PROVINCES), (received, extra, province) => {
      const at = (r: string) => computeDeadlines(
        [{ type: 'rpd.rejected', effectiveDate: r, receivedDate: r, details: { flags: [] } }],
        { province, asOf: r }, CANADA_DEADLINE_RULES, fixtureHolidays,
      ).find((d) => d.ruleId === 'D09');
      const a = at(received);
      const b = at(addDays(received, extra));
      if (!a || !b) throw new Error('D09 missing');
      expect(a.due.safe <= b.due.safe).toBe(true);
      expect((a.due.latestIfRolls ?? a.due.safe) <= (b.due.latestIfRolls ?? b.due.safe)).toBe(true);
    }), { numRuns: 300 });
  });
});
