import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { System } from '../services/system.ts';
import { openConfiguredSystem, dbOptions } from './system.ts';
import {
  compareVintages, importOfficialDirectory, importOfficialFile, listOfficialSeries, officialRpdOutcomes, officialSeries,
  officialTotals, vintages, type Grain, type ImportOfficialResult, type OfficialAnswer, type OfficialFilter, type OfficialSeriesRow,
} from '../services/officialStatistics.ts';
import { formatPublished } from '../domain/statistics/disclosure.ts';
import { resolveConfig } from './config.ts';
import { formulaSafe } from './format.ts';

/**
 * `refuge official …`: import the official series (IRCC, IRB) release by release, and ask them
 * questions by vintage. Every printout names its definition, source, licence and vintage.
 */

/** The repository's copies of the official files (datasets/README.md, section official/). */
export const DEFAULT_OFFICIAL_DIR = fileURLToPath(new URL('../../datasets/official/', import.meta.url));
const DEFAULT_SERIES = 'ircc.asylum.office_type_prov';

interface DbFlags { databaseUrl?: string; dataDir?: string; keyFile?: string }
interface FilterFlags { province?: string; officeCategory?: string; citizenship?: string; ageGroup?: string; gender?: string; country?: string; outcome?: string }

const filterOptions = (cmd: Command): Command => cmd
  .option('--province <code>', 'province/territory of claim: QC, Quebec or CA-QC')
  .option('--office-category <type>', 'IRCC claim office type: Airport, Border, Inland, Other Offices')
  .option('--citizenship <code>', 'country of citizenship: ISO 3166-1 alpha-3 (HTI) or the IRCC name')
  .option('--age-group <group>', "age group, e.g. '30-44'")
  .option('--gender <gender>', 'F, M, X or NOT_STATED (or Female, Male, ...)')
  .option('--country <name>', 'IRB series: country of alleged persecution, as the IRB names it')
  .option('--outcome <outcome>', 'IRB series: outcome category, e.g. ACCEPTED, RAD_FILED');

const formatOption = (cmd: Command): Command => cmd
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'));

function filterOf(f: FilterFlags): OfficialFilter {
  return { province: f.province, officeCategory: f.officeCategory, citizenship: f.citizenship, ageGroup: f.ageGroup, gender: f.gender, country: f.country, outcome: f.outcome };
}

async function withSystem<T>(flags: DbFlags, fn: (system: System) => Promise<T>): Promise<T> {
  const config = resolveConfig(flags);
  const system = await openConfiguredSystem(config);
  try {
    return await fn(system);
  } finally {
    await system.close();
  }
}

const num = (n: number | null | undefined): string => (n === null || n === undefined ? '' : formatPublished(n));

/** A figure as published: '2,355', '--' when every cell is suppressed, '2,355 (+2 --)' when some are. */
export function formatFigure(r: Pick<OfficialSeriesRow, 'value' | 'cells' | 'suppressedCells'>): string {
  if (r.cells === 0) return '';
  if (r.value === null) return r.cells === 1 ? '--' : `-- (${r.cells} cells)`;
  return r.suppressedCells === 0 ? formatPublished(r.value) : `${formatPublished(r.value)} (+${r.suppressedCells} --)`;
}

function printProvenance(a: OfficialAnswer): void {
  const s = a.source;
  console.log(`Definition: ${a.definition.en}`);
  console.log(`Source: ${s.publisher}${s.derivedBy ? `, as extracted by ${s.derivedBy}` : ''}; file ${s.file} (sha256 ${s.sha256.slice(0, 12)}…), vintage ${a.vintage}.`);
  console.log(s.licence);
}

/** Fixed-width columns; numbers right-aligned. */
function printTable(header: string[], rows: string[][], right: ReadonlySet<number>): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

const csv = (records: Array<Record<string, unknown>>): string => stringify(records, { header: true, cast: { string: formulaSafe, boolean: (b) => (b ? 'true' : 'false') } });

/** Provenance columns repeated on every CSV row, so a row keeps its source when copied elsewhere. */
const provenanceColumns = (a: OfficialAnswer): Record<string, string> => ({
  publisher: a.source.publisher, derived_by: a.source.derivedBy ?? '', source_file: a.source.file, sha256: a.source.sha256, licence: a.source.licence,
});

function printImport(r: ImportOfficialResult): void {
  for (const rel of r.releases) {
    console.log(`${rel.alreadyImported ? 'already imported' : 'imported        '}  ${rel.series.padEnd(46)} vintage ${rel.vintage}  ${formatPublished(rel.records).padStart(6)} figures  ${r.sourceFile}  (${r.parseMs + r.writeMs} ms)`);
  }
}

export function registerOfficialCommands(program: Command): void {
  const official = program.command('official').description('Official statistics (IRCC, IRB) kept release by release: import them, ask them by vintage.');

  dbOptions(official.command('import [paths...]')
    .description('Import official files (.xlsx/.csv) or folders of them; default: every file under datasets/official. Re-importing a file changes nothing.'))
    .action(async (paths: string[], flags: DbFlags) => {
      const targets = paths.length > 0 ? paths : [DEFAULT_OFFICIAL_DIR];
      await withSystem(flags, async (s) => {
        const started = performance.now();
        const results: ImportOfficialResult[] = [];
        let failures = 0;
        const fail = (path: string, err: unknown): void => {
          failures++;
          console.error(`failed            ${path}: ${err instanceof Error ? err.message : String(err)}`);
        };
        for (const target of targets) {
          let isDir: boolean;
          try {
            isDir = statSync(target).isDirectory();
          } catch (err) {
            fail(target, err);
            continue;
          }
          if (isDir) {
            results.push(...await importOfficialDirectory(s.db, target, { onFile: printImport, onError: fail }));
            continue;
          }
          try {
            const r = await importOfficialFile(s.db, target);
            printImport(r);
            results.push(r);
          } catch (err) {
            fail(target, err);
          }
        }
        const releases = results.flatMap((r) => r.releases);
        const added = releases.filter((r) => !r.alreadyImported).length;
        console.log(`${added} release(s) imported, ${releases.length - added} already present, from ${results.length} file(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`
          + `${failures > 0 ? `; ${failures} file(s) failed` : ''}. Database: ${s.db.description}.`);
        if (failures > 0) process.exitCode = 1;
      });
    });

  formatOption(filterOptions(dbOptions(official.command('series')
    .description('One figure per period for the cells a filter selects, from one vintage; e.g. --province QC --office-category Border.')
    .option('--series <id>', 'series id (see `refuge official vintages`)', DEFAULT_SERIES)
    .option('--vintage <vintage>', "'latest', or a date: the latest vintage published on or before it", 'latest')
    .option('--from <period>', 'first period: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD')
    .option('--to <period>', 'last period: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD')
    .addOption(new Option('--grain <grain>', 'period grain').choices(['month', 'quarter', 'year']).default('month')))))
    .action(async (f: DbFlags & FilterFlags & { series: string; vintage: string; from?: string; to?: string; grain: Grain; format: string }) => {
      const a = await withSystem(f, (s) => officialSeries(s.db, {
        series: f.series, vintage: f.vintage, filter: filterOf(f), grain: f.grain,
        ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}),
      }));
      if (f.format === 'json') { console.log(JSON.stringify(a, null, 2)); return; }
      if (f.format === 'csv') {
        process.stdout.write(csv(a.rows.map((r) => ({
          series: a.series, vintage: a.vintage, period: r.period, value: r.value ?? '', suppressed: r.suppressed, cells: r.cells,
          suppressed_cells: r.suppressedCells, published_total: r.publishedTotal ? (r.publishedTotal.suppressed ? '--' : r.publishedTotal.value) : '',
          filter: Object.entries(a.filter).map(([k, v]) => `${k}=${v}`).join(';'), ...provenanceColumns(a),
        }))));
        return;
      }
      console.log(`${a.series}, vintage ${a.vintage}: ${Object.entries(a.filter).map(([k, v]) => `${k} = ${v}`).join(', ') || 'all cells'}, by ${a.grain}`);
      const anyTotal = a.rows.some((r) => r.publishedTotal);
      const rows = a.rows.map((r) => [r.period, formatFigure(r), String(r.cells), String(r.suppressedCells),
        ...(anyTotal ? [r.publishedTotal ? (r.publishedTotal.suppressed ? '--' : num(r.publishedTotal.value)) : ''] : [])]);
      if (a.additive && a.rows.length > 1) {
        const total = a.rows.reduce((s, r) => s + (r.value ?? 0), 0);
        const suppressed = a.rows.reduce((s, r) => s + r.suppressedCells, 0);
        rows.push(['Sum', suppressed === 0 ? formatPublished(total) : `${formatPublished(total)} (+${suppressed} --)`, String(a.rows.reduce((s, r) => s + r.cells, 0)), String(suppressed),
          ...(anyTotal ? [''] : [])]);
      }
      printTable(['period', 'value', 'cells', 'suppressed', ...(anyTotal ? ['published total'] : [])], rows, new Set([1, 2, 3, 4]));
      printProvenance(a);
    });

  formatOption(dbOptions(official.command('vintages')
    .description('The stored series and their vintages; with --series, each release with its file.')
    .option('--series <id>', 'one series')))
    .action(async (f: DbFlags & { series?: string; format: string }) => withSystem(f, async (s) => {
      if (!f.series) {
        const list = await listOfficialSeries(s.db);
        if (f.format === 'json') { console.log(JSON.stringify(list, null, 2)); return; }
        if (f.format === 'csv') { process.stdout.write(csv(list.map((l) => ({ series: l.series, vintages: l.vintages.join(';'), definition: l.definition.en })))); return; }
        if (list.length === 0) console.log('No official series is stored yet: run `refuge official import`.');
        printTable(['series', 'vintages'], list.map((l) => [l.series, l.vintages.join(', ')]), new Set());
        return;
      }
      const list = await vintages(s.db, f.series);
      if (f.format === 'json') { console.log(JSON.stringify(list, null, 2)); return; }
      if (f.format === 'csv') { process.stdout.write(csv(list.map((v) => ({ ...v })))); return; }
      printTable(['vintage', 'file', 'publisher', 'imported'], list.map((v) => [v.vintage, v.file, v.publisher, v.importedAt]), new Set());
    }));

  formatOption(dbOptions(official.command('totals')
    .description('Yearly published totals against the sums of their cells (published − sum reported, never hidden).')
    .option('--series <id>', 'series id', DEFAULT_SERIES)
    .option('--vintage <vintage>', "'latest' or a date", 'latest')
    .option('--year <year>', 'one year (default: every year)')
    .option('--national', 'only the grand total (no dimension)')))
    .action(async (f: DbFlags & { series: string; vintage: string; year?: string; national?: boolean; format: string }) => {
      const a = await withSystem(f, (s) => officialTotals(s.db, {
        series: f.series, vintage: f.vintage, ...(f.year ? { year: Number(f.year) } : {}), ...(f.national ? { filter: {} } : {}),
      }));
      if (f.format === 'json') { console.log(JSON.stringify(a, null, 2)); return; }
      const dims = (d: Record<string, string>): string => Object.entries(d).map(([k, v]) => `${k}=${v}`).join(';');
      if (f.format === 'csv') {
        process.stdout.write(csv(a.rows.map((r) => ({
          series: a.series, vintage: a.vintage, period: r.period, dims: dims(r.dims), label: r.label, published: r.published ?? '--',
          cell_sum: r.cellSum, difference: r.difference ?? '', cells: r.cells, suppressed_cells: r.suppressedCells, ...provenanceColumns(a),
        }))));
        return;
      }
      console.log(`${a.series}, vintage ${a.vintage}: yearly totals as published vs the sums of their cells`);
      // The printed label alone is ambiguous ('Quebec' closes a row in every office block): show the dims too.
      printTable(['period', 'label', 'dimensions', 'published', 'sum of cells', 'difference', 'cells', 'suppressed'],
        a.rows.map((r) => [r.period, r.label.trim(), dims(r.dims) || '(all)', r.published === null ? '--' : formatPublished(r.published), formatPublished(r.cellSum),
          r.difference === null ? '' : (r.difference > 0 ? `+${formatPublished(r.difference)}` : formatPublished(r.difference)), String(r.cells), String(r.suppressedCells)]),
        new Set([3, 4, 5, 6, 7]));
      printProvenance(a);
    });

  formatOption(filterOptions(dbOptions(official.command('compare')
    .description('Revisions of a series between two vintages, period by period.')
    .option('--series <id>', 'series id', DEFAULT_SERIES)
    .requiredOption('--a <vintage>', "earlier vintage ('latest' or a date)")
    .option('--b <vintage>', "later vintage ('latest' or a date)", 'latest')
    .option('--from <period>', 'first period')
    .option('--to <period>', 'last period')
    .addOption(new Option('--grain <grain>', 'period grain').choices(['month', 'quarter', 'year']).default('month')))))
    .action(async (f: DbFlags & FilterFlags & { series: string; a: string; b: string; from?: string; to?: string; grain: Grain; format: string }) => {
      const c = await withSystem(f, (s) => compareVintages(s.db, f.series, f.a, f.b, filterOf(f), {
        grain: f.grain, ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}),
      }));
      if (f.format === 'json') { console.log(JSON.stringify(c, null, 2)); return; }
      if (f.format === 'csv') {
        process.stdout.write(csv(c.rows.map((r) => ({
          series: c.series, vintage_a: c.base.vintage, vintage_b: c.vintage, period: r.period, value_a: r.a?.value ?? '', value_b: r.b?.value ?? '',
          revision: r.revision ?? '', suppressed_cells_a: r.a?.suppressedCells ?? '', suppressed_cells_b: r.b?.suppressedCells ?? '', ...provenanceColumns(c),
        }))));
        return;
      }
      console.log(`${c.series}: ${Object.entries(c.filter).map(([k, v]) => `${k} = ${v}`).join(', ') || 'all cells'}, vintage ${c.base.vintage} → ${c.vintage}`);
      printTable(['period', c.base.vintage, c.vintage, 'revision'], c.rows.map((r) => [r.period, r.a ? formatFigure(r.a) : '', r.b ? formatFigure(r.b) : '',
        r.revision === null ? '' : r.revision > 0 ? `+${formatPublished(r.revision)}` : formatPublished(r.revision)]), new Set([1, 2, 3]));
      console.log(`${c.summary.revisedPeriods} of ${c.summary.periods} period(s) revised; net revision ${c.summary.netRevision > 0 ? '+' : ''}${formatPublished(c.summary.netRevision)}.`);
      printProvenance(c);
      console.log(`Compared with: file ${c.base.source.file} (sha256 ${c.base.source.sha256.slice(0, 12)}…), vintage ${c.base.vintage}.`);
    });

  formatOption(dbOptions(official.command('rates')
    .description('RPD finalizations by outcome and year, with ACC_MERITS and ACC_FINALIZED (IRB open data).')
    .option('--vintage <vintage>', "'latest' or a date", 'latest')
    .option('--from <year>', 'first year')
    .option('--to <year>', 'last year')))
    .action(async (f: DbFlags & { vintage: string; from?: string; to?: string; format: string }) => {
      const a = await withSystem(f, (s) => officialRpdOutcomes(s.db, {
        vintage: f.vintage, ...(f.from ? { from: Number(f.from) } : {}), ...(f.to ? { to: Number(f.to) } : {}),
      }));
      if (f.format === 'json') { console.log(JSON.stringify(a, null, 2)); return; }
      if (f.format === 'csv') {
        process.stdout.write(csv(a.rows.map((r) => ({
          year: r.year, vintage: a.vintage, accepted: r.accepted ?? '', rejected: r.rejected ?? '', abandoned_withdrawn_other: r.abandonedWithdrawnOther ?? '',
          total_finalized: r.totalFinalized ?? '', acc_merits_percent: r.ACC_MERITS?.percent ?? '', acc_finalized_percent: r.ACC_FINALIZED?.percent ?? '',
          published_acceptance_rate: r.publishedAcceptanceRate ?? '', ...provenanceColumns(a),
        }))));
        return;
      }
      printTable(['year', 'accepted', 'rejected', 'aband./withdr./other', 'finalized', 'ACC_MERITS %', 'ACC_FINALIZED %', 'published %'],
        a.rows.map((r) => [String(r.year), num(r.accepted), num(r.rejected), num(r.abandonedWithdrawnOther), num(r.totalFinalized),
          r.ACC_MERITS?.percent?.toFixed(1) ?? '', r.ACC_FINALIZED?.percent?.toFixed(1) ?? '',
          r.publishedAcceptanceRate === null ? '' : `${r.publishedAcceptanceRate.toFixed(1)}${r.publishedMatches === false ? ' (differs)' : ''}`]),
        new Set([1, 2, 3, 4, 5, 6, 7]));
      console.log(`ACC_MERITS = ${a.rates.ACC_MERITS.formula.en}; ACC_FINALIZED = ${a.rates.ACC_FINALIZED.formula.en}.`);
      printProvenance(a);
    });
}
