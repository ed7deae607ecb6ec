import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { stringify } from 'csv-stringify/sync';
import { MEASURES, MEASURE_INFO, STAT_DIMENSIONS } from '../../domain/statistics/live.ts';
import { RATE_DEFINITIONS } from '../../domain/statistics/index.ts';
import { answer, type StatsAnswer, type StatsQuery } from '../../services/statistics.ts';
import { SAVED_QUESTIONS, runSavedQuestion } from '../../services/savedQuestions.ts';
import { BREAKDOWN_DIMENSIONS, officialBreakdown, officialRpdOutcomes, officialSeries } from '../../services/officialStatistics.ts';
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

/** One period of an official series: the sum of its cells as published, and the publisher's own total where it prints one. */
const OfficialRowSchema = Type.Object({
  period: Type.String({ description: '2024-02, 2024-Q1 or 2024' }),
  value: Type.Union([Type.Number(), Type.Null()], { description: 'The sum of the shown cells, suppressed cells counted as 0; null when every cell is suppressed.' }),
  suppressed: Type.Boolean({ description: 'At least one cell is suppressed: the true figure is above value.' }),
  cells: Type.Integer(), suppressedCells: Type.Integer(),
  publishedTotal: Type.Optional(Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), suppressed: Type.Boolean(), label: Type.String() }, { description: 'The publisher\'s own total over exactly these cells, as published.' })),
  partial: Type.Optional(Type.Boolean({ description: 'Added up from finer periods of which some are not published.' })),
});
const OfficialSourceSchema = Type.Object({
  series: Type.String(), title: Type.Union([Type.String(), Type.Null()]), publisher: Type.String(), derivedBy: Type.Union([Type.String(), Type.Null()]),
  file: Type.String(), sha256: Type.String(), licence: Type.String(), vintage: IsoDate, releaseId: Type.Integer(), importedAt: Type.String(),
}, { description: 'Who published the figures, in which file, under which licence, and which edition (vintage).' });

/** An official series as published, with its source and vintage (see services/officialStatistics). */
const OfficialAnswerSchema = Type.Object({
  series: Type.String(), grain: Type.String(), vintage: Type.String(), additive: Type.Boolean(),
  definition: Bilingual, filter: Type.Record(Type.String(), Type.String()),
  source: OfficialSourceSchema,
  rows: Type.Array(OfficialRowSchema),
}, { additionalProperties: true });

const OfficialBreakdownSchema = Type.Object({
  series: Type.String(), by: Type.String(), dimension: Type.String(), grain: Type.String(), vintage: IsoDate, additive: Type.Boolean(),
  period: Type.Union([Type.String(), Type.Null()]),
  definition: Bilingual, filter: Type.Record(Type.String(), Type.String()), source: OfficialSourceSchema,
  values: Type.Array(Type.Object({ value: Type.String(), attributes: Type.Record(Type.String(), Type.String()), rows: Type.Array(OfficialRowSchema) })),
  total: Type.Array(OfficialRowSchema),
});

const RateResultSchema = Type.Union([Type.Object({
  id: Type.String(), numerator: Type.Number(), denominator: Type.Number(), rate: Type.Union([Type.Number(), Type.Null()]), percent: Type.Union([Type.Number(), Type.Null()]),
}), Type.Null()]);
const RateDefinitionSchema = Type.Object({ id: Type.String(), labels: Bilingual, formula: Bilingual, notes: Type.Optional(Bilingual) });
const RpdOutcomesSchema = Type.Object({
  vintage: IsoDate, definition: Bilingual, source: OfficialSourceSchema,
  rates: Type.Object({ ACC_MERITS: RateDefinitionSchema, ACC_FINALIZED: RateDefinitionSchema }),
  rows: Type.Array(Type.Object({
    year: Type.Integer(), accepted: Type.Union([Type.Number(), Type.Null()]), rejected: Type.Union([Type.Number(), Type.Null()]),
    abandonedWithdrawnOther: Type.Union([Type.Number(), Type.Null()]), totalFinalized: Type.Union([Type.Number(), Type.Null()]),
    ACC_MERITS: RateResultSchema, ACC_FINALIZED: RateResultSchema,
    publishedAcceptanceRate: Type.Union([Type.Number(), Type.Null()]), publishedMatches: Type.Union([Type.Boolean(), Type.Null()]),
  })),
});

/** Filters of the official series: codes or the publisher's labels (QC or Quebec; Border or BORDER). */
const officialFilters = {
  province: Type.Optional(Type.String({ maxLength: 40, examples: ['QC'] })),
  officeCategory: Type.Optional(Type.String({ maxLength: 40, examples: ['Border'] })),
  citizenship: Type.Optional(Type.String({ maxLength: 60, examples: ['HTI'] })),
  ageGroup: Type.Optional(Type.String({ maxLength: 40 })),
  gender: Type.Optional(Type.String({ maxLength: 40 })),
  country: Type.Optional(Type.String({ maxLength: 100, description: 'IRB series: country of alleged persecution, as the IRB names it.' })),
  outcome: Type.Optional(Type.String({ maxLength: 60, examples: ['ACCEPTED'] })),
};
const SeriesParam = Type.String({ maxLength: 100, pattern: '^[A-Za-z0-9_.-]+$', examples: ['ircc.asylum.office_type_prov'] });
const VintageParam = Type.Optional(Type.String({ maxLength: 10, default: 'latest', description: "'latest', or a date: the latest release on or before it." }));
const PeriodBound = Type.Optional(Type.String({ maxLength: 10, description: 'YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD' }));
const GrainParam = Type.Optional(StringEnum(['month', 'quarter', 'year'] as const, { default: 'month', description: 'Coarser than the cells: the cells added up (additive series only).' }));

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
      querystring: Type.Object({ series: SeriesParam, vintage: VintageParam, grain: GrainParam, ...officialFilters, from: PeriodBound, to: PeriodBound }, { additionalProperties: false }),
      response: { 200: OfficialAnswerSchema, ...errorResponses(400, 404, 422) },
    },
  }, async (req) => {
    const { series, vintage, grain, from, to, ...filter } = req.query;
    return officialSeries(app.deps.db, { series, vintage: vintage ?? 'latest', filter, grain: grain ?? 'month', ...(from ? { from } : {}), ...(to ? { to } : {}) });
  });

  api.get('/stats/official/breakdown', {
    config: { access: { public: true } },
    schema: {
      tags: ['statistics'], summary: 'An official series by one dimension (office category, citizenship, outcome...), as published',
      description: 'For each value of `by` and each period: the sum of the published cells, the number of suppressed cells, and the publisher\'s own total where it prints one; `total` is every value together. `period=latest` answers for the latest period the release publishes whole (a year with all its months). Unknown series 404; a dimension the series does not have, or a grain it cannot be added up to, 422.',
      querystring: Type.Object({
        series: SeriesParam, vintage: VintageParam,
        by: StringEnum(BREAKDOWN_DIMENSIONS, { description: 'The dimension to break the series down by.' }),
        grain: GrainParam,
        period: Type.Optional(Type.String({ maxLength: 10, description: "'latest' or one period of the grain (2023, 2023-Q4, 2024-02), instead of from/to.", examples: ['latest'] })),
        from: PeriodBound, to: PeriodBound, ...officialFilters,
      }, { additionalProperties: false }),
      response: { 200: OfficialBreakdownSchema, ...errorResponses(400, 404, 422) },
    },
  }, async (req) => {
    const { series, vintage, by, grain, period, from, to, ...filter } = req.query;
    return officialBreakdown(app.deps.db, {
      series, vintage: vintage ?? 'latest', by, filter, grain: grain ?? 'month',
      ...(period ? { period } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}),
    });
  });

  api.get('/stats/official/rpd-outcomes', {
    config: { access: { public: true } },
    schema: {
      tags: ['statistics'], summary: 'IRB Refugee Protection Division finalizations by outcome and year, with the published acceptance rate',
      description: 'The counts as published (irb.rpd.outcomes), the acceptance rate printed with them (irb.rpd.acceptance_rate: ACC_MERITS, accepted ÷ (accepted + rejected)), the same rate recomputed from the counts and whether they agree, and ACC_FINALIZED (accepted ÷ all finalized), each with its definition.',
      querystring: Type.Object({
        vintage: VintageParam,
        from: Type.Optional(Type.Integer({ minimum: 1000, maximum: 9999, description: 'First year' })),
        to: Type.Optional(Type.Integer({ minimum: 1000, maximum: 9999, description: 'Last year' })),
      }, { additionalProperties: false }),
      response: { 200: RpdOutcomesSchema, ...errorResponses(400, 404, 422) },
    },
  }, async (req) => {
    const { vintage, from, to } = req.query;
    if (from !== undefined && to !== undefined && from > to) {
      throw new RefugeError('validation', 'validation_failed', `from (${from}) is after to (${to})`, [{ field: 'from', code: 'from_after_to', message: `from (${from}) is after to (${to})` }]);
    }
    return officialRpdOutcomes(app.deps.db, { vintage: vintage ?? 'latest', ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  });
};
