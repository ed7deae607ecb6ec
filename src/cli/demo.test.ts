import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { loadDemo } from './demo.ts';

let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys.close(); });

describe('refuge demo', () => {
  it('loads through the validated import path: every event is legal and every claim whole', async () => {
    const result = await loadDemo(sys.claims, testContext(), { seed: 7, scale: 0.002 });
    const q = async (sql: string) => (await sys.db.pool.query(sql)).rows;
    const [counts] = await q('SELECT (SELECT count(*) FROM family_groups)::int AS groups, (SELECT count(*) FROM claims)::int AS claims, (SELECT count(*) FROM claim_events)::int AS events');
    expect(counts).toEqual({ groups: result.groups, claims: result.claims, events: result.events });
    expect(result.claims).toBeGreaterThan(1500);
    // Quebec land-border claims go mostly to Saint-Bernard-de-Lacolle.
    const [qc] = await q("SELECT count(*) FILTER (WHERE office_code = 'QC-LACOLLE')::float / count(*) AS share FROM claims WHERE province = 'QC' AND office_type = 'LAND_POE'");
    expect(qc.share).toBeGreaterThan(0.8);
    const states = await q('SELECT DISTINCT state FROM claims ORDER BY 1');
    expect(states.map((s: { state: string }) => s.state)).toEqual(expect.arrayContaining(['RPD_ACCEPTED', 'RPD_REJECTED', 'REFERRED_RPD', 'INELIGIBLE']));
  });

  it('is deterministic for a seed', async () => {
    const { generateDemo } = await import('../demo/generate.ts');
    const take = (seed: number) => JSON.stringify([...generateDemo({ seed, scale: 0.001, from: '2015-01-01', to: '2016-12-31' })]);
    expect(take(3)).toBe(take(3));
    expect(take(3)).not.toBe(take(4));
  });
});
