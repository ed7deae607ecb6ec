/**
 * Cell-key perturbation (the method of the Australian Bureau of Statistics' TableBuilder), applied to
 * the blocks live answers are built from. Pure: no I/O, no randomness of its own.
 *
 * Every claim carries a random 32-bit record key (kept in its statistics profile). Every rollup row keeps,
 * beside its count n, the sum of the keys of its contributions modulo 2^32: its cell key. A block's
 * published value is n + noise, the noise read from a fixed table by n and the cell key, so
 * - the same contributions always get the same noise (asking again, or through another dimension whose
 *   block holds the same claims, averages nothing);
 * - different contributions get independent noise (the sum of one unknown uniform key with anything
 *   is uniform);
 * - the noise is bounded (−2..+2), zero-mean for every n, never makes a count negative, and 0 stays 0.
 */

export const KEY_MODULUS = 2 ** 32;

/** The largest change the perturbation makes to one block. */
export const PERTURBATION_BOUND = 2;

/**
 * Noise by cell size, in thousandths of the key space, smallest noise first. Each row sums to 1000 and
 * has mean 0; the row for n = 1 cannot go below −1 (a count never becomes negative). Cells of 2 or more
 * use the last row.
 */
export const PERTURBATION_TABLE: ReadonlyArray<{ n: number; noise: ReadonlyArray<readonly [number, number]> }> = [
  { n: 1, noise: [[-1, 350], [0, 375], [1, 200], [2, 75]] },
  { n: 2, noise: [[-2, 75], [-1, 200], [0, 450], [1, 200], [2, 75]] },
];

/** Adds two cell keys. */
export function addKeys(a: number, b: number): number {
  return (a + b) % KEY_MODULUS;
}

/** n contributions of one record key (n may be negative: a claim leaving a stock). */
export function keyTimes(n: number, key: number): number {
  const m = BigInt(KEY_MODULUS);
  return Number((((BigInt(n) * BigInt(key)) % m) + m) % m);
}

/** A bijective 32-bit mix (MurmurHash3's finalizer): what an attacker learns of one noise says nothing linear about the keys. */
function mix(key: number): number {
  let h = key >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The noise of a block of n contributions whose record keys sum to `cellKey` (mod 2^32). */
export function perturbation(n: number, cellKey: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`perturbation: counts are non-negative integers, got ${n}`);
  if (!Number.isInteger(cellKey) || cellKey < 0 || cellKey >= KEY_MODULUS) throw new RangeError(`perturbation: a cell key is an integer in [0, 2^32), got ${cellKey}`);
  if (n === 0) return 0;
  const row = PERTURBATION_TABLE[Math.min(n, PERTURBATION_TABLE.length) - 1]!;
  const slot = Math.floor((mix(cellKey) * 1000) / KEY_MODULUS);
  let seen = 0;
  for (const [noise, share] of row.noise) {
    seen += share;
    if (slot < seen) return noise;
  }
  throw new Error('perturbation table row does not sum to 1000');
}

/** The published value of a block before the profile's rounding or suppression. */
export function perturb(n: number, cellKey: number): number {
  return n + perturbation(n, cellKey);
}
