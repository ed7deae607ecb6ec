import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditRecoverability, plausibleRange, resolveOptions, type ProtectedTable, type Published, type Table } from '../../domain/statistics/disclosure.ts';
import { parseIrccOfficeTypeProv, parseIrccPtAge, parseIrccPtGender, parseIrccTop25Citizenship } from './ircc.ts';
import { publishedVsCellSum } from './report.ts';
import type { OfficialRecord, ParsedSeries } from './types.ts';

// Each workbook is parsed once for the whole file (figures: shared data README §1, §2a).
const dir = (sub: string): string => fileURLToPath(new URL(`../../../datasets/official/${sub}/`, import.meta.url));
const JUL25 = dir('ircc-asylum-vintage-2025-07');
const FEB24 = dir('stca-dataset/raw-ircc-vintage-2024-02');

const officeJul = await parseIrccOfficeTypeProv(`${JUL25}EN_ODP-Asylum-OfficeType_Prov.xlsx`);
const officeFeb = await parseIrccOfficeTypeProv(`${FEB24}EN_ODP-Asylum-OfficeType_Prov.xlsx`);
const genderJul = await parseIrccPtGender(`${JUL25}EN_ODP-Asylum-PT_Gender.xlsx`);
const genderFeb = await parseIrccPtGender(`${FEB24}EN_ODP-Asylum-PT_Gender.xlsx`);
const ageFeb = await parseIrccPtAge(`${FEB24}EN_ODP-Asylum-PT_Age.xlsx`);
const top25 = {
  officeLastMonth: await parseIrccTop25Citizenship(`${FEB24}EN_ODP-Asylum-Top_25_CITZ_Office_Type_last_month.xlsx`),
  officeLastYear: await parseIrccTop25Citizenship(`${FEB24}EN_ODP-Asylum-Top_25_CITZ_Office_Type_last_year.xlsx`),
  provLastMonth: await parseIrccTop25Citizenship(`${FEB24}EN_ODP-Asylum-Top_25_CITZ_prov_last_month.xlsx`),
  provLastYear: await parseIrccTop25Citizenship(`${FEB24}EN_ODP-Asylum-Top_25_CITZ_prov_last_year.xlsx`),
};

const sameDims = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);

/** The published figure for a row (by dims) in a year column ('2024 Total'), a quarter or a month. */
function figure(s: ParsedSeries, dims: Record<string, string>, year: number, at: { month?: number; quarter?: number } = {}): number | '--' {
  const r = s.records.find((x) => x.period.year === year && x.period.month === at.month && x.period.quarter === at.quarter && sameDims(x.dims, dims));
  if (!r) throw new Error(`no figure for ${JSON.stringify(dims)} ${year} ${JSON.stringify(at)} in ${s.series} ${s.vintage}`);
  return r.suppressed ? '--' : r.value!;
}

const yearTotal = (r: OfficialRecord): boolean => r.period.month === undefined && r.period.quarter === undefined;

function grandTotalCheck(s: ParsedSeries, year: number, mode: 'cells' | 'time' | 'rows') {
  const c = publishedVsCellSum(s.records, mode).find((x) => Object.keys(x.total.dims).length === 0 && x.total.period.year === year && yearTotal(x.total));
  if (!c) throw new Error(`no grand-total check for ${year}`);
  return c;
}

describe('IRCC office type × province workbook: header, footer and layout', () => {
  it('reads the vintage from the footer and the title from row 1', () => {
    expect(officeJul.vintage).toBe('2025-07-31');
    expect(officeFeb.vintage).toBe('2024-02-29');
    expect(officeJul.title).toBe('Canada - Asylum Claimants by Claim Office Type, Province/Territory* of Claim and Claim Year, January 2015 - July 2025');
    expect(officeJul.series).toBe('ircc.asylum.office_type_prov');
  });

  it('keeps the published row labels, trailing space included, and gives group names to the province rows', () => {
    const grand = officeJul.records.find((r) => Object.keys(r.dims).length === 0)!;
    expect(grand.publishedLabel).toBe('Total ');
    expect(grand.isTotal).toBe(true);
    const airportTotal = officeJul.records.find((r) => sameDims(r.dims, { officeType: 'AIRPORT' }))!;
    expect([airportTotal.publishedLabel, airportTotal.isTotal]).toEqual(['Airport - Total', true]);
    const qcAirport = officeJul.records.find((r) => sameDims(r.dims, { officeType: 'AIRPORT', province: 'CA-QC' }))!;
    expect([qcAirport.publishedLabel, qcAirport.isTotal, qcAirport.ref]).toEqual(['Quebec', false, 'EN_ODP-Asylum-OfficeType_Prov.xlsx!Asylum Claimants - Office Type!C8']);
    // 'Other Offices' is a single national row: a cell, not a total.
    const other = officeJul.records.find((r) => r.publishedLabel === 'Other Offices' && r.period.month === 1)!;
    expect([other.dims, other.isTotal]).toEqual([{ officeType: 'OTHER_OFFICES' }, false]);
  });

  it('selects months and "<year> Total" columns by name; the 2025 year has Jan–Jul only', () => {
    const periods = new Set(officeJul.records.map((r) => JSON.stringify(r.period)));
    expect(periods.size).toBe(11 * 12 - 5 + 11);
    expect(periods.has(JSON.stringify({ year: 2025, month: 7 }))).toBe(true);
    expect(periods.has(JSON.stringify({ year: 2025, month: 8 }))).toBe(false);
    expect(new Set(officeFeb.records.map((r) => JSON.stringify(r.period))).size).toBe(9 * 12 + 2 + 10);
  });

  it('numbers stored as text with commas, "--" as suppressed (null), "0" as a true zero', () => {
    expect(figure(officeJul, {}, 2024)).toBe(171835);
    const sup = officeJul.records.filter((r) => r.suppressed);
    expect(sup.length).toBeGreaterThan(100);
    expect(sup.every((r) => r.value === null)).toBe(true);
    expect(figure(officeJul, { officeType: 'AIRPORT', province: 'CA-NL' }, 2015, { month: 12 })).toBe('--');
    expect(figure(officeJul, { officeType: 'AIRPORT', province: 'CA-NL' }, 2015, { month: 1 })).toBe(0);
    expect(officeJul.records.filter((r) => !r.suppressed).every((r) => r.value! % 5 === 0)).toBe(true);
  });

  it('block row sets differ by office type and by vintage', () => {
    const provinces = (s: ParsedSeries, office: string): string[] =>
      [...new Set(s.records.filter((r) => r.dims.officeType === office && r.dims.province).map((r) => r.dims.province!))];
    expect(provinces(officeJul, 'AIRPORT')).toContain('CA-NU');
    expect(provinces(officeJul, 'AIRPORT')).not.toContain('CA-PE');
    expect(provinces(officeJul, 'BORDER')).toContain('CA-YT');
    expect(provinces(officeJul, 'BORDER')).not.toContain('CA-PE');
    expect(provinces(officeJul, 'BORDER')).toContain('CA-NL');
    expect(provinces(officeFeb, 'BORDER')).not.toContain('CA-NL');
    expect(provinces(officeJul, 'INLAND')).toHaveLength(14);
    expect(provinces(officeJul, 'INLAND')).toContain('NOT_STATED');
    expect(provinces(officeFeb, 'INLAND')).toContain('OUTSIDE_CANADA');
    expect(provinces(officeFeb, 'INLAND')).not.toContain('NOT_STATED');
  });
});

describe('published figures recomputed from the workbooks (shared data README)', () => {
  it.each<[number, number, number, number]>([
    [2024, 171835, 171835, 171660],
    [2023, 143310, 143315, 143140],
  ])('%i (Jul-2025 vintage): "Total" cell %i, sum of the 12 monthly Total cells %i, sum of every province × office cell ("--" as 0) %i', (year, cell, months, cells) => {
    expect(figure(officeJul, {}, year)).toBe(cell);
    const t = grandTotalCheck(officeJul, year, 'time');
    expect([t.published, t.cellSum, t.cells]).toEqual([cell, months, 12]);
    const c = grandTotalCheck(officeJul, year, 'cells');
    expect([c.published, c.cellSum, c.difference]).toEqual([cell, cells, cell - cells]);
    expect(c.suppressedCells).toBeGreaterThan(0);
  });

  it('Feb-2024 vintage: 2023 national total 143,795 (143,310 in the Jul-2025 vintage)', () => {
    expect(figure(officeFeb, {}, 2023)).toBe(143795);
    expect(figure(officeJul, {}, 2023)).toBe(143310);
  });

  it('Quebec Border 2022: 39,890 (Jul-2025) vs 39,910 (Feb-2024)', () => {
    expect(figure(officeJul, { officeType: 'BORDER', province: 'CA-QC' }, 2022)).toBe(39890);
    expect(figure(officeFeb, { officeType: 'BORDER', province: 'CA-QC' }, 2022)).toBe(39910);
  });

  it('Roxham Road 2017: Quebec Inland 19,950 and Border 4,440 (both vintages); 19,945 and 4,435 as month sums with "--" as 2', () => {
    for (const s of [officeJul, officeFeb]) {
      expect(figure(s, { officeType: 'INLAND', province: 'CA-QC' }, 2017)).toBe(19950);
      expect(figure(s, { officeType: 'BORDER', province: 'CA-QC' }, 2017)).toBe(4440);
    }
    const monthSum = (office: string): number => officeJul.records
      .filter((r) => !r.isTotal && r.period.year === 2017 && sameDims(r.dims, { officeType: office, province: 'CA-QC' }))
      .reduce((a, r) => a + (r.suppressed ? 2 : r.value!), 0);
    expect([monthSum('INLAND'), monthSum('BORDER')]).toEqual([19945, 4435]);
  });

  it('Feb-2024 workbook equals the STCA web tables where the README says so (Quebec Border 2023, 2017 Total)', () => {
    expect(figure(officeFeb, { officeType: 'BORDER', province: 'CA-QC' }, 2023)).toBe(20550);
    expect(figure(officeFeb, {}, 2017)).toBe(50375);
  });

  it('yearly sums of the province × office cells with "--" as 2 equal those of the derived extracted_asylum.csv', () => {
    const sums: Record<number, number> = {};
    for (const r of officeJul.records) if (!r.isTotal) sums[r.period.year] = (sums[r.period.year] ?? 0) + (r.suppressed ? 2 : r.value!);
    expect(sums).toEqual({
      2015: 16047, 2016: 23845, 2017: 50312, 2018: 54978, 2019: 64033, 2020: 23662,
      2021: 24855, 2022: 91605, 2023: 143286, 2024: 171784, 2025: 69811,
    });
  });

  const officeBreakdown = (s: ParsedSeries): Record<number, Array<number | '--'>> => {
    const out: Record<number, Array<number | '--'>> = {};
    const years = [...new Set(s.records.map((r) => r.period.year))];
    for (const y of years) {
      const rows: Array<Record<string, string>> = [{ officeType: 'AIRPORT' }, { officeType: 'BORDER' }, { officeType: 'INLAND' }, { officeType: 'OTHER_OFFICES' }, {}];
      out[y] = rows.map((d) => figure(s, d, y));
    }
    return out;
  };

  it('office-type breakdown per year, Jul-2025 vintage: [Airport, Border, Inland, Other Offices, Total]', () => {
    expect(officeBreakdown(officeJul)).toEqual({
      2015: [2320, 4280, 9435, '--', 16040],
      2016: [3035, 7355, 13440, 10, 23835],
      2017: [3865, 11615, 34855, 25, 50360],
      2018: [6930, 21025, 27035, 25, 55015],
      2019: [8105, 20680, 35195, 25, 64010],
      2020: [1865, 5705, 16095, 15, 23680],
      2021: [3460, 9040, 12345, 20, 24870],
      2022: [17150, 46345, 28120, 35, 91645],
      2023: [41310, 29920, 72040, 40, 143310],
      2024: [42590, 15425, 113785, 30, 171835],
      2025: [7270, 14915, 47615, 5, 69810],
    });
  });

  it('office-type breakdown per year, Feb-2024 vintage', () => {
    expect(officeBreakdown(officeFeb)).toEqual({
      2015: [2320, 4290, 9435, 10, 16055],
      2016: [3040, 7365, 13445, 10, 23860],
      2017: [3870, 11625, 34850, 30, 50375],
      2018: [6935, 20655, 27425, 25, 55040],
      2019: [8120, 20485, 35400, 25, 64030],
      2020: [1860, 5660, 16150, 15, 23690],
      2021: [3470, 8930, 12485, 20, 24900],
      2022: [17165, 46065, 28470, 35, 91740],
      2023: [41355, 29455, 72940, 45, 143795],
      2024: [8925, 2995, 19330, 5, 31255],
    });
  });

  it('publishedVsCellSum reports every total of the workbook, differences included (not hidden)', () => {
    const rows = publishedVsCellSum(officeJul.records, 'cells');
    expect(rows).toHaveLength(officeJul.records.filter((r) => r.isTotal).length);
    const nonZero = rows.filter((r) => r.difference !== null && r.difference !== 0);
    expect(nonZero.length).toBeGreaterThan(100);
    // Rounded cells and independently rounded totals: the gap grows with the number of cells.
    for (const r of rows) if (r.difference !== null) expect(Math.abs(r.difference)).toBeLessThanOrEqual(4 * r.cells);
  });
});

describe('IRCC gender and age workbooks', () => {
  it('gender: 2024 Total 171,835 and 2025 (Jan–Jul) Total 69,810, as in the office-type file', () => {
    expect(genderJul.vintage).toBe('2025-07-31');
    expect(figure(genderJul, {}, 2024)).toBe(171835);
    expect(figure(genderJul, {}, 2025)).toBe(69810);
  });

  it('gender and age yearly Totals equal the office-type yearly Totals of the same vintage', () => {
    for (const [gender, office] of [[genderJul, officeJul], [genderFeb, officeFeb], [ageFeb, officeFeb]] as const) {
      const years = [...new Set(office.records.map((r) => r.period.year))];
      expect(years.map((y) => figure(gender, {}, y))).toEqual(years.map((y) => figure(office, {}, y)));
    }
  });

  it('province blocks, "<Province> Total" rows, and a province row without a breakdown', () => {
    const qc = genderJul.records.find((r) => r.publishedLabel === 'Quebec Total')!;
    expect([qc.dims, qc.isTotal]).toEqual([{ province: 'CA-QC' }, true]);
    const ns = genderJul.records.find((r) => r.publishedLabel === 'Province/Territory of claim not stated - Total' && r.period.month === 1)!;
    expect([ns.dims, ns.isTotal]).toEqual([{ province: 'NOT_STATED' }, false]);
    const outside = ageFeb.records.find((r) => r.publishedLabel === 'Outside Canada Total' && r.period.month === 1)!;
    expect([outside.dims, outside.isTotal]).toEqual([{ province: 'OUTSIDE_CANADA' }, false]);
    expect(new Set(genderJul.records.map((r) => r.dims.gender).filter(Boolean))).toEqual(new Set(['F', 'M', 'X', 'NOT_STATED']));
    expect(new Set(ageFeb.records.map((r) => r.dims.ageGroup).filter(Boolean))).toEqual(new Set(['0-14', '15-29', '30-44', '45-59', '60-74', '75+', 'NOT_STATED']));
  });

  it('quarter header rows and "Q1 Total" columns are read as quarters, months by name', () => {
    expect(figure(genderJul, {}, 2015, { quarter: 1 })).toBe(3440);
    expect([1, 2, 3].map((m) => figure(genderJul, {}, 2015, { month: m }))).toEqual([1165, 1145, 1130]);
    expect(figure(genderJul, {}, 2025, { quarter: 3 })).toBe(figure(genderJul, {}, 2025, { month: 7 }));
    const q = publishedVsCellSum(genderJul.records, 'time').filter((c) => c.total.period.quarter !== undefined);
    expect(q.length).toBeGreaterThan(1000);
    expect(q.every((c) => c.cells === 3 || (c.total.period.year === 2025 && c.total.period.quarter === 3 && c.cells === 1))).toBe(true);
  });
});

describe('IRCC top-25 citizenship workbooks', () => {
  it('strips the rank prefix, maps to ISO alpha-3 and keeps the published label', () => {
    const haitiYear = top25.officeLastYear.records.find((r) => r.dims.citizenship === 'HTI' && !r.dims.officeType)!;
    expect(haitiYear.publishedLabel).toBe('(7) Haiti');
    expect(haitiYear.dims).toEqual({ citizenship: 'HTI', citizenshipName: 'Haiti', rank: '7' });
    const china = top25.provLastYear.records.find((r) => r.publishedLabel === "(19) China, People's Republic of")!;
    expect(china.dims).toMatchObject({ citizenship: 'CHN', rank: '19' });
    for (const s of Object.values(top25)) {
      const names = new Set(s.records.filter((r) => r.dims.citizenshipName && !r.dims.citizenship).map((r) => r.dims.citizenshipName));
      expect(names).toEqual(new Set());
      expect(new Set(s.records.map((r) => r.dims.rank).filter(Boolean)).size).toBe(25);
    }
  });

  it('the United States is in neither ranking of this vintage', () => {
    for (const s of Object.values(top25)) expect(s.records.some((r) => r.dims.citizenship === 'USA')).toBe(false);
  });

  it('months read by name agree between the month-only file and the file with interleaved quarters', () => {
    const series = (s: ParsedSeries, iso: string): string => JSON.stringify(s.records
      .filter((r) => r.dims.citizenship === iso && r.dims.officeType === 'BORDER' && r.period.month !== undefined)
      .map((r) => [r.period.year, r.period.month, r.value]));
    for (const iso of ['HTI', 'MEX', 'COL', 'NGA']) expect(series(top25.officeLastYear, iso)).toBe(series(top25.officeLastMonth, iso));
    expect(top25.officeLastYear.records.some((r) => r.period.quarter !== undefined)).toBe(true);
    expect(top25.officeLastMonth.records.some((r) => r.period.quarter !== undefined)).toBe(false);
  });

  it('Haiti 2023: 5,545 in all four files; national Totals equal the office-type file', () => {
    for (const s of Object.values(top25)) {
      expect(s.vintage).toBe('2024-02-29');
      const haiti = s.records.find((r) => r.dims.citizenship === 'HTI' && !r.dims.officeType && !r.dims.province && r.period.year === 2023 && yearTotal(r))!;
      expect(haiti.value).toBe(5545);
      expect(figure(s, {}, 2023)).toBe(143795);
    }
  });

  it('"Other Countries" is a single-row group counted among the cells of the Total', () => {
    const other = top25.provLastYear.records.find((r) => r.publishedLabel === 'Other Countries' && r.period.year === 2023 && r.period.month === 1)!;
    expect([other.dims.citizenship, other.isTotal]).toEqual(['OTHER_COUNTRIES', false]);
    const c = grandTotalCheck(top25.provLastYear, 2023, 'cells');
    expect(c.published).toBe(143795);
    expect(c.difference).not.toBe(0);
  });
});

describe('disclosure audit of IRCC\'s own publication (Jul-2025 vintage)', () => {
  const shown = (r: OfficialRecord): Published => (r.suppressed ? '--' : r.value!);

  it('the files print 5, so "--" stands for 1 to 4: IRCC_R5 with upperInclusive: false', () => {
    const leaves = officeJul.records.filter((r) => !r.isTotal && !r.suppressed);
    expect(leaves.some((r) => r.value === 5)).toBe(true);
    expect(plausibleRange('--', 'IRCC_R5', { upperInclusive: false, complementary: false })).toEqual([1, 4]);
  });

  /** One office-type block for one year, as published: provinces × months, with its totals. */
  function publishedBlock(office: string, year: number): { table: Table; published: ProtectedTable } {
    const at = (dims: Record<string, string>, month?: number): OfficialRecord =>
      officeJul.records.find((r) => r.period.year === year && r.period.month === month && r.period.quarter === undefined && sameDims(r.dims, dims))!;
    const provinces = [...new Set(officeJul.records.filter((r) => r.dims.officeType === office && r.dims.province).map((r) => r.dims.province!))];
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    const cells = provinces.map((p) => months.map((m) => shown(at({ officeType: office, province: p }, m))));
    return {
      // The raw counts are unknown; the audit only needs the structure (true values are not used to find leaks).
      table: { rows: provinces, cols: months.map(String), cells: cells.map((r) => r.map(() => 0)), rowTotals: true, colTotals: true, grandTotal: true },
      published: {
        profile: 'IRCC_R5', options: resolveOptions('IRCC_R5', { upperInclusive: false, complementary: false }), cells, suppressed: [],
        rowTotals: provinces.map((p) => shown(at({ officeType: office, province: p }))),
        colTotals: months.map((m) => shown(at({ officeType: office }, m))),
        grandTotal: shown(at({ officeType: office })),
      },
    };
  }

  it('Newfoundland and Labrador, Inland 2016: four "--" months under a "--" year total (1 to 4) can only be 1 each', () => {
    const { table, published } = publishedBlock('INLAND', 2016);
    const nl = table.rows.indexOf('CA-NL');
    expect(published.cells[nl]).toEqual([0, '--', 0, 0, '--', 0, 0, '--', '--', 0, 0, 0]);
    expect(published.rowTotals![nl]).toBe('--');
    const pinned = auditRecoverability(table, published).filter((f) => f.at[0] === nl).map((f) => [f.at[1] + 1, f.value]);
    // …and the year total (column 13 in bordered coordinates) to 4.
    expect(pinned).toEqual([[2, 1], [5, 1], [8, 1], [9, 1], [13, 4]]);
  });

  it('Newfoundland and Labrador, Airport 2017: May "5" + two "--" = year "5" pins both to 1', () => {
    const { table, published } = publishedBlock('AIRPORT', 2017);
    const nl = table.rows.indexOf('CA-NL');
    expect(published.cells[nl]).toEqual([0, 0, 0, 0, 5, 0, '--', 0, 0, 0, '--', 0]);
    const pinned = auditRecoverability(table, published).filter((f) => f.at[0] === nl).map((f) => [f.at[1] + 1, f.value, f.method]);
    expect(pinned).toEqual([[7, 1, 'bounds'], [11, 1, 'bounds']]);
  });
});
