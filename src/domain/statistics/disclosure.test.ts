import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { determinedUnknowns, determinedUnknownsSparse } from './linear.ts';
import {
  auditRecoverability,
  auditRecoverabilityAcross,
  auditRecoverabilityLinked,
  resolveOptions,
  formatPublished,
  plausibleRange,
  protectConsistently,
  protectRate,
  protectTable,
  protectValue,
  suppressionMapOf,
  SUPPRESSED,
  type ProtectedTable,
  type Published,
  type Table,
} from './disclosure.ts';

const row = (cells: number[]): Table => ({ rows: ['r'], cols: cells.map((_, i) => `c${i}`), cells: [cells], rowTotals: true });

describe('IRCC_R5 single values (§6.1 default)', () => {
  it.each<[number, string]>([
    [0, '0'], [3, '--'], [5, '--'], [6, '5'], [8, '10'], [1882, '1,880'],
  ])('%i → %s', (v, shown) => {
    expect(formatPublished(protectValue(v, 'IRCC_R5'))).toBe(shown);
  });

  it('upper-bound inclusivity and zero handling are configurable', () => {
    expect(protectValue(5, 'IRCC_R5', { upperInclusive: false })).toBe(5);
    expect(protectValue(4, 'IRCC_R5', { upperInclusive: false })).toBe(SUPPRESSED);
    expect(protectValue(0, 'IRCC_R5', { zeroShownAsZero: false })).toBe(SUPPRESSED);
  });

  it('what an attacker knows about a published IRCC value', () => {
    expect(plausibleRange(0, 'IRCC_R5')).toEqual([0, 0]);
    expect(plausibleRange(5, 'IRCC_R5')).toEqual([6, 7]);
    expect(plausibleRange(5, 'IRCC_R5', { upperInclusive: false })).toEqual([5, 7]);
    expect(plausibleRange(10, 'IRCC_R5')).toEqual([8, 12]);
    expect(plausibleRange(SUPPRESSED, 'IRCC_R5', { complementary: false })).toEqual([1, 5]);
    expect(plausibleRange(SUPPRESSED, 'IRCC_R5')).toEqual([1, Infinity]);
  });

  it('IRCC totals are computed from the raw cells and rounded independently', () => {
    const t: Table = { rows: ['a', 'b'], cols: ['x', 'y'], cells: [[8, 12], [3, 1882]], rowTotals: true, colTotals: true, grandTotal: true };
    const p = protectTable(t, 'IRCC_R5', { complementary: false });
    expect(p.cells).toEqual([[10, 10], ['--', 1880]]);
    expect(p.rowTotals).toEqual([20, 1885]);
    expect(p.colTotals).toEqual([10, 1895]);
    expect(p.grandTotal).toBe(1905);
  });

  it('DHS_R10 rounds to the nearest 10 and NONE passes values through', () => {
    expect([4, 5, 14, 15, 1882].map((v) => protectValue(v, 'DHS_R10'))).toEqual([0, 10, 10, 20, 1880]);
    expect(protectValue(3, 'NONE')).toBe(3);
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => protectValue(-1, 'IRB_S20')).toThrow(RangeError);
    expect(() => protectValue(2.5, 'IRCC_R5')).toThrow(RangeError);
  });
});

describe('IRB_S20 worked examples (IRB "Protecting privacy" page, domain.md §6.4)', () => {
  it.each<[number[], Array<[number, number]>, Published]>([
    [[304, 125, 26, 20], [], 475],
    [[28, 45, 7, 12], [[0, 2], [0, 3]], 92],
    [[70, 29, 7, 21], [[0, 2], [0, 3]], 127],
    [[5, 3, 1, 1], [[0, 0], [0, 1], [0, 2], [0, 3], [0, 4]], '--'],
  ])('%j', (cells, suppressed, total) => {
    const t = row(cells);
    const p = protectTable(t, 'IRB_S20');
    expect(p.suppressed).toEqual(suppressed);
    expect(p.rowTotals).toEqual([total]);
    const hidden = new Set(suppressed.map(([, c]) => c));
    expect(p.cells[0]).toEqual(cells.map((v, c) => (hidden.has(c) ? '--' : v)));
    expect(auditRecoverability(t, p)).toEqual([]);
  });

  it('without the complement, 7 is recovered as 127 − 70 − 29 − 21', () => {
    const t = row([70, 29, 7, 21]);
    const p = protectTable(t, 'IRB_S20', { complementary: false });
    expect(p.suppressed).toEqual([[0, 2]]);
    expect(auditRecoverability(t, p)).toEqual([{ table: 0, at: [0, 2], value: 7, trueValue: 7, method: 'linear' }]);
  });

  it('two small cells whose sum is forced by the bounds are protected as well (1 + 1 = 52 − 50)', () => {
    const t = row([1, 1, 50]);
    const bare = protectTable(t, 'IRB_S20', { complementary: false });
    expect(auditRecoverability(t, bare).map((f) => [f.at, f.value, f.method])).toEqual([[[0, 0], 1, 'bounds'], [[0, 1], 1, 'bounds']]);
    const p = protectTable(t, 'IRB_S20');
    expect(p.suppressed).toEqual([[0, 0], [0, 1], [0, 2]]);
    expect(auditRecoverability(t, p)).toEqual([]);
  });

  it('zero handling is configurable', () => {
    const t = row([0, 45, 60]);
    expect(protectTable(t, 'IRB_S20').cells[0]).toEqual([0, 45, 60]);
    expect(protectTable(t, 'IRB_S20', { zeroShownAsZero: false }).cells[0]).toEqual(['--', '--', 60]);
  });
});

describe('complementary suppression on both axes', () => {
  const t: Table = {
    rows: ['A', 'B', 'C'], cols: ['X', 'Y', 'Z'],
    cells: [[50, 7, 60], [40, 80, 90], [30, 25, 70]],
    rowTotals: true, colTotals: true, grandTotal: true,
  };

  it('a complement added for a column is itself protected in its row, until stable', () => {
    const p = protectTable(t, 'IRB_S20');
    // 7 (row A, col Y) → row complement 50 (A,X) and column complement 25 (C,Y);
    // (A,X) is then alone in column X → 30 (C,X).
    expect(p.suppressed).toEqual([[0, 0], [0, 1], [2, 0], [2, 1]]);
    expect(p.rowTotals).toEqual([117, 210, 125]);
    expect(p.colTotals).toEqual([120, 112, 220]);
    expect(p.grandTotal).toBe(452);
    expect(auditRecoverability(t, p)).toEqual([]);
  });

  it('row-only protection leaks through the column totals; the audit finds it', () => {
    // What a row-by-row application of the IRB rule publishes, with exact column totals beside it.
    const rowsOnly = t.cells.map((cells) => protectTable(row(cells), 'IRB_S20'));
    const naive: ProtectedTable = {
      profile: 'IRB_S20', options: rowsOnly[0]!.options,
      cells: rowsOnly.map((p) => p.cells[0]!),
      rowTotals: rowsOnly.map((p) => p.rowTotals![0]!),
      colTotals: [120, 112, 220], grandTotal: 452,
      suppressed: [[0, 0], [0, 1]],
    };
    expect(naive.cells[0]).toEqual(['--', '--', 60]);
    const leaks = auditRecoverability(t, naive);
    // Column X: 120 − 40 − 30 = 50; column Y: 112 − 80 − 25 = 7.
    expect(leaks.map((f) => [f.at, f.value])).toEqual([[[0, 0], 50], [[0, 1], 7]]);
    expect(leaks.every((f) => f.value === f.trueValue)).toBe(true);
  });

  it('an attempt to recover a suppressed cell from the row and column totals fails', () => {
    const p = protectTable(t, 'IRB_S20');
    expect(auditRecoverability(t, p)).toEqual([]);
    // The published equations leave a one-parameter family: (A,X) can be anything from 26 to 56.
    const candidates = [26, 50, 56].map((ax) => {
      const ay = 117 - 60 - ax;
      const cx = 120 - 40 - ax;
      const cy = 125 - 70 - cx;
      return [ax, ay, cx, cy];
    });
    for (const [ax, ay, cx, cy] of candidates) {
      expect(ay! + 80 + cy!).toBe(112);
      expect([ax, ay, cx, cy].every((v) => v! >= 1)).toBe(true);
    }
  });

  it('IRCC: plain rounding can leak a "--" through a published 5; the audit-driven complement closes it', () => {
    const t2 = row([1, 6]); // published '--', 5 (6 or 7) and total 5 (6 or 7): the '--' must be 1
    const bare = protectTable(t2, 'IRCC_R5', { complementary: false });
    expect(bare.cells[0]).toEqual(['--', 5]);
    expect(bare.rowTotals).toEqual([5]);
    // x = total − 5: (6..7) − (6..7) = −1..1, and a "--" is at least 1.
    expect(auditRecoverability(t2, bare)).toEqual([{ table: 0, at: [0, 0], value: 1, trueValue: 1, method: 'linear' }]);
    const p = protectTable(t2, 'IRCC_R5');
    expect(p.cells[0]).toEqual(['--', '--']);
    expect(auditRecoverability(t2, p)).toEqual([]);
  });
});

describe('overlapping releases (§6.4 rule 4): months and their quarter', () => {
  const labels = { rows: ['Quebec', 'Ontario'], cols: ['Airport', 'Border', 'Inland'], rowTotals: true, colTotals: true, grandTotal: true };
  const months: Table[] = [
    { id: '2024-01', ...labels, cells: [[40, 7, 90], [120, 60, 150]] },
    { id: '2024-02', ...labels, cells: [[45, 30, 85], [110, 70, 160]] },
    { id: '2024-03', ...labels, cells: [[50, 35, 95], [130, 65, 140]] },
  ];
  const quarter: Table = { id: '2024-Q1', ...labels, cells: [[135, 72, 270], [360, 195, 450]] };
  const all = [...months, quarter];

  it('independent protection: the January cell is recovered as quarter − February − March', () => {
    const independent = all.map((t) => protectTable(t, 'IRB_S20'));
    expect(independent[0]!.cells[0]![1]).toBe('--');
    independent.forEach((p, i) => expect(auditRecoverability(all[i]!, p)).toEqual([]));
    const leaks = auditRecoverabilityAcross(all, independent);
    expect(leaks.find((f) => f.table === 0 && f.at[0] === 0 && f.at[1] === 1)).toMatchObject({ value: 7, trueValue: 7 });
    expect(72 - 30 - 35).toBe(7);
  });

  it('consistent protection: differencing the two releases recovers nothing', () => {
    const { tables, sumIndex, suppressionMap } = protectConsistently(all, 'IRB_S20');
    expect(sumIndex).toBe(3);
    expect(tables[0]!.cells[0]![1]).toBe('--');
    // The January 7 needs a partner along the month axis too (February, March or the quarter).
    expect([1, 2, 3].some((i) => tables[i]!.cells[0]![1] === '--')).toBe(true);
    expect(auditRecoverabilityAcross(all, tables)).toEqual([]);
    expect(suppressionMap.entries).toContainEqual({ table: '2024-01', row: 'Quebec', col: 'Border' });
  });

  it('the months were released first: the quarter is protected around their suppression map', () => {
    const released = months.map((m) => protectTable(m, 'IRB_S20'));
    const previous = {
      released: months.map((m) => m.id!),
      entries: released.flatMap((p, i) => suppressionMapOf(months[i]!, p, i).entries),
    };
    const { tables } = protectConsistently(all, 'IRB_S20', { previous });
    tables.slice(0, 3).forEach((p, i) => expect(p.cells).toEqual(released[i]!.cells));
    expect(auditRecoverabilityAcross(all, tables)).toEqual([]);
  });

  it('rejects a set where no table is the sum of the others', () => {
    expect(() => protectConsistently(months, 'IRB_S20')).toThrow(/sum of the others/);
  });
});

describe('rates (§6.4 rule 3)', () => {
  it('publishes a rate only if numerator and denominator both pass the threshold', () => {
    expect(protectRate(25, 100, 'IRB_S20')).toEqual({ value: 25, numerator: 25, denominator: 100 });
    expect(protectRate(15, 100, 'IRB_S20')).toMatchObject({ value: '--', numerator: '--', reason: 'numerator_suppressed' });
    expect(protectRate(15, 19, 'IRB_S20')).toMatchObject({ value: '--', reason: 'denominator_suppressed' });
    expect(protectRate(3, 100, 'IRCC_R5')).toMatchObject({ value: '--', numerator: '--' });
    expect(protectRate(6, 8, 'IRCC_R5')).toEqual({ value: 75, numerator: 5, denominator: 10 });
    expect(protectRate(0, 0, 'IRB_S20', { zeroShownAsZero: true })).toMatchObject({ value: '--', reason: 'zero_denominator' });
    expect(protectRate(30290, 48014, 'IRB_S20')).toMatchObject({ value: 63.1 });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const arbValue = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 25 }) },
  { weight: 3, arbitrary: fc.integer({ min: 20, max: 400 }) },
);

const arbTable = fc.record({
  r: fc.integer({ min: 1, max: 4 }),
  c: fc.integer({ min: 1, max: 4 }),
  rowTotals: fc.boolean(),
  colTotals: fc.boolean(),
  grandTotal: fc.boolean(),
}).chain(({ r, c, ...flags }) => fc.array(fc.array(arbValue, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })
  .map((cells): Table => ({ rows: cells.map((_, i) => `r${i}`), cols: Array.from({ length: c }, (_, j) => `c${j}`), cells, ...flags })));

function publishedValues(p: ProtectedTable): Published[] {
  return [...p.cells.flat(), ...(p.rowTotals ?? []), ...(p.colTotals ?? []), ...(p.grandTotal === undefined ? [] : [p.grandTotal])];
}

function trueValues(t: Table): number[] {
  const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
  const colSums = t.cols.map((_, c) => sum(t.cells.map((r) => r[c]!)));
  return [
    ...t.cells.flat(),
    ...(t.rowTotals ? t.cells.map(sum) : []),
    ...(t.colTotals ? colSums : []),
    ...(t.grandTotal ? [sum(colSums)] : []),
  ];
}

describe('properties of protectTable', () => {
  it('IRB_S20: nothing is recoverable, and every shown value is the original', () => {
    fc.assert(fc.property(arbTable, (t) => {
      const p = protectTable(t, 'IRB_S20');
      expect(auditRecoverability(t, p)).toEqual([]);
      const truth = trueValues(t);
      publishedValues(p).forEach((v, i) => {
        if (v !== SUPPRESSED) expect(v).toBe(truth[i]);
        else expect(truth[i] === 0 || truth[i]! < 20 || p.suppressed.length > 0).toBe(true);
      });
      // every primary (0 < v < 20) is suppressed
      truth.forEach((v, i) => { if (v > 0 && v < 20) expect(publishedValues(p)[i]).toBe(SUPPRESSED); });
    }), { numRuns: 150 });
  });

  it('IRCC_R5: nothing is recoverable, and every shown value is a multiple of 5 within ±2', () => {
    fc.assert(fc.property(arbTable, (t) => {
      const p = protectTable(t, 'IRCC_R5');
      expect(auditRecoverability(t, p)).toEqual([]);
      const truth = trueValues(t);
      publishedValues(p).forEach((v, i) => {
        if (v === SUPPRESSED) return;
        expect(v % 5).toBe(0);
        expect(Math.abs(v - truth[i]!)).toBeLessThanOrEqual(2);
      });
      truth.forEach((v, i) => { if (v >= 1 && v <= 5) expect(publishedValues(p)[i]).toBe(SUPPRESSED); });
    }), { numRuns: 150 });
  });

  it('consistent protection of a month set and its sum leaves nothing recoverable across the set', () => {
    const arbSet = fc.record({
      r: fc.integer({ min: 1, max: 3 }), c: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 2, max: 3 }),
    }).chain(({ r, c, k }) => fc.array(fc.array(fc.array(arbValue, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }), { minLength: k, maxLength: k }));
    fc.assert(fc.property(arbSet, (parts) => {
      const base = { rows: parts[0]!.map((_, i) => `r${i}`), cols: parts[0]![0]!.map((_, j) => `c${j}`), rowTotals: true, colTotals: true, grandTotal: true };
      const tables: Table[] = parts.map((cells, i) => ({ id: `m${i}`, ...base, cells }));
      const sum = parts[0]!.map((rowCells, r) => rowCells.map((_, c) => parts.reduce((a, p) => a + p[r]![c]!, 0)));
      tables.push({ id: 'sum', ...base, cells: sum });
      const { tables: out } = protectConsistently(tables, 'IRB_S20', { sumIndex: tables.length - 1 });
      expect(auditRecoverabilityAcross(tables, out, tables.length - 1)).toEqual([]);
    }), { numRuns: 60 });
  });
});

// ---------------------------------------------------------------------------------------------
// Cross-check of the audit against an exhaustive search on tiny tables

/** Every completion of the published table an attacker must consider (values capped at `cap`). */
function exhaustiveRecoverable(t: Table, p: ProtectedTable, cap: number): string[] {
  const R = t.rows.length;
  const C = t.cols.length;
  const pub = (r: number, c: number): Published => p.cells[r]![c]!;
  const fits = (v: number, x: Published): boolean => {
    const [lo, hi] = plausibleRange(x, p.profile, p.options);
    return v >= lo && v <= hi;
  };
  const vars: Array<[number, number]> = [];
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) vars.push([r, c]);
  const vals = t.cells.map((r) => r.slice());
  const seen = vars.map(() => new Set<number>());
  const walk = (i: number): void => {
    if (i === vars.length) {
      const rs = vals.map((cells) => cells.reduce((a, b) => a + b, 0));
      const cs = t.cols.map((_, c) => vals.reduce((a, cells) => a + cells[c]!, 0));
      if (p.rowTotals && !rs.every((v, r) => fits(v, p.rowTotals![r]!))) return;
      if (p.colTotals && !cs.every((v, c) => fits(v, p.colTotals![c]!))) return;
      if (p.grandTotal !== undefined && !fits(rs.reduce((a, b) => a + b, 0), p.grandTotal)) return;
      vars.forEach(([r, c], k) => seen[k]!.add(vals[r]![c]!));
      return;
    }
    const [r, c] = vars[i]!;
    const [lo, hi] = plausibleRange(pub(r, c), p.profile, p.options);
    for (let v = lo; v <= Math.min(hi, cap); v++) { vals[r]![c] = v; walk(i + 1); }
  };
  walk(0);
  return vars.filter(([r, c], k) => pub(r, c) === SUPPRESSED && seen[k]!.size === 1).map(([r, c]) => `${r},${c}`);
}

describe('auditRecoverability agrees with an exhaustive search on tiny tables', () => {
  const tiny = fc.record({ r: fc.integer({ min: 1, max: 2 }), c: fc.integer({ min: 1, max: 2 }), rowTotals: fc.boolean(), colTotals: fc.boolean(), grandTotal: fc.boolean() })
    .chain(({ r, c, ...flags }) => fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 22 }), fc.integer({ min: 18, max: 40 })), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })
      .map((cells): Table => ({ rows: cells.map((_, i) => `r${i}`), cols: Array.from({ length: c }, (_, j) => `c${j}`), cells, ...flags })));
  const bodyFindings = (t: Table, p: ProtectedTable): string[] =>
    auditRecoverability(t, p).filter((f) => f.at[0] < t.rows.length && f.at[1] < t.cols.length).map((f) => f.at.join(','));

  it.each(['IRB_S20', 'IRCC_R5'] as const)('%s, primary suppression only: the same cells are found recoverable', (profile) => {
    fc.assert(fc.property(tiny, (t) => {
      const p = protectTable(t, profile, { complementary: false });
      expect(bodyFindings(t, p)).toEqual(exhaustiveRecoverable(t, p, 60));
    }), { numRuns: 120 });
  });

  it.each(['IRB_S20', 'IRCC_R5'] as const)('%s, full protection: the exhaustive search recovers nothing either', (profile) => {
    fc.assert(fc.property(tiny, (t) => {
      const p = protectTable(t, profile);
      if (p.cells.flat().filter((v) => v === SUPPRESSED).length > 3) return; // keep the search small
      expect(exhaustiveRecoverable(t, p, 45)).toEqual([]);
    }), { numRuns: 120 });
  });
});

// ---------------------------------------------------------------------------------------------
// Options used by whole answers (answerProtection.ts)

describe('tables whose body is not published', () => {
  it('a cell pinned to a small value is a disclosure; one pinned to 0 or to a value the profile shows is not', () => {
    // Row a = 20 + 1, row b = 0 + 0; only the margins are published, and column y (1) is "--".
    const t: Table = { rows: ['a', 'b'], cols: ['x', 'y'], cells: [[20, 1], [0, 0]], bodyPublished: false, rowTotals: true, colTotals: true, grandTotal: true };
    const published: ProtectedTable = { profile: 'IRB_S20', options: resolveOptions('IRB_S20'), suppressed: [], cells: [['--', '--'], ['--', '--']], rowTotals: [21, 0], colTotals: [20, '--'], grandTotal: 21 };
    // (a, y) = 1 and the column total y = 1 are pinned; (a, x) = 20 and the zeros of row b are pinned too, but are no secret.
    expect(auditRecoverability(t, published)).toEqual([
      { table: 0, at: [0, 1], value: 1, trueValue: 1, method: 'bounds' }, { table: 0, at: [2, 1], value: 1, trueValue: 1, method: 'linear' }]);
    // Protected, column x goes too: row a (21) is then 20 + 1 or 1 + 20 or anything between.
    const p = protectTable(t, 'IRB_S20');
    expect([p.rowTotals, p.colTotals, p.grandTotal]).toEqual([[21, 0], ['--', '--'], 21]);
    expect(auditRecoverability(t, p)).toEqual([]);
  });
});

describe('keepShown and knownExactly', () => {
  it('a kept total is never the complement: another addend is', () => {
    const t = row([70, 29, 7]);
    expect(protectTable(t, 'IRB_S20').suppressed).toEqual([[0, 1], [0, 2]]);
    const kept = protectTable({ ...t, cells: [[70, 7]] , cols: ['a', 'b'] }, 'IRB_S20', { keepShown: [[0, 2]] });
    expect(kept.rowTotals).toEqual([77]);
    expect(kept.suppressed).toEqual([[0, 0], [0, 1]]);
  });

  it('a rounded total known exactly from elsewhere calls for a complement the rounding alone did not', () => {
    // 88 + 1 = 89 shown as 90: with the rounding, "--" = (88..92) − (88..92) ∈ 1..4; knowing 89, it is 89 − (88..92) ∈ 1..1.
    const t = row([88, 1]);
    expect(protectTable(t, 'IRCC_R5').cells[0]).toEqual([90, '--']);
    expect(protectTable(t, 'IRCC_R5', { knownExactly: [[0, 2]] }).cells[0]).toEqual(['--', '--']);
  });

  it('lower bounds known from elsewhere tighten a suppressed cell: 3 + 2 = 105 − 100 when each is at least its known minimum', () => {
    const t: Table = { rows: ['a', 'b', 'c'], cols: ['n'], cells: [[100], [3], [2]], colTotals: true };
    expect(protectTable(t, 'IRB_S20').cells).toEqual([[100], ['--'], ['--']]);
    const bounded = { ...t, lowerBounds: [[1], [3], [2]] };
    expect(auditRecoverability(bounded, protectTable(t, 'IRB_S20')).map((f) => [f.at, f.value])).toEqual([[[1, 0], 3], [[2, 0], 2]]);
    expect(protectTable(bounded, 'IRB_S20').cells).toEqual([['--'], ['--'], ['--']]);
  });
});

describe('tables that share figures', () => {
  it('each table safe alone, but not together: the audit of the set finds it', () => {
    // Totals: A 100, B 7 (hidden), C 20 (its complement), total 127. B's own breakdown 4 + 3 is hidden,
    // C's breakdown 12 + 8 hidden: alone each is safe; together nothing new. Then publish C's total in its
    // own table: C = 20 gives B = 127 − 100 − 20 = 7.
    const totals: Table = { rows: ['A', 'B', 'C'], cols: ['n'], cells: [[100], [7], [20]], colTotals: true };
    const pTotals = protectTable(totals, 'IRB_S20');
    expect(pTotals.cells).toEqual([[100], ['--'], ['--']]);
    const cTable: Table = { rows: [''], cols: ['x', 'y'], cells: [[12, 8]], rowTotals: true };
    const hiddenC: ProtectedTable = { profile: 'IRB_S20', options: pTotals.options, cells: [['--', '--']], rowTotals: ['--'], suppressed: [[0, 0], [0, 1], [0, 2]] };
    const shared = [{ a: [0, 2, 0] as [number, number, number], b: [1, 0, 2] as [number, number, number] }];
    expect(auditRecoverabilityLinked([totals, cTable], [pTotals, hiddenC], shared)).toEqual([]);
    const leaky = { ...hiddenC, rowTotals: [20] as Published[] };
    expect(auditRecoverability(cTable, leaky)).toEqual([]);
    expect(auditRecoverabilityLinked([totals, cTable], [pTotals, leaky], shared).map((f) => [f.table, f.at, f.value])).toEqual([[0, [1, 0], 7], [0, [2, 0], 20]]);
  });
});

describe('the sparse solver agrees with the dense one', () => {
  it('same rank, same determined unknowns, and both give their true values', () => {
    // Random consistent systems: random coefficients, a solution, and a last known (= 1) that balances each row.
    const system = fc.record({ U: fc.integer({ min: 1, max: 6 }), K: fc.integer({ min: 0, max: 3 }), R: fc.integer({ min: 1, max: 6 }) }).chain(({ U, K, R }) => fc.record({
      x: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: U, maxLength: U }),
      y: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: K, maxLength: K }),
      rows: fc.array(fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: -2, max: 2 })), { minLength: U + K, maxLength: U + K }), { minLength: R, maxLength: R }),
    }));
    fc.assert(fc.property(system, ({ x, y, rows }) => {
      const U = x.length;
      const known = [...y, 1];
      const full = rows.map((r) => [...r, -r.reduce((a, v, c) => a + v * (c < U ? x[c]! : y[c - U]!), 0)]);
      const dense = determinedUnknowns(full.map((r) => r.slice(0, U)), full.map((r) => r.slice(U)), U, known.length);
      const sparse = determinedUnknownsSparse(full.map((r) => r.flatMap((v, c): Array<[number, number]> => (v === 0 ? [] : [[c, v]]))), U);
      expect(sparse.rank).toBe(dense.rank);
      expect([...sparse.determined.keys()].sort()).toEqual([...dense.determined.keys()].sort());
      for (const [u, coefs] of sparse.determined) expect(coefs.reduce((a, [k, q]) => a + q.toNumber() * known[k]!, 0)).toBeCloseTo(x[u]!, 9);
      for (const [u, coefs] of dense.determined) expect(coefs.reduce((a, q, k) => a + q.toNumber() * known[k]!, 0)).toBeCloseTo(x[u]!, 9);
    }), { numRuns: 500 });
  });
});
