/**
 * What the workbench shows a user: the pages their roles reach (the policy table the server
 * enforces). Hiding is a courtesy; the server refuses what the roles do not allow either way.
 */
import { may, type User } from '../session.ts';

/** Case workers (office-scoped roles) get the claim search and the queues; counsel get their clients. */
export const isCaseWorker = (user: User | undefined) =>
  may(user, 'claims.list') && Boolean(user?.roles.some((r) => r !== 'COUNSEL' && r !== 'ANALYST' && r !== 'AUDITOR'));
export const isCounsel = (user: User | undefined) => Boolean(user?.roles.includes('COUNSEL'));

export type WorkPage = 'claims' | 'intake' | 'queues' | 'import' | 'clients' | 'audit' | 'claim' | 'trail' | 'users' | 'account';

export function mayOpen(user: User | undefined, page: WorkPage): boolean {
  if (!user) return false;
  switch (page) {
    case 'claims': case 'queues': return isCaseWorker(user);
    case 'intake': return may(user, 'claims.create');
    case 'import': return may(user, 'claims.import');
    case 'clients': return isCounsel(user);
    case 'audit': case 'trail': return may(user, 'audit.read_trail');
    case 'claim': return may(user, 'claims.read') || may(user, 'audit.read_trail');
    case 'users': return may(user, 'users.manage');
    case 'account': return true;
  }
}

/** Where a user lands after signing in: the first page their roles open. */
export function homeOf(user: User): string {
  if (isCaseWorker(user)) return '/work';
  if (isCounsel(user)) return '/work/clients';
  if (may(user, 'audit.read_trail')) return '/work/audit';
  if (may(user, 'claims.import')) return '/work/import';
  return '/explore';
}
