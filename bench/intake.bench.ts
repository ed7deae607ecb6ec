/**
 * npm run bench:intake — acknowledged claims per second through the HTTP API on a PostgreSQL server,
 * with 1 and 16 concurrent clients, beside the raw rate of single-row insert transactions on the same
 * server measured in the same run, and the ratio (target: the API reaches at least half the raw rate).
 *
 * DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres; start one with
 * scripts/pg-server.sh). A fresh database is created and dropped. BENCH_SECONDS sets each phase's length.
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { startServerProcess, stopProcess } from '../src/test/process.ts';
import { buildIntake, buildMember } from '../src/test/factories.ts';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = [1, 16];

async function withFreshDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `refuge_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Runs `clients` loops of `op` for SECONDS; returns completed operations per second. */
async function rate(clients: number, op: () => Promise<boolean>): Promise<{ perSecond: number; count: number; failures: number }> {
  const deadline = Date.now() + SECONDS * 1000;
  let count = 0;
  let failures = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < deadline) {
      if (await op()) count += 1; else failures += 1;
    }
  }));
  return { perSecond: count / ((Date.now() - started) / 1000), count, failures };
}

async function main(): Promise<void> {
  await withFreshDatabase(async (url) => {
    const server = await startServerProcess({ DATABASE_URL: url });
    const raw = new pg.Pool({ connectionString: url, max: 16 });
    await raw.query('CREATE TABLE bench_raw (id uuid PRIMARY KEY, data jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
    const body = () => JSON.stringify({ ...buildIntake({ members: [buildMember()] }), duplicateOverride: { reason: 'benchmark: no duplicate search' } });
    const rows: Array<Record<string, string | number>> = [];
    try {
      // Warm both paths so neither pays for connection set-up or JIT in its measurement.
      for (let i = 0; i < 50; i++) {
        await fetch(`${server.url}/api/v1/groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body() });
        await raw.query('INSERT INTO bench_raw (id, data) VALUES ($1, $2)', [randomUUID(), body()]);
      }
      for (const clients of CONCURRENCY) {
        // Interleave raw, API, raw so drift in the machine's load shows up in the reference too.
        const rawBefore = await rate(clients, async () => {
          await raw.query('INSERT INTO bench_raw (id, data) VALUES ($1, $2)', [randomUUID(), body()]);
          return true;
        });
        const api = await rate(clients, async () => {
          const res = await fetch(`${server.url}/api/v1/groups`, {
            method: 'POST', body: body(), headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          });
          await res.arrayBuffer();
          return res.status === 201;
        });
        const rawAfter = await rate(clients, async () => {
          await raw.query('INSERT INTO bench_raw (id, data) VALUES ($1, $2)', [randomUUID(), body()]);
          return true;
        });
        // The ceiling of this client and HTTP stack: a request that does one SELECT 1 and writes nothing.
        const ceiling = await rate(clients, async () => {
          const res = await fetch(`${server.url}/healthz`);
          await res.arrayBuffer();
          return res.status === 200;
        });
        const rawRate = (rawBefore.perSecond + rawAfter.perSecond) / 2;
        rows.push({
          clients,
          'HTTP ceiling req/s': ceiling.perSecond.toFixed(0),
          'API claims/s': api.perSecond.toFixed(0),
          'API failures': api.failures,
          'raw insert tx/s': rawRate.toFixed(0),
          'ratio API/raw': (api.perSecond / rawRate).toFixed(2),
        });
      }
    } finally {
      await raw.end();
      await stopProcess(server.child);
    }
    console.log(`Intake benchmark: ${SECONDS} s per phase, PostgreSQL server, one refuge serve process, client in this process.`);
    console.table(rows);
    const worst = Math.min(...rows.map((r) => Number(r['ratio API/raw'])));
    console.log(`Target: API >= 0.5 x raw. Worst ratio: ${worst.toFixed(2)} -> ${worst >= 0.5 ? 'met' : 'NOT met'}`);
  });
}

await main();
