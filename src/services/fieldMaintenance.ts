import type pg from 'pg';
import type { Database } from '../store/db.ts';
import { isEncrypted, type FieldCipher, type FieldPlace } from '../store/fieldCipher.ts';
import type { AuditLog } from './audit.ts';
import type { RequestContext } from './context.ts';
import type { Sex } from '../domain/intake/types.ts';
import {
  ENCRYPTED_TABLES, rowIdOf, jsonPlace, mapAtPath, decryptPerson, matchKeysOf,
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
// Any constant works; one process at a time encrypts what an older version left in clear.
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
 * After migration 008: the rows an older version wrote in clear are encrypted, once, the first time the
 * system opens with its keys. One process does it (advisory lock); the others wait and find it done.
 */
export async function encryptClearFieldsIfPending(db: Database, cipher: FieldCipher, audit: AuditLog): Promise<TableProgress[] | null> {
  const pending = async (q: Pick<pg.PoolClient, 'query'>) =>
    ((await q.query('SELECT 1 FROM maintenance_tasks WHERE task = $1 AND completed_at IS NULL', [CLEAR_FIELDS_TASK])).rowCount ?? 0) > 0;
  if (!(await pending(db.pool))) return null;
  const client = await db.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MAINTENANCE_LOCK_ID]);
    if (!(await pending(client))) return null;
    const ctx: RequestContext = {
      caller: { id: 'system:migration-008', name: 'encryption of data written before migration 008', roles: [], officeScope: [] },
      requestId: `migration-008-${Date.now()}`, today: new Date().toISOString().slice(0, 10), channel: 'cli',
    };
    const progress = await maintainOn(client, cipher, audit, ctx, { task: CLEAR_FIELDS_TASK });
    await client.query('UPDATE maintenance_tasks SET completed_at = now() WHERE task = $1', [CLEAR_FIELDS_TASK]);
    return progress;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MAINTENANCE_LOCK_ID]).catch(() => undefined);
    client.release();
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
