import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember, buildFamilyOfThree, identityOf } from '../test/factories.ts';
import type { IntakeInput } from '../domain/intake/types.ts';

let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys.close(); });

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return sys.app.inject({ method: 'POST', url, payload: body as Record<string, unknown>, headers });
}

async function searchThenCreate(intake: IntakeInput, headers: Record<string, string> = {}) {
  const search = await post('/api/v1/duplicate-searches', { people: intake.members.map(identityOf) });
  expect(search.statusCode).toBe(201);
  const res = await post('/api/v1/groups', { ...intake, duplicateSearchId: search.json().searchId }, headers);
  return res;
}

describe(`intake on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('keeps an optional address with the person, and shows it with the claim', async () => {
    const address = { line1: '12 rue Ontario Est', line2: 'app. 4', city: 'Montréal', province: 'QC' as const, postalCode: 'H2X 1Y4' };
    const res = await searchThenCreate(buildIntake({ members: [buildMember({ address })] }));
    expect(res.statusCode).toBe(201);
    expect(res.json().claims[0].person.address).toEqual(address);
    const read = await sys.app.inject({ method: 'GET', url: `/api/v1/claims/${res.json().claims[0].id}` });
    expect(read.json().person.address).toEqual(address);
    const without = await searchThenCreate(buildIntake());
    expect(without.json().claims[0].person).not.toHaveProperty('address');
  });

  it('creates a family of three through the duplicate search, one claim per person', async () => {
    const intake = buildFamilyOfThree();
    const res = await searchThenCreate(intake);
    expect(res.statusCode).toBe(201);
    const group = res.json();
    expect(res.headers.location).toBe(`/api/v1/groups/${group.id}`);
    expect(group.office).toEqual({ code: 'QC-LACOLLE', type: 'LAND_POE', province: 'QC' });
    expect(group.claims).toHaveLength(3);
    expect(group.claims[0].relationship).toBe('PRINCIPAL');
    expect(group.claims.map((c: { relationship: string }) => c.relationship).sort()).toEqual(['CHILD', 'PRINCIPAL', 'SPOUSE']);
    for (const claim of group.claims) {
      expect(claim.state).toBe('CLAIM_MADE');
      expect(claim.version).toBe(1);
      expect(claim.groupId).toBe(group.id);
      expect(claim.reference).toMatch(/^C-2025-\d{7}$/);
      expect(claim.allowedEvents).toContain('eligibility.examination_started');
      expect(claim.allowedActions).toContain('claims.append_event');
    }
    const read = await sys.app.inject({ method: 'GET', url: `/api/v1/groups/${group.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().claims.map((c: { id: string }) => c.id).sort()).toEqual(group.claims.map((c: { id: string }) => c.id).sort());
  });

  it('refuses an intake that did not follow a duplicate search, and accepts an explicit override with a reason', async () => {
    const intake = buildIntake();
    const none = await post('/api/v1/groups', intake);
    expect(none.statusCode).toBe(428);
    expect(none.json().code).toBe('duplicate_search_required');
    const shortReason = await post('/api/v1/groups', { ...intake, duplicateOverride: { reason: 'no' } });
    expect(shortReason.statusCode).toBe(422);
    expect(shortReason.json().errors[0].field).toBe('duplicateOverride.reason');
    const overridden = await post('/api/v1/groups', { ...intake, duplicateOverride: { reason: 'Search system unavailable at the port; searched by phone with NHQ.' } });
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json().duplicateCheck.override).toBe('Search system unavailable at the port; searched by phone with NHQ.');
  });

  it('refuses a search that was for other people', async () => {
    const intake = buildIntake();
    const search = await post('/api/v1/duplicate-searches', { people: [identityOf(buildMember())] });
    const res = await post('/api/v1/groups', { ...intake, duplicateSearchId: search.json().searchId });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'duplicateSearchId', code: 'search_mismatch' })]);
  });

  it('finds a person entered again with a misspelt name and a transposed date of birth', async () => {
    const original = buildMember({ familyName: 'Abdullah', givenNames: 'Mohammed', dateOfBirth: '1990-03-12', sex: 'M', citizenships: ['SYR'],
      documents: [{ type: 'PASSPORT', number: 'N0123987', issuingCountry: 'SYR' }] });
    const created = await searchThenCreate(buildIntake({ members: [original], persecutionCountries: ['SYR'] }));
    expect(created.statusCode).toBe(201);
    const personId = created.json().claims[0].person.id;
    const again = { familyName: 'Abdulla', givenNames: 'Muhammad', dateOfBirth: '1990-12-03', sex: 'M', documents: [] };
    const res = await post('/api/v1/duplicate-searches', { people: [again] });
    expect(res.statusCode).toBe(201);
    const candidates = res.json().people[0].candidates;
    const found = candidates.find((c: { personId: string }) => c.personId === personId);
    expect(found).toBeDefined();
    expect(['HIGH', 'MEDIUM']).toContain(found.level);
    expect(found.reasons.map((r: { code: string }) => r.code)).toContain('DOB_DAY_MONTH_SWAPPED');
    expect(found.claims[0].reference).toBe(created.json().claims[0].reference);
  });

  it('makes a retried POST with the same Idempotency-Key create one group', async () => {
    const intake = buildIntake();
    const search = await post('/api/v1/duplicate-searches', { people: intake.members.map(identityOf) });
    const body = { ...intake, duplicateSearchId: search.json().searchId };
    const key = `idem-${Math.random()}`;
    const first = await post('/api/v1/groups', body, { 'idempotency-key': key });
    const second = await post('/api/v1/groups', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    const list = await sys.app.inject({ method: 'GET', url: `/api/v1/claims?groupId=${first.json().id}` });
    expect(list.json().items).toHaveLength(1);
    const reused = await post('/api/v1/groups', { ...body, claimDate: '2025-07-15' }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
  });

  it('gives the same result to concurrent retries with one Idempotency-Key', async () => {
    const intake = buildIntake();
    const search = await post('/api/v1/duplicate-searches', { people: intake.members.map(identityOf) });
    const body = { ...intake, duplicateSearchId: search.json().searchId };
    const responses = await Promise.all(Array.from({ length: 4 }, () => post('/api/v1/groups', body, { 'idempotency-key': 'same-key-concurrent' })));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
  });
});

describe('malformed intake gets clear errors naming the field', () => {
  const valid = () => ({ ...buildIntake(), duplicateOverride: { reason: 'testing malformed input handling' } });

  it.each([
    ['a missing field', (b: Record<string, unknown>) => { delete b.claimDate; }, 400, 'claimDate', 'required'],
    ['an impossible date', (b: Record<string, unknown>) => { b.claimDate = '2025-02-30'; }, 400, 'claimDate', 'invalid_date'],
    ['a date of birth after the claim', (b: Record<string, unknown>) => { (b.members as Array<Record<string, unknown>>)[0]!.dateOfBirth = '2025-08-01'; }, 422, 'members[0].dateOfBirth', 'after_claim_date'],
    ['a claim date in the future', (b: Record<string, unknown>) => { b.claimDate = '2999-01-01'; }, 422, 'claimDate', 'date_in_future'],
    ['an unknown country', (b: Record<string, unknown>) => { b.persecutionCountries = ['ZZZ']; }, 422, 'persecutionCountries[0]', 'unknown_country'],
    ['a malformed country code', (b: Record<string, unknown>) => { (b.members as Array<Record<string, unknown>>)[0]!.citizenships = ['haiti']; }, 400, 'members[0].citizenships[0]', 'invalid_format'],
    ['an unknown office', (b: Record<string, unknown>) => { b.officeCode = 'QC-NOWHERE'; }, 422, 'officeCode', 'unknown_office'],
    ['a wrong type', (b: Record<string, unknown>) => { b.members = 'three people'; }, 400, 'members', 'wrong_type'],
    ['a number given as a string', (b: Record<string, unknown>) => { (b.members as Array<Record<string, unknown>>)[0]!.sex = 1; }, 400, 'members[0].sex', 'wrong_type'],
    ['an unknown field', (b: Record<string, unknown>) => { b.nickname = 'x'; }, 400, 'nickname', 'unknown_field'],
    ['no principal', (b: Record<string, unknown>) => { (b.members as Array<Record<string, unknown>>)[0]!.relationship = 'SPOUSE'; }, 422, 'members', 'principal_missing'],
    ['a crossing date after the claim', (b: Record<string, unknown>) => { b.officeCode = 'QC-MONTREAL-IRCC'; b.arrival = { manner: 'BETWEEN_PORTS', crossingDate: '2025-08-01' }; }, 422, 'arrival.crossingDate', 'after_claim_date'],
    ['a between-ports arrival without its date', (b: Record<string, unknown>) => { b.arrival = { manner: 'BETWEEN_PORTS' }; }, 422, 'arrival.crossingDate', 'required'],
    ['an address with a postal code that is not Canadian', (b: Record<string, unknown>) => { (b.members as Array<Record<string, unknown>>)[0]!.address = { line1: '12 rue Ontario Est', city: 'Montréal', postalCode: '75011' }; }, 422, 'members[0].address.postalCode', 'invalid_postal_code'],
    ['an address with a blank first line', (b: Record<string, unknown>) => { (b.members as Array<Record<string, unknown>>)[0]!.address = { line1: '  ', city: 'Montréal' }; }, 422, 'members[0].address.line1', 'required'],
    ['an address without a city', (b: Record<string, unknown>) => { (b.members as Array<Record<string, unknown>>)[0]!.address = { line1: '12 rue Ontario Est' }; }, 400, 'members[0].address.city', 'required'],
  ])('%s', async (_name, mutate, status, field, code) => {
    const body = valid() as unknown as Record<string, unknown>;
    mutate(body);
    const res = await post('/api/v1/groups', body);
    expect(res.statusCode).toBe(status);
    const json = res.json();
    expect(json.errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(json.message).toContain(field);
    expect(typeof json.requestId).toBe('string');
  });

  it('broken JSON', async () => {
    const res = await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: '{"officeCode": "QC-LACOLLE",', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_json');
  });

  it('an oversized body', async () => {
    const body = { ...valid(), members: [buildMember({ givenNames: 'x'.repeat(300_000) })] };
    const res = await post('/api/v1/groups', body);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('body_too_large');
  });

  it('a body that is not JSON', async () => {
    const res = await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: 'officeCode=QC-LACOLLE', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
  });
});

describe('lifecycle events', () => {
  async function newClaim() {
    const res = await searchThenCreate(buildIntake());
    return res.json().claims[0] as { id: string; version: number };
  }
  const event = (type: string, extra: Record<string, unknown> = {}) => ({
    type, actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-14', ...extra,
  });

  it('appends events with the expected version and keeps the history in order', async () => {
    const claim = await newClaim();
    const a = await post(`/api/v1/claims/${claim.id}/events`, { expectedVersion: 1, ...event('eligibility.examination_started') });
    expect(a.statusCode).toBe(201);
    expect(a.json().claim.state).toBe('ELIGIBILITY_PENDING');
    expect(a.json().claim.version).toBe(2);
    const b = await post(`/api/v1/claims/${claim.id}/events`, { expectedVersion: 2, ...event('eligibility.eligible_referred', { effectiveDate: '2025-07-15', noticeDate: '2025-07-15', reasons: 'X-FAM-2: sister is a permanent resident', details: { stcaException: 'X-FAM-2' } }) });
    expect(b.statusCode).toBe(201);
    expect(b.json().claim.state).toBe('REFERRED_RPD');
    const history = await sys.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}/events` });
    expect(history.statusCode).toBe(200);
    expect(history.json().events.map((e: { version: number; type: string; toState: string }) => [e.version, e.type, e.toState])).toEqual([
      [1, 'claim.made', 'CLAIM_MADE'],
      [2, 'eligibility.examination_started', 'ELIGIBILITY_PENDING'],
      [3, 'eligibility.eligible_referred', 'REFERRED_RPD'],
    ]);
    expect(history.json().events[2]).toMatchObject({ actor: { role: 'CBSA_OFFICER', name: null }, noticeDate: '2025-07-15', reasons: 'X-FAM-2: sister is a permanent resident', details: { stcaException: 'X-FAM-2' } });
  });

  it('refuses an illegal transition, naming the state and the events allowed', async () => {
    const claim = await newClaim();
    const res = await post(`/api/v1/claims/${claim.id}/events`, { expectedVersion: 1, ...event('rpd.accepted', { actor: { role: 'RPD' }, details: { basis: 'S96' } }) });
    expect(res.statusCode).toBe(409);
    const json = res.json();
    expect(json.code).toBe('illegal_transition');
    expect(json.message).toContain('CLAIM_MADE');
    expect(json.message).toContain('eligibility.examination_started');
    expect(json.details.currentState).toBe('CLAIM_MADE');
    expect(json.details.allowedEvents).toContain('eligibility.examination_started');
  });

  it('lets exactly one of two concurrent event posts win; the other gets 409', async () => {
    const claim = await newClaim();
    const [a, b] = await Promise.all([
      post(`/api/v1/claims/${claim.id}/events`, { expectedVersion: 1, ...event('eligibility.examination_started') }),
      post(`/api/v1/claims/${claim.id}/events`, { expectedVersion: 1, ...event('eligibility.examination_started', { reasons: 'second officer' }) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('version_conflict');
    const history = await sys.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}/events` });
    expect(history.json().events).toHaveLength(2);
  });

  it('replays an event post retried with the same Idempotency-Key instead of failing on the version', async () => {
    const claim = await newClaim();
    const body = { expectedVersion: 1, ...event('eligibility.examination_started') };
    const first = await post(`/api/v1/claims/${claim.id}/events`, body, { 'idempotency-key': 'evt-1' });
    const retry = await post(`/api/v1/claims/${claim.id}/events`, body, { 'idempotency-key': 'evt-1' });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().event.version).toBe(2);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });

  it('returns 404 for an unknown claim and 400 for a malformed id', async () => {
    const missing = await sys.app.inject({ method: 'GET', url: '/api/v1/claims/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('claim_not_found');
    const malformed = await sys.app.inject({ method: 'GET', url: '/api/v1/claims/not-a-uuid' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('params.claimId');
  });
});

describe('listing and the API description', () => {
  it('filters and pages claims with a cursor', async () => {
    for (const date of ['2024-01-10', '2024-01-11', '2024-01-12']) {
      const res = await searchThenCreate(buildIntake({ officeCode: 'ON-YYZ', claimDate: date }));
      expect(res.statusCode).toBe(201);
    }
    const page1 = await sys.app.inject({ method: 'GET', url: '/api/v1/claims?officeCode=ON-YYZ&limit=2' });
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items.map((c: { claimDate: string }) => c.claimDate)).toEqual(['2024-01-12', '2024-01-11']);
    const page2 = await sys.app.inject({ method: 'GET', url: `/api/v1/claims?officeCode=ON-YYZ&limit=2&cursor=${page1.json().nextCursor}` });
    expect(page2.json().items.map((c: { claimDate: string }) => c.claimDate)).toEqual(['2024-01-10']);
    expect(page2.json().nextCursor).toBeNull();
    const bad = await sys.app.inject({ method: 'GET', url: '/api/v1/claims?limit=500' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'querystring.limit', code: 'out_of_range' });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/duplicate-searches', '/api/v1/groups', '/api/v1/groups/{groupId}', '/api/v1/claims',
      '/api/v1/claims/{claimId}', '/api/v1/claims/{claimId}/events']));
    expect(doc.paths['/api/v1/groups'].post.requestBody.content['application/json'].schema.properties.members.maxItems).toBe(20);
  });

  it('answers /healthz', async () => {
    const res = await sys.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.json()).toEqual({ status: 'ok', database: sys.engine });
  });
});

describe('events on a family group heard together', () => {
  it('moves every listed member at once, or none when one cannot move', async () => {
    const res = await searchThenCreate(buildFamilyOfThree());
    const group = res.json();
    const versions = Object.fromEntries(group.claims.map((c: { id: string }) => [c.id, 1]));
    const started = await post(`/api/v1/groups/${group.id}/events`, { expectedVersions: versions, type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-14' });
    expect(started.statusCode).toBe(201);
    expect(started.json().claims.map((c: { state: string; version: number }) => [c.state, c.version])).toEqual([['ELIGIBILITY_PENDING', 2], ['ELIGIBILITY_PENDING', 2], ['ELIGIBILITY_PENDING', 2]]);
    // One member moves on alone; the group event must then refuse, and apply to nobody.
    const [first, second] = group.claims as Array<{ id: string }>;
    await post(`/api/v1/claims/${first?.id}/events`, { expectedVersion: 2, type: 'eligibility.eligible_referred', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-15' });
    const all2 = Object.fromEntries(group.claims.map((c: { id: string }) => [c.id, 2]));
    const refused = await post(`/api/v1/groups/${group.id}/events`, { expectedVersions: all2, type: 'eligibility.eligible_referred', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-15' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: `expectedVersions.${first?.id}`, code: 'version_conflict' })]);
    const after = (await sys.app.inject({ method: 'GET', url: `/api/v1/claims/${second?.id}` })).json();
    expect(after.version).toBe(2);
    const outsider = await post(`/api/v1/groups/${group.id}/events`, { expectedVersions: { '00000000-0000-4000-8000-000000000000': 1 }, type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-14' });
    expect(outsider.statusCode).toBe(422);
    expect(outsider.json().errors[0].code).toBe('not_in_group');
  });
});
