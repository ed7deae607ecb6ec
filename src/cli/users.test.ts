import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/process.ts';
import { createTestDatabase, startTestSystem, testContext, TEST_KEY_RING } from '../test/harness.ts';
import { openSystem } from '../services/system.ts';
import { createDemoUsers, formatUsers, nameDemoCounsel } from './users.ts';
import { buildIntake } from '../test/factories.ts';

const client = { address: '127.0.0.1', userAgent: null };

describe('refuge users', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'refuge-users-'));
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url ?? '', REFUGE_DATA_DIR: join(dir, 'db') };
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the database the commands used, once they have exited (PGlite allows one process at a time). */
  async function signInWith(username: string, password: string) {
    const system = await openSystem({ databaseUrl: database.url, dataDir: join(dir, 'db') }, { keys: TEST_KEY_RING });
    try {
      return await system.users.signIn(testContext(), client, username, password);
    } catch (err) {
      return err as Error;
    } finally {
      await system.close();
    }
  }

  it('create-admin prints a generated password once, and refuses a username that exists', { timeout: 180_000 }, async () => {
    const created = await runCli(['users', 'create-admin', '--username', 'root-admin', '--name', 'First Administrator'], env);
    expect(created.code).toBe(0);
    expect(created.output).toMatch(/^Created administrator root-admin \([0-9a-f-]{36}\)\.\nPassword \(shown once, not stored in clear\): [A-Za-z0-9_-]{24}\n$/);
    const password = /: ([A-Za-z0-9_-]{24})\n$/.exec(created.output)?.[1] as string;
    expect(await signInWith('root-admin', password)).toMatchObject({ kind: 'session', session: { user: { username: 'root-admin', displayName: 'First Administrator', roles: ['ADMINISTRATOR'], officeScope: 'ALL' } } });
    const again = await runCli(['users', 'create-admin', '--username', 'ROOT-admin'], env);
    expect(again.code).toBe(1);
    expect(again.output).toBe('An account with the username "ROOT-admin" already exists; nothing was changed.\n');
  });

  it('create-admin --password-stdin takes the password from standard input, and holds it to the policy', { timeout: 180_000 }, async () => {
    const short = await runCli(['users', 'create-admin', '--username', 'stdin-admin', '--password-stdin'], env, 'too short\n');
    expect(short.code).toBe(1);
    expect(short.output).toBe('A password must have at least 12 characters.\n');
    const ok = await runCli(['users', 'create-admin', '--username', 'stdin-admin', '--password-stdin'], env, 'a long enough passphrase\n');
    expect(ok.code).toBe(0);
    expect(ok.output).not.toContain('Password');
    expect(await signInWith('stdin-admin', 'a long enough passphrase')).toMatchObject({ kind: 'session' });
  });

  // Each command is a process that opens the database: slow on a loaded machine.
  it('add, link-oidc, disable and list', { timeout: 240_000 }, async () => {
    const added = await runCli(['users', 'add', '--username', 'officer', '--role', 'INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', '--office', 'QC-LACOLLE', 'BC-DOUGLAS', '--name', 'An Officer'], env);
    expect(added.code).toBe(0);
    expect(added.output).toMatch(/^Created officer \([0-9a-f-]{36}\): INTAKE_OFFICER, ELIGIBILITY_OFFICER; offices: QC-LACOLLE BC-DOUGLAS\.\nPassword/);
    const sso = await runCli(['users', 'add', '--username', 'sso-only', '--role', 'ANALYST', '--all-offices', '--no-password'], env);
    expect(sso.output).not.toContain('Password');
    const linked = await runCli(['users', 'link-oidc', '--username', 'sso-only', '--issuer', 'https://sso.example.org', '--subject', 'a-123'], env);
    expect(linked.output).toBe('sso-only now signs in as a-123 at https://sso.example.org.\n');
    const disabled = await runCli(['users', 'disable', '--username', 'officer'], env);
    expect(disabled.output).toBe('officer is disabled; its sessions are ended.\n');
    const list = await runCli(['users', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.output).toBe([
      'username     roles                               offices                status    2fa  identities',
      'officer      INTAKE_OFFICER ELIGIBILITY_OFFICER  QC-LACOLLE BC-DOUGLAS  disabled  -    -',
      'root-admin   ADMINISTRATOR                       ALL                    enabled   -    -',
      'sso-only     ANALYST                             ALL                    enabled   -    a-123@https://sso.example.org',
      'stdin-admin  ADMINISTRATOR                       ALL                    enabled   -    -',
      '',
    ].join('\n'));
  });
});

describe('the demo accounts', () => {
  it('give the demo counsel the newest claimants at QC-LACOLLE as clients, and only them', async () => {
    const sys = await startTestSystem();
    try {
      const override = { duplicateOverride: { reason: 'Demo counsel test fixture, no search.' } };
      const older = (await sys.claims.createGroup(testContext(), { ...buildIntake({ claimDate: '2025-07-01' }), ...override })).group.claims[0]!;
      const newer = (await sys.claims.createGroup(testContext(), { ...buildIntake({ claimDate: '2025-07-14' }), ...override })).group.claims[0]!;
      await sys.claims.createGroup(testContext(), { ...buildIntake({ officeCode: 'ON-YYZ' }), ...override });
      const demo = await createDemoUsers(sys.users, testContext());
      const counsel = demo.find((u) => u.username === 'demo-counsel')!;
      expect(await nameDemoCounsel(sys.claims, testContext(), counsel.id, 'QC-LACOLLE', 5)).toEqual([newer.reference, older.reference]);
      const signedIn = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: counsel.username, password: counsel.password } });
      const cookie = signedIn.cookies.find((c) => c.name === 'refuge_session')!;
      const res = await sys.injectAnonymous({ method: 'GET', url: '/api/v1/claims', headers: { cookie: `refuge_session=${cookie.value}` } });
      expect((res.json() as { items: Array<{ reference: string }> }).items.map((c) => c.reference)).toEqual([newer.reference, older.reference]);
    } finally {
      await sys.close();
    }
  });

  it('are one per role, office-scoped case workers at QC-LACOLLE, each with its own random password', async () => {
    const sys = await startTestSystem();
    try {
      const demo = await createDemoUsers(sys.users, testContext());
      expect(demo.map((u) => [u.username, u.roles.join(' '), u.officeScope])).toEqual([
        ['demo-intake', 'INTAKE_OFFICER', ['QC-LACOLLE']],
        ['demo-eligibility', 'ELIGIBILITY_OFFICER', ['QC-LACOLLE']],
        ['demo-registry', 'TRIBUNAL_REGISTRY', ['QC-LACOLLE']],
        ['demo-member', 'TRIBUNAL_MEMBER', ['QC-LACOLLE']],
        ['demo-counsel', 'COUNSEL', []],
        ['demo-analyst', 'ANALYST', 'ALL'],
        ['demo-auditor', 'AUDITOR', 'ALL'],
        ['demo-admin', 'ADMINISTRATOR', 'ALL'],
      ]);
      expect(new Set(demo.map((u) => u.password)).size).toBe(8);
      for (const u of demo) {
        const res = await sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: u.username, password: u.password } });
        expect(res.statusCode).toBe(200);
      }
      const table = formatUsers(demo.slice(0, 1).map(({ username, password, roles, officeScope }) => ({ username, password, roles, officeScope })));
      expect(table).toBe(`username     password                  roles           offices\ndemo-intake  ${demo[0]?.password}  INTAKE_OFFICER  QC-LACOLLE`);
    } finally {
      await sys.close();
    }
  });
});
