import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSystem, testContext, createTestDatabase, TEST_KEY_RING, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { openDatabase } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openSystem } from './system.ts';
import { ANONYMOUS, cliCaller } from '../domain/access/policy.ts';
import { GENESIS_HASH, chainHash, parseRanges, referenceNumber, toRanges, unionRanges, type ChainedRecord } from './audit.ts';

const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const override = { duplicateOverride: { reason: 'audit test: no duplicate search' } };

let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys.close(); });

interface Row {
  seq: number; at: Date; key_id: string; pre_chain: boolean; actor: string; actor_name: string | null; action: string;
  channel: ChainedRecord['channel']; subject_type: string; subject_id: string | null; request_id: string | null; refs: string;
  details: unknown; prev_hash: string; hash: string;
}

async function chain(): Promise<Row[]> {
  const { rows } = await sys.db.pool.query<Row>('SELECT seq, at, key_id, pre_chain, actor, actor_name, action, channel, subject_type, subject_id, request_id, refs::text AS refs, details, prev_hash, hash FROM audit_log ORDER BY seq');
  return rows;
}

async function lastSeq(): Promise<number> {
  const { rows } = await sys.db.pool.query<{ seq: number }>('SELECT seq FROM audit_chain_head');
  return rows[0]?.seq ?? 0;
}

/** Changes the log as a superuser could: with the append-only trigger switched off. */
async function asSuperuser(sql: string, params: unknown[] = []): Promise<void> {
  const client = await sys.db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await client.query(sql, params);
    await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

async function createGroups(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await sys.claims.createGroup(testContext(), { ...buildIntake(), ...override });
}

describe(`the audit hash chain on ${ENGINE}`, () => {
  it('chains every record: seq without gaps, each prev_hash the hash before it, each hash the HMAC of its canonical form', async () => {
    const { group } = await sys.claims.createGroup(testContext(cliCaller('tester')), { ...buildIntake({ members: [buildMember(), buildMember({ relationship: 'CHILD', dateOfBirth: '2015-01-01' })] }), ...override });
    await sys.claims.getClaim(testContext(), group.claims[0]?.id as string);
    const rows = await chain();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    rows.forEach((r, i) => {
      expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]?.hash);
      const record: ChainedRecord = { seq: r.seq, at: r.at, keyId: r.key_id, preChain: r.pre_chain, actor: r.actor, actorName: r.actor_name,
        action: r.action, channel: r.channel, subjectType: r.subject_type, subjectId: r.subject_id, requestId: r.request_id,
        refs: parseRanges(r.refs), details: r.details };
      expect(r.hash).toBe(chainHash(TEST_KEY_RING.auditKey.key, r.prev_hash, record));
      expect(r.key_id).toBe(TEST_KEY_RING.auditKey.id);
    });
    const created = rows.find((r) => r.action === 'group.create');
    expect(created).toMatchObject({ actor: 'cli:tester', actor_name: 'command line (tester)', channel: 'cli', subject_type: 'group', subject_id: group.id });
    // The group's and both claims' reference numbers.
    const numbers = [group.reference, ...group.claims.map((c) => c.reference)].map(referenceNumber);
    expect(created?.refs).toBe(`{${toRanges(numbers).map(([a, b]) => `[${a},${b})`).join(',')}}`);
    const head = await sys.db.pool.query('SELECT seq, hash FROM audit_chain_head');
    expect(head.rows[0]).toEqual({ seq: rows.length, hash: rows[rows.length - 1]?.hash });
  });

  it('refuses to update, delete or truncate audit records', async () => {
    await expect(sys.db.pool.query("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1")).rejects.toThrow('audit_log is append-only: UPDATE refused');
    await expect(sys.db.pool.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow('audit_log is append-only: DELETE refused');
    await expect(sys.db.pool.query('TRUNCATE audit_log')).rejects.toThrow('audit_log is append-only: TRUNCATE refused');
    // A record cannot be slipped in outside the chain either.
    await expect(sys.db.pool.query("INSERT INTO audit_log (actor, action, subject_type) VALUES ('x', 'claim.read', 'claim')")).rejects.toThrow('audit_log_chained');
  });

  it('keeps a denial although the action it refused rolled back', async () => {
    const { group } = await sys.claims.createGroup(testContext(), { ...buildIntake(), ...override });
    const claim = group.claims[0];
    const before = await lastSeq();
    await expect(sys.claims.getClaim(testContext(ANONYMOUS), claim?.id as string)).rejects.toMatchObject({ code: 'claim_not_found' });
    await expect(sys.claims.listClaims(testContext(ANONYMOUS), {}, 10)).rejects.toMatchObject({ code: 'forbidden' });
    const rows = (await chain()).filter((r) => r.seq > before);
    expect(rows.map((r) => [r.action, r.actor, r.subject_type, r.subject_id, r.details])).toEqual([
      ['access.denied', 'anonymous', 'claim', claim?.id, { action: 'claims.read' }],
      ['access.denied', 'anonymous', 'claims', null, { action: 'claims.list' }],
    ]);
    expect(rows[0]?.refs).toBe(`{[${referenceNumber(claim?.reference as string)},${referenceNumber(claim?.reference as string) + 1})}`);
  });

  it('verifies an untouched log', async () => {
    const records = await lastSeq();
    const result = await sys.audit.verify(testContext());
    expect(result).toEqual({ intact: true, records, preChain: 0, head: { seq: records, hash: (await chain())[records - 1]?.hash }, firstBreak: null });
    // The verification is itself recorded, after the records it verified.
    const last = (await chain()).at(-1);
    expect(last).toMatchObject({ seq: records + 1, action: 'audit.verify', details: { intact: true, records, headSeq: records, headHash: result.head.hash, firstBreak: null } });
  });

  it('names an edited record', async () => {
    await createGroups(3);
    const target = (await lastSeq()) - 1;
    await asSuperuser(`UPDATE audit_log SET details = details || '{"claims": []}' WHERE seq = $1`, [target]);
    const result = await sys.audit.verify(testContext());
    expect(result.firstBreak).toEqual({ kind: 'edited', seq: target, message: `Record ${target} does not match its hash: it was edited after it was written.` });
    expect(result).toMatchObject({ intact: false, records: target - 1 });
  });

  it('names a deleted record', async () => {
    await startOver();
    await createGroups(4);
    const target = 3;
    await asSuperuser('DELETE FROM audit_log WHERE seq = $1', [target]);
    const result = await sys.audit.verify(testContext());
    expect(result.firstBreak).toEqual({ kind: 'deleted', seq: 3, message: 'Record 3 is missing: the sequence jumps from 2 to 4.' });
  });

  it('names a record deleted and hidden by renumbering the ones after it', async () => {
    await startOver();
    await createGroups(4);
    await asSuperuser('DELETE FROM audit_log WHERE seq = 2');
    await asSuperuser('UPDATE audit_log SET seq = 2 WHERE seq = 3');
    await asSuperuser('UPDATE audit_log SET seq = 3 WHERE seq = 4');
    const result = await sys.audit.verify(testContext());
    expect(result.firstBreak).toMatchObject({ kind: 'deleted', seq: 2 });
    expect(result.firstBreak?.message).toBe('Record 2 does not follow record 1 (it was chained after a record that no longer exists): records before it were deleted and the sequence renumbered, or its link was edited.');
  });

  it('names a reordered pair', async () => {
    await startOver();
    await createGroups(4);
    // Swap records 2 and 3 (through a free number: seq is unique).
    await asSuperuser('UPDATE audit_log SET seq = -1 WHERE seq = 2');
    await asSuperuser('UPDATE audit_log SET seq = 2 WHERE seq = 3');
    await asSuperuser('UPDATE audit_log SET seq = 3 WHERE seq = -1');
    const result = await sys.audit.verify(testContext());
    expect(result.firstBreak).toEqual({ kind: 'reordered', seq: 2, message: 'Record 2 was chained after the record now at 3, which sits after it: records were reordered.' });
  });

  it('names a truncated tail', async () => {
    await startOver();
    // The harness's own records (creating and signing in its operator) come first.
    const base = await lastSeq();
    await createGroups(5);
    await asSuperuser(`DELETE FROM audit_log WHERE seq > ${base + 3}`);
    const result = await sys.audit.verify(testContext());
    expect(result.firstBreak).toEqual({ kind: 'truncated', seq: base + 4,
      message: `The chain head is at record ${base + 5} but the log ends at record ${base + 3}: records ${base + 4} to ${base + 5} were removed from the tail.` });
    expect(result.records).toBe(base + 3);
  });

  it('names records written outside the chain', async () => {
    await startOver();
    await createGroups(2);
    await asSuperuser("INSERT INTO audit_log (actor, action, subject_type, pre_chain) VALUES ('intruder', 'claim.read', 'claim', true)");
    const result = await sys.audit.verify(testContext());
    expect(result.firstBreak).toMatchObject({ kind: 'unchained', seq: null });
    expect(result.firstBreak?.message).toMatch(/^1 record\(s\) outside the chain \(no seq; the first has id \d+\): inserted directly into the table\.$/);
  });

  it('holds under concurrent intakes and reads through the API', async () => {
    await startOver();
    const before = await lastSeq();
    const { group } = await sys.claims.createGroup(testContext(), { ...buildIntake(), ...override });
    const claimId = group.claims[0]?.id as string;
    const intakes = Array.from({ length: 24 }, () => ({ ...buildIntake(), ...override }));
    const post = (i: number) => sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: intakes[i], headers: { 'idempotency-key': `concurrent-${i}` } });
    const requests = Array.from({ length: 48 }, (_, i) => (i % 2 === 0 ? post(i / 2)
      : sys.app.inject({ method: 'GET', url: i % 4 === 1 ? `/api/v1/claims/${claimId}` : '/api/v1/claims?limit=5', headers: { 'x-refuge-client': 'web' } })));
    // Retries of a quarter of the intakes with their keys, at the same time: replays (group reads), not new groups.
    requests.push(...Array.from({ length: 6 }, (_, i) => post(i * 4)));
    const responses = await Promise.all(requests);
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([200, 201]));
    const rows = (await chain()).filter((r) => r.seq > before);
    // One record per request and one for the first intake: nothing lost, nothing doubled.
    expect(rows).toHaveLength(1 + responses.length);
    expect(rows.filter((r) => r.action === 'group.create')).toHaveLength(1 + 24);
    expect(rows.filter((r) => r.channel === 'web')).toHaveLength(24);
    const result = await sys.audit.verify(testContext());
    expect(result).toMatchObject({ intact: true, records: before + 1 + responses.length, firstBreak: null });
  });
});

describe('reference ranges', () => {
  it('collapse runs of reference numbers and merge exactly', () => {
    expect(toRanges([7, 3, 4, 5, 9, 4])).toEqual([[3, 6], [7, 8], [9, 10]]);
    expect(unionRanges([[1, 3], [10, 12]], [[3, 5], [11, 20], [30, 31]])).toEqual([[1, 5], [10, 20], [30, 31]]);
    expect(parseRanges('{[1,3),[5,6)}')).toEqual([[1, 3], [5, 6]]);
    expect(parseRanges('{}')).toEqual([]);
    expect(referenceNumber('C-2025-0000123')).toBe(123);
    expect(() => referenceNumber('X-1')).toThrow('not a group or claim reference: X-1');
  });
});

describe(`records written before the chain existed, on ${ENGINE}`, () => {
  it('are chained once, in id order, on the first open with the key, and counted by verify', async () => {
    const database = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'refuge-prechain-'));
    const config = { databaseUrl: database.url, dataDir: join(dir, 'db') };
    try {
      const old = await openDatabase(config);
      await migrate(old, { through: 6 });
      await old.pool.query(`INSERT INTO audit_log (actor, action, subject_type, subject_id, request_id, details) VALUES
        ('local-operator', 'claim.read', 'claim', 'c1', 'r1', '{}'), ('local-operator', 'claims.list', 'claims', NULL, 'r2', '{"claimIds": ["c1"]}')`);
      await old.close();

      const first = await openSystem(config, { keys: TEST_KEY_RING });
      const { rows } = await first.db.pool.query('SELECT seq, actor, action, pre_chain, channel FROM audit_log ORDER BY seq');
      expect(rows).toEqual([
        { seq: 1, actor: 'local-operator', action: 'claim.read', pre_chain: true, channel: null },
        { seq: 2, actor: 'local-operator', action: 'claims.list', pre_chain: true, channel: null },
      ]);
      await first.claims.createGroup(testContext(), { ...buildIntake(), ...override });
      await first.close();

      const again = await openSystem(config, { keys: TEST_KEY_RING });
      const result = await again.audit.verify(testContext());
      expect(result).toMatchObject({ intact: true, records: 3, preChain: 2 });
      await again.close();
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A fresh system, so each tampering test starts from an intact chain. */
async function startOver(): Promise<void> {
  await sys.close();
  sys = await startTestSystem();
}
