/**
 * Parsers for IRB outcome tables, as extracted by third parties (derived files, see
 * datasets/official and the shared data README):
 *
 * - RAD appeals by country of alleged persecution, long format (STCA dataset, clean/rad/rad_appeals.csv);
 * - RPD claims by irregular border crossers, cumulative snapshots by quarter (STCA dataset,
 *   clean/quarterly_irregular_claims/irregular_claims.csv: CRLF, unnamed index column, trailing
 *   spaces in quarter_name, NA cells);
 * - RPD yearly outcomes from the IRB open data (canada-observatory ircc_asylum_outcomes.csv).
 *
 * Dimension names follow the outcome categories of domain.md §5.1/§5.2 (src/domain/statistics/rates.ts).
 * Totals omit the dimensions they sum over (see types.ts): 'Total' countries have no `country`,
 * 'total finalized' has no `outcome`.
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { OutcomeCategory } from '../../domain/statistics/rates.ts';
import { monthEnd } from './codes.ts';
import { OfficialParseError, type OfficialRecord, type ParsedSeries } from './types.ts';

/** Pages of the RAD statistics were archived on 2024-05-22 (STCA web_metadata.csv). */
export const RAD_APPEALS_VINTAGE = '2024-05-22';
/** canada-observatory sidecar `retrieved_at` (2026-08-22) for ircc_asylum_outcomes.csv. */
export const RPD_OUTCOMES_VINTAGE = '2026-08-22';

interface Row { line: number; cells: string[] }

function readRows(text: string, file: string): Row[] {
  try {
    const out = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: false }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return out.map((o) => ({ line: o.info.lines, cells: o.record }));
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new OfficialParseError(file, 'bad_csv', `line ${err.lines ?? '?'}: ${err.message}`, err.lines === undefined ? {} : { line: err.lines });
  }
}

function expectHeader(rows: Row[], expected: string[], file: string): Row[] {
  const header = rows[0];
  if (!header) throw new OfficialParseError(file, 'empty', 'the file is empty', { line: 1 });
  expected.forEach((name, i) => {
    const got = header.cells[i];
    if (got?.trim() !== name) {
      throw new OfficialParseError(file, 'header', `line 1, column ${i + 1}: expected '${name}', found ${got === undefined ? 'nothing' : `'${got}'`}`, { line: 1, column: name || `#${i + 1}` });
    }
  });
  if (header.cells.length !== expected.length) {
    throw new OfficialParseError(file, 'header', `line 1: expected ${expected.length} columns, found ${header.cells.length}`, { line: 1 });
  }
  return rows.slice(1);
}

/** An integer count, 'NA' (suppressed), or an integral float such as '46131.0'. */
function count(raw: string, file: string, line: number, column: string): { value: number | null; suppressed: boolean } {
  const t = raw.trim();
  if (t === 'NA') return { value: null, suppressed: true };
  if (/^\d+(\.0+)?$/.test(t)) return { value: Number(t), suppressed: false };
  throw new OfficialParseError(file, 'bad_value', `line ${line}, column '${column}': expected a whole number or NA, found '${raw}'`, { line, column });
}

function year(raw: string, file: string, line: number, column = 'year'): number {
  if (!/^\d{4}$/.test(raw.trim())) throw new OfficialParseError(file, 'bad_value', `line ${line}, column '${column}': expected a year, found '${raw}'`, { line, column });
  return Number(raw.trim());
}

/** Country names as the IRB prints them, minus invisible characters (e.g. a zero-width space after 'Denmark'). */
export function cleanCountry(raw: string): string {
  return raw.replace(/[\u200B-\u200D\uFEFF]/g, '').trim();
}

// ---------------------------------------------------------------------------------------------
// RAD appeals

const RAD_OUTCOMES: Readonly<Record<string, { group: 'FILED' | 'FINALIZED' | 'PENDING'; outcome?: OutcomeCategory; merit?: 'TRUE' | 'FALSE' }>> = {
  filed: { group: 'FILED', outcome: 'RAD_FILED' },
  nonmerit_dismiss_jurisdiction: { group: 'FINALIZED', outcome: 'RAD_DISMISSED_NO_JURISDICTION', merit: 'FALSE' },
  nonmerit_dismiss_imperfect: { group: 'FINALIZED', outcome: 'RAD_DISMISSED_NOT_PERFECTED', merit: 'FALSE' },
  nonmerit_dismiss_other: { group: 'FINALIZED', outcome: 'RAD_DISMISSED_WITHDRAWN_ABANDONED_OTHER', merit: 'FALSE' },
  merit_dismiss_confirm: { group: 'FINALIZED', outcome: 'RAD_DISMISSED_CONFIRMED', merit: 'TRUE' },
  merit_allow_referback: { group: 'FINALIZED', outcome: 'RAD_ALLOWED_REFERRED_BACK', merit: 'TRUE' },
  merit_allow_substitute: { group: 'FINALIZED', outcome: 'RAD_ALLOWED_SUBSTITUTED', merit: 'TRUE' },
  total_finalized: { group: 'FINALIZED' },
  pending: { group: 'PENDING', outcome: 'RAD_PENDING' },
};

export function parseRadAppeals(path: string, vintage = RAD_APPEALS_VINTAGE): ParsedSeries {
  return parseRadAppealsText(readFileSync(path, 'utf8'), basename(path), vintage);
}

export function parseRadAppealsText(text: string, file: string, vintage = RAD_APPEALS_VINTAGE): ParsedSeries {
  const series = 'irb.rad.appeals_by_country';
  const body = expectHeader(readRows(text, file), ['year', 'country', 'merit', 'outcome', 'count'], file);
  const records: OfficialRecord[] = body.map(({ line, cells }) => {
    const [y, country, merit, outcome, value] = cells as [string, string, string, string, string];
    const o = RAD_OUTCOMES[outcome.trim()];
    if (!o) throw new OfficialParseError(file, 'unknown_label', `line ${line}, column 'outcome': unknown outcome '${outcome}'`, { line, column: 'outcome' });
    const expectedMerit = o.merit ?? 'NA';
    if (merit.trim() !== expectedMerit) {
      throw new OfficialParseError(file, 'bad_value', `line ${line}, column 'merit': '${merit}' does not match outcome '${outcome}' (expected ${expectedMerit})`, { line, column: 'merit' });
    }
    const name = cleanCountry(country);
    if (name === '') throw new OfficialParseError(file, 'bad_value', `line ${line}, column 'country' is empty`, { line, column: 'country' });
    const isCountryTotal = name === 'Total';
    const dims: Record<string, string> = {
      ...(isCountryTotal ? {} : { country: name }),
      outcomeGroup: o.group,
      ...(o.outcome ? { outcome: o.outcome } : {}),
      ...(o.merit ? { merit: o.merit } : {}),
    };
    return {
      series, vintage, period: { year: year(y, file, line) }, dims,
      ...count(value, file, line, 'count'),
      isTotal: isCountryTotal || !o.outcome,
      publishedLabel: country,
      ref: `${file}:${line}`,
    };
  });
  return { series, vintage, file, records };
}

// ---------------------------------------------------------------------------------------------
// RPD irregular border crossers (cumulative snapshots)

const QUARTER_END_MONTH: Readonly<Record<string, number>> = { March: 3, June: 6, September: 9, December: 12 };

const IRREGULAR_MEASURES: ReadonlyArray<[string, { group: string; outcome?: OutcomeCategory }]> = [
  ['intake', { group: 'REFERRED', outcome: 'REFERRED' }],
  ['accepted', { group: 'FINALIZED', outcome: 'ACCEPTED' }],
  ['rejected', { group: 'FINALIZED', outcome: 'REJECTED' }],
  ['abandoned', { group: 'FINALIZED', outcome: 'ABANDONED' }],
  ['withdrawn other', { group: 'FINALIZED', outcome: 'WITHDRAWN_OTHER' }],
  ['total', { group: 'FINALIZED' }],
  ['pending at the end of period', { group: 'PENDING', outcome: 'PENDING' }],
];

/**
 * One record per snapshot × country × measure. period = the quarter the snapshot closes; the
 * figures are cumulative since early 2017 (dims.span = 'CUMULATIVE', dims.quarters = the number of
 * quarters covered). vintage = the snapshot's closing date (each snapshot is its own IRB release).
 */
export function parseIrregularClaims(path: string): ParsedSeries {
  return parseIrregularClaimsText(readFileSync(path, 'utf8'), basename(path));
}

export function parseIrregularClaimsText(text: string, file: string): ParsedSeries {
  const series = 'irb.rpd.irregular_crossers_by_country';
  const header = ['', 'quarter_name', 'year', 'number of quarters represented', 'country', ...IRREGULAR_MEASURES.map(([m]) => m)];
  const body = expectHeader(readRows(text, file), header, file);
  const records: OfficialRecord[] = [];
  const vintages = new Set<string>();
  for (const { line, cells } of body) {
    const [, quarterName, y, quarters, country] = cells as [string, string, string, string, string];
    const m = /^(\d{4}) (March|June|September|December)$/.exec(quarterName.trim());
    if (!m) throw new OfficialParseError(file, 'bad_value', `line ${line}, column 'quarter_name': expected e.g. '2018 September', found '${quarterName}'`, { line, column: 'quarter_name' });
    const snapYear = Number(m[1]);
    if (year(y, file, line) !== snapYear) throw new OfficialParseError(file, 'bad_value', `line ${line}: year ${y} does not match quarter_name '${quarterName}'`, { line, column: 'year' });
    if (!/^\d+$/.test(quarters.trim())) throw new OfficialParseError(file, 'bad_value', `line ${line}, column 'number of quarters represented': '${quarters}'`, { line, column: 'number of quarters represented' });
    const month = QUARTER_END_MONTH[m[2]!]!;
    const vintage = monthEnd(snapYear, month);
    vintages.add(vintage);
    const name = cleanCountry(country);
    const isCountryTotal = name === 'Total (all countries)';
    IRREGULAR_MEASURES.forEach(([column, o], i) => {
      records.push({
        series, vintage,
        period: { year: snapYear, quarter: month / 3 },
        dims: {
          ...(isCountryTotal ? {} : { country: name }),
          outcomeGroup: o.group,
          ...(o.outcome ? { outcome: o.outcome } : {}),
          span: 'CUMULATIVE',
          quarters: quarters.trim(),
        },
        ...count(cells[5 + i]!, file, line, column),
        isTotal: isCountryTotal || !o.outcome,
        publishedLabel: country,
        ref: `${file}:${line}:${column}`,
      });
    });
  }
  const latest = [...vintages].sort().at(-1) ?? '';
  return { series, vintage: latest, file, records };
}

// ---------------------------------------------------------------------------------------------
// RPD yearly outcomes (IRB open data via canada-observatory)

/**
 * Counts: outcome ACCEPTED, REJECTED and ABANDONED_WITHDRAWN_OTHER ('other' = abandoned + withdrawn
 * + other), series 'irb.rpd.outcomes'. The published acceptance_rate column (accepted ÷ (accepted +
 * rejected), 1 decimal) goes to a separate series, 'irb.rpd.acceptance_rate', dims {rate: 'ACC_MERITS'}.
 */
export function parseRpdOutcomes(path: string, vintage = RPD_OUTCOMES_VINTAGE): ParsedSeries {
  return parseRpdOutcomesText(readFileSync(path, 'utf8'), basename(path), vintage);
}

export function parseRpdOutcomesText(text: string, file: string, vintage = RPD_OUTCOMES_VINTAGE): ParsedSeries {
  const series = 'irb.rpd.outcomes';
  const body = expectHeader(readRows(text, file), ['year', 'accepted', 'rejected', 'other', 'acceptance_rate'], file);
  const records: OfficialRecord[] = [];
  for (const { line, cells } of body) {
    const [y, accepted, rejected, other, rate] = cells as [string, string, string, string, string];
    const period = { year: year(y, file, line) };
    const outcomes: Array<[string, string, string]> = [['accepted', 'ACCEPTED', accepted], ['rejected', 'REJECTED', rejected], ['other', 'ABANDONED_WITHDRAWN_OTHER', other]];
    for (const [column, outcome, raw] of outcomes) {
      records.push({
        series, vintage, period, dims: { outcomeGroup: 'FINALIZED', outcome },
        ...count(raw, file, line, column), isTotal: false, publishedLabel: column, ref: `${file}:${line}:${column}`,
      });
    }
    if (!/^\d+(\.\d+)?$/.test(rate.trim())) throw new OfficialParseError(file, 'bad_value', `line ${line}, column 'acceptance_rate': expected a percentage, found '${rate}'`, { line, column: 'acceptance_rate' });
    records.push({
      series: 'irb.rpd.acceptance_rate', vintage, period, dims: { rate: 'ACC_MERITS' },
      value: Number(rate), suppressed: false, isTotal: false, publishedLabel: 'acceptance_rate', ref: `${file}:${line}:acceptance_rate`,
    });
  }
  return { series, vintage, file, records };
}
