import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { totpCode } from '../services/auth/totp.ts';
import { decryptTotpSeed } from '../services/encryptedFields.ts';
import { FieldDecryptionError, keyIdOf } from '../store/fieldCipher.ts';

let sys: TestSystem;
// 09:00:10 UTC: a third of the way into a 30-second step.
let clock = new Date('2026-03-02T09:00:10Z');
const advance = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };
beforeAll(async () => { sys = await startTestSystem({ auth: { now: () => clock } }); });
afterAll(async () => { await sys.close(); });

const PASSWORD = 'correct horse battery staple';
let counter = 0;

/** A user with a confirmed second factor, and its secret (as the authenticator app holds it). */
async function enrolledUser() {
  const headers = await sys.signIn({ roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE'], username: `two-factor-${++counter}`, password: PASSWORD });
  const enrol = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers });
  expect(enrol.statusCode).toBe(200);
  const { secret, otpauthUrl } = enrol.json() as { secret: string; otpauthUrl: string };
  expect(otpauthUrl).toBe(`otpauth://totp/Refuge:two-factor-${counter}?issuer=Refuge&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
  const confirm = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers, payload: { code: totpCode(secret, clock) } });
  expect(confirm.statusCode).toBe(200);
  expect(confirm.json().user.totpEnabled).toBe(true);
  advance(30); // the confirming code is spent; the next step's is not
  return { username: `two-factor-${counter}`, secret, headers };
}

async function passwordStep(username: string, remoteAddress = '127.0.0.1') {
  const res = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password: PASSWORD }, remoteAddress });
  const pending = res.cookies.find((c) => c.name === 'refuge_pending');
  return { res, pendingCookie: pending ? `refuge_pending=${pending.value}` : '' };
}

const codeStep = (pendingCookie: string, code: string, remoteAddress = '127.0.0.1') =>
  sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/totp', payload: { code }, headers: { cookie: pendingCookie }, remoteAddress });

describe('TOTP second factor', () => {
  it('is off until a code from the enrolled secret confirms it; a wrong code does not', async () => {
    const headers = await sys.signIn({ roles: ['INTAKE_OFFICER'], username: 'enrolling', password: PASSWORD });
    const { secret } = (await sys.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers })).json();
    const user = await sys.users.findUser(testContext(), 'enrolling');
    expect(user?.totpEnabled).toBe(false);
    const wrong = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers, payload: { code: totpCode(secret, new Date(clock.getTime() - 300_000)) } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('invalid_code');
    // Signing in still needs no code.
    expect((await passwordStep('enrolling')).res.json()).toHaveProperty('csrfToken');
    const again = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers });
    const right = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers, payload: { code: totpCode(again.json().secret, clock) } });
    expect(right.statusCode).toBe(200);
    const { rows } = await sys.db.pool.query("SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'auth.totp%' ORDER BY id", [user?.id]);
    expect(rows).toEqual([{ action: 'auth.totp_failed' }, { action: 'auth.totp_enrolled' }]);
    expect((await sys.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers })).statusCode).toBe(409);
  });

  it('keeps the seed an encrypted field under the active field key, bound to its user\'s row', async () => {
    const first = await enrolledUser();
    const second = await enrolledUser();
    const stored = async (username: string) =>
      (await sys.db.pool.query<{ id: string; totp_secret: string }>('SELECT id, totp_secret FROM users WHERE username = $1', [username])).rows[0]!;
    const seed = await stored(first.username);
    expect(keyIdOf(seed.totp_secret)).toBe(sys.keys.activeFieldKeyId);
    expect(seed.totp_secret).not.toContain(first.secret);
    expect(decryptTotpSeed(sys.cipher, seed.id, seed.totp_secret)).toBe(first.secret);

    // Copied into the second user's row, the first user's seed does not open there: no session with its codes.
    const target = await stored(second.username);
    await sys.db.pool.query('UPDATE users SET totp_secret = $2 WHERE id = $1', [target.id, seed.totp_secret]);
    const refusal = (() => { try { return decryptTotpSeed(sys.cipher, target.id, seed.totp_secret); } catch (err) { return err; } })();
    expect(refusal).toBeInstanceOf(FieldDecryptionError);
    expect((refusal as Error).message).toBe(`users.totp_secret of row ${target.id} does not decrypt under key "${sys.keys.activeFieldKeyId}": it was altered, or copied from another row or column.`);
    const { pendingCookie } = await passwordStep(second.username);
    const moved = await codeStep(pendingCookie, totpCode(first.secret, clock));
    expect(moved.statusCode).toBe(500);
    expect(moved.cookies.find((c) => c.name === 'refuge_session')).toBeUndefined();
  });

  it('turns the password step into {totpRequired: true} with a pending cookie only; the code grants the session', async () => {
    const { username, secret } = await enrolledUser();
    const { res, pendingCookie } = await passwordStep(username);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ totpRequired: true });
    expect(res.cookies.map((c) => c.name).sort()).toEqual(['refuge_pending', 'refuge_session']);
    expect(res.cookies.find((c) => c.name === 'refuge_session')?.value).toBe('');
    expect(String(res.headers['set-cookie'])).toContain('Max-Age=300; Path=/api/v1/auth; HttpOnly; SameSite=Strict');
    const granted = await codeStep(pendingCookie, totpCode(secret, clock));
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ user: { username, totpEnabled: true }, csrfToken: expect.any(String) });
    const session = granted.cookies.find((c) => c.name === 'refuge_session');
    expect((await sys.users.resolveSession(session!.value))?.method).toBe('password+totp');
    // The pending sign-in is spent.
    expect((await codeStep(pendingCookie, totpCode(secret, clock))).json().code).toBe('sign_in_expired');
  });

  it('never accepts a code twice, nor one from a step already used', async () => {
    const { username, secret } = await enrolledUser();
    const code = totpCode(secret, clock);
    const first = await passwordStep(username);
    expect((await codeStep(first.pendingCookie, code)).statusCode).toBe(200);
    const second = await passwordStep(username);
    const replay = await codeStep(second.pendingCookie, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('invalid_code');
    // The previous step's code is within the accepted drift, but older than the one used: refused too.
    expect((await codeStep(second.pendingCookie, totpCode(secret, new Date(clock.getTime() - 30_000)))).statusCode).toBe(401);
    advance(30);
    expect((await codeStep(second.pendingCookie, totpCode(secret, clock))).statusCode).toBe(200);
  });

  it('a pending sign-in lasts five minutes', async () => {
    const { username, secret } = await enrolledUser();
    const { pendingCookie } = await passwordStep(username);
    advance(301);
    const late = await codeStep(pendingCookie, totpCode(secret, clock));
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('sign_in_expired');
  });

  it('throttles codes like passwords: after 5 wrong codes the right one is refused with 429', async () => {
    const { username, secret } = await enrolledUser();
    const { pendingCookie } = await passwordStep(username, '203.0.113.50');
    const near = [-30_000, 0, 30_000].map((ms) => totpCode(secret, new Date(clock.getTime() + ms)));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c)) as string;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await codeStep(pendingCookie, wrong, '203.0.113.50')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const right = await codeStep(pendingCookie, totpCode(secret, clock), '203.0.113.50');
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBe('900');
    // The same account's password is throttled too: the failures were the account's.
    expect((await passwordStep(username, '203.0.113.51')).res.statusCode).toBe(429);
  });

  it('an administrator can reset a lost second factor', async () => {
    const { username } = await enrolledUser();
    const user = await sys.users.findUser(testContext(), username);
    const res = await sys.app.inject({ method: 'PATCH', url: `/api/v1/users/${user!.id}`, payload: { resetTotp: true } });
    expect(res.json().totpEnabled).toBe(false);
    expect((await passwordStep(username)).res.json()).toHaveProperty('csrfToken');
  });
});
