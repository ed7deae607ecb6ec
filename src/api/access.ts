import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ANONYMOUS, POLICY, can, type Caller } from '../domain/access/policy.ts';
import { RefugeError } from '../domain/errors.ts';

/** The caller a request acts as: set by authentication, anonymous otherwise. */
export function requestCaller(request: FastifyRequest): Caller {
  return request.caller ?? ANONYMOUS;
}

/**
 * The route-level half of the policy (the record-level half is in the repository): every route must
 * declare who may call it, and a request is stopped before its body is even read when it may not.
 */
export function installAccessControl(app: FastifyInstance, onDenied: (request: FastifyRequest, action: string) => Promise<void>): void {
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${[route.method].flat().join(',')} ${route.url} declares no access (config.access): every route must.`);
    if ('action' in access && !(access.action in POLICY)) throw new Error(`Route ${route.url} names an unknown action ${access.action}.`);
  });
  // preParsing: after authentication's onRequest hooks, before the body is read.
  app.addHook('preParsing', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const caller = requestCaller(request);
    if (caller.id === ANONYMOUS.id) {
      throw new RefugeError('unauthorized', 'not_signed_in', 'Sign in first: this needs a signed-in user.');
    }
    if ('action' in access && !can(caller, access.action)) {
      // A signed-in user reaching for what their roles do not allow is evidence: it is audited.
      await onDenied(request, access.action);
      throw new RefugeError('forbidden', 'forbidden', `Your roles (${caller.roles.join(', ') || 'none'}) may not do ${access.action}.`);
    }
  });
}
