import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from '../dates.ts';
import { answerPeriods, canonicalBlocks, mergeRollupRows, periodOf, rollupRows, type ClaimProfile, type TimeGrain } from './live.ts';

describe('the blocks an answer is built from', () => {
  it('whole months, then weeks of the month, then days', () => {
    expect(canonicalBlocks('2025-07-01', '2025-07-31')).toEqual([{ grain: 'm', start: '2025-07-01', end: '2025-07-31' }]);
    expect(canonicalBlocks('2025-07-01', '2025-07-30').map((b) => `${b.grain}${b.start.slice(8)}-${b.end.slice(8)}`)).toEqual(['w01-07', 'w08-14', 'w15-21', 'w22-28', 'd29-29', 'd30-30']);
    expect(canonicalBlocks('2025-06-27', '2025-08-03').map((b) => `${b.grain}${b.start.slice(5)}`)).toEqual(['d06-27', 'd06-28', 'w06-29', 'm07-01', 'd08-01', 'd08-02', 'd08-03']);
    expect(canonicalBlocks('2024-02-29', '2024-02-29')).toEqual([{ grain: 'w', start: '2024-02-29', end: '2024-02-29' }]);
  });

  it('cover the range exactly once, in order, and a range changed at one end keeps the blocks of the other', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2023-11-01', n));
    fc.assert(fc.property(day, day, (a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const blocks = canonicalBlocks(from, to);
      expect(blocks[0]!.start).toBe(from);
      expect(blocks.at(-1)!.end).toBe(to);
      blocks.slice(1).forEach((blk, i) => expect(blk.start).toBe(addDays(blocks[i]!.end, 1)));
      expect(blocks.reduce((n, blk) => n + daysBetween(blk.start, blk.end) + 1, 0)).toBe(daysBetween(from, to) + 1);
      // Ending one day earlier only changes the blocks of the last month.
      if (to > from) {
        const shorter = canonicalBlocks(from, addDays(to, -1));
        const month = to.slice(0, 7);
        expect(shorter.filter((blk) => blk.end.slice(0, 7) < month)).toEqual(blocks.filter((blk) => blk.end.slice(0, 7) < month));
      }
    }), { numRuns: 300 });
  });

  it('a series splits the range into its periods, each with its own blocks; months, quarters and no series share them', () => {
    const months = answerPeriods('2024-12-20', '2025-02-10', 'month');
    expect(months.map((p) => [p.period, p.from, p.to])).toEqual([['2024-12', '2024-12-20', '2024-12-31'], ['2025-01', '2025-01-01', '2025-01-31'], ['2025-02', '2025-02-01', '2025-02-10']]);
    const none = answerPeriods('2024-12-20', '2025-02-10');
    expect(months.flatMap((p) => p.blocks)).toEqual(none[0]!.blocks);
    expect(answerPeriods('2024-12-20', '2025-02-10', 'quarter').flatMap((p) => p.blocks)).toEqual(none[0]!.blocks);
    expect(answerPeriods('2024-12-30', '2025-01-05', 'week').map((p) => p.period)).toEqual(['2025-W01']);
  });

  it('a series\' periods are the runs of days that share a label, whatever the grain, across year ends and leap days', () => {
    const day = fc.integer({ min: 0, max: 1200 }).map((n) => addDays('2023-10-01', n));
    const grain = fc.constantFrom<TimeGrain>('day', 'week', 'month', 'quarter', 'year');
    fc.assert(fc.property(day, day, grain, (a, b, g) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      // Brute force: walk every day and cut where the label changes.
      const runs: Array<[string, string, string]> = [];
      for (let d = from; d <= to; d = addDays(d, 1)) {
        const last = runs.at(-1);
        if (last && last[0] === periodOf(d, g)) last[2] = d;
        else runs.push([periodOf(d, g), d, d]);
      }
      const periods = answerPeriods(from, to, g);
      expect(periods.map((p) => [p.period, p.from, p.to])).toEqual(runs);
      for (const p of periods) expect(p.blocks).toEqual(canonicalBlocks(p.from, p.to));
    }), { numRuns: 400 });
  });
});

describe('cell keys in the rollups', () => {
  const profile: ClaimProfile = { officeCode: 'QC-LACOLLE', officeType: 'LAND_POE', province: 'QC', citizenship: 'HTI', persecutionCountry: 'HTI', ageBand: '30-44', sex: 'F', familySize: '1', recordKey: 4_000_000_000 };

  it('each row keeps the sum of its contributions\' record keys, modulo 2^32', () => {
    const rows = rollupRows(profile, [{ day: '2025-07-14', measure: 'claims', category: '', n: 1 }]);
    expect(rows.every((r) => r.cellKey === 4_000_000_000)).toBe(true);
    const two = mergeRollupRows([...rows, ...rollupRows({ ...profile, recordKey: 500_000_000 }, [{ day: '2025-07-14', measure: 'claims', category: '', n: 1 }])]);
    expect(two.every((r) => r.n === 2 && r.cellKey === (4_500_000_000 % 2 ** 32))).toBe(true);
  });

  it('a stock that one claim enters and another leaves on the same day changes only its key, and that row is kept', () => {
    const a = rollupRows(profile, [{ day: '2025-07-14', measure: 'rpd_pending', category: '', n: 1 }]);
    const b = rollupRows({ ...profile, recordKey: 7 }, [{ day: '2025-07-14', measure: 'rpd_pending', category: '', n: -1 }]);
    const merged = mergeRollupRows([...a, ...b]);
    expect(merged.length).toBe(a.length);
    expect(merged.every((r) => r.n === 0 && r.cellKey === 4_000_000_000 - 7)).toBe(true);
    // The same claim in and out: nothing left.
    expect(mergeRollupRows([...a, ...rollupRows(profile, [{ day: '2025-07-14', measure: 'rpd_pending', category: '', n: -1 }])])).toEqual([]);
  });
});
