/**
 * Published totals against the sums of their cells. Publishers round totals independently and
 * suppress small cells, so the two differ; this report shows by how much instead of hiding it.
 */

import type { OfficialRecord, Period } from './types.ts';

export type CellSumMode =
  /** every non-total figure the total covers (all dimensions and months): '--' counted as 0 */
  | 'cells'
  /** the same row at finer periods (the 12 months of a year column, the 3 months of a quarter) */
  | 'time'
  /** the same period, over the leaf rows below the total (e.g. the provinces' '2024 Total' column) */
  | 'rows';

export interface TotalCheck {
  total: OfficialRecord;
  /** The published total; null when it is suppressed. */
  published: number | null;
  /** Sum of the covered figures, suppressed ones counted as 0. */
  cellSum: number;
  cells: number;
  suppressedCells: number;
  /** published − cellSum; null when the total is suppressed. */
  difference: number | null;
}

const keyOf = (dims: Record<string, string>): string => JSON.stringify(Object.entries(dims).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function containsDims(outer: Record<string, string>, inner: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(inner)) if (outer[k] !== v) return false;
  return true;
}

/** Does period `outer` contain period `inner` (same year; month in quarter; …)? */
export function periodContains(outer: Period, inner: Period): boolean {
  if (outer.year !== inner.year) return false;
  if (outer.month !== undefined) return inner.month === outer.month;
  if (outer.quarter !== undefined) {
    if (inner.month !== undefined) return Math.ceil(inner.month / 3) === outer.quarter;
    return inner.quarter === outer.quarter;
  }
  return true;
}

const samePeriod = (a: Period, b: Period): boolean => a.year === b.year && a.month === b.month && a.quarter === b.quarter;

/**
 * For each published total (isTotal), the difference to the sum of its cells. Totals with no cell in
 * the chosen mode are left out (a monthly total has no finer period in mode 'time').
 * Records of different series or vintages never mix.
 */
export function publishedVsCellSum(records: readonly OfficialRecord[], mode: CellSumMode = 'cells'): TotalCheck[] {
  const out: TotalCheck[] = [];
  const groups = new Map<string, OfficialRecord[]>();
  for (const r of records) {
    const k = `${r.series}\u0000${r.vintage}`;
    const g = groups.get(k);
    if (g) g.push(r); else groups.set(k, [r]);
  }
  for (const group of groups.values()) {
    const byDims = new Map<string, { dims: Record<string, string>; records: OfficialRecord[] }>();
    for (const r of group) {
      const k = keyOf(r.dims);
      const e = byDims.get(k);
      if (e) e.records.push(r); else byDims.set(k, { dims: r.dims, records: [r] });
    }
    const rowsets = [...byDims.values()];
    // For each distinct dims, the distinct dims that contain it (itself included), searched from the
    // rowsets sharing its rarest key=value pair.
    const postings = new Map<string, typeof rowsets>();
    for (const e of rowsets) {
      for (const [k, v] of Object.entries(e.dims)) {
        const p = `${k}=${v}`;
        const list = postings.get(p);
        if (list) list.push(e); else postings.set(p, [e]);
      }
    }
    const supersets = new Map<string, typeof rowsets>();
    for (const [k, e] of byDims) {
      let pool = rowsets;
      for (const [dk, dv] of Object.entries(e.dims)) {
        const list = postings.get(`${dk}=${dv}`)!;
        if (list.length < pool.length) pool = list;
      }
      supersets.set(k, pool.filter((o) => containsDims(o.dims, e.dims)));
    }
    const isLeafRow = (dims: Record<string, string>): boolean => supersets.get(keyOf(dims))!.length === 1;

    for (const total of group) {
      if (!total.isTotal) continue;
      const tk = keyOf(total.dims);
      let cellSum = 0;
      let cells = 0;
      let suppressedCells = 0;
      const add = (r: OfficialRecord): void => {
        cells++;
        if (r.suppressed || r.value === null) suppressedCells++;
        else cellSum += r.value;
      };
      if (mode === 'cells') {
        for (const e of supersets.get(tk)!) for (const r of e.records) if (!r.isTotal && periodContains(total.period, r.period) && r !== total) add(r);
      } else if (mode === 'time') {
        for (const r of byDims.get(tk)!.records) {
          if (r !== total && !samePeriod(r.period, total.period) && periodContains(total.period, r.period) && r.period.month !== undefined) add(r);
        }
      } else {
        for (const e of supersets.get(tk)!) {
          if (keyOf(e.dims) === tk || !isLeafRow(e.dims)) continue;
          for (const r of e.records) if (samePeriod(r.period, total.period)) add(r);
        }
      }
      if (cells === 0) continue;
      const published = total.suppressed ? null : total.value;
      out.push({ total, published, cellSum, cells, suppressedCells, difference: published === null ? null : published - cellSum });
    }
  }
  return out;
}
