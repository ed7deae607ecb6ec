import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID, randomBytes, createCipheriv } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSystem, type System } from './system.ts';
import { maintainEncryptedFields, countKeyUse, encryptClearFieldsIfPending, resealPre012TotpSeedsIfPending } from './fieldMaintenance.ts';
import { matchKeysOf, decryptTotpSeed, ENCRYPTED_TABLES } from './encryptedFields.ts';
import { PasswordHasher } from './auth/passwords.ts';
import { newTotpSecret, totpCode } from './auth/totp.ts';
import { generateKeyRing, withNewFieldKey, withoutFieldKey, withNewBlindIndexKey, withoutPreviousBlindIndexKey, type KeyRing } from './keys.ts';
import { openDatabase, type DatabaseConfig } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { isEncrypted, keyIdOf, FieldDecryptionError } from '../store/fieldCipher.ts';
import { createTestDatabase, testContext, ENGINE } from '../test/harness.ts';
import { buildIntake, buildMember, identityOf } from '../test/factories.ts';
import { initialSnapshot } from '../domain/lifecycle/index.ts';
import { blockingKeys } from '../domain/duplicates/index.ts';
import type { GroupMemberInput } from '../domain/intake/types.ts';

/** A database that outlives one open system: a data directory for PGlite, a fresh database on the server. */
async function persistentDatabase(): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const server = await createTestDatabase();
  if (server.url) return { config: { databaseUrl: server.url }, drop: server.drop };
  const dir = mkdtempSync(join(tmpdir(), 'refuge-field-keys-'));
  return { config: { dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function withSystem<T>(config: DatabaseConfig, keys: KeyRing, fn: (s: System) => Promise<T>): Promise<T> {
  const system = await openSystem(config, { keys });
  try {
    return await fn(system);
  } finally {
    await system.close();
  }
}

const ABDULLAH: GroupMemberInput = buildMember({ familyName: 'Abdullah', givenNames: 'Mohammed', dateOfBirth: '1990-03-12', sex: 'M', citizenships: ['SYR'],
  documents: [{ type: 'PASSPORT', number: 'N0123987', issuingCountry: 'SYR' }], address: { line1: '12 rue Ontario Est', city: 'Montréal', province: 'QC', postalCode: 'H2X 1Y4' } });
const AGAIN = { familyName: 'Abdulla', givenNames: 'Muhammad', dateOfBirth: '1990-12-03', sex: 'M' as const, documents: [] };

/** Every stored value of every encrypted field, with the key id it names (null for clear). */
async function storedKeyIds(system: System): Promise<Array<string | null>> {
  const ids: Array<string | null> = [];
  for (const spec of ENCRYPTED_TABLES) {
    for (const column of spec.columns) {
      const { rows } = await system.db.pool.query<{ v: string }>(`SELECT ${column} AS v FROM ${spec.table} WHERE ${column} IS NOT NULL`);
      ids.push(...rows.map((r) => keyIdOf(r.v)));
    }
  }
  return ids;
}

describe('rows written before migration 008', () => {
  let db: Awaited<ReturnType<typeof persistentDatabase>>;
  const ring = generateKeyRing();
  const ids = { group: randomUUID(), person: randomUUID(), claim: randomUUID(), assessment: randomUUID(), import: randomUUID(), search: randomUUID() };

  beforeAll(async () => {
    db = await persistentDatabase();
    // The schema and the rows as the previous version left them: everything in clear.
    const old = await openDatabase(db.config);
    try {
      await migrate(old, { through: 7 });
      const made = { type: 'claim.made' as const, actor: { role: 'CBSA_OFFICER' as const }, effectiveDate: '2024-03-01' };
      const snapshot = initialSnapshot({ claimDate: '2024-03-01' }, made, { today: '2024-03-02' });
      if (!snapshot.ok) throw new Error(snapshot.error.message);
      const q = (sql: string, values: unknown[]) => old.pool.query(sql, values);
      await q(`INSERT INTO family_groups (id, reference, office_code, office_type, province, claim_date, arrival, persecution_countries, created_by)
        VALUES ($1, 'G-2024-0000001', 'QC-LACOLLE', 'LAND_POE', 'QC', '2024-03-01', $2, '{SYR}', 'old')`,
      [ids.group, JSON.stringify({ manner: 'AT_PORT_OF_ENTRY', duplicateCheck: { searchId: null, override: 'Searched by phone with NHQ' } })]);
      await q(`INSERT INTO persons (id, family_name, given_names, date_of_birth, sex, citizenships, documents, languages, interpreter_language, match_keys)
        VALUES ($1, 'Abdullah', 'Mohammed', '1990-03-12', 'M', '{SYR}', $2, '{ar}', 'ar', $3)`,
      [ids.person, JSON.stringify(ABDULLAH.documents), blockingKeys(ABDULLAH)]);
      await q(`INSERT INTO claims (id, reference, group_id, person_id, relationship, office_code, office_type, province, claim_date, arrival_manner,
        persecution_countries, state, lifecycle, version) VALUES ($1, 'C-2024-0000002', $2, $3, 'PRINCIPAL', 'QC-LACOLLE', 'LAND_POE', 'QC', '2024-03-01',
        'AT_PORT_OF_ENTRY', '{SYR}', $4, $5, 2)`, [ids.claim, ids.group, ids.person, snapshot.value.state, JSON.stringify(snapshot.value)]);
      await q(`INSERT INTO claim_events (claim_id, version, type, transition_id, to_state, actor_role, actor_name, effective_date, legal_basis, reasons, details, recorded_by)
        VALUES ($1, 1, 'claim.made', 'T01', 'CLAIM_MADE', 'CBSA_OFFICER', NULL, '2024-03-01', 'IRPA 99', NULL, '{}', 'old'),
               ($1, 2, 'fc.jr_dismissed', 'T25', 'CLAIM_MADE', 'FEDERAL_COURT', 'Justice Marlowe', '2024-03-02', 'IRPA 74(d)', 'He was beaten at the checkpoint', $2, 'old')`,
      [ids.claim, JSON.stringify({ certifiedQuestion: 'Is a checkpoint beating persecution?', courtFileNumber: 'IMM-1-24' })]);
      await q(`INSERT INTO eligibility_assessments (id, claim_id, event_version, outcome, facts, assessment, config, recorded_by)
        VALUES ($1, $2, NULL, 'INSUFFICIENT_FACTS', $3, '{"outcome":"INSUFFICIENT_FACTS"}', $4, 'old')`,
      [ids.assessment, ids.claim, JSON.stringify({ claimant: { dateOfBirth: '1990-03-12' } }), JSON.stringify({ disagreementReason: 'Seen the passport myself' })]);
      await q(`INSERT INTO imports (id, file_name, format, report, created_by) VALUES ($1, 'abdullah family.ndjson', 'ndjson', $2, 'old')`,
        [ids.import, JSON.stringify({ kind: 'groups', records: 1, batches: 1, batchesWritten: 0, batchesRejected: 1, claimsWritten: 0, eventsWritten: 0,
          errors: [{ line: 1, field: 'intake.members[0].dateOfBirth', code: 'after_claim_date', message: 'The date of birth 2030-01-01 is after the claim date.' }] })]);
      await q(`INSERT INTO duplicate_searches (id, query_hash, result, created_by) VALUES ($1, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '[]', 'old')`, [ids.search]);
    } finally {
      await old.close();
    }
  });
  afterAll(async () => { await db.drop(); });

  it('are encrypted, and their match keys made blind indexes, the first time the system opens with the keys', async () => {
    await withSystem(db.config, ring, async (sys) => {
      expect((await storedKeyIds(sys)).every((id) => id === ring.activeFieldKeyId)).toBe(true);
      const person = (await sys.db.pool.query('SELECT * FROM persons')).rows[0];
      expect(isEncrypted(person.date_of_birth) && isEncrypted(person.documents)).toBe(true);
      expect(person.match_key_id).toBe(ring.blindIndexKey.id);
      expect(person.match_keys).toEqual(matchKeysOf(sys.cipher, ABDULLAH).match_keys);
      expect(person.match_keys).not.toContain('doc:N0123987');
      const event = (await sys.db.pool.query('SELECT reasons, actor_name, details FROM claim_events WHERE version = 2')).rows[0];
      expect([event.reasons, event.actor_name, event.details.certifiedQuestion, event.details.courtFileNumber].every(isEncrypted)).toBe(true);
      const search = (await sys.db.pool.query('SELECT query_hash FROM duplicate_searches')).rows[0];
      expect(search.query_hash).toBe('cleared-by-migration-008');
      expect((await sys.db.pool.query("SELECT completed_at IS NOT NULL AS done FROM maintenance_tasks WHERE task = 'encrypt-clear-fields-008'")).rows[0].done).toBe(true);
      const audit = (await sys.db.pool.query("SELECT subject_type, details FROM audit_log WHERE action = 'encryption.maintain' ORDER BY id")).rows;
      expect(audit.map((a) => [a.subject_type, a.details.encrypted])).toEqual([['persons', 4], ['claim_events', 4], ['family_groups', 1], ['eligibility_assessments', 2], ['imports', 2]]);

      // Read back in clear, through the repository.
      const ctx = testContext();
      const claim = await sys.claims.getClaim(ctx, ids.claim);
      expect(claim.person).toMatchObject({ familyName: 'Abdullah', givenNames: 'Mohammed', dateOfBirth: '1990-03-12', documents: ABDULLAH.documents });
      const history = await sys.claims.getHistory(ctx, ids.claim);
      expect(history.events[1]).toMatchObject({ reasons: 'He was beaten at the checkpoint', actor: { name: 'Justice Marlowe' },
        details: { certifiedQuestion: 'Is a checkpoint beating persecution?', courtFileNumber: 'IMM-1-24' } });
      expect((await sys.claims.getGroup(ctx, ids.group)).duplicateCheck.override).toBe('Searched by phone with NHQ');
      expect((await sys.claims.listEligibilityAssessments(ctx, ids.claim))[0]?.facts).toEqual({ claimant: { dateOfBirth: '1990-03-12' } });
      expect((await sys.claims.getImport(ids.import)).report.errors[0]?.message).toBe('The date of birth 2030-01-01 is after the claim date.');
      const found = await sys.claims.searchDuplicates(ctx, [AGAIN]);
      expect(found.people[0]?.candidates.map((c) => c.personId)).toEqual([ids.person]);
      // A search from before the upgrade cannot be compared any more: it must be run again.
      await expect(sys.claims.createGroup(ctx, { ...buildIntake({ members: [ABDULLAH] }), duplicateSearchId: ids.search }))
        .rejects.toMatchObject({ errors: [{ field: 'duplicateSearchId', code: 'search_expired' }] });
    });
    // Done once: the next open has nothing to do.
    await withSystem(db.config, ring, async (sys) => {
      expect(await encryptClearFieldsIfPending(sys.db, sys.cipher, sys.audit)).toBeNull();
    });
  });
});

describe('TOTP seeds sealed before migration 012', () => {
  let db: Awaited<ReturnType<typeof persistentDatabase>>;
  const ring = generateKeyRing();
  // The key a seed was sealed under and that is no longer in the ring (retired by the earlier `keys retire`).
  const lostKey = generateKeyRing().fieldKeys[0]!;
  const alice = { id: randomUUID(), seed: newTotpSecret(), stored: '' };
  const bob = { id: randomUUID(), seed: newTotpSecret(), stored: '' };
  const PASSWORD = 'correct horse battery staple';
  const clock = new Date('2026-03-02T09:00:10Z');
  const taskDone = async (sys: System) =>
    (await sys.db.pool.query("SELECT completed_at IS NOT NULL AS done FROM maintenance_tasks WHERE task = 'reseal-totp-seeds-012'")).rows[0].done as boolean;

  /** The earlier code's seal: the field envelope, but `users.totp_secret.<id>` as associated data. */
  function sealedAsBefore012(key: { id: string; key: Buffer }, seed: string, userId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.key, iv);
    cipher.setAAD(Buffer.from(`users.totp_secret.${userId}`, 'utf8'));
    const sealed = Buffer.concat([cipher.update(seed, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${key.id}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
  }

  beforeAll(async () => {
    db = await persistentDatabase();
    const old = await openDatabase(db.config);
    try {
      await migrate(old, { through: 11 });
      alice.stored = sealedAsBefore012(ring.fieldKeys[0]!, alice.seed, alice.id);
      bob.stored = sealedAsBefore012(lostKey, bob.seed, bob.id);
      const passwordHash = await new PasswordHasher().hash(PASSWORD);
      for (const [user, username] of [[alice, 'alice'], [bob, 'bob']] as const) {
        await old.pool.query(`INSERT INTO users (id, username, display_name, password_hash, roles, totp_secret, totp_enabled_at, created_at, created_by, updated_at)
          VALUES ($1, $2, $2, $3, '{INTAKE_OFFICER}', $4, '2026-03-01T00:00:00Z', now(), 'old', now())`, [user.id, username, passwordHash, user.stored]);
      }
    } finally {
      await old.close();
    }
  });
  afterAll(async () => { await db.drop(); });

  it('are re-encrypted as fields when the system opens; one whose key is gone is left, and the task waits for its reset', async () => {
    let resealed = '';
    // Opened as a server would be, with a clock the codes can be computed for.
    const sys = await openSystem(db.config, { keys: ring, auth: { now: () => clock } });
    try {
      const seeds = (await sys.db.pool.query<{ id: string; totp_secret: string }>('SELECT id, totp_secret FROM users')).rows;
      resealed = seeds.find((r) => r.id === alice.id)!.totp_secret;
      // The field cipher could not have opened the earlier seal (other associated data): hence the re-encryption.
      expect(() => decryptTotpSeed(sys.cipher, alice.id, alice.stored)).toThrow(FieldDecryptionError);
      expect(keyIdOf(resealed)).toBe(ring.activeFieldKeyId);
      expect(decryptTotpSeed(sys.cipher, alice.id, resealed)).toBe(alice.seed);
      expect(seeds.find((r) => r.id === bob.id)!.totp_secret).toBe(bob.stored);
      expect(await taskDone(sys)).toBe(false);
      const audit = (await sys.db.pool.query("SELECT actor, subject_type, details FROM audit_log WHERE action = 'encryption.maintain' ORDER BY id")).rows;
      expect(audit).toEqual([{ actor: 'system:migration-012', subject_type: 'users', details: {
        task: 'reseal-totp-seeds-012', resealed: 1, unreadable: 1, unreadableUserIds: [bob.id], fieldKey: ring.activeFieldKeyId } }]);

      // Alice signs in with a code from the seed her authenticator has held all along.
      const step = await sys.users.signIn(testContext(), { address: '127.0.0.1', userAgent: null }, 'alice', PASSWORD);
      if (step.kind !== 'totp_required') throw new Error('alice was not asked for a code');
      const session = await sys.users.completeTotp(testContext(), { address: '127.0.0.1', userAgent: null }, step.challengeToken, totpCode(alice.seed, clock));
      expect(session.user.username).toBe('alice');

      await sys.users.updateUser(testContext(), bob.id, { resetTotp: true });
    } finally {
      await sys.close();
    }
    // The next start finds nothing left to re-encrypt, and leaves alice's seed as it is.
    await withSystem(db.config, ring, async (sys) => {
      expect(await taskDone(sys)).toBe(true);
      expect((await sys.db.pool.query('SELECT totp_secret FROM users WHERE id = $1', [alice.id])).rows[0].totp_secret).toBe(resealed);
      expect((await sys.db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'encryption.maintain'")).rows[0].n).toBe(1);
      expect(await resealPre012TotpSeedsIfPending(sys.db, sys.cipher, ring.fieldKeys, sys.audit)).toBeNull();
    });
  });
});

describe('key rotation', () => {
  let db: Awaited<ReturnType<typeof persistentDatabase>>;
  const first = generateKeyRing();
  const seeded: { claimId: string; groupId: string; importId: string; candidates: string[]; searchId: string } = { claimId: '', groupId: '', importId: '', candidates: [], searchId: '' };
  const ctx = testContext();
  /** The key ring the stored values are under: each test leaves it for the next (they run in order). */
  let currentRing: KeyRing = first;

  beforeAll(async () => {
    db = await persistentDatabase();
    await withSystem(db.config, first, async (sys) => {
      const intake = buildIntake({ members: [ABDULLAH, buildMember({ relationship: 'SPOUSE', familyName: 'Abdullah', givenNames: 'Fatima' })] });
      const search = await sys.claims.searchDuplicates(ctx, intake.members.map(identityOf));
      const { group } = await sys.claims.createGroup(ctx, { ...intake, duplicateSearchId: search.searchId });
      await sys.claims.createGroup(ctx, { ...buildIntake(), duplicateOverride: { reason: 'Search system down at the port' } });
      const claimId = group.claims[0]?.id as string;
      await sys.claims.appendEvent(ctx, claimId, 1, { type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER', name: 'Officer Tremblay' }, effectiveDate: intake.claimDate, reasons: 'Arrived with his wife' });
      await sys.claims.recordEligibilityAssessment(ctx, claimId, { claimant: { maritalStatus: 'MARRIED' } });
      const record = await sys.claims.recordImport(ctx, 'abdullah.ndjson', 'ndjson', { kind: 'empty', records: 0, batches: 0, batchesWritten: 0, batchesRejected: 0, claimsWritten: 0, eventsWritten: 0, errors: [] });
      const again = await sys.claims.searchDuplicates(ctx, [AGAIN]);
      Object.assign(seeded, { claimId, groupId: group.id, importId: record.id, candidates: again.people[0]?.candidates.map((c) => c.personId) ?? [] });
      // A search made before the index key rotation, for the rotation to make stale.
      seeded.searchId = (await sys.claims.searchDuplicates(ctx, [identityOf(buildMember({ familyName: 'Latecomer' }))])).searchId;
    });
    expect(seeded.candidates).toHaveLength(1);
  });
  afterAll(async () => { await db.drop(); });

  async function readsEverything(sys: System): Promise<void> {
    const claim = await sys.claims.getClaim(ctx, seeded.claimId);
    expect(claim.person).toMatchObject({ familyName: 'Abdullah', dateOfBirth: '1990-03-12', documents: ABDULLAH.documents, address: ABDULLAH.address });
    const history = await sys.claims.getHistory(ctx, seeded.claimId);
    expect(history.events[1]).toMatchObject({ reasons: 'Arrived with his wife', actor: { name: 'Officer Tremblay' } });
    expect((await sys.claims.listEligibilityAssessments(ctx, seeded.claimId))[0]?.facts.claimant?.dateOfBirth).toBe('1990-03-12');
    expect((await sys.claims.getImport(seeded.importId)).fileName).toBe('abdullah.ndjson');
    const listed = await sys.claims.listClaims(ctx, {}, 10);
    expect(listed.items.map((i) => i.familyName).sort()).toEqual(['Abdullah', 'Abdullah', expect.stringMatching(/^[A-Z][a-z]+-\d+$/)]);
  }

  it('re-encrypts every value under the new field key, skips them on a second run, and the old key can then be retired', async () => {
    const second = withNewFieldKey(first);
    await withSystem(db.config, second, async (sys) => {
      const before = await countKeyUse(sys.db);
      expect(Object.keys(before.fieldKeys)).toEqual([first.activeFieldKeyId]);
      const total = before.fieldKeys[first.activeFieldKeyId] as number;
      const progress = await maintainEncryptedFields(sys.db, sys.cipher, sys.audit, ctx, { task: 'test rotate', reencrypt: true, batchSize: 2 });
      expect(progress.reduce((n, p) => n + p.reencrypted, 0)).toBe(total);
      expect(progress.reduce((n, p) => n + p.encrypted + p.reindexed, 0)).toBe(0);
      expect((await countKeyUse(sys.db)).fieldKeys).toEqual({ [second.activeFieldKeyId]: total });
      const rerun = await maintainEncryptedFields(sys.db, sys.cipher, sys.audit, ctx, { task: 'test rotate', reencrypt: true });
      expect(rerun.reduce((n, p) => n + p.reencrypted, 0)).toBe(0);
    });
    const retired = withoutFieldKey(second, first.activeFieldKeyId);
    currentRing = retired;
    await withSystem(db.config, retired, async (sys) => {
      expect(sys.cipher.fieldKeyIds).toEqual([second.activeFieldKeyId]);
      await readsEverything(sys);
      expect((await sys.claims.searchDuplicates(ctx, [AGAIN])).people[0]?.candidates.map((c) => c.personId)).toEqual(seeded.candidates);
    });
    // The first key alone reads nothing any more, and says why.
    await withSystem(db.config, first, async (sys) => {
      const refusal = await sys.claims.getClaim(ctx, seeded.claimId).catch((err: unknown) => err);
      expect(refusal).toBeInstanceOf(FieldDecryptionError);
      expect((refusal as Error).message).toContain(`is encrypted with field key "${second.activeFieldKeyId}", which is not in the key ring`);
    });
  });

  it('rotates the blind-index key: the duplicate search finds the same candidates during and after, with every match key recomputed', async () => {
    const ring = currentRing;
    const matchKeysBefore = await withSystem(db.config, ring, async (sys) => (await sys.db.pool.query('SELECT id, match_keys FROM persons ORDER BY id')).rows);
    const rotating = withNewBlindIndexKey(ring);
    await withSystem(db.config, rotating, async (sys) => {
      // Mid-rotation: nothing recomputed yet, the search looks under both keys.
      expect((await sys.claims.searchDuplicates(ctx, [AGAIN])).people[0]?.candidates.map((c) => c.personId)).toEqual(seeded.candidates);
      const progress = await maintainEncryptedFields(sys.db, sys.cipher, sys.audit, ctx, { task: 'test rotate-index', reindex: true, batchSize: 2 });
      expect(progress.find((p) => p.table === 'persons')?.reindexed).toBe(matchKeysBefore.length);
      expect(progress.reduce((n, p) => n + p.encrypted + p.reencrypted, 0)).toBe(0);
      expect((await countKeyUse(sys.db)).blindIndexKeys).toEqual({ [rotating.blindIndexKey.id]: matchKeysBefore.length });
    });
    const rotated = withoutPreviousBlindIndexKey(rotating);
    currentRing = rotated;
    await withSystem(db.config, rotated, async (sys) => {
      await readsEverything(sys);
      const after = (await sys.db.pool.query('SELECT id, match_keys FROM persons ORDER BY id')).rows;
      expect(after.map((r) => r.id)).toEqual(matchKeysBefore.map((r) => r.id));
      after.forEach((r, i) => expect(r.match_keys.filter((k: string) => matchKeysBefore[i].match_keys.includes(k))).toEqual([]));
      expect((await sys.claims.searchDuplicates(ctx, [AGAIN])).people[0]?.candidates.map((c) => c.personId)).toEqual(seeded.candidates);
      expect((await sys.claims.searchDuplicates(ctx, [identityOf(ABDULLAH)])).people[0]?.candidates[0]?.personId).toBe(seeded.candidates[0]);
      await expect(sys.claims.createGroup(ctx, { ...buildIntake({ members: [buildMember({ familyName: 'Latecomer' })] }), duplicateSearchId: seeded.searchId }))
        .rejects.toMatchObject({ errors: [{ field: 'duplicateSearchId', code: 'search_expired' }] });
    });
  });
});

describe(`claim_events stays append-only on ${ENGINE}`, () => {
  let db: Awaited<ReturnType<typeof persistentDatabase>>;
  const ring = generateKeyRing();
  beforeAll(async () => { db = await persistentDatabase(); });
  afterAll(async () => { await db.drop(); });

  it('accepts, under refuge.maintenance = reencrypt, only a text replaced by a ciphertext', async () => {
    await withSystem(db.config, ring, async (sys) => {
      const ctx = testContext();
      const { group } = await sys.claims.createGroup(ctx, { ...buildIntake(), duplicateOverride: { reason: 'testing the trigger' } });
      const claimId = group.claims[0]?.id as string;
      await sys.claims.appendEvent(ctx, claimId, 1, { type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: group.claimDate, reasons: 'first' });
      const place = { table: 'claim_events', column: 'reasons', rowId: `${claimId}:2` };
      const attempt = async (set: string, values: unknown[], maintenance: boolean) => {
        const client = await sys.db.pool.connect();
        try {
          await client.query('BEGIN');
          if (maintenance) await client.query("SELECT set_config('refuge.maintenance', 'reencrypt', true)");
          await client.query(`UPDATE claim_events SET ${set} WHERE claim_id = $1 AND version = 2`, [claimId, ...values]);
          await client.query('COMMIT');
          return 'accepted';
        } catch (err) {
          await client.query('ROLLBACK');
          return (err as Error).message;
        } finally {
          client.release();
        }
      };
      const refused = 'claim_events is append-only: UPDATE refused';
      const ciphertext = sys.cipher.encrypt('first', place);
      expect(await attempt('reasons = $2', [ciphertext], false)).toBe(refused);
      expect(await attempt('reasons = $2', ['rewritten in clear'], true)).toBe(refused);
      expect(await attempt("effective_date = '2020-01-01'", [], true)).toBe(refused);
      expect(await attempt('reasons = $2, legal_basis = $3', [ciphertext, 'IRPA 1'], true)).toBe(refused);
      expect(await attempt("details = details || '{\"courtFileNumber\": \"v1.x.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA\"}'", [], true)).toBe(refused);
      expect(await attempt('actor_name = $2', [ciphertext], true)).toBe(refused);
      expect(await attempt('reasons = $2', [ciphertext], true)).toBe('accepted');
      expect((await sys.claims.getHistory(ctx, claimId)).events[1]?.reasons).toBe('first');
      const client = await sys.db.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT set_config('refuge.maintenance', 'reencrypt', true)");
        await expect(client.query('DELETE FROM claim_events WHERE claim_id = $1', [claimId])).rejects.toThrow('claim_events is append-only: DELETE refused');
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });
  });
});
