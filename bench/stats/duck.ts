/**
 * The reference scan: the rows the plain GROUP BY reads (claims, persons, claim_events; the columns the
 * questions use, first citizenship and first country of alleged persecution as plain columns) copied once
 * into a DuckDB database file, as CSV written by PostgreSQL's own COPY (on a server, to a file the server
 * writes on this machine; on PGlite, to /dev/blob in chunks of pages).
 */
import { chmodSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { availableParallelism } from 'node:os';
import type { PGlite } from '@electric-sql/pglite';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Sessions } from './sessions.ts';

interface Export { table: string; source: string; select: string; columns: Record<string, string> }

const EXPORTS: Export[] = [
  {
    table: 'd_events', source: 'claim_events',
    select: 'SELECT claim_id, version, type, from_state, effective_date FROM claim_events',
    columns: { claim_id: 'UUID', version: 'INTEGER', type: 'VARCHAR', from_state: 'VARCHAR', effective_date: 'DATE' },
  },
  {
    table: 'd_claims', source: 'claims',
    select: `SELECT id, group_id, person_id, office_code, office_type, province, claim_date, coalesce(persecution_countries[1], 'XXX') AS pc FROM claims`,
    columns: { id: 'UUID', group_id: 'UUID', person_id: 'UUID', office_code: 'VARCHAR', office_type: 'VARCHAR', province: 'VARCHAR', claim_date: 'DATE', pc: 'VARCHAR' },
  },
  {
    table: 'd_persons', source: 'persons',
    select: `SELECT id, coalesce(citizenships[1], 'XXX') AS citizenship FROM persons`,
    columns: { id: 'UUID', citizenship: 'VARCHAR' },
  },
];

export interface DuckCopy {
  instance: DuckDBInstance; conn: DuckDBConnection;
  rows: Record<string, number>; csvBytes: number; fileBytes: number;
  seconds: { export: number; import: number };
  close(): void;
}

/** Writes the CSV files into `dir`: the server writes them itself (it runs on this machine). */
export async function exportFromServer(s: Sessions, dir: string): Promise<void> {
  // The server process (another OS user) writes here: it must be able to enter the folder above (always
  // the benchmark's own: never loosen a folder it did not make, such as /tmp) and write in this one.
  chmodSync(dirname(dir), 0o711);
  chmodSync(dir, 0o777);
  await s.all(EXPORTS.map((e) => `COPY (${e.select}) TO '${join(dir, `${e.table}-0.csv`)}' WITH (FORMAT csv)`));
}

/** Writes the CSV files into `dir` from PGlite, about 20,000 pages (160 MB of table) per blob. */
export async function exportFromPglite(pglite: PGlite, dir: string): Promise<void> {
  const step = 20_000;
  for (const e of EXPORTS) {
    const { rows } = await pglite.query<{ pages: number }>(`SELECT (pg_relation_size('${e.source}') / current_setting('block_size')::int)::int AS pages`);
    const pages = rows[0]?.pages ?? 0;
    for (let from = 0, k = 0; from <= pages; from += step, k++) {
      const r = await pglite.query(`COPY (${e.select} WHERE ctid >= '(${from},0)'::tid AND ctid < '(${from + step},0)'::tid) TO '/dev/blob' WITH (FORMAT csv)`);
      if (!r.blob) throw new Error(`COPY ${e.source} returned no blob`);
      writeFileSync(join(dir, `${e.table}-${k}.csv`), Buffer.from(await r.blob.arrayBuffer()));
    }
  }
}

/** Opens the DuckDB file an earlier run left in `dir` (BENCH_DATA_DIR). */
export async function openDuckCopy(dir: string, seconds: DuckCopy['seconds'], csvBytes: number): Promise<DuckCopy> {
  const file = join(dir, 'reference.duckdb');
  const instance = await DuckDBInstance.create(file, { threads: String(availableParallelism()) });
  const conn = await instance.connect();
  const rows: Record<string, number> = {};
  for (const e of EXPORTS) {
    const reader = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${e.table}`);
    rows[e.source] = Number(reader.getRowObjectsJS()[0]?.n ?? 0);
  }
  return { instance, conn, rows, csvBytes, fileBytes: statSync(file).size, seconds, close: () => { conn.closeSync(); instance.closeSync(); } };
}

/** Loads the CSV files of `dir` into a new DuckDB database file there. */
export async function importIntoDuckDB(dir: string, exportSeconds: number): Promise<DuckCopy> {
  const csvBytes = readdirSync(dir).filter((f) => f.endsWith('.csv')).reduce((a, f) => a + statSync(join(dir, f)).size, 0);
  const t0 = performance.now();
  const file = join(dir, 'reference.duckdb');
  const instance = await DuckDBInstance.create(file, { threads: String(availableParallelism()) });
  const conn = await instance.connect();
  const rows: Record<string, number> = {};
  for (const e of EXPORTS) {
    const columns = `{${Object.entries(e.columns).map(([c, t]) => `'${c}': '${t}'`).join(', ')}}`;
    await conn.run(`CREATE TABLE ${e.table} AS SELECT * FROM read_csv('${join(dir, `${e.table}-*.csv`)}', header = false, auto_detect = false, columns = ${columns})`);
    const reader = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${e.table}`);
    rows[e.source] = Number(reader.getRowObjectsJS()[0]?.n ?? 0);
  }
  await conn.run('CHECKPOINT');
  const importSeconds = (performance.now() - t0) / 1000;
  return {
    instance, conn, rows, csvBytes, fileBytes: statSync(file).size,
    seconds: { export: exportSeconds, import: importSeconds },
    close: () => { conn.closeSync(); instance.closeSync(); },
  };
}
