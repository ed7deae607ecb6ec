import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openSystem, type System } from '../services/system.ts';
import { buildApp } from '../api/app.ts';
import type { HardeningOptions } from '../api/hardening.ts';
import { LOCAL_OPERATOR, type Caller } from '../domain/access/policy.ts';
import type { RequestContext } from '../services/context.ts';
import { todayIn } from '../domain/dates.ts';
import { generateKeyRing, serializeKeyRing } from '../services/keys.ts';

/**
 * A real system on a fresh database for one test file: PGlite in memory by default, or a new
 * database on the PostgreSQL server named by DATABASE_URL (the CI runs the suite both ways).
 */
export interface TestSystem extends System {
  app: FastifyInstance;
  /** The connection string of the fresh server database, when on a server. */
  databaseUrl: string | undefined;
  engine: 'pglite' | 'postgres';
}

/** One key ring per test process: test systems and the CLI processes tests start share it. */
export const TEST_KEY_RING = generateKeyRing();
export const TEST_KEYS_JSON = serializeKeyRing(TEST_KEY_RING);

/**
 * Rate limits stay on in tests, as in production, but far above what a test file sends (the fuzz
 * tests send thousands of requests a minute from one address). hardening.api.test.ts tests the limits.
 */
export const TEST_HARDENING: HardeningOptions = {
  rateLimits: {
    default: { max: 1_000_000, windowMs: 60_000 },
    auth: { max: 100_000, windowMs: 60_000 },
    bulk: { max: 100_000, windowMs: 60_000 },
  },
};

export const ENGINE: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export async function createTestDatabase(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { url: undefined, drop: async () => undefined };
  const name = `refuge_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestSystem(): Promise<TestSystem> {
  const database = await createTestDatabase();
  const system = await openSystem({ databaseUrl: database.url, dataDir: 'memory://' }, { keys: TEST_KEY_RING });
  const app = await buildApp({ db: system.db, claims: system.claims, hardening: TEST_HARDENING });
  await app.ready();
  return {
    ...system, app, databaseUrl: database.url, engine: ENGINE,
    close: async () => {
      await app.close();
      await system.close();
      await database.drop();
    },
  };
}

export function testContext(caller: Caller = LOCAL_OPERATOR): RequestContext {
  return { caller, requestId: `test-${randomUUID()}`, today: todayIn('America/St_Johns') };
}
