import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeRate } from '../../domain/statistics/rates.ts';
import { parseIrregularClaims, parseRadAppeals, parseRpdOutcomes } from './irb.ts';
import { publishedVsCellSum } from './report.ts';
import type { OfficialRecord } from './types.ts';

const path = (p: string): string => fileURLToPath(new URL(`../../../datasets/official/${p}`, import.meta.url));
const RAD = path('stca-dataset/clean/rad/rad_appeals.csv');
const IRREGULAR = path('stca-dataset/clean/quarterly_irregular_claims/irregular_claims.csv');
const OUTCOMES = path('canada-observatory/ircc_asylum_outcomes.csv');

const rad = parseRadAppeals(RAD);
const irregular = parseIrregularClaims(IRREGULAR);
const outcomes = parseRpdOutcomes(OUTCOMES);

const pick = (records: OfficialRecord[], pred: (r: OfficialRecord) => boolean): OfficialRecord => {
  const found = records.filter(pred);
  if (found.length !== 1) throw new Error(`expected one record, found ${found.length}`);
  return found[0]!;
};

describe('RAD appeals by country (long format)', () => {
  it('one record per line, 2017–2023, with the §5.2 outcome categories', () => {
    expect(rad.records).toHaveLength(9369);
    expect(rad.vintage).toBe('2024-05-22');
    expect(new Set(rad.records.map((r) => r.period.year))).toEqual(new Set([2017, 2018, 2019, 2020, 2021, 2022, 2023]));
    expect(new Set(rad.records.map((r) => r.dims.outcome ?? '(total finalized)')).size).toBe(9);
  });

  it('"Total" rows omit the country; "total_finalized" omits the outcome', () => {
    const filed = pick(rad.records, (r) => r.period.year === 2017 && r.publishedLabel === 'Total' && r.dims.outcome === 'RAD_FILED');
    expect([filed.dims, filed.value, filed.isTotal]).toEqual([{ outcomeGroup: 'FILED', outcome: 'RAD_FILED' }, 4905, true]);
    const fin = pick(rad.records, (r) => r.period.year === 2017 && r.publishedLabel === 'Total' && r.dims.outcome === undefined);
    expect([fin.dims, fin.value]).toEqual([{ outcomeGroup: 'FINALIZED' }, 3137]);
  });

  it('the Total row: total finalized = the six finalization outcomes, except 2018 (4,412 published, 4,411 in its parts)', () => {
    // Within the Total row, 'total finalized' is the total of the outcome rows below it: mode 'rows'.
    const checks = publishedVsCellSum(rad.records.filter((r) => r.publishedLabel === 'Total'), 'rows');
    expect(checks.every((c) => c.cells === 6 && c.suppressedCells === 0)).toBe(true);
    expect(Object.fromEntries(checks.map((c) => [c.total.period.year, c.difference]))).toEqual({ 2017: 0, 2018: 1, 2019: 0, 2020: 0, 2021: 0, 2022: 0, 2023: 0 });
  });

  it('RAD allow rate from the published totals (2017: 755 of 2,380 merit decisions)', () => {
    const counts = Object.fromEntries(rad.records
      .filter((r) => r.period.year === 2017 && r.publishedLabel === 'Total' && r.dims.outcome)
      .map((r) => [r.dims.outcome!, r.value!]));
    expect(computeRate('RAD_ALLOW_RATE', counts)).toMatchObject({ numerator: 755, denominator: 2380, percent: 31.7 });
  });

  it('NA is suppressed (null); names are cleaned of invisible characters, quoted names kept whole', () => {
    const na = rad.records.filter((r) => r.suppressed);
    expect(na).toHaveLength(7918);
    expect(na.every((r) => r.value === null)).toBe(true);
    const denmark = rad.records.find((r) => r.publishedLabel.startsWith('Denmark'))!;
    expect(denmark.publishedLabel).toBe('Denmark\u200B');
    expect(denmark.dims.country).toBe('Denmark');
    expect(rad.records.some((r) => r.dims.country === 'Saint Kitts and Nevis, Fed. Of')).toBe(true);
  });

  it('publishedVsCellSum exposes an extraction error: Mexico 2023 total finalized is 2 for 2,153 in its parts', () => {
    const checks = publishedVsCellSum(rad.records);
    const mexico = checks.find((c) => c.total.dims.country === 'Mexico' && c.total.period.year === 2023 && c.total.dims.outcomeGroup === 'FINALIZED')!;
    expect([mexico.published, mexico.cellSum, mexico.difference]).toEqual([2, 2153, -2151]);
    // Totals over countries are far above the sum of the shown cells: most small countries are NA.
    const filed2017 = checks.find((c) => c.total.ref === 'rad_appeals.csv:2')!;
    expect([filed2017.published, filed2017.cellSum, filed2017.suppressedCells]).toEqual([4905, 4351, 99]);
  });
});

describe('RPD irregular border crossers (cumulative quarterly snapshots)', () => {
  it('CRLF lines, unnamed index column and trailing spaces in quarter_name are handled', () => {
    expect(readFileSync(IRREGULAR, 'utf8')).toContain('\r\n');
    expect(irregular.records).toHaveLength(228 * 7);
    const snapshots = [...new Set(irregular.records.map((r) => r.vintage))].sort();
    expect(snapshots).toHaveLength(19);
    expect(snapshots[0]).toBe('2018-09-30');
    expect(snapshots.at(-1)).toBe('2024-03-31');
    const first = irregular.records[0]!;
    expect([first.period, first.dims.country, first.dims.quarters, first.value]).toEqual([{ year: 2018, quarter: 3 }, 'Colombia', '7', 1111]);
  });

  it('"Total (all countries)" omits the country; total finalized omits the outcome', () => {
    const t = pick(irregular.records, (r) => r.vintage === '2024-03-31' && r.dims.country === undefined && r.dims.outcome === undefined);
    expect([t.value, t.isTotal, t.publishedLabel]).toEqual([75038, true, 'Total (all countries)']);
    const acc = pick(irregular.records, (r) => r.vintage === '2024-03-31' && r.dims.country === undefined && r.dims.outcome === 'ACCEPTED');
    expect(acc.value).toBe(43071);
  });

  it('NA cells are suppressed; the United States (country of alleged persecution) is present until 2022 March only', () => {
    const angola = pick(irregular.records, (r) => r.vintage === '2020-09-30' && r.dims.country === 'Angola' && r.dims.outcome === 'ACCEPTED');
    expect([angola.value, angola.suppressed]).toEqual([null, true]);
    const usa = [...new Set(irregular.records.filter((r) => r.dims.country === 'United States of America').map((r) => r.vintage))].sort();
    expect(usa.at(-1)).toBe('2022-03-31');
  });

  it('publishedVsCellSum reports the snapshots whose totals do not add up, with no suppressed cell to blame', () => {
    const odd = publishedVsCellSum(irregular.records).filter((c) => c.suppressedCells === 0 && c.difference !== 0);
    expect(odd.map((c) => [c.total.ref, c.published, c.cellSum])).toEqual([
      ['irregular_claims.csv:42:total', 4020, 4019],
      ['irregular_claims.csv:47:withdrawn other', 782, 781],
      ['irregular_claims.csv:47:total', 18344, 18343],
      ['irregular_claims.csv:47:pending at the end of period', 27167, 27267],
      ['irregular_claims.csv:152:total', 15472, 14747],
    ]);
  });
});

describe('RPD yearly outcomes (IRB open data via canada-observatory)', () => {
  it('exact integers stored as floats, 2013–2025', () => {
    expect(outcomes.records.filter((r) => r.series === 'irb.rpd.outcomes')).toHaveLength(13 * 3);
    const acc2024 = pick(outcomes.records, (r) => r.period.year === 2024 && r.dims.outcome === 'ACCEPTED');
    expect(acc2024.value).toBe(46131);
  });

  it('2024 finalized in the open data: 46,131 + 11,111 + 16,033 = 73,275', () => {
    const sum = outcomes.records.filter((r) => r.series === 'irb.rpd.outcomes' && r.period.year === 2024).reduce((a, r) => a + r.value!, 0);
    expect(sum).toBe(73275);
  });

  it('the published acceptance_rate is ACC_MERITS, recomputed exactly for every year', () => {
    const years = [...new Set(outcomes.records.map((r) => r.period.year))];
    for (const y of years) {
      const get = (o: string): number => pick(outcomes.records, (r) => r.period.year === y && r.dims.outcome === o).value!;
      const published = pick(outcomes.records, (r) => r.period.year === y && r.series === 'irb.rpd.acceptance_rate').value;
      expect(computeRate('ACC_MERITS', { ACCEPTED: get('ACCEPTED'), REJECTED: get('REJECTED') }).percent).toBe(published);
      const finalized = get('ACCEPTED') + get('REJECTED') + get('ABANDONED_WITHDRAWN_OTHER');
      expect(computeRate('ACC_FINALIZED', { ACCEPTED: get('ACCEPTED'), TOTAL_FINALIZED: finalized }).percent).toBeLessThan(published!);
    }
  });
});
