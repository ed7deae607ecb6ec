/**
 * Who is signed in, as the server said at load or at sign-in. The session itself is an httpOnly
 * cookie the page cannot read; the CSRF token lives here, in memory only (never in storage), so a
 * new tab asks the server for it again.
 */
import { useSyncExternalStore } from 'react';
import { POLICY, type Action, type Role } from '../../src/domain/access/policy.ts';

export type { Action, Role };

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  officeScope: 'ALL' | string[];
  totpEnabled?: boolean;
}

export interface SessionAnswer { user: User; csrfToken: string }

export type Session =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; user: User };

let session: Session = { status: 'loading' };
let csrf: string | null = null;
const listeners = new Set<() => void>();

function publish(next: Session): void {
  session = next;
  for (const l of listeners) l();
}

export function setSession(answer: SessionAnswer): void {
  csrf = answer.csrfToken;
  publish({ status: 'signed-in', user: answer.user });
}

export function sessionEnded(): void {
  csrf = null;
  if (session.status !== 'anonymous') publish({ status: 'anonymous' });
}

export function csrfToken(): string | null {
  return csrf;
}

export function currentSession(): Session {
  return session;
}

export function useSession(): Session {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, () => session);
}

/**
 * Whether the user's roles grant an action: the policy table the server enforces, read here only to
 * decide what to show (the server still decides; records carry their own allowedActions).
 */
export function may(user: User | undefined, action: Action): boolean {
  return Boolean(user && user.roles.some((r) => POLICY[action].includes(r)));
}

export function userOf(s: Session): User | undefined {
  return s.status === 'signed-in' ? s.user : undefined;
}
