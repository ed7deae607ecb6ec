import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/process.ts';
import { createTestDatabase, testContext, TEST_KEY_RING } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { openSystem, type System } from '../services/system.ts';

describe('refuge purge', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  let oldClaim: string;
  let openClaim: string;
  const today = testContext().today;

  const withSystem = async <T>(fn: (s: System) => Promise<T>): Promise<T> => {
    const s = await openSystem({ databaseUrl: database.url, dataDir: join(dir, 'db') }, { keys: TEST_KEY_RING });
    try { return await fn(s); } finally { await s.close(); }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'refuge-purge-'));
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url ?? '', REFUGE_DATA_DIR: join(dir, 'db') };
    await withSystem(async (s) => {
      await s.claims.importGroups(testContext(), [
        { intake: buildIntake({ claimDate: '2012-03-01', members: [buildMember({ familyName: 'Oldclaim' })] }),
          events: [{ memberIndex: 0, event: { type: 'claimant.withdrew', actor: { role: 'CLAIMANT' }, effectiveDate: '2012-06-01', reasons: 'Her account of the events.' } }] },
        { intake: buildIntake({ claimDate: '2012-03-01', members: [buildMember({ familyName: 'Stillopen' })] }), events: [] },
      ], 'purge cli test');
      // Both were recorded today; make them as old as their events, as a claim closed in 2012 would be.
      await s.db.pool.query("UPDATE claims SET updated_at = '2012-06-01T12:00:00Z'");
      const { rows } = await s.db.pool.query<{ id: string; state: string }>('SELECT id, state FROM claims ORDER BY state');
      oldClaim = rows.find((r) => r.state === 'RPD_WITHDRAWN')?.id as string;
      openClaim = rows.find((r) => r.state === 'CLAIM_MADE')?.id as string;
    });
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the policy with its confidence marks', async () => {
    const r = await runCli(['retention', 'policy'], env);
    expect(r.code).toBe(0);
    expect(r.output).toContain('❓ claimPersonalData: 10 years after the claim\'s last event, once the claim is in a closed state');
    expect(r.output).toContain('✅ auditLog: kept');
  });

  // Each command is a process opening the database: slow on a loaded machine, hence the generous timeouts.
  it('previews, refuses a bad retention file, purges, then finds nothing more', async () => {
    const dry = await runCli(['purge', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.output).toContain(`Dry run as of ${today}: nothing was changed. A purge would remove:\n  persons: 1\n  claimNarratives: 1\n  groupOverrideReasons: 1\n`);

    const badFile = join(dir, 'retention.json');
    writeFileSync(badFile, JSON.stringify({ periods: { claimPersonalData: { length: 1, unit: 'years' } } }));
    const bad = await runCli(['purge', '--retention', badFile], env);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('categories.claimPersonalData.period: Personal data used to decide about a person is kept at least 2 years after its last use.');

    const done = await runCli(['purge'], env);
    expect(done.code).toBe(0);
    expect(done.output).toMatch(new RegExp(`Purged as of ${today} \\(run [0-9a-f-]{36}, 1 batch\\(es\\)\\):\\n  persons: 1\\n  claimNarratives: 1\\n  groupOverrideReasons: 1\\n`));
    expect((await runCli(['purge'], env)).output).toContain('nothing past its retention period');

    await withSystem(async (s) => {
      const { rows } = await s.db.pool.query<{ id: string; family_name: string | null; purged: boolean }>(
        'SELECT c.id, p.family_name, p.purged_at IS NOT NULL AS purged FROM claims c JOIN persons p ON p.id = c.person_id ORDER BY c.id');
      expect(rows.find((r) => r.id === oldClaim)).toMatchObject({ family_name: null, purged: true });
      expect(rows.find((r) => r.id === openClaim)).toMatchObject({ purged: false });
      expect(rows.find((r) => r.id === openClaim)?.family_name).toMatch(/^v1\./);
      const runs = await s.db.pool.query<{ run_by: string }>('SELECT run_by FROM purge_runs');
      expect(runs.rows).toHaveLength(2);
      expect(runs.rows[0]?.run_by).toMatch(/^cli:/);
    });
  }, 300_000);

  it('holds a claim\'s data past its period until released', async () => {
    const hold = await runCli(['retention', 'hold', oldClaim, '--reason', 'Federal Court file IMM-1234-25'], env);
    expect(hold.code).toBe(0);
    expect(hold.output).toMatch(new RegExp(`Hold [0-9a-f-]{36} placed on claim ${oldClaim}\\.`));
    const release = await runCli(['retention', 'release', oldClaim], env);
    expect(release.output).toContain(`1 hold(s) released on claim ${oldClaim}.`);
  }, 200_000);
});
