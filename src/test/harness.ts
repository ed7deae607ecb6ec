import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { openSystem, type System, type SystemOptions } from '../services/system.ts';
import { buildApp } from '../api/app.ts';
import type { HardeningOptions } from '../api/hardening.ts';
import { LOCAL_OPERATOR, type Caller, type Role } from '../domain/access/policy.ts';
import { generatePassword } from '../services/auth/passwords.ts';
import type { UserView } from '../services/auth/users.ts';
import type { Channel, RequestContext } from '../services/context.ts';
import { todayIn } from '../domain/dates.ts';
import { generateKeyRing, serializeKeyRing } from '../services/keys.ts';

/**
 * A real system on a fresh database for one test file: PGlite in memory by default, or a new
 * database on the PostgreSQL server named by DATABASE_URL (the CI runs the suite both ways).
 */
export interface TestSystem extends System {
  /** Its `inject` signs every request as the operator (session cookie and CSRF header) unless the test sends its own. */
  app: FastifyInstance;
  /** The connection string of the fresh server database, when on a server. */
  databaseUrl: string | undefined;
  engine: 'pglite' | 'postgres';
  /** The user requests are made as by default: LOCAL_OPERATOR's roles (case work and administration) in every office. */
  operator: { user: UserView; headers: SessionHeaders };
  /** Creates a user and signs in through POST /api/v1/auth/sign-in: the headers to send as that user. */
  signIn(options: TestUserOptions): Promise<SessionHeaders>;
  /** The same, with the user created. */
  signInUser(options: TestUserOptions): Promise<{ user: UserView; headers: SessionHeaders }>;
  /** Injects with no session at all. */
  injectAnonymous: FastifyInstance['inject'];
}

// A type alias, not an interface: it has to fit where any header record does.
export type SessionHeaders = { cookie: string; 'x-csrf-token': string };
export interface TestUserOptions {
  roles: Role[];
  officeScope?: 'ALL' | string[];
  username?: string;
  displayName?: string;
  password?: string;
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

/** Sends options' headers over the defaults (a test's own cookie replaces the operator's). */
function injectWithDefaults(inject: FastifyInstance['inject'], defaults: () => Record<string, string>): FastifyInstance['inject'] {
  return ((options?: InjectOptions | string, callback?: never) => {
    if (options === undefined) return inject();
    const opts = typeof options === 'string' ? { url: options } : options;
    const merged = { ...opts, headers: { ...defaults(), ...(opts.headers ?? {}) } };
    return callback ? inject(merged, callback) : inject(merged);
  }) as FastifyInstance['inject'];
}

/**
 * The app of an open system, with an operator signed in through the real sign-in route: its `inject`
 * carries the operator's session unless a test sends its own headers.
 */
export async function appAsOperator(system: System): Promise<Pick<TestSystem, 'app' | 'operator' | 'injectAnonymous' | 'signInUser' | 'signIn'>> {
  const app = await buildApp({ db: system.db, claims: system.claims, users: system.users, audit: system.audit, hardening: TEST_HARDENING });
  await app.ready();
  const injectAnonymous = app.inject.bind(app) as FastifyInstance['inject'];
  let users = 0;
  const signInUser = async (o: TestUserOptions) => {
    const password = o.password ?? generatePassword();
    const username = o.username ?? `user-${++users}`;
    const user = await system.users.createUser(testContext(), { username, displayName: o.displayName ?? username, roles: o.roles, officeScope: o.officeScope ?? 'ALL', password });
    const res = await injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password } });
    const cookie = res.cookies.find((c) => c.name === 'refuge_session');
    if (res.statusCode !== 200 || !cookie) throw new Error(`The test user ${username} could not sign in: ${res.statusCode} ${res.body}`);
    return { user, headers: { cookie: `refuge_session=${cookie.value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken } };
  };
  const operator = await signInUser({ username: 'operator', displayName: 'Test operator', roles: LOCAL_OPERATOR.roles, officeScope: 'ALL' });
  app.inject = injectWithDefaults(injectAnonymous, () => operator.headers);
  return { app, operator, injectAnonymous, signInUser, signIn: async (o) => (await signInUser(o)).headers };
}

export async function startTestSystem(options: { auth?: SystemOptions['auth'] } = {}): Promise<TestSystem> {
  const database = await createTestDatabase();
  const system = await openSystem({ databaseUrl: database.url, dataDir: 'memory://' }, { keys: TEST_KEY_RING, auth: options.auth });
  const served = await appAsOperator(system);
  return {
    ...system, ...served, databaseUrl: database.url, engine: ENGINE,
    close: async () => {
      await served.app.close();
      await system.close();
      await database.drop();
    },
  };
}

/** A context for calling services directly, as a command would (channel 'cli' unless given). */
export function testContext(caller: Caller = LOCAL_OPERATOR, channel: Channel = 'cli'): RequestContext {
  return { caller, requestId: `test-${randomUUID()}`, today: todayIn('America/St_Johns'), channel };
}
