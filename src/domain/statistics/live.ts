/**
 * Live statistics from this instance's own records (issue #3, domain §6.3): what each lifecycle event
 * adds to the rollups, and how a date range is answered from them. Pure: the store keeps the rollups
 * in the same transaction as the events; the query side reads only rollups, never case tables.
 *
 * Rollups are marginal counts per dimension (one dimension at a time, plus 'all' and one named pair),
 * at two grains: days (for any date range's ragged ends) and months (for the months wholly inside it).
 */
import { addDays, daysBetween } from '../dates.ts';
import { addKeys, keyTimes } from './perturbation.ts';

export const STAT_DIMENSIONS = [
  'all', 'office', 'office_type', 'province', 'citizenship', 'persecution_country', 'age_band', 'sex', 'family_size',
  'province_office_type',
] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

export const MEASURES = ['claims', 'eligibility_decisions', 'referrals', 'rpd_decisions', 'rpd_pending', 'days_to_referral', 'days_to_decision'] as const;
export type Measure = (typeof MEASURES)[number];

interface Bilingual { en: string; fr: string }
export interface MeasureInfo { labels: Bilingual; definition: Bilingual; dated: Bilingual; kind: 'count' | 'stock' | 'duration' }

export const MEASURE_INFO: Record<Measure, MeasureInfo> = {
  claims: {
    labels: { en: 'Claims made (claimants)', fr: 'Demandes présentées (demandeurs)' },
    definition: { en: 'Claims made, one per person (IRCC counts claimants): the claim.made event of each claim.', fr: 'Demandes présentées, une par personne (IRCC compte les demandeurs) : l’événement claim.made de chaque demande.' },
    dated: { en: 'by claim date', fr: 'selon la date de la demande' }, kind: 'count',
  },
  eligibility_decisions: {
    labels: { en: 'Eligibility decisions', fr: 'Décisions de recevabilité' },
    definition: { en: 'Eligibility decisions by outcome (ELIGIBLE, INELIGIBLE) and, for ineligibility, by ground (INELIGIBLE:EL-E...). A claim found ineligible on two grounds counts once under INELIGIBLE and once under each ground.', fr: 'Décisions de recevabilité par résultat (ELIGIBLE, INELIGIBLE) et, pour l’irrecevabilité, par motif (INELIGIBLE:EL-E...). Une demande irrecevable pour deux motifs compte une fois sous INELIGIBLE et une fois sous chaque motif.' },
    dated: { en: 'by decision date', fr: 'selon la date de la décision' }, kind: 'count',
  },
  referrals: {
    labels: { en: 'Referrals to the RPD', fr: 'Renvois à la SPR' },
    definition: { en: 'RPD proceedings opened: referrals after eligibility, plus redeterminations (IRB style, §5.1).', fr: 'Instances ouvertes à la SPR : renvois après la recevabilité, plus les nouveaux examens (comme la CISR, §5.1).' },
    dated: { en: 'by referral date', fr: 'selon la date du renvoi' }, kind: 'count',
  },
  rpd_decisions: {
    labels: { en: 'RPD finalizations', fr: 'Demandes réglées par la SPR' },
    definition: { en: 'RPD proceedings closed, by IRB outcome category: ACCEPTED (incl. allowed without hearing), REJECTED, ABANDONED, WITHDRAWN_OTHER (withdrawals after referral, s.104 terminations).', fr: 'Instances de la SPR closes, par catégorie de la CISR : ACCEPTED (y compris sans audience), REJECTED, ABANDONED, WITHDRAWN_OTHER (retraits après renvoi, fins d’instance au titre de l’art. 104).' },
    dated: { en: 'by decision date', fr: 'selon la date de la décision' }, kind: 'count',
  },
  rpd_pending: {
    labels: { en: 'RPD pending inventory', fr: 'Demandes en instance à la SPR' },
    definition: { en: 'Open RPD proceedings at the end of the day: referrals minus finalizations up to that day (pending_end = pending_start + referred − finalized).', fr: 'Instances ouvertes à la SPR à la fin du jour : renvois moins demandes réglées jusqu’à ce jour.' },
    dated: { en: 'at the date', fr: 'à la date' }, kind: 'stock',
  },
  days_to_referral: {
    labels: { en: 'Days from claim to referral', fr: 'Jours entre la demande et le renvoi' },
    definition: { en: 'Calendar days from the claim date to the referral, for claims referred in the period.', fr: 'Jours civils entre la date de la demande et le renvoi, pour les demandes renvoyées pendant la période.' },
    dated: { en: 'by referral date', fr: 'selon la date du renvoi' }, kind: 'duration',
  },
  days_to_decision: {
    labels: { en: 'Days from referral to RPD finalization', fr: 'Jours entre le renvoi et le règlement par la SPR' },
    definition: { en: 'Calendar days from referral to RPD finalization, for proceedings finalized in the period.', fr: 'Jours civils entre le renvoi et le règlement par la SPR, pour les instances réglées pendant la période.' },
    dated: { en: 'by finalization date', fr: 'selon la date du règlement' }, kind: 'duration',
  },
};

/** What a claim is counted under; fixed at intake (a claim does not change office or citizenship). */
export interface ClaimProfile {
  officeCode: string; officeType: string; province: string;
  /** First listed citizenship, as IRCC counts. */
  citizenship: string;
  /** First listed country of alleged persecution, as the IRB counts. */
  persecutionCountry: string;
  ageBand: string; sex: string; familySize: string;
  /**
   * Random 32-bit key of the claim, drawn at intake: what the disclosure perturbation is keyed on
   * (see perturbation.ts). Absent only on profiles written before keys existed (counted as 0).
   */
  recordKey?: number;
}

/** Age bands at the claim date (IRCC publishes age groups; these are Refuge's, documented here). */
export const AGE_BANDS = ['0-13', '14-17', '18-29', '30-44', '45-64', '65+'] as const;

export function ageBand(dateOfBirth: string, onDate: string): string {
  let age = Number(onDate.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (onDate.slice(5) < dateOfBirth.slice(5)) age -= 1;
  if (age < 14) return '0-13';
  if (age < 18) return '14-17';
  if (age < 30) return '18-29';
  if (age < 45) return '30-44';
  if (age < 65) return '45-64';
  return '65+';
}

export function familySizeBand(size: number): string {
  return size >= 5 ? '5+' : String(size);
}

export function dimensionValue(p: ClaimProfile, dim: StatDimension): string {
  switch (dim) {
    case 'all': return '*';
    case 'office': return p.officeCode;
    case 'office_type': return p.officeType;
    case 'province': return p.province;
    case 'citizenship': return p.citizenship;
    case 'persecution_country': return p.persecutionCountry;
    case 'age_band': return p.ageBand;
    case 'sex': return p.sex;
    case 'family_size': return p.familySize;
    case 'province_office_type': return `${p.province}|${p.officeType}`;
  }
}

/** Per claim, what the statistics need to remember between events. */
export interface StatMemory { referredOn: string | null; rpdPending: boolean }
export const INITIAL_MEMORY: StatMemory = { referredOn: null, rpdPending: false };

export interface StatDelta { day: string; measure: Measure; category: string; n: number }

const RPD_FINALIZATION: Record<string, string> = {
  'rpd.accepted': 'ACCEPTED', 'rpd.allowed_without_hearing': 'ACCEPTED', 'rpd.rejected': 'REJECTED',
  'rpd.declared_abandoned': 'ABANDONED', 'claimant.withdrew': 'WITHDRAWN_OTHER', 'minister.notice_104': 'WITHDRAWN_OTHER',
};
const RPD_OPENING = new Set(['eligibility.eligible_referred', 'minister.referred', 'rpd.redetermination_opened']);

/**
 * What one lifecycle event adds to the statistics. `claim.made` counts the claim; referral and
 * finalization events move the RPD inventory and record durations. Pure and total: an event that
 * means nothing statistically adds nothing.
 */
export function eventStatistics(claimDate: string, memory: StatMemory,
  event: { type: string; effectiveDate: string; details?: Record<string, unknown> | undefined }): { deltas: StatDelta[]; memory: StatMemory } {
  const day = event.effectiveDate;
  const deltas: StatDelta[] = [];
  const add = (measure: Measure, category: string, n = 1) => deltas.push({ day, measure, category, n });
  let next = memory;
  if (event.type === 'claim.made') add('claims', '');
  if (event.type === 'eligibility.eligible_referred') add('eligibility_decisions', 'ELIGIBLE');
  if (event.type === 'eligibility.ineligible') {
    add('eligibility_decisions', 'INELIGIBLE');
    for (const g of (event.details?.grounds as string[] | undefined) ?? []) add('eligibility_decisions', `INELIGIBLE:${g}`);
  }
  if (RPD_OPENING.has(event.type) && !memory.rpdPending) {
    add('referrals', '');
    add('rpd_pending', '', 1);
    if (memory.referredOn === null) add('days_to_referral', String(daysBetween(claimDate, day)));
    next = { referredOn: day, rpdPending: true };
  }
  const outcome = RPD_FINALIZATION[event.type];
  if (outcome && memory.rpdPending) {
    add('rpd_decisions', outcome);
    add('rpd_pending', '', -1);
    if (memory.referredOn) add('days_to_decision', String(daysBetween(memory.referredOn, day)));
    next = { ...next, rpdPending: false };
  }
  return { deltas, memory: next };
}

export interface RollupRow {
  grain: 'd' | 'm'; period: string; measure: Measure; category: string; dim: StatDimension; value: string; n: number;
  /** Sum of the record keys of the contributions, each counted n times, mod 2^32. */
  cellKey: number;
}

/** Durations are broken down by fewer dimensions: their rows are per day count, not per claim. */
const DURATION_DIMENSIONS: readonly StatDimension[] = ['all', 'office', 'office_type', 'province', 'citizenship', 'persecution_country'];

/** Expands deltas into rollup rows, every dimension at both grains, summed so each key appears once. */
export function rollupRows(profile: ClaimProfile, deltas: readonly StatDelta[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const d of deltas) {
    const dims = MEASURE_INFO[d.measure].kind === 'duration' ? DURATION_DIMENSIONS : STAT_DIMENSIONS;
    const cellKey = keyTimes(d.n, profile.recordKey ?? 0);
    for (const dim of dims) {
      for (const [grain, period] of [['d', d.day], ['m', monthStart(d.day)]] as const) {
        const value = dimensionValue(profile, dim);
        const key = `${grain}|${period}|${d.measure}|${d.category}|${dim}|${value}`;
        const row = rows.get(key);
        if (row) { row.n += d.n; row.cellKey = addKeys(row.cellKey, cellKey); }
        else rows.set(key, { grain, period, measure: d.measure, category: d.category, dim, value, n: d.n, cellKey });
      }
    }
  }
  return [...rows.values()].filter(isChange);
}

/** A row that changes nothing. A count can cancel out while its key does not (one claim in, another out). */
function isChange(r: RollupRow): boolean {
  return r.n !== 0 || r.cellKey !== 0;
}

/** Sums rollup rows with the same key (for batches), dropping those that cancel out. */
export function mergeRollupRows(rows: readonly RollupRow[]): RollupRow[] {
  const merged = new Map<string, RollupRow>();
  for (const r of rows) {
    const key = `${r.grain}|${r.period}|${r.measure}|${r.category}|${r.dim}|${r.value}`;
    const m = merged.get(key);
    if (m) { m.n += r.n; m.cellKey = addKeys(m.cellKey, r.cellKey); }
    else merged.set(key, { ...r });
  }
  // A deterministic order: concurrent writers then lock shared rows in the same order and never deadlock.
  return [...merged.values()].filter(isChange).sort((a, b) => (rollupKey(a) < rollupKey(b) ? -1 : 1));
}

function rollupKey(r: RollupRow): string {
  return `${r.grain}|${r.period}|${r.measure}|${r.category}|${r.dim}|${r.value}`;
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/**
 * Splits an inclusive date range into the whole months it contains (read from monthly rows) and the
 * ragged days at either end (read from daily rows), so any range costs a few dozen rows per value.
 */
export function planRange(from: string, to: string): { months: [string, string] | null; days: Array<[string, string]> } {
  if (from > to) return { months: null, days: [] };
  const firstWhole = from.slice(8) === '01' ? from : nextMonth(from);
  const afterLastWhole = monthStart(addDays(to, 1)); // first day of the month after the last whole month
  if (firstWhole >= afterLastWhole) return { months: null, days: [[from, to]] };
  const days: Array<[string, string]> = [];
  if (from < firstWhole) days.push([from, addDays(firstWhole, -1)]);
  if (afterLastWhole <= to) days.push([afterLastWhole, to]);
  return { months: [firstWhole, addDays(afterLastWhole, -1)], days };
}

/**
 * The blocks a public answer is built from, each perturbed on its own (perturbation.ts): whole months,
 * then weeks of the month (days 1-7, 8-14, 15-21, 22-28, 29-end) and single days for the ragged ends.
 * The split is a fixed hierarchy, so every answer is a sum of the same few perturbed blocks: combining
 * overlapping ranges can reveal a block's perturbed value, never the count under it.
 */
export interface Block { grain: 'm' | 'w' | 'd'; start: string; end: string }

export function canonicalBlocks(from: string, to: string): Block[] {
  const blocks: Block[] = [];
  for (let month = monthStart(from); month <= to; month = nextMonth(month)) {
    const monthEnd = addDays(nextMonth(month), -1);
    const a = from > month ? from : month;
    const b = to < monthEnd ? to : monthEnd;
    if (a === month && b === monthEnd) { blocks.push({ grain: 'm', start: month, end: monthEnd }); continue; }
    for (let day = a; day <= b;) {
      const week = weekOfMonth(day);
      if (week.start === day && week.end <= b) { blocks.push({ grain: 'w', ...week }); day = addDays(week.end, 1); }
      else { blocks.push({ grain: 'd', start: day, end: day }); day = addDays(day, 1); }
    }
  }
  return blocks;
}

function weekOfMonth(day: string): { start: string; end: string } {
  const d = Number(day.slice(8));
  const month = monthStart(day);
  if (d >= 29) return { start: addDays(month, 28), end: addDays(nextMonth(month), -1) };
  const first = Math.floor((d - 1) / 7) * 7;
  return { start: addDays(month, first), end: addDays(month, first + 6) };
}

/** The periods of an answer (one unnamed period without a series), each with its part of the range and its blocks. */
export function answerPeriods(from: string, to: string, grain?: TimeGrain): Array<{ period: string; from: string; to: string; blocks: Block[] }> {
  if (from > to) return [];
  if (!grain) return [{ period: '', from, to, blocks: canonicalBlocks(from, to) }];
  const out: Array<{ period: string; from: string; to: string; blocks: Block[] }> = [];
  // Period by period, not day by day: an eleven-year monthly series is 140 steps, not 4,000.
  for (let start = from; start <= to;) {
    const last = periodEnd(start, grain);
    const end = last < to ? last : to;
    out.push({ period: periodOf(start, grain), from: start, to: end, blocks: canonicalBlocks(start, end) });
    start = addDays(end, 1);
  }
  return out;
}

/** The last day of the period (of the grain) that holds `day`. */
export function periodEnd(day: string, grain: TimeGrain): string {
  switch (grain) {
    case 'day': return day;
    case 'week': return addDays(day, 6 - ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7)); // ISO weeks end on Sunday
    case 'month': return addDays(nextMonth(day), -1);
    case 'quarter': {
      const quarterEndMonth = (Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1) * 3;
      return addDays(nextMonth(`${day.slice(0, 4)}-${String(quarterEndMonth).padStart(2, '0')}-01`), -1);
    }
    case 'year': return `${day.slice(0, 4)}-12-31`;
  }
}

function nextMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Exact percentile (nearest-rank) from a histogram of whole days. */
export function percentileFromHistogram(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const days of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(days) ?? 0;
    if (seen >= rank) return days;
  }
  return null;
}

/** Periods of a time series, for grouping daily or monthly rows. */
export type TimeGrain = 'day' | 'week' | 'month' | 'quarter' | 'year';

export function periodOf(day: string, grain: TimeGrain): string {
  switch (grain) {
    case 'day': return day;
    case 'month': return day.slice(0, 7);
    case 'quarter': return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year': return day.slice(0, 4);
    case 'week': return isoWeek(day);
  }
}

/** ISO 8601 week, e.g. '2026-W01' (the week with the year's first Thursday). */
export function isoWeek(day: string): string {
  const t = new Date(`${day}T00:00:00Z`);
  const weekday = (t.getUTCDay() + 6) % 7; // Monday = 0
  t.setUTCDate(t.getUTCDate() - weekday + 3); // the Thursday of this week
  const year = t.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((t.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The same period one year earlier (Feb 29 → Feb 28), and the period of equal length just before. */
export function comparisonRange(from: string, to: string, kind: 'previous_year' | 'previous_period'): [string, string] {
  if (kind === 'previous_period') {
    const length = daysBetween(from, to) + 1;
    return [addDays(from, -length), addDays(from, -1)];
  }
  return [minusYear(from), minusYear(to)];
}

function minusYear(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}
