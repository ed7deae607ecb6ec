import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember } from '../test/factories.ts';
import { landPoeFacts } from '../domain/eligibility/fixtures.ts';

let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys.close(); });

const post = (url: string, body: unknown) => sys.app.inject({ method: 'POST', url, payload: body as Record<string, unknown> });
const sisterPr = [{ relation: 'SISTER', age: 35, status: 'PR' }];

/** A Haitian claimant at Saint-Bernard-de-Lacolle on 2026-05-10, in examination (domain §3.4 E1/E2). */
async function lacolleClaimInExamination() {
  const created = await post('/api/v1/groups', {
    ...buildIntake({ claimDate: '2026-05-10', members: [buildMember({ dateOfBirth: '1990-04-12', citizenships: ['HTI'] })] }),
    duplicateOverride: { reason: 'eligibility API test fixture' },
  });
  const claim = created.json().claims[0];
  const started = await post(`/api/v1/claims/${claim.id}/events`, { expectedVersion: 1, type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2026-05-10' });
  expect(started.statusCode).toBe(201);
  return claim.id as string;
}

/** The facts only the officer can add; date of birth, nationality, claim date, channel come from intake. */
function officerFacts(familyInCanada: unknown[]) {
  const { claimant: _c, claim, ...rest } = landPoeFacts();
  return { ...rest, claimant: { maritalStatus: 'SINGLE', accompaniedBy: 'NONE', parentOrGuardianInCanada: false, parentOrGuardianInUS: false }, claim: { cameFromUS: claim?.cameFromUS, inTransitUnderUSRemovalOrder: false }, familyInCanada };
}

describe('POST /api/v1/eligibility/assess (nothing stored)', () => {
  it('E1: STCA exception X-FAM-2 met → ELIGIBLE, explained in both languages', async () => {
    const res = await post('/api/v1/eligibility/assess', { ...landPoeFacts(), familyInCanada: sisterPr });
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.outcome).toBe('ELIGIBLE');
    const stca = a.grounds.find((g: { ruleId: string }) => g.ruleId === 'EL-E');
    expect(stca).toMatchObject({ result: 'EXCEPTION_MET', exceptionsMet: ['X-FAM-2'] });
    expect(stca.explanation.en).toContain('101(1)(e)');
    expect(stca.explanation.fr.length).toBeGreaterThan(20);
    expect(a.consequences.radAvailableLater).toBe(false);
  });

  it('E2: no exception → INELIGIBLE under 101(1)(e), removal order in force on notice, no PRRA', async () => {
    const a = (await post('/api/v1/eligibility/assess', landPoeFacts())).json();
    expect(a.outcome).toBe('INELIGIBLE');
    expect(a.grounds.filter((g: { result: string }) => g.result === 'APPLIES').map((g: { ruleId: string }) => g.ruleId)).toEqual(['EL-E']);
    expect(a.consequences).toMatchObject({ removalOrderInForceRule: '49(2)(a)', prraAvailable: false });
  });

  it('unknown facts that could bar the claim give INSUFFICIENT_FACTS with questions', async () => {
    const { familyInCanada: _f, documents: _d, ...facts } = landPoeFacts();
    const a = (await post('/api/v1/eligibility/assess', facts)).json();
    expect(a.outcome).toBe('INSUFFICIENT_FACTS');
    expect(a.questions.map((q: { fact: string }) => q.fact)).toEqual(expect.arrayContaining(['familyInCanada', 'documents']));
  });

  it('refuses malformed facts with the field named', async () => {
    const res = await post('/api/v1/eligibility/assess', { claim: { claimDate: '2026-02-30', channel: 'TELEPORT' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'claim.claimDate', code: 'invalid_date' }),
      expect.objectContaining({ field: 'claim.channel', code: 'not_allowed' }),
    ]));
  });

  it('is described in the OpenAPI document with its facts schema', async () => {
    const doc = (await sys.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const body = doc.paths['/api/v1/eligibility/assess'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['claimant', 'claim', 'entries', 'priorClaims', 'familyInCanada', 'documents']));
  });
});

describe('an eligibility decision with its assessment', () => {
  it('keeps the assessment whole with the decision event, using the facts recorded at intake', async () => {
    const claimId = await lacolleClaimInExamination();
    const res = await post(`/api/v1/claims/${claimId}/events`, {
      expectedVersion: 2, type: 'eligibility.eligible_referred', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2026-05-10',
      details: { stcaException: 'X-FAM-2' }, eligibility: { facts: officerFacts(sisterPr) },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.claim.state).toBe('REFERRED_RPD');
    expect(body.eligibilityAssessment).toMatchObject({ eventVersion: 3, outcome: 'ELIGIBLE' });
    expect(body.eligibilityAssessment.facts.claimant).toMatchObject({ nationalities: ['HTI'], dateOfBirth: '1990-04-12' });
    expect(body.eligibilityAssessment.facts.claim).toMatchObject({ claimDate: '2026-05-10', channel: 'LAND_POE' });
    const list = (await sys.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}/eligibility-assessments` })).json();
    expect(list.map((a: { eventVersion: number; outcome: string }) => [a.eventVersion, a.outcome])).toEqual([[3, 'ELIGIBLE']]);
  });

  it('refuses a decision the facts do not support unless a reason is given', async () => {
    const claimId = await lacolleClaimInExamination();
    const event = { expectedVersion: 2, type: 'eligibility.eligible_referred', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2026-05-10', eligibility: { facts: officerFacts([]) } };
    const refused = await post(`/api/v1/claims/${claimId}/events`, event);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'assessment_disagrees', details: { engineOutcome: 'INELIGIBLE' } });
    expect(refused.json().message).toContain('INELIGIBLE (EL-E)');
    const history = (await sys.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}/events` })).json();
    expect(history.events).toHaveLength(2);
    const accepted = await post(`/api/v1/claims/${claimId}/events`, { ...event, eligibility: { ...event.eligibility, disagreementReason: 'Brother\'s PR card seen; not yet recorded in the facts' } });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().eligibilityAssessment.outcome).toBe('INELIGIBLE');
  });

  it('records an ineligibility decision that names every ground the engine found', async () => {
    const claimId = await lacolleClaimInExamination();
    const wrongGrounds = await post(`/api/v1/claims/${claimId}/events`, {
      expectedVersion: 2, type: 'eligibility.ineligible', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2026-05-10',
      details: { grounds: ['EL-C'] }, eligibility: { facts: officerFacts([]) } });
    expect(wrongGrounds.statusCode).toBe(422);
    const right = await post(`/api/v1/claims/${claimId}/events`, {
      expectedVersion: 2, type: 'eligibility.ineligible', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2026-05-10',
      details: { grounds: ['EL-E'] }, eligibility: { facts: officerFacts([]) } });
    expect(right.statusCode).toBe(201);
    expect(right.json().claim.state).toBe('INELIGIBLE');
  });

  it('stores a working assessment without changing the claim', async () => {
    const claimId = await lacolleClaimInExamination();
    const res = await post(`/api/v1/claims/${claimId}/eligibility-assessments`, { familyInCanada: sisterPr });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ eventVersion: null, outcome: 'INSUFFICIENT_FACTS' });
    const claim = (await sys.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}` })).json();
    expect(claim.version).toBe(2);
  });
});
