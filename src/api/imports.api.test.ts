import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, type TestSystem } from '../test/harness.ts';
import { buildIntake } from '../test/factories.ts';

let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys.close(); });

describe('POST /api/v1/imports', () => {
  it('imports an NDJSON file, reports each bad row, and serves the error report as CSV', async () => {
    const bad = buildIntake() as unknown as Record<string, unknown>;
    bad.officeCode = 'XX-NOWHERE';
    const body = [JSON.stringify({ intake: buildIntake() }), JSON.stringify({ intake: bad }), '{broken'].join('\n');
    const res = await sys.app.inject({ method: 'POST', url: '/api/v1/imports?fileName=clinic%20export.ndjson&batchSize=1', payload: body, headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ fileName: 'clinic export.ndjson', format: 'ndjson', kind: 'groups', records: 3, batchesWritten: 1, batchesRejected: 2, claimsWritten: 1, errorCount: 2 });
    expect(report.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([[2, 'unknown_office'], [3, 'invalid_json']]);
    const csv = await sys.app.inject({ method: 'GET', url: report.errorReportUrl });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="clinic_export.ndjson.errors.csv"');
    expect(csv.body.split('\n')[0]).toBe('line,field,code,message');
    expect(csv.body).toContain('2,intake.officeCode,unknown_office,');
    const again = await sys.app.inject({ method: 'GET', url: `/api/v1/imports/${report.id}` });
    expect(again.json().errorCount).toBe(2);
  });

  it('refuses an empty file and a type it does not read', async () => {
    const empty = await sys.app.inject({ method: 'POST', url: '/api/v1/imports', payload: '  ', headers: { 'content-type': 'text/csv' } });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('empty_file');
    const xml = await sys.app.inject({ method: 'POST', url: '/api/v1/imports', payload: '<claims/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.statusCode).toBe(415);
  });
});
