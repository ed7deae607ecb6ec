import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addKeys, keyTimes, perturb, perturbation, KEY_MODULUS, PERTURBATION_BOUND, PERTURBATION_TABLE } from './perturbation.ts';

describe('the perturbation table', () => {
  it('every row sums to the whole key space, has mean 0, stays within the bound and never makes a count negative', () => {
    for (const row of PERTURBATION_TABLE) {
      expect(row.noise.reduce((a, [, share]) => a + share, 0)).toBe(1000);
      expect(row.noise.reduce((a, [noise, share]) => a + noise * share, 0)).toBe(0);
      for (const [noise] of row.noise) {
        expect(Math.abs(noise)).toBeLessThanOrEqual(PERTURBATION_BOUND);
        expect(row.n + noise).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('0 stays 0, and a cell is moved by at most 2 and never below 0', () => {
    fc.assert(fc.property(fc.nat({ max: 10_000 }), fc.integer({ min: 0, max: KEY_MODULUS - 1 }), (n, key) => {
      if (n === 0) expect(perturbation(0, key)).toBe(0);
      const v = perturb(n, key);
      expect(Math.abs(v - n)).toBeLessThanOrEqual(PERTURBATION_BOUND);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(perturb(n, key)).toBe(v); // the same cell, the same noise
    }));
  });

  it('over evenly spread cell keys, the noise follows the table', () => {
    // 100,000 keys spread over the key space: the mixed keys land in each slice in proportion.
    const counts = new Map<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const noise = perturbation(5, Math.floor((i * KEY_MODULUS) / 100_000));
      counts.set(noise, (counts.get(noise) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    for (const [noise, share] of PERTURBATION_TABLE[1]!.noise) expect(Math.abs(counts.get(noise)! / 100_000 - share / 1000)).toBeLessThan(0.005);
  });

  it('cell keys add modulo 2^32, and a claim leaving a stock takes its key out', () => {
    expect(addKeys(KEY_MODULUS - 1, 2)).toBe(1);
    expect(keyTimes(-1, 5)).toBe(KEY_MODULUS - 5);
    expect(addKeys(keyTimes(1, 123_456_789), keyTimes(-1, 123_456_789))).toBe(0);
    expect(keyTimes(3, 2_000_000_000)).toBe((3 * 2_000_000_000) % KEY_MODULUS);
  });

  it('refuses what cannot be a cell', () => {
    expect(() => perturbation(-1, 0)).toThrow(RangeError);
    expect(() => perturbation(1, KEY_MODULUS)).toThrow(RangeError);
  });
});
