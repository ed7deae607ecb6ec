import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { SCENARIOS, reach, variantsFor, makeEvent, CLAIM_DATE } from '../domain/lifecycle/fixtures.ts';
import { allowedEvents, CLAIM_STATES, LIFECYCLE_EVENT_TYPES, TRANSITIONS, type LifecycleEventType } from '../domain/lifecycle/index.ts';
import { addDays } from '../domain/dates.ts';

/**
 * Every legal transition of the lifecycle, through the HTTP API on a real database (PGlite, or the
 * server when DATABASE_URL is set): a claim is imported along the path to each state, then every
 * event allowed from there is posted and must land; one event not allowed must be refused.
 */
let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys.close(); });

interface Case { scenario: string; type: LifecycleEventType; body: Record<string, unknown>; expectedVersion: number; from: string; claimId?: string }

function cases(): Case[] {
  const out: Case[] = [];
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (scenario.c12) continue; // the server runs with C-12's Minister consideration not in force (the default)
    const reached = reach(name);
    const last = reached.events[reached.events.length - 1]?.effectiveDate ?? CLAIM_DATE;
    for (const type of allowedEvents(reached.snapshot, reached.opts)) {
      const variant = variantsFor(type, reached.snapshot)[0];
      const event = makeEvent(type, { effectiveDate: addDays(last, 1), ...(variant ? { role: variant.role, details: variant.details } : {}) }, reached.snapshot);
      out.push({ scenario: name, type, body: { ...event }, expectedVersion: reached.events.length, from: reached.snapshot.state });
    }
  }
  return out;
}

describe(`every legal transition through the API (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lands each allowed event and refuses one that is not allowed, from every reachable state', async () => {
    const all = cases();
    // One claim per case, imported along its path, in a few batches.
    const ids: string[] = [];
    for (let i = 0; i < all.length; i += 100) {
      const batch = all.slice(i, i + 100);
      const { groupIds } = await sys.claims.importGroups(testContext(), batch.map((c) => ({
        intake: buildIntake({ claimDate: CLAIM_DATE, members: [buildMember()] }),
        events: reach(c.scenario).events.slice(1).map((event) => ({ memberIndex: 0, event })),
      })), 'lifecycle transitions test');
      const { rows } = await sys.db.pool.query('SELECT id, group_id FROM claims WHERE group_id = ANY($1::uuid[])', [groupIds]);
      const byGroup = new Map(rows.map((r) => [r.group_id, r.id]));
      ids.push(...groupIds.map((g) => byGroup.get(g) as string));
    }
    const covered = new Set<string>();
    const failures: string[] = [];
    for (const [i, c] of all.entries()) {
      const res = await sys.app.inject({ method: 'POST', url: `/api/v1/claims/${ids[i]}/events`, payload: { expectedVersion: c.expectedVersion, ...c.body } });
      if (res.statusCode !== 201) { failures.push(`${c.scenario} + ${c.type}: ${res.statusCode} ${res.body.slice(0, 200)}`); continue; }
      const { event, claim } = res.json();
      covered.add(event.transitionId);
      expect(claim.version).toBe(c.expectedVersion + 1);
      expect(event.fromState).toBe(c.from);
    }
    expect(failures).toEqual([]);
    // Every transition of the table except claim.made (intake) and the C-12 ones is exercised.
    const c12 = new Set(TRANSITIONS.filter((t) => t.from.includes('MINISTER_CONSIDERATION') || t.to.includes('MINISTER_CONSIDERATION')).map((t) => t.id));
    const expected = TRANSITIONS.map((t) => t.id).filter((id) => id !== 'T01' && !c12.has(id));
    expect(expected.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('refuses, from every reachable state, an event the lifecycle does not allow, naming the state', async () => {
    const states = new Set<string>();
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      if (scenario.c12) continue;
      const reached = reach(name);
      if (states.has(reached.snapshot.state)) continue;
      states.add(reached.snapshot.state);
      const allowed = new Set(allowedEvents(reached.snapshot, reached.opts));
      const forbidden = LIFECYCLE_EVENT_TYPES.find((t) => t !== 'claim.made' && !allowed.has(t)) as LifecycleEventType;
      const { groupIds } = await sys.claims.importGroups(testContext(), [{ intake: buildIntake({ claimDate: CLAIM_DATE, members: [buildMember()] }), events: reached.events.slice(1).map((event) => ({ memberIndex: 0, event })) }], 'refusal test');
      const { rows } = await sys.db.pool.query('SELECT id FROM claims WHERE group_id = $1', [groupIds[0]]);
      const res = await sys.app.inject({ method: 'POST', url: `/api/v1/claims/${rows[0].id}/events`, payload: { expectedVersion: reached.events.length, ...makeEvent(forbidden, { effectiveDate: '2026-10-01' }, reached.snapshot) } });
      expect(res.statusCode, `${reached.snapshot.state} + ${forbidden}`).toBe(409);
      expect(res.json().code).toBe('illegal_transition');
      expect(res.json().message).toContain(reached.snapshot.state);
    }
    expect(states.size).toBeGreaterThan(CLAIM_STATES.length / 2);
  });
});
