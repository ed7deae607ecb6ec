/**
 * npm run bench:web — time until the public dashboard's first chart is drawn, in Debian's Chromium on
 * localhost, against a PostgreSQL server. Target (issue #5): under 1 second with 10 million claims.
 *
 * BENCH_DATA_DIR names the folder where `BENCH_DATA_DIR=<folder> npm run bench:stats` kept its loaded
 * 10 M-claim server database (server.json: its URL and keys); BENCH_WEB_DATABASE_URL names any database
 * that already holds claims. Without either, a fresh database on DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) is filled with demo data, and dropped after.
 * The official series are imported into the database used (an import already there is kept as it is).
 * Printed beside a reference in the same run: loading a static page from the same server.
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSystem } from '../src/services/system.ts';
import { buildApp } from '../src/api/app.ts';
import { loadDemo } from '../src/cli/demo.ts';
import { importOfficialDirectory } from '../src/store/officialSeries.ts';
import { DEFAULT_OFFICIAL_DIR } from '../src/cli/official.ts';
import { LOCAL_OPERATOR } from '../src/domain/access/policy.ts';
import { todayIn } from '../src/domain/dates.ts';
import { generateKeyRing, parseKeyRing } from '../src/services/keys.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(join('web', 'dist', 'index.html'))) throw new Error('web/dist is missing: npm run build:web');
  const kept = process.env.BENCH_DATA_DIR ? JSON.parse(readFileSync(join(process.env.BENCH_DATA_DIR, 'server.json'), 'utf8')) as { url: string; keys: string } : null;
  let url = process.env.BENCH_WEB_DATABASE_URL ?? kept?.url;
  let drop: (() => Promise<void>) | null = null;
  if (!url) {
    const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `refuge_benchweb_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => { await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await admin.end(); };
  }
  const system = await openSystem({ databaseUrl: url }, { keys: kept ? parseKeyRing(kept.keys) : generateKeyRing() });
  const { rows } = await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM claims');
  let claims = rows[0]?.n ?? 0;
  if (claims === 0) {
    const r = await loadDemo(system.claims, { caller: LOCAL_OPERATOR, requestId: 'bench-web', today: todayIn('America/St_Johns'), channel: 'cli' }, { seed: 1, scale: 0.02 });
    claims = r.claims;
  }
  await importOfficialDirectory(system.db, DEFAULT_OFFICIAL_DIR);
  // Many cold loads from one address in a few seconds: a budget that BENCH_RUNS cannot exhaust (limits stay on).
  const app = await buildApp({ db: system.db, claims: system.claims, users: system.users, audit: system.audit, hardening: { rateLimits: { default: { max: 1_000_000, windowMs: 60_000 } } } });
  const base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'refuge-benchweb-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const chart: number[] = [];
  const reference: number[] = [];
  try {
    for (let i = 0; i < RUNS + 2; i++) {
      // A fresh context each time: no cache, as a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      let t = performance.now();
      await page.goto(`${base}/api/v1/reference/office-types`);
      const ref = performance.now() - t;
      t = performance.now();
      await page.goto(`${base}/`);
      await page.locator('main svg').first().waitFor({ state: 'visible', timeout: 30_000 });
      const first = performance.now() - t;
      if (i >= 2) { chart.push(first); reference.push(ref); } // two warm-ups
      await context.close();
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    await app.close();
    await system.close();
    await drop?.();
  }
  const p50 = percentile(chart, 0.5);
  const p95 = percentile(chart, 0.95);
  const r50 = percentile(reference, 0.5);
  console.log(`Web benchmark: ${claims.toLocaleString('en-CA')} claims in the PostgreSQL database, ${RUNS} cold page loads in Chromium on localhost.`);
  console.table([
    { what: 'dashboard: first chart drawn', 'p50 ms': p50.toFixed(0), 'p95 ms': p95.toFixed(0) },
    { what: 'reference: a small JSON page', 'p50 ms': r50.toFixed(0), 'p95 ms': percentile(reference, 0.95).toFixed(0) },
  ]);
  console.log(`Ratio first chart / reference (p50): ${(p50 / r50).toFixed(1)}. Target: first chart under 1,000 ms -> ${p95 < 1000 ? 'met (p95)' : 'NOT met (p95)'}`);
}

await main();
