/**
 * The five saved questions (services/savedQuestions.ts), each answered three ways:
 * - rollup: runSavedQuestion() with disclosure NONE, i.e. Refuge's own answer from stat_rollup only;
 * - plain SQL: a GROUP BY over the case tables (claims, persons, claim_events) on the same database;
 * - DuckDB: the same GROUP BY over a copy of the same rows in DuckDB.
 * Each way returns the question's figures in one comparable shape ("headline"), so the three can be
 * checked for equality before they are timed.
 *
 * The plain SQL is written for the histories the benchmark generates: an RPD finalization counts when its
 * from_state is an RPD-pending state, an opening is eligible_referred or a redetermination. (The rollups
 * follow the full model of domain/statistics/live.ts; the verification step proves them on the event log.)
 */
import type pg from 'pg';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../src/store/db.ts';
import { runSavedQuestion, SAVED_QUESTIONS } from '../../src/services/savedQuestions.ts';
import type { StatsAnswer, StatsQuery } from '../../src/services/statistics.ts';
import { comparisonRange, periodOf } from '../../src/domain/statistics/live.ts';
import { computeRate, type RateId } from '../../src/domain/statistics/rates.ts';
import { RPD_PENDING_STATES } from './synthetic.ts';

export type Headline = Record<string, unknown>;

export interface QuestionPaths {
  id: string;
  /** Short label for the tables. */
  label: string;
  rollup(db: Database): Promise<Headline>;
  sql(pool: pg.Pool): Promise<Headline>;
  duckdb(conn: DuckDBConnection): Promise<Headline>;
}

const FINALIZATION_CATEGORY: Record<string, string> = {
  'rpd.accepted': 'ACCEPTED', 'rpd.allowed_without_hearing': 'ACCEPTED', 'rpd.rejected': 'REJECTED',
  'rpd.declared_abandoned': 'ABANDONED', 'claimant.withdrew': 'WITHDRAWN_OTHER', 'minister.notice_104': 'WITHDRAWN_OTHER',
};
const sqlList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
/** SQL over an events table (alias prefix `e.` or none): the finalization's IRB category, and the event tests. */
const categoryCase = (e = '') => `CASE ${e}type ${Object.entries(FINALIZATION_CATEGORY).map(([t, c]) => `WHEN '${t}' THEN '${c}'`).join(' ')} END`;
const isFinalization = (e = '') => `${e}type IN (${sqlList(Object.keys(FINALIZATION_CATEGORY))}) AND ${e}from_state IN (${sqlList(RPD_PENDING_STATES)})`;
const IS_OPENING = `type IN ('eligibility.eligible_referred', 'rpd.redetermination_opened')`;

function queriesOf(id: string, today: string): Array<{ name: string; query: StatsQuery }> {
  const q = SAVED_QUESTIONS.find((s) => s.id === id);
  if (!q) throw new Error(`no saved question ${id}`);
  return q.queries(today);
}
function queryOf(id: string, today: string, index = 0): StatsQuery {
  const q = queriesOf(id, today)[index]?.query;
  if (!q) throw new Error(`saved question ${id} has no query ${index}`);
  return q;
}

async function rollupAnswers(db: Database, id: string, today: string): Promise<StatsAnswer[]> {
  const r = await runSavedQuestion(db, id, today, 'NONE');
  if (!r) throw new Error(`saved question ${id} did not run`);
  return r.answers.map((a) => a.answer);
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v) : 0);

async function duckRows(conn: DuckDBConnection, sql: string): Promise<Array<Record<string, unknown>>> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
}

// ------------------------------------------------------------------ acceptance rates: the answer's shape from (value, category, n) rows

function rateHeadline(rows: Array<{ value: string; category: string; n: number }>, top: number, rates: RateId[]): Headline {
  const byValue = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = byValue.get(r.value);
    if (!m) byValue.set(r.value, (m = new Map()));
    m.set(r.category, (m.get(r.category) ?? 0) + r.n);
  }
  const totals = [...byValue].map(([value, m]) => ({ value, m, total: [...m.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.value.localeCompare(b.value));
  const out: Headline = {};
  for (const id of rates) {
    const shown = totals.slice(0, top).map(({ value, m, total }) => {
      const get = (c: string) => m.get(c) ?? 0;
      const r = computeRate(id, { ACCEPTED: get('ACCEPTED'), REJECTED: get('REJECTED'), ABANDONED: get('ABANDONED'), WITHDRAWN_OTHER: get('WITHDRAWN_OTHER') });
      return [value, total, r.numerator, r.denominator];
    });
    if (totals.length > top) shown.push(['OTHER', totals.slice(top).reduce((a, t) => a + t.total, 0)]);
    out[id] = shown;
  }
  return out;
}

function rateHeadlineFromAnswers(answers: StatsAnswer[]): Headline {
  const out: Headline = {};
  for (const a of answers) {
    const id = a.rateDefinition?.id;
    if (!id) throw new Error('a rate answer without its rate');
    out[id] = a.rows.map((r) => (r.value === 'OTHER' && !r.rate ? [r.value, num(r.n)] : [r.value, num(r.n), num(r.rate?.numerator), num(r.rate?.denominator)]));
  }
  return out;
}

// ------------------------------------------------------------------ monthly series helpers

/** Months YYYY-MM from `from` to `to`, as the answer's series lists them. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = periodOf(to, 'month');
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > last) break;
    out.push(p);
    m += 1;
    if (m === 13) { m = 1; y += 1; }
  }
  return out;
}

/** Stock at the end of each month of the series, from cumulative stocks by month (carried over months without events). */
function stockSeries(cumulative: Array<{ period: string; n: number }>, from: string, to: string): Headline {
  const sorted = [...cumulative].sort((a, b) => (a.period < b.period ? -1 : 1));
  let i = 0;
  let stock = 0;
  const series: Array<[string, number]> = [];
  for (const p of monthsBetween(from, to)) {
    while (i < sorted.length && (sorted[i]?.period ?? '') <= p) { stock = sorted[i]?.n ?? 0; i += 1; }
    series.push([p, stock]);
  }
  const all = sorted.at(-1)?.n ?? 0;
  return { stock: all, series };
}

// ------------------------------------------------------------------ the five questions

export function questions(today: string): QuestionPaths[] {
  const lacolle = queryOf('lacolle-since-july-1', today);
  const [prevFrom, prevTo] = comparisonRange(lacolle.from, lacolle.to, 'previous_year');
  const usFirst = queryOf('us-citizens-first-half-vs-previous-year', today, 0);
  const usPrev = queryOf('us-citizens-first-half-vs-previous-year', today, 1);
  const acc = queryOf('acceptance-by-persecution-country-last-four-quarters', today, 0);
  const accRates = queriesOf('acceptance-by-persecution-country-last-four-quarters', today).map((q) => q.query.rate as RateId);
  const pending = queryOf('pending-at-month-ends', today);
  const qc = queryOf('quebec-land-border-by-month', today);

  return [
    {
      id: 'lacolle-since-july-1',
      label: `Lacolle ${lacolle.from}..${lacolle.to} vs previous year`,
      async rollup(db) {
        const [a] = await rollupAnswers(db, this.id, today);
        const row = a?.rows.find((r) => r.value === 'QC-LACOLLE');
        return { current: num(row?.n), previous: num(row?.comparison?.n) };
      },
      async sql(pool) {
        const { rows } = await pool.query<{ current: number; previous: number }>(
          `SELECT count(*) FILTER (WHERE claim_date >= $1)::int AS current, count(*) FILTER (WHERE claim_date <= $4)::int AS previous
           FROM claims WHERE office_code = 'QC-LACOLLE' AND (claim_date BETWEEN $1 AND $2 OR claim_date BETWEEN $3 AND $4)`,
          [lacolle.from, lacolle.to, prevFrom, prevTo]);
        return { current: num(rows[0]?.current), previous: num(rows[0]?.previous) };
      },
      async duckdb(conn) {
        const [r] = await duckRows(conn, `SELECT count(*) FILTER (WHERE claim_date >= DATE '${lacolle.from}')::INTEGER AS current,
            count(*) FILTER (WHERE claim_date <= DATE '${prevTo}')::INTEGER AS previous
          FROM d_claims WHERE office_code = 'QC-LACOLLE'
            AND (claim_date BETWEEN DATE '${lacolle.from}' AND DATE '${lacolle.to}' OR claim_date BETWEEN DATE '${prevFrom}' AND DATE '${prevTo}')`);
        return { current: num(r?.current), previous: num(r?.previous) };
      },
    },
    {
      id: 'us-citizens-first-half-vs-previous-year',
      label: `US citizens ${usFirst.from}..${usFirst.to} vs ${usPrev.from.slice(0, 4)}`,
      async rollup(db) {
        const [first, prev] = await rollupAnswers(db, this.id, today);
        return { firstHalf: num(first?.rows.find((r) => r.value === 'USA')?.n), previousYear: num(prev?.rows.find((r) => r.value === 'USA')?.n) };
      },
      async sql(pool) {
        const { rows } = await pool.query<{ first: number; prev: number }>(
          `SELECT count(*) FILTER (WHERE c.claim_date BETWEEN $1 AND $2)::int AS first, count(*) FILTER (WHERE c.claim_date BETWEEN $3 AND $4)::int AS prev
           FROM claims c JOIN persons p ON p.id = c.person_id
           WHERE p.citizenships[1] = 'USA' AND (c.claim_date BETWEEN $1 AND $2 OR c.claim_date BETWEEN $3 AND $4)`,
          [usFirst.from, usFirst.to, usPrev.from, usPrev.to]);
        return { firstHalf: num(rows[0]?.first), previousYear: num(rows[0]?.prev) };
      },
      async duckdb(conn) {
        const [r] = await duckRows(conn, `SELECT count(*) FILTER (WHERE c.claim_date BETWEEN DATE '${usFirst.from}' AND DATE '${usFirst.to}')::INTEGER AS first,
            count(*) FILTER (WHERE c.claim_date BETWEEN DATE '${usPrev.from}' AND DATE '${usPrev.to}')::INTEGER AS prev
          FROM d_claims c JOIN d_persons p ON p.id = c.person_id
          WHERE p.citizenship = 'USA' AND (c.claim_date BETWEEN DATE '${usFirst.from}' AND DATE '${usFirst.to}' OR c.claim_date BETWEEN DATE '${usPrev.from}' AND DATE '${usPrev.to}')`);
        return { firstHalf: num(r?.first), previousYear: num(r?.prev) };
      },
    },
    {
      id: 'acceptance-by-persecution-country-last-four-quarters',
      label: `Acceptance by country ${acc.from}..${acc.to} (top ${acc.top ?? 0})`,
      async rollup(db) {
        return rateHeadlineFromAnswers(await rollupAnswers(db, this.id, today));
      },
      async sql(pool) {
        const { rows } = await pool.query<{ value: string; category: string; n: number }>(
          `SELECT coalesce(c.persecution_countries[1], 'XXX') AS value, ${categoryCase('e.')} AS category, count(*)::int AS n
           FROM claim_events e JOIN claims c ON c.id = e.claim_id
           WHERE ${isFinalization('e.')} AND e.effective_date BETWEEN $1 AND $2
           GROUP BY 1, 2`, [acc.from, acc.to]);
        return rateHeadline(rows, acc.top ?? 15, accRates);
      },
      async duckdb(conn) {
        const rows = await duckRows(conn, `SELECT c.pc AS value, ${categoryCase('e.')} AS category, count(*)::INTEGER AS n
          FROM d_events e JOIN d_claims c ON c.id = e.claim_id
          WHERE ${isFinalization('e.')}
            AND e.effective_date BETWEEN DATE '${acc.from}' AND DATE '${acc.to}'
          GROUP BY 1, 2`);
        return rateHeadline(rows.map((r) => ({ value: String(r.value), category: String(r.category), n: num(r.n) })), acc.top ?? 15, accRates);
      },
    },
    {
      id: 'pending-at-month-ends',
      label: `RPD pending at month ends ${pending.from.slice(0, 7)}..${pending.to.slice(0, 7)}`,
      async rollup(db) {
        const [a] = await rollupAnswers(db, this.id, today);
        const row = a?.rows[0];
        return { stock: num(row?.n), series: (row?.series ?? []).map((s) => [s.period, num(s.n)]) };
      },
      async sql(pool) {
        const { rows } = await pool.query<{ period: string; n: number }>(
          `SELECT period, (sum(net) OVER (ORDER BY period))::int AS n FROM (
             SELECT to_char(effective_date, 'YYYY-MM') AS period, sum(CASE WHEN ${IS_OPENING} THEN 1 ELSE -1 END) AS net
             FROM claim_events
             WHERE effective_date <= $1 AND (${IS_OPENING} OR (${isFinalization()}))
             GROUP BY 1) m`, [pending.to]);
        return stockSeries(rows, pending.from, pending.to);
      },
      async duckdb(conn) {
        const rows = await duckRows(conn, `SELECT period, (sum(net) OVER (ORDER BY period))::INTEGER AS n FROM (
            SELECT strftime(effective_date, '%Y-%m') AS period, sum(CASE WHEN ${IS_OPENING} THEN 1 ELSE -1 END) AS net
            FROM d_events
            WHERE effective_date <= DATE '${pending.to}' AND (${IS_OPENING} OR (${isFinalization()}))
            GROUP BY 1) m`);
        return stockSeries(rows.map((r) => ({ period: String(r.period), n: num(r.n) })), pending.from, pending.to);
      },
    },
    {
      id: 'quebec-land-border-by-month',
      label: `QC land border by month ${qc.from.slice(0, 7)}..${qc.to.slice(0, 7)}`,
      async rollup(db) {
        const [a] = await rollupAnswers(db, this.id, today);
        const row = a?.rows.find((r) => r.value === 'QC|LAND_POE');
        return { total: num(row?.n), series: (row?.series ?? []).map((s) => [s.period, num(s.n)]) };
      },
      async sql(pool) {
        const { rows } = await pool.query<{ period: string; n: number }>(
          `SELECT to_char(claim_date, 'YYYY-MM') AS period, count(*)::int AS n FROM claims
           WHERE province = 'QC' AND office_type = 'LAND_POE' AND claim_date BETWEEN $1 AND $2 GROUP BY 1 ORDER BY 1`, [qc.from, qc.to]);
        return { total: rows.reduce((a, r) => a + r.n, 0), series: rows.map((r) => [r.period, r.n]) };
      },
      async duckdb(conn) {
        const rows = await duckRows(conn, `SELECT strftime(claim_date, '%Y-%m') AS period, count(*)::INTEGER AS n FROM d_claims
          WHERE province = 'QC' AND office_type = 'LAND_POE' AND claim_date BETWEEN DATE '${qc.from}' AND DATE '${qc.to}' GROUP BY 1 ORDER BY 1`);
        return { total: rows.reduce((a, r) => a + num(r.n), 0), series: rows.map((r) => [String(r.period), num(r.n)]) };
      },
    },
  ];
}

/** A short printable form of a headline (first figures only). */
export function headlineSummary(h: Headline): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(h)) {
    if (Array.isArray(v)) {
      const first = v[0] as unknown;
      parts.push(`${k}: ${v.length} rows${Array.isArray(first) ? `, first ${JSON.stringify(first)}` : ''}`);
    } else parts.push(`${k} ${String(v)}`);
  }
  return parts.join('; ');
}
