/**
 * Statistical disclosure control for published tables (domain.md §6.1, §6.2, §6.4).
 *
 * Pure: no I/O. Every statistic is computed on unsuppressed internal counts first (§6.4 rule 1);
 * the profile is applied last (rule 2).
 *
 * Profiles:
 * - `IRCC_R5`: 0 → 0 (configurable), 1..5 → "--" (upper bound configurable), otherwise round to the
 *   nearest 5. Totals are computed from the raw cells and rounded independently.
 * - `IRB_S20`: values 0 < v < 20 → "--" (zeros configurable); a total under 20 suppresses itself and
 *   all its cells; when exactly one addend of a shown total is suppressed, the next-lowest addend is
 *   suppressed too (IRB "Protecting privacy" page). Applied on BOTH axes, iterated until stable.
 * - `DHS_R10`: round to the nearest 10 (half up), no suppression.
 * - `NONE`: internal use only; values pass through.
 *
 * On top of the published rules, `protectTable` runs `auditRecoverability` and keeps adding the
 * cheapest extra suppression until no suppressed value can be pinned down from what is published.
 *
 * Coordinates: a table with R rows and C columns is handled as a bordered (R+1)×(C+1) matrix:
 * [r, c] is a cell, [r, C] the total of row r, [R, c] the total of column c, [R, C] the grand total.
 */

import { determinedUnknownsSparse } from './linear.ts';
import { roundedPercent } from './rates.ts';

export type ProfileId = 'IRCC_R5' | 'IRB_S20' | 'DHS_R10' | 'NONE';
export const SUPPRESSED = '--' as const;
export type Published = number | typeof SUPPRESSED;

export interface DisclosureOptions {
  /** A true zero is shown as 0 (default true). When false, zeros are suppressed like small values. */
  zeroShownAsZero?: boolean;
  /** IRCC_R5: the upper bound 5 is itself suppressed (default true: 1..5 → "--"; false: 1..4 → "--", 5 → 5). */
  upperInclusive?: boolean;
  /** IRB_S20: values strictly below this are suppressed (default 20). */
  threshold?: number;
  /**
   * Add complementary and audit-driven suppressions so that no "--" can be recovered from the
   * published totals (default true for IRB_S20 and IRCC_R5). With false, only the primary rule is
   * applied: that is IRCC's own practice, and the audit can then find recoverable cells.
   */
  complementary?: boolean;
  /** Cap on the interval-propagation passes of the audit (default 200). */
  maxPropagationPasses?: number;
}

export interface ResolvedOptions {
  zeroShownAsZero: boolean;
  upperInclusive: boolean;
  threshold: number;
  complementary: boolean;
  maxPropagationPasses: number;
}

export interface Table {
  /** Stable name of the table in a release (used by suppression maps), e.g. '2024-01' or '2024-Q1'. */
  id?: string;
  rows: string[];
  cols: string[];
  /** Raw, unsuppressed, non-negative integer counts: cells[r][c]. */
  cells: number[][];
  rowTotals?: boolean;
  colTotals?: boolean;
  grandTotal?: boolean;
  /**
   * false: only the totals are published (e.g. a month series and an outcome breakdown of one row,
   * without the months by outcome). The cells are still protected: an attacker must not pin one to a
   * value the profile would suppress. Default true.
   */
  bodyPublished?: boolean;
  /**
   * What an attacker knows from elsewhere about each cell when it is suppressed: at least this much
   * (e.g. a hidden row total whose breakdown shows three non-zero "--" is at least 3).
   */
  lowerBounds?: number[][];
}

export interface ProtectedTable {
  id?: string;
  profile: ProfileId;
  options: ResolvedOptions;
  cells: Published[][];
  rowTotals?: Published[];
  colTotals?: Published[];
  grandTotal?: Published;
  /** Every suppressed position, in bordered coordinates (see the module comment), row-major. */
  suppressed: Array<[number, number]>;
}

export interface RecoverableCell {
  /** Index of the table in the set (0 for a single table). */
  table: number;
  at: [number, number];
  /** The value an attacker can pin down from the published figures. */
  value: number;
  /** The true value (the attack is a real disclosure when both agree). */
  trueValue: number;
  method: 'linear' | 'bounds';
}

/** Key of one published position in a release: table id, row label, column label ('Total' on the border). */
export interface SuppressionEntry { table: string; row: string; col: string }

/**
 * What a release suppressed, by labels, so that a later overlapping release (a quarter after its
 * months, a YTD table after the monthly ones, a revision) keeps those cells suppressed (§6.4 rule 4).
 * Tables named in `released` are already public: a new run may not add suppressions to them.
 */
export interface SuppressionMap {
  released: string[];
  entries: SuppressionEntry[];
}

export const TOTAL_LABEL = 'Total';

// ---------------------------------------------------------------------------------------------
// Single values

interface Rules {
  profile: ProfileId;
  options: ResolvedOptions;
  /** Rounding base (1 = exact values). */
  base: number;
  /** Values v with suppressLo <= v <= suppressHi are primary suppressions (empty range when lo > hi). */
  suppressLo: number;
  suppressHi: number;
  /** IRB rule "a total under the threshold suppresses the total and all its cells". */
  smallTotalSuppressesCells: boolean;
  /** IRB row rule: exactly one suppressed addend and a shown total → suppress the next-lowest addend. */
  lineRule: boolean;
  /** Audit-driven extra suppressions. */
  auditDriven: boolean;
}

export function resolveOptions(profile: ProfileId, options: DisclosureOptions = {}): ResolvedOptions {
  const threshold = options.threshold ?? 20;
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  return {
    zeroShownAsZero: options.zeroShownAsZero ?? true,
    upperInclusive: options.upperInclusive ?? true,
    threshold,
    complementary: options.complementary ?? (profile === 'IRB_S20' || profile === 'IRCC_R5'),
    maxPropagationPasses: options.maxPropagationPasses ?? 200,
  };
}

function rulesFor(profile: ProfileId, options: DisclosureOptions | ResolvedOptions = {}): Rules {
  const o = resolveOptions(profile, options);
  const lo = o.zeroShownAsZero ? 1 : 0;
  switch (profile) {
    case 'IRCC_R5':
      return { profile, options: o, base: 5, suppressLo: lo, suppressHi: o.upperInclusive ? 5 : 4, smallTotalSuppressesCells: false, lineRule: false, auditDriven: o.complementary };
    case 'IRB_S20':
      return { profile, options: o, base: 1, suppressLo: lo, suppressHi: o.threshold - 1, smallTotalSuppressesCells: true, lineRule: o.complementary, auditDriven: o.complementary };
    case 'DHS_R10':
      return { profile, options: { ...o, complementary: false }, base: 10, suppressLo: 1, suppressHi: 0, smallTotalSuppressesCells: false, lineRule: false, auditDriven: false };
    case 'NONE':
      return { profile, options: { ...o, complementary: false }, base: 1, suppressLo: 1, suppressHi: 0, smallTotalSuppressesCells: false, lineRule: false, auditDriven: false };
    default: {
      const never: never = profile;
      throw new RangeError(`Unknown disclosure profile ${String(never)}`);
    }
  }
}

function checkCount(v: number, where: string): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${where}: counts must be non-negative integers, got ${v}`);
}

function isPrimary(v: number, rules: Rules): boolean {
  return v >= rules.suppressLo && v <= rules.suppressHi;
}

function roundTo(v: number, base: number): number {
  return base === 1 ? v : Math.floor(v / base + 0.5) * base;
}

/** The published form of one value under a profile (no complementary suppression: that needs a table). */
export function protectValue(v: number, profile: ProfileId, options: DisclosureOptions = {}): Published {
  checkCount(v, 'protectValue');
  const rules = rulesFor(profile, options);
  return isPrimary(v, rules) ? SUPPRESSED : roundTo(v, rules.base);
}

/** Formats a published value as the publishers print it: '1,880', '0', '--'. */
export function formatPublished(p: Published): string {
  return p === SUPPRESSED ? SUPPRESSED : p.toLocaleString('en-US');
}

/**
 * What an attacker who knows the profile can say about the true value behind a published one:
 * an integer interval [lo, hi] (hi may be Infinity).
 */
export function plausibleRange(p: Published, profile: ProfileId, options: DisclosureOptions | ResolvedOptions = {}): [number, number] {
  return rangeOf(p, rulesFor(profile, options));
}

function rangeOf(p: Published, rules: Rules): [number, number] {
  if (p === SUPPRESSED) return [rules.suppressLo, rules.options.complementary ? Infinity : rules.suppressHi];
  if (rules.base === 1) return [p, p];
  let lo = Math.max(0, Math.ceil(p - rules.base / 2));
  let hi = Math.ceil(p + rules.base / 2) - 1;
  if (rules.suppressLo <= rules.suppressHi) {
    if (lo >= rules.suppressLo && lo <= rules.suppressHi) lo = rules.suppressHi + 1;
    if (hi >= rules.suppressLo && hi <= rules.suppressHi) hi = rules.suppressLo - 1;
  }
  return [lo, hi];
}

// ---------------------------------------------------------------------------------------------
// Rates (§6.4 rule 3)

export interface ProtectedRate {
  /** Percentage rounded to `decimals`, computed from the raw counts; "--" when it may not be published. */
  value: number | typeof SUPPRESSED;
  numerator: Published;
  denominator: Published;
  reason?: 'numerator_suppressed' | 'denominator_suppressed' | 'zero_denominator';
}

/** A rate is published only if its numerator and denominator both pass the profile's threshold. */
export function protectRate(
  numerator: number,
  denominator: number,
  profile: ProfileId,
  options: DisclosureOptions & { decimals?: number } = {},
): ProtectedRate {
  checkCount(numerator, 'protectRate numerator');
  checkCount(denominator, 'protectRate denominator');
  if (numerator > denominator) throw new RangeError(`protectRate: numerator ${numerator} exceeds denominator ${denominator}`);
  const num = protectValue(numerator, profile, options);
  const den = protectValue(denominator, profile, options);
  const base = { numerator: num, denominator: den };
  if (den === SUPPRESSED) return { value: SUPPRESSED, ...base, reason: 'denominator_suppressed' };
  if (num === SUPPRESSED) return { value: SUPPRESSED, ...base, reason: 'numerator_suppressed' };
  if (denominator === 0) return { value: SUPPRESSED, ...base, reason: 'zero_denominator' };
  return { value: roundedPercent(numerator, denominator, options.decimals ?? 1), ...base };
}

// ---------------------------------------------------------------------------------------------
// Grids: positions linked by "sum of addends = total" lines. Tables, and sets of tables with a
// sum table, are both grids.

interface Line { addends: number[]; total: number }
interface Grid {
  values: number[];
  isTotal: boolean[];
  lines: Line[];
  /** linesOf[p] = indices of the lines in which p appears. */
  linesOf: number[][];
  /** Positions that may not receive new suppressions (already released, or kept shown by the caller). */
  locked: boolean[];
  /** Positions never published: unknown to an attacker (possibly 0), disclosed only if pinned to a suppressible value. */
  unpublished: boolean[];
  /** What an attacker knows from elsewhere about a suppressed position: at least this. */
  lower: number[];
}

function finishGrid(values: number[], isTotal: boolean[], lines: Line[], locked?: boolean[], unpublished?: boolean[], lower?: number[]): Grid {
  const linesOf: number[][] = values.map(() => []);
  lines.forEach((l, i) => {
    for (const p of [...l.addends, l.total]) linesOf[p]!.push(i);
  });
  return {
    values, isTotal, lines, linesOf, locked: locked ?? values.map(() => false),
    unpublished: unpublished ?? values.map(() => false), lower: lower ?? values.map(() => 0),
  };
}

interface Layout {
  R: number; C: number;
  rowTotals: boolean; colTotals: boolean; grandTotal: boolean;
  /** coords[p] = bordered [r, c] of position p (within its table). */
  coords: Array<[number, number]>;
  index: Map<string, number>;
}

function layoutOf(t: Table): Layout {
  const R = t.rows.length;
  const C = t.cols.length;
  if (t.cells.length !== R) throw new RangeError(`Table ${t.id ?? ''}: ${t.cells.length} rows of cells for ${R} row labels`);
  t.cells.forEach((row, r) => {
    if (row.length !== C) throw new RangeError(`Table ${t.id ?? ''}: row ${r} has ${row.length} cells for ${C} column labels`);
    row.forEach((v, c) => checkCount(v, `Table ${t.id ?? ''} cell [${r}, ${c}]`));
  });
  const rowTotals = t.rowTotals ?? false;
  const colTotals = t.colTotals ?? false;
  const grandTotal = t.grandTotal ?? false;
  const coords: Array<[number, number]> = [];
  for (let r = 0; r <= R; r++) {
    for (let c = 0; c <= C; c++) {
      const inBody = r < R && c < C;
      const ok = inBody || (r < R && c === C && rowTotals) || (r === R && c < C && colTotals) || (r === R && c === C && grandTotal);
      if (ok) coords.push([r, c]);
    }
  }
  const index = new Map(coords.map(([r, c], i) => [`${r},${c}`, i]));
  return { R, C, rowTotals, colTotals, grandTotal, coords, index };
}

/** True values (totals computed from the raw cells) and lines of one table, positions offset by `offset`. */
function tableParts(t: Table, lay: Layout, offset: number): { values: number[]; isTotal: boolean[]; unpublished: boolean[]; lower: number[]; lines: Line[] } {
  const { R, C } = lay;
  const cell = (r: number, c: number): number => t.cells[r]![c]!;
  const rowSum = (r: number): number => t.cells[r]!.reduce((a, b) => a + b, 0);
  const colSum = (c: number): number => t.cells.reduce((a, row) => a + row[c]!, 0);
  const grand = t.cells.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
  const values = lay.coords.map(([r, c]) => (r < R && c < C ? cell(r, c) : r < R ? rowSum(r) : c < C ? colSum(c) : grand));
  const isTotal = lay.coords.map(([r, c]) => r === R || c === C);
  const unpublished = lay.coords.map(([r, c]) => t.bodyPublished === false && r < R && c < C);
  const lower = lay.coords.map(([r, c]) => (r < R && c < C ? t.lowerBounds?.[r]?.[c] ?? 0 : 0));
  const at = (r: number, c: number): number => offset + lay.index.get(`${r},${c}`)!;
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  const lines: Line[] = [];
  if (lay.rowTotals) for (let r = 0; r < R; r++) lines.push({ addends: range(C).map((c) => at(r, c)), total: at(r, C) });
  if (lay.colTotals) for (let c = 0; c < C; c++) lines.push({ addends: range(R).map((r) => at(r, c)), total: at(R, c) });
  if (lay.grandTotal) {
    if (lay.colTotals) lines.push({ addends: range(C).map((c) => at(R, c)), total: at(R, C) });
    if (lay.rowTotals) lines.push({ addends: range(R).map((r) => at(r, C)), total: at(R, C) });
    if (!lay.rowTotals && !lay.colTotals) lines.push({ addends: range(R).flatMap((r) => range(C).map((c) => at(r, c))), total: at(R, C) });
  }
  return { values, isTotal, unpublished, lower, lines };
}

// ---------------------------------------------------------------------------------------------
// Protection of a grid

function protectGrid(grid: Grid, rules: Rules, forced: ReadonlySet<number>, knownExactly: ReadonlySet<number> = new Set()): { published: Published[]; suppressed: Set<number> } {
  const S = new Set<number>(forced);
  grid.values.forEach((v, p) => { if (isPrimary(v, rules) || grid.unpublished[p]) S.add(p); });
  if (rules.smallTotalSuppressesCells) {
    for (const line of grid.lines) {
      if (!isPrimary(grid.values[line.total]!, rules)) continue;
      for (const a of line.addends) if (grid.values[a] !== 0 || !rules.options.zeroShownAsZero) S.add(a);
    }
  }
  const publish = (): Published[] => grid.values.map((v, p) => (S.has(p) ? SUPPRESSED : roundTo(v, rules.base)));
  if (!rules.lineRule && !rules.auditDriven) return { published: publish(), suppressed: S };

  const limit = grid.values.length + 1;
  for (let guard = 0; guard < limit; guard++) {
    if (rules.lineRule && applyLineRule(grid, S)) continue;
    if (!rules.auditDriven) break;
    const found = auditGrid(grid, publish(), rules, knownExactly);
    if (found.length === 0) break;
    const target = found[0]!.pos;
    const pick = pickExtraSuppression(grid, S, target);
    if (pick === undefined) {
      throw new RangeError(`Disclosure control: cannot protect position ${target}; every position linked to it is already suppressed or released`);
    }
    S.add(pick);
  }
  return { published: publish(), suppressed: S };
}

/** One sweep of the IRB line rule; true if it added anything. */
function applyLineRule(grid: Grid, S: Set<number>): boolean {
  let changed = false;
  for (const line of grid.lines) {
    if (S.has(line.total)) continue;
    const hidden = line.addends.filter((a) => S.has(a));
    if (hidden.length !== 1) continue;
    let best: number | undefined;
    for (const a of line.addends) {
      if (S.has(a) || grid.locked[a] || grid.values[a] === 0) continue;
      if (best === undefined || grid.values[a]! < grid.values[best]!) best = a;
    }
    if (best === undefined && !grid.locked[line.total]) best = line.total;
    if (best !== undefined) { S.add(best); changed = true; }
  }
  return changed;
}

/**
 * The cheapest extra suppression that breaks the recovery of `target`: among the shown, unlocked
 * positions of the lines reachable from `target` through suppressed positions, the nearest one,
 * preferring inner cells to totals, then the lowest non-zero value.
 */
function pickExtraSuppression(grid: Grid, S: ReadonlySet<number>, target: number): number | undefined {
  const dist = new Map<number, number>([[target, 0]]);
  const seenLines = new Set<number>();
  let frontier = [target];
  const candidates: Array<{ p: number; d: number }> = [];
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const p of frontier) {
      for (const li of grid.linesOf[p]!) {
        if (seenLines.has(li)) continue;
        seenLines.add(li);
        const line = grid.lines[li]!;
        for (const q of [...line.addends, line.total]) {
          if (dist.has(q)) continue;
          dist.set(q, d);
          if (S.has(q)) next.push(q);
          else if (!grid.locked[q]) candidates.push({ p: q, d });
        }
      }
    }
    frontier = next;
  }
  const score = (c: { p: number; d: number }): number[] =>
    [grid.values[c.p] === 0 ? 1 : 0, c.d, grid.isTotal[c.p] ? 1 : 0, grid.values[c.p]!, c.p];
  candidates.sort((x, y) => {
    const a = score(x);
    const b = score(y);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  });
  return candidates[0]?.p;
}

// ---------------------------------------------------------------------------------------------
// Audit

interface Finding { pos: number; value: number; method: 'linear' | 'bounds' }

/**
 * Which "--" positions can be pinned down from the published figures:
 * 1. linear: x is uniquely determined by the published line equations (exact rank test over the
 *    rationals); its value is an exact combination of published values, or for rounded profiles an
 *    interval that, intersected with what "--" means, may leave a single integer;
 * 2. bounds: interval propagation over the same equations (and the reduced ones) with the ranges
 *    an attacker knows (a "--" is ≥ 1 when zeros are shown; a rounded 10 is 8..12).
 * Both are sound: a reported value is forced by the published figures. (2) is not complete.
 */
function auditGrid(grid: Grid, published: Published[], rules: Rules, knownExactly: ReadonlySet<number> = new Set()): Finding[] {
  const unknownIdx = new Map<number, number>();
  const knownIdx = new Map<number, number>();
  published.forEach((p, pos) => {
    if (p === SUPPRESSED) unknownIdx.set(pos, unknownIdx.size);
    else knownIdx.set(pos, knownIdx.size);
  });
  if (unknownIdx.size === 0) return [];
  const unknownPos = [...unknownIdx.keys()];
  const knownPos = [...knownIdx.keys()];
  const U = unknownPos.length;
  const knownRange = knownPos.map((p): [number, number] => (knownExactly.has(p) ? [grid.values[p]!, grid.values[p]!] : rangeOf(published[p]!, rules)));
  // An unpublished cell may be anything, 0 included; a "--" is what the profile says it is.
  const domain: Array<[number, number]> = unknownPos.map((p) => {
    if (grid.unpublished[p]) return [0, Infinity];
    const [lo, hi] = rangeOf(SUPPRESSED, rules);
    return [Math.max(lo, grid.lower[p]!), hi];
  });
  // A pinned unpublished cell is a disclosure only if the profile would have suppressed its value.
  const disclosed = (pos: number, value: number): boolean => !grid.unpublished[pos] || isPrimary(value, rules);

  // Equations Σ addends − total = 0 over the variables: unknowns first (0..U−1), then knowns (U..).
  // Lines with no unknown are kept for the propagation (rounded knowns tighten each other).
  const withUnknowns: Array<Array<[number, number]>> = [];
  const knownOnly: Array<Array<[number, number]>> = [];
  for (const line of grid.lines) {
    const coefs = new Map<number, number>();
    const add = (pos: number, coef: number): void => {
      const u = unknownIdx.get(pos);
      const v = u !== undefined ? u : U + knownIdx.get(pos)!;
      coefs.set(v, (coefs.get(v) ?? 0) + coef);
    };
    for (const p of line.addends) add(p, 1);
    add(line.total, -1);
    const eq = [...coefs].filter(([, c]) => c !== 0);
    if (eq.some(([v]) => v < U)) withUnknowns.push(eq); else knownOnly.push(eq);
  }
  if (withUnknowns.length === 0) return [];

  const findings = new Map<number, Finding>();
  const { determined, reducedRows } = determinedUnknownsSparse(withUnknowns, U);
  for (const [u, coefs] of determined) {
    const [lo, hi] = sumRange(coefs.map(([k, q]) => scaleRange(knownRange[k]!, q.toNumber())));
    const [dlo, dhi] = domain[u]!;
    const l = Math.max(Math.ceil(lo - 1e-9), dlo);
    const h = Math.min(Math.floor(hi + 1e-9), dhi);
    if (l > h) return [...findings.values()]; // the published figures contradict the profile: no sound inference
    domain[u] = [l, h];
    if (l === h && disclosed(unknownPos[u]!, l)) findings.set(unknownPos[u]!, { pos: unknownPos[u]!, value: l, method: 'linear' });
  }

  // Interval propagation over the original and the reduced equations. Every position is a
  // variable: a "--" with the range an attacker knows, a rounded value with its rounding interval
  // (a point for exact profiles), so that rounded figures tighten each other as well.
  const vars: Array<[number, number]> = [...domain, ...knownRange.map((r): [number, number] => [r[0], r[1]])];
  const eqs: Array<Array<[number, number]>> = [...withUnknowns];
  if (rules.base !== 1) eqs.push(...knownOnly);
  for (const row of reducedRows) eqs.push(row.map(([v, q]): [number, number] => [v, q.toNumber()]));
  let infeasible = false;
  for (let pass = 0, changed = true; changed && !infeasible && pass < rules.options.maxPropagationPasses; pass++) {
    changed = false;
    for (const eq of eqs) {
      // Σ coef·x = 0: each x_u lies in −(the sum of the other terms)/coef_u. The sums are taken once per
      // equation (bounds narrowed meanwhile only make them looser, never wrong).
      const terms = eq.map(([v, c]) => scaleRange(vars[v]!, c));
      let loSum = 0; let loInf = 0; let hiSum = 0; let hiInf = 0;
      for (const [a, b] of terms) {
        if (a === -Infinity) loInf++; else loSum += a;
        if (b === Infinity) hiInf++; else hiSum += b;
      }
      for (let i = 0; i < eq.length && !infeasible; i++) {
        const [u, coef] = eq[i]!;
        const [a, b] = terms[i]!;
        const restLo = loInf - (a === -Infinity ? 1 : 0) > 0 ? -Infinity : loSum - (a === -Infinity ? 0 : a);
        const restHi = hiInf - (b === Infinity ? 1 : 0) > 0 ? Infinity : hiSum - (b === Infinity ? 0 : b);
        const [lo, hi] = scaleRange([-restHi, -restLo], 1 / coef);
        const [dlo, dhi] = vars[u]!;
        const nl = Math.max(dlo, Math.ceil(lo - 1e-9));
        const nh = Math.min(dhi, Math.floor(hi + 1e-9));
        if (nl > nh) infeasible = true; // the attacker's model does not fit: no sound inference
        else if (nl !== dlo || nh !== dhi) { vars[u] = [nl, nh]; changed = true; }
      }
      if (infeasible) break;
    }
  }
  if (!infeasible) {
    for (let u = 0; u < U; u++) {
      const [l, h] = vars[u]!;
      const pos = unknownPos[u]!;
      if (l === h && !findings.has(pos) && disclosed(pos, l)) findings.set(pos, { pos, value: l, method: 'bounds' });
    }
  }
  return [...findings.values()].sort((x, y) => x.pos - y.pos);
}

function scaleRange([lo, hi]: [number, number], k: number): [number, number] {
  if (k === 0) return [0, 0];
  const a = lo * k;
  const b = hi * k;
  return a <= b ? [a, b] : [b, a];
}

function sumRange(parts: Array<[number, number]>): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const [l, h] of parts) { lo += l; hi += h; }
  return [lo, hi];
}

// ---------------------------------------------------------------------------------------------
// Public API: one table

export interface ProtectOptions extends DisclosureOptions {
  /** A previous release: its suppressions of this table (matched by id and labels) are kept. */
  previous?: SuppressionMap;
  /**
   * Bordered positions [r, c] that may not be chosen as complementary suppressions (e.g. a total whose
   * fate another table decides); a primary value there is still suppressed. protectTable throws a
   * RangeError when the table cannot then be protected.
   */
  keepShown?: Array<[number, number]>;
  /**
   * Bordered positions an attacker may know exactly from elsewhere when they are shown (a row total
   * that other tables narrow down further than its rounding): the protection assumes they do.
   */
  knownExactly?: Array<[number, number]>;
}

export function protectTable(table: Table, profile: ProfileId, options: ProtectOptions = {}): ProtectedTable {
  return protectSet([table], profile, options, undefined)[0]!;
}

/** Proves (or disproves) that no suppressed position can be recovered exactly from the published table. */
export function auditRecoverability(original: Table, protectedTable: ProtectedTable): RecoverableCell[] {
  return auditSet([original], [protectedTable], undefined);
}

// ---------------------------------------------------------------------------------------------
// Public API: sets of overlapping tables

export interface ConsistentOptions extends ProtectOptions {
  /** Index of the table that is the cell-by-cell sum of the others (detected when omitted). */
  sumIndex?: number;
}

export interface ConsistentResult {
  tables: ProtectedTable[];
  sumIndex: number;
  /** What this release suppressed; pass it as `previous` to the next overlapping release. */
  suppressionMap: SuppressionMap;
}

/**
 * Protects a set of same-shaped tables where one is the sum of the others (months and their
 * quarter; monthly tables and a YTD table), so that differencing them cannot reveal a suppressed
 * value: the cross-table identities (quarter = Σ months, cell by cell, totals included) join the
 * row and column identities in one system, and complementary suppression runs over all of it.
 * Tables listed in `previous.released` are already public: their suppressions are kept and no new
 * suppression is placed in them.
 */
export function protectConsistently(tables: Table[], profile: ProfileId, options: ConsistentOptions = {}): ConsistentResult {
  const sumIndex = checkSumIndex(tables, options.sumIndex);
  const protectedTables = protectSet(tables, profile, options, sumIndex);
  const entries = protectedTables.flatMap((pt, i) => suppressionEntries(tables[i]!, pt, tableId(tables[i]!, i)));
  const released = [...new Set([...(options.previous?.released ?? []), ...tables.map((t, i) => tableId(t, i))])];
  const previousOthers = (options.previous?.entries ?? []).filter((e) => !tables.some((t, i) => tableId(t, i) === e.table));
  return { tables: protectedTables, sumIndex, suppressionMap: { released, entries: [...previousOthers, ...entries] } };
}

/** Audit across overlapping tables (sumIndex as in protectConsistently). */
export function auditRecoverabilityAcross(originals: Table[], protectedTables: ProtectedTable[], sumIndex?: number): RecoverableCell[] {
  return auditSet(originals, protectedTables, checkSumIndex(originals, sumIndex));
}

/** The same figure published in two tables: table `a[0]` at bordered [a[1], a[2]] equals table `b[0]` at [b[1], b[2]]. */
export interface SharedFigure { a: [number, number, number]; b: [number, number, number] }

/**
 * Audit of tables published together that share figures (a row total that is also the total of that
 * row's own breakdown): the attacker combines every table's equations, joined at the shared figures.
 */
export function auditRecoverabilityLinked(originals: Table[], protectedTables: ProtectedTable[], shared: SharedFigure[]): RecoverableCell[] {
  return auditSet(originals, protectedTables, undefined, shared);
}

/** The suppression map of one protected table. */
export function suppressionMapOf(table: Table, protectedTable: ProtectedTable, index = 0): SuppressionMap {
  const id = tableId(table, index);
  return { released: [id], entries: suppressionEntries(table, protectedTable, id) };
}

function tableId(t: Table, i: number): string {
  return t.id ?? `#${i}`;
}

function label(t: Table, r: number, c: number): { row: string; col: string } {
  return { row: r < t.rows.length ? t.rows[r]! : TOTAL_LABEL, col: c < t.cols.length ? t.cols[c]! : TOTAL_LABEL };
}

function suppressionEntries(t: Table, pt: ProtectedTable, id: string): SuppressionEntry[] {
  return pt.suppressed.map(([r, c]) => ({ table: id, ...label(t, r, c) }));
}

/** Checks that the tables have one shape and that `sumIndex` (or the detected one) is the sum of the others. */
function checkSumIndex(tables: Table[], sumIndex: number | undefined): number {
  if (tables.length < 2) throw new RangeError('A set of overlapping tables needs at least two tables');
  const shape = (t: Table): string => JSON.stringify([t.rows, t.cols, t.rowTotals ?? false, t.colTotals ?? false, t.grandTotal ?? false]);
  const s0 = shape(tables[0]!);
  tables.forEach((t, i) => { if (shape(t) !== s0) throw new RangeError(`Table ${tableId(t, i)} does not have the same rows, columns and totals as table ${tableId(tables[0]!, 0)}`); });
  tables.forEach((t) => layoutOf(t));
  const isSum = (i: number): boolean => tables[i]!.cells.every((row, r) => row.every((v, c) => v === tables.reduce((a, o, j) => (j === i ? a : a + o.cells[r]![c]!), 0)));
  if (sumIndex !== undefined) {
    if (!Number.isInteger(sumIndex) || sumIndex < 0 || sumIndex >= tables.length) throw new RangeError(`sumIndex ${sumIndex} is out of range`);
    if (!isSum(sumIndex)) throw new RangeError(`Table ${tableId(tables[sumIndex]!, sumIndex)} is not the cell-by-cell sum of the others`);
    return sumIndex;
  }
  for (let i = 0; i < tables.length; i++) if (isSum(i)) return i;
  throw new RangeError('None of the tables is the cell-by-cell sum of the others');
}

interface SetGrid { grid: Grid; layouts: Layout[]; offsets: number[] }

function buildSet(tables: Table[], sumIndex: number | undefined, lockedTables: ReadonlySet<number>, shared: SharedFigure[] = []): SetGrid {
  const layouts = tables.map(layoutOf);
  const offsets: number[] = [];
  const values: number[] = [];
  const isTotal: boolean[] = [];
  const locked: boolean[] = [];
  const unpublished: boolean[] = [];
  const lower: number[] = [];
  const lines: Line[] = [];
  tables.forEach((t, i) => {
    offsets.push(values.length);
    const parts = tableParts(t, layouts[i]!, values.length);
    values.push(...parts.values);
    isTotal.push(...parts.isTotal);
    unpublished.push(...parts.unpublished);
    lower.push(...parts.lower);
    locked.push(...parts.values.map(() => lockedTables.has(i)));
    lines.push(...parts.lines);
  });
  const positionOf = ([t, r, c]: [number, number, number]): number => {
    const k = layouts[t]?.index.get(`${r},${c}`);
    if (k === undefined) throw new RangeError(`Table ${t} publishes nothing at [${r}, ${c}]`);
    return offsets[t]! + k;
  };
  for (const { a, b } of shared) {
    const [pa, pb] = [positionOf(a), positionOf(b)];
    if (values[pa] !== values[pb]) throw new RangeError(`Shared figures differ: ${values[pa]} at ${a.join(',')}, ${values[pb]} at ${b.join(',')}`);
    lines.push({ addends: [pa], total: pb });
  }
  if (sumIndex !== undefined) {
    if (sumIndex < 0 || sumIndex >= tables.length) throw new RangeError(`sumIndex ${sumIndex} out of range`);
    const lay = layouts[sumIndex]!;
    lay.coords.forEach((_, k) => {
      const addends = tables.map((_, i) => offsets[i]! + k).filter((_, i) => i !== sumIndex);
      lines.push({ addends, total: offsets[sumIndex]! + k });
      // The sum table is a total along the "table" axis too.
      isTotal[offsets[sumIndex]! + k] = true;
    });
  }
  return { grid: finishGrid(values, isTotal, lines, locked, unpublished, lower), layouts, offsets };
}

function protectSet(tables: Table[], profile: ProfileId, options: ProtectOptions, sumIndex: number | undefined): ProtectedTable[] {
  const rules = rulesFor(profile, options);
  const ids = tables.map(tableId);
  const released = new Set(options.previous?.released ?? []);
  const lockedTables = new Set(ids.map((id, i) => (released.has(id) ? i : -1)).filter((i) => i >= 0));
  const { grid, layouts, offsets } = buildSet(tables, sumIndex, lockedTables);
  const positionOf = ([r, c]: [number, number], option: string): number => {
    const k = layouts[0]!.index.get(`${r},${c}`);
    if (k === undefined) throw new RangeError(`${option}: the table publishes nothing at [${r}, ${c}]`);
    return offsets[0]! + k;
  };
  for (const at of options.keepShown ?? []) grid.locked[positionOf(at, 'keepShown')] = true;
  const knownExactly = new Set((options.knownExactly ?? []).map((at) => positionOf(at, 'knownExactly')));
  const forced = new Set<number>();
  for (const e of options.previous?.entries ?? []) {
    const i = ids.indexOf(e.table);
    if (i < 0) continue;
    const t = tables[i]!;
    const r = e.row === TOTAL_LABEL ? t.rows.length : t.rows.indexOf(e.row);
    const c = e.col === TOTAL_LABEL ? t.cols.length : t.cols.indexOf(e.col);
    const k = r < 0 || c < 0 ? undefined : layouts[i]!.index.get(`${r},${c}`);
    if (k !== undefined) forced.add(offsets[i]! + k);
  }
  const { published } = protectGrid(grid, rules, forced, knownExactly);
  return tables.map((t, i) => toProtected(t, layouts[i]!, published.slice(offsets[i]!, offsets[i]! + layouts[i]!.coords.length), rules));
}

function toProtected(t: Table, lay: Layout, published: Published[], rules: Rules): ProtectedTable {
  const get = (r: number, c: number): Published => published[lay.index.get(`${r},${c}`)!]!;
  const out: ProtectedTable = {
    ...(t.id !== undefined ? { id: t.id } : {}),
    profile: rules.profile,
    options: rules.options,
    cells: t.cells.map((row, r) => row.map((_, c) => get(r, c))),
    suppressed: lay.coords.filter((_, k) => published[k] === SUPPRESSED).map(([r, c]) => [r, c] as [number, number]),
  };
  if (lay.rowTotals) out.rowTotals = t.rows.map((_, r) => get(r, lay.C));
  if (lay.colTotals) out.colTotals = t.cols.map((_, c) => get(lay.R, c));
  if (lay.grandTotal) out.grandTotal = get(lay.R, lay.C);
  return out;
}

function auditSet(originals: Table[], protectedTables: ProtectedTable[], sumIndex: number | undefined, shared: SharedFigure[] = []): RecoverableCell[] {
  if (originals.length !== protectedTables.length) throw new RangeError('auditRecoverability: one protected table per original is needed');
  const first = protectedTables[0];
  if (!first) return [];
  if (protectedTables.some((p) => p.profile !== first.profile)) throw new RangeError('auditRecoverability: the tables use different profiles');
  const rules = rulesFor(first.profile, first.options);
  const { grid, layouts, offsets } = buildSet(originals, sumIndex, new Set(), shared);
  const published: Published[] = [];
  originals.forEach((t, i) => {
    const pt = protectedTables[i]!;
    const lay = layouts[i]!;
    for (const [r, c] of lay.coords) {
      const v = r < lay.R && c < lay.C ? pt.cells[r]?.[c]
        : r < lay.R ? pt.rowTotals?.[r]
          : c < lay.C ? pt.colTotals?.[c] : pt.grandTotal;
      if (v === undefined) throw new RangeError(`auditRecoverability: the protected table ${tableId(t, i)} has no value at [${r}, ${c}]`);
      published.push(v);
    }
  });
  return auditGrid(grid, published, rules).map((f) => {
    let table = 0;
    while (table + 1 < offsets.length && offsets[table + 1]! <= f.pos) table++;
    const [r, c] = layouts[table]!.coords[f.pos - offsets[table]!]!;
    return { table, at: [r, c], value: f.value, trueValue: grid.values[f.pos]!, method: f.method };
  });
}
