import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { ANONYMOUS, cliCaller } from '../domain/access/policy.ts';
import { buildIntake } from '../test/factories.ts';

let sys: TestSystem;
let clock = new Date('2026-03-02T09:00:00Z');
const advance = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };
beforeAll(async () => { sys = await startTestSystem({ auth: { now: () => clock } }); });
afterAll(async () => { await sys.close(); });

const PASSWORD = 'correct horse battery staple';
let counter = 0;
async function newUser(roles: Parameters<TestSystem['signIn']>[0]['roles'] = ['INTAKE_OFFICER'], officeScope: 'ALL' | string[] = ['QC-LACOLLE']) {
  const username = `person-${++counter}`;
  const user = await sys.users.createUser(testContext(), { username, displayName: `Person ${counter}`, roles, officeScope, password: PASSWORD });
  return { ...user, username };
}

async function signIn(username: string, password = PASSWORD) {
  const res = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password } });
  const cookie = res.cookies.find((c) => c.name === 'refuge_session');
  return { res, token: cookie?.value, headers: cookie ? { cookie: `refuge_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken as string } : undefined };
}

describe('signing in with a password', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie whose token the database keeps only as a SHA-256', async () => {
    const user = await newUser();
    const { res, token } = await signIn(user.username.toUpperCase());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: { id: user.id, username: user.username, displayName: user.displayName, roles: ['INTAKE_OFFICER'], officeScope: ['QC-LACOLLE'], totpEnabled: false },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^refuge_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const { rows } = await sys.db.pool.query('SELECT token_hash, csrf_token, method, address, idle_expires_at, absolute_expires_at FROM sessions WHERE user_id = $1', [user.id]);
    expect(rows).toEqual([{
      token_hash: createHash('sha256').update(token as string).digest('hex'), csrf_token: res.json().csrfToken, method: 'password', address: '127.0.0.1',
      idle_expires_at: new Date(clock.getTime() + 30 * 60_000), absolute_expires_at: new Date(clock.getTime() + 12 * 3600_000),
    }]);
    const audit = await sys.db.pool.query("SELECT actor, subject_id, details FROM audit_log WHERE action = 'auth.sign_in' AND subject_id = $1", [user.id]);
    expect(audit.rows).toEqual([{ actor: user.id, subject_id: user.id, details: { username: user.username, address: '127.0.0.1', method: 'password' } }]);
  });

  it('keeps passwords as argon2id hashes with OWASP\'s parameters', async () => {
    const user = await newUser();
    const { rows } = await sys.db.pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('answers an unknown user and a wrong password alike, and audits why', async () => {
    const user = await newUser();
    const wrong = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: user.username, password: 'not the password at all' }, remoteAddress: '198.51.100.1' });
    const unknown = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'no-such-person', password: 'not the password at all' }, remoteAddress: '198.51.100.1' });
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials', message: 'The username or the password is not right.', errors: [] });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const { rows } = await sys.db.pool.query("SELECT actor, subject_id, details FROM audit_log WHERE action = 'auth.sign_in_failed' AND details->>'address' = '198.51.100.1' ORDER BY id");
    expect(rows).toEqual([
      { actor: 'anonymous', subject_id: user.id, details: { username: user.username, address: '198.51.100.1', method: 'password', reason: 'wrong_password' } },
      { actor: 'anonymous', subject_id: null, details: { username: 'no-such-person', address: '198.51.100.1', method: 'password', reason: 'unknown_user' } },
    ]);
  });

  it('refuses a malformed body with 400', async () => {
    const res = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'password', code: 'required', message: 'This field is required.' }]);
  });
});

describe('sessions', () => {
  it('make the signed-in user the caller of every request: audit rows name them', async () => {
    const user = await newUser(['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER']);
    const { headers } = await signIn(user.username);
    const { familyName, givenNames, dateOfBirth, sex, documents } = buildIntake().members[0]!;
    const res = await sys.app.inject({ method: 'POST', url: '/api/v1/duplicate-searches', headers, payload: { people: [{ familyName, givenNames, dateOfBirth, sex, documents }] } });
    expect(res.statusCode).toBe(201);
    const { rows } = await sys.db.pool.query("SELECT actor FROM audit_log WHERE action = 'duplicates.search' AND subject_id = $1", [res.json().searchId]);
    expect(rows).toEqual([{ actor: user.id }]);
  });

  it('resolve to the Caller of the policy: counsel are named by their user id, NULL offices mean ALL', async () => {
    const counsel = await newUser(['COUNSEL'], []);
    const analyst = await newUser(['ANALYST', 'AUDITOR'], 'ALL');
    const c = await signIn(counsel.username);
    const a = await signIn(analyst.username);
    expect((await sys.users.resolveSession(c.token as string))?.caller).toEqual({ id: counsel.id, name: counsel.displayName, roles: ['COUNSEL'], officeScope: [], counselId: counsel.id });
    expect((await sys.users.resolveSession(a.token as string))?.caller).toEqual({ id: analyst.id, name: analyst.displayName, roles: ['ANALYST', 'AUDITOR'], officeScope: 'ALL', counselId: null });
    expect(await sys.users.resolveSession('not-a-token')).toBeNull();
  });

  it('GET /auth/session returns the user and CSRF token, or 401 not_signed_in', async () => {
    const user = await newUser();
    const { headers } = await signIn(user.username);
    const res = await sys.injectAnonymous({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: headers!.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: user.id, username: user.username }, csrfToken: headers!['x-csrf-token'] });
    const anonymous = await sys.injectAnonymous({ method: 'GET', url: '/api/v1/auth/session' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('not_signed_in');
  });

  it('end at sign-out (204), and the token is worth nothing after', async () => {
    const user = await newUser();
    const { headers, token } = await signIn(user.username);
    const res = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/^refuge_session=; Max-Age=0;/);
    expect(await sys.users.resolveSession(token as string)).toBeNull();
    const { rows } = await sys.db.pool.query("SELECT actor FROM audit_log WHERE action = 'auth.sign_out' AND subject_id = $1", [user.id]);
    expect(rows).toEqual([{ actor: user.id }]);
    const again = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-out', headers });
    expect(again.statusCode).toBe(401);
  });

  it('of a disabled account end, and it cannot sign in again', async () => {
    const user = await newUser();
    const { token } = await signIn(user.username);
    const res = await sys.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect(await sys.users.resolveSession(token as string)).toBeNull();
    expect((await signIn(user.username)).res.statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('a request that changes something with a session cookie needs the session\'s x-csrf-token', async () => {
    const user = await newUser(['ADMINISTRATOR'], 'ALL');
    const { headers } = await signIn(user.username);
    const body = { username: `csrf-${counter}`, roles: ['ANALYST'], officeScope: 'ALL', password: 'another long password' };
    const missing = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/users', payload: body, headers: { cookie: headers!.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'csrf_token_invalid' });
    const wrong = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/users', payload: body, headers: { ...headers, 'x-csrf-token': 'guessed' } });
    expect(wrong.statusCode).toBe(403);
    const { rows } = await sys.db.pool.query('SELECT count(*)::int AS n FROM users WHERE username = $1', [body.username]);
    expect(rows[0].n).toBe(0);
    const right = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/users', payload: body, headers });
    expect(right.statusCode).toBe(201);
    // Reading needs no token.
    expect((await sys.injectAnonymous({ method: 'GET', url: '/api/v1/users', headers: { cookie: headers!.cookie } })).statusCode).toBe(200);
  });

  it('a dead session cookie is no session: no CSRF check, the request is anonymous', async () => {
    const res = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'nobody-here', password: 'x' }, headers: { cookie: 'refuge_session=expired-or-forged' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
  });
});

describe('accounts (users.manage)', () => {
  it('creates, lists and changes accounts; usernames are unique whatever their case', async () => {
    const created = await sys.app.inject({ method: 'POST', url: '/api/v1/users', payload: {
      username: 'Marie.Tremblay', displayName: 'Marie Tremblay', roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE', 'BC-DOUGLAS'],
      password: 'twelve chars!', identities: [{ issuer: 'https://id.example.org', subject: 'mtremblay' }],
    } });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toEqual({
      id: expect.any(String), username: 'Marie.Tremblay', displayName: 'Marie Tremblay', roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE', 'BC-DOUGLAS'],
      disabled: false, hasPassword: true, totpEnabled: false, identities: [{ issuer: 'https://id.example.org', subject: 'mtremblay' }],
      lastSignInAt: null, createdAt: clock.toISOString(), createdBy: sys.operator.user.id,
    });
    const taken = await sys.app.inject({ method: 'POST', url: '/api/v1/users', payload: { username: 'marie.TREMBLAY', roles: [], officeScope: 'ALL' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('username_taken');
    const changed = await sys.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { roles: ['TRIBUNAL_MEMBER'], officeScope: 'ALL', displayName: 'M. Tremblay' } });
    expect(changed.json()).toMatchObject({ roles: ['TRIBUNAL_MEMBER'], officeScope: 'ALL', displayName: 'M. Tremblay' });
    const list = await sys.app.inject({ method: 'GET', url: '/api/v1/users' });
    expect(list.json().items.find((u: { id: string }) => u.id === user.id)).toEqual(changed.json());
    const audit = await sys.db.pool.query("SELECT action, actor, details FROM audit_log WHERE subject_id = $1 AND action LIKE 'users.%' ORDER BY id", [user.id]);
    expect(audit.rows).toEqual([
      { action: 'users.create', actor: sys.operator.user.id, details: { username: 'Marie.Tremblay', roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE', 'BC-DOUGLAS'], hasPassword: true, identities: [{ issuer: 'https://id.example.org', subject: 'mtremblay' }] } },
      { action: 'users.update', actor: sys.operator.user.id, details: { username: 'Marie.Tremblay', roles: ['TRIBUNAL_MEMBER'], officeScope: 'ALL', displayName: 'M. Tremblay', endedSessions: 0 } },
    ]);
  });

  it('refuses short passwords (400), unknown offices (422), unknown accounts (404)', async () => {
    const short = await sys.app.inject({ method: 'POST', url: '/api/v1/users', payload: { username: 'shorty', roles: [], officeScope: 'ALL', password: 'elevenchars' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([{ field: 'password', code: 'too_short', message: 'Must be at least 12 characters.' }]);
    const office = await sys.app.inject({ method: 'POST', url: '/api/v1/users', payload: { username: 'nowhere', roles: ['INTAKE_OFFICER'], officeScope: ['XX-NOWHERE'] } });
    expect(office.statusCode).toBe(422);
    expect(office.json().errors).toEqual([{ field: 'officeScope[0]', code: 'unknown_office', message: 'No office has the code "XX-NOWHERE".' }]);
    const missing = await sys.app.inject({ method: 'PATCH', url: '/api/v1/users/00000000-0000-4000-8000-000000000000', payload: { disabled: true } });
    expect(missing.statusCode).toBe(404);
  });

  it('a new password ends the account\'s sessions', async () => {
    const user = await newUser();
    const { token } = await signIn(user.username);
    const res = await sys.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { password: 'a brand new passphrase' } });
    expect(res.statusCode).toBe(200);
    expect(await sys.users.resolveSession(token as string)).toBeNull();
    expect((await signIn(user.username)).res.statusCode).toBe(401);
    expect((await signIn(user.username, 'a brand new passphrase')).res.statusCode).toBe(200);
  });

  it('the service itself refuses callers without users.manage (403, audited)', async () => {
    const analyst = await newUser(['ANALYST'], 'ALL');
    const { headers } = await signIn(analyst.username);
    const res = await sys.injectAnonymous({ method: 'GET', url: '/api/v1/users', headers });
    expect(res.statusCode).toBe(403);
    await expect(sys.users.listUsers(testContext(ANONYMOUS))).rejects.toMatchObject({ code: 'forbidden' });
    const { rows } = await sys.db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND actor = $1", [analyst.id]);
    expect(rows[0].n).toBe(1);
  });

  it('will not disable the last enabled administrator', async () => {
    const fresh = await startTestSystem();
    try {
      const res = await fresh.app.inject({ method: 'PATCH', url: `/api/v1/users/${fresh.operator.user.id}`, payload: { disabled: true } });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('last_administrator');
      await fresh.users.createUser(testContext(cliCaller('root')), { username: 'second-admin', roles: ['ADMINISTRATOR'], officeScope: 'ALL', password: PASSWORD });
      expect((await fresh.app.inject({ method: 'PATCH', url: `/api/v1/users/${fresh.operator.user.id}`, payload: { roles: ['INTAKE_OFFICER'] } })).statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

// Last: letting 12 hours pass ends the operator's session too.
describe('session lifetimes', () => {
  it('end after 30 minutes idle; a request keeps one alive; 12 hours is the end whatever happens', async () => {
    const user = await newUser();
    const idle = await signIn(user.username);
    const busy = await signIn(user.username);
    const session = (h: typeof idle.headers) => sys.injectAnonymous({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: h!.cookie } });
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      advance(20 * 60);
      expect((await session(busy.headers)).statusCode).toBe(200);
    }
    expect((await session(idle.headers)).statusCode).toBe(401);
    advance(20 * 60);
    const ended = await session(busy.headers);
    expect(ended.statusCode).toBe(401);
    // The browser is told to forget a dead session.
    expect(String(ended.headers['set-cookie'])).toMatch(/^refuge_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
  });
});
