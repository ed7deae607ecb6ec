import { answer, type StatsQuery, type StatsAnswer } from './statistics.ts';
import type { Database } from '../store/db.ts';
import { addDays } from '../domain/dates.ts';
import { officialMonthlySeries, type OfficialSeriesAnswer, type SeriesQuery } from './officialStatistics.ts';

/**
 * Named questions the public asks, as runnable definitions. Each resolves its dates from "today",
 * so "from July 1 to today" means the same thing on any day it is asked.
 */
export interface SavedQuestion {
  id: string;
  labels: { en: string; fr: string };
  /** The queries it runs (several when the comparison is not a standard one). */
  queries(today: string): Array<{ name: string; query: StatsQuery }>;
  /** An official series shown beside this instance's own records. */
  official?: (today: string) => SeriesQuery;
}

const lastCompleteQuarterEnd = (today: string): string => {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // quarters completed this year
  return q === 0 ? `${y - 1}-12-31` : addDays(`${y}-${String(q * 3 + 1).padStart(2, '0')}-01`, -1);
};

export const SAVED_QUESTIONS: SavedQuestion[] = [
  {
    id: 'lacolle-since-july-1',
    labels: { en: 'Claims at Saint-Bernard-de-Lacolle from July 1 to today, against the same period last year', fr: 'Demandes à Saint-Bernard-de-Lacolle du 1er juillet à aujourd’hui, par rapport à la même période l’an dernier' },
    queries: (today) => {
      const year = today.slice(5) >= '07-01' ? today.slice(0, 4) : String(Number(today.slice(0, 4)) - 1);
      return [{ name: 'claims', query: { measure: 'claims', dimension: 'office', values: ['QC-LACOLLE'], from: `${year}-07-01`, to: today, compare: 'previous_year' } }];
    },
  },
  {
    id: 'us-citizens-first-half-vs-previous-year',
    labels: { en: 'Claims by US citizens in the first half of the year, against the whole previous year', fr: 'Demandes de citoyens américains au premier semestre, par rapport à toute l’année précédente' },
    queries: (today) => {
      // The latest first half that has ended (or the current one so far, if June 30 has not passed).
      const y = Number(today.slice(0, 4));
      const firstHalfEnd = today >= `${y}-06-30` ? `${y}-06-30` : today;
      return [
        { name: 'first_half', query: { measure: 'claims', dimension: 'citizenship', values: ['USA'], from: `${y}-01-01`, to: firstHalfEnd } },
        { name: 'previous_year', query: { measure: 'claims', dimension: 'citizenship', values: ['USA'], from: `${y - 1}-01-01`, to: `${y - 1}-12-31` } },
      ];
    },
  },
  {
    id: 'acceptance-by-persecution-country-last-four-quarters',
    labels: { en: 'RPD acceptance rate by country of alleged persecution over the last four quarters', fr: 'Taux d’acceptation de la SPR par pays de persécution alléguée au cours des quatre derniers trimestres' },
    queries: (today) => {
      const to = lastCompleteQuarterEnd(today);
      const from = `${Number(to.slice(0, 4)) - 1}-${String(Number(to.slice(5, 7)) % 12 + 1).padStart(2, '0')}-01`;
      return [
        { name: 'finalized_share', query: { measure: 'rpd_decisions', dimension: 'persecution_country', from, to, rate: 'ACC_FINALIZED', top: 15 } },
        { name: 'merits', query: { measure: 'rpd_decisions', dimension: 'persecution_country', from, to, rate: 'ACC_MERITS', top: 15 } },
      ];
    },
  },
  {
    id: 'pending-at-month-ends',
    labels: { en: 'RPD pending inventory at the end of each month (last 24 months)', fr: 'Demandes en instance à la SPR à la fin de chaque mois (24 derniers mois)' },
    queries: (today) => [{ name: 'pending', query: { measure: 'rpd_pending', dimension: 'all', from: `${Number(today.slice(0, 4)) - 2}-${today.slice(5, 7)}-01`, to: today, series: 'month' } }],
  },
  {
    id: 'quebec-land-border-by-month',
    labels: { en: 'Quebec land-border claims by month (this instance\'s records; the official IRCC series beside it)', fr: 'Demandes à la frontière terrestre du Québec par mois (dossiers de cette instance; la série officielle d’IRCC à côté)' },
    queries: (today) => [{ name: 'instance', query: { measure: 'claims', dimension: 'province_office_type', values: ['QC|LAND_POE'], from: '2015-01-01', to: today, series: 'month' } }],
    // IRCC's "Border" category in Quebec: land ports, including irregular crossers brought to them.
    official: (today) => ({ series: 'ircc.asylum.office_type_prov', vintage: 'latest', filter: { province: 'QC', officeCategory: 'Border' }, from: '2015-01', to: today.slice(0, 7) }),
  },
];

export async function runSavedQuestion(db: Database, id: string, today: string, disclosure: StatsQuery['disclosure']):
  Promise<{ id: string; labels: SavedQuestion['labels']; asOf: string; answers: Array<{ name: string; answer: StatsAnswer }>; official: OfficialSeriesAnswer | null } | null> {
  const q = SAVED_QUESTIONS.find((s) => s.id === id);
  if (!q) return null;
  const answers = [];
  for (const { name, query } of q.queries(today)) answers.push({ name, answer: await answer(db, { ...query, disclosure }) });
  // Official figures are already published (with the publisher's own disclosure control): shown as published.
  const official = q.official ? await officialMonthlySeries(db, q.official(today)).catch(() => null) : null;
  return { id: q.id, labels: q.labels, asOf: today, answers, official };
}
