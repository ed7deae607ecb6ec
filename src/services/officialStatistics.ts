import type { Database } from '../store/db.ts';
import { OGL_CANADA, startToPeriod } from '../store/officialSeries.ts';
import {
  AGE_GROUPS, GENDERS, IRCC_CITIZENSHIP_ISO3, OFFICE_TYPES, PROVINCES, publishedVsCellSum,
  type CellSumMode, type OfficialRecord, type Period,
} from '../importers/official/index.ts';
import { computeRate, RATE_DEFINITIONS, type Bilingual, type RateDefinition, type RateResult } from '../domain/statistics/rates.ts';
import { RefugeError, validationError } from '../domain/errors.ts';
import { isIsoDate } from '../domain/dates.ts';

/**
 * Answers from the stored official series (store/officialSeries.ts), one vintage at a time.
 * Every answer carries what the number means (definition), where it comes from (source: publisher,
 * file, licence) and which edition it is (vintage): official figures are revised in every edition.
 * Suppressed cells are never dropped silently: sums count them as 0 and say how many there were.
 */

/** 'latest', or a date: the latest vintage published on or before it (the series as known that day). */
export type VintageSelector = 'latest' | string;
export type Grain = 'month' | 'quarter' | 'year';

export interface OfficialSource {
  series: string;
  title: string | null;
  publisher: string;
  /** The third party that extracted a derived file; null for the publisher's own file. */
  derivedBy: string | null;
  file: string;
  sha256: string;
  licence: string;
  vintage: string;
  releaseId: number;
  importedAt: string;
}

export interface OfficialAnswer {
  definition: Bilingual;
  source: OfficialSource;
  vintage: string;
}

/** Dimension filter. Values may be codes or the labels IRCC prints ('QC' | 'Quebec' | 'CA-QC'; 'Border' | 'BORDER'). */
export interface OfficialFilter {
  province?: string | undefined;
  /** IRCC's claim office type; stored as `officeType`. */
  officeCategory?: string | undefined;
  officeType?: string | undefined;
  citizenship?: string | undefined;
  ageGroup?: string | undefined;
  gender?: string | undefined;
  /** IRB: country of alleged persecution, as the IRB names it. */
  country?: string | undefined;
  outcome?: string | undefined;
  outcomeGroup?: string | undefined;
  [dimension: string]: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// What each series is

const ROUNDING_EN = 'IRCC rounds every figure to the nearest 5 and shows 1 to 4 as "--"; totals are rounded independently, so they differ from the sums of their cells.';
const ROUNDING_FR = 'IRCC arrondit chaque nombre au multiple de 5 le plus proche et affiche « -- » pour 1 à 4; les totaux sont arrondis séparément et diffèrent donc de la somme de leurs cellules.';
const top25 = (by: Bilingual, span: Bilingual): Bilingual => ({
  en: `Asylum claimants (persons) by country of citizenship and ${by.en}, by month of claim; the 25 countries of IRCC's ranking for the ${span.en}, then "Other Countries". ${ROUNDING_EN}`,
  fr: `Demandeurs d’asile (personnes) par pays de citoyenneté et ${by.fr}, par mois de la demande; les 25 pays du classement d’IRCC pour ${span.fr}, puis « autres pays ». ${ROUNDING_FR}`,
});
const OFFICE_EN = 'claim office type (Airport; Border = land ports of entry, irregular crossers brought to a port included; Inland; Other Offices)';
const OFFICE_FR = 'type de bureau de la demande (aéroport; frontière = points d’entrée terrestres, y compris les personnes interceptées entre les points d’entrée; intérieur; autres bureaux)';
const LAST_MONTH = { en: 'latest month', fr: 'le dernier mois' };
const LAST_YEAR = { en: 'latest year', fr: 'la dernière année' };

export const SERIES_DEFINITIONS: Readonly<Record<string, Bilingual>> = {
  'ircc.asylum.office_type_prov': {
    en: `Asylum claimants (persons) by ${OFFICE_EN} and province/territory of claim, by month of claim. ${ROUNDING_EN}`,
    fr: `Demandeurs d’asile (personnes) par ${OFFICE_FR} et province ou territoire de la demande, par mois de la demande. ${ROUNDING_FR}`,
  },
  'ircc.asylum.pt_age': {
    en: `Asylum claimants (persons) by province/territory of claim and age group, by month of claim. ${ROUNDING_EN}`,
    fr: `Demandeurs d’asile (personnes) par province ou territoire de la demande et groupe d’âge, par mois de la demande. ${ROUNDING_FR}`,
  },
  'ircc.asylum.pt_gender': {
    en: `Asylum claimants (persons) by province/territory of claim and gender, by month of claim. ${ROUNDING_EN}`,
    fr: `Demandeurs d’asile (personnes) par province ou territoire de la demande et genre, par mois de la demande. ${ROUNDING_FR}`,
  },
  'ircc.asylum.top25_citz_office_type_last_month': top25({ en: 'claim office type', fr: 'type de bureau' }, LAST_MONTH),
  'ircc.asylum.top25_citz_office_type_last_year': top25({ en: 'claim office type', fr: 'type de bureau' }, LAST_YEAR),
  'ircc.asylum.top25_citz_prov_last_month': top25({ en: 'province/territory of claim', fr: 'province ou territoire' }, LAST_MONTH),
  'ircc.asylum.top25_citz_prov_last_year': top25({ en: 'province/territory of claim', fr: 'province ou territoire' }, LAST_YEAR),
  'irb.rad.appeals_by_country': {
    en: 'Refugee Appeal Division appeals by country of alleged persecution and outcome, by year (filed, finalized by outcome, pending). Small counts are suppressed (NA).',
    fr: 'Appels à la Section d’appel des réfugiés par pays de persécution alléguée et résultat, par année (interjetés, réglés par résultat, en instance). Les petits nombres sont supprimés (NA).',
  },
  'irb.rpd.irregular_crossers_by_country': {
    en: 'Refugee Protection Division claims by irregular border crossers, by country of alleged persecution and outcome: cumulative counts since early 2017 at each quarterly snapshot (each snapshot is a vintage). Small counts are suppressed (NA).',
    fr: 'Demandes d’asile de personnes ayant franchi la frontière de façon irrégulière, à la Section de la protection des réfugiés, par pays de persécution alléguée et résultat : nombres cumulés depuis le début de 2017 à chaque relevé trimestriel (chaque relevé est un millésime). Les petits nombres sont supprimés (NA).',
  },
  'irb.rpd.outcomes': {
    en: 'Refugee Protection Division claims finalized, by outcome (accepted; rejected; abandoned, withdrawn and other) and year of finalization; exact counts from the IRB open data.',
    fr: 'Demandes réglées par la Section de la protection des réfugiés, par résultat (acceptées; rejetées; désistements, retraits et autres) et année du règlement; nombres exacts des données ouvertes de la CISR.',
  },
  'irb.rpd.acceptance_rate': {
    en: 'Acceptance rate as published with the RPD outcomes: accepted ÷ (accepted + rejected) × 100, one decimal (ACC_MERITS).',
    fr: 'Taux d’acceptation publié avec les résultats de la SPR : acceptées ÷ (acceptées + rejetées) × 100, une décimale (ACC_MERITS).',
  },
};

/** Series whose figures may not be added across periods: rates, and cumulative snapshots. */
const NON_ADDITIVE = new Set(['irb.rpd.acceptance_rate', 'irb.rpd.irregular_crossers_by_country']);

export function seriesDefinition(series: string): Bilingual {
  return SERIES_DEFINITIONS[series] ?? { en: `Official series ${series}, as published.`, fr: `Série officielle ${series}, telle que publiée.` };
}

const join2 = (a: Bilingual, b: Bilingual): Bilingual => ({ en: `${a.en} ${b.en}`, fr: `${a.fr} ${b.fr}` });

// ---------------------------------------------------------------------------------------------
// Releases and vintages

interface ReleaseRow {
  id: number; series: string; vintage: string; source_file: string; sha256: string; publisher: string;
  derived_by: string | null; licence: string; title: string | null; imported_at: Date | string; record_count: number;
}

const RELEASE_COLUMNS = 'id, series, vintage, source_file, sha256, publisher, derived_by, licence, title, imported_at, record_count';

function toSource(r: ReleaseRow): OfficialSource {
  return {
    series: r.series, title: r.title, publisher: r.publisher, derivedBy: r.derived_by, file: r.source_file,
    sha256: r.sha256, licence: r.licence, vintage: r.vintage, releaseId: Number(r.id),
    importedAt: new Date(r.imported_at).toISOString(),
  };
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A date the database accepts: YYYY-MM-DD, a day the month has, from year 1. */
const isCalendarDate = (s: string): boolean => isIsoDate(s) && Number(s.slice(0, 4)) >= 1;

/**
 * The release answering for `vintage`: 'latest', or the latest vintage on or before a date. Should
 * two different files carry the same series and vintage, the one imported last answers.
 */
export async function resolveRelease(db: Database, series: string, vintage: VintageSelector = 'latest'): Promise<OfficialSource> {
  if (vintage !== 'latest' && !isCalendarDate(vintage)) {
    throw validationError([{ field: 'vintage', code: 'invalid_vintage', message: `vintage must be 'latest' or a date YYYY-MM-DD, not '${vintage}'` }]);
  }
  const { rows } = await db.pool.query<ReleaseRow>(
    `SELECT ${RELEASE_COLUMNS} FROM official_releases
     WHERE series = $1 AND ($2::date IS NULL OR vintage <= $2::date)
     ORDER BY vintage DESC, id DESC LIMIT 1`, [series, vintage === 'latest' ? null : vintage]);
  const row = rows[0];
  if (row) return toSource(row);
  const stored = await vintages(db, series);
  if (stored.length === 0) {
    throw new RefugeError('not_found', 'official_series_not_found',
      `No release of the series '${series}' is stored; import it first (refuge official import).`, [], { series });
  }
  throw new RefugeError('not_found', 'official_vintage_not_found',
    `No vintage of '${series}' was published on or before ${vintage}; stored vintages: ${[...new Set(stored.map((s) => s.vintage))].join(', ')}.`,
    [], { series, vintage });
}

/** Every stored release of a series, oldest vintage first. */
export async function vintages(db: Database, series: string): Promise<OfficialSource[]> {
  const { rows } = await db.pool.query<ReleaseRow>(
    `SELECT ${RELEASE_COLUMNS} FROM official_releases WHERE series = $1 ORDER BY vintage, id`, [series]);
  return rows.map(toSource);
}
export { vintages as officialVintages };

/** The stored series, each with its vintages (oldest first). */
export async function listOfficialSeries(db: Database): Promise<Array<{ series: string; vintages: string[]; definition: Bilingual }>> {
  const { rows } = await db.pool.query<{ series: string; vintages: string[] }>(
    `SELECT series, array_agg(DISTINCT vintage::text ORDER BY vintage::text) AS vintages
     FROM official_releases GROUP BY series ORDER BY series`);
  return rows.map((r) => ({ series: r.series, vintages: r.vintages, definition: seriesDefinition(r.series) }));
}

// ---------------------------------------------------------------------------------------------
// Filters and periods

const fold = (s: string): string => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** Finds value among the labels (keys) or the codes (values) of a code list, ignoring case, spaces and underscores. */
function lookup(table: Readonly<Record<string, string>>, value: string): string | undefined {
  const f = fold(value);
  for (const [label, code] of Object.entries(table)) if (fold(label) === f || fold(code) === f) return code;
  return undefined;
}

const PROVINCE_CODES = new Set(Object.values(PROVINCES));

function normalizeValue(dim: string, value: string, field = dim): string {
  const bad = (what: string, known: Iterable<string>): never => {
    throw validationError([{ field, code: `unknown_${dim}`, message: `${what} '${value}' is not known; use one of ${[...known].join(', ')}` }]);
  };
  switch (dim) {
    case 'province': {
      const code = lookup(PROVINCES, value) ?? (PROVINCE_CODES.has(`CA-${value.trim().toUpperCase()}`) ? `CA-${value.trim().toUpperCase()}` : undefined);
      return code ?? bad('Province/territory', [...PROVINCE_CODES].map((c) => c.replace(/^CA-/, '')));
    }
    case 'officeType': return lookup(OFFICE_TYPES, value) ?? bad('Office category', Object.keys(OFFICE_TYPES));
    case 'gender': return lookup(GENDERS, value) ?? bad('Gender', Object.values(GENDERS));
    case 'ageGroup': return lookup(AGE_GROUPS, value) ?? bad('Age group', Object.values(AGE_GROUPS));
    case 'citizenship': {
      if (/^[A-Za-z]{3}$/.test(value.trim())) return value.trim().toUpperCase();
      if (fold(value) === 'other countries') return 'OTHER_COUNTRIES';
      return lookup(IRCC_CITIZENSHIP_ISO3, value) ?? bad('Citizenship', ['an ISO 3166-1 alpha-3 code', 'OTHER_COUNTRIES']);
    }
    default: return value;
  }
}

/** The filter as stored dimensions: {province: 'QC', officeCategory: 'Border'} → {province: 'CA-QC', officeType: 'BORDER'}. */
export function normalizeFilter(filter: OfficialFilter = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(filter)) {
    if (raw === undefined || raw.trim() === '') continue;
    // The database refuses such text in a JSON document: a client's mistake, not a server error.
    if (/[\u0000-\u001f\u007f]|\p{Cs}/u.test(raw)) {
      throw validationError([{ field: key, code: 'invalid_characters', message: `${key} holds control characters or broken Unicode` }]);
    }
    const dim = key === 'officeCategory' ? 'officeType' : key;
    const value = normalizeValue(dim, raw, key);
    if (out[dim] !== undefined && out[dim] !== value) {
      throw validationError([{ field: key, code: 'conflicting_filter', message: `${dim} is given twice with different values ('${out[dim]}' and '${value}')` }]);
    }
    out[dim] = value;
  }
  return out;
}

const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY', 'YYYY-Qn', 'YYYY-MM' or 'YYYY-MM-DD' as the first (edge 'start') or last (edge 'end') day it covers. */
export function periodBound(text: string, edge: 'start' | 'end', field = edge === 'start' ? 'from' : 'to'): string {
  const bound = boundOf(text.trim(), edge);
  if (bound === null || !isCalendarDate(bound)) {
    throw validationError([{ field, code: 'invalid_period', message: `${field} must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD (a real day, from year 1), not '${text}'` }]);
  }
  return bound;
}

function boundOf(t: string, edge: 'start' | 'end'): string | null {
  let m: RegExpExecArray | null;
  if (ISO_DATE.test(t)) return t;
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(t))) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return `${m[1]}-${m[2]}-${edge === 'start' ? '01' : pad2(lastDay(y, mo))}`;
  }
  if ((m = /^(\d{4})-?Q([1-4])$/i.exec(t))) {
    const first = (Number(m[2]) - 1) * 3 + 1;
    const month = edge === 'start' ? first : first + 2;
    return `${m[1]}-${pad2(month)}-${edge === 'start' ? '01' : pad2(lastDay(Number(m[1]), month))}`;
  }
  if ((m = /^(\d{4})$/.exec(t))) return `${m[1]}-${edge === 'start' ? '01-01' : '12-31'}`;
  return null;
}

/** How a period is shown: '2022-05', '2022-Q2', '2022'. */
export function periodLabel(p: Period): string {
  if (p.month !== undefined) return `${p.year}-${pad2(p.month)}`;
  if (p.quarter !== undefined) return `${p.year}-Q${p.quarter}`;
  return String(p.year);
}

/** Which cells a filter selects, in words: 'where province = CA-QC, officeType = BORDER' or 'all of them'. */
function describeFilter(dims: Record<string, string>): Bilingual {
  const f = Object.entries(dims).map(([k, v]) => `${k} = ${v}`).join(', ');
  return f === '' ? { en: '(all of them)', fr: '(toutes)' } : { en: `where ${f}`, fr: `où ${f}` };
}

// ---------------------------------------------------------------------------------------------
// Series

export interface SeriesQuery {
  series: string;
  vintage?: VintageSelector;
  filter?: OfficialFilter;
  /** Inclusive bounds: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD (on the period's first day). */
  from?: string;
  to?: string;
}

export interface PublishedTotal {
  value: number | null;
  suppressed: boolean;
  label: string;
}

export interface OfficialSeriesRow {
  period: string;
  /** Sum of the shown cells, suppressed cells counted as 0; null when every cell is suppressed (or there is none). */
  value: number | null;
  /** At least one of the cells is suppressed: the true count is above `value`. */
  suppressed: boolean;
  cells: number;
  suppressedCells: number;
  /** The publisher's own total over exactly these cells, when it prints one, kept as published. */
  publishedTotal?: PublishedTotal;
  /** Added up from finer cells of which the release lacks some (a year of which seven months are published). */
  partial?: boolean;
}

export interface OfficialSeriesAnswer extends OfficialAnswer {
  series: string;
  grain: Grain;
  /** The filter as stored dimensions. */
  filter: Record<string, string>;
  /** Whether figures of different periods may be added up (false for rates and cumulative counts). */
  additive: boolean;
  rows: OfficialSeriesRow[];
}

// The span of a period from its first day, by grain.
const SPAN = "CASE t.period_grain WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END";
const GRAINS: readonly Grain[] = ['month', 'quarter', 'year'];
const MONTHS_IN: Readonly<Record<Grain, number>> = { month: 1, quarter: 3, year: 12 };

interface CellAggregate { key: string | null; period_start: string; cells: number; suppressed_cells: number; value: number | null; sub_periods: number; first: number }
interface TotalCandidate { key: string | null; period_start: string; value: number | null; suppressed: boolean; published_label: string; keys: number }

/** The grain of a release's cells (its figures that are not totals): the finest one present. */
async function cellGrain(db: Database, releaseId: number): Promise<Grain | null> {
  const { rows } = await db.pool.query<{ g: Grain }>(
    `SELECT x.g FROM unnest($2::text[]) WITH ORDINALITY AS x(g, i)
     WHERE EXISTS (SELECT 1 FROM official_observations WHERE release_id = $1 AND period_grain = x.g AND NOT is_total)
     ORDER BY x.i LIMIT 1`, [releaseId, GRAINS]);
  return rows[0]?.g ?? null;
}

/**
 * Figures of a coarser grain are sums of the cells of their finer periods (months into quarters or
 * years), which only additive series allow; figures finer than the cells do not exist.
 */
function checkGrain(series: string, grain: Grain, cells: Grain | null): void {
  if (cells === null || cells === grain) return;
  if (MONTHS_IN[grain] < MONTHS_IN[cells]) {
    throw validationError([{ field: 'grain', code: 'grain_not_published', message: `'${series}' is published by ${cells}: ask for grain=${cells}${cells === 'year' ? '' : ' or coarser'}` }]);
  }
  if (NON_ADDITIVE.has(series)) {
    throw validationError([{ field: 'grain', code: 'not_additive', message: `'${series}' holds rates or cumulative counts, which cannot be added up from ${cells} to ${grain}: ask for grain=${cells}` }]);
  }
}

function checkRange(from: string, to: string): void {
  if (from > to) throw validationError([{ field: 'from', code: 'from_after_to', message: `from (${from}) is after to (${to})` }]);
}

/**
 * Per period of `grain`: the sum of the release's cells selected by `dims`, cells of a finer grain
 * rolled up, and the publisher's own total for exactly those cells where it prints one (`all`); with
 * `by`, the same per value of that dimension too (`byValue`, values in the order the file lists them).
 */
async function aggregate(db: Database, a: {
  releaseId: number; grain: Grain; cells: Grain | null; dims: Record<string, string>; from: string; to: string; by: string | null;
}): Promise<{ all: OfficialSeriesRow[]; byValue: Map<string, OfficialSeriesRow[]>; order: string[] }> {
  const filter = JSON.stringify(a.dims);
  const ALL = '\u0000all';
  const out = new Map<string, Map<string, OfficialSeriesRow>>();
  const first = new Map<string, number>();
  const label = (start: string): string => periodLabel(startToPeriod(start, a.grain));
  const rowsOf = (key: string): Map<string, OfficialSeriesRow> => {
    let m = out.get(key);
    if (!m) out.set(key, m = new Map());
    return m;
  };
  const cellsQuery = async (): Promise<void> => {
    if (a.cells === null) return;
    const subPeriods = MONTHS_IN[a.grain] / MONTHS_IN[a.cells];
    // One scan for both: the grouping set without the value is every cell together.
    const period = 'date_trunc($6, period_start::timestamp)';
    const cells = await db.pool.query<CellAggregate & { whole: boolean }>(
      `SELECT ${a.by ? 'dims->>$7' : 'NULL::text'} AS key, ${a.by ? 'GROUPING(dims->>$7) = 1' : 'true'} AS whole, ${period}::date AS period_start,
         count(*)::int AS cells, (count(*) FILTER (WHERE suppressed))::int AS suppressed_cells, sum(value) AS value,
         ${subPeriods === 1 ? '1' : 'count(DISTINCT period_start)::int'} AS sub_periods, min(ordinal) AS first
       FROM official_observations
       WHERE release_id = $1 AND period_grain = $2 AND NOT is_total AND dims @> $3::jsonb AND period_start BETWEEN $4::date AND $5::date
       GROUP BY ${a.by ? `GROUPING SETS ((dims->>$7, ${period}), (${period}))` : period}`,
      [a.releaseId, a.cells, filter, a.from, a.to, a.grain, ...(a.by ? [a.by] : [])]);
    for (const c of cells.rows) {
      const key = c.whole ? ALL : c.key;
      if (key === null) continue; // cells without the dimension count in the whole only
      first.set(key, Math.min(first.get(key) ?? Infinity, c.first));
      rowsOf(key).set(c.period_start, {
        period: label(c.period_start),
        value: c.suppressed_cells === c.cells ? null : Number(c.value),
        suppressed: c.suppressed_cells > 0,
        cells: c.cells,
        suppressedCells: c.suppressed_cells,
        ...(c.sub_periods < subPeriods ? { partial: true } : {}),
      });
    }
  };
  // A published total answers for the same cells when its dims contain the filter (and the value of
  // `by`) and every matching cell of its period (at any finer grain: a year total covers the months)
  // falls under it; its extra dims, such as a rank, are then constant over the cells. A total with no
  // dims beyond those covers them by construction, and skips the check. (Listing every grain lets the
  // (release, grain, is_total, period) index serve the period range: 3-4× faster.)
  const totalsQuery = (by: string | null): Promise<{ rows: TotalCandidate[] }> => db.pool.query<TotalCandidate>(
    `SELECT ${by ? 't.dims->>$6' : 'NULL::text'} AS key, t.period_start, t.value, t.suppressed, t.published_label,
       (SELECT count(*) FROM jsonb_object_keys(t.dims))::int AS keys
     FROM official_observations t
     WHERE t.release_id = $1 AND t.period_grain = $2 AND t.is_total AND t.dims @> $3::jsonb AND t.period_start BETWEEN $4::date AND $5::date
       ${by ? 'AND t.dims ? $6' : ''}
       AND ((t.dims - $${by ? 7 : 6}::text[]) = '{}'::jsonb OR NOT EXISTS (SELECT 1 FROM official_observations c
         WHERE c.release_id = t.release_id AND c.period_grain IN ('month', 'quarter', 'year') AND NOT c.is_total
           AND c.period_start >= t.period_start AND c.period_start < t.period_start + ${SPAN}
           AND c.dims @> $3::jsonb ${by ? 'AND c.dims @> jsonb_build_object($6::text, t.dims->>$6)' : ''} AND NOT c.dims @> t.dims))
     ORDER BY t.period_start, keys`,
    [a.releaseId, a.grain, filter, a.from, a.to, ...(by ? [by] : []), [...Object.keys(a.dims), ...(by ? [by] : [])]]);
  const [, whole, split] = await Promise.all([cellsQuery(), totalsQuery(null), a.by ? totalsQuery(a.by) : Promise.resolve({ rows: [] })]);
  const seen = new Map<string, number>();
  for (const t of [...whole.rows, ...split.rows]) {
    // Only the narrowest total, and only when it is the only one that narrow (else it is ambiguous).
    const key = t.key ?? ALL;
    const at = `${key}\u0000${t.period_start}`;
    const best = seen.get(at);
    if (best !== undefined && best < t.keys) continue;
    const rows = rowsOf(key);
    const row = rows.get(t.period_start) ?? { period: label(t.period_start), value: null, suppressed: false, cells: 0, suppressedCells: 0 };
    if (best === t.keys) { delete row.publishedTotal; continue; }
    seen.set(at, t.keys);
    row.publishedTotal = { value: t.value === null ? null : Number(t.value), suppressed: t.suppressed, label: t.published_label };
    rows.set(t.period_start, row);
  }
  const sorted = (m: Map<string, OfficialSeriesRow> | undefined): OfficialSeriesRow[] => [...(m ?? new Map<string, OfficialSeriesRow>()).entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, r]) => r);
  const values = [...out.keys()].filter((k) => k !== ALL);
  // Values in the order the publisher prints them (office types as listed, countries by rank).
  const order = values.sort((x, y) => (first.get(x) ?? Infinity) - (first.get(y) ?? Infinity) || (x < y ? -1 : x > y ? 1 : 0));
  return { all: sorted(out.get(ALL)), byValue: new Map(order.map((v) => [v, sorted(out.get(v))])), order };
}

function seriesMethod(grain: Grain, dims: Record<string, string>, cells: Grain | null, by?: string): Bilingual {
  const per = { month: ['month', 'mois'], quarter: ['quarter', 'trimestre'], year: ['year', 'année'] }[grain];
  const f = describeFilter(dims);
  const finer = cells === 'quarter' ? ['quarter', 'trimestres'] : ['month', 'mois'];
  const rolled = cells !== null && cells !== grain
    ? { en: ` The cells are published by ${finer[0]} and added up by ${per[0]}; a ${per[0]} of which some ${finer[0]}s are not published is marked partial.`,
      fr: ` Les cellules sont publiées par ${finer[0] === 'month' ? 'mois' : 'trimestre'} et additionnées par ${per[1]}; une période dont certains ${finer[1]} ne sont pas publiés est marquée partial.` }
    : { en: '', fr: '' };
  const each = by ? { en: `and each value of ${by}`, fr: `et chaque valeur de ${by}` } : { en: '', fr: '' };
  return {
    en: `Each ${per[0]}${each.en ? ` ${each.en}` : ''}: the sum of the published cells (not totals) ${f.en}; suppressed cells count as 0 and are counted in suppressedCells. publishedTotal is the publisher's own total over the same cells, where it prints one.${rolled.en}`,
    fr: `Pour chaque ${per[1]}${each.fr ? ` ${each.fr}` : ''} : la somme des cellules publiées (hors totaux) ${f.fr}; les cellules supprimées comptent pour 0 et sont dénombrées dans suppressedCells. publishedTotal est le total imprimé par l’éditeur pour les mêmes cellules, s’il en publie un.${rolled.fr}`,
  };
}

/** One figure per period (of the given grain) for the cells selected by the filter, from one vintage. */
export async function officialSeries(db: Database, q: SeriesQuery & { grain?: Grain }): Promise<OfficialSeriesAnswer> {
  const grain = q.grain ?? 'month';
  const dims = normalizeFilter(q.filter);
  const from = periodBound(q.from ?? '0001-01-01', 'start');
  const to = periodBound(q.to ?? '9999-12-31', 'end');
  checkRange(from, to);
  const source = await resolveRelease(db, q.series, q.vintage);
  const cells = await cellGrain(db, source.releaseId);
  checkGrain(q.series, grain, cells);
  const { all } = await aggregate(db, { releaseId: source.releaseId, grain, cells, dims, from, to, by: null });
  return {
    definition: join2(seriesDefinition(q.series), seriesMethod(grain, dims, cells)),
    source, vintage: source.vintage, series: q.series, grain, filter: dims, additive: !NON_ADDITIVE.has(q.series), rows: all,
  };
}

/** Monthly figures: e.g. Quebec land-border claims, {series: 'ircc.asylum.office_type_prov', filter: {province: 'QC', officeCategory: 'Border'}}. */
export function officialMonthlySeries(db: Database, q: SeriesQuery): Promise<OfficialSeriesAnswer> {
  return officialSeries(db, { ...q, grain: 'month' });
}

// ---------------------------------------------------------------------------------------------
// Breakdown by one dimension

/** The dimensions a breakdown may be asked by, as the API names them (officeCategory is stored as officeType). */
export const BREAKDOWN_DIMENSIONS = ['officeCategory', 'officeType', 'province', 'citizenship', 'ageGroup', 'gender', 'country', 'outcome', 'outcomeGroup'] as const;
export type BreakdownDimension = typeof BREAKDOWN_DIMENSIONS[number];

export interface BreakdownQuery extends SeriesQuery {
  by: BreakdownDimension;
  grain?: Grain;
  /** One period instead of from/to: 'latest' (the latest the release publishes whole) or a label of the grain (2023, 2023-Q4, 2024-02). */
  period?: string;
}

export interface BreakdownValue {
  /** The value of the dimension as stored (an ISO code, AIRPORT, ACCEPTED...). */
  value: string;
  /** The other dimensions that are the same on every cell of the value (in the latest period), e.g. {citizenshipName: 'Mexico', rank: '1'}. */
  attributes: Record<string, string>;
  rows: OfficialSeriesRow[];
}

export interface OfficialBreakdownAnswer extends OfficialAnswer {
  series: string;
  /** As asked, and as stored. */
  by: string;
  dimension: string;
  grain: Grain;
  filter: Record<string, string>;
  additive: boolean;
  /** The single period asked for (period=latest resolved), or null for a range. */
  period: string | null;
  /** In the publisher's order. */
  values: BreakdownValue[];
  /** Every value together (the filter alone), with the publisher's total where it prints one. */
  total: OfficialSeriesRow[];
}

const PERIOD_FORMS: Readonly<Record<Grain, [RegExp, string]>> = {
  month: [/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'],
  quarter: [/^\d{4}-Q[1-4]$/, 'YYYY-Qn'],
  year: [/^\d{4}$/, 'YYYY'],
};

/** The latest period of `grain` whose every cell period the release publishes (2023 when 2024 has only two months). */
async function latestWholePeriod(db: Database, releaseId: number, grain: Grain, cells: Grain): Promise<string | null> {
  const { rows } = await db.pool.query<{ period_start: string; n: number }>(
    `SELECT date_trunc($3, period_start::timestamp)::date AS period_start, count(DISTINCT period_start)::int AS n
     FROM official_observations WHERE release_id = $1 AND period_grain = $2 AND NOT is_total
     GROUP BY 1 ORDER BY 1 DESC`, [releaseId, cells, grain]);
  const whole = rows.find((r) => r.n === MONTHS_IN[grain] / MONTHS_IN[cells]);
  return whole ? periodLabel(startToPeriod(whole.period_start, grain)) : null;
}

/** The figures of a series by one dimension (office category, citizenship, outcome...), per period of a grain. */
export async function officialBreakdown(db: Database, q: BreakdownQuery): Promise<OfficialBreakdownAnswer> {
  const grain = q.grain ?? 'month';
  const dims = normalizeFilter(q.filter);
  const dimension = q.by === 'officeCategory' ? 'officeType' : q.by;
  if (!(BREAKDOWN_DIMENSIONS as readonly string[]).includes(q.by)) {
    throw validationError([{ field: 'by', code: 'unknown_dimension', message: `by must be one of ${BREAKDOWN_DIMENSIONS.join(', ')}, not '${q.by}'` }]);
  }
  if (dims[dimension] !== undefined) {
    throw validationError([{ field: 'by', code: 'conflicting_filter', message: `${q.by} is both the breakdown and a filter (${dims[dimension]}): drop one` }]);
  }
  if (q.period !== undefined && (q.from !== undefined || q.to !== undefined)) {
    throw validationError([{ field: 'period', code: 'conflicting_period', message: 'give either period or from/to, not both' }]);
  }
  if (q.period !== undefined && q.period !== 'latest' && !PERIOD_FORMS[grain][0].test(q.period)) {
    throw validationError([{ field: 'period', code: 'invalid_period', message: `period must be 'latest' or ${PERIOD_FORMS[grain][1]} (grain ${grain}), not '${q.period}'` }]);
  }
  const source = await resolveRelease(db, q.series, q.vintage);
  const [cells, has] = await Promise.all([
    cellGrain(db, source.releaseId),
    db.pool.query<{ has: boolean }>('SELECT EXISTS (SELECT 1 FROM official_observations WHERE release_id = $1 AND NOT is_total AND dims ? $2) AS has', [source.releaseId, dimension]),
  ]);
  checkGrain(q.series, grain, cells);
  if (!has.rows[0]?.has) {
    const known = await db.pool.query<{ k: string }>(
      'SELECT DISTINCT jsonb_object_keys(dims) AS k FROM official_observations WHERE release_id = $1 AND NOT is_total ORDER BY 1', [source.releaseId]);
    throw validationError([{ field: 'by', code: 'dimension_not_in_series', message: `'${q.series}' has no dimension ${dimension}; its dimensions are ${known.rows.map((r) => r.k).join(', ') || 'none'}` }]);
  }
  let period: string | null = null;
  if (q.period !== undefined) {
    period = q.period === 'latest' && cells !== null ? await latestWholePeriod(db, source.releaseId, grain, cells) : q.period;
    if (period === null || period === 'latest') {
      throw new RefugeError('not_found', 'official_period_not_found', `The ${source.vintage} vintage of '${q.series}' publishes no whole ${grain}.`, [], { series: q.series });
    }
  }
  const from = periodBound(period ?? q.from ?? '0001-01-01', 'start', period ? 'period' : 'from');
  const to = periodBound(period ?? q.to ?? '9999-12-31', 'end', period ? 'period' : 'to');
  checkRange(from, to);
  const base = { releaseId: source.releaseId, grain, cells, dims, from, to };
  const [split, attributes] = await Promise.all([
    aggregate(db, { ...base, by: dimension }),
    cells === null ? new Map<string, Record<string, string>>() : constantDimensions(db, source.releaseId, cells, grain, dims, from, to, dimension),
  ]);
  return {
    definition: join2(seriesDefinition(q.series), seriesMethod(grain, dims, cells, dimension)),
    source, vintage: source.vintage, series: q.series, by: q.by, dimension, grain, filter: dims, additive: !NON_ADDITIVE.has(q.series), period,
    values: split.order.map((value) => ({ value, attributes: attributes.get(value) ?? {}, rows: split.byValue.get(value) ?? [] })),
    total: split.all,
  };
}

/** For each value of `dimension`: the other dimensions that do not vary over its cells (names, ranks), the filter's left out. */
async function constantDimensions(db: Database, releaseId: number, cells: Grain, grain: Grain, dims: Record<string, string>, from: string, to: string,
  dimension: string): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  // Read from the answer's latest period only: names and ranks do not change within a release, and
  // this is a fraction of the cells of a long range.
  const { rows } = await db.pool.query<{ key: string; dims: Record<string, string> }>(
    `SELECT DISTINCT dims->>$6 AS key, dims - $6 - $7::text[] AS dims
     FROM official_observations
     WHERE release_id = $1 AND period_grain = $2 AND NOT is_total AND dims @> $3::jsonb AND dims ? $6 AND period_start <= $5::date
       AND period_start >= (SELECT date_trunc($8, max(period_start)::timestamp)::date FROM official_observations
                            WHERE release_id = $1 AND period_grain = $2 AND NOT is_total AND period_start BETWEEN $4::date AND $5::date)`,
    [releaseId, cells, JSON.stringify(dims), from, to, dimension, Object.keys(dims), grain]);
  for (const r of rows) {
    const seen = out.get(r.key);
    if (!seen) { out.set(r.key, { ...r.dims }); continue; }
    for (const [k, v] of Object.entries(seen)) if (r.dims[k] !== v) delete seen[k];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Published totals against the sums of their cells

export interface OfficialTotalRow {
  period: string;
  dims: Record<string, string>;
  label: string;
  /** As published; null when the total itself is suppressed. */
  published: number | null;
  cellSum: number;
  cells: number;
  suppressedCells: number;
  /** published − cellSum: rounding of cells and totals, and suppressed cells counted as 0. */
  difference: number | null;
  ref: string | null;
}

export interface OfficialTotalsAnswer extends OfficialAnswer {
  series: string;
  mode: CellSumMode;
  rows: OfficialTotalRow[];
}

interface ObservationRow {
  period_start: string; period_grain: string; dims: Record<string, string>; value: number | null;
  suppressed: boolean; is_total: boolean; published_label: string; ref: string | null;
}

/**
 * Yearly published totals with the sum of the cells they cover (publishedVsCellSum on the stored
 * records). With a filter, only the totals over exactly those dimensions ({} = the national total);
 * without, every yearly total of the year(s).
 */
export async function officialTotals(db: Database, q: {
  series: string; vintage?: VintageSelector; year?: number; filter?: OfficialFilter; mode?: CellSumMode;
}): Promise<OfficialTotalsAnswer> {
  const mode = q.mode ?? 'cells';
  if (q.year !== undefined && !(Number.isInteger(q.year) && q.year >= 1000 && q.year <= 9999)) {
    throw validationError([{ field: 'year', code: 'invalid_year', message: `year must be a four-digit year, not ${q.year}` }]);
  }
  const exact = q.filter === undefined ? undefined : JSON.stringify(sortedDims(normalizeFilter(q.filter)));
  const source = await resolveRelease(db, q.series, q.vintage);
  const { rows } = await db.pool.query<ObservationRow>(
    `SELECT period_start, period_grain, dims, value, suppressed, is_total, published_label, ref
     FROM official_observations
     WHERE release_id = $1 AND period_start BETWEEN $2::date AND $3::date ORDER BY ordinal`,
    [source.releaseId, q.year === undefined ? '0001-01-01' : `${q.year}-01-01`, q.year === undefined ? '9999-12-31' : `${q.year}-12-31`]);
  const records: OfficialRecord[] = rows.map((r) => ({
    series: source.series, vintage: source.vintage, period: startToPeriod(r.period_start, r.period_grain), dims: r.dims,
    value: r.value === null ? null : Number(r.value), suppressed: r.suppressed, isTotal: r.is_total, publishedLabel: r.published_label,
    ...(r.ref === null ? {} : { ref: r.ref }),
  }));
  const out = publishedVsCellSum(records, mode)
    .filter((c) => c.total.period.month === undefined && c.total.period.quarter === undefined)
    .filter((c) => exact === undefined || JSON.stringify(sortedDims(c.total.dims)) === exact)
    .map((c): OfficialTotalRow => ({
      period: periodLabel(c.total.period), dims: c.total.dims, label: c.total.publishedLabel,
      published: c.published, cellSum: c.cellSum, cells: c.cells, suppressedCells: c.suppressedCells, difference: c.difference,
      ref: c.total.ref ?? null,
    }))
    .sort((a, b) => (a.period !== b.period ? (a.period < b.period ? -1 : 1) : Object.keys(a.dims).length - Object.keys(b.dims).length));
  const method: Bilingual = {
    en: `Yearly totals exactly as published, each with the sum of the figures it covers (mode '${mode}'; suppressed cells counted as 0 and counted in suppressedCells) and difference = published − sum.`,
    fr: `Totaux annuels tels que publiés, chacun avec la somme des nombres qu’il couvre (mode « ${mode} »; cellules supprimées comptées pour 0 et dénombrées dans suppressedCells) et difference = publié − somme.`,
  };
  return { definition: join2(seriesDefinition(q.series), method), source, vintage: source.vintage, series: q.series, mode, rows: out };
}

function sortedDims(d: Record<string, string>): Array<[string, string]> {
  return Object.entries(d).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Revisions between two vintages

export interface RevisionRow {
  period: string;
  a: OfficialSeriesRow | null;
  b: OfficialSeriesRow | null;
  /** b − a of the shown sums; null when a side has no figure for the period. */
  revision: number | null;
  /** The number of suppressed cells differs: part of the revision may be hidden. */
  suppressionChanged: boolean;
}

export interface CompareVintagesAnswer extends OfficialAnswer {
  series: string;
  grain: Grain;
  filter: Record<string, string>;
  /** The earlier side of the comparison (`source` and `vintage` are those of b). */
  base: { source: OfficialSource; vintage: string };
  rows: RevisionRow[];
  summary: { periods: number; revisedPeriods: number; netRevision: number };
}

/** Per-period revisions of the selected cells from vintage a to vintage b. */
export async function compareVintages(db: Database, series: string, a: VintageSelector, b: VintageSelector, filter: OfficialFilter = {},
  options: { from?: string; to?: string; grain?: Grain } = {}): Promise<CompareVintagesAnswer> {
  const q = { series, filter, grain: options.grain ?? 'month', ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) };
  const [left, right] = [await officialSeries(db, { ...q, vintage: a }), await officialSeries(db, { ...q, vintage: b })];
  const periods = [...new Set([...left.rows, ...right.rows].map((r) => r.period))].sort();
  const la = new Map(left.rows.map((r) => [r.period, r]));
  const rb = new Map(right.rows.map((r) => [r.period, r]));
  const rows = periods.map((period): RevisionRow => {
    const x = la.get(period) ?? null;
    const y = rb.get(period) ?? null;
    const revision = x && y && x.value !== null && y.value !== null ? y.value - x.value : null;
    return { period, a: x, b: y, revision, suppressionChanged: (x?.suppressedCells ?? 0) !== (y?.suppressedCells ?? 0) };
  });
  const revised = rows.filter((r) => (r.revision !== null && r.revision !== 0) || r.suppressionChanged || (r.a === null) !== (r.b === null));
  const method: Bilingual = {
    en: `Revisions from the ${left.vintage} vintage (a) to the ${right.vintage} vintage (b): revision = b − a per period, of the sums of the published cells ${describeFilter(left.filter).en}.`,
    fr: `Révisions du millésime ${left.vintage} (a) au millésime ${right.vintage} (b) : revision = b − a par période, des sommes des cellules publiées ${describeFilter(left.filter).fr}.`,
  };
  return {
    definition: join2(seriesDefinition(series), method), source: right.source, vintage: right.vintage,
    base: { source: left.source, vintage: left.vintage },
    series, grain: left.grain, filter: left.filter, rows,
    summary: { periods: rows.length, revisedPeriods: revised.length, netRevision: rows.reduce((s, r) => s + (r.revision ?? 0), 0) },
  };
}

// ---------------------------------------------------------------------------------------------
// RPD outcomes and acceptance rates

export interface RpdOutcomeYear {
  year: number;
  accepted: number | null;
  rejected: number | null;
  /** Abandoned + withdrawn + other, as the open data publish them (one figure). */
  abandonedWithdrawnOther: number | null;
  totalFinalized: number | null;
  /** Null when a count it needs is suppressed or missing. */
  ACC_MERITS: RateResult | null;
  ACC_FINALIZED: RateResult | null;
  /** The acceptance rate printed in the same file (ACC_MERITS, one decimal). */
  publishedAcceptanceRate: number | null;
  /** Does ACC_MERITS recomputed from the counts equal the published rate? */
  publishedMatches: boolean | null;
}

export interface RpdOutcomesAnswer extends OfficialAnswer {
  rates: { ACC_MERITS: RateDefinition; ACC_FINALIZED: RateDefinition };
  rows: RpdOutcomeYear[];
}

const RPD_OUTCOMES = 'irb.rpd.outcomes';
const RPD_RATE = 'irb.rpd.acceptance_rate';

/** RPD finalizations by outcome and year with ACC_MERITS and ACC_FINALIZED (computeRate), from one vintage of the IRB series. */
export async function officialRpdOutcomes(db: Database, q: { vintage?: VintageSelector; from?: number; to?: number } = {}): Promise<RpdOutcomesAnswer> {
  for (const field of ['from', 'to'] as const) {
    const y = q[field];
    if (y !== undefined && !(Number.isInteger(y) && y >= 1000 && y <= 9999)) {
      throw validationError([{ field, code: 'invalid_year', message: `${field} must be a four-digit year, not ${y}` }]);
    }
  }
  const source = await resolveRelease(db, RPD_OUTCOMES, q.vintage);
  const range = [`${q.from ?? 1000}-01-01`, `${q.to ?? 9999}-12-31`];
  const { rows } = await db.pool.query<{ period_start: string; outcome: string; value: number | null; suppressed: boolean }>(
    `SELECT period_start, dims->>'outcome' AS outcome, value, suppressed FROM official_observations
     WHERE release_id = $1 AND period_grain = 'year' AND NOT is_total AND period_start BETWEEN $2::date AND $3::date`,
    [source.releaseId, ...range]);
  // The published rate from the same file (same bytes), else the same vintage.
  const rate = await db.pool.query<{ period_start: string; value: number | null }>(
    `SELECT o.period_start, o.value FROM official_observations o
     WHERE o.release_id = (SELECT id FROM official_releases WHERE series = $1 AND (sha256 = $2 OR vintage = $3::date)
                            ORDER BY (sha256 = $2) DESC, id DESC LIMIT 1)
       AND o.dims @> '{"rate": "ACC_MERITS"}' AND o.period_start BETWEEN $4::date AND $5::date`,
    [RPD_RATE, source.sha256, source.vintage, ...range]);
  const published = new Map(rate.rows.map((r) => [r.period_start, r.value === null ? null : Number(r.value)]));
  const years = new Map<string, Record<string, number | null>>();
  for (const r of rows) {
    const y = years.get(r.period_start) ?? {};
    y[r.outcome] = r.suppressed || r.value === null ? null : Number(r.value);
    years.set(r.period_start, y);
  }
  const out = [...years.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, c]): RpdOutcomeYear => {
    const accepted = c.ACCEPTED ?? null;
    const rejected = c.REJECTED ?? null;
    const other = c.ABANDONED_WITHDRAWN_OTHER ?? null;
    const totalFinalized = accepted !== null && rejected !== null && other !== null ? accepted + rejected + other : null;
    const merits = accepted !== null && rejected !== null ? computeRate('ACC_MERITS', { ACCEPTED: accepted, REJECTED: rejected }) : null;
    // 'other' lumps abandoned and withdrawn together, so the denominator is the published total, not its parts.
    const finalized = accepted !== null && rejected !== null && totalFinalized !== null
      ? computeRate('ACC_FINALIZED', { ACCEPTED: accepted, REJECTED: rejected, TOTAL_FINALIZED: totalFinalized }) : null;
    const p = published.get(start) ?? null;
    return {
      year: Number(start.slice(0, 4)), accepted, rejected, abandonedWithdrawnOther: other, totalFinalized,
      ACC_MERITS: merits, ACC_FINALIZED: finalized, publishedAcceptanceRate: p,
      publishedMatches: p === null || merits === null ? null : merits.percent === p,
    };
  });
  const method: Bilingual = {
    en: `Rates: ACC_MERITS = ${RATE_DEFINITIONS.ACC_MERITS.formula.en}; ACC_FINALIZED = ${RATE_DEFINITIONS.ACC_FINALIZED.formula.en}. Percentages rounded half up to one decimal.`,
    fr: `Taux : ACC_MERITS = ${RATE_DEFINITIONS.ACC_MERITS.formula.fr}; ACC_FINALIZED = ${RATE_DEFINITIONS.ACC_FINALIZED.formula.fr}. Pourcentages arrondis à une décimale.`,
  };
  return {
    definition: join2(seriesDefinition(RPD_OUTCOMES), method), source, vintage: source.vintage,
    rates: { ACC_MERITS: RATE_DEFINITIONS.ACC_MERITS, ACC_FINALIZED: RATE_DEFINITIONS.ACC_FINALIZED }, rows: out,
  };
}

// The CLI and API reach the store through this service.
export { OGL_CANADA };
export { importOfficialDirectory, importOfficialFile, listOfficialFiles, type ImportOfficialOptions, type ImportOfficialResult } from '../store/officialSeries.ts';
