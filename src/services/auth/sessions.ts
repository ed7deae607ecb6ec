import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../store/db.ts';
import type { UserRow } from './users.ts';

/** How long a session lives: it ends after idleSeconds without a request, and after absoluteSeconds whatever happens. */
export interface SessionLimits { idleSeconds: number; absoluteSeconds: number }
export const DEFAULT_SESSION_LIMITS: SessionLimits = Object.freeze({ idleSeconds: 30 * 60, absoluteSeconds: 12 * 60 * 60 });

/** Between a password and its TOTP code. */
export const CHALLENGE_SECONDS = 5 * 60;

export type SessionMethod = 'password' | 'password+totp' | 'oidc';

/** Where a request came from, as recorded with sessions, audit records and throttling. */
export interface ClientInfo { address: string; userAgent: string | null }

/** 256 random bits, as the cookie carries them. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: a copy of the table signs no one in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface NewSession { token: string; csrfToken: string; absoluteExpiresAt: Date }
export interface LiveSession { user: UserRow; tokenHash: string; csrfToken: string; method: SessionMethod }

// A request refreshes the idle deadline at most this often, so reads do not all become writes.
const TOUCH_EVERY_MS = 60_000;

export const sessionStore = {
  async create(tx: Queryable, userId: string, method: SessionMethod, client: ClientInfo, limits: SessionLimits, now: Date): Promise<NewSession> {
    const token = newToken();
    const csrfToken = newToken();
    const absoluteExpiresAt = new Date(now.getTime() + limits.absoluteSeconds * 1000);
    const idleExpiresAt = new Date(Math.min(now.getTime() + limits.idleSeconds * 1000, absoluteExpiresAt.getTime()));
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND (idle_expires_at <= $2 OR absolute_expires_at <= $2)', [userId, now]);
    await tx.query(`INSERT INTO sessions (token_hash, user_id, csrf_token, method, created_at, last_seen_at, idle_expires_at, absolute_expires_at, address, user_agent)
      VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9)`,
    [tokenHash(token), userId, csrfToken, method, now, idleExpiresAt, absoluteExpiresAt, client.address, client.userAgent?.slice(0, 500) ?? null]);
    return { token, csrfToken, absoluteExpiresAt };
  },

  /** The live session a token names, with its user (enabled), refreshing its idle deadline; null otherwise. */
  async resolve(db: Queryable, token: string, limits: SessionLimits, now: Date): Promise<LiveSession | null> {
    const hash = tokenHash(token);
    const { rows } = await db.query<UserRow & { s_csrf_token: string; s_method: SessionMethod; s_last_seen_at: Date }>(
      `SELECT u.*, s.csrf_token AS s_csrf_token, s.method AS s_method, s.last_seen_at AS s_last_seen_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.idle_expires_at > $2 AND s.absolute_expires_at > $2 AND u.disabled_at IS NULL`, [hash, now]);
    const row = rows[0];
    if (!row) return null;
    if (now.getTime() - row.s_last_seen_at.getTime() >= TOUCH_EVERY_MS) {
      await db.query('UPDATE sessions SET last_seen_at = $2, idle_expires_at = least($3::timestamptz, absolute_expires_at) WHERE token_hash = $1',
        [hash, now, new Date(now.getTime() + limits.idleSeconds * 1000)]);
    }
    const { s_csrf_token: csrfToken, s_method: method, s_last_seen_at: _seen, ...user } = row;
    return { user, tokenHash: hash, csrfToken, method };
  },

  async deleteByHash(tx: Queryable, hash: string): Promise<void> {
    await tx.query('DELETE FROM sessions WHERE token_hash = $1', [hash]);
  },

  async deleteForUser(tx: Queryable, userId: string): Promise<number> {
    const { rowCount } = await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    return rowCount ?? 0;
  },
};

/** A password accepted, a TOTP code still to come: a short-lived, single-use token. */
export const challengeStore = {
  async create(tx: Queryable, userId: string, client: ClientInfo, now: Date): Promise<string> {
    const token = newToken();
    await tx.query('DELETE FROM sign_in_challenges WHERE expires_at <= $1', [now]);
    await tx.query('INSERT INTO sign_in_challenges (token_hash, user_id, created_at, expires_at, address) VALUES ($1, $2, $3, $4, $5)',
      [tokenHash(token), userId, now, new Date(now.getTime() + CHALLENGE_SECONDS * 1000), client.address]);
    return token;
  },

  async find(tx: Queryable, token: string, now: Date): Promise<{ userId: string; tokenHash: string } | null> {
    const hash = tokenHash(token);
    const { rows } = await tx.query<{ user_id: string }>('SELECT user_id FROM sign_in_challenges WHERE token_hash = $1 AND expires_at > $2', [hash, now]);
    return rows[0] ? { userId: rows[0].user_id, tokenHash: hash } : null;
  },

  async delete(tx: Queryable, hash: string): Promise<void> {
    await tx.query('DELETE FROM sign_in_challenges WHERE token_hash = $1', [hash]);
  },
};
