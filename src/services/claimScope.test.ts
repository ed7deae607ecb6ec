import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildFamilyOfThree } from '../test/factories.ts';
import type { Caller } from '../domain/access/policy.ts';
import type { GroupView } from './claimRepository.ts';

/** Record-level scope, at the choke point: offices for officers, named clients for counsel. */
let sys: TestSystem;
let lacolle: GroupView;
let toronto: GroupView;
const OVERRIDE = { reason: 'Fixture for the scope tests: no search needed.' };

const officer = (roles: Caller['roles'], officeScope: Caller['officeScope'] = ['QC-LACOLLE']): Caller =>
  ({ id: `user-${roles.join('-')}-${String(officeScope)}`, roles, officeScope });

beforeAll(async () => {
  sys = await startTestSystem();
  const ctx = testContext();
  lacolle = (await sys.claims.createGroup(ctx, { ...buildFamilyOfThree(), duplicateOverride: OVERRIDE })).group;
  toronto = (await sys.claims.createGroup(ctx, { ...buildIntake({ officeCode: 'ON-YYZ', arrival: { manner: 'AT_PORT_OF_ENTRY' } }), duplicateOverride: OVERRIDE })).group;
});
afterAll(async () => { await sys.close(); });

async function deniedAudits(actor: string): Promise<Array<{ subject_type: string; subject_id: string | null; action: string }>> {
  const { rows } = await sys.db.pool.query<{ subject_type: string; subject_id: string | null; details: { action: string } }>(
    "SELECT subject_type, subject_id, details FROM audit_log WHERE actor = $1 AND action = 'access.denied' ORDER BY id", [actor]);
  return rows.map((r) => ({ subject_type: r.subject_type, subject_id: r.subject_id, action: r.details.action }));
}

describe(`record scope on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('lets an officer read the claims of their office, and answers "not found" for another office, auditing the denial', async () => {
    const caller = officer(['ELIGIBILITY_OFFICER']);
    const ctx = testContext(caller);
    const own = await sys.claims.getClaim(ctx, lacolle.claims[0]!.id);
    expect(own.allowedActions).toEqual(['claims.search_duplicates', 'claims.read', 'claims.list', 'claims.append_event', 'claims.assess_eligibility', 'claims.name_counsel']);
    const other = toronto.claims[0]!.id;
    await expect(sys.claims.getClaim(ctx, other)).rejects.toMatchObject({ kind: 'not_found', code: 'claim_not_found', message: `No claim has the id ${other}.` });
    await expect(sys.claims.getHistory(ctx, other)).rejects.toMatchObject({ code: 'claim_not_found' });
    await expect(sys.claims.getDeadlines(ctx, other)).rejects.toMatchObject({ code: 'claim_not_found' });
    await expect(sys.claims.appendEvent(ctx, other, 1, { type: 'eligibility.examination_started', effectiveDate: '2025-07-14', actor: { role: 'CBSA_OFFICER' } } as never))
      .rejects.toMatchObject({ code: 'claim_not_found' });
    await expect(sys.claims.getGroup(ctx, toronto.id)).rejects.toMatchObject({ code: 'group_not_found' });
    expect(await deniedAudits(caller.id)).toEqual([
      { subject_type: 'claim', subject_id: other, action: 'claims.read' },
      { subject_type: 'claim', subject_id: other, action: 'claims.read' },
      { subject_type: 'claim', subject_id: other, action: 'claims.read' },
      { subject_type: 'claim', subject_id: other, action: 'claims.append_event' },
      { subject_type: 'group', subject_id: toronto.id, action: 'claims.read' },
    ]);
  });

  it('lists only the claims in scope, whatever the filter asks for', async () => {
    const ctx = testContext(officer(['TRIBUNAL_REGISTRY']));
    const all = await sys.claims.listClaims(ctx, {}, 50);
    expect(all.items.map((c) => c.id).sort()).toEqual(lacolle.claims.map((c) => c.id).sort());
    const asked = await sys.claims.listClaims(ctx, { officeCode: 'ON-YYZ' }, 50);
    expect(asked.items).toEqual([]);
    const everywhere = await sys.claims.listClaims(testContext(officer(['TRIBUNAL_REGISTRY'], 'ALL')), {}, 50);
    expect(everywhere.items).toHaveLength(4);
  });

  it('refuses intake and work queues for an office outside the officer\'s scope', async () => {
    const ctx = testContext(officer(['INTAKE_OFFICER']));
    await expect(sys.claims.createGroup(ctx, { ...buildIntake({ officeCode: 'ON-YYZ' }), duplicateOverride: OVERRIDE }))
      .rejects.toMatchObject({ kind: 'forbidden', code: 'office_out_of_scope', errors: [{ field: 'officeCode', code: 'out_of_scope', message: 'You may not act for office ON-YYZ.' }] });
    const created = await sys.claims.createGroup(ctx, { ...buildIntake(), duplicateOverride: OVERRIDE });
    expect(created.group.office.code).toBe('QC-LACOLLE');
    await expect(sys.claims.workQueue(testContext(officer(['TRIBUNAL_REGISTRY'])), 'ON-YYZ', 30, null))
      .rejects.toMatchObject({ kind: 'forbidden', code: 'office_out_of_scope' });
    const queue = await sys.claims.workQueue(testContext(officer(['TRIBUNAL_REGISTRY'])), 'QC-LACOLLE', 30, null);
    expect(queue.officeCode).toBe('QC-LACOLLE');
  });

  it('gives analysts and auditors no claim at all: aggregates and trails are their routes', async () => {
    for (const roles of [['ANALYST'], ['AUDITOR']] as Array<Caller['roles']>) {
      const ctx = testContext(officer(roles, 'ALL'));
      await expect(sys.claims.listClaims(ctx, {}, 10)).rejects.toMatchObject({ kind: 'forbidden', code: 'forbidden' });
      await expect(sys.claims.getClaim(ctx, lacolle.claims[0]!.id)).rejects.toMatchObject({ code: 'claim_not_found' });
    }
  });
});

describe('imports are scoped like intake', () => {
  it('reports a group for another office as a row error, and an event for a claim out of scope as an unknown claim', async () => {
    const admin = testContext(officer(['ADMINISTRATOR']));
    const errors = sys.claims.validateImportGroups(admin, [{ intake: buildIntake({ officeCode: 'ON-YYZ' }), events: [] }, { intake: buildIntake(), events: [] }]);
    expect(errors).toEqual([{ field: '[0].intake.officeCode', code: 'out_of_scope', message: 'You may not import claims for office ON-YYZ.' }]);
    const reference = toronto.claims[0]!.reference;
    await expect(sys.claims.importEvents(admin, [{ claimReference: reference, event: { type: 'eligibility.examination_started', effectiveDate: '2025-07-15', actor: { role: 'IRCC_OFFICER' } } as never }], 'test', { dryRun: true }))
      .rejects.toMatchObject({ code: 'import_batch_invalid', errors: [{ field: '[0].claimReference', code: 'unknown_claim', message: `No claim has the reference ${reference}.` }] });
  });
});
