import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CLAIM_STATES, STATE_INFO, EVENT_INFO, ACTOR_ROLES, ACTOR_INFO } from '../../domain/lifecycle/index.ts';
import { OFFICES, OFFICE_TYPE_INFO, PROVINCE_INFO } from '../../jurisdictions/ca/offices.ts';
import { listCountries } from '../../jurisdictions/ca/countries.ts';

const Labels = Type.Object({ en: Type.String(), fr: Type.String() });

/** Reference data with English and French labels, for forms and for reading exports. */
export const referenceRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/reference/offices', {
    config: { access: { public: true } },
    schema: {
      tags: ['reference'], summary: 'Offices where claims are made, with stable codes',
      response: { 200: Type.Array(Type.Object({ code: Type.String(), type: Type.String(), province: Type.Union([Type.String(), Type.Null()]), labels: Labels })) },
    },
  }, async () => OFFICES.map((o) => ({ code: o.code, type: o.type, province: o.province, labels: o.names })));

  api.get('/reference/office-types', {
    config: { access: { public: true } },
    schema: { tags: ['reference'], summary: 'Office types', response: { 200: Type.Array(Type.Object({ code: Type.String(), labels: Labels })) } },
  }, async () => Object.entries(OFFICE_TYPE_INFO).map(([code, info]) => ({ code, labels: info.labels })));

  api.get('/reference/provinces', {
    config: { access: { public: true } },
    schema: { tags: ['reference'], summary: 'Provinces and territories', response: { 200: Type.Array(Type.Object({ code: Type.String(), labels: Labels })) } },
  }, async () => Object.entries(PROVINCE_INFO).map(([code, info]) => ({ code, labels: info.names })));

  api.get('/reference/countries', {
    config: { access: { public: true } },
    schema: { tags: ['reference'], summary: 'Countries (ISO 3166-1 alpha-3) and special nationality codes', response: { 200: Type.Array(Type.Object({ code: Type.String(), labels: Labels })) } },
  }, async () => listCountries().map((c) => ({ code: c.code, labels: c.labels })));

  api.get('/reference/states', {
    config: { access: { public: true } },
    schema: {
      tags: ['reference'], summary: 'Claim lifecycle states',
      response: { 200: Type.Array(Type.Object({ code: Type.String(), specId: Type.String(), terminal: Type.Boolean(), stage: Type.String(), labels: Labels })) },
    },
  }, async () => CLAIM_STATES.map((code) => ({ code, ...STATE_INFO[code] })));

  api.get('/reference/events', {
    config: { access: { public: true } },
    schema: {
      tags: ['reference'], summary: 'Lifecycle events, who may record them, and the details each one takes',
      response: { 200: Type.Array(Type.Object({ code: Type.String(), transitionIds: Type.Array(Type.String()), legalBasis: Type.String(), actorRoles: Type.Array(Type.String()), labels: Labels, detailsSchema: Type.Unknown() })) },
    },
  }, async () => Object.entries(EVENT_INFO).map(([code, info]) => ({ code, transitionIds: info.transitionIds, legalBasis: info.legalBasis, actorRoles: info.actorRoles, labels: info.labels, detailsSchema: info.detailsSchema })));

  api.get('/reference/actor-roles', {
    config: { access: { public: true } },
    schema: { tags: ['reference'], summary: 'Who can be the actor of a lifecycle event', response: { 200: Type.Array(Type.Object({ code: Type.String(), labels: Labels })) } },
  }, async () => ACTOR_ROLES.map((code) => ({ code, labels: ACTOR_INFO[code].labels })));
};
