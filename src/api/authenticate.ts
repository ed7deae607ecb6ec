import fp from 'fastify-plugin';
import cookie, { type CookieSerializeOptions } from '@fastify/cookie';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS, type Caller } from '../domain/access/policy.ts';
import { RefugeError } from '../domain/errors.ts';
import type { ResolvedSession, UserService } from '../services/auth/userService.ts';
import type { ClientInfo } from '../services/auth/sessions.ts';

/** The session cookie: the token itself; the database keeps only its hash. */
export const SESSION_COOKIE = 'refuge_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: the signed-in user, or ANONYMOUS. */
    caller: Caller;
    /** The session the cookie names, when it is live. */
    session: ResolvedSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** HttpOnly, SameSite=Strict, the whole site; Secure when the request came over https. */
export function cookieOptions(request: FastifyRequest, overrides: CookieSerializeOptions = {}): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', ...overrides };
}

export function clientOf(request: FastifyRequest): ClientInfo {
  return { address: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(reply.request));
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(reply.request));
}

function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/**
 * Resolves the session cookie to a caller on every request (no cookie, or a dead session:
 * ANONYMOUS), and requires the session's CSRF token on every request that could change something.
 */
export const authenticate = fp<{ users: UserService }>(async (app, { users }) => {
  await app.register(cookie);
  app.decorateRequest('caller', null as unknown as Caller);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    request.caller = ANONYMOUS;
    request.session = null;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await users.resolveSession(token);
    if (!session) {
      // A dead session carries no authority to forge, so no CSRF check; the browser is told to forget it.
      clearSessionCookie(reply);
      return;
    }
    if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers['x-csrf-token'], session.csrfToken)) {
      throw new RefugeError('forbidden', 'csrf_token_invalid', 'This request needs the x-csrf-token header of your session (from sign-in or GET /api/v1/auth/session).');
    }
    request.caller = session.caller;
    request.session = session;
  });
}, { name: 'refuge-authenticate' });
