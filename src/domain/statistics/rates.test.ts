import { describe, expect, it } from 'vitest';
import { computeRate, OUTCOME_CATEGORIES, RATE_DEFINITIONS, roundedPercent, type RateId } from './rates.ts';

describe('RATE_DEFINITIONS (domain.md §5.3)', () => {
  it('labels and formulas exist in both official languages, and every category is known', () => {
    for (const [id, def] of Object.entries(RATE_DEFINITIONS)) {
      expect(def.id).toBe(id);
      for (const text of [def.labels, def.formula]) {
        expect(text.en.length).toBeGreaterThan(5);
        expect(text.fr.length).toBeGreaterThan(5);
      }
      for (const cat of [...def.numerator, ...def.denominator]) expect(OUTCOME_CATEGORIES[cat]).toBeDefined();
      expect(def.numerator.every((c) => def.denominator.includes(c))).toBe(true);
      expect(def.source).not.toBe('');
    }
  });
});

describe('computeRate with the §5.3 worked numbers (IRB totals)', () => {
  const y2021 = { ACCEPTED: 30290, REJECTED: 12190, ABANDONED: 934, WITHDRAWN_OTHER: 4600 };
  const jan_sep2024 = { ACCEPTED: 33583, REJECTED: 8172, ABANDONED: 6830, WITHDRAWN_OTHER: 4400 };

  it.each<[string, object, RateId, number, number]>([
    ['2021', y2021, 'ACC_FINALIZED', 48014, 63.1],
    ['2021', y2021, 'ACC_MERITS', 42480, 71.3],
    ['Jan–Sep 2024', jan_sep2024, 'ACC_FINALIZED', 52985, 63.4],
    ['Jan–Sep 2024', jan_sep2024, 'ACC_MERITS', 41755, 80.4],
    ['Jan–Sep 2024', jan_sep2024, 'UNHCR_TRR', 41755, 80.4],
  ])('%s %s', (_, counts, id, denominator, percent) => {
    const r = computeRate(id, counts);
    expect(r.denominator).toBe(denominator);
    expect(r.percent).toBe(percent);
  });

  it('ACC_FINALIZED accepts the published total finalized in place of its parts', () => {
    expect(computeRate('ACC_FINALIZED', { ACCEPTED: 30290, TOTAL_FINALIZED: 48014 }).percent).toBe(63.1);
  });

  it('RAD allow rate is over merit decisions (RAD 2017 totals: 409 + 346 of 2,380)', () => {
    const r = computeRate('RAD_ALLOW_RATE', { RAD_DISMISSED_CONFIRMED: 1625, RAD_ALLOWED_REFERRED_BACK: 409, RAD_ALLOWED_SUBSTITUTED: 346 });
    expect([r.numerator, r.denominator, r.percent]).toEqual([755, 2380, 31.7]);
  });

  it('a missing category is an error, not a zero; a zero denominator gives null', () => {
    expect(() => computeRate('ACC_MERITS', { ACCEPTED: 10 })).toThrow(/REJECTED/);
    expect(() => computeRate('ACC_MERITS', { ACCEPTED: 10, REJECTED: -1 })).toThrow(RangeError);
    expect(computeRate('ACC_MERITS', { ACCEPTED: 0, REJECTED: 0 })).toMatchObject({ rate: null, percent: null });
  });

  it('percentages round half up exactly', () => {
    expect(roundedPercent(1, 8, 1)).toBe(12.5);
    expect(roundedPercent(1609, 2000, 1)).toBe(80.5); // 80.45 → 80.5, not the float 80.4
    expect(roundedPercent(2, 3, 1)).toBe(66.7);
  });
});
