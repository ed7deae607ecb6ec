import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/process.ts';
import { createTestDatabase, testContext } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { parseKeyRing, replaceKeyFile, withNewFieldKey, type KeyRing } from '../services/keys.ts';
import { openSystem, type System } from '../services/system.ts';
import { totpCode } from '../services/auth/totp.ts';
import type { ClientInfo } from '../services/auth/sessions.ts';
import type { Caller } from '../domain/access/policy.ts';
import { keyIdOf } from '../store/fieldCipher.ts';
import { decryptTotpSeed } from '../services/encryptedFields.ts';

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

  // TOTP seeds are encrypted fields too. Between the command runs, the test opens the database as a server would.
  describe('with users who have a second factor', () => {
    const PASSWORD = 'correct horse battery staple';
    const client: ClientInfo = { address: '127.0.0.1', userAgent: 'keys test' };
    let clock = new Date('2026-03-02T09:00:10Z');
    const nextStep = () => { clock = new Date(clock.getTime() + 30_000); };

    async function asServer<T>(keys: KeyRing, fn: (system: System) => Promise<T>): Promise<T> {
      const system = await openSystem({ databaseUrl: database.url, dataDir: join(dir, 'db') }, { keys, auth: { now: () => clock } });
      try {
        return await fn(system);
      } finally {
        await system.close();
      }
    }

    /** A new account, signed in with its password, that has begun TOTP enrolment: the seed its authenticator holds. */
    async function beginEnrolment(system: System, username: string): Promise<{ caller: Caller; secret: string }> {
      await system.users.createUser(testContext(), { username, roles: ['INTAKE_OFFICER'], officeScope: 'ALL', password: PASSWORD });
      const signedIn = await system.users.signIn(testContext(), client, username, PASSWORD);
      if (signedIn.kind !== 'session') throw new Error(`${username} was asked for a code before enrolling`);
      const caller = (await system.users.resolveSession(signedIn.session.token))?.caller as Caller;
      return { caller, secret: (await system.users.enrolTotp(testContext(caller, 'api'))).secret };
    }

    /** Password, then a code of the current step: the username of the session granted. */
    async function signInWithCode(system: System, username: string, secret: string): Promise<string> {
      const step = await system.users.signIn(testContext(), client, username, PASSWORD);
      if (step.kind !== 'totp_required') throw new Error(`${username} was not asked for a code`);
      const session = await system.users.completeTotp(testContext(), client, step.challengeToken, totpCode(secret, clock));
      nextStep();
      return session.user.username;
    }

    const storedSeed = async (system: System, username: string) =>
      (await system.db.pool.query<{ id: string; totp_secret: string }>('SELECT id, totp_secret FROM users WHERE username = $1', [username])).rows[0]!;

    it('rotate re-encrypts the seeds, retire waits for them, and codes still sign in once the old key is gone', async () => {
      const before = ring();
      const old = before.activeFieldKeyId;
      const secret = await asServer(before, async (system) => {
        const { caller, secret } = await beginEnrolment(system, 'totp-rotation');
        await system.users.confirmTotp(testContext(caller, 'api'), client, totpCode(secret, clock));
        nextStep();
        expect(await signInWithCode(system, 'totp-rotation', secret)).toBe('totp-rotation');
        expect(keyIdOf((await storedSeed(system, 'totp-rotation')).totp_secret)).toBe(old);
        return secret;
      });

      const rotated = await cli('keys', 'rotate');
      expect(rotated.code, rotated.output).toBe(0);
      const current = ring().activeFieldKeyId;
      expect(rotated.output).toContain('users: 1 rows read, 0 values encrypted from clear, 1 re-encrypted, 0 persons\' match keys recomputed');
      expect(rotated.output).toContain(`${old}: 0, ${current} (active): 28`);

      // A server still on the old key file: an enrolment begun there is sealed under the old key, which retire must then keep.
      const late = await asServer(before, async (system) => {
        const enrolment = await beginEnrolment(system, 'totp-late');
        expect(keyIdOf((await storedSeed(system, 'totp-late')).totp_secret)).toBe(old);
        return enrolment;
      });
      const refused = await cli('keys', 'retire', old);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(`1 stored value(s) still use ${old}: run \`refuge keys rotate --resume\` first. The key was kept.`);
      expect(ring().fieldKeys.map((k) => k.id)).toContain(old);

      const resumed = await cli('keys', 'rotate', '--resume');
      expect(resumed.code, resumed.output).toBe(0);
      expect(resumed.output).toContain('users: 2 rows read, 0 values encrypted from clear, 1 re-encrypted, 0 persons\' match keys recomputed');
      const retired = await cli('keys', 'retire', old);
      expect(retired.code, retired.output).toBe(0);
      const after = ring();
      expect(after.fieldKeys.map((k) => k.id)).not.toContain(old);

      await asServer(after, async (system) => {
        for (const [username, seed] of [['totp-rotation', secret], ['totp-late', late.secret]] as const) {
          const stored = await storedSeed(system, username);
          expect(stored.totp_secret).toMatch(new RegExp(`^v1\\.${current}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22,}$`));
          expect(decryptTotpSeed(system.cipher, stored.id, stored.totp_secret)).toBe(seed);
        }
        expect(await signInWithCode(system, 'totp-rotation', secret)).toBe('totp-rotation');
        expect((await system.users.confirmTotp(testContext(late.caller, 'api'), client, totpCode(late.secret, clock))).totpEnabled).toBe(true);
      });
    }, 240_000);
  });
});
