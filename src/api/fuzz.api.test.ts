import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { startTestSystem, type TestSystem } from '../test/harness.ts';
import { buildIntake } from '../test/factories.ts';
import { testContext } from '../test/harness.ts';
import { loadDemo } from '../cli/demo.ts';
import { MEASURES, STAT_DIMENSIONS } from '../domain/statistics/live.ts';
import { importOfficialFile } from '../store/officialSeries.ts';
import { DEFAULT_OFFICIAL_DIR } from '../cli/official.ts';

/**
 * Sends generated malformed requests to every route of the route table (random JSON shapes, wrong
 * types, odd encodings, sizes, path parameters and query strings) and requires that none gets a 5xx
 * and that the server keeps answering. Bounded in count: it is a test, not a soak.
 */
let sys: TestSystem;
let claimId: string;
beforeAll(async () => {
  sys = await startTestSystem();
  const res = await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { ...buildIntake(), duplicateOverride: { reason: 'fuzz test fixture claim' } } });
  claimId = res.json().claims[0].id;
  // Real data behind the statistics routes, so valid-but-unusual questions reach real code paths.
  await loadDemo(sys.claims, testContext(), { seed: 5, scale: 0.001 });
  for (const f of ['ircc-asylum-vintage-2025-07/EN_ODP-Asylum-OfficeType_Prov.xlsx', 'canada-observatory/ircc_asylum_outcomes.csv']) {
    await importOfficialFile(sys.db, `${DEFAULT_OFFICIAL_DIR}${f}`);
  }
});
afterAll(async () => { await sys.close(); });

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 150);

const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ officeCode: fc.jsonValue(), claimDate: fc.jsonValue(), members: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }), arrival: fc.jsonValue() }, { requiredKeys: [] }),
  fc.record({ expectedVersion: fc.oneof(fc.integer(), fc.string(), fc.double()), type: fc.oneof(fc.string(), fc.constantFrom('rpd.accepted', 'claim.made', 'eligibility.examination_started')), actor: fc.jsonValue(), effectiveDate: fc.oneof(fc.string(), fc.constantFrom('2025-02-29', '2024-02-29', '0000-00-00', '9999-12-31')), details: fc.jsonValue() }, { requiredKeys: [] }),
  fc.record({ people: fc.array(fc.record({ familyName: fc.jsonValue(), dateOfBirth: fc.string(), sex: fc.string(), documents: fc.jsonValue() }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] }),
);

const rawBody = fc.oneof(
  jsonish.map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((s) => ({ payload: s, contentType: 'application/json' })),
  fc.uint8Array({ maxLength: 200 }).map((b) => ({ payload: Buffer.from(b), contentType: 'application/json; charset=utf-8' })),
  fc.string({ maxLength: 100 }).map((s) => ({ payload: s, contentType: 'text/plain' })),
  fc.constantFrom(
    { payload: '', contentType: 'application/json' },
    { payload: '{"a":', contentType: 'application/json' },
    { payload: '\uFEFF{}', contentType: 'application/json' },
    { payload: '{"__proto__":{"polluted":true}}', contentType: 'application/json' },
    { payload: '{"constructor":{"prototype":{"x":1}}}', contentType: 'application/json' },
    { payload: `[${'1,'.repeat(100_000)}1]`, contentType: 'application/json' },
    { payload: `{"members":[${'{},'.repeat(5_000)}{}]}`, contentType: 'application/json' },
    { payload: '"just a string"', contentType: 'application/json' },
    { payload: 'null', contentType: 'application/json' },
    { payload: '{}', contentType: 'application/xml' },
    { payload: '{"officeCode":"QC-LACOLLE"}', contentType: 'application/json; charset=latin1' },
  ),
);

const pathValue = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constantFrom('%00', '..%2F..', '%E0%A4%A', "1' OR '1'='1", 'null', '-1'));
const dayValue = fc.integer({ min: 0, max: 5400 }).map((n) => new Date(Date.UTC(2013, 0, 1 + n)).toISOString().slice(0, 10));
const plausible = fc.oneof(
  fc.constantFrom(...MEASURES, ...STAT_DIMENSIONS, 'ACC_FINALIZED', 'ACC_MERITS', 'UNHCR_TRR', 'RAD_ALLOW_RATE', 'IRCC_R5', 'IRB_S20', 'NONE',
    'day', 'week', 'month', 'quarter', 'year', 'previous_year', 'previous_period', 'csv', 'json', 'QC-LACOLLE', 'QC|LAND_POE', 'USA', 'QC', 'Border',
    'ircc.asylum.office_type_prov', 'irb.rpd.outcomes', 'latest', '2024-02-29', '2015-01', '2023', '2024-Q1', '1', '100', 'COUNSEL', 'ELIGIBILITY_OFFICER',
    'officeCategory', 'citizenship', 'outcome', 'ACCEPTED'),
  dayValue,
);
const queryKeys = fc.constantFrom('limit', 'cursor', 'state', 'officeCode', 'claimDateFrom', 'claimDateTo', 'groupId', 'citizenship', 'x',
  'measure', 'dimension', 'values', 'from', 'to', 'series', 'compare', 'top', 'rate', 'disclosure', 'format', 'series', 'vintage', 'province',
  'officeCategory', 'role', 'withinDays', 'by', 'grain', 'period', 'outcome', 'country');
const queryString = fc.dictionary(queryKeys, fc.oneof(plausible, plausible, fc.string({ maxLength: 30 }), fc.constantFrom('-1', '1e309', 'NaN', '2025-02-30', '%ZZ')), { maxKeys: 7 })
  .map((q) => Object.entries(q).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));

describe('fuzzing every route with malformed requests', () => {
  it('covers the whole route table', () => {
    expect(sys.app.routeTable.length).toBeGreaterThanOrEqual(12);
  });

  // Some 35 routes × FUZZ_RUNS requests: longer than the default minute on a loaded machine.
  it('never answers 5xx, and the server keeps working', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    for (const route of sys.app.routeTable) {
      await fc.assert(fc.asyncProperty(rawBody, pathValue, fc.boolean(), queryString, async (body, param, realId, query) => {
        const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(realId ? claimId : param)).replace(/\*/, 'x');
        const res = await sys.app.inject({
          method: route.method as 'GET', url: `${url}${query ? `?${query}` : ''}`,
          ...(route.method === 'GET' ? {} : { payload: body.payload, headers: { 'content-type': body.contentType } }),
        });
        if (res.statusCode >= 500) failures.push(`${route.method} ${url} -> ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res.statusCode < 500;
      }), { numRuns: RUNS_PER_ROUTE, seed: 20251124 });
    }
    expect(failures).toEqual([]);
    const health = await sys.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });
});

describe('fuzzing the statistics questions with well-formed but unusual combinations', () => {
  it('never answers 5xx for any measure, dimension, rate, series, comparison or disclosure', async () => {
    const opt = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const query = fc.record({
      measure: fc.constantFrom(...MEASURES), dimension: opt(fc.constantFrom(...STAT_DIMENSIONS)),
      values: opt(fc.constantFrom('QC-LACOLLE', 'QC|LAND_POE', 'USA,HTI', '*', 'nope')),
      // Mostly well-ordered ranges, so questions get past validation into the query code.
      range: fc.tuple(dayValue, dayValue).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
      series: opt(fc.constantFrom('day', 'week', 'month', 'quarter', 'year')), compare: opt(fc.constantFrom('previous_year', 'previous_period')),
      top: opt(fc.integer({ min: 1, max: 5 })), rate: opt(fc.constantFrom('ACC_FINALIZED', 'ACC_MERITS', 'UNHCR_TRR', 'RAD_ALLOW_RATE')),
      disclosure: opt(fc.constantFrom('IRCC_R5', 'IRB_S20', 'NONE')), format: opt(fc.constantFrom('json', 'csv')),
    });
    const failures: string[] = [];
    await fc.assert(fc.asyncProperty(query, async (q) => {
      const { range, ...rest } = q;
      const qs = Object.entries({ ...rest, ...range }).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
      const res = await sys.app.inject({ method: 'GET', url: `/api/v1/stats?${qs}` });
      if (res.statusCode >= 500) failures.push(`${qs} -> ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res.statusCode < 500;
    }), { numRuns: 3 * Number(process.env.FUZZ_RUNS ?? 150), seed: 20251125 });
    expect(failures).toEqual([]);
  });
});
