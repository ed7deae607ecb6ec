import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { stringify } from 'csv-stringify/sync';
import { MEASURES, MEASURE_INFO, STAT_DIMENSIONS } from '../../domain/statistics/live.ts';
import { RATE_DEFINITIONS } from '../../domain/statistics/index.ts';
import { answer, type StatsAnswer, type StatsQuery } from '../../services/statistics.ts';
import { SAVED_QUESTIONS, runSavedQuestion } from '../../services/savedQuestions.ts';
import { officialMonthlySeries } from '../../services/officialStatistics.ts';
import { RefugeError } from '../../domain/errors.ts';
import { contextOf } from '../app.ts';
import { errorResponses, IsoDate, StringEnum } from '../schemas.ts';
import type { Caller } from '../../domain/access/policy.ts';

const DISCLOSURES = ['IRCC_R5', 'IRB_S20', 'NONE'] as const;
const Published = Type.Union([Type.Number(), Type.Literal('--')]);
const Bilingual = Type.Object({ en: Type.String(), fr: Type.String() });

const AnswerSchema = Type.Object({
  measure: Type.String(), labels: Bilingual,
  definition: Type.Object({ en: Type.String(), fr: Type.String(), dated: Bilingual }),
  rateDefinition: Type.Optional(Type.Object({ id: Type.String(), labels: Bilingual, formula: Bilingual })),
  dimension: Type.String(), from: IsoDate, to: IsoDate, source: Bilingual,
  disclosure: Type.Object({ profile: Type.String(), rule: Bilingual }),
  rows: Type.Array(Type.Object({
    value: Type.String(), n: Published,
    byCategory: Type.Optional(Type.Record(Type.String(), Published)),
    median: Type.Optional(Type.Union([Type.Number(), Type.Null(), Type.Literal('--')])), p90: Type.Optional(Type.Union([Type.Number(), Type.Null(), Type.Literal('--')])),
    rate: Type.Optional(Type.Object({ id: Type.String(), percent: Type.Union([Type.Number(), Type.Literal('--'), Type.Null()]), numerator: Published, denominator: Published })),
    comparison: Type.Optional(Type.Object({ from: IsoDate, to: IsoDate, n: Published, change: Type.Union([Type.Number(), Type.Literal('--'), Type.Null()]), changePercent: Type.Union([Type.Number(), Type.Literal('--'), Type.Null()]) })),
    series: Type.Optional(Type.Array(Type.Object({ period: Type.String(), n: Published }))),
  })),
}, { $id: 'StatsAnswer' });

/** An official series as published, with its source and vintage (see services/officialStatistics). */
const OfficialAnswerSchema = Type.Object({
  series: Type.String(), grain: Type.String(), vintage: Type.String(), additive: Type.Boolean(),
  definition: Bilingual, filter: Type.Record(Type.String(), Type.String()),
  source: Type.Object({}, { additionalProperties: true }),
  rows: Type.Array(Type.Object({
    period: Type.String(), value: Type.Union([Type.Number(), Type.Null()]), suppressed: Type.Boolean(), cells: Type.Integer(), suppressedCells: Type.Integer(),
    publishedTotal: Type.Optional(Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), suppressed: Type.Boolean(), label: Type.String() })),
  })),
}, { additionalProperties: true });

const StatsQuerystring = Type.Object({
  measure: StringEnum(MEASURES),
  dimension: Type.Optional(StringEnum(STAT_DIMENSIONS, { default: 'all' })),
  values: Type.Optional(Type.String({ maxLength: 500, description: 'Comma-separated values of the dimension, e.g. QC-LACOLLE or QC|LAND_POE.' })),
  from: IsoDate, to: IsoDate,
  series: Type.Optional(StringEnum(['day', 'week', 'month', 'quarter', 'year'] as const)),
  compare: Type.Optional(StringEnum(['previous_year', 'previous_period'] as const)),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  rate: Type.Optional(StringEnum(Object.keys(RATE_DEFINITIONS) as Array<keyof typeof RATE_DEFINITIONS>)),
  disclosure: Type.Optional(StringEnum(DISCLOSURES, { default: 'IRCC_R5', description: 'Disclosure control applied by the server. NONE (exact counts) is for analysts only.' })),
  format: Type.Optional(StringEnum(['json', 'csv'] as const, { default: 'json' })),
}, { additionalProperties: false });

/** Exact counts are internal; everyone else gets the published conventions. */
function checkDisclosure(caller: Caller, disclosure: string): void {
  if (disclosure === 'NONE' && !caller.roles.some((r) => r === 'ANALYST' || r === 'ADMINISTRATOR')) {
    throw new RefugeError('forbidden', 'exact_counts_forbidden', 'Exact counts (disclosure=NONE) are for analysts; use IRCC_R5 or IRB_S20.');
  }
}

export function answerToCsv(a: StatsAnswer): string {
  const meta = { measure: a.measure, dimension: a.dimension, from: a.from, to: a.to, disclosure: a.disclosure.profile, definition: a.definition.en, source: a.source.en };
  const records = a.rows.flatMap((r) => (r.series
    ? r.series.map((p) => ({ value: r.value, period: p.period, n: p.n, ...meta }))
    : [{ value: r.value, period: `${a.from}/${a.to}`, n: r.n, previous_n: r.comparison?.n ?? '', change: r.comparison?.change ?? '', change_percent: r.comparison?.changePercent ?? '',
      median: r.median ?? '', p90: r.p90 ?? '', rate_percent: r.rate?.percent ?? '', ...meta }]));
  return stringify(records, { header: true });
}

export const statsRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/stats', {
    config: { access: { public: true } },
    schema: {
      tags: ['statistics'], summary: 'Statistics from this instance\'s records (aggregates only, disclosure control applied by the server)',
      description: 'Answers come from rollups kept in the same transaction as the events, never from the case tables. Every answer carries its definition, source and disclosure rule. format=csv returns the same as CSV.',
      querystring: StatsQuerystring,
      response: { 200: Type.Ref('StatsAnswer'), ...errorResponses(400, 403, 422) },
    },
  }, async (req, reply) => {
    const { values, format, disclosure = 'IRCC_R5', dimension = 'all', ...rest } = req.query;
    checkDisclosure(contextOf(req).caller, disclosure);
    const query: StatsQuery = { ...rest, dimension, disclosure, values: values ? values.split(',').map((v) => v.trim()).filter(Boolean) : undefined };
    const result = await answer(app.deps.db, query);
    if (format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="refuge-${query.measure}-${query.from}-${query.to}.csv"`).serializer((x: string) => x).send(answerToCsv(result));
    }
    return result;
  });

  api.get('/stats/measures', {
    config: { access: { public: true } },
    schema: {
      tags: ['statistics'], summary: 'Measures, dimensions and rate definitions, with their definitions in English and French',
      response: { 200: Type.Object({ measures: Type.Array(Type.Object({ id: Type.String(), labels: Bilingual, definition: Bilingual, dated: Bilingual, kind: Type.String() })), dimensions: Type.Array(Type.String()), rates: Type.Array(Type.Object({ id: Type.String(), labels: Bilingual, formula: Bilingual })) }) },
    },
  }, async () => ({
    measures: MEASURES.map((id) => ({ id, ...MEASURE_INFO[id] })),
    dimensions: [...STAT_DIMENSIONS],
    rates: Object.values(RATE_DEFINITIONS).map((r) => ({ id: r.id, labels: r.labels, formula: r.formula })),
  }));

  api.get('/stats/questions', {
    config: { access: { public: true } },
    schema: { tags: ['statistics'], summary: 'Saved questions', response: { 200: Type.Array(Type.Object({ id: Type.String(), labels: Bilingual })) } },
  }, async () => SAVED_QUESTIONS.map((q) => ({ id: q.id, labels: q.labels })));

  api.get('/stats/questions/:questionId', {
    config: { access: { public: true } },
    schema: {
      tags: ['statistics'], summary: 'Run a saved question as of today',
      params: Type.Object({ questionId: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
      querystring: Type.Object({ disclosure: Type.Optional(StringEnum(DISCLOSURES, { default: 'IRCC_R5' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Type.String(), labels: Bilingual, asOf: IsoDate, answers: Type.Array(Type.Object({ name: Type.String(), answer: Type.Ref('StatsAnswer') })), official: Type.Union([OfficialAnswerSchema, Type.Null()]) }), ...errorResponses(403, 404) },
    },
  }, async (req) => {
    const ctx = contextOf(req);
    const disclosure = req.query.disclosure ?? 'IRCC_R5';
    checkDisclosure(ctx.caller, disclosure);
    const result = await runSavedQuestion(app.deps.db, req.params.questionId, ctx.today, disclosure);
    if (!result) throw new RefugeError('not_found', 'question_not_found', `There is no saved question "${req.params.questionId}".`);
    return result;
  });
};

export { AnswerSchema };

export const officialRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/stats/official', {
    config: { access: { public: true } },
    schema: {
      tags: ['statistics'], summary: 'An official series (IRCC, IRB) as published, by vintage',
      description: 'Each release is kept as a vintage; vintage=latest or a date (the latest release on or before it). Suppressed cells are counted and reported, never hidden; published totals are kept as published.',
      querystring: Type.Object({
        series: Type.String({ maxLength: 100, examples: ['ircc.asylum.office_type_prov'] }),
        vintage: Type.Optional(Type.String({ maxLength: 10, default: 'latest' })),
        province: Type.Optional(Type.String({ maxLength: 40 })), officeCategory: Type.Optional(Type.String({ maxLength: 40 })),
        citizenship: Type.Optional(Type.String({ maxLength: 60 })),
        from: Type.Optional(Type.String({ maxLength: 10 })), to: Type.Optional(Type.String({ maxLength: 10 })),
      }, { additionalProperties: false }),
      response: { 200: OfficialAnswerSchema, ...errorResponses(400, 404, 422) },
    },
  }, async (req) => {
    const { series, vintage, from, to, ...filter } = req.query;
    try {
      return await officialMonthlySeries(app.deps.db, { series, vintage: vintage ?? 'latest', filter, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    } catch (err) {
      if (err instanceof RefugeError) throw err;
      throw new RefugeError('not_found', 'official_series_not_found', `No release of the official series "${series}" answers this (${(err as Error).message}).`);
    }
  });
};
