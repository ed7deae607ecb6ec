/**
 * The official series the demo generator follows, read from /datasets (see datasets/README.md).
 *
 * - IRCC claimants by month × province × claim-office type, Jan 2015 – Jul 2025 (July 2025 vintage),
 *   from the derived extracted_asylum.csv (its non-total rows equal the workbook kept beside it, with
 *   "--" replaced by 2; checked cell by cell when the file was added).
 * - Claimants by country of citizenship and year (top 25 of the 2025 ranking) and yearly totals
 *   (Canada Observatory, derived from IRCC open data).
 * - IRB RPD finalized claims by year: accepted / rejected / other (Canada Observatory, derived from
 *   the IRB RPD open data).
 * - RCMP interceptions between ports of entry by month and province, 2017–2023 (STCA dataset,
 *   derived from IRCC's "Asylum claims by year" pages).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Province } from '../domain/intake/types.ts';
import { provinceByIrccLabel, type IrccOfficeCategory } from '../jurisdictions/ca/offices.ts';
import { monthIndex } from './dates.ts';

export const DATASETS_DIR = new URL('../../datasets/', import.meta.url);

export const DEMO_SOURCES: readonly string[] = Object.freeze([
  'Monthly claimant volumes by province and claim-office type: Immigration, Refugees and Citizenship Canada (IRCC), ' +
    '"Canada - Asylum Claimants by Claim Office Type, Province/Territory of Claim and Claim Year, January 2015 - July 2025" ' +
    '(Source: IRCC, July 31, 2025), open data "Asylum Claimants – Monthly IRCC Updates" ' +
    '(open.canada.ca dataset b6cbcf4d-f763-4924-a2fb-8cc4a06e3de4); workbook and its extraction extracted_asylum.csv ' +
    'from github.com/sitrucp/canada_immigration_data at commit 1a6aa519785a1635dda92ba2a8dc37b0f0acb839. ' +
    'Contains information licensed under the Open Government Licence – Canada.',
  'Claimants by country of citizenship and year (top 25) and yearly totals: derived by the Canada Observatory ' +
    '(github.com/CanadaObservatory/canada-observatory, commit 72605e6eea737cbeb7cc504fb6284045775b902a) from IRCC open data ' +
    '(ODP-Asylum-Top25CitzProv-LastYear, ODP-Asylum-PT_OfficeType). ' +
    'Contains information licensed under the Open Government Licence – Canada.',
  'RPD outcomes by year (accepted, rejected, other): derived by the Canada Observatory (same commit) from the ' +
    'Immigration and Refugee Board of Canada RPD open data (open.canada.ca dataset 6e47f705-71ed-41f0-8fd5-d1a8508a3b63). ' +
    'Contains information licensed under the Open Government Licence – Canada.',
  'RCMP interceptions between ports of entry by month and province, 2017–2023: "US-CAN Safe Third Country Agreement Dataset" ' +
    '(HAVEN: Asylum Lab; github.com/lifers/STCA-dataset, commit 92f8dc4cdd6cda6107921653b5a3e786aae39133; Borealis DOI 10.5683/SP3/WBSFPE), ' +
    "cleaned from IRCC's \"Asylum claims by year\" pages (RCMP, CBSA and IRCC figures). " +
    'Contains information licensed under the Open Government Licence – Canada.',
  'All people, names, documents and case histories in the demo are synthetic. Only the aggregate volumes and shares above are real.',
]);

/** One published series of the office-type workbook: a category in a province (or none). */
export interface IrccCell {
  category: IrccOfficeCategory;
  /** null for "Other Offices" (no province) and for Inland "Province/Territory of claim not stated". */
  province: Province | null;
  notStated: boolean;
}

export interface DemoData {
  /** Fixed order (order of first appearance in the file). */
  cells: readonly IrccCell[];
  /** First and last published month, as month indexes (2015-01 → 0). */
  firstMonth: number;
  lastMonth: number;
  /** Published values by [month − firstMonth][cell]; "--" counts as 2. */
  values: readonly Float64Array[];
  /** Citizenship counts by year, ISO alpha-3 → persons (top 25 of the 2025 ranking). */
  citizenshipByYear: ReadonlyMap<number, ReadonlyMap<string, number>>;
  /** Yearly totals on the same basis as citizenshipByYear (sum of rounded cells). */
  totalByYear: ReadonlyMap<number, number>;
  outcomesByYear: ReadonlyMap<number, { accepted: number; rejected: number; other: number }>;
  /** RCMP interceptions, by province then month index (2017-01 … 2023-12). */
  rcmpInterceptions: ReadonlyMap<Province, ReadonlyMap<number, number>>;
  rcmpFirstMonth: number;
  rcmpLastMonth: number;
}

/** Names used by the Canada Observatory file → ISO 3166-1 alpha-3. */
export const COUNTRY_NAME_TO_CODE: Readonly<Record<string, string>> = {
  China: 'CHN',
  Pakistan: 'PAK',
  Nigeria: 'NGA',
  Colombia: 'COL',
  Ukraine: 'UKR',
  India: 'IND',
  Haiti: 'HTI',
  'DR Congo': 'COD',
  Ethiopia: 'ETH',
  Turkey: 'TUR',
  Venezuela: 'VEN',
  'Sri Lanka': 'LKA',
  Bangladesh: 'BGD',
  Cameroon: 'CMR',
  'United States of America': 'USA',
  Iran: 'IRN',
  Mexico: 'MEX',
  Nepal: 'NPL',
  Algeria: 'DZA',
  Senegal: 'SEN',
  Ghana: 'GHA',
  'Guinea, Republic of': 'GIN',
  'Ivory Coast, Republic of': 'CIV',
  Romania: 'ROU',
  Chile: 'CHL',
};

type Rec = Record<string, string>;

function readCsv(relPath: string, dir: URL): Rec[] {
  const text = readFileSync(new URL(relPath, dir), 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true }) as Rec[];
}

function field(r: Rec, name: string): string {
  const v = r[name];
  if (v === undefined) throw new Error(`CSV row without column ${name}`);
  return v;
}

function num(s: string, what: string): number {
  const n = Number(s);
  if (s.trim() === '' || !Number.isFinite(n)) throw new Error(`Not a number in ${what}: ${JSON.stringify(s)}`);
  return n;
}

const CATEGORIES: readonly IrccOfficeCategory[] = ['Airport', 'Border', 'Inland', 'Other Offices'];
const MONTH_COLUMNS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Parses the IRCC office-type series (non-total rows of extracted_asylum.csv). */
export function loadIrccSeries(dir: URL = DATASETS_DIR): Pick<DemoData, 'cells' | 'firstMonth' | 'lastMonth' | 'values'> {
  const rows = readCsv('ircc-asylum-vintage-2025-07/extracted_asylum.csv', dir);
  const cells: IrccCell[] = [];
  const cellKey = new Map<string, number>();
  const byMonth = new Map<number, Map<number, number>>();
  for (const r of rows) {
    if (field(r, 'total_flag') !== 'False') continue;
    const category = field(r, 'claim_office_type') as IrccOfficeCategory;
    if (!CATEGORIES.includes(category)) throw new Error(`Unknown claim office type ${category}`);
    const label = field(r, 'province_territory');
    const notStated = label === 'Province/Territory of claim not stated';
    const province = label === '' || notStated ? null : provinceByIrccLabel(label);
    if (province === undefined) throw new Error(`Unknown province label ${label}`);
    const key = `${category}|${label}`;
    let ci = cellKey.get(key);
    if (ci === undefined) {
      ci = cells.length;
      cells.push({ category, province, notStated });
      cellKey.set(key, ci);
    }
    const mi = monthIndex(num(field(r, 'year'), 'year'), num(field(r, 'month'), 'month'));
    let m = byMonth.get(mi);
    if (!m) byMonth.set(mi, (m = new Map()));
    m.set(ci, num(field(r, 'value'), 'value'));
  }
  const months = [...byMonth.keys()].sort((a, b) => a - b);
  const firstMonth = months[0] ?? 0;
  const lastMonth = months[months.length - 1] ?? -1;
  const values: Float64Array[] = [];
  for (let mi = firstMonth; mi <= lastMonth; mi++) {
    const arr = new Float64Array(cells.length);
    const m = byMonth.get(mi);
    if (!m) throw new Error(`Month ${mi} missing from the IRCC series`);
    for (const [ci, v] of m) arr[ci] = v;
    values.push(arr);
  }
  return { cells, firstMonth, lastMonth, values };
}

let cached: DemoData | undefined;

/** Loads (once) every series the generator uses. */
export function loadDemoData(dir: URL = DATASETS_DIR): DemoData {
  if (cached && dir.href === DATASETS_DIR.href) return cached;
  const series = loadIrccSeries(dir);

  const citizenshipByYear = new Map<number, Map<string, number>>();
  for (const r of readCsv('canada-observatory/ircc_asylum_by_country.csv', dir)) {
    const name = field(r, 'country');
    const code = COUNTRY_NAME_TO_CODE[name];
    if (code === undefined) throw new Error(`No ISO code for country name ${JSON.stringify(name)}`);
    const y = num(field(r, 'year'), 'year');
    let m = citizenshipByYear.get(y);
    if (!m) citizenshipByYear.set(y, (m = new Map()));
    m.set(code, (m.get(code) ?? 0) + num(field(r, 'count'), 'count'));
  }
  const totalByYear = new Map<number, number>();
  for (const r of readCsv('canada-observatory/ircc_asylum_total.csv', dir)) {
    totalByYear.set(num(field(r, 'year'), 'year'), num(field(r, 'count'), 'count'));
  }
  const outcomesByYear = new Map<number, { accepted: number; rejected: number; other: number }>();
  for (const r of readCsv('canada-observatory/ircc_asylum_outcomes.csv', dir)) {
    outcomesByYear.set(num(field(r, 'year'), 'year'), {
      accepted: num(field(r, 'accepted'), 'accepted'),
      rejected: num(field(r, 'rejected'), 'rejected'),
      other: num(field(r, 'other'), 'other'),
    });
  }
  const rcmpInterceptions = new Map<Province, Map<number, number>>();
  let rcmpFirstMonth = Infinity;
  let rcmpLastMonth = -Infinity;
  for (const r of readCsv('stca-dataset/rcmp_interceptions.csv', dir)) {
    const province = provinceByIrccLabel(field(r, 'province'));
    if (province === undefined) throw new Error(`Unknown province ${field(r, 'province')}`);
    const y = num(field(r, 'year'), 'year');
    let m = rcmpInterceptions.get(province);
    if (!m) rcmpInterceptions.set(province, (m = new Map()));
    MONTH_COLUMNS.forEach((col, i) => {
      const mi = monthIndex(y, i + 1);
      m.set(mi, num(field(r, col), col));
      rcmpFirstMonth = Math.min(rcmpFirstMonth, mi);
      rcmpLastMonth = Math.max(rcmpLastMonth, mi);
    });
  }
  const data: DemoData = {
    ...series,
    citizenshipByYear,
    totalByYear,
    outcomesByYear,
    rcmpInterceptions,
    rcmpFirstMonth,
    rcmpLastMonth,
  };
  if (dir.href === DATASETS_DIR.href) cached = data;
  return data;
}

/**
 * The published month whose volume stands for month `mi`: itself when published; after the last
 * published month, the same month one year earlier (repeatedly); before the first, none.
 */
export function sourceMonth(mi: number, firstMonth: number, lastMonth: number): number | undefined {
  if (mi < firstMonth) return undefined;
  let m = mi;
  while (m > lastMonth) m -= 12;
  return m;
}
