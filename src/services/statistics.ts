import type { Database, Queryable } from '../store/db.ts';
import { randomInt } from 'node:crypto';
import { withTransaction } from '../store/db.ts';
import { upsertRollups } from '../store/ledgerWrites.ts';
import type { FieldCipher } from '../store/fieldCipher.ts';
import { dateOfBirthOf } from './encryptedFields.ts';
import { RefugeError } from '../domain/errors.ts';
import { addDays } from '../domain/dates.ts';
import {
  MEASURE_INFO, STAT_DIMENSIONS, planRange, percentileFromHistogram, periodOf, comparisonRange, eventStatistics,
  rollupRows, mergeRollupRows, ageBand, familySizeBand, answerPeriods, periodEnd, INITIAL_MEMORY,
  type Measure, type StatDimension, type TimeGrain, type ClaimProfile, type StatMemory, type RollupRow,
} from '../domain/statistics/live.ts';
import { computeRate, RATE_DEFINITIONS, type RateId } from '../domain/statistics/index.ts';
import { addKeys, perturb, KEY_MODULUS } from '../domain/statistics/perturbation.ts';
import { protectAnswer, protectedRate, orderAndOther, type AnswerCells, type PublicProfile } from '../domain/statistics/answerProtection.ts';

/**
 * Answers statistical questions about this instance's records from the rollups alone (never the case
 * tables), with the definition, source and disclosure control beside every number.
 */

export type DisclosureProfile = 'NONE' | 'IRCC_R5' | 'IRB_S20';

export const LIVE_RATES: readonly RateId[] = ['ACC_FINALIZED', 'ACC_MERITS', 'UNHCR_TRR'];

export interface StatsQuery {
  measure: Measure;
  dimension: StatDimension;
  /** Only these values of the dimension (e.g. one office); all when absent. */
  values?: string[] | undefined;
  from: string;
  to: string;
  /** Time series grain; omitted: one total for the range. */
  series?: TimeGrain | undefined;
  compare?: 'previous_year' | 'previous_period' | undefined;
  /** Keep the N largest values and add the rest up as "other". */
  top?: number | undefined;
  /** For rpd_decisions: also give this acceptance rate per value. */
  rate?: RateId | undefined;
  disclosure?: DisclosureProfile | undefined;
}

export type Published = number | '--';

export interface StatsRow {
  value: string;
  /** Count (count measures), stock at `to` (stock), or number of durations (duration). */
  n: Published;
  byCategory?: Record<string, Published>;
  /** Durations: order statistics, shown only beside a shown count under a public profile. */
  median?: number | null | '--'; p90?: number | null | '--';
  rate?: { id: RateId; percent: number | '--' | null; numerator: Published; denominator: Published };
  comparison?: { from: string; to: string; n: Published; change: number | '--' | null; changePercent: number | '--' | null };
  series?: Array<{ period: string; n: Published }>;
}

export interface StatsAnswer {
  measure: Measure;
  labels: { en: string; fr: string };
  definition: { en: string; fr: string; dated: { en: string; fr: string } };
  rateDefinition?: { id: RateId; labels: { en: string; fr: string }; formula: { en: string; fr: string } };
  dimension: StatDimension;
  from: string; to: string;
  source: { en: string; fr: string };
  disclosure: { profile: DisclosureProfile; rule: { en: string; fr: string } };
  rows: StatsRow[];
}

const DISCLOSURE_RULES: Record<DisclosureProfile, { en: string; fr: string }> = {
  NONE: { en: 'Exact internal counts (not for publication).', fr: 'Comptes internes exacts (non destinés à la publication).' },
  IRCC_R5: {
    en: 'Counts perturbed by the server (each block of days moved by at most 2, always the same way for the same claims; 0 stays 0), then the IRCC convention: 1 to 5 shown as "--", other values rounded to the nearest 5; values that would reveal a hidden one are hidden too.',
    fr: 'Comptes perturbés par le serveur (chaque bloc de jours modifié d’au plus 2, toujours de la même façon pour les mêmes demandes; 0 reste 0), puis la convention d’IRCC : 1 à 5 affichés « -- », autres valeurs arrondies au multiple de 5 le plus proche; les valeurs qui révéleraient une valeur masquée sont masquées aussi.',
  },
  IRB_S20: {
    en: 'Counts perturbed by the server (each block of days moved by at most 2, always the same way for the same claims; 0 stays 0), then the IRB convention: values under 20 suppressed ("--"), with complementary suppression; rates only when numerator and denominator pass.',
    fr: 'Comptes perturbés par le serveur (chaque bloc de jours modifié d’au plus 2, toujours de la même façon pour les mêmes demandes; 0 reste 0), puis la convention de la CISR : valeurs inférieures à 20 supprimées (« -- »), avec suppression complémentaire; taux seulement si numérateur et dénominateur passent.',
  },
};

interface Row { period: string; grain: 'd' | 'm'; category: string; value: string; n: number; cell_key: number }

/**
 * The rollup rows of a range as one UNION ALL over index ranges (whole months from monthly rows, ragged
 * ends from daily rows, or days only), selecting `columns`, with its parameters.
 */
function rangeSql(columns: string, measure: Measure, dim: StatDimension, values: string[] | undefined, from: string, to: string, needDays: boolean): { sql: string; params: unknown[] } | null {
  const plan = needDays ? { months: null, days: [[from, to]] as Array<[string, string]> } : planRange(from, to);
  const params: unknown[] = [measure, dim];
  const valueFilter = values && values.length > 0 ? (params.push(values), ` AND value = ANY($${params.length}::text[])`) : '';
  const ranges = [...(plan.months ? [['m', ...plan.months] as const] : []), ...plan.days.map(([a, b]) => ['d', a, b] as const)];
  if (ranges.length === 0) return null;
  const parts = ranges.map(([grain, a, b]) => {
    params.push(a, b);
    return `SELECT ${columns} FROM stat_rollup WHERE measure = $1 AND dim = $2 AND grain = '${grain}' AND period BETWEEN $${params.length - 1} AND $${params.length}${valueFilter}`;
  });
  return { sql: parts.join(' UNION ALL '), params };
}

/** Rollup rows for a range, one per period, category and value. */
async function readRange(q: Queryable, measure: Measure, dim: StatDimension, values: string[] | undefined, from: string, to: string, needDays: boolean): Promise<Row[]> {
  const range = rangeSql('period::text AS period, grain, category, value, n::float8 AS n, cell_key::float8 AS cell_key', measure, dim, values, from, to, needDays);
  return range ? (await q.query<Row>(range.sql, range.params)).rows : [];
}

/** Totals per value and category over a range, summed by the database: one row per (value, category) whatever the range's length. */
async function readTotals(q: Queryable, measure: Measure, dim: StatDimension, values: string[] | undefined, from: string, to: string): Promise<Array<{ value: string; category: string; n: number }>> {
  const range = rangeSql('category, value, n', measure, dim, values, from, to, false);
  if (!range) return [];
  const { rows } = await q.query<{ value: string; category: string; n: number }>(
    `SELECT value, category, sum(n)::float8 AS n FROM (${range.sql}) r GROUP BY value, category`, range.params);
  return rows;
}

type Stock = Map<string, { n: number; key: number }>;

const lastDayOfMonth = (day: string): string => periodEnd(day, 'month');

/**
 * Stocks (pending inventory) at the end of each of `ends` (ascending), per value: every increment up to
 * and including the day, and the key sum of those increments. The database sums everything before the
 * first end's month; after it, monthly rows serve every month that no end cuts, daily rows the months
 * an end falls inside (usually just the current one), so the rows read grow with the series, not with
 * the history.
 */
async function stocksAt(q: Queryable, dim: StatDimension, values: string[] | undefined, ends: string[]): Promise<Stock[]> {
  const first = ends[0];
  const last = ends[ends.length - 1];
  if (!first || !last) return [];
  const monthOfFirst = `${first.slice(0, 7)}-01`;
  const params: unknown[] = [dim];
  const valueFilter = values && values.length > 0 ? (params.push(values), ` AND value = ANY($${params.length}::text[])`) : '';
  const n = params.length;
  const { rows: before } = await q.query<{ value: string; n: number; cell_key: number }>(
    `SELECT value, sum(n)::float8 AS n, (sum(cell_key) % ${KEY_MODULUS})::float8 AS cell_key FROM stat_rollup
     WHERE measure = 'rpd_pending' AND dim = $1 AND grain = 'm' AND period < $${n + 1}${valueFilter} GROUP BY value`, [...params, monthOfFirst]);
  // Months an end falls inside are read by day; the others by month.
  const cutMonths = [...new Set(ends.filter((e) => e !== lastDayOfMonth(e)).map((e) => `${e.slice(0, 7)}-01`))];
  const lastWholeMonth = last === lastDayOfMonth(last) ? `${last.slice(0, 7)}-01` : addDays(`${last.slice(0, 7)}-01`, -1);
  const args: unknown[] = [...params];
  const arg = (v: unknown) => `$${args.push(v)}`;
  const parts = [
    `SELECT (period + interval '1 month' - interval '1 day')::date AS day, value, n, cell_key FROM stat_rollup
     WHERE measure = 'rpd_pending' AND dim = $1 AND grain = 'm' AND period BETWEEN ${arg(monthOfFirst)} AND ${arg(lastWholeMonth)} AND NOT period = ANY(${arg(cutMonths)}::date[])${valueFilter}`,
    // One range per month read by day, so each is an index range scan.
    ...cutMonths.map((m) => `SELECT period, value, n, cell_key FROM stat_rollup
     WHERE measure = 'rpd_pending' AND dim = $1 AND grain = 'd' AND period BETWEEN ${arg(m)} AND ${arg(last < lastDayOfMonth(m) ? last : lastDayOfMonth(m))}${valueFilter}`),
  ];
  const { rows: increments } = await q.query<{ day: string; value: string; n: number; cell_key: number }>(
    `SELECT day::text AS day, value, n::float8 AS n, cell_key::float8 AS cell_key FROM (${parts.join(' UNION ALL ')}) r ORDER BY day`, args);
  const running: Stock = new Map();
  const add = (r: { value: string; n: number; cell_key: number }) => {
    const s = running.get(r.value) ?? { n: 0, key: 0 };
    running.set(r.value, { n: s.n + r.n, key: addKeys(s.key, r.cell_key) });
  };
  before.forEach(add);
  const out: Stock[] = [];
  let i = 0;
  for (const end of ends) {
    while (i < increments.length && increments[i]!.day <= end) add(increments[i++]!);
    out.push(new Map([...running].map(([v, s]) => [v, { ...s }])));
  }
  return out;
}

export async function answer(db: Database, query: StatsQuery): Promise<StatsAnswer> {
  const profile = query.disclosure ?? 'NONE';
  if (query.from > query.to) throw new RefugeError('validation', 'invalid_range', `The range starts (${query.from}) after it ends (${query.to}).`, [{ field: 'from', code: 'invalid_range', message: 'Must not be after "to".' }]);
  // RAD outcomes are not in the live rollups yet: only rates over RPD finalizations can be answered.
  if (query.rate && !LIVE_RATES.includes(query.rate)) throw new RefugeError('validation', 'rate_not_available', `The rate ${query.rate} needs outcome categories this instance does not count yet; use ${LIVE_RATES.join(', ')}.`, [{ field: 'rate', code: 'rate_not_available', message: `Use ${LIVE_RATES.join(', ')}.` }]);
  if (query.rate && query.measure !== 'rpd_decisions') throw new RefugeError('validation', 'rate_needs_decisions', 'A rate can only be asked of rpd_decisions.', [{ field: 'rate', code: 'not_applicable', message: 'Use measure=rpd_decisions.' }]);
  const info = MEASURE_INFO[query.measure];
  const rows = await withTransaction(db, async (tx) => {
    // One snapshot for a figure and its comparison. The reads are a few index ranges: starting parallel
    // workers for them costs more than the reads (measured: 14 ms against 0.6 ms at 100,000 claims).
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
    return profile === 'NONE' ? exactRows(tx, query) : protectedRows(tx, query, profile);
  });
  return {
    measure: query.measure, labels: info.labels, definition: { ...info.definition, dated: info.dated },
    ...(query.rate ? { rateDefinition: { id: query.rate, labels: RATE_DEFINITIONS[query.rate].labels, formula: RATE_DEFINITIONS[query.rate].formula } } : {}),
    dimension: query.dimension, from: query.from, to: query.to,
    source: { en: 'This Refuge instance\'s own records (live rollups, updated with every event).', fr: 'Les dossiers de cette instance de Refuge (agrégats tenus à jour à chaque événement).' },
    disclosure: { profile, rule: DISCLOSURE_RULES[profile] },
    rows,
  };
}

// ------------------------------------------------------------------ exact answers (analysts)

async function exactRows(q: Queryable, query: StatsQuery): Promise<StatsRow[]> {
  const info = MEASURE_INFO[query.measure];
  const rows: StatsRow[] = [];
  if (info.kind === 'stock') {
    // Stock at the end of each period of the series (the last one at `to`).
    const ends = query.series ? seriesEnds(query.from, query.to, query.series) : [['', query.to] as [string, string]];
    const stocks = await stocksAt(q, query.dimension, query.values, ends.map(([, end]) => end));
    const at = stocks[stocks.length - 1]!;
    const before = query.compare ? (await stocksAt(q, query.dimension, query.values, [comparisonRange(query.from, query.to, query.compare)[1]]))[0]! : null;
    for (const [value, { n }] of at) {
      rows.push({
        value, n, ...(before ? { comparison: exactComparison(query, n, before.get(value)?.n ?? 0) } : {}),
        ...(query.series ? { series: ends.map(([period], i) => ({ period, n: stocks[i]!.get(value)?.n ?? 0 })) } : {}),
      });
    }
  } else {
    // A series needs its periods' rows; a total only the database's sums.
    const current = query.series ? await readRange(q, query.measure, query.dimension, query.values, query.from, query.to, query.series === 'day' || query.series === 'week') : null;
    const grouped = groupByValue(current ?? await readTotals(q, query.measure, query.dimension, query.values, query.from, query.to));
    const previous = query.compare ? groupByValue(await readTotals(q, query.measure, query.dimension, query.values, ...comparisonRange(query.from, query.to, query.compare))) : null;
    for (const [value, g] of grouped) {
      const row: StatsRow = { value, n: g.total };
      if (info.kind === 'duration') Object.assign(row, durationSummary(g.byCategory));
      else if (g.byCategory.size > 1 || [...g.byCategory.keys()].some((c) => c !== '')) row.byCategory = Object.fromEntries(g.byCategory);
      if (query.rate) {
        const r = computeRate(query.rate, outcomeCounts(g.byCategory));
        row.rate = { id: query.rate, percent: r.percent, numerator: r.numerator, denominator: r.denominator };
      }
      if (previous) row.comparison = exactComparison(query, g.total, previous.get(value)?.total ?? 0);
      if (current && query.series) {
        const series = new Map<string, number>();
        for (const r of current.filter((c) => c.value === value && !c.category.includes(':'))) series.set(periodOf(r.period, query.series), (series.get(periodOf(r.period, query.series)) ?? 0) + r.n);
        row.series = [...series].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, n]) => ({ period, n }));
      }
      rows.push(row);
    }
  }
  rows.sort((a, b) => (b.n as number) - (a.n as number) || a.value.localeCompare(b.value));
  if (!query.top || rows.length <= query.top) return rows;
  return [...rows.slice(0, query.top), { value: 'OTHER', n: rows.slice(query.top).reduce((a, r) => a + (r.n as number), 0) }];
}

function exactComparison(query: StatsQuery, now: number, before: number): NonNullable<StatsRow['comparison']> {
  const [from, to] = comparisonRange(query.from, query.to, query.compare ?? 'previous_year');
  return { from, to, n: before, change: now - before, changePercent: before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10 };
}

function outcomeCounts(byCategory: ReadonlyMap<string, number>): { ACCEPTED: number; REJECTED: number; ABANDONED: number; WITHDRAWN_OTHER: number } {
  const get = (c: string) => byCategory.get(c) ?? 0;
  return { ACCEPTED: get('ACCEPTED'), REJECTED: get('REJECTED'), ABANDONED: get('ABANDONED'), WITHDRAWN_OTHER: get('WITHDRAWN_OTHER') };
}

function durationSummary(histogramRows: ReadonlyMap<string, number>): { median: number | null; p90: number | null } {
  const hist = new Map<number, number>();
  for (const [cat, n] of histogramRows) hist.set(Number(cat), n);
  return { median: percentileFromHistogram(hist, 0.5), p90: percentileFromHistogram(hist, 0.9) };
}

function groupByValue(rows: ReadonlyArray<{ value: string; category: string; n: number }>): Map<string, { total: number; byCategory: Map<string, number> }> {
  const out = new Map<string, { total: number; byCategory: Map<string, number> }>();
  for (const r of rows) {
    let g = out.get(r.value);
    if (!g) out.set(r.value, (g = { total: 0, byCategory: new Map() }));
    // Ineligibility grounds are a breakdown of INELIGIBLE, not extra decisions.
    if (!r.category.includes(':')) g.total += r.n;
    g.byCategory.set(r.category, (g.byCategory.get(r.category) ?? 0) + r.n);
  }
  return out;
}

// ------------------------------------------------------------------ public answers

/**
 * Public answers: every count is a sum of perturbed blocks (whole months, weeks of the month, days;
 * domain/statistics/perturbation.ts), and the answer as a whole is protected by the profile with
 * complementary suppression (domain/statistics/answerProtection.ts). Every value of the dimension is
 * read, whichever were asked for, so that a value asked alone gets what it gets within the dimension.
 */
async function protectedRows(q: Queryable, query: StatsQuery, profile: PublicProfile): Promise<StatsRow[]> {
  const info = MEASURE_INFO[query.measure];
  const comparison = query.compare ? comparisonRange(query.from, query.to, query.compare) : null;
  let cells: AnswerCells;
  let previous: AnswerCells | null = null;
  const exactHistograms = new Map<string, Map<string, number>>();
  if (info.kind === 'stock') {
    const ends = query.series ? seriesEnds(query.from, query.to, query.series) : [['', query.to] as [string, string]];
    const stocks = await stocksAt(q, query.dimension, undefined, ends.map(([, end]) => end));
    const atEnd = stocks[stocks.length - 1]!;
    const perturbedStock = (s: { n: number; key: number } | undefined) => (s ? perturb(Math.max(0, s.n), s.key) : 0);
    cells = {
      kind: 'stock', periods: ends.map(([period]) => period), categories: [''], series: Boolean(query.series), byCategory: false,
      rows: [...atEnd.keys()].map((value) => ({ value, cells: stocks.map((s) => [perturbedStock(s.get(value))]) })),
    };
    if (comparison) {
      const before = (await stocksAt(q, query.dimension, undefined, [comparison[1]]))[0]!;
      previous = { kind: 'stock', periods: [''], categories: [''], series: false, byCategory: false, rows: [...before].map(([value, s]) => ({ value, cells: [[perturbedStock(s)]] })) };
    }
  } else {
    const periods = answerPeriods(query.from, query.to, query.series);
    const current = await readRange(q, query.measure, query.dimension, undefined, query.from, query.to, query.series === 'day' || query.series === 'week');
    cells = perturbedCells(current, periods, info.kind, Boolean(query.series));
    if (info.kind === 'duration') {
      for (const r of current) {
        const h = exactHistograms.get(r.value) ?? new Map<string, number>();
        h.set(r.category, (h.get(r.category) ?? 0) + r.n);
        exactHistograms.set(r.value, h);
      }
    }
    if (comparison) {
      const rows = await readRange(q, query.measure, query.dimension, undefined, comparison[0], comparison[1], false);
      previous = perturbedCells(rows, answerPeriods(comparison[0], comparison[1]), info.kind, false);
    }
  }
  const present = cells.rows.map((r) => r.value);
  const asked = query.values && query.values.length > 0 ? present.filter((v) => query.values!.includes(v)) : present;
  const p = protectAnswer(cells, profile, new Set(asked));
  const before = previous ? protectAnswer(previous, profile, new Set()).totals : null;
  const { order, other } = orderAndOther(asked, p.totals, p.grandTotal, query.top, !query.values || query.values.length === 0);
  const byValue = new Map(cells.rows.map((r) => [r.value, r]));
  const out: StatsRow[] = order.map((value) => {
    const pr = p.rows.get(value)!;
    const row: StatsRow = { value, n: pr.n };
    if (info.kind === 'duration') {
      // Order statistics of a group are shown only beside a shown count.
      Object.assign(row, typeof pr.n === 'number' ? durationSummary(exactHistograms.get(value) ?? new Map()) : { median: '--', p90: '--' });
    }
    if (pr.byCategory) row.byCategory = { ...pr.byCategory, ...pr.breakdown };
    if (query.rate) {
      const src = byValue.get(value)!;
      const perturbedByCategory = Object.fromEntries(cells.categories.map((c, k) => [c, src.cells.reduce((a, period) => a + (period[k] ?? 0), 0)]));
      row.rate = { id: query.rate, ...protectedRate(query.rate, perturbedByCategory, pr.byCategory ?? {}, pr.n, profile) };
    }
    if (before && comparison) row.comparison = derivedComparison(comparison, pr.n, before.get(value) ?? 0);
    if (pr.series) row.series = cells.periods.map((period, i) => ({ period, n: pr.series![i]! }));
    return row;
  });
  return other === null ? out : [...out, { value: 'OTHER', n: other }];
}

/** Perturbed counts per value, period and category: each block of each period perturbed on its own cell key, then summed. */
function perturbedCells(rows: Row[], periods: ReturnType<typeof answerPeriods>, kind: 'count' | 'duration', series: boolean): AnswerCells {
  const blockOf = new Map<string, { block: string; period: number }>();
  periods.forEach((p, i) => {
    for (const b of p.blocks) {
      if (b.grain === 'm') blockOf.set(`m|${b.start}`, { block: `m${b.start}`, period: i });
      else for (let d = b.start; d <= b.end; d = addDays(d, 1)) blockOf.set(`d|${d}`, { block: `${b.grain}${b.start}`, period: i });
    }
  });
  // Durations are broken down by day count internally only: their blocks are perturbed as one count.
  const categoryOf = (c: string) => (kind === 'duration' ? '' : c);
  const blocks = new Map<string, { value: string; category: string; period: number; n: number; key: number }>();
  for (const r of rows) {
    const at = blockOf.get(`${r.grain}|${r.period}`);
    if (!at) throw new Error(`rollup row ${r.grain} ${r.period} is outside the answer's blocks`);
    const category = categoryOf(r.category);
    const id = `${r.value}|${category}|${at.block}`;
    const b = blocks.get(id) ?? { value: r.value, category, period: at.period, n: 0, key: 0 };
    b.n += r.n;
    b.key = addKeys(b.key, r.cell_key);
    blocks.set(id, b);
  }
  const categories = [...new Set([...blocks.values()].map((b) => b.category).filter((c) => !c.includes(':')))].sort();
  if (categories.length === 0) categories.push('');
  const k = new Map(categories.map((c, i) => [c, i]));
  const byValue = new Map<string, { value: string; cells: number[][]; breakdown?: Record<string, number> }>();
  for (const b of blocks.values()) {
    let row = byValue.get(b.value);
    if (!row) byValue.set(b.value, (row = { value: b.value, cells: periods.map(() => categories.map(() => 0)) }));
    const v = perturb(Math.max(0, b.n), b.key);
    if (b.category.includes(':')) {
      row.breakdown ??= {};
      row.breakdown[b.category] = (row.breakdown[b.category] ?? 0) + v;
    } else row.cells[b.period]![k.get(b.category)!]! += v;
  }
  const hasBreakdown = [...byValue.values()].some((r) => r.breakdown);
  if (hasBreakdown) {
    // Every value lists every ground: an absent one is a published 0, not a gap.
    const grounds = [...new Set([...byValue.values()].flatMap((r) => Object.keys(r.breakdown ?? {})))];
    for (const r of byValue.values()) r.breakdown = Object.fromEntries(grounds.sort().map((g) => [g, r.breakdown?.[g] ?? 0]));
  }
  return {
    kind: 'flow', periods: periods.map((p) => p.period), categories, series, byCategory: categories.length > 1 || categories[0] !== '',
    rows: [...byValue.values()],
  };
}

/** A change published only from published figures: it then tells nothing the two figures do not. */
function derivedComparison([from, to]: [string, string], now: Published, before: Published): NonNullable<StatsRow['comparison']> {
  if (typeof now !== 'number' || typeof before !== 'number') return { from, to, n: before, change: '--', changePercent: '--' };
  return { from, to, n: before, change: now - before, changePercent: before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10 };
}

/** Each period of the series with its last day within the range (the last one ends at `to`). */
function seriesEnds(from: string, to: string, grain: TimeGrain): Array<[string, string]> {
  const ends: Array<[string, string]> = [];
  for (let start = from; start <= to;) {
    const last = periodEnd(start, grain);
    const end = last < to ? last : to;
    ends.push([periodOf(start, grain), end]);
    start = addDays(end, 1);
  }
  return ends;
}

// ------------------------------------------------------------------ rebuild and check

/** A claim's random record key (its statistics profile keeps it): what the disclosure perturbation is keyed on. */
export function newRecordKey(): number {
  return randomInt(0, KEY_MODULUS);
}

/**
 * Recomputes every rollup from the event log, in memory. Record keys are not in the log: each claim keeps
 * the one in its profile; `assignKeys` gives one to a claim that has none (a rebuild), else it counts as 0.
 */
async function recompute(q: Queryable, cipher: FieldCipher, assignKeys: boolean): Promise<{ rows: Map<string, RollupRow>; memories: Map<string, { profile: ClaimProfile; memory: StatMemory }> }> {
  const { rows: claims } = await q.query<{ id: string; claim_date: string; office_code: string; office_type: string; province: string; persecution_countries: string[]; citizenships: string[]; date_of_birth: string | null; profile_age_band: string | null; sex: string; group_size: number; person_id: string; record_key: string | null }>(
    `SELECT c.id, c.claim_date, c.office_code, c.office_type, c.province, c.persecution_countries, p.citizenships, p.date_of_birth, p.sex, p.id AS person_id,
       c.stat_profile ->> 'ageBand' AS profile_age_band,
       c.stat_profile->>'recordKey' AS record_key,
       (SELECT count(*)::int FROM claims c2 WHERE c2.group_id = c.group_id) AS group_size
     FROM claims c JOIN persons p ON p.id = c.person_id ORDER BY c.id`);
  const all: RollupRow[] = [];
  const memories = new Map<string, { profile: ClaimProfile; memory: StatMemory }>();
  const byClaim = new Map(claims.map((c) => [c.id, c]));
  const { rows: events } = await q.query<{ claim_id: string; type: string; effective_date: string; details: Record<string, unknown> }>(
    'SELECT claim_id, type, effective_date, details FROM claim_events ORDER BY claim_id, version');
  let current: { id: string; profile: ClaimProfile; memory: StatMemory; claimDate: string } | null = null;
  const flush = () => { if (current) memories.set(current.id, { profile: current.profile, memory: current.memory }); };
  for (const e of events) {
    if (current?.id !== e.claim_id) {
      flush();
      const c = byClaim.get(e.claim_id);
      if (!c) continue;
      const recordKey = c.record_key !== null ? Number(c.record_key) : assignKeys ? newRecordKey() : undefined;
      current = { id: c.id, claimDate: c.claim_date, memory: INITIAL_MEMORY, profile: {
        officeCode: c.office_code, officeType: c.office_type, province: c.province, citizenship: c.citizenships[0] ?? 'XXX',
        persecutionCountry: c.persecution_countries[0] ?? 'XXX',
        // A purged identity has no date of birth: the age band fixed at intake stands for it.
        ageBand: c.date_of_birth ? ageBand(dateOfBirthOf(cipher, c.person_id, c.date_of_birth), c.claim_date) : (c.profile_age_band ?? 'UNKNOWN'), sex: c.sex,
        familySize: familySizeBand(c.group_size), ...(recordKey !== undefined ? { recordKey } : {}) } };
    }
    const s = eventStatistics(current.claimDate, current.memory, { type: e.type, effectiveDate: e.effective_date, details: e.details });
    current.memory = s.memory;
    all.push(...rollupRows(current.profile, s.deltas));
  }
  flush();
  const merged = new Map<string, RollupRow>();
  for (const r of mergeRollupRows(all)) merged.set(keyOf(r), r);
  return { rows: merged, memories };
}

function keyOf(r: { measure: string; dim: string; grain: string; period: string; category: string; value: string }): string {
  return `${r.measure}|${r.dim}|${r.grain}|${r.period}|${r.category}|${r.value}`;
}

/** Differences between the live rollups and a recomputation from the event log (empty when they agree). */
export interface RollupDifference {
  key: string; live: number; rebuilt: number;
  /** When the cell keys differ too (or only they do). */
  cellKey?: { live: number; rebuilt: number };
}

export async function checkStatistics(db: Database, cipher: FieldCipher): Promise<{ rowsChecked: number; differences: RollupDifference[] }> {
  return withTransaction(db, async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const { rows: expected } = await recompute(tx, cipher, false);
    const { rows: live } = await tx.query<{ measure: string; dim: string; grain: string; period: string; category: string; value: string; n: string; cell_key: string }>(
      'SELECT measure, dim, grain, period::text AS period, category, value, n, cell_key FROM stat_rollup WHERE n <> 0 OR cell_key <> 0');
    const differences: RollupDifference[] = [];
    const seen = new Set<string>();
    const differ = (key: string, live: { n: number; cellKey: number }, rebuilt: { n: number; cellKey: number }) => {
      if (live.n === rebuilt.n && live.cellKey === rebuilt.cellKey) return;
      differences.push({ key, live: live.n, rebuilt: rebuilt.n, ...(live.cellKey !== rebuilt.cellKey ? { cellKey: { live: live.cellKey, rebuilt: rebuilt.cellKey } } : {}) });
    };
    for (const r of live) {
      const k = keyOf(r);
      seen.add(k);
      differ(k, { n: Number(r.n), cellKey: Number(r.cell_key) }, expected.get(k) ?? { n: 0, cellKey: 0 });
    }
    for (const [k, r] of expected) if (!seen.has(k)) differ(k, { n: 0, cellKey: 0 }, r);
    return { rowsChecked: Math.max(live.length, expected.size), differences };
  });
}

/** Replaces the rollups and every claim's statistics memory with a recomputation from the event log. */
export async function rebuildStatistics(db: Database, cipher: FieldCipher): Promise<{ rows: number; claims: number }> {
  return withTransaction(db, async (tx) => {
    // Writers wait while the rollups are rebuilt, so no increment is lost between the read and the swap.
    await tx.query('LOCK TABLE stat_rollup, claims IN SHARE ROW EXCLUSIVE MODE');
    const { rows, memories } = await recompute(tx, cipher, true);
    await tx.query('DELETE FROM stat_rollup');
    const list = [...rows.values()];
    for (let i = 0; i < list.length; i += 20_000) await upsertRollups(tx, list.slice(i, i + 20_000));
    const entries = [...memories];
    for (let i = 0; i < entries.length; i += 5_000) {
      const chunk = entries.slice(i, i + 5_000).map(([id, m]) => ({ id, profile: m.profile, memory: m.memory }));
      await tx.query(`UPDATE claims c SET stat_profile = x.profile, stat_memory = x.memory
        FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, profile jsonb, memory jsonb) WHERE c.id = x.id`, [JSON.stringify(chunk)]);
    }
    return { rows: list.length, claims: memories.size };
  });
}

export { STAT_DIMENSIONS };
