import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/process.ts';
import { createTestDatabase } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { parseKeyRing, replaceKeyFile, withNewFieldKey } from '../services/keys.ts';

describe('refuge keys', () => {
  let dir: string;
  let keyFile: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  const ring = () => parseKeyRing(readFileSync(keyFile, 'utf8'));
  const cli = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'refuge-keys-cli-'));
    keyFile = join(dir, 'refuge.keys.json');
    database = await createTestDatabase();
    // The key file, not the test process's REFUGE_KEYS.
    env = { DATABASE_URL: database.url ?? '', REFUGE_DATA_DIR: join(dir, 'db'), REFUGE_KEY_FILE: keyFile, REFUGE_KEYS: '' };
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('init writes a key file readable by its owner alone, and refuses to replace it', async () => {
    const first = await cli('keys', 'init');
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(`Wrote ${keyFile}: field key ${ring().activeFieldKeyId}`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const before = readFileSync(keyFile, 'utf8');
    const again = await cli('keys', 'init');
    expect(again.code).toBe(1);
    expect(again.output).toContain(`A key file already exists at ${keyFile}; it was left as it is.`);
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });

  // Six command runs, each a process that opens the database.
  it('rotates field keys (resumably), retires an unused one only, and rotates the blind-index key', async () => {
    const people = join(dir, 'people.ndjson');
    writeFileSync(people, `${[1, 2, 3].map(() => JSON.stringify({ intake: buildIntake({ members: [buildMember(), buildMember({ relationship: 'CHILD', documents: [] })] }) })).join('\n')}\n`);
    const imported = await cli('import', people, '--no-progress');
    expect(imported.code, imported.output).toBe(0);
    const original = ring();

    // A key added without re-encrypting (an interrupted rotation): the old key may not be retired yet.
    const added = withNewFieldKey(original);
    await replaceKeyFile(keyFile, added);
    const refused = await cli('keys', 'retire', original.activeFieldKeyId);
    expect(refused.code).toBe(1);
    // 6 persons × 4 fields (no address), and each imported group's duplicate-check note ("import: <file>").
    expect(refused.output).toContain(`27 stored value(s) still use ${original.activeFieldKeyId}: run \`refuge keys rotate --resume\` first. The key was kept.`);
    const resumed = await cli('keys', 'rotate', '--resume');
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toContain('persons: 6 rows read, 0 values encrypted from clear, 24 re-encrypted, 0 persons\' match keys recomputed');
    expect(resumed.output).toContain(`Encrypted values by field key: ${original.activeFieldKeyId}: 0, ${added.activeFieldKeyId} (active): 27`);
    const retired = await cli('keys', 'retire', original.activeFieldKeyId);
    expect(retired.code, retired.output).toBe(0);
    expect(ring().fieldKeys.map((k) => k.id)).toEqual([added.activeFieldKeyId]);

    // A full rotation: a new key, everything re-encrypted under it.
    const rotated = await cli('keys', 'rotate');
    expect(rotated.code, rotated.output).toBe(0);
    const third = ring().activeFieldKeyId;
    expect(third).not.toBe(added.activeFieldKeyId);
    expect(rotated.output).toContain(`New field key ${third} is active`);
    expect(rotated.output).toContain(`Encrypted values by field key: ${added.activeFieldKeyId}: 0, ${third} (active): 27`);

    const index = await cli('keys', 'rotate-index');
    expect(index.code, index.output).toBe(0);
    const after = ring();
    expect(after.blindIndexKey.id).not.toBe(original.blindIndexKey.id);
    expect(after.previousBlindIndexKey).toBeUndefined();
    expect(index.output).toContain('persons: 6 rows read, 0 values encrypted from clear, 0 re-encrypted, 6 persons\' match keys recomputed');
    expect(index.output).toContain(`Persons' match keys by blind-index key: ${after.blindIndexKey.id}: 6`);
  }, 240_000);
});
