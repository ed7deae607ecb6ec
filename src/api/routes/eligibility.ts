import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EligibilityFactsSchema, evaluateEligibility, DEFAULT_ELIGIBILITY_CONFIG, type EligibilityFacts } from '../../domain/eligibility/index.ts';
import { contextOf } from '../app.ts';
import { errorResponses, Uuid } from '../schemas.ts';

const Bilingual = Type.Object({ en: Type.String(), fr: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AssessmentSchema = Type.Object({
  outcome: Type.String({ enum: ['ELIGIBLE', 'INELIGIBLE', 'SUSPENDED', 'INSUFFICIENT_FACTS'] }),
  evaluatedOn: Nullable(Type.String()),
  assessedOn: Nullable(Type.String()),
  assessmentDateAssumed: Type.Boolean(),
  grounds: Type.Array(Type.Object({
    ruleId: Type.String(), citation: Type.String(), citationFr: Type.String(), version: Type.String(),
    result: Type.String({ enum: ['APPLIES', 'NOT_APPLICABLE', 'EXCEPTION_MET', 'UNKNOWN', 'NOT_IN_FORCE'] }),
    exceptionsMet: Type.Optional(Type.Array(Type.String())), factsUsed: Type.Array(Type.String()), missingFacts: Type.Array(Type.String()),
    explanation: Bilingual, resultIfInForce: Type.Optional(Type.String()),
  })),
  suspension: Type.Optional(Type.Object({ citation: Type.String(), explanation: Bilingual })),
  questions: Type.Array(Type.Object({ fact: Type.String(), en: Type.String(), fr: Type.String() })),
  consequences: Type.Object({
    removalOrderInForceRule: Nullable(Type.String()), removalOrderInForce: Nullable(Bilingual),
    prraAvailable: Type.Boolean(), prraBarReason: Type.Optional(Type.String()), prraAvailableFrom: Type.Optional(Type.String()),
    prraRestricted: Type.Boolean(), prraOralHearing: Type.Boolean(), radAvailableLater: Type.Boolean(),
    referral: Nullable(Type.String()), notice104: Nullable(Type.Object({ citation: Type.String(), explanation: Bilingual })),
    notes: Type.Array(Bilingual),
  }),
}, { $id: 'EligibilityAssessment' });

export const StoredAssessmentSchema = Type.Object({
  id: Uuid, claimId: Uuid, eventVersion: Nullable(Type.Integer()), outcome: Type.String(),
  facts: Type.Unknown({ description: 'The facts the engine ran on: those recorded at intake merged with those given.' }),
  assessment: Type.Ref('EligibilityAssessment'), recordedAt: Type.String({ format: 'date-time' }), recordedBy: Type.String(),
});

const ClaimParams = Type.Object({ claimId: Uuid }, { additionalProperties: false });

export const eligibilityRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const repo = app.deps.claims;

  api.post('/eligibility/assess', {
    config: { access: { action: 'claims.assess_eligibility' } },
    schema: {
      tags: ['eligibility'], summary: 'Assess eligibility from facts (IRPA 101(1), the STCA, 100(2)); nothing is stored',
      description: 'Every rule is evaluated and explained in English and French with its citation. Unknown facts that could make the claim ineligible give INSUFFICIENT_FACTS with the questions to ask.',
      body: EligibilityFactsSchema,
      response: { 200: Type.Ref('EligibilityAssessment'), ...errorResponses(400, 413, 415, 422) },
    },
  }, async (req) => evaluateEligibility(req.body as EligibilityFacts, app.deps.eligibilityConfig ?? DEFAULT_ELIGIBILITY_CONFIG));

  api.post('/claims/:claimId/eligibility-assessments', {
    config: { access: { action: 'claims.assess_eligibility' } },
    schema: {
      tags: ['eligibility'], summary: 'Assess a claim: the facts recorded at intake plus those given; the assessment is kept',
      params: ClaimParams, body: EligibilityFactsSchema,
      response: { 201: StoredAssessmentSchema, ...errorResponses(400, 404, 413, 415, 422) },
    },
  }, async (req, reply) => reply.status(201).send(await repo.recordEligibilityAssessment(contextOf(req), req.params.claimId, req.body as EligibilityFacts)));

  api.get('/claims/:claimId/eligibility-assessments', {
    config: { access: { action: 'claims.read' } },
    schema: {
      tags: ['eligibility'], summary: 'A claim\'s eligibility assessments, newest first',
      params: ClaimParams,
      response: { 200: Type.Array(StoredAssessmentSchema), ...errorResponses(400, 404) },
    },
  }, async (req) => repo.listEligibilityAssessments(contextOf(req), req.params.claimId));
};
