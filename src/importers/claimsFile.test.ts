import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { importClaimsFile, CLAIM_CSV_COLUMNS } from './claimsFile.ts';
import type { ClaimSummary } from '../services/claimRepository.ts';
import { parseRanges, rangesContain, rangesLiteral, referenceNumber, toRanges } from '../services/audit.ts';

let sys: TestSystem;
let dir: string;
beforeAll(async () => {
  sys = await startTestSystem();
  dir = mkdtempSync(join(tmpdir(), 'refuge-import-'));
});
afterAll(async () => {
  await sys.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (sql: string) => Number((await sys.db.pool.query(sql)).rows[0].n);
/** Every claim as the repository shows it (names are encrypted in the tables, so SQL cannot filter on them). */
async function allClaims() {
  const items: ClaimSummary[] = [];
  await sys.claims.exportClaims(testContext(), {}, async (page) => { items.push(...page); });
  return items;
}
const started = (date = '2025-07-14') => ({ type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: date });

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('NDJSON import', () => {
  it('writes good batches, rejects a batch with bad rows whole, and reports each bad row with its line', async () => {
    const before = await count('SELECT count(*)::int AS n FROM claims');
    const good = (name: string) => JSON.stringify({ intake: buildIntake({ members: [buildMember({ familyName: name })] }), events: [{ memberIndex: 0, event: started() }] });
    const lines = [
      good('Importa'), good('Importb'),                                                     // batch 1: fine
      good('Importc'),                                                                      // batch 2: line 3 fine...
      JSON.stringify({ intake: buildIntake({ officeCode: 'XX-NOWHERE' }) }),                // ...line 4 unknown office
      '{"intake": {"officeCode": ',                                                          // batch 3: line 5 broken JSON
      JSON.stringify({ intake: buildIntake(), events: [{ memberIndex: 0, event: { ...started(), type: 'rpd.accepted', actor: { role: 'RPD' }, details: { basis: 'S96' } } }] }), // line 6 illegal transition
      good('Imported'), good('Importe'),                                                     // batch 4: fine
    ];
    const report = await importClaimsFile(sys.claims, testContext(), file('mixed.ndjson', lines), { batchSize: 2 });
    expect(report).toMatchObject({ kind: 'groups', records: 8, batches: 4, batchesWritten: 2, batchesRejected: 2, claimsWritten: 4, eventsWritten: 8 });
    expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [4, 'intake.officeCode', 'unknown_office'],
      [5, '', 'invalid_json'],
      [6, 'events[0].type', 'illegal_transition'],
    ]);
    expect(await count('SELECT count(*)::int AS n FROM claims') - before).toBe(4);
    // Nothing of the rejected batch 2 was written, not even its good record.
    const names = (await allClaims()).map((c) => c.familyName);
    expect(names.filter((n) => n === 'Importc')).toEqual([]);
    expect(names.filter((n) => ['Importa', 'Importb', 'Imported', 'Importe'].includes(n ?? '')).sort()).toEqual(['Importa', 'Importb', 'Importe', 'Imported']);
  });

  it('reports schema errors in a record with the field path', async () => {
    const intake = buildIntake() as unknown as Record<string, unknown>;
    intake.claimDate = '2025-13-01';
    const report = await importClaimsFile(sys.claims, testContext(), file('bad-date.ndjson', [JSON.stringify({ intake })]));
    expect(report.errors).toEqual([{ line: 1, field: 'intake.claimDate', code: 'invalid_date', message: 'Must be a real calendar date written YYYY-MM-DD.' }]);
    expect(report.claimsWritten).toBe(0);
  });

  it('imports events on existing claims by reference, in order, and refuses an illegal one with its line', async () => {
    const created = await sys.claims.importGroups(testContext(), [{ intake: buildIntake(), events: [] }], 'test');
    const { rows } = await sys.db.pool.query('SELECT reference FROM claims WHERE group_id = $1', [created.groupIds[0]]);
    const reference = rows[0].reference as string;
    const ok = await importClaimsFile(sys.claims, testContext(), file('events.ndjson', [
      JSON.stringify({ claimReference: reference, event: started() }),
      JSON.stringify({ claimReference: reference, event: { type: 'eligibility.eligible_referred', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-15' } }),
    ]));
    expect(ok).toMatchObject({ kind: 'events', eventsWritten: 2, errors: [] });
    const bad = await importClaimsFile(sys.claims, testContext(), file('events-bad.ndjson', [
      JSON.stringify({ claimReference: reference, event: { type: 'boc.received', actor: { role: 'RPD' }, effectiveDate: '2025-07-20' } }),
      JSON.stringify({ claimReference: reference, event: { type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-21' } }),
      JSON.stringify({ claimReference: 'C-1999-0000000', event: started() }),
    ]));
    expect(bad.errors.map((e) => [e.line, e.code])).toEqual([[2, 'illegal_transition'], [3, 'unknown_claim']]);
    expect(bad.eventsWritten).toBe(0);
    const history = await sys.claims.getHistory(testContext(), (await sys.db.pool.query('SELECT id FROM claims WHERE reference = $1', [reference])).rows[0].id);
    expect(history.events.map((e) => e.type)).toEqual(['claim.made', 'eligibility.examination_started', 'eligibility.eligible_referred']);
  });
});

describe('CSV import', () => {
  it('groups consecutive rows by group_ref and reports bad rows', async () => {
    const header = CLAIM_CSV_COLUMNS.join(',');
    const row = (ref: string, rel: string, name: string, dob: string, office = 'QC-LACOLLE') =>
      [ref, rel, name, 'Ana', dob, 'F', 'HTI', 'PASSPORT', `P${name}${rel}`, 'HTI', 'fr;ht', '', office, '', '2025-07-14', 'AT_PORT_OF_ENTRY', '', 'HTI'].join(',');
    const report = await importClaimsFile(sys.claims, testContext(), file('claims.csv', [
      header,
      row('g1', 'PRINCIPAL', 'Csvfamily', '1980-01-01'),
      row('g1', 'CHILD', 'Csvfamily', '2015-05-05'),
      row('g2', 'PRINCIPAL', 'Csvsingle', '1975-01-31'),
      row('g2', 'SPOUSE', 'Csvsingle', '1975-02-31'),
    ]), { batchSize: 1 });
    expect(report.errors).toEqual([{ line: 5, field: 'intake.members[1].dateOfBirth', code: 'invalid_date', message: 'Must be a real calendar date written YYYY-MM-DD.' }]);
    expect(report).toMatchObject({ kind: 'groups', records: 2, batchesWritten: 1, batchesRejected: 1, claimsWritten: 2 });
    expect((await allClaims()).filter((c) => c.familyName === 'Csvfamily').map((c) => c.relationship).sort()).toEqual(['CHILD', 'PRINCIPAL']);
  });
});

describe('export', () => {
  it('streams every claim matching the filter, in claim-date order, and audits the export', async () => {
    await sys.claims.importGroups(testContext(), [
      { intake: buildIntake({ officeCode: 'BC-YVR', claimDate: '2023-03-01' }), events: [] },
      { intake: buildIntake({ officeCode: 'BC-YVR', claimDate: '2023-02-01', members: [buildMember(), buildMember({ relationship: 'SPOUSE' })] }), events: [] },
    ], 'test');
    const seen: string[] = [];
    const references: string[] = [];
    const total = await sys.claims.exportClaims(testContext(), { officeCode: 'BC-YVR' }, async (items) => {
      seen.push(...items.map((i) => i.claimDate));
      references.push(...items.map((i) => i.reference));
    }, 2);
    expect(total).toBe(3);
    expect(seen).toEqual(['2023-02-01', '2023-02-01', '2023-03-01']);
    const audit = await sys.db.pool.query("SELECT details, refs::text AS refs FROM audit_log WHERE action = 'claims.export' ORDER BY seq DESC LIMIT 1");
    expect(audit.rows[0].details).toEqual({ filter: { officeCode: 'BC-YVR' }, rows: 3, complete: true });
    // Every exported claim, by its reference number.
    expect(audit.rows[0].refs).toBe(rangesLiteral(toRanges(references.map(referenceNumber))));
  });

  it('records the claims already handed out when an export stops part-way', async () => {
    const references: string[] = [];
    await expect(sys.claims.exportClaims(testContext(), { officeCode: 'BC-YVR' }, async (items) => {
      if (references.length > 0) throw new Error('the reader went away');
      references.push(...items.map((i) => i.reference));
    }, 2)).rejects.toThrow('the reader went away');
    const audit = await sys.db.pool.query("SELECT details, refs::text AS refs FROM audit_log WHERE action = 'claims.export' ORDER BY seq DESC LIMIT 1");
    // The page being written when it failed counts as handed out: it may have left in part.
    expect(audit.rows[0].details).toEqual({ filter: { officeCode: 'BC-YVR' }, rows: 3, complete: false });
    const recorded = parseRanges(audit.rows[0].refs as string);
    expect(recorded.reduce((n, [from, to]) => n + to - from, 0)).toBe(3);
    expect(references.map(referenceNumber).every((n) => rangesContain(recorded, n))).toBe(true);
  });
});
