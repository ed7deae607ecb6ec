import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake } from '../test/factories.ts';
import type { Caller, Role } from '../domain/access/policy.ts';

let sys: TestSystem;
beforeAll(async () => { sys = await startTestSystem(); });
afterAll(async () => { await sys.close(); });

const override = { duplicateOverride: { reason: 'counsel test: searched by hand' } };
/** An account made through the service, as an administrator would, with a username no answer may carry. */
const account = (username: string, displayName: string, roles: Role[]) =>
  sys.users.createUser(testContext(), { username, displayName, roles, officeScope: ['QC-LACOLLE'], password: 'a long enough password 1' });

describe(`the counsel directory (GET /api/v1/counsel) on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('lists the enabled counsel accounts by display name, with their id and display name and nothing else', async () => {
    const zoe = await account('zz-counsel-username-1', 'Zoé Avocate', ['COUNSEL']);
    const bruno = await account('zz-counsel-username-2', 'bruno Lawyer', ['COUNSEL', 'ANALYST']);
    const gone = await account('zz-counsel-username-3', 'Alice Disabled', ['COUNSEL']);
    await sys.users.updateUser(testContext(), gone.id, { disabled: true });
    await account('zz-analyst-username', 'Aaron Analyst', ['ANALYST']);
    await account('zz-officer-username', 'Abel Officer', ['ELIGIBILITY_OFFICER']);
    const officer = await sys.signIn({ roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE'] });

    const res = await sys.injectAnonymous({ method: 'GET', url: '/api/v1/counsel', headers: officer });
    expect(res.statusCode).toBe(200);
    // Sorted whatever the case; the disabled counsel and the accounts without the role are not there.
    expect(res.json()).toEqual({ items: [{ id: bruno.id, displayName: 'bruno Lawyer' }, { id: zoe.id, displayName: 'Zoé Avocate' }] });
    // Nothing else of the accounts: no username, roles, offices, sign-in times or second factor.
    expect(res.body).not.toMatch(/username|zz-|COUNSEL|ANALYST|QC-LACOLLE|lastSignIn|totp/i);
  });

  it('is open to the roles that may name counsel, and to no one else (403, audited; 401 without a session)', async () => {
    const allowed = await Promise.all((['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY'] as const).map((r) => sys.signInUser({ roles: [r] })));
    for (const { headers } of allowed) {
      expect((await sys.injectAnonymous({ method: 'GET', url: '/api/v1/counsel', headers })).statusCode).toBe(200);
    }
    for (const role of ['TRIBUNAL_MEMBER', 'COUNSEL', 'ANALYST', 'AUDITOR', 'ADMINISTRATOR'] as const) {
      const { user, headers } = await sys.signInUser({ roles: [role] });
      const res = await sys.injectAnonymous({ method: 'GET', url: '/api/v1/counsel', headers });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code).toBe('forbidden');
      const { rows } = await sys.db.pool.query("SELECT subject_id, details FROM audit_log WHERE action = 'access.denied' AND actor = $1", [user.id]);
      expect(rows, role).toEqual([{ subject_id: 'GET /api/v1/counsel', details: { action: 'claims.name_counsel' } }]);
    }
    const anonymous = await sys.injectAnonymous({ method: 'GET', url: '/api/v1/counsel' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('not_signed_in');
    // The service refuses on its own too, whatever calls it.
    const member: Caller = { id: 'member-1', name: 'A member', roles: ['TRIBUNAL_MEMBER'], officeScope: 'ALL' };
    await expect(sys.users.listCounsel(testContext(member))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('names counsel on a claim by id, and the claim shows them by display name to whoever reads it', async () => {
    const first = await account('named-counsel-1', 'Maître Première', ['COUNSEL']);
    const second = await account('named-counsel-2', 'Counsel Second', ['COUNSEL']);
    const claim = (await sys.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { ...buildIntake({ officeCode: 'QC-LACOLLE' }), ...override } })).json().claims[0];
    expect(claim.counsel).toEqual([]);
    const officer = await sys.signIn({ roles: ['INTAKE_OFFICER'], officeScope: ['QC-LACOLLE'] });
    const named = await sys.injectAnonymous({ method: 'PUT', url: `/api/v1/claims/${claim.id}/counsel`, headers: officer, payload: { counselIds: [second.id, first.id], expectedCounselIds: [] } });
    expect(named.statusCode).toBe(200);
    const expected = [{ id: first.id, displayName: 'Maître Première' }, { id: second.id, displayName: 'Counsel Second' }].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(named.json().counsel).toEqual(expected);
    expect(named.json().counselIds).toEqual(expected.map((c) => c.id));
    // A tribunal member reads the claim (and may not name counsel); counsel read their client's claim.
    const member = await sys.signIn({ roles: ['TRIBUNAL_MEMBER'], officeScope: ['QC-LACOLLE'] });
    const signedIn = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'named-counsel-1', password: 'a long enough password 1' } });
    const counsel = { cookie: `refuge_session=${signedIn.cookies.find((c) => c.name === 'refuge_session')?.value}` };
    for (const headers of [member, officer, counsel]) {
      const read = await sys.injectAnonymous({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers });
      expect(read.json().counsel).toEqual(expected);
    }
    const group = await sys.injectAnonymous({ method: 'GET', url: `/api/v1/groups/${claim.groupId}`, headers: member });
    expect(group.json().claims[0].counsel).toEqual(expected);
    // A counsel account disabled later still shows by name where it is named; it can no longer be named again.
    await sys.users.updateUser(testContext(), second.id, { disabled: true });
    expect((await sys.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}` })).json().counsel).toEqual(expected);
    const again = await sys.injectAnonymous({ method: 'PUT', url: `/api/v1/claims/${claim.id}/counsel`, headers: officer, payload: { counselIds: [second.id], expectedCounselIds: expected.map((c) => c.id) } });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([{ field: 'counselIds[0]', code: 'not_counsel', message: `${second.id} is not an active counsel user.` }]);
  });
});
