import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLES } from '../../domain/access/policy.ts';
import { RefugeError } from '../../domain/errors.ts';
import { UserService, type GrantedSession } from '../../services/auth/userService.ts';
import { CHALLENGE_SECONDS } from '../../services/auth/sessions.ts';
import { OIDC_FLOW_SECONDS } from '../../services/auth/oidc.ts';
import { MAX_PASSWORD_LENGTH } from '../../services/auth/passwords.ts';
import { contextOf } from '../app.ts';
import { clientOf, cookieOptions, setSessionCookie, clearSessionCookie } from '../authenticate.ts';
import { errorResponses, StringEnum } from '../schemas.ts';

/** Between the password and the TOTP code; sent only to the auth routes. */
export const PENDING_COOKIE = 'refuge_pending';
/** Binds an OpenID Connect flow to the browser that started it. SameSite=Lax: it must come back on the provider's redirect. */
export const OIDC_COOKIE = 'refuge_oidc';
const PENDING_PATH = '/api/v1/auth';
const OIDC_PATH = '/api/v1/auth/oidc';

export const SelfViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(StringEnum(ROLES)),
  officeScope: Type.Union([Type.Literal('ALL'), Type.Array(Type.String())], { description: 'Office codes whose claims this user may see, or ALL.' }),
  totpEnabled: Type.Boolean(),
});
const SessionSchema = Type.Object({
  user: SelfViewSchema,
  csrfToken: Type.String({ description: 'Send it as the x-csrf-token header with every request that is not GET, HEAD or OPTIONS.' }),
});
const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code the authenticator shows now.' });
const CodeBody = Type.Object({ code: TotpCode }, { additionalProperties: false });
const strict = { additionalProperties: false } as const;

function sessionBody(session: GrantedSession) {
  return { user: session.user, csrfToken: session.csrfToken };
}

/** Sign-in (password, TOTP, OpenID Connect), the current session, sign-out and TOTP enrolment (docs/security.md). */
export const authRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const users = app.deps.users;

  api.post('/auth/sign-in', {
    config: { access: { public: true } },
    schema: {
      tags: ['auth'], summary: 'Sign in with a username and password',
      description: 'Sets the session cookie and returns the CSRF token; or, when the account has a second factor, sets a short-lived pending cookie '
        + 'and answers {totpRequired: true}: then POST /auth/totp. Unknown user and wrong password get the same 401; past the limits of failed '
        + 'sign-ins (per account and per address) 429 with Retry-After, and the password is not checked.',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 200 }),
        password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
      }, strict),
      response: { 200: Type.Union([SessionSchema, Type.Object({ totpRequired: Type.Literal(true) })]), ...errorResponses(400, 401, 403, 429) },
    },
  }, async (req, reply) => {
    const ctx = contextOf(req);
    const result = await users.signIn(ctx, clientOf(req), req.body.username, req.body.password);
    // A new sign-in ends the session this browser had: no session outlives a change of user.
    if (req.session) await users.signOut(ctx, req.session.tokenHash);
    if (result.kind === 'totp_required') {
      clearSessionCookie(reply);
      reply.setCookie(PENDING_COOKIE, result.challengeToken, cookieOptions(req, { path: PENDING_PATH, maxAge: CHALLENGE_SECONDS }));
      return { totpRequired: true as const };
    }
    setSessionCookie(reply, result.session.token);
    return sessionBody(result.session);
  });

  api.post('/auth/totp', {
    config: { access: { public: true } },
    schema: {
      tags: ['auth'], summary: 'Finish a sign-in with the TOTP code',
      description: 'Needs the pending cookie set by sign-in (valid 5 minutes). A code is accepted once; wrong codes count as failed sign-ins.',
      body: CodeBody,
      response: { 200: SessionSchema, ...errorResponses(400, 401, 429) },
    },
  }, async (req, reply) => {
    const session = await users.completeTotp(contextOf(req), clientOf(req), req.cookies[PENDING_COOKIE], req.body.code);
    reply.clearCookie(PENDING_COOKIE, cookieOptions(req, { path: PENDING_PATH }));
    setSessionCookie(reply, session.token);
    return sessionBody(session);
  });

  api.get('/auth/session', {
    // Every page load of the web app asks: the sign-in limit (auth class) would lock people out of browsing.
    config: { access: { signedIn: true }, rateLimitClass: 'default' },
    schema: {
      tags: ['auth'], summary: 'Who is signed in, with the session\'s CSRF token',
      response: { 200: SessionSchema, ...errorResponses(401) },
    },
  }, async (req) => {
    if (!req.session) throw new RefugeError('unauthorized', 'not_signed_in', 'No one is signed in.');
    return { user: req.session.user, csrfToken: req.session.csrfToken };
  });

  api.post('/auth/sign-out', {
    config: { access: { signedIn: true } },
    schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...errorResponses(401, 403) } },
  }, async (req, reply) => {
    if (!req.session) throw new RefugeError('unauthorized', 'not_signed_in', 'No one is signed in.');
    await users.signOut(contextOf(req), req.session.tokenHash);
    clearSessionCookie(reply);
    return reply.status(204).send(null);
  });

  api.post('/auth/totp/enrol', {
    config: { access: { signedIn: true } },
    schema: {
      tags: ['auth'], summary: 'Start enrolling a TOTP second factor',
      description: 'Returns a new secret and its otpauth:// URL (for a QR code). It is in force only once POST /auth/totp/confirm accepts a code from it.',
      response: { 200: Type.Object({ secret: Type.String({ description: 'Base32.' }), otpauthUrl: Type.String() }), ...errorResponses(401, 403, 409) },
    },
  }, async (req) => users.enrolTotp(contextOf(req)));

  api.post('/auth/totp/confirm', {
    config: { access: { signedIn: true } },
    schema: {
      tags: ['auth'], summary: 'Turn the second factor on with a code from the enrolled secret',
      body: CodeBody,
      response: { 200: Type.Object({ user: SelfViewSchema }), ...errorResponses(400, 401, 403, 409, 422, 428, 429) },
    },
  }, async (req) => ({ user: await users.confirmTotp(contextOf(req), clientOf(req), req.body.code) }));

  api.get('/auth/oidc/providers', {
    // Read by the sign-in page each time it is shown; it checks no credential.
    config: { access: { public: true }, rateLimitClass: 'default' },
    schema: {
      tags: ['auth'], summary: 'OpenID Connect providers this server signs in with',
      response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), startUrl: Type.String() })) },
    },
  }, async () => users.oidc.providers.map((p) => ({ id: p.id, name: p.name, startUrl: `${OIDC_PATH}/${p.id}/start` })));

  const ProviderParams = Type.Object({ provider: Type.String({ minLength: 1, maxLength: 40 }) }, strict);

  api.get('/auth/oidc/:provider/start', {
    config: { access: { public: true } },
    // A browser arrives here by a link: a refusal is a redirect to the sign-in page, not JSON (see signInPageAfter).
    attachValidation: true,
    schema: {
      tags: ['auth'], summary: 'Start signing in with an OpenID Connect provider (redirects there)',
      description: 'Authorization code flow with PKCE (S256), state and nonce. returnTo: a path on this site to land on afterwards (default /). '
        + 'When the flow cannot start (unknown provider, provider unreachable), redirects to /sign-in?error=<code> instead.',
      params: ProviderParams,
      querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 500 })) }, strict),
    },
  }, async (req, reply) => {
    try {
      if (req.validationError) throw new RefugeError('not_found', 'oidc_provider_not_found', 'Not a sign-in provider of this server.');
      const { authorizationUrl, flowToken } = await users.startOidc(req.params.provider, req.query.returnTo);
      reply.setCookie(OIDC_COOKIE, flowToken, cookieOptions(req, { sameSite: 'lax', path: OIDC_PATH, maxAge: OIDC_FLOW_SECONDS }));
      return reply.redirect(authorizationUrl, 302);
    } catch (err) {
      return reply.redirect(signInPageAfter(req, err, req.validationError ? undefined : req.query.returnTo), 303);
    }
  });

  api.get('/auth/oidc/:provider/callback', {
    config: { access: { public: true } },
    attachValidation: true,
    schema: {
      tags: ['auth'], summary: 'Where the provider sends the browser back: signs in the linked account, then redirects to returnTo',
      description: 'A failed sign-in (the provider refused, the flow expired or started in another browser, no account linked to the identity, '
        + 'the provider unreachable) redirects to /sign-in?error=<code>, where the web app says what happened; the code is all the address carries.',
      params: ProviderParams,
      querystring: Type.Object({}, { additionalProperties: Type.String() }),
    },
  }, async (req, reply) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    reply.clearCookie(OIDC_COOKIE, cookieOptions(req, { sameSite: 'lax', path: OIDC_PATH }));
    try {
      if (req.validationError) throw new RefugeError('not_found', 'oidc_provider_not_found', 'Not a sign-in provider of this server.');
      const { session, returnTo } = await users.finishOidc(contextOf(req), clientOf(req), req.params.provider, req.cookies[OIDC_COOKIE], query);
      if (req.session) await users.signOut(contextOf(req), req.session.tokenHash);
      setSessionCookie(reply, session.token);
      return reply.redirect(UserService.safeReturnTo(returnTo), 303);
    } catch (err) {
      return reply.redirect(signInPageAfter(req, err), 303);
    }
  });
};

/** The refusals of an OpenID Connect sign-in that the sign-in page explains; anything else reads as `oidc_failed`. */
export const OIDC_ERROR_CODES = ['oidc_provider_not_found', 'oidc_provider_unavailable', 'oidc_flow_invalid', 'oidc_sign_in_failed', 'oidc_account_unknown'] as const;

/**
 * Where a browser goes when an OpenID Connect sign-in fails: the sign-in page, with the refusal's code
 * and nothing else (the message can quote the provider's answer, which has no place in an address or a
 * proxy's logs), and the page it was going to when that is known and a path of this site.
 */
function signInPageAfter(req: FastifyRequest, err: unknown, returnTo?: string): string {
  const known = err instanceof RefugeError && (OIDC_ERROR_CODES as readonly string[]).includes(err.code);
  if (!known) req.log.error({ err }, 'OpenID Connect sign-in failed unexpectedly');
  const params = new URLSearchParams({ error: known ? err.code : 'oidc_failed' });
  const next = UserService.safeReturnTo(returnTo);
  if (next !== '/') params.set('next', next);
  return `/sign-in?${params.toString()}`;
}
