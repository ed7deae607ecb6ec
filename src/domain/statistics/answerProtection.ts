/**
 * Disclosure control of one live answer as a whole (issue #3): every figure an answer publishes is
 * either a cell of a protected table or derived from published figures only. Pure.
 *
 * The answer's counts arrive perturbed (perturbation.ts), and the tables below are protected on the
 * perturbed values, which are what is published: an audit of them is exact.
 *
 * - The totals table: one row per value of the dimension (all of them, whichever were asked for) with
 *   its column total, the dimension total (public, and what a top-N "OTHER" is the rest of).
 * - For each row shown, its series (periods) and its outcome breakdown, each a one-line table with the
 *   row total, protected with that total kept as the totals table decided, so that tables never feed
 *   back into each other; when the totals table hides a row total, everything in that row is hidden
 *   (zeros stay 0, and the count of non-zero "--" in the row is given to the totals table's audit as a
 *   lower bound). Months by outcome are never published: with both margins protected, such a cell can
 *   only be pinned to the value of one of its margins (Fréchet bounds of a two-way table), which its
 *   own table protects; the tests check this against the audit of the full two-way table.
 * - Breakdowns that are not part of the total (ineligibility grounds) are shown only under a shown parent.
 * - OTHER, rates and changes are published only when they follow from published figures.
 */
import {
  protectTable, protectValue, SUPPRESSED,
  type Published, type ProtectedTable, type SharedFigure, type Table,
} from './disclosure.ts';
import { roundedPercent, RATE_DEFINITIONS, type RateId } from './rates.ts';

export type PublicProfile = 'IRCC_R5' | 'IRB_S20';

export interface AnswerRowCells {
  value: string;
  /** cells[p][k]: perturbed count of period p and category k. */
  cells: number[][];
  /** Counts over the whole range that refine a category without adding to the total (INELIGIBLE:EL-E). */
  breakdown?: Record<string, number>;
}

export interface AnswerCells {
  /** flow: periods add up to the total; stock: the total is the last period (a stock at a date). */
  kind: 'flow' | 'stock';
  /** Series periods, or one '' without a series. */
  periods: string[];
  /** Categories that add up to the total, or one '' for measures without them. */
  categories: string[];
  series: boolean;
  byCategory: boolean;
  /** Every value of the dimension with a count in the range. */
  rows: AnswerRowCells[];
}

export interface ProtectedRow {
  n: Published;
  series?: Published[];
  byCategory?: Record<string, Published>;
  breakdown?: Record<string, Published>;
}

export interface RowTable { table: Table; published: ProtectedTable; /** Where the row total sits in it. */ total: [number, number] }
export interface RowTables { series?: RowTable; byCategory?: RowTable }

export interface ProtectedAnswer {
  /** Every value's published total. */
  totals: Map<string, Published>;
  grandTotal: Published;
  /** The rows asked for. */
  rows: Map<string, ProtectedRow>;
  /** What was protected, for audits. */
  tables: { totals: { table: Table; published: ProtectedTable }; rows: Map<string, RowTables> };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function rowTotal(a: AnswerCells, r: AnswerRowCells): number {
  return a.kind === 'stock' ? sum(r.cells[r.cells.length - 1] ?? []) : sum(r.cells.map(sum));
}

/** The tables of one row's breakdowns: its series, its outcomes (each with the row total). */
function rowTables(a: AnswerCells, r: AnswerRowCells): { series?: { table: Table; total: [number, number] }; byCategory?: { table: Table; total: [number, number] } } {
  const P = a.periods.length;
  const K = a.categories.length;
  const byPeriod = r.cells.map((p) => [sum(p)]);
  // Stocks at different dates are separate cells; the last one is the row total itself.
  if (a.kind === 'stock') return a.series ? { series: { table: { rows: a.periods, cols: ['n'], cells: byPeriod }, total: [P - 1, 0] } } : {};
  const byCategory = a.categories.map((_, k) => sum(r.cells.map((p) => p[k] ?? 0)));
  return {
    ...(a.series ? { series: { table: { rows: a.periods, cols: ['n'], cells: byPeriod, colTotals: true }, total: [P, 0] as [number, number] } } : {}),
    ...(a.byCategory ? { byCategory: { table: { rows: [''], cols: a.categories, cells: [byCategory], rowTotals: true }, total: [0, K] as [number, number] } } : {}),
  };
}

/** What a hidden row's "--" tell about its total: at least the number of non-zero parts of one line. */
function lowerBound(a: AnswerCells, r: AnswerRowCells): number {
  if (a.kind === 'stock') return 1;
  const periods = a.series ? r.cells.filter((p) => sum(p) > 0).length : 0;
  const categories = a.byCategory ? a.categories.filter((_, k) => r.cells.some((p) => (p[k] ?? 0) > 0)).length : 0;
  return Math.max(1, periods, categories);
}

export function protectAnswer(a: AnswerCells, profile: PublicProfile, shown: ReadonlySet<string> | null = null): ProtectedAnswer {
  const rows = [...a.rows].sort((x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  const totalsTable: Table = {
    rows: rows.map((r) => r.value), cols: ['n'], cells: rows.map((r) => [rowTotal(a, r)]), colTotals: true,
    lowerBounds: rows.map((r) => [lowerBound(a, r)]),
  };
  // The rows' own tables can narrow a shown row total beyond its rounding, and the totals table can narrow it
  // for them: each is protected as if the attacker knew it exactly.
  const detailed = a.series || (a.kind === 'flow' && a.byCategory);
  const totalsPublished = protectTable(totalsTable, profile, { knownExactly: detailed ? rows.map((_, i): [number, number] => [i, 0]) : [] });
  const totals = new Map(rows.map((r, i) => [r.value, totalsPublished.cells[i]![0]!]));
  const out: ProtectedAnswer = {
    totals, grandTotal: totalsPublished.colTotals![0]!, rows: new Map(),
    tables: { totals: { table: totalsTable, published: totalsPublished }, rows: new Map() },
  };
  for (const r of rows) {
    if (shown && !shown.has(r.value)) continue;
    const n = totals.get(r.value)!;
    const tables: RowTables = {};
    for (const [name, spec] of Object.entries(rowTables(a, r)) as Array<[keyof RowTables, { table: Table; total: [number, number] }]>) {
      let published: ProtectedTable | null = null;
      if (n !== SUPPRESSED) {
        try {
          published = protectTable(spec.table, profile, { keepShown: [spec.total], knownExactly: [spec.total] });
        } catch (err) {
          if (!(err instanceof RangeError)) throw err; // cannot be protected around a shown total: publish the total alone
        }
      }
      tables[name] = { table: spec.table, published: published ?? hideAll(spec.table, profile, spec.total, totalsPublished, n), total: spec.total };
    }
    out.tables.rows.set(r.value, tables);
    out.rows.set(r.value, publishedRow(a, r, n, tables, profile));
  }
  return out;
}

/** A row whose breakdown cannot be shown: every non-zero figure "--", the total as the totals table says. */
function hideAll(t: Table, profile: PublicProfile, total: [number, number], like: ProtectedTable, n: Published): ProtectedTable {
  const R = t.rows.length;
  const C = t.cols.length;
  const valueAt = (r: number, c: number): number =>
    r < R && c < C ? t.cells[r]![c]! : r < R ? sum(t.cells[r]!) : c < C ? sum(t.cells.map((row) => row[c]!)) : sum(t.cells.map(sum));
  const at = (r: number, c: number): Published => {
    if (r === total[0] && c === total[1]) return n;
    if (r < R && c < C && t.bodyPublished === false) return SUPPRESSED;
    return valueAt(r, c) === 0 ? 0 : SUPPRESSED;
  };
  const out: ProtectedTable = { profile, options: like.options, cells: t.cells.map((row, r) => row.map((_, c) => at(r, c))), suppressed: [] };
  if (t.rowTotals) out.rowTotals = t.rows.map((_, r) => at(r, C));
  if (t.colTotals) out.colTotals = t.cols.map((_, c) => at(R, c));
  if (t.grandTotal) out.grandTotal = at(R, C);
  for (let r = 0; r <= R; r++) {
    for (let c = 0; c <= C; c++) {
      const published = r < R && c < C ? true : r < R ? t.rowTotals : c < C ? t.colTotals : t.grandTotal;
      if (published && at(r, c) === SUPPRESSED) out.suppressed.push([r, c]);
    }
  }
  return out;
}

function publishedRow(a: AnswerCells, r: AnswerRowCells, n: Published, tables: RowTables, profile: PublicProfile): ProtectedRow {
  const row: ProtectedRow = { n };
  if (tables.series) row.series = a.periods.map((_, i) => tables.series!.published.cells[i]![0]!);
  if (tables.byCategory) row.byCategory = Object.fromEntries(a.categories.map((c, k) => [c, tables.byCategory!.published.cells[0]![k]!]));
  if (r.breakdown) {
    row.breakdown = Object.fromEntries(Object.entries(r.breakdown).map(([c, v]) => {
      const parentShown = typeof row.byCategory?.[c.split(':')[0]!] === 'number';
      return [c, v === 0 ? 0 : parentShown ? protectValue(v, profile) : SUPPRESSED];
    }));
  }
  return row;
}

/**
 * The published value of a sum of categories, when published figures give it: the sum of its shown
 * parts, or the shown total minus the other shown parts; "--" otherwise.
 */
export function derivedSum(parts: readonly string[], byCategory: Readonly<Record<string, Published>>, total: Published): Published {
  const inside = parts.map((c) => byCategory[c] ?? 0);
  if (inside.every((v) => typeof v === 'number')) return sum(inside as number[]);
  const outside = Object.keys(byCategory).filter((c) => !parts.includes(c)).map((c) => byCategory[c]!);
  if (typeof total === 'number' && outside.every((v) => typeof v === 'number')) return Math.max(0, total - sum(outside as number[]));
  return SUPPRESSED;
}

/**
 * A rate beside protected counts: numerator and denominator as published figures give them; the
 * percentage (from the perturbed counts) only when both pass the profile's threshold (§6.4 rule 3).
 */
export function protectedRate(
  id: RateId, perturbed: Readonly<Record<string, number>>, byCategory: Readonly<Record<string, Published>>, total: Published, profile: PublicProfile,
): { percent: number | typeof SUPPRESSED | null; numerator: Published; denominator: Published } {
  const def = RATE_DEFINITIONS[id];
  const numerator = derivedSum(def.numerator, byCategory, total);
  const denominator = derivedSum(def.denominator, byCategory, total);
  const num = sum(def.numerator.map((c) => perturbed[c] ?? 0));
  const den = sum(def.denominator.map((c) => perturbed[c] ?? 0));
  if (numerator === SUPPRESSED || denominator === SUPPRESSED || protectValue(num, profile) === SUPPRESSED || protectValue(den, profile) === SUPPRESSED) {
    return { percent: SUPPRESSED, numerator, denominator };
  }
  return { percent: den === 0 ? null : roundedPercent(num, den, 1), numerator, denominator };
}

/**
 * Order of the rows of a public answer: shown totals largest first, hidden ones after by name (an order
 * among hidden totals would tell which is larger), and the "OTHER" of a top-N answer only when it
 * follows from published figures: the sum of the rows it folds, or the dimension total minus the rows shown.
 */
export function orderAndOther(values: string[], totals: ReadonlyMap<string, Published>, grandTotal: Published, top: number | undefined, allValuesAsked: boolean):
  { order: string[]; rest: string[]; other: Published | null } {
  const shown = values.filter((v) => typeof totals.get(v) === 'number').sort((x, y) => (totals.get(y) as number) - (totals.get(x) as number) || x.localeCompare(y));
  const hidden = values.filter((v) => typeof totals.get(v) !== 'number').sort((x, y) => x.localeCompare(y));
  const all = [...shown, ...hidden];
  if (!top || all.length <= top) return { order: all, rest: [], other: null };
  const kept = all.slice(0, top);
  const rest = all.slice(top);
  const restTotals = rest.map((v) => totals.get(v)!);
  const keptTotals = kept.map((v) => totals.get(v)!);
  const other: Published = restTotals.every((v) => typeof v === 'number') ? sum(restTotals as number[])
    : allValuesAsked && typeof grandTotal === 'number' && keptTotals.every((v) => typeof v === 'number') ? Math.max(0, grandTotal - sum(keptTotals as number[]))
      : SUPPRESSED;
  return { order: kept, rest, other };
}

/** The figures of a protected answer an attacker combines, for audits: the shared row totals. */
export function sharedFigures(p: ProtectedAnswer): { tables: Table[]; published: ProtectedTable[]; shared: SharedFigure[] } {
  const tables: Table[] = [p.tables.totals.table];
  const published: ProtectedTable[] = [p.tables.totals.published];
  const shared: SharedFigure[] = [];
  const rowIndex = new Map(p.tables.totals.table.rows.map((v, i) => [v, i]));
  for (const [value, rts] of p.tables.rows) {
    for (const rt of [rts.series, rts.byCategory]) {
      if (!rt) continue;
      shared.push({ a: [0, rowIndex.get(value)!, 0], b: [tables.length, rt.total[0], rt.total[1]] });
      tables.push(rt.table);
      published.push(rt.published);
    }
  }
  return { tables, published, shared };
}
