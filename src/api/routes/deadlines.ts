import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { contextOf } from '../app.ts';
import { errorResponses, IsoDate, StringEnum, Uuid } from '../schemas.ts';

const Bilingual = Type.Object({ en: Type.String(), fr: Type.String() });
const Due = Type.Object({
  nominal: IsoDate, safe: IsoDate, latestIfRolls: Type.Union([IsoDate, Type.Null()]),
  rollUnclear: Type.Boolean({ description: 'The later date depends on an unsettled reading (e.g. a Saturday): file by the safe date.' }),
});
const DeadlineSchema = Type.Object({
  ruleId: Type.String({ description: 'Row of the deadline table (domain spec §4.2), e.g. D02.' }), key: Type.String(), labels: Bilingual,
  nature: Type.String({ enum: ['FILING', 'TARGET', 'BAR'] }),
  trigger: Type.Object({ event: Type.String(), date: IsoDate, deemed: Type.Boolean(), fromRule: Type.Optional(Type.String()) }),
  due: Due, regulatoryDue: Type.Optional(IsoDate), regulatory: Type.Optional(Due),
  status: Type.String({ enum: ['OPEN', 'MET', 'MISSED', 'NOT_APPLICABLE'] }), metOn: Type.Optional(IsoDate),
  daysRemaining: Type.Optional(Type.Integer()), pastSafeDate: Type.Optional(Type.Boolean()), conditional: Type.Optional(Type.Boolean()),
  verifiable: Type.Boolean(), source: Type.String(), confidence: Type.String(), explanation: Bilingual,
}, { $id: 'Deadline' });

const QueueItem = Type.Object({
  claimId: Uuid, reference: Type.String(), officeCode: Type.String(), state: Type.String(),
  deadline: Type.Optional(Type.Ref('Deadline')), assessmentOn: Type.Optional(Type.String()), questions: Type.Optional(Type.Integer()),
});

/** Which part of the work each role queues (deadline owners). */
const ROLE_OWNERS: Record<string, string[]> = {
  ELIGIBILITY_OFFICER: ['CBSA', 'IRCC'],
  TRIBUNAL_REGISTRY: ['RPD_REGISTRY', 'RAD_REGISTRY'],
  TRIBUNAL_MEMBER: ['RPD_REGISTRY', 'RAD_REGISTRY'],
  COUNSEL: ['COUNSEL'],
};

export const deadlineRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const repo = app.deps.claims;

  api.get('/claims/:claimId/deadlines', {
    config: { access: { action: 'claims.read' } },
    schema: {
      tags: ['deadlines'], summary: 'A claim\'s legal time limits, computed from its events with federal and provincial holidays',
      params: Type.Object({ claimId: Uuid }, { additionalProperties: false }),
      response: { 200: Type.Object({ claimId: Uuid, reference: Type.String(), asOf: IsoDate, deadlines: Type.Array(Type.Ref('Deadline')) }), ...errorResponses(400, 404) },
    },
  }, async (req) => repo.getDeadlines(contextOf(req), req.params.claimId));

  api.get('/queues', {
    config: { access: { action: 'claims.list' } },
    schema: {
      tags: ['deadlines'], summary: 'Work queue of an office: overdue limits, limits due within N days, eligibility decisions waiting on facts',
      querystring: Type.Object({
        officeCode: Type.String({ minLength: 1, maxLength: 40 }),
        role: Type.Optional(StringEnum(Object.keys(ROLE_OWNERS), { description: 'Only the part of the work this role does.' })),
        withinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, default: 7 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ officeCode: Type.String(), asOf: IsoDate, withinDays: Type.Integer(), overdue: Type.Array(QueueItem), dueSoon: Type.Array(QueueItem), awaitingFacts: Type.Array(QueueItem) }), ...errorResponses(400, 404) },
    },
  }, async (req) => repo.workQueue(contextOf(req), req.query.officeCode, req.query.withinDays ?? 7, req.query.role ? ROLE_OWNERS[req.query.role] ?? null : null));
};

export { DeadlineSchema };
