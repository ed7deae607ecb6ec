import type { Published } from './format.ts';

export interface Bilingual { en: string; fr: string }

export interface StatsRow {
  value: string;
  n: Published;
  byCategory?: Record<string, Published>;
  median?: number | null;
  p90?: number | null;
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
  series?: string; title?: string; publisher?: string; licence?: string; vintage?: string; file?: string; derivedBy?: string | null;
}

export interface OfficialAnswer {
  series: string;
  grain: string;
  vintage: string;
  definition: Bilingual;
  source: OfficialSource;
  rows: Array<{ period: string; value: number | null; suppressed: boolean; cells: number; suppressedCells: number }>;
}

export interface MeasuresInfo {
  measures: Array<{ id: string; labels: Bilingual; definition: Bilingual; dated: Bilingual; kind: string }>;
  dimensions: string[];
  rates: Array<{ id: string; labels: Bilingual; formula: Bilingual }>;
}

export interface ReferenceItem { code: string; labels: Bilingual }

export { API, ApiError, getCached, getJson } from './client.ts';
