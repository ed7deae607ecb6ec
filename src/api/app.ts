import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import type { ClaimRepository } from '../services/claimRepository.ts';
import type { AuditLog } from '../services/audit.ts';
import type { RequestContext } from '../services/context.ts';
import type { RouteAccess } from '../domain/access/policy.ts';
import { todayIn } from '../domain/dates.ts';
import { CALENDAR_ZONE } from '../jurisdictions/ca/calendar.ts';
import type { Database } from '../store/db.ts';
import { ErrorSchema } from './schemas.ts';
import { sendError } from './errors.ts';
import { installAccessControl, requestCaller } from './access.ts';
import { claimRoutes } from './routes/claims.ts';
import { referenceRoutes } from './routes/reference.ts';
import { eligibilityRoutes, AssessmentSchema } from './routes/eligibility.ts';
import { statsRoutes, officialRoutes, AnswerSchema } from './routes/stats.ts';
import { deadlineRoutes, DeadlineSchema } from './routes/deadlines.ts';
import { webRoutes } from './web.ts';
import { importRoutes } from './routes/imports.ts';
import { authRoutes } from './routes/auth.ts';
import { userRoutes } from './routes/users.ts';
import { authenticate } from './authenticate.ts';
import type { UserService } from '../services/auth/userService.ts';
import { auditRoutes } from './routes/audit.ts';
import { hardeningPlugin, type HardeningOptions, type RateLimitClass } from './hardening.ts';
import type { EligibilityConfig } from '../domain/eligibility/index.ts';

export interface AppDependencies {
  db: Database;
  claims: ClaimRepository;
  /** Accounts, sign-in and sessions: resolves each request's caller. */
  users: UserService;
  audit: AuditLog;
  logger?: boolean | { level: string };
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  eligibilityConfig?: EligibilityConfig;
  /** Rate limits, default body limit, HSTS (src/api/hardening.ts); production defaults when absent. */
  hardening?: HardeningOptions;
  /**
   * Addresses (or CIDRs, comma-separated) of reverse proxies whose X-Forwarded-For and -Proto are
   * believed: the client's address is then the one rate limits count, and https is seen for HSTS.
   */
  trustProxy?: string;
}

export interface RouteEntry { method: string; url: string; access: RouteAccess | undefined; rateLimitClass?: RateLimitClass | undefined }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route (docs/security.md): every route declares it, or the app refuses to start. */
    access?: RouteAccess;
  }
  interface FastifyInstance {
    deps: AppDependencies;
    /** Every route this app serves: tests are generated from it so a new route cannot be forgotten. */
    routeTable: RouteEntry[];
  }
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function contextOf(request: FastifyRequest): RequestContext {
  return { caller: requestCaller(request), requestId: String(request.id), today: todayIn(CALENDAR_ZONE),
    channel: request.headers['x-refuge-client'] === 'web' ? 'web' : 'api' };
}

/** JSON bodies are taken as sent (no type coercion: "5" is not 5); query strings and paths are text, so they are coerced. */
function buildValidators() {
  const common = { allErrors: true, strict: false, removeAdditional: false as const, useDefaults: true };
  const body = addFormats(new Ajv({ ...common, coerceTypes: false }));
  const text = addFormats(new Ajv({ ...common, coerceTypes: true }));
  for (const ajv of [body, text]) ajv.addSchema([ErrorSchema, AssessmentSchema, AnswerSchema, DeadlineSchema]);
  return { body, text };
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimit ?? 256 * 1024,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: deps.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access: route.config?.access, rateLimitClass: route.config?.rateLimitClass });
  });
  await app.register(hardeningPlugin, deps.hardening ?? {});
  installAccessControl(app, (request, action) =>
    deps.audit.recordAlone(contextOf(request), 'access.denied', 'route', `${request.method} ${request.routeOptions.url ?? ''}`, { action }));
  const validators = buildValidators();
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? validators.body : validators.text;
    return ajv.compile(schema);
  });
  app.addSchema(ErrorSchema);
  app.addSchema(AssessmentSchema);
  app.addSchema(AnswerSchema);
  app.addSchema(DeadlineSchema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Refuge API',
        version: '1',
        description: 'The asylum-claim ledger: intake with duplicate search, claims, lifecycle events and history. '
          + 'Errors are JSON with a stable code, the field path and a message. Every POST accepts an Idempotency-Key header.',
      },
      servers: [{ url: '/' }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
  await app.register(authenticate, { users: deps.users });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({
    code: 'route_not_found', message: `There is no ${request.method} ${request.url.split('?')[0]} in this API.`, errors: [], requestId: request.id,
  }));

  app.get('/healthz', { schema: { hide: true }, config: { access: { public: true } } }, async (_req, reply) => {
    try {
      await deps.db.pool.query('SELECT 1');
      return { status: 'ok', database: deps.db.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: deps.db.kind });
    }
  });

  await app.register(async (api) => {
    await api.register(claimRoutes);
    await api.register(referenceRoutes);
    await api.register(eligibilityRoutes);
    await api.register(statsRoutes);
    await api.register(officialRoutes);
    await api.register(deadlineRoutes);
    await api.register(importRoutes);
    await api.register(authRoutes);
    await api.register(userRoutes);
    await api.register(auditRoutes);
    api.get('/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () => app.swagger());
  }, { prefix: '/api/v1' });
  // The web app (built by `npm run build:web`): a client of the API above, served from the same server.
  await app.register(webRoutes);

  return app;
}
