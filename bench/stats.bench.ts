/**
 * npm run bench:stats — latency of the five saved statistical questions (services/savedQuestions.ts)
 * answered from the rollups (runSavedQuestion, disclosure NONE), beside the same questions answered by a
 * plain GROUP BY over the case tables and by DuckDB scanning the same rows, all in one run:
 *   - PGlite (embedded, data directory in a temporary folder, deleted after) with BENCH_PGLITE_CLAIMS claims
 *     (default 1,000,000);
 *   - a PostgreSQL server (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a fresh database,
 *     dropped after) with BENCH_PG_CLAIMS claims (default 10,000,000).
 * Targets (issue #3): p95 under 50 ms on PostgreSQL at 10 M claims, and faster than the DuckDB scan.
 *
 * Before anything is timed: the set-based loader and rollup build are checked at small scale
 * (BENCH_CHECK_CLAIMS, default 2,000) on both engines against Refuge's own model (checkStatistics, lifecycle
 * replay, statistics memory), and at full scale every question's figures must be equal on all three paths.
 * Any difference stops the run with exit code 1.
 *
 * BENCH_DATA_DIR=<folder> keeps the server's loaded database and its DuckDB copy for later runs: the first run
 * loads them and writes <folder>/server.json (database URL, keys, sizes, load times, the day the data were
 * made for); a later run with the same folder and size times the questions on them without loading again
 * (`npm run bench:web` can read the same database: BENCH_WEB_DATABASE_URL). Delete the folder and drop the
 * database by hand when done.
 * Other settings: BENCH_SKIP_PGLITE=1, BENCH_SKIP_PG=1, BENCH_RUNS (30), BENCH_WARMUPS (3), BENCH_SCAN_SECONDS
 * (time budget per question for the GROUP BY and DuckDB paths, 60; at least 5 runs), BENCH_SEED (1).
 * The full default run takes about 35–45 minutes on 2 cores (most of it loading 10 M claims and their
 * ~48 M events and building ~45 M rollup rows); smaller sizes scale about linearly.
 */
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { mkdtempSync, mkdirSync, rmSync, readdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, availableParallelism, totalmem, cpus } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openSystem } from '../src/services/system.ts';
import { migrate } from '../src/store/migrate.ts';
import type { Database } from '../src/store/db.ts';
import { todayIn } from '../src/domain/dates.ts';
import { loadSyntheticClaims, type LoadResult } from './stats/synthetic.ts';
import { buildRollups, type RollupBuild } from './stats/rollups.ts';
import { verifySmallScale, type Verification } from './stats/verify.ts';
import { serverSessions, poolSession, type Sessions } from './stats/sessions.ts';
import { exportFromPglite, exportFromServer, importIntoDuckDB, openDuckCopy, type DuckCopy } from './stats/duck.ts';
import { questions, headlineSummary, type Headline } from './stats/questions.ts';
import { sample, percentile, markdownTable, fmtMs, fmtInt, fmtS, fmtRatio, fmtBytes } from './stats/measure.ts';
import { runSavedQuestion } from '../src/services/savedQuestions.ts';
import { generateKeyRing, parseKeyRing, serializeKeyRing, type KeyRing } from '../src/services/keys.ts';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const envInt = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${v}`);
  return n;
};
const PGLITE_CLAIMS = envInt('BENCH_PGLITE_CLAIMS', 1_000_000);
const PG_CLAIMS = envInt('BENCH_PG_CLAIMS', 10_000_000);
const CHECK_CLAIMS = envInt('BENCH_CHECK_CLAIMS', 2_000);
const RUNS = envInt('BENCH_RUNS', 30);
const WARMUPS = envInt('BENCH_WARMUPS', 3);
const SCAN_BUDGET_MS = envInt('BENCH_SCAN_SECONDS', 60) * 1000;
const SEED = envInt('BENCH_SEED', 1);
const SKIP_PGLITE = process.env.BENCH_SKIP_PGLITE === '1';
const SKIP_PG = process.env.BENCH_SKIP_PG === '1';
/** Keep the big server database (for `npm run bench:web` with BENCH_WEB_DATABASE_URL) instead of dropping it. */
const KEEP_PG = process.env.BENCH_KEEP_PG === '1';
/** Keeps (or reuses) the server's loaded database and DuckDB copy; see the header. */
const DATA_DIR = process.env.BENCH_DATA_DIR || null;
const TARGET_P95_MS = 50;
const TARGET_CLAIMS = 10_000_000;

/** What a kept server load is (BENCH_DATA_DIR/server.json). */
interface KeptLoad { url: string; keys: string; claims: number; seed: number; today: string; load: LoadResult; rollups: RollupBuild; exportSeconds: number; importSeconds: number; csvBytes: number }
const KEPT_FILE = DATA_DIR ? join(DATA_DIR, 'server.json') : null;
const kept: KeptLoad | null = (() => {
  if (!KEPT_FILE || !existsSync(KEPT_FILE)) return null;
  const k = JSON.parse(readFileSync(KEPT_FILE, 'utf8')) as KeptLoad;
  return k.claims === PG_CLAIMS && k.seed === SEED ? k : null;
})();
// The questions are asked as of the day the data were made for, so a kept load answers the same questions.
const TODAY = kept?.today ?? todayIn('America/Toronto');

// Session settings for the bulk load only; the questions run with each engine's defaults.
const SERVER_LOAD_SETTINGS = ['SET jit = off', 'SET synchronous_commit = off', `SET work_mem = '256MB'`, `SET maintenance_work_mem = '1GB'`];
const PGLITE_LOAD_SETTINGS = [`SET work_mem = '128MB'`, `SET maintenance_work_mem = '512MB'`];

class BenchFailure extends Error {}

/** What must not be left behind (the server database, temporary folders), also on Ctrl-C. */
const cleanups = new Set<() => Promise<void> | void>();
async function cleanUp(task: () => Promise<void> | void): Promise<void> {
  cleanups.delete(task);
  await task();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up...`);
    void Promise.allSettled([...cleanups].map((t) => t())).finally(() => process.exit(130));
  });
}

interface Engine {
  kind: 'pglite' | 'postgres';
  db: Database;
  /** Sessions for the bulk steps (closed before timing). */
  sessions(): Promise<Sessions>;
  exportCsv(s: Sessions, dir: string): Promise<void>;
  version: string;
  close(): Promise<void>;
}

interface EngineReport {
  title: string; claims: number; load: LoadResult; rollups: RollupBuild; duck: Omit<DuckCopy, 'instance' | 'conn' | 'close'>;
  rows: Array<{ id: string; label: string; rollup: number[]; publicAnswer: number[]; sql: number[]; duckdb: number[]; summary: string }>;
  sizes: Record<string, number>;
  settings: string;
}

// ------------------------------------------------------------------ engines

async function openPglite(dir: string): Promise<Engine> {
  const pglite = await PGlite.create(join(dir, 'pgdata'));
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db: Database = { kind: 'pglite', description: `PGlite at ${dir}`, pool, close: async () => { await pool.end(); await pglite.close(); } };
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const version = (await pool.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
  return {
    kind: 'pglite', db, version: version.replace(/ on .*$/, ''),
    sessions: () => poolSession(pool, PGLITE_LOAD_SETTINGS),
    exportCsv: (_s, out) => exportFromPglite(pglite, out),
    close: () => db.close(),
  };
}

/** A fresh database on the server (dropped by close() unless kept), or the kept one of an earlier run. */
async function openServer(keep = false, existing: { url: string; keys: KeyRing } | null = null): Promise<Engine & { url: string; keys: KeyRing }> {
  const name = `refuge_bench_stats_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  const url = new URL(existing?.url ?? SERVER);
  if (!existing) {
    await admin.query(`CREATE DATABASE ${name}`);
    url.pathname = `/${name}`;
  }
  const drop = async () => {
    if (keep || existing) console.log(`Kept the database: ${url.toString()}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  cleanups.add(drop);
  const keys = existing?.keys ?? generateKeyRing();
  let system: Awaited<ReturnType<typeof openSystem>>;
  try {
    system = await openSystem({ databaseUrl: url.toString(), maxConnections: 4 }, { keys });
  } catch (err) {
    await cleanUp(drop);
    throw err;
  }
  const version = (await system.db.pool.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
  return {
    kind: 'postgres', db: system.db, version: version.replace(/ on .*$/, ''), url: url.toString(), keys,
    sessions: () => serverSessions(url.toString(), availableParallelism(), SERVER_LOAD_SETTINGS),
    exportCsv: (s, out) => exportFromServer(s, out),
    close: async () => {
      await system.close();
      await cleanUp(drop);
    },
  };
}

// ------------------------------------------------------------------ steps

async function smallScaleCheck(open: (dir: string) => Promise<Engine>): Promise<Verification & { engine: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'refuge-bench-check-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  cleanups.add(removeDir);
  const engine = await open(dir).catch(async (err: unknown) => { await cleanUp(removeDir); throw err; });
  try {
    const s = await engine.sessions();
    try {
      await loadSyntheticClaims(s, { claims: CHECK_CLAIMS, today: TODAY, seed: SEED });
      await buildRollups(s);
    } finally {
      await s.close();
    }
    return { ...(await verifySmallScale(engine.db, TODAY)), engine: engine.version };
  } finally {
    await engine.close();
    await cleanUp(removeDir);
  }
}

/** Cheap whole-scale invariants of the rollups against the case tables. */
async function fullScaleInvariants(db: Database): Promise<string[]> {
  const { rows } = await db.pool.query<{ name: string; rollup: number; tables: number }>(`
    SELECT 'claims made' AS name,
      (SELECT coalesce(sum(n), 0) FROM stat_rollup WHERE measure = 'claims' AND dim = 'all' AND grain = 'm')::float8 AS rollup,
      (SELECT count(*) FROM claims)::float8 AS tables
    UNION ALL SELECT 'RPD pending today',
      (SELECT coalesce(sum(n), 0) FROM stat_rollup WHERE measure = 'rpd_pending' AND dim = 'all' AND grain = 'm')::float8,
      (SELECT count(*) FROM claims WHERE state IN ('REFERRED_RPD', 'RPD_SCHEDULED'))::float8
    UNION ALL SELECT 'claims by office (sum of day rows)',
      (SELECT coalesce(sum(n), 0) FROM stat_rollup WHERE measure = 'claims' AND dim = 'office' AND grain = 'd')::float8,
      (SELECT count(*) FROM claims)::float8
    UNION ALL SELECT 'referrals by citizenship',
      (SELECT coalesce(sum(n), 0) FROM stat_rollup WHERE measure = 'referrals' AND dim = 'citizenship' AND grain = 'm')::float8,
      (SELECT count(*) FROM claim_events WHERE type = 'eligibility.eligible_referred')::float8`);
  return rows.filter((r) => r.rollup !== r.tables).map((r) => `${r.name}: rollups ${r.rollup}, tables ${r.tables}`);
}

async function benchEngine(title: string, claims: number, open: (dir: string) => Promise<Engine>): Promise<EngineReport> {
  const dir = mkdtempSync(join(tmpdir(), 'refuge-bench-stats-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  cleanups.add(removeDir);
  let engine: Engine | null = null;
  let duck: DuckCopy | null = null;
  try {
    engine = await open(dir);
    const e = engine;
    const reuse = e.kind === 'postgres' && kept !== null;
    let load: LoadResult;
    let rollups: RollupBuild;
    if (reuse && kept) {
      console.log(`\n${title}: ${e.version}; reusing the kept load of ${fmtInt(claims)} claims (${kept.url}, made for ${kept.today})`);
      ({ load, rollups } = kept);
      duck = await openDuckCopy(join(DATA_DIR!, 'csv'), { export: kept.exportSeconds, import: kept.importSeconds }, kept.csvBytes);
    } else {
      console.log(`\n${title}: ${e.version}; loading ${fmtInt(claims)} claims...`);
      const s = await e.sessions();
      let exportSeconds = 0;
      const keepHere = e.kind === 'postgres' && DATA_DIR !== null;
      // A folder of our own: the export makes its parent enterable by the server.
      const csvDir = join(keepHere ? DATA_DIR! : dir, 'csv');
      try {
        load = await loadSyntheticClaims(s, { claims, today: TODAY, seed: SEED });
        console.log(`  loaded ${fmtInt(load.claims)} claims, ${fmtInt(load.events)} events in ${fmtS(load.seconds.plan + load.seconds.tables + load.seconds.indexes + load.seconds.analyze)}; building rollups...`);
        rollups = await buildRollups(s);
        console.log(`  ${fmtInt(rollups.rows)} rollup rows in ${fmtS(rollups.seconds.deltas + rollups.seconds.day + rollups.seconds.month + rollups.seconds.indexes + rollups.seconds.analyze)}; copying rows to DuckDB...`);
        const t0 = performance.now();
        mkdirSync(csvDir, { recursive: true });
        await e.exportCsv(s, csvDir);
        exportSeconds = (performance.now() - t0) / 1000;
      } finally {
        await s.close();
      }
      duck = await importIntoDuckDB(csvDir, exportSeconds);
      for (const f of readdirSync(csvDir).filter((x) => x.endsWith('.csv'))) rmSync(join(csvDir, f));
      if (keepHere && 'url' in e) {
        const k = e as Engine & { url: string; keys: KeyRing };
        const manifest: KeptLoad = { url: k.url, keys: serializeKeyRing(k.keys), claims, seed: SEED, today: TODAY, load, rollups, exportSeconds, importSeconds: duck.seconds.import, csvBytes: duck.csvBytes };
        writeFileSync(KEPT_FILE!, JSON.stringify(manifest, null, 2), { mode: 0o600 });
        console.log(`  kept for later runs: ${KEPT_FILE}`);
      }
    }
    const d = duck;
    if (d.rows.claims !== load.claims || d.rows.claim_events !== load.events) throw new BenchFailure(`DuckDB holds ${JSON.stringify(d.rows)}, expected ${load.claims} claims and ${load.events} events`);

    const invariantProblems = await fullScaleInvariants(e.db);
    if (invariantProblems.length > 0) throw new BenchFailure(`${title}: rollups disagree with the case tables:\n  ${invariantProblems.join('\n  ')}`);

    const sizes = (await e.db.pool.query<{ name: string; bytes: number }>(
      `SELECT relname AS name, pg_total_relation_size(oid)::float8 AS bytes FROM pg_class WHERE relname IN ('claims', 'persons', 'claim_events', 'stat_rollup', 'family_groups') AND relkind = 'r'`)).rows;

    const settings = (await e.db.pool.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', 'max_parallel_workers_per_gather', 'random_page_cost') ORDER BY name`)).rows
      .map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ');

    const rows: EngineReport['rows'] = [];
    for (const q of questions(TODAY)) {
      // The three answers must agree before anything is timed.
      const answers: Array<[string, Headline]> = [['rollup', await q.rollup(e.db)], ['GROUP BY', await q.sql(e.db.pool)], ['DuckDB', await q.duckdb(d.conn)]];
      const [first] = answers;
      for (const [name, h] of answers.slice(1)) {
        if (JSON.stringify(h) !== JSON.stringify(first?.[1])) {
          throw new BenchFailure(`${title}, ${q.id}: ${name} answers ${JSON.stringify(h).slice(0, 2000)}\n  but the rollups answer ${JSON.stringify(first?.[1]).slice(0, 2000)}`);
        }
      }
      // Refuge's paths are timed in rounds of their own: a multi-gigabyte scan between two of their runs
      // would measure the scan's eviction of the page cache, which a live system does not do every query.
      const samples = [
        ...await sample([
          { name: 'rollup', run: () => q.rollup(e.db), budgetMs: Number.POSITIVE_INFINITY },
          { name: 'public', run: () => runSavedQuestion(e.db, q.id, TODAY, 'IRCC_R5'), budgetMs: Number.POSITIVE_INFINITY },
        ], RUNS, WARMUPS),
        ...await sample([
          { name: 'sql', run: () => q.sql(e.db.pool), budgetMs: SCAN_BUDGET_MS },
          { name: 'duckdb', run: () => q.duckdb(d.conn), budgetMs: SCAN_BUDGET_MS },
        ], RUNS, WARMUPS),
      ];
      const [rollup, publicAnswer, sql, duckdb] = samples.map((x) => x.ms);
      rows.push({ id: q.id, label: q.label, rollup: rollup ?? [], publicAnswer: publicAnswer ?? [], sql: sql ?? [], duckdb: duckdb ?? [], summary: headlineSummary(first?.[1] ?? {}) });
      console.log(`  ${q.id}: rollup p50 ${fmtMs(percentile(rollup ?? [], 0.5))} ms, GROUP BY p50 ${fmtMs(percentile(sql ?? [], 0.5))} ms, DuckDB p50 ${fmtMs(percentile(duckdb ?? [], 0.5))} ms — ${headlineSummary(first?.[1] ?? {})}`);
    }
    const { instance: _i, conn: _c, close: _x, ...duckInfo } = d;
    return { title: `${title} (${e.version})`, claims, load, rollups, duck: duckInfo, rows, sizes: Object.fromEntries(sizes.map((r) => [r.name, r.bytes])), settings };
  } finally {
    duck?.close();
    await engine?.close();
    await cleanUp(removeDir);
  }
}

// ------------------------------------------------------------------ report

function printEngine(r: EngineReport): void {
  const l = r.load.seconds;
  const b = r.rollups.seconds;
  console.log(`\n### ${r.title}: ${fmtInt(r.claims)} claims\n`);
  console.log(`- Rows: ${fmtInt(r.load.groups)} family groups, ${fmtInt(r.claims)} persons and claims, ${fmtInt(r.load.events)} events, `
    + `${fmtInt(r.rollups.rows)} rollup rows (${fmtInt(r.rollups.dayRows)} daily) from ${fmtInt(r.rollups.deltas)} statistical deltas.`);
  console.log(`- Sizes with indexes: claims ${fmtBytes(r.sizes.claims ?? 0)}, persons ${fmtBytes(r.sizes.persons ?? 0)}, claim_events ${fmtBytes(r.sizes.claim_events ?? 0)}, `
    + `stat_rollup ${fmtBytes(r.sizes.stat_rollup ?? 0)}; DuckDB file ${fmtBytes(r.duck.fileBytes)} (from ${fmtBytes(r.duck.csvBytes)} of CSV).`);
  console.log(`- Load ${fmtS(l.plan + l.tables + l.indexes + l.analyze)} (plan ${fmtS(l.plan)}, tables ${fmtS(l.tables)}, indexes and keys ${fmtS(l.indexes)}, vacuum analyze ${fmtS(l.analyze)}); `
    + `rollups ${fmtS(b.deltas + b.day + b.month + b.indexes + b.analyze)} (deltas ${fmtS(b.deltas)}, day rows ${fmtS(b.day)}, month rows ${fmtS(b.month)}, indexes ${fmtS(b.indexes)}, vacuum analyze ${fmtS(b.analyze)}); `
    + `DuckDB copy: export ${fmtS(r.duck.seconds.export)}, import ${fmtS(r.duck.seconds.import)}.`);
  console.log(`- Questions run with the engine's settings: ${r.settings}; DuckDB with ${availableParallelism()} threads.\n`);
  const p = (ms: number[], q: number) => fmtMs(percentile(ms, q));
  console.log(markdownTable(
    ['question', 'rollup p50', 'rollup p95', 'public p50', 'public p95', 'GROUP BY p50', 'GROUP BY p95', 'DuckDB p50', 'DuckDB p95', 'runs r/p/G/D', 'GROUP BY ÷ rollup', 'DuckDB ÷ rollup'],
    r.rows.map((x) => [
      x.label, p(x.rollup, 0.5), p(x.rollup, 0.95), p(x.publicAnswer, 0.5), p(x.publicAnswer, 0.95), p(x.sql, 0.5), p(x.sql, 0.95), p(x.duckdb, 0.5), p(x.duckdb, 0.95),
      `${x.rollup.length}/${x.publicAnswer.length}/${x.sql.length}/${x.duckdb.length}`,
      fmtRatio(percentile(x.sql, 0.5) / percentile(x.rollup, 0.5)), fmtRatio(percentile(x.duckdb, 0.5) / percentile(x.rollup, 0.5)),
    ])));
  console.log('\n(milliseconds; ratios of p50; the three exact answers of every question were checked equal first; "public" is the same saved question as the public gets it: IRCC_R5, every block perturbed, whole-answer suppression)');
}

async function main(): Promise<void> {
  console.log(`Statistics benchmark — ${new Date().toISOString()}, today ${TODAY}, Node ${process.version}, ${cpus().length} cores (${availableParallelism()} available), ${fmtBytes(totalmem())} RAM`);
  console.log(`Sizes: PGlite ${SKIP_PGLITE ? 'skipped' : fmtInt(PGLITE_CLAIMS)}, server ${SKIP_PG ? 'skipped' : fmtInt(PG_CLAIMS)} claims; ${RUNS} timed rounds after ${WARMUPS} warm-ups; GROUP BY and DuckDB stop after ${SCAN_BUDGET_MS / 1000} s per question (at least 5 runs).`);
  console.log('Rollup path: runSavedQuestion(db, id, today, "NONE") (stat_rollup only). GROUP BY path: the same figures from claims/persons/claim_events. DuckDB: the same SQL over a copy of those rows.');

  // 1. The loader and the SQL rollup build, against Refuge's own model, at small scale on both engines.
  const checks: Array<Verification & { engine: string }> = [];
  if (!SKIP_PGLITE) checks.push(await smallScaleCheck(openPglite));
  if (!SKIP_PG) checks.push(await smallScaleCheck(() => openServer()));
  console.log(`\n### Check at ${fmtInt(CHECK_CLAIMS)} claims: SQL-built rollups and synthetic histories against the model\n`);
  console.log(markdownTable(['engine', 'claims', 'events', 'rollup rows checked', 'rollup differences (checkStatistics)', 'lifecycle replay mismatches', 'stat_profile/stat_memory mismatches'],
    checks.map((c) => [c.engine, fmtInt(c.claims), fmtInt(c.events), fmtInt(c.rollupRowsChecked), String(c.rollupDifferences), String(c.lifecycleMismatches), String(c.statMismatches)])));
  const problems = checks.flatMap((c) => c.problems.map((p) => `${c.engine}: ${p}`));
  if (problems.length > 0 || checks.some((c) => c.rollupDifferences + c.lifecycleMismatches + c.statMismatches > 0)) {
    throw new BenchFailure(`the small-scale check FAILED:\n  ${problems.join('\n  ')}`);
  }
  console.log('\nCheck passed: the SQL-built rollups equal the model recomputed from the event log, and every history replays to its stored state.');

  // 2. Full size.
  const reports: EngineReport[] = [];
  if (!SKIP_PGLITE && PGLITE_CLAIMS > 0) {
    const r = await benchEngine('PGlite (embedded)', PGLITE_CLAIMS, openPglite);
    printEngine(r);
    reports.push(r);
  }
  if (!SKIP_PG && PG_CLAIMS > 0) {
    const r = await benchEngine('PostgreSQL server', PG_CLAIMS, () => openServer(KEEP_PG || DATA_DIR !== null, kept ? { url: kept.url, keys: parseKeyRing(kept.keys) } : null));
    printEngine(r);
    reports.push(r);
  }

  // 3. Targets.
  console.log('\n### Targets\n');
  for (const r of reports) {
    const worstP95 = Math.max(...r.rows.map((x) => percentile(x.rollup, 0.95)));
    const worst = r.rows.find((x) => percentile(x.rollup, 0.95) === worstP95);
    const fasterP50 = r.rows.filter((x) => percentile(x.rollup, 0.5) < percentile(x.duckdb, 0.5)).length;
    const fasterP95 = r.rows.filter((x) => percentile(x.rollup, 0.95) < percentile(x.duckdb, 0.95)).length;
    const server = r.title.startsWith('PostgreSQL');
    const sizeNote = server && r.claims !== TARGET_CLAIMS ? ` (the target is stated at ${fmtInt(TARGET_CLAIMS)} claims; this run used ${fmtInt(r.claims)})` : '';
    if (server) {
      console.log(`- ${r.title}: rollup p95 < ${TARGET_P95_MS} ms for every question: ${worstP95 < TARGET_P95_MS ? 'met' : 'NOT met'} — worst p95 ${fmtMs(worstP95)} ms (${worst?.id ?? ''})${sizeNote}.`);
      const worstPublic = Math.max(...r.rows.map((x) => percentile(x.publicAnswer, 0.95)));
      console.log(`  Public answers (IRCC_R5): p95 < ${TARGET_P95_MS} ms for every question: ${worstPublic < TARGET_P95_MS ? 'met' : 'NOT met'} — worst p95 ${fmtMs(worstPublic)} ms (${r.rows.find((x) => percentile(x.publicAnswer, 0.95) === worstPublic)?.id ?? ''}).`);
    } else {
      console.log(`- ${r.title}: worst rollup p95 ${fmtMs(worstP95)} ms (${worst?.id ?? ''}); no target is set for the embedded engine.`);
    }
    const all = fasterP50 === r.rows.length && fasterP95 === r.rows.length;
    console.log(`  Faster than the DuckDB scan: at p50 for ${fasterP50}/${r.rows.length} questions, at p95 for ${fasterP95}/${r.rows.length} — ${all ? 'met' : 'NOT met'}${server ? sizeNote : ''}.`);
  }
}

try {
  await main();
} catch (err) {
  console.error(`\nbench:stats FAILED: ${err instanceof Error ? err.message : String(err)}`);
  if (!(err instanceof BenchFailure) && err instanceof Error && err.stack) console.error(err.stack);
  process.exitCode = 1;
}
