import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { answer, checkStatistics, rebuildStatistics, type StatsQuery } from './statistics.ts';
import { addDays, daysBetween } from '../domain/dates.ts';
import type { ImportGroup } from './claimRepository.ts';
import { comparisonRange, percentileFromHistogram, answerPeriods, periodOf as periodOfDay, type TimeGrain } from '../domain/statistics/live.ts';
import { perturb, addKeys } from '../domain/statistics/perturbation.ts';
import { protectAnswer, type AnswerCells, type PublicProfile } from '../domain/statistics/answerProtection.ts';
import { auditRecoverability } from '../domain/statistics/disclosure.ts';

/**
 * Every measure answered from the rollups must equal a brute-force computation over the raw events,
 * on random data dense around year ends and a leap day.
 */
let sys: TestSystem;
const OFFICES = ['QC-LACOLLE', 'ON-YYZ', 'QC-YUL', 'BC-YVR'];
const COUNTRIES = ['HTI', 'MEX', 'IND', 'COL'];
const DAYS = [...Array.from({ length: 80 }, (_, i) => addDays('2023-12-20', i)), ...Array.from({ length: 40 }, (_, i) => addDays('2024-12-15', i))];

interface Plan { office: string; country: string; day: number; members: number; path: 'pending' | 'referred' | 'ineligible' | 'accepted' | 'rejected' | 'abandoned' | 'withdrew'; gaps: [number, number, number] }
const planArb = fc.record({
  office: fc.constantFrom(...OFFICES), country: fc.constantFrom(...COUNTRIES), day: fc.nat({ max: DAYS.length - 1 }),
  members: fc.integer({ min: 1, max: 3 }),
  path: fc.constantFrom('pending', 'referred', 'ineligible', 'accepted', 'rejected', 'abandoned', 'withdrew'),
  gaps: fc.tuple(fc.nat({ max: 5 }), fc.nat({ max: 40 }), fc.nat({ max: 400 })),
}) as fc.Arbitrary<Plan>;

function groupOf(p: Plan): ImportGroup {
  const claimDate = DAYS[p.day] as string;
  const arrival = p.office.endsWith('IRCC') ? { manner: 'INLAND' as const, entryDate: claimDate } : { manner: 'AT_PORT_OF_ENTRY' as const };
  const members = Array.from({ length: p.members }, (_, i) => buildMember({ relationship: i === 0 ? 'PRINCIPAL' : 'CHILD', citizenships: [p.country], dateOfBirth: i === 0 ? '1990-02-28' : '2016-02-29' }));
  const officer = { role: 'CBSA_OFFICER' as const };
  const d1 = addDays(claimDate, p.gaps[0]);
  const d2 = addDays(d1, p.gaps[1]);
  const d3 = addDays(d2, p.gaps[2]);
  const steps: Array<{ type: string; actor: { role: string }; effectiveDate: string; details?: Record<string, unknown> }> = [];
  if (p.path !== 'pending') steps.push({ type: 'eligibility.examination_started', actor: officer, effectiveDate: claimDate });
  if (p.path === 'ineligible') steps.push({ type: 'eligibility.ineligible', actor: officer, effectiveDate: d1, details: { grounds: ['EL-E', 'EL-C'] } });
  else if (p.path !== 'pending') steps.push({ type: 'eligibility.eligible_referred', actor: officer, effectiveDate: d1 });
  if (['accepted', 'rejected', 'abandoned'].includes(p.path)) steps.push({ type: 'boc.received', actor: { role: 'RPD' }, effectiveDate: d2 });
  if (p.path === 'accepted') steps.push({ type: 'rpd.accepted', actor: { role: 'RPD' }, effectiveDate: d3, details: { basis: 'S96' } });
  if (p.path === 'rejected') steps.push({ type: 'rpd.rejected', actor: { role: 'RPD' }, effectiveDate: d3, details: { flags: [] } });
  if (p.path === 'abandoned') steps.push({ type: 'rpd.declared_abandoned', actor: { role: 'RPD' }, effectiveDate: d3 });
  if (p.path === 'withdrew') steps.push({ type: 'claimant.withdrew', actor: { role: 'CLAIMANT' }, effectiveDate: d2 });
  return {
    intake: buildIntake({ officeCode: p.office, claimDate, arrival, persecutionCountries: [p.country], members }),
    events: members.flatMap((_, memberIndex) => steps.map((event) => ({ memberIndex, event: event as ImportGroup['events'][number]['event'] }))),
  };
}

interface RawEvent { claim_id: string; type: string; effective_date: string; details: { grounds?: string[] }; office_code: string; citizenship: string; persecution: string; record_key: number }
let raw: RawEvent[] = [];

beforeAll(async () => {
  sys = await startTestSystem();
  const plans = fc.sample(fc.array(planArb, { minLength: 120, maxLength: 120 }), { numRuns: 1, seed: 424242 })[0] as Plan[];
  // Keep every event in the past, and in several batches (several transactions).
  const groups = plans.map(groupOf);
  for (let i = 0; i < groups.length; i += 40) await sys.claims.importGroups(testContext(), groups.slice(i, i + 40), 'statistics test');
  raw = (await sys.db.pool.query(`SELECT e.claim_id, e.type, e.effective_date, e.details, c.office_code, p.citizenships[1] AS citizenship, c.persecution_countries[1] AS persecution,
      (c.stat_profile->>'recordKey')::float8 AS record_key
    FROM claim_events e JOIN claims c ON c.id = e.claim_id JOIN persons p ON p.id = c.person_id`)).rows;
});
afterAll(async () => { await sys.close(); });

const dimOf = (e: RawEvent, dim: string) => (dim === 'office' ? e.office_code : dim === 'citizenship' ? e.citizenship : dim === 'persecution_country' ? e.persecution : '*');
const inRange = (d: string, from: string, to: string) => d >= from && d <= to;
const FINAL: Record<string, string> = { 'rpd.accepted': 'ACCEPTED', 'rpd.rejected': 'REJECTED', 'rpd.declared_abandoned': 'ABANDONED', 'claimant.withdrew': 'WITHDRAWN_OTHER' };

function bruteCount(measure: string, dim: string, from: string, to: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of raw) {
    if (!inRange(e.effective_date, from, to)) continue;
    const hit = measure === 'claims' ? e.type === 'claim.made'
      : measure === 'referrals' ? e.type === 'eligibility.eligible_referred'
      : measure === 'rpd_decisions' ? e.type in FINAL
      : measure === 'eligibility_decisions' ? e.type === 'eligibility.eligible_referred' || e.type === 'eligibility.ineligible' : false;
    if (hit) out.set(dimOf(e, dim), (out.get(dimOf(e, dim)) ?? 0) + 1);
  }
  return out;
}

function brutePending(dim: string, at: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of raw) {
    if (e.effective_date > at) continue;
    const delta = e.type === 'eligibility.eligible_referred' ? 1 : e.type in FINAL ? -1 : 0;
    if (delta) out.set(dimOf(e, dim), (out.get(dimOf(e, dim)) ?? 0) + delta);
  }
  return new Map([...out].filter(([, n]) => n !== 0));
}

const dayArb = fc.integer({ min: 0, max: daysBetween('2023-12-01', '2025-12-31') }).map((n) => addDays('2023-12-01', n));
const rangeArb = fc.tuple(dayArb, dayArb).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string]);
const dimArb = fc.constantFrom('all', 'office', 'citizenship', 'persecution_country');

const asMap = (rows: Array<{ value: string; n: number | '--' }>) => new Map(rows.filter((r) => r.n !== 0).map((r) => [r.value, r.n]));

describe('live statistics against brute force over the raw events', () => {
  it('counts (claims, referrals, eligibility and RPD decisions) for any range and dimension', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('claims', 'referrals', 'rpd_decisions', 'eligibility_decisions'), dimArb, rangeArb, async (measure, dim, [from, to]) => {
      const a = await answer(sys.db, { measure, dimension: dim, from, to } as StatsQuery);
      expect(asMap(a.rows)).toEqual(bruteCount(measure, dim, from, to));
    }), { numRuns: 60, seed: 7 });
  });

  it('pending inventory at any date, and at each month end', async () => {
    await fc.assert(fc.asyncProperty(dimArb, dayArb, async (dim, at) => {
      const a = await answer(sys.db, { measure: 'rpd_pending', dimension: dim as StatsQuery['dimension'], from: at, to: at });
      expect(asMap(a.rows)).toEqual(brutePending(dim, at));
    }), { numRuns: 40, seed: 8 });
    const series = await answer(sys.db, { measure: 'rpd_pending', dimension: 'all', from: '2024-01-01', to: '2024-03-31', series: 'month' });
    expect(series.rows[0]?.series).toEqual(['2024-01-31', '2024-02-29', '2024-03-31'].map((d, i) => ({ period: `2024-0${i + 1}`, n: brutePending('all', d).get('*') ?? 0 })));
  });

  it('pending inventory at the end of every period of a series, ends inside months included, with and without a value filter', async () => {
    await fc.assert(fc.asyncProperty(dimArb, rangeArb, fc.constantFrom<TimeGrain>('day', 'week', 'month', 'quarter'), fc.boolean(), async (dim, [from, to], grain, filter) => {
      // Each period ends on its last day, the last one on "to".
      const ends = new Map<string, string>();
      for (let d = from; d <= to; d = addDays(d, 1)) ends.set(periodOfDay(d, grain), d);
      const atEnd = brutePending(dim, to);
      const values = filter ? [...atEnd.keys()].slice(0, 1) : [];
      const a = await answer(sys.db, { measure: 'rpd_pending', dimension: dim as StatsQuery['dimension'], from, to, series: grain, ...(values.length > 0 ? { values } : {}) });
      const expected = new Map([...atEnd].filter(([v]) => values.length === 0 || values.includes(v)));
      expect(asMap(a.rows)).toEqual(expected);
      for (const row of a.rows) {
        expect(row.series?.map((p) => p.period)).toEqual([...ends.keys()]);
        expect(row.series?.map((p) => p.n)).toEqual([...ends.values()].map((end) => brutePending(dim, end).get(row.value) ?? 0));
      }
    }), { numRuns: 30, seed: 11 });
  });

  it('compares with the same period of the previous year across a leap day', async () => {
    const a = await answer(sys.db, { measure: 'claims', dimension: 'all', from: '2025-01-01', to: '2025-02-28', compare: 'previous_year' });
    expect(comparisonRange('2024-02-29', '2024-03-01', 'previous_year')).toEqual(['2023-02-28', '2023-03-01']);
    const now = bruteCount('claims', 'all', '2025-01-01', '2025-02-28').get('*') ?? 0;
    const before = bruteCount('claims', 'all', '2024-01-01', '2024-02-28').get('*') ?? 0;
    expect(a.rows[0]?.n).toBe(now);
    expect(a.rows[0]?.comparison).toEqual({ from: '2024-01-01', to: '2024-02-28', n: before, change: now - before, changePercent: before ? Math.round(((now - before) / before) * 1000) / 10 : null });
  });

  it('time series by ISO week and quarter sum to the range total', async () => {
    for (const series of ['week', 'quarter', 'day'] as const) {
      const a = await answer(sys.db, { measure: 'claims', dimension: 'office', from: '2023-12-28', to: '2024-01-05', series });
      for (const row of a.rows) expect(row.series?.reduce((s, p) => s + (p.n as number), 0)).toBe(row.n);
    }
    const weeks = await answer(sys.db, { measure: 'claims', dimension: 'all', from: '2024-12-30', to: '2025-01-05', series: 'week' });
    expect(weeks.rows[0]?.series?.map((p) => p.period)).toEqual(['2025-W01']);
  });

  it('median and 90th percentile of days to decision', async () => {
    const a = await answer(sys.db, { measure: 'days_to_decision', dimension: 'all', from: '2023-01-01', to: '2026-12-31' });
    const referred = new Map(raw.filter((e) => e.type === 'eligibility.eligible_referred').map((e) => [e.claim_id, e.effective_date]));
    const hist = new Map<number, number>();
    for (const e of raw.filter((x) => x.type in FINAL)) {
      const d = daysBetween(referred.get(e.claim_id) as string, e.effective_date);
      hist.set(d, (hist.get(d) ?? 0) + 1);
    }
    expect(a.rows[0]).toMatchObject({ median: percentileFromHistogram(hist, 0.5), p90: percentileFromHistogram(hist, 0.9) });
  });

  it('acceptance rates by country of alleged persecution, with the definition', async () => {
    const a = await answer(sys.db, { measure: 'rpd_decisions', dimension: 'persecution_country', from: '2023-01-01', to: '2026-12-31', rate: 'ACC_MERITS' });
    expect(a.rateDefinition?.id).toBe('ACC_MERITS');
    for (const row of a.rows) {
      const acc = raw.filter((e) => e.type === 'rpd.accepted' && e.persecution === row.value).length;
      const rej = raw.filter((e) => e.type === 'rpd.rejected' && e.persecution === row.value).length;
      expect(row.rate?.numerator).toBe(acc);
      expect(row.rate?.denominator).toBe(acc + rej);
    }
  });

  it('counts ineligibility grounds as a breakdown, not as extra decisions', async () => {
    const a = await answer(sys.db, { measure: 'eligibility_decisions', dimension: 'all', from: '2023-01-01', to: '2026-12-31' });
    const inel = raw.filter((e) => e.type === 'eligibility.ineligible').length;
    expect(a.rows[0]?.byCategory).toMatchObject({ INELIGIBLE: inel, 'INELIGIBLE:EL-E': inel, 'INELIGIBLE:EL-C': inel });
  });

  it('applies disclosure control on the server: perturbation, then IRCC rounding or IRB suppression', async () => {
    const exact = await answer(sys.db, { measure: 'claims', dimension: 'office', from: '2023-01-01', to: '2026-12-31' });
    const r5 = await answer(sys.db, { measure: 'claims', dimension: 'office', from: '2023-01-01', to: '2026-12-31', disclosure: 'IRCC_R5' });
    const model = brutePerturbed('claims', 'office', '2023-01-01', '2026-12-31');
    for (const row of r5.rows) {
      const n = model.rows.find((r) => r.value === row.value)!.cells.flat().reduce((a, b) => a + b, 0);
      if (row.n !== '--') expect(row.n).toBe(5 * Math.round(n / 5));
      if (n <= 5) expect(row.n).toBe('--');
      // The noise is bounded: two blocks per year of whole months here, at most 2 each, then rounding.
      if (row.n !== '--') expect(Math.abs(row.n - (exact.rows.find((r) => r.value === row.value)!.n as number))).toBeLessThanOrEqual(2 * 48 + 2);
    }
    const s20 = await answer(sys.db, { measure: 'claims', dimension: 'office', from: '2024-01-01', to: '2024-01-07', disclosure: 'IRB_S20' });
    for (const row of s20.rows) expect(row.n === '--' || row.n === 0 || (row.n as number) >= 20).toBe(true);
  });

  it('rebuilt rollups agree with the live ones, and a tampered rollup is detected', async () => {
    expect((await checkStatistics(sys.db, sys.cipher)).differences).toEqual([]);
    await sys.db.pool.query("UPDATE stat_rollup SET n = n + 1 WHERE measure = 'claims' AND dim = 'all' AND grain = 'm' AND period = '2024-01-01'");
    const check = await checkStatistics(sys.db, sys.cipher);
    expect(check.differences).toHaveLength(1);
    expect(check.differences[0]?.key).toBe('claims|all|m|2024-01-01||*');
    await rebuildStatistics(sys.db, sys.cipher);
    expect((await checkStatistics(sys.db, sys.cipher)).differences).toEqual([]);
  });
});

describe('comparisons under disclosure control', () => {
  it('publishes the change between the two published figures, so it reveals nothing they do not', async () => {
    const r5 = await answer(sys.db, { measure: 'claims', dimension: 'all', from: '2024-12-15', to: '2025-01-23', compare: 'previous_year', disclosure: 'IRCC_R5' });
    const before = await answer(sys.db, { measure: 'claims', dimension: 'all', from: '2023-12-15', to: '2024-01-23', disclosure: 'IRCC_R5' });
    const now = r5.rows[0]?.n as number;
    const then = before.rows[0]?.n as number;
    expect(r5.rows[0]?.comparison).toEqual({ from: '2023-12-15', to: '2024-01-23', n: then, change: now - then, changePercent: Math.round(((now - then) / then) * 1000) / 10 });
  });
});

describe('complementary suppression across a dimension', () => {
  it('never lets a single suppressed value be pinned as the public total minus the other published values', async () => {
    await fc.assert(fc.asyncProperty(rangeArb, fc.constantFrom('office', 'citizenship', 'persecution_country'), async ([from, to], dim) => {
      const total = (await answer(sys.db, { measure: 'claims', dimension: 'all', from, to, disclosure: 'IRB_S20' })).rows[0]?.n;
      const rows = (await answer(sys.db, { measure: 'claims', dimension: dim as StatsQuery['dimension'], from, to, disclosure: 'IRB_S20' })).rows;
      const suppressed = rows.filter((r) => r.n === '--');
      if (typeof total !== 'number' || suppressed.length !== 1) return;
      // The total and the rows are perturbed independently: total − others is the hidden value give or
      // take the noise of every block involved, and the attacker cannot narrow it to one value.
      const blocks = answerPeriods(from, to).flatMap((p) => p.blocks).length;
      const rest = total - rows.reduce((a, r) => a + (typeof r.n === 'number' ? r.n : 0), 0);
      const slack = 2 * blocks * rows.length;
      expect(Math.min(19, rest + slack) - Math.max(1, rest - slack)).toBeGreaterThan(0);
    }), { numRuns: 40, seed: 12 });
  });
});

// ------------------------------------------------------------------ the perturbed answers, brute force

/** The perturbed cells of an answer computed from the raw events and the claims' record keys, not from the rollups. */
function brutePerturbed(measure: 'claims' | 'rpd_decisions', dim: string, from: string, to: string, series?: TimeGrain): AnswerCells {
  const periods = answerPeriods(from, to, series);
  const blockOf = new Map<string, { block: string; period: number }>();
  periods.forEach((p, i) => {
    for (const b of p.blocks) for (let d = b.start; d <= b.end; d = addDays(d, 1)) blockOf.set(d, { block: `${b.grain}${b.start}`, period: i });
  });
  const blocks = new Map<string, { value: string; category: string; period: number; n: number; key: number }>();
  for (const e of raw) {
    if (!inRange(e.effective_date, from, to)) continue;
    const category = measure === 'claims' ? (e.type === 'claim.made' ? '' : null) : FINAL[e.type] ?? null;
    if (category === null) continue;
    const at = blockOf.get(e.effective_date)!;
    const id = `${dimOf(e, dim)}|${category}|${at.block}`;
    const b = blocks.get(id) ?? { value: dimOf(e, dim), category, period: at.period, n: 0, key: 0 };
    b.n += 1;
    b.key = addKeys(b.key, e.record_key);
    blocks.set(id, b);
  }
  const categories = [...new Set([...blocks.values()].map((b) => b.category))].sort();
  const rows = new Map<string, number[][]>();
  for (const b of blocks.values()) {
    const cells = rows.get(b.value) ?? periods.map(() => categories.map(() => 0));
    cells[b.period]![categories.indexOf(b.category)]! += perturb(b.n, b.key);
    rows.set(b.value, cells);
  }
  return {
    kind: 'flow', periods: periods.map((p) => p.period), categories: categories.length ? categories : [''], series: Boolean(series),
    byCategory: measure === 'rpd_decisions', rows: [...rows].map(([value, cells]) => ({ value, cells })),
  };
}

describe('public answers against a brute-force model of the perturbation and the protection', () => {
  it('every published figure is what the protected, perturbed model of the raw events gives, and passes the audit', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('claims', 'rpd_decisions'), dimArb, rangeArb, fc.constantFrom(undefined, 'month', 'week', 'quarter'),
      fc.constantFrom<PublicProfile>('IRB_S20', 'IRCC_R5'), async (measure, dim, [from, to], series, profile) => {
        const a = await answer(sys.db, { measure, dimension: dim as StatsQuery['dimension'], from, to, series: series as TimeGrain | undefined, disclosure: profile });
        const model = brutePerturbed(measure as 'claims' | 'rpd_decisions', dim, from, to, series as TimeGrain | undefined);
        const p = protectAnswer(model, profile);
        expect(auditRecoverability(p.tables.totals.table, p.tables.totals.published)).toEqual([]);
        expect(new Map(a.rows.map((r) => [r.value, r.n]))).toEqual(p.totals);
        for (const r of a.rows) {
          const expected = p.rows.get(r.value)!;
          if (series) expect(r.series?.map((s) => s.n)).toEqual(expected.series);
          if (measure === 'rpd_decisions') expect(r.byCategory).toEqual(expected.byCategory);
        }
      }), { numRuns: 50, seed: 31 });
  });

  it('the same question asked twice, and one value asked alone, get the same figures', async () => {
    const q: StatsQuery = { measure: 'rpd_decisions', dimension: 'office', from: '2024-01-03', to: '2025-01-11', series: 'month', disclosure: 'IRB_S20' };
    const first = await answer(sys.db, q);
    expect(await answer(sys.db, q)).toEqual(first);
    for (const row of first.rows) {
      const alone = await answer(sys.db, { ...q, values: [row.value] });
      expect(alone.rows).toEqual([row]);
    }
  });
});
