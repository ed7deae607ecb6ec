import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { startTestSystem, type TestSystem } from '../test/harness.ts';
import { importOfficialDirectory } from '../store/officialSeries.ts';
import { DEFAULT_OFFICIAL_DIR } from '../cli/official.ts';
import {
  parseIrccOfficeTypeProv, parseIrccPtGender, parseIrccTop25Citizenship, parseRpdOutcomes, type OfficialRecord, type ParsedSeries,
} from '../importers/official/index.ts';

/**
 * The official series the public dashboard draws (issue #5), through HTTP: every figure is checked
 * against the files the project ships, parsed independently of the database.
 */

const file = (p: string): string => join(DEFAULT_OFFICIAL_DIR, p);
const OGL = 'Contains information licensed under the Open Government Licence – Canada';
const OFFICE = 'ircc.asylum.office_type_prov';
const TOP25_MONTH = 'ircc.asylum.top25_citz_office_type_last_month';
const TOP25_YEAR = 'ircc.asylum.top25_citz_office_type_last_year';

let sys: TestSystem;
let office: ParsedSeries;
let top25Month: ParsedSeries;
let top25Year: ParsedSeries;
beforeAll(async () => {
  sys = await startTestSystem();
  await importOfficialDirectory(sys.db, DEFAULT_OFFICIAL_DIR);
  office = await parseIrccOfficeTypeProv(file('ircc-asylum-vintage-2025-07/EN_ODP-Asylum-OfficeType_Prov.xlsx'));
  top25Month = await parseIrccTop25Citizenship(file('stca-dataset/raw-ircc-vintage-2024-02/EN_ODP-Asylum-Top_25_CITZ_Office_Type_last_month.xlsx'));
  top25Year = await parseIrccTop25Citizenship(file('stca-dataset/raw-ircc-vintage-2024-02/EN_ODP-Asylum-Top_25_CITZ_Office_Type_last_year.xlsx'));
});
afterAll(async () => { await sys?.close(); });

const get = (url: string) => sys.app.inject({ method: 'GET', url });
const json = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};

interface Row { period: string; value: number | null; suppressed: boolean; cells: number; suppressedCells: number; publishedTotal?: { value: number | null; suppressed: boolean; label: string }; partial?: boolean }
const label = (r: OfficialRecord): string => (r.period.month !== undefined ? `${r.period.year}-${String(r.period.month).padStart(2, '0')}` : String(r.period.year));
const sameDims = (a: Record<string, string>, b: Record<string, string>): boolean => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** What a period's row must be, from the parsed workbook: its cells summed (suppressed counted), and the total printed over exactly them. */
function expectedRow(records: OfficialRecord[], period: string, inCell: (r: OfficialRecord) => boolean, totalDims: Record<string, string> | null): Row {
  const cells = records.filter((r) => !r.isTotal && r.period.month !== undefined && label(r) === period && inCell(r));
  const shown = cells.filter((r) => !r.suppressed);
  const total = totalDims === null ? undefined
    : records.find((r) => r.isTotal && r.period.quarter === undefined && label(r) === period && sameDims(r.dims, totalDims));
  return {
    period, value: shown.length === 0 ? null : shown.reduce((s, r) => s + r.value!, 0), suppressed: shown.length < cells.length,
    cells: cells.length, suppressedCells: cells.length - shown.length,
    ...(total ? { publishedTotal: { value: total.value, suppressed: total.suppressed, label: total.publishedLabel } } : {}),
  };
}

describe('GET /api/v1/stats/official/breakdown: national claims by month and office category', () => {
  it('every month since January 2015, each category\'s cells summed with suppressed cells counted, beside IRCC\'s own category totals', async () => {
    const a = await json(`/api/v1/stats/official/breakdown?series=${OFFICE}&by=officeCategory`);
    expect([a.vintage, a.by, a.dimension, a.grain, a.period, a.additive]).toEqual(['2025-07-31', 'officeCategory', 'officeType', 'month', null, true]);
    expect(a.source).toMatchObject({ publisher: 'Immigration, Refugees and Citizenship Canada (IRCC)', licence: OGL, vintage: '2025-07-31', derivedBy: null });
    expect(a.source.title).toBe('Canada - Asylum Claimants by Claim Office Type, Province/Territory* of Claim and Claim Year, January 2015 - July 2025');
    expect(a.definition.en).toContain('each value of officeType');
    expect(a.definition.fr).toContain('chaque valeur de officeType');
    // In the workbook's order.
    expect(a.values.map((v: { value: string }) => v.value)).toEqual(['AIRPORT', 'BORDER', 'INLAND', 'OTHER_OFFICES']);
    const months = [...new Set(office.records.filter((r) => r.period.month !== undefined).map(label))].sort();
    expect(months).toHaveLength(127);
    for (const v of a.values as Array<{ value: string; rows: Row[] }>) {
      // Other Offices is one row with no province: a cell, with no total of its own.
      const totalDims = v.value === 'OTHER_OFFICES' ? null : { officeType: v.value };
      expect(v.rows, v.value).toEqual(months.map((m) => expectedRow(office.records, m, (r) => r.dims.officeType === v.value, totalDims)));
    }
    expect(a.total).toEqual(months.map((m) => expectedRow(office.records, m, () => true, {})));
    // Spelled out for July 2025: Border cells 4,295 with two "--", IRCC's Border total 4,305; Other Offices "--".
    const july = (v: string) => a.values.find((x: { value: string }) => x.value === v).rows.at(-1);
    expect(july('BORDER')).toEqual({ period: '2025-07', value: 4295, suppressed: true, cells: 10, suppressedCells: 2, publishedTotal: { value: 4305, suppressed: false, label: 'Border - Total' } });
    expect(july('OTHER_OFFICES')).toEqual({ period: '2025-07', value: null, suppressed: true, cells: 1, suppressedCells: 1 });
    expect(a.total.at(-1).publishedTotal).toEqual({ value: 12545, suppressed: false, label: 'Total ' });
  });

  it('by year: the months added up, 2025 marked partial (January to July), IRCC\'s yearly totals beside them', async () => {
    const a = await json(`/api/v1/stats/official/breakdown?series=${OFFICE}&by=officeCategory&grain=year&from=2024`);
    const border = a.values.find((v: { value: string }) => v.value === 'BORDER').rows as Row[];
    expect(border.map((r) => [r.period, r.publishedTotal?.value, r.partial ?? false])).toEqual([['2024', 15425, false], ['2025', border[1]!.publishedTotal!.value, true]]);
    const cells2024 = office.records.filter((r) => !r.isTotal && r.period.year === 2024 && r.period.month !== undefined && r.dims.officeType === 'BORDER');
    expect([border[0]!.cells, border[0]!.suppressedCells, border[0]!.value]).toEqual([
      cells2024.length, cells2024.filter((r) => r.suppressed).length, cells2024.reduce((s, r) => s + (r.value ?? 0), 0)]);
    expect(a.total.map((r: Row) => r.publishedTotal?.value)).toEqual([171835, 69810]);
    expect(a.definition.en).toContain('marked partial');
  });

  it('by province: cells without a province (Other Offices) are in the total only; IRCC\'s province totals where it prints them', async () => {
    const a = await json(`/api/v1/stats/official/breakdown?series=${OFFICE}&by=province&period=2025-07`);
    const values = a.values as Array<{ value: string; rows: Row[] }>;
    expect(values.map((v) => v.value).filter((p) => !/^CA-[A-Z]{2}$/.test(p))).toEqual(['NOT_STATED']);
    for (const v of values) expect(v.rows, v.value).toEqual([expectedRow(office.records, '2025-07', (r) => r.dims.province === v.value, null)]);
    expect(a.total).toEqual([expectedRow(office.records, '2025-07', () => true, {})]);
    const inProvinces = values.reduce((n, v) => n + v.rows[0]!.cells, 0);
    expect(a.total[0].cells - inProvinces).toBe(office.records.filter((r) => !r.isTotal && label(r) === '2025-07' && r.dims.province === undefined).length);
    // The gender workbook closes each province with its own total ('Quebec Total').
    const gender = await parseIrccPtGender(file('ircc-asylum-vintage-2025-07/EN_ODP-Asylum-PT_Gender.xlsx'));
    const g = await json('/api/v1/stats/official/breakdown?series=ircc.asylum.pt_gender&by=province&period=latest');
    expect(g.period).toBe('2025-07');
    const qc = g.values.find((v: { value: string }) => v.value === 'CA-QC');
    expect(qc.rows).toEqual([expectedRow(gender.records, '2025-07', (r) => r.dims.province === 'CA-QC', { province: 'CA-QC' })]);
    expect(qc.rows[0].publishedTotal.label).toBe('Quebec Total');
  });

  it('/stats/official takes a grain too: Quebec land-border claims in 2022 by year, 39,890', async () => {
    const a = await json(`/api/v1/stats/official?series=${OFFICE}&province=QC&officeCategory=Border&grain=year&from=2022&to=2022`);
    expect(a.rows).toEqual([{ period: '2022', value: 39890, suppressed: false, cells: 12, suppressedCells: 0, publishedTotal: { value: 39890, suppressed: false, label: 'Quebec' } }]);
  });
});

describe('GET /api/v1/stats/official/breakdown: top citizenships', () => {
  /** Each country's total as IRCC prints it for the period, in rank order; Other Countries is a single row. */
  const published = (s: ParsedSeries, period: string) => s.records
    .filter((r) => r.isTotal && r.period.quarter === undefined && label(r) === period && r.dims.rank !== undefined && r.dims.officeType === undefined)
    .map((r) => [r.dims.citizenship, Number(r.dims.rank), r.value]);

  it('the latest month, February 2024, in IRCC\'s February ranking', async () => {
    const a = await json(`/api/v1/stats/official/breakdown?series=${TOP25_MONTH}&by=citizenship&period=latest`);
    expect([a.vintage, a.period, a.grain]).toEqual(['2024-02-29', '2024-02', 'month']);
    expect(a.source.title).toContain('(February ranking)');
    const values = a.values as Array<{ value: string; attributes: Record<string, string>; rows: Row[] }>;
    expect(values).toHaveLength(26);
    expect(values.slice(0, 25).map((v) => [v.value, Number(v.attributes.rank), v.rows[0]!.publishedTotal!.value])).toEqual(published(top25Month, '2024-02'));
    expect(values.slice(0, 3).map((v) => [v.value, v.attributes, v.rows[0]!.publishedTotal!.value])).toEqual([
      ['IND', { citizenshipName: 'India', rank: '1' }, 2310], ['MEX', { citizenshipName: 'Mexico', rank: '2' }, 2020], ['BGD', { citizenshipName: 'Bangladesh', rank: '3' }, 1980]]);
    for (const v of values) {
      expect(v.rows, v.value).toEqual([expectedRow(top25Month.records, '2024-02', (r) => r.dims.citizenship === v.value,
        v.value === 'OTHER_COUNTRIES' ? null : top25Month.records.find((r) => r.isTotal && r.dims.citizenship === v.value && r.dims.officeType === undefined)!.dims)]);
    }
    expect(values[25]).toEqual({ value: 'OTHER_COUNTRIES', attributes: { citizenshipName: 'Other Countries' },
      rows: [{ period: '2024-02', value: 2235, suppressed: false, cells: 1, suppressedCells: 0 }] });
    expect(a.total).toEqual([expectedRow(top25Month.records, '2024-02', () => true, {})]);
    expect(a.total[0].publishedTotal).toEqual({ value: 16350, suppressed: false, label: 'Total' });
  });

  it('the latest whole year, 2023 (2024 has two months), in IRCC\'s 2023 ranking', async () => {
    const a = await json(`/api/v1/stats/official/breakdown?series=${TOP25_YEAR}&by=citizenship&grain=year&period=latest`);
    expect([a.period, a.grain]).toEqual(['2023', 'year']);
    const values = a.values as Array<{ value: string; rows: Row[] }>;
    expect(values.slice(0, 25).map((v) => [v.value, Number((v as unknown as { attributes: { rank: string } }).attributes.rank), v.rows[0]!.publishedTotal!.value]))
      .toEqual(published(top25Year, '2023'));
    // Mexico: 48 monthly cells (office types), six of them "--", add up to 23,875; IRCC prints 23,860.
    expect(values[0]).toMatchObject({ value: 'MEX', rows: [{ period: '2023', value: 23875, suppressed: true, cells: 48, suppressedCells: 6, publishedTotal: { value: 23860, label: '(1) Mexico' } }] });
    expect(values[25]!.rows[0]!.publishedTotal).toEqual({ value: 27070, suppressed: false, label: 'Other Countries' });
    expect(a.total[0].publishedTotal.value).toBe(143795);
  });
});

describe('IRB RPD outcomes', () => {
  it('GET /stats/official/rpd-outcomes: every year as published, the published acceptance rate (accepted ÷ (accepted + rejected)) and ACC_FINALIZED', async () => {
    const a = await json('/api/v1/stats/official/rpd-outcomes');
    const csv = parseRpdOutcomes(file('canada-observatory/ircc_asylum_outcomes.csv'));
    const years = [...new Set(csv.records.map((r) => r.period.year))];
    const of = (series: string, year: number, outcome?: string) => csv.records.find((r) => r.series === series && r.period.year === year && (outcome === undefined || r.dims.outcome === outcome))!.value;
    expect(a.rows.map((r: { year: number }) => r.year)).toEqual(years);
    expect(a.rows.map((r: Record<string, unknown>) => [r.year, r.accepted, r.rejected, r.abandonedWithdrawnOther, r.publishedAcceptanceRate, r.publishedMatches]))
      .toEqual(years.map((y) => [y, of('irb.rpd.outcomes', y, 'ACCEPTED'), of('irb.rpd.outcomes', y, 'REJECTED'), of('irb.rpd.outcomes', y, 'ABANDONED_WITHDRAWN_OTHER'), of('irb.rpd.acceptance_rate', y), true]));
    const y2024 = a.rows.find((r: { year: number }) => r.year === 2024);
    expect([y2024.totalFinalized, y2024.publishedAcceptanceRate, y2024.ACC_MERITS.percent, y2024.ACC_FINALIZED.percent]).toEqual([73275, 80.6, 80.6, 63]);
    expect(a.rates.ACC_MERITS.formula).toEqual({ en: 'accepted ÷ (accepted + rejected)', fr: 'acceptées ÷ (acceptées + rejetées)' });
    expect(a.source).toMatchObject({ publisher: 'Immigration and Refugee Board of Canada (IRB)', licence: OGL, vintage: '2026-08-22' });
    const some = await json('/api/v1/stats/official/rpd-outcomes?from=2020&to=2021');
    expect(some.rows.map((r: { year: number; accepted: number }) => [r.year, r.accepted])).toEqual([[2020, 15717], [2021, 29926]]);
  });

  it('the outcome counts break down by outcome per year too', async () => {
    const a = await json('/api/v1/stats/official/breakdown?series=irb.rpd.outcomes&by=outcome&grain=year&period=2021');
    expect(a.values.map((v: { value: string; rows: Row[] }) => [v.value, v.rows[0]!.value])).toEqual([['ACCEPTED', 29926], ['REJECTED', 11768], ['ABANDONED_WITHDRAWN_OTHER', 6412]]);
    expect(a.total[0]).toEqual({ period: '2021', value: 48106, suppressed: false, cells: 3, suppressedCells: 0 });
  });
});

describe('questions the series cannot answer are refused, naming the field (never a 500)', () => {
  const B = `/api/v1/stats/official/breakdown?series=${OFFICE}`;
  const cases: Array<[string, number, string, string]> = [
    [`${B}&by=citizenship`, 422, 'by', 'dimension_not_in_series'],
    [`${B}&by=colour`, 400, 'querystring.by', ''],
    [`${B}&by=officeCategory&officeCategory=Border`, 422, 'by', 'conflicting_filter'],
    [`${B}&by=officeCategory&period=latest&from=2020`, 422, 'period', 'conflicting_period'],
    [`${B}&by=officeCategory&period=2024`, 422, 'period', 'invalid_period'],
    [`${B}&by=province&from=2024-02-30`, 422, 'from', 'invalid_period'],
    [`${B}&by=province&from=0000`, 422, 'from', 'invalid_period'],
    [`${B}&by=province&from=2025&to=2024`, 422, 'from', 'from_after_to'],
    [`${B}&by=province&officeCategory=Seaport`, 422, 'officeCategory', 'unknown_officeType'],
    [`${B}&by=province&outcome=%00`, 422, 'outcome', 'invalid_characters'],
    [`${B}&by=province&vintage=2024-02-30`, 422, 'vintage', 'invalid_vintage'],
    ['/api/v1/stats/official/breakdown?series=irb.rpd.outcomes&by=outcome', 422, 'grain', 'grain_not_published'],
    ['/api/v1/stats/official/breakdown?series=irb.rpd.irregular_crossers_by_country&by=outcome&grain=year', 422, 'grain', 'not_additive'],
    ['/api/v1/stats/official/breakdown?series=no%20such&by=outcome', 400, 'querystring.series', ''],
    ['/api/v1/stats/official?series=irb.rpd.outcomes&from=2020-02-31', 422, 'from', 'invalid_period'],
    ['/api/v1/stats/official/rpd-outcomes?from=2025&to=2020', 422, 'from', 'from_after_to'],
    ['/api/v1/stats/official/rpd-outcomes?from=twenty', 400, 'querystring.from', ''],
  ];
  it.each(cases)('%s → %i', async (url, status, field, code) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(status);
    const body = res.json();
    expect(body.errors[0].field).toBe(field);
    if (code) expect(body.errors[0].code).toBe(code);
  });

  it('an unknown series or a vintage before the first release is 404', async () => {
    const none = await get('/api/v1/stats/official/breakdown?series=no.such.series&by=province');
    expect([none.statusCode, none.json().code]).toEqual([404, 'official_series_not_found']);
    const early = await get(`/api/v1/stats/official/breakdown?series=${OFFICE}&by=province&vintage=2020-01-01`);
    expect([early.statusCode, early.json().code]).toEqual([404, 'official_vintage_not_found']);
  });
});
