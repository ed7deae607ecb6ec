/**
 * Who may do what, declared in one table. The choke point enforces it on every read and write,
 * and responses carry the caller's allowed actions so clients never re-derive permissions.
 * Authentication (issue #6) will create callers from sessions; until then the server runs as a
 * single local operator and binds to 127.0.0.1 by default.
 */

export const ROLES = [
  'INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY', 'TRIBUNAL_MEMBER',
  'COUNSEL', 'ANALYST', 'AUDITOR', 'ADMINISTRATOR',
] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  id: string;
  roles: Role[];
  /** Office codes whose claims this caller may see, or 'ALL'. */
  officeScope: 'ALL' | string[];
}

export const CLAIM_ACTIONS = [
  'claims.search_duplicates', 'claims.create', 'claims.read', 'claims.list',
  'claims.append_event', 'claims.assess_eligibility', 'claims.import', 'claims.export',
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

const CASE_WORKERS: Role[] = ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY', 'TRIBUNAL_MEMBER'];

export const CLAIM_POLICY: Record<ClaimAction, readonly Role[]> = {
  'claims.search_duplicates': ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER'],
  'claims.create': ['INTAKE_OFFICER'],
  'claims.read': CASE_WORKERS,
  'claims.list': CASE_WORKERS,
  'claims.append_event': ['ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY', 'TRIBUNAL_MEMBER'],
  'claims.assess_eligibility': ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER'],
  'claims.import': ['ADMINISTRATOR'],
  'claims.export': ['ADMINISTRATOR'],
};

export function can(caller: Caller, action: ClaimAction, record?: { officeCode: string }): boolean {
  if (!caller.roles.some((r) => CLAIM_POLICY[action].includes(r))) return false;
  if (!record || caller.officeScope === 'ALL') return true;
  return caller.officeScope.includes(record.officeCode);
}

export function allowedActions(caller: Caller, record: { officeCode: string }): ClaimAction[] {
  return CLAIM_ACTIONS.filter((a) => can(caller, a, record));
}

/** The operator of a local, not-yet-authenticated installation: every case-work role, every office. */
export const LOCAL_OPERATOR: Caller = {
  id: 'local-operator',
  roles: ['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY', 'TRIBUNAL_MEMBER', 'ADMINISTRATOR'],
  officeScope: 'ALL',
};
