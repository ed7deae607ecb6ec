import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseIrregularClaimsText, parseRadAppealsText, parseRpdOutcomesText } from './irb.ts';
import { parseIrccOfficeTypeProv, parseIrccTop25Citizenship } from './ircc.ts';
import { OfficialParseError } from './types.ts';

// One workbook read once; each test edits a fresh copy in memory.
const FILE = fileURLToPath(new URL('../../../datasets/official/ircc-asylum-vintage-2025-07/EN_ODP-Asylum-OfficeType_Prov.xlsx', import.meta.url));
const original = readFileSync(FILE);

async function edited(edit: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(original as unknown as Parameters<typeof wb.xlsx.load>[0]);
  edit(wb.worksheets[0]!, wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Inserts a blank row the way a spreadsheet program does: merged ranges below it move down. */
function insertBlankRow(ws: ExcelJS.Worksheet, at: number): void {
  const merges = [...(ws.model as unknown as { merges: string[] }).merges];
  for (const m of merges) ws.unMergeCells(m);
  ws.spliceRows(at, 0, []);
  for (const m of merges) {
    const [, c1, r1, c2, r2] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m)!;
    const shift = (r: string): number => (Number(r) >= at ? Number(r) + 1 : Number(r));
    const top = shift(r1!);
    const bottom = Number(r1) < at && Number(r2) >= at ? Number(r2) + 1 : shift(r2!);
    ws.mergeCells(`${c1}${top}:${c2}${bottom}`);
  }
}

async function parseError(bytes: Uint8Array): Promise<OfficialParseError> {
  try {
    await parseIrccOfficeTypeProv(bytes, { fileName: 'edited.xlsx' });
  } catch (e) {
    expect(e).toBeInstanceOf(OfficialParseError);
    return e as OfficialParseError;
  }
  throw new Error('expected a parse error');
}

describe('IRCC workbook robustness: clear errors naming the sheet, row, column or cell', () => {
  it('the unedited workbook round-trips through exceljs and parses', async () => {
    const s = await parseIrccOfficeTypeProv(await edited(() => undefined), { fileName: 'edited.xlsx' });
    expect(s.records.find((r) => Object.keys(r.dims).length === 0 && r.period.year === 2024 && r.period.month === undefined)?.value).toBe(171835);
  });

  it('an unmerged copy (each year printed once, in its first column) gives the same figures', async () => {
    const reference = await parseIrccOfficeTypeProv(original, { fileName: 'edited.xlsx' });
    const unmerged = await parseIrccOfficeTypeProv(await edited((ws) => {
      for (const m of [...(ws.model as unknown as { merges: string[] }).merges]) ws.unMergeCells(m);
    }), { fileName: 'edited.xlsx' });
    const key = (r: { period: object; dims: object; value: number | null }): string => JSON.stringify([r.period, r.dims, r.value]);
    expect(unmerged.records.map(key)).toEqual(reference.records.map(key));
  });

  it('an extra blank row inside the data', async () => {
    const e = await parseError(await edited((ws) => insertBlankRow(ws, 20)));
    expect(e.code).toBe('blank_row');
    expect(e.location.row).toBe(20);
    expect(e.message).toMatch(/row 20 is blank/);
  });

  it('an extra blank row between the header and the data', async () => {
    const e = await parseError(await edited((ws) => insertBlankRow(ws, 5)));
    expect(e.code).toBe('blank_row');
    expect(e.message).toMatch(/row 5 is blank/);
  });

  it('a renamed sheet', async () => {
    const e = await parseError(await edited((ws) => { ws.name = 'Sheet1'; }));
    expect(e.code).toBe('sheet_not_found');
    expect(e.message).toContain('sheet "Asylum Claimants - Office Type" not found; the workbook has sheets "Sheet1"');
    await expect(parseIrccTop25Citizenship(await edited((ws) => { ws.name = 'Sheet1'; }), { fileName: 'x.xlsx' })).rejects.toThrow(/none of the top-25 sheets/);
  });

  it('a renamed month column', async () => {
    const e = await parseError(await edited((ws) => { ws.getCell('D4').value = 'February'; }));
    expect(e.code).toBe('header_layout');
    expect(e.location).toMatchObject({ column: 'D', row: 4 });
    expect(e.message).toContain("column D, row 4: expected a month ('Jan'…'Dec'), 'Q1 Total'…'Q4 Total' or '2015 Total', found 'February'");
  });

  it('a value that is not a number or "--"', async () => {
    const e = await parseError(await edited((ws) => { ws.getCell('F19').value = 'n/a'; }));
    expect(e.code).toBe('bad_value');
    expect(e.location.cell).toBe('F19');
    expect(e.message).toContain("cell F19 (row 19 'Quebec', column F '2015 Apr'): expected a number such as '1,880' or '--', found 'n/a'");
  });

  it('an empty cell, an unknown province, a missing footer, a renamed Total row', async () => {
    expect((await parseError(await edited((ws) => { ws.getCell('C9').value = null; }))).message).toMatch(/cell C9 .* is empty/);
    const unknown = await parseError(await edited((ws) => { ws.getCell('B9').value = 'Ontario (Toronto)'; }));
    expect([unknown.code, unknown.location.cell]).toEqual(['unknown_label', 'B9']);
    const footer = await parseError(await edited((ws) => { ws.getCell('A48').value = ''; }));
    expect(footer.code).toBe('footer');
    const renamedTotal = await parseError(await edited((ws) => { ws.getCell('A43').value = 'Grand total'; }));
    expect([renamedTotal.code, renamedTotal.location.cell]).toEqual(['unknown_label', 'A43']);
  });

  it('bytes that are not a workbook', async () => {
    const e = await parseError(new TextEncoder().encode('year,count\n2024,1\n'));
    expect(e.code).toBe('not_xlsx');
  });
});

describe('CSV robustness', () => {
  it('a renamed or missing column is named', () => {
    expect(() => parseRadAppealsText('year,country,merit,result,count\n2017,Total,NA,filed,1\n', 'rad.csv'))
      .toThrow("rad.csv: line 1, column 4: expected 'outcome', found 'result'");
    expect(() => parseRpdOutcomesText('year,accepted,rejected,other\n2013,1.0,2.0,3.0\n', 'o.csv'))
      .toThrow("o.csv: line 1, column 5: expected 'acceptance_rate', found nothing");
  });

  it('a bad value names the line and the column', () => {
    expect(() => parseRadAppealsText('year,country,merit,outcome,count\n2017,Total,NA,filed,1\n2017,Total,NA,pending,-\n', 'rad.csv'))
      .toThrow("rad.csv: line 3, column 'count': expected a whole number or NA, found '-'");
    expect(() => parseRadAppealsText('year,country,merit,outcome,count\n2017,Total,TRUE,filed,1\n', 'rad.csv'))
      .toThrow(/line 2, column 'merit'/);
    const header = ',quarter_name,year,number of quarters represented,country,intake,accepted,rejected,abandoned,withdrawn other,total,pending at the end of period\r\n';
    expect(() => parseIrregularClaimsText(`${header}1,2018 Sept ,2018,7,Colombia,1,1,1,1,1,4,0\r\n`, 'irr.csv'))
      .toThrow(/line 2, column 'quarter_name'/);
  });

  it('a line with a missing field', () => {
    expect(() => parseRpdOutcomesText('year,accepted,rejected,other,acceptance_rate\n2013,1.0,2.0,3.0\n', 'o.csv')).toThrow(/o\.csv: line 2/);
  });
});
