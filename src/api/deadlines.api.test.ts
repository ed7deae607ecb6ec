import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { addDays } from '../domain/dates.ts';

let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys.close(); });

const get = (url: string) => sys.app.inject({ method: 'GET', url });
const officer = { role: 'CBSA_OFFICER' };

/** A Lacolle claim referred `daysAgo` days ago, through the import path (so dates can be in the past). */
async function referredClaim(daysAgo: number, office = 'QC-LACOLLE'): Promise<string> {
  const today = testContext().today;
  const date = addDays(today, -daysAgo);
  const arrival = office.endsWith('-IRCC') ? { manner: 'INLAND' as const, entryDate: date } : { manner: 'AT_PORT_OF_ENTRY' as const };
  const { groupIds } = await sys.claims.importGroups(testContext(), [{
    intake: buildIntake({ officeCode: office, claimDate: date, arrival, members: [buildMember()] }),
    events: [
      { memberIndex: 0, event: { type: 'eligibility.examination_started', actor: (office.endsWith('-IRCC') ? { role: 'IRCC_OFFICER' } : officer) as never, effectiveDate: date } },
      { memberIndex: 0, event: { type: 'eligibility.eligible_referred', actor: (office.endsWith('-IRCC') ? { role: 'IRCC_OFFICER' } : officer) as never, effectiveDate: date } },
    ],
  }], 'deadline test');
  const { rows } = await sys.db.pool.query('SELECT id FROM claims WHERE group_id = $1', [groupIds[0]]);
  return rows[0].id as string;
}

describe('GET /api/v1/claims/{id}/deadlines', () => {
  it('computes the BOC limit from the referral, with the practice notice and the regulation', async () => {
    const id = await referredClaim(10);
    const res = await get(`/api/v1/claims/${id}/deadlines`);
    expect(res.statusCode).toBe(200);
    const boc = res.json().deadlines.find((d: { ruleId: string }) => d.ruleId === 'D02');
    const referral = addDays(testContext().today, -10);
    expect(boc).toMatchObject({ key: 'RPD_BOC_POE', nature: 'FILING', status: 'OPEN', trigger: { event: 'eligibility.eligible_referred', date: referral }, regulatoryDue: addDays(referral, 15), due: { nominal: addDays(referral, 45) } });
    expect(boc.due.safe <= addDays(referral, 45)).toBe(true);
    expect(boc.explanation.en.length).toBeGreaterThan(20);
    expect(boc.explanation.fr.length).toBeGreaterThan(20);
  });

  it('owes no BOC to the RPD for an inland claim', async () => {
    const id = await referredClaim(10, 'QC-MONTREAL-IRCC');
    const d = (await get(`/api/v1/claims/${id}/deadlines`)).json().deadlines.find((x: { ruleId: string }) => x.ruleId === 'D02');
    expect(d?.status ?? 'NOT_APPLICABLE').toBe('NOT_APPLICABLE');
  });
});

describe('GET /api/v1/queues', () => {
  it('lists overdue limits, limits due soon and eligibility decisions waiting on facts', async () => {
    const overdue = await referredClaim(60, 'QC-HEMMINGFORD');
    const soon = await referredClaim(42, 'QC-HEMMINGFORD');
    const later = await referredClaim(5, 'QC-HEMMINGFORD');
    const created = await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { ...buildIntake({ officeCode: 'QC-HEMMINGFORD', claimDate: testContext().today }), duplicateOverride: { reason: 'queue test fixture claim' } } });
    const waiting = created.json().claims[0].id;
    await sys.app.inject({ method: 'POST', url: `/api/v1/claims/${waiting}/eligibility-assessments`, payload: {} });
    const res = await get('/api/v1/queues?officeCode=QC-HEMMINGFORD&withinDays=7&role=COUNSEL');
    expect(res.statusCode).toBe(200);
    const q = res.json();
    expect(q.overdue.map((i: { claimId: string; deadline: { ruleId: string } }) => [i.claimId, i.deadline.ruleId])).toContainEqual([overdue, 'D02']);
    expect(q.dueSoon.map((i: { claimId: string }) => i.claimId)).toContain(soon);
    expect([...q.overdue, ...q.dueSoon].map((i: { claimId: string }) => i.claimId)).not.toContain(later);
    expect(q.awaitingFacts).toEqual([]); // counsel do not work eligibility
    const officerQueue = (await get('/api/v1/queues?officeCode=QC-HEMMINGFORD&role=ELIGIBILITY_OFFICER')).json();
    expect(officerQueue.awaitingFacts.map((i: { claimId: string }) => i.claimId)).toEqual([waiting]);
    expect(officerQueue.overdue).toEqual([]);
  });
});
