import type { Published } from './format.ts';

export interface Bilingual { en: string; fr: string }

export interface StatsRow {
  value: string;
  n: Published;
  byCategory?: Record<string, Published>;
  median?: number | null | '--';
  p90?: number | null | '--';
  rate?: { id: string; percent: Published; numerator: Published; denominator: Published };
  comparison?: { from: string; to: string; n: Published; change: Published; changePercent: Published };
  series?: Array<{ period: string; n: Published }>;
}

export interface StatsAnswer {
  measure: string;
  labels: Bilingual;
  definition: Bilingual & { dated: Bilingual };
  rateDefinition?: { id: string; labels: Bilingual; formula: Bilingual };
  dimension: string;
  from: string;
  to: string;
  source: Bilingual;
  disclosure: { profile: string; rule: Bilingual };
  rows: StatsRow[];
}

export interface SavedQuestionResult {
  id: string;
  labels: Bilingual;
  asOf: string;
  answers: Array<{ name: string; answer: StatsAnswer }>;
}

export interface OfficialSource {
  series?: string; title?: string | null; publisher?: string; licence?: string; vintage?: string; file?: string; derivedBy?: string | null;
}

/** One period of an official series, as the server answers it (src/services/officialStatistics.ts). */
export interface OfficialRow {
  period: string;
  /** The sum of the published cells, suppressed ones counted as 0; null when all are suppressed. */
  value: number | null;
  suppressed: boolean;
  cells: number;
  suppressedCells: number;
  /** The publisher's own total over exactly these cells, as published. */
  publishedTotal?: { value: number | null; suppressed: boolean; label: string };
  partial?: boolean;
}

export interface OfficialAnswer {
  series: string;
  grain: string;
  vintage: string;
  definition: Bilingual;
  source: OfficialSource;
  rows: OfficialRow[];
}

export interface OfficialBreakdown {
  series: string;
  by: string;
  grain: string;
  vintage: string;
  period: string | null;
  definition: Bilingual;
  source: OfficialSource;
  values: Array<{ value: string; attributes: Record<string, string>; rows: OfficialRow[] }>;
  total: OfficialRow[];
}

export interface RateResult { id: string; numerator: number; denominator: number; rate: number | null; percent: number | null }
export interface RateInfo { id: string; labels: Bilingual; formula: Bilingual; notes?: Bilingual }

export interface RpdOutcomes {
  vintage: string;
  definition: Bilingual;
  source: OfficialSource;
  rates: { ACC_MERITS: RateInfo; ACC_FINALIZED: RateInfo };
  rows: Array<{
    year: number; accepted: number | null; rejected: number | null; abandonedWithdrawnOther: number | null; totalFinalized: number | null;
    ACC_MERITS: RateResult | null; ACC_FINALIZED: RateResult | null; publishedAcceptanceRate: number | null; publishedMatches: boolean | null;
  }>;
}

export interface MeasuresInfo {
  measures: Array<{ id: string; labels: Bilingual; definition: Bilingual; dated: Bilingual; kind: string }>;
  dimensions: string[];
  rates: Array<{ id: string; labels: Bilingual; formula: Bilingual }>;
}

export interface ReferenceItem { code: string; labels: Bilingual }

export { API, ApiError, getCached, getJson } from './client.ts';
