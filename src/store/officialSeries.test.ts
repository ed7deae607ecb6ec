import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSystem, type System } from '../services/system.ts';
import { TEST_KEY_RING, createTestDatabase } from '../test/harness.ts';
import { parseIrccOfficeTypeProv, OfficialParseError } from '../importers/official/index.ts';
import { importOfficialDirectory, importOfficialFile, OGL_CANADA, periodToStart, startToPeriod } from './officialSeries.ts';

// Only the files these tests need: the July-2025 office-type workbook (5,382 figures) and two small CSVs.
const dataset = (p: string): string => fileURLToPath(new URL(`../../datasets/official/${p}`, import.meta.url));
const OFFICE_JUL = dataset('ircc-asylum-vintage-2025-07/EN_ODP-Asylum-OfficeType_Prov.xlsx');
const OFFICE_FEB = dataset('stca-dataset/raw-ircc-vintage-2024-02/EN_ODP-Asylum-OfficeType_Prov.xlsx');
const OUTCOMES = dataset('canada-observatory/ircc_asylum_outcomes.csv');
const IRREGULAR = dataset('stca-dataset/clean/quarterly_irregular_claims/irregular_claims.csv');
// datasets/README.md
const OFFICE_JUL_SHA = '5bfe02c12f1a2c4e7aedb02143146ae38cadb19d19d60bf8b5e51be159a81821';

let system: System;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let tmp: string;
const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
  (await system.db.pool.query<T>(sql, params)).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  system = await openSystem({ databaseUrl: database.url, dataDir: 'memory://' }, { keys: TEST_KEY_RING });
  tmp = mkdtempSync(join(tmpdir(), 'refuge-official-'));
});
afterAll(async () => {
  await system?.close();
  await database?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('importOfficialFile', () => {
  it('importing the July-2025 office-type workbook twice creates one release', async () => {
    const first = await importOfficialFile(system.db, OFFICE_JUL);
    expect(first).toMatchObject({
      kind: 'office_type_prov', series: 'ircc.asylum.office_type_prov', vintage: '2025-07-31', records: 5382,
      alreadyImported: false, sha256: OFFICE_JUL_SHA, sourceFile: 'EN_ODP-Asylum-OfficeType_Prov.xlsx',
    });
    expect(first.releases).toHaveLength(1);
    const second = await importOfficialFile(system.db, OFFICE_JUL);
    expect(second.alreadyImported).toBe(true);
    expect(second.releases).toEqual([{ ...first.releases[0], alreadyImported: true }]);

    const releases = await q<{ id: number; record_count: number; publisher: string; derived_by: string | null; licence: string; title: string }>(
      "SELECT id, record_count, publisher, derived_by, licence, title FROM official_releases WHERE series = 'ircc.asylum.office_type_prov'");
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({
      record_count: 5382, publisher: 'Immigration, Refugees and Citizenship Canada (IRCC)', derived_by: null, licence: OGL_CANADA,
      title: 'Canada - Asylum Claimants by Claim Office Type, Province/Territory* of Claim and Claim Year, January 2015 - July 2025',
    });
    const [count] = await q<{ n: number }>('SELECT count(*)::int AS n FROM official_observations WHERE release_id = $1', [releases[0]!.id]);
    expect(count!.n).toBe(5382);
  });

  it('stores every figure as published: "--" as NULL and suppressed, totals as printed, labels and cell references kept', async () => {
    const parsed = await parseIrccOfficeTypeProv(OFFICE_JUL);
    const stored = await q<{ period_start: string; period_grain: string; dims: Record<string, string>; value: number | null; suppressed: boolean; is_total: boolean; published_label: string; ref: string }>(
      `SELECT o.period_start, o.period_grain, o.dims, o.value, o.suppressed, o.is_total, o.published_label, o.ref
       FROM official_observations o JOIN official_releases r ON r.id = o.release_id
       WHERE r.sha256 = $1 ORDER BY o.ordinal`, [OFFICE_JUL_SHA]);
    // A full round trip: the stored rows are the parsed records, in file order.
    expect(stored.map((s) => ({
      period: startToPeriod(s.period_start, s.period_grain), dims: s.dims, value: s.value, suppressed: s.suppressed,
      isTotal: s.is_total, publishedLabel: s.published_label, ref: s.ref,
    }))).toEqual(parsed.records.map((r) => ({ period: r.period, dims: r.dims, value: r.value, suppressed: r.suppressed, isTotal: r.isTotal, publishedLabel: r.publishedLabel, ref: r.ref })));

    // Newfoundland and Labrador × Airport, December 2015, printed '--'.
    const [dash] = stored.filter((s) => s.period_start === '2015-12-01' && s.period_grain === 'month' && s.dims.officeType === 'AIRPORT' && s.dims.province === 'CA-NL');
    expect(dash).toMatchObject({ value: null, suppressed: true, is_total: false, published_label: 'Newfoundland and Labrador' });
    expect(stored.filter((s) => s.suppressed).length).toBe(parsed.records.filter((r) => r.suppressed).length);
    // The 2024 national total as printed (its cells sum to 171,660), label with its trailing space.
    const [total] = stored.filter((s) => s.period_start === '2024-01-01' && s.period_grain === 'year' && Object.keys(s.dims).length === 0);
    expect(total).toMatchObject({ value: 171835, suppressed: false, is_total: true, published_label: 'Total ' });
  });

  it('refuses to edit a stored figure in place', async () => {
    await expect(system.db.pool.query('UPDATE official_observations SET value = 0 WHERE value IS NOT NULL')).rejects.toThrow(/kept as published/);
  });

  it('one file, several releases: RPD counts and published rates; one release per quarterly snapshot', async () => {
    const outcomes = await importOfficialFile(system.db, OUTCOMES);
    expect(outcomes.releases.map((r) => [r.series, r.vintage, r.records])).toEqual([
      ['irb.rpd.outcomes', '2026-08-22', 39],
      ['irb.rpd.acceptance_rate', '2026-08-22', 13],
    ]);
    const [rate] = await q<{ value: number; period_grain: string }>(
      `SELECT o.value, o.period_grain FROM official_observations o JOIN official_releases r ON r.id = o.release_id
       WHERE r.series = 'irb.rpd.acceptance_rate' AND o.period_start = '2021-01-01'`);
    expect(rate).toEqual({ value: 71.8, period_grain: 'year' });
    const [source] = await q<{ publisher: string; derived_by: string }>("SELECT publisher, derived_by FROM official_releases WHERE series = 'irb.rpd.outcomes'");
    expect(source).toEqual({ publisher: 'Immigration and Refugee Board of Canada (IRB)', derived_by: 'Canada Observatory (CanadaObservatory/canada-observatory)' });

    const irregular = await importOfficialFile(system.db, IRREGULAR);
    expect(irregular.records).toBe(1596);
    expect(irregular.releases).toHaveLength(19);
    expect(irregular.releases.every((r) => r.series === 'irb.rpd.irregular_crossers_by_country' && r.records === 12 * 7)).toBe(true);
    expect([irregular.releases[0]!.vintage, irregular.releases.at(-1)!.vintage]).toEqual(['2018-09-30', '2024-03-31']);
    const grains = await q<{ period_grain: string }>(
      `SELECT DISTINCT period_grain FROM official_observations o JOIN official_releases r ON r.id = o.release_id WHERE r.series = 'irb.rpd.irregular_crossers_by_country'`);
    expect(grains).toEqual([{ period_grain: 'quarter' }]);
  });

  it('concurrent imports of the same file write it once', async () => {
    const results = await Promise.all([importOfficialFile(system.db, OFFICE_FEB), importOfficialFile(system.db, OFFICE_FEB)]);
    expect(results.map((r) => r.alreadyImported).sort()).toEqual([false, true]);
    expect(results[0]!.releases[0]!.releaseId).toBe(results[1]!.releases[0]!.releaseId);
    const [n] = await q<{ releases: number; observations: number }>(
      `SELECT count(DISTINCT r.id)::int AS releases, count(*)::int AS observations
       FROM official_releases r JOIN official_observations o ON o.release_id = r.id WHERE r.vintage = '2024-02-29'`);
    expect(n).toEqual({ releases: 1, observations: 4560 });
  });

  it('detects the parser by sheet or CSV header when the name says nothing; idempotent by content, not by name', async () => {
    copyFileSync(OFFICE_JUL, join(tmp, 'renamed.xlsx'));
    copyFileSync(OUTCOMES, join(tmp, 'renamed.csv'));
    const xlsx = await importOfficialFile(system.db, join(tmp, 'renamed.xlsx'));
    const csv = await importOfficialFile(system.db, join(tmp, 'renamed.csv'));
    expect([xlsx.kind, xlsx.alreadyImported, csv.kind, csv.alreadyImported]).toEqual(['office_type_prov', true, 'rpd_outcomes', true]);
  });

  it('rejects unknown files and writes nothing for a file that does not parse', async () => {
    writeFileSync(join(tmp, 'unknown.csv'), 'a,b\n1,2\n');
    writeFileSync(join(tmp, 'notes.txt'), 'hello');
    await expect(importOfficialFile(system.db, join(tmp, 'unknown.csv'))).rejects.toMatchObject({ code: 'unrecognized_official_file' });
    await expect(importOfficialFile(system.db, join(tmp, 'notes.txt'))).rejects.toMatchObject({ code: 'unrecognized_official_file' });
    const before = await q<{ n: number }>('SELECT count(*)::int AS n FROM official_releases');
    writeFileSync(join(tmp, 'broken.csv'), 'year,accepted,rejected,other,acceptance_rate\n2020,10.0,5.0,1.0,66.7\n2021,ten,5.0,1.0,66.7\n');
    await expect(importOfficialFile(system.db, join(tmp, 'broken.csv'))).rejects.toBeInstanceOf(OfficialParseError);
    expect(await q('SELECT count(*)::int AS n FROM official_releases')).toEqual(before);
  });

  it('importOfficialDirectory imports the .xlsx and .csv files below a folder, named by their path in it', async () => {
    const dir = join(tmp, 'official');
    mkdirSync(join(dir, 'irb'), { recursive: true });
    copyFileSync(OUTCOMES, join(dir, 'irb', 'outcomes.csv'));
    writeFileSync(join(dir, 'README.md'), '# not data');
    writeFileSync(join(dir, 'irb', 'outcomes.2030.csv'), 'year,accepted,rejected,other,acceptance_rate\n2030,1.0,1.0,0.0,50.0\n');
    const results = await importOfficialDirectory(system.db, dir);
    expect(results.map((r) => [r.sourceFile, r.alreadyImported, r.records])).toEqual([
      ['irb/outcomes.2030.csv', false, 4],
      ['irb/outcomes.csv', true, 52],
    ]);
    const files = await q<{ source_file: string }>("SELECT DISTINCT source_file FROM official_releases WHERE series = 'irb.rpd.outcomes' ORDER BY 1");
    expect(files).toEqual([{ source_file: 'irb/outcomes.2030.csv' }, { source_file: 'ircc_asylum_outcomes.csv' }]);
  });
});

describe('periods', () => {
  it('are stored as their first day and a grain', () => {
    expect(periodToStart({ year: 2024, month: 7 })).toEqual({ start: '2024-07-01', grain: 'month' });
    expect(periodToStart({ year: 2024, quarter: 3 })).toEqual({ start: '2024-07-01', grain: 'quarter' });
    expect(periodToStart({ year: 2024 })).toEqual({ start: '2024-01-01', grain: 'year' });
    for (const p of [{ year: 2024, month: 12 }, { year: 2024, quarter: 4 }, { year: 2015 }]) {
      const { start, grain } = periodToStart(p);
      expect(startToPeriod(start, grain)).toEqual(p);
    }
  });
});
