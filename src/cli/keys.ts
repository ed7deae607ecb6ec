import { Option, type Command } from 'commander';
import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { openConfiguredSystem, dbOptions } from './system.ts';
import { resolveConfig, type ServerConfig } from './config.ts';
import {
  generateKeyRing, loadKeyRing, createKeyFile, replaceKeyFile, withNewFieldKey, withNewBlindIndexKey,
  withoutPreviousBlindIndexKey, withoutFieldKey, KeyFileError, type KeyRing,
} from '../services/keys.ts';
import { maintainEncryptedFields, countKeyUse, type TableProgress } from '../services/fieldMaintenance.ts';
import { cliCaller } from '../domain/access/policy.ts';
import { todayIn } from '../domain/dates.ts';
import type { RequestContext } from '../services/context.ts';
import type { System } from '../services/system.ts';

/**
 * `refuge keys ...`: the key file's life (docs/security.md "Personal data at rest"). Rotations change
 * the key file first, then bring every stored value to it in batches, so an interrupted run is finished
 * by running it again (`rotate --resume`, or `rotate-index`, which resumes by itself).
 */

function keysContext(): RequestContext {
  return { caller: cliCaller(userInfo().username), requestId: `cli-${randomUUID()}`, today: todayIn('America/St_Johns'), channel: 'cli' };
}

/** Rotations rewrite the key file; keys given in REFUGE_KEYS cannot be rewritten from here. */
async function keyFileRing(config: ServerConfig): Promise<KeyRing> {
  if (config.keysJson) {
    throw new KeyFileError('The keys come from REFUGE_KEYS: rotate with the key file (unset REFUGE_KEYS, pass --key-file), then put the new file\'s JSON in the secret.');
  }
  return (await loadKeyRing({ keyFile: config.keyFile })).ring;
}

async function withKeys<T>(config: ServerConfig, fn: (system: System) => Promise<T>): Promise<T> {
  const system = await openConfiguredSystem(config);
  try {
    return await fn(system);
  } finally {
    await system.close();
  }
}

function printProgress(progress: TableProgress[]): void {
  for (const p of progress) {
    console.log(`  ${p.table}: ${p.rows} rows read, ${p.encrypted} values encrypted from clear, ${p.reencrypted} re-encrypted, ${p.reindexed} persons' match keys recomputed`);
  }
}

async function printKeyUse(system: System): Promise<Record<string, number>> {
  const use = await countKeyUse(system.db);
  const fieldLine = system.cipher.fieldKeyIds.map((id) => `${id}${id === system.cipher.activeKeyId ? ' (active)' : ''}: ${use.fieldKeys[id] ?? 0}`);
  const unknown = Object.entries(use.fieldKeys).filter(([id]) => !system.cipher.fieldKeyIds.includes(id)).map(([id, n]) => `${id}: ${n}`);
  console.log(`Encrypted values by field key: ${[...fieldLine, ...unknown].join(', ')}`);
  console.log(`Persons' match keys by blind-index key: ${Object.entries(use.blindIndexKeys).map(([id, n]) => `${id}: ${n}`).join(', ') || 'none'}`);
  return use.fieldKeys;
}

export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('The key file: create it, rotate the field and blind-index keys, retire old field keys.');
  const keyFileOption = () => new Option('--key-file <file>', 'the key file (env REFUGE_KEY_FILE, default ./refuge.keys.json)');

  keys.command('init')
    .description('Write a new key file with fresh keys (mode 0600); refuses to replace an existing one.')
    .addOption(keyFileOption())
    .action(async (flags: { keyFile?: string }) => {
      const config = resolveConfig(flags);
      const ring = generateKeyRing();
      await createKeyFile(config.keyFile, ring);
      console.log(`Wrote ${config.keyFile}: field key ${ring.activeFieldKeyId}, blind-index key ${ring.blindIndexKey.id}, audit key ${ring.auditKey.id}.`);
      console.log('Keep it out of the database backups, and back it up separately: without it the personal data cannot be read.');
    });

  dbOptions(keys.command('status').description('Which keys the stored values use.'))
    .action(async (flags) => withKeys(resolveConfig(flags), async (system) => { await printKeyUse(system); }));

  dbOptions(keys.command('rotate')
    .description('Add a new field key, make it active, and re-encrypt every encrypted value under it, in batches.')
    .option('--resume', 'do not add a key: finish re-encrypting under the active key (after an interrupted rotation)'))
    .action(async (flags: { resume?: boolean; databaseUrl?: string; dataDir?: string; keyFile?: string }) => {
      const config = resolveConfig(flags);
      let ring = await keyFileRing(config);
      if (!flags.resume) {
        ring = withNewFieldKey(ring);
        await replaceKeyFile(config.keyFile, ring);
        console.log(`New field key ${ring.activeFieldKeyId} is active (written to ${config.keyFile}). Restart the servers so they write with it.`);
      }
      await withKeys(config, async (system) => {
        console.log(`Re-encrypting under ${system.cipher.activeKeyId}...`);
        const progress = await maintainEncryptedFields(system.db, system.cipher, system.audit, keysContext(), { task: 'keys rotate', reencrypt: true });
        printProgress(progress);
        const use = await printKeyUse(system);
        const old = system.cipher.fieldKeyIds.filter((id) => id !== system.cipher.activeKeyId && (use[id] ?? 0) === 0);
        if (old.length > 0) console.log(`No value uses ${old.join(', ')} any more: retire with \`refuge keys retire <keyId>\` once every server runs with the new key.`);
      });
    });

  dbOptions(keys.command('retire <keyId>')
    .description('Remove a field key from the key file; refused while any stored value still uses it.'))
    .action(async (keyId: string, flags) => {
      const config = resolveConfig(flags);
      const ring = await keyFileRing(config);
      const next = withoutFieldKey(ring, keyId);
      await withKeys(config, async (system) => {
        const use = await countKeyUse(system.db);
        const still = use.fieldKeys[keyId] ?? 0;
        if (still > 0) throw new KeyFileError(`${still} stored value(s) still use ${keyId}: run \`refuge keys rotate --resume\` first. The key was kept.`);
        await system.audit.recordAlone(keysContext(), 'encryption.maintain', 'key_file', keyId, { task: 'keys retire', retired: keyId });
        await replaceKeyFile(config.keyFile, next);
        console.log(`Retired field key ${keyId}; ${config.keyFile} keeps ${next.fieldKeys.map((k) => k.id).join(', ')}.`);
      });
    });

  dbOptions(keys.command('rotate-index')
    .description('New blind-index key: recompute every person\'s match keys under it from the decrypted data, then drop the old key.'))
    .action(async (flags) => {
      const config = resolveConfig(flags);
      let ring = await keyFileRing(config);
      if (ring.previousBlindIndexKey) {
        console.log(`Resuming the rotation from ${ring.previousBlindIndexKey.id} to ${ring.blindIndexKey.id}.`);
      } else {
        ring = withNewBlindIndexKey(ring);
        await replaceKeyFile(config.keyFile, ring);
        console.log(`New blind-index key ${ring.blindIndexKey.id} (written to ${config.keyFile}; ${ring.previousBlindIndexKey?.id} is kept until every match key is recomputed).`);
      }
      await withKeys(config, async (system) => {
        const progress = await maintainEncryptedFields(system.db, system.cipher, system.audit, keysContext(), { task: 'keys rotate-index', reindex: true });
        printProgress(progress);
        const use = await countKeyUse(system.db);
        const behind = Object.entries(use.blindIndexKeys).filter(([id]) => id !== ring.blindIndexKey.id).reduce((n, [, c]) => n + c, 0);
        if (behind > 0) throw new KeyFileError(`${behind} person(s) still have match keys under another key (written meanwhile by a server with the old key file?): run \`refuge keys rotate-index\` again.`);
        await replaceKeyFile(config.keyFile, withoutPreviousBlindIndexKey(ring));
        await printKeyUse(system);
        console.log(`Every match key is under ${ring.blindIndexKey.id}; the previous blind-index key was removed from ${config.keyFile}. Restart the servers. `
          + 'Duplicate searches and Idempotency-Keys from before the rotation can no longer be compared: those searches must be run again.');
      });
    });
}
