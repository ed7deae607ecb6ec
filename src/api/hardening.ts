import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { RefugeError } from '../domain/errors.ts';
import type { Caller } from '../domain/access/policy.ts';

/**
 * Hardening (docs/security.md): security headers and a strict Content-Security-Policy on every
 * response, a body size limit on every route, and a rate limit on every route.
 */

/** A budget of requests per client in a fixed window. */
export interface RateLimitRule { max: number; windowMs: number }

/**
 * Routes are limited by class: sign-in routes and bulk transfers get far smaller budgets than
 * ordinary reads and writes. Each class has one budget per client, shared by its routes.
 */
export const RATE_LIMIT_CLASSES = ['default', 'auth', 'bulk'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

export interface HardeningOptions {
  rateLimits?: Partial<Record<RateLimitClass, RateLimitRule>>;
  /** Largest body, in bytes, of a route that does not declare its own. */
  defaultBodyLimit?: number;
  /**
   * Strict-Transport-Security: 'auto' sends it on requests that arrived over https (as Fastify sees
   * them: behind a TLS-terminating proxy that needs `trustProxy`), 'always' on every response.
   */
  hsts?: 'auto' | 'always' | 'off';
}

/** Production defaults: a person using the web app stays far below them; a script hammering the API does not. */
export const DEFAULT_RATE_LIMITS: Record<RateLimitClass, RateLimitRule> = {
  // A page of the web app costs 5 to 15 requests: 600 a minute is 10 a second, sustained.
  default: { max: 600, windowMs: 60_000 },
  // Sign-in, second factor, session: a person needs a handful. Failed passwords are also throttled
  // per account and per address in the database (services/auth), across server processes.
  auth: { max: 10, windowMs: 60_000 },
  // Imports (up to 50 MiB each) and file downloads of whole reports.
  bulk: { max: 30, windowMs: 60 * 60_000 },
};

export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** Routes whose valid bodies can exceed the default: a family of 20, or an event with 20,000 characters of reasons. */
const LARGER_BODIES: Record<string, number> = {
  'POST /api/v1/groups': 256 * 1024,
  'POST /api/v1/duplicate-searches': 256 * 1024,
  'POST /api/v1/claims/:claimId/events': 256 * 1024,
  'POST /api/v1/groups/:groupId/events': 256 * 1024,
};

const HSTS = 'max-age=31536000; includeSubDomains';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Overrides the class the hardening plugin infers from the route's URL. */
    rateLimitClass?: RateLimitClass;
  }
}

/** Sign-in routes and bulk transfers, recognized by their URL unless the route says otherwise. */
export function rateLimitClassOf(method: string, url: string, declared?: RateLimitClass): RateLimitClass {
  if (declared) return declared;
  if (url === '/api/v1/auth' || url.startsWith('/api/v1/auth/')) return 'auth';
  if ((method === 'POST' && url === '/api/v1/imports') || url.endsWith('.csv') || /\/exports?(\/|$)/.test(url)) return 'bulk';
  return 'default';
}

/** The class of the route a request matched (requests no route matches are 'default'). */
function classOfRequest(request: FastifyRequest): RateLimitClass {
  return rateLimitClassOf(request.method, request.routeOptions.url ?? '', request.routeOptions.config.rateLimitClass);
}

/** A signed-in user is one client wherever they connect from; anyone else is their address. */
export function clientKey(request: FastifyRequest): string {
  const caller = (request as FastifyRequest & { caller?: Caller }).caller;
  if (caller && caller.id !== 'anonymous') return `user:${caller.id}`;
  return `address:${normalizeIP(request.ip)}`;
}

function describeWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'an hour' : `${ms / 3_600_000} hours`;
  if (ms % 60_000 === 0) return ms === 60_000 ? 'a minute' : `${ms / 60_000} minutes`;
  return `${Math.ceil(ms / 1000)} seconds`;
}

/**
 * The Content-Security-Policy of every response. The web app is served from this origin only:
 * scripts, styles, images and API calls come from 'self', nothing is inline, nothing can frame it.
 */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  requireTrustedTypesFor: ["'script'"],
  trustedTypes: ["'none'"],
};

async function hardening(app: FastifyInstance, options: HardeningOptions): Promise<void> {
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const defaultBodyLimit = options.defaultBodyLimit ?? DEFAULT_BODY_LIMIT;
  const hsts = options.hsts ?? 'auto';

  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: true,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });

  app.addHook('onRequest', async (request, reply) => {
    if (hsts === 'always' || (hsts === 'auto' && request.protocol === 'https')) reply.header('strict-transport-security', HSTS);
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  });
  // Answers about people must not linger in browser or proxy caches.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  // Routes that do not declare a body limit get the small default.
  app.addHook('onRoute', (route) => {
    if (route.bodyLimit !== undefined) return;
    const methods = [route.method].flat();
    route.bodyLimit = Math.max(...methods.map((m) => LARGER_BODIES[`${m} ${route.url}`] ?? defaultBodyLimit));
  });

  await app.register(rateLimit, {
    global: false,
    keyGenerator: clientKey,
    errorResponseBuilder: (request, context) => {
      const cls = classOfRequest(request);
      const retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new RefugeError('too_many_requests', 'rate_limited',
        `Too many requests: at most ${context.max} in ${describeWindow(limits[cls].windowMs)} on these routes from one client; retry in ${retryAfterSeconds} s.`,
        [], { limit: context.max, windowSeconds: limits[cls].windowMs / 1000, retryAfterSeconds, limitClass: cls });
    },
  });
  // One limiter (one store of counters) per class, shared by every route of the class.
  const limiters = Object.fromEntries(RATE_LIMIT_CLASSES.map((cls) => [cls, app.rateLimit({ max: limits[cls].max, timeWindow: limits[cls].windowMs })])) as Record<RateLimitClass, preHandlerAsyncHookHandler>;
  // Every request, including those no route matches, counts against its class's budget.
  app.addHook('onRequest', async function limit(request, reply) {
    await limiters[classOfRequest(request)].call(this, request, reply);
  });
}

export const hardeningPlugin = fp(hardening, { name: 'refuge-hardening', fastify: '5.x' });
