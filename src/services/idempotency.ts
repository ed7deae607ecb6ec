import type { Queryable } from '../store/db.ts';
import type { FieldCipher } from '../store/fieldCipher.ts';
import { RefugeError } from '../domain/errors.ts';

/** What a first request produced, kept so a retry gets the same answer. References, not copies of personal data. */
export interface IdempotentOutcome { resource: 'group' | 'claim-event'; id: string; version?: number }

/**
 * A request's fingerprint: a keyed hash (HMAC under the blind-index key) of its canonical JSON. A plain
 * hash of a body holding names and dates of birth could be confirmed by anyone guessing them.
 */
export interface RequestFingerprint { hash: string; matches(stored: string): 'match' | 'mismatch' | 'stale' }

export function fingerprint(cipher: FieldCipher, value: unknown): RequestFingerprint {
  const text = canonicalJson(value);
  return { hash: cipher.keyedHash(text), matches: (stored) => cipher.matchesKeyedHash(stored, text) };
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
export async function claimIdempotencyKey(tx: Queryable, scope: string, key: string, request: RequestFingerprint):
  Promise<IdempotentOutcome | null> {
  const inserted = await tx.query(
    'INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key',
    [scope, key, request.hash]);
  if (inserted.rowCount === 1) return null;
  const { rows } = await tx.query<{ request_hash: string; response: IdempotentOutcome | null }>(
    'SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
  const prior = rows[0];
  const comparison = prior ? request.matches(prior.request_hash) : 'mismatch';
  if (comparison === 'stale') {
    throw new RefugeError('validation', 'idempotency_key_stale',
      'This Idempotency-Key was first used before the keys were rotated, so this request cannot be compared with the first one; check whether the first request took effect, and use a new key.',
      [{ field: 'headers.idempotency-key', code: 'idempotency_key_stale', message: 'Used before a key rotation.' }]);
  }
  if (!prior || comparison !== 'match' || !prior.response) {
    throw new RefugeError('validation', 'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
      [{ field: 'headers.idempotency-key', code: 'idempotency_key_reused', message: 'Already used for a different request.' }]);
  }
  return prior.response;
}

export async function saveIdempotentOutcome(tx: Queryable, scope: string, key: string, outcome: IdempotentOutcome): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET response = $3 WHERE scope = $1 AND key = $2', [scope, key, JSON.stringify(outcome)]);
}
