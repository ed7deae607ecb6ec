import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EVENT_INFO, ACTOR_ROLES, CLAIM_STATES, type LifecycleEventInput, type LifecycleEventType } from '../../domain/lifecycle/index.ts';
import { OFFICE_TYPES, type IntakeInput } from '../../domain/intake/types.ts';
import { EligibilityFactsSchema, type EligibilityFacts } from '../../domain/eligibility/index.ts';
import { StoredAssessmentSchema } from './eligibility.ts';
import type { IntakeRequest } from '../../services/claimRepository.ts';
import { contextOf } from '../app.ts';
import {
  IntakeBodySchema, DuplicateSearchBodySchema, GroupViewSchema, ClaimViewSchema, ClaimSummarySchema, EventViewSchema,
  IdempotencyHeaders, errorResponses, eventBodySchema, StringEnum, IsoDate, Uuid, CountryCode,
} from '../schemas.ts';

const EventBody = Type.Object({
  ...eventBodySchema(Object.keys(EVENT_INFO).filter((t) => t !== 'claim.made'), ACTOR_ROLES).properties,
  eligibility: Type.Optional(Type.Object({
    facts: EligibilityFactsSchema,
    disagreementReason: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, description: 'Why the decision departs from the engine\'s assessment of these facts.' })),
  }, { additionalProperties: false, description: 'With an eligibility decision: the facts it rests on. The engine assesses them; the assessment is kept whole with the event, and a decision that disagrees needs a reason.' })),
}, { additionalProperties: false });

const { expectedVersion: _ev, ...groupEventProps } = eventBodySchema(Object.keys(EVENT_INFO).filter((t) => t !== 'claim.made'), ACTOR_ROLES).properties;
const GroupEventBody = Type.Object({
  ...groupEventProps,
  expectedVersions: Type.Record(Type.String({ format: 'uuid' }), Type.Integer({ minimum: 1 }), { minProperties: 1, maxProperties: 20, description: 'Claim id → the version last read.' }),
}, { additionalProperties: false });

const DuplicateCandidateSchema = Type.Object({
  personId: Uuid, familyName: Type.String(), givenNames: Type.String(), dateOfBirth: IsoDate, sex: Type.String(),
  citizenships: Type.Array(Type.String()), score: Type.Number(), level: Type.String(),
  reasons: Type.Array(Type.Object({ code: Type.String(), weight: Type.Number(), detail: Type.Object({ en: Type.String(), fr: Type.String() }) })),
  claims: Type.Array(Type.Object({ id: Uuid, reference: Type.String(), state: Type.String(), claimDate: IsoDate, officeCode: Type.String() })),
});

const ClaimParams = Type.Object({ claimId: Uuid }, { additionalProperties: false });

const ListQuery = Type.Object({
  state: Type.Optional(StringEnum(CLAIM_STATES)),
  officeCode: Type.Optional(Type.String({ maxLength: 40 })),
  officeType: Type.Optional(StringEnum(OFFICE_TYPES)),
  province: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  citizenship: Type.Optional(CountryCode),
  persecutionCountry: Type.Optional(CountryCode),
  claimDateFrom: Type.Optional(IsoDate),
  claimDateTo: Type.Optional(IsoDate),
  groupId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

/** Thin handlers: schemas at the edge, the repository (choke point) does the work. */
export const claimRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const repo = app.deps.claims;

  api.post('/duplicate-searches', {
    config: { access: { action: 'claims.search_duplicates' } },
    schema: {
      tags: ['intake'], summary: 'Search for people already on record before intake',
      description: 'Phonetic and fuzzy names, date of birth (including swapped day and month and transposed digits), sex and document numbers. '
        + 'Returns candidates for each person and a searchId that the intake request must reference.',
      headers: IdempotencyHeaders,
      body: DuplicateSearchBodySchema,
      response: { 201: Type.Object({ searchId: Uuid, createdAt: Type.String(), people: Type.Array(Type.Object({ index: Type.Integer(), candidates: Type.Array(DuplicateCandidateSchema) })) }), ...errorResponses(400, 403, 413, 415) },
    },
  }, async (req, reply) => {
    const result = await repo.searchDuplicates(contextOf(req), req.body.people);
    return reply.status(201).send(result);
  });

  api.post('/groups', {
    config: { access: { action: 'claims.create' } },
    schema: {
      tags: ['intake'], summary: 'Create a family group\'s claims (one claim per person)',
      description: 'Requires duplicateSearchId (a search for exactly these people, less than 24 hours old) or duplicateOverride with a reason.',
      headers: IdempotencyHeaders,
      body: IntakeBodySchema,
      response: { 201: GroupViewSchema, ...errorResponses(400, 403, 413, 415, 422, 428) },
    },
  }, async (req, reply) => {
    const { group, replayed } = await repo.createGroup(contextOf(req), req.body as unknown as IntakeRequest & IntakeInput, req.headers['idempotency-key']);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).header('location', `/api/v1/groups/${group.id}`).send(group);
  });

  api.get('/groups/:groupId', {
    config: { access: { action: 'claims.read' } },
    schema: {
      tags: ['claims'], summary: 'Read a family group and its claims',
      params: Type.Object({ groupId: Uuid }, { additionalProperties: false }),
      response: { 200: GroupViewSchema, ...errorResponses(400, 404) },
    },
  }, async (req) => repo.getGroup(contextOf(req), req.params.groupId));

  api.post('/groups/:groupId/events', {
    config: { access: { action: 'claims.append_event' } },
    schema: {
      tags: ['claims'], summary: 'Append one lifecycle event to several claims of a family group (heard together), all or nothing',
      description: 'expectedVersions maps each claim the event applies to onto the version the client last read. If any claim has moved on or does not allow the event, nothing is applied (409).',
      params: Type.Object({ groupId: Uuid }, { additionalProperties: false }),
      headers: IdempotencyHeaders,
      body: GroupEventBody,
      response: { 201: GroupViewSchema, ...errorResponses(400, 404, 409, 413, 415, 422) },
    },
  }, async (req, reply) => {
    const { expectedVersions, ...event } = req.body;
    const { group, replayed } = await repo.appendGroupEvent(contextOf(req), req.params.groupId, expectedVersions,
      { ...event, type: event.type as LifecycleEventType } as LifecycleEventInput, req.headers['idempotency-key']);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(group);
  });

  api.get('/claims', {
    config: { access: { action: 'claims.list' } },
    schema: {
      tags: ['claims'], summary: 'List and filter claims (newest first, keyset pagination)',
      querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(ClaimSummarySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses(400, 403, 422) },
    },
  }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return repo.listClaims(contextOf(req), filter, limit ?? 50, cursor);
  });

  api.get('/claims/:claimId', {
    config: { access: { action: 'claims.read' } },
    schema: {
      tags: ['claims'], summary: 'Read a claim, with the events and actions the caller may take next',
      params: ClaimParams,
      response: { 200: ClaimViewSchema, ...errorResponses(400, 404) },
    },
  }, async (req) => repo.getClaim(contextOf(req), req.params.claimId));

  api.post('/claims/:claimId/events', {
    config: { access: { action: 'claims.append_event' } },
    schema: {
      tags: ['claims'], summary: 'Append a lifecycle event to a claim',
      description: 'expectedVersion must be the claim\'s current version: if someone else appended first, the request fails with 409 version_conflict. '
        + 'An event the lifecycle does not allow from the current state fails with 409 illegal_transition, naming the state and the events allowed.',
      params: ClaimParams,
      headers: IdempotencyHeaders,
      body: EventBody,
      response: { 201: Type.Object({ claim: ClaimViewSchema, event: EventViewSchema, eligibilityAssessment: Type.Union([StoredAssessmentSchema, Type.Null()]) }), ...errorResponses(400, 404, 409, 413, 415, 422) },
    },
  }, async (req, reply) => {
    const { expectedVersion, eligibility, ...event } = req.body;
    const result = await repo.appendEvent(contextOf(req), req.params.claimId, expectedVersion,
      { ...event, type: event.type as LifecycleEventType } as LifecycleEventInput, req.headers['idempotency-key'],
      eligibility ? { facts: eligibility.facts as EligibilityFacts, ...(eligibility.disagreementReason ? { disagreementReason: eligibility.disagreementReason } : {}) } : undefined);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send({ claim: result.claim, event: result.event, eligibilityAssessment: result.assessment });
  });

  api.put('/claims/:claimId/counsel', {
    config: { access: { action: 'claims.name_counsel' } },
    schema: {
      tags: ['claims'], summary: 'Record the counsel the claimant has named (replaces the list)',
      description: 'Counsel see only the claims whose claimant named them. expectedCounselIds is the list you last read: if it changed meanwhile, nothing is written (409 counsel_changed).',
      params: ClaimParams,
      body: Type.Object({
        counselIds: Type.Array(Uuid, { maxItems: 5, description: 'User ids of counsel (users with the COUNSEL role).' }),
        expectedCounselIds: Type.Optional(Type.Array(Uuid, { maxItems: 5 })),
      }, { additionalProperties: false }),
      response: { 200: ClaimViewSchema, ...errorResponses(400, 404, 409, 413, 415, 422) },
    },
  }, async (req) => repo.setCounsel(contextOf(req), req.params.claimId, req.body.counselIds, req.body.expectedCounselIds));

  api.get('/claims/:claimId/events', {
    config: { access: { action: 'claims.read' } },
    schema: {
      tags: ['claims'], summary: 'A claim\'s history: every event, oldest first',
      params: ClaimParams,
      response: { 200: Type.Object({ claimId: Uuid, reference: Type.String(), version: Type.Integer(), events: Type.Array(EventViewSchema) }), ...errorResponses(400, 404) },
    },
  }, async (req) => repo.getHistory(contextOf(req), req.params.claimId));
};
