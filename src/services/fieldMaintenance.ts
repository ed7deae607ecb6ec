import type pg from 'pg';
import { createDecipheriv } from 'node:crypto';
import type { Database } from '../store/db.ts';
import { isEncrypted, FieldDecryptionError, type CipherKeys, type FieldCipher, type FieldPlace } from '../store/fieldCipher.ts';
import type { AuditLog } from './audit.ts';
import type { RequestContext } from './context.ts';
import type { Sex } from '../domain/intake/types.ts';
import {
  ENCRYPTED_TABLES, rowIdOf, jsonPlace, mapAtPath, decryptPerson, matchKeysOf, encryptTotpSeed, decryptTotpSeed,
  type EncryptedTable, type StoredPersonSecrets,
} from './encryptedFields.ts';

/**
 * Walks every encrypted field (ENCRYPTED_TABLES) in batches, each batch one transaction with its audit
 * record, and brings it to the current keys:
 * - a value still in clear (written before migration 008) is encrypted;
 * - with `reencrypt`, a value under an older field key is re-encrypted under the active key;
 * - a person's match keys are recomputed as blind indexes when they were not made under the current
 *   blind-index key (always for clear keys from before 008; with `reindex`, for any other key).
 * Values already current are skipped, so an interrupted run is resumed by running it again.
 */

export interface TableProgress { table: string; rows: number; encrypted: number; reencrypted: number; reindexed: number }
export interface MaintenanceOptions {
  /** Recorded in the audit trail: why the walk ran. */
  task: string;
  reencrypt?: boolean;
  reindex?: boolean;
  batchSize?: number;
  onBatch?: (progress: TableProgress) => void;
}

const DEFAULT_BATCH = 500;
const CLEAR_FIELDS_TASK = 'encrypt-clear-fields-008';
const TOTP_SEEDS_TASK = 'reseal-totp-seeds-012';
// Any constant works; one process at a time brings up to date what an older version left.
const MAINTENANCE_LOCK_ID = 4_172_026;

export async function maintainEncryptedFields(db: Database, cipher: FieldCipher, audit: AuditLog, ctx: RequestContext, options: MaintenanceOptions): Promise<TableProgress[]> {
  const client = await db.pool.connect();
  try {
    return await maintainOn(client, cipher, audit, ctx, options);
  } finally {
    client.release();
  }
}

async function maintainOn(client: pg.PoolClient, cipher: FieldCipher, audit: AuditLog, ctx: RequestContext, options: MaintenanceOptions): Promise<TableProgress[]> {
  const results: TableProgress[] = [];
  for (const table of ENCRYPTED_TABLES) results.push(await walkTable(client, cipher, audit, ctx, table, options));
  return results;
}

async function walkTable(client: pg.PoolClient, cipher: FieldCipher, audit: AuditLog, ctx: RequestContext, spec: EncryptedTable, options: MaintenanceOptions): Promise<TableProgress> {
  const progress: TableProgress = { table: spec.table, rows: 0, encrypted: 0, reencrypted: 0, reindexed: 0 };
  const batch = options.batchSize ?? DEFAULT_BATCH;
  const isPersons = spec.table === 'persons';
  const keyColumns = spec.key.map((k) => k.column);
  const selected = [...keyColumns, ...spec.columns, ...spec.json.map((j) => j.column), ...(isPersons ? ['sex', 'match_keys', 'match_key_id'] : [])];
  const recordColumns = [
    ...spec.key.map((k) => `${k.column} ${k.type}`), ...spec.columns.map((c) => `${c} text`), ...spec.json.map((j) => `${j.column} jsonb`),
    ...(isPersons ? ['match_keys text[]', 'match_key_id text'] : []),
  ];
  const assigned = selected.filter((c) => !keyColumns.includes(c) && c !== 'sex');
  const update = `UPDATE ${spec.table} t SET ${assigned.map((c) => `${c} = x.${c}`).join(', ')}
    FROM jsonb_to_recordset($1::jsonb) AS x(${recordColumns.join(', ')})
    WHERE ${keyColumns.map((c) => `t.${c} = x.${c}`).join(' AND ')}`;

  let after: unknown[] | null = null;
  for (;;) {
    const last: unknown[] | null = await audit.transactionOn(client, async () => {
      // The one update claim_events' trigger accepts, and only in this transaction (migration 008).
      if (spec.table === 'claim_events') await client.query("SELECT set_config('refuge.maintenance', 'reencrypt', true)");
      const where = after ? `WHERE (${keyColumns.join(', ')}) > (${spec.key.map((k, i) => `$${i + 1}::${k.type}`).join(', ')})` : '';
      const { rows } = await client.query<Record<string, unknown>>(
        `SELECT ${selected.join(', ')} FROM ${spec.table} ${where} ORDER BY ${keyColumns.join(', ')} LIMIT ${batch} FOR UPDATE`, after ?? []);
      const before = { ...progress };
      const changed = rows.flatMap((row) => {
        const next = maintainRow(cipher, spec, row, options, progress);
        return next ? [next] : [];
      });
      if (changed.length > 0) {
        await client.query(update, [JSON.stringify(changed)]);
        await audit.record(client, ctx, 'encryption.maintain', spec.table, null, {
          task: options.task, rows: changed.length, encrypted: progress.encrypted - before.encrypted,
          reencrypted: progress.reencrypted - before.reencrypted, reindexed: progress.reindexed - before.reindexed,
          fieldKey: cipher.activeKeyId, blindIndexKey: cipher.blindIndexKeyId,
        });
      }
      progress.rows += rows.length;
      const tail = rows[rows.length - 1];
      return rows.length === batch && tail ? keyColumns.map((c) => tail[c]) : null;
    });
    options.onBatch?.(progress);
    if (!last) return progress;
    after = last;
  }
}

/** The row with its fields brought to the current keys, or null when nothing in it needed to change. */
function maintainRow(cipher: FieldCipher, spec: EncryptedTable, row: Record<string, unknown>, options: MaintenanceOptions,
  progress: TableProgress): Record<string, unknown> | null {
  const rowId = rowIdOf(spec, row);
  let changed = false;
  const value = (text: string, place: FieldPlace): string => {
    if (!isEncrypted(text)) {
      progress.encrypted += 1;
      changed = true;
      return cipher.encrypt(text, place);
    }
    if (options.reencrypt && !cipher.isCurrent(text)) {
      progress.reencrypted += 1;
      changed = true;
      return cipher.reencrypt(text, place);
    }
    return text;
  };
  const next: Record<string, unknown> = { ...row };
  for (const column of spec.columns) {
    const v = row[column];
    if (typeof v === 'string') next[column] = value(v, { table: spec.table, column, rowId });
  }
  for (const { column, paths } of spec.json) {
    let json = row[column] as Record<string, unknown>;
    for (const path of paths) json = mapAtPath(json, path, (text) => value(text, jsonPlace(spec.table, column, path, rowId)));
    next[column] = json;
  }
  if (spec.table === 'persons' && (row.match_key_id === null || (options.reindex && row.match_key_id !== cipher.blindIndexKeyId))) {
    const person = decryptPerson(cipher, rowId, next as unknown as StoredPersonSecrets);
    Object.assign(next, matchKeysOf(cipher, { ...person, sex: row.sex as Sex }));
    progress.reindexed += 1;
    changed = true;
  }
  return changed ? next : null;
}

/**
 * A task a migration marked pending in `maintenance_tasks`, run by one process at a time (advisory lock;
 * the others wait and find it done). It is marked done only when `run` says so; null when not pending.
 */
async function runIfPending<T>(db: Database, task: string, run: (client: pg.PoolClient) => Promise<{ value: T; done: boolean }>): Promise<T | null> {
  const pending = async (q: Pick<pg.PoolClient, 'query'>) =>
    ((await q.query('SELECT 1 FROM maintenance_tasks WHERE task = $1 AND completed_at IS NULL', [task])).rowCount ?? 0) > 0;
  if (!(await pending(db.pool))) return null;
  const client = await db.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MAINTENANCE_LOCK_ID]);
    if (!(await pending(client))) return null;
    const { value, done } = await run(client);
    if (done) await client.query('UPDATE maintenance_tasks SET completed_at = now() WHERE task = $1', [task]);
    return value;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MAINTENANCE_LOCK_ID]).catch(() => undefined);
    client.release();
  }
}

const migrationContext = (migration: string, name: string): RequestContext => ({
  caller: { id: `system:migration-${migration}`, name, roles: [], officeScope: [] },
  requestId: `migration-${migration}-${Date.now()}`, today: new Date().toISOString().slice(0, 10), channel: 'cli',
});

/**
 * After migration 008: the rows an older version wrote in clear are encrypted, once, the first time the
 * system opens with its keys.
 */
export async function encryptClearFieldsIfPending(db: Database, cipher: FieldCipher, audit: AuditLog): Promise<TableProgress[] | null> {
  return runIfPending(db, CLEAR_FIELDS_TASK, async (client) => {
    const ctx = migrationContext('008', 'encryption of data written before migration 008');
    return { value: await maintainOn(client, cipher, audit, ctx, { task: CLEAR_FIELDS_TASK }), done: true };
  });
}

export interface TotpSeedReseal { resealed: number; unreadableUserIds: string[] }

/**
 * After migration 012: TOTP seeds sealed by the code before it (the field envelope, but with
 * `users.totp_secret.<id>` as associated data) are re-encrypted as fields, once, when the system opens
 * with its keys. A seed that opens neither way (its key is no longer in the ring) is left as it is and
 * the task stays pending, so restoring the key, or an administrator's reset of that user's second
 * factor, lets the next start finish it; the audit record names those users.
 */
export async function resealPre012TotpSeedsIfPending(db: Database, cipher: FieldCipher, fieldKeys: CipherKeys['fieldKeys'], audit: AuditLog): Promise<TotpSeedReseal | null> {
  return runIfPending(db, TOTP_SEEDS_TASK, async (client) => {
    const ctx = migrationContext('012', 'encryption of TOTP seeds sealed before migration 012');
    const outcome = await audit.transactionOn(client, async () => {
      const { rows } = await client.query<{ id: string; totp_secret: string }>(
        'SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL ORDER BY id FOR UPDATE');
      const resealed: Array<{ id: string; totp_secret: string }> = [];
      const unreadableUserIds: string[] = [];
      for (const { id, totp_secret: stored } of rows) {
        if (opensAsField(cipher, id, stored)) continue;
        const seed = openPre012Seed(fieldKeys, id, stored);
        if (seed === null) unreadableUserIds.push(id);
        else resealed.push({ id, totp_secret: encryptTotpSeed(cipher, id, seed) });
      }
      if (resealed.length > 0) {
        await client.query(`UPDATE users u SET totp_secret = x.totp_secret FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, totp_secret text)
          WHERE u.id = x.id`, [JSON.stringify(resealed)]);
      }
      if (resealed.length + unreadableUserIds.length > 0) {
        await audit.record(client, ctx, 'encryption.maintain', 'users', null, {
          task: TOTP_SEEDS_TASK, resealed: resealed.length, unreadable: unreadableUserIds.length, unreadableUserIds, fieldKey: cipher.activeKeyId,
        });
      }
      return { resealed: resealed.length, unreadableUserIds };
    });
    return { value: outcome, done: outcome.unreadableUserIds.length === 0 };
  });
}

function opensAsField(cipher: FieldCipher, userId: string, stored: string): boolean {
  try {
    decryptTotpSeed(cipher, userId, stored);
    return true;
  } catch (err) {
    if (err instanceof FieldDecryptionError) return false;
    throw err;
  }
}

const GCM_TAG_BYTES = 16;

/** Reads a seed as the code before migration 012 sealed it; null when it does not open. Nothing is sealed this way any more. */
function openPre012Seed(fieldKeys: CipherKeys['fieldKeys'], userId: string, stored: string): string | null {
  if (!isEncrypted(stored)) return null;
  const [, keyId, iv, body] = stored.split('.') as [string, string, string, string];
  const key = fieldKeys.find((k) => k.id === keyId)?.key;
  const bytes = Buffer.from(body, 'base64url');
  if (!key || bytes.length < GCM_TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`users.totp_secret.${userId}`, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - GCM_TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * How many stored values each field key encrypts ('clear' for values in clear), over every encrypted
 * field; and how many persons' match keys each blind-index key made. A key may be retired at zero.
 */
export async function countKeyUse(db: Database): Promise<{ fieldKeys: Record<string, number>; blindIndexKeys: Record<string, number> }> {
  const fieldKeys: Record<string, number> = {};
  for (const spec of ENCRYPTED_TABLES) {
    const expressions = [...spec.columns, ...spec.json.flatMap((j) => j.paths.map((p) => `${j.column} #>> '{${p.join(',')}}'`))];
    for (const expression of expressions) {
      const { rows } = await db.pool.query<{ key_id: string; n: number }>(
        `SELECT CASE WHEN is_field_ciphertext(${expression}) THEN split_part(${expression}, '.', 2) ELSE 'clear' END AS key_id, count(*)::int AS n
         FROM ${spec.table} WHERE ${expression} IS NOT NULL GROUP BY 1`);
      for (const r of rows) fieldKeys[r.key_id] = (fieldKeys[r.key_id] ?? 0) + r.n;
    }
  }
  const { rows } = await db.pool.query<{ key_id: string | null; n: number }>('SELECT match_key_id AS key_id, count(*)::int AS n FROM persons GROUP BY 1');
  const blindIndexKeys = Object.fromEntries(rows.map((r) => [r.key_id ?? 'clear', r.n]));
  return { fieldKeys, blindIndexKeys };
}
