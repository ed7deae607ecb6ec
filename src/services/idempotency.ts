import { createHash } from 'node:crypto';
import type { Queryable } from '../store/db.ts';
import { RefugeError } from '../domain/errors.ts';

/** What a first request produced, kept so a retry gets the same answer. References, not copies of personal data. */
export interface IdempotentOutcome { resource: 'group' | 'claim-event'; id: string; version?: number }

export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with object keys sorted and undefined members left out: one text for one value (idempotency, the audit chain). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Claims an idempotency key inside the current transaction. Returns the earlier outcome when the
 * key was already used for the same request; throws when it was used for a different one.
 * A concurrent first use blocks on the key's row until that transaction ends, on a server as on PGlite.
 */
export async function claimIdempotencyKey(tx: Queryable, scope: string, key: string, requestHash: string):
  Promise<IdempotentOutcome | null> {
  const inserted = await tx.query(
    'INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key',
    [scope, key, requestHash]);
  if (inserted.rowCount === 1) return null;
  const { rows } = await tx.query<{ request_hash: string; response: IdempotentOutcome | null }>(
    'SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
  const prior = rows[0];
  if (!prior || prior.request_hash !== requestHash || !prior.response) {
    throw new RefugeError('validation', 'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
      [{ field: 'headers.idempotency-key', code: 'idempotency_key_reused', message: 'Already used for a different request.' }]);
  }
  return prior.response;
}

export async function saveIdempotentOutcome(tx: Queryable, scope: string, key: string, outcome: IdempotentOutcome): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET response = $3 WHERE scope = $1 AND key = $2', [scope, key, JSON.stringify(outcome)]);
}
