import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { InjectOptions } from 'fastify';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildFamilyOfThree, identityOf } from '../test/factories.ts';
import { landPoeFacts } from '../domain/eligibility/fixtures.ts';
import { ROLES, POLICY, type Role } from '../domain/access/policy.ts';
import type { RouteEntry } from './app.ts';

/**
 * The authorization matrix (issue #6): every route of the app × every role (and no session) × a record
 * in and out of the caller's scope. Generated from `app.routeTable`: a route without an access
 * declaration cannot even be registered, and a route without a sample request below fails here.
 */

interface Fixtures { inClaim: string; outClaim: string; inClaimRef: string; outClaimRef: string; inGroup: string; outGroup: string; importId: string; counselId: string; someUserId: string }
type Scope = 'in' | 'out';
interface Sample {
  request: (f: Fixtures, scope: Scope) => InjectOptions;
  /** What an allowed caller gets for a record out of scope: 404 (looks absent) or 403 (new record at a foreign office). */
  outOfScope?: 404 | 403;
  /** Roles whose scope is not the office (counsel: their clients), for whom "out of scope" is still allowed. */
  scopeExempt?: Who[];
}

const OVERRIDE = { reason: 'Authorization matrix fixture: no search needed.' };
const claimOf = (f: Fixtures, s: Scope) => (s === 'in' ? f.inClaim : f.outClaim);
const groupOf = (f: Fixtures, s: Scope) => (s === 'in' ? f.inGroup : f.outGroup);
const officeOf = (s: Scope) => (s === 'in' ? 'QC-LACOLLE' : 'ON-YYZ');
const event = { type: 'eligibility.examination_started', actor: { role: 'IRCC_OFFICER' }, effectiveDate: '2025-07-15' };

const SAMPLES: Record<string, Sample> = {
  'GET /healthz': { request: () => ({ method: 'GET', url: '/healthz' }) },
  'GET /*': { request: () => ({ method: 'GET', url: '/work' }) },
  'GET /api/v1/openapi.json': { request: () => ({ method: 'GET', url: '/api/v1/openapi.json' }) },
  'POST /api/v1/duplicate-searches': { request: () => ({ method: 'POST', url: '/api/v1/duplicate-searches', payload: { people: buildIntake().members.map(identityOf) } }) },
  'POST /api/v1/groups': {
    request: (_f, s) => ({ method: 'POST', url: '/api/v1/groups', payload: { ...buildIntake({ officeCode: officeOf(s) }), duplicateOverride: OVERRIDE } }),
    outOfScope: 403,
  },
  'GET /api/v1/groups/:groupId': { request: (f, s) => ({ method: 'GET', url: `/api/v1/groups/${groupOf(f, s)}` }), outOfScope: 404 },
  'POST /api/v1/groups/:groupId/events': {
    request: (f, s) => ({ method: 'POST', url: `/api/v1/groups/${groupOf(f, s)}/events`, payload: { ...event, expectedVersions: { [claimOf(f, s)]: 1 } } }),
    outOfScope: 404,
  },
  'GET /api/v1/claims': { request: () => ({ method: 'GET', url: '/api/v1/claims' }) },
  'GET /api/v1/claims/:claimId': { request: (f, s) => ({ method: 'GET', url: `/api/v1/claims/${claimOf(f, s)}` }), outOfScope: 404 },
  'POST /api/v1/claims/:claimId/events': {
    request: (f, s) => ({ method: 'POST', url: `/api/v1/claims/${claimOf(f, s)}/events`, payload: { ...event, expectedVersion: 1 } }),
    outOfScope: 404,
  },
  'GET /api/v1/claims/:claimId/events': { request: (f, s) => ({ method: 'GET', url: `/api/v1/claims/${claimOf(f, s)}/events` }), outOfScope: 404 },
  'PUT /api/v1/claims/:claimId/counsel': {
    // Names the same counsel again: the matrix's counsel must keep their client.
    request: (f, s) => ({ method: 'PUT', url: `/api/v1/claims/${claimOf(f, s)}/counsel`, payload: { counselIds: s === 'in' ? [f.counselId] : [] } }),
    outOfScope: 404,
  },
  'GET /api/v1/claims/:claimId/audit': { request: (f, s) => ({ method: 'GET', url: `/api/v1/claims/${claimOf(f, s)}/audit` }), outOfScope: 404 },
  'GET /api/v1/audit/claims': { request: (f, s) => ({ method: 'GET', url: `/api/v1/audit/claims?reference=${s === 'in' ? f.inClaimRef : f.outClaimRef}` }), outOfScope: 404 },
  'GET /api/v1/counsel': { request: () => ({ method: 'GET', url: '/api/v1/counsel' }) },
  'GET /api/v1/claims/:claimId/deadlines': { request: (f, s) => ({ method: 'GET', url: `/api/v1/claims/${claimOf(f, s)}/deadlines` }), outOfScope: 404 },
  'GET /api/v1/queues': { request: (_f, s) => ({ method: 'GET', url: `/api/v1/queues?officeCode=${officeOf(s)}` }), outOfScope: 403, scopeExempt: ['COUNSEL'] },
  'POST /api/v1/eligibility/assess': { request: () => ({ method: 'POST', url: '/api/v1/eligibility/assess', payload: landPoeFacts() as unknown as Record<string, unknown> }) },
  'POST /api/v1/claims/:claimId/eligibility-assessments': {
    request: (f, s) => ({ method: 'POST', url: `/api/v1/claims/${claimOf(f, s)}/eligibility-assessments`, payload: landPoeFacts() as unknown as Record<string, unknown> }),
    outOfScope: 404,
  },
  'GET /api/v1/claims/:claimId/eligibility-assessments': { request: (f, s) => ({ method: 'GET', url: `/api/v1/claims/${claimOf(f, s)}/eligibility-assessments` }), outOfScope: 404 },
  'POST /api/v1/imports': { request: () => ({ method: 'POST', url: '/api/v1/imports', headers: { 'content-type': 'text/csv' }, payload: 'reference\n' }) },
  'GET /api/v1/imports/:importId': { request: (f) => ({ method: 'GET', url: `/api/v1/imports/${f.importId}` }) },
  'GET /api/v1/imports/:importId/errors.csv': { request: (f) => ({ method: 'GET', url: `/api/v1/imports/${f.importId}/errors.csv` }) },
  'GET /api/v1/reference/offices': { request: () => ({ method: 'GET', url: '/api/v1/reference/offices' }) },
  'GET /api/v1/reference/office-types': { request: () => ({ method: 'GET', url: '/api/v1/reference/office-types' }) },
  'GET /api/v1/reference/provinces': { request: () => ({ method: 'GET', url: '/api/v1/reference/provinces' }) },
  'GET /api/v1/reference/countries': { request: () => ({ method: 'GET', url: '/api/v1/reference/countries' }) },
  'GET /api/v1/reference/states': { request: () => ({ method: 'GET', url: '/api/v1/reference/states' }) },
  'GET /api/v1/reference/events': { request: () => ({ method: 'GET', url: '/api/v1/reference/events' }) },
  'GET /api/v1/reference/actor-roles': { request: () => ({ method: 'GET', url: '/api/v1/reference/actor-roles' }) },
  'GET /api/v1/stats': { request: () => ({ method: 'GET', url: '/api/v1/stats?measure=claims&from=2025-01-01&to=2025-12-31' }) },
  'GET /api/v1/stats/measures': { request: () => ({ method: 'GET', url: '/api/v1/stats/measures' }) },
  'GET /api/v1/stats/questions': { request: () => ({ method: 'GET', url: '/api/v1/stats/questions' }) },
  'GET /api/v1/stats/questions/:questionId': { request: () => ({ method: 'GET', url: '/api/v1/stats/questions/lacolle-since-july-1' }) },
  'POST /api/v1/auth/sign-in': { request: () => ({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'nobody-here', password: 'not the password 1' } }) },
  'POST /api/v1/auth/totp': { request: () => ({ method: 'POST', url: '/api/v1/auth/totp', payload: { code: '123456' } }) },
  'GET /api/v1/auth/session': { request: () => ({ method: 'GET', url: '/api/v1/auth/session' }) },
  'POST /api/v1/auth/totp/enrol': { request: () => ({ method: 'POST', url: '/api/v1/auth/totp/enrol' }) },
  'POST /api/v1/auth/totp/confirm': { request: () => ({ method: 'POST', url: '/api/v1/auth/totp/confirm', payload: { code: '123456' } }) },
  'GET /api/v1/auth/oidc/providers': { request: () => ({ method: 'GET', url: '/api/v1/auth/oidc/providers' }) },
  'GET /api/v1/auth/oidc/:provider/start': { request: () => ({ method: 'GET', url: '/api/v1/auth/oidc/agency/start' }) },
  'GET /api/v1/auth/oidc/:provider/callback': { request: () => ({ method: 'GET', url: '/api/v1/auth/oidc/agency/callback?code=x&state=y' }) },
  // Run last (see ORDER): it ends the session it is sent with.
  'POST /api/v1/auth/sign-out': { request: () => ({ method: 'POST', url: '/api/v1/auth/sign-out' }) },
  'GET /api/v1/users': { request: () => ({ method: 'GET', url: '/api/v1/users' }) },
  'POST /api/v1/users': { request: () => ({ method: 'POST', url: '/api/v1/users', payload: { username: `matrix-new-${++created}`, roles: ['ANALYST'], officeScope: 'ALL', password: 'a long enough password 1' } }) },
  'PATCH /api/v1/users/:userId': { request: (f) => ({ method: 'PATCH', url: `/api/v1/users/${f.someUserId}`, payload: { displayName: `Renamed ${++created}` } }) },
  'GET /api/v1/stats/official': { request: () => ({ method: 'GET', url: '/api/v1/stats/official?series=ircc.asylum.office_type_prov' }) },
  'GET /api/v1/stats/official/breakdown': { request: () => ({ method: 'GET', url: '/api/v1/stats/official/breakdown?series=ircc.asylum.office_type_prov&by=officeCategory&period=latest' }) },
  'GET /api/v1/stats/official/rpd-outcomes': { request: () => ({ method: 'GET', url: '/api/v1/stats/official/rpd-outcomes' }) },
};

let created = 0;
const key = (r: RouteEntry) => `${r.method} ${r.url}`;
/** Sign-out ends the session it is sent with, so it goes last. */
const ORDER = (r: RouteEntry) => (key(r) === 'POST /api/v1/auth/sign-out' ? 1 : 0);
/** The answers that mean "the policy refused": anything else (a 401 for a wrong password, say) is the route doing its work. */
const DENIALS: Record<number, string[]> = { 401: ['not_signed_in'], 403: ['forbidden', 'office_out_of_scope'], 404: ['claim_not_found', 'group_not_found'] };
const isDenial = (status: number, code: string | undefined, kinds: number[]) => kinds.includes(status) && (DENIALS[status] ?? []).includes(code ?? '');
type Who = Role | 'ANONYMOUS';
const EVERYONE: Who[] = ['ANONYMOUS', ...ROLES];

let sys: TestSystem;
let fixtures: Fixtures;
const sessions = new Map<Who, Record<string, string>>();
/** As someone: their session's headers, or none at all (the default inject would sign in as the operator). */
const injectAs = (who: Who, request: InjectOptions) => (who === 'ANONYMOUS' ? sys.injectAnonymous(request)
  : sys.app.inject({ ...request, headers: { ...(request.headers ?? {}), ...sessions.get(who) } }));

beforeAll(async () => {
  sys = await startTestSystem();
  const operator = sys.claims;
  const ctx = testContext();
  const inGroup = (await operator.createGroup(ctx, { ...buildFamilyOfThree(), duplicateOverride: OVERRIDE })).group;
  const outGroup = (await operator.createGroup(ctx, { ...buildIntake({ officeCode: 'ON-YYZ' }), duplicateOverride: OVERRIDE })).group;
  const imported = await sys.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { 'content-type': 'text/csv' }, payload: 'reference\nnot-a-claim\n' });
  let counselId = '';
  for (const who of EVERYONE) {
    if (who === 'ANONYMOUS') continue;
    const { user, headers } = await sys.signInUser({ username: `matrix-${who.toLowerCase()}`, roles: [who], officeScope: ['QC-LACOLLE'] });
    if (who === 'COUNSEL') {
      counselId = user.id;
      await operator.setCounsel(ctx, inGroup.claims[0]!.id, [user.id]);
    }
    sessions.set(who, { ...headers });
  }
  fixtures = {
    inClaim: inGroup.claims[0]!.id, outClaim: outGroup.claims[0]!.id, inClaimRef: inGroup.claims[0]!.reference, outClaimRef: outGroup.claims[0]!.reference, inGroup: inGroup.id, outGroup: outGroup.id,
    importId: (imported.json() as { id: string }).id, counselId, someUserId: (await sys.signInUser({ roles: ['ANALYST'] })).user.id,
  };
});
afterAll(async () => { await sys.close(); });

/** What the policy says a caller should get for a route and a record. */
function expected(route: RouteEntry, who: Who, scope: Scope, sample: Sample): 'allowed' | 401 | 403 | 404 {
  const access = route.access;
  if (!access) throw new Error(`${key(route)} has no access`);
  if ('public' in access) return 'allowed';
  if (who === 'ANONYMOUS') return 401;
  if ('signedIn' in access) return 'allowed';
  if (!POLICY[access.action].includes(who)) return 403;
  if (scope === 'out' && sample.outOfScope && !sample.scopeExempt?.includes(who)) return sample.outOfScope;
  return 'allowed';
}

describe(`authorization matrix on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('has a sample request for every route the app serves, and every route declares its access', () => {
    const routes = sys.app.routeTable;
    expect(routes.filter((r) => !r.access).map(key)).toEqual([]);
    expect(routes.map(key).filter((k) => !(k in SAMPLES))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((k) => !routes.some((r) => key(r) === k))).toEqual([]);
  });

  it('lists, for each role, only the claims in its scope', async () => {
    const seen = async (who: Who) => {
      const res = await injectAs(who, { method: 'GET', url: '/api/v1/claims?limit=100' });
      return res.statusCode === 200 ? (res.json() as { items: Array<{ id: string }> }).items.map((c) => c.id) : res.statusCode;
    };
    expect(await seen('COUNSEL')).toEqual([fixtures.inClaim]);
    const registry = await seen('TRIBUNAL_REGISTRY') as string[];
    expect(registry).toContain(fixtures.inClaim);
    expect(registry).not.toContain(fixtures.outClaim);
    expect(await seen('ANALYST')).toBe(403);
    expect(await seen('ANONYMOUS')).toBe(401);
  });

  it('answers every route × role × scope as the policy says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of [...sys.app.routeTable].sort((a, b) => ORDER(a) - ORDER(b))) {
      const sample = SAMPLES[key(route)];
      if (!sample) continue;
      for (const who of EVERYONE) {
        for (const scope of ['in', 'out'] as const) {
          if (scope === 'out' && !sample.outOfScope) continue;
          const request = sample.request(fixtures, scope);
          const res = await injectAs(who, request);
          const want = expected(route, who, scope, sample);
          const code = res.headers['content-type']?.toString().includes('json') ? (res.json() as { code?: string }).code : undefined;
          const ok = want === 'allowed' ? !isDenial(res.statusCode, code, [401, 403, 404]) : isDenial(res.statusCode, code, [want]);
          checked += 1;
          if (!ok) mismatches.push(`${key(route)} as ${who} (${scope} scope): got ${res.statusCode} ${res.body.slice(0, 120)}, expected ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(400);
  });

});
