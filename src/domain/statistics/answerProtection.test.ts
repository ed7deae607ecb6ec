import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { protectAnswer, sharedFigures, orderAndOther, derivedSum, protectedRate, type AnswerCells, type PublicProfile } from './answerProtection.ts';
import { auditRecoverability, auditRecoverabilityLinked, protectTable, SUPPRESSED } from './disclosure.ts';

const flow = (rows: Array<[string, number[][]]>, o: Partial<AnswerCells> = {}): AnswerCells => ({
  kind: 'flow', periods: rows[0]![1].map((_, i) => `p${i}`), categories: rows[0]![1][0]!.map((_, k) => `c${k}`),
  series: rows[0]![1].length > 1, byCategory: rows[0]![1][0]!.length > 1,
  rows: rows.map(([value, cells]) => ({ value, cells })), ...o,
});

describe('one answer protected as a whole', () => {
  it('a single small month cannot be recovered as the row total minus the other months', () => {
    // Office A: 40, 35, 7 by month (total 82). Without protection: 82 − 40 − 35 = 7.
    const a = flow([['A', [[40], [35], [7]]], ['B', [[50], [60], [45]]]]);
    const p = protectAnswer(a, 'IRB_S20');
    expect(p.rows.get('A')).toEqual({ n: 82, series: [40, SUPPRESSED, SUPPRESSED] });
    expect(p.rows.get('B')).toEqual({ n: 155, series: [50, 60, 45] });
    // The attacker's best: months 2 and 3 sum to 42, each at least 1 (a "--" is not 0).
    const { tables, published, shared } = sharedFigures(p);
    expect(auditRecoverabilityLinked(tables, published, shared)).toEqual([]);
  });

  it('a single small outcome cannot be recovered from the row total and the other outcomes', () => {
    const a = flow([['HTI', [[70, 29, 7, 21]]], ['MEX', [[304, 125, 26, 20]]]]);
    const p = protectAnswer(a, 'IRB_S20');
    // The IRB worked example: 7 and the next-lowest addend (21) suppressed.
    expect(p.rows.get('HTI')?.byCategory).toEqual({ c0: 70, c1: 29, c2: SUPPRESSED, c3: SUPPRESSED });
    expect(p.rows.get('MEX')?.byCategory).toEqual({ c0: 304, c1: 125, c2: 26, c3: 20 });
  });

  it('months by outcome are never published, and cannot be pinned from the months and the outcomes', () => {
    // Row total 60 = months (30, 30) = outcomes (59, 1): the single 1 is in month 1 or 2.
    const a = flow([['A', [[29, 1], [30, 0]]]], { series: true, byCategory: true });
    const p = protectAnswer(a, 'IRB_S20');
    expect(p.rows.get('A')).toEqual({ n: 60, series: [30, 30], byCategory: { c0: SUPPRESSED, c1: SUPPRESSED } });
    expect(twoWayFindings(a, p)).toEqual([]);
  });

  it('a hidden row total hides its whole row, and the count of its non-zero parts is known to the audit', () => {
    // Rows C and D are small (1 + 1 + 1 and 1 + 1) and the dimension total is public: 3 + 2 = G − 100.
    // Each hidden total is at least its number of non-zero months, so C = 3 and D = 2 would be pinned.
    const a = flow([['A', [[50], [50], [0]]], ['C', [[1], [1], [1]]], ['D', [[1], [0], [1]]]]);
    const p = protectAnswer(a, 'IRB_S20');
    expect(p.rows.get('C')).toEqual({ n: SUPPRESSED, series: [SUPPRESSED, SUPPRESSED, SUPPRESSED] });
    expect(p.rows.get('D')).toEqual({ n: SUPPRESSED, series: [SUPPRESSED, 0, SUPPRESSED] });
    // Without those bounds, A (100) would stay shown and 105 − 100 = 5 = 3 + 2 would pin both: A is hidden too.
    expect(p.grandTotal).toBe(105);
    expect(p.totals.get('A')).toBe(SUPPRESSED);
    expect(p.rows.get('A')).toEqual({ n: SUPPRESSED, series: [SUPPRESSED, SUPPRESSED, 0] });
    const { tables, published, shared } = sharedFigures(p);
    expect(auditRecoverabilityLinked(tables, published, shared)).toEqual([]);
    // The same totals protected without those bounds: the combined audit pins C = 3 and D = 2 (and their months).
    const naive = protectTable({ ...tables[0]!, lowerBounds: undefined }, 'IRB_S20');
    expect(naive.cells).toEqual([[100], [SUPPRESSED], [SUPPRESSED]]);
    const leaks = auditRecoverabilityLinked(tables, [naive, ...published.slice(1)], shared);
    expect(leaks.filter((f) => f.table === 0).map((f) => [f.at, f.value])).toEqual([[[1, 0], 3], [[2, 0], 2]]);
  });
});

describe('rounded totals narrowed by other tables (IRCC_R5)', () => {
  it('a row total pinned closer than its rounding by the totals table does not expose its own hidden part', () => {
    // v0 = 88 + 1 (shown 90: 88..92), v1 = 18 (shown 20: 18..22), total 107 (shown 105: 103..107), so
    // v0 = total − v1 is 81..89 and, with its rounding, 88 or 89: then its outcome "--" = v0 − (88..92) = 1.
    const a = flow([['v0', [[88, 1]]], ['v1', [[0, 18]]]]);
    const p = protectAnswer(a, 'IRCC_R5');
    expect(p.rows.get('v0')?.byCategory).toEqual({ c0: SUPPRESSED, c1: SUPPRESSED });
    const { tables, published, shared } = sharedFigures(p);
    expect(auditRecoverabilityLinked(tables, published, shared)).toEqual([]);
  });
});

describe('top-N and OTHER', () => {
  it('OTHER is the sum of the rows it folds when they are all shown, the total minus the rows shown otherwise', () => {
    const totals = new Map<string, number | '--'>([['A', 100], ['B', 50], ['C', 30], ['D', SUPPRESSED], ['E', SUPPRESSED]]);
    expect(orderAndOther(['E', 'D', 'C', 'B', 'A'], totals, 195, 2, true)).toEqual({ order: ['A', 'B'], rest: ['C', 'D', 'E'], other: 45 });
    // Without the dimension total (only some values asked for), the hidden rows make OTHER unknown.
    expect(orderAndOther(['E', 'D', 'C', 'B', 'A'], totals, 195, 2, false).other).toBe(SUPPRESSED);
    expect(orderAndOther(['E', 'D', 'C', 'B', 'A'], totals, SUPPRESSED, 2, true).other).toBe(SUPPRESSED);
    // Hidden rows are never ordered among themselves by size: they come last, by name.
    expect(orderAndOther(['E', 'D', 'C', 'B', 'A'], totals, 195, 4, true)).toEqual({ order: ['A', 'B', 'C', 'D'], rest: ['E'], other: SUPPRESSED });
  });

  it('no top-N OTHER reveals a hidden row: every OTHER follows from the protected totals table', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: 1, max: 19 }), fc.integer({ min: 20, max: 300 })), { minLength: 2, maxLength: 8 }),
      fc.constantFrom<PublicProfile>('IRB_S20', 'IRCC_R5'), (ns, profile) => {
        const a = flow(ns.map((n, i): [string, number[][]] => [`v${i}`, [[n]]]));
        const p = protectAnswer(a, profile);
        const values = ns.map((_, i) => `v${i}`);
        for (let top = 1; top < ns.length; top++) {
          const { rest, other } = orderAndOther(values, p.totals, p.grandTotal, top, true);
          if (other === SUPPRESSED) continue;
          // A published OTHER is a sum of published rows, or the published total minus published rows.
          const restShown = rest.every((v) => typeof p.totals.get(v) === 'number');
          expect(restShown || typeof p.grandTotal === 'number').toBe(true);
        }
      }), { numRuns: 200 });
  });
});

describe('rates and sums from published figures only', () => {
  it('a sum of outcomes is published only when published figures give it', () => {
    expect(derivedSum(['A', 'R'], { A: 25, R: SUPPRESSED, AB: 30, W: 20 }, 90)).toBe(40);
    expect(derivedSum(['A', 'R'], { A: 25, R: SUPPRESSED, AB: SUPPRESSED, W: 20 }, 90)).toBe(SUPPRESSED);
    expect(derivedSum(['A'], { A: 25, R: SUPPRESSED }, SUPPRESSED)).toBe(25);
  });

  it('the denominator of a merits rate is not published when it would reveal a hidden outcome', () => {
    // Accepted 25, rejected 15 (hidden), abandoned 3 (hidden): 40 = A + R would give R = 15.
    const byCategory = { ACCEPTED: 25, REJECTED: SUPPRESSED, ABANDONED: SUPPRESSED, WITHDRAWN_OTHER: 22 };
    const r = protectedRate('ACC_MERITS', { ACCEPTED: 25, REJECTED: 15, ABANDONED: 3, WITHDRAWN_OTHER: 22 }, byCategory, 65, 'IRB_S20');
    expect(r).toEqual({ percent: SUPPRESSED, numerator: 25, denominator: SUPPRESSED });
    const f = protectedRate('ACC_FINALIZED', { ACCEPTED: 25, REJECTED: 15, ABANDONED: 3, WITHDRAWN_OTHER: 22 }, byCategory, 65, 'IRB_S20');
    expect(f).toEqual({ percent: 38.5, numerator: 25, denominator: 65 });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: whatever the data, nothing an answer publishes lets an attacker pin a hidden figure

const count = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 25 }) }, { weight: 3, arbitrary: fc.integer({ min: 20, max: 200 }) });
const answerArb = fc.record({
  values: fc.integer({ min: 1, max: 5 }), periods: fc.integer({ min: 1, max: 4 }), categories: fc.integer({ min: 1, max: 3 }),
  kind: fc.constantFrom<'flow' | 'stock'>('flow', 'flow', 'stock'), series: fc.boolean(),
}).chain(({ values, periods, categories, kind, series }) => {
  const K = kind === 'stock' ? 1 : categories;
  const P = series ? periods : 1;
  return fc.array(fc.array(fc.array(count, { minLength: K, maxLength: K }), { minLength: P, maxLength: P }), { minLength: values, maxLength: values })
    .map((rows): AnswerCells => ({
      kind, periods: Array.from({ length: P }, (_, i) => `p${i}`), categories: K === 1 ? [''] : Array.from({ length: K }, (_, k) => `c${k}`),
      series, byCategory: K > 1, rows: rows.map((cells, i) => ({ value: `v${i}`, cells })),
    }));
});

/**
 * The full two-way table of each row (months by outcome, cells unpublished) with the published months,
 * outcomes and total as its margins, audited: a pinned cell would be a disclosure the separate
 * protection of the margins missed.
 */
function twoWayFindings(a: AnswerCells, p: ReturnType<typeof protectAnswer>): unknown[] {
  if (a.kind !== 'flow' || !a.series || !a.byCategory) return [];
  return a.rows.flatMap((r) => {
    const row = p.rows.get(r.value)!;
    const table = { rows: a.periods, cols: a.categories, cells: r.cells, bodyPublished: false, rowTotals: true, colTotals: true, grandTotal: true };
    const published = {
      profile: p.tables.totals.published.profile, options: p.tables.totals.published.options, suppressed: [],
      cells: r.cells.map((cells) => cells.map(() => SUPPRESSED)), rowTotals: row.series!, colTotals: a.categories.map((c) => row.byCategory![c]!), grandTotal: row.n,
    };
    return auditRecoverability(table, published).map((f) => ({ row: r.value, ...f }));
  });
}

describe('properties of protectAnswer', () => {
  it.each<PublicProfile>(['IRB_S20', 'IRCC_R5'])('%s: the totals table, each row\'s table and all of them together pass the recoverability audit', (profile) => {
    fc.assert(fc.property(answerArb, (a) => {
      const p = protectAnswer(a, profile);
      expect(auditRecoverability(p.tables.totals.table, p.tables.totals.published)).toEqual([]);
      for (const rts of p.tables.rows.values()) {
        for (const rt of [rts.series, rts.byCategory]) if (rt) expect(auditRecoverability(rt.table, rt.published)).toEqual([]);
      }
      const { tables, published, shared } = sharedFigures(p);
      expect(auditRecoverabilityLinked(tables, published, shared)).toEqual([]);
      // Months by outcome, never published, cannot be pinned either.
      expect(twoWayFindings(a, p)).toEqual([]);
      // A row total is the same figure wherever it appears.
      for (const [value, rts] of p.tables.rows) {
        for (const rt of [rts.series, rts.byCategory]) {
          if (!rt) continue;
          const [r, c] = rt.total;
          const inRow = r < rt.table.rows.length && c < rt.table.cols.length ? rt.published.cells[r]![c] : r < rt.table.rows.length ? rt.published.rowTotals![r] : rt.published.colTotals![c];
          expect(inRow).toBe(p.totals.get(value));
        }
      }
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) });
  });

  it('IRB_S20: every shown figure is at least 20 or 0, and exact', () => {
    fc.assert(fc.property(answerArb, (a) => {
      const p = protectAnswer(a, 'IRB_S20');
      for (const [value, row] of p.rows) {
        const src = a.rows.find((r) => r.value === value)!;
        const figures = [row.n, ...(row.series ?? []), ...Object.values(row.byCategory ?? {})];
        for (const f of figures) if (f !== SUPPRESSED) expect(f === 0 || f >= 20).toBe(true);
        if (row.n !== SUPPRESSED) expect(row.n).toBe(a.kind === 'stock' ? src.cells.at(-1)![0] : src.cells.flat().reduce((x, y) => x + y, 0));
      }
    }), { numRuns: 200 });
  });
});
