import { isIPv6 } from 'node:net';
import type { Queryable } from '../../store/db.ts';

/**
 * Failed sign-ins are counted in the database, so the limits hold across server processes: per
 * account (the username as typed, lower-cased, whether or not it exists) and per client address,
 * in sliding windows. Past a limit the password is not even checked.
 */
export interface ThrottleLimits {
  /** Failures of one account allowed per window; each further round of failures doubles the window, up to maxLockoutSeconds. */
  account: { limit: number; windowSeconds: number; maxLockoutSeconds: number };
  /** Failures from one address (an IPv6 /64) allowed per window, whatever the accounts. */
  address: { limit: number; windowSeconds: number };
}

export const DEFAULT_THROTTLE: ThrottleLimits = Object.freeze({
  account: { limit: 5, windowSeconds: 15 * 60, maxLockoutSeconds: 24 * 60 * 60 },
  address: { limit: 50, windowSeconds: 15 * 60 },
});

export type FailureKind = 'password' | 'totp';

/** What throttling counts an address as: IPv4 as is; IPv6 by its /64, which one client usually holds whole. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export function accountKey(username: string): string {
  return username.trim().toLowerCase();
}

export class SignInThrottle {
  constructor(private readonly limits: ThrottleLimits = DEFAULT_THROTTLE) {}

  /**
   * Serialises attempts on one account (across processes) until the transaction ends, so that two
   * concurrent guesses cannot both pass a check that only one of them should.
   */
  async lockAccount(tx: Queryable, account: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 4172025))', [`refuge.sign-in:${account}`]);
  }

  /** Seconds until this account may try again from this address, or 0 when it may now. */
  async retryAfter(tx: Queryable, account: string, address: string, now: Date, lastSuccess: Date | null): Promise<number> {
    return Math.max(await this.accountWait(tx, account, now, lastSuccess), await this.addressWait(tx, address, now));
  }

  async recordFailure(tx: Queryable, account: string, address: string, kind: FailureKind, now: Date): Promise<void> {
    // Nothing older than the longest window is ever counted again.
    const longest = Math.max(this.limits.account.maxLockoutSeconds, this.limits.address.windowSeconds);
    await tx.query('DELETE FROM sign_in_failures WHERE at < $1', [new Date(now.getTime() - longest * 1000)]);
    await tx.query('INSERT INTO sign_in_failures (at, account_key, address, kind) VALUES ($1, $2, $3, $4)', [now, account, addressKey(address), kind]);
  }

  private async accountWait(tx: Queryable, account: string, now: Date, lastSuccess: Date | null): Promise<number> {
    const { limit, windowSeconds, maxLockoutSeconds } = this.limits.account;
    // A success forgives earlier failures; nothing older than the longest lockout matters.
    const horizon = Math.max(now.getTime() - maxLockoutSeconds * 1000, lastSuccess?.getTime() ?? -Infinity);
    const { rows } = await tx.query<{ at: Date }>(
      'SELECT at FROM sign_in_failures WHERE account_key = $1 AND at > $2 ORDER BY at DESC', [account, new Date(horizon)]);
    if (rows.length < limit) return 0;
    // Every full round of failures doubles the window: 15 min, 30 min, 1 h, ... up to the cap.
    const rounds = Math.floor(rows.length / limit);
    const windowMs = Math.min(windowSeconds * 1000 * 2 ** (rounds - 1), maxLockoutSeconds * 1000);
    return waitUntilBelowLimit(rows.map((r) => r.at), limit, windowMs, now);
  }

  private async addressWait(tx: Queryable, address: string, now: Date): Promise<number> {
    const { limit, windowSeconds } = this.limits.address;
    const { rows } = await tx.query<{ at: Date }>(
      'SELECT at FROM sign_in_failures WHERE address = $1 AND at > $2 ORDER BY at DESC LIMIT $3',
      [addressKey(address), new Date(now.getTime() - windowSeconds * 1000), limit]);
    return waitUntilBelowLimit(rows.map((r) => r.at), limit, windowSeconds * 1000, now);
  }
}

/** Failures newest first: the window holds fewer than `limit` once the limit-th newest has left it. */
function waitUntilBelowLimit(failures: Date[], limit: number, windowMs: number, now: Date): number {
  const inWindow = failures.filter((at) => at.getTime() > now.getTime() - windowMs);
  const boundary = inWindow[limit - 1];
  if (!boundary) return 0;
  return Math.max(1, Math.ceil((boundary.getTime() + windowMs - now.getTime()) / 1000));
}
