import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember, identityOf } from '../test/factories.ts';
import { cliCaller, type Caller } from '../domain/access/policy.ts';
import { trailToCsv } from './routes/audit.ts';

let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys.close(); });

const WEB = { 'x-refuge-client': 'web' };
const override = { duplicateOverride: { reason: 'trail test: searched by hand' } };

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await sys.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, url).toBe(200);
  return res;
}

describe(`a claim's audit trail on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('lists every read of the claim, its group and its person, through any channel, in order, and nothing about other claims', async () => {
    const family = buildIntake({ officeCode: 'BC-YVR', claimDate: '2025-03-03', members: [buildMember(), buildMember({ relationship: 'CHILD', dateOfBirth: '2014-02-02' })] });
    const created = await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { ...family, ...override } });
    expect(created.statusCode).toBe(201);
    const group = created.json();
    const claim = group.claims[0];
    const sibling = group.claims[1];
    // Another claim in another office, read in between: none of its records may show up.
    const other = (await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { ...buildIntake({ officeCode: 'AB-YYC', claimDate: '2025-03-04' }), ...override } })).json();
    const otherClaim = other.claims[0];

    await get(`/api/v1/claims/${claim.id}`, WEB);
    await get(`/api/v1/claims/${otherClaim.id}`, WEB);
    await get(`/api/v1/groups/${group.id}`);
    await get(`/api/v1/claims/${claim.id}/events`, WEB);
    await get(`/api/v1/claims/${otherClaim.id}/events`);
    const list = await get('/api/v1/claims?officeCode=BC-YVR&limit=200', WEB);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(claim.id);
    await get(`/api/v1/claims/${otherClaim.id}/deadlines`);
    await get(`/api/v1/claims/${claim.id}/deadlines`);
    // An assessment without facts waits for them: the claim is then on its office's queue.
    expect((await sys.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/eligibility-assessments`, payload: {} })).json().outcome).toBe('INSUFFICIENT_FACTS');
    await get(`/api/v1/claims/${claim.id}/eligibility-assessments`, WEB);
    const queue = (await get('/api/v1/queues?officeCode=BC-YVR&withinDays=30')).json();
    expect(queue.awaitingFacts.map((i: { claimId: string }) => i.claimId)).toContain(claim.id);
    await get('/api/v1/queues?officeCode=AB-YYC&withinDays=30');
    // A list that does not return it.
    await get('/api/v1/claims?officeCode=AB-YYC&limit=200', WEB);
    // A duplicate search that finds its person, and one that finds nobody.
    const member = family.members[0];
    if (!member) throw new Error('no member');
    const search = await sys.app.inject({ method: 'POST', url: '/api/v1/duplicate-searches', payload: { people: [identityOf(member)] }, headers: WEB });
    expect(search.json().people[0].candidates.map((c: { personId: string }) => c.personId)).toContain(claim.person.id);
    await sys.app.inject({ method: 'POST', url: '/api/v1/duplicate-searches', payload: { people: [identityOf(buildMember({ familyName: 'Nobody-Like-Them', dateOfBirth: '1950-01-01', documents: [] }))] } });
    // An export on the command line (there is no export route).
    await sys.claims.exportClaims(testContext(cliCaller('registrar')), { officeCode: 'BC-YVR' }, async () => undefined);
    // Only the sibling: its own read is in the group's trail, not in this claim's.
    await get(`/api/v1/claims/${sibling.id}`);

    const res = await get(`/api/v1/claims/${claim.id}/audit`, WEB);
    const trail = res.json();
    expect(trail.claimId).toBe(claim.id);
    expect(trail.reference).toBe(claim.reference);
    const seqs = trail.entries.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(trail.entries.map((e: { action: string; channel: string; actor: string; subject: { type: string; id: string | null } }) =>
      [e.action, e.channel, e.actor, e.subject.type, e.subject.id])).toEqual([
      ['group.create', 'api', sys.operator.user.id, 'group', group.id],
      ['claim.read', 'web', sys.operator.user.id, 'claim', claim.id],
      ['group.read', 'api', sys.operator.user.id, 'group', group.id],
      ['claim.history.read', 'web', sys.operator.user.id, 'claim', claim.id],
      ['claims.list', 'web', sys.operator.user.id, 'claims', null],
      ['claim.read', 'api', sys.operator.user.id, 'claim', claim.id],
      ['eligibility.assess', 'api', sys.operator.user.id, 'claim', claim.id],
      ['eligibility.read', 'web', sys.operator.user.id, 'claim', claim.id],
      ['claims.list', 'api', sys.operator.user.id, 'queue', 'BC-YVR'],
      ['duplicates.search', 'web', sys.operator.user.id, 'duplicate_search', search.json().searchId],
      ['claims.export', 'cli', 'cli:registrar', 'claims', null],
    ]);
    expect(trail.entries[10].actorName).toBe('command line (registrar)');
    expect(trail.entries.every((e: { requestId: string | null; at: string }) => e.requestId && !Number.isNaN(Date.parse(e.at)))).toBe(true);

    // Reading the trail was recorded, and shows in the next reading.
    const again = (await get(`/api/v1/claims/${claim.id}/audit`)).json();
    expect(again.entries.slice(0, 11)).toEqual(trail.entries);
    expect(again.entries[11]).toMatchObject({ action: 'audit.trail.read', channel: 'web', subject: { type: 'claim', id: claim.id } });
    expect(again.entries).toHaveLength(12);
  });

  it('downloads the trail as CSV', async () => {
    const group = (await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { ...buildIntake(), ...override } })).json();
    const claim = group.claims[0];
    await get(`/api/v1/claims/${claim.id}`, WEB);
    const res = await get(`/api/v1/claims/${claim.id}/audit?format=csv`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="audit-${claim.reference}.csv"`);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor,actorName,action,channel,requestId,subjectType,subjectId');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^\\d+,[^,]+,${sys.operator.user.id},Test operator,group\\.create,api,[0-9a-f-]{36},group,${group.id}$`));
    expect(lines[2]).toMatch(new RegExp(`^\\d+,[^,]+,${sys.operator.user.id},Test operator,claim\\.read,web,[0-9a-f-]{36},claim,${claim.id}$`));
  });

  it('quotes cells a spreadsheet would run as formulas', () => {
    const csv = trailToCsv({ claimId: 'c', reference: 'C-2025-0000001', entries: [{
      seq: 1, at: '2025-01-01T00:00:00.000Z', actor: '=cmd|calc', actorName: '@SUM(A1)', action: 'claim.read', channel: 'api', requestId: '+1', subject: { type: 'claim', id: '-2' },
    }] });
    expect(csv.split('\n')[1]).toBe("1,2025-01-01T00:00:00.000Z,'=cmd|calc,'@SUM(A1),claim.read,api,'+1,claim,'-2");
  });

  it('answers 404 for a claim that does not exist, and refuses callers who are not auditors (audited)', async () => {
    const missing = await sys.app.inject({ method: 'GET', url: '/api/v1/claims/00000000-0000-4000-8000-000000000000/audit' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('claim_not_found');
    const group = (await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { ...buildIntake({ officeCode: 'BC-YVR' }), ...override } })).json();
    const officer: Caller = { id: 'officer-1', name: 'An officer', roles: ['INTAKE_OFFICER'], officeScope: 'ALL' };
    await expect(sys.audit.claimTrail(testContext(officer), group.claims[0].id)).rejects.toMatchObject({ code: 'forbidden' });
    // An auditor of another office: the claim looks absent.
    const auditor: Caller = { id: 'auditor-1', name: 'An auditor', roles: ['AUDITOR'], officeScope: ['QC-LACOLLE'] };
    await expect(sys.audit.claimTrail(testContext(auditor), group.claims[0].reference)).rejects.toMatchObject({ code: 'claim_not_found' });
    const { rows } = await sys.db.pool.query("SELECT actor, subject_type, subject_id, details FROM audit_log WHERE action = 'access.denied' ORDER BY seq");
    expect(rows).toEqual([
      { actor: 'officer-1', subject_type: 'claims', subject_id: null, details: { action: 'audit.read_trail' } },
      { actor: 'auditor-1', subject_type: 'claim', subject_id: group.claims[0].id, details: { action: 'audit.read_trail' } },
    ]);
  });

  it('finds a claim by its reference for an auditor, within their offices, and records the lookup against the claim', async () => {
    const lacolle = (await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { ...buildIntake({ officeCode: 'QC-LACOLLE' }), ...override } })).json().claims[0];
    const toronto = (await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { ...buildIntake({ officeCode: 'ON-YYZ' }), ...override } })).json().claims[0];
    const auditor = await sys.signInUser({ username: 'lookup-auditor', displayName: 'Lookup auditor', roles: ['AUDITOR'], officeScope: ['QC-LACOLLE'] });
    const lookUp = (reference: string, headers: Record<string, string> = auditor.headers) =>
      sys.injectAnonymous({ method: 'GET', url: `/api/v1/audit/claims?reference=${encodeURIComponent(reference)}`, headers: { ...headers, ...WEB } });

    const found = await lookUp(lacolle.reference);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({ claimId: lacolle.id, reference: lacolle.reference });
    // The lookup is in the claim's trail, as the auditor's, through the web app.
    const trail = (await get(`/api/v1/claims/${lacolle.id}/audit`)).json();
    expect(trail.entries.filter((e: { actor: string }) => e.actor === auditor.user.id).map((e: { action: string; channel: string; actorName: string; subject: { id: string } }) =>
      [e.action, e.channel, e.actorName, e.subject.id])).toEqual([['audit.claim.lookup', 'web', 'Lookup auditor', lacolle.id]]);

    // Outside the auditor's offices: exactly like a reference no claim has, and the refusal is recorded.
    const outside = await lookUp(toronto.reference);
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ code: 'claim_not_found', message: `No claim has the reference ${toronto.reference}.` });
    const nowhere = await lookUp('C-1999-0000001');
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json()).toMatchObject({ code: 'claim_not_found', message: 'No claim has the reference C-1999-0000001.' });
    const { rows } = await sys.db.pool.query("SELECT subject_id, details FROM audit_log WHERE action = 'access.denied' AND actor = $1", [auditor.user.id]);
    expect(rows).toEqual([{ subject_id: toronto.id, details: { action: 'audit.read_trail' } }]);

    // Only a claim reference: not a group's, not a pattern, not an id.
    for (const bad of [lacolle.groupReference, 'C-2025-%', lacolle.id, '']) {
      const res = await lookUp(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: 'querystring.reference' });
    }
    // Roles other than the auditor's may not look claims up this way (they search claims instead).
    const officer = await sys.signIn({ roles: ['ELIGIBILITY_OFFICER'] });
    const refused = await lookUp(lacolle.reference, officer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
  });
});
