import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { stringify } from 'csv-stringify/sync';
import type { ClaimTrail } from '../../services/audit.ts';
import { formulaSafe } from '../../cli/format.ts';
import { contextOf } from '../app.ts';
import { errorResponses, StringEnum, Uuid } from '../schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const TrailEntrySchema = Type.Object({
  seq: Type.Integer({ description: 'Position in the audit hash chain (commit order).' }),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String({ description: 'User id, cli:<os user>, or anonymous.' }),
  actorName: Nullable(Type.String()),
  action: Type.String({ examples: ['claim.read', 'claims.list', 'claims.export'] }),
  channel: Nullable(StringEnum(['web', 'api', 'cli'] as const, { description: 'web (the web app), api (another client), cli (a command); null for records older than the chain.' })),
  requestId: Nullable(Type.String()),
  subject: Type.Object({ type: Type.String(), id: Nullable(Type.String()) }),
});

const TrailSchema = Type.Object({ claimId: Uuid, reference: Type.String(), entries: Type.Array(TrailEntrySchema) });

const CLAIM_REFERENCE_PATTERN = '^C-[0-9]{4}-[0-9]{1,15}$';

const CSV_COLUMNS = ['seq', 'at', 'actor', 'actorName', 'action', 'channel', 'requestId', 'subjectType', 'subjectId'] as const;

/** The trail as CSV: one row per record; cells that a spreadsheet would run as formulas are quoted as text. */
export function trailToCsv(trail: ClaimTrail): string {
  return stringify(trail.entries.map((e) => ({
    seq: e.seq, at: e.at, actor: e.actor, actorName: e.actorName ?? '', action: e.action, channel: e.channel ?? '',
    requestId: e.requestId ?? '', subjectType: e.subject.type, subjectId: e.subject.id ?? '',
  })), { header: true, columns: [...CSV_COLUMNS], cast: { string: formulaSafe } });
}

export const auditRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/claims/:claimId/audit', {
    config: { access: { action: 'audit.read_trail' } },
    schema: {
      tags: ['audit'], summary: 'A claim\'s audit trail: who read or changed the claim, its group or its person, oldest first',
      description: 'Every record that touched the claim, its family group or its person, including the lists, exports, searches and queues that returned it, '
        + 'with the channel (web app, API, command line). Reading the trail is itself recorded. format=csv returns the same as a CSV download.',
      params: Type.Object({ claimId: Uuid }, { additionalProperties: false }),
      querystring: Type.Object({ format: Type.Optional(StringEnum(['json', 'csv'] as const, { default: 'json' })) }, { additionalProperties: false }),
      response: { 200: TrailSchema, ...errorResponses(400, 403, 404) },
    },
  }, async (req, reply) => {
    const trail = await app.deps.audit.claimTrail(contextOf(req), req.params.claimId);
    if (req.query.format === 'csv') {
      // Text, not the JSON response schema: its serializer (and type) stand aside.
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${trail.reference}.csv"`)
        .serializer((x: string) => x).send(trailToCsv(trail) as never);
    }
    return trail;
  });

  api.get('/audit/claims', {
    config: { access: { action: 'audit.read_trail' } },
    schema: {
      tags: ['audit'], summary: 'Find a claim by its reference, to read its audit trail',
      description: 'Auditors may not search claims: this finds exactly one, by the reference printed on its page (C-YYYY-NNNNNNN), '
        + 'within the auditor\'s offices, and answers its id and reference only. The lookup is recorded against the claim (audit.claim.lookup).',
      querystring: Type.Object({
        reference: Type.String({ pattern: CLAIM_REFERENCE_PATTERN, description: 'A claim reference, e.g. C-2025-0000042.' }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ claimId: Uuid, reference: Type.String() }, { additionalProperties: false }), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => app.deps.audit.findClaimByReference(contextOf(req), req.query.reference));
};
