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

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Sent with every request so the server's audit records name the web app as the channel. */
export const CLIENT_HEADERS = { 'x-refuge-client': 'web' } as const;

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json', ...CLIENT_HEADERS }, ...(signal ? { signal } : {}) });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { message?: string };
      if (body.message) message = body.message;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

const cache = new Map<string, Promise<unknown>>();

/** Reference data and definitions change rarely: fetched once per page load. */
export function getCached<T>(url: string): Promise<T> {
  let p = cache.get(url);
  if (!p) {
    p = getJson<T>(url).catch((err: unknown) => {
      cache.delete(url);
      throw err;
    });
    cache.set(url, p);
  }
  return p as Promise<T>;
}

export const API = '/api/v1';
