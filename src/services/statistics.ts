import type { Database, Queryable } from '../store/db.ts';
import { withTransaction } from '../store/db.ts';
import { upsertRollups } from '../store/ledgerWrites.ts';
import type { FieldCipher } from '../store/fieldCipher.ts';
import { dateOfBirthOf } from './encryptedFields.ts';
import { RefugeError } from '../domain/errors.ts';
import {
  MEASURE_INFO, STAT_DIMENSIONS, planRange, percentileFromHistogram, periodOf, comparisonRange, eventStatistics,
  rollupRows, mergeRollupRows, ageBand, familySizeBand, INITIAL_MEMORY,
  type Measure, type StatDimension, type TimeGrain, type ClaimProfile, type StatMemory, type RollupRow,
} from '../domain/statistics/live.ts';
import { computeRate, RATE_DEFINITIONS, protectValue, protectRate, protectTable, type RateId } from '../domain/statistics/index.ts';

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
  median?: number | null; p90?: number | null;
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
  IRCC_R5: { en: 'IRCC convention: 1 to 5 shown as "--", other values rounded to the nearest 5; computed from exact counts.', fr: 'Convention d’IRCC : 1 à 5 affichés « -- », autres valeurs arrondies au multiple de 5 le plus proche; calculé à partir des comptes exacts.' },
  IRB_S20: { en: 'IRB convention: values under 20 suppressed ("--"); rates only when numerator and denominator pass.', fr: 'Convention de la CISR : valeurs inférieures à 20 supprimées (« -- »); taux seulement si numérateur et dénominateur passent.' },
};

interface Row { period: string; category: string; value: string; n: number }

/** Rollup rows for a range: whole months from monthly rows, ragged ends from daily rows. */
async function readRange(q: Queryable, measure: Measure, dim: StatDimension, values: string[] | undefined, from: string, to: string, needDays: boolean): Promise<Row[]> {
  const plan = needDays ? { months: null, days: [[from, to]] as Array<[string, string]> } : planRange(from, to);
  const parts: string[] = [];
  const params: unknown[] = [measure, dim];
  const valueFilter = values && values.length > 0 ? (params.push(values), ` AND value = ANY($${params.length}::text[])`) : '';
  if (plan.months) {
    params.push(plan.months[0], plan.months[1]);
    parts.push(`SELECT period::text AS period, category, value, n::float8 AS n FROM stat_rollup WHERE measure = $1 AND dim = $2 AND grain = 'm' AND period BETWEEN $${params.length - 1} AND $${params.length}${valueFilter}`);
  }
  for (const [a, b] of plan.days) {
    params.push(a, b);
    parts.push(`SELECT period::text AS period, category, value, n::float8 AS n FROM stat_rollup WHERE measure = $1 AND dim = $2 AND grain = 'd' AND period BETWEEN $${params.length - 1} AND $${params.length}${valueFilter}`);
  }
  if (parts.length === 0) return [];
  const { rows } = await q.query<Row>(parts.join(' UNION ALL '), params);
  return rows;
}

/** A stock (pending inventory) at the end of `day`: every increment up to and including it. */
async function stockAt(q: Queryable, dim: StatDimension, values: string[] | undefined, day: string): Promise<Map<string, number>> {
  const rows = await readRange(q, 'rpd_pending', dim, values, '1989-01-01', day, false);
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.value, (out.get(r.value) ?? 0) + r.n);
  return out;
}

function publish(n: number, profile: DisclosureProfile): Published {
  if (profile === 'NONE') return n;
  const v = protectValue(n, profile);
  return typeof v === 'number' ? v : '--';
}

export async function answer(db: Database, query: StatsQuery): Promise<StatsAnswer> {
  const profile = query.disclosure ?? 'NONE';
  if (query.from > query.to) throw new RefugeError('validation', 'invalid_range', `The range starts (${query.from}) after it ends (${query.to}).`, [{ field: 'from', code: 'invalid_range', message: 'Must not be after "to".' }]);
  // RAD outcomes are not in the live rollups yet: only rates over RPD finalizations can be answered.
  if (query.rate && !LIVE_RATES.includes(query.rate)) throw new RefugeError('validation', 'rate_not_available', `The rate ${query.rate} needs outcome categories this instance does not count yet; use ${LIVE_RATES.join(', ')}.`, [{ field: 'rate', code: 'rate_not_available', message: `Use ${LIVE_RATES.join(', ')}.` }]);
  if (query.rate && query.measure !== 'rpd_decisions') throw new RefugeError('validation', 'rate_needs_decisions', 'A rate can only be asked of rpd_decisions.', [{ field: 'rate', code: 'not_applicable', message: 'Use measure=rpd_decisions.' }]);
  const info = MEASURE_INFO[query.measure];
  const q = db.pool;
  const rows: StatsRow[] = [];
  const exact = new Map<string, number>();

  if (info.kind === 'stock') {
    const at = await stockAt(q, query.dimension, query.values, query.to);
    const before = query.compare ? await stockAt(q, query.dimension, query.values, comparisonRange(query.from, query.to, query.compare)[1]) : null;
    for (const [value, n] of at) rows.push({ value, n: publish(n, profile), ...(before ? { comparison: compareRow(query, n, before.get(value) ?? 0, profile) } : {}) });
    if (query.series) {
      // Stock at the end of each period of the series.
      const periods = seriesEnds(query.from, query.to, query.series);
      for (const row of rows) row.series = [];
      for (const [period, end] of periods) {
        const s = await stockAt(q, query.dimension, query.values, end);
        for (const row of rows) row.series?.push({ period, n: publish(s.get(row.value) ?? 0, profile) });
      }
    }
  } else {
    const current = await readRange(q, query.measure, query.dimension, query.values, query.from, query.to, query.series === 'day' || query.series === 'week');
    const grouped = groupByValue(current);
    const previous = query.compare ? groupByValue(await readRange(q, query.measure, query.dimension, query.values, ...comparisonRange(query.from, query.to, query.compare), false)) : null;
    for (const [value, g] of grouped) {
      const row: StatsRow = { value, n: publish(g.total, profile) };
      if (info.kind === 'duration') {
        const hist = new Map<number, number>();
        for (const [cat, n] of g.byCategory) hist.set(Number(cat), n);
        row.median = percentileFromHistogram(hist, 0.5);
        row.p90 = percentileFromHistogram(hist, 0.9);
      } else if (g.byCategory.size > 1 || [...g.byCategory.keys()].some((c) => c !== '')) {
        row.byCategory = Object.fromEntries([...g.byCategory].map(([c, n]) => [c, publish(n, profile)]));
      }
      if (query.rate) row.rate = rateRow(query.rate, g.byCategory, profile);
      if (previous) row.comparison = compareRow(query, g.total, previous.get(value)?.total ?? 0, profile);
      if (query.series) {
        const series = new Map<string, number>();
        for (const r of current.filter((c) => c.value === value)) series.set(periodOf(r.period, query.series), (series.get(periodOf(r.period, query.series)) ?? 0) + r.n);
        row.series = [...series].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, n]) => ({ period, n: publish(n, profile) }));
      }
      rows.push(row);
      exact.set(value, g.total);
    }
    if (profile !== 'NONE' && info.kind === 'count') {
      // The dimension's total is public (dimension=all), so one small cell could be recovered as the
      // total minus the others: suppress complementary cells over ALL values, then show those asked for.
      const all = query.values ? groupByValue(await readRange(q, query.measure, query.dimension, undefined, query.from, query.to, false)) : grouped;
      const names = [...all.keys()].sort();
      const table = protectTable({ rows: names, cols: ['n'], cells: names.map((v) => [all.get(v)?.total ?? 0]), colTotals: true }, profile);
      const published = new Map(names.map((v, i) => [v, table.cells[i]?.[0] ?? '--']));
      for (const row of rows) row.n = published.get(row.value) ?? '--';
    }
  }
  rows.sort((a, b) => (exact.get(b.value) ?? rawOf(b.n)) - (exact.get(a.value) ?? rawOf(a.n)) || a.value.localeCompare(b.value));
  const rest = query.top && rows.length > query.top ? rows.slice(query.top) : [];
  // "Other" is computed from exact counts and then published under the same rule.
  const other: StatsRow = { value: 'OTHER', n: publish(rest.reduce((a, r) => a + (exact.get(r.value) ?? rawOf(r.n)), 0), profile) };
  const shown = rest.length > 0 ? [...rows.slice(0, query.top), other] : rows;
  return {
    measure: query.measure, labels: info.labels, definition: { ...info.definition, dated: info.dated },
    ...(query.rate ? { rateDefinition: { id: query.rate, labels: RATE_DEFINITIONS[query.rate].labels, formula: RATE_DEFINITIONS[query.rate].formula } } : {}),
    dimension: query.dimension, from: query.from, to: query.to,
    source: { en: 'This Refuge instance\'s own records (live rollups, updated with every event).', fr: 'Les dossiers de cette instance de Refuge (agrégats tenus à jour à chaque événement).' },
    disclosure: { profile, rule: DISCLOSURE_RULES[profile] },
    rows: shown,
  };
}

function rawOf(n: Published): number { return n === '--' ? 0 : n; }

function groupByValue(rows: Row[]): Map<string, { total: number; byCategory: Map<string, number> }> {
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

function compareRow(query: StatsQuery, now: number, before: number, profile: DisclosureProfile): NonNullable<StatsRow['comparison']> {
  const [from, to] = comparisonRange(query.from, query.to, query.compare ?? 'previous_year');
  const hidden = profile !== 'NONE' && (publish(now, profile) === '--' || publish(before, profile) === '--');
  // Changes are computed from exact counts, then withheld if either side is suppressed.
  // The change is itself a count: published under the same rule, or it would reveal exact values.
  const change = now - before;
  const publishedChange = profile === 'NONE' ? change : hidden ? '--' : (() => {
    const p = publish(Math.abs(change), profile);
    return p === '--' ? '--' : Math.sign(change) * p;
  })();
  return {
    from, to, n: publish(before, profile),
    change: publishedChange,
    changePercent: hidden ? '--' : before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10,
  };
}

function rateRow(id: RateId, byCategory: Map<string, number>, profile: DisclosureProfile): NonNullable<StatsRow['rate']> {
  const get = (c: string) => byCategory.get(c) ?? 0;
  const r = computeRate(id, { ACCEPTED: get('ACCEPTED'), REJECTED: get('REJECTED'), ABANDONED: get('ABANDONED'), WITHDRAWN_OTHER: get('WITHDRAWN_OTHER') });
  if (profile === 'NONE') return { id, percent: r.percent, numerator: r.numerator, denominator: r.denominator };
  const p = protectRate(r.numerator, r.denominator, profile);
  return { id, percent: p.reason === 'zero_denominator' ? null : p.value, numerator: p.numerator, denominator: p.denominator };
}

function seriesEnds(from: string, to: string, grain: TimeGrain): Array<[string, string]> {
  const ends = new Map<string, string>();
  for (let d = from; d <= to; d = nextDay(d)) ends.set(periodOf(d, grain), d);
  return [...ends];
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

// ------------------------------------------------------------------ rebuild and check

/** Recomputes every rollup from the event log, in memory. */
async function recompute(q: Queryable, cipher: FieldCipher): Promise<{ rows: Map<string, RollupRow>; memories: Map<string, { profile: ClaimProfile; memory: StatMemory }> }> {
  const { rows: claims } = await q.query<{ id: string; claim_date: string; office_code: string; office_type: string; province: string; persecution_countries: string[]; citizenships: string[]; date_of_birth: string | null; profile_age_band: string | null; sex: string; group_size: number; person_id: string }>(
    `SELECT c.id, c.claim_date, c.office_code, c.office_type, c.province, c.persecution_countries, p.citizenships, p.date_of_birth, p.sex, p.id AS person_id,
       c.stat_profile ->> 'ageBand' AS profile_age_band,
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
      current = { id: c.id, claimDate: c.claim_date, memory: INITIAL_MEMORY, profile: {
        officeCode: c.office_code, officeType: c.office_type, province: c.province, citizenship: c.citizenships[0] ?? 'XXX',
        persecutionCountry: c.persecution_countries[0] ?? 'XXX',
        // A purged identity has no date of birth: the age band fixed at intake stands for it.
        ageBand: c.date_of_birth ? ageBand(dateOfBirthOf(cipher, c.person_id, c.date_of_birth), c.claim_date) : (c.profile_age_band ?? 'UNKNOWN'), sex: c.sex,
        familySize: familySizeBand(c.group_size) } };
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
export async function checkStatistics(db: Database, cipher: FieldCipher): Promise<{ rowsChecked: number; differences: Array<{ key: string; live: number; rebuilt: number }> }> {
  return withTransaction(db, async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const { rows: expected } = await recompute(tx, cipher);
    const { rows: live } = await tx.query<RollupRow & { n: number }>('SELECT measure, dim, grain, period::text AS period, category, value, n FROM stat_rollup WHERE n <> 0');
    const differences: Array<{ key: string; live: number; rebuilt: number }> = [];
    const seen = new Set<string>();
    for (const r of live) {
      const k = keyOf(r);
      seen.add(k);
      const e = expected.get(k)?.n ?? 0;
      if (e !== Number(r.n)) differences.push({ key: k, live: Number(r.n), rebuilt: e });
    }
    for (const [k, r] of expected) if (!seen.has(k)) differences.push({ key: k, live: 0, rebuilt: r.n });
    return { rowsChecked: Math.max(live.length, expected.size), differences };
  });
}

/** Replaces the rollups and every claim's statistics memory with a recomputation from the event log. */
export async function rebuildStatistics(db: Database, cipher: FieldCipher): Promise<{ rows: number; claims: number }> {
  return withTransaction(db, async (tx) => {
    // Writers wait while the rollups are rebuilt, so no increment is lost between the read and the swap.
    await tx.query('LOCK TABLE stat_rollup, claims IN SHARE ROW EXCLUSIVE MODE');
    const { rows, memories } = await recompute(tx, cipher);
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
