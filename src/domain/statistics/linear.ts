/**
 * Exact linear algebra for disclosure audits: rationals on bigint, reduced row echelon form,
 * and "which unknowns are uniquely determined" by a homogeneous system of published equations.
 *
 * Small systems only (a table of a few dozen cells): everything is exact, nothing is clever.
 */

export class Rational {
  private constructor(readonly num: bigint, readonly den: bigint) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('Rational with a zero denominator');
    if (d < 0n) { n = -n; d = -d; }
    const g = gcd(n < 0n ? -n : n, d);
    return g > 1n ? new Rational(n / g, d / g) : new Rational(n, d);
  }

  isZero(): boolean { return this.num === 0n; }
  sign(): number { return this.num === 0n ? 0 : this.num > 0n ? 1 : -1; }
  add(o: Rational): Rational { return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den); }
  sub(o: Rational): Rational { return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den); }
  mul(o: Rational): Rational { return Rational.of(this.num * o.num, this.den * o.den); }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational { return new Rational(-this.num, this.den); }
  toNumber(): number { return Number(this.num) / Number(this.den); }
  toString(): string { return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`; }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) { [a, b] = [b, a % b]; }
  return a === 0n ? 1n : a;
}

export interface Rref {
  /** The reduced rows (only the non-zero ones), each of length `cols`. */
  rows: Rational[][];
  /** pivots[i] = the column of the leading 1 of rows[i]. */
  pivots: number[];
  rank: number;
}

/** Reduced row echelon form over the rationals, pivoting only on the first `pivotCols` columns. */
export function rref(matrix: ReadonlyArray<ReadonlyArray<Rational>>, pivotCols?: number): Rref {
  const m = matrix.map((r) => r.slice());
  const cols = m[0]?.length ?? 0;
  const limit = pivotCols ?? cols;
  const pivots: number[] = [];
  let lead = 0;
  for (let c = 0; c < limit && lead < m.length; c++) {
    let p = -1;
    for (let r = lead; r < m.length; r++) if (!at(m, r, c).isZero()) { p = r; break; }
    if (p < 0) continue;
    [m[lead], m[p]] = [m[p]!, m[lead]!];
    const row = m[lead]!;
    const inv = Rational.ONE.div(row[c]!);
    for (let k = 0; k < cols; k++) row[k] = row[k]!.mul(inv);
    for (let r = 0; r < m.length; r++) {
      if (r === lead) continue;
      const f = at(m, r, c);
      if (f.isZero()) continue;
      const target = m[r]!;
      for (let k = 0; k < cols; k++) target[k] = target[k]!.sub(f.mul(row[k]!));
    }
    pivots.push(c);
    lead++;
  }
  return { rows: m.slice(0, lead), pivots, rank: lead };
}

function at(m: Rational[][], r: number, c: number): Rational {
  return m[r]![c]!;
}

/**
 * For a system A·x + B·y = 0 (x unknown, y known), returns for each unknown that the system
 * determines uniquely the expression x_i = Σ_k coef_k · y_k (coefficients over the knowns).
 * x_i is determined exactly when every vector of the null space of A has a zero at i, i.e. when
 * its RREF row has no entry in a free column.
 */
export function determinedUnknowns(
  a: ReadonlyArray<ReadonlyArray<number>>,
  b: ReadonlyArray<ReadonlyArray<number>>,
  unknowns: number,
  knowns: number,
): { rank: number; determined: Map<number, Rational[]>; reducedRows: Rational[][] } {
  const matrix: Rational[][] = a.map((row, i) => {
    const out: Rational[] = [];
    for (let u = 0; u < unknowns; u++) out.push(Rational.of(row[u] ?? 0));
    const brow = b[i] ?? [];
    for (let k = 0; k < knowns; k++) out.push(Rational.of(brow[k] ?? 0));
    return out;
  });
  const determined = new Map<number, Rational[]>();
  if (matrix.length === 0 || unknowns === 0) return { rank: 0, determined, reducedRows: [] };
  const { rows, pivots, rank } = rref(matrix, unknowns);
  const pivotSet = new Set(pivots);
  rows.forEach((row, i) => {
    const pivot = pivots[i]!;
    for (let u = 0; u < unknowns; u++) {
      if (!pivotSet.has(u) && !row[u]!.isZero()) return; // depends on a free unknown
    }
    // x_pivot + Σ b'_k y_k = 0  →  x_pivot = Σ (−b'_k) y_k
    determined.set(pivot, row.slice(unknowns).map((q) => q.neg()));
  });
  return { rank, determined, reducedRows: rows };
}

/**
 * determinedUnknowns for large, sparse systems (a year of days by outcome): rows are lists of
 * [column, integer coefficient], columns below `unknowns` are the unknowns, the others knowns.
 * Incremental Gauss-Jordan on sparse rows; the result is the same as the dense version's.
 */
export function determinedUnknownsSparse(
  rows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
  unknowns: number,
): { rank: number; determined: Map<number, Array<[number, Rational]>>; reducedRows: Array<Array<[number, Rational]>> } {
  const pivotRows: Array<Map<number, Rational>> = [];
  const pivots: number[] = [];
  const rowOfPivot = new Map<number, number>();
  for (const input of rows) {
    const row = new Map<number, Rational>();
    for (const [c, v] of input) {
      if (v === 0) continue;
      const sum = (row.get(c) ?? Rational.ZERO).add(Rational.of(v));
      if (sum.isZero()) row.delete(c); else row.set(c, sum);
    }
    // Pivot rows are fully reduced, so one pass over this row's pivot columns clears them all.
    for (const c of [...row.keys()]) {
      const i = c < unknowns ? rowOfPivot.get(c) : undefined;
      const f = row.get(c);
      if (i !== undefined && f) subtractScaled(row, pivotRows[i]!, f);
    }
    let p = -1;
    for (const c of row.keys()) if (c < unknowns && (p < 0 || c < p)) p = c;
    if (p < 0) continue;
    const inv = Rational.ONE.div(row.get(p)!);
    for (const [c, v] of row) row.set(c, v.mul(inv));
    for (const other of pivotRows) {
      const f = other.get(p);
      if (f) subtractScaled(other, row, f);
    }
    rowOfPivot.set(p, pivotRows.length);
    pivotRows.push(row);
    pivots.push(p);
  }
  const determined = new Map<number, Array<[number, Rational]>>();
  pivotRows.forEach((row, i) => {
    const p = pivots[i]!;
    for (const c of row.keys()) if (c < unknowns && c !== p) return; // depends on a free unknown
    determined.set(p, [...row].filter(([c]) => c >= unknowns).map(([c, v]) => [c - unknowns, v.neg()]));
  });
  return { rank: pivotRows.length, determined, reducedRows: pivotRows.map((r) => [...r]) };
}

/** row −= f · pivot, dropping the entries that cancel. */
function subtractScaled(row: Map<number, Rational>, pivot: ReadonlyMap<number, Rational>, f: Rational): void {
  for (const [c, v] of pivot) {
    const next = (row.get(c) ?? Rational.ZERO).sub(f.mul(v));
    if (next.isZero()) row.delete(c); else row.set(c, next);
  }
}
