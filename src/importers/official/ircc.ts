/**
 * Parsers for IRCC's "Asylum Claimants – Monthly IRCC Updates" open-data workbooks (EN_ODP-Asylum-*.xlsx).
 *
 * They are wide pivots, not tables (see datasets/official and the shared data README):
 * - one sheet; a title in row 1; the header cell (e.g. 'Claim Office Type and Province/Territory of
 *   Claim') in column A of row 3, merged over 2 or 3 header rows;
 * - header rows: the year (merged across its columns), then optionally the quarter ('Q1'…), then
 *   the month ('Jan'…'Dec') or a total column ('Q1 Total', '2024 Total'). Columns are selected by
 *   their header text, never by position;
 * - every value is a STRING: '1,880' (thousands commas), '--' (suppressed), '0' (true zero); all
 *   other values are rounded to 5, totals independently. The footnote says values "between 0 and 5"
 *   are shown as '--', but the files do print '5': in practice '--' stands for 1 to 4, i.e.
 *   IRCC_R5 with upperInclusive: false (src/domain/statistics/disclosure.ts);
 * - row groups: leaf rows have column A empty and their label in column B; the group's label
 *   appears only on the closing row (A merged over A:B): 'Airport - Total', 'Quebec Total',
 *   '(7) Haiti'. A closing row with no leaf rows above it is a single-row group ('Other Offices',
 *   'Other Countries', 'Outside Canada Total'). The 'Total' row (sometimes 'Total ') closes the table;
 * - a footnote, then the footer 'Source: IRCC, July 31, 2025', which gives the vintage.
 */

import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { AGE_GROUPS, GENDERS, IRCC_CITIZENSHIP_ISO3, isoFromLongDate, MONTHS, OFFICE_TYPES, PROVINCES } from './codes.ts';
import { OfficialParseError, type OfficialRecord, type ParsedSeries, type Period } from './types.ts';

export type WorkbookSource = string | Uint8Array | ArrayBuffer;

export interface ParseOptions {
  /** Name used in errors and refs when the source is a buffer. */
  fileName?: string;
}

type GroupResult = { kind: 'grand' } | { kind: 'group'; dims: Record<string, string> };

interface PivotSpec {
  series: string;
  sheet: string;
  header: string;
  /** Dimensions of a leaf row from its column-B label; undefined if the label is unknown. */
  leaf: (label: string) => Record<string, string> | undefined;
  /** Meaning of a closing row from its column-A label; undefined if the label is unknown. */
  group: (label: string) => GroupResult | undefined;
}

const isGrand = (label: string): boolean => label.trim() === 'Total';

function provinceGroup(label: string): GroupResult | undefined {
  if (isGrand(label)) return { kind: 'grand' };
  const m = /^(.*?)\s*-?\s*Total$/.exec(label.trim());
  const code = m ? PROVINCES[m[1]!] : undefined;
  return code ? { kind: 'group', dims: { province: code } } : undefined;
}

function citizenshipGroup(label: string): GroupResult | undefined {
  const t = label.trim();
  if (isGrand(t)) return { kind: 'grand' };
  if (t === 'Other Countries') return { kind: 'group', dims: { citizenship: 'OTHER_COUNTRIES', citizenshipName: t } };
  const m = /^\((\d+)\)\s+(.+)$/.exec(t);
  if (!m) return undefined;
  const name = m[2]!.trim();
  const iso = IRCC_CITIZENSHIP_ISO3[name];
  return { kind: 'group', dims: { ...(iso ? { citizenship: iso } : {}), citizenshipName: name, rank: m[1]! } };
}

const code = (table: Readonly<Record<string, string>>, key: string) => (label: string): Record<string, string> | undefined => {
  const v = table[label.trim()];
  return v === undefined ? undefined : { [key]: v };
};

export type IrccWorkbookKind =
  | 'office_type_prov'
  | 'pt_age'
  | 'pt_gender'
  | 'top25_citz_office_type_last_month'
  | 'top25_citz_office_type_last_year'
  | 'top25_citz_prov_last_month'
  | 'top25_citz_prov_last_year';

export const IRCC_WORKBOOKS: Readonly<Record<IrccWorkbookKind, PivotSpec>> = {
  office_type_prov: {
    series: 'ircc.asylum.office_type_prov',
    sheet: 'Asylum Claimants - Office Type',
    header: 'Claim Office Type and Province/Territory of Claim',
    leaf: code(PROVINCES, 'province'),
    group: (label) => {
      const t = label.trim();
      if (isGrand(t)) return { kind: 'grand' };
      if (t === 'Other Offices') return { kind: 'group', dims: { officeType: 'OTHER_OFFICES' } };
      const m = /^(.+?)\s+-\s+Total$/.exec(t);
      const office = m ? OFFICE_TYPES[m[1]!] : undefined;
      return office ? { kind: 'group', dims: { officeType: office } } : undefined;
    },
  },
  pt_age: {
    series: 'ircc.asylum.pt_age',
    sheet: 'Asylum Claimants - Age',
    header: 'Province/Territory and Age',
    leaf: code(AGE_GROUPS, 'ageGroup'),
    group: provinceGroup,
  },
  pt_gender: {
    series: 'ircc.asylum.pt_gender',
    sheet: 'Asylum Claimants - Gender',
    header: 'Province/Territory and Gender',
    leaf: code(GENDERS, 'gender'),
    group: provinceGroup,
  },
  top25_citz_office_type_last_month: {
    series: 'ircc.asylum.top25_citz_office_type_last_month',
    sheet: 'Asylum Claimants - Office month',
    header: 'Country of Citizenship and Office Type',
    leaf: code(OFFICE_TYPES, 'officeType'),
    group: citizenshipGroup,
  },
  top25_citz_office_type_last_year: {
    series: 'ircc.asylum.top25_citz_office_type_last_year',
    sheet: 'Asylum Claimants - Office year',
    header: 'Country of Citizenship and Office Type',
    leaf: code(OFFICE_TYPES, 'officeType'),
    group: citizenshipGroup,
  },
  top25_citz_prov_last_month: {
    series: 'ircc.asylum.top25_citz_prov_last_month',
    sheet: 'Asylum Claimants - PT month',
    header: 'Country of Citizenship and Province/Territory',
    leaf: code(PROVINCES, 'province'),
    group: citizenshipGroup,
  },
  top25_citz_prov_last_year: {
    series: 'ircc.asylum.top25_citz_prov_last_year',
    sheet: 'Asylum Claimants - PT year',
    header: 'Country of Citizenship and Province/Territory',
    leaf: code(PROVINCES, 'province'),
    group: citizenshipGroup,
  },
};

export const parseIrccOfficeTypeProv = (src: WorkbookSource, o?: ParseOptions): Promise<ParsedSeries> => parseIrccWorkbook(src, 'office_type_prov', o);
export const parseIrccPtAge = (src: WorkbookSource, o?: ParseOptions): Promise<ParsedSeries> => parseIrccWorkbook(src, 'pt_age', o);
export const parseIrccPtGender = (src: WorkbookSource, o?: ParseOptions): Promise<ParsedSeries> => parseIrccWorkbook(src, 'pt_gender', o);

/** Any of the four top-25 citizenship workbooks; which one is recognised from its sheet name. */
export async function parseIrccTop25Citizenship(src: WorkbookSource, o: ParseOptions = {}): Promise<ParsedSeries> {
  const file = fileNameOf(src, o);
  const wb = await loadWorkbook(src, file);
  const kinds = (Object.keys(IRCC_WORKBOOKS) as IrccWorkbookKind[]).filter((k) => k.startsWith('top25_'));
  const kind = kinds.find((k) => wb.getWorksheet(IRCC_WORKBOOKS[k].sheet) !== undefined);
  if (!kind) {
    throw new OfficialParseError(file, 'sheet_not_found',
      `none of the top-25 sheets (${kinds.map((k) => `"${IRCC_WORKBOOKS[k].sheet}"`).join(', ')}) was found; the workbook has ${sheetList(wb)}`);
  }
  return parsePivot(wb, IRCC_WORKBOOKS[kind], file);
}

export async function parseIrccWorkbook(src: WorkbookSource, kind: IrccWorkbookKind, o: ParseOptions = {}): Promise<ParsedSeries> {
  const file = fileNameOf(src, o);
  const wb = await loadWorkbook(src, file);
  return parsePivot(wb, IRCC_WORKBOOKS[kind], file);
}

// ---------------------------------------------------------------------------------------------

function fileNameOf(src: WorkbookSource, o: ParseOptions): string {
  return o.fileName ?? (typeof src === 'string' ? basename(src) : 'workbook.xlsx');
}

async function loadWorkbook(src: WorkbookSource, file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    if (typeof src === 'string') await wb.xlsx.readFile(src);
    else {
      const bytes = src instanceof ArrayBuffer ? Buffer.from(src) : Buffer.from(src.buffer, src.byteOffset, src.byteLength);
      await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
    }
  } catch (e) {
    throw new OfficialParseError(file, 'not_xlsx', `cannot be read as an .xlsx workbook (${(e as Error).message})`);
  }
  return wb;
}

function sheetList(wb: ExcelJS.Workbook): string {
  const names = wb.worksheets.map((w) => `"${w.name}"`);
  return names.length === 0 ? 'no sheets' : `sheets ${names.join(', ')}`;
}

/** Text of a cell, whatever exceljs made of it (string, number, rich text, formula result). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  if ('error' in v) return String(v.error);
  return '';
}

interface Column { col: number; letter: string; header: string; period: Period; isTotal: boolean }

function parseNumber(v: ExcelJS.CellValue, where: () => string, file: string, loc: { sheet: string; cell: string; row: number; column: string }): { value: number | null; suppressed: boolean } {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0) return { value: v, suppressed: false };
    throw new OfficialParseError(file, 'bad_value', `${where()}: expected a non-negative whole number, found ${v}`, loc);
  }
  const t = cellText(v).trim();
  if (t === '--') return { value: null, suppressed: true };
  if (/^\d{1,3}(,\d{3})+$/.test(t) || /^\d+$/.test(t)) return { value: Number(t.replace(/,/g, '')), suppressed: false };
  if (t === '') throw new OfficialParseError(file, 'empty_cell', `${where()} is empty (expected a number or '--')`, loc);
  throw new OfficialParseError(file, 'bad_value', `${where()}: expected a number such as '1,880' or '--', found '${t}'`, loc);
}

function parsePivot(wb: ExcelJS.Workbook, spec: PivotSpec, file: string): ParsedSeries {
  const ws = wb.getWorksheet(spec.sheet);
  if (!ws) throw new OfficialParseError(file, 'sheet_not_found', `sheet "${spec.sheet}" not found; the workbook has ${sheetList(wb)}`, { sheet: spec.sheet });
  const sheet = ws.name;
  const text = (r: number, c: number): string => cellText(ws.getCell(r, c).value);
  const letter = (c: number): string => ws.getColumn(c).letter;
  const fail = (codeName: string, message: string, loc: { row?: number; column?: string; cell?: string } = {}): never => {
    throw new OfficialParseError(file, codeName, `sheet "${sheet}": ${message}`, { sheet, ...loc });
  };

  // Header block
  let hr = 0;
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) if (text(r, 1).trim() === spec.header) { hr = r; break; }
  if (hr === 0) fail('header_not_found', `header '${spec.header}' not found in column A of rows 1–10`, { column: 'A' });
  let hb = 0;
  for (let r = hr + 1; r <= hr + 3; r++) if (MONTHS[text(r, 3).trim()] !== undefined) { hb = r; break; }
  if (hb === 0) fail('header_layout', `no month row under the header: expected 'Jan' in column C within rows ${hr + 1}–${hr + 3}`, { column: 'C', row: hr + 1 });
  const quarterRow = hb - hr === 2 ? hr + 1 : hb - hr === 1 ? 0 : -1;
  if (quarterRow < 0) fail('header_layout', `unexpected header rows ${hr + 1}–${hb - 1} between the years (row ${hr}) and the months (row ${hb})`, { row: hr + 1 });

  const columns: Column[] = [];
  const seen = new Set<string>();
  const lastCol = ws.columnCount;
  let lastYear = '';
  for (let c = 3; c <= lastCol; c++) {
    const bottom = text(hb, c).trim();
    // The year is merged across its columns; an unmerged copy has it in the first column only.
    const yearText = text(hr, c).trim() || (bottom !== '' ? lastYear : '');
    lastYear = yearText;
    if (yearText === '' && bottom === '') {
      for (let k = c + 1; k <= lastCol; k++) {
        if (text(hr, k).trim() !== '' || text(hb, k).trim() !== '') {
          fail('header_layout', `column ${letter(c)} has no header but column ${letter(k)} after it does`, { column: letter(c), row: hr });
        }
      }
      break;
    }
    if (!/^\d{4}$/.test(yearText)) fail('header_layout', `column ${letter(c)}, row ${hr}: expected a year, found '${yearText}'`, { column: letter(c), row: hr, cell: `${letter(c)}${hr}` });
    const year = Number(yearText);
    let col: Column;
    const month = MONTHS[bottom];
    const q = /^Q([1-4])\s*-?\s*Total$/.exec(bottom);
    const y = /^(\d{4})\s*-?\s*Total$/.exec(bottom);
    if (month !== undefined) {
      col = { col: c, letter: letter(c), header: bottom, period: { year, month }, isTotal: false };
      if (quarterRow > 0) {
        let qt = text(quarterRow, c).trim();
        for (let k = c - 1; qt === '' && k >= 3 && MONTHS[text(hb, k).trim()] !== undefined; k--) qt = text(quarterRow, k).trim();
        if (qt !== `Q${Math.ceil(month / 3)}`) fail('header_layout', `column ${letter(c)}: month '${bottom}' is under quarter '${qt}' in row ${quarterRow}`, { column: letter(c), row: quarterRow });
      }
    } else if (q) {
      col = { col: c, letter: letter(c), header: bottom, period: { year, quarter: Number(q[1]) }, isTotal: true };
    } else if (y && Number(y[1]) === year) {
      col = { col: c, letter: letter(c), header: bottom, period: { year }, isTotal: true };
    } else {
      return fail('header_layout', `column ${letter(c)}, row ${hb}: expected a month ('Jan'…'Dec'), 'Q1 Total'…'Q4 Total' or '${year} Total', found '${bottom}'`,
        { column: letter(c), row: hb, cell: `${letter(c)}${hb}` });
    }
    const key = JSON.stringify(col.period);
    if (seen.has(key)) fail('header_layout', `column ${letter(c)}: '${year} ${bottom}' appears twice`, { column: letter(c), row: hb });
    seen.add(key);
    columns.push(col);
  }
  if (!columns.some((c) => !c.isTotal)) fail('header_layout', 'no month columns found', { row: hb });

  // Body
  interface Row { row: number; label: string; dims: Record<string, string>; isTotal: boolean }
  const rows: Row[] = [];
  let pending: Array<{ row: number; label: string; dims: Record<string, string> }> = [];
  let grandRow = 0;
  for (let r = hb + 1; r <= ws.rowCount; r++) {
    const a = text(r, 1);
    const b = text(r, 2);
    if (a.trim() === '' && b.trim() === '') {
      fail('blank_row', `row ${r} is blank inside the table (every row before the 'Total' row must have a label in column A or B)`, { row: r });
    }
    if (a.trim() === '') {
      const dims = spec.leaf(b);
      if (!dims) fail('unknown_label', `row ${r}, column B: unknown row label '${b}'`, { row: r, column: 'B', cell: `B${r}` });
      pending.push({ row: r, label: b, dims: dims! });
      continue;
    }
    const g = spec.group(a);
    if (!g) fail('unknown_label', `row ${r}, column A: unknown group label '${a}'`, { row: r, column: 'A', cell: `A${r}` });
    if (g!.kind === 'grand') {
      if (pending.length > 0) fail('layout', `rows ${pending[0]!.row}–${r - 1} have no closing group row before the 'Total' row ${r}`, { row: pending[0]!.row });
      rows.push({ row: r, label: a, dims: {}, isTotal: true });
      grandRow = r;
      break;
    }
    const groupDims = (g as { dims: Record<string, string> }).dims;
    for (const p of pending) {
      const clash = Object.keys(p.dims).find((k) => k in groupDims);
      if (clash) fail('layout', `row ${p.row}: label '${p.label}' repeats the dimension '${clash}' of its group '${a}'`, { row: p.row });
      rows.push({ row: p.row, label: p.label, dims: { ...groupDims, ...p.dims }, isTotal: false });
    }
    rows.push({ row: r, label: a, dims: groupDims, isTotal: pending.length > 0 });
    pending = [];
  }
  if (grandRow === 0) fail('layout', `no 'Total' row found after row ${hb} (the table must end with it)`, { column: 'A' });

  // Footer: vintage
  let vintage: string | undefined;
  for (let r = grandRow + 1; r <= ws.rowCount && !vintage; r++) {
    const m = /^Source:\s*IRCC,\s*(.+)$/.exec(text(r, 1).trim());
    if (m) {
      vintage = isoFromLongDate(m[1]!);
      if (!vintage) fail('footer', `row ${r}: cannot read the date in '${text(r, 1).trim()}'`, { row: r, column: 'A' });
    }
  }
  if (!vintage) fail('footer', `no footer 'Source: IRCC, <Month d, yyyy>' below the 'Total' row ${grandRow}`, { row: grandRow + 1, column: 'A' });

  const records: OfficialRecord[] = [];
  for (const row of rows) {
    for (const col of columns) {
      const cell = `${col.letter}${row.row}`;
      const { value, suppressed } = parseNumber(ws.getCell(row.row, col.col).value, () => `cell ${cell} (row ${row.row} '${row.label.trim()}', column ${col.letter} '${col.period.year} ${col.header}')`,
        file, { sheet, cell, row: row.row, column: col.letter });
      records.push({
        series: spec.series,
        vintage: vintage!,
        period: col.period,
        dims: row.dims,
        value,
        suppressed,
        isTotal: row.isTotal || col.isTotal,
        publishedLabel: row.label,
        ref: `${file}!${sheet}!${cell}`,
      });
    }
  }
  return { series: spec.series, vintage: vintage!, title: text(1, 1).trim(), file, records };
}
