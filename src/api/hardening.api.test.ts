import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { startTestSystem, TEST_HARDENING, type TestSystem } from '../test/harness.ts';
import { buildApp } from './app.ts';
import { rateLimitClassOf, clientKey, DEFAULT_RATE_LIMITS, RATE_LIMIT_CLASSES, type RateLimitClass, type RateLimitRule } from './hardening.ts';
import { buildIntake } from '../test/factories.ts';

const EXPECTED_CSP = "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self';font-src 'self';"
  + "connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none';"
  + "require-trusted-types-for 'script';trusted-types 'none'";

const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** A request to a route of the table: path parameters filled in, an empty JSON body for writes. */
function requestFor(route: { method: string; url: string }): InjectOptions {
  const url = route.url.replace(/:[A-Za-z]+/g, SOME_ID).replace(/\*$/, 'some/page');
  const method = route.method as InjectOptions['method'];
  return route.method === 'GET' || route.method === 'DELETE' ? { method, url } : { method, url, payload: {} };
}

describe('every route of the route table', () => {
  let sys: TestSystem;
  beforeAll(async () => { sys = await startTestSystem(); });
  afterAll(async () => { await sys.close(); });

  it('answers with rate-limit headers of its class and the security headers', async () => {
    const routes = [...sys.app.routeTable, { method: 'POST', url: '/api/v1/no-such-route', access: undefined }];
    expect(routes.length).toBeGreaterThan(25);
    for (const route of routes) {
      const res = await sys.app.inject(requestFor(route));
      const name = `${route.method} ${route.url}`;
      const cls = rateLimitClassOf(route.method, sys.app.routeTable.includes(route) ? route.url : '', 'rateLimitClass' in route ? route.rateLimitClass : undefined);
      expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expect(res.headers['x-ratelimit-limit'], name).toBe(String(TEST_HARDENING.rateLimits?.[cls]?.max));
      expect(Number(res.headers['x-ratelimit-remaining']), name).toBeGreaterThan(0);
      expect(Number(res.headers['x-ratelimit-reset']), name).toBeGreaterThan(0);
      expect(res.headers['content-security-policy'], name).toBe(EXPECTED_CSP);
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.headers['x-frame-options'], name).toBe('DENY');
      expect(res.headers['referrer-policy'], name).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], name).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy'], name).toBe('same-origin');
      expect(res.headers['permissions-policy'], name).toContain('camera=()');
      // Served over plain http: no HSTS (browsers ignore it there, and it would pin a development host).
      expect(res.headers['strict-transport-security'], name).toBeUndefined();
      if (route.url.startsWith('/api/')) expect(res.headers['cache-control'], name).toBe('no-store');
    }
  });

  it('classes sign-in routes and bulk transfers apart from the rest', () => {
    const classes = Object.fromEntries(sys.app.routeTable.map((r) => [`${r.method} ${r.url}`, rateLimitClassOf(r.method, r.url)]));
    expect(classes['POST /api/v1/imports']).toBe('bulk');
    expect(classes['GET /api/v1/imports/:importId/errors.csv']).toBe('bulk');
    expect(classes['GET /api/v1/imports/:importId']).toBe('default');
    expect(classes['POST /api/v1/groups']).toBe('default');
    expect(rateLimitClassOf('POST', '/api/v1/auth/sign-in')).toBe('auth');
    // Every page load of the web app checks the session: it is limited like a page, not like a sign-in attempt.
    const session = sys.app.routeTable.find((r) => r.method === 'GET' && r.url === '/api/v1/auth/session');
    expect(rateLimitClassOf('GET', '/api/v1/auth/session', session?.rateLimitClass)).toBe('default');
    expect(rateLimitClassOf('GET', '/api/v1/auth/oidc/:provider/callback')).toBe('auth');
    expect(rateLimitClassOf('GET', '/api/v1/authors')).toBe('default');
    expect(rateLimitClassOf('GET', '/api/v1/claims/export')).toBe('bulk');
    expect(rateLimitClassOf('GET', '/api/v1/stats', 'bulk')).toBe('bulk');
  });

  it('keeps the web app\'s own caching of its files', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/work' });
    expect(res.headers['cache-control']).not.toBe('no-store');
  });
});

describe('client keys', () => {
  it('count a signed-in user as one client, anyone else by address', () => {
    const req = (ip: string, caller?: { id: string }) => ({ ip, caller }) as unknown as Parameters<typeof clientKey>[0];
    expect(clientKey(req('203.0.113.7'))).toBe('address:203.0.113.7');
    expect(clientKey(req('::ffff:203.0.113.7'))).toBe('address:203.0.113.7');
    // IPv6 clients are counted by /64, the block one subscriber usually holds.
    expect(clientKey(req('2001:db8:1:2:3:4:5:6'))).toBe(clientKey(req('2001:db8:1:2:ffff:4:5:6')));
    expect(clientKey(req('203.0.113.7', { id: 'anonymous' }))).toBe('address:203.0.113.7');
    expect(clientKey(req('203.0.113.7', { id: 'b5c1f3e0-user' }))).toBe('user:b5c1f3e0-user');
    expect(clientKey(req('198.51.100.1', { id: 'b5c1f3e0-user' }))).toBe('user:b5c1f3e0-user');
  });
});

describe('exceeding a limit', () => {
  let sys: TestSystem;
  let app: FastifyInstance;
  const small: Record<RateLimitClass, RateLimitRule> = {
    default: { max: 5, windowMs: 60_000 }, auth: { max: 2, windowMs: 60_000 }, bulk: { max: 3, windowMs: 3_600_000 },
  };
  beforeAll(async () => {
    sys = await startTestSystem();
    app = await buildApp({ db: sys.db, claims: sys.claims, users: sys.users, audit: sys.audit, hardening: { rateLimits: small } });
    // Sign-in routes arrive with authentication; until then a stand-in of the class is enough to prove it.
    if (!app.routeTable.some((r) => rateLimitClassOf(r.method, r.url) === 'auth')) {
      app.post('/api/v1/auth/stand-in', { config: { access: { public: true } } }, async () => ({ ok: true }));
    }
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await sys.close();
  });

  const representative = (cls: RateLimitClass) => {
    const route = app.routeTable.find((r) => rateLimitClassOf(r.method, r.url) === cls && !r.url.includes('*'));
    if (!route) throw new Error(`no route of class ${cls}`);
    return route;
  };

  it.each(['default', 'auth', 'bulk'] as const)('gives 429 with Retry-After in the error shape on a %s route', async (cls) => {
    const route = representative(cls);
    const request = { ...requestFor(route), remoteAddress: `192.0.2.${RATE_LIMIT_CLASSES.indexOf(cls) + 10}` };
    for (let i = 1; i <= small[cls].max; i++) {
      const res = await app.inject(request);
      expect(res.statusCode, `${route.method} ${route.url} request ${i}`).not.toBe(429);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(small[cls].max - i));
    }
    const refused = await app.inject(request);
    expect(refused.statusCode).toBe(429);
    const body = refused.json();
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(small[cls].windowMs / 1000);
    expect(body).toEqual({
      code: 'rate_limited',
      message: `Too many requests: at most ${small[cls].max} in ${cls === 'bulk' ? 'an hour' : 'a minute'} on these routes from one client; retry in ${retryAfter} s.`,
      errors: [], requestId: refused.headers['x-request-id'],
      details: { limit: small[cls].max, windowSeconds: small[cls].windowMs / 1000, retryAfterSeconds: retryAfter, limitClass: cls },
    });
    expect(refused.headers['x-ratelimit-limit']).toBe(String(small[cls].max));
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    expect(refused.headers['content-security-policy']).toBe(EXPECTED_CSP);
  });

  it('keeps each class\'s budget and each client\'s apart', async () => {
    const address = '192.0.2.50';
    const bulk = representative('bulk');
    for (let i = 0; i <= small.bulk.max; i++) await app.inject({ ...requestFor(bulk), remoteAddress: address });
    expect((await app.inject({ ...requestFor(bulk), remoteAddress: address })).statusCode).toBe(429);
    // The same client still has its whole budget on the other classes, and another client on this one.
    const other = await app.inject({ method: 'GET', url: '/api/v1/stats/measures', remoteAddress: address });
    expect(other.statusCode).toBe(200);
    expect(other.headers['x-ratelimit-remaining']).toBe(String(small.default.max - 1));
    expect((await app.inject({ ...requestFor(bulk), remoteAddress: '192.0.2.51' })).statusCode).not.toBe(429);
  });

  it('shares one budget across the routes of a class', async () => {
    const address = '192.0.2.60';
    const urls = ['/api/v1/stats/measures', '/api/v1/reference/offices', '/healthz', '/api/v1/openapi.json', '/work'];
    for (const url of urls.slice(0, small.default.max)) expect((await app.inject({ method: 'GET', url, remoteAddress: address })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reference/states', remoteAddress: address })).statusCode).toBe(429);
  });
});

describe('body limits', () => {
  let sys: TestSystem;
  beforeAll(async () => { sys = await startTestSystem(); });
  afterAll(async () => { await sys.close(); });

  it('refuse a body over a route\'s limit with 413 naming the limit', async () => {
    const small = await sys.app.inject({ method: 'POST', url: '/api/v1/eligibility/assess', payload: { claimant: { note: 'x'.repeat(70_000) } } });
    expect(small.statusCode).toBe(413);
    expect(small.json()).toMatchObject({ code: 'body_too_large', message: 'The body is larger than the 64 KiB this route accepts.', errors: [], details: { limitBytes: 65_536 } });
    const intake = { ...buildIntake(), duplicateOverride: { reason: 'x'.repeat(300_000) } };
    const large = await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: intake });
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ code: 'body_too_large', message: 'The body is larger than the 256 KiB this route accepts.', details: { limitBytes: 262_144 } });
  });

  it('accept the largest valid bodies of the routes that need more than the default', async () => {
    // An event with the 20,000 characters of reasons its schema allows, each four bytes in UTF-8.
    const reasons = '🙂'.repeat(20_000);
    const res = await sys.app.inject({ method: 'POST', url: `/api/v1/claims/${SOME_ID}/events`,
      payload: { expectedVersion: 1, type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-14', reasons } });
    expect(Buffer.byteLength(JSON.stringify({ reasons }))).toBeGreaterThan(80_000);
    expect(res.statusCode).toBe(404);
    // An import file of several megabytes reaches the importer (which reports its rows).
    const csv = `${'x'.repeat(2_000_000)}\n`;
    const upload = await sys.app.inject({ method: 'POST', url: '/api/v1/imports', payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.statusCode).not.toBe(413);
  });
});

describe('production defaults', () => {
  it('are the documented ones', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({
      default: { max: 600, windowMs: 60_000 }, auth: { max: 10, windowMs: 60_000 }, bulk: { max: 30, windowMs: 3_600_000 },
    });
  });

  it('send HSTS when asked to on every response, and not otherwise over http', async () => {
    const sys = await startTestSystem();
    try {
      const always = await buildApp({ db: sys.db, claims: sys.claims, users: sys.users, audit: sys.audit, hardening: { hsts: 'always' } });
      const res = await always.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      await always.close();
      // Behind a trusted TLS-terminating proxy, the forwarded protocol counts.
      const proxied = await buildApp({ db: sys.db, claims: sys.claims, users: sys.users, audit: sys.audit, trustProxy: '127.0.0.1' });
      const viaProxy = await proxied.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
      expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const untrusted = await sys.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
      expect(untrusted.headers['strict-transport-security']).toBeUndefined();
      await proxied.close();
    } finally {
      await sys.close();
    }
  });
});
