/**
 * Who may do what, declared in one table. The choke point enforces it on every read and write,
 * and responses carry the caller's allowed actions so clients never re-derive permissions.
 * Callers come from sessions (services/auth), or are the CLI's operator; see docs/security.md.
 */

export const ROLES = [
  'INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY', 'TRIBUNAL_MEMBER',
  'COUNSEL', 'ANALYST', 'AUDITOR', 'ADMINISTRATOR',
] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  /** A user's id, `cli:<os user>`, or `anonymous`. */
  id: string;
  /** Shown in audit trails. */
  name?: string;
  roles: Role[];
  /** Office codes whose claims this caller may see, or 'ALL'. */
  officeScope: 'ALL' | string[];
  /** For counsel: the id that claims name as their representative. */
  counselId?: string | null;
}

/** Whoever has no session: public routes only. */
export const ANONYMOUS: Caller = Object.freeze({ id: 'anonymous', name: 'anonymous', roles: [], officeScope: [] as string[] }) as Caller;

/** How a route is guarded: declared on every route (`config.access`); the app refuses a route without one. */
export type RouteAccess = { public: true } | { signedIn: true } | { action: Action };

/** Actions on one claim (or the claim tables): these travel with each claim as `allowedActions`. */
export const CLAIM_ACTIONS = [
  'claims.search_duplicates', 'claims.create', 'claims.read', 'claims.list',
  'claims.append_event', 'claims.assess_eligibility', 'claims.import', 'claims.export', 'claims.name_counsel',
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** Actions on the system itself. */
export const SYSTEM_ACTIONS = ['audit.read_trail', 'users.manage', 'retention.purge'] as const;
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];
export type Action = ClaimAction | SystemAction;
export const ACTIONS: readonly Action[] = [...CLAIM_ACTIONS, ...SYSTEM_ACTIONS];

const CASE_WORKERS: Role[] = ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY', 'TRIBUNAL_MEMBER'];

/**
 * The policy: which roles may take each action. Record scope (offices, counsel) is checked on top,
 * by `can` with the record. Analysts and the public have no action here: they see aggregates only.
 */
export const POLICY: Record<Action, readonly Role[]> = {
  'claims.search_duplicates': ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER'],
  'claims.create': ['INTAKE_OFFICER'],
  'claims.read': [...CASE_WORKERS, 'COUNSEL'],
  'claims.list': [...CASE_WORKERS, 'COUNSEL'],
  'claims.append_event': ['ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY', 'TRIBUNAL_MEMBER'],
  'claims.assess_eligibility': ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER'],
  'claims.import': ['ADMINISTRATOR'],
  'claims.export': ['ADMINISTRATOR'],
  'claims.name_counsel': ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY'],
  'audit.read_trail': ['AUDITOR'],
  'users.manage': ['ADMINISTRATOR'],
  // Purging personal data past its period, and the legal holds that stop it (services/retention.ts).
  'retention.purge': ['ADMINISTRATOR'],
};

/** What the policy needs to know of a record to scope an action to it. */
export interface ScopedRecord { officeCode: string; counselIds?: readonly string[] }

/**
 * Role first, then scope: counsel reach a claim only when its claimant named them; everyone else
 * through their offices.
 */
export function can(caller: Caller, action: Action, record?: ScopedRecord): boolean {
  const roles = caller.roles.filter((r) => POLICY[action].includes(r));
  if (roles.length === 0) return false;
  if (!record) return true;
  return roles.some((role) => role === 'COUNSEL'
    ? Boolean(caller.counselId) && (record.counselIds ?? []).includes(caller.counselId as string)
    : caller.officeScope === 'ALL' || caller.officeScope.includes(record.officeCode));
}

/**
 * Which records an action reaches for this caller, as a query needs it: the offices (through the
 * office-scoped roles that grant it) and the counsel id (through COUNSEL). Null when none at all.
 */
export interface RecordScope { offices: 'ALL' | string[]; counselId: string | null }
export function recordScope(caller: Caller, action: Action): RecordScope | null {
  const roles = caller.roles.filter((r) => POLICY[action].includes(r));
  if (roles.length === 0) return null;
  const viaOffices = roles.some((r) => r !== 'COUNSEL');
  return {
    offices: viaOffices ? caller.officeScope : [],
    counselId: roles.includes('COUNSEL') ? caller.counselId ?? null : null,
  };
}

export function allowedActions(caller: Caller, record: ScopedRecord): ClaimAction[] {
  return CLAIM_ACTIONS.filter((a) => can(caller, a, record));
}

/** Commands run on the server by someone who already holds the database and the keys. */
export function cliCaller(osUser: string): Caller {
  return { id: `cli:${osUser}`, name: `command line (${osUser})`, roles: ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY', 'TRIBUNAL_MEMBER', 'ADMINISTRATOR', 'AUDITOR'], officeScope: 'ALL' };
}

/**
 * Every case-work role in every office: what tests and the CLI's operator act as.
 * Not reachable over HTTP: a request is a signed-in user or anonymous.
 */
export const LOCAL_OPERATOR: Caller = {
  id: 'local-operator',
  roles: ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY', 'TRIBUNAL_MEMBER', 'ADMINISTRATOR', 'AUDITOR'],
  officeScope: 'ALL',
};
