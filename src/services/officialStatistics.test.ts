import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSystem, type System } from './system.ts';
import { TEST_KEY_RING, createTestDatabase } from '../test/harness.ts';
import { importOfficialFile } from '../store/officialSeries.ts';
import { parseIrccOfficeTypeProv, publishedVsCellSum, type ParsedSeries } from '../importers/official/index.ts';
import { computeRate } from '../domain/statistics/rates.ts';
import {
  compareVintages, normalizeFilter, officialMonthlySeries, officialRpdOutcomes, officialSeries, officialTotals,
  periodBound, resolveRelease, vintages, type OfficialAnswer,
} from './officialStatistics.ts';

// Two vintages of the office-type workbook and the IRB outcomes: the files these questions need.
const dataset = (p: string): string => fileURLToPath(new URL(`../../datasets/official/${p}`, import.meta.url));
const OFFICE_JUL = dataset('ircc-asylum-vintage-2025-07/EN_ODP-Asylum-OfficeType_Prov.xlsx');
const OFFICE_FEB = dataset('stca-dataset/raw-ircc-vintage-2024-02/EN_ODP-Asylum-OfficeType_Prov.xlsx');
const OUTCOMES = dataset('canada-observatory/ircc_asylum_outcomes.csv');
const SERIES = 'ircc.asylum.office_type_prov';
const OGL = 'Contains information licensed under the Open Government Licence – Canada';
const QC_BORDER = { province: 'QC', officeCategory: 'Border' };

let system: System;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let parsedJul: ParsedSeries;

beforeAll(async () => {
  database = await createTestDatabase();
  system = await openSystem({ databaseUrl: database.url, dataDir: 'memory://' }, { keys: TEST_KEY_RING });
  // Feb-2024 first: 'latest' must pick the later vintage, not the later import.
  await importOfficialFile(system.db, OFFICE_FEB);
  await importOfficialFile(system.db, OFFICE_JUL);
  await importOfficialFile(system.db, OUTCOMES);
  parsedJul = await parseIrccOfficeTypeProv(OFFICE_JUL);
});
afterAll(async () => {
  await system?.close();
  await database?.drop();
});

/** Every answer says what it counts, where it comes from, under which licence, and from which edition. */
function expectProvenance(a: OfficialAnswer, vintage: string, publisher: string, file: string): void {
  expect(a.vintage).toBe(vintage);
  expect(a.source).toMatchObject({ vintage, publisher, file, licence: OGL });
  expect(a.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(a.definition.en.length).toBeGreaterThan(50);
  expect(a.definition.fr.length).toBeGreaterThan(50);
}

const sum = (rows: Array<{ value: number | null }>): number => rows.reduce((s, r) => s + (r.value ?? 0), 0);

describe('Quebec land-border claims by month (IRCC office type × province)', () => {
  it('July-2025 vintage (latest): 12 monthly cells summing to 39,890 in 2022', async () => {
    const a = await officialMonthlySeries(system.db, { series: SERIES, vintage: 'latest', filter: QC_BORDER, from: '2022-01', to: '2022-12' });
    expectProvenance(a, '2025-07-31', 'Immigration, Refugees and Citizenship Canada (IRCC)', 'EN_ODP-Asylum-OfficeType_Prov.xlsx');
    expect(a.filter).toEqual({ province: 'CA-QC', officeType: 'BORDER' });
    expect(a.rows.map((r) => r.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`));
    expect(a.rows.map((r) => r.value)).toEqual([2355, 2250, 2515, 2765, 3610, 3120, 3720, 3330, 3730, 3965, 3750, 4780]);
    expect(a.rows.every((r) => r.cells === 1 && r.suppressedCells === 0 && !r.suppressed && r.publishedTotal === undefined)).toBe(true);
    expect(sum(a.rows)).toBe(39890);
    expect(a.definition.en).toContain('province = CA-QC, officeType = BORDER');
  });

  it('February-2024 vintage: 39,910 in 2022; the yearly published totals agree in both vintages', async () => {
    const a = await officialMonthlySeries(system.db, { series: SERIES, vintage: '2024-02-29', filter: QC_BORDER, from: '2022-01', to: '2022-12' });
    expectProvenance(a, '2024-02-29', 'Immigration, Refugees and Citizenship Canada (IRCC)', 'EN_ODP-Asylum-OfficeType_Prov.xlsx');
    expect(sum(a.rows)).toBe(39910);
    for (const [vintage, total] of [['latest', 39890], ['2024-02-29', 39910]] as const) {
      const y = await officialSeries(system.db, { series: SERIES, vintage, grain: 'year', filter: QC_BORDER, from: '2022', to: '2022' });
      // The year: its twelve monthly cells added up, beside the year total IRCC prints on the Quebec row.
      expect(y.rows).toEqual([{ period: '2022', value: total, suppressed: false, cells: 12, suppressedCells: 0, publishedTotal: { value: total, suppressed: false, label: 'Quebec' } }]);
    }
  });

  it('labels, codes and ISO codes select the same cells', async () => {
    const rows = async (filter: Record<string, string>) => (await officialMonthlySeries(system.db, { series: SERIES, filter, from: '2023-01', to: '2023-03' })).rows;
    const expected = await rows({ province: 'CA-QC', officeType: 'BORDER' });
    expect(await rows({ province: 'Quebec', officeCategory: 'BORDER' })).toEqual(expected);
    expect(await rows({ province: 'qc', officeCategory: 'border' })).toEqual(expected);
    expect(normalizeFilter({ officeCategory: 'Other Offices', gender: 'Female', citizenship: 'Haiti' })).toEqual({ officeType: 'OTHER_OFFICES', gender: 'F', citizenship: 'HTI' });
    expect(() => normalizeFilter({ province: 'ZZ' })).toThrow(/Province\/territory 'ZZ' is not known/);
    expect(() => normalizeFilter({ officeCategory: 'Seaport' })).toThrow(/Office category 'Seaport' is not known/);
    expect(() => normalizeFilter({ officeCategory: 'Border', officeType: 'AIRPORT' })).toThrow(/given twice/);
  });

  it('compareVintages shows the revisions from February 2024 to July 2025: four months revised by −5, 39,910 → 39,890', async () => {
    const c = await compareVintages(system.db, SERIES, '2024-02-29', 'latest', QC_BORDER, { from: '2022-01', to: '2022-12' });
    expect([c.base.vintage, c.vintage]).toEqual(['2024-02-29', '2025-07-31']);
    expectProvenance(c, '2025-07-31', 'Immigration, Refugees and Citizenship Canada (IRCC)', 'EN_ODP-Asylum-OfficeType_Prov.xlsx');
    expect(Object.fromEntries(c.rows.filter((r) => r.revision !== 0).map((r) => [r.period, [r.a!.value, r.b!.value, r.revision]]))).toEqual({
      '2022-05': [3615, 3610, -5], '2022-06': [3125, 3120, -5], '2022-08': [3335, 3330, -5], '2022-11': [3755, 3750, -5],
    });
    expect(c.summary).toEqual({ periods: 12, revisedPeriods: 4, netRevision: -20 });
    expect(c.rows.some((r) => r.suppressionChanged)).toBe(false);
  });
});

describe('vintages', () => {
  it('lists the stored releases, oldest first', async () => {
    const list = await vintages(system.db, SERIES);
    expect(list.map((v) => v.vintage)).toEqual(['2024-02-29', '2025-07-31']);
    expect(list.every((v) => v.licence === OGL && v.series === SERIES)).toBe(true);
  });

  it("'latest' is the latest vintage; a date is the latest vintage published on or before it", async () => {
    const at = async (v: string) => (await resolveRelease(system.db, SERIES, v)).vintage;
    expect(await at('latest')).toBe('2025-07-31');
    expect(await at('2025-07-31')).toBe('2025-07-31');
    expect(await at('2025-07-30')).toBe('2024-02-29');
    expect(await at('2024-02-29')).toBe('2024-02-29');
    await expect(at('2024-02-28')).rejects.toMatchObject({ kind: 'not_found', code: 'official_vintage_not_found' });
    await expect(at('July 2025')).rejects.toMatchObject({ kind: 'validation' });
    await expect(resolveRelease(system.db, 'ircc.asylum.pt_age')).rejects.toMatchObject({ kind: 'not_found', code: 'official_series_not_found' });
  });

  it('reads period bounds as years, quarters, months or dates', () => {
    expect([periodBound('2022', 'start'), periodBound('2022', 'end')]).toEqual(['2022-01-01', '2022-12-31']);
    expect([periodBound('2024-02', 'start'), periodBound('2024-02', 'end')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([periodBound('2023-Q2', 'start'), periodBound('2023-Q2', 'end')]).toEqual(['2023-04-01', '2023-06-30']);
    expect(periodBound('2023-05-17', 'end')).toBe('2023-05-17');
    expect(() => periodBound('May 2023', 'start')).toThrow(/from must be YYYY/);
  });
});

describe('national totals per year: published vs the sum of the cells', () => {
  it('2024 (July-2025 vintage): published 171,835, cells 171,660, difference 175 reported', async () => {
    const t = await officialTotals(system.db, { series: SERIES, vintage: 'latest', year: 2024, filter: {} });
    expectProvenance(t, '2025-07-31', 'Immigration, Refugees and Citizenship Canada (IRCC)', 'EN_ODP-Asylum-OfficeType_Prov.xlsx');
    expect(t.rows).toHaveLength(1);
    const expected = publishedVsCellSum(parsedJul.records, 'cells').find((c) => Object.keys(c.total.dims).length === 0 && c.total.period.year === 2024 && c.total.period.month === undefined)!;
    expect(t.rows[0]).toMatchObject({ period: '2024', dims: {}, label: 'Total ', published: 171835, cellSum: 171660, difference: 175 });
    // The same figures as publishedVsCellSum over the parsed workbook, suppressed cells counted.
    expect([t.rows[0]!.cells, t.rows[0]!.suppressedCells]).toEqual([expected.cells, expected.suppressedCells]);
    expect(t.rows[0]!.suppressedCells).toBeGreaterThan(0);
  });

  it('every yearly total of a year, and older vintages', async () => {
    const all = await officialTotals(system.db, { series: SERIES, year: 2024 });
    const border = all.rows.find((r) => r.label === 'Border - Total')!;
    expect([border.dims, border.published]).toEqual([{ officeType: 'BORDER' }, 15425]);
    expect(all.rows[0]!.dims).toEqual({});
    const feb = await officialTotals(system.db, { series: SERIES, vintage: '2024-02-29', year: 2023, filter: {} });
    expect([feb.vintage, feb.rows[0]!.published]).toEqual(['2024-02-29', 143795]);
  });

  it('monthly: every cell of each month summed, suppressed cells counted, the published monthly "Total " alongside', async () => {
    const a = await officialMonthlySeries(system.db, { series: SERIES, from: '2024-01', to: '2024-12' });
    expect(a.rows).toHaveLength(12);
    const cells2024 = parsedJul.records.filter((r) => !r.isTotal && r.period.year === 2024 && r.period.month !== undefined);
    expect(a.rows.reduce((s, r) => s + r.cells, 0)).toBe(cells2024.length);
    expect(a.rows.reduce((s, r) => s + r.suppressedCells, 0)).toBe(cells2024.filter((r) => r.suppressed).length);
    expect(sum(a.rows)).toBe(171660);
    expect(a.rows.every((r) => r.publishedTotal?.label === 'Total ')).toBe(true);
    expect(a.rows.reduce((s, r) => s + r.publishedTotal!.value!, 0)).toBe(171835);
    // 'Border - Total' answers for the Border cells; no total row exists for one province's offices.
    const border = await officialMonthlySeries(system.db, { series: SERIES, filter: { officeCategory: 'Border' }, from: '2024-01', to: '2024-01' });
    expect(border.rows[0]!.publishedTotal?.label).toBe('Border - Total');
    const quebec = await officialMonthlySeries(system.db, { series: SERIES, filter: { province: 'QC' }, from: '2024-01', to: '2024-01' });
    expect([quebec.rows[0]!.cells, quebec.rows[0]!.publishedTotal]).toEqual([3, undefined]);
  });
});

describe('suppressed cells', () => {
  it('a "--" cell is answered as null and suppressed, and counted', async () => {
    const a = await officialMonthlySeries(system.db, { series: SERIES, filter: { province: 'NL', officeCategory: 'Airport' }, from: '2015-12', to: '2015-12' });
    expect(a.rows).toEqual([{ period: '2015-12', value: null, suppressed: true, cells: 1, suppressedCells: 1 }]);
  });

  it('a sum over several cells keeps the shown ones and says how many were suppressed', async () => {
    // Newfoundland and Labrador, every office type, 2016: computed from the parsed workbook independently.
    const a = await officialMonthlySeries(system.db, { series: SERIES, filter: { province: 'Newfoundland and Labrador' }, from: '2016', to: '2016' });
    for (const row of a.rows) {
      const month = Number(row.period.slice(5));
      const cells = parsedJul.records.filter((r) => !r.isTotal && r.period.year === 2016 && r.period.month === month && r.dims.province === 'CA-NL');
      const shown = cells.filter((r) => !r.suppressed);
      expect(row).toMatchObject({
        cells: cells.length, suppressedCells: cells.length - shown.length, suppressed: shown.length < cells.length,
        value: shown.length === 0 ? null : shown.reduce((s, r) => s + r.value!, 0),
      });
    }
    expect(a.rows.some((r) => r.suppressedCells > 0 && r.value !== null)).toBe(true);
  });
});

describe('RPD outcomes and acceptance rates (IRB open data)', () => {
  it('2021: ACC_MERITS 71.8 (as published) and ACC_FINALIZED 62.2, the rates helper\'s figures', async () => {
    const a = await officialRpdOutcomes(system.db, { vintage: 'latest', from: 2021, to: 2021 });
    expectProvenance(a, '2026-08-22', 'Immigration and Refugee Board of Canada (IRB)', 'ircc_asylum_outcomes.csv');
    expect(a.source.derivedBy).toContain('canada-observatory');
    expect(a.rows).toHaveLength(1);
    const y = a.rows[0]!;
    expect([y.year, y.accepted, y.rejected, y.abandonedWithdrawnOther, y.totalFinalized]).toEqual([2021, 29926, 11768, 6412, 48106]);
    expect(y.ACC_MERITS).toEqual(computeRate('ACC_MERITS', { ACCEPTED: 29926, REJECTED: 11768 }));
    expect(y.ACC_FINALIZED).toEqual(computeRate('ACC_FINALIZED', { ACCEPTED: 29926, REJECTED: 11768, TOTAL_FINALIZED: 48106 }));
    expect([y.ACC_MERITS!.percent, y.ACC_FINALIZED!.percent, y.publishedAcceptanceRate, y.publishedMatches]).toEqual([71.8, 62.2, 71.8, true]);
    expect(a.rates.ACC_MERITS.formula.en).toBe('accepted ÷ (accepted + rejected)');
  });

  it('every year 2013–2025: the recomputed ACC_MERITS equals the published rate', async () => {
    const a = await officialRpdOutcomes(system.db);
    expect(a.rows.map((r) => r.year)).toEqual(Array.from({ length: 13 }, (_, i) => 2013 + i));
    expect(a.rows.every((r) => r.publishedMatches === true)).toBe(true);
    expect(a.rows.find((r) => r.year === 2024)!.totalFinalized).toBe(73275);
  });

  it('the outcome counts are also a plain yearly series', async () => {
    const a = await officialSeries(system.db, { series: 'irb.rpd.outcomes', grain: 'year', filter: { outcome: 'ACCEPTED' }, from: '2023', to: '2024' });
    expect(a.rows.map((r) => [r.period, r.value])).toEqual([['2023', 36847], ['2024', 46131]]);
  });
});
