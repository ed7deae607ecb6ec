import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { TEST_HARDENING, startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildApp } from './app.ts';
import { UserService } from '../services/auth/userService.ts';
import { officeByCode } from '../jurisdictions/ca/offices.ts';
import { addressKey } from '../services/auth/throttle.ts';

/**
 * Password guessing is stopped by limits kept in the database: 5 failures per account and 50 per
 * address in 15 minutes (the defaults), with the password not even checked past a limit. Time is
 * the injected clock: nothing here waits.
 */
let sys: TestSystem;
let clock = new Date('2026-03-02T09:00:00Z');
const now = () => clock;
const advance = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };
/** A second server process on the same database: its own UserService, nothing shared in memory. */
let otherProcess: FastifyInstance;
const PASSWORD = 'the right password, at last';

beforeAll(async () => {
  sys = await startTestSystem({ auth: { now } });
  otherProcess = await buildApp({ db: sys.db, claims: sys.claims, audit: sys.audit, hardening: TEST_HARDENING, users: new UserService(sys.db, sys.audit, { cipher: sys.cipher, officeExists: (c) => officeByCode(c) !== undefined, now }) });
  for (const username of ['alice', 'bruno', 'chloe', 'dmitri']) {
    await sys.users.createUser(testContext(), { username, roles: ['INTAKE_OFFICER'], officeScope: ['QC-LACOLLE'], password: PASSWORD });
  }
});
afterAll(async () => {
  await otherProcess.close();
  await sys.close();
});

async function attempt(app: FastifyInstance, username: string, password: string, remoteAddress = '198.51.100.7') {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password }, remoteAddress });
  return { status: res.statusCode, retryAfter: res.headers['retry-after'], code: (res.json() as { code?: string }).code };
}

async function auditCount(action: string, username: string): Promise<number> {
  const { rows } = await sys.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND details->>'username' = $2", [action, username]);
  return rows[0]?.n ?? 0;
}

describe('a 1,000-guess run against one account', () => {
  it('gets exactly 5 401s, then only 429s: the right password is refused while throttled, across processes', async () => {
    const results = [];
    for (let i = 1; i <= 1000; i++) {
      // Two server processes share the work; the right password comes at guesses 6, 500 and 1000.
      const password = i === 6 || i === 500 || i === 1000 ? PASSWORD : `guess number ${i}`;
      results.push(await attempt(i % 2 === 0 ? sys.app : otherProcess, 'alice', password));
    }
    expect(results.slice(0, 5).map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(results.slice(0, 5).every((r) => r.code === 'invalid_credentials')).toBe(true);
    expect(results.slice(5).every((r) => r.status === 429 && r.code === 'too_many_attempts' && r.retryAfter === '900')).toBe(true);
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(995);
    expect(await auditCount('auth.sign_in_failed', 'alice')).toBe(5);
    expect(await auditCount('auth.sign_in_throttled', 'alice')).toBe(995);
    expect(await auditCount('auth.sign_in', 'alice')).toBe(0);

    // The window slides: one second short of it the account is still closed, then the right password works.
    advance(899);
    expect(await attempt(sys.app, 'alice', PASSWORD)).toMatchObject({ status: 429, retryAfter: '1' });
    advance(1);
    expect((await attempt(sys.app, 'alice', PASSWORD)).status).toBe(200);
  });

  it('locks an account for longer each round: 15 min, 30 min, 1 h', async () => {
    const round = async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push(await attempt(sys.app, 'bruno', `wrong ${i}`, `203.0.113.${i}`));
      return statuses;
    };
    const first = await round();
    expect(first.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(first[5]?.retryAfter).toBe('900');
    advance(900);
    const second = await round();
    expect(second.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(second[5]?.retryAfter).toBe('1800');
    advance(1800);
    const third = await round();
    expect(third.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(third[5]?.retryAfter).toBe('3600');
    advance(3600);
    expect((await attempt(sys.app, 'bruno', PASSWORD)).status).toBe(200);
  });
});

describe('guessing spread out', () => {
  it('from 1,000 addresses against one account: stopped after 5', async () => {
    const results = [];
    for (let i = 0; i < 1000; i++) {
      results.push(await attempt(sys.app, 'chloe', i === 700 ? PASSWORD : `guess ${i}`, `10.${Math.floor(i / 250)}.${i % 250}.1`));
    }
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
    expect(results.slice(0, 5).every((r) => r.status === 401)).toBe(true);
    expect(results.slice(5).every((r) => r.status === 429)).toBe(true);
    expect(results[700]?.status).toBe(429);
  });

  it('from one address against 1,000 accounts (real and unknown alike): stopped after 50', async () => {
    const results = [];
    for (let i = 0; i < 1000; i++) {
      const [username, password] = i === 600 ? ['dmitri', PASSWORD] : i % 10 === 0 ? ['dmitri', `guess ${i}`] : [`nobody-${i}`, `guess ${i}`];
      results.push(await attempt(sys.app, username, password, '192.0.2.99'));
    }
    expect(results.filter((r) => r.status === 401)).toHaveLength(50);
    expect(results.slice(0, 50).every((r) => r.status === 401)).toBe(true);
    expect(results.slice(50).every((r) => r.status === 429)).toBe(true);
    expect(results[600]?.status).toBe(429);
    // Another address is not held back by this one.
    expect((await attempt(sys.app, 'nobody-else', 'x', '192.0.2.100')).status).toBe(401);
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
  });
});
