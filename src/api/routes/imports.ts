import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { importClaimsFile } from '../../importers/claimsFile.ts';
import type { ImportRecord } from '../../services/claimRepository.ts';
import { formulaSafe } from '../../cli/format.ts';
import { RefugeError } from '../../domain/errors.ts';
import { contextOf } from '../app.ts';
import { errorResponses, Uuid } from '../schemas.ts';

/** Import files may be far larger than an intake request. */
const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;
const MAX_ERRORS_IN_RESPONSE = 1_000;

const ReportSchema = Type.Object({
  id: Uuid, fileName: Type.String(), format: Type.String(), createdAt: Type.String(),
  kind: Type.String(), records: Type.Integer(), batches: Type.Integer(), batchesWritten: Type.Integer(), batchesRejected: Type.Integer(),
  claimsWritten: Type.Integer(), eventsWritten: Type.Integer(), errorCount: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() }), { description: `The first ${MAX_ERRORS_IN_RESPONSE}; all of them in the error report.` }),
  errorReportUrl: Type.Union([Type.String(), Type.Null()]),
});

function present(r: ImportRecord) {
  const { errors, ...counts } = r.report;
  return {
    id: r.id, fileName: r.fileName, format: r.format, createdAt: r.createdAt, ...counts,
    errorCount: errors.length, errors: errors.slice(0, MAX_ERRORS_IN_RESPONSE),
    errorReportUrl: errors.length > 0 ? `/api/v1/imports/${r.id}/errors.csv` : null,
  };
}

export const importRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // The file is the body, as sent: CSV or NDJSON text.
  app.addContentTypeParser(['text/csv', 'application/x-ndjson'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));

  api.post('/imports', {
    config: { access: { action: 'claims.import' } },
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['import'], summary: 'Import claims or events from a CSV or NDJSON file (the body)',
      description: 'Content-Type text/csv or application/x-ndjson. Records are written in batches, each in one transaction: a batch with any bad record writes nothing, and every bad record is reported with its line, field and reason. The full error report is downloadable as CSV.',
      querystring: Type.Object({
        fileName: Type.Optional(Type.String({ maxLength: 200 })),
        batchSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 5_000, default: 500 })),
      }, { additionalProperties: false }),
      response: { 201: ReportSchema, ...errorResponses(400, 403, 413, 415, 422) },
    },
  }, async (req, reply) => {
    const ctx = contextOf(req);
    const body = req.body;
    if (typeof body !== 'string' || body.trim() === '') {
      throw new RefugeError('validation', 'empty_file', 'Send the file as the body, as text/csv or application/x-ndjson.', [{ field: 'body', code: 'required', message: 'The file is empty.' }]);
    }
    const format = String(req.headers['content-type']).startsWith('text/csv') ? 'csv' : 'ndjson';
    const dir = mkdtempSync(join(tmpdir(), 'refuge-import-'));
    try {
      const path = join(dir, `upload.${format}`);
      writeFileSync(path, body);
      const report = await importClaimsFile(app.deps.claims, ctx, path, { format, batchSize: req.query.batchSize ?? 500 });
      const record = await app.deps.claims.recordImport(ctx, req.query.fileName ?? `upload.${format}`, format, report);
      return reply.status(201).send(present(record));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  api.get('/imports/:importId', {
    config: { access: { action: 'claims.import' } },
    schema: { tags: ['import'], summary: 'An import\'s report', params: Type.Object({ importId: Uuid }, { additionalProperties: false }), response: { 200: ReportSchema, ...errorResponses(400, 404) } },
  }, async (req) => present(await app.deps.claims.getImport(req.params.importId)));

  api.get('/imports/:importId/errors.csv', {
    config: { access: { action: 'claims.import' } },
    schema: { tags: ['import'], summary: 'The row-level error report of an import, as CSV', params: Type.Object({ importId: Uuid }, { additionalProperties: false }) },
  }, async (req, reply) => {
    const r = await app.deps.claims.getImport(req.params.importId);
    const csv = stringify(r.report.errors, { header: true, columns: ['line', 'field', 'code', 'message'], cast: { string: formulaSafe } });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${r.fileName.replace(/[^\w.-]/g, '_')}.errors.csv"`).send(csv);
  });
};
