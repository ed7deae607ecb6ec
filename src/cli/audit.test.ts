import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/process.ts';
import { createTestDatabase, testContext, TEST_KEY_RING } from '../test/harness.ts';
import { buildIntake } from '../test/factories.ts';
import { openSystem } from '../services/system.ts';
import { cliCaller } from '../domain/access/policy.ts';

describe(`refuge audit, on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  let config: { databaseUrl: string | undefined; dataDir: string };
  let claim: { id: string; reference: string };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'refuge-audit-cli-'));
    database = await createTestDatabase();
    config = { databaseUrl: database.url, dataDir: join(dir, 'db') };
    env = { DATABASE_URL: database.url ?? '', REFUGE_DATA_DIR: config.dataDir };
    const system = await openSystem(config, { keys: TEST_KEY_RING });
    const { group } = await system.claims.createGroup(testContext(cliCaller('clerk')), { ...buildIntake(), duplicateOverride: { reason: 'cli test: no search' } });
    claim = group.claims[0] as { id: string; reference: string };
    await system.claims.getClaim(testContext(), claim.id);
    await system.close();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies an intact chain and exits 0', async () => {
    const result = await runCli(['audit', 'verify'], env);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/^Audit chain intact: 2 records, head [0-9a-f]{64}\n$/);
  });

  it('prints a claim\'s trail by reference, as CSV', async () => {
    const result = await runCli(['audit', 'trail', claim.reference, '--format', 'csv'], env);
    expect(result.code).toBe(0);
    const lines = result.output.trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor,actorName,action,channel,requestId,subjectType,subjectId');
    expect(lines.slice(1).map((l) => l.split(',').filter((_, i) => [0, 2, 3, 4, 5].includes(i)))).toEqual([
      ['1', 'cli:clerk', 'command line (clerk)', 'group.create', 'cli'],
      ['2', 'local-operator', '', 'claim.read', 'cli'],
    ]);
  });

  it('names the first broken record and exits 1', async () => {
    const system = await openSystem(config, { keys: TEST_KEY_RING });
    const client = await system.db.pool.connect();
    await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await client.query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2");
    await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    client.release();
    await system.close();
    const result = await runCli(['audit', 'verify'], env);
    expect(result.code).toBe(1);
    expect(result.output).toContain('Audit chain BROKEN at record 2: edited — Record 2 does not match its hash: it was edited after it was written.');
    expect(result.output).toContain('1 records verified before it; the chain head is at record');
  });
});
