import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { answer, checkStatistics, rebuildStatistics, type StatsQuery, type StatsRow } from './statistics.ts';
import { addDays } from '../domain/dates.ts';
import type { ImportGroup } from './claimRepository.ts';
import { canonicalBlocks } from '../domain/statistics/live.ts';
import { addKeys, perturb, PERTURBATION_BOUND } from '../domain/statistics/perturbation.ts';

/**
 * Attacks on the public statistics (issue #3): recovering a suppressed count from the totals of one
 * answer, and from two or many overlapping answers. Known data, record keys fixed by the test, every
 * figure checked against the perturbation computed here from the claims themselves.
 *
 * - QC-LACOLLE: 8 claims a day from 2025-06-01 to 2025-07-30, and 1 on 2025-07-31.
 * - QC-YUL: 1 a day in June (30), 2 on July 3 and 1 on July 20, 1 a day from August 1 to 25.
 * - ON-YYZ: 1 a day from July 1 to 30.
 * - BC-YVR: 70 claims in May, decided in September: 45 accepted, 22 rejected, 3 abandoned.
 */
let sys: TestSystem;
const A = 'QC-LACOLLE';
const C = 'QC-YUL';
const D = 'ON-YYZ';
const E = 'BC-YVR';
const days = (from: string, to: string) => { const out: string[] = []; for (let d = from; d <= to; d = addDays(d, 1)) out.push(d); return out; };

function claim(office: string, claimDate: string, outcome?: { type: string; on: string }): ImportGroup {
  const officer = { role: 'CBSA_OFFICER' as const };
  const steps = outcome ? [
    { type: 'eligibility.examination_started', actor: officer, effectiveDate: claimDate },
    { type: 'eligibility.eligible_referred', actor: officer, effectiveDate: claimDate },
    { type: 'boc.received', actor: { role: 'RPD' }, effectiveDate: addDays(claimDate, 10) },
    { type: outcome.type, actor: { role: 'RPD' }, effectiveDate: outcome.on, ...(outcome.type === 'rpd.accepted' ? { details: { basis: 'S96' } } : outcome.type === 'rpd.rejected' ? { details: { flags: [] } } : {}) },
  ] : [];
  return {
    intake: buildIntake({ officeCode: office, claimDate, arrival: { manner: 'AT_PORT_OF_ENTRY' }, persecutionCountries: ['HTI'], members: [buildMember({ citizenships: ['HTI'], dateOfBirth: '1990-02-28', sex: 'F' })] }),
    events: steps.map((event) => ({ memberIndex: 0, event: event as ImportGroup['events'][number]['event'] })),
  };
}

/** Every claim with its office, claim date, decision (if any) and record key, as the database holds them. */
let claims: Array<{ office: string; claimDate: string; decision: string | null; decidedOn: string | null; key: number }> = [];

beforeAll(async () => {
  sys = await startTestSystem();
  const groups: ImportGroup[] = [
    ...days('2025-06-01', '2025-07-30').flatMap((d) => Array.from({ length: 8 }, () => claim(A, d))), claim(A, '2025-07-31'),
    ...days('2025-06-01', '2025-06-30').map((d) => claim(C, d)), claim(C, '2025-07-03'), claim(C, '2025-07-03'), claim(C, '2025-07-20'),
    ...days('2025-08-01', '2025-08-25').map((d) => claim(C, d)),
    ...days('2025-07-01', '2025-07-30').map((d) => claim(D, d)),
    // One claim date per outcome, so claims that share a day are counted in the same cells.
    ...Array.from({ length: 45 }, () => claim(E, '2025-05-05', { type: 'rpd.accepted', on: '2025-09-10' })),
    ...Array.from({ length: 22 }, () => claim(E, '2025-05-06', { type: 'rpd.rejected', on: '2025-09-11' })),
    ...Array.from({ length: 3 }, () => claim(E, '2025-05-07', { type: 'rpd.declared_abandoned', on: '2025-09-12' })),
  ];
  for (let i = 0; i < groups.length; i += 200) await sys.claims.importGroups(testContext(), groups.slice(i, i + 200), 'disclosure test');
  // Fixed record keys (claims that share office and day are interchangeable here), then rollups rebuilt with them.
  await sys.db.pool.query(`UPDATE claims c SET stat_profile = c.stat_profile || jsonb_build_object('recordKey', k.key)
    FROM (SELECT id, (row_number() OVER (ORDER BY office_code, claim_date, reference) * 2654435761) % 4294967296 AS key FROM claims) k WHERE k.id = c.id`);
  await rebuildStatistics(sys.db, sys.cipher);
  claims = (await sys.db.pool.query(`SELECT c.office_code AS office, c.claim_date::text AS "claimDate", e.type AS decision, e.effective_date::text AS "decidedOn",
      (c.stat_profile->>'recordKey')::float8 AS key
    FROM claims c LEFT JOIN claim_events e ON e.claim_id = c.id AND e.type LIKE 'rpd.%'`)).rows;
}, 300_000);
afterAll(async () => { await sys.close(); });

/** The perturbed count of claims made at `office` from `from` to `to`: the sum of its perturbed blocks. */
function model(office: string, from: string, to: string): { blocks: number; value: number } {
  const blocks = canonicalBlocks(from, to);
  let value = 0;
  for (const b of blocks) {
    const inBlock = claims.filter((c) => c.office === office && c.claimDate >= b.start && c.claimDate <= b.end);
    value += perturb(inBlock.length, inBlock.reduce((k, c) => addKeys(k, c.key), 0));
  }
  return { blocks: blocks.length, value };
}
const r5 = (v: number) => (v >= 1 && v <= 5 ? '--' : 5 * Math.round(v / 5));
const ask = async (q: Partial<StatsQuery>) => answer(sys.db, { measure: 'claims', dimension: 'office', from: '2025-07-01', to: '2025-07-31', ...q } as StatsQuery);
const rowOf = (rows: StatsRow[], value: string) => rows.find((r) => r.value === value)!;
/** What an attacker knows about a true count from a published one: every block moved by at most 2, then rounding. */
const slack = (blocks: number, rounding: number) => PERTURBATION_BOUND * blocks + rounding;

describe('across two overlapping questions', () => {
  it('July 1-31 against July 1-30: the difference is not the count of July 31 (1)', async () => {
    for (const disclosure of ['IRB_S20', 'IRCC_R5'] as const) {
      const july = rowOf((await ask({ values: [A], disclosure })).rows, A);
      const toThe30th = rowOf((await ask({ values: [A], to: '2025-07-30', disclosure })).rows, A);
      const m31 = model(A, '2025-07-01', '2025-07-31');
      const m30 = model(A, '2025-07-01', '2025-07-30');
      expect([m31.blocks, m30.blocks]).toEqual([1, 6]); // July is one month block; July 1-30 is weeks 1-4, the 29th and the 30th
      const rounding = disclosure === 'IRCC_R5' ? 2 : 0;
      expect(july.n).toBe(disclosure === 'IRCC_R5' ? r5(m31.value) : m31.value);
      expect(toThe30th.n).toBe(disclosure === 'IRCC_R5' ? r5(m30.value) : m30.value);
      const difference = (july.n as number) - (toThe30th.n as number);
      expect(difference).toBe(disclosure === 'IRCC_R5' ? 0 : 2); // July 31 had 1 claim
      const s = slack(m31.blocks, rounding) + slack(m30.blocks, rounding);
      const feasible = [Math.max(0, difference - s), difference + s];
      expect(feasible[0]).toBe(0);
      expect(feasible[1]).toBeGreaterThanOrEqual(1);
    }
  });

  it('averaging many overlapping ranges gains nothing: every pair differs by the same perturbed amount', async () => {
    const differences = new Set<number>();
    for (const start of days('2025-06-01', '2025-06-30')) {
      const to31 = rowOf((await ask({ values: [A], from: start, disclosure: 'IRB_S20' })).rows, A).n as number;
      const to30 = rowOf((await ask({ values: [A], from: start, to: '2025-07-30', disclosure: 'IRB_S20' })).rows, A).n as number;
      differences.add(to31 - to30);
    }
    // The June part of both ranges is the same blocks with the same noise: only July's blocks differ.
    expect([...differences]).toEqual([model(A, '2025-07-01', '2025-07-31').value - model(A, '2025-07-01', '2025-07-30').value]);
  });

  it('a day series against its total: the hidden day is not the total minus the other days', async () => {
    const series = rowOf((await ask({ values: [A], series: 'day', disclosure: 'IRCC_R5' })).rows, A).series!;
    const total = rowOf((await ask({ values: [A], disclosure: 'IRCC_R5' })).rows, A).n as number;
    expect(series.map((p) => p.n)).toEqual(days('2025-07-01', '2025-07-31').map((d) => r5(model(A, d, d).value)));
    const last = series.at(-1)!;
    expect([last.period, last.n]).toEqual(['2025-07-31', '--']);
    // July 31 = total − the other days, each known within its rounding (2) and its noise (2), the total within 2 + 2.
    const others = series.slice(0, -1);
    const shown = others.filter((p) => typeof p.n === 'number').map((p) => p.n as number);
    const hiddenOthers = others.length - shown.length;
    const hi = total + slack(1, 2) - shown.reduce((a, p) => a + Math.max(0, p - slack(1, 2)), 0);
    const lo = hiddenOthers > 0 ? 0 : Math.max(0, total - slack(1, 2) - shown.reduce((a, p) => a + p + slack(1, 2), 0));
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThanOrEqual(1);
  });

  it('a value asked alone gets what it gets within the dimension, and a question asked twice the same answer', async () => {
    for (const disclosure of ['IRB_S20', 'IRCC_R5'] as const) {
      const all = await ask({ disclosure, series: 'week' });
      expect(await ask({ disclosure, series: 'week' })).toEqual(all);
      for (const office of [A, C, D]) expect((await ask({ disclosure, series: 'week', values: [office] })).rows).toEqual([rowOf(all.rows, office)]);
    }
  });
});

describe('within one answer', () => {
  it('a month hidden in a series is not the row total minus the other months', async () => {
    const q = { values: [C], from: '2025-06-01', to: '2025-08-31', disclosure: 'IRB_S20' as const };
    const row = rowOf((await ask({ ...q, series: 'month' })).rows, C);
    const [june, july, august] = [model(C, '2025-06-01', '2025-06-30'), model(C, '2025-07-01', '2025-07-31'), model(C, '2025-08-01', '2025-08-31')];
    // July (3) is under 20; without a complement, July = total − June − August.
    expect(row).toEqual({ value: C, n: june.value + july.value + august.value, series: [
      { period: '2025-06', n: june.value }, { period: '2025-07', n: '--' }, { period: '2025-08', n: '--' }] });
    // July and August together are total − June; each is at least 1, so July is anywhere from 1 to that − 1.
    expect((row.n as number) - june.value - 1).toBeGreaterThan(1);
    // The same range without a series: the same blocks, the same total (nothing to difference).
    expect(rowOf((await ask(q)).rows, C).n).toBe(row.n);
  });

  it('an outcome hidden in a breakdown is not the total minus the other outcomes, nor through a rate', async () => {
    const q: Partial<StatsQuery> = { measure: 'rpd_decisions', values: [E], from: '2025-09-01', to: '2025-09-30', disclosure: 'IRB_S20' };
    const decided = (type: string) => claims.filter((c) => c.office === E && c.decision === type);
    const cell = (type: string) => perturb(decided(type).length, decided(type).reduce((k, c) => addKeys(k, c.key), 0));
    const accepted = cell('rpd.accepted');
    const total = accepted + cell('rpd.rejected') + cell('rpd.declared_abandoned');
    const merits = rowOf((await ask({ ...q, rate: 'ACC_MERITS' })).rows, E);
    // Abandoned (3) and the next-lowest outcome (rejected, 22) are hidden.
    expect(merits).toMatchObject({ n: total, byCategory: { ACCEPTED: accepted, REJECTED: '--', ABANDONED: '--' } });
    // accepted ÷ (accepted + rejected) would give rejected back: its denominator is not published.
    expect(merits.rate).toEqual({ id: 'ACC_MERITS', percent: '--', numerator: accepted, denominator: '--' });
    const finalized = rowOf((await ask({ ...q, rate: 'ACC_FINALIZED' })).rows, E);
    expect(finalized.rate).toEqual({ id: 'ACC_FINALIZED', percent: Math.round((accepted / total) * 1000) / 10, numerator: accepted, denominator: total });
  });

  it('top-N "OTHER" never reveals a hidden office', async () => {
    const full = (await ask({ disclosure: 'IRB_S20' })).rows;
    // QC-YUL (3) is hidden, and so is its complement ON-YYZ (30): the total minus QC-LACOLLE is their sum.
    expect(full.map((r) => [r.value, r.n])).toEqual([[A, model(A, '2025-07-01', '2025-07-31').value], [D, '--'], [C, '--']]);
    const top1 = (await ask({ disclosure: 'IRB_S20', top: 1 })).rows;
    const other = top1.at(-1)!;
    expect(other.value).toBe('OTHER');
    expect(other.n).toBe(model(D, '2025-07-01', '2025-07-31').value + model(C, '2025-07-01', '2025-07-31').value);
    // OTHER = ON-YYZ + QC-YUL with both at least 1: QC-YUL is anything from 1 to OTHER − 1.
    expect((other.n as number) - 1).toBeGreaterThan(1);
    // With a hidden office kept in the top, the rest is not the published total minus shown rows: "--".
    expect((await ask({ disclosure: 'IRB_S20', top: 2 })).rows.map((r) => [r.value, r.n])).toEqual([[A, full[0]!.n], [D, '--'], ['OTHER', '--']]);
  });
});

describe('record keys and cell keys', () => {
  it('the rebuild keeps every claim\'s key, and the check compares cell keys', async () => {
    expect((await checkStatistics(sys.db, sys.cipher)).differences).toEqual([]);
    await sys.db.pool.query(`UPDATE stat_rollup SET cell_key = (cell_key + 1) % 4294967296 WHERE measure = 'claims' AND dim = 'office' AND grain = 'm' AND period = '2025-07-01' AND value = $1`, [C]);
    const { rows: [tampered] } = await sys.db.pool.query<{ cell_key: string }>(`SELECT cell_key FROM stat_rollup WHERE measure = 'claims' AND dim = 'office' AND grain = 'm' AND period = '2025-07-01' AND value = $1`, [C]);
    const check = await checkStatistics(sys.db, sys.cipher);
    expect(check.differences).toEqual([{ key: `claims|office|m|2025-07-01||${C}`, live: 3, rebuilt: 3, cellKey: { live: Number(tampered!.cell_key), rebuilt: (Number(tampered!.cell_key) + 4294967295) % 4294967296 } }]);
    const before = (await sys.db.pool.query('SELECT id, stat_profile FROM claims ORDER BY id')).rows;
    await rebuildStatistics(sys.db, sys.cipher);
    expect((await sys.db.pool.query('SELECT id, stat_profile FROM claims ORDER BY id')).rows).toEqual(before);
    expect((await checkStatistics(sys.db, sys.cipher)).differences).toEqual([]);
  });
});
