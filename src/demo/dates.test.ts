import { describe, expect, it } from 'vitest';
import { ageOn, civilFromDay, dayFromCivil, daysInMonth, isIsoDate, isoFromDay, parseIsoDay, yearsBefore } from './dates.ts';
import { Rng, Weighted, deriveSeed } from './prng.ts';

describe('dates', () => {
  it('round-trips day numbers against Date.UTC over 1900–2100', () => {
    for (let z = dayFromCivil(1900, 1, 1); z <= dayFromCivil(2100, 12, 31); z += 17) {
      const [y, m, d] = civilFromDay(z);
      expect(Date.UTC(y, m - 1, d) / 86_400_000).toBe(z);
      expect(parseIsoDay(isoFromDay(z))).toBe(z);
    }
  });

  it('validates ISO dates and computes ages', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-01')).toBe(false);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(isoFromDay(yearsBefore(parseIsoDay('2024-02-29'), 1))).toBe('2023-02-28');
    expect(ageOn(parseIsoDay('2000-06-15'), parseIsoDay('2018-06-14'))).toBe(17);
    expect(ageOn(parseIsoDay('2000-06-15'), parseIsoDay('2018-06-15'))).toBe(18);
  });
});

describe('prng', () => {
  it('is reproducible and roughly uniform', () => {
    const a = new Rng(deriveSeed(42, 1));
    const b = new Rng(deriveSeed(42, 1));
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(Array.from({ length: 10_000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.01);
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(42, 2));
    expect(deriveSeed(1)).not.toBe(deriveSeed(1 + 2 ** 32));
  });

  it('samples weighted categories in proportion', () => {
    const w = new Weighted([['a', 1], ['b', 3], ['c', 0]] as const);
    const rng = new Rng(9);
    let b = 0;
    for (let i = 0; i < 20_000; i++) {
      const v = w.sample(rng);
      expect(v).not.toBe('c');
      if (v === 'b') b++;
    }
    expect(Math.abs(b / 20_000 - 0.75)).toBeLessThan(0.015);
  });
});
