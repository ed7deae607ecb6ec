import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { parseOidcProviders, OidcConfigError } from '../services/auth/oidc.ts';

/**
 * A real OpenID Connect provider (oidc-provider) runs in this process on a random port, with one
 * static client: Refuge discovers it, redirects to it, and exchanges the code with it over HTTP.
 * The browser is played by hand: redirects followed one by one, cookies carried, the provider's
 * development login and consent forms posted.
 */
const REDIRECT_URI = 'http://127.0.0.1:3000/api/v1/auth/oidc/test-idp/callback';
let idp: Server;
let issuer: string;
let sys: TestSystem;

beforeAll(async () => {
  idp = createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'refuge', client_secret: 'a client secret long enough to sign with', redirect_uris: [REDIRECT_URI], response_types: ['code'], grant_types: ['authorization_code'] }],
    cookies: { keys: ['test cookie key'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  idp.on('request', provider.callback());
  sys = await startTestSystem({
    auth: { oidcProviders: [{ id: 'test-idp', name: 'Test identity provider', issuer, clientId: 'refuge', clientSecret: 'a client secret long enough to sign with', redirectUri: REDIRECT_URI }] },
  });
});
afterAll(async () => {
  await sys.close();
  await new Promise((resolve) => idp.close(resolve));
});

/** Plays the browser at the provider: from its authorization URL to the redirect back to Refuge. */
async function loginAtProvider(authorizationUrl: string, subject: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method, redirect: 'manual', body,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next.href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    expect(res.status, html).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`Unexpected page at the provider:\n${html}`);
    url = new URL(action, url).href;
    method = 'POST';
    body = prompt === 'login' ? new URLSearchParams({ prompt, login: subject, password: 'any' }).toString() : new URLSearchParams({ prompt }).toString();
  }
  throw new Error('Too many hops at the provider.');
}

async function start(returnTo?: string) {
  const res = await sys.injectAnonymous({ method: 'GET', url: `/api/v1/auth/oidc/test-idp/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}` });
  expect(res.statusCode).toBe(302);
  const flow = res.cookies.find((c) => c.name === 'refuge_oidc');
  return { authorizationUrl: res.headers.location as string, flowCookie: `refuge_oidc=${flow?.value}`, res };
}

const callback = (back: URL, cookie: string) => sys.injectAnonymous({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie } });

/**
 * A refused sign-in sends the browser (which came by redirect) to the sign-in page with the refusal's
 * code as the whole query: no message, code, state or token of the provider's in the address; no session.
 */
function expectSentToSignIn(res: Awaited<ReturnType<typeof callback>>, code: string, next?: string) {
  expect(res.statusCode, res.body).toBe(303);
  expect(res.headers.location).toBe(`/sign-in?error=${code}${next ? `&next=${encodeURIComponent(next)}` : ''}`);
  expect(res.cookies.find((c) => c.name === 'refuge_session')).toBeUndefined();
}

describe('signing in with OpenID Connect', () => {
  it('lists the configured providers', async () => {
    const res = await sys.injectAnonymous({ method: 'GET', url: '/api/v1/auth/oidc/providers' });
    expect(res.json()).toEqual([{ id: 'test-idp', name: 'Test identity provider', startUrl: '/api/v1/auth/oidc/test-idp/start' }]);
  });

  it('signs in the account an administrator linked to (issuer, subject), with PKCE, state and nonce', async () => {
    const user = await sys.users.createUser(testContext(), { username: 'oidc-user', roles: ['TRIBUNAL_MEMBER'], officeScope: 'ALL', identities: [{ issuer, subject: 'member-42' }] });
    const { authorizationUrl, flowCookie, res } = await start('/claims?state=REFERRED');
    const authorize = new URL(authorizationUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/auth`);
    expect(Object.fromEntries([...authorize.searchParams].map(([k, v]) => [k, k === 'state' || k === 'nonce' || k === 'code_challenge' ? v.length > 20 : v]))).toEqual({
      client_id: 'refuge', redirect_uri: REDIRECT_URI, scope: 'openid', response_type: 'code', code_challenge: true, code_challenge_method: 'S256', state: true, nonce: true,
    });
    expect(String(res.headers['set-cookie'])).toMatch(/^refuge_oidc=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/api\/v1\/auth\/oidc; HttpOnly; SameSite=Lax$/);

    const back = await loginAtProvider(authorizationUrl, 'member-42');
    expect(back.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    const done = await callback(back, flowCookie);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/claims?state=REFERRED');
    const session = done.cookies.find((c) => c.name === 'refuge_session');
    const resolved = await sys.users.resolveSession(session!.value);
    expect(resolved).toMatchObject({ method: 'oidc', caller: { id: user.id, roles: ['TRIBUNAL_MEMBER'], officeScope: 'ALL' } });
    const { rows } = await sys.db.pool.query("SELECT actor, details FROM audit_log WHERE action = 'auth.sign_in' AND subject_id = $1", [user.id]);
    expect(rows).toEqual([{ actor: user.id, details: { username: 'oidc-user', address: '127.0.0.1', method: 'oidc' } }]);

    // The flow is spent: the same answer cannot be played again.
    const replay = await callback(back, flowCookie);
    expectSentToSignIn(replay, 'oidc_flow_invalid');
  });

  it('refuses, and audits, an identity no administrator linked', async () => {
    const { authorizationUrl, flowCookie } = await start();
    const back = await loginAtProvider(authorizationUrl, 'stranger-7');
    const res = await callback(back, flowCookie);
    expectSentToSignIn(res, 'oidc_account_unknown');
    // The flow's cookie is cleared either way.
    expect(String(res.headers['set-cookie'])).toMatch(/refuge_oidc=; Max-Age=0; Path=\/api\/v1\/auth\/oidc;/);
    const { rows } = await sys.db.pool.query("SELECT actor, subject_id, details FROM audit_log WHERE action = 'auth.sign_in_failed' AND details->>'subject' = 'stranger-7'");
    expect(rows).toEqual([{ actor: 'anonymous', subject_id: null, details: { method: 'oidc', provider: 'test-idp', issuer, subject: 'stranger-7', address: '127.0.0.1', reason: 'unknown_identity' } }]);
  });

  it('refuses a disabled account', async () => {
    const user = await sys.users.createUser(testContext(), { username: 'oidc-disabled', roles: ['ANALYST'], officeScope: 'ALL', identities: [{ issuer, subject: 'gone-1' }] });
    await sys.users.updateUser(testContext(), user.id, { disabled: true });
    const { authorizationUrl, flowCookie } = await start();
    const res = await callback(await loginAtProvider(authorizationUrl, 'gone-1'), flowCookie);
    expectSentToSignIn(res, 'oidc_account_unknown');
  });

  it('refuses an answer brought back by another browser, or with another state', async () => {
    await sys.users.createUser(testContext(), { username: 'oidc-victim', roles: ['ANALYST'], officeScope: 'ALL', identities: [{ issuer, subject: 'victim-1' }] });
    const first = await start();
    const back = await loginAtProvider(first.authorizationUrl, 'victim-1');
    // Login CSRF: the answer delivered to a browser that did not start the flow.
    const other = await start();
    const crossed = await callback(back, other.flowCookie);
    expectSentToSignIn(crossed, 'oidc_sign_in_failed');
    const none = await callback(back, '');
    expectSentToSignIn(none, 'oidc_flow_invalid');
    const tampered = new URL(back);
    tampered.searchParams.set('state', 'forged');
    const again = await start();
    const forged = await callback(tampered, again.flowCookie);
    expectSentToSignIn(forged, 'oidc_sign_in_failed');
  });

  it('sends the browser back to the sign-in page when the provider refuses, with the code only', async () => {
    const { flowCookie, authorizationUrl } = await start('/work/queues');
    const state = new URL(authorizationUrl).searchParams.get('state') ?? '';
    // What a provider sends back when the person declines: an error, its description, the state.
    const refused = new URL(REDIRECT_URI);
    refused.search = new URLSearchParams({ error: 'access_denied', error_description: 'End-User aborted interaction', state }).toString();
    const res = await callback(refused, flowCookie);
    expectSentToSignIn(res, 'oidc_sign_in_failed');
    expect(res.headers.location).not.toMatch(/access_denied|aborted|state/);
    // The provider's words stay in the audit log, where they belong.
    const { rows } = await sys.db.pool.query("SELECT details FROM audit_log WHERE action = 'auth.sign_in_failed' ORDER BY seq DESC LIMIT 1");
    expect(rows[0].details).toMatchObject({ method: 'oidc', provider: 'test-idp', reason: 'provider_refused' });
    expect(rows[0].details.message).toMatch(/^Test identity provider did not sign you in: /);
  });

  it('sends the browser to the sign-in page for a provider that is not configured, or cannot be reached', async () => {
    expectSentToSignIn(await sys.injectAnonymous({ method: 'GET', url: '/api/v1/auth/oidc/nope/callback?code=x&state=y' }), 'oidc_provider_not_found');
    expectSentToSignIn(await sys.injectAnonymous({ method: 'GET', url: `/api/v1/auth/oidc/${'x'.repeat(41)}/callback` }), 'oidc_provider_not_found');
    expectSentToSignIn(await sys.injectAnonymous({ method: 'GET', url: '/api/v1/auth/oidc/nope/start?returnTo=%2Fwork' }), 'oidc_provider_not_found', '/work');
    // A provider whose issuer does not answer: the start cannot discover it.
    const down = await startTestSystem({ auth: { oidcProviders: [{ id: 'down', name: 'Down', issuer: 'http://127.0.0.1:9', clientId: 'refuge', clientSecret: 'secret', redirectUri: 'http://127.0.0.1:3000/api/v1/auth/oidc/down/callback' }] } });
    try {
      const res = await down.injectAnonymous({ method: 'GET', url: '/api/v1/auth/oidc/down/start?returnTo=https%3A%2F%2Fevil.example%2F' });
      expectSentToSignIn(res, 'oidc_provider_unavailable');
      expect(res.cookies.find((c) => c.name === 'refuge_oidc')).toBeUndefined();
    } finally {
      await down.close();
    }
  });

  it('lands only on a path of this site', async () => {
    await sys.users.createUser(testContext(), { username: 'oidc-lander', roles: ['ANALYST'], officeScope: 'ALL', identities: [{ issuer, subject: 'lander-1' }] });
    const { authorizationUrl, flowCookie } = await start('https://evil.example/steal');
    const res = await callback(await loginAtProvider(authorizationUrl, 'lander-1'), flowCookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });

});

describe('provider configuration (REFUGE_OIDC_PROVIDERS)', () => {
  it('reads a JSON array and names what is wrong', () => {
    const one = { id: 'corp', name: 'Corporate SSO', issuer: 'https://sso.example.org', clientId: 'refuge', clientSecret: 's', redirectUri: 'https://refuge.example.org/api/v1/auth/oidc/corp/callback' };
    expect(parseOidcProviders(JSON.stringify([one]))).toEqual([one]);
    expect(parseOidcProviders(undefined)).toEqual([]);
    expect(() => parseOidcProviders('{')).toThrow(new OidcConfigError('REFUGE_OIDC_PROVIDERS is not valid JSON.'));
    expect(() => parseOidcProviders(JSON.stringify([{ ...one, clientSecret: '' }]))).toThrow('REFUGE_OIDC_PROVIDERS[0].clientSecret must be a non-empty string.');
    expect(() => parseOidcProviders(JSON.stringify([{ ...one, id: 'Corp SSO' }]))).toThrow('REFUGE_OIDC_PROVIDERS[0].id must be 1 to 40 lower-case letters, digits or "-".');
    expect(() => parseOidcProviders(JSON.stringify([one, one]))).toThrow('REFUGE_OIDC_PROVIDERS ids must be unique.');
  });
});
