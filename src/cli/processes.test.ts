import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startServerProcess, stopProcess, createServerOperator, signInToServer, type ServerProcess } from '../test/process.ts';
import type { SessionHeaders } from '../test/harness.ts';
import { createTestDatabase, ENGINE } from '../test/harness.ts';
import { buildIntake } from '../test/factories.ts';

/**
 * Several `refuge serve` processes against one PostgreSQL server: no process-local state may break
 * idempotency, optimistic concurrency or references. (PGlite is one process by design: skipped there.)
 */
describe.runIf(ENGINE === 'postgres')('several servers on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let servers: ServerProcess[] = [];
  /** Signed in on the first server, used on all: sessions live in the database. */
  let session: SessionHeaders;
  beforeAll(async () => {
    database = await createTestDatabase();
    // Started together, so both run the migrations at once: the advisory lock must serialise them.
    servers = await Promise.all([1, 2, 3].map(() => startServerProcess({ DATABASE_URL: database.url })));
    const operator = await createServerOperator({ databaseUrl: database.url });
    session = await signInToServer((servers[0] as ServerProcess).url, operator);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => stopProcess(s.child)));
    await database.drop();
  });

  const post = (server: ServerProcess, path: string, body: unknown, key?: string) => fetch(`${server.url}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { ...session, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
  });

  it('creates one group when the same Idempotency-Key reaches different servers at once', async () => {
    const body = { ...buildIntake(), duplicateOverride: { reason: 'multi-process idempotency test' } };
    const responses = await Promise.all(servers.map((s) => post(s, '/api/v1/groups', body, 'one-key-three-servers')));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
  });

  it('lets exactly one of concurrent event posts on different servers win', async () => {
    const created = await post(servers[0] as ServerProcess, '/api/v1/groups', { ...buildIntake(), duplicateOverride: { reason: 'multi-process concurrency test' } });
    const claimId = ((await created.json()) as { claims: Array<{ id: string }> }).claims[0]?.id;
    const event = { expectedVersion: 1, type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-14' };
    const responses = await Promise.all(servers.map((s) => post(s, `/api/v1/claims/${claimId}/events`, event)));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('hands out unique references across servers', async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(servers[i % 3] as ServerProcess, '/api/v1/groups',
      { ...buildIntake(), duplicateOverride: { reason: 'multi-process reference test' } })));
    const refs = await Promise.all(responses.map(async (r) => ((await r.json()) as { claims: Array<{ reference: string }> }).claims[0]?.reference));
    expect(new Set(refs).size).toBe(30);
  });
});
