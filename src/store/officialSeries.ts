import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { withTransaction, type Database } from './db.ts';
import {
  IRCC_WORKBOOKS, parseIrccWorkbook, parseIrregularClaimsText, parseRadAppealsText, parseRpdOutcomesText,
  RAD_APPEALS_VINTAGE, RPD_OUTCOMES_VINTAGE,
  type IrccWorkbookKind, type OfficialRecord, type ParsedSeries, type Period,
} from '../importers/official/index.ts';
import { RefugeError } from '../domain/errors.ts';

/**
 * Official series (IRCC, IRB) stored release by release: one `official_releases` row per series ×
 * vintage of an imported file, and its figures in `official_observations` exactly as published.
 * Re-importing the same bytes changes nothing (unique series, vintage, sha256).
 */

export const OGL_CANADA = 'Contains information licensed under the Open Government Licence – Canada';

export type OfficialFileKind = IrccWorkbookKind | 'rad_appeals' | 'irregular_claims' | 'rpd_outcomes';

export const IRCC_PUBLISHER = 'Immigration, Refugees and Citizenship Canada (IRCC)';
export const IRB_PUBLISHER = 'Immigration and Refugee Board of Canada (IRB)';
const STCA_DATASET = 'HAVEN: Asylum Lab, US-CAN Safe Third Country Agreement Dataset (lifers/STCA-dataset)';

/** Who published each kind of file, and who extracted it when it is a derived file (datasets/README.md). */
const PROVENANCE: Readonly<Record<OfficialFileKind, { publisher: string; derivedBy: string | null }>> = {
  office_type_prov: { publisher: IRCC_PUBLISHER, derivedBy: null },
  pt_age: { publisher: IRCC_PUBLISHER, derivedBy: null },
  pt_gender: { publisher: IRCC_PUBLISHER, derivedBy: null },
  top25_citz_office_type_last_month: { publisher: IRCC_PUBLISHER, derivedBy: null },
  top25_citz_office_type_last_year: { publisher: IRCC_PUBLISHER, derivedBy: null },
  top25_citz_prov_last_month: { publisher: IRCC_PUBLISHER, derivedBy: null },
  top25_citz_prov_last_year: { publisher: IRCC_PUBLISHER, derivedBy: null },
  rad_appeals: { publisher: IRB_PUBLISHER, derivedBy: STCA_DATASET },
  irregular_claims: { publisher: IRB_PUBLISHER, derivedBy: STCA_DATASET },
  rpd_outcomes: { publisher: IRB_PUBLISHER, derivedBy: 'Canada Observatory (CanadaObservatory/canada-observatory)' },
};

export interface ImportOfficialOptions {
  /** Skip detection (by file name, sheet or CSV header). */
  kind?: OfficialFileKind;
  /** Vintage of a derived CSV that does not state one (RAD appeals, RPD outcomes); defaults are the parsers'. */
  vintage?: string;
  /** Recorded as source_file (default: the file name). */
  sourceFile?: string;
  publisher?: string;
  derivedBy?: string | null;
  licence?: string;
}

export interface ImportedRelease {
  releaseId: number;
  series: string;
  vintage: string;
  records: number;
  alreadyImported: boolean;
}

export interface ImportOfficialResult {
  path: string;
  sourceFile: string;
  kind: OfficialFileKind;
  sha256: string;
  /** The file's main series and vintage (a file may hold several: see `releases`). */
  series: string;
  vintage: string;
  /** Records in the file, all releases together. */
  records: number;
  /** True when every release of the file was already stored (nothing was written). */
  alreadyImported: boolean;
  /** One per series × vintage: the RPD outcomes file also holds the published rates; the irregular-crossers file one snapshot per quarter. */
  releases: ImportedRelease[];
  /** Reading and parsing the file, then the database transaction. */
  parseMs: number;
  writeMs: number;
}

const IRCC_FILE_NAMES: ReadonlyArray<[RegExp, IrccWorkbookKind]> = [
  [/officetype[_-]?prov/i, 'office_type_prov'],
  [/pt[_-]?age/i, 'pt_age'],
  [/pt[_-]?gender/i, 'pt_gender'],
  [/top[_-]?25[_-]?citz[_-]?office[_-]?type[_-]?last[_-]?month/i, 'top25_citz_office_type_last_month'],
  [/top[_-]?25[_-]?citz[_-]?office[_-]?type[_-]?last[_-]?year/i, 'top25_citz_office_type_last_year'],
  [/top[_-]?25[_-]?citz[_-]?prov[_-]?last[_-]?month/i, 'top25_citz_prov_last_month'],
  [/top[_-]?25[_-]?citz[_-]?prov[_-]?last[_-]?year/i, 'top25_citz_prov_last_year'],
];

const CSV_HEADERS: ReadonlyArray<[RegExp, OfficialFileKind]> = [
  [/^year,country,merit,outcome,count\s*$/, 'rad_appeals'],
  [/^"?"?,quarter_name,year,/, 'irregular_claims'],
  [/^year,accepted,rejected,other,acceptance_rate\s*$/, 'rpd_outcomes'],
];

const unrecognized = (file: string, why: string): RefugeError =>
  new RefugeError('unsupported', 'unrecognized_official_file', `${file}: not a known official series file (${why})`, [], { file });

/** Which parser reads a file: by its name first (IRCC workbooks), then its sheets, or its CSV header. */
async function detectKind(bytes: Buffer, file: string): Promise<OfficialFileKind> {
  if (/\.xlsx$/i.test(file)) {
    for (const [re, kind] of IRCC_FILE_NAMES) if (re.test(file)) return kind;
    // A renamed workbook: look for one of the known sheets (costs a second read of the workbook).
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
    } catch (e) {
      throw unrecognized(file, `cannot be read as an .xlsx workbook: ${(e as Error).message}`);
    }
    const kinds = Object.keys(IRCC_WORKBOOKS) as IrccWorkbookKind[];
    const kind = kinds.find((k) => wb.getWorksheet(IRCC_WORKBOOKS[k].sheet) !== undefined);
    if (kind) return kind;
    throw unrecognized(file, `none of the IRCC sheets is in it; it has ${wb.worksheets.map((w) => `"${w.name}"`).join(', ') || 'no sheets'}`);
  }
  if (/\.csv$/i.test(file)) {
    const header = bytes.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    for (const [re, kind] of CSV_HEADERS) if (re.test(header)) return kind;
    throw unrecognized(file, `unknown CSV header '${header.slice(0, 80)}'`);
  }
  throw unrecognized(file, 'expected an .xlsx workbook or a .csv file');
}

async function parseFile(kind: OfficialFileKind, bytes: Buffer, file: string, vintage: string | undefined): Promise<ParsedSeries> {
  switch (kind) {
    case 'rad_appeals': return parseRadAppealsText(bytes.toString('utf8'), file, vintage ?? RAD_APPEALS_VINTAGE);
    case 'irregular_claims': return parseIrregularClaimsText(bytes.toString('utf8'), file);
    case 'rpd_outcomes': return parseRpdOutcomesText(bytes.toString('utf8'), file, vintage ?? RPD_OUTCOMES_VINTAGE);
    default: return parseIrccWorkbook(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), kind, { fileName: file });
  }
}

/** A parser period as (first day, grain): months and quarters start on their first month. */
export function periodToStart(p: Period): { start: string; grain: 'month' | 'quarter' | 'year' } {
  const month = p.month ?? (p.quarter !== undefined ? (p.quarter - 1) * 3 + 1 : 1);
  const grain = p.month !== undefined ? 'month' : p.quarter !== undefined ? 'quarter' : 'year';
  return { start: `${String(p.year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`, grain };
}

/** The inverse of periodToStart. */
export function startToPeriod(start: string, grain: string): Period {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  if (grain === 'month') return { year, month };
  if (grain === 'quarter') return { year, quarter: Math.ceil(month / 3) };
  return { year };
}

// One statement per chunk over a JSON document: two bind parameters whatever the chunk size, so
// the 65,535-parameter limit never applies; the chunk only bounds the size of one message.
const CHUNK = 5_000;
const INSERT_OBSERVATIONS = `INSERT INTO official_observations
  (release_id, ordinal, period_start, period_grain, dims, value, suppressed, is_total, published_label, ref)
SELECT $1, x.o, x.p, x.g, x.d, x.v, x.s, x.t, x.l, x.r
FROM jsonb_to_recordset($2::jsonb) AS x(o integer, p date, g text, d jsonb, v numeric, s boolean, t boolean, l text, r text)`;

async function insertObservations(tx: pg.PoolClient, releaseId: number, records: readonly OfficialRecord[]): Promise<void> {
  for (let from = 0; from < records.length; from += CHUNK) {
    const rows = records.slice(from, from + CHUNK).map((r, i) => {
      const { start, grain } = periodToStart(r.period);
      return { o: from + i, p: start, g: grain, d: r.dims, v: r.value, s: r.suppressed, t: r.isTotal, l: r.publishedLabel, r: r.ref ?? null };
    });
    await tx.query(INSERT_OBSERVATIONS, [releaseId, JSON.stringify(rows)]);
  }
}

/**
 * Imports one official file: detects its parser, parses it, and writes each series × vintage it
 * holds as a release with its observations, all in one transaction. Idempotent by content: the
 * same bytes imported again (or concurrently) write nothing and report `alreadyImported`.
 */
export async function importOfficialFile(db: Database, path: string, options: ImportOfficialOptions = {}): Promise<ImportOfficialResult> {
  const started = performance.now();
  const bytes = readFileSync(path);
  const file = basename(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const kind = options.kind ?? await detectKind(bytes, file);
  const parsed = await parseFile(kind, bytes, file, options.vintage);
  const provenance = PROVENANCE[kind];
  const sourceFile = options.sourceFile ?? file;
  const parsedAt = performance.now();

  // Group by series × vintage, in file order.
  const groups = new Map<string, { series: string; vintage: string; records: OfficialRecord[] }>();
  for (const r of parsed.records) {
    const key = `${r.series}\u0000${r.vintage}`;
    const g = groups.get(key);
    if (g) g.records.push(r); else groups.set(key, { series: r.series, vintage: r.vintage, records: [r] });
  }

  const releases = await withTransaction(db, async (tx) => {
    const out: ImportedRelease[] = [];
    for (const g of groups.values()) {
      // ON CONFLICT: a concurrent import of the same bytes waits for the first to commit, then does nothing.
      const inserted = await tx.query<{ id: number }>(
        `INSERT INTO official_releases (series, vintage, source_file, sha256, publisher, derived_by, licence, title, record_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (series, vintage, sha256) DO NOTHING RETURNING id`,
        [g.series, g.vintage, sourceFile, sha256, options.publisher ?? provenance.publisher,
          options.derivedBy !== undefined ? options.derivedBy : provenance.derivedBy, options.licence ?? OGL_CANADA,
          parsed.title ?? null, g.records.length]);
      const id = inserted.rows[0]?.id;
      if (id !== undefined) {
        await insertObservations(tx, id, g.records);
        out.push({ releaseId: Number(id), series: g.series, vintage: g.vintage, records: g.records.length, alreadyImported: false });
        continue;
      }
      const existing = await tx.query<{ id: number }>(
        'SELECT id FROM official_releases WHERE series = $1 AND vintage = $2 AND sha256 = $3', [g.series, g.vintage, sha256]);
      out.push({ releaseId: Number(existing.rows[0]!.id), series: g.series, vintage: g.vintage, records: g.records.length, alreadyImported: true });
    }
    return out;
  });

  return {
    path, sourceFile, kind, sha256, series: parsed.series, vintage: parsed.vintage,
    records: parsed.records.length,
    alreadyImported: releases.every((r) => r.alreadyImported),
    releases,
    parseMs: Math.round(parsedAt - started),
    writeMs: Math.round(performance.now() - parsedAt),
  };
}

/** Every .xlsx and .csv file under dir, sorted, as paths. */
export function listOfficialFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.(xlsx|csv)$/i.test(e.name) && !e.name.startsWith('~$')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Imports every .xlsx/.csv file under dir (datasets/official), one transaction per file, in name
 * order. source_file is the path under dir ('stca-dataset/raw-ircc-vintage-2024-02/…'), which tells
 * apart two vintages of a workbook that IRCC always names the same.
 */
export async function importOfficialDirectory(db: Database, dir: string, options: {
  onFile?: (result: ImportOfficialResult) => void;
  /** When given, a file that fails is reported here and the others are still imported; else the first failure throws. */
  onError?: (path: string, error: unknown) => void;
} = {}): Promise<ImportOfficialResult[]> {
  const results: ImportOfficialResult[] = [];
  for (const path of listOfficialFiles(dir)) {
    let result: ImportOfficialResult;
    try {
      result = await importOfficialFile(db, path, { sourceFile: relative(dir, path).split(sep).join('/') });
    } catch (err) {
      if (!options.onError) throw err;
      options.onError(path, err);
      continue;
    }
    options.onFile?.(result);
    results.push(result);
  }
  return results;
}
