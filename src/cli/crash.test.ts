import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startServerProcess, stopProcess, waitForExit, createServerOperator, signInToServer, REFUGE_BIN } from '../test/process.ts';
import { TEST_KEY_RING, createTestDatabase } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { openSystem } from '../services/system.ts';

/**
 * Kills a server with SIGKILL while it is receiving claims, and an import mid-file, then checks that
 * every acknowledged claim survived and that nothing is half-written.
 */
let dataDir: string;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'refuge-crash-'));
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({ DATABASE_URL: database.url ?? '', REFUGE_DATA_DIR: dataDir });

async function checkLedgerIsWhole(): Promise<{ groups: number; claims: number }> {
  const system = await openSystem({ databaseUrl: database.url, dataDir }, { keys: TEST_KEY_RING });
  try {
    const q = async <T>(sql: string) => (await system.db.pool.query(sql)).rows as T[];
    // Every claim's version equals its number of events, and every event number 1..version exists.
    const broken = await q<{ id: string }>(`SELECT c.id FROM claims c LEFT JOIN claim_events e ON e.claim_id = c.id
      GROUP BY c.id, c.version HAVING count(e.version) <> c.version OR max(e.version) <> c.version`);
    expect(broken).toEqual([]);
    const orphans = await q<{ id: string }>('SELECT g.id FROM family_groups g WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.group_id = g.id)');
    expect(orphans).toEqual([]);
    const [counts] = await q<{ groups: number; claims: number }>('SELECT (SELECT count(*) FROM family_groups)::int AS groups, (SELECT count(*) FROM claims)::int AS claims');
    return counts ?? { groups: 0, claims: 0 };
  } finally {
    await system.close();
  }
}

describe('SIGKILL while receiving claims', () => {
  // Two server starts, an account created in-process first (PGlite is one process at a time): minutes on a loaded machine.
  it('keeps every claim acknowledged with a 2xx, and no claim is half-written', { timeout: 180_000 }, async () => {
    const operator = await createServerOperator({ databaseUrl: database.url, dataDir });
    const server = await startServerProcess(env());
    const session = await signInToServer(server.url, operator);
    const acknowledged: string[] = [];
    let stop = false;
    const client = async (n: number) => {
      for (let i = 0; !stop && i < 2_000; i++) {
        const intake = buildIntake({ members: [buildMember(), buildMember({ relationship: 'CHILD', dateOfBirth: '2015-01-01' })] });
        try {
          const res = await fetch(`${server.url}/api/v1/groups`, {
            method: 'POST', headers: { ...session, 'content-type': 'application/json', 'idempotency-key': `crash-${n}-${i}` },
            body: JSON.stringify({ ...intake, duplicateOverride: { reason: 'crash test, no search needed' } }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = [client(1), client(2), client(3)];
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await waitForExit(server.child);

    const restarted = await startServerProcess(env());
    try {
      for (const id of acknowledged) {
        // The session outlives the process: it is in the database.
        const res = await fetch(`${restarted.url}/api/v1/groups/${id}`, { headers: session });
        expect(res.status, `group ${id}`).toBe(200);
        expect(((await res.json()) as { claims: unknown[] }).claims).toHaveLength(2);
      }
    } finally {
      await stopProcess(restarted.child);
    }
    const counts = await checkLedgerIsWhole();
    expect(counts.groups).toBeGreaterThanOrEqual(acknowledged.length);
    expect(counts.claims).toBe(counts.groups * 2);
  });
});

describe('SIGKILL during an import', () => {
  it('leaves only whole batches', async () => {
    const file = join(dataDir, 'claims.ndjson');
    const lines: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      lines.push(JSON.stringify({ intake: buildIntake({ members: [buildMember(), buildMember({ relationship: 'SPOUSE' })] }), events: [
        { memberIndex: 0, event: { type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-14' } },
        { memberIndex: 1, event: { type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-14' } },
      ] }));
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    // Make sure the schema exists before the import starts, so the kill lands mid-import.
    await checkLedgerIsWhole();
    const child = spawn(process.execPath, [REFUGE_BIN, 'import', file, '--batch-size', '50'], { env: { ...process.env, ...env() }, stdio: ['ignore', 'ignore', 'pipe'] });
    // The import reports each batch on stderr when it is not a terminal: kill it after a few batches.
    let progress = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`import made no progress: ${progress}`)), 90_000);
      child.stderr?.on('data', (d: Buffer) => {
        progress += d.toString();
        if (/batch 4:/.test(progress)) { clearTimeout(timer); resolve(); }
      });
    });
    child.kill('SIGKILL');
    await waitForExit(child);
    const counts = await checkLedgerIsWhole();
    expect(counts.groups % 50).toBe(0);
    expect(counts.groups).toBeLessThan(3_000);
    expect(counts.claims).toBe(counts.groups * 2);
  });
});
