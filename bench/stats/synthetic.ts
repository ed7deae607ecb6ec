/**
 * Synthetic claims for the statistics benchmark, written straight into the real ledger tables
 * (family_groups, persons, claims, claim_events) with set-based SQL: one INSERT ... SELECT FROM
 * generate_series per table, every "random" draw a hash of the series number (deterministic for a seed,
 * identical on PGlite and on the server).
 *
 * The histories are legal lifecycle paths (checked by replaying them through the state machine at small
 * scale, see verify.ts), with the dates, actors, details, snapshots (claims.lifecycle) and statistics
 * memory (claims.stat_profile with its record key, stat_memory) the repository would have written:
 *   claim.made → eligibility.examination_started →
 *     claimant.withdrew (0.8%, before any decision) | eligibility.ineligible (3%; 10% of non-US land-port
 *     claims, STCA) | eligibility.eligible_referred → boc.received → rpd.accepted | rpd.rejected |
 *     rpd.declared_abandoned | claimant.withdrew → (accepted) protection.conferred
 * Events dated after `today` are not written, so recent claims are still pending at every stage.
 *
 * Shape: family groups of 1–5 (24 groups per 40 claims) sharing office, dates and outcome; 20% of claims at
 * QC-LACOLLE; citizenships skewed (Mexico, India, Haiti, Nigeria first; US citizens ~1.5% of principals,
 * and 15% of the children of other groups, as US-born children); claim dates 2015-01-01 … today with a
 * density rising as t^1.5; RPD decision delays log-normal (median 5 months in 2015 rising to 2 years),
 * acceptance by country of alleged persecution from the demo's log-odds.
 *
 * For speed the loader drops the tables' indexes and foreign keys, loads, and re-creates them from the
 * definitions it read from the catalogue (then checks that the catalogue says the same thing again).
 */
import type { Queryable } from '../../src/store/db.ts';
import type { Sessions } from './sessions.ts';
import { OFFICES } from '../../src/jurisdictions/ca/offices.ts';
import { ACCEPTANCE_LOG_ODDS } from '../../src/demo/people.ts';
import { EVENT_INFO, type LifecycleEventType } from '../../src/domain/lifecycle/index.ts';

export const FIRST_CLAIM_DATE = '2015-01-01';

/** Percent of all claims per office; every other office gets a trickle. */
const OFFICE_WEIGHTS: Record<string, number> = {
  'QC-LACOLLE': 20,
  'ON-YYZ': 9, 'QC-YUL': 8, 'BC-YVR': 1.5, 'AB-YYC': 0.8, 'ON-YOW': 0.6, 'AB-YEG': 0.4, 'MB-YWG': 0.2, 'NS-YHZ': 0.2,
  'ON-PEACE-BRIDGE': 2, 'ON-RAINBOW-BRIDGE': 0.8, 'ON-QUEENSTON-LEWISTON': 0.8, 'BC-DOUGLAS': 1, 'BC-PACIFIC-HIGHWAY': 0.6,
  'MB-EMERSON': 0.5, 'QC-LACOLLE-221': 0.4, 'QC-HEMMINGFORD': 0.3, 'QC-STANSTEAD-55': 0.3, 'ON-LANSDOWNE': 0.3,
  'ON-AMBASSADOR-BRIDGE': 0.3, 'AB-COUTTS': 0.1,
  'ON-ETOBICOKE-IRCC': 13, 'QC-MONTREAL-IRCC': 9, 'ON-MISSISSAUGA-CBSA': 5, 'QC-MONTREAL-CBSA': 2, 'BC-VANCOUVER-IRCC': 2.5,
  'AB-CALGARY-IRCC': 1.5, 'AB-EDMONTON-IRCC': 1, 'MB-WINNIPEG-IRCC': 0.8, 'ON-OTTAWA-IRCC': 1.5, 'ON-NIAGARA-FALLS-IRCC': 0.6,
  'ON-HAMILTON-IRCC': 0.6, 'ON-WINDSOR-IRCC': 0.5, 'NS-HALIFAX-IRCC': 0.4, 'BC-VANCOUVER-CBSA': 0.5,
  ONLINE: 9,
};
const OTHER_OFFICE_WEIGHT = 0.02;

/** Province of an online claim (the portal has none of its own). */
const ONLINE_PROVINCES: Array<[string, number]> = [['ON', 45], ['QC', 30], ['BC', 10], ['AB', 8], ['MB', 3], ['NS', 2], ['SK', 1], ['NB', 1]];

/** Citizenship of a group (percent, roughly the shape of recent IRCC years). */
const CITIZENSHIPS: Array<[string, number]> = [
  ['MEX', 9], ['IND', 8], ['HTI', 7], ['NGA', 6], ['COL', 5], ['TUR', 5], ['IRN', 4], ['AFG', 3], ['PAK', 3], ['BGD', 3],
  ['KEN', 3], ['GHA', 2.5], ['CHN', 2.5], ['SOM', 2], ['ERI', 2], ['ETH', 2], ['CMR', 2], ['COD', 2], ['VEN', 2], ['PER', 1.5],
  ['SYR', 1.5], ['UGA', 1.5], ['SEN', 1.5], ['USA', 1.5], ['CHL', 1], ['ECU', 1], ['SLV', 1], ['HND', 1], ['GIN', 1], ['BDI', 1],
  ['SDN', 1], ['IRQ', 1], ['LKA', 1], ['NPL', 1], ['RWA', 0.8], ['TZA', 0.8], ['EGY', 0.8], ['YEM', 0.5], ['UKR', 0.5],
  ['RUS', 0.5], ['ZWE', 0.5], ['XXA', 0.2],
];
/** Log-odds of acceptance on the merits for a country not in the demo's table; the base is added to every country. */
const ACCEPTANCE_BASE = 0.6;

/** 40 claims per cycle, split into 24 family groups: 15 of 1, 5 of 2, 2 of 3, 1 of 4, 1 of 5. */
const GROUP_SIZES = [1, 2, 1, 1, 3, 1, 1, 2, 1, 4, 1, 1, 2, 1, 5, 1, 1, 2, 1, 3, 1, 1, 2, 1];
const CYCLE_CLAIMS = GROUP_SIZES.reduce((a, b) => a + b, 0);
const CYCLE_GROUPS = GROUP_SIZES.length;

const PORT_TYPES = `('AIRPORT', 'LAND_POE', 'MARINE', 'RAIL')`;
/** States from which an RPD finalization counts (the live model's rpdPending). */
export const RPD_PENDING_STATES = ['REFERRED_RPD', 'BOC_OVERDUE_SPECIAL_HEARING', 'NO_SHOW_SPECIAL_HEARING', 'RPD_SCHEDULED', 'RPD_IN_HEARING', 'RPD_SUSPENDED'];

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const textArray = (xs: ReadonlyArray<string | null>): string => `ARRAY[${xs.map((x) => (x === null ? 'NULL' : lit(x))).join(', ')}]::text[]`;
const floatArray = (xs: readonly number[]): string => `ARRAY[${xs.map((x) => x.toPrecision(17)).join(', ')}]::float8[]`;
const intArray = (xs: readonly number[]): string => `ARRAY[${xs.join(', ')}]::int[]`;

/** Lower bounds of each weight's bucket in [0, 1), for width_bucket(u, bounds) → 1-based index. */
function lowerBounds(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  for (const w of weights) { out.push(acc / total); acc += w; }
  return out;
}

/** The JS rule of domain/statistics/live.ts ageBand(), as SQL over two date expressions. */
export function ageBandSql(dob: string, on: string): string {
  const age = `(extract(year FROM ${on}) - extract(year FROM ${dob}) - CASE WHEN extract(month FROM ${on}) * 100 + extract(day FROM ${on}) < extract(month FROM ${dob}) * 100 + extract(day FROM ${dob}) THEN 1 ELSE 0 END)`;
  return `CASE WHEN ${age} < 14 THEN '0-13' WHEN ${age} < 18 THEN '14-17' WHEN ${age} < 30 THEN '18-29' WHEN ${age} < 45 THEN '30-44' WHEN ${age} < 65 THEN '45-64' ELSE '65+' END`;
}

const basis = (t: LifecycleEventType): string => lit(EVENT_INFO[t].legalBasis);
const tid = (t: LifecycleEventType): string => lit(EVENT_INFO[t].transitionIds[0] ?? '');

export interface LoadOptions { claims: number; today: string; seed: number }
export interface LoadResult {
  groups: number; claims: number; events: number;
  seconds: { plan: number; tables: number; indexes: number; analyze: number };
}

/** Timed step helper: runs fn, returns seconds. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/** Index and constraint definitions of some tables, to drop them for a bulk load and put them back exactly. */
interface SchemaObjects {
  constraints: Array<{ table: string; name: string; def: string; type: 'p' | 'u' | 'f'; index: string | null }>;
  indexes: Array<{ name: string; def: string }>;
}

async function readSchemaObjects(q: Queryable, tables: readonly string[]): Promise<SchemaObjects> {
  const { rows: constraints } = await q.query<SchemaObjects['constraints'][number]>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def, contype::text AS type,
       CASE WHEN contype IN ('p', 'u') THEN pg_get_indexdef(conindid) END AS index
     FROM pg_constraint
     WHERE contype IN ('p', 'u', 'f') AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))
     ORDER BY 1, 2`, [tables]);
  const { rows: indexes } = await q.query<{ name: string; def: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
     FROM pg_index i
     WHERE indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u'))
     ORDER BY 1`, [tables]);
  return { constraints, indexes };
}

async function dropSchemaObjects(q: Queryable, s: SchemaObjects): Promise<void> {
  for (const c of s.constraints.filter((x) => x.type === 'f')) await q.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  for (const c of s.constraints.filter((x) => x.type !== 'f')) await q.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  for (const i of s.indexes) await q.query(`DROP INDEX ${i.name}`);
}

/**
 * Builds every index at once over the sessions (a primary key or unique constraint as its unique index
 * first, then attached: CREATE INDEX only takes a SHARE lock, so builds on one table run side by side),
 * then the foreign keys one by one, and checks the catalogue says exactly what it said before.
 */
async function restoreSchemaObjects(s: Sessions, o: SchemaObjects, tables: readonly string[]): Promise<void> {
  const keys = o.constraints.filter((x) => x.type !== 'f');
  await s.all([...keys.map((c) => c.index ?? ''), ...o.indexes.map((i) => i.def)]);
  for (const c of keys) await s.main.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.type === 'p' ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${c.name}`);
  for (const c of o.constraints.filter((x) => x.type === 'f')) await s.main.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`);
  const again = await readSchemaObjects(s.main, tables);
  if (JSON.stringify(again) !== JSON.stringify(o)) {
    throw new Error(`indexes and constraints were not restored as they were:\n${JSON.stringify(o)}\n${JSON.stringify(again)}`);
  }
}

/** Runs a bulk step with the given tables' indexes and foreign keys dropped, then restores them exactly. */
export async function withoutIndexes(s: Sessions, tables: readonly string[], load: () => Promise<void>): Promise<{ load: number; indexes: number }> {
  const objects = await readSchemaObjects(s.main, tables);
  if (objects.constraints.some((c) => (c.type === 'p' || c.type === 'u') && !c.index)) throw new Error('a key constraint without its index');
  await dropSchemaObjects(s.main, objects);
  const loadSeconds = await timed(load);
  const indexSeconds = await timed(() => restoreSchemaObjects(s, objects, tables));
  return { load: loadSeconds, indexes: indexSeconds };
}

export function planSql(o: LoadOptions): string {
  const n = o.claims;
  const days = Math.round((Date.parse(`${o.today}T00:00:00Z`) - Date.parse(`${FIRST_CLAIM_DATE}T00:00:00Z`)) / 86_400_000) + 1;
  const groupOf: number[] = [];
  const memberOf: number[] = [];
  const sizeOf: number[] = [];
  GROUP_SIZES.forEach((size, g) => { for (let m = 0; m < size; m++) { groupOf.push(g); memberOf.push(m); sizeOf.push(size); } });
  const offices = OFFICES.map((office) => ({ office, w: OFFICE_WEIGHTS[office.code] ?? OTHER_OFFICE_WEIGHT }));
  const accept = CITIZENSHIPS.map(([c]) => 1 / (1 + Math.exp(-(ACCEPTANCE_BASE + (ACCEPTANCE_LOG_ODDS[c] ?? 0)))));
  // bench_u(x, k): a uniform draw in [0, 1) from the hash of x under salt k (+ seed).
  const u = (x: string, k: number) => `bench_u(${x}, ${o.seed * 100 + k})`;
  // Each layer is evaluated once per row (OFFSET 0 keeps the planner from inlining, which would copy every
  // expression into each place it is used), then named for the next.
  const layers: Array<[string, string]> = [
    ['s', `  SELECT i, (i / ${CYCLE_CLAIMS}) * ${CYCLE_GROUPS} + (${intArray(groupOf)})[i % ${CYCLE_CLAIMS} + 1] AS g,
    (${intArray(memberOf)})[i % ${CYCLE_CLAIMS} + 1] AS m, (${intArray(sizeOf)})[i % ${CYCLE_CLAIMS} + 1] AS sz
  FROM generate_series(0::bigint, ${n - 1}::bigint) AS i`],
    ['a', `  SELECT s.*, least(s.sz, ${n} - (s.i - s.m))::int AS gsize,
    width_bucket(${u('g', 1)}, ${floatArray(lowerBounds(offices.map((x) => x.w)))}) AS oi,
    DATE '${FIRST_CLAIM_DATE}' + floor(${days} * power(${u('g', 2)}, 0.4))::int AS claim_date,
    width_bucket(${u('g', 3)}, ${floatArray(lowerBounds(CITIZENSHIPS.map(([, w]) => w)))}) AS ci,
    ${u('g', 4)} AS ue, ${u('g', 5)} AS ud, ${u('g', 6)} AS ub, ${u('g', 7)} AS uc, ${u('g', 8)} AS uf,
    ${u('g', 9)} AS uz1, ${u('g', 10)} AS uz2, ${u('g', 11)} AS uprov, ${u('g', 12)} AS uarr,
    ${u('i', 13)} AS usex, ${u('i', 14)} AS uage, ${u('i', 15)} AS urel, ${u('i', 16)} AS uusa
  FROM s`],
    ['b', `  SELECT a.*,
    (${textArray(offices.map((x) => x.office.code))})[oi] AS office_code,
    (${textArray(offices.map((x) => x.office.type))})[oi] AS office_type,
    coalesce((${textArray(offices.map((x) => x.office.province))})[oi],
      (${textArray(ONLINE_PROVINCES.map(([p]) => p))})[width_bucket(uprov, ${floatArray(lowerBounds(ONLINE_PROVINCES.map(([, w]) => w)))})]) AS province,
    (${textArray(CITIZENSHIPS.map(([c]) => c))})[ci] AS gcit,
    (${floatArray(accept)})[ci] AS accept,
    CASE WHEN m = 0 THEN 'PRINCIPAL' WHEN m = 1 AND urel < 0.6 THEN 'SPOUSE' ELSE 'CHILD' END AS relationship
  FROM a`],
    ['c', `  SELECT b.*,
    CASE WHEN ue < 0.008 THEN 'W'
         WHEN ue < 0.008 + CASE WHEN office_type = 'LAND_POE' AND gcit <> 'USA' THEN 0.10 ELSE 0.03 END THEN 'I'
         ELSE 'R' END AS path,
    CASE WHEN office_type IN ${PORT_TYPES} THEN CASE WHEN ud < 0.75 THEN 0 ELSE 1 + floor((ud - 0.75) * 12)::int END
         WHEN office_type = 'ONLINE' THEN 7 + floor(ud * 54)::int
         ELSE floor(ud * 22)::int END AS elig_delay,
    CASE WHEN uc < 0.06 THEN 'ABANDONED' WHEN uc < 0.12 THEN 'WITHDRAWN'
         WHEN (uc - 0.12) / 0.88 < accept THEN 'ACCEPTED' ELSE 'REJECTED' END AS outcome
  FROM b`],
    ['d', `  SELECT c.*,
    CASE WHEN path = 'W' THEN claim_date + 1 + floor(ud * 20)::int ELSE claim_date + elig_delay END AS d3raw
  FROM c`],
    ['e', `  SELECT d.*,
    CASE WHEN office_type IN ${PORT_TYPES} THEN d3raw + 5 + floor(ub * 41)::int ELSE d3raw END AS d4raw,
    round(least(150 + 60 * (extract(year FROM d3raw)::int - 2015), 750)
      * exp(0.45 * sqrt(-2 * ln(1 - uz1)) * cos(2 * pi() * uz2)))::int AS rpd_delay
  FROM d`],
    ['f', `  SELECT e.*, greatest(d4raw + 1, d3raw + rpd_delay) AS d5raw FROM e`],
    ['p', `  SELECT f.*,
    CASE WHEN d3raw <= DATE '${o.today}' THEN d3raw END AS d3,
    CASE WHEN path = 'R' AND d4raw <= DATE '${o.today}' THEN d4raw END AS d4,
    CASE WHEN path = 'R' AND d5raw <= DATE '${o.today}' THEN d5raw END AS d5,
    CASE WHEN path = 'R' AND outcome = 'ACCEPTED' AND d5raw + 16 + floor(uf * 30)::int <= DATE '${o.today}' THEN d5raw + 16 + floor(uf * 30)::int END AS d6
  FROM f`],
  ];
  const from = layers.reduce((inner, [name, sql]) => (inner === '' ? `(${sql} OFFSET 0) AS ${name}` : `(${sql.replace(/FROM \w+$/, `FROM ${inner}`)} OFFSET 0) AS ${name}`), '');
  return `CREATE UNLOGGED TABLE bench_plan AS
SELECT i, g, m, gsize, relationship,
  md5('${o.seed}:c:' || i)::uuid AS claim_id, md5('${o.seed}:g:' || g)::uuid AS group_id, md5('${o.seed}:p:' || i)::uuid AS person_id,
  office_code, office_type, province, claim_date,
  CASE WHEN office_code = 'QC-LACOLLE' AND uarr < 0.7 THEN 'BETWEEN_PORTS'
       WHEN office_type IN ${PORT_TYPES} THEN 'AT_PORT_OF_ENTRY' ELSE 'INLAND' END AS arrival_manner,
  CASE WHEN office_code = 'QC-LACOLLE' AND uarr < 0.7 THEN claim_date - floor(uarr * 2.5)::int
       WHEN office_type IN ${PORT_TYPES} THEN NULL ELSE claim_date - 2 - floor(uarr * 700)::int END AS arrival_date,
  CASE WHEN relationship = 'CHILD' AND gcit <> 'USA' AND uusa < 0.15 THEN 'USA' ELSE gcit END AS cit,
  gcit AS pc,
  CASE WHEN usex < 0.48 THEN 'F' WHEN usex < 0.995 THEN 'M' ELSE 'X' END AS sex,
  claim_date - floor(365.25 * CASE relationship WHEN 'PRINCIPAL' THEN 18 + 47 * power(uage, 1.6)
    WHEN 'SPOUSE' THEN 18 + 45 * power(uage, 1.3) ELSE 18 * uage END)::int AS dob,
  CASE WHEN office_type IN ('INLAND_OFFICE', 'ONLINE') THEN 'IRCC_OFFICER' ELSE 'CBSA_OFFICER' END AS officer,
  path,
  CASE WHEN path <> 'I' THEN '{}'::text[]
       WHEN office_type = 'LAND_POE' THEN CASE WHEN ub < 0.9 THEN ARRAY['EL-E'] ELSE ARRAY['EL-C', 'EL-E'] END
       ELSE CASE WHEN ub < 0.8 THEN ARRAY['EL-C'] ELSE ARRAY['EL-B'] END END AS grounds,
  d3, d4, d5, d6, outcome,
  CASE WHEN outcome = 'REJECTED' THEN CASE WHEN uf < 0.04 THEN ARRAY['NCB'] WHEN uf < 0.05 THEN ARRAY['MUF'] ELSE '{}'::text[] END ELSE '{}'::text[] END AS flags,
  CASE WHEN uf < 0.85 THEN 'S96' ELSE 'S97' END AS basis
FROM ${from}`;
}

/** Per-claim event columns derived from the plan, shared by the claims and claim_events inserts. */
const DERIVED = `
  CASE path WHEN 'W' THEN 'claimant.withdrew' WHEN 'I' THEN 'eligibility.ineligible' ELSE 'eligibility.eligible_referred' END AS t3,
  CASE path WHEN 'W' THEN ${tid('claimant.withdrew')} WHEN 'I' THEN ${tid('eligibility.ineligible')} ELSE ${tid('eligibility.eligible_referred')} END AS tid3,
  CASE path WHEN 'W' THEN 'RPD_WITHDRAWN' WHEN 'I' THEN 'INELIGIBLE' ELSE 'REFERRED_RPD' END AS s3,
  CASE path WHEN 'W' THEN 'CLAIMANT' ELSE officer END AS actor3,
  CASE path WHEN 'W' THEN ${basis('claimant.withdrew')} WHEN 'I' THEN ${basis('eligibility.ineligible')} ELSE ${basis('eligibility.eligible_referred')} END AS basis3,
  CASE path WHEN 'I' THEN jsonb_build_object('grounds', to_jsonb(grounds)) ELSE '{}'::jsonb END AS det3,
  CASE outcome WHEN 'ACCEPTED' THEN 'rpd.accepted' WHEN 'REJECTED' THEN 'rpd.rejected' WHEN 'ABANDONED' THEN 'rpd.declared_abandoned' ELSE 'claimant.withdrew' END AS t5,
  CASE outcome WHEN 'ACCEPTED' THEN ${tid('rpd.accepted')} WHEN 'REJECTED' THEN ${tid('rpd.rejected')} WHEN 'ABANDONED' THEN ${tid('rpd.declared_abandoned')} ELSE ${tid('claimant.withdrew')} END AS tid5,
  CASE outcome WHEN 'ACCEPTED' THEN 'RPD_ACCEPTED' WHEN 'REJECTED' THEN 'RPD_REJECTED' WHEN 'ABANDONED' THEN 'RPD_ABANDONED' ELSE 'RPD_WITHDRAWN' END AS s5,
  CASE outcome WHEN 'WITHDRAWN' THEN 'CLAIMANT' ELSE 'RPD' END AS actor5,
  CASE outcome WHEN 'ACCEPTED' THEN ${basis('rpd.accepted')} WHEN 'REJECTED' THEN ${basis('rpd.rejected')} WHEN 'ABANDONED' THEN ${basis('rpd.declared_abandoned')} ELSE ${basis('claimant.withdrew')} END AS basis5,
  CASE outcome WHEN 'ACCEPTED' THEN jsonb_build_object('basis', basis) WHEN 'REJECTED' THEN jsonb_build_object('flags', to_jsonb(flags)) ELSE '{}'::jsonb END AS det5`;

/** References as the repository makes them (G-/C-<claim year>-<7 digits>), from one shared numbering. */
const ref = (prefix: string, num: string, date: string) =>
  `'${prefix}-' || to_char(${date}, 'YYYY') || '-' || CASE WHEN ${num} < 10000000 THEN lpad((${num})::text, 7, '0') ELSE (${num})::text END`;

function claimsSql(groups: number, part: string): string {
  // The snapshot the lifecycle machine would hold after these events (see machine.ts initialSnapshot/evolve/derive).
  return `INSERT INTO claims (id, reference, group_id, person_id, relationship, office_code, office_type, province, claim_date,
    arrival_manner, arrival_date, persecution_countries, state, lifecycle, version, stat_profile, stat_memory)
SELECT claim_id, ${ref('C', `${groups} + i + 1`, 'claim_date')}, group_id, person_id, relationship, office_code, office_type, province, claim_date,
  arrival_manner, arrival_date, ARRAY[pc], state,
  jsonb_build_object(
    'state', state, 'claimDate', claim_date, 'lastEffectiveDate', coalesce(d6, d5, d4, d3, claim_date),
    'lastTransitionId', CASE WHEN d6 IS NOT NULL THEN ${tid('protection.conferred')} WHEN d5 IS NOT NULL THEN tid5 WHEN d4 IS NOT NULL THEN ${tid('boc.received')} WHEN d3 IS NOT NULL THEN tid3 ELSE ${tid('eligibility.examination_started')} END,
    'eventCount', version, 'designatedForeignNational', false,
    'ineligibleGrounds', to_jsonb(CASE WHEN path = 'I' AND d3 IS NOT NULL THEN grounds ELSE '{}'::text[] END),
    'stcaException', NULL, 'rpdOutcome', rpd_outcome,
    'rpdBasis', CASE WHEN rpd_outcome = 'ACCEPTED' THEN basis END,
    'rejectionFlags', to_jsonb(CASE WHEN rpd_outcome = 'REJECTED' THEN flags ELSE '{}'::text[] END),
    'radAppellant', NULL, 'radOutcome', NULL,
    'decision', CASE WHEN rpd_outcome = 'ACCEPTED' THEN 'POSITIVE' WHEN rpd_outcome IS NOT NULL THEN 'NEGATIVE' END,
    'radBars', to_jsonb(rad_bars),
    'radAvailable', state IN ('RPD_ACCEPTED', 'RPD_REJECTED') AND cardinality(rad_bars) = 0,
    'suspendedFrom', NULL, 'federalCourt', NULL, 'removalOrderInForceDate', NULL, 'stayed', false, 'stayBasis', NULL,
    'prra', jsonb_build_object(
      'excluded', path = 'I' AND d3 IS NOT NULL AND 'EL-E' = ANY (grounds), 'restricted', false,
      'barredUntil', CASE WHEN rpd_outcome IN ('REJECTED', 'ABANDONED', 'WITHDRAWN') THEN (coalesce(d5, d3) + interval '12 months')::date END)),
  version,
  jsonb_build_object('officeCode', office_code, 'officeType', office_type, 'province', province, 'citizenship', cit,
    'persecutionCountry', pc, 'ageBand', ${ageBandSql('dob', 'claim_date')}, 'sex', sex, 'familySize', CASE WHEN gsize >= 5 THEN '5+' ELSE gsize::text END,
    -- The claim's record key (random at intake in Refuge): here 32 bits of its md5-made id.
    'recordKey', ('x' || right(replace(claim_id::text, '-', ''), 8))::bit(32)::bigint),
  jsonb_build_object('referredOn', CASE WHEN path = 'R' THEN d3 END, 'rpdPending', path = 'R' AND d3 IS NOT NULL AND d5 IS NULL)
FROM (
  SELECT x.*,
    CASE WHEN d5 IS NOT NULL THEN outcome WHEN path = 'W' AND d3 IS NOT NULL THEN 'WITHDRAWN' END AS rpd_outcome,
    CASE WHEN d5 IS NOT NULL AND outcome = 'REJECTED' THEN flags ELSE '{}'::text[] END AS rad_bars
  FROM (
    SELECT bench_plan.*, ${DERIVED},
      2 + (d3 IS NOT NULL)::int + (d4 IS NOT NULL)::int + (d5 IS NOT NULL)::int + (d6 IS NOT NULL)::int AS version,
      CASE WHEN d6 IS NOT NULL THEN 'PROTECTED_PERSON'
           WHEN d5 IS NOT NULL THEN CASE outcome WHEN 'ACCEPTED' THEN 'RPD_ACCEPTED' WHEN 'REJECTED' THEN 'RPD_REJECTED' WHEN 'ABANDONED' THEN 'RPD_ABANDONED' ELSE 'RPD_WITHDRAWN' END
           WHEN d4 IS NOT NULL THEN 'RPD_SCHEDULED'
           WHEN d3 IS NOT NULL THEN CASE path WHEN 'W' THEN 'RPD_WITHDRAWN' WHEN 'I' THEN 'INELIGIBLE' ELSE 'REFERRED_RPD' END
           ELSE 'ELIGIBILITY_PENDING' END AS state
    FROM bench_plan WHERE ${part} OFFSET 0) x
  OFFSET 0
) y`;
}

const eventsSql = (part: string) => `INSERT INTO claim_events (claim_id, version, type, transition_id, from_state, to_state, actor_role, effective_date, legal_basis, details, recorded_by)
SELECT x.claim_id, e.v, e.type, e.tid, e.from_state, e.to_state, e.actor, e.d, e.basis, e.details, 'benchmark'
FROM (SELECT bench_plan.*, ${DERIVED} FROM bench_plan WHERE ${part} OFFSET 0) x
CROSS JOIN LATERAL (VALUES
  (1, 'claim.made', ${tid('claim.made')}, NULL, 'CLAIM_MADE', x.officer, x.claim_date, ${basis('claim.made')}, '{}'::jsonb),
  (2, 'eligibility.examination_started', ${tid('eligibility.examination_started')}, 'CLAIM_MADE', 'ELIGIBILITY_PENDING', x.officer, x.claim_date, ${basis('eligibility.examination_started')}, '{}'::jsonb),
  (3, x.t3, x.tid3, 'ELIGIBILITY_PENDING', x.s3, x.actor3, x.d3, x.basis3, x.det3),
  (4, 'boc.received', ${tid('boc.received')}, 'REFERRED_RPD', 'RPD_SCHEDULED', 'RPD', x.d4, ${basis('boc.received')}, '{}'::jsonb),
  (5, x.t5, x.tid5, 'RPD_SCHEDULED', x.s5, x.actor5, x.d5, x.basis5, x.det5),
  (6, 'protection.conferred', ${tid('protection.conferred')}, 'RPD_ACCEPTED', 'PROTECTED_PERSON', 'OPERATION_OF_LAW', x.d6, ${basis('protection.conferred')}, '{}'::jsonb)
) AS e(v, type, tid, from_state, to_state, actor, d, basis, details)
WHERE e.d IS NOT NULL`;

function groupsSql(part: string): string {
  return `INSERT INTO family_groups (id, reference, office_code, office_type, province, claim_date, arrival, persecution_countries, created_by)
SELECT group_id, ${ref('G', 'g + 1', 'claim_date')}, office_code, office_type, province, claim_date,
  jsonb_strip_nulls(jsonb_build_object('manner', arrival_manner,
    'crossingDate', CASE WHEN arrival_manner = 'BETWEEN_PORTS' THEN arrival_date END,
    'entryDate', CASE WHEN arrival_manner = 'INLAND' THEN arrival_date END))
  || jsonb_build_object('duplicateCheck', jsonb_build_object('searchId', NULL, 'override', 'synthetic benchmark data')),
  ARRAY[pc], 'benchmark'
FROM bench_plan WHERE m = 0 AND ${part}`;
}

const personsSql = (part: string) => `INSERT INTO persons (id, family_name, given_names, date_of_birth, sex, citizenships, documents, languages, interpreter_language, match_keys)
SELECT person_id, 'Benchmark', 'Person ' || i, dob, sex, ARRAY[cit], '[]'::jsonb,
  CASE WHEN province = 'QC' THEN ARRAY['fr'] ELSE ARRAY['en'] END, NULL, '{}'::text[]
FROM bench_plan WHERE ${part}`;

export const LEDGER_TABLES = ['family_groups', 'persons', 'claims', 'claim_events'] as const;

/**
 * Loads `claims` synthetic claims into an empty, migrated database. Each table's rows are split over the
 * sessions (by claim number), all tables at once, with their indexes and foreign keys rebuilt afterwards.
 */
export async function loadSyntheticClaims(s: Sessions, o: LoadOptions): Promise<LoadResult> {
  if (!Number.isInteger(o.claims) || o.claims < 1) throw new RangeError(`claims must be a positive integer, got ${o.claims}`);
  const q = s.main;
  const groups = Math.floor(o.claims / CYCLE_CLAIMS) * CYCLE_GROUPS + new Set(Array.from({ length: o.claims % CYCLE_CLAIMS }, (_, p) => {
    let acc = 0;
    for (const [g, size] of GROUP_SIZES.entries()) { acc += size; if (p < acc) return g; }
    return -1;
  })).size;
  const { rows: existing } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM claims');
  if ((existing[0]?.n ?? 0) !== 0) throw new Error('the benchmark loads into an empty database');
  await q.query(`CREATE OR REPLACE FUNCTION bench_u(x bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ((hashint8extended(x, salt::bigint) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$`);
  let plan = 0;
  let tables = { load: 0, indexes: 0 };
  try {
    plan = await timed(() => q.query(planSql(o)));
    const parts = Array.from({ length: s.size }, (_, k) => (s.size === 1 ? 'true' : `i % ${s.size} = ${k}`));
    tables = await withoutIndexes(s, LEDGER_TABLES, () => s.all([
      ...parts.map(eventsSql), ...parts.map((p) => claimsSql(groups, p)), ...parts.map(personsSql), ...parts.map(groupsSql),
    ]));
    await q.query(`SELECT setval('claim_reference_seq', $1)`, [groups + o.claims]);
  } finally {
    await q.query('DROP TABLE IF EXISTS bench_plan');
    await q.query('DROP FUNCTION IF EXISTS bench_u(bigint, int)');
  }
  const analyze = await timed(() => s.all(LEDGER_TABLES.map((t) => `VACUUM (ANALYZE) ${t}`)));
  const { rows } = await q.query<{ groups: number; claims: number; events: number }>(
    `SELECT (SELECT count(*) FROM family_groups)::int AS groups, (SELECT count(*) FROM claims)::int AS claims, (SELECT count(*) FROM claim_events)::int AS events`);
  const counts = rows[0];
  if (!counts || counts.claims !== o.claims || counts.groups !== groups) throw new Error(`loaded ${JSON.stringify(counts)}, expected ${o.claims} claims in ${groups} groups`);
  return { ...counts, seconds: { plan, tables: tables.load, indexes: tables.indexes, analyze } };
}
