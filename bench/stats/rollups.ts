/**
 * stat_rollup rebuilt from the ledger (claims, persons, claim_events) in set-based SQL: the same rows
 * domain/statistics/live.ts adds event by event (eventStatistics → rollupRows → mergeRollupRows), computed
 * in three statements instead of one JS pass over every event (services/statistics.ts recompute(), which
 * holds the whole log in memory and cannot run at 10 M claims).
 *
 * How the model maps to SQL:
 * - Profile per claim (fixed at intake): office, office type, province and claim date from claims; first
 *   citizenship, sex and age band at the claim date from persons; family size band from the group's claim count;
 *   first country of alleged persecution.
 * - claim.made → claims; eligibility.eligible_referred → eligibility_decisions ELIGIBLE; eligibility.ineligible →
 *   INELIGIBLE plus one INELIGIBLE:<ground> per ground of details.grounds.
 * - The RPD memory (rpdPending, referredOn) is a two-state machine over a claim's openings
 *   (eligible_referred, minister.referred, redetermination_opened) and finalizations (accepted, allowed
 *   without hearing, rejected, abandoned, withdrew, notice 104). An event is ineffective exactly when it
 *   would not change the state, so the state before an event is the kind of the previous opening/finalization
 *   event: an opening counts when the previous one is not an opening, a finalization when it is. referredOn
 *   is the date of the latest effective opening; days_to_referral only on the first opening.
 * - The deltas are written once (bench_delta, unlogged, dropped after); each dimension's day rows are then
 *   one hash aggregation over them (durations to DURATION_DIMENSIONS only), month rows are the sums of the day
 *   rows, and rows that sum to 0 (count and cell key) are dropped, as mergeRollupRows() drops them.
 * - The cell key of a row is the sum of n × the claim's record key (claims.stat_profile.recordKey) mod 2^32. (One GROUPING SETS query was
 *   tried first: PostgreSQL sorts the whole input once per set, several times slower.)
 */
import { uuidParts, type Sessions } from './sessions.ts';
import { ageBandSql, withoutIndexes } from './synthetic.ts';

const OPENINGS = ['eligibility.eligible_referred', 'minister.referred', 'rpd.redetermination_opened'];
const FINALIZATIONS: Record<string, string> = {
  'rpd.accepted': 'ACCEPTED', 'rpd.allowed_without_hearing': 'ACCEPTED', 'rpd.rejected': 'REJECTED',
  'rpd.declared_abandoned': 'ABANDONED', 'claimant.withdrew': 'WITHDRAWN_OTHER', 'minister.notice_104': 'WITHDRAWN_OTHER',
};
const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/** Every dimension of the model with its SQL value over bench_delta; durations only on DURATION_DIMENSIONS. */
const DIMENSIONS: Array<{ dim: string; value: string; durations: boolean }> = [
  { dim: 'all', value: `'*'`, durations: true },
  { dim: 'office', value: 'office_code', durations: true },
  { dim: 'office_type', value: 'office_type', durations: true },
  { dim: 'province', value: 'province', durations: true },
  { dim: 'citizenship', value: 'cit', durations: true },
  { dim: 'persecution_country', value: 'pc', durations: true },
  { dim: 'age_band', value: 'age_band', durations: false },
  { dim: 'sex', value: 'sex', durations: false },
  { dim: 'family_size', value: 'fam', durations: false },
  { dim: 'province_office_type', value: `province || '|' || office_type`, durations: false },
];
const DURATION_MEASURES = `('days_to_referral', 'days_to_decision')`;

/** The profile of every claim (what rollupRows() counts it under), with its claim date. */
const PROFILE = `CREATE UNLOGGED TABLE bench_profile AS
SELECT c.id, c.claim_date, c.office_code, c.office_type, c.province,
  coalesce(c.persecution_countries[1], 'XXX') AS pc, coalesce(p.citizenships[1], 'XXX') AS cit,
  ${ageBandSql('p.date_of_birth::date', 'c.claim_date')} AS age_band, p.sex,
  CASE WHEN gs.n >= 5 THEN '5+' ELSE gs.n::text END AS fam,
  coalesce((c.stat_profile->>'recordKey')::bigint, 0) AS rk
FROM claims c
JOIN persons p ON p.id = c.person_id
JOIN (SELECT group_id, count(*) AS n FROM claims GROUP BY group_id) gs ON gs.group_id = c.group_id`;

const DELTA_TABLE = `CREATE UNLOGGED TABLE bench_delta (measure text, category text, day date, n int, office_code text, office_type text,
  province text, cit text, pc text, age_band text, sex text, fam text, rk bigint)`;

/** Every statistical delta of the events of the claims in `part`, with the claim's profile: what eventStatistics() returns, as rows. */
const deltasSql = (part: string) => `INSERT INTO bench_delta
WITH ev AS (
  SELECT claim_id, version, type, effective_date AS day, details,
    CASE WHEN type IN (${list(OPENINGS)}) THEN 'o' WHEN type IN (${list(Object.keys(FINALIZATIONS))}) THEN 'f' END AS kind
  FROM claim_events
  WHERE type IN ('claim.made', 'eligibility.eligible_referred', 'eligibility.ineligible', ${list(OPENINGS)}, ${list(Object.keys(FINALIZATIONS))})
    AND ${part}
),
ev1 AS (
  SELECT ev.*,
    max(version) FILTER (WHERE kind = 'o') OVER prior AS last_o,
    max(version) FILTER (WHERE kind = 'f') OVER prior AS last_f
  FROM ev
  WINDOW prior AS (PARTITION BY claim_id ORDER BY version ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
ev2 AS (
  SELECT ev1.*,
    kind = 'o' AND NOT coalesce(last_o > coalesce(last_f, 0), false) AS eff_open,
    kind = 'f' AND coalesce(last_o > coalesce(last_f, 0), false) AS eff_final
  FROM ev1
),
ev3 AS (
  SELECT ev2.*, max(CASE WHEN eff_open THEN day END) OVER (PARTITION BY claim_id ORDER BY version) AS referred_on
  FROM ev2
)
SELECT d.measure, d.category, e.day, d.n, p.office_code, p.office_type, p.province, p.cit, p.pc, p.age_band, p.sex, p.fam, p.rk
FROM ev3 e
JOIN bench_profile p ON p.id = e.claim_id
CROSS JOIN LATERAL (VALUES
  ('claims', '', 1, e.type = 'claim.made'),
  ('eligibility_decisions', 'ELIGIBLE', 1, e.type = 'eligibility.eligible_referred'),
  ('eligibility_decisions', 'INELIGIBLE', 1, e.type = 'eligibility.ineligible'),
  ('referrals', '', 1, e.eff_open),
  ('rpd_pending', '', 1, e.eff_open),
  ('days_to_referral', (e.day - p.claim_date)::text, 1, e.eff_open AND e.last_o IS NULL),
  ('rpd_decisions', CASE e.type ${Object.entries(FINALIZATIONS).map(([t, c]) => `WHEN '${t}' THEN '${c}'`).join(' ')} END, 1, e.eff_final),
  ('rpd_pending', '', -1, e.eff_final),
  ('days_to_decision', (e.day - e.referred_on)::text, 1, e.eff_final AND e.referred_on IS NOT NULL)
) AS d(measure, category, n, keep)
WHERE d.keep
UNION ALL
SELECT 'eligibility_decisions', 'INELIGIBLE:' || g.ground, e.day, 1, p.office_code, p.office_type, p.province, p.cit, p.pc, p.age_band, p.sex, p.fam, p.rk
FROM ev3 e
JOIN bench_profile p ON p.id = e.claim_id
CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(e.details->'grounds', '[]'::jsonb)) AS g(ground)
WHERE e.type = 'eligibility.ineligible'`;

/** One dimension's daily rows: a plain hash aggregation (parallel on the server) over the deltas. */
const KEYS = 4294967296;
const dayRollups = (d: (typeof DIMENSIONS)[number]) => `INSERT INTO stat_rollup (measure, dim, grain, period, category, value, n, cell_key)
SELECT measure, '${d.dim}', 'd', day, category, ${d.value}, sum(n), (sum(n * rk) % ${KEYS} + ${KEYS}) % ${KEYS}
FROM bench_delta${d.durations ? '' : ` WHERE measure NOT IN ${DURATION_MEASURES}`}
GROUP BY measure, day, category${d.dim === 'all' ? '' : `, ${d.value}`}
HAVING sum(n) <> 0 OR sum(n * rk) % ${KEYS} <> 0`;

/** One dimension's month rows: the sums of its day rows. */
const monthRollups = (dim: string) => `INSERT INTO stat_rollup (measure, dim, grain, period, category, value, n, cell_key)
SELECT measure, dim, 'm', date_trunc('month', period::timestamp)::date, category, value, sum(n), sum(cell_key) % ${KEYS}
FROM stat_rollup WHERE grain = 'd' AND dim = '${dim}'
GROUP BY 1, 2, 3, 4, 5, 6
HAVING sum(n) <> 0 OR sum(cell_key) % ${KEYS} <> 0`;

export interface RollupBuild { rows: number; dayRows: number; deltas: number; seconds: { deltas: number; day: number; month: number; indexes: number; analyze: number } }

/** Rebuilds stat_rollup from the ledger, with its indexes dropped during the build and restored after. */
export async function buildRollups(s: Sessions): Promise<RollupBuild> {
  const q = s.main;
  await q.query('DELETE FROM stat_rollup');
  let deltas = 0;
  let day = 0;
  let month = 0;
  let deltaRows = 0;
  const t = await withoutIndexes(s, ['stat_rollup'], async () => {
    try {
      deltas = await timed(async () => {
        await q.query('DROP TABLE IF EXISTS bench_profile, bench_delta');
        await q.query(PROFILE);
        await q.query(DELTA_TABLE);
        await s.all(uuidParts('claim_id', s.size).map(deltasSql));
        await q.query('ANALYZE bench_delta');
      });
      deltaRows = (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_delta')).rows[0]?.n ?? 0;
      day = await timed(() => s.all(DIMENSIONS.map(dayRollups)));
    } finally {
      await q.query('DROP TABLE IF EXISTS bench_profile, bench_delta');
    }
    month = await timed(() => s.all(DIMENSIONS.map((d) => monthRollups(d.dim))));
  });
  const analyze = await timed(() => q.query('VACUUM (ANALYZE) stat_rollup'));
  const { rows } = await q.query<{ rows: number; day_rows: number }>(`SELECT count(*)::int AS rows, count(*) FILTER (WHERE grain = 'd')::int AS day_rows FROM stat_rollup`);
  return { rows: rows[0]?.rows ?? 0, dayRows: rows[0]?.day_rows ?? 0, deltas: deltaRows, seconds: { deltas, day, month, indexes: t.indexes, analyze } };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}
